"""The synthetic population generator: valid records, labelled truth, every segment and tactic,
determinism, and no generator-made tells between fronts and legitimate profiles."""

from __future__ import annotations

import gzip
import ipaddress
import json
import re
import statistics
import zoneinfo
from pathlib import Path

import pandas as pd
import phonenumbers
import pytest

from detector.synth import (
    SEGMENTS,
    TACTICS,
    TRUTH_COLUMNS,
    SynthSettings,
    generate_population,
    truth_path,
    write_population,
)
from detector.synth.ip_pools import IpPools

try:
    from detector.geo.countries import COUNTRY_CODES
except ImportError:  # pragma: no cover - the geo package is built alongside
    COUNTRY_CODES = frozenset(phonenumbers.SUPPORTED_REGIONS)

RFC3339_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
ZONES = zoneinfo.available_timezones()
METHODS = {"bank", "paypal", "payoneer", "wise", "crypto", "other"}


@pytest.fixture(scope="module")
def world():
    """3,000 applicants of the default world, phones without typos (for the phone check)."""
    return generate_population(3000, seed=11, settings=SynthSettings(invalid_phone_rate=0.0))


@pytest.fixture(scope="module")
def random_world():
    return generate_population(800, seed=5)


def _segments(truth):
    return dict(zip(truth["applicant_id"], truth["segment"], strict=True))


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    paths = []
    for name in ("a", "b"):
        records, truth = generate_population(250, seed=3)
        paths.append(tmp_path / f"{name}.jsonl.gz")
        write_population(records, truth, paths[-1])
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert truth_path(paths[0]).read_bytes() == truth_path(paths[1]).read_bytes()
    other, _ = generate_population(250, seed=4)
    assert other != generate_population(250, seed=3)[0]


def test_seeds_draw_different_worlds() -> None:
    worlds = [SynthSettings.randomised(s) for s in range(6)]
    assert len({round(w.front_rate, 4) for w in worlds}) == 6
    assert len({w.start for w in worlds}) > 1
    assert len({tuple(round(v, 3) for v in w.tactic_mix.values()) for w in worlds}) == 6


@pytest.mark.parametrize("which", ["world", "random_world"])
def test_every_record_follows_the_input_contract(which: str, request) -> None:
    records, _ = request.getfixturevalue(which)
    for rec in records:
        assert isinstance(rec["applicant_id"], str) and rec["applicant_id"]
        assert RFC3339_Z.match(rec["created_at"])
        assert rec["claimed_country"] in COUNTRY_CODES
        assert rec.get("label") in (0, 1, None)
        if rec.get("claimed_timezone") is not None:
            assert rec["claimed_timezone"] in ZONES
        if rec.get("shipping_country") is not None:
            assert rec["shipping_country"] in COUNTRY_CODES
        if rec.get("photo_phash") is not None:
            assert re.fullmatch(r"[0-9a-f]{16}", rec["photo_phash"])
        for s in rec["sessions"]:
            assert RFC3339_Z.match(s["started_at"]) and s["started_at"] >= rec["created_at"][:10]
            ip = ipaddress.ip_address(s["ip"])
            assert ip.is_global, s["ip"]
            if "browser_timezone" in s:
                assert s["browser_timezone"] in ZONES
            assert isinstance(s.get("remote_access", False), bool)
            assert isinstance(s.get("duration_s", 0), int)
        for p in rec["payouts"]:
            assert p["method"] in METHODS and p["account_ref"]
            if p.get("account_country") is not None:
                assert p["account_country"] in COUNTRY_CODES
        for p in rec["proposals"]:
            assert RFC3339_Z.match(p["submitted_at"]) and p["text"]


def test_the_detectors_reader_accepts_every_record(world) -> None:
    read = pytest.importorskip("detector.io.read_input")
    records, _ = world
    result = read.load_population_from_records(records[:600])
    assert len(result.rejects) == 0, result.rejects.head().to_dict("records")
    assert len(result.population) == 600


