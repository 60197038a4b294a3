"""A message said once after the per-item work tells of what the loop did, not of the list it walked.

"For each trip … if the waves are over 2.5 m email the customer. After going through all trips, post a list of the
cancelled ones to #skippers": the post runs once, after the loop ends (its `loop-end-source` edge), and tells which
items the loop acted on — here the trips whose e-mail went out, not every trip read. July 2025 Sim gives a loop's
block, once its last repeat is over, the outputs of the blocks inside it from every repeat, flattened, as
`<loopN.results>` (its loop manager aggregates them when the loop completes); a block that did not run in a repeat
(the side of a test not taken) gives nothing for it. So a small function at the end of each acting path inside the
loop returns the item it acted on, marked with the loop's name, and a function after the loop keeps those marks:
how many there were, the items, and a list of them to post. A message that says how many ('post the number of notes
sent') reads the count, one that says which ('a list of the cancelled ones', 'a summary of the reminders') reads
the list; 'if nothing is cancelled, still post "all trips on"' adds a test of the count after it, its other side
posting those words to the same place.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from lib.generation import rx as re
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.generation.shaping import free_name
from lib.sim.names import normalize_name

# 'post how many there were', 'the number of notes sent', 'a count of the texts sent', 'the total of apologies'
_COUNT = re.compile(
    r"\bhow\s+many\b|\b(?:the|a)\s+(?:total\s+)?(?:number|count|tally|total)\s+of\b|\bcount\s+of\b", re.I
)
# 'a list of the cancelled ones', 'a summary of the reminders', 'a recap of everyone who was texted'
_WHICH = re.compile(
    r"\b(?:list|summary|recap|round-?up|overview|digest|report)\s+of\b|\b(?:everyone|everybody)\s+(?:who|that)\b",
    re.I,
)
# 'If nothing is cancelled the skippers still want a short 'all trips on' message there', 'if none were cancelled,
# post "all tours on" there instead', 'If nobody was warned, still post 'all clear''
_NONE_CASE = re.compile(
    r"\bif\s+(?:nothing|none|nobody|no\s*one|no\s+[\w-]+)\s+(?:(?:is|was|were|are|has\s+been|have\s+been|gets?|got)\s+)?"
    r"[\w-]+[^.;\n]{0,120}?(?P<q>'[^'\n]{2,60}'(?!\w)|\"[^\"\n]{2,60}\"|“[^”\n]{2,60}”|‘[^’\n]{2,60}’)",
    re.I,
)
_MESSAGE_FIELDS = ("text", "content", "body", "message", "userPrompt")
_REFERENCE = re.compile(r"<(?P<block>[\w-]+)(?:\.[\w.\[\]-]+)?>")
_COUNTER = "// how many items there were"

_MARK_CODE = """// {loop} acted on this item: its results keep it for the step after the loop
return {{ done: {mark}, item: <loop.currentItem> }};"""
_TALLY_CODE = """// what {loop} did: the items its steps acted on (each marked inside the loop), from the loop's results
const results = [].concat(<{loop_id}.results> || []);
const items = results.map((r) => r && r.result).filter((r) => r && r.done === {mark}).map((r) => r.item);
const label = (item) => {{
  if (item === null || typeof item !== 'object') return String(item);
  const keys = Object.keys(item);
  const key = keys.find((k) => /name|title|subject/i.test(k)) || keys.find((k) => /e-?mail|^id$/i.test(k));
  return key ? String(item[key]) : JSON.stringify(item);
}};
const list = items.map((i) => '- ' + label(i)).join('\\n');
return {{ count: items.length, items, list }};"""


def _value(block: PlanBlock, field: str) -> str | None:
    return next((v.value for v in block.values if v.id == field), None)


def _skips(block: PlanBlock) -> bool:
    """A block the planner adds where nothing is done ('No action', 'Nothing to repeat')."""
    return block.type == "function" and "skipped: true" in (_value(block, "code") or "")


def _taken(plan: WorkflowPlan) -> set[str]:
    return {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks}


def _function(plan: WorkflowPlan, name: str, code: str, parent: str | None, after: PlanBlock) -> PlanBlock:
    name = free_name(name, _taken(plan))
    block = PlanBlock(
        id=normalize_name(name),
        type="function",
        name=name,
        parent=parent,
        values=[PlanValue(id="code", value=code)],
    )
    plan.blocks.insert(plan.blocks.index(after) + 1, block)
    return block


def _message_of(plan: WorkflowPlan, start: PlanBlock, words: dict[str, str]) -> tuple[PlanBlock, str] | None:
    """The message block at `start` (or right after the planner's counting function there) and what it says of
    the items: 'count' or 'list'."""
    block: PlanBlock | None = start
    if start.type == "function" and (_value(start, "code") or "").startswith(_COUNTER):
        nxt = [e.target for e in plan.edges if e.source == start.id and e.handle == "source"]
        block = plan.block(nxt[0]) if len(nxt) == 1 else None
    if block is None:
        return None
    said = words.get(block.id) or block.words or ""
    if not any(_value(block, f) for f in _MESSAGE_FIELDS):
        return None
    if _COUNT.search(said):
        return block, "count"
    if _WHICH.search(said):
        return block, "list"
    return None


def _swap(wanted: str, gone: set[str]) -> Callable[[re.Match[str]], str]:
    """A reference to a block of `gone` becomes `wanted`; others stay."""

    def swap(m: re.Match[str]) -> str:
        return wanted if m.group("block") in gone else m.group(0)

    return swap


def tally_loop_results(plan: WorkflowPlan, words: dict[str, str], description: str) -> list[str]:
    """For each top-level loop whose end leads to a message that tells how many items or which ones the loop acted
    on: a mark at the end of each acting path inside it, a function after it gathering the marks from
    `<loopN.results>`, the message reading the count or the list. Changes `plan` in place; returns notes."""
    notes: list[str] = []
    for loop in [b for b in plan.blocks if b.type == "loop" and b.parent is None]:
        ends = [e for e in plan.edges if e.source == loop.id and e.handle == "loop-end-source"]
        if len(ends) != 1:
            continue
        first = plan.block(ends[0].target)
        found = _message_of(plan, first, words) if first is not None else None
        if first is None or found is None:
            continue
        message, kind = found
        inside = {b.id for b in plan.blocks if b.parent == loop.id}
        exits = [
            b
            for b in plan.blocks
            if b.parent == loop.id
            and b.type not in ("condition", "router", "loop", "parallel")
            and not _skips(b)
            and not any(e.source == b.id and e.target in inside for e in plan.edges)
        ]
        if not exits:
            continue
        mark = json.dumps(loop.id)
        for block in exits:
            marker = _function(
                plan, f"Done in {loop.name}", _MARK_CODE.format(loop=loop.name, mark=mark), loop.id, block
            )
            plan.edges.append(PlanEdge(source=block.id, target=marker.id))
        code = _TALLY_CODE.format(loop=loop.name, loop_id=loop.id, mark=mark)
        if first is not message:  # the planner's count of the list read: now the count of what the loop did
            for v in first.values:
                if v.id == "code":
                    v.value = code
            tally = first
        else:
            tally = _function(plan, f"What {loop.name} did", code, None, loop)
            ends[0].target = tally.id
            plan.edges.append(PlanEdge(source=tally.id, target=message.id))
        # the message reads the count or the list instead of the list walked, the item or the count of all rows
        gone = {tally.id, "loop", *inside}
        listed = _REFERENCE.fullmatch((loop.collection or "").strip())
        if listed:
            gone.add(listed.group("block"))
            source = plan.block(listed.group("block"))
            for v in source.values if source is not None and source.type == "function" else []:
                gone |= {m.group("block") for m in _REFERENCE.finditer(v.value)}
        wanted = f"<{tally.id}.result.{kind}>"
        for v in message.values:
            if v.id not in _MESSAGE_FIELDS:
                continue
            new = _REFERENCE.sub(_swap(wanted, gone), v.value)
            v.value = new if wanted in new else f"{new.rstrip()}\n\n{wanted}" if new.strip() else wanted
        notes.append(
            f"'{message.name}' runs once after {loop.name} and tells {'how many' if kind == 'count' else 'which'} "
            f"items it acted on: each acting path inside the loop ends at a 'Done in' function that returns its item, "
            f"and '{tally.name}' gathers those from <{loop.id}.results> (what Sim's loop gives once it is over)"
        )
        none = _NONE_CASE.search(description)
        field = next((v for v in message.values if v.id in _MESSAGE_FIELDS and wanted in v.value), None)
        if none is None or field is None:
            continue
        # 'if nothing is cancelled, still post 'all trips on' there': the same message, its words those said
        said = none.group("q")[1:-1]
        other = _REFERENCE.sub("", field.value.replace(wanted, "")).strip().rstrip(":").strip()
        lead = json.dumps(other + (":\n" if kind == "list" else ": ") if other else "")
        shown = "list" if kind == "list" else "items.length"
        for v in tally.values:
            if v.id == "code":
                v.value = v.value.replace(
                    "return { count:",
                    f"const message = items.length ? {lead} + {shown} : {json.dumps(said)};\nreturn {{ message, count:",
                )
        field.value = f"<{tally.id}.result.message>"
        notes.append(f"when {loop.name} acted on nothing, '{message.name}' posts '{said}' instead")
    return notes
