"""The offline planner: a description becomes a `WorkflowPlan`, deterministically, with no model call.

It is the default without a key and the fallback when Claude's answer cannot be made valid.
`triggers` reads the trigger, `steps` the sources/processing/actions/branches/loops; this module
lays the steps out as blocks and edges, wiring each block's input to the previous block's output
(`<agent1.content>`), and building condition expressions from stated thresholds.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lib.generation import lexicon as lx
from lib.generation.lexicon import lexicon
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.generation.steps import Step, read_steps
from lib.generation.triggers import read_trigger

EXAMPLES = (
    "Every weekday at 8:00 Europe/Berlin fetch the trending coins from CoinGecko, summarise them with GPT-4o "
    "and post the summary to #crypto on Slack; if BTC moved more than 5% also email me.",
    "When a new pull request is opened on GitHub, review the changes with Claude and post the review to #eng on Slack.",
    "For each new lead in the Leads table on Airtable, draft a personalised intro email and save it as a Gmail draft.",
)
_CORE_TYPES = ("starter", "agent", "api", "condition", "router", "function", "response", "loop")
_PROCESS_TYPES = ("image_generator", "elevenlabs", "vision", "translate", "openai", "huggingface", "thinking")
_MAIN_OUTPUTS = (
    "content",
    "data",
    "results",
    "items",
    "searchResults",
    "messages",
    "records",
    "issues",
    "tweets",
    "posts",
    "result",
    "answer",
)


def plan(description: str) -> WorkflowPlan:
    """The workflow for `description` (already cleaned by `text.clean_description`)."""
    trigger = read_trigger(description)
    blanked = list(description)
    for start, end in trigger.spans:
        blanked[start:end] = " " * (end - start)
    steps = read_steps(re.sub(r"\s+(?=[,.;])", "", "".join(blanked)), description)
    builder = _Builder(description)
    start = builder.starter(trigger.values, needs_input=trigger.kind in ("manual", "chat"))
    if not steps:
        steps = [
            Step(
                "process",
                "agent",
                {
                    "systemPrompt": "You carry out this task: " + description[:500],
                    "userPrompt": "{prev}",
                    "model": lexicon()["default_model"],
                    "temperature": "0.3",
                    "apiKey": lx.api_key_for(lexicon()["default_model"]),
                },
                label="Task",
            )
        ]
    builder.chain(steps, [(start, "source")], "<start.input>", None)
    return WorkflowPlan(
        name=_title(description), summary=description[:300], blocks=builder.blocks, edges=builder.edges
    )


class _Builder:
    def __init__(self, description: str) -> None:
        self.description = description
        self.blocks: list[PlanBlock] = []
        self.edges: list[PlanEdge] = []
        self.counts: dict[str, int] = {}
        self.subject = _title(description)

    def add(self, type_: str, values: dict[str, str], parent: str | None, **extra: Any) -> str:
        from lib.sim.names import normalize_name
        from lib.sim.registry import get_block

        spec = get_block(type_)
        base = spec.name if spec else type_.replace("_", " ").title()
        self.counts[base] = self.counts.get(base, 0) + 1
        name = f"{base} {self.counts[base]}"
        local = normalize_name(name)
        self.blocks.append(
            PlanBlock(
                id=local,
                type=type_,
                name=name,
                parent=parent,
                values=[PlanValue(id=k, value=v) for k, v in values.items()],
                **extra,
            )
        )
        return local

    def edge(self, heads: list[tuple[str, str]], target: str) -> None:
        for source, handle in heads:
            self.edges.append(PlanEdge(source=source, target=target, handle=handle))

    def starter(self, values: dict[str, str], *, needs_input: bool) -> str:
        values = dict(values)
        if needs_input:
            values["inputFormat"] = json.dumps(
                [{"id": "field-input", "name": "input", "type": "string", "collapsed": False, "value": ""}]
            )
        self.blocks.append(
            PlanBlock(
                id="start",
                type="starter",
                name="Start",
                values=[PlanValue(id=k, value=v) for k, v in values.items()],
            )
        )
        return "start"

    def fill(self, values: dict[str, str], prev: str) -> dict[str, str]:
        return {k: v.replace("{prev}", prev).replace("{subject}", self.subject) for k, v in values.items()}

    def chain(
        self, steps: list[Step], heads: list[tuple[str, str]], prev: str, parent: str | None
    ) -> tuple[list[tuple[str, str]], str]:
        """Append `steps` after `heads`; returns the new heads and the latest data reference."""
        for step in steps:
            if step.kind == "condition":
                heads, prev = self.condition(step, heads, prev, parent)
            elif step.kind == "router":
                heads = self.router(step, heads, prev, parent)
            elif step.kind == "loop":
                heads = self.loop(step, heads, prev, parent)
            else:
                local = self.add(step.type, self.fill(step.values, prev), parent)
                self.edge(heads, local)
                heads = [(local, "source")]
                if step.kind in ("source", "process") or step.type in _PROCESS_TYPES:
                    prev = _ref(local, step.type, step.values.get("operation"))
        return heads, prev

    def condition(
        self, step: Step, heads: list[tuple[str, str]], prev: str, parent: str | None
    ) -> tuple[list[tuple[str, str]], str]:
        expression, data_step = self.expression(step.label, prev)
        if data_step is not None:  # a value the test needs but no earlier block fetches (e.g. BTC's price)
            heads, _ = self.chain([data_step], heads, prev, parent)
            expression = expression.replace("{data}", self.blocks[-1].id)
        conditions = [
            {"id": "if", "title": "if", "value": expression},
            {"id": "else", "title": "else", "value": ""},
        ]
        local = self.add("condition", {"conditions": json.dumps(conditions)}, parent)
        self.edge(heads, local)
        exits: list[tuple[str, str]] = []
        for handle, branch in step.branches:
            if branch:
                out, _ = self.chain(branch, [(local, handle)], prev, parent)
                exits += out
        return exits or [(local, "if")], prev

    def expression(self, test: str, prev: str) -> tuple[str, Step | None]:
        """A JavaScript condition for the test text, and an extra data step when one is needed."""
        threshold = lx.threshold_in(test)
        low = test.lower()
        if threshold:
            op, number, unit = threshold
            num = lx.number_text(number)
            symbols = lx.symbols_in(test)
            if symbols:
                coin = lexicon()["symbols"][symbols[0]]
                api = lexicon()["apis"]["coingecko"]
                data = Step(
                    "source",
                    "api",
                    {"url": api["price_url"].replace("{ids}", coin), "method": "GET"},
                    label=f"{symbols[0]} price",
                )
                change = (
                    re.search(r"\b(mov|chang|swing|jump|drop|fall|fell|ris|gain|los|up|down)", low)
                    or unit == "%"
                )
                path = api["change_path" if change else "price_path"].replace("{id}", coin)
                ref = "<{data}.data." + path + ">"
                if (
                    change
                    and op == ">"
                    and not re.search(r"\b(ris|gain|up|jump)", low)
                    and not re.search(r"\b(drop|fall|fell|down|los)", low)
                ):
                    return f"Math.abs({ref}) > {num}", data
                if change and re.search(r"\b(drop|fall|fell|down|los)", low):
                    return f"{ref} < -{num}", data
                return f"{ref} {op} {num}", data
            priced = next(
                (
                    b
                    for b in reversed(self.blocks)
                    if b.type == "api"
                    and "simple/price?ids=" in (next((v.value for v in b.values if v.id == "url"), ""))
                ),
                None,
            )
            if priced is not None:
                url = next(v.value for v in priced.values if v.id == "url")
                coin = url.split("ids=")[1].split("&")[0].split(",")[0]
                path = "usd_24h_change" if unit == "%" else "usd"
                return f"<{priced.id}.data.{coin}.{path}> {op} {num}", None
            return f"Number({prev}) {op} {num}", None
        words = [
            w
            for w in re.findall(r"[a-z0-9'-]+", low)
            if w
            not in {
                "it",
                "its",
                "it's",
                "is",
                "are",
                "the",
                "a",
                "an",
                "was",
                "there",
                "any",
                "this",
                "that",
                "they",
                "them",
                "email",
                "message",
                "content",
                "result",
                "summary",
                "mentions",
                "contains",
                "marked",
                "as",
                "about",
                "looks",
                "seems",
                "sentiment",
                "be",
                "has",
                "have",
            }
        ]
        keyword = words[-1] if words else "yes"
        return f"String({prev}).toLowerCase().includes('{keyword}')", None

    def router(
        self, step: Step, heads: list[tuple[str, str]], prev: str, parent: str | None
    ) -> list[tuple[str, str]]:
        labels = [label for label, _ in step.branches]
        model = lx.model_in(self.description) or lexicon()["default_model"]
        prompt = (
            f"Route the input by {step.label}"
            + (f" ({'; '.join(labels)})" if labels else "")
            + f". Input: {prev}"
        )
        local = self.add(
            "router", {"prompt": prompt, "model": model, "apiKey": lx.api_key_for(model)}, parent
        )
        self.edge(heads, local)
        exits: list[tuple[str, str]] = []
        for _, branch in step.branches:
            out, _ = self.chain(branch, [(local, "source")], prev, parent)
            exits += out
        exits = exits or [(local, "source")]
        if step.body:  # steps stated after the routing that are not routes run once the route is taken
            exits, _ = self.chain(step.body, exits, prev, parent)
        return exits

    def loop(
        self, step: Step, heads: list[tuple[str, str]], prev: str, parent: str | None
    ) -> list[tuple[str, str]]:
        extra: dict[str, Any] = {"loop_type": step.loop_type}
        if step.loop_type == "for":
            extra["count"] = step.count or 5
        else:
            extra["collection"] = prev
        local = self.add("loop", {}, parent, **extra)
        self.edge(heads, local)
        if step.body:
            self.chain(step.body, [(local, "loop-start-source")], "<loop.currentItem>", local)
        return [(local, "loop-end-source")]


def _ref(local: str, type_: str, operation: str | None = None) -> str:
    """The reference to a block's main result: the operation's declared result path (services.json),
    else the first main-looking output the registry declares."""
    from lib.generation.services import result_path
    from lib.sim.registry import get_block

    path = result_path(type_, operation)
    if path is not None:
        return f"<{local}.{path}>" if path else f"<{local}>"

    spec = get_block(type_)
    outputs = list((spec.outputs if spec else {}) or {})
    key = next((k for k in _MAIN_OUTPUTS if k in outputs), outputs[0] if outputs else "content")
    return f"<{local}.{key}>"


def _title(description: str) -> str:
    words = re.sub(r"https?://\S+|\S+@\S+", "", description).split()
    title = " ".join(words[:8]).strip(" ,.;:")
    title = title[:1].upper() + title[1:]
    return (title[:57] + "…") if len(title) > 58 else title or "Generated workflow"


# -- helpers for the service and the prompt -----------------------------------------------------
def infer_category(description: str) -> str:
    """The template category whose keywords the description mentions most (ties: catalogue order)."""
    low = " " + description.lower() + " "
    scores = {cat: sum(low.count(k) for k in words) for cat, words in lexicon()["categories"].items()}
    best = max(scores, key=lambda c: scores[c])
    return best if scores[best] else "data-pipeline"


def catalogue() -> list[dict[str, Any]]:
    """The registry facts the model needs: the blocks the planner knows (+ core), in a stable order."""
    from lib.sim.registry import get_block

    lex = lexicon()
    types = set(_CORE_TYPES) | {e["type"] for e in lex["integrations"].values()}
    types |= {e["type"] for k, e in lex["search"].items() if not k.startswith("_")}
    out = []
    for type_ in sorted(types):
        spec = get_block(type_)
        if spec is None:
            continue
        subs = spec.sub_blocks if type_ == "starter" else spec.emit_sub_blocks
        entry: dict[str, Any] = {
            "type": type_,
            "name": spec.name,
            "description": spec.description,
            "subBlocks": [
                {
                    "id": s.id,
                    "type": s.type,
                    **({"options": s.options} if s.options else {}),
                    **({"secret": True} if s.secret else {}),
                }
                for s in subs
            ],
            "outputs": sorted(spec.outputs or {}),
        }
        if spec.operations:
            entry["operations"] = {k: op.required for k, op in spec.operations.items()}
        out.append(entry)
    return out


def describe_state(state: dict[str, Any]) -> str | None:
    """A description rebuilt from a stored state's blocks (for workflows imported without one)."""
    blocks = state.get("blocks") if isinstance(state, dict) else None
    if not isinstance(blocks, dict):
        return None
    ordered = sorted(
        (b for b in blocks.values() if isinstance(b, dict)),
        key=lambda b: ((b.get("position") or {}).get("x", 0), (b.get("position") or {}).get("y", 0)),
    )
    parts: list[str] = []
    for block in ordered:
        subs = {
            k: (v or {}).get("value")
            for k, v in (block.get("subBlocks") or {}).items()
            if isinstance(v, dict)
        }
        kind = block.get("type")
        if kind == "starter":
            mode = subs.get("startWorkflow")
            if mode == "schedule":
                parts.append(
                    f"every day at {subs.get('dailyTime') or '09:00'} {subs.get('timezone') or 'UTC'}"
                )
            elif mode == "webhook":
                parts.append(f"when a {subs.get('webhookProvider') or 'webhook'} event arrives")
            continue
        if kind == "agent":
            parts.append(
                f"process it with {subs.get('model') or 'an agent'}: {str(subs.get('systemPrompt') or '')[:120]}"
            )
        elif kind == "api" and subs.get("url"):
            parts.append(f"fetch {subs['url']}")
        elif kind == "slack":
            parts.append(
                f"post to {subs.get('channel') or subs.get('manualChannel') or 'a channel'} on Slack"
            )
        elif kind == "gmail":
            parts.append(f"email {subs.get('to') or 'me'}")
        elif isinstance(kind, str) and kind not in ("loop", "parallel", "note"):
            parts.append(f"use {kind.replace('_', ' ')}")
    return (
        ", then ".join(parts)
        if len(parts) > 1 or (parts and not parts[0].startswith(("every", "when")))
        else None
    )
