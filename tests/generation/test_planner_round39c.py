"""Planner round 39c on our own descriptions (`planner_round39c.jsonl`, in no bench set, each written before its
fix): conditions, routers and drafts. A forum title "X → Y?" and an aside "(it can call a webhook)" ask no test and
no call to X; "if there are none, post nothing" and "check T for records where … and text Z" gate the write on the
read; "I check the F field: A go in 'P', everything else in 'Q', and either way I text them" is a branch with both
writes and the text after it; a reply drafted "NOT sent" for staff to review is a draft and never a send, and the
review ("I'll go through the drafts each morning") sets no schedule; "if any of them mention 'x', send me …" sends
once, inside the branch; "email them the prime offer, otherwise the standard one" says which; a router's "answer based
on the 'FAQ' doc/page" reads it. Voices: a forum post, chat with typos, an e-mail, a spec, a Slack DM, voice memos,
Spanish and Portuguese lines; controls: an AI digest of a Slack channel, a webhook test on the plan, a Gmail row.
8 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round39c.jsonl", _KNOWN))
def test_round39c_description_comes_out_right(item):
    assert_right(item, seed="r39c")
