"""One call from a labelled feature table to a model folder: train, set bands, evaluate, save."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from detector.model.artifact import save_model
from detector.model.bands import Thresholds, choose_thresholds
from detector.model.classifier import TrainedModel, train_model
from detector.model.metrics import detection_metrics
from detector.model.rules_baseline import rules_score


@dataclass
class TrainingResult:
    trained: TrainedModel
    thresholds: Thresholds
    metrics: dict[str, Any]  # the model's out-of-fold metrics at the review threshold
    baseline_metrics: dict[str, Any]  # the rules scorecard at its own 1%-FPR threshold
    card: dict[str, Any]


def train_and_save(features: pd.DataFrame, labels: pd.Series, groups: pd.Series,
                   model_dir: str | Path, *, segments: pd.Series | None = None,
                   tactics: pd.Series | None = None,
                   training_summary: dict[str, Any] | None = None,
                   fpr_target: float = 0.01, precision_target: float = 0.9,
                   random_state: int = 0, n_threads: int | None = None,
                   extra: dict[str, Any] | None = None) -> TrainingResult:
    """Train on the table, choose thresholds and compute metrics on out-of-fold scores, and
    write the model folder. ``segments``/``tactics`` (per applicant, aligned on the table's
    index) give the per-segment false-positive rates and per-tactic recall in the card.
    """
    trained = train_model(features, labels, groups, random_state=random_state,
                          n_threads=n_threads)
    y = labels.reindex(features.index)
    if segments is not None:
        segments = segments.reindex(features.index)
    if tactics is not None:
        tactics = tactics.reindex(features.index)
    thresholds = choose_thresholds(y, trained.oof_scores, fpr_target, precision_target)
    metrics = detection_metrics(y, trained.oof_scores, segments, tactics, fpr_target,
                                threshold=thresholds.review)
    baseline = detection_metrics(y, pd.Series(rules_score(features), index=features.index),
                                 segments, tactics, fpr_target)
    card = save_model(trained, model_dir, training_summary or {}, metrics, thresholds, extra,
                      baseline_metrics=baseline)
    return TrainingResult(trained, thresholds, metrics, baseline, card)
