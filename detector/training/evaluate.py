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
from detector.settings import Settings
from detector.training.train import segment_columns
from detector.training.truth import load_truth

DEFAULT_VOLUME = 1000  # applicants per week, for the review-load column of the threshold table
DEFAULT_BOOTSTRAP = 1000


@dataclass
class EvaluationReport:
    metrics: dict
    text: str
    metrics_path: Path | None
    report_path: Path | None = None


@dataclass
class EvaluationData:
    """The labelled applicants' features, labels, linkage groups, and segments/tactics if known."""

    features: pd.DataFrame
    y: np.ndarray
    groups: np.ndarray
    segments: pd.Series | None
    tactics: pd.Series | None
    applicants: int


def evaluation_data(population: Population, settings: Settings, geo,
                    truth: pd.DataFrame | None = None) -> EvaluationData:
    """Features of the labelled applicants, computed over the whole population.

    Labels are hidden from the features (no applicant is linked to a "known" front through the
    very labels being evaluated), as for applicants nobody has reviewed yet.
    """
    labels = population.applicants["label"].to_numpy(dtype=float)
    labelled = ~np.isnan(labels)
    if labelled.sum() == 0 or len(np.unique(labels[labelled])) < 2:
        raise InputError("evaluation needs labelled applicants of both classes (field `label`, 0 or 1)")
    table = build_features(population, settings, geo, known_labels=None)
    X = table.features.loc[labelled, list(FEATURE_NAMES)]
    segments, tactics = segment_columns(X.index, truth)
    return EvaluationData(features=X, y=labels[labelled].astype(int),
                          groups=np.asarray(table.links.components)[labelled],
                          segments=segments, tactics=tactics, applicants=len(population))


def model_metrics(data: EvaluationData, model) -> dict:
    """The model at the 1%-FPR threshold of this data and at its card's review threshold."""
    from detector.model.metrics import detection_metrics

    scores = np.asarray(model.predict_proba(data.features), dtype=float)
    return {
        "model_version": model.model_version,
        "model_at_1pct_fpr": detection_metrics(data.y, scores, segments=data.segments,
                                               tactics=data.tactics),
        "model_at_model_review_threshold": detection_metrics(
            data.y, scores, segments=data.segments, tactics=data.tactics,
            threshold=model.thresholds.review),
    }


def evaluate_population(population: Population, model, settings: Settings, geo,
                        truth: pd.DataFrame | None = None) -> dict:
    """Metrics of ``model`` and of the rules baseline on the labelled applicants."""
    data = evaluation_data(population, settings, geo, truth)
    return _metrics(data, model)


def _metrics(data: EvaluationData, model) -> dict:
    from detector.model.metrics import detection_metrics
    from detector.model.rules_baseline import rules_score

    return {
        **model_metrics(data, model),
        "applicants": int(data.applicants),
        "labelled": int(data.y.size),
        "fronts": int(data.y.sum()),
        "rules_baseline": detection_metrics(data.y, rules_score(data.features),
                                            segments=data.segments, tactics=data.tactics),
    }


