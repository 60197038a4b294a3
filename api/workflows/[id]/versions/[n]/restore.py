"""POST /api/workflows/{id}/versions/{n}/restore — bring a version back as a new version."""

from mangum import Mangum

from lib.web import Context, Endpoint
from lib.workflows import service
from lib.workflows.models import WorkflowOut

app = Endpoint("/api/workflows/{id}/versions/{n}/restore", tag="workflows")


@app.post(response=WorkflowOut, errors=(404, 409, 422))
def restore_version(ctx: Context, id: str, n: str) -> WorkflowOut:
    """The current version is kept in the history first; with If-Match, only if it is still current (else 409)."""
    return service.restore(ctx.tenant, id, service.version_number(n), ctx.header("if-match"))


handler = Mangum(app, lifespan="off")
