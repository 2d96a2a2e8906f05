"""The calibrated score of one feature row without scikit-learn's per-call overhead.

``predict_proba`` of the boosted pipeline calls each of its ~200 trees' predictors once per
call, a few milliseconds for one applicant, which the scoring API pays on every sign-up. For
models of the shape ``detector train`` produces (one calibrated pipeline: catalogue columns,
``RobustClipper``, a binary ``HistGradientBoostingClassifier`` without categorical splits)
this walks the trees in plain Python, adding the leaf values in the same order and precision
as scikit-learn, and hands the raw score to the model's own calibrator. Any other model
gets ``None`` from :func:`one_row_predictor` and is called as usual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detector.features.catalogue import FEATURE_NAMES


@dataclass
class _Tree:
    value: list[float]
    feature: list[int]
    threshold: list[float]
    missing_left: list[bool]
    left: list[int]
    right: list[int]
    leaf: list[bool]

    def leaf_value(self, row: list[float]) -> float:
        node = 0
        while not self.leaf[node]:
            x = row[self.feature[node]]
            if x != x:
                node = self.left[node] if self.missing_left[node] else self.right[node]
            elif x <= self.threshold[node]:
                node = self.left[node]
            else:
                node = self.right[node]
        return self.value[node]


@dataclass
class OneRowPredictor:
    columns: list[int]  # catalogue position of each column the pipeline reads
    clipper: object
    baseline: float
    trees: list[_Tree]
    calibrator: object

    def predict(self, features: np.ndarray) -> float:
        """The calibrated probability for one row of features in catalogue order."""
        clipped = self.clipper.transform(np.asarray(features, dtype=np.float64)[None, self.columns])  # type: ignore[attr-defined]
        row = clipped[0].tolist()
        raw = np.zeros((1, 1))
        raw += self.baseline
        total = float(raw[0, 0])
        for tree in self.trees:
            total += tree.leaf_value(row)
        calibrated = self.calibrator.predict(np.asarray([total]))  # type: ignore[attr-defined]
        positive = float(np.asarray(calibrated, dtype=np.float64)[0])
        if 1.0 < positive <= 1.0 + 1e-5:  # as CalibratedClassifierCV trims
            positive = 1.0
        return positive


def one_row_predictor(model) -> OneRowPredictor | None:
    """A fast single-row scorer for ``model`` (a loaded artifact), or None if its shape differs."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.pipeline import Pipeline

    from detector.model.transformers import CatalogueColumns, RobustClipper

    estimator = getattr(model, "estimator", None)
    if not isinstance(estimator, CalibratedClassifierCV) or len(estimator.calibrated_classifiers_) != 1:
        return None
    calibrated = estimator.calibrated_classifiers_[0]
    pipeline = calibrated.estimator
    if not isinstance(pipeline, Pipeline) or len(pipeline.steps) != 3 or len(calibrated.calibrators) != 1:
        return None
    (_, columns), (_, clipper), (_, boost) = pipeline.steps
    if not (isinstance(columns, CatalogueColumns) and isinstance(clipper, RobustClipper)
            and isinstance(boost, HistGradientBoostingClassifier) and boost.n_trees_per_iteration_ == 1):
        return None
    names = [str(n) for n in getattr(columns, "feature_names_in_", [])]
    if sorted(names) != sorted(FEATURE_NAMES) or list(estimator.classes_) != [0, 1]:
        return None
    trees = []
    for (predictor,) in boost._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            return None
        trees.append(_Tree(value=nodes["value"].tolist(), feature=nodes["feature_idx"].tolist(),
                           threshold=nodes["num_threshold"].tolist(),
                           missing_left=nodes["missing_go_to_left"].astype(bool).tolist(),
                           left=nodes["left"].tolist(), right=nodes["right"].tolist(),
                           leaf=nodes["is_leaf"].astype(bool).tolist()))
    return OneRowPredictor(columns=[FEATURE_NAMES.index(n) for n in names], clipper=clipper,
                           baseline=float(np.asarray(boost._baseline_prediction).ravel()[0]),
                           trees=trees, calibrator=calibrated.calibrators[0])
