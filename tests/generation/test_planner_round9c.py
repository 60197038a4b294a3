"""Planner round 9c on our own descriptions (`planner_round9c.jsonl`, in no bench set, each written before
its fix, none copied from a bench set) of the branch classes held-out sets 10–12 missed.
Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import validate
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r9c-event-sender-after-span": "'everything in my Gmail … to be sent to me as a Telegram message' is not read as an "
    "e-mail event (a trigger class, another area) and the Telegram message also becomes an e-mail",
}


@pytest.mark.parametrize("item", cases("planner_round9c.jsonl", _KNOWN))
def test_round9c_description_comes_out_right(item):
    assert_right(item, seed="r9c")


@pytest.mark.parametrize(
    "description",
    [
        "Every morning fetch open GitHub issues of acme/web and summarise each one with AI, and then post a single "
        "list of them to #eng in Slack.",
        "Each Friday at 5pm read the rows of the 'Vendors' Airtable table, for every vendor have the AI write a "
        "two-line status note, then email me all the notes.",
    ],
)
def test_what_all_repeats_made_is_sent_once_after_the_loop(description):
    """The structure judge does not check what stays outside a loop: the message made of every item's answer
    runs once, after the loop, and carries the loop's gathered results."""
    state = compose(planner.plan(description), seed="r9c").state
    blocks = state["blocks"]
    loop = next(bid for bid, b in blocks.items() if b["type"] == "loop")
    sends = [b for b in blocks.values() if b["type"] in ("slack", "gmail")]
    assert len(sends) == 1
    assert (sends[0].get("data") or {}).get("parentId") != loop
    text = " ".join(str(v.get("value")) for v in sends[0]["subBlocks"].values())
    assert f"<{blocks[loop]['name'].lower().replace(' ', '')}.results>" in text
    assert validate(state).valid
