"""Planner round 28f on our own descriptions (`planner_round28f.jsonl`, in no bench set, written before the fix): a long
request whose writer names the ask ('The ask: …', "What I'd like is this: …", "Here's what I want built.") after
paragraphs of background. What the background tells ('I keep a Notion page of late payers and chase them by email
when I remember') is how things are done today, not a step to build. Controls: a plain request; a request with
'Some context: …' and 'What we'd like: …' followed by a ban. 4 of 5 were right before the fix, 5 after. A sixth line, added after the
fix and wrong before it: the place the background names ('in the shared folder 'Trips 2026'') is where the ask's
step makes its folder when the ask names it again by its quoted name alone ('inside 'Trips 2026''); right after the
second fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round28f.jsonl", _KNOWN))
def test_round28f_description_comes_out_right(item):
    assert_right(item, seed="r28f")
