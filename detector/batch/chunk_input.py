"""Input cut into chunks of applicants, read with bounded memory.

A chunk travels as a :class:`ChunkSource`: the raw JSON Lines of its applicants, or its rows of
every table (the folder form). Both are plain data, so a chunk can be parsed and validated in
another process or on another machine (a Dask worker) without access to the input file.

* JSON Lines: consecutive ``chunk_size`` non-blank lines form a chunk.
* Folder of tables: consecutive ``chunk_size`` rows of the applicants table form a chunk. The
  other tables are streamed once and their rows partitioned to the chunk holding the first
  copy of their applicant id (rows naming no known applicant go to chunk 0, where validation
  rejects them as it would in one read). The partitions are Parquet files in the work folder.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet as pq

from detector.errors import InputError
from detector.io import coerce
from detector.io.gzip_reading import READ_ERRORS, open_bytes
from detector.io.read_input import (
    _TABLES,
    JSONL_SUFFIXES,
    _BadLine,
    _find_table,
    _flatten_nested,
    paused_gc,
)
from detector.io.validate import RawInput

CHILD_TABLES = ("sessions", "payouts", "proposals", "labels")
_BATCH_ROWS = 65_536


@dataclass
class ChunkSource:
    """One chunk of raw input: ``lines`` (line number, bytes) or ``tables`` (name -> rows)."""

    index: int
    lines: list[tuple[int, bytes]] | None = None
    tables: dict[str, pd.DataFrame | None] | None = None


def input_form(path: Path) -> str:
    """'jsonl' or 'tables'; other inputs (a single .json document) are not for batches."""
    if path.is_dir():
        return "tables"
    if path.name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    raise InputError(f"batch input '{path}' must be a .jsonl or .jsonl.gz file or a folder of "
                     "tables; score a .json document without --chunk-size")


# --------------------------------------------------------------------------- JSON Lines


def jsonl_chunks(path: Path, chunk_size: int, skip: set[int]) -> Iterator[ChunkSource]:
    """Chunks of raw lines; chunks in ``skip`` (already done) are counted but not kept."""
    try:
        with open_bytes(path) as handle:
            index, lines = 0, []
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                if index not in skip:
                    lines.append((number, line))
                    if len(lines) == chunk_size:
                        yield ChunkSource(index, lines=lines)
                        index, lines = index + 1, []
                else:
                    lines.append((number, b""))
                    if len(lines) == chunk_size:
                        index, lines = index + 1, []
            if (lines or index == 0) and index not in skip:
                yield ChunkSource(index, lines=lines)  # the last chunk, or an empty input
    except READ_ERRORS as error:
        raise InputError(f"cannot read '{path}': {error}; check that it is a readable "
                         f"{'gzip-compressed ' if path.name.endswith('.gz') else ''}JSON Lines file"
                         ) from error


def _parse(lines: list[tuple[int, bytes]]) -> Iterator[tuple[int, object]]:
    for number, line in lines:
        try:
            parsed: object = orjson.loads(line)
        except (ValueError, RecursionError) as error:
            parsed = _BadLine(str(error))
        yield number, parsed


# --------------------------------------------------------------------------- tables


def _batches(path: Path) -> Iterator[pa.RecordBatch]:
    """Record batches of a CSV (every column as text, empty = absent) or Parquet table."""
    try:
        if path.name.endswith(".parquet"):
            yield from pq.ParquetFile(path).iter_batches(batch_size=_BATCH_ROWS)
            return
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            header = handle.readline()
        if not header.strip():
            raise ValueError("the file is empty")
        names = next(iter(__import__("csv").reader([header])))
        reader = pyarrow.csv.open_csv(
            path,
            read_options=pyarrow.csv.ReadOptions(block_size=16 << 20),
            parse_options=pyarrow.csv.ParseOptions(newlines_in_values=True),
            convert_options=pyarrow.csv.ConvertOptions(
                column_types={name: pa.string() for name in names}, null_values=[""],
                strings_can_be_null=True, quoted_strings_can_be_null=True),
        )
        yield from reader
    except (OSError, ValueError, pa.ArrowException) as error:
        raise InputError(
            f"cannot read table '{path}': {error}; check that it is a valid "
            f"{'Parquet' if path.name.endswith('.parquet') else 'CSV'} file with a header row"
        ) from error


def _check_columns(path: Path, names: list[str], required: list[str]) -> None:
    absent = [name for name in required if name not in names]
    if absent:
        raise InputError(
            f"table '{path}' has no column {', '.join(absent)}; the columns are named in "
            "INPUT.md (found: " + ", ".join(names) + ")")


def _id_keys(batch: pa.RecordBatch) -> pd.Series:
    """Applicant ids as validation reads them (text, None where not text)."""
    return coerce.text(batch.column("applicant_id").to_pandas().astype(object))[0]


def partition_tables(folder: Path, chunk_size: int, into: Path) -> int:
    """Write each chunk's rows of every table to ``into/<table>/<chunk>.parquet``; chunk count."""
    tables = {name: _find_table(folder, name) for name in _TABLES}
    for name, (_, _required, needed) in _TABLES.items():
        if tables[name] is None and needed:
            raise InputError(
                f"folder '{folder}' has no {name} table; add {name}.csv, {name}.csv.gz or "
                f"{name}.parquet (a header row alone when there are no {name})")
    chunk_of: dict[str, int] = {}
    count = _write_applicant_chunks(tables["applicants"], chunk_size, into / "applicants",  # type: ignore[arg-type]
                                    chunk_of)
    for name in CHILD_TABLES:
        path = tables[name]
        if path is not None:
            _partition_child(path, name, chunk_of, into / name)
    return max(count, 1)


