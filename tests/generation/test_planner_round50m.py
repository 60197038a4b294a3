"""Planner round 50m: a message to a person of the user's own — 'email my accountant the rows', 'WhatsApp our vet',
'text the site foreman', 'send the list to the head chef' — whose address no data holds. Sim's executor stops a run
whose WhatsApp, SMS or e-mail step has no recipient, and a role of the business ('the shift supervisor') is not the
person who paid. Such a recipient is a variable named after them, set once in Sim, and listed as what to fill in.
Probe lines (`planner_round50m.jsonl`) were written before the fix."""

from __future__ import annotations

import re

import pytest

from lib.generation import planner
from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r50m-10-de-sms-werkstattleiter": (
        "German with the verb last and the person in the dative ('… lesen und dem Werkstattleiter per SMS die offenen "
        "Reparaturen schicken'): the SMS goes to the right variable, but the sheet read first is written again"
    ),
}


@pytest.mark.parametrize("item", cases("planner_round50m.jsonl", _KNOWN))
def test_round50m_description_comes_out_right(item):
    assert_right(item, seed="r50m")


_FIELD = {"gmail": "to", "outlook": "to", "whatsapp": "phoneNumber", "twilio_sms": "phoneNumbers"}

# (description, the block type sent with, a word the variable's name must hold)
_OWN = [
    ("Every Friday at 5pm read the Google Sheet 'Payroll' and email my accountant the rows.", "gmail", "ACCOUNTANT"),
    ("On the 1st of every month at 8:00, read the Excel workbook 'Sales 2026' and WhatsApp the totals to my "
     "accountant.", "whatsapp", "ACCOUNTANT"),
    ("Every morning at 6 check the Google Sheet 'Hen House' and if the water level is below 30, message our vet on "
     "WhatsApp.", "whatsapp", "VET"),
    ("Every day at 6:30 get the forecast from https://api.open-meteo.com/v1/forecast?latitude=51.5&longitude=-0.1"
     "&daily=precipitation_sum and if more than 5 mm of rain is expected, text the site foreman via Twilio.",
     "twilio_sms", "FOREMAN"),
    ("When a Stripe refund over $500 comes in, add it to the Google Sheet 'Refunds' and SMS the shift supervisor.",
     "twilio_sms", "SUPERVISOR"),
    ("When a Stripe refund over $500 comes in, add it to the Google Sheet 'Refunds' and email the shift supervisor.",
     "gmail", "SUPERVISOR"),
    ("Every day at 10:00 read the Supabase table 'deliveries' and email the list to the head chef.", "gmail", "CHEF"),
    ("When a customer sends us a WhatsApp message about an allergy, message our head chef on WhatsApp.", "whatsapp",
     "HEAD_CHEF"),
    ("So, um, every night at eleven, look at the Airtable table 'Tills' and, er, if any till is out by more than "
     "twenty quid, text my manager. That's it.", "twilio_sms", "MANAGER"),
]  # fmt: skip


@pytest.mark.parametrize(("description", "block_type", "word"), _OWN)
def test_a_person_of_the_users_own_is_a_variable_to_set_once(description, block_type, word):
    drafted = planner.draft(description)
    sent = [b for b in drafted.plan.blocks if b.type == block_type]
    assert sent, [b.type for b in drafted.plan.blocks]
    value = str(drafted.plan.value(sent[0].id, _FIELD[block_type]) or "")
    found = re.fullmatch(r"\{\{([A-Z0-9_]+)\}\}", value.strip())
    assert found and word in found.group(1), value  # not empty (Sim stops the run), not the payer's address
    assert any(found.group(1) in need for _, _, need in drafted.needs), drafted.needs


_GROUPS = [
    ("Every Wednesday at 7pm send the next rehearsal from the 'Rehearsals' Google Calendar to the WhatsApp group.",
     "whatsapp", "GROUP"),
    ("Get the weather for Lisbon from OpenWeatherMap every morning at 6 and if rain is expected text the "
     "groundskeeping team on WhatsApp, otherwise do nothing.", "whatsapp", "GROUNDSKEEPING_TEAM"),
    ("When a Stripe refund over 500 comes in, text the warehouse team via Twilio.", "twilio_sms", "WAREHOUSE_TEAM"),
    ("When a Stripe refund over 500 comes in, text the team leader via Twilio.", "twilio_sms", "TEAM_LEADER"),
]  # fmt: skip


@pytest.mark.parametrize(("description", "block_type", "word"), _GROUPS)
def test_a_group_or_team_is_a_variable_and_says_what_whatsapp_cannot(description, block_type, word):
    drafted = planner.draft(description)
    sent = next(b for b in drafted.plan.blocks if b.type == block_type)
    value = str(drafted.plan.value(sent.id, _FIELD[block_type]) or "")
    assert value == "{{" + word + "_PHONE}}", value
    need = next(n for _, _, n in drafted.needs if word + "_PHONE" in n)
    assert ("cannot post in a group" in need) == (block_type == "whatsapp"), need


# a person the data names stays the data's: the payer, each row's member
_DATA = [
    ("When a Stripe payment succeeds, email the customer a receipt.", "gmail", "<"),
    ("Every Monday at 9 read the Google Sheet 'Members' and text each member a reminder.", "twilio_sms", "<"),
    ("Every Friday at 15:00 read next weekend's rota from the 'Maze Rota' Google Sheet and text each member of staff "
     "their own shifts.", "twilio_sms", "<"),
    ("When an envelope is completed in DocuSign, email the lawyer on the matter (their address comes in the envelope "
     "data) to say it's done.", "gmail", "<"),
]  # fmt: skip


@pytest.mark.parametrize(("description", "block_type", "start"), _DATA)
def test_a_person_the_data_names_is_still_read_from_the_data(description, block_type, start):
    built = planner.plan(description)
    sent = next(b for b in built.blocks if b.type == block_type)
    assert str(built.value(sent.id, _FIELD[block_type]) or "").startswith(start)
