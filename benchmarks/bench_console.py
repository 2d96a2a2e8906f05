"""Benchmark the analyst console's pages on a scored store: server time per page.

Builds (once) a SQLite store of ``--profiles`` synthetic applicants scored by
``detector store import`` (batch scoring into an empty store), signs in a user, then renders
pages in process (FastAPI TestClient, so the numbers are the server's time without network):
the default queue, the queue filtered by a reason code, a deep queue page, and the applicant
page of the highest-scored profiles (chart, network, resume diff). Prints p50/p95 per page
and the load average (other processes share the CPU).

    python benchmarks/bench_console.py --profiles 10000 --store /tmp/detector-bench/console.sqlite
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from pathlib import Path

HASH_KEY = b"bench-console-hash-key-0123456789abcdef"
PASSWORD = "benchmark password"


def build_store(path: Path, profiles: int) -> float:
    from detector.io.read_input import load_population_from_records
    from detector.settings import Settings
    from detector.store import accounts
    from detector.store.db import open_store
    from detector.store.scoring import ScoringEngine, import_population
    from detector.synth import generate_population

    started = time.perf_counter()
    records, _ = generate_population(profiles, seed=2027)
    population = load_population_from_records(records).population
    engine = ScoringEngine.open(Settings.from_env(store_url=f"sqlite:///{path}", hash_key=HASH_KEY))
    store = open_store(engine.settings)
    try:
        import_population(store, population, engine)
        with store.session() as session:
            accounts.create_user(session, "bench", PASSWORD, "lead")
    finally:
        store.dispose()
        engine.close()
    return time.perf_counter() - started


def timed(client, path: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/detector-bench/console.sqlite"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from fastapi.testclient import TestClient

    from detector.api.app import create_app
    from detector.settings import Settings

    args.store.parent.mkdir(parents=True, exist_ok=True)
    if not args.store.exists():
        print(f"building a store of {args.profiles} scored profiles ...")
        print(f"  built in {build_store(args.store, args.profiles):.0f} s")
    app = create_app(Settings.from_env(store_url=f"sqlite:///{args.store}", hash_key=HASH_KEY))
    with TestClient(app) as client:
        form = client.get("/console/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        client.post("/console/login", data={"username": "bench", "password": PASSWORD, "csrf_token": token})
        queue = client.get("/console/queue?band=all&status=").text
        total = int(re.search(r'id="total">(\d+)<', queue).group(1))
        ids = re.findall(r'class="applicant-link" href="/console/applicants/([^"]+)"', queue)
        pages = {
            "queue (review+high)": "/console/queue",
            "queue reason=RESUME_REUSED, all bands": "/console/queue?band=all&status=&reason=RESUME_REUSED",
            f"queue all bands, page {max(1, total // 25 // 2)}": f"/console/queue?band=all&status=&page={max(1, total // 25 // 2)}",
        }
        print(f"store: {total} scored profiles; load average {os.getloadavg()}")
        for name, path in pages.items():
            times = timed(client, path, args.repeat)
            print(f"{name:45s} p50 {statistics.median(times):7.1f} ms  p95 {sorted(times)[int(0.95 * len(times)) - 1]:7.1f} ms")
        applicant_times = [t for aid in ids[:args.repeat] for t in timed(client, f"/console/applicants/{aid}", 1)]
        print(f"{'applicant page (top ' + str(len(ids[:args.repeat])) + ' profiles)':45s} "
              f"p50 {statistics.median(applicant_times):7.1f} ms  p95 {sorted(applicant_times)[int(0.95 * len(applicant_times)) - 1]:7.1f} ms")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
