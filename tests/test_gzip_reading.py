"""Batch input in gzip is read with ISA-L when installed: the same lines as Python's gzip, and
a damaged or cut file is still refused with a clear error."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from detector.batch.chunk_input import jsonl_chunks
from detector.errors import InputError
from detector.io import load_population
from detector.io.gzip_reading import open_gzip

LINES = [f'{{"applicant_id": "a{i}", "note": "{"x" * (i % 97)}"}}\n'.encode() for i in range(5000)]


def _written(path: Path, members: int = 1) -> Path:
    size = len(LINES) // members
    with open(path, "wb") as handle:  # several gzip members, as concatenated exports are
        for start in range(0, len(LINES), size):
            handle.write(gzip.compress(b"".join(LINES[start:start + size]), compresslevel=3))
    return path


def test_the_same_lines_as_pythons_gzip(tmp_path):
    path = _written(tmp_path / "input.jsonl.gz", members=3)
    with open_gzip(path) as handle:
        found = list(handle)
    with gzip.open(path, "rb") as handle:
        assert found == list(handle) == LINES
    chunks = list(jsonl_chunks(path, 1200, set()))
    assert [line for chunk in chunks for _, line in chunk.lines or []] == LINES
    assert [len(chunk.lines or []) for chunk in chunks] == [1200, 1200, 1200, 1200, 200]


def _damaged(folder: Path, damage: str) -> Path:
    """A gzip file cut short, or garbled inside its compressed data."""
    data = _written(folder / "good.jsonl.gz").read_bytes()
    bad = folder / "bad.jsonl.gz"
    bad.write_bytes(data[: len(data) // 2] if damage == "cut"
                    else data[:20] + bytes(b ^ 0x5A for b in data[20:200]) + data[200:])
    return bad


@pytest.mark.parametrize("damage", ["cut", "garbled"])
def test_a_damaged_file_is_refused_with_its_name(tmp_path, damage):
    bad = _damaged(tmp_path, damage)
    with pytest.raises(InputError, match="bad.jsonl.gz.*gzip-compressed JSON Lines"):
        for _ in jsonl_chunks(bad, 1000, set()):
            pass


@pytest.mark.parametrize("damage", ["cut", "garbled"])
def test_the_in_memory_reader_refuses_a_damaged_file_too(tmp_path, damage):
    """``detector score`` on a small input reads it whole, not in batch chunks."""
    with pytest.raises(InputError, match="bad.jsonl.gz.*gzip-compressed JSON Lines"):
        load_population(_damaged(tmp_path, damage))
