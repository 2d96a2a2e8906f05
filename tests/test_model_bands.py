"""Band thresholds chosen on validation scores."""

from __future__ import annotations

import numpy as np
import pytest

from detector.model.bands import (
    Thresholds,
    band_for,
    choose_thresholds,
    threshold_at_fpr,
)


def _validation(n_neg: int = 5000, n_pos: int = 500, seed: int = 0):
    rng = np.random.default_rng(seed)
    scores = np.r_[rng.beta(2, 8, n_neg), rng.beta(6, 2, n_pos)]
    y = np.r_[np.zeros(n_neg, int), np.ones(n_pos, int)]
    return y, scores


@pytest.mark.parametrize("fpr_target", [0.01, 0.05])
def test_review_threshold_reaches_the_target_false_positive_rate(fpr_target):
    y, scores = _validation()
    thresholds = choose_thresholds(y, scores, fpr_target=fpr_target)
    fpr = np.mean(scores[y == 0] >= thresholds.review)
    assert fpr <= fpr_target
    assert fpr >= fpr_target - 2 / 5000
    assert thresholds.review_fpr == pytest.approx(fpr)


def test_high_threshold_meets_precision_and_is_above_review():
    y, scores = _validation()
    thresholds = choose_thresholds(y, scores, precision_target=0.9)
    flagged = scores >= thresholds.high
    assert thresholds.high >= thresholds.review
    assert y[flagged].mean() >= 0.9
    assert thresholds.high_precision == pytest.approx(y[flagged].mean())


def test_ties_never_push_the_rate_above_target():
    y = np.r_[np.zeros(1000, int), np.ones(100, int)]
    scores = np.r_[np.zeros(980), np.full(20, 0.5), np.full(100, 0.5)]  # 2% of negatives tie at 0.5
    t = threshold_at_fpr(y, scores, 0.01)
    assert t > 0.5
    assert np.mean(scores[y == 0] >= t) <= 0.01


def test_unreachable_precision_means_no_high_band():
    y, scores = _validation(n_pos=50)
    y[np.argmax(scores)] = 0  # the top score is genuine, precision 0.99 cannot be met anywhere
    thresholds = choose_thresholds(y, scores, precision_target=0.999)
    assert not thresholds.high_reachable
    assert "high" not in set(band_for(np.linspace(0, 1, 11), thresholds))


def test_band_for_maps_scores_to_bands():
    thresholds = Thresholds(review=0.3, high=0.8)
    assert band_for(np.array([0.0, 0.3, 0.5, 0.8, 1.0]), thresholds).tolist() == [
        "low", "review", "review", "high", "high"]
    assert Thresholds.from_dict(thresholds.to_dict()) == thresholds
    with pytest.raises(ValueError, match="review <= high"):
        Thresholds(review=0.9, high=0.5)
