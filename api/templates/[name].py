"""GET /api/templates/{name} — one template with its complete Sim state and customizable fields."""

from mangum import Mangum

from lib.templates import catalogue
from lib.templates.models import Template
from lib.web import Context, Endpoint

app = Endpoint("/api/templates/{name}", tag="templates")


@app.get(response=Template, public=True, cache="public", errors=(404,))
async def read_template(ctx: Context, name: str) -> Template:
    """One template, state included (edge-cacheable)."""
    return catalogue.get(name)


handler = Mangum(app, lifespan="off")
