"""Round 33t: states that Sim's JUL25 executor runs. Causes of runs that failed on the studied sets:

- a loop over Google Calendar events read `.email` / `.phone` off each event: Sim's list operation gives an event
  its id, summary, description, start, end, attendees, creator and organizer, no address and no phone. A guest's
  address is in `attendees.0.email`; a phone number, when an event holds one, is written in its description;
  the other fields a test reads are the event's own (not its first attendee's);
- a Teams chat message with no chat named: `chatId` empty makes Sim's tool throw ("Chat ID is required"); it now
  gets a variable the user sets once, as a Teams team and channel already did;
- a new knowledge-base document with no name: Sim's tool throws ("Document name is required"); it is named as a
  Google Doc is (the words the text quotes, else what the run does), without the characters Sim refuses there;
- an S3 read of a bucket the text names with no file ('the newest file in acme-exports'): 's3://acme-exports/' has
  no object key and Sim's tool throws on it; the key is a variable the user sets once, listed as a need.
"""

from __future__ import annotations

import re

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.built import blocks, either, value


def _blocks(description: str, block_type: str) -> list[dict]:
    return blocks(description, block_type, seed="r33t")


_value, _either = value, either


def test_calendar_loop_mails_each_events_first_guest():
    said = (
        "Every morning at 8 read today's meetings from Google Calendar and email each attendee a reminder "
        "with Gmail."
    )
    (gmail,) = _blocks(said, "gmail")
    # (round 49m: through a function that finds only that address, so an event without guests is passed over)
    assert _value(gmail, "to") == "<emailaddressforgmail1.result>"
    finders = _blocks(said, "function")
    assert any('"attendees.0.email"' in _value(f, "code") for f in finders)


def test_calendar_loop_texts_the_number_written_in_each_event():
    said = (
        "Each weekday at 5pm read tomorrow's appointments from Google Calendar and text every client a "
        "reminder via Twilio."
    )
    (sms,) = _blocks(said, "twilio_sms")
    # (round 46b: the number is found in the event's description by a function, not the whole text sent to)
    assert _value(sms, "phoneNumbers") == "<phonenumberfortwiliosms1.result>"
    assert any("<loop.currentItem.description>" in _value(f, "code") for f in _blocks(said, "function"))


def test_a_calendar_events_own_fields_are_not_read_under_its_attendees():
    from lib.generation.planner import _item_holder

    assert _item_holder("attendees.0.email") == ""
    assert _item_holder("email_addresses.0.value") == ""
    assert _item_holder("fields.Email") == "fields"
    assert _item_holder("properties.email") == "properties"
    assert _item_holder("email") == ""


def test_no_item_path_uses_brackets_sims_references_cannot_follow():
    from lib.generation import services

    for facts in [*services.data()["blocks"].values(), *services.external().values()]:
        for key in ("item_email", "item_phone", "item_created"):
            assert "[" not in str(facts.get(key, "")), (key, facts.get(key))


def test_a_teams_chat_message_with_no_chat_named_gets_a_chat_variable():
    (teams,) = _blocks(
        "When a new lead arrives via webhook, post it to our Microsoft Teams chat.", "microsoft_teams"
    )
    assert _value(teams, "operation") == "write_chat"
    assert _either(teams, "chatId") == "{{MICROSOFT_TEAMS_CHAT_ID}}"
    draft = planner.draft("When a new lead arrives via webhook, post it to our Microsoft Teams chat.")
    assert any(need.endswith("as MICROSOFT_TEAMS_CHAT_ID") for _, _, need in draft.needs)


def test_a_teams_channel_post_is_unchanged():
    (teams,) = _blocks(
        "Every Friday post a summary of the open Jira issues to Microsoft Teams.", "microsoft_teams"
    )
    assert _either(teams, "teamId") == "{{MICROSOFT_TEAMS_TEAM_ID}}"
    assert _either(teams, "channelId") == "{{MICROSOFT_TEAMS_CHANNEL_ID}}"
    assert not _either(teams, "chatId")


