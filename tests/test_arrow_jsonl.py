"""The Arrow reader of clean JSON Lines chunks gives what the general reader gives, or nothing.

Batch pass 1 reads each chunk with :func:`read_clean_chunk` and falls back to the general
reader (orjson, then the validator) when it answers None. So for any chunk, "Arrow when it
answers, else the general reader" must equal the general reader alone: same validated tables,
same rejects, same applicant ids. The chunks are mostly clean records (so the Arrow reader does
answer: checked) with lines spoiled the ways Arrow's JSON differs from orjson's (NaN, two objects
on a line, invalid UTF-8, a repeated key, a null list item, a number where text belongs, a field
outside the contract ...) and with wrong values the validator rejects.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector.batch.chunk_input import ChunkSource, raw_ids, raw_input
from detector.io.arrow_jsonl import read_clean_chunk
from detector.io.validate import validate_raw
from detector.synth import generate_population
from tests.strategies import APPLICANT_FIELDS, PAYOUT_FIELDS, PROPOSAL_FIELDS, SESSION_FIELDS

EXAMPLES = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TABLES = ("applicants", "sessions", "payouts", "proposals")


def general(lines: list[tuple[int, bytes]], earlier: dict[str, int] | None = None):
    raw = raw_input(ChunkSource(0, lines=lines), False)
    ids = raw_ids(raw)
    return validate_raw(raw, earlier), ids


def either(lines: list[tuple[int, bytes]], earlier: dict[str, int] | None = None):
    """What batch pass 1 does: the Arrow reader when it answers, else the general reader."""
    clean = read_clean_chunk(lines, earlier)
    if clean is None:
        return general(lines, earlier), False
    loaded, raw = clean
    return (loaded, raw_ids(raw)), True


def assert_same(found, expected) -> None:
    (loaded, ids), (reference, reference_ids) = found, expected
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(loaded.population, name),
                                      getattr(reference.population, name), check_exact=True)
    pd.testing.assert_frame_equal(loaded.rejects, reference.rejects, check_exact=True)
    pd.testing.assert_frame_equal(ids, reference_ids, check_exact=True)


def numbered(lines: list[bytes], first: int = 1) -> list[tuple[int, bytes]]:
    return [(first + i, line if line.endswith(b"\n") else line + b"\n") for i, line in enumerate(lines)]


# --------------------------------------------------------------------------- a real population


@pytest.fixture(scope="module")
def synthetic_lines() -> list[bytes]:
    records, _ = generate_population(600, seed=7)
    return [json.dumps(record).encode() + b"\n" for record in records]


def test_synthetic_chunk_is_read_by_arrow_with_the_same_tables(synthetic_lines):
    lines = numbered(synthetic_lines, first=41)
    found, by_arrow = either(lines)
    assert by_arrow, "a clean synthetic chunk should take the Arrow reader"
    assert len(found[0].population.sessions) > 1000
    assert_same(found, general(lines))


def test_one_bad_line_falls_back_with_the_same_rejects(synthetic_lines):
    lines = synthetic_lines[:200]
    spoiled = dict(json.loads(lines[17]), hourly_rate_usd=-5)
    lines = [*lines[:17], json.dumps(spoiled).encode(), *lines[18:60], b"{not json\n", *lines[60:]]
    numbered_lines = numbered(lines)
    assert read_clean_chunk(numbered_lines) is None
    found, by_arrow = either(numbered_lines)
    expected = general(numbered_lines)
    assert not by_arrow
    assert_same(found, expected)
    reasons = found[0].rejects["reason"].tolist()
    assert len(reasons) == 2 and "not valid JSON" in reasons[1] and "-5" in reasons[0]


def test_an_id_seen_in_an_earlier_chunk_falls_back(synthetic_lines):
    lines = numbered(synthetic_lines[:50], first=1001)
    first_id = json.loads(synthetic_lines[3])["applicant_id"]
    found, by_arrow = either(lines, {first_id: 4})
    assert not by_arrow
    assert_same(found, general(lines, {first_id: 4}))
    assert "appears again (first at line 4)" in found[0].rejects["reason"].iloc[0]


def test_a_first_line_of_null_falls_back(synthetic_lines):
    """pyarrow 26's JSON reader crashes the process (SIGSEGV) when the first line is `null`."""
    lines = numbered([b"null", *synthetic_lines[:5]])
    found, by_arrow = either(lines)
    assert not by_arrow
    assert_same(found, general(lines))
    assert "JSON null, not an object" in found[0].rejects["reason"].iloc[0]


# --------------------------------------------------------------------------- generated chunks


@st.composite
def clean_record(draw, fields: dict, required: tuple[str, ...]) -> dict:
    return {name: draw(valid) for name, (valid, _) in fields.items()
            if name in required or draw(st.booleans())}


