"""Text in angle brackets that is no reference: Sim JUL25 reads every `<…>` in a value as a block reference and stops
the run at one naming no block. An address written as e-mail clients show it ('Ana Ruiz <ana.ruiz@example.org>',
a pasted 'From: Research <research@acme.io>' header) has dots, and so was once taken for a reference the planner made
(found running a forwarded e-mail: an Exa query `<research@…>`, an unknown_tag error). Written before the fix: the
header failed, the address in a sentence (a control) was already written plain."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import validate

TEXTS = [
    "Every Monday at 9 email a summary of the open Linear issues to Ana Ruiz <ana.ruiz@example.org>.",
    "From: Research <research@acme.io>\nSubject: Fwd: news\n\nEvery weekday at 8 search the web for news about "
    "battery recycling and post the links to #news on Slack.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_an_address_in_angle_brackets_is_written_plain(text):
    result = compose(planner.plan(text), seed="brackets")
    report = validate(result.state, era="jul25")
    errors = [f.code for f in report.findings if f.severity == "error"]
    assert "unknown_tag" not in errors and report.valid, errors
    values = [
        str(sub.get("value"))
        for block in result.state["blocks"].values()
        for sub in block["subBlocks"].values()
        if isinstance(sub.get("value"), str) and "@" in sub.get("value")
    ]
    assert not any("<ana.ruiz@" in v or "<research@" in v for v in values), values
