"""A chat channel read, not written: the channel a processing verb's object lives in ('summarise the
messages from #support', 'analyse the posts in our Discord #feedback channel', 'what was said in #sales
today') is read first, the model works on what was read, and nothing is posted back there unless asked.
Our own descriptions (none from a bench set); each also runs with no runtime error."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import runtime_findings, validate


def _state(description: str) -> dict:
    state = compose(planner.plan(description), seed="s").state
    assert [f.code for f in runtime_findings(validate(state)) if f.severity == "error"] == []
    return state


def _ops(state: dict, type_: str) -> list[str]:
    return [
        str(b["subBlocks"].get("operation", {}).get("value"))
        for b in state["blocks"].values()
        if b["type"] == type_
    ]


def _agent_reads(state: dict, type_: str) -> bool:
    names = {b["name"].lower().replace(" ", ""): b["type"] for b in state["blocks"].values()}
    prompts = [
        str(b["subBlocks"].get("userPrompt", {}).get("value"))
        for b in state["blocks"].values()
        if b["type"] == "agent"
    ]
    return any(
        f"<{name}." in p or f"<{name}>" in p for p in prompts for name, t in names.items() if t == type_
    )


@pytest.mark.parametrize(
    ("description", "chat", "read_op"),
    [
        ("Every day at 5pm summarize the messages from #support and email it to me", "slack", "read"),
        (
            "Every day at 6pm summarize everything in #incidents from the last 24 hours and email it to "
            "oncall@example.com",
            "slack",
            "read",
        ),
        (
            "Every evening summarise what was said in the #sales channel today and send the summary to "
            "vp@example.com",
            "slack",
            "read",
        ),
        (
            "Each morning analyse the posts in our Discord #feedback channel and email the themes to "
            "pm@example.com",
            "discord",
            "discord_get_messages",
        ),
        (
            "On Fridays at 4pm have the AI pull the action items out of the messages in Slack #projects and "
            "add them to the 'Actions' Google Sheet",
            "slack",
            "read",
        ),
        (
            "Every hour classify the new messages in #help as bug or question and email the bugs to "
            "dev@example.com",
            "slack",
            "read",
        ),
        (
            "Twice a day translate the latest posts in our Discord #announcements channel into Spanish and "
            "email them to es-team@example.com",
            "discord",
            "discord_get_messages",
        ),
        (
            "Every Monday 9am review the conversations in #customer-feedback from last week and write a "
            "summary into a Google Doc",
            "slack",
            "read",
        ),
    ],
)
def test_a_channel_whose_messages_are_worked_on_is_read_not_written(description, chat, read_op):
    state = _state(description)
    assert _ops(state, chat) == [read_op]
    assert _agent_reads(state, chat)


def test_a_read_said_twice_is_built_once():
    state = _state(
        "Every day at 6pm summarise everything in #incidents and email it to lead@example.com. "
        "Only read Slack, never post there."
    )
    assert _ops(state, "slack") == ["read"]
