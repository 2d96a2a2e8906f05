"""A list of applicants scored in one request gets the scores the same applicants get one by one.

Each network member's red-flag risk comes from its own signals, so an earlier applicant of a
list whose stored risk is not refreshed before a later one links to it still has the risk it
would have had (with the whole scorecard, links included, a later holder of a shared account
scored 0.011 in a list and 0.073 one by one).
"""

import json
from dataclasses import replace

import numpy as np
import pandas as pd
from sqlalchemy import text

from detector.io import load_population_from_records
from detector.store.db import open_store
from detector.store.scoring import score_with_store
from tests.store_support import EXAMPLE

SHARED_ACCOUNT = {"method": "bank", "account_ref": "GB29 NWBK 6016 1331 9268 19"}


def test_a_list_scores_as_its_applicants_do_one_by_one(engine, tmp_path):
    records = [json.loads(line) for line in EXAMPLE.read_text().splitlines()[:14]]
    for i in (1, 3, 7, 11):  # four undeclared holders of one account: a network
        records[i]["payouts"] = [SHARED_ACCOUNT]
    as_list = open_store(replace(engine.settings, store_url=f"sqlite:///{tmp_path / 'list.sqlite'}"))
    one_by_one = open_store(replace(engine.settings, store_url=f"sqlite:///{tmp_path / 'one.sqlite'}"))
    with as_list.session() as session:
        listed = score_with_store(session, load_population_from_records(records).population, engine)
    singles = []
    for record in records:
        with one_by_one.session() as session:
            singles.append(score_with_store(session, load_population_from_records([record]).population,
                                            engine).scores)
    in_list = listed.scores.set_index("applicant_id")
    alone = pd.concat(singles).set_index("applicant_id").reindex(in_list.index)
    with as_list.engine.connect() as connection:  # the four holders were joined in the list
        assert connection.execute(text("SELECT count(*) FROM links WHERE kind = 'payout'")).scalar() == 6
    np.testing.assert_allclose(in_list["score"].to_numpy(), alone["score"].to_numpy(), rtol=0, atol=1e-12)
    assert in_list["band"].tolist() == alone["band"].tolist()
    as_list.dispose()
    one_by_one.dispose()
