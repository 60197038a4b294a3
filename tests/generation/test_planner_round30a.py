"""Planner round 30a on our own descriptions (`planner_round30a.jsonl`, in no bench set, each written before its
fix): refusals of real requests, workflows for non-requests, and writes nobody asked for. A message sent 'from our
Twilio number' reads nothing there; a decline under a condition ('if it can't be trusted to stay read-only I'd rather
not do it at all', 'Unless it can run without admin rights, we'll leave it') declines nothing; work done 'physically'
('I physically count the kegs … Can Sim do that for me?') is physical work, read in the routine the ask points back
at; 'each school day' is every weekday; 'Please automate the volunteer onboarding: when the coordinator adds someone
to … Airtable, …' starts on that Airtable event and writes nothing there; where advice came from ('A friend on
Discord told me that's how people do it', 'Someone in the Sim Slack community suggested I ask here') is no service of
the run. Voices: one-liner, Slack DM, forum post, e-mail, voice memo, chat shorthand; controls: a real decline, a
Discord post asked for, a Linear write asked for. 4 of 15 were right on main (the three controls and a voice memo
refused for another reason), 13 of 15 after the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r30a-09-told-on-discord": "the Gmail draft refers to the agent's reply, not to the knowledge base's results "
    "directly (Discord, where the advice came from, is no step now)",
}


@pytest.mark.parametrize("item", cases("planner_round30a.jsonl", _KNOWN))
def test_round30a_description_comes_out_right(item):
    assert_right(item, seed="r30a")
