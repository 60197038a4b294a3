"""Planner round 32e on our own descriptions (`planner_round32e.jsonl`, in no bench set, each written before its
fix): what each step reads, in the order asked. A later step that reads an earlier step which is not the one just
before it (the customer's order number from the form beside the AI's summary; 'the raw issue list' kept beside the
AI's ranking; 'the full search results from step 1'); one message made of two sources (the weather and today's
calendar; next week's events and the open Notion tasks); order told out of order ('Before posting it, translate it
to Spanish', 'After saving to Notion, ping me', 'first …, then …, finally …' with 'But before emailing, …', 'mais
avant ça …', 'antes de enviarlo …', 'after youve emailed it text it to me'); two sends of one thing ('post … and
also email them'); a step that uses both the trigger's data and a fetched record or the AI's score; and the AI's
answer, not the raw data, sent on. Voices: one-liners, chat with typos, a Slack DM, an e-mail, a voice memo, a
numbered routine, Spanish, French, German and Portuguese lines; controls: an issue classified and posted, a sheet
posted to Discord, a webhook ticket drafted and mailed. 10 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round32e.jsonl", _KNOWN))
def test_round32e_description_comes_out_right(item):
    assert_right(item, seed="r32e")
