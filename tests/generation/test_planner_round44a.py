"""Planner round 44a on our own descriptions (`planner_round44a.jsonl`, in no bench set, each written before its
fix): triggers, times, refusals and other languages. A spoken correction of a clock said again with its zone ('at,
er, seven, no sorry, make it quarter past six, 6:15, Chicago time — pull …', '8pm — scratch that, 9pm, 21:00 Berlin
time —') keeps the new time, the zone and the step after it; a town's time ('Bergen time', 'Porto time', 'Reykjavik
time'); two times a day; a Discord heading before 'each new message in #lessons → …' is Discord's event; Portuguese,
Italian, Spanish and German lines (a Stripe payment → WhatsApp + Supabase insert, an AI sorting Gmail into a sheet,
Slack and a forward, a chat answering from a Sim knowledge base, a Typeform webhook → sheet + Slack with 'Keine
E-Mails'); a chat answering from a Pinecone index ('Can you give the support team a chat where …?'); someone else's
credentials used to get in (an ex-partner's never-changed password, a coworker's Gmail login, leaked admin logins)
are refused, while our own Stripe account read nightly is built. 11 of 20 were right before the fix, 20 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round44a.jsonl", _KNOWN))
def test_round44a_description_comes_out_right(item):
    assert_right(item, seed="r44a")
