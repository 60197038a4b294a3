"""Rate limit counters: every bucket a request touches is counted by ONE atomic statement.

Fixed windows on the database's clock (every serverless instance agrees on it). The statement
is an upsert that starts a new window or adds one hit, and returns each bucket's count and the
seconds left in its window — no session state, lock or prepared statement, so it runs through
Supabase's transaction pooler unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.store import db

_HIT = """
insert into rate_limits as r (bucket, window_start, hits)
select b.bucket, to_timestamp(floor(extract(epoch from now()) / b.window_s) * b.window_s), %(n)s
from unnest(%(names)s::text[], %(windows)s::int[]) as b(bucket, window_s)
on conflict (bucket) do update
   set hits = case when r.window_start = excluded.window_start then r.hits + %(n)s else %(n)s end,
       window_start = excluded.window_start
returning bucket, hits, extract(epoch from (window_start - now()))::float as offset_s
"""


@dataclass(frozen=True)
class Count:
    bucket: str
    hits: int
    reset_s: float  # seconds until the window ends


def hit(buckets: dict[str, int], n: int = 1) -> dict[str, Count]:
    """Add `n` hits to each bucket (name → window length in seconds); their counts after it."""
    names = sorted(buckets)  # one lock order for every request: two requests cannot deadlock
    windows = [buckets[name] for name in names]
    with db.reading() as conn:  # one statement, atomic alone: autocommit spares BEGIN and COMMIT
        rows = conn.execute(_HIT, {"names": names, "windows": windows, "n": n}).fetchall()
    return {
        r["bucket"]: Count(r["bucket"], r["hits"], max(0.0, buckets[r["bucket"]] + r["offset_s"]))
        for r in rows
    }


def forget_older_than(seconds: int) -> int:
    """Drop buckets idle for longer than `seconds` (called now and then, not per request)."""
    with db.reading() as conn:
        deleted: int = conn.execute(
            "delete from rate_limits where window_start < now() - make_interval(secs => %s)", (seconds,)
        ).rowcount
    return deleted
