"""GET /api/workflows/{id}/export — Sim-importable JSON envelope or JUL25 YAML, secrets redacted."""

from mangum import Mangum
from starlette.responses import Response

from lib.sim.export import ExportQuery
from lib.web import Context, Endpoint
from lib.workflows.documents import export_stored

app = Endpoint("/api/workflows/{id}/export", tag="workflows")


@app.get(cache="private", errors=(404,))
def export_workflow(ctx: Context, id: str, query: ExportQuery) -> Response:
    """`?format=json|yaml&target=jul25|current`; `target=current` lists its block mappings."""
    out = export_stored(ctx.tenant, id, format=query.format, target=query.target)
    return Response(
        out.content,
        media_type=out.media_type,
        headers={
            "content-disposition": f'attachment; filename="{out.filename}"',
            "x-export-mappings": str(len(out.mappings)),
            "x-redacted-fields": str(len(out.redacted)),
            "x-required-env": ",".join(out.required_env),
            "cache-control": "private, no-store",
        },
    )


handler = Mangum(app, lifespan="off")
