"""An e-mail's default subject names what it carries ('One-paragraph brief', 'Welcome', 'Summary'), never the
event that starts the run ('When someone fills in our Typeform, look up'); a subject the user wrote is kept
(`planner_mail_subjects.jsonl`, written before the fix: 2 of 8 right before)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_mail_subjects.jsonl", _KNOWN))
def test_mail_subject_says_what_it_carries(item):
    assert_right(item, seed="subj")
