"""Train one model on several separately generated labelled worlds.

Each world's cross-profile features (shared identifiers, near-duplicate texts, components,
known fronts) are computed inside that world only. Worlds written by different generators draw
phones, IPs, photos and resume texts from the same real pools; in one file, two strangers of
two worlds could share a phone number, a link no platform would show, and the model would learn
to discount it. Features, labels and linkage groups are then stacked, with component numbers
kept apart, and one grouped model is trained over all of them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from detector.errors import InputError
from detector.features.build import build_features
from detector.features.catalogue import FEATURE_NAMES
from detector.io import load_population
from detector.settings import Settings
from detector.training.known_fronts import cross_fitted_known_fronts
from detector.training.train import MIN_PER_CLASS, TrainReport, fit_and_measure, segment_columns
from detector.training.truth import load_truth


@dataclass(frozen=True)
class World:
    """One labelled population file (its ``.truth.csv`` beside it, if any) and a short name.

    ``regular_keep`` is the share of the world's ordinary genuine profiles (truth segment
    ``regular``) kept for training: below 1 the legitimate look-alikes weigh more against them,
    as ``detector synth`` worlds do by drawing more look-alikes (the features are still computed
    over the whole world).
    """

    name: str
    path: Path
    regular_keep: float = 1.0


@dataclass
class _WorldRows:
    features: pd.DataFrame
    labels: np.ndarray
    components: np.ndarray
    segments: pd.Series | None
    tactics: pd.Series | None


def _world_rows(world: World, settings: Settings, geo, random_state: int) -> tuple[_WorldRows, dict]:
    """One world's training rows; its known-front counts are cross-fitted over the whole world
    before any ordinary profile is thinned, as they would be on a platform."""
    loaded = load_population(world.path)
    if len(loaded.rejects):
        raise InputError(f"world {world.name} ({world.path}) has {len(loaded.rejects)} rejected "
                         "records; a training world must be clean")
    population = loaded.population
    truth = load_truth(world.path, None)
    table = build_features(population, settings, geo, known_labels=None)
    labels = population.applicants["label"].to_numpy(dtype=float)
    labelled = ~np.isnan(labels)
    features = table.features.copy()
    features["link_known_fronts"] = cross_fitted_known_fronts(
        table.links.components, labels, random_state=random_state)
    if world.regular_keep < 1:
        if truth is None:
            raise InputError(f"world {world.name}: keeping a share of the regular profiles needs "
                             f"the truth file beside {world.path}")
        regular = (truth["segment"].reindex(features.index) == "regular").to_numpy() & (labels == 0)
        drawn = np.random.default_rng(random_state).random(len(labels)) < world.regular_keep
        labelled &= ~regular | drawn
    features = features.loc[labelled, list(FEATURE_NAMES)]
    segments, tactics = segment_columns(features.index, truth)
    features.index = f"{world.name}:" + features.index.astype(str)
    if segments is not None:
        segments.index = features.index
    if tactics is not None:
        tactics.index = features.index
    rows = _WorldRows(features, labels[labelled].astype(int), table.links.components[labelled],
                      segments, tactics)
    summary = {"name": world.name, "source": str(world.path), "labelled": int(labelled.sum()),
               "fronts": int(np.sum(labels == 1)), "regular_kept": world.regular_keep}
    return rows, summary


@dataclass
class StackedWorlds:
    """Training rows of several worlds: features, labels, linkage groups kept apart per world."""

    features: pd.DataFrame
    labels: pd.Series
    groups: pd.Series
    segments: pd.Series | None
    tactics: pd.Series | None
    summaries: list[dict]


def stacked_features(worlds: list[World], settings: Settings, geo, random_state: int = 0) -> StackedWorlds:
    """Each world's features computed inside that world, stacked; index ``<world>:<applicant_id>``."""
    parts, summaries = [], []
    for world in worlds:
        rows, summary = _world_rows(world, settings, geo, random_state)
        parts.append(rows)
        summaries.append(summary)
    offsets = np.cumsum([0] + [int(p.components.max()) + 1 for p in parts[:-1]])
    X = pd.concat([p.features for p in parts])
    y = pd.Series(np.concatenate([p.labels for p in parts]), index=X.index)
    groups = pd.Series(np.concatenate([p.components + o for p, o in zip(parts, offsets, strict=True)]),
                       index=X.index)
    return StackedWorlds(X, y, groups, _stacked([p.segments for p in parts], X.index),
                         _stacked([p.tactics for p in parts], X.index), summaries)


def train_worlds(worlds: list[World], model_dir: Path, settings: Settings,
                 random_state: int = 0) -> TrainReport:
    """Train and save one model folder from several worlds, each linked within itself only."""
    from detector.geo.geoip import GeoLookup
    from detector.model.artifact import save_model
    from detector.model.metrics import format_metrics

    settings = settings.with_defaults()
    t0 = time.perf_counter()
    with GeoLookup.from_settings(settings) as geo:
        stacked = stacked_features(worlds, settings, geo, random_state)
    X, y = stacked.features, stacked.labels
    positives, negatives = int((y == 1).sum()), int((y == 0).sum())
    if positives < MIN_PER_CLASS or negatives < MIN_PER_CLASS:
        raise InputError(f"training needs at least {MIN_PER_CLASS} labelled fronts and cleared "
                         f"profiles; the worlds have {positives} and {negatives}")
    t1 = time.perf_counter()
    trained, thresholds, metrics, baseline = fit_and_measure(
        X, y, stacked.groups, stacked.segments, stacked.tactics, random_state)
    t2 = time.perf_counter()
    summary = {
        "applicants": int(len(X)),
        "labelled": int(len(X)),
        "fronts": positives,
        "cleared": negatives,
        "base_rate": positives / max(1, positives + negatives),
        "components_with_fronts": int(stacked.groups[y == 1].nunique()),
        "segments": stacked.segments.value_counts().to_dict() if stacked.segments is not None else {},
        "worlds": stacked.summaries,
        "feature_seconds": round(t1 - t0, 2),
        "training_seconds": round(t2 - t1, 2),
        "source": ", ".join(s["source"] for s in stacked.summaries),
    }
    save_model(trained, model_dir, training_summary=summary, metrics=metrics, thresholds=thresholds,
               extra={"rules_baseline": baseline})
    text = "\n".join([
        f"trained on {len(X)} labelled applicants ({positives} fronts) of {len(worlds)} worlds "
        f"-> {model_dir}",
        "model and rules baseline (out-of-fold, grouped by linkage component):",
        format_metrics(metrics, baseline=baseline),
    ])
    return TrainReport(model_dir=model_dir, metrics=metrics, baseline_metrics=baseline, text=text)


def _stacked(parts: list[pd.Series | None], index: pd.Index) -> pd.Series | None:
    """One column over all worlds; a world without a truth file contributes missing values."""
    if all(p is None for p in parts):
        return None
    filled = [p if p is not None else pd.Series(np.nan, index=[]) for p in parts]
    return pd.concat(filled).reindex(index)
