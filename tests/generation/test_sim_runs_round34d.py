"""Round 34d: states that Sim's JUL25 executor runs. Causes of runs that failed on the studied sets:

- a condition read a loop item's field, or a field of a generic webhook's payload, as a plain reference
  (`Number(<loop.currentItem.Contact.amount>) > 5000`, `4 >= Number(<start.webhook.data.payload.nights>)`): Sim stops
  the run on a reference to a field the item does not hold ("No value found at path … in loop item"; an Airtable
  record leaves its empty cells out), and pastes a payload's text value into the condition as bare words
  (`Number(4 nights)` does not compile). The field is now read in JavaScript from the resolved item or payload
  (`Number((<loop.currentItem>)?.["amount"])`): a missing field fails the test instead of stopping the run;
- a loop over a tool whose whole output is the list (Jira's read-bulk, looped as `<jira1>`) read a field its
  items lack (`<loop.currentItem.email>`; an issue from read-bulk holds only ts, summary, description, created,
  updated) and the validator did not say so: `loop_item_field_missing` now judges a loop over a bare block
  reference too.
"""

from __future__ import annotations

import json
import re

from lib.generation import planner
from lib.generation.compose import compose
from lib.generation.plumbing import added_by_planner
from tests.generation.built import blocks, value


def _conditions(description: str) -> list[str]:
    return [
        c["value"]
        for b in blocks(description, "condition", seed="r34d")
        if not added_by_planner(
            b["name"]
        )  # (the planner's own tests: an empty list, an item without an address)
        for c in json.loads(value(b, "conditions"))
        if c["value"]
    ]


def test_a_loop_items_amount_is_read_leniently_in_a_condition():
    (test,) = _conditions(
        "Every hour fetch invoices from https://api.example.com/invoices and for each invoice with an amount "
        "over 5000 email the customer."
    )
    assert "<loop.currentItem>" in test and '"amount"' in test
    assert not re.search(r"<loop\.currentItem\.[\w.]+>", test)


def test_a_webhook_payload_field_is_read_as_json_in_a_condition():
    (test,) = _conditions(
        "When a webhook arrives with a booking, if the nights are 4 or fewer email the guest."
    )
    assert "(<start.webhook.data.payload>)" in test and '"nights"' in test
    assert not re.search(r"<start\.webhook\.data\.payload\.[\w.]+>", test)


def test_an_airtable_records_field_is_read_leniently_in_a_condition():
    tests = _conditions(
        "Every morning list the records in the Orders Airtable table and for each record with a quantity "
        "below 10 send a Slack message to #stock."
    )
    assert tests and all("(<loop.currentItem>)" in t for t in tests)
    assert not any(re.search(r"<loop\.currentItem\.[\w.]+>", t) for t in tests)


def _jira_loop_state() -> tuple[dict, str]:
    state = compose(
        planner.plan(
            "Every day at 9 get the open Jira issues in project OPS and for each issue post its summary to the "
            "#ops Slack channel."
        ),
        seed="r34d",
    ).state
    (loop_id,) = [k for k, b in state["blocks"].items() if b["type"] == "loop"]
    (slack_id,) = [k for k, b in state["blocks"].items() if b["type"] == "slack"]
    assert state["blocks"][loop_id]["data"]["collection"] == "<jira1>"
    return state, slack_id


def test_the_validator_passes_a_loop_over_jira_issues_reading_what_an_issue_holds():
    from lib.validation import validate

    state, slack_id = _jira_loop_state()
    state["blocks"][slack_id]["subBlocks"]["text"]["value"] = "Due: <loop.currentItem.summary>"
    report = validate(state, era="jul25")
    assert not [f for f in report.findings if f.code == "loop_item_field_missing"]


def test_the_validator_warns_of_a_field_a_jira_issue_from_read_bulk_does_not_hold():
    from lib.validation import is_runtime, validate

    state, slack_id = _jira_loop_state()
    before = validate(state, era="jul25")
    state["blocks"][slack_id]["subBlocks"]["text"]["value"] = "Owner: <loop.currentItem.email>"
    report = validate(state, era="jul25")
    (found,) = [f for f in report.findings if f.code == "loop_item_field_missing"]
    assert found.severity == "warning" and is_runtime(found)
    assert found.path == f"/blocks/{slack_id}/subBlocks/text/value"
    assert "'email'" in found.message and "<jira1>" in found.message and "summary" in found.message
    # every other finding is the one the state had before
    assert sorted((f.code, f.path) for f in report.findings if f.code != "loop_item_field_missing") == sorted(
        (f.code, f.path) for f in before.findings if f.code != "loop_item_field_missing"
    )


def test_a_parser_reads_each_drive_files_link_not_the_whole_file_record():
    (parser,) = blocks(
        'Every hour list the PDFs in the Google Drive folder "Scans" and, for each one, read the PDF with '
        "Mistral's parser and post the text to Slack #scans.",
        "mistral_parse",
        seed="r34d",
    )
    assert value(parser, "filePath") == "<loop.currentItem.webContentLink>"


def test_a_scraper_reads_each_search_results_url():
    (scraper,) = blocks(
        "Every morning search the web with Exa for news about our competitors and for each result scrape the "
        "page with Firecrawl and post a summary to Slack #intel.",
        "firecrawl",
        seed="r34d",
    )
    assert value(scraper, "url") == "<loop.currentItem.url>"


def test_a_quote_field_with_spaces_is_read_with_each_key_optional():
    (test,) = _conditions(
        "Every hour fetch the IBM quote from Alpha Vantage and if it fell more than 3% alert me on Slack"
    )
    assert '(<api1.data>)?.["Global Quote"]?.["10. change percent"]' in test
