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
from detector.training.label_options import LabelOptions, decision_times, fitted_labels, held_out
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


def fit_and_measure(X: pd.DataFrame, y: pd.Series, groups: pd.Series, segments: pd.Series | None,
                    tactics: pd.Series | None, random_state: int = 0):
    """Grouped training, band thresholds from the out-of-fold scores, and the out-of-fold
    metrics of the model and of the rules baseline side by side."""
    from detector.model.bands import choose_thresholds
    from detector.model.classifier import train_model
    from detector.model.metrics import detection_metrics
    from detector.model.rules_baseline import rules_score

    trained = train_model(X, y, groups, random_state=random_state)
    oof = np.asarray(trained.oof_scores, dtype=float)
    thresholds = choose_thresholds(y.to_numpy(), oof)
    metrics = detection_metrics(y.to_numpy(), oof, segments=segments, tactics=tactics,
                                threshold=thresholds.review)
    baseline = detection_metrics(y.to_numpy(), rules_score(X), segments=segments, tactics=tactics)
    return trained, thresholds, metrics, baseline


def train_population(population: Population, settings: Settings, geo, truth: pd.DataFrame | None = None,
                     random_state: int = 0, options: LabelOptions | None = None):
    """Features, cross-fitted known-front counts, grouped training and out-of-fold metrics.

    ``options`` choose how unlabelled profiles count and which labelled ones are held out for
    a test (see ``detector.training.label_options``).
    """
    from detector.linking.components import known_front_counts
    from detector.model.metrics import detection_metrics
    from detector.model.rules_baseline import rules_score

    options = options or LabelOptions()
    labels_given = fitted_labels(population.applicants["label"].to_numpy(dtype=float), options)
    labels_all = labels_given
    test = np.zeros(len(labels_all), dtype=bool)
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
    if options.split != "none":
        test = held_out(labels_given, components, decision_times(population.applicants), options)
        labels_all = np.where(test, np.nan, labels_given)  # test labels reach nothing below
        labelled = ~np.isnan(labels_all)
        positives, negatives = int(np.sum(labels_all == 1)), int(np.sum(labels_all == 0))
    table.features["link_known_fronts"] = cross_fitted_known_fronts(
        components, np.where(labelled, labels_all, np.nan), random_state=random_state)
    # Test profiles see the training labels only, as new applicants see past decisions.
    table.features.loc[test, "link_known_fronts"] = known_front_counts(components, labels_all)[test]
    t1 = time.perf_counter()
    X = table.features.loc[labelled, list(FEATURE_NAMES)]
    y = pd.Series(labels_all[labelled].astype(int), index=X.index)
    groups = pd.Series(components[labelled], index=X.index)
    segments, tactics = segment_columns(X.index, truth)
    trained, thresholds, metrics, baseline = fit_and_measure(X, y, groups, segments, tactics, random_state)
    t2 = time.perf_counter()
    holdout = None
    if test.any():
        X_test = table.features.loc[test, list(FEATURE_NAMES)]
        y_test = labels_given[test].astype(int)
        seg_test, tac_test = segment_columns(X_test.index, truth)
        holdout = {
            "split": options.split,
            "rows": int(test.sum()),
            "fronts": int(y_test.sum()),
            "test_after": str(options.test_after) if options.test_after is not None else None,
            "model_at_review_threshold": detection_metrics(
                y_test, trained.predict_proba(X_test), segments=seg_test, tactics=tac_test,
                threshold=thresholds.review),
            "rules_baseline": detection_metrics(y_test, rules_score(X_test), segments=seg_test,
                                                tactics=tac_test),
        }
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
        "unlabelled": options.unlabelled,
        "split": options.split,
    }
    if holdout is not None:
        summary["holdout"] = holdout
    return trained, thresholds, metrics, baseline, summary


def train_file(input_path: Path, model_dir: Path, settings: Settings, truth_path: Path | None = None,
               random_state: int = 0, options: LabelOptions | None = None) -> TrainReport:
    """Train on the labelled applicants of a file or folder and save a model folder."""
    from detector.geo.geoip import GeoLookup
    from detector.model.artifact import save_model
    from detector.model.metrics import format_metrics

    settings = settings.with_defaults()
    loaded = load_population(input_path)
    truth = load_truth(input_path, truth_path)
    with GeoLookup.from_settings(settings) as geo:
        trained, thresholds, metrics, baseline, summary = train_population(
            loaded.population, settings, geo, truth, random_state, options)
    summary["source"] = str(input_path)
    summary["rejected_records"] = int(len(loaded.rejects))
    save_model(trained, model_dir, training_summary=summary, metrics=metrics, thresholds=thresholds,
               extra={"rules_baseline": baseline})
    text = "\n".join([
        f"trained on {summary['labelled']} labelled applicants ({summary['fronts']} fronts) -> {model_dir}",
        "model and rules baseline (out-of-fold, grouped by linkage component):",
        format_metrics(metrics, baseline=baseline),
    ])
    if "holdout" in summary:
        held = summary["holdout"]
        text += (f"\nheld-out test ({held['split']} split, {held['rows']} labelled applicants, "
                 f"{held['fronts']} fronts) at the review threshold:\n"
                 + format_metrics(held["model_at_review_threshold"], baseline=held["rules_baseline"]))
    return TrainReport(model_dir=model_dir, metrics=metrics, baseline_metrics=baseline, text=text)
