"""Analytics from the usage log, never from constants: what the cache served and saved, what
the providers cost, per time bucket and per provider/model — always for one tenant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from lib.analytics.models import (
    Analytics,
    AnalyticsQuery,
    Bucket,
    CacheDay,
    CacheFigures,
    CacheStats,
    ModelCalls,
)
from lib.errors import InvalidInput

DEFAULT_SPAN = timedelta(days=30)
MAX_BUCKETS = 5000


def _floor(moment: datetime, bucket: str) -> datetime:
    """The start of the bucket holding `moment` (UTC; weeks start on Monday, as date_trunc's do)."""
    moment = moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    if bucket == "hour":
        return moment
    moment = moment.replace(hour=0)
    if bucket == "week":
        return moment - timedelta(days=moment.weekday())
    return moment.replace(day=1) if bucket == "month" else moment


def _next_boundary(moment: datetime, bucket: str) -> datetime:
    """The end of the bucket holding `moment`: default ranges cover whole buckets (and answer the
    same within a bucket)."""
    start = _floor(moment, bucket)
    if bucket == "month":
        return (start + timedelta(days=32)).replace(day=1)
    return start + {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}[bucket]


def _figures(row: dict[str, Any]) -> dict[str, Any]:
    judged = row["hits"] + row["misses"]
    out = dict(row)
    out["hit_rate"] = round(row["hits"] / judged, 4) if judged else 0.0
    return out


def report(tenant: str, query: AnalyticsQuery) -> Analytics:
    from lib.store import usage

    end = query.to or _next_boundary(datetime.now(UTC), query.bucket)
    start = query.from_ or _floor(end - DEFAULT_SPAN, query.bucket)
    if start.tzinfo is None or end.tzinfo is None:
        start, end = start.replace(tzinfo=start.tzinfo or UTC), end.replace(tzinfo=end.tzinfo or UTC)
    if start >= end:
        raise InvalidInput("query.from must be before query.to", field="query.from")
    step = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}.get(
        query.bucket, timedelta(days=28)
    )
    if (end - start) / step > MAX_BUCKETS:
        raise InvalidInput(
            f"query.bucket: {query.bucket} buckets over this range would be more than {MAX_BUCKETS}; "
            "use a larger bucket or a shorter range",
            field="query.bucket",
        )
    totals = usage.figures(tenant, start=start, end=end)[0]
    return Analytics(
        start=start,
        end=end,
        bucket=query.bucket,
        totals=CacheFigures(**_figures(totals)),
        buckets=[
            Bucket(**_figures(r)) for r in usage.figures(tenant, start=start, end=end, bucket=query.bucket)
        ],
        by_model=[ModelCalls(**r) for r in usage.calls_by_model(tenant, start=start, end=end)],
    )


def cache_stats(tenant: str) -> CacheStats:
    """All-time cache figures for the tenant, its entries, and the per-day `cache_stats` view."""
    from lib import embeddings
    from lib.cache.service import threshold
    from lib.store import cache, usage

    embedder = str(embeddings.describe()["name"])
    counts = cache.counts(tenant)
    totals = usage.figures(
        tenant, start=datetime(1970, 1, 1, tzinfo=UTC), end=datetime.now(UTC) + timedelta(days=1)
    )
    return CacheStats(
        entries=counts["entries"],
        bad_entries=counts["bad"],
        embedder=embedder,
        threshold=threshold(embedder),
        totals=CacheFigures(**_figures(totals[0])),
        days=[CacheDay(**r) for r in usage.cache_days(tenant)],
    )
