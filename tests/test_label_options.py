"""Training on few, biased labels: unlabelled profiles as context or negatives, and held-out
tests split by time or by linkage group, never splitting a network."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pandas as pd
import pytest

from detector.errors import InputError
from detector.geo.geoip import GeoLookup
from detector.io import load_population, load_population_from_records
from detector.linking.population_links import build_links
from detector.settings import Settings
from detector.training.label_options import LabelOptions, fitted_labels, held_out
from detector.training.train import train_population
from tests.retraining_world import make_world, run


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return make_world(tmp_path_factory.mktemp("labels"), 2000, 51, "train")


@pytest.fixture(scope="module")
def population(world):
    return load_population(world).population


@pytest.fixture(scope="module")
def components(population):
    settings = Settings().with_defaults()
    with GeoLookup.from_settings(settings) as geo:
        from detector.signals.session_geo import annotate_sessions

        sessions = annotate_sessions(population.sessions, geo)
    links = build_links(population.applicants, sessions, population.payouts,
                        population.proposals, settings, None)
    return np.asarray(links.components)


def test_as_negative_fits_unlabelled_profiles_as_genuine():
    labels = np.array([1.0, 0.0, np.nan, np.nan])
    assert np.isnan(fitted_labels(labels, LabelOptions())).sum() == 2
    assert fitted_labels(labels, LabelOptions(unlabelled="as-negative")).tolist() == [1, 0, 0, 0]


def _cut(population, components, quantile: float) -> pd.Timestamp:
    """A date ``quantile`` into the sign-ups, moved back if needed so that three front networks
    are first seen after it (a network that holds a bought, aged account is first seen when that
    account was created, years before the cell's other personas)."""
    labels = population.applicants["label"].to_numpy(dtype=float)
    created = population.applicants["created_at"]
    labelled = ~np.isnan(labels)
    first_seen = created[labelled].groupby(components[labelled]).min()
    fronts = first_seen[np.unique(components[labelled][labels[labelled] == 1])]
    return min(created.quantile(quantile), fronts.sort_values().iloc[-3])


def test_time_split_tests_on_networks_first_seen_after_the_date(population, components):
    labels = population.applicants["label"].to_numpy(dtype=float)
    created = population.applicants["created_at"]
    cut = _cut(population, components, 0.7)
    test = held_out(labels, components, created, LabelOptions(split="time", test_after=cut))
    # only labelled profiles are trained or tested: a network is first seen at its first label
    labelled = ~np.isnan(labels)
    assert not test[~labelled].any()
    first_seen = created[labelled].groupby(components[labelled]).transform("min")
    test, lab_components = test[labelled], components[labelled]
    assert (first_seen[test] >= cut).all()
    assert (first_seen[~test] < cut).all()
    straddling = pd.Series(test).groupby(lab_components).nunique()
    assert (straddling == 1).all()
    # half: this world's front networks are older than most (their aged accounts)
    share = held_out(labels, components, created, LabelOptions(split="time", test_share=0.5))[labelled]
    assert 0.4 < share.mean() < 0.6
    # the newest networks are tested: each first seen no earlier than any trained network
    assert first_seen[share].min() >= first_seen[~share].max()


def test_grouped_split_keeps_each_network_on_one_side(population, components):
    labels = population.applicants["label"].to_numpy(dtype=float)
    test = held_out(labels, components, population.applicants["created_at"],
                    LabelOptions(split="grouped", test_share=0.3))
    labelled = ~np.isnan(labels)
    assert not test[~labelled].any()
    assert 0.2 < test[labelled].mean() < 0.35
    assert (pd.Series(test[labelled]).groupby(components[labelled]).nunique() == 1).all()
    big = pd.Series(components).value_counts()
    assert big.iloc[0] > 3  # the world has real networks for this to mean something


def test_unlabelled_rows_are_never_in_the_test_set(population, components):
    labels = population.applicants["label"].to_numpy(dtype=float).copy()
    labels[::2] = np.nan
    test = held_out(labels, components, population.applicants["created_at"],
                    LabelOptions(split="grouped"))
    assert not test[::2].any()


def test_a_split_without_fronts_on_one_side_is_refused(population, components):
    labels = population.applicants["label"].to_numpy(dtype=float)
    future = population.applicants["created_at"].max() + pd.Timedelta(days=1)
    with pytest.raises(InputError, match="test set without both labels.*--test-after"):
        held_out(labels, components, population.applicants["created_at"],
                 LabelOptions(split="time", test_after=future))
    with pytest.raises(InputError, match="--test-after needs --split time"):
        LabelOptions(test_after=future)


@pytest.mark.slow
def test_training_on_partial_labels_context_versus_as_negative(world):
    records = [json.loads(line) for line in gzip.open(world, "rt")]
    rng = np.random.default_rng(0)
    for record in records:
        if rng.random() < 0.5:
            record.pop("label", None)  # never reviewed
    population = load_population_from_records(records).population
    labels = population.applicants["label"]
    settings = Settings().with_defaults()
    with GeoLookup.from_settings(settings) as geo:
        *_, context = train_population(population, settings, geo, options=LabelOptions())
        *_, negative = train_population(population, settings, geo,
                                        options=LabelOptions(unlabelled="as-negative"))
    assert context["cleared"] == int((labels == 0).sum())
    assert context["labelled"] == int(labels.notna().sum())
    assert negative["cleared"] == int((labels == 0).sum() + labels.isna().sum())
    assert negative["fronts"] == context["fronts"] == int((labels == 1).sum())
    assert context["unlabelled"] == "context" and negative["unlabelled"] == "as-negative"


@pytest.mark.slow
def test_train_with_a_time_split_reports_the_held_out_test(world, tmp_path, population, components):
    cut = _cut(population, components, 0.75).strftime("%Y-%m-%d")
    result = run("train", str(world), "-o", str(tmp_path / "m"), "--split", "time", "--test-after", cut)
    assert "held-out test (time split" in result.stdout
    card = json.loads((tmp_path / "m" / "model_card.json").read_text())
    holdout = card["training_summary"]["holdout"]
    created = population.applicants["created_at"]
    assert holdout["rows"] <= int((created >= pd.Timestamp(cut, tz="UTC")).sum())
    assert card["training_summary"]["labelled"] + holdout["rows"] == population.applicants["label"].notna().sum()
    assert 0.5 < holdout["model_at_review_threshold"]["roc_auc"] <= 1.0
