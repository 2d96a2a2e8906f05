"""Hypothesis: garbage never crashes the reader, and every input record is accounted for once.

Accounting rule (see detector/io/validate.py): a record is either in the Population or named
by the ``record`` column of at least one reject row; the nested records of a rejected
applicant line, and the labels rows of a rejected applicant, are covered by its reject.
"""

from __future__ import annotations

import csv
import gzip
import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import batches, jsonl_lines, table_columns, table_rows

from detector.io import LoadResult, load_population, load_population_from_records
from detector.io.population import REJECT_COLUMNS

BOUNDED = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NESTED = {"session": "sessions", "payout": "payouts", "proposal": "proposals"}


def rejected_records(result: LoadResult) -> set[str]:
    return set(result.rejects["record"])


def check_rejects_shape(result: LoadResult) -> None:
    rejects = result.rejects
    assert list(rejects.columns) == REJECT_COLUMNS
    for name in REJECT_COLUMNS:
        assert rejects[name].map(lambda v: isinstance(v, str) and v != "").all(), name
    assert result.population.ids.is_unique


def check_nested_accounting(items: list[tuple[int, object]], result: LoadResult) -> None:
    """``items``: (line number, parsed value) of every non-blank line."""
    check_rejects_shape(result)
    named = rejected_records(result)
    population = result.population
    lines = {line for line, _ in items}
    rejected_lines = {line for line in lines if f"applicant (line {line})" in named}
    assert len(population) + len(rejected_lines) == len(lines)
    objects = {line: value for line, value in items if isinstance(value, dict)}
    for kind, key in NESTED.items():
        total = covered = listed = 0
        for line, value in objects.items():
            nested = value.get(key)
            if not isinstance(nested, list):
                continue
            total += len(nested)
            if line in rejected_lines:
                covered += len(nested)
            else:
                listed += sum(f"{kind} {i} (line {line})" in named for i in range(len(nested)))
        assert len(getattr(population, key)) + covered + listed == total, kind
    # Every named record exists in the input.
    real = {f"applicant (line {line})" for line in lines}
    for line, value in objects.items():
        for kind, key in NESTED.items():
            nested = value.get(key)
            if isinstance(nested, list):
                real |= {f"{kind} {i} (line {line})" for i in range(len(nested))}
    assert named <= real, named - real


@BOUNDED
@given(batches)
def test_garbage_records_are_each_accounted_for_once(batch):
    result = load_population_from_records(batch)
    check_nested_accounting(list(enumerate(batch, start=1)), result)


@BOUNDED
@given(st.lists(jsonl_lines, max_size=8), st.booleans())
def test_garbage_jsonl_is_each_accounted_for_once(lines, compressed):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("in.jsonl.gz" if compressed else "in.jsonl")
        data = ("\n".join(lines) + "\n").encode("utf-8", errors="surrogatepass")
        if compressed:
            data = gzip.compress(data)
        path.write_bytes(data)
        result = load_population(path)
    items = []
    for number, line in enumerate("\n".join(lines).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            items.append((number, json.loads(line)))
        except ValueError:
            items.append((number, None))
    check_nested_accounting(items, result)


@BOUNDED
@given(
    st.fixed_dictionaries({name: table_rows(columns) for name, columns in table_columns.items()}),
    st.sampled_from(["csv", "parquet"]),
)
def test_garbage_tables_are_each_accounted_for_once(tables, table_format):
    with tempfile.TemporaryDirectory() as folder:
        for name, rows in tables.items():
            frame = pd.DataFrame(rows, columns=list(table_columns[name]), dtype=object)
            if table_format == "csv":
                # Quote every text cell, as RFC 4180 asks for values holding a bare '\r'.
                frame.to_csv(Path(folder) / f"{name}.csv", index=False, quoting=csv.QUOTE_NONNUMERIC)
            else:
                frame.astype("str").to_parquet(Path(folder) / f"{name}.parquet", index=False)
        result = load_population(folder)
    check_rejects_shape(result)
    named = rejected_records(result)
    population = result.population

    def rows_named(kind: str, n: int) -> int:
        return sum(f"{kind} (row {row})" in named for row in range(1, n + 1))

    assert len(population) + rows_named("applicant", len(tables["applicants"])) == len(
        tables["applicants"]
    )
    for kind, key in NESTED.items():
        listed = rows_named(kind, len(tables[key]))
        assert len(getattr(population, key)) + listed == len(tables[key]), kind
    # A labels row is in the Population (as a label), listed, or covered by its applicant's reject.
    accepted = set(population.ids)
    rejected_ids = set(
        result.rejects.loc[result.rejects["record"].str.startswith("applicant"), "applicant_id"]
    )
    labelled = population.applicants["label"].notna().sum()
    covered = sum(
        f"label (row {row})" not in named
        and label["applicant_id"] in rejected_ids - accepted
        for row, label in enumerate(tables["labels"], start=1)
    )
    assert labelled + rows_named("label", len(tables["labels"])) + covered == len(tables["labels"])
