"""Planner round r53b: read vs write. A noun that names mail or files ('one email per booking lands in Gmail',
'customers order by email to …') is no send; 'no emails to …' / 'never send …' forbids; a write the user asked for in
a noun phrase or another language ('recevoir par e-mail (…)', 'a welcome email, to them') is built; a chatbot that
answers 'from' a knowledge base searches it. Probe lines (`planner_roundr53b.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_roundr53b.jsonl", _KNOWN))
def test_roundr53b_description_comes_out_right(item):
    assert_right(item, seed="r53b")
