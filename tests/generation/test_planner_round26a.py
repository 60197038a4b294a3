"""Planner round 26a on our own descriptions (`planner_round26a.jsonl`, in no bench set, each written before its
fix): defined terms and named places in a statement of work or a request for proposal. A place is defined once
with its real name — '"the Roster" means the Google Sheet named …', 'the Airtable table … (the "Vendor List")',
'the Notion database … (hereinafter "the Grants Tracker")', '"the Portfolio", an Airtable table called …', 'when I
say "the Tracker" I mean our Google Sheet …' — and later named by its label alone ('go through each row of the
Roster', 'look up the vendor in the Vendor List', 'answer them from the Handbook'): that later clause reads (or
writes) the place the definition names. A definition is no step of its own ('"Applicant" means a person who applies
through the Typeform …'). Voices: a schedule of numbered clauses, a requirements list, an informal note; controls: a
plain request, a statement of work with no definitions, a defined log that is written. 3 of 11 were right before
the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r26a-excel-ledger-condition": "the Ledger is read now, but 'where the warranty ends within 60 days' is no "
    "condition (a test said with 'where': round 26b's class)",
}


@pytest.mark.parametrize("item", cases("planner_round26a.jsonl", _KNOWN))
def test_round26a_description_comes_out_right(item):
    assert_right(item, seed="r26a")