def evaluate_file(input_path: Path, settings: Settings, truth_path: Path | None = None,
                  metrics_path: Path | None = None, *, report_path: Path | None = None,
                  write_report: bool = True, compare_dir: Path | None = None,
                  volume: float = DEFAULT_VOLUME, bootstrap: int = DEFAULT_BOOTSTRAP
                  ) -> EvaluationReport:
    """Evaluate on a file or folder: print-ready text, metrics JSON and an HTML report.

    ``compare_dir`` is a challenger model evaluated on the same data, with bootstrap intervals
    (``bootstrap`` resamples of linkage groups) on the differences.
    """
    from detector.geo.geoip import GeoLookup
    from detector.intel.active_feeds import ActiveFeeds
    from detector.model.artifact import load_model
    from detector.model.bootstrap import compare_models
    from detector.model.metrics import format_metrics
    from detector.model.threshold_table import threshold_table

    settings = settings.with_defaults()
    model = load_model(settings.model_dir)  # type: ignore[arg-type]
    challenger = load_model(compare_dir) if compare_dir is not None else None
    if volume <= 0:
        raise InputError(f"--volume {volume}: give the applicants per week, a positive number")
    loaded = load_population(input_path)
    truth = load_truth(input_path, truth_path)
    feeds = ActiveFeeds.load(settings)  # evaluate the scorer with the feeds `score` would read
    with GeoLookup.from_settings(settings, feeds) as geo:
        data = evaluation_data(loaded.population, settings, geo, truth)
        feed_versions = feeds.versions_with(geo)
    metrics = _metrics(data, model)
    metrics["feed_versions"] = feed_versions
    metrics["rejected_records"] = int(len(loaded.rejects))
    scores = np.asarray(model.predict_proba(data.features), dtype=float)
    metrics["volume_per_week"] = volume
    metrics["threshold_table"] = threshold_table(data.y, scores, volume, model.thresholds)
    if challenger is not None:
        challenger_scores = np.asarray(challenger.predict_proba(data.features), dtype=float)
        metrics["challenger"] = model_metrics(data, challenger)
        metrics["challenger"]["threshold_table"] = threshold_table(
            data.y, challenger_scores, volume, challenger.thresholds)
        metrics["comparison"] = compare_models(data.y, scores, challenger_scores, data.groups,
                                               n_resamples=bootstrap)
    stem = input_path.name.split(".")[0]
    if metrics_path is None:  # in the working directory: the input's folder may be read-only
        metrics_path = Path.cwd() / (stem + ".evaluation.json")
    if write_report:
        from detector.model.importance import permutation_importance
        from detector.reports.evaluation_report import write_evaluation_report

        report_path = report_path or metrics_path.with_name(
            metrics_path.name.removesuffix(".json") + ".html")
        importance = permutation_importance(model, data.features, data.y)
        metrics["permutation_importance"] = importance.to_dict("records")
        write_evaluation_report(report_path, data, model, metrics, importance,
                                challenger=challenger, source=str(input_path))
    else:
        report_path = None
    metrics_path.write_text(json.dumps(metrics, indent=2, default=float))
    lines = [
        f"model {metrics['model_version']} on {metrics['labelled']} labelled applicants "
        f"({metrics['fronts']} fronts)",
        "model and rules baseline, each at its threshold for a 1% false-positive rate on this data:",
        format_metrics(metrics["model_at_1pct_fpr"], baseline=metrics["rules_baseline"]),
        f"model at the model card's review threshold ({model.thresholds.review:.4f}):",
        format_metrics(metrics["model_at_model_review_threshold"]),
        "feeds used: " + ", ".join(f"{k} {v}" for k, v in metrics["feed_versions"].items()),
    ]
    if challenger is not None:
        lines.append(comparison_text(metrics["comparison"], model.model_version,
                                     challenger.model_version))
    return EvaluationReport(metrics=metrics, text="\n".join(lines), metrics_path=metrics_path,
                            report_path=report_path)


def comparison_text(comparison: dict, champion: str, challenger: str) -> str:
    """The champion/challenger lines: each metric, the difference and its interval."""
    level = f"{comparison['level']:.0%}"
    lines = [f"challenger {challenger} against champion {champion} "
             f"({comparison['resamples']} bootstrap resamples of {comparison['groups']} linkage "
             f"groups, {level} intervals):"]
    for key, title in (("recall_at_fpr", f"recall at {comparison['fpr_target']:.0%} FPR"),
                       ("average_precision", "average precision")):
        c = comparison[key]
        lo, hi = c["difference_interval"]
        lines.append(f"  {title}: champion {c['champion']:.3f}, challenger {c['challenger']:.3f}, "
                     f"difference {c['difference']:+.3f} [{lo:+.3f}, {hi:+.3f}]")
    return "\n".join(lines)
