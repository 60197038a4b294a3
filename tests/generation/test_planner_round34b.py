"""Planner round 34b on our own descriptions (`planner_round34b.jsonl`, in no bench set, each written before its
fix): loops and per-item actions -- the loop iterates the list the text names (fetched rows, posts, issues, events,
a webhook's list), per-item steps sit inside it and read `<loop.currentItem>`, steps said to happen once ('then
email all the summaries') come after it. Voices: one-liners, chat with typos, an e-mail, a numbered routine,
French, Portuguese, German and Spanish lines; controls: two digests with no loop, a plain loop per sheet row.
13 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r34b-01-reddit-each-post-then-all": "'have AI write a summary of each post, then email all the summaries' puts "
    "no loop around the AI step",
    "r34b-10-github-pr-comment-each": "'comment on each one' of the listed pull requests is dropped",
    "r34b-19-x-reply-each": "'reply to each one' on X becomes an AI draft, not an X reply per tweet",
}


@pytest.mark.parametrize("item", cases("planner_round34b.jsonl", _KNOWN))
def test_round34b_description_comes_out_right(item):
    assert_right(item, seed="r34b")
