"""Benchmark batch rescoring (`detector score` in chunks) end to end, locally and on Dask.

Generates N synthetic contractors with sessions, payouts, proposals and resumes (in slices of
50,000 with consecutive seeds that share their given-out emails and phones, streamed to one
.jsonl.gz; not timed as scoring), then scores
them with the local backend and with a local Dask cluster of 2 workers, each in a child
process. Reports wall time, rate, the driver's peak RSS, the peak memory of the whole process
tree (driver + workers: PSS sampled every second, which counts pages shared after a fork
once, and RSS summed per process every 0.2 s, which counts them once per process; sampling
PSS five times a second took ~15% of a core from the run), the per-stage
breakdown, and the floor: the per-applicant cost of IP lookups, phone parsing, text MinHash
and model prediction, each timed alone on a sample, in CPU time (process time, which other
processes' load does not stretch; the wall time is printed beside it). The sample is spread
evenly over the input (every N/sample-th applicant): the slices of the synthetic population
differ a lot (65,000 to 349,000 sessions and 9,500 to 18,700 phones per 20,000 applicants),
and the first slice, the lightest, put the floor ~9% below the population's. The floor of
the first applicants, used by earlier rounds, is printed beside it for comparison.
Targets on a 2-core machine (1,000,000 applicants): < 10 min, peak RSS < 6 GB, rate within
1.5x of the floor.

    python benchmarks/bench_batch.py [-n 1000000] [--chunk-size 20000] [--skip-dask]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import orjson
import psutil

SLICE = 50_000
SCORE_IN_CHILD = """
import json, sys, time
from pathlib import Path
from detector.batch.run import BatchOptions, score_batch
from detector.settings import Settings
t = time.perf_counter()
out = Path(sys.argv[2])
s = score_batch(Path(sys.argv[1]), out, out.with_name("rejects.csv"), Settings.from_env(),
                BatchOptions(chunk_size=int(sys.argv[3]), backend=sys.argv[4], workers=2,
                             quiet=True))
print(json.dumps({"wall": time.perf_counter() - t, "scored": s.scored, "bands": s.bands,
                  "rejected": s.rejected_records, "timings": s.timings,
                  "driver_peak_rss_mb": s.peak_rss_by_stage_mb}))
