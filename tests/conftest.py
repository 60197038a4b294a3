"""Shared fixtures: one real embedded PostgreSQL per test session (per xdist worker), migrated
once; a fresh tenant per test keeps tests independent without truncating anything."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tests never touch the developer's .data/ nor a configured remote database.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
_checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
os.environ["AGENT_FORGE_DATA_DIR"] = os.environ.get(
    "AGENT_FORGE_TEST_DATA_DIR",
    # One database per checkout and worker, so two checkouts (git worktrees) can test at once.
    str(Path(tempfile.gettempdir()) / f"agent-forge-test-{os.getuid()}-{_checkout}-{_worker}"),
)
for _var in (
    "DATABASE_URL",
    "POSTGRES_URL",
    "POSTGRES_PRISMA_URL",
    "SUPABASE_DB_URL",
    "AUTH_REQUIRED",
    "ANTHROPIC_API_KEY",
    "OPENAI_API_KEY",
    "ANTHROPIC_BASE_URL",
    "OPENAI_BASE_URL",
    "VERCEL",
    "VERCEL_ENV",
    "VERCEL_GIT_COMMIT_REF",
    "VERCEL_GIT_COMMIT_SHA",
    "AGENT_FORGE_BOOTSTRAP_TOKEN",
    "AUTO_MIGRATE",
    "SUPABASE_URL",
    "S3_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
):
    os.environ.pop(_var, None)
# Every test client shares one address ("testclient"): the suite would trip the per-IP limit.
# Rate limits are on by default; tests/test_quota.py and tests/web/test_guard.py turn them on.
os.environ["RATE_LIMITS"] = "false"


@pytest.fixture(scope="session")
def store():
    """The migrated embedded database (the lib.store.db module)."""
    from lib.store import db, migrations

    migrations.migrate()
    yield db
    db.close()


@pytest.fixture
def tenant(store) -> str:
    return f"t-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def settings_env(monkeypatch):
    """Set environment variables for one test and re-read the settings."""
    from lib.config import settings

    def set_env(**values: str) -> None:
        for k, v in values.items():
            monkeypatch.setenv(k, v)
        settings.cache_clear()

    yield set_env
    settings.cache_clear()


@pytest.fixture
def one_rate_window():
    """Call it right before a test's counted requests. Rate limits count in fixed one-minute windows
    on the database's clock (the embedded server runs on this machine's), so a test that crosses
    a window's end sees its counts restart: wait out a window's last 15 s first (a wait, never a
    timed assertion)."""

    def wait() -> None:
        second = time.time() % 60
        if second > 45:
            time.sleep(60.5 - second)

    return wait


@pytest.fixture
def client(store):
    """`client("api/health.py")` → a TestClient for that one route file's app."""
    from starlette.testclient import TestClient

    from lib.web.routes import load_module

    made = []

    def make(path: str, **kw) -> TestClient:
        c = TestClient(load_module(ROOT / path).app, raise_server_exceptions=False, **kw)
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


@pytest.fixture
def server(store):
    """A TestClient for the whole local server (every route + public/)."""
    from starlette.testclient import TestClient

    from lib.web.server import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def api_key(store):
    """`api_key(tenant, role)` → a clear key bound to that tenant."""
    from lib.store import keys

    def make(tenant: str, role: str = "write") -> str:
        return keys.create(tenant, role=role)[1]

    return make


@pytest.fixture
def headers(api_key, tenant) -> dict:
    """Authorization with a write key of this test's tenant."""
    return {"Authorization": f"Bearer {api_key(tenant)}"}


@pytest.fixture
def scratch_db(store, monkeypatch):
    """Point the store at a fresh, empty database for one test (its first use migrates it)."""
    import psycopg

    from lib.config import settings

    db = store
    base = db.url()
    name = f"scratch_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"create database {name}")
    db.close()
    scratch = base.replace("/postgres?", f"/{name}?")
    monkeypatch.setenv("DATABASE_URL", scratch)
    settings.cache_clear()
    yield scratch
    db.close()
    monkeypatch.delenv("DATABASE_URL")
    settings.cache_clear()
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"drop database {name} with (force)")
