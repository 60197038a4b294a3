"""GET/DELETE /api/workflows/cache — the tenant's semantic cache entries; clear them all (admin).

A static path: it wins over /api/workflows/{id} here and on Vercel (filesystem routes first).
"""

from mangum import Mangum

from lib.cache import entries
from lib.cache.models import CacheEntries, ClearedOut
from lib.web import Context, Endpoint

app = Endpoint("/api/workflows/cache", tag="cache")


@app.get(response=CacheEntries, cache="private")
def list_cache_entries(ctx: Context) -> CacheEntries:
    """The tenant's cache entries, most recently used first (descriptions and intents, no states)."""
    return entries.listing(ctx.tenant)


@app.delete(response=ClearedOut, role="admin")
def clear_cache(ctx: Context) -> ClearedOut:
    """Delete every cache entry of the tenant; the next requests generate afresh."""
    return entries.clear(ctx.tenant)


handler = Mangum(app, lifespan="off")
