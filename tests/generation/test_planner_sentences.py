"""A test in its own sentence is about what the sentence before it named: 'fetch the X price; if it …'
plans the same workflow as 'fetch the X price and if it …', whatever ends the first sentence (our own
descriptions, none from a bench set)."""

from __future__ import annotations

import json

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import runtime_findings, validate
from tests.generation.plumbing import without_text

# (first sentence, test sentence, coin id CoinGecko knows, block the test sends to, what the test compares)
CASES = [
    (
        "Every hour fetch the bitcoin price",
        "if it moved more than 5% alert me on Telegram",
        "bitcoin",
        "telegram",
        "usd_24h_change",
    ),
    (
        "Every 15 minutes check the ETH price",
        "If it drops below 2000 send me an SMS at +15551234567",
        "ethereum",
        "twilio_sms",
        "usd",
    ),
    (
        "Each weekday at 8am look at the solana price",
        "only if it is above 150 post it to #crypto on Slack",
        "solana",
        "slack",
        "usd",
    ),
    (
        "Every Monday get the price of dogecoin",
        "Email me at ops@example.com if it fell more than 10%",
        "dogecoin",
        "gmail",
        "usd_24h_change",
    ),
]
SEPARATORS = ["; ", ". ", " — ", "\n"]


def _joined(first: str, test: str, sep: str) -> str:
    if sep in (". ", "\n"):  # a new sentence starts with a capital
        test = test[0].upper() + test[1:]
    return first + sep + test


def _plan(description: str) -> tuple[planner.Draft, dict]:
    made = planner.draft(description)
    state = compose(made.plan, seed="s").state
    assert [f.code for f in runtime_findings(validate(state)) if f.severity == "error"] == []
    return made, without_text(state)  # (the steps asked for, without what gives a message's data as text)


@pytest.mark.parametrize("sep", SEPARATORS, ids=["semicolon", "full-stop", "dash", "newline"])
@pytest.mark.parametrize("first,test,coin,action,path", CASES, ids=[c[2] for c in CASES])
def test_a_test_in_the_next_sentence_reads_the_source_named_before(first, test, coin, action, path, sep):
    made, state = _plan(_joined(first, test, sep))
    assert made.unused == []  # no clause of the description fell away
    blocks = {b["id"]: b for b in state["blocks"].values()}
    (api,) = [b for b in blocks.values() if b["type"] == "api"]
    assert f"simple/price?ids={coin}&" in api["subBlocks"]["url"]["value"]
    (cond,) = [b for b in blocks.values() if b["type"] == "condition"]
    expression = json.loads(cond["subBlocks"]["conditions"]["value"])[0]["value"]
    assert f".data.{coin}.{path}>" in expression  # the test reads the fetched price, not nothing
    flow = {(blocks[e["source"]]["type"], blocks[e["target"]]["type"]) for e in state["edges"]}
    assert ("api", "condition") in flow and ("condition", action) in flow
    # the same workflow as when the two halves are one sentence joined by 'and'
    one_sentence, _ = _plan(first + " and " + test)
    assert [b.type for b in made.plan.blocks] == [b.type for b in one_sentence.plan.blocks]


def test_a_sentence_that_made_its_own_steps_is_not_read_again():
    """'read the open Jira issues; if there are more than 10 …' already fetched: the test counts them."""
    made, state = _plan(
        "Every day at 9am read the open Jira issues in project WEB. If there are more than 10, post to #web on Slack"
    )
    assert [b.type for b in made.plan.blocks].count("jira") == 1 and made.unused == []
    (cond,) = [b for b in state["blocks"].values() if b["type"] == "condition"]
    assert ".length > 10" in json.loads(cond["subBlocks"]["conditions"]["value"])[0]["value"]


def test_the_trigger_words_are_named_once():
    made = planner.draft("Every hour fetch the bitcoin price; if it moved more than 5% alert me on Telegram")
    assert made.words["start"] == "Every hour"
