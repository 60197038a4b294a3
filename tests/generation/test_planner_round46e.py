"""Planner round 46e on our own descriptions (`planner_round46e.jsonl`, in no bench set, each written before its
fix): conditions that tested whether an item's text `.includes(…)` a word that is no category the data could hold —
a function word left at the end of the test ('if so', "if there's one", 'if it does', 'if we need to'), a unit of
time ('paid within the last 30 days' → 'days'), a look-up's failure ("if it can't find the order", "if it isn't
there") or a word of a paragraph that only sets the scene ('Context: we are …'), of a ban that restates the
schedule ('never … at the weekend: run it Monday to Friday') or the complement of the filter already asked ('Don't
email members who came'). Such a test silently skips or always runs its steps in Sim. Before the fix 10 of these 42
tests failed (2 of the 16 lines judged wrong: the ban took the e-mail away); after, 41 pass and r46e-04 is known.
Over the studied states, a condition looking for such a word (lexicon 'no_category' / 'calendar_days'; 'yes', 'no',
'none', 'done' are answers and values) went from 42 states to 3 (a quoted 'weekend' shift or form answer)."""

from __future__ import annotations

import json

import pytest

from lib.generation import planner
from lib.generation import rx as re
from lib.generation.compose import compose
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r46e-04-paid-within-days": "'if they paid within the last 30 days' of a Stripe customer looked up: no date field "
    "of the look-up's answer is known, so the test is left out with a note and its 'otherwise' side (the Slack post) "
    "is not built — the charge's date would have to be fetched",
}


@pytest.mark.parametrize("item", cases("planner_round46e.jsonl", _KNOWN))
def test_round46e_description_comes_out_right(item):
    assert_right(item, seed="r46e")


def _items() -> dict[str, str]:
    with open("tests/generation/planner_round46e.jsonl", encoding="utf-8") as fh:
        return {(it := json.loads(line))["id"]: it["description"] for line in fh if line.strip()}


def _conditions(description: str) -> list[str]:
    state = compose(planner.plan(description), seed="r46e").state
    return [
        str(c.get("value") or "")
        for b in state["blocks"].values()
        if b["type"] == "condition"
        for c in json.loads(b["subBlocks"]["conditions"]["value"])
    ]


# words no data field holds as a category: pronouns, auxiliaries, prepositions, negations, quantities, time units
_NO_CATEGORY = set(
    re.findall(
        r"\S+",
        "so one ones does do did is are was were be been it they we you i he she them us there here that this these those "
        "can can't cannot isn't aren't wasn't don't doesn't didn't won't need needs know up down in on at of to for with "
        "by from within any some none all each every no not if then also days day hours hour weeks week minutes "
        "months sunday saturday monday weekend",
    )
)  # fmt: skip


def _words(tests: list[str]) -> list[str]:
    return [w for t in tests for w in re.findall(r'\.includes\("([^"]*)"\)', t)]


@pytest.mark.parametrize("key", sorted(_items()))
def test_no_condition_looks_for_a_word_that_is_no_category(key):
    words = _words(_conditions(_items()[key]))
    assert not [w for w in words if w in _NO_CATEGORY], words


@pytest.mark.parametrize(
    "key", ["r46e-06-cant-find-order-forward", "r46e-07-no-match-slack", "r46e-16-doesnt-exist-create"]
)
def test_a_look_up_that_found_nothing_tests_its_list_is_empty(key):
    tests = _conditions(_items()[key])
    assert any(".length === 0" in t for t in tests), tests


@pytest.mark.parametrize(
    "key", ["r46e-04-paid-within-days", "r46e-05-older-than-hours", "r46e-15-last-week-orders"]
)
def test_a_window_of_time_compares_a_date_or_is_left_out(key):
    tests = _conditions(_items()[key])
    assert not [w for w in _words(tests) if re.search(r"\b(?:days?|hours?|weeks?|last)\b", w)], tests


@pytest.mark.parametrize(
    "key",
    [
        "r46e-09-context-paragraph",
        "r46e-10-never-complement-of-filter",
        "r46e-11-never-restates-schedule",
        "r46e-12-never-sunday-saturday-schedule",
    ],
)
def test_a_scene_or_a_ban_already_met_adds_no_word_test(key):
    tests = _conditions(_items()[key])
    assert not [t for t in tests if ".includes(" in t and t.startswith("!")], tests
    assert not [w for w in _words(tests) if w in ("we", "came", "weekend", "saturday", "saturdays")], tests
