"""GET /api/workflows/{id}/secrets — the clear values a workflow's {{ENV}} references stand for.

Admin only, never cached, and every call is written to the audit log (in the same transaction
as the read). Meant for moving a workflow into Sim: set these as Sim environment variables.
"""

from mangum import Mangum

from lib.web import Context, Endpoint
from lib.workflows.models import RevealedSecrets
from lib.workflows.service import reveal_secrets

app = Endpoint("/api/workflows/{id}/secrets", tag="workflows")


@app.get(response=RevealedSecrets, role="admin", errors=(404,))
def reveal(ctx: Context, id: str) -> RevealedSecrets:
    """Reveal a workflow's secret values (admin, audited)."""
    return reveal_secrets(ctx.tenant, id, actor=ctx.actor, request_id=ctx.request_id)


handler = Mangum(app, lifespan="off")
