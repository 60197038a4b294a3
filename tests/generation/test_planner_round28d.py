"""Planner round 28d on our own descriptions (`planner_round28d.jsonl`, in no bench set, each written before its
fix): conditions, routers, loops and params that lose what the text names. A test on a person named with a title
('if the appointment is with Dr. Okafor', 'if the request is for Prof. Hartmann') must look for the name, not the
title's abbreviation ('dr', 'prof'); a chat message to a person named by name ('tell Priya in Slack', 'ping Marcus
on Slack') must go to that person, not to no channel at all; a search whose own words name no topic ('search the news
for articles from the past week') searches the topic the text quotes elsewhere ('news about 'solid-state
batteries'', 'research on "urban heat islands"'); and a forum post's question to its readers ('Has anyone got Sim
running with Airtable + Outlook?') is no step and no list to repeat over. Several voices: a plain request, a chat
line, a voice memo, a user story with acceptance criteria, a Notion-style spec page, a forum post; controls: a
capitalised place in a test, a search that quotes its own query, a label test on a webhook event. 4 of 12 were
right before the fixes (the first four commits after the tests), 11 after them.

Lines added later, each wrong before its own fix and right after it: routes whose quoted categories join their words
with '&' or '/' ('"vaccines & boosters" -> …; "billing / insurance" -> …; anything else -> …' came out as a chain);
every engineer's open GitHub issues 'across the 'tidewater' organisation' posted as 'one roll-up' (OWNER/REPO, and
one post per issue); "… have the AI write a thank-you … but only if the ticket has the 'vip' tag" (the tag looked for
in the model's draft), which took the place of a control ('#triage' on Slack, right throughout); and "let Tomasz
know on Slack which wines are under their reorder level. If nothing is low, nothing should go out." (the guard read
as a test after the message), which took the place of "… just let Aisha know on Slack" — wrong before the fixes and
still refused after them for a reason of trigger reading (the event clause, said without a comma, takes the action
in: round 28b's class); and "We'd like each borrower with an overdue book to get a friendly email reminder" after a
read of the Airtable 'Loans' table (the wish read as a read of Gmail: no e-mail, no loop), which took the place of a
control (a search that quotes its own query, 'vertical farming', right throughout)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round28d.jsonl", _KNOWN))
def test_round28d_description_comes_out_right(item):
    assert_right(item, seed="r28d")
