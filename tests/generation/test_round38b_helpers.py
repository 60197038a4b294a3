"""Round 38b's helpers, each on what it now reads: a size said after the write (', one page per deal'), a test after
work on each item, a '; if …' after per-item work, the run's own clock over one told in the message, a filter the read
names, and a German clause after 'für jeden …'."""

from __future__ import annotations

from lib.generation import lexicon as lx
from lib.generation.steps import _each_read_tested, sentences
from lib.generation.translations import to_english
from lib.generation.triggers import find_time


def test_per_item_said_after_the_write():
    assert lx.per_item("pull the deals and push them into Notion 'Intake', one page per deal.") == (
        "pull the deals and push them into Notion 'Intake', for each deal."
    )
    assert lx.per_item("add them to the table 'Pipeline', one record each") == (
        "add them to the table 'Pipeline', for each one"
    )
    # a time is no item, a list's dash opening a line says no write, and a sentence that already repeats keeps its own
    said = "When a Shopify order comes in, add it to the sheet.\n- One row per order: number, total."
    assert lx.per_item(said) == said
    assert lx.per_item("post it to #ops, one digest per day.") == "post it to #ops, one digest per day."
    assert lx.per_item("for each row, add it to Notion, one page per row.") == (
        "for each row, add it to Notion, one page per row."
    )


def test_work_on_each_item_with_a_test_after_it():
    assert _each_read_tested(
        "read the sheet, scrape each page's price with Firecrawl, and if it dropped, email me"
    ) == ("read the sheet, for each page, scrape its price with Firecrawl, and if it dropped, email me")
    assert _each_read_tested(
        "pull the leads, insert each one into Supabase, and text them if they have a phone"
    ) == ("pull the leads, for each one, insert it into Supabase, and text them if they have a phone")
    assert _each_read_tested(
        "I want them pulled from the API, each one inserted into Supabase if it is new"
    ) == ("I want them pulled from the API, for each one, insert it into Supabase if it is new")
    # no test, or a loop already said: as it was
    assert _each_read_tested("scrape each page with Firecrawl") == "scrape each page with Firecrawl"
    said = "for each row scrape its page, and if it is down, email me"
    assert _each_read_tested(said) == said


def test_semicolon_test_after_per_item_work_stays_in_the_sentence():
    assert sentences("for each vendor search the web for news; if anything turns up, email me.") == [
        "for each vendor search the web for news, and if anything turns up, email me"
    ]
    assert sentences("read the sheet; if it is empty, email me.") == [
        "read the sheet",
        "if it is empty, email me",
    ]


def test_the_runs_own_clock_over_one_told_in_the_message():
    text = (
        "email each customer that it is ready from 10:00 the next day. Could that run every evening at 19:00?"
    )
    assert find_time(text)[0] == "19:00"
    assert find_time("email them that it ships by 14:00 tomorrow, every night at 21:00")[0] == "21:00"
    assert find_time("every day at 9 post the standup")[0] == "09:00"


def test_a_filter_the_read_names():
    import re

    told = re.search(
        lx.lexicon()["told_filter"], "the rows from supabase table 'invoices' with status 'overdue'", re.I
    )
    assert told is not None and (told.group("column"), told.group("value")) == ("status", "overdue")


def test_german_clause_after_fuer_jeden_puts_its_verb_first():
    english = to_english(
        "für jeden Kunden im Web nach Insolvenz suchen und, falls etwas gefunden wird, X", "German"
    )
    assert english is not None and "for each customer search the web for insolvency" in english
