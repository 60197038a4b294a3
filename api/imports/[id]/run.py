"""POST /api/imports/{id}/run — import an uploaded file, streamed from object storage."""

from mangum import Mangum

from lib.imports import ImportReport
from lib.imports.storage import run_upload
from lib.web import Context, Endpoint

app = Endpoint("/api/imports/{id}/run", tag="workflows")


@app.post(response=ImportReport, errors=(400, 404, 422, 502, 503))
def run_import(ctx: Context, id: str) -> ImportReport:
    """Same report as POST /api/workflows/import; nothing imported at all is a 4xx."""
    report = run_upload(ctx.tenant, id)
    report.raise_if_nothing_imported()
    return report


handler = Mangum(app, lifespan="off")
