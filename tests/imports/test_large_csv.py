"""A 50 MB CSV export streams through the importer in flat memory (no timing asserted)."""

import tracemalloc

import rowfixtures as F

from lib.imports import Source, run_import
from lib.store import workflows

SIZE = 50 * 1024 * 1024


def test_fifty_megabytes_import_with_flat_memory(tenant, tmp_path):
    path = tmp_path / "workflow_blocks.csv"
    # Long prompts (8 KB an agent) keep the row count, and so the test's run time, moderate.
    rows = F.write_large_csv(path, target_bytes=SIZE, blocks_per_workflow=20, prompt_bytes=8000)
    assert path.stat().st_size >= SIZE
    # Each imported workflow is indexed for search: the embedding model loads once per process
    # (a fixed cost, like the connection pool), and one embedding call of a long text has its own
    # transient peak, whatever the file's size. Both are measured first and allowed for.
    from lib.embeddings import get_embedder

    embedder = get_embedder()
    embedder.embed(["warm up"])
    tracemalloc.start()
    embedder.embed(["a long prompt " * 400])
    embed_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    tracemalloc.start()
    try:
        with open(path, "rb") as fh:
            report = run_import(tenant, [Source(path.name, fh)])
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(
        f"50 MB import: {rows} rows, peak traced allocation {peak / 1e6:.1f} MB (embedding call {embed_peak / 1e6:.1f} MB)"
    )
    assert report.rejected == []
    assert len(report.imported) == rows // 20 and all(i.valid for i in report.imported)
    # Peak Python allocation while importing stays a small fraction of the file.
    assert peak < 25 * 1024 * 1024 + embed_peak, (
        f"peak {peak / 1e6:.1f} MB (one embedding call alone {embed_peak / 1e6:.1f} MB) for a {SIZE / 1e6:.0f} MB file"
    )
    sample = workflows.get(tenant, report.imported[0].id)
    assert len(sample.state["blocks"]) == 20 and len(sample.state["edges"]) == 19
