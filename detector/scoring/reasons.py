"""Reasons: which signals raised a score, by how much, and the evidence an analyst can check.

A reason's strength is measured by occlusion: how far the model moves when that reason's
features are set to their benign reference values (learned on training negatives). Only rows in
``review`` or ``high`` are explained, and only reasons whose features are active, so explaining
costs a few extra predictions per flagged row.

The reported contribution is the reason's share of the row's lift: the score minus the score
with every active reason occluded, split in proportion to the reasons' strengths. A plain
occlusion drop would read 0.000 for every reason of a profile at score 1.000 (several red flags
each saturate the score alone, so removing any one of them changes nothing), which tells an
analyst nothing; the shares still add up to what the red flags together moved the score.
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
                         margin=None, base: np.ndarray | None = None,
                         base_margin: np.ndarray | None = None,
                         predict_with_margin=None) -> list[list[tuple[str, float]]]:
    """Per row of ``X``: (reason code, contribution) pairs, strongest first.

    ``predict`` maps a 2-D array of catalogue features to scores; ``reference`` holds each
    feature's benign value. A code is active when one of its features is known and differs
    from the reference in the risky direction. The contribution is the drop in score when the
    code's features are set to their reference. With ``margin`` (the model's uncalibrated
    log-odds), reasons are ranked and filtered by the drop in margin instead: calibration is
    monotone, so the order agrees, and the margin still separates reasons when several of them
    each leave a saturated score at the top. Contributions are each reason's share of the lift
    (score minus the score with all active reasons occluded), in proportion to its strength.

    ``base`` and ``base_margin``: ``predict(X)`` and ``margin(X)`` when the caller has them;
    ``predict_with_margin`` maps rows to both at once (see ``detector.scoring.margin_scores``).
    """
    if len(X) == 0:
        return []
    base = predict(X) if base is None else base
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
    owner_arr = np.concatenate(owners)
    benign = X.copy()  # every active reason occluded at once, one extra row per explained row
    for v, rows in zip(variants, owners, strict=True):
        changed = v != X[rows]
        benign[rows] = np.where(changed, v, benign[rows])
    occluded_margin = None
    if predict_with_margin is not None:
        occluded_all, occluded_all_margin = predict_with_margin(np.vstack([stacked, benign]))
        occluded_margin = occluded_all_margin[:len(stacked)]
    else:
        occluded_all = predict(np.vstack([stacked, benign]))
    occluded = occluded_all[:len(stacked)]
    lift = np.maximum(base - occluded_all[len(stacked):], 0.0)
    if margin is not None or occluded_margin is not None:
        base_margin = margin(X) if base_margin is None else base_margin
        occluded_margin = margin(stacked) if occluded_margin is None else occluded_margin
        strength = base_margin[owner_arr] - occluded_margin
        floor = MIN_MARGIN_DROP
    else:
        strength = base[owner_arr] - occluded
        floor = MIN_CONTRIBUTION
    total = np.zeros(len(X))
    np.add.at(total, owner_arr, np.maximum(strength, 0.0))
    ranked_by_row: list[list[tuple[str, float, float]]] = [[] for _ in range(len(X))]
    for row, code, score, power in zip(owner_arr, codes, occluded, strength, strict=True):
        share = lift[row] * max(power, 0.0) / total[row] if total[row] > 0 else base[row] - score
        ranked_by_row[row].append((code, float(share), float(power)))
    for row in range(len(X)):
        ranked = sorted(ranked_by_row[row], key=lambda item: -item[2])
        strong = [r for r in ranked if r[2] >= floor][:MAX_REASONS]
        # Every flagged row carries at least its strongest active reason.
        result[row] = [(code, contribution) for code, contribution, _ in (strong or ranked[:1])]
    return result


def feature_index(name: str) -> int:
    return FEATURE_NAMES.index(name)
