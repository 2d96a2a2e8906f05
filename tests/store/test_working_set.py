"""Lookups from the in-memory working set give what the store's SQL lookups give, exactly.

A server process may hold the text band keys, signatures and photo keys in memory
(``detector.store.working_set``). Whatever it answers must be what the SQL would have read:
the same links, similarities, features, scores, bands and reasons, on SQLite and PostgreSQL,
for new applicants and rescored ones, after its own committed and rolled-back transactions,
and after other processes (another working set, a batch import through the frame path) wrote.
"""

from __future__ import annotations

import json

from detector.io.fast_records import clean_records
from detector.io.read_input import load_population_from_records
from detector.store.many_scoring import score_many_with_store
from detector.store.one_scoring import prepare_one
from detector.store.scoring import score_with_store
from detector.store.working_set import WorkingSet
from detector.synth import generate_population

TEXT_AND_PHOTO = {"resume", "proposal", "photo"}


def _records(n: int, seed: int, prefix: str) -> list[dict]:
    records, _ = generate_population(n, seed=seed)
    for record in records:
        record["applicant_id"] = f"{prefix}-{record['applicant_id']}"
        record.pop("label", None)
    return records


def _outcome(results) -> list[dict]:
    """Everything scoring produced, exact (floats by repr, NaN included)."""
    out = []
    for scored in results:
        row = scored.scores.iloc[0]
        links = scored.links[0]
        out.append({"id": row["applicant_id"], "score": repr(float(row["score"])), "band": row["band"],
                    "reasons": json.dumps(row["reasons"], sort_keys=True, default=repr),
                    "features": {k: repr(v) for k, v in links.features.items()},
                    # by id, not pk: PostgreSQL's sequences do not roll back, so a profile added
                    # earlier in a rolled-back run has another pk than in the committed run
                    "pairs": [(other, kind, repr(similarity)) for _, other, kind, similarity in links.pairs],
                    "merge": sorted(links.merge_components), "members": sorted(links.member_ids),
                    "updates": [(u.pk, repr(sorted(u.features.items())), repr(u.rules_risk))
                                for u in links.member_updates]})
    return out


def _score(store, engine, records: list[dict], memory: WorkingSet | None, commit: bool) -> list[dict]:
    prepared = [prepare_one(clean_records([record])[0], engine) for record in records]
    with store.session() as session:
        try:
            results = score_many_with_store(session, prepared, engine, memory=memory)
            if not commit:
                session.rollback()
                if memory is not None:
                    memory.rollback()
        except BaseException:
            if memory is not None:
                memory.rollback()
            raise
    if commit and memory is not None:
        memory.commit()
    return _outcome(results)


def _kinds(outcomes: list[dict]) -> set[str]:
    return {kind for outcome in outcomes for _, kind, _ in outcome["pairs"]}


def test_memory_lookups_give_the_sql_lookups_results(store, engine):
    records = _records(260, seed=4711, prefix="ws")
    for start in range(0, 120, 20):  # a population in the store before the working set is loaded
        _score(store, engine, records[start:start + 20], None, commit=True)
    memory = WorkingSet.load(store.engine)
    assert memory.watermark > 0

    later = records[120:] + records[5:25] + records[130:140]  # rescores: loaded and added rows
    kinds: set[str] = set()
    for start in range(0, len(later), 10):
        batch = later[start:start + 10]
        by_sql = _score(store, engine, batch, None, commit=False)
        by_memory = _score(store, engine, batch, memory, commit=False)  # then rolled back
        assert by_memory == by_sql
        committed = _score(store, engine, batch, memory, commit=True)
        assert committed == by_sql
        kinds |= _kinds(committed)
    # the lookups that the working set answers did link profiles, new and rescored ones
    assert TEXT_AND_PHOTO <= kinds


def test_a_working_set_sees_what_other_processes_wrote(store, engine):
    records = _records(240, seed=4712, prefix="wo")
    for start in range(0, 60, 20):
        _score(store, engine, records[start:start + 20], None, commit=True)
    mine, theirs = WorkingSet.load(store.engine), WorkingSet.load(store.engine)

    kinds: set[str] = set()
    for start in range(60, 200, 20):
        batch = records[start:start + 20]
        writer, reader = (theirs, mine) if start % 40 else (mine, theirs)
        _score(store, engine, batch[:10], writer, commit=True)  # the other process's batch
        if start == 100:  # a batch import (frame path) writes too, rescoring some
            population = load_population_from_records(records[start + 10:start + 15] + records[62:66]).population
            with store.session() as session:
                score_with_store(session, population, engine)
        # and rescores of the other's applicants, and copies of its newest ones' material under
        # another name (what a second account of an operator looks like)
        copies = [{**record, "applicant_id": f"{record['applicant_id']}-copy", "full_name": f"Copy {n} Person"}
                  for n, record in enumerate(batch[:10])]
        rest = batch[10:] + records[start - 20:start - 17] + copies
        by_sql = _score(store, engine, rest, None, commit=False)
        by_memory = _score(store, engine, rest, reader, commit=True)
        assert by_memory == by_sql
        kinds |= _kinds(by_memory)
    assert TEXT_AND_PHOTO <= kinds
