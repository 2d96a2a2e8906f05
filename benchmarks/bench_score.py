"""Benchmark `detector score` end to end on a synthetic population (default 100,000 applicants).

Prints applicants per second, the per-stage breakdown and peak RSS of the scoring process.
Targets on a 2-core machine: >= 2,000 applicants/s end to end, peak RSS < 3 GB.

    python benchmarks/bench_score.py [-n 100000] [--seed 4242] [--work /tmp/detector-bench]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

SCORE_IN_CHILD = """
import json, sys, time
from pathlib import Path
from detector.scoring.run import score_file
from detector.settings import Settings
t = time.perf_counter()
summary = score_file(Path(sys.argv[1]), Path(sys.argv[2]), Settings.from_env())
print(json.dumps({"wall": time.perf_counter() - t, "scored": summary.scored,
                  "rejected": summary.rejected_records, "bands": summary.bands,
                  "timings": summary.timings, "peak_rss_mb": summary.peak_rss_mb,
                  "peak_rss_children_mb": summary.peak_rss_children_mb}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--work", type=Path, default=Path("/tmp/detector-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    population = args.work / f"population-{args.n}-{args.seed}.jsonl.gz"
    if not population.exists():
        from detector.synth import generate_population, write_population

        t = time.perf_counter()
        records, truth = generate_population(args.n, seed=args.seed)
        write_population(records, truth, population)
        print(f"synthesised {args.n} applicants in {time.perf_counter() - t:.1f}s -> {population}")
    out = args.work / "scores.parquet"
    t = time.perf_counter()
    child = subprocess.run([sys.executable, "-c", SCORE_IN_CHILD, str(population), str(out)],
                           capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    result = json.loads(child.stdout.strip().splitlines()[-1])
    rate = result["scored"] / wall
    print(f"scored {result['scored']} applicants (+{result['rejected']} rejected records) in {wall:.1f}s "
          f"(process incl. imports): {rate:,.0f} applicants/s; bands {result['bands']}")
    print(f"peak RSS {result['peak_rss_mb']:,.0f} MB (scoring process), "
          f"{result['peak_rss_children_mb']:,.0f} MB (largest forked text-linking worker; "
          "its pages are shared copy-on-write with the parent at fork)")
    print("stage breakdown (s):")
    for stage, seconds in result["timings"].items():
        print(f"  {stage:<16} {seconds:8.2f}")


if __name__ == "__main__":
    main()
