"""GET /api/analytics?from=&to=&bucket= — cache and provider figures per time bucket, from the logs."""

from mangum import Mangum

from lib import analytics
from lib.analytics.models import Analytics, AnalyticsQuery
from lib.web import Context, Endpoint

app = Endpoint("/api/analytics", tag="analytics")


@app.get(response=Analytics, cache="private", errors=(422,))
def read_analytics(ctx: Context, query: AnalyticsQuery) -> Analytics:
    """Hits, misses, hit rate, tokens and money spent and saved, latency percentiles, calls by model."""
    return analytics.report(ctx.tenant, query)


handler = Mangum(app, lifespan="off")
