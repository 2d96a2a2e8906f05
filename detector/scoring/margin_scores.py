"""Calibrated scores and raw margins of the same rows from one pass through the trees.

Reasons rank occluded variants by their drop in margin and share the lift in calibrated score,
so each variant needs both numbers. ``predict_proba`` of a calibrated pipeline computes the
margin (``decision_function``) and calibrates it; asking for ``predict_proba`` and ``margin``
separately walked every tree twice for each variant (a third of a batch's pass 2). For one
calibrated binary classifier with a sigmoid or isotonic calibrator, the score is computed
here from the margin with scikit-learn's own steps (the calibrator's ``predict``, the trim of
values a hair above 1, the mean over one classifier), so it is the same float as
``predict_proba`` gives. Any other model is called as before.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def _calibrator(model) -> Callable[[np.ndarray], np.ndarray] | None:
    """The function from margins to calibrated scores, or None when the model's shape differs."""
    estimator = getattr(model, "estimator", None)
    calibrated = getattr(estimator, "calibrated_classifiers_", None)
    if not calibrated or len(calibrated) != 1 or getattr(model, "margin", None) is None:
        return None
    one = calibrated[0]
    classes = getattr(estimator, "classes_", None)
    if classes is None or list(classes) != [0, 1] or one.method not in ("sigmoid", "isotonic") \
            or len(one.calibrators) != 1:
        return None
    calibrator = one.calibrators[0]

    def calibrate(margins: np.ndarray) -> np.ndarray:
        # _CalibratedClassifier.predict_proba's positive column with its trim; the mean over
        # one calibrated classifier (0 + p, then / 1) leaves every float as it is
        positive = np.array(calibrator.predict(margins), dtype=float)
        positive[(1.0 < positive) & (positive <= 1.0 + 1e-5)] = 1.0
        return positive

    return calibrate


def scores_and_margins(model, features: pd.DataFrame) -> tuple[np.ndarray, np.ndarray | None]:
    """``(model.predict_proba(features), model.margin(features))`` with the trees walked once;
    the margins are None when the model is not of that shape (ask ``model.margin`` then)."""
    calibrate = _calibrator(model)
    if calibrate is None:
        return np.asarray(model.predict_proba(features), dtype=float), None
    margins = np.asarray(model.margin(features), dtype=float)
    return calibrate(margins), margins
