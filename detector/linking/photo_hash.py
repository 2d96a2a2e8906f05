"""Profile photos reused across personas: 64-bit perceptual hashes within a few bits.

Sub-quadratic search by the pigeonhole principle (multi-index hashing, Norouzi et al. 2012):
split the 64 bits into ``s`` bands; two hashes within ``max_bits`` differ in at most
``max_bits // s`` bits of at least one band. With ``s = max_bits + 1`` that band is equal;
with fewer, wider bands each hash probes its band keys flipped in up to ``max_bits // s``
bits. Wider bands mean far smaller buckets, so ``s`` is chosen per call to minimise the
expected work. Every candidate is verified with a popcount, so the result equals brute force.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

__all__ = ["MAX_BITS", "MAX_BUCKET", "near_photo_pairs", "parse_photo_hashes"]

#: Default largest Hamming distance for "the same photo".
MAX_BITS = 6
#: A hash value (or band bucket) shared by more photos than this is a placeholder (a default
#: avatar, a stock image) and yields no pairs; fronts reuse one photo across 5-30 personas.
MAX_BUCKET = 100


def parse_photo_hashes(hashes: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """Hex hashes as uint64 with a presence mask (None or '' -> absent).

    Raises ``ValueError`` naming the first bad values when a hash is not 16 hex digits.
    """
    values = np.zeros(len(hashes), dtype=np.uint64)
    present = np.zeros(len(hashes), dtype=bool)
    bad: list[str] = []
    for position, text in enumerate(hashes):
        if text is None or (isinstance(text, float) and text != text) or text is pd.NA:
            continue
        text = str(text).strip()
        if not text:
            continue
        if len(text) != 16:
            bad.append(text)
            continue
        try:
            values[position] = int(text, 16)
        except ValueError:
            bad.append(text)
            continue
        present[position] = True
    if bad:
        raise ValueError(
            f"{len(bad)} photo hashes are not 16 hex digits (64-bit perceptual hashes), "
            f"e.g. {bad[:3]!r}; give the hash as hex such as 'c3d4e5f6a7b8c9d0'"
        )
    return values, present


def _band_layout(bands: int) -> list[tuple[int, int]]:
    """(shift, width) of each band; the 64 bits split as evenly as possible."""
    widths = [64 // bands + (1 if band < 64 % bands else 0) for band in range(bands)]
    shifts = np.concatenate(([0], np.cumsum(widths)[:-1])).tolist()
    return list(zip(shifts, widths, strict=True))


def _flip_masks(width: int, radius: int) -> np.ndarray:
    masks = [0]
    for flips in range(1, radius + 1):
        for bits in combinations(range(width), flips):
            masks.append(sum(1 << bit for bit in bits))
    return np.array(masks, dtype=np.uint64)


def _choose_bands(n: int, max_bits: int, max_bucket: int) -> int:
    """Bands with the least expected work: probes x (lookup cost + expected bucket size).

    A probe is two binary searches (about 20 cache misses); a candidate is one popcount.
    Layouts whose buckets would reach the cap by chance alone (uniform hashes) are avoided.
    """
    best, best_cost = max_bits + 1, float("inf")
    for bands in range(1, max_bits + 2):
        layout = _band_layout(bands)
        radius = max_bits // bands
        crowded = any(n / 2.0**width > max_bucket / 8 for _, width in layout)
        cost = sum(
            len(_flip_masks(width, radius)) * (20 + n / 2.0**width)
            if radius <= 3 and not crowded
            else np.inf
            for _, width in layout
        )
        if cost < best_cost:
            best, best_cost = bands, cost
    return best


class _BucketTable:
    """Where each key's run starts in the sorted keys, and its length (0 for a bucket above
    the cap, which yields no candidates).

    Narrow keys get a direct table (one counting pass, then two array reads per query):
    a population probes each hash hundreds of times, and a binary search per probe made the
    search grow faster than the population. Wide keys fall back to binary search.
    """

    DIRECT_MAX_BITS = 22  # 2**22 starts and counts: 32 MB at most

    def __init__(self, sorted_keys: np.ndarray, width: int, max_bucket: int):
        """``sorted_keys`` hold ``width`` bits, in ascending order."""
        self._direct = width <= self.DIRECT_MAX_BITS
        self._max_bucket = max_bucket
        if self._direct:
            counts = np.bincount(sorted_keys.astype(np.int64), minlength=1 << width)
            # Narrow integers halve the table, which is read once per query.
            small = np.int32 if sorted_keys.size < 2**31 else np.int64
            self._starts = (np.cumsum(counts) - counts).astype(small)
            counts[counts > max_bucket] = 0
            self._counts = counts.astype(small)
        else:
            self._sorted = sorted_keys

    def find(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Start in the sorted keys and number of keys equal to each query (of ``width`` bits),
        the number 0 when the bucket holds more than ``max_bucket`` keys."""
        if self._direct:
            return self._starts[query], self._counts[query]
        lo = np.searchsorted(self._sorted, query, side="left")
        sizes = np.searchsorted(self._sorted, query, side="right") - lo
        return lo, np.where(sizes > self._max_bucket, 0, sizes)


