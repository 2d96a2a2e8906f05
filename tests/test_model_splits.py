"""Grouped folds: one linkage component never sits on both sides of a split."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.model.splits import fold_ids, grouped_folds, leaked_groups, time_split


def _population(n_groups: int = 300, seed: int = 0):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 31, n_groups)
    groups = np.repeat(np.arange(n_groups), sizes)
    group_is_front = rng.random(n_groups) < 0.2
    labels = group_is_front[groups].astype(int)
    labels[rng.random(labels.size) < 0.02] ^= 1  # a few mixed networks
    index = [f"a{i}" for i in range(labels.size)]
    return pd.Series(labels, index=index), pd.Series(groups, index=index)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_no_group_on_both_sides_and_every_row_tested_once(seed):
    labels, groups = _population(seed=seed)
    folds = grouped_folds(labels, groups, n_splits=5, random_state=seed)
    assert len(folds) == 5
    assert leaked_groups(folds, groups) == []
    assert (fold_ids(folds, labels.size) >= 0).all()
    assert sum(len(test) for _, test in folds) == labels.size
    for train, test in folds:
        assert labels.to_numpy()[test].sum() > 0 and labels.to_numpy()[train].sum() > 0


def test_fold_count_drops_to_what_the_groups_support():
    labels = pd.Series([1, 1, 1, 0, 0, 0, 0, 0, 1, 0])
    groups = pd.Series([7, 7, 8, 1, 2, 3, 4, 5, 9, 6])
    folds = grouped_folds(labels, groups, n_splits=5)
    assert len(folds) == 3
    assert leaked_groups(folds, groups) == []


def test_one_positive_network_is_not_enough():
    labels = pd.Series([1, 1, 0, 0, 0])
    groups = pd.Series([1, 1, 2, 3, 4])
    with pytest.raises(ValueError, match="at least 2 linkage groups"):
        grouped_folds(labels, groups)


def test_time_split_moves_whole_groups():
    labels, groups = _population(n_groups=50)
    rng = np.random.default_rng(0)
    times = pd.Series(pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, labels.size), "D"))
    train, test = time_split(times, groups, test_share=0.25)
    assert leaked_groups([(train, test)], groups) == []
    assert 0.1 < test.size / labels.size < 0.4
