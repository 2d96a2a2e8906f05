"""Champion/challenger differences with bootstrap intervals, resampling whole linkage groups.

Profiles of one network rise and fall together, so resampling single profiles would treat a
20-profile laptop farm as 20 independent chances and give intervals that are too narrow. Each
resample draws linkage components with replacement; in it, each model's threshold for the target
false-positive rate is chosen again (the team would re-choose it), then recall at that threshold
and average precision are measured. Intervals are percentile intervals.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score

from detector.model.bands import threshold_at_fpr


def _recall_at_fpr(y: np.ndarray, scores: np.ndarray, fpr_target: float) -> float:
    threshold = threshold_at_fpr(y, scores, fpr_target)
    return float((scores[y == 1] >= threshold).mean())


def _interval(values: np.ndarray, level: float) -> list[float]:
    tail = (1.0 - level) / 2.0 * 100.0
    return [float(np.percentile(values, tail)), float(np.percentile(values, 100.0 - tail))]


def compare_models(y: np.ndarray, champion: np.ndarray, challenger: np.ndarray,
                   groups: np.ndarray, n_resamples: int = 1000, fpr_target: float = 0.01,
                   level: float = 0.95, random_state: int = 0) -> dict[str, Any]:
    """Point estimates, intervals and the challenger-minus-champion difference per metric."""
    y = np.asarray(y).astype(int)
    scores = {"champion": np.asarray(champion, dtype=float),
              "challenger": np.asarray(challenger, dtype=float)}
    _, group_index = np.unique(np.asarray(groups), return_inverse=True)
    order = np.argsort(group_index, kind="stable")
    sizes = np.bincount(group_index)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    rng = np.random.default_rng(random_state)
    metrics = {
        "recall_at_fpr": lambda yy, ss: _recall_at_fpr(yy, ss, fpr_target),
        "average_precision": lambda yy, ss: float(average_precision_score(yy, ss)),
    }
    draws: dict[str, dict[str, list[float]]] = {m: {"champion": [], "challenger": []}
                                                for m in metrics}
    kept = 0
    for _ in range(n_resamples):
        picked = rng.integers(0, sizes.size, size=sizes.size)
        counts = sizes[picked]
        # rows of the picked groups: each group's start repeated, plus 0..size-1
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        rows = order[np.repeat(starts[picked], counts) + offsets]
        yy = y[rows]
        if yy.min() == yy.max():
            continue
        kept += 1
        for name, metric in metrics.items():
            for side in ("champion", "challenger"):
                draws[name][side].append(metric(yy, scores[side][rows]))
    if kept < max(10, n_resamples // 2):
        raise ValueError("too few resamples held both labels; evaluate on more labelled data")
    out: dict[str, Any] = {"resamples": kept, "level": level, "fpr_target": fpr_target,
                           "groups": int(sizes.size)}
    for name, metric in metrics.items():
        a = np.asarray(draws[name]["champion"])
        b = np.asarray(draws[name]["challenger"])
        out[name] = {
            "champion": metric(y, scores["champion"]),
            "challenger": metric(y, scores["challenger"]),
            "champion_interval": _interval(a, level),
            "challenger_interval": _interval(b, level),
            "difference": metric(y, scores["challenger"]) - metric(y, scores["champion"]),
            "difference_interval": _interval(b - a, level),
            "challenger_better_share": float(np.mean(b > a)),
        }
    return out
