"""Concurrent scoring requests coalesced into one store transaction (``detector/api/batcher.py``).

The requests are made to queue behind a scoring transaction held open by the test (it holds
the engine's scoring lock), so the batcher takes them together; what a user sees is then
checked: each caller gets its own applicant's result, equal to what the same requests sent one
after another in the order the batch scored them give; a bad request gets its own error and the others their scores;
every applicant is stored once.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select, text

from detector.settings import Settings
from tests.store_support import EXAMPLE, auth, second_api

SHARED_ACCOUNT = {"method": "bank", "account_ref": "GB29 NWBK 6016 1331 9268 19"}


def _batch_records() -> list[dict]:
    """14 example applicants; four of them share one payout account, so later ones in the
    batch link to earlier ones (the order inside the batch matters, and the earlier holders'
    stored network risks are refreshed by the later ones)."""
    records = [json.loads(line) for line in EXAMPLE.read_text().splitlines()[:14]]
    for i in (1, 3, 7, 11):
        records[i]["payouts"] = [SHARED_ACCOUNT]
    return records


@pytest.fixture
def other_api(store_url, tmp_path):
    """A second app on a second empty store of the same kind (for the list-scored reference)."""
    with second_api(store_url, tmp_path, "reference") as client:
        yield client


def _post_together(api, bodies: list) -> tuple[list, list[int]]:
    """POST every body from its own thread while the scoring lock is held, release it once all
    are queued; the responses (in body order) and the request count of each batch."""
    batcher = api.app_state.batcher
    sizes: list[int] = []
    observe = batcher.on_batch
    batcher.on_batch = lambda n: (sizes.append(n), observe and observe(n))
    lock = api.app_state.engine.lock
    lock.acquire()
    try:
        with ThreadPoolExecutor(len(bodies)) as pool:
            futures = [pool.submit(api.post, "/v1/score", json=body, headers=auth(api)) for body in bodies]
            deadline = time.monotonic() + 60
            while sum(sizes) + batcher._queue.qsize() < len(bodies):  # every request is queued
                assert time.monotonic() < deadline, "the requests never reached the batcher"
                time.sleep(0.01)
            lock.release()
            responses = [f.result() for f in futures]
    finally:
        if lock.locked():
            lock.release()
        batcher.on_batch = observe
    return responses, sizes


def _scored_order(api) -> list[str]:
    with api.app_state.store.session() as session:
        return list(session.scalars(text("SELECT applicant_id FROM applicants ORDER BY pk")))


def test_concurrent_requests_each_get_their_own_result_equal_to_the_requests_one_after_another(api, other_api):
    records = _batch_records()
    responses, sizes = _post_together(api, records)
    assert len(sizes) <= 2 and max(sizes) >= len(records) // 2  # queued behind the held lock: one batch
    assert all(r.status_code == 200 for r in responses), [r.text[:300] for r in responses]
    results = [r.json()["results"] for r in responses]
    assert [[x["applicant_id"] for x in res] for res in results] == [[r["applicant_id"]] for r in records]

    # the reference: the same requests one after another, in the order the batch scored them
    order = _scored_order(api)
    by_id = {r["applicant_id"]: r for r in records}
    expected = {}
    for applicant_id in order:
        (expected[applicant_id],) = other_api.post("/v1/score", json=by_id[applicant_id],
                                                   headers=auth(other_api)).json()["results"]
    for (result,) in results:
        assert result == expected[result["applicant_id"]]
    linked_inside = [r for (r,) in results if any(p["applicant_id"] in by_id for p in r["linked_profiles"])]
    assert len(linked_inside) == 3  # the three later holders of the shared account saw the earlier ones
    assert max(r["component_size"] for (r,) in results) == 4


def test_an_invalid_applicant_fails_only_its_own_request(api):
    records = _batch_records()[:6]
    records[2] = {**records[2], "claimed_country": "Narnia"}
    responses, sizes = _post_together(api, records)
    assert len(sizes) <= 2 and max(sizes) >= len(records) // 2
    codes = [r.status_code for r in responses]
    assert codes == [200, 200, 422, 200, 200, 200]
    error = responses[2].json()["error"]
    assert error["code"] == "invalid_input"
    assert any(p["field"] == "claimed_country" for p in error["problems"])
    bad_id = records[2]["applicant_id"]
    assert api.get(f"/v1/applicants/{bad_id}", headers=auth(api)).status_code == 404
    assert sorted(_scored_order(api)) == sorted(r["applicant_id"] for i, r in enumerate(records) if i != 2)


def _refuse_one_applicant(api, applicant_id: str) -> None:
    """A store that refuses to insert one applicant (a trigger), as a constraint or a full disk
    would: the error comes from the database, inside the batch's transaction."""
    with api.app_state.store.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(text(f"""CREATE TRIGGER refuse BEFORE INSERT ON applicants
                WHEN NEW.applicant_id = '{applicant_id}' BEGIN SELECT RAISE(ABORT, 'refused'); END"""))
        else:
            connection.execute(text(f"""CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN
                IF NEW.applicant_id = '{applicant_id}' THEN RAISE EXCEPTION 'refused'; END IF;
                RETURN NEW; END $$ LANGUAGE plpgsql"""))
            connection.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON applicants "
                                    "FOR EACH ROW EXECUTE FUNCTION refuse()"))