def test_truth_covers_every_applicant_once(world, tmp_path: Path) -> None:
    records, truth = world
    ids = [r["applicant_id"] for r in records]
    assert len(set(ids)) == len(ids) == len(truth)
    assert set(ids) == set(truth["applicant_id"])
    assert list(truth.columns) == TRUTH_COLUMNS
    labels = dict(zip(truth["applicant_id"], truth["label"], strict=True))
    assert all(r["label"] == labels[r["applicant_id"]] for r in records)
    assert (truth["label"] == (truth["segment"] == "front")).all()
    tpath = write_population(records[:50], truth.head(50), tmp_path / "pop.jsonl")
    assert tpath == tmp_path / "pop.truth.csv" and tpath.exists()
    assert len((tmp_path / "pop.jsonl").read_text().splitlines()) == 50


def test_all_segments_and_tactics_appear(world) -> None:
    _, truth = world
    assert set(SEGMENTS) <= set(truth["segment"])
    fronts = truth[truth["segment"] == "front"]
    assert set(TACTICS) <= set(fronts["tactic"])
    assert fronts["cell_id"].notna().all()
    assert truth.loc[truth["segment"] != "front", "tactic"].isna().all()


def test_cells_hold_5_to_30_personas(world, random_world) -> None:
    for _, truth in (world, random_world):
        sizes = truth[truth["segment"] == "front"].groupby("cell_id").size()
        assert len(sizes) and sizes.between(5, 30).all()


def test_regular_phones_are_valid_for_the_claimed_country(world) -> None:
    records, truth = world
    seg = _segments(truth)
    checked = 0
    for rec in records:
        if seg[rec["applicant_id"]] != "regular" or "phone" not in rec:
            continue
        num = phonenumbers.parse(rec["phone"], rec["claimed_country"])
        assert phonenumbers.is_valid_number_for_region(num, rec["claimed_country"]), rec["phone"]
        checked += 1
    assert checked > 500


def test_residential_us_addresses_geolocate_to_the_us() -> None:
    maxminddb = pytest.importorskip("maxminddb")
    from detector.settings import SHIPPED_COUNTRY_DB
    if not SHIPPED_COUNTRY_DB.exists():
        pytest.skip("shipped country database not built")
    import random
    pools, rng = IpPools.load(), random.Random(0)
    with maxminddb.open_database(str(SHIPPED_COUNTRY_DB)) as db:
        for country in ("US", "IN", "GB", "CN", "KP"):
            hits = [(db.get(pools.draw(rng, country, "residential")) or {}).get("country_code")
                    for _ in range(300)]
            assert hits.count(country) >= 297, (country, hits)


def test_regular_sessions_come_from_the_claimed_country(world) -> None:
    maxminddb = pytest.importorskip("maxminddb")
    from detector.settings import SHIPPED_COUNTRY_DB
    if not SHIPPED_COUNTRY_DB.exists():
        pytest.skip("shipped country database not built")
    records, truth = world
    seg = _segments(truth)
    same = total = 0
    with maxminddb.open_database(str(SHIPPED_COUNTRY_DB)) as db:
        for rec in records:
            if seg[rec["applicant_id"]] == "regular":
                for s in rec["sessions"]:
                    total += 1
                    same += (db.get(s["ip"]) or {}).get("country_code") == rec["claimed_country"]
    assert same / total > 0.9


def test_no_generator_tells_between_fronts_and_legitimate_profiles(world) -> None:
    """Id formats, field presence and session volumes do not differ by construction."""
    records, truth = world
    seg = _segments(truth)
    fronts = [r for r in records if seg[r["applicant_id"]] == "front"]
    legit = [r for r in records if seg[r["applicant_id"]] != "front"]
    pattern = re.compile(r"[0-9a-f]{16}")
    assert all(pattern.fullmatch(r["applicant_id"]) for r in records)
    for key in ("email", "phone", "github_url", "resume_text", "photo_phash", "claimed_timezone"):
        rate_f = sum(key in r for r in fronts) / len(fronts)
        rate_l = sum(key in r for r in legit) / len(legit)
        assert abs(rate_f - rate_l) < 0.15, (key, rate_f, rate_l)
    n_f = statistics.median(len(r["sessions"]) for r in fronts)
    n_l = statistics.median(len(r["sessions"]) for r in legit)
    assert 0.6 < (n_f + 1) / (n_l + 1) < 1.6
    assert any(not r["sessions"] for r in fronts) and any(not r["sessions"] for r in legit)
    # the order of applicants says nothing: fronts are spread over the file
    positions = [i for i, r in enumerate(records) if seg[r["applicant_id"]] == "front"]
    assert statistics.mean(positions) == pytest.approx(len(records) / 2, rel=0.15)


