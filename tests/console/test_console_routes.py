"""Console pages over HTTP (no browser): sign-in, sessions, CSRF, roles, filters, escaping."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote, unquote

import pytest

from detector.store import queries
from tests.console_support import (
    IMG_RESUME,
    PASSWORD,
    PAYLOAD_IDS,
    SCRIPT_NAME,
    SVG_PROPOSAL,
    TWIN_NAME,
    Browserless,
    csrf_of,
)

PAYLOAD_FRAGMENTS = ("<script>window.__xss", "<img src=x onerror", "<svg onload", "<b>customers</b>")


def _total(html: str) -> int:
    return int(re.search(r'id="total">(\d+)<', html).group(1))


def _queue_ids(html: str) -> list[str]:
    return [unquote(i) for i in re.findall(r'class="applicant-link" href="/console/applicants/([^"]+)"', html)]


def test_pages_need_a_login(console):
    for path in ("/console/queue", "/console/applicants/xss-payload-1", "/console/audit",
                 "/console/admin/users", "/console/admin/keys"):
        response = console.client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/console/login?next=")
    posted = console.client.post("/console/applicants/xss-payload-1/decision",
                                 data={"decision": "front", "note": "x"}, follow_redirects=False)
    assert posted.status_code == 303
    assert posted.headers["location"] == "/console/login?next=%2Fconsole%2Fqueue"  # not the POST-only path


def test_login_sets_a_hardened_cookie_and_returns_to_the_page(console):
    first = console.client.get("/console/audit")  # redirected to the login form
    assert first.url.path == "/console/login" and "next" in str(first.url)
    response = console.client.post("/console/login", follow_redirects=False, data={
        "username": "ana", "password": PASSWORD, "csrf_token": csrf_of(first.text),
        "next": "/console/audit"})
    assert response.status_code == 303 and response.headers["location"] == "/console/audit"
    cookie = [v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith("detector_console=")]
    assert cookie and "HttpOnly" in cookie[0] and "SameSite=lax" in cookie[0] and "Path=/console" in cookie[0]
    assert "Secure" not in cookie[0]  # plain http on localhost by default (DETECTOR_CONSOLE_SECURE_COOKIE=1 turns it on)


def test_login_refuses_wrong_passwords_unknown_users_and_foreign_forms(console):
    page = console.client.get("/console/login")
    token = csrf_of(page.text)
    wrong = console.client.post("/console/login", data={"username": "ana", "password": "not-the-password",
                                                        "csrf_token": token})
    unknown = console.client.post("/console/login", data={"username": "nobody", "password": PASSWORD,
                                                          "csrf_token": csrf_of(wrong.text)})
    assert wrong.status_code == unknown.status_code == 401
    assert "Unknown username or wrong password." in wrong.text and "Unknown username or wrong password." in unknown.text
    console.client.cookies.clear()
    forged = console.client.post("/console/login", data={"username": "ana", "password": PASSWORD,
                                                         "csrf_token": "made-up"})
    assert forged.status_code == 403 and "detector_console" not in console.client.cookies


def test_login_never_redirects_off_site(console):
    page = console.client.get("/console/login")
    response = console.client.post("/console/login", follow_redirects=False, data={
        "username": "ana", "password": PASSWORD, "csrf_token": csrf_of(page.text),
        "next": "https://evil.example/console/"})
    assert response.headers["location"] == "/console/queue"


def test_logout_ends_the_session_server_side(console):
    queue = console.login("ana")
    cookie = console.client.cookies["detector_console"]
    console.client.post("/console/logout", data={"csrf_token": csrf_of(queue.text)})
    console.client.cookies.set("detector_console", cookie, path="/console")  # replaying the old cookie
    again = console.client.get("/console/queue", follow_redirects=False)
    assert again.status_code == 303


def test_queue_lists_review_and_high_by_score_with_paging(console):
    html = console.login("ana").text
    ids = _queue_ids(html)
    bands = re.findall(r'<span class="band band-(\w+)">', html)
    scores = [float(s) for s in re.findall(r'<td class="num">(\d\.\d{3})</td>', html)]
    assert ids and set(bands) <= {"high", "review"}
    assert scores == sorted(scores, reverse=True)
    total = _total(html)
    if total > 25:
        second = console.client.get("/console/queue?page=2").text
        assert not set(_queue_ids(second)) & set(ids)
    everything = console.client.get("/console/queue?band=all&status=").text
    assert _total(everything) == 302 and len(_queue_ids(everything)) == 25
    last = console.client.get("/console/queue?band=all&status=&page=13").text
    assert len(_queue_ids(last)) == 302 - 12 * 25


def test_queue_filters_by_band_reason_date_and_name(console, console_app):
    console.login("ana")
    high = console.client.get("/console/queue?band=high").text
    assert set(re.findall(r'<span class="band band-(\w+)">', high)) <= {"high"}
    with console_app.state.store.session() as session:
        everyone = queries.review_queue(session, queries.QueueFilters(status=None), page_size=500).items
        with_reason = {i.applicant_id for i in everyone
                       if any(r["code"] == "RESUME_REUSED" for r in queries.score_history(session, i.applicant_id)[-1].reasons)}
    assert with_reason, "the population should hold reused resumes"
    page = console.client.get("/console/queue?band=all&status=&reason=RESUME_REUSED").text
    assert _total(page) == len(with_reason)
    assert set(_queue_ids(page)) <= with_reason
    future = console.client.get("/console/queue?band=all&status=&scored_from=2999-01-01").text
    assert _total(future) == 0
    today = everyone[0].scored_at.date().isoformat()
    assert _total(console.client.get(f"/console/queue?band=all&status=&scored_from={today}&scored_to={today}").text) == 302
    found = console.client.get("/console/queue?band=all&status=&q=xss-payload").text
    assert sorted(_queue_ids(found)) == list(PAYLOAD_IDS)
    bad = console.client.get("/console/queue?reason=NOT_A_CODE")
    assert bad.status_code == 400 and "reason code" in bad.text
    bad_date = console.client.get("/console/queue?scored_from=yesterday")
    assert bad_date.status_code == 400 and "YYYY-MM-DD" in bad_date.text


def test_applicant_text_is_escaped_in_every_page(console):
    console.login("lee")
    pages = [console.client.get("/console/queue?band=all&status=&q=xss-payload").text,
             console.client.get(f"/console/applicants/{PAYLOAD_IDS[0]}").text,
             console.client.get(f"/console/applicants/{quote(PAYLOAD_IDS[1], safe='')}").text]
    for html in pages:
        for fragment in PAYLOAD_FRAGMENTS:
            assert fragment not in html
        assert "<script" not in html.lower()
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;Eve Payload" in pages[0]
    applicant = pages[1]
    assert "&lt;img src=x onerror=" in applicant  # the resume, as text
    assert "&#34;&gt;&lt;svg onload=" in applicant  # the proposal, as text
    assert "&lt;b&gt;customers&lt;/b&gt;" in applicant  # the twin's resume in the diff
    assert 'class="network"' in applicant and "Mallory Twin" in applicant  # the twin in the graph
    for text in (SCRIPT_NAME, IMG_RESUME, SVG_PROPOSAL, TWIN_NAME):
        assert text not in applicant


def test_applicant_page_shows_score_reasons_chart_network_diff_and_history(console, console_app):
    console.login("ana")
    with console_app.state.store.session() as session:
        top = queries.review_queue(session, queries.QueueFilters(band="high"), page_size=1).items[0]
        detail = queries.applicant_detail(session, top.applicant_id)
    html = console.client.get(f"/console/applicants/{top.applicant_id}").text
    assert f"{detail.score.score:.3f}" in html
    for reason in detail.score.reasons:
        assert f"<code>{reason['code']}</code>" in html
    assert html.count('class="bar"') == 24 and 'class="operator-band"' in html
    if detail.component_size > 1:
        assert html.count('<g class="node') == min(detail.component_size, 60)
    if detail.nearest_duplicate is not None:
        assert '<div class="diff">' in html and ("<del>" in html or "<ins>" in html)


def test_decision_needs_csrf_and_a_note_and_is_audited(console, console_app):
    target, path = PAYLOAD_IDS[1], quote(PAYLOAD_IDS[1], safe="")
    page = console.login("ana")
    token = csrf_of(page.text)
    no_token = console.client.post(f"/console/applicants/{path}/decision",
                                   data={"decision": "front", "note": "seen"})
    other_token = console.client.post(f"/console/applicants/{path}/decision",
                                      data={"decision": "front", "note": "seen", "csrf_token": "x" * 43})
    assert no_token.status_code == other_token.status_code == 403
    no_note = console.client.post(f"/console/applicants/{path}/decision",
                                  data={"decision": "front", "note": "  ", "csrf_token": token})
    assert no_note.status_code == 400 and "needs a note" in no_note.text
    with console_app.state.store.session() as session:
        assert queries.applicant_detail(session, target).decisions == []
    done = console.client.post(f"/console/applicants/{path}/decision",
                               data={"decision": "front", "note": "Same resume as xss-payload-1 <i>", "csrf_token": token})
    assert done.status_code == 200 and "Decision recorded." in done.text
    assert done.url.path == f"/console/applicants/{PAYLOAD_IDS[1]}"
    assert "Same resume as xss-payload-1 &lt;i&gt;" in done.text
    with console_app.state.store.session() as session:
        detail = queries.applicant_detail(session, target)
        assert detail.status == "decided" and detail.label == 1.0
        assert detail.decisions[-1].actor == "user:ana"
        labels = queries.labels_table(session, "test")
    assert labels.set_index("applicant_id").loc[target, "label"] == 1
    audit = console.client.get(f"/console/audit?applicant={path}").text
    assert "user:ana" in audit and "decision" in audit and "front" in audit


def test_analyst_cannot_reassign_export_or_administer(console):
    page = console.login("ana")
    token = csrf_of(page.text)
    applicant = console.client.get("/console/applicants/xss-payload-1").text
    assert 'action="/console/applicants/xss-payload-1/assign"' not in applicant
    assert console.client.post("/console/applicants/xss-payload-1/assign",
                               data={"assignee": "ana", "csrf_token": token}).status_code == 403
    assert console.client.post("/console/labels.csv", data={"csrf_token": token}).status_code == 403
    assert console.client.get("/console/admin/users").status_code == 403
    assert console.client.get("/console/admin/keys").status_code == 403
    assert "/console/admin/users" not in page.text


def test_lead_assigns_and_exports_labels(console, console_app):
    page = console.login("lee")
    token = csrf_of(page.text)
    with console_app.state.store.session() as session:
        target = queries.review_queue(session, queries.QueueFilters(band=None), page=3, page_size=10).items[0].applicant_id
    assigned = console.client.post(f"/console/applicants/{target}/assign",
                                   data={"assignee": "ana2", "csrf_token": token})
    assert assigned.status_code == 200 and '<dd id="assignee">ana2</dd>' in assigned.text
    mine = console.client.get("/console/queue?band=all&assignee=ana2").text
    assert _queue_ids(mine) == [target]
    cleared = console.client.post(f"/console/applicants/{target}/decision", data={
        "decision": "legitimate", "note": "Known agency staff, verified by video call.", "csrf_token": token})
    assert "Decision recorded." in cleared.text
    exported = console.client.post("/console/labels.csv", data={"csrf_token": token})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows and set(rows[0]) == {"applicant_id", "label", "decided_at", "actor"}
    assert {"applicant_id": target, "label": "0", "actor": "user:lee"}.items() <= \
        next(r for r in rows if r["applicant_id"] == target).items()
    audit = console.client.get("/console/audit?actor=user:lee").text
    assert "labels.export" in audit and "assign" in audit
    assert console.client.get("/console/admin/users").status_code == 403


def test_admin_manages_users_and_keys(console, console_app):
    page = console.login("adm")
    token = csrf_of(page.text)
    created = console.client.post("/console/admin/users", data={
        "username": "<i>newbie</i>", "password": "long enough password", "role": "analyst", "csrf_token": token})
    assert created.status_code == 200 and "&lt;i&gt;newbie&lt;/i&gt;" in created.text
    short = console.client.post("/console/admin/users", data={
        "username": "shorty", "password": "short", "role": "analyst", "csrf_token": token})
    assert short.status_code == 400 and "at least 10 characters" in short.text
    promoted = console.client.post("/console/admin/users/ana2/role", data={"role": "lead", "csrf_token": token})
    assert promoted.status_code == 200 and "Role changed." in promoted.text
    self_change = console.client.post("/console/admin/users/adm/active", data={"active": "0", "csrf_token": token})
    assert self_change.status_code == 400
    key_page = console.client.post("/console/admin/keys", data={"name": "crm", "scopes": ["score", "read"],
                                                                 "csrf_token": token})
    key = re.search(r'<pre id="new-key">(dtk_[^<]+)</pre>', key_page.text).group(1)
    assert console.client.get("/v1/health").status_code in (200, 404)
    prefix = key.split("_")[1]
    assert "not shown again" in key_page.text
    assert key not in console.client.get("/console/admin/keys").text
    revoked = console.client.post(f"/console/admin/keys/{prefix}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 200 and "revoked" in revoked.text
    from detector.store import accounts

    with console_app.state.store.session() as session:
        assert accounts.authenticate_key(session, key) is None
        assert accounts.get_user(session, "ana2").role == "lead"


def test_deactivated_user_is_signed_out(console, console_app):
    from fastapi.testclient import TestClient

    console.login("adm")
    other = TestClient(console_app)

    victim = Browserless(other)
    victim.login("ana")
    assert victim.client.get("/console/queue", follow_redirects=False).status_code == 200
    token = csrf_of(console.client.get("/console/admin/users").text)
    console.client.post("/console/admin/users/ana/active", data={"active": "0", "csrf_token": token})
    try:
        assert victim.client.get("/console/queue", follow_redirects=False).status_code == 303
    finally:
        console.client.post("/console/admin/users/ana/active", data={"active": "1", "csrf_token": token})
        other.close()


@pytest.mark.parametrize("path", ["/console/queue", "/console/login"])
def test_pages_forbid_scripts_and_framing(console, path):
    console.login("ana")
    response = console.client.get(path)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert response.headers["x-frame-options"] == "DENY"


def test_secure_cookies_when_configured(console_store_url, monkeypatch):
    from fastapi.testclient import TestClient

    from detector.api.app import create_app
    from detector.settings import Settings
    from tests.store_support import TEST_HASH_KEY

    monkeypatch.setenv("DETECTOR_CONSOLE_SECURE_COOKIE", "1")
    app = create_app(Settings.from_env(store_url=console_store_url, hash_key=TEST_HASH_KEY))
    with TestClient(app, base_url="https://testserver") as client:
        form = client.get("/console/login")
        assert "Secure" in form.headers["set-cookie"]
        response = client.post("/console/login", follow_redirects=False, data={
            "username": "lee", "password": PASSWORD, "csrf_token": csrf_of(form.text)})
        session_cookie = [v for k, v in response.headers.multi_items()
                          if k == "set-cookie" and v.startswith("detector_console=")]
        assert session_cookie and "Secure" in session_cookie[0] and "HttpOnly" in session_cookie[0]
