"""A network larger than ``MAX_REFRESH`` is counted from the component index, not member by
member: its statistics must be the ones the member-by-member path gives."""

import numpy as np
import pytest
from sqlalchemy import text

import detector.store.lookup as lookup
from detector.store.scoring import import_population, score_with_store
from tests.helpers import applicant, population

NETWORK_FEATURES = ["link_component_size", "link_component_distinct_names", "link_component_distinct_countries",
                    "link_known_fronts", "link_component_others_risk"]


def _network() -> tuple[list[dict], list[dict]]:
    """Six profiles paid into one account, from three claimed countries, one confirmed front,
    two with a webmail name+digits address (a red flag of their own)."""
    countries = ["US", "US", "GB", "DE", "US", "GB"]
    members = [applicant(f"m{i}", claimed_country=country, claimed_timezone=None,
                         email=f"member{i}{i}{i}{i}@gmail.com" if i < 2 else None,
                         label=1.0 if i == 4 else np.nan)
               for i, country in enumerate(countries)]
    payouts = [{"applicant_id": f"m{i}", "method": "bank", "account_ref": "DE89370400440532013000",
                "account_country": "DE", "holder_name": f"Holder {'abcdef'[i]}"} for i in range(6)]
    return members, payouts


def _newcomer_network(store, engine) -> dict:
    newcomer = population([applicant("new", claimed_country="CA", claimed_timezone="America/Toronto")],
                          payouts=[{"applicant_id": "new", "method": "bank", "account_ref": "DE89370400440532013000",
                                    "account_country": "DE", "holder_name": "Holder z"}])
    with store.session() as session:
        result = score_with_store(session, newcomer, engine)
        session.rollback()
    return result.features.loc["new", NETWORK_FEATURES].to_dict()


def test_a_huge_network_counts_what_its_members_would(store, engine, monkeypatch):
    members, payouts = _network()
    import_population(store, population(members, payouts=payouts), engine)
    member_by_member = _newcomer_network(store, engine)
    assert member_by_member["link_component_size"] == 7.0
    assert member_by_member["link_component_distinct_countries"] == 4.0  # US, GB, DE and the newcomer's CA
    assert member_by_member["link_known_fronts"] == 1.0
    assert member_by_member["link_component_others_risk"] > 0
    monkeypatch.setattr(lookup, "MAX_REFRESH", 3)  # six members: now a "huge" network
    from_the_index = _newcomer_network(store, engine)
    assert from_the_index == pytest.approx(member_by_member, rel=1e-12)


def test_the_network_counts_read_the_component_index_alone(store):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("query plans are SQLite's here; PostgreSQL plans by its statistics")
    with store.session() as session:
        plan = " ".join(str(row[-1]) for row in session.execute(text(
            "EXPLAIN QUERY PLAN SELECT count(*), sum(CASE WHEN label = 1.0 THEN 1 ELSE 0 END), sum(rules_risk), "
            "count(rules_risk) FROM applicants WHERE component_id IN (1, 2)")))
    assert "COVERING INDEX ix_applicants_component_members" in plan