def test_contact_identifiers_are_unique_unless_shared_on_purpose(world) -> None:
    records, truth = world
    seg = _segments(truth)
    emails = [r["email"] for r in records if "email" in r]
    assert len(set(emails)) == len(emails)
    phones: dict[str, set[str]] = {}
    for r in records:
        if "phone" in r:
            num = phonenumbers.parse(r["phone"], r["claimed_country"])
            phones.setdefault(f"{num.country_code}{num.national_number}", set()).add(seg[r["applicant_id"]])
    for owners in phones.values():
        if len(owners) > 1:
            assert owners <= {"front", "agency", "shared_household"}


def test_slices_of_one_population_never_share_a_contact_by_chance() -> None:
    """A large population built from several seeds (as the batch benchmark does) keeps each
    email and phone number to one slice; the first slice is the same as generated alone."""
    settings = SynthSettings(name_digits_email_rate=0.9, invalid_phone_rate=0.0)
    taken: set[str] = set()
    first, _ = generate_population(1500, seed=21, settings=settings, taken=taken)
    second, _ = generate_population(1500, seed=22, settings=settings, taken=taken)
    assert first == generate_population(1500, seed=21, settings=settings)[0]

    def contacts(records):
        return {r[f] for r in records for f in ("email", "phone") if f in r}

    assert contacts(first) and not contacts(first) & contacts(second)


def test_look_alikes_carry_their_unusual_habit(world) -> None:
    records, truth = world
    seg = _segments(truth)
    by_seg: dict[str, list[dict]] = {}
    for r in records:
        by_seg.setdefault(seg[r["applicant_id"]], []).append(r)
    agency_ids = [r.get("agency_id") for r in by_seg["agency"]]
    assert sum(a is not None for a in agency_ids) > 0.6 * len(agency_ids)
    crypto = [any(p["method"] == "crypto" for p in r["payouts"]) for r in by_seg["web3_crypto"]]
    assert sum(crypto) > 0.7 * len(crypto)
    renamed = [any(p.get("holder_name") and p["holder_name"] != r.get("full_name")
                   for p in r["payouts"]) for r in by_seg["romanisation"] if "full_name" in r]
    assert sum(renamed) > 0.6 * len(renamed)
    hh = truth[truth["segment"] == "shared_household"].groupby("group_id").size()
    assert hh.between(2, 4).all()
    # remote-desktop users reach their own machine remotely in many sessions; regular people rarely
    assert _remote_share(by_seg["remote_desktop"]) > 0.2
    assert _remote_share(by_seg["regular"]) < 0.05


def _remote_share(records: list[dict]) -> float:
    flags = [s["remote_access"] for r in records for s in r["sessions"] if "remote_access" in s]
    return sum(flags) / len(flags)


def test_cloud_workstation_users_work_from_hosting_networks_in_their_own_hours(world) -> None:
    from detector.geo.geoip import GeoLookup
    from detector.settings import Settings
    records, truth = world
    seg = _segments(truth)
    cloud = [r for r in records if seg[r["applicant_id"]] == "cloud_workstation"]
    regular = [r for r in records if seg[r["applicant_id"]] == "regular"][: len(cloud) * 4]
    with GeoLookup.from_settings(Settings().with_defaults()) as geo:
        def hosting_share(group: list[dict]) -> float:
            ips = [s["ip"] for r in group for s in r["sessions"]]
            return float(geo.lookup(ips)["is_hosting"].mean())
        assert hosting_share(cloud) > 0.3
        assert hosting_share(regular) < 0.1
    # their browser keeps their own clock or the cloud region's, never an operator's
    assert all(s.get("browser_timezone", "UTC") not in ("Asia/Pyongyang", "Asia/Shanghai")
               for r in cloud if r["claimed_country"] not in ("CN", "KP") for s in r["sessions"])


