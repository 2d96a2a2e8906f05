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


def test_occluded_variants_score_and_margin_equal_the_models(example_batch):
    """Reasons occlude a few columns of a flagged row at a time: the walker re-walks only the
    trees those columns reach, and must still give the model's margin and probability."""
    model = load_model(SHIPPED_MODEL_DIR)
    predictor = one_row_predictor(model)
    assert predictor is not None
    reference = np.asarray([model.reference_values[name] for name in FEATURE_NAMES], dtype=float)
    rng = np.random.default_rng(11)
    real = example_batch.table.features[list(FEATURE_NAMES)].to_numpy(dtype=float)
    for base in real[rng.choice(len(real), size=12, replace=False)]:
        variants = [base]
        for _ in range(8):
            row = base.copy()
            columns = rng.choice(len(base), size=int(rng.integers(1, 5)), replace=False)
            row[columns] = reference[columns]
            variants.append(row)
        rows = np.vstack(variants)
        frame = pd.DataFrame(rows, columns=list(FEATURE_NAMES))
        around = predictor.around(base)
        np.testing.assert_array_equal(around.margin(rows), model.margin(frame))
        np.testing.assert_array_equal(around.predict(rows), model.predict_proba(frame))


def test_models_of_another_shape_get_no_fast_scorer():
    class Other:
        estimator = object()

    assert one_row_predictor(Other()) is None
