"""Benchmark the scoring API on a large store: single-applicant latency and concurrent throughput.

1. Builds (once) a SQLite store of ``--profiles`` synthetic profiles: ``detector.synth`` worlds
   of ``--chunk`` applicants (one seed each), linked within each world by batch linking, hashed
   and keyed by ``link_material`` and written by the store's bulk path (``bulk_load``). Worlds
   are generated in ``--workers`` processes while the main process writes.
2. Starts ``detector serve`` on it as a subprocess and POSTs fresh applicants (another seed)
   to ``/v1/score`` over loopback: ``--sequential`` requests one after another (latency p50,
   p99), then ``--requests`` with ``--concurrency`` async clients (throughput).

Targets on the 2-core machine: p99 < 50 ms, >= 200 scores/s. Other processes share the CPU:
the load average is printed with the numbers. The store's file is read once before the server
starts (``--cold`` skips it), so runs compare with the store in the page cache.

    python benchmarks/bench_api.py --profiles 1000000 --store /tmp/detector-bench-api/store.sqlite
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

HASH_KEY = "bench-api-hash-key-0123456789abcdef"


def _world(seed: int, size: int):
    """One synthetic world, validated, geolocated, linked and reduced to what the store keeps."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from detector.geo.geoip import GeoLookup
    from detector.io.read_input import load_population_from_records
    from detector.linking.population_links import build_links
    from detector.settings import Settings
    from detector.signals.session_geo import annotate_sessions
    from detector.store.material import link_material
    from detector.synth import generate_population

    settings = Settings.from_env(hash_key=HASH_KEY.encode()).with_defaults()
    records, _ = generate_population(size, seed=seed)
    for record in records:
        record["applicant_id"] = f"w{seed}-{record['applicant_id']}"
        record.pop("label", None)
    population = load_population_from_records(records).population
    with GeoLookup.from_settings(settings) as geo:
        sessions = annotate_sessions(population.sessions, geo)
    links = build_links(population.applicants.reset_index(drop=True), sessions, population.payouts,
                        population.proposals, settings)
    return link_material(population, sessions, settings), links.components, links.pairs


