"""Grouped splits: a linkage component (one network of profiles) never sits on both sides.

Profiles of one network share payout accounts, devices and resumes; a split that put some of them
in training and the others in validation would score the network's remaining members from the
shared evidence the model just memorised, and report a recall the platform will never see.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedGroupKFold

Split = tuple[np.ndarray, np.ndarray]


def _as_array(values: pd.Series | np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if pd.isna(array).any():
        raise ValueError(f"{name} has missing values; give every applicant a {name[:-1]} id")
    return array


def n_grouped_folds(labels: pd.Series | np.ndarray, groups: pd.Series | np.ndarray,
                    n_splits: int = 5) -> int:
    """The number of folds the data supports: at most ``n_splits``, at least 2.

    Every fold should hold positives, so the count is capped by the number of groups that contain
    a positive (and by the number of all-negative groups).
    """
    y = _as_array(labels, "labels")
    g = _as_array(groups, "groups")
    positive_groups = np.unique(g[y == 1]).size
    negative_groups = np.unique(g[y == 0]).size
    supported = min(n_splits, positive_groups, negative_groups)
    if supported < 2:
        raise ValueError(
            f"grouped cross-validation needs at least 2 linkage groups with each label; got "
            f"{positive_groups} with a positive and {negative_groups} with a negative"
        )
    return supported


def grouped_folds(labels: pd.Series | np.ndarray, groups: pd.Series | np.ndarray,
                  n_splits: int = 5, random_state: int | None = 0) -> list[Split]:
    """Stratified K-fold over linkage groups, as a list of ``(train, test)`` positional indices.

    The test parts partition the rows (each row is tested exactly once), as
    ``cross_val_predict`` and ``CalibratedClassifierCV`` need. ``n_splits`` is lowered when the
    data has fewer groups per label.
    """
    y = _as_array(labels, "labels")
    g = _as_array(groups, "groups")
    if y.shape[0] != g.shape[0]:
        raise ValueError(f"labels has {y.shape[0]} rows but groups has {g.shape[0]}")
    k = n_grouped_folds(y, g, n_splits)
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=random_state)
    dummy = np.zeros((y.shape[0], 1))
    with warnings.catch_warnings():
        # "The least populated class in y has only n members": expected with small networks.
        warnings.filterwarnings("ignore", category=UserWarning, module="sklearn")
        folds = [(train, test) for train, test in splitter.split(dummy, y, g)]
    return folds


def leaked_groups(folds: list[Split], groups: pd.Series | np.ndarray) -> list[object]:
    """Groups that appear on both sides of any fold (empty when the split is clean)."""
    g = _as_array(groups, "groups")
    leaked: set[object] = set()
    for train, test in folds:
        leaked |= set(np.unique(g[train])) & set(np.unique(g[test]))
    return sorted(leaked, key=str)


def fold_ids(folds: list[Split], n_rows: int) -> np.ndarray:
    """For each row, the index of the fold that tests it (-1 if none does)."""
    ids = np.full(n_rows, -1, dtype=int)
    for k, (_, test) in enumerate(folds):
        ids[test] = k
    return ids


def time_split(times: pd.Series, groups: pd.Series, test_share: float = 0.2) -> Split:
    """Hold out the most recent groups: a group is tested when its earliest profile is recent.

    Whole groups move together, so no network straddles the cut. ``times`` are per-row
    timestamps (e.g. account creation); returns positional ``(train, test)`` indices.
    """
    if not 0.0 < test_share < 1.0:
        raise ValueError(f"test_share={test_share!r} must be between 0 and 1")
    frame = pd.DataFrame({"time": pd.to_datetime(np.asarray(times)), "group": np.asarray(groups)})
    if frame["time"].isna().any():
        raise ValueError("times has missing values; every row needs a timestamp")
    first_seen = frame.groupby("group")["time"].min().sort_values(kind="stable")
    sizes = frame.groupby("group").size().reindex(first_seen.index)
    cumulative = sizes.cumsum() / sizes.sum()
    train_groups = set(cumulative.index[cumulative <= 1.0 - test_share])
    in_train = frame["group"].isin(train_groups).to_numpy()
    return np.flatnonzero(in_train), np.flatnonzero(~in_train)
