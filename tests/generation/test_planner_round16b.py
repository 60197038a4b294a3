"""Planner round 16b on our own descriptions (`planner_round16b.jsonl`, in no bench set, each written before its
fix): an AI step between a read and a send. A channel's name is no verb ('post the summary to our #market-watch
channel in Slack' posts there; 'watch' inside the name read nothing), and the model's work named by its product
after a light verb ('make a summary', 'put together a digest', 'do a quick recap', 'create a summary of them',
'make a comparison') is an agent step fed by the read before it, which the send after it carries. The phrase
tables read the same light verb in French ('fais-en un résumé'), Spanish ('haz un resumen'), German ('mach eine
Zusammenfassung'), Italian ('fai un riassunto') and Turkish ('bir özet çıkar'). A send from a mail service to a
person ('send it from Gmail to the lead', 'send the summary from Outlook to the client') is sent from that
account, not a read of its inbox."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r16b-send-from-mail-to-person-para2": "'we send it from our Gmail to them': 'our Gmail' is read as data the message "
    "is made of (the mailbox read), not the account it is sent from",
}


@pytest.mark.parametrize("item", cases("planner_round16b.jsonl", _KNOWN))
def test_round16b_description_comes_out_right(item):
    assert_right(item, seed="r16b")
