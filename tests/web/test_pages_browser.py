"""The static pages in a real browser: Debian's chromium, driven by Playwright, against the local
server on loopback. Catches what a TestClient cannot: CSP refusals, script errors, broken rendering."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps calling Google's hosts, which this
# machine's closed network refuses. Playwright never downloads a browser: we bring Debian's.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Collects securitypolicyviolation events; init scripts run outside the page's CSP.
CSP_PROBE = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def _chromium() -> Path:
    """Debian's chromium, installed on demand; skip only where it cannot be installed."""
    if not CHROMIUM.exists():
        done = subprocess.run([str(ROOT / "scripts" / "install-browser")], capture_output=True, text=True)
        if not CHROMIUM.exists():
            pytest.skip(
                f"{CHROMIUM} is missing and scripts/install-browser could not install it: "
                f"{done.stderr.strip()[-300:]}"
            )
    return CHROMIUM


@pytest.fixture(scope="module")
def base_url(store):
    """The real local server (uvicorn + create_app) on 127.0.0.1, an ephemeral port."""
    import uvicorn

    from lib.web.server import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    executable = _chromium()
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # a fresh, empty user-data-dir
            executable_path=str(executable),
            headless=True,
            args=FLAGS,
            viewport={"width": 1200, "height": 900},
        )
        context.set_default_timeout(10_000)
        context.add_init_script(CSP_PROBE)
        yield context
        context.close()


class Watched:
    """A page with every request, console error and uncaught exception recorded."""

    def __init__(self, context) -> None:
        self.page = context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[tuple[str, str]] = []  # (text, url of the resource it is about)
        self.page_errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console",
            lambda m: m.type == "error" and self.console_errors.append((m.text, m.location.get("url", ""))),
        )
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def assert_clean(self, *, allowed_console: tuple[str, ...] = ()) -> None:
        """No uncaught error, no CSP refusal, no console error but the allowed URLs', all on loopback."""
        assert self.page_errors == []
        assert self.page.evaluate("window.__csp") == []
        assert [e for e in self.console_errors if e[1] not in allowed_console] == []
        assert {urlsplit(u).hostname for u in self.requests} == {"127.0.0.1"}, self.requests


@pytest.fixture
def watched(browser_context):
    w = Watched(browser_context)
    yield w
    w.page.close()


def test_landing_page_shows_health_and_the_template_catalogue(watched, base_url, tmp_path):
    page = watched.page
    with page.expect_response(f"{base_url}/api/templates") as templates_response:
        page.goto(f"{base_url}/")
    api = templates_response.value
    page.wait_for_function("document.querySelector('#templates li')?.textContent !== 'loading…'")

    health = page.locator("#health.ok, #health.degraded")
    expect(health).to_have_count(1)
    status = health.get_attribute("class")
    expect(health).to_contain_text(f"{status} — database")
    # The footer says which build this is, from /api/health's deployment fields.
    expect(page.locator("footer#build")).to_contain_text("development · schema 2")
    expect(page.locator("footer#build")).to_contain_text("providers:")

    page.screenshot(path=tmp_path / "index.png", full_page=True)
    items = page.locator("#templates > li")
    if api.status == 404:  # the catalogue route is not there yet: the page shows the API's message
        expect(items).to_have_text([api.json()["error"]["message"]])
        watched.assert_clean(allowed_console=(api.url,))
    else:
        assert api.status == 200
        templates = api.json()["templates"]
        expect(items.locator("strong")).to_have_text([t["display_name"] or t["name"] for t in templates])
        expect(items.locator(".cat")).to_have_text([t["category"] for t in templates])
        if not templates:
            expect(items).to_have_text(["no templates yet"])
        watched.assert_clean()


def test_docs_page_renders_the_openapi_document_with_vendored_swagger_ui(watched, base_url, tmp_path):
    page = watched.page
    page.goto(f"{base_url}/docs.html")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Agent Forge API")
    expect(page.locator(".opblock .opblock-summary-path[data-path='/api/health']")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=tmp_path / "docs.png", full_page=True)
    # Off localhost Swagger UI would fetch a badge from validator.swagger.io; it must be switched off.
    assert page.evaluate("window.ui.getConfigs().validatorUrl") is None
    watched.assert_clean()
