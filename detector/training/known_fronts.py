"""Cross-fitted "linked to a known front" feature for training, without label leakage.

At scoring time the feature counts component members already labelled as fronts. In training,
a profile's own label must never reach its own feature, and the model must not learn to rely on
every cell member being labelled. So profiles are split into folds; a profile's count uses only
labels from other folds; only a share ``reveal`` of components have any label revealed, and
within those each label is revealed with probability ``reveal`` (analysts have confirmed only
part of any real network, and most new networks not at all), so the model still learns to find
networks nobody has confirmed yet.
"""

from __future__ import annotations

import numpy as np

from detector.linking.components import known_front_counts

DEFAULT_FOLDS = 5
DEFAULT_REVEAL = 0.5


def cross_fitted_known_fronts(components: np.ndarray, labels: np.ndarray, random_state: int = 0,
                              folds: int = DEFAULT_FOLDS, reveal: float = DEFAULT_REVEAL) -> np.ndarray:
    """Per profile: known fronts in its component, counted from other folds' revealed labels."""
    rng = np.random.default_rng(random_state)
    labels = np.asarray(labels, dtype=float)
    fold = rng.integers(0, folds, size=len(labels))
    component_revealed = rng.random(int(components.max()) + 1 if len(components) else 0) < reveal
    revealed = component_revealed[components] & (rng.random(len(labels)) < reveal)
    out = np.zeros(len(labels))
    for k in range(folds):
        known = np.where((fold != k) & revealed, labels, np.nan)
        counts = known_front_counts(components, known)
        out[fold == k] = counts[fold == k]
    return out
