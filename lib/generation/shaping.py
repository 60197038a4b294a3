"""JSON values that carry data from another block, built by a function block so Sim keeps them JSON.

July 2025 Sim pastes a reference's value into a text field as it is (an object as its JSON) and only
then parses the field as JSON. A reference inside a JSON string — `[["<agent1.content>"]]` for an
Excel row, `[{"fields": {"Content": "<agent1.content>"}}]` for Airtable, `{"text": "<agent1.content>"}`
for an HTTP body — therefore breaks the JSON as soon as the answer holds a quote or a line break (an
object always does): Excel's tool stops with "Values must be a non-empty array" (found running a
generated state in Sim's executor), Airtable and the HTTP request send a string where the service
expects records or an object. In a function block's code Sim writes each value as a JavaScript
literal instead, so a function that returns the value, with each reference in place, gives the
field a real list or object (`<format…1.result>`, which Sim hands over as JSON). The shape of the
value stays what the plan said; only where the text comes from moves.
"""

from __future__ import annotations

import json
from typing import Any

from lib.generation import rx as re
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.sim.names import REFERENCE_RE, normalize_name

# Blocks whose fields are not parsed this way: code (already JavaScript), conditions and routes
# (their own formats), a response (Sim quotes strings there), containers.
_SKIP_TYPES = frozenset(
    {"function", "condition", "router", "response", "loop", "parallel", "starter", "note"}
)
# Fields Sim reads cell by cell (tables) or not as JSON at all.
_SKIP_FIELDS = frozenset(
    {"headers", "params", "inputFormat", "conditions", "routes", "tools", "responseFormat"}
)
# A field holding one short value (an id, an address, a number) pastes safely into a JSON string.
_SCALAR_FIELD = re.compile(
    r"(?:^|[._])(?:id|ids|email|e_?mail|phone|number|count|amount|total|price|url|link|date|time|status|key|ts|"
    r"name|first_?name|last_?name|title|subject|sku|currency|score|priority|stage|owner|channel|[0-9]+)$",
    re.I,
)
_HELPER = "const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));"
# A record's own key (Pinecone's '_id'): the item's id when it has one, so a run that meets it again updates it;
# else one made from its text, the same text giving the same key.
_KEY_FIELDS = frozenset({"_id"})
_KEY_HELPER = (
    "const key = (v) => {\n"
    "  const own = v && typeof v === 'object' ? (v.id ?? v._id ?? v.fields?.id) : undefined;\n"
    "  if (own !== undefined && own !== null && own !== '') return String(own);\n"
    "  let h = 0;\n"
    "  for (const c of text(v)) h = (Math.imul(31, h) + c.codePointAt(0)) | 0;\n"
    "  return 'r' + (h >>> 0).toString(16);\n"
    "};"
)


def _breaks(text: str) -> bool:
    """Whether a JSON string holding `text` may stop being JSON once Sim pastes its references in:
    one that gives a whole output (an answer, a payload, a list, the current item) rather than a
    short field of it."""
    for match in REFERENCE_RE.finditer(text):
        path = match.group("path") or ""
        if match.group("block").lower() in ("variable",):
            continue
        if "." not in path and normalize_name(match.group("block")) in ("loop", "parallel"):
            return True  # <loop.currentItem>, <loop.index>: the item is usually an object
        if not _SCALAR_FIELD.search(path):
            return True
    return False


def _needs_shaping(value: Any) -> bool:
    if isinstance(value, str):
        return "<" in value and _breaks(value)
    if isinstance(value, list):
        return any(_needs_shaping(v) for v in value)
    if isinstance(value, dict):
        return any(_needs_shaping(v) for v in value.values())
    return False


