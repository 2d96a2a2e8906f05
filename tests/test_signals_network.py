"""Network signals on real IP data: the shipped ip-location-db MMDBs and curated ASN list."""

import pytest

from detector.geo.geoip import GeoLookup
from detector.settings import Settings
from detector.signals.network import network_signals
from detector.signals.session_geo import annotate_sessions
from tests.helpers import applicant, population

COMCAST = "73.15.20.1"  # US residential (AS7922)
VULTR = "45.32.1.1"  # US hosting (AS20473)
KP = "175.45.176.1"  # Star Joint Venture, Pyongyang (AS131279)
TOR = "185.220.101.1"  # Torservers.net exit range (DE)


@pytest.fixture(scope="module")
def geo():
    with GeoLookup.from_settings(Settings().with_defaults()) as lookup:
        yield lookup


def _session(aid, ip, when):
    return {"applicant_id": aid, "started_at": when, "ip": ip}


def test_network_features_on_real_ips(geo):
    pop = population(
        [applicant("home"), applicant("front"), applicant("none")],
        [_session("home", COMCAST, "2026-03-01T15:00:00Z"), _session("home", COMCAST, "2026-03-02T15:00:00Z"),
         _session("front", KP, "2026-03-01T01:00:00Z"), _session("front", VULTR, "2026-03-01T02:00:00Z"),
         _session("front", TOR, "2026-03-03T02:00:00Z"), _session("front", VULTR, "2026-03-04T02:00:00Z"),
         _session("front", COMCAST, "2026-03-05T02:00:00Z")],
    )
    sessions = annotate_sessions(pop.sessions, geo)
    out = network_signals(pop.applicants, sessions)
    home, front = out.loc["home"], out.loc["front"]
    assert home["net_anonymiser_share"] == 0
    assert home["net_foreign_share"] == 0
    assert home["net_max_travel_kmh"] == 0
    assert front["net_anonymiser_share"] == pytest.approx(3 / 5)  # two Vultr, one Tor exit
    assert front["net_foreign_share"] == pytest.approx(2 / 5)  # KP and DE
    assert front["net_operator_country_share"] == pytest.approx(1 / 5)
    assert front["net_early_operator_country"] == 1  # the very first session came from Pyongyang
    assert front["net_distinct_countries"] == 3
    assert front["net_distinct_asns"] == 4
    # Pyongyang to the US east coast (~11,000 km) within one hour: impossible travel.
    assert front["net_max_travel_kmh"] > 5000
    assert out.loc["none"].isna().all()
