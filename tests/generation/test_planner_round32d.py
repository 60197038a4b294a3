"""Planner round 32d on our own descriptions (`planner_round32d.jsonl`, in no bench set, each written before its
fix): tests on what a step fetched. 'If there are no new orders, do nothing', 'if the list is empty send 'all
clear' instead', 'only if any ticket is older than 3 days', 'whose status is not 'paid'', a reply that contains
'unsubscribe', a score the AI gives below 5, 'if it's a weekend skip it', two tests in sequence, a test followed
by a step that runs either way, 'unless the customer is VIP', 'if the AI thinks it's not spam' for each e-mail, and
'keine offenen PRs … sonst', 'se houver alguma atrasada', 'si la note moyenne est inférieure à 4 … sinon', 'si
algún producto tiene menos de 10'. Voices: one-liners, chat shorthand, a voice memo, an e-mail, French, German,
Spanish and Portuguese lines; controls: a queue length over 200, an AI rating above 7, the Spanish stock test.
15 of 20 were right before the fix, 20 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round32d.jsonl", _KNOWN))
def test_round32d_description_comes_out_right(item):
    assert_right(item, seed="r32d")
