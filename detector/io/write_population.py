"""Writing a :class:`Population` back out in either input form of INPUT.md.

Used by the synthetic generator and by tests that check both forms read to the same
Population. Absent values are left out (JSON Lines) or empty (CSV); timestamps are written
as RFC 3339 in UTC (``2026-09-14T16:02:11Z``).
"""

from __future__ import annotations

import csv
import gzip
import json
import math
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from detector.errors import ConfigurationError
from detector.io.formats import replacing
from detector.io.population import Population

TableFormat = Literal["csv", "csv.gz", "parquet"]


def write_population(
    population: Population, path: str | Path, *, table_format: TableFormat = "csv"
) -> None:
    """Write ``population`` as nested JSON Lines (``.jsonl``, ``.jsonl.gz``) or, for any other
    path, as a folder of ``applicants``, ``sessions``, ``payouts``, ``proposals`` and ``labels``
    tables in ``table_format``."""
    path = Path(path)
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        _write_nested(population, path)
    elif table_format in ("csv", "csv.gz", "parquet"):
        _write_folder(population, path, table_format)
    else:
        raise ConfigurationError(
            f"table format '{table_format}' is unknown; use 'csv', 'csv.gz' or 'parquet'"
        )


def _rfc3339(column: pd.Series) -> pd.Series:
    values = column.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    nanoseconds = values[~np.isnat(values)].astype("int64")
    unit: Literal["s", "ms", "us", "ns"] = "ns"
    units: tuple[tuple[Literal["s", "ms", "us"], int], ...] = (
        ("s", 10**9), ("ms", 10**6), ("us", 10**3)
    )
    for candidate, size in units:
        if (nanoseconds % size == 0).all():  # the coarsest unit that loses nothing
            unit = candidate
            break
    text = np.datetime_as_string(values, unit=unit, timezone="UTC")
    return pd.Series(text, index=column.index, dtype=object).where(column.notna(), None)


def _text_table(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.DatetimeTZDtype):
            out[name] = _rfc3339(out[name])
    return out


def _records(table: pd.DataFrame, drop: tuple[str, ...] = ()) -> list[dict]:
    """Row dicts without absent values, numbers as JSON numbers, flags as booleans."""
    columns = [c for c in table.columns if c not in drop]
    rows = _text_table(table[columns]).to_dict(orient="records")
    flags = {"remote_access"}
    integers = {"duration_s"}
    records = []
    for row in rows:
        record = {}
        for key, value in row.items():
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            if key in flags:
                value = bool(value)
            elif key in integers and float(value).is_integer():
                value = int(value)
            record[key] = value
        records.append(record)
    return records


def _grouped(table: pd.DataFrame, ids: pd.Series) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {i: [] for i in ids}
    for owner, record in zip(
        table["applicant_id"].tolist(), _records(table, drop=("applicant_id",)), strict=True
    ):
        groups[owner].append(record)
    return groups


def _write_nested(population: Population, path: Path) -> None:
    ids = population.applicants["applicant_id"]
    nested = {
        "sessions": _grouped(population.sessions, ids),
        "payouts": _grouped(population.payouts, ids),
        "proposals": _grouped(population.proposals, ids),
    }
    opener = gzip.open if path.name.endswith(".gz") else open
    with replacing(path) as temporary, opener(temporary, "wt", encoding="utf-8") as handle:
        for record in _records(population.applicants):
            record["label"] = int(record["label"]) if "label" in record else None
            if record["label"] is None:
                del record["label"]
            for key, groups in nested.items():
                record[key] = groups[record["applicant_id"]]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_folder(population: Population, folder: Path, table_format: TableFormat) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    applicants = population.applicants
    labelled = applicants[applicants["label"].notna()]
    tables = {
        "applicants": applicants.drop(columns=["label", "decided_at"]),
        "sessions": population.sessions,
        "payouts": population.payouts,
        "proposals": population.proposals,
        "labels": pd.DataFrame(
            {"applicant_id": labelled["applicant_id"], "label": labelled["label"].astype("int64"),
             "decided_at": labelled["decided_at"]}
        ),
    }
    for name, table in tables.items():
        target = folder / f"{name}.{table_format}"
        with replacing(target) as temporary:
            if table_format == "parquet":
                table.to_parquet(temporary, index=False)
            else:
                _text_table(table).to_csv(
                    temporary,
                    index=False,
                    quoting=csv.QUOTE_NONNUMERIC,  # a bare '\r' in a value must be quoted too
                    compression="gzip" if table_format == "csv.gz" else None,
                )
