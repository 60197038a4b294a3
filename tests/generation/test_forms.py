"""lib/generation/forms.py: an automation request written as a form is read field by field (the field kinds in
forms.json), whatever template wrote it; a text that is no form is left as it is."""

from __future__ import annotations

import pytest

from lib.generation import forms

_INTAKE = (
    "Name of the automation: Refund log\n"
    "When should it run? Stripe event charge.refunded\n"
    'Tools involved: Stripe, Airtable (table "Refunds"), Slack\n'
    'What should happen (step by step): create a record in the Airtable table "Refunds"\n'
    "Exceptions / special cases: N/A\n"
    "Who should be notified? #finance + me\n"
    "Anything it must NOT do? don't refund anything, we'd lose money\n"
    "Priority: low\n"
    "Requested by: Elif"
)


def test_an_intake_form_is_rewritten_field_by_field():
    assert forms.read_form(_INTAKE) == (
        "[Form] Refund log\n"
        "Trigger: Stripe event charge.refunded.\n"
        'Tools: Stripe, Airtable (table "Refunds"), Slack.\n'
        'Steps: create a record in the Airtable table "Refunds".\n'
        "Notify: #finance, me.\n"
        "Don't refund anything."
    )


@pytest.mark.parametrize(
    "text",
    [
        # a heading alone on its line, the value below it
        "## Request\n### Trigger\nevery Monday at 9\n### Tools\n- Jira\n- Slack\n### Steps\nread the open Jira issues",
        # numbered questions, a '?' for a colon
        "1. What's the process called? Jira digest\n2. How often? every Monday at 9\n3. Which apps are involved? "
        "Jira, Slack\n4. What should it do? read the open Jira issues",
        # bold labels, a dash between label and value, lower case
        "**Workflow name:** Jira digest\n**Trigger** - every Monday at 9\n**tools:** Jira, Slack\n"
        "**what:** read the open Jira issues",
    ],
)
def test_templates_vary_their_labels(text):
    kinds = [f.kind for f in forms.fields(text)]
    assert "trigger" in kinds and "tools" in kinds and "steps" in kinds
    assert "Tools: Jira, Slack" in forms.read_form(text)


def test_fewer_than_three_fields_is_no_form():
    text = "Trigger: every Monday at 9\nSteps: read the open Jira issues and post a summary in #eng"
    assert forms.fields(text) == []
    assert forms.read_form(text) == text


def test_a_tool_list_item_naming_a_thing_to_read_stays_readable():
    text = forms.read_form(_INTAKE)
    unused = forms.unused_tools(text)
    ((a, b),) = forms.tool_lines(text)
    kept = "".join(" " if any(x <= i < y for x, y in unused) else text[i] for i in range(a, b))
    assert 'Airtable (table "Refunds")' in kept
    assert "Tools:" not in kept and "Stripe" not in kept and "Slack" not in kept


def test_an_aside_telling_what_is_done_elsewhere_is_no_tool():
    text = forms.read_form(
        "Name: Bookings\nTrigger: Calendly webhook\nTools: Notion, Slack. (Google Calendar - Calendly already puts "
        'it there, nothing to do)\nSteps: add the booking to the Notion database "Calls"'
    )
    unused = forms.unused_tools(text)
    line = next(text[a:b] for a, b in forms.tool_lines(text))
    assert all(any(a <= text.find(w) < b for a, b in unused) for w in ("Google Calendar", "Notion,"))
    assert line.startswith("Tools:")


@pytest.mark.parametrize(
    "tools, kind, chosen",
    [
        ("Tavily (news search), Telegram", "search", "tavily"),
        ("Google search (Serper), Slack", "search", "serper"),
        ("Exa, Tavily", "search", None),
        ("Outlook, Google Calendar", "mail", "outlook"),
        ("Slack, Jira", "mail", None),
    ],
)
def test_the_one_service_of_a_kind_a_tool_list_names(tools, kind, chosen):
    text = forms.read_form(f"Name: X\nTrigger: every day\nTools: {tools}\nSteps: search the web for news")
    assert forms.chosen(text, kind) == chosen


@pytest.mark.parametrize(
    "value, bans",
    [
        (
            "don't reply, forward or delete anything in Gmail",
            "Don't reply. Don't forward or delete anything in Gmail.",
        ),
        ("don't email the customer - CS does that personally", "Don't email the customer."),
        ("read-only on Stripe!", "Stripe stays read-only."),
        ("- never post twice\n- no DMs", "Never post twice. No DMs."),
        ("N/A", ""),
    ],
)
def test_a_prohibition_field_is_read_as_bans(value, bans):
    assert forms._bans(value) == bans


@pytest.mark.parametrize(
    "text, address",
    [
        (
            "Name: X\nTrigger: every day\nSteps: email me a summary. My address: j.weber@fahrwerk.de",
            "j.weber@fahrwerk.de",
        ),
        ("Name: X\nTrigger: every day\nSteps: email me a summary\nMy email: kari@fjord.no", "kari@fjord.no"),
        ("Name: X\nTrigger: every day\nSteps: summarise it\nNotify: me - priya@lumen.io", "priya@lumen.io"),
        ("Name: X\nTrigger: every day\nSteps: email it to ops@acme.io\nNotify: ops@acme.io", None),
    ],
)
def test_the_requesters_own_address(text, address):
    assert forms.own_address(text) == address


@pytest.mark.parametrize(
    "value", ["N/A", "-", "see above", "nobody, it's just a log", "none (see steps)", ""]
)
def test_a_blank_field_says_nothing(value):
    text = f"Name: X\nTrigger: every day\nSteps: post the total in #ops\nWho should be notified? {value}"
    assert "Notify:" not in forms.read_form(text)


@pytest.mark.parametrize(
    "value, step",
    [
        ("Pinecone index 'faq-prod' (upsert text)", "Upsert text into Pinecone index 'faq-prod'"),
        (
            "a new Google Doc 'Pipeline – Week N' with a summary",
            "Create a new Google Doc 'Pipeline – Week N' with a summary",
        ),
        ("the doc link emailed to sales@x.co via Outlook", "Email the doc link to sales@x.co via Outlook"),
        ("one email via Outlook to leadership@x.com", "Send one email via Outlook to leadership@x.com"),
        ("post the summary in #ops", "post the summary in #ops"),
    ],
)
def test_a_target_field_is_the_step_it_asks_for(value, step):
    assert forms._target(value) == step


def test_an_input_the_call_passes_is_the_trigger_line():
    text = (
        "Spec: Candidate screener\n"
        "Input: candidate name + LinkedIn URL, passed in the API call\n"
        "Steps:\n- scrape the URL with Firecrawl\n- append name and URL to the Google Sheet 'Pipeline'"
    )
    assert "Trigger: API call with candidate name + LinkedIn URL." in forms.read_form(text)
