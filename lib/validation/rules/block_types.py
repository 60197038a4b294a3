"""block_types: every block type exists in the registry; subBlocks match what the type declares.

Only the unknown type is an error (Sim's serializer refuses it, sim-format §9.9). SubBlock
oddities are warnings: Sim stores unknown or dynamic keys as short-input/"unknown" (§3.3, §9.7)
and accepts values outside its dropdown lists (§9.5).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from lib.sim.names import ENV_REF, PLACEHOLDER_RE, REFERENCE_RE, pointer
from lib.sim.object_urls import OBJECT_URL_FIELDS, example, missing_object, written
from lib.validation import js
from lib.validation.base import Finding, Rule
from lib.validation.context import CONTAINER_TYPES, Context, normalized_name
from lib.validation.tables import TypeTables, per_spec, tables
from lib.validation.tags import only_references, refs_in, resolved_tags


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
        ("<" in value and REFERENCE_RE.search(value) is not None)
        or ("{{" in value and ENV_REF.search(value) is not None)
    )


def _field_value(ctx: Context, block_id: str, spec: Any, field: str) -> Any:
    value = ctx.value(block_id, field)
    if value is None and spec is not None:
        value = tables(spec).defaults.get(field)
    return value


def _stored_or_default(subs: dict[str, dict[str, Any]], defaults: dict[str, Any], field: str) -> Any:
    """`_field_value` from the block's subBlocks and its type's defaults, already at hand."""
    sub = subs.get(field)
    value = None if sub is None else sub.get("value")
    return defaults.get(field) if value is None else value


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
    return tables(spec).sub.get(sub_id) if spec is not None else None


def _filled(subs: dict[str, dict[str, Any]], table: TypeTables, sub_id: str) -> bool:
    """A required field counts as given when it, its default, or a member of its canonical
    basic/advanced pair (e.g. `channel` / `manualChannel`) holds a value."""
    if not _empty(_stored_or_default(subs, table.defaults, sub_id)):
        return True
    sub_spec = table.sub.get(sub_id)
    canonical = getattr(sub_spec, "canonical", None)
    if canonical:
        for other in table.partners.get(canonical, ()):
            sub = subs.get(other)
            if sub is not None and not _empty(sub.get("value")):
                return True
    manual = subs.get("manual" + sub_id[:1].upper() + sub_id[1:])
    return manual is not None and not _empty(manual.get("value"))


class _Kind:
    """What `_check` asks of a block type before looking at any value, derived once per
    registry spec (kept by type name, beside the spec it was derived from): whether only current
    Sim has it, the type current Sim suggests instead of a hidden legacy one, its (manualX, X)
    twins, and its field tables."""

    __slots__ = ("fixed", "fixed_inputs", "head", "replaced_by", "spec", "table", "twins")

    def __init__(self, spec: Any) -> None:
        self.spec = spec
        self.head = getattr(spec, "era", "jul25") == "head"
        replaced_by = getattr(spec, "replaced_by", None)
        self.replaced_by = replaced_by if replaced_by and getattr(spec, "hidden", False) else None
        self.twins = _twins(spec)
        table = self.table = tables(spec)
        # Per era, whether `_inputs` gives every block of the type the same answer: no operation
        # to choose, no visibility condition to read, no required field only advanced mode shows
        # (api, condition); that answer, once asked.
        self.fixed = {
            era: not table.input_fields[era]
            and not getattr(spec, "operations", None)
            and not any(getattr(s, "mode", None) == "advanced" for s in table.required[era])
            for era in ("jul25", "current")
        }
        self.fixed_inputs: dict[str, tuple[tuple[tuple[str, str], ...], tuple[str, ...]]] = {}


def _check(ctx: Context) -> list[Finding]:
    """The findings of every block with a string type, block by block (the loop reads the
    context's records once, not per block)."""
    out: list[Finding] = []
    facts = ctx.facts
    specs, subs_of, type_suspects, placeholders = (
        ctx.specs,
        facts.subs,
        facts.type_suspects,
        facts.placeholders,
    )
    disabled, skipped = ctx.disabled, ctx.triggers | ctx.containers
    jul25, current = ctx.era == "jul25", ctx.era == "current"
    era = "jul25" if jul25 else "current"  # the tables' era
    for block_id, block_type in ctx.types.items():  # (structure reports a missing or odd type)
        spec = specs.get(block_id)
        if spec is None:
            if block_type not in CONTAINER_TYPES:
                out.append(_unknown_type(ctx, block_id, block_type))
            continue
        kind = _KINDS.get(block_type)
        if kind is None or kind.spec is not spec:
            kind = _KINDS[block_type] = _Kind(spec)
        if kind.head and jul25:
            out.append(
                RULE.finding(
                    "block_type_not_in_era",
                    pointer("blocks", block_id, "type"),
                    f"{ctx.label(block_id)} has type '{block_type}', which only exists in current Sim, not in "
                    "the July 2025 Sim this state targets; use a JUL25 block type instead.",
                )
            )
        if kind.replaced_by and current:
            out.append(
                RULE.finding(
                    "deprecated_block_type",
                    pointer("blocks", block_id, "type"),
                    f"{ctx.label(block_id)} uses '{block_type}', which current Sim keeps only as a legacy "
                    f"block; consider '{kind.replaced_by}' instead.",
                )
            )
        table = kind.table
        subs = subs_of[block_id]
        suspects = type_suspects.get(block_id)
        if suspects:  # the walk passed every other subBlock
            _check_suspects(ctx, block_id, block_type, table, subs, suspects, out)
        if block_id in disabled:
            continue
        flagged = placeholders.get(block_id)
        if flagged:
            out.extend(_check_placeholders(ctx, block_id, subs, flagged))
        wanted: tuple[str, ...] = ()
        if block_id not in skipped:
            # Sim skips disabled and trigger blocks in its required-field check
            if kind.fixed[era]:
                found = kind.fixed_inputs.get(era)
                if found is None:
                    found = kind.fixed_inputs[era] = _inputs(
                        ctx, era, block_id, block_type, spec, table, subs
                    )
                required, wanted = found
            else:
                required, wanted = _inputs(ctx, era, block_id, block_type, spec, table, subs)
            if required:
                _check_required(ctx, block_id, table, required, subs, out)
        if jul25:
            if block_type == "condition" or block_type == "function":
                _check_code(ctx, block_id, block_type, out)
            if kind.twins:
                out.extend(_check_twins(ctx, block_id, spec))
            if wanted:
                empty = _unfilled(subs, table.defaults, wanted)
                if empty:
                    out.append(_needs_input(ctx, block_id, spec, empty))
            failing = _empty_failures().get(_tool_of(spec, (subs.get("operation") or {}).get("value")) or "")
            if failing is not None:
                out.append(
                    RULE.finding(
                        "fails_when_empty",
                        pointer("blocks", block_id, "subBlocks", "operation", "value"),
                        f"{ctx.label(block_id)}: {failing}",
                    )
                )
            url_field = OBJECT_URL_FIELDS.get(block_type)
            if url_field is not None and url_field in subs:
                unfit = _object_url_unfit(ctx, block_id, url_field, subs[url_field].get("value"))
                if unfit is not None:
                    out.append(unfit)
    return out


def _object_url_unfit(ctx: Context, block_id: str, sub_id: str, value: Any) -> Finding | None:
    """A needs_input finding when a written object URL names no object (a bucket alone, 's3://reports/') or is no
    URL: Sim's tool cannot split it and the run stops there (`lib.sim.object_urls`)."""
    if not written(value):
        return (
            None  # empty: the required-field check says so; a reference or {{VAR}} is known only at run time
        )
    lacks = missing_object(value)
    if lacks is None:
        return None
    return RULE.finding(
        "needs_input",
        pointer("blocks", block_id, "subBlocks", sub_id, "value"),
        f"Before the first run, fill in '{sub_id}' of {ctx.label(block_id)}: '{value}' {lacks}, and the tool July "
        f"2025 Sim calls fetches one object, stopping the run otherwise; give the object's URL ({example(value)}).",
    )


def _unfilled(
    subs: dict[str, dict[str, Any]], defaults: dict[str, Any], wanted: tuple[str, ...]
) -> list[str]:
    """The `wanted` fields whose value (or default) is empty; a non-blank text, the usual value,
    is filled without a closer look."""
    empty = []
    for field in wanted:
        sub = subs.get(field)
        value = None if sub is None else sub.get("value")
        if value.__class__ is str and value and not value.isspace():
            continue
        if _empty(defaults.get(field) if value is None else value):
            empty.append(field)
    return empty


def _unknown_type(ctx: Context, block_id: str, block_type: str) -> Finding:
    return RULE.finding(
        "unknown_block_type",
        pointer("blocks", block_id, "type"),
        f"{ctx.label(block_id)} has type '{block_type}', which Sim does not know (its serializer "
        "fails with 'Invalid block type'); change it to a registered type or remove the block.",
    )


def _check_suspects(
    ctx: Context,
    block_id: str,
    block_type: str,
    table: TypeTables,
    subs: dict[str, dict[str, Any]],
    suspects: list[str],
    out: list[Finding],
) -> None:
    """unknown_subblock, subblock_type_mismatch and invalid_option findings of the subBlocks the
    walk flagged, in their order."""
    stored_ok = table.stored_ok
    choices = table.options
    for sub_id in suspects:
        sub = subs[sub_id]
        if sub_id not in stored_ok:
            if block_id in ctx.containers or sub_id in table.inputs:
                continue  # container settings live in data; a declared input reaches the block
            out.append(
                RULE.finding(
                    "unknown_subblock",
                    pointer("blocks", block_id, "subBlocks", sub_id),
                    f"{ctx.label(block_id)} has subBlock '{sub_id}', which block type '{block_type}' does not "
                    "declare; Sim ignores it. Remove it or use one of the type's fields.",
                )
            )
            continue
        stored_type = sub.get("type")
        ok = stored_ok[sub_id]
        if ok is not None and isinstance(stored_type, str) and stored_type not in ok:
            declared_type = table.types[sub_id]
            out.append(
                RULE.finding(
                    "subblock_type_mismatch",
                    pointer("blocks", block_id, "subBlocks", sub_id, "type"),
                    f"SubBlock '{sub_id}' of {ctx.label(block_id)} is stored as '{stored_type}' but "
                    f"'{block_type}' declares '{declared_type}'; set type to '{declared_type}'.",
                )
            )
        choice = choices.get(sub_id)
        if choice is None:
            continue
        value = sub.get("value")
        if isinstance(value, (str, int, float, bool)) and not _empty(value) and not _dynamic(value):
            text = str(value).lower() if isinstance(value, bool) else str(value)
            if text not in choice[0]:
                options = choice[1]
                text = text if len(text) <= 60 else text[:57] + "..."
                shown = ", ".join(str(o) for o in options[:12]) + (", ..." if len(options) > 12 else "")
                out.append(
                    RULE.finding(
                        "invalid_option",
                        pointer("blocks", block_id, "subBlocks", sub_id, "value"),
                        f"SubBlock '{sub_id}' of {ctx.label(block_id)} is '{text}', not one of the options "
                        f"Sim lists ({shown}); Sim may still accept it, but check the value.",
                    )
                )


def _inputs(
    ctx: Context,
    era: str,
    block_id: str,
    block_type: str,
    spec: Any,
    table: TypeTables,
    subs: dict[str, dict[str, Any]],
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(the (field, why) pairs the block must fill, the fields its chosen tool requires), before
    looking at whether they are filled. Both depend only on the type, era, mode, operation and
    the few values visibility conditions read, so they are kept per type for each combination
    of those (values that cannot be a key are not kept). `era`: 'jul25' or 'current'."""
    defaults = table.defaults
    advanced = bool(ctx.blocks[block_id].get("advancedMode"))
    sub = subs.get("operation")
    operation = None if sub is None else sub.get("value")
    if operation is None:
        operation = defaults.get("operation")
    fields = table.input_fields[era]
    if fields:
        read_values = []
        for field in fields:  # `_stored_or_default`, inlined: it runs for every block
            sub = subs.get(field)
            value = None if sub is None else sub.get("value")
            read_values.append(defaults.get(field) if value is None else value)
        read: tuple[Any, ...] = tuple(read_values)
    else:
        read = ()
    key: Any = (era, block_type, advanced, operation, read)
    try:
        found = table.required_memo.get(key)
    except TypeError:  # a list or object among the values: judged without the memo
        key, found = None, None
    if found is not None:
        return found
    wanted = tuple(
        sub_spec.id
        for sub_spec in _wanted(spec, operation)
        if sub_spec.condition is None or _condition_met(ctx, block_id, spec, sub_spec.condition)
    )
    found = (_required(ctx, block_id, spec, table, era, advanced, operation), wanted)
    if key is not None:
        if len(table.required_memo) >= _MEMO_LIMIT:
            table.required_memo.clear()
        table.required_memo[key] = found
    return found


def _required(
    ctx: Context, block_id: str, spec: Any, table: TypeTables, era: str, advanced: bool, operation: Any
) -> tuple[tuple[str, str], ...]:
    """The (field, why) pairs the block must fill: the chosen operation's, then the type's own
    whose visibility conditions hold."""
    required: dict[str, str] = {}
    operations = getattr(spec, "operations", None) or {}
    if isinstance(operations, dict) and isinstance(operation, str) and operation in operations:
        for sub_id in getattr(operations[operation], "required", None) or []:
            if isinstance(sub_id, str):
                required.setdefault(sub_id, f"operation '{operation}'")
    groups_seen: set[str] = set()
    for sub_spec in table.required[era]:
        sub_id = sub_spec.id
        if sub_spec.mode == "advanced" and not advanced:
            continue
        canonical = getattr(sub_spec, "canonical", None)
        if canonical:
            if canonical in groups_seen:
                continue  # one finding per basic/advanced pair
            groups_seen.add(canonical)
        if _condition_met(ctx, block_id, spec, getattr(sub_spec, "condition", None)):
            required.setdefault(sub_id, f"type '{ctx.type_of(block_id)}'")
    return tuple(required.items())


_MEMO_LIMIT = 1024


def _check_required(
    ctx: Context,
    block_id: str,
    table: TypeTables,
    required: tuple[tuple[str, str], ...],
    subs: dict[str, dict[str, Any]],
    out: list[Finding],
) -> None:
    reported: set[str] = set()
    for sub_id, why in required:
        sub = subs.get(sub_id)
        if sub is not None:  # the common case: a non-blank text is filled whatever else holds
            value = sub.get("value")
            if value.__class__ is str and value and not value.isspace():
                continue
        canonical = table.canonical.get(sub_id, sub_id)
        if canonical in reported or _filled(subs, table, sub_id):
            continue
        reported.add(canonical)
        out.append(
            RULE.finding(
                "missing_required_field",
                pointer("blocks", block_id, "subBlocks", sub_id, "value"),
                f"{ctx.label(block_id)} leaves '{sub_id}' empty, but {why} needs it; fill it in "
                "(a value, a <block.field> reference or a {{ENV_VAR}}).",
            )
        )


# --- runtime checks: what JUL25 Sim does with the values when the block runs -------------------


def _unresolvable(ctx: Context, block_id: str, block_type: str, text: str) -> bool:
    """A tag Sim cannot resolve stops the run before compiling; references report it (unknown_tag)."""
    blocks, by_name = ctx.blocks, ctx.by_name
    refs = refs_in(text)
    if only_references(text, len(refs)):  # the tags are the references: their names decide
        for ref in refs:
            if (ref.name in by_name or ref.block in blocks) and ref.name != "start":
                continue  # ref.name is ref.block lowercased ([\w-] only)
            if not ctx.resolves_tag(block_id, ref.block):
                return True
        return False
    for tag in resolved_tags(text, block_type):
        name = tag.ref
        # Most tags name a block by id or normalized name: resolved, whatever else holds
        # (`Context.resolves_tag` decides `start`, `loop` and `parallel` itself).
        if (name in blocks or normalized_name(name) in by_name) and name.lower() != "start":
            continue
        if not ctx.resolves_tag(block_id, name):
            return True
    return False


_CODE_ADVICE = {
    "condition": "July 2025 Sim evaluates it as code and stops the run with 'Evaluation error in "
    "condition'. Write an expression such as <agent1.content>.includes('churned').",
    "function": "July 2025 Sim cannot compile it and the block fails. Fix the syntax.",
}


def _check_code(ctx: Context, block_id: str, block_type: str, out: list[Finding]) -> None:
    """Condition expressions and function code compile (Sim: `new Function(...)` after
    substitution): a function's code, or each condition but the else."""
    if block_type == "function":
        code = ctx.value(block_id, "code")
        if isinstance(code, str) and code and not code.isspace():
            _check_source(ctx, block_id, block_type, "function", code, None, out)
            _check_template_texts(ctx, block_id, code, out)
        return
    for index, item in enumerate(ctx.conditions(block_id) or ()):
        value = item.get("value")
        if item.get("title") != "else" and isinstance(value, str) and value and not value.isspace():
            _check_source(ctx, block_id, block_type, "condition", value, (index, item), out)


def _check_source(
    ctx: Context,
    block_id: str,
    block_type: str,
    kind: str,
    source: str,
    entry: tuple[int, dict[str, Any]] | None,
    out: list[Finding],
) -> None:
    """The findings of one JavaScript text (`entry`: a condition's index and item).

    Whether its tags resolve is asked only when there is something to report: a text that reads
    no `<start…>` and compiles has no finding either way (the usual code and condition)."""
    reads_start = "<start" in source.lower()
    if not reads_start and _compiles(source, kind):
        return
    if _unresolvable(ctx, block_id, block_type, source):
        return  # Sim stops at the tag first (unknown_tag)
    if reads_start:
        out.extend(_check_unquoted_start(ctx, block_id, source, _what(entry), kind))
    problem = js.syntax_error(source, kind)  # (cached by text)
    if problem:
        field = "conditions" if kind == "condition" else "code"
        out.append(
            RULE.finding(
                f"{kind}_syntax",
                pointer("blocks", block_id, "subBlocks", field, "value"),
                f"{_what(entry)} of {ctx.label(block_id)} is not valid JavaScript ({problem}); {_CODE_ADVICE[kind]}",
            )
        )


def _compiles(source: str, kind: str) -> bool:
    """Whether `js.syntax_error` finds nothing; False when it raises (a lone surrogate), so the
    text goes the usual way, where the tag check comes first."""
    try:
        return js.syntax_error(source, kind) is None
    except Exception:
        return False


def _what(entry: tuple[int, dict[str, Any]] | None) -> str:
    """How a message names the JavaScript text: a condition by title and entry, else the code."""
    if entry is None:
        return "The code"
    index, item = entry
    return f"Condition '{item.get('title')}' (entry {index})"


def _check_template_texts(ctx: Context, block_id: str, code: str, out: list[Finding]) -> None:
    """JUL25's resolver takes code holding '${', '}' and a backtick anywhere for one template literal and pastes
    every text it reads there bare (`const note = Hi team;`), so the function does not compile; an object still
    arrives as JSON, and a text in the template's own text (`Hi <agent1.content>!` between backticks) is what the
    writer meant. Only tags known to deliver a text, in code or in a `${…}`, are reported."""
    if not ("${" in code and "}" in code and "`" in code):
        return
    texts = [
        tag.text
        for tag in resolved_tags(code, "function")
        if _delivers_text(ctx, tag.text[1:-1].split(".")) and not _in_template_text(code, tag.start)
    ]
    if texts:
        out.append(
            RULE.finding(
                "function_template_text",
                pointer("blocks", block_id, "subBlocks", "code", "value"),
                f"The code of {ctx.label(block_id)} holds a template literal (`…${{…}}…`), so July 2025 Sim pastes "
                f"the text of {', '.join(dict.fromkeys(texts))} into it unquoted and the function does not compile. "
                "Join strings with + instead of a template literal anywhere in this code.",
            )
        )


def _in_template_text(code: str, at: int) -> bool:
    """Whether position `at` of JavaScript `code` is in the text of a template literal (between backticks, outside any
    `${…}`); in code, in a `${…}` or in a quoted string it is not."""
    stack: list[str] = []  # '`' in a template's text, '{' in code (a `${…}` or a block), a quote in a string
    i = 0
    while i < min(at, len(code)):
        c, top = code[i], stack[-1] if stack else ""
        if top in ("'", '"'):
            if c == "\\":
                i += 1
            elif c in (top, "\n"):
                stack.pop()
        elif top == "`":
            if c == "\\":
                i += 1
            elif c == "`":
                stack.pop()
            elif code.startswith("${", i):
                stack.append("{")
                i += 1
        elif code.startswith("//", i):
            end = code.find("\n", i)
            i = len(code) if end < 0 else end
            continue
        elif c in ("'", '"', "`", "{"):
            stack.append(c)
        elif c == "}" and stack:
            stack.pop()
        i += 1
    return bool(stack) and stack[-1] == "`"


def _delivers_text(ctx: Context, parts: list[str]) -> bool:
    """Whether a tag is known to deliver a text: an agent's content. (A starter's plain value is reported by
    `_check_unquoted_start` in any code; what else a tag names may be a number, an object or is not known.)"""
    ids = ctx.by_name.get(normalized_name(parts[0])) or ([parts[0]] if parts[0] in ctx.blocks else [])
    return len(ids) == 1 and ctx.types.get(ids[0]) == "agent" and parts[1:] == ["content"]


# 'Number(<start.webhook.data.payload.amount>)': a number fits unquoted where Sim puts it
_NUMBER_BEFORE = re.compile(r"Number\(\s*$")
_CLOSE_AFTER = re.compile(r"^\s*\)")
# 'JSON.stringify(<start…issue>)', '(<start…object>)?.amount': a value used as an object
_STRINGIFY_BEFORE = re.compile(r"JSON\.stringify\(\s*$")
_PAREN_BEFORE = re.compile(r"(?<![\w$.])\(\s*$")
_FIELD_AFTER = re.compile(r"^\s*\)\s*\??\.")


def _start_node(shape: Any, parts: list[str]) -> tuple[str, int]:
    """What the starter delivers at `parts` ('object', 'leaf', 'unknown' below an open value, 'missing') and
    how many segments lead to the last object on the way."""
    current, last_object = shape, 0
    for index, segment in enumerate(parts):
        if current == "*" or current is None:
            return "unknown", last_object
        if isinstance(current, list):
            current = current[0] if segment.isdigit() and current else None
        elif isinstance(current, dict) and segment in current:
            current = current[segment]
        else:
            return "missing", last_object
        if current == "*" or isinstance(current, list) or (isinstance(current, dict) and current):
            last_object = index + 1
    if current == "*" or isinstance(current, list) or (isinstance(current, dict) and current):
        return "object", last_object
    return "leaf", last_object


def _check_unquoted_start(
    ctx: Context, block_id: str, source: str, what: str, code_kind: str = "condition"
) -> Iterator[Finding]:
    """JUL25's resolver puts a `<start.…>` value into a condition or a function's code as it is — quoted
    only when the path names the input, JSON for an object — so a text there (`String(Sunrise Café)`,
    `text(Hi team — …)`) does not compile."""
    from lib.validation.rules.references import start_shape

    starter = next((b for b, t in ctx.types.items() if t == "starter"), None)
    if starter is None:
        return
    for tag in resolved_tags(source, code_kind):
        parts = tag.text[1:-1].split(".")
        if parts[0].lower() != "start" or "input" in ".".join(parts[1:]) or len(parts) < 2:
            continue
        before, after = source[: tag.start], source[tag.end :]
        if _NUMBER_BEFORE.search(before) and _CLOSE_AFTER.match(after):
            continue
        kind, leading = _start_node(start_shape(ctx, starter)[1], parts[1:])
        if kind in ("object", "missing"):
            continue  # an object arrives as JSON; a path not delivered is output_not_produced
        if kind == "unknown" and (
            (_STRINGIFY_BEFORE.search(before) and _CLOSE_AFTER.match(after))
            or (_PAREN_BEFORE.search(before) and _FIELD_AFTER.match(after))
        ):
            continue  # below an open payload ('issue', 'data.object'), used as the object the provider sends
        holder = ".".join(parts[: leading + 1])
        field = "".join(f"?.[{json.dumps(p)}]" for p in parts[leading + 1 :])
        fails = (
            "'Evaluation error in condition'"
            if code_kind == "condition"
            else "a syntax error in the function"
        )
        yield RULE.finding(
            f"{code_kind}_unquoted_value",
            pointer(
                "blocks", block_id, "subBlocks", "conditions" if code_kind == "condition" else "code", "value"
            ),
            f"{what} of {ctx.label(block_id)} uses {tag.text}: July 2025 Sim puts a starter value there unquoted "
            f"(only a path naming the input is quoted, an object arrives as JSON), so a text value makes "
            f"{fails}. Read the field from the object in the code: (<{holder}>){field}.",
        )


@per_spec
def _twins(spec: Any) -> tuple[tuple[str, str], ...]:
    """(manualX, X) pairs of a JUL25 type: an advanced-mode field and the basic field its tool reads."""
    ids = {s.id: s for s in getattr(spec, "sub_blocks", None) or [] if s.era == "jul25"}
    pairs = []
    for sub_id, sub_spec in ids.items():
        if sub_spec.mode == "advanced" and sub_id.startswith("manual") and len(sub_id) > 6:
            base = sub_id[6].lower() + sub_id[7:]
            if base in ids and ids[base].mode != "advanced":
                pairs.append((sub_id, base))
    return tuple(pairs)


_KINDS: dict[str, _Kind] = {}


def _check_twins(ctx: Context, block_id: str, spec: Any) -> Iterator[Finding]:
    """JUL25 hands the tool every subBlock value under its own id, and the tools read `X`, never
    `manualX`: a value only in the manual twin never reaches the service."""
    for twin, base in _twins(spec):
        value = ctx.value(block_id, twin)
        if _empty(value):
            continue
        where = pointer("blocks", block_id, "subBlocks", twin, "value")
        if _empty(ctx.value(block_id, base)):
            message = (
                f"{ctx.label(block_id)} holds '{twin}' but leaves '{base}' empty; July 2025 Sim passes "
                f"'{base}' to the tool and never '{twin}', so the run goes out without it. Move the value "
                f"to subBlocks.{base}.value and clear '{twin}'."
            )
        else:
            message = (
                f"{ctx.label(block_id)} holds both '{base}' and '{twin}'; July 2025 Sim passes only "
                f"'{base}' to the tool, so '{twin}' is ignored. Clear '{twin}' (or copy it into '{base}')."
            )
        yield RULE.finding("value_not_passed", where, message)


@cache
def _tool_inputs() -> dict[str, list[str]]:
    data = json.loads((Path(__file__).resolve().parents[1] / "tool_inputs.json").read_text())
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def _empty_failures() -> dict[str, str]:
    """Tool id → why the run stops when nothing matches (tool_failures.json)."""
    data = json.loads((Path(__file__).resolve().parents[1] / "tool_failures.json").read_text())
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _tool_of(spec: Any, operation: Any) -> str | None:
    """The tool the block calls for `operation` (a block with one tool calls that one)."""
    operations = getattr(spec, "operations", None) or {}
    if operations:
        chosen = operations.get(operation) if isinstance(operation, str) else None
        return getattr(chosen, "tool", None)
    tools = getattr(spec, "tools", None) or []
    return tools[0] if len(tools) == 1 else None


_WANTED: dict[tuple[int, Any], tuple[Any, tuple[Any, ...]]] = {}


def _wanted(spec: Any, operation: Any) -> tuple[Any, ...]:
    """Sub specs the tool of `operation` requires, minus credentials (cached per type and operation)."""
    key = (id(spec), operation if isinstance(operation, str) else None)
    entry = _WANTED.get(key)
    if entry is not None and entry[0] is spec:
        return entry[1]
    operations = getattr(spec, "operations", None) or {}
    ids: list[str] = []
    chosen = operations.get(operation) if operations and isinstance(operation, str) else None
    if chosen is not None:
        ids.extend(chosen.required or [])
    ids.extend(_tool_inputs().get(_tool_of(spec, operation) or "", []))
    subs = tables(spec).sub if spec is not None else {}
    kept = []
    for sub_id in dict.fromkeys(ids):
        sub_spec = subs.get(sub_id)
        if sub_spec is None or sub_spec.secret or sub_spec.type == "oauth-input" or sub_spec.hidden:
            continue  # credentials are connected in Sim, not typed into the state
        kept.append(sub_spec)
    _WANTED[key] = (spec, tuple(kept))
    return _WANTED[key][1]


def _needs_input(ctx: Context, block_id: str, spec: Any, empty: list[str]) -> Finding:
    titles = ", ".join(
        f"'{sub_id}'"
        + (f" ({title})" if (title := getattr(_safe_sub_block(spec, sub_id), "title", None)) else "")
        for sub_id in empty
    )
    return RULE.finding(
        "needs_input",
        pointer("blocks", block_id, "subBlocks", empty[0], "value"),
        f"Before the first run, fill in {titles} of {ctx.label(block_id)}: the tool July 2025 Sim calls "
        "requires them and they are empty (a value, a <block.field> reference or a {{ENV_VAR}}).",
    )


def _check_placeholders(
    ctx: Context, block_id: str, subs: dict[str, dict[str, Any]], flagged: list[str]
) -> Iterator[Finding]:
    for sub_id in flagged:
        value = subs[sub_id].get("value")
        names = list(dict.fromkeys(PLACEHOLDER_RE.findall(value))) if isinstance(value, str) else []
        if names:
            yield RULE.finding(
                "placeholder_value",
                pointer("blocks", block_id, "subBlocks", sub_id, "value"),
                f"Before the first run, replace {', '.join(names)} in '{sub_id}' of {ctx.label(block_id)}: "
                "it is a placeholder for a value of your own account, and Sim would use it as written.",
            )


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
        "condition_syntax": ("error", "JUL25: a condition expression does not compile as JavaScript."),
        "condition_unquoted_value": (
            "error",
            "JUL25: a condition reads a starter value (not the input) that Sim inserts unquoted; a text there "
            "does not compile.",
        ),
        "function_syntax": ("error", "JUL25: a function block's code does not compile as JavaScript."),
        "function_unquoted_value": (
            "error",
            "JUL25: a function's code reads a starter value (not the input) that Sim inserts unquoted; a text "
            "there does not compile.",
        ),
        "function_template_text": (
            "error",
            "JUL25: a function's code holds a template literal, so Sim pastes every text it reads unquoted; "
            "the code does not compile.",
        ),
        "value_not_passed": (
            "warning",
            "JUL25: a value sits in a manual* twin (e.g. manualChannel) that Sim never passes to the tool.",
        ),
        "needs_input": (
            "warning",
            "JUL25: inputs the chosen tool requires are empty; the user must fill them before the first run.",
        ),
        "placeholder_value": (
            "warning",
            "A placeholder (YOUR_SHOP, PHONE_FIELD_ID) still stands where a value of the user's account belongs.",
        ),
        "fails_when_empty": (
            "warning",
            "JUL25: the chosen tool reports a failure, which stops the run, when nothing matches (X's search).",
        ),
    },
    _check,
)
