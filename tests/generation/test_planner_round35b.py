"""Planner round 35b on our own descriptions (`planner_round35b.jsonl`, in no bench set, each written before its
fix): a step does what its verb and object ask -- a knowledge base named to answer from is searched, a Notion
database, a Slack channel, an Outlook inbox, a Jira project, a calendar or a repo the text looks at is read (not
written), a row marked or changed is updated (not appended), a run another program calls answers it with a response
block, a chat that remembers each customer keeps a memory, a Gmail reply not to be sent is a draft. Voices:
one-liners, chat with typos, an e-mail, a voice memo, a numbered routine, Spanish, French, German and Portuguese
lines; controls: a form into a sheet, a timed Slack post, a WhatsApp answer from a knowledge base. 14 of 20 were
right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r35b-14-voice-memo-calendar-read": "'every evening at nine, um,' loses its time (trigger reading)",
    "r35b-16-portuguese-api-response": "'Quero', 'calcula', 'prazo', 'entrega', 'devolve' are not in the phrase table "
    "(a known 'quero' turns h18-106's honest refusal into a wrong workflow, so it stays unread)",
    "r35b-17-email-update-airtable": "'When one of our riders finishes a delivery, the app calls our webhook …. Could "
    "the workflow then change …?': the ask after the event sentence is not read (refused)",
}


@pytest.mark.parametrize("item", cases("planner_round35b.jsonl", _KNOWN))
def test_round35b_description_comes_out_right(item):
    assert_right(item, seed="r35b")
