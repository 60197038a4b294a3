"""references: every `<name.field>` names an existing block that runs before the one using it.

Runtime references (`<loop.*>`, `<parallel.*>`, `<variable.*>`) are the executor's. A block may
name its enclosing container (`<dataparallel.currentItem>`). Output keys are checked only where
the registry declares outputs and the block cannot produce arbitrary ones (agents with a
responseFormat, triggers and starters, containers, evaluators with metrics do). In JUL25 a path
below a tool's first key is checked against its operation's nested output shape
(`tool_outputs.json`), as a starter's is against `trigger_outputs.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from lib.sim.names import REFERENCE_RE, normalize_name, pointer
from lib.validation.base import Finding, Rule
from lib.validation.context import Context, normalized_name, tagged_strings
from lib.validation.tables import per_spec, tables
from lib.validation.tags import Ref as _Ref
from lib.validation.tags import refs_in as _refs_in
from lib.validation.tags import resolved_tags

_START_TYPES = ("starter", "start_trigger")
_CONTAINER_DATA_KEYS = ("collection", "whileCondition", "doWhileCondition", "count")
# Types whose outputs are open-ended at run time.
_OPEN_OUTPUT_TYPES = frozenset({"evaluator", "workflow", "response", "api_trigger", "input_trigger"})


def _container_sources(ctx: Context, block_id: str) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(pointer parts, value) of a container's settings (its subBlocks are stale editor copies)."""
    data = ctx.data(block_id)
    for key in _CONTAINER_DATA_KEYS:
        if key in data:
            yield ("blocks", block_id, "data", key), data[key]


