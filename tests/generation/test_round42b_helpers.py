"""Round 42b: the helpers whose meaning changed — a message to the person an AI picked, or to a customer of an
order e-mail, takes the number a function finds in that text (run in Node on a few texts); a spoken correction of
a message's channel ('not text, email them') rewrites the message's verb in place; 'get its own Linear issue' makes
one; 'that hive's keeper' is a person; a sentence after 'for each one' that names the list's item stays in the loop;
'one record per size' is no verb and no single-record read."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from lib.generation import lexicon as lx
from lib.generation import planner
from lib.generation.corrections import corrected
from lib.generation.steps import _is_write, _person, read_steps

_PICKED = (
    "When a message arrives in our Microsoft Teams 'Rota' channel, read the 'Carers' Excel sheet, let AI pick the "
    "carer with the fewest hours this week, and SMS them asking to cover"
)
_ORDER_MAIL = (
    "When a new order email arrives in our Gmail, add the customer's name to Airtable 'Orders' and then WhatsApp "
    "the customer to say which day we deliver"
)


def _finder(description: str, field: str):
    plan = planner.draft(description).plan
    sender = next(b for b in plan.blocks if any(v.id == field for v in b.values))
    value = next(v.value for v in sender.values if v.id == field)
    ref = re.fullmatch(r"<(\w+)\.result>", value)
    assert ref, value
    return next(b for b in plan.blocks if b.id == ref.group(1))


def _run(code: str, replace: dict[str, object]) -> tuple[bool, str]:
    for ref, value in replace.items():
        code = code.replace(ref, json.dumps(value))
    out = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify((() => {{ {code} }})()))"], capture_output=True, text=True
    )
    return out.returncode == 0, (out.stdout.strip() if out.returncode == 0 else out.stderr)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function's code")
def test_the_number_of_the_person_the_ai_picked_is_found_in_its_answer():
    code = next(v.value for v in _finder(_PICKED, "phoneNumbers").values if v.id == "code")
    assert "<agent1.content>" in code and code.count("<") == 1  # no reference in a comment or a message
    picked = '[{"name": "Ana", "hours": 12, "phone": "+44 7700 900123"}]'
    assert _run(code, {"<agent1.content>": picked}) == (True, '"+44 7700 900123"')
    ok, err = _run(code, {"<agent1.content>": "Ana has the fewest hours"})
    assert not ok and "holds no phone number" in err


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function's code")
def test_the_customers_number_is_found_in_the_order_email():
    code = next(v.value for v in _finder(_ORDER_MAIL, "phoneNumber").values if v.id == "code")
    assert (
        '(<start.email>)?.["bodyText"]' in code
    )  # a starter's text is read from its object (JUL25 unquoted)
    body = {"bodyText": "Order 10045678 placed 2026-12-06\nPhone: +1 (415) 555-0142\nItems: veg box"}
    assert _run(code, {"<start.email>": body}) == (True, '"+1 (415) 555-0142"')


def test_a_correction_of_the_channel_rewrites_the_message_in_place():
    said = corrected(
        "Every day read the 'Donors' sheet and text every donor a reminder. Oh, actually — not text, email them."
    )
    assert "email every donor a reminder." in said and "not text" not in said
    said = corrected(
        "Go through the 'Volunteers' table and email each volunteer their shift. Actually make that a text message instead of an email."
    )
    assert "text each volunteer their shift." in said and "instead" not in said
    unchanged = "Email each volunteer their shift. Actually, not Slack."
    assert "Email each volunteer" in corrected(unchanged)


def test_an_item_getting_its_own_record_makes_it():
    assert (
        lx.own_records("have every item … get its own Linear issue.")
        == "have every item … create its own Linear issue."
    )
    assert (
        lx.own_records("each contract gets their own Jira ticket")
        == "each contract creates their own Jira ticket"
    )
    assert lx.own_records("each carer should get their own schedule by email") == (
        "each carer should get their own schedule by email"
    )


def test_a_person_after_a_possessive_is_the_one_messaged():
    assert _person("send that hive's keeper a WhatsApp nudge") == "keeper"
    assert _person("send that van's driver an SMS") == "driver"


def test_a_sentence_naming_the_item_of_each_one_stays_in_the_loop():
    text = (
        "pull the Stripe invoices that are overdue and, for each one, email the customer a reminder. "
        "Any invoice over £2,000 should also come to me on Slack."
    )
    steps = read_steps(text, text)
    loop = next(s for s in steps if s.kind == "loop")
    assert [s.kind for s in loop.body] == ["action", "condition"]


def test_how_a_table_is_laid_out_is_no_verb():
    clause = "Stock is tracked in Airtable 'Parts' (one record per part, field 'qty')"
    assert _is_write(clause, "airtable") is False
    assert _is_write("add one record per part to Airtable 'Parts'", "airtable") is True
