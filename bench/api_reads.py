"""Read latency at the ASGI layer, beside floors measured in the same run.

Stores 10,000 workflows (template states, as users create them) for one bench tenant, then calls
each route file's own ASGI `app` directly — the object Vercel runs, no TestClient, no server —
with an authenticated request, and prints p50/p95 for:

- floor: a bare Starlette app answering `{}` on one route, driven the same way (what any route
  costs before it does anything);
- floor: the list page's SQL in raw psycopg on one open connection (what the data costs);
- `GET /api/templates`, `GET /api/workflows?limit=50`, and the next page by cursor.

Beside wall-clock p50/p95 each line prints the median CPU time of this process per request (its
worker threads included, the database server not): on a shared machine the wall times mostly
measure the neighbours, the CPU time what our code costs.

Uses the configured database (the embedded one under .data/ unless DATABASE_URL is set); the
rows are reused by later runs. Asserts nothing.

Configuration the bench sets for itself (before anything reads the settings): the per-minute rate
limit is raised to one no run reaches (`RATE_LIMIT_PER_MINUTE`), so every request still pays the
limiter as in production but none is refused (all requests come from one address); the JSON
access log goes to `.bench/api_reads.log` instead of stderr, formatted as in production.

Run: python bench/api_reads.py [requests-per-route]
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

# bench/ itself off the path: a script here must not shadow a library module (tests/bench/test_scripts.py).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Counted, never refused: 4 paths x (n + 5) rounds from one address stay far below this.
os.environ["RATE_LIMIT_PER_MINUTE"] = os.environ.get("BENCH_RATE_LIMIT", "10000000")

from lib.config import ROOT  # noqa: E402
from lib.store import db, keys, migrations, workflows  # noqa: E402
from lib.web.routes import load_module  # noqa: E402

TENANT = "bench-api-reads"
TARGET = 10_000
BATCH = 500


def _count() -> int:
    with db.reading() as c:
        return c.execute("select count(*) as n from workflow where tenant_id = %s", (TENANT,)).fetchone()["n"]


def _fill() -> float:
    from lib.templates import catalogue

    have = _count()
    templates = catalogue.all_templates()
    started = time.perf_counter()
    while have < TARGET:
        with db.transaction() as conn:
            for i in range(have, min(have + BATCH, TARGET)):
                t = templates[i % len(templates)]
                workflows.create(
                    TENANT,
                    state=t.state,
                    name=f"{t.display_name} #{i}",
                    description=t.description,
                    category=t.category,
                    template_source=t.name,
                    conn=conn,
                )
        have = min(have + BATCH, TARGET)
    return time.perf_counter() - started


async def _call(app, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """One request through the ASGI interface, as a server (or Vercel's runtime) makes it."""
    raw_path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "https",
        "path": raw_path,
        "raw_path": raw_path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in {"host": "bench", **headers}.items()],
        "client": ("127.0.0.1", 1),
        "server": ("bench", 443),
    }
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


async def _call_ok(app, path: str, headers: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms of this process, its worker threads included) of one request."""
    c0, t0 = time.process_time(), time.perf_counter()
    status, body = await _call(app, path, headers)
    ms, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    assert status == 200, body[:300]
    return ms, cpu


def _sql_floor_query():
    """The list page's query on one open connection, autocommit, rows fetched: the data's cost."""
    import psycopg
    from psycopg.rows import dict_row

    sql = (
        f"select {workflows.LIST_COLUMNS}, seq from workflow where tenant_id = %s order by seq desc limit %s"
    )
    conn = psycopg.connect(db.url(), autocommit=True, row_factory=dict_row, prepare_threshold=None)

    def run() -> tuple[float, float]:
        c0, t0 = time.process_time(), time.perf_counter()
        conn.execute(sql, (TENANT, 51)).fetchall()
        return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000

    return run, conn


def _bare_app():
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    async def ok(request):
        return Response(b"{}", media_type="application/json")

    return Starlette(routes=[Route("/floor", ok)])


def _report(label: str, samples: list[tuple[float, float]]) -> None:
    ms = [wall for wall, _ in samples]
    q = statistics.quantiles(ms, n=100)
    cpu = statistics.median(c for _, c in samples)
    print(
        f"{label:44} n={len(ms):4}  p50={q[49]:7.2f} ms  p95={q[94]:7.2f} ms  max={max(ms):7.2f} ms  "
        f"CPU p50={cpu:5.2f} ms"
    )


async def _run(n: int, auth: dict[str, str]) -> None:
    """Every measured path once per round, rounds repeated n times: load on the shared machine
    falls on the floors and the routes alike."""
    templates = load_module(ROOT / "api" / "templates" / "index.py").app
    listing = load_module(ROOT / "api" / "workflows" / "index.py").app
    bare = _bare_app()
    sql, conn = _sql_floor_query()
    _status, body = await _call(listing, "/api/workflows?limit=50", auth)
    cursor = json.loads(body)["next_cursor"]
    paths = {
        "floor: bare Starlette route, same driver": (bare, "/floor", {}),
        "GET /api/templates": (templates, "/api/templates", {}),
        "GET /api/workflows?limit=50": (listing, "/api/workflows?limit=50", auth),
        "GET /api/workflows?limit=50&cursor=…": (listing, f"/api/workflows?limit=50&cursor={cursor}", auth),
    }
    times: dict[str, list[tuple[float, float]]] = {
        label: [] for label in ["floor: the list page's SQL, raw psycopg", *paths]
    }
    for i in range(n + 5):  # the first 5 rounds warm the pool, caches and first-use imports
        sql_ms = sql()
        got = {label: await _call_ok(app, path, headers) for label, (app, path, headers) in paths.items()}
        if i >= 5:
            times["floor: the list page's SQL, raw psycopg"].append(sql_ms)
            for label, ms in got.items():
                times[label].append(ms)
    conn.close()
    for label, ms in times.items():
        _report(label, ms)


def _log_to_file() -> Path:
    """The access log, as production formats it, into a file: the bench's stdout stays its table."""
    from lib.web.logs import JsonLines

    path = ROOT / ".bench" / "api_reads.log"
    path.parent.mkdir(exist_ok=True)
    handler = logging.FileHandler(path, mode="w")
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.handlers = [handler]  # lib.web.logs.configure keeps a handler it finds
    root.setLevel(logging.INFO)
    return path


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    log_file = _log_to_file()
    migrations.migrate()
    filled = _fill()
    with db.reading() as c:  # fresh statistics after the fill, as autovacuum would soon have them
        c.execute("analyze workflow")
    print(
        f"bench tenant {TENANT}: {_count()} workflows stored"
        + (f" (inserted in {filled:.1f} s)" if filled > 0.5 else "")
        + f"; {n} rounds of one request per path, after 5 warm-up rounds; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
        f"access log in {log_file.relative_to(ROOT)}\n"
    )
    auth = {"authorization": f"Bearer {keys.create(TENANT, role='read')[1]}"}
    asyncio.run(_run(n, auth))
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    db.close()


if __name__ == "__main__":
    main()
