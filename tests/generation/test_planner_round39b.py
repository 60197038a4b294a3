"""Planner round 39b on our own descriptions (`planner_round39b.jsonl`, in no bench set, each written before its
fix): per-item work and recipients taken from the data. A list read from a sheet, Airtable or an API and then worked
"for each one" (a text, an e-mail, an issue or ticket) runs that work in a loop over the list, with the recipient taken
from the item ("the customer", "the member's phone number from the sheet"); a count or roll-up posted afterwards
stays outside the loop; a log line appended "one line per member" and a column ticked afterwards are writes of their
own; an "Out of scope" heading builds nothing; and a recipient given in the API call or the form that fires a
webhook is read from the start. Voices: a spec, one-liners, chat with typos, a voice memo, user stories, an e-mail,
Spanish, French and German lines; controls: a sheet summary posted to Slack, a per-row e-mail. 12 of 20 were right
before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round39b.jsonl", _KNOWN))
def test_round39b_description_comes_out_right(item):
    assert_right(item, seed="r39b")
