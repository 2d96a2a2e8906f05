"""Reasons: which signals raised a score, by how much, and the evidence an analyst can check.

A reason's contribution is measured by occlusion: the score minus the score with that reason's
features set to their benign reference values (learned on training negatives). Only rows in
``review`` or ``high`` are explained, and only reasons whose features are active, so explaining
costs a few extra predictions per flagged row.
"""

from __future__ import annotations

import numpy as np

from detector.features.catalogue import FEATURE_NAMES, FEATURES

MAX_REASONS = 5
MIN_CONTRIBUTION = 0.005
MIN_MARGIN_DROP = 0.05  # log-odds: a reason below this moved the model by nothing worth showing

CODES: dict[str, list[int]] = {}
for _i, _spec in enumerate(FEATURES):
    CODES.setdefault(_spec.reason_code, []).append(_i)


def reason_contributions(predict, X: np.ndarray, reference: np.ndarray,
                         margin=None) -> list[list[tuple[str, float]]]:
    """Per row of ``X``: (reason code, contribution) pairs, strongest first.

    ``predict`` maps a 2-D array of catalogue features to scores; ``reference`` holds each
    feature's benign value. A code is active when one of its features is known and differs
    from the reference in the risky direction. The contribution is the drop in score when the
    code's features are set to their reference. With ``margin`` (the model's uncalibrated
    log-odds), reasons are ranked and filtered by the drop in margin instead: calibration is
    monotone, so the order agrees, and the margin still separates reasons when several of them
    each leave a saturated score at the top.
    """
    if len(X) == 0:
        return []
    base = predict(X)
    directions = np.array([f.direction for f in FEATURES], dtype=float)
    variants, owners, codes = [], [], []
    for code, cols in CODES.items():
        vals = X[:, cols]
        ref = reference[cols]
        dirs = np.where(directions[cols] == 0, 1.0, directions[cols])
        risky = ~np.isnan(vals) & ((vals - ref) * dirs > 1e-9)
        rows = np.flatnonzero(risky.any(axis=1))
        if len(rows) == 0:
            continue
        v = X[rows].copy()
        v[:, cols] = ref
        variants.append(v)
        owners.append(rows)
        codes.extend([code] * len(rows))
    result: list[list[tuple[str, float]]] = [[] for _ in range(len(X))]
    if not variants:
        return result
    stacked = np.vstack(variants)
    occluded = predict(stacked)
    owner_arr = np.concatenate(owners)
    if margin is not None:
        base_margin, occluded_margin = margin(X), margin(stacked)
        strength = base_margin[owner_arr] - occluded_margin
        floor = MIN_MARGIN_DROP
    else:
        strength = base[owner_arr] - occluded
        floor = MIN_CONTRIBUTION
    ranked_by_row: list[list[tuple[str, float, float]]] = [[] for _ in range(len(X))]
    for row, code, score, power in zip(owner_arr, codes, occluded, strength, strict=True):
        ranked_by_row[row].append((code, float(base[row] - score), float(power)))
    for row in range(len(X)):
        ranked = sorted(ranked_by_row[row], key=lambda item: -item[2])
        strong = [r for r in ranked if r[2] >= floor][:MAX_REASONS]
        # Every flagged row carries at least its strongest active reason.
        result[row] = [(code, contribution) for code, contribution, _ in (strong or ranked[:1])]
    return result


def feature_index(name: str) -> int:
    return FEATURE_NAMES.index(name)
