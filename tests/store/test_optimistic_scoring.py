"""Scoring drafted before the writer turn gives what scoring one after another gives.

Two server processes draft their batches against the same read snapshot
(``detector.store.optimistic``) and then write in turn. The second writer's drafts did not see
the first writer's applicants: a draft that one of them touches (a shared payout, resume,
photo, IP, component) must be linked and scored again, or two linked sign-ups arriving at the
same moment would never be linked. On SQLite and PostgreSQL, with the SQL lookups and with the
working set in memory.
"""

from __future__ import annotations

import json

import pytest

from detector.io.fast_records import clean_records
from detector.store.many_scoring import draft_many, score_many_with_store
from detector.store.one_scoring import prepare_one
from detector.store.working_set import WorkingSet
from detector.synth import generate_population


def _records(n: int, seed: int, prefix: str) -> list[dict]:
    records, _ = generate_population(n, seed=seed)
    for record in records:
        record["applicant_id"] = f"{prefix}-{record['applicant_id']}"
        record.pop("label", None)
    return records


def _second_account(record: dict, n: int) -> dict:
    """The same operator's material (payout, devices, IPs, resume, photo) under another name."""
    return {**record, "applicant_id": f"{record['applicant_id']}-second", "full_name": f"Second {n} Person"}


def _outcome(results) -> list[dict]:
    """What a user sees of each result (applicant ids, not the store's row numbers)."""
    out = []
    for scored in results:
        row = scored.scores.iloc[0]
        links = scored.links[0]
        out.append({"id": row["applicant_id"], "score": repr(float(row["score"])), "band": row["band"],
                    "reasons": json.dumps(row["reasons"], sort_keys=True, default=repr),
                    "features": {k: repr(v) for k, v in links.features.items()},
                    "pairs": sorted((other, kind, repr(similarity)) for _, other, kind, similarity in links.pairs),
                    "members": sorted(links.member_ids),
                    "updated_members": len(links.member_updates)})
    return out


def _prepared(engine, records: list[dict]):
    return [prepare_one(clean_records([record])[0], engine) for record in records]


def _draft(store, engine, prepared, memory):
    with store.read_session() as session:
        return draft_many(session, prepared, engine, memory=memory)


def _write(store, engine, prepared, memory, drafts, commit: bool = True):
    with store.session() as session:
        try:
            results = score_many_with_store(session, prepared, engine, memory=memory, drafts=drafts)
            if not commit:
                session.rollback()
        except BaseException:
            if memory is not None:
                memory.rollback()
            raise
    if memory is not None:
        (memory.commit if commit else memory.rollback)()
    return _outcome(results)


@pytest.mark.parametrize("in_memory", [False, True], ids=["sql", "working-set"])
def test_two_writers_drafting_linked_sign_ups_at_once_still_link_them(store, engine, in_memory):
    records = _records(60, seed=5150, prefix="op")
    _write(store, engine, _prepared(engine, records[:40]), None, None)
    first = records[45]
    second = _second_account(first, 1)
    ours, theirs = ((WorkingSet.load(store.engine), WorkingSet.load(store.engine)) if in_memory
                    else (None, None))
    # the same two sign-ups one after another: the second links to the first
    expected = _write(store, engine, _prepared(engine, [first, second]), None, None, commit=False)
    assert first["applicant_id"] in {other for other, _, _ in expected[1]["pairs"]}

    mine, other = _prepared(engine, [first]), _prepared(engine, [second])
    my_drafts = _draft(store, engine, mine, ours)
    their_drafts = _draft(store, engine, other, theirs)  # the same snapshot: neither sees the other
    assert first["applicant_id"] not in {pair[1] for pair in their_drafts.scored[0].found.pairs}
    got = _write(store, engine, mine, ours, my_drafts) + _write(store, engine, other, theirs, their_drafts)

    assert got == expected
    assert (my_drafts.kept, my_drafts.redone) == (1, 0)
    assert (their_drafts.kept, their_drafts.redone) == (0, 1)


@pytest.mark.parametrize("in_memory", [False, True], ids=["sql", "working-set"])
def test_interleaved_drafted_batches_equal_scoring_one_after_another(store, engine, in_memory):
    records = _records(200, seed=5151, prefix="il")
    _write(store, engine, _prepared(engine, records[:60]), None, None)
    workers = ((WorkingSet.load(store.engine), WorkingSet.load(store.engine)) if in_memory else (None, None))
    kept = redone = 0
    for start in range(60, 180, 24):
        a = records[start:start + 12]
        # the other batch: fresh sign-ups, second accounts of this batch's and of already stored
        # applicants, and a rescore of a stored one
        b = (records[start + 12:start + 20] + [_second_account(r, n) for n, r in enumerate(a[:2])]
             + [_second_account(records[start - 30], 9), records[start - 40]])
        expected = _write(store, engine, _prepared(engine, a + b), None, None, commit=False)
        first, second = _prepared(engine, a), _prepared(engine, b)
        first_drafts = _draft(store, engine, first, workers[0])
        second_drafts = _draft(store, engine, second, workers[1])
        got = (_write(store, engine, first, workers[0], first_drafts)
               + _write(store, engine, second, workers[1], second_drafts))
        assert got == expected
        kept += first_drafts.kept + second_drafts.kept
        redone += first_drafts.redone + second_drafts.redone
    assert kept > 0 and redone > 0
