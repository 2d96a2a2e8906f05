"""Rhythm signals: activity hours against the claimed zone (inline sessions, real tz database)."""

import numpy as np
import pandas as pd
import pytest

from detector.signals.timezone_rhythm import activity_curves, best_fit_offsets, timezone_signals
from tests.helpers import applicant, population, work_sessions


def zones(country):
    return {"US": ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"],
            "DE": ["Europe/Berlin"], "PH": ["Asia/Manila"]}.get(country, [])


def _signals(pop):
    s = pop.sessions.copy()
    if "country" not in s:
        s["country"] = None
    return timezone_signals(pop.applicants, s, zones)


def test_chicago_daytime_worker_fits_claimed_zone():
    # 09:00 Chicago in March (CDT, UTC-5) is 14:00 UTC.
    pop = population([applicant("a")], work_sessions("a", 14, browser_timezone="America/Chicago"))
    row = _signals(pop).loc["a"]
    assert row["tz_offset_gap_hours"] <= 1
    assert row["tz_operator_hours_llr"] == 0  # no evidence of operator hours
    assert row["tz_night_share"] < 0.05
    assert row["tz_browser_mismatch_share"] == 0


def test_pyongyang_hours_under_a_us_claim_are_flagged():
    # 09:00 in Pyongyang (UTC+9) is 00:00 UTC: the middle of the Chicago night.
    pop = population([applicant("f")], work_sessions("f", 0, hours=12, browser_timezone="Asia/Shanghai"))
    row = _signals(pop).loc["f"]
    assert row["tz_operator_hours_llr"] > 10
    assert row["tz_offset_gap_hours"] >= 8
    assert row["tz_night_share"] > 0.4
    assert row["tz_browser_mismatch_share"] == 1
    assert row["tz_hours_per_active_day"] == pytest.approx(12)


def test_night_shift_in_manila_for_us_clients_is_not_operator_band():
    # Claims Manila honestly, works US Eastern daytime (14:00 UTC = 22:00 Manila).
    app = applicant("n", claimed_country="PH", claimed_timezone="Asia/Manila")
    pop = population([app], work_sessions("n", 14, browser_timezone="Asia/Manila"))
    row = _signals(pop).loc["n"]
    assert row["tz_operator_hours_llr"] == 0  # an honest claim inside UTC+7..+10 is never evidence
    assert row["tz_browser_mismatch_share"] == 0


def test_night_shift_in_india_for_american_clients_is_not_operator_hours():
    # Claims Kolkata (UTC+5:30), works a Pacific-time day (16:00 UTC = 21:30 Kolkata): neither
    # the claimed zone's working day nor Asian office hours, but an American one.
    app = applicant("i", claimed_country="IN", claimed_timezone="Asia/Kolkata")
    pop = population([app], work_sessions("i", 16, hours=9, days=40, browser_timezone="Asia/Kolkata"))
    row = _signals(pop).loc["i"]
    assert row["tz_operator_hours_llr"] == 0
    assert row["tz_offset_gap_hours"] >= 10  # the mismatch itself stays visible


def test_missing_claimed_zone_takes_the_country_zone_closest_to_activity():
    # US without a zone: Los Angeles daytime (UTC-7 in March) should fit a US zone.
    app = applicant("u", claimed_timezone=None)
    pop = population([app], work_sessions("u", 16))
    row = _signals(pop).loc["u"]
    assert row["tz_offset_gap_hours"] <= 1


def test_too_few_sessions_give_nan_not_zero():
    pop = population([applicant("x"), applicant("y")], work_sessions("x", 14, days=2))
    out = _signals(pop)
    assert np.isnan(out.loc["x", "tz_offset_gap_hours"])
    assert out.loc["y"].drop(["_best_offset", "_claimed_offset"]).isna().all()


def test_operator_evidence_grows_with_the_number_of_sessions():
    few = population([applicant("f")], work_sessions("f", 0, days=3))
    many = population([applicant("f")], work_sessions("f", 0, days=30))
    assert _signals(many).loc["f", "tz_operator_hours_llr"] > _signals(few).loc["f", "tz_operator_hours_llr"] > 0


def test_best_fit_recovers_known_offsets():
    for offset in (-6, 0, 1, 8, 9):
        start = (9 - offset) % 24
        pop = population([applicant("z")], work_sessions("z", start))
        curves = activity_curves(pop.sessions, pd.Index(["z"]))
        assert best_fit_offsets(curves)[0] == pytest.approx(offset, abs=1)


def _located(pop, country, anonymous):
    s = pop.sessions.copy()
    s["country"] = country
    s["anonymised"] = anonymous
    return timezone_signals(pop.applicants, s, lambda c: {"TH": ["Asia/Bangkok"]}.get(c, zones(c)))


def test_a_traveller_working_the_local_day_in_bangkok_is_not_operator_hours():
    # Claims Chicago; a month in Bangkok working 09:00-17:00 local (02:00 UTC), from Thai lines.
    pop = population([applicant("t")], work_sessions("t", 2, days=30))
    assert _located(pop, "TH", anonymous=False).loc["t", "tz_operator_hours_llr"] == 0
    # The same hours through a VPN say nothing about where the person was: they still count.
    assert _located(pop, "TH", anonymous=True).loc["t", "tz_operator_hours_llr"] > 10
    # And from American lines they are the hours of someone who is not where they work.
    assert _located(pop, "US", anonymous=False).loc["t", "tz_operator_hours_llr"] > 10
