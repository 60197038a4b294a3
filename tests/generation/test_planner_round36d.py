"""Planner round 36d on our own descriptions (`planner_round36d.jsonl`, in no bench set, each written before its
fix): what is an ask. Texts that ask for nothing a workflow does are refused -- a question out of curiosity, a
chore for a person, standup notes that decide nothing, an FYI e-mail, trivia -- and texts that look like questions
or notes but ask for a workflow are built ('could you set up…', 'is it possible to get…', 'Kannst du…',
'Est-ce que tu peux…', notes with an 'agreed:' line). Nothing is written that the text did not ask for: what
someone else does ('our designers post…', 'Typeform already sends the confirmation'), a forbidden action ("don't
post anything back", "dont email them"), the data a trigger names ('the email's attachment', 'a ticket is
created'), the same write said twice. Voices: one-liners, chat with typos, call notes, an e-mail, Spanish,
German, French and Portuguese lines; controls: a web-search digest, a form into a sheet, trivia.
14 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r36d-14-dm-dont-email": "'it gets logged in the 'NPS' google sheet' (a passive 'gets logged in') reads the sheet "
    "instead of writing to it ('dont email them anything' is kept: no e-mail is sent)",
}


@pytest.mark.parametrize("item", cases("planner_round36d.jsonl", _KNOWN))
def test_round36d_description_comes_out_right(item):
    assert_right(item, seed="r36d")
