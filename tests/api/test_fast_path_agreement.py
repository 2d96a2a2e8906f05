"""The scoring API's per-applicant fast path gives exactly what the frame (batch) path gives:
every feature and its evidence context, the rows the store keeps, and so the score, band and
reasons, over the example population and a synthetic world with every segment and tactic."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from detector.io.fast_records import clean_records
from detector.io.read_input import load_population_from_records
from detector.signals.one_applicant import one_applicant_signals
from detector.store.material import link_material, row_facts
from detector.store.one_material import one_row_facts
from detector.store.scoring import signal_features
from detector.synth import generate_population
from tests.store_support import EXAMPLE


def _examples() -> list[dict]:
    return [json.loads(line) for line in EXAMPLE.read_text().splitlines() if line.strip()]


def _world() -> list[dict]:
    records, _ = generate_population(400, seed=2027)
    return records


def _requests() -> list[list[dict]]:
    """One request per applicant (the fast path scores single-applicant requests)."""
    return [[r] for r in _examples() + _world()]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return bool(a == b) or (a is None and isinstance(b, float) and math.isnan(b))


@pytest.fixture(scope="module")
def requests_():
    return _requests()


def test_features_context_and_store_rows_are_identical(requests_, engine):
    settings, geo = engine.settings, engine.geo
    checked = 0
    for batch in requests_:
        clean = clean_records(batch)
        assert clean is not None
        population = load_population_from_records(batch).population
        table = signal_features(population, settings, geo)
        found = [one_applicant_signals(a, geo.rows([s["ip"] for s in a.sessions])) for a in clean]
        for row, one in enumerate(found):
            expected = table.features.iloc[row]
            for name, value in one.features.items():
                assert _same(value, float(expected[name])), (batch[row]["applicant_id"], name, value, expected[name])
            for name, value in one.context.items():
                assert _same(value, table.context.iloc[row][name]), (name, value, table.context.iloc[row][name])
        frame_facts = row_facts(link_material(population, table.sessions, settings))
        fast_facts = one_row_facts(clean, [f.geo for f in found], [f.curve for f in found], settings)
        for mine, theirs in zip(fast_facts, frame_facts, strict=True):
            for name in vars(theirs):
                assert _same(getattr(mine, name), getattr(theirs, name)), (name, getattr(mine, name), getattr(theirs, name))
        checked += len(batch)
    assert checked > 700
