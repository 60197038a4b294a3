"""A pasted e-mail or forwarded thread read as the conversation it records (lib/generation/mail.py)."""

from __future__ import annotations

import pytest

from lib.generation.mail import read_mail

THREAD = """From: Gemma Ruiz <gemma@clinic.example>
Sent: Thursday, 10 July 2025 09:41
To: automation@clinic.example
Subject: FW: follow-ups

Can you set this up? Thanks

Gemma Ruiz | Practice Manager | Harbour Clinic
T: 020 7946 0321

-----Original Message-----
From: Leon Adeyemi
Sent: Wednesday, 9 July 2025 16:05
Subject: RE: follow-ups

Text them by SMS instead of email.

> On 9 Jul 2025, at 14:22, Nadia Brook <nadia@clinic.example> wrote:
>
> Every weekday at 17:30 read the "No Shows" tab and email each patient.
>
> Nadia"""


def test_a_thread_is_read_oldest_first_without_headers_or_signatures():
    assert read_mail(THREAD) == (
        'Every weekday at 17:30 read the "No Shows" tab and email each patient.\n\n'
        "Text them by SMS instead of email.\n\n"
        "Can you set this up? Thanks"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Every Monday at 9 post the sales report to #sales.",
        # an intake form's fields are no e-mail headers: no address, subject or date among them
        "From: Shopify orders\nTo: #sales channel\nWhen: every hour",
        "Hi team,\n\nWhen a row is added to the sheet, e-mail the volunteer.\n\nThanks,\nDana",
        # a line that ends on 'wrote:' inside a request is no reply header
        "When a customer replies, post what the customer wrote: the text, to #support.",
    ],
)
def test_a_text_that_is_no_mail_is_left_alone(text):
    assert read_mail(text) is None


def test_headers_in_other_languages_and_a_disclaimer():
    text = (
        "Von: Jonas Weber <j.weber@alpenrad.example>\nGesendet: Dienstag, 8. Juli 2025 10:03\nBetreff: WG: Auftrag\n\n"
        "When a Typeform answer comes in, add a row to the Airtable table Repairs.\n\n"
        "Viele Grüße\nJonas Weber\nWerkstattleitung | Alpenrad GmbH\nTel. +49 89 555 0142\n"
        "This email and any attachments are confidential and intended solely for the addressee."
    )
    assert read_mail(text) == "When a Typeform answer comes in, add a row to the Airtable table Repairs."


def test_a_gmail_quote_chain_and_a_subject_above_it():
    text = (
        "Subject: Re: Jira bugs to Teams\n\nSounds good, go ahead.\n\nMike Olsen\nEngineering Manager, Fieldline Ltd\n"
        "M: +44 7700 900 123 | W: fieldline.io\n\n> On 11 Jul 2025, at 09:14, Priya <priya@fieldline.example> wrote:\n"
        ">\n> When a Jira issue is created in FLD, post it to Incidents in Teams.\n>> On 10 Jul, Mike Olsen wrote:\n"
        ">> Could we get Jira incidents somewhere visible?"
    )
    assert read_mail(text) == (
        "Could we get Jira incidents somewhere visible?\n\n"
        "When a Jira issue is created in FLD, post it to Incidents in Teams.\n\n"
        "Sounds good, go ahead."
    )
