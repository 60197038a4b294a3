"""The coverage report: what of the description went where, what was not used, what was assumed,
and what the user must still fill in before the first run.

The planner knows the words each block came from; for any state (Claude's too) the inputs still
to fill are read from the registry: the fields the chosen operation requires that hold nothing,
the accounts to connect and the environment variables the state refers to.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lib.generation import rx as re
from lib.sim.names import PLACEHOLDER_RE
from lib.sim.object_urls import OBJECT_URL_FIELDS, example, missing_object, written

_ENV = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_NOT_TOOLS = {"starter", "loop", "parallel", "condition", "router", "function", "response", "note"}


class BlockCoverage(BaseModel):
    model_config = ConfigDict(defer_build=True)
    block_id: str
    name: str
    type: str
    operation: str | None = None
    words: str | None = Field(
        default=None, description="The words of the description this block was made from (null: not traced)"
    )


class NeededInput(BaseModel):
    model_config = ConfigDict(defer_build=True)
    block_id: str
    block: str = Field(description="The block's name")
    field: str = Field(description="The subBlock id to fill in, or 'environment' for a variable to set")
    reason: str


class Coverage(BaseModel):
    """What the description became: per block its words; what was not used; assumptions; inputs to fill."""

    model_config = ConfigDict(defer_build=True)

    blocks: list[BlockCoverage] = Field(default_factory=list)
    unused: list[str] = Field(
        default_factory=list, description="Clauses of the description no block was made from"
    )
    assumptions: list[str] = Field(default_factory=list)
    needs_input: list[NeededInput] = Field(
        default_factory=list, description="What the user must still fill in before the first run"
    )


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def needs_input(state: dict[str, Any]) -> list[NeededInput]:
    """Required inputs of each block's chosen operation that hold nothing, placeholders to replace
    (YOUR_SHOP), accounts to connect, and the environment variables the state refers to."""
    from lib.sim.registry import get_block

    out: list[NeededInput] = []
    seen_env: set[str] = set()
    blocks = state.get("blocks") or {}
    for bid, block in blocks.items():
        if not isinstance(block, dict):
            continue
        spec = get_block(block.get("type"))
        subs = block.get("subBlocks") or {}
        values = {k: (v or {}).get("value") for k, v in subs.items() if isinstance(v, dict)}
        name = str(block.get("name") or bid)
        for value in values.values():
            for var in _ENV.findall(str(value)) if value is not None else []:
                if var not in seen_env:
                    seen_env.add(var)
                    out.append(
                        NeededInput(block_id=bid, block=name, field="environment", reason=f"set {var}")
                    )
        for field, value in values.items():
            held = PLACEHOLDER_RE.findall(value) if isinstance(value, str) else []
            if held:
                what = ", ".join(dict.fromkeys(held))
                out.append(
                    NeededInput(
                        block_id=bid,
                        block=name,
                        field=field,
                        reason=f"replace {what} by your own account's value",
                    )
                )
        if spec is None or spec.type in _NOT_TOOLS:
            continue
        op = values.get("operation")
        if spec.operations and op in spec.operations:
            required = spec.operations[op].required
        else:
            required = [s.id for s in spec.emit_sub_blocks if s.required and s.condition is None]
        from lib.generation.services import extra_required

        for field in list(required) + [f for f in extra_required(spec.type) if f not in required]:
            if field == "operation" or not _empty(values.get(field)):
                continue
            sub = spec.sub_block(field)
            twin = "manual" + field[:1].upper() + field[1:]
            if not _empty(values.get(twin)) or (sub is not None and not _empty(sub.default)):
                continue
            if (
                sub is not None
                and sub.canonical
                and any(
                    s.canonical == sub.canonical and not _empty(values.get(s.id)) for s in spec.sub_blocks
                )
            ):
                continue
            if sub is not None and sub.type == "oauth-input":
                reason = f"connect your {spec.name} account"
            else:
                title = (sub.title if sub is not None and sub.title else field).lower()
                reason = f"fill in {title} (the description does not say)"
            out.append(NeededInput(block_id=bid, block=name, field=field, reason=reason))
        url_field = OBJECT_URL_FIELDS.get(spec.type)
        url = values.get(url_field) if url_field else None
        if written(url):
            lacks = missing_object(url)
            if lacks is not None:  # ('s3://tillroll-exports/': the tool fetches one object, named by its key)
                reason = f"give the object's URL: '{url}' {lacks} ({example(url)})"
                out.append(NeededInput(block_id=bid, block=name, field=str(url_field), reason=reason))
    return out


def report(
    state: dict[str, Any],
    *,
    words: dict[str, str] | None = None,
    local_ids: dict[str, str] | None = None,
    unused: list[str] | None = None,
    assumptions: list[str] | None = None,
    needs: list[tuple[str, str, str]] | None = None,
) -> Coverage:
    """The coverage report of `state`; `words`/`needs` are keyed by plan ids, mapped through `local_ids`."""
    blocks = state.get("blocks") or {}
    words = words or {}
    local_ids = local_ids or {}
    by_local = {local: uid for uid, local in local_ids.items()}
    rows = []
    for bid, block in blocks.items():
        subs = block.get("subBlocks") or {}
        op = (subs.get("operation") or {}).get("value") if isinstance(subs.get("operation"), dict) else None
        rows.append(
            BlockCoverage(
                block_id=bid,
                name=str(block.get("name") or bid),
                type=str(block.get("type")),
                operation=op if isinstance(op, str) else None,
                words=words.get(local_ids.get(bid, "")),
            )
        )
    stated = []
    for local, field, what in needs or []:  # the planner's own words for what is missing come first
        bid = by_local.get(local, local)
        name = str((blocks.get(bid) or {}).get("name") or local)
        stated.append(NeededInput(block_id=bid, block=name, field=field, reason=what))
    taken = {(n.block_id, n.field) for n in stated}
    missing = stated + [n for n in needs_input(state) if (n.block_id, n.field) not in taken]
    return Coverage(
        blocks=rows, unused=list(unused or []), assumptions=list(assumptions or []), needs_input=missing
    )


_MOST, _LONGEST = 20, 400  # a model's lists and sentences, as far as the report keeps them


def _squeezed(text: str) -> str:
    return " ".join(text.split()).casefold()


def of_plan(state: dict[str, Any], plan: Any, local_ids: dict[str, str], description: str) -> Coverage:
    """The coverage report of a model's plan (Claude's): the words, unused parts and assumptions it
    states. Words and unused parts are kept only when they are the request's own words (spaces and
    case aside): a model's paraphrase is not what the user wrote, so that block's words stay null."""
    said = _squeezed(description)

    def own(text: Any) -> str | None:
        if not isinstance(text, str) or not text.strip() or _squeezed(text) not in said:
            return None
        return text.strip()

    words = {b.id: w for b in plan.blocks if (w := own(b.words)) is not None}
    unused = [u for u in (own(text) for text in plan.unused[:_MOST]) if u is not None]
    assumptions = [a.strip()[:_LONGEST] for a in plan.assumptions[:_MOST] if isinstance(a, str) and a.strip()]
    return report(state, words=words, local_ids=local_ids, unused=unused, assumptions=assumptions)
