"""Planner round 20b on our own descriptions (`planner_round20b.jsonl`, in no bench set, each written before its
fix): the trigger of a ticket or user story — a 'Trigger:' line that names a run kind ('Trigger: manual, kicked off
by …', 'Trigger: chat.', 'Trigger: API call from our intranet form (fields: …)'), a Given/When/Then whose 'Given'
names the event and whose 'When' restates it or tests it, an 'As a …, I want …' that names the event of a service
with no JUL25 trigger, and a channel mirrored from one service to another ('Mirror Slack #deploys to Discord
#releases'): the clause's own subject decides the provider. Paraphrases of some lines (on demand, a chat message,
an HTTP POST, relay/copy) check the mechanism's reach. The last five lines (a state Given with an event When, Gherkin
on separate lines, a story for a Jotform form, 'Triggered by: … with keys …', an 'AC:' line where the requester 'gets
an email' beside a reply 'by email') were added after the first fixes; the planner before them got none of the five
right (2/25 in all)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round20b.jsonl", _KNOWN))
def test_round20b_description_comes_out_right(item):
    assert_right(item, seed="r20b")