class _Memo:
    """Per-validation answers about reference targets and readers, computed once each."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.bits = ctx.bits
        self.jul25 = ctx.era == "jul25"
        # What `field_ok` reads of every target, at hand: containers and triggers (open outputs)
        # and the blocks with output keys stored on them.
        self.types, self.subs = ctx.types, ctx.facts.subs
        self.open_blocks = ctx.containers | ctx.triggers
        self.stored_outputs = ctx.facts.outputs
        self.open: dict[str, bool] = {}
        self.declared: dict[str, frozenset[str]] = {}
        self.operation_outputs: dict[str, Any] = {}
        self.enclosing: dict[str, list[str]] = {}
        self.starts: list[str] | None = None
        self.shapes: dict[str, tuple[str, Any]] = {}
        # (target, path) → True when the path below the first key is in the tool's output shape.
        self.deep: dict[tuple[str, str], bool] = {}

    def resolve(self, name: str) -> list[str]:
        owners = self.ctx.by_name.get(name)
        if owners:
            return owners
        if name == "start":  # Sim resolves <start.*> to the start block whatever its name
            if self.starts is None:
                self.starts = [bid for bid, t in self.ctx.types.items() if t in _START_TYPES]
            return self.starts
        return []

    def enclosing_of(self, block_id: str) -> list[str]:
        if block_id not in self.ctx.parent:
            return _NO_TARGETS  # a top-level block: no enclosing container
        found = self.enclosing.get(block_id)
        if found is None:
            found = self.enclosing[block_id] = self.ctx.ancestors_of_parent(block_id)
        return found

    def open_outputs(self, target: str) -> bool:
        found = self.open.get(target)
        if found is None:
            found = self.open[target] = _open_outputs(self.ctx, target)
        return found

    def declared_outputs(self, target: str) -> frozenset[str]:
        found = self.declared.get(target)
        if found is None:
            found = self.declared[target] = _declared_outputs(self.ctx, target)
        return found

    def outputs_of_operation(self, target: str) -> Any:
        """(operation, what its tool returns) of a JUL25 tool block; outputs None when unknown."""
        found = self.operation_outputs.get(target)
        if found is None:
            operation = _operation(self.ctx, target)
            found = self.operation_outputs[target] = (operation, getattr(operation, "outputs", None))
        return found

    def start_shape(self, starter: str) -> tuple[str, Any]:
        found = self.shapes.get(starter)
        if found is None:
            found = self.shapes[starter] = start_shape(self.ctx, starter)
        return found

    def field_ok(self, target: str, field: str) -> bool:
        """Whether a reference to `field` of `target` that passed the reach checks of `_check_ref`
        gets no finding from the rest of it (a JUL25 starter: only when any path may come —
        `start_shape` None — else its path decides).

        Past the blocks whose outputs are open (or stored on the block), the answer depends only
        on the target's type, the era, its operation and the field, so it is kept per process
        for each combination (`_QUIET`)."""
        block_type = self.types.get(target)
        if block_type == "starter" and self.jul25:
            return self.start_shape(target)[1] is None
        subs = self.subs.get(target, _NO_SUBS)
        if block_type is None or block_type in _OPEN_OUTPUT_TYPES or target in self.open_blocks:
            return True  # `_open_outputs`
        if block_type == "agent":
            sub = subs.get("responseFormat")
            if sub is not None and _open_format(sub.get("value")):
                return True  # `_open_outputs`
        if target in self.stored_outputs:
            return self._field_ok(target, field)  # the block adds its own output keys
        sub = subs.get("operation")
        key = (block_type, self.jul25, None if sub is None else sub.get("value"), field)
        try:
            found = _QUIET.get(key)
        except TypeError:  # an operation that cannot be a key: judged without the memo
            return self._field_ok(target, field)
        if found is None:
            if len(_QUIET) >= _QUIET_LIMIT:
                _QUIET.clear()
            found = _QUIET[key] = self._field_ok(target, field)
        return found

    def path_ok(self, target: str, path: str) -> bool:
        """Whether a path below a tool block's first key is in its operation's output shape (a
        first key that passed `field_ok`; JUL25 only)."""
        key = (target, path)
        found = self.deep.get(key)
        if found is None:
            shape = None if self.open_outputs(target) else _tool_shape(self.ctx, target)
            found = self.deep[key] = shape is None or _missing_step(shape, path) is None
        return found

    def _field_ok(self, target: str, field: str) -> bool:
        # The per-target memos above serve `_check_ref`; most targets are read once, so the
        # answers are computed directly here.
        ctx = self.ctx
        if self.jul25 and ctx.types.get(target) == "starter":
            return self.start_shape(target)[1] is None  # `_check_start_path` has nothing to walk
        if _open_outputs(ctx, target):
            return True
        declared = _declared_outputs(ctx, target)
        if declared and field not in declared and not (self.jul25 and _list_item(ctx, target, field)):
            return False
        if not self.jul25:
            return True
        outputs = getattr(_operation(ctx, target), "outputs", None)
        return outputs is None or (field.isdigit() if outputs == "list" else field in outputs)


# (type, JUL25?, operation value, top-level field) → `_Memo._field_ok` of a block of that type
# whose outputs are neither open nor stored on it (bounded: operations come from input).
_QUIET: dict[tuple[str, bool, Any, str], bool] = {}
_QUIET_LIMIT = 4096
_NO_SUBS: dict[str, dict[str, Any]] = {}


def _value(subs: dict[str, dict[str, Any]], sub_id: str) -> Any:
    """`Context.value` from the block's subBlocks at hand."""
    sub = subs.get(sub_id)
    return None if sub is None else sub.get("value")


def _open_format(fmt: Any) -> bool:
    """An agent's responseFormat that makes its outputs whatever the format says."""
    return fmt not in (None, "", {}, []) and not (isinstance(fmt, str) and not fmt.strip())


def _open_outputs(ctx: Context, target: str) -> bool:
    block_type = ctx.types.get(target)
    if target in ctx.containers or target in ctx.triggers or block_type in _OPEN_OUTPUT_TYPES:
        return True
    if block_type == "agent" and _open_format(ctx.value(target, "responseFormat")):
        return True
    return block_type is None  # no string type


@per_spec
def _spec_outputs(spec: Any) -> frozenset[str]:
    outputs = getattr(spec, "outputs", None)
    return frozenset(str(k) for k in outputs) if isinstance(outputs, dict) else frozenset()


def _declared_outputs(ctx: Context, target: str) -> frozenset[str]:
    keys = _spec_outputs(ctx.spec(target))
    stored = ctx.blocks[target].get("outputs")
    if isinstance(stored, dict) and stored:
        return keys.union(str(k) for k in stored)
    return keys


_NOTHING: list[Finding] = []


