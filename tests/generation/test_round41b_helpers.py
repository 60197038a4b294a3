"""Round 41b helpers: a place named as an aside after the service opened, the system asked to do a step, 'each' with
no noun, a quoted field a test names, mail words that are addresses or a count, a quoted subject or label that is no
verb, and a ban on mails sent back that leaves reading them."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation.steps import _email_as_noun, _is_write, negated


def test_a_place_said_after_the_opened_service_is_where_it_reads():
    assert lx.opened_reads(
        "at 7 I open Airtable, the 'Inspections' table, look at the inspections booked"
    ) == ("at 7 look at the inspections booked in the 'Inspections' table in Airtable")
    assert lx.opened_reads("go into Airtable — the 'Deliveries' table — check which deliveries are due") == (
        "check in the 'Deliveries' table in Airtable which deliveries are due"
    )
    assert lx.opened_reads(
        "I open the Google Calendar 'Fitting Jobs' for our glazing company, look at the fittings"
    ) == ("look at the fittings in the Google Calendar 'Fitting Jobs'")
    assert (
        lx.opened_reads("I open Airtable, check the rows and post them")
        == "check the rows in Airtable and post them"
    )


def test_the_system_asked_to_do_a_step_is_the_step():
    assert (
        lx.had_doers("could the system check the Drive folder for files")
        == "check the Drive folder for files"
    )
    assert lx.had_doers("will the workflow be ready?") == "will the workflow be ready?"  # no step verb


def test_each_with_no_noun_is_each_one():
    said = lx.written_out("pull out the client from each, and create a record for each in the Airtable table")
    assert said == "pull out the client from each one, and create a record for each one in the Airtable table"
    assert lx.written_out("they cost 5 each.") == "they cost 5 each."
    # ('AI picks the 5 best and writes a blurb for each': a part of one roundup per item, no loop)
    assert lx.written_out("writes a blurb for each. The roundup") == "writes a blurb for each. The roundup"


def test_a_quoted_field_is_the_field_a_test_names():
    assert lx.named_field("row where the 'qty' field is equal to 0") == "qty"
    assert lx.named_field("row where 'count' is 0") == "count"
    assert lx.named_field("row where quantity is below 15") == "quantity"


def test_a_suggested_reply_is_written_not_sent():
    from lib.generation.steps import _told_reply

    low = "write a suggested reply for each one"
    assert _told_reply(low, low.index("reply"))
    low = "reply to the customer"
    assert not _told_reply(low, low.index("reply"))


def test_mail_words_that_are_addresses_or_a_count_send_nothing():
    assert _email_as_noun("i want to paste a list of emails when i run it")
    assert _email_as_noun("post in Slack #service how many emails went out")
    assert not _email_as_noun("email the customer a list of products")


def test_a_quoted_subject_or_label_is_no_verb():
    assert not _is_write("look in outlook for the mails with subject 'Cancel booking'", "outlook")
    assert not _is_write("read the Gmail emails labelled 'Send out'", "gmail")


def test_no_emails_back_bans_sending_only():
    said = "Read the Gmail messages labelled 'Proofs Approved' and create a Linear issue. No emails back to customers."
    assert negated(said).get("gmail") == {"write"}


def test_a_service_gone_into_with_no_step_after_it_is_not_opened():
    said = "go into Supabase, the 'leads' table, and then, hmm, if they ticked 'urgent', ping me"
    assert lx.opened_reads(said) == said
