"""Planner round 43m: words a user sees in what is built (each case written before its fix). A speaker who restarts
a phrase across a filler ("a, uh, a Linear issue", "the, um, the weekly report") said it once, so a title or subject
carries it once; "go pick the bike up" / "pick them up" is an errand for people, not an instruction to keep some of
the items (no AI step that "keeps only the bike up" stands between the event and the write). Controls: "pick the
three most interesting" still keeps three with an AI step; "had had" in a quoted name is left alone."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.generation import rx as re


def _state(description: str) -> dict:
    return compose(planner.plan(description), seed="r43m").state


def _texts(state: dict) -> list[str]:
    return [
        sb["value"]
        for b in state["blocks"].values()
        for key, sb in (b.get("subBlocks") or {}).items()
        if isinstance(sb.get("value"), str) and key != "code"
    ]


_RESTARTS = [
    "So when, um, a Stripe subscription gets cancelled, I want a, uh, a Linear issue created for the collections team.",
    "Okay so, er, every Monday at 9 send the, um, the weekly numbers from the 'KPIs' Google Sheet to #ops on Slack.",
    "Every Friday at 5, uh, post a, you know, a summary of the week's closed Jira issues in project OPS to our Teams channel.",
]


@pytest.mark.parametrize("description", _RESTARTS)
def test_a_phrase_restarted_across_a_filler_is_said_once(description):
    doubled = [t for t in _texts(_state(description)) if re.search(r"\b(a|an|the)\s+\1\b", t, re.I)]
    assert doubled == []


_ERRANDS = [
    "When a Stripe subscription gets cancelled, create a Linear issue for the collections team to go pick the bike up, and email the rider.",
    "Every morning at 7 read the 'Collections' Google Sheet and text each driver the address where they should pick the parcels up.",
]


@pytest.mark.parametrize("description", _ERRANDS)
def test_picking_something_up_is_no_selection(description):
    state = _state(description)
    keeps = [
        b for b in state["blocks"].values()
        if b["type"] == "agent" and "keep only" in str((b["subBlocks"].get("systemPrompt") or {}).get("value", ""))
    ]  # fmt: skip
    assert keeps == []


def test_picking_the_best_ones_still_keeps_them():
    state = _state(
        "Every Friday at 4pm search Exa for new papers on soil carbon, pick the three most interesting and post them to #research on Slack."
    )
    prompts = [
        str((b["subBlocks"].get("systemPrompt") or {}).get("value", ""))
        for b in state["blocks"].values()
        if b["type"] == "agent"
    ]
    assert any("three most interesting" in p for p in prompts)
