"""Planner round 31h on our own descriptions (`planner_round31h.jsonl`, in no bench set, each written before its
fix): the long, messy texts people paste, judged for the steps, order and trigger a careful reader would build and
for nothing that was proposed and dropped. A forwarded e-mail thread whose ask is in the last message and whose
quoted messages propose things later dropped, meeting notes with 'Agreed:' lines and rejected ideas, a markdown spec
with Goal/Trigger/Steps/Out of scope, a Jira-style ticket with acceptance criteria, contract clauses ('The Supplier
shall …'), a voice memo that corrects itself, a brief whose background must not become steps, a pasted Slack thread,
an e-mail with a confidentiality footer; Spanish, French, German and Portuguese lines; controls: a numbered routine,
a short spec, a plain e-mail ask.
6 of 19 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r31h-01-fwd-thread-last-ask": "the quoted messages' dropped proposals (a Trello card) become steps and the Typeform trigger is lost",
    "r31h-02-meeting-notes-agreed": "a rejected idea (a Discord digest) becomes a step and the AI flagging is lost",
    "r31h-06-voice-memo-corrects": "'at eight, no wait, make it seven thirty' keeps the first time",
    "r31h-07-brief-background-bullets": "background bullets (a Notion database we used to keep, #finance) become steps",
    "r31h-08-slack-thread-pasted": "the dropped Linear becomes the write and the agreed Jira and Slack post are lost",
    "r31h-09-es-notas-reunion": "Spanish meeting notes are refused: the words around the ask are not in the phrase table",
    "r31h-10-fr-email-ask-at-end": "a French e-mail is refused: 'Donc voilà ce qu'il faut' is not in the phrase table",
    "r31h-11-de-markdown-spec": "a German spec is refused: 'fasst … zusammen' is not in the phrase table",
    "r31h-12-sla-clause-severity": "'log … as an issue in the Linear team' makes no Linear write",
    "r31h-13-quoted-reply-dropped": "a quoted suggestion ('logging each deal to a Google Sheet, but your call') becomes a write",
    "r31h-14-pt-audio-corrige": "a Portuguese voice memo is refused: its filler words are not in the phrase table",
    "r31h-15-email-disclaimer-footer": "the confidentiality footer ('please notify the sender') becomes an e-mail",
    "r31h-16-meeting-notes-not-automate": "'we will NOT auto-post to X' becomes a post to X and the Typeform trigger is lost",
}


@pytest.mark.parametrize("item", cases("planner_round31h.jsonl", _KNOWN))
def test_round31h_description_comes_out_right(item):
    assert_right(item, seed="r31h")
