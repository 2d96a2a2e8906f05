"""`detector serve` as the README runs it: a real server process on the embedded store."""

import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.store_support import EXAMPLE, TEST_HASH_KEY


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(base: str, server: subprocess.Popen) -> None:
    """Up to two minutes for ``/health``: workers load the model and geodata first."""
    for _ in range(240):
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    pytest.fail("server did not start: " + server.stderr.read().decode()[-2000:])


@pytest.mark.slow
def test_serve_starts_on_the_embedded_store_and_scores(tmp_path):
    env = {**os.environ, "DETECTOR_HASH_KEY": TEST_HASH_KEY.decode(), "OMP_NUM_THREADS": "1"}
    cli = [sys.executable, "-m", "detector.cli"]
    subprocess.run([*cli, "store", "import", str(EXAMPLE)], cwd=tmp_path, env=env, check=True,
                   capture_output=True)
    key = subprocess.run([*cli, "store", "create-key", "--scopes", "score,read"], cwd=tmp_path, env=env,
                         check=True, capture_output=True, text=True).stdout.strip()
    assert (tmp_path / "detector-store.sqlite").exists()
    port = _free_port()
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, server)
        record = json.loads(EXAMPLE.read_text().splitlines()[0])
        record["applicant_id"] = "new-signup"
        record["full_name"] = "Someone Else"
        headers = {"Authorization": f"Bearer {key}"}
        response = httpx.post(f"{base}/v1/score", json=record, headers=headers, timeout=60)
        assert response.status_code == 200
        (result,) = response.json()["results"]
        # the same resume and devices as an imported profile, under another id and another name
        assert result["applicant_id"] == "new-signup"
        assert {p["link"] for p in result["linked_profiles"]} >= {"device"}
        queue = httpx.get(f"{base}/v1/applicants/new-signup", headers=headers, timeout=30).json()
        assert queue["score"]["score"] == result["score"]
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_serve_with_two_worker_processes_scores_concurrent_linked_signups(tmp_path):
    """Two server processes on one SQLite store: concurrent requests all succeed, and a sign-up
    scored by either process links to the profile the other one just stored."""
    from concurrent.futures import ThreadPoolExecutor

    env = {**os.environ, "DETECTOR_HASH_KEY": TEST_HASH_KEY.decode(), "OMP_NUM_THREADS": "1"}
    cli = [sys.executable, "-m", "detector.cli"]
    subprocess.run([*cli, "store", "init"], cwd=tmp_path, env=env, check=True, capture_output=True)
    key = subprocess.run([*cli, "store", "create-key", "--scopes", "score,read"], cwd=tmp_path, env=env,
                         check=True, capture_output=True, text=True).stdout.strip()
    port = _free_port()
    server = subprocess.Popen([*cli, "serve", "--port", str(port), "--workers", "2"], cwd=tmp_path,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, server)
        template = json.loads(EXAMPLE.read_text().splitlines()[0])
        # one device and one resume under twelve names: a cell's personas
        records = [{**template, "applicant_id": f"copy-{i}", "full_name": f"Persona {'abcdefghijkl'[i]}"}
                   for i in range(12)]
        headers = {"Authorization": f"Bearer {key}"}

        def post(record: dict) -> httpx.Response:
            return httpx.post(f"{base}/v1/score", json=record, headers=headers, timeout=120)

        with ThreadPoolExecutor(6) as pool:
            responses = list(pool.map(post, records))
        assert [r.status_code for r in responses] == [200] * len(records)
        linked = [len({p["applicant_id"] for p in r.json()["results"][0]["linked_profiles"]}) for r in responses]
        # each copy links to every copy stored before it, whichever process stored that one
        assert sorted(linked) == list(range(len(records)))
        last = httpx.get(f"{base}/v1/applicants/copy-0/links", headers=headers, timeout=30).json()
        assert last["component_size"] == len(records)
    finally:
        server.terminate()
        server.wait(timeout=30)
