"""Planner round 51d: a chat or a message assistant that answers from a source — a chat on the website (and on a
tablet, a QR code, an app) answering from a Google Doc, a Notion page or a Sim knowledge base, said in English or in
another language, sometimes with a hand-over ('if a guest reports something broken, create an issue'); and a
WhatsApp or Telegram message the AI answers from a source, the answer going back to the one who wrote. Probe lines
(`planner_round51d.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round51d.jsonl", _KNOWN))
def test_round51d_description_comes_out_right(item):
    assert_right(item, seed="r51d")
