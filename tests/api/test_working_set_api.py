"""The API with the linking lookups in memory (``DETECTOR_STORE_WORKING_SET``) answers as without.

The same requests, sent in the same order to a server that holds the working set and to one
that does not (each on a fresh store, SQLite or PostgreSQL), get the same responses: scores,
bands, reasons and linked profiles. The requests mix one-applicant sign-ups (the path that
reads the working set), lists (the frame path, whose writes the working set then reads back
from the store), rescores and second accounts that reuse earlier applicants' resumes, photos
and proposals; some are sent together so they are scored in one transaction.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from detector.synth import generate_population
from tests.store_support import auth, second_api


@pytest.fixture
def memory_api(store_url, tmp_path):
    """An app holding the working set, on a second empty store of the same kind."""
    with second_api(store_url, tmp_path, "memory", store_working_set=True) as client:
        assert client.app_state.batcher.memory is not None
        yield client


def _requests() -> list[object]:
    records, _ = generate_population(150, seed=4713)
    for record in records:
        record.pop("label", None)
    copies = [{**record, "applicant_id": f"{record['applicant_id']}-copy", "full_name": f"Second Account {n}"}
              for n, record in enumerate(records[:40:2])]
    bodies: list[object] = [*records[:60], records[60:70], *copies[:10], records[70:80], *records[80:120],
                            *records[3:9], *copies[10:], *records[120:]]
    return bodies


def _send(api, bodies: list[object]) -> list[dict]:
    """Each body in order; every fifth group of four is sent together (one transaction)."""
    out: list[dict] = []
    lock = api.app_state.engine.lock
    start = 0
    while start < len(bodies):
        if start % 20 == 0 and all(isinstance(b, dict) for b in bodies[start:start + 4]):
            group = bodies[start:start + 4]
            with ThreadPoolExecutor(len(group)) as pool:
                lock.acquire()  # the batcher waits for it: the requests queue behind it, in order
                try:
                    futures = []
                    for body in group:
                        futures.append(pool.submit(api.post, "/v1/score", json=body, headers=auth(api)))
                        threading.Event().wait(0.1)
                finally:
                    lock.release()
                responses = [f.result() for f in futures]
            assert all(r.status_code == 200 for r in responses), [r.text for r in responses]
            out += [r.json() for r in responses]
            start += 4
            continue
        response = api.post("/v1/score", json=bodies[start], headers=auth(api))
        assert response.status_code == 200, response.text
        out.append(response.json())
        start += 1
    return out


def test_responses_with_the_working_set_equal_those_without(api, memory_api):
    bodies = _requests()
    without = _send(api, bodies)
    with_memory = _send(memory_api, bodies)
    assert with_memory == without
    kinds = {link["link"] for response in without for result in response["results"]
             for link in result["linked_profiles"]}
    assert {"resume", "proposal", "photo"} <= kinds