def test_a_new_knowledge_document_has_a_name():
    (kb,) = _blocks(
        "Every night read the new pages from Confluence and add them to our knowledge base.", "knowledge"
    )
    assert _value(kb, "operation") == "create_document"
    name = _value(kb, "name")
    assert isinstance(name, str) and name.strip()


def test_a_knowledge_document_name_drops_characters_sim_refuses():
    (kb,) = _blocks(
        "When a webhook arrives, add its text to the knowledge base as a document titled 'Notes: weekly/2026'.",
        "knowledge",
    )
    name = _value(kb, "name")
    assert name and not re.search(r'[<>:"/\\|?*]', name)
    assert "weekly" in name and "2026" in name


def test_a_knowledge_search_gets_no_document_name():
    (kb,) = _blocks("Search the knowledge base for the question asked in chat and answer it.", "knowledge")
    assert _value(kb, "operation") == "search"
    assert not _value(kb, "name")


def test_an_s3_bucket_named_without_a_file_gets_an_object_key_variable():
    text = "Every night at 2am read the newest file in the S3 bucket acme-exports, summarise it and post to #data on Slack"
    (s3,) = _blocks(text, "s3")
    assert _value(s3, "s3Uri") == "s3://acme-exports/{{S3_OBJECT_KEY}}"
    assert any(
        field == "s3Uri" and need.endswith("as S3_OBJECT_KEY") for _, field, need in planner.draft(text).needs
    )


def test_an_s3_file_told_keeps_its_path():
    (s3,) = _blocks(
        "Every night read daily/summary.csv from the S3 bucket 'acme-reports' and email it to me@x.com", "s3"
    )
    assert _value(s3, "s3Uri") == "s3://acme-reports/daily/summary.csv"


def test_a_reply_to_each_gmail_message_goes_to_its_sender():
    (gmail,) = [
        b
        for b in _blocks(
            "Every hour read new emails in Gmail with 'invoice' in the subject and reply to each sender with Gmail "
            "saying thanks",
            "gmail",
        )
        if _value(b, "operation") == "send_gmail"
    ]
    assert _value(gmail, "to") == "<loop.currentItem.from>"


def test_a_reply_to_each_outlook_message_goes_to_its_senders_address():
    (outlook,) = [
        b
        for b in _blocks(
            "Every hour read unread emails from Outlook and reply to each sender with a thank-you via Outlook",
            "outlook",
        )
        if _value(b, "operation") == "send_outlook"
    ]
    assert _value(outlook, "to") == "<loop.currentItem.from.address>"


def _calendar_loop_state() -> tuple[dict, str]:
    state = compose(
        planner.plan(
            "Every morning at 8 read today's meetings from Google Calendar and email each attendee a reminder "
            "with Gmail."
        ),
        seed="r33t",
    ).state
    (gmail_id,) = [k for k, b in state["blocks"].items() if b["type"] == "gmail"]
    return state, gmail_id


def test_the_validator_passes_a_calendar_loop_reading_what_an_event_holds():
    from lib.validation import validate

    state, _ = _calendar_loop_state()
    report = validate(state, era="jul25")
    assert not [f for f in report.findings if f.code == "loop_item_field_missing"]


def test_the_validator_warns_of_a_field_a_calendar_event_does_not_hold():
    from lib.validation import is_runtime, validate

    state, gmail_id = _calendar_loop_state()
    state["blocks"][gmail_id]["subBlocks"]["to"]["value"] = "<loop.currentItem.email>"
    report = validate(state, era="jul25")
    (found,) = [f for f in report.findings if f.code == "loop_item_field_missing"]
    assert found.severity == "warning" and is_runtime(found)
    assert found.path == f"/blocks/{gmail_id}/subBlocks/to/value"
    assert "'email'" in found.message and "attendees" in found.message
    # every other finding is the one the state had before
    before = validate(_calendar_loop_state()[0], era="jul25")
    assert sorted((f.code, f.path) for f in report.findings if f.code != "loop_item_field_missing") == sorted(
        (f.code, f.path) for f in before.findings
    )
