"""The model card: what the model is for, what it was trained on, how well it does, and on which
features, as ``model_card.json`` (read back by ``load_model``) and ``MODEL_CARD.md`` (for people).
"""

from __future__ import annotations

import hashlib
import math
import platform
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

import numpy as np

from detector.features.catalogue import FEATURES
from detector.model.metrics import format_metrics

CARD_SCHEMA_VERSION = 1

INTENDED_USE = (
    "Ranks freelance-platform profiles for human review by trust-and-safety analysts, with the "
    "evidence behind each score. It does not decide: no account is suspended, rejected or "
    "reported on the score alone; an analyst checks the listed evidence first."
)
FAIRNESS = (
    "The model uses no nationality, ethnicity, language, or name-origin feature. The claimed "
    "country enters only through mismatches with observed behaviour (IP country, time zone, "
    "phone region, payout country), so a Chinese, Korean or Russian freelancer who says where "
    "they are scores like anyone else. False-positive rates are reported per look-alike group "
    "(privacy VPN users, travellers, Asia-based night workers, agencies, web3 crypto payouts)."
)
LIMITATIONS = (
    "Scores are calibrated probabilities under the training data's base rate; on a population "
    "with a different share of fronts the probabilities shift (the ranking does not).",
    "Trained on labelled (possibly synthetic) data; the metrics hold for populations like it.",
    "Fronts that evade every signal family (clean laptop-farm IPs, rented real identities, one "
    "device per persona) score low; see recall per tactic.",
    "Missing data (no sessions, no phone, no payout) lowers the available evidence, never raises "
    "the score by itself.",
    "Linkage features depend on the hub cap and similarity thresholds of the run that built them.",
    "People who moved from China or Russia and still work some weeks from there (or did before "
    "the move) show sessions from an operator country, a red flag of its own; in synthetic tests "
    "they are flagged more often than other honest people (up to 6-9% at a 1% overall false-"
    "positive rate, docs/SYNTHETIC_DATA.md lesson 12), and so are people who work through remote-"
    "desktop tools (a laptop farm's main tell; 15-24% in two independent test worlds). Reviewers "
    "should ask about a move or a remote-work setup before reading more into it.",
)


def catalogue_features() -> list[dict[str, Any]]:
    """The catalogue as plain records (name, family, description, direction, reason code and,
    for a feature computed differently since it was introduced, its revision)."""
    return [
        {"name": f.name, "family": f.family, "description": f.description,
         "direction": f.direction, "reason_code": f.reason_code,
         **({"revision": f.revision} if f.revision != 1 else {})}
        for f in FEATURES
    ]


def features_fingerprint(features: list[dict[str, Any]] | None = None) -> str:
    """sha256 of the feature names, monotonic directions and revisions, in order (a first
    revision is left out, so cards written before revisions existed keep their fingerprint)."""
    records = features if features is not None else catalogue_features()
    text = "\n".join(f"{r['name']}:{int(r['direction'])}"
                     + (f":r{int(r['revision'])}" if int(r.get("revision", 1)) != 1 else "")
                     for r in records)
    return hashlib.sha256(text.encode()).hexdigest()


