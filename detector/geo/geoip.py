"""IP -> country, coordinates, time zone, ASN and anonymiser flags, from MaxMind DB files.

Reads the GeoIP2/GeoLite2 City and Country layouts, the shipped ``{country_code}`` layout,
GeoLite2/GeoIP2 ASN and ISP, GeoIP2 Anonymous IP, GeoIP Anonymous Plus and Residential Proxy.
Without an Anonymous IP database the flags come from the curated ASN list; user CIDR lists
always apply. Lookups are deduplicated and cached per IP because sessions repeat IPs.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import maxminddb
import numpy as np
import pandas as pd
from maxminddb.errors import InvalidDatabaseError

from detector.errors import GeoDatabaseError
from detector.geo.anonymiser_asns import load_anonymiser_asns
from detector.geo.cidr_lists import CidrList
from detector.geo.countries import country_facts
from detector.geo.mmdb import open_mmdb
from detector.settings import Settings

__all__ = ["COLUMNS", "FLAG_COLUMNS", "GeoLookup", "geo_columns"]

FLAG_COLUMNS = (
    "is_hosting",
    "is_vpn",
    "is_tor",
    "is_proxy",
    "is_residential_proxy",
    "is_anonymous",
)
COLUMNS = (
    "country",
    "latitude",
    "longitude",
    "ip_time_zone",
    "asn",
    "as_org",
    *FLAG_COLUMNS,
    "anonymiser_source",
    "provider_name",
    "anonymizer_confidence",
)
ANONYMOUS_DB_SOURCE = "anonymous-ip-db"
# kind (curated list / CIDR list) -> position of its flag in FLAG_COLUMNS
_KIND_FLAG = {"hosting": 0, "vpn": 1, "tor": 2, "proxy": 3}
# Anonymous IP record key -> position of its flag in FLAG_COLUMNS
_ANONYMOUS_KEYS = (
    ("is_hosting_provider", 0),
    ("is_anonymous_vpn", 1),
    ("is_tor_exit_node", 2),
    ("is_public_proxy", 3),
    ("is_residential_proxy", 4),
    ("is_anonymous", 5),
)
_NAN = float("nan")
_MAPPED_PREFIX = b"\x00" * 10 + b"\xff\xff"
# country, lat, lon, tz, asn, org, 6 flags, source, provider, confidence
_UNKNOWN: tuple[Any, ...] = (None, _NAN, _NAN, None, _NAN, None, *([False] * 6), None, None, _NAN)

_STRING_COLUMNS = ("country", "ip_time_zone", "as_org", "anonymiser_source", "provider_name")

Row = tuple[Any, ...]


def _parse_ip(text: object) -> tuple[str, int, int] | None:
    """Normalised address, version and integer value; None when ``text`` is not an IP."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    try:
        packed = socket.inet_pton(socket.AF_INET, text)
        return text, 4, int.from_bytes(packed, "big")
    except OSError:
        pass
    try:
        packed = socket.inet_pton(socket.AF_INET6, text)
    except (OSError, ValueError):
        return None
    if packed[:12] == _MAPPED_PREFIX:
        return socket.inet_ntop(socket.AF_INET, packed[12:]), 4, int.from_bytes(packed[12:], "big")
    return text, 6, int.from_bytes(packed, "big")


# Networks the curated list does not know are still read as hosting when their registered
# organisation calls itself one (876 of 84,159 ASNs in the shipped data, e.g. "GIGAS HOSTING",
# "QUASAR DATA CENTER", "Servers Depot"). Used only without an Anonymous-IP database.
HOSTING_ORG_NAME = re.compile(
    r"hosting|hoster\b|\b(?:vps|servers?|datacent(?:er|re)s?|data cent(?:er|re)s?|colocation|dedicated)\b",
    re.IGNORECASE,
)


