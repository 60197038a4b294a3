"""Cost of one call from the price table in `prices.json` (data, so prices change without code)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_PRICES = Path(__file__).with_name("prices.json")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, float]]:
    return json.loads(_PRICES.read_text(encoding="utf-8"))["models"]


def rates(model: str) -> dict[str, float]:
    """The longest matching key prefix wins; unknown models use 'default'."""
    table = _table()
    best = max((k for k in table if k != "default" and model.startswith(k)), key=len, default="default")
    return table[best]


def cost_usd(
    model: str,
    *,
    input_tokens: int = 0,
    output_tokens: int = 0,
    cache_read_tokens: int = 0,
    cache_write_tokens: int = 0,
) -> float:
    """`input_tokens` excludes cached tokens (Anthropic reports the three separately)."""
    r = rates(model)
    total = (
        input_tokens * r["input"]
        + output_tokens * r["output"]
        + cache_read_tokens * r["cache_read"]
        + cache_write_tokens * r["cache_write"]
    ) / 1_000_000
    return round(total, 6)
