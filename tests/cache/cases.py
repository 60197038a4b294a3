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
    (
        "Every day at 5pm read the latest messages from #sales on Slack, summarize them and email me the summary",
        [
            "Daily at 5 pm, fetch the newest messages in the #sales Slack channel, summarise them and send me the summary by email",
            "Each day at 5pm get the latest #sales messages from Slack, summarize them and email me a summary",
        ],
    ),
    (
        "Forward every new email from boss@acme.com to #urgent on Slack",
        ["For each new email from boss@acme.com, post it to the #urgent Slack channel"],
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
    # Which way the data flows: the same places and words, source and destination swapped.
    (
        "Every Monday at 9am read the latest messages from #sales on Slack",
        "Every Monday at 9am post the latest messages to #sales on Slack",
        "direction",
    ),
    (
        "Every day at 5pm read the latest messages from #sales on Slack, summarize them and email me the summary",
        "Every day at 5pm read my latest emails, summarize them and post the summary to #sales on Slack",
        "direction",
    ),
    (
        "Every hour copy the new rows from the leads Google Sheet into Airtable",
        "Every hour copy the new records from Airtable into the leads Google Sheet",
        "direction",
    ),
    (
        "When a new message is posted in #helpdesk on Slack, create an issue in Linear",
        "When a new issue is created in Linear, post a message to #helpdesk on Slack",
        "direction",
    ),
    (
        "Forward every new email from boss@acme.com to #urgent on Slack",
        "Forward every new message in #urgent on Slack to boss@acme.com by email",
        "direction",
    ),
]

# Requests the planner turns into valid states today, for tests that go through generate().
GEN_BASE, GEN_PARAPHRASE = PARAPHRASES[2][0], PARAPHRASES[2][1][0]
GEN_OTHER = "Translate each new Typeform response into French and add it to a Google Sheet"