"""


def generate(n: int, seed: int, path: Path) -> None:
    from detector.synth import generate_population

    taken: set[str] = set()  # one platform: no email or phone shared by chance across slices
    with gzip.open(path.with_suffix(".tmp"), "wb", compresslevel=3) as handle:
        for start in range(0, n, SLICE):
            records, _ = generate_population(min(SLICE, n - start), seed=seed + start // SLICE,
                                             taken=taken)
            for record in records:
                handle.write(orjson.dumps(record, option=orjson.OPT_NAIVE_UTC) + b"\n")
            del records
    path.with_suffix(".tmp").rename(path)


def _pss_bytes(pid: int) -> int:
    """Proportional set size: each page shared by k processes counts 1/k in each."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_child(population: Path, work: Path, chunk_size: int, backend: str) -> dict:
    """Score in a child process, sampling the memory of its process tree every 0.2 s.

    Two tree totals: RSS summed over processes (pages forked children share with the driver
    count once per process, so this overstates) and PSS (shared pages split between the
    processes sharing them, so the sum counts each page once: the memory actually used; read
    once a second, as reading it costs the kernel a walk of every page table).
    """
    import resource

    out = work / f"scores-{backend}.parquet"
    t = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = subprocess.Popen([sys.executable, "-c", SCORE_IN_CHILD, str(population), str(out),
                              str(chunk_size), backend], stdout=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    root = psutil.Process(child.pid)
    samples = 0
    while child.poll() is None:
        try:
            tree = [p for p in [root, *root.children(recursive=True)] if p.is_running()]
            peak_rss = max(peak_rss, sum(p.memory_info().rss for p in tree))
            if samples % 5 == 0:  # PSS makes the kernel walk every page table: once a second
                peak_pss = max(peak_pss, sum(_pss_bytes(p.pid) for p in tree))
        except psutil.Error:
            pass
        samples += 1
        time.sleep(0.2)
    stdout = child.stdout.read() if child.stdout else ""
    if child.returncode:
        raise SystemExit(f"{backend} run failed with status {child.returncode}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["process_wall"] = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the tree, once its processes ended
    result["cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["peak_tree_rss_mb"] = peak_rss / 2**20
    result["peak_tree_pss_mb"] = peak_pss / 2**20
    return result


class _Timer:
    """CPU seconds (this process) and wall seconds of the steps timed with it.

    The floor is judged on CPU time: on a shared machine other processes' load stretches
    wall time (measured at 91 us idle and 139 us at load 4-6 for the same steps).
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}

    def time(self, name: str, step) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        step()
        self.cpu[name] = (time.process_time() - cpu) / self.n
        self.wall[name] = (time.perf_counter() - wall) / self.n


def floor_costs(population: Path, sample: int, step: int = 1
                ) -> tuple[dict[str, float], dict[str, float]]:
    """Seconds per applicant of each unavoidable step, timed alone on ``sample`` applicants,
    every ``step``-th from the first: (CPU seconds, wall seconds)."""
    import itertools

    import numpy as np

    from detector.features.catalogue import FEATURE_NAMES
    from detector.geo.geoip import GeoLookup
    from detector.io.read_input import load_population_from_records
    from detector.linking.text_similarity import minhash_signatures
    from detector.model.artifact import load_model
    from detector.settings import SHIPPED_MODEL_DIR, Settings
    from detector.signals.identity import parse_phone

    with gzip.open(population, "rb") as handle:
        records = [orjson.loads(line)
                   for line in itertools.islice(handle, 0, sample * step, step)]
    pop = load_population_from_records(records).population
    n = len(pop.applicants)
    settings = Settings.from_env().with_defaults()
    timer = _Timer(n)
    with GeoLookup.from_settings(settings) as geo:
        ips = list(dict.fromkeys(pop.sessions["ip"]))
        timer.time("ip_lookups", lambda: geo.lookup(ips))
    pairs = list(dict.fromkeys(zip(pop.applicants["phone"], pop.applicants["claimed_country"],
                                   strict=True)))

    def parse_phones() -> None:
        for phone, region in pairs:
            parse_phone(phone, region)

    timer.time("phone_parsing", parse_phones)
    props = pop.proposals.sort_values("submitted_at").groupby("applicant_id").tail(1)
    texts = [t for t in [*pop.applicants["resume_text"], *props["text"]] if isinstance(t, str)]
    timer.time("text_minhash", lambda: minhash_signatures(texts))
    model = load_model(SHIPPED_MODEL_DIR)
    import pandas as pd

    X = pd.DataFrame(np.random.default_rng(0).random((n, len(FEATURE_NAMES))),
                     columns=list(FEATURE_NAMES))
    timer.time("model_predict", lambda: model.predict_proba(X))
    return timer.cpu, timer.wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=5150)
    parser.add_argument("--chunk-size", type=int, default=20_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/detector-bench-batch"))
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--floor-sample", type=int, default=20_000)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    population = args.work / f"population-{args.n}-{args.seed}.jsonl.gz"
    if not population.exists():
        t = time.perf_counter()
        generate(args.n, args.seed, population)
        print(f"generated {args.n:,} applicants in {time.perf_counter() - t:.0f}s "
              f"({population.stat().st_size / 2**20:,.0f} MB gzip) [not part of scoring]")
    print(f"load before: {open('/proc/loadavg').read().split()[:3]}")
    first, _ = floor_costs(population, args.floor_sample)
    print(f"floor of the first {args.floor_sample:,} applicants (earlier rounds' sample), CPU time: "
          + ", ".join(f"{k} {v * 1e6:,.0f} us" for k, v in first.items())
          + f"; sum {sum(first.values()) * 1e6:,.0f} us")
    step = max(1, args.n // args.floor_sample)
    floor, floor_wall = floor_costs(population, args.floor_sample, step)
    floor_total, floor_wall_total = sum(floor.values()), sum(floor_wall.values())
    print(f"floor (per applicant, each step alone on {args.floor_sample:,} applicants, every "
          f"{step}th of the input), CPU time: "
          + ", ".join(f"{k} {v * 1e6:,.0f} us" for k, v in floor.items())
          + f"; sum {floor_total * 1e6:,.0f} us = {1 / floor_total:,.0f} applicants/s")
    print("    the same in wall time: "
          + ", ".join(f"{k} {v * 1e6:,.0f} us" for k, v in floor_wall.items())
          + f"; sum {floor_wall_total * 1e6:,.0f} us (load stretches wall time, not CPU time)")
    for backend in ("local", *(() if args.skip_dask else ("dask",))):
        result = run_child(population, args.work, args.chunk_size, backend)
        rate = result["scored"] / result["process_wall"]
        per = result["process_wall"] / max(result["scored"], 1)
        print(f"[{backend}] scored {result['scored']:,} (+{result['rejected']} rejected records) "
              f"in {result['process_wall']:,.1f}s incl. start-up: {rate:,.0f} applicants/s; "
              f"process tree peak PSS {result['peak_tree_pss_mb']:,.0f} MB "
              f"(RSS summed per process {result['peak_tree_rss_mb']:,.0f} MB); "
              f"floor ratio {per / floor_total:.2f}x (against the first applicants' floor "
              f"{per / sum(first.values()):.2f}x, the wall-time floor "
              f"{per / floor_wall_total:.2f}x); bands {result['bands']}")
        print(f"    CPU time of the process tree {result['cpu_seconds']:,.0f} s "
              f"({result['cpu_seconds'] / result['process_wall']:.2f} cores busy on average; "
              "other agents' load takes the rest)")
        for stage, seconds in result["timings"].items():
            print(f"    {stage:<24} {seconds:9.2f}")
        print("    driver peak RSS after each stage (MB): "
              + ", ".join(f"{k} {v:,.0f}" for k, v in result["driver_peak_rss_mb"].items()))
        print(f"load after: {open('/proc/loadavg').read().split()[:3]}")


if __name__ == "__main__":
    main()
