"""Planner round 43a on our own descriptions (`planner_round43a.jsonl`, in no bench set, each written before its
fix): triggers, refusals and other languages. A run the user starts at will ('run this whenever I like', 'something
I can fire whenever I want', 'a workflow I can run whenever a new setter starts: I give it their name …') starts by
hand; 'every hr' is hourly; a pull request opened in a repo (also 'each new PR') is GitHub's event; 'Triggered by
my Slack message' in acceptance criteria, a WhatsApp message to the shop and an Airtable record told after the
table is named pick that provider; a vague wish ('maybe email, maybe WhatsApp? No idea what would be useful',
'ideas for automations … not sure what would help') builds no guessed send; Spanish, German and Portuguese lines are
read when their unread words only say which thing ('the URL of a proveedor de lanas'), and the phrase table reads
scrape, detect, ignore, 'lass die KI' and an object pronoun before its verb. Voices: chat, a voice memo, a user
story, call notes, a forum post, Spanish, German and Portuguese lines; controls: every 2 hrs, every 30 mins, a
weekday Twilio text. 9 of 19 were right before the fix, 18 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r43a-08-new-pr-slack-dm": "'on each new PR in our repo tessel/web the AI summarises …' with no comma after the "
    "event: the trigger is GitHub's now, but the AI's step in the same clause is not read (with a comma, or 'when a "
    "new PR is opened …', it is)",
}


@pytest.mark.parametrize("item", cases("planner_round43a.jsonl", _KNOWN))
def test_round43a_description_comes_out_right(item):
    assert_right(item, seed="r43a")
