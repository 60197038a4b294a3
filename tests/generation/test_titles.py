"""A generated workflow's name, and the subject or title its messages and pages get when the description gives
none: what runs, not the schedule it runs on ("Every Monday at 9am Berlin time, pull last" had been the name of a
Jira digest and the subject of every e-mail it sent), never cut on a word that says nothing ("… is added to the")."""

from __future__ import annotations

import pytest

from lib.generation import planner, titles


def _values(plan, field):
    return [v.value for b in plan.blocks for v in b.values if v.id == field]


def test_a_schedule_is_not_the_name_nor_the_subject():
    plan = planner.draft(
        "Every Monday at 9am Berlin time, pull last week's closed Jira issues in project OPS, have an agent write a "
        "short summary, and email it to ops-leads@example.com."
    ).plan
    assert plan.name == "Pull last week's closed Jira issues in project"
    assert _values(plan, "subject") == [
        "Short summary"
    ]  # what the e-mail carries (test_planner_mail_subjects)


def test_a_schedule_is_not_the_subject_of_a_mail_that_names_nothing():
    plan = planner.draft(
        "Every Monday at 9am Berlin time, pull last week's closed Jira issues and email them to me."
    ).plan
    (subject,) = _values(plan, "subject")
    assert subject == "Last week's closed Jira issues"  # what the message carries, not the read nor the send


def test_a_cut_name_ends_on_a_word_that_says_something():
    plan = planner.draft(
        "When a new file is added to the Google Drive folder Contracts, summarise it with AI and save the summary "
        "in Notion."
    ).plan
    assert plan.name == "When a new file is added"


def test_a_schedule_alone_keeps_the_description():
    """Too little after the schedule to name anything: the description's own words stay."""
    assert planner.draft("Every day at 9, slack #standup").plan.name == "Every day at 9, slack #standup"


# The name is the request's opening, without what leads into it and cut where a test or a purpose starts.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi team, please could you pull the open Jira issues in OPS", "Pull the open Jira issues in OPS"),
        (
            "Hello! Make a workflow that scrapes the pricing page every day",
            "Scrapes the pricing page every day",
        ),
        (
            "Check the Bitcoin price on CoinGecko and if it is below 60,000 USD send me a Telegram message.",
            "Check the Bitcoin price on CoinGecko",
        ),
        (
            "Check https://api.mystore.com/health?full=1 and if the status is not 200 send an SMS",
            "Check api.mystore.com/health",
        ),
        (
            "Email the front desk at frontdesk@clinic.example so they can verify coverage",
            "Email the front desk",
        ),
        (
            "4.1 Estates staff report building faults by messaging the bot",
            "Estates staff report building faults by messaging",
        ),
        ("# Support inbox auto-draft\n## Goal\nFaster first replies.", "Support inbox auto-draft"),
        (
            "- new email in gmail from a partner\n- ai extracts the case number",
            "New email in gmail from a partner",
        ),
        (
            "Our podcast guest form is on Webflow. When Webflow posts a form, email the guest",
            "When Webflow posts a form, email the guest",
        ),
        (  # the request points back at what the context told
            "Support emails land in our Gmail. Sort every new one: billing to #billing, bugs to Jira",
            "Support emails land in our Gmail",
        ),
        (
            "Hi! Small bakery chain here. Looking for a Sim workflow that texts each shop its orders",
            "Texts each shop its orders",
        ),
        (
            "Um, okay, so would you build the low-stock alert? Stock levels are in Excel",
            "Build the low-stock alert",
        ),
        ("Vendor onboarding\nRun it by hand with inputs: company, contact email", "Vendor onboarding"),
        (
            "Automate the volunteer onboarding: when the coordinator adds someone, email them",
            "Automate the volunteer onboarding: when the coordinator…",
        ),
        (
            "New Slack message in #it-helpdesk → if it mentions 'password', reply",
            "New Slack message in #it-helpdesk",
        ),
        # a memo's subject line heads it, without its label; one that only asks for help names nothing
        ("Subject: Outage comms\n\nSam, when PagerDuty raises an incident, post in #status.", "Outage comms"),
        ("Subject: Q3 board pack\n\nOn the 25th, take the accounts and post them in Teams.", "Q3 board pack"),
        (
            "Subject: Can you set this up?\n\nGet Sim to send the weekly timesheet reminder on Fridays",
            "Get Sim to send the weekly timesheet reminder",
        ),
    ],
)
def test_a_name_is_the_request_without_its_lead_or_its_test(text, name):
    assert titles.title(text) == name


def test_a_link_keeps_only_a_short_word_of_its_path():
    """An id or a token in a link's path never reaches a name (names are shown and indexed)."""
    name = titles.title("Every hour GET https://api.example.com/k7Qx9ZpL2mN8vB4c/items and post it to #ops")
    assert name == "Every hour GET api.example.com and post it"


def test_a_long_name_is_cut_between_words():
    text = "Reconcile the quarterly intercontinental telecommunications reimbursements automatically"
    name = titles.title(text)
    assert name.endswith("…") and len(name) <= 58
    assert set(name.rstrip("…").split()) <= set(text.split())  # whole words only


@pytest.mark.parametrize(
    ("description", "subject"),
    [
        (
            "When an order comes in on our webhook, find the customer's row in the Airtable table 'Members' by their "
            "email, then email them their loyalty points balance together with the order total.",
            "Loyalty points balance",
        ),
        (
            "Every morning at 7:30 check the Bitcoin price on CoinGecko and if it is below 60,000 USD email me at "
            "a@b.example",
            "Bitcoin price on CoinGecko",
        ),
        # a person after 'email' is the recipient, not what is sent
        (
            "Every day at 9 email the front desk at frontdesk@clinic.example so they can verify coverage",
            "Email the front desk",
        ),
    ],
)
def test_a_subject_is_what_the_message_carries(description, subject):
    assert _values(planner.draft(description).plan, "subject") == [subject]


@pytest.mark.parametrize(
    "description",
    [
        "When a maintenance request is filed on our webhook, create a Trello card on the Maintenance board and email "
        "the tenant that we received it.",
        "Every Friday at 4pm read the expense claims sheet and send each claim to the manager by email at "
        "approvals@school.example",
    ],
)
def test_a_recipient_is_no_subject(description):
    for subject in _values(planner.draft(description).plan, "subject"):
        assert subject.split()[0].lower() not in ("tenant", "manager"), subject


def test_a_pasted_email_is_named_by_its_subject():
    plan = planner.draft(
        "From: Credit Control <credit@tandem.example>\nSent: 21 July 2025 09:45\nTo: ops@tandem.example\n"
        "Subject: Fwd: overdue invoices\n\nHi, every Monday at 9 pull the overdue invoices from Xero and email each "
        "customer a reminder.\n\nThanks,\nAnna"
    ).plan
    assert plan.name == "Overdue invoices"
