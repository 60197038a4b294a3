"""Planner round 40d on our own descriptions (`planner_round40d.jsonl`, in no bench set, each written before its
fix): where data comes from, which operation, and writes nobody asked for. Context that only names a place (where
the request was posted, what staff are supposed to do, where people upload) builds no step there; "read that day's
messages in #orders on our Discord" posts nothing back; "text all the drivers in our 'Drivers' Airtable table",
"back up / export the X table into the sheet", "list the new files in the Drive folder" read their source;
"can the 'X' sheet/table get summarised … and dropped into Notion / saved into the Google Doc 'Y'" reads X and
writes Y; an endpoint called with an order id looks that order up; "get the code logged in the Sheet" writes it;
"it just gives them the link x.example/book" puts the link in the agent's instructions; "offering a 10% voucher",
"within 12 hours", "en 48 horas" keep their numbers; private notes on Freshdesk tickets "via their API" and the
count posted in Slack are both built; "paste them into ChatGPT to get …" is an agent step. Voices: one-liners, chat
with typos, a voice memo, a spec, a forum question, a colleague DM, Spanish; controls: a Stripe payment into
Airtable, a Supabase export, a sailing club's Notion members e-mailed. 9 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round40d.jsonl", _KNOWN))
def test_round40d_description_comes_out_right(item):
    assert_right(item, seed="r40d")


def test_work_done_in_a_chat_ai_is_an_ai_step():
    from lib.generation.lexicon import ai_handoffs

    said = "I copy the description, paste it into ChatGPT to get three style suggestions, save them"
    assert ai_handoffs(said) == "I copy the description, use AI to get three style suggestions, save them"
    assert ai_handoffs("run the notes through Claude for a summary") == "use AI to get a summary"
    assert ai_handoffs("I put it in my notes, then to the team for approval") == (
        "I put it in my notes, then to the team for approval"
    )


def test_where_a_request_was_posted_is_no_place():
    from lib.generation.lexicon import posted_lead

    assert (
        posted_lead('Posted in #show-and-tell on the Sim community Discord: "I run a choir."')
        == "I run a choir."
    )
    assert (
        posted_lead("Posted in #sales on Slack: the new deals") == "Posted in #sales on Slack: the new deals"
    )


def test_everyone_a_place_lists_and_the_thing_built_told_to_act():
    from lib.generation.lexicon import all_as_each, had_doers

    assert all_as_each("send an SMS to all the skippers in our 'Skippers' table") == (
        "send an SMS to everyone in our 'Skippers' table"
    )
    assert (
        all_as_each("email all the invoices in the sheet to x@y.com")
        == "email all the invoices in the sheet to x@y.com"
    )
    assert had_doers("please have the system list the new files") == "please list the new files"
    assert had_doers("have the AI write a note") == "have the AI write a note"  # the model's step stays
    assert had_doers("have the system ready by monday") == "have the system ready by monday"


def test_text_drafted_as_notes_is_written_there():
    from lib.generation.lexicon import drafted_as_notes

    assert drafted_as_notes("draft the apologies as internal notes on the Zendesk tickets") == (
        "draft the apologies and add them as internal notes on the Zendesk tickets"
    )


def test_a_length_of_time_is_no_clock():
    from lib.generation.translations import to_english

    said = to_english("réponds sous 24 h, si le montant dépasse 40.000 USD", "French")
    assert "within 24 hours" in said and "24:00" not in said
