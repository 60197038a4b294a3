"""The planner's service data (services.json) against the block registry, entry by entry."""

from __future__ import annotations

import pytest

from lib.errors import CannotPlan
from lib.generation import planner, services
from lib.generation.lexicon import lexicon
from lib.sim.registry import get_block, jul25_types


def _declared_results():
    for block_type, ops in services.operations().items():
        spec = get_block(block_type)
        for op_id, op in ops.items():
            declared = spec.operations[op_id].outputs if spec and op_id in spec.operations else None
            if op.get("result") and isinstance(declared, list):
                yield block_type, op_id, op["result"], declared


@pytest.mark.parametrize("block_type, op_id, result, declared", list(_declared_results()))
def test_each_operations_result_is_an_output_the_operation_declares(block_type, op_id, result, declared):
    """A reference the planner writes to an output JUL25 does not return stops the run in Sim."""
    assert result.split(".")[0] in declared


def _link_paths():
    for block_type in sorted(jul25_types()):
        for op_id in get_block(block_type).operations or [None]:
            where = services.link_path(block_type, op_id)
            if where is not None:
                yield block_type, op_id, where


# A field inside a returned object, each checked in the transformResponse of Sim's tool (apps/sim/tools/…).
_VERIFIED_INNER_LINKS = {
    ("google_drive", "upload", "file.webViewLink"),
    ("google_drive", "create_folder", "file.webViewLink"),
    ("notion", "notion_create_page", "metadata.url"),
    ("google_docs", "create", "metadata.url"),
    ("google_calendar", "create", "metadata.htmlLink"),
}


@pytest.mark.parametrize("block_type, op_id, where", list(_link_paths()))
def test_a_link_to_what_a_write_made_is_a_declared_output_or_checked_in_sim(block_type, op_id, where):
    """Messages carry `<block.LINK>`. Before, a guessed `<object>.url` (X's `tweet.url`, Slack's
    `channel.url`, Discord's `data.url`) named a field Sim's tool never returns, and the run stopped
    with 'No value found at path' — found by running set 18's states in Sim's executor."""
    top = where.split(".")[0]
    assert top in (
        get_block(block_type).operations[op_id].outputs if op_id else get_block(block_type).outputs
    )
    assert "." not in where or (block_type, op_id, where) in _VERIFIED_INNER_LINKS


def test_a_post_about_a_tweet_carries_the_tweet_not_an_address_it_lacks():
    from lib.generation.compose import compose

    state = compose(
        planner.plan(
            "Every hour check our YouTube channel for new uploads, tweet about each on X and share the tweet in #video on Slack."
        ),
        seed="x",
    ).state
    texts = [
        b["subBlocks"].get("text", {}).get("value") or ""
        for b in state["blocks"].values()
        if b["type"] == "slack"
    ]
    assert texts and not any("tweet.url" in t for t in texts)


@pytest.mark.parametrize(
    "text, block",
    [
        ("Every hour pull the latest messages from Telegram and save them to a Google Sheet.", "telegram"),
        (
            "Every Friday fetch the open pull requests from WhatsApp and email a summary to me@x.io.",
            "whatsapp",
        ),
        ("Every day at 9 get the new SMS messages from Twilio and post them to #sms on Slack.", "twilio_sms"),
    ],
)
def test_a_read_from_a_block_that_only_sends_is_an_honest_cannot_plan(text, block):
    """JUL25's Telegram, WhatsApp and Twilio blocks only send. Before: a KeyError (a 500)."""
    assert "read" not in lexicon()["integrations"][block] and "write" in lexicon()["integrations"][block]
    with pytest.raises(CannotPlan) as caught:
        planner.plan(text)
    detail = caught.value.details[0]
    assert detail["reason"] == "operation_missing" and detail["block"] == block and detail["asked"] == "read"
    assert "can only send" in caught.value.message