def _literal(text: str) -> str:
    """A JavaScript string literal of `text` with no '<' or '>' in it: Sim reads every '<…>' in a
    function's code as a tag to resolve ('score < 6", … text(<agent1.content>' would be one)."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def in_code(match: re.Match[str]) -> str:
    """A reference as Sim resolves it inside a function's code. A value of the start block whose path
    does not say 'input' (`<start.email.bodyText>`, `<start.webhook.data.payload.text>`) is pasted as
    it is when it is text — bare words in the code — and as JSON when it is an object, so the object
    above it is read and the field taken in JavaScript (`(<start.email>)?.["bodyText"]`); any other
    value is written as a literal."""
    block, path = match.group("block"), match.group("path") or ""
    if normalize_name(block) != "start" or "input" in path or "." not in path:
        return match.group(0)
    holder, _, leaf = path.rpartition(".")
    return f"(<{block}.{holder}>)?.[{json.dumps(leaf)}]"


def _js(value: Any) -> str:
    """`value` as a JavaScript expression: JSON, except that a string holding references becomes the
    concatenation of its text and each reference (as text)."""
    if isinstance(value, str):
        if "<" not in value or not REFERENCE_RE.search(value):
            return _literal(value)
        parts: list[str] = []
        last = 0
        for match in REFERENCE_RE.finditer(value):
            if match.start() > last:
                parts.append(_literal(value[last : match.start()]))
            parts.append(f"text({in_code(match)})")
            last = match.end()
        if last < len(value):
            parts.append(_literal(value[last:]))
        return " + ".join(parts)
    if isinstance(value, list):
        return "[" + ", ".join(_js(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(str(k))}: {_field_js(str(k), v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def _field_js(name: str, value: Any) -> str:
    """A record's key field holding a reference is the key of what it refers to (`key(<loop.currentItem>)`)."""
    if name in _KEY_FIELDS and isinstance(value, str):
        match = REFERENCE_RE.search(value)
        if match:
            return f"key({in_code(match)})"
    return _js(value)


def _keyed(value: Any) -> bool:
    """Whether a JSON value holds a record key made from a reference (shaped even when the data is short)."""
    if isinstance(value, list):
        return any(_keyed(v) for v in value)
    if isinstance(value, dict):
        return any(
            k in _KEY_FIELDS and isinstance(v, str) and REFERENCE_RE.search(v) for k, v in value.items()
        ) or any(_keyed(v) for v in value.values())
    return False


def shape_json_values(plan: WorkflowPlan) -> list[str]:
    """Put a function block before each block whose JSON value carries a whole output inside a JSON
    string, and point the value at the function's result. Changes `plan` in place; returns a note
    per function added (for the coverage report's assumptions)."""
    notes: list[str] = []
    for block in list(plan.blocks):
        if block.type in _SKIP_TYPES:
            continue
        for field in block.values:
            if field.id in _SKIP_FIELDS or "<" not in field.value or "{{" in field.value:
                # a value holding an {{ENV_VAR}} stays where the secrets rule judges its host
                # (secret_to_foreign_host reads an api block's URL, headers, params and body, not code)
                continue
            text = field.value.strip()
            if text[:1] not in "[{":
                continue
            try:
                parsed = json.loads(text)
            except ValueError:
                continue
            if not isinstance(parsed, (list, dict)) or not (_needs_shaping(parsed) or _keyed(parsed)):
                continue
            helpers = f"{_HELPER}\n{_KEY_HELPER}" if _keyed(parsed) else _HELPER
            local, name = function_before(
                plan, block, f"Format {block.name}", f"{helpers}\nreturn {_js(parsed)};"
            )
            field.value = f"<{local}.result>"
            notes.append(
                f"'{name}' builds {block.name}'s {field.id} as JSON (Sim pastes a text into a JSON string "
                "as it is, so a quote or a line break in it would break the JSON)"
            )
    return notes


def function_before(plan: WorkflowPlan, block: PlanBlock, name: str, code: str) -> tuple[str, str]:
    """Put a function block called `name` (numbered if taken) just before `block`, in the same loop, taking over
    the edges into it. Returns the function's local id (for `<id.result>`) and its name."""
    name = free_name(name, {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks})
    local = normalize_name(name)
    function = PlanBlock(
        id=local, type="function", name=name, parent=block.parent, values=[PlanValue(id="code", value=code)]
    )
    block_before(plan, block, function)
    return local, name


def block_before(plan: WorkflowPlan, block: PlanBlock, new: PlanBlock) -> None:
    """Put `new` just before `block`, in the same loop, taking over the edges into it."""
    new.parent = block.parent
    plan.blocks.insert(plan.blocks.index(block), new)
    for edge in plan.edges:
        if edge.target == block.id:
            edge.target = new.id
    plan.edges.append(PlanEdge(source=new.id, target=block.id, handle="source"))


def free_name(name: str, taken: set[str]) -> str:
    """`name`, or `name 2`, `name 3` …: a display name no block has after normalizing."""
    candidate, n = name, 1
    while normalize_name(candidate) in taken:
        n += 1
        candidate = f"{name} {n}"
    return candidate
