"""The model stage: feature table in, calibrated scores, bands and a model folder out.

``train_model`` fits the calibrated monotonic gradient-boosted pipeline on grouped folds,
``choose_thresholds`` sets the review/high bands on its out-of-fold scores, ``detection_metrics``
evaluates, ``rules_score`` is the hand-weighted red-flag baseline, and ``save_model`` /
``load_model`` write and read the skops artifact with its model card.
"""

from detector.model.artifact import LoadedModel, load_model, save_model
from detector.model.bands import Thresholds, band_for, choose_thresholds
from detector.model.classifier import TrainedModel, build_pipeline, train_model
from detector.model.metrics import detection_metrics, format_metrics
from detector.model.rules_baseline import rules_score
from detector.model.splits import grouped_folds
from detector.model.train import TrainingResult, train_and_save
from detector.model.transformers import CatalogueColumns, FeatureColumnsError, RobustClipper

__all__ = [
    "CatalogueColumns",
    "FeatureColumnsError",
    "LoadedModel",
    "RobustClipper",
    "Thresholds",
    "TrainedModel",
    "TrainingResult",
    "band_for",
    "build_pipeline",
    "choose_thresholds",
    "detection_metrics",
    "format_metrics",
    "grouped_folds",
    "load_model",
    "rules_score",
    "save_model",
    "train_and_save",
    "train_model",
]
