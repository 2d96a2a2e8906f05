"""Hypothesis strategies for raw applicant input: plausible values, wrong types and junk.

Each field draws from a mix of valid values, near misses ('USA', '2026-13-01', '999.1.1.1')
and values of the wrong type (lists, objects, booleans, NaN), and any field may be absent.
Ids come from a small pool so duplicates and cross-table joins actually happen.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

from hypothesis import strategies as st

ID_POOL = ["a-1", "a-2", "a-3", "a-4", "NA", " ", ""]

scalars_and_junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "Z"


timestamps = st.one_of(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
    ).map(_rfc3339),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)).map(
        lambda moment: moment.isoformat()  # no zone: malformed
    ),
    st.sampled_from(
        ["2026-13-01T00:00:00Z", "2026-09-14", "yesterday", "2026-09-14T16:02:11+02:00",
         "2026-09-14t16:02:11z", "9999-01-01T00:00:00Z", "0001-01-01T00:00:00Z"]
    ),
    scalars_and_junk,
)
countries = st.one_of(
    st.sampled_from(["US", "us", "DE", "KP", "NA", "USA", "United States", "ZZ", " gb ", ""]),
    scalars_and_junk,
)
timezones = st.one_of(
    st.sampled_from(["America/Chicago", "Asia/Pyongyang", "UTC", "america/chicago", "Mars/Base"]),
    scalars_and_junk,
)
ips = st.one_of(
    st.ip_addresses().map(str),
    st.sampled_from(["999.1.1.1", "01.2.3.4", "::ffff:1.2.3.4", "2001:DB8::1", "localhost"]),
    scalars_and_junk,
)
numbers = st.one_of(
    st.floats(min_value=-10, max_value=1e6), st.integers(-5, 10**6),
    st.sampled_from(["45", " 5400 ", "abc", "inf", "nan"]), scalars_and_junk,
)
flags = st.one_of(st.sampled_from([True, False, 0, 1, "true", "FALSE", "1", "maybe"]), scalars_and_junk)
labels = st.one_of(st.sampled_from([0, 1, 0.0, 1.0, "1", "0", 2, "yes"]), scalars_and_junk)
phashes = st.one_of(
    st.text(alphabet="0123456789abcdefABCDEF", min_size=15, max_size=17), scalars_and_junk
)
texts = st.one_of(st.text(max_size=20), scalars_and_junk)
ids = st.one_of(st.sampled_from(ID_POOL), scalars_and_junk)

valid_timestamps = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
).map(_rfc3339)
# Per record kind: field -> (strategy of valid values, strategy of any value) and required fields.
SESSION_FIELDS = {
    "started_at": (valid_timestamps, timestamps),
    "ip": (st.ip_addresses().map(str), ips),
    "device_id": (st.text(max_size=8), texts),
    "browser_timezone": (st.sampled_from(["America/Chicago", "Asia/Pyongyang"]), timezones),
    "remote_access": (st.booleans(), flags),
    "duration_s": (st.integers(0, 86_400), numbers),
}
PAYOUT_FIELDS = {
    "method": (st.sampled_from(["bank", "paypal", "crypto"]), st.one_of(
        st.sampled_from(["Wise", "venmo", ""]), scalars_and_junk)),
    "account_ref": (st.text(min_size=1, max_size=8).filter(str.strip), texts),
    "account_country": (st.sampled_from(["US", "KP", "NA"]), countries),
    "holder_name": (st.text(max_size=8), texts),
}
PROPOSAL_FIELDS = {
    "submitted_at": (valid_timestamps, timestamps),
    "text": (st.text(min_size=1, max_size=20), texts),
}


@st.composite
def perturbed(draw, fields: dict, required: tuple[str, ...], extra: dict | None = None) -> dict:
    """A valid record (all required fields, some optional ones), then up to two fields
    deleted or replaced by a near miss or junk."""
    record = {}
    for name, (valid, _any) in fields.items():
        if name in required or draw(st.booleans()):
            record[name] = draw(valid)
    for name, value in (extra or {}).items():
        record[name] = draw(value)
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=2, unique=True)):
        if draw(st.booleans()):
            record.pop(name, None)
        else:
            record[name] = draw(fields[name][1])
    return record


session_dicts = perturbed(SESSION_FIELDS, ("started_at", "ip"), {"extra": scalars_and_junk})
payout_dicts = perturbed(PAYOUT_FIELDS, ("method", "account_ref"))
proposal_dicts = perturbed(PROPOSAL_FIELDS, ("submitted_at", "text"))


def _nested(items: st.SearchStrategy) -> st.SearchStrategy:
    """A nested list: mostly a list of objects, sometimes with junk items, sometimes not a list."""
    return st.one_of(
        st.lists(items, max_size=4),
        st.lists(items, max_size=4),
        st.lists(st.one_of(items, scalars_and_junk), max_size=3),
        scalars_and_junk,
    )


APPLICANT_FIELDS = {
    "applicant_id": (st.one_of(st.integers(0, 40).map("a-{}".format), st.just("NA")), ids),
    "created_at": (valid_timestamps, timestamps),
    "full_name": (st.text(max_size=8), texts),
    "email": (st.text(max_size=8), texts),
    "phone": (st.text(max_size=8), texts),
    "claimed_country": (st.sampled_from(["US", "DE", "KP", "NA"]), countries),
    "claimed_city": (st.text(max_size=8), texts),
    "claimed_timezone": (st.sampled_from(["America/Chicago", "Asia/Pyongyang"]), timezones),
    "resume_text": (st.text(max_size=20), texts),
    "photo_phash": (st.text(alphabet="0123456789abcdef", min_size=16, max_size=16), phashes),
    "github_url": (st.text(max_size=8), texts),
    "hourly_rate_usd": (st.floats(0, 500), numbers),
    "shipping_country": (st.sampled_from(["US", "KP"]), countries),
    "agency_id": (st.text(max_size=4), texts),
    "label": (st.sampled_from([0, 1]), labels),
    "sessions": (st.lists(session_dicts, max_size=4), _nested(session_dicts)),
    "payouts": (st.lists(payout_dicts, max_size=3), _nested(payout_dicts)),
    "proposals": (st.lists(proposal_dicts, max_size=2), _nested(proposal_dicts)),
}
applicant_dicts = perturbed(
    APPLICANT_FIELDS,
    ("applicant_id", "created_at", "claimed_country", "sessions"),
    {"unknown_field": scalars_and_junk},
)
# Anything an API body might hold in place of an applicant object.
records = st.one_of(applicant_dicts, applicant_dicts, scalars_and_junk)


def _json_line(value: object) -> str:
    return json.dumps(value, allow_nan=True, default=str)


# One line of a JSON Lines file: an applicant, a JSON value that is not an object, or not JSON.
jsonl_lines = st.one_of(
    applicant_dicts.map(_json_line),
    applicant_dicts.map(_json_line),
    scalars_and_junk.map(_json_line),
    st.sampled_from(["{", "not json", '{"applicant_id": "a-1",}', "[1, 2]", "null", "   "]),
)

# Table form: cells are text (as CSV holds them) or absent.
cells = st.one_of(st.none(), st.text(max_size=10))


def table_rows(columns: dict[str, st.SearchStrategy], max_size: int = 6) -> st.SearchStrategy:
    return st.lists(
        st.fixed_dictionaries({name: weighted(s, st.none()) for name, s in columns.items()}),
        max_size=max_size,
    )


def as_cell(value: object) -> str | None:
    """A value as a CSV writer would hold it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, str) else json.dumps(value, default=str)


