"""Planner round 8b on our own descriptions (`planner_round8b.jsonl`, in no bench set, each written before
its fix, none copied from a bench set) of the classes of parameters and references the development sets
missed: a named resource written in Spanish, French or German ('la tabla …', 'la carpeta …', 'le projet …'),
a name quoted with backticks ('the `shipments` table', 'collection `newsroom-v2`') or quoted right before
the service ('the 'Donors' Airtable'), a lookup, search
or update in a flow started by a message, a form or a call that takes its key from what started the run
(a tracking number texted, an email posted, a name given), and an agent drafting the reply to a message
that reads the message as well as what was looked up. Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round8b.jsonl", _KNOWN))
def test_round8b_description_comes_out_right(item):
    assert_right(item, seed="r8b")
