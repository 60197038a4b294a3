"""Planner round 29a on our own descriptions (`planner_round29a.jsonl`, in no bench set, each written before its
fix): writes nobody asked for. A service the writer says they have or use, told after the request ('We have a
Telegram group for the founders as well', 'We have a Twilio account already because IT uses it …', "if it matters,
we're on Outlook for the sales inbox, sales@…", 'We also have a Pinecone index of every report we've ever
published'), sends or stores nothing; an address copied in ('Cc me (olga@…)') or set beside the role it names ('email
it to our head of ops, tomas@…') joins the one e-mail; the routine done today ('Each morning I … ping the
technicians on Discord. Could Sim take this over? …') and what others do ('Ours: the front desk adds each new member
to the Airtable table …') are told, not asked; a forum question that names the whole flow ('Is there a way to get Sim
to share new GitHub releases of our repo on Discord?') and the details that restate it make one post, and the
service its things come from is read there, not written. Voices: a forum post, an e-mail, a voice note, a long
request, chat shorthand, a manual routine; controls: a Telegram group told and asked for, two e-mails each asked
for, a routine that is itself the ask. 3 of 13 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round29a.jsonl", _KNOWN))
def test_round29a_description_comes_out_right(item):
    assert_right(item, seed="r29a")