def _probe(bucket: _BucketTable, order: np.ndarray, queries: np.ndarray,
           mask: np.generic) -> tuple[np.ndarray, np.ndarray]:
    """Every (query position, row) with the row's key equal to the query's key ^ ``mask``
    (rows in capped buckets left out)."""
    lo, sizes = bucket.find(queries ^ mask)
    hit = np.flatnonzero(sizes)
    lo, sizes = lo[hit].astype(np.int64), sizes[hit].astype(np.int64)
    source = np.repeat(hit, sizes)
    first = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return source, order[np.repeat(lo, sizes) + np.arange(source.size) - first]


def _candidates(values: np.ndarray, max_bits: int, max_bucket: int) -> np.ndarray:
    """Encoded pairs i * n + j (i < j) that agree within radius on some band.

    A pair counts when the band bucket of its later row ``j`` is within ``max_bucket``.
    """
    n = values.size
    bands = _choose_bands(n, max_bits, max_bucket)
    radius = max_bits // bands
    found: list[np.ndarray] = []

    def verified(left: np.ndarray, right: np.ndarray) -> None:
        close = np.bitwise_count(values[left] ^ values[right]) <= max_bits
        found.append(left[close].astype(np.int64) * n + right[close])

    for shift, width in _band_layout(bands):
        keys = (values >> np.uint64(shift)) & np.uint64((1 << width) - 1)
        if width <= 32:  # half the memory traffic of every probe below
            keys = keys.astype(np.uint32)
        order = np.argsort(keys, kind="stable")
        # Probes in key order: a key and its flipped copy lie near each other in the table
        # (or far by one fixed step), so the table is read nearly in sequence instead of at
        # random, ~700 times over the population at 1,000,000 photos.
        queries = keys[order]
        bucket = _BucketTable(queries, width, max_bucket)
        runs = np.unique(queries, return_counts=True)[1]
        crowded = np.repeat(runs > max_bucket, runs)  # per query: its own bucket is capped
        crowded_at = np.flatnonzero(crowded)
        sides: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for mask in _flip_masks(width, radius).astype(keys.dtype):
            if mask == 0:  # rows of one bucket pair up with each other
                source, right = _probe(bucket, order, queries, mask)
                left = order[source]
                keep = left < right
                verified(left[keep], right[keep])
                continue
            # Keys that differ by the mask differ in its top bit: each pair of them is found
            # once, from the key with that bit clear, instead of once from either end.
            top = int(mask).bit_length() - 1
            if top not in sides:
                bit = (queries >> keys.dtype.type(top)) & keys.dtype.type(1)
                clear = np.flatnonzero(bit == 0).astype(np.int32 if n < 2**31 else np.int64)
                sides[top] = (clear, queries[clear], crowded_at[bit[crowded_at] == 1])
            clear, clear_queries, crowded_set = sides[top]
            source, right = _probe(bucket, order, clear_queries, mask)
            at = clear[source]
            left = order[at]
            # The pair counts when the later row's bucket is within the cap (the other
            # end's bucket was checked by the probe).
            keep = (right > left) | ~crowded[at]
            left, right = left[keep], right[keep]
            verified(np.minimum(left, right), np.maximum(left, right))
            if crowded_set.size:  # pairs whose earlier row has its bit set and a capped bucket
                source, right = _probe(bucket, order, queries[crowded_set], mask)
                left = order[crowded_set[source]]
                keep = right > left
                verified(left[keep], right[keep])
        del sides
    if not found:
        return np.empty(0, dtype=np.int64)
    return np.unique(np.concatenate(found))


