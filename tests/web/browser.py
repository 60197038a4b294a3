"""Helpers for the browser tests: Debian's chromium through Playwright, `python -m lib serve` in a
subprocess on a free port, and a page wrapper that records every console error, uncaught
exception, CSP refusal, failed request and HTTP error so a test can insist there were none."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# The browser tests always take their screenshots; they land in docs/screenshots/ only when
# UPDATE_SCREENSHOTS=1 (so a test run leaves the checkout clean), else in the system temp folder.
SCREENSHOTS = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "agent-forge-screenshots"
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
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


def chromium() -> Path:
    """Debian's chromium, installed on demand; skip only where it cannot be installed."""
    if not CHROMIUM.exists():
        done = subprocess.run([str(ROOT / "scripts" / "install-browser")], capture_output=True, text=True)
        if not CHROMIUM.exists():
            pytest.skip(
                f"{CHROMIUM} is missing and scripts/install-browser could not install it: "
                f"{done.stderr.strip()[-300:]}"
            )
    return CHROMIUM


@contextlib.contextmanager
def launched(profile: Path) -> Iterator:
    """One chromium (a fresh profile) for a whole test module."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(executable),
            headless=True,
            args=FLAGS,
            viewport=DESKTOP,
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        context.add_init_script(CSP_PROBE)
        try:
            yield context
        finally:
            context.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(**env: str) -> Iterator[str]:
    """`python -m lib serve` on a free loopback port (the tests' embedded database), until exit."""
    port = _free_port()
    child_env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lib", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=child_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"lib serve exited: {proc.stdout.read()[-2000:]}"
            assert time.monotonic() < deadline, "lib serve did not answer within 60 s"
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class Watched:
    """A page with every console error, uncaught exception, failed request and HTTP error kept."""

    def __init__(self, context) -> None:
        self.page = context.new_page()
        self.console_errors: list[tuple[str, str]] = []  # (text, url it is about)
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.http_errors: list[tuple[int, str]] = []
        self.hosts: set[str] = set()
        self.page.on("request", lambda r: self.hosts.add(urlsplit(r.url).hostname or r.url.split(":")[0]))
        self.page.on(
            "console",
            lambda m: m.type == "error" and self.console_errors.append((m.text, m.location.get("url", ""))),
        )
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.http_errors.append((r.status, r.url)))

    def assert_clean(self, *, allowed: tuple[tuple[int, str], ...] = ()) -> None:
        """No uncaught error, CSP refusal or failed request; HTTP errors only the `allowed` (status,
        URL part) pairs, and console errors only Chromium's line about those same responses."""
        assert self.page_errors == []
        assert self.page.evaluate("window.__csp") == []
        assert self.failed == []
        unexpected = [(s, u) for s, u in self.http_errors if not any(s == a and p in u for a, p in allowed)]
        assert unexpected == []
        allowed_urls = {u for _, u in self.http_errors} - {u for _, u in unexpected}
        console = [
            (text, url)
            for text, url in self.console_errors
            if not (url in allowed_urls and text.startswith("Failed to load resource"))
        ]
        assert console == []
        assert self.hosts <= {"127.0.0.1", "blob", "data"}, self.hosts


def shoot(page, name: str, *, full_page: bool = True, reload: bool = False) -> None:
    """Screenshots of the current view at desktop and phone width into docs/screenshots/
    (toasts dismissed first: a fixed toast would sit over the middle of a full-page shot).
    `reload`: draw the phone view afresh at phone width (charts size themselves when drawn);
    only for views that are whole from their URL."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")
    dismiss = page.locator("#toasts .toast button")
    while dismiss.count():
        dismiss.first.click()
    page.evaluate("window.scrollTo(0, 0)")  # a sticky header would otherwise sit mid-shot
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=full_page)
    page.set_viewport_size(PHONE)
    if reload:
        page.reload()
        page.wait_for_load_state("networkidle")
    page.wait_for_timeout(150)  # the canvas refits on resize (a ResizeObserver callback)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=full_page)
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(150)
