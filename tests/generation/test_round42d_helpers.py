"""Round 42d: the helpers whose meaning changed — a place named in lower-case words after 'called'/'named' keeps
every word of its name up to where the clause goes on."""

from __future__ import annotations

from lib.generation import lexicon as lx


def test_a_lower_case_name_after_called_runs_to_the_end_of_its_clause():
    assert lx.written_out("adds them to the google sheet called kiosk sales") == (
        "adds them to the google sheet 'kiosk sales'"
    )
    assert lx.written_out("put them in the sheet called weekly takings every friday") == (
        "put them in the sheet 'weekly takings' every friday"
    )
    assert lx.written_out("add them to the airtable table named volunteer signups.") == (
        "add them to the airtable table 'volunteer signups'."
    )
    # a word that links on names nothing; capitalised names read as before
    assert (
        lx.written_out("create a folder named after the client") == "create a folder named after the client"
    )
    assert lx.written_out("a Google Sheet called Leads") == "a Google Sheet 'Leads'"


def test_data_summarised_and_posted_is_read_worked_on_and_sent():
    said = "I want crew availability from the Google Sheet 'Crew Avail' summarised every Thursday at 19:00 and posted to our WhatsApp group."
    assert lx.passive_stores(said) == (
        "I want to get crew availability from the Google Sheet 'Crew Avail' and summarise it every Thursday at 19:00 "
        "and post it to our WhatsApp group."
    )
    # a made item stays as it is
    assert (
        lx.passive_stores("I want a summary posted to #ops every day")
        == "I want a summary posted to #ops every day"
    )


def test_the_messages_of_a_stretch_of_time_in_a_channel_are_read():
    from lib.generation.steps import _messages_worked_on

    low = "summarise the last 24 hours of messages in the slack channel #lost-property"
    assert _messages_worked_on(low, "slack")
    assert _messages_worked_on("summarise the slack messages from today", "slack")
    assert not _messages_worked_on("summarise the sheet and post it in the slack channel #ops", "slack")


def test_a_thread_reply_mark_is_no_ask():
    assert lx.posted_lead("(thread reply) ok so each morning at 8 grab the latest commit") == (
        "ok so each morning at 8 grab the latest commit"
    )
    assert lx.posted_lead("(replying in thread) sure, every monday …") == "sure, every monday …"


def test_what_the_run_made_saved_by_a_pronoun_is_a_write_of_it():
    said = "AI writes a listing description, then it's saved to Airtable 'Instruments' and posted to X."
    assert lx.written_out(said) == (
        "AI writes a listing description, then save it to Airtable 'Instruments' and post it to X."
    )
    said = "Claude writes the listing text, which is then stored in Airtable 'Listings'"
    assert lx.written_out(said) == "Claude writes the listing text, store it in Airtable 'Listings'"
    # not inside a clause that tells of something ('when it's added to …')
    assert (
        lx.written_out("when it's added to the sheet, email me") == "when it's added to the sheet, email me"
    )


def test_the_key_a_caller_sends_is_read_from_a_surname_or_an_input_line():
    from lib.generation.planner import _GIVEN_KEY

    said = _GIVEN_KEY.search("it calls the workflow with a guest's surname, the workflow looks them up")
    assert said is not None and said.group(1) == "surname"
    said = _GIVEN_KEY.search("API endpoint spec: input = licence plate. Find the plate in the table")
    assert said is not None and said.group(1) == "licence plate"


def test_a_reply_with_the_next_one_is_drafted_from_what_was_read():
    from lib.generation.steps import _facts_replied, _integration_step, _process

    read = _integration_step("google_sheets", "look up the timetable in the Google Sheet 'T'", "")
    picked = _process("draft", "reply to them with the next sailing", "")
    picked.text = "reply to them with the next sailing"
    assert picked in _facts_replied([read, picked])
    fact = _process("draft", "reply with the check-in time", "")
    fact.text = "reply with the check-in time"
    assert fact not in _facts_replied([read, fact])


def test_two_translations_sent_to_two_places_are_two_pairs_side_by_side():
    from lib.generation.steps import read_sentence

    said = "have it translated into Spanish and French and repost the Spanish one to #pasajeros and the French one to #passagers"
    assert lx.written_out(said) == (
        "in parallel, translate it into Spanish and post it to #pasajeros, and translate it into French and "
        "post it to #passagers"
    )
    steps = read_sentence(lx.written_out(said), said, {})
    fan = next(s for s in steps if s.kind == "fan")
    assert [[s.kind for s in branch] for _, branch in fan.branches] == [
        ["process", "action"],
        ["process", "action"],
    ]


def test_a_business_named_in_one_word_is_told():
    from lib.generation.steps import ACTION_START

    assert lx.tells(
        "i run a second-hand bookshop and people ask me to hunt down titles for them.", ACTION_START
    )
    assert lx.tells("we run a small barbershop in leeds.", ACTION_START)


def test_a_reply_with_a_records_next_date_sends_the_field():
    from lib.generation.steps import _replies_with_data

    assert _replies_with_data("reply", " with its next service date")
    assert not _replies_with_data("reply", " to them with the next sailing")
    assert _replies_with_data("reply", " with the next three")  # that many of the items read
