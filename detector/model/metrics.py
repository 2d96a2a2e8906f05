"""Detection metrics: ranking, the operating point at a fixed false-positive rate, calibration,
and the two breakdowns the domain asks for: false-positive rate per look-alike segment of genuine
profiles (privacy VPN users, Asia night workers, agencies...) and recall per evasion tactic.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from detector.model.bands import threshold_at_fpr


def _labels_of(values: pd.Series | np.ndarray | None, n: int, name: str) -> np.ndarray | None:
    if values is None:
        return None
    array = np.asarray(values, dtype=object)
    if array.shape[0] != n:
        raise ValueError(f"{name} has {array.shape[0]} rows but there are {n} labels; give one "
                         f"entry per row (None/NaN where it does not apply)")
    return array


def reliability_table(y: np.ndarray, scores: np.ndarray, n_bins: int = 10) -> list[dict[str, Any]]:
    """Equal-width score bins with count, mean predicted score and observed front rate."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.digitize(scores, edges[1:-1], right=False), 0, n_bins - 1)
    rows = []
    for b in range(n_bins):
        inside = which == b
        if not inside.any():
            continue
        rows.append({
            "bin_low": float(edges[b]),
            "bin_high": float(edges[b + 1]),
            "count": int(inside.sum()),
            "mean_predicted": float(scores[inside].mean()),
            "observed_rate": float(y[inside].mean()),
        })
    return rows


def expected_calibration_error(table: list[dict[str, Any]]) -> float:
    """Count-weighted mean gap between predicted and observed rates over the bins."""
    total = sum(row["count"] for row in table)
    if total == 0:
        return float("nan")
    return float(sum(row["count"] * abs(row["mean_predicted"] - row["observed_rate"])
                     for row in table) / total)


def _rate_by(categories: np.ndarray, hits: np.ndarray) -> dict[str, dict[str, float | int]]:
    out: dict[str, dict[str, float | int]] = {}
    known = ~pd.isna(categories)
    for name in sorted({str(c) for c in categories[known]}):
        inside = known & (categories.astype(str) == name)
        out[name] = {"count": int(inside.sum()), "rate": float(hits[inside].mean())}
    return out


