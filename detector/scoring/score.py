"""Score a validated population: features, calibrated score, band, reasons with evidence."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.features.build import FeatureTable, build_features
from detector.features.catalogue import FEATURE_NAMES
from detector.io.population import Population
from detector.sanctions.screening import screen
from detector.scoring.evidence import EvidenceWriter
from detector.scoring.margin_scores import scores_and_margins
from detector.scoring.reasons import reason_contributions
from detector.scoring.sanctions_policy import (
    hits_by_applicant,
    raise_bands,
    sanctions_reasons,
)
from detector.settings import Settings

# OUTPUT.md's columns, then the extensions of docs/OUTPUT_EXTENSIONS.md.
if TYPE_CHECKING:
    from detector.intel.active_feeds import ActiveFeeds

SCORE_COLUMNS = ["applicant_id", "score", "band", "reasons", "model_version", "sanctions_hits", "feed_versions"]


@dataclass
class ScoredPopulation:
    scores: pd.DataFrame  # OUTPUT.md columns; reasons as lists of dicts
    table: FeatureTable
    timings: dict[str, float] = field(default_factory=dict)
    sanctions_hits: pd.DataFrame | None = None  # None = not screened (no SDN feed loaded)


def reason_entries(contributions: list[tuple[str, float]], writer: EvidenceWriter, row: int) -> list[dict]:
    """OUTPUT.md's reasons of one row: code, rounded contribution, evidence sentence."""
    return [{"code": code, "contribution": round(c, 4), "evidence": writer.sentence(row, code)}
            for code, c in contributions]


def score_features(table: FeatureTable, population: Population, model,
                   sanctions_hits: pd.DataFrame | None = None,
                   feed_versions: dict[str, str] | None = None,
                   all_ids: np.ndarray | None = None, first_row: int = 0) -> ScoredPopulation:
    """Scores, bands and reasons for an already built feature table.

    ``sanctions_hits`` (rows of :func:`detector.sanctions.screen`; None = not screened) raise
    bands and add reasons after the model; ``feed_versions`` is recorded on every row.
    ``all_ids`` and ``first_row``: when ``table.links`` covers a larger population than
    ``population`` (a batch chunk), that population's ids and the chunk's first row in it.
    """
    t0 = time.perf_counter()
    X = table.features[list(FEATURE_NAMES)]
    if X.empty:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in SCORE_COLUMNS}).astype({"score": float})
        return ScoredPopulation(scores=empty, table=table, timings=dict(table.timings))
    # the margins too when the trees give both at once (reasons rank by margin)
    scores, margins = scores_and_margins(model, X)
    bands = np.asarray(model.band(scores))
    ids = table.features.index.to_numpy()
    if sanctions_hits is not None:
        bands = raise_bands(ids, bands, sanctions_hits)
    t1 = time.perf_counter()
    flagged = np.flatnonzero(bands != "low")
    reasons: list[list[dict]] = [[] for _ in range(len(scores))]
    if len(flagged):
        reference = np.asarray([model.reference_values[name] for name in FEATURE_NAMES], dtype=float)

        def predict(arr: np.ndarray) -> np.ndarray:
            return np.asarray(model.predict_proba(pd.DataFrame(arr, columns=list(FEATURE_NAMES))))

        margin = None
        if getattr(model, "margin", None) is not None and \
                model.margin(X.iloc[:1]) is not None:

            def margin(arr: np.ndarray) -> np.ndarray:
                return np.asarray(model.margin(pd.DataFrame(arr, columns=list(FEATURE_NAMES))))

        def predict_with_margin(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
            return scores_and_margins(model, pd.DataFrame(arr, columns=list(FEATURE_NAMES)))

        contributions = reason_contributions(
            predict, X.to_numpy(dtype=float)[flagged], reference, margin=margin,
            base=scores[flagged], base_margin=None if margins is None else margins[flagged],
            predict_with_margin=predict_with_margin if margins is not None else None)
        writer = EvidenceWriter(population.applicants, table.features, table.context,
                                table.sessions, population.payouts, table.links.pairs,
                                table.links.components, flagged, all_ids=all_ids,
                                first_row=first_row)
        for row, items in zip(flagged, contributions, strict=True):
            reasons[row] = reason_entries(items, writer, int(row))
    hits_column: list[list[dict] | None] = [None] * len(scores)
    if sanctions_hits is not None:
        found = hits_by_applicant(sanctions_hits)
        hits_column = [found.get(aid, []) for aid in ids]
        for position, hits in enumerate(hits_column):
            if hits:
                reasons[position] = sanctions_reasons(hits) + reasons[position]
    t2 = time.perf_counter()
    out = pd.DataFrame({
        "applicant_id": ids,
        "score": np.round(scores, 6),
        "band": bands,
        "reasons": reasons,
        "model_version": model.model_version,
        "sanctions_hits": pd.Series(hits_column, dtype=object),
        "feed_versions": pd.Series([dict(feed_versions or {})] * len(scores), dtype=object),
    })
    timings = dict(table.timings)
    timings["predict"] = t1 - t0
    timings["reasons"] = t2 - t1
    return ScoredPopulation(scores=out, table=table, timings=timings)


def screen_population(population: Population, feeds: ActiveFeeds | None,
                      settings: Settings) -> pd.DataFrame | None:
    """Hits of the applicants and their payout holders on the loaded SDN list; None when no
    list is loaded (not screened, which is not the same as no hits)."""
    if feeds is None or feeds.sdn is None:
        return None
    return screen(population.applicants, population.payouts, feeds.sdn,
                  name_threshold=settings.sanctions_name_threshold)


def score_population(population: Population, model, settings: Settings, geo,
                     feeds: ActiveFeeds | None = None) -> ScoredPopulation:
    """Score every applicant; labels in the input count as already-known fronts for linking.

    ``feeds`` (:class:`detector.intel.active_feeds.ActiveFeeds`) switches sanctions screening on
    when it holds an SDN list, and its versions are recorded in the output.
    """
    known = population.applicants["label"].to_numpy(dtype=float)
    table = build_features(population, settings, geo, known_labels=known)
    t = time.perf_counter()
    hits = screen_population(population, feeds, settings)
    screening = time.perf_counter() - t
    from detector.intel.active_feeds import ActiveFeeds

    versions = (feeds or ActiveFeeds()).versions_with(geo)
    scored = score_features(table, population, model, sanctions_hits=hits, feed_versions=versions)
    scored.timings["sanctions"] = screening
    scored.sanctions_hits = hits
    return scored


def reasons_to_json(reasons: list[dict]) -> str:
    if isinstance(reasons, list) and not reasons:  # most rows (low band): json.dumps' answer
        return "[]"
    return json.dumps(reasons, ensure_ascii=False)
