"""Planner round 27c on our own descriptions (`planner_round27c.jsonl`, in no bench set, written before the fix):
conditions and triggers in a forwarded thread and elsewhere. A schedule that says no time zone, in a text whose
addresses are of one country with one zone ('frontdesk@hollybrookvets.co.uk', 'leitung@kranwerk.de',
'team@grachtsoft.nl'), runs in that country's zone, while a zone said ('9am Pacific', '7am UK time') wins; a
reply that changes a value and names the old one ('Make it 8am not 7', 'Make it 7pm instead of 6pm', 'make it
#web-bugs not #web') replaces it; a program that calls 'the workflow API' / 'the workflow's API' starts the run
(an API trigger, no HTTP step); a quoted value in the event's own clause ('comments "/approve" on an issue', 'sends a
"negative" review', 'is marked "lost"') is a test of the event. Voices: forwarded e-mail threads, a chat-style
line, a ticket with labelled fields, plain requests. 3 of 13 were right before the fix, 13 after. One line added
after those fixes, checked wrong on the round's base before its own fix: a chat said by what it does ('a chat on the
intranet answering staff questions') whose test is what the person asks for ('If someone asks for a payslip, …': the
chat's message holds 'payslip', not the answer or the knowledge found); right after it (14 of 14)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round27c.jsonl", _KNOWN))
def test_round27c_description_comes_out_right(item):
    assert_right(item, seed="r27c")
