"""What a write costs now that it keeps history and commits once with its audit row.

In process through the whole local server (Starlette's TestClient, real database): N PUTs of a
template state to one workflow (each copies the previous version into the history, mirrors the
blocks, writes the audit row, renders, then commits), N POST creates with an Idempotency-Key,
and their replays; the floor is a GET of the same workflow in the same run. Then checks that
every acknowledged PUT left exactly one history row.

Run: python bench/writes.py [n]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Counted, never refused: every request of a run comes from one address and one key, more than a minute's
# limit allows (the runs of 2026-12-03 06:26 measured 429s instead of writes).
os.environ["RATE_LIMIT_PER_MINUTE"] = os.environ.get("BENCH_RATE_LIMIT", "10000000")

from starlette.testclient import TestClient

from lib.store import db, keys, migrations
from lib.templates import catalogue
from lib.web.server import create_app


def _ms(times: list[float]) -> str:
    q = statistics.quantiles(times, n=20)
    return f"p50 {statistics.median(times):6.1f} ms  p95 {q[18]:6.1f} ms"


def main(n: int = 200) -> None:
    migrations.migrate()
    tenant = f"bench-writes-{uuid.uuid4().hex[:8]}"
    headers = {"Authorization": f"Bearer {keys.create(tenant, role='write')[1]}"}
    states = [catalogue.get("ai-pr-reviewer").state, catalogue.get("support-ticket-triage").state]
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        wid = c.post("/api/workflows", json={"state": states[0]}, headers=headers).json()["id"]
        gets, puts, creates, replays, acked = [], [], [], [], 0
        for i in range(n):
            t0 = time.perf_counter()
            c.get(f"/api/workflows/{wid}", headers=headers)
            gets.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            r = c.put(
                f"/api/workflows/{wid}", json={"state": states[i % 2], "version": i + 1}, headers=headers
            )
            puts.append((time.perf_counter() - t0) * 1000)
            acked += r.status_code == 200
        for i in range(n):
            h = {**headers, "Idempotency-Key": f"k{i}"}
            t0 = time.perf_counter()
            c.post("/api/workflows", json={"state": states[1], "name": f"w{i}"}, headers=h)
            creates.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            c.post("/api/workflows", json={"state": states[1], "name": f"w{i}"}, headers=h)
            replays.append((time.perf_counter() - t0) * 1000)
    with db.transaction() as conn:
        kept = conn.execute(
            "select count(*) as n from workflow_versions where workflow_id = %s", (wid,)
        ).fetchone()
        made = conn.execute("select count(*) as n from workflow where tenant_id = %s", (tenant,)).fetchone()
    print(f"GET  /api/workflows/{{id}} (floor)              {_ms(gets)}")
    print(f"PUT  /api/workflows/{{id}} (history + audit)    {_ms(puts)}")
    print(f"POST /api/workflows with Idempotency-Key       {_ms(creates)}")
    print(f"POST replay of the same key                    {_ms(replays)}")
    print(
        f"acknowledged PUTs {acked}, history rows {kept['n']}; workflows created {made['n']} for {n} keys + 1"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
