"""GET /api/workflows/cache/stats — hits, misses, savings and latencies of the tenant's cache."""

from mangum import Mangum

from lib import analytics
from lib.analytics.models import CacheStats
from lib.web import Context, Endpoint

app = Endpoint("/api/workflows/cache/stats", tag="cache")


@app.get(response=CacheStats, cache="private")
def cache_stats(ctx: Context) -> CacheStats:
    """All-time figures from the usage log, entry counts, and the per-day cache_stats view."""
    return analytics.cache_stats(ctx.tenant)


handler = Mangum(app, lifespan="off")
