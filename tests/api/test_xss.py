"""Article text is data, never markup: a title, sentence or quote holding a script tag shows
as text on the dashboard, and nothing in it runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from detente.api.dashboard import STATIC
from tests.api.conftest import TOKEN, LiveServer, click_period
from tests.synthetic import XSS

# Sinks that parse a string as HTML or code; the dashboard's scripts must use none of them.
_SINKS = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
          "new Function", "setTimeout(\"", "srcdoc", "DOMParser", "createContextualFragment"]


@pytest.mark.parametrize("script", sorted(p.name for p in STATIC.glob("*.js")))
def test_dashboard_scripts_never_parse_data_as_html(script: str) -> None:
    source = (STATIC / script).read_text(encoding="utf-8")
    used = [sink for sink in _SINKS if sink in source]
    assert used == []


def test_dashboard_page_forbids_inline_script(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # The page is static: no data in it, and every script is one of our static files (our
    # module and the vendored libraries), none inline.
    tags = re.findall(r"<script[^>]*>", r.text)
    assert '<script type="module" src="/static/app.js">' in tags
    assert all(re.fullmatch(r'<script (type="module" )?src="/static/[\w./-]+\.js">', t)
               for t in tags), tags
    assert len(tags) == r.text.count("<script")


def test_api_serves_script_text_as_json_not_html(client: TestClient) -> None:
    r = client.get("/api/v1/articles", params={"q": "odd headline"})
    assert r.headers["content-type"] == "application/json"
    assert r.json()["articles"][0]["title"] == f"Odd headline {XSS}"


def _no_script_ran(page: Any) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    # Only the page's own script tags (all static files): none injected by the data.
    assert page.evaluate("[...document.querySelectorAll('script')].every("
                         "s => s.src.includes('/static/'))")


@pytest.mark.browser
def test_script_in_articles_quotes_and_evidence_shows_as_text(live_server: LiveServer,
                                                              browser: Any) -> None:
    page = browser.new_page()
    page.goto(live_server.url + "/#dyad=USA-RUS&freq=week&from=2025-02-01&to=2025-02-28")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    # The quote list of February holds the quote that carries the tag.
    quotes = page.inner_text("[data-testid=quotes]")
    assert XSS in quotes
    # The week's events, with the evidence sentence that carries it.
    page.wait_for_selector("#chart .u-over")
    click_period(page, "2025-02-10")
    page.wait_for_selector("[data-testid=detail] [data-testid=evidence]")
    assert XSS in page.inner_text("[data-testid=detail]")
    # Search, then open the article whose title and text carry it.
    page.fill("#q", "odd headline")
    page.click("#search button")
    page.locator("#results li", has_text="matching").wait_for()
    hit = page.locator("[data-testid=result] button.title", has_text="Odd headline")
    assert hit.inner_text() == f"Odd headline {XSS}"
    hit.click()
    page.wait_for_selector("[data-testid=article][open]")
    assert page.inner_text("#article-title") == f"Odd headline {XSS}"
    assert XSS in page.inner_text("[data-testid=article-text]")
    # Its stored URL is javascript:, so the page does not link it.
    assert page.locator("#article-meta a").count() == 0
    _no_script_ran(page)
    page.close()


@pytest.mark.browser
def test_posted_article_with_script_and_javascript_url_is_inert(fresh_db: Path,
                                                                browser: Any) -> None:
    payload = {"title": f"<img src=x onerror=window.__xss=1> {XSS}",
               "text": f"Moscow said on Monday {XSS} that talks with Washington would go on. "
                       "<b onmouseover=window.__xss=1>bold</b>",
               "outlet": XSS, "published": "2025-03-03"}
    with LiveServer(fresh_db, token=TOKEN) as server:
        r = httpx.post(server.url + "/api/v1/articles", json=payload, timeout=60,
                       headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
        page = browser.new_page()
        page.goto(server.url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        page.fill("#q", "onerror")
        page.click("#search button")
        page.locator("#results li", has_text="matching").wait_for()
        # Click the hit itself: the list may still show the default articles for a moment.
        page.locator("[data-testid=result] button.title", has_text="onerror").click()
        page.wait_for_selector("[data-testid=article][open]")
        assert page.inner_text("#article-title") == payload["title"]
        assert XSS in page.inner_text("#article-meta")
        assert "<b onmouseover" in page.inner_text("[data-testid=article-text]")
        assert page.locator("#article img, #article-text b").count() == 0
        assert page.locator("#article-meta a").count() == 0  # posted without a URL
        _no_script_ran(page)
        page.close()
