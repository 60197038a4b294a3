"""POST /api/workflows/import — import Sim workflows from CSV table exports, JSON states/envelopes or YAML."""

from mangum import Mangum

from lib.imports import ImportReport, run_import
from lib.imports.upload import sources_from_body
from lib.web import Context, Endpoint, RawBody

app = Endpoint("/api/workflows/import", tag="workflows")


@app.post(
    response=ImportReport,
    content_types=("multipart/form-data", "application/json", "application/yaml", "text/csv"),
)
def import_workflows(ctx: Context, raw: RawBody) -> ImportReport:
    """Import files (multipart, any number) or one JSON/YAML/CSV body; bad rows are listed in `rejected`."""
    sources = sources_from_body(raw.content, raw.content_type, raw.headers.get("content-type"))
    report = run_import(ctx.tenant, sources)
    report.raise_if_nothing_imported()
    return report


handler = Mangum(app, lifespan="off")
