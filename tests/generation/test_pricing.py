"""Costs come from the price table (longest model prefix wins)."""

from lib.generation.pricing import cost_usd, rates


def test_prefix_match_and_cache_rates():
    assert rates("claude-sonnet-5-5")["input"] == 3.0
    assert rates("claude-haiku-4-5")["input"] == 1.0
    assert (
        cost_usd(
            "claude-sonnet-5-5",
            input_tokens=1_000_000,
            output_tokens=1_000_000,
            cache_read_tokens=1_000_000,
            cache_write_tokens=1_000_000,
        )
        == 3.0 + 15.0 + 0.30 + 3.75
    )
    assert rates("unknown-model") == rates("default")
