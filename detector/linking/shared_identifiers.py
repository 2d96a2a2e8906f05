"""Pairs of profiles that share an identifier (payout account, phone, email, device, IP).

Identifiers arrive as keyed hashes. An identifier held by more than ``hub_cap`` profiles is a
hub (carrier-grade NAT, public Wi-Fi, a processor's pooled account) and links nobody: a front
cell is 5-30 personas, so a cap of 40 keeps every documented cell while cutting hubs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_NO_PAIRS = {"a": np.int64, "b": np.int64, "key": np.int64}


def _no_pairs() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _NO_PAIRS.items()})


def _sorted_pairs(a: np.ndarray, b: np.ndarray, key: np.ndarray) -> pd.DataFrame:
    """Pairs in (a, b, key) order: the order of the input rows never shows in the result."""
    pairs = pd.DataFrame({"a": np.asarray(a, dtype=np.int64), "b": np.asarray(b, dtype=np.int64),
                          "key": np.asarray(key, dtype=np.int64)})
    return pairs.sort_values(["a", "b", "key"], kind="stable", ignore_index=True)


def pairs_sharing(owners: np.ndarray, keys: np.ndarray, hub_cap: int) -> pd.DataFrame:
    """All pairs ``a < b`` of owner rows that hold a common key, with that key.

    ``owners`` are integer row positions of applicants, ``keys`` int64 hashes (same length).
    """
    df = pd.DataFrame({"owner": np.asarray(owners, dtype=np.int64),
                       "key": np.asarray(keys, dtype=np.int64)}).drop_duplicates()
    size = df.groupby("key")["owner"].transform("size")
    df = df[(size >= 2) & (size <= hub_cap)]
    if df.empty:
        return _no_pairs()
    merged = df.merge(df, on="key", suffixes=("_a", "_b"))
    merged = merged[merged["owner_a"] < merged["owner_b"]]
    return _sorted_pairs(merged["owner_a"].to_numpy(), merged["owner_b"].to_numpy(),
                         merged["key"].to_numpy())


def key_spans(owners: np.ndarray, keys: np.ndarray, times: np.ndarray) -> pd.DataFrame:
    """Each owner's use of each key: first and last time and the share of the owner's rows.

    Columns key, owner, min, max, share. ``owners``/``keys``/``times`` must hold all of an
    owner's rows (all its residential sessions): ``share`` is the part of them on the key. An
    owner's spans depend on its own rows only, so spans of disjoint sets of owners can be
    computed apart and concatenated (the batch path does that chunk by chunk).
    """
    df = pd.DataFrame({"owner": np.asarray(owners, dtype=np.int64),
                       "key": np.asarray(keys, dtype=np.int64),
                       "t": pd.to_datetime(times)})
    spans = df.groupby(["key", "owner"], sort=False)["t"].agg(["min", "max", "size"]).reset_index()
    total = spans.groupby("owner")["size"].transform("sum")
    spans["share"] = spans.pop("size") / total
    return spans


def pairs_overlapping(spans: pd.DataFrame, hub_cap: int, window_days: float,
                      min_share: float = 0.0) -> pd.DataFrame:
    """Pairs sharing a key whose spans (from :func:`key_spans`) lie within ``window_days``.

    A key held by more than ``hub_cap`` owners is a hub and links nobody. Of the others, only
    owners with at least ``min_share`` of their rows on the key take part: a laptop farm is where
    a persona's machine sits, so the farm's line carries most of its sessions, while an address
    a profile passes through (a mobile carrier's NAT, a cafe) is shared by strangers.
    """
    size = spans.groupby("key")["owner"].transform("size")
    spans = spans[(size >= 2) & (size <= hub_cap) & (spans["share"] >= min_share)]
    if spans.empty:
        return _no_pairs()
    m = spans.merge(spans, on="key", suffixes=("_a", "_b"))
    m = m[m["owner_a"] < m["owner_b"]]
    gap = np.maximum(m["min_a"], m["min_b"]) - np.minimum(m["max_a"], m["max_b"])
    m = m[gap <= pd.Timedelta(days=window_days)]
    if m.empty:
        return _no_pairs()
    return _sorted_pairs(m["owner_a"].to_numpy(), m["owner_b"].to_numpy(), m["key"].to_numpy())


def drop_same_agency(pairs: pd.DataFrame, agency: np.ndarray) -> pd.DataFrame:
    """Remove pairs that are not concealed links because of a declared agency.

    A pair of profiles that declare the same agency is the agency working openly. So is a pair
    of a declared member and a profile that declares nothing, joined by an identifier that
    members of that agency share among themselves (``key`` column: the agency's account or
    office line): a member who did not fill in the agency field is not a hidden network.
    """
    if pairs.empty:
        return pairs
    agency = np.asarray(agency, dtype=object)
    a_ag, b_ag = agency[pairs["a"].to_numpy()], agency[pairs["b"].to_numpy()]
    a_has, b_has = pd.notna(a_ag), pd.notna(b_ag)
    same = a_has & b_has & (a_ag == b_ag)
    if "key" in pairs and same.any():
        keys = pairs["key"].to_numpy()
        owner = pd.Series(a_ag[same], index=keys[same])
        owner = owner[~owner.index.duplicated()]
        key_agency = owner.reindex(keys).to_numpy(dtype=object)
        owned = pd.notna(key_agency)
        same |= owned & ((a_has & ~b_has & (a_ag == key_agency)) | (b_has & ~a_has & (b_ag == key_agency)))
    return pairs[~same]


def linked_counts(pairs: pd.DataFrame, n: int) -> np.ndarray:
    """Number of distinct other profiles each row is paired with."""
    if pairs.empty:
        return np.zeros(n)
    both = pd.DataFrame({"x": np.concatenate([pairs["a"], pairs["b"]]),
                         "y": np.concatenate([pairs["b"], pairs["a"]])}).drop_duplicates()
    counts = np.bincount(both["x"].to_numpy(), minlength=n)
    return counts.astype(float)