def detection_metrics(y: pd.Series | np.ndarray, scores: pd.Series | np.ndarray,
                      segments: pd.Series | np.ndarray | None = None,
                      tactics: pd.Series | np.ndarray | None = None,
                      fpr_target: float = 0.01, threshold: float | None = None,
                      n_bins: int = 10) -> dict[str, Any]:
    """Metrics of scores against labels (1 = front).

    Parameters
    ----------
    y, scores : one entry per row, positionally aligned (pandas Series are aligned on y's index).
    segments : per row, the look-alike segment of a genuine profile (``'regular'``,
        ``'privacy_vpn'``...); read on label-0 rows only. Gives the false-positive rate per segment.
    tactics : per row, the evasion tactic of a front; read on label-1 rows only. Gives recall per
        tactic.
    fpr_target : the operating point: the threshold flags at most this share of genuine rows.
    threshold : use this threshold instead (e.g. the model's review threshold, when the scores
        are a test set the threshold was not chosen on).

    Returns
    -------
    dict with ``counts``, ``roc_auc``, ``average_precision``, ``threshold``, ``fpr``, ``recall``,
    ``precision`` (at the threshold), ``brier``, ``ece``, ``reliability``, ``fpr_by_segment`` and
    ``recall_by_tactic`` (``{name: {"count", "rate"}}``).
    """
    if isinstance(y, pd.Series):
        for name, other in (("scores", scores), ("segments", segments), ("tactics", tactics)):
            if isinstance(other, pd.Series) and not other.index.equals(y.index):
                if not y.index.isin(other.index).all():
                    raise ValueError(f"{name} lacks some of the labels' index entries")
                if name == "scores":
                    scores = other.reindex(y.index)
                elif name == "segments":
                    segments = other.reindex(y.index)
                else:
                    tactics = other.reindex(y.index)
    labels = np.asarray(y).astype(int).ravel()
    values = np.asarray(scores, dtype=float).ravel()
    if labels.shape != values.shape:
        raise ValueError(f"{labels.shape[0]} labels but {values.shape[0]} scores")
    if np.isnan(values).any():
        raise ValueError("scores contain NaN")
    n = labels.shape[0]
    segment_of = _labels_of(segments, n, "segments")
    tactic_of = _labels_of(tactics, n, "tactics")
    negative, positive = labels == 0, labels == 1
    both = negative.any() and positive.any()

    if threshold is None:
        threshold = threshold_at_fpr(labels, values, fpr_target) if both else float("nan")
    flagged = values >= threshold
    table = reliability_table(labels, values, n_bins)
    result: dict[str, Any] = {
        "counts": {"rows": n, "positive": int(positive.sum()), "negative": int(negative.sum()),
                   "flagged": int(flagged.sum())},
        "roc_auc": float(roc_auc_score(labels, values)) if both else float("nan"),
        "average_precision": float(average_precision_score(labels, values)) if both
        else float("nan"),
        "fpr_target": fpr_target,
        "threshold": float(threshold),
        "fpr": float(flagged[negative].mean()) if negative.any() else float("nan"),
        "recall": float(flagged[positive].mean()) if positive.any() else float("nan"),
        "precision": float(labels[flagged].mean()) if flagged.any() else float("nan"),
        "brier": float(brier_score_loss(labels, values)) if n else float("nan"),
        "ece": expected_calibration_error(table),
        "reliability": table,
        "fpr_by_segment": {},
        "recall_by_tactic": {},
    }
    if segment_of is not None:
        result["fpr_by_segment"] = _rate_by(segment_of[negative], flagged[negative])
    if tactic_of is not None:
        result["recall_by_tactic"] = _rate_by(tactic_of[positive], flagged[positive])
    return result


def _num(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    if isinstance(value, int | np.integer):
        return str(value)
    return f"{value:.{digits}f}"


def format_metrics(metrics: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """A readable table of ``detection_metrics`` output (a baseline's metrics side by side)."""
    columns = [("model", metrics)] + ([("rules baseline", baseline)] if baseline else [])
    width = 30
    lines = [f"{'metric':<{width}}" + "".join(f"{name:>16}" for name, _ in columns)]

    def row(label: str, getter) -> None:
        lines.append(f"{label:<{width}}" + "".join(f"{_num(getter(m)):>16}" for _, m in columns))

    counts = metrics["counts"]
    lines[0:0] = [f"rows {counts['rows']}, fronts {counts['positive']}, "
                  f"genuine {counts['negative']}"]
    row("ROC AUC", lambda m: m["roc_auc"])
    row("average precision", lambda m: m["average_precision"])
    row(f"threshold (FPR <= {metrics['fpr_target']:.1%})", lambda m: m["threshold"])
    row("false-positive rate", lambda m: m["fpr"])
    row("recall", lambda m: m["recall"])
    row("precision", lambda m: m["precision"])
    row("Brier score", lambda m: m["brier"])
    row("expected calibration error", lambda m: m["ece"])
    for key, title in (("fpr_by_segment", "FPR"), ("recall_by_tactic", "recall")):
        names = sorted({n for _, m in columns for n in m.get(key, {})})
        if names:
            lines.append(f"{title} by {key.split('_by_')[1]}:")
        for name in names:
            count = metrics.get(key, {}).get(name, {}).get("count", 0)
            row(f"  {name} (n={count})", lambda m, k=key, n=name: m.get(k, {}).get(n, {}).get("rate"))
    if metrics.get("reliability"):
        lines.append("reliability (model): bin, count, mean predicted, observed")
        for r in metrics["reliability"]:
            lines.append(f"  {r['bin_low']:.1f}-{r['bin_high']:.1f} {r['count']:>8} "
                         f"{r['mean_predicted']:>10.3f} {r['observed_rate']:>10.3f}")
    return "\n".join(lines)
