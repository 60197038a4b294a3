"""GET /api/health — database (a real query), schema version, configured providers."""

from mangum import Mangum
from starlette.responses import JSONResponse

from lib.health import Health, check
from lib.web import Context, Endpoint

app = Endpoint("/api/health", tag="system")


@app.get(response=Health, public=True, errors=(503,))
def health(ctx: Context) -> Health | JSONResponse:
    """Service health; 503 when the database is unreachable."""
    report = check()
    if report.status == "down":
        return JSONResponse(
            report.model_dump(mode="json"),
            status_code=503,
            headers={"cache-control": "no-store", "retry-after": "2"},
        )
    return report


handler = Mangum(app, lifespan="off")
