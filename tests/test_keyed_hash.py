"""Keyed identifier hashes: stable, key-dependent, normalised, and never the raw value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from detector.linking.keyed_hash import MISSING_HASH, keyed_hash, normalise_identifier

KEY = b"test-key-0123456789"


def test_same_input_same_hash_and_other_key_other_hash() -> None:
    first = keyed_hash(["alice@example.com", "bob@example.com"], KEY, "email")
    again = keyed_hash(["alice@example.com", "bob@example.com"], KEY, "email")
    other = keyed_hash(["alice@example.com", "bob@example.com"], b"another key", "email")
    assert first.dtype == np.int64
    np.testing.assert_array_equal(first, again)
    assert first[0] != first[1]
    assert not np.intersect1d(first, other).size


def test_kind_is_part_of_the_hash() -> None:
    assert keyed_hash(["12345"], KEY, "device")[0] != keyed_hash(["12345"], KEY, "phone")[0]


@pytest.mark.parametrize(
    ("kind", "variants"),
    [
        ("phone", [" +1 312 555 0147", "+13125550147", "+1 (312) 555-0147", "001 312.555.0147"]),
        (
            "email",
            ["John.Smith+jobs@gmail.com", "johnsmith@googlemail.com", " JOHNSMITH@GMAIL.COM"],
        ),
        ("payout", ["DE89 3704 0044 0532 0130 00", "de89-3704-0044-0532-0130-00"]),
        ("ip", ["2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001"]),
        ("name", ["  Ana   Silva ", "ana silva", "ANA SILVA"]),
        ("device", ["ABC-123 ", "abc-123"]),
    ],
)
def test_normalisation_makes_variants_equal(kind: str, variants: list[str]) -> None:
    hashes = keyed_hash(variants, KEY, kind)
    assert len(set(hashes.tolist())) == 1, [normalise_identifier(v, kind) for v in variants]


def test_dots_matter_outside_gmail() -> None:
    hashes = keyed_hash(["john.smith@example.com", "johnsmith@example.com"], KEY, "email")
    assert hashes[0] != hashes[1]


def test_missing_values_get_the_sentinel() -> None:
    values = pd.Series(["", None, "  ", np.nan, pd.NA, "x"], dtype=object)
    hashes = keyed_hash(values, KEY, "device")
    assert (hashes[:5] == MISSING_HASH).all()
    assert hashes[5] != MISSING_HASH


def test_bad_kind_and_key_are_explained() -> None:
    with pytest.raises(ValueError, match="kind 'iban' is unknown"):
        keyed_hash(["x"], KEY, "iban")
    with pytest.raises(ValueError, match="key must be non-empty bytes"):
        keyed_hash(["x"], b"", "phone")


@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=20))
def test_raw_value_never_appears_in_output(values: list[str]) -> None:
    hashes = keyed_hash(values, KEY, "name")
    text = " ".join(str(h) for h in hashes.tolist())
    assert hashes.dtype == np.int64 and len(hashes) == len(values)
    for value in values:
        normalised = normalise_identifier(value, "name")
        if len(normalised) >= 4 and not normalised.lstrip("-").isdigit():
            assert normalised not in text
    # The same value always maps to the same hash inside one call.
    by_value: dict[str, int] = {}
    for value, code in zip(values, hashes.tolist(), strict=True):
        assert by_value.setdefault(normalise_identifier(value, "name"), code) == code


def test_many_repeated_values_are_hashed_once_per_distinct_value() -> None:
    values = [f"+1 312 555 {i % 1000:04d}" for i in range(200_000)]
    hashes = keyed_hash(values, KEY, "phone")
    assert len(np.unique(hashes)) == 1000
