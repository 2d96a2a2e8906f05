"""Network signals on real IP data: the shipped ip-location-db MMDBs and curated ASN list."""

import numpy as np
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


# Seven US eyeball ISPs (ASNs 7922, 701, 7018, 11427, 22773, 209, 5650 in the shipped ASN data).
US_ISPS = ["73.15.20.1", "71.105.10.1", "99.20.10.1", "24.28.10.1", "68.100.10.1", "67.40.10.1", "47.200.10.1"]


def test_home_networks_count_isps_in_the_claimed_country_without_anonymisers(geo):
    """A rotating residential proxy shows many home-country ISPs; a person's VPN and trips
    abroad do not add home networks, and someone never seen at home has none to count."""
    days = [f"2026-03-{day:02d}T15:00:00Z" for day in range(1, 29)]
    proxied = [_session("proxied", ip, days[i]) for i, ip in enumerate(US_ISPS * 2)]
    person = [_session("person", ip, days[i]) for i, ip in
              enumerate([COMCAST, COMCAST, "73.15.20.2", US_ISPS[1], VULTR, VULTR, KP, TOR])]
    vpn_only = [_session("vpn_only", ip, days[i]) for i, ip in enumerate([VULTR, TOR, VULTR])]
    pop = population([applicant("proxied"), applicant("person"), applicant("vpn_only")],
                     proxied + person + vpn_only)
    out = network_signals(pop.applicants, annotate_sessions(pop.sessions, geo))
    assert out.loc["proxied", "net_home_asns"] == 7
    assert out.loc["person", "net_home_asns"] == 2  # Comcast at home, Verizon elsewhere
    assert out.loc["person", "net_distinct_asns"] == 5  # the VPN and the trip count there
    assert out.loc["vpn_only", "net_distinct_asns"] == 2
    assert np.isnan(out.loc["vpn_only", "net_home_asns"])


def test_home_networks_sentence_names_the_networks(geo):
    """The analyst sees how many sessions came from home-country ISPs and which ISPs."""
    import pandas as pd

    from detector.features.catalogue import FEATURE_NAMES
    from detector.scoring.evidence import EvidenceWriter

    days = [f"2026-03-{day:02d}T15:00:00Z" for day in range(1, 29)]
    pop = population([applicant("proxied")],
                     [_session("proxied", ip, days[i]) for i, ip in enumerate(US_ISPS + [VULTR])])
    sessions = annotate_sessions(pop.sessions, geo)
    features = pd.DataFrame(np.nan, index=pop.applicants["applicant_id"], columns=list(FEATURE_NAMES))
    features.update(network_signals(pop.applicants, sessions))
    writer = EvidenceWriter(pop.applicants, features, pd.DataFrame(index=features.index), sessions,
                            pop.payouts, pd.DataFrame(columns=["a", "b", "kind", "similarity"]),
                            np.array([0]), np.array([0]))
    sentence = writer.sentence(0, "NET_MANY_HOME_NETWORKS")
    assert "7 of 8 sessions" in sentence and "claimed country US" in sentence
    assert "7 different networks" in sentence
    assert "Comcast Cable Communications, LLC (1)" in sentence and "Vultr" not in sentence
