"""Planner round 30h on our own descriptions (`planner_round30h.jsonl`, in no bench set, each written before its
fix): the sources a step reads and what it carries. A web source named by what it is with its address but no
reading verb ('(RSS at feeds.…/main.xml)', 'our help site help.…', 'our catalogue (sitemap at …)', 'our changelog,
it's at …', a 'Rivals:' line of addresses); a Google Sheets tab named as the place written ('write them to the
'Glossary_EN' tab', 'from the 'Orders_Web' tab to the 'Orders_All' tab'); a Drive folder read, not uploaded to
('each PDF that lands in the Drive folder …'), with its name carried ('The folder is called 'Policies''). Voices:
a one-line request, chat shorthand, a user story, a voice memo, a spec list, a routine, a manager's e-mail, a forum
question, German; controls: a URL fetched by its verb, a site only linked in a mail, a Drive save, a tab read.
4 of 14 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round30h.jsonl", _KNOWN))
def test_round30h_description_comes_out_right(item):
    assert_right(item, seed="r30h")
