"""Planner round r56n: descriptions in messier voices — typos and dropped letters, a hedge to the builder ('if it's not
too complicated'), arrows with a bare 'if yes email owner sorry, if no add to gcal', non-native English ('I want that AI
decide: if it is price question …'), a cron line written out, a freelancer's wish ('a thank-you email to go to the
client, and the payment logged in my Notion'), 'two days before each event in our calendar'. Probe lines
(`planner_round56n.jsonl`) were written before the fixes; 10 of 16 were right before them. Two more, written after
the merged measure lost h37-002 ("- maybe: email clients whose documents are missing? They use Outlook" in call notes
became a send once "email clients" read as "email the clients"): a note's idea put as a question is no ask (r56n-18
failed before; r56n-17, notes with nothing decided, was refused before and after)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r56n-08-en-dev-api-names": "a Discord channel named with a hyphen ('#tide-alerts') becomes the placeholder "
    "{{DISCORD_CHANNEL_ID_TIDE_ALERTS}}, not the name (Discord's block takes a channel id)",
}


@pytest.mark.parametrize("item", cases("planner_round56n.jsonl", _KNOWN))
def test_round56n_description_comes_out_right(item):
    assert_right(item, seed="r56n")
