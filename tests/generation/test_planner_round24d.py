"""Planner round 24d on our own descriptions (`planner_round24d.jsonl`, in no bench set, each written before its
fix): steps a brief names in its own voice ('a workflow that every Friday at 16:00 finds the GitHub issues …',
'… generates a picture …', '… an AI reads it and leaves a comment on the issue') and the planner dropped; the reply to
a program that calls the run, said as what the call returns ('the API call should return JSON with the translation',
'the API call returns the summary', 'the request gets the profile back as JSON'); a chat that looks something up and
answers with it, where the brief first says what was loaded into the index; and data flow: a voice step ('turn it
into audio with ElevenLabs') speaks the text that was read, not a draft an agent made of it. Voices: job briefs, a
wish, a mail, imperatives; controls: an imperative read and post, a webhook row, a chat that searches the web and
answers, a reply said with 'respond with', a review comment on a pull request, chat assistants reading Notion and
Airtable. 14 of 22 were right before the fix, 20 after, 21 once merged with round 24b (which reads the event after
'Looking for a Sim workflow: when …'); left, not this round's class: a brief's 'Must have: under 10 seconds' read as
a test. One label
was corrected during the round: GitHub issues are read over GitHub's API (the JUL25 block lists
none), so the 'issues' step may be an HTTP request to api.github.com."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round24d.jsonl", _KNOWN))
def test_round24d_description_comes_out_right(item):
    assert_right(item, seed="r24d")
