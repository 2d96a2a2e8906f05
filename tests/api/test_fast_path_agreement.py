"""The scoring API's per-applicant fast path gives exactly what the frame (batch) path gives.

Every feature and its evidence context, the rows the store keeps, and, scored one after another
against a store, the scores, bands, reasons with evidence and links: over the example
population and over a synthetic world sampled so that every segment and every front tactic
(with its cell-mates, so the links happen) is in it.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from detector.io.fast_records import clean_records
from detector.io.read_input import load_population_from_records
from detector.signals.one_applicant import one_applicant_signals
from detector.store.material import link_material, row_facts
from detector.store.one_material import one_row_facts
from detector.store.one_scoring import _predictor, score_one_with_store
from detector.store.scoring import score_with_store, signal_features
from detector.synth import generate_population
from tests.store_support import EXAMPLE


def _examples() -> list[dict]:
    return [json.loads(line) for line in EXAMPLE.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def world() -> list[dict]:
    """Up to 4 applicants of every segment and every tactic, and their cells' other members."""
    records, truth = generate_population(2000, seed=2027)
    truth = truth.reset_index(drop=True)
    picked: set[int] = set()
    for column in ("segment", "tactic"):
        for _, rows in truth.dropna(subset=[column]).groupby(column):
            picked.update(rows.index[:4])
    cells = set(truth.loc[sorted(picked), "cell_id"].dropna())
    picked.update(truth.index[truth["cell_id"].isin(cells)][:60])
    assert set(truth.loc[sorted(picked), "tactic"].dropna()) == set(truth["tactic"].dropna())
    chosen = [records[i] for i in sorted(picked)]
    for record in chosen:
        record.pop("label", None)
    return chosen


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return bool(a == b) or (a is None and isinstance(b, float) and math.isnan(b))


def test_features_context_and_store_rows_are_identical(world, engine):
    settings, geo = engine.settings, engine.geo
    for record in world + _examples()[:30]:
        clean = clean_records([record])
        assert clean is not None
        population = load_population_from_records([record]).population
        table = signal_features(population, settings, geo)
        one = one_applicant_signals(clean[0], geo.rows([s["ip"] for s in clean[0].sessions]))
        for name, value in one.features.items():
            assert _same(value, float(table.features.iloc[0][name])), (record["applicant_id"], name)
        for name, value in one.context.items():
            assert _same(value, table.context.iloc[0][name]), (record["applicant_id"], name)
        theirs = row_facts(link_material(population, table.sessions, settings))[0]
        mine = one_row_facts(clean, [one.geo], [one.curve], settings)[0]
        for name in vars(theirs):
            assert _same(getattr(mine, name), getattr(theirs, name)), (record["applicant_id"], name)


def _score_all(store, engine, records: list[dict], fast: bool) -> list:
    out = []
    for record in records:
        with store.session() as session:
            if fast:
                clean = clean_records([record])
                assert clean is not None
                result = score_one_with_store(session, clean[0], engine)
            else:
                population = load_population_from_records([record]).population
                result = score_with_store(session, population, engine)
        out.append(result)
    return out


def test_scores_bands_reasons_and_links_are_identical_through_the_store(world, engine, tmp_path):
    from detector.store.db import open_store

    # the example population's first 80 (every applicant is scored twice, one at a time: the
    # frame path takes ~0.2 s each) and the world; the last one is rescored in place
    records = _examples()[:80] + world + [_examples()[3]]
    results = {}
    for fast in (False, True):
        store = open_store(replace(engine.settings, store_url=str(tmp_path / f"store-{fast}.sqlite")))
        results[fast] = _score_all(store, engine, records, fast)
        store.dispose()
    # the fast path's reasons came from the tree walker, not from the frame code it falls back to
    assert _predictor(engine.model) is not None
    flagged = 0
    for frame, quick in zip(results[False], results[True], strict=True):
        a, b = frame.scores.iloc[0], quick.scores.iloc[0]
        assert a["applicant_id"] == b["applicant_id"]
        assert a["score"] == b["score"] and a["band"] == b["band"], a["applicant_id"]
        assert a["reasons"] == b["reasons"], a["applicant_id"]
        assert a["feed_versions"] == b["feed_versions"]
        np.testing.assert_array_equal(frame.features.to_numpy(), quick.features.to_numpy())
        assert frame.links[0].pairs == quick.links[0].pairs
        assert frame.links[0].features == quick.links[0].features
        flagged += a["band"] != "low"
    assert flagged >= 30, flagged  # reasons and evidence were compared, not only empty lists
