"""UTC offsets of IANA zones at given instants, vectorised by grouping on the zone name.

A zone's offset is constant between its transitions, so each zone's transitions over the
years the instants span are found once (from ``zoneinfo`` itself, to the second) and every
instant is then placed among them by binary search: a few microseconds per zone instead of a
timezone conversion of every instant (sessions number in the millions, zones in the hundreds).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

# Transitions are found between samples this far apart (and each year's table reaches this far
# into its neighbours): no zone changes its offset and back within a day. Checked for every zone
# of tzdata, 1990-2037: one-day samples find every transition six-hour samples found (plus a
# few in the wider margins around each year), at a third of the cost (0.9 against 2.5 ms a year).
_SAMPLE_SECONDS = 24 * 3600
_NS = 1_000_000_000
_NAT = np.iinfo(np.int64).min


@lru_cache(maxsize=2048)
def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


@lru_cache(maxsize=8192)
def zone_table(name: str, first_year: int, last_year: int) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, offsets)``: from UTC instant ``starts[k]`` (ns) the zone is ``offsets[k]``
    seconds from UTC; ``starts[0]`` is the smallest int64, covering every earlier instant.
    Exact for instants in ``first_year .. last_year`` (UTC).

    Joined from one table per year, each found once per process: chunks and countries ask
    for many different spans of the same few years, and each span used to be searched anew.
    """
    starts, offsets = [_NAT], [_year_table(name, first_year)[2]]
    for year in range(first_year, last_year + 1):
        year_starts, year_offsets, _ = _year_table(name, year)
        for start, offset in zip(year_starts, year_offsets, strict=True):
            if start > starts[-1]:  # neighbouring years' margins overlap: each transition once
                starts.append(start)
                offsets.append(offset)
    return np.asarray(starts, dtype=np.int64), np.asarray(offsets, dtype=float)


@lru_cache(maxsize=8192)
def _year_table(name: str, year: int) -> tuple[list[int], list[float], float]:
    """The zone's transitions (UTC ns, new offset in seconds) from a day before ``year``
    to a day after it, found from ``zoneinfo`` to the second, and the offset at the start."""
    zone = ZoneInfo(name)

    def offset(second: int) -> float:
        delta = datetime.fromtimestamp(second, zone).utcoffset()
        return float("nan") if delta is None else delta.total_seconds()

    begin = int(datetime(year, 1, 1, tzinfo=UTC).timestamp()) - _SAMPLE_SECONDS
    end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp()) + _SAMPLE_SECONDS
    first = current = offset(begin)
    starts: list[int] = []
    offsets: list[float] = []
    second = begin
    while second < end:
        step = min(second + _SAMPLE_SECONDS, end)
        if offset(step) == current:
            second = step
            continue
        low, high = second, step  # transitions fall on whole seconds: find the first new one
        while high - low > 1:
            middle = (low + high) // 2
            if offset(middle) == current:
                low = middle
            else:
                high = middle
        current = offset(high)
        starts.append(high * _NS)
        offsets.append(current)
        second = high
    return starts, offsets, first


def utc_nanoseconds(times: pd.Series) -> np.ndarray:
    """Instants of a time-zone-aware series as int64 UTC nanoseconds (NaT: the smallest int64)."""
    naive = pd.Series(times).dt.tz_convert("UTC").dt.tz_localize(None)
    return naive.to_numpy(dtype="datetime64[ns]").view(np.int64)


def year_span(ns: np.ndarray) -> tuple[int, int]:
    """First and last UTC year of the instants (the span of the zone tables to build)."""
    valid = ns[ns != _NAT]
    if valid.size == 0:
        return 1970, 1970
    first, last = pd.Timestamp(int(valid.min())), pd.Timestamp(int(valid.max()))
    return first.year, last.year


def zone_offsets_hours(ns: np.ndarray, name: object, span: tuple[int, int] | None = None
                       ) -> np.ndarray:
    """Offset in hours of one zone from UTC at each instant of ``ns`` (see
    :func:`utc_nanoseconds`); NaN everywhere for a missing or unknown zone, and at NaT."""
    result = np.full(len(ns), np.nan)
    if not isinstance(name, str) or not _valid_zone(name) or len(ns) == 0:
        return result
    starts, offsets = zone_table(name, *(span or year_span(ns)))
    hours = offsets[np.searchsorted(starts, ns, side="right") - 1] / 3600
    return np.where(ns == _NAT, np.nan, hours)


def offsets_hours(times: pd.Series, zones: pd.Series) -> np.ndarray:
    """Offset in hours of ``zones[i]`` from UTC at ``times[i]``; NaN for a missing/unknown zone."""
    zones = pd.Series(zones).reset_index(drop=True)
    result = np.full(len(zones), np.nan)
    if len(zones) == 0:
        return result
    ns = utc_nanoseconds(times)
    span = year_span(ns)
    codes, uniques = pd.factorize(zones)
    for code, name in enumerate(uniques):
        mask = codes == code
        result[mask] = zone_offsets_hours(ns[mask], name, span)
    return result
