"""CPU of scoring one applicant against a store, in process (no HTTP), by stage.

Scores ``--applicants`` fresh synthetic applicants one at a time with the API's fast path
(``prepare_one`` then ``score_one_with_store``) after ``--warm`` warm-up ones. Each store
transaction is rolled back, so the store is left as it was and runs of different code (e.g.
an older checkout on ``PYTHONPATH``) compare on the same data. Thread CPU time is what other
processes on a shared machine distort least; wall-clock percentiles are printed too.

    python benchmarks/bench_store_scoring.py --store /tmp/api1m-3d/store.sqlite --seed 951 \\
        --applicants 700 --warm 300

The store is opened without migrating it (older code runs on a newer schema); the hash key
must be the one the store was built with (``bench_api.py``'s by default).
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from collections import defaultdict

import numpy as np

HASH_KEY = "bench-api-hash-key-0123456789abcdef"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--seed", type=int, default=951)
    parser.add_argument("--applicants", type=int, default=700)
    parser.add_argument("--warm", type=int, default=300)
    parser.add_argument("--hash-key", default=HASH_KEY)
    parser.add_argument("--batch", type=int, default=1,
                        help="applicants per transaction, as the API's micro-batcher coalesces them "
                             "(above 1 needs detector.store.many_scoring)")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from sqlalchemy import event
    from sqlalchemy.orm import sessionmaker

    from detector.io.fast_records import clean_records
    from detector.scoring.warm_up import warm_up
    from detector.settings import Settings
    from detector.store.db import Store, make_engine, store_url
    from detector.store.one_scoring import prepare_one, score_one_with_store
    from detector.store.scoring import ScoringEngine
    from detector.synth import generate_population

    engine = ScoringEngine.open(Settings(store_url=args.store, hash_key=args.hash_key.encode()))
    warm_up()  # as `detector serve` does before its first request (detector.api.app.prepare_process)
    gc.collect()
    gc.freeze()
    database = make_engine(store_url(engine.settings))
    statements = [0]
    event.listen(database, "before_cursor_execute", lambda *_, **__: statements.__setitem__(0, statements[0] + 1))
    store = Store(engine=database, settings=engine.settings,
                  sessions=sessionmaker(database, expire_on_commit=False))
    records, _ = generate_population(args.applicants + args.warm, seed=args.seed)
    for record in records:
        record["applicant_id"] = f"inproc{args.seed}-{record['applicant_id']}"
        record.pop("label", None)

    cpu: dict[str, list[float]] = defaultdict(list)
    wall: dict[str, list[float]] = defaultdict(list)

    def score(record: dict) -> None:
        c0, t0 = time.thread_time(), time.perf_counter()
        prepared = prepare_one(clean_records([record])[0], engine)
        c1 = time.thread_time()
        with store.sessions() as session:
            session.begin()
            result = score_one_with_store(session, prepared, engine)
            c2 = time.thread_time()
            session.rollback()
        cpu["validate, signals, hashes"].append(c1 - c0)
        cpu["store transaction"].append(c2 - c1)
        cpu["total"].append(c2 - c0)
        for stage, seconds in result.timings.items():
            wall[stage].append(seconds)
        wall["total"].append(time.perf_counter() - t0)

    def score_batch(batch: list[dict]) -> None:
        from detector.store.many_scoring import score_many_with_store

        c0, t0 = time.thread_time(), time.perf_counter()
        prepared = [prepare_one(clean_records([record])[0], engine) for record in batch]
        c1 = time.thread_time()
        with store.sessions() as session:
            session.begin()
            score_many_with_store(session, prepared, engine)
            c2 = time.thread_time()
            session.rollback()
        n = len(batch)
        cpu["validate, signals, hashes"].append((c1 - c0) / n)
        cpu["store transaction"].append((c2 - c1) / n)
        cpu["total"].append((c2 - c0) / n)
        wall["batch"].append(time.perf_counter() - t0)

    def run(part: list[dict]) -> None:
        if args.batch == 1:
            for record in part:
                score(record)
        else:
            for start in range(0, len(part), args.batch):
                score_batch(part[start:start + args.batch])

    run(records[:args.warm])
    cpu.clear()
    wall.clear()
    statements[0] = 0
    run(records[args.warm:])

    load = os.getloadavg()
    print(f"{args.applicants} applicants in batches of {args.batch}, load {load[0]:.1f}, "
          f"{statements[0] / args.applicants:.1f} SQLAlchemy statements per applicant "
          "(the lookups and key inserts on the driver's cursor, detector.store.driver_sql, not counted)")
    for stage, values in cpu.items():
        print(f"  cpu  {stage:26s} mean {1000 * np.mean(values):6.2f} ms")
    for stage, values in wall.items():
        ms = 1000 * np.asarray(values)
        print(f"  wall {stage:26s} p50 {np.percentile(ms, 50):6.2f}  p90 {np.percentile(ms, 90):6.2f}  "
              f"p99 {np.percentile(ms, 99):6.2f} ms")
    store.dispose()
    engine.close()


if __name__ == "__main__":
    main()
