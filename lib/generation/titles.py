"""A workflow's name and the default subject of what it sends, from the user's own words.

The name is the opening of the request, cut where it stops saying what the run does: a greeting
('Hi team,'), a request opener ('Please could you make a workflow that …'), a clause number ('4.1')
and a heading's next line are not part of it; a test ('… on CoinGecko and if it is below …') ends
it; a link keeps its host and first path segment ('check https://api.x.com/health' → 'Check
api.x.com/health'), an e-mail address is left out. The words come from `lexicon.json` `titles`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lib.generation import forms, mail
from lib.generation import lexicon as lx
from lib.generation import rx as re
from lib.generation.lexicon import lexicon
from lib.generation.steps import ACTION_START

# '[Finance][P1] Month-end FX snapshot' on a line of its own: a ticket's title, its tags first
TICKET_TITLE = re.compile(r"\A\s*(?:\[[^\]\n]{1,40}\]\s*)+[^\n]*(?=\n\s*\S)")
# (only a short word of the path is kept: a token or an id in a link never reaches a name)
_URL = re.compile(r"https?://([^\s/?#]+)((?:/[A-Za-z][A-Za-z-]{0,23}(?=[/?#\s.,;:)]|$))?)\S*")
_ADDRESS = re.compile(r"(?:\s+(?:at|to|on))?\s*\S+@\S+")
# a clause number ('4.1 ', '3) ', 'C2. '), a heading's or a list's mark ('## ', '- ') before the text
# ('Q3 board pack': a letter and a number without its mark is a name, kept)
_NUMBER = re.compile(r"\A\s*(?:[A-Z]\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)*[.)]?|#{1,6}|[-*•])\s+(?=\S)")
# where the name stops: the next line or sentence, a test ('… and if …', ', unless …'), a purpose ('… so they can
# …'), an arrow (what follows it is the next step) or an ellipsis
_CUT = re.compile(
    r"\s*(?:\n|[.?!](?=\s)|…|\s(?:->|→|=>)(?:\s|$)|,?\s+(?:and\s+)?(?:if|unless)\b"
    r"|,?\s+so\s+(?:that|they|we|he|she|i|it|someone)\b)",
    re.I,
)
# words that point back to a sentence before them ('Sort every new one'): such a request keeps its context
# a sentence that opens as a request does: on a verb, a clock or an event
_ASKS = re.compile(
    ACTION_START.pattern
    + r"|(?:every|each|daily|weekly|monthly|hourly|nightly|when|whenever|once\s+a|twice\s+a"
    r"|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b",
    re.I,
)
_BACK = re.compile(r"\b(?:one|ones|it|them|they|those|these|that|this|there|he|she)\b", re.I)


@lru_cache(maxsize=1)
def _not_the_ask() -> re.Pattern[str]:
    """'Edge cases', 'Steps:': a section, not the ask; 'If the plan is …': a branch names no run."""
    labels = "|".join(re.escape(label) for label in lexicon()["section_labels"])
    return re.compile(rf"(?:{labels})\s*(?::|\n|$)|(?:if|otherwise|else|path)\b", re.I)


@lru_cache(maxsize=1)
def _idle_subject() -> re.Pattern[str]:
    """A subject that names no run, only that help is asked ('quick favour', 'Can you set this up')."""
    return re.compile(lexicon()["titles"]["idle_subjects"], re.I)


@lru_cache(maxsize=1)
def _read_lead() -> re.Pattern[str]:
    return re.compile(rf"\A(?:{lexicon()['titles']['read_leads']})(?=\S)", re.I)


def subject(description: str) -> str:
    """An e-mail's subject when the text dictates none: the name, without the read that opens it ('Pull last
    week's closed Jira issues' → "Last week's closed Jira issues"; 'Check the Bitcoin price on CoinGecko' →
    'Bitcoin price on CoinGecko'): what the message is about, not what the run did first."""
    name = title(description, up_to_next_step=True)
    rest = _read_lead().sub("", name, count=1)
    if (
        rest == name
        or len(rest.split()) < 2
        or re.match(r"(?:of|for|in|on|at|to|from|with|by)\b", rest, re.I)
    ):
        return name  # ('Look at each of the URLs' → not 'Of the URLs')
    return rest[:1].upper() + rest[1:]


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    said = lexicon()["titles"]
    greeting = re.compile(
        rf"\A\s*(?:(?:{'|'.join(said['greetings'])})\b(?:\s+(?:{'|'.join(said['greeted'])}|[A-Z][\w'’-]*)){{0,2}}"
        r"\s*[,.!:\n]+\s*)+",
        re.I,
    )
    opener = re.compile(rf"\A\s*(?:{said['openers']})", re.I)
    # '…, summarise them', '… and email them to me': the run's next step ends the name
    actions = "|".join(said["next_actions"])
    nxt = re.compile(
        rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?:then\s+)?(?=(?:{actions})\s+(?:it|them|this|that|the|a|an|me|us|to)\b)",
        re.I,
    )
    return greeting, opener, nxt, frozenset(said["never_last"])


def after_schedule(description: str, trigger: Any) -> str:
    """The description without the schedule it opens with ('Every Monday at 9am Berlin time, pull …' → 'pull …'):
    what runs, for a name and an e-mail's subject. Unchanged when the rest is too short to name anything."""
    if getattr(trigger, "kind", None) != "schedule":
        return description
    end = 0
    for start, stop in sorted(getattr(trigger, "spans", ())):
        if re.fullmatch(r"[\s,;:—-]*", description[end:start]) is None:
            break
        end = stop
    rest = description[end:].lstrip(" ,;:—-\n")
    return rest if end and len(rest.split()) >= 3 else description


