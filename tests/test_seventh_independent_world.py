"""Tests of scripts/seventh_independent_world.py: determinism, the input contract, the truth file.

Small worlds are generated once per module against the shared reference data, which is loaded
once; the module skips with a reason where ``../shared/data`` (or ``../../shared/data``) is absent.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import ipaddress
import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import available_timezones

import phonenumbers
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "seventh_independent_world.py"
DATA = next(
    (
        d
        for d in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data")
        if d.is_dir()
    ),
    None,
)
pytestmark = pytest.mark.skipif(
    DATA is None, reason="reference data ../shared/data (or ../../shared/data) is absent"
)

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ISO_COUNTRIES = set(phonenumbers.SUPPORTED_REGIONS) | {
    "XK",
    "AQ",
    "BV",
    "HM",
    "TF",
    "UM",
    "PN",
    "GS",
}
ZONES = available_timezones()
METHODS = {"bank", "paypal", "payoneer", "wise", "crypto", "other"}


def _module():
    spec = importlib.util.spec_from_file_location("seventh_independent_world", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gen():
    mod = _module()
    return mod, mod.Reference(DATA)


def _read(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    with open(str(path)[: -len(".jsonl.gz")] + ".truth.csv", encoding="utf-8") as f:
        truth = list(csv.DictReader(f))
    return recs, truth


@pytest.fixture(scope="module")
def world(gen, tmp_path_factory):
    mod, ref = gen
    out = tmp_path_factory.mktemp("w7") / "world.jsonl.gz"
    counts = mod.generate(2500, 11, out, DATA, ref=ref)
    recs, truth = _read(out)
    return mod, recs, truth, counts


def test_same_seed_gives_identical_files(gen, tmp_path):
    mod, ref = gen
    a, b, c = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz", tmp_path / "c.jsonl.gz"
    mod.generate(250, 7, a, DATA, ref=ref)
    mod.generate(250, 7, b, DATA, ref=ref)
    mod.generate(250, 8, c, DATA, ref=ref)
    assert a.read_bytes() == b.read_bytes()
    assert (tmp_path / "a.truth.csv").read_bytes() == (tmp_path / "b.truth.csv").read_bytes()
    assert a.read_bytes() != c.read_bytes()
    assert a.read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0


def _check_ts(value, where):
    assert isinstance(value, str) and RFC3339.match(value), f"{where}: {value!r} is not RFC 3339"
    datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_every_record_meets_the_input_contract(world):
    _, recs, _, _ = world
    ids = [r["applicant_id"] for r in recs]
    assert len(ids) == 2500 and len(set(ids)) == len(ids)
    for r in recs:
        aid = r["applicant_id"]
        assert isinstance(aid, str) and aid
        _check_ts(r["created_at"], aid)
        assert r["claimed_country"] in ISO_COUNTRIES, aid
        assert r["label"] in (0, 1)
        if "claimed_timezone" in r:
            assert r["claimed_timezone"] in ZONES, aid
        if "shipping_country" in r:
            assert r["shipping_country"] in ISO_COUNTRIES, aid
        if "photo_phash" in r:
            assert re.fullmatch(r"[0-9a-f]{16}", r["photo_phash"]), aid
        if "hourly_rate_usd" in r:
            assert r["hourly_rate_usd"] > 0
        for s in r["sessions"]:
            _check_ts(s["started_at"], aid)
            ipaddress.ip_address(s["ip"])
            if "browser_timezone" in s:
                assert s["browser_timezone"] in ZONES, (aid, s["browser_timezone"])
            if "remote_access" in s:
                assert isinstance(s["remote_access"], bool)
            if "duration_s" in s:
                assert isinstance(s["duration_s"], int) and s["duration_s"] >= 0
        for p in r["payouts"]:
            assert p["method"] in METHODS and p["account_ref"], aid
            if "account_country" in p:
                assert p["account_country"] in ISO_COUNTRIES, aid
        for p in r["proposals"]:
            _check_ts(p["submitted_at"], aid)
            assert p["text"]


def test_truth_file_matches_the_records(world):
    mod, recs, truth, _ = world
    assert [t["applicant_id"] for t in truth] == [r["applicant_id"] for r in recs]
    assert list(truth[0]) == ["applicant_id", "label", "segment", "tactic", "cell_id"]
    for r, t in zip(recs, truth, strict=True):
        assert int(t["label"]) == r["label"]
        if r["label"] == 1:
            assert t["segment"] == "front" and t["tactic"] in mod.TACTICS and t["cell_id"]
        else:
            assert t["segment"] in mod.HONEST_SEGMENTS and t["tactic"] == "" and t["cell_id"] == ""


def test_every_segment_and_tactic_appears_at_a_moderate_size(world):
    mod, recs, truth, _ = world
    seg = {}
    tac = {}
    cells = {}
    for t in truth:
        if t["label"] == "1":
            tac[t["tactic"]] = tac.get(t["tactic"], 0) + 1
            cells[t["cell_id"]] = cells.get(t["cell_id"], 0) + 1
        else:
            seg[t["segment"]] = seg.get(t["segment"], 0) + 1
    for s in mod.HONEST_SEGMENTS:
        assert seg.get(s, 0) >= 5, (s, seg)
    for t in mod.TACTICS:
        assert tac.get(t, 0) >= 3, (t, tac)
    fronts = sum(tac.values())
    assert 0.015 <= fronts / len(truth) <= 0.11
    assert max(cells.values()) <= 30


def test_fronts_use_the_same_countries_as_honest_people(world):
    _, recs, _, _ = world
    honest = {r["claimed_country"] for r in recs if r["label"] == 0}
    assert {r["claimed_country"] for r in recs if r["label"] == 1} <= honest
