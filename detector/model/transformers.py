"""Feature steps of the model pipeline, written as real scikit-learn transformers.

``CatalogueColumns`` is the pipeline's front door: it checks that the table holds exactly the
catalogue's features and puts them in catalogue order, so the monotonic constraints line up with
the right columns whatever order the caller used. ``RobustClipper`` bounds every feature to the
range seen in training, so a crafted or corrupt extreme value cannot push a profile into a region
the model never saw.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from detector.errors import InputError
from detector.features.catalogue import FEATURE_NAMES

FROM_FIT = "from_fit"


class FeatureColumnsError(InputError, ValueError):
    """The feature table's columns are not the ones the model was built for."""


def _names_list(names: Sequence[str]) -> list[str]:
    return [str(n) for n in names]


class CatalogueColumns(TransformerMixin, BaseEstimator):
    """Check that X holds exactly the expected features and return them in a fixed order.

    Parameters
    ----------
    feature_names : sequence of str, "from_fit" or None, default=None
        The required columns, in the order the rest of the pipeline expects. ``None`` means the
        detector's feature catalogue (``detector.features.catalogue.FEATURE_NAMES``).
        ``"from_fit"`` learns the columns from the data passed to ``fit``.

    Attributes
    ----------
    feature_names_in_ : ndarray of str
        The required feature names in output order. Set when the names are known (always for
        a named list or the catalogue; for ``"from_fit"`` only when ``fit`` saw a DataFrame).
    n_features_in_ : int
        Number of features.

    Notes
    -----
    A DataFrame may list the features in any order; they are reordered. Missing or unexpected
    columns raise a ``FeatureColumnsError`` (a ``ValueError``) that names them. A NumPy array is
    accepted when its width matches, and is taken to be in the required order already.
    Values are returned as float64; NaN and infinities pass through (see ``RobustClipper``).
    """

    def __init__(self, feature_names: Sequence[str] | str | None = None):
        self.feature_names = feature_names

    def _required_names(self) -> list[str] | None:
        if self.feature_names is None:
            return list(FEATURE_NAMES)
        if isinstance(self.feature_names, str):
            if self.feature_names != FROM_FIT:
                raise ValueError(
                    f"feature_names={self.feature_names!r} is not supported; pass a list of "
                    f"column names, None for the feature catalogue, or {FROM_FIT!r}"
                )
            return None
        names = _names_list(self.feature_names)
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"feature_names lists {duplicates} more than once")
        if not names:
            raise ValueError("feature_names is empty; pass at least one column name")
        return names

    def fit(self, X, y=None):
        """Check X's columns against the required features and record them."""
        required = self._required_names()
        if required is None:
            validate_data(self, X, ensure_all_finite=False, dtype=np.float64)
            return self
        self._select(X, required)
        self.feature_names_in_ = np.asarray(required, dtype=object)
        self.n_features_in_ = len(required)
        return self

    def transform(self, X):
        """Return X's features as a float64 array in the required order."""
        check_is_fitted(self)
        if getattr(self, "feature_names_in_", None) is None:
            return validate_data(self, X, reset=False, ensure_all_finite=False, dtype=np.float64)
        return self._select(X, _names_list(self.feature_names_in_))

    def _select(self, X, required: list[str]) -> np.ndarray:
        name = type(self).__name__
        if hasattr(X, "columns"):
            columns = [str(c) for c in X.columns]
            if len(set(columns)) != len(columns):
                repeated = sorted({c for c in columns if columns.count(c) > 1})
                raise FeatureColumnsError(f"the feature table has repeated columns {repeated}")
            present = set(columns)
            missing = [n for n in required if n not in present]
            wanted = set(required)
            unexpected = [c for c in columns if c not in wanted]
            if missing or unexpected:
                parts = []
                if missing:
                    parts.append(f"missing features {missing}")
                if unexpected:
                    parts.append(f"unexpected columns {unexpected}")
                raise FeatureColumnsError(
                    f"{name}: the feature table does not match the model's features: "
                    + "; ".join(parts)
                    + ". Build the table with the detector's feature builder, or retrain the "
                    "model (`detector train`) if the feature catalogue changed."
                )
            positions = {c: i for i, c in enumerate(columns)}
            order = [positions[n] for n in required]
            values = check_array(
                X, ensure_all_finite=False, dtype=np.float64, ensure_min_samples=1
            )
            return values[:, order]
        values = check_array(X, ensure_all_finite=False, dtype=np.float64)
        if values.shape[1] != len(required):
            raise FeatureColumnsError(
                f"X has {values.shape[1]} features, but {name} is expecting {len(required)} "
                f"features as input (the columns {required[:3]}{'...' if len(required) > 3 else ''}"
                "). Pass a DataFrame with named columns to get the missing or unexpected names."
            )
        return values

    def get_feature_names_out(self, input_features=None):
        """The required feature names (``x0, x1, ...`` when fitted on unnamed data)."""
        check_is_fitted(self, "n_features_in_")
        names = getattr(self, "feature_names_in_", None)
        if names is None:
            names = np.asarray([f"x{i}" for i in range(self.n_features_in_)], dtype=object)
        if input_features is not None:
            given = _names_list(input_features)
            if len(given) != self.n_features_in_ or (
                getattr(self, "feature_names_in_", None) is not None
                and set(given) != set(_names_list(names))
            ):
                raise ValueError(
                    f"input_features {given} do not match the fitted features "
                    f"{_names_list(names)}"
                )
            if getattr(self, "feature_names_in_", None) is None:
                names = np.asarray(given, dtype=object)
        return np.asarray(names, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags


class RobustClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Clip each feature to percentile bounds learned in ``fit``; NaN stays NaN.

    Parameters
    ----------
    quantile_range : tuple of float, default=(0.5, 99.5)
        Lower and upper percentiles (0-100) of the finite training values that become the bounds.
    dominant_share : float, default=0.5
        Many features are 0 for most profiles and positive for a few. Percentiles over the whole
        column would then collapse both bounds onto the common value and erase a rare but strong
        signal. When one value holds at least this share of the finite training values, the
        percentiles are taken over the other values and the bounds are widened to include it.
        Set to 1.0 to use plain percentiles.

    Attributes
    ----------
    lower_ : ndarray of shape (n_features,)
        Lower bounds (NaN for a feature with no finite value in training: the model can learn
        nothing from it, so ``transform`` outputs the constant 0 there, an uninformative column.
        Not NaN: scikit-learn 1.9's gradient boosting fails to bin an all-missing column).
    upper_ : ndarray of shape (n_features,)
        Upper bounds.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when fitted on a DataFrame with string column names.

    Notes
    -----
    Infinities are ignored when learning the bounds and clipped to them in ``transform``:
    a division by a zero duration or a crafted value cannot move a profile outside the
    training range.
    """

    def __init__(self, quantile_range: tuple[float, float] = (0.5, 99.5), dominant_share: float = 0.5):
        self.quantile_range = quantile_range
        self.dominant_share = dominant_share

    def fit(self, X, y=None):
        """Learn the per-feature bounds from the finite values of X."""
        low_q, high_q = self._check_params()
        values = validate_data(self, X, ensure_all_finite=False, dtype=np.float64)
        lower = np.full(values.shape[1], np.nan)
        upper = np.full(values.shape[1], np.nan)
        for j in range(values.shape[1]):
            column = values[:, j]
            column = column[np.isfinite(column)]
            if column.size == 0:
                continue
            distinct, counts = np.unique(column, return_counts=True)
            top = int(np.argmax(counts))
            common = distinct[top]
            if counts[top] / column.size >= self.dominant_share and distinct.size > 1:
                rest = column[column != common]
                lo, hi = np.percentile(rest, [low_q, high_q])
                lower[j], upper[j] = min(lo, common), max(hi, common)
            else:
                lower[j], upper[j] = np.percentile(column, [low_q, high_q])
        self.lower_ = lower
        self.upper_ = upper
        return self

    def _check_params(self) -> tuple[float, float]:
        try:
            low_q, high_q = (float(q) for q in self.quantile_range)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"quantile_range={self.quantile_range!r} must be two numbers, e.g. (0.5, 99.5)"
            ) from exc
        if not 0.0 <= low_q < high_q <= 100.0:
            raise ValueError(
                f"quantile_range={self.quantile_range!r} must satisfy 0 <= low < high <= 100"
            )
        if not 0.0 < float(self.dominant_share) <= 1.0:
            raise ValueError(f"dominant_share={self.dominant_share!r} must be in (0, 1]")
        return low_q, high_q

    def transform(self, X):
        """Clip X to the learned bounds; NaN stays NaN, infinities become the bounds."""
        check_is_fitted(self)
        values = validate_data(self, X, reset=False, ensure_all_finite=False, dtype=np.float64)
        out = np.array(values, dtype=np.float64, copy=True)
        known = ~np.isnan(self.lower_)
        out[:, known] = np.clip(out[:, known], self.lower_[known], self.upper_[known])
        out[:, ~known] = 0.0
        return out

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags
