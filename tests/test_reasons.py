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


def test_margin_ranks_reasons_of_a_saturated_score():
    def saturated(X):
        return np.minimum(1.0, predict(X) * 50)  # every active reason leaves the score at 1

    def margin(X):
        return -4 + 1.5 * np.nan_to_num(X[:, PAYOUT]) + 3 * np.nan_to_num(X[:, REMOTE])

    x = np.zeros((1, N))
    x[0, PAYOUT] = 1  # margin share 1.5
    x[0, REMOTE] = 1  # margin share 3.0
    reasons = reason_contributions(saturated, x, np.zeros(N), margin=margin)[0]
    assert [code for code, _ in reasons] == ["DEVICE_REMOTE_ACCESS", "PAYOUT_SHARED"]


def test_a_saturated_score_splits_its_lift_across_its_reasons():
    """At score 1.0 no single reason moves the score; each still shows its share, not 0.000."""
    def saturated(X):
        return np.minimum(1.0, predict(X) * 50)

    def margin(X):
        return -4 + 1.5 * np.nan_to_num(X[:, PAYOUT]) + 3 * np.nan_to_num(X[:, REMOTE])

    x = np.zeros((1, N))
    x[0, PAYOUT] = 2  # margin share 3.0
    x[0, REMOTE] = 1  # margin share 3.0
    assert saturated(x)[0] == 1.0
    reasons = dict(reason_contributions(saturated, x, np.zeros(N), margin=margin)[0])
    lift = 1.0 - saturated(np.zeros((1, N)))[0]  # 0.1: the benign profile already scores 0.9
    assert abs(reasons["PAYOUT_SHARED"] - lift / 2) < 1e-9  # equal margins, equal shares
    assert abs(reasons["DEVICE_REMOTE_ACCESS"] - lift / 2) < 1e-9
    assert abs(sum(reasons.values()) - lift) < 1e-9


def test_every_reason_code_has_an_evidence_sentence():
    import pandas as pd

    from detector.scoring.evidence import EvidenceWriter
    from tests.helpers import applicant, population

    pop = population([applicant("a", phone="+13125550147", email="x1@gmail.com"), applicant("b")])
    features = pd.DataFrame(1.0, index=pop.applicants["applicant_id"], columns=list(FEATURE_NAMES))
    context = pd.DataFrame({"_best_offset": [9.0, 9.0], "_claimed_offset": [-5.0, -5.0],
                            "_phone_region": ["CA", None], "_email_suffix": ["1", None]},
                           index=features.index)
    sessions = pop.sessions.assign(country=None, as_org=None, anonymiser_source=None, anonymised=False)
    pairs = pd.DataFrame({"a": [0], "b": [1], "kind": ["payout"], "similarity": [1.0]})
    writer = EvidenceWriter(pop.applicants, features, context, sessions, pop.payouts, pairs,
                            np.array([0, 0]), np.array([0]))
    for code in {f.reason_code for f in FEATURES}:
        sentence = writer.sentence(0, code)
        assert sentence != code and len(sentence) > 15, code
    assert "b" in writer.sentence(0, "PAYOUT_SHARED")
    assert "'+1xxxxxxxx47' is a VoIP number" in writer.sentence(0, "ID_PHONE_VOIP")
    assert "('x1@gmail.com')" in writer.sentence(0, "ID_EMAIL_PATTERN")  # nothing to hide but digits


def test_network_sentences_name_the_first_other_members_and_count_the_rest():
    import pandas as pd

    from detector.scoring.evidence import MAX_IDS, EvidenceWriter
    from tests.helpers import applicant, population

    # One network of 12 profiles; the sentence is written for its third member.
    pop = population([applicant(f"p{i:02d}") for i in range(12)])
    features = pd.DataFrame(1.0, index=pop.applicants["applicant_id"], columns=list(FEATURE_NAMES))
    features["link_component_size"] = 12.0
    sessions = pop.sessions.assign(country=None, as_org=None, anonymiser_source=None, anonymised=False)
    pairs = pd.DataFrame({"a": range(11), "b": range(1, 12), "kind": ["payout"] * 11,
                          "similarity": [1.0] * 11})
    writer = EvidenceWriter(pop.applicants, features, pd.DataFrame(index=features.index), sessions,
                            pop.payouts, pairs, np.zeros(12, dtype=np.int64), np.array([2]))
    others = [f"p{i:02d}" for i in range(12) if i != 2]
    listing = ", ".join(others[:MAX_IDS]) + f" and {len(others) - MAX_IDS} more"
    assert writer.sentence(2, "NETWORK_SIZE").endswith(f"claimed countries: {listing}")
    assert writer.sentence(2, "NETWORK_RED_FLAGS").startswith("the 11 linked profile(s)")
    assert writer.sentence(2, "NETWORK_RED_FLAGS").endswith(listing)
    assert writer.sentence(2, "LINKED_TO_FRONT").endswith(f"network members: {listing}")


def test_the_agency_sentence_names_the_declared_agency_and_its_members_mean_red_flags():
    import pandas as pd

    from detector.scoring.evidence import EvidenceWriter
    from tests.helpers import applicant, population

    pop = population([applicant("a", agency_id="acme-dev"), applicant("b", agency_id="acme-dev")])
    features = pd.DataFrame(0.0, index=pop.applicants["applicant_id"], columns=list(FEATURE_NAMES))
    features["agency_others_risk"] = [0.31, 0.12]
    sessions = pop.sessions.assign(country=None, as_org=None, anonymiser_source=None, anonymised=False)
    writer = EvidenceWriter(pop.applicants, features, pd.DataFrame(index=features.index), sessions,
                            pop.payouts, pd.DataFrame({"a": [], "b": [], "kind": [], "similarity": []}),
                            np.array([0, 1]), np.array([0, 1]))
    sentence = writer.sentence(0, "AGENCY_RED_FLAGS")
    assert "declared agency 'acme-dev'" in sentence
    assert "mean red-flag score 0.31 of 1" in sentence


def test_empty_reasons_and_hits_are_written_as_json_writes_them():
    """Most rows carry no reason and no sanctions hit: their text is json.dumps' own."""
    import json

    from detector.io.write_output import _as_json_text
    from detector.scoring.score import reasons_to_json

    for value in ([], [{"code": "PHONE_SHARED", "contribution": 0.5, "evidence": "é"}]):
        assert reasons_to_json(value) == json.dumps(value, ensure_ascii=False)
        assert _as_json_text(value) == json.dumps(value, ensure_ascii=False)
    assert _as_json_text(None) is None
