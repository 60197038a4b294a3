"""Planner round r56m: a condition said other ways than 'if … then' — 'only if', 'in case', 'Should a Typeform response
rate us 3 or lower, …' (the verb first), 'If yes … If no …', 'in either case', 'at least', 'between', 'otherwise stop
there', and in French, Spanish, German ('der Betrag 3.000 € übersteigt': the verb last) and Dutch. Probe lines
(`planner_round56m.jsonl`) were written before the fixes; 13 of 16 were right before them. Also: 'If a Shopify order is
over $500' names the service's event (the test on it), and 'ask them for a review by email' e-mails them."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round56m.jsonl", _KNOWN))
def test_round56m_description_comes_out_right(item):
    assert_right(item, seed="r56m")
