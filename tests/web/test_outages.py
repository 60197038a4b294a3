"""Outages answer fast and honestly: 503 with Retry-After within a bounded time, never a 500;
health within a second; the local server restarts a dead embedded PostgreSQL and stops it on exit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from lib.web import Context, Endpoint

ROOT = Path(__file__).resolve().parents[2]

app = Endpoint("/api/slow", tag="test")


@app.get()
def slow(ctx: Context) -> dict:
    from lib.store import db

    with db.transaction() as conn:
        conn.execute("select pg_sleep(5) /* outage-test */")
    return {"ok": True}


@pytest.fixture
def outage_env(store, settings_env):
    """Fresh pools before and after, so an outage staged here never leaks into other tests."""
    store.close()
    yield settings_env
    store.close()
    from lib.config import settings

    os.environ.pop("DATABASE_URL", None)
    settings.cache_clear()


def _assert_503(r) -> None:
    assert r.status_code == 503, r.text
    assert r.json()["error"]["code"] == "unavailable"
    assert int(r.headers["retry-after"]) >= 1
    assert r.headers["x-content-type-options"] == "nosniff"


def test_a_connection_lost_mid_request_is_a_503(outage_env):
    from lib.store import db

    def kill_the_sleeper() -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with db.connection() as conn:
                killed = conn.execute(
                    "select pg_terminate_backend(pid) from pg_stat_activity"
                    " where query like '%%outage-test%%' and pid <> pg_backend_pid()"
                ).fetchall()
                conn.commit()
            if killed:
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_sleeper)
    killer.start()
    with TestClient(app, raise_server_exceptions=False) as c:
        t0 = time.monotonic()
        r = c.get("/api/slow")
        elapsed = time.monotonic() - t0
    killer.join()
    _assert_503(r)
    assert elapsed < 4  # answered when the connection died, not after the query's 5 s


def test_an_unreachable_database_is_a_bounded_503_then_an_immediate_one(outage_env, client):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    outage_env(DATABASE_URL=f"postgresql://nobody@127.0.0.1:{port}/none", DB_POOL_TIMEOUT_S="1")
    c = client("api/workflows/index.py")
    t0 = time.monotonic()
    first = c.get("/api/workflows")
    first_s = time.monotonic() - t0
    t0 = time.monotonic()
    second = c.get("/api/workflows")
    second_s = time.monotonic() - t0
    _assert_503(first)
    _assert_503(second)
    assert first_s < 2.5 and second_s < 0.5, (first_s, second_s)
    assert "nobody" not in first.text + second.text


def test_health_answers_within_a_second_when_the_database_hangs(outage_env, client):
    hung = socket.socket()  # accepts connections (backlog) and never says a word
    hung.bind(("127.0.0.1", 0))
    hung.listen(16)
    try:
        port = hung.getsockname()[1]
        outage_env(DATABASE_URL=f"postgresql://nobody@127.0.0.1:{port}/none", DB_POOL_TIMEOUT_S="5")
        c = client("api/health.py")
        for _ in range(2):
            t0 = time.monotonic()
            r = c.get("/api/health")
            assert time.monotonic() - t0 < 1.0
            assert r.status_code == 503 and r.json()["status"] == "down"
            assert r.headers["retry-after"] == "2"
    finally:
        hung.close()


def _postmaster(data: Path) -> int | None:
    pidfile = data / "pg" / "postmaster.pid"
    if not pidfile.exists():
        return None
    pid = int(pidfile.read_text().split()[0])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    return pid


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_restarts_a_killed_embedded_postgres_and_stops_it_on_exit(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "AGENT_FORGE_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lib", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/health"

    def healthy() -> bool:
        try:
            return httpx.get(url, timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        assert _wait(healthy, 90), "the server did not come up"
        first = _postmaster(tmp_path)
        os.kill(first, signal.SIGKILL)
        assert _wait(lambda: _postmaster(tmp_path) not in (None, first), 20), "postgres was not restarted"
        assert _wait(healthy, 10), "the app did not recover by itself"
        assert proc.poll() is None  # the same app process, never restarted
        second = _postmaster(tmp_path)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    assert _wait(lambda: _postmaster(tmp_path) is None, 15), f"postgres {second} left running"
