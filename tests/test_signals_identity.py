"""Identity signals on real phone numbers (phonenumbers' example numbers, OFAC-quoted numbers)."""

import numpy as np
import pandas as pd

from detector.signals.identity import email_digit_suffix, identity_signals, parse_phone
from tests.helpers import applicant, population


def test_real_example_numbers_by_type(shared_data):
    table = pd.read_csv(shared_data / "phone-vectors" / "phonenumbers_example_numbers.csv", dtype=str, keep_default_na=False)
    for kind in ("MOBILE", "FIXED_LINE", "VOIP"):
        rows = table[(table["type"] == kind) & (table["valid"] == "True")]
        for region, e164 in zip(rows["region"], rows["e164"], strict=True):
            invalid, voip, got_region = parse_phone(e164, region)
            assert invalid == 0, (region, e164)
            assert voip == (1.0 if kind == "VOIP" else 0.0), (region, e164)
            assert got_region == region


def test_dprk_numbers_quoted_by_ofac(shared_data):
    table = pd.read_csv(shared_data / "phone-vectors" / "sdn_phone_numbers_2024-05-03.csv", dtype=str, keep_default_na=False)
    kp = table[table["region"] == "KP"]
    assert len(kp) >= 3
    for e164, valid in zip(kp["e164"], kp["valid"], strict=True):
        invalid, _, region = parse_phone(e164, "US")
        assert region == "KP"
        assert invalid == (0.0 if valid == "True" else 1.0)


def test_phone_features_against_claim():
    pop = population([
        applicant("us", phone="+1 312 555 0147"),  # 555-01xx is fictional: not valid
        applicant("us_valid", phone="(201) 555-0123".replace("555-0123", "234-5678")),
        applicant("kp", phone="+850 2 381 8221"),
        applicant("none"),
        applicant("junk", phone="call me maybe"),
    ])
    out = identity_signals(pop.applicants)
    assert out.loc["us_valid", "id_phone_invalid"] == 0
    assert out.loc["us_valid", "id_phone_region_mismatch"] == 0
    assert out.loc["kp", "id_phone_region_mismatch"] == 1
    assert out.loc["junk", "id_phone_invalid"] == 1
    assert np.isnan(out.loc["none", "id_phone_invalid"])
    assert np.isnan(out.loc["none", "id_phone_region_mismatch"])


def test_email_name_digit_pattern():
    assert email_digit_suffix("john.smith0817@gmail.com") == "0817"
    assert email_digit_suffix("johnsmith@gmail.com") is None
    assert email_digit_suffix("john0817@acme-corp.com") is None  # own domain, not webmail
    assert email_digit_suffix(None) is None
    pop = population([applicant("a", email="kevin.w92@outlook.com"), applicant("b")])
    out = identity_signals(pop.applicants)
    assert out.loc["a", "id_email_name_digits"] == 1
    assert np.isnan(out.loc["b", "id_email_name_digits"])
