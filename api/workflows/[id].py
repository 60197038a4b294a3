"""GET/PUT/DELETE /api/workflows/{id} — read, replace and delete (optimistic version checks)."""

from mangum import Mangum

from lib.web import Context, Endpoint
from lib.workflows import service
from lib.workflows.models import ReplaceWorkflowIn, WorkflowOut

app = Endpoint("/api/workflows/{id}", tag="workflows")


@app.get(response=WorkflowOut, cache="private", errors=(404,))
def read_workflow(ctx: Context, id: str) -> WorkflowOut:
    """One stored workflow with its state; its ETag (`"<version>-<digest>"`) is accepted by PUT's If-Match."""
    workflow = service.read(ctx.tenant, id)
    ctx.response_headers["etag"] = service.etag(workflow)
    return workflow


@app.put(response=WorkflowOut, errors=(404, 409))
def replace_workflow(ctx: Context, id: str, body: ReplaceWorkflowIn) -> WorkflowOut:
    """Replace the state; `version` (body or If-Match) must be current, else 409."""
    return service.replace(ctx.tenant, id, body, ctx.header("if-match"))


@app.delete(status=204, errors=(404, 409, 422))
def delete_workflow(ctx: Context, id: str) -> None:
    """Delete the workflow, its block, edge and subflow rows and its history; a stale If-Match → 409."""
    service.delete(ctx.tenant, id, ctx.header("if-match"))


handler = Mangum(app, lifespan="off")
