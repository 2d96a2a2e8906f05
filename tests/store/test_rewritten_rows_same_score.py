"""Rewriting a stored profile's row without changing it leaves every score as it was.

A profile's network and agency features are means of other profiles' stored red-flag risks,
and a float sum depends on the order it adds in, to the last bit (0.1 + 0.2 + 0.3 is not
0.2 + 0.3 + 0.1), which can move a score across a split of the model. PostgreSQL reads rows
in the order their versions lie on disk, and a rewritten row (an analyst's decision, a member
refreshed by a newcomer to its network) moves: the sums are taken in a fixed order instead.
(The working set's agreement test, ``test_working_set.py``, failed now and then on PostgreSQL
from this.)
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from detector.store.queries import record_decision
from detector.store.scoring import import_population, score_with_store
from tests.helpers import applicant, population

RISKS = (0.1, 0.2, 0.3)  # summed in another order they give another mean, to the last bit


def _payout(aid: str, ref: str) -> dict:
    return {"applicant_id": aid, "method": "bank", "account_ref": ref, "account_country": "US",
            "holder_name": "Jordan Lee"}


def _features(store, engine, newcomer) -> dict:
    """The newcomer's features scored against the store as it is (nothing kept)."""
    with store.session() as session:
        result = score_with_store(session, newcomer, engine)
        session.rollback()
    return {name: repr(value) for name, value in result.features.iloc[0].items()}


def _set_risks(store, members: list[str]) -> None:
    """The members' stored red-flag risks, and no stored features (a member's risk is then
    taken as stored, not recomputed from its features), written in member order."""
    with store.session() as session:
        for member, risk in zip(members, RISKS, strict=True):
            session.execute(text("UPDATE applicants SET rules_risk = :r, features = NULL WHERE applicant_id = :a"),
                            {"r": risk, "a": member})


def _clear(store, member: str) -> None:
    """An analyst clears the member: its row is written again (on PostgreSQL, a new version
    elsewhere on disk, read after the others)."""
    with store.session() as session:
        record_decision(session, member, "legitimate", "checked the payout account", "analyst")


def test_clearing_a_network_member_leaves_the_newcomers_features_as_they_were(store, engine):
    members = ["m1", "m2", "m3"]  # one payout account joins them and the newcomer
    import_population(store, population([applicant(m) for m in members],
                                        payouts=[_payout(m, "SHARED-ACC") for m in members]), engine)
    _set_risks(store, members)
    newcomer = population([applicant("new")], payouts=[_payout("new", "SHARED-ACC")])

    before = _features(store, engine, newcomer)
    _clear(store, members[0])  # a label of 0 changes none of the newcomer's features
    after = _features(store, engine, newcomer)

    assert float(before["link_component_others_risk"]) == pytest.approx(sum(RISKS) / 3)
    assert after == before
