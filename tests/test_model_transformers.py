"""CatalogueColumns in catalogue mode and RobustClipper's behaviour on detector-like columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.pipeline import make_pipeline

from detector.errors import InputError
from detector.features.catalogue import FEATURE_NAMES
from detector.model.transformers import CatalogueColumns, FeatureColumnsError, RobustClipper


def _table(n: int = 20, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(rng.random((n, len(FEATURE_NAMES))), columns=list(FEATURE_NAMES),
                        index=[f"a{i}" for i in range(n)])


def test_catalogue_columns_reorders_any_column_order():
    table = _table()
    shuffled = table[list(reversed(FEATURE_NAMES))]
    step = CatalogueColumns().fit(shuffled)
    assert list(step.get_feature_names_out()) == list(FEATURE_NAMES)
    assert step.n_features_in_ == len(FEATURE_NAMES)
    np.testing.assert_array_equal(step.transform(shuffled), table.to_numpy())


def test_catalogue_columns_names_missing_and_unexpected_features():
    table = _table().drop(columns=["pay_crypto_share"]).assign(nationality=1.0)
    with pytest.raises(FeatureColumnsError, match=r"missing features \['pay_crypto_share'\]"
                       r".*unexpected columns \['nationality'\]"):
        CatalogueColumns().fit(table)
    assert issubclass(FeatureColumnsError, InputError)
    fitted = CatalogueColumns().fit(_table())
    with pytest.raises(FeatureColumnsError, match="nationality"):
        fitted.transform(_table().assign(nationality=1.0))


def test_catalogue_columns_accepts_arrays_of_the_right_width_only():
    values = _table().to_numpy()
    step = CatalogueColumns().fit(values)
    assert list(step.feature_names_in_) == list(FEATURE_NAMES)
    with pytest.raises(ValueError, match=f"X has 3 features, but CatalogueColumns is expecting "
                                         f"{len(FEATURE_NAMES)}"):
        step.transform(values[:, :3])


def test_pipeline_set_output_pandas_keeps_index_and_names():
    table = _table()
    table.iloc[0, 0] = np.nan
    pipe = make_pipeline(CatalogueColumns(), RobustClipper()).set_output(transform="pandas")
    out = pipe.fit_transform(table[list(reversed(FEATURE_NAMES))])
    assert list(out.columns) == list(FEATURE_NAMES)
    assert out.index.equals(table.index)
    assert np.isnan(out.iloc[0, 0])


def test_clipper_bounds_extremes_and_keeps_nan():
    rng = np.random.default_rng(1)
    train = rng.normal(size=(1000, 2))
    clipper = RobustClipper().fit(train)
    np.testing.assert_allclose(clipper.lower_, np.percentile(train, 0.5, axis=0))
    np.testing.assert_allclose(clipper.upper_, np.percentile(train, 99.5, axis=0))
    attack = np.array([[1e300, np.nan], [-np.inf, np.inf]])
    out = clipper.transform(attack)
    assert out[0, 0] == clipper.upper_[0] and np.isnan(out[0, 1])
    assert out[1, 0] == clipper.lower_[0] and out[1, 1] == clipper.upper_[1]


def test_clipper_keeps_a_rare_signal_on_a_mostly_zero_feature():
    # 0.3% of profiles share a payout account: plain 99.5th percentiles would clip them to 0.
    column = np.zeros(3000)
    column[:9] = [1, 1, 2, 3, 3, 4, 5, 6, 40]
    clipper = RobustClipper().fit(column.reshape(-1, 1))
    assert clipper.lower_[0] == 0.0
    assert 6.0 <= clipper.upper_[0] < 40.0
    assert clipper.transform([[3.0]])[0, 0] == 3.0


def test_clipper_makes_a_never_seen_feature_constant():
    train = np.column_stack([np.arange(10.0), np.full(10, np.nan)])
    clipper = RobustClipper().fit(train)
    np.testing.assert_array_equal(clipper.transform(train)[:, 1], 0.0)
    out = clipper.transform([[5.0, 7.0], [np.nan, np.inf]])
    np.testing.assert_array_equal(out[:, 1], [0.0, 0.0])
    assert out[0, 0] == 5.0 and np.isnan(out[1, 0])


@pytest.mark.parametrize("params", [{"quantile_range": (99.0, 1.0)}, {"dominant_share": 0.0}])
def test_clipper_rejects_bad_parameters(params):
    with pytest.raises(ValueError, match="must"):
        RobustClipper(**params).fit(np.ones((5, 1)))
