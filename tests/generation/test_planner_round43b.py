"""Planner round 43b on our own descriptions (`planner_round43b.jsonl`, in no bench set, each written before its
fix): per-item work, loops and recipients taken from the data."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r43b-02-chat-every-30-min-new-tenants": "an every-30-minutes sheet read of new rows is not built",
    "r43b-06-stripe-refunds-excel-line-each": "'add a row for each refund' in Excel is read as an Excel read",
    "r43b-07-user-story-invoices-excel": "the Stripe read becomes a POST",
    "r43b-08-orchards-frost-per-site": "the per-orchard Open-Meteo call is missing",
    "r43b-09-marinas-wind-airtable": "the per-marina API call is outside the loop",
    "r43b-11-german-low-stock": "the German table name is not read",
    "r43b-13-bike-shop-ready-tick-emailed": "'check the box' after the email is not an Airtable update",
    "r43b-14-french-tailor-ready": "'coche la case' is not an Airtable update",
    "r43b-16-callnotes-telegram-each-driver": "the Telegram to each driver is not in a loop over the rows",
}


@pytest.mark.parametrize("item", cases("planner_round43b.jsonl", _KNOWN))
def test_round43b_description_comes_out_right(item):
    assert_right(item, seed="r43b")
