"""Rate limits (per API key and per client IP) and the per-tenant daily LLM budget.

Limits come from settings (`RATE_LIMIT_PER_MINUTE`, `RATE_LIMIT_LLM_PER_MINUTE`,
`DAILY_TOKEN_BUDGET`, `DAILY_COST_BUDGET_USD`); `RATE_LIMITS=false` turns rate limiting off.
Counting is one statement (`lib.store.rate_limits.hit`) that takes a small lease: up to
`LEASE_MAX` hits (never more than a fiftieth of the limit) are counted at once, and this process
serves the next requests of the same buckets from the lease, in memory, until it is used up or the
window ends. The limit still holds across instances: leased hits are counted before they are used,
so a process can only refuse early (by its unused lease), never let more through. The answer
carries the IETF draft headers `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and
`RateLimit-Policy` for the tightest bucket, and a 429 adds `Retry-After`.
"""

from __future__ import annotations

import hashlib
import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field

from lib.config import settings
from lib.errors import BudgetExceeded, RateLimited, Unavailable

log = logging.getLogger("agent_forge.quota")

WINDOW_S = 60
_SWEEP_CHANCE = 0.001  # now and then a request also drops idle buckets (a day old); not security
LEASE_MAX = 5  # hits counted per statement at most; 300/min: 4 of 5 requests skip the round trip
_LEASES_MAX = 10_000  # buckets this process remembers leases for (expired ones are dropped first)


@dataclass
class Verdict:
    headers: dict[str, str] = field(default_factory=dict)
    exceeded: RateLimited | None = None


def key_bucket(token: str) -> str:
    """A bucket name for an API key that does not hold the key (a short hash of it)."""
    return hashlib.sha256(token.encode()).hexdigest()[:24]


def limit_for(kind: str) -> int:
    cfg = settings()
    return cfg.rate_limit_llm_per_minute if kind == "llm" else cfg.rate_limit_per_minute


@dataclass
class _Lease:
    """Hits of one set of buckets counted in the database and not yet used by this process."""

    left: int
    used: int  # the tightest bucket's count as of the last hit this process served from it
    until: float  # monotonic end of the window they were counted in
    limit: int  # the limit it was taken under (a changed setting starts over)


_leases: dict[tuple[str, ...], _Lease] = {}
_leases_lock = threading.Lock()


def _buckets(kind: str, token: str | None, ip: str | None) -> dict[str, int]:
    buckets = {}
    if token:
        buckets[f"key:{key_bucket(token)}:{kind}"] = WINDOW_S
    if ip:
        buckets[f"ip:{ip}:{kind}"] = WINDOW_S
    return buckets


def lease_size(limit: int) -> int:
    return max(1, min(LEASE_MAX, limit // 50))


def _verdict(limit: int, count: int, reset_s: float, bucket: str) -> Verdict:
    reset = max(1, math.ceil(reset_s))
    headers = {
        "ratelimit-limit": str(limit),
        "ratelimit-remaining": str(max(0, limit - count)),
        "ratelimit-reset": str(reset),
        "ratelimit-policy": f"{limit};w={WINDOW_S}",
    }
    verdict = Verdict(headers)
    if count > limit:
        who = "API key" if bucket.startswith("key:") else "client address"
        verdict.exceeded = RateLimited(
            f"rate limit of {limit} requests per {WINDOW_S} s for this {who} reached; retry in {reset} s",
            retry_after=reset,
            headers=headers,
        )
    return verdict


def check_leased(kind: str, *, token: str | None, ip: str | None) -> Verdict | None:
    """The verdict from this process's lease on these buckets, without I/O; None when
    `check_rate` must count in the database (no lease, used up, or its window ended)."""
    if not settings().rate_limits:
        return Verdict()
    buckets = _buckets(kind, token, ip)
    if not buckets:
        return Verdict()
    name, limit, now = tuple(sorted(buckets)), limit_for(kind), time.monotonic()
    with _leases_lock:
        lease = _leases.get(name)
        if lease is None or lease.left <= 0 or lease.until <= now or lease.limit != limit:
            return None
        lease.left -= 1
        lease.used += 1
        used = lease.used
    return _verdict(limit, used, lease.until - now, name[0])


def check_rate(kind: str, *, token: str | None, ip: str | None) -> Verdict:
    """Count this request against its key's and its IP's bucket of `kind` ("api" or "llm"),
    taking a lease of `lease_size` hits for the requests that follow (see the module's docstring).

    When the counters cannot be reached or updated the request goes on (fail open): it then meets
    the outage itself and answers 503, and a limiter failure never turns into refusing every client.
    """
    if not settings().rate_limits:
        return Verdict()
    from lib.store import db, rate_limits

    limit = limit_for(kind)
    buckets = _buckets(kind, token, ip)
    if not buckets:
        return Verdict()
    n = lease_size(limit)
    try:
        counts = rate_limits.hit(buckets, n)
        if random.random() < _SWEEP_CHANCE:  # nosec B311
            rate_limits.forget_older_than(86_400)
    except Exception as exc:  # never let the limiter itself fail a request (e.g. schema not migrated)
        if not (isinstance(exc, Unavailable) or db.is_outage(exc)):
            log.error("rate limit check failed: %s; request let through", type(exc).__name__)
        return Verdict()
    tightest = max(counts.values(), key=lambda c: (c.hits, c.reset_s))
    first = tightest.hits - n + 1  # this request's place in the window; the lease follows it
    left = max(0, min(n - 1, limit - first))  # leased hits past the limit are never served
    if n > 1:
        _keep_lease(tuple(sorted(buckets)), _Lease(left, first, time.monotonic() + tightest.reset_s, limit))
    return _verdict(limit, first, tightest.reset_s, tightest.bucket)


def _keep_lease(name: tuple[str, ...], lease: _Lease) -> None:
    with _leases_lock:
        if len(_leases) >= _LEASES_MAX:
            now = time.monotonic()
            for stale in [k for k, v in _leases.items() if v.until <= now or v.left <= 0]:
                del _leases[stale]
            if len(_leases) >= _LEASES_MAX:
                _leases.clear()
        _leases[name] = lease


def check_budget(tenant: str) -> None:
    """Before an LLM call: refuse (429 until the UTC day ends) once the tenant's daily budget is spent."""
    cfg = settings()
    if cfg.daily_token_budget <= 0 and cfg.daily_cost_budget_usd <= 0:
        return
    from lib.store import usage

    tokens, cost, left_s = usage.spent_today(tenant)
    over = []
    if cfg.daily_token_budget > 0 and tokens >= cfg.daily_token_budget:
        over.append(f"{tokens:,} of {cfg.daily_token_budget:,} tokens")
    if cfg.daily_cost_budget_usd > 0 and cost >= cfg.daily_cost_budget_usd:
        over.append(f"${cost:.2f} of ${cfg.daily_cost_budget_usd:.2f}")
    if over:
        raise BudgetExceeded(
            f"today's LLM budget for this tenant is spent ({'; '.join(over)}); it renews at 00:00 UTC",
            retry_after=math.ceil(left_s),
        )
