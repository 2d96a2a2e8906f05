"""Scores and margins from one pass through the trees equal the model's own two calls, and
reasons computed with them are the reasons computed without them."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from detector import load_model
from detector.features.catalogue import FEATURE_NAMES
from detector.geo.geoip import GeoLookup
from detector.io import load_population_from_records
from detector.scoring.margin_scores import scores_and_margins
from detector.scoring.score import score_features, score_population
from detector.settings import Settings
from detector.synth import generate_population


@cache
def _scored():
    config = Settings(hash_key=b"margin-test").with_defaults()
    records, _ = generate_population(800, seed=17)
    loaded = load_population_from_records(records)
    model = load_model()
    with GeoLookup.from_settings(config) as geo:
        scored = score_population(loaded.population, model, config, geo)
    return loaded.population, model, scored


class _TwoCalls:
    """The same model seen without its estimator: scores and margins asked for separately."""

    def __init__(self, model):
        self.model = model
        self.estimator = None
        self.model_version = model.model_version
        self.reference_values = model.reference_values

    def predict_proba(self, features):
        return self.model.predict_proba(features)

    def margin(self, features):
        return self.model.margin(features)

    def band(self, scores):
        return self.model.band(scores)


def test_scores_and_margins_equal_predict_proba_and_margin_bit_for_bit():
    _, model, scored = _scored()
    real = scored.table.features[list(FEATURE_NAMES)].to_numpy(dtype=float)
    rng = np.random.default_rng(3)
    noisy = real * rng.uniform(0.5, 2.0, size=real.shape)
    noisy[rng.random(real.shape) < 0.2] = np.nan
    extreme = np.where(rng.random(real.shape) < 0.1, np.inf, real)
    frame = pd.DataFrame(np.vstack([real, noisy, extreme]), columns=list(FEATURE_NAMES))
    scores, margins = scores_and_margins(model, frame)
    assert margins is not None
    np.testing.assert_array_equal(scores, model.predict_proba(frame))
    np.testing.assert_array_equal(margins, model.margin(frame))
    assert len(np.unique(np.round(scores, 3))) > 20


def test_reasons_are_the_same_with_and_without_the_shared_pass():
    population, model, scored = _scored()
    assert (scored.scores["band"] != "low").sum() >= 10  # enough flagged rows to explain
    again = score_features(scored.table, population, _TwoCalls(model)).scores
    pd.testing.assert_frame_equal(scored.scores.drop(columns=["feed_versions"]),
                                  again.drop(columns=["feed_versions"]))


def test_a_model_of_another_shape_is_asked_for_scores_only():
    class Rules:
        estimator = object()

        def predict_proba(self, features):
            return np.full(len(features), 0.25)

    scores, margins = scores_and_margins(Rules(), pd.DataFrame({"x": [1.0, 2.0]}))
    assert margins is None
    np.testing.assert_array_equal(scores, [0.25, 0.25])
