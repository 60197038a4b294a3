"""The record a write back to the list being walked changes: the current item's own, found by its key.

"Go through every order in the Supabase table 'scan_orders' … then set 'notified' to true on that order" repeats an
update inside the loop over the rows that same table gave. The field naming the record the update changes — the one
its operation needs that an insert does not (the block registry's required fields: Supabase's `filter`) — was left
empty: July 2025 Sim's Supabase update fails at the first item without a filter, and the user cannot fill one fixed
filter for a per-item update (any fixed one would change the same rows every time, or every row).

Where every item carries its id (an Airtable record, a Notion page: lexicon.json 'item_keys'), the planner names it
directly (`<loop.currentItem.id>`). Elsewhere a row has no column every table holds, so a function block before the
update finds the item's key — its `id` field, else a field named for the table's own id ('order_id' in 'orders'),
else one called `uuid`, `key` or `pk` — and gives the field's value in the form the service filters by
(lexicon.json 'item_key_forms': PostgREST's `id=eq.42`). An item with none is passed over with a reason
(`item_addresses.pass_over_addressless`), never updated by an empty filter that would change every row, nor by
another id it holds: 'customer_id' in an order names the customer, and a filter by it would change every order of
that customer.
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation.item_addresses import _stop
from lib.generation.lexicon import lexicon
from lib.generation.plan import PlanValue, WorkflowPlan
from lib.generation.shaping import function_before
from lib.sim.names import REFERENCE_RE, normalize_name

NAME = "Item key for "  # the function's name, before the name of the update it serves
# the operations a record is made with (their fields are not the ones naming a record that exists)
_MAKES = re.compile(r"^(?:create|insert|add|append|new)\b", re.I)


def identifying_fields(block_type: str, operation: str) -> list[str]:
    """The fields of `block_type`'s `operation` (an update) that name the record it changes: the ones the operation
    requires that the service's own way of making a record does not (block registry)."""
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    ops = (spec.operations or {}) if spec is not None else {}
    op = ops.get(operation)
    if op is None:
        return []
    made = [o for key, o in ops.items() if key != operation and _MAKES.match(o.label or key)]
    if not made:
        return []
    content = set(lexicon().get("item_key_content", []))
    return [f for f in op.required if f not in content and all(f not in m.required for m in made)]


def _joined(form: str) -> str:
    """The form as JavaScript that joins its parts with '+': no template literal, since JUL25 Sim pastes every text a
    function reads unquoted into code that holds one."""
    parts = re.split(r"(\{key\}|\{value\})", form)
    names = {"{key}": "key", "{value}": "encodeURIComponent(String(value))"}
    return " + ".join(names.get(p) or json.dumps(p) for p in parts if p) or '""'


def _code(item_ref: str, table: str, form: str) -> str:
    singular = re.sub(r"(?:ies)$", "y", re.sub(r"(?<!s)s$", "", table.lower()))
    own = sorted({f"{table.lower()}_id", f"{singular}_id", f"{singular}id"}) if table else []
    return "\n".join(
        [
            f"// the key of this item's own record: its 'id' field, else a field named for the table's id ({table or 'none'}),",
            "// else one called uuid, key or pk (never another id it holds: a customer_id names the customer's rows)",
            f"const item = <{item_ref}>;",
            "const fields = Object.entries(item && typeof item === 'object' ? item : {})",
            "  .filter(([, v]) => v != null && v !== '' && typeof v !== 'object');",
            f"const own = {json.dumps(own)};",
            "const [key, value] = fields.find(([k]) => k === 'id')",
            "  || fields.find(([k]) => own.includes(k.toLowerCase()))",
            "  || fields.find(([k]) => /^(?:uuid|key|pk)$/i.test(k)) || [];",
            "const found = key == null ? null : key;",
            _stop("this item has no id or key field to name its own record"),
            f"return {_joined(form)};",
        ]
    )


def _walked_types(plan: WorkflowPlan, collection: str, depth: int = 3) -> set[str]:
    """The types of the blocks whose items a loop walks: those `collection` names, and through a function that keeps or
    reshapes the items of a read ('Dated items of …', 'Matching items of …', 'Rows of …'), the read's own type."""
    blocks = {b.id: b for b in plan.blocks}
    found: set[str] = set()
    for ref in REFERENCE_RE.finditer(collection):
        block = blocks.get(normalize_name(ref.group("block")))
        if block is None:
            continue
        found.add(block.type)
        if block.type == "function" and depth:
            code = str(next((v.value for v in block.values if v.id == "code"), "") or "")
            found |= _walked_types(plan, code, depth - 1)
    return found


def key_updated_items(plan: WorkflowPlan) -> list[str]:
    """Put a function block before each update inside a loop over a list the same service gave whose field naming
    the record is empty, and point that field at the key the function finds in the current item. Changes `plan` in
    place; returns a note per function."""
    notes: list[str] = []
    loops = {b.id: b for b in plan.blocks if b.type in ("loop", "parallel")}
    forms = lexicon().get("item_key_forms", {})
    for block in list(plan.blocks):
        loop = loops.get(block.parent or "")
        operation = str(next((v.value for v in block.values if v.id == "operation"), "") or "")
        if loop is None or not operation or block.type not in forms:
            continue
        walked = _walked_types(plan, loop.collection or "")
        if block.type not in walked:
            continue  # (an update of another list: its record is not the item)
        for key_field in identifying_fields(block.type, operation):
            field = next((v for v in block.values if v.id == key_field), None)
            if field is None:
                field = PlanValue(id=key_field, value="")
                block.values.append(field)
            if str(field.value or "").strip():
                continue
            form = forms[block.type].get(field.id, "{value}")
            table = str(next((v.value for v in block.values if v.id == "table"), "") or "")
            code = _code(f"{loop.type}.currentItem", table, form)
            local, name = function_before(plan, block, f"{NAME}{block.name}", code)
            field.value = f"<{local}.result>"
            notes.append(
                f"'{name}' finds the key of the current item's own row (its 'id' field, else the table's own id, uuid, key or pk) "
                f"and {block.name} updates only that row ({field.id} {form}); an item with none is "
                "passed over"
            )
    return notes
