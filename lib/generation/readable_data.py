"""A message carrying a row, a record, a list or an event says it in lines a person reads.

"Email each customer a renewal reminder" sends each customer their row, "post the open orders to #packing" the
list an API answered, "text me the booking details" the body a form posted. July 2025 Sim pastes an object or a
list into a text field as JSON (its resolver stringifies what is not a string), so the customer read
`{"Name":"Ann","Email":"ann@…","Renews on":"…"}`. A function block before the message turns the data into lines:
each field "Name: value", each item of a list on a line of its own, a sheet's rows under its header's names, an
Airtable record's columns without its id and creation time. A reference that holds text (an AI's answer, an
e-mail's body) or one value (an amount, a link) is left as it is; which blocks' messages a person reads is data
(lexicon.json 'people_messages').
"""

from __future__ import annotations

import json
from typing import Any

from lib.generation import rx as re
from lib.generation.lexicon import lexicon
from lib.generation.plan import PlanBlock, WorkflowPlan
from lib.generation.shaping import function_before
from lib.sim.names import REFERENCE_RE, normalize_name

# (a plural names a list: 'orders', 'issues', 'replies'; not 'status', 'address', 'analysis')
_PLURAL = re.compile(r"[a-z](?<![su])s$|ies$", re.I)
# the outputs of a block whose declared type holds data, not one value
_DATA_TYPES = ("json", "any", "array", "object")
_NAME = "Text for "  # the function's name, before the message block's
# outputs that hold text already (an AI's answer, a mail's body, a chat's input)
_TEXT = {
    "content",
    "input",
    "bodyText",
    "text",
    "markdown",
    "answer",
    "combinedContent",
    "output",
    "body",
    "message",
}

_CODE = """// the data {name} carries, as lines a person reads: each field 'Name: value', each item of a list on a line
// of its own, a sheet's rows under its header's names, an Airtable record's columns
const data = {held};
const hidden = /^(createdTime|created_time|etag|kind|__typename|_links)$/;
const own = (o) => (o && o.fields && typeof o.fields === 'object' && 'createdTime' in o ? o.fields : o);
const table = (o) => {{
  const rows = o && !Array.isArray(o) && Array.isArray(o.values) && o.values.every(Array.isArray) ? o.values : null;
  if (!rows || rows.length === 0) return null;
  const [head, ...rest] = rows;
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [String(h || 'Column ' + (i + 1)), r[i]])));
}};
const shown = (o) => Object.entries(own(o)).filter(([k, w]) => !hidden.test(k) && flat(w) !== '');
const flat = (v) => {{
  if (v == null) return '';
  if (Array.isArray(v)) return v.map(flat).filter((s) => s !== '').join(', ');
  if (typeof v === 'object') return shown(v).map(([k, w]) => k + ': ' + flat(w)).join(', ');
  return String(v);
}};
const rows = table(data) || data;
const text = Array.isArray(rows)
  ? (rows.length ? rows.map((r) => '- ' + flat(r)).join('\\n') : '(none)')
  : rows && typeof rows === 'object'
    ? shown(rows).map(([k, w]) => k + ': ' + flat(w)).join('\\n')
    : flat(rows);
return text.length > {longest} ? text.slice(0, {longest}) + '\\n…' : text;"""


def added_here(block_name: str) -> bool:
    """Whether a block of that name is one this module adds (not a step the user asked for)."""
    return block_name.startswith(_NAME)


def _data_word(word: str) -> bool:
    return word in lexicon()["people_messages"]["data_words"] or bool(_PLURAL.search(word))


def holds_data(plan: WorkflowPlan, block_name: str, path: str) -> bool:
    """Whether `<block_name.path>` holds a record, a list or an event (not text, not one value)."""
    from lib.sim.registry import get_block

    parts = [p for p in path.split(".") if p] if path else []
    if parts and parts[-1] in _TEXT:
        return False
    if block_name in ("loop", "parallel", "start"):
        return bool(parts) and _data_word(parts[-1])
    block = plan.block(normalize_name(block_name))
    if block is None:
        return False
    if len(parts) != 1:
        return _data_word(parts[-1])
    spec = get_block(block.type)
    declared = (getattr(spec, "outputs", None) or {}).get(parts[0]) if spec is not None else None
    return declared in _DATA_TYPES


def _held(ref: str) -> str:
    """The reference as the function's code reads it: a starter's value through the object above it (July 2025 Sim
    puts a starter's value in code unquoted, so a text would not parse), else as it is."""
    head, _, key = ref.rpartition(".")
    return f"(<{head}>)?.[{json.dumps(key)}]" if ref.startswith("start.") else f"<{ref}>"


def _longest(block_type: str) -> int:
    longest = lexicon()["people_messages"]["longest"]
    return int(longest.get(block_type, longest["default"]))


def _message_field(block: PlanBlock) -> str | None:
    if block.type not in lexicon()["people_messages"]["blocks"]:
        return None
    entry: dict[str, Any] = next(
        (e for e in lexicon()["integrations"].values() if e.get("type") == block.type), {}
    )
    text = (entry.get("write") or {}).get("text")
    return str(text) if text else None


def readable_data(plan: WorkflowPlan) -> list[str]:
    """Put a function before each message a person reads that carries a record, a list or an event, and point the
    message at the lines it gives. Changes `plan` in place; returns a note per function."""
    notes: list[str] = []
    for block in list(plan.blocks):
        field_id = _message_field(block)
        field = next((v for v in block.values if v.id == field_id), None) if field_id else None
        if field is None or not isinstance(field.value, str):
            continue
        refs = {m.group(0): (m.group("block"), m.group("path")) for m in REFERENCE_RE.finditer(field.value)}
        for written, (name, path) in refs.items():
            if not holds_data(plan, name, path):
                continue
            ref = written[1:-1]
            local, made = function_before(
                plan,
                block,
                f"{_NAME}{block.name}",
                _CODE.format(name=block.name, held=_held(ref), longest=_longest(block.type)),
            )
            # ('A renewal reminder: <…>': the lines start under the words that introduce them)
            field.value = re.sub(
                rf":[ \t]*{re.escape(written)}", f":\n<{local}.result>", field.value
            ).replace(written, f"<{local}.result>")
            notes.append(
                f"'{made}' gives {block.name} <{ref}> as lines of text (each field 'Name: value', a list one item "
                "a line): Sim would paste it as JSON"
            )
    return notes
