"""Planner round 7b on our own descriptions (`planner_round7b.jsonl`, in no bench set, each written before
its fix, none copied from a bench set) of the classes of parameters and references the development sets
missed: a named resource carried into the field the registry declares for it (a Teams channel, an Excel
workbook or table, a Supabase or Airtable table named right after the service, a sheet named with capitals,
a Notion database, a Jira project key after 'Jira', a knowledge base, a Drive folder, a sheet's tab), a
lookup that reads the run's input (a '{placeholder}' or '=...' in the URL, a chat that looks something up in
a table or a vector collection), and a recipient taken from the data ('text the driver', 'the new hire',
'email them'). Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r7b-chat-qdrant-search": "Qdrant's search takes a vector, which the pasted "
    "text is not (no embedding step is planned)",
}


@pytest.mark.parametrize("item", cases("planner_round7b.jsonl", _KNOWN))
def test_round7b_description_comes_out_right(item):
    assert_right(item, seed="r7b")
