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
the lookup of which applicants are already stored (one ``IN`` statement) and the audit rows (one
statement). Each applicant's result is plain values (``ScoredAlone``), no DataFrame. The
store lookups themselves stay per applicant: their cost is the rows they read (index entries,
signatures, photo-band candidates), not the statements (``docs/API.md``, Performance).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from detector.features.catalogue import FEATURE_NAMES
from detector.scoring.score import SCORE_COLUMNS
from detector.store.audit import utcnow
from detector.store.lookup import StoreLinks, link_applicant
from detector.store.one_scoring import (
    PreparedApplicant,
    _as_float,
    _predictor,
    _reasons_with_evidence,
    rules_risk,
)
from detector.store.schema import Applicant, AuditEntry
from detector.store.scoring import (
    LINK_FEATURES,
    ScoringEngine,
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


def score_many_with_store(session: Session, prepared: list[PreparedApplicant], engine: ScoringEngine,
                          source: str = "api", memory: WorkingSet | None = None) -> list[ScoredAlone]:
    """Score and store the applicants in order, each seeing the store and those before it.

    ``memory``: the store's text and photo lookup rows in memory (``working_set``), current
    as of the transaction's start; each applicant's rows are added to its pending layer as
    they are written (the caller commits or rolls it back with the transaction)."""
    if not prepared:
        return []
    settings, model = engine.settings, engine.model
    predictor = _predictor(model)
    versions = engine.feeds.versions_with(engine.geo)
    _writer_lock(session)
    ids = [ready.facts.applicant["applicant_id"] for ready in prepared]
    stored = dict(session.connection().execute(
        select(Applicant.applicant_id, Applicant.pk).where(Applicant.applicant_id.in_(set(ids)))).all())
    values = np.empty((len(prepared), len(FEATURE_NAMES)), dtype=float)
    scores, bands, reasons, links, timings = [], [], [], [], []
    for row, ready in enumerate(prepared):
        clean, signals, facts = ready.applicant, ready.signals, ready.facts
        t1 = time.perf_counter()
        applicant_id = ids[row]
        own = stored.get(applicant_id)
        found = link_applicant(session, facts, settings, exclude_pk=own, memory=memory)
        mine = values[row]
        mine[:] = [signals.features[name] for name in FEATURE_NAMES]
        for name, column in zip(LINK_FEATURES, _LINK_COLUMNS, strict=True):
            mine[column] = _as_float(found.features[name])
        risk = rules_risk(mine)
        t2 = time.perf_counter()
        # the score, band and reasons need the links only, not the writes: known before the
        # applicant's row is written, they go into it with the insert (no second write of the row)
        if predictor is not None:
            score = np.asarray([predictor.predict(mine)])
        else:
            score = np.asarray(model.predict_proba(_one_row(mine, applicant_id)), dtype=float)
        band = np.asarray(model.band(score))
        explained = [] if band[0] == "low" else _reasons_with_evidence(ready, mine, found, engine, versions)
        rounded = np.round(score, 6)
        t3 = time.perf_counter()
        stored_reasons = redact_reasons(explained, clean.fields["phone"], clean.fields["email"])
        if own is None:
            now = utcnow()
            kept_features = stored_features(mine, FEATURE_NAMES_LIST)
            pk = store_linked(session, facts, own, found, risk,
                              latest_score(rounded[0], band[0], kept_features, now))
            insert_score_history(session, pk, rounded[0], band[0], stored_reasons, model.model_version,
                                 kept_features, source, now)
        else:  # a rescore replaces the row's facts, then sets its latest score as before
            pk = store_linked(session, facts, own, found, risk)
            insert_score_rows(session, [pk], [rounded[0]], [band[0]], [stored_reasons],
                              [model.model_version], mine[None, :], FEATURE_NAMES_LIST, source, rules_risk=[risk])
        if memory is not None:
            memory.put_facts(pk, facts)
        stored[applicant_id] = pk  # the same id again later in the batch is rescored in place
        scores.append(rounded[0])
        bands.append(band[0])
        reasons.append(explained)
        links.append(found)
        timings.append({"signals": ready.seconds, "store_linking": t2 - t1, "predict_reasons": t3 - t2,
                        "write": time.perf_counter() - t3})  # store_linking: the lookups alone now
    return [ScoredAlone(record={"applicant_id": ids[row], "score": float(scores[row]), "band": str(bands[row]),
                                "reasons": reasons[row], "model_version": model.model_version,
                                "sanctions_hits": None, "feed_versions": dict(versions)},
                        link=links[row], values=values[row], timings=timings[row])
            for row in range(len(ids))]


@dataclass
class ScoredAlone:
    """One applicant scored by the per-applicant path: its OUTPUT.md row as plain values.

    The request's path reads ``records()`` and ``links`` only; the frames of ``StoreScored``
    (``scores``, ``features``) are built when asked for, since a one-row DataFrame costs more
    to build and read back (~1-3 ms) than scoring spends on most steps (docs/API.md).
    """

    record: dict
    link: StoreLinks
    values: np.ndarray  # the feature row, in FEATURE_NAMES order
    timings: dict[str, float]

    @property
    def links(self) -> list[StoreLinks]:
        return [self.link]

    def records(self) -> list[dict]:
        return [self.record]

    @property
    def scores(self) -> pd.DataFrame:
        r = self.record
        return pd.DataFrame({"applicant_id": [r["applicant_id"]], "score": np.asarray([r["score"]], dtype=float),
                             "band": np.asarray([r["band"]], dtype=object), "reasons": [r["reasons"]],
                             "model_version": r["model_version"],
                             "sanctions_hits": pd.Series([None], dtype=object),
                             "feed_versions": pd.Series([r["feed_versions"]], dtype=object)})[SCORE_COLUMNS]

    @property
    def features(self) -> pd.DataFrame:
        return _one_row(self.values, self.record["applicant_id"])


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
