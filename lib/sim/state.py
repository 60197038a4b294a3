"""Pydantic models of a Sim workflow state, and unwrapping of the envelopes states arrive in.

The models type only the keys Sim itself checks (its JUL25 save schema: ids, names, positions,
subBlocks, enabled, edge ends, loops/parallels) and keep every other key (`extra="allow"`), so
state → model → JSON loses nothing: rows carry editor leftovers that Sim still needs.
Types are strict: a position `"100"` is reported, never silently turned into a number.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError
from pydantic_core import PydanticCustomError

from lib.errors import InvalidInput
from lib.sim.names import pointer

__all__ = [
    "Block",
    "BlockData",
    "Edge",
    "Loop",
    "Parallel",
    "Position",
    "SubBlock",
    "WorkflowState",
    "errors_to_findings",
    "parse_state",
    "unwrap",
]


def _number(value: Any) -> Any:
    # Keep ints as ints (lossless round trip); refuse bools and numeric strings.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number_type", "Input should be a number")
    return value


Number = Annotated[int | float, PlainValidator(_number)]


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="allow", strict=True, populate_by_name=True)


class Position(_Model):
    x: Number
    y: Number


class SubBlock(_Model):
    id: str
    type: str
    value: Any = None


class BlockData(_Model):
    parentId: str | None = None
    extent: Literal["parent"] | None = None
    count: Number | None = None
    loopType: str | None = None
    parallelType: str | None = None


class Block(_Model):
    id: str
    type: str
    name: str
    position: Position
    subBlocks: dict[str, SubBlock]
    enabled: bool
    outputs: dict[str, Any] | None = None
    horizontalHandles: bool | None = None
    isWide: bool | None = None
    advancedMode: bool | None = None
    triggerMode: bool | None = None
    height: Number | None = None
    data: BlockData | None = None
    parentId: str | None = None
    extent: Literal["parent"] | None = None


class Edge(_Model):
    id: str
    source: str
    target: str
    # JUL25 rows store NULL target handles on containers (sim-format §9.1): accept None.
    sourceHandle: str | None = None
    targetHandle: str | None = None


class Loop(_Model):
    id: str | None = None
    nodes: list[str] = Field(default_factory=list)
    iterations: Number | None = None
    loopType: str | None = None
    forEachItems: Any = None


class Parallel(_Model):
    id: str | None = None
    nodes: list[str] = Field(default_factory=list)
    distribution: Any = None
    count: Number | None = None
    parallelType: str | None = None


class WorkflowState(_Model):
    blocks: dict[str, Block]
    edges: list[Edge] = Field(default_factory=list)
    loops: dict[str, Loop] = Field(default_factory=dict)
    parallels: dict[str, Parallel] = Field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The state as JSON, with exactly the keys it was built from (unset defaults left out)."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)


# --- envelopes ---------------------------------------------------------------------------------


def _is_state(obj: Any) -> bool:
    return isinstance(obj, dict) and "blocks" in obj


def unwrap(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(state, envelope meta) from any form a state arrives in.

    Accepts a bare state, Sim's export envelope `{version, exportedAt, state}`, the API envelope
    `{data: {...}}`, and JUL25's text-editor export `{workflow, state, subBlockValues}` whose
    `subBlockValues` are merged into the blocks (a copy is made; the input is never changed).
    A bare state is returned as it is. Raises InvalidInput when no state can be found.
    """
    if not isinstance(obj, dict):
        raise InvalidInput(
            "A workflow state must be a JSON object with a 'blocks' object.",
            field="state",
            details=[_root_finding(obj)],
        )
    if _is_state(obj) and not isinstance(obj.get("state"), dict):
        return obj, {}
    inner = obj.get("state")
    if isinstance(inner, dict):
        meta = {k: v for k, v in obj.items() if k not in ("state", "subBlockValues")}
        values = obj.get("subBlockValues")
        if isinstance(values, dict) and values:
            inner = _merge_sub_block_values(inner, values)
        return inner, meta
    data = obj.get("data")
    if isinstance(data, dict):
        state, meta = unwrap(data)
        outer = {k: v for k, v in obj.items() if k != "data"}
        return state, {**outer, **meta}
    raise InvalidInput(
        "No workflow state found: expected {blocks, edges}, {version, exportedAt, state}, "
        "{data: {...}} or {workflow, state, subBlockValues}.",
        field="state",
        details=[
            {
                "validator": "structure",
                "code": "missing_field",
                "severity": "error",
                "path": "/blocks",
                "message": "The object has no 'blocks' and no 'state'; send the workflow state "
                "or one of Sim's export envelopes.",
            }
        ],
    )


