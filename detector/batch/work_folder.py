"""The checkpoint folder of a batch run: a manifest, and every finished step written whole.

Each step (a chunk's pass-1 spill, the link index, a chunk's scores) is written under a
temporary name and renamed into place, so after a kill (SIGKILL included) a step is either
complete or absent. A rerun with the same fingerprint (input, model, settings, chunk size)
skips what is complete; any other fingerprint starts afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from detector.errors import ConfigurationError
from detector.linking.population_links import LinkKeys

MANIFEST = "manifest.json"


def fingerprint(input_path: Path, parts: dict[str, object]) -> str:
    """Digest of the input (path, size, mtime of every file) and everything else that matters."""
    files = sorted(input_path.iterdir()) if input_path.is_dir() else [input_path]
    described = [(str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    text = json.dumps({"input": described, **parts}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class WorkFolder:
    def __init__(self, root: Path):
        self.root = root

    def open(self, digest: str) -> bool:
        """Prepare the folder for this run; True when finished steps of it can be reused."""
        manifest = self.root / MANIFEST
        if manifest.exists():
            if json.loads(manifest.read_text()).get("fingerprint") == digest:
                return True
            shutil.rmtree(self.root)  # our own folder from a run with other inputs or settings
        elif self.root.exists() and any(self.root.iterdir()):
            raise ConfigurationError(
                f"checkpoint folder '{self.root}' exists and is not a detector work folder; "
                "give an empty or new folder with --checkpoint")
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)  # the spill holds validated personal data
        self._write_text(manifest, json.dumps({"fingerprint": digest}))
        return False

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # ------------------------------------------------------------------ atomic steps

    @contextmanager
    def step(self, name: str) -> Iterator[Path]:
        """A temporary folder that becomes ``name`` once the block finishes."""
        final = self.root / name
        temporary = self.root / f"{name}.tmp"
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir(parents=True)
        yield temporary
        _fsync_dir(temporary)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(temporary, final)
        _fsync_dir(final.parent)

    def promote(self, source: str, name: str) -> None:
        """Move the finished step ``source`` into place as ``name`` (both in this folder)."""
        final = self.root / name
        shutil.rmtree(final, ignore_errors=True)
        os.replace(self.root / source, final)
        _fsync_dir(final.parent)

    def done(self, name: str) -> bool:
        return (self.root / name).is_dir()

    def path(self, name: str) -> Path:
        return self.root / name

    def secret(self, name: str, make) -> bytes:
        """A per-run secret (the random hash key when none is configured), kept across resumes."""
        path = self.root / name
        if path.exists():
            return path.read_bytes()
        value = make()
        self._write_text(path, value, binary=True, mode=0o600)
        return value

    @staticmethod
    def _write_text(path: Path, value, binary: bool = False, mode: int = 0o644) -> None:
        temporary = path.with_name(path.name + ".tmp")
        with open(temporary, "wb" if binary else "w") as handle:
            handle.write(value)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)


def _fsync_dir(path: Path) -> None:
    for child in path.iterdir():
        if child.is_file():
            with open(child, "rb") as handle:
                os.fsync(handle.fileno())
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------- link keys on disk

_KEY_TABLES = ("applicants", "identifiers", "ip_spans", "holders")
_KEY_ARRAYS = ("resume_rows", "resume_signatures", "proposal_rows", "proposal_signatures")


def write_keys(keys: LinkKeys, folder: Path) -> None:
    for name in _KEY_TABLES:
        getattr(keys, name).to_parquet(folder / f"keys_{name}.parquet", index=False)
    for name in _KEY_ARRAYS:
        np.save(folder / f"keys_{name}.npy", getattr(keys, name), allow_pickle=False)


def read_keys(folder: Path, offset: int) -> LinkKeys:
    """The keys spilled in ``folder`` with rows shifted by ``offset`` (the chunk's first row)."""
    tables = {name: pd.read_parquet(folder / f"keys_{name}.parquet") for name in _KEY_TABLES}
    arrays = {name: np.load(folder / f"keys_{name}.npy", allow_pickle=False) for name in _KEY_ARRAYS}
    tables["identifiers"]["row"] += offset
    tables["ip_spans"]["owner"] += offset
    tables["holders"]["row"] += offset
    arrays["resume_rows"] = arrays["resume_rows"] + offset
    arrays["proposal_rows"] = arrays["proposal_rows"] + offset
    if arrays["resume_signatures"].ndim == 1:  # a chunk without texts
        arrays["resume_signatures"] = arrays["resume_signatures"].reshape(0, 128)
    if arrays["proposal_signatures"].ndim == 1:
        arrays["proposal_signatures"] = arrays["proposal_signatures"].reshape(0, 128)
    return LinkKeys(**tables, **arrays)
