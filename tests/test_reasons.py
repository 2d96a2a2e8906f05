"""Reasons: occlusion contributions per reason code, strongest first, at least one per flagged row."""

import numpy as np

from detector.features.catalogue import FEATURE_NAMES, FEATURES
from detector.scoring.reasons import reason_contributions

N = len(FEATURE_NAMES)
PAYOUT = FEATURE_NAMES.index("link_payout_shared")
REMOTE = FEATURE_NAMES.index("dev_remote_access_share")


def predict(X: np.ndarray) -> np.ndarray:
    """A transparent stand-in scorer: logistic in two features."""
    z = -4 + 1.5 * np.nan_to_num(X[:, PAYOUT]) + 3 * np.nan_to_num(X[:, REMOTE])
    return 1 / (1 + np.exp(-z))


def test_strongest_reason_first_with_positive_contribution():
    x = np.zeros((1, N))
    x[0, PAYOUT] = 3  # three profiles share the payout account
    x[0, REMOTE] = 0.2
    reasons = reason_contributions(predict, x, np.zeros(N))[0]
    codes = [code for code, _ in reasons]
    assert codes[0] == "PAYOUT_SHARED"
    assert "DEVICE_REMOTE_ACCESS" in codes
    contributions = [c for _, c in reasons]
    assert contributions == sorted(contributions, reverse=True)
    assert contributions[0] > 0.05


def test_benign_or_missing_values_are_never_reasons():
    x = np.full((1, N), np.nan)
    x[0, PAYOUT] = 2
    reasons = reason_contributions(predict, x, np.zeros(N))[0]
    assert [code for code, _ in reasons] == ["PAYOUT_SHARED"]


def test_every_row_keeps_its_strongest_active_reason_even_when_small():
    x = np.zeros((2, N))
    x[:, REMOTE] = 0.001  # barely active: contribution below the reporting floor
    reasons = reason_contributions(predict, x, np.zeros(N))
    assert all(len(r) == 1 and r[0][0] == "DEVICE_REMOTE_ACCESS" for r in reasons)


def test_reason_codes_come_from_the_catalogue():
    codes = {f.reason_code for f in FEATURES}
    x = np.ones((1, N))
    reasons = reason_contributions(predict, x, np.zeros(N))[0]
    assert {code for code, _ in reasons} <= codes
