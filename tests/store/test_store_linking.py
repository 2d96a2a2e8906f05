"""Scoring one applicant against the store gives the features batch scoring gives it."""

from dataclasses import replace

import numpy as np
import pytest
from sqlalchemy import select, text

from detector.features.catalogue import FEATURE_NAMES
from detector.store.scoring import ScoringEngine, import_population, score_with_store
from tests.helpers import applicant, population

# Which applicant of the example population to hold out: each exercises other lookups.
TARGETS = {
    "network with red-flag members": lambda f: (f["link_component_size"] >= 3) & f["link_component_others_risk"].notna(),
    "near-duplicate resume": lambda f: f["link_resume_near_duplicates"] >= 1,
    "shared residential IP or photo": lambda f: (f["link_residential_ip_shared"] >= 1) | (f["link_photo_reused"] >= 1),
    "declared agency with other members": lambda f: f["agency_others_risk"].notna(),
}


@pytest.mark.parametrize("case", list(TARGETS))
def test_store_scoring_reproduces_batch_features(case, store, engine, example_population, example_batch):
    features = example_batch.table.features
    target = features.index[TARGETS[case](features)][0]
    others = [i for i in example_population.applicants["applicant_id"] if i != target]
    import_population(store, example_population.subset(others), engine)

    with store.session() as session:
        result = score_with_store(session, example_population.subset([target]), engine)

    batch_row = features.loc[target, list(FEATURE_NAMES)].to_numpy(dtype=float)
    store_row = result.features.loc[target, list(FEATURE_NAMES)].to_numpy(dtype=float)
    differing = [n for n, a, b in zip(FEATURE_NAMES, batch_row, store_row, strict=True)
                 if not np.isclose(a, b, equal_nan=True)]
    assert differing == []
    expected = example_batch.scores.set_index("applicant_id").loc[target]
    assert result.scores["score"].iloc[0] == pytest.approx(expected["score"])
    assert [r["code"] for r in result.scores["reasons"].iloc[0]] == [r["code"] for r in expected["reasons"]]


def test_raw_identifiers_never_reach_the_database(store, engine, example_population):
    import_population(store, example_population.subset(example_population.applicants["applicant_id"][:150]),
                      engine)
    pop = example_population.subset(example_population.applicants["applicant_id"][:150])
    raw = set()
    for frame, column in ((pop.applicants, "phone"), (pop.applicants, "email"), (pop.payouts, "account_ref"),
                          (pop.sessions, "ip"), (pop.sessions, "device_id")):
        raw |= {str(v) for v in frame[column].dropna() if len(str(v)) >= 6}
    assert len(raw) > 300
    dumped = []
    with store.engine.connect() as connection:
        for table in ("applicants", "identifiers", "sessions", "payouts", "scores", "links", "audit_log"):
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                dumped.append(" ".join(str(v) for v in row))
    everything = "\n".join(dumped)
    leaked = [value for value in raw if value in everything]
    assert leaked == []


def _phone_sharers(n: int):
    apps = [applicant(f"p{i}", full_name=f"Name {'abcdefghij'[i]} Surname", phone="+1 415 555 0100") for i in range(n)]
    return population(apps)


def test_an_identifier_held_by_more_than_hub_cap_profiles_links_nobody(store, engine):
    capped = ScoringEngine(settings=replace(engine.settings, hub_cap=2), model=engine.model, geo=engine.geo)
    with store.session() as session:
        first = score_with_store(session, _phone_sharers(2), capped)
    assert first.features["link_phone_shared"].tolist() == [0.0, 1.0]
    with store.session() as session:
        third = score_with_store(session, population([applicant("p9", full_name="Other Person",
                                                                phone="+1 415 555 0100")]), capped)
    assert third.features["link_phone_shared"].tolist() == [0.0]


def test_linking_merges_components_in_the_store(store, engine):
    from detector.store.schema import Applicant

    apps = [applicant("a", full_name="Ann One", phone="+1 202 555 0101"),
            applicant("b", full_name="Bob Two", phone="+1 202 555 0101"),
            applicant("c", full_name="Cid Three", email="shared@example.org"),
            applicant("d", full_name="Dan Four", email="shared@example.org"),
            applicant("e", full_name="Eve Five", email="solo@example.org")]
    with store.session() as session:
        score_with_store(session, population(apps), engine)
    with store.session() as session:
        before = dict(session.execute(select(Applicant.applicant_id, Applicant.component_id)).all())
    assert before["a"] == before["b"] != before["c"] == before["d"] != before["e"]
    bridge = applicant("x", full_name="Xan Six", phone="+1 202 555 0101", email="shared@example.org")
    with store.session() as session:
        result = score_with_store(session, population([bridge]), engine)
    assert result.features.loc["x", "link_component_size"] == 5.0
    with store.session() as session:
        after = dict(session.execute(select(Applicant.applicant_id, Applicant.component_id)).all())
    assert len({after[k] for k in "abcdx"}) == 1 and after["e"] != after["a"]


