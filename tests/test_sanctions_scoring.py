"""Sanctions screening at scoring time, through the CLI as a trust-and-safety team runs it.

`detector intel update --sdn` loads the real 2024-05-03 OFAC snapshot into a temporary data
folder; `detector score` (shipped model) then scores five hand-made applicants: one paid to a
crypto address of KIM, Sang Man (SDN 43377, DPRK4), one with the email of KOREA DAESONG BANK
(12312), one whose name is a reordered, hyphenated variant of KIM Sang Man, one clean profile
and one whose sessions come through a VPN that MaxMind's Anonymous Plus test database names.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from detector.io.write_output import read_scores

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "maxmind"
ANONYMOUS_PLUS = FIXTURES / "GeoIP-Anonymous-Plus-Test.mmdb"
KIM_WALLET = "0x97B1043ABD9E6FC31681635166D430A458D14F9C"
RESUMES = {
    "wallet": "Blockchain developer: Solidity contracts, DeFi audits, Hardhat tooling.",
    "email": "Accountant turned data analyst; Excel, SQL reporting and Tableau dashboards for retail.",
    "name": "Mobile engineer shipping Kotlin and Swift apps for logistics startups since 2017.",
    "clean": "Technical writer producing API references and onboarding guides for SaaS vendors.",
    "vpn": "Game developer with Unity and C#, multiplayer netcode and shader programming.",
}


def _sessions(ip: str, utc_hour: int, zone: str) -> list[dict]:
    start = dt.datetime(2026, 3, 2, utc_hour, tzinfo=dt.UTC)
    return [{"started_at": (start + dt.timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ"), "ip": ip,
             "device_id": f"dev-{ip}-{utc_hour}", "browser_timezone": zone, "remote_access": False,
             "duration_s": 8 * 3600} for d in range(20) if d % 7 < 5]


def _applicant(aid: str, name: str, email: str, phone: str, *, ip: str = "73.0.0.1", hour: int = 14,
               country: str = "US", zone: str = "America/Chicago", payouts: tuple = ()) -> dict:
    return {"applicant_id": aid, "created_at": "2026-03-01T10:00:00Z", "full_name": name, "email": email,
            "phone": phone, "claimed_country": country, "claimed_timezone": zone, "resume_text": RESUMES[aid],
            "sessions": _sessions(ip, hour, zone), "payouts": list(payouts)}


APPLICANTS = [
    _applicant("wallet", "Alex Carter", "alex.carter@example.com", "+1 312 555 0101",
               payouts=({"method": "crypto", "account_ref": KIM_WALLET, "account_country": "US",
                         "holder_name": "Alex Carter"},)),
    _applicant("email", "Brian Cole", "kdb@co.chesin.com", "+1 312 555 0102"),
    _applicant("name", "Sang-man Kim", "sangman.kim@example.com", "+1 312 555 0103"),
    _applicant("clean", "Daniel Brooks", "daniel.brooks@example.com", "+1 312 555 0104"),
    _applicant("vpn", "Evan Price", "evan.price@example.com", "+44 20 7946 0958", ip="1.2.0.1", hour=2,
               country="GB", zone="Europe/London"),
]


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "detector.cli", *args], capture_output=True, text=True,
                            env={**os.environ, "DETECTOR_DATA_DIR": str(data_dir)})
    if result.returncode != 0:
        raise AssertionError(f"detector {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def scored(tmp_path_factory, shared_data) -> dict:
    work = tmp_path_factory.mktemp("sanctions")
    source = work / "applicants.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in APPLICANTS), encoding="utf-8")
    empty, loaded = work / "empty-data", work / "data"
    geo = ("--geoip-anonymous", str(ANONYMOUS_PLUS))
    off = run("score", str(source), "-o", str(work / "off.csv"), *geo, data_dir=empty)
    update = run("intel", "update", "--sdn", str(shared_data / "ofac-sdn" / "sdn-2024-05-03.csv.gz"),
                 "--published", "2024-05-03", data_dir=loaded)
    on = run("score", str(source), "-o", str(work / "on.csv"), *geo, data_dir=loaded)
    manifest = json.loads((loaded / "feeds" / "sdn.json").read_text())
    return {"off": read_scores(work / "off.csv").set_index("applicant_id"), "off_log": off.stderr,
            "on": read_scores(work / "on.csv").set_index("applicant_id"), "on_log": on.stderr,
            "update": update.stdout, "version": manifest["version"]}


def test_without_an_sdn_feed_screening_is_off_and_says_so(scored):
    assert "sanctions screening OFF: no OFAC SDN list loaded" in scored["off_log"]
    assert "no intel feeds loaded" in scored["off_log"]
    assert scored["off"]["sanctions_hits"].isna().all()  # not screened, which is not "no hits"
    assert all("sdn" not in versions for versions in scored["off"]["feed_versions"])


def test_exact_identifier_hits_raise_the_band_to_high_with_entry_and_program(scored):
    on = scored["on"]
    assert on.loc["wallet", "band"] == on.loc["email", "band"] == "high"
    wallet = on.loc["wallet", "sanctions_hits"]
    assert wallet == [{"ent_num": 43377, "sdn_name": "KIM, Sang Man", "programs": ["DPRK4"],
                       "field": "account_ref", "value": KIM_WALLET, "match_kind": "crypto", "similarity": 100.0}]
    first = on.loc["wallet", "reasons"][0]
    assert first["code"] == "SANCTIONS_MATCH"
    assert "OFAC SDN entry 43377 'KIM, Sang Man' (program DPRK4)" in first["evidence"]
    assert "crypto payout address" in first["evidence"] and "exact match" in first["evidence"]
    email = on.loc["email", "sanctions_hits"]
    assert {(h["ent_num"], h["match_kind"]) for h in email} >= {(12312, "email"), (12312, "email_domain")}


def test_a_name_variant_raises_the_band_to_review_only(scored):
    on, off = scored["on"], scored["off"]
    [hit] = on.loc["name", "sanctions_hits"]
    assert (hit["ent_num"], hit["field"], hit["match_kind"]) == (43377, "full_name", "name")
    assert off.loc["name", "band"] == "low"  # the profile itself shows nothing
    assert on.loc["name", "band"] == "review"  # a namesake is a lead, not an exact hit
    assert "namesake" in on.loc["name", "reasons"][0]["evidence"]


def test_the_score_stays_the_models_probability(scored):
    on, off = scored["on"], scored["off"]
    assert on["score"].to_dict() == off["score"].to_dict()
    assert on.loc["clean", "sanctions_hits"] == [] and on.loc["clean", "band"] == off.loc["clean", "band"]


def test_feed_versions_are_recorded_in_output_and_summary(scored):
    assert "sdn: installed version 2024-05-03-" in scored["update"]
    [versions] = {json.dumps(v, sort_keys=True) for v in scored["on"]["feed_versions"]}  # one per run
    versions = json.loads(versions)
    assert versions["sdn"] == scored["version"]
    # The MaxMind databases the run read are versioned too (type and build date).
    assert versions["geoip_anonymous"].startswith("GeoIP-Anonymous-Plus 20")
    assert versions["geoip_asn"].startswith("GeoLite2-ASN 20")
    log = scored["on_log"]
    assert f"feeds used: sdn {scored['version']}, geoip_country" in log
    assert "sanctions screening against 492 DPRK-related SDN entries" in log
    assert "3 applicant(s) hit (2 on exact identifiers)" in log
    assert "warning: feed sdn is" in log  # a 2024 list is long stale


def test_anonymous_plus_provider_name_is_in_the_evidence(scored):
    reasons = {r["code"]: r["evidence"] for r in scored["off"].loc["vpn", "reasons"]}
    assert "NET_ANONYMISER" in reasons, reasons
    assert "provider foo" in reasons["NET_ANONYMISER"]
    assert "anonymizer confidence up to 30/99" in reasons["NET_ANONYMISER"]
