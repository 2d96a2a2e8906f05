"""Compare models on the same feature tables: features computed once, many models scored on them.

Training and evaluating a model from population files recomputes every world's features (minutes
per world). To compare candidate models, or one model with a feature blanked, compute each
world's features once and reuse them:

    # each test world's features (labels hidden, as `detector evaluate` computes them), with truth
    python scripts/compare_models.py features WORLD.jsonl.gz -o WORLD.features.parquet
    # the shipped model's training rows (the worlds `train_default_model.py --work DIR` left)
    python scripts/compare_models.py training-features DIR -o train.features.parquet
    # a model fitted on those rows, optionally with features blanked (missing) in training
    python scripts/compare_models.py fit train.features.parquet -o MODEL_DIR --blank link_proposal_max_similarity
    # models side by side: per world AP, recall at the world's 1% false-positive rate, and the
    # false-positive rate of every legitimate look-alike segment at that threshold
    python scripts/compare_models.py score models/default MODEL_DIR --worlds A.features.parquet B.features.parquet

``fit`` runs the same grouped training as ``detector train`` (``fit_and_measure``), so on the same
rows it reproduces the shipped model. Thresholds here are each world's own 1% false-positive point,
found and applied by the function ``detector evaluate`` reports "at 1% FPR" with
(``detection_metrics``); the model's stored bands are not used. ``features --feeds`` computes a
world with the feeds loaded in the data folder (``detector intel update``), as scoring would.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from detector.features.catalogue import FEATURE_NAMES
from detector.geo.geoip import GeoLookup
from detector.intel.active_feeds import ActiveFeeds
from detector.io import load_population
from detector.model.artifact import load_model, save_model
from detector.model.metrics import detection_metrics
from detector.settings import Settings
from detector.training.evaluate import evaluation_data
from detector.training.several_worlds import World, stacked_features
from detector.training.train import fit_and_measure
from detector.training.truth import load_truth

SCRIPTS = Path(__file__).resolve().parent


def world_features(path: Path, settings: Settings, feeds: ActiveFeeds | None = None) -> pd.DataFrame:
    """The rows ``detector evaluate`` scores (features over the whole world, labels hidden),
    with label, and segment and tactic from the world's truth file if it has one."""
    population = load_population(path).population
    with GeoLookup.from_settings(settings, feeds) as geo:
        data = evaluation_data(population, settings, geo, load_truth(path, None))
    rows = data.features.copy()
    rows["label"] = data.y
    for name, column in (("segment", data.segments), ("tactic", data.tactics)):
        if column is not None:
            rows[name] = column
    return rows


def training_features(work: Path, shared_data: Path, settings: Settings,
                      feeds: ActiveFeeds | None = None) -> pd.DataFrame:
    """The shipped model's training rows, from the worlds ``train_default_model.py --work`` left."""
    sys.path.insert(0, str(SCRIPTS))
    import train_default_model  # noqa: PLC0415 - a sibling script, not a package

    worlds = [World("synth", work / "train.jsonl.gz")]
    worlds += train_default_model.independent_worlds(work, shared_data)
    with GeoLookup.from_settings(settings, feeds) as geo:
        stacked = stacked_features(worlds, settings, geo, 0)
    rows = stacked.features.copy()
    rows["label"], rows["group"] = stacked.labels, stacked.groups
    rows["segment"], rows["tactic"] = stacked.segments, stacked.tactics
    return rows


def blanked(rows: pd.DataFrame, blank: list[str]) -> pd.DataFrame:
    """The model's features with the ``blank`` ones missing, as if never computed."""
    X = rows[list(FEATURE_NAMES)].copy()
    X[blank] = np.nan
    return X


def fit(rows: pd.DataFrame, out: Path, blank: list[str], random_state: int = 0) -> dict:
    X = blanked(rows, blank)
    trained, thresholds, metrics, baseline = fit_and_measure(
        X, rows["label"], rows["group"], rows["segment"], rows["tactic"], random_state)
    save_model(trained, out, training_summary={"compare_models_blank": blank}, metrics=metrics,
               thresholds=thresholds, extra={"rules_baseline": baseline})
    return metrics


