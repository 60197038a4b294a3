"""The coverage report built from any state (Claude's or imported ones carry no planner notes):
what the user must still fill in is read from the state itself."""

from __future__ import annotations

from lib.generation.coverage import report


def _state(url: str, to: str) -> dict:
    def sub(key, value, kind="short-input"):
        return {key: {"id": key, "type": kind, "value": value}}

    blocks = {
        "s": {
            "id": "s",
            "type": "starter",
            "name": "Start",
            "subBlocks": sub("startWorkflow", "manual", "dropdown"),
        },
        "a": {
            "id": "a",
            "type": "api",
            "name": "Orders",
            "subBlocks": {**sub("url", url), **sub("method", "GET", "dropdown")},
        },
        "g": {
            "id": "g",
            "type": "gmail",
            "name": "Mail",
            "subBlocks": {
                **sub("operation", "send_gmail", "dropdown"),
                **sub("to", to),
                **sub("body", "<orders.data>"),
            },
        },
    }
    return {"blocks": blocks, "edges": []}


def test_placeholders_are_inputs_to_fill_naming_the_field():
    needed = report(_state("https://YOUR_SHOP.myshopify.com/admin/orders.json", "{{OPS_EMAIL}}")).needs_input
    by_field = {(n.block, n.field): n.reason for n in needed}
    assert by_field[("Orders", "url")] == "replace YOUR_SHOP by your own account's value"
    assert by_field[("Mail", "environment")] == "set OPS_EMAIL"


def test_a_filled_state_names_no_placeholder():
    needed = report(
        _state("https://greenleaf.myshopify.com/admin/orders.json", "ops@example.com")
    ).needs_input
    assert [n for n in needed if n.reason.startswith("replace")] == []


def test_the_planners_own_note_for_a_field_comes_first_and_once():
    state = _state("https://YOUR_SHOP.myshopify.com/admin/orders.json", "ops@example.com")
    stated = [("orders", "url", "your shop's name in the URL (YOUR_SHOP)")]
    needed = report(state, local_ids={"a": "orders"}, needs=stated).needs_input
    assert [(n.field, n.reason) for n in needed if n.block == "Orders"] == [
        ("url", "your shop's name in the URL (YOUR_SHOP)")
    ]
