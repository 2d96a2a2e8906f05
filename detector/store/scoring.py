"""Score applicants against the store and add them to it (the API's and ``score --store``'s path).

Per-applicant signals are computed in bulk as in batch scoring; the cross-population features
come from indexed lookups (``detector.store.lookup``), one applicant after another, each seeing
everything stored before it. Model, geolocation databases and settings are loaded once
(``ScoringEngine``) and reused for every request.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from detector.features.build import FeatureTable
from detector.features.catalogue import FEATURE_NAMES, FEATURES
from detector.intel.active_feeds import ActiveFeeds
from detector.io.population import Population
from detector.linking.population_links import PopulationLinks
from detector.model.rules_baseline import own_red_flags
from detector.scoring.score import score_features, score_population, screen_population
from detector.settings import SHIPPED_MODEL_DIR, Settings
from detector.store.db import Store
from detector.store.lookup import StoreLinks, link_applicant
from detector.store.material import link_material, row_facts
from detector.store.schema import Applicant
from detector.store.write import (
    insert_applicants,
    insert_links,
    insert_row,
    insert_scores,
    merge_components,
    replace_applicant,
    set_components,
    update_members,
)

LINK_FEATURES = [f.name for f in FEATURES if f.family == "linking"]  # what the store lookups give
WRITE_LOCK_KEY = 7_316_220  # PostgreSQL advisory lock: one scoring writer at a time


@dataclass
class ScoringEngine:
    """What scoring needs, opened once: settings (with defaults), model, geolocation and the
    loaded threat-intelligence feeds (an SDN feed switches sanctions screening on, as in
    ``detector score``)."""

    settings: Settings
    model: Any
    geo: Any
    feeds: ActiveFeeds = field(default_factory=ActiveFeeds)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, settings: Settings) -> ScoringEngine:
        from detector.geo.geoip import GeoLookup
        from detector.model.artifact import load_model

        settings = settings.with_defaults()
        feeds = ActiveFeeds.load(settings)
        return cls(settings=settings, model=load_model(settings.model_dir or SHIPPED_MODEL_DIR),
                   geo=GeoLookup.from_settings(settings, feeds), feeds=feeds)

    def screen(self, population: Population) -> tuple[pd.DataFrame | None, dict[str, str]]:
        """Sanctions hits (None when no SDN list is loaded) and the feed versions to record."""
        return screen_population(population, self.feeds, self.settings), self.feeds.versions_with(self.geo)

    def close(self) -> None:
        self.geo.close()


@dataclass
class StoreScored:
    """Scores (OUTPUT.md rows, full evidence) and each applicant's links into the store."""

    scores: pd.DataFrame
    links: list[StoreLinks]
    features: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)

    def records(self) -> list[dict]:
        """The OUTPUT.md rows as dicts, in order."""
        return self.scores.to_dict("records")


def signal_features(population: Population, settings: Settings, geo) -> FeatureTable:
    """Every per-applicant signal (the link columns left NaN), as ``build_features`` computes them."""
    from detector.features.build import applicant_signals
    from detector.signals.session_geo import annotate_sessions

    applicants = population.applicants.reset_index(drop=True)
    sessions = annotate_sessions(population.sessions, geo)
    joined = applicant_signals(applicants, sessions, population.payouts)
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    features = joined.reindex(columns=list(FEATURE_NAMES)).astype(float)
    context = joined[[c for c in joined.columns if c.startswith("_")]]
    empty = PopulationLinks(pairs=pd.DataFrame({"a": [], "b": [], "kind": [], "similarity": []}),
                            features=pd.DataFrame(index=ids), components=np.zeros(0, dtype=np.int64))
    return FeatureTable(features=features, links=empty, sessions=sessions, context=context)


def redact_reasons(reasons: list[dict], phone: object, email: object) -> list[dict]:
    """Evidence as stored: the raw phone number and email never reach the database."""
    out = []
    for reason in reasons:
        sentence = str(reason.get("evidence", ""))
        for raw, mask in ((phone, "[phone]"), (email, "[email]")):
            if isinstance(raw, str) and raw.strip():
                sentence = sentence.replace(raw, mask)
        out.append({**reason, "evidence": sentence})
    return out


def _rules_risk(row: np.ndarray, columns: pd.Index) -> float:
    """The hand-set red-flag score of one feature row's own signals (as in batch)."""
    return float(own_red_flags(pd.DataFrame(row[None, :], columns=columns))[0])


def store_linked(session: Session, facts, own: int | None, found, risk: float,
                 latest_score: dict | None = None) -> int:
    """Write one linked applicant: its row (new, or replacing ``own``), its network and links.
    A new row is written with ``latest_score`` (see ``insert_row``) when it is given."""
    if own is None:
        pk = insert_row(session, facts, risk, latest_score)
        merge_components(session, pk, found.merge_components, current=pk)
    else:
        pk = own
        replace_applicant(session, pk, facts)
        merge_components(session, pk, found.merge_components)
    update_members(session, found.member_updates)
    insert_links(session, [(pk, other, kind, sim) for other, _, kind, sim in found.pairs], all_new=own is None)
    return pk


def _writer_lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})


def _stored_reasons(scores: pd.DataFrame, applicants: pd.DataFrame) -> list[list[dict]]:
    return [redact_reasons(r, p, e) for r, p, e in zip(scores["reasons"], applicants["phone"],
                                                         applicants["email"], strict=True)]


def linked_ids(found: StoreLinks) -> list[str]:
    """The profiles an applicant's evidence can name, in the order it names them: those it links
    to directly, then the rest of its network's members."""
    return list(dict.fromkeys([pair[1] for pair in found.pairs] + found.member_ids))