def world_result(scores: np.ndarray, rows: pd.DataFrame) -> dict[str, float]:
    """AP, recall at the world's 1% FPR (overall and per front tactic), and each genuine
    segment's false-positive rate at that threshold, as ``detector evaluate`` computes them."""
    def column(name: str, missing: str) -> np.ndarray | None:
        return rows[name].fillna(missing).to_numpy() if name in rows else None

    metrics = detection_metrics(rows["label"].astype(int).to_numpy(), scores,
                                column("segment", "regular"), column("tactic", "unknown"))
    result = {"average_precision": metrics["average_precision"], "recall_at_1pct_fpr": metrics["recall"]}
    result.update({f"recall {name}": rate["rate"] for name, rate in metrics["recall_by_tactic"].items()})
    result.update({f"fpr {name}": rate["rate"] for name, rate in metrics["fpr_by_segment"].items()})
    return result


def score(models: list[Path], worlds: list[Path], blank: list[str]) -> pd.DataFrame:
    """One column per (model, world) and per model's mean over the worlds."""
    tables = {world: pd.read_parquet(world) for world in worlds}
    columns = {}
    for model_dir in models:
        model = load_model(model_dir)
        per_world = {}
        for world, rows in tables.items():
            scores = np.asarray(model.predict_proba(blanked(rows, blank)), dtype=float)
            per_world[world.name.removesuffix(".parquet")] = world_result(scores, rows)
        for name, result in per_world.items():
            columns[(model_dir.name, name)] = result
        columns[(model_dir.name, "mean")] = pd.DataFrame(per_world).mean(axis=1).to_dict()
    return pd.DataFrame(columns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    features = commands.add_parser("features", help="one world's features with its truth")
    features.add_argument("world", type=Path)
    features.add_argument("-o", "--out", type=Path, required=True)
    training = commands.add_parser("training-features", help="the shipped model's training rows")
    training.add_argument("work", type=Path, help="the --work folder of train_default_model.py")
    training.add_argument("--shared-data", type=Path, default=SCRIPTS.parents[1] / "shared" / "data")
    training.add_argument("-o", "--out", type=Path, required=True)
    fitting = commands.add_parser("fit", help="a model on training rows")
    fitting.add_argument("rows", type=Path)
    fitting.add_argument("-o", "--out", type=Path, required=True)
    fitting.add_argument("--random-state", type=int, default=0,
                         help="seed of the fit (folds, boosting); the shipped model uses 0")
    for command in (features, training):
        command.add_argument("--feeds", action="store_true",
                             help="also use the feeds loaded in the data folder (DETECTOR_DATA_DIR)")
    scoring = commands.add_parser("score", help="models side by side on feature tables")
    scoring.add_argument("models", type=Path, nargs="+")
    scoring.add_argument("--worlds", type=Path, nargs="+", required=True)
    scoring.add_argument("--csv", type=Path, help="also write the table here")
    for command in (fitting, scoring):
        command.add_argument("--blank", default="", help="comma-separated features to leave missing")
    args = parser.parse_args()
    settings = Settings.from_env().with_defaults()
    blank = [name for name in getattr(args, "blank", "").split(",") if name]
    unknown = sorted(set(blank) - set(FEATURE_NAMES))
    if unknown:
        parser.error(f"--blank: not features of this code: {', '.join(unknown)}")

    # the data folder's feeds (VPN ranges, hosting ASNs, Tor exits) as scoring reads them
    feeds = ActiveFeeds.load(settings) if getattr(args, "feeds", False) else None
    if args.command == "features":
        world_features(args.world, settings, feeds).to_parquet(args.out)
    elif args.command == "training-features":
        training_features(args.work, args.shared_data, settings, feeds).to_parquet(args.out)
    elif args.command == "fit":
        metrics = fit(pd.read_parquet(args.rows), args.out, blank, args.random_state)
        print(f"saved {args.out}: out-of-fold AP {metrics['average_precision']:.3f}")
    else:
        table = score(args.models, args.worlds, blank)
        if args.csv:
            table.to_csv(args.csv)
        with pd.option_context("display.width", 250, "display.max_columns", 40):
            print(table.round(3).to_string())


if __name__ == "__main__":
    main()
