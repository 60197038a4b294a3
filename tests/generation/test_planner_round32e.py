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
_KNOWN: dict[str, str] = {
    "r32e-05-first-then-finally-but-before": "'But before emailing, save the recap …' moves the AI recap after the e-mail",
    "r32e-07-trigger-plus-lookup": "the e-mail reads only the looked-up record, not the order total from the trigger",
    "r32e-09-es-antes-de-enviarlo": "'pide a la IA un resumen' makes no AI step; 'antes de enviarlo' is not an order",
    "r32e-10-de-ticket-then-mail-number": "'schicke dem Kunden danach eine E-Mail' makes no e-mail",
    "r32e-11-fr-mais-avant": "'mais avant ça …' is not read as an order: the SMS runs first",
    "r32e-12-dm-raw-list-and-ranking": "'the raw issue list' is filled from the AI's ranking, not the Linear issues",
    "r32e-13-email-score-then-store": "'the lead … together with that score' stores only the score, not the lead",
    "r32e-15-routine-step-back-reference": "'the full search results from step 1' is filled from the AI's answer",
    "r32e-16-pt-slack-e-email": "'peça para a IA fazer um resumo' makes no AI step",
    "r32e-17-chat-text-after-email": "'text it to me too at +1 …' after 'after youve emailed it' makes no SMS",
}


@pytest.mark.parametrize("item", cases("planner_round32e.jsonl", _KNOWN))
def test_round32e_description_comes_out_right(item):
    assert_right(item, seed="r32e")
