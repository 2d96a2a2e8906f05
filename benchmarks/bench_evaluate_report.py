"""Benchmark `detector evaluate` with its HTML report on an unseen synthetic world.

Default: the README's evaluation world (20,000 applicants, seed 9003), the shipped or promoted
model as champion, and optionally a challenger (`--compare MODEL_DIR`) with bootstrap intervals.
Prints the time of each stage, the total, and the load average (the machine is shared).

    python benchmarks/bench_evaluate_report.py [-n 20000] [--seed 9003] [--compare DIR] [--bootstrap 1000]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=9003)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/detector-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    population = args.work / f"eval-{args.n}-{args.seed}.jsonl.gz"
    if not population.exists():
        from detector.synth import generate_population, write_population

        records, truth = generate_population(args.n, seed=args.seed)
        write_population(records, truth, population)

    print(f"load average before: {os.getloadavg()}")
    stages: dict[str, float] = {}
    started = t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        stages[name] = now - t
        t = now

    from detector.geo.geoip import GeoLookup
    from detector.io import load_population
    from detector.model.artifact import load_model
    from detector.model.bootstrap import compare_models
    from detector.model.importance import permutation_importance
    from detector.model.threshold_table import threshold_table
    from detector.reports.evaluation_report import write_evaluation_report
    from detector.settings import Settings
    from detector.training.evaluate import _metrics, evaluation_data, model_metrics
    from detector.training.truth import load_truth

    settings = Settings.from_env().with_defaults()
    model = load_model(settings.model_dir)  # type: ignore[arg-type]
    challenger = load_model(args.compare) if args.compare else None
    lap("imports and models")
    loaded = load_population(population)
    truth = load_truth(population, None)
    lap("read and validate")
    with GeoLookup.from_settings(settings) as geo:
        data = evaluation_data(loaded.population, settings, geo, truth)
    lap("features")
    metrics = _metrics(data, model)
    scores = model.predict_proba(data.features)
    metrics["volume_per_week"] = 2000
    metrics["threshold_table"] = threshold_table(data.y, scores, 2000, model.thresholds)
    lap("metrics and threshold table")
    if challenger is not None:
        metrics["challenger"] = model_metrics(data, challenger)
        metrics["comparison"] = compare_models(data.y, scores, challenger.predict_proba(data.features),
                                               data.groups, n_resamples=args.bootstrap)
        lap(f"challenger and bootstrap ({args.bootstrap} resamples)")
    importance = permutation_importance(model, data.features, data.y)
    lap("permutation importance")
    report = write_evaluation_report(args.work / "bench.evaluation.html", data, model, metrics,
                                     importance, challenger=challenger, source=str(population))
    lap("figures and HTML")
    total = time.perf_counter() - started
    for name, seconds in stages.items():
        print(f"  {name:<40} {seconds:7.1f} s")
    print(f"total {total:.1f} s for {len(loaded.population)} applicants -> {report} "
          f"({report.stat().st_size / 1e6:.1f} MB)")
    at = metrics["model_at_1pct_fpr"]
    print(f"recall@1%FPR {at['recall']:.3f}, AP {at['average_precision']:.3f} "
          f"(rules baseline {metrics['rules_baseline']['recall']:.3f}, "
          f"{metrics['rules_baseline']['average_precision']:.3f})")
    if challenger is not None:
        for key in ("recall_at_fpr", "average_precision"):
            c = metrics["comparison"][key]
            print(f"  {key}: difference {c['difference']:+.3f} "
                  f"[{c['difference_interval'][0]:+.3f}, {c['difference_interval'][1]:+.3f}]")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
