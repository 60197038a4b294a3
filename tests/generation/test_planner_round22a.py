"""Planner round 22a on our own descriptions (`planner_round22a.jsonl`, in no bench set, each written before its
fix): requests written in another language, in several voices — a polite e-mail (greeting, who is writing, how
things are done today and what went wrong, the request asked with 'pourriez-vous', 'könnten Sie bitte', 'vocês
poderiam', 'vi chiedo di', 'zouden jullie', 'czy moglibyście', '… misiniz', 'kan ni ordna så att', then a
sign-off and a name), a chat message ('oye, ¿me puedes montar algo que …?', 'salut ! tu pourrais me faire un
truc qui …', 'Hey, kannst du mir was bauen?'), a requirement list ('Gewünscht: - … soll … abgerufen werden'), a
question ('Sarebbe possibile fare in modo che …') — in French, German, Spanish, Portuguese (Brazil and
Portugal), Italian, Dutch, Polish, Turkish, Swedish, Danish, Norwegian and Czech. The steps are asked with
infinitives, subjunctives and passives rather than imperatives; the zone is a local phrase ('heure de Paris',
'Berliner Zeit', 'ora italiana', 'svensk tid', "İstanbul saatiyle"); amounts are written the local way
('1.500,00 €', '€ 25.000'). Controls: two English requests (an e-mail and a short imperative), a Japanese
e-mail (the right workflow or an honest refusal that names Japanese) and a French request whose steps name
services the planner does not know (the right workflow or an honest refusal, never a guess). 6 of 24 were
right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_REFUSED = "refused: the phrase table leaves the greeting, background, request formula or sign-off unread"
_KNOWN: dict[str, str] = {
    "r22a-fr-mail-zendesk-digest": _REFUSED,
    "r22a-de-mail-typeform-passive": _REFUSED,
    "r22a-es-chat-github-prs": _REFUSED,
    "r22a-pt-mail-hubspot-welcome": _REFUSED,
    "r22a-it-mail-sheet-telegram-amount": _REFUSED,
    "r22a-nl-mail-calendly-teams": _REFUSED,
    "r22a-pl-mail-health-sms": _REFUSED,
    "r22a-tr-mail-stripe-summary": _REFUSED,
    "r22a-sv-mail-form-github": _REFUSED,
    "r22a-no-mail-pipedrive-loop": _REFUSED + " (and read as Danish)",
    "r22a-cs-chat-xero-invoices": _REFUSED,
    "r22a-de-spec-bullets-soll": _REFUSED,
    "r22a-fr-chat-tu-gmail-drive": _REFUSED,
    "r22a-es-mail-usted-stripe-amount": _REFUSED,
    "r22a-pt-pt-mail-calendar-digest": _REFUSED,
    "r22a-de-du-chat-shopify-discord": _REFUSED,
    "r22a-it-question-reddit-digest": "the passive 'vengano presi', 'venga pubblicato' is not read: no Slack post",
    "r22a-sv-short-zone-sheet": "the passive 'ska … hämtas' is not read: no WooCommerce read; 'svensk tid' is no zone",
}


@pytest.mark.parametrize("item", cases("planner_round22a.jsonl", _KNOWN))
def test_round22a_description_comes_out_right(item):
    assert_right(item, seed="r22a")
