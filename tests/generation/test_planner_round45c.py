"""Planner round 45c on our own descriptions (`planner_round45c.jsonl`, in no bench set, each written before its
fix): other languages, "never/don't" rules and unrequested writes. Portuguese, Spanish, French, German and Italian
lines whose ban is said with the language's negation ('Não envie e-mail', 'No le mandes ningún correo', 'Ne préviens
personne sur Slack', 'Non mandare niente su WhatsApp') build the steps asked and not the one banned, and 'registre o
caso na tabela …' is a Supabase insert (not a test 'if in table …'); a background that tells of a routine done by
hand ('messages everyone by hand', 'checks … at 6am') makes no send and gives the run no time; an Airtable table
'which can send you a webhook' is Airtable's event (no update of it), with the buyers fetched and each emailed, and
'Never announce it on our public channels (X or Discord) — we do that by hand' tests nothing; 'their email is in the
issue body' finds the address there; a numbered manual routine ending 'Can Sim do this for …?' is built (Shopify
through the api block, a loop, a count after it). 16 of 23 were right before the fix (on main), 23 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round45c.jsonl", _KNOWN))
def test_round45c_description_comes_out_right(item):
    assert_right(item, seed="r45c")
