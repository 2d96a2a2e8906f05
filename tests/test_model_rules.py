"""The red-flag scorecard: bounded, transparent, and rising with every red flag."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.features.catalogue import FEATURE_NAMES, FEATURES_BY_NAME
from detector.model.rules_baseline import RULES, rule_hits, rules_score, rules_table
from detector.model.transformers import FeatureColumnsError


def _clean(n: int = 1) -> pd.DataFrame:
    return pd.DataFrame(0.0, index=[f"a{i}" for i in range(n)], columns=list(FEATURE_NAMES))


def _flagged(rule) -> float:
    return rule.value + 1.0 if rule.op == ">=" else rule.value + 0.1


def test_every_rule_reads_a_catalogue_feature_with_a_reason():
    for rule in RULES:
        assert rule.feature in FEATURES_BY_NAME
        assert FEATURES_BY_NAME[rule.feature].direction == 1
        assert rule.points > 0 and rule.why
    assert set(rules_table()["feature"]) == {rule.feature for rule in RULES}


def test_score_is_zero_for_a_clean_profile_and_one_with_every_flag():
    everything = _clean()
    for rule in RULES:
        everything[rule.feature] = max(everything[rule.feature].iloc[0], _flagged(rule))
    scores = rules_score(pd.concat([_clean(), everything]))
    np.testing.assert_allclose(scores, [0.0, 1.0])


def test_each_red_flag_raises_the_score():
    profile = _clean()
    previous = rules_score(profile)[0]
    for rule in RULES:
        profile[rule.feature] = _flagged(rule)
        current = rules_score(profile)[0]
        assert current > previous, rule.feature
        previous = current


def test_missing_values_win_no_points_and_scores_stay_in_range():
    rng = np.random.default_rng(0)
    table = pd.DataFrame(rng.exponential(2.0, (200, len(FEATURE_NAMES))), columns=list(FEATURE_NAMES))
    table = table.mask(rng.random(table.shape) < 0.3)
    scores = rules_score(table)
    assert ((scores >= 0) & (scores <= 1)).all()
    assert rules_score(_clean() * np.nan).tolist() == [0.0]
    assert rule_hits(table).shape == (200, len(RULES))


def test_missing_column_is_named():
    with pytest.raises(FeatureColumnsError, match="link_photo_reused"):
        rules_score(_clean().drop(columns=["link_photo_reused"]))
