"""Two scoring processes share one store (``detector serve --workers 2``) and score linked
applicants at the same moment: every link is found as in one process, no row is doubled.

On SQLite the write lock is taken when a transaction begins (``BEGIN IMMEDIATE``), on
PostgreSQL by the advisory lock; without either, a process would link against a snapshot that
misses the linked profile the other process is adding, or fail with "database is locked".
"""

from __future__ import annotations

import multiprocessing
from dataclasses import replace

from sqlalchemy import text

from detector.settings import Settings
from tests.store_support import TEST_HASH_KEY


def _world() -> list[dict]:
    """Front cells (shared payouts, devices, farm IPs, reused resumes) and some honest people."""
    from detector.synth import SynthSettings, generate_population

    # fixed settings (not the seed's randomised world): enough linked cells whatever the seed draws
    records, truth = generate_population(1500, seed=4242, settings=SynthSettings(front_rate=0.08))
    truth = truth.reset_index(drop=True)
    keep = truth.index[truth["cell_id"].notna() | truth["group_id"].notna()].tolist()[:110]
    keep += truth.index[truth["segment"] == "regular"].tolist()[:20]
    chosen = [records[i] for i in sorted(keep)]
    for record in chosen:
        record.pop("label", None)
    return chosen


def score_in_this_process(store_url: str, records: list[dict], barrier) -> int:
    """Score records one request at a time, as an API worker does (spawned child)."""
    from detector.io.fast_records import clean_records
    from detector.store.db import open_store
    from detector.store.one_scoring import score_one_with_store
    from detector.store.scoring import ScoringEngine

    engine = ScoringEngine.open(Settings.from_env(hash_key=TEST_HASH_KEY, store_url=store_url))
    store = open_store(engine.settings, create=False)
    if barrier is not None:
        barrier.wait(timeout=120)
    for record in records:
        clean = clean_records([record])
        assert clean is not None
        with store.session() as session:
            score_one_with_store(session, clean[0], engine)
    store.dispose()
    engine.close()
    return len(records)


def _stored(store_url: str) -> tuple[list[str], set[tuple[str, str, str]], set[frozenset[str]]]:
    from detector.store.db import make_engine

    engine = make_engine(store_url)
    with engine.connect() as connection:
        ids = [r[0] for r in connection.execute(text("SELECT applicant_id FROM applicants"))]
        links = {tuple(r) for r in connection.execute(text(
            "SELECT a.applicant_id, b.applicant_id, l.kind FROM links l "
            "JOIN applicants a ON a.pk = l.a_pk JOIN applicants b ON b.pk = l.b_pk"))}
        members: dict[int, set[str]] = {}
        for applicant_id, component in connection.execute(text("SELECT applicant_id, component_id FROM applicants")):
            members.setdefault(component, set()).add(applicant_id)
    engine.dispose()
    undirected = {(min(a, b), max(a, b), kind) for a, b, kind in links}
    return ids, undirected, {frozenset(m) for m in members.values()}


def test_two_processes_scoring_linked_applicants_lose_no_link_and_double_no_row(store_url, tmp_path):
    from detector.store.db import open_store

    records = _world()
    settings = Settings.from_env(hash_key=TEST_HASH_KEY)
    reference_url = f"sqlite:///{tmp_path / 'one-process.sqlite'}"
    open_store(replace(settings, store_url=reference_url)).dispose()
    score_in_this_process(reference_url, records, None)

    open_store(replace(settings, store_url=store_url)).dispose()
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    halves = [records[0::2], records[1::2]]  # cell-mates land in different processes
    with context.Pool(2) as pool:
        done = pool.starmap(score_in_this_process, [(store_url, half, barrier) for half in halves])
    assert sum(done) == len(records)

    ids, links, components = _stored(store_url)
    want_ids, want_links, want_components = _stored(reference_url)
    assert len(ids) == len(set(ids)) == len(records)
    assert len(want_links) >= 30  # the world is linked: the comparison means something
    assert links == want_links
    assert components == want_components
