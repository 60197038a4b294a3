"""Round 42a's helpers: the days said with the run's clock, a rough hour settled on, a rough frequency beside a run
started by hand, a ban on a place read as no test of the items, where things arrive for 'our association', and
what the run made 'saved to' a place (a write)."""

from __future__ import annotations

from lib.generation import triggers
from lib.generation.steps import _a_place, _item_scope, _stored_in


def _days(text: str) -> str:
    found = triggers.read_schedule(text)
    assert found is not None
    return found.values["cronExpression"]


def test_days_said_with_the_clock_are_the_runs():
    assert (
        _days("deliveries on Tuesdays and Fridays. Every Monday and Thursday at 12:00 read it")
        == "0 12 * * 1,4"
    )
    assert _days("we are open Wednesday to Sunday. Every Tuesday at 17:00 read it") == "0 17 * * 2"
    assert _days("stalls on saturdays and sundays. every friday at 3pm pull it") == "0 15 * * 5"
    # a range that ends at the clock is still the range
    assert _days("monday to friday at 9 post it") == "0 9 * * 1-5"
    assert _days("twice a week, on tuesday and on thursday at 14:00, fetch them") == "0 14 * * 2,4"
    # days that have a clock of their own are kept
    assert _days("On Mondays at 9am and on Fridays at 3pm post the list") == "0 9 * * 1,5"
    # a correction still wins
    assert _days("every thursday at 4pm, actually make it every friday") == "0 16 * * 5"


def test_a_rough_hour_settled_on_is_the_clock():
    assert triggers.clock_words("every Tuesday morning, like eight-ish — let's say eight — read") == (
        "every Tuesday morning, at 8 — read"
    )
    assert triggers.clock_words("every day, like seven-ish, read") == "every day, at 7, read"
    assert triggers.clock_words("like five-ish people") == "like five-ish people"


def test_a_rough_frequency_is_no_schedule_for_a_run_started_by_hand():
    text = "I list a new instrument maybe once a month. I want a workflow I run by hand: I paste the details."
    assert triggers.read_trigger(text).kind == "manual"
    # a schedule with a clock stays a schedule
    assert (
        triggers.read_trigger("Every Monday at 9, read the sheet. I run it by hand too.").kind == "schedule"
    )


def test_a_ban_on_a_place_is_no_test_of_the_items():
    assert _a_place("in Slack")
    assert _a_place("to #general")
    assert not _a_place("in Germany")
    assert _item_scope("don't post anything in Slack") is None
    assert _item_scope("don't email customers in Germany") is not None


def test_mail_that_arrives_for_our_association_starts_from_gmail():
    found = triggers.read_trigger(
        "Our association gets swarm reports as emails to our Gmail. I want to post each new one to Discord."
    )
    assert (found.kind, found.values.get("webhookProvider")) == ("webhook", "gmail")
    found = triggers.read_trigger(
        "Supplier invoices come in by email to our Gmail inbox. post Every new one in #accounts on Slack."
    )
    assert (found.kind, found.values.get("webhookProvider")) == ("webhook", "gmail")


def test_a_listed_chat_trigger_starts_a_chat():
    text = "I want to ask a chat assistant things.\nAcceptance criteria:\n- Chat trigger\n- Calls the API with the id"
    assert triggers.read_trigger(text).kind == "chat"


def test_what_the_run_made_saved_to_a_place_is_a_write():
    assert not _stored_in("ai writes a listing, then it's saved to airtable 'instruments'", ["airtable"])
    assert not _stored_in("then it is saved to airtable", ["airtable"])
    assert _stored_in("the handbook we uploaded to the knowledge base", ["knowledge base"])
    assert _stored_in("docs that are indexed in pinecone", ["pinecone"])
