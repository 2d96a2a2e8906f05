"""Training on several separately generated worlds: each world is linked within itself only,
its ordinary profiles can be thinned, and the model folder says which worlds it learned from."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pandas as pd
import pytest

from detector.features.build import build_features
from detector.geo.geoip import GeoLookup
from detector.io import load_population
from detector.model.artifact import load_model
from detector.settings import Settings
from detector.training.several_worlds import World, stacked_features, train_worlds
from tests.retraining_world import make_world


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    """A synthetic world and its twin: the same people (phones, emails, payout accounts,
    resumes) under other applicant ids, as two generators drawing from one real pool would give."""
    folder = tmp_path_factory.mktemp("several")
    first = make_world(folder, 1500, 61, "first")
    twin = folder / "twin.jsonl.gz"
    with gzip.open(first, "rt") as src, gzip.open(twin, "wt") as dst:
        for line in src:
            record = json.loads(line)
            record["applicant_id"] = "twin-" + record["applicant_id"]
            dst.write(json.dumps(record) + "\n")
    truth = pd.read_csv(folder / "first.truth.csv", dtype=str)
    truth["applicant_id"] = "twin-" + truth["applicant_id"]
    truth.to_csv(folder / "twin.truth.csv", index=False)
    return first, twin


@pytest.fixture(scope="module")
def settings():
    return Settings().with_defaults()


def test_each_world_is_linked_within_itself_only(worlds, settings):
    first, twin = worlds
    population = load_population(first).population
    with GeoLookup.from_settings(settings) as geo:
        alone = build_features(population, settings, geo).features
        stacked = stacked_features([World("a", first), World("b", twin)], settings, geo)
    # training rows are the labelled profiles (features still come from the whole world)
    alone = alone[population.applicants["label"].notna().to_numpy()]
    assert len(alone) > 1000
    a_rows = stacked.features.loc[[f"a:{i}" for i in alone.index]]
    b_rows = stacked.features.loc[[f"b:twin-{i}" for i in alone.index]]
    # In one file every profile would share its phone, email and account with its twin.
    for name in ("link_component_size", "link_phone_shared", "link_payout_shared",
                 "link_resume_near_duplicates"):
        np.testing.assert_array_equal(a_rows[name].to_numpy(), alone[name].to_numpy(), err_msg=name)
        np.testing.assert_array_equal(b_rows[name].to_numpy(), alone[name].to_numpy(), err_msg=name)
    a_groups = set(stacked.groups[[f"a:{i}" for i in alone.index]])
    b_groups = set(stacked.groups[[f"b:twin-{i}" for i in alone.index]])
    assert not a_groups & b_groups, "a linkage group spans two worlds"


def test_regular_keep_thins_ordinary_genuine_profiles_only(worlds, settings):
    first, twin = worlds
    with GeoLookup.from_settings(settings) as geo:
        stacked = stacked_features([World("a", first), World("b", twin, regular_keep=0.0)],
                                   settings, geo)
    in_b = stacked.features.index.str.startswith("b:")
    in_a = ~in_b
    segments = stacked.segments
    assert (segments[in_a] == "regular").sum() > 100
    assert (segments[in_b] == "regular").sum() == 0
    # fronts and look-alikes stay
    assert (stacked.labels[in_b] == 1).sum() == (stacked.labels[in_a] == 1).sum() > 10
    lookalikes = in_b & (stacked.labels == 0).to_numpy()
    assert lookalikes.sum() == ((segments[in_a] != "regular") & (stacked.labels[in_a] == 0)).sum()
    summary_b = stacked.summaries[1]
    assert summary_b["regular_kept"] == 0.0 and summary_b["labelled"] == int(in_b.sum())


def test_train_worlds_writes_a_model_that_names_its_worlds(worlds, settings, tmp_path):
    first, twin = worlds
    report = train_worlds([World("a", first), World("b", twin, regular_keep=0.5)],
                          tmp_path / "model", settings)
    model = load_model(tmp_path / "model")
    card = json.loads((tmp_path / "model" / "model_card.json").read_text())
    names = [w["name"] for w in card["training_summary"]["worlds"]]
    assert names == ["a", "b"]
    assert "of 2 worlds" in report.text
    with GeoLookup.from_settings(settings) as geo:
        table = build_features(load_population(first).population, settings, geo)
    scores = np.asarray(model.predict_proba(table.features), float)
    labels = load_population(first).population.applicants["label"].to_numpy(dtype=float)
    assert scores[labels == 1].mean() > 3 * scores[labels == 0].mean()
