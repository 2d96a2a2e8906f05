"""The scoring API explains a flagged sign-up without frames: its evidence must read exactly as
the frame code writes it (``EvidenceWriter`` over ``annotate_sessions`` and the population)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from detector.features.catalogue import FEATURE_NAMES
from detector.geo.geoip import GeoLookup
from detector.io.fast_records import clean_records, population_of
from detector.io.population import PAYOUT_COLUMNS
from detector.scoring.evidence import EvidenceWriter
from detector.scoring.reasons import CODES
from detector.signals.session_geo import annotate_sessions, annotated_columns
from detector.store.lookup import StoreLinks
from detector.store.scoring import _evidence_population

MAXMIND = Path(__file__).parent / "fixtures" / "maxmind"
EXAMPLE = Path(__file__).parents[1] / "examples" / "applicants.jsonl"
# GB, a VPN of provider "foo" (Anonymous Plus), an Australian network, an address none knows,
# a GB address the test database flags with every anonymiser flag
IPS = ["2.125.160.216", "1.2.0.1", "1.128.0.0", "192.0.2.1", "1.2.0.1", "81.2.69.142"]


def _applicant() -> dict:
    record = json.loads(EXAMPLE.read_text().splitlines()[0])
    sessions = record["sessions"]
    record["sessions"] = [dict(sessions[i % len(sessions)], ip=ip) for i, ip in enumerate(IPS)]
    record["sessions"][2]["browser_timezone"] = None
    record["sessions"][4]["browser_timezone"] = "Asia/Shanghai"
    record["phone"] = "+1 555 0100"
    record["shipping_country"] = "HK"
    record["agency_id"] = "agency-7"
    record["payouts"] = [{"method": "bank", "account_ref": "acct-1", "account_country": "HK", "holder_name": "Li Wei"},
                         {"method": "crypto", "account_ref": "wallet-1", "account_country": None, "holder_name": None}]
    return record


def test_session_columns_equal_the_annotated_frame():
    (applicant,) = clean_records([_applicant()])
    with GeoLookup(MAXMIND / "GeoIP2-Country-Test.mmdb", MAXMIND / "GeoIP2-ISP-Test.mmdb",
                   MAXMIND / "GeoIP-Anonymous-Plus-Test.mmdb") as geo:
        frame = annotate_sessions(population_of([applicant]).sessions, geo)
        columns = annotated_columns(applicant.sessions, geo.rows([s["ip"] for s in applicant.sessions]))
    assert set(columns) == set(frame.columns)
    assert columns["anonymised"].tolist() == [False, True, False, False, True, True]
    assert columns["provider_name"][1] == "foo"
    for name, values in columns.items():
        expected = frame[name].array if isinstance(frame[name].dtype, pd.DatetimeTZDtype) else frame[name].to_numpy()
        for mine, theirs in zip(values, expected, strict=True):
            assert (pd.isna(mine) and pd.isna(theirs)) or mine == theirs, (name, mine, theirs)


def test_every_reason_reads_the_same_without_frames():
    (applicant,) = clean_records([_applicant()])
    rng = np.random.default_rng(5)
    row = rng.uniform(0.1, 3.0, len(FEATURE_NAMES))
    context = {"_best_offset": 8.0, "_claimed_offset": 5.5, "_email_suffix": "77", "_phone_region": "US"}
    found = StoreLinks(features={}, pairs=[(11, "p-11", "payout", 1.0), (12, "p-12", "proposal", 0.9),
                                           (11, "p-11", "device", 1.0), (13, "p-13", "payout", 1.0)],
                       merge_components=set(), member_ids=["p-12", "p-20", "p-11", "p-21"])
    with GeoLookup(MAXMIND / "GeoIP2-Country-Test.mmdb", MAXMIND / "GeoIP2-ISP-Test.mmdb",
                   MAXMIND / "GeoIP-Anonymous-Plus-Test.mmdb") as geo:
        population = population_of([applicant])
        sessions = annotate_sessions(population.sessions, geo)
        geo_rows = geo.rows([s["ip"] for s in applicant.sessions])
    extended, pairs, components = _evidence_population(population, [found])
    features = pd.DataFrame(row[None, :], index=[applicant.fields["applicant_id"]], columns=list(FEATURE_NAMES))
    with_frames = EvidenceWriter(extended.applicants, features, pd.DataFrame([context], index=features.index),
                                 sessions, extended.payouts, pairs, components, np.asarray([0]))
    in_network = set(found.member_ids)
    others = list(dict.fromkeys([pair[1] for pair in found.pairs] + found.member_ids))
    without = EvidenceWriter.for_one(
        applicant.fields, dict(zip(FEATURE_NAMES, row, strict=True)), context,
        annotated_columns(applicant.sessions, geo_rows),
        {name: np.asarray([p[name] for p in applicant.payouts], dtype=object) for name in PAYOUT_COLUMNS},
        [(kind, other) for _, other, kind, _ in found.pairs], [m for m in others if m in in_network])
    for code in CODES:
        assert without.sentence(0, code) == with_frames.sentence(0, code), code
    assert "provider foo" in without.sentence(0, "NET_ANONYMISER")
    assert "p-11, p-13" in without.sentence(0, "PAYOUT_SHARED")
    assert "p-11, p-12, p-20, p-21" in without.sentence(0, "NETWORK_SIZE")  # linked first, then the rest
