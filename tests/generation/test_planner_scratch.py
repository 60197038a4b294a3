"""A step taken back with 'Scratch the …' (`planner_scratch.jsonl`, written before the fix, found by hand after round
28): 'Scratch the email.' left the e-mail in, and 'Scratch the email - Slack is enough.' dropped the Slack post and
left a Gmail read. Control: 'Actually no email, Slack is enough.' 3 of 4 were right before
the fix (the dash line's own miss was in another wording, not reproduced here). A first fix (0b68bdc) left a state of
set 34 invalid and was reverted; round 29, with set 34 studied, found why: "I don't want it changing anything in Notion"
took back an e-mail clause that named Notion only in an aside. The ban line (written before the second fix, wrong
then: the ban also dropped the read) is the control for that. 5 of 5 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_scratch.jsonl", _KNOWN))
def test_a_scratched_step_goes(item):
    assert_right(item, seed="scratch")
