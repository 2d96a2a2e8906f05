"""Model folder: ``estimator.skops`` + ``model_card.json`` + ``MODEL_CARD.md``.

The estimator is saved with skops, never pickled. Loading trusts only the object types listed in
``ALLOWED_TYPES`` below, and refuses a folder whose card lists other features than this code's
catalogue, or whose estimator file is not the one the card describes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import skops.io as sio

from detector.errors import ModelError
from detector.features.catalogue import FEATURE_NAMES
from detector.io.file_digest import file_sha256
from detector.model.bands import Thresholds, band_for
from detector.model.classifier import TrainedModel
from detector.model.model_card import (
    build_card,
    catalogue_features,
    code_versions,
    features_fingerprint,
    render_markdown,
)

ESTIMATOR_FILE = "estimator.skops"
CARD_FILE = "model_card.json"
CARD_MARKDOWN = "MODEL_CARD.md"
RETRAIN = "retrain the model with `detector train` (or point DETECTOR_MODEL_DIR at a matching one)"

# Types skops does not trust by default that a detector model may contain. Everything here is
# a scikit-learn or detector class whose loading runs no user code.
ALLOWED_TYPES: frozenset[str] = frozenset({
    "detector.model.transformers.CatalogueColumns",
    "detector.model.transformers.RobustClipper",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.calibration._TemperatureScaling",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.pipeline.Pipeline",
    "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.Interval",
    "sklearn.model_selection._split.PredefinedSplit",
    "numpy.dtype",
    "numpy.ndarray",
    "numpy.float64",
    "numpy.int64",
    "builtins.slice",
})


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes owner-only files; a model is read by other users
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _thresholds_dict(thresholds: Thresholds | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(thresholds, Thresholds):
        return thresholds.to_dict()
    return Thresholds.from_dict(dict(thresholds)).to_dict()


def save_model(trained: TrainedModel, model_dir: str | Path, training_summary: dict[str, Any],
               metrics: dict[str, Any], thresholds: Thresholds | Mapping[str, Any],
               extra: dict[str, Any] | None = None, *,
               baseline_metrics: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write the model folder and return the card.

    ``training_summary`` (e.g. data source, generator seed, tactics and segments) is merged over
    the trainer's own summary; ``metrics`` and ``baseline_metrics`` are ``detection_metrics``
    outputs for the model's and the rules baseline's out-of-fold scores (a baseline passed as
    ``extra["rules_baseline"]`` is used when ``baseline_metrics`` is not given).
    """
    extra = dict(extra or {})
    if baseline_metrics is None and isinstance(extra.get("rules_baseline"), Mapping):
        baseline_metrics = dict(extra.pop("rules_baseline"))
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    data = sio.dumps(trained.estimator)
    untrusted = sorted(sio.get_untrusted_types(data=data))
    unexpected = sorted(set(untrusted) - ALLOWED_TYPES)
    if unexpected:
        raise ModelError(
            f"the estimator holds object types {unexpected} that load_model would refuse; add "
            "them to detector.model.artifact.ALLOWED_TYPES after checking they are safe to load"
        )
    estimator_path = model_dir / ESTIMATOR_FILE
    _write_atomic(estimator_path, data)
    digest = hashlib.sha256(data).hexdigest()
    model_version = f"detector-{datetime.now(UTC):%Y%m%d}-{digest[:10]}"
    summary = {**trained.summary, **(training_summary or {})}
    card = build_card(
        model_version=model_version,
        estimator_file=ESTIMATOR_FILE,
        estimator_sha256=digest,
        trusted_types=untrusted,
        training_summary=summary,
        metrics=metrics,
        thresholds=_thresholds_dict(thresholds),
        reference_values=trained.reference_values,
        baseline_metrics=baseline_metrics,
        extra=extra,
    )
    _write_atomic(model_dir / CARD_FILE, json.dumps(card, indent=2, allow_nan=False).encode())
    _write_atomic(model_dir / CARD_MARKDOWN, render_markdown(card).encode())
    return card


@dataclass
class LoadedModel:
    """A model folder loaded for scoring."""

    estimator: Any
    card: dict[str, Any]
    thresholds: Thresholds
    model_version: str
    reference_values: dict[str, float | None]
    feature_names: tuple[str, ...] = field(default=FEATURE_NAMES)

    def margin(self, features: pd.DataFrame) -> np.ndarray | None:
        """The booster's raw log-odds before calibration (None if the estimator has none).

        Unlike the calibrated score it does not saturate, so it can still rank the reasons of
        a profile whose score is already at the top of the scale.
        """
        calibrated = getattr(self.estimator, "calibrated_classifiers_", None)
        if not calibrated or len(calibrated) != 1:
            return None
        return np.asarray(calibrated[0].estimator.decision_function(features), dtype=float)

    def predict_proba(self, features: pd.DataFrame) -> np.ndarray:
        """Calibrated probability of being a front, one per row of the feature table."""
        return self.estimator.predict_proba(features)[:, 1]

    def band(self, scores: np.ndarray) -> np.ndarray:
        """``'low'``, ``'review'`` or ``'high'`` per score, from the card's thresholds."""
        return band_for(scores, self.thresholds)

    def reference_frame(self) -> pd.Series:
        """The benign reference values as a float Series in catalogue order (NaN = none)."""
        return pd.Series(
            {n: np.nan if self.reference_values.get(n) is None else self.reference_values[n]
             for n in self.feature_names}, dtype=float,
        )


