"""What a block may read: only blocks with a path of edges into it (Sim JUL25's resolver). Found by
recombining development sentences: a link or a list taken from inside a loop that had ended."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from lib.validation import validate

TEXTS = [
    # a message asking for links after a loop whose body sent e-mails: the e-mails are not upstream
    "Every Sunday at 18:00 go through each row of the 'Leads' sheet and send every lead a personalised "
    "follow-up email with Gmail. Whenever I run it, find the 5 latest YouTube videos about kubernetes "
    "operators and put their titles and links in a Google Doc.",
    # a second loop after one that fetched inside its body: it repeats over a list it can read
    "Every Friday at 15:00 read the open tasks from our Asana API and for each task search Reddit for "
    "posts about it. For every message that arrives in our #leads Slack channel, have an agent pull out "
    "the company name and post it to #sales.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_no_block_reads_one_inside_a_container_it_follows(text):
    result = compose(planner.plan(text), seed="scope")
    report = validate(result.state, era="jul25")
    codes = [f.code for f in report.findings if f.severity == "error"]
    assert "reference_not_connected" not in codes and report.valid, codes


@pytest.mark.parametrize(
    "text, field, expected",
    [
        (
            "Every morning fetch the orders from https://api.example.com/orders and for each order post a "
            "message to #ops on Slack saying 'New order <id> from <customer name>'.",
            "text",
            "New order <loop.currentItem.id> from <loop.currentItem.customer_name>",
        ),
        (
            "Each night read the open Jira issues and for each issue with priority Highest create a Linear "
            'issue called "Escalate <key>".',
            "title",
            "Escalate <loop.currentItem.key>",
        ),
    ],
)
def test_a_placeholder_the_user_wrote_is_a_field_of_the_item_not_a_block(text, field, expected):
    """Sim reads every <…> as a block reference: '<name>' names no block and would stop the run."""
    plan = planner.plan(text)
    values = [v.value for b in plan.blocks for v in b.values if v.id == field and b.parent]
    assert expected in values
    report = validate(compose(plan, seed="placeholders").state, era="jul25")
    assert report.valid, [f.code for f in report.findings if f.severity == "error"]


def test_each_split_from_its_noun_by_a_clause_boundary_is_no_loop_and_no_crash():
    """'… one row each and then …': 'each' + 'and' read as a loop over 'and'; the clause holding it
    then held no 'each <noun>' and the planner raised StopIteration (a 500)."""
    text = (
        "Every Monday at 8 copy last week's invoices from the Airtable 'Invoices' table into a Google "
        "Sheet, one row each and then tell #finance on Slack that it is done."
    )
    plan = planner.plan(text)
    assert {"airtable", "google_sheets", "slack"} <= {b.type for b in plan.blocks}
    assert validate(compose(plan, seed="each").state, era="jul25").valid


@pytest.mark.parametrize(
    "text, loops",
    [
        # WhatsApp's event is reshaped by Sim (from, text, …): a list invented under it stops the run
        ("for each one create a Jira issue in the SUPPORT project each When a WhatsApp message comes in", 0),
        # a generic webhook's body is passed on as sent: its list is assumed, and said in the notes
        (
            "When a Shopify order webhook arrives, for each line item create a row in the Orders Google Sheet",
            1,
        ),
    ],
)
def test_a_list_inside_the_event_is_assumed_only_where_the_body_is_passed_on_as_sent(text, loops):
    result = compose(planner.plan(text), seed="hook")
    report = validate(result.state, era="jul25")
    assert report.valid, [f.code for f in report.findings if f.severity == "error"]
    assert sum(b["type"] == "loop" for b in result.state["blocks"].values()) == loops


@pytest.mark.parametrize(
    "text",
    [
        # a GitHub comment's pull request is a field of GitHub's event, not of a WhatsApp message's
        "Whenever a WhatsApp message comes into our property management number, figure out if it's a "
        "maintenance request, a rent question or a viewing request. When a GitHub release is published, write "
        "release notes with AI and post them to the #announcements Slack channel and as a new Confluence page "
        "update",
        # 'if there are more than 10' counts a list the condition can read, not one fetched inside a loop
        "Each weekday at 9 read open Jira bugs with priority Highest; if there are more than 10, email "
        "cto@finlytics.com, else post the list to #qa. Every weekday at 9am read our team's Google Calendar for "
        "today, and for each meeting that has external attendees, research the attendee's company on the web and "
        "send me a briefing email before the meeting. Don't email the attendees.",
        # a branch whose steps build no block (here a doubled 'for each') still ends cleanly: Sim throws on an
        # unwired 'else'
        "Wenn über unseren Shopify-Webhook eine neue Bestellung eingeht und der Bestellwert über 200 Euro liegt for each for each message that mentions 'urgent' create a Linear issue., otherwise ping #support on Slack if there are more than 3 of them. each Every Sunday at 20:00 list the open pull requests fr",
    ],
)
def test_two_requests_run_together_still_give_a_state_sim_runs(text):
    result = compose(planner.plan(text), seed="joined")
    report = validate(result.state, era="jul25")
    assert report.valid, [(f.code, f.pointer) for f in report.findings if f.severity == "error"]


def test_a_loop_phrase_after_a_bare_and_then_is_no_crash():
    """'… and then for each item in …' after a test: the words before the loop phrase hold no clause of
    their own, and the planner indexed an empty list (an IndexError, a 500). Found recombining clauses."""
    text = (
        "Complaints -> email support@acme.io. for each If the amount is €500 or less and then for each item in "
        "our Airtable inventory table"
    )
    assert validate(compose(planner.plan(text), seed="bare").state, era="jul25").valid
