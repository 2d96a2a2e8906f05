"""Validate a few nested applicant records in plain Python: the scoring API's per-request path.

The frame validator (:mod:`detector.io.validate`) costs tens of milliseconds per call whatever
the number of records, which is most of the time of scoring one applicant. This module applies
the same rules record by record and returns the typed values, but only for input that is
*clean*: as soon as a record has a problem, or a value this module cannot type exactly as the
frame validator would (non-ASCII text in a code field, numbers written as strings, strings
that are not valid UTF-8 ...), it answers ``None`` and the caller runs the frame validator,
which then names every problem with its usual messages. So rejects always come from one place,
and the agreement test (``tests/api/test_fast_path_agreement.py``) checks that whatever is
accepted here is accepted there with identical values.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from detector.io import coerce
from detector.io.population import (
    APPLICANT_COLUMNS,
    PAYOUT_COLUMNS,
    PROPOSAL_COLUMNS,
    SESSION_COLUMNS,
    Population,
)
from detector.io.reference_codes import country_codes, single_timezone, timezone_names
from detector.io.validate import PAYOUT_METHODS

_FREE_TEXT = ("full_name", "email", "phone", "claimed_city", "resume_text", "github_url", "agency_id")
_RFC3339 = re.compile(coerce.RFC3339, re.ASCII)
_IPV4 = re.compile(coerce._IPV4_CANONICAL, re.ASCII)
_PHASH = re.compile(r"[0-9a-f]{16}", re.ASCII)
_ZERO_ONE_TEXT = {"true": 1.0, "false": 0.0, "1": 1.0, "0": 0.0, "1.0": 1.0, "0.0": 0.0}
_LISTS = ("sessions", "payouts", "proposals")


class Unclean(Exception):
    """The record has a problem (or a value only the frame validator types exactly)."""


@dataclass
class CleanApplicant:
    """One accepted applicant: typed fields (INPUT.md names) and its typed sub-records.

    Timestamps are ``pd.Timestamp`` in UTC (nanoseconds), absent values ``None`` (text) or NaN
    (numbers), exactly as the frame validator's tables hold them.
    """

    fields: dict
    sessions: list[dict] = field(default_factory=list)
    payouts: list[dict] = field(default_factory=list)
    proposals: list[dict] = field(default_factory=list)


def _utf8(value: str) -> str:
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise Unclean from error
    return value


def _text(value: object) -> str | None:
    """``coerce.text`` for one value: None when absent, the text otherwise (numbers as text)."""
    if isinstance(value, str):
        return _utf8(value) or None
    found, wrong = coerce._one_text(value)
    if wrong:
        raise Unclean
    return found


def _blank(value: str) -> bool:
    """Whitespace only, as the frame validator's ``str.strip`` sees it."""
    if value.isascii():
        return not value.strip()
    return pd.Series([value], dtype="str").str.strip().iloc[0] == ""