def build_store(path: Path, profiles: int, chunk: int, workers: int) -> dict:
    from sqlalchemy import text

    from detector.settings import Settings
    from detector.store.db import open_store
    from detector.store.schema import Base
    from detector.store.write import bulk_load

    store = open_store(Settings(store_url=str(path), hash_key=HASH_KEY.encode()))
    # Lookup indexes are built once at the end: sorting 50M keys beats 50M random inserts.
    deferred = [index for name in ("identifiers", "sessions", "text_keys", "photo_keys", "links")
                for index in Base.metadata.tables[name].indexes]
    with store.engine.begin() as connection:
        for index in deferred:
            index.drop(connection)
    t0 = time.perf_counter()
    with store.engine.connect() as connection:
        existing = connection.exec_driver_sql("SELECT count(*) FROM applicants WHERE applicant_id LIKE 'w%'").scalar_one()
    first = 100_000 + existing // chunk  # a grown store continues with the next worlds
    seeds = list(range(first, 100_000 + (profiles + chunk - 1) // chunk))
    loaded = existing
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for material, components, pairs in pool.map(_world, seeds, [chunk] * len(seeds)):
            with store.session() as session:
                session.execute(text("PRAGMA cache_size=-1000000"))
                bulk_load(session, material, components, pairs)
            loaded += len(material.applicants)
            print(f"  {loaded:>9,} profiles stored ({time.perf_counter() - t0:,.0f} s)", flush=True)
    t1 = time.perf_counter()
    with store.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA cache_size=-2000000")
        for index in deferred:
            index.create(connection)
    print(f"  indexes built ({time.perf_counter() - t1:,.0f} s)", flush=True)
    with store.engine.begin() as connection:  # committed: planner statistics for the lookups
        connection.exec_driver_sql("ANALYZE")
    store.dispose()
    return {"profiles": loaded, "build_seconds": round(time.perf_counter() - t0, 1),
            "store_bytes": path.stat().st_size}


def _code_root() -> str:
    """The folder holding the ``detector`` package this benchmark imported. ``python -m`` puts
    the working directory first on the path, so a server started from a checkout would run
    that checkout's code, not the one on ``PYTHONPATH`` (comparing two trees compared one)."""
    import detector

    return str(Path(detector.__file__).resolve().parents[1])


def _key(path: Path) -> str:
    from detector.settings import Settings
    from detector.store.accounts import create_api_key
    from detector.store.db import open_store

    store = open_store(Settings(store_url=str(path), hash_key=HASH_KEY.encode()))
    with store.session() as session:
        key = create_api_key(session, "benchmark", "score,read", actor="bench")
    store.dispose()
    return key


def _fresh_applicants(n: int, seed: int) -> list[dict]:
    from detector.synth import generate_population

    records, _ = generate_population(n, seed=seed)
    for record in records:
        record["applicant_id"] = f"new{seed}-{record['applicant_id']}"
        record.pop("label", None)
    return records


def _percentiles(ms: list[float]) -> dict:
    arr = np.asarray(ms)
    return {"n": len(ms), "p50_ms": round(float(np.percentile(arr, 50)), 1),
            "p90_ms": round(float(np.percentile(arr, 90)), 1),
            "p99_ms": round(float(np.percentile(arr, 99)), 1), "max_ms": round(float(arr.max()), 1)}


async def _concurrent(url: str, headers: dict, bodies: list[dict], concurrency: int) -> dict:
    import httpx

    queue: asyncio.Queue = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    errors = 0

    async def client() -> None:
        nonlocal errors
        async with httpx.AsyncClient(timeout=60) as http:
            while not queue.empty():
                body = queue.get_nowait()
                t = time.perf_counter()
                response = await http.post(url, json=body, headers=headers)
                latencies.append((time.perf_counter() - t) * 1000)
                errors += response.status_code != 200

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    wall = time.perf_counter() - t0
    return {"concurrency": concurrency, "requests": len(bodies), "errors": errors,
            "seconds": round(wall, 2), "scores_per_second": round(len(bodies) / wall, 1),
            **_percentiles(latencies)}


def _batch_totals(base: str, headers: dict) -> tuple[float, float] | None:
    """Requests and batches the server has scored so far (its micro-batch histogram), if it
    reports one; with several workers, only the worker that answers is counted."""
    import httpx

    text = httpx.get(f"{base}/metrics", headers=headers, timeout=30).text
    values = {line.split(" ")[0]: float(line.split(" ")[1]) for line in text.splitlines()
              if line.startswith("detector_score_batch_requests_") and " " in line}
    if "detector_score_batch_requests_sum" not in values:
        return None
    return values["detector_score_batch_requests_sum"], values["detector_score_batch_requests_count"]


def _thread_cpu_by_name(base: str, headers: dict) -> dict[str, float]:
    """CPU seconds by thread name of the worker that answers ``/metrics`` (all of it with one)."""
    import httpx

    text = httpx.get(f"{base}/metrics", headers=headers, timeout=30).text
    prefix = 'detector_thread_cpu_seconds_total{thread="'
    return {line[len(prefix):].split('"', 1)[0]: float(line.rsplit(" ", 1)[1])
            for line in text.splitlines() if line.startswith(prefix)}


def _server_cpu_seconds(pid: int) -> float:
    """User and system CPU of the server process and its worker processes so far."""
    import psutil

    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _server_rss_mb(pid: int) -> dict[int, float]:
    """Resident memory of each server process (the parent and its workers), in MB."""
    import psutil

    root = psutil.Process(pid)
    return {process.pid: round(process.memory_info().rss / 2**20)
            for process in [root, *root.children(recursive=True)]}


def _thread_cpu_seconds(pid: int) -> dict[tuple[int, int], float]:
    """CPU seconds so far of each thread of the server and its worker processes."""
    import psutil

    root = psutil.Process(pid)
    found = {}
    for process in [root, *root.children(recursive=True)]:
        try:
            found.update({(process.pid, t.id): t.user_time + t.system_time for t in process.threads()})
        except psutil.NoSuchProcess:
            continue
    return found


def measure(path: Path, port: int, sequential: int, requests: int, concurrency: list[int], seed: int,
            server_workers: int = 1) -> dict:
    import httpx

    key = _key(path)
    env = {**os.environ, "DETECTOR_HASH_KEY": HASH_KEY, "OMP_NUM_THREADS": "1"}
    log = path.with_name(f"serve-{port}.log").open("w+")
    server = subprocess.Popen([sys.executable, "-m", "detector.cli", "serve", "--store", str(path.resolve()),
                               "--port", str(port), "--workers", str(server_workers)], env=env,
                              stdout=subprocess.DEVNULL, stderr=log, cwd=_code_root())
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    try:
        for _ in range(600):  # every worker has loaded model, geolocation and store
            log.seek(0)
            if log.read().count("Application startup complete") >= server_workers:
                if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            log.seek(0)
            raise SystemExit("server did not start: " + log.read()[-2000:])
        startup = {"startup_seconds": round(time.perf_counter() - started, 1),
                   "startup_server_cpu_seconds": round(_server_cpu_seconds(server.pid), 1),
                   "server_rss_mb_at_start": _server_rss_mb(server.pid)}
        bodies = _fresh_applicants(sequential + requests * len(concurrency) + 20, seed)
        headers = {"Authorization": f"Bearer {key}"}
        latencies = []
        with httpx.Client(timeout=60) as http:
            for body in bodies[:20]:  # warm-up
                http.post(f"{base}/v1/score", json=body, headers=headers)
            for body in bodies[20:20 + sequential]:
                t = time.perf_counter()
                response = http.post(f"{base}/v1/score", json=body, headers=headers)
                latencies.append((time.perf_counter() - t) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"score failed: {response.status_code} {response.text[:500]}")
        result = {**startup, "sequential": _percentiles(latencies)}
        rest = bodies[20 + sequential:]
        result["concurrent"] = []
        for i, clients in enumerate(concurrency):
            cpu = _server_cpu_seconds(server.pid)
            threads = _thread_cpu_seconds(server.pid)
            batches = _batch_totals(base, headers)
            by_name = _thread_cpu_by_name(base, headers) if server_workers == 1 else {}
            client_cpu = time.process_time()
            run = asyncio.run(_concurrent(f"{base}/v1/score", headers, rest[i * requests:(i + 1) * requests], clients))
            # the clients run in this process, on the same cores as the server
            run["client_cpu_ms_per_score"] = round((time.process_time() - client_cpu) * 1000 / requests, 1)
            # CPU the server processes spent per score: what the shared machine cannot distort
            run["server_cpu_ms_per_score"] = round((_server_cpu_seconds(server.pid) - cpu) * 1000 / requests, 1)
            # the busiest thread of each process is its scoring thread (micro-batcher); the
            # rest is the event loop (HTTP, JSON, validation), the key checks and checkpoints
            spent = sorted(((seconds - threads.get(key, 0.0), key[0]) for key, seconds
                            in _thread_cpu_seconds(server.pid).items()), reverse=True)
            busiest = {}
            for seconds, process in spent:
                busiest.setdefault(process, seconds)
            run["scoring_thread_cpu_ms_per_score"] = round(sum(busiest.values()) * 1000 / requests, 1)
            if server_workers == 1:  # where the CPU went, by thread (several workers answer in turn)
                run["thread_cpu_ms_per_score"] = {
                    name: round((seconds - by_name.get(name, 0.0)) * 1000 / requests, 2)
                    for name, seconds in _thread_cpu_by_name(base, headers).items()
                    if seconds > by_name.get(name, 0.0)}
            after = _batch_totals(base, headers)
            if batches is not None and after is not None and after[1] > batches[1]:
                run["mean_requests_per_batch"] = round((after[0] - batches[0]) / (after[1] - batches[1]), 1)
            result["concurrent"].append(run)
        result["server_rss_mb_at_end"] = _server_rss_mb(server.pid)
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def warm_page_cache(store: Path) -> float:
    """Read the store's files once so that the run measures a server whose store sits in the
    page cache, as it does after running a while; with part of it on disk, runs compare the
    disk's state more than the code (docs/API.md, 2026-11-28 late)."""
    start = time.perf_counter()
    for path in (store, store.with_name(store.name + "-wal")):
        if path.exists():
            with open(path, "rb", buffering=0) as handle:
                while handle.read(16 << 20):
                    pass
    return round(time.perf_counter() - start, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", type=Path, default=Path("/tmp/detector-bench-api/store.sqlite"))
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--grow", action="store_true", help="Add worlds to an existing store up to --profiles.")
    parser.add_argument("--sequential", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", default="8,32", help="Comma-separated client counts.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=777)
    parser.add_argument("--batch-max", type=int, default=None,
                        help="DETECTOR_SCORE_BATCH_MAX of the server (micro-batch size; 1 = off).")
    parser.add_argument("--batch-wait-ms", type=float, default=None,
                        help="DETECTOR_SCORE_BATCH_WAIT_MS of the server.")
    parser.add_argument("--server-workers", type=int, default=1,
                        help="Server processes (detector serve --workers).")
    parser.add_argument("--working-set", action="store_true",
                        help="DETECTOR_STORE_WORKING_SET=1: each server process holds the linking lookups' rows in memory.")
    parser.add_argument("--cold", action="store_true",
                        help="Do not read the store file into the page cache first (see warm_page_cache).")
    args = parser.parse_args()
    args.store.parent.mkdir(parents=True, exist_ok=True)
    for name, value in (("DETECTOR_SCORE_BATCH_MAX", args.batch_max), ("DETECTOR_SCORE_BATCH_WAIT_MS", args.batch_wait_ms),
                        ("DETECTOR_STORE_WORKING_SET", "1" if args.working_set else None)):
        if value is not None:  # the server subprocess inherits the environment
            os.environ[name] = str(value)
    report: dict = {"store": str(args.store)}
    if not args.store.exists() or args.grow:
        print(f"building a store of {args.profiles:,} profiles at {args.store}", flush=True)
        report["build"] = build_store(args.store, args.profiles, args.chunk, args.workers)
        print(json.dumps(report["build"]), flush=True)
    if args.build_only:
        return
    if not args.cold:
        report["page_cache_warm_seconds"] = warm_page_cache(args.store)
    report["load_before"] = os.getloadavg()
    report.update(measure(args.store, args.port, args.sequential, args.requests,
                          [int(c) for c in args.concurrency.split(",")], args.seed, args.server_workers))
    report["server_workers"] = args.server_workers
    report["batch_max"], report["batch_wait_ms"] = args.batch_max, args.batch_wait_ms
    report["working_set"] = args.working_set
    report["load_after"] = os.getloadavg()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
