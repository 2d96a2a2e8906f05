"""Detection metrics and their printed table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.model.metrics import detection_metrics, format_metrics


def test_segment_false_positive_rates_and_tactic_recall():
    y = np.array([0, 0, 0, 0, 1, 1, 1])
    scores = np.array([0.1, 0.9, 0.2, 0.3, 0.95, 0.05, 0.8])
    segments = np.array(["regular", "privacy_vpn", "privacy_vpn", "regular", None, None, None],
                        dtype=object)
    tactics = np.array([None] * 4 + ["plain", "laptop_farm", "laptop_farm"], dtype=object)
    m = detection_metrics(y, scores, segments=segments, tactics=tactics, threshold=0.5)
    assert m["fpr"] == pytest.approx(0.25)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["fpr_by_segment"] == {"privacy_vpn": {"count": 2, "rate": 0.5},
                                   "regular": {"count": 2, "rate": 0.0}}
    assert m["recall_by_tactic"] == {"laptop_farm": {"count": 2, "rate": 0.5},
                                     "plain": {"count": 1, "rate": 1.0}}
    assert m["counts"] == {"rows": 7, "positive": 3, "negative": 4, "flagged": 3}


def test_calibrated_scores_have_small_ece_and_miscalibrated_large():
    rng = np.random.default_rng(0)
    p = rng.beta(1, 3, 20000)
    y = (rng.random(p.size) < p).astype(int)
    good = detection_metrics(y, p)
    bad = detection_metrics(y, np.sqrt(p))
    assert good["ece"] < 0.02 < bad["ece"]
    assert good["roc_auc"] == pytest.approx(bad["roc_auc"])
    assert good["fpr"] <= 0.01
    assert sum(row["count"] for row in good["reliability"]) == p.size


def test_series_are_aligned_on_the_label_index():
    y = pd.Series([0, 1, 0, 1], index=list("abcd"))
    scores = pd.Series([0.8, 0.2, 0.9, 0.1], index=list("dcba"))  # positionally AUC 0
    m = detection_metrics(y, scores)
    assert m["roc_auc"] == 1.0


def test_format_metrics_prints_both_columns_and_breakdowns():
    y = np.array([0, 0, 1, 1])
    segments = np.array(["agency", "regular", None, None], dtype=object)
    model = detection_metrics(y, np.array([0.1, 0.2, 0.7, 0.9]), segments=segments)
    baseline = detection_metrics(y, np.array([0.5, 0.2, 0.4, 0.9]), segments=segments)
    text = format_metrics(model, baseline)
    assert "rules baseline" in text and "agency" in text and "ROC AUC" in text