sessions = clean_record(SESSION_FIELDS, ("started_at", "ip"))
payouts = clean_record(PAYOUT_FIELDS, ("method", "account_ref"))
proposals = clean_record(PROPOSAL_FIELDS, ("submitted_at", "text"))
SCALAR_FIELDS = {name: parts for name, parts in APPLICANT_FIELDS.items()
                 if name not in ("sessions", "payouts", "proposals")}


@st.composite
def applicant(draw, number: int) -> dict:
    record = draw(clean_record(SCALAR_FIELDS, ("applicant_id", "created_at", "claimed_country")))
    record["applicant_id"] = f"id-{number}"
    for key, items in (("sessions", sessions), ("payouts", payouts), ("proposals", proposals)):
        if draw(st.booleans()):
            record[key] = draw(st.lists(items, max_size=4))
    return record


# Spoilers: JSON text Arrow and orjson read differently, or values the validator rejects.
TEXT_SPOILERS = [
    lambda line: line.replace(b'"created_at"', b'"hourly_rate_usd": NaN, "created_at"', 1),
    lambda line: line.replace(b'"created_at"', b'"hourly_rate_usd": Infinity, "created_at"', 1),
    lambda line: line.rstrip(b"\n") + b' {"applicant_id": "twin", "created_at": "2026-01-01T00:00:00Z"}\n',
    lambda line: line.replace(b'"applicant_id": "', b'"applicant_id": "\xff', 1),
    lambda line: line.replace(b'"applicant_id": "', b'"applicant_id": "\\udc00', 1),
    lambda line: line.replace(b'"created_at"', b'"claimed_country": "KP", "created_at"', 1),
    lambda line: line.replace(b'"created_at"', b'"unknown": NaN, "created_at"', 1),
    lambda line: line.replace(b'"created_at"', b'"sessions": [null], "created_at"', 1),
    lambda line: line.replace(b'"created_at"', b'"label": 1.0, "created_at"', 1),
    lambda line: line.replace(b'"created_at"', b'"label": true, "created_at"', 1),
    lambda line: line.replace(b'"created_at"', b'"hourly_rate_usd": 45, "created_at"', 1),
    lambda line: line.replace(b'"created_at"', b'"phone": 13125550100, "created_at"', 1),
    lambda line: line.replace(b'"created_at"', b'"decided_at": "2026-01-01T00:00:00Z", "created_at"', 1),
    lambda line: line.replace(b'"created_at": "', b'"created_at": " ', 1),
    lambda line: line.replace(b'"applicant_id": "', b'"applicant_id": " ', 1),
    lambda line: b"\r\n".join(line.rsplit(b"\n", 1)),
    lambda line: b"[1, 2]\n",
    lambda line: b"null\n",
]
VALUE_SPOILERS = {name: spoil for name, (_, spoil) in {**SCALAR_FIELDS, **SESSION_FIELDS}.items()}


@st.composite
def chunks(draw) -> list[tuple[int, bytes]]:
    count = draw(st.integers(1, 8))
    records = [draw(applicant(i)) for i in range(count)]
    if draw(st.booleans()):  # a wrong value in one record or one of its sessions
        record = draw(st.sampled_from(records))
        name = draw(st.sampled_from(sorted(VALUE_SPOILERS)))
        target = record
        if name in SESSION_FIELDS:
            record.setdefault("sessions", []).append({"started_at": "2026-01-01T00:00:00Z", "ip": "8.8.8.8"})
            target = record["sessions"][-1]
        target[name] = draw(VALUE_SPOILERS[name])
    if draw(st.booleans()):  # a repeated id
        draw(st.sampled_from(records))["applicant_id"] = records[0]["applicant_id"]
    lines = [json.dumps(record, allow_nan=True).encode() + b"\n" for record in records]
    for _ in range(draw(st.integers(0, 2))):
        where = draw(st.integers(0, len(lines) - 1))
        lines[where] = draw(st.sampled_from(TEXT_SPOILERS))(lines[where])
    return numbered(lines, first=draw(st.integers(1, 50)))


@EXAMPLES
@given(chunks())
def test_arrow_or_general_equals_general(lines):
    found, _ = either(lines)
    assert_same(found, general(lines))


@EXAMPLES
@given(st.lists(applicant(0), min_size=1, max_size=6))
def test_clean_chunks_are_read_by_arrow(records):
    for number, record in enumerate(records):
        record["applicant_id"] = f"id-{number}"
    lines = numbered([json.dumps(record).encode() for record in records])
    found, by_arrow = either(lines)
    assert by_arrow or len(general(lines)[0].rejects), "a chunk without rejects takes Arrow"
    assert_same(found, general(lines))
