"""POST /api/generate — a description becomes a stored, validated Sim workflow (draft)."""

from mangum import Mangum

from lib.generation.models import GenerateIn, GenerationResult
from lib.generation.service import generate
from lib.web import Context, Endpoint

app = Endpoint("/api/generate", tag="generation")


@app.post(
    response=GenerationResult,
    status=201,
    content_types=("application/json", "application/yaml"),
    errors=(502, 503),
    max_body=64_000,
)
def generate_workflow(ctx: Context, body: GenerateIn) -> GenerationResult:
    """Generate a workflow from a description (Claude with repair, or the offline planner)."""
    return generate(
        ctx.tenant, body.description, name=body.name, category=body.category, use_cache=body.cache
    )


handler = Mangum(app, lifespan="off")
