"""Branch lists of condition and router blocks.

A condition block's `conditions` (and a current-Sim router's `routes`) is stored as a JSON
*string* of entries `[{id, title, value, …}]` (sim-format §3.3); older rows and some exports hold
the list itself. Edges leave through `condition-<entry id>` / `router-<entry id>` handles, so
validation, id regeneration and the YAML export all need to read the same list.
"""

from __future__ import annotations

import json
from typing import Any


def parse(value: Any) -> list[Any] | None:
    """The entries of a `conditions`/`routes` value (JSON string or list); None when unreadable."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, list) else None


def dump(entries: list[Any], like: Any) -> Any:
    """Entries back in the form the value had (a compact JSON string, or the list itself)."""
    return json.dumps(entries, separators=(",", ":")) if isinstance(like, str) else entries


def of_block(block: Any, sub_id: str = "conditions") -> list[Any] | None:
    """The parsed branch entries stored in `block.subBlocks[sub_id].value`."""
    subs = block.get("subBlocks") if isinstance(block, dict) else None
    sub = subs.get(sub_id) if isinstance(subs, dict) else None
    return parse(sub.get("value")) if isinstance(sub, dict) else None
