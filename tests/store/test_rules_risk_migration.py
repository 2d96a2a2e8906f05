"""Stores made before revision 0004 get each applicant's red-flag risk of its own signals.

``rules_risk`` is what a profile's network members see of it (``link_component_others_risk``).
A store made by the previous code held the whole scorecard, links included; after the upgrade
the next applicant to join a network must see the same risks batch scoring computes.
"""

import json

import numpy as np
import pandas as pd
from alembic import command
from sqlalchemy import text

from detector.model.rules_baseline import OWN_RULES, own_red_flags
from detector.store.db import alembic_config
from detector.store.scoring import import_population


def _risks(store) -> dict[int, float]:
    with store.engine.connect() as connection:
        return dict(connection.execute(text("SELECT pk, rules_risk FROM applicants")).all())


def _own_risks_of_stored_features(store) -> dict[int, float]:
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT pk, features FROM applicants")).all()
    columns = [rule.feature for rule in OWN_RULES]
    features = [f if isinstance(f, dict) else json.loads(f) for _, f in rows]
    frame = pd.DataFrame([{c: f.get(c) for c in columns} for f in features], columns=columns).astype(float)
    return dict(zip([pk for pk, _ in rows], own_red_flags(frame).tolist(), strict=True))


def test_the_upgrade_rescores_every_stored_risk_from_own_signals(store, engine, example_population):
    import_population(store, example_population, engine)
    now = _risks(store)
    assert now == _own_risks_of_stored_features(store)

    config = alembic_config(store.engine.url.render_as_string(hide_password=False))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    before = _risks(store)
    # The old risk counted links too: profiles that share an account score higher by it.
    assert sum(before[pk] != now[pk] for pk in now) > 0

    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    after = _risks(store)
    assert after.keys() == now.keys()
    np.testing.assert_allclose([after[pk] for pk in now], [now[pk] for pk in now], rtol=0, atol=1e-12)
