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
