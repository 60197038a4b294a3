"""Round 33s: states that Sim's JUL25 executor runs. The largest group of runs that failed on the studied sets was a
tool whose request builder throws on an empty required id: a Teams post with no team (and no channel), a Notion page
with no parent page, a Google Doc or an Excel workbook read with none chosen, a Jira issue with no project. A place
the text names nowhere now gets a variable the user sets once (as a Google Sheet and a Discord channel already did),
listed as a need; a place the text names keeps the user's words."""

from __future__ import annotations

from lib.generation import planner
from tests.generation.built import blocks, either, value


def _blocks(description: str, block_type: str) -> list[dict]:
    return blocks(description, block_type, seed="r33s")


_value, _either = value, either


def test_a_teams_post_with_no_team_named_gets_team_and_channel_variables():
    (teams,) = _blocks(
        "Every Friday post a summary of the open Jira issues to Microsoft Teams.", "microsoft_teams"
    )
    assert _either(teams, "teamId") == "{{MICROSOFT_TEAMS_TEAM_ID}}"
    assert _either(teams, "channelId") == "{{MICROSOFT_TEAMS_CHANNEL_ID}}"


def test_the_variables_are_listed_as_needs_of_the_block_field():
    draft = planner.draft("Every Friday post a summary of the open Jira issues to Microsoft Teams.")
    fields = {(field, need.rsplit(" as ", 1)[-1]) for _, field, need in draft.needs}
    assert ("teamId", "MICROSOFT_TEAMS_TEAM_ID") in fields
    assert ("channelId", "MICROSOFT_TEAMS_CHANNEL_ID") in fields


def test_a_teams_channel_named_keeps_its_name_and_only_the_team_is_a_variable():
    (teams,) = _blocks(
        "When a deal closes in HubSpot, post it to the Sales channel in Microsoft Teams.", "microsoft_teams"
    )
    assert _either(teams, "channelId") == "Sales"
    assert _either(teams, "teamId") == "{{MICROSOFT_TEAMS_TEAM_ID}}"


def test_a_notion_page_with_no_parent_named_gets_a_parent_variable():
    (notion,) = _blocks(
        "When someone fills in our contact form, create a Notion page with their answers.", "notion"
    )
    assert _value(notion, "operation") == "notion_create_page"
    assert _value(notion, "parentId") == "{{NOTION_PARENT_ID}}"


def test_a_google_doc_read_with_no_document_named_gets_a_document_variable():
    (doc,) = _blocks(
        "Every morning read our Google Doc of meeting notes and email me a summary.", "google_docs"
    )
    assert _either(doc, "documentId") == "{{GOOGLE_DOCS_DOCUMENT_ID}}"


def test_an_address_field_is_never_made_a_variable():
    # an S3 object's address is no id: a placeholder would still not parse as one, so it stays as the planner left it
    for block in _blocks(
        "Every day fetch the latest export from our S3 bucket and summarise it for me by email.", "s3"
    ):
        assert "{{S3_" not in str(_value(block, "s3Uri"))
