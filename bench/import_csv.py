"""Import throughput: 100k workflow_blocks rows (5,000 workflows of 20 blocks, interleaved) → rows/s, peak memory.

Run: python bench/import_csv.py [ROWS]. Uses the embedded database in a scratch data dir.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "imports")]
os.environ.setdefault(
    "AGENT_FORGE_DATA_DIR", str(Path(tempfile.gettempdir()) / f"agent-forge-bench-{os.getuid()}")
)


def main() -> None:
    import rowfixtures

    from lib.imports import Source, run_import
    from lib.store import db, migrations

    rows_wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    migrations.migrate()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "workflow_blocks.csv"
        rows = rowfixtures.write_large_csv(path, rows_wanted=rows_wanted, blocks_per_workflow=20)
        size = path.stat().st_size
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        with open(path, "rb") as fh:
            report = run_import(f"bench-{uuid.uuid4().hex[:8]}", [Source(path.name, fh)])
        elapsed = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    db.close()
    print(
        f"file: {rows} block rows, {size / 1e6:.1f} MB, {len(report.imported)} workflows, "
        f"{len(report.rejected)} rejected"
    )
    print(
        f"time: {elapsed:.1f} s  →  {rows / elapsed:,.0f} block rows/s  ({len(report.imported) / elapsed:,.1f} workflows/s)"
    )
    print(
        f"peak RSS: {rss_after / 1024:.0f} MB (before import {rss_before / 1024:.0f} MB, "
        f"growth {(rss_after - rss_before) / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
