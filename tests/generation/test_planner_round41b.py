"""Planner round 41b on our own descriptions (`planner_round41b.jsonl`, in no bench set, each written before its
fix): per-item work, the list it runs over, and recipients taken from the data. A read keeps the filter and the place
it was given ("the emails with subject 'X'", "messages labelled 'X'", "open Airtable, the 'X' table", "the Google
Calendar 'X'", "the Google Drive folder 'X'"); "for each one create …" after such a read loops over what was read;
"look at tomorrow's appointments (in the calendar) and text each owner" reads the calendar and texts each event's
number; the AI work and the write "for each" file sit in the loop over the files; "paste a list of emails when I run
it" is the run's input, not a mail to send; "go through the X, and for each one whose …, email them …; afterwards
post how many" puts the mail in the loop and the post after it; and a run by hand that "reads all rows of … and, for
each row where …, updates …" loops over the rows read. Voices: one-liners, chat with typos, a voice memo, an e-mail,
a Slack DM, a Spanish line; controls: a per-row e-mail from a sheet and a webhook post to Slack.
9 of 20 were right before the fix, 20 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round41b.jsonl", _KNOWN))
def test_round41b_description_comes_out_right(item):
    assert_right(item, seed="r41b")