def _check_ref(
    memo: _Memo,
    block_id: str,
    parts: tuple[str, ...],
    inner: tuple[Any, ...],
    ref: _Ref,
    upstream: int,
    readable: int,
) -> list[Finding]:
    """The finding a reference earns (a list: empty for the common case, no generator to run).

    `upstream` and `readable` are the reader's masks: every block upstream of it, and (JUL25)
    every block Sim lets it read."""
    ctx = memo.ctx
    targets = memo.resolve(ref.name)
    if not targets:
        known = ", ".join(sorted(ctx.by_name)[:15])
        return [
            RULE.finding(
                "unknown_reference",
                pointer(*parts, *inner),
                f"{ctx.label(block_id)} references <{ref.block}.{ref.path}>, but no block is named '{ref.name}' "
                f"once names are normalized (lowercase, no spaces or dots); use one of: {known or 'no named blocks'}.",
            )
        ]
    enclosing = memo.enclosing_of(block_id)
    if enclosing and any(t in enclosing for t in targets):
        return _NOTHING  # the enclosing loop/parallel: <container.index>, <container.currentItem>
    bits = memo.bits
    if len(targets) == 1:
        target = targets[0]
        reachable = targets if upstream & bits.get(target, 0) else _NO_TARGETS
    else:
        reachable = [t for t in targets if upstream & bits.get(t, 0)]
    if not reachable:
        target = targets[0]
        return [
            RULE.finding(
                "reference_not_upstream",
                pointer(*parts, *inner),
                f"{ctx.label(block_id)} references <{ref.block}.{ref.path}>, but {ctx.label(target)} does not run "
                "before it (no path of edges leads from it to this block), so the value will be empty; connect "
                f"{ctx.label(target)} upstream or reference a block that runs earlier.",
            )
        ]
    target = reachable[0]
    jul25 = ctx.era == "jul25"
    if jul25:
        if not any(t != block_id and readable & bits.get(t, 0) for t in reachable):
            return [
                RULE.finding(
                    "reference_not_connected",
                    pointer(*parts, *inner),
                    f"{ctx.label(block_id)} references <{ref.block}.{ref.path}>, but July 2025 Sim lets a block "
                    f"read only blocks with a path of edges into it (and the starter); {ctx.label(target)} sits "
                    f"inside a loop or parallel that this block follows, so the run stops with 'Block "
                    f'"{ref.block}" is not connected to this block\'. Collect the results inside the container '
                    "(or reference the container's output) instead.",
                )
            ]
        if ctx.types.get(target) == "starter":
            return list(_check_start_path(memo, block_id, target, (*parts, *inner), ref))
    if memo.open_outputs(target):
        return _NOTHING
    declared = memo.declared_outputs(target)
    field = ref.field
    if declared and field not in declared and not (jul25 and _list_item(ctx, target, field)):
        return [
            RULE.finding(
                "unknown_output_field",
                pointer(*parts, *inner),
                f"{ctx.label(block_id)} references <{ref.block}.{ref.path}>, but {ctx.label(target)} (type "
                f"'{ctx.type_of(target)}') has no output '{field}'; use one of: {', '.join(sorted(declared))}.",
            )
        ]
    if not jul25:
        return _NOTHING
    operation, outputs = memo.outputs_of_operation(target)
    if outputs is None or (field.isdigit() if outputs == "list" else field in outputs):
        if ref.path == field or memo.path_ok(target, ref.path):
            return _NOTHING
        return [_nested_output(ctx, block_id, target, (*parts, *inner), ref)]
    return [_operation_output(ctx, block_id, target, (*parts, *inner), ref, operation, outputs)]


_NO_TARGETS: list[str] = []


def _list_item(ctx: Context, target: str, field: str) -> bool:
    """`<jira1.0>`: an index into an operation that returns a list (the block's declared keys are
    another operation's)."""
    return field.isdigit() and getattr(_operation(ctx, target), "outputs", None) == "list"


def _operation(ctx: Context, target: str) -> Any:
    """The registry OperationSpec the block runs (JUL25 tool blocks with an operation dropdown)."""
    spec = ctx.spec(target)
    if spec is None or not spec.operations or spec.category != "tools":
        return None
    chosen = ctx.value(target, "operation")
    if chosen is None:
        sub = tables(spec).sub.get("operation")
        chosen = getattr(sub, "default", None)
    return spec.operations.get(chosen) if isinstance(chosen, str) else None


