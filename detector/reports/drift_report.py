"""The drift report: which features moved, how far, and what that did to the scores."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detector.reports import plots
from detector.reports.render import write_html

SHOWN_DISTRIBUTIONS = 8


def write_drift_report(path: Path, metrics: dict[str, Any], features: pd.DataFrame,
                       reference: pd.DataFrame, current: pd.DataFrame,
                       reference_scores: np.ndarray, current_scores: np.ndarray) -> Path:
    threshold = metrics["psi_threshold"]
    figures = [
        {"title": "Score distribution", "image": plots.distribution_overlay(
            reference_scores, current_scores, "model score"),
         "caption": "Scores of the reference and the current population, each normalised to "
                    "its own size."},
        {"title": "Population stability index per feature",
         "image": plots.psi_bars(features, threshold),
         "caption": f"Red: above the flag threshold {threshold}."},
    ]
    for name in features["feature"].head(SHOWN_DISTRIBUTIONS):
        figures.append({"title": f"Distribution of {name}", "image": plots.distribution_overlay(
            reference[name].to_numpy(dtype=float), current[name].to_numpy(dtype=float), name),
            "caption": "Values clipped to the 0.5-99.5 percentile range; right: share missing."})
    return write_html(path, "drift.html", title="Detector drift report",
                      generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                      metrics=metrics, rows=features.to_dict("records"), figures=figures)
