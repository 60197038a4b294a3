"""DELETE /api/keys/{id} — revoke one of the tenant's keys (admin, audited)."""

from mangum import Mangum

from lib.keys import service
from lib.keys.models import KeyOut
from lib.web import Context, Endpoint

app = Endpoint("/api/keys/{id}", tag="keys")


@app.delete(response=KeyOut, public=True, errors=(401, 403, 404, 422))
def revoke_key(ctx: Context, id: str) -> KeyOut:
    """Revoke a key by id or prefix; it stops working at once here, within KEY_CACHE_S elsewhere."""
    return service.revoke(ctx, id)


handler = Mangum(app, lifespan="off")
