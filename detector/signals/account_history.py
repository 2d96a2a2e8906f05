"""Account history: what changed after the longest pause in a profile's sessions.

A rented, bought or lent account is a real person's profile with the person's own history,
then a pause, then someone else at the keyboard: new devices, new networks, a browser in
another time zone, other working hours, a remote-desktop tool (RED_FLAGS.md: rented or stolen
identities, bought aged accounts). The sessions are split at the longest gap between
consecutive sessions, and the sessions after it are compared with those before it.

``account_history`` computes a population at once (the batch frames); the scoring API's one
applicant takes ``one_applicant_account_history``, plain Python with the same arithmetic, so
both give the same values to the last bit (``tests/api/test_fast_path_agreement.py``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from detector.io.fast_records import is_missing

MIN_SESSIONS_EACH_SIDE = 3  # fewer before or after the pause: no history to compare, NaN
NS_PER_HOUR = 3_600_000_000_000
NS_PER_DAY = 24 * NS_PER_HOUR
_HOUR_ANGLES = 2 * np.pi * np.arange(24) / 24
_SIN, _COS = np.sin(_HOUR_ANGLES), np.cos(_HOUR_ANGLES)

_NAMES = ("acct_late_new_device_share", "acct_late_new_network_share", "acct_late_new_browser_zone_share",
          "acct_late_hour_shift", "acct_late_remote_rise", "_acct_pause_days", "_acct_sessions_after")
NEW_VALUE_FEATURES = {
    "acct_late_new_device_share": "device",
    "acct_late_new_network_share": "network",
    "acct_late_new_browser_zone_share": "browser_zone",
}


def account_history(group: np.ndarray, times_ns: np.ndarray, codes: dict[str, np.ndarray],
                    remote: np.ndarray, n_groups: int) -> dict[str, np.ndarray]:
    """Per group (applicant 0..n_groups-1): the account-history features and their context.

    ``times_ns`` are session starts (int64 ns); ``codes`` holds, for "device", "network" (ASN)
    and "browser_zone", an int code per session that only needs to be equal for equal values
    within one group (-1 when unknown); ``remote`` is the remote-access flag (NaN unknown).
    """
    order = np.lexsort((times_ns, group))  # stable: ties keep their input order
    g = group[order].astype(np.int64)
    t = times_ns[order].astype(np.int64)
    n = np.bincount(g, minlength=n_groups)
    start = np.concatenate(([0], np.cumsum(n)[:-1]))
    position = np.arange(len(t)) - start[g]
    gap = np.full(len(t), -1, dtype=np.int64)  # gap before each session, -1 for a group's first
    if len(t) > 1:
        gap[1:] = np.diff(t)
    gap[position == 0] = -1
    # the session after the longest pause: per group the largest gap, the earliest on ties
    by_gap = np.lexsort((np.arange(len(t)), -gap, g))
    present = n > 0
    first = np.zeros(n_groups, dtype=np.int64)
    first[present] = by_gap[start[present]]
    before_count = np.where(present, first - start, 0)
    longest = np.where(present, gap[first] if len(t) else 0, 0)
    valid = ((before_count >= MIN_SESSIONS_EACH_SIDE) & (n - before_count >= MIN_SESSIONS_EACH_SIDE)
             & (longest > 0))
    after = position >= before_count[g]
    out: dict[str, np.ndarray] = {}
    for name, field in NEW_VALUE_FEATURES.items():
        out[name] = _share_new(g, codes[field][order], after, valid, n_groups)
    out["acct_late_hour_shift"] = _hour_shift(g, t, after, valid, n_groups)
    out["acct_late_remote_rise"] = _remote_rise(g, remote[order].astype(float), after, valid, n_groups)
    out["_acct_pause_days"] = np.where(valid, longest / NS_PER_DAY, np.nan)
    out["_acct_sessions_after"] = np.where(valid, n - before_count, np.nan)
    return out


def _share_new(g: np.ndarray, code: np.ndarray, after: np.ndarray, valid: np.ndarray,
               n_groups: int) -> np.ndarray:
    """Share of the known values after the pause that never occur before it in the same group."""
    known = code >= 0
    key = g * (int(code.max(initial=0)) + 1) + code
    seen_before = np.isin(key, key[known & ~after])
    later = known & after
    new = np.bincount(g[later & ~seen_before], minlength=n_groups)
    total = np.bincount(g[later], minlength=n_groups)
    had_before = np.bincount(g[known & ~after], minlength=n_groups) > 0
    usable = valid & had_before & (total > 0)
    return np.where(usable, new / np.maximum(total, 1), np.nan)


def _hour_shift(g: np.ndarray, t: np.ndarray, after: np.ndarray, valid: np.ndarray,
                n_groups: int) -> np.ndarray:
    """Hours between the circular mean start hour (UTC) of the sessions before and after."""
    hour = (t // NS_PER_HOUR) % 24
    before, later = (np.bincount(g[side] * 24 + hour[side], minlength=n_groups * 24).reshape(n_groups, 24)
                     for side in (~after, after))
    return np.where(valid, _hour_distance(before, later), np.nan)


def _hour_distance(before: np.ndarray, later: np.ndarray) -> np.ndarray:
    """Per row of two (rows, 24) session-count tables by UTC hour: hours between their
    circular means."""
    angles = [np.arctan2((counts * _SIN).sum(axis=1), (counts * _COS).sum(axis=1)) for counts in (before, later)]
    distance = np.abs(angles[1] - angles[0])
    distance = np.minimum(distance, 2 * math.pi - distance)
    return distance / (2 * math.pi) * 24


def _remote_rise(g: np.ndarray, remote: np.ndarray, after: np.ndarray, valid: np.ndarray,
                 n_groups: int) -> np.ndarray:
    """How much the remote-access share rose after the pause (0 when it did not)."""
    known = ~np.isnan(remote)
    rates = []
    for side in (~after, after):
        mask = side & known
        total = np.bincount(g[mask], minlength=n_groups)
        used = np.bincount(g[mask & (remote > 0)], minlength=n_groups)
        rates.append(np.where(total > 0, used / np.maximum(total, 1), np.nan))
    rise = np.maximum(rates[1] - rates[0], 0.0)
    return np.where(valid & ~np.isnan(rates[0]) & ~np.isnan(rates[1]), rise, np.nan)


def _codes(values: np.ndarray) -> np.ndarray:
    return pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)[0].astype(np.int64)


def account_history_signals(applicants: pd.DataFrame, sessions: pd.DataFrame) -> pd.DataFrame:
    """The account-history features (and ``_acct_*`` evidence context) of a population;
    ``sessions`` annotated with their IP's ``asn`` (``annotate_sessions``)."""
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    group = ids.get_indexer(sessions["applicant_id"])
    keep = group >= 0
    times = sessions["started_at"].astype("datetime64[ns, UTC]").array.asi8[keep]
    codes = {"device": _codes(sessions["device_id"].to_numpy()[keep]),
             "network": _codes(sessions["asn"].to_numpy()[keep]),
             "browser_zone": _codes(sessions["browser_timezone"].to_numpy()[keep])}
    remote = sessions["remote_access"].to_numpy(dtype=float, na_value=np.nan)[keep]
    return pd.DataFrame(account_history(group[keep], times, codes, remote, len(ids)), index=ids)


