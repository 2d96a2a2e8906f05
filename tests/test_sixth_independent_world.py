"""Tests for scripts/sixth_independent_world.py (an independent synthetic world generator).

Two small worlds are generated once per module (same seed twice, for determinism) and checked
against spec/INPUT.md. Skipped when the shared reference data is not beside the checkout.
"""

from __future__ import annotations

import collections
import csv
import gzip
import importlib.util
import ipaddress
import json
import os
import re
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "scripts", "sixth_independent_world.py")
CANDIDATES = [os.path.join(ROOT, "..", "shared", "data"),
              os.path.join(ROOT, "..", "..", "shared", "data")]
DATA = next((os.path.normpath(c) for c in CANDIDATES if os.path.isdir(c)), None)

pytestmark = pytest.mark.skipif(
    DATA is None, reason="shared reference data not found at ../shared/data or ../../shared/data")

N = 1000
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
METHODS = {"bank", "paypal", "payoneer", "wise", "crypto", "other"}
TACTICS = {"laptop_farm", "rented_account", "overseas_vpn", "front_company", "identity_lender",
           "proxy_careful"}
SEGMENTS = {"privacy_vpn", "traveller", "asia_night_shift", "agency", "consistent_cn_kr_ru",
            "romanised_name", "voip_phone", "web3_crypto", "shared_connection", "remote_desktop",
            "emigrant", "mobile_cgnat", "relative_payout", "regular"}


def _load_module():
    spec = importlib.util.spec_from_file_location("sixth_independent_world", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    d = tmp_path_factory.mktemp("sixth")
    a, b = str(d / "a.jsonl.gz"), str(d / "b.jsonl.gz")
    mod = _load_module()
    ref = mod.World(DATA)  # loaded once; the two worlds below must come out byte-identical
    mod.generate(ref, N, 5, a)
    mod.generate(ref, N, 5, b)
    with gzip.open(a, "rt", encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    with open(str(d / "a.truth.csv"), encoding="utf-8") as f:
        truth = list(csv.DictReader(f))
    return {"a": a, "b": b, "dir": d, "recs": recs, "truth": truth}


def _country_codes():
    import phonenumbers
    codes = set(phonenumbers.SUPPORTED_REGIONS)
    return codes | {"XK"}


def _ts(v: str) -> datetime:
    assert RFC3339.match(v), v
    return datetime.fromisoformat(v.replace("Z", "+00:00"))


def test_deterministic(world):
    with open(world["a"], "rb") as f1, open(world["b"], "rb") as f2:
        assert f1.read() == f2.read()
    d = world["dir"]
    with open(d / "a.truth.csv", "rb") as f1, open(d / "b.truth.csv", "rb") as f2:
        assert f1.read() == f2.read()


def test_records_meet_input_contract(world):
    countries = _country_codes()
    zones: dict[str, bool] = {}

    def zone_ok(z):
        if z not in zones:
            try:
                ZoneInfo(z)
                zones[z] = True
            except Exception:
                zones[z] = False
        return zones[z]

    ids = set()
    for r in world["recs"]:
        aid = r["applicant_id"]
        assert isinstance(aid, str) and aid and aid not in ids
        ids.add(aid)
        _ts(r["created_at"])
        assert r["claimed_country"] in countries
        assert r["label"] in (0, 1)
        if "claimed_timezone" in r:
            assert zone_ok(r["claimed_timezone"])
        if "shipping_country" in r:
            assert r["shipping_country"] in countries
        if "photo_phash" in r:
            assert re.fullmatch(r"[0-9a-f]{16}", r["photo_phash"])
        if "hourly_rate_usd" in r:
            assert r["hourly_rate_usd"] > 0
        for s in r["sessions"]:
            assert s["applicant_id"] == aid
            _ts(s["started_at"])
            ipaddress.ip_address(s["ip"])
            if "browser_timezone" in s:
                assert zone_ok(s["browser_timezone"])
            if "remote_access" in s:
                assert isinstance(s["remote_access"], bool)
            if "duration_s" in s:
                assert isinstance(s["duration_s"], int) and s["duration_s"] >= 0
        for p in r["payouts"]:
            assert p["applicant_id"] == aid
            assert p["method"] in METHODS and p["account_ref"]
            if "account_country" in p:
                assert p["account_country"] in countries
        for p in r["proposals"]:
            assert p["applicant_id"] == aid and p["text"]
            _ts(p["submitted_at"])


def test_truth_matches_records(world):
    recs, truth = world["recs"], world["truth"]
    assert len(recs) == len(truth) == N
    assert list(truth[0].keys()) == ["applicant_id", "label", "segment", "tactic", "cell_id"]
    for r, t in zip(recs, truth, strict=True):
        assert r["applicant_id"] == t["applicant_id"]
        assert str(r["label"]) == t["label"]
        if t["label"] == "1":
            assert t["segment"] == "front" and t["tactic"] in TACTICS and t["cell_id"]
        else:
            assert t["segment"] in SEGMENTS and t["tactic"] == "" and t["cell_id"] == ""


def test_every_segment_and_tactic_at_moderate_size(world):
    truth = world["truth"]
    seg = collections.Counter(t["segment"] for t in truth if t["label"] == "0")
    tac = collections.Counter(t["tactic"] for t in truth if t["label"] == "1")
    assert set(seg) == SEGMENTS
    assert set(tac) == TACTICS
    assert min(seg.values()) >= 5, seg
    assert min(tac.values()) >= 5, tac
    cells = collections.Counter(t["cell_id"] for t in truth if t["label"] == "1")
    assert all(5 <= v <= 30 for v in cells.values()), cells
    rate = sum(tac.values()) / len(truth)
    assert 0.01 <= rate <= 0.2


def test_missing_data_exits_clearly(tmp_path):
    out = subprocess.run([sys.executable, SCRIPT, "-n", "100", "-o", str(tmp_path / "x.jsonl.gz"),
                          "--data", str(tmp_path / "nowhere")], capture_output=True, text=True)
    assert out.returncode != 0 and "not a folder" in out.stderr
