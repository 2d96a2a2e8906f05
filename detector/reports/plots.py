"""The report's figures, each rendered to a PNG with matplotlib's Agg backend.

Every function returns the PNG as base64 text for an ``<img src="data:image/png;base64,...">``,
so the HTML file carries its images and opens offline.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.metrics import precision_recall_curve, roc_curve  # noqa: E402

COLOURS = ("#1f5fa8", "#d1495b", "#5c946e", "#edae49", "#6c4f9e")


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=96, bbox_inches="tight")  # keeps outside legends
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def roc_curves(y: np.ndarray, scores: Mapping[str, np.ndarray], fpr_target: float = 0.01) -> str:
    """ROC curves on a log false-positive axis: the low-FPR end is where review teams work."""
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for colour, (name, s) in zip(COLOURS, scores.items(), strict=False):
        fpr, tpr, _ = roc_curve(y, s)
        ax.plot(np.maximum(fpr, 1e-4), tpr, label=name, color=colour)
    ax.axvline(fpr_target, color="grey", linestyle=":", label=f"FPR {fpr_target:.0%}")
    ax.set_xscale("log")
    ax.set_xlim(1e-4, 1)
    ax.set_xlabel("false-positive rate (genuine profiles flagged), log scale")
    ax.set_ylabel("recall (fronts flagged)")
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    return _png(fig)


def pr_curves(y: np.ndarray, scores: Mapping[str, np.ndarray]) -> str:
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for colour, (name, s) in zip(COLOURS, scores.items(), strict=False):
        precision, recall, _ = precision_recall_curve(y, s)
        ax.plot(recall, precision, label=name, color=colour)
    ax.axhline(float(np.mean(y)), color="grey", linestyle=":", label="front rate")
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower left")
    ax.grid(alpha=0.3)
    return _png(fig)


def calibration_plot(reliability: Mapping[str, list[dict]]) -> str:
    """Observed front rate against mean predicted score per score bin (the diagonal is ideal)."""
    fig, ax = plt.subplots(figsize=(5, 4.2))
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect calibration")
    for colour, (name, table) in zip(COLOURS, reliability.items(), strict=False):
        if not table:
            continue
        predicted = [r["mean_predicted"] for r in table]
        observed = [r["observed_rate"] for r in table]
        sizes = [20 + 180 * np.sqrt(r["count"] / max(x["count"] for x in table)) for r in table]
        ax.plot(predicted, observed, color=colour, label=name)
        ax.scatter(predicted, observed, s=sizes, color=colour, alpha=0.6)
    ax.set_xlabel("mean predicted score (bin)")
    ax.set_ylabel("observed front rate")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    return _png(fig)


def score_histograms(scores: np.ndarray, groups: np.ndarray, title: str,
                     threshold: float | None = None) -> str:
    """Score histograms per group (e.g. label), each normalised to its own size."""
    fig, ax = plt.subplots(figsize=(6, 3.8))
    bins = np.linspace(0, 1, 41).tolist()
    for colour, name in zip(COLOURS, pd.unique(groups), strict=False):
        inside = groups == name
        ax.hist(scores[inside], bins=bins, alpha=0.55, color=colour, density=True,
                label=f"{name} (n={int(inside.sum())})")
    if threshold is not None:
        ax.axvline(threshold, color="black", linestyle="--", label=f"threshold {threshold:.3f}")
    ax.set_yscale("log")
    ax.set_xlabel("score")
    ax.set_ylabel("density (log)")
    ax.set_title(title)
    ax.legend()
    return _png(fig)


def score_by_group(scores: np.ndarray, groups: pd.Series, title: str,
                   threshold: float | None = None) -> str:
    """One box per group (segment of genuine profiles, tactic of fronts), sorted by median."""
    frame = pd.DataFrame({"score": scores, "group": np.asarray(groups, dtype=object)})
    frame = frame[frame["group"].notna()]
    order = frame.groupby("group")["score"].median().sort_values().index.tolist()
    data = [frame.loc[frame["group"] == g, "score"].to_numpy() for g in order]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(order) + 1.2))
    ax.boxplot(data, vert=False, showfliers=True, flierprops={"markersize": 2, "alpha": 0.4})
    ax.set_yticks(range(1, len(order) + 1),
                  [f"{g} (n={len(d)})" for g, d in zip(order, data, strict=True)])
    if threshold is not None:
        ax.axvline(threshold, color="black", linestyle="--", label=f"threshold {threshold:.3f}")
        ax.legend(loc="lower right")
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("score")
    ax.set_title(title)
    return _png(fig)


def rate_bars(rates: Mapping[str, Mapping[str, Mapping[str, float]]], title: str,
              xlabel: str) -> str:
    """Grouped horizontal bars: one bar per model for each segment or tactic."""
    names = sorted({g for per in rates.values() for g in per})
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(names) * max(1, len(rates)) / 1.5 + 1.5))
    height = 0.8 / max(1, len(rates))
    positions = np.arange(len(names))
    for k, (colour, (model, per)) in enumerate(zip(COLOURS, rates.items(), strict=False)):
        values = [per.get(n, {}).get("rate", np.nan) for n in names]
        ax.barh(positions - k * height, values, height=height, color=colour, label=model)
    ax.set_yticks(positions - height * (len(rates) - 1) / 2, names)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), frameon=False, title=title,
              alignment="left")
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def importance_bars(table: pd.DataFrame, top: int = 20) -> str:
    shown = table.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.32 * len(shown) + 1.2))
    ax.barh(shown["feature"], shown["importance"], xerr=shown["spread"], color=COLOURS[0])
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlabel("drop in average precision when the feature is shuffled")
    return _png(fig)


def psi_bars(table: pd.DataFrame, threshold: float, top: int = 25) -> str:
    shown = table.head(top).iloc[::-1]
    colours = [COLOURS[1] if f else COLOURS[0] for f in shown["flagged"]]
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(shown) + 1.2))
    ax.barh(shown["feature"], shown["psi"], color=colours)
    ax.axvline(threshold, color="black", linestyle="--", label=f"flag above {threshold}")
    ax.set_xlabel("population stability index")
    ax.legend(loc="lower right")
    return _png(fig)


def distribution_overlay(reference: np.ndarray, current: np.ndarray, title: str,
                         names: tuple[str, str] = ("reference", "current")) -> str:
    """Two distributions of one variable (reference and current, or genuine and fronts), each
    normalised to its own size, missing values as a separate bar."""
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    known = np.r_[reference[~np.isnan(reference)], current[~np.isnan(current)]]
    fig, (ax, ax_missing) = plt.subplots(1, 2, figsize=(7, 3),
                                         gridspec_kw={"width_ratios": [5, 1]})
    if known.size:
        low, high = np.percentile(known, [0.5, 99.5])
        if high <= low:
            low, high = low - 0.5, high + 0.5
        bins = np.linspace(low, high, 31).tolist()
        for colour, name, values in ((COLOURS[0], names[0], reference),
                                     (COLOURS[1], names[1], current)):
            v = values[~np.isnan(values)]
            if v.size:
                ax.hist(np.clip(v, low, high), bins=bins, alpha=0.5, density=True,
                        color=colour, label=name)
        ax.legend()
    ax.set_title(title)
    ax_missing.bar([names[0][:8], names[1][:8]], [np.isnan(reference).mean() if reference.size else 0,
                                     np.isnan(current).mean() if current.size else 0],
                   color=[COLOURS[0], COLOURS[1]])
    ax_missing.set_ylim(0, 1)
    ax_missing.set_title("missing")
    return _png(fig)
