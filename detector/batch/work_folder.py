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


def read_keys(folder: Path, offset: int, texts: bool = True) -> LinkKeys:
    """The keys spilled in ``folder`` with rows shifted by ``offset`` (the chunk's first row);
    without ``texts``, no text rows and signatures (the batch's searches read their own)."""
    tables = {name: pd.read_parquet(folder / f"keys_{name}.parquet") for name in _KEY_TABLES}
    tables["identifiers"]["row"] += offset
    tables["ip_spans"]["owner"] += offset
    tables["holders"]["row"] += offset
    arrays: dict[str, np.ndarray] = {}
    for kind in ("resume", "proposal"):
        if texts:
            rows, signatures = read_text_keys([folder], [offset], kind)
        else:
            rows, signatures = np.zeros(0, dtype=np.int64), np.zeros((0, 128), dtype=np.uint32)
        arrays[f"{kind}_rows"], arrays[f"{kind}_signatures"] = rows, signatures
    return LinkKeys(**tables, **arrays)


def text_key_count(folders: list[Path]) -> int:
    """How many resumes and proposals the chunks in ``folders`` hold (from the files' headers)."""
    return sum(len(np.load(folder / f"keys_{kind}_rows.npy", mmap_mode="r"))
               for folder in folders for kind in ("resume", "proposal"))


def read_text_keys(folders: list[Path], offsets: list[int], kind: str
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Owner rows (shifted by each chunk's ``offsets``) and MinHash signatures of the
    ``kind`` texts (resume or proposal) of the chunks in ``folders``, read straight into one
    array each (a concatenation copied the population's signatures once more)."""
    rows = [np.load(folder / f"keys_{kind}_rows.npy", allow_pickle=False) + offset
            for folder, offset in zip(folders, offsets, strict=True)]
    parts = [np.load(folder / f"keys_{kind}_signatures.npy", mmap_mode="r") for folder in folders]
    width, dtype = 128, np.dtype(np.uint32)
    for part in parts:
        if part.ndim == 2:  # a chunk without texts holds a flat empty array
            width, dtype = part.shape[1], part.dtype
            break
    signatures = np.empty((sum(len(r) for r in rows), width), dtype=dtype)
    at = 0
    for part, owner in zip(parts, rows, strict=True):
        signatures[at:at + len(owner)] = part.reshape(len(owner), width)
        at += len(owner)
    del parts
    return (np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)), signatures


def read_photo_hashes(folders: list[Path]) -> list:
    """Every applicant's photo hash, in row order, from the chunks' key tables."""
    return [value for folder in folders for value in
            pd.read_parquet(folder / "keys_applicants.parquet", columns=["photo_phash"])["photo_phash"]]
