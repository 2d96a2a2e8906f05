"""What the in-memory working set (``detector.store.working_set``) saves per score, in process.

Loads the working set from the store (time, CPU, resident memory), then scores fresh synthetic
applicants in batches through the API's path (``score_many_with_store``) twice each, once with
the SQL lookups and once with the working set, in alternating order, every transaction rolled
back; prints the thread CPU per applicant of the lookups (``link_applicant``) and of the whole
store transaction for both, and checks that both gave the same scores, bands, reasons, links,
features and member refreshes.

    OMP_NUM_THREADS=1 python benchmarks/measure_working_set.py --store /tmp/a3i/store.sqlite \\
        --seed 5101 --applicants 480 --warm 64 --batch 16
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import time
from collections import defaultdict

import numpy as np

HASH_KEY = "bench-api-hash-key-0123456789abcdef"


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _outcome(results) -> str:
    """Everything a score produced, as text (NaN-safe) for an exact comparison."""
    out = []
    for scored in results:
        row = scored.scores.iloc[0]
        links = scored.links[0]
        out.append({"score": float(row["score"]), "band": row["band"], "reasons": row["reasons"],
                    "features": {k: repr(v) for k, v in links.features.items()},
                    "pairs": links.pairs, "merge": sorted(links.merge_components),
                    "members": sorted(links.member_ids),
                    "updates": [(u.pk, repr(sorted(u.features.items())), repr(u.rules_risk))
                                for u in links.member_updates]})
    return json.dumps(out, default=repr, sort_keys=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--seed", type=int, default=5101)
    parser.add_argument("--applicants", type=int, default=480)
    parser.add_argument("--warm", type=int, default=64)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--hash-key", default=HASH_KEY)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from sqlalchemy.orm import sessionmaker

    import detector.store.many_scoring as many
    from detector.io.fast_records import clean_records
    from detector.settings import Settings
    from detector.store.db import Store, make_engine, store_url
    from detector.store.one_scoring import prepare_one
    from detector.store.scoring import ScoringEngine
    from detector.store.working_set import WorkingSet
    from detector.synth import generate_population

    engine = ScoringEngine.open(Settings(store_url=args.store, hash_key=args.hash_key.encode()))
    database = make_engine(store_url(engine.settings))
    store = Store(engine=database, settings=engine.settings, sessions=sessionmaker(database, expire_on_commit=False))

    rss0, cpu0, t0 = _rss_mb(), time.process_time(), time.perf_counter()
    raw = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    memory = WorkingSet.load(raw)
    raw.close()
    print(f"working set loaded in {time.perf_counter() - t0:.1f} s wall, {time.process_time() - cpu0:.1f} s CPU; "
          f"arrays {memory.nbytes() / 2**20:.0f} MB, resident memory +{_rss_mb() - rss0:.0f} MB "
          f"(now {_rss_mb():.0f} MB); load {os.getloadavg()[0]:.1f}", flush=True)

    records, _ = generate_population(args.applicants + args.warm, seed=args.seed)
    for record in records:
        record["applicant_id"] = f"ws{args.seed}-{record['applicant_id']}"
        record.pop("label", None)
    prepared = [prepare_one(clean_records([record])[0], engine) for record in records]

    linking = [0.0]
    real_link = many.link_applicant

    def timed_link(*a, **k):
        c = time.thread_time()
        try:
            return real_link(*a, **k)
        finally:
            linking[0] += time.thread_time() - c

    many.link_applicant = timed_link
    cpu: dict[str, list[float]] = defaultdict(list)
    differ = 0

    def run(batch, use_memory: bool) -> str:
        linking[0] = 0.0
        with store.sessions() as session:
            session.begin()
            c = time.thread_time()
            results = many.score_many_with_store(session, batch, engine, memory=memory if use_memory else None)
            spent = time.thread_time() - c
            session.rollback()
        if use_memory:
            memory.rollback()
        mode = "memory" if use_memory else "sql"
        cpu[f"{mode} transaction"].append(spent / len(batch))
        cpu[f"{mode} link_applicant"].append(linking[0] / len(batch))
        return _outcome(results)

    for n, start in enumerate(range(0, len(prepared), args.batch)):
        batch = prepared[start:start + args.batch]
        order = (False, True) if n % 2 == 0 else (True, False)
        outcomes = {mode: run(batch, mode) for mode in order}
        differ += outcomes[False] != outcomes[True]
        if start + args.batch == args.warm:
            cpu.clear()

    print(f"{args.applicants} applicants after {args.warm} warm-up, batches of {args.batch}, "
          f"load {os.getloadavg()[0]:.1f}; batches whose results differ: {differ}")
    for stage, values in sorted(cpu.items()):
        print(f"  cpu {stage:28s} mean {1000 * np.mean(values):6.2f} ms per applicant")
    store.dispose()
    engine.close()


if __name__ == "__main__":
    main()