def near_photo_pairs(
    hashes: Sequence[str | None], max_bits: int = MAX_BITS, max_bucket: int = MAX_BUCKET
) -> pd.DataFrame:
    """Pairs ``i < j`` of photos within ``max_bits`` bits, with their ``distance``.

    Identical hashes are grouped first; a hash shared by more than ``max_bucket`` photos is a
    placeholder and yields no pairs (its row count is in ``result.attrs["placeholder_rows"]``).
    Among distinct hashes a band bucket with more than ``max_bucket`` members is skipped, so
    the work per hash is bounded; the band layout is chosen so that uniformly spread hashes
    fill buckets to at most ``max_bucket / 8`` on average (only dense clusters hit the cap).
    """
    if not 0 <= max_bits < 64:
        raise ValueError(f"max_bits={max_bits} must be between 0 and 63")
    values, present = parse_photo_hashes(hashes)
    rows = np.flatnonzero(present)
    distinct, group, counts = np.unique(values[rows], return_inverse=True, return_counts=True)
    placeholder = counts > max_bucket
    usable = np.flatnonzero(~placeholder)
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    # Rows sharing one hash value pair up with each other (distance 0).
    order = np.argsort(group, kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    for value in np.flatnonzero((counts >= 2) & ~placeholder):
        members = rows[order[starts[value] : starts[value] + counts[value]]]
        a, b = np.triu_indices(members.size, k=1)
        lefts.append(members[a])
        rights.append(members[b])
    # Distinct values within max_bits pair up every row of one with every row of the other.
    codes = _candidates(distinct[usable], max_bits, max_bucket)
    m = usable.size
    us, vs = usable[codes // max(m, 1)], usable[codes % max(m, 1)]
    # Most photos are the only one with their hash: those pairs need no per-pair work.
    single = (counts[us] == 1) & (counts[vs] == 1)
    lefts.append(rows[order[starts[us[single]]]])
    rights.append(rows[order[starts[vs[single]]]])
    for u, v in zip(us[~single], vs[~single], strict=True):
        rows_u = rows[order[starts[u] : starts[u] + counts[u]]]
        rows_v = rows[order[starts[v] : starts[v] + counts[v]]]
        lefts.append(np.repeat(rows_u, rows_v.size))
        rights.append(np.tile(rows_v, rows_u.size))
    if lefts:
        left = np.concatenate(lefts)
        right = np.concatenate(rights)
    else:
        left = right = np.empty(0, dtype=np.int64)
    i, j = np.minimum(left, right), np.maximum(left, right)
    distance = np.bitwise_count(values[i] ^ values[j]).astype(np.int64)
    result = pd.DataFrame(
        {"i": i.astype(np.int64), "j": j.astype(np.int64), "distance": distance}
    ).sort_values(["i", "j"], ignore_index=True)
    result.attrs["placeholder_rows"] = int(counts[placeholder].sum())
    return result
