"""Planner round 31e on our own descriptions (`planner_round31e.jsonl`, in no bench set, each written before its
fix): the AI steps people ask for. Summaries, tags, extracted fields, translation, a drafted reply left unsent, a
sentiment test, "pick the five best" (no loop), a web-researched brief, a scraped page read by AI, a knowledge-base
chat, a generated image, a photo described, a guessed priority, a reply written for the customer; and two controls
where nobody asked for AI (a forward, rows copied). Voices: one-liners, chat with typos, a Slack DM, a voice memo,
an e-mail, Spanish, German, French and Portuguese lines. 13 of 20 were right before the fix, 20 after.
r31e-14's label gained its sender test after the first run: forwarding only the mail from billing@stripe.com is what a
careful user checks, and the planner forwarded every e-mail (the line passed without it)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round31e.jsonl", _KNOWN))
def test_round31e_description_comes_out_right(item):
    assert_right(item, seed="r31e")
