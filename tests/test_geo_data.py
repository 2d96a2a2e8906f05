"""Shipped geo data (curated ASN list, IP pools) and user CIDR lists."""

from __future__ import annotations

import gzip
import ipaddress
from pathlib import Path

import pandas as pd
import pytest

from detector.errors import GeoDatabaseError
from detector.geo.anonymiser_asns import ANONYMISER_ASNS_CSV, KINDS, load_anonymiser_asns
from detector.geo.cidr_lists import CidrList, kind_of_list
from detector.geo.geoip import GeoLookup
from detector.settings import SHIPPED_COUNTRY_DB, SHIPPED_GEO_DIR

POOL_COUNTRIES = (
    "CN RU LA KP US GB DE IN PK NG UA PH BR VN KR JP CA AU PL RO EG BD ID MX AR TR ZA KE NL FR "
    "ES IT SG HK MY TH"
).split()


def test_curated_list_is_well_formed() -> None:
    table = pd.read_csv(ANONYMISER_ASNS_CSV)
    assert list(table.columns) == ["asn", "name", "kind", "source"]
    assert table["asn"].is_unique and table["source"].str.len().gt(10).all()
    assert set(table["kind"]) <= set(KINDS)
    asns = load_anonymiser_asns()
    assert asns[16509][1] == "hosting" and asns[136787][1] == "vpn" and asns[60729][1] == "tor"
    assert 131279 not in asns  # the DPRK national ISP is residential, not an anonymiser


def test_curated_asns_exist_in_the_asn_data(shared_data: Path) -> None:
    path = shared_data / "ip-location-db" / "asn-ipv4.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        seen = {
            int(line.rsplit(",", 2)[-2]) if '"' not in line else int(line.split(",")[2])
            for line in handle
        }
    assert set(load_anonymiser_asns()) <= seen


@pytest.fixture(scope="module")
def pools() -> pd.DataFrame:
    return pd.read_parquet(SHIPPED_GEO_DIR / "ip_pools.parquet")


def test_pools_cover_required_countries_and_kinds(pools: pd.DataFrame) -> None:
    assert list(pools.columns) == [
        "country",
        "kind",
        "asn",
        "org",
        "ip_version",
        "first_ip",
        "last_ip",
    ]
    assert set(pools["kind"]) == {"residential", "hosting", "vpn"}
    residential = set(pools.loc[pools["kind"] == "residential", "country"])
    assert set(POOL_COUNTRIES) <= residential
    assert set(pools.loc[pools["country"] == "KP", "asn"]) == {131279}
    assert pools.groupby(["country", "kind", "ip_version"]).size().max() <= 200
    us = set(pools.loc[(pools["country"] == "US") & (pools["kind"] == "residential"), "asn"])
    assert {7922, 7018} <= us  # Comcast, AT&T


def test_pool_ranges_map_back_to_their_country(pools: pd.DataFrame) -> None:
    import maxminddb

    sample = pools[pools["country"].isin(POOL_COUNTRIES)].groupby(["country", "kind"]).head(5)
    with maxminddb.open_database(str(SHIPPED_COUNTRY_DB)) as reader:
        for row in sample.itertuples():
            first = int(ipaddress.ip_address(row.first_ip))
            last = int(ipaddress.ip_address(row.last_ip))
            assert first <= last
            for value in (first, (first + last) // 2, last):
                ip = str(ipaddress.ip_address(value))
                assert reader.get(ip)["country_code"] == row.country, (ip, row)


def test_cidr_file_parsing_and_lookup(tmp_path: Path) -> None:
    path = tmp_path / "my-vpn.txt"
    path.write_text("# exits\n203.0.113.0/24\n\n198.51.100.7  # one host\n2001:db8::/32\n")
    cidrs = CidrList.from_file(path)
    assert len(cidrs) == 3 and cidrs.kind == "vpn"
    with GeoLookup(cidr_files=[path]) as geo:
        rows = geo.lookup(
            ["203.0.113.9", "198.51.100.7", "198.51.100.8", "2001:db8::5", "2001:db9::"]
        )
    assert rows["is_vpn"].tolist() == [True, True, False, True, False]
    assert rows.loc[0, "anonymiser_source"] == "cidr-list:my-vpn.txt"


def test_cidr_list_kind_comes_from_the_file_name() -> None:
    assert kind_of_list(Path("lists/output/datacenter/ipv4.txt")) == "hosting"
    assert kind_of_list(Path("tor-exits.txt")) == "tor"
    assert kind_of_list(Path("lists/output/vpn/ipv4.txt")) == "vpn"


def test_bad_cidr_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("10.0.0.0/8\nnot-a-network\n")
    with pytest.raises(GeoDatabaseError, match=r"bad\.txt:2: 'not-a-network'"):
        CidrList.from_file(path)
    with pytest.raises(GeoDatabaseError, match="cannot read CIDR list"):
        CidrList.from_file(tmp_path / "absent.txt")


def test_cidr_source_wins_over_curated_asn(tmp_path: Path) -> None:
    path = tmp_path / "vpn.txt"
    path.write_text("3.5.140.0/22\n")
    with GeoLookup.from_settings(_settings(cidr=(path,))) as geo:
        row = geo.lookup(["3.5.140.2"]).iloc[0]
    assert row["is_vpn"] and row["is_hosting"]
    assert row["anonymiser_source"] == "cidr-list:vpn.txt"


def test_real_x4bnet_vpn_list(shared_data: Path) -> None:
    path = shared_data / "x4bnet-lists_vpn" / "output" / "vpn" / "ipv4.txt"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    cidrs = CidrList.from_file(path)
    assert len(cidrs) > 1000
    first = next(
        line.split("#")[0].strip()
        for line in path.read_text().splitlines()
        if line.split("#")[0].strip()
    )
    network = ipaddress.ip_network(first, strict=False)
    with GeoLookup(cidr_files=[path]) as geo:
        row = geo.lookup([str(network.network_address)]).iloc[0]
    assert row["is_vpn"] and row["anonymiser_source"] == "cidr-list:ipv4.txt"


def _settings(cidr: tuple[Path, ...]):  # noqa: ANN202
    from detector.settings import Settings

    return Settings(vpn_cidr_files=cidr).with_defaults()
