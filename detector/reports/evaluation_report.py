"""The evaluation report: one HTML file a data scientist reads before choosing a threshold or
promoting a model. Figures come from ``plots``; numbers from the metrics ``evaluate`` computed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detector.model.rules_baseline import rules_score
from detector.reports import plots
from detector.reports.render import write_html


def _figure(title: str, image: str, caption: str) -> dict[str, str]:
    return {"title": title, "image": image, "caption": caption}


def _group_of_rows(y: np.ndarray, segments: pd.Series | None, tactics: pd.Series | None
                   ) -> pd.Series | None:
    """Genuine profiles by segment, fronts by tactic ("front: vpn"), for per-group plots."""
    if segments is None and tactics is None:
        return None
    out = pd.Series(np.where(y == 1, "front", "genuine"), dtype=object)
    if segments is not None:
        seg = np.asarray(segments, dtype=object)
        genuine = (y == 0) & ~pd.isna(seg)
        out[genuine] = [f"genuine: {s}" for s in seg[genuine]]
    if tactics is not None:
        tac = np.asarray(tactics, dtype=object)
        front = (y == 1) & ~pd.isna(tac)
        out[front] = [f"front: {t}" for t in tac[front]]
    return out


def write_evaluation_report(path: Path, data, model, metrics: dict[str, Any],
                            importance: pd.DataFrame, challenger=None,
                            source: str = "") -> Path:
    """Render the figures and write the self-contained report to ``path``."""
    y = data.y
    champion_name = f"model {model.model_version}"
    scores = {champion_name: np.asarray(model.predict_proba(data.features), dtype=float)}
    columns = [(champion_name, metrics["model_at_1pct_fpr"])]
    if challenger is not None:
        challenger_name = f"challenger {challenger.model_version}"
        scores[challenger_name] = np.asarray(challenger.predict_proba(data.features), dtype=float)
        columns.append((challenger_name, metrics["challenger"]["model_at_1pct_fpr"]))
    scores["rules baseline"] = np.asarray(rules_score(data.features), dtype=float)
    columns.append(("rules baseline", metrics["rules_baseline"]))
    model_scores = scores[champion_name]
    at_fpr = metrics["model_at_1pct_fpr"]

    figures = [
        _figure("ROC curves", plots.roc_curves(y, scores),
                "Recall against the share of genuine profiles flagged, log scale: the left end is "
                "where a review team operates."),
        _figure("Precision-recall curves", plots.pr_curves(y, scores),
                "Precision of the review queue against recall; the dotted line is the front rate "
                "of this data (a random ranking)."),
        _figure("Calibration", plots.calibration_plot(
                    {name: m["reliability"] for name, m in columns if name != "rules baseline"}),
                "Observed front rate per score bin; points on the diagonal mean a score of 0.3 "
                "is a 30% chance on data like this. Dot size shows the bin's count."),
        _figure("Score distribution by label", plots.score_histograms(
                    model_scores, np.where(y == 1, "front", "genuine"), champion_name,
                    threshold=at_fpr["threshold"]),
                "Each label normalised to its own size; dashed: the threshold for a 1% "
                "false-positive rate."),
    ]
    groups = _group_of_rows(y, data.segments, data.tactics)
    if groups is not None:
        figures.append(_figure(
            "Scores by segment and tactic",
            plots.score_by_group(model_scores, groups, champion_name, at_fpr["threshold"]),
            "Genuine profiles by look-alike segment and fronts by tactic; a genuine segment whose "
            "box reaches the dashed line is one the review queue will keep flagging."))
    segment_rates = {name: m.get("fpr_by_segment", {}) for name, m in columns}
    tactic_rates = {name: m.get("recall_by_tactic", {}) for name, m in columns}
    if any(segment_rates.values()):
        figures.append(_figure(
            "False-positive rate per segment",
            plots.rate_bars(segment_rates, "genuine profiles flagged", "false-positive rate"),
            "Each model at its own threshold for a 1% false-positive rate over all genuine "
            "profiles."))
    if any(tactic_rates.values()):
        figures.append(_figure(
            "Recall per front tactic",
            plots.rate_bars(tactic_rates, "fronts flagged", "recall"),
            "Each model at its own threshold for a 1% false-positive rate."))
    figures.append(_figure(
        "Feature importance (permutation)", plots.importance_bars(importance),
        f"Drop in average precision when one feature is shuffled, on "
        f"{importance.attrs.get('rows', len(y)):,} evaluated rows (mean and spread of 3 shuffles)."))

    def table_of(key: str) -> dict[str, Any]:
        names = sorted({g for _, m in columns for g in m.get(key, {})})
        return {"names": names, "rows": [
            {"group": g,
             "count": next((m[key][g]["count"] for _, m in columns if g in m.get(key, {})), 0),
             "rates": [m.get(key, {}).get(g, {}).get("rate") for _, m in columns]}
            for g in names]}

    write_html(
        path, "evaluation.html",
        title="Detector evaluation report",
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        source=source,
        metrics=metrics,
        columns=columns,
        thresholds=model.thresholds,
        figures=figures,
        segments=table_of("fpr_by_segment"),
        tactics=table_of("recall_by_tactic"),
        importance=importance.head(20).to_dict("records"),
        comparison=metrics.get("comparison"),
        champion=model.model_version,
        challenger=challenger.model_version if challenger is not None else None,
    )
    return path