def _operation_output(
    ctx: Context, block_id: str, target: str, parts: tuple[Any, ...], ref: _Ref, operation: Any, outputs: Any
) -> Finding:
    """The chosen operation's tool returns other keys (or a list) than the one referenced."""
    if outputs == "list":
        offered = f"a list (reference <{ref.block}.0…> items, or loop over <{ref.block}>)"
    else:
        offered = ", ".join(f"<{ref.block}.{k}>" for k in outputs) or "nothing"
    return RULE.finding(
        "output_not_produced",
        pointer(*parts),
        f"{ctx.label(block_id)} references <{ref.block}.{ref.path}>, but operation '{operation.id}' of "
        f"{ctx.label(target)} ({operation.tool}) returns no '{ref.field}' (July 2025 Sim stops with 'No "
        f"value found at path'). It returns {offered}.",
    )


@cache
def _tool_shapes() -> dict[str, Any]:
    return json.loads((Path(__file__).resolve().parents[1] / "tool_outputs.json").read_text())


def _tool_shape(ctx: Context, target: str) -> Any:
    """The nested output shape of the operation a JUL25 tool block runs (None: not known)."""
    operation = _operation(ctx, target)
    if operation is None:
        return None
    return _tool_shapes().get(ctx.types.get(target) or "", {}).get(operation.id)


def _nested_output(ctx: Context, block_id: str, target: str, parts: tuple[Any, ...], ref: _Ref) -> Finding:
    """A path below a tool's first key that its output shape does not hold."""
    operation = _operation(ctx, target)
    shape = _tool_shape(ctx, target)
    missing, where, level = _walk(shape, ref.path)
    if isinstance(level, list):
        offered = f"a list there (an index, <{ref.block}.{where}.0…>, then the item)"
    elif isinstance(level, dict) and level:
        offered = "there: " + ", ".join(f"<{ref.block}.{where}.{k}>" for k in level)
    else:
        offered = f"a plain value at <{ref.block}.{where}>, nothing beneath it"
    return RULE.finding(
        "output_not_produced",
        pointer(*parts),
        f"{ctx.label(block_id)} references <{ref.block}.{ref.path}>, but operation '{operation.id}' of "
        f"{ctx.label(target)} ({operation.tool}) returns no '{missing}' at <{ref.block}.{where}> (July 2025 "
        f"Sim stops with 'No value found at path \"{ref.block}.{ref.path}\"'). It holds {offered}.",
    )


# --- runtime checks (JUL25): what the starter delivers, and tags Sim cannot resolve ---------------


@cache
def _trigger_shapes() -> dict[str, Any]:
    return json.loads((Path(__file__).resolve().parents[1] / "trigger_outputs.json").read_text())


def _input_fields(ctx: Context, starter: str) -> list[str]:
    fields = ctx.value(starter, "inputFormat")
    if not isinstance(fields, list):
        return []
    return [
        f["name"]
        for f in fields
        if isinstance(f, dict) and isinstance(f.get("name"), str) and f["name"] and f.get("type")
    ]


def start_shape(ctx: Context, starter: str) -> tuple[str, Any]:
    """(how the run starts, the starter's output shape) — shape None when anything may come."""
    mode = ctx.value(starter, "startWorkflow") or "manual"
    shapes = _trigger_shapes()
    if mode == "schedule":
        base: Any = shapes["schedule"]
    elif mode == "webhook":
        provider = ctx.value(starter, "webhookProvider") or "generic"
        if not isinstance(provider, str):  # a hand-edited list or number names no provider: judged as unknown
            provider = repr(provider)
        mode = f"webhook ({provider})"
        base = shapes["webhook_providers"].get(provider, shapes["webhook"])
    else:
        base = None
    fields = _input_fields(ctx, starter)
    if not fields:
        return mode, base
    # Sim's executor: with inputFormat fields the output is {input: {field: value}, field: value, ...}
    if base is None:
        return mode, {"input": "*", "conversationId": {}, **dict.fromkeys(fields, "*")}
    delivered = {f: base[f] for f in fields if isinstance(base, dict) and f in base}
    return mode, {"input": delivered, **delivered}


