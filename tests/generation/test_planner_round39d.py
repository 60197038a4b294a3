"""Planner round 39d on our own descriptions (`planner_round39d.jsonl`, in no bench set, each written before its
fix): where data comes from. A release published on a GitHub repo starts the flow and its notes are rewritten and
posted elsewhere (no comment on the repo); a service with no Sim block read through its API ("the API of our
Tiendanube store") is an `api` read of its real host; an endpoint or "Input via API call (name, email, …)" is the
workflow's input (an API trigger), never an `api` block, and "email the customer/the applicant" sends to the address
in that input; a count by tag/priority/status is one message, and a lower-case time zone ("europe/berlin") is read;
a chat assistant "using our page in Notion" reads Notion; "Firecrawl the homepage" / "crawl" / "scrape the pages
below" with a list of URLs scrapes those URLs. Voices: one-liners, chat with typos, a user story with acceptance
criteria, a spec, an e-mail, Spanish, German and French lines; controls: an Exa digest, a Firecrawl scrape of one
URL. 8 of 20 were right before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r39d-02-chat-release-telegram": "'can sim watch our repo … and whenever we cut a new release …' is refused as a "
    "question to the assistant",
    "r39d-03-es-tiendanube-sheets": "'la API de nuestra tienda Tiendanube' builds an API block with no URL",
    "r39d-06-endpoint-airtable-email": "'emails the customer a thank-you' sends to nobody, not to the email in the input",
    "r39d-07-chat-endpoint-linear-gmail": "'send them a confirmation email' sends to nobody, not to the input's email",
    "r39d-08-story-ac-supabase-gmail": "'Input via API call (…)' becomes an API block and 'Email sent via Gmail' a Gmail "
    "trigger; no mail to the patient",
    "r39d-09-spec-tavily-firecrawl-notion": "'Firecrawl the company's website' is dropped and 'Input: an API call with …' "
    "becomes an API block the search reads",
    "r39d-10-firecrawl-verb-telegram": "'firecrawl https://…' as a verb is not read as a Firecrawl scrape of that URL",
    "r39d-11-scrape-bullets-slack": "'scrape these supplier pages' + a bullet list of URLs: the scrape gets no URL",
    "r39d-12-email-crawl-numbered": "'crawl the two job boards listed below' + a numbered list: the scrape gets no URL",
    "r39d-14-de-zendesk-count-lowertz": "the lower-case time zone 'europe/berlin' is lost",
    "r39d-15-lowertz-weather-whatsapp": "the lower-case time zone 'america/sao_paulo' is lost",
    "r39d-18-fr-chat-notion": "'en s'appuyant sur notre page Notion' creates a Notion page instead of reading it",
}


@pytest.mark.parametrize("item", cases("planner_round39d.jsonl", _KNOWN))
def test_round39d_description_comes_out_right(item):
    assert_right(item, seed="r39d")
