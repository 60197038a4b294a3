"""POST /api/workflows/templates/{name} — create a stored workflow from a catalogue template."""

from mangum import Mangum

from lib.templates.models import UseTemplateIn
from lib.web import Context, Endpoint
from lib.workflows import service
from lib.workflows.models import WorkflowOut

app = Endpoint("/api/workflows/templates/{name}", tag="workflows")


@app.post(response=WorkflowOut, status=201, errors=(404,), max_body=256_000)
def create_from_template(ctx: Context, name: str, body: UseTemplateIn) -> WorkflowOut:
    """Customize the template, give it fresh ids, validate and store it."""
    return service.create_from_template(ctx.tenant, name, body)


handler = Mangum(app, lifespan="off")
