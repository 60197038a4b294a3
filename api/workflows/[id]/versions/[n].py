"""GET /api/workflows/{id}/versions/{n} — one version of a workflow, with its state."""

from mangum import Mangum

from lib.store.versions import VersionRecord
from lib.web import Context, Endpoint
from lib.workflows import service

app = Endpoint("/api/workflows/{id}/versions/{n}", tag="workflows")


@app.get(response=VersionRecord, cache="private", errors=(404,))
def read_version(ctx: Context, id: str, n: str) -> VersionRecord:
    """Version `n` as it was stored: state, name, description, status, metadata, variables."""
    return service.version(ctx.tenant, id, service.version_number(n))


handler = Mangum(app, lifespan="off")
