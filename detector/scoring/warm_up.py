"""Fill the per-process caches a new scorer would otherwise fill on its first sign-ups.

Scoring one applicant reads each session's zone offsets from a transition table per (zone,
year), built once per process from ``zoneinfo`` (about 1 ms each), and parses phones with the
metadata ``phonenumbers`` loads per region on first use. A fresh server met those costs on
its first real requests, one new zone, year or region at a time (before this, the first 700
synthetic sign-ups built 267 tables and had a p99 of 41 ms, the next 700 7.6 ms; docs/API.md).
``detector serve`` calls :func:`warm_up` before it accepts requests (each worker of
``--workers N`` too), so the first applicant after a deploy is scored as fast as the thousandth.
"""

from __future__ import annotations

import time
import zoneinfo
from datetime import UTC, datetime

import pandas as pd
import phonenumbers

from detector.signals.one_applicant import offset_hours


def warm_up(years_back: int = 3) -> dict[str, float]:
    """Build every zone's tables for this year and the ``years_back`` before it (a profile's
    sessions reach back over its history), and load every region's phone metadata. Returns what
    was done and how long it took (seconds): about 2-3 s on a 2-core machine."""
    started = time.perf_counter()
    this_year = datetime.now(UTC).year
    zones = sorted(zoneinfo.available_timezones())
    for year in range(this_year - years_back, this_year + 1):
        moment = pd.Timestamp(year=year, month=7, day=1, tz="UTC")
        for zone in zones:
            offset_hours(moment, zone)
    zones_done = time.perf_counter()
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    for region in regions:
        example = phonenumbers.example_number(region)
        if example is not None:
            phonenumbers.is_valid_number_for_region(example, region)
            phonenumbers.number_type(example)
    return {"zones": float(len(zones)), "years": float(years_back + 1),
            "zone_seconds": zones_done - started, "regions": float(len(regions)),
            "phone_seconds": time.perf_counter() - zones_done}
