"""The nine rules, one per module; `ALL` fixes their order in reports."""

from lib.validation.rules import (
    block_types,
    containers,
    cycles,
    edges,
    entry,
    ids,
    references,
    secrets,
    structure,
)

ALL = (
    structure.RULE,
    ids.RULE,
    block_types.RULE,
    edges.RULE,
    entry.RULE,
    cycles.RULE,
    containers.RULE,
    references.RULE,
    secrets.RULE,
)