def one_applicant_account_history(sessions: list[dict], asns: list[object]) -> dict[str, float]:
    """The same for one applicant's sessions (``started_at`` Timestamps) and their ASNs, in
    plain Python (the scoring API's path: numpy's fixed cost per call is ~0.6 ms), with the
    same arithmetic as ``account_history``, so the values are equal to the last bit."""
    n = len(sessions)
    found = dict.fromkeys(_NAMES, math.nan)
    if n < 2 * MIN_SESSIONS_EACH_SIDE:
        return found
    order = sorted(range(n), key=lambda i: sessions[i]["started_at"].value)  # stable, as lexsort
    times = [sessions[i]["started_at"].value for i in order]
    longest, split = -1, 0
    for i in range(1, n):
        if times[i] - times[i - 1] > longest:  # the earliest of equal gaps
            longest, split = times[i] - times[i - 1], i
    if split < MIN_SESSIONS_EACH_SIDE or n - split < MIN_SESSIONS_EACH_SIDE or longest <= 0:
        return found
    columns = {"device": [sessions[i]["device_id"] for i in order], "network": [asns[i] for i in order],
               "browser_zone": [sessions[i]["browser_timezone"] for i in order]}
    for name, field in NEW_VALUE_FEATURES.items():
        values = columns[field]
        before = {v for v in values[:split] if not is_missing(v)}
        later = [v for v in values[split:] if not is_missing(v)]
        if before and later:
            found[name] = sum(v not in before for v in later) / len(later)
    counts = np.zeros((2, 24), dtype=np.int64)
    for i, moment in enumerate(times):
        counts[int(i >= split), (moment // NS_PER_HOUR) % 24] += 1
    found["acct_late_hour_shift"] = float(_hour_distance(counts[:1], counts[1:])[0])
    rates = []
    for part in (order[:split], order[split:]):
        known = [sessions[i]["remote_access"] for i in part if not math.isnan(sessions[i]["remote_access"])]
        rates.append(sum(v > 0 for v in known) / len(known) if known else math.nan)
    if not (math.isnan(rates[0]) or math.isnan(rates[1])):
        found["acct_late_remote_rise"] = max(rates[1] - rates[0], 0.0)
    found["_acct_pause_days"] = float(longest) / NS_PER_DAY
    found["_acct_sessions_after"] = float(n - split)
    return found
