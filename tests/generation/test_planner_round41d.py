"""Planner round 41d on our own descriptions (`planner_round41d.jsonl`, in no bench set, each written before its
fix): where the data comes from, which operation each step is, and writes nobody asked for. Background saying where
people put data ("drivers put each pickup in Airtable") is a place the workflow reads, not a write; a message
trigger is not echoed back and a sign-off ("any help much appreciated") names no base; a request posted in a Slack,
Teams or Discord asks for a chat bot, not a post there; a write the user says is not wanted ("**Out of scope:**
posting back to Slack", "no hace falta responder", "dont need it to reply") or left open/parked for later is not
built; a file read for "that shipment" is keyed by the run's id; "grab X n post em in our discord" posts; a
correction ("scratch the Slack post, … an email is better") replaces the step; "is marked 'free' in the table" is
an update; and the posts of an AI's per-group report come after the AI. Voices: one-liners, chat with typos, call
notes, specs, user stories, a Slack/Teams post, Spanish and German lines; controls: a sheet read into an email, a
sheet summary to Slack, a form into Airtable. 7 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r41d-04-asking-in-slack-chatbot-doc": "the example question 'when do you open on Sunday' is read as a weekly "
    "schedule (trigger reading, not this round's stream)",
    "r41d-18-de-marked-available-sheet": "German 'wird … als 'verfügbar' markiert' is refused (phrase table lacks it)",
}


@pytest.mark.parametrize("item", cases("planner_round41d.jsonl", _KNOWN))
def test_round41d_description_comes_out_right(item):
    assert_right(item, seed="r41d")