def weighted(common: st.SearchStrategy, rare: st.SearchStrategy, odds: int = 5):
    """``common`` ``odds`` times as often as ``rare`` (one_of alone would not weight them)."""
    return st.integers(0, odds).flatmap(lambda k: rare if k == 0 else common)


def _mostly(valid: st.SearchStrategy, anything: st.SearchStrategy) -> st.SearchStrategy:
    return weighted(valid, anything.map(as_cell))


TABLE_IDS = ["a-1", "a-2", "NA"]  # few ids, so rows of the other tables find their applicant
table_ids = weighted(st.sampled_from(TABLE_IDS), st.one_of(cells, st.sampled_from(ID_POOL)))
table_columns = {
    "applicants": {
        "applicant_id": _mostly(st.sampled_from(TABLE_IDS), ids),
        "created_at": _mostly(valid_timestamps, timestamps),
        "claimed_country": _mostly(st.sampled_from(["US", "NA"]), countries),
        "claimed_timezone": _mostly(st.just("Asia/Pyongyang"), timezones),
        "hourly_rate_usd": _mostly(st.just("45"), numbers),
        "email": cells,
    },
    "sessions": {
        "applicant_id": table_ids,
        "started_at": _mostly(valid_timestamps, timestamps),
        "ip": _mostly(st.ip_addresses().map(str), ips),
        "remote_access": _mostly(st.sampled_from(["true", "0"]), flags),
        "duration_s": _mostly(st.just("60"), numbers),
    },
    "payouts": {
        "applicant_id": table_ids,
        "method": st.sampled_from(["bank", "venmo", "Wise"]),
        "account_ref": _mostly(st.just("acct"), cells),
        "account_country": _mostly(st.just("KP"), countries),
    },
    "proposals": {
        "applicant_id": table_ids,
        "submitted_at": _mostly(valid_timestamps, timestamps),
        "text": _mostly(st.just("hello"), cells),
    },
    "labels": {"applicant_id": table_ids, "label": _mostly(st.sampled_from(["0", "1"]), labels)},
}


def _id_key(record: dict) -> str:
    return repr(record.get("applicant_id"))


# An API body: anything goes, or applicants with distinct ids (so most of them are accepted).
batches = st.one_of(
    st.lists(records, max_size=8),
    st.lists(applicant_dicts, max_size=6, unique_by=_id_key),
)
