"""Helpers whose meaning round 41m changed: the AI as the doer after what it makes, with no 'is' between ('the fuel
cost per driver worked out by the AI') is its step on that; 'work out which benches …' is one step that lists the
items that qualify, not a label for the input plus a second step for 'work out'; a Slack member id
of seven characters (U07HSK22) is a DM target."""

from __future__ import annotations

import pytest

from lib.generation import steps


def test_the_ai_as_the_doer_after_what_it_makes():
    said = "the sheet read, the fuel cost per driver worked out by the AI, and the result sent"
    assert "work out the fuel cost per driver with AI" in " ".join(steps._ai_doing(said).split())


@pytest.mark.parametrize(
    "clause, kinds",
    [
        ("work out which benches haven't been watered for 3+ days", ["aggregate"]),
        ("figure out which team it belongs to", ["classify"]),
        ("work out how many hours each volunteer gave", ["analyse"]),
    ],
)
def test_one_step_for_each_verb_said(clause, kinds):
    assert [kind for _, kind in steps._processing_kinds(clause)] == kinds


@pytest.mark.parametrize(
    "said, member", [("DM me (U07HSK22)", "U07HSK22"), ("my id is U04KQ2P9L", "U04KQ2P9L")]
)
def test_a_slack_member_id(said, member):
    assert steps._SLACK_MEMBER.search(said).group(0) == member
    assert steps._SLACK_MEMBER.search("the UTC2024 build") is None
