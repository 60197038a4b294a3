"""The tenant's view of its cache: list entries, clear them all, mark one bad so it never serves."""

from __future__ import annotations

from lib.cache.models import CacheEntries, CacheEntryOut, ClearedOut, MarkedOut
from lib.errors import NotFound


def listing(tenant: str, limit: int = 100) -> CacheEntries:
    from lib.store import cache

    return CacheEntries(entries=[CacheEntryOut(**row) for row in cache.entries(tenant, limit)])


def clear(tenant: str) -> ClearedOut:
    from lib.store import cache

    return ClearedOut(deleted=cache.clear(tenant))


def mark_bad(tenant: str, entry_id: str, reason: str) -> MarkedOut:
    from lib.store import cache

    if not cache.mark_bad(tenant, entry_id, reason):
        raise NotFound(f"no cache entry {entry_id!r}", field="entry_id")
    return MarkedOut(id=entry_id, reason=reason)
