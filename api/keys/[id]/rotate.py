"""POST /api/keys/{id}/rotate — a new key with the same tenant, role and name; the old one revoked."""

from mangum import Mangum

from lib.keys import service
from lib.keys.models import KeyRotated
from lib.web import Context, Endpoint

app = Endpoint("/api/keys/{id}/rotate", tag="keys")


@app.post(response=KeyRotated, status=201, public=True, errors=(401, 403, 404, 422))
def rotate_key(ctx: Context, id: str) -> KeyRotated:
    """Rotate a key in one transaction (admin, audited); the new clear key is shown once."""
    return service.rotate(ctx, id)


handler = Mangum(app, lifespan="off")
