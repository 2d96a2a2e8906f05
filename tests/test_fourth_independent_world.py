"""The fourth independent world generator (scripts/fourth_independent_world.py).

Small worlds only: one 500-applicant world is generated once per module and shared; the
"every name appears" check uses one larger world. Everything skips when the shared reference
data (../shared/data) is absent.
"""

from __future__ import annotations

import csv
import gzip
import ipaddress
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import fourth_independent_world as fw  # noqa: E402

DATA = fw.default_data()
pytestmark = pytest.mark.skipif(
    not (DATA / "ip-location-db" / "geo-whois-asn-country.mmdb").is_file(),
    reason=f"shared reference data not found at {DATA} (../shared/data beside the checkout)",
)


def _read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _truth(path: Path) -> list[dict]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def small_world(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("fw") / "world-7.jsonl.gz"
    _, truth = fw.generate(500, 7, out, DATA)
    return out, truth


def test_detector_reads_it_without_rejects(small_world, tmp_path):
    world, _ = small_world
    scores = tmp_path / "check.csv"
    rejects = tmp_path / "check.rejects.csv"
    detector = Path(sys.executable).with_name("detector")
    cmd = [str(detector)] if detector.exists() else [sys.executable, "-m", "detector.cli"]
    proc = subprocess.run([*cmd, "score", str(world), "-o", str(scores), "--rejects", str(rejects), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with open(rejects, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows == [], rows[:5]


def test_truth_covers_every_applicant_once(small_world):
    world, truth = small_world
    applicants = _read(world)
    rows = _truth(truth)
    ids = [a["applicant_id"] for a in applicants]
    assert len(ids) == len(set(ids)) == 500
    assert sorted(r["applicant_id"] for r in rows) == sorted(ids)
    by_id = {r["applicant_id"]: r for r in rows}
    for a in applicants:
        r = by_id[a["applicant_id"]]
        assert int(r["label"]) == a["label"]
        if a["label"] == 1:
            assert r["segment"] == "front" and r["tactic"] in fw.TACTICS and r["cell_id"]
        else:
            assert r["segment"] in fw.HONEST_SEGMENTS and r["tactic"] == ""


def test_ips_are_public_and_geolocated(small_world):
    import maxminddb

    world, _ = small_world
    reader = maxminddb.open_database(str(DATA / "ip-location-db" / "geo-whois-asn-country.mmdb"))
    ips = {s["ip"] for a in _read(world) for s in a["sessions"]}
    assert len(ips) > 1000
    for ip in ips:
        assert ipaddress.ip_address(ip).is_global, ip
        rec = reader.get(ip)
        assert rec and rec.get("country_code"), ip


def test_honest_phones_are_valid_for_their_country(small_world):
    phonenumbers = pytest.importorskip("phonenumbers")
    world, truth = small_world
    seg = {r["applicant_id"]: r["segment"] for r in _truth(truth)}
    checked = 0
    for a in _read(world):
        if a["label"] == 0 and "phone" in a and seg[a["applicant_id"]] in ("regular", "declared_agency"):
            num = phonenumbers.parse(a["phone"], a["claimed_country"])
            assert phonenumbers.is_valid_number(num), a["phone"]
            assert phonenumbers.region_code_for_number(num) == a["claimed_country"], a["phone"]
            checked += 1
    assert checked > 50


def test_same_seed_same_bytes(small_world, tmp_path):
    world, truth = small_world
    again = tmp_path / "again.jsonl.gz"
    _, truth2 = fw.generate(500, 7, again, DATA)
    assert again.read_bytes() == world.read_bytes()
    assert truth2.read_bytes() == truth.read_bytes()
    other = tmp_path / "other.jsonl.gz"
    fw.generate(500, 8, other, DATA)
    assert other.read_bytes() != world.read_bytes()


def test_every_segment_and_tactic_in_a_big_enough_world(tmp_path):
    out = tmp_path / "big.jsonl.gz"
    world, truth = fw.generate(2500, 3, out, DATA)
    rows = _truth(truth)
    segments = {r["segment"] for r in rows}
    tactics = {r["tactic"] for r in rows if r["label"] == "1"}
    assert set(fw.HONEST_SEGMENTS) <= segments
    assert set(fw.TACTICS) == tactics
    rate = sum(r["label"] == "1" for r in rows) / len(rows)
    assert 0.015 <= rate <= 0.11
