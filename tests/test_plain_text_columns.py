"""The shortcuts for JSON text columns in ``detector.io.coerce`` give what the general path gives.

A column parsed from JSON that holds only strings and None is converted once per distinct
value (codes, IP addresses) or parsed as it stands when every value is a plain RFC 3339
timestamp. The general path is what the same
values take as a pandas string column (the path an object column of text took before), so
each shortcut is compared with it on values chosen to catch the differences: surrounding
white space of every kind, lower-case 't' and 'z', offsets without a colon, empty strings,
odd IPs and zone names, and None.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.io import coerce
from detector.io.reference_codes import country_codes, timezone_names

EXAMPLES = settings(max_examples=100, deadline=None)
SPACES = ["", " ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\u00a0", "\u2003", "\u3000", "\u200b", "\ufeff"]
TIMESTAMPS = [
    "2026-09-14T16:02:11Z", "2026-09-14t16:02:11z", "2026-09-14 16:02:11Z",
    "2026-09-14T16:02:11.123456789123+02:00", "2026-09-14T16:02:11+0530", "2026-09-14T16:02:11-03:30",
    "2026-09-14T16:02:11", "2026-09-14", "1500-01-01T00:00:00Z", "2300-01-01T00:00:00Z",
    "2026-02-30T00:00:00Z", "2026-09-14T24:00:00Z", "2026-09-14T23:59:60Z", "２０２６-09-14T16:02:11Z",
    "2026-09-14T16:02:11.Z", "2026-09-14T16:02:11+25:00", "not a time",
]
IPS = ["203.0.113.7", "203.0.113.07", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "::ffff:203.0.113.7",
       "fe80::1%eth0", "256.1.1.1", "1.2.3", "::", "2001:db8::g", "localhost"]
COUNTRIES = ["US", "us", "Us", "GB", "UK", "XX", "NA", "na", "USA", "ＵＳ"]
ZONES = ["America/Chicago", "america/chicago", "UTC", "Etc/GMT+5", "Europe/Kyiv", "Mars/Base"]


def spaced(words: list[str]) -> st.SearchStrategy[str | None]:
    word = st.sampled_from(words)
    return st.one_of(
        st.none(), st.just(""), word,
        st.tuples(st.sampled_from(SPACES), word, st.sampled_from(SPACES)).map("".join),
    )


def columns(words: list[str]) -> st.SearchStrategy[list]:
    return st.lists(spaced(words), min_size=2, max_size=40)


def as_objects(values: pd.Series) -> list:
    """Values as validated tables hold them: objects, None where absent."""
    return [None if v is None or (isinstance(v, float) and np.isnan(v)) else v
            for v in values.astype(object).tolist()]


def both(convert, values: list):
    shortcut = convert(pd.Series(values, dtype=object))
    general = convert(pd.Series(values, dtype="str"))
    return shortcut, general


def same_masks(shortcut, general) -> None:
    assert shortcut[1].to_numpy(dtype=bool).tolist() == general[1].to_numpy(dtype=bool).tolist()


@EXAMPLES
@given(columns(TIMESTAMPS))
def test_timestamp_shortcut_matches_general_path(values):
    shortcut, general = both(coerce.timestamps, values)
    assert shortcut[0].dtype == general[0].dtype
    assert shortcut[0].tolist() == general[0].tolist()
    same_masks(shortcut, general)


@EXAMPLES
@given(columns(IPS))
def test_ip_shortcut_matches_general_path(values):
    shortcut, general = both(coerce.ip_addresses, values)
    assert as_objects(shortcut[0]) == as_objects(general[0])
    same_masks(shortcut, general)


@EXAMPLES
@given(columns(COUNTRIES), columns(ZONES))
def test_code_shortcut_matches_general_path(countries, zones):
    for values, allowed, normalise in ((countries, country_codes(), coerce.upper),
                                       (zones, timezone_names(), coerce.unchanged)):
        shortcut, general = both(lambda s, a=allowed, n=normalise: coerce.codes(s, a, n), values)
        assert as_objects(shortcut[0]) == as_objects(general[0])
        same_masks(shortcut, general)


def test_shortcuts_apply_only_to_text_and_none():
    """A column mixing text with numbers (a huge one too), booleans or lists takes the general
    path, and so does a column of None only."""
    mixed = pd.Series(["US", 1, None, True, ["US"], 10**30], dtype=object)
    assert coerce._arrow_text(mixed) is None
    assert not coerce._plain_text_column(mixed)
    values, wrong = coerce.text(mixed)
    assert wrong.tolist() == [False, False, False, True, True, False]
    assert as_objects(values) == ["US", "1", None, None, None, str(10**30)]
    assert coerce.codes(mixed, country_codes(), coerce.upper)[1].tolist() == [
        False, True, False, True, True, True]
    assert coerce.ip_addresses(mixed)[1].tolist() == [True, True, False, True, True, True]
    assert coerce.timestamps(mixed)[1].tolist() == [True, True, False, True, True, True]
    absent = pd.Series([None, None], dtype=object)
    assert coerce._arrow_text(absent) is None
    assert coerce.codes(absent, country_codes(), coerce.upper)[1].tolist() == [False, False]


def test_a_number_is_read_alike_in_a_text_column_and_in_a_mixed_one() -> None:
    # A mixed column (a number beside the text) took Python's float(), which reads "1_000" and
    # Arabic-Indic digits; an all-text column took pandas, which does not: the verdict on the
    # same record depended on the rest of its chunk.
    odd = ["1_000", "\u0661\u0662", " 7 ", "1e3", "+5", "abc", ""]
    as_text = pd.Series(odd, dtype=object)
    mixed = pd.Series([*odd, 3.5], dtype=object)
    text_values, text_wrong = coerce.numbers(as_text)
    mixed_values, mixed_wrong = coerce.numbers(mixed)
    assert text_wrong.tolist() == mixed_wrong.tolist()[:-1] == [True, True, False, False, False, True, False]
    np.testing.assert_array_equal(text_values.to_numpy(), mixed_values.to_numpy()[:-1])
