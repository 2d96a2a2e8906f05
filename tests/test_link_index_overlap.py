"""The link index does independent work while its searches run in other processes: the
links are the same, and the own red-flag scores computed meanwhile need no links."""

from __future__ import annotations

import multiprocessing
import os
from functools import cache

import numpy as np
import pandas as pd

from detector.batch.passes import own_risk
from detector.features.build import applicant_signals, assemble_features
from detector.geo.geoip import GeoLookup
from detector.io import load_population_from_records
from detector.linking import parallel_texts
from detector.linking.population_links import link_keys, links_from_keys
from detector.model.rules_baseline import own_red_flags
from detector.settings import Settings
from detector.signals.session_geo import annotate_sessions
from detector.synth import generate_population

SETTINGS = Settings(hash_key=b"overlap-test").with_defaults()


@cache
def _population():
    records, _ = generate_population(1200, seed=23)
    population = load_population_from_records(records).population
    with GeoLookup.from_settings(SETTINGS) as geo:
        sessions = annotate_sessions(population.sessions, geo)
    applicants = population.applicants.reset_index(drop=True)
    keys = link_keys(applicants, sessions, population.payouts, population.proposals, SETTINGS,
                     applicants["label"].to_numpy(dtype=float))
    return applicants, sessions, population.payouts, keys


def test_links_are_the_same_when_the_caller_works_while_the_searches_run(monkeypatch):
    _, _, _, keys = _population()
    alone = links_from_keys(keys, SETTINGS)
    monkeypatch.setattr(parallel_texts, "PARALLEL_MIN_TEXTS", 1)
    seen: list[tuple[int, int]] = []

    def meanwhile() -> None:
        seen.append((os.getpid(), len(multiprocessing.active_children())))

    overlapped = links_from_keys(keys, SETTINGS, meanwhile=meanwhile)
    assert seen == [(os.getpid(), 2)], "called once, here, with the two searches running"
    assert not multiprocessing.active_children(), "search processes ended"
    assert (alone.pairs["kind"] == "resume").any(), "population should hold near-duplicate resumes"
    pd.testing.assert_frame_equal(alone.pairs, overlapped.pairs)
    pd.testing.assert_frame_equal(alone.features, overlapped.features)
    np.testing.assert_array_equal(alone.components, overlapped.components)


def test_own_risk_without_links_equals_the_score_over_all_features():
    applicants, sessions, payouts, keys = _population()
    signals = applicant_signals(applicants, sessions, payouts)
    links = links_from_keys(keys, SETTINGS)
    features, _ = assemble_features(signals, links.features)
    with_links = np.asarray(own_red_flags(features), dtype=float)
    assert (with_links > 0).sum() > 50
    assert (links.features.to_numpy(dtype=float)[:, :6] > 0).any(), "links present"
    np.testing.assert_array_equal(own_risk(signals), with_links)


def test_a_failing_caller_ends_the_search_processes(monkeypatch):
    _, _, _, keys = _population()
    monkeypatch.setattr(parallel_texts, "PARALLEL_MIN_TEXTS", 1)

    def meanwhile() -> None:
        raise RuntimeError("reading a chunk failed")

    try:
        links_from_keys(keys, SETTINGS, meanwhile=meanwhile)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the caller's error must propagate")
    assert not multiprocessing.active_children()
