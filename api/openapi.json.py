"""GET /api/openapi.json — the OpenAPI 3.1 document for every api/ function."""

from mangum import Mangum
from starlette.responses import JSONResponse

from lib.web import Endpoint
from lib.web.openapi import document

app = Endpoint("/api/openapi.json", tag="system")


@app.get(public=True)
def openapi() -> JSONResponse:
    """The OpenAPI document, built from the route files' Pydantic models."""
    return JSONResponse(document(), headers={"cache-control": "public, max-age=300, s-maxage=3600"})


handler = Mangum(app, lifespan="off")
