"""Round 40b helpers: the fields in brackets a run is given, a message to the first few people of a list, a place told
by the word the user calls it, the data field a message is sent to, and a message said from the side of 'they'."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation.places import labelled_places
from lib.generation.planner import _declared_inputs
from lib.generation.steps import FIELD_ADDRESSED


def test_bracketed_fields_after_the_records_noun_are_the_runs_inputs():
    said = "I'd run a workflow by hand with the booking (name, email, address, requested time, price) and it would"
    assert _declared_inputs(said) == ["name", "email", "address", "requested_time", "price"]
    assert _declared_inputs(
        "I start the workflow myself with the appointment details (owner name, email, dog)"
    ) == [
        "owner_name",
        "email",
        "dog",
    ]
    assert _declared_inputs("I run it by hand with the notes (title, body)") == []  # no address among them


def test_a_message_to_the_first_few_people_of_a_list_goes_to_each():
    assert lx.first_few("email the first three people on the waitlist") == (
        "email each of the first three people on the waitlist"
    )
    assert lx.first_few("send a reminder to the first 5 customers in the sheet") == (
        "send a reminder to each of the first 5 customers in the sheet"
    )
    assert lx.first_few("post the first three results in #news") == "post the first three results in #news"


def test_a_place_told_by_a_word_is_written_out_where_a_step_uses_it():
    text = (
        "- waitlist kept in Airtable 'Berth Waitlist'\n"
        "- Ask: when a berth frees up, email each of the first three people on the waitlist"
    )
    assert labelled_places(text).endswith("on the 'Berth Waitlist' Airtable table")
    assert (
        labelled_places("the waitlist is long. Airtable 'X' holds it.")
        == "the waitlist is long. Airtable 'X' holds it."
    )


def test_the_field_a_message_is_sent_to():
    assert FIELD_ADDRESSED.search("send an SMS via Twilio to owner_phone: 'Hi'").group("key") == "owner_phone"
    assert FIELD_ADDRESSED.search("send an SMS via Twilio to mobile: 'Hi'").group("key") == "mobile"
    assert FIELD_ADDRESSED.search("send it to the team") is None
    assert FIELD_ADDRESSED.search("send it to ops@example.com") is None


def test_they_get_an_email_is_an_email_to_them():
    said = "their name goes into the 'Crew' sheet and they get a welcome email?"
    assert lx.recipients_as_steps(said) == "their name goes into the 'Crew' sheet and email them a welcome?"