def _walk(shape: Any, path: str) -> tuple[str | None, str, Any]:
    """(the first segment of `path` the shape does not deliver, or None when it all resolves;
    the path before it; the shape there). A list (`[item]`) takes a numeric index, then the
    item's shape (or `length`: Sim looks segments up as plain JavaScript properties)."""
    current = shape
    done: list[str] = []
    for segment in path.replace("[", ".").replace("]", "").split("."):
        if current == "*":
            return None, "", current
        if isinstance(current, list):
            if segment == "length":
                current = {}
            elif segment.isdigit() and current:
                current = current[0]
            else:
                return segment, ".".join(done), current
        elif isinstance(current, dict) and segment in current:
            current = current[segment]
        else:
            return segment, ".".join(done), current
        done.append(segment)
    return None, "", current


def _missing_step(shape: Any, path: str) -> str | None:
    """The first segment of `path` the shape does not deliver (None when it all resolves)."""
    return _walk(shape, path)[0]


def _check_start_path(
    memo: _Memo, block_id: str, starter: str, parts: tuple[Any, ...], ref: _Ref
) -> Iterator[Finding]:
    ctx = memo.ctx
    mode, shape = memo.start_shape(starter)
    if shape is None:
        return
    missing = _missing_step(shape, ref.path)
    if missing is None:
        return
    offered = ", ".join(f"<start.{k}>" for k in shape) if isinstance(shape, dict) and shape else "nothing"
    hint = ""
    if mode.startswith("webhook"):
        hint = " A webhook's body is under <start.webhook.data.payload…>."
    elif mode == "schedule":
        hint = " A schedule delivers no input: fetch the data with a block and reference that block."
    yield RULE.finding(
        "output_not_produced",
        pointer(*parts),
        f"{ctx.label(block_id)} references <{ref.block}.{ref.path}>, but a run started by {mode} gives the starter no "
        f"'{missing}' there (July 2025 Sim stops with 'No value found at path \"start.{ref.path}\" in "
        f"starter block'). It offers: {offered}.{hint}",
    )


def _resolved_texts(
    ctx: Context, block_id: str, block_type: str, tagged: list[tuple[str, tuple[Any, ...], str]]
) -> list[tuple[str, tuple[Any, ...], str]]:
    """(subBlock id, path, text) of the '<'-holding strings Sim resolves when the block runs
    (a condition's JSON string of branches: each branch's expression but the else)."""
    if block_type != "condition" or not isinstance(ctx.value(block_id, "conditions"), str):
        return tagged
    found = []
    for sub_id, inner, text in tagged:
        if sub_id != "conditions":
            found.append((sub_id, inner, text))
            continue
        for item in ctx.conditions(block_id) or []:  # the string itself is one entry at most
            value = item.get("value")
            if item.get("title") != "else" and isinstance(value, str) and "<" in value:
                found.append((sub_id, (), value))
    return found


def _check_tags(
    ctx: Context,
    block_id: str,
    tagged: list[tuple[str, tuple[Any, ...], str]],
    names_block: dict[str, bool],
    found: list[Finding],
) -> None:
    """unknown_tag findings of one block, appended to `found`. `names_block` remembers, per tag
    reference, whether it names a block by id or normalized name (what `resolves_tag` finds
    last): most tags do, and those need nothing else."""
    block_type = ctx.types.get(block_id) or ""
    for sub_id, inner, text in _resolved_texts(ctx, block_id, block_type, tagged):
        bad = []
        for tag in resolved_tags(text, block_type):
            ref = tag.ref
            named = names_block.get(ref)
            if named is None:
                named = names_block[ref] = _names_block(ctx, ref)
            if named:
                continue
            if not ctx.resolves_tag(block_id, ref) and not _judged_elsewhere(tag.text):
                bad.append(tag)
        if not bad or _DIRECT_RUNTIME.match(text):
            continue  # a whole-value <loop.x>/<parallel.x> outside its container stays literal
        shown = ", ".join(f"'{_short(t.text)}'" for t in dict.fromkeys(bad))
        found.append(
            RULE.finding(
                "unknown_tag",
                pointer("blocks", block_id, "subBlocks", sub_id, "value", *inner),
                f"{ctx.label(block_id)} contains {shown}. July 2025 Sim reads every <…> in this field as a "
                f"block reference and stops the run with 'Block \"{bad[0].ref}\" was not found'. Remove the "
                "angle brackets (write HTML or comparisons another way, e.g. 'less than'), or reference a "
                "real block as <blockname.field>.",
            )
        )


