"""Planner round 15d on our own descriptions (`planner_round15d.jsonl`, in no bench set, written before the
fix): triggers, refusals, reads that go missing and writes nobody asked for. A context sentence ('our tickets
live in Zendesk', 'right now Dana copies … by hand', 'we announce releases on Discord, but …') gives no step;
the trigger is the clause that says when the workflow runs, not a purpose clause ('so I can answer it before
Monday'), with its time zone ('UK time', 'Sydney time', 'ET') and day of month; a request is refused only when
nothing in it is a workflow ('Could we get a flow …?' is one), and a question on how to do something in a tool,
or a thank-you, is refused even when it names services; reads said as 'the open pull requests … on GitHub',
'searches our … knowledge base', 'parse the file' are made."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round15d.jsonl", _KNOWN))
def test_round15d_description_comes_out_right(item):
    assert_right(item, seed="r15d")
