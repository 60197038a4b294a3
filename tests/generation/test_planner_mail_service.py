"""'email them a reminder from Outlook', 'email the respondent a thank-you note via Outlook': the verb e-mails
someone, so the mail service named after it sends — it had been read as a *read* of the Outlook inbox ('from
Outlook' taken as where data comes from), inside the loop where each reminder was meant. Reading the inbox stays a
read. Written before the fix (`planner_mail_service.jsonl`, in no bench set): 1 of 4 right."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_mail_service.jsonl", _KNOWN))
def test_mail_service_comes_out_right(item):
    assert_right(item, seed="ms")
