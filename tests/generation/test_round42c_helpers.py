"""Round 42c: the helpers whose meaning changed — '17+' and '17 or older' are thresholds; 'if it's a class booking,
put it in Google Calendar' is a step, no swap of a service; a quoted state an item is marked with tests the event;
"don't email me when nothing's changed" bans no service; 'outside 7.2–7.8' is below the one or above the other;
'ping the … API' messages nobody; a named list of alternatives ends no test at its first comma."""

from __future__ import annotations

from lib.generation import corrections, steps
from lib.generation import lexicon as lx
from lib.generation.planner import _OUTSIDE_RANGE
from lib.generation.triggers import event_test


def test_an_age_said_with_a_plus_or_older_is_a_threshold():
    assert lx.threshold_in("the donor is 17+") == (">=", 17.0, "")
    assert lx.threshold_in("they are 18 or older") == (">=", 18.0, "")
    assert lx.threshold_in("12 or younger") == ("<=", 12.0, "")
    assert lx.threshold_in("call +44 7700 900456") is None  # a phone number's '+' is no threshold


def test_an_ordinary_step_after_a_test_is_no_swap_of_the_service_said_before():
    said = (
        "whenever a new email lands in bookings@x.co.uk — that's our Gmail — sort it: if it's a class booking, "
        "put it in Google Calendar; if it's a complaint, make a Linear issue."
    )
    assert corrections.corrected(said) == said
    # (a cued swap still swaps: 'actually, make that Excel')
    assert "Excel" in corrections.corrected("add a row to the Google Sheet 'Log'. Actually, make that Excel.")


def test_a_quoted_state_an_item_is_marked_with_tests_the_event():
    assert (
        event_test("when a carer marks a visit 'missed' in our Airtable Visits base")
        == "it mentions 'missed'"
    )


def test_no_email_when_nothing_changed_guards_the_email_and_bans_no_service():
    assert (
        steps.negated("email me if they undercut me by more than £10. Don't email me when nothing's changed.")
        == {}
    )
    assert steps.negated("Don't email me, post it in #ops instead.").get("gmail")


def test_outside_a_range_is_either_side_of_it():
    assert _OUTSIDE_RANGE.search("the pH is outside ")
    assert _OUTSIDE_RANGE.search("humidity is not between ")
    assert not _OUTSIDE_RANGE.search("the pH is ")


def test_pinging_an_api_messages_nobody():
    said = "ping the ground-handling API at https://api.skyhop.example/turnarounds"
    assert [s.type for s in steps.read_clause(said, said, {})] == ["api"]
    assert "gmail" in [
        s.type for s in steps.read_clause("ping the team about it", "ping the team about it", {})
    ]


def test_names_listed_as_alternatives_are_one_test():
    sentence = "if the country is Spain, Portugal or Italy also ping #south-eu on slack"
    test = next(s for s in steps.read_sentence(sentence, sentence, {}) if s.kind == "condition")
    assert test.label == "the country is Spain, Portugal or Italy"
