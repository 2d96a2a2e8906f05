"""Score several one-applicant requests in one store transaction, as if sent one after another.

The API's micro-batcher (``detector.api.batcher``) gathers the sign-up requests that arrive
while a scoring transaction runs and scores them here together: applicants in order, each
linked against the store plus every applicant before it in the batch, and added to the store
(links, component merge, members' refreshed risks, score) before the next one is linked. Each
applicant runs the statements a request of its own would run, in the same order (a lone
request, ``score_one_with_store``, is a batch of one here), so a batch leaves the store as the
same requests one after another would and the first applicant gets exactly a lone request's
result. (A list request,
``score_with_store``, differs slightly: its scores are written after the whole list is linked,
so earlier members are not refreshed by later ones; see docs/API.md.)

What is paid once per batch instead of once per applicant: the transaction and its commit,
the lookup of which applicants are already stored (one ``IN`` statement), the audit rows (one
statement) and the result frames (one DataFrame for the batch, not two per applicant). The
store lookups themselves stay per applicant: their cost is the rows they read (index entries,
signatures, photo-band candidates), not the statements (``docs/API.md``, Performance).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import insert
from sqlalchemy.orm import Session

from detector.features.catalogue import FEATURE_NAMES
from detector.scoring.score import SCORE_COLUMNS
from detector.store.audit import utcnow
from detector.store.driver_sql import fetch_all, placeholders
from detector.store.lookup import StoreLinks, link_applicant
from detector.store.one_scoring import (
    PreparedApplicant,
    _as_float,
    _predictor,
    _reasons_with_evidence,
    rules_risk,
)
from detector.store.optimistic import (
    Footprint,
    Written,
    footprint,
    read_written,
    still_holds,
    written_of,
)
from detector.store.schema import AuditEntry
from detector.store.scoring import (
    LINK_FEATURES,
    ScoringEngine,
    StoreScored,
    _writer_lock,
    redact_reasons,
    store_linked,
)
from detector.store.working_set import WorkingSet
from detector.store.write import (
    insert_score_history,
    insert_score_rows,
    latest_score,
    stored_features,
)

_LINK_COLUMNS = [FEATURE_NAMES.index(name) for name in LINK_FEATURES]
FEATURE_NAMES_LIST = list(FEATURE_NAMES)


@dataclass
class _Scored:
    """One applicant linked and scored, not yet written."""

    found: StoreLinks
    values: np.ndarray  # its feature row (catalogue order)
    risk: float
    score: float  # rounded to six decimals, as stored
    band: str
    reasons: list[dict]
    seconds: tuple[float, float]  # lookups, model and reasons


def _score_one(session: Session, ready: PreparedApplicant, own: int | None, engine: ScoringEngine,
               versions: dict[str, str], memory: WorkingSet | None) -> _Scored:
    """Link one applicant against what ``session`` sees and score it (nothing written)."""
    clean, signals, facts = ready.applicant, ready.signals, ready.facts
    applicant_id = facts.applicant["applicant_id"]
    model = engine.model
    predictor = _predictor(model)
    t1 = time.perf_counter()
    found = link_applicant(session, facts, engine.settings, exclude_pk=own, memory=memory)
    mine = np.asarray([signals.features[name] for name in FEATURE_NAMES], dtype=float)
    for name, column in zip(LINK_FEATURES, _LINK_COLUMNS, strict=True):
        mine[column] = _as_float(found.features[name])
    risk = rules_risk(mine)
    t2 = time.perf_counter()
    # the score, band and reasons need the links only, not the writes: known before the
    # applicant's row is written, they go into it with the insert (no second write of the row)
    features = None
    if predictor is not None:
        score = np.asarray([predictor.predict(mine)])
    else:
        features = _one_row(mine, applicant_id)
        score = np.asarray(model.predict_proba(features), dtype=float)
    band = np.asarray(model.band(score))
    if band[0] == "low":
        explained: list[dict] = []
    else:
        features = features if features is not None else _one_row(mine, applicant_id)
        explained = _reasons_with_evidence(clean, signals.context, features, found, engine, versions)
    rounded = np.round(score, 6)
    return _Scored(found=found, values=mine, risk=risk, score=rounded[0], band=band[0], reasons=explained,
                   seconds=(t2 - t1, time.perf_counter() - t2))


@dataclass
class Drafts:
    """A batch's new applicants scored against one read snapshot, before the writer turn
    (``detector.store.optimistic``): ``None`` where the applicant id was already stored."""

    seq: int  # the last fact_changes seq the snapshot holds
    max_pk: int  # the largest applicant pk stored then
    scored: list[_Scored | None]
    marks: list[Footprint | None]
    kept: int = 0
    redone: int = 0


def draft_many(session: Session, prepared: list[PreparedApplicant], engine: ScoringEngine,
               memory: WorkingSet | None = None) -> Drafts:
    """Score the batch's new applicants against ``session``'s snapshot (a read transaction, no
    writer turn), each as if alone; ``score_many_with_store`` keeps the drafts nothing written
    since could change."""
    if memory is not None:  # the working set current with the snapshot (committed rows only)
        memory.catch_up(session)
        memory.commit()
    seq = fetch_all(session, "SELECT max(seq) FROM fact_changes", [])[0][0] or 0
    max_pk = fetch_all(session, "SELECT max(pk) FROM applicants", [])[0][0] or 0
    ids = [ready.facts.applicant["applicant_id"] for ready in prepared]
    wanted = sorted(set(ids))
    stored = {i for (i,) in fetch_all(
        session, f"SELECT applicant_id FROM applicants WHERE applicant_id IN ({placeholders(len(wanted))})", wanted)}
    versions = engine.feeds.versions_with(engine.geo)
    scored: list[_Scored | None] = []
    marks: list[Footprint | None] = []
    for applicant_id, ready in zip(ids, prepared, strict=True):
        if applicant_id in stored:
            scored.append(None)
            marks.append(None)
            continue
        done = _score_one(session, ready, None, engine, versions, memory)
        scored.append(done)
        marks.append(footprint(ready.facts, done.found, engine.settings))
    if memory is not None:
        memory.commit()  # whatever link_applicant's catch-up read is committed in the store
    return Drafts(seq=int(seq), max_pk=int(max_pk), scored=scored, marks=marks)


def score_many_with_store(session: Session, prepared: list[PreparedApplicant], engine: ScoringEngine,
                          source: str = "api", memory: WorkingSet | None = None,
                          drafts: Drafts | None = None) -> list[StoreScored]:
    """Score and store the applicants in order, each seeing the store and those before it.

    ``memory``: the store's text and photo lookup rows in memory (``working_set``), current
    as of the transaction's start; each applicant's rows are added to its pending layer as
    they are written (the caller commits or rolls it back with the transaction).
    ``drafts``: the same applicants scored before the writer turn (``draft_many``); each draft
    is written as it is when nothing written since its snapshot touches it, else scored again."""
    if not prepared:
        return []
    model = engine.model
    versions = engine.feeds.versions_with(engine.geo)
    _writer_lock(session)
    ids = [ready.facts.applicant["applicant_id"] for ready in prepared]
    wanted = sorted(set(ids))
    stored = dict(fetch_all(
        session, f"SELECT applicant_id, pk FROM applicants WHERE applicant_id IN ({placeholders(len(wanted))})", wanted))
    since: dict[int, Written] = {}
    if drafts is not None:  # what other writers stored since the drafts' snapshot
        others = sorted({pk for (pk,) in fetch_all(
            session, "SELECT applicant_pk FROM fact_changes WHERE seq > ?", [drafts.seq])})
        since = read_written(session, others)
    values = np.empty((len(prepared), len(FEATURE_NAMES)), dtype=float)
    scores, bands, reasons, links, timings = [], [], [], [], []
    for row, ready in enumerate(prepared):
        clean, facts = ready.applicant, ready.facts
        applicant_id = ids[row]
        own = stored.get(applicant_id)
        done = None
        if drafts is not None and own is None and drafts.scored[row] is not None:
            mark = drafts.marks[row]
            assert mark is not None
            if still_holds(session, mark, since, drafts.max_pk):
                done = drafts.scored[row]
                drafts.kept += 1
            else:
                drafts.redone += 1
        if done is None:
            done = _score_one(session, ready, own, engine, versions, memory)
        found, mine, risk = done.found, done.values, done.risk
        values[row] = mine
        t3 = time.perf_counter()
        stored_reasons = redact_reasons(done.reasons, clean.fields["phone"], clean.fields["email"])
        if own is None:
            now = utcnow()
            kept_features = stored_features(mine, FEATURE_NAMES_LIST)
            pk = store_linked(session, facts, own, found, risk,
                              latest_score(done.score, done.band, kept_features, now))
            insert_score_history(session, pk, done.score, done.band, stored_reasons, model.model_version,
                                 kept_features, source, now)
        else:  # a rescore replaces the row's facts, then sets its latest score as before
            pk = store_linked(session, facts, own, found, risk)
            insert_score_rows(session, [pk], [done.score], [done.band], [stored_reasons],
                              [model.model_version], mine[None, :], FEATURE_NAMES_LIST, source, rules_risk=[risk])
        if memory is not None:
            memory.put_facts(pk, facts)
        if drafts is not None:
            since[pk] = written_of(facts)
        stored[applicant_id] = pk  # the same id again later in the batch is rescored in place
        scores.append(done.score)
        bands.append(done.band)
        reasons.append(done.reasons)
        links.append(found)
        timings.append({"signals": ready.seconds, "store_linking": done.seconds[0],
                        "predict_reasons": done.seconds[1], "write": time.perf_counter() - t3})
    frame = pd.DataFrame({"applicant_id": ids, "score": np.asarray(scores, dtype=float),
                          "band": np.asarray(bands, dtype=object), "reasons": reasons,
                          "model_version": model.model_version,
                          "sanctions_hits": pd.Series([None] * len(ids), dtype=object),
                          "feed_versions": pd.Series([dict(versions) for _ in ids], dtype=object)})[SCORE_COLUMNS]
    features_frame = pd.DataFrame(values, index=pd.Index(ids, name="applicant_id"), columns=list(FEATURE_NAMES))
    if len(ids) == 1:  # a lone request: its frames as they are
        return [StoreScored(scores=frame, links=links, features=features_frame, timings=timings[0])]
    return [StoreScored(scores=frame.iloc[row:row + 1].reset_index(drop=True), links=[links[row]],
                        features=features_frame.iloc[row:row + 1], timings=timings[row])
            for row in range(len(ids))]


def _one_row(values: np.ndarray, applicant_id: str) -> pd.DataFrame:
    return pd.DataFrame(values[None, :], index=pd.Index([applicant_id], name="applicant_id"),
                        columns=list(FEATURE_NAMES))


def audit_scores(session: Session, entries: list[tuple[str, str]]) -> None:
    """One audit row per scored applicant (actor, applicant id), written in one statement."""
    if entries:
        now = utcnow()
        session.connection().execute(insert(AuditEntry), [
            {"at": now, "actor": actor, "action": "score", "applicant_id": applicant_id, "detail": None}
            for actor, applicant_id in entries])
