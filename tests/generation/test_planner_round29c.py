"""Planner round 29c on our own descriptions (`planner_round29c.jsonl`, in no bench set, each written before its
fix): a source the text asks to fetch, dropped or misread, and the agent or response step after it. A value said to
live in a named table ('Rep emails are in Airtable table 'Regions' by postcode → email the right rep', 'the targets
live in the Notion database 'FX Targets''): that table is read, and the step that needs the value uses it. A
knowledge base named as where answers come from ('answers … using only our 'Install Guide' knowledge base', 'The guide
goes into a Sim knowledge base ('Guest Guide')' in a chat's discovery notes): it is searched with the question, not
written to. An API endpoint that 'returns' what it made, or says 'Return JSON {text}': a response step; 'an API
endpoint our app can call with …' is the run's start, not a call it makes. A brief dropped into a channel is written
first by an agent. Voices: a spec page, call notes, a forum post, one-line requests, discovery notes, a Slack DM;
controls: a value in a sheet a spec already read, a tab read, a knowledge base searched, a file added to one, a
Stripe row. 5 of 12 were right before the fix. Two lines added after the fixes, wrong before them (run on
main): finance notes asking to fetch from 'our billing API (billing.northwind.internal/api/invoices)', an address
without its scheme on the company's own network, whose host the request did not take; a routine that reads 'the text
from its link' (a page read, dropped before)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round29c.jsonl", _KNOWN))
def test_round29c_description_comes_out_right(item):
    assert_right(item, seed="r29c")
