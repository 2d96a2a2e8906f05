"""What the API's per-applicant path leaves in the store equals what the frame path leaves.

The per-applicant path writes a new applicant's row with its latest score (score, band,
scored_at, features) in the insert, where the frame path inserts the row and then sets them;
a rescore sets them on the existing row. Either way an analyst must find the same rows: the
applicant's latest score equal to its newest row in ``scores``, and both equal to the frame
path's, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace

from sqlalchemy import select

from detector.io.fast_records import clean_records
from detector.io.read_input import load_population_from_records
from detector.store.db import open_store
from detector.store.many_scoring import score_many_with_store
from detector.store.one_scoring import prepare_one
from detector.store.schema import Applicant, Score
from detector.store.scoring import score_with_store
from tests.store_support import EXAMPLE


def _records() -> tuple[list[dict], int]:
    """The example population's first 80 and its fronts among the rest (so that reasons with
    evidence are stored), then three of them again; and how many are scored once."""
    examples = [json.loads(line) for line in EXAMPLE.read_text().splitlines() if line.strip()]
    with open(EXAMPLE.with_name("applicants.truth.csv"), newline="") as f:
        fronts = {row["applicant_id"] for row in csv.DictReader(f) if row["label"] == "1"}
    chosen = examples[:80] + [e for e in examples[80:] if e["applicant_id"] in fronts]
    flagged_again = [chosen[i] for i in (3, 17, 40)]  # rescored in place, in a later batch
    return chosen + flagged_again, len(chosen)


def _rows(store) -> tuple[dict, dict, set]:
    """Per applicant id: its row's score columns, its score history, and the components."""
    with store.session() as session:
        applicants = session.execute(select(
            Applicant.pk, Applicant.applicant_id, Applicant.score, Applicant.band, Applicant.scored_at,
            Applicant.features, Applicant.rules_risk, Applicant.status, Applicant.component_id)).all()
        scores = session.execute(select(Score.applicant_pk, Score.scored_at, Score.score, Score.band,
                                        Score.reasons, Score.features, Score.model_version, Score.source)
                                 .order_by(Score.pk)).all()
    id_of = {a.pk: a.applicant_id for a in applicants}
    latest = {a.applicant_id: a for a in applicants}
    history: dict[str, list] = {}
    for s in scores:
        history.setdefault(id_of[s.applicant_pk], []).append(s)
    groups: dict[int, set[str]] = {}
    for a in applicants:
        groups.setdefault(a.component_id, set()).add(a.applicant_id)
    return latest, history, {frozenset(g) for g in groups.values()}


def test_per_applicant_path_stores_what_the_frame_path_stores(store, engine, tmp_path):
    records, once = _records()
    for start in range(0, len(records), 8):  # as the micro-batcher takes them
        prepared = [prepare_one(clean_records([r])[0], engine) for r in records[start:start + 8]]
        with store.session() as session:
            score_many_with_store(session, prepared, engine)
    frame_store = open_store(replace(engine.settings, store_url=str(tmp_path / "frame.sqlite")))
    for record in records:
        with frame_store.session() as session:
            score_with_store(session, load_population_from_records([record]).population, engine)
    fast, fast_history, fast_groups = _rows(store)
    frame, frame_history, frame_groups = _rows(frame_store)
    frame_store.dispose()

    assert set(fast) == set(frame) == {r["applicant_id"] for r in records}
    assert fast_groups == frame_groups
    assert any(len(g) > 1 for g in fast_groups)  # links were made, so members were refreshed
    flagged = 0
    for applicant_id, row in fast.items():
        theirs = frame[applicant_id]
        history, their_history = fast_history[applicant_id], frame_history[applicant_id]
        assert len(history) == len(their_history) == (2 if applicant_id in {r["applicant_id"] for r in records[once:]} else 1)
        newest = history[-1]
        # the row's latest score is its newest score row, written together (its features are
        # the current ones: a member's are refreshed when later applicants join its network)
        assert (row.score, row.band, row.scored_at) == (newest.score, newest.band, newest.scored_at), applicant_id
        assert row.score is not None and row.features
        assert (row.score, row.band, row.features, row.rules_risk, row.status) == (
            theirs.score, theirs.band, theirs.features, theirs.rules_risk, theirs.status), applicant_id
        for mine, other in zip(history, their_history, strict=True):
            assert (mine.score, mine.band, mine.reasons, mine.features, mine.model_version, mine.source) == (
                other.score, other.band, other.reasons, other.features, other.model_version, "api"), applicant_id
        flagged += row.band != "low"
    assert flagged >= 3  # reasons with evidence were stored and compared, not only empty lists
