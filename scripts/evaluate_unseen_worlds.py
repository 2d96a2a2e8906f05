"""Evaluate a model on several synthetic worlds it never saw, beside the rules baseline and the
world's own ceiling.

Each seed draws a whole world (base rate, tactic mix, evasion strength, habits; see
docs/SYNTHETIC_DATA.md), as ``detector synth -n N --seed S`` would write it. For each world the
script prints the model and the rules baseline at the 1%-false-positive threshold of that world:
average precision, recall, recall per evasion tactic and the worst legitimate look-alike segment.

``--ceiling`` adds what the same features can give at best in that world: the training pipeline
(``detector.model.classifier.train_model``) fitted on the world itself, scored out of fold with
folds grouped by linkage component. It is an optimistic bound (members of a cell who share
nothing fall into separate components, so their cell-mates can sit in the training folds). When
the shipped model comes close to it, the missed fronts carry no more evidence in these features:
better recall then needs new signals, not more tuning.

    python scripts/evaluate_unseen_worlds.py --seeds 9003 9004 9005 9006 9007 9008 --ceiling
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from detector.geo.geoip import GeoLookup
from detector.io import load_population
from detector.model.artifact import load_model
from detector.model.metrics import detection_metrics
from detector.model.rules_baseline import rules_score
from detector.settings import Settings
from detector.synth import generate_population, write_population
from detector.training.evaluate import evaluation_data, model_metrics
from detector.training.truth import load_truth

TACTICS = ("vpn", "laptop_farm", "residential_proxy", "rented_identity")


def world_file(seed: int, n: int, folder: Path) -> Path:
    path = folder / f"world-{seed}-{n}.jsonl.gz"
    if not path.exists():
        records, truth = generate_population(n, seed=seed)
        write_population(records, truth, path)
    return path


def summary(metrics: dict) -> dict:
    """The numbers the table shows, from ``detection_metrics`` output."""
    segments = {k: v["rate"] for k, v in metrics.get("fpr_by_segment", {}).items() if k != "regular"}
    worst = max(segments.items(), key=lambda kv: kv[1]) if segments else ("-", float("nan"))
    tactics = {k: v["rate"] for k, v in metrics.get("recall_by_tactic", {}).items()}
    return {"ap": metrics["average_precision"], "recall": metrics["recall"],
            "worst_lookalike": worst[0], "worst_lookalike_fpr": worst[1],
            "lookalikes_over_3pct": sum(rate > 0.03 for rate in segments.values()),
            **{f"recall_{t}": tactics.get(t, float("nan")) for t in TACTICS}}


def ceiling(data) -> dict:
    from detector.model.classifier import train_model

    index = data.features.index
    trained = train_model(data.features, pd.Series(data.y, index=index),
                          pd.Series(data.groups, index=index), n_threads=1)
    oof = trained.oof_scores.reindex(data.features.index).to_numpy(dtype=float)
    return summary(detection_metrics(data.y, oof, segments=data.segments, tactics=data.tactics))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[9003, 9004, 9005, 9006, 9007, 9008])
    parser.add_argument("-n", type=int, default=20000, help="Applicants per world.")
    parser.add_argument("--model", type=Path, default=None, help="Model folder (default: shipped).")
    parser.add_argument("--work", type=Path, default=None, help="Folder for the generated worlds.")
    parser.add_argument("--ceiling", action="store_true", help="Also fit the pipeline in-world.")
    parser.add_argument("--json", type=Path, default=None, help="Write every number here.")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    work = args.work or Path(tempfile.mkdtemp(prefix="detector-worlds-"))
    work.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env().with_defaults()
    model = load_model(args.model or settings.model_dir)
    print(f"model {model.model_version}; worlds of {args.n:,} applicants in {work}")

    rows = []
    for seed in args.seeds:
        path = world_file(seed, args.n, work)
        loaded = load_population(path)
        with GeoLookup.from_settings(settings) as geo:
            data = evaluation_data(loaded.population, settings, geo, load_truth(path, None))
        row = {"seed": seed, "fronts": int(data.y.sum()), "labelled": int(data.y.size),
               "model": summary(model_metrics(data, model)["model_at_1pct_fpr"]),
               "rules": summary(detection_metrics(data.y, rules_score(data.features),
                                                  segments=data.segments, tactics=data.tactics))}
        if args.ceiling:
            row["ceiling"] = ceiling(data)
        rows.append(row)
        print(line(row), flush=True)

    kinds = ["model", "rules"] + (["ceiling"] if args.ceiling else [])
    for kind in kinds:
        ap = np.mean([r[kind]["ap"] for r in rows])
        rec = np.mean([r[kind]["recall"] for r in rows])
        print(f"mean over {len(rows)} worlds, {kind}: AP {ap:.3f}, recall at 1% FPR {rec:.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=float))


def line(row: dict) -> str:
    m, r = row["model"], row["rules"]
    text = (f"seed {row['seed']} ({row['fronts']} fronts of {row['labelled']}): "
            f"model AP {m['ap']:.3f} recall {m['recall']:.3f} | rules AP {r['ap']:.3f} "
            f"recall {r['recall']:.3f}")
    if "ceiling" in row:
        text += f" | in-world ceiling AP {row['ceiling']['ap']:.3f} recall {row['ceiling']['recall']:.3f}"
    text += (f"\n    worst look-alike {m['worst_lookalike']} {m['worst_lookalike_fpr']:.3f} "
             f"({m['lookalikes_over_3pct']} over 3%); recall by tactic "
             + ", ".join(f"{t} {m['recall_' + t]:.3f}" for t in TACTICS))
    return text


if __name__ == "__main__":
    main()
