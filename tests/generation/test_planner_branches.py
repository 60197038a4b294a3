"""Planner round 2 on our own descriptions (none from a bench set): negated and multi-way conditions,
compound tests, parallel runs, loops ended by any action verb, and the user's own names that contain a
service's word. Every state is also checked for runtime findings."""

from __future__ import annotations

import json

from lib.generation import planner
from lib.generation.compose import compose
from lib.generation.lexicon import integrations_in, mask_names
from lib.validation import runtime_findings, validate
from tests.generation.plumbing import without_text


def _state(description: str) -> dict:
    state = compose(planner.plan(description), seed="s").state
    assert [f.code for f in runtime_findings(validate(state)) if f.severity == "error"] == []
    return without_text(state)  # (the steps asked for, without what gives a message's data as text)


def _blocks(state: dict, type_: str) -> list[dict]:
    return [b for b in state["blocks"].values() if b["type"] == type_]


def _value(block: dict, key: str):
    return block["subBlocks"].get(key, {}).get("value")


def _test(condition: dict) -> str:
    return json.loads(_value(condition, "conditions"))[0]["value"]


def _targets(state: dict, block: dict, handle_end: str) -> list[str]:
    """Types of the blocks an edge leaving `block` by `handle_end` reaches; a function that only builds the
    next block's JSON value (lib/generation/shaping: 'Format Google Sheets 1') stands for that block."""
    blocks = state["blocks"]

    def through(target: str) -> str:
        if blocks[target]["name"].startswith("Format "):
            (after,) = [e["target"] for e in state["edges"] if e["source"] == target]
            return blocks[after]["type"]
        return blocks[target]["type"]

    return [
        through(e["target"])
        for e in state["edges"]
        if e["source"] == block["id"] and (e.get("sourceHandle") or "").endswith(handle_end)
    ]


def test_unless_runs_the_step_when_the_test_is_false():
    state = _state(
        "Every hour check the weather in Lyon and unless it is snowing, post 'roads are fine' to Discord"
    )
    (cond,) = _blocks(state, "condition")
    # the exception is the test as said; its step is on the else side (nothing runs when it holds)
    assert not _test(cond).startswith("!(") and "snowing" in _test(cond)
    assert _targets(state, cond, "-if") == ["function"] and _targets(state, cond, "-else") == ["discord"]


def test_else_if_nests_a_second_condition_in_the_else_branch():
    state = _state(
        "When a quiz is submitted, if the score is above 90 email the student, "
        "else if the score is above 60 post to Slack #review-queue, else add a row to the Retakes sheet"
    )
    first, second = sorted(_blocks(state, "condition"), key=lambda b: b["name"])
    assert "> 90" in _test(first) and "> 60" in _test(second)
    assert _targets(state, first, "-if") == ["gmail"] and _targets(state, first, "-else") == ["condition"]
    assert _targets(state, second, "-if") == ["slack"] and _targets(state, second, "-else") == [
        "google_sheets"
    ]


def test_compound_tests_join_both_sides():
    state = _state(
        "When a new GitHub issue is opened, if the title mentions outage or the body mentions downtime, "
        "page me by email"
    )
    (cond,) = _blocks(state, "condition")
    expr = _test(cond)
    assert '"outage"' in expr and '"downtime"' in expr and " || " in expr
    state = _state(
        "When a new GitHub issue is opened, if the label is security and the repo is public, alert #sec on Slack"
    )
    assert " && " in _test(_blocks(state, "condition")[0])


def test_there_are_more_than_n_counts_the_fetched_items():
    state = _state(
        "Every morning read the open Jira issues in project APP; if there are more than 15, "
        "post a warning to Slack #app, otherwise do nothing"
    )
    (cond,) = _blocks(state, "condition")
    assert ".length > 15" in _test(cond)


def test_parallel_actions_start_together_from_the_same_block():
    state = _state(
        "Every day fetch https://example.com/feed.json and at the same time post it to Slack #feed and to Discord"
    )
    (api,) = _blocks(state, "api")
    assert sorted(_targets(state, api, "source")) == ["discord", "slack"]


def test_each_in_parallel_is_a_parallel_container_over_the_fetched_list():
    state = _state(
        "Every Monday fetch the open GitHub pull requests of acme/shop and for each pull request, "
        "in parallel, post it to Slack #prs"
    )
    (par,) = _blocks(state, "parallel")
    (slack,) = _blocks(state, "slack")
    assert slack["data"]["parentId"] == par["id"] and "<parallel.currentItem>" in _value(slack, "text")
    assert state["parallels"][par["id"]]["distribution"].startswith("<api1")
    assert _blocks(state, "loop") == []


def test_for_every_row_with_an_email_verb_is_a_loop():
    state = _state(
        "Every week read the rows of the Members Google Sheet and for every row email the member a reminder"
    )
    (loop,) = _blocks(state, "loop")
    (gmail,) = _blocks(state, "gmail")
    assert gmail["data"]["parentId"] == loop["id"] and loop["data"]["collection"].startswith(
        "<rowsofgooglesheets1"
    )  # the rows after the header