def _code_text(value: object) -> str | None:
    """Stripped ASCII text of a code-like field (country, zone, IP ...); None when absent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str) or not value.isascii():
        raise Unclean  # numbers and non-ASCII text: the frame validator decides
    return value.strip() or None


def _country(value: object, required: bool) -> str | None:
    code = _code_text(value)
    if code is None:
        if required:
            raise Unclean
        return None
    code = code.upper()
    if code not in country_codes():
        raise Unclean
    return code


def _timezone(value: object) -> str | None:
    name = _code_text(value)
    if name is not None and name not in timezone_names():
        raise Unclean
    return name


def _number(value: object) -> float:
    """A finite non-negative number (rate, duration); NaN when absent."""
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unclean  # strings and others: the frame validator's column rules decide
    try:
        number = float(value)
    except OverflowError as error:
        raise Unclean from error
    if math.isnan(number):
        return math.nan
    if not (math.isfinite(number) and number >= 0):
        raise Unclean
    return number


def _zero_one(value: object) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    if isinstance(value, str):
        if not value.isascii():
            raise Unclean
        key = value.strip().lower()
        if not key:
            return math.nan
        found = _ZERO_ONE_TEXT.get(key)
    elif isinstance(value, bool | int | float):
        found = 1.0 if value == 1 else 0.0 if value == 0 else None
    else:
        raise Unclean
    if found is None:
        raise Unclean
    return found


def _ip(value: object) -> str:
    text = _code_text(value)
    if text is None:
        raise Unclean
    if _IPV4.fullmatch(text):
        return text
    canonical = coerce._canonical_ip(text)
    if canonical is None:
        raise Unclean
    return canonical


# The everyday form of an RFC 3339 timestamp; other spellings the contract accepts (a space
# for the 'T', offsets without a colon, more than nanosecond digits) go through pandas.
_PLAIN_INSTANT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))", re.ASCII)
_EPOCH_DAY = date(1970, 1, 1).toordinal()


def _plain_instant(text: str) -> pd.Timestamp | None:
    """The instant of an everyday RFC 3339 timestamp (years 1900-2199), computed exactly in
    nanoseconds as pandas parses it; None for anything else (pandas then decides)."""
    match = _PLAIN_INSTANT.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    if not (1900 <= year <= 2199 and hour <= 23 and minute <= 59 and second <= 59):
        return None
    try:
        days = date(year, month, day).toordinal() - _EPOCH_DAY
    except ValueError:
        return None
    offset = 0
    if match.group(8):
        hours, minutes = int(match.group(9)), int(match.group(10))
        if hours > 23 or minutes > 59:
            return None
        offset = (hours * 60 + minutes) * (1 if match.group(8) == "+" else -1)
    fraction = int((match.group(7) or "").ljust(9, "0"))
    seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60
    return pd.Timestamp(seconds * 1_000_000_000 + fraction, tz="UTC")


class _Timestamps:
    """Timestamp strings collected over the whole request, parsed in one vectorised call."""

    def __init__(self) -> None:
        self.raw: list[str] = []

    def add(self, value: object) -> int:
        text = _code_text(value)
        if text is None or not _RFC3339.fullmatch(text.upper()):
            raise Unclean
        self.raw.append(text)
        return len(self.raw) - 1

    def parse(self) -> list[pd.Timestamp]:
        if not self.raw:
            return []
        plain = [_plain_instant(text.upper()) for text in self.raw]
        if all(moment is not None for moment in plain):
            return plain  # type: ignore[return-value]
        values, bad = coerce.timestamps(pd.Series(self.raw, dtype=object))
        if bad.any() or values.isna().any():
            raise Unclean
        return values.tolist()


def _check_applicant(record: object, stamps: _Timestamps) -> CleanApplicant:
    if not isinstance(record, dict):
        raise Unclean
    applicant_id = _text(record.get("applicant_id"))
    if applicant_id is None or _blank(applicant_id):
        raise Unclean
    fields: dict = {"applicant_id": applicant_id, "created_at": stamps.add(record.get("created_at"))}
    for name in _FREE_TEXT:
        fields[name] = _text(record.get(name))
    fields["claimed_country"] = _country(record.get("claimed_country"), required=True)
    fields["claimed_timezone"] = _timezone(record.get("claimed_timezone"))
    phash = _code_text(record.get("photo_phash"))
    if phash is not None:
        phash = phash.lower()
        if not _PHASH.fullmatch(phash):
            raise Unclean
    fields["photo_phash"] = phash
    fields["hourly_rate_usd"] = _number(record.get("hourly_rate_usd"))
    fields["shipping_country"] = _country(record.get("shipping_country"), required=False)
    fields["label"] = _zero_one(record.get("label"))
    if record.get("decided_at") is not None:
        raise Unclean  # a decision time comes with training data; the frame validator reads it
    fields["decided_at"] = pd.NaT
    if fields["claimed_timezone"] is None:
        fields["claimed_timezone"] = single_timezone(fields["claimed_country"])
    lists = {}
    for key in _LISTS:
        items = record.get(key)
        if items is None:
            items = []
        if not isinstance(items, list) or any(type(item) is not dict for item in items):
            raise Unclean
        lists[key] = items
    sessions = [{"applicant_id": applicant_id, "started_at": stamps.add(s.get("started_at")),
                 "ip": _ip(s.get("ip")), "device_id": _text(s.get("device_id")),
                 "browser_timezone": _timezone(s.get("browser_timezone")),
                 "remote_access": _zero_one(s.get("remote_access")),
                 "duration_s": _number(s.get("duration_s"))} for s in lists["sessions"]]
    payouts = []
    for p in lists["payouts"]:
        method = _code_text(p.get("method"))
        if method is None or method.lower() not in PAYOUT_METHODS:
            raise Unclean
        account_ref = _text(p.get("account_ref"))
        if account_ref is None or _blank(account_ref):
            raise Unclean
        payouts.append({"applicant_id": applicant_id, "method": method.lower(), "account_ref": account_ref,
                        "account_country": _country(p.get("account_country"), required=False),
                        "holder_name": _text(p.get("holder_name"))})
    proposals = []
    for p in lists["proposals"]:
        submitted = stamps.add(p.get("submitted_at"))
        body = _text(p.get("text"))
        if body is None:
            raise Unclean
        proposals.append({"applicant_id": applicant_id, "submitted_at": submitted, "text": body})
    return CleanApplicant(fields=fields, sessions=sessions, payouts=payouts, proposals=proposals)


def clean_records(records: list) -> list[CleanApplicant] | None:
    """The typed applicants when every record is clean, else None (use the frame validator)."""
    stamps = _Timestamps()
    try:
        found = [_check_applicant(record, stamps) for record in records]
        if len({a.fields["applicant_id"] for a in found}) != len(found):
            return None  # duplicate ids: the frame validator names the copies
        parsed = stamps.parse()
    except Unclean:
        return None
    for applicant in found:
        applicant.fields["created_at"] = parsed[applicant.fields["created_at"]]
        for s in applicant.sessions:
            s["started_at"] = parsed[s["started_at"]]
        for p in applicant.proposals:
            p["submitted_at"] = parsed[p["submitted_at"]]
    return found


def _table(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    data = {}
    for name, dtype in columns.items():
        values = [row[name] for row in rows]
        data[name] = pd.Series(values, dtype=dtype if dtype != "object" else object)
    return pd.DataFrame(data, columns=list(columns))


def population_of(applicants: list[CleanApplicant]) -> Population:
    """The same Population the frame validator builds from these records."""
    return Population(
        applicants=_table([a.fields for a in applicants], APPLICANT_COLUMNS),
        sessions=_table([s for a in applicants for s in a.sessions], SESSION_COLUMNS),
        payouts=_table([p for a in applicants for p in a.payouts], PAYOUT_COLUMNS),
        proposals=_table([p for a in applicants for p in a.proposals], PROPOSAL_COLUMNS),
    )


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))
