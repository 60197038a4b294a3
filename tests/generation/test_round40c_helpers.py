"""Round 40c: the helpers whose meaning changed — 'two-fifty' is 250 and a spelled amount said again or taken back
keeps the one that stands; a phone number said digit by digit is written in digits; 'No warning, no message.' makes
the 'when there's a … warning' before it a test; a field named in snake_case or as 'the X field' is the field a test
reads; 'if …, don't send the email — flag it … instead' flags on the test's side; 'anything mentioning X sent to …'
tests each item; a PR merged is a test of the merged field, and a named provider's 'tells us X was Y' is its event."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation.triggers import event_test


def test_spoken_amounts_said_the_way_prices_are():
    assert lx.english_amounts("if it's over, um, two-fifty, two hundred and fifty pounds, email") == (
        "if it's over 250 pounds, email"
    )
    assert lx.english_amounts(
        "if the total is over, erm, three hundred, sorry, three hundred and fifty dollars"
    ) == ("if the total is over 350 dollars")
    assert lx.english_amounts("over two hundred and fifty") == "over 250"
    assert lx.english_amounts("more than twenty five") == "more than 25"
    assert lx.english_amounts("under two dozen") == "under 24"
    # (two numbers with no word taking the first back are not one restated: the first is compared)
    assert lx.english_amounts("more than two, three of them") == "more than 2, three of them"


def test_a_phone_number_said_digit_by_digit():
    said = "text Gary on plus one, five-one-two, five-five-five, zero-one-nine-eight."
    assert lx.spoken_phone_numbers(said) == "text Gary on +1 512 555 0198."
    assert lx.spoken_phone_numbers("call oh seven seven double zero nine zero zero one two three") == (
        "call 07700900123"
    )
    assert lx.spoken_phone_numbers("one or two of the three items") == "one or two of the three items"


def test_no_thing_no_step_makes_the_when_a_test():
    text = "checked every 15 minutes, and when there's a gale warning, send an SMS to all. No warning, no message. Ok?"
    assert (
        lx.thing_then_step(text)
        == "checked every 15 minutes, and if there's a gale warning, send an SMS to all. Ok?"
    )
    assert lx.thing_then_step("When a form comes in, post it. No spam, please.") == (
        "When a form comes in, post it. No spam, please."
    )


def test_a_field_named_as_such_is_the_field_tested():
    assert lx.named_field("the previous_no_shows field is 1 or more") == "previous_no_shows"
    assert lx.named_field("late_count is 2 or more") == "late_count"
    assert lx.named_field("the score column is below 3") == "score"
    assert lx.named_field("the late count is 2 or more") == "late_count"


def test_a_step_left_out_for_another_instead():
    text = (
        "add the booking to the 'No Shows' Google Sheet and email the customer our link x.co.uk/rebook. If it's their "
        "second no-show (the previous_no_shows field is 1 or more), don't send the email — flag it in #front-desk on "
        "Slack instead."
    )
    assert lx.instead_tests(text) == (
        "add the booking to the 'No Shows' Google Sheet and if the previous_no_shows field is 1 or more, flag it in "
        "#front-desk on Slack; otherwise, email the customer our link x.co.uk/rebook."
    )


def test_anything_mentioning_a_word_sent_on_is_a_test():
    assert lx.mentioning_sends(
        "check them every 20 min and anything mentioning wheelchair access sent to Karin"
    ) == ("check them every 20 min and if one mentions wheelchair access, send it to Karin")
    assert lx.mentioning_sends('forward any email containing "refund" to billing@x.com') == (
        'if one mentions "refund", forward it to billing@x.com'
    )


def test_event_tests_of_merges_and_of_a_named_providers_event():
    assert event_test("when a PR gets merged into main on the GitHub repo") == "the merged field is true"
    assert event_test("whenever Stripe tells us a subscription was cancelled") is None
    assert event_test("the carrier's webhook says a parcel was delivered") == "the status is delivered"
