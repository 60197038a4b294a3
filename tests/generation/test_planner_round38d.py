"""Planner round 38d on our own descriptions (`planner_round38d.jsonl`, in no bench set, each written before its
fix): an AI that works out which kind each item is and then sends each kind its own way ("have the AI figure out if
it's a bug, a docs request or a question, and then: bugs go …; docs requests go …; questions get …") is a router with
one route per kind, also over mails read from a named Outlook or Gmail mailbox (the mailbox is read, each mail
forwarded by kind inside a loop); a reply posted "through the X API (POST /path)" keeps the path; "if the price went
up (dropped) by more than N%" after scraping and comparing tests N; German, Spanish and Portuguese lines with an AI
step ("von einer KI zusammengefasst", "una IA lo resume"), a review comment ("einen Kommentar im Issue
hinterlassen") and a day of the month ("No dia 5 de cada mês", "El día 20 de cada mes"). Voices: one-liners, chat
with typos, a voice memo, a spec, a Slack DM, German, Spanish and Portuguese lines; controls: a classified webhook
routed three ways, an AI PR review comment, a French monthly reminder loop. 7 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round38d.jsonl", _KNOWN))
def test_round38d_description_comes_out_right(item):
    assert_right(item, seed="r38d")
