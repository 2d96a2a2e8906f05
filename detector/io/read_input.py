"""Read applicant data in either form of INPUT.md and validate it at the boundary.

* Nested JSON Lines (``.jsonl``, ``.jsonl.gz``): one applicant object per line with nested
  ``sessions``, ``payouts``, ``proposals`` lists and an optional ``label``. Blank lines are
  skipped; a line that is not a JSON object is a reject (``applicant_id`` = ``line 17``).
* A folder of tables ``applicants``, ``sessions``, ``payouts`` and optional ``proposals`` and
  ``labels``, each as ``.csv``, ``.csv.gz`` or ``.parquet``. CSV cells are read as text (an
  empty cell is absent; ``NA`` stays the string 'NA', Namibia's code). Labels come from the
  ``labels`` table; an applicants-table ``label`` column is used only when there is no such table.

Anything that prevents reading at all (missing path, unknown format, no applicants table,
a table without a required column, a corrupt file) raises :class:`InputError`.
"""

from __future__ import annotations

import csv
import gc
import gzip
import itertools
import operator
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.csv

from detector.errors import InputError
from detector.io.coerce import type_name
from detector.io.gzip_reading import READ_ERRORS, open_bytes
from detector.io.population import (
    APPLICANT_COLUMNS,
    PAYOUT_COLUMNS,
    PROPOSAL_COLUMNS,
    REJECT_COLUMNS,
    SESSION_COLUMNS,
    LoadResult,
)
from detector.io.validate import RawInput, empty_rejects, validate_raw

TABLE_SUFFIXES = (".csv", ".csv.gz", ".parquet")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_FORMS_HINT = (
    "pass a .jsonl or .jsonl.gz file (one applicant per line), a .json file (one applicant or a "
    "list of them) or a folder holding "
    "applicants, sessions and payouts tables as .csv, .csv.gz or .parquet"
)
# Table name -> (fields read, fields without which the table is unreadable, required table?)
_TABLES: dict[str, tuple[list[str], list[str], bool]] = {
    "applicants": (list(APPLICANT_COLUMNS), ["applicant_id", "created_at", "claimed_country"], True),
    "sessions": (list(SESSION_COLUMNS), ["applicant_id", "started_at", "ip"], True),
    "payouts": (list(PAYOUT_COLUMNS), ["applicant_id", "method", "account_ref"], True),
    "proposals": (list(PROPOSAL_COLUMNS), ["applicant_id", "submitted_at", "text"], False),
    "labels": (["applicant_id", "label", "decided_at"], ["applicant_id", "label"], False),
}
_NESTED = {"session": "sessions", "payout": "payouts", "proposal": "proposals"}
_SUB_FIELDS = {
    "session": [c for c in SESSION_COLUMNS if c != "applicant_id"],
    "payout": [c for c in PAYOUT_COLUMNS if c != "applicant_id"],
    "proposal": [c for c in PROPOSAL_COLUMNS if c != "applicant_id"],
}


