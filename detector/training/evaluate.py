"""Evaluate a model and the rules baseline on labelled data the model has not seen."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from detector.errors import InputError
from detector.features.build import build_features
from detector.features.catalogue import FEATURE_NAMES
from detector.io import load_population
from detector.io.population import Population
from detector.settings import SHIPPED_MODEL_DIR, Settings
from detector.training.train import segment_columns
from detector.training.truth import load_truth


@dataclass
class EvaluationReport:
    metrics: dict
    text: str
    metrics_path: Path | None


def evaluate_population(population: Population, model, settings: Settings, geo,
                        truth: pd.DataFrame | None = None) -> dict:
    """Metrics of ``model`` and of the rules baseline on the labelled applicants.

    Labels are hidden from the features (no applicant is linked to a "known" front through the
    very labels being evaluated), as for applicants nobody has reviewed yet.
    """
    from detector.model.metrics import detection_metrics
    from detector.model.rules_baseline import rules_score

    labels = population.applicants["label"].to_numpy(dtype=float)
    labelled = ~np.isnan(labels)
    if labelled.sum() == 0 or len(np.unique(labels[labelled])) < 2:
        raise InputError("evaluation needs labelled applicants of both classes (field `label`, 0 or 1)")
    table = build_features(population, settings, geo, known_labels=None)
    X = table.features.loc[labelled, list(FEATURE_NAMES)]
    y = labels[labelled].astype(int)
    scores = np.asarray(model.predict_proba(X), dtype=float)
    segments, tactics = segment_columns(X.index, truth)
    at_eval_fpr = detection_metrics(y, scores, segments=segments, tactics=tactics)
    at_model_threshold = detection_metrics(y, scores, segments=segments, tactics=tactics,
                                           threshold=model.thresholds.review)
    baseline = detection_metrics(y, rules_score(X), segments=segments, tactics=tactics)
    return {
        "model_version": model.model_version,
        "applicants": int(len(population)),
        "labelled": int(labelled.sum()),
        "fronts": int(y.sum()),
        "model_at_1pct_fpr": at_eval_fpr,
        "model_at_model_review_threshold": at_model_threshold,
        "rules_baseline": baseline,
    }


def evaluate_file(input_path: Path, settings: Settings, truth_path: Path | None = None,
                  metrics_path: Path | None = None) -> EvaluationReport:
    """Evaluate on a file or folder; print-ready text and metrics JSON."""
    from detector.geo.geoip import GeoLookup
    from detector.intel.active_feeds import ActiveFeeds
    from detector.model.artifact import load_model
    from detector.model.metrics import format_metrics

    settings = settings.with_defaults()
    model = load_model(settings.model_dir or SHIPPED_MODEL_DIR)
    loaded = load_population(input_path)
    truth = load_truth(input_path, truth_path)
    feeds = ActiveFeeds.load(settings)  # evaluate the scorer with the feeds `score` would read
    with GeoLookup.from_settings(settings, feeds) as geo:
        metrics = evaluate_population(loaded.population, model, settings, geo, truth)
        metrics["feed_versions"] = {**feeds.versions, **geo.database_versions()}
    metrics["rejected_records"] = int(len(loaded.rejects))
    if metrics_path is None:  # in the working directory: the input's folder may be read-only
        metrics_path = Path.cwd() / (input_path.name.split(".")[0] + ".evaluation.json")
    metrics_path.write_text(json.dumps(metrics, indent=2, default=float))
    text = "\n".join([
        f"model {metrics['model_version']} on {metrics['labelled']} labelled applicants "
        f"({metrics['fronts']} fronts)",
        "model and rules baseline, each at its threshold for a 1% false-positive rate on this data:",
        format_metrics(metrics["model_at_1pct_fpr"], baseline=metrics["rules_baseline"]),
        f"model at the model card's review threshold ({model.thresholds.review:.4f}):",
        format_metrics(metrics["model_at_model_review_threshold"]),
        "feeds used: " + ", ".join(f"{k} {v}" for k, v in metrics["feed_versions"].items()),
    ])
    return EvaluationReport(metrics=metrics, text=text, metrics_path=metrics_path)
