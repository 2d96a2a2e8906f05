"""`detector intel update` / `status`: validated feeds installed in the data folder, bad downloads refused.

Fixtures: the real feed files in ../shared/data (OFAC SDN 2024-05-03 snapshot, X4BNet VPN ranges,
brianhama hosting ASNs, Tor exit relays) and small files in OFAC's and Tor's formats built here.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.cli import main
from detector.errors import InputError
from detector.geo.geoip import GeoLookup
from detector.intel.active_feeds import ActiveFeeds
from detector.intel.feed_formats import read_asn_feed, read_cidr_feed, read_tor_exits
from detector.intel.feed_store import FeedStore
from detector.settings import Settings
from tests.test_sanctions_formats import ADVANCED_XML, ALT_CSV, COMMENTS_CSV, SDN_CSV

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)
DATED_XML = ADVANCED_XML.replace(
    '<ReferenceValueSets>',
    "<DateOfIssue><Year>2026</Year><Month>11</Month><Day>20</Day></DateOfIssue>\n  <ReferenceValueSets>", 1)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path) -> FeedStore:
    return FeedStore(tmp_path / "data")


def test_advanced_xml_is_installed_with_its_date_of_issue_and_counts(store, tmp_path):
    source = _write(tmp_path / "download" / "sdn_advanced.xml", DATED_XML)
    [result] = store.update({"sdn": source}, now=NOW)
    manifest = store.manifest("sdn")
    assert result.action == "installed" and manifest == result.manifest
    assert manifest["data_date"].startswith("2026-11-20") and manifest["data_date_from"].startswith("date of issue")
    assert manifest["records"] == 4 and manifest["details"]["dprk_related_entries"] == 3
    assert manifest["version"].startswith("2026-11-20-")
    installed = store.folder("sdn") / "sdn_advanced.xml"
    assert installed.read_bytes() == source.read_bytes()
    assert manifest["files"][0]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert store.status(7, now=NOW)[0].age_days == pytest.approx(7.5)


def test_legacy_csv_brings_alt_and_comments_files_along(store, tmp_path):
    download = tmp_path / "download"
    _write(download / "SDN.CSV", SDN_CSV)
    _write(download / "alt.csv", ALT_CSV)
    _write(download / "sdn_comments.csv", COMMENTS_CSV)
    store.update({"sdn": download}, published=dt.date(2026, 11, 26), now=NOW)
    folder = store.folder("sdn")
    assert sorted(p.name for p in folder.iterdir()) == ["alt.csv", "sdn.csv", "sdn_comments.csv"]
    feeds = ActiveFeeds.load(Settings(data_dir=store.root.parent), now=NOW)
    aliases = feeds.sdn.identifiers_of("alias")
    assert "fronttech" in set(aliases["value"])  # from alt.csv
    assert feeds.versions == {"sdn": store.manifest("sdn")["version"]}
    assert store.manifest("sdn")["data_date_from"] == "publication date given with --published"


def test_real_feed_files_load_and_flag_ips_at_scoring_time(store, shared_data):
    store.update({
        "sdn": shared_data / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
        "vpn_cidrs": shared_data / "x4bnet-lists_vpn" / "output" / "vpn" / "ipv4.txt",
        "hosting_asns": shared_data / "brianhama-bad-asn-list" / "bad-asn-list.csv",
        "tor_exits": shared_data / "tor-nodes" / "latest.exits.csv",
    }, now=NOW)
    records = {s.feed: s.manifest["records"] for s in store.status(7, now=NOW)}
    assert records == {"sdn": 14965, "vpn_cidrs": 10862, "hosting_asns": 723, "tor_exits": 2277}
    feeds = ActiveFeeds.load(Settings(data_dir=store.root.parent), now=NOW)
    assert len(feeds.sdn) == 492  # DPRK programmes plus entries linked to them
    # Comcast (AS7922) is residential in the shipped lists: the loaded hosting feed alone flags it.
    feeds.hosting_asns[7922] = ("Comcast test entry", "hosting")
    with GeoLookup.from_settings(Settings().with_defaults(), feeds) as geo:
        rows = geo.lookup(["2.27.151.9", "102.130.113.9", "73.0.0.1"])
    rows.index = ["vpn", "tor", "asn"]
    assert rows.loc["vpn", "is_vpn"] and rows.loc["vpn", "anonymiser_source"] == "cidr-list:feed:vpn_cidrs"
    assert rows.loc["tor", "is_tor"] and rows.loc["tor", "anonymiser_source"] == "cidr-list:feed:tor_exits"
    assert rows.loc["asn", "is_hosting"] and rows.loc["asn", "anonymiser_source"] == "asn-feed:Comcast test entry"
    with GeoLookup.from_settings(Settings().with_defaults()) as geo:
        plain = geo.lookup(["2.27.151.9", "102.130.113.9", "73.0.0.1"])
    assert not plain["is_anonymous"].any()


def test_an_empty_file_is_refused_and_nothing_is_installed(store, tmp_path):
    good = _write(tmp_path / "vpn.txt", "203.0.113.0/24\n")
    empty = _write(tmp_path / "exits.txt", "")
    with pytest.raises(InputError, match=r"exits\.txt is empty; refusing to replace the Tor exit addresses"):
        store.update({"vpn_cidrs": good, "tor_exits": empty}, now=NOW)
    assert store.manifest("vpn_cidrs") is None  # all or nothing
    assert [p.name for p in store.root.iterdir()] == []  # no staging left behind


def test_a_truncated_sdn_download_is_refused_naming_the_line(store, tmp_path):
    rows = SDN_CSV.splitlines()
    cut = _write(tmp_path / "sdn.csv", "\n".join(rows[:2]) + "\n" + rows[2][:30])
    with pytest.raises(InputError, match=rf"refusing OFAC SDN list .*{cut} line 3: expected 12 OFAC columns"):
        store.update({"sdn": cut}, now=NOW)
    gz = tmp_path / "gz" / "sdn.csv.gz"
    gz.parent.mkdir()
    gz.write_bytes(gzip.compress(SDN_CSV.encode())[:-20])
    with pytest.raises(InputError, match="cannot read OFAC file"):
        store.update({"sdn": gz}, now=NOW)
    assert store.manifest("sdn") is None


def test_an_sdn_list_without_dprk_entries_is_refused(store, tmp_path):
    other = _write(tmp_path / "sdn.csv", SDN_CSV.splitlines()[2] + "\n")  # one SDGT entity
    with pytest.raises(InputError, match="none under a DPRK programme"):
        store.update({"sdn": other}, now=NOW)


def test_a_large_drop_in_records_needs_force(store, tmp_path):
    full = _write(tmp_path / "full.txt", "".join(f"10.0.{i}.0/24\n" for i in range(100)))
    half = _write(tmp_path / "half.txt", "".join(f"10.0.{i}.0/24\n" for i in range(49)))
    store.update({"vpn_cidrs": full}, now=NOW)
    with pytest.raises(InputError, match=r"49 records against 100 .*more than 50%.*--force"):
        store.update({"vpn_cidrs": half}, now=NOW)
    assert store.manifest("vpn_cidrs")["records"] == 100
    store.update({"vpn_cidrs": half}, max_drop=0.6, now=NOW)
    assert store.manifest("vpn_cidrs")["records"] == 49
    [result] = store.update({"vpn_cidrs": full}, now=NOW)
    assert result.previous_records == 49
    [again] = store.update({"vpn_cidrs": full}, now=NOW)
    assert again.action == "unchanged"


def test_old_versions_are_pruned_keeping_the_previous_one(store, tmp_path):
    for n in range(1, 4):
        store.update({"tor_exits": _write(tmp_path / f"e{n}.txt", f"192.0.2.{n}\n" * 1)}, force=True, now=NOW)
    manifest = store.manifest("tor_exits")
    kept = sorted(p.name for p in (store.root / "tor_exits").iterdir())
    assert kept == sorted([manifest["version"], manifest["previous_version"]])


def test_line_formats_and_their_errors(tmp_path):
    exits = _write(tmp_path / "exit-addresses", "ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\n"
                   "Published 2026-11-20 10:00:00\nLastStatus 2026-11-20 11:00:00\n"
                   "ExitAddress 162.247.74.201 2026-11-20 11:05:00\n")
    networks, content = read_tor_exits(exits)
    assert [str(n) for n in networks] == ["162.247.74.201/32"] and content.records == 1
    assert read_tor_exits(_write(tmp_path / "rows.csv", "ipaddr\n,\n192.0.2.7, 9001\n"))[1].records == 1
    asns = _write(tmp_path / "ASN.txt", "AS9009 # M247, GB (NordVPN)\n\nas20448\n")
    assert read_asn_feed(asns)[0] == {9009: "M247, GB (NordVPN)", 20448: ""}
    with pytest.raises(InputError, match=r"ASN\.txt:2: 'Surfshark' is not an AS number"):
        read_asn_feed(_write(tmp_path / "ASN.txt", "AS9009\nSurfshark\n"))
    with pytest.raises(InputError, match=r"exits\.txt:2: no IP address in 'garbage'"):
        read_tor_exits(_write(tmp_path / "exits.txt", "192.0.2.1\ngarbage\n"))


def _cli(*args: str, data_dir: Path):
    return CliRunner().invoke(main, [*args, "--data-dir", str(data_dir)], catch_exceptions=False)


def test_cli_update_then_status_warns_when_stale(tmp_path):
    data = tmp_path / "data"
    xml = _write(tmp_path / "sdn_advanced.xml", DATED_XML)
    vpn = _write(tmp_path / "vpn.txt", "203.0.113.0/24\n")
    result = _cli("intel", "update", "--sdn", str(xml), "--vpn-cidrs", str(vpn), data_dir=data)
    assert result.exit_code == 0, result.output
    assert "sdn: installed version 2026-11-20-" in result.output
    status = _cli("intel", "status", data_dir=data)
    # The SDN list is dated 2026-11-20 in the file: stale after 7 days on the real clock.
    stale = dt.datetime.now(dt.UTC) - dt.datetime(2026, 11, 20, tzinfo=dt.UTC) > dt.timedelta(days=7)
    assert status.exit_code == (1 if stale else 0)
    assert ("STALE" in status.output) is stale
    assert "hosting_asns  not loaded" in status.output
    relaxed = CliRunner().invoke(main, ["intel", "status", "--json", "--data-dir", str(data)],
                                 env={"DETECTOR_FEED_MAX_AGE_DAYS": "100000"})
    assert relaxed.exit_code == 0
    listed = {item["feed"]: item for item in json.loads(relaxed.output)}
    assert listed["vpn_cidrs"]["manifest"]["records"] == 1 and listed["tor_exits"]["manifest"] is None


def test_cli_refusal_is_a_one_line_error(tmp_path):
    empty = _write(tmp_path / "sdn.csv", "")
    result = CliRunner().invoke(main, ["intel", "update", "--sdn", str(empty), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 3
    assert "is empty; refusing to replace the OFAC SDN list" in result.output
    none = CliRunner().invoke(main, ["intel", "update", "--data-dir", str(tmp_path / "d")])
    assert none.exit_code == 2 and "give at least one of --sdn" in none.output


@settings(max_examples=60)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_list_readers_accept_or_name_the_problem(tmp_path_factory, text):
    """Any text is either read or refused with an InputError naming the file; never a crash."""
    path = tmp_path_factory.mktemp("fuzz") / "list.txt"
    path.write_text(text, encoding="utf-8")
    for reader in (read_cidr_feed, read_asn_feed, read_tor_exits):
        try:
            _records, content = reader(path)
        except InputError as error:
            assert str(path) in str(error)
        else:
            assert content.records >= 0
