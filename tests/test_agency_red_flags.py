"""A declared agency excuses its members' shared accounts, not a membership full of red flags.

A cell that declares one agency id hides its shared payout account behind the agency rule;
``agency_others_risk`` still shows that the other members carry the tells of a front (VPN,
operator hours, a foreign browser clock), where an open agency's members do not.
"""

import ipaddress

import numpy as np
import pandas as pd
import pytest

from detector.features.build import build_features
from detector.geo.geoip import GeoLookup
from detector.model.rules_baseline import own_red_flags
from detector.settings import SHIPPED_GEO_DIR, Settings
from tests.helpers import applicant, population


def _ip(country: str, kind: str) -> str:
    pools = pd.read_parquet(SHIPPED_GEO_DIR / "ip_pools.parquet")
    row = pools[(pools["country"] == country) & (pools["kind"] == kind) & (pools["ip_version"] == 4)].iloc[0]
    return str(ipaddress.ip_address(row["first_ip"]) + 7)


def _member(aid: str, agency: str | None, zone: str, local_start: str, ip: str, browser_zone: str,
            account: str, country: str) -> tuple[dict, list[dict], dict]:
    app = applicant(aid, agency_id=agency, claimed_country=country, claimed_timezone=zone)
    sessions = [{"applicant_id": aid, "ip": ip, "device_id": f"dev-{aid}", "browser_timezone": browser_zone,
                 "duration_s": 8 * 3600,
                 "started_at": (pd.Timestamp(f"2026-06-01 {local_start}", tz=zone)
                                + pd.Timedelta(days=day)).tz_convert("UTC")}
                for day in range(20)]
    payout = {"applicant_id": aid, "method": "bank", "account_ref": account, "account_country": country,
              "holder_name": "Agency Ltd"}
    return app, sessions, payout


@pytest.fixture(scope="module")
def features() -> pd.DataFrame:
    members = []
    # A cell declaring one agency: US claims, a hosting network, 02:00 starts in Chicago
    # (a Pyongyang working day), a Shanghai browser clock, one account.
    vpn = _ip("US", "hosting")
    for i in range(5):
        members.append(_member(f"sham-{i}", "acme-dev", "America/Chicago", "02:00", vpn,
                               "Asia/Shanghai", "SHARED-1", "US"))
    # An open agency: Manila office line, local working day, one account.
    office = _ip("PH", "residential")
    for i in range(5):
        members.append(_member(f"open-{i}", "manila-web", "Asia/Manila", "09:00", office,
                               "Asia/Manila", "SHARED-2", "PH"))
    members.append(_member("alone", "one-person-shop", "Asia/Manila", "09:00", _ip("PH", "residential"),
                           "Asia/Manila", "OWN-1", "PH"))
    members.append(_member("freelancer", None, "America/Chicago", "09:00", _ip("US", "residential"),
                           "America/Chicago", "OWN-2", "US"))
    pop = population([m[0] for m in members], [s for m in members for s in m[1]], [m[2] for m in members])
    settings = Settings(hash_key=b"k").with_defaults()
    with GeoLookup.from_settings(settings) as geo:
        return build_features(pop, settings, geo).features


def test_the_agency_still_excuses_the_shared_account(features):
    assert (features.loc[[f"sham-{i}" for i in range(5)], "link_payout_shared"] == 0).all()
    assert (features.loc[[f"open-{i}" for i in range(5)], "link_payout_shared"] == 0).all()


def test_a_cell_behind_an_agency_shows_its_members_red_flags(features):
    sham = features.loc[[f"sham-{i}" for i in range(5)], "agency_others_risk"]
    open_ = features.loc[[f"open-{i}" for i in range(5)], "agency_others_risk"]
    assert sham.min() > 0.15
    assert open_.max() < 0.05
    assert sham.min() > 4 * open_.max()


def test_it_is_the_mean_of_the_other_members_own_red_flags(features):
    own = pd.Series(np.asarray(own_red_flags(features), dtype=float), index=features.index)
    others = [f"sham-{i}" for i in range(1, 5)]
    assert features.loc["sham-0", "agency_others_risk"] == pytest.approx(own[others].mean())


def test_no_agency_or_no_other_member_leaves_it_unknown(features):
    assert np.isnan(features.loc["alone", "agency_others_risk"])
    assert np.isnan(features.loc["freelancer", "agency_others_risk"])
