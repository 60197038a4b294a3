"""Planner round 44b on our own descriptions (`planner_round44b.jsonl`, in no bench set, each written before its
fix): per-item work, loops and recipients from the data. A filter and a loop with a write, then a count after the
loop; a loop whose recipient is the row's address (Italian, Spanish, German); texts to each guest but not the ones
who opted out; a read, then a search and a post for each item; a service with no block (Zendesk, Freshdesk) read
through the API block; a JSON list given to the API trigger; Supabase rows → one issue each; Stripe's API list,
then an email to each customer."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r44b-07-for-each-book-youtube-discord": "the loop, the search per book and the post are right; the Discord "
    "channel '#book-talk' becomes {{DISCORD_CHANNEL_ID_BOOK_TALK}} (a channel id Sim needs), which no longer spells "
    "'book-talk' (a naming class, another area)",
    "r44b-19-afterwards-number-created-discord": "the loop and the count after it are right; Todoist has no block, "
    "and the API call's body sends the row as 'text', not the title 'Reorder <item>' as Todoist's 'content' (a "
    "parameter class, another area)",
}


@pytest.mark.parametrize("item", cases("planner_round44b.jsonl", _KNOWN))
def test_round44b_description_comes_out_right(item):
    assert_right(item, seed="r44b")