def load_population(path: str | Path) -> LoadResult:
    """Read and validate the applicants at ``path`` (a JSON Lines file or a folder of tables)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"input path '{path}' does not exist; {_FORMS_HINT}")
    if path.is_dir():
        return validate_raw(_read_folder(path))
    if path.name.endswith(JSONL_SUFFIXES):
        with paused_gc():
            raw = _flatten_in_chunks(_read_jsonl(path))
        return validate_raw(raw)
    if path.name.endswith(".json"):
        return load_population_from_records(_read_json_document(path))
    raise InputError(f"input file '{path}' has an unknown format; {_FORMS_HINT}")


def load_population_from_records(records: list[dict]) -> LoadResult:
    """Validate already-parsed nested applicant objects (the scoring API's request body).

    Record ``i`` is reported as line ``i + 1``, as if the body were JSON Lines.
    """
    with paused_gc():
        raw = _flatten_nested(enumerate(records, start=1))
    return validate_raw(raw)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small dicts and lists.

    They hold no cycles, and collections triggered by the allocations alone cost ~40% of
    parsing time on large files.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --------------------------------------------------------------------------- nested form


def _read_jsonl(path: Path) -> Iterator[tuple[int, object]]:
    """(line number, parsed value) for every non-blank line; unparseable lines as _BadLine."""
    try:
        with open_bytes(path) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    parsed: object = orjson.loads(line)
                except (ValueError, RecursionError) as error:  # JSONDecodeError, bad UTF-8
                    parsed = _BadLine(str(error))
                yield number, parsed
    except READ_ERRORS as error:
        raise InputError(
            f"cannot read '{path}': {error}; check that it is a readable "
            f"{'gzip-compressed ' if path.name.endswith('.gz') else ''}JSON Lines file"
        ) from error


CHUNK_LINES = 20_000


def _flatten_in_chunks(items: Iterator[tuple[int, object]]) -> RawInput:
    """Flatten ``CHUNK_LINES`` lines at a time, so parsed JSON objects never pile up in memory."""
    size = CHUNK_LINES
    parts: list[RawInput] = []
    offset = 0
    while True:
        chunk = list(itertools.islice(items, size))
        if not chunk:
            break
        raw = _flatten_nested(chunk)
        for table in (raw.sessions, raw.payouts, raw.proposals, raw.list_problems):
            table["_owner"] = table["_owner"].astype("int64") + offset
        offset += len(raw.applicants)
        parts.append(raw)
    if len(parts) <= 1:
        return parts[0] if parts else _flatten_nested([])
    return RawInput(
        form="nested",
        applicants=pd.concat([p.applicants for p in parts], ignore_index=True),
        sessions=pd.concat([p.sessions for p in parts], ignore_index=True),
        payouts=pd.concat([p.payouts for p in parts], ignore_index=True),
        proposals=pd.concat([p.proposals for p in parts], ignore_index=True),
        list_problems=pd.concat([p.list_problems for p in parts], ignore_index=True),
        line_rejects=pd.concat([p.line_rejects for p in parts], ignore_index=True),
    )


def _read_json_document(path: Path) -> list:
    """A ``.json`` file holding one applicant object or a list of them (an API request body)."""
    try:
        document = orjson.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read '{path}' as JSON: {error}; write one applicant object, "
                         "a list of them, or use JSON Lines (.jsonl)") from error
    return document if isinstance(document, list) else [document]


class _BadLine:
    def __init__(self, message: str) -> None:
        self.message = message


def _flatten_nested(items: Iterable[tuple[int, object]]) -> RawInput:
    """Split nested applicant objects into raw applicant and sub-record tables."""
    applicants: list[dict] = []
    lines: list[int] = []
    # kind -> (items, (owner position, length of its list) per non-empty list)
    subs: dict[str, tuple[list, list[int], list[int]]] = {kind: ([], [], []) for kind in _NESTED}
    list_problems: list[tuple[int, str, str]] = []
    line_rejects: list[list[str]] = []
    for number, obj in items:
        if not isinstance(obj, dict):
            where = f"line {number}"
            if isinstance(obj, _BadLine):
                reason = f"line {number} is not valid JSON ({obj.message}); write one JSON object per line"
            else:
                reason = (
                    f"line {number} is a JSON {type_name(obj)}, not an object; write each "
                    "applicant as one JSON object"
                )
            line_rejects.append([where, f"applicant ({where})", "line", reason])
            continue
        position = len(applicants)
        applicants.append(obj)
        lines.append(number)
        for kind, key in _NESTED.items():
            nested = obj.get(key)
            if not nested:
                if nested is None or isinstance(nested, list):
                    continue
            if not isinstance(nested, list):
                list_problems.append(
                    (
                        position,
                        key,
                        f"{key} must be a list of {kind} objects, got {type_name(nested)}; "
                        f"use [] when there are none",
                    )
                )
                continue
            found, owners, counts = subs[kind]
            found.extend(nested)
            owners.append(position)
            counts.append(len(nested))

    applicant_fields = list(APPLICANT_COLUMNS)
    raw_applicants = _columns(applicants, applicant_fields)
    line_numbers = np.asarray(lines, dtype=np.int64)
    raw_applicants["_line"] = pd.Series(line_numbers, dtype="int64")
    tables = {}
    for kind, key in _NESTED.items():
        found, owners, counts = subs[kind]
        owner = np.repeat(np.asarray(owners, dtype=np.int64), counts)
        starts = np.cumsum(counts, dtype=np.int64) - np.asarray(counts, dtype=np.int64)
        index = np.arange(len(found), dtype=np.int64) - np.repeat(starts, counts)
        not_object: list[str | None] = [None] * len(found)
        if set(map(type, found)) - {dict}:
            not_object = [None if type(item) is dict else type_name(item) for item in found]
            found = [item if type(item) is dict else {} for item in found]
        table = _columns(found, _SUB_FIELDS[kind])
        table["_line"] = pd.Series(line_numbers[owner], dtype="int64")
        table["_index"] = pd.Series(index, dtype="int64")
        table["_owner"] = pd.Series(owner, dtype="int64")
        table["_not_object"] = pd.Series(not_object, dtype=object)
        tables[key] = table
    return RawInput(
        form="nested",
        applicants=raw_applicants,
        list_problems=pd.DataFrame(list_problems, columns=["_owner", "field", "reason"]),
        line_rejects=(
            pd.DataFrame(line_rejects, columns=REJECT_COLUMNS, dtype=object)
            if line_rejects
            else empty_rejects()
        ),
        **tables,
    )


def _columns(records: list[dict], names: list[str]) -> pd.DataFrame:
    """A raw table with one object column per name (absent keys become None).

    Each record is read once (its values picked in one call from a copy holding every name)
    and the rows are transposed, instead of one pass over the records per name.
    """
    if not records:
        return pd.DataFrame({name: pd.Series([], dtype=object) for name in names})
    blank = dict.fromkeys(names)
    pick = operator.itemgetter(*names)
    rows = [pick({**blank, **record}) for record in records]
    if len(names) == 1:
        rows = [(value,) for value in rows]
    columns = zip(*rows, strict=True)  # every row holds one value per name
    return pd.DataFrame(
        {name: pd.Series(list(values), dtype=object) for name, values in zip(names, columns, strict=True)}
    )


# --------------------------------------------------------------------------- table form


def _find_table(folder: Path, name: str) -> Path | None:
    found = [folder / f"{name}{suffix}" for suffix in TABLE_SUFFIXES]
    found = [p for p in found if p.exists()]
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise InputError(f"folder '{folder}' holds {names}; keep only one {name} table")
    return found[0] if found else None


def _read_table(path: Path, fields: list[str], required: list[str]) -> pd.DataFrame:
    try:
        if path.name.endswith(".parquet"):
            table = pd.read_parquet(path)
        else:
            table = _read_csv(path)
    except Exception as error:  # pandas/pyarrow raise many kinds; all mean "unreadable"
        raise InputError(
            f"cannot read table '{path}': {error}; check that it is a valid "
            f"{'Parquet' if path.name.endswith('.parquet') else 'CSV'} file with a header row"
        ) from error
    absent = [name for name in required if name not in table.columns]
    if absent:
        raise InputError(
            f"table '{path}' has no column {', '.join(absent)}; the columns are named in "
            "INPUT.md (found: " + ", ".join(map(str, table.columns)) + ")"
        )
    table = table.reindex(columns=fields)
    table["_line"] = pd.RangeIndex(1, len(table) + 1)
    return table.reset_index(drop=True)


def _read_csv(path: Path) -> pd.DataFrame:
    """Every column as text; only an empty cell is absent ('NA' is Namibia, not a gap)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), None)
    if not header:
        raise ValueError("the file is empty")
    table = pyarrow.csv.read_csv(
        path,
        parse_options=pyarrow.csv.ParseOptions(newlines_in_values=True),
        convert_options=pyarrow.csv.ConvertOptions(
            column_types={name: pa.string() for name in header},
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )
    return table.to_pandas()


def _read_folder(folder: Path) -> RawInput:
    tables: dict[str, pd.DataFrame | None] = {}
    for name, (fields, required, needed) in _TABLES.items():
        path = _find_table(folder, name)
        if path is None:
            if needed:
                raise InputError(
                    f"folder '{folder}' has no {name} table; add {name}.csv, {name}.csv.gz or "
                    f"{name}.parquet (a header row alone when there are no {name})"
                )
            tables[name] = None
            continue
        tables[name] = _read_table(path, fields, required)
    for name in ("sessions", "payouts", "proposals"):
        table = tables[name]
        if table is None:
            table = _read_table_empty(_TABLES[name][0])
        table["_index"] = -1
        table["_owner"] = -1
        table["_not_object"] = None
        tables[name] = table
    return RawInput(
        form="tables",
        applicants=tables["applicants"],  # type: ignore[arg-type]
        sessions=tables["sessions"],  # type: ignore[arg-type]
        payouts=tables["payouts"],  # type: ignore[arg-type]
        proposals=tables["proposals"],  # type: ignore[arg-type]
        labels=tables["labels"],
    )


def _read_table_empty(fields: list[str]) -> pd.DataFrame:
    table = pd.DataFrame({name: pd.Series(dtype=object) for name in fields})
    table["_line"] = pd.Series(dtype="int64")
    return table
