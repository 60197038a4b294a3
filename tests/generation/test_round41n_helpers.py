"""Helpers whose meaning round 41n changed: after 'new', or before 'added today', a write verb's form ('file') is the
noun of the items a loop walks, not the body's verb; 'create a draft reply' is a draft kept in the mail service; the
lexicon's any_items rewrites say the list's 'for each' in other words."""

from __future__ import annotations

import pytest

from lib.generation import lexicon as lx
from lib.generation import steps


@pytest.mark.parametrize(
    "sentence, item",
    [
        ("for every new file in the Google Drive folder 'Invoices', post it to #finance", "new file"),
        (
            "for every file added today in the Google Drive folder 'Invoices', post it to #finance",
            "file added today",
        ),
        ("for every row in the sheet 'Leads', file a ticket in Jira", "row"),
    ],
)
def test_the_items_a_loop_walks(sentence, item):
    assert steps._LOOP.search(sentence).group(1).strip() == item


def test_a_draft_made_is_kept_as_a_draft():
    assert steps._DRAFTED.search("create a draft reply for each one")
    assert not steps._DRAFTED.search("draft a reply")


@pytest.mark.parametrize(
    "said, written",
    [
        (
            "pull the issues due today; per issue, post a reminder",
            "pull the issues due today; for each issue, post",
        ),
        (
            "every day, for all open issues labelled bug, add a comment",
            "every day, for each open issues labelled bug",
        ),
        (
            "create a contact in hubspot for each (api, no block)",
            "create a contact in hubspot for each one (api",
        ),
        (
            "Iterate over the Notion database 'Tasks' and DM each owner",
            "go through the Notion database 'Tasks'",
        ),
    ],
)
def test_each_said_in_other_words(said, written):
    assert lx.written_out(said).startswith(written)
