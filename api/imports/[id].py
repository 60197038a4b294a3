"""GET /api/imports/{id} — progress of a resumable import (rows and workflows done, rejected, remaining)."""

from mangum import Mangum

from lib.imports.models import ImportProgress
from lib.imports.storage import upload_progress
from lib.web import Context, Endpoint

app = Endpoint("/api/imports/{id}", tag="workflows")


@app.get(response=ImportProgress, errors=(404, 422))
def import_progress(ctx: Context, id: str) -> ImportProgress:
    """Where the import stands; 404 before its first run or for another tenant's id."""
    return upload_progress(ctx.tenant, id)


handler = Mangum(app, lifespan="off")