def test_bids_are_personal_unless_a_script_is_shared() -> None:
    """Unrelated people rarely write near-identical bids; a pasted script shows across a cell.

    (An earlier generator drew bids from a handful of whole sentences, so everyone looked like
    everyone and the proposal-reuse signal could not be learnt.)"""
    import random

    from detector.synth import texts

    rng = random.Random(4)
    ann = texts.Writer("Ann", "Ann Lee", "fullstack", 5, "Austin", "US", ["Acme"])
    bob = texts.Writer("Bob", "Bob Cruz", "fullstack", 7, "Austin", "US", ["Initech"])
    unrelated, scripted = [], []
    for _ in range(300):
        script = texts.proposal_style(rng, stock_p=0.0)
        a = _shingles(texts.proposal(rng, script, ann, 0.1), "Ann Lee")
        b = _shingles(texts.proposal(rng, script, bob, 0.1), "Bob Cruz")
        c = _shingles(texts.proposal(rng, texts.proposal_style(rng, stock_p=0.0), bob, 0.3), "Bob Cruz")
        scripted.append(_jaccard(a, b))
        unrelated.append(_jaccard(a, c))
    assert sum(j >= 0.5 for j in unrelated) / len(unrelated) < 0.01
    assert sum(j >= 0.5 for j in scripted) / len(scripted) > 0.4


def test_circulating_cover_letter_templates_make_honest_bids_alike() -> None:
    """Worlds differ in how many honest people paste a cover-letter template that circulates
    among freelancers: with none, unrelated bids are rarely near-duplicates; with many, a large
    share of honest people have one, so proposal reuse alone cannot single out a cell."""
    def share_with_a_near_duplicate(settings: SynthSettings) -> float:
        records, truth = generate_population(1200, seed=8, settings=settings)
        honest = set(truth.loc[truth["label"] == 0, "applicant_id"])
        bids = []
        for r in records:
            if r["applicant_id"] in honest and r.get("proposals"):
                latest = max(r["proposals"], key=lambda q: q["submitted_at"])
                bids.append(_shingles(latest["text"], r.get("full_name") or ""))
        matched = [any(_jaccard(a, b) >= 0.5 for j, b in enumerate(bids) if j != i)
                   for i, a in enumerate(bids)]
        return sum(matched) / len(matched)

    assert share_with_a_near_duplicate(SynthSettings(popular_proposal_rate=0.0,
                                                     stock_proposal_rate=0.0)) < 0.03
    assert share_with_a_near_duplicate(SynthSettings(popular_proposal_rate=0.8,
                                                     popular_proposal_templates=40)) > 0.3


def _shingles(text: str, name: str) -> set[tuple[str, ...]]:
    """The word shingles the detector's text similarity compares, the author's name masked."""
    from detector.linking.text_similarity import SHINGLE_SIZE, text_tokens
    tokens = text_tokens(text, name.lower().split())
    return {tuple(tokens[i:i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def test_gzip_output_is_plain_json_lines(tmp_path: Path) -> None:
    records, truth = generate_population(40, seed=1)
    path = tmp_path / "x.jsonl.gz"
    write_population(records, truth, path)
    lines = gzip.open(path, "rt", encoding="utf-8").read().splitlines()
    assert [json.loads(line) for line in lines] == records
    with pytest.raises(ValueError, match=r"\.jsonl"):
        write_population(records, truth, tmp_path / "x.csv")



def test_rotating_residential_proxies_show_several_home_isps() -> None:
    """A cell on a rotating residential proxy cycles through the claimed country's ISPs; an
    honest person has a home line, maybe a phone and an office (the shipped geo data's view)."""
    from detector.geo.geoip import GeoLookup
    from detector.io.read_input import load_population_from_records
    from detector.settings import Settings
    from detector.signals.network import network_signals
    from detector.signals.session_geo import annotate_sessions

    settings = SynthSettings(sessions_median=20, tactic_mix={
        "vpn": 0.0, "laptop_farm": 0.0, "residential_proxy": 1.0, "rented_identity": 0.0})
    records, truth = generate_population(2500, seed=8, settings=settings)
    population = load_population_from_records(records).population
    with GeoLookup.from_settings(Settings().with_defaults()) as geo:
        found = network_signals(population.applicants, annotate_sessions(population.sessions, geo))
    isps = found["net_home_asns"].reindex(truth["applicant_id"]).to_numpy()
    honest = truth["label"].to_numpy() == 0
    # a cell rotates or keeps one line (careful cells rarely rotate): some cell shows it in most
    # of its personas
    many = pd.Series(isps >= 4)[~honest].groupby(truth["cell_id"][~honest].to_numpy()).mean()
    assert many.max() > 0.5, many
    assert (isps[honest] >= 4).mean() < 0.01
