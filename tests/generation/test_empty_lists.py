"""A loop over a fetched list gets a test before it, so an empty list (no new email this time) ends the run
at a clean end instead of July 2025 Sim stopping it with 'collection is empty or invalid'. The test's
expression is run in Node on the values Sim's resolver puts in its place."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.generation.empty_lists import added_here
from lib.generation.plan import WorkflowPlan
from lib.validation import validate

_POLLED = "Every 10 minutes read the new emails in Gmail and for each one post its subject to #inbox on Slack"
_TESTED = (
    "Every Monday at 9 read the open issues in Jira project OPS; if there are none, post nothing; "
    "otherwise for each issue post its title to #ops on Slack"
)


def _guard(plan: WorkflowPlan):
    loop = next(b for b in plan.blocks if b.type == "loop")
    into = [e for e in plan.edges if e.target == loop.id]
    guards = [plan.block(e.source) for e in into]
    return loop, into, guards


def test_a_loop_over_a_read_is_entered_only_when_the_list_has_items():
    plan = planner.draft(_POLLED).plan
    loop, into, guards = _guard(plan)
    assert [(g.type, e.handle) for g, e in zip(guards, into)] == [("condition", "if")]
    test = json.loads(plan.value(guards[0].id, "conditions") or "[]")
    assert loop.collection and loop.collection in test[0]["value"]
    ends = [plan.block(e.target) for e in plan.edges if e.source == guards[0].id and e.handle == "else"]
    assert [b.type for b in ends] == ["function"]
    assert "<" not in (plan.value(ends[0].id, "code") or "")  # no reference for Sim to paste into the code
    state = compose(plan, seed="empty").state
    report = validate(state, era="jul25")
    assert report.valid and not [f for f in report.findings if f.severity == "error"]


def test_a_read_whose_whole_output_is_the_list_is_tested_too():
    plan = planner.draft(
        "Each weekday at 9: pull the Jira issues in project OPS that are due today; for each issue, post a reminder "
        "in Slack #ops-daily"
    ).plan
    loop, into, guards = _guard(plan)
    assert loop.collection == "<jira1>"
    assert [(g.type, e.handle) for g, e in zip(guards, into)] == [("condition", "if")]


def test_a_list_the_description_already_tests_gets_no_second_test():
    plan = planner.draft(_TESTED).plan
    loops = [b for b in plan.blocks if b.type == "loop"]
    for loop in loops:
        sources = [plan.block(e.source) for e in plan.edges if e.target == loop.id]
        assert [b.name for b in sources if added_here(b.name)] == []


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the expression")
@pytest.mark.parametrize(
    ("resolved", "enters"),
    [
        ("[]", False),
        ("null", False),
        ('[{"subject": "Hi"}]', True),
        ('[["Name", "Email"], ["Ann", "a@x.io"]]', True),
    ],
)
def test_the_test_is_true_only_for_a_list_with_items(resolved, enters):
    plan = planner.draft(_POLLED).plan
    loop, _, guards = _guard(plan)
    expression = json.loads(plan.value(guards[0].id, "conditions") or "[]")[0]["value"]
    code = expression.replace(loop.collection or "", resolved)
    out = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify({code}))"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) is enters
