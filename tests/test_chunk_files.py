"""A chunk handed to a pass-1 process through a file comes back as the same lines."""

from __future__ import annotations

import pandas as pd

from detector.batch.chunk_files import chunk_from_file, lines_to_file
from detector.batch.chunk_input import ChunkSource


def test_lines_come_back_byte_for_byte_with_their_numbers(tmp_path):
    lines = [(1, b'{"applicant_id": "a"}\n'), (3, b'{"x": "carriage\rreturn"}\r\n'),
             (4, b"not json \xff\n"), (9, b'{"last": "no newline"}')]
    handed = lines_to_file(ChunkSource(7, lines=lines), tmp_path / "incoming")
    assert (tmp_path / "incoming" / "000007.lines").exists()
    back = chunk_from_file(handed)
    assert back.index == 7 and back.lines == lines
    assert not (tmp_path / "incoming" / "000007.lines").exists(), "removed once read"


def test_an_empty_chunk_and_a_table_chunk(tmp_path):
    assert chunk_from_file(lines_to_file(ChunkSource(0, lines=[]), tmp_path)).lines == []
    tables = ChunkSource(2, tables={"applicants": pd.DataFrame({"applicant_id": ["a"]})})
    assert lines_to_file(tables, tmp_path) is tables, "tables travel as they are"
    assert chunk_from_file(tables) is tables
