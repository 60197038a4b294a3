"""Planner round r55b: triggers, routers and the agent step. The start the user names when it is an arriving
message or record (order e-mails that arrive in Gmail, posts in a Teams channel, customers who write on WhatsApp or
Telegram, a form that calls a webhook, a website box that calls the workflow's API), the router when AI sorts each
message into three or more destinations, the agent step the user asks for ("could AI do that") in order and fed from
the right block, and recipients taken from the data with references to the block that holds what is sent. Probe
lines (`planner_round55b.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round55b.jsonl", _KNOWN))
def test_round55b_description_comes_out_right(item):
    assert_right(item, seed="r55b")
