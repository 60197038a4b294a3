"""Round 41d: the helpers whose meaning changed — a bracketed aside that is a clause of its own does not make its
sentence a habit told; where a request was posted ('Posting in the volunteers Discord: …', a 'Posted in …' line of
its own) is dropped; chat shorthand 'n' and 'that r'; a message turned down in casual words ('not bothered about
replies', 'Replies not needed') and a made thing sent in the passive ('the doc link is emailed to …'); 'every
enquiry is also logged in …' is the ask; 'Not wanted:' and 'Parked for later:' lines are bans; 'Open:' lines and a
'call with …' heading mark minutes."""

from __future__ import annotations

from lib.generation import forms
from lib.generation import lexicon as lx
from lib.generation.steps import ACTION_START


def test_an_aside_of_its_own_tells_nothing_of_its_sentence():
    said = "- ai drafts a reply for each enquiry, saved as a gmail draft (staff review and send themselves)."
    assert not lx.tells(said, ACTION_START)
    assert lx.tells("right now we copy each one into the sheet (by hand).", ACTION_START)


def test_where_the_request_was_posted_is_no_step():
    assert lx.posted_lead("Posting in the Rovers volunteers Discord: could we have a chat bot …") == (
        "could we have a chat bot …"
    )
    assert (
        lx.posted_lead("Posted in Sim Community › Show & tell\n\nWe run a campsite.") == "We run a campsite."
    )
    assert lx.posted_lead("Post in #ops on Slack: the summary") == "Post in #ops on Slack: the summary"


def test_chat_shorthand_and_casual_bans_and_passive_sends():
    assert lx.written_out("grab the issues that r still open n post them in #dev") == (
        "grab the issues that are still open and post them in #dev"
    )
    assert "n.okafor@x.co" in lx.written_out("email n.okafor@x.co")
    assert lx.written_out("open an issue. not bothered about replies") == "open an issue. no need for replies"
    assert lx.written_out("open an issue.\n- Replies not needed.") == "open an issue.\n- no need for Replies."
    assert lx.written_out("Manager approval not required.") == "Manager approval not required."
    assert lx.written_out("the plan is written to a doc, and the doc link is emailed to b@x.de") == (
        "the plan is written to a doc, and email the doc link to b@x.de"
    )
    assert (
        lx.written_out("when the report is emailed to me, save it")
        == "when the report is emailed to me, save it"
    )
    assert lx.written_out("- every enquiry is also logged in Google Sheet 'Enquiries'.") == (
        "- log every enquiry in Google Sheet 'Enquiries'."
    )


def test_lines_left_out():
    assert lx.scoped_out("**Not wanted:** a reply in Slack.") == "**No reply in Slack."
    assert (
        lx.scoped_out("Parked for later: a Slack alert for the warehouse.")
        == "No Slack alert for the warehouse."
    )
    notes = (
        "Notes — call with Ana\n- Agreed: email each lead to sales@x.co.\n- Open: whether to add SMS later."
    )
    assert forms.read_minutes(notes) == "Discussed: Notes — call with Ana.\n- email each lead to sales@x.co."


def test_a_state_said_in_the_passive_and_a_preferred_step():
    from lib.generation.corrections import corrected

    assert lx.written_out("- The refunded seat is marked 'available' in the Airtable table 'Seats'.") == (
        "- mark The refunded seat as 'available' in the Airtable table 'Seats'."
    )
    assert lx.written_out("when the seat is marked 'sold' in Airtable, email me") == (
        "when the seat is marked 'sold' in Airtable, email me"
    )
    said = "and email the link to d@x.org. Actually — scratch the email, Dee says a Teams post in 'Leads' is better."
    assert "Teams channel 'Leads'" in corrected(said) and "d@x.org" not in corrected(said)


def test_a_key_given_with_whose_it_is():
    from lib.generation.planner import _GIVEN_KEY

    assert _GIVEN_KEY.search("a chat where staff type a patron's name").group(1) == "name"


def test_posting_in_a_chat_service_is_where_only_before_a_question():
    assert lx.posted_lead("Posting in the Rovers Discord: the weekly fixtures") == (
        "Posting in the Rovers Discord: the weekly fixtures"
    )
    assert (
        lx.posted_lead("Posted in #sales on Slack: the new deals")
        == "Posted in #sales on Slack: the new deals"
    )
