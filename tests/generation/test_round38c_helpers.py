"""Round 38c: the helpers whose meaning changed — a service named again after 'in' (not only its first mention), a
relative clause whose first verb is not right after 'that', an aside naming a place told of before by its noun, a DM
sent to a person the data names, and a write of what the run was given kept before the reads said after it."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation import places, steps


def test_a_service_named_again_after_in_is_where_the_search_looks():
    clause = "search for emails labelled 'invoices' in Gmail"
    assert steps._looked_up_in(clause.lower(), clause)
    clause = "search for emails from bob@x.com in Gmail"  # (a dot inside an address ends nothing)
    assert steps._looked_up_in(clause.lower(), clause)
    assert not steps._looked_up_in(
        "search for news about gmail outages", "search for news about gmail outages"
    )


def test_verbs_joined_in_a_relative_clause_after_words_between():
    said = lx.relative_to_steps(
        "make something that every morning at 7 checks the weather api (api.openweathermap.org) and whatsapps me "
        "if rain is forecast."
    )
    assert "and whatsapp me if rain" in said


def test_an_aside_naming_a_place_told_before_by_its_noun():
    text = (
        "We keep a waitlist in the Google Sheet 'Waitlist'. When a cancellation comes in, text the first person on "
        "the waitlist (their number is in the sheet) offering them the slot."
    )
    assert '(their number is in the "Waitlist" Google Sheet)' in places.kept_in_told(text)
    assert (
        places.kept_in_told("text them (their number is in the sheet)")
        == "text them (their number is in the sheet)"
    )


def test_a_dm_sent_to_a_person_of_the_data():
    assert steps._messaged_person("send their hiring manager a Slack DM") == "manager"
    assert steps._messaged_person("send the team a summary") is None
