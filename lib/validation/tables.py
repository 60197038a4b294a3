"""Per-block-type tables, derived once from the registry and kept for the process.

Registry specs are long-lived and immutable (but not hashable: they hold lists), so tables are
cached by the spec's identity with the spec itself kept alive beside the table.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

T = TypeVar("T")


def per_spec(build: Callable[[Any], T]) -> Callable[[Any], T]:
    """Cache `build(spec)` by the spec object's identity (None → built each time, cheap)."""
    cache: dict[int, tuple[Any, T]] = {}

    @wraps(build)
    def lookup(spec: Any) -> T:
        if spec is None:
            return build(spec)
        entry = cache.get(id(spec))
        if entry is None or entry[0] is not spec:
            entry = cache[id(spec)] = (spec, build(spec))
        return entry[1]

    return lookup


class TypeTables:
    """What the rules ask of one block type, derived once from its registry spec."""

    __slots__ = ("defaults", "options", "required", "sub", "types")

    def __init__(self, spec: Any) -> None:
        subs = list(getattr(spec, "sub_blocks", None) or [])
        # First declaration wins, as `BlockSpec.sub_block` finds it.
        self.sub: dict[str, Any] = {s.id: s for s in reversed(subs)}
        self.types: dict[str, Any] = {k: getattr(s, "type", None) for k, s in self.sub.items()}
        self.defaults: dict[str, Any] = {k: getattr(s, "default", None) for k, s in self.sub.items()}
        # Dropdown ids → (allowed values as text, the values for messages).
        self.options: dict[str, tuple[frozenset[str], list[Any]]] = {}
        for key, sub_spec in self.sub.items():
            options = getattr(sub_spec, "options", None)
            if self.types[key] == "dropdown" and isinstance(options, list) and options:
                self.options[key] = (frozenset(str(o) for o in options), options)
        # Block-level required fields, per era, after the filters that do not depend on values.
        self.required: dict[str, list[Any]] = {}
        for era in ("jul25", "current"):
            kept = []
            for sub_spec in subs:
                if not isinstance(getattr(sub_spec, "id", None), str):
                    continue
                if not getattr(sub_spec, "required", False) or getattr(sub_spec, "hidden", False):
                    continue
                if getattr(sub_spec, "secret", False):
                    continue
                sub_era = getattr(sub_spec, "era", "jul25")
                if sub_era == "legacy" or (sub_era == "head" and era == "jul25"):
                    continue
                if getattr(sub_spec, "mode", "both") in ("trigger", "trigger-advanced"):
                    continue
                kept.append(sub_spec)
            self.required[era] = kept


tables = per_spec(TypeTables)
