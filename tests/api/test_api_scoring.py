"""The scoring API end to end over a real store: scoring, links, decisions, labels, errors."""

import json
import re
import sys

from sqlalchemy import text

from tests.store_support import EXAMPLE, auth


def _records(n=None):
    lines = EXAMPLE.read_text().splitlines()
    return [json.loads(line) for line in (lines if n is None else lines[:n])]


def _applicant(aid, **extra):
    return {"applicant_id": aid, "created_at": "2026-02-01T09:00:00Z", "claimed_country": "US",
            "full_name": f"Person {aid}", **extra}


def test_score_one_applicant_then_a_linked_one_names_the_link(api):
    first = _applicant("acct-1", full_name="Ann Smith",
                       payouts=[{"method": "bank", "account_ref": "DE89 3704 0044 0532 0130 00"}])
    response = api.post("/v1/score", json=first, headers=auth(api))
    assert response.status_code == 200
    (result,) = response.json()["results"]
    assert result["applicant_id"] == "acct-1" and 0 <= result["score"] <= 1
    assert result["linked_profiles"] == [] and result["model_version"].startswith("detector-")

    second = _applicant("acct-2", full_name="Bob Jones",
                        payouts=[{"method": "bank", "account_ref": "DE89370400440532013000"}])
    (result,) = api.post("/v1/score", json=[second], headers=auth(api)).json()["results"]
    assert result["linked_profiles"] == [{"applicant_id": "acct-1", "link": "payout", "similarity": 1.0}]
    assert result["component_size"] == 2
    assert any(r["code"] == "PAYOUT_SHARED" and "acct-1" in r["evidence"] for r in result["reasons"]) \
        or result["band"] == "low"

    links = api.get("/v1/applicants/acct-1/links", headers=auth(api)).json()
    assert links["links"][0]["applicant_id"] == "acct-2" and links["links"][0]["link"] == "payout"
    stored = api.get("/v1/applicants/acct-2", headers=auth(api)).json()
    assert stored["score"]["score"] == result["score"] and stored["component_size"] == 2


def test_scoring_the_example_population_through_the_api(api):
    records = _records(60)
    results = api.post("/v1/score", json=records, headers=auth(api)).json()["results"]
    assert [r["applicant_id"] for r in results] == [r["applicant_id"] for r in records]
    assert {r["band"] for r in results} <= {"low", "review", "high"}


def test_every_endpoint_but_health_needs_a_key_with_the_right_scope(api):
    assert api.get("/health").status_code == 200
    assert api.get("/health").json()["status"] == "ok"
    for method, path in (("get", "/v1/applicants/x"), ("get", "/v1/labels"), ("get", "/metrics"),
                         ("post", "/v1/score"), ("post", "/v1/applicants/x/decision")):
        response = getattr(api, method)(path)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "unauthorized"
    bad = {"Authorization": "Bearer dtk_00000000_not-a-real-key"}
    assert api.get("/v1/labels", headers=bad).status_code == 401
    response = api.post("/v1/score", json=_applicant("s1"), headers=auth(api, "read"))
    assert response.status_code == 403 and "'score' scope" in response.json()["error"]["message"]
    assert api.post("/v1/score", json=_applicant("s1"), headers={"X-API-Key": api.keys["score"]}).status_code == 200
    assert api.get("/v1/applicants/s1", headers=auth(api, "score")).status_code == 403


def test_revoked_keys_stop_working(api):
    from detector.store import accounts

    headers = auth(api, "read")
    assert api.get("/v1/labels", headers=headers).status_code == 200
    prefix = api.keys["read"].split("_")[1]
    with api.app_state.store.session() as session:
        assert accounts.revoke_api_key(session, prefix, "test")
    assert api.get("/v1/labels", headers=headers).status_code == 401


def test_bad_input_is_one_error_shape_naming_the_field_and_nothing_is_stored(api):
    response = api.post("/v1/score", json={"applicant_id": 7, "claimed_country": "US"}, headers=auth(api))
    assert response.status_code == 422
    problems = response.json()["error"]["problems"]
    assert {p["field"] for p in problems} == {"applicant_id", "created_at"}

    contract = _applicant("bad-1", created_at="yesterday", sessions=[{"started_at": "2026-02-01T10:00:00Z",
                                                                     "ip": "not-an-ip"}])
    response = api.post("/v1/score", json=[_applicant("good-1"), contract], headers=auth(api))
    body = response.json()
    assert response.status_code == 422 and set(body) == {"error"}
    fields = {(p["record"], p["field"]) for p in body["error"]["problems"]}
    assert ("applicant (item 1)", "created_at") in fields
    assert all("item 1" in p["record"] for p in body["error"]["problems"])
    assert api.get("/v1/applicants/good-1", headers=auth(api)).status_code == 404
    assert api.get("/v1/applicants/good-1", headers=auth(api)).json()["error"]["code"] == "not_found"