def test_names_with_service_words_are_names():
    masked = mask_names('read the "Inbox Log" sheet')
    assert "Inbox" not in masked and len(masked) == len('read the "Inbox Log" sheet')
    assert [k for _, k in integrations_in("post to the Slack channel called Gmail Alerts")] == ["slack"]
    assert [k for _, k in integrations_in("append to the Discord Leads Tracker sheet in Google Sheets")] == [
        "google_sheets"
    ]
    assert [k for _, k in integrations_in("every morning read the rows of the Inbox Log sheet")] == [
        "google_sheets"
    ]
    state = _state("Every Friday pull the list called 'Discord signups' from Airtable and email me the count")
    assert sorted(b["type"] for b in state["blocks"].values()) == ["airtable", "gmail", "starter"]
    # the service's own noun after its name stays the service
    assert [k for _, k in integrations_in("add a row to the Orders Airtable table")] == ["airtable"]


def test_a_message_to_a_person_with_no_channel_is_built_not_refused():
    state = _state("Every Friday remind the team to fill in their expense reports")
    (gmail,) = _blocks(state, "gmail")
    # the reminder is the message itself, in the user's words (round 6b): no agent is needed to write it
    assert _value(gmail, "operation") == "send_gmail" and not _blocks(state, "agent")
    assert "fill in your expense reports" in _value(gmail, "body")
    state = _state("Every evening tell me a fun fact about space")
    assert _value(_blocks(state, "gmail")[0], "to") == "{{USER_EMAIL}}"


def test_nothing_buildable_is_still_refused():
    import pytest

    from lib.errors import CannotPlan

    for text in ("Fold the laundry every Sunday", "Predict next week's lottery numbers and buy a ticket"):
        with pytest.raises(CannotPlan):
            planner.plan(text)


def test_a_number_in_an_emails_text_is_read_by_an_agent_before_the_test():
    # a Gmail body is plain text (no `.score` beneath it): an agent answers the number, the test reads it
    state = _state(
        "When a review arrives in Gmail and the score is above 7, forward it to "
        "buyers@example.org; otherwise log it in the 'Reviews' sheet"
    )
    (agent,) = _blocks(state, "agent")
    (cond,) = _blocks(state, "condition")
    assert _value(agent, "userPrompt") == "<start.email.bodyText>"
    assert _test(cond) == f"Number(<{agent['name'].lower().replace(' ', '')}.content>) > 7"
    assert _targets(state, agent, "source") == ["condition"]
    assert _targets(state, cond, "-if") == ["gmail"] and _targets(state, cond, "-else") == ["google_sheets"]


def test_an_amount_in_an_emails_text_is_read_by_the_test_itself():
    # round 51a: a number the test says is money (a currency mark) is read from the e-mail's text in the test
    state = _state(
        "When a supplier's quote arrives in Gmail and the total is above 12,000 EUR, forward it to "
        "buyers@example.org; otherwise log it in the 'Quotes' sheet"
    )
    assert _blocks(state, "agent") == []
    (cond,) = _blocks(state, "condition")
    assert _test(cond).startswith('[...String((<start.email>)?.["bodyText"]')
    assert _test(cond).endswith(" > 12000")
    assert _targets(state, cond, "-if") == ["gmail"] and _targets(state, cond, "-else") == ["google_sheets"]


def test_a_second_each_over_the_same_list_joins_the_enclosing_loop():
    # JUL25 runs a loop inside a loop once in all (containers: nested_loop); 'for every …' of the list the
    # loop already walks is the same repeat, so no inner loop is built
    for description in (  # each built a loop inside a loop before
        "Each Friday the bot pulls the open tickets from api.helpdesk.example. It goes through each ticket, "
        "and for every ticket older than 7 days it emails the requester a reminder.",
        "Every Monday the assistant pulls the overdue invoices from api.billing.example. She goes through each "
        "invoice, and for every invoice above 500 euros she emails the client a reminder.",
        "Daily at 6 read the orders from https://api.shop.example/orders; go through each order, and for every "
        "order that is unpaid, message the customer by SMS with Twilio.",
    ):
        state = _state(description)
        loops = _blocks(state, "loop")
        assert len(loops) == 1, description
        assert not any((b.get("data") or {}).get("parentId") == loops[0]["id"] for b in loops), description
        codes = [f.code for f in runtime_findings(validate(state))]
        assert "nested_loop" not in codes and "nested_loop_condition" not in codes


def test_the_bot_named_after_an_event_ends_the_event_and_its_routes_stay_routes():
    # 'our assistant sorts it into …': 'our'/'the' + the one who works ends the event clause, so the sorting head
    # and an imperative list of routes ('for billing, post …; for bugs, create …') make a router
    for description in (
        "When a new Zendesk ticket arrives (webhook) our assistant sorts it into billing, bug or other: for billing, "
        "post it to #billing on Slack; for bugs, create a Jira issue in project BUG; for other, add a row to the "
        "'Inbox' Google Sheet.",
        "Whenever a Typeform response comes in our bot triages it into sales, support or spam: for sales, add a "
        "record to the 'Leads' table in Airtable; for support, email help@acme.io; for spam, do nothing.",
    ):
        state = _state(description)
        (router,) = _blocks(state, "router")
        assert len({e["target"] for e in state["edges"] if e["source"] == router["id"]}) == 3
