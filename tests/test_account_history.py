"""Account history: an account used by someone else after a pause (rented, bought, lent)."""

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from detector.features.catalogue import FEATURE_NAMES
from detector.geo.geoip import GeoLookup
from detector.io.fast_records import clean_records
from detector.scoring.evidence import EvidenceWriter
from detector.settings import Settings
from detector.signals.account_history import account_history_signals
from detector.signals.one_applicant import one_applicant_signals
from detector.signals.session_geo import annotate_sessions
from tests.helpers import applicant, population

COMCAST = "73.15.20.1"  # US residential (AS7922)
VERIZON = "71.105.10.1"  # US residential, another ISP
FEATURES = ["acct_late_new_device_share", "acct_late_new_network_share",
            "acct_late_new_browser_zone_share", "acct_late_hour_shift", "acct_late_remote_rise"]


@pytest.fixture(scope="module")
def geo():
    with GeoLookup.from_settings(Settings().with_defaults()) as lookup:
        yield lookup


def _sessions(aid: str, first_day: datetime, count: int, utc_hour: int, ip: str, device: str,
              zone: str, remote: bool) -> list[dict]:
    return [{"applicant_id": aid, "ip": ip, "device_id": device, "browser_timezone": zone,
             "remote_access": remote,
             "started_at": (first_day + timedelta(days=2 * i, hours=utc_hour)).strftime("%Y-%m-%dT%H:%M:%SZ")}
            for i in range(count)]


OWNER_START = datetime(2025, 1, 6, tzinfo=UTC)
TAKEN_OVER = datetime(2025, 9, 1, tzinfo=UTC)  # ~220 days after the owner's last session


def _world() -> tuple[list[dict], list[dict]]:
    """The owner works 14:00-22:00 UTC (US daytime) at home, then pauses; then:
    ``taken``: another device, ISP and browser zone, at 01:00 UTC, through a remote-desktop tool;
    ``same``: the owner again, as before; ``short``: only two sessions after the pause."""
    people = [applicant(aid, claimed_country="US", claimed_timezone="America/Chicago")
              for aid in ("taken", "same", "short")]
    sessions = []
    for aid in ("taken", "same", "short"):
        sessions += _sessions(aid, OWNER_START, 8, 15, COMCAST, f"{aid}-laptop", "America/Chicago", False)
    sessions += _sessions("taken", TAKEN_OVER, 6, 1, VERIZON, "renter-pc", "Asia/Shanghai", True)
    sessions += _sessions("same", TAKEN_OVER, 6, 15, COMCAST, "same-laptop", "America/Chicago", False)
    sessions += _sessions("short", TAKEN_OVER, 2, 1, VERIZON, "renter-pc", "Asia/Shanghai", True)
    return people, sessions


def test_a_taken_over_account_shows_what_changed_after_the_pause(geo):
    people, sessions = _world()
    pop = population(people, sessions)
    out = account_history_signals(pop.applicants, annotate_sessions(pop.sessions, geo))
    taken, same, short = out.loc["taken"], out.loc["same"], out.loc["short"]
    assert taken["acct_late_new_device_share"] == 1.0
    assert taken["acct_late_new_network_share"] == 1.0
    assert taken["acct_late_new_browser_zone_share"] == 1.0
    assert taken["acct_late_hour_shift"] == pytest.approx(10.0)  # 15:00 -> 01:00 UTC
    assert taken["acct_late_remote_rise"] == 1.0
    assert taken["_acct_sessions_after"] == 6
    assert 220 < taken["_acct_pause_days"] < 225
    # the owner back at work after the pause: nothing changed
    assert [same[name] for name in FEATURES] == [0.0, 0.0, 0.0, pytest.approx(0.0), 0.0]
    # two sessions after the pause are not a history to compare: missing, not 0
    assert all(math.isnan(short[name]) for name in FEATURES)


def test_an_applicant_scored_alone_gets_the_same_values(geo):
    people, sessions = _world()
    pop = population(people, sessions)
    annotated = annotate_sessions(pop.sessions, geo)
    frame = account_history_signals(pop.applicants, annotated)
    for person in people:
        record = {**person, "sessions": [{k: v for k, v in s.items() if k != "applicant_id"}
                                         for s in sessions if s["applicant_id"] == person["applicant_id"]]}
        clean = clean_records([record])[0]
        one = one_applicant_signals(clean, geo.rows([s["ip"] for s in clean.sessions]))
        for name in FEATURES:
            mine, theirs = one.features[name], float(frame.loc[person["applicant_id"], name])
            assert mine == theirs or (math.isnan(mine) and math.isnan(theirs)), (person["applicant_id"], name)


def test_the_evidence_gives_the_pause_and_the_share(geo):
    people, sessions = _world()
    pop = population(people, sessions)
    annotated = annotate_sessions(pop.sessions, geo)
    found = account_history_signals(pop.applicants, annotated)
    features = pd.DataFrame(np.nan, index=found.index, columns=list(FEATURE_NAMES))
    features.update(found[FEATURES])
    writer = EvidenceWriter(pop.applicants, features, found[["_acct_pause_days", "_acct_sessions_after"]],
                            annotated, pop.payouts, pd.DataFrame(columns=["a", "b", "kind", "similarity"]),
                            np.array([0, 1, 2]), np.array([0]))
    devices = writer.sentence(0, "ACCOUNT_NEW_DEVICES")
    assert "after a pause of 22" in devices and "6 later sessions" in devices
    assert "100% of them came from devices never seen before the pause" in devices
    assert "10.0 h" in writer.sentence(0, "ACCOUNT_HOURS_SHIFT")
    assert "rose by 100 percentage points" in writer.sentence(0, "ACCOUNT_REMOTE_ACCESS_RISE")