def _read_card(model_dir: Path) -> dict[str, Any]:
    path = model_dir / CARD_FILE
    if not path.is_file():
        raise ModelError(f"model folder {model_dir} has no {CARD_FILE}; {RETRAIN}")
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path} is not readable JSON ({exc}); {RETRAIN}") from exc
    required = ("model_version", "features", "features_fingerprint", "estimator", "thresholds",
                "reference_values")
    missing = [key for key in required if not isinstance(card, dict) or key not in card]
    if missing:
        raise ModelError(f"{path} lacks {missing}; it was not written by this detector. {RETRAIN}")
    return card


def _check_features(card: dict[str, Any], path: Path) -> None:
    try:
        card_features = [(str(f["name"]), int(f["direction"])) for f in card["features"]]
        card_revisions = {str(f["name"]): int(f.get("revision", 1)) for f in card["features"]}
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise ModelError(f"{path}: the feature list is malformed ({exc}); {RETRAIN}") from exc
    current = [(f["name"], int(f["direction"])) for f in catalogue_features()]
    recomputed = [f"{f['name']} (revision {card_revisions.get(f['name'], 1)} in the model, "
                  f"{f.get('revision', 1)} in this code)" for f in catalogue_features()
                  if f["name"] in card_revisions and card_revisions[f["name"]] != f.get("revision", 1)]
    if recomputed and card_features == current:
        raise ModelError(
            f"the model in {path.parent} was trained on features this code computes differently: "
            + ", ".join(recomputed) + f". {RETRAIN.capitalize()}"
        )
    if card_features != current:
        card_names = [n for n, _ in card_features]
        names = [n for n, _ in current]
        problems = []
        missing = [n for n in names if n not in card_names]
        extra = [n for n in card_names if n not in names]
        if missing:
            problems.append(f"the model lacks features {missing}")
        if extra:
            problems.append(f"the model has features this code does not compute: {extra}")
        directions = dict(card_features)
        changed = [n for n, d in current if n in directions and directions[n] != d]
        if changed:
            problems.append(f"monotonic directions differ for {changed}")
        if not problems:
            problems.append("the features are in a different order")
        raise ModelError(
            f"the model in {path.parent} was trained for another feature catalogue: "
            + "; ".join(problems) + f". {RETRAIN.capitalize()}"
        )
    if card["features_fingerprint"] != features_fingerprint():
        raise ModelError(
            f"the model in {path.parent} has features fingerprint "
            f"{str(card['features_fingerprint'])[:12]}..., this code "
            f"{features_fingerprint()[:12]}...; {RETRAIN}"
        )


def read_checked_card(model_dir: str | Path) -> dict[str, Any]:
    """The model card of a folder, after checking its feature list matches this code (cheap: the
    estimator is not loaded). ``ModelError`` says what is wrong."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise ModelError(f"model folder {model_dir} does not exist; {RETRAIN}")
    card = _read_card(model_dir)
    _check_features(card, model_dir / CARD_FILE)
    return card


def load_model(model_dir: str | Path) -> LoadedModel:
    """Load a model folder written by ``save_model``; ``ModelError`` says what is wrong."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise ModelError(f"model folder {model_dir} does not exist; {RETRAIN}")
    card = _read_card(model_dir)
    _check_features(card, model_dir / CARD_FILE)

    estimator_path = model_dir / str(card["estimator"].get("file", ESTIMATOR_FILE))
    if not estimator_path.is_file():
        raise ModelError(f"model folder {model_dir} has no {estimator_path.name}; {RETRAIN}")
    expected = card["estimator"].get("sha256")
    if expected != file_sha256(estimator_path):
        raise ModelError(
            f"{estimator_path} is not the file its model card describes (sha256 differs): it is "
            f"corrupt or was replaced; {RETRAIN}"
        )
    listed = set(card["estimator"].get("trusted_types") or [])
    refused = sorted(listed - ALLOWED_TYPES)
    if refused:
        raise ModelError(
            f"{estimator_path} declares object types {refused} that this detector does not "
            f"trust; {RETRAIN}"
        )
    try:
        found = set(sio.get_untrusted_types(file=estimator_path))
        refused = sorted(found - (listed & ALLOWED_TYPES))
        if refused:
            raise ModelError(
                f"{estimator_path} holds object types {refused} that its card does not declare "
                f"or this detector does not trust; {RETRAIN}"
            )
        estimator = sio.load(estimator_path, trusted=sorted(found))
    except ModelError:
        raise
    except Exception as exc:  # skops raises zip, JSON and type errors for a damaged file
        raise ModelError(f"{estimator_path} cannot be loaded ({type(exc).__name__}: {exc}); "
                         f"{RETRAIN}") from exc
    trained_with = (card.get("code_versions") or {}).get("scikit-learn")
    installed = code_versions()["scikit-learn"]
    if trained_with and trained_with != installed:
        warnings.warn(
            f"the model in {model_dir} was trained with scikit-learn {trained_with}, this is "
            f"{installed}; scores may differ slightly: retrain with `detector train`",
            UserWarning, stacklevel=2,
        )
    if not hasattr(estimator, "predict_proba"):
        raise ModelError(f"{estimator_path} does not hold a classifier; {RETRAIN}")
    try:
        thresholds = Thresholds.from_dict(card["thresholds"])
    except (TypeError, ValueError) as exc:
        raise ModelError(f"the thresholds in {model_dir / CARD_FILE} are invalid ({exc}); "
                         f"{RETRAIN}") from exc
    return LoadedModel(
        estimator=estimator,
        card=card,
        thresholds=thresholds,
        model_version=str(card["model_version"]),
        reference_values=dict(card["reference_values"]),
    )
