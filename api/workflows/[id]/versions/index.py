"""GET /api/workflows/{id}/versions — every version of a workflow, newest first."""

from mangum import Mangum

from lib.web import Context, Endpoint
from lib.workflows import service
from lib.workflows.models import VersionList

app = Endpoint("/api/workflows/{id}/versions", tag="workflows")


@app.get(response=VersionList, cache="private", errors=(404,))
def list_versions(ctx: Context, id: str) -> VersionList:
    """Version, when, how it was made (create, import, replace, regenerate, restore …), who, block count."""
    return service.history(ctx.tenant, id)


handler = Mangum(app, lifespan="off")
