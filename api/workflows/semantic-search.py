"""POST /api/workflows/semantic-search — find workflows and templates by describing them."""

from mangum import Mangum

from lib.search import service
from lib.search.models import SearchIn, SearchOut
from lib.web import Context, Endpoint

app = Endpoint("/api/workflows/semantic-search", tag="search")


@app.post(response=SearchOut, role="read")
def semantic_search(ctx: Context, body: SearchIn) -> SearchOut:
    """Hybrid search (embeddings + full text, fused by rank) over your workflows and the templates."""
    return service.semantic_search(ctx.tenant, body)


handler = Mangum(app, lifespan="off")
