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
from scipy.special import expit

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
    uses: frozenset[int]  # columns this tree splits on


class _Forest:
    """Every tree's nodes in flat arrays, walked for all trees at once (one NumPy step per
    level instead of a Python step per node): the same comparisons, so the same leaves."""

    def __init__(self, trees: list[_Tree]):
        starts = np.cumsum([0] + [len(tree.value) for tree in trees[:-1]])
        self.roots = np.asarray(starts, dtype=np.intp)
        self.value = np.concatenate([tree.value for tree in trees]).astype(np.float64)
        self.feature = np.concatenate([tree.feature for tree in trees]).astype(np.intp)
        self.threshold = np.concatenate([tree.threshold for tree in trees]).astype(np.float64)
        self.missing_left = np.concatenate([tree.missing_left for tree in trees]).astype(bool)
        self.left = np.concatenate([np.asarray(tree.left) + start for tree, start in zip(trees, starts, strict=True)]).astype(np.intp)
        self.right = np.concatenate([np.asarray(tree.right) + start for tree, start in zip(trees, starts, strict=True)]).astype(np.intp)
        self.leaf = np.concatenate([tree.leaf for tree in trees]).astype(bool)

    def leaf_values(self, row: np.ndarray) -> list[float]:
        """Each tree's leaf value for ``row`` (clipped pipeline columns), in tree order."""
        return self._walk(row, self.roots.copy(), 0).tolist()

    def leaves_of(self, rows: np.ndarray, row_of: np.ndarray, tree_of: np.ndarray) -> np.ndarray:
        """The leaf value of tree ``tree_of[k]`` for row ``rows[row_of[k]]``, for every k."""
        return self._walk(np.ascontiguousarray(rows).ravel(), self.roots[tree_of], row_of * rows.shape[1])

    def _walk(self, values: np.ndarray, node: np.ndarray, start: np.ndarray | int) -> np.ndarray:
        """Walk each ``node`` down to its leaf, reading feature f of its row at ``values[start + f]``."""
        inner = np.flatnonzero(~self.leaf[node])
        while inner.size:
            at = node[inner]
            x = values[self.feature[at] + (start if isinstance(start, int) else start[inner])]
            left = np.where(np.isnan(x), self.missing_left[at], x <= self.threshold[at])
            node[inner] = np.where(left, self.left[at], self.right[at])
            inner = inner[~self.leaf[node[inner]]]
        return self.value[node]


@dataclass
class OneRowPredictor:
    columns: list[int]  # catalogue position of each column the pipeline reads
    clipper: object
    baseline: float
    trees: list[_Tree]
    calibrator: object

    def __post_init__(self) -> None:
        self.forest = _Forest(self.trees)
        # uses[j, i]: tree i splits on pipeline column j
        self.uses = np.zeros((len(self.columns), len(self.trees)), dtype=bool)
        for i, tree in enumerate(self.trees):
            self.uses[list(tree.uses), i] = True
        lower = np.asarray(self.clipper.lower_, dtype=np.float64)  # type: ignore[attr-defined]
        self._known = ~np.isnan(lower)
        self._lower = lower[self._known]
        self._upper = np.asarray(self.clipper.upper_, dtype=np.float64)[self._known]  # type: ignore[attr-defined]
        sigmoid = type(self.calibrator).__name__ == "_SigmoidCalibration"
        self._sigmoid = (float(self.calibrator.a_), float(self.calibrator.b_)) if sigmoid else None  # type: ignore[attr-defined]

    def clip(self, rows: np.ndarray) -> np.ndarray:
        """``RobustClipper.transform`` of catalogue rows without scikit-learn's input checks:
        the same NumPy operations on the same float64 values."""
        out = np.array(np.asarray(rows, dtype=np.float64)[:, self.columns], dtype=np.float64, copy=True)
        out[:, self._known] = np.clip(out[:, self._known], self._lower, self._upper)
        out[:, ~self._known] = 0.0
        return out

    def predict(self, features: np.ndarray) -> float:
        """The calibrated probability for one row of features in catalogue order."""
        row = self.clip(np.asarray(features, dtype=np.float64)[None, :])[0]
        return float(self.calibrate(np.asarray([self._sum(self.forest.leaf_values(row))]))[0])

    def _sum(self, leaves: list[float]) -> float:
        """The raw score: baseline plus every tree's leaf, added one by one as scikit-learn does."""
        raw = np.zeros((1, 1))
        raw += self.baseline
        total = float(raw[0, 0])
        for value in leaves:
            total += value
        return total

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        """Calibrated probabilities of raw scores (element-wise, so batching changes nothing)."""
        if self._sigmoid is not None:  # _SigmoidCalibration.predict's arithmetic, without its checks
            a, b = self._sigmoid
            positive = np.asarray(expit(-(a * np.asarray(raw, dtype=np.float64).ravel() + b)), dtype=np.float64)
        else:
            positive = np.asarray(self.calibrator.predict(raw), dtype=np.float64).copy()  # type: ignore[attr-defined]
        positive[(1.0 < positive) & (positive <= 1.0 + 1e-5)] = 1.0  # as CalibratedClassifierCV trims
        return positive

    def around(self, features: np.ndarray) -> RowVariants:
        """Scores of rows that differ from ``features`` in a few columns (reason occlusion)."""
        return RowVariants(self, np.asarray(features, dtype=np.float64))


class RowVariants:
    """Raw and calibrated scores of variants of one base row, as ``margin`` and ``predict_proba``
    give them, re-walking only the trees that split on a column the variant changed (all such
    variant-tree pairs in one walk)."""

    def __init__(self, predictor: OneRowPredictor, base: np.ndarray):
        self.predictor = predictor
        self.base = predictor.clip(base[None, :])[0]
        self.leaves = np.asarray(predictor.forest.leaf_values(self.base), dtype=np.float64)

    def margin(self, rows: np.ndarray) -> np.ndarray:
        clipped = self.predictor.clip(rows)
        same = (clipped == self.base) | (np.isnan(clipped) & np.isnan(self.base))
        row_of, tree_of = np.nonzero((~same).astype(np.int64) @ self.predictor.uses > 0)
        leaves = np.tile(self.leaves, (len(clipped), 1))
        leaves[row_of, tree_of] = self.predictor.forest.leaves_of(clipped, row_of, tree_of)
        return np.asarray([self.predictor._sum(row) for row in leaves.tolist()], dtype=np.float64)

    def predict(self, rows: np.ndarray) -> np.ndarray:
        return self.predictor.calibrate(self.margin(rows))

    def predict_with_margin(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``predict`` and ``margin`` of the same rows from one walk."""
        margin = self.margin(rows)
        return self.predictor.calibrate(margin), margin


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
                           leaf=nodes["is_leaf"].astype(bool).tolist(),
                           uses=frozenset(int(f) for f, leaf in zip(nodes["feature_idx"], nodes["is_leaf"], strict=True)
                                          if not leaf)))
    return OneRowPredictor(columns=[FEATURE_NAMES.index(n) for n in names], clipper=clipper,
                           baseline=float(np.asarray(boost._baseline_prediction).ravel()[0]),
                           trees=trees, calibrator=calibrated.calibrators[0])
