"""Planner round 37d on our own descriptions (`planner_round37d.jsonl`, in no bench set, each written before its
fix): which way a message goes and requests in other languages -- the mailbox or address mail comes FROM or
ARRIVES AT is read or starts the run, the address it goes TO is the recipient, "sent from our Gmail" sends,
"draft … don't send" drafts, "the latest commit" is read, "the sheet in our Excel workbook" is Excel only, a
reply goes to whoever wrote in; Spanish, French, German and Portuguese triggers, reads, writes (passive "sollen …
gelesen … gepostet werden", "guarda … en") and negations ("Ne poste rien", "No lo envíes") read as in English.
Voices: one-liners, chat with typos, an e-mail, a voice memo, discovery-style notes; controls: a sheet digest, a
Stripe payment to Slack, a calendar summary drafted in Gmail. 12 of 20 were right before the fix, 17 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r37d-16-control-calendar-draft": "'summarising this week's Google Calendar events' reads no calendar",
    "r37d-20-email-forward-slack": "'could we set it up so that …' in an e-mail is read as a question and refused",
}


@pytest.mark.parametrize("item", cases("planner_round37d.jsonl", _KNOWN))
def test_round37d_description_comes_out_right(item):
    assert_right(item, seed="r37d")
