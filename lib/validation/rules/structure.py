"""structure: the state has the JSON types Sim's save schema demands (via the Pydantic model).

A plain walk (`shape.well_typed`) accepts the well-typed states first — its blocks and edges
judged in the context's one walk (`Facts.misshapen`, `Context.edges_typed`); the model runs only
to word the errors of the others."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import ValidationError

from lib.sim.state import WorkflowState, errors_to_findings
from lib.validation.base import Finding, Rule
from lib.validation.context import Context
from lib.validation.shape import well_typed


def _check(ctx: Context) -> Iterator[Finding]:
    if not isinstance(ctx.raw, dict):
        yield RULE.finding(
            "invalid_type",
            "",
            f"The state is {type(ctx.raw).__name__}, not an object; send a JSON object with "
            "'blocks' (object keyed by block id) and 'edges' (array).",
        )
        return
    if well_typed(ctx.raw, ctx.facts, ctx.edges_typed):
        return  # the model would accept it; Pydantic is only needed to word errors
    try:
        WorkflowState.model_validate(ctx.raw)
    except ValidationError as exc:
        for item in errors_to_findings(exc):
            yield RULE.finding(item["code"], item["path"], item["message"])


RULE = Rule.define(
    "structure",
    "Blocks, edges, loops and parallels have the keys and JSON types Sim stores and checks on save.",
    {
        "missing_field": (
            "error",
            "A key Sim requires (block id/type/name/position/subBlocks/enabled, edge id/source/target) is absent.",
        ),
        "invalid_type": (
            "error",
            "A value has the wrong JSON type (e.g. blocks not an object, a position given as a string).",
        ),
        "invalid_value": (
            "error",
            "A value is outside the allowed literals (e.g. extent other than 'parent').",
        ),
    },
    _check,
)