def test_rescoring_a_known_applicant_updates_it_and_keeps_history(store, engine):
    from detector.store import queries

    one = population([applicant("r1", full_name="Rita Rescored", phone="+44 20 7946 0000")])
    with store.session() as session:
        score_with_store(session, one, engine)
    with store.session() as session:
        score_with_store(session, one, engine)
    with store.session() as session:
        assert len(queries.score_history(session, "r1")) == 2
        assert queries.store_counts(session)["applicants"] == 1
        assert queries.links(session, "r1") == []  # never linked to its own earlier self


def test_photos_link_within_the_bit_distance_whichever_bits_differ(store, engine):
    base = 0x3475A435DE72972A
    close = base ^ 0b1 ^ (1 << 17) ^ (1 << 33) ^ (1 << 49) ^ (1 << 50) ^ (1 << 63)  # 6 bits, every band
    far = close ^ (1 << 5)  # 7 bits from base
    apps = [applicant("ph1", full_name="Ann Photo", photo_phash=f"{base:016x}")]
    with store.session() as session:
        score_with_store(session, population(apps), engine)
    with store.session() as session:
        result = score_with_store(session, population([
            applicant("ph2", full_name="Other Name", photo_phash=f"{close:016x}"),
            applicant("ph3", full_name="Third Name", photo_phash=f"{far:016x}")]), engine)
    assert result.features["link_photo_reused"].tolist() == [1.0, 1.0]  # ph3 is 1 bit from ph2
    assert [p[1] for p in result.links[0].pairs] == ["ph1"]
    assert [p[1] for p in result.links[1].pairs] == ["ph2"]


def test_importing_into_a_filled_store_links_to_the_stored_profiles(store, engine, example_population,
                                                                    example_batch):
    ids = list(example_population.applicants["applicant_id"])
    pairs = example_batch.table.links.pairs
    device = pairs[pairs["kind"] == "device"].iloc[0]
    linked = [ids[int(device["a"])], ids[int(device["b"])]]
    first = [i for i in ids if i != linked[1]][:150] + [linked[0]]
    second = [linked[1]]
    assert import_population(store, example_population.subset(first), engine).mode == "batch"
    summary = import_population(store, example_population.subset(second), engine)
    assert summary.mode == "sequential" and summary.imported == 1
    from detector.store import queries

    with store.session() as session:
        assert linked[0] in {e.other_id for e in queries.links(session, linked[1])}


def test_a_stored_ip_links_only_where_it_is_both_profiles_main_connection(store, engine):
    def on(aid, ips):
        return [{"applicant_id": aid, "started_at": f"2026-03-{d + 1:02d}T15:00:00Z", "ip": ip}
                for d, ip in enumerate(ips)]

    farm = "73.1.2.3"
    stored = population([applicant("persona1"), applicant("commuter")],
                        sessions=on("persona1", [farm] * 5) + on("commuter", [farm] + ["98.0.0.1"] * 4))
    with store.session() as session:
        score_with_store(session, stored, engine)
    with store.session() as session:
        new = score_with_store(session, population([applicant("persona2")], sessions=on("persona2", [farm] * 3)),
                               engine)
    assert new.features["link_residential_ip_shared"].tolist() == [1.0]  # persona1, not the commuter
    with store.session() as session:
        passing = score_with_store(session, population(
            [applicant("visitor")], sessions=on("visitor", [farm] + ["24.0.0.9"] * 3)), engine)
    assert passing.features["link_residential_ip_shared"].tolist() == [0.0]


def test_an_agency_account_links_no_member_who_left_the_agency_field_empty(store, engine):
    def pay(aid, ref):
        return {"applicant_id": aid, "method": "bank", "account_ref": ref, "account_country": "US",
                "holder_name": "Agency Ltd"}

    stored = population([applicant("d", agency_id="ag1"), applicant("e", agency_id="ag1")],
                        payouts=[pay("d", "AG-ACC"), pay("e", "AG-ACC"), pay("d", "D-OWN")])
    with store.session() as session:
        score_with_store(session, stored, engine)
    with store.session() as session:
        member = score_with_store(session, population([applicant("f")], payouts=[pay("f", "AG-ACC")]), engine)
        stranger = score_with_store(session, population([applicant("g")], payouts=[pay("g", "D-OWN")]), engine)
    assert member.features["link_payout_shared"].tolist() == [0.0]
    assert stranger.features["link_payout_shared"].tolist() == [1.0]  # d's own account