def test_a_store_error_fails_only_the_request_that_caused_it_and_each_applicant_is_stored_once(api):
    records = _batch_records()[:8]
    refused = records[5]["applicant_id"]
    _refuse_one_applicant(api, refused)
    responses, sizes = _post_together(api, records)
    assert len(sizes) <= 2 and max(sizes) >= len(records) // 2
    assert [r.status_code for r in responses] == [200] * 5 + [500] + [200] * 2
    body = responses[5].json()
    assert body["error"]["code"] == "internal" and "refused" not in responses[5].text
    with api.app_state.store.session() as session:
        stored = dict(session.execute(text("SELECT applicant_id, count(*) FROM applicants GROUP BY applicant_id")).all())
        scores = dict(session.execute(text("SELECT a.applicant_id, count(*) FROM scores s JOIN applicants a "
                                           "ON a.pk = s.applicant_pk GROUP BY a.applicant_id")).all())
        audited = dict(session.execute(text("SELECT applicant_id, count(*) FROM audit_log WHERE action = 'score' "
                                            "GROUP BY applicant_id")).all())
    expected = {r["applicant_id"]: 1 for r in records if r["applicant_id"] != refused}
    assert stored == expected and scores == expected and audited == expected


def test_the_same_applicant_twice_at_once_is_stored_once_and_scored_twice(api):
    record = _batch_records()[0]
    others = _batch_records()[1:4]
    responses, _ = _post_together(api, [record, *others, record])
    assert [r.status_code for r in responses] == [200] * 5
    with api.app_state.store.session() as session:
        from detector.store.schema import Applicant, Score

        pk = session.scalar(select(Applicant.pk).where(Applicant.applicant_id == record["applicant_id"]))
        assert session.scalar(select(func.count()).select_from(Applicant)
                              .where(Applicant.applicant_id == record["applicant_id"])) == 1
        assert session.scalar(select(func.count()).select_from(Score).where(Score.applicant_pk == pk)) == 2


def test_a_lone_request_does_not_wait_for_company_and_a_queued_one_waits_for_more(engine, store):
    from concurrent.futures import Future

    from detector.api.batcher import ScoreBatcher, _Job

    batcher = ScoreBatcher(store, engine, max_batch=8, max_wait_ms=400)
    batcher.close()  # the worker thread stops; _take is driven by the test

    def job(name: str) -> _Job:
        return _Job([{"applicant_id": name}], "key:test", Future(), frozenset([name]))

    batcher._queue.put(job("alone"))
    started = time.monotonic()
    assert [j.ids for j in batcher._take()] == [frozenset(["alone"])]
    assert time.monotonic() - started < 0.3  # not the 400 ms wait

    batcher._queue.put(job("first"))
    batcher._queue.put(job("second"))
    threading.Timer(0.1, lambda: batcher._queue.put(job("third"))).start()
    assert [sorted(j.ids)[0] for j in batcher._take()] == ["first", "second", "third"]


def test_batch_settings_come_from_the_environment_and_bad_values_are_refused(monkeypatch, engine, store):
    from dataclasses import replace

    from detector.api.batcher import ScoreBatcher
    from detector.errors import ConfigurationError

    monkeypatch.setenv("DETECTOR_SCORE_BATCH_MAX", "4")
    monkeypatch.setenv("DETECTOR_SCORE_BATCH_WAIT_MS", "2.5")
    settings = Settings.from_env()
    assert (settings.score_batch_max, settings.score_batch_wait_ms) == (4, 2.5)
    for bad in ({"score_batch_max": 0}, {"score_batch_wait_ms": -1.0}):
        broken = replace(engine, settings=replace(engine.settings, **bad))
        with pytest.raises(ConfigurationError, match="DETECTOR_SCORE_BATCH"):
            ScoreBatcher(store, broken)
