"""Train a model folder from labelled applicant data."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from detector.errors import InputError
from detector.features.build import build_features
from detector.features.catalogue import FEATURE_NAMES
from detector.io import load_population
from detector.io.population import Population
from detector.settings import Settings
from detector.training.known_fronts import cross_fitted_known_fronts
from detector.training.truth import load_truth

MIN_PER_CLASS = 10


@dataclass
class TrainReport:
    model_dir: Path
    metrics: dict
    baseline_metrics: dict
    text: str


def segment_columns(ids: pd.Index, truth: pd.DataFrame | None) -> tuple[pd.Series | None, pd.Series | None]:
    """Segment and tactic per applicant (None without a truth file)."""
    if truth is None:
        return None, None
    seg = truth["segment"].reindex(ids) if "segment" in truth else None
    tac = truth["tactic"].reindex(ids) if "tactic" in truth else None
    return seg, tac


def train_population(population: Population, settings: Settings, geo, truth: pd.DataFrame | None = None,
                     random_state: int = 0):
    """Features, cross-fitted known-front counts, grouped training and out-of-fold metrics."""
    from detector.model.bands import choose_thresholds
    from detector.model.classifier import train_model
    from detector.model.metrics import detection_metrics
    from detector.model.rules_baseline import rules_score

    labels_all = population.applicants["label"].to_numpy(dtype=float)
    labelled = ~np.isnan(labels_all)
    positives = int(np.nansum(labels_all == 1))
    negatives = int(np.sum(labels_all == 0))
    if positives < MIN_PER_CLASS or negatives < MIN_PER_CLASS:
        raise InputError(
            f"training needs at least {MIN_PER_CLASS} labelled fronts and {MIN_PER_CLASS} cleared "
            f"profiles; the input has {positives} and {negatives}. Add labels (field `label`, 0 or 1)")
    t0 = time.perf_counter()
    table = build_features(population, settings, geo, known_labels=None)
    components = table.links.components
    table.features["link_known_fronts"] = cross_fitted_known_fronts(
        components, np.where(labelled, labels_all, np.nan), random_state=random_state)
    t1 = time.perf_counter()
    X = table.features.loc[labelled, list(FEATURE_NAMES)]
    y = pd.Series(labels_all[labelled].astype(int), index=X.index)
    groups = pd.Series(components[labelled], index=X.index)
    trained = train_model(X, y, groups, random_state=random_state)
    t2 = time.perf_counter()
    oof = np.asarray(trained.oof_scores, dtype=float)
    thresholds = choose_thresholds(y.to_numpy(), oof)
    segments, tactics = segment_columns(X.index, truth)
    metrics = detection_metrics(y.to_numpy(), oof, segments=segments, tactics=tactics,
                                threshold=thresholds.review)
    baseline = detection_metrics(y.to_numpy(), rules_score(X), segments=segments, tactics=tactics)
    summary = {
        "applicants": int(len(population)),
        "labelled": int(labelled.sum()),
        "fronts": positives,
        "cleared": negatives,
        "base_rate": positives / max(1, positives + negatives),
        "components_with_fronts": int(pd.Series(components[labels_all == 1]).nunique()),
        "segments": (segments.value_counts().to_dict() if segments is not None else {}),
        "feature_seconds": round(t1 - t0, 2),
        "training_seconds": round(t2 - t1, 2),
    }
    return trained, thresholds, metrics, baseline, summary


def train_file(input_path: Path, model_dir: Path, settings: Settings, truth_path: Path | None = None,
               random_state: int = 0) -> TrainReport:
    """Train on the labelled applicants of a file or folder and save a model folder."""
    from detector.geo.geoip import GeoLookup
    from detector.model.artifact import save_model
    from detector.model.metrics import format_metrics

    settings = settings.with_defaults()
    loaded = load_population(input_path)
    truth = load_truth(input_path, truth_path)
    with GeoLookup.from_settings(settings) as geo:
        trained, thresholds, metrics, baseline, summary = train_population(
            loaded.population, settings, geo, truth, random_state)
    summary["source"] = str(input_path)
    summary["rejected_records"] = int(len(loaded.rejects))
    save_model(trained, model_dir, training_summary=summary, metrics=metrics, thresholds=thresholds,
               extra={"rules_baseline": baseline})
    text = "\n".join([
        f"trained on {summary['labelled']} labelled applicants ({summary['fronts']} fronts) -> {model_dir}",
        "model and rules baseline (out-of-fold, grouped by linkage component):",
        format_metrics(metrics, baseline=baseline),
    ])
    return TrainReport(model_dir=model_dir, metrics=metrics, baseline_metrics=baseline, text=text)
