"""Planner round r57b: routes and tests on what an incoming event or mail delivers. Mail that arrives starts the run
('Outlook inbox quotes@… →', 'emails to hello@… arrive in Outlook': a generic webhook, JUL25 has no Outlook event;
'invoices come in as PDF attachments to accounts@… (Gmail). For each one, have AI …': Gmail's event, one mail, no
loop); 'sort each one: A, B or C. A → …; B → …; C → …' and 'route it: A create …; B create …; C get emailed …' are
routers with three routes; 'when a deal moves to 'Contract Signed'', "with 'receipt' in the subject", 'changes
status to 'Confirmed'' test the event, and 'AI rates 1–5 → 4 or more → …; else → …' tests the score with an else.
Probe lines (`planner_round57b.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r57b-11-en-ai-scores-arrow-else": "a chain of arrows whose middle link is a band of the AI's score ('→ 4 or more "
    "→ Notion …; else → …') is read as a test of the event's own score field before the agent, and the acts after "
    "the band are lost; the test should follow the agent, on its answer",
    "r57b-13-en-ai-check-against-list": "'could the AI check it against our wanted list (Airtable …)? If a guitar "
    "matches and it's priced over $3,000, …; if it matches but is cheaper, …' is read as two tests of the mail with "
    "no Airtable read or agent: a comparison against a list read first, then tests of the agent's answer, is not built",
}


@pytest.mark.parametrize("item", cases("planner_round57b.jsonl", _KNOWN))
def test_round57b_description_comes_out_right(item):
    assert_right(item, seed="r57b")
