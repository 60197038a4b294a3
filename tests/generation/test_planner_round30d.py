"""Planner round 30d on our own descriptions (`planner_round30d.jsonl`, in no bench set, each written before its
fix): names and values a step must carry, and the block a message reads. A channel said as an aside after the
service ('post them to our Discord, the welcome-desk channel', "post it in Teams, the 'Catering Desk' channel"); a
phone number written the way people say it at home, with spaces and no country code ('texts me on 07911 456 789',
'sms me on 0412 555 678', 'au 06 12 34 56 78'); a German database table ('aus der Supabase-Tabelle 'rechnungen''),
which is no spreadsheet; a count asked for ('post how many there are', 'email the number of rows'), made by a
function from the rows, not sent as the rows; and an event's message after a look-up of whom to tell (post the
dispute, not the 'Finance Team' sheet). Voices: a one-line request, a voice note, chat with typos, German, French,
a spec with headings, a manager's e-mail, call notes, a user story; controls: a number with its country code, a
read sent to two places, a channel said with 'in the #orders channel'. 5 of 15 were right before the fix, 15 after
(r30d-03 was reworded after the first commit: its opening 'hey can u …?' was refused as a question, another cause)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round30d.jsonl", _KNOWN))
def test_round30d_description_comes_out_right(item):
    assert_right(item, seed="r30d")
