"""The API reference pages and the key prompt in a real browser: Debian's chromium, driven by
Playwright, against `python -m lib serve`. Catches what a TestClient cannot: CSP refusals,
script errors, broken rendering, a library phoning home."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.web.browser import Watched, served, shoot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(store):
    with served() as base:
        yield base


def test_openapi_document_at_both_addresses(base_url):
    short, long = httpx.get(f"{base_url}/openapi.json"), httpx.get(f"{base_url}/api/openapi.json")
    assert short.status_code == long.status_code == 200
    assert short.json() == long.json()


@pytest.mark.parametrize("path", ["/docs", "/docs.html"])
def test_swagger_ui_renders_the_openapi_document(watched, base_url, path):
    page = watched.page
    page.goto(f"{base_url}{path}")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Agent Forge API")
    expect(page.locator(".opblock .opblock-summary-path[data-path='/api/health']")).to_be_visible()
    # Off localhost Swagger UI would fetch a badge from validator.swagger.io; it must be switched off.
    assert page.evaluate("window.ui.getConfigs().validatorUrl") is None
    if path == "/docs":
        shoot(page, "docs", full_page=False)
    watched.assert_clean()


def test_redoc_renders_the_openapi_document(watched, base_url):
    page = watched.page
    page.goto(f"{base_url}/redoc")
    expect(page.locator(".api-info h1")).to_contain_text("Agent Forge API")
    expect(page.locator("[data-section-id^='tag/'] h2, [data-section-id^='tag/'] h1").first).to_be_visible()
    shoot(page, "redoc", full_page=False)
    watched.assert_clean()


def test_the_dashboard_asks_for_a_key_when_the_server_requires_one(store, browser_context):
    from lib.store import keys

    _, secret = keys.create("dash-auth", role="write", name="browser test")
    with served(AUTH_REQUIRED="true") as base:
        w = Watched(browser_context)
        page = w.page
        try:
            page.goto(f"{base}/")  # templates are public: no prompt
            expect(page.locator(".template-card").first).to_be_visible()
            expect(page.locator("#key-dialog")).not_to_be_visible()

            page.goto(f"{base}/#/workflows")
            dialog = page.locator("#key-dialog")
            expect(dialog).to_be_visible()
            expect(page.locator("#key-reason")).to_contain_text(re.compile("key", re.I))
            expect(page.locator("#key-input")).to_be_focused()
            shoot(page, "api-key")
            page.locator("#key-input").fill(secret)
            page.locator("#key-input").press("Enter")
            expect(dialog).not_to_be_visible()
            expect(page.locator("h1")).to_have_text("My workflows")
            expect(page.locator("#key-button")).to_have_text("API key ✓")
            assert page.evaluate("sessionStorage.getItem('agent-forge-api-key')") == secret
            assert page.evaluate("localStorage.length") == 0
            w.assert_clean(allowed=((401, "/api/workflows"),))
        finally:
            page.close()
