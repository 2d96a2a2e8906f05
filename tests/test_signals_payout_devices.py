"""Payout and device signals on inline records."""

import numpy as np

from detector.signals.devices import device_signals
from detector.signals.names import name_similarity
from detector.signals.payout import payout_signals
from tests.helpers import applicant, population


def test_romanisation_and_word_order_are_the_same_name():
    assert name_similarity("Park Ji-hoon", "Jihoon Bak") > 0.8
    assert name_similarity("Sergei Ivanov", "Ivanov Sergey") > 0.8
    assert name_similarity("Daniel Brooks", "DANIEL BROOKS") == 1.0
    assert name_similarity("Daniel Brooks", "Wei Zhang") < 0.3
    assert np.isnan(name_similarity(None, "Wei Zhang"))


def test_payout_mismatches():
    pop = population(
        [applicant("own", full_name="Daniel Brooks"), applicant("facilitated", full_name="Daniel Brooks"),
         applicant("nopay")],
        payouts=[
            {"applicant_id": "own", "method": "bank", "account_ref": "1", "account_country": "US",
             "holder_name": "Daniel Brooks"},
            {"applicant_id": "facilitated", "method": "bank", "account_ref": "2", "account_country": "HK",
             "holder_name": "Chen Wei Trading Ltd"},
            {"applicant_id": "facilitated", "method": "crypto", "account_ref": "0xabc",
             "account_country": None, "holder_name": None},
        ],
    )
    out = payout_signals(pop.applicants, pop.payouts)
    assert out.loc["own", "pay_country_mismatch_share"] == 0
    assert out.loc["own", "pay_holder_name_mismatch"] == 0
    assert out.loc["facilitated", "pay_country_mismatch_share"] == 1  # the wallet has no country
    assert out.loc["facilitated", "pay_holder_name_mismatch"] > 0.7
    assert out.loc["facilitated", "pay_crypto_share"] == 0.5
    assert out.loc["facilitated", "pay_method_count"] == 2
    assert out.loc["nopay", "pay_method_count"] == 0
    assert np.isnan(out.loc["nopay", "pay_crypto_share"])


def test_remote_access_and_shipping():
    pop = population(
        [applicant("farm", shipping_country="US", claimed_country="GB", claimed_timezone="Europe/London"),
         applicant("home", shipping_country="US"), applicant("unknown")],
        sessions=[
            {"applicant_id": "farm", "started_at": "2026-03-01T10:00:00Z", "ip": "8.8.8.8", "remote_access": 1.0},
            {"applicant_id": "farm", "started_at": "2026-03-02T10:00:00Z", "ip": "8.8.8.8", "remote_access": 1.0},
            {"applicant_id": "farm", "started_at": "2026-03-03T10:00:00Z", "ip": "8.8.8.8", "remote_access": None},
            {"applicant_id": "home", "started_at": "2026-03-01T10:00:00Z", "ip": "8.8.4.4", "remote_access": 0.0},
        ],
    )
    out = device_signals(pop.applicants, pop.sessions)
    assert out.loc["farm", "dev_remote_access_share"] == 1.0  # unknown sessions are not counted
    assert out.loc["farm", "dev_shipping_mismatch"] == 1
    assert out.loc["home", "dev_remote_access_share"] == 0
    assert out.loc["home", "dev_shipping_mismatch"] == 0
    assert np.isnan(out.loc["unknown", "dev_remote_access_share"])
    assert np.isnan(out.loc["unknown", "dev_shipping_mismatch"])


def test_agency_account_holder_is_not_a_mismatch():
    apps = [applicant("m1", full_name="Ana Silva", agency_id="ag"), applicant("m2", full_name="Rui Costa", agency_id="ag"),
            applicant("solo", full_name="Ana Silva")]
    pays = [{"applicant_id": a, "method": "bank", "account_ref": "PT50-0002", "account_country": "PT",
             "holder_name": "Lisbon Dev Studio Lda"} for a in ("m1", "m2", "solo")]
    out = payout_signals(population(apps, payouts=pays).applicants, population(apps, payouts=pays).payouts)
    assert np.isnan(out.loc["m1", "pay_holder_name_mismatch"])  # paid through the agency
    assert out.loc["solo", "pay_holder_name_mismatch"] > 0.7  # no agency declared: a mismatch
