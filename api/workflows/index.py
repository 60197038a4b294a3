"""GET/POST /api/workflows — list stored workflows (keyset pages) and store a posted state."""

from mangum import Mangum

from lib.web import Context, Endpoint
from lib.workflows import service
from lib.workflows.models import CreateWorkflowIn, ListQuery, WorkflowList, WorkflowOut

app = Endpoint("/api/workflows", tag="workflows")


@app.get(response=WorkflowList, cache="private")
def list_workflows(ctx: Context, query: ListQuery) -> WorkflowList:
    """List stored workflows, newest first; follow `next_cursor` for the next page."""
    return service.page(ctx.tenant, query)


@app.post(response=WorkflowOut, status=201, content_types=("application/json", "application/yaml"))
def create_workflow(ctx: Context, body: CreateWorkflowIn) -> WorkflowOut:
    """Store a state or Sim export envelope; an invalid state is a 422 listing the findings."""
    return service.create(ctx.tenant, body)


handler = Mangum(app, lifespan="off")
