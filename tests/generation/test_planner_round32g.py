"""Planner round 32g on our own descriptions (`planner_round32g.jsonl`, in no bench set, each written before its
fix): saying no, or building what was asked, in new voices. Refused: a question about Sim's plans, a cover letter, offsite
notes that decided nothing, a question about two block types, a phone call for a person, a sigh about Mondays, a
question about API prices, a one-off translation. Built: 'Can Sim send me a Telegram message every evening …',
'Is it possible to have new Typeform responses added to our Airtable …', "We'd love it if every new Shopify order
over $500 got posted in #big-orders"; control: a weekly Slack reminder. 10 of 12 were right before the fix, 12 after: a
wish's 'if' ("we'd love it if …") is no test, 'have new X added to …' is the ask, and '$500' may sit in the passive's
subject (lexicon `passive_news`)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round32g.jsonl", _KNOWN))
def test_round32g_description_comes_out_right(item):
    assert_right(item, seed="r32g")
