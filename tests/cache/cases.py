"""Requests the cache tests and the workload bench share: intents with paraphrases, and
near-misses that differ from the base request in exactly one parameter that matters."""

from __future__ import annotations

# (base request, paraphrases that mean the same workflow)
PARAPHRASES: list[tuple[str, list[str]]] = [
    (
        "Every weekday at 9am post the BTC price to #crypto on Slack",
        [
            "Each workday morning at 9, send the bitcoin price to the #crypto Slack channel",
            "Monday to Friday at 9:00 am, post BTC's price in #crypto on Slack",
        ],
    ),
    (
        "When a new email arrives in Gmail, summarize it and post the summary to #inbox on Slack",
        [
            "Whenever I receive a new Gmail email, write a short summary and post it in the #inbox Slack channel",
            "For every incoming email in Gmail, summarise it and send the summary to #inbox on Slack",
        ],
    ),
    (
        "Every Monday at 8am, search the web for AI news, summarize the top 5 results and email them to team@acme.com",
        [
            "Each Monday at 8:00 am, look up AI news on the web, summarise the top 5 results and send them by email to team@acme.com",
        ],
    ),
    (
        "When a Typeform response is submitted, add it as a row to a Google Sheet",
        ["Whenever someone submits a Typeform response, append it as a new row in a Google Sheet"],
    ),
]

# (base request, near-miss, what differs)
NEAR_MISSES: list[tuple[str, str, str]] = [
    (
        "Every weekday at 9am post the BTC price to #crypto on Slack",
        "Every weekday at 9am post the ETH price to #crypto on Slack",
        "symbol",
    ),
    (
        "Every weekday at 9am post the BTC price to #crypto on Slack",
        "Every weekday at 9am post the BTC price to #trading on Slack",
        "channel",
    ),
    (
        "Every weekday at 9am post the BTC price to #crypto on Slack",
        "Every weekday at 10am post the BTC price to #crypto on Slack",
        "schedule",
    ),
    (
        "Every weekday at 9am post the BTC price to #crypto on Slack",
        "Every Saturday at 9am post the BTC price to #crypto on Slack",
        "schedule",
    ),
    (
        "Email me when the BTC price drops below $30,000",
        "Email me when the BTC price drops below $25,000",
        "threshold",
    ),
    (
        "Email me when the BTC price drops below $30,000",
        "Email me when the BTC price rises above $30,000",
        "threshold",
    ),
    (
        "Every weekday at 9am post the BTC price to #crypto on Slack",
        "Every weekday at 9am post the BTC price to #crypto on Discord",
        "integration",
    ),
    (
        "Every Monday at 8am, search the web for AI news, summarize the top 5 results and email them to team@acme.com",
        "Every Monday at 8am, search the web for AI news, summarize the top 5 results and email them to ceo@acme.com",
        "recipient",
    ),
    (
        "When a new email arrives in Gmail, summarize it and post the summary to #inbox on Slack",
        "When a new email arrives in Gmail, summarize it and don't post the summary to Slack, email it to me instead",
        "negation",
    ),
    (
        "Translate each new Typeform response into Spanish and add it to a Google Sheet",
        "Translate each new Typeform response into French and add it to a Google Sheet",
        "language",
    ),
    (
        "Every weekday at 9am post the BTC price to #crypto on Slack",
        "Jeden Wochentag um 9 Uhr den BTC Preis in #crypto auf Slack posten",
        "language",
    ),
]

# Requests the planner turns into valid states today, for tests that go through generate().
GEN_BASE, GEN_PARAPHRASE = PARAPHRASES[2][0], PARAPHRASES[2][1][0]
GEN_OTHER = "Translate each new Typeform response into French and add it to a Google Sheet"
