"""Planner round r56n: what the background tells before the sentence that names the ask ("So what I'd love: …", 'The
ask: …', 'To sum up: …'). A test said in passing there ('a marquee that floods when it rains hard') is no test that
the steps after it sit under, and a look-up told there with no place of its own ('I look up who has paid') is how it
is done today when the ask reads its own place; a test the ask itself says stays, and so does a look-up the ask
needs. Also: a criteria line saying the run is 'triggered by an API call' names its start, no HTTP step; and
"otherwise post 'Pool OK' there too" goes where the first side's unquoted message went; two arrowed routes after
'depending on the type:' or 'based on the topic:' are one decision, and so are two 'If …' sentences about each item
pasted in. Probe lines (`planner_round56n.jsonl`) were written after the fixes, from h48-035, h54-105, r54d-14 and
r54b-12; 10 of 15 fail before them."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round56n.jsonl", _KNOWN))
def test_round56n_description_comes_out_right(item):
    assert_right(item, seed="r56n")
