"""Open a report in Debian's headless Chromium through Playwright, as a reader would."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def open_offline(html: Path, screenshot: Path | None = None) -> dict:
    """Load ``html`` with every network request refused; return what the page shows.

    Keys: ``images`` (alt, natural width and height of each image), ``headings`` (h2 texts),
    ``requests`` (URLs the page tried to fetch beyond itself), ``text`` (the page's text).
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium "
                    "(`apt-get install -y chromium`; .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})

            def refuse(route):
                if route.request.url != html.resolve().as_uri():
                    requests.append(route.request.url)
                    return route.abort()
                return route.continue_()

            page.route("**/*", refuse)
            page.goto(html.resolve().as_uri(), wait_until="load")
            images = page.evaluate(
                "Array.from(document.images).map(i => ({alt: i.alt, width: i.naturalWidth,"
                " height: i.naturalHeight, complete: i.complete}))")
            headings = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent.trim())")
            text = page.inner_text("body")
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    # data: URIs are the page itself; anything else would need a network
    requests = [r for r in requests if not r.startswith("data:")]
    return {"images": images, "headings": headings, "requests": requests, "text": text}
