"""Planner round 13d on our own descriptions (`planner_round13d.jsonl`, in no bench set, none copied from a bench
set): per-item work over fetched rows, in a chat-box voice and in French, Spanish, German and Swedish. The classes
held-out sets 16 and 17 missed: chat shorthand inside the loop phrase ('for every student w/ an average below 70',
'go thru the tab') broke the item phrase; an action said before its items ('research each of the suppliers in our
'Suppliers' table', 'take every link in the Watchlist column of the 'Competitors' sheet', 'scrape each URL listed
in my sheet') did not read the place or kept the per-item read outside the loop, and a write back to the same
sheet ('… back into column C', '… into the notes column') was dropped as a second read of it; 'one by one' / 'one
at a time' / 'individually' said no loop; 'for each of those checks if …' took the verb for the item's noun; a
step after the items said at the end of its own clause ('… and email me a summary when it's done') was read as a
test; '… event for every row in the sheet, inviting …' lost the action before the loop; 'à chaque candidat',
'till varje chaufför' were not translated; a column the user names for the address ('(email col)',
'(billing_email column)') was not the field read; 'do not modify the sheet' ruled out reading it; a sentence after
the loop about its item ('If the showing is for a unit above $3,500, …') ran once, outside it. The first 18 lines
were written before the fixes (9 right before, 17 after); the next 10, paraphrases and other classes of the same
area, after them (9 right at once; one mislabelled: Zendesk has no JUL25 block, it is read over HTTP); then 4 for
the last two classes (3 wrong before their fix); the last 9 paraphrase three lines three ways each, written after
every fix as a test of generality (4 right at once, 5 after the list's own name counted as the item's noun; the
4 left are naming or condition classes of other areas, in `_KNOWN`)."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.lexicon import written_out
from lib.generation.steps import _each_of_them, _one_by_one, split_loop_end
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r13d-p-dm-1": "'Slack-DM their assignees' is no verb the planner knows (the service named inside the verb: naming)",
    "r13d-p-dm-3": "'pull overdue OPS issues from Jira': a project key before the noun is not read as the project (naming)",
    "r13d-p-col-3": "'the Late payments table' unquoted: a name of two words without quotes is not the table's name (naming)",
    "r13d-p-next-3": "'When a delivery is fragile, …' is not read as a test ('when' mid-workflow, a conditions class), and "
    "the loop's sentence names neither 'delivery' nor the list, so the sentence is not tied to the item",
}


@pytest.mark.parametrize("item", cases("planner_round13d.jsonl", _KNOWN))
def test_round13d_description_comes_out_right(item):
    assert_right(item, seed="r13d")


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("for every row w/ a balance, go thru the tab", "for every row with a balance, go through the tab"),
        ("w/o a status pls msg me", "without a status please message me"),
        ("see example.com/w/docs and https://x.io/thru", "see example.com/w/docs and https://x.io/thru"),
    ],
)
def test_chat_shorthand_is_written_out(text, full):
    assert written_out(text) == full


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        (
            "read the overdue issues and DM the assignee on Slack, one by one.",
            "read the overdue issues and for each one, DM the assignee on Slack.",
        ),
        (
            "get the new records and, one at a time, send them a welcome email",
            "get the new records and for each one, send them a welcome email",
        ),
        # a sentence that already names its items keeps them
        ("read the list and email each lead individually", "read the list and email each lead individually"),
    ],
)
def test_one_by_one_repeats_its_clause(text, rewritten):
    assert _one_by_one(text) == rewritten


def test_a_pronoun_before_a_verb_takes_no_noun():
    assert _each_of_them("and for each of those checks if the date passed") == (
        "and for each of those, check if the date passed"
    )
    assert _each_of_them("for each of these tickets post a note") == "for each of these tickets post a note"


def test_the_end_of_the_items_said_after_its_clause():
    assert split_loop_end("research each supplier on the web and email me a summary when it's done.") == (
        "research each supplier on the web",
        "email me a summary",
    )


def test_a_named_column_is_the_field_read():
    state = planner.plan(
        "every monday at 9 read the 'Overdue' table in Airtable and for each row email the client "
        "(billing_email column) a polite reminder"
    )
    mail = next(b for b in state.blocks if b.type == "gmail")
    # (the address is found in each row by a function in the loop, which takes that field first: item_addresses.py)
    finder = next(b for b in state.blocks if f"<{b.id}.result>" == {v.id: v.value for v in mail.values}["to"])
    assert "its 'fields.billing_email' field" in finder.values[0].value and finder.parent == mail.parent


def test_a_write_back_into_a_column_updates_the_row_read():
    state = planner.plan(
        "Every weekday at 10 read the 'Prospects' Google Sheet, and for every prospect without a score, research "
        "their company on the web and write a two-line summary into the notes column."
    )
    sheets = [b for b in state.blocks if b.type == "google_sheets"]
    written = {v.id: v.value for v in sheets[-1].values}
    assert written["operation"] == "update" and written.get("spreadsheetId") == "Prospects"
    assert sheets[-1].parent is not None