def jsonable(value: Any) -> Any:
    """Plain JSON values: NumPy scalars to Python, NaN and infinities to None."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def code_versions() -> dict[str, str]:
    return {
        "detector": _version("detector"),
        "scikit-learn": _version("scikit-learn"),
        "skops": _version("skops"),
        "numpy": _version("numpy"),
        "pandas": _version("pandas"),
        "python": platform.python_version(),
    }


def build_card(*, model_version: str, estimator_file: str, estimator_sha256: str,
               trusted_types: list[str], training_summary: dict[str, Any],
               metrics: dict[str, Any], thresholds: dict[str, Any],
               reference_values: dict[str, float | None],
               baseline_metrics: dict[str, Any] | None = None,
               extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The card's JSON document."""
    features = catalogue_features()
    return jsonable({
        "schema_version": CARD_SCHEMA_VERSION,
        "model_version": model_version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "code_versions": code_versions(),
        "estimator": {
            "file": estimator_file,
            "sha256": estimator_sha256,
            "format": "skops",
            "trusted_types": sorted(trusted_types),
            "description": (
                "CalibratedClassifierCV(ensemble=False) over Pipeline(CatalogueColumns, "
                "RobustClipper, HistGradientBoostingClassifier with monotonic constraints from "
                "the feature catalogue); rounds and calibration chosen on folds grouped by "
                "linkage component"
            ),
        },
        "features": features,
        "features_fingerprint": features_fingerprint(features),
        "reference_values": reference_values,
        "thresholds": thresholds,
        "training_summary": training_summary,
        "metrics": metrics,
        "baseline_metrics": baseline_metrics,
        "intended_use": INTENDED_USE,
        "limitations": list(LIMITATIONS),
        "fairness": FAIRNESS,
        "extra": extra or {},
    })


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_markdown(card: dict[str, Any]) -> str:
    """MODEL_CARD.md from the card's JSON document."""
    summary = card.get("training_summary") or {}
    thresholds = card.get("thresholds") or {}
    lines = [
        f"# Model card: {card['model_version']}",
        "",
        f"Created {card['created_at']}. Code: "
        + ", ".join(f"{k} {v}" for k, v in card["code_versions"].items()) + ".",
        "",
        "## Intended use",
        "",
        card["intended_use"],
        "",
        "## Fairness",
        "",
        card["fairness"],
        "",
        "## Model",
        "",
        card["estimator"]["description"] + ".",
        "",
        "## Training data",
        "",
    ]
    for key, value in summary.items():
        if isinstance(value, dict | list):
            continue
        lines.append(f"- {key}: {_fmt(value)}")
    lines += [
        "",
        "## Thresholds",
        "",
        f"- review: score >= {_fmt(thresholds.get('review'), 4)} (chosen for a false-positive "
        f"rate of at most {_fmt(thresholds.get('fpr_target'))} on out-of-fold scores; achieved "
        f"{_fmt(thresholds.get('review_fpr'))}, recall {_fmt(thresholds.get('review_recall'))})",
        f"- high: score >= {_fmt(thresholds.get('high'), 4)} (lowest score with precision >= "
        f"{_fmt(thresholds.get('precision_target'))}; achieved "
        f"{_fmt(thresholds.get('high_precision'))}, recall {_fmt(thresholds.get('high_recall'))})",
        "",
        "## Metrics (out-of-fold, grouped by linkage component)",
        "",
        "The learned model and the hand-weighted red-flag scorecard side by side.",
        "",
        "```",
        format_metrics(_numeric(card["metrics"]),
                       _numeric(card["baseline_metrics"]) if card.get("baseline_metrics") else None),
        "```",
        "",
        "## Features",
        "",
        "Direction +1: a larger value can only raise the score (monotonic constraint).",
        "",
        "| feature | family | direction | reason code | benign reference | description |",
        "|---|---|---|---|---|---|",
    ]
    refs = card.get("reference_values") or {}
    for f in card["features"]:
        lines.append(
            f"| `{f['name']}` | {f['family']} | {f['direction']:+d} | {f['reason_code']} | "
            f"{_fmt(refs.get(f['name']))} | {f['description']} |"
        )
    lines += [
        "",
        f"Features fingerprint: `{card['features_fingerprint']}`",
        "",
        "## Limitations",
        "",
        *[f"- {item}" for item in card["limitations"]],
        "",
    ]
    return "\n".join(lines)


def _numeric(metrics: dict[str, Any]) -> dict[str, Any]:
    """JSON None back to NaN so the metrics table prints '-'."""
    out = dict(metrics)
    for key in ("roc_auc", "average_precision", "threshold", "fpr", "recall", "precision",
                "brier", "ece"):
        if out.get(key) is None:
            out[key] = float("nan")
    out.setdefault("counts", {"rows": 0, "positive": 0, "negative": 0})
    out.setdefault("fpr_target", float("nan"))
    return out
