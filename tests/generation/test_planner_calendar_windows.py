"""A calendar read's window ("next week's events", "today's meetings", "tomorrow's appointments", "events in the next
7 days", "this week's events") is applied by the read's own time fields (Google Calendar's timeMin/timeMax), computed
when the run starts by a function before it — not dropped. Written before the fix (0 of 5 right before, 5 after); the function's
code is run in Node with a fixed clock."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from lib.generation import planner

_NOW = "2026-12-02T15:30:00Z"  # a Wednesday
_CASES = {
    "Every Sunday at 8pm, get next week's events from my Google Calendar and email me a summary": (
        "2026-12-07T00:00:00.000Z",
        "2026-12-14T00:00:00.000Z",
    ),
    "Every weekday at 7am, list today's meetings in Google Calendar and post them to #standup on Slack": (
        "2026-12-02T00:00:00.000Z",
        "2026-12-03T00:00:00.000Z",
    ),
    "Every evening at 6pm, read tomorrow's appointments from Google Calendar and text them to +15551234567": (
        "2026-12-03T00:00:00.000Z",
        "2026-12-04T00:00:00.000Z",
    ),
    "Each morning, fetch the events in the next 7 days from our Google Calendar and email them to ops@acme.io": (
        "2026-12-02T15:30:00.000Z",
        "2026-12-09T15:30:00.000Z",
    ),
    "Every Monday at 8am, get this week's events from Google Calendar and post a summary to #team on Slack": (
        "2026-11-30T00:00:00.000Z",
        "2026-12-07T00:00:00.000Z",
    ),
}


def _bounds(description: str) -> tuple[str, str]:
    plan = planner.draft(description).plan
    read = next(b for b in plan.blocks if b.type == "google_calendar")
    values = {v.id: v.value for v in read.values}
    refs = [
        re.fullmatch(r"<([\w-]+)\.result\.(\w+)>", str(values.get(k, ""))) for k in ("timeMin", "timeMax")
    ]
    assert all(refs), values
    (maker,) = {r.group(1) for r in refs if r}
    code = next(
        v.value
        for b in plan.blocks
        if b.id == maker and b.type == "function"
        for v in b.values
        if v.id == "code"
    )
    fixed = code.replace("new Date()", f"new Date({json.dumps(_NOW)})")
    assert fixed != code, "the window is computed from the run's clock"
    out = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify((() => {{ {fixed} }})()))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(out)
    return result[refs[0].group(2)], result[refs[1].group(2)]  # type: ignore[union-attr]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function's code")
@pytest.mark.parametrize("description", list(_CASES))
def test_a_calendar_read_applies_its_window(description):
    assert _bounds(description) == _CASES[description]
