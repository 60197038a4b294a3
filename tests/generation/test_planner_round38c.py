"""Planner round 38c on our own descriptions (`planner_round38c.jsonl`, in no bench set, each written before its
fix): where a narrative's data comes from and who gets it. An action after a read is kept ("checks the … api and
whatsapps me if …", "look the customer up in Stripe via their API and drop … into #channel", "the first person on
the standby list texted (their phone is in the table)"); the service and direction named are the ones built ("go
into Gmail, search for emails labelled …" searches Gmail; "take … from Supabase … put the total into the Excel
workbook … append a row" writes only the workbook; "added to my Notion database" writes Notion); background sentences
("I'm a wedding photographer") make no steps; a row added carries the event's or the fetched data; a recipient named
from the data ("send their manager a Slack DM", "the customer (their email is in the order)") is read from it; and
"look up their company website with Firecrawl" makes no web search. Voices: one-liners, chat with typos, voice memos,
a spec, e-mails, a Slack thread, Spanish and French lines; controls: an API forecast into Slack, a Typeform response
into a sheet. 8 of 20 were right before the fix, 18 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r38c-07-es-lista-espera-correo": "the phrase table reads 'quiero que se le envíe un correo a la primera persona de "
    "la lista de espera (la hoja …)' as 'Quiero that send them a email': the sheet is appended to as well as read, "
    "and the e-mail goes out before the read, to the webhook's address",
    "r38c-16-email-leave-slack-dm-manager": "'When a leave request is approved in BambooHR (it sends a webhook on every "
    "change)' is read whole as the event: no condition tests 'approved' (the DM now goes to the manager's id in the "
    "event)",
}


@pytest.mark.parametrize("item", cases("planner_round38c.jsonl", _KNOWN))
def test_round38c_description_comes_out_right(item):
    assert_right(item, seed="r38c")
