"""What an AI step is told to do, as the user reads it in its system prompt.

Twelve ordinary requests were written before the fix; on main 4 of them told the model to "draft a reply" although
no reply was asked ('prepare a weekly report', 'write up a digest', a Slack thread reply's "↳ replying in thread:"
label), and one ("put together a changelog") built no AI step at all. A thread label now asks for nothing, a text
made by 'prepare', 'produce', 'write up' or 'put together' is the text named, and a text nobody named is a reply only
when a reply is asked for. The judge never reads a system prompt, so these are pinned here; so are times said in
words that the schedule had missed ('every Sunday evening' ran at 09:00, 'at seven thirty pm' at 09:00).
"""

from __future__ import annotations

import pytest

from tests.generation.built import blocks, value

_ROLES = [
    (
        "Every Friday at 4pm, read the 'Takings' sheet, prepare a weekly report and email it to owner@pianoworks.co.uk",
        "weekly report",
    ),
    ("Each morning get the open Jira issues in project OPS, write up a digest and post it to #ops", "digest"),
    (
        "↳ replying in thread: sure — every Monday at 8, pull last week's bookings from the 'Bookings' sheet and "
        "email a summary to desk@marina.example",
        "summarise",
    ),
    (
        "replying in thread: yes please, every day at 6pm read the 'Hires' Airtable table and post a recap in #shop",
        "summarise",
    ),
    (
        "Weekly on Sunday evening, pull the week's commits from GitHub repo acme/site and put together a changelog, "
        "then post it to Discord",
        "changelog",
    ),
    (
        "When someone emails support@kennel.example, reply to them with a friendly answer using our FAQ knowledge base",
        "reply",
    ),
    (
        "Monthly on the 1st, pull the invoices from Stripe and generate a one-page overview for the board, email it "
        "to board@choir.example",
        "one-page overview",
    ),
    (  # 'writes …' as well as 'write …'; what follows in brackets is no part of the text's name
        "Every morning at 8 read the 'Orders' sheet, writes a short summary of yesterday's orders (totals per shop) "
        "and email it to ops@bakery.example",
        "You draft a short summary of yesterday's orders based",
    ),
    (
        "Manual run: read the Jira issues in version 4.2 and write release notes grouped by type",
        "release notes",
    ),
    (  # where the text goes is the next step's, not part of what is drafted
        "When a lead is added to the 'Leads' sheet, write a personalised outreach email in Gmail and send it to them",
        "You draft a personalised outreach email based",
    ),
]


@pytest.mark.parametrize(("description", "told"), _ROLES)
def test_one_ai_step_told_what_was_asked(description, told):
    agents = blocks(description, "agent")
    assert len(agents) == 1, [value(a, "systemPrompt") for a in agents]
    assert told in value(agents[0], "systemPrompt")


def test_a_list_put_together_from_data_needs_no_ai_step():
    # 'put together the guest list from the sheet': the rows themselves are sent, nothing is drafted
    assert (
        blocks("Put together the guest list from the 'RSVP' sheet every Friday and email it to me", "agent")
        == []
    )


@pytest.mark.parametrize(
    ("description", "cron"),
    [
        ("every sunday evening email me the open github issues of acme/site", "0 18 * * 0"),
        ("On Monday night back up the 'Orders' table to S3 bucket acme-bk", "0 21 * * 1"),
        ("Each weekday morning post the 'Rota' sheet to #crew", "0 9 * * 1-5"),
        # a clock said in words with its minutes ('seven thirty pm', 'six fifteen'), or before the routine's subject
        ("every day at seven thirty pm post the 'Orders' sheet to #ops", "30 19 * * *"),
        ("every weekday at six fifteen email me the open Jira issues in OPS", "15 6 * * 1-5"),
        ("at eight forty-five every morning, text me the takings from the 'Till' sheet", "45 8 * * *"),
        ("every morning at six I go through the 'Runs' sheet and email each driver their route", "0 6 * * *"),
    ],
)
def test_a_time_said_in_words(description, cron):
    (start,) = blocks(description, "starter")
    assert value(start, "cronExpression") == cron
