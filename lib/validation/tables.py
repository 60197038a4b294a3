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


# Stored subBlock types that say nothing about the field (Sim's defaults for keys it did not know).
NEUTRAL_TYPES = frozenset({"unknown", "short-input"})
# UI types that hold the same kind of value; Sim itself moved fields between them across versions
# (e.g. agent reasoningEffort dropdown → combobox, schedule times short-input → time-input).
SAME_VALUE_KIND = (
    frozenset({"dropdown", "combobox"}),
    frozenset({"short-input", "long-input", "time-input"}),
)


def compatible(stored: str, declared: str) -> bool:
    return stored == declared or any(stored in kind and declared in kind for kind in SAME_VALUE_KIND)


class TypeTables:
    """What the rules ask of one block type, derived once from its registry spec."""

    __slots__ = (
        "canonical",
        "condition_fields",
        "defaults",
        "input_fields",
        "inputs",
        "options",
        "partners",
        "required",
        "required_memo",
        "stored_ok",
        "sub",
        "types",
    )

    def __init__(self, spec: Any) -> None:
        subs = list(getattr(spec, "sub_blocks", None) or [])
        # First declaration wins, as `BlockSpec.sub_block` finds it.
        self.sub: dict[str, Any] = {s.id: s for s in reversed(subs)}
        self.types: dict[str, Any] = {k: getattr(s, "type", None) for k, s in self.sub.items()}
        self.defaults: dict[str, Any] = {k: getattr(s, "default", None) for k, s in self.sub.items()}
        # Parameters the block declares beside its subBlocks (Jira's issueType): Sim's serializer
        # passes every stored subBlock to the block, which reads these.
        self.inputs: frozenset[str] = frozenset(getattr(spec, "inputs", None) or ())
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
        # Stored UI types that raise no mismatch for each declared field (None: any type).
        self.stored_ok: dict[str, frozenset[str] | None] = {}
        for key, declared in self.types.items():
            if not isinstance(declared, str):
                self.stored_ok[key] = None
                continue
            kinds = {declared} | NEUTRAL_TYPES
            for kind in SAME_VALUE_KIND:
                if declared in kind:
                    kinds |= kind
            self.stored_ok[key] = frozenset(kinds)
        # A field's basic/advanced pair name (itself when it has none), and the ids sharing it.
        self.canonical: dict[str, str] = {k: getattr(s, "canonical", None) or k for k, s in self.sub.items()}
        self.partners: dict[str, tuple[str, ...]] = {}
        for sub_spec in subs:
            group = getattr(sub_spec, "canonical", None)
            if group:
                self.partners[group] = (*self.partners.get(group, ()), sub_spec.id)
        # The fields whose values the required fields' visibility conditions read, per era.
        self.condition_fields: dict[str, tuple[str, ...]] = {
            era: tuple(
                dict.fromkeys(f for s in kept for f in _condition_fields(getattr(s, "condition", None)))
            )
            for era, kept in self.required.items()
        }
        # What decides which inputs a block must fill, per era: the fields the required fields'
        # visibility conditions read, then those any field's condition reads (the tool's
        # required inputs are filtered by their conditions too).
        every_condition = [f for s in subs for f in _condition_fields(getattr(s, "condition", None))]
        self.input_fields: dict[str, tuple[str, ...]] = {
            era: tuple(dict.fromkeys((*fields, *every_condition)))
            for era, fields in self.condition_fields.items()
        }
        # (era, type, advanced, operation, input_fields values) → (the required (field, why)
        # pairs, the tool's required fields whose conditions hold).
        self.required_memo: dict[Any, tuple[tuple[tuple[str, str], ...], tuple[str, ...]]] = {}


def _condition_fields(condition: Any, depth: int = 0) -> list[str]:
    """Every field a SubBlockSpec.condition ({field, value, not, and}) reads."""
    if not isinstance(condition, dict) or depth > 8 or not isinstance(condition.get("field"), str):
        return []
    return [condition["field"], *_condition_fields(condition.get("and"), depth + 1)]


tables = per_spec(TypeTables)
