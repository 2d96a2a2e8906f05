"""Rebuild the shipped geolocation data in detector/geo/data/ from sapics' ip-location-db files.

Usage: python scripts/build_geodata.py [SOURCE_DIR] [--out DIR]

SOURCE_DIR (default /work/shared/data/ip-location-db) must hold geo-whois-asn-country.mmdb,
asn-ipv4.csv.gz, asn-ipv6.csv.gz and the licence files. Outputs:

- geo-whois-asn-country.mmdb  copied as is (record ``{"country_code": "XX"}``)
- asn.mmdb                    GeoLite2-ASN record layout, IPv6 tree with IPv4 at ::/96
- ip_pools.parquet            per-country residential / hosting / vpn ranges for the generator
- licence and attribution files (CC BY 4.0: NRO, RouteViews, DB-IP)

Residential heuristic ("eyeball ISPs"): for each country (country of a range = country DB answer for its first IP,
the range clipped to that DB network so it stays in one country), rank ASNs by IPv4 addresses and
keep the top ones that are (1) not in the curated anonymiser list, (2) not known transit carriers,
(3) spread over at least ``MIN_RANGES_FOR_EYEBALL`` ranges (single-block legacy holders such as
corporations are not ISPs) and (4) whose organisation name does not match ``NON_EYEBALL_ORG``
(hosting, cloud, datacentre, server, VPN, CDN, government, military, university, bank, plus a
few research networks and enterprise carriers found by inspection). A country with no such ASN
keeps its single largest one. Hosting and vpn pools are the curated list's ASNs of those kinds
(only where they hold IPv4 space in that country). Each (country, kind) keeps at most 200 IPv4
and 40 IPv6 ranges, sampled with a fixed seed.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import shutil
import sys
import time
from pathlib import Path

import maxminddb
import numpy as np
import pandas as pd
from mmdb_writer import MMDBWriter
from netaddr import IPRange, IPSet

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detector.geo.anonymiser_asns import load_anonymiser_asns  # noqa: E402

DEFAULT_SOURCE = Path("/work/shared/data/ip-location-db")
DEFAULT_OUT = ROOT / "detector" / "geo" / "data"
COUNTRY_DB = "geo-whois-asn-country.mmdb"
LICENCE_FILES = (
    "DBIP-LICENSE",
    "DBIP-LICENSE-asn",
    "NRO_LICENSE",
    "ROUTEVIEWS-LICENSE",
    "MODIFICATIONS-asn",
    "README-asn.md",
    "README-geo-whois-asn-country-mmdb.md",
)
SEED = 20260617
SOURCE_EPOCH = 1781654400  # 2026-06-17T00:00:00Z, build date of the ip-location-db snapshot
MAX_RANGES_V4 = 200
MAX_RANGES_V6 = 40
RESIDENTIAL_ASNS_PER_COUNTRY = 6
MIN_RANGES_FOR_EYEBALL = 8
NON_EYEBALL_ORG = re.compile(
    r"host|cloud|data ?cent|datacenter|server|vps|vpn|proxy|colo|cdn|dedicated|"
    r"government|ministry|department|defen[cs]e|dod\b|military|army|navy|air force|"
    r"universit|college|school|academ|research|institute|education|"
    r"bank|insurance|amazon|google|microsoft|apple|facebook|meta platforms|akamai|cloudflare|"
    # found by inspecting the first build: research networks, enterprise carriers, CDNs
    r"foerderung|cercetare|consortium|jisc|surf b\.v|renater|tenet|red\.es|entidad publica|"
    r"samsung|byteplus|content delivery|electricite|skylogic|dimension data|larus",
    re.IGNORECASE,
)
# Transit carriers plus enterprise/research networks found by inspection (702 UUNET EU, 2614 RoEduNet)
TRANSIT_ASNS = {
    174,
    702,
    1273,
    1299,
    2614,
    2914,
    3257,
    3356,
    3491,
    6453,
    6461,
    6762,
    6830,
    6939,
    9002,
}
REQUIRED_COUNTRIES = (
    "CN RU LA KP US GB DE IN PK NG UA PH BR VN KR JP CA AU PL RO EG BD ID MX AR TR ZA KE NL FR "
    "ES IT SG HK MY TH"
).split()


def read_ranges(path: Path, version: int) -> pd.DataFrame:
    """Read one ip-location-db ASN CSV into integer start/end columns."""
    frame = pd.read_csv(path, names=["start", "end", "asn", "org"], dtype={"org": object})
    frame["org"] = frame["org"].fillna("")
    convert = ipaddress.IPv4Address if version == 4 else ipaddress.IPv6Address
    frame["start_int"] = [int(convert(ip)) for ip in frame["start"]]
    frame["end_int"] = [int(convert(ip)) for ip in frame["end"]]
    frame["ip_version"] = version
    return frame


def build_asn_mmdb(ranges: pd.DataFrame, target: Path) -> None:
    """Write a GeoLite2-ASN layout MMDB (IPv6 tree, IPv4 at ::/96) from start/end ranges."""
    writer = MMDBWriter(
        ip_version=6,
        database_type="GeoLite2-ASN",
        languages=["en"],
        description={"en": "detector ASN database built from sapics/ip-location-db (CC BY 4.0)"},
        ipv4_compatible=True,
        int_type="u32",
    )
    base_meta = writer._build_meta
    # A fixed build date (the source snapshot's) keeps rebuilds byte-identical.
    writer._build_meta = lambda: {**base_meta(), "build_epoch": SOURCE_EPOCH}  # type: ignore[method-assign]
    records: dict[tuple[int, str], dict[str, object]] = {}
    for start, end, asn, org, version in ranges[
        ["start", "end", "asn", "org", "ip_version"]
    ].itertuples(index=False):
        if version == 6 and int(ipaddress.IPv6Address(start)) < (1 << 120):
            continue  # ::/8 would collide with the IPv4 subtree
        key = (int(asn), org)
        record = records.get(key)
        if record is None:
            record = {"autonomous_system_number": int(asn)}
            if org:
                record["autonomous_system_organization"] = org
            records[key] = record
        writer.insert_network(IPSet(IPRange(start, end)), record)
    writer.to_db_file(str(target))


def clip_to_country(ranges: pd.DataFrame, country_db: Path) -> pd.DataFrame:
    """Attach the country DB's answer for each range's first IP, clipped to that DB network."""
    countries: list[str | None] = []
    ends: list[int] = []
    with maxminddb.open_database(str(country_db)) as reader:
        for start, start_int, end_int, version in ranges[
            ["start", "start_int", "end_int", "ip_version"]
        ].itertuples(index=False):
            record, prefix = reader.get_with_prefix_len(start)
            code = record.get("country_code") if isinstance(record, dict) else None
            countries.append(str(code) if code else None)
            bits = 32 if version == 4 else 128
            network_end = start_int | ((1 << (bits - prefix)) - 1)
            ends.append(min(end_int, network_end))
    out = ranges.copy()
    out["country"] = countries
    out["end_int"] = ends
    return out.dropna(subset=["country"])


def residential_asns(v4: pd.DataFrame, curated: set[int]) -> pd.DataFrame:
    """Per country, the largest eyeball-looking ASNs by IPv4 addresses (see module docstring)."""
    sizes = v4.assign(size=v4["end_int"] - v4["start_int"] + 1)
    per = sizes.groupby(["country", "asn"]).agg(
        org=("org", "first"), size=("size", "sum"), n_ranges=("size", "size")
    )
    per = per.reset_index()
    ok = (
        ~per["asn"].isin(curated | TRANSIT_ASNS)
        & ~per["org"].str.contains(NON_EYEBALL_ORG)
        & (per["org"] != "")
    )
    per = per[ok].sort_values(["country", "size"], ascending=[True, False])
    isps = per[per["n_ranges"] >= MIN_RANGES_FOR_EYEBALL]
    # A country with no such ISP (e.g. KP: one /22 of AS131279) keeps only its largest ASN;
    # the smaller ones there are usually foreign registrations with a whois country.
    small = per[~per["country"].isin(set(isps["country"]))].groupby("country").head(1)
    chosen = pd.concat([isps.groupby("country").head(RESIDENTIAL_ASNS_PER_COUNTRY), small])
    return chosen.sort_values(["country", "size"], ascending=[True, False])


def sample_pools(ranges: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Label ranges by (country, asn) -> kind and keep a bounded random sample per group."""
    rng = np.random.default_rng(SEED)
    labelled = ranges.merge(labels, on=["country", "asn"], how="inner")
    parts = []
    for (_, _, version), group in labelled.groupby(["country", "kind", "ip_version"]):
        limit = MAX_RANGES_V4 if version == 4 else MAX_RANGES_V6
        if len(group) > limit:
            group = group.iloc[np.sort(rng.choice(len(group), limit, replace=False))]
        parts.append(group)
    pools = pd.concat(parts, ignore_index=True)
    to_ip = {4: ipaddress.IPv4Address, 6: ipaddress.IPv6Address}
    pools["first_ip"] = [
        str(to_ip[v](s)) for v, s in zip(pools["ip_version"], pools["start_int"], strict=True)
    ]
    pools["last_ip"] = [
        str(to_ip[v](e)) for v, e in zip(pools["ip_version"], pools["end_int"], strict=True)
    ]
    columns = ["country", "kind", "asn", "org", "ip_version", "first_ip", "last_ip"]
    pools = pools[columns].sort_values(["country", "kind", "ip_version", "asn"])
    return pools.astype({"asn": "int64", "ip_version": "int8"}).reset_index(drop=True)


