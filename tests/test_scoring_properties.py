"""Scoring never crashes on whatever the validator lets through, and scores every accepted applicant.

Populations come from the same hypothesis strategies as the input tests (odd but valid names,
private and IPv6 addresses, empty lists, extreme numbers), then run through the whole feature
pipeline and the shipped model.
"""

from functools import cache

import numpy as np
from hypothesis import HealthCheck, given, settings

from detector import load_model
from detector.geo.geoip import GeoLookup
from detector.io import load_population_from_records
from detector.scoring.score import score_population
from detector.settings import Settings
from tests.strategies import batches


@cache
def _parts():
    config = Settings(hash_key=b"property-test").with_defaults()
    return config, GeoLookup.from_settings(config), load_model()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches)
def test_every_accepted_applicant_gets_a_score_and_band(batch):
    loaded = load_population_from_records(batch)
    config, geo, model = _parts()
    scored = score_population(loaded.population, model, config, geo).scores
    accepted = list(loaded.population.applicants["applicant_id"])
    assert list(scored["applicant_id"]) == accepted
    assert np.all((scored["score"] >= 0) & (scored["score"] <= 1))
    assert set(scored["band"]) <= {"low", "review", "high"}
    flagged = scored[scored["band"] != "low"]
    assert all(len(r) > 0 for r in flagged["reasons"])
