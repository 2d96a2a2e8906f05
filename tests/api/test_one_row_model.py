"""The one-row scorer of the scoring API gives exactly the model's calibrated probability."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.features.catalogue import FEATURE_NAMES
from detector.model.artifact import load_model
from detector.model.one_row import one_row_predictor
from detector.settings import SHIPPED_MODEL_DIR


def test_one_row_scores_equal_the_models_over_real_and_perturbed_rows(example_batch):
    model = load_model(SHIPPED_MODEL_DIR)
    predictor = one_row_predictor(model)
    assert predictor is not None
    rng = np.random.default_rng(5)
    real = example_batch.table.features[list(FEATURE_NAMES)].to_numpy(dtype=float)
    noisy = real * rng.uniform(0.5, 2.0, size=real.shape)
    noisy[rng.random(real.shape) < 0.2] = np.nan
    extreme = np.where(rng.random(real.shape) < 0.1, np.inf, real)
    rows = np.vstack([real, noisy, extreme])
    expected = model.predict_proba(pd.DataFrame(rows, columns=list(FEATURE_NAMES)))
    found = np.asarray([predictor.predict(row) for row in rows])
    np.testing.assert_array_equal(found, expected)
    assert len(np.unique(np.round(found, 3))) > 20  # many different scores, not one constant


def test_models_of_another_shape_get_no_fast_scorer():
    class Other:
        estimator = object()

    assert one_row_predictor(Other()) is None
