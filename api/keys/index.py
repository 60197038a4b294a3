"""GET/POST /api/keys — list the tenant's keys; create one (admin), or the first admin key with
the one-time bootstrap token (`X-Bootstrap-Token`). Public at the gate: lib.keys checks the role."""

from mangum import Mangum

from lib.keys import service
from lib.keys.models import KeyCreated, KeyIn, KeyList
from lib.web import Context, Endpoint

app = Endpoint("/api/keys", tag="keys")


@app.get(response=KeyList, public=True, errors=(401, 403))
def list_keys(ctx: Context) -> KeyList:
    """The tenant's keys (admin): prefix, role, last use, revocation; never a secret."""
    return service.list_keys(ctx)


@app.post(response=KeyCreated, status=201, public=True, errors=(401, 403))
def create_key(ctx: Context, body: KeyIn) -> KeyCreated:
    """Create a key (admin; shown once). With X-Bootstrap-Token: the first admin key, once per database."""
    return service.create(ctx, body)


handler = Mangum(app, lifespan="off")
