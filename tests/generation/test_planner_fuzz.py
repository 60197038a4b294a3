"""Descriptions of unusual shape (stray punctuation, clauses joined oddly) that made the offline planner
raise something other than CannotPlan (a 500 for the user) or compose an invalid state. Found by
recombining clauses of the development sets; each text here is our own wording of one such class."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import validate
from lib.validation.runtime import runtime_findings


def _errors(text: str) -> list[str]:
    result = compose(planner.plan(text), seed="fuzz")
    report = validate(result.state, era="jul25")
    codes = [f.code for f in report.findings if f.severity == "error"]
    codes += [f.code for f in runtime_findings(report) if f.severity == "error"]
    return codes


CASES = [
    # a comma left before a ';' made a sentence of punctuation alone: IndexError in the route test
    "When a Typeform response comes in, ; add the answers to the Replies sheet in Google Sheets.",
]


@pytest.mark.parametrize("text", CASES)
def test_plans_a_valid_state(text):
    assert _errors(text) == []
