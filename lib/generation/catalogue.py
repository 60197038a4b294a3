"""The block catalogue Claude is shown: every JUL25 block type, one compact line each, from the registry.

Claude can only build what it is shown, so the catalogue covers every type Sim had on 2025-07-24
(the loop and parallel containers included) and is generated from `lib/sim/blocks/`, never kept
by hand. It sits in the prompt-cached prefix, so it is built once, deterministically (a changed
byte would miss the cache). One line per type keeps it small:

    slack: Slack — Posts messages… | ops: send "Send Message" needs text → channel, ts; read … → messages
           | fields: …; text [when operation=send] | out: ts, channel, canvas_id, title, messages

An operation lists what it needs and, when it differs from the block's outputs, what it returns.
Fields are `id`, then what a value must look like when it is not free text (`[a|b]` choices, a
table, JSON, a switch), `adv` when the field only counts in advanced mode, `secret` for values
that must be `{{ENV_VAR}}` references, and `[when field=value]` when a choice shows it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lib.sim.registry import BlockSpec, all_blocks, jul25_types

# Containers have no registry entry (sim-format §4.10): their settings are plan fields, not subBlocks.
CONTAINERS = {
    "loop": "loop: Loop (container) — runs the blocks inside it once per item or N times | plan fields: "
    'loop_type "forEach" with collection (a <block.path> reference to a list, or a JSON list) or "for" with '
    "count | children: parent = the loop's id; inside use <loop.currentItem>, <loop.index>, <loop.items> | "
    "edges: loop → first child with handle loop-start-source, loop → the block after it with loop-end-source",
    "parallel": "parallel: Parallel (container) — runs the blocks inside it concurrently, one branch per "
    "item of collection (a <block.path> reference or JSON list) or count branches | children: parent = "
    "the parallel's id; inside use <parallel.currentItem>, <parallel.index> | edges: parallel → first "
    "child with handle parallel-start-source, parallel → the block after it with parallel-end-source",
}
_SHAPES = {
    "table": "table: JSON [{cells:{Key,Value}}]",
    "code": "code",
    "switch": "true|false",
    "checkbox-list": "JSON list",
    "slider": "number",
    "condition-input": 'JSON [{title:"if",value:js},{title:"else",value:""}]',
    "eval-input": "JSON [{name,description,range:{min,max}}]",
    "tool-input": "JSON list of tools",
    "input-format": "JSON [{name,type}]",
    "response-format": "JSON",
    "oauth-input": "credential: left for the user",
    "file-upload": "file",
}
MAX_OPTIONS = 12  # long lists (models, timezones) are cut; the first entries are the common ones


def _when(condition: dict[str, Any] | None) -> str:
    if not condition:
        return ""
    value = condition.get("value")
    shown = "|".join(map(str, value)) if isinstance(value, list) else str(value)
    if isinstance(value, list) and len(value) > 4:
        shown = "|".join(map(str, value[:4])) + "|…"
    return f" [when {condition.get('field')}{'!=' if condition.get('not') else '='}{shown}]"


def _field(spec: Any) -> str:
    text = spec.id
    if spec.options:
        opts = spec.options[:MAX_OPTIONS] + (["…"] if len(spec.options) > MAX_OPTIONS else [])
        text += " [" + "|".join(opts) + "]"
    elif spec.type in _SHAPES:
        text += f" ({_SHAPES[spec.type]})"
    if spec.secret:
        text += " secret"
    if spec.mode == "advanced":
        text += " adv"
    return text + _when(spec.condition)


def _operations(block: BlockSpec) -> str:
    parts = []
    for op in block.operations.values():
        needs = [r for r in op.required if r != "credential"]
        text = f'{op.id} "{op.label or op.id}"' + (f" needs {', '.join(needs)}" if needs else "")
        outputs = getattr(op, "outputs", None)  # what this operation returns, when the registry knows
        if outputs == "list":
            text += " → a list (refer to the whole output)"
        elif outputs and sorted(outputs) != sorted(block.outputs):
            text += " → " + ", ".join(outputs)
        parts.append(text)
    return "; ".join(parts)


def line(block: BlockSpec) -> str:
    """One type's catalogue line."""
    fields = [s for s in block.emit_sub_blocks if not s.hidden and s.id != "operation"]
    parts = [f"{block.type}: {block.name} ({block.category}) — {block.description}"]
    if block.operations:
        parts.append("ops: " + _operations(block))
    if fields:
        parts.append("fields: " + "; ".join(_field(s) for s in fields))
    if block.outputs:
        parts.append("out: " + ", ".join(block.outputs))
    return " | ".join(parts)


@lru_cache(maxsize=1)
def types() -> tuple[str, ...]:
    """Every JUL25 type, containers included, in a stable order."""
    return tuple(sorted(jul25_types()))


@lru_cache(maxsize=1)
def text() -> str:
    """The whole catalogue, one line per JUL25 type."""
    blocks = all_blocks()
    return "\n".join(CONTAINERS[t] if t in CONTAINERS else line(blocks[t]) for t in types())
