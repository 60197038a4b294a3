"""Read latency of the two hottest endpoints, in process: GET /api/templates and GET /api/workflows?limit=50.

Stores 10,000 workflows (template states, as users create them) for one bench tenant, then times
requests through the whole local server with Starlette's TestClient. Uses the configured database
(the embedded one under .data/ unless DATABASE_URL is set); the rows are reused by later runs.

Run: python bench/api_reads.py [requests-per-endpoint]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.store import db, keys, migrations, workflows
from lib.templates import catalogue

TENANT = "bench-api-reads"
TARGET = 10_000
BATCH = 500


def _count() -> int:
    total, cursor = 0, None
    while True:
        rows, cursor = workflows.page(TENANT, limit=200, cursor=cursor)
        total += len(rows)
        if cursor is None:
            return total


def _fill() -> float:
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


def _time(client, path: str, headers: dict[str, str], n: int) -> list[float]:
    client.get(path, headers=headers)  # warm: route import, pool, caches
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(path, headers=headers)
        out.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text
    return out


def _report(label: str, ms: list[float]) -> None:
    q = statistics.quantiles(ms, n=100)
    print(f"{label:38} n={len(ms):4}  p50={q[49]:7.2f} ms  p95={q[94]:7.2f} ms  max={max(ms):7.2f} ms")


def main() -> None:
    from starlette.testclient import TestClient

    from lib.web.server import create_app

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    migrations.migrate()
    filled = _fill()
    print(
        f"bench tenant {TENANT}: {_count()} workflows stored"
        + (f" (inserted in {filled:.1f} s)" if filled > 0.5 else "")
    )
    key = keys.create(TENANT, role="read")[1]
    auth = {"Authorization": f"Bearer {key}"}
    with TestClient(create_app()) as client:
        _report("GET /api/templates", _time(client, "/api/templates", {}, n))
        _report("GET /api/workflows?limit=50", _time(client, "/api/workflows?limit=50", auth, n))
        first = client.get("/api/workflows?limit=50", headers=auth).json()["next_cursor"]
        _report(
            "GET /api/workflows?limit=50&cursor=…",
            _time(client, f"/api/workflows?limit=50&cursor={first}", auth, n),
        )
    db.close()


if __name__ == "__main__":
    main()
