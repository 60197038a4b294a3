"""Planner round 28c on our own descriptions (`planner_round28c.jsonl`, in no bench set, written before the fix):
writes that go missing and writes nobody asked for. A send said after a wish or a plain 'just' ('I want to text
everyone who has a walk tomorrow', 'just text Marco on +1 415 555 0134'), a message said by a verb of chasing
people ('nag the team leads in Slack #ops-leads', 'nudge the managers in the Teams channel'), 'log every notice in
the Google Sheet', 'fill in the 'Summary' field on that same record' (the event's record updated), 'reply with the
current status' after a look-up, and an e-mail to the writer whose address is told apart ('email them to me? my
email is …': one e-mail, to that address). Voices: a chat line, a voice memo, a routine told as done today, a spec
page with headings, plain requests; controls: a text to each row, a log of each event.
Written before the fix: 12 lines, 3 right (the three controls); two of them later made way for lines below (a
second 'my address is' line, wrong before, and a control, two writes both asked): of the 10 kept, 2 were right
before the fix, 9 after. One line added after the fix, checked wrong on the round's base
(no reply): a ban on the other side of the case asked ('reply with our hours … please don't reply to other emails')
is no ban on replying; right after it (10 of 11). One more added after the next fix, wrong on the base (an HTTP POST
to Eventbrite): a user story whose event's service is named only as what the item is ('each new Eventbrite
registration added to our Airtable table') and as what one signs in to ('so that I don't have to log in to
Eventbrite'): nothing is written there; right after it (11 of 12). One added after the third fix, wrong on the
base (an e-mail sent to the inbox): call notes saying where others send mail ('Patients send referral letters to
referrals@… (Gmail)'): that inbox receives, nothing is e-mailed to it; right after it (12 of 13). And one after the
fourth, wrong on the base (an e-mail to the user beside the Slack alert): notes whose ask says 'Let us know whenever …'
and whose last line says only where alerts go ('Alerts to Slack #guest-experience'): one alert, posted there, under
the test; right after it (13 of 14)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r28c-reply-with-after-lookup": "the reply is built since the fix; 'a tenant emails …' is not read as a Gmail event "
    "and 'We use Gmail.' becomes a Gmail read (the trigger and source classes of other streams)",
}


@pytest.mark.parametrize("item", cases("planner_round28c.jsonl", _KNOWN))
def test_round28c_description_comes_out_right(item):
    assert_right(item, seed="r28c")
