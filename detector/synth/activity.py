"""When people are active: daily rhythms in a zone, turned into UTC session times.

A :class:`Rhythm` says in which time zone a person's day is anchored, when it starts, how long
it lasts, how often they work evenings, nights and weekends, and how long sessions are. The same
machinery draws an honest freelancer's day in Lagos, a night-shift worker in Manila on New York
hours, and an operator's 14-hour day in Shenyang, so only the parameters differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

EPOCH = datetime(2023, 1, 1, tzinfo=UTC)  # a Sunday
EPOCH_S = int(EPOCH.timestamp())
_EPOCH_WEEKDAY = 6  # Monday = 0
N_DAYS = 6 * 366


@cache
def day_offsets(zone: str) -> np.ndarray:
    """UTC offset in seconds at local noon of each day since EPOCH (DST-correct by day)."""
    tz = ZoneInfo(zone)
    out = np.empty(N_DAYS, dtype=np.int64)
    prev, start = None, 0
    # offsets change rarely: probe weekly, refine daily only around changes
    for d in range(0, N_DAYS, 7):
        off = _noon_offset(tz, d)
        if off != prev and prev is not None:
            for dd in range(max(d - 7, 0), d + 1):
                out[dd] = _noon_offset(tz, dd)
            start = d + 1
        else:
            out[start:d + 1] = off
            start = d + 1
        prev = off
    out[start:] = prev if prev is not None else 0
    return out


def _noon_offset(tz: ZoneInfo, day: int) -> int:
    off = (EPOCH + timedelta(days=day, hours=12)).astimezone(tz).utcoffset()
    return int(off.total_seconds()) if off is not None else 0


def offset_hours(zone: str, when_s: int) -> float:
    """The zone's UTC offset in hours at a UTC epoch second."""
    return float(day_offsets(zone)[min(max((when_s - EPOCH_S) // 86400, 0), N_DAYS - 1)]) / 3600


@dataclass
class Rhythm:
    """A working rhythm anchored in one time zone."""

    zone: str
    start_hour: float = 9.0  # local start of the main block
    block_hours: float = 8.0  # length of the main block
    evening_p: float = 0.15  # chance that a session falls in the evening (18-24 h)
    night_p: float = 0.02  # chance that a session falls in the night (0-6 h)
    day_weights: tuple[float, ...] = (1, 1, 1, 1, 1, 0.2, 0.15)  # Monday..Sunday
    duration_median_min: float = 45.0
    duration_sigma: float = 0.9
    sessions_per_day: float = 1.6
    jitter_hours: float = 1.0  # day-to-day variation of the start


def local_day(zone: str, when_s: int) -> int:
    return int((when_s - EPOCH_S + offset_hours(zone, when_s) * 3600) // 86400)


def session_times(
    rng: np.random.Generator, rhythm: Rhythm, first_day: int, span_days: int, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` sorted session starts (UTC epoch seconds) and durations (s) on local days
    ``first_day .. first_day + span_days`` of the rhythm's zone."""
    if n <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    span_days = max(int(span_days), 1)
    n_days = max(1, min(span_days, int(round(n / max(rhythm.sessions_per_day, 0.5)))))
    cand = first_day + rng.integers(0, span_days, size=n_days * 4 + 8)
    w = np.asarray(rhythm.day_weights, dtype=float)[(cand + _EPOCH_WEEKDAY) % 7]
    keep = cand[rng.random(cand.size) < w / w.max()]
    if keep.size == 0:
        keep = cand[:1]
    days = rng.choice(np.unique(keep)[:n_days] if keep.size >= n_days else keep, size=n)
    kind = rng.random(n)
    daily_start = rhythm.start_hour + rng.normal(0, rhythm.jitter_hours, size=n)
    hours = daily_start + rng.random(n) * rhythm.block_hours
    eve = kind < rhythm.evening_p
    hours[eve] = 18 + rng.random(int(eve.sum())) * 6
    night = (kind >= rhythm.evening_p) & (kind < rhythm.evening_p + rhythm.night_p)
    hours[night] = rng.random(int(night.sum())) * 6
    local = days.astype(np.int64) * 86400 + (hours * 3600).astype(np.int64)
    offs = day_offsets(rhythm.zone)[np.clip(local // 86400, 0, N_DAYS - 1)]
    starts = np.sort(local - offs + EPOCH_S)
    dur = np.exp(rng.normal(np.log(rhythm.duration_median_min * 60), rhythm.duration_sigma, n))
    return starts, np.clip(dur, 30, 14 * 3600).astype(np.int64)


def iso(ts: np.ndarray | Sequence[int] | int) -> Any:
    """RFC 3339 UTC strings (``2026-01-02T03:04:05Z``) for epoch seconds."""
    arr = np.asarray(ts, dtype="datetime64[s]")
    out = np.char.add(np.datetime_as_string(arr, unit="s"), "Z")
    return out.tolist() if out.ndim else str(out)
