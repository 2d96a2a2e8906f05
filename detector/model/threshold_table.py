"""Operating points for a review team: what each threshold catches and what it costs per week.

A team chooses a threshold from its review capacity. Each row gives, for one threshold, recall,
precision and false-positive rate on the evaluated data, and the weekly review load for a stated
applicant volume: ``volume * share of the evaluated population flagged``. The load therefore
assumes the evaluated population's mix of fronts and genuine profiles; for a platform whose
front rate is far lower, the genuine-profile part (``volume * (1 - front rate) * FPR``) is the
bulk of it, and it is given on its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from detector.model.bands import Thresholds, threshold_at_fpr

FPR_TARGETS: tuple[float, ...] = (0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1)


def operating_point(y: np.ndarray, scores: np.ndarray, threshold: float, volume: float,
                    label: str) -> dict[str, Any]:
    """Recall, precision, FPR and weekly load of flagging every score at or above ``threshold``."""
    y = np.asarray(y).astype(int)
    scores = np.asarray(scores, dtype=float)
    flagged = scores >= threshold
    negative = y == 0
    fpr = float(flagged[negative].mean()) if negative.any() else float("nan")
    genuine_share = float(negative.mean()) if y.size else float("nan")
    return {
        "label": label,
        "threshold": float(threshold),
        "recall": float(flagged[~negative].mean()) if (~negative).any() else float("nan"),
        "precision": float(y[flagged].mean()) if flagged.any() else float("nan"),
        "fpr": fpr,
        "flagged_share": float(flagged.mean()) if y.size else float("nan"),
        "weekly_reviews": float(volume * flagged.mean()) if y.size else float("nan"),
        "weekly_genuine_reviews": float(volume * genuine_share * fpr),
    }


def threshold_table(y: np.ndarray, scores: np.ndarray, volume: float,
                    thresholds: Thresholds | None = None,
                    fpr_targets: tuple[float, ...] = FPR_TARGETS) -> list[dict[str, Any]]:
    """One row per false-positive-rate target, plus the model card's review and high thresholds."""
    if volume <= 0:
        raise ValueError(f"volume={volume!r}: give the applicants per week, a positive number")
    rows = [operating_point(y, scores, threshold_at_fpr(y, scores, target), volume,
                            f"FPR <= {target:.2%}") for target in fpr_targets]
    if thresholds is not None:
        rows.append(operating_point(y, scores, thresholds.review, volume, "model card: review"))
        if thresholds.high_reachable:
            rows.append(operating_point(y, scores, thresholds.high, volume, "model card: high"))
    return sorted(rows, key=lambda row: -row["threshold"])
