"""Score bands: the thresholds that map a calibrated score to ``low``, ``review`` or ``high``.

Thresholds are chosen on out-of-fold scores (never on scores of rows the model trained on):

- ``review``: the lowest score at which at most ``fpr_target`` of the genuine (label-0) profiles
  are flagged, i.e. the review queue costs a known share of genuine freelancers;
- ``high``: the lowest score, at least ``review``, from which at least ``precision_target`` of the
  flagged profiles are fronts.

A score at or above a threshold is in that band.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

BANDS = ("low", "review", "high")
# "high" when the precision target is never reached: above every score in [0, 1].
UNREACHABLE = float(np.nextafter(1.0, 2.0))


@dataclass(frozen=True)
class Thresholds:
    """Band thresholds with the targets they were chosen for and what they achieved."""

    review: float
    high: float
    fpr_target: float = 0.01
    precision_target: float = 0.9
    review_fpr: float | None = None  # false-positive rate at ``review`` on the validation scores
    review_recall: float | None = None
    high_precision: float | None = None  # precision at ``high`` (None when unreachable)
    high_recall: float | None = None

    def __post_init__(self) -> None:
        if not self.review <= self.high:
            raise ValueError(f"thresholds must satisfy review <= high, got {self.review} > {self.high}")

    @property
    def high_reachable(self) -> bool:
        return self.high <= 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Thresholds:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


def _check(y: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y).astype(int).ravel()
    scores = np.asarray(scores, dtype=float).ravel()
    if y.shape != scores.shape:
        raise ValueError(f"{y.shape[0]} labels but {scores.shape[0]} scores")
    if np.isnan(scores).any():
        raise ValueError("scores contain NaN; thresholds need a score for every row")
    if not ((y == 0).any() and (y == 1).any()):
        raise ValueError("thresholds need validation rows of both labels")
    return y, scores


def threshold_at_fpr(y: np.ndarray, scores: np.ndarray, fpr_target: float = 0.01) -> float:
    """The lowest score ``t`` with ``mean(score >= t | label 0) <= fpr_target``.

    Ties are kept together, so the achieved rate can be below the target, never above it.
    """
    if not 0.0 <= fpr_target < 1.0:
        raise ValueError(f"fpr_target={fpr_target!r} must be in [0, 1)")
    y, scores = _check(y, scores)
    negatives = np.sort(scores[y == 0])
    allowed = int(np.floor(fpr_target * negatives.size + 1e-9))  # negatives that may be flagged
    # flag at most `allowed` negatives: the threshold is above the (allowed+1)-th largest one
    boundary = negatives[-(allowed + 1)]
    candidates = np.unique(scores[scores > boundary])
    return float(candidates[0]) if candidates.size else float(np.nextafter(boundary, np.inf))


def threshold_at_precision(y: np.ndarray, scores: np.ndarray, precision_target: float = 0.9,
                           minimum: float = 0.0) -> float | None:
    """The lowest score ``t >= minimum`` with precision of ``score >= t`` at least the target."""
    y, scores = _check(y, scores)
    order = np.argsort(-scores, kind="stable")
    s, labels = scores[order], y[order]
    true_pos = np.cumsum(labels)
    flagged = np.arange(1, s.size + 1)
    # only the last position of each run of tied scores is a valid cut
    last_of_tie = np.r_[s[1:] != s[:-1], True]
    precision = true_pos / flagged
    ok = last_of_tie & (precision >= precision_target) & (s >= minimum)
    if not ok.any():
        return None
    return float(s[np.flatnonzero(ok)[-1]])


def choose_thresholds(y: np.ndarray, scores: np.ndarray, fpr_target: float = 0.01,
                      precision_target: float = 0.9) -> Thresholds:
    """Review and high thresholds from validation (out-of-fold) scores."""
    y, scores = _check(y, scores)
    review = threshold_at_fpr(y, scores, fpr_target)
    high = threshold_at_precision(y, scores, precision_target, minimum=review)
    negatives, positives = scores[y == 0], scores[y == 1]
    flagged_high = scores >= high if high is not None else np.zeros_like(scores, dtype=bool)
    return Thresholds(
        review=review,
        high=high if high is not None else UNREACHABLE,
        fpr_target=fpr_target,
        precision_target=precision_target,
        review_fpr=float(np.mean(negatives >= review)),
        review_recall=float(np.mean(positives >= review)),
        high_precision=float(y[flagged_high].mean()) if flagged_high.any() else None,
        high_recall=float(np.mean(positives >= high)) if high is not None else 0.0,
    )


def band_for(scores: np.ndarray, thresholds: Thresholds) -> np.ndarray:
    """``'low'``, ``'review'`` or ``'high'`` for each score."""
    scores = np.asarray(scores, dtype=float)
    out = np.full(scores.shape, "low", dtype=object)
    out[scores >= thresholds.review] = "review"
    out[scores >= thresholds.high] = "high"
    return out