def _write_applicant_chunks(path: Path, chunk_size: int, into: Path,
                            chunk_of: dict[str, int]) -> int:
    into.mkdir(parents=True, exist_ok=True)
    pending: list[pa.Table] = []
    pending_rows, index, line = 0, 0, 1
    checked = False

    def flush() -> None:
        nonlocal pending, pending_rows, index
        table = pa.concat_tables(pending)
        pq.write_table(table, into / f"{index:06d}.parquet")
        pending, pending_rows, index = [], 0, index + 1

    for batch in _batches(path):
        if not checked:
            _check_columns(path, batch.schema.names, _TABLES["applicants"][1])
            checked = True
        batch = batch.append_column("_line", pa.array(np.arange(line, line + batch.num_rows)))
        line += batch.num_rows
        start = 0
        while start < batch.num_rows:
            take = min(chunk_size - pending_rows, batch.num_rows - start)
            piece = batch.slice(start, take)
            for key in _id_keys(piece).dropna():
                chunk_of.setdefault(key, index)
            pending.append(pa.Table.from_batches([piece]))
            pending_rows += take
            start += take
            if pending_rows == chunk_size:
                flush()
    if pending:
        flush()
    if index == 0:  # an applicants table with a header and no rows
        if not checked:
            _check_columns(path, _header(path), _TABLES["applicants"][1])
    return index


def _header(path: Path) -> list[str]:
    if path.name.endswith(".parquet"):
        return pq.ParquetFile(path).schema_arrow.names
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return next(iter(__import__("csv").reader([handle.readline()])), [])


def _partition_child(path: Path, name: str, chunk_of: dict[str, int], into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    writers: dict[int, pq.ParquetWriter] = {}
    line = 1
    checked = False
    try:
        for batch in _batches(path):
            if not checked:
                _check_columns(path, batch.schema.names, _TABLES[name][1])
                checked = True
            batch = batch.append_column("_line", pa.array(np.arange(line, line + batch.num_rows)))
            line += batch.num_rows
            chunks = _id_keys(batch).map(chunk_of).fillna(0).to_numpy(dtype=np.int64)
            for chunk in np.unique(chunks):
                part = pa.Table.from_batches([batch]).filter(pa.array(chunks == chunk))
                writer = writers.get(int(chunk))
                if writer is None:
                    writer = pq.ParquetWriter(into / f"{int(chunk):06d}.parquet", part.schema)
                    writers[int(chunk)] = writer
                writer.write_table(part)
        if not checked:
            _check_columns(path, _header(path), _TABLES[name][1])
    finally:
        for writer in writers.values():
            writer.close()


def table_chunks(partitions: Path, count: int, skip: set[int]) -> Iterator[ChunkSource]:
    """Chunks read back from :func:`partition_tables`."""
    for index in range(count):
        if index in skip:
            continue
        tables: dict[str, pd.DataFrame | None] = {}
        for name in ("applicants", *CHILD_TABLES):
            path = partitions / name / f"{index:06d}.parquet"
            tables[name] = pd.read_parquet(path) if path.exists() else None
        yield ChunkSource(index, tables=tables)


# --------------------------------------------------------------------------- to RawInput


def raw_input(source: ChunkSource, has_labels_table: bool) -> RawInput:
    """The chunk as the reader of one whole input would have produced it."""
    if source.lines is not None:
        with paused_gc():
            return _flatten_nested(_parse(source.lines))
    tables = dict(source.tables or {})
    for name, (fields, _, _) in _TABLES.items():
        table = tables.get(name)
        if table is None:
            if name == "labels" and not has_labels_table:
                continue
            table = pd.DataFrame({f: pd.Series(dtype=object) for f in fields})
            table["_line"] = pd.Series(dtype="int64")
        lines = table["_line"].astype("int64").to_numpy()
        table = table.reindex(columns=fields)
        table["_line"] = lines
        tables[name] = table.reset_index(drop=True)
    for name in ("sessions", "payouts", "proposals"):
        table = tables[name]
        table["_index"] = -1  # type: ignore[index]
        table["_owner"] = -1  # type: ignore[index]
        table["_not_object"] = None  # type: ignore[index]
    return RawInput(form="tables", applicants=tables["applicants"],  # type: ignore[arg-type]
                    sessions=tables["sessions"], payouts=tables["payouts"],  # type: ignore[arg-type]
                    proposals=tables["proposals"], labels=tables.get("labels"))  # type: ignore[arg-type]


def raw_ids(raw: RawInput) -> pd.DataFrame:
    """Readable applicant ids of a chunk with the line (or row) of their first copy in it."""
    ids = coerce.text(raw.applicants["applicant_id"])[0]
    ids = ids.where(coerce.stripped(raw.applicants["applicant_id"])[0].notna(), None)
    frame = pd.DataFrame({"applicant_id": ids, "line": raw.applicants["_line"].astype("int64")})
    frame = frame.dropna(subset=["applicant_id"]).drop_duplicates("applicant_id").reset_index(drop=True)
    frame["applicant_id"] = frame["applicant_id"].astype("str")  # as spilled before (ids.parquet)
    return frame
