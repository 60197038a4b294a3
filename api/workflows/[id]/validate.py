"""POST /api/workflows/{id}/validate — validate a stored workflow and keep the result in its metadata."""

from mangum import Mangum

from lib.imports.models import ValidateQuery, ValidationOut
from lib.web import Context, Endpoint
from lib.workflows.documents import validate_stored

app = Endpoint("/api/workflows/{id}/validate", tag="validation")


@app.post(response=ValidationOut, errors=(404,))
def validate_workflow(ctx: Context, id: str, query: ValidateQuery) -> ValidationOut:
    """`{valid, findings}` for the stored state; also saved as `metadata.validation`."""
    return validate_stored(ctx.tenant, id, era=query.era)


handler = Mangum(app, lifespan="off")
