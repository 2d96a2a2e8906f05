"""Compare a recent population with the one a model was trained on: is the model still scoring
the kind of data it learned from?"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from detector.errors import InputError
from detector.features.build import build_features
from detector.features.catalogue import FEATURE_NAMES
from detector.io import load_population
from detector.model.drift import DEFAULT_PSI_THRESHOLD, feature_drift, score_drift
from detector.settings import Settings


@dataclass
class DriftReport:
    metrics: dict[str, Any]
    text: str
    metrics_path: Path
    report_path: Path | None


def _features(path: Path, settings: Settings, geo):
    loaded = load_population(path)
    if len(loaded.population) == 0:
        raise InputError(f"{path} holds no valid applicant; drift needs a population "
                         f"(see its rejects: {len(loaded.rejects)} records)")
    # Labels are ignored: drift is about what the model sees, for reviewed or unreviewed alike.
    table = build_features(loaded.population, settings, geo, known_labels=None)
    return table.features[list(FEATURE_NAMES)], len(loaded.rejects)


def drift_files(reference_path: Path, current_path: Path, settings: Settings, *,
                metrics_path: Path | None = None, report_path: Path | None = None,
                write_report: bool = True, threshold: float = DEFAULT_PSI_THRESHOLD
                ) -> DriftReport:
    """PSI per feature and the score shift of ``current`` against ``reference``; JSON and HTML."""
    from detector.geo.geoip import GeoLookup
    from detector.model.artifact import load_model

    if threshold <= 0:
        raise InputError(f"--threshold {threshold}: give a positive PSI, e.g. 0.2")
    settings = settings.with_defaults()
    model = load_model(settings.model_dir)  # type: ignore[arg-type]
    with GeoLookup.from_settings(settings) as geo:
        reference, reference_rejects = _features(reference_path, settings, geo)
        current, current_rejects = _features(current_path, settings, geo)
    features = feature_drift(reference, current, threshold)
    ref_scores = np.asarray(model.predict_proba(reference), dtype=float)
    cur_scores = np.asarray(model.predict_proba(current), dtype=float)
    scores = score_drift(ref_scores, cur_scores, model.thresholds.review)
    flagged = features.loc[features["flagged"], "feature"].tolist()
    metrics: dict[str, Any] = {
        "model_version": model.model_version,
        "reference": {"source": str(reference_path), "applicants": len(reference),
                      "rejected_records": reference_rejects},
        "current": {"source": str(current_path), "applicants": len(current),
                    "rejected_records": current_rejects},
        "psi_threshold": threshold,
        "flagged_features": flagged,
        "score_flagged": bool(scores["psi"] > threshold),
        "scores": scores,
        "features": features.to_dict("records"),
    }
    stem = current_path.name.split(".")[0]
    metrics_path = metrics_path or Path.cwd() / f"{stem}.drift.json"
    if write_report:
        from detector.reports.drift_report import write_drift_report

        report_path = report_path or metrics_path.with_name(
            metrics_path.name.removesuffix(".json") + ".html")
        write_drift_report(report_path, metrics, features, reference, current,
                           ref_scores, cur_scores)
    else:
        report_path = None
    metrics_path.write_text(json.dumps(metrics, indent=2, default=float))
    lines = [f"drift of {current_path} ({len(current)} applicants) against {reference_path} "
             f"({len(reference)}), model {model.model_version}:",
             f"  scores: PSI {scores['psi']:.3f}, KS {scores['ks_statistic']:.3f}, "
             f"mean {scores['reference_mean']:.4f} -> {scores['current_mean']:.4f}, "
             f"at or above review {scores['reference_review_share']:.2%} -> "
             f"{scores['current_review_share']:.2%}",
             f"  features with PSI above {threshold}: {len(flagged)} of {len(features)}"]
    for row in features.head(10).itertuples():
        mark = "!" if row.flagged else " "
        lines.append(f"  {mark} {row.feature:<32} PSI {row.psi:7.3f}  missing "
                     f"{row.reference_missing:.1%} -> {row.current_missing:.1%}")
    return DriftReport(metrics=metrics, text="\n".join(lines), metrics_path=metrics_path,
                       report_path=report_path)
