"""How training treats unlabelled profiles and which labelled ones it holds out for testing.

Real labels are few and biased: analysts decide on the profiles a queue showed them, so the
cleared (label 0) profiles are mostly hard look-alikes, and most of the population was never
reviewed. Two choices follow, each protecting against a different mistake.

``unlabelled``
    ``context`` (default): unlabelled profiles take part in linking (shared payout accounts,
    devices, resumes are found across the whole population) but are not fitted. Protects
    against teaching the model that the fronts nobody has found yet are genuine.
    ``as-negative``: unlabelled profiles are also fitted as genuine. Protects against a model
    that only ever saw the hard cases a queue surfaced, and so misjudges the ordinary population
    it will score; the price is label noise from the undiscovered fronts among them, which
    lowers the scores of profiles that look like them. Use it when fronts are rare among the
    unreviewed (e.g. a mature queue with high recall).

``split`` (a held-out test set, on top of the grouped cross-validation that sets thresholds)
    ``grouped``: a random share of linkage components is held out. Protects against scoring
    a network's remaining members from the evidence the model memorised on its other members.
    ``time``: components whose first profile was created on or after ``test_after`` (or the
    newest ``test_share`` of them) are held out. Protects against trusting a model on tactics
    it has only seen the past of: it is trained on older decisions and tested on newer ones,
    as it will be used. Whole components move together either way. The time is the label's
    ``decided_at`` where the input gives one, else the profile's ``created_at``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.errors import InputError
from detector.model.splits import time_split

UNLABELLED_CHOICES = ("context", "as-negative")
SPLIT_CHOICES = ("none", "grouped", "time")


@dataclass(frozen=True)
class LabelOptions:
    unlabelled: str = "context"
    split: str = "none"
    test_after: pd.Timestamp | None = None
    test_share: float = 0.2
    random_state: int = 0

    def __post_init__(self) -> None:
        if self.unlabelled not in UNLABELLED_CHOICES:
            raise InputError(f"unlabelled={self.unlabelled!r}; use one of {UNLABELLED_CHOICES}")
        if self.split not in SPLIT_CHOICES:
            raise InputError(f"split={self.split!r}; use one of {SPLIT_CHOICES}")
        if not 0.0 < self.test_share < 1.0:
            raise InputError(f"test share {self.test_share} must be between 0 and 1, e.g. 0.2")
        if self.test_after is not None and self.split != "time":
            raise InputError("--test-after needs --split time")


def fitted_labels(labels: np.ndarray, options: LabelOptions) -> np.ndarray:
    """The labels training fits (NaN: not fitted), after the unlabelled choice."""
    labels = np.asarray(labels, dtype=float)
    if options.unlabelled == "as-negative":
        return np.where(np.isnan(labels), 0.0, labels)
    return labels


def decision_times(applicants: pd.DataFrame) -> pd.Series:
    """When each label was decided: ``decided_at`` where given, else the application time."""
    return applicants["decided_at"].fillna(applicants["created_at"])


def held_out(labels: np.ndarray, components: np.ndarray, times: pd.Series,
             options: LabelOptions) -> np.ndarray:
    """Boolean per applicant: in the test set (only labelled rows can be); ``times`` orders them."""
    labelled = ~np.isnan(labels)
    test = np.zeros(labels.shape[0], dtype=bool)
    if options.split == "none":
        return test
    rows = np.flatnonzero(labelled)
    groups = components[rows]
    if options.split == "time":
        times = pd.to_datetime(times.iloc[rows], utc=True).reset_index(drop=True)
        if options.test_after is not None:
            cut = pd.Timestamp(options.test_after)
            cut = cut.tz_localize("UTC") if cut.tzinfo is None else cut.tz_convert("UTC")
            first = times.groupby(groups).transform("min").to_numpy()
            test[rows[first >= cut]] = True
        else:
            _, test_rows = time_split(times, pd.Series(groups), options.test_share)
            test[rows[test_rows]] = True
    else:
        rng = np.random.default_rng(options.random_state)
        unique = np.unique(groups)
        rng.shuffle(unique)
        sizes = pd.Series(groups).value_counts().reindex(unique).to_numpy()
        chosen = unique[np.cumsum(sizes) <= options.test_share * rows.size]
        test[rows[np.isin(groups, chosen)]] = True
    y_test = labels[test]
    y_train = labels[labelled & ~test]
    for name, part in (("test", y_test), ("training", y_train)):
        if part.size == 0 or np.unique(part).size < 2:
            raise InputError(
                f"the {options.split} split leaves the {name} set without both labels "
                f"({int(np.sum(part == 1))} fronts, {int(np.sum(part == 0))} cleared); move "
                f"--test-after or --test-share, or add labels")
    return test