class GeoLookup:
    """Look up many IPs at once against the configured MaxMind DB files and CIDR lists."""

    def __init__(
        self,
        country_db: Path | None = None,
        asn_db: Path | None = None,
        anonymous_db: Path | None = None,
        cidr_files: Sequence[Path] = (),
        *,
        cache_size: int = 2_000_000,
        cidr_lists: Sequence[CidrList] = (),
        feed_asns: Mapping[int, tuple[str, str]] | None = None,
    ) -> None:
        self._readers: list[maxminddb.Reader] = []
        self._paths: dict[int, Path] = {}
        self._country = self._open(country_db, "geoip_country (DETECTOR_GEOIP_COUNTRY)")
        self._asn = self._open(asn_db, "geoip_asn (DETECTOR_GEOIP_ASN)")
        self._anonymous = self._open(anonymous_db, "geoip_anonymous (DETECTOR_GEOIP_ANONYMOUS)")
        anonymous_type = self._anonymous.metadata().database_type if self._anonymous else ""
        self._residential_proxy_db = "residential-proxy" in anonymous_type.lower()
        self._asn_kinds = {} if self._anonymous else load_anonymiser_asns()
        self._cidr_lists = [CidrList.from_file(Path(p)) for p in cidr_files] + list(cidr_lists)
        # A loaded hosting-ASN feed applies with or without an Anonymous IP database, like CIDR lists.
        self._feed_asns = dict(feed_asns or {})
        self._fallback = {
            code: (
                facts.latitude,
                facts.longitude,
                facts.single_timezone or (facts.zones[0] if facts.zones else None),
            )
            for code, facts in country_facts().items()
        }
        self._cache: dict[str, Row] = {}
        self._cache_size = cache_size

    @classmethod
    def from_settings(cls, settings: Settings, feeds: Any = None) -> GeoLookup:
        """Open the files named by a Settings object (call ``with_defaults()`` first).

        ``feeds`` (:class:`detector.intel.active_feeds.ActiveFeeds`) adds loaded VPN, Tor and
        hosting-ASN feeds to the configured lists.
        """
        return cls(
            country_db=settings.geoip_country,
            asn_db=settings.geoip_asn,
            anonymous_db=settings.geoip_anonymous,
            cidr_files=settings.vpn_cidr_files,
            cidr_lists=feeds.cidr_lists if feeds is not None else (),
            feed_asns=feeds.hosting_asns if feeds is not None else None,
        )

    def _open(self, path: Path | None, setting: str) -> maxminddb.Reader | None:
        if path is None:
            return None
        reader = open_mmdb(Path(path), setting)
        self._readers.append(reader)
        self._paths[id(reader)] = Path(path)
        return reader

    def database_versions(self) -> dict[str, str]:
        """``{"geoip_anonymous": "GeoIP-Anonymous-Plus 2026-02-04"}``: type and build date of each open DB."""
        import datetime as dt

        versions = {}
        for setting, reader in (("geoip_country", self._country), ("geoip_asn", self._asn),
                                ("geoip_anonymous", self._anonymous)):
            if reader is not None:
                meta = reader.metadata()
                built = dt.datetime.fromtimestamp(meta.build_epoch, dt.UTC).date().isoformat()
                versions[setting] = f"{meta.database_type} {built}"
        return versions

    def close(self) -> None:
        """Close every open database file."""
        for reader in self._readers:
            reader.close()
        self._readers.clear()
        self._country = self._asn = self._anonymous = None

    def __enter__(self) -> GeoLookup:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _get(self, reader: maxminddb.Reader, ip: str) -> Any:
        try:
            return reader.get(ip)
        except ValueError:  # e.g. IPv6 address against an IPv4-only database
            return None
        except InvalidDatabaseError as error:
            raise GeoDatabaseError(
                f"GeoIP database {self._paths[id(reader)]} is corrupt ({error}); "
                "replace it with a fresh download or leave the setting unset"
            ) from error

    def _lookup_one(self, ip: str) -> list[Any]:
        """Databases and the curated ASN list for one normalised IP (CIDR lists come later)."""
        country = time_zone = as_org = source = provider = None
        lat = lon = asn = confidence = _NAN
        flags = [False] * 6
        record = self._get(self._country, ip) if self._country else None
        if record:
            country = record.get("country_code")
            if country is None:
                country = (record.get("country") or {}).get("iso_code") or (
                    record.get("registered_country") or {}
                ).get("iso_code")
            location = record.get("location")
            if location:
                lat = location.get("latitude", _NAN)
                lon = location.get("longitude", _NAN)
                time_zone = location.get("time_zone")
            traits = record.get("traits")
            if traits and "autonomous_system_number" in traits:  # Enterprise layout
                asn = float(traits["autonomous_system_number"])
                as_org = traits.get("autonomous_system_organization")
        if country is not None and (lat != lat or time_zone is None):
            fallback = self._fallback.get(country)
            if fallback is not None:
                if lat != lat or lon != lon:
                    lat, lon = fallback[0], fallback[1]
                time_zone = time_zone or fallback[2]
        record = self._get(self._asn, ip) if self._asn else None
        if record and "autonomous_system_number" in record:
            asn = float(record["autonomous_system_number"])
            as_org = record.get("autonomous_system_organization")
        if self._anonymous is not None:
            record = self._get(self._anonymous, ip)
            if record:
                if self._residential_proxy_db:
                    flags[4] = flags[5] = True
                else:
                    for key, position in _ANONYMOUS_KEYS:
                        if record.get(key):
                            flags[position] = True
                provider = record.get("provider_name")
                confidence = float(record.get("anonymizer_confidence", _NAN))
                if any(flags):
                    flags[5] = True
                    source = ANONYMOUS_DB_SOURCE
        elif asn == asn:
            entry = self._asn_kinds.get(int(asn))
            if entry is not None:
                flags[_KIND_FLAG[entry[1]]] = flags[5] = True
                source = f"asn-list:{entry[0]}"
            elif self._asn_kinds and isinstance(as_org, str) and HOSTING_ORG_NAME.search(as_org):
                flags[_KIND_FLAG["hosting"]] = flags[5] = True
                source = f"asn-name:{as_org}"
        if asn == asn and int(asn) in self._feed_asns and not flags[_KIND_FLAG["hosting"]]:
            flags[_KIND_FLAG["hosting"]] = flags[5] = True
            if source is None:
                source = f"asn-feed:{self._feed_asns[int(asn)][0]}"
        return [country, lat, lon, time_zone, asn, as_org, *flags, source, provider, confidence]

    def _apply_cidr_lists(self, rows: list[list[Any]], parsed: list[tuple[str, int, int]]) -> None:
        """Set CIDR-list flags in place; a CIDR source replaces an ASN-list source."""
        v4_positions = [i for i, p in enumerate(parsed) if p[1] == 4]
        v6_positions = [i for i, p in enumerate(parsed) if p[1] == 6]
        v4_values = np.fromiter((parsed[i][2] for i in v4_positions), np.int64, len(v4_positions))
        v6_values = [parsed[i][2] for i in v6_positions]
        for cidr_list in self._cidr_lists:
            flag = 6 + _KIND_FLAG[cidr_list.kind]
            hits = [v4_positions[i] for i in np.flatnonzero(cidr_list.contains_v4(v4_values))]
            hits += [v6_positions[i] for i in np.flatnonzero(cidr_list.contains_v6(v6_values))]
            for position in hits:
                row = rows[position]
                row[flag] = row[11] = True
                if row[12] is None or row[12].startswith("asn-list:"):
                    row[12] = f"cidr-list:{cidr_list.name}"

    def rows(self, ips: Sequence[str]) -> list[Row]:
        """One tuple of COLUMNS per IP, same order: ``lookup`` without the frame (one applicant's
        few sessions in the scoring API)."""
        self._cache_all(list(dict.fromkeys(ips)))
        return [self._cache[ip] for ip in ips]

    def _cache_all(self, uniques: list) -> None:
        """Make every IP of ``uniques`` present in the cache at once.

        A cache that would overflow is cleared *before* filling, and then every requested IP is
        looked up again: clearing halfway would drop IPs this very call still needs.
        """
        cache = self._cache
        missing = [ip for ip in uniques if ip not in cache]
        if missing and len(cache) + len(missing) > self._cache_size:
            cache.clear()
            missing = list(uniques)
        self._fill_cache(missing)

    def _fill_cache(self, missing: list) -> None:
        cache = self._cache
        if missing:
            parsed_ok: list[tuple[str, int, int]] = []
            new_keys: list[str] = []
            for ip in missing:
                parsed = _parse_ip(ip)
                if parsed is None:
                    cache[ip] = _UNKNOWN
                else:
                    parsed_ok.append(parsed)
                    new_keys.append(ip)
            rows = [self._lookup_one(p[0]) for p in parsed_ok]
            if self._cidr_lists and rows:
                self._apply_cidr_lists(rows, parsed_ok)
            for key, row in zip(new_keys, rows, strict=True):
                cache[key] = tuple(row)

    def lookup(self, ips: Sequence[str]) -> pd.DataFrame:
        """One row per input IP, same order, with COLUMNS; malformed IPs give unknown values."""
        codes, uniques = pd.factorize(pd.Series(list(ips), dtype=object), use_na_sentinel=True)
        cache = self._cache
        self._cache_all(list(uniques))
        table = [cache[ip] for ip in uniques] + [_UNKNOWN]
        codes = np.where(codes < 0, len(table) - 1, codes)
        data = {name: array[codes] for name, array in geo_columns(table).items()}
        frame = pd.DataFrame(data, columns=list(COLUMNS))
        return frame.astype({name: "str" for name in _STRING_COLUMNS})


def geo_columns(rows: Sequence[Row]) -> dict[str, np.ndarray]:
    """Each of COLUMNS over ``rows`` (tuples from :meth:`GeoLookup.rows`) as a typed array:
    numbers as floats, flags as booleans, text as objects with NaN where unknown, which is
    what the columns of :meth:`GeoLookup.lookup`'s frame hand out."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS)
    data: dict[str, np.ndarray] = {}
    for name, values in zip(COLUMNS, columns, strict=True):
        if name in ("latitude", "longitude", "asn", "anonymizer_confidence"):
            data[name] = np.asarray(values, dtype=float)
        elif name in FLAG_COLUMNS:
            data[name] = np.asarray(values, dtype=bool)
        else:  # text (_STRING_COLUMNS), as ``astype("str")`` leaves it
            data[name] = np.asarray([_NAN if value is None or value != value else str(value)
                                     for value in values], dtype=object)
    return data
