"""Round 43a's helpers: 'every hr', an event phrase read as whole words, a declined question in notes, the unread
words of a noun's complement, an object pronoun before its verb, the asides of a vague post."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation import triggers
from lib.generation.steps import ACTION_START
from lib.generation.translations import to_english, unread_steps


def test_every_hr_is_hourly():
    found = triggers.read_schedule("every hr check tavily for news")
    assert found is not None and found.values["scheduleType"] == "hourly"
    assert triggers.read_schedule("email hr the list") is None


def test_event_phrases_are_whole_words():
    assert triggers._provider("on each new pr in our repo") == "github"
    assert triggers._provider("when the price of bread changes") is None
    assert triggers._provider("when our platform sends an update") is None


def test_a_question_answered_no_builds_nothing():
    said = "• Log it to Supabase\n• Q: SMS as well? A: no, WhatsApp only"
    assert lx.declined_questions(said) == "• Log it to Supabase\n• WhatsApp only"
    assert lx.declined_questions("Q: SMS as well? A: yes") == "Q: SMS as well? A: yes"


def test_a_nouns_complement_says_no_step():
    assert unread_steps("I give it the URL of a proveedor of lanas") == []
    assert unread_steps("the AI raspa the page") == ["raspa"]


def test_an_object_pronoun_before_its_verb():
    english = to_english("la IA detecta pedidos y los publique en el canal de Slack #taller", "Spanish")
    assert english is not None and "post them" in english
    assert "list it" not in (to_english("y la lista de precios", "Spanish") or "")


def test_a_vague_post_speaks_of_itself():
    post = (
        "I run a small dog-walking business and people keep saying I should automate things. Maybe email, maybe "
        "WhatsApp? No idea what would actually be useful. Open to ideas."
    )
    assert lx.vague_wish(post, ACTION_START)
