"""block_types: every block type exists in the registry; subBlocks match what the type declares.

Only the unknown type is an error (Sim's serializer refuses it, sim-format §9.9). SubBlock
oddities are warnings: Sim stores unknown or dynamic keys as short-input/"unknown" (§3.3, §9.7)
and accepts values outside its dropdown lists (§9.5).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lib.sim.names import ENV_REF, REFERENCE_RE, pointer
from lib.validation.base import Finding, Rule
from lib.validation.context import CONTAINER_TYPES, Context, lookup_sub_spec

# Stored subBlock types that say nothing about the field (Sim's defaults for keys it did not know).
_NEUTRAL_TYPES = frozenset({"unknown", "short-input"})
# UI types that hold the same kind of value; Sim itself moved fields between them across versions
# (e.g. agent reasoningEffort dropdown → combobox, schedule times short-input → time-input).
_SAME_VALUE_KIND = (
    frozenset({"dropdown", "combobox"}),
    frozenset({"short-input", "long-input", "time-input"}),
)


def _compatible(stored: str, declared: str) -> bool:
    return stored == declared or any(stored in kind and declared in kind for kind in _SAME_VALUE_KIND)


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


def _dynamic(value: Any) -> bool:
    """A value Sim resolves at run time (a reference or an env var), so no option list applies."""
    return isinstance(value, str) and (
        REFERENCE_RE.search(value) is not None or ENV_REF.search(value) is not None
    )


def _field_value(ctx: Context, block_id: str, spec: Any, field: str) -> Any:
    value = ctx.value(block_id, field)
    if value is None and spec is not None:
        sub = _safe_sub_block(spec, field)
        if sub is not None:
            value = getattr(sub, "default", None)
    return value


def _condition_met(ctx: Context, block_id: str, spec: Any, condition: Any, depth: int = 0) -> bool:
    """Whether a SubBlockSpec.condition ({field, value, not, and}) holds for the block's values."""
    if not isinstance(condition, dict) or depth > 8:
        return True
    field = condition.get("field")
    if not isinstance(field, str):
        return True
    current = _field_value(ctx, block_id, spec, field)
    expected = condition.get("value")
    met = current in expected if isinstance(expected, list) else current == expected
    if condition.get("not"):
        met = not met
    extra = condition.get("and")
    if met and isinstance(extra, dict):
        met = _condition_met(ctx, block_id, spec, extra, depth + 1)
    return met


def _safe_sub_block(spec: Any, sub_id: str) -> Any:
    return lookup_sub_spec(spec, sub_id)


def _filled(ctx: Context, block_id: str, spec: Any, sub_id: str) -> bool:
    """A required field counts as given when it, its default, or a member of its canonical
    basic/advanced pair (e.g. `channel` / `manualChannel`) holds a value."""
    if not _empty(_field_value(ctx, block_id, spec, sub_id)):
        return True
    sub_spec = _safe_sub_block(spec, sub_id)
    canonical = getattr(sub_spec, "canonical", None)
    if canonical:
        for other in getattr(spec, "sub_blocks", None) or []:
            if getattr(other, "canonical", None) == canonical and not _empty(ctx.value(block_id, other.id)):
                return True
    manual = "manual" + sub_id[:1].upper() + sub_id[1:]
    return not _empty(ctx.value(block_id, manual))


def _check_block(ctx: Context, block_id: str) -> Iterator[Finding]:
    block_type = ctx.type_of(block_id)
    if block_type is None:
        return  # structure reports a missing or non-string type
    spec = ctx.spec(block_id)
    if spec is None:
        if block_type in CONTAINER_TYPES:
            return
        yield RULE.finding(
            "unknown_block_type",
            pointer("blocks", block_id, "type"),
            f"{ctx.label(block_id)} has type '{block_type}', which Sim does not know (its serializer "
            "fails with 'Invalid block type'); change it to a registered type or remove the block.",
        )
        return
    if ctx.era == "jul25" and getattr(spec, "era", "jul25") == "head":
        yield RULE.finding(
            "block_type_not_in_era",
            pointer("blocks", block_id, "type"),
            f"{ctx.label(block_id)} has type '{block_type}', which only exists in current Sim, not in "
            "the July 2025 Sim this state targets; use a JUL25 block type instead.",
        )
    replaced_by = getattr(spec, "replaced_by", None)
    if ctx.era == "current" and replaced_by and getattr(spec, "hidden", False):
        yield RULE.finding(
            "deprecated_block_type",
            pointer("blocks", block_id, "type"),
            f"{ctx.label(block_id)} uses '{block_type}', which current Sim keeps only as a legacy block; "
            f"consider '{replaced_by}' instead.",
        )

    for sub_id, sub in ctx.sub_blocks(block_id).items():
        sub_spec = _safe_sub_block(spec, sub_id)
        if sub_spec is None:
            if ctx.is_container(block_id):
                continue  # container settings live in data; stray subBlocks are harmless
            yield RULE.finding(
                "unknown_subblock",
                pointer("blocks", block_id, "subBlocks", sub_id),
                f"{ctx.label(block_id)} has subBlock '{sub_id}', which block type '{block_type}' does not "
                "declare; Sim ignores it. Remove it or use one of the type's fields.",
            )
            continue
        stored_type = sub.get("type")
        declared_type = getattr(sub_spec, "type", None)
        if (
            isinstance(stored_type, str)
            and isinstance(declared_type, str)
            and stored_type not in _NEUTRAL_TYPES
            and not _compatible(stored_type, declared_type)
        ):
            yield RULE.finding(
                "subblock_type_mismatch",
                pointer("blocks", block_id, "subBlocks", sub_id, "type"),
                f"SubBlock '{sub_id}' of {ctx.label(block_id)} is stored as '{stored_type}' but "
                f"'{block_type}' declares '{declared_type}'; set type to '{declared_type}'.",
            )
        value = sub.get("value")
        options = getattr(sub_spec, "options", None)
        if (
            declared_type == "dropdown"
            and isinstance(options, list)
            and options
            and isinstance(value, (str, int, float, bool))
            and not _empty(value)
            and not _dynamic(value)
        ):
            text = str(value).lower() if isinstance(value, bool) else str(value)
            if text not in [str(o) for o in options]:
                text = text if len(text) <= 60 else text[:57] + "..."
                shown = ", ".join(str(o) for o in options[:12]) + (", ..." if len(options) > 12 else "")
                yield RULE.finding(
                    "invalid_option",
                    pointer("blocks", block_id, "subBlocks", sub_id, "value"),
                    f"SubBlock '{sub_id}' of {ctx.label(block_id)} is '{text}', not one of the options "
                    f"Sim lists ({shown}); Sim may still accept it, but check the value.",
                )

    yield from _check_required(ctx, block_id, spec)


