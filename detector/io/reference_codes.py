"""Code lists the boundary checks against, and fixes to suggest for values that miss them.

Countries are ISO 3166-1 alpha-2 codes from tzdata's ``iso3166.tab`` (via
:mod:`detector.geo.countries`), time zones the IANA names zoneinfo can load; both move with
the time zone database and need no network or extra data files.
"""

from __future__ import annotations

import re
import zoneinfo
from functools import cache

from detector.geo.countries import COUNTRY_CODES, COUNTRY_NAMES, single_timezone

__all__ = [
    "country_codes",
    "country_names",
    "single_timezone",
    "suggest_country",
    "suggest_timezone",
    "timezone_names",
]

# Common alpha-3 codes and names that are not spelled as in iso3166.tab, mapped to alpha-2.
# Only used to suggest a fix in a reject reason, never to accept a value.
_EXTRA_SUGGESTIONS: dict[str, str] = {
    "USA": "US", "UNITED STATES OF AMERICA": "US", "AMERICA": "US", "GBR": "GB", "UK": "GB",
    "UNITED KINGDOM": "GB", "GREAT BRITAIN": "GB", "ENGLAND": "GB", "CAN": "CA", "AUS": "AU",
    "DEU": "DE", "FRA": "FR", "ESP": "ES", "ITA": "IT", "NLD": "NL", "BEL": "BE", "CHE": "CH",
    "AUT": "AT", "SWE": "SE", "NOR": "NO", "DNK": "DK", "FIN": "FI", "POL": "PL", "UKR": "UA",
    "ROU": "RO", "PRT": "PT", "IRL": "IE", "CZE": "CZ", "HUN": "HU", "GRC": "GR", "TUR": "TR",
    "RUS": "RU", "BLR": "BY", "CHN": "CN", "HKG": "HK", "TWN": "TW", "JPN": "JP", "KOR": "KR",
    "PRK": "KP", "SOUTH KOREA": "KR", "NORTH KOREA": "KP", "REPUBLIC OF KOREA": "KR",
    "DPRK": "KP", "VNM": "VN", "VIET NAM": "VN", "THA": "TH", "MYS": "MY", "SGP": "SG",
    "IDN": "ID", "PHL": "PH", "IND": "IN", "PAK": "PK", "BGD": "BD", "LKA": "LK", "ARE": "AE",
    "UAE": "AE", "SAU": "SA", "ISR": "IL", "EGY": "EG", "NGA": "NG", "KEN": "KE", "ZAF": "ZA",
    "MEX": "MX", "BRA": "BR", "ARG": "AR", "CHL": "CL", "COL": "CO", "PER": "PE", "NZL": "NZ",
    "LAO": "LA", "LAOS": "LA", "KHM": "KH", "MNG": "MN", "KAZ": "KZ", "UZB": "UZ", "GEO": "GE",
    "ARM": "AM", "AZE": "AZ", "CZECHIA": "CZ", "HOLLAND": "NL",
}


def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English short name (tzdata's ``iso3166.tab``)."""
    return COUNTRY_NAMES


def country_codes() -> frozenset[str]:
    """All ISO 3166-1 alpha-2 codes tzdata knows."""
    return COUNTRY_CODES


@cache
def _suggestions() -> dict[str, str]:
    found = dict(_EXTRA_SUGGESTIONS)
    for code, name in country_names().items():
        key = _name_key(name)
        found.setdefault(key, code)
        # "Korea (North)" -> "NORTH KOREA", "Britain (UK)" -> "BRITAIN"
        match = re.fullmatch(r"(.+?) \((.+)\)", name)
        if match:
            found.setdefault(_name_key(match.group(1)), code)
            found.setdefault(_name_key(f"{match.group(2)} {match.group(1)}"), code)
    return found


def _name_key(text: str) -> str:
    return re.sub(r"[^A-Z0-9 ]+", "", text.upper().replace("&", "AND")).strip()


def suggest_country(value: str) -> str | None:
    """The alpha-2 code a bad country value most likely meant ('USA' -> 'US'), or None."""
    return _suggestions().get(_name_key(value))


@cache
def timezone_names() -> frozenset[str]:
    """All IANA time zone names zoneinfo can load (including backward-compatible links)."""
    return frozenset(zoneinfo.available_timezones())


@cache
def _timezones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in timezone_names()}


def suggest_timezone(value: str) -> str | None:
    """The IANA name a bad time zone value most likely meant ('america/chicago'), or None."""
    return _timezones_by_folded_name().get(value.strip().casefold().replace(" ", "_"))
