"""Reading integrations out of a text: one reader per job (lexicon.json 'same_job')."""

from __future__ import annotations

import pytest

from lib.generation.lexicon import integrations_in


@pytest.mark.parametrize(
    ("text", "readers"),
    [
        (
            "scrape the URL with Jina and summarise it",
            ["jina"],
        ),  # the verb 'scrape' asks for no second reader
        ("run it through Jina or Firecrawl to read the pages", ["jina"]),  # alternatives: the first named
        ("fetch the page (Firecrawl or Jina, whichever)", ["firecrawl"]),
        ("scrape the URL and summarise it", ["firecrawl"]),
        (
            "read the docs with Jina, then crawl the blog with Firecrawl",
            ["jina", "firecrawl"],
        ),  # each named, each kept
    ],
)
def test_one_reader_per_job(text, readers):
    assert [key for _, key in integrations_in(text) if key in ("jina", "firecrawl")] == readers


def test_a_kept_answer_is_handed_out_as_a_new_list():
    """`integrations_in` keeps its answers (the planner asks it of the same clause many times); a caller that
    changes the list it got changes no later answer."""
    text = "read the Airtable table, then post to Slack"
    first = integrations_in(text)
    first.append((0, "gmail"))
    assert integrations_in(text) == [(10, "airtable"), (39, "slack")]  # (positions in the padded text)
