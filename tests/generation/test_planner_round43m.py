"""Planner round 43m (each case written before its fix). Words a user sees: a speaker who restarts a phrase across
a filler ("a, uh, a Linear issue") said it once; "go pick the bike up" is an errand, not an instruction to keep some
of the items (control: "pick the three most interesting" still keeps three). From Sim's code: a Stripe subscription
event holds its customer's id, not their address or number, so the customer is fetched by that id before a step
mails or texts them (controls: invoice, checkout and new-customer events hold the address and are read directly);
Qdrant's search takes a vector, so the words it searches for are embedded just before it."""

from __future__ import annotations

import pytest

from lib.generation import planner
from lib.generation import rx as re
from lib.generation.compose import compose
from tests.generation.built import runs_before


def _state(description: str) -> dict:
    return compose(planner.plan(description), seed="r43m").state


def _texts(state: dict) -> list[str]:
    return [
        sb["value"]
        for b in state["blocks"].values()
        for key, sb in (b.get("subBlocks") or {}).items()
        if isinstance(sb.get("value"), str) and key != "code"
    ]


_RESTARTS = [
    "So when, um, a Stripe subscription gets cancelled, I want a, uh, a Linear issue created for the collections team.",
    "Okay so, er, every Monday at 9 send the, um, the weekly numbers from the 'KPIs' Google Sheet to #ops on Slack.",
    "Every Friday at 5, uh, post a, you know, a summary of the week's closed Jira issues in project OPS to our Teams channel.",
]


@pytest.mark.parametrize("description", _RESTARTS)
def test_a_phrase_restarted_across_a_filler_is_said_once(description):
    doubled = [t for t in _texts(_state(description)) if re.search(r"\b(a|an|the)\s+\1\b", t, re.I)]
    assert doubled == []


_ERRANDS = [
    "When a Stripe subscription gets cancelled, create a Linear issue for the collections team to go pick the bike up, and email the rider.",
    "Every morning at 7 read the 'Collections' Google Sheet and text each driver the address where they should pick the parcels up.",
]


@pytest.mark.parametrize("description", _ERRANDS)
def test_picking_something_up_is_no_selection(description):
    state = _state(description)
    keeps = [
        b for b in state["blocks"].values()
        if b["type"] == "agent" and "keep only" in str((b["subBlocks"].get("systemPrompt") or {}).get("value", ""))
    ]  # fmt: skip
    assert keeps == []


def test_picking_the_best_ones_still_keeps_them():
    state = _state(
        "Every Friday at 4pm search Exa for new papers on soil carbon, pick the three most interesting and post them to #research on Slack."
    )
    prompts = [
        str((b["subBlocks"].get("systemPrompt") or {}).get("value", ""))
        for b in state["blocks"].values()
        if b["type"] == "agent"
    ]
    assert any("three most interesting" in p for p in prompts)


# -- who a Stripe event is about ------------------------------------------------------------------------------------
# A subscription event carries the customer's id, not their address or number: Sim stops the run at a path the
# event does not hold (`…object.receipt_email`), so the customer is fetched by that id first.
_EVENT = "start.webhook.data.payload.data.object"


def _sends(state: dict, block_type: str) -> list[dict]:
    return [b for b in state["blocks"].values() if b["type"] == block_type]


def _field(block: dict, key: str):
    return (block["subBlocks"].get(key) or {}).get("value")


@pytest.mark.parametrize(
    ("description", "block_type", "key", "field"),
    [
        ("When a Stripe subscription is cancelled, email the customer a win-back offer with 20% off.", "gmail", "to", "email"),
        ("Whenever someone's Stripe subscription gets cancelled, text them a goodbye message with Twilio.", "twilio_sms", "phoneNumbers", "phone"),
        ("When a new Stripe subscription starts, send the customer a welcome email.", "gmail", "to", "email"),
    ],
)  # fmt: skip
def test_a_subscription_events_customer_is_fetched_by_id(description, block_type, key, field):
    state = _state(description)
    (send,) = _sends(state, block_type)
    fetches = [
        (bid, b) for bid, b in state["blocks"].items()
        if b["type"] == "api" and "api.stripe.com/v1/customers/" in str(_field(b, "url"))
    ]  # fmt: skip
    assert len(fetches) == 1
    bid, fetch = fetches[0]
    assert f"<{_EVENT}.customer>" in _field(fetch, "url")
    assert "{{STRIPE_SECRET_KEY}}" in str(_field(fetch, "headers"))
    assert str(_field(send, key)).endswith(f".data.{field}>")
    assert runs_before(state, bid, next(i for i, b in state["blocks"].items() if b is send))