def after_event(description: str, trigger: Any) -> str:
    """The description without the event clause it opens with ('When someone fills in our Typeform, look up …'
    → 'look up …'): what runs. Unchanged for other triggers or when the rest is too short to name anything."""
    if getattr(trigger, "kind", None) != "webhook":
        return description
    opened = re.match(
        r"\s*(?:when|whenever|each time|every time|as soon as|once)\b[^,;:\n]*[,;:]\s*", description, re.I
    )
    rest = description[opened.end() :] if opened else ""
    return rest if len(rest.split()) >= 3 else description


def _request(text: str) -> str:
    """`text` from where the request starts: after a job brief's lead ('… Looking for a Sim workflow that'), or after
    the sentences told before it ("I'm the attendance officer at …. Every Friday, …") unless the request points
    back at them ('Support emails land in our Gmail. Sort every new one: …')."""
    first = text.lstrip().split("\n", 1)
    if len(first) > 1 and 0 < len(first[0].split()) <= 7 and not first[0].rstrip().endswith(("?", ":")):
        return text  # 'Vendor onboarding', 'Minutes - Finance weekly (3 Mar)': a heading names it
    start = 0
    for a, b in sorted(lx.context_spans(text, ACTION_START)):
        if text[start:a].strip(" \t\n.,;:!?-–—"):
            break
        if start and _ASKS.match(text[a:b].strip().lower()):
            break  # ('Context: we're a bakery in Leeds. Every day at 6am read …' on one line: the ask after the label's)
        start = b
    rest = text[start:].lstrip()
    lead = re.match(lexicon()["build_leads"], rest, re.I)
    if lead and not re.search(r"\bautomate\b", lead.group(0), re.I):  # ('Automate the onboarding:' names it)
        rest = rest[lead.end() :]
    if (
        len(rest.split()) < 3
        or (start and _BACK.search(" ".join(rest.split()[:5])))
        or _not_the_ask().match(rest)
    ):
        return text
    return rest


def title(description: str, up_to_next_step: bool = False) -> str:
    """At most eight words that open the request, capitalised; 'Generated workflow' when none are left.
    `up_to_next_step`: the words stop before the run's next step too (an e-mail's subject says what it carries)."""
    # (minutes read by `forms.read_minutes`: the meeting's heading is told, its label no part of the title)
    description = description.replace(forms.DISCUSSED_LABEL + " ", "")
    subject = mail.lead_subject(description)
    if (
        subject
    ):  # 'Subject: Outage comms': the memo's subject heads it, unless it only asks for help ('quick favour')
        said, rest = subject
        idle = len(said.split()) < 2 or _idle_subject().search(said)
        description = rest if idle else f"{said}\n{rest}"
    titled = TICKET_TITLE.match(description)
    if titled:  # '[Finance][P1] Month-end FX snapshot': the ticket's own title, without its tags
        description = re.sub(r"^\s*(?:\[[^\]\n]*\]\s*)+", "", titled.group(0)) or description
    # 'email the customer from Gmail: "Hi {name}, …"': the words a message says are no part of its title
    head = re.split(r"\s*:\s*[\"“‘']|\s[\"“]", description, maxsplit=1)[0]
    description = head if len(head.split()) >= 3 else description
    greeting, opener, nxt, never_last = _words()
    text = _request(description)
    while True:  # 'Hi team, please could you …', '4.1 Hello, …': each lead, in any order
        bare = opener.sub("", _NUMBER.sub("", greeting.sub("", text), count=1), count=1)
        if bare == text:
            break
        text = bare
    if len(text.split()) < 3:
        text = description
    text = _ADDRESS.sub("", _URL.sub(lambda m: m.group(1) + m.group(2), text))
    for stop in (_CUT, nxt) if up_to_next_step else (_CUT,):
        cut = stop.search(text)
        while cut and len(text[: cut.start()].split()) < (2 if stop is _CUT else 3):
            cut = stop.search(text, cut.end())  # ('If X, …': a test that opens the text is the name)
        if cut:
            text = text[: cut.start()]
    words = text.split()[:8]
    while len(words) > 3 and words[-1].lower().strip(",.;:") in never_last:
        words.pop()  # '… issues in project' → '… issues': a cut title ends on a word that says something
    name = " ".join(words).strip(" ,.;:–—->→=")
    name = name[:1].upper() + name[1:]
    if len(name) > 58:  # cut between words
        name = name[:57].rsplit(" ", 1)[0].rstrip(" ,.;:–—-") + "…"
    return name or "Generated workflow"
