"""Round 39b's helpers, each on what it now reads: the fields an API call brings said as 'call w/ a, b + c', a
message to 'the customer' after a list of orders, people of a list kept by a test who 'get an SMS', where a message's
address lives said of the message, a scope-out heading's plain lines, a city's zone in a chat's lower case, and the
items a quoted place's name ends in."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation.places import named_again
from lib.generation.planner import _declared_inputs
from lib.generation.triggers import find_timezone


def test_fields_an_api_call_brings():
    assert _declared_inputs(
        "an api i can call w/ a dogs name, owner phone + vaccine date and it saves it"
    ) == [
        "dogs_name",
        "owner_phone",
        "vaccine_date",
    ]
    assert _declared_inputs(
        "an API i can call with a tenant's email address and a message, and it emails"
    ) == [
        "email_address",
        "message",
    ]
    # a list with no address or number to reach someone needs no fields of its own
    assert _declared_inputs("an API i can call with a title and a body, and it posts to Slack") == []


def test_the_person_of_each_item_of_a_list():
    assert lx.their_people("check shopify for orders still unfulfilled and email the customer a note.") == (
        "check shopify for orders still unfulfilled and email each customer a note."
    )
    # a report to staff, an event's one person, the person's own helper and a loop already said stay
    for said in (
        "Every day read the orders and email the manager a summary.",
        "When new orders arrive, email the customer a thanks.",
        "Every day read the orders and email the customer's rep a note.",
        "Read the orders and for each one email the customer.",
    ):
        assert lx.their_people(said) == said


def test_people_of_a_list_kept_by_a_test_get_a_message():
    assert lx.recipients_as_steps("- Only patients whose 'confirmed' column is 'no' get an SMS") == (
        "- for each patient, if their 'confirmed' column is 'no', text them"
    )
    assert lx.recipients_as_steps("- anyone with fewer than 38 hours logged gets an email.") == (
        "- if they have fewer than 38 hours logged, email them."
    )
    assert lx.recipients_as_steps("- The SMS goes to the patient's phone number from the sheet") == (
        "- The SMS goes to the patient's phone number"
    )


def test_a_scope_out_heading_bans_its_plain_lines():
    said = "## Steps\n1. Read it.\n## Out of scope\nEmail.\nPosting to Slack\n\nOther"
    assert (
        lx.scoped_out(said)
        == "## Steps\n1. Read it.\n## Out of scope\nNo Email.\nDon't post to Slack.\n\nOther"
    )
    bulleted = "Out of scope:\n- posting to Slack\nok"
    assert lx.scoped_out(bulleted) == "Out of scope:\n- Don't post to Slack.\nok"


def test_a_city_zone_in_lower_case():
    assert find_timezone("each monday 9am, ny time")[0] == "America/New_York"
    assert find_timezone("la time pls")[0] == "America/Los_Angeles"
    assert find_timezone("what time is it")[0] is None


def test_items_named_by_a_place():
    said = (
        "We moved consent forms into Airtable last spring, table 'Surgery Consents'. Every evening, take the consents "
        "created that day and email the owner."
    )
    assert 'take the consents in the "Surgery Consents" Airtable table created' in named_again(said)
