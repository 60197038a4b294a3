"""CSV import throughput on a whole Sim export, beside a raw COPY floor measured in the same run.

Run: python bench/import_csv.py [BLOCK_ROWS]   (default 100,000; numbers only, no assertions)

The export has Sim's real shape: four table files (workflow, workflow_blocks, workflow_edges,
workflow_subflows), five blocks a workflow (starter, agent, api with a clear key in a header, a
loop and a function inside it), explicit edges and loop rows — like /work/shared/sim-examples and
tests/imports/rowfixtures.py. Measured, on the embedded database in a scratch data dir:

1. one CLI-style run (`run_import`: staged, then batches with no time budget, then the search
   phase): rows/s, block rows/s, workflows/s and CPU to the end of storing, then to the end of
   indexing (searchable), peak RSS growth;
2. re-importing the same export (every workflow updated in place, previous state kept);
3. the resumable path (`POST /api/imports/{id}/run`'s code) with its default 20 s budget:
   calls, the slowest call, and whether the stored result equals the CLI run's;
4. the floor: psycopg COPY of the same rows, pre-encoded by the server into a file (untimed),
   into the same four tables — with the full `workflow.state`, and with an empty one;
5. reads of one workflow: its `state` column beside rebuilding it from the normalized rows.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "imports")]
os.environ.setdefault(
    "AGENT_FORGE_DATA_DIR", str(Path(tempfile.gettempdir()) / f"agent-forge-bench-{os.getuid()}")
)

TABLES = ("workflow", "workflow_blocks", "workflow_edges", "workflow_subflows")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fingerprint(tenant: str) -> tuple[int, str]:
    """(workflows, md5 over every stored state, name and row count by import key) of a tenant."""
    from lib.store import db

    with db.transaction() as c:
        row = c.execute(
            "select count(*) as n, md5(string_agg(import_key || name || state::text"
            " || (select count(*) from workflow_blocks b where b.tenant_id = w.tenant_id and b.workflow_id = w.id)"
            " || (select count(*) from workflow_edges e where e.tenant_id = w.tenant_id and e.workflow_id = w.id),"
            " '|' order by import_key)) as h from workflow w where tenant_id = %s",
            (tenant,),
        ).fetchone()
    return row["n"], row["h"]


def _floor(source_tenant: str, folder: Path, with_state: bool) -> tuple[float, int]:
    """Seconds to COPY the source tenant's rows (pre-encoded to files, untimed) into the four tables."""
    from lib.store import db

    tag = uuid.uuid4().hex[:8]
    floor_tenant = f"floor-{tag}"
    state = "state" if with_state else "'{}'::jsonb"
    wf_cols = (
        "id, tenant_id, name, description, metadata, variables, state, import_key, user_id, workspace_id,"
        " folder_id, color, is_deployed, deployed_at, deployed_state, run_count, last_run_at, is_published,"
        " marketplace_data, collaborators, last_synced, created_at, updated_at"
    )
    selects = {
        "workflow": (
            wf_cols,
            f"select '{tag}' || id, '{floor_tenant}', name, description, metadata, variables, {state},"
            " import_key, user_id, workspace_id, folder_id, color, is_deployed, deployed_at, deployed_state,"
            " run_count, last_run_at, is_published, marketplace_data, collaborators, last_synced, created_at,"
            " updated_at from workflow",
        ),
        "workflow_blocks": (
            "id, workflow_id, tenant_id, type, name, position_x, position_y, enabled, horizontal_handles,"
            " is_wide, advanced_mode, height, sub_blocks, outputs, data, parent_id, extent",
            f"select id, '{tag}' || workflow_id, '{floor_tenant}', type, name, position_x, position_y, enabled,"
            " horizontal_handles, is_wide, advanced_mode, height, sub_blocks, outputs, data, parent_id, extent"
            " from workflow_blocks",
        ),
        "workflow_edges": (
            "id, workflow_id, tenant_id, source_block_id, target_block_id, source_handle, target_handle",
            f"select id, '{tag}' || workflow_id, '{floor_tenant}', source_block_id, target_block_id,"
            " source_handle, target_handle from workflow_edges",
        ),
        "workflow_subflows": (
            "id, workflow_id, tenant_id, type, config",
            f"select id, '{tag}' || workflow_id, '{floor_tenant}', type, config from workflow_subflows",
        ),
    }
    total_rows = 0
    with db.transaction() as c:
        for table, (_cols, select) in selects.items():
            with (
                open(folder / f"{table}.copy", "wb") as fh,
                c.cursor() as cur,
                cur.copy(f"copy ({select} where tenant_id = %s) to stdout", (source_tenant,)) as copy,
            ):
                for chunk in copy:
                    fh.write(chunk)
    started = time.perf_counter()
    with db.transaction() as c:
        for table, (cols, _select) in selects.items():
            with open(folder / f"{table}.copy", "rb") as fh, c.cursor() as cur:
                with cur.copy(f"copy {table} ({cols}) from stdin") as copy:
                    while chunk := fh.read(1 << 20):
                        copy.write(chunk)
                total_rows += cur.rowcount if cur.rowcount > 0 else 0
    elapsed = time.perf_counter() - started
    with db.transaction() as c:
        c.execute("delete from workflow where tenant_id = %s", (floor_tenant,))
    return elapsed, total_rows


