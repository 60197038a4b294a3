"""Sim's block types as data: what each type declares, so import, validation and generation
can ask one place instead of hard-coding types.

One JSON file per type lives in ``lib/sim/blocks/<type>.json``; this module only reads and
types those declarations (no per-type code). Nothing is read at import time: the first call to
`get_block`/`all_blocks`/`jul25_types` loads every file once and caches the result.

What the files hold (facts read from Sim's public repository; descriptions are ours):

* ``era`` of a type: ``"jul25"`` for the 63 types registered at Sim commit 2f57d8a884f0
  (2025-07-24, our target) plus the ``loop``/``parallel`` containers; ``"head"`` for newer types
  seen in Sim's current exports (``start_trigger``, ``note``, ``gmail_v2``, ...).
* ``era`` of a subBlock: ``"jul25"`` (declared by the JUL25 config), ``"head"`` (declared only by
  current Sim; only added to JUL25 types that current exports use: agent, slack, supabase,
  function, schedule), ``"legacy"`` (keys real JUL25 starter rows carry although the JUL25
  config no longer declares them). Generation emits only `BlockSpec.emit_sub_blocks`.
* A subBlock id declared several times (e.g. agent ``temperature``, one per model family) is
  collapsed into one spec: options are united, ``required``/``secret`` are or-ed, the
  condition is the union of plain same-field conditions, otherwise dropped (visible).
  Conditions on a field the block does not declare (HEAD trigger-selector state) are dropped.
* ``mode`` is ``basic|advanced|both``, plus current Sim's ``trigger``/``trigger-advanced`` for
  fields that only show when an integration block runs in trigger mode. Basic/advanced pairs
  that current Sim collapses into one parameter share a ``canonical`` id.

How ``required`` was derived:

* JUL25 configs carry no ``required`` flag (Sim added it on 2025-07-30). A JUL25 subBlock is
  required when the block's ``inputs.<id>.required`` is true, or when every tool the field can
  feed has a parameter of the same id with ``required: true`` and visibility ``user-or-llm`` or
  ``user-only``. The tools a field feeds are those of the operations its ``operation``
  condition shows it for (or all of ``tools.access`` when the block has no operation
  dropdown). A required field whose condition hides it is not required.
* Per operation, ``OperationSpec.required`` lists the fields visible for that operation that
  are input-required or that the operation's tool requires (JUL25), or whose current-Sim
  ``required`` flag holds for that operation (HEAD). Of a canonical pair only the first
  (basic) member is listed; either member satisfies it.
* HEAD subBlocks: ``required`` is true when current Sim declares ``required: true`` or a
  condition object; a function-valued ``required`` is treated as false (not decidable here).
* ``OperationSpec.outputs`` lists the top-level keys the operation's JUL25 tool returns as
  ``output`` (read from each tool's ``transformResponse``), or ``"list"`` when it returns an
  array; it is absent where the output is spread or built from a variable.
* ``default`` is the declared default (or the value computed for an empty field) when it is a
  short scalar; current-Sim dropdowns default to their first option.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "BlockSpec",
    "SubBlockSpec",
    "OperationSpec",
    "HandleSpec",
    "get_block",
    "all_blocks",
    "jul25_types",
]

_BLOCKS_DIR = Path(__file__).resolve().parent / "blocks"

Era = Literal["jul25", "head"]
SubEra = Literal["jul25", "head", "legacy"]
Mode = Literal["basic", "advanced", "both", "trigger", "trigger-advanced"]


class _Spec(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")


class SubBlockSpec(_Spec):
    """One UI field of a block; its id is the key under ``block.subBlocks`` in a state."""

    id: str
    type: str
    title: str | None = None
    required: bool = False
    secret: bool = False
    options: list[str] | None = None
    default: Any = None
    mode: Mode = "both"
    condition: dict[str, Any] | None = None
    era: SubEra = "jul25"
    canonical: str | None = None
    hidden: bool = False


class OperationSpec(_Spec):
    """One choice of a block's ``operation`` dropdown and the tool it runs."""

    id: str
    label: str | None = None
    tool: str | None = None
    required: list[str] = Field(default_factory=list)
    # What the tool's response handler returns as the block's output (JUL25): its top-level keys,
    # or "list" when it returns an array; None when not declared (or built dynamically).
    outputs: list[str] | Literal["list"] | None = None


class HandleSpec(_Spec):
    """Which edge handles the block has: ``target`` in, plain ``source`` and ``error`` out, and
    the kind of per-branch source handles (``condition-<id>``, ``loop-start-source``, ...)."""

    target: bool
    source: bool
    error: bool
    branches: Literal["condition", "router_v2", "loop", "parallel"] | None = None


class BlockSpec(_Spec):
    """What one Sim block type declares."""

    type: str
    name: str
    description: str
    category: Literal["blocks", "tools", "triggers", "containers"]
    era: Era
    hidden: bool = False
    replaced_by: str | None = None
    trigger: bool = False
    trigger_capable: bool = False
    container: bool = False
    sub_blocks: list[SubBlockSpec] = Field(default_factory=list)
    operations: dict[str, OperationSpec] = Field(default_factory=dict)
    tools: list[str] = Field(default_factory=list)
    inputs: dict[str, Any] = Field(default_factory=dict)
    outputs: dict[str, Any] = Field(default_factory=dict)
    handles: HandleSpec

    def sub_block(self, sub_id: str) -> SubBlockSpec | None:
        return next((s for s in self.sub_blocks if s.id == sub_id), None)

    @property
    def secret_ids(self) -> set[str]:
        """Ids whose values are secrets (Sim's ``password: true``), any era."""
        return {s.id for s in self.sub_blocks if s.secret}

    @property
    def emit_sub_blocks(self) -> list[SubBlockSpec]:
        """The fields a JUL25 state of this type should carry (what generation writes)."""
        return [s for s in self.sub_blocks if s.era == "jul25"]


@cache
def _registry() -> dict[str, BlockSpec]:
    blocks: dict[str, BlockSpec] = {}
    for path in sorted(_BLOCKS_DIR.glob("*.json")):
        spec = BlockSpec.model_validate(json.loads(path.read_text(encoding="utf-8")))
        if spec.type != path.stem:
            raise ValueError(f"{path.name} declares type {spec.type!r}")
        blocks[spec.type] = spec
    return blocks


def get_block(block_type: object) -> BlockSpec | None:
    """The spec of a type, or None when Sim (either era we know) has no such block."""
    return _registry().get(block_type) if isinstance(block_type, str) else None


def all_blocks() -> dict[str, BlockSpec]:
    """Every known type; a fresh dict over the cached specs."""
    return dict(_registry())


@cache
def _jul25() -> frozenset[str]:
    return frozenset(t for t, b in _registry().items() if b.era == "jul25")


def jul25_types() -> set[str]:
    """Types registered in Sim on 2025-07-24, plus the loop/parallel containers."""
    return set(_jul25())
