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


def test_a_models_words_are_kept_only_when_they_are_the_requests_own():
    from lib.generation.coverage import of_plan
    from lib.generation.plan import PlanBlock, WorkflowPlan

    state = _state("https://api.example.com/orders", "a@example.com")
    plan = WorkflowPlan(
        name="Orders",
        summary="s",
        blocks=[
            PlanBlock(id="s", type="starter", name="Start", words="when  I click run"),
            PlanBlock(id="a", type="api", name="Orders", words="fetch every order"),  # a paraphrase
            PlanBlock(id="g", type="gmail", name="Mail", words=None),
        ],
        edges=[],
        unused=["and water the plants", "something it made up"],
        assumptions=["The orders API needs no key.", "  ", *[f"more {i}" for i in range(30)]],
    )
    request = "When I click run, get the orders and email them. And water the plants."
    cov = of_plan(state, plan, {"s": "s", "a": "a", "g": "g"}, request)
    assert {b.block_id: b.words for b in cov.blocks} == {"s": "when  I click run", "a": None, "g": None}
    assert cov.unused == ["and water the plants"]
    assert cov.assumptions[0] == "The orders API needs no key." and len(cov.assumptions) == 19
    assert cov.needs_input  # still read from the state


def _s3_state(uri: str) -> dict:
    subs = {
        key: {"id": key, "type": "short-input", "value": value}
        for key, value in (
            ("accessKeyId", "{{S3_KEY}}"),
            ("secretAccessKey", "{{S3_SECRET}}"),
            ("s3Uri", uri),
        )
    }
    return {"blocks": {"f": {"id": "f", "type": "s3", "name": "Exports", "subBlocks": subs}}, "edges": []}


def test_a_bucket_without_an_object_is_an_input_to_fill():
    """JUL25's S3 tool fetches one object and stops the run on a bucket alone ('s3://tillroll-exports/')."""
    needed = report(_s3_state("s3://tillroll-exports/")).needs_input
    assert [(n.field, n.reason) for n in needed if n.field == "s3Uri"] == [
        (
            "s3Uri",
            "give the object's URL: 's3://tillroll-exports/' names bucket 'tillroll-exports' but no object "
            "(https://tillroll-exports.s3.<region>.amazonaws.com/path/to/file)",
        )
    ]
    full = report(_s3_state("https://tillroll-exports.s3.eu-west-2.amazonaws.com/2026/11.csv")).needs_input
    assert [n for n in full if n.field == "s3Uri"] == []
