"""Planner round 9b on our own descriptions (`planner_round9b.jsonl`, in no bench set, each written before
its fix, none copied from a bench set) of the classes of data references and parameters the development
sets missed: a run started by a call or by hand that is given something (a link, a question, a text) reads
it in the step that uses it (the page scraped, the vector index searched), and 'via API', 'callable from our
app via API', 'API endpoint: our app POSTs …' say how the run starts, not an HTTP step; 'look up the room in
the Supabase table' reads that table, not the web; 'reply with the check-in time / its delivery status' after
a lookup sends what was looked up, not a reply an agent drafted (one asked for — 'a friendly answer written by
AI' — stays). Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round9b.jsonl", _KNOWN))
def test_round9b_description_comes_out_right(item):
    assert_right(item, seed="r9b")


def test_a_step_said_to_run_only_once_follows_the_loop():
    """'for each one create a Notion page, then (just once) post a Slack message …': the post runs a single
    time after the loop, not once per item inside it."""
    from lib.generation import planner
    from lib.generation.compose import compose

    state = compose(
        planner.plan(
            "Every 30 minutes read the newest rows of our Supabase 'returns' table, for each one open a Jira "
            "ticket, then (only once) send a Telegram message saying how many were opened."
        ),
        seed="r9b",
    ).state
    by_type = {b["type"]: b for b in state["blocks"].values()}
    loop = by_type["loop"]
    assert by_type["jira"]["data"].get("parentId") == loop["id"]
    assert by_type["telegram"]["data"].get("parentId") is None
    # after the loop's end: directly, or through the function counting the items ('saying how many were opened')
    after = {e["target"] for e in state["edges"] if e["source"] == loop["id"]}
    after |= {
        e["target"]
        for e in state["edges"]
        if e["source"] in after and state["blocks"][e["source"]]["type"] == "function"
    }
    assert by_type["telegram"]["id"] in after
