"""Choosing a file format from a path's extension, and writing files whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from detector.errors import ConfigurationError

Format = Literal["csv", "jsonl", "parquet"]
_SUFFIXES: dict[str, Format] = {
    ".csv": "csv",
    ".csv.gz": "csv",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".parquet": "parquet",
}


def output_format(path: Path) -> Format:
    """The format an output path asks for; ConfigurationError naming the choices otherwise."""
    for suffix, kind in _SUFFIXES.items():
        if path.name.endswith(suffix):
            return kind
    raise ConfigurationError(
        f"output file '{path}' has an unknown extension; end it with .csv, .csv.gz, .jsonl, "
        ".jsonl.gz or .parquet"
    )


def is_gzip(path: Path) -> bool:
    return path.name.endswith(".gz")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``path`` to write to; move it into place on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
