"""The hub rule at its boundary, through the store lookups' driver-level statements.

A key (text band key, photo hash) held by more than ``hub_cap`` profiles, the new one
included, links nobody; a rescored profile's own row does not count towards the cap. The
lookups read band-key holders in one statement on the driver's cursor (``lookup._bounded_sql``)
and count photo holders in one statement with the applicant's own hash, so these pin the
exact boundary on both databases.
"""

from dataclasses import replace

from detector.store.scoring import ScoringEngine, score_with_store
from tests.helpers import applicant, population

RESUME = ("Senior full stack engineer with nine years of React, Node and PostgreSQL; built payment "
          "platforms for fintech start-ups, led a team of six, shipped realtime dashboards and "
          "migrated monoliths to microservices on AWS with Terraform and Kubernetes.")
NAMES = ["Ann Alpha", "Bob Bravo", "Cid Charlie", "Dan Delta", "Eve Echo", "Fay Foxtrot"]


def _capped(engine, cap: int) -> ScoringEngine:
    return ScoringEngine(settings=replace(engine.settings, hub_cap=cap), model=engine.model, geo=engine.geo)


def _resume_holders(ids: list[str]):
    return population([applicant(aid, full_name=NAMES[i], resume_text=RESUME) for i, aid in enumerate(ids)])


def _linked(result) -> list[list[str]]:
    return [sorted(other for _, other, _, _ in found.pairs) for found in result.links]


def test_a_resume_shared_by_the_cap_links_and_one_more_links_nobody(store, engine):
    capped = _capped(engine, 3)
    with store.session() as session:  # r0, r1 stored; r2 is the third holder: within the cap
        first = score_with_store(session, _resume_holders(["r0", "r1", "r2"]), capped)
    assert _linked(first) == [[], ["r0"], ["r0", "r1"]]
    with store.session() as session:  # a fourth holder: every band key is now a hub
        fourth = score_with_store(session, population([applicant("r3", full_name=NAMES[3], resume_text=RESUME)]),
                                  capped)
    assert _linked(fourth) == [[]]
    assert fourth.features["link_resume_near_duplicates"].tolist() == [0.0]


def test_a_rescored_profile_does_not_count_itself_towards_the_cap(store, engine):
    capped = _capped(engine, 3)
    with store.session() as session:
        score_with_store(session, _resume_holders(["s0", "s1", "s2"]), capped)
    with store.session() as session:  # s2 again: the other two holders plus itself make three
        again = score_with_store(session, _resume_holders(["s0", "s1", "s2"]).subset(["s2"]), capped)
    assert _linked(again) == [["s0", "s1"]]


def test_a_photo_hash_held_by_the_cap_links_nobody_while_a_near_copy_still_links(store, engine):
    capped = _capped(engine, 2)
    photo = 0x3475A435DE72972A
    with store.session() as session:
        score_with_store(session, population([applicant(f"q{i}", full_name=NAMES[i], photo_phash=f"{photo:016x}")
                                              for i in range(2)]), capped)
    with store.session() as session:
        result = score_with_store(session, population([
            applicant("q3", full_name=NAMES[3], photo_phash=f"{photo ^ 0b101:016x}"),  # 2 bits away
            applicant("q2", full_name=NAMES[2], photo_phash=f"{photo:016x}"),  # a third holder of the hash
        ]), capped)
    assert result.features["link_photo_reused"].tolist() == [2.0, 0.0]
    assert _linked(result) == [["q0", "q1"], []]
