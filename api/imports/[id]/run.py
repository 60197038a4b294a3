"""POST /api/imports/{id}/run — continue an uploaded import for up to ~20 s; 202 with its progress, 200 when done."""

from mangum import Mangum

from lib.imports.models import ImportProgress
from lib.imports.storage import run_upload
from lib.web import Context, Endpoint

app = Endpoint("/api/imports/{id}/run", tag="workflows")


@app.post(response=ImportProgress, status=202, errors=(400, 404, 422, 502, 503))
def run_import(ctx: Context, id: str) -> ImportProgress:
    """Stage the upload (first call), store batches within a time budget, and say how far it got.

    Call again while it answers 202 (`remaining` > 0, or `status` "indexing": stored, being indexed
    for search); once done it answers 200 with the report, and
    repeating a finished run changes nothing.
    A finished import that stored nothing is a 4xx naming the first rejected row.
    """
    progress = run_upload(ctx.tenant, id)
    progress.raise_if_nothing_imported()
    if progress.status == "done":
        ctx.extra["status"] = 200
    return progress


handler = Mangum(app, lifespan="off")
