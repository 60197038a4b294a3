"""POST /api/validate — check a posted state or export envelope against Sim's rules; nothing is stored."""

from mangum import Mangum

from lib.imports.models import ValidateQuery, ValidationOut
from lib.web import Context, Endpoint, RawBody
from lib.workflows.documents import validate_document

app = Endpoint("/api/validate", tag="validation")


@app.post(response=ValidationOut, content_types=("application/json", "application/yaml"))
def validate_state(ctx: Context, raw: RawBody, query: ValidateQuery) -> ValidationOut:
    """`{valid, findings}` for a state, `{version, exportedAt, state}` envelope or JUL25 YAML export."""
    return validate_document(raw.content, raw.content_type, era=query.era)


handler = Mangum(app, lifespan="off")
