"""Planner round 49b on our own descriptions (`planner_round49b.jsonl`, in no bench set, each written before its
fix): the table, sheet or address the user names as where the data comes from is read ('the current stock counts
from the Airtable 'Stock' table', 'open ik de Airtable-tabel …', 'sensors post readings to https://… — check it every
30 min', 'pull the month's rows from the Supabase table …'), a self-correction keeps only the last name ('the
'Pledges' — no sorry, the 'Orders' table'), 'saved to the Drive folder' is an upload, and a message to each person
of what was read goes to the address in that person's row."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round49b.jsonl", _KNOWN))
def test_round49b_description_comes_out_right(item):
    assert_right(item, seed="r49b")
