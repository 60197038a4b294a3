"""Planner round 52d: routers, names, corrections, languages and refusals — each message or row sent by its kind to
one of three places ('deal with each message by type: …; …; … → a text to …', Dutch/German rows 'naar de juiste
plek'), names the user wrote (a subreddit, a Jira project), self-corrections ('four... no, half three', 'Wait, no —
no email'), a digest 'translated into Italian', 'scrapes it and Telegrams me', informal spellings in another language,
and collecting the numbers of people who posted in a rival's group to text them (refused).
Probe lines (`planner_roundr52d.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r52d-09-en-correction-jira-no-email": "the correction is read (no text), but Trello goes through the API block, "
    "whose card takes the list by id: the list's name 'Cancellations' is in no value",
    "r52d-12-en-same-digest-translated": "the translation is an agent block (as every translation the planner "
    "makes); this label asks for Sim's Translate block, as h52-056's and h9-072's do — a choice of block left open",
}


@pytest.mark.parametrize("item", cases("planner_roundr52d.jsonl", _KNOWN))
def test_roundr52d_description_comes_out_right(item):
    assert_right(item, seed="r52d")
