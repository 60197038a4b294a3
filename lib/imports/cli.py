"""`python -m lib import FILE…`: import Sim exports from disk, with a progress bar.

Same pipeline as the HTTP route, so a file that imports here imports there (bar the 4.5 MB
body cap, which is what object storage is for). `--upload ID` drives an import uploaded to object
storage (POST /api/imports) to its end, call after call, as the dashboard does. Exit code 0 when
nothing was rejected.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lib.imports.pipeline import Source, run_import


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lib import", description="Import Sim CSV/JSON/YAML exports."
    )
    parser.add_argument("files", nargs="*", type=Path, help="CSV table exports, JSON states/envelopes, YAML")
    parser.add_argument("--upload", default=None, help="run the import uploaded under this id to its end")
    parser.add_argument(
        "--tenant", default=None, help="tenant to import into (default: settings default_tenant)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)

    from lib.config import settings
    from lib.store import migrations

    if args.upload:
        migrations.migrate()
        return _drive_upload(args.tenant or settings().default_tenant, args.upload)
    if not args.files:
        parser.error("give one or more files, or --upload ID")
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(f"error: not a file: {', '.join(missing)}", file=sys.stderr)
        return 2
    migrations.migrate()
    tenant = args.tenant or settings().default_tenant
    total = sum(f.stat().st_size for f in args.files)
    handles = [f.open("rb") for f in args.files]
    try:
        sources = [Source(f.name, h, f.stat().st_size) for f, h in zip(args.files, handles)]
        report = _run_with_progress(tenant, sources, total, quiet=args.json)
    finally:
        for h in handles:
            h.close()
    if args.json:
        print(json.dumps(report.model_dump(mode="json"), indent=2))
    else:
        for item in report.imported:
            status = "valid" if item.valid else "INVALID"
            print(
                f"imported {item.id}  {item.name!r}  {status}  findings={item.findings}  "
                f"assumptions={len(item.assumptions)}"
            )
        _print_rejected(report.rejected)
        print(f"{len(report.imported)} imported, {len(report.rejected)} rejected")
    return 0 if not report.rejected else 1


def _print_rejected(rejected: list) -> None:
    for rej in rejected:
        print(
            f"rejected {rej.file}" + (f":{rej.line}" if rej.line else "") + f"  {rej.reason}", file=sys.stderr
        )


def _drive_upload(tenant: str, upload_id: str) -> int:
    """POST …/run's work, call after call (each within its time budget), until the import is done."""
    from lib.imports.storage import run_upload

    while True:
        p = run_upload(tenant, upload_id)
        print(
            f"{p.rows_done}/{p.rows_total} rows, {p.workflows_imported} imported, "
            f"{p.rejected_count} rejected, {p.remaining} remaining",
            file=sys.stderr,
        )
        if p.status == "done":
            _print_rejected(p.rejected)
            print(f"{p.workflows_imported} imported, {p.rejected_count} rejected")
            return 0 if not p.rejected_count else 1


def _run_with_progress(tenant: str, sources: list[Source], total: int, *, quiet: bool):
    try:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )
    except ImportError:  # rich is a dev dependency; without it, import quietly
        return run_import(tenant, sources)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=quiet or not sys.stderr.isatty(),
        console=None,
    ) as bar:
        reading = bar.add_task("reading", total=total or None)
        storing = bar.add_task("storing", total=None)

        def progress(stage: str, done: int, _total: int | None) -> None:
            if stage == "read":
                bar.update(reading, completed=done)
            elif stage == "index":
                bar.update(storing, description=f"stored {done} workflow(s); indexing them for search")
            else:
                bar.update(storing, completed=done, description=f"stored {done} workflow(s)")

        return run_import(tenant, sources, progress=progress)
