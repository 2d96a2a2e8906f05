"""Population drift between the data a model was trained on and the data it scores now.

Population stability index (PSI) per feature: bins are the reference's deciles (so each holds
about a tenth of the reference), a missing value is a bin of its own (a signal that stops being
computable, e.g. a dropped session field, is drift too), and
``PSI = sum((current - reference) * ln(current / reference))`` over the bins' shares. Common
reading: below 0.1 stable, 0.1-0.2 moderate, above 0.2 a shift worth a look before trusting the
scores. The score distribution is compared the same way, with extra bin edges at the reference's
95th and 99th percentiles and at the review threshold (scores are mostly near zero, and the shift
that matters to a review queue happens in the top tail, inside the top decile), plus the
two-sample Kolmogorov-Smirnov statistic.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

DEFAULT_PSI_THRESHOLD = 0.2
N_BINS = 10
FLOOR = 1e-4  # share given to an empty bin, so a bin seen on one side only counts without inf


def bin_edges(reference: np.ndarray, n_bins: int = N_BINS,
              extra_quantiles: tuple[float, ...] = (), extra_edges: tuple[float, ...] = ()
              ) -> np.ndarray:
    """Inner edges from the reference's quantiles (duplicates dropped for discrete values)."""
    known = reference[~np.isnan(reference)]
    if known.size == 0:
        return np.asarray(sorted(set(extra_edges)), dtype=float)
    quantiles = np.r_[np.linspace(0, 1, n_bins + 1)[1:-1], list(extra_quantiles)]
    return np.unique(np.r_[np.quantile(known, quantiles), list(extra_edges)])


def bin_shares(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Shares of values per bin ``(-inf, e1], (e1, e2], ..., (ek, inf)``, then the NaN bin."""
    values = np.asarray(values, dtype=float)
    missing = np.isnan(values)
    which = np.searchsorted(edges, values[~missing], side="left")
    counts = np.r_[np.bincount(which, minlength=edges.size + 1), missing.sum()].astype(float)
    return counts / max(1, values.size)


def psi(reference: np.ndarray, current: np.ndarray, n_bins: int = N_BINS,
        extra_quantiles: tuple[float, ...] = (), extra_edges: tuple[float, ...] = ()) -> float:
    """Population stability index of ``current`` against ``reference``."""
    reference = np.asarray(reference, dtype=float)
    edges = bin_edges(reference, n_bins, extra_quantiles, extra_edges)
    ref = np.maximum(bin_shares(reference, edges), FLOOR)
    cur = np.maximum(bin_shares(np.asarray(current, dtype=float), edges), FLOOR)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def feature_drift(reference: pd.DataFrame, current: pd.DataFrame,
                  threshold: float = DEFAULT_PSI_THRESHOLD) -> pd.DataFrame:
    """PSI per shared column, with missing shares and medians on both sides; largest first."""
    rows = []
    for name in reference.columns:
        if name not in current.columns:
            continue
        ref = reference[name].to_numpy(dtype=float)
        cur = current[name].to_numpy(dtype=float)
        rows.append({
            "feature": name,
            "psi": psi(ref, cur),
            "reference_missing": float(np.isnan(ref).mean()) if ref.size else float("nan"),
            "current_missing": float(np.isnan(cur).mean()) if cur.size else float("nan"),
            "reference_median": float(np.nanmedian(ref)) if (~np.isnan(ref)).any() else None,
            "current_median": float(np.nanmedian(cur)) if (~np.isnan(cur)).any() else None,
        })
    table = pd.DataFrame(rows)
    table["flagged"] = table["psi"] > threshold
    return table.sort_values("psi", ascending=False, kind="stable").reset_index(drop=True)


def score_drift(reference: np.ndarray, current: np.ndarray, review_threshold: float | None = None
                ) -> dict[str, Any]:
    """PSI and Kolmogorov-Smirnov of the scores, means, and the share at or above review."""
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    ks = ks_2samp(reference, current)
    edges = () if review_threshold is None else (float(review_threshold),)
    out: dict[str, Any] = {
        "psi": psi(reference, current, extra_quantiles=(0.95, 0.99), extra_edges=edges),
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "reference_mean": float(reference.mean()),
        "current_mean": float(current.mean()),
    }
    if review_threshold is not None:
        out["review_threshold"] = float(review_threshold)
        out["reference_review_share"] = float((reference >= review_threshold).mean())
        out["current_review_share"] = float((current >= review_threshold).mean())
    return out
