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

session_dicts = st.fixed_dictionaries(
    {},
    optional={
        "started_at": timestamps, "ip": ips, "device_id": texts, "browser_timezone": timezones,
        "remote_access": flags, "duration_s": numbers, "extra": scalars_and_junk,
    },
)
payout_dicts = st.fixed_dictionaries(
    {},
    optional={
        "method": st.one_of(st.sampled_from(["bank", "Wise", "venmo", ""]), scalars_and_junk),
        "account_ref": texts, "account_country": countries, "holder_name": texts,
    },
)
proposal_dicts = st.fixed_dictionaries({}, optional={"submitted_at": timestamps, "text": texts})


def _nested(items: st.SearchStrategy) -> st.SearchStrategy:
    """A nested list: mostly a list of objects, sometimes with junk items, sometimes not a list."""
    return st.one_of(
        st.lists(items, max_size=4),
        st.lists(st.one_of(items, scalars_and_junk), max_size=3),
        scalars_and_junk,
    )


applicant_dicts = st.fixed_dictionaries(
    {},
    optional={
        "applicant_id": ids, "created_at": timestamps, "full_name": texts, "email": texts,
        "phone": texts, "claimed_country": countries, "claimed_city": texts,
        "claimed_timezone": timezones, "resume_text": texts, "photo_phash": phashes,
        "github_url": texts, "hourly_rate_usd": numbers, "shipping_country": countries,
        "agency_id": texts, "label": labels, "sessions": _nested(session_dicts),
        "payouts": _nested(payout_dicts), "proposals": _nested(proposal_dicts),
        "unknown_field": scalars_and_junk,
    },
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
        st.fixed_dictionaries({name: st.one_of(st.none(), s) for name, s in columns.items()}),
        max_size=max_size,
    )


def as_cell(value: object) -> str | None:
    """A value as a CSV writer would hold it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, str) else json.dumps(value, default=str)


text_cells = st.one_of(cells, st.sampled_from(ID_POOL))
table_columns = {
    "applicants": {
        "applicant_id": st.sampled_from(ID_POOL), "created_at": timestamps.map(as_cell),
        "claimed_country": countries.map(as_cell), "claimed_timezone": timezones.map(as_cell),
        "hourly_rate_usd": numbers.map(as_cell), "email": cells,
    },
    "sessions": {
        "applicant_id": text_cells, "started_at": timestamps.map(as_cell), "ip": ips.map(as_cell),
        "remote_access": flags.map(as_cell), "duration_s": numbers.map(as_cell),
    },
    "payouts": {
        "applicant_id": text_cells, "method": st.sampled_from(["bank", "venmo", "Wise"]),
        "account_ref": cells, "account_country": countries.map(as_cell),
    },
    "proposals": {
        "applicant_id": text_cells, "submitted_at": timestamps.map(as_cell), "text": cells,
    },
    "labels": {"applicant_id": text_cells, "label": labels.map(as_cell)},
}
