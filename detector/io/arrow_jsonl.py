"""A fast reader for chunks of JSON Lines in the contract's exact shape, parsed by Arrow's C++
JSON reader against an explicit schema.

The general reader (:mod:`detector.io.read_input`) parses each line with orjson into Python
objects and transposes them into columns: about 0.75 CPU seconds for a heavy chunk of 20,000
applicants with 350,000 sessions. Arrow parses the same bytes straight into typed columns in
about 0.3 s. But Arrow's JSON is not orjson's: it takes ``NaN`` and ``Infinity``, two objects on
one line, fields outside the schema, ``null`` items in a list and invalid UTF-8, and it cannot
hold what the contract allows and the validator rejects or converts (numbers in text fields,
a list that is not a list, ...). So this reader answers only for chunks it can take exactly and
``None`` otherwise, and the caller runs the general reader:

* Every line must start with ``{``: pyarrow 26 crashes the process (SIGSEGV) on a first line
  of ``null`` (apache/arrow#47409; ``scripts/fuzz_arrow_jsonl.py`` looks for more such inputs).
* Arrow must parse every line against the schema, with no field outside it, one row per line,
  valid UTF-8 in every string, no ``null`` item in a nested list and no NaN or infinite number.
* The rows go through the same validator as the general reader's (:func:`validate_raw`); a
  chunk with any reject is read again by the general reader, so every reject message comes
  from the records orjson parsed, as before.

What remains can differ from the general reader only in the Python types of numbers before
validation (a float where orjson made an int), which validation turns into the same floats.
``tests/test_arrow_jsonl.py`` compares the two readers' validated tables on chunks built to
catch the differences.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from detector.io import validate
from detector.io.population import APPLICANT_COLUMNS, LoadResult
from detector.io.read_input import _SUB_FIELDS
from detector.io.validate import RawInput, empty_rejects, validate_raw

_TEXT = pa.string()
# Types the nested form's fields take in clean input; anything else fails the parse.
_FIELD_TYPES: dict[str, pa.DataType] = {
    "hourly_rate_usd": pa.float64(),
    "label": pa.int64(),
    "remote_access": pa.bool_(),
    "duration_s": pa.int64(),
}
# Fields validation reads with ``coerce.text`` alone, which starts by making a string column.
_FREE_TEXT = {*validate._FREE_TEXT, "device_id", "account_ref", "holder_name", "text"}
_LISTS = {"session": "sessions", "payout": "payouts", "proposal": "proposals"}


def _struct(names: list[str]) -> list[tuple[str, pa.DataType]]:
    return [(name, _FIELD_TYPES.get(name, _TEXT)) for name in names]


SCHEMA = pa.schema(
    _struct(list(APPLICANT_COLUMNS))
    + [(key, pa.list_(pa.struct(_struct(_SUB_FIELDS[kind])))) for kind, key in _LISTS.items()]
)
_PARSE = pj.ParseOptions(explicit_schema=SCHEMA, unexpected_field_behavior="error")


def read_clean_chunk(lines: list[tuple[int, bytes]],
                     earlier_ids: Mapping[str, int] | None = None) -> tuple[LoadResult, RawInput] | None:
    """The validated chunk (it has no rejects) and the raw input it came from (for the chunk's
    raw ids), or None when the general reader must read it (see the module docstring)."""
    table = _parse([line for _, line in lines])
    if table is None or table.num_rows != len(lines):
        return None
    raw = _raw_input(table, np.fromiter((number for number, _ in lines), dtype=np.int64, count=len(lines)))
    if raw is None:
        return None
    loaded = validate_raw(raw, earlier_ids)
    if len(loaded.rejects):
        return None
    return loaded, raw


def _parse(lines: list[bytes]) -> pa.Table | None:
    if not lines or not all(map(_is_object_line, lines)):
        return None  # pyarrow 26 crashes (SIGSEGV) on a first line of `null`
    data = b"\n".join(line.rstrip(b"\r\n") for line in lines) + b"\n"
    try:
        table = pj.read_json(
            pa.BufferReader(data),
            read_options=pj.ReadOptions(use_threads=False, block_size=len(data) + 1),
            parse_options=_PARSE,
        )
        table = table.combine_chunks()
        table.validate(full=True)  # Arrow's parser does not check UTF-8
    except pa.ArrowException:  # not JSON, not the schema, invalid UTF-8, a column over 2 GB ...
        return None
    return table


def _is_object_line(line: bytes) -> bool:
    return line.startswith(b"{") or line.lstrip().startswith(b"{")


def _values(array: pa.Array, name: str) -> pd.Series:
    """Free text as pandas' string column (validation converts orjson's strings to that
    first); other text and booleans as Python objects (None where absent), as orjson's records
    hold them (validation converts code-like text once per distinct value from there); numbers
    as a NumPy column (NaN where absent), which validation converts as it converts orjson's
    ints and floats."""
    if name in _FREE_TEXT:
        return pd.Series(array.to_pandas(), dtype="str")
    values = array.to_numpy(zero_copy_only=False)
    if pa.types.is_floating(array.type) or pa.types.is_integer(array.type):
        return pd.Series(values)
    return pd.Series(values, dtype=object)


def _finite(array: pa.Array) -> bool:
    if not pa.types.is_floating(array.type):
        return True
    return bool(pc.all(pc.is_finite(array)).as_py() is not False)


def _frame(columns: dict[str, pa.Array], names: list[str]) -> pd.DataFrame | None:
    """A raw table of object columns, or None when a number is NaN or infinite (orjson
    rejects the line)."""
    out = {}
    for name in names:
        array = columns[name]
        if not _finite(array):
            return None
        out[name] = _values(array, name)
    return pd.DataFrame(out)


def _raw_input(table: pa.Table, line_numbers: np.ndarray) -> RawInput | None:
    """The RawInput the general reader builds from the same lines (None: let it build it)."""
    columns = {name: table.column(name).chunk(0) if table.column(name).num_chunks else
               pa.array([], type=table.schema.field(name).type) for name in table.column_names}
    applicants = _frame(columns, list(APPLICANT_COLUMNS))
    if applicants is None:
        return None
    applicants["_line"] = pd.Series(line_numbers, dtype="int64")
    tables = {}
    for kind, key in _LISTS.items():
        lists = columns[key]
        items = pc.list_flatten(lists)
        if items.null_count:
            return None  # a null item: the general reader names it ("is not an object")
        owner = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False).astype(np.int64)
        starts = pc.list_value_length(lists).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        starts = np.cumsum(starts) - starts
        fields = dict(zip(_SUB_FIELDS[kind], items.flatten(), strict=True))
        frame = _frame(fields, _SUB_FIELDS[kind])
        if frame is None:
            return None
        frame["_line"] = pd.Series(line_numbers[owner], dtype="int64")
        frame["_index"] = pd.Series(np.arange(len(owner), dtype=np.int64) - starts[owner], dtype="int64")
        frame["_owner"] = pd.Series(owner, dtype="int64")
        frame["_not_object"] = pd.Series([None] * len(owner), dtype=object)
        tables[key] = frame
    return RawInput(
        form="nested",
        applicants=applicants,
        list_problems=pd.DataFrame({"_owner": [], "field": [], "reason": []}),
        line_rejects=empty_rejects(),
        **tables,
    )
