"""POST /api/workflows/{id}/generate-state — regenerate a stored workflow's state from its description."""

from mangum import Mangum

from lib.generation.models import GenerationResult
from lib.generation.service import regenerate
from lib.web import Context, Endpoint

app = Endpoint("/api/workflows/{id}/generate-state", tag="generation")


@app.post(response=GenerationResult, errors=(404, 409, 422))
def generate_state(ctx: Context, id: str) -> GenerationResult:
    """Regenerate the state and store it as a new version (404 when the workflow does not exist)."""
    return regenerate(ctx.tenant, id)


handler = Mangum(app, lifespan="off")
