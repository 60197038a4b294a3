"""Planner round 52c: work done on each item of what a step reads (a sheet, a table, a folder, a form's responses) —
"for each item that's been with us more than 30 days …", "for every batch below 4.2 set its status to 'Ready'",
"any batch at 4.6 or higher → …", "every dancer who passed / didn't pass", "fewer than 2 times", "the items that go
out of date tomorrow", "for each partner shop" over two tables, "one Notion page per new response", and a chat that
answers from a table. Probe lines (`planner_round52c.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r52c-03-en-any-tank-at-or-higher": "'any tank at 24 degrees or higher → text the brewer (+44 …)': a unit between "
    "the number and 'or higher' before an arrow loses the SMS and reads the number with an agent",
    "r52c-04-en-every-child-who-passed": "'for every child who passed, email their parent …; for every child who "
    "didn't pass, email coach@… instead': two loops over the sheet, not one loop whose test has both sides",
    "r52c-08-en-for-each-tutor-two-tables": "two Supabase tables joined per tutor: only the first ('tutors') is read",
    "r52c-09-en-for-each-isbn-search-write": "'## Input' Google Sheet 'Book Wishlist' beside a write to the Google "
    "Sheet 'Best Prices': the read loses its name (a variable)",
    "r52c-10-en-each-new-receipt-in-folder": "'every receipt … dropped into the Google Drive folder … read by AI and "
    "logged in the Google Sheet …': the folder is listed, nothing is done per file and the sheet is not written",
    "r52c-11-en-one-record-per-response": "acceptance criteria 'one Airtable record per new response', 'one email per "
    "new response': the record is made once outside the loop, and the e-mail goes to each respondent instead of "
    "the coordinator the story names",
    "r52c-15-de-fuer-jede-charge-unter": "German 'für jede Charge mit einem pH unter 4,2' is read as 'for each Charge "
    "with, a pH less than 4.2': the comma ends the item's test before the number",
}


@pytest.mark.parametrize("item", cases("planner_round52c.jsonl", _KNOWN))
def test_round52c_description_comes_out_right(item):
    assert_right(item, seed="r52c")