def _block_level_required(ctx: Context, block_id: str, sub_spec: Any) -> bool:
    """Whether a subBlock's own `required` flag applies to this block as it is configured."""
    if not getattr(sub_spec, "required", False) or getattr(sub_spec, "hidden", False):
        return False
    if getattr(sub_spec, "secret", False):
        return False  # credentials may come from the hosting or the environment
    era = getattr(sub_spec, "era", "jul25")
    if era == "legacy" or (era == "head" and ctx.era == "jul25"):
        return False
    mode = getattr(sub_spec, "mode", "both")
    if mode in ("trigger", "trigger-advanced"):
        return False
    if mode == "advanced" and not ctx.blocks[block_id].get("advancedMode"):
        return False
    return True


def _check_required(ctx: Context, block_id: str, spec: Any) -> Iterator[Finding]:
    if not ctx.enabled(block_id) or ctx.is_trigger(block_id) or ctx.is_container(block_id):
        return  # Sim skips disabled and trigger blocks in its required-field check
    required: dict[str, str] = {}
    operations = getattr(spec, "operations", None) or {}
    operation = _field_value(ctx, block_id, spec, "operation")
    if isinstance(operations, dict) and isinstance(operation, str) and operation in operations:
        for sub_id in getattr(operations[operation], "required", None) or []:
            if isinstance(sub_id, str):
                required.setdefault(sub_id, f"operation '{operation}'")
    groups_seen: set[str] = set()
    for sub_spec in getattr(spec, "sub_blocks", None) or []:
        sub_id = getattr(sub_spec, "id", None)
        if not isinstance(sub_id, str) or not _block_level_required(ctx, block_id, sub_spec):
            continue
        canonical = getattr(sub_spec, "canonical", None)
        if canonical:
            if canonical in groups_seen:
                continue  # one finding per basic/advanced pair
            groups_seen.add(canonical)
        if _condition_met(ctx, block_id, spec, getattr(sub_spec, "condition", None)):
            required.setdefault(sub_id, f"type '{ctx.type_of(block_id)}'")
    reported: set[str] = set()
    for sub_id, why in required.items():
        canonical = getattr(_safe_sub_block(spec, sub_id), "canonical", None) or sub_id
        if canonical in reported or _filled(ctx, block_id, spec, sub_id):
            continue
        reported.add(canonical)
        yield RULE.finding(
            "missing_required_field",
            pointer("blocks", block_id, "subBlocks", sub_id, "value"),
            f"{ctx.label(block_id)} leaves '{sub_id}' empty, but {why} needs it; fill it in "
            "(a value, a <block.field> reference or a {{ENV_VAR}}).",
        )


def _check(ctx: Context) -> Iterator[Finding]:
    for block_id in ctx.blocks:
        yield from _check_block(ctx, block_id)


RULE = Rule.define(
    "block_types",
    "Block types exist in the registry for the state's era; subBlocks, their UI types, dropdown "
    "values and the selected operation's required fields match the registry.",
    {
        "unknown_block_type": ("error", "The block type is not in the registry (Sim: 'Invalid block type')."),
        "block_type_not_in_era": (
            "error",
            "A current-Sim-only block type in a state that targets JUL25 Sim.",
        ),
        "deprecated_block_type": ("warning", "A legacy block type that current Sim hides and replaces."),
        "unknown_subblock": ("warning", "A subBlock id the block type does not declare."),
        "subblock_type_mismatch": ("warning", "A subBlock's stored UI type differs from the registry's."),
        "invalid_option": ("warning", "A dropdown value outside the registry's options."),
        "missing_required_field": (
            "warning",
            "A field the selected operation (or the block) requires is empty.",
        ),
    },
    _check,
)