def test_every_required_text_field_of_every_operation_can_take_a_quoted_name():
    """The field's noun comes from its registry title ('Table (e.g. users)'): no title may break the
    search for "the 'invoices' table" (before: re.error on the parenthesis, a 500)."""
    from lib.generation.steps import _named_fields
    from lib.sim.registry import all_blocks

    for spec in all_blocks().values():
        for op_id in spec.operations or {}:
            values: dict = {}
            _named_fields(spec.type, op_id, "read the 'invoices' table and the 'faq' collection", values)
            assert all(isinstance(v, str) and v for v in values.values())


def test_a_derived_write_into_rows_sends_a_json_array_of_rows():
    """Excel's table_add, like Sheets' append, JSON.parses `values` (Sim's block params) and its tool
    needs a non-empty array: free text there stopped the run in Sim's executor."""
    entries = services.derived_integrations({})
    rows = {t: e["write"] for t, e in entries.items() if e.get("write", {}).get("text") in ("values", "rows")}
    assert "microsoft_excel" in rows
    assert all(mode.get("text_shape") == [["{prev}"]] for mode in rows.values())
    state = planner.plan("when a form is submitted, add it as a row to my Excel workbook Leads")
    (excel,) = [b for b in state.blocks if b.type == "microsoft_excel"]
    # the row carries the event, so a function builds it (lib/generation/shaping): Sim pastes text as is
    assert {v.id: v.value for v in excel.values}["values"] == "<formatmicrosoftexcel1.result>"
    assert 'return [[text((<start.webhook.data>)?.["payload"])]]' in (
        state.value("formatmicrosoftexcel1", "code") or ""
    )


def _integrations():
    """Every integration the planner can build: the lexicon's and the ones derived from the registry."""
    known = lexicon()["integrations"]
    entries = [e for group in known.values() for e in (group if isinstance(group, list) else [group])]
    return [*entries, *services.derived_integrations(known).values()]


def test_every_required_secret_of_every_integration_is_a_variable():
    """A block whose credential is left empty stops Sim's run before its tool is called ('S3 1: required param
    empty: accessKeyId, secretAccessKey'): every required secret field an integration's block carries — the
    registry's `secret` and `required`, shown whatever else is chosen — is a `{{VARIABLE}}` the user sets once."""
    missing = []
    for entry in _integrations():
        spec = get_block(entry["type"]) if isinstance(entry, dict) and "type" in entry else None
        if spec is None or spec.era != "jul25":
            continue
        values = entry.get("values") or {}
        for sub in spec.emit_sub_blocks:
            if sub.secret and sub.required and sub.condition is None:
                value = values.get(sub.id)
                if not (isinstance(value, str) and value.startswith("{{") and value.endswith("}}")):
                    missing.append(f"{entry['type']}.{sub.id}")
    assert not missing, missing


def test_every_embed_entry_names_a_block_field_and_output_the_registry_has():
    """A search given a vector (`embed`): the field it takes it in, the block that makes it, that block's input
    field and the output the vector is read from all exist in JUL25's registry."""
    entries = {t: e["embed"] for t, e in services.data()["blocks"].items() if "embed" in e}
    assert entries  # (Qdrant's search)
    for block_type, embed in entries.items():
        searched, maker = get_block(block_type), get_block(embed["block"])
        assert searched is not None and maker is not None
        assert embed["field"] in {s.id for s in searched.emit_sub_blocks}
        assert embed["input"] in {s.id for s in maker.emit_sub_blocks}
        assert embed["output"].split(".")[0] in maker.outputs
        assert set(embed["values"]) <= {s.id for s in maker.emit_sub_blocks}


def test_every_record_an_event_field_names_has_a_lookup():
    """'@customer.email' in a webhook's `fields`: the record is fetched by an id the event holds (`lookups`)."""
    for provider, hook in services.data()["webhooks"].items():
        if not isinstance(hook, dict):
            continue
        for noun, fields in (hook.get("fields") or {}).items():
            for path in fields.values():
                if path.startswith("@"):
                    record = path[1:].split(".")[0]
                    lookup = hook.get("lookups", {}).get(record)
                    assert lookup, (provider, noun, path)
                    assert {"name", "id", "url", "auth"} <= set(lookup)
                    assert "{id}" in lookup["url"] and "{{" in lookup["auth"]