def build_ip_pools(ranges: pd.DataFrame, country_db: Path, target: Path) -> pd.DataFrame:
    """Write ip_pools.parquet: residential, hosting and vpn ranges per country."""
    curated = load_anonymiser_asns()
    located = clip_to_country(ranges, country_db)
    anonymiser = pd.DataFrame(
        [(asn, kind) for asn, (_, kind) in curated.items() if kind in ("hosting", "vpn")],
        columns=["asn", "kind"],
    )
    # Only (country, ASN) pairs with IPv4 space: drops odd IPv6-only whois registrations.
    countries = located.loc[located["ip_version"] == 4, ["country", "asn"]].drop_duplicates()
    anonymiser_labels = countries.merge(anonymiser, on="asn")
    home = residential_asns(located[located["ip_version"] == 4], set(curated))
    residential_labels = home[["country", "asn"]].assign(kind="residential")
    labels = pd.concat([anonymiser_labels, residential_labels], ignore_index=True)
    pools = sample_pools(located, labels)
    pools.to_parquet(target, index=False, compression="zstd")
    return pools


def main(argv: list[str] | None = None) -> int:
    """Build every shipped geo file and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    source: Path = args.source
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    shutil.copyfile(source / COUNTRY_DB, out / COUNTRY_DB)
    for name in LICENCE_FILES:
        shutil.copyfile(source / name, out / name)

    v4 = read_ranges(source / "asn-ipv4.csv.gz", 4)
    v6 = read_ranges(source / "asn-ipv6.csv.gz", 6)
    ranges = pd.concat([v4, v6], ignore_index=True)
    print(f"read {len(v4):,} IPv4 + {len(v6):,} IPv6 ranges", flush=True)

    step = time.perf_counter()
    build_asn_mmdb(ranges, out / "asn.mmdb")
    print(
        f"asn.mmdb: {(out / 'asn.mmdb').stat().st_size / 1e6:.1f} MB "
        f"in {time.perf_counter() - step:.0f} s",
        flush=True,
    )

    step = time.perf_counter()
    pools = build_ip_pools(ranges, out / COUNTRY_DB, out / "ip_pools.parquet")
    missing = sorted(set(REQUIRED_COUNTRIES) - set(pools["country"]))
    print(
        f"ip_pools.parquet: {len(pools):,} ranges, {pools['country'].nunique()} countries, "
        f"{(out / 'ip_pools.parquet').stat().st_size / 1e6:.2f} MB "
        f"in {time.perf_counter() - step:.0f} s; missing required: {missing or 'none'}"
    )
    print(f"total {time.perf_counter() - started:.0f} s")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
