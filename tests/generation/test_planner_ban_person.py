"""A ban on messaging one person is no ban on the service (`planner_ban_person.jsonl`, our own descriptions, written
before the fix): "Do not email the applicant" beside "email the hiring manager", or "Don't email finance@acme.io"
beside "email each customer", used to rule out every e-mail of the workflow — the request was refused, or its
reminders dropped. The ban names whom no message goes to; the e-mails asked for others stay. Controls: "Never email
the customer directly" where no other e-mail is asked, and "Don't email anyone". 2 of 4 were right before the fix, 4 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_ban_person.jsonl", _KNOWN))
def test_a_ban_on_one_person_keeps_the_other_messages(item):
    assert_right(item, seed="ban-person")
