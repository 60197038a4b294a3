"""Planner round 48b on our own descriptions (`planner_round48b.jsonl`, in no bench set, each written before its
fix): the trigger — whose event starts the run ('when a customer whatsapps us', 'que pague en Stripe', 'Given a
Stripe checkout … completes'), which days ('Toda terça e sexta'), what time ('half seven', 'quarter to nine', the
schedule's own time after another one), which zone ('Time zone's Lisbon', '(UK time)', 'hora de Madrid') — and
names said aloud or in arrow notes ('Slack, hashtag kiln-alerts', '→ Discord #sales-floor', mails with 'refund
request' in the subject). 10 of 23 were right before the fix, 17 after (18 after round 48f)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r48b-05-en-running-total": "'add it to the running total kept in the Supabase table …' is one read of the table: "
    "the write back of the new total is not built (and the Discord channel's hyphen, below)",
    "r48b-13-en-hashtag-discord": "the channel is read ({{DISCORD_CHANNEL_ID_CLUB_NEWS}}), but a Discord channel is an id "
    "and a variable's name holds no hyphen, so 'club-news' is in no value (the known variable-name limit, r45d)",
    "r48b-14-en-arrow-discord": "as r48b-13: {{DISCORD_CHANNEL_ID_SALES_FLOOR}} (the known variable-name limit)",
    "r48b-17-en-outlook-subject-line": "'look through Outlook for messages whose subject line says \"refund request\"' is "
    "read as a send, not a search of the mailbox",
    "r48b-20-en-whatsapps-saved-passive": "'can you make it so when someone whatsapps an order it's saved in the supabase "
    "table' reads the table (query), not an insert, after 'make it so' (without it the insert is built)",
}


@pytest.mark.parametrize("item", cases("planner_round48b.jsonl", _KNOWN))
def test_round48b_description_comes_out_right(item):
    assert_right(item, seed="r48b")
