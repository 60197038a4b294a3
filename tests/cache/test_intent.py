"""The intent extraction: paraphrases agree, one changed parameter that matters disagrees."""

from __future__ import annotations

import pytest

from lib.cache.intent import digest, extract, normalise
from tests.cache.cases import NEAR_MISSES, PARAPHRASES


@pytest.mark.parametrize(("base", "paraphrase"), [(b, p) for b, ps in PARAPHRASES for p in ps])
def test_paraphrases_have_the_same_intent(base, paraphrase):
    assert extract(base) == extract(paraphrase)


@pytest.mark.parametrize(("base", "other", "what"), NEAR_MISSES)
def test_near_misses_differ(base, other, what):
    assert digest(extract(base)) != digest(extract(other)), what


def test_parameters_are_read():
    found = extract(
        "Every Monday at 5:30pm CET, if BTC rises more than 5% email me at Bob@Acme.com and post to #alerts; "
        "don't use Discord. Check https://example.com/feed/ too"
    )
    params = found["params"]
    assert found["trigger"] == "schedule" and found["branching"] and found["negation"]
    assert found["schedule"] == {
        "every": "week",
        "days": ["mon"],
        "times": ["17:30"],
        "tz": ["Europe/Berlin"],
    }
    assert params["thresholds"] == [">5%"] and params["symbols"] == ["BTC"]
    assert params["emails"] == ["bob@acme.com"] and params["channels"] == ["alerts"]
    assert params["urls"] == ["https://example.com/feed"] and params["to_me"] is True
    assert found["negated"] == ["discord"] and "gmail" in found["integrations"]


def test_normalise():
    assert normalise("  Post   BTC\tto #Crypto!! ") == "post btc to #crypto"


def test_which_way_data_flows():
    """Each place named is a source or a destination; a place with no cue gets no direction."""
    assert extract("Every hour copy the new rows from the leads Google Sheet into Airtable")["flow"] == [
        "airtable:write",
        "google_sheets:read",
    ]
    assert extract("Forward every new email from boss@acme.com to #urgent on Slack")["flow"] == [
        "#urgent:write",
        "boss@acme.com:read",
        "gmail:read",
        "slack:write",
    ]
    # A trigger clause reads, whatever its verb; one-way services (Typeform, Telegram) carry none.
    assert extract("When a new message is posted in #support on Slack, create an issue in Linear")[
        "flow"
    ] == [
        "#support:read",
        "linear:write",
        "slack:read",
    ]
    assert extract("When a Typeform response is submitted, send it to my Telegram")["flow"] == []
