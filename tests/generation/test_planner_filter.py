"""A filtering step ('keep only the ones labelled bug, and email them'): the model keeps the items, and what comes
after sends what it kept. Found running a studied set's states in Sim's executor (round 25): 'only the ones' was read
as a label 'the' the step before gave, so a condition tested the filter's JSON list for the word 'yes' and the e-mail
carried the unfiltered issues; and a message whose whole text is the filter's JSON list reaches the tool as a parsed
list (Sim's resolver parses a value that looks like JSON), where Telegram's tool stops ('text.replace is not a
function'). Written before the fix: both texts failed; the control (a classification's label) passed."""

from __future__ import annotations

import re

import pytest

from lib.generation import planner

FILTERS = [
    (
        "Each Friday pull the open Linear issues, keep only the ones labelled bug, and email them to qa@acme.io.",
        "body",
    ),
    (
        "Every day at 18:00 read the hot posts on r/london, keep only the ones about housing, and send them to our "
        "Telegram group.",
        "text",
    ),
]


@pytest.mark.parametrize(("text", "field"), FILTERS)
def test_a_message_after_a_filter_sends_what_it_kept_as_text(text, field):
    plan = planner.plan(text)
    assert not [b for b in plan.blocks if b.type == "condition"], "a filter is no test"
    agent = next(b for b in plan.blocks if b.type == "agent")
    sent = next(
        v.value for b in plan.blocks for v in b.values if v.id == field and b.type in ("gmail", "telegram")
    )
    assert f"<{agent.id}.content>" in sent
    assert not re.fullmatch(r"\s*<[^<>]+>\s*", sent), "the whole text one JSON list: Sim would parse it"


def test_a_label_the_step_before_gave_is_still_tested():
    plan = planner.plan(
        "When a review comes in through our webhook, classify it as positive or negative and post only the "
        "negative ones to #cx on Slack."
    )
    assert [b for b in plan.blocks if b.type == "condition"]
