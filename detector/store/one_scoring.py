"""Score one validated applicant against the store: the scoring API's per-request fast path.

The same steps as :func:`detector.store.scoring.score_with_store` for a population of one,
with the per-applicant work in plain Python (``detector.signals.one_applicant``,
``detector.store.one_material``) instead of DataFrames. The store lookups, inserts and
component merge are the same functions. Scores, bands and reasons are the frame path's:
the model is called on the same feature row, and an applicant whose band is above ``low``
gets its reasons and evidence from the frame code (``score_features``), on frames built for
that one applicant only. Sanctions screening needs the frames too, so with an SDN list loaded
the caller uses the frame path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from detector.features.build import FeatureTable
from detector.features.catalogue import FEATURE_NAMES
from detector.io.fast_records import CleanApplicant, population_of
from detector.io.population import PAYOUT_COLUMNS
from detector.linking.population_links import PopulationLinks
from detector.model.one_row import OneRowPredictor, one_row_predictor
from detector.model.rules_baseline import OWN_RULES
from detector.scoring.evidence import EvidenceWriter
from detector.scoring.reasons import reason_contributions
from detector.scoring.score import reason_entries, score_features
from detector.signals.one_applicant import OneApplicantSignals, one_applicant_signals
from detector.signals.session_geo import annotate_sessions, annotated_columns
from detector.store.lookup import StoreLinks
from detector.store.material import RowFacts
from detector.store.one_material import one_row_facts
from detector.store.scoring import (
    LINK_FEATURES,
    ScoringEngine,
    _evidence_population,
    linked_ids,
)

if TYPE_CHECKING:
    from detector.store.many_scoring import ScoredAlone

_RULE_COLUMNS = [FEATURE_NAMES.index(rule.feature) for rule in OWN_RULES]
_RULE_POINTS = np.array([rule.points for rule in OWN_RULES])
_RULE_THRESHOLDS = np.array([rule.value for rule in OWN_RULES], dtype=float)
_RULE_STRICT = np.array([rule.op == ">" for rule in OWN_RULES])


def rules_risk(row: np.ndarray) -> float:
    """``own_red_flags`` of one feature row (catalogue order), with the same arithmetic."""
    values = row[_RULE_COLUMNS]
    with np.errstate(invalid="ignore"):
        hit = np.where(_RULE_STRICT, values > _RULE_THRESHOLDS, values >= _RULE_THRESHOLDS)
    hits = np.where(np.isnan(values), False, hit).astype(float)[None, :]
    return float((hits @ _RULE_POINTS / _RULE_POINTS.sum())[0])


def _as_float(value: object) -> float:
    return np.nan if value is None else float(value)  # type: ignore[arg-type]


_PREDICTORS: dict[int, tuple[object, OneRowPredictor | None]] = {}


def _predictor(model) -> OneRowPredictor | None:
    """The model's one-row scorer, built once per loaded model."""
    cached = _PREDICTORS.get(id(model))
    if cached is None or cached[0] is not model:
        cached = (model, one_row_predictor(model))
        _PREDICTORS[id(model)] = cached
    return cached[1]


def can_score_alone(engine: ScoringEngine) -> bool:
    """The fast path applies unless sanctions screening (frame-based) is switched on."""
    return engine.feeds.sdn is None


@dataclass
class PreparedApplicant:
    """What scoring one applicant needs before touching the store (computed outside its lock)."""

    applicant: CleanApplicant
    signals: OneApplicantSignals
    facts: RowFacts
    seconds: float


def prepare_one(applicant: CleanApplicant, engine: ScoringEngine) -> PreparedApplicant:
    """Geolocation, signals, hashes and text signatures of one applicant."""
    t0 = time.perf_counter()
    geo_rows = engine.geo.rows([s["ip"] for s in applicant.sessions])
    signals = one_applicant_signals(applicant, geo_rows)
    facts = one_row_facts([applicant], [geo_rows], [signals.curve], engine.settings)[0]
    return PreparedApplicant(applicant, signals, facts, time.perf_counter() - t0)


def score_one_with_store(session: Session, applicant: CleanApplicant | PreparedApplicant,
                         engine: ScoringEngine, source: str = "api") -> ScoredAlone:
    """Score one applicant against the store, then add it (a known id is rescored in place).

    A batch of one of ``score_many_with_store``: the same statements in the same order, and
    no per-applicant DataFrames (the result builds its frames when asked)."""
    from detector.store.many_scoring import score_many_with_store

    prepared = applicant if isinstance(applicant, PreparedApplicant) else prepare_one(applicant, engine)
    return score_many_with_store(session, [prepared], engine, source=source)[0]


def _reasons_with_evidence(ready: PreparedApplicant, row: np.ndarray, found: StoreLinks,
                           engine: ScoringEngine, versions: dict[str, str]) -> list[dict]:
    """The reasons with evidence of this one applicant, as ``score_features`` gives them.

    ``row``: its features in catalogue order, link features filled in from ``found``."""
    model = engine.model
    predictor = _predictor(model)
    if predictor is None:
        return _reasons_from_frames(ready, row, found, engine, versions)
    # score_features' reasons for one flagged row, with the model's calls answered by the tree
    # walker (the same numbers, without scikit-learn's per-call cost on each occluded variant),
    # and its evidence written from the applicant's own values instead of one-row frames
    rows = row[None, :]
    variants = predictor.around(row)
    reference = np.asarray([model.reference_values[name] for name in FEATURE_NAMES], dtype=float)
    (contributions,) = reason_contributions(variants.predict, rows, reference, margin=variants.margin,
                                            predict_with_margin=variants.predict_with_margin)
    applicant = ready.applicant
    in_network = set(found.member_ids)
    writer = EvidenceWriter.for_one(
        applicant.fields, dict(zip(FEATURE_NAMES, row, strict=True)), ready.signals.context,
        annotated_columns(applicant.sessions, ready.signals.geo),
        {name: np.asarray([payout[name] for payout in applicant.payouts], dtype=object)
         for name in PAYOUT_COLUMNS},
        [(kind, other) for _, other, kind, _ in found.pairs],
        [member for member in linked_ids(found) if member in in_network])
    return reason_entries(contributions, writer, 0)


def _reasons_from_frames(ready: PreparedApplicant, row: np.ndarray, found: StoreLinks,
                         engine: ScoringEngine, versions: dict[str, str]) -> list[dict]:
    """``score_features`` on frames of this one applicant: any model the tree walker cannot read."""
    applicant = ready.applicant
    population = population_of([applicant])
    sessions = annotate_sessions(population.sessions, engine.geo)
    evidence_population, pairs, components = _evidence_population(population, [found])
    features = pd.DataFrame(row[None, :], index=pd.Index([applicant.fields["applicant_id"]], name="applicant_id"),
                            columns=list(FEATURE_NAMES))
    table = FeatureTable(features=features, links=PopulationLinks(
        pairs=pairs, features=features[LINK_FEATURES], components=components),
        sessions=sessions, context=pd.DataFrame([ready.signals.context], index=features.index))
    return score_features(table, evidence_population, engine.model, sanctions_hits=None,
                          feed_versions=versions).scores["reasons"].iloc[0]
