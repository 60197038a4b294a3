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
