"""`python -m lib reembed [--embedder …]`: re-index every workflow and template, resumably.

For switching embedders on a live database: vectors are kept per embedder, so the old one keeps
serving searches until the new one is complete; each batch commits on its own, and a rerun picks
up only what is still missing or stale.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lib reembed", description="Re-index workflows and templates for search."
    )
    parser.add_argument(
        "--embedder",
        choices=["auto", "openai", "local", "hashed"],
        default="auto",
        help="which embedder to index with (default: the one the settings select)",
    )
    parser.add_argument("--tenant", default=None, help="only this tenant's workflows (templates always)")
    parser.add_argument("--batch", type=int, default=64, help="workflows per embedding call and commit")
    args = parser.parse_args(argv)

    from lib.embeddings import get_embedder
    from lib.search.indexing import reembed
    from lib.store import migrations

    migrations.migrate()
    emb = get_embedder(args.embedder)
    print(f"embedder: {emb.name} ({emb.dim} dimensions)", file=sys.stderr)
    try:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    except ImportError:  # rich is a dev dependency; without it, count in plain lines
        done = reembed(emb=emb, tenant=args.tenant, batch=max(1, args.batch), progress=_plain)
    else:
        with Progress(
            TextColumn("re-indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=not sys.stderr.isatty(),
        ) as bar:
            task = bar.add_task("reembed", total=None)
            done = reembed(
                emb=emb,
                tenant=args.tenant,
                batch=max(1, args.batch),
                progress=lambda n, total: bar.update(task, completed=n, total=total),
            )
    print(f"re-indexed {done} workflow(s) and the templates with {emb.name}")
    return 0


def _plain(done: int, total: int) -> None:
    print(f"{done}/{total}", file=sys.stderr)
