"""Planner round 51m: a message to the user said as what they receive — "I'd like an email to …", "i get a txt on
+44 …", "send me a text on …", "shoot me a WhatsApp" — after an event with no comma between. Such asks were
refused as having no step, or sent as an e-mail titled 'Text' with the number dropped.
Probe lines (`planner_round51m.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round51m.jsonl", _KNOWN))
def test_round51m_description_comes_out_right(item):
    assert_right(item, seed="r51m")
