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
fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r24a-caps-sections-notion-teams": "the out-of-scope nice-to-have and the 'done when' line make steps",
    "r24a-md-sections-typeform-airtable": "the questions to applicants make the brief read as a question",
    "r24a-prose-every-clinic-before-ask": "a habit told before the ask ('Every clinic records …') is read as the request",
    "r24a-prose-after-each-we-upload": "what the team does by hand before the ask is read as a sheet append",
    "r24a-prose-tell-us-question": "'Please tell us … and send us a link' is read as an e-mail step",
    "r24a-prose-open-ideas-question": "'let us know what you would suggest' is read as an e-mail step",
    "r24a-acceptance-only-names-step": "the post named only in the acceptance criteria is read as a Slack read",
    "r24a-chat-context-qdrant": "what was loaded into the collection before the ask is read as an upsert",
    "r24a-nice-to-have-inline-out-of-scope": "a nice-to-have put out of scope is read as a step",
}


@pytest.mark.parametrize("item", cases("planner_round24a.jsonl", _KNOWN))
def test_round24a_description_comes_out_right(item):
    assert_right(item, seed="r24a")
