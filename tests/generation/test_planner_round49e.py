"""Planner round 49e on our own descriptions (`planner_round49e.jsonl`, in no bench set, each written before its
fix): a test on what an AI answered looks for a label the AI was asked to answer with, and the label counts only as a
word not said after a negation. 'get the AI to say if it looks injured; if yes …' asked for a free answer and looked
for 'yes' ("It looks injured …" took the else side); 'decide whether it is urgent; if urgent …' passed on "Not
urgent". Each condition that reads an agent's text is run in Node with answers a model gives."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r49e-03-en-spam-else": (
        "'ask AI if it looks like spam' after 'for each new form submission' builds no agent: the test searches the "
        "form's payload for 'spam'"
    ),
    "r49e-09-de-dringend": (
        "German 'lass die KI entscheiden, ob sie dringend ist. Wenn ja, …' is read as one AI step and a post: the "
        "'ob …' question and 'wenn ja' build no test"
    ),
    "r49e-10-en-damaged-parcel": (
        "'AI should tell whether the box looks damaged — if it does, open a Zendesk ticket' builds no agent and an "
        "HTTP request for the ticket"
    ),
    "r49e-15-en-needs-reply": (
        "'have the AI decide whether it needs a reply. If yes, draft a reply and send it to me on Telegram': the "
        "decision is also sent to Telegram before the test"
    ),
}


@pytest.mark.parametrize("item", cases("planner_round49e.jsonl", _KNOWN))
def test_round49e_description_comes_out_right(item):
    assert_right(item, seed="r49e")


def _descriptions() -> list[str]:
    with open("tests/generation/planner_round49e.jsonl", encoding="utf-8") as f:
        return [json.loads(line)["description"] for line in f if line.strip()]


def _agent_tests(description: str) -> list[tuple[str, str]]:
    """(the agent's system prompt, the condition's 'if' expression) for each condition reading an agent's text."""
    state = compose(planner.plan(description), seed="r49e").state
    blocks = state["blocks"]
    names = {re.sub(r"\s+", "", b["name"]).lower(): b for b in blocks.values()}
    found = []
    for block in blocks.values():
        if block["type"] != "condition":
            continue
        for cond in json.loads(block["subBlocks"]["conditions"]["value"]):
            for ref in dict.fromkeys(re.findall(r"<([\w-]+)\.content>", cond.get("value") or "")):
                agent = names.get(ref)
                if agent is not None and agent["type"] == "agent":
                    found.append((str(agent["subBlocks"]["systemPrompt"]["value"]), cond["value"]))
    return found


def _holds(expression: str, answer: str) -> bool:
    """The condition as JUL25 runs it: the agent's text put in as a quoted string."""
    code = re.sub(r"<[\w-]+\.content>", lambda _: json.dumps(answer), expression)
    out = subprocess.run(
        ["node", "-e", f"process.stdout.write(JSON.stringify(!!({code})))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return bool(json.loads(out))


def _labels(prompt: str) -> list[str]:
    tail = re.split(r"answer", prompt, flags=re.I)
    return re.findall(r"['\"]([^'\"]{1,40})['\"]", tail[-1]) if len(tail) > 1 else []


_UNASKED = {
    "Cuando llegue un mensaje": (
        "the Spanish ask is read as 'For that diga' and the agent's answer is also mailed and replied: an agent whose "
        "text is sent is not told to lead with a label unless it judges"
    )
}


@pytest.mark.parametrize(
    "description",
    [
        pytest.param(d, marks=pytest.mark.xfail(strict=True, reason=why))
        if (why := next((r for k, r in _UNASKED.items() if d.startswith(k)), None))
        else d
        for d in _descriptions()
    ],
)
def test_the_agent_is_asked_for_the_label_its_test_looks_for(description):
    for prompt, expression in _agent_tests(description):
        asked = {w.lower() for w in _labels(prompt)} | (
            {"yes", "no"} if re.search(r"\byes or no\b", prompt) else set()
        )
        assert asked, (prompt, expression)
        assert "no" in asked or "other" in asked, prompt  # a label for the other side


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
@pytest.mark.parametrize("description", _descriptions())
def test_a_negated_label_does_not_pass_the_test(description):
    for prompt, expression in _agent_tests(description):
        labels = [w for w in _labels(prompt) if w.lower() not in ("no", "other")]
        if re.search(r"\byes or no\b", prompt):
            labels.append("yes")
        labels = [w for w in labels if re.search(rf"\b{re.escape(w.lower())}\b", expression)]
        negated = expression.lstrip().startswith("!")
        for label in labels:
            said = _holds(expression, label.upper())
            assert said != _holds(expression, "no"), (expression, label)
            assert _holds(expression, f"Not {label}") == _holds(expression, "no"), (expression, label)
            assert said != negated or len(labels) > 1, (expression, label)


_HEDGEHOG = (
    "when people message our telegram bot with a photo of a hedgehog get the ai to say if it looks injured. if yes "
    "ping the volunteers discord channel 1234567890, if not just reply in telegram with some care tips"
)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_hedgehog_answer_takes_the_right_side():
    [(prompt, expression)] = _agent_tests(_HEDGEHOG)
    assert re.search(r"'yes'|\byes or no\b", prompt), prompt
    assert _holds(expression, "Yes, it looks injured.")
    assert _holds(expression, "yes")
    assert not _holds(expression, "No")
    assert not _holds(expression, "It does not look injured.")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_not_urgent_is_not_urgent():
    [(prompt, expression)] = _agent_tests("have AI decide whether it is urgent. If urgent, post it to #inbox")
    assert "'urgent'" in prompt
    assert _holds(expression, "URGENT")
    assert _holds(expression, "Urgent: the server is down.")
    assert not _holds(expression, "Not urgent")
    assert not _holds(expression, "no")
    assert not _holds(expression, "This isn't urgent.")
