"""GET /api/templates — the public template catalogue, filterable by category and words."""

from mangum import Mangum

from lib.templates import catalogue
from lib.templates.models import TemplateList, TemplateQuery
from lib.web import Context, Endpoint

app = Endpoint("/api/templates", tag="templates")


@app.get(response=TemplateList, public=True, cache="public")
async def list_templates(ctx: Context, query: TemplateQuery) -> TemplateList:
    """List templates with per-category counts (edge-cacheable)."""
    return catalogue.search(category=query.category, q=query.q)


handler = Mangum(app, lifespan="off")