@pytest.mark.parametrize(
    ("description", "path"),
    [
        (
            "When a Stripe invoice payment fails, email the customer a reminder with the invoice link.",
            "customer_email",
        ),
        (
            "When a Stripe checkout session completes, email the buyer a thank-you note.",
            "customer_details.email",
        ),
        ("When a new customer is created in Stripe, email them a welcome note.", "email"),
    ],
)
def test_an_event_that_holds_the_address_is_read_directly(description, path):
    state = _state(description)
    (send,) = _sends(state, "gmail")
    assert _field(send, "to") == f"<{_EVENT}.{path}>"
    assert not [b for b in state["blocks"].values() if b["type"] == "api"]


# -- what a Qdrant search is given ------------------------------------------------------------------------------------
# Qdrant's search takes a vector, not words: a search left without one (or handed the question's text) never runs. The
# words are turned into an embedding first, and the search reads it; the collection's address is a variable to set.
@pytest.mark.parametrize(
    "description",
    [
        "Make me a Q&A chat over our warehouse SOPs stored in Qdrant (collection 'sops').",
        "API endpoint: receives a question, searches the 'faq' collection in Qdrant and returns the best answer.",
        "When someone messages our Telegram bot, search the 'recipes' collection in Qdrant for similar recipes and reply with the top three.",
    ],
)
def test_a_qdrant_search_is_given_the_embedding_of_its_words(description):
    state = _state(description)
    (search,) = [b for b in state["blocks"].values() if b["type"] == "qdrant"]
    embeds = {bid: b for bid, b in state["blocks"].items() if b["type"] == "openai"}
    assert len(embeds) == 1
    ((eid, embed),) = embeds.items()
    assert _field(embed, "input")  # the words the search is about
    assert _field(embed, "apiKey") == "{{OPENAI_API_KEY}}"
    assert str(_field(search, "vector")).startswith("<") and ".embeddings" in str(_field(search, "vector"))
    assert _field(search, "url")
    assert runs_before(state, eid, next(i for i, b in state["blocks"].items() if b is search))


# Qdrant's upsert takes points — an id, a vector and a payload each — not text: each item read is embedded and made a
# point by a function (its own id when Qdrant takes it, else a key made from its text), and the upsert reads them.
@pytest.mark.parametrize(
    ("description", "source"),
    [
        ("Each night at 2am, take the pages from our Notion docs database and upsert them into Qdrant collection 'docs'.", "notion"),
        ("Every hour read the new rows of the Supabase table 'tickets' and store them in the Qdrant collection 'tickets' so support can search them.", "supabase"),
    ],
)  # fmt: skip
def test_a_qdrant_upsert_is_given_points_made_of_embedded_items(description, source):
    state = _state(description)
    (upsert,) = [b for b in state["blocks"].values() if b["type"] == "qdrant"]
    assert _field(upsert, "operation") == "upsert"
    (embed,) = [b for b in state["blocks"].values() if b["type"] == "openai"]
    points = str(_field(upsert, "points"))
    assert points.startswith("<") and points.endswith(">")
    maker = next(
        b for b in state["blocks"].values()
        if b["type"] == "function" and points[1:].split(".")[0] == b["name"].replace(" ", "").lower()
    )  # fmt: skip
    code = _field(maker, "code")
    assert "embeddings" in code and "vector" in code and "payload" in code
    assert any(b["type"] == source for b in state["blocks"].values())
    assert _field(upsert, "collection")


# A reply to the person whose chat message started the run goes back on that chat service, to them, not by e-mail.
@pytest.mark.parametrize(
    ("description", "service", "field", "sender"),
    [
        ("When a customer sends a message to our WhatsApp, reply to them with our opening hours.", "whatsapp", "phoneNumber", "<start.whatsapp.data.from>"),
        ("When a message comes in on our WhatsApp, answer it with the AI and reply to the customer.", "whatsapp", "phoneNumber", "<start.whatsapp.data.from>"),
        ("Whenever someone writes to our Telegram bot, reply to them that we'll be in touch soon.", "telegram", "chatId", "<start.telegram.chat.id>"),
    ],
)  # fmt: skip
def test_a_reply_to_who_wrote_goes_back_on_their_chat(description, service, field, sender):
    state = _state(description)
    assert not _sends(state, "gmail")
    (reply,) = _sends(state, service)
    assert _field(reply, field) == sender
