"""POST /api/workflows/cache/{entry_id}/bad — an entry that must never be served again."""

from mangum import Mangum

from lib.cache import entries
from lib.cache.models import MarkBadIn, MarkedOut
from lib.web import Context, Endpoint

app = Endpoint("/api/workflows/cache/{entry_id}/bad", tag="cache")


@app.post(response=MarkedOut, errors=(404,))
def mark_cache_entry_bad(ctx: Context, entry_id: str, body: MarkBadIn) -> MarkedOut:
    """Mark a cache entry bad (e.g. it produced a wrong workflow): it is never served again."""
    return entries.mark_bad(ctx.tenant, entry_id, body.reason)


handler = Mangum(app, lifespan="off")
