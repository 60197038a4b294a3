"""Planner round 31g on our own descriptions (`planner_round31g.jsonl`, in no bench set, each written before its
fix): saying no, or building what is asked. Requests that are no workflow Sim can build are refused: a question
about the tool put as a procurement tender clause, a one-off job in a forwarded e-mail or a Portuguese chat line,
physical work (probing the cold-room fridges), a job for a person named in the text ('Sam, can you pull …'),
unethical asks (reading staff's private WhatsApp chats from meeting notes, scraping rivals' staff's personal
numbers, made-up TripAdvisor reviews in a support ticket), a vague wish in Spanish and a German request for an
opinion. Their look-alikes are built: a weekly tender sheet e-mail, a monthly rent reminder to each tenant, the
'Cellar' stock sheet e-mailed on Fridays, 'Sam, can you set up a workflow that …', a review request to each guest
who checks out, a support ticket that names the flow, a Twilio reminder to count the stock; a vague 'keep an eye on
the sheet' may go either way. Controls: a French Airtable digest, a question about connecting Outlook, a one-off
lookup for Sam. 14 of 20 were right before the fix, 19 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r31g-18-remind-to-count": (
        "'text Marta …' names no service, so its reminder becomes a Gmail e-mail, and 'we use Twilio' told later "
        "adds a second send (how a bare 'text <person>' picks its channel: another area)"
    ),
}


@pytest.mark.parametrize("item", cases("planner_round31g.jsonl", _KNOWN))
def test_round31g_description_comes_out_right(item):
    assert_right(item, seed="r31g")
