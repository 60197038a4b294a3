"""Planner round 24a on our own descriptions (`planner_round24a.jsonl`, in no bench set, each written before its
fix): job briefs posted by someone hiring a builder, whose parts are not all steps. Besides what to build, a brief
tells who the company is and what it does by hand today ('Every clinic records its no-shows in …', 'After each
interview day we paste the candidates into …', "We've loaded our policy wordings into …") before its ask ('Looking
for someone to build …'), what it already uses ('We already use Shopify Plus'), nice-to-haves it puts out of scope
('NICE TO HAVE - … (phase 2, not part of this job)', 'Nice to have: … - not for this job though'), deliverables (a
Loom video, a README), acceptance criteria and examples that restate a step already asked for ('DONE WHEN A weekday
run posts the briefing …', 'Example: Dana gets a WhatsApp …') — though a step named only there still counts
('Acceptance criteria: the summary shows up in Slack #finance') — and questions to applicants ('Tell us which
endpoints you would call', 'Have you worked with GitHub webhooks?', 'let us know what you would suggest'), budget
and timeline. Briefs with all-caps, bold and '###' section headings, inline labels and plain prose, in several
voices; controls: a plain sentence, a brief with two writes and a request form. 12 of 21 were right before the
fix, 20 after (left: a Telegram group's id after 'send them a welcome message' — not this round's class). One line
added after the merge, written before its fix and failing then: 'Please mention any Linear API experience' made an
HTTP request (found running set 28 in Sim's executor, where 'Please mention any Zendesk experience' did)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    # not this round's class: 'send them a welcome message on Telegram to our volunteers group -100882211' reads the
    # registrant as whom it is sent to and leaves the group's id unread (the same sentence outside a brief does too)
    "r24a-md-sections-typeform-airtable": "the Telegram group's id after 'send them …' is not read as the chat",
}


@pytest.mark.parametrize("item", cases("planner_round24a.jsonl", _KNOWN))
def test_round24a_description_comes_out_right(item):
    assert_right(item, seed="r24a")