def _checks(tenant: str, n: int = 1000) -> tuple[float, float]:
    """CPU ms a workflow of the two per-workflow checks every write runs: the secrets scan and validation."""
    from lib.secrets import scrub
    from lib.store import db
    from lib.validation import validate

    with db.transaction() as c:
        states = [
            r["state"]
            for r in c.execute(
                "select state from workflow where tenant_id = %s limit %s", (tenant, n)
            ).fetchall()
        ]
    t = time.process_time()
    for state in states:
        scrub(state)
    scrub_s = time.process_time() - t
    t = time.process_time()
    for state in states:
        validate(state)
    validate_s = time.process_time() - t
    return scrub_s / len(states) * 1000, validate_s / len(states) * 1000


def _reads(tenant: str, n: int = 500) -> tuple[float, float]:
    """Median ms to read one workflow's state column, and to rebuild it from its normalized rows."""
    from lib.sim.rows import build_state
    from lib.store import db

    with db.transaction() as c:
        ids = [
            r["id"] for r in c.execute("select id from workflow where tenant_id = %s", (tenant,)).fetchall()
        ]
    picks = random.Random(7).sample(ids, min(n, len(ids)))
    column, rebuilt = [], []
    with db.connection() as c:
        c.autocommit = True
        for wid in picks:
            t = time.perf_counter()
            c.execute("select state from workflow where tenant_id = %s and id = %s", (tenant, wid)).fetchone()
            column.append(time.perf_counter() - t)
            t = time.perf_counter()
            blocks = c.execute(
                "select * from workflow_blocks where tenant_id = %s and workflow_id = %s", (tenant, wid)
            ).fetchall()
            edges = c.execute(
                "select * from workflow_edges where tenant_id = %s and workflow_id = %s", (tenant, wid)
            ).fetchall()
            subflows = c.execute(
                "select * from workflow_subflows where tenant_id = %s and workflow_id = %s", (tenant, wid)
            ).fetchall()
            build_state(blocks, edges, subflows, None, workflow_id=wid)
            rebuilt.append(time.perf_counter() - t)
        c.autocommit = False
    column.sort()
    rebuilt.sort()
    return column[len(column) // 2] * 1000, rebuilt[len(rebuilt) // 2] * 1000


def main() -> None:
    import rowfixtures

    from lib.imports import Source, jobs, run_import
    from lib.store import db, migrations

    block_rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_workflows = block_rows // 5
    migrations.migrate()
    run_id = uuid.uuid4().hex[:8]
    cli_tenant, job_tenant = f"bench-cli-{run_id}", f"bench-job-{run_id}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "export"
        folder.mkdir()
        counts = rowfixtures.write_export(folder, n_workflows, prefix=f"b{run_id}")
        rows = sum(counts.values())
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(
            f"export: {n_workflows:,} workflows, {rows:,} rows in 4 files "
            f"({counts['workflow_blocks_rows.csv']:,} block rows), {size / 1e6:.1f} MB"
        )

        def sources() -> list:
            return [Source(p.name, p.open("rb")) for p in sorted(folder.iterdir())]

        print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")
        blocks_n = counts["workflow_blocks_rows.csv"]
        from lib.embeddings import get_embedder

        get_embedder().embed(["warm up"])  # the model loads once per process, like the pool

        def one_run(label: str) -> Any:
            """run_import, timed to the end of storing and to the end of indexing for search."""
            marks: dict[str, tuple[float, float]] = {}

            def progress(stage: str, _done: int, _total: int | None) -> None:
                if stage == "index" and "stored" not in marks:
                    marks["stored"] = (time.perf_counter(), time.process_time())

            t, cpu = time.perf_counter(), time.process_time()
            report = run_import(cli_tenant, sources(), progress=progress)
            end, end_cpu = time.perf_counter(), time.process_time()
            st, st_cpu = marks.get("stored", (end, end_cpu))
            n = max(1, len(report.imported))
            print(
                f"{label} stored:   {st - t:6.1f} s  {rows / (st - t):>9,.0f} rows/s  "
                f"{blocks_n / (st - t):>9,.0f} block rows/s  {n / (st - t):>7,.0f} workflows/s  "
                f"imported {len(report.imported):,}, rejected {len(report.rejected)}; "
                f"CPU of this process {(st_cpu - cpu) / n * 1000:.2f} ms a workflow"
            )
            print(
                f"{label} indexed:  {end - t:6.1f} s end to end ({end - st:.1f} s indexing for search: "
                f"{n / max(end - st, 1e-9):,.0f} workflows/s, CPU {(end_cpu - st_cpu) / n * 1000:.2f} ms a"
                f" workflow)  {blocks_n / (end - t):>9,.0f} block rows/s searchable"
            )
            return report

        rss0 = _rss_mb()
        one_run("import (one run)")
        rss1 = _rss_mb()
        print(
            f"peak RSS:           {rss1:6.0f} MB (before the import {rss0:.0f} MB, growth {rss1 - rss0:.0f} MB)"
        )
        scrub_ms, validate_ms = _checks(cli_tenant)
        print(
            f"of the stored phase's CPU, measured on 1,000 of the stored states: secrets scan"
            f" {scrub_ms:.2f} ms, validation {validate_ms:.2f} ms a workflow"
        )

        again = one_run("re-import (update)")
        print(f"  created {sum(i.created for i in again.imported)}")

        job = f"bench{run_id}"
        calls, slowest = 0, 0.0
        t = time.perf_counter()
        staged = False
        while True:
            began, began_mono = time.perf_counter(), time.monotonic()
            if not staged:
                jobs.stage(job_tenant, job, sources())
                staged = True
            progress = jobs.advance(job_tenant, job, budget_s=jobs.BUDGET_S, started=began_mono)
            calls += 1
            slowest = max(slowest, time.perf_counter() - began)
            print(
                f"  call {calls}: {time.perf_counter() - began:5.1f} s, {progress.rows_done:,}/{progress.rows_total:,}"
                f" rows, {progress.workflows_imported:,} imported, {progress.remaining:,} remaining, {progress.status}"
            )
            if progress.status == "done":
                break
        job_s = time.perf_counter() - t
        same = _fingerprint(job_tenant) == _fingerprint(cli_tenant)
        print(
            f"resumable path:     {job_s:6.1f} s over {calls} calls (slowest {slowest:.1f} s, budget "
            f"{jobs.BUDGET_S:.0f} s of Vercel's 30 s); same stored result as the one run: {same}"
        )

        floor_s, floor_rows = _floor(cli_tenant, Path(tmp), with_state=True)
        print(
            f"floor: COPY pre-encoded rows, full state:  {floor_s:5.1f} s  {floor_rows / floor_s:>9,.0f} rows/s  "
            f"{counts['workflow_blocks_rows.csv'] / floor_s:>9,.0f} block rows/s"
        )
        bare_s, bare_rows = _floor(cli_tenant, Path(tmp), with_state=False)
        print(
            f"floor: COPY pre-encoded rows, empty state: {bare_s:5.1f} s  {bare_rows / bare_s:>9,.0f} rows/s  "
            f"{counts['workflow_blocks_rows.csv'] / bare_s:>9,.0f} block rows/s"
        )
        col_ms, rows_ms = _reads(cli_tenant)
        print(
            f"read one workflow:  state column {col_ms:.2f} ms (median)  vs rebuilt from its rows {rows_ms:.2f} ms"
        )
    with db.transaction() as c:
        c.execute("delete from workflow where tenant_id = any(%s)", ([cli_tenant, job_tenant],))
        c.execute("delete from search_documents where tenant_id = any(%s)", ([cli_tenant, job_tenant],))
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    db.close()


if __name__ == "__main__":
    main()