def _merge_sub_block_values(state: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    state = copy.deepcopy(state)
    blocks = state.get("blocks")
    if not isinstance(blocks, dict):
        return state
    for block_id, sub_values in values.items():
        block = blocks.get(block_id)
        if not isinstance(block, dict) or not isinstance(sub_values, dict):
            continue
        sub_blocks = block.get("subBlocks")
        if not isinstance(sub_blocks, dict):
            sub_blocks = block["subBlocks"] = {}
        for sub_id, value in sub_values.items():
            entry = sub_blocks.get(sub_id)
            if isinstance(entry, dict):
                entry["value"] = value
            else:
                # Sim types keys it does not know as short-input (sim-format §3.3).
                sub_blocks[sub_id] = {"id": sub_id, "type": "short-input", "value": value}
    return state


# --- parsing -----------------------------------------------------------------------------------

_HINTS = {
    "id": "a string id (for a block: the same as its key in 'blocks')",
    "type": "a string type (a block type from the registry, or a subBlock UI type)",
    "name": "the display name as a string",
    "position": "an object {x, y} of numbers",
    "subBlocks": "an object of {id, type, value} entries keyed by subBlock id",
    "enabled": "true or false",
    "blocks": "an object of blocks keyed by block id",
    "edges": "an array of {id, source, target, sourceHandle, targetHandle}",
    "loops": "an object keyed by loop block id",
    "parallels": "an object keyed by parallel block id",
    "source": "the id of the edge's source block",
    "target": "the id of the edge's target block",
    "extent": "'parent' (only on blocks inside a loop or parallel)",
    "x": "a JSON number (not a string)",
    "y": "a JSON number (not a string)",
    "height": "a JSON number",
    "count": "a JSON number",
    "iterations": "a JSON number",
    "nodes": "an array of block ids",
    "parentId": "the id of the enclosing loop or parallel block",
    "sourceHandle": "a handle name string such as 'source', or null",
    "targetHandle": "'target' or null",
}


def _root_finding(obj: Any) -> dict[str, Any]:
    return {
        "validator": "structure",
        "code": "invalid_type",
        "severity": "error",
        "path": "",
        "message": f"The state is {type(obj).__name__}, not an object; send a JSON object "
        "with 'blocks' (object) and 'edges' (array).",
    }


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def errors_to_findings(exc: ValidationError) -> list[dict[str, Any]]:
    """Pydantic errors as finding dicts: {validator, code, severity, path, message}."""
    findings = []
    for err in exc.errors(include_url=False):
        loc = list(err.get("loc", ()))
        path = pointer(*loc)
        field = str(loc[-1]) if loc else "state"
        hint = _HINTS.get(field, "the type Sim expects")
        where = path or "the state root"
        kind = err.get("type", "")
        if kind == "missing":
            code = "missing_field"
            message = f"Required field '{field}' is missing at {where}; add {hint}."
        elif kind == "literal_error":
            code = "invalid_value"
            message = f"{where} is {_describe(err.get('input'))}: {err.get('msg')}; use {hint}."
        else:
            code = "invalid_type"
            message = f"{where} has the wrong type ({err.get('msg')}, got {_describe(err.get('input'))}); use {hint}."
        findings.append(
            {"validator": "structure", "code": code, "severity": "error", "path": path, "message": message}
        )
    return findings


def parse_state(obj: Any, *, field: str = "state") -> WorkflowState:
    """A typed WorkflowState from a state or envelope; raises InvalidInput listing every problem."""
    state, _meta = unwrap(obj)
    try:
        return WorkflowState.model_validate(state)
    except ValidationError as exc:
        details = errors_to_findings(exc)
        raise InvalidInput(
            f"The workflow state is not valid Sim JSON ({len(details)} problem(s)); see details.",
            field=field,
            details=details,
        ) from None
