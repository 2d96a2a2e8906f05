"""The zone-table offsets equal a timezone conversion of every instant (the previous code)."""

from __future__ import annotations

import zoneinfo

import numpy as np
import pandas as pd

from detector.signals.one_applicant import offset_hours
from detector.signals.zone_offsets import offsets_hours, zone_table


def _converted(times: pd.Series, zones: pd.Series) -> np.ndarray:
    """The previous implementation: convert every instant to each zone with pandas."""
    times, zones = times.reset_index(drop=True), zones.reset_index(drop=True)
    result = np.full(len(times), np.nan)
    naive = times.dt.tz_convert("UTC").dt.tz_localize(None)
    codes, uniques = pd.factorize(zones)
    for code, name in enumerate(uniques):
        if not isinstance(name, str) or name not in zoneinfo.available_timezones():
            continue
        mask = codes == code
        local = times[mask].dt.tz_convert(name).dt.tz_localize(None)
        result[mask] = ((local - naive[mask]).dt.total_seconds() / 3600).to_numpy()
    return result


def test_every_zone_at_random_instants_and_around_its_transitions() -> None:
    rng = np.random.default_rng(7)
    names = sorted(zoneinfo.available_timezones())
    lo = pd.Timestamp("2023-01-01", tz="UTC").value
    hi = pd.Timestamp("2027-12-31", tz="UTC").value
    ns, zones = [], []
    for name in names:
        ns.append(rng.integers(lo, hi, 20))
        zones += [name] * 20
        starts, _ = zone_table(name, 2023, 2027)
        for start in starts[1:]:  # each transition, one nanosecond and one second either side
            ns.append(start + np.array([-1_000_000_000, -1, 0, 1, 1_000_000_000]))
            zones += [name] * 5
    times = pd.Series(pd.to_datetime(np.concatenate(ns), utc=True))
    zone_series = pd.Series(zones, dtype=object)
    assert len(times) > 10_000
    np.testing.assert_array_equal(offsets_hours(times, zone_series), _converted(times, zone_series))


def test_missing_and_unknown_zones_and_missing_times_give_nan() -> None:
    times = pd.Series(pd.to_datetime(["2025-03-30 01:30", None, "2025-07-01 00:00", "2025-07-01 00:00"],
                                     utc=True))
    zones = pd.Series(["Europe/Berlin", "Europe/Berlin", None, "Mars/Olympus"], dtype=object)
    out = offsets_hours(times, zones)
    assert out[0] == 2.0
    assert np.isnan(out[1:]).all()
    np.testing.assert_array_equal(out, _converted(times, zones))


def test_one_instant_offsets_equal_the_frame_path_and_zoneinfo() -> None:
    """The API's fast path reads one instant's offset from the same tables: every zone, at
    random instants and a nanosecond and a second around each transition, agrees with the
    frame path and with converting the instant with ``zoneinfo``."""
    rng = np.random.default_rng(11)
    lo = pd.Timestamp("2024-01-01", tz="UTC").value
    hi = pd.Timestamp("2026-12-31", tz="UTC").value
    ns, zones = [], []
    for name in sorted(zoneinfo.available_timezones()):
        ns.append(rng.integers(lo, hi, 3))
        zones += [name] * 3
        starts, _ = zone_table(name, 2024, 2026)
        for start in starts[1:]:
            ns.append(start + np.array([-1_000_000_000, -1, 0, 1]))
            zones += [name] * 4
    times = pd.Series(pd.to_datetime(np.concatenate(ns), utc=True))
    one_by_one = np.array([offset_hours(t, z) for t, z in zip(times, zones, strict=True)])
    np.testing.assert_array_equal(one_by_one, offsets_hours(times, pd.Series(zones, dtype=object)))
    for t, z, hours in zip(times[::7], zones[::7], one_by_one[::7], strict=True):
        assert hours == t.tz_convert(z).utcoffset().total_seconds() / 3600
    assert np.isnan(offset_hours(times[0], "Mars/Olympus")) and np.isnan(offset_hours(times[0], None))
