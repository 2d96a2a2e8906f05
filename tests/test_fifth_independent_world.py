"""Tests of scripts/fifth_independent_world.py: determinism, the input contract, truth, coverage.

Small worlds are generated once per module into a temporary folder. Everything skips with a reason
when the reference data (../shared/data beside the checkout) is absent.
"""

from __future__ import annotations

import collections
import csv
import gzip
import importlib.util
import ipaddress
import json
import re
import zoneinfo
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "fifth_independent_world.py"
DATA = next((p for p in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")
             if (p / "ip-location-db" / "dbip-country.mmdb").is_file()), None)

pytestmark = pytest.mark.skipif(DATA is None, reason="reference data ../shared/data not found beside the checkout")

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
METHODS = {"bank", "paypal", "payoneer", "wise", "crypto", "other"}


def _module():
    spec = importlib.util.spec_from_file_location("fifth_independent_world", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _iso_countries() -> set[str]:
    import tzdata
    tab = Path(tzdata.__file__).parent / "zoneinfo" / "iso3166.tab"
    return {line.split("\t")[0] for line in tab.read_text().splitlines() if line and not line.startswith("#")}


def _read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _truth(path: Path) -> list[dict]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    mod = _module()
    d = tmp_path_factory.mktemp("fifth")
    out = {}
    for key, n, seed in (("a", 300, 11), ("a2", 300, 11), ("b", 300, 12), ("big", 4000, 3)):
        p = d / f"world-{key}.jsonl.gz"
        assert mod.main(["-n", str(n), "--seed", str(seed), "-o", str(p), "--data", str(DATA)]) == 0
        out[key] = p
    return out


def test_same_seed_gives_identical_bytes_and_another_seed_differs(worlds):
    a, a2, b = worlds["a"], worlds["a2"], worlds["b"]
    assert a.read_bytes() == a2.read_bytes()
    assert a.with_name("world-a.truth.csv").read_bytes() == a2.with_name("world-a2.truth.csv").read_bytes()
    assert a.read_bytes() != b.read_bytes()
    assert a.read_bytes()[4:8] == b"\0\0\0\0"          # gzip header carries no time


def test_every_record_follows_the_input_contract(worlds):
    countries = _iso_countries()
    zones = zoneinfo.available_timezones()
    for key in ("a", "b"):
        rows = _read(worlds[key])
        assert len(rows) == 300
        assert len({r["applicant_id"] for r in rows}) == 300
        for r in rows:
            aid = r["applicant_id"]
            assert isinstance(aid, str) and aid
            assert RFC3339.match(r["created_at"]), r["created_at"]
            datetime.fromisoformat(r["created_at"].replace("Z", "+00:00"))
            assert r["claimed_country"] in countries
            if "claimed_timezone" in r:
                assert r["claimed_timezone"] in zones
            if "shipping_country" in r:
                assert r["shipping_country"] in countries
            if "photo_phash" in r:
                assert re.fullmatch(r"[0-9a-f]{16}", r["photo_phash"])
            if "hourly_rate_usd" in r:
                assert isinstance(r["hourly_rate_usd"], (int, float)) and r["hourly_rate_usd"] > 0
            if "phone" in r:
                assert re.fullmatch(r"\+?[0-9() -]{6,20}", r["phone"])
            assert r["label"] in (0, 1)
            for s in r["sessions"]:
                assert s["applicant_id"] == aid
                assert RFC3339.match(s["started_at"])
                assert s["started_at"] >= r["created_at"]       # no activity before sign-up
                ipaddress.ip_address(s["ip"])
                if "browser_timezone" in s:
                    assert s["browser_timezone"] in zones
                if "remote_access" in s:
                    assert isinstance(s["remote_access"], bool)
                if "duration_s" in s:
                    assert isinstance(s["duration_s"], int) and s["duration_s"] > 0
            for p in r["payouts"]:
                assert p["applicant_id"] == aid and p["method"] in METHODS and p["account_ref"]
                if "account_country" in p:
                    assert p["account_country"] in countries
            for p in r["proposals"]:
                assert p["applicant_id"] == aid and RFC3339.match(p["submitted_at"]) and p["text"]


def test_truth_file_matches_the_data(worlds):
    for key in ("a", "big"):
        rows = _read(worlds[key])
        truth = _truth(worlds[key].with_name(f"world-{key}.truth.csv"))
        assert [t["applicant_id"] for t in truth] == [r["applicant_id"] for r in rows]
        for r, t in zip(rows, truth, strict=True):
            assert int(t["label"]) == r["label"]
            if t["segment"] == "front":
                assert r["label"] == 1 and t["tactic"] and t["cell_id"]
            else:
                assert r["label"] == 0 and not t["tactic"] and not t["cell_id"]


def test_every_segment_and_tactic_appears_and_cells_are_5_to_30(worlds):
    mod = _module()
    truth = _truth(worlds["big"].with_name("world-big.truth.csv"))
    segments = collections.Counter(t["segment"] for t in truth)
    tactics = collections.Counter(t["tactic"] for t in truth if t["tactic"])
    assert set(mod.HONEST_SEGMENTS) | {"regular", "front"} == set(segments)
    assert set(mod.TACTICS) == set(tactics)
    cells = collections.Counter(t["cell_id"] for t in truth if t["cell_id"])
    assert all(5 <= c <= 30 for c in cells.values()), cells
    share = segments["front"] / len(truth)
    assert 0.025 <= share <= 0.085


def test_honest_residential_sessions_geolocate_to_the_claimed_country(worlds):
    import maxminddb
    db = maxminddb.open_database(str(DATA / "ip-location-db" / "dbip-country.mmdb"))
    truth = {t["applicant_id"]: t["segment"] for t in _truth(worlds["big"].with_name("world-big.truth.csv"))}
    hit = total = 0
    for r in _read(worlds["big"]):
        if truth[r["applicant_id"]] not in ("regular", "romanised_name", "voip_phone", "shared_connection"):
            continue
        for s in r["sessions"]:
            rec = db.get(s["ip"])
            total += 1
            hit += bool(rec) and rec.get("country_code") == r["claimed_country"]
    assert total > 1000
    assert hit / total >= 0.9, hit / total


def test_missing_data_folder_fails_with_a_clear_message(tmp_path):
    mod = _module()
    with pytest.raises(SystemExit, match="reference data not found"):
        mod.main(["-n", "10", "-o", str(tmp_path / "w.jsonl.gz"), "--data", str(tmp_path / "nowhere")])
