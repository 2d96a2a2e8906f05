"""Country facts from tzdata's zone.tab and iso3166.tab: time zones, a coordinate, valid codes.

The country DB shipped with the detector gives only a country code, so the time zone and
coordinates of an IP fall back to these per-country facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

__all__ = [
    "COUNTRY_CODES",
    "COUNTRY_NAMES",
    "MAIN_ZONE_OVERRIDES",
    "CountryFacts",
    "centroid",
    "centroids",
    "country_facts",
    "main_timezone",
    "single_timezone",
    "timezones",
    "utc_offset_hours",
    "utc_offsets_hours",
]


# zone.tab lists zones west to east or by region; where its first zone is not where most people
# live, this names the zone that is (it is moved to the front of the country's zones).
MAIN_ZONE_OVERRIDES = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
}


@dataclass(frozen=True)
class CountryFacts:
    """The IANA zones of one country (main zone first) and the main zone's coordinates."""

    code: str
    name: str
    zones: tuple[str, ...]
    latitude: float
    longitude: float
    single_timezone: str | None


def _read_tab(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _parse_coordinate(text: str) -> tuple[float, float]:
    """Parse ISO 6709 '+DDMM+DDDMM' or '+DDMMSS+DDDMMSS' into decimal degrees."""
    split = max(text.rfind("+"), text.rfind("-"))
    return _degrees(text[:split], 2), _degrees(text[split:], 3)


def _degrees(text: str, width: int) -> float:
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    value = float(digits[:width]) + float(digits[width : width + 2]) / 60
    if len(digits) > width + 2:
        value += float(digits[width + 2 :]) / 3600
    return sign * value


def _same_clock(zones: Sequence[str]) -> bool:
    """True when all zones show the same UTC offset at 48 instants over the next two years."""
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    instants = [start + timedelta(days=15 * i) for i in range(48)]
    first = [instant.astimezone(ZoneInfo(zones[0])).utcoffset() for instant in instants]
    return all(
        [instant.astimezone(ZoneInfo(zone)).utcoffset() for instant in instants] == first
        for zone in zones[1:]
    )


@cache
def country_facts() -> dict[str, CountryFacts]:
    """All countries of iso3166.tab with their zones from zone.tab (computed once)."""
    names = {row[0]: row[1] for row in _read_tab("iso3166.tab")}
    zones: dict[str, list[tuple[str, float, float]]] = {}
    for row in _read_tab("zone.tab"):
        lat, lon = _parse_coordinate(row[1])
        zones.setdefault(row[0], []).append((row[2], lat, lon))
    facts = {}
    for code, name in names.items():
        entries = zones.get(code, [])
        main = MAIN_ZONE_OVERRIDES.get(code)
        entries.sort(key=lambda entry: entry[0] != main)  # stable: main zone first
        zone_names = tuple(zone for zone, _, _ in entries)
        single = zone_names[0] if zone_names and _same_clock(zone_names) else None
        facts[code] = CountryFacts(
            code=code,
            name=name,
            zones=zone_names,
            latitude=entries[0][1] if entries else float("nan"),
            longitude=entries[0][2] if entries else float("nan"),
            single_timezone=single,
        )
    return facts


COUNTRY_NAMES: dict[str, str] = {code: f.name for code, f in country_facts().items()}
COUNTRY_CODES: frozenset[str] = frozenset(COUNTRY_NAMES)


def timezones(country: str | None) -> tuple[str, ...]:
    """IANA zones of a country, main zone first then zone.tab order; () if unknown."""
    facts = country_facts().get(country or "")
    return facts.zones if facts else ()


def single_timezone(country: str | None) -> str | None:
    """The country's zone when all its zones keep the same clock (DE, KP), else None (US, RU)."""
    facts = country_facts().get(country or "")
    return facts.single_timezone if facts else None


def main_timezone(country: str | None) -> str | None:
    """The country's main zone (most populous region; zone.tab's first unless overridden)."""
    zones = timezones(country)
    return zones[0] if zones else None


def centroid(country: str | None) -> tuple[float, float] | None:
    """A representative (latitude, longitude): the coordinates of the country's main zone."""
    facts = country_facts().get(country or "")
    if facts is None or not facts.zones:
        return None
    return facts.latitude, facts.longitude


def centroids(countries: Iterable[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised centroid: arrays of latitude and longitude, NaN for unknown countries."""
    facts = country_facts()
    nan = float("nan")
    pairs = [
        (f.latitude, f.longitude) if (f := facts.get(c or "")) else (nan, nan) for c in countries
    ]
    if not pairs:
        return np.array([], dtype=float), np.array([], dtype=float)
    lat, lon = zip(*pairs, strict=True)
    return np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)


def utc_offset_hours(zone: str, at: datetime) -> float:
    """UTC offset of an IANA zone at an instant, in hours (naive datetimes are taken as UTC)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    offset = at.astimezone(ZoneInfo(zone)).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else float("nan")


def utc_offsets_hours(
    zones: Sequence[str | None], at: Sequence[datetime] | pd.Series
) -> np.ndarray:
    """Vectorised utc_offset_hours over parallel sequences, NaN where the zone is missing."""
    times = pd.to_datetime(pd.Series(list(at) if not isinstance(at, pd.Series) else at), utc=True)
    zone_series = pd.Series(list(zones), index=times.index, dtype=object)
    result = np.full(len(times), np.nan)
    for zone, positions in zone_series.groupby(zone_series, sort=False).indices.items():
        try:
            local = pd.DatetimeIndex(times.iloc[positions]).tz_convert(zone)
        except (KeyError, ValueError, LookupError):
            continue
        naive_local = local.tz_localize(None)
        naive_utc = pd.DatetimeIndex(times.iloc[positions]).tz_localize(None)
        result[positions] = (naive_local - naive_utc).total_seconds().to_numpy() / 3600
    return result
