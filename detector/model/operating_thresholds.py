"""Set a model's band thresholds to the operating point a review team chose.

The trainer sets ``review`` for a 1% false-positive rate on out-of-fold scores; a team with a
given weekly review capacity picks another point from the evaluation report's threshold table.
The thresholds live in the model card (they are operating settings, not part of the fitted
estimator, whose digest the card keeps), and every change is recorded in the card.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from detector.errors import ModelError
from detector.model.artifact import CARD_FILE, CARD_MARKDOWN, _write_atomic, read_checked_card
from detector.model.bands import Thresholds
from detector.model.model_card import render_markdown


def set_thresholds(model_dir: str | Path, review: float, high: float | None = None,
                   reason: str = "") -> Thresholds:
    """Rewrite the card's review (and optionally high) threshold; ``high`` is kept when still
    at or above ``review``. Returns the new thresholds."""
    model_dir = Path(model_dir)
    card = read_checked_card(model_dir)
    current = Thresholds.from_dict(card["thresholds"])
    if not 0.0 <= review <= 1.0 or (high is not None and not 0.0 <= high <= 1.0 + 1e-9):
        raise ModelError(f"thresholds must be scores in [0, 1]; got review={review}, high={high}")
    new_high = high if high is not None else max(current.high, review)
    try:
        chosen = Thresholds(review=review, high=new_high, fpr_target=current.fpr_target,
                            precision_target=current.precision_target)
    except ValueError as exc:
        raise ModelError(f"{exc}; give a high threshold at or above the review one") from exc
    history = card.setdefault("extra", {}).setdefault("threshold_changes", [])
    history.append({"at": datetime.now(UTC).isoformat(timespec="seconds"), "reason": reason,
                    "previous": {"review": current.review, "high": current.high},
                    "review": chosen.review, "high": chosen.high})
    card["thresholds"] = chosen.to_dict()
    _write_atomic(model_dir / CARD_FILE, json.dumps(card, indent=2, allow_nan=False).encode())
    _write_atomic(model_dir / CARD_MARKDOWN, render_markdown(card).encode())
    return chosen
