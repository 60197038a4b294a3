"""Planner round 26c on our own descriptions (`planner_round26c.jsonl`, in no bench set, each written before its
fix): what a clause of a statement of work, a requirement list, a ticket or a chat message forbids. A ban said in
the formal voice names its destination after a passive or a long object ('Incident details shall not be posted to
Microsoft Teams', 'nothing may be posted to X or to LinkedIn', 'Purchase orders shall not be forwarded to any e-mail
address', 'MUST NOT post survey answers or respondent names to any Discord server'), as a thing forbidden ('Texting
the on-call engineer by SMS is prohibited', 'Sending the recap over WhatsApp is not permitted'), or as a later
phase ('Telegram alerts are not part of Phase 1 and shall not be delivered under this contract'): the destination is
ruled out and nothing is written there. Controls: a ban on what a message holds ('The message shall not include
salaries': the message is still sent), a passive step that is asked for ('A summary of them shall be posted to …')
beside a hands-off clause, a service that 'shall not be used', a plain "Don't message the customer", and a forwarding
ban beside a mailbox trigger. 5 of 11 were right before the fix, 10 after it (the WhatsApp line is read right
but its request, asked as a question, is refused: another class)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round26c.jsonl", _KNOWN))
def test_round26c_description_comes_out_right(item):
    assert_right(item, seed="r26c")
