"""Rate limit verdicts and the daily LLM budget, against the real counters and usage log."""

from __future__ import annotations

import uuid

import pytest

from lib import quota
from lib.errors import BudgetExceeded


@pytest.fixture
def limits(settings_env, one_rate_window):
    one_rate_window()
    settings_env(RATE_LIMITS="true", RATE_LIMIT_PER_MINUTE="3", RATE_LIMIT_LLM_PER_MINUTE="1")


def _ip() -> str:
    return f"198.51.100.{uuid.uuid4().int % 250}-{uuid.uuid4().hex[:6]}"


def test_the_limit_is_per_ip_with_ietf_headers(store, limits):
    ip = _ip()
    verdicts = [quota.check_rate("api", token=None, ip=ip) for _ in range(4)]
    assert [v.exceeded is None for v in verdicts] == [True, True, True, False]
    assert [v.headers["ratelimit-remaining"] for v in verdicts] == ["2", "1", "0", "0"]
    assert verdicts[0].headers["ratelimit-limit"] == "3"
    assert verdicts[0].headers["ratelimit-policy"] == "3;w=60"
    assert 1 <= int(verdicts[0].headers["ratelimit-reset"]) <= 60
    refused = verdicts[3].exceeded
    assert refused.headers["retry-after"] == verdicts[3].headers["ratelimit-reset"]
    assert "client address" in refused.message


def test_a_key_is_limited_across_addresses_and_never_stored_in_clear(store, limits):
    token = "af_" + uuid.uuid4().hex
    for _ in range(3):
        assert quota.check_rate("api", token=token, ip=_ip()).exceeded is None
    refused = quota.check_rate("api", token=token, ip=_ip()).exceeded
    assert refused is not None and "API key" in refused.message
    assert token not in quota.key_bucket(token)


def test_generation_has_its_own_stricter_limit(store, limits):
    ip = _ip()
    assert quota.check_rate("llm", token=None, ip=ip).exceeded is None
    assert quota.check_rate("llm", token=None, ip=ip).exceeded is not None
    assert quota.check_rate("api", token=None, ip=ip).exceeded is None  # other routes still answer


def test_off_switch(store, settings_env):
    settings_env(RATE_LIMITS="false", RATE_LIMIT_PER_MINUTE="1")
    ip = _ip()
    assert all(quota.check_rate("api", token=None, ip=ip).exceeded is None for _ in range(3))


def test_rate_limits_are_on_by_default(monkeypatch):
    from lib.config import Settings

    monkeypatch.delenv("RATE_LIMITS", raising=False)  # the suite turns them off; production does not
    assert Settings().rate_limits is True


def _spend(tenant: str, tokens: int, cost: float) -> None:
    from lib.store import usage

    usage.log_call(
        tenant, provider="anthropic", operation="generate", status="ok", input_tokens=tokens, cost_usd=cost
    )


def test_budget_by_tokens_and_money(store, tenant, settings_env):
    settings_env(DAILY_TOKEN_BUDGET="1000", DAILY_COST_BUDGET_USD="1.5")
    quota.check_budget(tenant)  # nothing spent
    _spend(tenant, 600, 0.5)
    quota.check_budget(tenant)
    _spend(tenant, 400, 0.1)
    with pytest.raises(BudgetExceeded) as tokens:
        quota.check_budget(tenant)
    assert "1,000 of 1,000 tokens" in tokens.value.message
    assert 0 < tokens.value.retry_after <= 86_400
    settings_env(DAILY_TOKEN_BUDGET="0", DAILY_COST_BUDGET_USD="0.6")
    with pytest.raises(BudgetExceeded, match=r"\$0.60 of \$0.60"):
        quota.check_budget(tenant)
    settings_env(DAILY_TOKEN_BUDGET="0", DAILY_COST_BUDGET_USD="0")
    quota.check_budget(tenant)  # 0 = no limit


def test_cache_lookups_and_other_tenants_do_not_count(store, tenant, settings_env):
    from lib.store import usage

    settings_env(DAILY_TOKEN_BUDGET="100", DAILY_COST_BUDGET_USD="0")
    _spend(f"{tenant}-other", 5000, 0)
    usage.log_call(tenant, provider="cache", operation="cache_lookup", status="hit", input_tokens=5000)
    quota.check_budget(tenant)


def _counted(bucket: str) -> int:
    from lib.store import db

    with db.reading() as c:
        return c.execute("select hits from rate_limits where bucket = %s", (bucket,)).fetchone()["hits"]


def test_a_lease_serves_the_next_requests_without_a_statement(store, settings_env):
    settings_env(RATE_LIMITS="true", RATE_LIMIT_PER_MINUTE="250")  # a lease of 5 hits
    ip = _ip()
    assert quota.check_leased("api", token=None, ip=ip) is None  # nothing leased yet: count in the database
    first = quota.check_rate("api", token=None, ip=ip)
    assert first.exceeded is None and first.headers["ratelimit-remaining"] == "249"
    assert _counted(f"ip:{ip}:api") == 5  # the whole lease is counted before it is used
    leased = [quota.check_leased("api", token=None, ip=ip) for _ in range(4)]
    assert [v.headers["ratelimit-remaining"] for v in leased] == ["248", "247", "246", "245"]
    assert all(v.exceeded is None for v in leased)
    assert _counted(f"ip:{ip}:api") == 5  # served from memory
    assert quota.check_leased("api", token=None, ip=ip) is None  # used up
    assert quota.check_rate("api", token=None, ip=ip).headers["ratelimit-remaining"] == "244"
    assert _counted(f"ip:{ip}:api") == 10


def test_a_lease_never_lets_more_through_than_the_limit_across_processes(store, settings_env):
    from lib.store import rate_limits

    settings_env(RATE_LIMITS="true", RATE_LIMIT_PER_MINUTE="250")
    ip = _ip()
    rate_limits.hit({f"ip:{ip}:api": 60}, 246)  # other instances served 246 of 250
    served = 0
    for _ in range(10):
        verdict = quota.check_leased("api", token=None, ip=ip) or quota.check_rate("api", token=None, ip=ip)
        served += verdict.exceeded is None
    assert served == 4  # 247..250; the lease's hits past the limit are counted, never served
    quota._leases.clear()  # another instance, holding no lease
    assert quota.check_rate("api", token=None, ip=ip).exceeded is not None


def test_small_limits_take_no_lease(store, limits):
    ip = _ip()
    quota.check_rate("api", token=None, ip=ip)
    assert quota.check_leased("api", token=None, ip=ip) is None
    assert _counted(f"ip:{ip}:api") == 1
