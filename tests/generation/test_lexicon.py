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
