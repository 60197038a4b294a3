"""Round 41c: the helpers whose meaning changed — a filler set off by dashes goes, and '…, and a text to X' adds a
send; a 'Slack DM to …:' header is where the request was sent; 'Non-rush jobs get no Slack message' and '**Loans
without an email:** skip' are the other side of a test, no ban; 'who hasn't paid' tests the field the text names for
it; a bare '#channel' after 'otherwise' is on the chat the first side named; a Slack id of 8 characters is one."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation import steps
from lib.generation.planner import _field_named_for


def test_a_filler_between_dashes_goes_and_an_added_text_is_sent():
    said = "I want a Jira ticket opened in SERV, and — uh — a text to the on-call tech at +1 480 555 0142."
    assert lx.added_items(lx.spoken_fillers(said)) == (
        "I want a Jira ticket opened in SERV, and send a text to the on-call tech at +1 480 555 0142."
    )
    # (a noun after 'and' that is no message, or one with a verb of its own, stays as said)
    assert (
        lx.added_items("post it in #ops, and a summary to the sheet")
        == "post it in #ops, and a summary to the sheet"
    )
    assert (
        lx.spoken_fillers("the total — the net one — goes to #ops")
        == "the total — the net one — goes to #ops"
    )


def test_a_dm_header_is_where_the_request_was_sent():
    assert lx.posted_lead("Slack DM to the ops bot person: hey, every monday …") == "hey, every monday …"
    assert lx.posted_lead("Slack DM: hey! when our form …") == "hey! when our form …"
    assert lx.posted_lead("DM me on Slack: the list") == "DM me on Slack: the list"


def test_what_the_items_a_test_leaves_get_is_no_ban():
    said = "If the `rush` field is true, also post a message to Slack #rush-jobs.\nNon-rush jobs get no Slack message."
    assert "slack" not in steps.negated(said)
    assert steps.negated("Never post to Slack.") == {"slack": {"write"}}
    lacking = "- **For each loan** more than 14 days overdue: email the borrower.\n- **Loans without an email:** skip."
    assert "gmail" not in steps.negated(lacking)


def test_who_has_not_paid_is_tested_on_the_field_named_for_it():
    said = "open the Google Sheet 'Plot Holders', check the 'rent_paid' column, and email each plot holder who hasn't paid"
    assert _field_named_for("paid", said) == "rent_paid"
    assert _field_named_for("replied", said) is None
    found = steps._STATE.match("plot holder who hasn't paid the £45 rent")
    assert found is not None and found.group("undone")
    assert steps._state_of("email each plot holder who hasn't paid the £45 rent", 11)[1:] == (
        "it has not paid",
        False,
    )


def test_the_other_side_posts_on_the_chat_the_first_side_named():
    said = "ping the #3d-printers discord channel if the title mentions printer, otherwise just drop it in #general-bench"
    assert steps._chats_free_for(
        "drop it in #general-bench", said, ["slack", "discord", "microsoft_teams"]
    ) == ["discord"]


def test_a_short_slack_member_id_once_the_message_is_slacks():
    assert (
        steps._SLACK_MEMBER_IN_SLACK.search("DM me the room numbers on Slack (U07HSK22).").group(0)
        == "U07HSK22"
    )
    # (seven characters after the U, as people write them, are an id anywhere: 'DM me (U02ABCD9) …' is Slack's)
    assert steps._SLACK_MEMBER.search("DM me (U07HSK22)").group(0) == "U07HSK22"
    assert steps._SLACK_MEMBER.search("order U234567 shipped") is None
    assert steps._SLACK_MEMBER_IN_SLACK.search("order U2345 shipped") is None
