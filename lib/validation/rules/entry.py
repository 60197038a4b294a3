"""entry: the state has a way to start, judged by the rules of the Sim it comes from.

JUL25 (sim-format §2.3.5, §9.5): exactly one enabled `starter`, with an outgoing edge.
Current Sim (§9.14): at least one enabled trigger block (a trigger type, or a block in trigger
mode) with an outgoing edge; `note` blocks are neither triggers nor orphans. Unreachable and
disabled blocks never stop a run (§9.13): warnings only.
"""

from __future__ import annotations

from collections.abc import Iterator

from lib.sim.names import pointer
from lib.validation.base import Finding, Rule
from lib.validation.context import Context


def _has_outgoing(ctx: Context, block_id: str) -> bool:
    return any(edge.target in ctx.blocks for edge in ctx.out_edges.get(block_id, ()))


def _check_jul25(ctx: Context) -> Iterator[Finding]:
    starters = ctx.of_type.get("starter", [])
    enabled = [bid for bid in starters if bid not in ctx.disabled]
    if not enabled:
        where = pointer("blocks", starters[0], "enabled") if starters else "/blocks"
        yield RULE.finding(
            "missing_starter",
            where,
            "No enabled 'starter' block: July 2025 Sim refuses to run a workflow without one. Add a "
            "starter (startWorkflow 'manual', 'chat', 'schedule' or 'webhook') and connect it to the "
            "first block."
            if not starters
            else f"The starter {ctx.label(starters[0])} is disabled, and July 2025 Sim needs an enabled "
            "starter to run; set enabled to true.",
        )
        return
    for extra in enabled[1:]:
        yield RULE.finding(
            "multiple_starters",
            pointer("blocks", extra, "type"),
            f"{ctx.label(extra)} is a second enabled starter; July 2025 Sim expects exactly one. "
            "Remove it or disable it.",
        )
    for bid in enabled:
        if not _has_outgoing(ctx, bid):
            yield RULE.finding(
                "entry_without_edges",
                pointer("blocks", bid),
                f"The starter {ctx.label(bid)} has no outgoing edge (Sim: 'Starter block must have at least "
                "one outgoing connection'); connect it to the first block.",
            )
    yield from _unreachable(ctx, [bid for bid in ctx.triggers if bid not in ctx.disabled])


def _check_current(ctx: Context) -> Iterator[Finding]:
    triggers = [bid for bid in ctx.blocks if ctx.is_trigger(bid) and not ctx.is_note(bid)]
    live = [bid for bid in triggers if ctx.enabled(bid)]
    connected = [bid for bid in live if _has_outgoing(ctx, bid)]
    if not live:
        yield RULE.finding(
            "missing_trigger",
            "/blocks",
            "No enabled trigger block: add a Start (start_trigger), a schedule, or an integration block "
            "with triggerMode true, and connect it to the first block.",
        )
    elif not connected:
        yield RULE.finding(
            "entry_without_edges",
            pointer("blocks", live[0]),
            f"No enabled trigger has an outgoing edge ({', '.join(ctx.label(b) for b in live)}); "
            "connect a trigger to the first block so a run has somewhere to go.",
        )
    else:
        for bid in live:
            if bid not in connected:
                yield RULE.finding(
                    "unconnected_trigger",
                    pointer("blocks", bid),
                    f"Trigger {ctx.label(bid)} has no outgoing edge, so runs it starts do nothing; "
                    "connect it or remove it.",
                )
    yield from _unreachable(ctx, live)


def _unreachable(ctx: Context, roots: list[str]) -> Iterator[Finding]:
    if not roots:
        return
    reached = ctx.reachable_from(roots)
    if len(reached) == len(ctx.blocks):
        return  # every block is reached (`reached` holds blocks only)
    disabled, triggers, types = ctx.disabled, ctx.triggers, ctx.types
    for bid in ctx.blocks:
        if bid in reached or bid in disabled or bid in triggers or types.get(bid) == "note":
            continue
        if any(not ctx.enabled(c) for c in ctx.ancestors_of_parent(bid)):
            continue
        yield RULE.finding(
            "unreachable_block",
            pointer("blocks", bid),
            f"{ctx.label(bid)} cannot be reached from any trigger, so it never runs; connect it "
            "(inside a loop/parallel: from the container's start handle or a sibling) or disable it.",
        )


def _check(ctx: Context) -> Iterator[Finding]:
    if ctx.era == "jul25":
        yield from _check_jul25(ctx)
    else:
        yield from _check_current(ctx)


RULE = Rule.define(
    "entry",
    "The state can start: JUL25 needs exactly one enabled starter with an outgoing edge; current "
    "Sim needs an enabled trigger with an outgoing edge. Unreachable blocks are reported.",
    {
        "missing_starter": ("error", "JUL25: no enabled starter block."),
        "multiple_starters": ("error", "JUL25: more than one enabled starter block."),
        "missing_trigger": ("error", "Current Sim: no enabled trigger block."),
        "entry_without_edges": (
            "error",
            "The starter (JUL25) or every enabled trigger (current) has no outgoing edge.",
        ),
        "unconnected_trigger": ("warning", "Current Sim: one trigger has no outgoing edge while others do."),
        "unreachable_block": ("warning", "An enabled block no trigger reaches; it never runs."),
    },
    _check,
)
