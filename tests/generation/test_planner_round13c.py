"""Planner round 13c on our own descriptions (`planner_round13c.jsonl`, in no bench set, each written before its
fix, none copied from a bench set) of the condition classes held-out sets 16 and 17 missed, in a chat-box voice:
the trigger's own event tested on a word it holds, said without quotes or with shorthand ('has the word leak',
'contains the word …', 'w/ 'security' in the title', 'someone mentions downtime in slack', 'w/ the keyword
chargeback', 'conversations tagged VIP', 'issues labelled 'regression''), with every action of the sentence on
the test's if branch; a threshold followed straight by a service used as a verb ('if it goes above $5,000
telegram me', 'whatsapp the farm manager', 'slack #ops-alerts') ends the test there; an 'otherwise' that names
only a destination ('otherwise #sales-smb', 'otherwise payments@acme.com', 'else in #us-wins') repeats the if
branch's verb there; 'negative' and 'positive' compare with 0. 'Only patients w/ sms_opt_in true' after a
sentence that repeats over a list guards each item's steps inside the loop; a yes/no field named as the data spells
it ('is_active true', 'sms_consent = yes', 'opted_out false', 'needsHighChair is true') is read from that field.
An event said after its service's arrow ('hubspot -> when a deal moves to closed-won …') carries its test. 'If rain
is expected', 'when frost is forecast', 'if smoke is detected' test the data for the thing reported, not for the word
'expected'. 'If they mention chargeback or fraud', 'if it says cancel, stop or unsubscribe' hold when any of
the words is there (the list is one test, its commas no end of it). The word test's marker word in other languages ('com a palavra', 'con la parola', 'met het woord'). The 'r13c-para-' lines are paraphrases of these
classes written after the first fixes (other services, voices and wording), kept to hold the mechanism general.
Every state built is valid with no runtime error."""

from __future__ import annotations

import pytest

from lib.generation import steps
from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r13c-labelled-participle": "'New GitHub issues … should be posted to #qa' (a passive step after the event): the trigger's "
    "clause runs to the end of the sentence, so no step is read (a trigger class, another area)",
    "r13c-only-items-flag-airtable": "'email each member' after reading an Airtable table makes no loop over its records "
    "(a loop class, another area); the test itself is read",
}


@pytest.mark.parametrize("item", cases("planner_round13c.jsonl", _KNOWN))
def test_round13c_description_comes_out_right(item):
    assert_right(item, seed="r13c")


@pytest.mark.parametrize(
    ("head", "test"),
    [
        ("whenever a msg in #it-help has the word laptop", "it mentions laptop"),
        ("When a message in our group contains the word 'refund'", "it mentions 'refund'"),
        ("new issue w/ 'crash' in the title", "the title mentions 'crash'"),
        ("when someone mentions outage in teams", "it mentions outage"),
        ("every email w/ the keyword chargeback", "it mentions chargeback"),
        ("Incoming conversations tagged VIP", "it mentions VIP"),
        ("when someone mentions us on twitter", None),
        ("when I'm tagged in a post", None),
    ],
)
def test_the_events_own_word_test(head, test):
    """The word the event must hold, however the marker is said; a mention of us or a tag in a place is none."""
    from lib.generation.triggers import event_test

    assert event_test(head) == test


@pytest.mark.parametrize(
    ("test", "context", "read"),
    [
        ("one whose balance is negative", "", "one whose balance is below 0"),
        ("the net change is positive", "", "the net change is above 0"),
        ("the margin is in the red", "", "the margin is below 0"),
        ("it is negative", "get our balance from the bank and if it is negative text me", "it is below 0"),
        ("the review is negative", "", "the review is negative"),
        ("it is negative", "classify the feedback and if it is negative post it", "it is negative"),
        ("it has negative feedback", "the balance", "it has negative feedback"),
    ],
)
def test_a_sign_word_compares_a_quantity_with_zero(test, context, read):
    from lib.generation import lexicon as lx

    assert lx.signs_as_numbers(test, context) == read


@pytest.mark.parametrize(
    ("other", "said", "done"),
    [
        ("#leads-us", "post it in #leads-ca ", "post it in #leads-us "),
        ("in #us-wins.", "post it in #emea-wins", "post it in #us-wins"),
        ("ops@kiln.io", "email sales@kiln.io", "email ops@kiln.io"),
        ("text me", "post it in #a", "text me"),
        ("#b", "post it in #a and #c", "#b"),
    ],
)
def test_an_other_side_that_names_only_a_place(other, said, done):
    """The first side's words at the other side's place; a side with a verb, or two places to choose from, as it is."""
    assert steps._same_verb_elsewhere(other, said) == done


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("Scrape www.idealista.com/alquiler-viviendas/valencia/ every 6 hours", None),
        ("scrape www.rentals.example.com/flats-to-rent/leeds/city-centre/ daily", None),
        ("tag each one billing / bug / feature request", "billing / bug / feature"),
    ],
)
def test_a_web_path_is_no_list_of_options(text, options):
    """Words between slashes are a classification's options, unless they are the path of an address."""
    found = steps._SORT.search(text)
    assert (found.group(0) if found else None) == options
