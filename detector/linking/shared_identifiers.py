"""Pairs of profiles that share an identifier (payout account, phone, email, device, IP).

Identifiers arrive as keyed hashes. An identifier held by more than ``hub_cap`` profiles is a
hub (carrier-grade NAT, public Wi-Fi, a processor's pooled account) and links nobody: a front
cell is 5-30 personas, so a cap of 40 keeps every documented cell while cutting hubs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def pairs_sharing(owners: np.ndarray, keys: np.ndarray, hub_cap: int) -> pd.DataFrame:
    """All pairs ``a < b`` of owner rows that hold a common key, with that key.

    ``owners`` are integer row positions of applicants, ``keys`` int64 hashes (same length).
    """
    df = pd.DataFrame({"owner": np.asarray(owners, dtype=np.int64),
                       "key": np.asarray(keys, dtype=np.int64)}).drop_duplicates()
    size = df.groupby("key")["owner"].transform("size")
    df = df[(size >= 2) & (size <= hub_cap)]
    if df.empty:
        return pd.DataFrame({"a": pd.Series(dtype=np.int64), "b": pd.Series(dtype=np.int64),
                             "key": pd.Series(dtype=np.int64)})
    merged = df.merge(df, on="key", suffixes=("_a", "_b"))
    merged = merged[merged["owner_a"] < merged["owner_b"]]
    return pd.DataFrame({"a": merged["owner_a"].to_numpy(), "b": merged["owner_b"].to_numpy(),
                         "key": merged["key"].to_numpy()})


def pairs_sharing_in_period(owners: np.ndarray, keys: np.ndarray, times: np.ndarray,
                            hub_cap: int, window_days: float) -> pd.DataFrame:
    """Pairs sharing a key whose use of it falls within ``window_days`` of each other.

    ``times`` are datetime64 values; each owner's use of a key spans its first to last time.
    """
    df = pd.DataFrame({"owner": np.asarray(owners, dtype=np.int64),
                       "key": np.asarray(keys, dtype=np.int64),
                       "t": pd.to_datetime(times).tz_localize(None) if getattr(times, "tz", None)
                       else pd.to_datetime(times)})
    spans = df.groupby(["key", "owner"], sort=False)["t"].agg(["min", "max"]).reset_index()
    size = spans.groupby("key")["owner"].transform("size")
    spans = spans[(size >= 2) & (size <= hub_cap)]
    empty = pd.DataFrame({"a": pd.Series(dtype=np.int64), "b": pd.Series(dtype=np.int64),
                          "key": pd.Series(dtype=np.int64)})
    if spans.empty:
        return empty
    m = spans.merge(spans, on="key", suffixes=("_a", "_b"))
    m = m[m["owner_a"] < m["owner_b"]]
    gap = np.maximum(m["min_a"], m["min_b"]) - np.minimum(m["max_a"], m["max_b"])
    m = m[gap <= pd.Timedelta(days=window_days)]
    if m.empty:
        return empty
    return pd.DataFrame({"a": m["owner_a"].to_numpy(), "b": m["owner_b"].to_numpy(),
                         "key": m["key"].to_numpy()})


def drop_same_agency(pairs: pd.DataFrame, agency: np.ndarray) -> pd.DataFrame:
    """Remove pairs of profiles that declare the same agency: not concealed links."""
    if pairs.empty:
        return pairs
    agency = np.asarray(agency, dtype=object)
    a_ag, b_ag = agency[pairs["a"].to_numpy()], agency[pairs["b"].to_numpy()]
    same = pd.notna(a_ag) & pd.notna(b_ag) & (a_ag == b_ag)
    return pairs[~same]


def linked_counts(pairs: pd.DataFrame, n: int) -> np.ndarray:
    """Number of distinct other profiles each row is paired with."""
    if pairs.empty:
        return np.zeros(n)
    both = pd.DataFrame({"x": np.concatenate([pairs["a"], pairs["b"]]),
                         "y": np.concatenate([pairs["b"], pairs["a"]])}).drop_duplicates()
    counts = np.bincount(both["x"].to_numpy(), minlength=n)
    return counts.astype(float)
