"""The plain-Python validator of the scoring API accepts only what the frame validator accepts,
with identical typed values, and defers everything else to it (which then names the problems)."""

from __future__ import annotations

import json

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector.api.schemas import ApplicantIn
from detector.io.fast_records import clean_records, population_of
from detector.io.read_input import load_population_from_records
from detector.synth import generate_population
from tests.store_support import EXAMPLE
from tests.strategies import applicant_dicts, records


def _assert_same(batch: list) -> bool:
    """True when the fast validator accepted the batch (and then agrees with the frames)."""
    fast = clean_records(batch)
    frame = load_population_from_records(batch)
    if fast is None:
        return False
    assert frame.rejects.empty, frame.rejects.to_dict("records")
    mine = population_of(fast)
    for name in ("applicants", "sessions", "payouts", "proposals"):
        pd.testing.assert_frame_equal(getattr(mine, name), getattr(frame.population, name), check_dtype=True)
    return True


def _api_records(raw: list[dict]) -> list[dict]:
    """What the API hands the validator: the request model's dump."""
    return [ApplicantIn.model_validate(r).model_dump(exclude_none=True) for r in raw]


def test_the_example_population_and_a_synthetic_world_are_accepted_with_identical_values():
    examples = [json.loads(line) for line in EXAMPLE.read_text().splitlines() if line.strip()]
    world, _ = generate_population(300, seed=31)
    for batch in ([examples[0]], examples[:7], _api_records(examples[:5]), _api_records(world[:40]),
                  *([r] for r in _api_records(world[40:120]))):
        assert _assert_same(batch)


STAMPS = ["2026-09-14T16:02:11Z", "2026-09-14t16:02:11z", "2026-09-14T16:02:11.5Z", "2026-09-14T16:02:11.123456789Z",
          "2026-09-14T16:02:11.1234567891Z", "2026-09-14T16:02:11+05:45", "2026-09-14T16:02:11-09:30",
          "2026-09-14T00:30:00+14:00", "2024-02-29T23:59:59-12:00", "2026-09-14 16:02:11Z",
          "2026-09-14T16:02:11+0200", "1969-12-31T23:59:59.999Z", "2199-12-31T23:59:59Z", "1900-01-01T00:00:00+01:00",
          " 2026-09-14T16:02:11Z ", "1677-09-21T00:12:44Z", "2262-04-11T23:47:16Z"]
BAD_STAMPS = ["2026-02-29T00:00:00Z", "2026-09-14T24:00:00Z", "2026-09-14T16:60:00Z", "2026-09-14T16:02:60Z",
              "2026-13-01T00:00:00Z", "2026-09-14T16:02:11+24:00", "1500-01-01T00:00:00Z", "9999-01-01T00:00:00Z"]


def test_timestamps_are_read_exactly_as_the_frame_validator_reads_them():
    good = _api_records([json.loads(EXAMPLE.read_text().splitlines()[0])])[0]
    for stamp in STAMPS + BAD_STAMPS:
        record = {**good, "created_at": stamp,
                  "sessions": [{"started_at": stamp, "ip": "203.0.113.7"}] + good.get("sessions", [])}
        accepted = _assert_same([record])
        assert accepted == load_population_from_records([record]).rejects.empty, stamp


def test_records_with_problems_are_left_to_the_frame_validator():
    good = _api_records([json.loads(EXAMPLE.read_text().splitlines()[0])])[0]
    bad = [
        {**good, "claimed_country": "USA"},
        {**good, "created_at": "yesterday"},
        {**good, "hourly_rate_usd": -1.0},
        {**good, "sessions": [{**good["sessions"][0], "ip": "999.1.1.1"}]} if good.get("sessions") else
        {**good, "sessions": [{"started_at": "2026-01-01T00:00:00Z", "ip": "999.1.1.1"}]},
        {**good, "payouts": [{"method": "venmo", "account_ref": "x"}]},
        {**good, "payouts": [{"method": "bank", "account_ref": "   "}]},
        {**good, "proposals": [{"submitted_at": "2026-01-01T00:00:00", "text": "hi"}]},
        {**good, "applicant_id": " "},
        {**good, "photo_phash": "xyz"},
        {**good, "label": 2},
    ]
    for record in bad:
        assert clean_records([record]) is None
        assert not load_population_from_records([record]).rejects.empty
    assert clean_records([good, dict(good)]) is None  # the same id twice


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records, min_size=1, max_size=3))
def test_garbage_never_passes_the_fast_validator_unless_the_frames_agree(batch):
    _assert_same(batch)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(applicant_dicts, min_size=1, max_size=2))
def test_near_valid_records_agree(batch):
    _assert_same(batch)
