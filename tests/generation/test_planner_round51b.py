"""Planner round 51b: what triggers a workflow and what it reads, when the description is written as meeting notes
('- enquiries arrive by email to … (Gmail)', '- orders live in Shopify (API)'), a spec ('## Trigger / New email to
…'), a user story ('As a tutor, I want to type a name into a chat and get their notes from Notion …'), a forum post
('we use Jira for repairs, project FIX') or a first-person account of what the user does by hand ('Every day at 5 I
read the Google Sheet … If any … I text …'). Probe lines (`planner_round51b.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round51b.jsonl", _KNOWN))
def test_round51b_description_comes_out_right(item):
    assert_right(item, seed="r51b")
