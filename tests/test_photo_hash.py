"""Photo reuse: the banded search finds exactly what brute force finds."""

from __future__ import annotations

import numpy as np
import pytest

from detector.linking.photo_hash import near_photo_pairs


def _hex(values: np.ndarray) -> list[str]:
    return [f"{int(value):016x}" for value in values]


def _random_hashes(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(0, 2**64 - 1, n, dtype=np.uint64, endpoint=True)


def _flip(value: int, bits: np.ndarray) -> int:
    for bit in bits:
        value ^= 1 << int(bit)
    return value


def test_flipped_copies_found_and_far_ones_not() -> None:
    rng = np.random.default_rng(7)
    base = int(_random_hashes(rng, 1)[0])
    near = [_flip(base, rng.choice(64, k, replace=False)) for k in range(7)]
    far = [_flip(base, rng.choice(64, k, replace=False)) for k in (7, 10, 32)]
    hashes = _hex(np.array([base, *near, *far], dtype=np.uint64))
    pairs = near_photo_pairs(hashes, max_bits=6)
    with_base = set(pairs.loc[pairs.i == 0, "j"])
    assert with_base == set(range(1, 8))
    assert pairs.distance.max() <= 6


@pytest.mark.parametrize(
    ("max_bits", "max_bucket"), [(0, 100), (3, 100), (6, 100), (6, 8), (10, 100)]
)
def test_matches_brute_force(max_bits: int, max_bucket: int) -> None:
    rng = np.random.default_rng(max_bits)
    values = _random_hashes(rng, 3000)
    # Plant clusters of near copies so there is something to find.
    for target in rng.integers(0, values.size, 600):
        source = int(values[rng.integers(0, values.size)])
        values[target] = _flip(source, rng.choice(64, rng.integers(0, max_bits + 3), replace=False))
    pairs = near_photo_pairs(_hex(values), max_bits=max_bits, max_bucket=max_bucket)
    distance = np.bitwise_count(values[:, None] ^ values[None, :])
    i, j = np.nonzero(np.triu(distance <= max_bits, k=1))
    assert set(zip(pairs.i.tolist(), pairs.j.tolist(), strict=True)) == set(
        zip(i.tolist(), j.tolist(), strict=True)
    )
    assert (pairs.distance.to_numpy() == distance[pairs.i, pairs.j]).all()
    assert len(pairs) > 0


def test_missing_hashes_skipped_and_duplicates_paired() -> None:
    pairs = near_photo_pairs(["00000000000000ff", None, "", "00000000000000ff", "00000000000000fe"])
    assert pairs[["i", "j", "distance"]].values.tolist() == [[0, 3, 0], [0, 4, 1], [3, 4, 1]]


def test_placeholder_photo_shared_by_many_is_not_evidence() -> None:
    hashes = ["ffffffffffffffff"] * 150 + ["0123456789abcdef", "0123456789abcdee"]
    pairs = near_photo_pairs(hashes, max_bucket=100)
    assert pairs[["i", "j"]].values.tolist() == [[150, 151]]
    assert pairs.attrs["placeholder_rows"] == 150


def test_bad_hash_is_named() -> None:
    with pytest.raises(ValueError, match="not 16 hex digits.*'xyz'"):
        near_photo_pairs(["0123456789abcdef", "xyz"])


def _capped_reference(values: np.ndarray, max_bits: int, max_bucket: int) -> set[tuple[int, int]]:
    """Pairs i < j within ``max_bits`` meeting in a band within its radius, where the band
    bucket of the later row ``j`` holds at most ``max_bucket`` keys: the search's rule, by brute
    force."""
    from detector.linking.photo_hash import _band_layout, _choose_bands

    bands = _choose_bands(values.size, max_bits, max_bucket)
    radius = max_bits // bands
    close = np.triu(np.bitwise_count(values[:, None] ^ values[None, :]) <= max_bits, k=1)
    found: set[tuple[int, int]] = set()
    for shift, width in _band_layout(bands):
        keys = (values >> np.uint64(shift)) & np.uint64((1 << width) - 1)
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        within_cap = counts[inverse] <= max_bucket
        meet = np.bitwise_count(keys[:, None] ^ keys[None, :]) <= radius
        i, j = np.nonzero(close & meet & within_cap[None, :])
        found |= set(zip(i.tolist(), j.tolist(), strict=True))
    return found


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_crowded_band_buckets_follow_the_later_row_rule(seed: int) -> None:
    """Clusters whose copies share one band key overflow that band's bucket: a pair with one
    end in such a bucket counts exactly when the later row's bucket is within the cap."""
    from detector.linking.photo_hash import _candidates

    rng = np.random.default_rng(seed)
    values = list(_random_hashes(rng, 2500))
    for base in _random_hashes(rng, 25):
        for _ in range(12):  # same low band, crowded
            values.append(_flip(int(base), rng.choice(np.arange(30, 64), rng.integers(1, 4), replace=False)))
        for _ in range(6):  # a bit or two away in the low band: other buckets, near the crowd
            low = rng.choice(np.arange(0, 20), rng.integers(1, 3), replace=False)
            high = rng.choice(np.arange(30, 64), rng.integers(0, 3), replace=False)
            values.append(_flip(int(base), np.concatenate([low, high])))
    distinct = np.unique(np.array(values, dtype=np.uint64))
    distinct = distinct[rng.permutation(distinct.size)]
    codes = _candidates(distinct, 6, 5)
    got = set(zip((codes // distinct.size).tolist(), (codes % distinct.size).tolist(), strict=True))
    expected = _capped_reference(distinct, 6, 5)
    assert got == expected
    # the cap decided some pairs: without it there are more
    assert len(_capped_reference(distinct, 6, 10_000)) > len(expected)
