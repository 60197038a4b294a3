"""The compact workflow plan: what the planner produces and what Claude is asked to answer.

A plan names blocks by short local ids and gives subBlock values as text; `compose` turns it
into a full Sim state (uuids, subBlock types and outputs from the registry, layout, loops).
Asking a model for this small shape instead of the raw state keeps the schema strict
(no free-form maps), the answer short, and the registry the single source of Sim facts.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanValue(_Strict):
    id: str = Field(description="subBlock id from the registry, e.g. 'channel', 'userPrompt'")
    value: str = Field(description="the value as text; JSON text for tables, lists, numbers and switches")


class PlanBlock(_Strict):
    id: str = Field(description="short local id, unique in the plan, e.g. 'start', 'agent1'")
    type: str = Field(description="block type from the registry, or 'loop' / 'parallel'")
    name: str = Field(description="display name, unique after lowercasing and removing spaces")
    parent: str | None = Field(default=None, description="local id of the enclosing loop, or null")
    values: list[PlanValue] = Field(default_factory=list)
    loop_type: Literal["for", "forEach"] | None = Field(default=None, description="loops only")
    count: int | None = Field(default=None, description="loop iterations (loop_type 'for')")
    collection: str | None = Field(
        default=None, description="forEach items: a <block.path> reference or JSON"
    )
    words: str | None = Field(
        default=None, description="the words of the request this block was made from, copied exactly, or null"
    )


class PlanEdge(_Strict):
    source: str
    target: str
    handle: str = Field(
        default="source",
        description="'source'; 'error'; a condition branch 'if' / 'else-if-1' / 'else'; "
        "'loop-start-source' (loop to its first child) or 'loop-end-source' (loop to the next block)",
    )


class WorkflowPlan(_Strict):
    name: str
    summary: str = Field(description="one sentence: what the workflow does")
    blocks: list[PlanBlock]
    edges: list[PlanEdge]
    unused: list[str] = Field(
        default_factory=list, description="parts of the request, copied exactly, that no block carries"
    )
    assumptions: list[str] = Field(
        default_factory=list, description="each choice the request did not settle, one sentence"
    )

    def block(self, local_id: str) -> PlanBlock | None:
        return next((b for b in self.blocks if b.id == local_id), None)

    def value(self, local_id: str, sub_id: str) -> str | None:
        block = self.block(local_id)
        found = next((v for v in block.values if v.id == sub_id), None) if block else None
        return found.value if found else None


def json_schema() -> dict[str, Any]:
    """The plan's JSON schema in the strict form structured outputs accept.

    Every object closes (`additionalProperties: false`) and lists all its properties as
    required (optional ones are nullable), titles and defaults are dropped.
    """
    schema = copy.deepcopy(WorkflowPlan.model_json_schema())

    def tighten(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("title", None)
            node.pop("default", None)
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = sorted(node["properties"])
            for value in node.values():
                tighten(value)
        elif isinstance(node, list):
            for value in node:
                tighten(value)

    tighten(schema)
    return schema
