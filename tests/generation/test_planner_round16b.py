"""Planner round 16b on our own descriptions (`planner_round16b.jsonl`, in no bench set, each written before its
fix): an AI step between a read and a send. A channel's name is no verb ('post the summary to our #market-watch
channel in Slack' posts there; 'watch' inside the name read nothing), and the model's work named by its product
after a light verb ('make a summary', 'put together a digest', 'do a quick recap', 'create a summary of them',
'make a comparison') is an agent step fed by the read before it, which the send after it carries. The phrase
tables read the same light verb in French ('fais-en un résumé'), Spanish ('haz un resumen'), German ('mach eine
Zusammenfassung'), Italian ('fai un riassunto') and Turkish ('bir özet çıkar')."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round16b.jsonl", _KNOWN))
def test_round16b_description_comes_out_right(item):
    assert_right(item, seed="r16b")
