"""Reading a description into steps: sources, processing, actions, conditions, routers and loops.

Sentences are split into clauses at commas and 'then'/'and' before a verb; each clause yields
zero or more simple steps. 'if … otherwise …' becomes a condition with two branches, and so does a
stated threshold without 'if' ('customers over 10000'); 'route by …' / 'route it: …' / 'sort into
A / B / C' a router whose branches are the actions that name a route; 'for each …' (or 'each of
the …') a loop whose body is the rest of the sentence, testing each item when the loop qualifies
it ('each one open more than 7 days'). Named HTTP APIs ('the Stripe API') become API blocks on
the service's base URL (data in lexicon.json). Negated integrations ("don't post to Slack") are
dropped everywhere. Parameters are what the user named; filler ('their company') is not one.
Values may hold `{prev}`: the planner replaces it with the previous block's output reference.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lib.generation import lexicon as lx
from lib.generation import rx as re
from lib.generation.lexicon import lexicon

_WRITE = (
    # 'add up last month's orders': a sum to compute, nothing added anywhere
    # ('read that day's messages in #orders', 'the posts in #wins': after a possessive or a determiner, the noun)
    r"(?:(?<!['’]s\s)(?<!\bthe\s)(?<!\ball\s)(?<!\bany\s)(?<!\bour\s)(?<!\bmy\s)(?<!\bits\s)(?<!\btheir\s)"
    r"(?<!\bthese\s)(?<!\bthose\s)(?:post|message)|send|notify|"
    # ('open the firm's shared Outlook inbox', 'our shared Drive folder': 'shared' before a place names whose it is;
    # 'create the project, a shared Drive folder, …' makes one)
    r"(?<=\ba\s)shared|share(?!d\s+(?:[\w-]+\s+){0,2}?(?:inbox|mailbox|drive|folder|calendar|doc|document|sheet|spreadsheet|channel|"
    r"account|workspace|space|address)s?\b)|alert|create|add(?!(?:s|ed|ing)?\s+up\b)|append|write|save|log|store|tweet|publish|announce|"
    # ('for each open GitHub issue', 'the open Jira bug': after a determiner 'open' is the item's state)
    r"(?<!\beach\s)(?<!\bevery\s)(?<!\bthe\s)(?<!\ball\s)(?<!\bany\s)(?<!\bour\s)(?<!\bits\s)(?<!\bmy\s)"
    r"open(?!s?\s+(?:[\w-]+\s+)?(?:tickets|issues|bugs|items|prs|pull requests|incidents|tasks|orders|deals|jobs|"
    r"positions|roles)\b)"
    # 'I open the 'AP Invoices' sheet': opening a document to look at it writes nothing ('place': a place's noun
    # before its quoted name, as `_is_write` reads it — 'open the Google Drive folder 'Scans'')
    r"(?!s?\s+(?:the|my|our|that|this)\s+(?:'[^'\n]{1,40}'\s+|[\"“][^\"”\n]{1,40}[\"”]\s+|[\w-]+(?:['’]s)?\s+){0,4}?(?:sheet|"
    r"spreadsheet|workbook|doc|document|file|page|database|table|tab|worksheet|inbox|folder|board|dashboard|place|form|"
    r"typeform|survey)s?\b)|"
    # ('page the on-call engineer'; 'Confluence ("Release calendar" page), Slack' names a page, it pages nobody)
    r"archive|assign|invite|book|remind|page(?!\s*(?:[),.;:\"“]|$))|"
    # 'note the failure in the 'Unpaid' sheet': noted in a place is logged there (not 'note that …', 'Note: …')
    # ('the lesson notes in the Google Doc', 'a note in the ticket': the noun, no act)
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bour\s)(?<!\bmy\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bthis\s)"
    r"note(?=\s+(?!that\b|in\b|on\b)(?:[\w'’-]+\s+){0,4}?(?:in|into|on)\s+(?:the|our|my|a|an|that|this)\s)|"
    # 'have AI write a reply and keep it in my drafts': a draft saved, as 'save it in my drafts' is
    r"keep(?=\s+(?:it|them|that|this|the\s+reply|the\s+answer)\s+(?:in|as|among)\s+(?:my\s+|our\s+|the\s+|an?\s+)?drafts?\b)|"
    # 'trigger a PagerDuty incident', 'trigger an alert in Opsgenie': an incident raised (not 'trigger the workflow')
    r"trigger(?=s?\s+(?:an?|the)\s+(?:[\w'-]+\s+){0,2}?(?:incident|alert|alarm|page|escalation)s?\b)|"
    # 'schedule a 30-minute intro on Google Calendar' (not 'on a schedule', 'schedule the report for 9am')
    r"schedule(?=s?\s+(?:an?|the|one|their|his|her)\s+(?:[\w'-]+\s+){0,3}?(?:meeting|call|intro|introduction|kickoff|"
    r"kick-off|event|session|demo|interview|appointment|sync|check-in|onboarding|walkthrough|1:1|one-on-one)s?\b)|"
    # 'drop the link in #eng-triage', 'drop a copy in the Finance folder' (not 'drop the duplicates', 'drop to 5')
    # ('drop the ticket + order details into #refunds-queue': the things dropped, joined)
    # ('if BTC drops below 58500 send an alert to #trading': a price that falls, nothing dropped anywhere)
    r"drop(?=s?\s+(?!(?:below|under|beneath|above|over|by|to|from|off|out|more|less|again|sharply|suddenly)\b)"
    r"(?:[\w'+&-]+\s+){0,9}?(?:in|into|to|on)\s+(?:#|(?:the|our|my|a|an)\s+(?![\d$€£])|"
    # ('drop it into Notion as a page under 'Field Notes'': a service named where it goes)
    r"google\b|dropbox\b|onedrive\b|s3\b|notion\b|airtable\b|slack\b|teams\b|discord\b|telegram\b|confluence\b|"
    r"trello\b|asana\b|clickup\b|hubspot\b|jira\b|linear\b|monday\b|coda\b|excel\b|sharepoint\b))|"
    # ('paste the totals in the channel #ventas', 'paste the list into our Teams channel': pasted there, written)
    r"file|raise|comment|update|insert|record|forward|ping|dm|put|paste|push|upload|report|escalate|"
    # 'let Aisha know on Slack', 'let the on-call engineer know' (not 'let me know', said to whoever builds it)
    r"let(?=s?\s+(?!me\b|us\b)(?:[\w'-]+\s+){1,3}?know\b)|"
    # 'nag the authors in Slack #frontend', 'nudge the managers in Teams': a reminder sent to people
    r"nag|nudge|"
    # 'thank them by name in #community', 'welcome each new member on Discord': a message sent to people (not 'thanks
    # to the new form', 'welcome email' as a noun)
    r"(?:thank|welcome|greet|congratulate)(?=s?\s+(?:them|him|her|everyone|everybody|whoever|(?:the|each|every|our|"
    r"any|all|new)\s)\b)|"
    # 'fill in the 'Company notes' field', 'populate the Summary column': a record's field written
    r"fill(?:s|ed|ing)?\s+(?:in|out)(?=\s+(?:the|its|their|each|every|that|this)\b)|populate|"
    # 'rewrite our Confluence page "Sprint Status" with a table', 'overwrites the doc' (not 'rewrite the text in plain
    # English': the model's work on a text)
    r"(?:re-?write|overwrite)(?=s?\s+(?:the|our|my|their|its|that|this)\s+(?:[\w\"“”'-]+\s+){0,3}?(?:page|doc|"
    r"document|sheet|spreadsheet|file|wiki|note|entry|record|tab)s?\b)|"
    # 'leaves a review comment on the PR', 'leave a note on the deal' (not 'leave it as is', 'leave the rest')
    r"leave(?=s?\s+(?:an?|the|one|their|its|our|my)\s+(?:[\w-]+\s+){0,2}?(?:comment|note|review|reply|remark)s?\b)|"
    # 'make a linear issue from it', 'make a row in …' (not 'make sure', 'make it every friday'): an item is created
    r"make(?=s?\s+(?:an?|the|one)\s+(?:(?!(?:for|of|from|with|in|on|to|about|that|which)\b)[\w'-]+\s+){0,3}?(?:issue|ticket|task|card|row|record|page|event|entry|note|"
    r"incident|bug|lead|deal|contact|item|doc|document|draft|post)s?\b)|"
    # 'also slack #big-leads', 'slack me the list', 'telegram me', 'whatsapp the site lead': a messaging service's
    # name as the verb, before whom it reaches (not after 'on', 'via', 'to' …, where it is the service)
    r"(?<!\bon\s)(?<!\bto\s)(?<!\bvia\s)(?<!\bin\s)(?<!\bby\s)(?<!\bour\s)(?<!\bmy\s)(?<!\bthe\s)(?<!\bthrough\s)"
    r"(?:slack(?=\s+(?:#|me\b|us\b|the\s+team\b))|(?<!\ba\s)(?:telegram|whatsapp|sms|signal)(?:s|ed|ing)?"
    r"(?=\s+(?:#|@|\+?\d|me\b|us\b|them\b|him\b|her\b|the\s+(?!bot\b|app\b|group\b|channel\b)|our\s|my\s|"
    # ('WhatsApp each skipper …', 'whatsapps all the guides': each of the people, not a time, 'each day')
    r"(?:each|all(?:\s+(?:of\s+)?(?:the|our|my))?)\s+(?!(?:day|days|morning|evening|night|week|month|hour|time)\b)[a-z]))))"
    r"(?:s|es|d|ed|ing)?"
    # ('our opening hours', 'the posting date', 'the booking times': a gerund before a noun of time names a time)
    r"(?!(?<=ing)\s+(?:hours|times|date|dates|day|days|night|nights|deadline|window)\b)"
)
# what a site is called ('the three supplier sites', 'our blog', 'competitor.com', 'https://…'): what is gone to or visited
_SITE_WORDS = (
    r"(?:(?:the|our|my|their|each|every|all)\s+)?(?:(?:[\w-]+\s+){0,3}?(?:sites?|websites?|web\s+pages?|pages|feeds?|"
    r"portals?|shops?|stores?|blogs?)\b(?!\s+(?:manager|owner|team|staff|lead|admin)s?\b)|https?://|"
    r"(?:[a-z0-9-]+\.)+[a-z]{2,6}\b(?!@))"
)
# a host or an address without words between: 'bikehaus.de', 'https://feeds.example.com/rss'
_HOST_ITEM = r"(?<![@\w./-])(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,6}(?:/[\w./?=&%#-]*[\w/])?(?![\w@-])"
# several sites named in a row: 'bikehaus.de and radwelt.at', 'a.com, b.co.uk and, uh, the dairy one, c.co.uk'
_HOST_LIST = re.compile(
    _HOST_ITEM
    + r"(?:\s*(?:,|\band\b|\bor\b|&)(?:\s*(?:,|\band\b|\bor\b|uh|um|er|the\s+[\w-]+\s+one))*\s*"
    + _HOST_ITEM
    + r")+",
    re.I,
)
_READ = (
    # ('for each open pull request in …': the noun a pull request is, no verb)
    r"fetch|get|gets|read|pull(?![\s-]+requests?\b)|collect|check|list|load|grab|monitor|watch|scan|look at|retrieve|ask|consult|scrape|"
    # 'I open the "Payroll" Google Sheet, copy …': a routine told by hand opens the document to read it
    # ('I open the egg farm's Excel sheet 'Flock Log'': the document of a business named by its owner)
    r"open(?=s?\s+(?:the|my|our|that|this)\s+(?:(?:[\w-]+\s+){0,2}?[\w-]+['’]s\s+)?(?:'[^'\n]{1,40}'\s+|[\"“][^\"”\n]{1,40}[\"”]\s+|[\w-]+\s+){0,2}?(?:sheet|"
    r"spreadsheet|workbook|doc|document|database|table|tab|worksheet|board|dashboard|folder|inbox|file|page|place|"
    # ('every evening I open our Typeform 'Trial Entries'': the form's answers, looked at)
    r"form|typeform|survey)s?\b)|"
    # 'count the open tickets' (not 'the error count is …')
    r"count(?=\s+(?:the|all|our|my|every|each|new|open|today|yesterday)\b)|"
    r"crawl|back up|go\s+through(?!\s+with\b)|"
    # 'look in the airtable table 'Tickets' for records with …', 'look through our Notion database …': a place read
    r"look(?:s|ing)?\s+(?:in|inside|through)(?=\s+(?:the|my|our|that|this)\s+(?:'[^'\n]{1,40}'\s+|[\"“][^\"”\n]{1,40}[\"”]\s+|"
    r"[\w-]+\s+){0,2}?(?:sheet|spreadsheet|workbook|database|table|tab|worksheet|board|folder|inbox|base|bucket)s?\b)|"
    # 'pick up new emails in the Outlook mailbox' (not 'pick up the phone'): new items fetched
    r"pick\s+up(?=\s+(?:the\s+|any\s+|all\s+|our\s+|my\s+)?(?:new|unread|incoming|latest|recent)\b)|"
    # 'a chatbot that remembers what people told it earlier in the convo': the conversation kept so far, read back
    r"remember(?=\s+(?:what|the\s+conversation|earlier|everything|each\s+\w+'s|previous|past)\b)|"
    r"download|query|find|search|take|receive|export|looks?(?:\s+\w+){0,2}\s+up|"
    # 'I refresh X for posts mentioning …', 'I scroll through Instagram looking for …': a feed looked through is read
    r"(?:refresh|reload)(?:es|s)?(?=\s[^.;!?\n]{0,40}?\bfor\b)|(?:scroll|browse)(?:s)?(?:\s+(?:through|down))?(?=\s)|"
    # 'every hour look for new tweets mentioning @lumenapp' (not 'look for a way to …'): new items searched for
    # ('look for emails from orders@…': mail in the inbox)
    r"look(?:s|ing)?\s+(?:out\s+)?for(?=\s+(?:new|any|all|recent|latest|fresh|today's|yesterday's|this\s+week's|"
    r"unread|incoming|e-?mails|mails|messages|the\s+(?:new|latest|recent|e-?mails|messages))\b)|"
    # 'poll https://…/stats every 5 minutes' (not 'post a poll')
    r"poll(?=\s+(?:https?://|the\b|our\b|my\b|[\w-]+\.[a-z]{2,}))|"
    # 'match the sender by email against the Members sheet', 'cross-check each invoice with the ledger'
    # ('compare them with the Airtable records using AI': what they are compared with is read)
    r"match(?=\s[^.;!?]{0,60}?\bagainst\b)|cross-check|compare(?=s?\s[^.;!?]{0,60}?\b(?:with|against)\b)|"
    # 'a workflow that every weekday finds the Jira issues …': the third-person form a brief describes the run with
    # ('searches'/'queries' only before what is searched: 'customer queries' is a noun)
    # ('an AI reads the diff' is the model at work, not a read; 'any trailer reads above 40°F' is a measure)
    r"finds|fetches|retrieves|collects|grabs|downloads|scrapes|crawls|pulls(?!\s+requests?\b)|"
    r"(?<!\bai\s)(?<!\bagent\s)(?<!\bllm\s)(?<!\bgpt\s)(?<!\bclaude\s)reads(?=\s+(?:the|our|my|a|an|that|this|"
    r"its|their|all|every|each|new|today's|yesterday's|from|in)\b)|"
    r"(?:searches|queries)(?=\s+(?:the|our|my|a|an|for|through|in|that|this|its|their|all|every|each)\b)|"
    # 'a flow that every morning checks our Linear team 'Mobile' for …', 'scans the Drive folder …' (not 'background
    # checks', 'the checks are green': the verb before what it looks at)
    # ('Sim watches r/homebrewing for …': a subreddit watched is read)
    r"(?:checks|scans|monitors|visits|watches)(?=\s+(?:(?:the|our|my|that|this|its|their|all|every|each)\b|r/\w))|"
    # 'go to the three supplier sites', 'visit competitor.com': a site gone to is read (not 'go to #eng', 'go to bed')
    r"(?:go(?:es)?\s+to|visit)(?=\s+" + _SITE_WORDS + r")"
)
READ_VERBS = _READ  # the verbs that read (for the planner)
# light verbs whose object names what the model makes ('make a summary', 'put together a digest')
_PRODUCT_VERB = r"make|makes|create|put\s+together|produce|do|prepare|compile|build|pull\s+together"
# who it is made for or by, said between the verb and its object ('make for me a list', 'make with AI a proposal')
_FOR_WHOM = r"(?:(?:for\s+(?:me|us|them|him|her)|with\s+(?:the\s+|an\s+)?(?:ai|llm|gpt|claude|agent))\s+)?"
ACTION_START = re.compile(
    r"\b(?:also\s+|then\s+)?(?:"
    + _WRITE
    + r"|"
    + _READ
    + r"|email|e-mail|mail|text|summari[sz]e|classify|categori[sz]e|"
    r"translate|extract|draft|analy[sz]e|review|triage|route|repl(?:y|ies)|respond|tell|"
    # 'make a summary', 'put together a short digest', 'do a quick recap': the model's work named by its product
    r"(?:" + _PRODUCT_VERB + r")(?=\s+(?:an?|the|some)\s+"
    # ('prepare a draft reply for each one': a reply made)
    r"(?:[\w-]+\s+){0,2}?(?:summary|summaries|digest|recap|overview|comparison|synopsis|repl(?:y|ies)|responses?)\b)|"
    # 'issue the refund', 'refund them' (not 'the issue is …', 'a refund of …'): a verb by its object
    r"issue(?=\s+(?:an?|the|them|it|their|our|his|her)\s)|refund(?=\s+(?:the|them|it|their|him|her)\s)|"
    # 'answer the customer back on WhatsApp' (not 'the answer is …'): a reply by its object
    r"answer(?=\s+(?:the|them|him|her|it|their|each|every|back|customers?|questions?)\b))\b",
    re.I,
)
# (a verb ruled out in the bot's voice, 'it shouldn't / won't / mustn't / can't …', as the user's "don't …")
# ('each no-show patient gets an SMS', 'the no-reply address': a hyphenated compound negates nothing)
_NEGATION = (
    # (not the '.no' that ends a Norwegian address: 'returns@fjordgear.no (Gmail)')
    r"(?<![\w'])(?<!\w\.)(?:don'?t|do not|never|not|no|without|instead of|rather than|skip|except|avoid|"
    # ("I'd rather it didn't post anything into our Teams": a wish; 'Oona doesn't read Slack' tells a habit)
    r"rather\s+(?:it|they|you|we|this|that|the\s+[\w-]+)\s+did\s*n[’']?t|"
    r"(?:should|would|must|could|ca|wo|need)n[’']?t|cannot)(?![-‐]\w)"
)


@dataclass
class Step:
    kind: str  # source | process | action | condition | router | loop
    type: str = ""  # registry block type (simple steps)
    values: dict[str, str] = field(default_factory=dict)
    label: str = ""
    text: str = ""  # the clause it came from
    branches: list[tuple[str, list[Step]]] = field(default_factory=list)
    body: list[Step] = field(default_factory=list)
    loop_type: str | None = None
    count: int | None = None
    integration: str | None = None
    recipient: str | None = None  # 'the candidate': whose address an e-mail goes to
    result: str | None = None  # where the step's main data lives in its output, when not the default
    data_from: Step | None = None  # a condition: the step whose output it tests (when not the latest)
    implicit: bool = False  # a loop read from 'each <noun>' (no 'for'): built only over a fetched list
    # a loop on one side of a test of the run: over a list read before, not over the data the test read
    past_test: bool = False
    note: str | None = None  # an assumption the planner made for this step (shown in the coverage report)
    needs: list[str] = field(default_factory=list)  # what the user must still fill in
    negate: bool = False  # a condition read from 'unless …': its steps run when the test is false
    excepted: bool = (
        False  # a test said as an exception ('unless …', 'except when …'): drawn positive, else side
    )
    unnamed: bool = False  # an action whose channel the text never named ('tell me …' → e-mail)
    chained: bool = False  # a test exclusive with the one whose else branch holds it: an 'else if' of it
    query: str | None = None  # a search: the field its query goes in
    window: str | None = (
        None  # a read's time window its block cannot apply ('last week'): left to the AI step after
    )
    collect: str | None = (
        None  # a test that keeps the items of a list ('… add it to a list'): 'guard' / 'filter'
    )
    # a mail read's sender its block cannot search for (Outlook's read has no query): kept by a function after it
    sender: str | None = None
    # words said of what a read returns that its operation cannot search for ('emails with 'X' in the subject' from
    # Outlook, 'the Slack messages containing 'X''): (where: 'subject' or 'anywhere', the words), kept by a function
    keep: tuple[str, str] | None = None
    # a day window said of the rows a read returns ('each guest booked tomorrow', 'invoices due this week') that the
    # read cannot apply: (its words, (kind, from, to)), kept by a function after it (day_windows)
    day_window: tuple[str, tuple[str, int | None, int | None]] | None = None


# a comma that goes on with a list of verbs ('insert, update or delete'), not with another clause
_LISTED_VERB = r",(?=\s*[a-z]+(?:\s*,|\s+(?:or|and|nor)\s))"


def negated(text: str) -> dict[str, set[str]]:
    """Integrations (and services without a block) the user rules out, and for what: "don't post to Slack" rules
    out writing to Slack (reading it stays), "instead of Slack" / "no Telegram" / 'not for PagerDuty' rule out
    both."""
    from lib.generation.services import external

    low = text.lower()
    out: dict[str, set[str]] = {}
    # the services with a block, then those Sim reaches by an HTTP request ("… and not for PagerDuty")
    named = [(key, entry["phrases"]) for key, entry in lexicon()["integrations"].items()]
    named += [
        (key, entry["aliases"]) for key, entry in external().items() if key not in lexicon()["integrations"]
    ]
    for key, phrases in named:
        for phrase in phrases:
            if phrase.strip().lower() not in low:
                continue  # every test below needs the phrase itself: a substring test settles most at once
            p = re.escape(phrase.strip())
            # ('it must never insert, update or delete anything in Supabase': a comma inside a list of verbs)
            before = re.search(
                _NEGATION
                # (a dash ends what is ruled out: 'No text messages — email only' rules out no e-mail)
                + r"\b(?:[^.,;—–]{0,30}?|[^.,;—–]{0,20}?(?:"
                + _LISTED_VERB
                + r"[^.,;]{0,40}?)+"
                # ('MUST NOT post survey answers or respondent names to any Discord server': a long object in one
                # clause — a verb that sends, what it sends with no word that joins another clause, then 'to' it)
                + r"|\s+(?:post|send|forward|e-?mail|publish|share|upload|push|transmit|deliver|tweet|message)\w*\s"
                r"(?:(?!\b(?:and|then|but|before|after|until|unless|if|when|whenever|so|instead|once|while|only|"
                r"just|also)\b)[^.,;:\n]){5,50}?\bto\s+(?:(?:any|the|an?|our|their|its|other)\s+){0,2})\b(?<![@.])"
                + p
                # ('if the domain is not gmail.com': a domain or an address names no service)
                + r"\b(?!\.[a-z]{2,}\b|@)",
                low,
            )
            if (
                before
                and re.match(r"without\s+(?:an?|any)\s", before.group(0))
                and _ITEMS_LACKING.search(low, 0, before.start())
            ):
                continue  # '**Loans without an email:** skip': the items that lack one, a test, not a rule
            if (
                before
                and re.match(r"(?:not|no)\b", before.group(0))
                and re.search(r"(?:\bif|\bor|\bwhen)\s+$", low[: before.start()])
            ):
                continue  # 'if yes ping the Discord, if not just reply in Telegram': the test's other side, no rule
            if before and _SCOPED.match(low, before.end()):
                continue  # "don't email anyone marked 'test'": which items get no e-mail, a test, not a rule
            if before and _BAN_TESTED.match(low, before.end()):
                continue  # 'no text if the total is under 15': the step runs when the test fails, a guard, not a rule
            if before and _BAN_ON_DAYS.match(low, before.end()):
                continue  # 'never text anyone on a Sunday: run it Monday to Saturday': when it runs, the schedule's
            if before and _BAN_WHEN_NOTHING.match(low, before.end()):
                continue  # "don't email me when nothing's changed": the run sends only when something is found, a guard
            if before and _one_person(before.group(0), low, before.end()):
                continue  # 'do not email the applicant', "don't email finance@acme.io": whom, not the service
            if before and _ELSE_LEAVES_OUT.search(low, 0, before.start()):
                continue  # '…, then also post in #escalations; otherwise no Slack post': the other side does nothing
            opening = max(low.rfind(c, 0, before.start()) for c in ("\n", ". ", "; ", ": ")) if before else 0
            if (
                before
                and _LEFT_WITHOUT.fullmatch(low[opening + 1 : before.start()])
                and re.search(r"\b(?:if|whose|where|unless|only)\b", low)
            ):
                continue  # 'Non-rush jobs get no Slack message': the items a test leaves get none, the other side
            if (
                before
                and (left := _ITEMS_QUALIFIED.match(low, opening + 1)) is not None
                and left.end() <= before.end()
                and re.search(r"\b(?:if|whose|where|unless|only|whether)\b", low)
            ):
                # "Orders without any cut fabric don't need to go on the sheet": what the items a test leaves don't
                # get, the other side of that test, not a rule for the run
                continue
            if before and _GUARD.match(re.sub(r"^[\s.;:*•-]+", "", low[opening + 1 :])):
                continue  # 'if nothing is below 20, don't send the email': the run ends when nothing is found, a guard
            if before and _CASE_LED.match(re.sub(r"^[\s.;:*•-]+", "", low[opening + 1 : before.start()])):
                # "if the size is '1-10', don't post in Slack", 'builds on main -> only Slack, no PR comment': what one
                # case leaves out is the other side of a test, not a rule for the run
                continue
            if before and re.search(r"\bother\s+$", before.group(0)[: before.group(0).rfind(phrase.strip())]):
                continue  # "dont reply to other emails": the other side of the case asked for, not a rule for the run
            if before and _ALREADY_THERE.search(before.group(0)):
                continue  # 'skip links already in the sheet': the items left out are those found there, a test
            if before and _ABOUT_CONTENT.match(before.group(0)):
                continue  # "don't mention prices in the email": what the message holds, the message is still sent
            if before and _STAYS_IN.match(before.group(0)):
                continue  # 'Deal amounts must never leave Slack and that sheet': where the data stays, no ban there
            if before and not _negates_other(before.group(0)):
                # "email me instead of Slack": the negation governs the phrase right after it only
                span_text = before.group(0)
                others = [
                    k
                    for k, e in lexicon()["integrations"].items()
                    if k != key and any(lx.phrase_at(" " + span_text + " ", q) >= 0 for q in e["phrases"])
                ]
                if not others or span_text.rfind(phrase.strip()) > max(
                    (
                        span_text.rfind(q.strip())
                        for k in others
                        for q in lexicon()["integrations"][k]["phrases"]
                    ),
                    default=-1,
                ):
                    verb = span_text[: span_text.rfind(phrase.strip())]
                    if (
                        re.search(
                            r"\b(?:" + _WRITE + r"|e-?mail|text|tweet|repl(?:y|ies)|respond|answer|contact|"
                            # "don't modify the sheet itself", 'never cancel or edit any orders': changes, not reads
                            # ('she never edits the sheet': the verb in any person)
                            # ("I don't want it changing anything in Airtable": the -ing form too)
                            r"modif(?:y|ies|ying)|chang(?:e|ing)|alter|touch|edit|overwrit(?:e|ing)|delet(?:e|ing)|"
                            r"remov(?:e|ing)|cancel|archiv(?:e|ing))"
                            r"(?:s|es|ed|d|ing)?\b",
                            verb,
                        )
                        or re.match(  # "don't tweet anything", "never whatsapp them": the service's name as its verb
                            r"\s*(?:anything|any\b|it\b|them\b|this\b|that\b|these\b|those\b|me\b|us\b|automatically)",
                            low[before.end() :],
                        )
                    ):
                        modes = {"write"}
                        kept = lexicon()["changes_kept"]
                        if re.search(r"\btouch(?:es|ing)?\s*$", verb) and _own_name(key, phrase):
                            # "don't touch Slack": the service itself is kept out, not what it holds
                            modes = {"read", "write"}
                        elif key in kept["services"] and re.fullmatch(
                            r"\W*"
                            + _NEGATION
                            + r"(?:\s+(?:(?:"
                            + kept["verbs"]
                            + r")\w*|or|and|,|the|any|all|anything))+\s*",
                            verb,
                        ):
                            continue  # "don't delete emails": nothing it sends is banned
                    elif re.search(r"\b(?:" + _READ + r")(?:s|es)?\b", verb):
                        modes = {"read"}
                    elif _DOES_TO.match(verb) or _ITS_WRITES.match(low, before.end()):
                        # "don't transition the Jira issues", 'never assign the tickets in Linear': a verb that
                        # does something to what the service holds, a change (reading it stays)
                        modes = {"write"}
                    else:  # 'no Telegram', 'instead of Slack', "don't use Discord": the service itself
                        modes = {"read", "write"}
                    out.setdefault(key, set()).update(modes)
            for said in re.finditer(r"(?<![\w#@/])" + p + r"(?![\w@/])", low):
                if _LEFT_ALONE.match(low, said.end()) and re.search(
                    r"\b(?:leave|keep)\s+(?:the\s+|our\s+|my\s+)?$",
                    low[max(0, said.start() - 20) : said.start()],
                ):
                    # 'leave Slack alone', 'keep Teams out of it': the service is not used
                    out.setdefault(key, set()).update({"read", "write"})
                elif _GIVEN_UP_BEFORE.search(
                    low, max(0, said.start() - 40), said.start()
                ) or _GIVEN_UP_AFTER.match(low, said.end()):
                    # "we've stopped using Slack", 'we dropped Slack', "Discord's dead": a service no longer used
                    out.setdefault(key, set()).update({"read", "write"})
                elif _HANDS_OFF_BEFORE.search(
                    low, max(0, said.start() - 60), said.start()
                ) or _HANDS_OFF_AFTER.match(low, said.end()):
                    out.setdefault(key, set()).add("write")
    return out


# 'leave Slack alone', 'keep Teams out of this': after the service's name, it is kept out of the run
_LEFT_ALONE = re.compile(r"\s+(?:alone|out\s+of\s+(?:it|this|that|the\s+loop))\b")
# "we've stopped using Slack", 'we dropped Slack', 'no longer on Discord', 'we moved off Trello': a service the
# writer has given up, before its name; "Discord's dead", 'Slack is gone now': after it
_GIVEN_UP_BEFORE = re.compile(
    r"\b(?:(?:stopped|quit|ceased|gave\s+up)\s+using|(?:we|i|they)(?:['’]ve|\s+have)?\s+(?:dropped|ditched|abandoned|"
    r"left|retired|cancell?ed|closed)|got\s+rid\s+of|moved\s+(?:away\s+from|off(?:\s+of)?)|"
    r"no\s+longer\s+(?:use|using|on|have|in))\s+(?:the\s+|our\s+|my\s+)?$"
)
_GIVEN_UP_AFTER = re.compile(
    r"(?:['’]s|\s+is|\s+has\s+been)\s+(?:now\s+|basically\s+|totally\s+|completely\s+)?(?:dead|gone|retired|"
    r"abandoned|dropped|history)\b"
)


def _own_name(key: str, phrase: str) -> bool:
    """Whether `phrase` names the service `key` itself ('slack', 'gmail'), not what it holds ('emails')."""
    from lib.generation.services import aliases

    said = phrase.strip().lower()
    return said in {key, key.replace("_", " "), *(a.lower() for a in aliases(key))}


# "don't transition …", "never reassign …": a ban's verb (any word but a quantity, a determiner or a word that names
# the service itself) followed by the service's things
_DOES_TO = re.compile(
    r"\W*" + _NEGATION + r"\s+(?!(?:any|more|the|a|an|our|my|further|other|use|using|involve|rely|need|touch|"
    r"bother|ever|even|just|also|yet|want|let|have|make|allow|it|you|to|in|on|with|via|through|over|for|by)\b)"
    # ('close or reassign', 'void, refund or change'), then what it takes ('on', 'back to'), a determiner, a word or two
    r"[a-z]{3,}(?:\s*(?:,|/|\bor\b|\band\b)\s*[a-z]{3,})*\s+(?:(?:on|to|in|up|back|out|with|from|into)\s+){0,2}"
    r"(?:(?:the|any|all|our|my|its|their|these|those|them|it|every|each)\s+)?(?:[\w-]+\s+){0,2}$"
)
# "no Slack notifications", 'no Jira updates': the service's messages or changes, written (reading it stays)
# ('no emails back to customers', 'no texts out to anyone': what the service would send, and whom to)
_ITS_WRITES = re.compile(
    r"\s*(?:back|out)\b|\s+to\s+(?:any(?:one|body)|every(?:one|body)|them|him|her|people|the\s+[\w-]+|our\s+[\w-]+|"
    r"customers?|clients?|users?)\b"
    r"|\s*(?:notifications?|messages?|posts?|alerts?|pings?|replies|reply|updates?|comments?|dms?|reminders?|"
    r"announcements?|texts?|tweets?|tickets?|issues?|cards?|tasks?|pages?|rows?|records?|entries|writes?|changes?|"
    r"edits?|events?|invites?|invitations?)\b"
)


# "don't include any clinical values in the email", 'never mention the price in the post': a ban on what a message
# holds (lexicon.json scope_out 'content_verbs'), not on the message
_ABOUT_CONTENT = re.compile(
    _NEGATION + r"\s+(?:" + "|".join(lexicon()["scope_out"]["content_verbs"]) + r")(?:s|es|d|ed|ing)?\b"
)


# 'must never leave Slack and that sheet', "shouldn't go outside Airtable": the services the data stays in
_STAYS_IN = re.compile(
    _NEGATION
    + r"\s+(?:(?:ever|be\s+allowed\s+to)\s+)?(?:leave|go\s+(?:beyond|outside(?:\s+of)?)|get\s+out\s+of|exit)\b"
)


# 'change nothing in Asana', "don't modify nothing in Notion", 'leave HubSpot untouched', 'Jira stays read-only',
# 'nothing in Jira must be changed': a service the user keeps from being changed (reading it stays)
_CHANGES = r"(?:change|modify|alter|touch|edit|update|write|delete|remove|open|comment|create|post)\w*"
_HANDS_OFF_BEFORE = re.compile(
    r"(?:\b" + _CHANGES + r"(?:\s+or\s+" + _CHANGES + r")?\s+(?:nothing|none)\b)"
    r"(?:\s+(?:at\s+all|else))?\s+(?:(?:in|on|to|into|at|inside)\s+)?(?:the\s+|our\s+|my\s+)?$"
)
_HANDS_OFF_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:(?:must|should|may|can|is\s+to)\s+(?:not\s+)?(?:be\s+)?(?:changed|modified|touched|edited|"
    r"altered|updated|written)\b|(?:untouched|unchanged)\b|(?:is|stays|remains|should\s+stay|"
    r"must\s+stay|should\s+remain|must\s+remain|is\s+only)\s+(?:strictly\s+)?read[- ]only\b"
    # ('LinkedIn we'll keep doing by hand', 'Slack stays manual': people do that part, the run writes nothing there)
    r"|(?:we|i)(?:['’]ll|\s+will|\s+can)?\s+(?:keep\s+|still\s+|just\s+)?[a-z]+(?:\s+[^.;:\n]{0,20}?)?\s+"
    r"(?:by\s+hand|manually|ourselves|myself)\b|(?:stays|remains|is\s+still)\s+manual\b)"
)


# 'otherwise no Slack post', 'else: no email', 'if not, no Teams message': what the other side of a test leaves out,
# not a rule for the whole run
# ('Under that, no email is needed.', '; for the rest, no Slack post', 'for everyone else, no text': the other side
# named by what it is, after a test said before)
_ELSE_LEAVES_OUT = re.compile(
    # ('… if it is under 92%, email … . Above that, no email.': the values past the threshold are the other side)
    r"\b(?:otherwise|else|if\s+not|if\s+it\s+is\s*n[o']t|(?:under|below|above|over|beneath)\s+(?:that|this|it|them)|"
    r"for\s+(?:the\s+rest|the\s+others|all\s+others|any(?:one|thing)\s+else|every(?:one|thing)\s+else|(?:all\s+)?other\s+[\w-]+|"
    r"smaller\s+ones|(?:the\s+)?(?:smaller|lower|bigger|larger|higher)\s+[\w-]+))\s*[,:;\-–—]?\s*(?:just\s+|simply\s+)?$"
)


# 'Non-rush jobs get no Slack message.', 'Undamaged returns get no email', 'Tanks in range get no message': the items
# that fail a test said elsewhere, named as the subject of a sentence of their own, receive nothing
_LEFT_WITHOUT = re.compile(
    r"[\s*•-]*(?:the\s+|all\s+|any\s+)?(?:[\w'’-]+\s+){1,4}(?:(?:should|will|must)\s+)?"
    r"(?:get|gets|receive|receives|are\s+sent|is\s+sent)\s+"
)


# 'orders without any cut fabric ', 'invoices under 50 € ': items a test picks out, said as the subject before a negation
_ITEMS_QUALIFIED = re.compile(
    r"[\s*•-]*(?:the\s+|all\s+|any\s+)?(?:[\w'’-]+\s+){0,2}[\w'’-]+s\s+(?:without|with|under|over|below|above|that|"
    r"which|whose|marked|tagged|labell?ed|less|more|not)\b[^.;:,\n]{0,60}?\s*"
    r"(?=(?:do(?:es)?\s*n['’]?t|do(?:es)?\s+not|never|need\s*n['’]?t|should\s*n['’]?t|should\s+not|are\s*n['’]?t|"
    r"are\s+not|is\s*n['’]?t|is\s+not|won['’]?t|will\s+not|get\s+no|gets\s+no)\b)"
    # ('Smaller orders don't need to go to Slack', 'cheaper ones never go to #sales': a comparative picks out the items
    # the other side of a test leaves)
    r"|[\s*•-]*(?:the\s+|all\s+|any\s+)?(?:smaller|bigger|larger|cheaper|lower|higher|shorter|longer|lesser|"
    r"other|remaining|normal|regular|ordinary|standard|small|big|low|high)\s+(?:[\w'’-]+\s+)?[\w'’-]+s\s*"
    r"(?=(?:do\s*n['’]?t|do\s+not|never|need\s*n['’]?t|should\s*n['’]?t|should\s+not|are\s*n['’]?t|are\s+not|"
    r"won['’]?t|will\s+not|get\s+no|can\s+skip|skip)\b)"
)


# '**Loans without an email:** skip', 'Orders without an e-mail address are skipped': a plural noun that opens its line
# or sentence, before 'without'
_ITEMS_LACKING = re.compile(r"(?:^|[\n.;:]\s*)[\s*•-]*(?:the\s+|all\s+|any\s+)?(?:[\w'-]+\s+)?[\w'-]+s\s+$")


# 'No SMS if the deposit is below 20', "don't send the email if …": the ban goes on with a test of its own (not
# 'if there is none', a guard on what was found)
_BAN_TESTED = re.compile(
    r"(?:\s+(?:(?:an?|the|any|to|for)\s+)?[\w-]+){0,3}?\s+(?:if|when|whenever)\s+"
    r"(?!(?:there\s+(?:is|are|was|were)\s+|it\s+(?:is|was)\s+)?(?:no|none|nothing|empty)\b)"
)


# "don't email me when nothing's changed", 'no post if there is nothing new': what the run leaves out when it finds
# nothing, a guard on the step the text asks for, no ban of the service
_BAN_WHEN_NOTHING = re.compile(
    r"(?:\s+(?:me|us|them|anyone|anything|it))?\s+(?:if|when|whenever)\s+"
    r"(?:there\s+(?:is|are|was|were)\s+|there['’]s\s+|it\s+(?:is|was)\s+)?(?:no|none|nothing|empty)\b"
)
# 'never text anyone on a Sunday', "don't email people at the weekend": the days the run is not to send on, which its
# schedule says (lexicon.json calendar_days), no ban of the service
_BAN_ON_DAYS = re.compile(
    r"(?:\s+(?:me|us|them|anyone|anybody|anything|people|customers|clients|it))?\s+(?:on|at|during|over)\s+"
    r"(?:an?\s+|the\s+)?(?:" + "|".join(lexicon()["calendar_days"]) + r")\b"
)
# "… anyone marked 'test'", "… requests tagged 'spam'", "… customers whose plan is free": the items a prohibition
# is about, named after its verb
_SCOPED = re.compile(
    r"\s+(?:to\s+)?(?:any(?:one|body)?\s+|the\s+|those\s+|people\s+)?(?:[\w-]+\s+)?(?:marked|tagged|flagged|labell?ed|"
    # ("don't email members who came": whoever a relative clause names, whatever its verb)
    r"whose|who\s+[a-z][\w'’-]*|that\s+(?:are|is|have|has))\b"
    # "don't email suppliers about discontinued items": the items that get no e-mail, a test, not a rule
    r"|\s+(?:any\s+|the\s+)?[\w-]+s\s+(?:about|for|over|regarding)\s+(?:any\s+|the\s+)?"
    r"(?:discontinued|archived|cancell?ed|inactive|closed|paused|retired|test|internal|deleted|draft|expired)\s"
    # "don't email the whole waitlist", 'never text everyone on the list': how many get one (the first, say), not a
    # ban of the service
    r"|\s+(?:to\s+)?(?:the\s+(?:whole|entire|full)\s+|all\s+(?:of\s+)?(?:the\s+)?|every(?:one|body)\s+(?:on|in)\s+"
    r"(?:the\s+)?)(?:[\w-]+\s+)?(?:list|waitlist|waiting\s+list|wait-list|sheet|table|queue|rota)\b"
)


def _one_person(said: str, low: str, end: int) -> bool:
    """Whether a negated contact verb that is the service's own word ("do not email", "never text") names one
    recipient the text sets apart from those it does write to, so that it rules out messages to them and not the
    service: an address ("don't email finance@acme.io"), or a person the data holds ('do not email the applicant')
    when the text gives the e-mail it asks for an address of its own ('email the hiring manager at hiring@…'). A
    person banned where the text names no other recipient ("please don't email the customer at all" after "email
    them a receipt") is the one its e-mails would reach: the service's writes stay ruled out. 'anyone', 'me', 'the
    team' are no one person."""
    if not re.fullmatch(
        r"\W*" + _NEGATION + r"(?:\s+(?:ever|directly|automatically))?\s+[a-z-]+", said.strip()
    ):
        return False
    address = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    if re.match(r"\s+" + address, low[end:]):
        return True
    people = "|".join(re.escape(w) for w in lexicon()["people"])
    person = re.match(
        r"\s+(?:(?:the|that|this|our|their|any|each|every|a|an)\s+)?(?:[\w-]+\s+)?(?:" + people + r")s?\b",
        low[end:],
    )
    return person is not None and re.search(address, low) is not None


# "if the company size is '1-10', ", 'builds on main -> only Slack, ', 'for refunds: ': a case said before what it
# leaves out (lexicon.json case_leads: the words that open a case)
_CASE_LED = re.compile(
    # (after a field's label the line did not end at: '**Exceptions:** if …')
    # ('Then, separately, for accounts between 40 and 60 …': the case after words that only join it on)
    r"(?:\**[a-z][\w /&'-]{0,40}\**:\**\s+)?(?:(?:and|but|then|also|separately)\b\s*,?\s*)*(?:(?:only\s+)?(?:"
    + "|".join(lexicon()["case_leads"])
    + r")\b[^.;]{1,100}?,|[^.;:]{1,60}?(?:->|→|=>))\s*(?:then\s+)?(?:(?:only|just)\s+[^,;.]{1,40}[,;]\s*)?$"
)
# 'skip links already in the sheet', 'skip rows that are already listed': the items the service already holds
_ALREADY_THERE = re.compile(r"\b(?:skip|ignore)\b[^.,;]*\balready\b")


def _negates_other(span: str) -> bool:
    """'if the status is not ok send an SMS': the negation is of a word before a new verb, not of the SMS."""
    after = re.match(_NEGATION + r"\s+(\S+)", span)
    if after is None:
        return False
    word = after.group(1)
    verb = ACTION_START.search(span, after.start(1))
    return (
        verb is not None
        and verb.start() > after.start(1)
        and not ACTION_START.match(span, after.start(1))
        and word
        not in (
            "to",
            "in",
            "on",
            "into",
            "the",
            "a",
            "an",
            "any",
            "anything",
            "ever",
            "also",
            "just",
            "yet",
            "even",
            # "don't let it email the customer", 'never have it post …', "don't want it to text anyone": the verb
            # after is the one ruled out
            "let",
            "have",
            "make",
            "want",
            "allow",
            "it",
            "you",
        )
        and not re.match(r"\w+ly$", word)
    )


def ruled(ruled_out: dict[str, set[str]], key: str, mode: str) -> bool:
    return mode in ruled_out.get(key, ())


# '…; staff → email …': a semicolon before another route of an arrow list (its category, then the arrow)
_NEXT_ARROW_ROUTE = re.compile(
    # ("; 'ready-made' items → …", '; score from 50 to 80 → …': a quoted kind, a band of a number)
    r";(?=[^\S\n]+(?:and\s+)?['‘\"“]?[a-z][a-z0-9 '’\"”/&$€£%.-]{0,39}?"
    r"\s*(?:->|→|=>)\s)",
    re.I,
)


def _each_routed(before: str) -> bool:
    """'… read the new complaints and have AI sort each one: facilities → …': routes of each item of a list, said
    after the sort of each one (an arrow already said), stay one sentence — the routes stay inside the repeat (not
    'priority 1 -> …; priority 2 -> …', '"billing" -> …', read sentence by sentence as tests)."""
    return bool(
        re.search(r"->|→|=>", before)
        and re.search(
            r"\b(?:sort|route|classify|triage|categori[sz]e|handle|process|treat)\w*\s+(?:each|every)\b|\bfor\s+(?:each|every)\s+[\w-]+[^:]{0,40}:",
            before,
            re.I,
        )
    )


# 'Olive fly → SMS to …', "'bespoke' items → a page in …", 'billing questions: forward to …': a sentence that opens
# on a kind (words, no number) and an arrow — one route of a decision
_KIND_ROUTE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:and\s+)?(?:['‘\"“][^'’\"”\n\d]{1,30}['’\"”]\s*)?(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*\s*"
    r"(?:->|→|=>)\s*\S",
    re.I,
)


def sentences(text: str) -> list[str]:
    """Split at sentence ends, never inside URLs, e-mail addresses or decimal numbers."""
    protected = re.sub(lx.URL_RE, lambda m: m.group(0).replace(".", "\x00"), text)
    protected = re.sub(lx.EMAIL_RE, lambda m: m.group(0).replace(".", "\x00"), protected)
    protected = re.sub(r"(\d)\.(\d)", "\\1\x00\\2", protected)
    protected = re.sub(r"(?<=\d),(?=\d{3}\b)", "\x02", protected)  # every group: "1,000,000"
    # 'Dr. Lee', 'e.g. Slack', 'vs. last week': an abbreviation's dot ends no sentence
    protected = re.sub(
        r"\b(Dr|Mr|Mrs|Ms|Prof|St|Mt|Jr|Sr|vs|approx|incl|e\.g|i\.e|etc)\.(?=\s+\S)",
        lambda m: m.group(0).replace(".", "\x00"),
        protected,
        flags=re.I,
    )
    # 'If E. coli is above 1000': one capital letter's dot before a word in lower case is a name's initial
    protected = re.sub(r"(?<![\w.])([A-Z])\.(?=\s+[a-z])", "\\1\x00", protected)
    # 'text them the message "Depot opens at 7. Bring your badge."': the words a message says, quoted, are one
    # sentence of its step, whatever ends their own sentences inside the quotes
    # ("reply to them on whatsapp 'thanks! pickup is fri 4-7pm'": the same in single quotes, opened after no word —
    # an apostrophe ('we'll', "customers' names") opens nothing)
    protected = re.sub(
        r"\"[^\"\n]{2,300}\"|“[^”\n]{2,300}”|(?<!\w)'(?=\w)(?:[^'\n]|(?<=\w)'(?=\w)){1,300}?[.!?]\s(?:[^'\n]|(?<=\w)'(?=\w)){1,300}?'(?!\w)",
        lambda m: m.group(0).translate(_QUOTED_ENDS),
        protected,
    )
    protected = _PER_ITEM_TEST.sub(_tested_per_item, protected)
    protected = _REST_AFTER_TEST.sub(_rest_of_test, protected)
    # 'have AI sort each one: facilities → Jira ticket in POOL; staff → email …; booking → insert …': routes listed
    # after one another are one sentence, the list of one decision
    protected = _NEXT_ARROW_ROUTE.sub(
        lambda m: "\x05" if _each_routed(re.split(r"[.!?\n]", protected[: m.start()])[-1]) else m.group(0),
        protected,
    )
    parts = re.split(r"(?<=[.!?;])\s+|\n+", protected)
    return [
        p.translate(_QUOTED_BACK).replace("\x00", ".").replace("\x02", "").strip(" .;!?")
        for p in parts
        if p.strip(" .;!?")
    ]


# '…, and for each vendor search the web for news; if anything turns up, email …': a test after a semicolon that
# follows the work done per item tests what that work found, in the same repeat (one sentence with it)
_PER_ITEM_TEST = re.compile(r";\s+(?=(?:and\s+)?(?:only\s+)?if\b)", re.I)
_PER_ITEM_WORK = re.compile(
    r"\b(?:for\s+(?:each|every)|(?:each|every)(?!\s+(?:other\s+|few\s+|\d+\s+)?(?:"
    + lx.TIME_UNITS
    + r")s?\b))\s+[a-z][\w-]*",
    re.I,
)


# 'if that shift is within the next 48 hours, text me; anything further out can go into the sheet': after a test, the
# items past its bound (or all else) are its other side, in the same sentence
_REST_AFTER_TEST = re.compile(
    r";\s+(?=(?:and\s+|but\s+)?(?:(?:anything|everything)\s+|if\s+(?:it|they|that)(?:\s+(?:is|are)|['’](?:s|re))\s+)"
    r"(?:" + "|".join(lexicon()["rest_past_bound"]) + r")\b)",
    re.I,
)


def _rest_of_test(m: re.Match[str]) -> str:
    text = m.string
    opening = max(text.rfind(c, 0, m.start()) for c in (".", "!", "?", "\n", ";"))
    return ", " if re.search(r"\bif\b", text[opening + 1 : m.start()], re.I) else m.group(0)


def _tested_per_item(m: re.Match[str]) -> str:
    text = m.string
    opening = max(text.rfind(c, 0, m.start()) for c in (".", "!", "?", "\n", ";"))
    return ", and " if _PER_ITEM_WORK.search(text, opening + 1, m.start()) else m.group(0)


def said_unquoted(text: str) -> str:
    """'a confirmation that says: Thanks for booking, {first name}! See you on {date}.': the words after 'says:' to
    the end of their line are the message, quoted as if the writer had (so no comma or '!' in them ends a clause)."""
    return re.sub(
        r"(\b(?:(?:that|which)\s+says|saying|reading)\s*:\s*)(?![\"“'‘])(\S[^\"“”\n]{1,200}?)\s*$",
        r'\1"\2"',
        text,
        flags=re.I | re.M,
    )


# the marks that end a sentence, kept inside quotes while `sentences` splits (and put back after)
_QUOTED_ENDS = str.maketrans({".": "\x00", "!": "\x03", "?": "\x04", ";": "\x05"})
_QUOTED_BACK = str.maketrans({"\x03": "!", "\x04": "?", "\x05": ";"})


def _protect_lists(text: str) -> str:
    """'as billing, technical or account': the commas of a list of labels do not end a clause."""

    def keep(m: re.Match[str]) -> str:
        items = re.split(r"\s*,\s*|\s+(?:or|and)\s+", m.group(0))
        verbs = [i for i in items[1:] if ACTION_START.match(i)]
        # ("the buyer's name, email and ticket count": a verb's word alone among nouns is a noun of the list; not
        # 'fetch, summarise and post them', 'find the lead, email them and log it')
        if verbs and (
            len(verbs) == len(items) - 1
            or any(len(i.split()) > 1 for i in verbs)
            # ('the chat should only answer, never email or message anyone': verbs, one of them ruled out)
            or ACTION_START.match(items[0])
            # ('… with the customer's name, email and a link to their Stripe profile': the list goes on past it)
            or re.fullmatch(r"a|an|the|their|his|her|its|our|my", items[-1].strip(), re.I)
            or any(re.match(r"(?:never|not|no|don['’]?t)\b", i, re.I) for i in items)
        ):
            return m.group(0)
        return m.group(0).replace(",", "\x01")

    # an address's last part ('…@school.edu, fee or payment …') is no list item
    # ('the driver, truck number and timestamp', 'their name, years of experience and top skill': an item may be
    # up to three words)
    text = re.sub(
        r"(?<![.@/])\b[\w-]+(?:\s*,\s*[\w-]+(?:\s+[\w-]+){0,2})+,?\s+(?:or|and)\s+[\w-]+\b", keep, text
    )
    # 'get the price lists from a.com, b.co.uk and c.co.uk', '… sites - a.com, b.co.uk and, uh, c.co.uk - get …': the
    # sites listed are one place each of the same read, no clause of their own
    text = _HOST_LIST.sub(lambda m: m.group(0).replace(",", "\x01"), text)
    text = re.sub(
        r"(?<=\s)[-–—]\s[^-–—\n]{3,160}?\s[-–—](?=\s)",
        lambda m: m.group(0).replace(",", "\x01") if _HOST_LIST.search(m.group(0)) else m.group(0),
        text,
    )
    # "post 'Good morning team, stand-up in 15 minutes!'": the words a message says, quoted, end no clause
    text = re.sub(
        # ('got it, we'll confirm by tomorrow': an apostrophe inside a word ends no quote)
        r"\"[^\"\n]{2,200}\"|“[^”\n]{2,200}”|(?<!\w)'(?:[^'\n]|(?<=\w)'(?=\w)){2,200}?'(?!\w)",
        lambda m: m.group(0).replace(",", "\x01"),
        text,
    )
    # '(views, likes)': words listed in an aside, no new verb among them
    return re.sub(
        r"\((?:[\w' -]{1,30},\s*)+[\w' -]{1,30}\)",
        lambda m: (
            m.group(0)
            if any(ACTION_START.match(i.strip()) for i in m.group(0)[1:-1].split(","))
            else m.group(0).replace(",", "\x01")
        ),
        text,
    )


_URL_APPOSITION = re.compile(
    r"\b(link|form|page|survey|site|website|url|portal|questionnaire)\s*,\s*(?=https?://\S+\s*(?:$|[,;.)]))",
    re.I,
)


def clauses(text: str) -> list[str]:
    """Split a sentence at commas / 'then' / 'and' when a new verb starts the next part."""
    return list(_clauses(text))


@lru_cache(maxsize=2048)
def _clauses(text: str) -> tuple[str, ...]:
    """`clauses`, kept: one sentence is split some five times over while its steps are read."""
    parts = re.split(
        # 'post to #sre + create a Linear issue': a '+' or '&' before a new verb joins two steps, as 'and' does
        # 'I would like to save the answers … and to send …': an infinitive after 'and' starts a step as a verb does
        # ('… and she posts a summary in #eng': the bot named again before its next verb)
        # ('gitlab can send us a webhook — whenever a merge request gets merged, …': a dash before the event's 'when')
        r"\s+[—–-]{1,2}\s+(?=(?:when(?:ever)?|each\s+time|every\s+time|as\s+soon\s+as)\s)|"
        # ('when a parent fills in the form — it's Typeform now — email the class teacher': an aside's closing dash
        # before the step's verb and its object)
        r"\s+[—–]\s+(?=(?:also\s+|then\s+)?(?:e-?mail|text|post|send|notify|log|add|tell|message|ping)\s+"
        r"(?:the|a|an|it|them|me|us|our|each|every|their|his|her)\s)|"
        # ('send the customer a WhatsApp with their code — their phone number is on the Stripe customer': where the
        # person's address is kept, said after a dash, is no part of the message)
        r"\s+[—–]\s+(?=(?:their|his|her)\s+(?:(?:mobile|cell|phone|e-?mail)\s+)?(?:phone|number|e-?mail|address)"
        r"(?:\s+number|\s+address)?(?:\s+is|['’]s)\s+(?:on|in|stored|kept|saved)\b)|"
        # ('text me straight away on +44… — I don't always have Telegram open, but I always see texts': why, said of the
        # user's habits after a dash, is no part of the step)
        r"\s+[—–]\s+(?=(?:i|we)\s+(?:(?:do\s*n['’]?t|do\s+not|can['’]?t|cannot|won['’]?t)\s+)?"
        r"(?:always|never|usually|rarely|often|sometimes|normally|hardly|barely|seldom)\b)|"
        r"\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and then\s+|\s+then\s+|\s+(?:and|\+|&)\s+(?=(?:(?:it|he|she|the\s+(?:bot|assistant|agent))"
        r"\s+(?:will\s+|then\s+|also\s+)?)?(?:also\s+)?(?:to\s+)?(?:"
        + _WRITE
        + "|"
        + _READ
        + r"|summari[sz]e|classify|translate|extract|draft|analy[sz]e|review|reply|respond|comment\s+on|tell|warn|"
        # ('read yesterday's enquiries in Outlook and have AI write a draft reply for each one': the model's work,
        # said by whom it is given to, is a step of its own)
        r"(?:use|have|get|let|ask)\s+(?:the\s+|an?\s+)?(?:ai|a\.i\.|llm|gpt[\w.-]*|chatgpt|claude|openai|gemini)"
        r"(?=\s+(?:to\s+)?(?:write|draft|prepare|compose|summari[sz]e|answer|reply|classify|translate|extract|"
        r"analy[sz]e|review|rewrite|generate|create|make|turn)\b)|"
        # ('… and prepare a draft reply for each one': a text the model makes, named by what it is)
        r"prepare\s+(?:an?|the|some)\s+(?:[\w-]+\s+){0,2}?(?:repl(?:y|ies)|responses?|answers?|summary|digest|recap)\b|"
        # ('… create an issue in Linear and replies to the customer saying …': a reply said in the bot's voice, by
        # whom or how it answers — not 'comments and replies on the post', a noun)
        r"(?:replies|responds)(?=\s+(?:to\s+(?:the|them|him|her|each|every|their|it|whoever)\b|with\b|saying\b|back\b))|"
        # ('… can ask it about open tickets and it answers in the thread': the answer sent where the question was)
        r"answers?(?=\s+(?:in|to)\s+(?:the|that|this)\s+(?:same\s+)?(?:thread|channel|chat|conversation))|"
        r"e-?mail\s+(?:me|us|them|it|him|her|their|our|my|whoever|everyone|the|a|an|each|every|[\w.+-]+@)|"
        r"e-?mails\s+(?:them|him|her|whoever|the|each|every|their|our|my|[\w.+-]+@)|"
        r"texts\s+(?:them|him|her|whoever|the|each|every|their|our|my|\+?\d)|dms\s+(?:them|him|her|whoever|the|that|our)|"
        r"tweet|text\s+(?:me|us|them|him|her|whoever|everyone|anyone|each|every|their|our|my|\+?\d)|"
        # '… pull out every key date and each date gets added as an event in our calendar': a write, passive
        r"(?:each|every)\s+[a-z][\w-]*\s+(?:gets?|is|are|will\s+be|should\s+be|must\s+be)\s+(?:automatically\s+)?"
        r"(?:added|posted|logged|saved|sent|stored|created|filed|recorded|written|copied|forwarded)\s+"
        r"(?:as|to|into|in|on)|"
        # 'find their ticket in Freshdesk and mark it as urgent': a verb changing what was found
         + _changed_words() + r")\b)",
        # '(their address from the webhook, not me!)', '(open 8am to 6pm, Saturdays until noon)': an aside's
        # commas end no clause
        # ('a thank-you with our feedback form, https://…/feedback': the address after a comma names the form — it
        # is what the message carries, no step of its own)
        _URL_APPOSITION.sub(
            "\\1\x01 ",
            re.sub(r"\([^()]{0,120}\)", lambda m: m.group(0).replace(",", "\x01"), _protect_lists(text)),
        ),
        flags=re.I,
    )
    # 'read the rows of the sheet -> create an item in monday.com', '… -> Slack #jp-ops': after a verb's part, an
    # arrow starts a step as 'then' does, the arrow kept ('-> Slack #jp-ops' sends there); not after a route's or
    # a test's head ('A bug -> create …', 'over 500 -> post …')
    parts = [
        piece
        for part in parts
        if part
        for piece in (
            _ARROW_STEP.split(part)
            if (
                # ('Weekdays 06:00 Tokyo time: get … → Slack #counter-team': after a label of when, too)
                re.match(
                    r"\W*(?:[^\n:→>]{1,40}?(?:\d\d:\d\d[^\n:→>]{0,30}?)?:\s+)?(?:also\s+|then\s+)?(?:"
                    + _WRITE
                    + "|"
                    + _READ
                    + r")\b",
                    part,
                    re.I,
                )
                # ('-> summarize -> email summary + link …', '→ use AI to compare … →': a step of processing after an
                # arrow — not 'categorize it as refund or shipping: refund -> …', whose arrows are its routes)
                or re.match(
                    r"\s*(?:->|→|=>)\s*(?:also\s+|then\s+)?(?:summari[sz]e|translate|extract|draft|"
                    r"analy[sz]e|review|use\s+(?:the\s+|an?\s+)?(?:ai|llm|gpt[\w.-]*|chatgpt|claude))\b",
                    part,
                    re.I,
                )
                # ('Steps: Firecrawl search for the product → AI compares the prices → …': a label, then the tool
                # named before its verb)
                or re.match(
                    r"\W*(?:[A-Za-z][\w ]{0,20}:\s*)?(?-i:[A-Z][\w.-]*)\s+(?:"
                    + _WRITE
                    + "|"
                    + _READ
                    + r")\b",
                    part,
                    re.I,
                )
                # ('Rep emails are in Airtable table 'Regions' by postcode → email the right rep': where a value is
                # kept, then the step that uses it)
                or re.match(
                    r"\W*(?:(?:the|our|their)\s+)?[\w'-]+(?:\s+[\w'-]+){0,3}?\s+(?:is|are|lives?)\s+"
                    r"(?:kept\s+|stored\s+)?in\s+[^>→]{0,60}?['\"\u2018\u201c]",
                    part,
                    re.I,
                )
            )
            and not re.search(r"\b(?:if|when|unless|whenever)\b", part, re.I)
            # ('booking → add a record in Airtable', 'refunds -> #finance': a kind named by one word that a verb
            # also spells is a route's head, not a step)
            and not _KIND_ARROW.match(part)
            # ('classify it with AI: booking → add a row …': the same after the sorting head's colon)
            and not _KIND_ARROW.match(re.sub(r"^[^:→>\n]{1,60}:\s+", "", part))
            # ('send each order to the right place: hotel orders → …': any kind of a few words after a sorting head)
            and not _kinds_after_sort(part)
            else [part]
        )
    ]
    # '… they're in Supabase actually, table 'users', …': a place's name alone after a comma is where the clause
    # before it reads or writes, no step of its own
    joined: list[str] = []
    for part in parts:
        if joined and (
            _PLACE_ALONE.match(part)
            # 'ping the cutting room on Slack, #cutting-room': the channel of the message before it, no step of its own
            or _CHANNEL_ALONE.fullmatch(part)
            and "#" not in joined[-1]
            and bool(lx.integrations_in(joined[-1]))
            # 'go to the two competitor sites, bikehaus.de and radwelt.at, grab …': the sites the words before name
            or re.fullmatch(r"\s*(?:" + _HOST_LIST.pattern + "|" + _HOST_ITEM + r")\s*", part, re.I)
            and re.search(
                r"\b(?:sites?|websites?|pages|feeds?|portals?|shops?|stores?|blogs?)\s*$", joined[-1], re.I
            )
            # 'email it to our head of ops, tomas@x.com', 'also email the CEO, marcus@x.com': the address of the one
            # the e-mail before it names, no e-mail of its own
            # ('email the link to the chair, Martha Reeves (martha@x.org)': the name, then the address in brackets)
            or (_ADDRESS_ALONE.fullmatch(part) or _NAMED_ADDRESS.fullmatch(part))
            and (
                _MAILED_TO.search(joined[-1])
                # ('… to my email, jo@x.com', '… send it to me, jo@x.com': who 'me' is)
                or re.search(
                    r"\bto\s+(?:me|my\s+(?:e-?mail(?:\s+address)?|inbox|address))\s*$", joined[-1], re.I
                )
            )
            and not lx.EMAIL_RE.search(joined[-1])
            # 'email it to ops@x.io, kai@x.io and dee@x.io': the rest of a list of addresses
            or _addresses_alone(part)
            and re.search(_ADDR + r"\s*$", joined[-1])
            # "email the customer a receipt, subject 'Thanks for your order!'": the e-mail's subject, said after it
            or _SUBJECT_ALONE.fullmatch(part)
            and re.search(
                r"\b(?:e-?mails?|mail|send|sends|sent|forward|reply|repl(?:y|ies))\b", joined[-1], re.I
            )
            # ('the bot answers it from our FAQ page and replies to the sender on Telegram': the answer is the reply,
            # how it is sent said after 'and')
            or re.match(r"\s*(?:replies|responds)\b", part, re.I)
            and re.search(r"\b(?:answers?|repl(?:y|ies)|responds?)\b", joined[-1], re.I)
        ):
            joined[-1] = f"{joined[-1]}, {part.strip()}"
        else:
            joined.append(part)
    return tuple(p.replace("\x01", ",").strip() for p in joined if p and p.strip())


# 'cc catering@…', 'and bcc me at owner@…', 'copying in ops@…': an address copied in, right before it
_COPIED = re.compile(
    r"\b(?:b?cc|copy(?:ing)?|copied|cc'?ing)\s+(?:in\s+)?(?:(?:me|us)\s+)?(?:(?:at|on)\s+)?(?:to\s+)?\(?\s*$",
    re.I,
)
_SUBJECT_ALONE = re.compile(
    r"\s*(?:with\s+)?(?:the\s+|a\s+)?subject(?:\s+line)?\s*(?::|-|–)?\s*(?:'[^'\n]{1,120}'|\"[^\"\n]{1,120}\"|“[^”\n]{1,120}”)"
    r"\s*[.!]?\s*",
    re.I,
)
_ADDR = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an address as a clause holds it (its dots kept)
_AND = r"(?:and|&|y|e|et|und)"  # 'and' between two addresses, as the planner's languages say it
_ADDRESS_ALONE = re.compile(r"\s*" + _ADDR + r"\s*[.!]?\s*")
_NAMED_ADDRESS = re.compile(r"\s*(?:[A-Z][\w'’.-]*\s+){1,3}\(\s*" + _ADDR + r"\s*\)\s*[.!]?\s*")
_ADDRESSES_ALONE = re.compile(
    r"\s*(?:" + _AND + r"\s+)?" + _ADDR + r"(?:\s*(?:,|,?\s*" + _AND + r"\s)\s*" + _ADDR + r")*\s*[.!]?\s*",
    re.I,
)


def listed_addresses(clause: str, first: re.Match[str]) -> list[str]:
    """The address found and those listed right after it ('a@x.io, b@x.io and c@x.io'): one e-mail's recipients."""
    listed, end = [first.group(0)], first.end()
    for more in lx.EMAIL_RE.finditer(clause, end):
        if not _ADDRESS_JOINT.fullmatch(clause[end : more.start()]):
            break
        listed.append(more.group(0))
        end = more.end()
    return listed


def _addresses_alone(part: str) -> bool:
    """'kai@x.io and dee@x.io', '… dee@x.io thx': a part that only goes on with a list of addresses (a word or two of
    sign-off after it)."""
    found = _ADDRESSES_ALONE.match(part)
    return found is not None and len(part[found.end() :].split()) <= 2


# between two addresses of one list of recipients: 'a@x.io, b@x.io and c@x.io', 'Maya (maya@x.io) and Leo (leo@x.io)',
# 'me (ana@x.com) and my partner (lee@x.com)',
# 'a ana@x.es y a pablo@x.es' (read 'and to pablo@…')
_ADDRESS_JOINT = re.compile(
    r"\)?\s*(?:,\s*(?:" + _AND + r"\s+)?|" + _AND + r"\s+)(?:(?:to|a|à|an)\s+)?"
    # ('me (ana@x.com) and my partner (lee@x.com)': a person named by their role, the address in brackets)
    r"(?:[A-Z][\w'-]*\s*\(\s*|(?:my|our|the|his|her|their)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+\s*\(\s*)?",
    re.I,
)
# an e-mail sent to someone the clause names by role or name, not by address ('email the CEO', 'mail it to our head of ops')
_MAILED_TO = re.compile(
    r"\b(?:e-?mail(?:ed|s)?|mail|send|forward|cc)\b(?:\s+(?:it|them|this|that|the\s+[\w-]+(?:\s+[\w-]+)?|a\s+[\w-]+(?:\s+[\w-]+)?))?"
    r"\s+(?:to\s+)?(?:the|our|my|their|his|her)\s+[\w-]+(?:\s+(?:of\s+)?[\w-]+){0,3}\s*$"
    # ('send an email with the list of students to the teacher, maestra@…': what it carries said before 'to')
    r"|\b(?:e-?mail(?:ed|s)?|mail|send|sends|forward|forwards)\b[^,;:.!?\n]{1,80}?\s+to\s+"
    r"(?:the|our|my|their|his|her)\s+[\w-]+(?:\s+(?:of\s+)?[\w-]+){0,3}\s*$",
    re.I,
)
# ('… on Microsoft Teams, channel 'Field Sales'', '… in Confluence, page 'Runbooks'': a chat's channel, a wiki's page too)
# ("… post them to our Discord, the welcome-desk channel", "… in Teams, the 'Lab Ops' channel": the name before the noun)
_PLACE_ALONE = re.compile(
    r"^\s*(?:in\s+|the\s+)?(?:table|sheet|tab|database|collection|folder|board|project|base|space|workspace|"
    r"channel|page|team|list|calendar)\s+"
    r"(?:called\s+|named\s+)?(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|„[^“\"\n]{1,60}[“\"]|[\w-]+)\s*$"
    # ('The spot's in Google Calendar, on the 'Truck Spots' calendar': the place named again by its own name)
    r"|^\s*(?:(?:in|on)\s+)?(?:the|our)\s+(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|#?[\w-]+)\s+"
    r"(?:channel|calendar)\s*[.!]?\s*$",
    re.I,
)
_CHANNEL_ALONE = re.compile(
    r"\s*(?:(?:in|to|on|into)\s+)?(?:the\s+|our\s+)?(?:channel\s+)?#[\w-]+(?:\s+channel)?\s*[.!]?\s*", re.I
)
_ARROW_STEP = re.compile(r"\s+(?=(?:->|→|=>)\s+\S)")
_KINDS_AFTER = re.compile(r"([^:→>\n]{1,80}):\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*(?:->|→|=>)\s", re.I)


def _kinds_after_sort(part: str) -> bool:
    """'send each order to the right place: hotel orders → …', 'sort them: trade enquiries → …': a kind of a few
    words before the arrow, right after a sorting head's colon, is the first route's head, not a step before it."""
    m = _KINDS_AFTER.match(part)
    return bool(m and _SORTED_HEAD.search(m.group(1)))


_KIND_ARROW = re.compile(
    # ("- 'post' → email …": any kind said in quotes before the arrow)
    # ('booking problems → …', 'billing questions -> …': a verb's -ing form before the noun it names a kind of)
    r"\W*(?:[a-z][\w-]*(?:ing|s)|[a-z][\w-]*ing\s+[a-z][\w-]*|(?<=['\"‘“])[^'\"’”\n]{1,30}['\"’”])\s*(?:->|→|=>)\s",
    re.I,
)


# -- simple clauses -----------------------------------------------------------------------------
def _quoted(text: str) -> str | None:
    """A quoted name or phrase: "…" / “…” first, then '…' not opened by an apostrophe ("today's")."""
    found = re.search(r"[\"“]([^\"”]{2,120})[\"”]", text) or re.search(r"(?<!\w)'([^']{2,120})'(?!\w)", text)
    return found.group(1) if found else None


# a URL the message carries ('email them the webinar link https://…', 'post the form (https://…) in #team') vs
# one a step calls ('fetch https://…', 'POST to https://…', 'a summary of https://…'): the nearest verb decides
_MESSAGE_VERB = (
    r"e-?mail\w*|send\w*|post|posts|posting|share\w*|text|texts|message\w*|remind\w*|invite\w*|thank\w*|dm|"
    r"repl(?:y|ies)|include\w*|announce\w*|tell|tells|drop|drops|add|adds|put|puts|"
    # ('WhatsApp them our aftercare link https://…', 'sms the guest …': a channel's name as the verb)
    r"whats\s?app(?:s|ed)?|sms(?:es|ed)?|telegram(?:s|med)?|slack(?:s|ed)?"
)
_FETCH_VERB = (
    r"fetch\w*|get|gets|poll\w*|check\w*|scrape\w*|crawl\w*|call|calls|read|reads|monitor\w*|query|queries|"
    r"download\w*|ping\w*|hit|hits|visit\w*|load\w*|watch\w*|request\w*|pull\w*|grab\w*|open\w*|"
    r"summari[sz]e\w*|analy[sz]e\w*|review\w*|research\w*|track\w*|test\w*|verif\w*|validat\w*|look|looks|looking"
)


# 'forms.gle/q9Lm2', 'calendly.com/acme/intro': an address with a path, written without its scheme
_BARE_LINK = re.compile(r"(?<![@\w./:-])((?:[a-z0-9-]+\.)+[a-z]{2,6}/[\w./?=&%#-]*[\w/])(?![\w@-])", re.I)


# 'the link to intake.acme.com/forms', 'pointing them to docs.acme.dev': what comes next is the reader's link
_LINK_TO = re.compile(
    r"\b(?:links?|url|pointing|point|points|linking|directing|direct|directs|refer|refers|referring)"
    r"\s+(?:(?:them|people|users?|the\s+\w+)\s+)?to\s*$"
    # ('it just gives them the link escapequarter.com/book', 'send people our booking link: …': a link handed over)
    # ('the bot replies with the lost property form link https://…', 'answer with our booking link: …')
    r"|\b(?:give|gives|giving|gave|hand|hands|share|shares|sharing|send|sends|sending|provide|provides|offer|offers|"
    r"repl(?:y|ies|ying)|respond(?:s|ing)?|answer(?:s|ing)?|include(?:s|ing)?)"
    r"\s+(?:(?:them|him|her|people|users?|customers?|visitors?|the\s+\w+)\s+)?(?:with\s+)?(?:the|a|our|this|that)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:link|url)\s*:?\s*$",
    re.I,
)
# 'pointing them to help.orbitdocs.com': a host alone, no path, carried only after such words
_BARE_HOST = re.compile(r"(?<![@\w./:-])((?:[a-z0-9-]+\.)+[a-z]{2,6})(?![\w@/-])", re.I)


def shared_links(clause: str) -> list[str]:
    """The URLs a message in `clause` carries to its reader, not addresses a step requests — written with
    their scheme or as a host with a path ('a link to our survey forms.gle/q9Lm2'), or a host alone right
    after 'pointing them to' / 'a link to'."""
    out = []
    urls = list(lx.URL_RE.finditer(clause))
    blank = lx.URL_RE.sub(lambda u: " " * len(u.group(0)), clause)
    bare = list(_BARE_LINK.finditer(blank))
    blank = _BARE_LINK.sub(lambda u: " " * len(u.group(0)), blank)
    hosts = [h for h in _BARE_HOST.finditer(blank) if _LINK_TO.search(clause[: h.start()])]
    for m in sorted([*urls, *bare, *hosts], key=lambda found: found.start()):
        before = clause[: m.start()]
        if _LINK_TO.search(before) and not _written_method(before):
            out.append(m.group(m.lastindex or 0))  # 'with the link to …', 'pointing them to …': carried
            continue
        if re.search(r"\b(?:to|from|into|of|via|on)\s*[(\[]?\s*$", before, re.I) or _written_method(before):
            continue  # 'POST https://…', 'PATCH … at https://…': a request to make
        if _site_named_before(before):
            continue  # '… (RSS at feeds.example.fm/main.xml) post the title …': the feed is read, not carried
        verbs = [
            v
            for v in re.finditer(rf"\b(?:(?P<msg>{_MESSAGE_VERB})|{_FETCH_VERB})\b", before, re.I)
            if not re.search(
                r"\b(?:a|an|the|our|your|their|my|his|her|its|this|that|new|latest|recent|old)\s+(?:[\w-]+\s+){0,2}$",
                before[: v.start()],
                re.I,
            )
        ]  # 'book a call at https://…', 'a screening call calendly.com/…', 'new posts from our feed https://…', 'with
        # my review link https://…': after a determiner or a possessive (or 'new', 'latest') the word is a noun
        if verbs and verbs[-1].group("msg"):
            out.append(m.group(m.lastindex or 0))
    return out


_CODE = re.compile(
    r"\b((?:(?:discount|promo|coupon|voucher|access|reset|confirmation|booking|tracking|referral|gift|invite|"
    r"invitation|verification|security|entry|door|wifi|wi-fi)\s+)?(?:code|coupon|voucher|password|pin))\s*[:#]?\s*"
    r"((?-i:[A-Z0-9])[A-Za-z0-9-]{3,})\b",
    re.I,
)


# 'with the property address 14 Elm Street', 'the venue address: 5 Rue de Rivoli': a street address a message carries
_ADDRESS = re.compile(
    r"\b((?:[a-z-]+\s+)?address)\s*(?:is\s+)?[:,]?\s*(?:at\s+)?"
    r"((?-i:\d{1,5}[A-Za-z]?,?\s+(?:(?:[A-Z][\w'’.-]*|de|du|la|le|del|da|van|von)\s+){0,3}[A-Z][\w'’.-]*|"
    r"(?:Rue|Calle|Via|Avenida|Avenue)\s+[\w'’ -]{2,30}?\s*,?\s*\d{1,5}[A-Za-z]?))\b",
    re.I,
)


# 'a thank-you email signed Maria', 'sign it as The Ops Team': the name a message closes with
_SIGNED = re.compile(
    r"\b(?:signed|sign(?:ed)?\s+(?:it\s+|off\s+)?(?:as|with|by))\s*:?\s*[\"'“‘]?"
    r"((?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*)){0,3})",
    re.I,
)


def _codes(clause: str) -> list[tuple[str, str]]:
    """'with the discount code WELCOME10', 'coupon SPRING-24': (what it is, the code) a message must carry —
    a code has a digit or is written in capitals; a street address after 'address' likewise."""
    codes = [
        (re.sub(r"^(?:the|a|an|our|their|your)\s+", "", m.group(1).lower()), m.group(2))
        for m in _CODE.finditer(clause)
        if re.search(r"\d", m.group(2)) or m.group(2).isupper()
    ]
    addresses = [(re.sub(r"^the\s+", "", m.group(1).lower()), m.group(2)) for m in _ADDRESS.finditer(clause)]
    return codes + addresses + _bracketed(clause)


def _bracketed(clause: str) -> list[tuple[str, str]]:
    """'with the orientation date (march 14)', 'the meeting point (Pier 7, 9am)': (what, the fact) given in
    brackets."""
    return [
        (m.group(1).lower(), m.group(2).strip())
        for m in _BRACKETED.finditer(clause)
        if re.search(r"\d|[A-Z]", m.group(2))
        and not _NOT_A_FACT.search(m.group(2))
        # 'text the client (Twilio)': the service it goes by, not a fact to send
        and not lx.integrations_in(m.group(2))
    ]


_BRACKETED = re.compile(
    r"\b(?:the|our|a|an|their|its)\s+((?:[\w-]+\s+){0,2}[\w-]+)\s*\(([^()\n]{2,60})\)", re.I
)
# what brackets say about the text itself, not a fact to send: a host, an address, a column, how it runs
_NOT_A_FACT = re.compile(
    r"[@/]|\.[a-z]{2,}\b|\b(?:webhook|api|column|col|field|tab|sheet|table|check|every|daily|hourly|via|e\.g|i\.e|"
    r"optional|see|like|such|etc)\b"
    # '(+14155550101, +14155550102)' after 'the two drivers': whom it goes to, not what it says
    r"|^\s*\+?\d[\d\s-]{6,}\d(?:\s*(?:,|and|&|/)\s*\+?\d[\d\s-]{6,}\d)*\s*$",
    re.I,
)


def _said(clause: str) -> str | None:
    """The quoted words a message sends: "post 'lunch is here'", 'a message saying "…"', 'with the text '…''
    (a quote after a place word — 'to the 'alerts' channel' — names a place, not the message); or a quote
    that a noun and a colon introduce ('our parking instructions: 'park in Lot C'')."""
    found = re.search(
        r"(?:\b(?:post|posts|send|sends|say|says|saying|reading|write|writes|"
        # ("reply in the thread with 'logged ✅'": where the reply goes, between)
        r"repl(?:y|ies)(?:\s+(?:in|on|to|into|via)\s+(?:[\w@#’-]+\s+){0,4}?(?=with\b|saying\b))?(?:\s*(?:with|saying))?|"
        r"with\s+(?:the\s+)?(?:message|text|words?|note))\s*:?|(?<=[a-z])(?<!subject)(?<!title)(?<!name)(?<!channel)(?<!label)(?<!tag)(?<!column)(?<!trigger)(?<!when):)\s*"
        r"(?:[\"“]([^\"”]{2,200})[\"”]|(?<!\w)'([^']{2,200})'(?!\w))",
        clause,
        re.I,
    )
    if found is None:
        # "reply to them on whatsapp 'thanks! pickup is fri 4-7pm'", "reply back by email 'got it'": the quote after
        # whom the reply goes to and the way it goes (not a place's name: "reply in the 'ops' thread")
        found = re.search(
            r"\brepl(?:y|ies)\s+(?:back\s+)?(?:to\s+(?:them|him|her|the\s+[a-z][\w-]*|each\s+[a-z][\w-]*|whoever\s+[a-z][\w-]*)"
            r"\s+)?(?:(?:on|in|via|by|through|over)\s+(?:[\w’-]+\s+){0,1}?[\w’-]+\s*)?:?\s*"
            r"(?:[\"“]([^\"”]{2,200})[\"”]|(?<!\w)'((?:[^'\n]|(?<=\w)'(?=\w)){2,200})'(?!\w))"
            r"(?!\s+(?:channel|thread|group|chat|sheet|table|tab|list|board|page|folder|inbox|label|column|field)\b)",
            clause,
            re.I,
        )
    if found is None:
        # "write them an email 'Hi <name>, thanks …'", 'the msg 'Prep starts at 8'': the quote right after the
        # message it is
        found = re.search(
            r"\b(?:an?|the|this|that)\s+(?:e-?mail|message|msg|text|note|sms|dm|reply|tweet)\s*:?\s*"
            r"(?:[\"“]([^\"”]{2,200})[\"”]|(?<!\w)'([^']{2,200})'(?!\w))",
            clause,
            re.I,
        )
    if found is None:
        # 'text the client (Twilio) "Thanks, we've received your form"', 'message them: "…"': the quote after the
        # one the message goes to (and the service, in brackets)
        found = re.search(
            r"\b(?:text|texts|sms|message|messages|email|emails|e-mail|e-mails|whatsapp|ping|pings|tell|tells)\s+"
            r"(?:(?:the|our|each|every|that|this|their)\s+[a-z][\w-]*|them|him|her|me|us|everyone)\s*"
            r"(?:\([^()\n]{1,40}\)\s*)?:?\s*(?:[\"“]([^\"”]{2,200})[\"”]|(?<!\w)'([^']{2,200})'(?!\w))",
            clause,
            re.I,
        )
    if found is None:
        # 'I want the customer texted (Twilio) "Hi <first name>, …"', 'the guest gets a WhatsApp ("Hi <name>, your
        # table … is confirmed")': the quote after the person it is sent to, or a sentence quoted in brackets
        found = re.search(
            r"\b(?:the|our|each|every|that|this|their)\s+[a-z][\w-]*\s+(?:texted|emailed|e-mailed|messaged|"
            r"whatsapped|sent|notified)\s*(?:\([^()\n]{1,40}\)\s*)?:?\s*(?:[\"“]([^\"”]{2,200})[\"”]|"
            r"(?<!\w)'([^']{2,200})'(?!\w))|\(\s*(?:[\"“]([^\"”]{6,200}\s[^\"”]{3,200})[\"”])\s*\)",
            clause,
            re.I,
        )
    if found is None:
        # 'reply with our opening hours: Mon-Sat 9:00-18:00', '… with our address: 4 Quay St': what the user gives
        # after a colon, under the name they gave it
        given = re.search(
            # (not a link's 'https://': 'with our review link https://…' gives the link, sent as it is)
            r"\bwith\s+(our|my)\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s*:(?!//)\s*([^\n\"“”]{3,200}?)\s*\.?\s*$",
            clause,
            re.I,
        )
        return f"{given.group(1).capitalize()} {given.group(2)}: {given.group(3)}" if given else None
    return next(g for g in found.groups() if g).strip() if found is not None else None


# 'mention @oncall', 'and tag @everyone', 'ping @here and @ops-lead': the handles a message calls on
_MENTIONS = re.compile(
    r"\b(?:@-?mention|at-mention|mention|tag|ping|cc|notify|loop\s+in)(?:s|ing|ed)?\s+(?:the\s+)?"
    r"@[\w.-]*\w(?:\s*(?:,|and|&|/)\s*@[\w.-]*\w)*",
    re.I,
)
# "post 'New release is out!' with the version number", '… including the amount': words said with data beside them
# (not 'with the text …', which introduces the words themselves)
_WITH_DATA = re.compile(
    r"\b(?:with|including|include|plus|and)\s+(?:the|its|their)\s+(?!(?:text|message|words?|note|subject|title|"
    r"heading|channel|bot|team|group|caption)\b)[a-z][\w-]*(?:\s+(?:number|id|name|link|url|version|amount|total|"
    r"date|time|status|title))?\b",
    re.I,
)


def _mail_steps_said(description: str) -> list[str]:
    """The e-mails the text asks to send ('email …', 'send … an e-mail'), one per verb."""
    return re.findall(r"\b(?:e-?mail|send)\w*\b", description, re.I)


def _tested(sentence: str) -> re.Match[str] | None:
    """The first test `sentence` asks, none said inside what a message says ('email that parent that we'll donate
    it on Friday unless they collect it': the words sent, no test of the run)."""
    said = _REPORTED.search(sentence)
    return next(
        (
            m
            for m in _IF.finditer(sentence)
            if not (said and said.start("say") <= m.start() < said.end("say"))
        ),
        None,
    )


def reported(clause: str) -> str | None:
    """What a message says in the writer's words ('email them to say we've received it and will reply within 5
    working days'): the gist it carries, in the second person when said to them."""
    reported = _REPORTED.search(clause)
    if reported is None:
        return None
    # 'email them to say we've received it and will be in touch within 10 working days': the words it says
    words = reported.group("say").strip(" ,")
    lead = reported.group(0)[: reported.start("say") - reported.start()]
    people = lexicon()["people"]
    if re.search(
        r"\b(?:them|say|repl(?:y|ies)|respond|back|stating|confirming|explaining|promising|confirm|explain)\b",
        lead,
        re.I,
    ) or any(re.sub(r"(?:'s|s)$", "", w) in people for w in re.findall(r"[a-z-]+", lead.lower())):
        # ('text the customer that their card was declined': said to a person, as well)
        # ('… WhatsApp them to say their table is held': said to them, in the second person)
        swaps = {"their": "your", "they": "you", "them": "you", "they're": "you're", "they'll": "you'll",
                 "they've": "you've", "theirs": "yours"}  # fmt: skip
        words = re.sub(
            r"\b(?:their|they|them|they're|they'll|they've|theirs)\b",
            lambda m: swaps[m.group(0).lower()],
            words,
            flags=re.I,
        )
    # (no full stop after a link it ends on: the stop would read as part of the address)
    return words[:1].upper() + words[1:] + ("" if re.search(r"/\S*$", words) else ".")


# 'to say we've received it …', 'telling them their order has shipped', 'to let her know the room is ready': what a
# message says, in the writer's words (not 'to say whether …': a question is no text to send)
_REPORTED = re.compile(
    r"\b(?:to\s+say|saying|to\s+tell\s+(?:them|him|her|you|the\s+[a-z]+)|telling\s+(?:them|him|her|you|the\s+[a-z]+)"
    r"|to\s+let\s+(?:them|him|her|you|the\s+[a-z]+)\s+know|letting\s+(?:them|him|her|you|the\s+[a-z]+)\s+know"
    # ('an acknowledgement stating that a member of the Firm will respond …', 'reply to the sender that we'll …')
    r"|(?:stating|confirming|explaining|promising|to\s+confirm|to\s+explain)(?=\s+that\b)"
    # ('reply to the customer on Discord that …', 'respond via Telegram that …': the place it goes said on the way)
    r"|(?:repl(?:y|ies)|respond|write\s+back)(?:\s+to\s+(?:them|him|her|the\s+[a-z]+|whoever\s+[a-z]+(?:\s+in)?))?"
    r"(?:\s+(?:on|in|via|through|by|over)\s+(?:the\s+|our\s+)?[A-Z#][\w#-]*)?"
    r"(?=\s+that\b)"
    # ('email that customer that the trip is cancelled', 'post to #incidents that the API is down', 'DM me on Slack
    # (U02…) that a new issue needs triage'): a message verb, whom or where it goes, then what it says — a clause
    # with a subject of its own after 'that' ('email the customers that have unpaid invoices' names who)
    r"|(?:e-?mail|text|sms|whatsapp|message|dm|ping|tell|notify|alert|inform|warn|post)(?:s|ed|ing)?"
    r"(?:\s+(?:to\s+)?(?:me|us|them|him|her|everyone|[#@][\w.-]*\w|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:that|the|each|every|our|their|my|this|his|her)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?))?"
    r"(?:\s+(?:on|in|via|through|by|over)\s+(?:the\s+|our\s+)?[A-Z#][\w#-]*)?(?:\s*\([^()\n]{1,60}\))?"
    r"(?=\s+that\s+(?:the|an?|their|his|her|your|our|my|its|we|they|it|he|she|you|i|this|these|those|there|no|"
    r"nothing|someone|everyone|every|each|all|today|tomorrow)\b))"
    r"\s+(?:that\s+)?(?!(?:whether|if|which|what|how|who|when|where|why|about|so)\b)"
    # (a full stop inside a link or a number is no end: 'update it at https://pay.example.com/card')
    r"(?P<say>(?![\"'“])(?:[^.;!?\n\"“”()]|[.?](?=[\w/])){6,200}?)(?=\s*(?:[.;!?](?![\w/])|[\n(]|$))",
    re.I,
)


def _unlinked(clause: str) -> str:
    """`clause` with the links its message carries blanked out (they are no request to make)."""
    for link in shared_links(clause):
        clause = clause.replace(link, " " * len(link))
    return clause


# 'an answer', 'the relevant reply', 'answers to it', 'relevant articles', 'the closest clauses': what is sought for
# the run's own question, not a topic
_ANSWER = (
    r"(?:(?:(?:an?|the|any|some|relevant|best|right|matching|correct|possible)\s+)*(?:answers?|repl(?:y|ies)|"
    r"responses?|solutions?)|(?:the\s+|any\s+|some\s+)?(?:most\s+)?(?:relevant|matching|closest|related|similar|"
    r"nearest)\s+(?:[\w-]+\s+)?(?:articles?|docs?|documents?|passages?|entries|clauses?|chunks?|results?|matches|"
    r"information|info|content|pages?|sections?|snippets?|policies|faqs?))\b"
    r"(?:\s+to\s+(?:it|them|that|this|their\s+\w+))?\s*$"
)


def _search_query(clause: str) -> str:
    """What to search for: a quoted phrase, the words after 'about/for', or the object of the search verb.

    Filler ('their company', 'our YouTube channel') is not a query: the previous output ({prev}) is."""
    q = _quoted(clause)
    if (
        q
        and not re.search(  # ('search the "support-docs" Pinecone index': the name is the place searched)
            r"['\"\u2018\u201c]"
            + re.escape(q)
            + r"['\"\u2019\u201d]\s+(?:\w+\s+)?(?:index|knowledge\s+base|collection|"
            r"namespace|table|database)\b"
            r"|\b(?:index|knowledge\s+base|collection|namespace|table|database)\s+(?:called\s+|named\s+)?['\"\u2018\u201c]"
            + re.escape(q)
            + r"['\"\u2019\u201d]",
            clause,
            re.I,
        )
    ):
        return q
    if q:
        return "{prev}"  # the place's name is no query: what the run holds is searched there
    if re.search(
        r"\b(?:run|do|perform|make|start)\s+an?\s+(?:quick\s+)?(?:web|google|internet|online)?\s*search\b(?!\s+(?:for|about|on)\b)",
        clause,
        re.I,
    ):
        return "{prev}"  # 'run a web search': on what the run was given
    services = [
        p.strip()
        for e in list(lexicon()["integrations"].values())
        + [e for k, e in lexicon()["search"].items() if not k.startswith("_")]
        for p in e["phrases"]
    ] + ["google", "the web"]
    service = "|".join(re.escape(p) for p in sorted(set(services), key=len, reverse=True) if p)
    # 'searches the web (any search tool) for …', '(whichever engine is fine)': an aside on the tool says how, not what
    clause = re.sub(
        r"\s*\((?:any|whichever|some|your)\s+(?:[\w-]+\s+)?(?:tool|engine|api|provider|service)s?\b[^()]*\)",
        "",
        clause,
        flags=re.I,
    )
    found = (
        re.search(r"\b(?:about|regarding|mentioning)\s+(.+)$", clause, re.I)
        or re.search(
            r"\b(?:search(?:es|ing)?|finds?|look|looks|research(?:es)?|ask|query|read|check|scan)\b(?:\s+(?:up|the web|online|the internet|(?:(?:with|using|via|on|in)\s+)?"
            r"(?:(?:our|my|the)\s+)?(?:"
            + service
            + r")(?:\s+(?:news|workspace|space|docs|base))?))*\s+for\s+(.+)$",
            clause,
            re.I,
        )
        or re.search(
            r"\b(?:search(?:es)?|finds?|looks? up|research(?:es)?|investigates?)\s+(?:the web\s+|online\s+)?(?:for\s+)?(.+)$",
            clause,
            re.I,
        )
        # 'get the wind forecast for Segovia from the web': what a read verb takes from the web
        or re.search(
            r"\b(?:get|gets|fetch(?:es)?|pulls?|grabs?|takes?|checks?|reads?)\s+(.+?)\s+(?:from|off|on)\s+"
            r"(?:the\s+)?(?:web|internet|net)\b",
            clause,
            re.I,
        )
    )
    text = found.group(1) if found else ""
    # 'searches the web (Perplexity is fine)': an aside naming the tool says how, not what
    text = re.sub(r"\s*\([^()]*\b(?:" + service + r")\b[^()]*\)", "", text, flags=re.I)
    # 'news about that company', 'reviews of this product': the one the run was given
    text = re.sub(
        r"\b(?:that|this|the given|the posted|the submitted|the incoming|the sent)\s+(?!week|month|day|year)[\w-]+\b",
        "{prev}",
        text,
        count=1,
        flags=re.I,
    )
    # "research the lead's company", "the applicant's school": a person's thing the run was given, by their noun
    text = re.sub(
        r"^(?:on\s+|into\s+)?the\s+(?:new\s+)?(?:" + "|".join(lexicon()["people"]) + r")['’]s\s+.*$",
        "{prev}",
        text.strip(),
        flags=re.I,
    )
    # trailing 'with Exa', 'from X', 'on our YouTube channel' name the tool or the place, not the topic ('searches the
    # web with Tavily': nothing but the tool)
    text = re.sub(
        r"(?:^|\s+)(?:using|with|via|on|in|from|at)\s+(?:my\s+|our\s+|the\s+)?(?:" + service + r")\b.*$",
        "",
        text,
        flags=re.I,
    )
    # 'look up their company with a web search': how it is looked up, not what
    text = re.sub(
        r"\s+(?:using|with|via|through|by)\s+(?:a|an)\s+(?:quick\s+)?(?:web|google|internet|online)?\s*search\b.*$",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(
        r"\s+(?:and\s+|then\s+)*(?:for\s+)?(?:each|every)\b.*$|\s+(?:and|then)$", "", text, flags=re.I
    )
    # 'it searches the web and answers with sources': the next step, not what is searched for
    text = re.sub(r"^(?:and|then)\s+.*$", "", text.strip(), flags=re.I)
    text = re.sub(
        r"\s+(?:and|then)\s+(?:give|gives|return|returns|send|sends|show|post|e-?mail|reply|tell)\b.*$",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(
        r"^(?:on|into)\s+(?=(?:their|his|her|its|the)\b)", "", text.strip(" ,."), flags=re.I
    )  # 'on their company', 'on the company'
    # 'search the web', 'look the company up online': where to search, not what
    text = re.sub(r"(?:^|\s+)(?:on\s+|in\s+)?(?:the\s+)?(?:web|internet|online)$", "", text, flags=re.I)
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    # '(about) 10 matching companies', 'relevant job ads': what matches what the run was given
    text = re.sub(
        r"^(?:(?:about|around|roughly|some|up\s+to)\s+)?(?:\d+\s+|a\s+few\s+|several\s+)?(?:matching|corresponding|"
        r"suitable|fitting)\s+(?=\w)",
        "{prev} ",
        text,
        flags=re.I,
    )
    lead = re.match(r"((?:[\w'-]+\s+)+?)(?=[A-Z])", text)
    if lead and lx.is_filler(lead.group(1)):  # 'the company Stripe' → 'Stripe'
        text = text[lead.end() :]
    return "{prev}" if lx.is_filler(text) or re.match(_ANSWER, text, re.I) else text


def _with_topic(query: str, description: str) -> str:
    """'Search the news with Tavily for articles from the past week' in a page whose goal is 'news about 'solid-state
    batteries'': a search whose own words name only what kind of thing it finds (lexicon.json 'generic_finds') looks
    for the one topic the text quotes after such a noun ('papers about 'X'', 'research on "X"'), before its words."""
    finds = lexicon()["generic_finds"]
    if not re.fullmatch(finds["query"], query.strip(), re.I):
        return query
    topics = {m.group(1).strip() for m in re.finditer(finds["topic"], description, re.I)}
    if len(topics) != 1:
        return query
    topic = topics.pop()
    return query if topic.lower() in query.lower() else f"{topic} {query}"


def _process(kind: str, clause: str, description: str) -> Step:
    entry = lexicon()["processing"][kind]
    prompt = entry["prompt"]
    low = clause.lower()
    if kind == "classify":
        found = re.search(r"\b(?:into|as)\s+(.+?)(?:\s+(?:and then|then)\b|$)", clause, re.I)
        # ('into one of three kinds: commission enquiry, supplier invoice, or complaint': the kinds after the colon)
        said = found.group(1).rpartition(":")[2] if found else ""
        labels = [w.strip(" '\"") for w in re.split(r",|\bor\b|\band\b", said)] if found else []
        labels = [w for w in labels if w and len(w.split()) <= 3]
        prompt = prompt.replace("{labels}", f" from: {', '.join(labels)}" if labels else "")
        label = "Classify"
    elif kind == "translate":
        found = re.search(r"\b(?:to|into)\s+([A-Z][a-z]+|[a-z]+)\b", clause)
        language = found.group(1).capitalize() if found else "English"
        prompt = prompt.replace("{language}", language)
        label = f"Translate to {language}"
    elif kind == "extract":
        found = re.search(
            r"\b(?:extract|pull out|list|identify)\s+(?:all\s+)?(?:the\s+)?(.+?)(?:\s+(?:from|in)\b|$)",
            clause,
            re.I,
        )
        listed = None if found else _FIELD_LIST.search(clause.lower())
        prompt = prompt.replace(
            "{what}", found.group(1) if found else (listed.group("list") if listed else "the key fields")
        )
        label = "Extract"
    elif kind == "filter":
        found = re.search(
            r"\b(?:pick|select|filter|keep)\w*\s+(?:out\s+|only\s+)?(.+?)(?:\s+(?:and then|then)\b|$)",
            clause,
            re.I,
        )
        prompt = prompt.replace("{what}", found.group(1) if found else "the relevant items")
        label = "Filter"
    elif kind == "draft":
        found = re.search(
            # 'draft a welcome email …', 'generates 3 marketing taglines with AI', 'come up with five names'
            # ('prepare a weekly report', 'write up a digest', 'put together a changelog')
            r"\b(?:drafts?|writes?(?:\s+up)?|composes?|generates?|prepares?|produces?|put(?:s|ting)?\s+together|"
            # ('a win-back message offering 20% off', 'a note with a $10 credit': what it offers, with its sign)
            r"comes? up with)\s+((?:an?|\d{1,2}|two|three|four|five|ten|some|a few)\s+"
            r"[\w\s'’%$€£-]+?)(?:\s+(?:to|for|with|using|based|from|and|then|into|via|back)\b|\s*[,;.(]|$)"
            # ('write release notes grouped by type', 'writes show notes'): a text named without an article
            r"|\b(?:drafts?|writes?(?:\s+up)?|composes?|prepares?|produces?)\s+((?:[\w-]+\s+)?(?:release\s+notes|show\s+notes|"
            r"notes|copy|summaries|reports|minutes))\b"
            # 'turned into show notes', 'turn them into a blog draft', 'turns that into a 600-word first draft': what
            # it becomes
            r"|\bturn(?:s|ed|ing)?\s+(?:(?:it|them|that|this|these|those)\s+)?into\s+((?:an?\s+)?[\w\s-]+?)"
            r"(?:\s+(?:and|to|for|with|using|based|from)\b|[,;.]|$)"
            # 'email me a one-paragraph brief', 'a short write-up on Slack': a text named by what it is
            r"|\b((?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(lexicon()["written_nouns"]) + r"))\b",
            clause,
            re.I,
        )
        # a text nobody named is a reply only when one is asked for ('reply to them', 'answer the question')
        unnamed = "a reply" if re.search(r"\b(?:repl|respond|answer)", low) else "a message"
        what = (next((g for g in found.groups() if g), unnamed) if found else unnamed).strip()
        # ('a personalised outreach email in Gmail', 'a reply in Outlook': where it goes is the next step's)
        place = re.search(r"\s+(?:in|on)\s+(.+)$", what)
        if place and lx.integrations_in(place.group(1)):
            what = what[: place.start()]
        prompt = prompt.replace("{what}", what)
        label = "Draft"
    elif kind == "aggregate":  # 'rank the reps by deals won', 'group them by product': the clause is the task
        # (a clause whose event was blanked out, 'when        have the AI guess …': what is left of the event goes)
        task = re.sub(r"^\W*(?:(?:when(?:ever)?|once|as\s+soon\s+as)\s{2,})?", "", clause)
        task = re.sub(r"^\W*(?:(?:also|then|and|please)\s+)*", "", re.sub(r"\s{2,}", " ", task)).strip(" .")
        # 'use AI to pull the name out of the email': the task is what the model is used to do
        # ('paste it into ChatGPT to get …' reaches here as 'use AI to get …': lexicon.ai_handoffs)
        # ('Logic: AI works out …', '**Processing:** the AI totals …': a spec line's heading is not the task)
        task = re.sub(r"^\**[A-Za-z]+(?:\s+[A-Za-z]+)?\**\s*:\**\s+", "", task)
        # ('have AI work out which …', 'get the ai to figure out …': who does it is not the task either)
        means = re.match(
            r"(?:use|using)\s+(?:the\s+|an?\s+|our\s+)?(?:ai|llm|gpt|chatgpt|claude|agent)\s+to\s+"
            r"|(?:have|get|let|ask)\s+(?:the\s+|an?\s+|our\s+)?(?:ai|llm|gpt|chatgpt|claude|agent)\s+(?:to\s+)?",
            task,
            re.I,
        )
        task = task[means.end() :][:1].upper() + task[means.end() + 1 :] if means else task
        prompt = prompt.replace("{task}", task)
        label = task.split()[0].capitalize() if task else "Process"
    else:
        label = kind.capitalize()
    if kind == "summarise":
        prompt = _summary_shape(clause, description) or prompt
    model = lx.model_in(clause) or lx.model_in(description) or lexicon()["default_model"]
    values = {
        "systemPrompt": prompt,
        "userPrompt": "{prev}",
        "model": model,
        "temperature": "0.3",
        "apiKey": lx.api_key_for(model),
    }
    if "json" in low and kind != "extract":
        values["systemPrompt"] += " Answer in JSON."
    return Step("process", "agent", values, label=label, text=clause)


def _summary_shape(clause: str, description: str) -> str | None:
    """The prompt of a summary whose length or fullness the writer says ('three sentences max', 'a detailed summary,
    a paragraph per delivery': lexicon.json `summary_shapes`), in its clause first, else anywhere in the text."""
    for text in (clause, description):
        for shape in lexicon()["summary_shapes"]:
            found = re.search(shape["pattern"], text, re.I)
            if found:
                return shape["prompt"].replace("{n}", (found.groupdict().get("n") or "").lower())
    return None


_DOERS = ("ai", "agent", "llm", "gpt", "claude")
# a model named as the one doing the work, whatever its verb: the clause's subject ('AI picks …', 'the agent
# sorts …'), told to ('have an agent sum up …', 'let GPT turn …') or the means ('compare it with AI')
_DOER_AT_WORK = re.compile(
    r"(?:^[\W\d]*|\b(?:have|let|get|ask|make|tell)\s+)(?:the\s+|an?\s+|our\s+)?(?:ai|llm|gpt|chatgpt|claude|agent)"
    r"(?:\s+agent)?\s+(?!(?:agent|news|tools?|model|is|was|will|can|should|that|which|and|or|to)\b)([a-z]+)"
    # ('use AI to pull the name out of the email': the model is the means the verb is done with)
    # ('get the AI to say if it looks injured', 'ask Claude to rate it': the model told to, its verb after 'to')
    r"|\b(?:use|uses|using|get|gets|ask|asks|tell|tells)\s+(?:the\s+|an?\s+|our\s+)?(?:ai|llm|gpt|chatgpt|claude|agent)"
    r"(?:\s+agent)?\s+to\s+([a-z]+)"
    # ('make with AI a proposal of answer': the means said before the object)
    r"|\b(?:with|using|via|by)\s+(?:the\s+|an?\s+)?(?:ai|llm|gpt|claude|an?\s+agent)"
    r"\s*(?:[,;.]|$|(?=(?:a|an|the|some|one)\s))"
    # ('with a short AI-written intro', 'an AI-generated caption': the text is the model's work)
    r"|\b(?:ai|llm|gpt|claude)[- ](?:written|generated|crafted|composed|authored|produced|made|created)\b"
    # ('a care guide written by AI', 'captions generated by GPT': the same, said after the text)
    r"|\b(?:written|generated|crafted|composed|drafted|produced|made|created)\s+by\s+(?:the\s+|an?\s+)?"
    r"(?:ai|llm|gpt|chatgpt|claude)\b"
)


# ('get the AI: say if it looks injured': the model told to, its verb after the colon its infinitive became — not
# 'AI: Pim', a meeting's action item)
_TOLD_COLON = re.compile(
    r"(\b(?:have|let|get|ask|make|tell)\s+(?:the\s+|an?\s+|our\s+)?(?:ai|llm|gpt|chatgpt|claude))\s*:"
)


def _doer_at_work(low: str) -> re.Match[str] | None:
    """`_DOER_AT_WORK` in `low`, a colon after the model told to read as a space (the positions stay)."""
    return _DOER_AT_WORK.search(
        _TOLD_COLON.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), low)
    )


def _declined(low: str, at: int) -> bool:
    """The processing verb at `at` is turned down: 'without summarising', "don't analyse", 'no AI summary',
    'compute nothing (fancy)'."""
    return bool(
        re.search(
            r"\b(?:without|no|not|don't|do\s+not|never|no\s+need\s+to|nothing\s+to)\s+(?:(?:any|an?|ai|the|further|to)\s+)*$",
            low[:at],
        )
        or re.match(r"[\w-]*\s+nothing\b", low[at:])
    )


# 'pull vendor, amount, due date', 'grab the name, email and company': three or more fields named after a verb of
# taking, with no place after them ('pull issues, PRs and commits from GitHub' is a read)
# (a field is no preposition: 'GET <address> for USD, EUR and JPY' names what is asked for, not fields to pull out)
_FIELD_WORD = (
    r"(?!(?:and|from|in|on|of|to|into|out|for|with|then|at|by)\b)"
    r"[a-z][\w-]*(?:\s+(?!(?:and|from|in|on|of|to|into|out|for|with|then)\b)[a-z][\w-]*)?"
)
_FIELD_LIST = re.compile(
    r"\b(?:pull|grab|get|take|capture)\s+(?:out\s+)?(?:the\s+|their\s+|its\s+)?(?P<list>"
    + _FIELD_WORD
    + r"(?:\s*(?:,|\+|&)\s*(?:and\s+)?"
    + _FIELD_WORD
    + r"|\s+and\s+"
    + _FIELD_WORD
    + r"){2,})\b(?!\s*(?:,\s*)?(?:from|in|on|of|out\s+of)\b)",
)


def _answers_noun(low: str, at: int) -> bool:
    """'send the form answers to our EHR', 'fetch the event's questions and answers', 'still need an answer':
    'answer(s)' at `at` is a noun (after a determiner and up to two nouns that are no doer — 'the bot answers' is a verb — or after
    'questions and'), not a request to answer."""
    if re.match(r"answer\b", low[at:]):
        # 'which ones still need an answer', 'tickets that got no answer': what items lack, no request to answer
        return bool(
            re.search(
                r"\b(?:need|needs|needed|get|gets|got|without|awaiting|waiting\s+for|lack|lacks)\s+"
                r"(?:an?\s+|no\s+|any\s+)?(?:(?!(?:ai|agent|bot|assistant|llm|gpt|claude|model|it|them)\b)[\w-]+\s+)?$",
                low[:at],
            )
        )
    if not re.match(r"answers\b", low[at:]):
        return False
    return bool(
        re.search(
            r"\b(?:the|their|its|our|your|his|her|all|any|of|with)\s+"
            r"(?:(?!(?:ai|agent|bot|assistant|llm|gpt|claude|model|it|he|she|they|someone)\b)[\w'’-]+\s+){0,2}$"
            r"|\bquestions?\s+(?:and|&)\s+$",
            low[:at],
        )
    )


_TOLD_REPLY = re.compile(
    # 'assume Felix knows the answer', 'confused by automated replies', 'the main one is the draft reply': a reply
    # named as a thing (not one a verb asks to write or send: 'write the answer', 'send them a reply')
    r"(?:(?<!\bwrite\s)(?<!\bdraft\s)(?<!\bcompose\s)(?<!\bgenerate\s)(?<!\bprepare\s)(?<!\bgive\s)"
    r"(?<!\bsend\s)(?<!\bpost\s)(?<!\bwith\s)\b(?:the|its|their|our|my|your|his|her)\s+"
    r"(?:(?!(?:ai|agent|bot|assistant|llm|gpt|claude|model|it|he|she|they|someone|same)\b)[\w'’-]+\s+)?"
    # ('write a suggested reply for each': one to be reviewed, not sent)
    r"|\b(?:automated|automatic|canned|generic|suggested|proposed|draft|possible|sample|robot|robotic|machine)\s+"
    # ("they'd hate a robot reply", 'nobody wants an automatic answer': a reply disliked, none to send)
    r"|\b(?:hate|hates|dislike|dislikes|mind|resent)\s+(?:an?\s+|any\s+|the\s+)?(?:[\w-]+\s+)?"
    # 'check the inbox for replies from the caterer', 'any new replies': replies looked for, not one to send
    r"|\b(?:for|any|new|unread|incoming)\s+"
    # 'a question I can't answer', 'nobody here can answer': what a person cannot do, no reply to send
    r"|\b(?:i|we|you|they|he|she|nobody|no\s+one)\s+(?:can['’]?t|cannot|can\s+not|couldn['’]t|won['’]t)\s+)$"
)


def _told_reply(low: str, at: int) -> bool:
    """Whether 'answer' / 'reply' at `at` is said of a reply as a thing or of what a person cannot answer (`_TOLD_REPLY`),
    not asked for: no message is sent for it."""
    return _TOLD_REPLY.search(low[:at]) is not None


def _replied_next(clause: str, description: str) -> bool:
    """Whether the clause after `clause` in `description` sends the reply itself ('let AI write an answer, and reply
    to the person in Telegram'): the answer is what that reply carries, not a message of its own."""
    at = description.find(clause.strip())
    later = description[at + len(clause.strip()) :] if at >= 0 and clause.strip() else ""
    return (
        re.match(
            r"[\s,;]*(?:(?:and|then)\s+)+(?:it\s+)?(?:repl(?:y|ies)|responds?|sends?\s+(?:it|that|this|the\s+answer)\s+back|"
            # ('have AI draft a short reply …, and email it to the sender': the reply goes by that message)
            r"e-?mails?\s+(?:it|that|this|the\s+(?:reply|answer|draft))\s+(?:to|back)|"
            r"(?:sends?|texts?|dms?|whatsapps?)\s+(?:it|that|this|the\s+(?:reply|answer|draft))\s+(?:to|back|by|via)\b)"
            r"\b",
            later,
            re.I,
        )
        is not None
    )


def _made_as_records(rest: str) -> bool:
    """Whether what something is turned into ('GitHub issues', 'a Trello card', 'rows in the sheet') is a record a
    service holds, not a text to write ('show notes', 'a blog draft')."""
    what = re.split(r"[,;.]|\s(?:and|then|with|for)\s", rest, maxsplit=1)[0]
    records = (
        r"(?:issue|ticket|task|card|row|record|entry|entries|page|event|lead|contact|deal|bug|incident)s?"
    )
    return bool(lx.integrations_in(what) or re.search(r"\b" + records + r"\b", what))


def _made_as_media(rest: str) -> bool:
    """Whether what something is turned into ('audio', 'an mp3', 'a picture') is media a block makes from the text."""
    nouns = "|".join(re.escape(n) for n in sorted(lexicon()["media_nouns"], key=len, reverse=True))
    # ('a picture caption', 'an image prompt': a text about the media, which is drafted)
    return (
        re.match(
            r"\s*(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:" + nouns + r")s?\b"
            r"(?!\s+(?:captions?|descriptions?|prompts?|alt|texts?|titles?|credits?|briefs?|ideas?|concepts?|scripts?))",
            rest,
        )
        is not None
    )


_PURPOSE = re.compile(
    r"\bso\s+(?:that\s+)?(?:the|our|a|an|its|their)\s+(?:[\w-]+\s+){0,2}?(?:bot|chatbot|assistant|agent|team|"
    r"users?|customers?|people|staff|employees)\s+(?:can|could|will|would|is\s+able\s+to|are\s+able\s+to)?"
    r"[^.;!?\n]*"
)


def _replies_with_data(verb: str, after: str) -> bool:
    """Whether a reply (`verb`: 'reply', 'respond', 'answer') says it carries named data — 'in the Telegram chat with
    the price and stock level', 'in Discord with the issue link' —, not a text to write ('with the best answer', 'with
    a polite note', 'with a summary of it')."""
    said = re.match(
        r"(?:\s+(?:in|on|to|into|via|by)\s+(?:[\w@#'’-]+\s+){0,4}?)?\s*with\s+(?P<the>the|its|their|that|this)\s+"
        r"(?P<what>[\w-]+(?:\s+[\w-]+){0,3})",
        after,
    )
    if verb not in ("reply", "respond", "answer"):
        return False
    # ("reply on Discord with what's free", 'respond with which slots are open': the items read that are in that
    # state, sent as they are)
    state = re.match(
        r"(?:\s+(?:in|on|to|into|via|by)\s+(?:[\w@#'’-]+\s+){0,4}?)?\s*with\s+(?:what(?:['’]s|\s+is|\s+are)|"
        r"which\s+(?:[\w-]+\s+){1,2}?(?:is|are))\s+(?:still\s+)?(?:free|available|open|left|booked|taken|"
        r"in\s+stock|out\s+of\s+stock|empty|unassigned|due|overdue|missing|unpaid)\b",
        after,
        re.I,
    )
    if state is not None:
        return True
    if said is None:
        return False
    words = set(said.group("what").split())
    # ('with the next sailing': picked from what was read; 'with its next service date': a field of the record)
    # ('with the next three': that many of the items read, sent as they are)
    counted = re.match(
        r"[\w-]+\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|few|couple)\b", said["what"]
    )
    picked = set(lexicon()["picked_answers"]) if said.group("the").lower() == "the" and not counted else set()
    drafted = (
        set(lexicon()["draft_nouns"])
        | {"best", "right", "correct", "relevant", "answers", "replies"}
        | picked
    )
    return not words & drafted


def _drafted_with_data(verb: str, after: str) -> bool:
    """Whether a drafted message says it carries what the step before answered — 'drafts an Outlook email to the
    consignor with them', 'draft a Gmail to our supplier with it' —: the draft is the mail service's own, holding that
    answer, not a text an AI writes again."""
    return verb.startswith(("draft", "write a", "writes a", "compose")) and bool(
        re.match(
            r"\s*(?:(?:an?|the|one)\s+)?(?:[\w'’-]+\s+){0,3}?(?:e-?mails?|mails?|messages?|gmails?|notes?|drafts?)\b"
            r"(?:\s+(?:to|for)\s+(?:[\w@.'’-]+\s+){0,3}?[\w@.'’-]+)?\s+with\s+(?:them|it|those|these)\b"
            r"\s*(?:[,.;:!?—–-]|\(|$|and\b|but\b)",
            after,
        )
    )


def _processing_kinds(clause: str) -> list[tuple[int, str]]:

    low = lx.CHANNEL_RE.sub(lambda m: " " * len(m.group(0)), clause.lower())  # '#review' is a channel
    # 'github.com/tallyhq/api', 'https://…/rank', 'tally@…': an address or a repository asks for nothing
    for pattern in (lx.URL_RE, lx.EMAIL_RE, lx.REPO_RE):
        low = pattern.sub(lambda m: " " * len(m.group(0)), low)
    # 'body.answers[]', 'data.object.amount': a field's path names data, it asks for nothing
    low = re.sub(r"\b[a-z_]\w*(?:\.[a-z_]\w*)+(?:\[\])?", lambda m: " " * len(m.group(0)), low)
    # a list of items in brackets ('every key date (rent review, break clause, renewal deadline)') asks for nothing
    low = re.sub(r"\([^()]*,[^()]*\)", lambda m: " " * len(m.group(0)), low)
    # a name in quotes ('the 'Monthly Review' doc') asks for nothing
    low = re.sub(r"[\"“][^\"”]{1,80}[\"”]|(?<!\w)'[^']{1,80}'(?!\w)", lambda m: " " * len(m.group(0)), low)
    # nor does a name in backticks, a column or table as the data spells it ('that row's `summary` column')
    low = re.sub(r"`[^`\n]{1,80}`", lambda m: " " * len(m.group(0)), low)
    # "emails labeled 'leases'", 'issues labelled bug': a participle naming which items, not a request to label
    low = re.sub(r"\blabell?ed\b", lambda m: " " * len(m.group(0)), low)
    # 'and tag @everyone', 'mention @oncall': who the message calls on (`_MENTIONS`), not a request to label
    low = _MENTIONS.sub(lambda m: " " * len(m.group(0)), low)
    # '… to the knowledge base so the support bot answers from the current docs': what the step is for, done by
    # someone else later, asks for nothing now
    low = _PURPOSE.sub(lambda m: " " * len(m.group(0)), low)
    # 'email them to say we'll reply within 5 days': what the message says asks for nothing
    low = _REPORTED.sub(lambda m: m.group(0)[: m.start("say") - m.start()] + " " * len(m.group("say")), low)
    spans: list[tuple[tuple[int, int], str]] = []  # (where the verb starts and ends, the kind of work)
    for kind, entry in lexicon()["processing"].items():
        # 'have the AI list …': a verb stated with its doer ('ai list') is found at the verb itself
        pos = [
            (low.find(v) + (v.index(" ") + 1 if v.split()[0] in _DOERS else 0), low.find(v) + len(v))
            for v in entry["verbs"]
            if v in low  # (a substring test first: most verbs are absent)
            # 'work out which benches haven't been watered', 'figure out which ones are late': the items that
            # qualify, a list made from the data, not one label for it
            and not (
                kind == "classify"
                and v.endswith(" which")
                and re.match(
                    r"\s+(?:of\s+(?:the|them)\b|ones\b|(?!(?:is|was|has|does|its|this|us)\b)[a-z]+(?<!s)s\b"
                    r"(?!\s+(?:it|this|that)\b))",
                    low[low.find(v) + len(v) :],
                )
            )
            and re.search(r"(?<!\w)" + re.escape(v), low)
            # 'the next draft tweet', 'each summary line': a verb's form after a determiner is a noun, asks for nothing
            and not re.search(r"\b(?:the next|the latest|the last|next|latest)\s+$", low[: low.find(v)])
            # 'a Google Doc with those summaries', 'email these notes', 'post the same summary in #sales': made by an
            # earlier step, asks for nothing
            and not re.search(
                r"\b(?:those|these|such|(?:the|that)\s+same)\s+(?:[\w-]+\s+)?$", low[: low.find(v)]
            )
            # 'the form answers', 'questions and answers': the plural noun names data, it asks for no answer
            and not (v == "answer" and _answers_noun(low, low.find(v)))
            # 'for the team to go pick the bike up', 'pick the parcels up at 9': collecting a thing, an errand for
            # people, not a choice among the items
            and not (v == "pick the" and re.match(r"(?:\s*[\w'-]+){1,3}\s+up\b", low[low.find(v) + len(v) :]))
            # "if the site doesn't respond", 'the ones that fail to answer': a state tested, nothing asked of the AI
            and not re.search(
                # ('— no auto-reply to them': a reply banned, none drafted)
                r"\b(?:does\s*n[o']?t|do\s*n[o']?t|did\s*n[o']?t|is\s*n[o']?t|are\s*n[o']?t|not|never|fails?\s+to|"
                r"failed\s+to|stops?|no(?=\s+auto-?$))\s+(?:auto-?)?$",
                low[: low.find(v)],
            )
            # 'a chat where I describe a picture', 'when our designers describe a banner': what a person does when
            # the run starts is what the run is given, it asks for nothing
            and not re.search(
                r"\b(?:where|when(?:ever)?)\s+(?:i|we|you|they|someone|somebody|anyone|users?|people|"
                r"(?:our|the|my|a|an)\s+[\w-]+)\s+$",
                low[: low.find(v)],
            )
            # 'after a client review', 'before each analysis': a verb's form after a preposition of time names an
            # occasion, it asks for nothing
            and not re.search(
                r"\b(?:after|before|during|until)\s+(?:an?|the|each|every|our|my|their)\s+(?:[\w-]+\s+)?$",
                low[: low.find(v)],
            )
            # 'a TripAdvisor review link', 'the summary page': a verb's form naming a link or page is a noun
            and not re.match(
                r"\s+(?:links?|urls?|pages?|forms?|sites?|buttons?)\b", low[low.find(v) + len(v) :]
            )
            # "reply 'thanks 👍'", "reply in the thread with 'logged ✅'", 'reply … with our opening hours: Mon-Sat
            # 9-6': the words to send are written out, nothing is drafted
            and not (
                kind == "draft"
                and re.match(
                    r"(?:\s+(?:in|on|to|into|via)\s+(?:[\w@#'’-]+\s+){0,4}?)?\s*(?:(?:with\s+|saying\s+)?[\"'“]|"
                    r"with\s+(?:our|my)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*:)",
                    clause.lower()[low.find(v) + len(v) :],
                )
            )
            # 'reply in the same chat with the current price', '… with the issue link': the reply carries data
            # named, nothing is drafted ('with the best answer', 'with a short summary' are drafted)
            and not (kind == "draft" and _replies_with_data(v, low[low.find(v) + len(v) :]))
            # 'drafts an Outlook email to the consignor with them': the draft carries the answer read before it
            and not (kind == "draft" and _drafted_with_data(v, low[low.find(v) + len(v) :]))
            # 'turned into GitHub issues', 'turn them into Trello cards': made in a service, a write, not a text
            and not (v.startswith("turn") and _made_as_records(low[low.find(v) + len(v) :]))
            # 'writes a row to our Supabase "leads" table', 'write an entry in the log': a record put somewhere, a
            # write, not a text
            and not (
                v.startswith("write")
                and re.match(
                    r"\s*(?:new\s+)?(?:row|record|entry|line)s?\s+(?:to|in|into|on)\b",
                    low[low.find(v) + len(v) :],
                )
            )
            # 'turn it into audio with ElevenLabs', 'generate a banner image for it': made by a media block from the
            # text itself, nothing drafted
            and not (
                (v.startswith("turn") or kind == "draft") and _made_as_media(low[low.find(v) + len(v) :])
            )
        ]
        # 'without summarising them', "don't analyse them", 'no AI summary', 'compute nothing': not asked
        pos = [(p, end) for p, end in pos if p >= 0 and not _declined(low, p)]
        if pos:
            spans.append((min(pos), kind))
    # 'work out which …' (classify) holds 'work out' (aggregate): one step, the kind of the longer verb said there
    hits: list[tuple[int, str]] = [
        (p[0], kind) for p, kind in spans if not any(q[0] == p[0] and q[1] > p[1] for q, _ in spans)
    ]
    fields = _FIELD_LIST.search(low)
    if (
        not hits
        and fields
        and not lx.integrations_in(fields.group("list"))
        and not re.search(
            r"\b(?:all|new|latest|open|recent|today'?s|yesterday'?s|this|last)\b", fields.group("list")
        )
    ):  # 'pull vendor, amount, due date and add it to …': the fields named are read out of what came in
        hits.append((fields.start(), "extract"))
    doer = _doer_at_work(low)
    # ('AI picks the 5 most asked questions', 'have an agent turn them into …'; but 'generate an image for the
    # special with AI': the block that makes the media is the AI at work, looked up only when a doer is said)
    if (
        not hits
        and doer
        and not any(
            lexicon()["integrations"].get(k, {}).get("named_by") for _, k in lx.integrations_in(clause)
        )
    ):
        verb = next((i for i in (1, 2) if doer.group(i)), None)
        hits.append((doer.start(verb) if verb else doer.start(), "aggregate"))
    hits.sort()
    # "draft a reply" vs "reply": one agent; "summarise … summary" : one agent
    return hits[:1] if hits and hits[0][1] == "draft" else hits


def _taken_from(phrase: str) -> str:
    """A pattern for the service named as where data comes from: "from the 'Quotes' sheet", 'from the ops Google
    Sheet', 'from a random row of the 'Tips' Airtable table' (a row, page, file … of it; at most two other words
    between, none a preposition: 'from my Google Calendar in Slack' names Slack as no source)."""
    return (
        r"\bfrom\s+(?:(?:my|our|the|a|an|one|each|this|that)\s+)?"
        r"(?:(?:[\w-]+\s+)?(?:rows?|records?|entry|entries|items?|pages?|files?|tabs?|columns?|cells?|lists?)\s+"
        r"(?:of|in)\s+(?:my\s+|our\s+|the\s+|this\s+|that\s+)?)?"
        r"(?:(?!(?:to|into|onto|in|on|of|and|then|with|for|via)\b)[\w-]+\s+){0,2}?"
        r"(?:'[^'\n]{1,40}'\s+|\"[^\"\n]{1,40}\"\s+)?" + re.escape(phrase)
    )


# 'nudge each approver by email', 'remind the volunteers via text': a verb that contacts someone, then the way
_CONTACT_BY = (
    r"\b(?:remind|nudge|ask|notify|ping|chase|alert|contact|tell|warn|message|invite|thank|welcome|follow\s+up\s+with)"
    r"(?:s|es|ed|ing)?\s+(?:the|each|every|all|them|him|her|our|their|whoever)\b(?:[^.;]{0,40}?\s)?"
    r"(?:by|via|over|through|with\s+an?)\s+"
)


# what may stand before a clause's verb without being one ('to send …', 'I would need that we send …', 'it should
# send …', 'can you send …', 'the flow must post …'): the verb after it still gives the command
_CLAUSE_LEAD = (
    r"^\W*(?:(?:also|then|and|so|please|just|first|finally)\s+)*"
    r"(?:(?:i|we)\s+(?:would\s+|'d\s+|will\s+|really\s+)?(?:need|like|want|wish)\s+(?:that\s+|to\s+)?)?"
    r"(?:(?:can|could|would|will)\s+(?:you|it|we|the\s+(?:flow|workflow|bot|system|automation))\s+)?"
    r"(?:(?:we|you|it|they|the\s+(?:flow|workflow|bot|system|automation))\s+"
    r"(?:(?:should|must|will|can|shall|has\s+to|have\s+to|needs?\s+to)\s+)?)?"
    r"(?:to\s+)?(?:also\s+|then\s+)?"
)


def _person_named() -> str:
    """A person a message goes to: 'him', 'the buyer', 'each new member', 'all participants'."""
    return (
        r"(?:me|us|them|him|her|(?:the|each|every|their|our|that|this|all(?:\s+(?:the|our))?)\s+(?:[\w-]+\s+)?(?:"
        + "|".join(lexicon()["people"])
        + r")s?)\b"
    )


def _sent_to_person(low: str) -> re.Match[str] | None:
    """'send the buyer a thank-you mail', 'send him a receipt', 'send at the candidate an email', 'send to him a
    welcome mail': whom the verb sends to, said before what it sends (word order, particle and an aside in brackets
    aside)."""
    return re.search(
        r"\b(?:send|sends|forward|forwards)\s+(?:to\s+|at\s+)?(?P<who>" + _person_named() + r")\s+"
        # (an aside on where their address is: 'send the guest (their email is in the record) a confirmation')
        r"(?:\([^()]{1,80}\)\s*)?(?:a|an|the|his|her|their|its|our|your|this|that|one|some)\b",
        low,
    )


# '… summarised in an email to me', 'the totals in one e-mail to the team': what is made, sent as an e-mail to someone
_IN_MAIL_TO = re.compile(
    r"\b(?:in|by|via|as|with)\s+(?:an?|one)\s+(?:[\w-]+\s+)?e-?mail\s+to\s+"
    r"(?:me|us|them|him|her|the|our|my|each|every|their|[\w.+-]+@)\b"
)
# 'HR gets an email at hr@lumenworks.co …', 'The patient receives a confirmation email …', 'the buyer should get a
# WhatsApp message …': someone (not we, I or our inbox) is sent a message, in an acceptance criterion's voice
# ('the parent gets a quick thanks-we've-got-it reply': a reply or an acknowledgement sent to them, too)
_RECEIVES_MESSAGE = re.compile(
    # (not the joining word itself: '… and get their progress notes from the Notion database' is a read)
    # ('also gets an email on reception@…': its subject said before, in the clause a test took)
    r"^\W*(?:(?:and|then|also)\s+)?(?P<who>(?!(?:and|then|also|so|to|please)\b)"
    r"(?:(?!(?:we|i|our|my|us|when|whenever|if|once|after|each|every|any)\b)[\w'’-]+\s+){1,4}?|"
    r"(?<=\s)(?=(?:gets|receives)\b))"
    r"(?:gets?|receives?|(?:should|will|must|shall)\s+(?:also\s+)?(?:get|receive)|(?:is|are)\s+sent)\s+"
    r"(?:an?|the|their|his|her|its|one)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:e-?mails?|mails?|messages?|reminders?|confirmations?|notifications?|notes?|texts?|sms|repl(?:y|ies)|"
    r"acknowledge?ments?|thank-?yous?|heads[\s-]?ups?|alerts?|pings?|nudges?|warnings?)\b"
)
# "I'd also like each person who has a booking today to get a short email reminder": a wish that they are e-mailed
# ('As the coordinator I want donors who fill in our Typeform to get a thank-you email': a story's wish, after its role)
_WISHED_MAIL = re.compile(
    r"^\W*(?:(?:and|then|also|so)\s+)?(?:as\s+[^.;!?\n]{2,80}?[\s,]\s*)?\b(?:i|we)(?:['’]d|\s+would)?\s+(?:also\s+)?(?:like|love|want|need)\s+"
    r"(?:[\w'’-]+\s+){1,10}?to\s+(?:also\s+)?(?:get|receive)\s+(?:an?|the|their|one)\s+(?:[\w-]+\s+){0,2}?e-?mails?\b"
)


# the AI's work on a service's messages: 'summarise the Discord messages from …', 'analyse the Teams messages in the
# Ops channel', "translate yesterday's Discord posts" — the messages are what is worked on, so they are read
_MESSAGES_WORKED_ON = (
    r"^\W*(?:(?:also|then|first|and|please)\s+)*(?:summari[sz]e|analy[sz]e|classify|categori[sz]e|translate|review|"
    r"triage|digest|go\s+through|scan|tag|label|score|extract\s+(?:[\w-]+\s+){0,3}?from)\s+"
    r"(?:(?:the|all|any|every|our|my|new|recent|latest|unread|incoming|today's|yesterday's|this\s+week's|"
    r"last\s+\w+'s)\s+)*"
    # ('the last 24 hours of messages in the Slack channel #x': a stretch of time, then the messages where they are)
    r"(?:(?:the\s+)?(?:last|past|previous)\s+(?:\d+\s+|few\s+|couple\s+of\s+)?"
    r"(?:hours?|days?|weeks?|months?|minutes?)\s+of\s+(?:(?:the|all|our|my|new)\s+)*)?"
    r"(?:(?:{service})\s+(?:messages|posts|threads|conversations|chats|mentions|comments|replies)\b"
    r"|(?:messages|posts|threads|conversations|chats|mentions|comments|replies)\s+(?:posted\s+)?(?:in|on|from)\s+"
    r"(?:(?:the|our|my)\s+)?(?:{service})\b)"
)


# 'summarise it for the team in Microsoft Teams', 'have AI recap them on Slack #ops': the AI's work on the data the run
# already holds (a pronoun, 'the results'), put where the service is named
_DONE_THERE = (
    r"^\W*(?:(?:also|then|and|please)\s+)*(?:(?:have|let|get|ask)\s+(?:ai|an?\s+ai|claude|gpt|chatgpt|the\s+ai|an?\s+agent)"
    r"\s+(?:to\s+)?)?(?:summari[sz]e|recap|digest|condense|translate|write\s+up)\s+"
    r"(?:it|them|this|that|these|those|everything|the\s+(?:results?|data|list|rows|items|findings|numbers|report))\b"
    r"(?:\s+up)?(?:\s+for\s+(?:the\s+|our\s+|my\s+)?[\w-]+(?:\s+[\w-]+)?)?\s+(?:on|in|to|into|via|over)\s+"
    r"(?:the\s+|our\s+|my\s+)?(?:{service})\b"
)


def _done_there(low: str, phrases: list[str]) -> bool:
    """Whether the clause puts what the AI makes of the data where the service is (`_DONE_THERE`)."""
    return bool(phrases) and bool(
        re.search(_DONE_THERE.replace("{service}", "|".join(re.escape(p) for p in phrases if p)), low)
    )


def _messages_worked_on(low: str, key: str | None) -> bool:
    """Whether the clause gives the AI the service's messages to work on (`_MESSAGES_WORKED_ON`)."""
    phrases = [
        p.strip() for p in lexicon()["integrations"].get(key or "", {}).get("phrases", []) if p.strip()
    ]
    return bool(phrases) and bool(
        re.search(_MESSAGES_WORKED_ON.replace("{service}", "|".join(re.escape(p) for p in phrases)), low)
    )


# a clause led by a verb that sends a message ('tell me …', 'send a Slack message …')
_TELLING = (
    r"^\W*(?:also\s+|then\s+|please\s+)?(?:tell|email|e-mail|mail|text|message|post|send|notify|ping|report|show|"
    r"remind|let)\b[^.;!?\n]*?"
)
# what the message is to say, asked as a question after that verb ('tell me on Slack how many signups we got in the
# Supabase table', 'email me which Jira issues closed'), or what it is sent with ('send a Slack message every Friday
# with the open Jira bugs'): a service named there is read
_TOLD_QUESTION = re.compile(_TELLING + r"\b(?:how\s+(?:many|much)|which|what)\b")
_SENT_WITH = re.compile(
    _TELLING
    + r"\bwith\s+(?:the|all(?:\s+the)?|our|any|today['’]s|yesterday['’]s|this\s+week['’]s|last\s+week['’]s)\s+"
    r"(?:(?:open|new|latest|recent|unread|closed|overdue|pending|upcoming|unresolved)\s+)?$"
)


def _told_of(low: str, key: str, phrases: list[str]) -> bool:
    """The service is what a message tells of, not where it goes (a chat or mail service is where: 'post how many
    came in to #sales-floor on Slack')."""
    if key in _CHAT_SERVICES:
        return False
    asked = _TOLD_QUESTION.search(low)
    return asked is not None and any(lx.phrase_at(low[asked.end() :], p) >= 0 for p in phrases)


@lru_cache(maxsize=1)
def _used_from() -> tuple[tuple[str, str], str]:
    """'using our bake-sale page in Notion', 'based on our Notion page "Guide"': what a step works with, named by a
    noun of what is kept (lexicon.json 'used_sources') and kept in the service named with it — read there. The
    pattern before the service's name, and the one after it."""
    nouns = "|".join(sorted(map(re.escape, lexicon()["used_sources"]), key=len, reverse=True))
    lead = (
        r"\b(?:using|uses|use|based\s+on|drawing\s+on|relying\s+on|with\s+the\s+help\s+of|grounded\s+in)\s+"
        r"(?:(?:my|our|the|their|its|this|that)\s+)?"
    )
    return (
        lead + r"(?:(?!(?:to|into|onto|and|then|in|on|from)\b)[\w'’.-]+\s+){0,3}?"
        r"(?:" + nouns + r")\s+(?:in|on|from)\s+(?:(?:my|our|the|their)\s+)?",
        r"\s+(?:" + nouns + r")\b",
    ), lead


def _used_in(low: str, phrase: str) -> bool:
    """Whether the clause works with something kept in the service `phrase` names (`_used_from`)."""
    (before, after), lead = _used_from()
    name = re.escape(phrase) + r"\b"
    if re.search(before + name, low) or re.search(lead + name + after, low):
        return True
    # 'reply to them using the Google Sheet 'Lesson Slots' to see what's open': the service's own name says what is
    # kept ('google sheet', 'notion database'), used — not 'use the sheet 'Log' to record each order', kept there
    if not phrase.split() or phrase.split()[-1] not in lexicon()["used_sources"]:
        return False
    for used in re.finditer(lead + name, low):
        rest = low[used.end() :]
        titled = re.match(r"\s+(?:called\s+|named\s+)?['\"‘“][^'\"’”]{1,60}['\"’”]", rest)
        rest = rest[titled.end() :] if titled else rest
        # (nor 'using the Google Sheet 'Log', add a row …': a row written there)
        if not re.search(
            r"^\s+(?:to|for|as)\s+(?:record|log|store|save|track|keep|collect|list|capture|note|hold|register|enter|"
            r"a\s+log)\b|\b(?:add|adds|append|appends|insert|write|writes|update|updates|fill|put|save|store)\b",
            rest,
        ):
            return True
    return False


# 'the first person on the ', 'the top name in our ': a person (or a row) a list holds first, before the service
_FIRST_ON = re.compile(
    r"\bthe\s+(?:first|top|next|1st)\s+(?:[\w-]+\s+)?(?:person|people|one|name|entry|row|contact|member|customer|"
    r"client|guest|student|volunteer|applicant|candidate|subscriber|attendee)s?\s+(?:on|in|from|of)\s+"
    r"(?:the\s+|our\s+|my\s+)?$"
)


# 'I want their name added to the sheet', 'we'd like each order logged in Airtable': a participle after what the user
# wishes done to a thing is the step, a write there (not a past write described; 'get the contracts saved to the
# Drive folder', 'we have the files saved in …' say where things are, read there)
_WISHED_PLACED = re.compile(
    r"\b(?:want|wants|wanted|'d\s+like|’d\s+like|would\s+like|need|needs)\s+"
    r"(?!(?:been|already|it|them)\b)(?:[\w'’-]+\s+){1,4}?"
    r"(?:added|put|written|logged|saved|recorded|appended|entered|copied|stored)\s+(?:to|into|in|on|onto)\b"
)


# 'post any new road-closure emails to the drivers' Telegram group', 'forward the new emails to #support': e-mails that
# arrived, carried to a group or a channel no mail service sends to — read, not sent
_MAIL_CARRIED = re.compile(
    r"(?:\b(?:post|share|forward|send|push|relay|copy|drop|put)(?:s|ed|ing)?\s+"
    r"(?:(?:the|any|all|new|those|these|each|every|incoming|latest|unread|today['’]s)\s+)+"
    # ('I forward supplier price-change emails to our Slack #buying channel': forwarded, no determiner needed)
    r"|\b(?:post|share|forward|relay)(?:s|ed|ing)?\s+)(?:[\w'’-]+\s+){0,3}?"
    r"(?:e-?mails|mails)\b(?:\s+[^.;!?\n]{0,40}?)?\s+(?:to|in|into|on)\s+(?:the\s+|our\s+|my\s+|a\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:group|channel|chat|thread|#)"
)


# mail said as a noun with where it arrives ('one email per booking lands in Gmail', '~30 customer emails a day into
# the shop Gmail', 'order emails come into our inbox'): mail that comes in, no message sent
_MAIL_ARRIVES = re.compile(
    r"\b(?:e-?mails?|mails?)\s+(?:(?:per|for\s+each|for\s+every)\s+(?:new\s+)?[\w-]+\s+)?"
    r"(?:(?:usually|always|all|then|just)\s+)?(?:lands?|arrives?|comes?\s+in(?:to)?|come\s+through|turns?\s+up|shows?\s+up|"
    r"pours?\s+in(?:to)?)\s+(?:in|into|at|to)\s+(?:the|our|my|their)?\s*(?:[\w'’-]+\s+){0,2}?(?:gmail|outlook|inbox|mailbox)\b"
    # ('~30 customer emails a day into the shop Gmail': how many come, and where)
    r"|\b(?:e-?mails|mails)\s+(?:an?|per|each|every)\s+(?:day|week|hour|month)\s+(?:in|into|to)\s+"
    r"(?:the|our|my|their)?\s*(?:[\w'’-]+\s+){0,2}?(?:gmail|outlook|inbox|mailbox)\b",
    re.I,
)


@lru_cache(maxsize=1)
def _into_word() -> re.Pattern[str]:
    """'to', 'into', 'onto' where a place follows: not the infinitive 'to copy the Airtable records', nor the 'to'
    of which items ('the issues assigned to the Payments team in Linear': lexicon.json 'told_to')."""
    return re.compile(
        "".join(rf"(?<!\b{w}\s)" for w in lexicon()["told_to"])
        + r"\b(?:to|into|onto)\b(?!\s+(?:"
        + _WRITE
        + "|"
        + _READ
        + r"|copy|sync|move|export|import|mirror)\b)"
    )


def _sent_into(low: str, phrases: list[str]) -> bool:
    """'… to the Airtable table': one of the service's phrases within a few words after such a 'to'. (The long
    'to' pattern is compiled once; only the short tail is built for each phrase.)"""
    ends = [m.end() for m in _into_word().finditer(low)]
    return any(
        re.compile(r"[^.,;]{0,25}?\b" + re.escape(p) + r"\b").match(low, end) for p in phrases for end in ends
    )


@lru_cache(maxsize=4096)
def _is_write(clause: str, key: str) -> bool:
    """Whether the clause writes to the service `key` (else it reads there); kept, as the planner asks it of the
    same clause and service about four times over (a fifth of its time, measured 2026-12-08)."""
    low = clause.lower()
    entry = lexicon()["integrations"][key]
    phrases = [p.strip() for p in entry["phrases"]]
    if "write" in entry and _deletes_there(low, key):
        return (
            True  # 'delete the customer from the Supabase table 'members'': the row goes, nothing is read out
        )
    if "write" in entry and _done_there(low, phrases):
        return True  # 'have AI summarise it for the crew on Slack #ops': what the AI makes of the data goes there
    if "read" in entry and _told_of(low, key, phrases):
        return False
    at = min((i for i in (lx.phrase_at(low, p) for p in phrases) if i >= 0), default=-1)
    if "read" in entry and at > 0 and _FIRST_ON.search(low[:at]):
        return False  # 'email the first person on the Google Sheet 'Rota' to remind them': where that person is, read
    if "read" in entry and at > 0 and _SENT_WITH.match(low[:at]):
        return False  # 'send a Slack message every Friday with the open Jira bugs': what the message carries is read
    if _messages_worked_on(low, key):
        # 'summarise the Discord messages from the past 24 hours': the messages are read (a service that cannot
        # read them, Telegram, says so instead of sending the summary there)
        return False
    if key in ("gmail", "outlook") and _MAIL_CARRIED.search(low):
        return False  # 'post any new road-closure emails to the drivers' Telegram group': the mail is what is posted
    if "write" in entry and _RECEIVES_MESSAGE.match(low):
        return True  # 'HR gets an email at hr@…', 'the tenant receives a WhatsApp reminder': a message sent to them
    if key in ("gmail", "outlook") and re.search(
        # (never someone else's sending, 'leads from Maria who sends them by email', nor mail 'sent by email')
        r"(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)(?<!\bthey\s)(?<!\bshe\s)(?<!\bhe\s)"
        r"\b(?:send|deliver)\b[^.;!?\n]*?\b(?:by|via|through|over)\s+"
        r"(?:e-?mail|mail|gmail|outlook)\b",
        low,
    ):
        return True  # 'send me a summary of today's Asana tasks by email at kai@…': how it is sent
    if key in ("gmail", "outlook") and (_IN_MAIL_TO.search(low) or _WISHED_MAIL.match(low)):
        return (
            True  # '… read at 07:30 and summarised in an email to me', 'the totals in one email to the team'
        )
    if key in ("gmail", "outlook") and re.search(_CONTACT_BY + r"e-?mail\b", low):
        return True  # 'nudge each approver by email': the person is contacted that way
    if key in ("gmail", "outlook") and re.search(
        r"\b(?:e-?mails|mails)\s+(?:the|each|every|that|this|their)\s+(?:\w+\s+)?(?:"
        + "|".join(lexicon()["people"])
        + r")s?\b",
        low,
    ):
        return True  # 'a flow that reads the sheet and emails each member a link': the verb, told of the flow
    if key in ("gmail", "outlook") and re.search(
        r"\b(email|e-mail|mail)\s+(me|us|them|him|her|the team|[\w.+-]+@|(?:the|each|every|our|that|this|"
        r"their)\s+(?:\w+\s+)?(?:customer|client|user|sender|buyer|candidate|lead|contact|person|"
        r"requester|author|applicant|subscriber|member|owner|team)s?\b)",
        low,
    ):
        return True
    sender = re.search(_CLAUSE_LEAD + r"(?:" + _WRITE + r"|tweet)\b", low)
    if re.match(r"^\W*(?:also\s+|then\s+)?(?:tell|warn)\s+(?:me|us|them|#|the\s)", low):
        return True  # 'tell #incidents on Slack', 'warn the team on Teams': a message is sent
    if key in ("gmail", "outlook") and re.match(
        r"^\W*(?:also\s+|then\s+)?(?:e-?mail|mail)\s+(?:me|us|them|it|him|her|the|a|an|each|every|"
        r"their|his|its|your|our|my|that|this|these|those)\b",
        low,
    ):
        return True  # 'email a reminder to the customer', 'email their parent a note': the verb is the action
    if (
        key in ("gmail", "outlook")
        and _SENT_FROM.match(low)
        and any(
            re.search(
                r"\b(?:from|via|through|with|using)\s+(?:(?:my|our|the|your)\s+)?(?:[\w-]+\s+)?"
                + re.escape(p),
                low,
            )
            for p in phrases
        )
    ):
        return True  # '(- ) sent to ops-team@… from Gmail', 'sent from our Gmail account': the account it goes out from
    if (
        key in ("gmail", "outlook")
        and re.match(r"^\W*(?:also\s+|then\s+)?(?:send|sends)\b", low)
        and {k for _, k in lx.integrations_in(low)} == {key}
        and any(
            re.search(
                r"\bfrom\s+(?:(?:my|our|the|your)\s+)?"
                + re.escape(p)
                + r"(?:\s+(?:account|inbox|address))?\W*$",
                low,
            )
            for p in phrases
        )
    ):
        return True  # "send each of them this week's link from Gmail": the clause ends on the account it goes out from
    if any(
        re.search(
            # ('text the patient a confirmation from our Twilio number': the number a message goes out from, never a
            # source, whatever verb sends it)
            _taken_from(p)
            + r"(?!\s+(?:(?:phone\s+)?numbers?|line)\b)"
            + (r"(?!\s+(?:account|handle|profile|page))" if sender else ""),
            low,
        )
        for p in phrases
    ) and not (
        sender
        and key in ("gmail", "outlook")
        and re.search(
            r"\b(?:e-?)?mails?\b|\bto\s+[\w.+-]+@[\w-]+\.|\bto\s+(?:me|us|them|him|her)\b|\bto\s+(?:the|each|every|their|our|"
            r"that|this)\s+(?:\w+\s+)?(?:" + "|".join(lexicon()["people"]) + r")s?\b",
            low,
        )
        or _sent_to_person(low)
    ):  # 'send the list to legal@… from Outlook', 'send it from Gmail to the lead': sent from that account
        return False  # 'read it from Gmail'; but 'send the candidate a thank-you email from Gmail' sends
    if (
        sender
        and key in ("gmail", "outlook")
        and any(
            re.search(
                r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:e-?)?mail\s+from\s+(?:my\s+|our\s+|the\s+)?"
                + re.escape(p),
                low,
            )
            # 'send at the client an apology from our Gmail': sent to a person, so from that account
            or (_sent_to_person(low) and re.search(r"\bfrom\s+(?:my\s+|our\s+|the\s+)?" + re.escape(p), low))
            for p in phrases
        )
    ):
        return True  # 'send the buyer a thank-you mail from our Outlook': one mail, sent from that account
    if "write" in entry and _MADE_KEPT.match(low):
        return (
            True  # '- The image is saved to the Google Drive folder 'Mockups'': what the run made, kept there
        )
    if "write" in entry and any(_WISHED_PLACED.search(low) and re.search(re.escape(p), low) for p in phrases):
        return (
            True  # 'I want their name added to the Google Sheet 'Tonight'': what is wished put there, written
        )
    if _stored_in(low, phrases) or _items_taken(low, phrases):
        return False  # 'the handbook we uploaded to the knowledge base': where the data already is, read
    if any(_used_in(low, p) for p in phrases):
        return (
            False  # 'answer parents' questions using our bake-sale page in Notion': what is used, read there
        )
    if _added_when_read(low, phrases):
        return False  # 'read the rows added today to the 'Returns' Google Sheet': where the rows are, read
    if _grounded_on(low, phrases):
        return (
            False  # 'send a reply in Telegram based on the 'FAQ' Google Doc': what the reply draws on, read
        )
    if key in ("gmail", "outlook") and _MAIL_ARRIVES.search(low) and not ACTION_START.match(low):
        return False  # 'one email per booking lands in Gmail', '~30 customer emails a day into the shop Gmail': arrived
    if key in ("gmail", "outlook") and re.search(
        r"\b(?:sent|forwarded|emailed|mailed|delivered|came|come|arrived?)\s+(?:in\s+)?(?:to|into|at)\s+(?:the|our|my)\s+"
        r"[^.,;:]{0,40}?\b(?:inbox|mailbox)\b",
        low,
    ):
        return False  # 'the absence emails parents sent to the attendance Outlook inbox': mail that arrived, read
    if re.match(_PASSIVE_WRITE, low):
        return (
            True  # 'it's logged as a Jira ticket', 'it gets added to our Airtable table': the step, passive
        )
    if "write" in entry and _sent_into(
        # a quoted name counts as one word ('into the 'Maintenance Backlog' Google Sheet')
        re.sub(r"(?<!\w)'[^'\n]{1,60}'(?!\w)|\"[^\"\n]{1,60}\"", "'n'", low),
        phrases,
    ):
        return True
    if "write" in entry and any(
        # 'append … to the 'Safety Events' tab of our Google Sheet', 'into the Leads table in our Airtable'
        re.search(
            r"\b(?:to|into|onto)\s+(?:the\s+|a\s+)?(?:['\"“][^'\"”\n]{1,40}['\"”]\s+|[\w-]+\s+){0,2}?"
            r"(?:tab|worksheet|sheet|page|table|column|list)\s+(?:of|in|on)\s+(?:the\s+|our\s+|my\s+)?"
            r"(?:[\w-]+\s+){0,2}?" + re.escape(p) + r"\b",
            low,
        )
        for p in phrases
    ):
        return True
    if _read_as_data(low, phrases):
        return False  # 'send me a briefing with today's calendar': the calendar is read, the briefing sent
    if _made_of(low, key, phrases):
        return False  # 'post a summary of the current Jira sprint to #mobile': Jira is read, the summary sent
    if "draft" in entry and re.search(r"\bdrafts?\b", low):
        return True  # 'draft an outreach email in Gmail': a draft is written
    if key in ("slack", "discord", "microsoft_teams") and _channel_read(low):
        return False  # 'store new Slack messages from #product in Pinecone': the channel is read
    if key in ("slack", "discord", "microsoft_teams") and re.search(
        r"^\W*(?:also\s+|then\s+)?" + re.escape(key.split("_")[-1]) + r"\s+(?:(?:me|us|the team|them|it)\b|#)"
        r"|\b(?:reminders?|messages?|alerts?|notifications?|announcements?|notes?|pings?|nudges?)\s+(?:in|to|into)\s+#"
        r"|\b(?:go|goes|get posted|are posted|is posted)\s+(?:in|to|into)\s+(?:the\s+|our\s+)?#"
        r"|^\W*(?:also\s+|then\s+|and\s+)*(?:let|tell|notify|inform|alert|warn|ping)\s+(?:the\s+|our\s+|my\s+)?#"
        # 'let the CFO know in #finance', 'tell our treasury channel on Teams': whom a message reaches, sent there
        r"|^\W*(?:also\s+|then\s+|and\s+)*(?:let\s+(?:[\w'@.-]+\s+){1,4}?know|tell|notify|inform|warn)\b"
        # 'drop a count + revenue in #ops-daily', 'put the list in #standup': left in the channel
        # ('drop a short note with the overall total in Slack #muelle': the service named before its channel)
        r"|(?:^\W*|\b(?:and|then|also)\s+)(?:drop|put|leave)\b[^.;#]{0,80}?\b(?:in|into|to)\s+(?:the\s+|our\s+|my\s+)?"
        r"(?:(?:slack|discord|teams)\s+)?#"
        # 'reply in Discord with the issue link', 'answer in the thread on Slack': a reply is sent there
        r"|^\W*(?:also\s+|then\s+|and\s+)*(?:reply|replies|respond|responds|answer|answers)\s+(?:in|on|via|over)\b",
        low,
    ):
        return True  # 'slack me the top stories', 'a standup reminder in #standup', 'let #sales know': sent there
    if (
        "write" in entry
        and key in ("slack", "discord", "microsoft_teams")
        and re.search(r"\b(?:to|for|into)\s+#", low)
    ):
        return True  # 'summarise them for #ops on Slack': the channel is where the result goes
    if "write" not in entry:
        return False
    if "read" not in entry:
        return True
    if any(
        re.match(
            r"\W*(?:and\s+)?(?:on|via|over|through|to|in)\s+(?:the\s+|our\s+|my\s+)?" + re.escape(p) + r"\b",
            low,
        )
        for p in phrases
    ) and not re.search(r"\b(?:" + _READ + r")\b", low):
        return True  # '…, on Teams': a clause that is only the place the message before it goes
    governing = _governing_verb(low, phrases)
    if (
        governing is not None
    ):  # 'copy the Airtable records … into Notion': the verb before the service decides
        return governing
    # (a place's quoted name holds no verb: 'Excel (workbook "Open quotes")'; "Excel 'Add a row into a table'" is
    # the action)
    from lib.generation import services

    nouns = "|".join(services.data()["place_nouns"])
    named = re.sub(
        rf"\b((?:{nouns})s?\s+)(?:'[^'\n]{{1,60}}'(?!\w)|\"[^\"\n]{{1,60}}\"|“[^”\n]{{1,60}}”)"
        rf"|(?<!\w)(?:'[^'\n]{{1,60}}'|\"[^\"\n]{{1,60}}\"|“[^”\n]{{1,60}}”)(?=\s+(?:{nouns})s?\b)",
        lambda m: (_place_noun(low, m.start(), m.group(1)) if m.group(1) else "") + "'n'",
        low,
    )
    # ('the mails w/ subject "Cancel booking"': what a subject, a label or a title says is no verb of the step)
    naming = "|".join(re.escape(w) for w in lexicon()["naming_words"])
    named = re.sub(
        rf"\b((?:{naming})\s*[:\-–]?\s*)(?:'[^'\n]{{1,60}}'(?!\w)|\"[^\"\n]{{1,60}}\"|“[^”\n]{{1,60}}”)",
        lambda m: m.group(1) + "'n'",
        named,
    )
    # ('stock tracked in Airtable 'Skates' (one record per size)': how the data is laid out, a noun, no verb)
    named = re.sub(r"\b(?:one|an?|each)\s+[a-z]+\s+(?=per\s)", " ", named)
    return bool(re.search(r"\b(" + _WRITE + r")\b", named)) and not re.search(
        # 'twitter: search for tweets …': after a label, the clause still starts with its verb
        r"^(?:[\w/ -]{1,30}:)?\W*(?:(?:also|then|first|next|finally|and)\s+)?(?:" + _READ + r")\b",
        low,
    )


def _place_noun(low: str, at: int, noun: str) -> str:
    """The noun before a place's quoted name, kept where it may be the verb ('page 'Ops Primary'') or the place
    something goes ('… in the Notion page 'Log''); read as no verb where it is only the object's noun: 'summarise
    the Notion page 'Sprint Log'' pages nobody."""
    if _VERB_PLACE.search(low, 0, at) or re.search(
        r"\b(?:in|on|into|onto|to)\s+(?:(?:the|our|my|a|an|its|their|that|this)\s+)?(?:[\w-]+\s+){0,2}$",
        low[:at],
    ):
        return noun
    return "place "


# verbs that take what they work on from somewhere: their object is read ('copy the rows into …')
_TAKE = r"copy|copies|copied|sync|syncs|mirror|mirrors|move|moves|exports?|imports?|backs?\s+up|reads|pulls|fetches|lists"
# where an imperative verb stands: first in the clause, or after 'to', 'and', 'then', 'please', a subject
_VERB_PLACE = re.compile(
    # ('set up Sim so (it) checks our 'Bugs' project': after 'so', the run's own verb)
    r"(?:^|(?:\b(?:to|and|then|please|also|just|simply|first|next|finally|i|we|you|it|they|should|will|can|must|that|"
    r"which|so)|"
    r"[,;:(—-]))\W*$"
)


def _governing_verb(low: str, phrases: list[str]) -> bool | None:
    """Whether the verb whose object the service is writes (True) or reads (False): the last verb before the
    service's name standing where a verb is given as a command ('… and copy the records', 'to export …', 'set up
    Sim so it checks …'), not a
    noun or participle ('the records', 'everything posted in'); None when no such verb stands before it."""
    at = min(
        (m.start() for p in phrases for m in [re.search(r"\b" + re.escape(p) + r"\b", low)] if m), default=-1
    )
    if at < 0:
        return None
    changes = "|".join(
        re.escape(v) + r"(?!\s+up\b)" for vs in lexicon()["operation_verbs"].values() for v in vs
    )
    # a quoted name is no verb ('the 'To publish' Notion database'), nor a channel's ('our #market-watch
    # channel', '#read-me'); blanked to its length, so `at` holds
    unquoted = re.sub(
        r"(?<!\w)'[^'\n]{1,60}'(?!\w)|\"[^\"\n]{1,60}\"|(?<![\w#])#[\w-]+",
        lambda q: q.group(0)[0] + "_" * (len(q.group(0)) - 2) + q.group(0)[-1],
        low,
    )
    verbs = [
        m
        for m in re.finditer(
            r"\b(?:(" + _TAKE + "|" + _READ + r")|(" + _WRITE + "|" + changes + r"))\b", unquoted
        )  # read whole, so a verb's lookahead sees its object ('open the 'Renewals' spreadsheet')
        if m.end() <= at
        and _VERB_PLACE.search(low[: m.start()])
        and not re.search(r"(?:ed|ing)$", m.group(0))
        # ('post that list in #qa': 'that' after a verb is its object's determiner, and 'list' a noun)
        and not re.search(r"\b(?:" + _WRITE + r")\s+(?:that|this)\s+$", low[: m.start()])
    ]
    if not verbs:
        return None
    if verbs[-1].group(1) and re.search(r"\b(?:to|into|onto)\s+(?:the\s+|our\s+|my\s+)?$", low[:at]):
        return True  # 'copy it into Slack #orders-chat', 'mirror them to Notion': where what is taken goes
    if (
        re.fullmatch(r"cop(?:y|ies)", verbs[-1].group(0))
        and re.search(r"\b(?:in|on)\s+(?:the\s+|our\s+|my\s+)?$", low[:at])
        and not re.search(r"\b(?:to|into|onto)\b", low)
    ):
        return True  # 'I copy the overdue orders in the Notion page 'Retards'': copied in, with no other place to go
    return verbs[-1].group(2) is not None


def _cannot_delete(clause: str) -> str | None:
    """The block type, when the clause is a delete ('delete …', 'remove … from …') in a service whose JUL25 block has
    no delete operation (Google Drive, Google Sheets, Airtable …); else None."""
    from lib.generation.services import operations

    said = _delete_said().match(clause)
    named = lx.integrations_in(clause[said.end() :]) if said else []
    if not named:
        return None
    block = str(lexicon()["integrations"][named[0][1]]["type"])
    if not operations().get(block) or _deletes(block):
        return None
    return block


def deletes_not_built(text: str) -> dict[str, str]:
    """The clauses of `text` that ask a service to delete something its JUL25 block cannot delete (no step is built
    for them), each with the note that says so."""
    out = {}
    for sentence in sentences(text):
        for clause in clauses(sentence):
            block = _cannot_delete(clause)
            if block:
                out[clause.strip()] = (
                    f"'{clause.strip()}': Sim JUL25's {block} block has no delete operation, so nothing is deleted"
                )
    return out


def _deletes_there(low: str, key: str) -> bool:
    """Whether the clause's command is a delete ('delete …', 'remove … from …', lexicon operation_verbs) and the
    block has a delete operation: the service named after it is where the thing is deleted, not a source."""
    return _deletes(str(lexicon()["integrations"][key]["type"])) and _delete_said().match(low) is not None


def _deletes(block: str) -> bool:
    """Whether the block type has a delete operation (Supabase's `delete`, Mem0's …)."""
    from lib.generation.services import operations

    return any(name == "delete" or name.endswith("_delete") for name in operations().get(block, {}))


@lru_cache(maxsize=1)
def _delete_said() -> re.Pattern[str]:
    """A clause whose command is a delete ('delete …', 'please remove …': lexicon operation_verbs `delete`)."""
    verbs = "|".join(map(re.escape, lexicon()["operation_verbs"]["delete"]))
    return re.compile(r"^\W*(?:(?:also|then|and|please|just)\s+)*(?:" + verbs + r")\b", re.I)


# the event's data written somewhere, said in the passive after the trigger's clause
# '- Sent to ops-team@… from Gmail', '…, sent from our Gmail account', 'it should go out from Outlook': a clause that
# says how the message it is about goes out (the account is the sender's, not a mailbox read)
_SENT_FROM = re.compile(
    r"\W*(?:(?:and|then|all|it|they|this|that|(?:the|each|every)\s+(?:[\w-]+\s+)?(?:e-?mail|mail|message|digest|"
    # ('…, and the result sent from our Gmail to fleet@…': what the run made, then how it goes out)
    r"report|summary|result|list|figure|total|number|answer|finding|output|update)s?)\s+)*(?:(?:'s|is|are|gets?|should\s+be|will\s+be|must\s+be|to\s+be|should|will|must)\s+)?"
    r"(?:sent|e-?mailed|mailed|delivered|go(?:es)?\s+out|sent\s+out)\b"
)

# ('- The image is saved to the Google Drive folder 'Mockups'', 'the summary gets stored in …'): what the run made,
# kept where the sentence says
_MADE_KEPT = re.compile(
    r"\W*(?:and\s+|then\s+)?the\s+(?:[\w-]+\s+)?(?:image|picture|photo|mock-?up|render|summary|report|result|output|"
    r"transcript|translation|draft|digest|recap|answer|reply|chart|audio|recording)s?\s+"
    r"(?:is|are|gets?|should be|will be|must be)\s+(?:automatically\s+)?(?:saved|stored|uploaded|filed|put|placed|"
    r"dropped|kept|archived)\s+(?:as\s+[^.,;]{1,30}?\s+)?(?:to|into|in|on|inside)\b"
)
_PASSIVE_WRITE = re.compile(
    # ('… and each date gets added as an event in our Google Calendar')
    r"\W*(?:and\s+|then\s+)?(?:it|they|this|that|each one|(?:each|every)\s+[a-z][\w-]*)\s*"
    r"(?:'s|is|are|gets?|should be|will be|must be)\s+"
    r"(?:automatically\s+)?(?:added|posted|logged|saved|sent|stored|created|filed|recorded|written|copied|forwarded)\s+"
    r"(?:as|to|into|in|on)\b"
)


# 'the number of events created', 'how many cards were added', 'the count of tasks made': a count of what the run
# made (the participle is no past write that keeps data somewhere)
_COUNTED_MADE = re.compile(
    # (only before 'to': 'count how many tickets were created in the Jira project' counts what Jira holds, read there)
    r"(\b(?:number|count|total|tally)\s+of\s+(?:[\w-]+\s+){1,3}?|\bhow\s+many\s+(?:[\w-]+\s+){1,3}?)"
    r"(?:(?:were|was|got|have\s+been)\s+)?(?:created|added|made|opened|logged|booked|scheduled|sent|posted)\b"
    r"(?=\s+to\b)"
)


def _stored_in(low: str, phrases: list[str]) -> bool:
    return _stored_in_kept(low, tuple(phrases))


@lru_cache(maxsize=4096)
def _stored_in_kept(low: str, phrases: tuple[str, ...]) -> bool:
    """'the handbook we uploaded to the knowledge base', 'docs that are indexed in Pinecone': the service is
    where the data already is (a past write described), so it is read ('AI writes a listing, then it's saved to
    Airtable': what the run made, 'it', sent to a place, is a write there)."""
    # ('post the number of events created to #ops in Slack': what the run made, counted, is no data kept there)
    low = _COUNTED_MADE.sub(r"\1", low)
    return any(
        not re.search(
            r"\b(?:it|they)(?:['’]s|['’]re|\s+is|\s+are)\s+(?:then\s+|also\s+)?(?:saved|stored|uploaded|copied)\s+"
            r"(?:to|into)\b[^.,;]{0,30}?\b" + re.escape(p) + r"\b",
            low,
        )
        and re.search(
            r"(?<!\bbe )(?<!been )(?<!\bget )(?<!gets )(?<!will )\b(?:already\s+)?"
            r"(?:uploaded|stored|saved|indexed|loaded|imported|kept|documented)\s+(?:(?:them|it|those|these)\s+)?"
            r"(?:in|into|to|on|inside)\b"
            # ('turned into a draft and saved to a new Notion page': a new one is made there, a write)
            r"(?!\s+(?:a\s+|an\s+)?new\b)[^.,;]{0,30}?\b" + re.escape(p) + r"\b"
            # 'each contract PDF that lands in the Drive folder …': what arrives there by itself, read there
            r"|\b(?:that|which)\s+(?:lands?|arrives?|appears?|shows?\s+up|turns?\s+up|comes?\s+in|pops?\s+up)\s+"
            r"(?:in|into|on|inside)\b[^.,;]{0,30}?\b" + re.escape(p) + r"\b"
            # 'list the files (that were) added to the Drive folder': a participle after a noun, not 'is added to'
            r"|(?<!\bbe )(?<!been )(?<!\bget )(?<!gets )(?<!will )(?<!\bis )(?<!\bare )(?<!'s )"
            r"(?<=[a-z] )(?:added|dropped|placed|created|shared)\s+(?:in|into|to|on|inside)\b"
            r"[^.,;]{0,30}?\b" + re.escape(p) + r"\b"
            r"|\b(?:we|i|you|they|that|which|already|previously)\s+(?:have\s+|'ve\s+|had\s+)?"
            r"(?:already\s+)?(?:put|added)\b[^.,;]{0,30}?\b" + re.escape(p) + r"\b"
            # 'We uploaded our staff handbook to a knowledge base …', '(already uploaded as a knowledge base named …)':
            # told in the past, by its subject or 'already' — where the data is, not a step
            r"|\b(?:we|i|they|already|previously)\s+(?:have\s+|'ve\s+|had\s+)?(?:already\s+)?"
            r"(?:uploaded|stored|saved|indexed|loaded|imported|put|added)\s+(?:(?!(?:and|then|to|into|in|on|as)\b)"
            r"[\w'’-]+\s+){0,4}?(?:in|into|to|on|inside|as)\s+[^.,;]{0,30}?\b" + re.escape(p) + r"\b"
            # 'results come out of the scoring software as a file they drop into the Drive folder 'Results'': what
            # others put there (they, someone), said in the present, is where the data is
            r"|\b(?:they|someone|somebody|he|she)\s+(?:usually\s+|always\s+|normally\s+|then\s+|just\s+)?"
            r"(?:drop|drops|upload|uploads|put|puts|save|saves|place|places|store|stores|dump|dumps)\s+"
            r"(?:(?!(?:and|then|to|into|in|on)\b)[\w'’-]+\s+){0,3}?(?:in|into|to|on|onto|inside)\s+[^.,;]{0,30}?\b"
            + re.escape(p)
            + r"\b"
            # 'the invoice number we have on file in our Airtable table', 'what we keep in the sheet'
            r"|\b(?:we|i|you|they|that|which)\s+(?:have|has|keep|keeps|hold|holds|store|track)\s+(?:on\s+file\s+)?"
            r"(?:in|on|inside)\s+[^.,;]{0,30}?\b" + re.escape(p) + r"\b"
            # 'read the milk yields our herders type into the Google Sheet …', 'the counts that the staff enter in the
            # sheet': what other people put there, said of the data the step takes (a noun, then who enters it)
            # (who: a plural or a group, 'our herders', 'the night staff'; not 'add the one as a record to …')
            r"|(?<=[a-z] )(?:(?:that|which)\s+)?(?:our|the|their|my)\s+"
            r"(?:(?!(?:an?|as|and|or|then|to|of|in|on|for|with|one|each|it|them)\b)[a-z][\w'’-]*\s+)?"
            r"(?:[a-z][\w'’-]*[^s\W]s|staff|team|crew|people|folks|everyone)\s+"
            r"(?:usually\s+|normally\s+|always\s+|all\s+)?(?:type|enter|key\s+in|fill\s+in|log|record|jot\s+down|"
            r"write\s+down|put|add|upload)\s+(?:in|into|on|to|inside)\b[^.,;]{0,30}?\b" + re.escape(p) + r"\b"
            # 'Store manager numbers are in Airtable table 'Stores'', 'the targets live in the Notion database …',
            # ('logs the number in the 'Balance' sheet' writes it there: the value is said to be in the place)
            # 'PDFs go into a Sim knowledge base ('Rehab Library')', 'the guide goes into …': where documents are kept
            # (not 'each new PDF goes into …', one the run brings)
            r"|(?<!\bnew )(?<!\beach )(?<!\bevery )(?<!\bthis )(?<!\bthat )\b(?:pdfs|docs|documents|manuals|guides?|"
            r"handbooks?|articles|policies|faqs?)\s+(?:go|goes|are|is|will\s+go|will\s+be|get|gets)\s+"
            r"(?:uploaded\s+|loaded\s+|added\s+|put\s+|indexed\s+)?(?:in|into|to|inside)\b[^.,;]{0,30}?\b"
            + re.escape(p)
            + r"\b"
            r"|\b(?:numbers?|emails?|addresses|ids|names|prices|rates|targets|contacts|details|phones?)\s+"
            r"(?:is|are|live|lives|sit|sits|(?:is\s+|are\s+)?kept)\s+(?:in|on)\s+(?:the\s+|our\s+|an?\s+)?"
            r"[^.,;]{0,12}?\b" + re.escape(p) + r"\b",
            low,
        )
        for p in phrases
    )


# the things a service holds, named after it ('the new Airtable bookings', 'GitHub releases'): what it is read for
_ITEM = (
    r"(?:message|post|thread|conversation|file|document|doc|row|record|entry|entries|page|email|issue|ticket|event|task|"
    r"bug|deal|lead|contact|order|invoice|card|comment|review|incident|submission|response|epic|stor(?:y|ies)|video|"
    r"stat|statistic|metric|figure|booking|reservation|appointment|release|upload|signup|sign-up|registration|payment|"
    r"charge|subscriber|commit|mention|transaction|shipment)s?"
)
_ITEMS = (
    r"(?:messages|posts|threads|conversations|files|documents|docs|rows|records|entries|pages|emails|e-mails|mails|issues|tickets|"
    r"events|tasks|bugs|deals|leads|contacts|orders|invoices|cards|comments|reviews|incidents|submissions|responses|"
    r"epics|stories|videos|stats|statistics|metrics|analytics|figures|bookings|reservations|appointments|releases|"
    r"uploads|signups|sign-ups|registrations|payments|charges|subscribers|commits|mentions|transactions|shipments)"
)


def _items_taken(low: str, phrases: list[str], one: bool = False) -> bool:
    """'archive this week's Slack #standup messages into a Google Doc', 'add every new file in the Drive folder
    'Policies' to our knowledge base': the service holds the items the verb takes somewhere else — it is read. With
    `one` (a service without a block), one item named by any noun counts too ('add the new Shopify order to …')."""
    for p in phrases:
        # "our Confluence space 'Runbooks' - can Sim copy the pages into our Pinecone index": the place the clause
        # opens with, before a verb that takes its items into another place
        if re.match(
            r"\W*(?:(?:hey|hi|so|ok|okay|and)\W+)*(?:our|my|the)\s+(?:[\w-]+\s+)?" + re.escape(p) + r"\b"
            r"[^.;:?!\n]{0,50}?\s[-–—:]\s+[^.;?!\n]{0,40}?\b(?:copy|copies|move|moves|sync|syncs|mirror|mirrors|"
            r"export|exports|import|imports|transfer|transfers|back\s+up|backs\s+up|load|loads|index|indexes)\b"
            r"[^.;?!\n]{0,60}?\b(?:into|onto|to)\s",
            low,
        ):
            return True
        held = (
            re.search(
                r"\b"
                + re.escape(p)
                + r"\s+(?:#[\w-]+\s+|'[^'\n]{1,40}'\s+)?(?:channel\s+)?"
                + _ITEMS
                + r"\b",
                low,
            )
            or re.search(
                r"\b(?:every|each|all|any|new)\s+(?:new\s+)?(?:[\w-]+\s+)?" + _ITEM + r"\s+(?:in|from|on)\s+"
                # ('any new row in their Google Sheet 'Match Results'': a client's place, said by whom it is for)
                r"(?:the\s+|our\s+|my\s+|their\s+|his\s+|her\s+|its\s+|your\s+)?(?:'[^'\n]{1,40}'\s+)?"
                + re.escape(p)
                + r"\b",
                low,
            )
            or one
            and re.search(  # 'add the new Shopify order to my sheet': one item a service without a block holds (any
                # noun: 'the new Eventbrite registration'; not its link, page or id), taken elsewhere
                r"\b(?:the|this|that|each|every)\s+(?:new\s+|latest\s+)?"
                + re.escape(p)
                + r"\s+(?!(?:api|link|url|page|id|number|account|app|dashboard)s?\b)[a-z][\w-]*\b",
                low,
            )
        )
        if (
            held
            and re.search(  # not what a message verb sends: 'send a Telegram message to our sales group'
                r"\b(?:send|post|message|share|dm|ping|notify|alert|tell|text|write|forward|reply)\w*\s+(?:[\w'-]+\s+){0,3}$",
                low[: held.start()],
            )
            # 'post the open Jira bugs to #qa': items a message carries are read, only a message is sent
            and re.search(r"\b(?:messages?|posts?|threads?|conversations?|e-?mails?)\s*$", held.group(0))
        ):
            continue
        if held and re.search(
            r"^[^.;]*?\b(?:into|onto|to\s+(?:an?|the|our|my|#))\s*['\"‘“#]?\w|^[^.;]*?\bto\s+[\w.+-]+@[\w-]+\.",
            low[held.end() :],
        ):
            return True
        # 'store the new Airtable rows in the Supabase table': kept in another service
        if (
            held
            and any(
                lx.phrase_at(" " + low[held.end() :] + " ", q) >= 0
                for _, k in lx.integrations_in(low[held.end() :])
                for q in lexicon()["integrations"][k]["phrases"]
                if q.strip() not in phrases
            )
            and re.search(
                r"^[^.;]*?\b(?:in|on|to|into)\s+(?:(?:the|our|my|an?)\s+)?(?:['\"‘“][^'\"’”]{1,40}['\"’”]\s+)?(?:[\w-]+\s+){0,2}?"
                r"(?:"
                + "|".join(
                    re.escape(q.strip())
                    for k, e in lexicon()["integrations"].items()
                    for q in e["phrases"]
                    if q.strip() and q.strip() not in phrases
                )
                + r")\b",
                low[held.end() :],
            )
        ):
            return True
    return False


@lru_cache(maxsize=256)
def _read_objects(key: str) -> str:
    """'issues|tickets|bugs…': what the service's read operations return (services.operations), as a pattern."""
    from lib.generation.services import operations

    entry = lexicon()["integrations"].get(key)
    if entry is None:
        return ""  # a service with no JUL25 block (`services.json` external): no operations to read
    block_type = entry["type"]
    words = {
        o.rstrip("s")
        for op in operations().get(block_type, {}).values()
        if op.get("mode") == "read"
        for o in op.get("objects", [])
        if len(o) > 2
    }
    return "|".join(re.escape(w) + "s?" for w in sorted(words, key=len, reverse=True))


def _made_of(low: str, key: str, phrases: list[str]) -> bool:
    return _made_of_kept(low, key, tuple(phrases))


@lru_cache(maxsize=4096)
def _made_of_kept(low: str, key: str, phrases: tuple[str, ...]) -> bool:
    """'post the list of Linear issues closed this week to Slack #eng', 'send a digest of the open GitHub issues
    to #triage': after a sending verb, the service names what the message is made of ('of/about/from …
    <service>') and, in the same verb phrase, the message goes somewhere else (a channel, an address, me, another service) — it is read."""
    others = [
        p.strip()
        for k, e in lexicon()["integrations"].items()
        if k != key and "write" in e
        for p in e["phrases"]
        if p.strip() and p.strip() not in phrases
    ]
    place = "|".join(re.escape(p) for p in sorted(set(others), key=len, reverse=True))
    things = _read_objects(key)
    for p in phrases:
        # 'forward the open Jira issues to #qa', 'share the new Linear issues with #eng on Slack': the items the
        # service holds, sent somewhere else
        items = (
            re.search(
                r"\b(?:post|send|forward|share|push)(?:s|ed|ing)?\s+(?:(?:me|us)\s+)?(?:(?:the|all|our|any|every|new|latest|"
                r"open|today's|yesterday's|this\s+week's|last\s+week's)\s+){0,2}"
                + re.escape(p)
                # ('send the latest commit of repo … to #deploys': a phrase of the service that names the items, with
                # a word of its own before them — not 'send email', the service's verb)
                + (
                    r"\b"
                    if re.search(r"\S\s+(?:" + things + r")$", p)
                    and not re.match(r"(?:" + _WRITE + r")\b", p)
                    else r"\s+(?:[\w-]+\s+)?(?:" + things + r")\b"
                ),
                low,
            )
            if things
            else None
        )
        if items is not None and _sent_on(low[items.end() :], place, "to|into|in|on|with"):
            return True
        found = re.search(r"\b(?:of|about|from)\s+(?:[\w'/-]+\s+){0,5}?" + re.escape(p) + r"\b", low)
        if found is None:
            continue
        if re.search(
            r"\b(?:with|via|using|through|by)\s+(?:my\s+|our\s+|the\s+)?$", low[: found.end() - len(p)]
        ):
            # 'send an email of welcome with Gmail to …' (Spanish 'un correo de bienvenida con Gmail'): the service is
            # what the message goes out with, not what it is made of
            continue
        # 'email a summary of the open Linear issues to …': mailing is sending too
        verb = list(re.finditer(r"\b(?:" + _WRITE + r"|e-?mail(?:s|ed)?)\b", low[: found.start()]))
        if not verb:
            continue  # no message sent before it: nothing is made of the service's data
        commands = [m for m in verb if _VERB_PLACE.search(low[: m.start()])]  # not the noun in 'Board report'
        between = low[(commands or verb)[-1].end() : found.start()]
        if (
            key in ("gmail", "outlook")
            and found.group(0).startswith("from")
            and not re.search(r"\b(?:of|about)\b", between)
            and re.match(r"\s+to\s+(?:[\w.+-]+@[\w-]+\.|me\b|us\b|them\b)", low[found.end() :])
        ):
            continue  # 'send the answer from Outlook to reg-affairs@…': the account it is sent from
        # 'send me a recap of …', 'send the support team an overview of …', 'create a Google Doc … with an AI summary
        # of …': the message names its recipient or its place first, and is made of the service's data
        if re.match(
            r"\s+(?:me|us|him|her|them|everyone|[\w.+-]+@[\w.-]+|(?:the|our|my)\s+(?:[\w-]+\s+){0,2}?(?:team|channel|"
            r"group|manager|boss|lead|leads|owners?|staff|board|founders?)|(?:\(\s*)?[\w.+-]+@[\w.-]+\s*\)?)\s+"
            r"(?:\([^)]*\)\s+)?(?:an?|the|my|our|this|today's|this week's|a\s+\w+)\b",
            between,
        ) or (place and re.search(r"\b(?:" + place + r")\b", between)):
            if re.search(
                r"\b(?:summary|summaries|recap|digest|overview|report|list|briefing|roundup|round-up|table|"
                r"count|breakdown|update|status|snapshot|export|analysis)\b",
                between,
            ):
                return True
        if _sent_on(low[found.end() :], place, "to|into|in|on"):
            return True
    return False


def _sent_on(rest: str, place: str, prepositions: str) -> bool:
    """'… to #eng', '… to me', '… on Slack': what follows names where the message goes (a channel, the user,
    an address or another service's phrase), before any 'and' / 'then' / comma starts another action."""
    dest = re.search(
        r"\b(?:"
        + prepositions
        + r")\s+(?:both\s+)?(?:(?:our|the|my|your)\s+)?(?:#|me\b|us\b|[\w.+-]+@"
        + (r"|(?:" + place + r")\b" if place else "")
        + ")",
        rest,
    )
    return dest is not None and not re.search(r"\b(?:and|then)\b|[,;]", rest[: dest.start()])


# what a reply or message is drawn from: 'based on the 'FAQ' Google Doc', 'using the 'Help Center' Notion page',
# 'according to the document 'Policies' of the Google Docs', 'grounded in our Confluence handbook' ('using' only before
# a named or document-like thing: 'using Gmail' is the account a mail goes out from)
_GROUNDS = (
    r"\b(?:(?:based|grounded|founded)\s+(?:on|in|upon)|according\s+to|drawing\s+(?:on|from)|with\s+the\s+help\s+of|"
    r"(?P<using>using|with|from|off|out\s+of))\s+(?:the\s+|our\s+|my\s+|their\s+)?"
    # ('using whats in the google doc 'Putt FAQ'', 'based on what's in the Notion page': what the place holds)
    r"(?P<content>(?:what(?:['’]?s|\s+is|\s+we\s+(?:have|keep|wrote|put))|whatever(?:['’]?s|\s+is)|everything|"
    r"(?:all\s+)?the\s+(?:info(?:rmation)?|answers?|facts|details|content)|all\s+the\s+info(?:rmation)?)\s+"
    r"(?:written\s+|kept\s+|listed\s+|stored\s+)?)?"
    r"(?P<named>(?:(?:document|doc|page|file|sheet|database|notes?|faq|article|wiki|handbook|policy|policies|"
    r"template|knowledge\s+base)\s+)?(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|‘[^’\n]{1,60}’|“[^”\n]{1,60}”)\s+|"
    r"(?:document|doc|page|file|faq|article|wiki|handbook|policy|policies|template|knowledge\s+base)\s+"
    r"|(?:[\w-]+\s+){0,3}?)"
    r"(?:(?:in|of|on|from)\s+(?:the\s+|our\s+|my\s+)?)?"
)
_NOT_DATA_AFTER = (
    r"(?:e?s)?\b(?!\s+(?:account|handle|profile|bot|app|(?:phone\s+)?numbers?|line|api|integration)\b)"
)


def _added_when_read(low: str, phrases: list[str]) -> bool:
    """'read the rows added today to the 'Returns' Google Sheet', 'a list of the files added today to our Google Drive
    folder': items named by when they were added to the service — the service holds them (not '… records added
    today to #ops on Slack', a channel the message goes to)."""
    return any(
        re.search(
            r"(?<=[a-z] )(?:added|dropped|placed|created|shared)\s+(?:today|yesterday|recently|lately|this\s+"
            r"(?:week|month|morning)|last\s+(?:week|month|night))\s+(?:in|into|to|on|inside)\s+(?![#@])"
            r"[^.,;#]{0,30}?\b" + re.escape(p) + r"\b",
            low,
        )
        for p in phrases
    )


def _grounds(step: Step) -> bool:
    """Whether a read is what its clause's act draws on ('reply in Telegram based on the 'FAQ' Google Doc')."""
    key = step.integration or step.type
    entry = lexicon()["integrations"].get(key or "")
    return bool(entry) and _grounded_on((step.text or "").lower(), [p.strip() for p in entry["phrases"]])


def _grounded_on(low: str, phrases: list[str]) -> bool:
    """'… based on the 'FAQ' Google Doc', '… using the 'Help Center' Notion page': the service holds what the step
    draws on — it is read, whatever the step writes elsewhere."""
    for p in phrases:
        for m in re.finditer(_GROUNDS + re.escape(p) + _NOT_DATA_AFTER, low):
            if m.group("content"):
                return True  # '… using what's in the Google Doc 'FAQ'': what the doc holds is drawn on
            if m.group("using") in ("from", "off", "out of"):
                continue  # ('from' only says what is drawn on after what the place holds: 'from what's in …')
            if m.group("using") and not m.group("named").strip():
                continue  # 'reply using Gmail', 'with Slack': how it is sent
            if m.group("using") and not re.search(
                r"['\"‘“]|\b(?:document|doc|page|file|faq|article|wiki|handbook|"
                r"polic(?:y|ies)|template|knowledge\s+base)\b",
                m.group("named"),
            ):
                continue  # 'with the new Slack …': no named thing drawn on
            return True
    return False


def _read_as_data(low: str, phrases: list[str]) -> bool:
    """'a briefing with today's calendar', 'a digest of my starred Gmail', 'a recap of this week's closed Linear
    issues': the service is what the message is made of — it is read."""
    return any(
        re.search(
            # ('the 'Safety Events' tab of our Google Sheet': a part of the service named, not what a message holds)
            r"(?:(?<!\btab )(?<!\bworksheet )(?<!\bsheet )(?<!\bpage )(?<!\btable )(?<!\bcolumn )(?<!\bfolder )"
            r"\b(?:with|and|from|of)\s+(?:today's|this week's|tomorrow's|my|our)\s+"
            # a message made of it, its data qualified by up to three words
            # ('a monthly roll-up (on the 1st, 09:00 UTC) of all Linear issues': when it runs, said between)
            r"|\b(?:summary|summaries|recap|digest|overview|report|briefing|roundup|round-up|roll-?up|rundown|breakdown)"
            r"\s+(?:\([^()]{0,60}\)\s+)?of\s+"
            r"(?:(?!(?:in|into|to|on|onto|for|as|with|via)\b)[\w'-]+\s+){0,3}?)"
            + re.escape(p)
            # ('a confirmation from our Twilio number': the number it is sent from, no data of the service)
            # ('an overview of the open pull requests': a phrase that names the data, in the plural)
            + r"(?:e?s)?\b(?!\s+(?:account|handle|profile|page|bot|app|(?:phone\s+)?numbers?|line))",
            low,
        )
        # 'send a Slack DM to Owen with the number of new rows in the Google Sheet 'Signups'', '… with the subject
        # 'X' and the shifts of the 'Turnos' sheet of Google Sheets': what a message carries, found in the service
        # (not the channel it is posted in: '… with their username in our Discord #community channel')
        or re.search(
            r"\b(?:send|post|e-?mail|text|dm|message|ping|notify|tell|share)\w*\b(?:[^.;]|\.(?=\w)){0,100}?"
            r"\b(?:with|listing|naming)\s+"  # ('a message in our Telegram group listing the products in the sheet …')
            r"(?:'[^'\n]{1,60}'\s+|(?!(?:to|into|onto)\b)[\w'-]+\s+){1,8}?(?:in|from|of)\s+(?:the|our|my)\s+"
            r"(?:'[^'\n]{1,40}'\s+)?(?:(?:tab|sheet|worksheet|table|page|database|board|list)\s+(?:of|in|on)\s+"
            r"(?:the\s+|our\s+|my\s+)?)?"
            + re.escape(p)
            + r"\b(?!\s+(?:#|(?:[\w-]+\s+)?(?:channel|group|chat|account|bot|app|(?:phone\s+)?numbers?)\b))",
            low,
        )
        # 'send an SMS to Julie with her appointments for the day in Google Calendar': someone's own things, kept in
        # the service (the service named bare, with no 'the' or 'our')
        or re.search(
            r"\b(?:send|post|e-?mail|text|dm|message|ping|notify|tell|share)\w*\b(?:[^.;]|\.(?=\w)){0,100}?\bwith\s+"
            r"(?:his|her|their|its|my|our|today'?s|the\s+day'?s|tomorrow'?s|this\s+week'?s)\s+"
            r"(?:(?!(?:to|into|onto|via)\b)[\w'-]+\s+){1,6}?(?:in|from|on)\s+"
            + re.escape(p)
            + r"\b(?!\s+(?:#|(?:[\w-]+\s+)?(?:channel|group|chat|account|bot|app|(?:phone\s+)?numbers?)\b))",
            low,
        )
        # 'send me an email with the new HubSpot contacts', 'post a message with today's Stripe payouts': the service's
        # things are what the message carries, read there (not one made there)
        or re.search(
            r"\b(?:send|post|e-?mail|text|dm|message|ping|notify|tell|share)\w*\b(?:[^.;]|\.(?=\w)){0,60}?\bwith\s+"
            r"(?:all\s+)?(?:the|our|my|any|today'?s|yesterday'?s|this\s+week'?s|last\s+week'?s|the\s+day'?s)\s+"
            r"(?:(?!(?:in|into|to|on|via|for|with)\b)[\w'-]+\s+){0,2}?"
            + re.escape(p)
            + r"\s+(?!(?:account|handle|profile|bot|app|link|invite|number|channel|group)s?\b)[a-z]+s\b",
            low,
        )
        # 'email me today's Google Calendar events', 'text me the Jira issues': things of the service, sent to someone
        or re.search(
            r"\b(?:send|e-?mail|text|dm|message|ping|share)\s+(?:me|us|him|her|them)\s+(?:all\s+)?(?:the|today'?s|"
            r"the\s+day'?s|tomorrow'?s|this\s+week'?s|yesterday'?s|my|our|any|all)\s+"
            r"(?:(?!(?:in|into|to|on|via|for|with)\b)[\w'-]+\s+){0,2}?"
            + re.escape(p)
            + r"\s+(?!(?:account|handle|profile|bot|app|link|invite)s?\b)[a-z]+s\b",
            low,
        )
        for p in phrases
    )


# verbs of the model's work whose object is data: 'summarise the open Jira issues', 'classify the new Zendesk tickets'
_PROCESS_VERB = (
    r"summari[sz]e|analy[sz]e|classify|categori[sz]e|triage|rank|review|translate|digest|recap|prioriti[sz]e"
)


def _processed(low: str, phrases: list[str]) -> bool:
    """'summarise the open Jira issues in project OPS', 'triage the new Zendesk tickets': the service's items are
    the object of a processing verb given as a command (no preposition between them) — so they are read."""
    return any(
        re.search(
            r"(?:^|[,;:]|\b(?:and|then|to|please|first|also))\s*(?:" + _PROCESS_VERB + r")\s+"
            r"(?:(?!(?:in|into|to|on|onto|for|as|with|via)\b)[\w'-]+\s+){0,4}?"
            + re.escape(p)
            + r"\s+"
            + _ITEMS
            + r"\b",
            low,
        )
        # 'summarise my unread Gmail', 'triage the new emails': the service (or its items' own name) said with
        # which of them, as the whole object
        or re.search(
            r"(?:^|[,;:]|\b(?:and|then|to|please|first|also))\s*(?:" + _PROCESS_VERB + r")\s+"
            r"(?:(?:my|our|the|all|all\s+the|any)\s+)?(?:unread|new|latest|recent|incoming|today'?s|yesterday'?s|"
            r"(?:this|last)\s+week'?s)\s+"
            + re.escape(p)
            # or with when ('since yesterday', 'from the last 24 hours', 'of this week')
            + r"(?=\s*$|\s*[,;.]|\s+(?:and|then|in|into|as|with|since|from|over|of|for\s+the|received|today|"
            r"yesterday|this|last|past)\b)",
            low,
        )
        # 'summarise the Notion page 'Sprint Log'', 'translate the Confluence page': one of its places, by its noun
        or re.search(
            r"(?:^|[,;:]|\b(?:and|then|to|please|first|also))\s*(?:" + _PROCESS_VERB + r")\s+"
            r"(?:(?!(?:in|into|to|on|onto|for|as|with|via)\b)[\w'-]+\s+){0,3}?"
            + re.escape(p)
            + r"(?:\s+(?:"
            + _place_nouns()
            + (
                r")\b|(?:\s+['\"‘“][^'\"’”\n]{1,40}['\"’”])?" + _AFTER_PLACE + ")"
                if _names_place(p)
                else r")\b)"
            ),
            low,
        )
        for p in phrases
    )


# ('summarise the 'Weekly Orders' Google Sheet and post it …': a service's name that is itself a place's noun, then the
# clause ends, goes on, or says what the summary becomes)
_AFTER_PLACE = (
    r"(?=\s*$|\s*[,;.]|\s+(?:and|then|with|by|using|every|each|at|on|for\s+(?:the|this|last)|"
    r"(?:in|into|to)\s+(?:an?\s+|one\s+)?(?:[\w-]+\s+){0,2}(?:summary|digest|report|bullets?|list|table|"
    r"paragraph|sentences?|message|email))\b)"
)


def _names_place(phrase: str) -> bool:
    """'google sheet', 'sheet', 'spreadsheet': a service's name whose last word is one of its places' nouns."""
    from lib.generation import services

    return phrase.split()[-1] in services.data()["place_nouns"]


@lru_cache(maxsize=1)
def _place_nouns() -> str:
    """The nouns of a service's places (services.json place_nouns: page, doc, tab, table …), as alternatives."""
    from lib.generation import services

    return "|".join(sorted(services.data()["place_nouns"], key=len, reverse=True))


# an address or number said to be in a place named again ('the address given in the sheet', 'the number that
# appears in the table', 'the address from the sheet', Italian 'all'indirizzo indicato nel foglio'; the planner names
# 'the sheet' read before by its name): the place read before, whose items carry it
_CONTACT_KEPT_IN = re.compile(
    # (the recipient's: 'to/at the address …', not the items read, 'get page address from the sheet')
    r"\b(?:to|at|on)\s+(?:the|their|his|her|its|each)\s+(?:own\s+)?"
    r"(?:e-?mail\s+|phone\s+|mobile\s+|contact\s+)?(?:address(?:es)?|e-?mails?|numbers?|phones?)\s+"
    r"(?:(?:(?:that|which)\s+(?:is\s+|are\s+|was\s+|were\s+)?)?(?:given|listed|shown|written|noted|indicated|"
    r"stated|found|stored|saved|kept|recorded|entered|provided|appears?|appearing)\s+(?:in|on|from)|from"
    r"|(?:that|which)\s+(?:is|are|was|were)\s+(?:in|on))\s+"
    r"(?:the|that|this|their|its|his|her)\s+(?:same\s+)?(?:[\"'“][^\"'”\n]{1,60}[\"'”]\s+)?"
    # ('… given in the sheet in the Google sheet 'Iscrizioni Corsi'': the place noun, then the service that holds it)
    r"(?:(?:sheet|spreadsheet|tab|table|list|base|database)\s+(?:in|of|on)\s+(?:the\s+|our\s+|my\s+)?)?(?:google\s+)?"
)


# ('(name, amount, WhatsApp number)', '… which lists customers, with their WhatsApp number'): a service's name before
# the kind of id a person has there names a field of the data, not a place to send to
_FIELD_OF = (
    r"\s+(?:phone\s+|mobile\s+|user\s+|chat\s+|member\s+)?(?:numbers?|ids?|handles?|usernames?|accounts?)\b"
    r"(?!\s*:?\s*[+@]?\d)"  # (not where it is sent: 'and the WhatsApp number +34 612 …')
)


def _only_as_field(low: str, phrases: list[str]) -> bool:
    """Every mention of the service is a field in a list of fields (in brackets beside other fields, or 'with their
    … number' after what a list holds)."""
    spots = [m for p in phrases for m in re.finditer(r"\b" + re.escape(p) + r"\b", low)]

    def listed(m: re.Match[str]) -> bool:
        if not re.match(_FIELD_OF, low[m.end() :]):
            return False
        opened, closed = low.rfind("(", 0, m.start()), low.find(")", m.end())
        if opened > low.rfind(")", 0, m.start()) and closed > 0 and "," in low[opened:closed]:
            return True
        # (a clause of its own, 'with their WhatsApp number', adds a field to the list the clause before read)
        return bool(
            re.search(r"\b(?:with|and|plus)\s+(?:their|his|her|its|the)\s+$", low[: m.start()])
            and (
                re.search(r"\b(?:lists?|listing|holds?|has|have|columns?|fields?)\b", low[: m.start()])
                or re.fullmatch(r"\W*(?:with|and|plus)\s+\w+\s+", low[: m.start()])
                and not low[m.end() :].strip(" .,;:!)").count(" ") > 1
            )
        )

    return bool(spots) and all(listed(m) for m in spots)


@lru_cache(maxsize=4096)
def _mentioned_as_noun(key: str, clause: str) -> bool:
    """'draft an intro email': the integration is neither read from nor written to here."""
    low = clause.lower()
    if _only_as_field(low, [p.strip() for p in lexicon()["integrations"][key]["phrases"]]):
        return True
    if key in ("gmail", "outlook") and _IN_MAIL_TO.search(low):
        return False  # '… summarised in an email to me': the e-mail is sent
    if (
        key == "gmail"
        and re.search(
            r"\b(?:write|draft|compose|generate|prepare|create)s?\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}e-?mails?\b",
            low,
        )
        and not re.search(r"\bgmail\b|\bsend|\bto\s+[\w.+-]+@|\be-?mail\s+(?:it|them|me)\b", low)
    ):
        return True  # 'write a personalised intro email': the email is what the agent writes
    if any(
        _CONTACT_KEPT_IN.search(low)
        and re.search(_CONTACT_KEPT_IN.pattern + re.escape(p.strip()) + r"\b", low)
        for p in lexicon()["integrations"][key]["phrases"]
    ):
        # 'send a welcome email to the address given in the sheet', 'text them at the number from the table': where
        # the recipient's address sits, the place read before (its rows are the items), not a step of its own
        return True
    made = [
        m
        for p in lexicon()["integrations"][key]["phrases"]
        for m in re.finditer(r"\ban?\s+(?:[\w-]+\s+)?" + re.escape(p.strip()) + r"\b", low)
    ]
    if (
        any(
            re.search(
                # (not where it is sent: '… to the WhatsApp number +34 …', 'and the Telegram id 5512…')
                r"(?<!\bto )(?<!\bat )(?<!\bvia )\b(?:the|its|that)\s+"
                + re.escape(p.strip())
                # ('the Airtable record id', 'the Notion page link': a thing of the service named with its part)
                + r"\s+(?:(?:record|row|issue|ticket|page|item|task|card|deal|event|file|doc|document)\s+)?"
                + r"(?:link|url|key|id|number|title|name|author)\b(?!\s*:?\s*\+?\d)",
                low,
            )
            for p in lexicon()["integrations"][key]["phrases"]
        )
        and not any(_verb_mode(low[: m.start()]) == "write" for m in made)
    ):
        # 'post the Jira link in #triage', 'the PR title': what is posted, not where — unless the clause also makes one there
        # ('open a matching Linear issue … and drop the Linear link in #eng-triage')
        return True
    phrases = [p.strip() for p in lexicon()["integrations"][key]["phrases"]]
    if (
        any(
            re.search(
                r"\b(?:poem|story|joke|limerick|song|haiku|essay|rap|riddle|fun fact|quiz)s?\s+(?:about|on)\s+"
                r"(?:[\w'-]+\s+){0,3}?" + re.escape(p) + r"\b",
                low,
            )
            for p in phrases
        )
        and not _made_of(low, key, phrases)
        and not any(
            re.search(
                r"\b(?:to|into|in|on|via)\s+(?:the\s+|our\s+|my\s+)?(?:#[\w-]+\s+)?" + re.escape(p) + r"\b",
                low,
            )
            for p in phrases
        )
    ):
        return True  # 'write me a poem about Slack notifications': the service is the topic, not a place
    if _is_write(clause, key):
        return False
    if _told_of(low, key, phrases):
        return False  # 'email me how many Jira issues were closed': what the message tells is read there
    if key == "reddit" and re.search(r"\b(?:from|in|on)\s+r/\w+", low):
        return False
    if (
        any(
            re.search(
                # ('answers … using only our 'HR Handbook' knowledge base': the only source it may use)
                r"\b(?:use|using|run|with|via|through)\s+(?:only\s+|just\s+)?(?:the\s+|an?\s+|our\s+)?"
                r"(?:'[^'\n]{1,40}'\s+|\"[^\"\n]{1,40}\"\s+|\w+\s+)?" + re.escape(p),
                low,
            )
            for p in phrases
        )
        or _read_as_data(low, phrases)
        or _processed(low, phrases)
        or _stored_in(low, phrases)
        or _items_taken(low, phrases)
        or _made_of(low, key, phrases)
        or _governing_verb(low, phrases) is False  # 'exports all open Jira bugs into …': what it reads
        # 'Firecrawl extracts the content of the page' (Spanish 'Firecrawl extrae …'): the tool named as the doer
        or any(
            re.search(
                r"^\W*(?:(?:and|then)\s+)?(?:the\s+)?"
                + re.escape(p)
                + r"\s+(?:extract|crawl|scrape|search|parse|"
                r"transcribe|read|fetch|pull|look\s+up)(?:s|es)?\b",
                low,
            )
            for p in phrases
        )
        # 'extract the text (Mistral OCR is fine)': the tool allowed for the step is the one that does it
        or any(
            re.search(
                re.escape(p)
                + r"\s+(?:is|are|would\s+be|works|will\s+do)\s+(?:\w+\s+)?(?:fine|ok|okay|good|great|"
                r"preferred|acceptable)\b",
                low,
            )
            for p in phrases
        )
    ):
        return False  # 'use Browser Use to …', 'parse it with Mistral': the tool does the step
    return not (
        # 'it searches our Pinecone index', 'a bot that queries the table': a read said of what the run does
        re.search(r"\b(" + _READ + r"|searches|queries|fetches|reads|pulls|scrapes)\b", low)
        or any(
            re.search(
                r"\b(?:from|in|on|of)\s+(?:my\s+|our\s+|the\s+|an?\s+)?"
                # ('from the bubble tea shop's Airtable', 'in the farm's Excel sheet': the place is a business's own)
                r"(?:(?:[\w-]+\s+){0,3}?[\w-]+['’]s\s+)?"
                r"(?:#[\w-]+\s+|'[^'\n]{1,40}'\s+|\"[^\"\n]{1,40}\"\s+|"
                # 'from the help-center knowledge base', 'in the ap@ Outlook mailbox', 'in our Sim knowledge base'
                r"[\w]+-[\w-]+\s+|[\w.+-]+@\s+|sim\s+)?" + re.escape(p),
                low,
            )
            or re.search(_taken_from(p), low)
            for p in phrases
        )
    )


# 'Use Outlook for the emails.', 'we send from Outlook': the mail service said once holds for every e-mail sent
# the user's mail is in Outlook ('the support Outlook mailbox', 'emails in Outlook'), and Gmail is named nowhere
_OUTLOOK_MAIL = re.compile(r"\b(?:microsoft\s+)?outlook\b(?!\s+calendar\b)", re.I)
_MAIL_SERVICE = re.compile(
    r"\b(?:use|using|via|through|with|from|send\s+(?:them|it|emails?|mail)\s+(?:from|with|via|through))\s+"
    r"(?:our\s+|my\s+|the\s+)?(?:microsoft\s+)?outlook\b(?!\s+(?:inbox|mailbox|folder|calendar)\b)",
    re.I,
)


# what a channel holds, as the object of the clause: 'the messages from #support', 'everything in #incidents',
# 'the posts in our Discord #feedback channel', 'what was said in the #sales channel' (a plural after a
# determiner: 'posts 'on track' in #eng' is a message sent)
_CHANNEL_CONTENT = re.compile(
    r"(?:\b(?:the|all|any|new|latest|recent|unread|those|these|its|their|our|today's|yesterday's|\w+'s)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:messages|posts|conversations|threads|discussions|chats|chatter)|\beverything|"
    r"\bwhat(?:\s+(?:was|is|were|got|gets|has\s+been|have\s+been)|['’]s(?:\s+been)?)\s+(?:said|posted|discussed|written|"
    r"shared|asked))"
    r"(?:\s+[\w'-]+){0,3}?\s+(from|in|of|on)\s+(?:the\s+|our\s+|my\s+)?"
    r"(?:slack\s+|discord\s+|(?:microsoft\s+)?teams\s+)?(?:channel\s+)?#"
)
# the model's work or a read that takes what was said ('summarise', 'pull the action items out of', 'go through')
_WORKED_ON = re.compile(
    r"\b(?:"
    + _PROCESS_VERB
    + r"|extract\w*|pull\w*|go(?:es)?\s+(?:through|over)|scan\w*|count\w*|collect\w*|"
    r"read\w*|fetch\w*|get|gets|grab\w*|gather\w*|store\w*|archive\w*|back\s+up|export\w*|"
    r"summar(?:y|ies)|recap|digest|report|overview|highlights|themes|sentiment)\b"
)


def _channel_read(low: str) -> bool:
    """Whether the clause reads a chat channel: what the channel holds is taken 'from' it, or is the object of the
    model's work or of a read ('summarise the messages in #support'), not of a message sent there."""
    if re.search(
        r"\b(?:messages|posts|conversations?|threads?|discussions?)\s+(?:from|in|of)\s+(?:our\s+|the\s+|my\s+)?#",
        low,
    ):
        return True  # 'the last 24 hours of messages in our #incidents channel'
    if re.search(
        r"(?:^|[,;:]\s*|\b(?:and|then|also|that|to|i|we)\s+)(?:"
        + _READ
        + r"|reads|checks|scans|monitors|watches)\s+"
        r"(?:the\s+|our\s+|my\s+)?(?:(?:slack|discord|(?:microsoft\s+)?teams)\s+)?(?:channel\s+)?#",
        low,
    ):
        return True  # 'reads #customer-feedback', 'check the #orders channel': the channel itself is what is read
    found = _CHANNEL_CONTENT.search(low)
    if found is None:
        return False
    before = low[: found.start()]
    if found.group(1) == "from" or _WORKED_ON.search(before):
        return True
    return not re.search(r"\b(?:" + _WRITE + r")\b", before)


# 'search pv-magazine.com for …', 'search on the hackaday.com site for …': a site the search is kept to
_SEARCHED_SITE = re.compile(
    r"\bsearch(?:es|ing)?\s+(?:on\s+|in\s+|through\s+)?(?:the\s+)?(?:https?://)?(?:www\.)?"
    r"([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?:/[^\s,;]*)?(?:\s+(?:site|website|web\s+site))?"
    r"\s+(?:for|about)\b",
    re.I,
)


def _integration_step(key: str, clause: str, description: str, *, write: bool | None = None) -> Step:
    write = _is_write(clause, key) if write is None else write
    if (
        key == "gmail"
        and write
        and not lx.phrase_at(clause.lower(), "gmail") >= 0
        and _MAIL_SERVICE.search(description)
    ):
        key = "outlook"  # 'email the guest a confirmation … Use Outlook for the emails.'
    elif (
        key == "gmail"
        and lx.phrase_at(description.lower(), "gmail") < 0
        and _OUTLOOK_MAIL.search(description)
    ):
        # 'new email arrives in the support Outlook mailbox … reply to the sender', 'suppliers email PDFs to
        # ap@…, an Outlook shared mailbox … pick up new emails in that mailbox': the same mailbox, sent or read
        key = "outlook"
    entry = lexicon()["integrations"][key]
    # ('draft a reply in Outlook … Do not send it': the mail service's draft, lexicon.json integrations 'draft')
    draft = "draft" in entry and re.search(r"\bdrafts?\b", clause, re.I) and write
    http = _http_object(entry["type"], clause, description, write)
    if http is not None:
        return http
    asked = "write" if write else "read"
    if not draft and asked not in entry:
        raise _one_way(entry, asked, clause)
    mode = entry["draft"] if draft else _choose_operation(entry, clause, asked)
    subject = None if write or "subject_search" not in entry else _SUBJECT_HAS.search(clause)
    if subject:  # "emails with 'receipt' in the subject": a search for those words in the subject
        found = entry["subject_search"]
        words = next(g for g in subject.groups() if g)
        mode = {
            "operation": found["operation"],
            "values": {found["field"]: found["value"].replace("{q}", words)},
        }
    label = None if write or subject or "label_search" not in entry else _LABELLED.search(clause)
    if (
        label
    ):  # "emails labelled 'invoices'": a search of that label ('Proofs Approved' quoted, as Gmail takes it)
        found = entry["label_search"]
        words = " ".join(label.group(1).split())
        words = f'"{words}"' if " " in words else words
        mode = {
            "operation": found["operation"],
            "values": {found["field"]: found["value"].replace("{q}", words)},
        }
    sender = None if write or subject or "sender_search" not in entry else _SENDER_IS.search(clause)
    # 'emails containing 'gravel'' read from a mailbox that searches (integrations 'text_search'): a search of the words
    worded = (
        None if write or subject or label or sender or "text_search" not in entry else _said_filter(clause)
    )
    if worded is not None and worded[0] == "anywhere":
        found = entry["text_search"]
        mode = {
            "operation": found["operation"],
            "values": {found["field"]: found["value"].replace("{q}", '" OR "'.join(worded[1].split(" | ")))},
        }
    if sender:  # 'unread emails from anyone @bigclient.com': a search for what that sender sent
        found = entry["sender_search"]
        query = found["value"].replace("{q}", sender.group(1).lstrip("@"))
        if found.get("unread") and re.search(r"\bunread\b", clause, re.I):
            query += " " + found["unread"]
        mode = {"operation": found["operation"], "values": {found["field"]: query}}
    values = dict(entry.get("values", {}))
    values.update(mode.get("values", {}))
    if mode.get("operation"):
        values["operation"] = mode["operation"]
    if write and mode.get("text"):
        text = "{prev_text}"  # a message: text even when the data before it is structured
        spoken = _said(clause)
        if spoken:  # "post 'standup in 5 minutes'", 'a message saying "…"': the words to send, as written
            text = spoken
        elif reported(clause):
            # 'email them to say we've received it …': what it says, beside what the run has for them
            text = f"{reported(clause)}\n\n{{prev_text}}"
        if spoken and _WITH_DATA.search(clause.replace(spoken, " ")):
            # "post 'New release is out!' with the version number": the words, then the data they come with
            text = f"{spoken}\n\n{{prev_text}}"
        mentioned = [
            h
            for m in _MENTIONS.finditer(clause)
            for h in re.findall(r"@[\w.-]*\w", m.group(0))
            if h[1:].lower() not in ("the", "a", "an")  # ('tag @the person': a handle rewritten, no name)
        ]
        if mentioned:  # 'post it in #incidents and mention @oncall': the message calls on them first
            text = " ".join(dict.fromkeys(mentioned)) + " " + text
        links = [link for link in shared_links(clause) if link not in text]  # (not twice: said in its words)
        if links:  # 'email them the webinar link https://…': the message carries it
            text += "\n\n" + "\n".join(link if "://" in link else "https://" + link for link in links)
        for what, code in _codes(clause):  # '… with the discount code WELCOME10': the message carries it
            text += f"\n\n{what[:1].upper()}{what[1:]}: {code}"
        signed = _SIGNED.search(clause)
        if signed:  # '… signed Maria': the message closes with that name
            text += f"\n\n{signed.group(1)}"
        if mode.get("text_shape") is not None:
            # a field that takes JSON (Sheets' rows, Airtable's records, Pinecone's records …): the data in the
            # shape the service takes, as its entry says (lexicon.json / services.json 'text_shape')
            text = json.dumps(mode["text_shape"])
        values[mode["text"]] = text
    elif write and mode.get("operation"):
        # a write with no message field in the data ('create a calendar event', 'update the Confluence page'):
        # the registry's free-text field of that operation carries what came before, when anything did
        from lib.generation.services import text_field

        found = text_field(entry["type"], mode["operation"])
        stated = _SET_TO.search(clause) if mode["operation"] in ("update", "write") else None
        if found is not None and found[0] not in values and found[1] and stated:
            # 'update the Status column to Paid for that invoice in the sheet': the cell takes the value said
            values[found[0]] = json.dumps([[stated.group(1)]])
        elif found is not None and found[0] not in values:
            values[found[0]] = json.dumps([["{upstream}"]]) if found[1] else "{upstream}"
        elif found is None:
            _changed_fields(entry["type"], mode["operation"], clause, values)
    if mode.get("subject"):
        # "subject 'X'", "subject: 'X'", "the subject line should be 'This week's rota'" (an apostrophe inside it)
        said_subject = re.compile(
            r"\bsubject(?:\s+line)?(?:\s+(?:of|as|is|should\s+be|reading|saying))?\s*[:\-–]?\s*"
            r"(?:\"([^\"\n]+)\"|“([^”\n]+)”|'((?:[^'\n]|(?<=\w)'(?=\w))+?)'(?!\w))",
            re.I,
        )
        # ('email it to Nora (…) and Sam (…) with the subject '…'': the one subject the text gives, in a clause of its own)
        subjects = said_subject.findall(description)
        subject = said_subject.search(clause) or (
            said_subject.search(description)
            if len(subjects) == 1 and len(_mail_steps_said(description)) <= 1
            else None
        )
        values[mode["subject"]] = next(g for g in subject.groups() if g) if subject else "{subject}"
    if mode.get("title"):
        # ("… as a new Confluence page in our 'ENG' space, titled 'Studio changelog'": the title said as one comes
        # before a quote in the clause, which may name the place)
        titled = _TITLED.search(clause) or (
            _TITLED.search(description) if len(_TITLED.findall(description)) == 1 else None
        )
        # ('create an event in our Google Calendar 'Deliveries'': a quote that names the place is no title)
        places: dict[str, Any] = {}
        _resource_names(entry, clause, places)
        quoted = _quoted(clause)
        if quoted and quoted in {str(v).strip() for v in places.values()}:
            quoted = None
        values[mode["title"]] = (
            (next(g for g in titled.groups() if g) if titled else None)
            or quoted
            or _titled_object(entry["type"], mode.get("operation"), clause)
            or _title_said(entry["type"], mode.get("operation"), description)
            or "{subject}"
        )
    if mode.get("instruction"):  # 'use Browser Use to log into the portal': the clause is the task
        values[mode["instruction"]] = clause.strip()
    if mode.get("query"):
        values["__query"] = mode["query"]
        # a service searched with what the run holds, unless the clause says what to look for ('… for the refund policy')
        said = re.search(
            r"\b(?:search\w*|looks? up|quer\w+|read|check|find)\b[^.;]*?\b(?:for|about|regarding)\s+(\S.*)$",
            clause,
            re.I,
        )
        their = said and re.match(
            # ('search … for similar recipes': like what the run was given)
            r"(?:their|his|her|its|the (?:user|customer|sender|person)'s|similar|related)\b|(?:the|that|this)\s+(?:question|message|"
            r"request|query|input|text)\b|(?:it|them)\b|" + _ANSWER,
            said.group(1),
            re.I,
        )
        query = (
            _search_query("search for " + said.group(1))
            if said and not their
            else "{prev}"
            if entry.get("query_from_data")
            else "{upstream}"  # 'for their question', 'for an answer': what the run was given, if anything
            if their
            else _with_topic(_search_query(clause), description)
        )
        if query not in ("{prev}", "{upstream}"):
            # ('**Input:** a product name … search for the product', '… takes a city … venues in the city': what the
            # run is given, named again, is what it searches with)
            query = _given_input_in(query, description)
        if query != "{prev}" or entry.get(
            "derived"
        ):  # a named source with nothing to look for keeps its default
            values[mode["query"]] = query
    # (a read has no recipient: 'look for emails from invoices@parcelo.io' searches for the sender, sends nothing)
    _targets(
        "none" if entry["target"] == "to" and not write else entry["target"], clause, description, values
    )
    _named_fields(entry["type"], values.get("operation"), clause, values)
    if not write:
        _worded_options(entry["type"], clause, values)
    _resource_names(entry, clause, values)
    _told_place(key, entry, clause, description, values, write)
    _tab(entry["type"], clause, values, description)
    _invitees(entry["type"], clause, description, values)
    who = values.pop("__who", None)
    need = values.pop("__need", None)
    query_field = values.pop("__query", None)
    name = {"gmail": "Email", "google_sheets": "Google Sheets"}.get(key, key)
    step = Step(
        "action" if write else "source", entry["type"], values, label=name, text=clause, integration=key
    )
    step.recipient = who
    step.query = query_field
    if not write and not sender and entry.get("target") == "to" and "sender_search" not in entry:
        # 'check my Outlook inbox for emails from invoices@vendor.com': a read that cannot search for the sender
        told = _SENDER_IS.search(clause)
        step.sender = told.group(1).lstrip("@").lower() if told else None
    if not write and not mode.get("query"):
        # "emails with 'skip collection' in the subject" from Outlook, 'the #ops messages containing 'outage'': a read
        # whose operation takes no search for the words keeps every item; a function after it keeps the matching ones
        kept = _said_filter(clause)
        if kept is not None and not (kept[0] == "subject" and "subject_search" in entry):
            _keep_on(step, kept)
    if need:
        step.needs.append(need)
    if entry.get("process"):
        step.kind = "process"
    elif not write:
        # "last week's closed Jira issues", "the messages from the past 24 hours": a window the read takes no date for
        window = lx.window_words(clause)
        if window and not _dated(entry["type"], values.get("operation")):
            step.window = window
    return step


def _dated(block_type: str, operation: str | None) -> bool:
    """Whether the read's operation shows a field for a time or date to read from (the registry's)."""
    from lib.generation.services import _shown
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    return spec is not None and any(
        _shown(sub, operation) and re.search(r"time|date|since", sub.id, re.I) for sub in spec.sub_blocks
    )


# 'update the Status column to Paid', "set its Reorder column to 'YES'": a column changed to a value said
# ('… updated so the Status column says "Signed"': the value the column is to show)
_SET_TO = re.compile(
    r"(?:\b(?:update|change|switch|set|mark)\w*\s+(?:(?:the|its|their|that|this|each)\s+)?(?:[\w-]+['’]s\s+)?"
    r"[\"“']?[\w][\w -]{0,30}?[\"”']?\s+(?:field|column|cell)\s+(?:to|as)"
    r"|\bso\s+(?:that\s+)?(?:the|its|their)\s+[\"“']?[\w][\w -]{0,30}?[\"”']?\s+(?:field|column|cell)\s+"
    r"(?:says|reads|shows|is|becomes)"
    # 'mark the row Signed', 'mark that record as paid': the row's status said after it
    r"|\bmark\w*\s+(?:(?:the|its|that|this|each|their)\s+(?:matching\s+|same\s+)?(?:row|record|entry|line|item)|it|them)"
    r"(?:\s+as)?"
    # 'update the matching row in the 'Receivables' sheet to Paid': the row's status, said after the place
    r"|\b(?:update|change|set|mark)\w*\s+(?:the|its|that|this|their)\s+(?:matching\s+|same\s+|corresponding\s+)?"
    r"(?:[\w-]+\s+)?(?:row|record|entry)\b[^,;.!?]{0,60}?\s(?:to|as))"
    r"\s+[\"“']?([\w][\w -]{0,30}?)[\"”']?"
    r"(?=\s+(?:in|on|at|for|when|once|of|with|and)\b|[,.;!?]|$)",
    re.I,
)


def _changed_fields(block_type: str, operation: str, clause: str, values: dict[str, Any]) -> None:
    """An update whose registry field is a JSON object of columns (Airtable's `fields`, Supabase's `data`): the
    column the clause names ('tick the 'Reminder sent' field', 'that row's Status field', else Status) set to the
    value it states ('mark … as delivered') or to what came before."""
    from lib.generation.services import _shown
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    sub = next(
        (
            spec.sub_block(name)
            for name in ("fields", "data")
            if spec is not None
            and spec.sub_block(name) is not None
            and _shown(spec.sub_block(name), operation)
        ),
        None,
    )
    if sub is None or sub.id in values or sub.type != "code":
        return
    column = re.search(
        # ("tick the 'Notified' box": a box ticked is a column too)
        r"[\"“'`]([\w][\w ]{0,30})[\"”'`]\s+(?:field|column|(?:check|tick)?\s*box)\b"
        r"|\b([A-Za-z]\w{1,30})\s+(?:field|column|(?:check|tick)\s*box)\b"
        # ("tick the box 'Prévenu'", 'the column "Paid"': the name said after the box)
        r"|\b(?:field|column|(?:check|tick)?\s*box)\s+[\"“'`]([\w][\w ]{0,30})[\"”'`]",
        clause,
    )
    # 'set `email_valid = false`', 'set survey_done to true': a column written as the data spells it
    assigned = (
        re.search(
            r"\bset(?:ting)?\s+`?([a-z]\w*_\w+|[a-z]\w*(?=\s*=))`?\s*(?:=|\bto\b)\s*`?[\"'“]?([\w-]+)[\"'”]?`?",
            clause,
        )
        or re.search(  # "set 'nudged' to true", "mark 'reminded' as true": a column quoted, set to the value after it
            r"\b(?:set(?:ting)?|mark(?:ing)?|flag(?:ging)?)\s+[\"“'‘]([\w][\w -]{0,30})[\"”'’]\s*(?:=|\bto\b|\bas\b)\s*"
            r"[\"'“‘]?([\w-]+)",
            clause,
        )
    )
    name = (
        (column.group(1) or column.group(2) or column.group(3))
        if column
        else assigned.group(1)
        if assigned
        else "Status"
    )
    state = re.search(
        # ("set its status to 'Ready' (update the record)": an aside in brackets after the value)
        r"\b(?:mark|flag|set)\b[^.;]{0,40}?\b(?:as|to)\s+[\"“']?([\w][\w -]{0,30}?)[\"”']?"
        r"(?=\s+(?:in|on|at)\b|\s*\(|[,.;]|$)",
        clause,
        re.I,
    )
    # "update the record's status to 'confirmed'": a quoted value the column is changed to
    state = state or re.search(
        r"\b(?:update|change|switch)\w*\b[^.;]{0,40}?\bto\s+[\"“']([\w][\w -]{0,30}?)[\"”']", clause, re.I
    )
    # 'update the Status to Done', 'change the deal's stage to Won': unquoted, after the column it changes
    stage = re.search(
        r"\b(?:update|change|switch|move|set)\w*\s+(?:(?:the|its|their|that|this|each)\s+)?(?:[\w-]+['’]s\s+)?"
        rf"({lexicon()['records_changed']['fields']})\s+(?:field\s+|column\s+)?to\s+"
        r"[\"“']?([\w][\w-]*(?:\s+(?-i:[A-Z])[\w-]*)?)"
        r"[\"”']?(?=\s+(?:in|on|at|for|when|once)\b|[,.;!?]|$)",
        clause,
        re.I,
    )
    value: Any = state.group(1) if state else True if re.search(r"\btick", clause, re.I) else "{prev}"
    if stage and not column and not assigned:
        # ("change their Stage to 'Customer'": the column named, the quoted value whole)
        quoted = state is not None and _quoted_at(clause, state.start(1))
        name = stage.group(1)[:1].upper() + stage.group(1)[1:]
        value = value if quoted else stage.group(2)
    if assigned and not column:
        value = assigned.group(2)
    value = {"true": True, "false": False}.get(str(value).lower(), value)
    if re.fullmatch(r"(?:tag|label)s?", name, re.I) and isinstance(value, str):
        # ('tag them 'vip'': a record's tags are a multiple select, which takes a list of the names chosen)
        name, value = name.rstrip("s").capitalize() + "s", [value]
    values[sub.id] = json.dumps({name: value}, ensure_ascii=False)


def _named_fields(block_type: str, operation: str | None, clause: str, values: dict[str, Any]) -> None:
    """'the Qdrant collection 'faq'', 'the 'docs' index': a required text field of the chosen operation
    whose title's noun the clause names with a quoted name takes that name (read from the registry)."""
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    op = spec.operations.get(operation or "") if spec and spec.operations else None
    if spec is None or op is None:
        return
    for sub in spec.sub_blocks:
        if sub.id not in op.required or values.get(sub.id) or sub.type not in ("short-input", "long-input"):
            continue
        words = re.findall(r"[A-Za-z]+", re.sub(r"\(.*?\)", "", sub.title or ""))  # 'Table (e.g. users)'
        noun = words[-1].lower() if words else ""
        if len(noun) < 4 or noun in ("id", "url", "key", "token", "query", "vector", "points", "ids"):
            continue
        named = re.search(
            rf"\b{noun}s?\s+(?:called\s+|named\s+)?[\"“']([\w .-]+)[\"”']|[\"“']([\w .-]+)[\"”']\s+{noun}\b",
            clause,
            re.I,
        )
        if named:
            values[sub.id] = (named.group(1) or named.group(2)).strip()


def _worded_options(block_type: str, clause: str, values: dict[str, Any]) -> None:
    """'the newest posts', 'the top posts of the week': a read's option the clause's words choose (services.json
    'worded'), the first entry per field whose words it says."""
    from lib.generation.services import data as service_data

    chosen: set[str] = set()
    for option in service_data()["blocks"].get(block_type, {}).get("worded", []):
        if option["field"] in chosen or any(values.get(f) != v for f, v in option.get("when", {}).items()):
            continue
        if re.search(option["words"], clause, re.I):
            values[option["field"]] = option["value"]
            chosen.add(option["field"])


def _without_service(name: str, own: set[str]) -> str:
    """'LEGAL Jira' (from 'the LEGAL Jira project') → 'LEGAL': the service's own name is no part of the name."""
    for alias in sorted(own, key=len, reverse=True):
        if name.lower().endswith(" " + alias):
            return name[: -len(alias) - 1].strip()
    return name


def _id_fields(block_type: str, operation: str | None) -> list[tuple[str, str]]:
    """(field, noun) per text field of `operation` titled '<Noun> ID' in the registry ('Form ID' → form)."""
    from lib.generation.services import _shown
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    if spec is None:
        return []
    return [
        (sub.id, m.group(1).lower())
        for sub in spec.emit_sub_blocks
        if sub.type == "short-input" and _shown(sub, operation)
        for m in [re.fullmatch(r"([A-Za-z]+) ID", sub.title or "")]
        if m
    ]


def _invitees(block_type: str, clause: str, description: str, values: dict[str, Any]) -> None:
    """'create an event and invite the prospect to it', 'invite them': the guests the operation's attendee
    field takes (registry) are the person the data names, not the user — said in the clause or in the one
    right after it that points back at the event ('… and invite them to it')."""
    from lib.generation.services import _shown
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    sub = spec.sub_block("attendees") if spec is not None else None
    if sub is None or values.get("attendees") or not _shown(sub, values.get("operation")):
        return
    # the clause as the user wrote it ('for each speaker's slot', read per item as 'for the speaker's slot')
    # (and its verb as written: 'it creates an event …', read as 'create an event …')
    pattern = re.sub(r"\bthe\b", "(?:the|each|every)", re.sub(r"^(\w+)", r"\1\\w*", re.escape(clause)))
    said = re.search(pattern, description) if clause else None
    after = description[said.end() : said.end() + 100] if said else ""
    back = re.match(
        r"[\s,]*(?:and\s+|then\s+)?(invit\w*\s+[^.;]{0,60}?\bto\s+(?:it|the\s+(?:event|meeting|call))"
        # '…, 30 minutes, and invite them using the email they gave': the person, right after the event's clause
        r"|invit\w*\s+(?:them|him|her)\b[^.;]{0,60}"
        # '…, invites the speaker's email as an attendee': the guest, in a clause of its own right after
        r"|invit\w*\s+[^.;,]{0,60}?\bas\s+(?:an?\s+|the\s+)?(?:attendee|guest|invitee)s?\b)",
        after,
        re.I,
    )
    invited = re.search(r"\binvit\w*\s+(.{0,60})", clause if back is None else back.group(1), re.I)
    # '…, with the speaker's email as the attendee': the guest said in a phrase of its own after the clause
    guest = re.match(
        r"[\s,]*(with\s+[^.;,]{0,60}?\bas\s+(?:an?\s+|the\s+)?(?:attendee|guest|invitee)s?)\b", after, re.I
    )
    clause = f"{clause} {guest.group(1) if guest else back.group(1) if back else ''}".strip()
    who = _person("invite " + invited.group(1)) if invited else None
    if not who and re.search(
        r"\bas\s+(?:an?\s+|the\s+)?(?:attendee|guest|participant|invitee)s?\b|\b(?:calendar|meeting)\s+invit",
        clause,
        re.I,
    ):  # 'add them to the event as an attendee', 'send the candidate a calendar invite': a guest all the same
        # 'with the speaker's email as the attendee': whoever's address the clause names
        owner = re.search(r"\b([a-z][\w-]*)['’]s?\s+e-?mail(?:\s+address)?\s+as\b", clause, re.I)
        who = (
            _person(clause)
            or (owner.group(1).lower() if owner else None)
            # 'add them to the event as …', '… an event w/ them as attendee': the person the run is about
            or (
                "person"
                if re.search(
                    r"\b(?:(?:add|put|include)\s+(?:them|him|her)|with\s+(?:them|him|her)\s+as)\b",
                    clause,
                    re.I,
                )
                else None
            )
        )
    if who:
        values["attendees"] = "{recipient}"
        values["__who"] = who


# `events` too: a name written as code; « Ventes » as French and others quote it
# (German quotes open low and close high: „Recruiting“, ‚Leads‘)
_QUOTED_NAME = r"(?:[\"“‘'`„‚]|«\s?)([^\"“”‘’'`„‚«»\n]{1,60}?)(?:[\"“”‘’'`]|\s?»)"
_KEY_NAME = r"((?-i:[A-Z][A-Z0-9]{1,9}))\b(?![-'’])"  # 'OPS', 'ENG': a project key, never 'OPS-12'
_TITLED_NAME = r"((?-i:[A-Z][\w&.-]*)(?:\s+(?-i:[A-Z][\w&.-]*)){0,3})"
_NOT_A_RESOURCE = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "api", "ai", "i",
    "sim",  # ('a Sim knowledge base': the product the place is in, not its name)
}  # fmt: skip


def _resource_names(entry: dict[str, Any], clause: str, values: dict[str, Any]) -> None:
    """'the Dispatch channel in Teams', 'the 'Volunteer Shifts' Excel workbook', 'Supabase 'reservations'',
    'the Refund Ledger sheet', 'Jira OPS': the name the user gave a resource goes into the field the registry
    declares for it in the chosen operation (services.resource_fields), unless that field holds a value
    already; a name where an id belongs is listed to replace by the id."""
    block_type, operation = entry["type"], values.get("operation")
    own, ids, fields = _resource_patterns(block_type, operation, tuple(entry.get("phrases", [])))
    text = re.sub(lx.URL_RE, " ", clause)
    for field_id, pattern in ids:
        given = None if values.get(field_id) else pattern.search(text)
        if given and re.search(
            r"\d|[A-Z]", given.group(1)
        ):  # '(form id Qx7Lp2)': for a field titled 'Form ID'
            values[field_id] = given.group(1)
    for field_id, nouns, shown_as, patterns in fields:
        held = [values.get(field_id), values.get(shown_as)]
        if any(isinstance(v, str) and v and not v.startswith("{{") for v in held):
            continue
        name = next(
            (
                named
                for pattern in patterns
                for m in pattern.finditer(text)
                for named in [_without_service(m.group(1).strip(), own)]
                # a quoted name is the user's even when it starts with a service's ('Slack Leads')
                if _plausible_name(named)
                or (_quoted_at(text, m.start(1)) and _plausible_name(named.split()[-1]))
                # (and a quoted name of several words naming no service as a whole: the 'WhatsApp Inbox' sheet)
                or (
                    _quoted_at(text, m.start(1))
                    and len(named.split()) > 1
                    and not any(named.lower() == w for w in _service_words())
                )
            ),
            None,
        )
        if name is None or name.lower() in str(values.get("__need", "")).lower():
            continue  # '#deploys on Discord' is already a variable listed to set to that channel's id
        values[field_id] = name
        if values.get("__need", "").startswith("the id of") or not values.get("__need"):
            values.pop("__need", None)
            if field_id.lower().endswith("id"):  # a name where Sim wants an id: listed to replace
                values["__need"] = f"replace '{name}' by the id of that {nouns[0]} (from its URL or settings)"


def _told_place(
    key: str, entry: dict[str, Any], clause: str, description: str, values: dict[str, Any], write: bool = True
) -> None:
    """'I want new Linear issues mirrored into our Notion roadmap database ('Roadmap Inbox')' above '- Creates one
    Notion page per new issue': a write (or read) whose clause names no place goes to the one place of its service
    another sentence names (read as `_resource_names` reads a clause); nothing when none or several are named."""
    from lib.generation.services import resource_fields

    if re.search(r"(?<![\w&])#[A-Za-z0-9]|[\"“‘„«`]|(?<!\w)'", clause):
        return  # ('anything else -> the #general channel on Discord': the clause names its own place)
    fields = resource_fields(entry["type"], values.get("operation"))
    held = [values.get(f) for fid, _, shown in fields for f in (fid, shown)]
    if not fields or any(isinstance(v, str) and v and not v.startswith("{{") for v in held):
        return
    found: dict[tuple[str, str], dict[str, Any]] = {}
    sentences = re.split(r"(?<=[.!?])\s+|\n+", description)
    # (other sentences first; then the clause's own, whose next clause may name it: 'get the bookings from the
    # clinic's Google Calendar, the 'Physio Room 2' calendar, and …' — for a read, only that: what it reads may be
    # what the event names, the file of 'S3 (bucket …)' said among the tools)
    for own in (False, True) if write else (True,):
        for sentence in sentences:
            if (clause.strip() in sentence) != own or key not in {k for _, k in lx.integrations_in(sentence)}:
                continue
            trial: dict[str, Any] = {"operation": values.get("operation")}
            _resource_names(entry, sentence, trial)
            for fid, _, _ in fields:
                named = trial.get(fid)
                if isinstance(named, str) and named and not named.startswith("{{"):
                    found[(fid, named)] = trial
        if found:
            break
    if len(found) == 1:
        (fid, named), trial = next(iter(found.items()))
        values[fid] = named
        if trial.get("__need"):
            values["__need"] = trial["__need"]


_TAB_NAMED = re.compile(
    rf"\b(?:the|our|my|its|a)\s+(?:{_QUOTED_NAME}|{_TITLED_NAME})\s+(?:tab|worksheet)\b|"
    rf"\b(?:tab|worksheet)\s+(?:called\s+|named\s+)?{_QUOTED_NAME}",
    re.I,
)


def _tab(block_type: str, clause: str, values: dict[str, Any], description: str = "") -> None:
    """'read the Vendors tab in Excel', 'the 'Q3' worksheet': the sheet inside the workbook, read or written
    through the operation's range field (when the registry shows one and nothing filled it) — or the one tab the
    text names in another clause ('open the Ops sheet, go to the 'Returns' tab and …')."""
    from lib.generation.services import _shown, tab_range
    from lib.generation.services import data as service_data
    from lib.sim.registry import get_block

    spec = get_block(block_type)
    sub = spec.sub_block("range") if spec is not None else None
    # ('write to the Excel worksheet 'Weekly Miles'': a tab named for an operation with no range of its own — a table's
    # rows — is written through the operation that takes one, services.json 'tab_operation')
    swap = (
        service_data()["blocks"]
        .get(block_type, {})
        .get("tab_operation", {})
        .get(values.get("operation") or "")
    )
    if swap and sub is not None and not _shown(sub, values.get("operation")) and _TAB_NAMED.search(clause):
        values["operation"] = swap
    # (the first sheet, 'Sheet1', is the operation's default: a tab named anywhere replaces it)
    if (
        sub is None
        or values.get("range") not in (None, "", "Sheet1", tab_range(block_type, "Sheet1"))
        or not _shown(sub, values.get("operation"))
    ):
        return
    # ('the Excel worksheet 'Weekly Miles'': the service's own name before the noun names no tab)
    name, at = None, 0
    while name is None and (tab := _TAB_NAMED.search(clause, at)) is not None:
        name = next(
            (
                g.strip()
                for g in tab.groups()
                if g and _plausible_name(g.strip()) and not lx.integrations_in(g)
            ),
            None,
        )
        at = tab.start() + 1
    if not name:
        named = {
            n.strip()
            for m in _TAB_NAMED.finditer(description)
            for n in m.groups()
            if n and _plausible_name(n.strip())
        }
        name = next(iter(named)) if len(named) == 1 else None
    if name and _plausible_name(name.strip()):
        values["range"] = tab_range(block_type, name.strip())


def _titled_object(block_type: str, operation: str | None, clause: str) -> str | None:
    """'put the writeup into the Weekly Traffic google doc', 'the Board Minutes document': a name written in
    capitals between a determiner and the thing the operation makes (services.json 'objects', the service's own
    name allowed between) is that thing's title."""
    from lib.generation.services import aliases, operations

    objects = (operations().get(block_type, {}).get(operation or "") or {}).get("objects") or []
    if not objects:
        return None
    own = sorted(set(aliases(block_type)) | {"google", "microsoft"}, key=len, reverse=True)
    found = re.search(
        r"\b(?:the|our|my|a|an|its|their)\s+((?-i:[A-Z][\w&.-]*)(?:\s+(?-i:[A-Z][\w&.-]*)){0,3}?)\s+"
        rf"(?:(?:{'|'.join(re.escape(o) for o in own)})\s+)?(?:{'|'.join(re.escape(o) for o in objects)})s?\b",
        clause,
        re.I,
    )
    return found.group(1) if found and _plausible_name(found.group(1)) else None


# "titled 'Studio changelog'", 'entitled "Q3 review"', 'headed 'Minutes'': the title a thing made is given
_TITLED = re.compile(
    r"\b(?:titled|entitled|headed|with\s+the\s+title)\s+(?:\"([^\"\n]+)\"|“([^”\n]+)”|'((?:[^'\n]|(?<=\w)'(?=\w))+?)'(?!\w))",
    re.I,
)


# 'AC: - Event title 'Interview – <candidate name>'', 'Title: "Weekly sync"', 'the page title should be 'Onboarding'': a
# title said on its own (a criterion's line, a sentence of its own), with the noun of what it titles before it or none
# ('Event title starts with 'Delivery –'', 'the title should begin with 'Survey –'': the words it opens with)
_TITLE_SAID = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?P<noun>[a-z][\w-]*)\s+)?(?:title|heading)(?:\s+(?:is|should\s+be|will\s+be|must\s+be|reads|"
    r"of\s+(?:it|each\s+one|the\s+\w+)|(?P<starts>(?:should\s+|must\s+|will\s+|has\s+to\s+)?(?:starts?|begins?|opens?)\s+"
    r"with)))?\s*[:\-–]?\s*(?:\"([^\"\n]+)\"|“([^”\n]+)”|'((?:[^'\n]|(?<=\w)'(?=\w))+?)'(?!\w))",
    re.I,
)


def _title_said(block_type: str, operation: str | None, description: str) -> str | None:
    """The one title a text gives on its own ('AC: - Event title 'Interview – <candidate name>''), for a step that
    makes what its noun names (services.json 'objects'); a title said with no noun ('Title: …') when it is the only one."""
    from lib.generation.services import operations

    objects = {
        o.lower() for o in (operations().get(block_type, {}).get(operation or "") or {}).get("objects") or []
    }
    said = list(_TITLE_SAID.finditer(description))
    if len(said) != 1:
        return None
    noun = (said[0].group("noun") or "").lower()
    if (
        noun
        and noun not in ("the", "a", "an", "its", "their", "with")
        and noun not in objects
        and noun.rstrip("s") not in objects
    ):
        return None
    # (the words a title starts with, as its title: what follows them is the user's to add)
    return next(g for g in said[0].groups()[2:] if g)


def _quoted_at(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in "\"“'`"


def _plausible_name(name: str) -> bool:
    """A name, not a word of the sentence ('the', 'Monday') nor a service ('Google', 'Microsoft Teams')."""
    low = name.lower().strip()
    return bool(low) and not (
        low in _NOT_A_NAME
        or low in _NOT_A_RESOURCE
        or name in lexicon()["acronyms"]
        or any(low == s or low.startswith(s + " ") or s.startswith(low + " ") for s in _service_words())
    )


@lru_cache(maxsize=256)
def _resource_patterns(
    block_type: str, operation: str | None, phrases: tuple[str, ...]
) -> tuple[
    set[str], list[tuple[str, re.Pattern[str]]], list[tuple[str, tuple[str, ...], str, list[re.Pattern[str]]]]
]:
    """The service's own names, and the compiled patterns that find an id ('form id …') and the name of
    each resource field of `operation` (built once per block and operation)."""
    from lib.generation.services import aliases, operations, resource_after_name, resource_fields

    own = {p.lower() for p in phrases if p} | set(aliases(block_type))
    svc = "|".join(re.escape(s) for s in sorted(own, key=len, reverse=True))
    after = resource_after_name(block_type)
    ids = [
        (field_id, re.compile(rf"\b{re.escape(title)}\s+id\s*[:#=]?\s*([A-Za-z0-9][\w-]{{3,}})", re.I))
        for field_id, title in _id_fields(block_type, operation)
    ] + [  # 'Typeform form x7k2qp': right after the noun, a code of letters and digits is its id (not a year)
        (
            field_id,
            re.compile(
                rf"\b{re.escape(title)}\s+((?=[\w-]*\d)(?=[\w-]*[a-z])[A-Za-z0-9][\w-]{{3,}})\b", re.I
            ),
        )
        for field_id, title in _id_fields(block_type, operation)
    ]
    fields = []
    for field_id, nouns, shown_as in resource_fields(block_type, operation):
        noun = "(?:" + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) + ")s?"
        service = rf"(?:(?:{svc})\s+)?" if svc else ""
        patterns = [
            # 'workbook 'Price List'', "(table is 'Class Bookings')", "table: 'Orders'"
            rf"\b{noun}(?:\s+(?:called\s+|named\s+|is\s+(?:called\s+|named\s+)?)?|\s*:\s*){_QUOTED_NAME}",
            rf"\b{service}{noun}\s+\(\s*{_QUOTED_NAME}\s*\)",  # 'a Sim knowledge base ('Rehab Library')'
            rf"{_QUOTED_NAME}\s+{service}{noun}\b",  # ''Triage Crew' channel', ''Menus' Excel workbook'
            # 'the Grants google sheet': the service's own name that ends in the noun
            *(
                [
                    rf"\b(?:the|our|my|your|their|a|an|its)\s+{_TITLED_NAME}\s+(?:{svc_noun})s?\b",
                    rf"{_QUOTED_NAME}\s+(?:{svc_noun})s?\b",  # 'the 'Receipts' drive folder'
                    # 'the support-triage teams channel': a hyphenated name in small letters
                    rf"\b(?:the|our|my|your|their|a|an|its)\s+((?-i:[a-z0-9]+(?:[-_][a-z0-9]+)+))\s+(?:{svc_noun})s?\b",
                ]
                if (svc_noun := _names_ending_in(own, nouns))
                else []
            ),
            rf"\b(?:the|our|my|your|their|a|an|its)\s+{_TITLED_NAME}\s+{service}{noun}\b",  # 'the Dispatch channel'
            rf"\b{noun}\s+(?:called\s+|named\s+)?{_KEY_NAME}",  # 'project SUPPORT'
            rf"\b{noun}\s+(?:called\s+|named\s+)?{_TITLED_NAME}",  # 'channel Sales', 'page Release Notes'
            rf"\b{noun}\s+(?:called\s+|named\s+)?((?-i:[a-z0-9]+(?:[-_][a-z0-9]+)+))\b",  # 'index product-docs'
            # 'create a Confluence page under 'SRE Handover'': the place a thing is filed under, named alone
            rf"\b(?:under|beneath)\s+(?:the\s+|our\s+)?(?:{noun}\s+)?{_QUOTED_NAME}",
        ]
        if "channel" in nouns:
            patterns.insert(0, r"(?<![\w&])#([A-Za-z0-9][\w-]*)")  # '#new-joiners channel on Teams'
        if field_id == after and svc:  # 'Supabase 'reservations'', 'Google Sheets 'Quotas'', 'Jira OPS'
            patterns += [rf"\b(?:{svc})\s+{_QUOTED_NAME}", rf"\b(?:{svc})\s+{_KEY_NAME}"]
            # 'the 'Listings' Airtable', 'our 'Applicants' Supabase': a quoted name right before the service
            patterns.append(rf"{_QUOTED_NAME}\s+(?:{svc})\b")
            # 'make jira ticket ITHD', 'their Jira onboarding ticket in HR': a key right after the service's object
            objects = sorted(
                {
                    o.rstrip("s")
                    for op in operations().get(block_type, {}).values()
                    for o in op.get("objects", [])
                },
                key=len,
                reverse=True,
            )
            if objects:
                things = "|".join(re.escape(o) for o in objects if len(o) > 2)
                patterns.append(
                    rf"\b(?:{svc})\s+(?:[\w-]+\s+){{0,2}}?(?:{things})s?\s+(?:in\s+|for\s+|under\s+)?{_KEY_NAME}"
                )
        fields.append((field_id, nouns, shown_as, [re.compile(p, re.I) for p in patterns]))
    return own, ids, fields


def _names_ending_in(own: set[str], nouns: tuple[str, ...]) -> str:
    """The service's names that end in one of the resource's nouns ('google sheet', 'excel workbook'), as a
    pattern (empty when none does)."""
    return "|".join(
        re.escape(n)
        for n in sorted(own, key=len, reverse=True)
        if " " in n and n.split()[-1].rstrip("s") in {x.rstrip("s") for x in nouns}
    )


# a lookup, then the key it finds by: 'look the buyer up by', 'find each member in the sheet by their', 'keyed by'
_LOOKUP_BY = (
    r"\b(?:look(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){0,6}?up|finds?|found|finding|match(?:es|ed|ing)?|"
    r"search(?:es|ed|ing)?|identif(?:y|ies|ied)|keyed|indexed|quer(?:y|ies|ied)|dedupe[sd]?|joined|joins?)\b"
    r"[^.;!?]{0,100}?\b(?:by|on|using|via|against|with)\s+(?:(?:the|their|his|her|its|an?|each)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?$"
)


# ', domain and profile', ', name, score and date': the other fields of a list the word opens
_FIELDS_AFTER = r"\s*,\s*[\w-]+(?:\s+[\w-]+)?(?:\s*,\s*[\w-]+(?:\s+[\w-]+)?)*,?\s+(?:and|&|\+)\s+[\w-]+"


def _email_as_noun(clause: str) -> bool:
    """'… with the sender's name and email', 'their email address': the word names a field of the data
    while another verb does the work; no e-mail is read or sent here."""
    low = clause.lower()
    if re.search(r"\bg-?mail\b|\binbox\b", low):
        return False
    people = "|".join(lexicon()["people"] + ["visitor", "caller", "donor", "shopper", "tenant", "parent"])
    return (
        all(
            re.search(
                # ('w/ name + email + time': a field listed with '+' or '&')
                r"(?:'s|\btheir|\bhis|\bher|\bits|\band|\bor|\bname,?|\w\s+[+&])\s+(?:[\w-]+\s+)?$",
                low[: m.start()],
            )
            # 'with the customer email and the total': the person's address carried in a message
            or re.search(
                r"\b(?:with|including|includes?|plus)\s+(?:the|their|its|his|her|each|every)\s+(?:"
                + people
                + r")s?\s+$",
                low[: m.start()],
            )
            # 'POST the customer email and amount to …', 'the record whose email matches': the person's field
            or re.search(
                r"\b(?:whose|the|each|every)\s+(?:(?:" + people + r")s?['’]?\s+)?$", low[: m.start()]
            )
            and not re.search(r"\b(?:send|write|draft|forward)\s+(?:\w+\s+){0,3}$", low[: m.start()])
            # ('read the emails from the last day', 'go through the new emails': the mail itself, read)
            and not re.search(
                r"\b(?:read|fetch|check|scan|pull|grab|collect|go\s+through|look\s+(?:at|through)|process)\s+"
                r"(?:the|all\s+the|all)\s+(?:new\s+|unread\s+|latest\s+|incoming\s+)?$",
                low[: m.start()],
            )
            or re.match(r"\s+(?:address|addresses|column|field)\b", low[m.end() :])
            # 'paste a list of emails when I run it': addresses the run is given (lexicon.json 'given_list')
            or re.search(lexicon()["given_list"], low[: m.start()])
            # 'insert one row per email into Supabase', 'a card for each email': the unit a count goes by, the mail
            # read before ('notify per email' still sends: no count before it)
            or re.search(
                r"\b(?:one|a|an|single)\s+(?:new\s+)?[a-z][\w-]*\s+(?:per|for\s+(?:each|every))\s+(?:new\s+|incoming\s+)?$",
                low[: m.start()],
            )
            # 'post in #service how many emails went out': a count of the mails sent, said in the message
            or re.search(
                r"\b(?:how\s+many|number\s+of|count\s+of|total\s+of)\s+(?:[\w-]+\s+)?$", low[: m.start()]
            )
            # 'look up the customer in Supabase by email', 'match the sender by email against the sheet',
            # 'keyed by email': the key a lookup finds its record by
            or re.search(_LOOKUP_BY, low[: m.start()])
            and not re.search(_CONTACT_BY + r"$", low[: m.start()])
            # 'add email, domain and profile to the table': the first of a list of fields (no channel listed, none
            # said as how it goes: 'alert via email, SMS and Slack' sends)
            or (
                (listed := re.match(_FIELDS_AFTER, low[m.end() :])) is not None
                and not lx.integrations_in(listed.group(0))
                and not re.search(r"\b(?:via|by|over|through|on|per)\s+$", low[: m.start()])
                and not re.fullmatch(
                    r"\W*(?:also\s+|then\s+|and\s+)?", low[: m.start()]
                )  # ('email, text and call them')
            )
            # "I'd like to paste a demo email into a workflow when I run it": the mail is what the run is given
            or re.search(
                r"\b(?:paste|pastes|pasted|pasting|drop|drops|type|types|copy|copies)\s+(?:(?:in|the|an?|one|each)\s+)?"
                r"(?:[\w-]+\s+)?$",
                low[: m.start()],
            )
            and re.match(
                r"\s+(?:(?:text|body)\s+)?(?:in|into)\s+(?:the|a|an|my|our)\s+(?:workflow|form|chat|run|box|field)\b",
                low[m.end() :],
            )
            # 'the student emails from the 'Class 9B' sheet': addresses kept in a table, not mail
            or re.match(
                r"\s+(?:from|in|on|of)\s+(?:the\s+|our\s+|my\s+|this\s+|that\s+)?(?:'[^'\n]{1,40}'\s+|\"[^\"\n]{1,40}\"\s+)?"
                r"(?:[\w-]+\s+){0,2}?(?:sheet|spreadsheet|table|list|column|database|csv|tab|base|crm|airtable|notion|"
                r"supabase|excel|hubspot)\b",
                low[m.end() :],
            )
            for m in re.finditer(r"\be-?mails?\b", low)
            # ('the Hunter.io Email Finder API': a word of another product's name)
            if not re.match(lexicon()["integrations"]["gmail"].get("common_before", "(?!)"), low[m.end() :])
        )
        and bool(re.search(r"\be-?mails?\b", low))
    )


def _keyed_email(clause: str, description: str) -> bool:
    """'… with {"email": …, "plan": …}: enrich the email with Clearbit': the description writes the data out with
    an 'email' key, and 'the email' is that value, not a message."""
    return bool(
        re.search(r"[{,]\s*[\"']e-?mail[\"']\s*:", description)
        and re.search(
            r"\b(?:the|that|this|its|their)\s+e-?mail\b(?!\s+(?:to|them|him|her|me|us)\b)", clause, re.I
        )
        and not re.search(r"\b(?:send|reply|forward|inbox|gmail|outlook)\b", clause, re.I)
    )


def _mentions(text: str, word: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


def _one_way(entry: dict, asked: str, clause: str) -> Exception:
    """'Read the #news channel in WhatsApp': the JUL25 block only works the other way (sends only,
    reads only). An honest 422 naming the block, never a block doing the opposite of what was asked."""
    from lib.errors import CannotPlan
    from lib.sim.registry import get_block

    spec = get_block(entry["type"])
    name = spec.name if spec is not None else entry["type"]
    can = "send or write" if asked == "read" else "read or fetch"
    return CannotPlan(
        f'Sim JUL25\'s {name} block can only {can}: "{clause.strip()}" asks it to {asked}, which no '
        f"{name} operation does. Reword the step, or name another service for it.",
        field="body.description",
        details=[
            {"reason": "operation_missing", "block": entry["type"], "asked": asked, "clause": clause.strip()}
        ],
    )


# "emails with 'receipt' in the subject", 'whose subject contains "invoice"': the words a mail search looks for
# 'emails from anyone @bigclient.com', 'mail from billing@acme.io': the sender (an address or a domain) searched for
_SENDER_IS = re.compile(
    r"\bfrom\s+(?:(?:anyone|anybody|someone|people|senders?|any\s+address(?:es)?)\s+)?(?:at\s+)?"
    # ('the new emails from the council's permits office (permits@bristol.gov.uk)': the sender named, then its address)
    r"(?:(?:(?!(?:to|into|and|then|or|cc|with)\b)[\w'’&-]+\s+){1,6}?\(\s*)?"
    r"([\w.+-]*@[\w-]+(?:\.[\w-]+)+)",
    re.I,
)
# "emails labelled 'invoices'", 'mail with the label "Receipts"': the mailbox's label
_LABELLED = re.compile(
    r"\b(?:labell?ed|with\s+(?:the\s+)?label|under\s+(?:the\s+)?label)\s+(?:as\s+)?[\"“']([^\"”'\n]{1,40})[\"”']",
    re.I,
)
_SUBJECT_HAS = re.compile(
    r"\bwith\s+[\"“']([^\"”']{2,60})[\"”']\s+in\s+(?:(?:the|their|its)\s+)?subject"
    r"|\bsubject(?:\s+line)?\s+(?:contains|containing|includes|including|mentions|mentioning|with|has)\s+"
    r"[\"“']([^\"”']{2,60})[\"”']"
    # ('the emails … with subject 'Route setting request'', 'mails w/ subject "Cancel booking"': the subject they have)
    r"|\b(?:with|w/|whose|having)\s+(?:the\s+|a\s+)?subject(?:\s+line)?\s*(?:(?:of|is|being|reading|saying)\s+|[:\-–]\s*)?"
    r"[\"“']([^\"”']{2,60})[\"”']",
    re.I,
)


def _said_filter(clause: str) -> tuple[str, str] | None:
    """The words a clause says what it reads must hold (lexicon.json 'item_filters'): ('subject', words) when said of
    the subject ("emails with 'refund' in the subject", « facture » dans l'objet), ('anywhere', words) when said of
    the item ('messages containing 'outage''); None when it says none."""
    said = lexicon()["item_filters"]
    if re.search(said["tested"], clause, re.I):
        return None  # ('if there are messages mentioning 'SEV1'': a test of what was read, no filter of the read)
    for where in ("subject", "anywhere"):
        for pattern in said[where]:
            found = re.search(pattern, clause, re.I)
            if not found or not found.group("q").strip():
                continue
            if re.search(said["excluded"], clause.replace(found.group(0), " "), re.I):
                return None  # ("with 'TRAINING' in the title - please leave them out": the items not kept)
            words = [" ".join(found.group("q").split())]
            rest = clause[found.end() :]
            other = re.search(said["more"], rest, re.I)
            while other is not None and other.group("q").strip():
                # ("mention 'damaged' or 'shortage'": either)
                words.append(" ".join(other.group("q").split()))
                rest = rest[other.end() :]
                other = re.search(said["more"], rest, re.I)
            return where, " | ".join(words)
    return None


def _keep_on(step: Step, said: tuple[str, str]) -> bool:
    """Have a function keep the items `step` reads to those holding the words `said` (`Step.keep`), when it reads a
    list (services.json's list path of its operation) and its operation has no field searching for them (a query, a
    filter); a mail service whose read searches (integrations 'subject_search', 'text_search') is turned to that
    search instead. Whether the words went anywhere."""
    from lib.generation.services import list_path

    entry = lexicon()["integrations"].get(step.integration or "", {})
    if step.kind != "source" or step.keep is not None or "read" not in entry:
        return False
    search = entry.get("subject_search" if said[0] == "subject" else "text_search")
    if search is not None and step.values.get("operation") == entry["read"].get("operation"):
        step.values["operation"] = search["operation"]
        step.values[search["field"]] = search["value"].replace("{q}", '" OR "'.join(said[1].split(" | ")))
        return True
    if (
        step.query is not None
        or any(k in step.values for k in ("query", "filter", "search", "q"))
        or list_path(step.type, step.values.get("operation"), step.integration) is None
    ):
        return False
    step.keep = said
    return True


def _choose_operation(entry: dict, clause: str, mode: str) -> dict:
    """The operation of `mode` whose objects the clause names ('read the open issues' → read-bulk);
    the entry's default for that mode when none is named."""
    from lib.generation import services

    default = entry[mode]
    ops = services.operations().get(entry["type"], {})
    low = clause.lower()
    if mode == "read":
        # 'list the pages in the database and … for each page': the loop's item names no operation of the read
        low = re.sub(r"\bfor\s+(?:each|every)\s+[\w-]+", lambda m: " " * len(m.group(0)), low)
        # ('tracked in Airtable 'Skates' (one record per size)': how the table is laid out, many records)
        low = re.sub(r"\b(?:one|an?|each)\s+[a-z]+\s+per\s+[\w-]+", lambda m: " " * len(m.group(0)), low)
        # ('reads every record in my Airtable table': each of them, a list, not the one record 'get' reads)
        low = re.sub(
            r"\b((?:" + _READ + r")s?\s+)(?:each|every)\s+[\w-]+",
            lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))),
            low,
        )
    by_verb = _verb_operation(entry, low) if mode == "write" else None
    if by_verb is not None and by_verb != default.get("operation"):
        # the message and row shapes of the default write do not fit another operation: its registry fields do
        keep = ("subject", "title", "instruction", "query")
        return {k: v for k, v in default.items() if k in keep} | {"operation": by_verb}
    named = [
        (min(pos), op_id)
        for op_id, op in ops.items()
        if op["mode"] == mode
        for pos in [[m.start() for o in op["objects"] for m in _object_mentions(low, o)]]
        if pos
    ]
    current = default.get("operation", "")
    said = {
        op_id: {o for o in op["objects"] if _object_mentions(low, o)}
        for op_id, op in ops.items()
        if op["mode"] == mode
    }
    # 'a message to our Payroll chat in Teams': an operation named by all the default's words and one more of its own
    wider = [op_id for op_id, objs in said.items() if said.get(current) and said[current] < objs]
    if not named and mode == "read":
        # 'find contracts ending soon in the Notion database "Contracts"': what is read is the entries of the place
        # it is read from, when an operation reads that kind of place
        named = [
            (m.start(), op_id)
            for op_id, op in ops.items()
            if op["mode"] == mode
            for o in op["objects"]
            if o in _CONTAINERS
            for m in [re.search(r"\b" + re.escape(o) + r"\b", low)]
            if m
        ]
    if mode == "read" and len({op_id for _, op_id in named}) > 1:
        # 'get their progress notes from the Notion database 'Athletes'': the place read from, named with its
        # name, holds what is read (its entries), whatever the user calls them
        source = [
            (pos, op_id)
            for pos, op_id in named
            if any(
                o in _CONTAINERS
                and re.match(re.escape(o) + r"s?\s+(?:called\s+|named\s+)?['\"‘“]", low[pos:])
                and re.search(r"\bfrom\s+(?:the\s+|our\s+|my\s+|their\s+)?(?:[\w'-]+\s+){0,2}$", low[:pos])
                for o in ops[op_id]["objects"]
            )
        ]
        # (not when what is named first is read by an operation on that kind of place itself: 'get all tasks from the
        # Notion database 'Sprint Board'' queries the database's tasks)
        first = ops[min(named)[1]]["objects"]
        if source and not any(
            o in _CONTAINERS and re.search(r"\b" + re.escape(o) + r"\b", low) for o in first
        ):
            named = source
    if not named or (any(op_id == current for _, op_id in named) and not wider):
        return default
    op_id = wider[0] if wider else min(named)[1]
    # an operation that needs a search query ('search my Gmail for receipts') takes it from the clause
    from lib.sim.registry import get_block

    spec = get_block(entry["type"])
    takes = "query" in ops[op_id]["required"] or (spec is not None and spec.sub_block("query") is not None)
    query = {"query": "query"} if takes and mode == "read" and not default.get("query") else {}
    return (
        {k: v for k, v in default.items() if k not in ("operation", "values")} | {"operation": op_id} | query
    )


# what holds the objects a write makes: after 'to/into/in' it is where they go, not what is made
_CONTAINERS = frozenset(
    [
        "folder",
        "folders",
        "database",
        "table",
        "base",
        "spreadsheet",
        "sheet",
        "board",
        "space",
        "collection",
        "index",
        "project",
    ]
)


def _object_mentions(low: str, obj: str) -> list[re.Match[str]]:
    """Where the clause names `obj` as what is worked on — not as the place it goes or comes from ('upload the
    attachment to the Drive folder 'Scans'': the folder is where the file goes)."""
    return [
        m
        for m in re.finditer(r"(?<![\w-])" + re.escape(obj) + r"(?![\w-])", low)
        if obj not in _CONTAINERS
        or not re.search(
            r"\b(?:to|into|in|inside|under|within)\s+(?:the\s+|our\s+|my\s+|a\s+|that\s+|its\s+)?"
            r"(?:[\w'-]+\s+){0,3}$",
            low[: m.start()],
        )
    ]


def _verb_operation(entry: dict, low: str) -> str | None:
    """The write operation the command verb before the service names ('mark … in our Supabase table' → update,
    'write the score back into the record' → update), read from the registry's operation labels; None when the
    verb names none of the block's operations."""
    from lib.sim.registry import get_block

    spec = get_block(entry["type"])
    if spec is None or not spec.operations:
        return None
    at = min(
        (
            m.start()
            for p in entry["phrases"]
            for m in [re.search(r"\b" + re.escape(p.strip()) + r"\b", low)]
            if m
        ),
        default=len(low),
    )
    for key, verbs in lexicon()["operation_verbs"].items():
        said = any(
            _VERB_PLACE.search(low[: m.start()])
            for m in re.finditer(r"\b(?:" + "|".join(map(re.escape, verbs)) + r")\b(?!\s+up\b)", low[:at])
        ) or (  # 'write the score back into the record'
            key == "update"
            and re.search(
                # 'write the score back into the record', 'put it in that record's `summary` field'
                # ('writes the summary back into that company's record': the record of the item named by its noun)
                r"\b(?:write|put|save|store|add)s?\b[^.;]{0,40}?\b(?:back\s+(?:in|into|to|on)|(?:in|into|on|to)\s+"
                r"(?:that|this|its|their|the\s+same|the\s+matching)\s+(?:[\w-]+['’]s\s+)?"
                r"(?:row|record|entry|page|line|item)(?:'s)?|"
                # 'add it to the ticket': the ticket the run is about (not 'add it to the issue tracker')
                r"(?:to|on|onto)\s+the\s+(?:ticket|issue)(?!\s+(?:tracker|list|board|queue|log)s?\b))\b",
                low,
            )
            is not None
            # 'write a short profile into the notes column', 'put the title in column b': a cell of a row that is
            or re.search(
                r"\b(?:write|put|save|store|fill)\b[^.;]{0,40}?\b(?:in|into)\s+(?:(?:the|its|their)\s+"
                r"(?:[\w'\"“”‘’-]+\s+){1,2}column|column\s+[a-z])\b",
                low,
            )
            is not None
        )
        if not said:
            continue
        # ('update their Notion page': Notion has no update, its 'Append Content' adds to the page)
        for word in lexicon().get("operation_labels", {}).get(key, [key]):
            for op_id, op in spec.operations.items():
                label = (op.label or op_id).lower()
                # ('Write/Update Data': Excel's change of cells in place is named by either verb)
                if word in label.split()[0].split("/") or label.startswith(word):
                    return op_id
    return None


# 'open an issue' said as 'create a GitHub issue', 'file a new bug issue in acme/app': a verb of making, at most
# three words (no 'of': 'a list of issues' is no new issue), the made thing's noun
_MAKING = r"\b(?:open|opens|create|creates|file|files|make|makes|raise|raises|log|logs|submit|submits)\s+"


def _asks_to_make(low: str, obj: str) -> bool:
    noun = obj.split()[-1]
    return (
        re.search(
            _MAKING
            + r"(?:(?!(?:of|from|in|on|to|for|about)\b)[\w/'-]+\s+){0,3}?"
            + re.escape(noun)
            + r"s?\b",
            low,
        )
        is not None
    )


# "in the org 'fernlab'", 'the fernlab organisation', 'org: fernlab': an organisation named, not one repository
_ORG = re.compile(
    r"\b(?:org|organi[sz]ation)\b:?\s+(?!(?:the|our|my|a|an|and|or|is|has|with|in|on|to|for)\b)['\"“‘]?(?P<a>[A-Za-z0-9][\w.-]*)"
    r"|['\"“‘](?P<b>[A-Za-z0-9][\w.-]*)['\"”’]\s+(?:github\s+)?(?:org|organi[sz]ation)\b",
    re.I,
)


def _http_object(block_type: str, clause: str, description: str, write: bool) -> Step | None:
    """'the open issues of acme/api on GitHub': an object the JUL25 block has no operation for,
    reached with an HTTP request to the service's real endpoint (data in services.json)."""
    from lib.generation import services

    facts = services.data()["blocks"].get(block_type, {})
    low = clause.lower()
    for obj, call in facts.get("http", {}).items():
        if (
            not (
                _mentions(low, obj)
                # ('get each open GitHub issue': a read of one item at a time is a read of the list)
                or call["method"] == "GET"
                and not write
                and obj.endswith("s")
                and _mentions(low, obj[:-1])
                # (not one item named: 'fetch that PR from GitHub' reads that one)
                and not re.search(
                    r"\b(?:that|this|the|a|an|its|their|his|her|one|which)\s+(?:[\w-]+\s+){0,2}?"
                    + re.escape(obj[:-1])
                    + r"\b",
                    low,
                )
                or call["method"] == "POST"
                and _asks_to_make(low, obj)
            )
            or (call["method"] == "POST") != write
        ):
            continue
        url = call["url"]
        if "{owner}" in url:
            repo = lx.REPO_RE.search(re.sub(lx.URL_RE, "", clause)) or lx.REPO_RE.search(
                re.sub(lx.URL_RE, "", description)
            )
            org = None if repo else _ORG.search(clause) or _ORG.search(description)
            org_url = facts.get("http_org", {}).get(obj)
            # "the open issues in the org 'fernlab'": every repository of the organisation
            if org and org_url:
                url = org_url.replace("{org}", org.group("a") or org.group("b"))
            else:
                owner, name = (repo.group(1), repo.group(2)) if repo else ("OWNER", "REPO")
                url = url.replace("{owner}", owner).replace("{repo}", name)
        values = {"url": url, "method": call["method"]}
        if facts.get("http_token"):
            values["headers"] = json.dumps(
                [
                    {
                        "id": "h-authorization",
                        "cells": {"Key": "Authorization", "Value": "Bearer " + facts["http_token"]},
                    }
                ]
            )
        if call.get("body"):
            values["body"] = json.dumps(call["body"])
        step = Step(
            "action" if write else "source",
            "api",
            values,
            label=f"{block_type} {obj}",
            text=clause,
            integration=block_type,
        )
        step.note = (
            f"Sim JUL25's {block_type} block has no operation for {obj}: used an HTTP {call['method']} to "
            f"{url.split('?')[0]}"
        )
        if "OWNER" in url:
            step.needs.append("the repository (owner/name) in the request URL")
        return step
    return None


def _my_person(clause: str) -> str | None:
    """'email my manager', 'send it to our accountant': one person of the user's own (a singular noun after 'my',
    or after 'our' when no data names such people; no thing of theirs: not 'my inbox', 'my list', 'my clients')."""
    found = re.search(
        # ('WhatsApp my accountant', 'message our vet on WhatsApp', 'text my manager': by phone as by e-mail)
        r"\b(?:(?:e-?mail|mail|send|forward|notify|tell|alert|text|sms|whatsapp|message|ping)(?:s|es|ed)?|cc|to)\s+"
        r"(?:it\s+to\s+)?(my|our)\s+([a-z]+)\b",
        clause,
        re.I,
    )
    if found is None:
        return None
    word = found.group(2).lower()
    after = clause[found.end() :]
    second = re.match(r"\s+([a-z]+)\b", after, re.I)
    if second and second.group(1).lower() in lexicon()["own_people"]:
        # ('message our head chef', 'text my site foreman': a role said with a word before its noun)
        word, after = f"{word} {second.group(1).lower()}", after[second.end() :]
    if found.group(1).lower() == "our" and word in lexicon()["people"]:
        return None  # ('email our customer': whom the data names, as 'the customer')
    # a person's noun ('manager', 'accountant', 'bookkeeper', 'boss'), the whole of its phrase: not 'to our feedback
    # form', 'to my reading list'
    if not (
        word in lexicon()["people"]
        or word in lexicon()["own_people"]
        or word in ("boss", "wife", "husband", "partner", "mum", "mom", "dad")
        or re.search(r"(?:er|or|ant|ent|ist|ian)$", word)
        or word.split()[-1] in lexicon()["own_people"]
    ):
        return None
    if re.match(
        r"\s+(?!(?:instead|about|with|a|an|the|that|if|when|and|or|to|on|by|via|in|at|for|of|too|also|"
        r"directly|right|as|once|every|each|its|their|his|her|our|my|this|these|those|all|any|some|what|how|"
        r"why|whether|today|tonight|tomorrow|now|from|it|them|next|last|before|after)\b)[a-z]",
        after,
        re.I,
    ):
        return None
    things = set(lexicon()["not_people"]) - {"boss", "manager", "admin"}
    if (
        word in things
        or word in ("own", "phone", "mobile", "cell", "account", "way")
        or (word.endswith("s") and word != "boss")
    ):
        return None
    return word


# 'to that address', 'to the address in the form', 'at the address they gave', 'to their email address': an address
# the data holds (the event's, the call's, the item's), not one the text writes out
_DATA_ADDRESS = re.compile(
    r"\b(?:to|at)\s+(?:(?:that|this|the\s+same|the\s+given|their|his|her)\s+(?:e-?mail\s+)?address(?:es)?\b"
    r"|the\s+(?:e-?mail\s+)?address(?:es)?\s+(?:in|on|from|of)\s+(?:the|that|this|their|each)\s+"
    r"(?:form|submission|entry|response|request|call|payload|event|row|record|booking|order)\b"
    r"|the\s+(?:e-?mail\s+)?address(?:es)?\s+(?:they|he|she|the\s+\w+)\s+(?:gave|give|gives|entered|enters|left|"
    r"provided|provides|submitted|submits|typed)\b)"
    # ('Email the doc link to `email`', 'text the `phone` that …': the field of the data that holds the address)
    r"|\b(?:to|at|text|sms|whatsapp|e-?mail|message|call)\s+(?:the\s+|their\s+)?`[\w.-]*(?:e-?mail|phone|mobile|number)[\w.-]*`",
    re.I,
)


# 'I want donors who fill in our Typeform to get a thank-you email', 'we'd like anyone who books to receive …': those
# a wish says receive a message, named by what they do
_WISHED_GETS = re.compile(
    r"\b(?:want|like|love|need)\s+(?:the\s+|our\s+|all\s+|any\s+|every\s+|each\s+|new\s+)?(?P<who>[a-z][\w-]*?)s?\s+"
    r"(?:who|that|whose)\b[^.;!?\n]{0,100}?\bto\s+(?:also\s+)?(?:get|receive|be\s+sent)\b",
    re.I,
)


# 'send me …', 'email us …', 'forward it to me': the message is the user's own
_TO_ME = re.compile(
    r"\b(?:send|e-?mail|mail|text|message|dm|ping|notify|forward)\s+(?:(?:it|them|this|that)\s+)?(?:to\s+)?(?:me|us|myself)\b"
    r"(?!\s+(?:and|or|&)\b)",
    re.I,
)


def _person(clause: str) -> str | None:
    """'the candidate', 'each customer', 'text the driver …', 'send the new hire a welcome email', 'email
    them': a person the data names, whose address it holds — a noun of the lexicon's people, else the object
    of a verb that contacts someone (not a thing sent, not the user, not a team or channel)."""
    people = "|".join(lexicon()["people"])
    # ('every no-show client': a hyphenated word before the person's noun)
    # ('send that hive's keeper a nudge': the person an item's name holds, after its possessive)
    pattern = r"\b(?:the|each|every|that|this|their|our|new)\s+(?:[\w-]+(?:['’]s)?\s+)?(" + people + r")s?\b"
    known = re.search(pattern, clause, re.I)
    if known:
        return known.group(1).lower()
    # ('send an SMS to the assigned agent', 'WhatsApp the on-call technician'): whoever an item is given to
    given = re.search(
        r"\b(?:the|each|every|their|its)\s+(?:assigned|responsible|allocated|on-?call|on-?duty)\s+([a-z][\w-]+)",
        clause,
        re.I,
    )
    if given:
        return given.group(1).lower()
    if _DATA_ADDRESS.search(clause):
        return (
            "person"  # 'Gmail sends the pack link to that address': the address the data holds, whoever it is
        )
    wished = _WISHED_GETS.search(clause)
    if (
        wished
    ):  # 'I want people who fill in our Typeform to receive a thank-you email': those the event is about
        return (
            "person"
            if wished.group("who").lower() in ("people", "everyone", "anyone")
            else wished.group("who").lower()
        )
    low = clause.lower()
    for m in _CONTACTED.finditer(low):
        if m.group("pronoun"):
            return "person"  # 'email them a confirmation': whoever the data is about
        words = m.group("who").split()
        cut = next(
            (i for i, w in enumerate(words) if i and (w in _PHRASE_END or w.endswith(("ed", "ing")))),
            len(words),
        )
        noun = (
            words[cut - 1].rstrip("s")
            if words[cut - 1].endswith("s") and len(words[cut - 1]) > 4
            else words[cut - 1]
        )
        if m.group("send") and (cut == len(words) and m.group("next") not in _PHRASE_END):
            continue  # 'send the report …': the thing sent, unless a second object follows ('… a copy')
        if noun not in lexicon()["not_people"] and not any(noun in p.split() for p in _service_words()):
            return noun
    return None


def _messaged_person(clause: str) -> str | None:
    """'DM each assignee', 'message whoever owns the ticket', 'ping the owner', 'send the person assigned to each
    one a Slack message', 'slack each assignee a nudge': the person a chat message goes to directly."""
    low = clause.lower()
    # ('send whoever is assigned each one a direct message')
    if re.search(r"\b(?:message|ping|nudge|dm|slack|remind|notify|send)\s+(?:whoever|whomever)\b", low):
        return "owner"
    # 'to the owner', 'slack each assignee a nudge': a person of the lexicon's people, directly after the verb
    people = "|".join(lexicon()["people"])
    near = re.search(
        r"\b(?:to|slack|nudge|dm|ping|message|remind|notify)\s+(?:the|each|every|that|this|their)\s+(?:[\w'’-]+\s+)?("
        + people
        + r")s?\b(?!\s+(?:[\w-]+\s+)?(?:channel|team|group|room|chat)\b)",
        low,
    )
    if near:
        return near.group(1)
    # 'send their hiring manager a Slack DM', 'send each assignee a direct message': the person the DM is sent to
    sent = re.search(
        r"\bsend\s+(?:the|each|every|that|this|their|his|her)\s+(?:[\w-]+\s+)?(" + people + r")s?\s+"
        r"(?:an?\s+)?(?:quick\s+|short\s+)?(?:slack\s+|telegram\s+)?(?:dm|direct[- ]?message|private\s+message)s?\b",
        low,
    )
    if sent:
        return sent.group(1)
    if re.search(r"\b(?:dm|direct[- ]?message)\s+(?:them|him|her)\b", low):
        return "person"
    # 'ping the on-call engineer', 'send the person assigned to each one a message': who the verb contacts
    contacted = (_person(m.group(0)) for m in _CONTACTED.finditer(low) if not m.group("pronoun"))
    return next((who for who in contacted if who), None)


def _named_person(clause: str) -> str | None:
    """'tell Jo in Slack', 'ping Marcus on Slack', 'let Aisha know', 'message Dr. Lee': a person the clause names by
    name, capitalised, right after a verb that messages someone (not a service, a channel, a day or a month)."""
    found = _NAMED_PERSON.search(clause) or _SENT_NAMED.search(clause)
    if not found:
        return None
    name = found.group("name") or found.group("to")
    low = name.lower()
    if (
        lx.integrations_in(name)
        or low in lexicon()["not_names"]
        or any(low in p.split() for p in _service_words())
    ):
        return None
    return name


# 'tell Jo', 'ping Marcus Webb', 'let Aisha know', 'DM Dr. Lee': the verb, then a capitalised name
_NAMED_PERSON = re.compile(
    r"\b(?i:tell|message|ping|nudge|dm|notify|alert|remind|let|slack)\s+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
    r"(?P<name>[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*)?)\b(?!['’]s\b)"
)
# 'send Priya a direct message', 'a Slack DM to Owen', 'a private message to Dr. Lee': the person a message goes to
_SENT_NAMED = re.compile(
    r"\b(?i:send|write|drop)\s+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?P<name>[A-Z][a-z][\w'-]*)\s+(?i:an?)\s+"
    r"(?i:(?:quick\s+|short\s+)?(?:slack\s+)?(?:direct\s+message|dm|private\s+message|message|note))\b"
    r"|\b(?i:dm|direct\s+message|private\s+message)\s+to\s+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
    r"(?P<to>[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*)?)\b(?!['’]s\b)"
)
# 'text the driver', 'notify each nurse', 'send the new hire a …', 'email them': who is contacted
_CONTACTED = re.compile(
    r"\b(?:(?:e-?mail|mail|text|sms|notify|message|ping|remind|invite|contact|dm|whatsapp|thank|welcome)s?"
    # ('email them to me', 'send them to #ops': the pronoun is what is sent, not whom; 'remind them to pay', 'invite
    # them to the event' are whom)
    r"|(?P<send>send)s?)\s+(?:(?:to\s+|at\s+)?(?P<pronoun>them|him|her)\b(?!\s+to\s+(?:me\b|us\b|myself\b|#|[\w.+-]+@))|"
    r"(?:the|each|every|that|this|their)\s+"
    r"(?P<who>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})(?:\s+(?P<next>[a-z]+))?)"
)
# words that end a noun phrase: 'the driver their route', 'the nurse via WhatsApp', 'the hire a welcome email'
_PHRASE_END = {
    "a", "an", "the", "their", "his", "her", "its", "our", "my", "your", "to", "via", "by", "on", "in", "at",
    "with", "about", "that", "who", "which", "when", "if", "and", "or", "for", "from", "of", "as", "listed",
}  # fmt: skip


@lru_cache(maxsize=1)
def _service_words() -> tuple[str, ...]:
    return tuple(
        p.strip().lower() for e in lexicon()["integrations"].values() for p in e["phrases"] if p.strip()
    )


# '+44 7700 900123', '+1 415-555-0142': a phone number written with its country code; '07700 900123', '0412 555 678',
# '06 12 34 56 78': one written as at home, its trunk 0 first (9 to 11 digits, so no time, date or amount)
# '503-555-0188', '(312) 555 0107': a North American number written without its country code (+1 is added)
_PHONE = re.compile(
    r"\+\d[\d\s-]{6,}\d|(?<![\w.+/:,-])0\d{1,4}(?:[ -]?\d{2,4}){1,4}(?![\w:/-])|"
    r"(?<![\w.+/:,$£€(-])(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[ .-])\d{3}[ .-]\d{4}(?![\w:/-]|\.\d)"
)
_NORTH_AMERICAN = re.compile(r"\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}")
_DATE = re.compile(r"\d{1,4}-\d{1,2}-\d{1,4}")


def _phones(text: str) -> list[re.Match[str]]:
    """The phone numbers `text` gives, in order."""
    return [
        m
        for m in _PHONE.finditer(text)
        if m.group(0).startswith("+")
        or 9 <= len(re.sub(r"\D", "", m.group(0))) <= 11
        and not _DATE.search(m.group(0))
    ]


def _digits(number: str) -> str:
    if _NORTH_AMERICAN.fullmatch(number.strip()):
        return "+1" + re.sub(r"\D", "", number)
    return re.sub(r"[\s-]", "", number)


# 'my phone (+1 512 …)', "my number's …", 'my cell, 503-…': the writer's own number
_OWN_NUMBER = re.compile(
    r"\bmy\s+(?:phone|number|mobile|cell)(?:\s+number)?(?:['’]s|\s+is)?\s*[:,(]?\s*$", re.I
)


# 'from our Twilio number +1…', 'sent from +44…', 'our WhatsApp business number is …': the number a text comes from
_SENDER_NUMBER = re.compile(
    r"\b(?:from|sender|sending\s+number|business\s+number|our\s+(?:own\s+)?(?:twilio|whatsapp|sms)\s+number)"
    r"(?:\s+(?:our|my|the|a))?(?:\s+(?:own|twilio|whatsapp|sms|business|sender|sending|shared|main))*"
    r"(?:\s+(?:number|no\.?|line))?(?:\s+is)?\s*[:(]?\s*$",
    re.I,
)


def _recipient_phones(text: str) -> list[re.Match[str]]:
    """The numbers `text` gives that a message could go to: not one inside quoted words the message says ('"… call
    01632 960 123 to rearrange"'), nor the number it is sent from ('from our Twilio number +1312…')."""
    quoted = [m.span() for m in re.finditer(r"\"[^\"\n]{2,300}\"|“[^”\n]{2,300}”", text)]
    return [
        m
        for m in _phones(text)
        if not any(a <= m.start() < b for a, b in quoted) and not _SENDER_NUMBER.search(text[: m.start()])
    ]


def _sentence_at(text: str, at: int) -> str:
    """The sentence (or line) of `text` that holds position `at`."""
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, at) for c in ".!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


# 'U04QX7K2P', 'W012A3CDE': a Slack member id (U…, or W… on Enterprise Grid), as 'Copy member ID' gives it
_SLACK_MEMBER = re.compile(r"(?<![\w/.-])[UW](?=[A-Z0-9]*\d)[A-Z0-9]{7,10}(?![\w/-]|\.\w)")
# once the message is a Slack one, a shorter id is one too: 'DM me on Slack (U07HSK22)', '(@benedikt, U02BNDKT)'
_SLACK_MEMBER_IN_SLACK = re.compile(
    r"(?<![\w/.-])[UW](?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,10}(?![\w/-]|\.\w)"
)


def _targets(target: str, clause: str, description: str, values: dict[str, str]) -> None:
    """Carry the stated destination (channel, address, repo, chat, table …) into its subBlock."""
    if target == "channel":
        found = lx.CHANNEL_RE.search(clause)
        member = (
            None
            if found
            else (_SLACK_MEMBER_IN_SLACK.search(clause) or _SLACK_MEMBER_IN_SLACK.search(description))
        )
        if member and values.get("operation") == "send":
            # 'DM me on Slack (my id is U04QX7K2P)': Slack takes the member id a user gave as the channel of a DM
            values["channel"] = member.group(0)
            return
        handle = None if found else lx.HANDLE_RE.search(clause)
        if (
            handle
        ):  # 'DM the list to @maria', 'send the summary to @tom as a DM': that person, not a channel read
            values["channel"] = "@" + handle.group(1)
            return
        who = None if found else _messaged_person(clause)
        named = None if found or who else _named_person(clause)
        if named:
            # 'tell Jo in Slack', 'ping Marcus on Slack with the list': a direct message to that person, whose user
            # id (U…) Slack takes as the channel — a variable named after them, listed to set
            var = "SLACK_USER_ID_" + re.sub(r"\W+", "_", named).strip("_").upper()
            values["channel"] = "{{" + var + "}}"
            values["__need"] = (
                f"the Slack user id of {named} (U…, 'Copy member ID' in their profile), as {var}"
            )
            return
        found = found or (None if who else lx.CHANNEL_RE.search(description))
        # ('post the top three to the ml-news channel in Slack', 'a channel called "releases"': named without a '#')
        bare = None if found or who else _channel_name(clause)
        if found:
            values["channel"] = "#" + found.group(1)
        elif bare:
            values["channel"] = "#" + bare
        elif re.search(r"\b(?:reply|replies|responds?|answers?)\b", clause, re.I):
            values["channel"] = "{event:channel}"  # a reply goes back to the channel the event came from
        elif who:
            # 'message each task owner on Slack', 'DM them the handbook': a direct message, to the person's user id
            # (not the channel the description names elsewhere: 'when someone posts in #help, DM them')
            values["channel"], values["__who"] = "{recipient_user}", who
    elif target == "to":
        # 'email the customer (from billing@acme.io)', '… a thank-you from our Gmail (billing@acme.io)': an address
        # after 'from' (or after the account it names) is the sender, not the recipient
        sending = values.get("operation", "").startswith(("send", "draft"))
        found = next(
            (
                m
                for m in lx.EMAIL_RE.finditer(clause)
                if not (
                    sending
                    and re.search(
                        r"\bfrom\s*$|\bfrom\s+(?:our|my|the)\s+(?:[\w-]+\s+){0,2}?\(\s*$",
                        clause[: m.start()],
                        re.I,
                    )
                )
            ),
            None,
        )
        copied = found and _COPIED.search(clause[: found.start()])
        who = _person(clause[: copied.start()]) if copied and sending else None
        if found and who:
            # 'email them a thank-you and cc catering@…': the person the data names, the copied address beside them
            # (JUL25's Gmail and Outlook have no cc field: one e-mail to both)
            values["to"] = ", ".join(["{recipient}", *listed_addresses(clause, found)])
            values["__who"] = who
        elif found:
            values["to"] = ", ".join(listed_addresses(clause, found))  # one e-mail to every address listed
        elif values.get("operation", "").startswith(("send", "draft")) and (mine := _my_person(clause)):
            # 'email my manager instead of texting': a person of the user's own, not one the data names — an
            # address to set once, even inside a loop over other people
            var = re.sub(r"\W+", "_", mine).upper() + "_EMAIL"
            values["to"] = "{{" + var + "}}"
            values["__need"] = f"the e-mail address of your {mine}, as {var}"
        elif values.get("operation", "").startswith(("send", "draft")):
            values["to"] = "{recipient}"
            # ('send me an email with the new HubSpot contacts', 'email me the customer's order': the user is who it
            # goes to, not the people the message is about)
            who = None if _TO_ME.search(clause) else _person(clause)
            reply = re.search(r"\b(?:repl(?:y|ies)|respond|answer)\b", description, re.I)
            if who:
                values["__who"] = who
            elif reply and not re.search(r"\b(?:me|us|myself)\b", clause, re.I):
                values["__who"] = "sender"  # a reply goes back to whoever wrote
            # 'a thank-you email from me': the sender, not the recipient
            elif re.search(r"(?<!\bfrom )(?<!\bby )\b(?:me|us|myself|ourselves|my inbox|I)\b", clause):
                values["to"] = "{{USER_EMAIL}}"  # 'email me', 'send me a summary': the user's own address
            # otherwise whoever the data names (the loop's item, the event's sender), else left to fill in
    elif target == "repo":
        found = lx.REPO_RE.search(re.sub(lx.URL_RE, "", clause)) or lx.REPO_RE.search(
            re.sub(lx.URL_RE, "", description)
        )
        if found:
            values["owner"], values["repo"] = found.group(1), found.group(2)
        if values.get("operation") in ("github_comment", "github_pr"):
            # the pull request the event is about (commented on, or read: 'an AI reads the diff')
            values["pullNumber"] = "{event:pull_request.number}"
            about = next(
                (
                    t
                    for t in (clause, description)
                    if re.search(r"\b(?:issues?|prs?|pull\s+requests?)\b", t, re.I)
                ),
                "",
            )
            if (
                values["operation"] == "github_comment"
                and re.search(r"\bissues?\b", about, re.I)
                and not re.search(r"\b(?:prs?|pull\s+requests?)\b", about, re.I)
            ):
                # 'leave a comment on the issue' when an issue is opened: that issue's number (GitHub comments on
                # issues and pull requests alike by number)
                values["pullNumber"] = "{event:issue.number}"
    elif target == "chat":
        found = re.search(r"\bchat(?:\s*id)?\s+(-?\d+|@\w+)|(@\w+)", clause, re.I)
        if (
            not found
        ):  # 'send a recap on Telegram, chat 44112233': the one chat the text names, past the clause's comma
            chats = {m.group(1) for m in re.finditer(r"\bchat(?:\s*id)?:?\s+(-?\d{4,})\b", description, re.I)}
            found = (
                re.search(r"\bchat(?:\s*id)?:?\s+(-?\d{4,})\b()", description, re.I)
                if len(chats) == 1
                else None
            )
        who = None if found else _messaged_person(clause)
        if who:  # 'send each assignee a Telegram message': to that person's own chat
            values["chatId"], values["__who"] = "{recipient_user}", who
        else:
            values["chatId"] = (found.group(1) or found.group(2)) if found else "{{TELEGRAM_CHAT_ID}}"
    elif target == "discord":  # Discord wants the numeric channel id; '#general' is only a name
        found = re.search(r"\bchannel\s+(?:id\s+)?(\d{6,})\b", clause)
        values["manualChannelId"] = found.group(1) if found else "{{DISCORD_CHANNEL_ID}}"
        name = None if found else _channel_name(clause)
        if name:  # '#deploys on Discord': a variable named after it, listed to set to that channel's id
            var = "DISCORD_CHANNEL_ID_" + re.sub(r"\W+", "_", name).strip("_").upper()
            values["manualChannelId"] = "{{" + var + "}}"
            values["__need"] = f"the id of the Discord channel #{name} (Copy Channel ID in Discord), as {var}"
        server = re.search(r"\bserver\s+(\d{6,})\b", clause)
        if server:
            values["manualServerId"] = server.group(1)
    elif target in ("airtable", "table"):
        # (an Airtable base id, 'appX7k2Lq9…': an upper-case letter or a digit in it — 'appreciated' is a word)
        base = re.search(r"\b(app(?=[a-z]*[A-Z0-9])[A-Za-z0-9]{6,})\b", description)
        table = _table_name(clause)
        if base and target == "airtable":
            values["baseId"] = base.group(1)
        base_named = (
            None
            if base
            else re.search(
                r"[\"“']([\w -]{2,40})[\"”']\s+base\b|\bbase\s+(?:called\s+|named\s+)?[\"“']([\w -]{2,40})[\"”']",
                clause,
                re.I,
            )
        )
        if (
            base_named and target == "airtable"
        ):  # 'our Airtable 'Maintenance' base': its name, listed to replace by its id
            name = (base_named.group(1) or base_named.group(2)).strip()
            values["baseId"] = name
            values["__need"] = f"replace '{name}' by the Airtable base's id (app…, in the base's URL)"
        if table:
            values["tableId" if target == "airtable" else "table"] = table
    elif target == "jira":
        key = r"([A-Z][A-Z0-9]{1,9})"
        pattern = (
            rf"\b{key}\s+(?:project|board)\b|\bproject(?:\s+key)?\s+{key}\b|\b(?:in|to|into)\s+{key}\b(?!-)"
        )
        project = re.search(pattern, clause) or re.search(pattern, description)
        # ('in HR' may be the department; 'project HR', 'the HR project' is the key, an acronym or not)
        if project and (
            project.group(3) is None or next(g for g in project.groups() if g) not in lexicon()["acronyms"]
        ):
            values["manualProjectId"] = next(g for g in project.groups() if g)
        domain = re.search(r"\b([\w-]+\.atlassian\.net)\b", description)
        if domain:
            values["domain"] = domain.group(1)
    elif (
        target == "linear"
    ):  # 'team Platform', 'the Platform team', 'team called "Growth"': a name, not 'team closed'
        names = []
        for text in (clause, description):
            # (a quoted name whole: 'our Linear team "Support Eng"')
            teams = [
                (m.start(), m.group(1), m.group(2) or m.group(3))
                for m in re.finditer(
                    r"\bteam\s+(?:called\s+|named\s+)?(?:([\"“'])([\w -]{1,40}?)[\"”']|([\w-]+))", text, re.I
                )
            ]
            teams += [(m.start(), None, m.group(1)) for m in re.finditer(r"\b([\w-]+)\s+team\b", text, re.I)]
            names += [
                name
                for _, quote, name in sorted(teams)
                if (quote or name[:1].isupper())
                and name.lower() not in ("the", "a", "our", "my", "linear", "this", "that")
            ]
        if names:
            values["manualTeamId"] = names[0]
    elif target == "sheet":
        found = re.search(r"\b(?:spreadsheet|sheet)\s+(?:id\s+)?([A-Za-z0-9_-]{20,})", clause) or re.search(
            r"[\"“'`]([^\"”'`]+)[\"”'`]\s+(?:google\s+)?(?:spread)?sheet|(?:spread)?sheet\s+(?:called|named)\s+"
            # 'a sheet called 'orders backup'': a quoted name whole, else its capitalised words
            r"(?:[\"“'`]([^\"”'`\n]{1,60})[\"”'`]|([\w-]+(?:\s+(?-i:[A-Z0-9])[\w-]*)*))",
            clause,
            re.I,
        )
        named = next(g for g in found.groups() if g).strip() if found else None
        if named:  # the user's words stay visible; a name that is not an id is listed to replace
            values["manualSpreadsheetId"] = named
            if not re.fullmatch(r"[A-Za-z0-9_-]{20,}", named):
                values["__need"] = f"replace '{named}' by the Google Sheet's id (the long code in its URL)"
        else:  # nothing named: a variable the user sets once, listed in the report
            values["manualSpreadsheetId"] = "{{GOOGLE_SHEET_ID}}"
            values["__need"] = (
                "the id of the Google Sheet to use (the long code in its URL), as GOOGLE_SHEET_ID"
            )
        tab = re.search(
            r"\b(?:the\s+)?[\"“'`]?((?-i:[A-Z])[\w -]{0,40}?)[\"”'`]?\s+(?:tab|worksheet)\b", clause, re.I
        )
        if tab:  # 'the Renewals tab': the sheet inside the spreadsheet, read or written through the range
            values["range"] = tab.group(1).strip()
    elif target == "notion":
        found = re.search(r"\b(?:page|database)\s+(?:id\s+)?([0-9a-f]{32}|[0-9a-f-]{36})\b", clause, re.I)
        if found:
            values["parentId"] = found.group(1)
    elif target == "subreddit":
        # ('r/homebrewing', 'the subreddit amateurradio', 'the Pottery subreddit'; not 'the subreddit' itself)
        found = (
            re.search(r"\br/(\w+)", clause)
            or re.search(
                r"\bsubreddit\s+(?!(?:and|or|to|for|is|are|of|in|on|with|every|each|the|a|an)\b)(\w+)",
                clause,
                re.I,
            )
            or re.search(
                r"\b(?!(?:the|a|an|our|my|their|this|that|each|every|any)\b)(\w+)\s+subreddit\b", clause, re.I
            )
        )
        if found:
            values["subreddit"] = found.group(1)
    elif target in ("phone", "phones"):
        field_id = "phoneNumber" if target == "phone" else "phoneNumbers"
        sender = next((m for m in _phones(clause) if _SENDER_NUMBER.search(clause[: m.start()])), None)
        if sender and "fromNumber" in values:
            # '… from our Twilio number +13125550199': the number a text is sent from, not the one it goes to
            values["fromNumber"] = _digits(sender.group(0))
        found = next(iter(_recipient_phones(clause)), None)
        said = {_digits(m.group(0)): m for m in _recipient_phones(description)}
        role = _person(clause) if not found and len(said) == 1 else None
        only = next(iter(said.values()), None)
        if (
            not found
            and len(said) == 1
            and not (
                role in lexicon()["people"]
                and not re.search(
                    rf"\b{role}", _sentence_at(description, next(iter(said.values())).start()), re.I
                )
            )
            # ('a text to my phone (+1 512 …) …, and also a WhatsApp heads-up to my part-timer': the writer's own
            # number is not the number of someone else the clause writes to)
            and not (
                only is not None
                and _OWN_NUMBER.search(description[max(0, only.start() - 30) : only.start()])
                and not re.search(r"\b(?:me|us|my\s+(?:phone|number|mobile|cell))\b", clause, re.I)
                and re.search(
                    r"\bto\s+(?:my|our|the)\s+(?!(?:phone|number|mobile|cell|inbox|e-?mail)\b)[\w-]+",
                    clause,
                    re.I,
                )
            )
        ):
            # ('send the list to Priya on WhatsApp. Priya's number is +44 7700 900123.': the one number the text
            # gives, said in a sentence of its own — not when the clause texts a person of the data ('text the
            # customer') and that sentence is about someone else ('my texts go to +44 … (test number I typed)'))
            found = next(iter(said.values()))
        if not found and re.search(r"\b(?:me|us|my phone)\b", clause, re.I):
            values[field_id] = "{{USER_PHONE}}"  # 'text me': the user's own number, set once as a variable
        if found:
            # ('text the two drivers (+1415…, +1415…)': each number a text goes to, one a line)
            numbers = [m.group(0) for m in _recipient_phones(clause)] if target == "phones" else []
            values[field_id] = "\n".join(dict.fromkeys(_digits(n) for n in numbers or [found.group(0)]))
        elif field_id not in values and (mine := _my_person(clause)):
            # 'WhatsApp the totals to my accountant', 'message our vet': a person of the user's own, whose number no
            # data holds — a variable to set once (Sim stops a run whose message has no number)
            var = re.sub(r"\W+", "_", mine).upper() + "_PHONE"
            values[field_id] = "{{" + var + "}}"
            values["__need"] = f"the phone number of your {mine}, as {var}"
        else:
            # ('send a welcome text via Twilio to the number on the form'): a number the data holds, whoever's it is
            # ('send an SMS via Twilio to owner_phone: "…"': the field of each item that holds the number)
            person = _person(clause)
            # (not a person the data names said with a group's word: 'text each member of staff their shifts')
            group = None if person in lexicon()["people"] else _GROUP_ADDRESSED.search(clause)
            who = (
                None
                if group
                else person
                or ("person" if _NUMBER_IN_DATA.search(clause) or _FIELD_ADDRESSED.search(clause) else None)
            )
            if who:  # 'send a WhatsApp message to the customer': their number comes from the data
                values[field_id] = "{recipient_phone}"
                values["__who"] = who
            elif group:
                # 'send it to the club WhatsApp group', 'text the groundskeeping team': people no data lists, reached
                # at numbers the user sets once (WhatsApp's API sends to one number; it cannot post in a group)
                words = [
                    w for w in re.findall(r"[a-z0-9]+", group.group(1).lower()) if w not in _SERVICE_NOUNS
                ]
                var = "_".join(words).upper() + "_PHONE"
                values[field_id] = "{{" + var + "}}"
                values["__need"] = (
                    f"the phone number{'s' if target == 'phones' else ''} for {group.group(0).split(None, 1)[1]}, "
                    f"as {var}"
                    + (
                        " (several: separated by commas)"
                        if target == "phones"
                        else " (WhatsApp's API sends to one number: it cannot post in a group)"
                    )
                )


# 'to the club WhatsApp group', 'text the groundskeeping team', 'the drivers' group on WhatsApp': a group of the user's
# own a message goes to (the words before its noun name it)
_GROUP_ADDRESSED = re.compile(
    r"\b(?:to|text|message|whatsapp|sms|ping|notify|alert|tell)\s+(?:the|our|my)\s+"
    r"((?:(?!(?:a|an|the|if|when|and|or|with|about)\b)[\w'’-]+\s+){0,3}?(?:group|team|crew|staff|committee|board|squad))\b"
    r"(?!\s+(?:leader|lead|manager|member|captain|coach|chair)s?\b)",
    re.I,
)
_SERVICE_NOUNS = {"whatsapp", "sms", "text", "telegram", "signal", "chat", "s", "the"}

# 'to owner_phone', 'to `contact_email`', 'to mobile:': a message sent to the field of the data that holds the address
# (a key as the data spells it, or a bare field word ending the phrase)
FIELD_ADDRESSED = re.compile(
    r"\bto\s+`?(?P<key>[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?:phone|mobile|cell|number|email|e_mail|mail)(?:_[a-z0-9]+)*"
    r"|(?:phone|mobile|email)_[a-z0-9_]+|(?:phone|mobile|cell|email)(?=\s*[:;,.]|\s*$))`?(?![\w@.-])"
)
_FIELD_ADDRESSED = FIELD_ADDRESSED


# 'to the number on the form', 'at the phone number in the booking', 'to the mobile given in the sheet': a number
# the data (a form, a row, an event) holds
_NUMBER_IN_DATA = re.compile(
    r"\b(?:to|at|on)\s+the\s+(?:(?:phone|mobile|cell|contact)\s+)?(?:number|phone|mobile)\s+"
    r"(?:(?:(?:they|he|she)\s+)?(?:gave|given|entered|left|listed)\s+)?(?:on|in|from|of)\s+(?:the|each|their)\b",
    re.I,
)


def _channel_name(clause: str) -> str | None:
    """'#deploys', 'the reading channel', 'a channel called "social"': the channel's name as the user wrote it."""
    tag = lx.CHANNEL_RE.search(clause)
    if tag:
        return tag.group(1)
    for found in re.finditer(
        r"\b([\w-]+)[\"”']?\s+channel\b|\bchannel\s+(?:called\s+|named\s+)?[\"“']?([\w-]+)", clause, re.I
    ):
        name = found.group(1) or found.group(2)
        if name.lower() not in _NOT_A_NAME + ("discord", "slack", "server", "text", "voice", "its", "same"):
            return name
    return None


_NOT_A_NAME = (
    "the",
    "a",
    "an",
    "my",
    "our",
    "your",
    "their",
    "same",
    "that",
    "this",
    "new",
    "on",
    "in",
    "of",
    "and",
    "or",
    "to",
    "from",
    "with",
    "for",
    "when",
    "where",
    "that",
    "which",
    "if",
    "then",
    "at",
    "by",
    "as",
    "it",
    "them",
)


def _table_name(clause: str) -> str | None:
    """'the Airtable table Prospects', 'the Supabase orders table', 'table called "VIP"' → the name the user gave."""
    names = [p.strip() for e in lexicon()["integrations"].values() for p in e["phrases"]]
    # "base 'CRM' table 'Companies'": the quote after 'table' is the table's, before it maybe the base's
    quoted = re.search(
        # ("(table is 'Class Bookings')", "table: 'Orders'")
        r"\btable(?:,?\s+(?:is\s+)?(?:called\s+|named\s+)?|\s*[:=]\s*)[\"“'`]([\w -]+)[\"”'`]",
        clause,
        re.I,
    ) or re.search(r"[\"“'`]([\w -]+)[\"”'`]\s+(?:[\w-]+\s+){0,2}?table", clause, re.I)
    if quoted:
        return quoted.group(1).strip()
    service = "|".join(re.escape(n) for n in names if n)
    # ('airtable table Vendor Bills': a name in capitals runs over its words)
    after = re.search(
        r"\b(?:" + service + r")\s+table\s+(?:called\s+|named\s+)?"
        r"((?-i:[A-Z][\w&-]*)(?:\s+(?-i:[A-Z][\w&-]*)){0,3}(?![\w-])|[\w-]+)",
        clause,
        re.I,
    )
    if after and after.group(1).lower() not in _NOT_A_NAME:
        return after.group(1)  # 'the Supabase table users': the name follows the service's own noun
    titled = re.search(
        r"\b((?-i:[A-Z][\w-]*)(?:\s+(?-i:[A-Z][\w-]*))*?)\s+(?:(?:" + service + r")\s+)?table\b", clause, re.I
    )
    # ('our Airtable Customers table': the service's name before the table's is no part of it)
    name = re.sub(r"^(?:" + service + r")\s+", "", titled.group(1), flags=re.I) if titled else ""
    if name and name.lower() not in names and name.lower() not in _NOT_A_NAME:
        return name  # 'the Big Orders Airtable table'
    # 'the Supabase orders table': the word between the service and its noun is the name (before a word that merely
    # follows 'table': '… orders table, add up …')
    between = re.search(r"\b(?:" + service + r")\s+([\w-]+)\s+table\b", clause, re.I)
    if between and between.group(1).lower() not in _NOT_A_NAME and between.group(1).lower() not in names:
        return between.group(1)
    for pattern in (r"\btable\s+(?:called\s+|named\s+)?([\w-]+)", r"\b([\w-]+)\s+table\b"):
        for m in re.finditer(pattern, clause, re.I):
            if m.group(1).lower() not in _NOT_A_NAME and m.group(1).lower() not in names:
                return m.group(1)
    return None


def _params_table(pairs: dict[str, str]) -> str:
    return json.dumps([{"id": f"p-{k.lower()}", "cells": {"Key": k, "Value": v}} for k, v in pairs.items()])


def _named_api_step(clause: str, description: str = "") -> Step | None:
    """'the Stripe API' → GET https://api.stripe.com/v1/<resource>; 'an API call' → an HTTP block to fill in,
    at the host the description gives beside the service's name ('Our WooCommerce shop (shop.example.com) …
    list the orders from the WooCommerce REST API')."""
    named = lx.named_api(clause)
    if named is None:
        return None
    key, _ = named
    from lib.generation.services import external

    if key in external():
        # 'create a deal in Pipedrive (via their API)': a service services.json knows the objects of is reached at
        # the object's own endpoint, as when the API is not named
        return _external_step(key, clause, description)
    host = None if key else _host_beside_name(clause, description)
    if key is None and host is None:
        from lib.generation.services import unnamed_in

        # 'from the Cliniko API': a service with no data of its own, named before 'API' — its own request (at its
        # known or guessed host, the assumption stated), not an HTTP block with no address at all
        found = unnamed_in(clause, description)
        own = next((name for _, name, how in found if how == "api"), None) or next(
            # ('pull our Etsy orders (through the Etsy API)': the name found first as the orders' owner, then before
            # 'API')
            (
                name
                for _, name, _ in found
                if re.search(rf"\b{re.escape(name)}(?:['’]s)?\s+api\b", clause, re.I)
            ),
            None,
        )
        from lib.generation.services import google_api

        google = google_api(clause) if own is None else None
        if google:
            # 'fetch the reviews via the Google Places API': Google's host for that product, with an API key
            step = Step(
                "source",
                "api",
                {
                    "url": google[1],
                    "method": "GET",
                    "headers": json.dumps(
                        [
                            {
                                "id": "h-x-goog-api-key",
                                "cells": {"Key": "X-Goog-Api-Key", "Value": "{{GOOGLE_API_KEY}}"},
                            }
                        ]
                    ),
                },
                label=google[0],
                text=clause,
            )
            step.note = (
                f"no {google[0]} block in Sim JUL25: used an HTTP GET request to {google[1].split('/')[2]}"
            )
            if "YOUR_" in google[1]:
                step.needs.append(
                    f"the id in the {google[0]} address ({google[1].split('YOUR_')[1].split('?')[0].split('/')[0]})"
                )
            return step
        if own:
            return _unnamed_step(own, "api", clause, _verb_mode(clause[: clause.find(own)]))
    low = clause.lower()
    method = (
        "POST"
        if re.match(
            r"^\W*(?:also\s+|then\s+)?(?:create|add|post|send|submit|open|file|log|insert|push|update)s?\b",
            low,
        )
        or _WRITES_AT.match(low)
        else "GET"
    )
    values: dict[str, str] = {"method": method}
    if host:
        values["url"] = "https://" + host
    if key:
        entry = lexicon()["named_apis"][key]
        hits = [
            (m.start(), p)
            for word, p in entry.get("resources", {}).items()
            for m in [re.search(r"\b" + word, low)]
            if m
        ]
        path = min(hits)[1] if hits else ""
        values["url"] = entry["base"] + path
        if entry["token"]:
            values["headers"] = json.dumps(
                [
                    {
                        "id": "h-authorization",
                        "cells": {"Key": "Authorization", "Value": "Bearer " + entry["token"]},
                    }
                ]
            )
    symbols = lx.stock_symbols(clause)
    if symbols:
        values["params"] = _params_table({"symbols": ",".join(symbols)})
    if method == "POST":
        values["body"] = json.dumps({"text": "{prev}"})
    # integration = the service's key, so the same clause does not also add that service's own block
    step = Step(
        "action" if method == "POST" else "source",
        "api",
        values,
        label=(key or "HTTP").capitalize() + " API",
        text=clause,
        integration=key or "http_api",
    )
    if key and lexicon()["named_apis"][key].get("note"):
        step.note = lexicon()["named_apis"][key]["note"]  # what the user must still set for the call to work
    return step


# 'fetch the rate from api.exchangerate.host': an address written without its scheme (a company's own network too:
# 'api.fairmontcu.internal/v2/transactions')
_BARE_HOST = re.compile(
    r"(?<![@\w./:-])((?:[a-z0-9-]+\.)+(?:com|io|net|org|example|edu|gov|host|dev|app|co|ai|so|me|info|biz|cloud|tech|us|uk|de|fr|"
    r"es|it|nl|eu|ch|at|be|se|no|dk|fi|pl|pt|jp|au|ca|ie|nz|xyz|fm|gg|tv|internal|corp|lan)(?:/[\w./?=&%-]*[\w/])?)(?![\w@-])",
    re.I,
)


def _called_host(clause: str) -> re.Match[str] | None:
    """The address written without its scheme that a request calls: 'our monday.com board (api.monday.com)',
    'our wrike.com workspace (www.wrike.com/api/v4)' — of the hosts of one domain, the most specific one (the
    product's own name is its shortest)."""
    found = list(_BARE_HOST.finditer(clause))
    if not found:
        return None
    first = _domain(found[0].group(1).split("/")[0])
    return max(
        (b for b in found if _domain(b.group(1).split("/")[0]) == first), key=lambda b: len(b.group(1))
    )


def _site_named_before(before: str) -> bool:
    """'… (RSS at ', 'our help site ', "our changelog, it's at ": the text just before an address names a page or
    feed on the web (lexicon 'web_sources'), so the address is read, though no verb says so; not a link a message
    carries ('a link to our docs site …')."""
    nouns = "|".join(sorted((re.escape(n) for n in lexicon()["web_sources"]), key=len, reverse=True))
    noun = re.search(
        rf"\b(?:{nouns})\b[\s(,:]*(?:(?:it['’]?s|it\s+is|is|lives|sits)\s+)?(?:(?:at|on)\s+)?$", before, re.I
    )
    return noun is not None and not re.search(
        r"\blinks?\s+(?:to|for|of|at)\s+(?:[\w'’-]+\s+){0,3}$", before[: noun.start()], re.I
    )


def _named_site(clause: str) -> re.Match[str] | None:
    """The address written without its scheme right after the noun naming a page or feed ('(RSS at
    feeds.example.fm/main.xml)', 'our help site help.example.app'): read there."""
    return next((b for b in _BARE_HOST.finditer(clause) if _site_named_before(clause[: b.start()])), None)


def _sent_to_address(before: str) -> bool:
    """'trigger the deploy hook at …', 'send the form answers to our EHR at …': a clause that starts with a verb
    that writes, and names the address right after 'at' or 'to' — what the verb makes goes there (not a link
    a message carries: 'the signup link at …')."""
    return bool(
        re.match(
            r"\W*(?:also\s+|then\s+|and\s+)?(?:" + _WRITE + r"|trigger|call|notify|ping)\b", before, re.I
        )
        and re.search(r"(?<!\blink )(?<!\bpage )(?<!\bform )\b(?:at|to)\s+\(?$", before, re.I)
        # 'Tweet our posts: every morning check the feed at …': a reading verb nearer the address reads it
        and not re.search(rf"\b(?:{_FETCH_VERB}|{_READ})\b", before, re.I)
    )


# 'create a task in ClickUp (api.clickup.com)', 'issue the refund through the Stripe refunds API (api.stripe.com)',
# 'create an item via api.monday.com': a clause that starts with a verb that writes and names the host as the
# place it writes in (after 'in', 'to', 'through', 'via' … and the place's own name)
_WRITES_AT = re.compile(
    # ('could it also add a note to their profile in Intercom', read as 'could add …': the request voice before it)
    r"\W*(?:(?:could|can|would|will|please)\s+)?(?:also\s+|then\s+|and\s+|just\s+)?"
    # ('each submission should create a deal in Pipedrive', 'the bot must add …': what the step does, said of its
    # subject)
    r"(?:(?:(?:the|each|every|this|that|our|your)\s+[\w-]+|it|they)\s+(?:should|must|shall|will|needs?\s+to|has\s+to)"
    r"\s+(?:also\s+|then\s+)?)?"
    r"(?:(?:I|we)\s+(?:also\s+|then\s+|just\s+)?)?"
    r"(?:" + _WRITE + r"|issue|refund|charge|cancel|void|capture)s?\b",
    re.I,
)
_AT_PLACE = re.compile(
    r"\b(?:in|into|to|on|onto|through|via|using|at)\s+(?:[\w.'&-]+\s+){0,5}?(?:[\w.'&-]+\s*)?\(?\s*$", re.I
)


def _written_at_host(before: str) -> bool:
    """The words before a bare host say the clause writes there: a writing verb first, the host as its place."""
    verb = _WRITES_AT.match(before)
    return bool(
        verb
        and _AT_PLACE.search(before)
        # a reading verb after the writing one ('post the rates we fetch …'), or 'from': the host is read
        and not re.search(rf"\b(?:{_FETCH_VERB}|{_READ})\b|\bfrom\b", before[verb.end() :], re.I)
    )


def _written_method(before: str) -> str | None:
    """'PATCH https://…', 'POST the title to our changelog service at https://…', '(POST to host/…)': an HTTP
    method written in capitals shortly before the address, in the same part of the sentence, is the request's."""
    found = re.search(r"\b(GET|POST|PUT|PATCH|DELETE)\b[^,;.()]{0,80}$", before)
    return found.group(1) if found else None


# 'send a POST to the ERP endpoint', 'a PUT request to our shop API': a request written by its method, to a place the
# description gives the address of elsewhere
_METHOD_TO = re.compile(
    r"\b(?-i:GET|POST|PUT|PATCH|DELETE)\b(?:\s+request)?\s+(?:it\s+|them\s+)?to\s+(?:the|our|their)\s+"
    r"(?P<name>[\w.-]+(?:\s+[\w.-]+){0,2}?)\s+(?:endpoint|api|url|server|service|webhook)\b",
    re.I,
)


def _address_of(name: str, description: str) -> str | None:
    """The address the description writes beside a place's name ('our ERP (REST, https://erp.x.de/api/prices)'), or
    the only address it writes."""
    beside = re.search(
        r"\b" + re.escape(name) + r"\b[^\n]{0,60}?(" + lx.URL_RE.pattern + r")", description, re.I
    )
    if beside:
        return beside.group(1)
    every = {m.group(0).rstrip(".,;)") for m in lx.URL_RE.finditer(description)}
    return every.pop() if len(every) == 1 else None


# ('our core banking API (api.fairmontcu.internal/v2/transactions)': with the path of the call)
_HOST_OF_API = re.compile(r"\bapi\s*\(\s*((?:[a-z0-9-]+\.)+[a-z]{2,10}(?:/[\w./?=&%-]*[\w/])?)\s*\)", re.I)


def _api_step(clause: str, description: str) -> Step | None:
    url = lx.URL_RE.search(clause)
    service = lx.api_service(clause)
    named_host = _called_host(clause) if service and url is None else None
    if named_host is not None:
        # '… low temp for Tomah WI from api.weather.gov → SMS …': the host the user names is read, not the API the
        # planner knows for the same thing
        service = None
    by_method = _METHOD_TO.search(clause) if url is None and service is None else None
    address = _address_of(by_method.group("name"), description) if by_method else None
    if by_method and address:
        # 'for each row send a POST to the ERP endpoint': the request goes to the address the description gives
        clause = clause[: by_method.end()] + f" at {address}" + clause[by_method.end() :]
        url = lx.URL_RE.search(clause)
    bare = named_host or (None if url or service or lx.integrations_in(clause) else _called_host(clause))
    if bare is None and url is None and service is None:
        # 'finds the work email with the Hunter.io Email Finder API (api.hunter.io)': the API's host given beside it
        # is where the request goes, whatever else its words name ('email' here is what is found)
        bare = _HOST_OF_API.search(clause)
    named_site = None if url or service else _named_site(clause)
    if named_site is not None and (bare is None or bare.group(1) == named_site.group(1)):
        bare = named_site  # 'our help site help.example.app': the site named is read
    # 'collect the headlines from feeds.bbci.co.uk/…', 'look up the postcode at api.postcodes.io': read;
    # 'trigger the deploy hook at api.render.com', 'send the answers to our EHR at api.healthie.com': written to
    if bare and (
        bare is named_site
        or bare is named_host
        or re.search(rf"\b(?:{_FETCH_VERB}|{_READ})\b", clause[: bare.start()], re.I)
        or _sent_to_address(clause[: bare.start()])
        or _written_at_host(clause[: bare.start()])
    ):
        from lib.generation.services import known_host

        # 'the Monday.com board': a product named by its website, whose API lives at a known host
        site = bare.group(1).split(".")
        known = known_host(site[0]) if len(site) == 2 and "/" not in bare.group(1) else None
        clause = clause[: bare.start()] + (known or "https://" + bare.group(1)) + clause[bare.end() :]
        url = lx.URL_RE.search(clause)
    if url:
        low = clause.lower()
        write = (
            re.search(
                r"\b(post(?:s|ing|ed)?|send|push|submit|forward|deliver)\b[^.]*\bto\s+"
                + re.escape(url.group(0).lower()),
                low,
            )
            or _sent_to_address(clause[: url.start()])
            or _written_at_host(clause[: url.start()])
            # 'call the Shippo API (api.goshippo.com) to create the label', '… for create the label': the call's
            # purpose, said after the address, writes
            # (not 'check <url> for alerts older than 30 minutes': after 'for', a plural is what is looked for)
            or re.match(
                r"[^\s,;.)]*\)?\s*,?\s*(?:in\s+order\s+)?(?:to|for(?!\s+[a-z]+s\b))\s+(?:"
                + _WRITE
                + r"|register|generate|buy)\b",
                low[url.end() :],
            )
        )
        named_get = re.search(r"\b(?:a|an|the)\s+get\b|\bget\s+request\b|\bhttp\s+get\b", low)
        written = _written_method(clause[: url.start()])
        method = written or (
            "POST"
            if not named_get
            and write
            or re.search(
                r"\bwith a post\b|\bpost request\b|\bas a post\b|\bpost\b[^.]{0,20}\bto\s*$",
                low[: url.start()] + " " + low[url.end() : url.end() + 20],
            )
            else "GET"
        )
        # a secret the text puts into a URL goes to whatever host that is: never copied, only reported
        secrets = re.findall(r"\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}", url.group(0))
        address = re.sub(
            r"[?&][^=&]*=\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}|\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}",
            "",
            url.group(0),
        )
        values = {"url": address, "method": method}
        symbols = lx.stock_symbols(clause)
        if symbols and method == "GET":
            values["params"] = _params_table({"symbols": ",".join(symbols)})
        if method != "GET":
            values["headers"] = json.dumps(
                [{"id": "h-content-type", "cells": {"Key": "Content-Type", "Value": "application/json"}}]
            )
            values["body"] = json.dumps({"text": "{prev}"})
        body = re.match(r"\S*\s+with\s+(\{[^{}]*\})", clause[url.end() :])
        if method != "GET" and body:  # 'PATCH https://… with {"status": "churned"}': the body the user wrote
            values["body"] = body.group(1)
        step = Step("action" if method != "GET" else "source", "api", values, label="API", text=clause)
        if secrets:
            step.note = (
                f"left {', '.join(secrets)} out of the request to {address.split('/')[2] if '//' in address else address}: "
                "a secret is only sent to its own provider, never to an address the description names"
            )
        return step
    if service:
        entry = lexicon()["apis"][service]
        url_text = entry["url"]
        if "{city}" in url_text:
            city = re.search(r"\b(?:in|for)\s+([A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)?)", clause)
            url_text = url_text.replace(
                "{city}", (city.group(1) if city else entry["default_city"]).replace(" ", "+")
            )
        if "{symbol}" in url_text:
            url_text = url_text.replace(
                "{symbol}", (lx.stock_symbols(clause) or [entry["default_symbol"]])[0]
            )
        symbols = lx.symbols_in(clause)
        if "price_url" in entry and symbols and "trending" not in clause.lower():
            ids = ",".join(lexicon()["symbols"][s] for s in symbols)
            url_text = entry["price_url"].replace("{ids}", ids)
        return Step(
            "source",
            "api",
            {"url": url_text, "method": "GET"},
            label=entry["name"],
            text=clause,
            integration=service,
        )
    return _named_api_step(clause, description)


def _listed_sites(clause: str, url: str) -> list[str]:
    """The other sites of a list whose first one is read at `url` ('go to the two competitor sites, bikehaus.de and
    radwelt.at', 'scrape acme.com, globex.io and initech.co.uk'), in the order the list names them."""
    host = urlsplit(url).hostname or ""
    for listed in _HOST_LIST.finditer(_unlinked(clause)):
        sites = [
            re.sub(r"^(?!https?://)", "https://", h) for h in re.findall(_HOST_ITEM, listed.group(0), re.I)
        ]
        hosts = [re.sub(r"^www\.", "", urlsplit(u).hostname or "") for u in sites]
        if host and re.sub(r"^www\.", "", host) in hosts and len(set(hosts)) == len(hosts):
            return [u for u, h in zip(sites, hosts) if h != re.sub(r"^www\.", "", host)]
    return []


def _host_beside_name(clause: str, description: str) -> str | None:
    """'the WooCommerce REST API' in a description saying 'Our WooCommerce shop (shop.example.com)': the host
    written within a few words after the service's name (the name as the clause writes it before 'API')."""
    name = re.search(
        r"\b((?-i:[A-Z])[\w.-]+)(?:'s)?\s+(?:(?:rest|http|json|public|admin)\s+)?api\b", clause, re.I
    )
    if name is None or name.group(1).lower() in ("the", "our", "their", "its", "an", "a", "rest", "http"):
        return None
    found = re.search(
        re.escape(name.group(1)) + r"\b[^.;:!?]{0,40}?(?<![@\w./-])((?:[a-z0-9-]+\.)+[a-z]{2,6})(?![\w@-])",
        description,
        re.I,
    )
    return found.group(1) if found else None


def _url_parts(clause: str, description: str, defaults: dict[str, str]) -> dict[str, str]:
    """The parts of a public API's URL the text states: a trading pair ('ETH/EUR', 'ETHUSDT'), two
    currencies ('EUR to USD'), a city ('in Munich'); each service's default otherwise (services.json)."""
    out = dict(defaults)
    for text in (description, clause):  # the clause's own words win
        pair = re.search(r"\b([A-Z]{2,5})\s*/\s*([A-Z]{2,5})\b", text) or re.search(
            r"\b((?:BTC|ETH|SOL|XRP|ADA|DOGE|BNB|XBT|LTC|DOT)(?:USDT|USDC|USD|EUR|GBP|BTC|ETH))\b", text
        )
        if pair and "pair" in out:
            out["pair"] = "".join(g for g in pair.groups() if g)
        money = re.search(r"\b([A-Z]{3})\s+(?:to|into|in|/|vs\.?|versus|against)\s+([A-Z]{3})\b", text)
        if money and "from" in out:
            out["from"], out["to"] = money.group(1), money.group(2)
        city = re.search(
            r"\b(?:in|for|of|at)\s+((?-i:[A-Z])[\wäöüéèß-]+(?:\s(?-i:[A-Z])[\wäöüéèß-]+)?)", text
        )
        if city and "city" in out and not lx.integrations_in(city.group(1)):
            out["city"] = city.group(1).replace(" ", "+")
    return out


# 'without logging in to Shopify', 'signs into HubSpot': signing in to a service (lexicon login_verbs) sends it nothing
_SIGNED_IN = re.compile(
    r"\b(?:"
    + "|".join(
        v for v in lexicon()["login_verbs"] if re.fullmatch(v, "log in to") or re.fullmatch(v, "sign in to")
    )
    + r")\b",
    re.I,
)


@lru_cache(maxsize=64)
def _folder_of(block_type: str) -> tuple[str, ...]:
    """The blocks whose documents a folder of this block holds (services.json 'folder_of': a Drive folder)."""
    from lib.generation.services import data as service_data

    return tuple(service_data()["blocks"].get(block_type, {}).get("folder_of", []))


def _external_step(key: str, clause: str, description: str = "") -> Step:
    """A service Sim JUL25 has no block for: an HTTP request to its real endpoint (services.json)."""
    from lib.generation import services

    entry = services.external()[key]
    low = clause.lower()
    objects = [(low.find(o), o) for o in entry["objects"] if re.search(r"\b" + re.escape(o), low)]
    # 'Has anyone connected Sim to Salesforce? I need new Opportunities over 50k posted …': a clause naming no object
    # of the service works on the one the description names
    told = [
        (description.lower().find(o), o)
        for o in entry["objects"]
        if re.search(r"\b" + re.escape(o), description.lower())
    ]
    obj = min(objects)[1] if objects else min(told)[1] if len(told) == 1 else entry["default"]
    url = entry["objects"][obj]
    # 'an endpoint that takes an order id, fetches the order from Shopify': the one item whose id the run is given,
    # at its own address (services.json 'one'), not the list
    one = (entry.get("one") or {}).get(obj)
    if one and _one_given(obj, clause, description):
        url = one
    if "{symbol}" in url:
        url = url.replace(
            "{symbol}", (lx.stock_symbols(clause) or lx.stock_symbols("stock " + clause) or ["IBM"])[0]
        )
    for name, value in _url_parts(clause, description, entry.get("defaults", {})).items():
        url = url.replace("{" + name + "}", value)
    account = entry.get("account")
    named = None
    if account:  # 'our Shopify store acme-goods', 'our subdomain is acmehelp': the user's own account
        named = re.search(account["pattern"], clause, re.I) or re.search(
            account["pattern"], description, re.I
        )
        if named:
            url = url.replace(account["placeholder"], next(g for g in named.groups() if g).lower())
    # 'send an event to PagerDuty at https://events.pagerduty.com/v2/enqueue': the address the user wrote is
    # the one called; the service's key goes with it only to the service's own domain
    own_host = True
    for given in lx.URL_RE.finditer(clause):
        own = _domain(given.group(0).split("/")[2]) == _domain(entry["host"])
        if own or given.group(0) not in shared_links(clause):  # not a link a message carries
            url, own_host = given.group(0), own
            break
    else:  # '(POST to events.pagerduty.com/v2/enqueue)': the service's own host written without its scheme
        for bare in _BARE_HOST.finditer(clause):
            if bare.group(1).lower() in (a.lower() for a in entry["aliases"]):
                continue  # 'on our board in Monday.com': the service's name, not an address to call
            if _domain(bare.group(1).split("/")[0]) == _domain(entry["host"]):
                # ('asks at DHL (api-eu.dhl.com) where the parcel is': the host alone names the service, whose
                # object's own address is kept)
                if (
                    "/" in bare.group(1).strip("/")
                    or url.split("/")[2].lower() != bare.group(1).strip("/").lower()
                ):
                    url = "https://" + bare.group(1)
                break
            # 'our Canvas instance (canvas.northfield.edu/api/v1)': the user's own server of the service, at
            # the service's usual path
            own_server = bare.group(1).split("/")[0]
            if any(
                a.replace(" ", "") in own_server.lower()
                or re.search(re.escape(a) + r"\b[^()]{0,30}\(\s*" + re.escape(bare.group(1)), clause, re.I)
                for a in entry["aliases"]
            ):
                url = "https://" + own_server + "/" + url.split("/", 3)[3]
                break
    aliases = "|".join(re.escape(a) for a in entry["aliases"])
    own_names = [a.lower() for a in entry["aliases"]]
    write = bool(
        # ('…, but add its suggestions as private notes on the Freshdesk tickets': 'but' opens the step)
        (re.match(r"^\W*(?:(?:also|then|but|only)\s+)*(?:" + _WRITE + r")\b", low) or _WRITES_AT.match(low))
        # ('post the rate from https://api.frankfurter.app/latest to Teams': its address after 'from' is read)
        and not re.search(
            r"\bfrom\s+(?:our\s+|my\s+|the\s+)?(?:https?://)?(?:[\w-]+\.)*(?:" + aliases + r")\b", low
        )
        # 'send a daily digest of new Zendesk tickets to …', 'post the open Sentry issues to #dev': read
        and not (
            _items_taken(low, own_names, one=True)
            or _made_of(low, key, own_names)
            or _read_as_data(low, own_names)
        )
        or re.search(  # ('turn each new row into a HubSpot contact': one is made there)
            r"\b(?:to|into)\s+(?:our\s+|my\s+|the\s+|an?\s+(?:new\s+)?)?(?:" + aliases + r")\b",
            # not 'we moved to Square', 'has anyone connected Sim to Salesforce?' (the service in use, read),
            # 'without logging in to Shopify' (signing in is no destination)
            re.sub(
                _SIGNED_IN,
                " signed-in ",
                re.sub(_SWITCHED_TO + "|" + _CONNECTED_TO, lambda m: " " * len(m.group(0)), low),
            ),
        )
        or _made_in(low, aliases)
        or _changes(low)  # 'refund them via Stripe', 'set their lifecycle stage … in HubSpot'
        # 'email the member a renewal reminder via SendGrid': a service that delivers mail sends it
        or bool(entry.get("sends_mail") and re.search(r"\b(?:e-?mail|send|mail)", low))
    )
    if write and any(
        re.search(r"\bfrom\s+" + re.escape(g.group(0).lower()), low)
        for g in lx.URL_RE.finditer(clause)
        if _domain(g.group(0).split("/")[2]) == _domain(entry["host"])
    ):
        write = False  # 'Post the EUR/USD rate from https://api.frankfurter.app/… to Teams': read there, sent elsewhere
    if entry.get("read"):
        write = False  # 'post yesterday's GA4 sessions to Slack': a service of reports is only read
    # 'set their stage …' changes the record found (PATCH), 'refund them' makes a refund (POST)
    method = ((write and _change_method(low)) or "POST") if write else "GET"
    # 'register the invitee with POST https://api.zoom.us/…', 'GET https://api.xero.com/…': the method as written
    said = next(
        (_written_method(clause[: g.start()]) for g in lx.URL_RE.finditer(clause) if g.group(0) == url), None
    )
    if said:
        method, write = said, said != "GET"
    # 'last week's Google Analytics visitors': a service read by a POST of a query (services.json 'read')
    query = entry.get("read") if not write and not said else None
    if query:
        method = query["method"]
    headers = []
    if entry.get("auth") and own_host:
        headers.append({"id": "h-authorization", "cells": {"Key": "Authorization", "Value": entry["auth"]}})
    for name, value in entry.get("headers", {}).items() if own_host else ():
        headers.append({"id": "h-" + name.lower(), "cells": {"Key": name, "Value": value}})
    if write or query:
        headers.append(
            {"id": "h-content-type", "cells": {"Key": "Content-Type", "Value": "application/json"}}
        )
    values: dict[str, str] = {"url": url, "method": method}
    if headers:
        values["headers"] = json.dumps(headers)
    if write:
        values["body"] = json.dumps(
            (entry.get("write_bodies") or {}).get(obj) or entry.get("write_body") or {"text": "{prev}"}
        )
    window = lx.window_in(clause)
    note_window = ""
    if query:
        days = (window[0] * {"week": 7, "month": 30, "year": 365}.get(window[1], 1)) if window else 0
        since = query["window"].replace("{n}", str(max(days, 1))) if window else query["no_window"]
        until = "today"
        if re.search(r"\byesterday", low):  # 'yesterday's sessions': that day alone
            since = until = "yesterday"
        values["body"] = (
            json.dumps(query["bodies"].get(obj, query["bodies"]["default"]))
            .replace("{since}", since)
            .replace("{until}", until)
        )
        if not window:
            note_window = f"; it reads the report from {since} to today"
    elif window and not write:
        n, unit = window
        if entry.get("window_param") == "statsPeriod":
            values["params"] = _params_table(
                {
                    "statsPeriod": f"{n * {'minute': 1, 'hour': 60, 'day': 1440, 'week': 10080, 'month': 43200}[unit] // 60 or 1}h"
                    if unit in ("minute", "hour")
                    else f"{n * (7 if unit == 'week' else 30 if unit == 'month' else 1)}d"
                }
            )
        else:
            note_window = (
                f"; the time window (last {n} {unit}s) is not applied by the request: filter the result"
            )
    step = Step(
        "action" if write else "source",
        "api",
        values,
        label=f"{entry['name']} {obj}",
        text=clause,
        integration=key,
    )
    step.result = None if write else "data" if one and url == one else entry.get("result")
    host = url.split("/")[2]
    step.note = f"no {entry['name']} block in Sim JUL25: used an HTTP {method} request to {host}{note_window}"
    if write and (entry.get("write_needs") or {}).get(obj):
        step.needs.append(entry["write_needs"][obj])
    if entry.get("fill") and not named:
        step.needs.append(entry["fill"])
    _record_to_change(step, entry["name"])
    return step


def _one_given(obj: str, clause: str, description: str) -> bool:
    """Whether `clause` reads the one `obj` ('the order', 'that invoice') whose id or number the run is given ('takes
    an order id', 'Input: the invoice number', 'given a customer ID')."""
    noun = re.escape(obj) + r"[a-z]*"
    if not re.search(
        r"\b(?:the|that|this|its|their)\s+(?:[\w-]+\s+)?" + noun + r"(?<!s)\b(?!\s+(?:list|history))",
        clause,
        re.I,
    ):
        return False
    return bool(
        re.search(
            r"\b(?:takes?|taking|given|gets?|accepts?|receives?|with|inputs?\W*:)\s*(?:an?\s+|the\s+|one\s+)?(?:[\w-]+\s+)?"
            + noun
            + r"\s+(?:id|ids|number|no\.?|#|key|reference|ref)\b",
            description,
            re.I,
        )
    )


def _mail_service_named(clause: str) -> bool:
    """'email the member a reminder in SendGrid': a service that delivers e-mail (services.json 'sends_mail') is
    named, and Gmail is not named by name."""
    from lib.generation.services import external, external_in

    return lx.phrase_at(clause.lower(), "gmail") < 0 and any(
        external()[key].get("sends_mail") for _, key in external_in(clause)
    )


def _record_to_change(step: Step, name: str) -> None:
    """A PATCH changes one record: the note and the inputs ask for its id at the end of the address."""
    if step.values.get("method") != "PATCH":
        return
    step.note = (
        step.note or ""
    ) + f"; it changes the {name} record found before: add that record's id to the address"
    step.needs.append(f"the id of the {name} record to change, at the end of {step.values['url']}")


# A verb where a clause's verb stands: the clause's start, or after a comma, a colon, a dash, 'and', 'then', 'to'
# ('… and look up each parcel in …'), not a noun that looks like one ('this week's expense reports').
_VERB_AT = r"(?:^|[,;:(—–→+&/>]|\b(?:and|then|to|by|also|please|just|we|i)\b)\s*(?:also\s+|then\s+|just\s+)?"
_WRITE_AT = re.compile(
    # or said of the item: '… everyone smaller gets added to our 'Nurture' audience in …'
    r"(?:"
    + _VERB_AT
    + r"(?:"
    + _WRITE
    + r"|trigger|raise|make|updating|tag|label|mark|close|resolve)|\b(?:gets?|is|are|be)\s+(?:added|created|"
    r"posted|logged|saved|filed|opened|pushed|published|synced|uploaded|sent))\b",
    re.I,
)
# a verb also in the third person ('a flow that pulls today's check-outs in …'); 'see which guests …' reads
_READ_AT = re.compile(
    _VERB_AT + r"(?:(?:" + _READ + r"|go(?:es)?\s+through|review|look\s+up)(?:s|es)?|see)\b", re.I
)


@lru_cache(maxsize=1)
def _changed_words() -> str:
    """A verb of `change_verbs` (services.json) before what it changes: 'mark it', 'set their …', 'refund the …'."""
    from lib.generation.services import data as service_data

    verbs = "|".join(sorted(service_data()["change_verbs"], key=len, reverse=True))
    return r"(?:" + verbs + r")(?:s|es|d|ed)?\s+(?:it|them|their|its|his|her|the|that|this)"


@lru_cache(maxsize=1)
def _change_re() -> re.Pattern[str]:
    """A verb that changes a record kept in a service ('set', 'refund', 'mark' …; `change_verbs` in
    services.json), where a clause's verb stands."""
    from lib.generation.services import data as service_data

    verbs = "|".join(sorted(service_data()["change_verbs"], key=len, reverse=True))
    return re.compile(_VERB_AT + r"(?P<verb>" + verbs + r")(?:s|es|d|ed)?\b", re.I)


def _changes(low: str) -> bool:
    """'refund them via Stripe', 'then set their stage to …': the clause starts with a verb that changes a record."""
    return _change_method(low) is not None


def _change_method(low: str) -> str | None:
    """The HTTP method of the verb that starts the clause and changes a record ('set' → PATCH, 'refund' → POST;
    `change_verbs` in services.json), or None."""
    from lib.generation.services import data as service_data

    found = _change_re().match(low)
    if found is None or re.search(r"\w", low[: found.start()]):
        return None
    verbs = service_data()["change_verbs"]
    return next((m for v, m in verbs.items() if re.fullmatch(v, found.group("verb"), re.I)), "PATCH")


_DONE_BEFORE = re.compile(
    r"\b(?:[a-z]{2,}s|prs)\s+"
    r"(?:that\s+|which\s+)?(?:we|i|they|you|the team)\s+(?:have\s+|had\s+|'ve\s+)?(?:just\s+)?"
    r"(?=[a-z]+ed\b|sent\b|made\b|wrote\b|won\b|lost\b)",
    re.I,
)


def _verb_mode(before: str) -> str | None:
    """'read' or 'write': what the last verb before a service's name does to it ('go through this week's
    expenses in …' reads, 'trigger an … alert' writes); None when no verb stands before it."""
    read = [m.start() for m in _READ_AT.finditer(before)]
    write = [m.start() for m in _WRITE_AT.finditer(before)] + [
        m.start() for m in _change_re().finditer(before)
    ]
    # 'fetch the issues we closed this week in our GitLab project': a past verb after its subject describes the
    # items read (what was done to them before), not what this step does
    told = [m.start() for m in _DONE_BEFORE.finditer(before)]
    write = [w for w in write if not any(t <= w < t + 24 for t in told)]
    if not read and not write:
        return None
    return "write" if max(write, default=-1) > max(read, default=-1) else "read"


def _made_in(low: str, aliases: str) -> bool:
    """'add them as a contact in HubSpot', 'trigger a PagerDuty incident', 'open a Zendesk ticket': a thing made in
    the service — its name after 'in' or an article, and the last verb before it one that writes."""
    named = re.search(r"\b(?:in|on|an?)\s+(?:our\s+|my\s+)?(?:" + aliases + r")\b", low)
    return named is not None and _verb_mode(low[: named.start()]) == "write"


# a method and a path the user wrote for a call: 'POST /posts.json', 'GET /api/v2/tickets/{id}'
_TOLD_PATH = re.compile(r"\b(?P<method>GET|POST|PUT|PATCH|DELETE)\s+(?P<path>/[\w./{}:%~-]*[\w/}])", re.I)


def _unnamed_step(name: str, how: str, clause: str, verb: str | None = None) -> Step:
    """A service the planner has no data for, named where a service goes ('from our Mindbody account', 'check
    Skubana for …'): an HTTP request to the address the user wrote for it, else to a guessed
    https://api.<name>.com/ — an assumption stated, and the address asked for."""
    low = clause.lower()
    write = how not in ("from", "check") and (
        verb == "write"
        if verb and how in ("of", "in", "into", "to")
        else bool(re.match(r"^\W*(?:(?:also|then|and|but|only)\s+)*(?:" + _WRITE + r")\b", low))
        or _changes(low)
    )
    own = name.lower()
    # its own host written anywhere, or any host written in brackets right after the name ('WooCommerce
    # (shop.fernandleaf.com)')
    after = clause[clause.find(name) + len(name) :]
    beside = re.match(r"\s*\(([^)]*)\)", after)
    host = max(  # the most specific ('api.monday.com', not 'monday.com')
        (b.group(1) for b in _BARE_HOST.finditer(clause) if own in b.group(1).split("/")[0].lower()),
        key=len,
        default=None,
    )
    if host is None and beside:
        host = next((b.group(1) for b in _BARE_HOST.finditer(beside.group(1))), None)
    nouns = [n for n in lexicon()["item_nouns"] if " " not in n and re.search(r"\b" + n + r"\b", low)]
    made = re.search(r"\b(?:an?|new)\s+([a-z]{3,})\b", low) if write else None
    # 'an Opsgenie alert', 'yesterday's Chargebee invoices': the noun after the name is what is called for
    held = (
        re.match(r"\s+([a-z]{3,})\b", after)
        if how == "of"
        # 'pull candidates from Lever': the things taken from it
        else re.search(
            r"\b([a-z]{3,}s)\s+(?:from|in)\s+(?:our\s+|my\s+|the\s+)?$", clause[: clause.find(name)]
        )
    )
    path = (
        held.group(1) + ("" if held.group(1).endswith("s") else "s")
        if held
        else (made.group(1) + "s")
        if made
        else (min(nouns, key=lambda n: low.find(n)) if nouns else "")
    )
    from lib.generation.services import known_host

    known = known_host(own)
    url = (
        "https://" + host
        if host
        else f"{known}/{path}"
        if known  # a service whose API lives elsewhere than api.<name>.com ('Shippo' at api.goshippo.com)
        else f"https://api.{re.sub(r'[^a-z0-9]', '', own)}.com/v1/{path}"
    )
    # 'set their stage …' changes the record found (PATCH), 'refund them' makes a refund (POST)
    method = ((write and _change_method(low)) or "POST") if write else "GET"
    told = _TOLD_PATH.search(clause)
    if told:
        # 'post a reply back through the Discourse API (POST /posts.json)': the method and path the user gave, on
        # the service's host (its address, when written, else the guessed one)
        root = (
            "https://" + host.split("/")[0]
            if host
            else known.rstrip("/")
            if known
            else f"https://api.{re.sub(r'[^a-z0-9]', '', own)}.com"
        )
        url, method = root + told.group("path"), told.group("method").upper()
    headers = [
        {
            "id": "h-authorization",
            "cells": {
                "Key": "Authorization",
                "Value": "Bearer {{" + re.sub(r"[^A-Z0-9]", "_", name.upper()) + "_API_KEY}}",
            },
        }
    ]
    values = {"url": url, "method": method}
    if write:
        headers.append(
            {"id": "h-content-type", "cells": {"Key": "Content-Type", "Value": "application/json"}}
        )
        values["body"] = json.dumps({"text": "{prev}"})
    values["headers"] = json.dumps(headers)
    step = Step("action" if write else "source", "api", values, label=f"{name} {path}".strip(), text=clause)
    if host:
        step.note = (
            f"no {name} block in Sim JUL25: used an HTTP {method} request to the address given ({host})"
        )
    elif known:
        step.note = (
            f"no {name} block in Sim JUL25: used an HTTP {method} request to its API at {url.split('/')[2]}; "
            f"the path (/{path}) is assumed — check it in {name}'s API documentation"
        )
        step.needs.append(f"the exact endpoint of {name}'s API (assumed {url}) and its key")
    else:
        step.note = (
            f"no {name} block in Sim JUL25 and no address given: assumed its API is at "
            f"{url.split('/')[2]} (an HTTP {method} to {url}); check it in {name}'s API documentation"
        )
        step.needs.append(f"the address of {name}'s API (assumed {url}) and its key")
    _record_to_change(step, name)
    return step


def _domain(host: str) -> str:
    """'events.pagerduty.com' → 'pagerduty.com': the name a service's hosts share."""
    return ".".join(host.lower().split(":")[0].split(".")[-2:])


def _takes_url(key: str) -> bool:
    from lib.sim.registry import get_block

    spec = get_block(lexicon()["integrations"][key]["type"])
    return spec is not None and spec.sub_block("url") is not None and spec.type != "api"


def _chat_source(description: str) -> str | None:
    """'When a customer messages our WhatsApp bot …', 'telegram bot: when a user sends …': the chat service the
    people who start the run write from (a reply to them goes back there), or None."""
    for _, key in lx.integrations_in(description):
        if key not in ("slack", "telegram", "discord", "microsoft_teams", "whatsapp"):
            continue
        names = "|".join(re.escape(p.strip()) for p in lexicon()["integrations"][key]["phrases"] if p.strip())
        if re.search(
            r"\b(?:"
            + names
            + r")\s*(?:bot|number|dms?|direct messages?)\b|\b(?:messages?|texts?|dms?|writes? to)\s+"
            r"(?:my|our|the)\s+(?:" + names + r")\b|\b(?:" + names + r")\s+messages?\s+(?:comes?|arrives?)\b|"
            # 'sends a message to our WhatsApp', 'a message comes in on our WhatsApp': written to it
            r"\b(?:messages?|texts?|dms?)\s+(?:(?:comes?|arrives?|lands?)\s+in\s+)?(?:to|on|in|into|via|through)\s+"
            r"(?:my|our|the)\s+(?:" + names + r")\b|"
            # 'when someone posts a question in #help on Slack': people write in a channel of that service (not
            # 'post a note in #support on Slack', the workflow's own post)
            r"\b(?:someone|somebody|anyone|people|users?|members?|customers?|staff|colleagues?)\s+"
            r"(?:posts|asks|writes|messages)\s+(?:[\w'-]+\s+){0,3}?(?:in|on)\s+(?:#[\w-]+\s+(?:on|in)\s+)?"
            r"(?:my\s+|our\s+|the\s+)?(?:" + names + r")\b|"
            # 'take each incoming WhatsApp message', 'people message us on WhatsApp': written to the user there
            r"\b(?:incoming|inbound|each|every)\s+(?:new\s+|incoming\s+)?(?:"
            + names
            + r")\s+(?:messages?|texts?|dms?)\b|"
            r"\b(?:message|messages|text|texts|dm|dms|write\s+to|writes\s+to)\s+(?:us|me)\s+(?:on|via|through|over|in)\s+"
            r"(?:" + names + r")\b|"
            # 'when people WhatsApp us asking …': the service's name as the verb of others writing to us (not the
            # run's own 'WhatsApp me as well')
            r"\b(?:people|customers?|clients?|guests?|members?|parents?|patients?|students?|users?|tenants?|buyers?|"
            r"visitors?|someone|somebody|anyone|anybody|they)\s+(?:" + names + r")(?:s|ed)?\s+(?:us|me)\b|"
            # 'our juice bar takes orders thru whatsapp', 'we receive the bookings via WhatsApp': what people send us
            r"\b(?:takes?|accepts?|gets?|receives?)\s+(?:(?:the|our|all|most|cake|food|new)\s+)?(?:[\w'-]+\s+)?"
            r"(?:orders?|bookings?|reservations?|requests?|enquiries|inquiries|messages?|questions?)\s+"
            r"(?:on|via|through|thru|over|in|by)\s+(?:my\s+|our\s+|the\s+)?(?:" + names + r")\b",
            description,
            re.I,
        ):
            return str(key)
    return None


def _looked_up_in(low: str, clause: str) -> bool:
    """'look up the room in the Supabase 'rooms' table', 'find their order in our Airtable': what is looked up
    lives in a service the planner reads (a block's, or one reached by HTTP: 'look up the customer in hubspot'),
    named right after 'in' / 'from'."""
    from lib.generation.services import external_in

    read = [(pos, key) for pos, key in lx.integrations_in(clause) if "read" in lexicon()["integrations"][key]]
    # ('search for emails labelled 'invoices' in Gmail': the service is named again after 'in', past the first
    # mention, the word 'emails' — every mention counts)
    read += [(pos, key) for first, key in read for pos in _named_again_at(clause, key, first)]
    for pos, _ in read + external_in(clause):
        if re.search(
            r"\b(?:look(?:s|ing)?\s+(?:[\w'-]+\s+){0,3}?up|finds?|search(?:es)?|checks?)\b"
            r"(?:(?!\b(?:and|then)\b)[^,;.])*?\b(?:in|from|inside)\s+(?:the\s+|our\s+|my\s+|their\s+)?"
            r"(?:['\"“][^'\"”\n]{1,40}['\"”]\s+)?$"
            # 'look up what we remember about this customer': the service is what is looked up
            # ('look up the "Waitlist" Airtable table for …': the place, named, is what is looked up in)
            r"|\b(?:look(?:s|ing)?\s+up|finds?|search(?:es)?|checks?)\s+(?:the\s+|our\s+|my\s+)?"
            r"(?:['\"“][^'\"”\n]{1,40}['\"”]\s+)?$",
            # (a dot inside a word is no sentence's end: 'search for emails from bob@x.com in Gmail')
            re.sub(r"(?<=\w)\.(?=\w)", "_", re.sub(r"\S+$", "", low[:pos])),
        ):
            return True
    return False


def _named_again_at(clause: str, key: str, first: int) -> list[int]:
    """The positions where integration `key` is named again in `clause` after its first mention at `first`."""
    out, at = [], clause.find(" ", first)
    while at >= 0:
        hit = next((pos for pos, k in lx.integrations_in(clause[at:]) if k == key), None)
        if hit is None:
            break
        out.append(at + hit)
        at = clause.find(" ", at + hit + 1)
    return out


def _commented_where(clause: str, description: str) -> str:
    """'… and reply on the issue w/ the jira link', 'comment on the PR': a comment on a thing no service in the
    clause names goes to the service the description names whose operations write comments (services.json
    'objects'), its name put before the thing ('comment on the GitHub issue')."""
    from lib.generation.services import operations

    said = re.search(
        # ('leave a comment in the issue', German 'einen Kommentar im Issue hinterlassen': a comment put in it)
        r"\b(?:(?:comment|reply|respond|answer)\s+(?:back\s+)?(?:on|under)|comment\s+(?:in|to))\s+"
        r"(?:the|that|this|each|every)\s+"
        r"(?=(?:issue|pr|pull request|ticket|post)s?\b)",
        clause,
        re.I,
    )
    # ('for every open PR in acme/api, leave a comment reminding the author …': a comment added to each pull request
    # walked, on nothing named — only pull requests: JUL25's github block comments on those, not on issues)
    added = (
        re.search(
            r"\b(?:add|adds|leave|leaves|post|posts|write|writes|drop|drops)\s+(?:a|an)\s+(?:[\w-]+\s+)?comment\b"
            r"(?!\s+(?:on|in|to|under|into)\b)",
            clause,
            re.I,
        )
        if said is None and re.search(r"\b(?:prs?|pull\s+requests?)\b", description, re.I)
        else None
    )
    hit = said or added
    # a service named in what the comment carries ('w/ the jira link') is not where it goes
    if hit is None or lx.integrations_in(re.split(r"\b(?:with|w/|including|containing)\s", clause)[0]):
        return clause
    for _, key in lx.integrations_in(description):
        entry = lexicon()["integrations"][key]
        if any("comment" in op.get("objects", []) for op in operations().get(entry["type"], {}).values()):
            # a reply there is a comment ('reply on the issue' is no message to draft)
            return (
                clause[: hit.start()]
                + "comment on the "
                + entry["phrases"][0].strip()
                + (" " if said is not None else " pull request")
                + clause[hit.end() :]
            )
    return clause


# 'no Slack post', 'no e-mail to the team', 'no further action': a step not taken, said by its noun alone
_NO_STEP = re.compile(
    r"^\W*(?:(?:and|but|so|then|just)\s+)*(?:there\s+is\s+|there['’]s\s+)?no\s+(?:[\w-]+\s+){0,2}?"
    r"(?:post|message|e-?mail|notification|alert|sms|text|reply|ping|dm|update|action|ticket|issue|row|entry|"
    r"follow-?up|escalation|call|page)s?\b(?:\s+(?:to|in|on|for)\s+[^,;.]{1,40})?\W*$",
    re.I,
)
# a clause that opens on a negated verb, after at most a short subject ('Replies without 'cancel' don't need anything')
# the word that opens the step taken in place of one ruled out ("don't post it on Teams - just email it …")
_TAKEN_INSTEAD = re.compile(r"^(?:just|only|instead|simply|rather)\s+", re.I)
_NEGATED_STEP = re.compile(
    # ('Note: don't post anything in #dev-chatter', 'Important - never …': after a short label)
    r"^\W*(?:(?:note|nb|n\.b\.|important|caveat|constraint|rule|also|ps|p\.s\.)\s*[:–—-]\s*)?"
    r"(?:\d{1,2}(?:\.\d{1,2})+\.?\s+)?"  # ('4.5 never reply to the sender': a numbered clause of a spec)
    r"(?:(?:and|but|so|also|please|just)\s+)*"
    # (not a clause that waits for it: 'when the client doesn't reply in 2 days, …')
    r"(?:(?!(?:when|whenever|once|after|if|as|until|for|each|every|because|since|where|who|that|which|while)\b)"
    r"[\w'’-]+\s+){0,4}?"
    r"(?:don[’']?t|do\s+not|does\s+not|doesn[’']?t|never|(?:there[’']?s\s+)?no\s+need\s+to|needn[’']?t|"
    # 'It shouldn't reply in the channel', 'it won't post anything back', 'must never …', 'it cannot …'
    r"(?:should|would|must|could|ca|wo)n[’']?t|(?:should|will|must|may|can|is|are)\s+(?:not|never)|cannot|"
    # "I'd rather not get the #dev message", 'we'd prefer not to email them'
    r"rather\s+not|prefer\s+not\s+to)"
    r"\s+(?:ever\s+|be\s+allowed\s+to\s+)?(?!forget\b)",
    re.I,
)

# 'otherwise no Slack post', 'else: no e-mail is sent', 'no Teams message': a clause that only says no such thing is made
_NO_STEP = re.compile(
    r"^\W*(?:(?:and|but|so|then|just|otherwise|else|if\s+not)\b[\s,:;\-–—]*)*"
    # ('Non-rush jobs get no Slack message', 'Undamaged returns receive no email': the items a test leaves)
    r"(?:(?:[\w'’-]+\s+){1,4}?(?:get|gets|receive|receives)\s+)?no\s+(?:[\w#@.-]+\s+){0,3}?"
    r"(?:post|message|e-?mail|mail|notification|alert|ping|dm|sms|text|reply|ticket|issue|row|update|action|call)s?"
    r"(?:\s+(?:is|are|gets?|will\s+be)\s+(?:sent|posted|made|created|needed|written|added))?\W*$",
    re.I,
)

_HANDS_OFF_CLAUSE = re.compile(
    r"^\W*(?:(?:and|but|so|also|please|just)\s+)*(?:"
    + _CHANGES
    + r"(?:\s+or\s+"
    + _CHANGES
    + r")?\s+(?:nothing|none)\b|nothing\b[^.;]{0,40}\b(?:must|should|may|can)\s+(?:not\s+)?be\s+(?:changed|modified|"
    r"touched|edited|altered|updated)\b|leave\s+[^.;]{1,40}?\s+(?:untouched|alone|unchanged|as\s+it\s+is)\b|"
    r"[^.;]{1,40}?\s+(?:stays|remains|must\s+stay|should\s+stay|must\s+remain|should\s+remain)\s+(?:strictly\s+)?read[- ]only\b|"
    # 'Everything else stays in Zendesk as it is', 'the rest stays where it is': the items no step touches
    r"(?:everything|anything|all)\s+else\s+(?:just\s+)?(?:stays|remains)\b[^.;]{0,40}$|"
    r"[^.;]{1,40}?\s+(?:stays|remains)\s+(?:(?:in|on|where)\s+[^.;]{0,30}?)?\s*(?:as\s+(?:it\s+is|they\s+are|is)|where\s+(?:it|they)\s+(?:is|are))\W*$)",
    re.I,
)

# 'Hi, I write for our logistic company in Poznan', 'writing on behalf of a small NGO': who is asking, no step (the
# clause ends with the one the user writes for; 'write for our team a summary' still writes)
_WRITING_FOR = re.compile(
    r"^\W*(?:(?:hi|hello|hey|dear\s+[\w-]+|good\s+(?:morning|afternoon|evening))\b[\s,!.]*)?(?:(?:i|we)(?:\s+am|\s+are|['’]m|['’]re)?\s+)?"
    r"writ(?:e|ing)\s+(?:to\s+you\s+)?(?:for|from|on\s+behalf\s+of|as|in\s+the\s+name\s+of)\s+(?:an?\s+|the\s+|our\s+|my\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:company|firm|agency|business|organi[sz]ation|ngo|non-?profit|charity|startup|shop|store|school|"
    r"clinic|practice|restaurant|hotel|department|office|association|club|studio|bakery|brewery|cooperative)"
    r"(?:\s+(?:in|from|at|based\s+in)\s+[\w-]+(?:\s+[\w-]+)?)?(?:\W*$|\s*[:;—–]\s*)",
    re.I,
)
# 'we moved to Square', 'we switched over to Xero': the service the user now has, said before its name
_SWITCHED_TO = r"\b(?:moved|switched|migrated|changed|went|gone)\s+(?:over\s+)?to\s+(?:our\s+|the\s+)?[\w-]+"
# 'has anyone connected Sim to Salesforce?', 'hook it up to our Pipedrive': the service the run works with, not a write
_CONNECTED_TO = (
    r"\b(?:connect|link|hook|integrate)(?:s|es|ed|d|ing)?\s+(?:sim|it|this|that|the\s+(?:workflow|flow|bot|automation))"
    r"\s+(?:up\s+)?(?:to|with)\s+(?:our\s+|the\s+)?[\w-]+"
)
# '(to the address on the Stripe event)', 'the amount in the Shopify payload': what the event brings, no call
_ON_THE_EVENT = (
    r"\b(?:on|in|from|of|inside)\s+(?:the|this|that|each|every|its)\s+[\w.-]+(?:\s+[\w.-]+)?\s+"
    r"(?:event|webhook|payload|notification)s?\b"
)

# 'log every new Shopify order', 'As the finance team, record every Stripe invoice.paid event': the items kept, said
# with no place they are kept in — the service names what is kept (the event a run starts on), not where it goes
_ITEMS_KEPT = (
    r"^\W*(?:also\s+|then\s+)?(?:[\w\s]{0,40}?,\s*)?(?:log|record|track|capture|keep\s+track\s+of)\s+"
    r"(?:(?:every|each|all|any|the|new|incoming|our)\s+)+(?:(?!(?:to|in|into|on|onto|at|via|for|with)\b)[\w.-]+\s*){1,4}"
    r"[.!]?\s*$"
)

# "the sheet 'Stripe Mails'", 'the "Zendesk exports" folder': a place's own quoted name, which may hold a service's word
# and calls no service
_QUOTED_PLACE_NAME = (
    r"\b(?:sheet|spreadsheet|tab|table|base|database|db|folder|page|doc|document|board|list|project|channel|file|"
    r"workbook|calendar|notebook|collection|bucket|index)s?\s+(?:called\s+|named\s+)?(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|"
    r"“[^”\n]{1,60}”|‘[^’\n]{1,60}’)|(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|‘[^’\n]{1,60}’)\s+(?:google\s+)?"
    r"(?:sheet|spreadsheet|tab|table|base|database|db|folder|page|doc|document|board|list|project|channel|workbook)s?\b"
)


# 'for the person who hasn't opened an email in 90 days', 'for each order that was refunded': a clause that only says
# which items (what they did or are, after 'who/that/which' and a verb's helper), with no step of its own after it
# 'I log into Gmail', 'first sign in to our Shopify account': getting into the service is how the user reaches the
# data, no step of its own (the clauses after it say what is read or done there)
_SIGNED_IN = re.compile(
    r"^\W*(?:(?:and|then|first|so|i|we|each\s+morning|every\s+morning)\s+)*(?:log|sign)(?:s|ged|ed)?\s+"
    r"(?:in(?:to)?|on(?:to)?|in\s+to|on\s+to)\s+(?:(?:my|our|the)\s+)?[\w.-]+(?:\s+(?:account|inbox|mailbox|dashboard))?\W*$",
    re.I,
)

_ITEM_ONLY = re.compile(
    r"^\W*(?:and\s+|then\s+)?for\s+(?:the|each|every|any|all)\s+(?:[\w'’-]+\s+){0,2}?(?:who|that|which)\s+"
    r"(?:has|have|had|did|does|is|are|was|were)(?:n['’]t|\s+not|\s+never)?\s+(?:\w+ed|\w+en|been|not|never|no)\b"
    r"(?![^,;:]*\b(?:and|then)\b)[^,;:]*$",
    re.I,
)

# 'a bot: …', 'Its job: …', 'Rita, our invoice assistant: …': a short name before a colon, no verb in it
# others who message the user ('people message us on WhatsApp', 'customers text us'), things the user gets by the
# many ('I get lots of enquiries on WhatsApp')
_MESSAGED_US = re.compile(
    r"\b(?:people|customers|clients|guests|patients|parents|members|students|folks|buyers|tenants|users|everyone|"
    r"they)\s+(?:usually\s+|often\s+|always\s+|mostly\s+|also\s+)?(?:message|text|dm|whatsapp|write\s+to|contact|ping|"
    r"email|e-mail)\s+(?:us|me)\b(?!\s+(?:an?\s+)?(?:webhook|request|call|event)s?\b)"
    r"|\b(?:we|i)\s+(?:\w+\s+)?(?:get|receive)s?\s+(?:(?:about|around|roughly)\s+)?(?:lots\s+of|a\s+lot\s+of|loads\s+of|"
    r"tons\s+of|plenty\s+of|dozens\s+of|hundreds\s+of|many|~?\d+)\s"
)
# '- Trigger: a Calendly cancellation webhook', 'Triggered by Shopify's order webhook': the run's start, labelled
_STARTED_BY = re.compile(
    r"^\W*(?:(?:trigger|event|start)\s*[:—–]\s*|(?:trigger|event|start)\s+-\s+|(?:triggered|started)\s+by\s+"
    r"|triggers?\s+on\s+)"
)

_LABEL_LEAD = re.compile(
    r"^\W*((?:(?:an?|the|our|its|their|my|his|her)\s+)?[\w'’-]+(?:,?\s+[\w'’-]+){0,5})\s*:\s+(?=\w)"
)

_DOER_VERB = re.compile(
    r"^(?P<lead>\W*(?:and\s+|then\s+|also\s+)?)(?:it|he|she|the\s+(?:bot|assistant|agent))\s+"
    r"(?P<modal>(?:(?:just|simply|only|also|then|will|should|must|automatically|immediately)\s+)*)"
    r"(?P<verb>[a-z][\w-]*)(?P<rest>\b.*)$",
    re.I | re.S,
)


_THIRD_PERSON = re.compile(
    r"^(?P<lead>\W*(?:and\s+|then\s+|also\s+)?)(?P<verb>(?:e-?mail|text|dm|ping|message|notif(?=ies)|repl(?=ies))"
    r"(?:s|ies)|DMs)\s+(?=the\b|an?\b|them\b|him\b|her\b|whoever\b|our\b|their\b|its\b|that\b|this\b|each\b|"
    # ('… and replies to the customer saying …': whom it answers, after 'to')
    r"every\b|\+?\d|[\w.+-]+@|#|(?<=ies\s)to\s+(?:the|them|him|her|whoever|each|every|their|our)\b)",
    re.I,
)


def _doer_dropped(clause: str) -> str:
    """'the bot posts a celebration in #wins' → 'posts' read as 'post …', 'it emails the CFO' → 'email the CFO':
    the bot named as the doer of an act in its third-person form ('posts' is a verb here, no noun); unchanged when
    the word after it is no act ('it gets added …', 'it is …')."""
    said = _DOER_VERB.match(clause)
    if said is None:
        # '… and texts whoever is on call': the same doer left out after 'and', the verb still in its form
        bare = _THIRD_PERSON.match(clause)
        acted = _bare_verb(clause[bare.start("verb") :]) if bare else None
        return bare.group("lead") + acted if bare and acted is not None else clause
    if said.group("verb").lower() in ("gets", "get", "is", "was", "has", "does", "goes", "comes"):
        return clause
    verb = said.group("verb")
    if not (verb.lower().endswith("s") or said.group("modal").strip()):
        return clause
    acted = _bare_verb(verb + said.group("rest"))
    return said.group("lead") + acted if acted is not None else clause


# an aside in brackets that says where a value is kept: '(email column in the sheet)', '(the address is a property of the
# page)', '(phone field on the record)'
_KEPT_IN_ASIDE = re.compile(
    r"\((?=[^()]{0,80}\b(?:columns?|fields?|property|properties|cells?|attributes?|keys?)\b)[^()]{1,100}\)",
    re.I,
)


def read_clause(clause: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step]:
    """The steps one clause asks for."""
    if _cannot_delete(clause):
        # 'delete the files older than 30 days in Google Drive': a block that cannot delete builds no step (not an
        # upload, not a read in its place); the clause is reported as not used
        return []
    there = _KEPT_THERE.search(clause)
    if there:
        # '… with the setup times for the weekend (that are also in the sheet)': what each message holds is in the
        # list read for it — no step of its own, nor a write to that list
        return read_clause(clause[: there.start()] + clause[there.end() :], description, ruled_out)
    kept = _KEPT_IN.search(clause)
    if kept:
        rest = clause[: kept.start()] + clause[kept.end() :]
        if (
            lx.integrations_in(kept.group("where"))
            and not lx.integrations_in(rest)
            and re.search(r"\b(?:" + _WRITE + r")\b", rest, re.I)
        ):
            # 'post our weekly offers on Instagram (the offers are in the "Offers" tab of the shop sheet)': the aside
            # tells where the thing is kept — read there — not where the step writes
            what = {"they": "them", "it": "it"}.get(kept.group("what").lower(), kept.group("what"))
            where = read_clause(f"read {what} in {kept.group('where')}", description, ruled_out)
            if where and all(s.kind == "source" for s in where):
                return where + read_clause(rest, description, ruled_out)
    api = _told_api(clause, description)
    if api:
        # 'we sell on Reverb and they have an API. Every hour, check for new orders': read through that API
        # (the read only: 'check for' here looks for new things, it asks no model to judge them)
        where = [
            s
            for s in read_clause(f"{clause.rstrip()} from the {api} API", description, ruled_out)
            if s.kind == "source"
        ]
        if where:
            return where
    read = _one_lookup(clause, _read_clause(clause, description, ruled_out))
    over = re.search(lexicon()["arrival_over"], clause, re.I)
    if (
        read
        and over
        and all(s.kind == "action" for s in read)
        # ('the summary arrives on Slack': a thing the run makes, sent there)
        and not re.search(
            r"\b(?:" + "|".join(map(re.escape, lexicon()["arrival_made"])) + r")\b", over.group(0), re.I
        )
    ):
        return []  # 'all bookings come in over WhatsApp': where the event comes from, nothing sent there
    if not read:
        return _read_where_told(clause, description, ruled_out)
    return read


# 'read the new complaints', 'go through the latest applications': a read of items, with no place named
_READS_ITEMS = re.compile(
    r"^\W*(?:(?:could|can|would|will)\s+(?:something|someone|it|you|this|the\s+(?:bot|workflow|flow))\s+)?"
    r"(?:(?:and|then|also|please)\s+)*(?:read|check(?:\s+for)?|fetch|pull|grab|go\s+through|look\s+at|look\s+through)\s+"
    r"(?:all\s+)?(?:the\s+|our\s+|any\s+)?(?P<new>(?:new|latest|unread|recent|incoming)\s+)?"
    # ('check for new merch orders': a word of their kind before the noun)
    r"(?:(?P<kind>[a-z]{3,})\s+(?=[a-z]{3,}s\b))?(?P<noun>[a-z]{3,}s)(?:\s+and)?\s*$",
    re.I,
)


# 'we sell on Reverb and they have an API', 'our bookings are on Checkfront, which has an API': a service the text
# tells has an API, by its capitalised name
_TOLD_API = re.compile(
    r"\b(?i:on|with|through|via|use|using|from)\s+(?P<name>[A-Z][\w.-]*[\w])(?:\s*,)?\s+"
    r"(?i:(?:and\s+|but\s+)?(?:they|it|which|who)\s+(?:have|has|offer|offers|provide|provides|expose|exposes)\s+"
    r"(?:an?\s+)?(?:(?:public|open|rest|json|proper)\s+)?api)\b"
)


def _told_api(clause: str, description: str) -> str | None:
    """The service a read of items with no place named ('check for new orders') is read from, when the text tells
    of one service that it has an API ('we sell on Reverb and they have an API'); None when the clause names a
    service or an address, or the text tells of no such service or of two."""
    if not _READS_ITEMS.match(clause) or lx.integrations_in(clause) or lx.URL_RE.search(clause):
        return None
    names = {m.group("name") for m in _TOLD_API.finditer(description)}
    return names.pop() if len(names) == 1 else None


def _read_where_told(clause: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step]:
    """'We get complaints into an Outlook mailbox. Could something … read the new complaints …': items read with no
    place named are read where the text says they arrive."""
    said = _READS_ITEMS.match(clause)
    if said is None:
        return []
    noun = said.group("noun")
    told = re.search(
        r"\b(?:we|i)\s+(?:get|receive|collect)\s+(?:(?:our|the|all|all\s+the|all\s+our|new)\s+)?(?:[\w-]+\s+)?"
        + re.escape(noun)
        + r"\s+(?:into|in|at|to|through|via|by)\s+(?P<place>(?:an?|the|our|my)\s+[^.;,!?\n]{2,60}?)(?=\s*[.;,!?\n]|\s*$)",
        description,
        re.I,
    )
    if told is None or not lx.integrations_in(told.group("place")):
        return []
    read = read_clause(
        f"read the {said.group('new') or ''}{noun} in {told.group('place')}", description, ruled_out
    )
    if not read or any(s.kind != "source" for s in read):
        return []
    for s in read:
        s.text = clause
    return read


# an aside telling where a thing is kept: '(the offers are in the "Offers" tab of the shop sheet)', '(they live in our
# Airtable base)'
_KEPT_IN = re.compile(
    r"\(\s*(?P<what>(?:the|our|my|these|those|they|it|each|all|that|which)\b[^()]{0,40}?)\s+(?:is|are|live|lives|sit|sits|are\s+kept|is\s+kept|"
    r"are\s+stored|is\s+stored|are\s+listed|is\s+listed)(?:\s+(?:also|too|all))?\s+(?:in|on)\s+(?P<where>[^()]{3,80})\)",
    re.I,
)
# '(that are also in the sheet)', '(they're in the table too)', '(is in the sheet)': the list the sentence already
# named, told again
_KEPT_THERE = re.compile(
    r"\s*\(\s*(?:[^()]{0,40}?\s)?(?:is|are|live|lives|sit|sits|(?:is|are)\s+(?:kept|stored|listed))(?:\s+(?:also|too|all))?"
    r"\s+(?:in|on)\s+(?:the|that|this)\s+(?:same\s+)?(?:sheet|spreadsheet|tab|table|list|base|database)"
    r"(?:\s+(?:too|as\s+well))?\s*\)",
    re.I,
)


def _one_lookup(clause: str, steps: list[Step]) -> list[Step]:
    """'look up the weather in Paris with Perplexity', "use Exa to find this week's news about Stripe": the search
    service the clause names does the look-up; no HTTP read the topic suggests (a weather or exchange-rate API, a
    service named as the subject) is added beside it. A clause with an address or an API of its own keeps it."""
    engine = lx.named_search_engine(clause) if len(steps) > 1 else None
    if engine is None or lx.URL_RE.search(clause) or lx.named_api(clause):
        return steps
    if not any(s.type == engine for s in steps):
        return steps
    return [s for s in steps if not (s.type == "api" and s.kind == "source")]


# a step handed to a model: 'let the AI …', 'have GPT …', 'get Claude to …'
_HANDED_TO_AI = r"(?:let|have|get|ask|make)\s+(?:the\s+|an?\s+|our\s+)?(?:ai|a\.i\.|model|llm|gpt[\w.-]*|chatgpt|claude)\b"


# what a run is given, said as its input: '**Input:** a product name', 'an endpoint that takes an order id, …'
_GIVEN_INPUT = re.compile(
    r"(?:^|\n)[\W_]*inputs?[*_]*\s*[:=\-–][*_\s]*(?:an?\s+|the\s+|one\s+)?(?P<what>[\w' -]{2,40}?)\s*(?:$|[\n.;(])"
    r"|\b(?:takes|accepts|receives|is\s+given)\s+(?:an?|the)\s+(?P<what2>[\w-]+(?:\s+[\w-]+)?)(?=\s*(?:,|\band\b|\.|$))"
    # ('a workflow I call with a film title: it searches …', 'something our app runs with a podcast topic')
    r"|\b(?:call|calls|run|runs|start|starts|trigger|triggers|feed|feeds)\s+(?:it\s+)?with\s+(?:an?|the|one)\s+"
    r"(?P<what3>[\w-]+(?:\s+[\w-]+)?)(?=\s*(?:[,:;.]|\band\b|$))",
    re.I | re.M,
)
_INPUT_KINDS = {"name", "id", "number", "text", "string", "value", "code", "input", "of"}


def _given_input_in(query: str, description: str) -> str:
    """`query` with the thing the run is given (`_GIVEN_INPUT`), named again ('the product', 'the city'), read from the
    run's input ('{start}'): the whole query when it is only that thing."""
    found = _GIVEN_INPUT.search(description)
    what = (found.group("what") or found.group("what2") or found.group("what3") or "") if found else ""
    nouns = [w for w in re.findall(r"[a-z][\w-]*", what.lower()) if w not in _INPUT_KINDS]
    if not nouns:
        return query
    noun = "|".join(map(re.escape, nouns))
    named = re.compile(
        r"(?:\b(?:the|this|that|each|a|an|their|its)\s+)?(?:given\s+)?(?:"
        + noun
        + r")(?:['’]s)?(?:\s+(?:name|id))?\b",
        re.I,
    )
    said = named.search(query)
    if (
        said is None
        and found is not None
        and (found.group("what3") or found.group("what2"))
        and "{" not in query
    ):
        # 'a workflow I call with a film title: it searches the web for reviews and box-office news', 'it receives a
        # book title, searches Google for reviews': what it is called with is what the search is about
        return "{start} " + query
    if said is None:
        return query
    if not query[: said.start()].strip() and not query[said.end() :].strip():
        return "{start}"
    if not re.match(r"(?:the|this|that|each|their|its)\b", said.group(0), re.I):
        return query  # ('prices' in 'product prices': a word of the query, not the thing given)
    return query[: said.start()] + "{start}" + query[said.end() :]


# 'Sensors post readings to https://…', 'our weather station publishes its data at https://…': something else sends its
# data to an address (a subject that is not the run's, a verb of sending, the address after it)
_POSTED_BY_OTHERS = re.compile(
    # ('The controller in the sheds at our shrimp farm posts its readings to …': where the thing is, said with it)
    r"^\W*(?:(?:the|our|my|their|all|each|every|its)\s+)?(?:[\w-]+\s+){0,8}?"
    r"(?!(?:bot|workflow|flow|agent|automation|it|sim|system|i|we|you|then|and|also|please|just)\b)[a-z][\w-]*\s+"
    r"(?P<verb>post|posts|send|sends|push|pushes|publish|publishes|upload|uploads|write|writes|report|reports|"
    r"stream|streams|dump|dumps)\s+(?P<what>(?:[\w'’-]+\s+){0,4}?)(?P<prep>to|at|on|into)\s+(?=https?://)",
    re.I,
)
# the run told to read the address said before ('Check it every 30 min', 'poll that endpoint', 'read the feed')
_READ_IT = re.compile(
    r"\b(?:check|poll|read|fetch|pull|query|look\s+at|get|grab|watch|monitor)\s+(?:it|that|them|there|(?:the|that|this)\s+"
    r"(?:endpoint|url|address|feed|api|page|readings|data|numbers|values))\b",
    re.I,
)


def _posted_there_by_others(clause: str, description: str) -> str:
    """'Sensors post readings to https://… | Check it every 30 min': the address others send their data to, which the
    run is told to check — the run reads it ('fetch readings from https://…'), it sends nothing there."""
    told = _POSTED_BY_OTHERS.match(clause)
    if told is None or ACTION_START.match(clause.lstrip(" -*•\t")) or not _READ_IT.search(description):
        return clause
    return "fetch " + (told.group("what") or "the data ") + "from " + clause[told.end() :]


def _read_clause(clause: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step]:
    lead = re.match(r"^\W*?(?:->|→|=>)\s*(?=\S)", clause)
    # '-> look up the customer in hubspot …': a verb after the arrow says itself what is done
    if (
        lead
        and not re.match(r"(?:" + _READ + "|" + _WRITE + r")\b", clause[lead.end() :], re.I)
        # ('-> let the ai figure out if it's a lead …': a step handed to the AI)
        and not re.match(_HANDED_TO_AI, clause[lead.end() :], re.I)
        # ('→ use AI to compare the prices it finds →', '→ summarise them'): an AI step or a verb of processing
        and not re.match(
            r"use\s+(?:the\s+|an?\s+)?(?:ai|a\.i\.|model|llm|gpt[\w.-]*|chatgpt|claude)\b",
            clause[lead.end() :],
            re.I,
        )
        and not re.match(
            # (not 'classify: a / b -> …', whose arrows are its routes)
            r"(?:summari[sz]e|translate|extract|draft|analy[sz]e|review|compare)\b",
            clause[lead.end() :],
            re.I,
        )
    ):  # 'new GitHub issue -> discord #bugs' with the trigger blanked out: the event goes there
        clause = "send it to " + clause[lead.end() :]
    clause = _commented_where(clause, description)
    from lib.generation.services import external_in

    labelled = _LABEL_LEAD.match(clause)
    if (
        labelled
        and not ACTION_START.search(labelled.group(1))
        # 'Slack: post …', 'eventbrite: every day …': a service named before the colon is where it happens
        and not lx.integrations_in(labelled.group(1))
        and not external_in(labelled.group(1))
        and ACTION_START.match(clause, labelled.end())
    ):
        # 'a bot: email our on-call engineer', 'Its job: text the driver': the name of the one who does it, then
        # what it does (read as if the verb opened the clause)
        clause = clause[labelled.end() :]
    clause = _doer_dropped(clause)  # 'the bot posts a celebration in #wins': the bot's act, said as an order
    clause = _posted_there_by_others(clause, description)
    low = clause.lower()
    started = _STARTED_BY.match(low)
    if started and not ACTION_START.search(low, started.end()):
        return []  # '- Trigger: a Calendly cancellation webhook': what starts the run (the trigger's), no step
    if _MESSAGED_US.search(low) and not ACTION_START.match(low.lstrip(" -*•\t")):
        # 'We fix phone screens and people message us on WhatsApp with photos', 'I … get lots of enquiries on
        # WhatsApp': what others send the user, told (the event's), no message sent
        return []
    found: list[tuple[int, Step]] = []
    said_not = re.search(_NEGATION + r"\b", low)
    if (
        said_not
        and any(k in ruled_out for _, k in lx.integrations_in(clause))
        and not any(k not in ruled_out for _, k in lx.integrations_in(clause))
    ):
        acted = ACTION_START.search(clause)
        if (
            acted is None
            or acted.start() > said_not.start()
            or not re.search(r"\w", clause[: said_not.start()])
        ):
            # "don't post it on Teams at all - just email the summary to …": the step ruled out, then the one taken
            then = re.compile(r"\s*[:—–]\s*(?=\S)|\s+-\s+(?=\S)").search(clause, said_not.end())
            rest = _TAKEN_INSTEAD.sub("", clause[then.end() :]) if then else ""
            if then and ACTION_START.match(rest):
                return read_clause(rest, description, ruled_out)
            return []
        # 'post a digest to #ops, not to Discord': the step is said before what it is not
        clause = re.sub(r"[\s,;:–—-]*(?:but\s+|and\s+)?$", "", clause[: said_not.start()])
        low = clause.lower()
    if re.match(r"^\W*(?:(?:otherwise|else|and|but|then)\s*,?\s+)?(?:no|nothing)\s+(?!need\b|later\b)", low):
        return []  # '…; otherwise no Slack post', 'No SMS reminders.': what is not done, no step
    if _ITEM_ONLY.match(clause):
        return []  # 'for anyone who hasn't opened an email in 90 days': which items, told by what they did
    if _NO_STEP.match(clause):
        return []  # '…; otherwise no Slack post', 'else no email': the step not taken, named by its noun
    if _HANDS_OFF_CLAUSE.match(clause) or _SIGNED_IN.match(clause):
        return []  # 'change nothing in Asana', 'Jira stays read-only', 'I log into Gmail': no step
    if _NO_STEP.match(clause):
        return []  # '(otherwise) no Slack post', 'no email is sent': the side of a test that does nothing
    intro = _WRITING_FOR.match(clause)
    if (
        intro
    ):  # 'I write for our logistics company in Poznan[: …]': who is asking is no step, what follows may be
        after = clause[intro.end() :]
        return read_clause(after, description, ruled_out) if re.search(r"\w", after) else []
    # (a test kept back, 'unless …', 'only if …' — not 'read-only')
    if _NEGATED_STEP.match(clause) and not re.search(
        r"\b(?:unless|except|(?<!-)only|if|until|instead)\b", low
    ):
        said = re.search(r"\s*[:—–]\s*(?=\S)|\s+-\s+(?=\S)", clause)
        rest = _TAKEN_INSTEAD.sub("", clause[said.end() :]) if said else ""
        if said and ACTION_START.match(rest):
            # "don't refund automatically: post it in #returns-review": the step not taken, then the one taken
            # ("don't post it on Teams at all - just email the summary to …")
            return read_clause(rest, description, ruled_out)
        return []  # "Don't reply to the sender", "I don't email them", 'no need to tell Slack': a step not taken
    named_engine = lx.named_search_engine(clause)
    engine = lx.search_engine(clause)
    url = lx.URL_RE.search(_unlinked(clause)) or re.search(
        r"\b(?:at|from|on|via)\s+" + _BARE_HOST.pattern, clause, re.I
    )  # 'look up the postcode at api.postcodes.io': an address without its scheme
    if url and not named_engine:
        engine = None  # 'look up the prices from https://…' fetches that URL; it is not a web search
    if (
        engine
        and not named_engine
        and re.search(
            r"\b(?:in|from)\s+(?:the\s+|that\s+|this\s+)?(?:incoming\s+)?(?:event|payload|webhook|request|submission)\b",
            low,
        )
    ):
        engine = None  # 'look up the customer's email in the event': a field of what the run was given
    if engine and not named_engine and _looked_up_in(low, clause):
        engine = None  # 'look up the room in the Supabase 'rooms' table': that table is read, not the web
    place = re.search(
        r"\b(?:in|from)\s+(?:the\s+|our\s+|my\s+)?(?:'[^'\n]{1,40}'|\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”)\s+("
        + "|".join(lexicon()["table_nouns"])
        + r")s?\b",
        low,
    )
    if engine and not named_engine and place:
        # 'look up each guide's number in the 'Guides' tab': a place of the user's, read in the table service the
        # description names for it, not a web search
        engine = None
        if not lx.integrations_in(clause):
            held = next(
                (
                    k
                    for _, k in lx.integrations_in(description)
                    if k in lexicon()["table_nouns"][place.group(1)]
                    and "read" in lexicon()["integrations"][k]
                ),
                None,
            )
            if held and not ruled(ruled_out, held, "read"):
                found.append((place.start(), _integration_step(held, clause, description, write=False)))
    # a search service the user names is used even without a search verb ('look the person up with Exa')
    if (
        engine
        and not named_engine
        and any(
            lexicon()["integrations"][k].get("read", {}).get("query") for _, k in lx.integrations_in(clause)
        )
    ):
        engine = None  # 'check the Linkup search for …': the named service searches, not a default engine
    if (
        engine
        and not named_engine
        and any(lx.phrase_at(low, w) >= 0 for w in lexicon()["search"]["_scrapers"])
    ):
        engine = (
            None  # 'look up their company website with Firecrawl': that reader reads the page, no web search
        )
    if engine and (
        named_engine
        # ('read the news of our sector from internet', 'take the articles about X from the internet': the web)
        # ('get the wind forecast for Segovia from the web')
        or re.search(
            r"\b(search(?:es|ing)?|finds?|looks? up|research(?:es)?|news|google|internet|web)\b", low
        )
    ):
        entry = lexicon()["search"][engine]
        values = dict(entry["values"])
        values[entry["query"]] = _given_input_in(_with_topic(_search_query(clause), description), description)
        site = _SEARCHED_SITE.search(clause)
        if site:  # 'search pv-magazine.com for news about tariffs': that site's pages only, not a fetch of it
            values[entry["query"]] = f"site:{site.group(1).lower()} {values[entry['query']]}"
        search = Step("source", entry["type"], values, label="Search", text=clause, integration=engine)
        search.query = entry["query"]
        found.append((0, search))
        # 'from Exa and Perplexity results': each service named beside it searches the same topic
        for other in lx.joined_search_engines(clause):
            if other == engine or ruled(ruled_out, other, "read"):
                continue
            also = lexicon()["search"][other]
            more = Step(
                "source", also["type"], dict(also["values"]), label="Search", text=clause, integration=other
            )
            more.values[also["query"]], more.query = values[entry["query"]], also["query"]
            found.append((0, more))
    else:
        site = None
    # 'research https://rival.com with Tavily': the URL is what to research, not an endpoint to call
    researched = site or (
        named_engine and url and not re.search(r"\b(fetch|call|request|get|post|download)\b", low)
    )
    # 'scrape https://… with Firecrawl': a named block that takes a URL reads it, not a plain HTTP request
    bare = None if url else _BARE_HOST.search(clause)
    # ('scrape the repair prices from fixitfast.example/prices': the host and its path, with the scheme it leaves out)
    endpoint = (url.group(0) if url.re is lx.URL_RE else "https://" + url.group(1)) if url else None
    if bare and re.search(rf"\b(?:{_FETCH_VERB})\b", clause[: bare.start()], re.I):
        endpoint = "https://" + bare.group(1)  # 'scrape the pricing page of competitor.com'
    url_block = endpoint and next((k for _, k in lx.integrations_in(clause) if _takes_url(k)), None)
    api = None if researched or url_block else _api_step(_unlinked(clause), description)
    if api:
        found.append((1, api))
        # 'get the price lists from a.com, b.co.uk and c.co.uk': each site listed is read, one request each
        if api.kind == "source" and api.values.get("method") == "GET" and "headers" not in api.values:
            found += [
                (1, Step("source", "api", {"url": u, "method": "GET"}, label="API", text=clause))
                for u in _listed_sites(clause, api.values.get("url", ""))
            ]
    # '(email column in the sheet)', '(owner email is a property on the page)': an aside saying where a value is kept
    kept_in = [m.span() for m in _KEPT_IN_ASIDE.finditer(clause)]
    for pos, key in lx.integrations_in(clause):
        # 'email the vendor … It has to come from our Outlook account, not from anyone's personal Gmail': the e-mail
        # goes through the mail service said for every e-mail (_integration_step), and only its ban counts
        sent_by = (
            "outlook"
            if key == "gmail"
            and _is_write(clause, key)
            and lx.phrase_at(clause.lower(), "gmail") < 0
            and _MAIL_SERVICE.search(description)
            else key
        )
        # ('save it to Gmail drafts …; never email the customer directly': a draft sends nothing, so a ban on sending
        # leaves it)
        if key == "gmail" and _mail_only_as_field(clause):
            continue  # "a new page … with their name, company, email and the meeting time": a field, no e-mail
        as_draft = key in ("gmail", "outlook") and bool(re.search(r"\bdrafts?\b", clause, re.I))
        if (
            ruled(ruled_out, sent_by, "write" if _is_write(clause, key) else "read")
            and not (as_draft and not ruled(ruled_out, sent_by, "draft"))
            or (engine and key in ("gmail",) and not _is_write(clause, key))
        ):
            continue
        if (
            key == "outlook"
            and not _is_write(clause, key)
            and _MAIL_SERVICE.search(clause)
            and not re.search(r"\b(?:" + _READ + r")\b", clause, re.I)
        ):
            continue  # 'It has to come from our Outlook account': the service the e-mails go out from, no read
        arrives = lx.EMAIL_RE.search(clause)
        arrival = (
            re.search(lexicon()["arrival_address"], clause[: arrives.start()], re.I)
            if key in ("gmail", "outlook") and arrives
            else None
        )
        if arrival and arrives and (arrives.end() <= pos or arrival.start() <= pos < arrival.end()):
            # 'Clients send briefs to briefs@x.agency (Outlook)', 'Citizens email permits@x.gov (Gmail)' (the verb
            # theirs): the inbox where mail arrives, no e-mail sent
            continue
        if any(a <= pos < b for a, b in kept_in) and any(k != key for _, k in lx.integrations_in(clause)):
            continue  # 'email the patient (email column in the sheet) …': the sheet holds the address, no step
        if (
            api is not None and api.integration == key
        ):  # 'the GitHub API' is an HTTP call, not the GitHub block
            continue
        if key == "gmail" and any(k in ("outlook",) for _, k in lx.integrations_in(clause)):
            continue
        if key == "gmail" and _mail_service_named(clause):
            continue  # 'email the member a reminder via SendGrid': sent through that service's API
        if key == "gmail" and (_email_as_noun(clause) or _keyed_email(clause, description)):
            continue  # 'create a person with the sender's name and email': a field, not an e-mail to send
        if key == "gmail" and api is not None and api.kind == "source" and not _is_write(clause, key):
            continue  # 'find the work email with the Hunter.io API (api.hunter.io)': what the API finds, no inbox
        if key == "twilio_sms" and (
            not re.search(r"\b(sms|text message)\b", low)
            and any(k in ("telegram", "whatsapp", "slack", "discord") for _, k in lx.integrations_in(clause))
        ):
            continue
        holds = _folder_of(lexicon()["integrations"][key]["type"])
        if (
            any(k in holds and at < pos for at, k in lx.integrations_in(clause))
            # (the folder right after the document it holds: 'a new Google Doc in our shared Drive folder'; not 'the
            # Expenses Google Sheet into a CSV file in our Drive', where the sheet is read and a file uploaded)
            and re.search(
                r"\b(?:g?docs?|g?sheets?|spreadsheets?)(?:\s+'[^'\n]{1,40}'|\s+\"[^\"\n]{1,40}\")?\s+"
                r"(?:in|into|inside|under|within)\s+(?:the\s+|our\s+|my\s+|a\s+)?(?:shared\s+)?$",
                re.sub(r"\S+$", "", low[:pos]),
            )
            and _is_write(clause, key)
        ):
            continue  # 'save it as a new Google Doc in our shared Drive folder': the Doc's folder, no upload of its own
        if _mentioned_as_noun(key, clause):
            continue
        step = _integration_step(key, clause, description)
        if endpoint and url_block == key:
            step.values["url"] = endpoint
        if step.kind == "source" and (api or engine) and "read" not in lexicon()["integrations"][key]:
            continue
        found.append((pos + 2, step))
        if endpoint and url_block == key and step.kind == "source":
            # 'scrape acme.com, globex.io and initech.co.uk with Firecrawl': each site listed, read by that block
            found += [
                (
                    pos + 2,
                    Step(
                        step.kind,
                        step.type,
                        {**step.values, "url": u},
                        label=step.label,
                        text=clause,
                        integration=step.integration,
                    ),
                )
                for u in _listed_sites(clause, endpoint)
            ]
    reply = re.search(
        r"\b(?:reply|respond|write back|answer)\s+to\s+(?:"
        # ('reply to that sender'; not 'draft a reply to this customer complaint': the message, one given)
        r"(?:that|this)\s+(?:same\s+)?(\w+)(?!\s+(?:complaint|e-?mail|message|question|request|review|ticket|enquiry|inquiry|"
        r"comment|post|feedback|letter|note|mail)s?\b)|(?!(?:that|this)\s)(?:the\s+|each\s+|every\s+|our\s+)?(\w+))"
        # ('… it answers them back using AI'): the person is the verb's object ('answer them from the Handbook' in a
        # chat is the chat's own answer)
        r"|\b(?:answers?|replies|responds|writes?)\s+(them|him|her)\s+back\b"
        # ('answer the sender with the prices from the sheet': the person the verb's object; not 'answer the employee'
        # in a chat: the chat's own answer)
        r"|\b(?:answer|reply)\s+(?:the|that|this)\s+(sender)\b",
        low,
    )
    answered = next((g for g in reply.groups() if g), "") if reply else ""
    if (
        reply
        # ('reply to whoever sent it', 'respond to whoever asked': the one who wrote)
        and (
            answered in lexicon()["people"] + ["sender", "them", "him", "her", "whoever", "whomever"]
            # ('… look for emails with 'performer application' in the subject …. Then I reply to each one': each
            # message read, answered to whoever sent it)
            or answered == "one"
            and re.search(r"\b(?:each|every|the)\s+one$", reply.group(0)) is not None
            # (only mail read: 'fetch new reviews from Trustpilot … draft a reply to each one' answers no sender)
            and re.search(r"\b(?:e-?mails?|gmail|outlook|inbox|mailbox)\b", description, re.I) is not None
            # ('When someone messages our Telegram bot …, reply to that same chat with the status': the chat the
            # message came from, on the service it was written on)
            or answered in ("chat", "conversation")
            and _chat_source(description) is not None
        )
        and not any(s.kind == "action" for _, s in found)
        and not ruled(ruled_out, "gmail", "write")
    ):  # 'reply to the customer that we got it': an e-mail back to them — or over the chat they wrote from
        chat = _chat_source(description)
        step = _integration_step(chat or "gmail", clause, description, write=True)
        if chat is None:  # a chat reply goes to the chat the message came from (its own field), no address
            step.values["to"], step.recipient = (
                "{recipient}",
                "sender" if answered in ("them", "him", "her", "whoever", "whomever", "one") else answered,
            )
        found.append((reply.start() + 2, step))
    from lib.generation.services import external as services_without_block
    from lib.generation.services import external_in, unnamed_in

    # 'email them a link to book a call calendly.com/acme/intro': a service named only in a link a message carries
    # is not called
    # 'no wait, we moved to Square': which service the user has, no step of its own
    scanned = re.sub(_SWITCHED_TO, lambda m: " " * len(m.group(0)), _unlinked(clause), flags=re.I)
    scanned = re.sub(_ON_THE_EVENT, lambda m: " " * len(m.group(0)), scanned, flags=re.I)
    scanned = re.sub(_ITEMS_KEPT, lambda m: " " * len(m.group(0)), scanned, flags=re.I)
    scanned = re.sub(_QUOTED_PLACE_NAME, lambda m: " " * len(m.group(0)), scanned, flags=re.I)
    for pos, key in external_in(scanned):
        if not any(s.integration == key for _, s in found) and not ruled(ruled_out, key, "read"):
            made = _external_step(key, clause, description)
            if made.kind == "action" and (
                re.match(r"\W*" + _NEGATION, low) or ruled(ruled_out, key, "write")
            ):
                continue  # "Don't cancel, refund or void anything in Stripe": a change ruled out, not made
            found.append((pos + 2, made))
    if not any(s.type == "api" for _, s in found):
        # 'from our Mindbody account', 'check Skubana for …': a service with no data, named where one goes
        for pos, name, how in unnamed_in(clause, description):
            verb = _verb_mode(clause[:pos])
            if (
                how == "api"
                or (
                    # read from it ('pull … from Clockify'), or made in it ('create a contact in Brevo'), or what
                    # the verb before it does ('look up each parcel in Sendle', 'trigger an Opsgenie alert')
                    re.search(r"\b(?:" + _READ + r")\b", clause[:pos], re.I)
                    # '… the number of no-shows, taken from our Cliniko account': data said to come from it
                    or how == "from"
                    and re.search(
                        r"\b(?:taken|pulled|fetched|exported|coming|read)\s+from\s+(?:our\s+|my\s+|the\s+)?$",
                        clause[:pos],
                        re.I,
                    )
                    if how in ("from", "via", "through", "check")
                    else re.match(r"^\W*(?:(?:also|then|and|but|only)\s+)*(?:" + _WRITE + r")\b", low)
                    or verb
                    # 'Weekdays at 16:00 check our Mercury balance': a reading verb anywhere before what it keeps
                    or how == "of"
                    and re.search(r"\b(?:" + _READ + r")\b", clause[:pos], re.I)
                )
            ):
                found.append((pos + 2, _unnamed_step(name, how, clause, verb)))
                break
    named_service = [
        s
        for _, s in found
        if s is not api and s.kind == "source" and s.integration in services_without_block()
    ]
    if (
        api is not None
        and named_service
        and (api.integration in lexicon()["apis"] or "url" not in api.values)
    ):
        # 'the weather from OpenWeatherMap', 'from the Binance API': that service's own endpoint
        found = [(p, s) for p, s in found if s is not api]
    if api is not None:
        host = urlsplit(api.values.get("url", "")).hostname or ""
        if any(
            s is not api
            and s.integration in services_without_block()
            and (not host or _domain(urlsplit(s.values.get("url", "")).hostname or "") == _domain(host))
            for _, s in found
        ):  # 'create a Zendesk ticket through https://acme.zendesk.com/…': that service's call, made once
            found = [(p, s) for p, s in found if s is not api]
    # 'Every supplier invoice lands in invoices@x.com (Gmail)', 'look for emails from orders@x.com', 'triage the
    # shared inbox info@x.studio': where the mail arrives, whom it comes from, the mailbox worked on — no recipient
    # (the first address that is none of these is)
    address = next(
        (
            m
            for m in lx.EMAIL_RE.finditer(clause)
            if not re.search(lexicon()["arrival_address"], clause[: m.start()], re.I)
            and not re.search(lexicon()["sender_address"], clause[: m.start()], re.I)
            and not re.search(lexicon()["mailbox_address"], clause[: m.start()], re.I)
        ),
        None,
    )
    if (
        address
        and not any(s.integration in ("gmail", "outlook") for _, s in found)
        and not ruled(ruled_out, "gmail", "write")
    ):
        # ('draft an email to wren@…': the draft it asks for, not a send)
        drafted = re.search(r"\bdrafts?\b", clause, re.I) and not re.search(
            r"\bdrafts?\b[^.;]{0,30}\bsent\b", clause, re.I
        )
        step = _integration_step(
            "gmail",
            ("draft an email to " if drafted else "email ") + ", ".join(listed_addresses(clause, address)),
            description,
        )
        found.append((address.start() + 2, step))
    texted = (
        re.search(  # ('please text …', 'could you also text …?': a request's polite voice)
            r"(?:^|\band\s+|\balso\s+|\bthen\s+|\bplease\s+|\bjust\s+|\b(?:could|can|would|will|should|must)\s+"
            r"(?:you\s+|it\s+|we\s+)?(?:also\s+|please\s+|then\s+|just\s+)?|"
            # ('I want to text everyone on shift', 'we need it to text the driver': a wish says the send)
            r"\b(?:want|wants|need|needs|like|love|have|has)\s+(?:it\s+|you\s+|sim\s+|this\s+)?to\s+(?:also\s+)?|"
            # ('can u make it text evry1 on the sheet', 'have it text the driver', 'set it up to text everyone', 'so it
            # texts the guest': what the request makes the workflow do)
            r"\b(?:make|makes|have|has|let|get|gets)\s+(?:it|sim|this|that|the\s+(?:bot|workflow|system|automation))\s+"
            r"(?:to\s+)?(?:also\s+)?|\bset\s+(?:it|this|that)\s+up\s+(?:to|so\s+(?:that\s+)?it)\s+(?:also\s+)?|"
            r"\bso\s+(?:that\s+)?it\s+(?:also\s+|will\s+|can\s+)?)texts?\s+"
            r"(?:me|us|him|her|them|the|each|every|our|my|whoever|everyone|anyone|\+?\d|"
            # ('text Dr Okafor on +44 7700 900123', 'text Marco at 07700 …': a person named with the number)
            r"(?:[a-z][\w.'-]*\s+){1,3}(?:on|at)\s+\+?\d)",
            low,
        )
        or re.search(
            # ('… after youve emailed it text it to me too at +1 …', 'text them to +44 …': a text of what was made, sent
            # on; the verb with its object and 'to' needs no lead word)
            r"(?<![\w-])texts?\s+(?:it|them|this|that|these|those)\s+(?:over\s+)?to\s+(?:me|us|him|her|them|the|our|my|\+?\d)",
            low,
        )
        or re.search(_CONTACT_BY + r"(?:text|sms)\b", low)
    )
    if (
        texted
        # an action before it is another one ('add it to the table and text the patient'); one after it is its own
        and not any(s.type == "twilio_sms" or (s.kind == "action" and p > texted.start()) for p, s in found)
        and not any(k in _CHAT_SERVICES for _, k in lx.integrations_in(clause[texted.start() :]))
        and not ruled(ruled_out, "twilio_sms", "write")
    ):  # 'text every client a reminder', 'text our head baker on +44…': an SMS
        found.append((texted.start() + 2, _integration_step("twilio_sms", clause, description, write=True)))
    dmed = re.search(
        r"(?:^|\band\s+|\balso\s+|\bthen\s+)(?:slack|dm)s?\s+(?:him|her|them|the|each|every|whoever|that|this)\b",
        low,
    )
    named = [k for _, k in lx.integrations_in(description) if k in ("slack", "discord", "microsoft_teams")]
    on = "slack" if dmed and dmed.group(0).strip().startswith("slack") else (named[0] if named else None)
    if (
        dmed
        and on
        and not any(s.type == on or (s.kind == "action" and p > dmed.start()) for p, s in found)
        and not ruled(ruled_out, on, "write")
    ):  # 'slack each assignee a nudge', 'DM them the handbook' (on the chat the description names): a message
        found.append((dmed.start() + 2, _integration_step(on, clause, description, write=True)))
    answered = re.search(r"\b(?:reply|replies|respond|answer)\b", low)
    if answered and (_answers_noun(low, answered.start()) or _told_reply(low, answered.start())):
        answered = None  # 'which ones still need an answer': what the items lack, no reply to send
    # 'anything else, reply by email', 'respond via e-mail with our hours': the reply goes back to its sender by mail,
    # whatever chat another step posts to
    by_mail = (
        re.search(
            r"\b(?:reply|replies|respond|responds|answer|answers)\s+(?:back\s+)?(?:by|via|per|over|through)\s+"
            r"(?:an?\s+)?(?:e-?mail|mail)\b(?!\s+to\b)",
            low,
        )
        if answered and not any(s.kind == "action" for _, s in found) and not reply
        else None
    )
    mailer = next((k for _, k in lx.integrations_in(description) if k in ("gmail", "outlook")), "gmail")
    if by_mail is not None and not ruled(ruled_out, mailer, "write"):
        step = _integration_step(mailer, clause, description, write=True)
        step.values["to"], step.recipient = "{recipient}", "sender"
        found.append((by_mail.start() + 2, step))
    elif answered and not any(s.kind == "action" for _, s in found) and not reply:
        # 'reply in the same channel', 'reply there with …': back on the chat service the event came from
        chats = [
            k
            for _, k in lx.integrations_in(description)
            if k in ("slack", "telegram", "discord", "microsoft_teams", "whatsapp")
            and not ruled(ruled_out, k, "write")
        ]
        if (
            chats
            and _sent_to_person(low)
            and not _chat_source(description)
            and not any(k in _CHAT_SERVICES for _, k in lx.integrations_in(clause))
            and not re.search(r"(?:thread|channel|chat|there)", low)
        ):  # 'post it in #returns, and send the customer an auto-reply': to a person who wrote from no chat (an
            # e-mail, below), not on the chat another step posts to
            chats = []
        if chats and _replied_next(clause, description):
            chats = []  # 'have AI answer using them, and reply to the sender in Telegram': the reply sends it
        if chats:
            found.append((answered.start() + 2, _integration_step(chats[0], clause, description, write=True)))
        elif (
            # the verb with what it answers with ('reply with the status'; not 'drafting replies', 'a reply')
            # (said as what is asked: 'and reply with …', 'I … reply with …'; not 'draft a polite reply with AI')
            re.search(
                r"(?:^|[,;:]\s*|\b(?:and|then|also|just|please|to|i|we|auto|automatically)\s+|\bauto-)"
                r"(?:reply|replies|respond|responds)\s+(?:back\s+)?(?:with|saying)\b"
                r"(?!\s+(?:the\s+|an?\s+)?(?:ai|llm|gpt|claude|agent|model)\b)",
                low,
            )
            and re.search(r"\b(?:e-?mails?|gmail|outlook|inbox)\b", description, re.I)
            and not ruled(ruled_out, "gmail", "write")
        ):  # 'a customer emails orders@…, I look their order up and reply with the status': an e-mail back to them
            step = _integration_step("gmail", clause, description, write=True)
            step.values["to"], step.recipient = "{recipient}", "sender"
            found.append((answered.start() + 2, step))
    channel = lx.CHANNEL_RE.search(clause)
    if channel is not None and not any(s.integration for _, s in found) and _channel_read(low):
        # 'summarise everything in #incidents': the channel is read (Slack, unless another chat is named)
        chat = next(
            (k for _, k in lx.integrations_in(description) if k in ("discord", "microsoft_teams")), "slack"
        )
        if not ruled(ruled_out, chat, "read"):
            found.append((channel.start(), _integration_step(chat, clause, description, write=False)))
    if not any(s.integration for _, s in found):
        implied = (
            _implied_destination(clause, description, ruled_out)
            or _message_to_person(clause, description, ruled_out)
            # ('find the work email with the Hunter.io API (api.hunter.io)': the request reads it, no other service)
            or (
                _implied_source(clause, description, ruled_out)
                if not any(s.type == "api" and s.kind == "source" for _, s in found)
                else None
            )
        )
        if implied:
            found.append((len(clause), implied))
    elif (
        not any(s.kind == "action" for _, s in found)
        and re.match(
            r"\W*(?:and\s+|then\s+|also\s+)?send\s+(?:me|us)\b(?!\s+an?\s+(?:webhook|request|call|ping)\b)",
            low,
        )
        and not any(k in _CHAT_SERVICES for _, k in lx.integrations_in(clause))
        and lx.EMAIL_RE.search(description) is None  # an address written elsewhere makes the e-mail there
    ):  # 'send me a recap of the Linear issues …': what the service holds, sent to me on no channel named
        told = _message_to_person(clause, description, ruled_out)
        if told is not None:
            found.append((len(clause), told))
    elif (
        not any(s.kind == "action" for _, s in found)
        and channel is not None
        and not any(channel.group(0) in str(s.values) for _, s in found)  # not the channel a source reads
        # ('summarise the Discord messages in #general': the channel whose messages are read)
        and not any(s.kind == "source" and _messages_worked_on(low, s.integration) for _, s in found)
        and re.search(
            r"\b(?:"
            + _WRITE
            + r")\b(?<!ed)(?:(?!\band\b)[^,;#])*?\b(?:to|in|into)\s+(?:the\s+|our\s+|my\s+)?#",
            low,
        )
    ):  # 'share a summary of the Notion tasks in the #standup channel': read there, sent to the channel
        implied = _implied_destination(clause, description, ruled_out)
        if implied is not None and implied.kind == "action":
            found.append((len(clause), implied))
    if (
        channel is not None
        and any(s.kind == "action" for _, s in found)
        and not any(s.integration in _CHAT_SERVICES for _, s in found)
        and re.search(r"\band\s+(?:also\s+)?(?:(?:in|to|into)\s+)?(?:the\s+|our\s+)?#", low)
    ):  # 'post the link to x and in #marketing': a channel is no place on X or in a mailbox, a second destination
        implied = _implied_destination(clause, description, ruled_out)
        if implied is not None and implied.kind == "action":
            found.append((channel.start() + 1, implied))
    for pos, kind in _processing_kinds(clause):
        # "post the summary", "save it as a draft", 'automate the first draft': a noun after a determiner, not a step
        services = "|".join(
            re.escape(p.strip()) for e in lexicon()["integrations"].values() for p in e["phrases"]
        )
        if not re.search(
            r"\b(?:the|a|an|this|that|each|my|our|your|its|their|as|for|of|new|latest|recent|incoming|all|any)\s+"
            r"(?:(?:first|second|third|final|initial|rough|next|last)\s+)?(?:(?:" + services + r")\s+)?$",
            low[:pos],
        ):
            found.append((pos + 1, _process(kind, clause, description)))
    summary = re.search(
        r"\b(?:a|an)\s+(?:short\s+|brief\s+|quick\s+|daily\s+|weekly\s+)?(?:summary|digest|recap|overview)\b",
        low,
    )
    product = re.search(
        r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:leaderboard|report|ranking|briefing|analysis|breakdown|"
        r"description|profile|blurb|reflection|bake list|shopping list|to-?do list|forecast|comparison|scorecard"
        # ('drop a short brief into #sdr-queue': the noun, not the adjective of 'a brief note')
        r"|brief(?=\s+(?:into|to|in|on|of|for|about|with|and)\b|\s*[,.;:!?]|\s*$))\b",
        low,
    ) or re.search(  # 'make for me a short list of what is important': a list the model makes, not the data's
        r"\b(?:" + _PRODUCT_VERB + r")\s+" + _FOR_WHOM + r"(?:a|an)\s+(?:short|brief|quick|small)\s+list\b",
        low,
    )
    if (
        (summary or product)
        and not any(s.kind == "process" for _, s in found)
        and (
            any(s.kind == "action" for _, s in found)
            # 'every Friday a summary of the closed Linear issues, posted to #eng': the summary of what is read,
            # named with no verb of its own, is written before it goes on
            or (
                summary
                and any(s.kind == "source" for _, s in found)
                and not re.search(r"\b(?:" + _WRITE + "|" + _READ + r")\b", low)
            )
            # 'give me a summary', 'return a 3-bullet summary': the run's answer is written by an agent
            or re.search(r"\b(?:give|return|returns|show|hand)\s+(?:me\s+|us\s+|back\s+)?(?:a|an)\b", low)
            # 'make a summary', 'put together a comparison with last week': made by the model
            or re.search(r"\b(?:" + _PRODUCT_VERB + r")\s+" + _FOR_WHOM + r"(?:an?|some)\b", low)
            # 'ask the AI for a summary': the model is told to make it
            or re.search(
                r"\b(?:ask|get)\s+(?:the\s+|an?\s+|our\s+)?(?:"
                + "|".join(_DOERS)
                + r")\s+for\s+(?:an?|some)\b",
                low,
            )
        )
    ):
        # 'email me a summary', 'post a leaderboard of who closed the most': something to write first
        kind = "summarise" if summary else "aggregate"
        at = (summary or product).start()  # type: ignore[union-attr]
        found.append((at + 1, _process(kind, clause, description)))
    named_model = lx.model_in(clause)
    if (
        named_model
        and not any(s.kind == "process" or s.type in ("agent", "perplexity") for _, s in found)
        and not (api and api.integration == "openai")
    ):
        # 'generate it with GPT-4o': naming a model asks for a model step; 'ask Claude which ones still need an
        # answer': a question put to it, answered from the input (not a text drafted to send)
        asked = re.search(r"\bask\s+(?:[\w.-]+\s+){1,2}?(?:which|whether|what|who|how|if)\b", low)
        found.append(
            (
                low.find(named_model.split("-")[0][:3]) + 1,
                _process("aggregate" if asked else "draft", clause, description),
            )
        )
    topic = re.search(
        r"\b(?:about|mentioning|regarding|that mention)\s+([^,;]+?)(?:\s+(?:and|then|in the last|from|on)\b|$)",
        clause,
        re.I,
    )
    sources = [
        s
        for _, s in found
        if s.kind == "source"
        and s.integration in lexicon()["integrations"]
        and not lexicon()["integrations"][s.integration].get("read", {}).get("query")
        and s.keep is None
    ]
    if (
        topic
        and sources
        and not lx.is_filler(topic.group(1))
        and not any(s.kind == "process" for _, s in found)
    ):
        # 'posts about Okta outages' from a source that cannot search: keep only the matching items
        values = {
            "systemPrompt": f"You keep only the items in the input that are about {topic.group(1).strip()} "
            "and answer with them as a JSON list.",
            "userPrompt": "{prev}",
            "model": lexicon()["default_model"],
            "temperature": "0",
            "apiKey": lx.api_key_for(lexicon()["default_model"]),
        }
        found.append((topic.start() + 1, Step("process", "agent", values, label="Filter", text=clause)))
    told = (
        _told_address(clause, description)
        if not any(s.kind == "source" or s.type == "api" for _, s in found)
        else None
    )
    if told is not None:
        found.append((0, told))
        found += [(0, site) for site in _told_sites(clause, description, told)]
    model = next((s for _, s in found if s.kind == "process" and s.type == "agent"), None)
    if model is not None and model.label == "Extract" and any(s.type == "mistral_parse" for _, s in found):
        # 'extract the text with Mistral OCR': the parser extracts it, no model step besides
        found = [(at, s) for at, s in found if s is not model]
        model = None
    seeing = next((s for _, s in found if s.type == "vision"), None)
    if (
        seeing is None
        and model is not None
        and _looks_at_image(clause, description)
        and not ruled(ruled_out, "vision", "read")
    ):
        # 'have AI look at the photo and guess the species', '… sends a photo to our Telegram bot … AI identifies the
        # plant': the model's work is on an image — a vision model sees it, an agent would read only its text
        seeing = Step("process", "vision", dict(_vision_values()), label="Vision", text=clause)
        found.append((0, seeing))
    if seeing is not None and model is not None:
        # 'read the receipt (merchant, date, total) with a vision model': the vision model does what the clause
        # asks, on the image it is given (an agent before it would read no image)
        seeing.values["prompt"] = model.values["systemPrompt"]
        seeing.values["imageUrl"] = "{prev}"
        found = [(at, s) for at, s in found if s is not model]
    found.sort(
        key=lambda item: (0 if item[1].kind == "source" else 1 if item[1].kind == "process" else 2, item[0])
    )
    return [s for _, s in found]


# an image, said as the thing looked at ('the photo', 'pictures', 'a screenshot'), and the verbs that look
_IMAGE_NOUN = r"(?:photo|picture|pic|image|snap|snapshot|screenshot|selfie|scan)s?"
_IMAGE_SAID = re.compile(
    r"\b(?:the|this|that|each|every|a|an|their|its|his|her)\s+(?:[\w-]+\s+)?" + _IMAGE_NOUN + r"\b", re.I
)
_SEES = re.compile(
    r"\b(?:look(?:s|ing)?\s+at|identif(?:y|ies|ying)|recogni[sz](?:e|es|ing)|describ(?:e|es|ing)|guess(?:es|ing)?|"
    r"spot(?:s|ting)?|examin(?:e|es|ing)|inspect(?:s|ing)?|tell(?:s|ing)?\s+what|work(?:s|ing)?\s+out\s+what|"
    r"figur(?:e|es|ing)\s+out\s+what|read(?:s|ing)?\s+the)\b",
    re.I,
)
# the event brings an image: 'a volunteer sends a photo of a bird to our Telegram bot', 'customers upload pictures'
_IMAGE_SENT = re.compile(
    r"\b(?:sends?|sent|sending|uploads?|uploaded|posts?|posted|shares?|shared|drops?|texts?|messages?)\s+"
    r"(?:us\s+|me\s+|in\s+)?(?:an?\s+|the\s+|their\s+|some\s+)?(?:[\w-]+\s+)?" + _IMAGE_NOUN + r"\b",
    re.I,
)


def _looks_at_image(clause: str, description: str) -> bool:
    """Whether the AI work of `clause` is done on an image: it names one it looks at, or it looks at what the run got
    ('look at it') and the description's event brings an image."""
    if not _SEES.search(clause):
        return False
    return bool(_IMAGE_SAID.search(clause) or _IMAGE_SENT.search(description))


def as_vision(model: Step, said: str, description: str) -> Step | None:
    """'look at each photo, write a description': a model's work, said where the image it works on is looked at
    (`said`), as a vision step keeping its instructions; None when it is no agent's or no image is looked at."""
    if model.kind != "process" or model.type != "agent" or not _looks_at_image(said, description):
        return None
    seeing = Step("process", "vision", dict(_vision_values()), label="Vision", text=model.text)
    seeing.values["prompt"] = model.values.get("systemPrompt", "")
    return seeing


def _vision_values() -> dict[str, str]:
    from lib.generation.services import data

    return {"imageUrl": "{prev}", **data()["blocks"]["vision"].get("values", {})}


# an address the description gives for something, with the words naming it before: 'open shipments at GET https://…',
# 'the carrier ETA at GET https://…/{id}'
_TOLD_ADDRESS = re.compile(
    r"(?P<what>(?:[A-Za-z][\w'’-]*\s+){1,6}?)(?:is\s+|are\s+)?(?:at|via|from|on|with)\s+"
    r"(?:(?P<method>GET|POST|PUT|PATCH|DELETE)\s+)?(?P<url>https?://\S+)"
)
# a line that lists addresses under a name: '- Rivals: lumenstack.com/pricing, boltgrid.io/plans'
_TOLD_LIST = re.compile(
    r"^[ \t]*(?:[-*•]\s*)?(?P<what>[A-Za-z][\w'’ -]{1,40}?)\s*:\s*(?P<url>"
    + _HOST_ITEM
    + r")(?P<rest>(?:\s*(?:,|\band\b|&)\s*"
    + _HOST_ITEM
    + r")*)\s*[.;]?\s*$",
    re.I | re.M,
)
_HOST_WORDS_TOLD = frozenset(("api", "www", "app", "com", "io", "co", "net", "org", "dev", "v1", "v2"))


def _told_address(clause: str, description: str) -> Step | None:
    """'1. Pull the open shipments.', 'get the latest ETA from project44' after 'We expose open shipments at GET
    https://tms.…/shipments and the carrier ETA at GET https://api.project44.com/…/{id}': a read that names no
    service of its own reads the address the description gives for what it names (the same noun, or the name in
    the address's host); None when the clause asks for no read or the description gives no such address."""
    low = clause.lower()
    if not re.match(
        r"\W*(?:\d+[.)]\s*)?(?:(?:then|and|also|first)\s+)?(?:" + _READ + r")\b", low
    ) or lx.URL_RE.search(clause):
        return None
    words = {re.sub(r"(?<=[^s])s$", "", w) for w in re.findall(r"[a-z][\w-]{2,}", low)}
    listed = [*_TOLD_ADDRESS.finditer(description), *_TOLD_LIST.finditer(description)]
    for told in listed:
        if told.groupdict().get("method") not in (None, "GET"):
            continue
        url = lx.URL_RE.match(re.sub(r"^(?!https?://)", "https://", told.group("url")))
        if url is None:
            continue
        head = re.findall(r"[a-z][\w-]*", told.group("what").lower())[-1:]
        labels = set(url.group(0).split("/")[2].lower().split(".")) - _HOST_WORDS_TOLD
        named = {re.sub(r"(?<=[^s])s$", "", w) for w in head} | labels
        if not named & words:
            continue
        step = _api_step("GET " + url.group(0), description)
        if step is None or step.kind != "source":
            return None
        step.text = clause
        step.note = f"'{clause.strip()}' reads the address the description gives for it ({url.group(0)})"
        return step
    return None


def _told_sites(clause: str, description: str, told: Step) -> list[Step]:
    """The other addresses of the line that listed the one `told` reads ('Rivals: lumenstack.com/pricing,
    boltgrid.io/plans'): one read each, in the order the line gives them."""
    for line in _TOLD_LIST.finditer(description):
        sites = [
            re.sub(r"^(?!https?://)", "https://", h) for h in re.findall(_HOST_ITEM, line.group(0), re.I)
        ]
        if told.values.get("url") in sites:
            return [
                Step("source", "api", {"url": u, "method": "GET"}, label="API", text=clause)
                for u in sites
                if u != told.values.get("url")
            ]
    return []


# services that carry a message to a person: 'send me … on Telegram' names its channel
_CHAT_SERVICES = (
    "slack",
    "telegram",
    "discord",
    "microsoft_teams",
    "whatsapp",
    "twilio_sms",
    "outlook",
    "gmail",
)
_TO_PERSON = re.compile(
    r"\b(?:remind|tell|notify|alert|warn|ask|thank|message|ping|let|send(?=\s+(?:me|us)\b(?!\s+an?\s+(?:webhook|request|call|ping)\b)))\s+"
    r"(?!(?:the|an?)\s+(?:ai|model|llm|agent|assistant|bot)\b)"
    # ('ping the ground-handling API at https://…': a call to a service, no message to anyone)
    r"(?!(?:the|an?|our|my|their|its)\s+(?:[\w-]+\s+){0,3}?(?:api|endpoint|server|url|website|site|webhook|host|feed)s?\b)"
    r"(?P<who>me|us|them|him|her|the\s+team|"
    r"(?:the|each|every|that|this|our|my)\s+(?:\w+\s+)?\w+)\b",
    re.I,
)


_MESSAGE_SAYS = re.compile(
    r"\W*(?:(?:then|and|but|so)\s+)*(?:the|that|this|its|their|our)\s+(?:[\w-]+\s+)?"
    r"(?:draft|reply|response|answer|message|e-?mail|text|note)\s+(?:should|must|will|would|can|could|shall)\s+"
    r"(?:(?:just|only|simply|then|also|politely|instead)\s+)*(?:ask|tell|say|mention|explain|include|invite|remind)s?\b",
    re.I,
)


# 'their name, company, email and the meeting time', "the buyer's name, email and ticket count": an e-mail address
# listed among other fields of a record
_FIELD_WORD = r"(?:(?:first\s+|last\s+|full\s+)?names?|phones?(?:\s+numbers?)?|company|companies|titles?|address(?:es)?|numbers?|dates?|times?|ticket)"
_MAIL_FIELD = re.compile(
    r"(?<=,)\s*(?:and\s+|or\s+)?(?:their\s+|the\s+)?e-?mails?(?:\s+address(?:es)?)?(?=\s*(?:,|\band\b|\bor\b|$))"
    r"|\be-?mails?(?:\s+address(?:es)?)?(?=\s*,\s*(?:[\w-]+\s*,\s*)*(?:and\s+|or\s+)?(?:their\s+|the\s+)?"
    + _FIELD_WORD
    + r"\b)",
    re.I,
)


def _mail_only_as_field(clause: str) -> bool:
    """Whether Gmail is named only by an e-mail address listed among a record's fields ('with their name, company,
    email and the meeting time'), next to one such field — no e-mail to send or read."""
    if not re.search(r"\b" + _FIELD_WORD + r"\s*,", clause, re.I) and not re.search(
        r",\s*(?:and\s+|or\s+)?(?:their\s+|the\s+)?" + _FIELD_WORD + r"\b", clause, re.I
    ):
        return False
    blank = _MAIL_FIELD.sub(lambda m: " " * len(m.group(0)), clause)
    return blank != clause and all(k != "gmail" for _, k in lx.integrations_in(blank))


def _message_to_person(clause: str, description: str, ruled_out: dict[str, set[str]]) -> Step | None:
    """'remind the team …', 'tell me a joke', 'ask them why': a message to a person with no channel named is
    an e-mail (said in the report), to the user for 'me', else to the address the data holds. Not what a message
    made before says ('the draft should just ask the customer which cemetery it is'): its words, no message of its
    own."""
    if _MESSAGE_SAYS.match(clause):
        return None
    found = _TO_PERSON.search(clause)
    if found is None:  # 'send a polite reminder to the client's email address': an e-mail to that person
        people = "|".join(lexicon()["people"])
        found = re.search(  # a person the text names, or anyone whose e-mail address it names
            r"\b(?:send|sends|forward|forwards)\b[^.;]*?\bto\s+(?P<who>them\b|him\b|her\b|(?:the|each|every|that|this|our|their|all(?:\s+(?:the|our))?)\s+"
            r"(?:[\w-]+\s+)?(?:(?:"
            + people
            + r")s?\b(?:'s?)?|[\w-]+(?='s?\s+e-?mail)'s?))(?:\s+e-?mail(?:\s+address)?)?\b",
            clause,
            re.I,
        )
    if found is None:  # 'send him a receipt by mail', 'send the customer the confirmation': whom, then what
        found = _sent_to_person(clause.lower())
    if found is None:  # 'acknowledge the resident by email': a message to that person
        found = re.search(r"\backnowledg(?:e|es|ing)\s+(?P<who>" + _person_named() + r")", clause, re.I)
    received = _RECEIVES_MESSAGE.match(clause.lower()) if found is None else None
    if received and re.fullmatch(_person_named() + r"\s*", received.group("who")):
        found = received  # 'the parent gets a quick thanks-we've-got-it reply': a message sent to them
    if found is None:  # '…, emailed to me', 'sent to us': what the clause before made, passed on to the user
        found = re.match(
            r"\W*(?:and\s+|then\s+)*(?:e-?mailed|mailed|sent|delivered)\s+to\s+(?P<who>me|us)\b(?!\s+(?:on|in|via)\b)",
            clause,
            re.I,
        )
    if found is None or ruled(ruled_out, "gmail", "write"):
        return None
    if re.match(r"the\s+(?:right|appropriate|relevant|correct)\s", found.group("who"), re.I) and re.search(
        r"->|→|=>", description
    ):
        return None  # 'depending on the material, tell the right person? PLA → Slack …': the routes say who, no e-mail
    step = _integration_step(
        "gmail", "email " + found.group("who") + " " + clause[found.end() :], description, write=True
    )
    step.text = clause
    step.note = f"'{found.group(0)}' names no channel: sent by e-mail (Gmail)"
    step.unnamed = True
    return step


# before a write verb's word, what makes it a noun ('the last 7 days of messages', 'the new posts', 'any updates')
_NOUN_LEADS = (
    "of", "the", "a", "an", "new", "any", "all", "our", "my", "their", "its", "these", "those", "some", "no",
    "need", "needs", "want", "wants", "get", "gets", "with", "for",  # 'I need messages posted in …'
)  # fmt: skip
_NOT_A_NOUN = "".join(rf"(?<!\b{w}\s)" for w in (*_NOUN_LEADS, "each", "every"))


# ('leave it as a draft', 'keep them in my drafts', 'save it to drafts'; never the verb: 'Beth to draft')
_DRAFTED = re.compile(
    r"\b(?:as\s+(?:an?\s+)?drafts?|(?:in|into)\s+(?:my\s+|our\s+|the\s+|your\s+)?drafts?|"
    r"to\s+(?:(?:my|our|the|your)\s+drafts?|drafts)|"
    # ('… and create a draft reply for each one': a draft made, kept with the mail it answers)
    r"(?:create|creates|save|saves|leave|leaves)\s+an?\s+draft(?:\s+(?:reply|replies|response|answer))?|"
    # ('write a draft reply to each one', 'prepare draft replies': a reply drafted, kept as a draft)
    r"(?:write|writes|prepare|prepares)\s+(?:an?\s+)?draft\s+(?:reply|replies|response|responses|answer|answers))\b"
)


# '…, otherwise just', 'else', 'if not,', 'si no,': the words that open the other side of a test, just before a clause
_OTHER_SIDE_SAID = re.compile(
    r"\b(?:otherwise|else|if\s+not|or\s+else|si\s+no|sinon|sonst|senão)\b[\s,:;—–-]*(?:just\s+|simply\s+)?$",
    re.I,
)


def _chats_free_for(clause: str, description: str, chats: list[str]) -> list[str]:
    """The chats of `chats` a bare '#channel' in `clause` may be on: one named in the clause itself or said with no
    verb of its own ('post it in #ops. We use Discord') or read there; not one another part of the text sends on ('post the
    details in #refunds and drop a note in our Discord #ops channel', 'post a welcome in #new-joiners, also notify
    IT in Teams'): that chat is the other message's, and this post stays on Slack."""
    free = []
    said_before = ""
    for sentence in sentences(description):
        at = sentence.find(clause.strip()) if clause.strip() else -1
        if at > 0 and _OTHER_SIDE_SAID.search(sentence[:at]):
            # 'ping the #3d-printers discord channel if …, otherwise just drop it in #general-bench': the other side
            # of the test posts on the chat its first side named — in the sentence before when this one opens with
            # the other side ('If E. coli is above 1000, post a warning to the Discord channel #swim-status.
            # Otherwise post 'All clear' to #swim-status.')
            said = [k for _, k in lx.integrations_in(sentence[:at]) if k in chats] or (
                [k for _, k in lx.integrations_in(said_before) if k in chats]
                if not re.search(r"\w", _OTHER_SIDE_SAID.sub("", sentence[:at]))
                else []
            )
            if said:
                return said[-1:]
        if re.search(r"[^\W\d_]", sentence):  # (not a list's number alone, '2.')
            said_before = sentence
    for part in (c for sentence in sentences(description) for c in clauses(sentence)):
        if (
            clause.strip() in part
            or part.strip() in clause
            or not re.match(r"\W*(?:(?:also|then|and|please)\s+)*(?:" + _WRITE + r")\b", part, re.I)
        ):  # (a part that reads from the chat, 'translate every message in our Discord #news', names where posts are)
            free += [k for _, k in lx.integrations_in(part) if k in chats and k not in free]
    return [k for k in chats if k in free]


def _implied_destination(clause: str, description: str, ruled_out: dict[str, set[str]]) -> Step | None:
    """'write the findings back to the same table': the table/sheet/page of the integration named elsewhere."""
    low = clause.lower()
    # 'tell #sales'; 'summarise it for #competitive': what is made for a channel is posted there
    told = lx.CHANNEL_RE.search(clause) and re.search(
        r"\b(?:tell|warn|let)\b|\bfor\s+(?:the\s+|our\s+)?#[\w-]+(?!\s+(?:messages|posts|threads)\b)", low
    )
    written = any(
        # ('messages posted in our #marketplace channel', 'files added to the folder': a participle telling which
        # items, right after their noun, is no write)
        not (
            re.search(_ITEMS + r"\s+$", low[: m.start()]) and re.fullmatch(r"\w+ed|sent|written", m.group(0))
        )
        for m in re.finditer(r"\b" + _NOT_A_NOUN + r"(?:" + _WRITE + r")\b", low)
    )
    chat = re.search(
        r"\b(?:in|to|into)\s+(?:the|that|this)\s+(?:same\s+)?(?:thread|channel|chat|conversation|group)\b",
        low,
    )
    # ('… and it answers in the thread': an answer given in the chat the question came from is sent there)
    answered = chat and re.search(r"\b(?:answer|respond)(?:s|ed)?\b", low[: chat.start()])
    # ('… have AI write a reply and leave it as a draft': kept in the drafts of the mail service named elsewhere)
    # (the clause may be read in a loop's words, '… to the one': its own draft words are not another draft said)
    said = _DRAFTED.search(low)
    rest = description.lower().replace(low, " ")
    drafted = said and not re.search(
        r"\bdrafts?\b", rest if low in description.lower() else rest.replace(said.group(0), " ", 1)
    )
    if not written and not told and not _changes(low) and not answered and not drafted:
        # ('mark the row as notified': a verb that changes a record writes too; 'read the last 7 days of messages in
        # #showcase': a noun after 'of' or 'the' is no verb)
        return None
    nouns = "|".join(lexicon()["table_nouns"])
    found = re.search(r"\b(?:the|that|this|our|my)\s+(?:same\s+)?(" + nouns + r")s?\b", low)
    # 'update the record with the tracking number', 'mark the row as notified': the record the run is about, the
    # verb's own object (not 'the phone number on that record'); 'append one row per student', 'add a new row': one
    # more in the table the description names
    record = (
        re.search(
            r"\b(?:(?:"
            + _WRITE
            # ('append one row per student': a new one, in the table or sheet the description names)
            # ('add today's row': the one for this run)
            + r")\s+(?:(?:a|one)\s+new|the|that|this|its|each|every|an?|one|new|today['’]s|tonight['’]s|"
            r"this\s+(?:week|month)['’]s)|"
            + _changed_words()
            + r")\s+(?:same\s+)?("
            + "|".join(lexicon()["record_nouns"])
            + r")s?\b",
            low,
        )
        or re.search(  # 'fill in the 'Company notes' field on that same record': a field of the record, written
            r"\b(?:"
            + _WRITE
            + r"|"
            + _changed_words()
            + r")\s+(?:the|its|their|a|an)\s+(?:'[^'\n]{1,40}'\s+|\"[^\"\n]{1,40}\"\s+|"
            r"“[^”\n]{1,40}”\s+|[\w-]+\s+){0,3}?(?:field|column|cell)s?\s+(?:on|in|of|for)\s+(?:the|that|this|its|each|every)\s+"
            r"(?:same\s+)?(" + "|".join(lexicon()["record_nouns"]) + r")s?\b",
            low,
        )
        # 'have AI draft a first answer and add it to the ticket': what the run made, put on the record it is about
        or re.search(
            r"\b(?:"
            + "|".join(lexicon()["placing_verbs"])
            + r")\s+(?:it|them|this|that|(?:the|its|their)\s+[\w-]+)\s+(?:as\s+an?\s+[\w-]+\s+)?"
            r"(?:to|on|onto|in|into)\s+(?:the|that|this|its)\s+(?:same\s+)?("
            + "|".join(lexicon()["record_nouns"])
            + r")\b(?!\s+(?:tracker|list|board|queue|log)s?\b)",
            low,
        )
    )
    # 'then tick the 'reminded' column', 'mark their 'paid' box': a column of the row the run works on, in the table
    # service named elsewhere (its noun: a row)
    column = re.search(
        r"\b(?:"
        + _changed_words()
        + r"|(?:fill(?:s|ed)?\s+in|check(?:s|ed)?\s+off)\s+(?:the|its|their|that|this))\s+"
        r"(?:(?:'[^'\n]{1,40}'\s+|\"[^\"\n]{1,40}\"\s+|“[^”\n]{1,40}”\s+|[\w-]+\s+){1,3}?(?:column|checkbox|tick\s*box|box|cell)s?\b|"
        r"(?:column|checkbox|box|cell)\s+(?:'[^'\n]{1,40}'|\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”))",
        low,
    )
    noun = record.group(1) if record else "row" if column else ""
    if noun and (
        not any(k in lexicon()["record_nouns"][noun] for _, k in lx.integrations_in(description))
        or lx.CHANNEL_RE.search(clause)
    ):
        # 'post the ticket link in #csat-alerts': what is posted to the channel, no record written to
        noun = ""
    # 'otherwise add it to 'Nurture'': a place named only by its quoted name, in the one table service the text names
    quoted_place = re.search(
        r"\b(?:"
        + "|".join(lexicon()["placing_verbs"])
        + r")(?:s|ed|d)?\s+(?:it|them|this|that|the\s+[\w-]+)\s+"
        r"(?:to|in|into|on)\s+(?:the\s+)?"
        r"(?:'([^'\n]{1,40})'(?!\w)|\"([^\"\n]{1,40})\"|“([^”\n]{1,40})”)\s*(?:[.;,]|$)",
        clause,
        re.I,
    )
    tables = sorted({k for v in lexicon()["table_nouns"].values() for k in v})
    if found:
        candidates = lexicon()["table_nouns"][found.group(1)]
    elif quoted_place and len({k for _, k in lx.integrations_in(description) if k in tables}) == 1:
        candidates = tables
    elif noun:
        candidates = lexicon()["record_nouns"][noun]
    elif drafted:
        candidates = ["gmail", "outlook"]
    elif (
        chat
    ):  # 'post the translation in the thread', 'reply in the same chat': the chat service named elsewhere
        candidates = ["slack", "discord", "microsoft_teams", "telegram", "whatsapp"]
    elif lx.CHANNEL_RE.search(
        clause
    ):  # 'post it back to #mentions': a chat channel, Slack unless another is named
        candidates = ["slack", "discord", "microsoft_teams"]
        # (a chat named only to be ruled out, 'post it to #ops, not to Discord', is not where it goes)
        if not any(
            k in candidates and not ruled(ruled_out, k, "write") for _, k in lx.integrations_in(description)
        ):
            # ('post it to #dev on Discord' … 'skip Discord then, Linear only': the post ruled out, not moved to Slack)
            return (
                None
                if ruled(ruled_out, "slack", "write")
                or any(
                    k in candidates and ruled(ruled_out, k, "write") for _, k in lx.integrations_in(clause)
                )
                else _integration_step("slack", clause, description, write=True)
            )
    elif _SLACK_MEMBER.search(clause) and (written or told):
        # 'DM me (U04KD9XQ2) a summary': a Slack member id names no other service, the message goes there
        return (
            None
            if ruled(ruled_out, "slack", "write")
            else _integration_step("slack", clause, description, write=True)
        )
    else:
        return None
    named = [
        k for _, k in lx.integrations_in(description) if k in candidates and not ruled(ruled_out, k, "write")
    ]
    if chat is None and not found and not noun and not drafted and lx.CHANNEL_RE.search(clause):
        named = _chats_free_for(clause, description, named) or (
            [] if ruled(ruled_out, "slack", "write") else ["slack"]
        )
    if not named:
        return None
    place = "" if found or noun or not quoted_place else next(g for g in quoted_place.groups() if g)
    noun = next((n for n, keys in lexicon()["table_nouns"].items() if named[0] in keys), "table")
    step = _integration_step(
        named[0],
        clause + (f" (the {noun} called '{place}')" if place else _named_place(named[0], description)),
        description,
        write=True,
    )
    step.text = clause
    table = place or _table_name(description)
    if table and lexicon()["integrations"][named[0]]["target"] in ("airtable", "table"):
        step.values["tableId" if named[0] == "airtable" else "table"] = table
    return step


def _implied_source(clause: str, description: str, ruled_out: dict[str, set[str]]) -> Step | None:
    """'The research team runs a Typeform survey (form id Yk3p9Q). Could you pull new responses …': a read whose
    object is what one service the description names elsewhere holds (services.json 'objects' of a read operation)
    reads there, in the place the description gives it."""
    from lib.generation.services import operations

    low = clause.lower()
    doer = _doer_at_work(low)
    if doer is not None and (doer.group(1) or doer.group(2)):
        return None  # 'have AI check the diff for style problems': the model's work on the data, no read
    taken = re.search(
        r"\b(?:"
        + _READ
        + r")\b\s+(?:(?:the|all|any|our|my|new|latest|recent|incoming|fresh|every|each|of)\s+)*"
        # ('pull last month's jobs', 'pull the week's rows': the time whose items are read, not what they are)
        r"(?:(?:last|this|past|previous|the)\s+)?(?:(?:day|week|month|year|quarter|today|yesterday|night)['’]s\s+)?"
        r"([a-z][\w-]*)\b(?:\s+([a-z][\w-]*)\b)?",
        low,
    )
    if taken is None or re.search(lexicon()["given_list"], low[: taken.start(1)]):
        return None  # ('paste a list of emails when I run it': the run is given them, nothing is read)
    nouns = [n for n in taken.groups() if n]  # 'pull new responses', 'get the open support tickets'
    named = [
        (at, key)
        for at, key in lx.integrations_in(description)
        if not ruled(ruled_out, key, "read")
        and any(
            op.get("mode") == "read"
            and (
                any(n in (op.get("objects") or []) for n in nouns)
                # ('… goes into the Airtable 'Jobs' table … pull last month's jobs': the items the place is named for)
                or _place_named_for(key, description, nouns)
            )
            for op in operations().get(lexicon()["integrations"][key]["type"], {}).values()
        )
    ]
    if len({key for _, key in named}) != 1:
        return None
    at, key = named[0]
    # (the words around where it is named: 'a Typeform survey (form id Yk3p9Q)' gives the form)
    told = re.split(r"(?<=[.!?])\s|\n", description[at:])[0][:80]
    step = _integration_step(key, f"{clause} from {told}", description, write=False)
    step.text = clause
    return step if step.kind == "source" else None


def _place_named_for(key: str, description: str, nouns: list[str]) -> bool:
    """Whether the place the description names for service `key` ('the Airtable 'Jobs' table') is named for one of
    `nouns` ('jobs', 'job'): what is read there is what it holds."""
    place = re.findall(r"['\"“‘]([^'\"”’\n]{1,60})['\"”’]", _named_place(key, description))
    names = {p.lower().strip() for p in place}
    # (the items, plural: 'read the receipt' of a run given one is no read of the 'Receipts' sheet)
    return any(n.endswith("s") and (n in names or n[:-1] in names) for n in nouns)


def _named_place(key: str, description: str) -> str:
    """' in the Google Sheet 'Quiz grades'': where the description names the service's place with a quoted name
    (to write a clause that names no place into it); '' when it names none."""
    for phrase in sorted(lexicon()["integrations"][key]["phrases"], key=len, reverse=True):
        p = re.escape(phrase.strip())
        if not p:
            continue
        found = re.search(
            r"\b" + p + r"\w*\s+(?:called\s+|named\s+)?['\"“‘][^'\"”’\n]{1,60}['\"”’]"
            r"|['\"“‘][^'\"”’\n]{1,60}['\"”’]\s+" + p + r"\b",
            description,
            re.I,
        )
        if found:
            return " in the " + found.group(0)
    return ""


def read_clauses(text: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step]:
    out: list[Step] = []
    text, others = _channels_joined(text)
    for clause in _named_after(clauses(text)):
        for one in _each_channel(clause, others):
            found = _changed_where_found(one, out, description, ruled_out)
            said = _said_filter(one) if out and out[-1].kind == "source" else None
            if said is not None and not any(s.kind in ("source", "action") for s in found):
                # 'check Outlook, take the emails with 'quote' in the subject': the words said of what was just read
                _keep_on(out[-1], said)
            out += found
    return out


# 'post it in #billing and #finance', 'to both #eng, #design and #ops': several channels after one sending verb in
# its sentence, joined by 'and' (never 'or': a choice is one channel)
_CHANNELS_JOINED = re.compile(
    r"(?<![\w&])(?:both\s+)?(?P<all>#[A-Za-z0-9][\w-]*(?:\s*,\s*#[A-Za-z0-9][\w-]*)*\s*,?\s*(?:and|&|plus|as\s+well\s+as)"
    r"\s+(?:(?:in|to|into|on)\s+)?#[A-Za-z0-9][\w-]*)(?![\w-])",
    re.I,
)


def _channels_joined(text: str) -> tuple[str, dict[str, list[str]]]:
    """The text with each list of channels a sending verb names ('post it in #billing and #finance') cut to its
    first, and the others by that first (the clause naming it is read once per channel, _each_channel); a read of
    several channels stays as written."""
    others: dict[str, list[str]] = {}

    def first(m: re.Match[str]) -> str:
        sentence = re.split(r"[.;!?\n]", text[: m.start()])[-1]
        tags = ["#" + t for t in lx.CHANNEL_RE.findall(m.group("all"))]
        if not re.search(r"\b(?:" + _WRITE + r")", sentence, re.I) or tags[0].lower() in others:
            return m.group(0)
        others[tags[0].lower()] = tags[1:]
        return tags[0]

    return _CHANNELS_JOINED.sub(first, text), others


def _each_channel(clause: str, others: dict[str, list[str]]) -> list[str]:
    """'post it in #billing on Slack' where '#finance' was joined to it: one message to each channel, so the clause
    is read once per channel ('post it in #finance on Slack' too)."""
    tag = next((t for t in lx.CHANNEL_RE.findall(clause) if "#" + t.lower() in others), None)
    if tag is None:
        return [clause]
    rest = others.pop("#" + tag.lower())
    at = re.search(r"(?<![\w&])#" + re.escape(tag) + r"(?![\w-])", clause)
    if at is None:
        return [clause]
    return [clause] + [clause[: at.start()] + t + clause[at.end() :] for t in rest]


# what a look-up found, named again: 'their', 'it', 'the customer's', 'that deal'
_FOUND_AGAIN = re.compile(
    r"\b(?:their|its|his|her|them|it|(?:the|that|this)\s+(?:same\s+|matching\s+)?[a-z]+(?:['’]s)?)\b", re.I
)


def _changed_by_api(clause: str, description: str) -> Step | None:
    """'update their priority to urgent' for each issue read from the one service the description names whose
    block has no operation for it: the request its own API takes (lexicon.json records_changed `api`), on the
    current item's id ({item.…}, filled in the loop), the field said set to the value said."""
    rules = lexicon()["records_changed"]
    named = {key for _, key in lx.integrations_in(description)}
    apis = [
        (key, rules["api"][lexicon()["integrations"][key]["type"]])
        for key in named
        if lexicon()["integrations"][key]["type"] in rules["api"]
    ]
    said = re.search(
        rf"\b(?:update|change|set)\s+(?:their|its|the)\s+(?P<field>{rules['fields']})\s+to\s+"
        r"[\"“'‘]?(?P<value>[\w][\w -]{0,30}?)[\"”'’]?(?=\s+(?:in|on|at|for|when|once)\b|[,.;!?]|$)",
        clause,
        re.I,
    )
    if len(apis) != 1 or said is None:
        return None
    key, entry = apis[0]
    field = said.group("field").lower()
    change = entry["fields"].get(field) or entry["fields"].get(field + "s")
    if change is None:
        return None
    value = said.group("value").strip()
    mapped = change.get("values", {}).get(value.lower(), value)

    def filled(template: Any) -> Any:
        if isinstance(template, dict):
            return {k: filled(v) for k, v in template.items()}
        if isinstance(template, list):
            return [filled(v) for v in template]
        if template == "{input}":
            return filled(change["input"])
        if template == "{value}":
            return mapped
        if not isinstance(template, str):
            return template
        # ('assign them to Priya': the id to fill in is Priya's own, {{JIRA_ACCOUNT_ID_PRIYA}})
        return template.replace("{VALUE}", re.sub(r"\W+", "_", value).strip("_").upper()).replace(
            "{value}", value
        )

    values = {
        "method": change.get("method", entry["method"]),
        "url": change.get("url", entry["url"]),
        "headers": json.dumps(
            [
                {"id": "h-authorization", "cells": {"Key": "Authorization", "Value": entry["auth"]}},
                {"id": "h-content-type", "cells": {"Key": "Content-Type", "Value": "application/json"}},
            ]
        ),
        "body": json.dumps(filled(entry["body"]), ensure_ascii=False),
    }
    name = lexicon()["integrations"][key]["phrases"][0].title()
    step = Step("action", "api", values, label=f"Update {name} {field}", text=clause, integration=key)
    step.note = f"{name}'s July 2025 block cannot change an item's {field}: a request to {name}'s API does"
    if change.get("need"):
        step.needs.append(filled(change["need"]))
    return step


def _changed_where_found(
    clause: str, before: list[Step], description: str, ruled_out: dict[str, set[str]]
) -> list[Step]:
    """A clause's steps; one that changes what a look-up in a service with no block just found and names no
    service of its own ('look the customer up in HubSpot, set their lifecycle stage to 'churned'') writes to
    that same service."""
    from lib.generation.services import operations

    read = read_clause(clause, description, ruled_out)
    found = next((s for s in reversed(before) if s.kind == "source"), None)
    changes_found = (
        not any(s.kind == "action" for s in read)
        and _changes(clause.lower())
        and _FOUND_AGAIN.search(clause) is not None
        and not lx.integrations_in(clause)
    )
    if (
        changes_found
        and found is not None
        and found.type != "api"
        and found.integration in lexicon()["integrations"]
        and "update" in operations().get(found.type, {})
    ):
        # 'find them in our Airtable 'Accounts' table by email and change their Stage to 'Customer'': the record
        # found in a block's service is changed there (its update), in the place the look-up read
        where = found.text or ""
        place = re.search(r"\s(?:in|from|on)\s+(?:the\s+|our\s+|my\s+)?.+$", where, re.I)
        said = (
            place.group(0) if place else " in " + lexicon()["integrations"][found.integration]["phrases"][0]
        )
        said = re.sub(r"\s+by\s+[\w\s'-]+$", "", said)
        placed = read_clause(f"{clause}{said}", description, ruled_out)
        if any(
            s.kind == "action" and s.type == found.type and s.values.get("operation") == "update"
            for s in placed
        ):
            return placed
    if changes_found and found is None and re.search(r"\b(?:its|their)\s", clause, re.I):
        # 'read the Stock sheet …. For each row where the quantity is below 5, set its Reorder column to YES': an item
        # read from the one place the description names that can be updated is changed there
        kept = {
            key
            for _, key in lx.integrations_in(description)
            if lexicon()["integrations"].get(key, {}).get("target") in ("sheet", "airtable", "table")
            and "update" in operations().get(lexicon()["integrations"][key]["type"], {})
        }
        if len(kept) == 1:
            key = kept.pop()
            placed = read_clause(
                f"{clause} in {lexicon()['integrations'][key]['phrases'][0]}", description, ruled_out
            )
            if any(
                s.kind == "action" and s.integration == key and s.values.get("operation") == "update"
                for s in placed
            ):
                return placed
    if changes_found and found is None and re.search(r"\b(?:its|their)\s", clause, re.I):
        # 'fetch the new Linear issues labelled bug and set their priority to urgent': an item read from a service
        # whose block cannot make that change is changed by a request to the service's own API
        changed = _changed_by_api(clause, description)
        if changed is not None:
            return [*read, changed]
    if (
        found is None
        or found.type != "api"
        or any(s.kind == "action" for s in read)
        or not _changes(clause.lower())
        or not _FOUND_AGAIN.search(clause)
        or lx.integrations_in(clause)
    ):
        return read
    from lib.generation.services import external

    name = external()[found.integration]["name"] if found.integration in external() else None
    name = name or (found.label.split()[0] if found.label and found.values.get("headers") else None)
    if not name:
        return read
    placed = read_clause(f"{clause} in {name}", description, ruled_out)
    host = urlsplit(found.values.get("url", "")).hostname
    if not any(
        s.kind == "action" and s.type == "api" and urlsplit(s.values.get("url", "")).hostname == host
        for s in placed
    ):
        return read
    return placed


# -- structure ------------------------------------------------------------------------------------
# a comparison's amount (and its unit), then a word taking an object: where a test with no comma ends
_AMOUNT_THEN_ACT = re.compile(
    r"\b(?:over|under|above|below|than|least|most|exceeds?|reaches|hits|is|are|['’]s|of|to|>=?|<=?)\s*[$€£]?\d[\d,.]*"
    r"(?:\s*(?:k|m|%|[A-Z]{3}|units?|items?|days?|hours?|minutes?|weeks?|stars?|points?|degrees?|percent|dollars|"
    r"euros|pounds)\b)?(?:\s+or\s+(?:more|less|fewer|higher|lower|above|below|over|under|later|earlier))?"
    r"(?=\s+(?:(?:I|[Ww]e)\s+)?(?!(?:and|or|but|of|in|on|at|for|per|than|from|to|by|with|within|the|a|an|this|that|it|is|are|was|"
    r"then)\b)[a-z]+\s+(?:the|a|an|it|them|their|this|that|him|her|us|me|our|my)\b"
    # ('fewer than 2 shifts this month': what the number counts, in a window of time — no action)
    r"(?!\s+(?:day|week|month|quarter|year|sprint|cycle|period|season|morning|evening)\b))"
)
# the bot (or its name's pronoun) as the subject of what it does: 'it emails', 'she texts', 'the bot posts'
_ACTOR = re.compile(
    r"(?<=\s)(?:it|she|he|they|the\s+(?:bot|assistant|agent))\s+"
    r"(?:(?:just|only|simply|also|then|immediately|automatically|first)\s+)?(?P<verb>[A-Za-z][\w-]*)\b",
)


def _actor_acts(rest: str) -> int | None:
    """Where the action of a test starts when the bot is its subject: 'the total is over $1,500 it emails …' →
    the position of 'emails' (an action verb in any person: 'emails', 'texts', 'DMs', 'creates'); None when no
    such subject follows the test's own words."""
    for m in _ACTOR.finditer(rest):
        if not re.search(r"\w", rest[: m.start()]):
            continue  # 'if they reply …': the test's own subject
        verb = m.group("verb")
        base = re.sub(r"(?<=[a-z])(?:es|s)$", "", verb, flags=re.I) if len(verb) > 3 else verb
        if any(ACTION_START.fullmatch(v) for v in (verb, base, verb[:-1])):
            return m.start("verb")
    return None


# 'asks to', 'wants to', "would like to": the verb after it is what someone wants done, said in a test, no step
_WANTS_TO = re.compile(
    r"\b(?:asks?|asking|asked|wants?|wanting|wanted|would\s+like|['’]d\s+like|needs?|tries|trying|tried|wish(?:es)?|"
    r"hopes?|plans?|intends?|is\s+looking|are\s+looking)\s+to\s+$",
    re.I,
)
# a verb's denial before it ("doesn't", 'did not', 'fails to', 'never'): the verb after it is a state tested
_DENIED_VERB = re.compile(
    r"\b(?:does\s*n[o'’]?t|do\s*n[o'’]?t|did\s*n[o'’]?t|has\s*n[o'’]?t|have\s*n[o'’]?t|fails?\s+to|failed\s+to|never|"
    r"stops?|stopped)\s+$",
    re.I,
)
_IF = re.compile(
    # ('decides if it's positive or negative', 'judges whether …': the question a judgement answers, no test)
    r"(?<!\bdecide\s)(?<!\bdecides\s)(?<!\bjudge\s)(?<!\bjudges\s)(?<!\bdetermines\s)(?<!\bdetermine\s)"
    # ('have the AI figure out if it's a bug, a feature request or a question')
    r"(?<!\bfigure\sout\s)(?<!\bfigures\sout\s)(?<!\bwork\sout\s)(?<!\bworks\sout\s)"
    # ('get the AI to say if it looks injured', 'have Claude tell if it's spam': the question its answer settles)
    r"(?<!\bsay\s)(?<!\bsays\s)(?<!\btell\s)(?<!\btells\s)"
    # ('ask the AI if it's an allergy question. If so, …': the question put to the model, its answer tested after)
    r"(?<!\bask\sthe\sai\s)(?<!\bask\sai\s)(?<!\bask\sclaude\s)(?<!\bask\sgpt\s)(?<!\bask\san\sai\s)"
    # ('people can ask if the hall is free on a date', 'ask if they want a callback': the question asked, no test)
    r"(?<!\bask\s)(?<!\basks\s)(?<!\basking\s)(?<!\basked\s)"
    r"\b(?:only\s+)?(?:if|in case|whenever it|when it|unless)\b"
    # 'once it passes 10k stars', 'as soon as the price drops below …': a test, not the trigger
    r"|\b(?:once|as soon as)\s+(?=(?:it|they|the\s+[\w-]+|its\s+[\w-]+)\s+(?:[\w-]+\s+)?(?:pass|reach|hit|cross|exceed|"
    r"drop|fall|rise|go|goes|gets|is|are|has)\w*\b)"
    # 'when the payments component isn't 'operational'', 'whenever the queue length is above 500': 'when' before a
    # value, a comparison or a state of something the steps read is a test (an event's 'when' is the trigger's)
    r"|\b(?:when|whenever)\s+(?=(?:the|its|their|our)\s+(?:[\w-]+\s+){0,3}?(?:is|isn'?t|is\s+not|are|aren'?t|are\s+not|"
    r"equals|becomes|stays|shows|reads|says)\s+(?:not\s+|still\s+|no\s+longer\s+)?(?:[\"“'‘]|[$€£]?\d|(?:above|below|over|"
    r"under|more|less|higher|lower|greater|down|offline|degraded|empty|zero|negative)\b))"
    # 'when frost is forecast', 'whenever smoke is detected': something the data may report, said before its state
    r"|\b(?:when|whenever)\s+(?=(?:the\s+|any\s+)?[\w-]+\s+(?:is|are)\s+(?:expected|forecast|forecasted|predicted|likely|"
    r"detected|spotted)\b)"
    # 'when a review looks negative', 'whenever a post sounds angry or like a complaint': a reader's judgement
    r"|\b(?:when|whenever)\s+(?=(?:the\s+|an?\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?:looks?|sounds?|seems?|reads?\s+as)\s+"
    r"(?:like\s+|very\s+|really\s+)?(?:an?\s+)?[a-z])",
    re.I,
)
# 'the message', 'its post': a word an action verb spells, used as a noun after a determiner
_OTHER_SIDE_HERE = re.compile(
    r"\s*[,;]\s*(?:and\s+)?(?:if|when)\s+(?:it'?s\s+|it\s+is\s+|they'?re\s+|they\s+are\s+)?(?:any\s+)?"
    r"(?:lower|below|under|less|smaller|fewer|higher|above|over|more|greater|bigger|larger|younger|older)\b"
    r"(?!\s*(?:than\s+)?[$€£]?\s*\d)(?:\s+than\s+that)?\s*,?\s*",
    re.I,
)
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|this|that|his|her|your|our|my)\s+$"
    # 'if any alert has …' (not 'if there are any forward them': 'any' alone is the whole test)
    r"|(?<!\bare\s)(?<!\bis\s)(?<!\bwere\s)(?<!\bwas\s)\b(?:any|every|each|some)\s+$"
    # 'if there are messages mentioning …', 'if there are any new messages': what there is, a noun
    # ('if there are any, forward them': 'any' alone is the whole test)
    r"|\bthere\s*(?:are|is|were|was|'s|’s)\s+(?:any\s+(?=new|unread|more))?(?:new\s+|no\s+|more\s+|unread\s+)*$"
    # "contains 'needs-triage'": a word inside quotes is what the test looks for
    r"|(?:^|\s)[\"“'][^\"”']*$"
    # 'if the customer's email is …': after an owner's name, a word a verb spells is a noun
    r"|(?<!\bit)(?<!\bthat)(?<!\bthere)(?<!\bwhat)(?<!\bhere)(?<!\bwho)(?<!\bhe)(?<!\bshe)\w['’]s\s+$",
    re.I,
)
# 'message contains', 'comment says', 'post mentions': a word a verb spells, followed by what a test says of it
_TEST_VERB_AFTER = re.compile(
    r"\s+(?:contains?|includes?|mentions?|starts?\s+with|begins?\s+with|ends?\s+with|equals?|matches|says|reads)\b",
    re.I,
)
# 'has been open for …', 'is archived': after a form of 'be' an action word is the state the test names
_STATE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|be|being|isn'?t|aren'?t|wasn'?t|weren'?t|stays?|remains?)\s+(?:still\s+|not\s+|already\s+)?$",
    re.I,
)
# 'if they aren't, …', 'if it's not, …', 'if they didn't, …': the test before, denied with nothing added — its
# other side, like 'otherwise'
_DENIED = (
    r"if\s+(?:(?:it|they|he|she|that|this|so)\s+(?:isn'?t|aren'?t|wasn'?t|weren'?t|doesn'?t|don'?t|didn'?t|hasn'?t|"
    r"haven'?t|is\s+not|are\s+not|was\s+not|were\s+not|does\s+not|do\s+not|did\s+not|has\s+not|have\s+not)|"
    r"(?:it|they|that)['’](?:s|re)\s+not|"
    # 'if the status is anything else', 'if it's something else', 'if it has any other label', 'if the plan is
    # different': the value tested before, any but the one named — its other side too
    r"(?:it|they|that|(?:the|its|their)\s+[\w-]+(?:\s+[\w-]+)?)\s*(?:\s(?:is|are|was|has|have)|['’](?:s|re))\s+"
    r"(?:(?:anything|something)\s+else|any\s+other\s+[\w-]+|different|another\s+[\w-]+|"
    # ('if it's later', 'if it is further out': past the bound the test said, lexicon.json 'rest_past_bound')
    + "|".join(lexicon()["rest_past_bound"])
    + r"))(?=\s*(?:[,;:—–-]|then\b|$))"
)
# 'the outlet is in our Airtable 'Media list'', 'they're already on the 'VIP' sheet', 'the company name matches a
# client in our Airtable 'Clients' table': whether a place holds the item
HELD_IN = re.compile(
    r"^\s*(?P<what>.+?)\s*(?:\s(?:is|are)|['’](?:s|re)|\s(?:exists?|appears?|shows?\s+up)|\s(?:match(?:es)?|is\s+one\s+of|"
    r"are\s+among)\s+(?:(?:a|an|any|one\s+of)\s+)?(?:the\s+|our\s+|my\s+)?[\w-]+)\s+(?:already\s+|still\s+|"
    r"listed\s+)*(?:in|on)\s+(?P<place>(?:the|our|my|their)\b.+)$",
    re.I,
)
_ELSE = re.compile(r"\s*(?:,|;)?\s*\b(?:otherwise|else|if not|or else|" + _DENIED + r")\b\s*,?\s*", re.I)
# '…, and for all the rest post it in #general', '…, for everything else …', '…, and the others go to …': after a
# comma, the items no test before named — the other side of the tests, as 'otherwise' is
_REST_CLAUSE = re.compile(
    r"\s*[,;]\s*(?:and\s+|but\s+)?(?:(?:for|with|to)\s+)?(?:all\s+)?(?:(?:anything|everything|everyone|anyone|all)\s+else\b|"
    # 'if it's 6 or below …, if it's 9 or 10 …, and anything in between goes to …': what no test took
    r"(?:anything|everything|everyone|anyone)\s+in\s+(?:between|the\s+middle)\b|"
    r"the\s+rest\b(?!\s+of\b)|the\s+others\b|others\b|(?:the\s+)?other\s+(?:ones|cases)\b|any(?:thing)?\s+other\s+[\w-]+\b(?!\s+than)|"
    r"(?:if|when)\s+(?:it\s+is\s+|it['’]s\s+)?(?:something|anything)\s+else\b|"
    # 'if that shift is within the next 48 hours, text me; anything further out can go into the sheet', '…, anything
    # later …': what lies past the test's bound (lexicon.json 'rest_past_bound')
    r"(?:anything|everything|any\s+(?:ones?|others?)|ones?|those)\s+(?:"
    + "|".join(lexicon()["rest_past_bound"])
    + r")\b)"
    r"\s*,?\s*",
    re.I,
)
# a field of the data named as such: "the 'department' field", 'its "type" answer', 'the region column'
ROUTED_FIELD = (
    r"['\"‘“][\w .-]{1,30}['\"’”](?:\s+(?:field|answer|column|value|property|key))?"
    r"|[\w-]+\s+(?:field|column|property)\b"
)
_ROUTE = re.compile(
    # ('handle each one by its label: …': each item dealt with by the value it carries is routed by it)
    r"\b(?:route|routes|routing|(?:handle|process|treat|deal\s+with)\s+(?:each|every|them|it)\b)[^,.;]*?\b(?:by|based on|according to|depending on)\s+"
    rf"(?:its|their|the|his|her)?\s*({ROUTED_FIELD}|\w+)|\bdepending on\s+(?:its|their|the)?\s*({ROUTED_FIELD}|\w+)"
    # ('based on the topic: weddings → …; corporate → …': the field the routes after the colon turn on)
    rf"|\b(?:based\s+on|according\s+to)\s+(?:its|their|the)\s+({ROUTED_FIELD}|\w+)(?=\s*:)"
    # 'sort incoming orders by their 'region' field — EU orders to …': a field's values, each with its route
    rf"|\b(?:sort|split|dispatch|send|forward)\w*\b[^,.;:]{{0,60}}?\bby\s+(?:its|their|the)?\s*({ROUTED_FIELD})\s*(?=[:—–]|-{{1,2}}\s)",
    re.I,
)
_ROUTE_ON = re.compile(
    r"\b(?:route|sort|triage|dispatch)\s+(?:it|them|this|these|those|each(?: one)?|the \w+|(?:[\w-]+\s+){0,3}?[\w-]+)\s*"
    r"(?::|\baccordingly\b|\bas follows\b)"
    # 'work out what it is: bugs should become …', 'decide which kind it is:': a classification, its routes after
    r"|\b(?:(?:work|figure|find)\s+out|decide|determine)\s+(?:what|which)\s+(?:kind\s+|type\s+|sort\s+)?"
    r"(?:of\s+\w+\s+)?(?:it|they|this)\s+(?:is|are)\s*:",
    re.I,
)
# 'invoices go to #finance, support requests to Zendesk and sales inquiries to sales@…': routes by category
# a category's first word: quoted ("'access' requests") or two joined by a slash ('account/login questions')
_CATEGORY_WORD = r"(?:['\"‘“][\w/ -]{1,30}['\"’”]|[a-z][\w-]*(?:\s*/\s*[a-z][\w-]*)*)"
# '… about a late truck', '… mentioning a refund': what a category is about, after its noun
_CATEGORY_ABOUT = r"(?:\s+(?:about|regarding|mentioning|concerning|on)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+)?"
_DESTINATION = re.compile(
    r"^\s*(?:and\s+)?(?:send\s+|forward\s+|route\s+)?(?:the\s+|all\s+)?("
    + _CATEGORY_WORD
    # ('donations and offers of supplies go into …': a kind of up to five words)
    + r"(?:\s+[a-z][\w-]*){0,4}?"
    + _CATEGORY_ABOUT
    + r")\s+(?:(?:go(?:es)?|should go|are sent|get sent|must go)\s+(?:to|into|in|on|onto)|to|into)\s+\S",
    re.I,
)
_OPTIONS = r"([\w-]+(?:\s[\w-]+)?(?:\s*/\s*[\w-]+(?:\s[\w-]+)?){2,}|[\w-]+(?:\s*,\s*[\w-]+)+,?\s+(?:or|and)\s+[\w-]+)"
_SORT = re.compile(
    r"(?:\b(?:sort|triage|bucket|split|separate|divide|dispatch)\w*\b[^.;:]{0,60}?\binto\s+(?:the\s+)?"
    # 'figure out if it's plumbing, electrical or general': which of the options it is, a classification
    r"|\b(?:figure|work|find)\s+out\s+(?:if|whether|which)\s+(?:it'?s|it\s+is|they'?re|they\s+are|this\s+is)\s+"
    r"|\b(?:decide|determine|check|tell)\s+(?:if|whether)\s+(?:it'?s|it\s+is|they'?re|they\s+are|this\s+is)\s+)"
    + _OPTIONS
    # not 'github.com/acme/web', nor a path after a word ('…/alquiler-viviendas/valencia/'), nor a call's method
    # and path ('POST /api/posts')
    + r"|(?<![\w/.-])(?!(?:get|post|put|patch|delete)\s+/)([a-z][\w-]*(?:\s*/\s*[a-z][\w-]*){2,})(?![\w/])",
    re.I,
)
_NOT_A_CONDITION = re.compile(
    r"\b(?:no|not|up to)\s+(?:more|less|fewer|over|under)|\d\s*(?:words?|characters?|chars|sentences?|"
    r"bullets?|bullet points|lines?|tokens?|paragraphs?|emojis?|hashtags?)\b|"
    r"\b(?:over|in|within)\s+(?:the\s+(?:last|past)\s+)?\d+\s*(?:minutes?|hours?|days?|weeks?|months?)\b",
    re.I,
)
# a sentence that tells how things are, with no ask in it: 'My sister and I took over 3 old cottages in 2019',
# 'We're a family business, three generations and over 60 staff now', 'A bit of history: we started with 2 vans
# and now run more than 12' — its number is no test (the one speaking, or the business, then a verb it did or has)
_NARRATED = re.compile(
    r"^(?:[^:.!?\n]{1,40}:\s*)?(?:(?:I|we)(?:['’](?:ve|re|m|d))?|(?:my|our)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s+I|"
    r"our\s+(?:[\w'’-]+\s+){0,3}?(?:has|have|had|is|are|was|were|runs?|ran|employs?|serves?|sells?|sold|gets?|got)|"
    r"there\s+(?:are|were|is|was))\b",
    re.I,
)
# what makes a sentence an ask or a test after all ('we need more than 5 reviews', 'we only want deals over 10k')
_ASKED = re.compile(
    r"\b(?:if|when|whenever|once|unless|only|each\s+time|every\s+time|as\s+soon\s+as|want|wants|need|needs|like|"
    r"wish|hope|please|should|must|have\s+to|has\s+to|can\s+you|could|would|let|make\s+sure|interested|care|"
    r"looking\s+for|keen|sent|(?:alert|notif(?:y|ie)|remind|tell|send|e-?mail|text|post|ping|flag|add|create|log|save|"
    r"forward|move|copy|archive|go|goe)(?:s|ed|ing)?)\b",
    re.I,
)


def _narrated(clause: str, description: str) -> bool:
    """`clause` belongs to a sentence of `description` that only tells how things are (`_NARRATED`, no `_ASKED`)."""
    at = description.find(clause.strip().rstrip(".!?"))
    if at < 0:
        return False
    start = max(description.rfind(end, 0, at) for end in (". ", "! ", "? ", "\n")) + 1
    stop = min(
        (i for i in (description.find(end, at) for end in (". ", "! ", "? ", "\n")) if i >= 0),
        default=len(description),
    )
    sentence = description[start:stop].strip()
    return bool(_NARRATED.match(sentence)) and not _ASKED.search(sentence)


_LOOP = re.compile(
    # ('take each new message in #lost-and-found, search …': taking each one in turn from a place is the walk)
    r"\b(?:for|go(?:es|ing)? through|iterate (?:over|through)|loop (?:over|through)|process|"
    r"(?:take|grab)(?=\s+(?:each|every)\s+(?:new\s+)?[\w-]+\s+(?:in|from|on)\s))\s+"
    r"(?:(?:each|every)(?:\s+one)?\s+of\s+(?:the|our|my|your|their|these|those)|each|every|all(?:\s+of)?(?:\s+the)?|any)\s+"
    # 'and for all the rest post it in #general': the items no test named, the other side of the tests, no list
    r"(?!(?:the\s+)?(?:rest|others|other\s+(?:ones|cases))\b)"
    r"((?:[\w\s$€£%=-]|(?<=\d)\s?°[CF]?(?!\w)|(?<=\w)\*{1,2}(?=\s)|[<>≤≥](?=\s*\d)|\.(?=\d)|,(?=\d{3}\b)|(?<=n)['’](?=t\b)|(?:(?<=\bthat)|(?<=\bwhich)|(?<=\bwho)|(?<=\bit)|(?<=\bthey))['’](?=(?:s|ve|re|d)\b)|(?<=[\s\w])\.(?=[a-z_])|(?<=\s)[\"'“‘](?=[\w-]+:?[\"'”’])|"
    # the place may carry a quoted name of several words ('in our 'Intl Open' Excel sheet'): its words name nothing
    # ('for each 'Customer:' event': a quoted prefix the items' titles start with)
    r"(?<=\w)[\"'”’](?=[\s,:;])|(?<=\w):(?=[\"'”’]))+?)(?:\s+(?:in|of|from|on|"
    # ('for every response to our Typeform 'Auditions'': what answers a form is read from it)
    r"(?:(?<=response\s)|(?<=responses\s)|(?<=answer\s)|(?<=answers\s)|(?<=submission\s)|(?<=submissions\s)|"
    r"(?<=entry\s)|(?<=entries\s))to)\s+(?:the\s+|our\s+|my\s+)?"
    # ('in acme/api', 'on shop.example.com': a repository or a host as the place)
    # ('in the Putt & Puffin Discord #lost-and-found channel': a channel's hash before its name, an ampersand)
    r"((?:(?<!\w)[\"“‘'][^\"”’'\n]{1,40}[\"”’'](?!\w)|[\w\s'\"“”-]|(?<=\w)[/.](?=\w)|(?<=\s)\#(?=\w)|(?<=\s)&(?=\s))+?))?"
    # 'go through each ticket and email the requester …': the walk's item ends before the joined verb
    # ('for every new file in the Drive folder …': after 'new' a verb's form is the items' noun, not the body's verb)
    r"\s*(?:,|:|\bdo\b|$|(?<!\bnew)(?<!\blatest)(?<!\brecent)(?<!\bunread)(?<!\bincoming)(?<!\buploaded)"
    r"(?<!\bshared)"
    # ('for every file added today in the Drive folder': a participle with a time names which items, no verb)
    # ('for each class booked today in the Airtable table', 'every order paid yesterday in …': the same)
    r"(?!\s+(?:added|created|uploaded|received|submitted|dropped|placed|shared|posted|sent|filed|logged|saved|booked|"
    r"reserved|ordered|paid|registered|scheduled|updated|edited|modified|changed|opened|closed|completed|approved|"
    r"assigned)\s+"
    r"(?:today|yesterday|tomorrow|tonight|recently|lately|this\s+(?:week|month|morning)|last\s+(?:week|month|night)|"
    r"for\s+(?:today|tomorrow|tonight)|in\s+the\s+last)\b)"
    # ('for each book in this month's reading list in the Airtable table …': a list's noun before its place, no verb)
    r"(?!\slist\s+(?:in|of|on|from)\s)"
    r"(?=\s(?:(?:and|then)\s+)?(?:"
    + _WRITE
    + "|"
    + _READ
    # ('for each new callout email, create …', 'for every booking email that arrives': the items' noun, no verb)
    + r"|e-?mail(?!s?(?:\s*[,;:]|\s+(?:that|which)\s+(?:arrives?|comes?\s+in|lands?)\b))|text|sms|reply|"
    r"summari[sz]e|classify|translate|extract|"
    r"draft|analy[sz]e|review|research|write|generate|score|"
    # 'for each bounced address set `valid = false` on …', 'for every order mark …': an update starts
    r"mark|tick|flag|change|edit|set(?!\s+(?:up|of)\b)|"
    # 'for each order PATCH https://…', 'for each one call https://…': a request per item
    r"(?:put|patch|delete|call)\s+(?:to\s+)?https?://|"
    # 'for each one have AI rate the tone', 'for every row ask the AI to …': the agent's step starts
    r"(?:have|let|ask|get|use)\s+(?:the\s+|an?\s+)?(?:ai|claude|gpt|llm|model|agent|assistant))\b(?![\"'”’])"  # not inside a quoted name ('Intl Open')
    # '… for each new bug report.': a noun that ends the sentence, not the verb of a body (an e-mail or SMS said
    # last still is: 'for each lead the owner gets an email')
    r"(?:(?<=mail)|(?<=sms)|(?!\s*[.;!?]?\s*$))))"
    r"|\b(?:repeat|run|do)\b[^,.;]*?\b(\d+)\s+times\b",
    re.I,
)


# the end of a loop said in words: 'and at the end email a summary', 'When every client is done, post …',
# 'Once all issues are processed, …', 'After the loop, …': what follows runs once, after the last item
_DONE = r"(?:done|finished|processed|complete|completed|handled|checked|through)"
LOOP_END = re.compile(
    r"(?:^|[,;]\s*|\s)(?:and\s+)?(?:then\s+)?(?:"
    r"at\s+the\s+(?:very\s+)?end\b|after\s+the\s+loop\b|afterwards\b|"
    # '…, then (only once) post …': what follows runs a single time, after the items
    r"\(?(?:only|just)\s+once\)?(?!\s+(?:a|an|per|every|each|daily|weekly|monthly)\b)|"
    r"(?:when|once|after)\s+(?:all|every|each|the\s+whole|the\s+entire)\b[^,.;:]{0,60}?\b" + _DONE + r"\b|"
    r"(?:when|once)\s+(?:it'?s|that'?s|they'?re|they\s+are|it\s+is)\s+(?:all\s+)?" + _DONE + r"\b|"
    # 'When you're done, post …', 'once finished, …', 'when everything is sent, …': the work as a whole, over
    r"(?:when|once)\s+(?:(?:you|we)(?:'re|\s+are)\s+|i'?m\s+|i\s+am\s+|everything\s+(?:is|has\s+been)\s+)?(?:all\s+)?"
    r"(?:" + _DONE + r"|sent)\b(?=\s*[,:—–-])|"
    # 'After going through all trips, post …', 'after checking all the bookings, …': the walk over, once
    r"after\s+(?:(?:going|looping|working|running|cycling)\s+through|[a-z]{3,}ing\s+(?=all\b|the\s+whole\b|the\s+entire\b|"
    r"every\s+(?:one|single)\b))\s*[^,.;:\n]{1,60}?(?=\s*,)|"
    # '…, then post the number of notes sent in #leads', '- then a count of the reminders to …': how many, once
    r"then\s+(?=(?:[\w-]+\s+){0,3}?(?:a|the|one)\s+(?:total\s+)?(?:number|count|tally)\s+of\b)|"
    # '…; then post a list of the cancelled ones', 'then send a summary of everyone who …': all of them, once
    r"then\s+(?=(?:[\w-]+\s+){1,3}?(?:a|one|the)\s+(?:short\s+|single\s+)?(?:list|summary|recap|round-?up)\s+of\s+"
    r"(?:(?:the|all)\s+)?(?:[\w-]+\s+)?(?:ones|everyone|everybody|all|people|(?:[\w-]+\s+)?(?:sent|cancell?ed|warned|"
    r"texted|e-?mailed|notified|reminded|skipped|updated|processed|contacted))\b)|"
    # '…, and then post a single list of them to #leads': one thing made of all the items, after the last
    r"(?<=[,;]\s)(?:and\s+)?then\s+(?=(?:[\w-]+\s+){1,2}?(?:a|one|the)\s+(?:single\s+|combined\s+|short\s+)?"
    r"(?:list|summary|digest|report|overview|recap|round-?up)\s+of\s+(?:them|those|these|all)\b)|"
    # '…, then have an agent write ONE digest': one of a kind, made once after the items
    r"(?<=[,;]\s)(?:and\s+)?then\s+(?=(?:[\w-]+\s+){1,4}?(?:one|a\s+single|one\s+single|a\s+combined)\s+"
    r"(?:list|summary|digest|report|overview|recap|round-?up|briefing|brief|email|message|post)\b)|"
    # '…, then email me all the summaries', '…, then post them all to #eng': what each repeat made, together
    r"(?<=[,;]\s)(?:and\s+)?then\s+(?=(?:[\w-]+\s+){1,2}?(?:(?:all\s+(?:of\s+)?)?(?:the|these|those)\s+"
    r"(?:summaries|results|answers|findings|scores|translations|drafts|notes|reports|replies)\b|them\s+all\b|"
    r"all\s+of\s+them\b))|"
    # '…; post the rest as one summary to #orders': the items the loop left, together, once
    r"(?<=;\s)(?=(?:[\w-]+\s+)(?:the\s+rest|the\s+others|all\s+the\s+others|everything\s+else)\s+(?:as|in|into)\s+"
    r"(?:a|one)\s+(?:single\s+|combined\s+)?(?:list|summary|digest|report|message|post)\b)"
    r")\s*[,:]?\s*",
    re.I,
)


# a list of steps: numbered or bulleted lines
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s+\S", re.M)
_INLINE_ITEM = re.compile(r"(?:^|(?<=[\s:.]))\d{1,2}\)\s+\S")
# ('7.2 Kitchen sign-ups …': a contract's clause number, its dots and all)
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?(?=\s)|\d{1,2}[.)]?|[-*•])\s*(?=\S|$)")
# '… summary back into the Notes column': written into the item's own row, once per item
_BACK_INTO = re.compile(r"\bback\s+(?:in|into|to|on)\b", re.I)
# one thing made of all the items ('a digest', 'a briefing', 'how many went out'), or said to come after them
_MADE_OF_ALL = re.compile(
    r"\b(?:summ?[ae]ry|summaries|digest|briefing|report|overview|recap|round-?up|roll-?up|tally|"
    r"how\s+many|all\s+(?:of\s+)?(?:them|the|these|those)|(?:after|when)\s+(?:that|this|it'?s\s+done|done|finished)|"
    r"afterwards|at\s+the\s+end|finally|once\s+done|(?:after|outside|once|when)\s+(?:the\s+)?loop(?:\s+(?:is\s+)?(?:done|ends|finished))?)\b",
    re.I,
)
# 'post the summary to #inbox' after '-> AI summarises it' in a loop: the result of this item's step, not one of all
_ITEMS_OWN = re.compile(r"\b(?:the|its|that|this)\s+(?:summ?[ae]ry|report|overview|recap)\b", re.I)


def split_loop_end(text: str) -> tuple[str, str | None]:
    """(what repeats, what runs after the loop) for a text that says where its loop ends."""
    found = LOOP_END.search(text)
    if not found:
        return text, None
    if text[found.end() :].strip(" .!;"):
        return text[: found.start()], text[found.end() :]
    # '… on the web and email me a summary when it's done': the words close the clause they put after the items
    head = text[: found.start()]
    joint = list(re.finditer(r"\s*(?:[,;]\s*(?:and\s+|then\s+)*|\s+(?:and|then)\s+(?:then\s+)?)", head))
    if not joint or not head[joint[-1].end() :].strip():
        return (text, None) if not head.strip() else ("", head)
    return head[: joint[-1].start()], head[joint[-1].end() :]


# 'every subscriber in the Airtable 'Subscribers' table', 'each URL listed in my 'Sites' sheet', 'every link in the
# Watchlist column of the 'Competitors' Google Sheet': the list the items are read from
# what is said of the items between their noun and their place: 'every paddler booked tomorrow in the Airtable table
# …', 'each member registered in the sheet …', 'every guest signed up for today on the list': a participle (and the day
# it is said of) that tells which of the place's items, never a step
_ITEMS_SAID = (
    r"(?:(?:who|that)\s+(?:is|are|was|were|have\s+been|has\s+been)\s+)?"
    r"(?:(?:[a-z]{2,}ed|signed\s+up|set\s+down|down|listed|kept|found|written)"
    r"(?:\s+(?:for\s+|on\s+)?(?:today|tomorrow|tonight|this\s+\w+|next\s+\w+|(?:the\s+)?\w+day))?\s+)?"
)
_PLACE = re.compile(
    r"\s+" + _ITEMS_SAID + r"(?:in|on|from|of)\s+"
    r"(?:the\s+|our\s+|my\s+|your\s+)?(?:[\w'\"“”-]+\s+(?:column|field)\s+(?:of|in|on)\s+(?:the\s+|our\s+|my\s+|your\s+)?)?"
    r"(?:(?:[\w'\"“”-]+\s+){0,4}?(?:sheet|spreadsheet|tab|table|base|list|database|calendar|board|audience|crm|inbox)s?\b"
    r"(?:\s+(?:of|in|on)\s+(?:the\s+|our\s+|my\s+)?(?:airtable|google\s+sheets?|notion|supabase|hubspot|excel)"
    r"(?:\s+(?:sheet|table|base|database))?)?"
    # ("every client booked in Airtable 'Weekend Bookings'": the service, then the name it gives the place)
    r"|(?:airtable|google\s+sheets?|notion|supabase|excel)(?=\s+(?:called\s+|named\s+)?['\"“‘][^'\"”’\n]{1,60}['\"”’]))"
    # 'every customer in the Google Sheet "Customers"': the name given after the noun is the place's too
    r"(?:\s+(?:called\s+|named\s+)?(?:\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|‘[^’\n]{1,60}’|'[^'\n]{1,60}'(?!\w)))?",
    re.I,
)


_PLACE_LEAD = re.compile(
    r"^\s*" + _ITEMS_SAID + r"(?:in|on|from|of)\s+",
    re.I,
)


# '… back into column D'; 'mark that row's Contacted column', 'update the matching record', 'set its row's
# status': the item's own record, in the list it was read from
_WRITES_BACK = re.compile(
    r"\bback\s+(?:in|into|to|on|onto)\b"
    # 'write a short profile into the notes column', '… in column D': a column of the item's own row
    r"|\b(?:in|into|under)\s+(?:the\s+|its\s+|their\s+)(?:[\"'“‘]?[\w-]+[\"'”’]?\s+){1,2}column\b"
    r"|\b(?:in|into)\s+column\s+[A-Z]\b"
    r"|^\W*(?:(?:and|then|also)\s+)*(?:"
    + "|".join(lx.lexicon()["operation_verbs"]["update"])
    + r"|"
    + _WRITE
    + r")\b[^,;]*?\b(?:that|this|its|their|the\s+same|the\s+matching|the\s+(?:[\w-]+'s|item's))\s+"
    r"(?:row|record|entry|page|line|item)(?:'s)?\b"
    # 'then set 'nudged' to true for that user', 'flag it as paid on that invoice': the item, by its own noun
    r"|^\W*(?:(?:and|then|also)\s+)*(?:"
    + "|".join(lx.lexicon()["operation_verbs"]["update"])
    + r")\b[^,;]*?\b(?:for|on|of|against)\s+(?:that|this|the\s+same|each\s+such)\s+[\w-]+\b"
    # ('… for each order in the sheet, …, mark the row as sent', 'set the status column to notified': inside a walk
    # over a list, the row and its columns are the item's own)
    r"|^\W*(?:(?:and|then|also)\s+)*(?:"
    + "|".join(lx.lexicon()["operation_verbs"]["update"])
    + r")\b[^,;]*?\bthe\s+(?:row\b|(?:[\"'“‘]?[\w-]+[\"'”’]?\s+){1,2}column\b)"
    # ('…, then mark it as sent', 'flag them as paid': the item itself, by a pronoun)
    r"|^\W*(?:(?:and|then|also)\s+)*(?:mark|flag|tick|set)\s+(?:it|them|each\s+one)\s+(?:as|to)\s+[\"“'‘]?\w"
    # ('… for every batch below 4.2 I set its status to 'Ready'', '… set the status to 'Fertig'': a field of the item's
    # own, by its possessive, to a value ('set their priority to urgent' after a list read is a change of the records
    # read: lexicon.json 'records_changed')
    # (said after the test, by its doer: '… whose proof time is over 18 hours I set its status to 'Bake'')
    r"|(?:^\W*(?:(?:and|then|also)\s+)*(?:(?:i|we)\s+)?|\b(?:i|we)\s+)(?:"
    + "|".join(lx.lexicon()["operation_verbs"]["update"])
    + r")\s+(?:its\s+(?:[\"'“‘]?[\w-]+[\"'”’]?\s+){1,2}|the\s+(?:"
    + lx.lexicon()["records_changed"]["fields"]
    + r")\s+)(?:to|as)\s+[\"“'‘]?\w",
    re.I,
)


def _read_back(
    clause: str,
    home: str | None,
    description: str,
    ruled_out: dict[str, set[str]],
    source: Step | None = None,
) -> list[Step]:
    """A clause's steps; one that writes 'back' ('… back into column D', '… back into the same sheet', 'mark
    that row's … column') and names no service of its own writes to `home`, the service its items were read
    from — to the same table or sheet as `source`, the read, when that names one."""
    read = read_clause(clause, description, ruled_out)
    if (
        home not in lexicon()["integrations"]
        or not _WRITES_BACK.search(clause)
        or any(s.kind == "action" for s in read)
        or lx.integrations_in(clause)
    ):
        return read
    phrase = lexicon()["integrations"][home]["phrases"][0].strip()
    placed = read_clause(f"{clause} in {phrase}", description, ruled_out)
    if not any(s.kind == "action" and s.integration == home for s in placed):
        return read
    return _into_source(placed, home, source)


def _into_source(placed: list[Step], home: str | None, source: Step | None) -> list[Step]:
    """`placed` with each write to `home` that names no table or sheet of its own aimed at the one `source`
    read: an item's own row is in the list it came from."""
    from lib.generation.services import resource_after_name

    for step in placed:  # the same table or sheet the items came from
        field = resource_after_name(step.type)
        given = str(step.values.get(field) or "") if field else ""
        taken = source.values.get(field) if source is not None and field else None
        if field and taken and step.integration == home and (not given or given.startswith("{{")):
            step.values[field] = taken
    return placed


def _placed_back(text: str, home: str | None, description: str = "") -> str:
    """`text` with each clause that writes back to the item's own record ('then mark that row's Contacted column
    as yes') and names no service of its own placed in `home`, the service the items were read from (with none
    read in the sentence, the service whose table or sheet the description names last before it: '… every order in
    the Supabase table 'scan_orders' …; for each one, text the customer, then set 'notified' to true on that order')."""
    if home is None and description:
        home = _table_said_before(description, text)
    entry = lexicon()["integrations"].get(home or "")
    if entry is None:  # no list read, or one read from a service with no block of its own
        return text
    phrase = entry["phrases"][0].strip()
    for part in clauses(text):
        if _WRITES_BACK.search(part) and not lx.integrations_in(part):
            text = text.replace(part, f"{part.rstrip(' ,;.')} in {phrase}", 1)
    return text


# 'the Supabase table 'scan_orders'', 'our Airtable base', 'the Google Sheet "Leads"': a service's list, by its noun
_TABLE_NOUN = re.compile(
    r"\b(?:table|sheet|spreadsheet|base|database|tab|list|collection)s?\b|[\"'“‘][^\"'”’\n]{1,40}[\"'”’]",
    re.I,
)


def _table_said_before(description: str, text: str) -> str | None:
    """The service whose table, sheet or list the description names last before `text` (its first clause), when
    `text` is there: where the items a later sentence walks were read."""
    first = (clauses(text) or [text])[0].strip(" ,;.")
    at = description.find(first) if first else -1
    if at <= 0:
        return None
    said = description[:at]
    for pos, key in reversed(lx.integrations_in(said)):
        if _TABLE_NOUN.match(said, pos + 1) or _TABLE_NOUN.search(said[pos : pos + 60]):
            return key
    return None


def _home(steps: list[Step]) -> str | None:
    """The service of the last list read among `steps`: where a write back to an item's own record goes."""
    return next((s.integration for s in reversed(steps) if s.kind == "source" and s.integration), None)


_EACH_ROUTED = re.compile(
    r"\b(?:route|sort|triage|classify|categori[sz]e|dispatch|file|forward|send|pass|assign|handle|process|treat|"
    r"deal\s+with)\s+(?:each|every)(?:\s+one|\s+of\s+them|\s+item)?\b"
    # 'let AI decide which trade each one is', 'have the AI decide whether each one is landscaping or …'
    r"|\b(?:whether|if|which\s+[\w-]+)\s+(?:each|every)(?:\s+one|\s+of\s+them|\s+item)?\s+is\b",
    re.I,
)


# 'check who has a balance over 100 dollars', 'find which invoices are overdue': which items the next step is for
_PICKED = re.compile(
    r"^\s*(?:and\s+|then\s+)*(?:check|find|see|work\s+out|figure\s+out|identify|spot|look\s+for|pick\s+out|filter)"
    r"\s+(?:out\s+)?(?:who|which|whichever)\b\s*(?P<test>\S.*?)\s*$",
    re.I,
)


def _route_each(sentence: str, routed: list[Step]) -> list[Step]:
    """'read the new rows … and route each one: …': the routing repeats for every item read before it."""
    at = next((i for i, s in enumerate(routed) if s.kind in ("router", "condition")), None)
    if at is None or not _EACH_ROUTED.search(sentence) or not any(s.kind == "source" for s in routed[:at]):
        return routed
    # ('…, have the AI decide whether each one is …, and forward each one: …': the judgement of each item too)
    at = max((i + 1 for i, s in enumerate(routed[:at]) if s.kind == "source"), default=at)
    loop = Step("loop", "loop", label="item", text=sentence, loop_type="forEach", body=routed[at:])
    return routed[:at] + [loop]


@lru_cache(maxsize=1)
def _placing() -> str:
    """A clause that opens on a verb whose place is where its object goes ('log every …', 'also add each …')."""
    verbs = "|".join(lexicon()["placing_verbs"])
    return r"^\W*(?:(?:and|then|also|please|just)\s+)*(?:" + verbs + r")(?:s|ed|d)?\s*$"


def _the_item(m: re.Match[str]) -> str:
    return "the " + (m.group(1) or "person")


_EACH_OF = re.compile(r"\beach of (?:the|these|those|my|our|your|their|its)\s+", re.I)
# 'research each of the suppliers in our 'Suppliers' table': the noun after 'each of the', where a place may follow
# ('email each of the first three people on the waitlist': the noun after the rank and the count)
_EACH_OF_NOUN = re.compile(
    r"\b(?:each|every\s+one)\s+of\s+(?:the|my|our|your)\s+(?:(?:first|next|top|last)\s+)?"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|few)\s+)?([a-z][\w-]*)",
    re.I,
)
_EACH_NOUN = re.compile(
    # 'summarize what each one is asking', 'how each rep did': inside a question clause 'each' names no list
    r"(?<!\bwhat )(?<!\bhow )(?<!\bwhy )(?<!\bwho )(?<!\bwhere )"
    r"(?<!\bof )(?<!before )(?<!after )(?<!during )(?<!\bper )"
    # 'an AI pulls out every key date': what an extraction answers with, a list, not one to repeat over
    r"(?<!\bpull out )(?<!\bpulls out )(?<!\bpick out )(?<!\bpicks out )(?<!\bextract )(?<!\bextracts )"
    # 'a chat assistant that remembers each customer's preferences': whom a memory is kept for, one per chat
    r"(?<!\bremember )(?<!\bremembers )(?<!\brecall )(?<!\brecalls )"
    r"\b(?:each|every)\s+(?!(?:day|morning|evening|night|afternoon|hour|minute|week|weekday|weekend|month|year|"
    r"time|other|single|one of|quarter|quarter-hour|half-hour|half|fortnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    # 'the top 5 links with a summary each to #press': 'each' after its noun shares out, it names no list
    r"to|on|in|into|for|and|or|from|with|at|by|via|as|then)\b)([a-z][\w-]*)"
    # ('an email from anyone at @acme.com': who sends it, no list)
    r"|(?<!\bwhat )(?<!\bhow )(?<!\bwhy )(?<!\bfrom )\b(?:every|each|any)(?:one|body)\b",
    re.I,
)


_WHERE = re.compile(
    # 'where .severity == "critical"', 'where truck.state == 'idle'': a field path as the data spells it
    # ("where the 'done' field is 'yes'", "whose 'paid' column says 'no'": the field's name quoted as the data heads it)
    r"[\w-]+(?:\s+[\w-]+)?\s+(?:where|whose)(?:\s+(?:the\s+|its\s+)?|\s*(?=\.))"
    r"(?:[\"“'‘][\w .-]{1,40}[\"”'’]|\.?[\w-]+(?:\.[\w-]+)*)(?:\s+[\w-]+)?\s*"
    # ('whose status is not 'paid'', 'where state != done': the value it does not hold)
    r"(?:==?|!=|\bis(?:\s+not)?\b|\bisn['’]t\b|\bequals\b|\bsays\b)\s*"
    # 'where quantity is below 15': a comparison, read as a threshold, not the value 'below'
    r"(?!(?:under|over|below|above|more|less|fewer|greater|higher|lower|equal|at\s+(?:least|most)|within|between|"
    # 'whose deadline is exactly 14 days away', 'whose renewal is in 30 days': a date N days on, not a value
    r"older|newer|not|exactly|in\s+\d|\d+\s*(?:day|week|month)s?)\b)[\"“']?[\w-]+[\"”']?",
    re.I,
)


# 'each report with severity 'high'', 'every task with priority "urgent"': a field and the value it holds
_WITH_QUOTED = re.compile(
    r"[\w-]+(?:\s+[\w-]+)?\s+with\s+(?:an?\s+|the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:of\s+|=\s*)?[\"“'‘][^\"”'’\n]{1,40}[\"”'’]",
    re.I,
)


# 'each order in the Google Sheet 'Orders' whose status is packed': the place the items are in, said between the
# noun and the test on them
_PLACE_BEFORE_TEST = re.compile(
    r"(?<=[\w-])\s+(?:in|from|on)\s+(?:the\s+|our\s+|my\s+|their\s+)?(?:[\w.-]+\s+){0,3}?"
    r"(?:[\"“'‘][^\"”'’\n]{1,40}[\"”'’](?:\s+(?:table|sheet|tab|base|list|database|workbook))?|[\w.-]+)"
    r"(?=\s+(?:where|whose)\b)",
    re.I,
)


def _qualifier(sentence: str, start: int) -> int | None:
    """End of 'one that has been open for more than 7 days' / 'customer with over 10000 dollars lifetime value'."""
    rest = sentence[start:]
    stop = re.search(r",(?!\d{3}\b)|[;:]|$", rest)  # '€1,000' is one number
    limit = stop.start() if stop else len(rest)
    where = _WHERE.match(rest[:limit]) or _WITH_QUOTED.match(rest[:limit])
    if where:  # 'for each row where status = shipped', 'every invoice whose status is overdue'
        return start + where.end()
    noun = re.match(r"[\w-]+", rest)
    place = _PLACE_BEFORE_TEST.match(rest, noun.end()) if noun else None
    if (
        noun and place
    ):  # ('each order in the sheet 'Orders' whose status is packed': the test after the place)
        where = _WHERE.match(rest[: noun.end()] + rest[place.end() : limit])
        if where:
            return start + where.end() + len(place.group(0))
    own = _BELOW_ITS_OWN.match(rest[:limit])
    if (
        own
    ):  # 'for every item below its reorder level I create …': a test of the item against a field of its own
        end = own.end()
        while True:
            word = re.match(r"\s+([\w-]+)", rest[end:limit])
            if (
                not word
                or end - own.end() > 40
                or ACTION_START.match(rest, end + word.start(1))
                or word.group(1).lower()
                in ("and", "then", "if", "to", "i", "we", "it", "they", "she", "he", "you")
            ):
                return start + end if end > own.end() else None
            end += word.end()
    # 'with humidity 85 or higher', 'whose end date is within the next 14 days': a number first, a date window
    found = (
        lx.DATE_WINDOW_RE.search(rest[:limit])
        or lx.THRESHOLD_RE.search(rest[:limit])
        or lx.OR_MORE_RE.search(rest[:limit])
    )
    window = _NOT_A_CONDITION.search(rest[:limit])
    if (
        window
        and re.match(r"over\s", window.group(0), re.I)
        and re.search(r"\bbeen\b", rest[: window.start()], re.I)
    ):
        window = None  # 'one that has been open over 4 hours': how long its state lasts, tested
    if not found or (
        found.re is not lx.DATE_WINDOW_RE
        and window
        and not (re.match(r"over\b", found.group(0), re.I) and lx.named_field(rest[:limit]))
    ):  # 'from the last 3 days' is a window; 'with a delay over 3 days' names what each item is tested on
        return None
    end = found.end()
    while True:  # words after the number still describe it ('dollars lifetime value'); a verb starts the body
        word = re.match(r"\s*([\w$%-]+)", rest[end:limit])
        if (
            not word
            or ACTION_START.match(rest, end + word.start(1))
            or word.group(1).lower() in ("and", "then", "if", "to")
            # 'for each one over $3,000 it emails …': the routine's doer starts what is done to each
            or (
                word.group(1).lower() in ("it", "she", "he", "they")
                and (acts := _DOER_ACTS.match(rest, end + word.end())) is not None
                and _base_verb(acts.group(1)) is not None
            )
            # 'more than 30 days overdue a polite reminder': an article after the test starts the thing sent
            # (not 'over 3 orders a month', a rate)
            or _OBJECT_AFTER_TEST.match(rest, end + word.start(1))
            # 'every batch below 4.2 set its status to 'Ready'': a change of the item's own field starts the body
            or _SETS_OWN.match(rest, end + word.start(1))
        ):
            return start + end
        end += word.end()


_SETS_OWN = re.compile(
    r"(?:"
    + "|".join(lx.lexicon()["operation_verbs"]["update"])
    + r")\s+(?:(?:its|their)\s+[\w\"'“‘-]|the\s+(?:"
    + lx.lexicon()["records_changed"]["fields"]
    + r")\s+(?:to|as)\b)",
    re.I,
)


# the words that compare an item with a level: 'below its reorder level', 'more than their quota'
COMPARED_WITH = r"below|under|beneath|above|over|less\s+than|more\s+than|lower\s+than|higher\s+than|fewer\s+than|greater\s+than"
# 'item below its reorder level', 'plant that is under its minimum stock': the item compared with a field of its own
_BELOW_ITS_OWN = re.compile(
    r"[\w-]+(?:\s+(?:that|which)\s+(?:is|are|has\s+(?:fallen|dropped|gone)|falls?|drops?|goes))?\s+"
    r"(?:is\s+|are\s+)?(?:"
    + COMPARED_WITH
    + r"|at\s+or\s+(?:below|under|above|over))\s+(?:its|their)\s+[\w-]+",
    re.I,
)
_DOER_ACTS = re.compile(r"\s+(?:(?:also|then|just|will|should|must|would|can)\s+)*([a-z]+)\b", re.I)
_OBJECT_AFTER_TEST = re.compile(
    r"(?:a|an)\s+(?!(?:day|week|month|year|hour|minute|night|quarter|person|head|piece|time)s?\b)[\w-]+", re.I
)


_STATE = re.compile(
    # a state ('that is approved') or one thing the item carries ('that has a gift note'); 'that has external
    # attendees' describes the item's list, which no word of its data spells
    r"[\w-]+(?:\s+[\w-]+)?\s+(?:that|which|who)\s+(?:"
    r"(?:is|are|was|were|got|gets|(?:came|comes|come)\s+back|ended\s+up)\s+(?:been\s+)?(?P<not>not\s+)?(?:(?:a|an|the)\s+)?"
    r"|(?:has|have|had|carries|carry)\s+(?:(?P<no>no)\s+|an?\s+)"
    # 'each plot holder who hasn't paid the £45 rent', 'every guest who didn't reply': a thing the item has not done
    r"|(?P<undone>(?:has|have|did|does|do)(?:\s+not|n['’]t)\s+(?:yet\s+)?)(?=[a-z]+(?:ed|id|aid|ent|one)\b))"
    # 'each load without a driver assigned': one thing the item lacks
    r"|[\w-]+(?:\s+[\w-]+)?\s+(?P<without>without)\s+(?:an?\s+|any\s+|the\s+)?"
    # 'every student marked absent', 'each ticket tagged urgent': a state said by its participle alone
    r"|[\w-]+\s+(?:marked|flagged|tagged|labell?ed)\s+(?:as\s+)?(?=[\"“'‘]?\w)"
    # 'any that mention 'outage'', 'each message which doesn't contain invoice': words the item's text holds; 'each
    # order that asks for engraving', 'each order where the customer asked for a custom moss': what it asks for
    r"|[\w-]+(?:\s+[\w-]+)?\s+(?:that|which|who|where\s+(?:the|its|their)\s+[\w-]+)\s+"
    r"(?P<dont>(?:do|does|did)(?:\s+not|n['’]t)\s+)?"
    r"(?:mentions?|contains?|includes?|says?|references?|(?:asks?|asked|ask)\s+for|requests?|requested)\s+"
    r"(?:an?\s+|the\s+)?"
    # 'the ones with a .edu email address', 'each contact with an @acme.com address': a mark the item's text holds
    r"|[\w-]+(?:\s+[\w-]+)?\s+(?P<with>with)\s+(?:an?\s*(?=\.)|an?\s+|the\s+)?(?=(?:[\w-]*\.[a-z]{2,}|@[\w.-]+)\b)",
    re.I,
)


_PHRASE_ENDS = frozenset(
    ("and", "then", "in", "on", "from", "to", "into", "onto", "for", "as", "with", "via", "at")
)


def _counter_items(sentence: str, test: Step) -> str | None:
    """The action a sentence gives the items a per-item test leaves: 'Otherwise …', 'The others get …', or the
    opposite of a 'without X' / 'with X' test ('loads with a driver get an SMS …'); None when it gives none."""
    at = implied_else(sentence, test)
    if at is not None and sentence[at:].strip():
        said = _route_of(sentence[at:]) if at == 0 else None
        return said[1] if said else sentence[at:]
    found = re.match(
        r"^\s*(?:and\s+)?(?:the\s+|all\s+|any\s+)?[\w-]+\s+(?P<w>with|without)\s+(?:an?\s+|the\s+|any\s+)?"
        r"(?P<what>[\w\s-]+?)\s+(?P<v>get|gets|are|is|should\s+be|go|goes|will\s+get)\s+(?P<rest>\S.*)$",
        sentence,
        re.I,
    )
    if found is None or (found.group("w").lower() == "without") == test.negate:
        return None
    words = found.group("what").lower().split()
    if not words or words[0] not in test.label.lower():
        return None
    said = _route_of(f"these {found.group('v')} {found.group('rest')}")
    return said[1] if said else None


def _other_items(text: str) -> tuple[str, str]:
    """(what is done to the items a per-item test keeps, what is done to the others): '…, otherwise add a
    comment', '…, and the others get a thank-you email' (read as 'send a thank-you email')."""
    parts = _ELSE.split(text, maxsplit=1)
    if len(parts) > 1 and parts[0].strip():
        return parts[0], parts[1]
    rest = re.search(r"[,;]\s*(?:and\s+|but\s+)?(?=" + _REST_WORDS + ")", text, re.I)
    if rest:
        said = _route_of(text[rest.end() :])
        return text[: rest.start()], (said[1] if said else text[rest.end() :])
    return text, ""


def _state_of(sentence: str, start: int) -> tuple[int, str, bool] | None:
    """(end, test, negated) for an item qualified by a state or a part it has: 'request that is approved' →
    it mentions 'approved'; 'order that has a gift note' → it mentions 'gift note' (the words, as one phrase)."""
    found = _STATE.match(sentence, start)
    if not found:
        return None
    negated = bool(found.group("not") or found.group("no") or found.group("without") or found.group("dont"))
    if found.group(
        "undone"
    ):  # 'who hasn't paid the £45 rent': the item has not done it (the amount is the message's)
        verb = re.match(r"[a-z]+", sentence[found.end() :], re.I)
        if verb is not None:
            return found.end() + verb.end(), f"it has not {verb.group(0).lower()}", False
    mark = re.match(r"[\w-]*\.[a-z]{2,}|@[\w.-]*\w", sentence[found.end() :]) if found.group("with") else None
    if mark:  # 'with a .edu email address': the mark, then the words that say where it is, up to a verb
        end = found.end() + mark.end()
        said = re.match(
            r"\s+(?:(?:e-?mail|web)\s+)?(?:address(?:es)?|domains?|accounts?|e-?mails?|urls?)\b",
            sentence[end:],
        )
        return end + (said.end() if said else 0), f"it mentions '{mark.group(0)}'", False
    # 'each ticket tagged 'urgent'', 'each request marked priority 'emergency'', 'that mention our game 'Tidewater''
    quoted = re.match(r"(?:[\w-]+\s+){0,2}[\"“'‘]([^\"”'’\n]{1,40})[\"”'’]", sentence[found.end() :])
    if quoted:  # 'each ticket tagged 'urgent'', 'each request marked priority 'emergency''
        return found.end() + quoted.end(), f"it mentions '{quoted.group(1)}'", negated
    field = re.match(r"[a-z][a-z0-9]*_\w+\b", sentence[found.end() :], re.I)
    if (
        field
        and re.match(
            r"(?:has|have|had|carries|carry|with)\b",
            found.group(0).split()[-2 if len(found.group(0).split()) > 1 else 0],
            re.I,
        )
        is None
    ):
        field = None if not found.group("without") else field
    if (
        field
    ):  # 'that has an error_code', 'without a tracking_number': a field the item holds (or holds nothing in)
        name = field.group(0)
        return found.end() + field.end(), (f"it has no {name}" if negated else f"its {name} is set"), False
    end, words = found.end(), []
    for word in re.finditer(r"\s*([\w-]+)", sentence[found.end() :]):
        at = found.end() + word.start(1)
        if ACTION_START.match(sentence, at) or word.group(1).lower() in _PHRASE_ENDS:
            break
        if sentence[end:at].strip():  # a comma or other mark ends the phrase
            break
        words.append(word.group(1))
        end = found.end() + word.end()
        if len(words) == 3:
            break
    if not words or any(w[0].isdigit() for w in words):
        return None
    phrase = " ".join(words)
    return end, f"it mentions '{phrase}'", negated


def _options(text: str) -> list[str]:
    words = [
        re.sub(r"\s+(?:and|or|then|to)$", "", w.strip())
        for w in re.split(r"\s*/\s*|\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", text)
    ]
    return [w for w in words if w and w.lower() not in ("and", "or", "then")]


def _router(sentence: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step] | None:
    """'route by category: …', 'route it: sales to …', 'sort into billing / technical / account'."""
    bare = lx.URL_RE.sub(lambda m: " " * len(m.group(0)), sentence)  # 'https:' is no 'route it:'
    route = _ROUTE.search(bare) or _ROUTE_ON.search(bare)
    if not route and not _IF.search(sentence):
        routes = _category_routes(sentence, description, ruled_out)
        if routes is not None:
            return routes
    sort = None if route else _SORT.search(lx.URL_RE.sub(lambda m: " " * len(m.group(0)), sentence))
    test = _IF.search(sentence)
    if sort and test and not sort.start() <= test.start() < sort.end():
        sort = None  # a test of its own, not the options of a classification
    if not route and not sort:
        return None
    labels: list[str] = []
    if sort:
        labels = _options(sort.group(1) or sort.group(2))
        criterion = "category"
        before, after = sentence[: sort.start()], sentence[sort.end() :]
        verb = re.match(
            r"\s*(?:sort|triage|bucket|split|separate|divide|dispatch)\w*\s+",
            before + sentence[sort.start() :],
            re.I,
        )
        before = before if sort.group(2) or not verb else sentence[: sort.start()]
    elif route:
        said = next((g for g in route.groups() if g), None) if route.re is _ROUTE else None
        # (a named field keeps its quotes and case: the router reads that field of the data)
        criterion = (
            said
            if said and not said.isalnum() and re.match(ROUTED_FIELD, said)
            else (said or "category").lower()
        )
        before, after = sentence[: route.start()], sentence[route.end() :]
    step = Step("router", "router", label=criterion, text=sentence)
    rest: list[Step] = []
    routes_text = re.sub(
        r"^[^\w'\"‘“]*(?:and\s+)?(?:to|:)?\s*", "", after
    )  # "Route it: 'access' …" keeps its quote
    said_test = re.match(r"(?:and\s+)?(?:only\s+)?if\b[^,;]*,\s*(?:then\s+)?", routes_text, re.I)
    if route and said_test and ACTION_START.match(routes_text[said_test.end() :]):
        # 'please sort it: if it's a catering request, email …; if it's a job application, …': tests said in full,
        # each with its verb, read as such (exclusive ones become one decision; not 'route it: if the country is Spain
        # to the sheet …, if Mexico to …', routes that name where each goes)
        return None
    if route and clauses(routes_text) and numeric_head(clauses(routes_text)[0]):
        # 'route it by seats: seats >= 100 -> …; 10-99 -> …': bands of one value are tests, not categories
        return read_clauses(before, description, ruled_out) + (
            _bare_condition(routes_text, description, ruled_out) or []
        )
    for label in labels:  # '… technical to #tech and account to the table': each label starts a route
        routes_text = re.sub(
            r"\s+and\s+(?=" + re.escape(label) + r"\s+(?:to|go|goes|should)\b)", ", ", routes_text, flags=re.I
        )
    for clause in _route_clauses(routes_text):
        _, colon, tail = clause.rpartition(":")
        if colon and any(re.match(r"^\W*" + re.escape(w) + r"\b", tail.strip(), re.I) for w in labels):
            clause = tail  # '… and send it to the right contractor: plumbing on WhatsApp': the route after the colon
        said = _route_of(clause)  # 'warm leads get an email to …': the action that route takes
        branch = read_clause(
            said[1] if said and not _DESTINATION.match(clause) else clause, description, ruled_out
        )
        sent = _sent_to(clause)
        if sent and not any(s.kind == "action" for s in branch):
            branch = read_clause(sent, description, ruled_out) or branch
        if not branch and not (
            said and _NOTHING.match(said[1]) and sort
        ):  # 'for spam, he does nothing': a route
            continue
        label = re.split(
            r"\b(?:go(?:es)?|to|should|shall|must|will|get|gets|are|is|becomes?|turns?\s+into)\b|→|->",
            clause,
            maxsplit=1,
        )[0].strip(" :")
        if said and re.search(r"->|→|=>|\s=\s", clause):  # 'delayed = email the customer': the category said
            label = said[0]
        named = next(
            (
                w
                for w in labels
                # ('bugs become Linear issues' names the category 'bug')
                if re.match(r"^\W*(?:[\w-]+\s+)?" + re.escape(w) + r"(?:s|es)?\b", clause.strip(), re.I)
            ),
            None,
        )
        if sort and not named:
            rest += branch  # 'sort into A / B / C and post a digest': a step after the routing, not a route
            continue
        if (
            route
            and step.branches
            and not named
            and ACTION_START.match(clause.strip())
            # ('booking → insert into …': a category of its own, before its arrow, whatever verb its word spells)
            and not re.match(r"\W*[\w'’ /&-]{1,30}?\s*(?:->|→|=>)", clause)
            # ('book orders go into …': one said going somewhere)
            and not _KIND_GOES.match(clause)
            and not ACTION_START.match(clauses(routes_text)[0].strip())
        ):
            # 'under $5k add them to …, over $50k ping #enterprise and create a deal in HubSpot': where each route
            # starts with its category, a verb with no category of its own goes on with the route before it
            step.branches[-1] = (step.branches[-1][0], step.branches[-1][1] + branch)
            continue
        step.branches.append((named or " ".join((label or clause).split()[:3]), branch))
    if labels:
        step.label = f"{criterion}: {' / '.join(labels)}"
    step.body = rest
    # 'have GPT-4o sort the lead into …', 'let Claude classify …': who sorts is the router's model, not a step
    models = "|".join(re.escape(m) for m in sorted(lexicon()["models"], key=len, reverse=True))
    before = re.sub(
        rf"\b(?:have|let|use|ask|get)\s+(?:{models}|ai|an\s+ai|the\s+ai)(?:\s+to)?\s*$",
        "",
        before,
        flags=re.I,
    )
    return read_clauses(before, description, ruled_out) + [step]


# 'bug -> open a Linear issue', 'sales: create the contact', 'bugs become Jira tickets', 'feedback is added to …'
_ARROW = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+|all\s+|any\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s*(?:->|→|=>|:)\s*(\S.*)$",
    re.I,
)
_BECOMES = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+|all\s+|any\s+)?("
    + _CATEGORY_WORD
    + r"(?:\s+(?:&\s+)?[a-z][\w-]*){0,3}?"  # ('Damp & Mould reports are …': a category of two words)
    + _CATEGORY_ABOUT
    + r")\s+"
    r"(?:(?:should\s+|will\s+)?(?:become|becomes|turn into|turns into|are turned into|get turned into)|"
    # ('Billing tickets SHALL be e-mailed to …', 'bugs must be filed as …', 'are to be raised as …': a clause's passive)
    r"(?:are|is|get|gets|(?:should|shall|must|will|are\s+to|is\s+to)\s+be|should get)\s+(?=(?:added|posted|sent|logged|"
    r"filed|saved|forwarded|emailed|e-mailed|appended|created|stored|written|put|dropped|answered|moved|pushed|copied|"
    r"shared|escalated|raised|recorded)\b)|(?=(?:create|creates|open|opens|get|gets)\s+(?:a|an|the)\b))\s*(\S.*)$",
    re.I,
)


# 'classify it', 'route them by topic', 'sort each request': a verb that sorts, said before its routes
_SORTS = re.compile(
    r"^\s*(?:and\s+|then\s+)?(?:classify|categori[sz]e|sort|route|triage|bucket|split|dispatch)\w*\b[^:]{0,40}$",
    re.I,
)


# 'for sales, he adds a contact in HubSpot', 'for spam: nothing': a category, then what the bot does with it
_ACTS_FOR = re.compile(
    r"^\s*(?:and\s+)?(?:for|with)\s+(?:the\s+|all\s+|any\s+)?"
    r"(?!(?:example|instance|now|today|this|that|these|those|each|every|me|us|them|him|her|it|you|everyone|one)\b)"
    # ("for where's-my-order, look up …": a kind spelled with an apostrophe)
    r"(?P<cat>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}?)"
    r"(?:\s+ones)?\s*[,:]\s*(?P<act>\S.*)$",
    re.I,
)
# 'angry ones it send to #escalations', 'urgent ones she forwards to …': the kind, then the bot's act on it
# 'supplier invoices upload their attachment to …': a kind (a plural noun, up to three words), then a verb acting on
# what each item of it holds
_KIND_ACTS_ON_ITS = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+|all\s+)?(?P<cat>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?s)\s+"
    r"(?P<act>[a-z]+\s+(?:their|its)\s+\S.*)$",
    re.I,
)
_ONES_ACT = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+)?(?P<cat>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+ones\s+(?P<act>\S.*)$", re.I
)
# 'and other, just forward it to me', 'everything else: log it in the sheet': the kind left over, then the act on it
_LEFT_OVER = r"(?:and\s+)?(?P<cat>others?|(?:anything|everything)\s+else|(?:all\s+)?the\s+(?:rest|others))"
_REST_ACT = re.compile(
    # (not 'everything else gets a comment …': what is done to it, read as such)
    r"^\s*" + _LEFT_OVER + r"\s*[,:]?\s+(?!(?:gets?|got|is|are|goes|go|should|will|must|becomes?)\b)"
    r"(?P<act>(?:(?:just|simply|only|then)\s+)?[a-z]\S*\s.*)$",
    re.I,
)
_REST_KIND = re.compile(r"\s*" + _LEFT_OVER + r"\s*", re.I)


def _rest_acted(clause: str) -> bool:
    """Whether `clause` is the kind left over with its own act ('other just forward it to me')."""
    rest = _REST_ACT.match(clause)
    return rest is not None and _bare_verb(rest.group("act")) is not None


# who does it, said before the verb: 'he adds …', 'it simply ignores …', 'the bot posts …'
_DOER_FIRST = re.compile(
    r"^\s*(?:(?:it|he|she|they|we|the\s+(?:bot|assistant|agent))\s+)?(?:(?:just|simply|only|also|then|will|should)\s+)*",
    re.I,
)


def _route_clauses(text: str) -> list[str]:
    """The clauses of a list of routes; 'for sales, he adds …; for support, he creates …': routes said as 'for <kind>,
    <act>' and parted by ';' are one clause each (the comma after the kind parts nothing)."""
    # ('booking change -> update … | complaint -> email …': a bar between routes parts them as ';' does)
    pieces = [p for p in re.split(r"\s*;\s*|\s+\|\s+(?=[^|]*(?:->|→|=>))", text) if p.strip()]
    said = [_ACTS_FOR.match(p) for p in pieces]
    fors = [i for i, m in enumerate(said) if m is not None and _bare_verb(m.group("act")) is not None]
    if len(fors) < 2:
        if sum(1 for p in pieces if _route_of(p) is not None) >= 2:
            # 'Employment enquiries SHALL be e-mailed to …; Family enquiries SHALL be …': a ';' ends each route
            return [c for p in pieces for c in _apposed(_label_kept(p))]
        return _apposed(_kinds_kept(clauses(text)))
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if i in fors:
            out.append(piece.strip().rstrip("."))
        else:
            out += clauses(piece)
    return out


def _label_kept(piece: str) -> list[str]:
    """The clauses of one route; 'New booking → row in the Google Sheet …' keeps its kind before the arrow (a 'new …'
    before an arrow is no event of its own among routes)."""
    return _kinds_kept(clauses(piece))


def _kinds_kept(parts: list[str]) -> list[str]:
    """Clauses with a kind alone ('New booking') joined back to the arrow and act after it."""
    out: list[str] = []
    for part in parts:
        if (
            out
            and re.match(r"\s*(?:->|→|=>)\s*\S", part)
            and not re.search(r"->|→|=>", out[-1])
            and re.fullmatch(r"\s*(?:and\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}\s*", out[-1], re.I)
        ):
            out[-1] = f"{out[-1].rstrip()} {part.lstrip()}"
        else:
            out.append(part)
    return out


# 'forward to our accountant, books@ledgerly.co': an address alone after a comma names who the route before goes to
_ADDRESS_ONLY = re.compile(r"\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|#[\w-]+|\+?\d[\d ()-]{6,})\s*[.)]?\s*")


# "email the engineer, that's sam@loudhaus.studio", 'the head chef, who is marta@…': the address said of the person
_ADDRESS_SAID_OF = re.compile(
    r"\s*(?:that['’]?s|that\s+is|who['’]?s|who\s+is|i\.?e\.?|namely|aka)\s+(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|#[\w-]+|"
    r"\+?\d[\d ()-]{6,})\s*[.)]?\s*",
    re.I,
)


def _rejoined(parts: list[str], address: re.Pattern[str]) -> list[str]:
    """Clauses that are only an address said of the clause before, joined back to it: one message to that address,
    not a second one."""
    out: list[str] = []
    for part in parts:
        if out and address.fullmatch(part):
            out[-1] = f"{out[-1]}, {part.strip()}"
        else:
            out.append(part)
    return out


def _named_after(parts: list[str]) -> list[str]:
    """("email the engineer, that's sam@…"): the address said of the person the clause before names."""
    return _rejoined(parts, _ADDRESS_SAID_OF)


# ', who only reads WhatsApp: his number is …': what a route's person is, said after it — no route of its own
_RELATIVE_ONLY = re.compile(
    r"\s*(?:who|whom|whose)\b(?!\s+(?:is|are)\s+(?:a|an|the)?\s*[\w-]+\s+(?:->|→))[^;]*", re.I
)


def _apposed(parts: list[str]) -> list[str]:
    """A list of routes with an address said in apposition ('to our accountant, books@…'), or what the person a route
    goes to is ('to Giorgio, who only reads WhatsApp: …')."""
    return _rejoined(_rejoined(parts, _ADDRESS_ONLY), _RELATIVE_ONLY)


def _bare_verb(text: str) -> str | None:
    """'he adds a contact in HubSpot' → 'add a contact in HubSpot', 'it send to #x' → 'send to #x', 'he does
    nothing' → 'do nothing': the act with its doer dropped and its verb in the plain form; None when no act."""
    text = text[_DOER_FIRST.match(text).end() :]  # type: ignore[union-attr]
    # "don't reply at all - just forward it to Becca": the act is what it does instead
    instead = re.match(
        r"(?:do\s+not|don['’]t|never)\s+(?:[\w'’]+\s+){0,4}?[\w'’]+\s*(?:[-–—;,]|\bbut\b)\s*(?:but\s+)?(?:just|instead|simply|only)\s+",
        text,
        re.I,
    )
    text = text[instead.end() :] if instead else text
    word = re.match(r"([A-Za-z-]+)", text)
    if word is None:
        return None
    verb, rest = word.group(1), text[word.end() :]
    forms = [verb]
    low = verb.lower()
    if low.endswith("ies"):
        forms.append(verb[:-3] + "y")
    if re.search(r"(?:ss|sh|ch|x|o)es$", low):
        forms.append(verb[:-2])
    if low.endswith("s") and not low.endswith("ss"):
        forms.append(verb[:-1])
    for form in reversed(forms):
        said = form + rest
        if (
            ACTION_START.match(said)
            or _NOTHING.match(said)
            or re.match(r"(?:do|does)\s+nothing\b", said, re.I)
        ):
            return said
    return None


def _route_of(clause: str) -> tuple[str, str] | None:
    """(category, the clause to read for its action) when `clause` sends one category somewhere."""
    # '- 'x' -> post on X': a bulleted route; '4.3 Claims tickets SHALL be posted …': a numbered clause
    clause = re.sub(r"^\s*(?:[-*•]|\d{1,2}(?:\.\d{1,2})+\.?)\s+(?=\S)", "", clause).lstrip(" :;,")
    dashed = re.search(r"\s[—–]{1,2}\s", clause) if ":" not in clause else None
    if (
        dashed is not None
        and not re.search(r"->|→|=>", clause[: dashed.start()])
        # (only after words that say the items are told apart: not 'No emails please — volunteers ignore them')
        and re.search(
            r"\b(?:look(?:s|ing)?\s+at|check(?:s|ing)?|sort|classif|categori[sz]|route|triage|depending\s+on|"
            r"based\s+on|by\s+(?:its|their|the)\s)",
            clause[: dashed.start()],
            re.I,
        )
    ):
        # ('look at the stall type in the payment — food stalls go into …': a dash sets the routes off as a colon does)
        clause = f"{clause[: dashed.start()]}: {clause[dashed.end() :]}"
    label = re.match(r"\s*([a-z][\w -]{0,30}?)\s*:", clause, re.I)
    if label and label.group(1).lower() in lexicon()["section_labels"]:
        return None  # 'Non-goals: editing the sheet', 'Steps: read …': a ticket's heading, no category
    head, colon, tail = clause.partition(":")
    if colon and _SORTS.match(head) and tail.strip():
        return _route_of(tail)  # 'classify it: damaged goods reports go into …': the route after the colon
    aside = _CONTACT_ASIDE.search(clause)
    if aside is not None and (said := _route_of(clause[: aside.start()])) is not None:
        # 'Reeds jobs go to Giorgio, who only reads WhatsApp: his number is +39 …': the route, then whom to reach
        # and how, said after a colon (kept with the route's action, where its number or address is read)
        return said[0], f"{said[1].rstrip(' .')} ({aside.group('said').strip(' .')})"
    # 'bug -> …', 'delayed = email the customer' (an '=' between spaces), "'discord' -> …" (the value quoted)
    arrow = re.search(
        # ("'heating & boiler' -> …", '"damp / mould" -> …': a quoted category may join its words with & or /)
        r"(?:^|\s|:)(?:(?P<q>['\"‘“])(?=[^'\"’”\n]{1,30}['\"’”]\s*(?:->|→|=>)))?"
        # ("'bespoke' items → …": a quoted kind before the noun it qualifies)
        # ('- Community or school project → …': two kinds joined by 'or', one route)
        r"((?(q)(?:[a-z][\w-]*(?:\s*[&/+]\s*|\s+)){0,3}|(?:(?:['‘\"“]?[a-z][\w-]*['’\"”]?\s+){0,2}"
        r"|[a-z][\w-]*\s+or\s+(?:[a-z][\w-]*\s+)?))[a-z][\w-]*)"
        # ('general questions (prices, parking) -> …': what the category holds, said in brackets)
        r"(?(q)['\"’”])(?:\s*\([^()]{1,60}\))?\s*(?:->|→|=>|(?<=\s)=(?=\s))\s*(\S.*)$",
        clause,
        re.I,
    )
    if arrow:
        return arrow.group(2), _as_action(arrow.group(3))
    arrow = _ARROW.match(clause)
    if arrow:
        return arrow.group(1), _as_action(arrow.group(2))
    acted = _ACTS_FOR.match(clause)
    if acted:  # 'for sales, he adds a contact …': the bot's act for that kind
        action = _bare_verb(acted.group("act"))
        if action is not None:
            return acted.group("cat"), action
    rest = _REST_ACT.match(clause)
    if rest:  # '… and other, just forward it to me': the kind left over, then the act on it
        action = _bare_verb(rest.group("act"))
        if action is not None:
            return rest.group("cat"), action
    becomes = _BECOMES.match(clause)
    if becomes:
        action = becomes.group(2)
        done = re.match(r"(\w+)\b", action)
        verb = lexicon()["route_participles"].get(done.group(1).lower()) if done else None
        if (
            verb and done
        ):  # 'feature requests get dropped into …', 'questions get answered in #dev-help': what is done
            return becomes.group(1), verb + action[done.end() :]
        if re.match(
            r"(?:added|posted|sent|logged|filed|saved|forwarded|e-?mailed|appended|created|stored|written|put)\b",
            action,
            re.I,
        ):
            return becomes.group(1), action
        got = re.match(r"(?:get|gets)\s+(.*)$", action, re.I)
        if got:  # 'warm leads get an email to …', 'questions get an answer posted as a comment on GitHub'
            done = re.search(r"\b(posted|sent|added|created|filed|logged|forwarded)\b", got.group(1), re.I)
            verb = {
                "posted": "post",
                "sent": "send",
                "added": "add",
                "created": "create",
                "filed": "file",
            }.get(done.group(1).lower() if done else "", "log" if done else "")
            message = re.match(
                r"(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:e-?mail|message|sms|text|dm|notification|reply)\b",
                got.group(1),
                re.I,
            )
            return becomes.group(1), f"{verb or ('send' if message else 'create')} {got.group(1)}"
        return becomes.group(1), ("create " + action if not ACTION_START.match(action) else action)
    acted = _KIND_ACTS_ON_ITS.match(clause)
    if acted and ACTION_START.match(acted.group("act")):
        # 'supplier invoices upload their attachment to the Drive folder …' (read from 'get their attachment uploaded
        # to …'): a kind, then the act on what it holds
        return acted.group("cat"), acted.group("act")
    acted = _ONES_ACT.match(clause)
    if acted:  # 'angry ones it send to #escalations': the bot's act on that kind
        action = _bare_verb(acted.group("act"))
        if action is not None:
            return acted.group("cat"), action
    found = _DESTINATION.match(clause.split(":")[-1])  # 'Route them: invoices go to …'
    ignored = _IGNORED.match(clause) if found is None else None
    if ignored is not None:  # '… and spam just gets ignored': a route that ends the run
        return ignored.group("cat"), "ignore"
    if found is None and (quoted := _QUOTED_ACT.match(clause)) is not None:
        # "'outro' replies in WhatsApp with the opening hours": a kind said in quotes, then its act (the verb agreeing
        # with it: 'replies', 'opens', 'gets')
        action = _bare_verb(quoted.group("act"))
        if action is not None:
            return quoted.group("cat"), action
    return (found.group(1), clause.split(":")[-1]) if found else None


# ': his number is +39 …', ': her address is …', ': the chat id is …': after a route, how to reach whom it goes to
_CONTACT_ASIDE = re.compile(
    r":\s*(?P<said>(?:(?:his|her|their|its|the|our)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:number|phone|mobile|cell|address|e-?mail|handle|id|username)\s+(?:is|=)\s+\S.*)$",
    re.I,
)


def _unquoted(label: str) -> str:
    """ "'aluguer'" → 'aluguer': a route's kind without the quotes it was said in."""
    inner = re.fullmatch(r"\s*['\"‘“]([^'\"’”\n]+)['\"’”]\s*", label)
    return inner.group(1) if inner else label


_IGNORED = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+|all\s+|any\s+)?(?P<cat>[a-z][\w-]*(?:\s+(?!(?:just|simply|can|gets?|is|are)\b)[a-z][\w-]*)?)\s+"
    r"(?:(?:just|simply|can)\s+)?(?:gets?|is|are|should\s+be|can\s+be|will\s+be)\s+(?:just\s+|simply\s+)?(?:ignored|skipped|dropped|discarded)"
    r"\s*[.!]?\s*$",
    re.I,
)
_QUOTED_ACT = re.compile(
    r"^\s*(?:and\s+)?(?P<cat>['\"‘“][^'\"’”\n]{1,30}['\"’”])\s+(?P<act>(?:(?:just|simply|only|then)\s+)?[a-z]+s\s.*)$",
    re.I,
)


_SENT_TO = re.compile(
    r"\s(?:go(?:es)?|should\s+go|must\s+go|belongs?|are\s+sent|gets?\s+sent|is\s+sent)\s+(?:to|into|in|on|onto)\s+(?P<dest>\S.*)$",
    re.I,
)


def _sent_to(clause: str) -> str | None:
    """The action of a route that names only where its category goes: '… goes to #it-help' → post to it,
    '… go to sparks@acme.com' → e-mail it there, '… go on our monday.com board via api.monday.com' → add it
    there (what a place is decides the verb: a channel, an address, anything else a store)."""
    found = _SENT_TO.search(" " + clause.strip())
    # 'classify them: complaints to #complaints, …': after a sorting verb a route may leave out its own verb
    said = found or (None if ACTION_START.match(clause.strip()) else _GAPPED.match(clause.strip()))
    if said is None:
        return None
    dest = said.group("dest")
    if dest.startswith("#"):
        return _as_action(dest)
    if re.match(r"[\w.+-]+@", dest):
        return f"email it to {dest}"
    return f"add it to {dest}"


def _as_action(text: str) -> str:
    """'-> a Jira ticket', '-> #kudos on Slack': a destination written without its verb is given one."""
    if ACTION_START.match(text) or _NOTHING.match(text):
        return text
    if _MAIL_ARRIVES.search(text):
        return text  # '→ one email per booking lands in Gmail': how the items arrive, nothing made
    if text.lstrip().startswith("#"):
        return "post to " + text
    # ("-> Teams channel 'Housekeeping'", '→ the Discord channel #ops': a chat's channel is where a message is posted;
    # not '-> a thank-you post on …', whose noun is the thing made)
    if re.match(r"\W*(?:the\s+|our\s+)?(?:[A-Z][\w-]*\s+){1,2}(?:channel|chat|group)\b", text):
        return "post to " + text
    if re.search(
        r"#[\w-]+|\b(?:message|note|shout-?out|thank-?you|thanks|notification|alert|ping|dm)\b", text, re.I
    ):
        return "post " + text
    return "create " + text


_NOTHING = re.compile(
    r"^\W*(?:just\s+)?(?:ignore(?:d)?|skip(?:ped)?|drop(?:ped)?|discard(?:ed)?|archive(?:d)?\s+nothing|"
    r"(?:do\s+)?nothing(?:\s+(?:happens|else|more))?|no\s+action|leave\s+(?:it|them)(?:\s+alone)?|"
    # ('cold ones just end there', 'the rest stop here': the run ends on that route)
    r"(?:end|stop|finish)(?:s|ed)?(?:\s+(?:there|here|the\s+run|it))?)\b(?:\s+(?:it|them))?\W*$",
    re.I,
)


# 'Enterprise (500+ employees) goes to …': an aside that says what the category is
_ASIDE = re.compile(r"^(?P<cat>(?:and\s+)?[\w-]+(?:\s+[\w-]+){0,2}?)\s*(?P<aside>\([^()]{1,60}\))")
# 'Undergraduates go in the 'UG' sheet', 'enterprise leads go to #ent': a category and the verb that moves it
_GOES = re.compile(
    r"^(?P<cat>.+?)\s+(?P<verb>go(?:es)?|should\s+go|must\s+go|belongs?|are\s+sent|gets?\s+sent)\s+"
    r"(?:to|into|in|on)\s+(?P<dest>\S.*)$",
    re.I,
)
# '…, postgraduates in the 'PG' sheet': a later route that leaves out the verb the first one said
_GAPPED = re.compile(
    r"^(?:and\s+)?(?P<cat>[\w-]+(?:\s+[\w-]+){0,3}?)\s+(?:to|into|in|on)\s+(?P<dest>\S.*)$", re.I
)


def _joined_routes(parts: list[str]) -> list[str]:
    """'… are posted in #ops and warranty ones are added to …': two routes joined by 'and' are two clauses; 'and
    other, just forward it to me': the kind left over, set off by its comma, and its act are one."""
    merged: list[str] = []
    for clause in parts:
        if merged and _REST_KIND.fullmatch(merged[-1]):
            merged[-1] = f"{merged[-1]}, {clause}"
        else:
            merged.append(clause)
    split: list[str] = []
    for clause in merged:
        pieces = re.split(r"\s+and\s+", clause)
        cut = next(
            (
                i
                for i in range(1, len(pieces))
                if (
                    (_BECOMES.match(pieces[i]) or _GOES.match(pieces[i]))
                    and (_BECOMES.match(" and ".join(pieces[:i])) or _GOES.match(" and ".join(pieces[:i])))
                )
                # 'outages to #ops and feature requests to the Airtable table Ideas': two routes without a verb
                or (
                    not any(ACTION_START.match(p) for p in (pieces[i], pieces[0]))
                    and all(
                        _GAPPED.match(p) and _DESTINATION.match(p)
                        for p in (pieces[i], " and ".join(pieces[:i]))
                    )
                )
            ),
            None,
        )
        split += [" and ".join(pieces[:cut]), " and ".join(pieces[cut:])] if cut else [clause]
    return split


def _route_parts(parts: list[str]) -> list[str]:
    """The clauses of a list of routes, each with its verb: asides dropped, 'go in/on' read as 'go to', and a
    later route that leaves out the verb ('postgraduates in the 'PG' sheet') given the one said before it."""
    out: list[str] = []
    verb: str | None = None
    for clause in parts:
        plain = _ASIDE.sub(r"\g<cat>", clause)
        goes = _GOES.match(plain)
        gapped = (
            _GAPPED.match(plain)
            if verb
            and goes is None
            and not ACTION_START.match(plain)
            and not _BECOMES.match(plain)
            and not _rest_acted(plain)  # ('and other just forward it to me': its own act, no gap)
            else None
        )
        if goes is not None:
            verb = goes.group("verb")
            out.append(f"{goes.group('cat')} {verb} to {goes.group('dest')}")
        elif gapped is not None:
            out.append(f"{gapped.group('cat')} {verb} to {gapped.group('dest')}")
        else:
            out.append(plain if plain != clause and _route_of(plain) else clause)
    return out


# '… and classify them', 'sort each one as it comes in': the sorting verb said before a list of routes
_SORTED_HEAD = re.compile(
    r"\s*(?:,\s*)?(?:\b(?:and|then)\s+)?\b(?:(?:classify|categori[sz]e|sort|triage|bucket|split|dispatch|route)\w*\b[^:]{0,50}"
    # ('… and handle each one by type: booking questions get a reply …, invoices get saved to …': what is done
    # depends on the kind — the kinds and their acts follow)
    r"|(?:handle|deal\s+with|treat|process|action)\s+(?:each(?:\s+one)?|every\s+one|them|it|each\s+[\w-]+)\s+"
    r"(?:by|according\s+to|based\s+on|depending\s+on)\s+(?:its\s+|their\s+|the\s+)?(?:type|kind|category|topic)s?\b"
    r"[^:]{0,20}"
    # ('… and send each order to the right place: …', 'route every message to the matching team': each item goes
    # where its kind says)
    r"|(?:send|route|forward|put|direct|deliver|pass|move)\s+(?:each|every|all(?:\s+the)?|them|it)\b[^:]{0,30}?\s+"
    r"(?:to|into|in)\s+(?:the\s+)?(?:right|correct|matching|proper|appropriate|relevant)\s+"
    r"(?:place|places|spot|destination|team|person|channel|list)s?\b[^:]{0,20})$",
    re.I,
)


def _sorting_lead(parts: list[str]) -> list[str]:
    """'take the new tickets of Freshdesk and classify them: complaints to #complaints, …': what comes before the
    colon is a clause of its own, read before the routes (the sorting verb is the router itself)."""
    for i, clause in enumerate(parts):
        # ('… read new Gmail messages and sort them — bookings go into …': a dash sets the routes off as a colon
        # does; 'For the studio inbox: every 15 minutes … sort them: …': the colon after the sorting verb)
        masked = lx.URL_RE.sub(lambda m: " " * len(m.group(0)), clause)  # 'https:' is no colon
        for mark in re.finditer(r":|\s[—–-]{1,2}\s", masked):
            head, tail = clause[: mark.start()], clause[mark.end() :]
            if not tail.strip():
                continue
            lead = _SORTED_HEAD.search(head)
            if lead is None or (
                _DESTINATION.match(tail.strip()) is None
                # ('… by type: booking questions get a reply …': a kind and what it gets, after a sort by kind)
                and not (
                    re.match(r"\s*(?:and\s+)?(?:handle|deal|treat|process|action)", lead.group(0), re.I)
                    and _route_of(tail)
                )
            ):
                continue
            rest = head[: lead.start()].strip()
            return parts[:i] + ([rest] if re.search(r"\w", rest) else []) + [tail.strip()] + parts[i + 1 :]
    return parts


# 'look up the order in …', 'fetch their account from …': a read said as a clause of its own, by its verb
_LOOKED_UP = re.compile(
    r"\s*(?:then\s+)?(?:look\s+up|looks\s+up|fetch|find|retrieve|pull\s+up|check)\b", re.I
)
# a route whose act is the answer itself ('-> answer from our Sim knowledge base', '-> reply with the FAQ')
_ANSWERS = re.compile(r"^\W*(?:create\s+)?(?:answer|reply|respond)\w*\b", re.I)


# a route that answers the one who wrote ('question → answer the customer back on WhatsApp', 'questions: reply with an
# answer'): the answer is written before it is sent
_ANSWERING = re.compile(r"\W*(?:(?:[\w'-]+\s+){0,3}(?:->|→|=>)\s*)?(?:answer|reply|respond)\w*\b", re.I)


def _act_before_routes(parts: list[str]) -> list[str]:
    """'forward it: landscaping to crew@…, gardening to …', 'and forward each one: plumbing to a@… and electrical to
    b@…': the act said once before a colon, then the routes of the kinds — the routes, one part each (the act is
    what each route's destination says: a send there)."""
    out: list[str] = []
    for part in parts:
        lead, colon, tail = part.rpartition(":")
        act = re.sub(r"^\W*(?:(?:and|then)\s+)*", "", lead)
        first = _route_of(tail) if colon else None
        if (
            first is None
            or len(act.split()) > 4
            or not ACTION_START.match(act)
            or first[0].lower() in ("it", "them", "this", "everything")
        ):
            out.append(part)
            continue
        pieces = re.split(r"\s+and\s+", tail)
        if len(pieces) > 1 and all(_route_of(p) is not None and _DESTINATION.search(p) for p in pieces):
            out += [p.strip() for p in pieces]
        else:
            out.append(tail.strip())
    return out


def _judged_before(description: str, part: str, kind: str) -> int:
    """Where the first of two routes starts in `description`: at its clause, or, when the judgement opens that
    clause ('have the AI decide whether it is landscaping or snow removal: landscaping goes to …'), at the route's
    own kind after it (the kinds the judgement named stand before)."""
    at = max(description.find(part), 0)
    lead, colon, _ = part.rpartition(":")
    if colon and re.match(r"\s*" + re.escape(kind.strip()), part[len(lead) + 1 :], re.I):
        return at + len(lead) + 1
    return at


def _category_routes(sentence: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step] | None:
    """Three or more '<category> to <destination>' parts in one sentence → a router with one route each."""
    said = _act_before_routes(_joined_routes(_sorting_lead(_route_clauses(sentence))))
    parts = _route_parts(said)
    routes = []
    for i, clause in enumerate(parts):
        route = _route_of(clause)
        aside = _ASIDE.search(said[i])
        if route is not None and aside is not None:  # the route keeps what its category is said to be
            route = (f"{route[0]} {aside.group('aside')}", route[1])
        if (
            route is None
            # 'send it to …' names no category; 'question -> …', 'questions get an answer' do
            or (
                lx.is_filler(route[0])
                and _DESTINATION.match(clause.split(":")[-1].lstrip(" :;,")) is not None
                and not re.search(r"->|→|=>", clause)
                and not _BECOMES.match(clause)  # 'questions get emailed to …' names its category
            )
            or (
                route[0].lower() in ("it", "them", "this", "everything", "we", "i", "you", "they")
                and route[0] != "IT"
            )
        ):
            continue
        # ('for Gold members, email vip@… and post in #gold': each act of the route is read)
        read = [s for c in clauses(route[1]) or [route[1]] for s in read_clause(c, description, ruled_out)]
        branch = [s for s in read if s.kind == "action"]
        if branch:
            # "for where's-my-order, look up the order in Shopify and reply with the tracking link": a lookup said as
            # the route's own first clause is part of the route, before its act
            # ('question → answer the customer back on WhatsApp': the answer written, then sent)
            branch = [
                s
                for s in read
                if s.kind == "action"
                or (s.kind == "source" and (_LOOKED_UP.match(s.text or "") or _grounds(s)))
                or (s.kind == "process" and _ANSWERING.match(s.text or ""))
            ]
        if not branch and _ANSWERS.match(route[1]):
            branch = (
                read  # 'general questions -> answer from our knowledge base': the route looks up and answers
            )
        sent = _sent_to(route[1])
        if not branch and sent:  # 'Enterprise goes to #sales-enterprise': a destination, posted or sent to
            branch = [s for s in read_clause(sent, description, ruled_out) if s.kind == "action"]
        if branch or _NOTHING.match(route[1]):  # 'spam -> ignore': a route that ends the run
            routes.append((i, route[0], branch))
    if (
        len(routes) == 2
        and all(r[2] for r in routes)
        and re.search(lexicon()["judge_verbs"], description, re.I)
        and routes[0][1].lower() != routes[1][1].lower()
        # the two kinds are the ones the judgement named before ('… whether it is a hot lead or a cold lead'), and it
        # named no third ('decide whether it's billing, shipping or returns' routes three ways)
        and all(
            re.search(
                r"\b"
                + re.escape(re.sub(r"\s+(?:ones?|items?)$", "", r[1].strip(), flags=re.I).split()[-1])
                + r"\b",
                description[: _judged_before(description, parts[routes[0][0]], routes[0][1])],
                re.I,
            )
            for r in routes
        )
        and not _SORT.search(lx.URL_RE.sub(lambda m: " " * len(m.group(0)), sentence))
    ):
        # 'decides whether it is a hot or a cold lead; hot ones get posted …, cold ones go into …': two kinds the
        # judgement tells apart, each with its own act — one test, the first kind its 'if', the other its 'else'
        first = routes[0][0]
        said_kind = re.sub(r"\s+(?:ones?|items?)$", "", routes[0][1].strip(), flags=re.I)
        test = Step("condition", "condition", label=f"it is {said_kind}", text=sentence)
        test.branches = [("if", routes[0][2]), ("else", routes[1][2])]
        lead, colon, _ = parts[first].rpartition(":")
        judged = (  # ('have the AI decide whether it is landscaping or snow removal: landscaping goes …')
            read_clause(lead, description, ruled_out)
            if colon and re.search(lexicon()["judge_verbs"], lead, re.I)
            else []
        )
        return [s for c in parts[:first] for s in read_clause(c, description, ruled_out)] + judged + [test]
    if len(routes) < 3 or sum(1 for r in routes if r[2]) < 2:
        return None
    first = routes[0][0]
    taken = {i for i, _, _ in routes}
    # ('Gold: email vip@… and post in #gold; Silver: …': a clause with no kind of its own between two routes is more
    # of the route before it, not a step after the router)
    for i in range(first + 1, routes[-1][0]):
        if i in taken or _route_of(parts[i]) is not None or not ACTION_START.match(parts[i].strip()):
            continue
        more = [s for s in read_clause(parts[i], description, ruled_out) if s.kind == "action"]
        if more:
            max((r for r in routes if r[0] < i), key=lambda r: r[0])[2].extend(more)
            taken.add(i)
    # ("'aluguer' goes to …": a kind said in quotes is named without them)
    routes = [(i, _unquoted(label), branch) for i, label, branch in routes]
    step = Step("router", "router", label="category: " + " / ".join(r[1] for r in routes), text=sentence)
    step.branches = [(label, branch) for _, label, branch in routes]
    rest = [
        s
        for i, c in enumerate(parts)
        if i not in taken and i > first
        for s in read_clause(c, description, ruled_out)
    ]
    step.body = rest
    return [s for c in parts[:first] for s in read_clause(c, description, ruled_out)] + [step]


def _stated_range(clause: str) -> bool:
    """'Between 50 and 80 …', '100–1,000: …' test a range; 'score it from 1 to 10' only names a scale."""
    return lx.range_in(clause) is not None and bool(
        re.search(r"\bbetween\b", clause, re.I) or re.match(r"^[^:]{1,60}?\d[^:]{0,30}:", clause)
    )


# 'seats >= 100 -> …', 'score 9-10 → …', 'rating 5 => …', 'under 50: …': a band of a value, then what it does
_NUMERIC_HEAD = re.compile(
    r"^\s*(?:(?P<lead>[^:;]{0,60}?):\s*)?(?:and\s+)?(?P<head>[^:;→]{0,40}?\d[^:;→]{0,40}?)\s*"
    r"(?:->|→|=>|:(?!\d))\s*(?P<act>\S.*)$",
    re.I,
)


def numeric_head(clause: str) -> tuple[str, str, str] | None:
    """(words before, the test, the action) when `clause` starts with a numeric band and an arrow or colon:
    'seats >= 100 -> post …' → the test 'the seats >= 100'; 'rating 5 → …' → 'the rating equals 5'."""
    found = _NUMERIC_HEAD.match(clause)
    if not found:
        return None
    head = found.group("head").strip()
    # ('orders from JPY 100,000 up to JPY 1,000,000 → …': a range with its currency takes more words)
    if (
        len(head.split()) > (9 if lx.range_in(head) else 6)
        or ACTION_START.match(head)
        or re.search(r"\d:\d|\d\s*(?:am|pm)\b", head, re.I)
    ):
        return None
    field = re.fullmatch(
        r"(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:=\s*|is\s+)?([$€£]?\d[\d,.]*)", head, re.I
    )
    either = re.fullmatch(
        r"(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(\d[\d,.]*\s+or\s+\d[\d,.]*)", head, re.I
    )
    if field and not lx.threshold_in(head) and not lx.range_in(head):
        head = f"the {field.group(1)} equals {field.group(2)}"  # 'rating 5': that value
    elif either:
        head = f"the {either.group(1)} is {either.group(2)}"  # 'score 9 or 10': either value
    elif (
        re.match(r"[a-z]", head, re.I)
        and not re.match(r"(?:the|its|their)\b", head, re.I)
        and not lx.THRESHOLD_RE.match(head)
        and not lx.OR_MORE_RE.match(head)
    ):
        head = "the " + head  # 'seats >= 100': the field the band is of
    if lx.interval_of(head) is None:
        return None
    return found.group("lead") or "", head, found.group("act")


def _bands_apart(part: str) -> list[str]:
    """`part` cut before each ';' that a numeric band with its arrow follows (when it opens on one itself)."""
    if not numeric_head(part):
        return [part]
    pieces = re.split(r";\s+", part)
    out = [pieces[0]]
    for piece in pieces[1:]:
        if numeric_head(piece):
            out.append(piece)
        else:
            out[-1] += "; " + piece
    return out


def _bare_condition(sentence: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step] | None:
    """'add customers with more than 10000 lifetime value to …': a stated threshold without 'if' is a condition."""
    # 'new typeform response / NPS score < 6 / email …': a slash between spaces parts the steps, as a comma does
    parts = [p for c in clauses(sentence) for p in re.split(r"\s+/\s+", c.lstrip("/ ")) if p.strip()]
    # ('score above 80 → …; score from 50 to 80 → …': a band after a semicolon starts a part of its own)
    parts = [q for p in parts for q in _bands_apart(p)]
    band_at = next((i for i, c in enumerate(parts) if numeric_head(c)), None)
    if band_at is not None:
        # 'seats >= 100 -> post …; 10-99 -> …': a band and its action (bands of one value chain as else-ifs)
        lead, label, act = numeric_head(parts[band_at]) or ("", "", "")
        bands = [i for i in range(band_at, len(parts)) if numeric_head(parts[i])]
        if len(bands) > 1 and not any(_ELSE.match(c) for c in parts[band_at:]):
            # 'for each lead: score above 80 → Slack #hot-leads; score from 50 to 80 → add them to …; below 50 →
            # skip': each band keeps its own act (up to the next band) — exclusive bands are one decision
            tests = []
            for n, i in enumerate(bands):
                _, band, said = numeric_head(parts[i]) or ("", "", "")
                end = bands[n + 1] if n + 1 < len(bands) else len(parts)
                test = Step("condition", "condition", label=band, text=", ".join(parts[i:end]))
                acts = [] if _NOTHING.match(said) else [said]
                read = [
                    s for c in [*acts, *parts[i + 1 : end]] for s in read_clause(c, description, ruled_out)
                ]
                test.branches = [("if", [s for s in read if s.kind != "source"]), ("else", [])]
                tests.append(test)
            if _exclusive_chain(tests):
                before = [s for c in parts[:band_at] + [lead] for s in read_clause(c, description, ruled_out)]
                return [s for s in before if s.kind == "source"] + [tests[0]]
        step = Step("condition", "condition", label=label, text=sentence)
        rest = [act] + parts[band_at + 1 :]
        other = next((i for i in range(1, len(rest)) if _ELSE.match(rest[i])), len(rest))
        taken = [s for c in rest[:other] for s in read_clause(c, description, ruled_out)]
        step.branches = [
            ("if", [s for s in taken if s.kind != "source"]),
            (
                "else",
                [
                    s
                    for c in rest[other:]
                    for s in read_clause(_ELSE.sub("", c, count=1), description, ruled_out)
                ],
            ),
        ]
        before = [s for c in parts[:band_at] + [lead] for s in read_clause(c, description, ruled_out)]
        return [s for s in before if s.kind == "source"] + [s for s in taken if s.kind == "source"] + [step]
    at = next(
        (
            i
            for i, c in enumerate(parts)
            if (lx.THRESHOLD_RE.search(c) or lx.OR_MORE_RE.search(c) or _stated_range(c))
            and not _NOT_A_CONDITION.search(c)
            and not _narrated(c, description)
        ),
        None,
    )
    if at is None:
        return None
    tiers = _tiers(parts[at:], description, ruled_out)
    if tiers is not None:
        # 'under $100 add it to …, $100 to $4,999 post it …, and $5,000 and up email …': one decision
        return [s for c in parts[:at] for s in read_clause(c, description, ruled_out)] + tiers
    label = parts[at]
    head = re.match(r"^([^:]{1,60}?\d[^:]{0,30}):\s*(\S.*)$", parts[at])
    if head and (lx.threshold_in(head.group(1)) or lx.range_in(head.group(1))):
        label, parts[at] = head.group(1), head.group(2)  # 'Above 50,000: email …': the test, then its action
    step = Step("condition", "condition", label=label, text=sentence)
    # '… -> post in #deals, otherwise log it in the sheet': the clauses from 'otherwise' on are the else branch
    other = next((i for i in range(at + 1, len(parts)) if _ELSE.match(parts[i])), len(parts))
    taken = [s for c in parts[at:other] for s in read_clause(c, description, ruled_out)]
    step.branches = [
        ("if", [s for s in taken if s.kind != "source"]),
        (
            "else",
            [
                s
                for c in parts[other:]
                for s in read_clause(_ELSE.sub("", c, count=1), description, ruled_out)
            ],
        ),
    ]
    sources = [s for s in taken if s.kind == "source"]
    return [s for c in parts[:at] for s in read_clause(c, description, ruled_out)] + sources + [step]


_ROUTE_VERB = re.compile(
    r"\b(?:go(?:es)?|gets?|become|becomes|should\s+(?:go|get|become)|are\s+(?=[a-z]+ed\b))\b", re.I
)


def _band_head(clause: str) -> tuple[str, str] | None:
    """(the band, its action) when `clause` starts with a band of a value and then a verb: 'under $100 just add
    it to …', '$100 to $4,999 post it …', 'and $5,000 and up email …'."""
    found = [m for m in (ACTION_START.search(clause), _ROUTE_VERB.search(clause)) if m]
    verb = min(found, key=lambda m: m.start()) if found else None
    if verb is None or verb.start() == 0:
        return None
    # '… under 2 I post in …', '… and over 8 we just email …': the band without the one who acts
    head = re.sub(
        r"^[\s:;,]*(?:and\s+|but\s+)?|[\s,]*(?:\b(?:I|we)\s+)?(?:just|simply|only)?\s*$",
        "",
        clause[: verb.start()],
    )
    if not head or len(head.split()) > 8 or not re.search(r"\d", head):
        return None
    if not (lx.THRESHOLD_RE.search(head) or lx.OR_MORE_RE.search(head) or lx.range_in(head)):
        return None
    act = clause[verb.start() :]
    if _ROUTE_VERB.match(
        act
    ):  # '$50 to $499 get posted to #orders', '… just go to the 'Small' sheet': a route
        route = _route_of("items " + act)
        act = _sent_to("items " + act) or (route[1] if route else act)
    return head, act


def _tiers(parts: list[str], description: str, ruled_out: dict[str, set[str]]) -> list[Step] | None:
    """Two or more clauses that each start with a band of one value and then say what to do ('under $50 …,
    $50 to $499 …, $500 and up …') are tests no value passes together: one chain of else-ifs, each band
    keeping the clauses up to the next band; None when they are not such bands."""
    lead, colon, tail = parts[0].rpartition(":")
    lead_steps: list[Step] = []
    if colon and _band_head(tail) and not _band_head(parts[0]):
        # 'I look at the temperature: under 2 I post …': what comes before the colon is read first
        lead_steps = [s for s in read_clause(lead, description, ruled_out) if s.kind != "action"]
        parts = [tail, *parts[1:]]
    split: list[str] = []
    for part in parts:  # '…, and 9 and above I email …': a band after a comma starts a clause of its own
        pieces = re.split(r",\s*(?=(?:and\s+)?[$€£]?\d|(?:and\s+)?(?:under|below|over|above)\b)", part)
        split.append(pieces[0])
        for piece in pieces[1:]:
            if _band_head(piece):
                split.append(piece)
            else:
                split[-1] += ", " + piece
    parts = split
    starts = [i for i, c in enumerate(parts) if _band_head(c)]
    if len(starts) < 2 or starts[0] != 0 or any(_ELSE.match(c) for c in parts):
        return None
    tests = []
    for n, i in enumerate(starts):
        head, act = _band_head(parts[i]) or ("", "")
        end = starts[n + 1] if n + 1 < len(starts) else len(parts)
        test = Step("condition", "condition", label=head, text=", ".join(parts[i:end]))
        test.branches = [
            ("if", [s for c in [act, *parts[i + 1 : end]] for s in read_clause(c, description, ruled_out)]),
            ("else", []),
        ]
        if not any(s.kind == "action" for s in test.branches[0][1]):
            return None
        tests.append(test)
    return lead_steps + [tests[0]] if _exclusive_chain(tests) else None


def _tests_of_each_chained(steps: list[Step]) -> list[Step]:
    """'For every invoice that's overdue: if it's over CHF 10'000, create a Jira issue; if it's CHF 10'000 or less,
    email the client': tests of each item no value passes together are one decision inside the repeat (an 'else if'
    each), as `read_steps` makes of such tests outside one — also inside a test that keeps the items first."""
    for step in steps:
        if step.kind != "loop":
            continue
        body = step.body
        if len(body) == 1 and body[0].kind == "condition" and body[0].branches:
            body = body[0].branches[0][1]  # 'for every invoice that's overdue: …': the tests of those kept
        tests = [s for s in body if s.kind == "condition"]
        if (
            len(tests) > 1
            and all(s.kind != "condition" for s in body[: body.index(tests[0])])
            and _exclusive_chain(tests)
        ):
            body[:] = [s for s in body if s.kind != "condition"] + [tests[0]]
    return steps


_PARALLEL = re.compile(
    r"\s*,?\s*\b(?:in parallel|at the same time|simultaneously|concurrently|all at once)\b\s*,?", re.I
)


def read_sentence(sentence: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step]:
    """The steps of one sentence; 'in parallel' / 'at the same time' makes its loop a parallel container
    and its several actions branches that start together from the same block."""
    parallel = _PARALLEL.search(sentence)
    if not parallel:
        return _one_writeup(
            _tests_of_each_chained(_read_sentence(sentence, description, ruled_out)), description
        )
    plain = _PARALLEL.sub(" ", sentence)
    steps = _read_sentence(plain, description, ruled_out)
    loops = [s for s in steps if s.kind == "loop" and s.loop_type == "forEach"]
    for loop in loops:
        loop.loop_type = "parallel"
    # '…, then email me both': what follows a 'then' after the parallel part waits for it
    marker = parallel.start()
    then = re.search(r"\bthen\b", plain[marker:])
    cut = marker + then.start() if then else len(plain)
    work = [s for s in steps if s.kind in ("action", "process") and not 0 <= cut <= plain.find(s.text)]
    if loops or len(work) < 2:
        return steps
    # the steps after the first of the parallel ones that consume it ('then email me both') stay after
    first = steps.index(work[0])
    fan = Step("fan", "fan", label="in parallel", text=sentence)
    fan.branches = [("", [s]) for s in work]
    # 'translate it into Spanish and post it to #a, and translate it into French and post it to #b': each piece of
    # work with the sends of what it made is one branch (only when every branch is one such pair)
    pairs: list[list[Step]] = []
    for s in work:
        if s.kind == "process" or not pairs:
            pairs.append([s])
        else:
            pairs[-1].append(s)
    if len(pairs) >= 2 and all(p[0].kind == "process" and len(p) > 1 for p in pairs):
        fan.branches = [("", p) for p in pairs]
    return steps[:first] + [fan] + [s for s in steps[first:] if s not in work]


def _kind_of(step: Step) -> str | None:
    """The processing kind (lexicon 'processing') an agent step was made for, read from its instructions."""
    prompt = step.values.get("systemPrompt", "") if step.kind == "process" and step.type == "agent" else ""
    if prompt and any(prompt.startswith(s["prompt"].split("{")[0]) for s in lexicon()["summary_shapes"]):
        return "summarise"  # a summary of the length the writer said
    return next(
        (
            k
            for k, e in lexicon()["processing"].items()
            if prompt and prompt.startswith(e["prompt"].split("{")[0])
        ),
        None,
    )


def _one_writeup(steps: list[Step], description: str) -> list[Step]:
    """'Compute totals by campaign and write a short narrative', 'group them by tag and write an overview': working
    the data out and writing it up, said together in one sentence, is one AI step whose answer is the write-up."""
    out: list[Step] = []
    for step in steps:
        last = out[-1] if out else None
        if (
            last is not None
            and _kind_of(last) in ("aggregate", "analyse")
            and _kind_of(step) in ("draft", "summarise")
            and last.text
            and step.text
            and not any(s.kind in ("condition", "router") for s in steps)
        ):
            merged = _process("aggregate", f"{last.text.strip()} and {step.text.strip()}", description)
            merged.text = f"{last.text} and {step.text}"
            out[-1] = merged
            continue
        out.append(step)
    return out


# 'every item whose qty is below 20 -> email …', 'each member whose balance is over 200 → …': a sentence headed by
# the items it repeats for and the test each passes, then (after an arrow, a colon or a comma) what is done to each
_EACH_HEAD = re.compile(
    r"^\s*(?:and\s+)?(?P<phrase>(?P<for>for\s+)?(?:each|every|any)\s+[a-z][\w-]*\s+(?:whose|where|with|that|which|who)\b"
    r"[^;→]*?)\s*(?:->|→|=>|:(?!\d|//)|,(?!\d{3}\b))\s*(?=\S)",
    re.I,
)


# 'bump any that mention 'outage' to High', 'put the ones with a .edu email into …', 'email the parent of every
# pupil who missed more than 3 days': an action whose object is the items a relative clause keeps
_FILTERED = re.compile(
    r"(?P<lead>^\s*|[,;:]\s*|\s(?:and|then)\s+)(?P<verb>[a-z][\w-]*)\s+"
    # 'notify #sales in Slack about any that …', 'comment on each one which …': words between the verb and its items
    r"(?P<between>(?:(?!(?:any|those|each|every|all|the\s+ones)\b)[^\s,;.]+\s+){0,4}?(?:about|on|for|to)\s+)?"
    r"(?P<role>(?:the|their|its)\s+[\w-]+(?:\s+[\w-]+)?\s+of\s+)?"
    r"(?P<det>any|the\s+ones|those|each|every|all(?:\s+the)?)\s+"
    # ('email every staff member who …': a noun of two words)
    r"(?=(?P<noun>(?:(?!(?:that|which|who|whose|with|where)\b)[a-z][\w-]*\s+){1,2})?(?:that|which|who|whose|with|"
    r"marked|flagged|tagged|labell?ed)\b)",
    re.I,
)


_CHANGE_VERB = re.compile(r"(?:bump|move|copy|mark|flag|tag|close|label|star|delete|remove|set|change)", re.I)


def _base_verb(word: str) -> str | None:
    """The verb `word` as an order ('email'), also when a routine tells it in the third person ('she emails every
    client …', 'it texts each tenant …', 'the bot flags any …'); None when it is no verb of an action."""
    if ACTION_START.match(word) or _CHANGE_VERB.fullmatch(word):
        return word
    for base in (re.sub(r"([^aeiou])ies$", r"\1y", word), re.sub(r"(x|ss|sh|ch)es$", r"\1", word), word[:-1]):
        if (
            word.lower().endswith("s")
            and base != word
            and (ACTION_START.fullmatch(base) or _CHANGE_VERB.fullmatch(base))
        ):
            return base
    return None


def _kept_by_test(loop: Step) -> list[Step]:
    """The steps a loop repeats: its body, or, when the body is one test of each item with nothing on its other
    side, that test's if branch (the list itself, so a later sentence can add to it)."""
    if len(loop.body) == 1 and loop.body[0].kind == "condition" and len(loop.body[0].branches) == 2:
        (side, kept), (_, other) = loop.body[0].branches
        if side == "if" and not other and not loop.body[0].negate:
            return kept
    return loop.body


# '…, unless it's a telehealth appointment', '— except if their cart is worth less than £20': a test said after
# the per-item action it guards
_ITEM_EXCEPT = re.compile(
    r"\s*(?:[,;—–]|\s-)?\s*\b(?:unless|except\s+(?:if|when|where)|but\s+not\s+(?:if|when))\s+(?=\S)", re.I
)


def _action_start(head: str, end: int) -> int | None:
    """Where the clause that does something starts, before `end` of `head`: after the last boundary (the start, a
    comma, 'and', 'then') at which an action starts; None when none does."""
    return next(
        (
            b.end()
            for b in reversed(list(re.finditer(r"^\s*|[,;:]\s*|\s(?:and|then)\s+", head[:end])))
            if ACTION_START.match(head, b.end())
        ),
        None,
    )


def _each_unless(sentence: str) -> str:
    """'… and text each patient a reminder, unless it's a telehealth appointment' read as '… and for each patient,
    text them a reminder unless it's a telehealth appointment': the test is of each item, inside the loop (else
    the sentence stays as written)."""
    guard = _ITEM_EXCEPT.search(sentence)
    if guard is None or _LOOP.search(sentence) or _ITEM_EXCEPT.search(sentence, guard.end()):
        return sentence
    head, test = sentence[: guard.start()], sentence[guard.end() :]
    each = next(iter(reversed(list(_EACH_NOUN.finditer(head)))), None)
    if each is None or each.group(1) is None:
        return sentence
    # the clause that does something to each item: from the last boundary before it where an action starts
    at = _action_start(head, each.start())
    if at is None:
        return sentence
    action = head[at : each.start()] + "them" + head[each.end() :]
    lead = head[:at].rstrip()
    lead = lead + (" " if not lead or re.search(r"\b(?:and|then)$|[,;:]$", lead) else ", and ")
    return f"{lead}for each {each.group(1)}, {action.strip()} unless {test}"


def _filtered_object(sentence: str) -> str:
    """'… and bump any that mention 'outage' to High priority' read as '… and for each one that mention 'outage',
    bump it to High priority': the items kept by the clause are tested one by one, inside a loop (else the
    sentence stays as written)."""
    if _LOOP.search(sentence):
        # '…, goes through each row, and emails every client whose …': the walk names no test; the items the
        # action keeps are what it repeats for
        walk = _BARE_WALK.search(sentence)
        if walk is None:
            return sentence
        walked = sentence[: walk.start()] + sentence[walk.end() :]
        kept = _filtered_object(walked) if not _LOOP.search(walked) else walked
        return kept if kept != walked else sentence
    for found in _FILTERED.finditer(sentence):
        verb = _base_verb(found.group("verb"))
        if verb is None:
            continue
        noun = found.group("noun") or ""
        det = found.group("det").lower()
        if len(noun.split()) > 1 and det not in ("each", "every"):
            continue  # 'grab all linear issues that are still open': a list read whole, not one item named in two words
        if not noun and det in ("each", "every", "all", "all the"):
            continue
        item = noun or "one "
        tail = sentence[found.end() + len(noun) :]
        candidate = item + tail
        end = _qualifier(candidate, 0)
        state = _state_of(candidate, 0) if end is None else None
        end = state[0] if state else end
        if end is None:
            continue
        # ('post every review with less than 3 stars in Slack #guests': the place after the test is where a verb
        # that sends puts each one, not where the items are)
        placed = re.search(r"\s+(?:in|on|into|to)\s+(?:the\s+|our\s+|my\s+)?([\w-]+)\s*$", candidate[:end])
        if (
            placed
            and verb.lower() in ("post", "put", "send", "share", "drop", "forward", "publish", "push")
            and any(lexicon()["integrations"][k].get("write") for _, k in lx.integrations_in(placed.group(1)))
        ):
            end = placed.start()
        people = re.match(r"\s*(?:who|whose)\b", tail) or bool(found.group("role"))
        what = (found.group("role") or "").strip() or ("them" if people else "it")
        what = (found.group("between") or "") + re.sub(r"\s+of$", "", what)
        rest = candidate[end:]
        return (
            sentence[: found.start("verb")]
            + f"for each {candidate[:end].strip()}, {verb} {what}{'' if rest[:1] in ',.;' else ' '}"
            + rest.lstrip()
        ).rstrip()
    for subject in [*_KEPT_SUBJECT.finditer(sentence), *_BARE_SUBJECT.finditer(sentence)]:
        # 'the ones that mention 'refund' should be posted in #billing', 'any expense above $10,000 gets posted
        # to #cfo-review', '— orders over $500 should be posted in …': the items the clause keeps, then what is
        # done to each
        candidate = ("" if subject.group("noun") else "one ") + sentence[subject.end() :]
        if subject.re is _BARE_SUBJECT:
            candidate = re.sub(
                r"^([a-z][\w-]*?(?:x|ss|sh|ch))es\b|^([a-z][\w-]*?)s\b", r"\1\2", candidate, flags=re.I
            )
        done = _DONE_TO.search(candidate)
        kept = candidate[: done.start()] if done else ""
        end = _qualifier(kept, 0) if kept else None
        state = _state_of(kept, 0) if kept and end is None else None
        end = state[0] if state else end
        if done is not None and done.group("arrow") and len(re.findall(r"->|→|=>", sentence)) > 1:
            continue  # 'route each: travel → …, anything over £2,500 → …': one route of several
        if done is not None and end is not None and not kept[end:].strip() and done.group("arrow"):
            # 'anything scoring above 80 -> post it in #hot-leads': the act written after an arrow
            return (
                sentence[: subject.start("det")]
                + f"for each {candidate[:end].strip()}, "
                + _as_action(candidate[done.end() :].lstrip())
            ).rstrip()
        if done is not None and end is not None and not kept[end:].strip():
            given = done.group("given")
            verb = "send" if given else _PARTICIPLES[(done.group("done") or done.group("go")).lower()]
            return (
                sentence[: subject.start("det")]
                + f"for each {candidate[:end].strip()}, {verb} {'them' if given else 'it'} "
                + candidate[done.end() :].lstrip()
            ).rstrip()
    role = next(
        (
            r
            for r in _ROLE_OF.finditer(sentence)
            if ACTION_START.match(r.group("verb")) and _EACH_NOUN.match("each " + r.group("noun"))
        ),
        None,
    )
    if role:
        # 'text the driver of each one the address': the person each item names, once per item
        return (
            sentence[: role.start("verb")]
            + f"for each {role.group('noun')}, {role.group('verb')} {role.group('role')}"
            + sentence[role.end() :]
        )
    return sentence


# ', goes through each row,' / ' and go through every ticket one by one': a walk over the list with no test of its own
_BARE_WALK = re.compile(
    r"(?:\s*,|\s+and\b|\s+then\b)\s*(?:then\s+)?go(?:es|ing)?\s+through\s+(?:each|every|all(?:\s+(?:of\s+)?the)?|the)\s+"
    r"[\w-]+(?:\s+one\s+by\s+one)?(?=\s*,|\s+and\b)",
    re.I,
)


_KEPT_SUBJECT = re.compile(
    # ('; anything >2 days old gets posted …': whatever item passes, said with a sign)
    r"(?:^\s*|[,;:—–]\s*|\s-\s+|\s(?:and|then)\s+)(?P<det>the\s+ones|those|any(?:thing|one)?(?:\s+single)?|every|each|"
    r"all(?:\s+the)?)\s+"
    r"(?=(?P<noun>(?!(?:that|which|who|whose|with|where|ones)\b)[a-z][\w-]*\s+)?(?:(?:that|which|who|whose|with|where|"
    r"over|above|under|below|more|less|fewer|older|newer)\b|[<>≤≥]\s*\d))",
    re.I,
)
# 'read the 'Orders' sheet — orders over $500 should be posted …': a plural with no determiner, after a clause
# (not at a sentence's start, where it may name the event's own item)
_BARE_SUBJECT = re.compile(
    r"[:—–]\s*(?P<det>)(?=(?P<noun>[a-z][\w-]*s\s+)(?:that|which|who|whose|with|where|over|above|under|below|"
    r"more|less|fewer|older|newer)\b)",
    re.I,
)
_DONE_TO = re.compile(
    r"\s+(?:(?:should|will|must|shall|can)\s+(?:also\s+)?be|gets?|are|is)\s+(?P<done>posted|sent|added|logged|emailed|"
    r"forwarded|saved|created|filed|flagged|moved|copied|escalated|put|written|shared|archived|deleted)\b"
    r"|\s+(?P<go>go(?:es)?)\s+(?=(?:to|into|in)\b)"
    # 'any member with a balance over $100 gets a payment reminder by email': what each one is sent
    r"|\s+(?:(?:should|will|must|shall)\s+)?(?P<given>gets?|receives?|should\s+get)\s+(?=(?:an?|one|their)\s)"
    r"|\s*(?P<arrow>->|→|=>)\s*(?=\S)",
    re.I,
)
_PARTICIPLES = {
    "sent": "send", "put": "put", "written": "write", "copied": "copy", "go": "send", "goes": "send",
    "posted": "post", "added": "add", "logged": "log", "emailed": "email", "forwarded": "forward", "filed": "file",
    "flagged": "flag", "shared": "share", "archived": "archive", "saved": "save", "created": "create",
    "moved": "move", "escalated": "escalate", "deleted": "delete",
}  # fmt: skip


_ROLE_OF = re.compile(
    r"(?:^\s*|[,;:]\s*|\s(?:and|then)\s+)(?P<verb>[a-z][\w-]*)\s+(?P<role>(?:the|their|its)\s+[\w-]+(?:\s+[\w-]+)?)"
    r"\s+of\s+(?:each|every)\s+(?P<noun>[a-z][\w-]*)\b",
    re.I,
)


def _each_headed(sentence: str) -> str:
    """'each part whose count is under 5 -> email …' read as 'for each part whose count is under 5, email …'
    when the words after the item name a test of it (else the sentence stays as written)."""
    head = _EACH_HEAD.match(sentence)
    if head is None:
        return sentence
    phrase = head.group("phrase") if head.group("for") else "for " + head.group("phrase")
    rewritten = phrase + ", " + sentence[head.end() :]
    loop = _LOOP.search(rewritten)
    if (
        loop is None
        or loop.start() != 0
        or loop.group(1) is None
        or _qualifier(rewritten, loop.start(1)) is None
    ):
        return sentence
    return rewritten


# '…, and email that list to …', 'then post the resulting list': a later clause sends what was made of all the items
_THAT_LIST = re.compile(
    r"(?:[,;]|\band\b|\bthen\b)[^.;]*?\b(?:that|this|the\s+(?:whole|full|resulting|final))\s+(?:[\w-]+\s+)?list\b",
    re.I,
)


_WHOLE_LIST = re.compile(r"\b(?:that|this|the\s+(?:whole|full|resulting|final))\s+(?:[\w-]+\s+)?list\b", re.I)


def _messaged_each(sentence: str, each: re.Match[str]) -> bool:
    """'send each arriving guest a WhatsApp', 'text every customer': a message to each person of the list (lexicon
    'people'), sent one by one — a list of them all said after it is sent besides, not instead."""
    said = sentence[each.end(1) if each.re is _EACH_NOUN and each.group(1) else each.end() :]
    noun = re.match(r"\s*(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*?)(?:e?s)?\b", said, re.I)
    first = each.group(1).lower() if each.re is _EACH_NOUN and each.group(1) else ""
    people = set(lexicon()["people"])
    if not (first.rstrip("s") in people or (noun and noun.group(1).lower() in people)):
        return False
    return bool(
        re.search(
            r"\b(?:send|e-?mail|text|sms|message|whatsapp|notify|remind|ping|dm|call|tell)\s+(?:[\w-]+\s+){0,2}$",
            sentence[: each.start()],
            re.I,
        )
    )


# 'the 'Showings' tab, which lists each scheduled showing …': a relative clause that says what a list holds
_LISTS_EACH = re.compile(
    r"\b(?:which|that)\s+(?:lists?|contains?|holds?|has|have|includes?|shows?|keeps?|tracks?)\s+"
    r"(?:each|every|all(?:\s+(?:of\s+)?the)?)\s+(?:[\w-]+\s+){0,3}?[\w-]+$",
    re.I,
)


def _told_stores(description: str) -> list[tuple[str, str]]:
    """'I have a Google Sheet 'Leads – Sept' with ~300 rows', "so I've got the Airtable table 'Guests' with …": each
    named list the user says they keep (lexicon `told_store`) and the words that tell of it."""
    out = []
    found = [*re.finditer(lexicon()["told_store"], description, re.I)]
    found += re.finditer(lexicon()["told_store_line"], description, re.I | re.M)
    for told in sorted(found, key=lambda m: m.start()):
        place = told.group("place").strip()
        telling = re.split(r"[.;!?\n]|,\s*(?:and|then|so)\b", description[told.start("place") :], maxsplit=1)[
            0
        ]
        if lx.integrations_in(place) and re.search(
            r"[\"'“‘]|\b(?:sheet|table|base|database|list)\b", place, re.I
        ):
            out.append((place, telling))
    return out


def _tells_contents(description: str, walk: str) -> bool:
    """'… the Google Sheet 'Expo Leads' with name, email and website for every person we met': `walk` only tells
    what a kept list holds, it repeats nothing."""
    return any(walk.strip(" ,;:").lower() in telling.lower() for _, telling in _told_stores(description))


def _told_store(description: str) -> str:
    """The list the user says they keep: where items walked with no place of their own come from ('I have a
    Google Sheet 'Leads' …; for each lead, scrape their website …'); '' when the text tells of none."""
    return next((place for place, _ in _told_stores(description)), "")


# a place in brackets right after the words of a list ('next week's programme (Airtable table 'Screenings')', 'the
# rota (Google Sheet "Rota")', 'patients … (Supabase table `devices`, `service_due` this month)'): a service's table,
# sheet or list, by its name
_PLACE_ASIDE = re.compile(
    r"(?<=\w)\s*\(\s*(?:in\s+|from\s+|on\s+)?(?:the\s+|our\s+|my\s+)?"
    r"(?P<place>(?:[\w-]+\s+){0,2}?(?:sheets?|spreadsheet|tab|table|base|list|database|board|calendar|audience)\s*"
    r"(?:called\s+|named\s+|:\s*)?(?:'[^'\n]{1,60}'(?!\w)|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|`[^`\n]{1,60}`))"
    # ('(Google Sheet 'Fixers Rota' — name, email, shift date)': its columns, told after the name)
    r"(?:\s*(?:[—–:;,]|\s-)\s*[^()\n]{1,120}?)?\s*\)",
    re.I,
)


def _place_aside(m: re.Match[str]) -> str:
    """'(Airtable table 'Screenings')' → ' in the Airtable table 'Screenings'' when it names a service and the words
    before it in the clause name none ('Systems: Google Sheets (sheet "Signups Log")' is that service's sheet, as
    said)."""
    before = re.split(r"[,;:.!?\n(]", m.string[: m.start()])[-1]
    placed = {key for _, key in lx.integrations_in(m.group("place"))}
    # ('email each tutor whose lesson is tomorrow (Google Sheet 'Rota' — …)': a service of another kind before it
    # is what the clause does, not whose sheet it is)
    if not placed or placed & {key for _, key in lx.integrations_in(before)}:
        return m.group(0)
    return f" in the {m.group('place')}"


def _aside_read_first(sentence: str) -> str:
    """'email each volunteer whose shift is tomorrow (Google Sheet 'Fixers Rota' — name, email, shift date) a reminder'
    → 'read the Google Sheet 'Fixers Rota' and email each volunteer whose shift is tomorrow a reminder': the list told
    in brackets after a test of the people is read first, then each of them tested (else the sentence stays)."""
    for m in _PLACE_ASIDE.finditer(sentence):
        head = sentence[: m.start()]
        each = None
        for found in re.finditer(
            r"\b(?:each|every)\s+[a-z][\w-]*\s+(?:who|whose|that|which|with)\b", head, re.I
        ):
            each = found
        if each is None or re.search(r"[,;:.!?]", head[each.end() :]):
            continue
        placed = {key for _, key in lx.integrations_in(m.group("place"))}
        if not placed or placed & {key for _, key in lx.integrations_in(head)}:
            continue
        at = _action_start(head, each.start())
        if at is None:
            continue
        return f"{head[:at]}read the {m.group('place')} and {head[at:]}{sentence[m.end() :]}"
    return sentence


def _plural(item: str) -> str:
    """'row' → 'rows', 'entry' → 'entries': the loop walks all the items, so the list is read whole ('get rows from
    Supabase …' lists them; 'get row …' would fetch one)."""
    words = item.split()
    if not words or not re.fullmatch(r"[a-z]+", words[-1]) or words[-1].endswith("s"):
        return item
    last = words[-1]
    last = (
        last[:-1] + "ies"
        if re.search(r"[^aeiou]y$", last)
        else last + "es"
        if re.search(r"(?:x|ch|sh|z)$", last)
        else last + "s"
    )
    return " ".join(words[:-1] + [last])


def _loop_place(sentence: str, loop: re.Match[str]) -> str:
    """'each property in the Portfolio sheet' → 'the Portfolio sheet': the place the items come from, with its
    determiner, which tells a name the user gave it ('the Portfolio sheet') from a word that starts a sentence."""
    if not loop.group(2):
        # 'for all the donors in the Airtable 'Donors' table who gave over $1,000': the place inside the item phrase
        inner = _PLACE.search(loop.group(1) or "")
        return _PLACE_LEAD.sub("", inner.group(0), count=1) if inner else ""
    if re.fullmatch(
        rf"(?:the\s+)?(?:next|last|past|coming|previous|following|same)\s+(?:\d+\s+|few\s+)?(?:{lx.TIME_UNITS})s?",
        loop.group(2).strip(),
        re.I,
    ):
        return ""  # 'for each dog whose vaccine_due falls in the next month': a time, no place
    if re.fullmatch(r"(?:it|them|there|this|that|these|those)", loop.group(2).strip(), re.I):
        return ""  # 'scrape our entries page and, for each team on it, …': what was read before, named again
    det = re.search(r"\b(the|our|my)\s+$", sentence[: loop.start(2)], re.I)
    return (det.group(1) + " " if det else "") + loop.group(2)


# "each one that's been open …", "every lead who's idle", "any that're late": a relative clause read in full
_RELATIVE_CONTRACTION = (
    (re.compile(r"\b(that|which|who)['’]s(?=\s+been\b)", re.I), r"\1 has"),
    (re.compile(r"\b(that|which|who)['’]s\b", re.I), r"\1 is"),
    (re.compile(r"\b(that|which|who)['’]re\b", re.I), r"\1 are"),
    (re.compile(r"\b(that|which|who)['’]ve\b", re.I), r"\1 have"),
)


# '…, unless they have already paid', '— except if the deal is worth less than $2,000', '…, but only when …':
# a test said after what its sentence does, as an exception to it or a restriction of it
_EXCEPTION = re.compile(
    r"\s*(?:[,;]|\s[—–-]|—|–)\s*(?:but\s+)?(?P<word>unless|except\s+(?:if|when|where|for)|only\s+(?:if|when|where|for)"
    # '… - but only applicants who said they have a licence should get it': the items kept, by what they are
    r"|only\s+(?:the\s+|those\s+)?[a-z][\w-]*s\s+(?:who|that|whose|with)(?=\s[^.;]*\s(?:should|must|will|can)\s))"
    r"\s+(?P<test>\S.*)$",
    re.I,
)
_KEPT_GET = re.compile(
    r"\s+(?:should|must|need\s+to|will|can)\s+(?:be\s+[a-z]+|get\s+(?:it|one|them|this|that)|receive\s+(?:it|one))"
    r"\s*[.!]?\s*$",
    re.I,
)
# '…, which goes to billing@… by email instead', '…, in which case email … instead', '…, then post it to #x instead':
# where the excepted items go
_INSTEAD = re.compile(
    r"\s*,\s*(?:(?:which|who|those|these|they|that|it|then)\s+(?P<verb>go(?:es)?|get(?:s)?|should\s+go|are|is|get\s+sent|"
    r"gets\s+sent)\s+(?P<rest>.+?)|in\s+which\s+case\s+(?:just\s+)?(?P<act>.+?))(?:\s+instead)?\s*$",
    re.I,
)


def _excepted(sentence: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step] | None:
    """The steps of a sentence whose test comes after what it does, as an exception ('email each tenant a
    reminder, unless they have already paid') or a restriction ('…, but only if …'): the test guards what the
    sentence does — each item's steps inside its loop when the sentence repeats over a list — and what the
    exception says its items get instead ('…, which goes to … instead') is the other branch. None when the
    sentence reads no other way than the plain one (no loop, no test of its own, nothing instead, a plain
    'unless')."""
    found = _EXCEPTION.search(sentence)
    if found is None or not sentence[: found.start()].strip():
        return None
    word = found.group("word").lower().split()[0]
    test_text, instead_text = found.group("test"), ""
    # '… who said they have a licence should get it': what the kept items get is what the sentence did
    test_text = re.sub(_KEPT_GET, "", test_text)
    other = _INSTEAD.search(test_text)
    if other is not None:
        said = (
            _route_of(f"these {other.group('verb')} {other.group('rest')}") if other.group("verb") else None
        )
        instead_text = said[1] if said else (other.group("act") or "")
        if instead_text:
            test_text = test_text[: other.start()]
    if not re.search(r"\w", test_text) or ACTION_START.match(test_text):
        return None
    main = read_sentence(sentence[: found.start()], description, ruled_out)
    loop = next((s for s in reversed(main) if s.kind == "loop" and s.loop_type == "forEach" and s.body), None)
    guarded = [s for s in main if s.kind not in ("source", "process")]
    if not guarded:
        return None
    if (
        loop is None
        and word == "unless"
        and not instead_text
        and not any(s.kind == "condition" for s in main)
    ):
        return None  # 'post it unless it is raining': the plain reading negates the test already
    test = Step(
        "condition",
        "condition",
        label=test_text.strip(" ,.—–"),
        text=sentence,
        negate=word in ("unless", "except"),
        excepted=word in ("unless", "except"),
    )
    instead = read_clauses(instead_text, description, ruled_out) if instead_text else []
    if loop is not None and not instead:
        test.branches = [("if", loop.body), ("else", [])]
        loop.body = [test]
        return main
    test.branches = [("if", guarded), ("else", instead)]
    kept = [s for s in main if s.kind in ("source", "process")]
    test.data_from = kept[-1] if kept else None
    return kept + [test]


# 'DM whoever is assigned, one by one', 'and, one at a time, send them a welcome email': the step repeats per item
_ONE_BY_ONE = re.compile(
    r"(?P<lead>\s*,\s*|\s+)(?:one\s+by\s+one|one\s+at\s+a\s+time|one\s+after\s+(?:the\s+)?other|individually|"
    r"each\s+in\s+turn|in\s+turn)\b(?P<trail>\s*,\s*|\s+|(?=[.;!]|$))",
    re.I,
)
_CLAUSE_JOINT = re.compile(r"(?:[,;]\s*(?:and\s+|then\s+)*|\s+(?:and|then)\s+(?:then\s+)?)(?=\S)", re.I)


# 'for each of those checks if …', 'for every one of them email …': a pronoun takes no noun, a verb follows it
_EACH_OF_THEM = re.compile(
    r"\b(for\s+(?:each|every)(?:\s+one)?\s+of\s+(?:those|these|them))\s+(?P<verb>[a-z]+)(?=\s)", re.I
)


# 'search Tavily for news about every one of them', 'look up each of those on Exa': the pronoun names the items read
# before, the same as 'each one' (not after 'for', which heads the clause it repeats)
_OF_THEM_OBJECT = re.compile(
    r"(?<=[a-z]\s)(?<!\bfor\s)\b(?:each|every\s+one|every\s+single\s+one)\s+of\s+(?:them|those|these)\b"
    r"(?!\s+(?:in|on|from)\s)",
    re.I,
)


# the test words of a contract's clause ('4.2 Where the category is …, the Solution shall …', '…, and, where the total
# exceeds …', 'In the event that the title mentions …'): at a clause's start, before what is tested, an 'if'
# ('where possible', 'where applicable' name no thing to test)
_LEGAL_IF = re.compile(
    r"(?:^|(?<=[\n.;:,(])|(?<=\d\s)|(?<=[\n.;:,(]\s)|(?<=\d[.)]\s))\s*"
    r"(where|in\s+(?:the|any)\s+event\s+that|in\s+(?:any\s+|all\s+)?cases?\s+where|in\s+(?:any\s+)?instances?\s+where)"
    r"(?=\s+(?:the|an?|its|their|any|this|that|such|no)\s)",
    re.I,
)
_ONE_FOR_ALL = re.compile(r"\b(?:one|a\s+single|single|a\s+combined)\s+[\w-]+\s+(for)\s+(?=all\b)", re.I)


def _each_of_them(sentence: str) -> str:
    """'for each of those checks if the date passed' read as 'for each of them, check if the date passed': what
    follows the pronoun is the repeated step (its verb with or without the '-s' of the chatty voice); 'search the
    news about every one of them' as '… about each one'."""
    sentence = _OF_THEM_OBJECT.sub("each one", sentence)

    def comma(m: re.Match[str]) -> str:
        verb = m.group("verb")
        bare = re.sub(r"(?:(?<=[sxz])|(?<=ch)|(?<=sh))es$|(?<=[^s])s$", "", verb)
        if not (ACTION_START.fullmatch(bare) or ACTION_START.fullmatch(verb)):
            return m.group(0)
        return f"{m.group(1)}, {bare}"

    return _EACH_OF_THEM.sub(comma, sentence)


def _one_by_one(sentence: str) -> str:
    """'… and DM whoever is assigned on Slack, one by one' read as '… and for each one, DM whoever is assigned on
    Slack': the words say the clause they close (or open) repeats for each item read before it. A sentence that
    already names its items ('email each lead individually') stays as written; a later clause's 'each' names what
    the repeated step made ('one by one summarize them and post each summary'), not the items."""
    found = _ONE_BY_ONE.search(sentence)
    if found is None:
        return sentence
    before, after = sentence[: found.start()], sentence[found.end() :]
    joint = _CLAUSE_JOINT.search(after)
    said = before + " " + (after[: joint.start()] if joint else after)
    if _LOOP.search(said) or _EACH_OF.search(said) or _EACH_NOUN.search(said):
        return sentence
    if after.strip(" .;!") and ACTION_START.match(after):
        # 'and, one at a time, send them …': the words open the clause after them
        return f"{before.rstrip(' ,')} for each one, {after}"
    joints = list(_CLAUSE_JOINT.finditer(before))
    if not joints:
        return sentence
    joint = joints[-1]
    clause = before[joint.end() :]
    if not ACTION_START.match(clause):
        return sentence
    return f"{before[: joint.end()]}for each one, {clause}{found.group('trail') if after else ''}{after}"


# '…, with the speaker's email as the attendee', '…, inviting the lecturer': how each repeat is made
_HOW_MADE = re.compile(r"^\s*,?\s*(?:with|inviting|including|using|adding|attaching|cc'?ing)\b[^,;]*", re.I)


_WALK = re.compile(r"go(?:es|ing)?\s+through|iterate|loop|take|grab", re.I)
# 'asks the requester by email to rate …', 'ask each guest via SMS for …': a question put to a person through a
# channel is a message sent to them (not a read)
_ASKED_BY = re.compile(
    r"\b(?:ask|asks|asking)\s+(?P<who>(?:them|him|her|(?:the|each|every|their|our|that)\s+(?:[\w-]+\s+){0,2}?[\w-]+))\s+"
    r"(?:by|via|over|through|in\s+an?|with\s+an?)\s+(?P<ch>e-?mail|sms|text(?:\s+message)?|whatsapp|telegram|slack(?:\s+dm)?)\b",
    re.I,
)


def _asked_by(sentence: str) -> str:
    """'… asks the requester by email to rate …' read as '… email the requester asking to rate …'."""

    def told(m: re.Match[str]) -> str:
        channel = m.group("ch").lower()
        who = m.group("who")
        if channel.replace("-", "") == "email":
            return f"email {who} asking"
        if channel.startswith(("sms", "text")):
            return f"text {who} asking"
        return f"message {who} on {channel.split()[0].capitalize()} asking"

    return _ASKED_BY.sub(told, sentence)


# 'decide whether the message is negative and, if it is, post it …', '… whether it mentions a refund and if so, …':
# the test after 'and' says its question again by a pronoun
_WHETHER_SO = re.compile(
    r"\bwhether\s+(?P<subj>(?:the|its|their|this|that|it|they)\b(?:\s+[\w-]+){0,2}?)\s+"
    r"(?P<verb>is|are|looks?|sounds?|seems?|mentions?|contains?|includes?|has|have|needs?|comes\s+from|is\s+from)\s+"
    r"(?P<what>[^,;.]{1,60}?)\s*,?\s+and\s*,?\s+(?P<if>if|when)\s+(?P<ana>so|yes|it\s+is|it\s+does|they\s+are|"
    r"they\s+do|it\s+has|that'?s\s+the\s+case)\b",
    re.I,
)


def _whether_so(sentence: str) -> str:
    """'… whether the message is negative/angry and, if it is, post …' read as '… and, if it is negative/angry, post
    …': the test of the question asked before, in its own words."""

    def said(m: re.Match[str]) -> str:
        they = m.group("verb").lower() in ("are", "have") or m.group("subj").lower().startswith("they")
        head = m.group(0)[: m.start("if") - m.start()]
        return f"{head}{m.group('if')} {'they' if they else 'it'} {m.group('verb')} {m.group('what')}"

    return _WHETHER_SO.sub(said, sentence)


# what is done to items, said after them: 'each date gets added as an event in our Google Calendar', 'New messages in
# our Telegram group should be translated to English and posted to …', 'I want each new Stripe payment over £500
# posted to #big-wins' (not 'messages posted in #general', a participle telling which ones)
_DONE = (
    r"(?:added|posted|sent|created|saved|logged|written|uploaded|appended|stored|copied|forwarded|e-?mailed|shared|"
    r"filed|recorded|pushed|mirrored|texted|announced|translated|summari[sz]ed)"
)
_NP = (
    # ('any other message just gets appended …' is an otherwise; 'any single expense above $10,000 gets posted …' a
    # test of each: neither is read here)
    r"(?:each|every|new|incoming)\b(?:\s+(?!(?:and|then|when|whenever|if|is|are|gets?|should|will|must|"
    r"be|have|has|had|that|which|who)\b)(?!" + _DONE + r"\b)(?:[\w£$€%.'’#@&/-]|,(?=\d))+){1,8}?"
)
_WANT_MARKED = re.compile(
    r"\b(?P<lead>wants?|needs?|would\s+like|['’]d\s+like)\s+"
    r"(?P<np>(?:the|this|that|their|his|her|its|our|my|next|last|each|every)\b[^,;.!?\n]{0,60}?)\s+"
    r"(?:marked|flagged|set)\s+(?:as\s+|to\s+)?(?P<state>['\"‘“][^'\"’”\n]{1,30}['\"’”]|[\w-]+)\s+(?=(?:in|on)\s)",
    re.I,
)
_EACH_PASSIVE = re.compile(
    r"(?:\b(?P<want>wants?|needs?|would\s+like|'d\s+like|(?<![\w.])id\s+like)\s+(?P<wnp>(?:the\s+|our\s+)?"
    + _NP
    + r")"
    r"|\b(?P<np>" + _NP + r")\s+(?:gets|get|is|are|should\s+be|will\s+be|must\s+be|needs?\s+to\s+be|to\s+be)"
    # ('… should be translated and posted to …' after the event that is its subject, blanked)
    # (what is left of the event's words, 'to bookings@x.example', is the event's: blanked)
    r"|^(?P<left>\W*(?:(?:to|from|in|on|at|into|for|of)\s+(?:[^\s,;]+\s+){1,5}?)?)"
    r"(?P<blank>(?:should|will|must|shall|needs?\s+to|has\s+to|have\s+to)\s+(?:be|get))"
    r")\s+(?P<done>" + _DONE + r")"
    # ('… translated to English and posted to the Teams channel': a second act on the same items)
    r"(?:\s+(?P<mid>(?:as|to|in|into|on)\s+[^,;.]{1,40}?)\s+and\s+(?:then\s+)?(?P<done2>" + _DONE + r"))?"
    r"\s+(?=(?:as|to|in|into|on)\b)",
    re.I,
)
_DONE_VERB = {
    "scraped": "scrape",
    "updated": "update",
    "read": "read",
    "sent": "send",
    "written": "write",
    "logged": "log",
    "stored": "store",
    "saved": "save",
    "created": "create",
    "copied": "copy",
    "shared": "share",
    "filed": "file",
    "translated": "translate",
    "summarised": "summarise",
    "summarized": "summarize",
    "mirrored": "mirror",
    "emailed": "email",
    "e-mailed": "email",
    "summed up": "summarise",
}


def _lists_items(body: list[Step], item: str, clause: str) -> list[Step]:
    """The reads of `body` that fetch the loop's items themselves ('list the pages …' before 'for each page'): the
    clause names the items in the plural before the loop phrase, and something else in the body works on each."""
    words = [w for w in re.findall(r"[a-z][\w-]*", item.lower()) if w not in ("new", "one", "item")]
    if not words or not any(s.kind != "source" for s in body):
        return []
    plural = "|".join(
        re.escape(w) + r"(?:s|es)" + ("|" + re.escape(w[:-1]) + "ies" if w.endswith("y") else "")
        for w in words
    )
    if not re.search(rf"\b(?:{plural})\b", clause, re.I):
        return []
    return [s for s in body if s.kind == "source" and s.integration][:1]


_WANTED_LIST = re.compile(
    r"\b(?P<lead>(?:i|we)(?:['’]d|\s+would)\s+like|(?:i|we)\s+(?:want|need))\s+"
    r"(?P<rest>(?:the|those|these|our|my|all|its|their)\b[^.;!?\n]*)",
    re.I,
)


@lru_cache(maxsize=1)
def _wanted_item() -> re.Pattern[str]:
    done = "|".join(sorted(map(re.escape, lexicon()["wanted_participles"]), key=len, reverse=True))
    return re.compile(
        r"^(?P<np>(?:the|those|these|our|my|all|its|their)\b(?:\s+(?:[\w'’$£€%-]+|'[^'\n]{1,40}'|\"[^\"\n]{1,40}\")){0,6}?)"
        r"\s+(?P<done>" + done + r")\b(?P<tail>.*)$",
        re.I | re.S,
    )


@lru_cache(maxsize=1)
def _had_done() -> re.Pattern[str]:
    """'get the code logged in the Google Sheet', 'have the receipts uploaded to Drive', '… a WhatsApp with a code,
    AND the code logged in the sheet' (after a want): a thing and the act done to it said after it, then where it
    goes (lexicon.json 'placed_participles')."""
    done = "|".join(sorted(map(re.escape, lexicon()["placed_participles"]), key=len, reverse=True))
    return re.compile(
        # (not 'I need to have its PDF attachment uploaded to …', kept as said: h34-045)
        r"\b(?P<lead>(?<!\bto\s)(?:get|have)\s+|(?<=,)\s*and\s+|\band\s+(?=(?:the|those|these|its|their)\s))"
        r"(?P<np>(?:the|those|these|our|my|all|its|their|each|every)\b(?:\s+(?:[\w'’$£€%-]+|'[^'\n]{1,40}'|\"[^\"\n]{1,40}\")){1,5}?)"
        r"\s+(?P<done>" + done + r")(?=\s+(?:in|into|to|on|onto)\s)",
        re.I,
    )


def _had_done_active(text: str) -> str:
    """`text` with 'get the code logged in X' read as 'log the code in X' (and ', and the code logged in X' in a
    sentence that wants something, as ', and log the code in X')."""

    def active(m: re.Match[str]) -> str:
        lead = m.group("lead")
        if not re.match(r"(?:get|have)\s", lead, re.I):
            opening = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
            if not re.search(
                r"\b(?:want|wants|need|needs|would\s+like|'d\s+like|should)\b",
                text[opening : m.start()],
                re.I,
            ):
                return m.group(0)
            return f"{lead}{_participle_verb(m.group('done'))} {m.group('np')}"
        if re.search(
            r"\b(?:i|we|you|they|he|she|it|who|staff|people|customers?|clients?)\s+(?:\w+\s+)?$",
            text[: m.start()],
            re.I,
        ):
            return m.group(0)  # 'we have the invoices posted to the portal': what someone has done now, told
        return f"{_participle_verb(m.group('done'))} {m.group('np')}"

    return _had_done().sub(active, text)


@lru_cache(maxsize=1)
def _asked_done_twice() -> re.Pattern[str]:
    """'can the 'Site Visits' Airtable table get summarised by AI every Friday at 17:30 and dropped into Notion as a
    page under 'Field Notes'?': a thing asked to have two acts done to it, each said as a participle after it
    (lexicon.json 'wanted_participles'), the second with where it goes."""
    done = "|".join(
        sorted(
            (re.escape(w).replace(r"\ ", r"\s+") for w in lexicon()["wanted_participles"]),
            key=len,
            reverse=True,
        )
    )
    return re.compile(
        r"\b(?:can|could|would|will|should)\s+(?P<np>(?:the|our|my|this|that|these|those|all)\s+[^?.!,;:\n]{1,60}?)\s+"
        r"(?:get|be)\s+(?:automatically\s+)?(?P<done>" + done + r")"
        r"(?P<by>\s+(?:by|with|using)\s+(?:an?\s+|the\s+|our\s+)?(?:ai|claude|gpt|chatgpt|llm|model))?\b"
        r"(?P<rest>[^?.!;\n]{0,80}?)\s+and\s+(?:then\s+)?(?:be\s+|get\s+)?(?P<done2>" + done + r")"
        r"\s+(?=(?:in|into|to|on|onto|as)\b)",
        re.I,
    )


def _asked_active(m: re.Match[str]) -> str:
    """'can the X get summarised by AI … and dropped into Notion' → 'please summarise the X with AI … and drop it
    into Notion'."""
    by = " with AI" if m.group("by") else ""
    return (
        f"please {_participle_verb(' '.join(m.group('done').split()))} {m.group('np')}{by}{m.group('rest')} "
        f"and {_participle_verb(' '.join(m.group('done2').split()))} it "
    )


def _wanted_list(m: re.Match[str]) -> str:
    """ "I'd like those four pages scraped, the prices compared with …, the new prices appended to that sheet, and
    if …" → "I'd like to scrape those four pages, compare the prices with …, append the new prices to that sheet,
    and if …": the things wanted, each with the act done to it after it (lexicon.json 'wanted_participles'), read
    with the act first, from the first of them on as long as each is said so — a list of two or more."""
    items = re.split(r"(,\s*(?:and\s+)?|\s+and\s+)", m.group("rest"))
    out: list[str] = []
    turned = 0
    for i in range(0, len(items), 2):
        said = _wanted_item().match(items[i])
        if said is None or turned * 2 < i:
            out += items[i:]
            break
        out.append(f"{_participle_verb(said.group('done'))} {said.group('np')}{said.group('tail')}")
        out += items[i + 1 : i + 2]
        turned += 1
    if turned < 2:
        # ("I'd like the Jira sprint report sent to me …", 'I want the customer emailed …': one thing wanted, read as
        # written by `_EACH_PASSIVE` and the readers of a message asked for)
        return m.group(0)
    return f"{m.group('lead')} to {''.join(out)}"


def wanted_done(description: str) -> str:
    """'I want each new Stripe payment over £500 posted to #big-wins' read as 'I want to post each new Stripe payment
    over £500 to #big-wins', '… → a Jira issue in project ESC' as '… → create a Jira issue in project ESC', before the
    event is looked for: the items are what the act is done to, the thing an arrow leads to is made."""

    def made(m: re.Match[str]) -> str:
        if _ARRIVES_AFTER.match(m.string, m.end()):
            return m.group(0)  # '→ one email per booking lands in Gmail': how things arrive, nothing made
        what = m.group("what")  # ('→ welcome email': one is made, 'send a welcome email')
        what = what if re.match(r"(?:an?|one)\s", what, re.I) or what.lower().endswith("s") else f"a {what}"
        return f"{m.group('arrow')} {_MADE_BY.get(m.group('head').lower(), 'create')} {what}"

    # 'Is it possible to post the new rows … to Discord #welcome?': a polite request, not a question of whether
    description = _POSSIBLE_TO.sub(lambda m: f"{m.group(1)}Please ", description)
    # "I'd like those four pages scraped, the prices compared with …, the new prices appended to that sheet, and
    # if …": each thing wanted, what is done to it said after it
    description = _WANTED_LIST.sub(_wanted_list, description)
    # "I want next week's delivery marked skipped in the Supabase 'deliveries' table": the state set there, an update
    description = _WANT_MARKED.sub(
        lambda m: f"{m.group('lead')} to mark {m.group('np')} as {m.group('state')} ", description
    )
    # 'can the 'Site Visits' table get summarised by AI … and dropped into Notion …?': both acts, each its verb first
    description = _asked_done_twice().sub(_asked_active, description)
    # 'get the code logged in the Google Sheet', '…, AND the code logged in the sheet': the act, then its thing
    description = _had_done_active(description)
    # 'a daily 8am email with the top 3 stories from TechCrunch': a one-line request that only names the message
    if "\n" not in description.strip() and _NAMED_MESSAGE.match(description):
        description = "Send me " + description.lstrip()
    # 'How can I get an email every morning with …?': the message asked for, sent ('Please send me an email …')
    description = _HOW_TO_GET.sub(
        lambda m: f"{m.group(1)}Please send {'me' if m.group(2).lower() == 'i' else 'us'} ", description
    )
    description = _WANT_MESSAGE.sub(
        lambda m: f"please send {'me' if m.group(1).lower() == 'i' else 'us'} {m.group('np')} ", description
    )
    # 'send me an email summarising the open Jira issues': the message holds a summary of what is read
    description = _MESSAGE_SUMMARISING.sub(lambda m: f"{m.group('msg')} with a summary of ", description)
    # 'I want Slack to tell me how many …': the service said as the teller is where the message goes
    description = _SERVICE_TELLS.sub(
        lambda m: f"{m.group('verb')} {m.group('who')} on {m.group('svc')}", description
    )
    description = _ARROW_MADE.sub(made, _item_should_act(description))
    # 'send me a summary of the open Jira issues on Slack' → 'send a summary of the open Jira issues to me on Slack':
    # whom it goes to said first, the channel last
    description = _sent_whom_what().sub(
        lambda m: f"send {m.group('what')} to {m.group('who')} {m.group('how')}", description
    )
    # '…, send them a thank-you email and be posted in #leads': the second act on the same one, its verb first
    description = _AND_BE_DONE.sub(lambda m: f"and {_participle_verb(m.group(1))} it ", description)
    # 'have AI write a thank-you note that gets emailed to the customer': the thing made, then sent — its own step
    description = _THAT_GETS_DONE.sub(lambda m: f"and {_participle_verb(m.group(1))} it ", description)
    # '… scored by AI and the hot ones emailed to sales@…': the kept ones, and what is done to them
    description = _ONES_DONE.sub(
        lambda m: f"{_participle_verb(m.group('done'))} {m.group('np')} ",
        description,
    )
    return _EACH_PASSIVE.sub(lambda m: _active(m) if m.group("want") else m.group(0), description)


@lru_cache(maxsize=1)
def _sent_whom_what() -> re.Pattern[str]:
    """'send me a summary of … on Slack', 'message the managers a list of … on Teams': a send with whom first, what
    second and the channel last (lexicon.json 'people')."""
    people = "|".join(map(re.escape, lexicon()["people"]))
    return re.compile(
        r"\b(?:send|email|e-mail|message|dm|text|give)\s+(?P<who>me|us|everyone|everybody|the\s+(?:whole\s+)?(?:team|"
        r"staff|board|office|crew|committee|group|class|managers?|leads?|founders?|" + people + r")s?)\s+"
        r"(?P<what>(?:a|an|one|the|our|my|today's|yesterday's|this\s+week's|last\s+week's)\s+"
        r"(?:(?!(?:to|and|then|if|when|every|each|on|via|over|through)\b)[^\s,.;!?]+\s+){0,12}?[^\s,.;!?]+)\s+"
        r"(?P<how>(?:on|via|over|through|in)\s+(?:the\s+|our\s+|my\s+)?(?:slack|microsoft\s+teams|ms\s+teams|teams|"
        r"discord|telegram|whatsapp|sms|text|e-?mail|gmail|outlook)\b)",
        re.I,
    )


_POSSIBLE_TO = re.compile(
    r"(^|(?<=[.!?\n])\s*)(?:is\s+it|would\s+it\s+be|is\s+there\s+(?:a|any)\s+way)\s+(?:possible\s+)?(?:for\s+(?:you|sim)\s+)?to\s+"
    r"(?=(?:have|get|post|send|make|add|copy|sync|forward|email|text|log|save|automatically|create|notify|alert)\b)",
    re.I,
)
_NAMED_MESSAGE = re.compile(
    r"\s*(?:an?|one)\s+(?:(?:daily|weekly|hourly|monthly|nightly|morning|evening|friday|monday|short|quick|"
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|h)?)\s+){0,3}(?:e-?mail|slack\s+message|text|sms|whatsapp|telegram\s+message|"
    r"digest|summary|report|reminder|alert|notification|briefing|recap)\s+(?:with|of|about|listing|summari[sz]ing)\s"
    r"(?![^.!?]*[.!?]\s+\S)",  # one sentence only
    re.I,
)
_HOW_TO_GET = re.compile(
    r"(^|(?<=[.!?\n])\s*)(?:how|where)\s+(?:can|could|do|would|should|might)\s+(i|we)\s+(?:get|receive|be\s+sent)\s+"
    r"(?=(?:an?|one|the|daily|weekly|hourly|monthly)\s+(?:[\w-]+\s+){0,3}?(?:e-?mails?|messages?|texts?|sms|"
    r"notifications?|alerts?|reminders?|digests?|summar(?:y|ies)|reports?|updates?|briefings?|recaps?|posts?)\b)",
    re.I,
)
_MESSAGE_SUMMARISING = re.compile(
    r"(?P<msg>\b(?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?:e-?mail|text|sms|message|dm|note|post|digest)"
    r"(?:\s+(?:in|to|on)\s+#[\w-]+)?)\s+(?:summari[sz]ing|recapping)\s+(?=\w)",
    re.I,
)
# 'I'd like an email to me summarising …', 'we want a text to my phone with …': the message asked for, sent
_WANT_MESSAGE = re.compile(
    r"\b(i|we)\s*(?:['’]d|would)?\s*(?:like|want|need|love)\s+(?P<np>(?:an?|one)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:e-?mail|text|sms|whatsapp|slack\s+message|telegram\s+message|message))\s+"
    r"(?:to\s+(?:me|us)\b\s*|(?=(?:to\s+my\s+(?:phone|mobile|cell|inbox|e-?mail)|on\s+my\s+phone)\b))",
    re.I,
)
_SERVICE_TELLS = re.compile(
    r"\b(?:i|we)\s*(?:['’]d|would|)\s*(?:want|like|need|love|prefer)\s+(?P<svc>slack|microsoft\s+teams|teams|discord|"
    r"telegram|whatsapp|gmail|outlook)\s+to\s+(?P<verb>tell|notify|remind|ping|message|alert|warn|text|email)\s+"
    r"(?P<who>me|us|everyone|everybody|the\s+team)\b",
    re.I,
)
_THAT_GETS_DONE = re.compile(
    r"\b(?:that|which)\s+(?:then\s+)?(?:gets?|is|will\s+be|should\s+be|can\s+be)\s+(?:then\s+)?"
    r"(emailed|e-mailed|sent|texted|messaged|forwarded|posted)\s+(?=to\s+(?:the|their|each|every|our|my|me|us|him|her|them)\b)",
    re.I,
)
_AND_BE_DONE = re.compile(r"\band\s+(?:also\s+)?be\s+(" + _DONE + r")\s+(?=(?:to|in|into|on)\b)", re.I)
_ONES_DONE = re.compile(
    r"\b(?P<np>(?:the|any|those)\s+(?:[\w-]+\s+){1,2}?ones)\s+(?:(?:should|must|will)\s+be\s+|get\s+|are\s+)?"
    r"(?P<done>" + _DONE + r")\s+(?=(?:to|in|into|on)\b)",
    re.I,
)


# 'Any Stripe dispute should create a Jira ticket …', 'A new Jira bug with priority Highest should page …', 'Each new
# subscriber in Mailchimp should get a Telegram ping': a service's item opens the sentence, and what it should do
# follows — the item's arrival is the event
_ITEM_SHOULD = re.compile(
    r"(?:^|(?<=[.!?\n]))(?P<gap>\s*)(?:(?:a|an|any|every|each|all)\s+(?:new\s+)?|new\s+)(?P<item>(?:[\w.'@/#-]+\s+){0,7}?[\w.'@/#-]+)\s+"
    r"(?:should|must|will|needs?\s+to|has\s+to|shall)\s+(?:automatically\s+|also\s+|immediately\s+)?"
    r"(?!(?:be|not|never|only|stay|remain|have|come|happen)\b)(?P<verb>[a-z]+)\b",
    re.I,
)


def _item_should_act(description: str) -> str:
    """`description` with 'Any Stripe dispute should create …' said as 'When a new Stripe dispute comes in, create
    …' ('should get a …' as 'send a …'): only when a service is named among the item's first words."""

    def told(m: re.Match[str]) -> str:
        item = m.group("item")
        if not _names_service(" ".join(item.split()[:4])) or re.search(r"\b(?:I|we|you)\b", item):
            return m.group(0)
        verb = "send" if m.group("verb").lower() in ("get", "receive", "trigger") else m.group("verb")
        if verb.lower() in ("go", "land", "end", "show", "appear", "arrive"):
            verb = f"it should {verb}"  # ('… should end up in our 'Bookings' Google Sheet': where it goes, read later)
        return f"{m.group('gap')}When a new {item} comes in, {verb}"

    return _people_who().sub(_someone_does, _ITEM_SHOULD.sub(told, description))


def _names_service(text: str) -> bool:
    """Whether `text` names a service: one with a block (the lexicon's integrations) or one reached by HTTP."""
    from lib.generation.services import external_in

    return bool(lx.integrations_in(text) or external_in(text))


@lru_cache(maxsize=1)
def _people_who() -> re.Pattern[str]:
    people = "|".join(map(re.escape, lexicon()["people"]))
    return re.compile(
        r"(?:^|(?<=[.!?\n]))(?P<gap>\s*)(?:anyone|anybody|everyone|everybody|people|(?:new\s+)?(?:"
        + people
        + r")s)\s+"
        r"(?:who|that)\s+(?P<ev>(?!(?:are|is|have|has|had|were|was)\b)[a-z][^,.;!?\n]{2,80}?)\s+"
        r"(?:should|must|will|need\s+to|have\s+to)\s+(?:also\s+|automatically\s+|immediately\s+)?"
        r"(?:(?P<get>get|receive)|be\s+(?P<done>[a-z]+ed)|(?P<verb>[a-z]+))\b",
        re.I,
    )


def _someone_does(m: re.Match[str]) -> str:
    """'Anyone who books through Calendly should get a confirmation text' → 'When someone books through Calendly,
    send them a confirmation text': the people named by what they do, that act the event — only when a service or a
    form is named in it."""
    ev = m.group("ev")
    if not (_names_service(ev) or re.search(r"\b(?:form|webhook|survey|booking page)\b", ev, re.I)):
        return m.group(0)
    if m.group("get"):
        act = "send them"
    elif m.group("done"):
        act = f"{_participle_verb(m.group('done'))} them"
    else:
        act = m.group("verb")
    return f"{m.group('gap')}When someone {ev}, {act}"


# '… → welcome email to that volunteer', '… -> a Jira issue in project ESC for each': an arrow to a thing made, no verb
_MADE_BY = {"comment": "add", "row": "add", "record": "add", "page": "create", "event": "create"}
_MADE_BY |= dict.fromkeys(
    ("email", "e-mail", "mail", "message", "sms", "text", "dm", "reply", "note", "alert", "notification"),
    "send",
)
# the verb of an arrival after a thing said ('one email per booking lands in Gmail', 'a message comes into our inbox')
_ARRIVES_AFTER = re.compile(
    r"(?:\s+(?:per|for\s+each|for\s+every)\s+(?:new\s+)?[\w-]+)?\s+(?:(?:usually|always|then|just)\s+)?"
    r"(?:lands?|arrives?|comes?\s+(?:in|into|through)|shows?\s+up|turns?\s+up|pops?\s+up|drops?\s+in(?:to)?|hits?)\b",
    re.I,
)
_ARROW_MADE = re.compile(
    r"(?P<arrow>->|→|=>)\s*(?P<what>(?:an?\s+|one\s+)?(?:(?!(?:send|post|create|add|log|email|e-mail|text|ping|notify|"
    r"open|file|make|write|save|message|dm|reply|forward|comment|raise|update|append|put|drop|copy|share|alert|"
    # ('rating 3 or more → no email; …': a thing said not to be made)
    r"and|or|if|then|no|not|nothing|without|never)\b)[\w#-]+\s+){0,3}?(?P<head>e-?mail|mail|message|issue|ticket|task|card|row|record|page|"
    r"event|comment|sms|text|dm|reply|note|alert|notification)s?)\b"
    # (the thing is all the arrow leads to: not '-> email is what they want', "-> Google Calendar 'Find Events'")
    r"(?=\s+(?:to|in|into|on|for|with|about|per|when|if|saying|that)\b|\s*[,.;:!?)]|\s*$|\s+(?:->|→|=>))",
    re.I,
)


def done_first(sentence: str) -> str:
    """'… and each date gets added as an event in our Google Calendar' read as '… and add each date as an event in
    our Google Calendar', 'New messages … should be translated to English and posted to …' as 'translate new messages
    … to English and post them to …', '… and the sender gets a short reply' as '… and send the sender a short
    reply': the act done to the items or for a person, said with its verb first."""
    return _gets_sent().sub(r"send \g<who> \g<what>", _EACH_PASSIVE.sub(_active, sentence))


@lru_cache(maxsize=1)
def _gets_sent() -> re.Pattern[str]:
    """'the sender gets a short thanks reply', 'each customer should receive a confirmation email': a message
    a person is given, sent to them."""
    return re.compile(
        r"\b(?P<who>(?:the|each|every|that|this)\s+(?:[\w-]+\s+)?(?:"
        + "|".join(lexicon()["people"])
        + r")s?)\s+(?:gets?|receives?|will\s+(?:get|receive))\s+"
        r"(?P<what>(?:an?|the|our)\s+(?:[^\s,;.]+\s+){0,6}?(?:reply|e-?mail|message|text|sms|confirmation|receipt|"
        r"note|notification|reminder|acknowledge?ment)s?)\b",
        re.I,
    )


def _participle_verb(done: str) -> str:
    """'announced' → 'announce', 'tagged' → 'tag', 'copied' → 'copy', 'posted' → 'post': the verb a participle of
    an act is made from (`_DONE_VERB` for the irregular ones)."""
    done = done.lower()
    if done in _DONE_VERB:
        return _DONE_VERB[done]
    if done.endswith("ied"):
        return done[:-3] + "y"
    stem = done[:-2] if done.endswith("ed") else done
    if re.search(r"(?:[cvz]|[aeiou]s|[aeu]ng|[^aeiou][aiou]r)$", stem):
        return stem + "e"  # 'announc' → 'announce', 'us' → 'use', 'chang' → 'change', 'scor' → 'score'
    if re.search(r"([bgmnprt])\1$", stem):
        return stem[:-1]  # 'tagg' → 'tag'
    return stem


def _active(m: re.Match[str]) -> str:
    np = m.group("np") or m.group("wnp") or "it"
    said = f"{_participle_verb(m.group('done'))} {np}"
    if m.group("done2"):
        said += f" {m.group('mid')} and {_participle_verb(m.group('done2'))} them"
    if m.group("blank"):
        return f"{' ' * len(m.group('left'))}{said} "
    return f"{m.group('want')} to {said} " if m.group("want") else f"{said} "


# '… and when an email arrives from anyone at our biggest client (@northwind.com), posts …' after a read of an inbox:
# each message read, tested for its sender (an event's own 'when' is the trigger's, blanked before)
_MAIL_FROM = re.compile(
    r"\b(?:when|whenever|if)\s+(?:an?\s+|any\s+)?(?:new\s+)?(?P<item>e-?mail|message|mail)\s+"
    r"(?:arrives|comes\s+in|is\s+received|lands|gets\s+in)\s+from\s+[^,;.()]{0,40}?\(?\s*"
    r"(?P<d>@[\w-]+(?:\.[\w-]+)+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*\)?\s*,?\s*",
    re.I,
)


def _mail_from(sentence: str) -> str:
    """'when an email arrives from anyone at our biggest client (@northwind.com), posts …' read as 'for each new
    email, if it is from @northwind.com, posts …'."""
    return _MAIL_FROM.sub(
        lambda m: f"for each new {m.group('item')}, if it is from {m.group('d')}, ", sentence
    )


def _each_read_tested(sentence: str) -> str:
    """'…, scrape each page's current price with Firecrawl, and if a price has dropped below its target, email me',
    '…, insert each one into our Supabase table, and text them if they have a mobile number': work on each item
    followed by a test in the same sentence is the repeat, the test inside it ('for each page, scrape its current
    price …, and if …'); said in the passive after a wish ('each one inserted as a row into …'; lexicon.json
    'each_done'), the same. A read (lexicon.json 'each_reads') takes the item as 'it', other work as 'the <item>'. A
    sentence that already says 'for each …' keeps its own."""
    test = _IF.search(sentence)
    if test is None or _LOOP.search(sentence):
        return sentence
    head = sentence[: test.start()]
    lead = r"(?:^|(?<=[,;])\s*|\band\s+(?:then\s+)?)"
    # ('take each new message in #lost-and-found, search …': the item's state before its noun is no noun)
    noun = (
        rf"(?!(?:other|few|single|\d+|{lx.TIME_UNITS})s?\b)(?P<noun>(?:(?:new|unread|incoming|latest|recent|open|"
        rf"pending|overdue|unpaid)\s+)?[a-z][\w-]*?)(?P<own>['’]s)?\b"
    )
    done = "|".join(sorted(map(re.escape, lexicon()["each_done"]), key=len, reverse=True))
    passive = re.search(rf"{lead}(?P<each>each|every)\s+one\s+(?P<done>{done})\b", head, re.I)
    if passive is not None:
        verb = lexicon()["each_done"][passive.group("done").lower()]
        return (
            f"{sentence[: passive.start('each')].rstrip()} for each one, {verb} it{sentence[passive.end() :]}"
        )
    found = re.search(rf"{lead}(?P<verb>[a-z][\w-]*(?:\s+up)?)\s+(?:each|every)\s+{noun}", head, re.I)
    if found is None or not ACTION_START.match(found.group("verb")):
        return sentence
    item = found.group("noun")
    reads = {v.lower() for v in lexicon()["each_reads"]}
    verb = found.group("verb")
    if item.lower() == "one" or re.sub(r"e?s$", "", verb.lower()) in reads or verb.lower() in reads:
        said = "its" if found.group("own") else "it"
    else:
        said = f"the {item}{found.group('own') or ''}"
    return f"{sentence[: found.start('verb')]}for each {item}, {verb} {said}{sentence[found.end() :]}"


# 'so ops can book the truck', 'so that the team knows': why a step is done, said after it (no step of its own)
_EACH_PURPOSE = re.compile(
    r"(?P<each>\b(?:for|to)\s+(?:each|every)\s+(?:one|[\w-]+))\s+so\s+(?:that\s+)?(?:[\w'’-]+\s+){1,3}?"
    r"(?:can|could|will|would|may|knows?|sees?|has|have)\b[^,;.\n]*(?=\s*(?:[,;.]|$))",
    re.I,
)


# 'and post it to Discord #results', 'then send it to #team': what a repeat made ('it'), sent on
_SENDS_IT = re.compile(
    r"^\W*(?:(?:and|then|also)\s+)*(?:post|send|share|publish|e-?mail|forward|tweet|drop)\s+it\s+(?:to|in|on|into)\b",
    re.I,
)


@lru_cache(maxsize=1)
def to_its_person() -> re.Pattern[str]:
    """'reply to the client that …', 'email the customer a receipt', 'text them': a message to the person of the item a
    loop just named (lexicon.json 'people')."""
    people = "|".join(sorted(map(re.escape, lexicon()["people"]), key=len, reverse=True))
    return re.compile(
        # ('…, creates a Linear issue for each one, and emails the customer …': a routine told in the third person
        # too; 'sends the customer a confirmation': the person sent to)
        r"^\W*(?:(?:and|then|also)\s+)*(?:repl(?:y|ies)|responds?|writes?\s+back|answers?|e-?mail(?:s)?|mails?|texts?|"
        r"sms|messages?|whatsapps?|notif(?:y|ies)|thanks?|reminds?|contacts?|sends?)\b(?:\s+(?:to|back\s+to))?\s+"
        r"(?:(?:the|each|that|this)\s+(?:" + people + r")\b|them\b)",
        re.I,
    )


@lru_cache(maxsize=1)
def _state_before_items() -> re.Pattern[str]:
    states = "|".join(
        sorted(
            (
                re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
                for w in lexicon()["item_states"]
            ),
            key=len,
            reverse=True,
        )
    )
    return re.compile(
        rf"\b(?P<each>each|every)\s+(?P<state>{states})\s+(?P<noun>(?!(?:and|or|then|to|in|on|of)\b)[a-z][\w-]*)\b"
        # (not when the place the items are in follows: 'every unpaid invoice in the Airtable table …' is read as
        # a walk over that place, which a qualifier said after the noun would split from it)
        r"(?!\s+(?:in|from|of|on)\s)",
        re.I,
    )


# 'for every animal not fed in the last 7 days', 'each customer not contacted within the past 30 days': an item whose
# last time of that act is older than the window
_NOT_DONE_SINCE = re.compile(
    r"\b(?P<each>each|every)\s+(?P<noun>[a-z][\w-]*)\s+(?:that|which|who\s+)?(?:(?:has|have|was|were)\s+)?"
    r"(?:not|n['’]t)\s+(?:been\s+)?(?P<done>[a-z]+(?:ed|fed|en|id|ought|ent|one))\s+(?:in|for|within|during)\s+"
    r"(?:the\s+)?(?:last|past)\s+(?P<n>\d+|[a-z]+)\s+(?P<unit>hour|day|week|month)s?\b",
    re.I,
)
# 'every row in Supabase 'wash_cycles' with an error_code', 'each order with a refund_id': a field the item holds
# (a name with an underscore is a field's)
_WITH_FIELD = re.compile(
    r"(?P<for>\bfor\s+)?\b(?P<each>each|every)\s+(?P<noun>[a-z][\w-]*)(?:\s+(?:in|from|of)\s+(?P<place>[^,;.\n→]{1,60}?))?\s+"
    r"(?P<with>with|without)\s+(?:an?\s+|any\s+|the\s+)?(?P<f>[a-z][a-z0-9]*_[\w]+)\b",
    re.I,
)


def _qualified_items(sentence: str) -> str:
    """The qualifier on a loop's items, said the way the loop reader tests each item: 'copy each urgent one into
    Jira' → 'copy each one that is urgent into Jira' (a state word before the items: lexicon.json 'item_states');
    'for every animal not fed in the last 7 days' → '… every animal whose last_fed date is more than 7 days ago';
    'every row in Supabase 'x' with an error_code' → 'every row that has an error_code in Supabase 'x''."""
    sentence = _state_before_items().sub(
        lambda m: f"{m.group('each')} {m.group('noun')} that is {m.group('state')}", sentence
    )

    def since(m: re.Match[str]) -> str:
        n = m.group("n").lower()
        n = str(lexicon()["number_words"].get(n, n))
        if not n.isdigit():
            return m.group(0)
        field = "last_" + m.group("done").lower()
        return (
            f"{m.group('each')} {m.group('noun')} whose {field} date is more than {n} {m.group('unit')}s ago"
        )

    sentence = _NOT_DONE_SINCE.sub(since, sentence)

    def field(m: re.Match[str]) -> str:
        said = f"{m.group('each')} {m.group('noun')} that " + (
            "has no " if m.group("with").lower() == "without" else "has a "
        )
        said += m.group("f")
        if m.group("place") and not (m.group("for") or not sentence[: m.start()].strip(" \t-–—:")):
            return m.group(
                0
            )  # ('go through every row in … with an error_code and …': the walk keeps its place)
        if m.group("place"):  # the place is read first, then each of its items tested
            said = f"get the {_plural(m.group('noun'))} from {m.group('place')}, and for {said}"
        elif m.group("for"):
            said = m.group("for") + said
        return said

    return _WITH_FIELD.sub(field, sentence)


# 'WhatsApp all tenants in the Google Sheet 'Tenants' a reminder', 'send a message to all operators from the Google
# sheet …' (as a translated Dutch or German line says it): everyone a named list
# holds, sent a message — by a verb that writes to people, or after 'to' — is each of them, read from that list
_ALL_OF_LIST = re.compile(
    r"(?P<lead>\b(?:to|e-?mail|mail|text|sms|message|whatsapp|telegram|notify|remind|ping|contact|dm)\s+)"
    r"all\s+(?:of\s+)?(?:the\s+|our\s+|my\s+)?(?P<noun>[a-z][\w-]*?)(?P<pl>ies|es|s)\b(?="
    + _PLACE.pattern
    + ")",
    re.I,
)


def _all_of_list(sentence: str) -> str:
    """'… to all operators from the Google sheet 'X' …' → '… to each operator from the Google sheet 'X' …': the walk
    over a list's people that the loop reader knows (else the sentence stays as written)."""

    def each(m: re.Match[str]) -> str:
        noun, plural = m.group("noun"), m.group("pl").lower()
        if plural == "ies":
            noun += "y"
        elif plural == "es" and not re.search(r"(?:x|ch|sh|ss|z|o)$", noun, re.I):
            noun += "e"
        return f"{m.group('lead')}each {noun}"

    sentence = _ALL_OF_LIST.sub(each, sentence)
    # 'send an SMS for each student of the sheet' (a translated Portuguese line): a message for each person is one to
    # them
    people = "|".join(sorted(map(re.escape, lexicon()["people"]), key=len, reverse=True))
    return re.sub(
        r"(\b(?:send|sends|sending)\s+(?:an?\s+|one\s+)?(?:[\w-]+\s+){0,2}?(?:sms|text|e-?mail|whatsapp|telegram|message|"
        r"reminder|notification)s?(?:\s+message)?\s+)for(\s+(?:each|every)\s+(?:" + people + r")\b)",
        r"\1to\2",
        sentence,
        flags=re.I,
    )


def _read_sentence(sentence: str, description: str, ruled_out: dict[str, set[str]]) -> list[Step]:
    sentence = _each_read_tested(_qualified_items(_aside_read_first(_all_of_list(sentence))))
    sentence = _each_headed(
        _one_by_one(_each_of_them(_asked_by(_whether_so(done_first(_mail_from(sentence))))))
    )
    for contracted, full in _RELATIVE_CONTRACTION:
        sentence = contracted.sub(full, sentence)
    excepted = _excepted(sentence, description, ruled_out)
    if excepted is not None:
        return excepted
    sentence = _each_unless(_filtered_object(sentence))
    # ('create a Linear issue for each one so ops can book the truck, then tell …'): why each is made asks for nothing;
    # what follows it is the next step
    sentence = _EACH_PURPOSE.sub(r"\g<each>", sentence)
    # 'for each of our 12 stores in …': how many there are says nothing about what each one is
    sentence = re.sub(
        r"\b((?:each|every)(?:\s+one)?\s+of\s+(?:the|our|my|your|their|these|those))\s+\d+\s+(?=[a-z])",
        r"\1 ",
        sentence,
        flags=re.I,
    )
    # 'for each film in next week's programme (Airtable table 'Screenings'), …': the place the items are in, told in
    # brackets after the list's own word, is where they are read
    sentence = _PLACE_ASIDE.sub(_place_aside, sentence)
    loop = _LOOP.search(sentence)
    if loop and _tells_contents(description, loop.group(0)):
        loop = _LOOP.search(sentence, loop.end())
    if loop:
        before, after = sentence[: loop.start()], sentence[loop.end() :]
        if loop.group(3):
            step = Step(
                "loop", "loop", label="Repeat", text=sentence, loop_type="for", count=int(loop.group(3))
            )
            body_text = before if not after.strip() else after
            step.body = read_clauses(body_text, description, ruled_out)
            return ([] if body_text is before else read_clauses(before, description, ruled_out)) + [step]
        item = loop.group(1).replace("*", "").strip()  # ('**For each item** older than …': markdown, no word)
        step = Step("loop", "loop", label=item, text=sentence, loop_type="forEach")
        qualified = _qualifier(sentence, loop.start(1))
        label, negate = (
            (sentence[loop.start(1) : qualified].replace("*", ""), False) if qualified else ("", False)
        )
        # (the place the items are in is no part of the test: 'order in the sheet 'Orders' whose status is packed')
        label = _PLACE_BEFORE_TEST.sub("", label, count=1)
        state = None if qualified else _state_of(sentence, loop.start(1))
        if state:  # 'for each request that is approved', 'each order that has a gift note'
            qualified, label, negate = state
        later: list[Step] = []  # what the sentence asks after the loop, run once
        if qualified:  # 'for each one that has been open more than 7 days …': the loop body tests each item
            after = sentence[qualified:]
            parts = clauses(before) if not re.search(r"\w", after) and re.search(r"\w", before) else []
            if parts:
                # 'open a Jira ticket in WEB for each one with more than 100 events': the clause before repeats
                after, before = parts[-1], " and ".join(parts[:-1])
            test = Step("condition", "condition", label=label, text=sentence, negate=negate)
            joined = re.match(r"^\s*[,;]?\s*(?:and|then)\s+(?:then\s+)?(?=[a-z])", after, re.I)
            if not parts and joined and re.search(r"\w", before):
                # 'open a Jira issue in OPS for each one that is urgent, and post the number to #ops': the clause
                # before repeats for the items that pass; what follows the loop phrase runs once, after it
                said_before = clauses(before) or [before.strip()]
                last = re.sub(r"\s(?:and|then)\s*$", "", said_before[-1])
                if ACTION_START.match(last.strip()) and read_clause(last, description, ruled_out):
                    later = read_sentence(after[joined.end() :], description, ruled_out)
                    after, before = last, " , ".join(said_before[:-1])
            after, rest_text = _other_items(after)
            read_first: list[Step] = []
            if any(_WRITES_BACK.search(c) for c in clauses(after) or [after]) and re.search(
                r"\w", before + (loop.group(2) or "")
            ):
                # '… and write a short profile into the notes column': the kept item's own row, where it was read
                read_first = read_clauses(before, description, ruled_out) if re.search(r"\w", before) else []
                if loop.group(2):
                    read_first += read_clause(
                        f"get {_plural(item)} from {_loop_place(sentence, loop)}", description, ruled_out
                    )
                after = _placed_back(after, _home(read_first))
            done = read_sentence(after, description, ruled_out) if re.search(r"\w", after) else []
            origin = next((x for x in reversed(read_first) if x.kind == "source" and x.integration), None)
            done = _into_source(done, _home(read_first), origin) if origin else done
            if not done and re.search(r"\w", before):
                # 'open a Jira ticket for each one with more than 100 events': the clause before repeats for the
                # items that pass the test
                parts = clauses(before) or [before.strip()]
                done = read_clause(re.sub(r"\s(?:and|then)\s*$", "", parts[-1]), description, ruled_out)
                if done:
                    before = " , ".join(parts[:-1])
            test.branches = [
                ("if", done),
                ("else", read_clauses(rest_text, description, ruled_out) if rest_text else []),
            ]
            step.body = [test]
        elif (
            re.search(r"\w", before)
            and (  # a comma left where the schedule was is no clause
                not after.strip()
                or (
                    re.match(r"^\s*(?:,|;|and\b|then\b|with\b)", after)
                    # 'go through each ticket and email the requester': the walk's own work follows it
                    and not (_WALK.match(loop.group(0)) and re.match(r"^\s*(?:and|then)\b", after))
                )
                or re.search(r"\s(?:and|then)\s*$", sentence[loop.start() : loop.end()])
                # '… event for every row in the sheet, inviting the lecturer …': how each one is made, no new step
                or (sentence[: loop.end()].rstrip().endswith(",") and _HOW_MADE.match(after))
            )
            # 'Every weekday at 7:30, go through each driver … and text them': a clause that does something
            # repeats, not the time said before the loop
            and (
                not after.strip()
                or any(read_clause(c, description, ruled_out) for c in clauses(before)[-1:])
                # 'check the gust forecast for each one through the Open-Meteo API, and …': the words after 'one'
                # say how the clause before does it — with them, it does something for each one
                or (
                    re.match(r"one\s+(?:through|via|with|using|from|on|in|at)\s", item, re.I) is not None
                    and any(
                        read_clause(
                            c + " " + sentence[loop.start() : loop.end()].rstrip(" ,"), description, ruled_out
                        )
                        for c in clauses(before)[-1:]
                    )
                )
            )
        ):
            # '… create a Jira issue for each one in project OPS[, and post …]': the clause before repeats;
            # what follows the loop phrase is the next step, run once
            parts = clauses(before) or [before.strip()]  # 'and then for each …': no clause of its own
            phrase = re.sub(r"\s(?:and|then)\s*$", "", sentence[loop.start() : loop.end()])
            # '…, with the speaker's email as the attendee': how each repeat is made, said after the loop phrase
            made = _HOW_MADE.match(after)
            if made:
                phrase, after = phrase.rstrip(" ,") + made.group(0), after[made.end() :]
            step.body = read_clause(parts[-1] + " " + phrase, description, ruled_out)
            # ('…, get the AI to pull out the client from each one, and create a record for each one in Airtable': a
            # clause before it that works on each one repeats too, from the first such clause on)
            first = next(
                (
                    i
                    for i, c in enumerate(parts[:-1])
                    if (found := _EACH_NOUN.search(c)) is not None and found.group(1) == "one"
                ),
                None,
            )
            if first is not None:
                each_one = [
                    s
                    for c in parts[first:-1]
                    for s in read_clause(_EACH_NOUN.sub(_the_item, c), description, ruled_out)
                ]
                if each_one and all(s.kind in ("process", "action") for s in each_one):
                    step.body = each_one + step.body
                    parts = parts[:first] + parts[-1:]
            # 'list the pages in Notion and have AI write a status for each page': the read that names the items is
            # the list walked, run once before the loop, not a read per item
            listing = _lists_items(step.body, item, parts[-1])
            step.body = [s for s in step.body if not any(s is x for x in listing)]
            rest = re.sub(r"^\s*(?:,|;|and\b|then\b)\s*(?:then\s+)?", "", after)
            place = re.sub(r"\s(?:and|then)\s*$", "", _loop_place(sentence, loop))
            place = "" if re.search(r"\b(?:input|i give|i paste|i send|i provide)\b", place, re.I) else place
            source = read_clause(f"get {_plural(item)} from {place}", description, ruled_out) if place else []
            named = re.split(r"\s(?:in|into|on|onto|to|at|from|via)\s", item, maxsplit=1)[0]
            if not place and lx.integrations_in(named):
                # 'Create a Notion page … for every Google Calendar event tomorrow': the items name the service
                # they are read from (a write there was only their name)
                source = [
                    s for s in read_clause(f"get the {item}", description, ruled_out) if s.kind == "source"
                ]
            # '… for each order, and update that row's `risk_note` column': the item's own record, per item
            home = _home(source) or _home(
                [s for c in parts[:-1] for s in read_clause(c, description, ruled_out)]
            )
            back = [c for c in clauses(rest) if _WRITES_BACK.search(c)] if home and rest.strip() else []
            if back:
                origin = next((x for x in reversed(source) if x.kind == "source" and x.integration), None)
                written_back = read_clauses(_placed_back(" and ".join(back), home), description, ruled_out)
                # ('for each row in the "Leads" sheet …, update that row': in that sheet)
                step.body += _into_source(written_back, home, origin) if origin else written_back
                rest = " and ".join(c for c in clauses(rest) if c not in back)
            # '… create a Jira issue for each one, and reply to the client that we've logged it': a message to the
            # item's own person, said next, is part of each repeat (not one message after them all)
            told: list[str] = []
            if _ITEM_TESTED.match(rest) and _ITEMS_OWN_PERSON.search(rest):
                # '… for each one with the Open-Meteo API, and if any orchard will drop below 2 degrees email that
                # orchard's manager': a test of the item, with a step for the item's own person, is each repeat's
                step.body += read_sentence(rest, description, ruled_out)
                rest = ""
            for c in clauses(rest) if rest.strip() else []:
                if not to_its_person().match(c):
                    break
                told.append(c)
            if told:
                step.body += read_clauses(" and ".join(told), description, ruled_out)
                rest = " and ".join(clauses(rest)[len(told) :])
            elif rest.strip() and any(s.kind == "process" for s in step.body):
                # 'get AI to write a match report for each age group, and post it to Discord #results and to our
                # Telegram channel': 'it' is what each repeat made, sent from inside it (the clauses that go on
                # without a verb of their own, 'and to our Telegram channel', with it)
                parts_after = clauses(rest)
                if _SENDS_IT.match(parts_after[0]):
                    n = 1 + len(
                        list(
                            itertools.takewhile(lambda c: not ACTION_START.match(c.strip()), parts_after[1:])
                        )
                    )
                    step.body += read_clauses(" and ".join(parts_after[:n]), description, ruled_out)
                    rest = " and ".join(parts_after[n:])
            later = read_sentence(rest, description, ruled_out) if rest.strip() else []
            written = {s.integration for s in step.body if s.kind == "action"}
            if source and written == {x.integration for x in source} and not lx.integrations_in(parts[-1]):
                source = []  # 'put the open rate for each campaign in the 'KPIs' sheet': where each one goes
            step.body = [s for s in step.body if not any(s.integration == x.integration for x in source)]
            pre = [s for c in parts[:-1] for s in read_clause(c, description, ruled_out)] + listing
            return pre + [s for s in source if s.kind == "source"] + [step] + later
        place = _loop_place(sentence, loop) or (
            _told_store(description)
            if not any(s.kind == "source" for s in read_clauses(before, description, ruled_out))
            else ""
        )
        source = (
            read_clause(f"get {_plural(item)} from {place}", description, ruled_out)
            if place and not re.search(r"\b(?:input|i give|i paste|i send|i provide)\b", place, re.I)
            else []
        )
        pre = read_clauses(before, description, ruled_out)
        if not qualified and not step.body:
            # 'then mark that row's 'Contacted' column as yes': written back to the list the items came from
            after = _placed_back(after, _home(source) or _home(pre), description)
            step.body = read_sentence(after, description, ruled_out) if after.strip() else []
            origin = next((x for x in reversed(pre + source) if x.kind == "source" and x.integration), None)
            if origin is not None:  # ('for each row in the "Leads" sheet, … update that row': in that sheet)
                step.body = _into_source(step.body, _home(source) or _home(pre), origin)
            # 'go through each row of the sheet and send every lead an email': the same items, one loop
            step.body = [b for s in step.body for b in (s.body if s.kind == "loop" and s.implicit else [s])]
        if qualified and step.body and step.body[0].kind == "condition":
            # '…, using the parent email in the sheet': the list the items came from, not a read per item
            read = {(x.integration, x.values.get("operation")) for x in pre + source if x.kind == "source"}
            side, kept = step.body[0].branches[0]
            step.body[0].branches[0] = (
                side,
                [
                    x
                    for x in kept
                    if x.kind != "source" or (x.integration, x.values.get("operation")) not in read
                ],
            )
        return pre + [s for s in source if s.kind == "source"] + [step] + later
    each = _EACH_OF.search(sentence)
    if not each and not _tested(sentence) and _router(sentence, description, ruled_out) is None:
        each = _EACH_NOUN.search(sentence)
    if each and re.search(
        r"\b(?:the|a|one|single)\s+(?:\w+\s+)?(?:digest|recap|overview|round-?up|roll-?up|report|newsletter)\b",
        sentence[each.end() :],
        re.I,
    ):
        each = None  # 'summarise each one and post the digest': one digest of them all, not a loop
    whole_list = _THAT_LIST.search(sentence, each.end()) if each else None
    if each and whole_list and not _messaged_each(sentence, each):
        each = None  # 'have AI flag every lane where …, and email that list': the list of them all, sent once
    if each and _LISTS_EACH.search(sentence[: each.end()]):
        each = None  # 'the sheet, which lists each showing with …': what the list holds, no step per item
    parts = clauses(sentence) if each and not _tested(sentence) else []
    # the clause that holds it ('each' split from its noun by a clause boundary holds none: no loop)
    at = next((i for i, c in enumerate(parts) if _EACH_OF.search(c) or _EACH_NOUN.search(c)), None)
    after_loop: list[str] = []
    if at is not None and each is not None and whole_list:
        # 'send each arriving guest a WhatsApp …, and post the full list of pitches to #housekeeping': a message to
        # each person, then the whole list sent once, after the loop
        cut = next((i for i in range(at + 1, len(parts)) if _WHOLE_LIST.search(parts[i])), None)
        if cut is not None:
            parts, after_loop = parts[:cut], parts[cut:]
    if at is not None and each is not None:
        # 'summarise each of the articles … and post them', 'announce each release in #frontend':
        # repeat from that clause on
        # 'send every subscriber in the Airtable 'Subscribers' table an email': the place is read, then repeated over
        placed = _EACH_OF_NOUN.search(parts[at]) or _EACH_NOUN.search(parts[at])
        where = _PLACE.match(parts[at], placed.end()) if placed else None
        if (
            placed
            and where
            and re.search(_placing(), parts[at][: placed.start()], re.I)
            and not where.group(0).lstrip().startswith(("from", "of"))
        ):
            where = None  # 'Log every reminder in the Google Sheet 'Chase log'': where each one goes, no list read
        fetched: list[Step] = []
        if placed and where:
            fetched = [
                s
                for s in read_clause(
                    f"get the {placed.group(1) or 'people'} {where.group(0).strip()}", description, ruled_out
                )
                if s.kind == "source"
            ]
            if fetched or not lx.integrations_in(where.group(0)):
                # ('every invoice on the list gets an email': a list no service names is the one read before)
                parts[at] = parts[at][: where.start()] + parts[at][where.end() :]
        done_in = _DONE_IN_SERVICE.match(parts[at], placed.end()) if placed and not where else None
        if done_in and placed:
            # 'write every invoice paid in Stripe yesterday as a line in our Excel sheet': the items are those the
            # service holds — read there, then each one written where the clause says
            fetched = [
                s
                for s in read_clause(
                    f"get the {placed.group(1) or 'items'}s{done_in.group(0)}", description, ruled_out
                )
                if s.kind == "source"
            ]
            if fetched:
                parts[at] = parts[at][: done_in.start()] + parts[at][done_in.end() :]
        own = _PICKED.match(parts[at])
        joint = next(
            (
                j
                for j in re.finditer(r"\s+(?:and|then)\s+", parts[at])
                if own and ACTION_START.match(parts[at], j.end())
            ),
            None,
        )
        if (
            joint is not None
        ):  # 'check who has a balance over 100 dollars and text each of them': the test, then
            parts[at : at + 1] = [parts[at][: joint.start()], parts[at][joint.end() :]]
            at += 1
        picked = next((m for m in (_PICKED.match(c) for c in parts[:at]) if m), None)
        pre = [s for c in parts[:at] if not _PICKED.match(c) for s in read_clause(c, description, ruled_out)]
        # 'write the registrar back into column D': back into the list that was read, in its own service
        origin = next((s for s in reversed(fetched + pre) if s.kind == "source" and s.integration), None)
        home = origin.integration if origin else None
        body: list[Step] = []
        made_at = 0
        for c in parts[at:]:
            done = _read_back(
                _EACH_NOUN.sub(_the_item, _EACH_OF.sub("the ", c)), home, description, ruled_out, origin
            )
            if body and done and re.match(r"\s*with\b", c, re.I) and all(s.kind == "process" for s in done):
                # 'add each one as a row to the sheet, with the AI pulling out the quantities': how what the clause
                # before writes is made, worked out before it (as within a sentence: processing, then actions)
                body[made_at:made_at] = done
                continue
            made_at = len(body)
            body += done
        # the place's read is `fetched`; a write back to it ('… back into column C') still repeats per item
        body = fetched + [
            s for s in body if s.kind != "source" or not any(s.integration == f.integration for f in fetched)
        ]
        body = _keep_only(sentence, body)
        # 'read the 'Accounts' table, search the web for each company …': with the list already read, a read
        # of each item ('scrape each supplier's website', 'look up each domain') repeats with the item
        listed = bool(fetched) or any(s.kind == "source" for s in pre)
        per_item = [s for s in body if s.kind == "source" and listed and not any(s is f for f in fetched)]
        sources = [s for s in body if s.kind == "source"]
        if not listed and len(sources) > 1 and each.re is _EACH_NOUN:
            # 'pick up each new PDF in the "Scans" folder, read it with OCR, …': the first read is the list, a read
            # of the item after it ('read it', 'parse each one') repeats with the item
            per_item = [
                s
                for s in sources[1:]
                if re.search(r"\b(?:it|them|each(?:\s+one)?|the\s+item)\b", s.text or "", re.I)
            ]
        step = Step(
            "loop",
            "loop",
            label=sentence[each.end() :].split()[0]
            if each.re is _EACH_OF and sentence[each.end() :].split()
            else ((each.group(1) or "person") if each.re is _EACH_NOUN else "item"),
            text=sentence,
            loop_type="forEach",
            body=[s for s in body if s.kind != "source" or any(s is p for p in per_item)],
        )
        step.implicit = each.re is _EACH_NOUN  # 'announce each release': only over a list something fetched
        state = _state_of(sentence, each.start(1)) if each.re is _EACH_NOUN and each.group(1) else None
        if state is None and each.re is _EACH_NOUN and each.group(1):
            # 'add each one over two hundred quid as a row in …', 'text every member with more than 3 late returns':
            # a number the item is tested on, said after it
            qualified = _qualifier(sentence, each.start(1))
            if qualified is not None:
                state = (qualified, sentence[each.start(1) : qualified], False)
        # ('For each tool that's been out more than 14 days …, email that borrower' after 'I open the Google Sheet …':
        # a number each item is tested on, whichever sentence read the list)
        numbered = (
            state is not None
            and each.re is _EACH_NOUN
            and (each_at := _qualifier(sentence, each.start(1))) is not None
            and each_at >= state[0]
        )
        # ('they report to https://…/machines (GET) and … post each machine thats under 20% stock …': the list read in
        # the same clause as the item)
        if picked is None and state is not None and (listed or sources or numbered) and step.body:
            # 'read the Attendance sheet and email every student marked absent': a test of each item read
            test = Step("condition", "condition", label=state[1], text=sentence, negate=state[2])
            test.branches = [("if", step.body), ("else", [])]
            step.body = [test]
        elif picked is not None and listed and step.body:
            # 'find which invoices are more than 30 days overdue, and email each of those customers': a test of
            # each item read, around what is done to each
            test = Step("condition", "condition", label=picked.group("test").strip(), text=sentence)
            test.branches = [("if", step.body), ("else", [])]
            step.body = [test]
        later = [x for c in after_loop for x in read_clause(c, description, ruled_out)]
        return (
            pre
            + [s for s in body if s.kind == "source" and not any(s is p for p in per_item)]
            + [step]
            + later
        )
    routed = _router(sentence, description, ruled_out)
    if routed is not None:
        return _route_each(sentence, routed)
    some = _ONLY_SOME.search(sentence)
    said = _route_of(f"these {some.group('v')} {some.group('rest')}") if some else None
    if some and said:
        # 'only the ones tagged 'vip' go to #vip-support': a test on what came in, and where those go
        pre = read_clauses(sentence[: some.start()], description, ruled_out)
        test = Step("condition", "condition", label=some.group("c").strip(), text=sentence)
        test.branches = [("if", read_clause(said[1], description, ruled_out)), ("else", [])]
        data = [s for s in pre if s.kind in ("source", "process")]
        test.data_from = data[-1] if data else None
        return pre + [test]
    cond = _IF.search(sentence)
    missed = _NOT_FOUND.match(sentence, cond.end()) if cond else None
    if cond and missed:
        fallback = _fallback(sentence, cond, missed, description, ruled_out)
        if fallback is not None:
            return fallback
    if cond:
        before, rest = sentence[: cond.start()], sentence[cond.end() :]
        start = ACTION_START.search(rest, 3)
        while (
            start
            and (
                _NOUN_BEFORE.search(rest[: start.start()])
                or _TEST_VERB_AFTER.match(rest, start.end())
                or _STATE_BEFORE.search(rest[: start.start()])
                # 'if they report more than 200 employees, …': the verb of the test's own subject
                or re.fullmatch(r"\s*(?:they|he|she)\s+", rest[: start.start()], re.I)
                # 'if the guest asks to book, email …', 'if they want to cancel': what the subject wants done
                or _WANTS_TO.search(rest[: start.start()])
                # "if it doesn't respond, post …", "if they don't reply within 2 days": the verb denied is the test's
                or _DENIED_VERB.search(rest[: start.start()])
            )
        ):
            # 'if the message contains …', 'if the commit message contains …': a noun, not a verb
            start = ACTION_START.search(rest, start.end())
        # '1,000' is one number; 'says cancel, stop or unsubscribe' one list of words
        split = re.search(
            r",(?!\d{3}\b)(?!\s*[\w-]+(?:\s*,\s*[\w-]+)*\s*,?\s+or\s+[\w-]+\s*(?:,|$))"
            # ('if the country is Spain, Portugal or Italy also ping …': names the user capitalised, one list)
            r"(?!\s*[A-Z][\w-]*(?:\s*,\s*[A-Z][\w-]*)*\s*,?\s+or\s+[A-Z][\w-]*\b)|\bthen\b"
            # 'if it starts with /expense -> AI parses …', '… / NPS score < 6 / email …': an arrow, or a slash
            # between spaces, ends the test as a comma does
            r"|\s*(?:->|→|=>)|\s+/\s+"
            # ('… if the total exceeds 500; if not, in #pedidos': a semicolon ends the test too)
            r"|;",
            rest,
        )
        # 'if the order value is under $150 issue the refund …', 'if the score is below 3 flag it …': after the
        # amount a test compares with, a word taking an object ('the', 'it' …) starts the action, whatever verb it is
        acted = _AMOUNT_THEN_ACT.search(rest)
        # 'if the order total is over $1,500 it emails …', 'if its status is 'Late' she texts …': the bot named as
        # the subject of an action verb ends the test, whatever the verb's form
        actor = _actor_acts(rest)
        cut = min(
            [m.start() for m in (start, split) if m]
            + ([acted.end()] if acted else [])
            + ([actor] if actor is not None else [])
            or [len(rest)]
        )
        # 'if it's pricing I forward it …', 'if 'pro' we email …': who acts is no part of the test
        condition_text = re.sub(
            r"\s+(?:I|we|you|they|it|she|he|the\s+(?:bot|assistant|agent))(?:\s+(?:just|simply|then|also|only))?$",
            "",
            rest[:cut].strip(" ,—–"),
        )
        consequence = re.sub(r"^\s*(?:,|then|->|→|=>|/)\s*", "", rest[cut:])
        # '… post a note to #refunds, and if captured log it in …': a second test of its own, not a step of the first
        # (', if not #x' names the other side's place: the 'otherwise' below)
        again = re.search(
            r"[,;]\s*(?:and\s+|but\s+)?(?=if\b(?!\s+not\s*,?\s*(?:(?:to|in|into|on)\s+)?(?:#|[\w.+-]+@)))"
            # ('…; if not, send 'river normal' to …': the other side, whatever it does)
            r"(?!if\s+not\s*[,:])"
            # 'if they aren't, …': the other side of this test, not a second one
            r"(?!" + _DENIED + r")",
            consequence,
            re.I,
        )
        tail = ""
        if (
            again
            and not _ELSE.search(consequence[: again.start()])
            and not _OTHER_SIDE_HERE.match(consequence, again.start())
            and (
                ACTION_START.search(consequence[: again.start()])
                or _bare_verb(consequence[: again.start()]) is not None  # '… it emails purchasing@…, if …'
            )
        ):
            consequence, tail = consequence[: again.start()], consequence[again.end() :]
        parts = _ELSE.split(consequence, maxsplit=1)
        rest_said = _REST_CLAUSE.search(consequence) if len(parts) == 1 else None
        if rest_said is not None and ACTION_START.search(consequence[: rest_said.start()]):
            parts = [consequence[: rest_said.start()], consequence[rest_said.end() :]]
        if len(parts) == 1 and lx.threshold_in(condition_text):
            # 'if it is above 25 text me, if below just post it …': the other side, with no value of its own
            parts = _OTHER_SIDE_HERE.split(consequence, maxsplit=1)
        if_text, else_text = parts[0], parts[1] if len(parts) > 1 else ""
        # "If a note mentions 'damaged', don't add it — just flag it in #receiving instead": what is done in its place
        if_text = _NOT_THIS_BUT.sub("", if_text, count=1)
        # ('post it in the #vip Discord channel if …, otherwise in #orders': the first side said before the test)
        said_first = "" if if_text.strip() or not before.strip() else (clauses(before) or [before])[-1]
        else_text = _same_place_other_words(_same_verb_elsewhere(else_text, if_text or said_first), if_text)
        pre = read_clauses(before, description, ruled_out)
        held = HELD_IN.match(condition_text)
        if held and lx.integrations_in(held.group("place")) and not any(s.kind == "source" for s in pre):
            # 'if the buyer is in the 'VIP' Google Sheet, …': the place is read first, the test is of what it holds
            pre += [
                s
                for s in read_clause(
                    f"look up {held.group('what')} in {held.group('place')}", description, ruled_out
                )
                if s.kind == "source"
            ]
        if_steps = _on_what_was_read(if_text, pre, description, ruled_out)
        each_person = _EACH_NOUN.search(if_text)
        reads = list(itertools.takewhile(lambda s: s.kind == "source", if_steps))
        if (
            each_person
            # (not a test of one item: 'if one is older than 5 days, ping its owner' repeats with the item itself; 'if
            # it's going to be colder than -30°C' tells what a forecast says, no item)
            and not re.match(
                r"\s*(?:one|it(?!(?:['’]s|\s+is)\s+going\s+to\b|\s+will\b|['’]ll\b)|they|any|each|some|that\s+one|"
                r"this\s+one|the\s+item)\b",
                condition_text,
                re.I,
            )
            and not _EACH_NOUN.search(before)
            and if_steps[len(reads) :]
            and all(s.kind in ("action", "process") for s in if_steps[len(reads) :])
            and any(s.kind == "action" and s.recipient for s in if_steps)
        ):
            # 'if the wind is above 20 km/h, text each booked customer …': one test of the run, then a message to each
            # person of the list read before it (a loop built only over a fetched list); the list may be read after
            # the test ('…, text each of today's passengers — they're in the Google Sheet 'Sailings Today' —'): its
            # read comes first in the branch, the loop walks what it read
            person = next((s.recipient for s in if_steps if s.recipient), None) or each_person.group(1)
            per_person = Step(
                "loop", "loop", label=person, text=if_text, loop_type="forEach", body=if_steps[len(reads) :]
            )
            per_person.implicit = per_person.past_test = True
            if_steps = [*reads, per_person]
        fetch_after = bool(if_steps) and all(s.kind == "source" for s in if_steps)
        if fetch_after and before.strip() and any(s.kind == "action" for s in pre):
            # 'Alert me on Telegram if BTC drops under $58,000 — check api.coingecko.com every 10 min': the words
            # after the test only say what to fetch; the fetch runs first, the action stated before waits
            pre, if_text, if_steps = pre + if_steps, "", []
        if (
            not if_text.strip() and before.strip()
        ):  # "check X and email me if Y": the fetch runs, the action waits
            keep = ("source", "process")  # the fetch and the processing run; the action waits for the test
            # 'add a row …, and email finance if …': only the action of the clause the test follows waits
            last = clauses(before)[-1] if clauses(before) else ""
            waits = [s for s in pre if s.kind not in keep and s.text and s.text.strip() in last]
            if not waits or len(waits) == len([s for s in pre if s.kind not in keep]):
                waits = [s for s in pre if s.kind not in keep]
            pre, if_steps = [s for s in pre if not any(s is w for w in waits)], waits
        step = Step(
            "condition",
            "condition",
            label=condition_text,
            text=sentence,
            negate=cond.group(0).lower() == "unless",
            excepted=cond.group(0).lower() == "unless",
        )
        # 'else if B …, else C': the else branch is itself a condition (multi-way tests nest)
        nested = re.match(r"^\s*(?:only\s+)?(?:if|when|unless)\b", else_text, re.I)
        otherwise = read_sentence(else_text, description, ruled_out) if nested else None
        step.branches = [
            ("if", if_steps),
            ("else", otherwise or read_clauses(else_text, description, ruled_out)),
        ]
        data = [s for s in pre if s.kind in ("source", "process")]
        step.data_from = data[-1] if data else None  # the test is about what its own sentence fetched
        more = read_sentence(tail, description, ruled_out) if tail.strip() else []
        for other in more:
            if other.kind == "condition" and other.data_from is None:
                other.data_from = step.data_from  # the second test reads the same data
        if (
            len(more) == 1
            and more[0].kind == "condition"
            and not step.negate
            and not step.branches[1][1]
            and _innermost_else(more[0]).branches[1][1]
        ):
            # 'if it is billing …, if it is a bug …, and for everything else …': the other side said after several
            # tests is of them all — one decision, each next test in the else branch of the one before
            more[0].chained = True
            step.branches[1] = ("else", more)
            more = []
        return pre + [step] + more
    return _bare_condition(sentence, description, ruled_out) or _keep_only(
        sentence, read_clauses(sentence, description, ruled_out)
    )


def _on_what_was_read(
    text: str, pre: list[Step], description: str, ruled_out: dict[str, set[str]]
) -> list[Step]:
    """The steps of a test's side; 'check the Google Calendar … and if it's free, book it': a verb on 'it' that names
    no service acts on the thing the sentence read, in that service."""
    read = next((s for s in reversed(pre) if s.kind == "source" and s.integration), None)
    phrases = (lexicon()["integrations"].get(read.integration or "", {}).get("phrases") or []) if read else []
    out: list[Step] = []
    for clause in clauses(text):
        each = _EACH_NOUN.search(clause)
        where = _PLACE.match(clause, each.end()) if each and each.group(1) else None
        if where and lx.integrations_in(where.group(0)):
            # 'if it's under 30 cm, WhatsApp every guide in the Google Sheet 'Guides' …': the place is read, then each
            # of its items gets the step, on this side of the test
            looped = read_sentence(clause, description, ruled_out)
            if any(s.kind == "loop" for s in looped):
                out += looped
                continue
        steps = read_clause(clause, description, ruled_out)
        if (
            not steps
            and phrases
            and re.match(r"^\W*(?:and\s+|then\s+)*[a-z]+\s+(?:it|them|that)\W*$", clause, re.I)
        ):
            steps = [
                s
                for s in read_clause(f"{clause.strip()} in {phrases[0]}", description, ruled_out)
                if s.kind == "action"
            ]
        out += steps
    return out


# a channel or an address written alone: '#leads-us', 'in #us-wins', 'to payments@acme.com'
_BARE_PLACE = re.compile(
    r"^\W*(?:(?:to|in|into|on)\s+)?(?P<p>#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\W*$", re.I
)


def _same_verb_elsewhere(other: str, said: str) -> str:
    """'post it in #leads-ca otherwise #leads-us': the other side names only where, so it does what the first side
    does there — the first side's words with its own place of the same kind (channel, address) put in."""
    bare = _BARE_PLACE.match(other)
    if not bare or ACTION_START.match(other.strip()):
        return other
    place = bare.group("p")
    kind = r"#[\w-]+" if place.startswith("#") else r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    theirs = list(re.finditer(r"(?<![\w.+-])" + kind, said))
    if len(theirs) != 1:
        return other
    return said[: theirs[0].start()] + place + said[theirs[0].end() :]


# the other side says only other words with the same kind of verb: "otherwise send 'terrace is open'",
# "else post 'hold' there"
_OTHER_WORDS = re.compile(
    r"^\W*(?:just\s+|then\s+)?(?P<verb>send|post|say|message|text|write|reply|respond)(?:s|\s+with)?\s+"
    r"(?:(?:it|them|back)\s+)?(?P<q>\"[^\"\n]{1,120}\"|“[^”\n]{1,120}”|(?<!\w)'[^'\n]{1,120}'(?!\w))"
    r"\s*(?:there|instead|then|to\s+(?:it|them|the\s+same\s+(?:place|channel|chat|group))|in\s+the\s+same\s+"
    r"(?:place|channel|chat|group))?(?:\s+(?:too|also|as\s+well))?\W*$",
    re.I,
)
# where a message goes, said at the end of its clause: 'post a warning to Microsoft Teams', '… in #ops'
_PLACE_AT_END = re.compile(r"\s(?:to|in|on|into)\s+(?:(?:the|our|my)\s+)?(?=\S)", re.I)
_SAID_WORDS = re.compile(r"\"[^\"\n]{1,120}\"|“[^”\n]{1,120}”|(?<!\w)'[^'\n]{1,120}'(?!\w)")


def _same_place_other_words(other: str, said: str) -> str:
    """ "send a Telegram message to the group saying 'X', otherwise send 'Y'": the other side names neither a
    service nor a place, only its own words, so it goes where the first side's message went — the first side's
    clause with its quoted words replaced."""
    mine = _OTHER_WORDS.match(other)
    if not mine or lx.integrations_in(other):
        return other
    theirs = list(_SAID_WORDS.finditer(said))
    if not theirs and re.search(r"\b(?:there|same)\b", other, re.I):
        # ("If the chlorine is below 1 ppm, post a warning to Microsoft Teams. Otherwise post 'Pool OK' there too."):
        # the first side's words are not quoted; the place it says 'there' is where the other side's words go
        for at in _PLACE_AT_END.finditer(said):
            rest = said[at.start() :]
            if lx.integrations_in(rest) or re.search(r"#[\w-]+|[\w.+-]+@[\w-]+\.\w", rest):
                return f"{mine.group('verb')} {mine.group('q')}{rest}"
        return other
    if len(theirs) != 1:
        return other
    return said[: theirs[0].start()] + mine.group("q") + said[theirs[0].end() :]


def _said_on_if_side(other: str, test: Step) -> str:
    """The other side of `test` stated in a sentence of its own ('…; otherwise post 'hold' there'): read with
    the words of the one action on the test's 'if' side, when it names only its own words."""
    acts = [s for s in (test.branches[0][1] if test.branches else []) if s.kind == "action" and s.text]
    if len(acts) != 1:
        return other
    # ('…; if not, in #pedidos': only the other place, the first side's words put there)
    return _same_place_other_words(_same_verb_elsewhere(other, acts[0].text), acts[0].text)


# 'if it can't find anything', 'if nothing is found', 'if there's no match': the read before found nothing
_NOT_FOUND = re.compile(
    r"\s*(?:(?:it|they|we|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:(?:can'?t|cannot|can\s+not|doesn'?t|don'?t|does\s+not|do\s+not|"
    r"fails?\s+to)\s+find(?:\s+(?:anything|any\s+[\w-]+|a\s+match|an?\s+answer|it|them))?|finds?\s+nothing|found\s+nothing)"
    r"|nothing\s+(?:is\s+|was\s+|gets\s+)?(?:found|matches|comes\s+back)"
    r"|there(?:'s|\s+is|\s+are)\s+no\s+(?:match(?:es)?|results?|answers?|hits?|entry|entries|record|records|row|rows))\b\s*,?\s*",
    re.I,
)


def _fallback(
    sentence: str,
    cond: re.Match[str],
    missed: re.Match[str],
    description: str,
    ruled_out: dict[str, set[str]],
) -> list[Step] | None:
    """'answers from the knowledge base and, if it can't find anything, searches the web instead': a test of
    whether the read before found something — what it feeds runs when it did, the fallback when it did not."""
    pre = read_clauses(sentence[: cond.start()], description, ruled_out)
    sources = [s for s in pre if s.kind == "source"]
    other = read_clauses(re.sub(r"\s+instead\b", "", sentence[missed.end() :]), description, ruled_out)
    if not sources or not other:
        return None
    at = max(i for i, s in enumerate(pre) if s.kind == "source")
    for (
        step
    ) in other:  # 'searches the web instead': for what the run was asked, like the read that found nothing
        query = (lexicon()["search"].get(step.integration or "") or {}).get("query")
        if query and re.fullmatch(r"\s*(?:the\s+)?(?:web|internet|online)?\s*", step.values.get(query, "")):
            step.values[query] = "{start}"
    test = Step("condition", "condition", label="there are more than 0", text=sentence)
    test.branches = [("if", pre[at + 1 :]), ("else", other)]
    test.data_from = pre[at]
    return pre[: at + 1] + [test]


_ONLY_SOME = re.compile(
    r"(?:^|[,;:]\s*)only\s+(?:the\s+|those\s+)?(?:ones|those|items|[\w-]+s)\s+"
    r"(?P<c>(?:tagged|marked|labell?ed|flagged|with|from|that|which|whose|where)\b.*?)\s+"
    r"(?P<v>go(?:es)?|get|gets|should\s+go|are\s+sent|get\s+sent|will\s+go|are\s+posted|get\s+posted)\s+(?P<rest>\S.*)$",
    re.I,
)


# 'negative ones go to #x', 'the urgent ones get posted …', 'post the angry ones to …': a label the step before gave
_ONES = re.compile(
    r"(?:^|[,;]\s*|\band\s+|\b(?:post|send|forward|share|escalate|flag|email|log)\s+)(?:the\s+|any\s+)?([\w-]+)\s+ones\s*"
    r"(?=(?:go(?:es)?|get|gets|are|should|will|must|to|in|into|on)\b)",
    re.I,
)
_NO_CATEGORY = {
    "the",  # 'keep only the ones labelled bug': no label, the words after say which
    "a",
    "an",
    "new",
    "old",
    "other",
    "remaining",
    "these",
    "those",
    "both",
    "all",
    "same",
    "last",
    "first",
    "latest",
}


def _keep_only(sentence: str, steps: list[Step]) -> list[Step]:
    """'classify each one as positive or negative and post only the negative ones': the actions after the
    classification run only when it gave that label — a condition on the classifying step's answer."""
    only = re.search(r"\bonly\s+(?:the\s+)?([\w-]+)\s+(?:ones?|items?)\b", sentence, re.I) or _ONES.search(
        sentence
    )
    if only and only.group(1).lower() in _NO_CATEGORY:
        only = None
    processed = [i for i, s in enumerate(steps) if s.kind == "process"]
    if only is None or not processed:
        return steps
    actions = [s for s in steps[processed[-1] + 1 :] if s.kind == "action"]
    if not actions:
        return steps
    test = Step("condition", "condition", label=f"it is {only.group(1)}", text=only.group(0))
    test.branches = [("if", actions), ("else", [])]
    test.data_from = steps[processed[-1]]
    return [s for s in steps if s not in actions] + [test]


# 'Don't reply to the customer.', 'Do not notify the reporters.': a sentence that only forbids an action builds nothing
# (not 'don't forget to …', and not when it goes on to say what to do instead: '…, just log it')
_FORBIDDING = re.compile(
    r"^\W*(?:(?:note|nb|n\.b\.|important|caveat|constraint|rule|ps|p\.s\.)\s*[:–—-]\s*)?"
    r"(?:and\s+|but\s+|also\s+|please\s+)?(?:don'?t|do not|never|no need to)\s+"
    r"(?!(?:forget|hesitate|miss|skip|fail)\b)[^,;:]*?[.!]?\s*$",
    re.I,
)


# 'People who aren't on the sheet don't want messages — we asked', 'anyone not in the table shouldn't get one': those
# left out of the list the message goes to, told as not wanting it — the list is the audience, no step of its own
_NOT_LISTED_UNWANTED = re.compile(
    r"^\W*(?:and\s+|but\s+|also\s+)?[\w'’ -]{0,40}?\b(?:(?:who|that)\s+(?:aren['’]t|are\s+not|isn['’]t|is\s+not|"
    r"weren['’]t|were\s+not)|not)\s+(?:on|in|listed\s+(?:on|in))\b[^.;!?]*?\b(?:don['’]t|do\s+not|doesn['’]t|"
    r"does\s+not|shouldn['’]t|should\s+not|mustn['’]t|must\s+not|never|won['’]t)\s+(?:want|need|get|receive)\b",
    re.I,
)


# 'Yeah, SMS.', 'SMS, I mean.', 'On WhatsApp, sorry.': a sentence that says no more than a channel, after a step
# that sends on it — the channel of that step said again (a correction or a confirmation), no second send
_RESTATED = re.compile(
    r"^\W*(?:(?:yeah|yes|yep|sorry|um+|uh+|er+|erm|i\s+mean|like|ok(?:ay)?|so|well|just|by|via|on|over|through|"
    r"in|with|as|an?|the)\W+)*(?P<what>[\w .-]{1,30}?)"
    r"(?:\W+(?:i\s+mean|please|sorry|though|that\s+is|not\s+(?:an?\s+)?[\w-]+(?:\s+[\w-]+)?))*\W*$",
    re.I,
)


def _channel_restated(sentence: str, steps: list[Step]) -> bool:
    """Whether `sentence` only names again the channel an earlier step already sends on ('… send them a — a text.
    Yeah, SMS.')."""
    found = _RESTATED.match(sentence)
    if found is None:
        return False
    what = found.group("what").strip().lower()
    named = lx.integrations_in(what)
    if len(named) != 1:
        return False
    phrases = {p.strip().lower() for p in lexicon()["integrations"].get(named[0][1], {}).get("phrases", [])}
    if what not in phrases and what.removeprefix("a ").removeprefix("an ") not in phrases:
        return False

    def sends(items: list[Step]) -> bool:
        return any(
            (s.kind == "action" and s.integration == named[0][1])
            or sends(s.body)
            or any(sends(branch) for _, branch in s.branches)
            for s in items
        )

    return sends(steps)


# 'Only for people with more than 1,000 followers though.', 'But only if it's over $500.', 'Only do this for issues
# labelled …', 'Not for ratings of 8 or higher, though.': a sentence that only restricts the one before
_AFTERTHOUGHT = re.compile(
    r"^\s*(?:but\s+)?(?:(?:only|just)|(?P<not>not|never))\s+(?:(?:do|send|post)\s+(?:this|that|it|them)\s+)?"
    r"(?:(?:for|if|when|where|in\s+case)\s+(?P<test>\S.*?)"
    # 'only patients w/ sms_opt_in true', 'only the ones tagged vip though': the items kept, named by what they have
    r"|(?:the\s+|those\s+)?(?P<items>(?:ones|those|[a-z][\w-]*s)\s+(?:with|w/|who|that|which|whose|where|tagged|"
    r"marked|labell?ed|flagged)\s+\S.*?))"
    # 'Only customers who accepted marketing should be added', '… should get it': what the kept items get is the
    # step said before, not part of the test
    r"(?:\s+(?:should|must|need\s+to|will|can)\s+(?:be\s+[a-z]+|get\s+(?:it|one|them|this|that)|receive\s+(?:it|one)))?"
    r"(?:,?\s+(?:though|tho))?\s*[.!]?\s*$",
    re.I,
)


def _not_loop_items(restricts: re.Match[str], loop: Step) -> bool:
    """Whether a restriction's items ('incidents tagged P1') are not those the loop before it repeats for (a person
    of a list): the run's own items, kept before anything is done."""
    items = restricts.group("items")
    if not items or not loop.label:
        return False
    noun, label = items.split()[0].lower(), loop.label.lower()
    return (
        noun not in ("ones", "those")
        and noun.rstrip("s") != label.rstrip("s")
        and label in ("person", "people")
    )


def _names_item(sentence: str, loop: Step) -> bool:
    """Whether `sentence` goes on about the item of `loop` by its noun ('If the showing is for …', 'Its donor
    gets …' does not count) and is no step over all the items ('email me a summary of them')."""
    # the loop's item noun (before what qualifies it), and the list's own name ('the 'Deliveries' table': a delivery)
    head = re.split(
        r"\s+(?:in|of|from|on|at|with|without|that|which|who|whose|where|marked|tagged)\b", loop.label or ""
    )[0]
    said = head.split()[-1:] + re.findall(
        r"[\"'“‘]([A-Za-z]+)[\"'”’]\s+(?:table|sheet|tab|list|database|board)\b", loop.text
    )
    if [w.lower() for w in head.split()[-1:]] in (["one"], ["item"], ["them"], ["those"], ["these"]):
        # ('read the slot confirmations … and add each one as an event': the ones read, by their noun)
        said += re.findall(
            r"\b(?:read|fetch|get|pull|grab|check|list|load|collect|take)\s+(?:all\s+)?(?:the\s+|my\s+|our\s+)?"
            r"(?:(?:new|recent|latest|unread|open)\s+)?(?:[\w-]+\s+){0,2}?([a-z]{3,}s)\b",
            loop.text,
            re.I,
        )[:1]
        # ('pull the Stripe invoices … and, for each one, email …. Any invoice over £2,000 …': the item is one of
        # the list the clause before 'each one' names)
        before = re.split(
            r"\b(?:for\s+)?(?:each|every)\s+(?:one|item|of\s+them)\b", loop.text or "", maxsplit=1
        )[0]
        said += re.findall(r"(?:\bthe|['’]s)\s+(?:[A-Z][\w-]*\s+)?([a-z][\w-]*s)\b", before)[-1:]
    nouns = {re.sub(r"(?<=[^s])s$", "", re.sub(r"ies$", "y", w.lower())) for w in said}
    nouns -= {"one", "item", "them", "those", "these", "row", "person"}
    nouns = {n for n in nouns if len(n) >= 3}
    if not nouns:
        return False
    return bool(
        re.search(
            # ('Given a single bill is over $10,000, …', 'if any one order …': the item, singled out)
            r"\b(?:the|this|that|each|a|an|any)\s+(?:(?:single|given|particular|specific|individual|one)\s+)?(?:"
            + "|".join(map(re.escape, sorted(nouns)))
            + r")\b"
            # ('For renewals worth more than $25,000, also …': the items a test keeps, named in the plural)
            + r"|^\W*(?:and\s+)?(?:for|with)\s+(?:"
            + "|".join(re.escape(n[:-1] + "ie" if n.endswith("y") else n) for n in sorted(nouns))
            + r")s\b(?=\s+(?:worth|over|above|under|below|with|whose|that|which|where|marked|tagged)\b)",
            sentence,
            re.I,
        )
        and not _MADE_OF_ALL.search(sentence)
        and not _LOOP.search(sentence)
        and not LOOP_END.search(sentence)
    )


def _case_goes_on(sentence: str, loop: Step) -> bool:
    """'For each invoice: over £500 → email the customer; £500 or less → add a row to …': a case said with an
    arrow after a loop whose own sentence lists its cases the same way ('For each …: <case> → <step>') is the next
    case of each item, not a step run once after the loop."""
    said = loop.text or ""
    return bool(
        _ARROW_AT.search(sentence)
        and not ACTION_START.match(sentence.strip())
        and _ARROW_AT.search(said)
        and re.search(r"\b(?:each|every)\s+[^:;.→]*:", said, re.I)
    )


# '…; append one row per student', 'one message per order': a step that makes one of something for every item
PER_EACH = _PER_EACH = re.compile(
    r"\b(?:one|a|an|1|a\s+single)\s+(?:[\w-]+\s+){0,2}?(?:per|for\s+each|for\s+every)\s+"
    r"(?!(?:day|week|month|hour|minute|year|run|workflow|time)s?\b)[a-z]",
    re.I,
)


def _tests_item_result(sentence: str, loop: Step, text: str) -> bool:
    """Whether `sentence`, joined by ';' or a full stop to a loop whose repeat ends in what an agent made of the item ('for each
    tweet have an agent rate the sentiment; if it's negative, post it …'), tests that result: 'it' / 'they' is
    the item the test is about, so the test repeats with it."""
    if not loop.body or loop.body[-1].kind != "process":
        return False
    if not re.match(
        r"\s*(?:and\s+)?(?:only\s+)?(?:if|when|unless)\s+(?:it|they|its|their)\b", sentence, re.I
    ):
        return False
    # ('… ask the AI whether each one is spam. If the AI thinks it's not spam, …': the next sentence tests it too)
    return bool(re.search(r"[;.]\s*" + re.escape(sentence.strip()[:40]), text))


def _item_holds_it(loop: Step, reads: list[Step]) -> None:
    """Drop from `loop`'s body a read of the list the loop goes through ('… the parking instructions from the
    sheet' inside 'for each showing in that list'): the item is that list's row; a read of a place of its own
    (a named sheet or table) stays."""
    from lib.generation.services import resource_after_name

    done = {(r.integration, r.values.get("operation")) for r in reads if r.integration}

    def own_place(step: Step) -> bool:
        field = resource_after_name(step.type)
        given = str(step.values.get(field) or "") if field else ""
        return bool(given) and not given.startswith("{{")

    loop.body = [
        b
        for b in loop.body
        if b.kind != "source" or (b.integration, b.values.get("operation")) not in done or own_place(b)
    ]


def _restriction(restricts: re.Match[str], sentence: str, guarded: list[Step]) -> Step:
    """'Only patients w/ sms_opt_in true', 'Only for people with more than 1,000 followers though': a restriction
    said in a sentence of its own, as a condition whose 'if' branch holds the steps it guards."""
    test = Step(
        "condition",
        "condition",
        label=(restricts.group("test") or restricts.group("items")).strip(" ,"),
        text=sentence,
        negate=restricts.group("not") is not None,
    )
    test.branches = [("if", guarded), ("else", [])]
    return test


# '… into Jira for the QA team because they refuse to use Linear': the reason, to the sentence's end, names no step
_BECAUSE = re.compile(
    r"\s+(?:because|'cause)\s+(?=(?:they|we|i|he|she|it|the|our|their|that|this|there|[\w-]+\s+(?:is|are|never|don't|doesn't|can't|won't|has|have|lives?))\b)",
    re.I,
)


# '… 2) foreach donor send …', '… -> for each: message the customer -> log it …': an inline numbered item, or a
# part after an arrow in a sentence that repeats something, is a step of its own like a sentence
_ITEM_AT = re.compile(r"(?<=\S)\s(?=\d{1,2}\)\s+\S)")
_ARROW_AT = re.compile(r"\s(?:->|→|=>)\s+(?=\S)")
_LOOP_WORD = re.compile(
    r"\b(?:for\s+(?:each|every)|loop\s+(?:over|through)|iterate\s+(?:over|through)|go\s+through\s+(?:each|every))\b",
    re.I,
)


# 'Exceptions / special cases: …', '**Edge cases:** …': the field a form states its exceptions in (lexicon.json
# case_fields), left off what the exception says
_CASE_FIELD = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:\*\*)?(?:" + "|".join(lexicon()["case_fields"]) + r")(?:\*\*)?\s*:\s*(?:\*\*)?\s*",
    re.I,
)
# "if the company size answer is '1-10', don't post in Slack - only create the contact": a case, the steps it
# leaves out, and (said or not) the ones it keeps
_CASE_SKIPS = re.compile(
    r"^(?:and\s+|but\s+)?(?:if|in\s+case)\s+(?P<test>[^,;:]{2,100}?)\s*[,:]\s*(?:then\s+)?"
    r"(?:don'?t|do\s+not|never|skip(?:\s+the)?|no\s+need\s+to)\s+(?P<what>[^.;]+?)"
    r"(?:\s*(?:\s[-–—]\s|[;,]|\bbut\b)\s*(?:only|just)\s+(?P<keep>[^.;]+?))?\s*[.!]?$",
    re.I,
)
# 'No text if the order total is under 15', "dont send the email if the age is under 18 pls, …", 'Actually don't
# send the email if the meeting is shorter than 30 minutes': a ban with a test keeps the step said before and runs it
# when the test fails (the test negated, the step on its 'if' side)
_BAN_IF = re.compile(
    r"^(?:(?:and|but|actually|also|oh|so|and\s+also)\s*,?\s+)*(?:no|not|don'?t|do\s+not|never)\s+"
    r"(?:(?:send|post|write|create|make)\s+)?(?:(?:an?|the|any)\s+)?(?P<what>[^.;,]{2,40}?)\s+(?:if|when|whenever)\s+"
    r"(?P<test>[^.;,]{2,100}?)(?:\s+(?:please|pls|plz|thanks|thx))?(?:\s*,[^.;]*)?\s*[.!]?$",
    re.I,
)
# 'low urgency incidents: only step 1', 'builds on main -> only Slack, no PR comment (there is no PR)': a case and
# the steps it keeps (the others are left out for it)
_CASE_ONLY = re.compile(
    r"^(?P<test>[^:>→,;]{2,80}?)\s*(?P<sep>->|→|=>|:|\s[-–—])\s*(?:only|just)\s+(?P<keep>[^,;.()]+?)\s*"
    r"(?:[,;]\s*(?:and\s+)?(?:no|not|without|(?:but\s+)?(?:don'?t|do\s+not|never)\s+\w+)\s+(?P<what>[^.;()]+?))?\s*"
    r"(?:\([^)]*\))?\s*[.!]?$",
    re.I,
)
# 'and only orders with a total over $500 need to go to slack, the rest just the sheet', 'only refunds above $250
# should go to slack tho, smaller ones just airtable': the items a test keeps for one of the steps said before
_ONLY_SOME_GO = re.compile(
    r"(?:^|(?<=\s[-–—]\s)|(?<=[:;]\s))(?:and\s+|but\s+)?only\s+(?P<test>[^,;.]{3,100}?)\s+"
    r"(?:need(?:s)?\s+to|should|must|have\s+to|are\s+to|get\s+to|will)\s+(?:go|be\s+(?:sent|posted|shared))\s+"
    r"(?:to|in|into|on)\s+(?P<keep>[^,;.]+?)(?:\s+(?:tho(?:ugh)?))?\s*(?:[,;]\s*(?P<rest>[^.]*))?[.!]?$",
    re.I,
)
# 'pickup orders don't need the courier text', 'contractors never get the badge email': a case by its items, and the
# step said before that they go without (a case with a threshold, 'orders under $30 don't need …', is _needed_only's)
_CASE_NEEDS_NOT = re.compile(
    r"^(?P<test>[^,;:]{2,80}?)\s+(?:do(?:es)?\s*n[o'’]?t|do(?:es)?\s+not|never|shouldn'?t|should\s+not)\s+"
    r"(?:need|get|require|receive|want)s?\s+(?P<what>[^.;]+?)\s*[.!]?$",
    re.I,
)
# 'If it passed, do nothing.', "If there's 0 or 1 do nothing.": the other side of a test said before, which does nothing
_DOES_NOTHING = re.compile(
    r"^(?:and\s+)?(?:if|when|otherwise|else)\b[^.;]{0,80}?,?\s*(?:just\s+|then\s+)?(?:do\s+nothing|nothing\s+(?:happens|"
    r"should\s+happen|needs\s+to\s+happen))\s*[.!]?$",
    re.I,
)
# 'Append a row, yeah.', 'Add it as a new row.': how the write said before stores its data, no write of its own
_ROW_MODE = re.compile(
    r"^\W*(?:(?:and|so|just|yeah|um+|uh+|er+m?|then|also|pls|please|ok|okay)\W+)*"
    r"(?:append|add|insert|create|make|put|write)\s+(?:(?:it|them|that|this|those)\s+)?(?:as\s+)?(?:a|one)\s+"
    r"(?:new\s+)?(?:row|line|record|entry)(?:\s+(?:each|every|per)\s+(?:time|run|day|night|week|month))?"
    r"(?:\W+(?:yeah|pls|please|thanks|ok|okay))*\W*$",
    re.I,
)


@lru_cache(maxsize=1)
def _row_writers() -> frozenset[str]:
    """The block types whose writes are rows of a table (lexicon.json 'table_nouns')."""
    return frozenset(t for types in lexicon()["table_nouns"].values() for t in types)


_STEP_NUMBER = re.compile(r"^\s*(?:step\s+)?(\d{1,2})\s*(?:[.):]|\s[-–—])?\s+(?=\S)", re.I)
_NAMED_STEPS = re.compile(r"\bsteps?\s+(\d{1,2}(?:\s*(?:,|and|&|\+|-|–|to)\s*\d{1,2})*)\b", re.I)
# words of an exception that name no step of their own ('the courier text' names the step by 'courier' and 'text')
_NOT_NAMING = frozenset({
    "the", "them", "this", "that", "these", "those", "only", "just", "also", "too", "into", "for", "with", "and",
    "post", "send", "message", "notification", "notify", "ping", "step", "steps",
})  # fmt: skip


def _containers(steps: list[Step]) -> list[list[Step]]:
    """The step lists of a plan: the top level, each branch and each loop's body, outermost first."""
    out = [steps]
    for s in steps:
        for _, branch in s.branches:
            out += _containers(branch)
        if s.body:
            out += _containers(s.body)
    return out


def _in_order(steps: list[Step]) -> list[Step]:
    """Every step of a plan in the order it was said: a test or a loop, then what it holds."""
    out: list[Step] = []
    for s in steps:
        out.append(s)
        for _, branch in s.branches:
            out += _in_order(branch)
        out += _in_order(s.body)
    return out


def _said_once(named: list[Step], steps: list[Step]) -> list[Step]:
    """`named` without the ones that say again a message said before (the same service and place): those leave the
    plan, the first stays."""
    out: list[Step] = []
    for s in [x for x in _in_order(steps) if any(x is n for n in named)]:
        place = (
            s.values.get("channel")
            or s.values.get("to")
            or s.values.get("chatId")
            or s.values.get("phoneNumbers")
        )
        same = next(
            (
                o
                for o in out
                if o.type == s.type
                and place
                and (
                    o.values.get("channel")
                    or o.values.get("to")
                    or o.values.get("chatId")
                    or o.values.get("phoneNumbers")
                )
                == place
            ),
            None,
        )
        if same is None:
            out.append(s)
            continue
        for c in _containers(steps):
            c[:] = [x for x in c if x is not s]
    return out


def _steps_named(said: str, steps: list[Step], numbered: dict[int, list[Step]]) -> list[Step]:
    """The actions a phrase of an exception names: by their numbers in the list ('step 1', 'steps 2 and 3'), by
    their service ('Slack', 'on Discord'), by the channel they post to ('#wins') or by their own words ('the courier
    text', 'PR comment')."""
    acts = [s for c in _containers(steps) for s in c if s.kind == "action"]
    numbers = _NAMED_STEPS.search(said)
    if numbers:
        found = [int(n) for n in re.findall(r"\d{1,2}", numbers.group(1))]
        if re.search(r"\d\s*(?:-|–|to)\s*\d", numbers.group(1)) and len(found) == 2:
            found = list(range(found[0], found[1] + 1))
        return [s for n in found for s in numbered.get(n, []) if s.kind == "action"]
    low = " " + said.lower() + " "
    services = {
        key
        for key, entry in lexicon()["integrations"].items()
        if any(lx.phrase_at(low, " " + p.strip() + " ") >= 0 for p in entry["phrases"])
    }
    by_service = [s for s in acts if s.type in services or (s.integration or "") in services]
    if by_service:
        return by_service
    channels = re.findall(r"#[\w-]+", said)
    if channels:
        return [s for s in acts if any(c.lower() in (s.text or "").lower() for c in channels)]
    words = [w for w in re.findall(r"[a-z]{3,}", said.lower()) if w not in _NOT_NAMING]
    if not words:
        return []
    named = [
        s
        for s in acts
        if all(re.search(r"\b" + re.escape(w.rstrip("s")), (s.text or ""), re.I) for w in words)
    ]
    if len({s.text for s in named}) == 1 and len(named) > 1:
        # ('log it in Airtable and text the buyer' … 'No text if …': one clause made both steps; the word is one
        # service's own, 'text' of 'text message')
        table = lexicon()["integrations"]
        own = [
            s
            for s in named
            if any(
                re.search(r"\b" + re.escape(w) + r"\b", p)
                for e in table.values()
                if e["type"] == s.type
                for p in e["phrases"]
                for w in words
            )
        ]
        named = own or named
    return named


# 'smaller orders', 'the cheaper ones', 'other tickets': the items a test said before leaves, named by a comparative
_OTHER_SIDE = re.compile(
    r"(?:the\s+|all\s+|any\s+)?(?:smaller|bigger|larger|cheaper|lower|higher|shorter|longer|lesser|other|remaining)"
    r"\s+(?:[\w'’-]+\s+)?(?:[\w'’-]+s|ones)",
    re.I,
)


def _case_test(case: str) -> str:
    """The test a case names by its items ('low urgency incidents' → 'the incident urgency is low', 'pickup orders' →
    'the order is pickup', 'contractors' → 'it is contractor'); a case said as a test stays as it is."""
    words = case.split()
    if re.search(
        r"\b(?:is|are|was|were|has|have|with|without|whose|where|from|on|in|of|over|under|above|below)\b|\d",
        case,
        re.I,
    ) or not all(re.fullmatch(r"[a-z][\w-]*", w, re.I) for w in words):
        return case
    plural = re.search(r"[^su]s$", words[-1]) and len(words[-1]) > 3
    item = words[-1][
        :-1
    ].lower()  # ('the incident …', 'the order …': the item, so a test of the event says so)
    if len(words) == 3 and plural:
        return f"the {item} {words[1]} is {words[0]}"
    if len(words) == 2 and plural:
        return f"the {item} is {words[0]}"  # 'pickup orders': what sets them apart
    if len(words) == 1 and plural:
        return f"it is {item}"
    return case


def _narrowed(
    sentence: str,
    steps: list[Step],
    numbered: dict[int, list[Step]],
    description: str = "",
    ruled_out: dict[str, set[str]] | None = None,
) -> list[Step] | None:
    """An exception said after the steps it narrows ("if the size is '1-10', don't post in Slack", 'low urgency
    incidents: only step 1', 'builds on main -> only Slack, no PR comment', 'only orders over $500 need to go to
    slack'): those steps wrapped in the test, in the list that holds them — on its else side when the case leaves
    them out, on its if side when only the case gets them. None when the sentence is no such exception, or names
    no step said before it."""
    text = _CASE_FIELD.sub("", sentence, count=1).strip()
    if _GUARD.match(text):
        return None  # 'if nothing is below 20, don't send the email': a guard on what was found, not a case
    some = _ONLY_SOME_GO.search(text)
    banned = _BAN_IF.match(text) if some is None else None
    if banned is not None:
        return _ban_guarded(banned, sentence, steps, numbered)
    skips = _CASE_SKIPS.match(text) if some is None else None
    only = _CASE_ONLY.match(text) if some is None and skips is None else None
    needs = _CASE_NEEDS_NOT.match(text) if not (some or skips or only) else None
    if needs is not None and (
        lx.threshold_in(needs.group("test")) or lx.OR_MORE_RE.search(needs.group("test"))
    ):
        needs = None
    found = some or skips or only or needs
    if found is None:
        return None
    test = re.sub(r"\s*\([^()]*\)", "", found.group("test")).strip()
    if _OTHER_SIDE.fullmatch(test) and any(s.kind == "condition" for s in steps):
        # ('If an order is for more than 3 trees, post it in #big-orders. Smaller orders don't need to go to Slack.':
        # the items the test before leaves, told by a comparative — its other side, no test of its own)
        return None
    if (
        only is not None
        and not re.match(r"\s*(?:->|→|=>)", only.group("sep"))
        and not re.search(
            r"[^su\W]s$|\b(?:with|without|on|from|in|for|of|marked|tagged|labell?ed|whose)\b", test, re.I
        )
    ):
        return None  # 'Notify: only #ops', 'Urgency: only …': a form's field, not a case (a case names its items)
    # ("Urgency: only …", "Don'ts: only …": a form's own field, not a case)
    if (
        not test
        or test.lower() in lexicon()["section_labels"]
        or re.search(r"\b(?:don'?ts?|must|never)\b", test, re.I)
    ):
        return None
    kept = (
        _steps_named(found.group("keep"), steps, numbered)
        if "keep" in found.re.groupindex and found.group("keep")
        else []
    )
    left = (
        _steps_named(found.group("what"), steps, numbered)
        if "what" in found.re.groupindex and found.group("what")
        else []
    )
    # ('posted in #big-orders' … 'Notify: #big-orders': the same message said twice is one step, the first said)
    kept, left = _said_once(kept, steps), _said_once(left, steps)
    holder = next(
        (
            c
            for c in _containers(steps)
            if (kept or left) and all(any(x is s for x in c) for s in kept + left)
        ),
        None,
    )
    if holder is None:
        return None
    if some is not None:
        if not kept:
            return None
        branches = [("if", kept), ("else", [])]
        moved = kept
    else:
        out = left or [s for s in holder if s.kind == "action" and not any(s is k for k in kept)]
        if not out:
            return None
        # "If a note mentions 'damaged', don't add it — just flag it in #receiving on Slack": a step of its own,
        # said for the case in place of the one left out
        instead = (
            read_clause(found.group("keep"), description, ruled_out or {})
            if skips is not None and found.group("keep") and not kept
            else []
        )
        branches = [("if", [s for s in instead if s.kind == "action"]), ("else", out)]
        moved = out
    guard = Step("condition", "condition", label=_case_test(test), text=sentence)
    guard.branches = branches
    at = min(i for i, s in enumerate(holder) if any(s is m for m in moved))
    rest = [s for s in holder if not any(s is m for m in moved)]
    holder[:] = rest[:at] + [guard] + rest[at:]
    return steps


def _ban_guarded(
    banned: re.Match[str], sentence: str, steps: list[Step], numbered: dict[int, list[Step]]
) -> list[Step] | None:
    """The steps a ban with a test names (`_BAN_IF`), wrapped in the negated test: they run when it fails. None
    when the ban names no step said before it (a rule for the run, read as a ban)."""
    test = re.sub(r"\s*\([^()]*\)", "", banned.group("test")).strip()
    out = _said_once(_steps_named(banned.group("what"), steps, numbered), steps)
    holder = next((c for c in _containers(steps) if out and all(any(x is s for x in c) for s in out)), None)
    if holder is None or not test:
        return None
    guard = Step("condition", "condition", label=_case_test(test), text=sentence, negate=True)
    guard.branches = [("if", out), ("else", [])]
    at = min(i for i, s in enumerate(holder) if any(s is m for m in out))
    rest = [s for s in holder if not any(s is m for m in out)]
    holder[:] = rest[:at] + [guard] + rest[at:]
    return steps


_ELSE_ARROW = re.compile(r"\b(?:otherwise|else|if\s+not)\b\s*[,:]?\s*(?:->|→|=>)", re.I)


def items_as_lines(text: str) -> str:
    """Inline numbered items ('1) … 2) …') and, in a line that repeats steps for each item, the parts between
    arrows start lines of their own ('- …'), so each reads as a sentence and a loop item scopes the items after
    it. Every position stays where it was (a space becomes the line break)."""
    if len(_INLINE_ITEM.findall(text)) >= 2:
        text = _ITEM_AT.sub("\n", text)

    def arrows(line: str) -> str:
        if not _LOOP_WORD.search(line) or not _ARROW_AT.search(line) or _ELSE_ARROW.search(line):
            # ('For each: if the note mentions an allergy → create a page …; otherwise → add a row …': the arrows
            # mark the two sides of a test, which the sentence reads whole)
            return line
        said = re.split(r"[:;]|(?<=[.!?])\s+", line)
        if sum(1 for part in said if _KIND_ROUTE.match(part) or numeric_head(part)) >= 2:
            # ("For each line item: 'bespoke' items → a page in …; 'ready-made' items → a row in …", '… score above 80 →
            # …; score from 50 to 80 → …': kinds or bands and where each goes, the routes of one decision — not steps
            # one after another)
            return line
        return _ARROW_AT.sub(lambda m: "\n" + "-" + " " * (len(m.group(0)) - 2), line)

    return "\n".join(arrows(line) for line in text.split("\n"))


def _own_list(item: str, description: str, ruled_out: dict[str, set[str]]) -> bool:
    """'get the Linear issues that are overdue and email each assignee', after a loop over another list: the item reads
    a list of its own before the 'each' it repeats over, so it starts a loop of its own."""
    found = _EACH_NOUN.search(item) or _EACH_OF.search(item)
    head = item[: found.start()] if found else ""
    return bool(re.search(r"\w", head)) and any(
        s.kind == "source" for c in clauses(head) for s in read_clause(c, description, ruled_out)
    )


def _same_item(item: str, loop: Step) -> str:
    """'3) add a note on each donor's record' after '2) for each donor …', '-> log each one in …' after 'for each
    one: …': 'each' names the item the loop repeats for, so the step repeats with it ('the donor', 'it')."""
    found = _EACH_NOUN.search(item)
    noun = (found.group(1) or "one").lower() if found else ""
    label = loop.label.lower()
    if not found or not (noun == "one" or label == "one" or noun.rstrip("s") == label.rstrip("s")):
        return item
    said = "it" if noun == "one" else f"the {found.group(1)}"
    return item[: found.start()] + said + item[found.end() :]


# "without pinging anyone", "don't email anybody": whom a prohibition spares is no list to repeat over
_NOBODY = re.compile(r"(?:\b(?:without|never|not|nor)|n't)\s+(?:[\w-]+\s+){0,2}?(any(?:one|body))\b", re.I)

# 'nobody reads email', 'no one ever checks the inbox': a clause whose doer is nobody, up to its end
_NOBODY_DOES = re.compile(
    r"(?:^|(?<=[.;,:!?\n—–]))[^\S\n]*(?:(?:and|because|since|as|cos|cause)\s+)?(?:nobody|no\s*-?\s*one)\s+"
    r"(?:(?:ever|really|actually|even|still|here)\s+)?[a-z]+s\b[^.;!?\n]*",
    re.I,
)

# (up to the end of its clause: a mark, an emoji that closes a casual sentence — 'without warning us 🙃 when …' — or
# the blanked trigger, a run of spaces)
_WITHOUT_DOING = re.compile(
    r"\bwithout\s+[a-z]+ing\b(?:(?!\s{3})[^,;.!?\n\u2600-\u27bf\U0001f000-\U0001faff])*", re.I
)


@lru_cache(maxsize=1)
def _reaches_place() -> re.Pattern[str]:
    """'a summary of the open issues goes to #cx', 'Summaries … should land in #cx', 'the digest should be posted in
    Teams': a made thing told first, then the place it reaches (lexicon.json 'arrival_verbs')."""
    verbs = sorted((v.replace(" ", r"\s+") for v in lexicon()["arrival_verbs"]), key=len, reverse=True)
    return re.compile(
        r"(?<=\w)\s+(?:(?:should|will|must|shall|can|needs?\s+to|has\s+to|have\s+to|to)\s+)?(?:automatically\s+)?"
        r"(?:" + "|".join(verbs) + r")\s+(?:in|to|into|on|onto|via)\s+",
        re.I,
    )


@lru_cache(maxsize=1)
def _ai_does() -> re.Pattern[str]:
    """'should be answered by an AI assistant', 'an AI agent triages it': the AI named as the doer (lexicon.json
    'ai_work')."""
    done = sorted((w.replace(" ", r"\s+") for w in lexicon()["ai_work"]), key=len, reverse=True)
    doer = r"(?:an?\s+|the\s+|our\s+)?(?:AI|A\.I\.|Claude|GPT|ChatGPT|LLM|bot)(?:\s+(?:assistant|agent|bot|model))?"
    return re.compile(
        # ('The answer is written by AI using our doc': what it makes, said first, is its object)
        r"(?:(?<=\s)|^)(?P<subject>(?:the|an?|its|their|each|every)\s+(?!(?:is|are|be|gets?|should|will|must)\b)[\w-]+\s+)?"
        r"(?:(?:should|will|must|shall|can|needs?\s+to|has\s+to|have\s+to|to)\s+)?(?:be|get|gets|is|are)\s+"
        r"(?:automatically\s+)?(?P<passive>" + "|".join(done) + r")\s+by\s+" + doer + r"\b"
        # ('… the sheet read, the fuel cost per driver worked out by the AI, and …': what it makes, then the
        # participle with no 'is' before it; a few words, no verb or preposition among them)
        r"|(?:(?<=\s)|^)(?P<made>(?:the|an?|its|their|each|every|our|your)\s+"
        r"(?:(?!(?:is|are|be|was|were|gets?|should|will|must|and|or|then|from|to|in|into|on|of)\b)[\w'’€$£%-]+\s+)"
        r"{1,5}?)(?P<reduced>" + "|".join(done) + r")\s+by\s+" + doer + r"\b"
        # (the model as the subject, before what it works on: not 'AI checks whether …', a test it decides, nor 'the
        # support bot answers from the docs', another system's bot)
        r"|\b(?:an?\s+|the\s+|our\s+)?(?:AI|Claude|GPT|ChatGPT|LLM)(?:\s+(?:assistant|agent|model))?\s+"
        r"(?P<active>"
        + "|".join(done)
        # ('AI writes release notes from the PR', 'AI rates its severity': what it works on or makes, any object)
        + r")(?=\s+(?!(?:whether|if|that|when|whenever|from|for|to|about|with|on|in|based)\b)[a-z])"
        # ('the price page scraped, compared by AI with our sheet': the participle alone after a comma or 'and', of
        # what the step before it made)
        r"|(?:(?<=[,;]\s)|(?<=\band\s)|(?<=\bthen\s))(?P<bare>"
        + "|".join(done)
        + r")\s+by\s+"
        + doer
        + r"\b",
        re.I,
    )


def _ai_doing(text: str) -> str:
    """`text` with the work an AI is said to do read as the imperative ('… should be answered by an AI' → '… answer
    it', 'an AI agent triages it' → 'triage it'; the same length: the text keeps the description's positions)."""

    def told(m: re.Match[str]) -> str:
        said = m.group("passive") or m.group("active") or m.group("reduced") or m.group("bare")
        verb = lexicon()["ai_work"][" ".join(said.lower().split())]
        if m.group("bare"):
            out = next(
                (o for o in (f"have AI {verb}", f"AI {verb}") if len(o) + 1 <= len(m.group(0))), f"AI {verb}"
            )
        elif m.group("reduced"):
            made = " ".join(m.group("made").split())
            out = f"{verb} {made[:1].lower() + made[1:]} with AI"
        elif not m.group("passive"):
            out = verb
        else:
            what = " ".join(m.group("subject").split()) if m.group("subject") else "it"
            what = what[:1].lower() + what[1:]  # ('The answer' → 'draft the answer')
            # ('is written by AI': the shorter words, where the longer do not fit)
            out = next(
                (
                    o
                    for o in (f"{verb} {what} with AI", f"{verb} {what} by AI")
                    if len(o) + 1 <= len(m.group(0))
                ),
                f"{verb} it with AI",
            )
        return m.group(0) if len(out) + 1 > len(m.group(0)) else out.rjust(len(m.group(0)))

    return _ai_does().sub(told, text)


_PLACE_AHEAD = re.compile(r"(?:the\s+|our\s+|my\s+|a\s+)?(?:#[\w-]|[\w.+-]+@[\w-]+\.)", re.I)


@lru_cache(maxsize=1)
def _made_thing() -> re.Pattern[str]:
    """A thing the run makes and sends (lexicon.json 'arrival_made'): 'a summary', 'the digest', 'alerts'."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, lexicon()["arrival_made"])) + r")\b", re.I)


def _sent_there(text: str) -> str:
    """`text` with each 'goes to <place>' of a thing told first read as ',send to <place>' (the same length: the
    text keeps the description's positions); 'goes to me' as ',email me'. Only before a place a send can reach (a
    channel, an address, me, or a service's name) — 'the ticket goes to the next stage' is no send."""

    made = _made_thing()

    def sent(m: re.Match[str]) -> str:
        ahead = text[m.end() : m.end() + 40]
        said = m.group(0)
        opening = max(text.rfind(c, 0, m.start()) for c in ".;!?\n,—–:") + 1
        closing = min([i for i in (text.find(c, m.end()) for c in ".;!?\n") if i >= 0] or [len(text)])
        if (
            not (
                made.search(text, opening, m.start())
                or re.fullmatch(r"\s*(?:it|they)\s*", text[opening : m.start()], re.I)
            )
            or re.search(r"\bonly\b", text[opening : m.start()], re.I)
            or len(_reaches_place().findall(text[opening:closing])) > 1
            # ('A summary of them shall be posted to …': the items read before, summed up; read where it is said)
            or re.search(r"\bof\s+(?:them|those|these)\b", text[opening : m.start()], re.I)
        ):
            return said  # ('Submissions land in the sheet', 'only orders over $500 go to Slack': no made thing sent)
        if re.match(r"me\b", ahead, re.I):
            # ('The summary is sent to me as a Slack DM', '… goes to me on Telegram': me, on the chat it names)
            chat = lx.integrations_in(text[m.end() + 2 : closing][:40])
            if chat and chat[0][1] in _CHAT_SERVICES and len(said) >= len(",send to "):
                return ",send to ".rjust(len(said))
            return ",email ".rjust(len(said))
        named = lx.integrations_in(" ".join(ahead.split()[:5]))
        if not (_PLACE_AHEAD.match(ahead) or (named and named[0][0] <= 30)) or len(said) < len(",send to "):
            return said
        # ('… should end up in our 'Bookings' Google Sheet': a place that keeps rows is added to)
        kept = named and not _PLACE_AHEAD.match(ahead) and named[0][1] not in _CHAT_SERVICES
        return (",add to " if kept else ",send to ").rjust(len(said))

    return _reaches_place().sub(sent, text)


# 'add it to a list', 'put them on the list', 'collect those in one list': a loop's test keeps items for later
_TO_A_LIST = re.compile(
    r"\b(?:add|adds|put|puts|append|appends|collect|collects|gather|gathers|keep|keeps|include|includes)\s+"
    r"(?:it|them|those|these|the\s+[\w-]+|that\s+[\w-]+)\s+(?:to|in|into|on)\s+(?:a|the|one|our)\s+"
    r"(?:[\w-]+\s+)?list\b",
    re.I,
)
# a ticket's section heading before the clause ('Edge cases: if …', 'AC: …'): the clause is read without it
_SECTION_LABEL = re.compile(r"^\W*(?P<label>[a-z][\w -]{0,30}?)\s*:\s*(?=\S)", re.I)


def _without_section(sentence: str) -> str:
    """'Edge cases: if nothing is found, stop' → 'if nothing is found, stop' (a heading lexicon.json lists)."""
    label = _SECTION_LABEL.match(sentence)
    if label and label.group("label").lower() in lexicon()["section_labels"]:
        return sentence[label.end() :]
    return sentence


def _collects(step: Step) -> bool:
    """A loop whose only step is a test that does nothing but put the item on a list ('for each item, if quantity is
    below 20, add it to a list')."""
    return (
        step.kind == "loop"
        and len(step.body) == 1
        and step.body[0].kind == "condition"
        and not any(branch for _, branch in step.body[0].branches)
        and _TO_A_LIST.search(step.body[0].text or step.text) is not None
    )


def _kept_items(loop: Step, then: list[Step], how: str) -> Step:
    """The items of the list a collecting loop walks that pass its test ('guard': what follows runs only when some
    did; 'filter': what follows gets them)."""
    test = loop.body[0]
    kept = Step("condition", "condition", label=test.label, text=test.text, collect=how)
    kept.branches = [("if", then), ("else", [])]
    return kept


def _said_within(sentence: str, description: str, spans: list[tuple[int, int]]) -> bool:
    """Whether `sentence` (its first words, as the description says them) starts inside one of `spans`."""
    words = re.findall(r"[\w'’]+", sentence)[:4]
    found = re.search(r"\W+".join(map(re.escape, words)), description) if words else None
    return found is not None and any(a <= found.start() < b for a, b in spans)


# 'a Google Sheet "Leads Q3"', 'the Airtable table "Content"', 'our "Suppliers" spreadsheet': a table named by its name
_TABLE_NAMED = re.compile(
    r"\b(?:google\s+sheets?|spreadsheet|airtable\s+(?:table|base)|notion\s+database|excel\s+(?:sheet|workbook|file))\s+"
    r"[\"“‘'][^\"”’'\n]{1,40}[\"”’'](?!\w)"
    r"|(?<!\w)[\"“‘'][^\"”’'\n]{1,40}[\"”’']\s+(?:google\s+sheet|spreadsheet|airtable\s+table|notion\s+database)\b",
    re.I,
)


# 'if any orchard will drop below 2 degrees', 'if it is over 50': a test said right after a walk
_ITEM_TESTED = re.compile(
    r"^\s*(?:,\s*)?(?:and\s+)?(?:then\s+)?(?:if|when|where)\s+(?:any|it|its|the|that|this)\b", re.I
)
# "that orchard's manager", 'its harbourmaster', "the site's foreman": the walked item's own person
_ITEMS_OWN_PERSON = re.compile(r"\b(?:that|this|the)\s+[a-z][\w-]*['’]s\s+[a-z]|\bits\s+(?!own\b)[a-z]", re.I)
# 'every invoice paid in Stripe yesterday', 'each order placed on Shopify': items a service holds, by what was done
_DONE_IN_SERVICE = re.compile(
    r"\s+(?:[a-z]+ed|paid|won|made|sent|sold|bought|held|done)\s+(?:in|on|via|through)\s+"
    r"(?P<svc>[A-Z][\w.-]*(?:\s+[A-Z][\w-]*)?)(?:\s+(?:yesterday|today|last\s+\w+|this\s+\w+))?(?=[\s,.;]|$)"
)
# "moved the repair jobs into Airtable (the 'Repair Jobs' table)": a table named in an aside after its service
_TABLE_ASIDE = re.compile(
    r"\b(?P<svc>airtable|google\s+sheets?|excel|notion|supabase)\b[^.;\n]{0,20}?\(\s*(?:the\s+)?"
    r"(?P<name>[\"“‘'][^\"”’'\n]{1,40}[\"”’'])\s+(?P<kind>table|sheet|tab|database)\s*\)",
    re.I,
)
# '… look for jobs whose status is 'Ready' …, send each of those customers an email': items the run looks for
_LOOKED_FOR = re.compile(
    r"\b(?:look\s+(?:for|up|through)|find|go\s+through|pick\s+out|check\s+for)\s+(?:the\s+|all\s+|any\s+)?"
    r"(?:[\w-]+\s+){0,2}?[\w-]+s\s+(?:whose|where|that|which|with)\b",
    re.I,
)


def _named_places(description: str) -> list[str]:
    """The tables the description names, each said as a reader of places knows it."""
    places = [m.group(0) for m in _TABLE_NAMED.finditer(description)]
    places += [
        f"{m.group('svc')} {m.group('kind')} {m.group('name')}".replace("airtable table", "Airtable table")
        for m in _TABLE_ASIDE.finditer(description)
    ]
    return places


def _rows_of_named_place(steps: list[Step], description: str, ruled_out: dict[str, set[str]]) -> list[Step]:
    """'I have a Google Sheet "Leads Q3" with … . … a workflow that goes through every row, …': a loop over rows or
    records that nothing before it reads walks the one table the description names — read first; so does a loop
    over the items the run looks for ("look for jobs whose status is 'Ready' …, email each of those customers")."""
    at = next((i for i, s in enumerate(steps) if s.kind == "loop"), None)
    loop = steps[at] if at is not None else None
    if (
        at is None
        or loop is None
        or loop.loop_type != "forEach"
        or not loop.body
        or any(s.kind == "source" for s in steps[:at])
        or any(s.kind == "source" for s in loop.body)
        or not (
            not loop.implicit
            and re.fullmatch(r"(?:rows?|records?|entries|entry|lines?)", loop.label.strip(), re.I)
            or _LOOKED_FOR.search(loop.text or "")
        )
    ):
        return steps
    places = _named_places(description)
    named = {re.sub(r"\W+", " ", re.findall(r"[\"“‘'][^\"”’']+", p)[0]).strip().lower() for p in places}
    if len(named) != 1:
        return steps
    place = places[0]
    read = [
        s for s in read_clause(f"get the rows from the {place}", description, ruled_out) if s.kind == "source"
    ]
    if len(read) != 1:
        return steps
    read[0].text = loop.text  # asked where the loop is (the sentence that names the table may be context)
    return steps[:at] + read + steps[at:]


@lru_cache(maxsize=1)
def _part_per_item() -> re.Pattern[str]:
    """'with a line for each deal': a message's part per item (`lexicon.json` 'message_parts'), its 'for' to read
    as 'of'."""
    parts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in lexicon()["message_parts"])
    return re.compile(rf"\bwith\s+(?:a|an|one)\s+(?:{parts})\s+(for)\s+(?=(?:each|every)\b)", re.I)


def _list_told_after(
    loop: Step, sentence: str, steps: list[Step], description: str, ruled_out: dict[str, set[str]]
) -> list[Step]:
    """The reads of `sentence` when they are the list an implicit loop ('email each of those members') walks: the
    loop stands at the top with nothing read before it, and the sentence only reads, naming no item ('pulling the
    failed payments from the Stripe API', not 'look up their profile')."""
    if not loop.implicit or not any(s is loop for s in steps) or any(s.kind == "source" for s in steps):
        return []
    label = re.escape(loop.label or "item")
    read = read_sentence(sentence, description, ruled_out)
    if not read or any(
        s.kind != "source"
        or re.search(rf"\b(?:it|its|their|them|they|each|every|the\s+{label}s?)\b", s.text, re.I)
        for s in read
    ):
        return []
    return read


def read_steps(text: str, description: str, told: list[tuple[int, int]] | None = None) -> list[Step]:
    """All steps of a description whose trigger phrases are already blanked out; `told`: the spans of the
    description labelled as context ('Context: …', 'Background: …') or restated below (a user story), where a
    repetition is a habit or a summary, not a loop."""
    ruled_out = negated(description)
    # (the same length: the text keeps the description's positions)
    text = _NOBODY.sub(lambda m: m.group(0)[: -len(m.group(1))] + "people".ljust(len(m.group(1))), text)
    # ('email the customer the measuring guide, https://…/measure.': an address set beside what it names, no clause of its
    # own — the comma blanked, every position kept)
    text = re.sub(r"(?<=[a-z]),(?=\s*https?://[^\s,;]+?[.!?]?\s*(?:[.;!?\n)]|$))", " ", text, flags=re.I)
    # ("Don't email them, nobody reads email.", 'No one checks that inbox.'): what nobody does, told as a reason — no step
    text = _NOBODY_DOES.sub(lambda m: " " * len(m.group(0)), text)
    # 'mark the contact as bounced without pinging anyone on slack': what is done without is no step
    text = _WITHOUT_DOING.sub(lambda m: " " * len(m.group(0)), text)
    # 'And in every case, reply to the customer …', 'in all cases': always, after what the routes do — no items to repeat
    text = re.sub(
        r"\bin\s+(?:every|each|any|all)\s+(?:such\s+)?cases?\b",
        lambda m: "always".ljust(len(m.group(0))),
        text,
        flags=re.I,
    )
    # "…, and that's it, I'll reply to them myself": what a person does themselves is no step (lexicon 'done_by_people')
    text = re.sub(lexicon()["done_by_people"], lambda m: " " * len(m.group(0)), text, flags=re.I)
    # 'over 50 km/h', 'above 12 m/s': a speed's unit is one word, no path (same length: 'kmph', 'mps')
    text = re.sub(
        r"(?<=\d)(\s?)(km|mi|m)/(h|s)\b", lambda m: m.group(1) + m.group(2) + "p" + m.group(3), text
    )
    # '… tick the 'Notified' box so nobody gets two emails': what a step is for, no step (lexicon 'averted_purpose')
    text = re.sub(lexicon()["averted_purpose"], lambda m: " " * len(m.group(0)), text, flags=re.I)
    # ('Staff review the drafts before anything goes out': people reading what the run drafted, no AI review)
    text = re.sub(lexicon()["drafts_reviewed"], lambda m: " " * len(m.group(0)), text, flags=re.I)
    text = _sent_there(_ai_doing(text))
    # 'search the news about every one of them': the items read before, as 'each one' (padded: same positions)
    text = _OF_THEM_OBJECT.sub(lambda m: "each one".ljust(len(m.group(0))), text)
    # 'one digest for all of them': a single thing made of them all, no repeat ('of' said for 'for')
    text = _ONE_FOR_ALL.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + "of ", text)
    # 'one message with a line for each deal': the items listed in one message, no repeat ('of' said for 'for')
    text = _part_per_item().sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + "of ", text)
    # 'Where the new state is 'Confirmed', …', 'In the event that …': a clause's test, read as 'if' (padded)
    text = _LEGAL_IF.sub(
        lambda m: (
            m.group(0)[: m.start(1) - m.start(0)]
            + ("If" if m.group(1)[0].isupper() else "if").ljust(len(m.group(1)))
        ),
        text,
    )
    rank = {"source": 0, "process": 1, "action": 2, "fan": 2, "loop": 3, "router": 3, "condition": 4}
    steps: list[Step] = []
    lead = ""  # a sentence that read to no step of its own ('fetch the bitcoin price.')
    text = items_as_lines(text)
    said = [
        part
        for sentence in _join_routes(sentences(text))
        # '…; ignore anything tagged 'test'': the exclusion is a sentence of its own
        for whole in _EXCLUSION_AFTER.split(_said_first(_BECAUSE.split(sentence, maxsplit=1)[0]))
        for part in _EARLIER_AFTER.split(whole)
        if part.strip()
    ]
    open_loop: Step | None = None  # a loop whose end a later sentence states: the sentences between repeat
    # '1. …\n2. …', '- …\n- …', '… : 1) … 2) …': a list of steps
    listed = len(_LIST_ITEM.findall(text)) >= 2 or len(_INLINE_ITEM.findall(text)) >= 2
    item_loop: Step | None = None  # a loop stated in a list item, or one that repeats nothing itself
    named_loop: Step | None = None  # a loop the next sentences may go on about ('If the showing is …')
    last_read: list[Step] = []  # the steps the sentence before made (what an afterthought restricts)
    # a sentence that is only a test ('Only continue if the total is over 300.', 'Filter: budget above 10000'),
    # with where the steps after it start: what the later sentences do runs only when it passes
    gate: tuple[Step, int] | None = None
    numbered: dict[int, list[Step]] = {}  # '1 - post in #incidents …': the steps each numbered line made
    pending: int | None = None  # the number of a list item split off at its dot
    for at, sentence in enumerate(said):
        ended = False  # the sentence is what runs once after a loop said before ('When you're done, post …')
        if item_loop is not None and _LIST_MARK.fullmatch(sentence):
            continue  # '2' of '2. for each …' (the sentence split at its dot)
        if (
            steps
            and _DOES_NOTHING.match(_CASE_FIELD.sub("", sentence, count=1).strip())
            and any(s.kind == "condition" for c in _containers(steps) for s in c)
        ):
            continue  # 'If it passed, do nothing.': the other side of the test before, which does nothing
        if (
            _ROW_MODE.match(sentence)
            and not lx.integrations_in(sentence)
            and any(s.kind == "action" and s.type in _row_writers() for c in _containers(steps) for s in c)
        ):
            continue  # '… put the total into the Excel workbook 'Daily Takings'. Append a row.': how it is written
        narrowed = _narrowed(sentence, steps, numbered, description, ruled_out) if steps else None
        if narrowed is not None:
            # "Exceptions: if the size is '1-10', don't post in Slack", 'low urgency incidents: only step 1': the
            # steps said before, wrapped in the case's test
            steps, last_read, lead = narrowed, [], ""
            continue
        number = _STEP_NUMBER.match(sentence)
        if re.fullmatch(r"\s*\d{1,2}\s*[.)]?\s*", sentence):
            pending = int(sentence.strip(" .)"))  # '2' of '2. create …' (the sentence split at its dot)
        said_number = int(number.group(1)) if number is not None else pending
        pending = None if not re.fullmatch(r"\s*\d{1,2}\s*[.)]?\s*", sentence) else pending
        if item_loop is not None:
            item = _same_item(_LIST_MARK.sub("", sentence, count=1), item_loop)
            if (
                _own_list(_LIST_MARK.sub("", sentence, count=1), description, ruled_out)
                # 'get the Linear issues that are overdue and email each assignee': a list of its own, read first
                or (
                    (
                        _MADE_OF_ALL.search(item)
                        and not _BACK_INTO.search(item)
                        and not (_ITEMS_OWN.search(item) and any(s.kind == "process" for s in item_loop.body))
                    )
                    or _LOOP.search(item)
                    or _EACH_NOUN.search(item)
                )
            ):
                item_loop = None  # '4. email me a briefing', 'write a summary to …': once, after the items
            else:
                told_list = _list_told_after(item_loop, item, steps, description, ruled_out)
                if told_list:
                    # '- email each of those members … Please automate it, pulling the failed payments from the
                    # Stripe API': the list the items come from, told after the loop that walks it, is read first
                    at_loop = next(i for i, s in enumerate(steps) if s is item_loop)
                    steps[at_loop:at_loop] = told_list
                    continue
                # '3. search the web for news about them', '- then mark that row as contacted': the items after
                # the loop's own repeat with it
                _repeat_sentence(item_loop, item, description, ruled_out, rank)
                continue
        # "… text each driver their route. The routes are in the Google Calendar 'Van Runs' and the driver's mobile is
        # in the event description": where the list a walk with nothing read yet comes from, told after it (read
        # first, below), not a step of each repeat
        told_home = (
            named_loop is not None
            and named_loop.implicit
            and _LIVES_IN.match(sentence)
            and not any(s.kind == "source" for s in steps)
        )
        if (
            named_loop is not None
            and not told_home
            and (
                _names_item(sentence, named_loop)
                or _tests_item_result(sentence, named_loop, text)
                or _PER_EACH.search(sentence)
                or (_open_test(named_loop.body) is not None and not _IF.search(sentence))
                or _case_goes_on(sentence, named_loop)
            )
        ):
            # 'For each showing …, send the prospect … . If the showing is for a unit above $3,500, also notify …':
            # a sentence about the item repeats with it
            _repeat_sentence(named_loop, sentence, description, ruled_out, rank)
            continue
        named_loop = None
        if open_loop is not None:
            repeated, then = split_loop_end(sentence)
            if repeated.strip():
                _repeat_sentence(open_loop, repeated, description, ruled_out, rank)
            if then is None:
                continue
            open_loop, sentence = None, then  # 'When every client is done, post …': runs once, after
            ended = True
        if steps and steps[-1].kind == "source" and len(re.findall(r"->|→|=>", sentence)) == 1:
            # 'read the 'Event RSVPs' database; guests with fewer than 2 events attended -> email them': the items
            # of the list just read, which ones and what is done to each
            sentence = _ITEMS_FIRST.sub(r"\g<lead>any \g<noun>", sentence, count=1)
        restricts = _AFTERTHOUGHT.match(sentence)
        if (
            restricts is not None
            and restricts.group("test")
            and any(ACTION_START.match(part.lstrip()) for part in restricts.group("test").split(",")[1:])
        ):
            restricts = (
                None  # 'Only if the branch is main, also page on-call': a test with its own step, as 'If …'
            )
        looped = last_read[-1] if last_read and last_read[-1].kind == "loop" else None
        # ('… email everyone in the 'Subscribers' sheet. Only incidents tagged P1.': items other than the loop's are
        # the event's, kept before anything is done)
        event_items = restricts is not None and looped is not None and _not_loop_items(restricts, looped)
        done = [s for s in last_read if s.kind in ("action", "process") or (event_items and s is looped)]
        if (
            restricts is not None
            and not event_items
            and looped is not None
            and looped.body
            and any(s.kind == "action" for s in looped.body)
            and not any(s.kind in ("condition", "router", "fan", "loop") for s in looped.body)
        ):
            # 'text each patient a reminder. Only patients w/ sms_opt_in true': each item's steps wait for its test
            looped.body = [_restriction(restricts, sentence, looped.body)]
            last_read, lead = [], ""
            continue
        if (
            restricts is not None
            and done
            and any(s.kind == "action" for s in done)
            and not any(
                s.kind in ("condition", "router", "fan") or (s.kind == "loop" and not event_items)
                for s in last_read
            )
            and all(any(s is x for x in steps) for s in done)
        ):
            # 'thank them in #community. Only for people with more than 1,000 followers though.': a restriction
            # said after the sentence it restricts guards what that sentence does
            test = _restriction(restricts, sentence, done)
            everything = list(steps)
            kept = [s for s in steps if not any(s is d for d in done)]
            data = [s for s in kept if s.kind in ("source", "process")]
            test.data_from = data[-1] if data else None
            steps = kept + [test]
            if event_items:  # the event's items: nothing is read or done for the others
                test.branches, test.data_from = [("if", everything), ("else", [])], None
                steps = [test]
            last_read, lead = [], ""
            continue
        cond = _IF.search(sentence) if lead else None
        if (
            cond is not None
            # ('… they just scroll past. I'd like each request logged as a row in …, and if …': a step said before
            # the test is what the test follows, not the sentence before)
            # (an answer said before it, 'It answers from our FAQ knowledge base, and when it can't …', still reads
            # with the sentence before: the assistant it names)
            and not any(
                s.kind == "action" for s in read_clauses(sentence[: cond.start()], description, ruled_out)
            )
        ):
            # 'fetch X; if it moved more than 5%, …' / 'fetch X. Alert me if it …': the test is about what
            # the sentence before named; read as one sentence ('fetch X and if it …') the test sees its data
            word = sentence.split()[0]
            # ('I'd like to log each one …': the pronoun 'I' keeps its capital, as the wishes are read with it)
            lower = word[1:].islower() and not re.fullmatch(r"I(?:['’][a-z]{1,2})?", word)
            sentence = f"{lead} and {word.lower() if lower else word}{sentence[len(word) :]}"
        lead = ""
        sentence = re.sub(r"^\s*[-*•]\s+", "", sentence)  # a bulleted line reads as its text
        # ('4.4 The Solution shall not e-mail the applicant': a contract's clause number, read as its text)
        sentence = re.sub(
            r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+(?=[A-Za-z\"'“‘])(?!(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?|"
            r"years?|percent|times|million|thousand|k|m|x|usd|eur|gbp|chf|kg|km|miles?)\b)",
            "",
            sentence,
            flags=re.I,
        )
        if (
            listed
        ):  # '4) otherwise email the customer …': a numbered line reads as its text ('otherwise' leads it)
            sentence = re.sub(r"^\s*\d{1,2}[.)]\s+", "", sentence)
        repeated_test = (
            steps[-1].body[0]
            if steps
            and steps[-1].kind == "loop"
            and len(steps[-1].body) == 1
            and steps[-1].body[0].kind == "condition"
            and not steps[-1].body[0].branches[1][1]
            else None
        )
        others = _counter_items(sentence, repeated_test) if repeated_test is not None else None
        if others and repeated_test is not None:
            # '… for each shipment without a tracking number, email …; shipments with one get posted to …': what
            # is done to the items the per-item test leaves, inside the loop
            repeated_test.branches[1] = ("else", read_clauses(others, description, ruled_out))
            continue
        last_cond = next((s for s in reversed(steps) if s.kind == "condition"), None)
        otherwise = implied_else(sentence, last_cond)
        if otherwise is not None and last_cond is not None:
            last = _innermost_else(last_cond)
            rest = _said_on_if_side(sentence[otherwise:], last)
            last.branches[1] = (
                "else",
                last.branches[1][1]
                + (
                    read_sentence(rest, description, ruled_out)  # '… instead': a test of its own, an else-if
                    if re.match(r"\s*(?:and\s+)?(?:if|when)\b", rest, re.I)
                    else read_clauses(rest, description, ruled_out)
                ),
            )
            continue
        same = _same_items(sentence)
        if same is not None and (last_cond is None or not last_cond.branches or not last_cond.branches[0][1]):
            sentence = same  # ('… and the amount is above 50000, email … . These deals should also get a row in …': the
            # test is the event's, around every step; what the items get is a step like the others)
        elif same is not None and last_cond is not None:
            # 'If the total is over £500, WhatsApp me. For those big orders, also add a row to …': the items the test
            # kept get this too — on its 'if' side
            more = read_clauses(same, description, ruled_out)
            if more and all(s.kind in ("action", "process") for s in more):
                last_cond.branches[0] = ("if", last_cond.branches[0][1] + more)
                continue
        loop = next((s for s in reversed(steps) if s.kind == "loop" and s.body), None)
        scope = _item_scope(sentence) if loop is not None else None
        if scope is not None and loop is not None and _complement_said(scope, loop):
            # 'email the parent of every player who missed today's lesson … Never email parents whose kids were
            # there': the other side of the items the text already chose, no test of its own (its words — 'were',
            # 'came' — are nothing an item holds)
            continue
        if (
            scope is not None
            and loop is not None
            and any(s.kind == "router" for s in loop.body)
            and re.search(r"\b(?:none|neither|any)\s+of\s+(?:those|these|them|the\s+above)\b", scope[0], re.I)
        ):
            # 'handle each one by its label: 'electrical' → …, 'paint' → … Issues with none of those labels are
            # skipped': the items no route takes — the router already does nothing with them, no test of its own
            continue
        if scope is not None and loop is not None:
            # 'Tenants marked 'autopay' shouldn't get one': a test on each item around what the loop repeats
            test = Step("condition", "condition", label=scope[0], text=sentence, negate=scope[1])
            test.branches = [("if", loop.body), ("else", [])]
            loop.body = [test]
            continue
        ones = _ONES.search(sentence)
        # what the loop repeats for the items its own test keeps ('for each one that mentions 'Tidewater', …')
        per_item = _kept_by_test(loop) if loop is not None else None
        if (
            ones
            and loop is not None
            and steps[-1] is loop
            and ones.group(1).lower() not in _NO_CATEGORY
            and per_item
            and per_item[-1].kind == "process"
        ):
            # 'for each one have AI rate the tone; angry ones go to #escalations': a test of each item's label
            read = read_sentence(sentence, description, ruled_out)
            if read and all(s.kind == "action" for s in read):
                per_item[:] = _keep_only(sentence, per_item + read)
                continue
        guard = _GUARD.match(_without_section(sentence))
        fetched = [i for i, s in enumerate(steps) if s.kind == "source"]
        collecting = next((i for i, s in enumerate(steps) if _collects(s)), None) if guard else None
        if collecting is not None:
            # '…; for each item, if quantity is below 20, add it to a list; email … the list. If nothing is below 20,
            # don't send the email': the items the test keeps, and what follows only when it kept some
            steps = steps[:collecting] + [_kept_items(steps[collecting], steps[collecting + 1 :], "guard")]
            continue
        if guard and fetched and not any(_decides(s) for s in steps):
            # 'If there are no returns, don't send anything': what follows the last fetch runs only when it
            # found something — after the tests that only narrow what it fetched ('open issues created more than
            # 7 days ago': a test with nothing to decide)
            end = fetched[-1]
            while (
                end + 1 < len(steps) and steps[end + 1].kind == "condition" and not _decides(steps[end + 1])
            ):
                end += 1
            after = steps[end + 1 :]
            if after:
                test = Step("condition", "condition", label="there are more than 0", text=sentence)
                test.branches = [("if", after), ("else", [])]
                test.data_from = steps[fetched[-1]]
                steps = steps[: end + 1] + [test]
                continue
        scope = _item_scope(sentence) if loop is None else None
        acts = [s for s in steps if s.kind in ("action", "process")]
        if (
            scope is not None
            and acts
            and not any(s.kind in ("source", "condition", "loop", "router", "fan") for s in steps)
        ):
            # 'post its title to #reviews. Skip anything labelled 'draft'': a test of the event around what it
            # does — what is left out ends the run, the rest goes on
            # ('Loads with a rate under $800 are not posted': the items said not to get the act keep it when the test
            # is false, as 'unless …' does; 'Skip anything labelled …' ends the run on its test)
            # ('Ignore payments under $15': a guard on a number keeps the work on the 'if' side, the comparison
            # negated — the steps run when the payment is not under $15)
            not_done = scope[1] and re.search(_NOT_DONE, sentence, re.I) is not None
            on_if = bool(not_done or not scope[1] or lx.threshold_in(scope[0]) is not None)
            test = Step(
                "condition", "condition", label=scope[0], text=sentence, negate=bool(scope[1]) and on_if
            )
            test.branches = [("if", acts), ("else", [])] if on_if else [("if", []), ("else", acts)]
            steps = [s for s in steps if not any(s is a for a in acts)] + [test]
            continue
        repeated, then = split_loop_end(sentence)
        if then is not None and not (
            _LOOP.search(repeated) or _EACH_OF.search(repeated) or _EACH_NOUN.search(repeated)
        ):
            repeated, then = sentence, None  # no loop before the words: not the end of one
        read = (
            []
            if _FORBIDDING.match(repeated)
            or _NOT_LISTED_UNWANTED.match(repeated)
            or _channel_restated(repeated, steps)
            # ('… if it does, add a row to 'Cutting Queue'. Orders without any cut fabric don't need to go on the sheet
            # at all.': the other side of a test already said, told as what is not done — no step)
            or (_LEFT_OFF.search(repeated) and any(s.kind == "condition" for s in steps))
            else read_sentence(repeated, description, ruled_out)
        )
        if ended:
            # ('Once done, email the coordinator a list of everyone who was texted': the people of the walk, as a
            # whole — no new walk over them)
            read = [x for s in read for x in (s.body if s.kind == "loop" and s.implicit else [s])]
        if told:
            # 'We lose a day every cycle.', 'the front desk re-types each booking by hand': a habit the context tells
            # of, no loop (what it names stays)
            read = [
                x
                for s in read
                for x in (s.body if s.kind == "loop" and _said_within(s.text, description, told) else [s])
            ]
        if any(s.kind == "source" for s in steps):
            for each in [s for s in read if s.kind == "loop" and s.implicit]:
                # 'read new rows from the sheet. Look up each company on the web': with the list read before,
                # the read of 'the company' repeats with the item
                mine = [
                    s
                    for s in read
                    if s.kind == "source"
                    and re.search(rf"\bthe {re.escape(each.label)}\b", s.text, re.I)
                    and not _list_of(s, each)
                ]
                read = [s for s in read if not any(s is m for m in mine)]
                each.body[:0] = mine
        # a list's number split off at its dot ('2' of '2. If …') leads into nothing
        lead = "" if read or re.fullmatch(r"\s*\d{1,2}\s*", sentence) else sentence
        first_use = next((i for i, s in enumerate(steps) if s.kind != "source"), None)
        if _LIVES_IN.match(sentence) and any(s.kind == "source" for s in read):
            # 'The routes are in the Google Calendar 'Van Runs' and each driver's mobile is in the event description':
            # where each item's address is kept is told, no walk of its own
            read = [s for s in read if not (s.kind == "loop" and s.implicit and not s.body)]
        if (
            read
            and then is None
            and all(s.kind == "source" for s in read)
            and _LIVES_IN.match(sentence)
            and _THERE_AGAIN.search(sentence)
            and all(any(x.kind == "source" and x.integration == s.integration for x in steps) for s in read)
        ):
            # '… whatsapp each renter their key code. Phone numbers are in the sheet.': the list already read holds
            # them — no second read of it
            continue
        if (
            read
            and then is None
            and first_use is not None
            and all(s.kind == "source" for s in read)
            and (_LIVES_IN.match(sentence) or _READ_FIRST.search(sentence))
        ):
            # '… get a WhatsApp message with next week's shifts. The shifts are in our Google Calendar': where the
            # data lives, said after the step that uses it, is read before that step
            steps[first_use:first_use] = read
            continue
        sent = [i for i, s in enumerate(steps) if s.kind == "action"]
        if (
            read
            and then is None
            and sent
            and all(s.kind in ("process", "action") for s in read)
            and (_READ_FIRST.search(sentence) or _BEFORE_SENT.search(sentence))
            and not any(s.kind in ("condition", "router", "loop", "fan") for s in steps[sent[0] :])
        ):
            # 'read the new rows … and post them to #growth. P.S. summarise them first', '… have AI condense them
            # before it gets posted': processing said after the send it comes before runs between the data and it;
            # so does a write ('… post the issues to Discord. Before posting, save them to Notion')
            steps[sent[0] : sent[0]] = read
            continue
        steps += _drafts_before_their_reply(
            _given_kept_first(
                [
                    s
                    for _, s in sorted(
                        zip(_then_parts(repeated, read), read), key=lambda p: (p[0], rank[p[1].kind])
                    )
                ],
                repeated,
                steps,
            )
        )
        if said_number is not None:
            numbered.setdefault(said_number, []).extend(read)
        last_read = read
        if (
            gate is None
            and then is None
            and len(read) == 1
            and read[0].kind == "condition"
            and not any(branch for _, branch in read[0].branches)
            and at + 1 < len(said)
        ):
            gate = (read[0], len(steps))
        if then is not None:  # '…, and at the end email a summary': the tail runs once, after the loop
            steps += sorted(read_sentence(then, description, ruled_out), key=lambda s: rank[s.kind])
        started = next((s for s in read if s.kind == "loop" and s.loop_type == "forEach"), None)
        if started is not None:
            # '… the parking instructions from the sheet': the row being repeated holds them, no read per item
            _item_holds_it(
                started, [s for s in steps if s.kind == "source" and not any(s is r for r in read)]
            )
        if (
            started is not None
            and then is None
            and any(split_loop_end(later)[1] is not None for later in said[at + 1 :])
        ):
            open_loop = started
        elif started is not None and then is None and (listed or not started.body):
            item_loop = started
        elif started is not None and then is None:
            named_loop = started
    if gate is not None and steps[gate[1] :] and any(s is gate[0] for s in steps[: gate[1]]):
        if _restated_test(gate[0], steps[gate[1] :]):
            # 'Donors must be 17 or older. For each registration: if the donor is 17+, …; if they're younger, …': the
            # rule, tested again where its sides are said — no gate before that test
            steps = [s for s in steps if s is not gate[0]]
        else:
            gate[0].branches = [("if", steps[gate[1] :]), ("else", [])]
            steps = steps[: gate[1]]
    # '… add it to a list; email the list to …': the items kept, then what is done with them
    collected = next((i for i, s in enumerate(steps) if _collects(s)), None)
    if collected is not None:
        steps = steps[:collected] + [_kept_items(steps[collected], steps[collected + 1 :], "filter")]
    steps = _rows_of_named_place(steps, description, ruled_out)
    _no_reread(steps, set())
    steps = _one_walk(steps)
    steps = _filter_folded(_facts_replied(_one_router(steps)))
    _facts_for_the_agent(steps)
    _same_place(steps, {})
    steps = _unwanted_posts(steps, description)
    steps = _copied_in(steps, description)
    steps = _needed_only(steps)
    steps = _summed_up_once(steps)
    # Within a sentence data flows sources → processing → actions; sentences keep their order (a long
    # description is a sequence of steps). A condition decides the end of the flow, so unconditional
    # steps stated after it still run first.
    steps = sorted(steps, key=lambda s: s.kind == "condition")
    steps = _left_undone(steps)
    steps = _opposites_joined(steps)
    tests = [s for s in steps if s.kind == "condition"]
    # 'incoming over $25,000 → …; outgoing over $10,000 → …; anything else → …': a catch-all said after the last of
    # several tests is the other side of them all — the tests are one decision, whatever values they read
    catch_all = bool(
        tests
        and len(tests[-1].branches) > 1
        and tests[-1].branches[1][1]
        and any(_CATCH_ALL.search(x.text or "") for x in tests[-1].branches[1][1])
    )
    if len(tests) > 1 and _exclusive_chain(tests, declared=bool(_ROUTED.search(description)) or catch_all):
        # 'if the rating is 5 …; if it's 2 or lower …', 'Above 50,000: … Between 10,000 and 50,000: …': tests no
        # value passes together are one decision — each next test is the else branch of the one before
        steps = [s for s in steps if s.kind != "condition"] + [tests[0]]
    elif len(tests) > 1:
        # 'if the score is 9 or 10, email them; if it's 6 or lower, open a ticket': separate tests of the same
        # data each decide their own action, so they start side by side rather than one behind the other
        fan = Step("fan", "fan", label="separate tests", text=" / ".join(t.text for t in tests))
        fan.branches = [("", [t]) for t in tests]
        steps = [s for s in steps if s.kind != "condition"] + [fan]
    for container in _containers(steps)[1:]:
        # ('For each one, text the customer — but if it's over 30 days overdue, email my manager instead of
        # texting': the act a test's side replaces, said in the same breath as the loop, goes to its other side)
        for test in [s for s in container if s.kind == "condition"]:
            _instead_of(test, container)
    _apply_count(steps, lx.count_in(description))
    _written_back_home(steps)
    _state_read_before(steps)
    _else_done_anyway(steps)
    _said_after_read(steps, text)
    _dated_rows(steps, text)
    return _filled_by_others(steps)


# the reads whose rows carry their own dates: a table, a sheet, a database, an API (a mailbox or a chat has its own
# window words, `Step.window`)
_ROW_READS = frozenset(
    {
        "airtable",
        "google_sheets",
        "microsoft_excel",
        "supabase",
        "notion",
        "api",
        "postgresql",
        "mysql",
        "mongodb",
    }
)


def _dated_rows(steps: list[Step], text: str) -> None:
    """'email each guest booked tomorrow in the Airtable table', 'stuur elke klant met een afspraak morgen een sms':
    a day window said of the rows a read returns, which the read cannot apply (`Step.day_window`, kept by a function
    after it). Each window said goes to the read said nearest it; a read of a mailbox or a chat, or one with a date
    field of its own, takes none."""
    from lib.generation import day_windows
    from lib.generation.services import list_path

    def open_to(step: Step) -> bool:
        return (
            step.day_window is None
            and step.type in _ROW_READS
            and list_path(step.type, step.values.get("operation"), step.integration) is not None
            and not _dated(step.type, step.values.get("operation"))
            and not step.values.get("filterFormula")
            and not _reads_by_query(step)
        )

    reads = []
    for step in _in_order(steps):
        if step.kind != "source":
            continue
        # (where the read is said: its clause, else the place it names, else the service)
        said = [step.text.strip()] + [
            str(step.values[f]) for f in _PLACE_FIELDS if step.values.get(f) and len(str(step.values[f])) > 2
        ]
        at, where = next(((text.find(w), w) for w in said if w and text.find(w) >= 0), (-1, ""))
        if at >= 0:
            reads.append((at, at + len(where), step))
        elif open_to(step) and day_windows.said(step.text):
            step.day_window = day_windows.said(step.text)  # (the read's clause as the planner wrote it)
            step.window = None
    if not reads:
        return
    for start, words, window in day_windows.said_all(text):
        a, b, step = min(
            reads, key=lambda r: 0 if r[0] <= start < r[1] else min(abs(r[0] - start), abs(r[1] - start))
        )
        if not open_to(step) or not (a <= start < b or text[min(b, start) : max(a, start)].count(".") <= 1):
            continue
        step.day_window = (words, window)
        step.window = None  # (kept by the function, not told to an AI step)


def _reads_by_query(step: Step) -> bool:
    """Whether `step` reads a service by a query that takes the time window itself (services.json external 'read')."""
    from lib.generation.services import external

    return bool(step.type == "api" and external().get(step.integration or "", {}).get("read"))


def _said_after_read(steps: list[Step], text: str) -> None:
    """'check Outlook, take the emails with 'quote' in the subject and …', 'lee Outlook, toma los correos con …': the
    words said of what a read returns in the clause right after it, which reads and writes nothing of its own (a
    function keeps the matching items, `_keep_on`)."""
    for container in _containers(steps):
        for step in container:
            if step.kind != "source" or step.keep is not None or not step.text.strip():
                continue
            at = text.find(step.text.strip())
            if at < 0:
                continue
            rest = re.split(r"[.;!?\n]", text[at + len(step.text.strip()) :], maxsplit=1)[0]
            after = next((c for c in clauses(rest) if c.strip(" ,")), "")
            said = _said_filter(after)
            if said is None or re.match(r"\s*(?:(?:and|then)\s+)?" + _WRITE, after.strip(" ,"), re.I):
                continue
            if any(
                other is not step
                and other.kind in ("source", "action")
                and other.text.strip()
                and (other.text.strip(" ,") in after or after.strip(" ,") in other.text)
                for other in _in_order(steps)
            ):
                continue  # ('…, the Slack messages containing 'X'': another read of its own)
            _keep_on(step, said)


# the fields that name the place a table or sheet step reads or writes
_PLACE_FIELDS = (
    "table",
    "tableId",
    "spreadsheetId",
    "manualSpreadsheetId",
    "databaseId",
    "workbook",
    "sheetName",
)
# a sentence that tells what people do, not what the run is asked to do: it opens on its subject, not a verb, 'I', 'we'
# or 'please' ('Apprentices log hours in …', 'Every print job goes into …')
_TOLD_OF_OTHERS = re.compile(
    r"\W*(?!(?:then|and|also|if|when|once|after|before|so|please|just|set|mark|change|make)\b)"
    r"(?:(?:every|each|all|our|the|their)\s+)?(?:[\w-]+\s+){0,4}?[a-z][\w-]*\s+"
    r"(?P<verb>log|logs|go|goes|get|gets|are|is|enter|enters|record|records|add|adds|put|puts|"
    r"land|lands|end\s+up|ends\s+up|fill\s+in|fills\s+in)\b",
    re.I,
)


def _place_of(step: Step) -> tuple[str | None, str] | None:
    for name in _PLACE_FIELDS:
        value = step.values.get(name)
        if isinstance(value, str) and value.strip() and "{{" not in value and "{" not in value:
            return step.integration, value.strip().lower()
    return None


def _filled_by_others(steps: list[Step]) -> list[Step]:
    """'Apprentices log hours in the Supabase table 'hours'. On the 28th, pull the month's rows …', 'Every print job
    goes into the Airtable 'Jobs' table … pull last month's jobs': a place others fill, told as what they do, that the
    run reads too — where the data comes from, no write of the run's (nor a walk over the jobs it told of)."""
    read = {_place_of(x) for x in _in_order(steps) if x.kind == "source"} - {None}
    told = [
        x
        for x in _in_order(steps)
        if x.kind == "action"
        and _place_of(x) in read
        and not ACTION_START.match(re.sub(r"^\W+", "", x.text or ""))
        and not re.match(r"\W*(?:i|we|you|please)\b", x.text or "", re.I)
        and (said := _TOLD_OF_OTHERS.match(x.text or "")) is not None
        and not ACTION_START.search(said.string[: said.start("verb")])
        and not re.search(r"['’]s\b", said.string[: said.start("verb")])
    ]
    if not told:
        return steps

    def without(group: list[Step]) -> list[Step]:
        out: list[Step] = []
        for x in group:
            if any(x is t for t in told):
                continue
            if x.kind == "loop" and x.body and any(x.body[0] is t for t in told):
                out += without(x.body)  # ('Every print job goes into …, pull …': the habit told, no walk)
                continue
            x.body[:] = without(x.body)
            x.branches = [(name, without(branch)) for name, branch in x.branches]
            out.append(x)
        return out

    return without(steps)


# 'Smaller pieces just go into Notion', 'the rest simply stay in the sheet': the other side does only what was done
_ONLY_THAT = re.compile(r"\b(?:just|only|simply|merely)\b", re.I)


def _else_done_anyway(steps: list[Step]) -> None:
    """'… create a page in Notion for each order. If the rug is larger than 2 m², also email Hanne. Smaller pieces
    just go into Notion.': an other side that only does what every item had done before the test (the same
    service, the same operation) adds nothing — no second write."""
    said = _in_order(steps)
    for at, test in enumerate(said):
        if test.kind != "condition" or len(test.branches) < 2 or not test.branches[1][1]:
            continue
        inside = {id(x) for _, b in test.branches for x in _in_order(b)}
        done = {
            (x.integration, x.values.get("operation"))
            for x in said[:at]
            if x.kind == "action" and x.integration and id(x) not in inside
        }
        side, other = test.branches[1]
        kept = [
            x
            for x in other
            if not (
                x.kind == "action"
                and _ONLY_THAT.search(x.text or "")
                and (x.integration, x.values.get("operation")) in done
            )
        ]
        if len(kept) < len(other):
            test.branches[1] = (side, kept)


def _state_read_before(steps: list[Step]) -> None:
    """'get the overdue invoices from the Xero API. For each overdue invoice: …': the state the loop's items are
    said in is the one the read before already asked for — each item has it, no test of its words (an invoice's
    data need not spell 'overdue')."""
    for container in _containers(steps):
        for at, loop in enumerate(container):
            if loop.kind != "loop" or len(loop.body) != 1 or loop.body[0].kind != "condition":
                continue
            test = loop.body[0]
            said = re.fullmatch(r"it mentions '([\w -]+)'", test.label or "")
            if said is None or test.negate or len(test.branches) < 1 or any(b for _, b in test.branches[1:]):
                continue
            origin = next((x for x in reversed(container[:at]) if x.kind == "source"), None)
            if origin is not None and re.search(rf"\b{re.escape(said.group(1))}\b", origin.text or "", re.I):
                loop.body = test.branches[0][1]


def _written_back_home(steps: list[Step]) -> None:
    """A write inside a loop to the service its items were read from, naming no table or sheet of its own ('…
    every order in the Supabase table 'scan_orders' …; for each one, …, then set 'notified' to true on that
    order'), goes to the table the items came from: the read just before the loop, at the same level."""
    for container in _containers(steps):
        for at, loop in enumerate(container):
            if loop.kind != "loop":
                continue
            origin = next((x for x in reversed(container[:at]) if x.kind == "source" and x.integration), None)
            if origin is None:
                continue
            inside = [x for c in _containers(loop.body) for x in c if x.kind == "action"]
            _into_source(inside, origin.integration, origin)


def _read_key(step: Step) -> tuple[str, str] | None:
    values = {k: v for k, v in step.values.items() if not k.startswith("__")}
    return (
        (step.integration, json.dumps(values, sort_keys=True))
        if step.kind == "source" and step.integration
        else None
    )


def _no_reread(steps: list[Step], read: set[tuple[str, str]]) -> None:
    """'read the Google sheet 'Bookings' and email each customer a confirmation at the address in the sheet': inside the
    loop over a list, a read of that same list (the same service, the same values) is the list walked, not a second
    read per item — dropped from the loop's body (in place)."""
    seen = set(read)
    for step in steps:
        if step.kind == "loop" and seen:

            def kept(body: list[Step]) -> list[Step]:
                out = [b for b in body if _read_key(b) not in seen]
                for b in out:
                    if b.branches:
                        b.branches = [(side, kept(branch)) for side, branch in b.branches]
                return out

            step.body = kept(step.body)
        if step.body:
            _no_reread(step.body, seen)
        for _, branch in step.branches or []:
            _no_reread(branch, seen)
        key = _read_key(step)
        if key:
            seen.add(key)


# 'cc accounts@x.agency on the welcome email', 'copy in finance@x.com': an address added to an e-mail sent anyway;
# 'Cc me (renee@x.com).', 'cc: ops@x.com': a copy said on its own after the e-mail it amends
_CC = re.compile(
    r"\b(?:b?cc|copy\s+in|loop\s+in)(?:\s*:)?\s+(?:me\s*[(,:–—-]\s*|me\s+at\s+)?(?P<who>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"(?:\s+(?:on|to|in)\s+(?:the|that|this|each|every|our)\b|\s*\)?\s*(?:[.;!\n]|$))",
    re.I,
)


def _copied_in(steps: list[Step], description: str) -> list[Step]:
    """`steps` with an e-mail read from 'cc accounts@x on the welcome email' folded into the e-mail it amends: its
    address joins that one's recipients (JUL25's mail blocks have no cc field), no second e-mail is sent."""
    copied = {m.group("who").lower() for m in _CC.finditer(description)}
    if not copied:
        return steps
    mails = [s for s in _in_order(steps) if s.kind == "action" and s.type in ("gmail", "outlook")]
    copies = [s for s in mails if (s.values.get("to") or "").strip().lower() in copied]
    sent = [s for s in mails if not any(s is c for c in copies)]
    if not copies or not sent:
        return steps
    for copy in copies:
        who = copy.values["to"].strip()
        target = sent[0]
        if who.lower() not in target.values.get("to", "").lower():
            target.values["to"] = ", ".join(v for v in (target.values.get("to", ""), who) if v)

    return replaced(steps, lambda s: None if any(s is c for c in copies) else s)


def replaced(steps: list[Step], change: Callable[[Step], Step | None]) -> list[Step]:
    """`steps`, inside loops and branches too, each as `change` gives it: None leaves it out, another step takes its
    place as it is, the step itself is kept with its own steps changed the same way."""
    out = []
    for step in steps:
        new = change(step)
        if new is None:
            continue
        if new is step:
            step.body = replaced(step.body, change)
            step.branches = [(k, replaced(b, change)) for k, b in step.branches]
        out.append(new)
    return out


def _unwanted_posts(steps: list[Step], description: str) -> list[Step]:
    """`steps` without the posts to a channel whose message the writer turns down ("I'd rather not get the #dev
    message", lexicon.json 'unwanted_channel'), inside tests and loops too; a test or loop left empty goes."""
    unwanted = {
        m.group("channel").lower() for m in re.finditer(lexicon()["unwanted_channel"], description, re.I)
    }
    if not unwanted:
        return steps

    def posts_there(step: Step) -> bool:
        # (its channel field, or the '#dev' its clause names when the block takes an id: 'post it to #dev on Discord')
        return (
            step.kind == "action"
            and any(
                re.search(r"(?<![\w-])#?" + re.escape(c) + r"(?![\w-])", str(v).lower())
                for k, v in step.values.items()
                if k in ("channel", "channelId", "manualChannel", "chatId")
                for c in unwanted
            )
            or (
                step.kind == "action"
                and step.type in _CHAT_SERVICES
                and any(
                    re.search(r"(?<![\w&])#" + re.escape(c) + r"(?![\w-])", (step.text or "").lower())
                    for c in unwanted
                )
            )
        )

    out: list[Step] = []
    for step in steps:
        if posts_there(step):
            continue
        had = bool(step.body or any(b for _, b in step.branches))
        step.body = _unwanted_posts(step.body, description)
        step.branches = [(k, _unwanted_posts(b, description)) for k, b in step.branches]
        if had and step.kind in ("loop", "condition") and not (step.body or any(b for _, b in step.branches)):
            continue
        out.append(step)
    return out


# 'The donations under 20 € don't need the receipt', 'orders below $30 do not get a thank-you card', 'Refunds
# under 10 USD never need an approval': a test whose sentence says which of the steps said before it is not wanted
# 'Orders without cut fabric don't need to go on the sheet', "small ones shouldn't be posted": items not sent somewhere
_LEFT_OFF = re.compile(
    r"^[^,;]{3,80}?\s(?:do(?:es)?\s*n['’]?t|do(?:es)?\s+not|need\s*n['’]?t|should\s*n['’]?t|should\s+not|must\s*n['’]?t|"
    r"must\s+not)\s+(?:(?:need|have)\s+to\s+)?(?:go|be\s+(?:added|put|logged|written|saved|posted|sent))\s+"
    r"(?:on|in|into|to|at)\b[^,;]*$",
    re.I,
)
_NOT_NEEDED = re.compile(
    r"\b(?:do(?:es)?\s*n[o']?t|do\s+not|does\s+not|never)\s+(?:need|get|require|receive|want|deserve)s?\s+"
    r"(?:(?:the|a|an|any|their|his|her|its)\s+)?(?P<what>[\w-]+(?:\s+[\w-]+)?)",
    re.I,
)


def _loop_names_place(loop: Step) -> bool:
    """Whether the loop phrase of `loop` says where its items are ('for each row in the 'Leads' sheet')."""
    found = _LOOP.search(loop.text or "")
    return found is not None and bool(found.group(2))


def _list_of(read: Step, loop: Step) -> bool:
    """Whether `read` is the read of the list `loop` walks ('WhatsApp every guide in the Google Sheet 'Guides'' reads
    'the guide in the Google Sheet 'Guides'' once, before the walk), not a read repeated with each item."""
    found = re.match(
        rf"\s*get\s+the\s+{re.escape(loop.label)}s?\s+(?P<where>\S.*?)\s*$", read.text or "", re.I
    )
    return found is not None and found.group("where").lower() in (loop.text or "").lower()


# one thing made of a whole list: its summary, digest, count or total ('a short summary with the number of jobs and
# total takings', 'a digest of them', 'how many came in')
_OF_THE_LIST = re.compile(
    r"\b(?:summ?[ae]ry|summaries|summari[sz]e[sd]?|digest|recap|overview|round-?up|roll-?up|briefing|report|tally|"
    r"number\s+of|how\s+many|count(?:s|ed)?|totals?|totall?ed|sum\s+(?:up|of)|add(?:s|ed)?\s+up)\b",
    re.I,
)
# words that make it one item's own: 'summarise it', 'its total', 'for each', 'one by one', 'per order'
_OF_THE_ITEM = re.compile(
    r"\b(?:each|every|per|it|its|one\s+by\s+one|individual(?:ly)?|separately|apiece)\b(?!\s+(?:of\s+)?(?:them|all)\b)",
    re.I,
)
# a send said of each item ('email each customer their total', 'post one per order'): no once-only send
_TO_EACH = re.compile(r"\b(?:each|every|per|one\s+by\s+one|individually|separately)\b", re.I)
# a whole list named in the step itself ('of them all', 'all of the emails', 'the number of jobs'): strong enough to
# hold even in the sentence that opened the loop
_ALL_OF_IT = re.compile(
    r"\b(?:number\s+of|how\s+many|count(?:s|ed)?\s+(?:of\s+)?(?:the|all|them)|digest|tally|round-?up|roll-?up|"
    r"combined|overall|in\s+total|grand\s+total|one\s+(?:[\w-]+\s+)?(?:summary|report|overview|recap|message)|"
    r"(?:of|for|across)\s+(?:them\s+all|all\s+(?:of\s+)?(?:them|the|these|those)|everything))\b",
    re.I,
)


def _made_of_whole_list(loop: Step, step: Step) -> bool:
    """Whether `step`, in `loop`'s body, makes one thing of the whole list the loop walks: AI or code that sums up,
    counts or totals ('have AI write a short summary with the number of jobs and total takings'), said without
    anything tying it to each item ('summarise it', 'for each email …', 'the job's total'). A bare summary is the
    item's own ('for each email, write a summary'): only words naming the whole list make it one of them all ('the
    number of …', 'a digest', 'one combined summary', 'of them all')."""
    text = step.text or ""
    if step.kind != "process" or not _OF_THE_LIST.search(text):
        return False
    label = re.escape(loop.label or "item")
    if _OF_THE_ITEM.search(text) or re.search(
        rf"\b(?:the|this|that)\s+{label}\b(?!s)|\b{label}['’]s\b", text, re.I
    ):
        return False
    # ('write a one-line summary back into the Notes column', '→ summarise (decisions, owners) →'): a bare summary
    # in a loop is the item's own; only words naming the whole list make it one of them all
    return bool(_ALL_OF_IT.search(text)) and not _BACK_INTO.search(text)


def _summed_up_once(steps: list[Step]) -> list[Step]:
    """'… read the callout emails, have AI write a short summary with the number of jobs and total takings, post that
    summary to Slack': a summary, digest, count or total of a list is made once, of the whole list, after the loop
    that walks it — and what it feeds (the post of that summary) is sent once. What the loop's body does before it
    still repeats per item; a loop left with nothing to repeat is no loop."""
    out: list[Step] = []
    for step in steps:
        step.branches = [(name, _summed_up_once(branch)) for name, branch in step.branches]
        step.body = _summed_up_once(step.body)
        at = (
            next(
                (i for i, s in enumerate(step.body) if _made_of_whole_list(step, s)),
                None,
            )
            if step.kind == "loop" and step.loop_type == "forEach"
            else None
        )
        after = step.body[at:] if at is not None else []
        if at is None or any(
            s.kind not in ("process", "action")
            or s.recipient
            or _TO_EACH.search(s.text or "")
            or _BACK_INTO.search(s.text or "")
            for s in after
        ):
            # (what is sent to each item's person, or said of each one, is no once-only send)
            out.append(step)
            continue
        step.body = step.body[:at]
        out += ([step] if step.body else []) + after
    return out


def _one_walk(steps: list[Step]) -> list[Step]:
    """'… find the class-booking emails and type each one into the sheet. Then reply to each person to confirm.': a
    repetition said next, with nothing read between and no place of its own, walks the same items as the one before
    it — its steps run in that loop, after the ones said first, not in a second walk of the same list."""
    out: list[Step] = []
    for step in steps:
        before = out[-1] if out else None
        if (
            before is not None
            and step.kind == before.kind == "loop"
            # ('…, and for any site over 50 km/h email that site's foreman': the walked items tested, no new walk — a
            # 'for each …' said again starts one)
            and (
                step.implicit
                or re.match(r"\W*(?:and\s+)?for\s+any\b", step.text or "", re.I) is not None
                and not lx.integrations_in(step.label)
                and not _loop_names_place(step)
            )
            and step.loop_type == before.loop_type == "forEach"
            and before.body
            and step.body
            and not any(s.kind in ("source", "loop") for s in step.body)
        ):
            before.body = [*before.body, *step.body]
            before.text = f"{before.text} {step.text}".strip()
            continue
        if before is not None and _other_side_walk(before, step):
            # 'For each bid of €5,000 or more, post it to Teams; every bid under €5,000 goes into Excel instead': a
            # walk of the same items whose test no item passes together with the first one's is that test's other
            # side — one walk, the second test in the first one's else branch
            test, other = before.body[0], step.body[0]
            test.branches[1] = ("else", [other])
            other.chained = True
            before.text = f"{before.text} {step.text}".strip()
            continue
        out.append(step)
    return out


def _other_side_walk(before: Step, step: Step) -> bool:
    """Whether `step` walks the items `before` walks (a loop said right after it, of the same noun), each of the two
    repeating one test with nothing on its else side, and no item passes both tests."""
    if not (step.kind == before.kind == "loop" and step.loop_type == before.loop_type == "forEach"):
        return False
    if len(before.body) != 1 or len(step.body) != 1:
        return False
    a, b = before.body[0], step.body[0]
    if a.kind != "condition" or b.kind != "condition" or len(a.branches) < 2 or len(b.branches) < 2:
        return False
    if a.branches[1][1] or b.branches[1][1] or not a.branches[0][1] or not b.branches[0][1]:
        return False
    nouns = [re.match(r"\W*([a-z]+?)(?:e?s)?\b", (x.label or "").lower()) for x in (before, step)]
    if nouns[0] is None or nouns[1] is None or nouns[0].group(1) != nouns[1].group(1):
        return False
    return _exclusive(a, b)


def _needed_only(steps: list[Step]) -> list[Step]:
    """A test read from a sentence of its own with nothing to decide, which says some of the steps said before it
    are not needed ('Donations under 20 € don't need the receipt'): those steps (the ones whose words name what is
    not needed) run only when the test is false — the test's branch, negated; the others stay as they were."""
    out = list(steps)
    for test in [s for s in steps if s.kind == "condition" and not any(b for _, b in s.branches)]:
        said = _NOT_NEEDED.search(test.text)
        if said is None or test.negate:
            continue
        words = [w.lower().rstrip("s") for w in said.group("what").split() if len(w) > 2]
        before = out[: next(i for i, s in enumerate(out) if s is test)]
        named = [
            s
            for s in before
            if s.kind == "action"
            and any(re.search(r"\b" + re.escape(w) + r"s?\b", s.text, re.I) for w in words)
        ]
        if len(named) != 1:
            continue
        test.negate = True
        test.branches = [("if", named), ("else", [])]
        out = [s for s in out if s is not named[0]]
    return out


# 'reply with the check-in time', 'answer in the thread with its delivery status': the reply carries a fact
# of what was looked up, not an answer to write ('reply with a friendly answer', '… with the summary')
_REPLIES_WITH_FACT = re.compile(
    # ('reply on WhatsApp to the sender with …': where and to whom, in either order)
    r"\b(?:reply|replies|respond|responds|answer|answers)\b(?:\s+(?:in|on|to)\s+(?:the\s+)?[\w#-]+(?:\s+thread)?){0,2}"
    r"\s+with\s+(?:the|its|their|his|her)\s+(?!(?:[\w-]+\s+)?(?:answer|reply|response|summary|draft|message|text|"
    r"results?|matches|info|information|details)\b)[\w'’ -]{2,40}?\s*(?:[.,;!]|$)",
    re.I,
)
_WRITER = re.compile(
    r"\b(?:ai|agent|llm|gpt|claude|written|drafted|friendly|polite|personal(?:ised|ized)?)\b", re.I
)


def _one_router(steps: list[Step]) -> list[Step]:
    """'sort into attendance, transport or other. attendance: …, transport: …': a classification said with its
    categories and no routes, then the routes in the next sentence, is one router (the categories as first said)."""
    out: list[Step] = []
    for step in steps:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == step.kind == "router"
            and not last.branches
            and not last.body
            and step.branches
        ):
            step.label = last.label if ":" in last.label else step.label
            step.text = f"{last.text} {step.text}"
            out[-1] = step
            continue
        out.append(step)
    return out


def _same_place(steps: list[Step], named: dict[tuple[str, str], str]) -> None:
    """'read our 'Shift Log' Google Sheet … and add the note as a row to that sheet', '… write the rent back into
    the sheet': a later step of the same block that names its place only as 'that sheet', 'the table' or 'back'
    works on the place named before (`named`: (block, field) → the name, in the order the text says them)."""
    from lib.generation.services import resource_fields

    for step in steps:
        fields = resource_fields(step.type, step.values.get("operation")) if step.type else []
        for field_id, nouns, _shown_as in fields:
            held = step.values.get(field_id)
            if isinstance(held, str) and held and not held.startswith("{{"):
                named[(step.type, field_id)] = held
                continue
            noun = "|".join(re.escape(n) for n in nouns)
            if (step.type, field_id) in named and re.search(
                rf"\b(?:that|this|the\s+same|the)\s+(?:[\w-]+\s+)?(?:{noun})s?\b(?!\s+(?:called|named)\b)|\bback\b",
                step.text,
                re.I,
            ):
                step.values[field_id] = named[(step.type, field_id)]
        _same_place(step.body, named)
        for _, branch in step.branches:
            _same_place(branch, named)


def _filter_folded(steps: list[Step]) -> list[Step]:
    """'read the posts that mention 'proxmox', have AI turn them into a digest': the agent that works on the
    items keeps only the matching ones itself; a filter step of its own right before it would be a second agent
    the user never asked for, between the read and the agent that reads it."""
    out: list[Step] = []
    for step in steps:
        last = out[-1] if out else None
        if (
            last is not None
            and last.label == "Filter"
            and last.type == "agent"
            and step.kind == "process"
            and step.type == "agent"
            and step.values.get("userPrompt") == "{prev}"
        ):
            kept = last.values["systemPrompt"].split(" and answer with")[0].replace("You keep", "First keep")
            step.values["systemPrompt"] = f"{kept}. {step.values.get('systemPrompt', '')}"
            out[-1] = step
            continue
        out.append(step)
    return out


def _names_made(text: str, earlier: list[Step]) -> bool:
    """'with the ticket key', "with the new issue's ID": an identifier of what one of `earlier` writes made (its
    noun in services.json's objects of the operation), not of what the event is about ('the envelope id')."""
    from lib.generation.services import operations

    ident = re.search(
        r"\bwith\s+(?:the|its|their)\s+((?:[\w'’-]+\s+){0,2})(?:key|id|number|reference)\b", text, re.I
    )
    if ident is None:
        return False
    named = {re.sub(r"['’]s$", "", w) for w in ident.group(1).lower().split()}
    objects = {
        o
        for s in earlier
        for o in operations().get(s.type, {}).get(s.values.get("operation", ""), {}).get("objects", [])
    }
    return bool(named & (objects | {"new"}))


def _facts_for_the_agent(steps: list[Step]) -> None:
    """'have the AI answer from our house rules (late checkout is until 1pm for 30 EUR)': the facts in brackets
    of an agent's clause are what the agent works from — its instructions carry them, not the message that
    sends its answer."""
    for step in steps:
        facts = _bracketed(step.text or "") if step.kind == "process" and step.type == "agent" else []
        if not facts or "systemPrompt" not in step.values:
            continue
        step.values["systemPrompt"] += " Use these facts: " + "; ".join(
            f"{what}: {fact}" for what, fact in facts
        )
        for other in steps:
            if other.kind != "action" or other.text != step.text:
                continue
            for key, value in other.values.items():
                for what, fact in facts:
                    value = value.replace(f"\n\n{what[:1].upper()}{what[1:]}: {fact}", "")
                other.values[key] = value


# 'add them to the Google Sheet', 'log it in Airtable': a write of what the run was given
_GIVEN_WRITTEN = re.compile(
    r"\b(?:add|log|save|put|record|store|append|insert|copy|enter|write)\s+(?:them|it|him|her)\s+"
    r"(?:in|into|to|on)\b",
    re.I,
)


def _given_kept_first(ordered: list[Step], sentence: str, earlier: list[Step]) -> list[Step]:
    """'I do three things: add them to the Google Sheet 'Booked Calls', look up their company website with Firecrawl
    to get a summary, and email that summary to …': with nothing read before, a write of what the run was given
    ('them', 'it') keeps its place before the reads and the processing said after it (the row holds the booking,
    not the scrape)."""
    if any(s.kind == "source" for s in earlier):
        return ordered
    out = list(ordered)
    for step in ordered:
        if step.kind != "action" or not step.text or not _GIVEN_WRITTEN.search(step.text):
            continue
        said_at = sentence.find(step.text)
        if said_at < 0:
            continue
        first = next(
            (
                i
                for i, s in enumerate(out)
                if s.kind in ("source", "process")
                and s.text
                and s.text != step.text
                and sentence.find(s.text) > said_at
            ),
            None,
        )
        at = next(i for i, s in enumerate(out) if s is step)
        if first is not None and first < at:
            out.insert(first, out.pop(at))
    return out


def _drafts_before_their_reply(steps: list[Step]) -> list[Step]:
    """'log it in the sheet and reply in Teams with a confirmation': the agent drafting the reply comes right
    before the reply it drafts, after the other actions of the sentence (which keep the event's data); so does
    the summary an e-mail sends ('pull the balances, add them to the Excel file as a new row, and email a
    one-paragraph summary to …': the row holds the balances)."""
    out = list(steps)
    for step in steps:
        if step.kind != "process":
            continue
        at = out.index(step)
        reply = next(
            (i for i, s in enumerate(out) if i > at and s.kind == "action" and s.text == step.text), None
        )
        if reply is None or not any(s.kind == "action" and s.text != step.text for s in out[at + 1 : reply]):
            continue
        out.insert(reply - 1, out.pop(at))
    return out


def _facts_replied(steps: list[Step]) -> list[Step]:
    """'look the booking up in the bookings table and reply with the check-in time': after a read, a reply
    with a fact of what was read sends what was read; no agent drafts it (unless the text asks for one)."""
    out: list[Step] = []
    read: list[Step] = []
    for step in steps:
        read += [step] if step.kind == "source" else []
        # a read of the service the reply goes over is not what was looked up
        over = {s.type for s in steps if s.kind == "action" and s.text == step.text}
        # 'open a Jira ticket and reply with the ticket link / key / new issue's ID': what an earlier step made
        earlier = [s for s in out if s.kind == "action" and s.text != step.text]
        made = earlier and (
            re.search(r"\b(?:link|url)\b", step.text or "", re.I) or _names_made(step.text or "", earlier)
        )
        if (
            (made or any(r.type not in over for r in read))
            and step.kind == "process"
            and step.label == "Draft"
            and _REPLIES_WITH_FACT.search(step.text or "")
            # ('reply to them with the next sailing' after reading the timetable: picked from it, an AI's answer)
            and not re.search(
                r"\bwith\s+the\s+(?:" + "|".join(lexicon()["picked_answers"]) + r")\b"
                r"(?!\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|few|couple)\b)",
                step.text or "",
                re.I,
            )
            and not _WRITER.search(step.text or "")
        ):
            continue
        out.append(step)
    return out


def drafts_left(steps: list[Step], description: str, mailbox: str | None) -> list[Step]:
    """'on each new email, the AI drafts a reply — NOT sent — …', '… writes a reply draft (do NOT send it). A
    receptionist reviews the drafts': a reply drafted to the mail that started the run, that no later step sends or
    posts, and that the request keeps unsent or has people review, is left as a draft in that mailbox (`mailbox`:
    'gmail' or 'outlook'; lexicon.json 'drafts_kept' and 'drafts_reviewed')."""
    if mailbox not in ("gmail", "outlook") or not steps:
        return steps
    last = steps[-1]
    if (
        last.kind != "process"
        or last.label != "Draft"
        or not re.search(r"\b(?:repl|respon|answer)", last.text, re.I)
    ):
        return steps
    if not (
        re.search(lexicon()["drafts_kept"], description, re.I)
        or re.search(lexicon()["drafts_reviewed"], description, re.I)
    ):
        return steps
    name = "Gmail" if mailbox == "gmail" else "Outlook"
    draft = _integration_step(mailbox, f"draft the reply in {name}", description, write=True)
    draft.text = last.text
    return [*steps, draft]


_THEN = re.compile(r"[,;]?\s*\b(?:and\s+)?(?:then|finally|lastly)\b", re.I)
# 'Get the invoices from Airtable first.', 'Before that, pull them from …', 'First, fetch …', '… read … beforehand':
# a read said after the step it feeds, and said to come before it
_READ_FIRST = re.compile(
    r"^\W*(?:but\s+|and\s+)?(?:first(?:\s+of\s+all)?|before\s+(?:that|this|doing\s+(?:that|this|so)|then|it)|beforehand)\b"
    r"|\b(?:first|beforehand|before\s+(?:that|this|anything\s+else))\W*$",
    re.I,
)
# 'have AI condense them before it gets posted', '… before sending': done before the send said earlier
_BEFORE_SENT = re.compile(
    r"\bbefore\s+(?:(?:it|they|that|this|the\s+\w+)\s+(?:gets?|is|are|goes|go)\s+(?:out|posted|sent|shared|emailed|"
    r"published)|(?:posting|sending|sharing|emailing|publishing)(?:\s+(?:it|them))?|it\s+goes\s+out)\b",
    re.I,
)
# 'Phone numbers are in the sheet', 'their emails are in that table too': the list named before, with no name of its own
_THERE_AGAIN = re.compile(
    r"^[^\"'“‘]*\b(?:in|on)\s+(?:the|that|this)\s+(?:same\s+)?(?:sheet|spreadsheet|tab|table|list|base|database)"
    r"(?:\s+(?:too|as\s+well))?\W*$",
    re.I,
)
# 'The rota is in the 'On-call' sheet', 'Phone numbers are in …', 'The deliveries live in our Airtable …', "They're
# all in the Google Sheet 'Walks'"
_LIVES_IN = re.compile(
    r"^\s*(?:the\s+|our\s+|my\s+|their\s+|all\s+(?:the\s+)?)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:is|are|live|lives|sit|sits|(?:is|are)\s+(?:kept|stored|listed|tracked|saved))\s+(?:all\s+)?(?:in|on|inside)\s+"
    r"|^\s*(?:they|it)['’](?:re|s)\s+(?:all\s+|both\s+)?(?:(?:kept|stored|listed|tracked|saved)\s+)?(?:in|on|inside)\s+"
    # ("The spot's in Google Calendar": the thing's name with its verb run together)
    r"|^\s*(?:the|our|my|their|today['’]s)\s+(?:[\w-]+\s+){0,2}?[\w-]+['’]s\s+(?:all\s+)?(?:(?:kept|stored|listed|"
    r"tracked|saved)\s+)?(?:in|on|inside)\s+",
    re.I,
)


def _then_parts(sentence: str, read: list[Step]) -> list[int]:
    """Which part of a sentence split at 'then' each simple step comes from: 'save the request in Airtable, and
    then have an AI triage it' keeps the save first (within a part, data flows sources → processing → actions). A
    step whose clause was reworded ('finally email it to x@y' → 'email x@y') is found in no part: it is in the part
    of the step read before it (`read` is in the order of the clauses)."""
    parts, part = [], 0
    for step in read:
        at = sentence.find(step.text) if step.kind in ("source", "process", "action") and step.text else -1
        if at >= 0:
            part = len(_THEN.findall(sentence[:at]))
        parts.append(part if step.kind in ("source", "process", "action") else 0)
    return parts


def _repeat_sentence(
    loop: Step, sentence: str, description: str, ruled_out: dict[str, set[str]], rank: dict[str, int]
) -> None:
    """A sentence between a loop and the words that end it ('For each client, call … . If it is below 100,
    email them. When every client is done, …') repeats with the loop: its steps join the loop's body, an
    'Otherwise …' joins the else branch of the body's last test, and tests come last (they end the flow)."""
    body = loop.body
    kept = body[0] if len(body) == 1 and body[0].kind == "condition" and body[0].branches else None
    if (
        kept is not None
        and _case_goes_on(sentence, loop)
        and any(x.kind != "condition" for x in kept.branches[0][1])
    ):
        kept = (
            None  # ('For each invoice: over £500 → …; £500 or less → …': the first case, not the items kept)
        )
    if (
        kept is not None
        and re.match(r"\W*(?:and\s+|but\s+)?if\b", sentence, re.I)
        and re.match(r"\W*(?:and\s+|but\s+)?if\b", kept.text or "", re.I)
    ):
        # ("I'll paste in each warranty claim … If it's faulty, email …. If it's lost, add a row …": a test said in a
        # sentence of its own keeps no items for the next one; the two are tests side by side)
        kept = None
    if kept is not None:
        body = kept.branches[0][1]  # 'for each order over $500, …': what follows repeats for those orders
    # ('For each enquiry, if the name matches a client, email compliance. Otherwise, send …': with no test inside
    # what it keeps, 'otherwise' is the other side of the test on each item)
    last_cond = next((s for s in reversed(body) if s.kind == "condition"), kept)
    waiting = _open_test(body)
    if waiting is not None and not _IF.search(sentence):
        # "If a confirmation mentions 'cancelled', no, don't delete anything; just flag it in #arrangements …": the
        # test's own steps, said after the semicolon
        waiting.branches[0] = ("if", read_clauses(sentence, description, ruled_out))
        _instead_of(waiting, body)
        return
    otherwise = implied_else(sentence, last_cond)
    if otherwise is not None and last_cond is not None:
        inner = _innermost_else(last_cond)
        inner.branches[1] = (
            "else",
            inner.branches[1][1]
            + read_clauses(_said_on_if_side(sentence[otherwise:], inner), description, ruled_out),
        )
        return
    # ('…, then set 'notified' to true on that order': the item's own record, in the list the loop walks)
    sentence = _placed_back(sentence, None, description)
    body += sorted(read_sentence(sentence, description, ruled_out), key=lambda s: rank[s.kind])
    body.sort(key=lambda s: s.kind == "condition")
    tests = [s for s in body if s.kind == "condition"]
    for test in tests:
        _instead_of(test, body)
    if len(tests) > 1 and _exclusive_chain(tests):
        # 'if the total is over $300, post it …; if it's $300 or less, add it …': one decision per item, as
        # read_steps makes of such tests outside a loop
        body[:] = [s for s in body if s.kind != "condition"] + [tests[0]]


# the other side of the test stated just before: 'Otherwise …', 'Anything else goes to …', 'Smaller invoices
# just get logged …' (after a numeric test), 'if it's more, …' (a test with no value of its own)
_OTHERWISE = re.compile(r"^\s*(?:otherwise|else|if not|or else|" + _DENIED + r")\b[\s,:]*", re.I)
_REST_WORDS = (
    r"(?:(?:for|with)\s+)?(?:(?:anything|everything|everyone|anyone|all)\s+else|the\s+rest|the\s+others\b|"
    r"(?:all\s+|any\s+)?(?:the\s+)?other\s+(?:ones|cases|[\w-]+s)\b(?!\s+than)|any\s+other\s+[\w-]+\b(?!\s+than)|"
    # 'Every other order just goes into …' (not 'every other day', a schedule)
    r"every\s+other\s+(?!(?:day|week|month|year|hour|minute|morning|evening|night|weekend|time|[a-z]+day)s?\b)[\w-]+\b"
    r"(?!\s+than))"
)
_REST = re.compile(r"^\s*" + _REST_WORDS, re.I)
_COMPARATIVE = (
    r"(?:smaller|larger|bigger|lower|higher|cheaper|pricier|shorter|longer|lesser|greater|fewer|"
    r"small|large|big|low|high|cheap)"
)
_OTHER_SIDE = re.compile(
    r"^\s*(?:(?:for|with)\s+)?(?:all\s+|any\s+)?(?:the\s+)?"
    + _COMPARATIVE
    + r"\s+(?:[\w-]+\s+)?(?:ones?\b|[\w-]+s\b)"
    # ('Anything smaller → reply …', 'everything lower: …': all the values past the bounds said before)
    r"|^\s*(?:anything|everything|everyone|anyone)\s+(?:"
    + _COMPARATIVE
    + r"|less|more|under|below|over|above)\b"
    r"(?:\s+than\s+(?:that|this))?"
    r"|^\s*(?:and\s+)?(?:if|when)\s+(?:it'?s|it\s+is|they'?re|they\s+are|that'?s|the\s+[\w-]+\s+(?:is|are))?\s*"
    r"(?:any\s+)?(?:more|less|higher|lower|greater|smaller|bigger|larger|above|over|under|below|fewer|younger|older)"
    r"(?:\s+than\s+that)?\s*(?:,|\bthen\b)\s*"
    # 'disputes under that just go into …', 'payments below this amount are logged': the nouns on the other side
    r"|^\s*(?:all\s+|any\s+)?(?:the\s+)?(?:[\w-]+\s+)?[\w-]+s\s+(?:under|below|over|above|(?:less|more|lower|higher)\s+than)\s+"
    r"(?:that|this|it|those)\b(?:\s+(?:amount|number|limit|value|threshold|level))?",
    re.I,
)


# 'for those big orders, also …', 'these deals should also get …', 'for them, also …': the items the test before kept
_SAME_ITEMS = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:and\s+)?(?:"
    r"for\s+(?:those|these|such|them|all\s+of\s+(?:those|these|them))(?:\s+(?!also\b)[a-z][\w-]*){0,2}\s*,?\s*(?:also\s+|too\s+)?"
    r"|(?:those|these|such)\s+(?:(?!also\b|should\b)[a-z][\w-]*\s+){0,2}?(?P<modal>should|must|will|need\s+to|can)\s+also\s+"
    r")(?P<rest>\S.*)$",
    re.I,
)


def _same_items(sentence: str) -> str | None:
    """What a sentence about the items the last test kept does ('For those big orders, also add a row to …' → 'add
    a row to …'; 'These deals should also get a row in …' → 'add a row in …'); None for any other sentence."""
    found = _SAME_ITEMS.match(sentence)
    if found is None:
        return None
    rest = found.group("rest")
    if found.group("modal"):
        got = re.match(r"(?:get|receive|have)\s+(?=an?\s|one\s)", rest, re.I)
        if got:  # 'should also get a row in the sheet': a row is added for them
            return "add " + rest[got.end() :]
        done = re.match(r"be\s+([a-z]+ed)\b", rest, re.I)
        if done:  # 'should also be posted to #x'
            verb = lexicon()["route_participles"].get(done.group(1).lower()) or re.sub(
                r"e?d$", "", done.group(1)
            )
            return f"{verb} them{rest[done.end() :]}"
        if not ACTION_START.match(rest):
            return None
    return rest


def implied_else(sentence: str, last: Step | None) -> int | None:
    """Where the action of a sentence that states the other side of the last test starts; None otherwise."""
    if last is None:
        return None
    bullet = re.match(r"^\s*[-*•]\s+", sentence)
    if bullet:
        found = implied_else(sentence[bullet.end() :], last)
        return None if found is None else bullet.end() + found
    said = _OTHERWISE.match(sentence)
    if said:
        return said.end()
    if _REST.match(sentence) or re.match(r"^\s*(?:and\s+)?(?:if|when)\b.*\binstead\W*$", sentence, re.I):
        return 0  # 'Anything else goes to office@…', 'If it's X, do Y instead': the sentence itself says what
    side = _OTHER_SIDE.match(sentence)
    if side and lx.interval_of(last.label or "") and not re.search(r"\d", sentence[: side.end()]):
        return side.end() if re.match(r"\s*(?:and\s+)?(?:if|when)\b", sentence, re.I) else 0
    return None


def _restated_test(gate: Step, later: list[Step]) -> bool:
    """Whether a test among the `later` steps (in loops and branches too) compares with the number the `gate`'s bare
    rule states ('Members have to be 12 or older' … 'if the applicant is 12+')."""
    said = lx.threshold_in(gate.label)
    if said is None:
        return False

    def walk(steps: list[Step]) -> bool:
        for s in steps:
            found = lx.threshold_in(s.label) if s.kind == "condition" else None
            if found is not None and found[1] == said[1]:
                return True
            if walk(s.body) or any(walk(b) for _, b in s.branches):
                return True
        return False

    return walk(later)


# "don't add it — just …", 'do not post them; instead …': a step left undone, then the one done in its place
_NOT_THIS_BUT = re.compile(
    r"^\s*(?:don['’]?t|do\s+not|never)\s+[a-z]+\s+(?:it|them|this|that|anything)\s*(?:[—–;,:]|\s-\s)\s*"
    r"(?=(?:(?:just|simply|instead|rather)[,:]?\s+)?[a-z])(?:(?:just|simply|instead|rather)[,:]?\s+)?",
    re.I,
)


def _open_test(body: list[Step]) -> Step | None:
    """The last test of a loop's body when it guards nothing yet, either side ('If a confirmation mentions
    'cancelled', no, don't delete anything; …': its steps come after the semicolon)."""
    last = body[-1] if body else None
    if last is None or last.kind != "condition" or not last.branches or any(b for _, b in last.branches):
        return None
    return last


# '… just flag it in #arrangements instead of adding it', 'rather than posting it': the step the test's side replaces
_INSTEAD_OF = re.compile(
    r"\b(?:instead\s+of|rather\s+than)\s+([a-z]+ing)\b(?:\s+(?:it|them|this|that|the\s+\w+)\b)?", re.I
)
# 'If the email is to cancel an appointment, don't create anything: notify me on Telegram': what the test's side
# leaves undone (the steps said before it, from the first of that verb on, are the other side)
_UNDONE_ON_IF = re.compile(
    r"\b(?:don['’]?t|do\s+not|never|no\s+need\s+to)\s+([a-z]+)\s+(?:anything|nothing|any\s+[\w-]+|it|them)\b",
    re.I,
)


def _verb_stem(text: str) -> str:
    """The first word a step's text acts with, without its ending ('replies on WhatsApp' → 'repl', 'n replies' too)."""
    found = re.match(r"\W*(?:(?:and|then|n|&|also|just)\s+)*([a-z]+)", text.lower())
    word = found.group(1) if found else ""
    return re.sub(r"(?:ies|y|es|e|s)$", "", re.sub(r"ing$", "", word)) if len(word) > 3 else word


def _left_undone(steps: list[Step]) -> list[Step]:
    """'… reply on WhatsApp, but if they want to book, put them in Airtable instead of replying', '… create the event
    and reply to the customer. If the email is to cancel, don't create anything: notify me on Telegram': the steps
    the test's side replaces, said before it at the top of the flow, are its else side."""
    for test in [s for s in steps if s.kind == "condition"]:
        if len(test.branches) < 2 or test.branches[1][1] or not test.branches[0][1]:
            continue
        before = [s for s in steps[: steps.index(test)] if s.kind == "action"]
        instead = _INSTEAD_OF.search(test.text or "")
        undone = None if instead else _UNDONE_ON_IF.search(test.text or "")
        said = instead or undone
        if said is None:
            continue
        verb = _verb_stem(said.group(1))
        # (its own verb first; else a clause that says it among others, 'the ai answers … n replies on whatsapp')
        acts = [s for s in before if _verb_stem(s.text or "") == verb] or [
            s for s in before if re.search(rf"\b{re.escape(verb)}[a-z]*\b", s.text or "", re.I)
        ]
        first = next((i for i, s in enumerate(before) if acts and s is acts[0]), None)
        moved = acts if instead else before[first:] if first is not None else []
        if moved:
            steps = [s for s in steps if not any(s is m for m in moved)]
            test.branches[1] = ("else", moved)
    return steps


def _instead_of(test: Step, body: list[Step]) -> None:
    """'add each one as an event in the calendar. If a confirmation mentions 'cancelled', just flag it in
    #arrangements instead of adding it': the item's step the test's if side replaces goes to its else side."""
    if len(test.branches) < 2 or test.branches[1][1]:
        return
    said = next((m for s in test.branches[0][1] for m in [_INSTEAD_OF.search(s.text or "")] if m), None)
    if said is None:
        # 'for every rental email the renter a reminder, but if it's more than 14 days overdue, message me on Slack
        # instead': a bare 'instead' replaces the act said before the test in its own sentence
        bare = any(
            x.kind == "action" and re.search(r"\binstead\W*$", x.text or "", re.I)
            for x in test.branches[0][1]
        )
        at = next((i for i, x in enumerate(body) if x is test), None)
        before = [x for x in body[:at] if x.kind == "action"] if bare and at is not None else []
        mine = [x for x in before if (x.text or "").strip() and (x.text or "").strip() in (test.text or "")]
        if len(mine) == 1:
            body[:] = [x for x in body if x is not mine[0]]
            test.branches[1] = ("else", mine)
        return
    ing = said.group(1).lower()[:-3]
    verbs = {ing, ing + "e", ing[:-1] if len(ing) > 2 and ing[-1] == ing[-2] else ing}
    replaced = [
        s
        for s in body
        if s.kind == "action"
        and (verb := re.match(r"\W*(?:and\s+|then\s+)?([a-z]+)", (s.text or "").lower())) is not None
        and verb.group(1) in verbs
    ]
    if replaced:
        body[:] = [s for s in body if not any(s is r for r in replaced)]
        test.branches[1] = ("else", replaced)


def _innermost_else(step: Step) -> Step:
    """The condition whose else branch is still open: 'if A …, else if B …' nests B in A's else."""
    while True:
        tail = step.branches[1][1] if len(step.branches) > 1 else []
        nested = [s for s in tail if s.kind == "condition"]
        if len(tail) != 1 or not nested:
            return step
        step = nested[0]


_CATEGORY = re.compile(
    r"^\s*(?:the\s+|its\s+|their\s+)?((?:[\w-]+\s+){0,2}?[\w-]+)(?:'s|\s+is|\s+are|\s+was)\s+(?!not\b|no\b(?!-))(?:an?\s+|the\s+)?([\w\s'-]+?)\s*$",
    re.I,
)
_PRONOUN = ("it", "they", "this", "that", "its")


def _category(label: str) -> tuple[str, str] | None:
    """('type', 'complaint') for 'the type is a complaint' / 'it's a complaint' (one value, no 'and'/'or'); the
    values of 'it is CA or it is OR' joined by '|' (any of them)."""
    # 'if 'wrong size'': a quoted value is its words; 'if is a complaint', 'if is about billing': a test that leaves
    # out its subject is of 'it'
    label = re.sub(r"(?<!\w)['\"‘’“”]|['\"‘’“”](?!\w)", "", label)
    label = re.sub(r"^\s*(?:is|are)\s+(?:about\s+)?", "it is ", label, flags=re.I)
    either = re.fullmatch(
        r"\s*(?:it|they)\s+(?:is|are)\s+([\w-]+(?:\s+or\s+(?:it\s+is\s+)?[\w-]+)+)\s*", label, re.I
    )
    if either:
        return "it", "|".join(sorted(re.split(r"\s+or\s+(?:it\s+is\s+)?", either.group(1).lower())))
    found = _CATEGORY.match(label)
    if re.search(r"(?<![\w-])(?:and|or|not|no)(?![\w-])|\d", label, re.I):  # ('No-show' is one value)
        return None
    if not found:
        # 'if the reservation is confirmed …; if pending, …': a value with no subject is of the same subject
        bare = re.fullmatch(r"\s*([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*", label, re.I)
        if bare and not ACTION_START.match(bare.group(1)) and not lx.integrations_in(bare.group(1)):
            return "it", bare.group(1).lower()
        return None
    return found.group(1).lower(), found.group(2).lower()


def _exclusive(a: Step, b: Step) -> bool:
    """No value of the data passes both tests: disjoint numeric ranges of one field, or two values of one word."""
    # (a later test whose clause read nothing itself — 'classify it: if it's a bug, …; if it's billing, …' — reads
    # what the test before it read)
    if (a.data_from is not b.data_from and b.data_from is not None) or a.negate or b.negate:
        return False
    fields = [lx.amount_field(t.label, None) for t in (a, b)]
    if fields[0] and fields[1] and fields[0] != fields[1]:
        return False
    # ('sales dropped by 20% or more' / 'they grew by 20% or more': a signed change, the drop below minus its size)
    spans = [lx.interval_of(lx.moves_as_signs(t.label)) for t in (a, b)]
    if spans[0] and spans[1]:
        return lx.disjoint(spans[0], spans[1])
    said = [_category(t.label) for t in (a, b)]
    if not said[0] or not said[1] or set(said[0][1].split("|")) & set(said[1][1].split("|")):
        return False
    return said[0][0] == said[1][0] or said[0][0] in _PRONOUN or said[1][0] in _PRONOUN


# 'Router -> if …', 'Paths: …', 'Path A …', 'route 1 …', 'Switch node on …': the description says its tests are routes
# of one decision (the first that passes takes the item)
_ROUTED = re.compile(
    r"\b(?:router|switch\s+(?:node|on|by)|paths\s*:|paths?\s+[a-c1-3]\b|route\s+[1-3]\b)", re.I
)


_CATCH_ALL = re.compile(
    r"\b(?:anything|everything|everyone|all)\s+(?:else|in\s+between|in\s+the\s+middle)\b|\bthe\s+rest\b(?!\s+of\b)"
    r"|\bany(?:thing)?\s+other\s+[\w-]+"
    # ('every other order goes into …', 'all other requests …': the rest, as an 'otherwise' sentence says it)
    r"|\b" + _REST_WORDS,
    re.I,
)


@lru_cache(maxsize=1)
def _verdict_sides() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    return [
        (re.compile(rf"\b(?:{yes})\b", re.I), re.compile(rf"\b(?:{no})\b", re.I))
        for yes, no in lexicon()["opposite_verdicts"]
    ]


def _opposite(a: Step, b: Step) -> bool:
    """Whether `b` tests the opposite verdict of `a` ('the manager approved it' / 'the manager says no'): no value
    passes both, and none passes neither."""
    if a.negate or b.negate or (b.data_from is not None and a.data_from is not b.data_from):
        return False
    if any(re.search(r"\bnot\b|n['’]t\b|\bnever\b", t.label, re.I) for t in (a, b)):
        return False  # ('if it isn't approved'): a denied verdict is read as its own test
    return any(
        yes.search(x.label) and not no.search(x.label) and no.search(y.label) and not yes.search(y.label)
        for yes, no in _verdict_sides()
        for x, y in ((a, b), (b, a))
    )


_SHORT_FORMS = (
    (r"\b(ca|wo)n['’]t\b", r"\1 not"),
    (r"\b([a-z]+)n['’]t\b", r"\1 not"),
    (r"['’]re\b", " are"),
    (r"\b(it|that|he|she|this)['’]s\b", r"\1 is"),
)


def _test_words(label: str) -> list[str]:
    """The words of a test, short forms said out ("they're" → 'they are', "isn't" → 'is not')."""
    text = label.lower()
    for short, full in _SHORT_FORMS:
        text = re.sub(short, full, text)
    return re.findall(r"[\w-]+", text)


# the words of a test that says no more than 'yes' to the one before ('if they are', 'if it does', 'if so')
_ELLIPTIC = {"it", "they", "he", "she", "that", "this", "so", "yes", "is", "are", "was", "were", "do", "does", "did",
             "has", "have", "had", "can", "will", "already"}  # fmt: skip
# "they're not there", 'if found', "it doesn't exist", 'they are already in the table': whether a look-up found the
# thing it looked for (its list came back with items or empty), said of the thing, not a word to find in what it read
PRESENT_TEST = re.compile(
    r"^\s*(?:(?:it|they|he|she|(?:the|this|that)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*(?:['’](?:re|s)\s+|\s+))?"
    r"(?:(?:is|are|was|were|does|do|did)\s*)?(?P<not>not\s+|n['’]t\s+)?(?:yet\s+|already\s+|even\s+)?"
    r"(?:there|found|in\s+(?:it|there|(?:the|that|this)\s+(?:table|sheet|list|base|database|crm|system|spreadsheet))"
    r"|on\s+file|exists?)(?:\s+(?:yet|already))?\s*$",
    re.I,
)


def _denied(a: Step, b: Step) -> bool:
    """Whether one of two tests denies the other, the other side said again, often cut short: "if they're not there, …;
    if they are, …", "if it doesn't exist …; if it exists …", "if not found …; if found …" — no value passes both, none
    neither. The denied one says 'not'; the other's words, without it, begin or end the denied one's."""
    if a.negate or b.negate or (b.data_from is not None and a.data_from is not b.data_from):
        return False
    words = [_test_words(t.label or "") for t in (a, b)]
    if words[1] == ["no"] and words[0] not in ([], ["no"]):
        return True  # "if the breed is on our list, …; if no, …": a bare 'no' answers the question before it
    nots = [w.count("not") + w.count("never") for w in words]
    if sorted(nots) != [0, 1]:
        return False
    if all(PRESENT_TEST.match(t.label or "") for t in (a, b)):
        return True  # "if they're already there …; if they're not found …": whether a look-up found them, both ways
    denied = words[nots.index(1)]
    if all(w in _ELLIPTIC for w in words[nots.index(0)]):
        return True  # "if it isn't urgent, …; if it is, …", "… doesn't exist, …; if they do, …": the rest left out
    said = [w for w in words[nots.index(0)] if w not in ("do", "does", "did")]
    plain = [w for w in denied if w not in ("not", "never", "do", "does", "did")]
    plain = [re.sub(r"^exist$", "exists", w) for w in plain]
    said = [re.sub(r"^exist$", "exists", w) for w in said]
    if not said or len(said) > len(plain) or any(re.fullmatch(r"\d[\d.,]*", w) for w in plain):
        return False
    return plain[: len(said)] == said or plain[-len(said) :] == said


def _opposites_joined(steps: list[Step]) -> list[Step]:
    """'If the manager approved it, add it to …; if the manager says no, email the requester': a test followed by
    its opposite verdict is one decision — what the second does is the first one's else branch (no second test,
    which would read the word 'no' anywhere in the data). Only for a decision of two tests: 'pass' / 'fail' /
    'reschedule' are three values of one field, each a route."""
    # ('have AI check if the breed is on our list. If yes, …; if no, …': the question asked, a test with nothing on
    # either side, is no side of the decision)
    deciding = [s for s in steps if s.kind == "condition" and any(side for _, side in s.branches)]
    if len(deciding) != 2:
        return steps
    out: list[Step] = []
    last: Step | None = None
    for s in steps:
        if (
            s is deciding[1]
            and last is deciding[0]
            and len(last.branches) > 1
            and not last.branches[1][1]
            and (_opposite(last, s) or _denied(last, s))
        ):
            last.branches[1] = ("else", s.branches[0][1])
            continue
        out.append(s)
        if s.kind != "condition" or any(s is d for d in deciding):
            last = s  # (a test with nothing on either side is passed over)
    return out


# the asks of an AI step whose answer is one verdict ('have AI decide: …', 'let the AI work out what it is')
_VERDICT_ASKS = frozenset({"decide", "work out", "figure out", "determine", "judge", "sort", "triage", "categorise",
                           "categorize", "label", "tag"})  # fmt: skip
# 'it is a price question', "it's complaint", 'the message is a new order': a test naming what the item is
_KIND_SAID = re.compile(
    r"^\s*(?:it|this|that|the\s+[\w-]+)\s*(?:is|['’]s)\s+(?:an?\s+)?(?:[\w'’-]+\s*){1,3}$", re.I
)


def _exclusive_chain(tests: list[Step], declared: bool = False) -> bool:
    """Chain tests that exclude each other pairwise (or that the description `declared` routes of one decision),
    each next one in the else branch of the one before."""
    read = tests[0].data_from
    if (
        read is not None
        and read.kind == "process"
        and (
            read.label == "Classify"
            # ('have AI decide: if it is a price question …, if it is a complaint …': what the AI was asked to decide,
            # each test naming what the item is — one answer, one kind)
            or (read.label or "").rstrip(" :").lower() in _VERDICT_ASKS
            and all(_KIND_SAID.match(t.label or "") for t in tests)
        )
        and all(t.data_from in (None, read) and not t.negate for t in tests)
    ):
        # ('que la IA clasifique el mensaje: si es un pedido, …; si pregunta por clases, …': tests of what a
        # classification answered — it answers exactly one label, so no answer passes two of them, however each
        # test is worded)
        declared = True
    if not declared and any(not _exclusive(a, b) for i, a in enumerate(tests) for b in tests[i + 1 :]):
        return False
    if any(len(t.branches) < 2 or t.branches[1][1] for t in tests[:-1]):
        return False  # an else branch the text filled stays as written
    for earlier, later in zip(tests, tests[1:], strict=False):
        earlier.branches[1] = ("else", [later])
        later.chained = True
        later.data_from = later.data_from or earlier.data_from
    if {lx.change_move(t.label) for t in tests} >= {"down", "up"}:
        # ('if sales dropped by 20% or more …; if they grew by 20% or more …': one signed change, a drop below minus
        # its size — a test alone keeps its size as said)
        for t in tests:
            t.label = lx.moves_as_signs(t.label)
    return True


# what is not done to the items a test picks out, said in the passive after them
_NOT_DONE = (
    r"(?:are|is|should|must|will|shall)\s*(?:not|n[’']t)\s+(?:be\s+|get\s+)?(?:posted|sent|forwarded|announced|"
    r"shared|published|logged|added|saved|copied|pushed|e-?mailed|texted|notified|synced)"
)
_WHICH = r"(?:marked|tagged|flagged|labell?ed|with|whose|that|who|on|in|from|under|over|above|below)\b"
_LEFT_OUT = (
    r"(?:shouldn'?t|should\s+not|don'?t|do\s+not|must\s+not|mustn'?t|won'?t|never|need\s+not|needn'?t)\s+"
    r"(?:get|receive|be\s+(?:e-?mailed|messaged|contacted|included|sent|reminded|notified|charged))\b"
    r"|(?:are|is|should\s+be|must\s+be|get|gets)\s+(?:skipped|excluded|ignored|left\s+out)\b"
    # 'Loads with a rate under $800 are not posted', 'Issues whose title contains 'wip' aren't forwarded'
    r"|" + _NOT_DONE + r"\b"
)
_EXCLUDED = re.compile(
    r"^\s*(?:but\s+)?(?:(?:skip|ignore|exclude|leave\s+out|(?:don'?t|do\s+not|never)\s+(?:"
    + _WRITE
    + r"|e-?mail|text|"
    r"repl(?:y|ies)|respond|answer|contact|message|notify)\s+(?:to\s+)?)\s*(?:any\s+|the\s+|all\s+|those\s+)?[\w-]+\s+(?P<a>"
    + _WHICH
    + r".*?)|(?:any\s+|the\s+|all\s+)?[\w-]+\s+(?P<b>"
    + _WHICH
    + r".*?)\s+(?:"
    + _LEFT_OUT
    + r").*?)\s*$",
    re.I,
)
# '…, ask the AI for a summary and, before sending it by email to x@y, save it in Notion': the send said in a 'before'
# clause runs after the step that follows it
_SENDS_SAID = {"sending": "send", "posting": "post", "emailing": "email", "sharing": "share", "publishing": "publish",
               "texting": "text", "forwarding": "forward", "mailing": "mail"}  # fmt: skip
_NO_STOP = r"(?:[^,;.]|\.(?=\S))"  # (an address's dots end nothing)
_BEFORE_GERUND = re.compile(
    r"(?:,\s*(?:and\s*,?\s*)?|\s+and\s*,\s*)before\s+(?P<verb>" + "|".join(_SENDS_SAID) + r")\b"
    r"(?P<rest>" + _NO_STOP + r"*),\s*(?P<main>" + _NO_STOP + r"+)",
    re.I,
)


def _said_first(sentence: str) -> str:
    """'A and, before sending it to x@y, B' → 'A, B, then send it to x@y': the steps in the order they run."""
    return _BEFORE_GERUND.sub(
        lambda m: (
            f", {m.group('main').strip()}, then {_SENDS_SAID[m.group('verb').lower()]}{m.group('rest')}"
        ),
        sentence,
    )


# '… text the client a confirmation, but before that add the booking to Airtable': the step said to come first is a
# sentence of its own, moved before the send as 'Before that, …' is
_EARLIER_AFTER = re.compile(
    r"\s*[,;]\s*(?=(?:but|and)\s+(?:before\s+(?:that|this|doing\s+(?:that|this|so))|first)\b)", re.I
)
_EXCLUSION_AFTER = re.compile(
    r"\s*;\s*(?=(?:but\s+)?(?:skip|ignore|exclude|leave\s+out)\s+(?:any|all|the|those)\b"
    r"|(?:and\s+)?(?:if|when)\s+(?:there\s+(?:are|is|were|was)\s+(?:no|none)\b|nothing\b))",
    re.I,
)


def _decides(step: Step) -> bool:
    """A test, router or fan that decides what runs; a test with nothing on either side ('open issues created more
    than 7 days ago') only narrows what was fetched."""
    return step.kind in ("router", "fan") or (step.kind == "condition" and any(b for _, b in step.branches))


# 'If there are no returns, don't send anything', 'if nothing new comes back, stop': a guard on what was fetched
_GUARD = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:only\s+)?(?:if|when)\s+(?:there(?:\s+(?:are|is|were|was)|['’]s)\s+(?:no\b|none\b|nothing\b)|"
    # ('If there aren't any, skip the email')
    r"there\s+(?:(?:are|is|were|was)\s+not|aren['’]?t|isn['’]?t|weren['’]?t|wasn['’]?t)\s+any\b|"
    r"nothing\s+(?:new\s+)?(?:is|was|comes?|came|turns?|has|have|had|did|does|[a-z]{3,}ed)\b|(?:it|they|the\s+[\w-]+)\s+(?:is|are|comes?\s+back)\s+empty\b|"
    # 'if the search finds nothing', 'if it returns nothing': the read found no item
    r"(?:it|they|the\s+[\w-]+)\s+(?:finds?|found|returns?|returned|turns?\s+up|turned\s+up|brings?\s+back|gets?)\s+"
    r"(?:nothing|no\s+(?:results?|items?|matches|hits))\b|"
    # 'if no product is under 10, don't send the email': none of the items passes
    r"no\s+(?:single\s+)?[\w-]+\s+(?:is|are|was|were|has|have|falls?|drops?|goes)\b)"
    r"[^,;.]{0,60}?,?\s*(?:then\s+)?(?:just\s+)?"
    r"(?:do(?:n'?t|\s+not)\s+(?:send|post|email|message|notify|write|do|create)\w*(?:\s+(?:anything|it|them|(?:an?|the)\s+[\w-]+))?|"
    r"(?:send|post|email|do|write)\s+nothing|skip(?:\s+it|\s+the\s+rest|\s+(?:the|that|this)\s+[\w-]+)?|stop|end(?:\s+there|\s+the\s+run)?|"
    # ('if nothing is low, nothing should go out', '…, no email goes out': nothing is sent)
    r"exit|quit|nothing\s+(?:happens|is\s+sent|goes\s+out|gets\s+sent|(?:should|shall|will|must)\s+(?:happen|go\s+out|be\s+sent)|"
    # ('…, no Slack message is posted': the service may name the message)
    r"needs\s+to\s+happen)|no\s+(?:[\w-]+\s+)?(?:e-?mail|message|alert|post|notification|reminder)s?\s+"
    r"(?:(?:should|shall|will|must)\s+)?(?:goes?\s+out|be\s+(?:sent|posted)|is\s+(?:sent|posted)|gets?\s+(?:sent|posted))|"
    # ('If nothing has expired, no issue.', '…, no ticket': the thing the step makes, none)
    r"no\s+(?:[\w-]+\s+)?(?:e-?mail|message|alert|post|notification|reminder|issue|ticket|task|page|sms|text|"
    r"digest|summary|report|card|row)s?)"
    r"(?:\s*,?\s*(?:please|pls|plz|thanks|thx))?\s*[.!]?\s*$"
    # the same said ban first: 'Don't post anything if nothing was completed', 'send nothing when there are none'
    r"|^\s*(?:and\s+|but\s+)?(?:just\s+)?(?:do(?:n'?t|\s+not)\s+(?:send|post|email|message|notify|write|do|create)\w*"
    r"(?:\s+(?:anything|it|them|(?:an?|the)\s+[\w-]+))?|(?:send|post|email|do|write)\s+nothing)\s+(?:if|when)\s+"
    r"(?:there(?:\s+(?:are|is|were|was)|\s*['’]s)\s+(?:no\b|none\b|nothing\b)|nothing\s+(?:new\s+)?(?:is|was|were|comes?|came|got)\b)"
    r"[^,;.]{0,60}[.!]?\s*$"
    # the same said of the other side: 'Only post if there's something', 'only send it when there are any'
    r"|^\s*(?:and\s+|but\s+)?only\s+(?:send|post|email|message|notify|write|create)\w*"
    r"(?:\s+(?:anything|it|them|(?:an?|the)\s+[\w-]+))?\s+(?:if|when)\s+"
    r"there(?:\s+(?:are|is|were|was)|\s*['’]s)\s+(?:something|anything|any\b)[^,;.]{0,60}[.!]?\s*$",
    re.I,
)
_ONLY = re.compile(
    r"^\s*only\s+(?:the\s+)?[\w-]+\s+(?P<c>" + _WHICH + r".*?)(?:\s+(?:should|get|gets|receive|are)\b.*)?$",
    re.I,
)


def _a_place(test: str) -> bool:
    """Whether what `_EXCLUDED` read as a test of the items only names a place: 'in Slack', 'to #general', 'on our
    Teams channel' (a service, or a channel, and no more than a few words)."""
    place = re.fullmatch(
        r"\s*(?:in|on|to|into|via|through)\s+(?P<rest>(?:[\w#@.'’-]+\s*){1,5}?)\W*", test, re.I
    )
    return place is not None and (
        place.group("rest").lstrip().startswith("#") or bool(lx.integrations_in(place.group("rest")))
    )


def _complement_said(scope: tuple[str, bool], loop: Step) -> bool:
    """Whether a ban on the items of a loop ('Never email parents whose kids were there', "Don't email members who
    came") only says again the other side of the items the loop's own step already chose by a relative clause
    ('email … every player who missed today's lesson'): a ban with no value of its own (nothing quoted, no number, no
    field named) after such a choice."""
    test, negated = scope
    if not negated or re.search(r"['\"‘“\d_]", test) or lx.threshold_in(test):
        return False
    if not re.match(r"\s*(?:who|whose)\b", test, re.I):
        return False
    said = " ".join([loop.text or ""] + [s.text or "" for s in loop.body])
    return re.search(r"\b(?:who|whose)\s+(?!(?:are|is|have|has)\s+not\b)[a-z]", said, re.I) is not None


def _item_scope(sentence: str) -> tuple[str, bool] | None:
    """(the test, negated) when a sentence after a loop names which items it leaves out or keeps:
    'Tenants marked 'autopay' shouldn't get one', 'Skip customers with a refund', 'Only orders from EU …'."""
    if ACTION_START.match(sentence.strip()) and not re.match(
        r"\s*(?:skip|ignore|exclude|leave out)\b", sentence, re.I
    ):
        return None
    found = _EXCLUDED.match(sentence)
    if found and _a_place(found.group("a") or found.group("b")):
        return None  # "don't post anything in Slack", 'never send anything to #general': a ban on a place, no test
    if found:
        return (found.group("a") or found.group("b")).strip(), True
    only = _ONLY.match(sentence)
    if only:
        return only.group("c").strip(), False
    return None


_QUOTED_ARROW = re.compile(r"^\s*(?:[-*•]\s*|\d{1,2}[.)]\s*)?['\"‘“][^'\"’”\n]{1,30}['\"’”]\s*(?:->|→|=>)")


_KIND_GOES = re.compile(
    r"^\s*(?:and\s+)?(?:[a-z][\w'’-]*\s+){1,4}(?:go|goes|should\s+go|must\s+go|get\s+sent|are\s+sent|"
    r"get\s+forwarded|are\s+forwarded)\s+(?:straight\s+|directly\s+)?(?:to|into|in|on|onto)\s",
    re.I,
)


def _is_route(sentence: str) -> bool:
    """'Billing -> post in #billing', 'Bugs become Linear issues': a sentence that sends one category somewhere."""
    # ("- 'post' → email packing@…": a quoted category before an arrow is a route even when it is a verb's word)
    quoted = _QUOTED_ARROW.match(sentence) is not None or _KIND_ARROW.match(sentence) is not None
    # ('book orders go into the Google Sheet 'Orders'': a kind whose first word a verb also spells, said going somewhere)
    quoted = quoted or _KIND_GOES.match(sentence) is not None
    if (ACTION_START.match(sentence) and not quoted) or _IF.search(sentence):
        return False
    said = _ACTS_FOR.match(sentence)  # 'for support, he creates a Zendesk ticket': the kind, a comma, the act
    if said and _bare_verb(said.group("act")) is not None:
        return True
    parts = _label_kept(sentence)  # none for punctuation alone (', ')
    if not parts:
        return False
    if numeric_head(parts[0]):
        return False  # 'under 50 -> …': a band of a value is a test (bands chain as else-ifs)
    route = _route_of(parts[0])
    return (
        route is not None
        and (route[0].lower() not in ("it", "them", "this", "we", "i", "you", "they") or route[0] == "IT")
        # 'AC: the tenant gets an email …', 'Always: append …': a heading of the ticket, no category
        and route[0].strip().lower() not in lexicon()["section_labels"]
    )  # 'IT -> a Linear ticket': the department, not a pronoun


def _sorted_head_route(sentence: str) -> bool:
    """'… he triages it into sales, support or spam: for sales, he adds a contact …': a sentence that sorts, then
    starts its list of routes after a colon."""
    bare = lx.URL_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    head, colon, tail = bare.rpartition(":")
    return bool(
        colon
        and re.search(
            # ('Depending on the type: faulty → email …; lost in post → add a row …': what the routes turn on)
            r"\b(?:sort|triage|classif|categori[sz]|bucket|label|decide|route|dispatch)\w*\b"
            r"|\b(?:depending\s+on|based\s+on|according\s+to)\s+(?:the|its|their|each)\b",
            head,
            re.I,
        )
        # 'route by channel column:' then the routes one per line: the routes it announces
        and (
            _route_of(tail.strip()) is not None
            or (not tail.strip() and (_ROUTE.search(head) or _ROUTE_ON.search(head + ":")) is not None)
        )
    )


def _arrow_head_route(sentence: str, run: list[str]) -> bool:
    """'Every incoming WhatsApp message: order → row in Supabase; complaint → Jira ticket; question → reply on
    WhatsApp': a sentence whose tail after a colon is the first of three or more '<kind> → <destination>' routes,
    the others said after it — one decision among the kinds, though no verb said 'sort' (the head may be blank: the
    trigger it named is read apart)."""
    bare = lx.URL_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    head, colon, tail = bare.rpartition(":")
    arrow = r"(?:->|→|=>)"
    return bool(
        colon
        and len(run) >= 2
        and _KIND_ROUTE.match(tail)
        and _route_of(tail.strip()) is not None
        and all(re.search(arrow, r) and _route_of(_LIST_MARK.sub("", r, count=1)) for r in run)
        and not any(numeric_head(r) for r in [tail, *run])
    )


# 'an agent judges sentiment', 'an AI reads it and says whether the lead is qualified', 'classify each one's tone': a
# step whose answer the labelled lines after it act on
_JUDGES = re.compile(
    r"\b(?:classif\w*|categori[sz]\w*|triage\w*|judg\w*|rates?|rating|scores?|scoring|assess\w*|grades?|grading|"
    r"decides?|detects?|labels?|labell?ing|sentiment|tone|urgency|whether)\b",
    re.I,
)


# 'Only the negative ones go to Jira (project CX) and #cx on Slack; the rest become rows in …': after a step that
# judges, the items it gave one label and where they go, then the other side
_ONES_GO = re.compile(
    r"^\W*(?:only\s+)?(?:the\s+)?(?P<label>[a-z][\w-]*)\s+ones\s+(?:should\s+|will\s+)?(?:go(?:es)?|get\s+sent|are\s+sent)\s+"
    r"(?:to|into|in)\s+(?P<dest>[^;]+?)"
    r"(?:\s*[;,]\s*(?:and\s+)?(?P<rest>the\s+rest|the\s+others|the\s+other\s+ones|everything\s+else|all\s+others)\s+"
    r"(?P<rv>\S[^;]*?))?[\s.!]*$",
    re.I,
)


_REST_OF_ONES = (
    r"^\W*(?:and\s+)?(?:the\s+rest|the\s+others|the\s+other\s+ones|everything\s+else|all\s+others)\s+\S"
)


def _ones_go(sentence: str) -> str | None:
    """'Only the negative ones go to Jira and #cx on Slack; the rest become rows in …' read as 'if it is negative,
    add it to Jira and post it to #cx on Slack; otherwise create rows in …'; None for another sentence."""
    found = _ONES_GO.match(sentence)
    if found is None or found.group("label").lower() in _NO_CATEGORY:
        return None
    # 'hot ones go to #x, warm ones get added to …, cold ones just end there': a route per kind, read as routes
    if re.search(r"[,;]\s*(?:and\s+)?(?:the\s+)?[a-z][\w-]*\s+ones\b", found.group("dest"), re.I):
        return None
    acts = []
    for dest in re.split(r"\s+(?:and|&)\s+", found.group("dest").strip()):
        said = _sent_to(f"it goes to {dest}")
        if said is None:
            return None
        acts.append(said)
    out = f"if it is {found.group('label')}, {' and '.join(acts)}"
    if found.group("rest"):
        other = _route_of(f"{found.group('rest')} {found.group('rv')}")
        if other is None:
            return None
        out += f"; otherwise {other[1]}"
    return out


# a sentence that opens on a plural and what picks some of them out ('guests with fewer than 2 …', 'orders over …')
_ITEMS_FIRST = re.compile(
    r"^(?P<lead>\W*)(?P<noun>[a-z][\w-]*s)(?=\s+(?:with|whose|that|which|who|where|over|above|under|below|more|less|"
    r"fewer|older|newer)\b)",
    re.I,
)


def _join_routes(parts: list[str]) -> list[str]:
    """Routes stated one per sentence (or per ';') are read as one sentence: three of them are a router."""
    out: list[str] = []
    run: list[str] = []
    parts = list(parts)
    for i in range(len(parts) - 1, 0, -1):
        # '… the negative ones go to #cx; the rest become rows in …': the other side, said as a sentence of its own
        if _ONES_GO.match(parts[i - 1]) and re.match(_REST_OF_ONES, parts[i], re.I):
            parts[i - 1 : i + 1] = [parts[i - 1].rstrip(" .;") + "; " + parts[i]]
    for sentence in [*parts, ""]:
        ones = (
            _ones_go(sentence)
            # ('for each one have AI rate the tone; angry ones go to …': the loop's own test of each item, read there)
            if sentence and out and not run and _JUDGES.search(out[-1]) and not _LOOP.search(out[-1])
            else None
        )
        if ones is not None:
            out.append(ones)
            continue
        if sentence and _is_route(sentence):
            run.append(sentence)
            continue
        if run and _LIST_MARK.fullmatch(sentence):
            continue  # '3. Plumbing … 4. Electrical …': the numbers of a list of routes part no route from the next

        head = (_sorted_head_route(out[-1]) or _arrow_head_route(out[-1], run)) if out and run else False
        if head and len(run) >= 1:
            # 'he triages it into sales, support or spam: for sales, he adds …; for support, he creates …': the routes
            # after the one the sorting sentence began with are its own
            routes = [_LIST_MARK.sub("", r, count=1) for r in run]
            if out[-1].rstrip().endswith(":"):  # 'route by channel column:' then one route per line
                out[-1] = out[-1].rstrip() + " " + ", ".join(routes)
            else:
                out[-1] = "; ".join([out[-1].rstrip(" .;"), *routes])
        elif (
            len(run) == 2
            and out
            and _JUDGES.search(out[-1])
            # one route a line ('Buyers go to …, sellers get …, renters get …' is a list of routes of its own)
            and all(
                _route_of(r)
                and sum(1 for c in _route_clauses(_LIST_MARK.sub("", r, count=1)) if _route_of(c)) == 1
                for r in run
            )
        ):
            # 'an agent judges sentiment.' then 'negative -> create …' / 'positive -> add …' on their own lines:
            # what is done for each answer of the step before, a test of that answer
            for r in run:
                cat, act = _route_of(_LIST_MARK.sub("", r, count=1))  # type: ignore[misc]
                out.append(f"if it is {cat.strip()}, {act}")
        else:
            # ("For returns, reply …. For anything else, forward …": routes whose kind a comma sets off are parted
            # by ';', as `_route_clauses` reads them)
            fors = any(_ACTS_FOR.match(_LIST_MARK.sub("", r, count=1)) for r in run)
            # ('Reeds jobs go to Giorgio, who only reads WhatsApp: his number is …': a route with a colon or a 'who'
            # clause of its own is parted from the next by ';' too)
            marked = any(
                _CONTACT_ASIDE.search(r.rstrip(" ."))
                or re.search(r",\s+(?:who|whom|whose)\b", r)
                # ('- Community or school project → …': a kind of two words joined by 'or', which a comma before it
                # would join to the route before as a list)
                or re.search(r"\sor\s", (_route_of(_LIST_MARK.sub("", r, count=1)) or ("",))[0])
                # ('book orders go into …': a kind a verb opens, which a comma before it would read as a step)
                or _KIND_GOES.match(_LIST_MARK.sub("", r, count=1))
                and ACTION_START.match(r.lstrip())
                for r in run
            )
            # ('Depending on the type: faulty → email …; lost in post → add a row …': two routes after the words
            # that say what they turn on are one decision too)
            joined = len(run) >= 3 or (
                len(run) == 2 and _sorted_head_route(_LIST_MARK.sub("", run[0], count=1))
            )
            out += [("; " if fors or marked else ", ").join(run)] if joined else run
        run = []
        if sentence:
            out.append(sentence)
    return out


def _apply_count(steps: list[Step], count: int | None) -> None:
    """'summarise the top 5': the first source that can limit its results fetches that many."""
    if count is None:
        return
    for step in steps:
        field = next((f for f in lexicon()["count_fields"] if f in step.values), None)
        if step.kind == "source" and field:
            step.values[field] = str(count)
            return
