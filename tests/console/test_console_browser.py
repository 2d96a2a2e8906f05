"""The console in a real browser (Debian's Chromium driven by Playwright) against a real server.

An analyst signs in, opens the queue, filters it, opens an applicant, sees the activity chart
and the link network, records a decision and finds it in the audit log. Profiles whose name,
resume and proposal carry script and HTML payloads are opened on the way: nothing may run,
no injected element may exist, and the payloads must read as plain text. A screenshot of each
page is saved (``test-artifacts/console/``, or ``$DETECTOR_TEST_ARTIFACTS/console/``).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.console_support import (
    IMG_RESUME,
    PASSWORD,
    PAYLOAD_IDS,
    SCRIPT_NAME,
    SVG_PROPOSAL,
    TWIN_NAME,
    artifacts_dir,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium "
                                       "(apt-get install chromium; .ci/run does)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(console_app):
    """The app under uvicorn on a free local port, in a thread."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(console_app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the console server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    opened.console_messages = []  # type: ignore[attr-defined]
    opened.on("console", lambda message: opened.console_messages.append(message.text))  # type: ignore[attr-defined]
    yield opened
    context.close()


def _shot(page, backend: str, name: str) -> None:
    page.screenshot(path=str(artifacts_dir() / f"{backend}-{name}.png"), full_page=True)


def _backend(server_url: str, request) -> str:
    return request.node.callspec.params.get("console_store_url", "sqlite")


def _assert_nothing_ran(page) -> None:
    """No payload executed and none became markup (this holds whatever the CSP would block)."""
    assert page.evaluate("typeof window.__xss") == "undefined"
    injected = page.evaluate("""() => document.querySelectorAll(
        'script, [onerror], [onload], img[src="x"], svg[onload]').length""")
    assert injected == 0
    blocked = [m for m in page.console_messages if "Content Security Policy" in m or "Refused" in m]
    assert blocked == [], blocked


def test_analyst_reviews_and_decides_in_a_browser(server, page, request):
    backend = _backend(server, request)
    page.goto(f"{server}/console/queue")
    assert page.url.startswith(f"{server}/console/login")
    _shot(page, backend, "01-login")

    page.fill("input[name=username]", "bea")
    page.fill("input[name=password]", "wrong password!")
    page.click("button[type=submit]")
    assert page.locator(".error").inner_text() == "Unknown username or wrong password."
    page.fill("input[name=username]", "bea")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/console/queue$"))
    rows = page.locator("table.queue tbody tr")
    assert rows.count() > 0
    assert set(page.locator("table.queue span.band").all_inner_texts()) <= {"high", "review"}
    _shot(page, backend, "02-queue")

    page.select_option("select[name=band]", "high")
    page.select_option("select[name=reason]", "RESUME_REUSED")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*reason=RESUME_REUSED.*"))
    assert page.locator("table.queue span.band").count() > 0
    assert set(page.locator("table.queue span.band").all_inner_texts()) == {"high"}
    reasons = page.locator("table.queue td.reasons").all_inner_texts()
    assert reasons  # top reasons are shown; the filter matches any reason of the latest score
    _shot(page, backend, "03-queue-filtered")

    page.goto(f"{server}/console/queue?band=all&status=&q=xss-payload")
    names = page.locator("table.queue td.name").all_inner_texts()
    assert sorted(names) == sorted([SCRIPT_NAME, TWIN_NAME])
    _assert_nothing_ran(page)
    _shot(page, backend, "04-queue-payloads")

    page.click(f"a.applicant-link:text-is('{PAYLOAD_IDS[0]}')")
    page.wait_for_url(re.compile(rf".*/console/applicants/{PAYLOAD_IDS[0]}$"))
    assert page.locator("h1.applicant-name").inner_text() == SCRIPT_NAME
    assert page.locator("svg.chart rect.bar").count() == 24
    assert page.locator("svg.chart rect.operator-band").count() > 0
    assert page.locator("svg.network g.node").count() >= 2
    assert page.locator("svg.network g.node.focus").count() == 1
    assert page.locator("svg.network g.edge text").count() >= 1
    text = page.locator("main").inner_text()
    assert IMG_RESUME.split(" I build")[0] in text and SVG_PROPOSAL.split(" Hello")[0] in text
    assert "<b>customers</b>" in page.locator(".diff").inner_text()
    assert page.locator(".diff ins").count() >= 1 and page.locator(".diff del").count() >= 1
    _assert_nothing_ran(page)
    _shot(page, backend, "05-applicant")

    page.check("input[name=decision][value=needs_more_info]")
    page.fill("textarea[name=note]", "Resume shared with xss-payload-2 under another name; asked for ID.")
    page.click("#decision button:text('Record decision')")
    page.wait_for_url(re.compile(r".*done=decision.*"))
    assert page.locator(".message").inner_text() == "Decision recorded."
    assert "needs_more_info by user:bea" in page.locator("ul.decisions").inner_text()
    _shot(page, backend, "06-decided")

    page.click("header nav a:text('Audit log')")
    page.fill("input[name=applicant]", PAYLOAD_IDS[0])
    page.click("form.filters button[type=submit]")
    first = page.locator("table.audit tbody tr").first
    assert "user:bea" in first.inner_text() and "decision" in first.inner_text()
    assert "asked for ID" in first.inner_text()
    _shot(page, backend, "07-audit")


def test_front_network_and_chart_render(server, page, request, console_app):
    """The top-scored profile of the queue: its chart and network, as an analyst sees them."""
    from detector.store import queries

    with console_app.state.store.session() as session:
        top = queries.review_queue(session, queries.QueueFilters(band="high"), page_size=1).items[0]
    page.goto(f"{server}/console/login")
    page.fill("input[name=username]", "bea")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(f"{server}/console/applicants/{top.applicant_id}")
    assert page.locator("svg.chart rect.bar").count() == 24
    if top.component_size > 1:
        assert page.locator("svg.network g.node").count() == min(top.component_size, 60)
        href = page.locator("svg.network a").nth(1).get_attribute("href")
        assert href and href.startswith("/console/applicants/")
        # every direct link to a member of the drawn network is an edge; near-duplicate texts
        # shared with profiles outside it (they do not join networks) are in the links list only
        with console_app.state.store.session() as session:
            members = {node["id"] for node in queries.network(session, top.applicant_id).nodes}
            direct = {link.other_id for link in queries.links(session, top.applicant_id)
                      if link.other_id in members}
        assert direct
        touching = page.locator(f"svg.network g.edge:has(title:text('{top.applicant_id}'))")
        assert touching.count() == len(direct)
        page.locator("svg.network").screenshot(path=str(artifacts_dir() / f"{_backend(server, request)}-09-network.png"))
    _shot(page, _backend(server, request), "08-applicant-front")
