"""Planner round 42c on our own descriptions (`planner_round42c.jsonl`, in no bench set, each written before its
fix): conditions and routers. "If the destination is A, B or C" tests for any of the names; three or more "if it's
X …; if it's Y …" categories, and acceptance criteria "X: …", "Y: …", "Z: …" after "classified as X, Y or Z", are a
router; "Every other order just goes into …" is the else side; "marked paused in the Supabase table" updates it;
"outside 2–8" is a range test on the row read; "log … in the Excel workbook 'X' … check; if any row has c > n" reads
the workbook; "if the applicant is 12+ …; if they're younger …" is one test with both sides; "email me if they're
cheaper … by more than $5" is a test before the e-mail; "If a note mentions 'damaged' … flag it … instead of adding
it" is a test inside the loop; "marks a delivery 'failed' in Airtable" tests for 'failed'. Voices: one-liners, chat
with typos, voice memos, a spec, call notes, a user story with acceptance criteria, e-mails, a Slack DM, a forum
post; controls: a Stripe threshold post, an if/else between two e-mails, an arrow-list router. 9 of 20 were right
before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round42c.jsonl", _KNOWN))
def test_round42c_description_comes_out_right(item):
    assert_right(item, seed="r42c")
