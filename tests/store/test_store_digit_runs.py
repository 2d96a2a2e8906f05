"""The store judges shared webmail digit runs against chance as batch linking does."""

import pandas as pd
import pytest

from detector.linking.population_links import build_links
from detector.store.scoring import import_population, score_with_store
from tests.helpers import applicant, population

CELL = ["james", "oliver", "ethan", "tyler", "grace", "nicole"]


def _honest(i: int) -> dict:
    # 600 holders of three-digit runs, each run held by two of them: what chance gives
    letters = chr(97 + i % 26) + chr(97 + i // 26 % 26)
    return applicant(f"h{i:03d}", email=f"user.{letters}{i % 300:03d}@gmail.com")


def _cell(i: int) -> dict:
    return applicant(f"f{i}", email=f"agent.{CELL[i]}5717@gmail.com")


def _batch_suffix_links(apps: list[dict], settings) -> pd.Series:
    pop = population(apps)
    sessions = pop.sessions.copy()
    sessions["anonymised"] = False
    return build_links(pop.applicants, sessions, pop.payouts, pop.proposals, settings).features[
        "link_email_suffix_shared"]


@pytest.mark.parametrize("newcomer", [_cell(5), applicant("zz", email="new.comer017@gmail.com")],
                         ids=["cell member", "run shared by chance"])
def test_store_links_digit_runs_as_batch_does(newcomer, store, engine):
    stored = [_honest(i) for i in range(600)] + [_cell(i) for i in range(5)]
    import_population(store, population(stored), engine)

    with store.session() as session:
        result = score_with_store(session, population([newcomer]), engine)

    expected = _batch_suffix_links(stored + [newcomer], engine.settings)[newcomer["applicant_id"]]
    assert result.features.loc[newcomer["applicant_id"], "link_email_suffix_shared"] == expected
    assert expected == (5.0 if newcomer["applicant_id"] == "f5" else 0.0)
