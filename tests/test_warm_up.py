"""A server process warmed at startup builds no zone table and loads no phone metadata for
its first sign-ups; a cold one does (``detector.scoring.warm_up``, called by ``detector serve``).

Each case runs in a fresh interpreter: the caches are per process, and the test runner's own
are already filled by other tests.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parents[1] / "examples" / "applicants.jsonl"

_PROCESS = """
import json, sys
from datetime import UTC, datetime
from phonenumbers.phonemetadata import PhoneMetadata
from detector.io.fast_records import clean_records
from detector.settings import Settings
from detector.signals import zone_offsets
from detector.store.one_scoring import prepare_one
from detector.store.scoring import ScoringEngine

records = [json.loads(line) for line in open(sys.argv[1])][:150]
oldest = min(int(s["started_at"][:4]) for r in records for s in r.get("sessions") or [])
engine = ScoringEngine.open(Settings(store_url=sys.argv[3], hash_key=b"warm-up-test-key-0123456789"))
if sys.argv[2] == "warm":
    from detector.scoring.warm_up import warm_up
    done = warm_up(years_back=datetime.now(UTC).year - oldest)
tables = zone_offsets._year_table.cache_info().misses
regions = len(PhoneMetadata._region_metadata)
for record in records:
    prepare_one(clean_records([record])[0], engine)
print(json.dumps({"tables": zone_offsets._year_table.cache_info().misses - tables,
                  "regions": len(PhoneMetadata._region_metadata) - regions}))
"""


def _first_sign_ups(tmp_path) -> dict[str, dict]:
    """What a cold and a warmed process built for the same first sign-ups (run side by side)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    running = {mode: subprocess.Popen([sys.executable, "-c", _PROCESS, str(EXAMPLE), mode,
                                       str(tmp_path / f"{mode}.sqlite")],
                                      env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for mode in ("cold", "warm")}
    found = {}
    for mode, process in running.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-2000:]
        found[mode] = json.loads(out.strip().splitlines()[-1])
    return found


def test_a_warmed_process_builds_nothing_for_its_first_sign_ups(tmp_path):
    found = _first_sign_ups(tmp_path)
    assert found["cold"]["tables"] > 50 and found["cold"]["regions"] > 5, found  # what the first requests paid
    assert found["warm"] == {"tables": 0, "regions": 0}, found
