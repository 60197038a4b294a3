"""Planner round 29d on our own descriptions (`planner_round29d.jsonl`, in no bench set, each written before its
fix): the steps are right but what they carry or how they are guarded is not. A name the user gave a place, lost
on its way into the block: in German quotes ('in der Notion-Datenbank „Wochenrückblick"'), after a speaker's filler
('a Linear issue … called, um, 'Check backup restores'', 'search … with Exa for, um, 'heat pump subsidies''), or
in an appositive after the service ('shares them on Microsoft Teams, channel 'Field Sales''). A write the text
skips when the data is empty ('if there's nothing overdue just skip the email', '- If the search finds nothing, no
Slack message is sent'): a test that something came back, guarding the write — not a retraction of it. A list
written per item ('Create one Jira issue in project HR per new hire', 'for each 'Interview:' event, add a row'): a
loop over the list read before. Voices: a German request, a voice memo, an e-mail, a user story, chat shorthand, a
Notion-style spec, a forum question; controls: a threshold on an API's price, a for-each over GitHub issues, a
named Teams channel, a Confluence page named after 'under the page'. 4 of 12 were right before the fix. One line
added after the fixes, wrong before them (run on main): a Slack DM whose last route is the kind left over ('…, and
everything else, just forward it to me'), which made no route (and 'forward it to me' no e-mail); a forum question whose list is of 'no-show' bookings ('every
no-show client gets a WhatsApp message …'), where 'no-' read as a negation left nothing to repeat and it was
refused."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    # (its guard is read since the fix; the criteria's search replaces the story's steps, its Slack post with them)
    "r29d-story-skip-when-empty": "criteria that search but send nothing drop the story's Slack post",
    # ('one Jira issue in project HR per new hire' is read as a loop since the fix, its project key kept)
    "r29d-spec-one-issue-per-row": "the Goal line 'every new hire gets a Jira ticket' reads Jira and loops over that",
}


@pytest.mark.parametrize("item", cases("planner_round29d.jsonl", _KNOWN))
def test_round29d_description_comes_out_right(item):
    assert_right(item, seed="r29d")