def _names_block(ctx: Context, ref: str) -> bool:
    return (ref in ctx.blocks or normalized_name(ref) in ctx.by_name) and ref.lower() != "start"


_DIRECT_RUNTIME = re.compile(r"^\s*<(?:loop|parallel)\.[^>]+>\s*$")


def _judged_elsewhere(text: str) -> bool:
    """Well-formed <name.field> references to a missing block are unknown_reference's."""
    match = REFERENCE_RE.fullmatch(text)
    return match is not None and normalize_name(match.group("block")) not in ("loop", "parallel")


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _check(ctx: Context) -> list[Finding]:
    memo = _Memo(ctx)
    jul25 = memo.jul25
    by_name, bits, types, blocks = ctx.by_name, memo.bits, ctx.types, ctx.blocks
    containers, tags_skipped = ctx.containers, ctx.disabled | ctx.triggers
    upstream_masks, edge_masks, starter_mask = ctx.upstream_masks, ctx.edge_masks, ctx.starter_mask
    tagged, parents, field_ok = ctx.facts.tagged, ctx.parent, memo.field_ok
    names_block: dict[str, bool] = {}

    def names(ref: str) -> bool:
        named = names_block.get(ref)
        if named is None:
            named = names_block[ref] = _names_block(ctx, ref)
        return named

    found: list[Finding] = []
    for block_id in ctx.blocks:
        block_type = types.get(block_id)
        if block_type == "note":
            continue  # notes are documentation, never resolved
        if block_id in containers:
            upstream, readable = ctx.upstream_mask(block_id), ctx.readable_mask(block_id)
            for parts, value in _container_sources(ctx, block_id):
                for inner, text in tagged_strings(value):
                    for ref in _refs_in(text):
                        found.extend(_check_ref(memo, block_id, parts, inner, ref, upstream, readable))
            continue
        texts = tagged.get(block_id)
        if not texts:
            continue
        upstream = upstream_masks.get(block_id, 0)
        readable = edge_masks.get(block_id, 0) | starter_mask  # `Context.readable_mask`
        enclosing = memo.enclosing_of(block_id) if block_id in parents else _NO_TARGETS
        check_tags = jul25 and block_id not in tags_skipped
        tags_resolve = True
        for sub_id, inner, text in texts:
            refs = _refs_in(text)
            # Whether every tag Sim resolves here names a block (else `_check_tags` runs). When
            # the text's tags are its references (`only_references`), they are judged in the
            # loop below (`_names_block`).
            by_refs = check_tags and tags_resolve
            # `only_references`, inlined: it runs for every tagged text
            if by_refs and text.count("<", 0, text.rfind(">")) != len(refs):
                tags_resolve = all(names(tag.ref) for tag in resolved_tags(text, block_type or ""))
                by_refs = False
            for ref in refs:
                written, path, name, field = ref
                targets = by_name.get(name)
                # `_names_block(ctx, ref.block)`: ref.name is ref.block lowercased ([\w-] only).
                if by_refs and ((targets is None and written not in blocks) or name == "start"):
                    tags_resolve = by_refs = False
                # The common case, decided here with what `_check_ref` would read: one block has
                # the name, it is the enclosing container or runs before (and, JUL25, may be read
                # by) this block, and nothing is wrong with the field.
                if targets is not None and len(targets) == 1:
                    target = targets[0]
                    if enclosing and target in enclosing:
                        continue
                    bit = bits.get(target, 0)
                    if (
                        upstream & bit
                        and (not jul25 or (target != block_id and readable & bit))
                        and field_ok(target, field)
                        and (path == field or not jul25 or memo.path_ok(target, path))
                    ):
                        continue
                problems = _check_ref(
                    memo,
                    block_id,
                    ("blocks", block_id, "subBlocks", sub_id, "value"),
                    inner,
                    ref,
                    upstream,
                    readable,
                )
                if problems:
                    found.extend(problems)
        if check_tags and (
            not tags_resolve
            or (block_type == "condition" and isinstance(ctx.value(block_id, "conditions"), str))
        ):
            _check_tags(ctx, block_id, texts, names_block, found)
        if jul25 and enclosing and "<loop.currentItem." in "".join(t for _, _, t in texts):
            found.extend(_check_loop_items(memo, block_id, enclosing[0], texts))
    return found


