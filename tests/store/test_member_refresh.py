"""A profile joining a network refreshes its members' stored link features; their red-flag
risks (own signals) are written only where they were missing or differ."""

import json

import numpy as np
from sqlalchemy import text

from detector.store.scoring import import_population, score_with_store
from tests.helpers import applicant, population
from tests.store.test_huge_network_stats import _network


def test_members_get_the_new_network_size_and_keep_their_risks(store, engine):
    members, payouts = _network()
    import_population(store, population(members, payouts=payouts), engine)
    with store.session() as session:
        session.execute(text("UPDATE applicants SET rules_risk = NULL WHERE applicant_id = 'm0'"))
        before = dict(session.execute(text("SELECT applicant_id, rules_risk FROM applicants")).all())
    newcomer = population([applicant("new", claimed_country="CA", claimed_timezone="America/Toronto")],
                          payouts=[{"applicant_id": "new", "method": "bank", "account_ref": "DE89370400440532013000",
                                    "account_country": "DE", "holder_name": "Holder z"}])
    with store.session() as session:
        score_with_store(session, newcomer, engine)
    with store.session() as session:
        after = {aid: (risk, features) for aid, risk, features in session.execute(
            text("SELECT applicant_id, rules_risk, features FROM applicants WHERE applicant_id LIKE 'm%'")).all()}
    for aid, (risk, features) in after.items():
        stored = features if isinstance(features, dict) else json.loads(features)
        assert stored["link_component_size"] == 7.0, aid  # six members and the newcomer
        if aid != "m0":
            assert risk == before[aid], aid
    assert before["m0"] is None and after["m0"][0] is not None and not np.isnan(after["m0"][0])
    assert after["m0"][0] == after["m1"][0] > 0  # the same own red flag (a name+digits webmail address)
