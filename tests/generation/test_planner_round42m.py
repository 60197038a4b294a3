"""Planner round 42m on our own descriptions (`planner_round42m.jsonl`, in no bench set, each written before its
fix): where a per-item address lives when the user says so in a sentence of its own ("Their number's in the
'driver_mobile' column.", "the email addresses live in the 'contact' field btw", "(the address is in the column
'Email Address')"); a draft reply per message written by an AI step, kept as a draft and never sent; a German
"bei dem die Spalte 'bezahlt' auf 'nein' steht" as a test on that column; Pinecone upserts and searches, whose
records and index host Sim's tool takes in its own shape. Voices: one-liners, chat, a voice memo, German;
controls: an address column said inline, one AI-written draft. 6 of 12 were right before the fix, 12 of 12 after;
r42m-13 and r42m-14 ("prepare a draft reply for each one", "write a draft reply to each one") were added while
fixing r42m-04, after seeing that the same request in other verbs lost its loop or its draft."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round42m.jsonl", _KNOWN))
def test_round42m_description_comes_out_right(item):
    assert_right(item, seed="r42m")
