"""Each item's address is found by a function block inside the loop, so a column named "E-mail address" or
"Mobile" works as well as the guessed "email"/"phone" (July 2025 Sim stops a run on a reference to a field the
item lacks). The function's code is run in Node on items of several shapes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from lib.generation import planner
from lib.generation.item_addresses import find_item_addresses
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan

_EMAIL = "Every Monday at 9am read the 'Members' table in Airtable and email each member a renewal reminder"
_PHONE = (
    "Every day at 8am get the orders from https://api.shop.example/orders and text each customer an update"
)


def _finder(description: str, field: str) -> tuple[PlanBlock, PlanBlock, WorkflowPlan]:
    plan = planner.draft(description).plan
    sender = next(b for b in plan.blocks if any(v.id == field for v in b.values) and b.parent)
    value = next(v.value for v in sender.values if v.id == field)
    ref = re.fullmatch(r"<(\w+)\.result>", value)
    assert ref, value
    finder = next(b for b in plan.blocks if b.id == ref.group(1))
    return finder, sender, plan


@pytest.mark.parametrize(("description", "field"), [(_EMAIL, "to"), (_PHONE, "phoneNumbers")])
def test_a_send_inside_a_loop_takes_its_address_from_a_finder_in_the_same_loop(description, field):
    finder, sender, plan = _finder(description, field)
    assert finder.type == "function" and finder.parent == sender.parent
    # (through the test that passes over an item without an address: `pass_over_addressless`)
    tests = {e.target for e in plan.edges if e.source == finder.id}
    sent = {sender.id} | {
        e.source for e in plan.edges if e.target == sender.id
    }  # (or its data as text first)
    assert any(e.source in tests and e.handle == "if" and e.target in sent for e in plan.edges)
    assert any(e.target == finder.id for e in plan.edges if e.source != sender.id)


def _run(code: str, item: object) -> tuple[bool, str]:
    body = code.replace("<loop.currentItem>", json.dumps(item))
    out = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify((() => {{ {body} }})()))"], capture_output=True, text=True
    )
    return out.returncode == 0, (out.stdout.strip() if out.returncode == 0 else out.stderr)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function's code")
def test_the_email_finder_reads_any_column_that_holds_an_address():
    finder, _, _ = _finder(_EMAIL, "to")
    code = next(v.value for v in finder.values if v.id == "code")
    guessed = re.search(r"its '([\w.]+)' field", code).group(1)  # type: ignore[union-attr]
    item: dict = {}
    cur = item
    *head, last = guessed.split(".")
    for part in head:
        cur = cur.setdefault(part, {})
    cur[last] = "guessed@example.com"
    assert _run(code, item) == (True, '"guessed@example.com"')
    assert _run(code, {"fields": {"Name": "Ana", "E-mail address": "Ana Ruiz <ana@ruiz.es>"}}) == (
        True,
        '"ana@ruiz.es"',
    )
    assert _run(code, {"id": "rec1", "contact": "write to bo@lund.se"}) == (True, '"bo@lund.se"')
    # (an item without one gives no address: the test after the function passes it over)
    assert _run(code, {"id": "rec2", "fields": {"Name": "Nobody"}}) == (True, '""')


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the function's code")
def test_the_phone_finder_prefers_a_field_named_for_a_phone():
    finder, _, _ = _finder(_PHONE, "phoneNumbers")
    code = next(v.value for v in finder.values if v.id == "code")
    assert _run(code, {"order_id": 10045678, "Mobile": "+44 7700 900123"}) == (True, '"+44 7700 900123"')
    assert _run(code, {"customer": {"name": "Li", "tel": "(415) 555-0142"}, "total": 12}) == (
        True,
        '"(415) 555-0142"',
    )


def test_a_row_of_cells_keeps_the_cell_the_user_places():
    loop = PlanBlock(
        id="loop1", type="loop", name="Loop 1", loop_type="forEach", collection="<sheet1.data.values>"
    )
    mail = PlanBlock(
        id="gmail1",
        type="gmail",
        name="Gmail 1",
        parent="loop1",
        values=[PlanValue(id="to", value="<loop.currentItem.2>")],
    )
    plan = WorkflowPlan(
        name="x",
        summary="x",
        blocks=[loop, mail],
        edges=[PlanEdge(source="loop1", target="gmail1", handle="loop-start-source")],
    )
    assert find_item_addresses(plan) == []
    assert mail.values[0].value == "<loop.currentItem.2>"


@pytest.mark.parametrize(
    ("description", "kind", "field"),
    [
        (
            "… text each driver their route. Their number's in the 'driver_mobile' column.",
            "phone",
            "driver_mobile",
        ),
        ("… email everyone. the email addresses live in the 'contact' field btw", "email", "contact"),
        ("… email each tenant (the address is in the column 'Email Address').", "email", "Email Address"),
        (
            "… WhatsApp each guest. Phone numbers are in the whatsapp_number column.",
            "phone",
            "whatsapp_number",
        ),
        ("… Their number's in the 'driver_mobile' column.", "email", None),
        ("… email each tenant their statement.", "email", None),
    ],
)
def test_where_each_items_address_is_kept_said_in_a_sentence_of_its_own(description, kind, field):
    from lib.generation.planner import _address_said

    assert _address_said(description, kind) == field
