"""A server process leaves its startup objects out of garbage collection, and still scores.

``detector serve`` (one process, or each worker of ``--workers N``) freezes what it loaded at
startup (model, geolocation, modules) so the collector's full passes stop walking it on every
few scores. Run in a subprocess: freezing is for the server's process, not the test runner's.
"""

import json
import os
import subprocess
import sys

from tests.store_support import EXAMPLE, TEST_HASH_KEY

_WORKER = """
import gc, json, sys
from fastapi.testclient import TestClient
from detector.api.app import app_from_environment
from detector.settings import Settings
from detector.store.accounts import create_api_key
from detector.store.db import open_store

before = gc.get_freeze_count()
app = app_from_environment()
frozen = gc.get_freeze_count()
store = open_store(Settings.from_env())
with store.session() as session:
    key = create_api_key(session, "t", "score", actor="test")
store.dispose()
with TestClient(app) as client:
    record = json.loads(open(sys.argv[1]).readline())
    answer = client.post("/v1/score", json=record, headers={"Authorization": f"Bearer {key}"})
print(json.dumps({"before": before, "frozen": frozen, "status": answer.status_code,
                  "band": answer.json()["results"][0]["band"]}))
"""


def test_a_worker_freezes_its_startup_objects_and_scores(tmp_path):
    env = {**os.environ, "DETECTOR_HASH_KEY": TEST_HASH_KEY.decode(), "OMP_NUM_THREADS": "1",
           "DETECTOR_STORE_URL": str(tmp_path / "store.sqlite")}
    done = subprocess.run([sys.executable, "-c", _WORKER, str(EXAMPLE)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["before"] == 0
    assert found["frozen"] > 50_000  # the loaded app, model and modules, not a handful
    assert found["status"] == 200 and found["band"] in {"low", "review", "high"}
