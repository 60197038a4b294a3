"""Search fixtures: a tenant holding the 11 imported Sim exports and a few generated workflows,
searched together with the 13 public templates (real Postgres, the real local embedder)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

try:  # One BLAS thread: on the shared 2-core machine numpy's thread pool oversubscribes the
    # cores and the local embedder runs 10-15x slower under load than single-threaded.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
except ImportError:  # a speed-up only
    pass

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parents[2] / "shared" / "sim-examples" / "landing-page-templates"
LABELLED = json.loads((HERE / "labelled_queries.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(store):
    """{tenant, ids: {"import:<stem>" | "generated:<key>" | "template:<name>": (kind, id)}}."""
    from lib.generation import service as generation
    from lib.imports.pipeline import Source, run_import
    from lib.templates import catalogue

    tenant = f"search-{uuid.uuid4().hex[:10]}"
    files = sorted(EXAMPLES.glob("*.json"))
    handles = [f.open("rb") for f in files]
    try:
        report = run_import(tenant, [Source(f.name, h, f.stat().st_size) for f, h in zip(files, handles)])
    finally:
        for h in handles:
            h.close()
    assert not report.rejected, report.rejected
    ids = {f"import:{i.name}": ("workflow", i.id) for i in report.imported}
    for item in LABELLED["generated"]:
        result = generation.generate(tenant, item["description"])
        ids[f"generated:{item['key']}"] = ("workflow", result.workflow.id)
    for t in catalogue.all_templates():
        ids[f"template:{t.name}"] = ("template", t.name)
    return {"tenant": tenant, "ids": ids}
