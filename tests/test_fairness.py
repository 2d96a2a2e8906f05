"""Fairness: the claimed country enters only through mismatches, never by itself.

Two applicants who behave identically and consistently with what they claim — one in China,
one in the United States, one in Russia — get the same features and the same score.
"""

import ipaddress

import numpy as np
import pandas as pd
import phonenumbers
import pytest

from detector import load_model
from detector.features.build import build_features
from detector.features.catalogue import FEATURE_NAMES
from detector.geo.geoip import GeoLookup
from detector.settings import SHIPPED_GEO_DIR, Settings
from tests.helpers import applicant, population

PLACES = {"CN": ("Asia/Shanghai", "Wei Zhang"), "US": ("America/Chicago", "Daniel Brooks"),
          "RU": ("Europe/Moscow", "Ivan Petrov")}


def _residential_ip(country: str) -> str:
    pools = pd.read_parquet(SHIPPED_GEO_DIR / "ip_pools.parquet")
    row = pools[(pools["country"] == country) & (pools["kind"] == "residential") & (pools["ip_version"] == 4)].iloc[0]
    return str(ipaddress.ip_address(row["first_ip"]) + 5)


def _consistent_applicant(country: str):
    zone, name = PLACES[country]
    aid = f"id-{country}"
    phone = phonenumbers.format_number(phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE),
                                       phonenumbers.PhoneNumberFormat.E164)
    app = applicant(aid, claimed_country=country, claimed_timezone=zone, full_name=name, phone=phone)
    ip = _residential_ip(country)
    sessions = []
    for day in range(20):
        local_start = pd.Timestamp("2026-06-01 09:00", tz=zone) + pd.Timedelta(days=day)
        sessions.append({"applicant_id": aid, "started_at": local_start.tz_convert("UTC"), "ip": ip,
                         "device_id": f"dev-{country}", "browser_timezone": zone, "remote_access": 0.0,
                         "duration_s": 7 * 3600})
    payout = {"applicant_id": aid, "method": "bank", "account_ref": f"ACC-{country}-1",
              "account_country": country, "holder_name": name}
    return app, sessions, payout


@pytest.fixture(scope="module")
def scored():
    apps, sessions, payouts = [], [], []
    for country in PLACES:
        a, s, p = _consistent_applicant(country)
        apps.append(a)
        sessions += s
        payouts.append(p)
    pop = population(apps, sessions, payouts)
    settings = Settings(hash_key=b"k").with_defaults()
    with GeoLookup.from_settings(settings) as geo:
        table = build_features(pop, settings, geo)
    features = table.features[list(FEATURE_NAMES)]
    return features, load_model().predict_proba(features)


def test_consistent_applicants_have_the_same_features_whatever_the_country(scored):
    features, _ = scored
    reference = features.loc["id-US"]
    for country in ("CN", "RU"):
        row = features.loc[f"id-{country}"]
        differing = [n for n in FEATURE_NAMES if not (np.isclose(row[n], reference[n]) or
                                                      (np.isnan(row[n]) and np.isnan(reference[n])))]
        assert differing == [], f"{country} differs from US in {differing}"


def test_consistent_applicants_get_the_same_low_score(scored):
    _, scores = scored
    assert np.ptp(scores) < 1e-9
    assert scores.max() < 0.05
