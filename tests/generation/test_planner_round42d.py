"""Planner round 42d on our own descriptions (`planner_round42d.jsonl`, in no bench set, each written before its
fix): where the data comes from, AI steps and names. An answer worked out from looked-up data ("reply with the next
departure") needs an AI step between the read and the reply, while a read's own field ("post its message") is posted
as it is, even when the request is itself a thread reply; an AI text "saved to"/"stored in"/"added to" a table is a
write of that text, from what the user pasted; an unquoted name after "called"/"named" runs to the end of the phrase
("the google sheet called weekly takings"); data "summarised … and sent to" a channel gets a summary and the send;
"for each keyword in 'X', search …" repeats the search in a loop after background text; "summarise the last 48 hours
of messages in #c" reads #c first; an endpoint that gets a key looks up by it; and two translations posted to two
channels are both built. Voices: one-liners, chat with typos, a voice memo, a user story, a spec, an e-mail, a thread
reply, a German line; controls: a sheet summary e-mailed, one translation reposted, a commit posted to Discord.
7 of 20 were right before the fix, 19 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}  # (r42d-02 right since round 47a: the phrase table reads 'in der Google-Tabelle')


@pytest.mark.parametrize("item", cases("planner_round42d.jsonl", _KNOWN))
def test_round42d_description_comes_out_right(item):
    assert_right(item, seed="r42d")
