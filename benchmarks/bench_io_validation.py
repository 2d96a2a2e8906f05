"""Time reading and validating a large input (default 100k applicants, ~2M sessions).

    .venv/bin/python benchmarks/bench_io_validation.py [n_applicants] [sessions_per_applicant]

Builds a synthetic nested population with ~1% bad values, writes it as JSON Lines and as a
Parquet folder, and prints the time of each step: parse/flatten, validate, and full loads.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from detector.io import load_population
from detector.io.read_input import _flatten_nested, _read_jsonl, paused_gc
from detector.io.validate import validate_raw
from detector.io.write_population import write_population


def synthetic_records(n: int, per: int, seed: int = 0) -> tuple[list[dict], int]:
    rng = np.random.default_rng(seed)
    countries = np.array(["US", "GB", "DE", "UA", "PL", "IN", "VN", "CN", "us", "USA"])
    zones = np.array(["America/Chicago", "Europe/London", "Asia/Shanghai", "Asia/Pyongyang", "bad/zone"])
    start = np.datetime64("2026-01-01T00:00:00", "s")
    created = start + rng.integers(0, 30_000_000, n).astype("timedelta64[s]")
    records: list[dict] = []
    session_count = 0
    for i in range(n):
        k = int(rng.poisson(per))
        offsets = rng.integers(0, 30_000_000, k)
        stamps = np.datetime_as_string(start + offsets.astype("timedelta64[s]"), unit="s") + "Z"
        octets = rng.integers(1, 255, (k, 4))
        sessions = [
            {
                "started_at": str(stamps[j]),
                "ip": f"{octets[j, 0]}.{octets[j, 1]}.{octets[j, 2]}.{octets[j, 3]}",
                "device_id": f"dev-{rng.integers(0, 50_000)}",
                "browser_timezone": str(zones[rng.integers(0, 4)]),
                "remote_access": bool(rng.random() < 0.1),
                "duration_s": int(rng.integers(60, 20_000)),
            }
            for j in range(k)
        ]
        if k and rng.random() < 0.01:
            sessions[0]["ip"] = "300.1.2.3"
        if k and rng.random() < 0.01:
            sessions[-1]["ip"] = f"2001:db8::{i % 65535:x}"
        session_count += k
        records.append(
            {
                "applicant_id": f"a-{i:07d}",
                "created_at": str(np.datetime_as_string(created[i], unit="s")) + "Z",
                "full_name": f"Person {i}",
                "email": f"p{i}@example.com",
                "phone": "+1 312 555 0147",
                "claimed_country": str(countries[rng.integers(0, len(countries))]),
                "resume_text": "Senior full-stack engineer " * 5,
                "photo_phash": f"{rng.integers(0, 2**63):016x}",
                "hourly_rate_usd": float(rng.integers(10, 100)),
                "label": int(rng.random() < 0.05),
                "sessions": sessions,
                "payouts": [{"method": "bank", "account_ref": f"acct-{i}", "account_country": "US"}],
            }
        )
    return records, session_count


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    t = time.perf_counter()
    records, session_count = synthetic_records(n, per)
    print(f"generated {n} applicants, {session_count} sessions in {time.perf_counter() - t:.1f}s")

    t = time.perf_counter()
    with paused_gc():
        raw = _flatten_nested(enumerate(records, start=1))
    t_flatten = time.perf_counter() - t
    t = time.perf_counter()
    result = validate_raw(raw)
    t_validate = time.perf_counter() - t
    print(f"records: flatten {t_flatten:.2f}s, validate {t_validate:.2f}s "
          f"({len(result.population)} accepted, {len(result.rejects)} reject rows)")

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "population.jsonl"
        folder = Path(tmp) / "tables"
        csv_folder = Path(tmp) / "csv"
        write_population(result.population, jsonl)
        write_population(result.population, folder, table_format="parquet")
        write_population(result.population, csv_folder, table_format="csv")
        t = time.perf_counter()
        with paused_gc():
            items = _read_jsonl(jsonl)
        t_parse = time.perf_counter() - t
        t = time.perf_counter()
        load_population(jsonl)
        t_jsonl = time.perf_counter() - t
        t = time.perf_counter()
        load_population(folder)
        t_parquet = time.perf_counter() - t
        print(f"jsonl: json parse {t_parse:.2f}s of full load {t_jsonl:.2f}s ({len(items)} lines)")
        t = time.perf_counter()
        load_population(csv_folder)
        t_csv = time.perf_counter() - t
        print(f"parquet folder: full load {t_parquet:.2f}s; csv folder: full load {t_csv:.2f}s")


if __name__ == "__main__":
    main()
