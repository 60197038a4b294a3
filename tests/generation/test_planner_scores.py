"""An AI score a test compares is asked on the scale the user gave ("score the applicant from 1 to 10", "rate it out
of 5", "on a 0-100 scale"): the agent had been told only to answer a number, so "7 or more" could meet a score out of
100. Written before the fix."""

from __future__ import annotations

import pytest

from lib.generation import planner


def _system_prompts(description: str) -> list[str]:
    plan = planner.draft(description).plan
    return [v.value for b in plan.blocks for v in b.values if v.id == "systemPrompt"]


@pytest.mark.parametrize(
    "description,scale",
    [
        (
            "When a new row is added to the Airtable Applicants table, have an AI score the applicant from 1 to 10 "
            "and if the score is 7 or more, email hr@acme.io.",
            "from 1 to 10",
        ),
        (
            "When a support ticket comes in via webhook, have AI rate its urgency out of 5 and if it is 4 or more, "
            "post it to #urgent on Slack.",
            "out of 5",
        ),
        (
            "Every hour read new Typeform responses, have an agent grade each answer on a 0-100 scale and if the "
            "grade is below 50, email coach@acme.io.",
            "0-100",
        ),
    ],
)
def test_the_score_is_asked_on_the_users_scale(description: str, scale: str) -> None:
    prompts = [p for p in _system_prompts(description) if "number only" in p]
    assert prompts and all(scale in p for p in prompts)


def test_no_scale_said_adds_none() -> None:
    prompts = _system_prompts(
        "When a review arrives via webhook, have AI score its sentiment and if the score is below 0, post to #care."
    )
    assert not any("scale" in p or "from " in p for p in prompts if "number only" in p)