_LOOP_ITEM = re.compile(r"<loop\.currentItem\.([\w\-]+(?:\.[\w\-]+)*)>")
_ONE_REFERENCE = re.compile(r"^\s*<([\w\-]+)(?:\.([\w\-.]+))?>\s*$")


def _loop_item_shape(memo: _Memo, loop_id: str) -> tuple[str, Any]:
    """(the collection as written, the shape of one of its items) of a forEach loop over one reference to a
    JUL25 tool's output list whose item shape `tool_outputs.json` knows; shape None when not known."""
    ctx = memo.ctx
    data = ctx.data(loop_id)
    collection = data.get("collection")
    if (
        ctx.types.get(loop_id) != "loop"
        or data.get("loopType") != "forEach"
        or not isinstance(collection, str)
    ):
        return "", None
    match = _ONE_REFERENCE.match(collection)
    targets = memo.resolve(normalized_name(match.group(1))) if match else []
    if len(targets) != 1 or memo.open_outputs(targets[0]):
        return "", None
    shape = _tool_shape(ctx, targets[0])
    # a tool whose whole output is the list (Jira's read-bulk) is looped over as `<jira1>`, with no path
    path = match.group(2) if match else None
    missing, _, level = (
        (_walk(shape, path) if path else (None, "", shape)) if shape is not None else ("", "", None)
    )
    if missing is not None or not isinstance(level, list) or not level or not isinstance(level[0], dict):
        return "", None
    return collection.strip(), level[0]


def _check_loop_items(
    memo: _Memo, block_id: str, loop_id: str, texts: list[tuple[str, tuple[Any, ...], str]]
) -> list[Finding]:
    """`<loop.currentItem.email>` in a loop over Google Calendar events: Sim hands the loop each item of the
    tool's list as it is, so a field the item does not hold stops the run ('No value found at path
    "loop.currentItem.email" in loop item'); judged only where the item's shape is known."""
    collection, item = _loop_item_shape(memo, loop_id)
    if item is None:
        return _NOTHING
    ctx, found = memo.ctx, []
    for sub_id, inner, text in texts:
        for path in _LOOP_ITEM.findall(text):
            missing, where, level = _walk(item, path)
            if missing is None:
                continue
            offered = ", ".join(sorted(level)) if isinstance(level, dict) and level else "no fields"
            found.append(
                RULE.finding(
                    "loop_item_field_missing",
                    pointer("blocks", block_id, "subBlocks", sub_id, "value", *inner),
                    f"{ctx.label(block_id)} references <loop.currentItem.{path}>, but each item of "
                    f"{collection} holds no '{missing}'{f' under {where}' if where else ''} (July 2025 Sim stops "
                    f"with 'No value found at path \"loop.currentItem.{path}\" in loop item'). It holds: {offered}.",
                )
            )
    return found


RULE = Rule.define(
    "references",
    "Each <name.field> reference names an existing block (by normalized name) that runs before "
    "the referencing block and, where the registry declares outputs, one of its output keys.",
    {
        "unknown_reference": ("error", "No block has the referenced normalized name."),
        "reference_not_upstream": ("warning", "The referenced block has no path to the referencing block."),
        "unknown_output_field": ("warning", "The referenced block type declares no such top-level output."),
        "reference_not_connected": (
            "error",
            "JUL25: the referenced block runs earlier but has no path of edges into this block (e.g. a "
            "block inside a loop read after the loop); Sim stops with 'is not connected to this block'.",
        ),
        "output_not_produced": (
            "error",
            "JUL25: the referenced path is not in what the block produces (e.g. <start.input> on a "
            "schedule or webhook start, <x1.tweet.url> where X's tweet has no url); Sim stops with "
            "'No value found at path'.",
        ),
        "loop_item_field_missing": (
            "warning",
            "JUL25: <loop.currentItem.x> in a loop over a tool's list whose items (as Sim's tool gives them) hold "
            "no 'x' (a Google Calendar event has no email); Sim stops with 'No value found at path … in loop "
            "item'. A warning: the item shapes are what Sim's tool returns, not every field a service may add.",
        ),
        "unknown_tag": (
            "error",
            "JUL25: a <…> tag that Sim's resolver tries to resolve names no block (Sim: 'Block \"b\" was not found').",
        ),
    },
    _check,
)
