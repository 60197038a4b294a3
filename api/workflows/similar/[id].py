"""GET /api/workflows/similar/{id} — the stored workflows and templates nearest to one workflow."""

from mangum import Mangum

from lib.search import service
from lib.search.models import SearchOut, SimilarQuery
from lib.web import Context, Endpoint

app = Endpoint("/api/workflows/similar/{id}", tag="search")


@app.get(response=SearchOut, cache="private", errors=(404, 503))
def similar_workflows(ctx: Context, id: str, query: SimilarQuery) -> SearchOut:
    """Nearest by embedding, the workflow itself excluded; another tenant's id is a 404."""
    return service.similar(ctx.tenant, id, query)


handler = Mangum(app, lifespan="off")
