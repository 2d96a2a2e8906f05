"""Train the calibrated, monotonic gradient-boosted model over the feature table.

The estimator is ``CalibratedClassifierCV(Pipeline(CatalogueColumns, RobustClipper,
HistGradientBoostingClassifier))``. Every choice that looks at held-out data uses folds over
linkage groups, so one network never sits on both sides:

1. the number of boosting rounds: early stopping on each grouped fold's held-out part (not the
   estimator's random ``validation_fraction``, which would split networks), median of the best
   rounds; the final model is refitted with ``early_stopping=False``;
2. probability calibration: the calibrator is fitted on out-of-fold predictions of the same
   grouped folds (``ensemble=False``: at prediction time one pipeline trained on all rows);
3. the out-of-fold calibrated scores returned for thresholds and metrics: each fold's scores come
   from a pipeline that did not see the fold and a calibrator fitted on the other folds only.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.model_selection import PredefinedSplit, cross_val_predict
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from detector.features.catalogue import FEATURE_NAMES, monotonic_constraints
from detector.model.splits import fold_ids, grouped_folds, leaked_groups
from detector.model.transformers import CatalogueColumns, RobustClipper

# Boosting settings: small trees and L2 shrinkage, since the signal is a sum of many weak red
# flags and the positives of one network look alike (deep trees would memorise networks).
# Leaves hold at least MIN_LEAF_SHARE of the training rows (20 at least): with 20-row leaves the
# model carved out the training generators' own look-alike groups and missed fronts drawn another
# way (a generator never trained on, lesson 17 of docs/SYNTHETIC_DATA.md: average precision
# 0.68 -> 0.79 with leaves of ~300 rows of 79,000 and L2 20, the other held-out worlds level).
# The L2 shrinkage grows with the leaf size (one unit per L2_LEAF_ROWS rows, between 1 and 20),
# so a leaf's values are shrunk alike at any training size: a small training set keeps light
# shrinkage (with 20 on 2,000 rows, early stopping chose several times more rounds).
BOOSTING_PARAMS: dict[str, Any] = {
    "learning_rate": 0.1,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 20,
    "l2_regularization": 20.0,  # the most; see sized_params
    "max_bins": 255,
}
MIN_LEAF_SHARE = 0.004
L2_LEAF_ROWS = 15
MAX_ITER_CAP = 400
N_ITER_NO_CHANGE = 20
MIN_ITER = 10


@dataclass
class TrainedModel:
    """A fitted estimator with what training learned about it.

    Attributes
    ----------
    estimator : CalibratedClassifierCV
        Fitted on all rows; ``predict_proba(features_df)[:, 1]`` is the calibrated score.
    oof_scores : pandas.Series
        Out-of-fold calibrated scores for every training row, indexed by applicant_id.
    oof_folds : pandas.Series
        The grouped fold that scored each row.
    n_iter : int
        Boosting rounds chosen by grouped early stopping.
    calibration_method : str
        ``"isotonic"`` or ``"sigmoid"``.
    reference_values : dict
        Per feature, the median over training negatives (``None`` when never computable): the
        "benign reference" that occlusion-based reasons substitute for a profile's value.
    summary : dict
        Row, positive, group and fold counts, base rate, chosen settings and timings.
    """

    estimator: CalibratedClassifierCV
    oof_scores: pd.Series
    oof_folds: pd.Series
    n_iter: int
    calibration_method: str
    reference_values: dict[str, float | None]
    summary: dict[str, Any] = field(default_factory=dict)
    feature_names: tuple[str, ...] = FEATURE_NAMES

    def predict_proba(self, features: pd.DataFrame) -> np.ndarray:
        """Calibrated probability of being a front, one per row."""
        return self.estimator.predict_proba(features)[:, 1]


def leaf_rows(n_rows: int) -> int:
    """Fewest training rows a leaf may hold for a training set of ``n_rows``."""
    return max(int(BOOSTING_PARAMS["min_samples_leaf"]), int(MIN_LEAF_SHARE * n_rows))


def sized_params(n_rows: int) -> dict[str, Any]:
    """``BOOSTING_PARAMS`` with the leaf size and L2 shrinkage for ``n_rows`` training rows
    (317-row leaves and L2 20 for the shipped training rows; 20-row leaves and L2 1.3 for small
    training sets)."""
    leaf = leaf_rows(n_rows)
    l2 = min(float(BOOSTING_PARAMS["l2_regularization"]), max(1.0, leaf / L2_LEAF_ROWS))
    return {**BOOSTING_PARAMS, "min_samples_leaf": leaf, "l2_regularization": l2}


def build_pipeline(max_iter: int = 100, random_state: int = 0,
                   class_weight: str | dict | None = None, early_stopping: bool = False,
                   n_rows: int = 0) -> Pipeline:
    """The uncalibrated pipeline: catalogue columns -> clipping -> monotonic boosting
    (leaves sized for a training set of ``n_rows``)."""
    booster = HistGradientBoostingClassifier(
        max_iter=max_iter,
        monotonic_cst=monotonic_constraints(),
        class_weight=class_weight,
        early_stopping=early_stopping,
        n_iter_no_change=N_ITER_NO_CHANGE,
        scoring="loss",
        random_state=random_state,
        **sized_params(n_rows),
    )
    return Pipeline([
        ("columns", CatalogueColumns()),
        ("clip", RobustClipper()),
        ("boost", booster),
    ])


def _aligned(features: pd.DataFrame, labels: pd.Series, groups: pd.Series
             ) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(features, pd.DataFrame):
        raise TypeError("features must be a pandas DataFrame indexed by applicant_id")
    if not features.index.is_unique:
        repeated = features.index[features.index.duplicated()].unique()[:5].tolist()
        raise ValueError(f"features has repeated applicant ids, e.g. {repeated}")
    out = []
    for name, series in (("labels", labels), ("groups", groups)):
        if isinstance(series, pd.Series):
            missing = features.index.difference(series.index)
            if len(missing):
                raise ValueError(
                    f"{name} lacks {len(missing)} applicant ids of the feature table, "
                    f"e.g. {missing[:5].tolist()}"
                )
            series = series.reindex(features.index)
        values = np.asarray(series)
        if values.shape[0] != features.shape[0]:
            raise ValueError(f"{name} has {values.shape[0]} rows, features {features.shape[0]}")
        out.append(values)
    y = out[0]
    if pd.isna(y).any() or not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 (genuine) or 1 (front) for every row")
    return y.astype(int), out[1]


def choose_n_iter(features: pd.DataFrame, y: np.ndarray, folds: list,
                  random_state: int = 0, class_weight: str | dict | None = None,
                  max_iter_cap: int = MAX_ITER_CAP) -> tuple[int, list[int]]:
    """Boosting rounds by early stopping on each grouped fold's held-out part.

    Returns the median of the per-fold best rounds (at least ``MIN_ITER``) and the per-fold list.
    """
    best: list[int] = []
    for train, test in folds:
        pipeline = build_pipeline(max_iter_cap, random_state, class_weight, early_stopping=True,
                                  n_rows=len(features))
        prep = Pipeline(pipeline.steps[:-1]).fit(features.iloc[train])
        booster = pipeline.named_steps["boost"]
        booster.fit(
            prep.transform(features.iloc[train]), y[train],
            X_val=prep.transform(features.iloc[test]), y_val=y[test],
        )
        # validation_score_[i] is the (negative) loss after i rounds; index 0 is the baseline.
        best.append(int(np.argmax(booster.validation_score_)))
    return max(MIN_ITER, int(np.median(best))), best


def _fit_platt(f: np.ndarray, y: np.ndarray):
    """Platt scaling with his target smoothing, as CalibratedClassifierCV's 'sigmoid' does."""
    scale = max(1.0, float(np.max(np.abs(f)))) if f.size else 1.0
    g = f / scale
    n_pos = float(y.sum())
    n_neg = float(y.shape[0] - n_pos)
    target = np.where(y > 0, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        a, b = params
        p = expit(-(a * g + b))
        p = np.clip(p, 1e-12, 1 - 1e-12)
        value = -np.sum(target * np.log(p) + (1 - target) * np.log(1 - p))
        residual = target - p  # d loss / d (a g + b)
        return float(value), np.array([np.sum(residual * g), np.sum(residual)])

    start = np.array([0.0, np.log((n_neg + 1.0) / (n_pos + 1.0))])
    a, b = minimize(loss, start, jac=True, method="L-BFGS-B").x
    return lambda values: expit(-(a * values / scale + b))


def _fit_calibrator(method: str, f: np.ndarray, y: np.ndarray):
    if method == "isotonic":
        iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(f, y)
        return iso.predict
    return _fit_platt(f, y)


def cross_fitted_calibration(raw: np.ndarray, y: np.ndarray, folds: list, method: str
                             ) -> np.ndarray:
    """Calibrate each fold's out-of-fold raw scores with a calibrator fitted on the other folds."""
    out = np.full(raw.shape[0], np.nan)
    for _, test in folds:
        others = np.ones(raw.shape[0], dtype=bool)
        others[test] = False
        out[test] = _fit_calibrator(method, raw[others], y[others])(raw[test])
    return out


def reference_values(features: pd.DataFrame, y: np.ndarray) -> dict[str, float | None]:
    """Median of each catalogue feature over the training negatives (None when never known)."""
    negatives = features.loc[y == 0, list(FEATURE_NAMES)]
    medians = negatives.median(skipna=True)
    return {name: (None if pd.isna(v) else float(v)) for name, v in medians.items()}


def train_model(features: pd.DataFrame, labels: pd.Series, groups: pd.Series,
                random_state: int = 0, *, n_splits: int = 5, calibration: str = "auto",
                class_weight: str | dict | None = None, max_iter_cap: int = MAX_ITER_CAP,
                n_threads: int | None = None) -> TrainedModel:
    """Fit the calibrated model and its out-of-fold scores.

    Parameters
    ----------
    features : DataFrame indexed by applicant_id with the catalogue's features (NaN allowed).
    labels : Series of 0/1 aligned on the same index (1 = front).
    groups : Series of linkage component ids on the same index.
    random_state : seed of the fold assignment and the booster.
    n_splits : grouped folds (lowered automatically when the data has fewer groups).
    calibration : ``"auto"`` (Platt's sigmoid), ``"isotonic"`` or ``"sigmoid"``.
    class_weight : passed to the booster. ``None`` by default: calibration maps the scores
        back to probabilities anyway, and sample weights make scikit-learn's booster several
        times slower (weighted binning, non-constant hessians).
    max_iter_cap : most boosting rounds grouped early stopping may choose.
    n_threads : OpenMP threads for the booster (``None``: all cores). On a busy machine 1 is
        steadier: with every core taken, OpenMP's waiting threads can slow training tenfold.
    """
    limit = threadpool_limits(limits=n_threads, user_api="openmp") if n_threads else nullcontext()
    with limit:
        return _train(features, labels, groups, random_state, n_splits, calibration,
                      class_weight, max_iter_cap)


def _train(features: pd.DataFrame, labels: pd.Series, groups: pd.Series, random_state: int,
           n_splits: int, calibration: str, class_weight: str | dict | None,
           max_iter_cap: int) -> TrainedModel:
    started = time.perf_counter()
    y, g = _aligned(features, labels, groups)
    CatalogueColumns().fit(features)  # fail early, naming missing/unexpected columns
    if calibration == "auto":
        # Platt's sigmoid is strictly increasing, so calibrated scores rank profiles exactly as
        # the booster does. Isotonic regression is a step function: on data unlike the training
        # worlds its top step held 3% of a population, fronts and honest people tied at one
        # score (ranking by the booster's margin instead: average precision 0.73 -> 0.85).
        calibration = "sigmoid"
    if calibration not in ("isotonic", "sigmoid"):
        raise ValueError(f"calibration={calibration!r}; use 'auto', 'isotonic' or 'sigmoid'")

    folds = grouped_folds(y, g, n_splits=n_splits, random_state=random_state)
    leaked = leaked_groups(folds, g)
    if leaked:  # pragma: no cover - StratifiedGroupKFold guarantees this
        raise RuntimeError(f"grouped folds leak groups {leaked[:5]}")

    n_iter, per_fold = choose_n_iter(features, y, folds, random_state, class_weight, max_iter_cap)
    chosen = time.perf_counter()

    pipeline = build_pipeline(n_iter, random_state, class_weight, early_stopping=False,
                              n_rows=len(features))
    raw_oof = cross_val_predict(pipeline, features, y, cv=folds, method="decision_function")
    oof = cross_fitted_calibration(raw_oof, y, folds, calibration)

    # The same grouped folds as one compact array (the artifact keeps the cv parameter).
    cv = PredefinedSplit(fold_ids(folds, y.shape[0]))
    estimator = CalibratedClassifierCV(
        estimator=pipeline, method=calibration, cv=cv, ensemble=False
    ).fit(features, y)
    finished = time.perf_counter()

    index = features.index
    summary = {
        "n_rows": int(y.shape[0]),
        "n_positive": int(y.sum()),
        "n_negative": int(y.shape[0] - y.sum()),
        "base_rate": float(y.mean()),
        "n_groups": int(pd.unique(g).shape[0]),
        "n_positive_groups": int(pd.unique(g[y == 1]).shape[0]),
        "n_folds": len(folds),
        "n_iter": n_iter,
        "n_iter_per_fold": per_fold,
        "calibration_method": calibration,
        "class_weight": class_weight,
        "boosting_params": sized_params(len(features)),
        "random_state": random_state,
        "missing_share": {
            name: float(features[name].isna().mean()) for name in FEATURE_NAMES
        },
        "seconds_choose_n_iter": round(chosen - started, 2),
        "seconds_total": round(finished - started, 2),
    }
    return TrainedModel(
        estimator=estimator,
        oof_scores=pd.Series(oof, index=index, name="score"),
        oof_folds=pd.Series(fold_ids(folds, y.shape[0]), index=index, name="fold"),
        n_iter=n_iter,
        calibration_method=calibration,
        reference_values=reference_values(features, y),
        summary=summary,
    )
