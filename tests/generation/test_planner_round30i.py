"""Planner round 30i on our own descriptions (`planner_round30i.jsonl`, in no bench set, each written before its
fix): when a workflow runs, said the way people say it. Fortnightly on a named day, the first Monday of the month,
the last day of the month, quarter-hourly, every 20 minutes during business hours on weekdays, weekends at 6 in the
evening, twice a week on named days (French), 'each morning at half past eight', 'before 9', zones by city or
abbreviation (Berliner Zeit, CET, PT, AEST), and starts told casually for the JUL25 webhook providers ('the moment',
'as soon as', 'any time', 'cada vez que', 'sempre que'). Voices: one-liners, an e-mail, chat with typos, a voice
memo, a Slack DM, German, French, Spanish, Portuguese; controls: every weekday at 7:45, every day at noon, a new
Slack message. The judge reads neither an nth weekday ('1#1') nor the last day ('L') in a cron, nor 'before', so
`_SCHEDULES` checks those starters directly (r30i-02 first labelled days [MON] too, which the judge cannot read from
'1#1'). 11 of 20 were right before the fix (14 by the judge alone), 19 after; r30i-02 and r30i-12 were first
labelled Europe/Paris for CET and Berlin, the JUL25 dropdown's nearest zone, but the planner and the bench labels
write any IANA zone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r30i-20-control-slack-webhook": "an agent's answer to a Slack event goes back to the event's channel (#support) "
    "even when the text names where to post it ('post it in #support-drafts'): a reply and a post",
}


@pytest.mark.parametrize("item", cases("planner_round30i.jsonl", _KNOWN))
def test_round30i_description_comes_out_right(item):
    assert_right(item, seed="r30i")


def _cron(start: dict) -> list[str]:
    return str(start.get("cronExpression") or "").split()


def _hhmm(start: dict) -> str:
    """The one time of day a starter runs at, as HH:MM."""
    minute, hour = _cron(start)[:2]
    return f"{int(hour):02d}:{int(minute):02d}"


# id → (a check of the starter the judge cannot read, the reason it still fails or "")
_SCHEDULES = {
    "r30i-02-email-first-monday": (
        lambda s: _cron(s)[2:] == ["*", "*", "1#1"],
        "",
    ),
    "r30i-03-chat-last-day-month": (lambda s: _cron(s)[2] == "L", ""),
    "r30i-05-business-hours-20min": (
        lambda s: _cron(s)[:2] == ["*/20", "9-16"],
        "",
    ),
    "r30i-11-before-nine": (lambda s: _hhmm(s) < "09:00", ""),
}


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(k, id=k, marks=[pytest.mark.xfail(reason=r, strict=True)] if r else [])
        for k, (_check, r) in _SCHEDULES.items()
    ],
)
def test_round30i_schedule_the_judge_cannot_read(key):
    lines = Path(__file__).with_name("planner_round30i.jsonl").read_text(encoding="utf-8").splitlines()
    item = next(json.loads(line) for line in lines if json.loads(line)["id"] == key)
    state = compose(planner.plan(item["description"]), seed="r30i").state
    start = next(b for b in state["blocks"].values() if b["type"] == "starter")
    values = {k: v.get("value") for k, v in start["subBlocks"].items()}
    assert values.get("scheduleType") == "custom"
    assert _SCHEDULES[key][0](values)
