"""Planner round 44m (each case written before its fix), from running generated states in Sim's executor.

An Airtable change reaches a July 2025 Sim workflow as `start.airtableChanges`: each change names its table and
record, and its `changedFields` are keyed by Airtable's field ids (`fldXXXXXXXXXXXXXX`), holding only the fields
that changed. A step that mails or texts the person of that record cannot read their address from there: the
record is fetched by its id (the Airtable block's `get`), and the address is found among its fields by name."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from lib.generation import planner
from lib.generation.compose import compose
from tests.generation.built import runs_before


def _state(description: str) -> dict:
    return compose(planner.plan(description), seed="r44m").state


def _field(block: dict, key: str):
    return (block["subBlocks"].get(key) or {}).get("value")


def _id_of(state: dict, block: dict) -> str:
    return next(i for i, b in state["blocks"].items() if b is block)


def _local(block: dict) -> str:
    return block["name"].replace(" ", "").lower()


_AIRTABLE_PEOPLE = [
    ("When a new applicant is added to our Airtable 'Applicants' table, email them a confirmation that we got it.", "gmail", "to"),
    ("Whenever a booking record is created in Airtable, send the guest a WhatsApp with their check-in code.", "whatsapp", "phoneNumber"),
    ("When a row in the Airtable table 'Repairs' is updated, text the customer with Twilio that their bike is ready.", "twilio_sms", "phoneNumbers"),
    ("When someone signs up in our Airtable base (table 'Volunteers'), send them the welcome pack by Outlook.", "outlook", "to"),
]  # fmt: skip


@pytest.mark.parametrize(("description", "block_type", "key"), _AIRTABLE_PEOPLE)
def test_the_person_of_an_airtable_change_is_read_from_the_record_fetched_by_its_id(
    description, block_type, key
):
    state = _state(description)
    assert state["blocks"]
    assert "FIELD_ID" not in json.dumps(state)
    (send,) = [b for b in state["blocks"].values() if b["type"] == block_type]
    gets = [
        b for b in state["blocks"].values() if b["type"] == "airtable" and _field(b, "operation") == "get"
    ]
    assert len(gets) == 1
    (get,) = gets
    assert _field(get, "recordId") == "<start.airtableChanges.0.recordId>"
    assert _field(get, "tableId") == "<start.airtableChanges.0.tableId>"
    assert _field(get, "baseId")
    assert runs_before(state, _id_of(state, get), _id_of(state, send))
    # the address comes out of the fetched record: straight from it, or through a function that reads it
    value = str(_field(send, key))
    readers = [send] + [
        b for b in state["blocks"].values() if b["type"] == "function" and value == f"<{_local(b)}.result>"
    ]
    assert any(f"<{_local(get)}.record" in json.dumps(b["subBlocks"]) for b in readers)


@pytest.mark.parametrize(
    "description",
    [
        "When a record is updated in our Airtable 'Stock' table, post it to #stock on Slack.",
        "When a new row lands in the Airtable table 'Ideas', add it to the Notion database 'Backlog'.",
    ],
)
def test_an_airtable_change_that_reaches_nobody_fetches_nothing(description):
    state = _state(description)
    assert state["blocks"]
    assert not [
        b for b in state["blocks"].values() if b["type"] == "airtable" and _field(b, "operation") == "get"
    ]


def _run(code: str, record: dict) -> tuple[bool, str]:
    import re

    body = re.sub(
        r"<\w+\.record(?:\.fields)?>",
        lambda m: json.dumps(record if m.group(0).endswith("record>") else record["fields"]),
        code,
    )
    out = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify((() => {{ {body} }})()))"], capture_output=True, text=True
    )
    return out.returncode == 0, (out.stdout.strip() if out.returncode == 0 else out.stderr)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function's code")
def test_the_address_is_found_in_a_fetched_record_under_any_column_name():
    state = _state(_AIRTABLE_PEOPLE[0][0])
    (send,) = [b for b in state["blocks"].values() if b["type"] == "gmail"]
    value = str(_field(send, "to"))
    finders = [
        b for b in state["blocks"].values() if b["type"] == "function" and value == f"<{_local(b)}.result>"
    ]
    assert len(finders) == 1
    code = _field(finders[0], "code")
    record = {
        "id": "rec1",
        "createdTime": "2026-01-01T00:00:00.000Z",
        "fields": {"Name": "Ana", "E-mail address": "ana@ruiz.es"},
    }
    assert _run(code, record) == (True, '"ana@ruiz.es"')
    ok, err = _run(code, {"id": "rec2", "fields": {"Name": "Nobody"}})
    assert not ok and "no e-mail address" in err
