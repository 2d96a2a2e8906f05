"""Boundary validation: one hand-written bad record per rule, each with its reject row."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from detector.io import load_population_from_records
from detector.io.population import (
    APPLICANT_COLUMNS,
    PAYOUT_COLUMNS,
    PROPOSAL_COLUMNS,
    REJECT_COLUMNS,
    SESSION_COLUMNS,
)


def good(aid: str = "a-1", **fields) -> dict:
    record = {
        "applicant_id": aid,
        "created_at": "2026-09-14T16:02:11Z",
        "claimed_country": "US",
        "claimed_timezone": "America/Chicago",
        "sessions": [{"started_at": "2026-09-14T15:58:40Z", "ip": "203.0.113.7"}],
        "payouts": [{"method": "bank", "account_ref": "acct-1"}],
        "proposals": [{"submitted_at": "2026-09-14T17:00:00Z", "text": "I can help"}],
    }
    record.update(fields)
    return {k: v for k, v in record.items() if v is not ...}


def only_reject(records: list, field: str, match: str, record: str | None = None):
    """Load ``records`` and return the single reject row, checking field and reason."""
    result = load_population_from_records(records)
    assert len(result.rejects) == 1, result.rejects.to_dict("records")
    row = result.rejects.iloc[0]
    assert row["field"] == field
    assert re.search(match, row["reason"]), row["reason"]
    if record is not None:
        assert row["record"] == record
    return result, row


# --------------------------------------------------------------------------- applicant level

APPLICANT_CASES = [
    ({"applicant_id": ...}, "applicant_id", r"applicant_id is missing"),
    ({"applicant_id": ""}, "applicant_id", r"applicant_id is missing"),
    ({"applicant_id": "   "}, "applicant_id", r"applicant_id is missing"),
    ({"applicant_id": ["a"]}, "applicant_id", r"must be a string, got list"),
    ({"created_at": ...}, "created_at", r"created_at is missing; .*2026-09-14T16:02:11Z"),
    (
        {"created_at": "2026-13-01"},
        "created_at",
        r"^created_at '2026-13-01' is not an RFC 3339 timestamp.*; use e\.g\. 2026-09-14T16:02:11Z$",
    ),
    ({"created_at": "2026-09-14T16:02:11"}, "created_at", r"'2026-09-14T16:02:11' is not an RFC 3339"),
    ({"created_at": "2026-02-30T00:00:00Z"}, "created_at", r"is not an RFC 3339"),
    ({"created_at": 1757865731}, "created_at", r"created_at 1757865731 is not an RFC 3339"),
    ({"claimed_country": ...}, "claimed_country", r"claimed_country is missing"),
    (
        {"claimed_country": "USA"},
        "claimed_country",
        r"^claimed_country 'USA' is not an ISO 3166-1 alpha-2 code; use 'US'$",
    ),
    ({"claimed_country": "United States"}, "claimed_country", r"use 'US'"),
    ({"claimed_country": "North Korea"}, "claimed_country", r"use 'KP'"),
    ({"claimed_country": "Germany"}, "claimed_country", r"use 'DE'"),
    ({"claimed_country": "ZZ"}, "claimed_country", r"'ZZ' is not an ISO 3166-1 alpha-2 code; use the two-letter"),
    ({"claimed_timezone": "Mars/Olympus"}, "claimed_timezone", r"'Mars/Olympus' is not an IANA time zone"),
    ({"claimed_timezone": "america/chicago"}, "claimed_timezone", r"use 'America/Chicago'"),
    ({"photo_phash": "xyz"}, "photo_phash", r"photo_phash 'xyz' is not 16 hex digits"),
    ({"photo_phash": "c3d4e5f60718293"}, "photo_phash", r"is not 16 hex digits"),
    ({"hourly_rate_usd": -5}, "hourly_rate_usd", r"hourly_rate_usd -5 is not a finite non-negative"),
    ({"hourly_rate_usd": "abc"}, "hourly_rate_usd", r"'abc' is not a finite"),
    ({"hourly_rate_usd": math.inf}, "hourly_rate_usd", r"inf is not a finite"),
    ({"hourly_rate_usd": True}, "hourly_rate_usd", r"True is not a finite"),
    ({"shipping_country": "XX"}, "shipping_country", r"shipping_country 'XX' is not an ISO"),
    ({"label": 2}, "label", r"^label 2 is not 0 or 1; use 1 for a confirmed front"),
    ({"label": "yes"}, "label", r"label 'yes' is not 0 or 1"),
    ({"email": ["a@b.c"]}, "email", r"email must be a string, got list"),
    ({"full_name": {"first": "A"}}, "full_name", r"full_name must be a string, got object"),
    ({"sessions": "none"}, "sessions", r"sessions must be a list of session objects, got string"),
    ({"payouts": {"method": "bank"}}, "payouts", r"payouts must be a list of payout objects"),
    ({"proposals": 3}, "proposals", r"proposals must be a list"),
]


@pytest.mark.parametrize(("fields", "field", "match"), APPLICANT_CASES)
def test_bad_applicant_is_rejected_with_its_nested_records(fields, field, match):
    result, row = only_reject([good(**fields)], field, match, record="applicant (line 1)")
    population = result.population
    assert len(population) == 0
    # The applicant's sessions, payouts and proposals are covered by its reject, not listed.
    assert population.sessions.empty and population.payouts.empty and population.proposals.empty


def test_unreadable_id_is_reported_by_line():
    _, row = only_reject([good(), good(applicant_id=...)], "applicant_id", "missing")
    assert row["applicant_id"] == "line 2"


def test_all_problems_of_one_record_are_listed_at_once():
    result = load_population_from_records(
        [good(created_at="2026-13-01", claimed_country="USA", photo_phash="zz")]
    )
    assert result.rejects["field"].tolist() == ["created_at", "claimed_country", "photo_phash"]
    assert (result.rejects["applicant_id"] == "a-1").all()


def test_duplicate_ids_keep_the_first_copy():
    first = good(full_name="First")
    second = good(full_name="Second", sessions=[{"started_at": "bad", "ip": "1.2.3.4"}])
    third = good(full_name="Third")
    result = load_population_from_records([first, second, third])
    assert result.population.applicants["full_name"].tolist() == ["First"]
    assert result.rejects["record"].tolist() == ["applicant (line 2)", "applicant (line 3)"]
    assert (result.rejects["field"] == "applicant_id").all()
    assert result.rejects["reason"].str.contains(r"appears again \(first at line 1\)").all()
    # The duplicates' sessions are covered by their rejects; the first copy keeps its own.
    assert len(result.population.sessions) == 1


# --------------------------------------------------------------------------- accepted values


def test_normalises_codes_and_numbers():
    result = load_population_from_records(
        [
            good(
                claimed_country=" us ",
                photo_phash="C3D4E5F60718293A",
                hourly_rate_usd="45",
                label="1",
                shipping_country="de",
            )
        ]
    )
    assert result.rejects.empty
    row = result.population.applicants.iloc[0]
    assert row["claimed_country"] == "US"
    assert row["photo_phash"] == "c3d4e5f60718293a"
    assert row["hourly_rate_usd"] == 45.0
    assert row["label"] == 1.0
    assert row["shipping_country"] == "DE"


def test_namibia_is_not_a_missing_value():
    result = load_population_from_records([good(aid="NA", claimed_country="NA", claimed_timezone=...)])
    assert result.rejects.empty
    row = result.population.applicants.iloc[0]
    assert (row["applicant_id"], row["claimed_country"]) == ("NA", "NA")
    assert row["claimed_timezone"] == "Africa/Windhoek"


@pytest.mark.parametrize(
    ("country", "zone"), [("DE", "Europe/Berlin"), ("KP", "Asia/Pyongyang"), ("US", None)]
)
def test_absent_timezone_is_filled_only_for_single_zone_countries(country, zone):
    result = load_population_from_records([good(claimed_country=country, claimed_timezone=...)])
    assert result.population.applicants["claimed_timezone"].iloc[0] == zone


def test_signals_in_optional_fields_are_kept_not_rejected():
    result = load_population_from_records(
        [good(phone="call me maybe", email="not-an-email", resume_text="   ", github_url=42)]
    )
    assert result.rejects.empty
    row = result.population.applicants.iloc[0]
    assert row["phone"] == "call me maybe"
    assert row["email"] == "not-an-email"
    assert row["resume_text"] == "   "
    assert row["github_url"] == "42"


def test_empty_strings_are_absent():
    result = load_population_from_records([good(resume_text="", agency_id="")])
    row = result.population.applicants.iloc[0]
    assert row["resume_text"] is None and row["agency_id"] is None


def test_unknown_fields_are_ignored():
    record = good(favourite_colour="blue")
    record["sessions"][0]["mouse_dpi"] = 1600
    result = load_population_from_records([record])
    assert result.rejects.empty
    assert "favourite_colour" not in result.population.applicants.columns


def test_population_tables_have_declared_columns_and_dtypes():
    result = load_population_from_records([good(label=0), good("a-2", claimed_timezone=...)])
    population = result.population
    for table, columns in [
        (population.applicants, APPLICANT_COLUMNS),
        (population.sessions, SESSION_COLUMNS),
        (population.payouts, PAYOUT_COLUMNS),
        (population.proposals, PROPOSAL_COLUMNS),
    ]:
        assert list(table.columns) == list(columns)
        assert {name: str(dtype) for name, dtype in table.dtypes.items()} == columns
    assert population.applicants["label"].tolist()[0] == 0.0
    assert math.isnan(population.applicants["label"].tolist()[1])
    assert list(result.rejects.columns) == REJECT_COLUMNS


def test_timestamps_are_utc():
    result = load_population_from_records([good(created_at="2026-09-14T18:02:11.5+02:00")])
    created = result.population.applicants["created_at"].iloc[0]
    assert created == pd.Timestamp("2026-09-14T16:02:11.5Z")
    assert str(created.tz) == "UTC"


# --------------------------------------------------------------------------- sub-records

SESSION_CASES = [
    ({"started_at": ...}, "started_at", r"started_at is missing"),
    ({"started_at": "2026-09-14 25:00:00Z"}, "started_at", r"'2026-09-14 25:00:00Z' is not an RFC 3339"),
    ({"ip": ...}, "ip", r"ip is missing"),
    ({"ip": "999.1.1.1"}, "ip", r"^ip '999\.1\.1\.1' is not an IPv4 or IPv6 address; use e\.g\."),
    ({"ip": "01.2.3.4"}, "ip", r"'01\.2\.3\.4' is not an IPv4"),
    ({"ip": 16909060}, "ip", r"ip 16909060 is not an IPv4"),
    ({"browser_timezone": "Europe/Atlantis"}, "browser_timezone", r"not an IANA time zone"),
    ({"remote_access": "maybe"}, "remote_access", r"remote_access 'maybe' is not a boolean"),
    ({"remote_access": 2}, "remote_access", r"remote_access 2 is not a boolean"),
    ({"duration_s": -1}, "duration_s", r"duration_s -1 is not a non-negative number"),
    ({"duration_s": "long"}, "duration_s", r"duration_s 'long' is not a non-negative"),
    ({"device_id": ["d"]}, "device_id", r"device_id must be a string"),
]


@pytest.mark.parametrize(("fields", "field", "match"), SESSION_CASES)
def test_bad_session_rejects_only_that_session(fields, field, match):
    sessions = [
        {"started_at": "2026-09-14T15:58:40Z", "ip": "203.0.113.7"},
        {k: v for k, v in {"started_at": "2026-09-14T16:58:40Z", "ip": "203.0.113.8", **fields}.items() if v is not ...},
    ]
    result, row = only_reject([good(sessions=sessions)], field, match, record="session 1 (line 1)")
    assert row["applicant_id"] == "a-1"
    assert len(result.population) == 1
    assert result.population.sessions["ip"].tolist() == ["203.0.113.7"]


def test_session_that_is_not_an_object():
    only_reject([good(sessions=[5])], "sessions", r"session 0 is not an object \(got number\)", "session 0 (line 1)")


@pytest.mark.parametrize(
    ("given", "canonical"),
    [("2001:DB8:0:0::1", "2001:db8::1"), ("::ffff:1.2.3.4", "1.2.3.4"), (" 8.8.8.8 ", "8.8.8.8")],
)
def test_ips_are_normalised(given, canonical):
    result = load_population_from_records([good(sessions=[{"started_at": "2026-09-14T15:58:40Z", "ip": given}])])
    assert result.population.sessions["ip"].tolist() == [canonical]


@pytest.mark.parametrize(
    ("given", "flag"),
    [(True, 1.0), (False, 0.0), (1, 1.0), (0, 0.0), ("true", 1.0), ("False", 0.0), (None, None)],
)
def test_remote_access_accepts_booleans(given, flag):
    session = {"started_at": "2026-09-14T15:58:40Z", "ip": "1.2.3.4", "remote_access": given}
    value = load_population_from_records([good(sessions=[session])]).population.sessions["remote_access"][0]
    assert (math.isnan(value) if flag is None else value == flag)


PAYOUT_CASES = [
    ({"method": ...}, "method", r"method is missing; use one of bank, paypal"),
    ({"method": "venmo"}, "method", r"method 'venmo' is not a known payout method; use one of bank"),
    ({"account_ref": ...}, "account_ref", r"account_ref is missing"),
    ({"account_ref": " "}, "account_ref", r"account_ref is missing"),
    ({"account_country": "Germany"}, "account_country", r"account_country 'Germany' is not an ISO 3166-1 alpha-2 code; use 'DE'"),
]


@pytest.mark.parametrize(("fields", "field", "match"), PAYOUT_CASES)
def test_bad_payout_rejects_only_that_payout(fields, field, match):
    payout = {k: v for k, v in {"method": "bank", "account_ref": "acct-9", **fields}.items() if v is not ...}
    result, _ = only_reject([good(payouts=[payout])], field, match, record="payout 0 (line 1)")
    assert len(result.population) == 1 and result.population.payouts.empty


def test_payout_method_is_lower_cased():
    result = load_population_from_records([good(payouts=[{"method": "Wise", "account_ref": "x"}])])
    assert result.population.payouts["method"].tolist() == ["wise"]


@pytest.mark.parametrize(
    ("fields", "field", "match"),
    [({"submitted_at": ...}, "submitted_at", "submitted_at is missing"), ({"text": ...}, "text", "text is missing"),
     ({"text": 5.5}, "text", None)],
)
def test_bad_proposal_rejects_only_that_proposal(fields, field, match):
    proposal = {k: v for k, v in {"submitted_at": "2026-09-14T17:00:00Z", "text": "hi", **fields}.items() if v is not ...}
    if match is None:  # a number is accepted as text
        result = load_population_from_records([good(proposals=[proposal])])
        assert result.population.proposals["text"].tolist() == ["5.5"]
        return
    result, _ = only_reject([good(proposals=[proposal])], field, match, record="proposal 0 (line 1)")
    assert len(result.population) == 1 and result.population.proposals.empty


def test_records_that_are_not_objects_are_rejected_by_line():
    result = load_population_from_records([good(), "junk", [1, 2], None])
    assert len(result.population) == 1
    rejects = result.rejects
    assert rejects["applicant_id"].tolist() == ["line 2", "line 3", "line 4"]
    assert rejects["reason"].iloc[0] == (
        "line 2 is a JSON string, not an object; write each applicant as one JSON object"
    )