def _evidence_population(population: Population, links: list[StoreLinks]) -> tuple[Population, pd.DataFrame, np.ndarray]:
    """The scored applicants plus their linked profiles (ids only) as rows evidence can name."""
    n = len(population.applicants)
    extra_ids: list[str] = []
    extra_comp: list[int] = []
    pairs = []
    for row, found in enumerate(links):
        position: dict[str, int] = {}
        for member in linked_ids(found):
            position[member] = n + len(extra_ids)
            extra_ids.append(member)
            extra_comp.append(row if member in found.member_ids else n + len(extra_ids))
        for _, other_id, kind, similarity in found.pairs:
            pairs.append((row, position[other_id], kind, similarity))
    extended = pd.concat([population.applicants.reset_index(drop=True),
                          pd.DataFrame({"applicant_id": extra_ids})], ignore_index=True)
    pair_frame = pd.DataFrame(pairs, columns=["a", "b", "kind", "similarity"])
    components = np.concatenate([np.arange(n), np.asarray(extra_comp, dtype=np.int64)]).astype(np.int64)
    return (Population(applicants=extended, sessions=population.sessions, payouts=population.payouts,
                       proposals=population.proposals), pair_frame, components)


def score_with_store(session: Session, population: Population, engine: ScoringEngine,
                     source: str = "api") -> StoreScored:
    """Score each applicant against the store, then add it (a known id is rescored in place)."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    settings = engine.settings
    table = signal_features(population, settings, engine.geo)
    material = link_material(population, table.sessions, settings)
    t1 = time.perf_counter()
    timings["signals"] = t1 - t0
    features = table.features
    _writer_lock(session)
    existing = dict(session.execute(select(Applicant.applicant_id, Applicant.pk).where(
        Applicant.applicant_id.in_(material.applicants["applicant_id"].tolist()))).all())
    found_links: list[StoreLinks] = []
    pks: list[int] = []
    risks: list[float] = []
    link_columns = [features.columns.get_loc(name) for name in LINK_FEATURES]
    values = features.to_numpy(dtype=float, copy=True)
    for row, facts in enumerate(row_facts(material)):
        applicant_id = facts.applicant["applicant_id"]
        own = existing.get(applicant_id)
        found = link_applicant(session, facts, settings, exclude_pk=own)
        values[row, link_columns] = [found.features[name] for name in LINK_FEATURES]
        risk = _rules_risk(values[row], features.columns)
        pk = store_linked(session, facts, own, found, risk)
        existing[applicant_id] = pk
        found_links.append(found)
        pks.append(pk)
        risks.append(risk)
    features = pd.DataFrame(values, index=features.index, columns=features.columns)
    table.features = features
    t2 = time.perf_counter()
    timings["store_linking"] = t2 - t1
    evidence_population, pairs, components = _evidence_population(population, found_links)
    table.links = PopulationLinks(pairs=pairs, features=features[LINK_FEATURES], components=components)
    hits, versions = engine.screen(population)
    scored = score_features(table, evidence_population, engine.model, sanctions_hits=hits,
                            feed_versions=versions)
    t3 = time.perf_counter()
    timings["predict_reasons"] = t3 - t2
    stored = scored.scores.copy()
    stored["reasons"] = _stored_reasons(scored.scores, population.applicants.reset_index(drop=True))
    insert_scores(session, pks, stored, features, source, rules_risk=risks)
    timings["write"] = time.perf_counter() - t3
    return StoreScored(scores=scored.scores, links=found_links, features=features, timings=timings)


@dataclass
class ImportSummary:
    imported: int
    scored: int
    links: int
    components: int
    mode: str  # "batch" (empty store) or "sequential"


def store_is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(select(Applicant.pk).limit(1).subquery()))


def import_population(store: Store, population: Population, engine: ScoringEngine,
                      chunk: int = 500) -> ImportSummary:
    """Add a population to the store, scored.

    Into an empty store the population is scored in one batch (links, components and features
    exactly as ``detector score``); into a store that holds applicants already, each applicant
    is scored against the store in turn, so links to the stored ones are found too.
    """
    if population.applicants.empty:
        return ImportSummary(imported=0, scored=0, links=0, components=0, mode="batch")
    with store.session() as session:
        empty = store_is_empty(session)
    if not empty:
        total = 0
        ids = population.applicants["applicant_id"].tolist()
        for start in range(0, len(ids), chunk):
            part = population.subset(ids[start:start + chunk])
            with store.session() as session:
                total += len(score_with_store(session, part, engine, source="import").scores)
        with store.session() as session:
            components = session.scalar(select(func.count(func.distinct(Applicant.component_id)))) or 0
        return ImportSummary(imported=total, scored=total, links=-1, components=components, mode="sequential")
    result = score_population(population, engine.model, engine.settings, engine.geo, engine.feeds)
    table = result.table
    material = link_material(population, table.sessions, engine.settings)
    risks = np.asarray(own_red_flags(table.features), dtype=float)
    n = len(material.applicants)
    with store.session() as session:
        _writer_lock(session)
        pks = insert_applicants(session, material, range(n), rules_risk=risks)
        comps = table.links.components
        first_row = pd.Series(np.arange(n)).groupby(comps).transform("min").to_numpy()
        set_components(session, pks, [pks[r] for r in first_row])
        pairs = table.links.pairs
        insert_links(session, [(pks[int(a)], pks[int(b)], str(k), float(s)) for a, b, k, s in
                               zip(pairs["a"], pairs["b"], pairs["kind"], pairs["similarity"], strict=True)])
        stored = result.scores.copy()
        stored["reasons"] = _stored_reasons(result.scores, population.applicants.reset_index(drop=True))
        insert_scores(session, pks, stored, table.features, "import", rules_risk=risks)
    return ImportSummary(imported=n, scored=n, links=len(pairs), components=len(np.unique(comps)),
                         mode="batch")
