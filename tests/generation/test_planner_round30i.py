"""Planner round 30i on our own descriptions (`planner_round30i.jsonl`, in no bench set, each written before its
fix): when a workflow runs, said the way people say it. Fortnightly on a named day, the first Monday of the month,
the last day of the month, quarter-hourly, every 20 minutes during business hours on weekdays, weekends at 6 in the
evening, twice a week on named days (French), 'each morning at half past eight', 'before 9', zones by city or
abbreviation (Berliner Zeit, CET, PT, AEST), and starts told casually for the JUL25 webhook providers ('the moment',
'as soon as', 'any time', 'cada vez que', 'sempre que'). Voices: one-liners, an e-mail, chat with typos, a voice
memo, a Slack DM, German, French, Spanish, Portuguese; controls: every weekday at 7:45, every day at noon, a new
Slack message. The judge reads neither an nth weekday ('1#1') nor the last day ('L') in a cron, nor 'before', so
`_SCHEDULES` checks those starters directly. 11 of 20 were right before the fix (14 by the judge alone; r30i-02 and
r30i-12 were first labelled Europe/Paris for CET and Berlin, the JUL25 dropdown's nearest zone, but the planner
and the bench labels write any IANA zone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r30i-02-email-first-monday": "'the first Monday of each month' runs monthly on the 1st",
    "r30i-04-quarter-hourly": "'Quarter-hourly' is no interval: the flow starts by hand",
    "r30i-08-fr-twice-a-week": "'Deux fois par semaine, le mardi et le jeudi' is not read: refused",
    "r30i-09-voice-half-past-eight": "'at half past eight' runs at 9:00",
    "r30i-17-pt-stripe-sempre": "'Sempre que entrar um pagamento', 'adiciona' are not read: refused",
    "r30i-20-control-slack-webhook": "'post it as a reply in #support-drafts' makes a reply and a post",
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
        "'the first Monday' is the 1st",
    ),
    "r30i-03-chat-last-day-month": (lambda s: _cron(s)[2] == "L", "'the last day of evry month' is the 1st"),
    "r30i-05-business-hours-20min": (
        lambda s: _cron(s)[:2] == ["*/20", "9-16"],
        "'9 to 5' runs through 17:40 ('9-17' hours)",
    ),
    "r30i-11-before-nine": (lambda s: _hhmm(s) < "09:00", "'Before 9' runs at 9:00"),
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
