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

CODES: dict[str, list[int]] = {}
for _i, _spec in enumerate(FEATURES):
    CODES.setdefault(_spec.reason_code, []).append(_i)


def reason_contributions(predict, X: np.ndarray, reference: np.ndarray) -> list[list[tuple[str, float]]]:
    """Per row of ``X``: (reason code, contribution) pairs, strongest first.

    ``predict`` maps a 2-D array of catalogue features to scores; ``reference`` holds each
    feature's benign value. A code is active when one of its features is known and differs
    from the reference in the risky direction.
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
    occluded = predict(np.vstack(variants))
    owner_arr = np.concatenate(owners)
    for row, code, score in zip(owner_arr, codes, occluded, strict=True):
        result[row].append((code, float(base[row] - score)))
    for row in range(len(X)):
        ranked = sorted(result[row], key=lambda item: -item[1])
        strong = [r for r in ranked if r[1] >= MIN_CONTRIBUTION][:MAX_REASONS]
        # Every flagged row carries at least its strongest active reason.
        result[row] = strong or ranked[:1]
    return result


def feature_index(name: str) -> int:
    return FEATURE_NAMES.index(name)
