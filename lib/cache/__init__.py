"""The semantic cache of generated workflows: `lookup` before generating, `settle` after storing.

Entries live in `workflow_lookup` (lib/store/cache). See `service` for the rules of a hit,
`intent` for what must match exactly, `versions` for what invalidates, `guard` for secrets.
"""

from __future__ import annotations

from typing import Any


def lookup(tenant: str, description: str, *, enabled: bool = True) -> Any:
    from lib.cache import service

    return service.lookup(tenant, description, enabled=enabled)


def settle(tenant: str, found: Any, produced: Any, **kw: Any) -> Any:
    from lib.cache import service

    return service.settle(tenant, found, produced, **kw)
