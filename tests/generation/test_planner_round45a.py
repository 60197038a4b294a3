"""Planner round 45a on our own descriptions (`planner_round45a.jsonl`, in no bench set, each written before its
fix): the source a sentence reads, kept. A scheduled line that opens on a service's things and sends them on with an
arrow ('Every 2 hours: Jira issues in project OPS with status Blocked → my Telegram', 'Every 30 min: new Typeform
responses from … → Airtable table …', in Spanish and German too) reads them first; a spoken correction of only a
value ("tagged 'oven' — sorry, I mean 'pizza-oven' —", "mentioning, um, varroa — no wait, mentioning 'swarm' —", in
French too) swaps the value and keeps the read; a Gherkin 'Given the Supabase table …' with a time for its 'When' is
read at that time; 'for each image added today to the Google Drive folder …' loops over the folder's files; an aside
'(the Jotform dumps them into the Google Sheet …)' says where the things are kept, read there, not written. 2 of 18
were right before the fix, 17 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r45a-04-correction-linear-label": "Linear's JUL25 read has no label field and no filter step after it carries "
    "the label (the same miss as h34-024's 'customer-request')",
}


@pytest.mark.parametrize("item", cases("planner_round45a.jsonl", _KNOWN))
def test_round45a_description_comes_out_right(item):
    assert_right(item, seed="r45a")
