"""GeoLookup against MaxMind's test databases (vendored) and the shipped databases."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from detector.errors import GeoDatabaseError
from detector.geo.geoip import COLUMNS, GeoLookup
from detector.settings import SHIPPED_ASN_DB, SHIPPED_COUNTRY_DB, Settings

MAXMIND = Path(__file__).resolve().parent / "fixtures" / "maxmind"


@pytest.fixture(scope="module")
def maxmind_geo() -> GeoLookup:
    with GeoLookup(
        MAXMIND / "GeoIP2-City-Test.mmdb",
        MAXMIND / "GeoLite2-ASN-Test.mmdb",
        MAXMIND / "GeoIP2-Anonymous-IP-Test.mmdb",
    ) as geo:
        yield geo


@pytest.fixture(scope="module")
def shipped_geo() -> GeoLookup:
    with GeoLookup.from_settings(Settings().with_defaults()) as geo:
        yield geo


def test_city_database_gives_country_coordinates_and_zone(maxmind_geo: GeoLookup) -> None:
    rows = maxmind_geo.lookup(["81.2.69.142", "2001:218::"])
    assert list(rows.columns) == list(COLUMNS)
    assert rows["country"].tolist() == ["GB", "JP"]
    assert rows["ip_time_zone"].tolist() == ["Europe/London", "Asia/Tokyo"]
    assert rows.loc[0, "latitude"] == pytest.approx(51.5142)


def test_asn_database(maxmind_geo: GeoLookup) -> None:
    row = maxmind_geo.lookup(["1.128.0.0"]).iloc[0]
    assert row["asn"] == 1221 and row["as_org"] == "Telstra Pty Ltd"


@pytest.mark.parametrize(
    ("ip", "flag"),
    [
        ("1.2.0.1", "is_vpn"),
        ("1.124.213.1", "is_tor"),
        ("71.160.223.1", "is_hosting"),
        ("186.30.236.1", "is_proxy"),
        ("81.2.69.1", "is_residential_proxy"),
    ],
)
def test_anonymous_ip_flags(maxmind_geo: GeoLookup, ip: str, flag: str) -> None:
    row = maxmind_geo.lookup([ip]).iloc[0]
    assert row[flag] and row["is_anonymous"]
    assert row["anonymiser_source"] == "anonymous-ip-db"


def test_anonymous_ip_db_replaces_the_curated_asn_list(maxmind_geo: GeoLookup) -> None:
    row = maxmind_geo.lookup(["1.0.0.1"]).iloc[0]  # AS15169 in the test ASN DB, not anonymous
    assert row["asn"] == 15169 and not row["is_hosting"]


def test_country_layout_and_anonymous_plus_provider() -> None:
    with GeoLookup(
        MAXMIND / "GeoIP2-Country-Test.mmdb",
        MAXMIND / "GeoIP2-ISP-Test.mmdb",
        MAXMIND / "GeoIP-Anonymous-Plus-Test.mmdb",
    ) as geo:
        rows = geo.lookup(["81.2.69.142", "1.2.0.1", "1.128.0.0"])
    assert rows.loc[0, "country"] == "GB"
    assert rows.loc[0, "ip_time_zone"] == "Europe/London"  # from the country, no location
    assert rows.loc[1, "provider_name"] == "foo" and rows.loc[1, "is_vpn"]
    assert rows.loc[2, "asn"] == 1221


def test_residential_proxy_database() -> None:
    with GeoLookup(anonymous_db=MAXMIND / "GeoIP-Residential-Proxy-Test.mmdb") as geo:
        row = geo.lookup(["1.2.0.4"]).iloc[0]
    assert row["is_residential_proxy"] and row["provider_name"] == "quickshift"


def test_missing_database_names_path_and_fix(tmp_path: Path) -> None:
    missing = tmp_path / "nope.mmdb"
    with pytest.raises(GeoDatabaseError, match=r"nope\.mmdb does not exist.*geoip_country"):
        GeoLookup(missing)


def test_corrupt_database_raises_geo_error(tmp_path: Path) -> None:
    with pytest.raises(GeoDatabaseError, match="Invalid-Node-Count.*cannot be read"):
        GeoLookup(MAXMIND / "GeoIP2-City-Test-Invalid-Node-Count.mmdb")
    garbage = tmp_path / "garbage.mmdb"
    garbage.write_bytes(b"not a database")
    with pytest.raises(GeoDatabaseError, match="garbage.mmdb"):
        GeoLookup(asn_db=garbage)


def test_corrupt_data_section_raises_geo_error_on_lookup() -> None:
    with GeoLookup(MAXMIND / "GeoIP2-City-Test-Broken-Double-Format.mmdb") as geo:
        with pytest.raises(GeoDatabaseError, match="Broken-Double-Format.*corrupt"):
            geo.lookup(["81.2.69.160"])


def test_malformed_and_missing_ips_give_unknowns(maxmind_geo: GeoLookup) -> None:
    rows = maxmind_geo.lookup(["not an ip", "", None, "1.2.3", "999.1.1.1", "81.2.69.142"])
    assert len(rows) == 6
    assert rows["country"].isna().tolist() == [True] * 5 + [False]
    assert not rows["is_anonymous"].iloc[:5].any()
    assert math.isnan(rows.loc[0, "asn"])


def test_ipv6_against_ipv4_only_database_is_unknown() -> None:
    with GeoLookup(MAXMIND / "MaxMind-DB-test-ipv4-24.mmdb") as geo:
        assert geo.lookup(["2001:db8::1"])["country"].isna().all()


def test_order_length_and_duplicates_are_kept(shipped_geo: GeoLookup) -> None:
    ips = ["8.8.8.8", "77.88.8.8", "8.8.8.8", "bad", "77.88.8.8"]
    assert shipped_geo.lookup(ips)["country"].tolist()[:3] == ["US", "RU", "US"]
    assert len(shipped_geo.lookup([])) == 0


def test_a_full_cache_never_loses_the_ips_of_the_call_that_fills_it() -> None:
    """Long batch runs overflow the per-IP cache; every lookup must still answer every IP."""
    settings = Settings().with_defaults()
    first = ["8.8.8.8", "77.88.8.8", "175.45.176.1"]
    second = ["8.8.8.8", "1.1.1.1", "bad-ip", "9.9.9.9", "175.45.176.1"]  # two of them cached
    with GeoLookup(settings.geoip_country, settings.geoip_asn, cache_size=4) as geo:
        assert geo.lookup(first)["country"].tolist() == ["US", "RU", "KP"]
        rows = geo.lookup(second)
        again = geo.rows(first + second)
    with GeoLookup(settings.geoip_country, settings.geoip_asn) as roomy:
        assert rows.equals(roomy.lookup(second))
        assert again == roomy.rows(first + second)


def test_shipped_databases_know_north_korea(shipped_geo: GeoLookup) -> None:
    row = shipped_geo.lookup(["175.45.176.1"]).iloc[0]
    assert row["country"] == "KP" and row["asn"] == 131279
    assert row["ip_time_zone"] == "Asia/Pyongyang"
    assert row["latitude"] == pytest.approx(39.0, abs=0.5)


def test_shipped_databases_known_answers(shipped_geo: GeoLookup) -> None:
    rows = shipped_geo.lookup(["8.8.8.8", "77.88.8.8", "::ffff:77.88.8.8"])
    assert rows["country"].tolist() == ["US", "RU", "RU"]
    assert rows.loc[0, "asn"] == 15169
    assert rows.loc[1, "ip_time_zone"] == "Europe/Moscow"


def test_shipped_asn_db_has_geolite2_layout() -> None:
    import maxminddb

    with maxminddb.open_database(str(SHIPPED_ASN_DB)) as reader:
        assert "ASN" in reader.metadata().database_type
        assert reader.get("175.45.176.1") == {
            "autonomous_system_number": 131279,
            "autonomous_system_organization": "Star Joint Venture Co. Ltd.",
        }
        assert reader.get("2001:4860:4860::8888")["autonomous_system_number"] == 15169
    assert SHIPPED_COUNTRY_DB.is_file()


def test_curated_asn_list_flags_cloud_ips(shipped_geo: GeoLookup) -> None:
    rows = shipped_geo.lookup(["3.5.140.2", "159.89.0.1", "175.45.176.1"])  # AWS, DigitalOcean
    assert rows["asn"].tolist()[:2] == [16509, 14061]
    assert rows["is_hosting"].tolist() == [True, True, False]
    assert rows.loc[0, "anonymiser_source"].startswith("asn-list:Amazon")


def test_hosting_named_networks_outside_the_curated_list_are_flagged():
    from detector.geo.geoip import GeoLookup
    from detector.settings import Settings

    with GeoLookup.from_settings(Settings().with_defaults()) as geo:
        row = geo.lookup(["89.26.144.10"]).iloc[0]  # AS49493 GIGAS HOSTING S.A. (not in the curated list)
    assert row["asn"] == 49493
    assert row["is_hosting"] and row["anonymiser_source"].startswith("asn-name:")
