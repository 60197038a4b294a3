"""The phrase table's grammar that enumerating phrases cannot cover: an imperative with object pronouns
written on (Spanish 'envíalas', 'mándalas'; Italian 'inviale'; Portuguese 'envie-os') is the verb the table
knows plus the pronoun, the written accent dropped; a word that merely ends like a pronoun stays."""

from __future__ import annotations

import pytest

from lib.generation import planner, translations
from lib.generation.translations import to_english


@pytest.mark.parametrize(
    ("text", "language", "english"),
    [
        ("envíalas por correo", "Spanish", "send them by email"),
        ("mándalas a #ventas", "Spanish", "send them to #ventas"),
        ("búscalos", "Spanish", "search them"),
        ("inviale a team@acme.com", "Italian", "send them to team@acme.com"),
        ("aggiungili", "Italian", "add them"),
        ("envie-os para time@acme.com", "Portuguese", "send them"),
    ],
)
def test_an_imperative_with_its_pronouns_written_on_is_read(text, language, english):
    assert to_english(text, language).startswith(english)


@pytest.mark.parametrize(
    ("word", "language"), [("vela", "Spanish"), ("sala", "Spanish"), ("scuola", "Italian")]
)
def test_a_word_ending_like_a_pronoun_is_not_split(word, language):
    assert word in to_english(f"la {word}", language)


def test_a_spanish_digest_mailed_with_a_pronoun_is_a_search_and_a_send():
    # before: 'envíalas' was unread, and 'busca … por correo' became a Gmail read with nothing reported unused
    draft = planner.draft("Cada lunes a las 8, busca noticias de IA y envíalas por correo a equipo@acme.com")
    blocks = {b.type: b for b in draft.plan.blocks}
    assert {"starter", "exa", "gmail"} <= set(blocks) and not draft.unused
    assert draft.plan.value(blocks["gmail"].id, "operation") == "send_gmail"
    assert draft.plan.value(blocks["gmail"].id, "to") == "equipo@acme.com"


@pytest.mark.parametrize(
    "name", ["lexicon.json", "translations.json", "services.json", "claude_examples.json"]
)
def test_no_data_file_says_one_key_twice(name):
    # json keeps the last of two equal keys silently: two streams adding one list each lose one of them
    import json
    from pathlib import Path

    doubled: list[str] = []

    def pairs(items):
        keys = [k for k, _ in items]
        doubled.extend(sorted({k for k in keys if keys.count(k) > 1}))
        return dict(items)

    path = Path(planner.__file__).with_name(name)
    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=pairs)
    assert not doubled, doubled


@pytest.mark.parametrize(
    ("text", "language", "said"),
    [
        ("Todo dia 15 de cada mês, às 10h, leia a planilha 'X'", "Portuguese", "on the 15th of every month"),
        ("No dia 5 de cada mês, às 9h, leia a planilha 'X'", "Portuguese", "on the 5th of every month"),
        ("Todo dia 1º do mês às 8h, leia a planilha 'X'", "Portuguese", "on the 1st of every month"),
        ("El día 20 de cada mes a las 18:00, lee la hoja 'X'", "Spanish", "on the 20th of every month"),
    ],
)
def test_a_day_of_the_month_said_with_the_word_day_is_that_day(text, language, said):
    # before: 'todo dia 15' read 'every day 15 of each mês', a daily run
    assert said in to_english(text, language)


def test_a_german_subordinate_clause_whose_subject_is_the_ai_keeps_its_object_after_the_verb():
    # 'Falls die KI Sicherheitsprobleme findet' → the AI finds them; 'soll eine KI den Code prüfen' → the AI checks
    english = to_english(
        "Wenn ein Pull Request geöffnet wird, soll eine KI den Code prüfen und einen Kommentar im PR hinterlassen. "
        "Falls die KI Sicherheitsprobleme findet, eine Nachricht an #security senden.",
        "German",
    )
    assert "a AI should check the Code" in english
    assert "leave a comment in the PR" in english
    assert "if the AI finds security problems" in english


@pytest.mark.parametrize(
    "english, language, names",
    [
        # a line of names alone: who it is for, a business, a town
        (
            "when a payment fails, email the customer. it is for l'Atelier Vélo Lumière.",
            "French",
            ["Atelier"],
        ),
        (
            "when a message arrives, send it to our Telegram channel. Fahrradladen Grünwald.",
            "German",
            ["Fahrradladen"],
        ),
        # a name inside a sentence where only names are written with a capital
        ("send the report to Pierre Dubois by email every monday", "French", ["Pierre", "Dubois"]),
    ],
)
def test_a_name_is_not_a_word_to_read(english, language, names):
    spans = translations.name_spans(english, language)
    blanked = "".join(" " if any(a <= i < b for a, b in spans) else c for i, c in enumerate(english))
    assert all(n not in blanked for n in names)
    assert "send" in blanked or "email" in blanked  # the request stays to be read


def test_a_german_noun_inside_a_sentence_is_still_a_word_to_read():
    english = "send the Tagesbericht to our Telegram channel every monday"
    assert translations.name_spans(english, "German") == []


@pytest.mark.parametrize(
    ("german", "english"),
    [
        (
            "jedem Mitglied, bei dem die Spalte 'bezahlt' auf 'nein' steht, eine Erinnerung per E-Mail schicken",
            "send each member whose 'bezahlt' column is 'nein' a reminder by email",
        ),
        (
            "jedem Mitglied, dessen Spalte 'bezahlt' 'nein' ist, eine Erinnerung per E-Mail schicken",
            "send each member whose 'bezahlt' column is 'nein' a reminder by email",
        ),
        (
            "jeden Montag um 8 Uhr die Tabelle 'Mitglieder' lesen",
            "every monday at 8:00 read the sheet 'Mitglieder'",
        ),
    ],
)
def test_a_german_column_value_said_with_its_verb_last_reads_as_a_test(german, english):
    """'bei dem die Spalte 'X' auf 'Y' steht' is a test on that column; the dative 'jedem …' is whom the verb sends
    to, after it (a time's 'every' keeps its place)."""
    assert to_english(german, "German") == english
