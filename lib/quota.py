"""Rate limits (per API key and per client IP) and the per-tenant daily LLM budget.

Limits come from settings (`RATE_LIMIT_PER_MINUTE`, `RATE_LIMIT_LLM_PER_MINUTE`,
`DAILY_TOKEN_BUDGET`, `DAILY_COST_BUDGET_USD`); `RATE_LIMITS=false` turns rate limiting off.
Counting is one statement per request (`lib.store.rate_limits.hit`); the answer carries the IETF
draft headers `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and `RateLimit-Policy`
for the tightest bucket, and a 429 adds `Retry-After`.
"""

from __future__ import annotations

import hashlib
import logging
import math
import random
from dataclasses import dataclass, field

from lib.config import settings
from lib.errors import BudgetExceeded, RateLimited, Unavailable

log = logging.getLogger("agent_forge.quota")

WINDOW_S = 60
_SWEEP_CHANCE = 0.001  # now and then a request also drops idle buckets (a day old); not security


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


def check_rate(kind: str, *, token: str | None, ip: str | None) -> Verdict:
    """Count this request against its key's and its IP's bucket of `kind` ("api" or "llm").

    When the counters cannot be reached or updated the request goes on (fail open): it then meets
    the outage itself and answers 503, and a limiter failure never turns into refusing every client.
    """
    if not settings().rate_limits:
        return Verdict()
    from lib.store import db, rate_limits

    limit = limit_for(kind)
    buckets = {}
    if token:
        buckets[f"key:{key_bucket(token)}:{kind}"] = WINDOW_S
    if ip:
        buckets[f"ip:{ip}:{kind}"] = WINDOW_S
    if not buckets:
        return Verdict()
    try:
        counts = rate_limits.hit(buckets)
        if random.random() < _SWEEP_CHANCE:  # nosec B311
            rate_limits.forget_older_than(86_400)
    except Exception as exc:  # never let the limiter itself fail a request (e.g. schema not migrated)
        if not (isinstance(exc, Unavailable) or db.is_outage(exc)):
            log.error("rate limit check failed: %s; request let through", type(exc).__name__)
        return Verdict()
    tightest = max(counts.values(), key=lambda c: (c.hits, c.reset_s))
    remaining = max(0, limit - tightest.hits)
    reset = max(1, math.ceil(tightest.reset_s))
    headers = {
        "ratelimit-limit": str(limit),
        "ratelimit-remaining": str(remaining),
        "ratelimit-reset": str(reset),
        "ratelimit-policy": f"{limit};w={WINDOW_S}",
    }
    verdict = Verdict(headers)
    if tightest.hits > limit:
        who = "API key" if tightest.bucket.startswith("key:") else "client address"
        verdict.exceeded = RateLimited(
            f"rate limit of {limit} requests per {WINDOW_S} s for this {who} reached; retry in {reset} s",
            retry_after=reset,
            headers=headers,
        )
    return verdict


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