def test_oversized_requests_are_refused_before_parsing(api):
    limit = api.app_state.settings.max_request_bytes
    response = api.post("/v1/score", content=b"[" + b" " * limit + b"]", headers={
        **auth(api), "Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_decisions_need_a_note_and_become_labels(api):
    api.post("/v1/score", json=[_applicant("d1"), _applicant("d2"), _applicant("d3")], headers=auth(api))
    no_note = api.post("/v1/applicants/d1/decision", json={"decision": "front", "note": " "},
                       headers=auth(api, "decide"))
    assert no_note.status_code == 422 and "note" in no_note.json()["error"]["message"]
    for aid, decision in (("d1", "front"), ("d2", "legitimate"), ("d3", "needs_more_info"),
                          ("d2", "front")):
        response = api.post(f"/v1/applicants/{aid}/decision",
                            json={"decision": decision, "note": "checked payout and sessions"},
                            headers=auth(api, "decide"))
        assert response.status_code == 201
    labels = api.get("/v1/labels", headers=auth(api, "read")).json()["labels"]
    assert [(row["applicant_id"], row["label"]) for row in labels] == [("d1", 1), ("d2", 1)]
    csv = api.get("/v1/labels?format=csv", headers=auth(api, "read"))
    assert csv.text.splitlines()[0] == "applicant_id,label,decided_at,actor"
    assert api.post("/v1/applicants/nobody/decision", json={"decision": "front", "note": "x"},
                    headers=auth(api, "decide")).status_code == 404
    detail = api.get("/v1/applicants/d2", headers=auth(api)).json()
    assert [d["decision"] for d in detail["decisions"]] == ["legitimate", "front"]
    assert detail["decisions"][0]["actor"].startswith("key:")


def test_metrics_are_prometheus_text(api):
    api.post("/v1/score", json=_applicant("m1"), headers=auth(api))
    body = api.get("/metrics", headers=auth(api, "read")).text
    assert '# TYPE detector_http_requests_total counter' in body
    assert 'detector_http_requests_total{method="POST",route="/v1/score",status="200"} 1.0' in body
    assert 'detector_store_applicants{status="open"} 1.0' in body
    if sys.platform.startswith("linux"):  # each thread's CPU, read from /proc
        scoring = re.search(r'detector_thread_cpu_seconds_total\{thread="score-batcher"\} (\S+)', body)
        assert scoring and float(scoring.group(1)) > 0  # a first score costs far more than a clock tick


def test_a_broken_store_gives_a_500_without_internals(api):
    with api.app_state.store.engine.begin() as connection:
        connection.execute(text("DROP TABLE decisions"))
        connection.execute(text("DROP TABLE scores"))
    response = api.post("/v1/score", json=_applicant("x1"), headers=auth(api))
    assert response.status_code == 500
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == "internal"
    assert "scores" not in response.text and "Traceback" not in response.text and "sqlalchemy" not in response.text.lower()


def test_requests_batched_together_fail_or_succeed_on_their_own(api):
    from concurrent.futures import Future

    import pytest

    from detector.api.batcher import _Job
    from detector.api.errors import ApiError

    def job(records):
        return _Job(records, "key:test", Future(), frozenset(r["applicant_id"] for r in records))

    good = job([_applicant("b-good-1"), _applicant("b-good-2")])
    bad = job([_applicant("b-ok"), _applicant("b-bad", claimed_country="Narnia")])
    later = job([_applicant("b-good-3")])
    api.app_state.batcher._score([good, bad, later])
    assert [r for r in good.future.result().scores["applicant_id"]] == ["b-good-1", "b-good-2"]
    assert list(later.future.result().scores["applicant_id"]) == ["b-good-3"]
    with pytest.raises(ApiError) as refused:
        bad.future.result()
    assert {p["record"] for p in refused.value.problems} == {"applicant (item 1)"}
    assert api.get("/v1/applicants/b-ok", headers=auth(api)).status_code == 404
    assert api.get("/v1/applicants/b-good-3", headers=auth(api)).status_code == 200


def test_a_keys_last_use_is_recorded(api):
    from sqlalchemy import select

    from detector.store.schema import ApiKey

    key = api.keys["read"]
    prefix = key.split("_")[1]
    with api.app_state.store.session() as session:
        assert session.scalar(select(ApiKey.last_used_at).where(ApiKey.prefix == prefix)) is None
    assert api.get("/v1/labels", headers=auth(api, "read")).status_code == 200
    with api.app_state.store.session() as session:
        assert session.scalar(select(ApiKey.last_used_at).where(ApiKey.prefix == prefix)) is not None
