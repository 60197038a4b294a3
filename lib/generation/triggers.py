"""Reading the trigger: manual, chat, a schedule (time, days, timezone) or a webhook (and from what).

The result is the starter's values in the shape JUL25 Sim runs (sim-format §9.5): `startWorkflow`
`schedule`/`webhook` with the legacy schedule/webhook subBlocks filled in. `span` is the text the
trigger phrase took up, so the step reader does not see "every Monday" as a step.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache

from lib.generation import lexicon as lx
from lib.generation import rx as re
from lib.generation.lexicon import lexicon

_DAYS = {
    "monday": "MON",
    "tuesday": "TUE",
    "wednesday": "WED",
    "thursday": "THU",
    "friday": "FRI",
    "saturday": "SAT",
    "sunday": "SUN",
    "mon": "MON",
    "tue": "TUE",
    "wed": "WED",
    "thu": "THU",
    "fri": "FRI",
    "sat": "SAT",
    "sun": "SUN",
}
_CRON_DAY = {"SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6}
_DAY_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
# the mark after an hour said with 'at': 'at 8h', 'at 7 Uhr', 'at 9 o'clock'
_HOUR_MARK = r"(?:(?<=\d)hs?\b|\s*(?:uhr|heures?|o['’]clock)\b)"
_TIME_RE = re.compile(
    # 'at 9:30', and 'at 7.15' / 'at 16.45' (a dot before two digits of minutes; 'at 4.50 USD' is a price)
    r"\b(?:at|@|by|around)\s+(\d{1,2})(?:(?::|h(?=[0-5]\d)|\.(?=[0-5]\d(?![\d%]|[.,]\d|\s*(?:percent|usd|eur|gbp|chf|dollars?|euros?|pounds?)\b)))"
    r"(\d{2}))?(?![.,]?\d|\s*(?:%|percent\b))\s*(am|pm|a\.m\.|p\.m\.)?" + _HOUR_MARK + "?"
    r"|\b(\d{1,2}):(\d{2})\s*(am|pm)?\b"
    r"|\b(\d{1,2})\s*(am|pm)\b|\b(noon|midday|midnight)\b"
    # '17h', '14h30', '8h00', '7 Uhr', '7.30 Uhr', '9 o'clock': the hour marked by a letter or word, as many
    # languages write it (a duration, 'every 2h', 'within 24h', is told apart in _clock)
    r"|\b(\d{1,2})(?:h([0-5]\d)?s?|(?:[.:]([0-5]\d))?\s*(?:uhr|heures?|o['’]clock))\b",
    re.I,
)
_PART_OF_DAY = {
    "morning": "09:00",
    "evening": "18:00",
    "afternoon": "14:00",
    "night": "21:00",
    "lunch": "12:00",
}
_QUOTED = re.compile(r"(?<!\w)'[^'\n]{2,120}'(?!\w)|\"[^\"\n]{2,120}\"|“[^”\n]{2,120}”|«[^»\n]{2,120}»")


_ASK_QUOTED = re.compile(r"(?<!\w)'[^'\n]{2,300}'(?!\w)|\"[^\"\n]{2,300}\"|“[^”\n]{2,300}”|«[^»\n]{2,300}»")
_QUOTED_ASK = re.compile(
    r"^(?:every|each|when(?:ever)?|once|daily|weekly|nightly|hourly)\b"
    r"|\b(?:we|i)\s+(?:(?:would|really)\s+)?(?:want|need|'d\s+like|’d\s+like|would\s+like|'d\s+love|’d\s+love)\b",
    re.I,
)


def _said(quote: str) -> bool:
    """'"Run it every morning at 8, Chicago time."': a quote that is a sentence someone said asking for something (it
    ends as a sentence does, holds a clause: a comma or five words, and tells no habit of its speaker), not a name
    ('the sheet 'Every Night Signups'')."""
    inner = quote[1:-1].strip()
    # ('"I spend Sunday nights reading reviews."', '"We lose 12 appointments a week."': what they do today, told)
    told = re.match(r"(?:i|we|they|he|she|it|our|my)\b(?!\s+(?:want|need|would|'d|’d)\b)", inner, re.I)
    ended = bool(re.search(r"[.!?]$", inner)) and ("," in inner or len(inner.split()) >= 5)
    # ("ask a chatbot things like 'who is my partner on Thursday?'", "'where are you today?'"): a question someone puts
    # to the workflow, what a run answers, not an ask of when it runs ('Could you run it every Monday?' is one)
    question = inner.endswith("?") and not re.match(
        r"(?:can|could|would|will)\s+(?:you|we|it)\b|please\b", inner, re.I
    )
    return (ended and not question or _asked(quote)) and not told


def _asked(quote: str) -> bool:
    """'"every Monday at 10 Pacific, take the issues … and post …"', '"When an intake email arrives, we'd like …"': a
    customer's ask quoted in notes (often with no stop): six words or more that open on when it runs or say what is
    wanted."""
    inner = quote[1:-1].strip()
    return len(inner.split()) >= 6 and _QUOTED_ASK.search(inner) is not None


def quotes_an_ask(text: str) -> bool:
    """Whether notes quote someone's ask ('- "every weekday at 7:30am, pull tomorrow's appointments … and post …"'):
    call notes that hold one record what is to be built, decided or not in a meeting's words."""
    return any(_asked(m.group(0)) for m in _ASK_QUOTED.finditer(text))


_DAY_CLOCK = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?,?\s+(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}"
    r"|\d{1,2}h(?:[0-5]\d)?)"
)
# '(sun 21:00)', 'fri 6pm': a day's short name is a day only right before a clock
# ('mon, wed & fri at 7': a bare hour after 'at')
_A_CLOCK = r"(?:(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|\d{1,2}h(?:[0-5]\d)?\b)|at\s+\d{1,2}(?![\d.,:%])\b)"
_CLOCK_AHEAD = r",?\s+" + _A_CLOCK
_ABBR_NAMES = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
# 'Tue/Thu at 7:00', 'mon, wed & fri 6pm': each short name of a list that ends before the clock
# ('tue+thu 2pm', 'mon-fri 9am': a plus lists, a dash spans a range of days)
_ABBR_LIST = r"(?:\s*[/,&+]\s*|\s*[-–]\s*|\s+(?:and|or)\s+)"  # 'Tue/Thu', 'mon, wed & fri', 'mon and thu'
_ABBR_DAY = r"\b(" + _ABBR_NAMES + r")\.?(?=(?:" + _ABBR_LIST + _ABBR_NAMES + r"\.?)*" + _CLOCK_AHEAD + ")"
# 'mon/wed/fri 10:00 JST': the list starts the schedule (its last name follows a slash)
_ABBR_DAY_CLOCK = _ABBR_NAMES + r"\.?(?:" + _ABBR_LIST + _ABBR_NAMES + r"\.?)*" + _CLOCK_AHEAD
_SCHEDULE_HINT = re.compile(
    r"(?<![-#/@])\b(every|each|daily|hourly|weekly|monthly|nightly|weekdays?|weekends?|cron|(?:half|quarter)[\s-]?hourly|"
    r"on (?:mondays?|tuesdays?|"
    r"wednesdays?|thursdays?|fridays?|saturdays?|sundays?)|(?:once|twice|three times) (?:a|per) (?:day|week|month)|"
    # 'once an hour'; 'on the 15th, 08:00 UTC': a day of the month with the clock the run keeps
    r"once (?:an|per|every) hour|on the \d{1,2}(?:st|nd|rd|th),?\s+(?:at\s+)?\d{1,2}(?::\d{2}|\s*(?:am|pm))|"
    # ('## Schedule\n1st of the month, 08:00 Europe/Amsterdam': a day of the month said with its clock)
    r"\d{1,2}(?:st|nd|rd|th)\s+(?:day\s+)?of\s+(?:(?:every|each|the|a)\s+)?month,?\s+(?:at\s+)?\d{1,2}(?::\d{2}|\s*(?:am|pm))|"
    r"at \d{1,2}(?::\d{2})?(?![.,]?\d|\s*(?:%|percent\b))\s*(?:am|pm)?|at \d{1,2}h(?:[0-5]\d)?|"
    r"\d{1,2}(?:[.:]\d{2})?\s*uhr|(?:mon|tues|wednes|thurs|fri|satur|sun)days|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:mornings|evenings|nights|afternoons)|"
    # 'Thursday 6pm: …', 'friday 17:00 send …': a day and a clock with no 'every' before them
    + _DAY_CLOCK
    + r"|"
    + _ABBR_DAY_CLOCK
    + r"|\d{1,2}(?::\d{2})?\s*(?:am|pm)?,?\s+(?:mon ?- ?fri|mon ?- ?sat|sun ?- ?thu)"
    + r")\b",
    re.I,
)
_WEBHOOK_HINT = re.compile(
    r"\b(when(?:ever)?|on (?:every |each )?new|once (?:a|an) new|each time|every time|any ?time|as soon as|upon|webhooks?|"
    r"if (?:anyone|someone|somebody|a customer|a user|i get|we get|i receive|we receive))\b",
    re.I,
)
# 'our Teams chat', 'the WhatsApp group chat': a service's chat is where that service's messages arrive, no chat run
# (so is 'our Slack bot' people DM; 'a Slack bot' is what is built, a chat run)
_NO_SERVICE_BEFORE = "".join(
    rf"(?<!{name} )"
    for name in ("teams", "slack", "whatsapp", "telegram", "discord", "google", "group", "signal")
)
# who writes to a business, said in the plural ('when ppl msg our whatsapp', 'when clients message us on WhatsApp')
_WRITERS = (
    r"(?:people|ppl|folks|customers|clients|guests|users|visitors|members|tenants|parents|students|patients|fans|"
    r"followers|buyers|shoppers)(?= (?:msg|message|text|dm|write|send|ask|whatsapp|telegram|contact|reach out|ping)\b)"
)


# 'writes to the chat', 'type their tracking number into the chat': what a person writes to the chat run
_WRITES_TO_CHAT = re.compile(
    r"(?:writes?|types?|sends?|asks?|says?|posts?|puts?|pastes?|drops?|enters?|submits?|uploads?)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:to|in|into|on)\s+(?:the |our |a )?chat\b",
    re.I,
)
_CHAT_HINT = re.compile(
    r"\b(chat ?bots?|" + _NO_SERVICE_BEFORE + r"chat with|chat interface|in (?:a |the )?chat|conversational|"
    # ('make the chat on our site answer questions', 'our website chat'): the site's own chat, each message a run
    r"(?:our|the|my) (?:web ?site|site|web|online|shop|store|booking page|homepage)(?:['’]s)? chat\b(?! (?:in|on) )|"
    r"(?:the|our|my) chat (?:on|in) (?:our|the|my) (?:web ?site|site|web page|page|homepage|shop|store)\b|"
    # ('a chat coach for my clients that remembers …', 'a chat tutor', 'a chat concierge')
    r"chat ?(?:assistant|agent|helper|tool|app|widget|box|coach|tutor|buddy|companion|concierge|advisor|adviser)(?:es|s)?|"
    # 'when someone writes to the chat a tracking number', 'if a user types in our chat …': a person writes to it
    # ('people paste a paragraph into the chat', 'staff drop a customer's complaint in the chat')
    r"(?:writes?|types?|sends?|asks?|says?|posts?|puts?|pastes?|drops?|enters?|submits?|uploads?)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:to|in|into|on)\s+(?:the |our |a )?chat\b|"
    r"(?:ai|virtual|support|sales|help ?desk) (?:assistant|agent)s? (?:that|which|who|to) (?:answers?|helps?|talks?)|"
    r"assistant that answers|bot that answers|q ?& ?a (?:bot|chat)|(?<!\bour )(?<!\bmy )slack ?bot|chat (?:trigger|messages?|questions?|input|window)|"
    r"(?:whatever|what|anything) (?:the |a )?(?:user|visitor|customer)s? (?:asks?|types?|says?|writes?)|"
    # said aloud: 'a chat thing. … They ask it, like, '…' and it answers', 'a bot thing … they type stuff like …',
    # 'a little assistant people can talk to': a thing people talk to, the run each time they do
    r"\ban? (?:(?:little|simple|small|quick|kind of|sort of|like|new) )*(?:chat|chatbot|chat bot|bot|assistant) thing\b|"
    r"\ban? (?:(?:little|simple|small|quick|ai|new) )*(?:assistant|bot|chatbot|helper)s?,? (?:that )?(?:[\w-]+ ){1,2}"
    r"(?:can|could|will|would) (?:just )?(?:talk to|chat (?:to|with)|ask(?: it)?|message|text|write to)\b|"
    r"\b(?:they|people|users|customers|visitors|staff|members|volunteers|guests|folks|students|patients|clients) "
    r"(?:(?:can|could|will|would|just|like|um|uh|er),? )*(?:ask|message|talk to|chat (?:to|with)|write to) it\b"
    r"(?=[^.?!\n]{0,120}?(?:[.?!\n]\s*)?[^.?!\n]{0,120}?\bit,?\s+(?:(?:um|uh|er|like|just|then),?\s+)*(?:answers|replies|responds|"
    r"tells|looks|checks|searches|finds))|"
    # 'a chat where I type …', 'a chat in which staff ask …'
    r"an? (?:[\w-]+ ){0,2}?chat,? (?:(?:workflow|flow|app|tool|page|window|thing|box|system) )?(?:where|in which|that|which|for)|"
    # 'a chat in Sim where sales can ask …', 'a chat on the docs site; it answers from …': where it lives, then its use
    # ('a chat on our tea room's website that …': the place's owner said before it)
    # ('a chat on our website and QR codes in the pods that answers guests', 'a chat on the site of our surf school
    # in Peniche: the student asks and the assistant replies …': more than one place, or whose place, said first)
    r"an? (?:[\w-]+ ){0,2}?chat (?:in|on) (?:sim|(?:the|our|my) [\w'’-]+(?: [\w'’-]+){0,2}?"
    r"(?:(?: of| for| and(?: on| in| at)?)(?: the| a)?(?: our| my)? [\w'’-]+(?: [\w'’-]+){0,8}?)?)"
    r"(?: (?:where|in which|that|which)\b|"
    r"\s*[;:,\u2013\u2014-]\s*(?:[^.;:!?\n]{0,60}?\s)?(?:it|the (?:bot|assistant|agent|ai)) "
    r"(?:answers?|repl(?:y|ies)|responds?|looks|searches|reads)\b)|"
    # 'a chat on our website answering donor questions', 'a chat in Sim helping new hires with …': what it does, said
    # by a participle
    r"an? (?:[\w-]+ ){0,2}?chat,? (?:(?:workflow|flow|app|tool|page|window|thing|box|system) )?"
    r"(?:(?:in|on) (?:sim|(?:the|our|my) [\w-]+(?: [\w-]+)?) )?(?:answering|replying to|helping|handling|taking)\b|"
    # 'a chat they can type a postcode into', 'a chat our volunteers could ask': who uses it, then what they do
    r"an? (?:[\w-]+ ){0,2}?chat,? (?:(?:workflow|flow|app|tool|page|window|thing|box|system) )?(?:[\w-]+ ){1,2}(?:can|could|will|would) "
    r"(?:type|ask|enter|paste|talk|send|write|use|query)\b|"
    # 'chat where new hires can ask …', 'chat for the warehouse team to …': the same, with no article (a service's
    # own chat, 'whatsapp chat where …', is that service's)
    r"^\W*(?:(?!(?:slack|teams|whatsapp|telegram|discord|group)\b)[\w-]+ )?chat (?:(?:workflow|flow|app|tool|page|window|thing|box|system) )?"
    r"(?:where|in which|that|which|for)\b|"
    # 'customer support chat: answer …', 'HR help chat - …': the run is a chat, named first
    r"^\W*(?:[\w-]+ ){0,3}chat ?(?::|-|—)|"
    # '## Channel\nChat', 'Channel: deployed chat page': a spec's field naming where it runs (not a service's chat)
    r"(?:^|\n)[#*\s-]*channels?[*\s]*(?::|\n)[#*\s-]*(?:an?\s+|the\s+)?(?:deployed\s+|sim\s+|web\s+|website\s+|public\s+)?"
    r"chat(?:\s+(?:page|window|widget|interface|box|ui))?[ \t]*(?=\n|$|[.;,(])|"
    # 'wire up the 'Ask Finance' chat', 'set up our "Menu Helper" chat': a chat the user names, made (not a service's
    # chat: 'the 'Front Desk' chat in Teams')
    r"(?:\b(?:set|wire|spin|put)\s+(?:up|together)\s+|\b(?:build|make|create|add|launch)\s+)"
    r"(?:the|a|an|our|my)\s+(?:new\s+)?['‘\"“][^'’\"”\n]{2,40}['’\"”]\s+chat(?:bot)?\b"
    r"(?!\s+(?:in|on)\s+(?:ms\s+|microsoft\s+)?(?:teams|slack|whatsapp|telegram|discord|google)\b))",
    re.I,
)
# 'i want to hit run', 'whenever we press the run button', 'when I click Start': a press of the workflow's own button
_PRESS_RUN = (
    r"\b(?:i|we)\s+(?:[\w'’]+\s+){0,3}?(?:click|press|hit|tap|push)(?:es|s|ed)?\s+(?:on\s+)?(?:the\s+)?['‘\"“]?"
    r"(?:run|start|go)['’\"”]?(?:\s+button)?(?!\s*[\w'’-]*\s*(?:of|on|in|for|at)\b)(?=\W|$)"
)
# 'I'll kick it off by hand', 'when I start it manually', 'on demand': a person starts each run
_MANUAL_HINT = re.compile(
    r"^\W*(?:manual(?:ly)?|on demand|by hand)(?:\s+(?:run|trigger|start|workflow))?\s*(?::|-|—)|"  # 'Manual run: …'
    r"\b(?:manual(?:ly)?\s+(?:run|triggered|started)\s+workflow|manual workflow)\b|"
    # ('I'd like to run a workflow by hand with the description …')
    r"\b(?:(?:start|run|kick|trigger|launch|fire)\w*\s+(?:it|this|them|(?:the|a|an|my|our) (?:workflow|flow|automation))?"
    r"\s*(?:off\s+)?"
    r"(?:by hand|manually|on demand|myself)|on demand|when i (?:click|press|hit|tap|push|run|start|trigger|launch|call|invoke)\b"
    # 'i want to hit run n have it pull …', 'whenever I press run, …': the user's press of Run is each run
    r"|" + _PRESS_RUN +
    # 'When I type in the topic of a letter, …', 'when I paste a link, …': the run's input, given by hand (not
    # words typed in a place whose event it is: 'when I type a message in #ideas on Slack')
    r"|\bwhen(?:ever)?\s+i\s+(?:type|paste|key)(?:\s+in)?\b(?![^.;,\n]*?(?:#|@|\b(?:slack|teams|discord|telegram|"
    r"whatsapp|channel|chat|bot|inbox|e-?mail|sheet|notion|airtable|form|jira|linear|github)\b))"
    r"|i(?:'ll| will)? (?:kick|start|run|trigger|launch) (?:it|this|the workflow)(?: off)?\b"
    # 'run this whenever I like', 'something I can fire whenever I want': the user picks each run's moment
    r"|\b(?:whenever|any\s*time|when)\s+(?:i|we)\s+(?:(?:feel\s+)?like|want|wish|choose|please|fancy)\b"
    r"(?!\s+(?:a|an|the|some|it|them|this|that)\b)"
    # 'a workflow I can run whenever a new setter starts': a run the user starts on each such occasion
    r"|\b(?:i|we)\s+(?:can|could)\s+(?:just\s+)?(?:run|start|kick|trigger|launch|fire)\w*(?:\s+(?:it|this|that))?"
    r"(?:\s+off)?\s+(?:whenever|any\s*time|each\s+time|every\s+time)\b[^,:;.!?\n]*"
    # 'I give it their name and email', 'I paste a customer's order number': the run's input, handed over by the user
    # (not words given in a place whose event it is: 'I paste a link in #links on Slack')
    r"|\b(?:i|we)(?:['’]ll|\s+will)?\s+(?:just\s+)?(?:(?:give|hand|feed)\s+it|pass\s+it\s+(?=(?:a|an|the|their|his|her|my|our)\b)"
    r"|paste\s+(?=(?:in\s+)?(?:a|an|the|their|his|her|my|our|some)\b))"
    r"(?!\s+(?:to|back|over|on|along|a\s+(?:label|tag|score|go))\b)(?![^.;\n]*?(?:#|@|\b(?:slack|teams|discord|telegram|"
    r"whatsapp|channel|chat|bot|inbox|e-?mail(?:s|ed)?\s+to|sheet|notion|airtable|form|jira|linear|github)\b))"
    # 'Make it a button I can press with the URL', 'a button staff can click': each press is a run
    r"|\b(?:make|turn)\s+(?:it|this|that)\s+(?:into\s+)?an?\s+button\b"
    r"|\ban?\s+button\s+(?:(?:that\s+)?(?:i|we|you|they|people|staff|anyone)\s+)(?:can\s+|could\s+)?(?:press|click|hit|push|tap)\b"
    # 'run it from a button, manually', 'kick it off with a button', 'at the click of a button': a press is the run
    r"|\b(?:run|start|trigger|kick|launch|fire)\w*\s+(?:it\s+|this\s+|them\s+|the\s+(?:workflow|flow)\s+)?(?:off\s+)?"
    r"(?:from|with|by|via)\s+(?:a|the|one)\s+(?:single\s+)?button\b|\bat\s+the\s+(?:click|press|push|tap)\s+of\s+a\s+button\b"
    # "I'd like to press a button and have AI do that for every photo": the user's own press is the run
    r"|\b(?:i|we)(?:['’]d|\s+would|\s+want|\s+wanna|\s+need)?\s+(?:like\s+|love\s+|prefer\s+)?(?:to\s+)?(?:just\s+)?"
    r"(?:press|click|hit|push|tap)\s+(?:a|one)\s+(?:single\s+)?button\b)",
    re.I,
)
# 'callable from our CRM via API', 'call this workflow via API': the run is started by a call
_BY_CALL = (
    # ('a Sim workflow our CRM calls through the API', 'we can call from our backend via its API')
    r"|\b(?:callable|call(?:s|ed)?|invoked?|invokes|invokable)\s+(?:it\s+|this\s+(?:workflow\s+|flow\s+)?)?"
    r"(?:from\s+(?:our|my|the|their|an?)\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:via|through|over|using)\s+"
    r"(?:an?\s+|the\s+|our\s+|its\s+)?(?:api|http|rest)"
)
# 'Build me an API endpoint: I POST …', 'expose this as an API': the workflow is called over HTTP
_API_HINT = re.compile(
    r"\b(?:(?:build|give|make|create|set up|want)\s+(?:me\s+|us\s+)?an?\s+(?:api|http|rest|webhook)\s+endpoint"
    # ('Has anyone exposed a workflow as an API? …', 'Is it possible to publish our workflow as an API endpoint?': asked
    # of a forum, the same wish)
    r"|(?:expose|publish|offer|serve)[a-z]*\s+(?:this|it|that|(?:a|the|my|our)\s+(?:sim\s+)?(?:workflow|flow)|workflows)"
    r"\s+as\s+(?:an?\s+)?(?:api|endpoint|http endpoint|api endpoint)"
    # 'expose a Sim API that our admin panel calls', 'our portal will call a Sim API with …', 'the shop calls our Sim
    # endpoint': an API or endpoint of Sim's is the workflow's own, which the program calls
    r"|(?:expose|publish|offer|serve)\s+(?:a|an|our)\s+sim\s+(?:api|endpoint)"
    r"|(?:call|calls|hit|hits|invoke|invokes|ping|pings)\s+(?:a|an|our|the|this)\s+sim\s+(?:api|endpoint|workflow)"
    # ('call a Sim workflow via its API with a name and email': how the call reaches it is part of the call)
    r"(?:\s+(?:via|through|over|using)\s+(?:its|the|an?|sim['’]s)\s+(?:api|http|rest)(?:\s+endpoint)?\b)?"
    # 'our app will call the workflow API with {…}', 'the backend calls the workflow's endpoint on each scan'
    r"|(?:call|calls|hit|hits|invoke|invokes|ping|pings)\s+(?:the|this|our)\s+(?:sim\s+)?(?:workflow|flow)(?:['’]s)?"
    r"\s+(?:api|endpoint)\b"
    r"|an?\s+(?:api|http|rest)\s+endpoint\s+(?:that|which|where|taking|accepting|receiving)"
    # 'an API endpoint in Sim the website calls with {name, email}': the caller named, then its call
    # ('an API endpoint my website can call with a question': no 'in Sim', the caller named all the same)
    r"|an?\s+(?:api|http|rest)\s+endpoint\s+(?:(?:in|on)\s+sim\s+)?(?:(?:that|which)\s+)?(?:(?:our|the|their|my)\s+)?"
    r"[\w-]+(?:\s+[\w-]+)?\s+(?:(?:can|could|will|would)\s+)?(?:calls?|hits?|invokes?)\b"
    # '(we'll call the workflow via API with the doc id)', 'our app will hit this workflow over HTTP'
    # ('our CMS will call a Sim workflow through its API with a draft')
    r"|(?:call|calls|hit|hits|trigger|triggers|invoke|invokes|start|starts)\s+(?:the|this|our|an?)\s+(?:sim\s+)?"
    r"(?:workflow|flow)\s+"
    r"(?:via|through|over|with|using|from)\s+(?:an?\s+|the\s+|its\s+)?(?:api|http|rest|post|request|endpoint)"
    # 'when our API is called with a patient id', 'when the endpoint gets hit', 'when our app calls the workflow
    # with an order id': the call is what starts each run
    # ('our website should send customer questions to a Sim workflow through the API', 'posts each order to the workflow
    # over HTTP'): what is sent to the workflow by a call starts it
    r"|(?:send|sends|sent|post|posts|pass|passes|forward|forwards|submit|submits|push|pushes)\s+(?:[^.;!?\n]{0,60}?\s)?"
    r"to\s+(?:the|this|our|an?)\s+(?:sim\s+)?(?:workflow|flow)\s+(?:via|through|over|using)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?:api|http|rest|endpoint)\b"
    r"|(?:our|the|this|my)\s+(?:api(?:\s+endpoint)?|endpoint|workflow|flow)\s+(?:is|gets|was)\s+(?:called|hit|invoked)"
    # ('Triggered by an API call carrying the log', 'started by an HTTP request from our app'): the run's start
    r"|\b(?:triggered|started|kicked\s+off|invoked|fired)\s+(?:by|via|through|with|from)\s+(?:an?|the|our|each)\s+"
    r"(?:api|http|rest)\s+(?:calls?|requests?)\b"
    # 'when the form calls the API, have AI …', 'whenever our app hits the endpoint': the caller's call is each run
    r"|\bwhen(?:ever)?\s+(?:the|our|my|their)\s+(?:[\w-]+\s+){0,2}?(?:calls?|hits?|invokes?)\s+(?:the|our|its|this)\s+"
    r"(?:sim\s+)?(?:api|endpoint)(?!\s+(?:of|for)\b)"
    r"|(?:calls?|hits?|invokes?)\s+(?:the|this|our)\s+(?:workflow|flow|api|endpoint)(?:(?:['’]s)?\s+(?:api|endpoint))?\s+with"
    # 'our app will call the workflow API.', 'the TMS hits the workflow's endpoint': the workflow's own API
    r"|(?:call|calls|hit|hits|invoke|invokes|use|uses)\s+(?:the|this|our)\s+(?:sim\s+)?(?:workflow|flow)(?:['’]s)?\s+"
    r"(?:api|endpoint)\b"
    # 'our CRM POSTs {email, company} to the workflow', 'our app sends the question to the workflow': a program
    # sends the run what it works on
    r"|\b(?:posts?|sends?)\s+(?:[^.;!?\n]{0,80}?\s)?to\s+(?:the|this|our|an?)\s+(?:sim\s+)?(?:workflow|flow)"
    r"(?:['’]s\s+(?:api|endpoint))?(?=\s*(?:[.;,!?\n(]|$))"
    # 'our mobile app needs an endpoint:', 'expose an API for our app': the program that calls the run is named
    r"|\b(?:app|site|website|portal|frontend|backend|widget|system)\s+(?:needs|wants|requires)\s+an?\s+"
    r"(?:api|http|rest)?\s*endpoint\b"
    # ('Expose an API endpoint for Skyquilt Drone Surveys taking …')
    r"|\b(?:expose|publish|offer|serve|want|need)\s+an?\s+(?:api(?:\s+endpoint)?|endpoint|http\s+endpoint)\s+(?:for|to)\s+"
    # 'callable from our CRM via API', 'I can call from our app via API', 'call this workflow via API'
    + _BY_CALL
    # 'API endpoint: our app POSTs …', 'endpoint for our helpdesk: it POSTs …' (a heading naming what is built)
    # ('HTTP API endpoint for our scrap yard: POST body with …')
    + r"|^\W*(?:an?\s+)?(?:(?:api|http|rest)\s+){0,2}endpoint(?:\s+for\s+[^:\n\u2014]{1,40}?)?\s*(?=[:\u2014-]))\b",
    re.I,
)


def called_by_api(text: str) -> bool:
    """Whether the text says another program calls the workflow ('an endpoint our app can call through the API',
    'expose this as an API', 'when our mobile app calls the workflow's API with a user id'): a run by hand (the
    manual starter is also the API entry) whose caller can be answered; a trigger line saying so too ('Trigger: our
    backend calls it (API) with an order_id')."""
    if _API_HINT.search(text) is not None or any(
        run_kind(_line_value(line)) == "api" for line in _TRIGGER_LINE.finditer(text)
    ):
        return True
    # '… and returns a one-paragraph pitch as the API response', '… returns a short bio as JSON in the response': what
    # the run hands back to a caller says there is one (lexicon.json 'caller_replies', with the words of an API)
    back = re.search(lexicon()["caller_replies"], text, re.I)
    return (
        back is not None
        and re.search(r"\b(?:api|http|json|caller|endpoint)\b", back.group(0), re.I) is not None
    )


def call_spans(text: str) -> list[tuple[int, int]]:
    """Where the text says a program calls the workflow ('it can call a Sim workflow's API with the job details'), and
    what the call brings: the run's start told, no HTTP request to make."""
    return [m.span() for m in _API_HINT.finditer(text)]


# how a call reaches the run, said after a manual hint ('on demand via API'): part of the trigger, not an HTTP step
_BY_API = re.compile(
    r"\s*(?:,\s*)?(?:via|through|over|using)\s+(?:an?\s+|the\s+|our\s+|its\s+)?(?:api|http|rest)\b", re.I
)
# 'our app POSTs a support ticket to it.', 'we'll POST {"company": …} to it': a sentence saying what the call
# brings, nothing to build
_CALL_BRINGS = re.compile(
    r"(?:^|(?<=[.:;!?]))\s*(?:we(?:'ll| will)?|they(?:'ll| will)?|(?:our|my|the|their)\s+[\w-]+(?:\s+[\w-]+)?"
    r"(?:\s+will)?)\s+(?:posts?|calls?|sends?|hits?)\s+(?:[^.;!?\n]{0,80}?\s)?to\s+(?:it|this|the endpoint|this endpoint"
    # ('our CRM POSTs {email, company} to the workflow;')
    r"|(?:the|this|our)\s+(?:sim\s+)?(?:workflow|flow)(?:['’]s\s+(?:api|endpoint))?)"
    r"\s*(?=[.;!?\n]|$)"
    # ('(both come in the api request body)', '(passed in the API call)': an aside on what the call carries)
    r"|\(\s*(?:(?:both|all|they|these|those|it|which)\s+)?(?:(?:are|is|get|gets)\s+)?(?:come|comes|arrive|arrives|passed|sent|"
    r"included)\s+(?:in|with|via|through)\s+(?:the\s+|each\s+)?(?:api\s+|http\s+)?(?:request|call|payload)(?:\s+body)?\s*\)"
    # ('new applicants our website sends through the API': how what the run gets reaches it)
    r"|\b(?:sends?|posts?|submits?|pushes?|passes?)\s+(?:(?:them|it|us|in|over)\s+)?(?:via|through|over|using)\s+"
    r"(?:the\s+|an?\s+|our\s+)?(?:api|http|rest)(?:\s+(?:calls?|requests?))?\b"
    # ('… calls this workflow through the API with a JSON list of the day's bookings': the list the call carries)
    r"|(?:(?<=\bapi)|(?<=\bendpoint)|(?<=\bworkflow)|(?<=\bhttp))\s+with\s+(?:an?\s+|the\s+)?(?:json\s+|csv\s+)?"
    r"(?:list|array|batch)\s+of\s+[^.;!?\n]{1,120}",
    re.I,
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n")
# 'When a Stripe payment succeeds look up the customer …': with no comma, the first step starts at a verb in
# its base form followed by its object, after a word that is no subject, article or auxiliary
_NOT_BEFORE_VERB = frozenset(
    [
        "a",
        "an",
        "the",
        "new",
        "our",
        "my",
        "your",
        "their",
        "its",
        "this",
        "that",
        "each",
        "every",
        "any",
        "some",
        "we",
        "i",
        "you",
        "they",
        "he",
        "she",
        "someone",
        "somebody",
        "anyone",
        "who",
        "which",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "get",
        "gets",
        "to",
        "will",
        "would",
        "can",
        "does",
        "do",
        "did",
        "should",
        "must",
        "not",
    ]
)
_COMMAND_VERBS = (
    r"post|send|notify|message|share|alert|create|add|append|write|save|log|store|tweet|"
    r"publish|announce|open|archive|assign|invite|remind|page|file|comment|update|insert|record|forward|ping|"
    r"dm|put|push|upload|escalate|fetch|get|read|pull|collect|check|list|load|grab|look\s+up|retrieve|ask|"
    r"scrape|download|query|find|search|email|e-mail|mail|text|summari[sz]e|classify|categori[sz]e|translate|"
    r"extract|draft|analy[sz]e|review|triage|route|reply|respond|answer|have|use|tell|let|call|enrich|score|make|"
    r"copy|mirror|relay|back\s+up|rewrite|rephrase|reword|proofread|simplify|shorten|condense|"
    # 'look it up', 'look the order up'
    r"look(?=\s+(?:it|them|that|this|the\s+[\w-]+)\s+up\b)"
)
_IMPERATIVE = re.compile(
    r"(?<=\s)"
    r"(?:also\s+|then\s+)?(?:" + _COMMAND_VERBS + r")"
    r"\s+(?=(?:\([^()\n]{1,40}\)\s+)?(?:the|a|an|it|them|its|their|his|her|me|us|him|these|those|each|every|all|our|my|up|"
    r"to|back|in\s+(?:the|#)|#|[\w.+-]+@|[\"'“])\b|[#\"'“]|[\w.+-]+@)",
    re.I,
)

# the bot as the subject of its next verb: 'it will sort …', 'our assistant classifies …', 'he triages …'
_ACTOR_NEXT = re.compile(
    # ('on each new PR in our repo the AI summarises …': the model named as the subject too)
    r"\s(?:it|he|she|(?:the|our|this)\s+(?:new\s+)?(?:bot|chatbot|assistant|agent|helper|teammate|robot|ai|llm|model|gpt|"
    r"claude|workflow|automation))\s+"
    r"(?:(?:will|should|shud|must|shall|would|can|then|also|just|automatically|first|immediately)\s+)*"
    r"(?:(?:"
    + _COMMAND_VERBS
    + r"|sort|decide|label|bucket|judge|take|pick\s+up|answer|respond)(?:s|es)?|classifies|categori[sz]es|replies)\b",
    re.I,
)
# '… our job form (it posts to a webhook) can AI pull out their name …': the ask, put as a question, ends the event
_ASKED_NEXT = re.compile(
    r"\s(?:can|could|would|will)\s+(?:you|u|ai|the\s+ai|an\s+ai|gpt|claude|the\s+(?:bot|assistant|agent|model))\s+"
    r"(?:please\s+|pls\s+|just\s+|also\s+)?(?:"
    + _COMMAND_VERBS
    + r"|summari[sz]e|extract|classify|tag|translate|draft|reply|answer)\b"
    # ('when someone pays on our shopify i want a whatsapp to the customer': the wish for what follows, said after)
    r"|\s(?:i|we)(?:\s+(?:(?:really\s+|just\s+)?(?:want|need|wanna)|would\s+(?:like|love))|['’]d\s+(?:like|love))\s+(?:an?|the|it|to)\b",
    re.I,
)

# what should run on the event, said before it: 'a flow that kicks in when …', 'automate this whenever …'
_RUN_ON = (
    r"(?P<run>automat(?:e|ed|es|ically|ion)|happens?|runs?|fires?|starts?|kicks?\s+(?:in|off)|triggers?|triggered)"
    r"(?:\s+(?:this|it|that|automatically|itself|on\s+its\s+own))*\s+"
)


def _run_ends_event(clause: str) -> str:
    """'a meeting is booked and adds the invitee to HubSpot' → 'a meeting is booked': after a run word, what the
    run does (a command verb, said of the flow) ends the event."""
    return re.split(
        r"\s+and\s+(?:then\s+)?(?=(?:" + _COMMAND_VERBS + r")(?:e?s)?\b)", clause, maxsplit=1, flags=re.I
    )[0]


@dataclass
class Trigger:
    kind: str = "manual"  # manual | chat | schedule | webhook
    values: dict[str, str] = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # assumptions (e.g. a service with no JUL25 trigger)
    once: bool = False  # the trigger line says the run happens once ('When should it run? just once')

    @property
    def schedule_type(self) -> str | None:
        return self.values.get("scheduleType")


def _clock(match: re.Match[str]) -> str | None:
    g = match.groups()
    if g[8]:
        return {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}[g[8].lower()]
    if g[9]:
        before, after = match.string[: match.start()], match.string[match.end() :]
        # a clock where a schedule says it: after a day, 'daily', 'at', a comma or at the start ('every friday 17h',
        # 'Daily 7h UTC', '(day 28, 18h)', 'at 9h and 15h'); not a span of hours ('every 2h', 'within 24h', 'slipped
        # > 2h', '48h later')
        if not re.search(
            r"(?:^|[,(:;]|\b(?:at|by|around|from|until|till|to|and|or|um|ab|à|las|daily|nightly|day|weekdays?|weekends?|"
            r"month|mornings?|evenings?|nights?|[a-z]*days?|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun))"
            # ('Sunday evening, like 6 o'clock', 'every night, um, about 9 o'clock': a speaker's fillers between)
            r"(?:\s*,?\s*\b(?:like|about|roughly|maybe|say|um+|uh+|erm?|just)\b,?)*\s*$",
            before,
            re.I,
        ) or re.match(
            r"\s*(?:ago|later|earlier|before|after|delay|window|old|long|max|shifts?)\b", after, re.I
        ):
            return None
        hour, minute, ampm = g[9], g[10] or g[11], None
    else:
        hour, minute, ampm = (
            (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5]) if g[3] else (g[6], None, g[7])
        )
    h, m = int(hour), int(minute or 0)
    ampm = (ampm or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    if ampm == "am" and h == 12:
        h = 0
    if h > 23 or m > 59:
        return None
    return f"{h:02d}:{m:02d}"


_HOUR_WORDS = {
    w: i + 1
    for i, w in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    )
}
_SAID_HOUR = r"(?P<hour>" + "|".join(_HOUR_WORDS) + r"|\d{1,2})"
# 'quarter to 8', 'half past eight': the hour in digits or in words
_CLOCK_WORDS = re.compile(
    r"(?P<at>\b(?:at|by|around)\s+)?(?:a\s+)?\b(?P<part>quarter|half)\s+(?P<dir>past|after|to|before)\s+"
    + _SAID_HOUR
    + r"\b(?P<ampm>\s*(?:am|pm|a\.m\.|p\.m\.))?",
    re.I,
)
# where a spoken hour ends: a pause, 'am/pm', 'o'clock', '-ish', or the words that go on with the schedule (or
# with the routine: 'every morning at six I go through …')
_HOUR_END = (
    r"(?=\s*(?:a\.m\.|p\.m\.|(?:am|pm|o['’]clock)\b)|\s*(?:am|pm|a\.m\.|p\.m\.|o['’]clock)?(?:-?ish)?(?:\s*[-–—,.;:!?)]|\s+(?:in\s+the|on|every|each|sharp|"
    r"then|and|i|we|(?:[A-Z][a-z]+\s+)?time)\b|\s*$))"
)
_MINUTE_WORDS = {
    "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "forty five": "45", "forty-five": "45", "fifty": "50",
}  # fmt: skip
_SAID_MINUTES = r"fifteen|twenty|thirty|forty[- ]five|forty|fifty"
# 'at, like, six', 'around, um, seven', 'at like 8': an hour in words after 'at', a speaker's fillers between
_SPOKEN_AT = re.compile(
    r"\b(?P<at>at|around)(?:,?\s*(?:like|um+|uh+|erm?|say|about|maybe|roughly)\b,?)*\s+"
    # ('at like 8': a digit the same, once a filler stands between)
    r"(?P<hour>"
    + "|".join(_HOUR_WORDS)
    + r"|(?<=[a-z,]\s)(?<!\bat\s)(?<!\baround\s)\d{1,2}(?![\d:.]))\b"
    # ('at seven thirty pm', 'at six fifteen email me': the minutes said in words make it a clock, whatever follows)
    # ('at six-thirty', 'at seven-fifteen': the minutes joined to the hour by a hyphen)
    + r"(?:(?:\s+|-)(?P<minutes>"
    + _SAID_MINUTES
    + r")\b(?!\s*(?:%|percent|minutes?|mins?|seconds?|hours?|days?)\b)|"
    + _HOUR_END
    + ")",
    re.I,
)
# 'at 6 - no, make it seven': the hour a correction says right after a clock, written 'at 7' (`value_corrections`
# puts it in place of the clock before)
_SPOKEN_FIX = re.compile(
    r"(?<=\d)(?P<gap>\s*(?:am|pm)?\s*[-–—,]+\s*(?:(?:no|nope|wait|sorry|actually|hmm+|um+)\b[,\s]*)+"
    r"(?:(?:make|change)\s+(?:it|that)\s+(?:to\s+)?)?)(?:at\s+)?" + _SAID_HOUR + r"\b"
    # ('make it seven thirty'): the minutes said in words
    r"(?:(?:\s+|-)(?P<minutes>" + _SAID_MINUTES + r")\b)?" + _HOUR_END,
    re.I,
)
# 'like eight-ish — let's say eight', 'about seven-ish, say half past… ': a rough hour, then the hour the speaker
# settles on; and a rough hour alone ('like seven-ish'): the hour said last, written 'at 8'
_ISH_FIX = re.compile(
    r"\b(?:(?:like|about|around|roughly|maybe)\s+)?(?:" + "|".join(_HOUR_WORDS) + r"|\d{1,2})-?ish\b"
    r"\s*[-–—,.;:]*\s*(?:(?:no|well|ok(?:ay)?|so|um+|uh+|er+m?|actually|or)\b[,\s]*)*"
    r"(?:let['’]?s\s+say|say|call\s+it|make\s+(?:it|that))\s+(?:at\s+)?" + _SAID_HOUR + r"\b"
    r"(?:(?:\s+|-)(?P<minutes>" + _SAID_MINUTES + r")\b)?" + _HOUR_END,
    re.I,
)
_ISH_HOUR = re.compile(
    r"\b(?:like|about|around|roughly)\s+" + _SAID_HOUR + r"-?ish\b"
    r"(?!\s*(?:%|percent|minutes?|mins?|hours?|days?|weeks?|months?|years?|times|people|of)\b)",
    re.I,
)
# British 'half five' (5:30); not 'half past', 'half an hour', 'half 2 days', 'half the rows'
_HALF_HOUR = re.compile(
    r"(?P<at>\b(?:at|by|around)\s+)?\bhalf\s+" + _SAID_HOUR + r"\b(?!\s*(?:%|percent\b|[a-z]{3,}s\b|hours?\b|"
    r"minutes?\b|days?\b|weeks?\b|of\b|an?\b|past\b|to\b|dozen\b))",
    re.I,
)


# 'like six a.m.', 'by seven pm', 'ten o'clock': an hour in words that its mark makes a clock, wherever it stands
_MARKED_HOUR = re.compile(
    r"\b(?P<hour>" + "|".join(_HOUR_WORDS) + r")\s*(?P<mark>a\.m\.|p\.m\.|(?:am|pm|o['’]clock)\b)", re.I
)


# 'every two hours', 'every fifteen minutes': an interval's count said in words (written as digits)
_COUNT_WORDS = {
    **_HOUR_WORDS,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "forty five": 45,
    "ninety": 90,
}
_SAID_INTERVAL = re.compile(
    r"\b(?P<every>every|each)\s+(?P<count>" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?=(?:minutes?|mins?|hours?|hrs?)\b)",
    re.I,
)


# '… every thirty minutes — actually every fifteen —': a count said in words with no unit, after an interval that has
# one (the correction takes its unit from it)
_SAID_BARE_INTERVAL = re.compile(
    r"\b(?P<every>every|each)\s+(?P<count>" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")\b"
    r"(?=\s*(?:[—–,.;:!?)]|--|$)|\s+(?:instead|then|please)\b)",
    re.I,
)
_INTERVAL_SAID = re.compile(r"\b(?:every|each)\s+\d+\s*(?:minutes?|mins?|hours?|hrs?)\b", re.I)


def _hour(said: str) -> int:
    return _HOUR_WORDS.get(said.lower()) or int(said)


def _said_clock(m: re.Match[str]) -> str:
    """The hour and minutes a match says in words ('seven thirty'), in digits ('7:30')."""
    minutes = m.group("minutes")
    return str(_hour(m.group("hour"))) + (
        f":{_MINUTE_WORDS[minutes.lower().replace('-', ' ')]}" if minutes else ""
    )


def _half_past(m: re.Match[str], text: str) -> str:
    """'half five' → 'at 5:30'; British 'half three' with no morning or night near it is in the afternoon, as a bare
    'at 3' is ('every Friday at, uh, four... no, half three' → 'at 3:30pm'; 'every morning at five — no, half four'
    stays 'at 4:30')."""
    hour = _hour(m.group("hour"))
    if not 1 <= hour <= 12:
        return m.group(0)
    near = text[max(0, m.start() - 80) : m.end() + 30]
    marked = re.match(r"\s*(?:am|pm|a\.m\.|p\.m\.)", text[m.end() :], re.I)
    afternoon = hour <= 5 and not marked and not re.search(_NOT_AFTERNOON, near, re.I)
    return f"{m.group('at') or 'at '}{hour}:30" + ("pm" if afternoon else "")


def clock_words(text: str) -> str:
    """'at quarter to 8' → 'at 7:45', 'half past 6pm' → 'at 6:30pm', 'at, like, six' → 'at 6', 'half five' → 'at 5:30',
    'at 6 - no, make it seven' → 'at 6 - no, make it at 7' ('seven thirty': 'at 7:30'), 'like six a.m.' → 'like
    6am', 'every two hours' → 'every 2 hours': a clock (or an interval) said in words, written in digits."""
    text = _ISH_FIX.sub(lambda m: f"at {_said_clock(m)}", text)
    text = _ISH_HOUR.sub(lambda m: f"at {_hour(m.group('hour'))}", text)
    text = _SPOKEN_AT.sub(lambda m: f"{m.group('at')} {_said_clock(m)}", text)
    text = _SAID_INTERVAL.sub(lambda m: f"{m.group('every')} {_COUNT_WORDS[m.group('count').lower()]} ", text)
    text = _SAID_BARE_INTERVAL.sub(
        lambda m: (
            f"{m.group('every')} {_COUNT_WORDS[m.group('count').lower()]}"
            if _INTERVAL_SAID.search(text, 0, m.start())
            else m.group(0)
        ),
        text,
    )
    text = _MARKED_HOUR.sub(
        lambda m: (
            f"{_hour(m.group('hour'))}"
            + (
                m.group("mark").replace(".", "").lower()
                if m.group("mark")[0] in "apAP"
                else " " + m.group("mark")
            )
        ),
        text,
    )
    text = _SPOKEN_FIX.sub(
        lambda m: (
            f"{m.group('gap')}at {_hour(m.group('hour'))}"
            + (
                f":{_MINUTE_WORDS[m.group('minutes').lower().replace('-', ' ')]}"
                if m.group("minutes")
                else ""
            )
        ),
        text,
    )
    text = _HALF_HOUR.sub(lambda m: _half_past(m, text), text)

    def clock(m: re.Match[str]) -> str:
        hour, minutes = _hour(m.group("hour")), 15 if m.group("part").lower() == "quarter" else 30
        if m.group("dir").lower() in ("to", "before"):
            hour, minutes = (hour - 1) % 24 or (12 if hour <= 12 else 0), 60 - minutes
        if hour > 23:
            return m.group(0)
        return (m.group("at") or "at ") + f"{hour}:{minutes:02d}" + (m.group("ampm") or "")

    return _CLOCK_WORDS.sub(clock, text)


def _bare_afternoon(match: re.Match[str], hour: int, near: str) -> bool:
    """'every Friday at 4 Eastern, pull …': a bare hour from 1 to 5, said with no a.m./p.m., no minutes and no mark of
    a 24-hour clock ('at 5h'), is in the afternoon unless the words around it say night or morning."""
    return bool(
        match.group(1)
        and not match.group(2)
        and not match.group(3)
        and re.fullmatch(r"\W*(?:at|@|by|around)\s+\d\s*", match.group(0), re.I)
        and 1 <= hour <= 5
        and not re.search(_NOT_AFTERNOON, near)
    )


# the words that put a bare hour from 1 to 5 in the night or the morning
_NOT_AFTERNOON = r"\b(?:mornings?|nights?|overnight|early|dawn|tonight)\b|(?<![a-z])a\.?m\b"


# a bare hour of a list, ended by punctuation or by the words a schedule goes on with ('at 10 and 3 each weekday')
_LATER_HOUR = re.compile(
    r"(\d{1,2})(?=\s*(?:[,.;:!)]|$)|\s+(?:each|every|on|daily|weekdays?|o['’]clock|in\s+the|(?:mon|tues|wednes|"
    r"thurs|fri|satur|sun)days?)\b)",
    re.I,
)


# 'before 9 every weekday', 'before the 9am standup': a run that must be done by a clock starts half an hour before it
_BEFORE = re.compile(r"\bbefore\s+(?:the\s+)?$", re.I)
_BEFORE_HOUR = re.compile(r"\bbefore\s+(?:the\s+)?" + _LATER_HOUR.pattern, re.I)


def _half_hour_before(clock: str) -> str:
    minutes = (int(clock[:2]) * 60 + int(clock[3:]) - 30) % 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# 'ready at the shop from 10:00 the next day', 'it ships by 14:00 tomorrow': a clock told of what the run says, not when
# it runs, when the text names the run's own clock later ('Could that run every evening at 19:00?')
_TOLD_BEFORE = re.compile(r"\b(?:from|until|till|by)\s*$", re.I)
_TOLD_AFTER = re.compile(r"\s*(?:the\s+(?:next|following)\s+day|tomorrow)\b", re.I)
_RUN_CLOCK = re.compile(
    r"\b(?:(?:every|each)\s+(?:(?:work(?:ing)?\s+|week\s*|business\s+)?day|morning|evening|night|afternoon|weekday|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?|daily|nightly|runs?|running)\b[^.;:!?\n]{0,15}$",
    re.I,
)

# a business's hours told before a clock ('the shop opens at 6', 'we close at 10', 'doors open at', 'opening at')
_OPENING_HOURS = re.compile(
    r"\b(?:opens?|opening|closes?|closing|shuts?|shutting|doors\s+open|starts?\s+(?:serving|trading|service))"
    r"(?:\s+(?:up|its\s+doors|the\s+doors|for\s+business))?\s*(?:at|@|around|by)?\s*$",
    re.I,
)

_RUN_AFTER = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:(?:every|each)\s+(?:(?:work(?:ing)?\s+|week\s*|business\s+)?day|morning|evening|night|"
    r"afternoon|weekday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?|daily|nightly)\b",
    re.I,
)


def _run_clocks(text: str, run_first: bool = True) -> list[re.Match[str]]:
    """The clock matches of `text`; one told of what the run says ('from 10:00 the next day', 'by 14:00 tomorrow')
    left out when a later clock is said with the run's repetition ('every evening at 19:00')."""
    found = list(_TIME_RE.finditer(text))
    # ('my bagel place opens at 6 and i want a slack msg … at 5:15': when the place opens or closes is told, not
    # the run's clock, when another clock is said)
    hours = [m for m in found if _OPENING_HOURS.search(text[max(0, m.start() - 30) : m.start()])]
    if hours and len(hours) < len(found):
        found = [m for m in found if m not in hours]
    # (a name in quotes, 'Daily Pups', says nothing of the run: blanked, a quoted ask with its clock kept)
    plain = _QUOTED.sub(lambda q: q.group(0) if re.search(r"\d", q.group(0)) else " " * len(q.group(0)), text)
    run = [
        m
        for m in found
        if _RUN_CLOCK.search(plain[max(0, m.start() - 40) : m.start()])
        # ('Staff upload photos by 4pm … Want at 17:00 every day: …': the repetition said right after the clock)
        or _RUN_AFTER.match(text, m.end())
    ]
    if not run:
        return found

    def told(m: re.Match[str]) -> bool:
        before = "by" if m.group(0).lower().startswith("by") else text[max(0, m.start() - 8) : m.start()]
        return bool(_TOLD_BEFORE.search(before) or _TOLD_AFTER.match(text, m.end()))

    kept = [m for m in found if m in run or m.start() > run[-1].start() or not told(m)]
    if not run_first:
        return kept
    # ('Drivers start at 06:00 … So: every weekday at 06:15': the clock said with the run's repetition is the run's;
    # a clock told before it in another sentence, of how things are, comes after it — one in the run's own sentence,
    # 'At 7am and 7pm every day', keeps its place: the run's times listed)
    ends = [m.start() for m in re.finditer(r"[.!?](?=\s)|\n", text)]

    def sentence(m: re.Match[str]) -> int:
        return sum(1 for e in ends if e < m.start())

    own = {sentence(m) for m in kept if m in run}
    return [m for m in kept if sentence(m) in own] + [m for m in kept if sentence(m) not in own]


def find_time(text: str, run_first: bool = True) -> tuple[str | None, tuple[int, int] | None]:
    """The run's clock and its span: the one said with the run's repetition first ('every weekday at 06:15'), or,
    `run_first` false, the first clock in the text's order that is not told of what the run says."""
    for match in _run_clocks(text, run_first):
        clock = _clock(match)
        # ('the day before at 6pm' is at 6pm: 'at' says the clock itself)
        if (
            clock
            and _BEFORE.search(text[: match.start()])
            and not re.match(r"at|@|by|around", match.group(0), re.I)
        ):
            return _half_hour_before(clock), match.span()
        if clock:
            # 'every evening at 7', 'tonight at 10': a bare hour of the afternoon or night is p.m.
            hour = int(clock[:2])
            near = text[max(0, match.start() - 30) : match.end() + 30].lower()
            # ('end of every day, like half five': the end of the working day is late in the afternoon)
            late = re.search(
                r"\b(?:(evenings?|tonight|nights?|end\s+of\s+(?:the\s+|every\s+|each\s+)?(?:working\s+|work\s+|"
                r"business\s+)?day)|afternoons?)\b",
                near,
            )
            # ('Daily 05:45 Central: tonight's low …': an hour written with its leading zero is a 24-hour clock)
            if re.match(r"\D*0\d", match.group(0)):
                return clock, match.span()
            if (
                late
                and not re.search(r"\bmornings?\b|(?<![a-z])a\.?m\b", near)
                and (5 <= hour <= 11 if late.group(1) else 1 <= hour <= 6)
            ) or _bare_afternoon(match, hour, near):
                clock = f"{hour + 12:02d}{clock[2:]}"
            return clock, match.span()
    before = _BEFORE_HOUR.search(text)
    if before and 1 <= int(before.group(1)) <= 12:
        hour = int(before.group(1))  # ('before 5': a bare hour to 5 is the afternoon's, as with 'at')
        return _half_hour_before(f"{hour + (12 if hour <= 5 else 0):02d}:00"), before.span()
    for word, clock in _PART_OF_DAY.items():
        found = re.search(
            # ('every Sunday evening', 'each weekday morning': the part of the day named with its day)
            rf"\b(?:every|each|in the|this)\s+{word}\b|\b{word}s\b"
            rf"|\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekday|week\s+day)\s+{word}\b"
            + (r"|\bnightly\b" if word == "night" else ""),
            text,
            re.I,
        )
        if found:
            return clock, found.span()
    return None, None


# 'Paris time', 'time in Lisbon', 'all times in Pacific', and as other languages say it: 'hour of Paris', 'Madrid hour', 'hora de Lima',
# 'heure de Paris', and as a chat line says it: 'Denver tz', 'Phoenix timezone'
_ZONE_WORD = r"\b(?:local\s+)?(?:times?|hour|hora|horário|horario|heure|zeit|ora|tz|timezone)\b"


def find_timezone(text: str) -> tuple[str | None, tuple[int, int] | None]:
    # ('Europe/Lisbon', and as typed in lower case, 'timezone is europe/lisbon'; not 'Mon/Wed', not in a path or URL)
    for explicit in re.finditer(r"(?<![\w/.-])([A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)(?![\w/-])", text):
        zone = _iana_zones().get(explicit.group(1).lower())
        if zone and explicit.group(1) in (zone, zone.lower()):
            return zone, explicit.span()
    folded = text.casefold()
    for phrase, zone in sorted(lexicon()["timezones"].items(), key=lambda kv: -len(kv[0])):
        if phrase.casefold() not in folded:
            continue  # (a substring test first: most places are absent)
        found = re.search(
            rf"(?:{_ZONE_WORD}\s+(?:in|of|de|da|do|du|di)\s+)?\b{re.escape(phrase)}\b(?:\s+{_ZONE_WORD})?",
            text,
            re.I,
        )
        if not found or _negated(text, found.span()):
            continue
        # ('at 8 (Singapore)', '(3pm), London', 'at 8:00, Sydney': the zone said in brackets or after a comma right
        # after the clock too)
        after_clock = re.search(
            r"(?:\d|am|pm|noon|midday|midnight)\)?\s*[,(]?\s*\(?\s*$", text[: found.start()], re.I
        )
        # 'PT', 'ET' alone could be other words ('a PT session'): a two-letter zone only after a clock
        abbreviation = (
            len(phrase) <= 4 and found.group(0)[: len(phrase)].isupper() and (len(phrase) > 2 or after_clock)
        )
        if abbreviation or re.search(_ZONE_WORD, found.group(0), re.I) or after_clock:
            return zone, found.span()
    # 'weekdays 9:15 (Toronto)', 'every Thursday morning (9am), Melbourne', 'at 8:00, Mumbai, …': a city right
    # after the clock, in brackets or after a comma, where a zone is said
    # (not an island's zone the database names after it, 'at 9am Easter', 'at 10, Christmas party')
    for found in _CLOCK_CITY.finditer(text):
        city = found.group("city").lower().replace("-", " ")
        zone = _city_zones().get(city, "")
        island = zone.startswith(("Atlantic/", "Indian/", "Pacific/")) and city not in lexicon()["city_zones"]
        if zone and not island and not _negated(text, found.span("city")):
            return zone, found.span("city")
    # '7am Lisbon time', '(Toronto time)', 'time in Nairobi': a city the time-zone database names
    for found in re.finditer(
        # ('Tromsø time', 'Ålesund time': a town's name in its own letters)
        rf"{_ZONE_WORD}\s+(?:in|of|de|da|do|du|di)\s+([A-ZÀ-Þ][a-zß-ÿ]+(?:[ -][A-ZÀ-Þ][a-zß-ÿ]+)?)\b"
        rf"|\b([A-ZÀ-Þ][a-zß-ÿ]+(?:[ -][A-ZÀ-Þ][a-zß-ÿ]+)?|[A-Z]{{2,3}})\s+(?:local\s+)?{_ZONE_WORD}",
        text,
    ):
        city = (found.group(1) or found.group(2)).lower().replace("-", " ")
        # ('hora de Bogotá', 'hora de Asunción': a city written with its accents, the database's name without)
        zone = _city_zones().get(city) or _city_zones().get(_unaccented(city))
        if zone and not _negated(text, found.span()):
            return zone, found.span()
    # ('ny time pls', 'la time'): a city of the lexicon's own list (`city_zones`), in a chat's lower case, before 'time'
    cities = "|".join(sorted(map(re.escape, lexicon()["city_zones"]), key=len, reverse=True))
    for found in re.finditer(rf"\b({cities})\s+(?:local\s+)?time\b", text, re.I):
        if not _negated(text, found.span()):
            return lexicon()["city_zones"][found.group(1).lower()], found.span()
    return _where_we_are(text)


# 'we're in glasgow btw', 'We're based in Melbourne.', 'our studio is in porto', 'i'm out of wellington': where the
# people asking are, said of themselves; their clock is that place's
_WE_ARE_IN = re.compile(
    r"\b(?:we(?:'|’)?re|we\s+are|i(?:'|’)?m|i\s+am|(?:our|my)\s+(?:[\w-]+\s+)?(?:team|office|shop|studio|store|"
    r"business|company|hq|club|school|gym|caf[eé]|bar|salon|venue|restaurant|hall|clinic|farm|bakery)\s+is)"
    r"\s+(?:all\s+|just\s+)?(?:(?:based|located|sat|situated)\s+)?(?:in|out\s+of)\s+(?:the\s+)?"
    r"(?P<place>[A-Za-zÀ-ÿ]+(?:[ -][A-Za-zÀ-ÿ]+){0,2})",
    re.I,
)


# 'We run a bike repair shop in Leeds.', 'we own a little café just outside Bath', 'we have a bakery in Gouda' (as a
# translation reads 'wij hebben een bakkerij in …'): the business the people asking keep, and the town it is in
@lru_cache(maxsize=1)
def _we_run_in() -> re.Pattern[str]:
    nouns = "|".join(sorted(map(re.escape, lexicon()["business_nouns"]), key=len, reverse=True))
    return re.compile(
        r"\b(?i:(?:we(?:'|’)?re|we\s+are|we\s+(?:run|own|operate|manage|have|keep)|i\s+(?:run|own|operate|manage|have))"
        rf"\s+(?:an?|our|my|the)\s+(?:[\w'’&-]+\s+){{0,4}}?(?:{nouns})s?"
        r"\s+(?:(?:just\s+)?(?:in|near|outside|at)|out\s+of)\s+(?:the\s+)?)"
        r"(?P<place>[A-ZÀ-Þ][A-Za-zÀ-ÿ]+(?:[ -][A-ZÀ-Þ][A-Za-zÀ-ÿ]+){0,2})",
    )


# "Time zone's Dublin", 'timezone: Lisbon', 'tz = Auckland', 'zona horaria de Madrid', 'fuso horário de Lisboa',
# 'Zeitzone Berlin', 'fuseau horaire de Paris': the zone named by its town (or country) after the word for a zone
_ZONE_NAMED = re.compile(
    r"\b(?:time[\s-]?zone|tz|zona\s+horaria|fuso\s+hor[áa]rio|fuso\s+orario|fuseau\s+horaire|zeitzone|tidszon|"
    r"tidssone|tijdzone|strefa\s+czasowa)(?:['’]s|\s+is|\s+será|\s+es|\s+é|\s+ist|\s*[:=-])?\s+"
    r"(?:(?:de|da|do|di|du|von|van|the)\s+)?(?P<place>[A-Za-zÀ-ÿ]+(?:[ -][A-Za-zÀ-ÿ]+){0,2})",
    re.I,
)


def _where_we_are(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The zone of the town (or country) the people asking say they are in, or a zone is said to be: the longest
    run of the words after 'we're in' or "time zone's" that the time-zone database or the lexicon names (not an
    island's zone the database alone names after a common word: 'we're in Christmas mode')."""
    for found in itertools.chain(
        _ZONE_NAMED.finditer(text), _WE_ARE_IN.finditer(text), _we_run_in().finditer(text)
    ):
        words = found.group("place").lower().replace("-", " ").split()
        for n in range(len(words), 0, -1):
            place = " ".join(words[:n])
            # (a country the lexicon's zones name, 'we're in portugal'; not a region or a people's word, 'we're in
            # central london', 'i'm in the british team')
            country = not place.endswith(("ish", "ese", "an", "ch", "al", "ern", "ain", "ss"))
            zone = _city_zones().get(place) or (country and lexicon()["timezones"].get(place))
            if not zone or len(place) <= 3 and place not in ("uk", "nz"):
                continue  # ('we're in la', 'we're in et…': a two-letter word is too loose here)
            island = (
                zone.startswith(("Atlantic/", "Indian/", "Pacific/")) and place not in lexicon()["city_zones"]
            )
            span = (found.start("place"), found.start("place") + len(place))
            if not island and not _negated(text, found.span()):
                return zone, span
            break
    return None, None


_ADDRESS_DOMAIN = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+([a-z]{2,}))\b", re.I)


# a phone number with its country calling code ('+34 600 123 456', '+353 (0)87 …'), and a web address's host
# ('https://api.risaiasanto.it/…', 'shop.kaasmeester.nl/orders'; not an e-mail address's, read apart)
_PHONE = re.compile(r"(?<![\w+])\+(\d[\d \t().-]{6,}\d)")
_WEB_HOST = re.compile(
    r"(?:(?<=://)|(?<![\w@.+/-]))(?:[a-z0-9-]+\.)+([a-z]{2})(?=/\w|:\d)|(?<=://)(?:[a-z0-9-]+\.)+([a-z]{2})\b",
    re.I,
)


def writer_zone(text: str, language: str | None = None) -> tuple[str, str] | None:
    """The time zone of the one country the text's e-mail addresses, phone numbers and web addresses are of
    ('frontdesk@hollybrookvets.co.uk', '+34 600 123 456', 'api.risaiasanto.it/livelli'; lexicon.json `domain_zones`,
    `phone_zones`), for a schedule that says none, with what it was read from ('the country of its addresses (.uk)');
    None when they are of countries in different zones. With none of one country, the zone of the country most
    writers of the text's `language` keep, unless its words point elsewhere (`language_zones`, `language_zone_cues`)."""
    found: dict[str, str | None] = {}
    for said in _ADDRESS_DOMAIN.finditer(text):
        found["." + said.group(2).lower()] = lexicon()["domain_zones"].get(said.group(2).lower())
    for said in _WEB_HOST.finditer(_ADDRESS_DOMAIN.sub(" ", text)):
        end = (said.group(1) or said.group(2)).lower()
        found["." + end] = lexicon()["domain_zones"].get(end)
    for said in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", said.group(1))
        code = next(
            (f"+{digits[:n]}" for n in (3, 2, 1) if f"+{digits[:n]}" in lexicon()["phone_zones"]), None
        )
        if code:
            found[code] = lexicon()["phone_zones"][code]
    zones = {zone for zone in found.values() if zone}
    if len(zones) > 1:
        return None
    if zones:
        zone = zones.pop()
        return zone, "the zone of the country of its addresses and numbers (" + ", ".join(
            end for end, z in sorted(found.items()) if z == zone
        ) + ")"
    return _language_zone(text, language)


def _language_zone(text: str, language: str | None) -> tuple[str, str] | None:
    """'Jeden Tag um 6:30 Uhr …' → Europe/Berlin: the zone most writers of the language keep (`language_zones`), or
    the one its words point to ('você', 'planilha' → America/Sao_Paulo), or None when they point to a region of
    several zones ('celular', 'México')."""
    zone = lexicon()["language_zones"].get(language or "")
    if not zone:
        return None
    folded = text.casefold()
    for elsewhere, cues in lexicon()["language_zone_cues"].get(language or "", {}).items():
        if any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", folded) for cue in cues):
            if not elsewhere:
                return None
            return elsewhere, f"the zone its {language} words point to"
    return zone, f"the zone of the country most {language} writers are in"


def _negated(text: str, span: tuple[int, int]) -> bool:
    """'(not Istanbul time, UTC)', '(Istanbul time not, UTC)': a zone the text says it is not (or that does not matter)."""
    return bool(
        re.search(r"\bnot\s+(?:in\s+)?$", text[: span[0]], re.I)
        or re.match(r"\s*not\b", text[span[1] :], re.I)
        # '(Berlin time does not matter, UTC is enough)', 'Paris hour is not needed': a zone waved away
        or re.match(
            r"\s*(?:is\s+|are\s+)?(?:does\s*n[o']t\s+matter|not\s+(?:needed|important|relevant|necessary)|"
            r"irrelevant|unimportant)\b",
            text[span[1] :],
            re.I,
        )
    )


# a clock, then a city (up to three capitalised words) in brackets or after a comma, then the end of that aside
_CLOCK_CITY = re.compile(
    r"(?:\d|(?<![a-z])(?i:am|pm)|\b(?i:noon|midday|midnight))\)?(?:\s*,\s*|\s*\(\s*|[^\S\n]+)"
    r"(?P<city>[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+){0,2})(?=\s*[),.;:\n]|\s*$|\s+(?:and|on|every|each)\b)"
)


@lru_cache(maxsize=1)
def _iana_zones() -> dict[str, str]:
    """'europe/lisbon' → 'Europe/Lisbon': the IANA time-zone database's names with a region, by their lower case."""
    import zoneinfo

    return {zone.lower(): zone for zone in zoneinfo.available_timezones() if "/" in zone}


def _unaccented(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _city_zones() -> dict[str, str]:
    """'los angeles' → 'America/Los_Angeles': the cities of the IANA time-zone database (continents' zones), and
    those it names no zone after (lexicon.json `city_zones`: 'seattle' → 'America/Los_Angeles')."""
    import zoneinfo

    regions = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
    return {
        **{
            zone.rsplit("/", 1)[1].replace("_", " ").lower(): zone
            for zone in sorted(zoneinfo.available_timezones())
            if zone.split("/", 1)[0] in regions and zone.count("/") >= 1
        },
        **lexicon()["city_zones"],
    }


def more_times(text: str, span: tuple[int, int]) -> tuple[list[str], int]:
    """'at 9am and 5pm', 'at 8:00, 12:00 and 16:00': the clock times listed right after the first one."""
    times: list[str] = []
    end = span[1]
    last = _first_hour(text, span)
    while True:
        # 'at 05:00 Johannesburg time, and actually also at 17:00', 'at 7am Sydney time each day — oh, and at 7pm
        # as well': a zone or the days said between, and an afterthought's words, still join the next time
        joint = re.match(
            r"(?:\s*,?\s*(?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s+time|UTC|GMT)(?:\s+(?:each|every)\s+day)?)?"
            r"\s*(?:(?:,|[-–—])\s*(?:(?:oh|and|actually|also|plus)[\s,]+)*|(?:and|plus)\s+(?:(?:again|then|actually|"
            r"also)\s+)*|&\s*)(?:at\s+)?",
            text[end:],
            re.I,
        )
        nxt = _TIME_RE.match(text, end + joint.end()) if joint else None
        clock = _clock(nxt) if nxt else None
        if nxt is None and joint:  # 'twice a day at 9 and 17': a bare hour past noon is a 24-hour clock
            bare = _BARE_HOUR.match(text, end + joint.end())
            if bare:
                times.append(f"{int(bare.group(1)):02d}:00")
                end = bare.end()
                continue
            # 'every day at 9 and at 4', 'at 10 and 3 each weekday': a bare hour below the one before it is
            # the afternoon's (a day's runs are said in order)
            later = _LATER_HOUR.match(text, end + joint.end())
            if later and last is not None and 1 <= int(later.group(1)) <= last <= 12:
                last = int(later.group(1)) + 12
                times.append(f"{last:02d}:00")
                end = later.end()
                continue
        if nxt is None or not clock:
            return times, end
        times.append(clock)
        end = nxt.end()


def _first_hour(text: str, span: tuple[int, int]) -> int | None:
    """The hour of the clock said at `span` (1–12 as said, 13–23 as written), None when it has none."""
    said = text[span[0] : span[1]]
    found = re.search(r"\d{1,2}", said)
    if not found:
        return None
    return int(found.group(0)) + (12 if re.search(r"p\.?m\b", said, re.I) and int(found.group(0)) < 12 else 0)


_BARE_HOUR = re.compile(
    r"(1[3-9]|2[0-3])\b(?![.,:]?\d|\s*(?:%|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|items?|[a-z]*s\b))",
    re.I,
)


def _proper_name(text: str, start: int) -> bool:
    """'the sheet called Daily Signups': a capitalised schedule word mid-sentence names something."""
    before = text[:start].rstrip()
    return text[start : start + 1].isupper() and bool(before) and before[-1] not in ".;:!?\n"


_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
    )
}
_OF_MONTH = r"of\s+(?:(?:every|each|the|a|this)\s+)?month\b"
# the day a month's run falls on, as many speakers write it: 'the 5th of every month', 'every 1st of month', 'each
# 15 of month', 'every day 1 of the month', 'on day 3 of each month', 'every first of month', 'the 2nd day of
# the month' (a bare number needs 'every/each/on' before it: 'the top 10 of the month' is no day)
_DAY_OF_MONTH = (
    r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:day\s+)?"
    + _OF_MONTH
    + r"|\b(?:every|each|on)\s+(?:the\s+)?(\d{1,2})\s+(?:day\s+)?"
    + _OF_MONTH
    + r"|\bday\s+(\d{1,2})\s+"
    + _OF_MONTH
    + r"|\b(?:every|each|on)\s+(?:the\s+)?("
    + "|".join(_ORDINALS)
    + r")\s+(?:day\s+)?"
    + _OF_MONTH
    # 'every 15th at 9am', 'each 1st, …': an ordinal alone after 'every', then a clock or a pause (not 'every 2nd
    # week', 'every 10th customer')
    + r"|\b(?:every|each)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:$|[,;:(\u2013\u2014-]|at\b|@|\d))"
)


# 'every weekday', 'each business day', 'every working day', 'each school day', 'on workdays', 'day of work', 'monday
# until friday'
_WEEKDAYS = (
    r"\b(week ?days?|(?:every|each|on|all)\s+(?:business|working|work|school)\s+days?|workdays?|days? of work|"
    r"monday (?:to|through|until|till|-) friday|mon ?- ?fri)\b"
)


# 'the first Monday of each month', 'the last Friday of the month', 'on the last day of every month', 'at the end of
# each month': a place in the month that a cron (Sim's croner) says as 'MON#1', 'FRI#L' or a day of the month 'L'
_IN_MONTH = r"(?:(?:every|each|the|a)\s+)?(?:calendar\s+)?month\b"
_MONTH_PLACE = re.compile(
    r"\b(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+(?:(?P<day>"
    + _DAY_RE
    + r")|(?P<last>day))\s+(?:of|in)\s+"
    + _IN_MONTH
    + r"|\b(?:at|on|by)\s+(?:the\s+)?(?P<end>end)\s+of\s+(?:(?:every|each|the)\s+)month\b"
)
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


# a place in the month said loosely ('end-of-month', 'the last working day', 'of the month'): what a correction to a
# day of the month ('— actually, the 28th') corrects
_MONTH_SAID = re.compile(
    r"\b(?:end[\s-]+of[\s-]+(?:the[\s-]+)?month|month[\s-]+end|(?:last|first)\s+(?:working|business|week)\s*day|"
    r"of\s+(?:the|every|each)\s+month|monthly|every\s+month|each\s+month)\b"
)


def _redated_day(low: str, cut: int) -> re.Match[str] | None:
    """The day of the month said after a correction at `cut` ('… — actually, just make it the 28th at 17:00'), when
    the words before it set the run in the month; None otherwise."""
    if not _MONTH_SAID.search(low, 0, cut):
        return None
    # (right after the correction, in its sentence: not 'I'd rather die. … until the 7th')
    near = re.compile(r"[^.!?\n]{0,40}?\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:minute|hour|week)s?\b)")
    return near.match(low, cut)


def _month_place(low: str) -> tuple[str, str, tuple[int, int]] | None:
    """(day of month, day of week, span) of a place in the month ('L', '*' for its last day; '*', '1#1' for its
    first Monday); None when none is said (nor 'the last day' without a month: 'the last day of the sprint')."""
    m = _MONTH_PLACE.search(low)
    if not m or (m.group("last") and m.group("nth") not in ("last", "final")):
        return None
    if m.group("end") and re.search(r"\b\d{1,2}(?:st|nd|rd|th)\b|\bday\s+\d{1,2}\b", low):
        return None  # 'at the end of every month (day 28, 18h)': the day said is the day it runs
    if m.group("day"):
        nth = _NTH.get(m.group("nth"), "L")
        return "*", f"{_CRON_DAY[_DAYS[m.group('day')]]}#{nth}", m.span()
    return "L", "*", m.span()


_HOUR_SAID = r"(\d{1,2})(?::00)?\s*(am|pm|a\.m\.|p\.m\.|h)?"
# 'between 9am and 5pm', 'from 8 to 18', and after 'business hours' a range alone: '(9 to 5)', '8-6'
_WINDOW = re.compile(
    r"\b(?:between|from)\s+" + _HOUR_SAID + r"\s*(?:and|to|until|till|-|–)\s*" + _HOUR_SAID + r"\b"
)
_RANGE = re.compile(
    r"(?<![\d:/.-])\b" + _HOUR_SAID + r"\s*(?:to|until|till|-|–)\s*" + _HOUR_SAID + r"(?![\d:/.-])"
)


def _hours_window(low: str, office: bool) -> tuple[int, int] | None:
    """The hours an interval runs between (from, until; 24-hour), None when none are said: a bare end hour not after
    the start is the afternoon's ('9 to 5' is 9 to 17)."""
    m = _WINDOW.search(low) or (_RANGE.search(low) if office else None)
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(3))
    if (m.group(2) or "").startswith("p") and start < 12:
        start += 12
    if ((m.group(4) or "").startswith("p") or (not m.group(4) and end <= start)) and end < 12:
        end += 12
    return (start, end) if 0 <= start < end <= 24 else None


def _cron(minute: int, hour: int | str, dom: str = "*", dow: str = "*") -> str:
    return f"{minute} {hour} {dom} * {dow}"


# 'on March 14 at 18:00', 'June 3rd, 2027 at 9am': a date with its time is when something happens once (an event
# to create), not when the workflow runs
_DATED = re.compile(
    r"(?<!every )(?<!each )\b(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?(?:,?\s*(?:at|@|from)?\s*\d{1,2}(?::\d{2})?\s*(?:am|pm)?\b"
    r"(?:\s*(?:-|to|until)\s*\d{1,2}(?::\d{2})?\s*(?:am|pm)?\b)?)?",
    re.I,
)


def _measure(text: str, start: int, end: int) -> bool:
    """Whether the cadence word at `start:end` qualifies a measure ('4,000 monthly users', 'roughly 900 monthly
    subscribers', 'the plan names and monthly prices': lexicon.json `cadence_measures`) rather than saying when the
    run starts; a clock right after it ('a daily 5pm job') says when."""
    if re.match(_A_CLOCK, text[end:].lstrip(), re.I):
        return False
    nouns = "|".join(re.escape(n) for n in lexicon()["cadence_measures"])
    counted = re.search(r"\d[\d,.]*\s*[km]?\+?\s+$", text[:start], re.I)
    return bool(counted or re.match(r"\s+(?:active\s+)?(?:" + nouns + r")\b", text[end:], re.I))


def _cadence_job(text: str, start: int, end: int) -> bool:
    """'an hourly check of our Stripe account', 'a nightly sync': the cadence word after an article names a job
    (lexicon.json 'cadence_jobs') the workflow runs that often, not a thing ('the daily report')."""
    jobs = "|".join(re.escape(n) for n in lexicon()["cadence_jobs"])
    return bool(
        re.search(r"\b(?:an?)\s+$", text[:start], re.I)
        and re.match(r"\s+(?:[a-z]+\s+)?(?:" + jobs + r")\b(?![-'’])", text[end:], re.I)
    )


@lru_cache(maxsize=1)
def _times_a_day() -> re.Pattern[str]:
    """'a few times a day', 'two or three times per day' (lexicon.json `times_a_day`): a count of runs each day."""
    counts = "|".join(re.escape(c) for c in sorted(lexicon()["times_a_day"], key=len, reverse=True))
    return re.compile(r"\b(" + counts + r")\s+times\s+(?:a|per|each)\s+day\b", re.I)


# ('Monday and Thursday', 'on Tuesday and on Thursday', 'tuesday/thursday'): the days of one list
_DAY_LIST = (
    _DAY_RE + r"(?:\s*(?:,|and|or|&|/)\s*(?:(?:and|or)\s+)?(?:(?:every|each|on)\s+)?" + _DAY_RE + r")*"
)
_DAYS_BEFORE_CLOCK = re.compile(
    r"(?:\b(?:every|each|on)\s+(?:other\s+)?)?\b(?P<days>" + _DAY_LIST + r")"
    r"(?:\s+(?:morning|evening|afternoon|night)s?)?\s*,?\s*(?:at\s+|@\s*|around\s+)?$"
)
_DAYS_AFTER_CLOCK = re.compile(r"\s*,?\s*(?:every|each|on)\s+(?:other\s+)?(?P<days>" + _DAY_LIST + r")\b")


def _clocked_days(low: str, span: tuple[int, int]) -> list[str] | None:
    """The days said right with the run's clock at `span` ('every Monday and Thursday at 12:00', 'at 9 every
    Tuesday'), or None (nor the end of a range: 'Wednesday to Sunday at 9' is the range's)."""
    before = _DAYS_BEFORE_CLOCK.search(low, 0, span[0])
    if before is not None and re.search(
        r"(?:\bto|\bthrough|\bthru|\buntil|\btill|[-–])\s*$", low[: before.start()]
    ):
        before = None
    found = before or _DAYS_AFTER_CLOCK.match(low, span[1])
    if found is None:
        return None
    return [_DAYS[m.group(1)] for m in re.finditer(_DAY_RE, found.group("days"))]


# 'hourly', 'every hour', 'every hr', 'once an hour', 'once per hr': one run an hour
_ONE_HOUR = r"\b(?:hourly|(?:every|each)\s+(?:single\s+)?(?:hour|hr)|once\s+(?:an?|per)\s+(?:hour|hr))\b"


_ROUTINE = re.compile(
    r"\b(?:my|our|the)\s+(?:usual\s+)?(?P<when>(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekday|morning|evening|"
    r"night|afternoon|week|month)(?:ly)?\s+(?:routine|ritual|checklist|drill|rounds?|chores?|admin)\b",
    re.I,
)


# 'the gate code changes monthly', 'the rota is updated weekly', 'prices get reviewed monthly': a thing's cadence, told
_TOLD_CADENCE = re.compile(
    r"\b(?:changes|renews|resets|rotates|updates|refreshes|is|are|gets|get)\s+(?:(?:changed|renewed|reset|"
    r"rotated|updated|refreshed|reviewed|paid|billed|due)\s+)?(?P<cadence>monthly|weekly)\b(?!\s*(?:at|@|on)\b)"
)


def _sentence_around(low: str, at: int) -> tuple[int, int]:
    start = max(low.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [e for e in (low.find(c, at) for c in ".!?\n") if e >= 0]
    return start, min(ends) if ends else len(low)


# 'cron 0 */2 * * *', 'cron: `30 6 * * 1-5`', 'on the cron schedule "0 9 * * MON"': a cron line written out (five
# fields: minute, hour, day of the month, month, day of the week)
_CRON_FIELD = r"[\d*][\d*/,-]*"
_CRON_LINE = re.compile(
    r"\bcron(?:\s+(?:expression|schedule|line|job|string))?\s*(?:[:=]|of|is)?\s*[`'\"“]?"
    rf"(?P<cron>(?:{_CRON_FIELD}[ \t]+){{4}}(?:{_CRON_FIELD}|[A-Za-z]{{3}}(?:[-,][A-Za-z]{{3}})*))(?![\w*/,-])",
    re.I,
)


# 'two days before each event', 'the day before every appointment', '48 hours ahead of each booking': a time ahead of
# dated items, which a run each day (each hour) finds
_AHEAD_OF_EACH = re.compile(
    r"\b(?:(?:\d+|one|two|three|four|five|six|seven|a|the)\s+(?P<unit>days?|hours?|weeks?|nights?|evenings?)|"
    r"(?P<unit2>the\s+(?:day|night|evening|morning))(?=\s))\s+(?:before|ahead\s+of|prior\s+to)\s+"
    r"(?:each|every|any|all|their|the)\s+(?:[\w'’-]+\s+){0,2}?(?:events?|appointments?|bookings?|sessions?|classes|"
    r"class|meetings?|shifts?|visits?|reservations?|lessons?|matches|match|games?|deliver(?:y|ies)|collections?|"
    r"clean-?ups?|trips?|tours?|departures?|arrivals?|check-?ins?|workshops?|rehearsals?|gigs?|services?)\b",
    re.I,
)


def read_schedule(text: str) -> Trigger | None:
    """Schedule values from phrases like 'every weekday at 8:00 CET', 'every 15 minutes', 'monthly on the 1st'."""
    written = _CRON_LINE.search(text)
    if written:  # the schedule as the cron line says it (Sim's 'custom' schedule holds one)
        zone, _ = find_timezone(text)
        cron = {
            "startWorkflow": "schedule",
            "scheduleType": "custom",
            "cronExpression": " ".join(written.group("cron").split()).upper(),
            "timezone": zone or "UTC",
        }
        return Trigger("schedule", cron, [written.span()])
    text = _DATED.sub(lambda m: " " * len(m.group(0)), text)
    # ('…/forecast?hourly=wind_speed_10m', '…/daily-report'): a web address's words say nothing of when it runs
    text = re.sub(r"\bhttps?://\S+", lambda m: " " * len(m.group(0)), text)
    # ("reply to them 'thanks! pickup is fri 4-7pm'", 'a WhatsApp saying "See you Thursday at 10:00"'): a clock in
    # the words a message carries is no time the run keeps (a quote said as an ask is read: `_said`)
    text = _QUOTED.sub(
        lambda m: (
            " " * len(m.group(0))
            if not _said(m.group(0)) and find_time(m.group(0))[0] is not None
            else m.group(0)
        ),
        text,
    )
    # 'you'll be saving a lot of my evenings': a person's time, no time the run keeps
    text = re.sub(lexicon()["owned_times"], lambda m: " " * len(m.group(0)), text, flags=re.I)
    low = re.sub(
        r"\b(?:daily|weekly|monthly|hourly|nightly)\b",
        lambda m: (
            "_" * len(m.group(0))
            if _proper_name(text, m.start())
            # '900 monthly subscribers', 'plan names and monthly prices': a measure taken that often, not a run
            or _measure(text, m.start(), m.end())
            or re.search(r"\b(?:the|a|an|our|my|your|their|this|its)\s+$", text[: m.start()], re.I)
            # 'Run a nightly export …', 'Send a daily digest …': a job the command asks for, run that often
            and not re.search(
                r"(?:^|[.;:!?]\s*|\b(?:please|and|then|to|i want to|we want to)\s+)(?:run|send|post|email|do|give me|"
                r"get me|share|prepare|compile|produce|generate|make|create|deliver)\s+(?:me\s+|us\s+)?an?\s+$",
                text[: m.start()],
                re.I,
            )
            # 'a daily 5pm job', 'a nightly 2am backup': a clock right after it says when the workflow runs
            and not re.match(_A_CLOCK, text[m.end() :].lstrip(), re.I)
            # 'set up an hourly check of our Stripe account', 'a nightly sync of …': a job run that often
            and not _cadence_job(text, m.start(), m.end())
            else m.group(0)
        ),  # 'the Daily Signups sheet', 'post the daily report': names and adjectives
        text,
        flags=re.I,
    ).lower()
    # the user's quoted words: 'arrives on Monday' (not a sentence quoted as said, '- "Every night at 11pm, take …."',
    # a call's notes giving the customer's ask in their words)
    low = _QUOTED.sub(lambda m: m.group(0) if _said(m.group(0)) else " " * len(m.group(0)), low)
    # 'append it to the sheet so we can batch them on Friday': a day in the purpose of a step is no day it runs on
    low = re.sub(
        r"\bso\s+(?:that\s+)?(?:[\w'-]+\s+){1,3}?(?:can|could|will|would|may|have\s+time\s+to)\b[^.;!?\n]*",
        lambda m: " " * len(m.group(0)),
        low,
    )
    # 'the thing we talked about on friday', 'as discussed on Monday': the day it was said, not a day it runs on
    low = re.sub(lexicon()["talked_on_a_day"], lambda m: " " * len(m.group(0)), low)
    low = re.sub(r"\bevry\b", "each", low)  # a common slip of 'every' (same length: spans hold)
    # ('My Friday routine at the office:\n- 6pm: open …': a routine of a day or a part of the day is done every one)
    low = _ROUTINE.sub(lambda m: f"every {m.group('when')}".ljust(len(m.group(0))), low)
    # 'our monday.com board', 'sun.io': a host's name is no day (blanked, same length: spans hold)
    low = re.sub(
        r"\b[a-z][\w-]*(?:\.[a-z][\w-]*)*\.(?:com|io|net|org|co|app|dev|ai|so)\b",
        lambda m: " " * len(m.group(0)),
        low,
    )
    hint = _SCHEDULE_HINT.search(low) or _times_a_day().search(low)
    if not hint:
        return None
    clock, clock_span = find_time(text)
    if clock_span and _RUN_CLOCK.search(low[max(0, clock_span[0] - 40) : clock_span[0]]):
        # ('every day at 15:00 UK time, read … Also, the gate code changes monthly': with the run's clock said with its
        # repetition, a cadence told of a thing in another sentence — what changes, renews or is paid that often —
        # is how things are, not when the run starts)
        sentence = _sentence_around(low, clock_span[0])
        low = _TOLD_CADENCE.sub(
            lambda m: (
                m.group(0)
                if sentence[0] <= m.start() < sentence[1]
                else m.group(0)[: m.start("cadence") - m.start()] + " " * len(m.group("cadence"))
            ),
            low,
        )
    zone, zone_span = find_timezone(text)
    hh, mm = (int(clock[:2]), int(clock[3:])) if clock else (9, 0)
    time_text = f"{hh:02d}:{mm:02d}"
    values: dict[str, str] = {}
    # ('Drivers start at 06:00 and … So: every weekday at 06:15 (UK time), read …': the run's clock is the one said
    # with its repetition; the span read as the schedule's stays the first clock in the text's order, so what the
    # planner blanks, and the steps read from what is left, do not move)
    first_span = find_time(text, run_first=False)[1] if clock_span else None
    spans = [s for s in (first_span or clock_span, zone_span) if s]
    extra, extra_end = more_times(text, clock_span) if clock_span else ([], 0)
    hours_list = sorted({hh} | {int(t[:2]) for t in extra if int(t[3:]) == mm})
    if len(hours_list) < 2 and re.search(r"\btwice (?:a|per) day|twice daily\b", low):
        hours_list = [hh, (hh + 12) % 24] if hh < 12 else [hh - 12, hh]
    counted = _times_a_day().search(low)
    if (
        len(hours_list) < 2 and counted
    ):  # 'a few times a day': that many runs, spread over twelve hours from the first
        runs = lexicon()["times_a_day"][counted.group(1).lower()]
        hours_list = sorted({(hh + k * (12 // (runs - 1))) % 24 for k in range(runs)})
    if extra and clock_span:
        spans.append((clock_span[0], extra_end))
    # 'twice a day at 9am and 5pm': one cron line lists the hours (Sim's daily type holds one time)
    hour_field: int | str = ",".join(str(h) for h in hours_list) if len(hours_list) > 1 else hh
    minutes = re.search(r"\b(?:every|each)\s+(\d+)\s*(?:minutes?|mins?|m)\b", low)
    # ('every couple of hours', 'every couple hours': two)
    hours = re.search(r"\b(?:every|each)\s+(\d+|couple(?:\s+of)?)\s*(?:hours?|hrs?|h)\b", low)
    days = [d for d in (_DAYS[m.group(1)] for m in re.finditer(_DAY_RE, low)) if d] or [
        _DAYS[m.group(1)[:3]] for m in re.finditer(_ABBR_DAY, low)
    ]
    # 'every Monday …, numbers are confidential until Friday': a day that dates something is no day it runs on
    dated = [
        _DAYS[m.group(1)]
        for m in re.finditer(_DAY_RE, low)
        if re.search(
            # ('we're closed Sundays', 'shut on Mondays': the days nobody works, no days it runs on)
            r"\b(?:until|till|by|before|after|since|from|last|next|due|closed|shut|starting|beginning|as\s+of)\s+"
            r"(?:this\s+|next\s+|on\s+)?$",
            low[: m.start()],
        )
    ]
    # ('From Monday, every day at 05:00': the run's days are every day; the day only dates its start)
    if dated and (
        [d for d in days if d not in dated] or re.search(r"\b(?:every|each)\s+day\b|\bdaily\b", low)
    ):
        days = [d for d in days if d not in dated]
    # 'every day except Saturday', 'every weekday but not Friday': the days left out
    left_out = re.search(
        r"\b(?:except|but not|other than|apart from|excluding|skip(?:ping)?|never on)\s+(?:on\s+)?("
        + _DAY_RE
        + r"(?:\s*(?:,|and|or|&)\s*"
        + _DAY_RE
        + r")*)",
        low,
    )
    excluded = {_DAYS[m.group(1)] for m in re.finditer(_DAY_RE, left_out.group(1))} if left_out else set()
    days = [d for d in days if d not in excluded]
    # 'every thursday at 4pm, actually make it every friday': the days said after a correction replace those before
    corrected = list(
        re.finditer(
            r"\b(?:actually|no wait|wait|sorry|i mean|make (?:it|that)|rather|instead|scratch that)\b", low
        )
    )
    said_later = False
    if corrected:
        after = low[corrected[-1].end() :]
        later = [_DAYS[m.group(1)] for m in re.finditer(_DAY_RE, after)] or [
            _DAYS[m.group(1)[:3]] for m in re.finditer(_ABBR_DAY, after)
        ]
        if later:
            said_later = True
            days = [d for d in later if d not in excluded and d not in dated] or later
    # 'Every Friday at 4pm … for the Monday meeting': the days said as a habit ('every Friday', 'on Fridays', and
    # the days listed with them) are the run's; a single day said elsewhere names something else
    habit = [
        _DAYS[d.group(1)]
        for m in re.finditer(
            r"\b(?:every|each)\s+(?:other\s+)?" + _DAY_RE + r"(?:\s*(?:,|and|or|&)\s*" + _DAY_RE + r")*"
            r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b(?:\s*(?:,|and|or|&)\s*" + _DAY_RE + r")*",
            low,
        )
        for d in re.finditer(_DAY_RE, m.group(0))
    ]
    if [d for d in days if d in habit] and [d for d in days if d not in habit]:
        days = [d for d in days if d in habit]
    # 'Monday through Saturday', 'tuesday-thursday': every day of the range (the last range said wins a correction)
    ranges = (
        [
            (m.group(1), m.group(2))
            for m in re.finditer(
                r"\b" + _DAY_RE + r"\s*(?:to|through|thru|until|till|-|–)\s*" + _DAY_RE + r"\b", low
            )
        ]
        or [  # 'tue-thu 9am': short names, right before the clock
            (m.group(1)[:3], m.group(2)[:3])
            for m in re.finditer(
                r"\b(" + _ABBR_NAMES + r")\.?\s*[-–]\s*(" + _ABBR_NAMES + r")\.?(?=" + _CLOCK_AHEAD + ")", low
            )
        ]
    )
    if ranges:
        order = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        first, last = (order.index(_DAYS[ranges[-1][i]]) for i in (0, 1))
        days = [order[(first + i) % 7] for i in range((last - first) % 7 + 1)]
    # 'deliveries on Tuesdays and Fridays … Every Monday and Thursday at 12:00', 'open Wednesday to Sunday … every
    # Tuesday at 17:00': the days said with the run's clock are the run's; the days told elsewhere are background
    clocked = _clocked_days(low, clock_span) if clock_span and not said_later else None
    if clocked and any(
        _clocked_days(low, m.span()) for m in _TIME_RE.finditer(text) if m.span() != clock_span
    ):
        clocked = (
            None  # ('on Mondays at 9am and on Fridays at 3pm': other days with a clock of their own, kept)
        )
    if clocked and [d for d in clocked if d not in excluded]:
        days = [d for d in clocked if d not in excluded]
    monthly = re.search(r"\b(?:monthly|every month|each month|once a month|of (?:every|each) month)\b", low)
    doms = list(re.finditer(r"\bon the (\d{1,2})(?:st|nd|rd|th)?\b|" + _DAY_OF_MONTH, low))
    if (
        monthly
        and not doms
        and habit
        and not re.search(r"\b(?:first|last|second|third|fourth)\s+" + _DAY_RE, low)
    ):
        # 'every Monday at 7am … some tenants pay monthly': a weekday said as a habit is when it runs; 'monthly' then
        # says how often something else happens
        monthly = None
    if monthly and not doms:  # 'on the last working day — no, just the 28th — of every month'
        # '(day 28, 18h)' after 'every month': the day said alone
        doms = list(re.finditer(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b|\bday (\d{1,2})\b(?!\s*(?:days?|%))", low))
    # 'Rent is due on the 1st. On the 28th at 09:00, …': the day said with the clock is when it runs
    dom = (
        min(doms, key=lambda m: abs(m.end() - clock_span[0]))
        if doms and clock_span
        else next(iter(doms), None)
    )
    # 'on the last working day — actually, just make it the 28th at 17:00', 'on the first Monday of the month — no,
    # scratch that, the 5th': a day of the month said after a correction replaces the place in the month before it
    redated = _redated_day(low, corrected[-1].end()) if corrected else None
    if redated:
        dom = redated
    # 'every 10 minutes during office hours (Mon-Fri)': the interval runs on weekdays, from 9 until 17
    office = re.search(r"\b(?:office|business|working|work) hours\b", low)
    windowed = _hours_window(low, bool(office))
    start_hour, end_hour = windowed or (9, 17)
    # 'every day except weekends': the weekdays
    no_weekend = re.search(
        r"\b(?:except|but not|other than|apart from|excluding)\s+(?:on\s+)?(?:the\s+)?weekends?\b", low
    )
    weekdays = (
        office
        or no_weekend
        or re.search(
            _WEEKDAYS,
            low,
        )
    )
    # 'every half hour', 'every quarter-hour': the minutes said as a share of the hour
    # ('quarter-hourly', 'half hourly': the same said as one word)
    share = re.search(
        r"\b(?:(?:every|each)\s+(half|quarter)(?:\s+(?:of\s+)?an)?[\s-]+hour|(half|quarter)[\s-]?hourly)\b",
        low,
    )
    if minutes or share:
        n = max(1, min(59, int(minutes.group(1)))) if minutes else (30 if "half" in share.group(0) else 15)  # type: ignore[union-attr]
        values = {"scheduleType": "minutes", "minutesInterval": str(n), "cronExpression": f"*/{n} * * * *"}
        # (the last run before the window closes: 'from 9 to 5' is 9:00 to 16:40 every 20 minutes)
        window = f"{start_hour}-{end_hour - 1}" if end_hour - 1 > start_hour else str(start_hour)
        if weekdays or windowed:
            values = {
                "scheduleType": "custom",
                "cronExpression": f"*/{n} {window if office or windowed else '*'} * * {'1-5' if weekdays else '*'}",
            }
        spans.append((minutes or share).span())  # type: ignore[union-attr]
    elif hours or re.search(_ONE_HOUR, low):
        n = (int(hours.group(1)) if hours.group(1).isdigit() else 2) if hours else 1
        values = {
            "scheduleType": "hourly",
            "hourlyMinute": str(mm if clock else 0),
            "cronExpression": _cron(mm if clock else 0, "*" if n == 1 else f"*/{n}"),
        }
        if n != 1:
            values["scheduleType"] = "custom"
        if weekdays or windowed:
            window = f"{start_hour}-{end_hour}" + ("" if n == 1 else f"/{n}")
            hour_range = window if office or windowed else ("*" if n == 1 else f"*/{n}")
            values = {
                "scheduleType": "custom",
                "cronExpression": _cron(mm if clock else 0, hour_range, dow="1-5" if weekdays else "*"),
            }
        hourly = hours or re.search(_ONE_HOUR, low)
        if hourly:
            spans.append(hourly.span())
    elif not redated and (place := _month_place(low)):
        values = {
            "scheduleType": "custom",
            "monthlyTime": time_text,
            "cronExpression": _cron(mm, hour_field, dom=place[0], dow=place[1]),
        }
        spans.append(place[2])
    elif excluded and not days:
        kept = [
            d
            for d in ((1, 2, 3, 4, 5) if weekdays else range(7))
            if d not in {_CRON_DAY[x] for x in excluded}
        ]
        values = {
            "scheduleType": "custom",
            "dailyTime": time_text,
            "cronExpression": _cron(mm, hour_field, dow=",".join(str(d) for d in kept)),
        }
        spans.append(left_out.span())  # type: ignore[union-attr]
    elif no_weekend or re.search(
        _WEEKDAYS,
        low,
    ):
        values = {
            "scheduleType": "custom",
            "dailyTime": time_text,
            "cronExpression": _cron(mm, hour_field, dow="1-5"),
        }
        # ('weekdays 7:30 → …': the days said right before the clock are the schedule's words too)
        said = re.search(_WEEKDAYS + r"(?=[^\S\n]+(?:at[^\S\n]+)?\d)", low)
        if said:
            spans.append(said.span())
    elif not days and re.search(
        # ('we sell at weekend markets': a weekend thing, no day it runs on)
        r"\bweekends?\b(?!\s+(?!(?:mornings|evenings|afternoons|nights|days|hours|shifts|plus|thus)\b)[a-z]{3,}s\b)",
        low,
    ):  # ('on Thursdays, the weekend's shifts': a day is said)
        values = {
            "scheduleType": "custom",
            "dailyTime": time_text,
            "cronExpression": _cron(mm, hour_field, dow="0,6"),
        }
    elif monthly or dom:
        day_of_month = (
            _ORDINALS.get(next(g for g in dom.groups() if g), 0) or int(next(g for g in dom.groups() if g))
            if dom
            else 1
        )
        values = {
            "scheduleType": "monthly",
            "monthlyDay": str(day_of_month),
            "monthlyTime": time_text,
            "cronExpression": _cron(mm, hour_field, dom=str(day_of_month)),
        }
    elif len(set(days)) > 1:
        ordered = sorted(set(days), key=lambda d: _CRON_DAY[d])
        values = {
            "scheduleType": "custom",
            "weeklyDay": ordered[0],
            "weeklyDayTime": time_text,
            "cronExpression": _cron(mm, hour_field, dow=",".join(str(_CRON_DAY[d]) for d in ordered)),
        }
    elif days or re.search(r"\b(weekly|every week|each week|once a week)\b", low):
        day = days[0] if days else "MON"
        values = {
            "scheduleType": "weekly",
            "weeklyDay": day,
            "weeklyDayTime": time_text,
            "cronExpression": _cron(mm, hour_field, dow=str(_CRON_DAY[day])),
        }
    elif (
        re.search(
            r"\b(daily|every day|each day|every morning|each morning|every evening|each evening|every night|"
            r"nightly|once a day|every afternoon|mornings|evenings|twice (?:a|per) day|twice daily)\b",
            low,
        )
        or counted
        or clock_span
    ):
        values = {"scheduleType": "daily", "dailyTime": time_text, "cronExpression": _cron(mm, hour_field)}
    elif ahead := _AHEAD_OF_EACH.search(low):
        # 'two days before each event in our calendar', 'the day before every appointment': the run looks each day
        # (each hour, for hours) for what is that far ahead
        if (ahead.group("unit") or "day").lower().startswith("hour"):
            values = {"scheduleType": "hourly", "hourlyMinute": "0", "cronExpression": _cron(0, "*")}
        else:
            values = {
                "scheduleType": "daily",
                "dailyTime": time_text,
                "cronExpression": _cron(mm, hour_field),
            }
        # (no span: 'each event in our Google Calendar' stays for the steps, the items read and gone through)
    else:
        return None
    if isinstance(hour_field, str) and values["scheduleType"] in ("daily", "weekly", "monthly"):
        values["scheduleType"] = "custom"
    values = {"startWorkflow": "schedule", **values, "timezone": zone or "UTC"}
    for pattern in (
        r"\b(?:every|each|on)\s+(?:\d+\s*(?:minutes?|mins?|hours?)|week ?days?|weekends?|business day|"
        + _DAY_RE
        + r"(?:\s*(?:,|and)\s*"
        + _DAY_RE
        + r")*(?:\s+(?:morning|evening|afternoon|night)s?)?|day|morning|evening|night|afternoon|hour|week|month)\b",
        r"(?<![-#/@])\b(?:daily|hourly|weekly|monthly|nightly|(?:once|twice|three times) (?:a|per) (?:day|week|month)|"
        r"twice daily)\b",
        r"\bon the \d{1,2}(?:st|nd|rd|th)?(?: of (?:every|each|the) month)?\b",
        _times_a_day(),
        _DAY_OF_MONTH,
        r"\b" + _DAY_CLOCK + r"\b",
        # 'Tue/Thu at 7:00'; 'every fri 4pm': the 'every' before a short name is the schedule's too, no list
        r"\b(?:(?:every|each|on)\s+)?"
        + _ABBR_NAMES
        + r"\.?(?:"
        + _ABBR_LIST
        + _ABBR_NAMES
        + r"\.?)*"
        + _CLOCK_AHEAD,
    ):
        spans += [m.span() for m in re.finditer(pattern, low) if not _proper_name(text, m.start())]
    # ('Weekdays at 08:45 and 13:15': one cron line holds hours of one minute, '45 8,13' would run at 13:45; '15,45
    # 8,13' four times a day): a clock at another minute is not kept, and the user is told so
    dropped = [
        t
        for t in extra
        if int(t[3:]) != mm and "cronExpression" in values and str(mm) == values["cronExpression"].split()[0]
    ]
    notes = (
        [
            f"Sim runs one schedule, at {time_text}: {' and '.join(dropped)} (another minute of the hour) is not kept; "
            "a copy of this workflow scheduled at that time runs it there too"
        ]
        if dropped
        else []
    )
    return Trigger("schedule", values, sorted(set(spans)), notes)  # 'every hour' is found twice: named once


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    stop = {
        "a",
        "an",
        "the",
        "is",
        "are",
        "new",
        "when",
        "whenever",
        "on",
        "each",
        "every",
        "time",
        "as",
        "soon",
        "in",
        "to",
        "from",
        "we",
        "i",
        "our",
        "my",
        "get",
        "gets",
        "receive",
        "arrives",
        "comes",
        "there",
    }
    return "-".join([w for w in words if w not in stop][:4]) or "incoming"


def read_webhook(clause: str) -> Trigger | None:
    """'When a new pull request is opened on GitHub' → webhook from github, path 'github-pull-request-opened'; an
    event of no service said first, then a service's webhook named ('"When someone downgrades we want to know." -
    Stripe webhook on subscription updated → …', a wish quoted in notes, then what carries it): that webhook."""
    hook = _read_webhook(clause)
    if hook is None or hook.values.get("webhookProvider", "generic") != "generic":
        return hook
    named = next((m for m in _NAMED_WEBHOOK.finditer(clause) if _named_provider(m.group(1).lower())), None)
    if named is None or (hook.spans and named.start() <= hook.spans[0][0]):
        return hook
    later = _read_webhook(clause[named.start() :])
    if later is None or later.values.get("webhookProvider", "generic") == "generic":
        return hook
    later.spans = [(a + named.start(), b + named.start()) for a, b in later.spans]
    return later


# what is done to the event's items, said in the passive after them: the first step, not the event's words
_DONE_TO = (
    r"(?:added|posted|logged|saved|sent|stored|created|forwarded|copied|filed|recorded|written|translated|"
    r"summari[sz]ed|shared|pushed|e-?mailed|texted|announced|answered|replied\s+to|turned|converted|reposted|"
    r"classified|tagged|triaged|scored|checked|reviewed)"
)
_PASSIVE_STEP = re.compile(
    # '… comes in it gets added to our table', '…, it's logged as a Jira ticket'
    r"\s(?:it|they|this|that|each one)\s*(?:gets?|is|are|'s|should be|will be|must be)\s+(?:automatically\s+)?"
    r"(?:added|posted|logged|saved|sent|stored|created|forwarded|copied|filed|recorded|written)\b"
    # ('New messages in our Telegram group should be translated and posted to …': the items are the subject)
    r"|\s(?:should|will|must|shall|needs?\s+to|has\s+to|have\s+to)\s+(?:be|get)\s+(?:automatically\s+)?"
    + _DONE_TO
    + r"\b"
    # ('every new Intercom conversation gets summarised by AI …': what an AI does to it, said of the item)
    + r"|\s(?:gets?|is|are)\s+(?:automatically\s+)?(?:summari[sz]ed|translated|answered|classified|categori[sz]ed|"
    r"scored|triaged|reviewed)\s+by\b"
    # ('have each new Zendesk ticket summarised by AI and posted to #support': the participle right after the item;
    # only what is done to it — 'a message posted in #help', 'a row added to …' say the event itself)
     + r"|(?<=\w)(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bget)(?<!\bgets)(?<!\bbeen)\s+(?:automatically\s+)?"
    r"(?:summari[sz]ed|translated|answered|classified|categori[sz]ed|scored|triaged|reviewed|turned|converted|"
    r"reposted)\s+(?:by|to|into|as|with|and)\b",
    re.I,
)


_ITEM_DONE_TO = re.compile(
    r"\s(?:the|its|their)\s+[\w-]+\s+(?:is|are|gets?|should\s+be|will\s+be)\s+(?:automatically\s+)?"
    r"(?:added|posted|logged|saved|sent|stored|copied|recorded|written)\s+(?:to|in|into|on)\b",
    re.I,
)


# 'Stripe webhook on invoice payment failed', 'GitHub webhook for new releases': a service's webhook, named
_NAMED_WEBHOOK = re.compile(
    r"\b([A-Za-z][\w.-]*(?:\s+[A-Za-z][\w.-]*)?)\s+webhooks?\s+(?:on|for|when)\b", re.I
)


def _read_webhook(clause: str) -> Trigger | None:
    found = _WEBHOOK_HINT.search(clause)
    if not found:
        return None
    start = found.start()
    # ('Attendees: …\n- Stripe webhook on …': the heading is on the webhook's line)
    # ('- Agreed: on the GitHub issue webhook for …': after a label's colon too)
    colon = clause.rfind(": ", 0, start)
    line = max(clause.rfind("\n", 0, start) + 1, colon + 2 if colon >= 0 else 0)
    # ('Triggered by the Stripe charge.refunded webhook': what the words before the webhook say starts the run)
    heading = re.fullmatch(
        r"\W*(?:(?:triggered|started|fired|kicked\s+off|runs?)\s+(?:by|on|from)\s+)?((?:[\w/.'-]+\s+){1,4})",
        clause[line:start],
        re.I,
    )
    if (
        found.group(1).lower() in ("webhook", "webhooks")
        and heading
        and not _IMPERATIVE.search(heading.group(1))
    ):
        # 'Shopify order webhook: …', 'orders/create webhook': the heading names the event
        start = line + heading.start(1)
    found_start = start
    head = clause[start:]
    aside = re.search(r"\(\s*(?:(?:via|by|through|from|on)\s+)?(?:an?\s+|the\s+)?$", clause[:start], re.I)
    if (
        found.group(1).lower() in ("webhook", "webhooks")
        and aside
        and re.match(r"\s*\)", clause[found.end() :])
    ):
        # 'Por cada nuevo socio que pague en Stripe (webhook), añade …', 'each new order on Shopify (via webhook), …':
        # the webhook in brackets says how the event before it arrives; that event, from its sentence's start
        opened = max(clause.rfind("\n", 0, aside.start()) + 1, 0)
        ends = [m.end() for m in _SENTENCE_END.finditer(clause, opened, aside.start())]
        begin = ends[-1] if ends else opened
        begin += len(clause[begin : aside.start()]) - len(clause[begin : aside.start()].lstrip())
        if len(clause[begin : aside.start()].split()) >= 3:
            start = found_start = begin
            head = clause[begin : aside.start()]
    label = re.match(r"webhooks?[ \t]*:[ \t]*(?=\S)", head, re.I)
    # (a label opens its line: 'our intranet webhook: HR -> …' names the webhook, its routes after the colon)
    if (
        label
        and start == found.start()
        and re.fullmatch(r"[\W_]*", clause[clause.rfind("\n", 0, start) + 1 : start])
    ):
        # ('# Webhook: GitHub release → announce': a heading labelled with the kind of start, the event after it)
        found_start, head = start + label.end(), head[label.end() :]
    if re.search(r"\b" + _RUN_ON + r"$", clause[:start], re.I):
        head = _run_ends_event(head)  # 'a flow that kicks in when a meeting is booked and adds …'
    head = re.split(
        r",(?!\d{3}\b)|:(?!//|\d)|\bthen\b|\s(?:->|→|=>|-|–|—)\s",
        _SENTENCE_END.split(head, maxsplit=1)[0],
        maxsplit=1,
    )[0]
    if found_start == found.start() and found.group(1).lower() in ("webhook", "webhooks"):
        # 'Log each new order that comes into our webhook to the Supabase table orders', '… from our webhook into
        # #orders': the webhook is where the item came from; where it goes after it is the step's
        head = re.split(r"\s+(?=(?:to|into|onto|in)\s)", head, maxsplit=1)[0]
    if clause[: found.start()].count("(") > clause[: found.start()].count(")") and ")" in head:
        head = head[
            : head.index(")")
        ]  # '(it POSTs JSON to a webhook) should have each …': the aside is the event
    passive = _PASSIVE_STEP.search(head)
    if passive:
        head = head[: passive.start()].rstrip()
    # ('every time someone pays in stripe the order is added to the sheet …', a clause with no comma after it): the
    # event's item named again as the subject of what is done to it starts the steps
    again = next((m for m in _ITEM_DONE_TO.finditer(head) if len(head[: m.start()].split()) >= 3), None)
    if again:
        head = head[: again.start()].rstrip()
    # '… a new email lands it will sort it into …', '… arrives (webhook) he triages it …': the bot named as the
    # subject of what it does next ends the event
    actor = next((m for m in _ACTOR_NEXT.finditer(head) if len(head[: m.start()].split()) >= 3), None)
    if actor:
        head = head[: actor.start()].rstrip()
    asked = next((m for m in _ASKED_NEXT.finditer(head) if len(head[: m.start()].split()) >= 3), None)
    if asked:
        head = head[: asked.start()].rstrip()
    for step in _IMPERATIVE.finditer(head, 5):
        if head[: step.start()].count("(") > head[: step.start()].count(")"):
            continue  # '(they send us a webhook)': an aside about the event, not the first step
        before = head[: step.start()].split()
        if (
            len(before) >= 3
            and before[-1].lower() not in _NOT_BEFORE_VERB
            and not (
                lx.integrations_in(before[-1]) and before[-2].lower() in _NOT_BEFORE_VERB
            )  # 'a Slack post'
        ):
            head = head[: step.start()].rstrip()
            break
    # the trigger's own clause names its source: 'When a HubSpot deal closes, post to Slack' is HubSpot's
    provider = _provider(head.lower())
    notes = []
    named = [k for _, k in lx.integrations_in(head) if k != provider and k not in ("gmail",)]
    if provider and named and not _named_provider(head.lower(), by_brand=True):
        # 'When a new Outlook email arrives': an e-mail event, but from a service JUL25 cannot listen to
        name = lexicon()["integrations"][named[0]]["type"].replace("_", " ").title()
        notes.append(
            f"Sim JUL25 has no {name} trigger: a generic webhook starts the workflow; point {name} at it"
        )
        provider = "generic"
    if (
        provider is None
        and re.search(r"(?:^|[\s(])#[a-z][\w-]*", head, re.I)
        and not lx.integrations_in(head)
    ):
        provider = (
            "slack"  # 'whenever a msg in #it-help has …': a #channel no service is named for is Slack's
        )
    from lib.generation.services import external, external_in

    if provider and provider != "generic" and not named and not _named_provider(head.lower()):
        # 'As soon as an invoice is paid in Xero', 'when a Shopify order is refunded': the event's words are another
        # service's (an invoice is Stripe's), but the service named sends it, and Sim JUL25 cannot listen to it
        provider = None if external_in(head) else provider
    if provider is None:
        services = external_in(head)
        if services:
            name = external()[services[0][1]]["name"]
            notes.append(
                f"Sim JUL25 has no {name} trigger: a generic webhook starts the workflow; point {name}'s "
                "webhook at this workflow's webhook URL"
            )
    values = {
        "startWorkflow": "webhook",
        "webhookProvider": provider or "generic",
        "webhookPath": _slug(head),
    }
    return Trigger("webhook", values, [(found_start, found_start + len(head))], notes)


# what 'a push to …' may name that is no branch ('pushes to GitHub', 'a push to acme/infra' is a repository)
_NOT_BRANCHES = frozenset(
    {"github", "gitlab", "bitbucket", "repo", "repository", "it", "a", "an", "any", "every", "origin"}
)

_EVENT_TESTS = (
    # 'when a PR gets merged into main', 'a pull request is merged': the provider tells of a closed pull request, merged
    # or not — whether it was merged is the test
    r"\b(?:pull[\s-]+requests?|PRs?)\s+(?:(?:gets?|got|is|was|are|were|has\s+been|have\s+been)\s+)?"
    r"(?P<mg>merged)\b",
    # 'with "invoice" in the subject', 'has 'crash' in the title': the words said of one field, looked for there
    # ('from a supplier w 'invoice' in the subject': 'w' is 'with' in a hurried note)
    r"(?:with|w/|\bw(?=\s+[\"“'])|has|have|having|contains?|containing|includes?|including|mentions?|mentioning)\s+"
    r"(?P<fq>[\"“'][^\"”'\n]{1,40}[\"”'])\s+in\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<ff>subject|title|summary|body|description|name|message|text)\b",
    # 'w/ 'crash' in the title', 'writes 'urgent' in the channel', 'mentions "refund"'
    # ('comments "/deploy" on a pull request', 'replies "STOP"', 'types "/ship"': the words written are the marker)
    r"(?:with|w/|writes?|says?|mentions?|mentioning|contains?|containing|includes?|comments?|commented|"
    r"repl(?:y|ies)|replied|types?|typed|texts?|texted|responds?|responded|answers?|answered)"
    r"\s*(?<=\s|/)(?P<q>[\"“'][^\"”']{1,40}[\"”'])",
    # 'a "bad" satisfaction rating', 'an "urgent" ticket', 'is marked "lost"', 'gets flagged "fraud"': a kind or a
    # state the user quotes, said of the event's item (a quoted name is capitalised: 'a new "Leads" row' is a place)
    r"(?:\b(?:a|an|any|every|each|new)\s+|\b(?:marked|flagged|set)\s+(?:as\s+|to\s+)?)"
    r"(?P<q2>\"[a-z][a-z -]{0,24}\"|“[a-z][a-z -]{0,24}”)(?=\s+[a-z]|\s*(?:[,.;]|$)|\s+(?:in|on|by)\b)",
    # 'and it contains CANCEL', 'if the text says STOP': a word written in capitals joined to the event, the marker
    r"\b(?:and|that|which|if)\s+(?:it|they|(?:the|its|their)\s+[\w-]+(?:\s+[\w-]+)?)\s+"
    r"(?:contains?|says?|mentions?|includes?|reads|has)\s+(?:the\s+(?:word|keyword)\s+)?(?P<c>[A-Z][A-Z0-9-]+)\b",
    # 'when a carer marks a visit 'missed' in …', 'someone flags an order as "fraud"': the state the item is given
    r"\b(?:marks?|marking|flags?|flagging|sets?|setting)\s+(?:a|an|the|any|its|their|that|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:as\s+|to\s+)?(?P<q>\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|(?<!\w)'[^'\n]{1,40}'(?!\w))",
    # 'with priority Blocker', 'with status = Done', 'with the label bug'
    r"\bwith\s+(?:the\s+|a\s+)?(?P<field>priority|status|label|tag|type|plan|severity|stage|category|topic)"
    r"\s*(?:=|:|is|of|set to)?\s*[\"“']?(?P<v>[\w-]+)",
    # 'someone replies STOP to our SMS', 'texts YES': a word written in capitals, the marker of what they wrote
    # (the verb in small letters: 'THEY SEND US A WEBHOOK' is a text in capitals)
    r"\b(?-i:repl(?:y|ies)|replied|texts?|texted|types?|typed|writes?|wrote|sends?|sent)\s+(?P<c>[A-Z]{2,}[A-Z0-9-]*)\b(?!\s*[a-z]+@)",
    # 'with URGENT in the subject': a word written in capitals, where it stands
    r"\bwith\s+(?P<c>[A-Z][A-Z0-9-]+)\s+(?:in|as)\s+(?:the\s+|its\s+)?(?:subject|title|body|text|message|name)\b",
    # 'gets the label 'bug'', 'receives the tag vip', 'has the label "regression"': the label the item is given
    r"\b(?:gets?|got|getting|given|receives?|received|has|have)\s+(?:the\s+|a\s+)?(?:label|tag)\s+"
    r"(?!(?:in|on|by|at|for|from|to|a|an|the|and|or|when|if)\b)(?P<t>[\"“']?[\w-]+[\"”']?)",
    # 'an issue marked Urgent', 'flagged as Critical': a state written with a capital, or quoted, is the marker
    # ('marked as done', 'marked paid' say what happened: the event itself, no test of it)
    r"\b(?:marked|flagged)\s+(?:as\s+)?(?P<mk>[\"“'][\w -]{1,24}[\"”']|[\w-]+)",
    # 'is tagged urgent', 'gets labelled "vip"', 'conversations tagged VIP', 'issues labelled 'regression''
    r"\b(?:tagged|labell?ed)\s+(?:as\s+|with\s+(?:the\s+)?(?:tag\s+|label\s+)?)?"
    r"(?!(?:in|on|by|at|for|from|to|a|an|the|and|or|when|if)\b)(?P<t>[\"“']?[\w-]+[\"”']?)",
    # 'with the word subpoena in the subject', 'has the word laptop', 'contains the word 'refund'', 'w/ the keyword
    # chargeback': the marker word, whatever verb holds it
    # ('and in the subject there is the word 'invoice'', 'where appears the word …': the word said to be there)
    r"(?:\bwith|\bw/|\bhas|\bhave|\bhaving|\bcontains?|\bcontaining|\bincludes?|\bincluding|\bmentions?|"
    r"\bmentioning|\bsays?|\bsaying|\buses?|\busing|\bthere\s+(?:is|are|'s)|\bthere's|\bappears?|\bis)\s+"
    r"(?:the\s+|a\s+)?(?:word|words|phrase|term|keyword|hashtag)s?\s+"
    r"(?P<w>[\"“']?[#\w-]+[\"”']?)",
    # 'someone mentions outage in teams', 'anyone writes help on discord': an unquoted word said in a place
    r"\b(?:mentions?|mentioning|writes?|says?|types?)\s+(?!(?:us|me|our|my|you|your|them|him|her|it|a|an|the|"
    r"something|anything|in|on|to|that|this)\b)(?P<m>[\w-]+)\s+(?:in|on)\b",
    # 'when a GitHub issue mentions closed beta, …', 'any review that mentions cold food': the words the event's own
    # clause ends on are the marker
    r"\b(?:an?|any|every|each|the)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:that\s+|which\s+)?(?:mentions?|mentioning)\s+"
    r"(?!(?:us|me|you|them|it|him|her|something|anything|our|my|your|a|an|the|any)\b)(?P<m>[\w-]+(?:\s+[\w-]+)?)\s*$",
    # 'and its priority is Blocker', 'and its Status is 'Ready'', 'and the plan is enterprise': a field of the
    # event joined to the event by 'and' (a number after it is a threshold, read elsewhere)
    # ('and its status becomes 'Done'', 'and the stage changes to Won': the value it takes)
    r"\band\s+(?:its|the|their|his|her)\s+(?P<f2>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+"
    r"(?:is|are|was|=|equals|says|becomes?|turns?|(?:gets|is|was)\s+(?:set|changed|moved|updated)\s+to|"
    r"changes?\s+to|goes\s+to|moves?\s+to)\s+"
    r"(?!(?:not|no|a|an|the|more|less|over|under|above|below|at|greater|higher|lower|between|within|older|newer)\b)"
    r"(?![$€£\d-])(?:[\"“'](?P<v2q>[^\"”'\n]{1,40})[\"”'](?!\w)|[\"“']?(?P<v2>[\w-]+))",
    # 'has stage = Offer', 'where status == "paid"': any field the text sets equal to a value
    r"\b(?:has|have|with|where|whose)\s+(?:the\s+|a\s+|its\s+)?(?P<f3>[a-z][\w-]*)\s*(?:==?|:)\s*[\"“']?(?P<v3>[\w-]+)",
    # 'a push to main', 'pushes to the release branch': the branch a push goes to
    r"\bpush(?:es|ed)?\s+(?:to|on|into)\s+(?:the\s+|our\s+)?[\"“']?(?P<br>[a-z][\w./-]*)[\"”']?(?P<brw>\s+branch)?\b",
    # 'from anyone @bigclient.com', 'from someone at acme.io', 'from any @bigretailer.com addr', 'from an address
    # ending in @sequoiacap.com or @a16z.com'
    r"\bfrom\s+(?:anyone|someone|somebody|any(?:body)?|an?\s+\w+|an?(?=\s+@)|the(?=\s+(?:e-?mail\s+)?(?:address|domain)))?\s*"
    r"(?:(?:e-?mail\s+)?(?:address(?:es)?|domains?|senders?)\s+)?(?:(?:ending|that\s+ends?)\s+(?:in|with)\s+)?(?:at\s+)?"
    # ('from anyone at our biggest client (@northwind.com)': who they are, then the domain in brackets)
    # ('from my landlord (rent@oakleaf.co.uk)': the whole address in the brackets)
    r"(?:(?:our|their|the|my|an?)\s+(?:[\w-]+\s+){0,3}?\(\s*(?=[\w.%+-]*@))?"
    # ('from billing@stripe.com': one sender's whole address)
    r"(?P<d>(?:[\w.%+-]+@|@)?[\w-]+(?:\.[\w-]+)+(?:\s+or\s+(?:[\w.%+-]+@|@)?[\w-]+(?:\.[\w-]+)+)*)",
    # 'the CEO (maria@lumenco.com) emails me', 'whenever ops@acme.io writes to us': the sender named with the verb
    r"(?:\(\s*)?(?P<d>[\w.%+-]+@[\w-]+(?:\.[\w-]+)+)(?:\s*\))?\s+(?:e-?mails?|mails?|writes?(?:\s+to)?|sends?)\s+"
    r"(?:me|us)\b",
    # 'changes to status "Shipped"', 'moves to closed-won', 'goes in status 'Approved'', 'passes into the stage
    # 'Closed Won'' (a quoted status is all its words)
    # ('changes status to 'Deposit paid'', 'changes its stage to Won': the field named before 'to')
    r"\b(?:changes?|changed|moves?|moved|is set|is moved|is changed|is put|goes|went|passes|passed|enters|entered)\s+"
    r"(?:(?:its\s+|their\s+|the\s+)?(?:status|stage|state|phase)\s+(?=to\b))?"
    r"(?:to|into|in(?=\s+(?:the\s+)?(?:status|stage|state|phase|column)\b))\s+(?:the\s+)?"
    r"(?:(?:status|stage|state|phase|column)\b)?\s*(?:[\"“'](?P<sq>[^\"”'\n]{1,40})[\"”'](?!\w)|[\"“']?(?P<s>"
    # ('moves to Closed Won', 'changes to Ready for Pickup': a state named in capitals is all its words)
    r"(?-i:[A-Z])[\w-]*(?:(?:\s+(?-i:for|of|and))?\s+(?-i:[A-Z])[\w-]*){0,3}|[\w-]+))",
    # 'the carrier's webhook says a parcel was delivered', 'reports that the build has failed'
    r"\b(?:says?|reports?|tells?\s+us|signals?)\s+(?:that\s+)?(?:a|an|the|its|their|our)?\s*(?:[\w-]+\s+){0,2}?"
    r"(?:was|is|has\s+been|has|got|gets)\s+(?P<s2>[\w-]+)",
    # 'and they picked 'Self-pay' for …', 'and it has 'leak' in it', 'that contains the word 'flood'', 'and the event's
    # zone is "server room"': a clause joined to the event whose verb takes a quoted value (an apostrophe opens none)
    r"\b(?:and|that|which|whose)\s+(?:[\w'-]+\s+){0,3}?(?:is|are|was|has|have|contains?|mentions?|says?|includes?|"
    r"equals?|matches|reads|picked|picks|chose|chooses|selected|selects|ticked|ticks|checked|checks|set\s+to)\s+"
    r"(?:the\s+(?:word|words|phrase|term|keyword|value|option|answer)\s+|as\s+)?"
    r"(?P<q2>\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|(?<!\w)'[^'\n]{1,40}'(?!\w))",
    # 'and it mentions refund', 'that talks about a refund', 'and the subject contains invoice': one unquoted word that
    # ends the event's clause is the marker ('and it mentions the order number, …' runs on: no test)
    r"\b(?:and|that|which)\s+(?:it|they|(?:the|its|their)\s+[\w-]+(?:\s+[\w-]+)?)\s+"
    r"(?:mentions?|contains?|includes?|talks?\s+about|refers?\s+to|is\s+about|asks?\s+(?:about|for))\s+"
    r"(?:(?:an?|any|the\s+word)\s+)?(?!(?:us|me|you|them|it|him|her|something|anything|our|my|your)\b)"
    # ('and it mentions a spill or an injury': either word is the marker)
    r"(?P<m>[\w-]+(?:\s+or\s+(?:an?\s+)?[\w-]+)?)\s*$",
)


# another state of the event said beside it ('… says a parcel was delivered. If the status is 'exception', …',
# 'anything else, do nothing'): only then is the state the event is said with a test of it
_OTHER_STATES = (
    r"\b(?:otherwise|or\s+else|anything\s+else|if\s+not|any\s+other\s+(?:status|state|stage|outcome|result)|"
    r"(?:if|when|unless|whenever)\s+(?:the\s+|its\s+|their\s+)?(?:status|state|stage|outcome|result)\s+"
    r"(?:is|was|are|were|isn['’]t|wasn['’]t|aren['’]t|comes?\s+back|says?|becomes?|changes?)\b)"
)


# a hook of one's own that reports whatever happens ('our CI webhook', 'the carrier's webhook'), not a named service
_HOOK_SPEAKS = r"\b(?:web-?hook|hook|endpoint|callback)s?\s*$"


def event_test(head: str, text: str | None = None) -> str | None:
    """The test the trigger's own clause puts on the event ('… with priority Blocker' → 'priority is
    Blocker'), or None. A number ('a payment over $1,000') is a threshold, read elsewhere. `text` is the whole
    description: 'whenever Lodgify says a guest has checked out' names the event that starts the run (true whenever
    it runs, no test of it) unless the text speaks of the event's other states too."""
    for pattern in _EVENT_TESTS:
        found = re.search(pattern, head, re.I)
        if found is None:
            continue
        parts = found.groupdict()
        if parts.get("mg"):
            return "the merged field is true"
        if parts.get("fq"):
            return f"the {parts['ff'].lower()} mentions {parts['fq']}"
        if parts.get("q") or parts.get("q2"):
            return f"it mentions {parts.get('q') or parts['q2']}"
        if parts.get("c"):  # the pattern is read case-blind: only a word in capitals is the marker
            if parts["c"].isupper():
                return f"it mentions {parts['c']}"
            continue
        if parts.get("t"):
            return f"it mentions {parts['t']}"
        if parts.get("mk"):
            # ('marked paid' on a service whose own event that is says what happened; a generic hook reports every
            # change of the item: 'when a Xero invoice is marked as paid' is a test of the change)
            if parts["mk"][0].isupper() or parts["mk"][0] in "\"“'" or not _named_provider(head.lower()):
                return f"it mentions {parts['mk']}"
            continue
        if parts.get("w") or parts.get("m"):
            marker = parts.get("w") or re.sub(r"\s+or\s+an?\s+", " or ", parts["m"])
            return f"it mentions {marker}"
        if parts.get("f2"):  # a quoted value is all its words ('and the stage is 'Closed Won'')
            return f"the {parts['f2'].lower()} is " + (
                f"'{parts['v2q']}'" if parts.get("v2q") else parts["v2"]
            )
        if parts.get("br"):
            branch = parts["br"].rstrip(".")
            if branch.lower() in _NOT_BRANCHES or ("/" in branch and not parts.get("brw")):
                continue  # 'pushes to acme/infra on GitHub': a repository, not a branch
            return f"the ref is refs/heads/{branch}"
        if parts.get("f3"):
            return f"the {parts['f3'].lower()} is {parts['v3']}"
        if parts.get("field"):
            return f"the {parts['field'].lower()} is {parts['v']}"
        if parts.get("d") and "@" not in parts["d"] and not re.search(r"\.[a-z]{2,}$", parts["d"]):
            continue
        if parts.get("d"):  # '@a.com or @b.com': either sender
            return " or ".join(f"it comes from {d}" for d in re.split(r"\s+or\s+", parts["d"]))
        if parts.get("sq"):
            return f"the status is '{parts['sq']}'"
        if parts.get("s2") and (
            _named_provider(head.lower())
            or not (
                re.search(_HOOK_SPEAKS, head[: found.start()], re.I)
                or re.search(_OTHER_STATES, text or head, re.I)
            )
        ):
            # 'whenever Stripe tells us a subscription was cancelled', 'when Lodgify says a guest has checked out':
            # the event the service was set to send starts the run, no test of it ('our CI webhook reports that a
            # build has failed': a hook of our own reports every build — the state is tested)
            continue
        status = parts.get("s") or parts.get("s2")
        if status and status.lower() not in ("a", "an", "the", "new", "our", "my"):
            return f"the status is {status}"
    return None


def _addresses_blanked(text: str) -> str:
    """'an email from billing@stripe.com', 'a link to github.com/…': a service's name inside an address or a link is
    no source of the event (blanked with spaces, so every position stays)."""
    for pattern in (lx.URL_RE, lx.EMAIL_RE):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _named_provider(text: str, *, by_brand: bool = False) -> bool:
    """Whether the text names a webhook provider; `by_brand`: by its own name, not by a place any service has
    ('inbox', lexicon 'webhook_providers' `place_names`): 'Outlook inbox bookings@…' names Outlook's inbox, not
    Gmail."""
    text = _addresses_blanked(text)
    providers = lexicon()["webhook_providers"]
    return any(
        re.search(r"\b" + re.escape(p) + r"(?:s|ed|ing)?\b", text)
        for name, entry in providers.items()
        if name != "generic"
        for p in entry["names"]
        if not (by_brand and p in entry.get("place_names", ()))
    )


def _provider(text: str) -> str | None:
    """The source the text names (an email '… lands in Gmail' → gmail), else the one its event words suggest."""
    text = _addresses_blanked(text)
    providers = lexicon()["webhook_providers"]
    named = [
        (pos, name)
        for name, entry in providers.items()
        for p in entry["names"]
        for pos in [m.start() for m in re.finditer(r"\b" + re.escape(p) + r"(?:s|ed|ing)?\b", text)]
    ]
    specific = [(pos, name) for pos, name in named if name != "generic"] or named
    if specific:
        # 'an issue from GitHub posted in Slack': the place it arrives ('in/on/from X') first, else the first named
        placed = [
            (pos, name)
            for pos, name in specific
            if re.search(r"\b(?:in|on|from|via|to|into)\s+(?:our\s+|my\s+|the\s+)?$", text[:pos])
        ]
        return min(placed or specific)[1]
    # (whole words: 'a PR' is GitHub's, 'a price' is not; 'platform' holds no form)
    events = [
        (m.start(), name)
        for name, entry in providers.items()
        for p in entry["events"]
        for m in [re.search(_event_words(p), text)]
        if m
    ]
    return min(events)[1] if events else None


def _event_words(phrase: str) -> str:
    """The pattern of a provider's event phrase as whole words ('push' also 'pushes', 'pushed')."""
    head = r"(?<!\w)" if phrase[:1].isalnum() else ""
    tail = r"(?:s|es|ed|ing)?(?!\w)" if phrase[-1:].isalnum() else ""
    return head + re.escape(phrase) + tail


def item_provider(event: str, text: str) -> str | None:
    """The one service with a trigger that `text` names and whose item `event` speaks of with no service of its own
    ("when a record's status changes", the notes naming 'our Airtable table') — else None."""
    if _named_provider(event.lower()) or lx.integrations_in(event):
        return None
    found = {
        key
        for key, entry in lexicon()["webhook_providers"].items()
        if key != "generic"
        and any(
            re.search(r"\b" + re.escape(item) + r"(?:s|['’]s)?\b", event, re.I)
            for item in entry.get("items", [])
        )
        and any(re.search(r"\b" + re.escape(name) + r"\b", text, re.I) for name in entry["names"])
    }
    return found.pop() if len(found) == 1 else None


def _item_named_before(text: str, trigger: Trigger) -> None:
    """'Members reserve tools in Airtable 'Reservations'. When a reservation record is created → …': an event of an
    item (a record, a message) that names no service, told after the one service that sends such items is named,
    is that service's event."""
    if not trigger.spans:
        return
    first = min(a for a, _ in trigger.spans)
    service = item_provider(" ".join(text[a:b] for a, b in trigger.spans), text[:first])
    if service:
        trigger.values["webhookProvider"] = service


def _provider_item(text: str) -> bool:
    """'each new record in the Airtable table …': a new item of the kind a named service sends an event for (its
    `items` in the webhook providers)."""
    return any(
        re.search(r"\b" + re.escape(name) + r"\b", text, re.I)
        and re.match(
            r"\W*(?:(?:for|on)\s+)?(?:every|each|any)\s+new\s+" + re.escape(item) + r"s?\b", text, re.I
        )
        for key, entry in lexicon()["webhook_providers"].items()
        if key != "generic"
        for name in entry["names"]
        for item in entry.get("items", [])
    )


_EVENT_PARTICIPLE = re.compile(
    r"(?:(?:for|on)\s+)?(?:every|each|any)\s+(?:failed|merged|closed|cancell?ed|refunded|disputed|published|released|"
    r"deployed|resolved|escalated|abandoned|successful|succeeded|completed|confirmed)\s",
    re.I,
)
# 'every new message posted in #intl-team', 'for every new Shopify order over $500': an event, not a schedule
_EVERY_NEW = re.compile(
    r"\b(?:(?:for|on)\s+)?(?:every|each|any)\s+(?:new\s+(?!(?:day|week|month|year|morning|hour)\b)|"
    # 'every failed GitHub Actions run ->', 'each merged GitHub PR': the event said as its item's participle (with the
    # service that sends it named: `_EVENT_PARTICIPLE`)
    r"(?=(?:failed|merged|closed|cancell?ed|refunded|disputed|published|released|deployed|resolved|escalated|"
    r"abandoned|successful|succeeded|completed|confirmed)\s+[\w-])|"
    # 'for every email that lands in our support@ inbox': an arrival without 'new'
    # ('every email from billing@stripe.com that reaches my Gmail': its sender's address among the words)
    # ('every email that comes into our Gmail': 'into' as well as 'in')
    r"(?=(?:[\w-]+\s+){1,2}that\s+(?:lands|arrives|comes in(?:to)?|hits|reaches|gets posted|is posted|is submitted)\b|"
    r"(?:[\w-]+\s+){1,2}(?:from\s+)?[\w.%+-]*@[\w-]+(?:\.[\w-]+)+\s+that\s+(?:lands|arrives|comes in(?:to)?|hits|reaches)\b|"
    # ('every message posted in the Telegram group', 'each file dropped into our Dropbox': its arrival's participle)
    # ('every pull request opened in acme/api': opened, created or filed there)
    r"(?:[\w-]+\s+){1,2}(?:posted|dropped|submitted|uploaded|opened|created|filed|raised)\s+(?:in|into|to|on)\s)|"
    # 'any email to invoices@ with a pdf': mail sent to an address of ours arrives there
    r"e-?mails?\s+(?:sent\s+)?to\s+[\w.+-]*?(?=\w@)|"
    # ('each WhatsApp message from a client to be answered': a chat service's message arrives without 'new')
    r"(?=(?:whatsapp|telegram|slack|discord|(?:ms\s+|microsoft\s+)?teams)\s+(?:messages?|dms?|chats?)\s+"
    r"(?:from|to|in|on|sent|that|we|i|our)\b)|"
    # ('every message in #ask-the-club on Discord gets classified', 'each post in #orders → a row …': a message in a
    # channel that something is then done to arrives there)
    r"(?=(?:messages?|posts?)\s+(?:in|to|on)\s+(?:the\s+)?#[\w-]+(?:\s+channel)?"
    r"(?:\s+(?:on|in)\s+(?:our\s+|the\s+)?[A-Z][\w-]*)?\s*(?:gets?\b|is\b|are\b|should\b|must\b|goes\b|go\b|→|->|—|:))|"
    # 'every email in my outlook from anyone @brightwave.co', 'every email labelled 'Receipts'': mail in a mailbox
    r"(?=e-?mails?\s+(?:(?:in|into)\s+(?:my|our|the)\s+(?:[\w-]+\s+)?(?:inbox|mailbox|gmail|outlook)\b|"
    r"label(?:l)?ed\s|tagged\s|with\s+the\s+label\s)))"
    # ('Lodge every new Teams message … as a Jira ticket', '… should become a Trello card': what it becomes is the step's)
    # (a full stop inside an address or a domain ends nothing: 'every email from billing@stripe.com that …')
    # ('each new record added to the 'Volunteers' table → send …': an arrow leads to the step)
    r"(?:[^,.;:!?\n]|\.(?=\w)){2,120}?(?=\s+(?:and|(?<!\bcomes\s)into|then|should|must|as\s+an?|to\s+(?!(?:the|our|my)\b))\b|\s*(?:->|→|=>)|[,;:!?\n]|\.(?!\w)|$)",
    re.I,
)


# 'every new Calendly invitee a reminder link': an article right after the item's noun (not after a preposition, a
# verb or a relative pronoun) opens a second object
_SECOND_OBJECT = re.compile(
    r"^(?![^,;]*\b(?:who|that|which|whose|where|when)\b[^,;]*\s(?:an?)\s)"
    r"[^,;]*?\b(?!(?:in|on|at|to|from|for|with|by|over|under|into|of|about|via|than|above|below|as|like|and|or|is|"
    r"are|was|were|has|have|had|gets?|becomes?|without|within|per|after|before|past|such|what|once|not|made|"
    r"makes?|places?|opens?|creates?|adds?|leaves?|submits?|sends?|writes?|posts?|receives?|books?|buys?|pays?)\b)"
    r"[a-z][\w'-]*(?<!ed)(?<!ing)(\s+)(?=(?:an?)\s+[\w'-])",
    re.I,
)


def _event_named(text: str) -> Trigger | None:
    """An event named by a service's own event words rather than by 'when': 'On every push to main in our GitHub
    repo, …', 'Save every GitHub push event …', 'customers send receipts to our Telegram bot; …'."""
    providers = {k: v for k, v in lexicon()["webhook_providers"].items() if k != "generic"}
    names = "|".join(re.escape(n) for v in providers.values() for n in v["names"])
    events = "|".join(
        re.escape(e) for v in providers.values() for e in v["events"] if " " not in e or len(e) < 14
    )
    found = (
        # 'On push to main in our GitHub repo,': a lead 'on' with a service's event
        re.match(
            r"\W*on\s+(?:every\s+|each\s+|an?\s+|any\s+)?(?:new\s+)?(?:" + events + r")\b[^,.;:!?\n]*",
            text,
            re.I,
        )
        # 'on github push to main,', 'On Stripe charge.refunded events:': a lead 'on' with the service that sends it
        or re.match(
            r"\W*on\s+(?:every\s+|each\s+|an?\s+|any\s+)?(?:new\s+)?(?:"
            + names
            + r")\b(?:[^,.;:!?\n]|\.(?=\w))*"
            r"(?=[,:])",
            text,
            re.I,
        )
        # 'every GitHub push event', 'each Stripe charge event': the service's events one by one
        or re.search(
            r"\b(?:every|each|any)\s+(?:new\s+)?(?:" + names + r")\s+(?:[\w-]+\s+){0,2}?events?\b", text, re.I
        )
        # 'every Stripe refund', 'each completed Stripe checkout': the service's own item, one by one (its `items`,
        # with at most a word of state before the service; not 'every GitHub push to main', an event read elsewhere)
        or re.search(
            "|".join(
                r"\b(?:every|each)\s+(?:[a-z]+(?:ed|ful)\s+|new\s+|paid\s+)?(?:"
                + "|".join(re.escape(n) for n in v["names"])
                + r")\s+(?:"
                + "|".join(re.escape(w) for w in v["items"])
                # ('each new Gmail message from invoices@…': what picks the items is read with the event elsewhere)
                + r")s?\b(?!\s+(?:from|in|into|on|at|with|over|under|above|below|of|for)\b)"
                for v in providers.values()
                if v.get("items")
            ),
            text,
            re.I,
        )
        # 'reporters send story pitches to our telegram bot': people write to the workflow's own bot or number
        or re.search(
            r"(?:^|(?<=[.;!?\n:—-]))\s*(?:[\w'-]+\s+){1,3}?(?:sends?|messages?|texts?|writes?|dms?|forwards?)\s+"
            r"[^.;:!?\n]{0,60}?\bto\s+(?:our|my|the)\s+(?:" + names + r")\s+(?:bot|number)\b",
            text,
            re.I,
        )
    )
    if (
        found is None
        or not _named_provider(found.group(0).lower())
        and not re.match(r"\W*on\b", found.group(0), re.I)
    ):
        return None
    if re.match(r"\s*(?:then|also|and|please)\b", found.group(0), re.I):
        return None
    hook = read_webhook("when " + found.group(0).strip())
    if hook is None:
        return None
    hook.spans = [found.span()]
    return hook


def _external_in(text: str) -> bool:
    from lib.generation.services import external_in

    return bool(external_in(text))


def _new_item_of_service(arrival: str) -> bool:
    """'every new Calendly booking', 'each new HubSpot deal': the service is named right after 'new' (not 'every new
    email in our Outlook mailbox', whose place is read elsewhere)."""
    found = re.match(
        r"\s*(?:for\s+|on\s+)?(?:every|each|any)\s+new\s+([\w.-]+(?:\s+[\w.-]+)?)", arrival, re.I
    )
    if found is None:
        return False
    name = found.group(1)
    named_first = [k for at, k in lx.integrations_in(name) if at <= 1 and k != "gmail"]
    return bool(named_first) or _external_in(name.split()[0])


def _service_item_tested(head: str, text: str) -> bool:
    """'If a Shopify order is over $500', 'If a Typeform response rates us 3 or lower': an item of a service named
    right after 'if a' (as `_new_item_of_service` reads 'every new …') is tested as it arrives, when nothing in the
    text schedules the run."""
    found = re.match(r"\s*if\s+(?:an?\s+)?(?:new\s+)?([\w.-]+(?:\s+[\w.-]+)?)", head, re.I)
    if found is None:
        return False
    name = found.group(1)
    named = any(at <= 1 and k != "gmail" for at, k in lx.integrations_in(name)) or _external_in(
        name.split()[0]
    )
    return named and read_schedule(text) is None  # (the schedule, the dearer question, asked last)


def _service_item_changes(head: str, text: str) -> bool:
    """'If a Linear issue gets marked Urgent', 'if a Jira ticket is moved to Blocked': an item of a service the text
    names changes state (said with 'if a'), and nothing in the text schedules the run."""
    return (
        bool(lx.integrations_in(head) or _external_in(head))
        and re.search(
            r"\b(?:gets?|is|was|becomes?)\s+(?:\w+\s+)?(?:marked|moved|set|changed|labell?ed|tagged|assigned|closed|"
            r"opened|created|added|updated|escalated|flagged|resolved|reopened)\b",
            head,
            re.I,
        )
        is not None
        and read_schedule(text) is None
    )


def _at_once(text: str) -> Trigger | None:
    """'I want anything posted in our Discord #alerts channel sent to me on Telegram right away': what lands in a
    service, wanted as soon as it does, is that service's event (the caller has found no schedule)."""
    if not re.search(
        r"\b(?:right away|immediately|instantly|in real[- ]time|as soon as (?:it|they) (?:arrives?|lands?|comes? in))\b",
        text,
        re.I,
    ):
        return None
    names = "|".join(
        re.escape(n) for k, v in lexicon()["webhook_providers"].items() if k != "generic" for n in v["names"]
    )
    found = re.search(
        r"\b(?:anything|everything|any\s+(?:new\s+)?[\w-]+|all\s+(?:new\s+)?[\w-]+)\s+"
        r"(?:(?:that\s+(?:is\s+|gets\s+)?)?(?:posted|sent|arriving|landing|coming)\s+)?(?:in|into|on|to|from)\s+"
        r"(?:my|our|the)\s+(" + names + r")\b(?:\s+#[\w-]+)?(?:\s+(?:inbox|channel|chat|group|server))?",
        text,
        re.I,
    )
    if found is None:
        return None
    values = {
        "startWorkflow": "webhook",
        "webhookProvider": _provider(found.group(1).lower()) or "generic",
        "webhookPath": _slug(found.group(0)),
    }
    return Trigger("webhook", values, [found.span()])


def _named_first(head: str) -> bool:
    """Whether a head opens on a service's name ('Pipedrive deal lost', 'stripe refund issued')."""
    lead = " ".join(head.split()[:2])
    return bool(_provider(lead.lower()) or lx.integrations_in(lead) or _external_in(lead))


def _arrow_event(first: str, full: str = "") -> Trigger | None:
    """'stripe payment failed -> dm the owner', 'whatsapp msgs from drivers → log each one': a head before an arrow
    that is no command but names a service's event is the event that starts each run; so is one before a colon or
    a slash that says what happened ('Someone signs up through Kajabi: …', 'airtable new record / translate the notes …'),
    a service with no data named too."""
    label = re.match(r"\s*(?:[\w'-]+\s+){0,2}[\w'-]+\s*:\s+(?=[^:\n]*?\s(?:->|→|=>)\s)", first)
    rest = first[label.end() :] if label else ""
    if (
        label
        and not (_provider(label.group(0).lower()) or lx.integrations_in(label.group(0)))
        and read_schedule(label.group(0)) is None  # 'sun 8pm: export … -> …' is a schedule's label
        and (
            re.match(r"\W*(?:someone|somebody|anyone|a|an|(?:each\s+|every\s+|any\s+)?new)\b", rest, re.I)
            or _named_first(rest)
        )
    ):
        # 'Short: gmail new mail -> telegram', 'Idea: stripe refund -> slack': a label before the chain of arrows
        hook = _arrow_event(rest, full)
        if hook is not None:
            hook.spans = [(start + label.end(), end + label.end()) for start, end in hook.spans]
            return hook
    arrow = re.match(r"\s*((?:[^.;:\n]|[.:](?=\S)){3,100}?)\s*(->|→|=>|:|\s/)\s", first)
    if arrow is None:
        return None
    head = arrow.group(1)
    from lib.generation.services import unnamed_in

    # 'Someone books a demo through Calendly: …', 'new Tally signup / …': a head before a colon or a slash is
    # the event only when it says something happened, and nothing in the text schedules the run
    said = (
        arrow.group(2) in ("->", "→", "=>")
        or (
            read_schedule(full) is None
            # not a request ('Can you summarise this email for me: …', 'Don't use Gmail, send it through Outlook: …')
            and not re.match(
                r"\W*(?:can|could|would|will|please|don'?t|do\s+not|never|i|we|let'?s)\b", head, re.I
            )
            and not _IMPERATIVE.search(" " + head)
            # what happened is said of someone or of an item: 'Someone books …', 'A client signs up …', 'Pipedrive deal
            # lost', not 'Sort incoming emails into refunds / …' or 'Manual run with the guest's name: …'
            and (
                re.match(
                    r"\W*(?:someone|somebody|anyone|a|an|new|each\s+new|every\s+new|any\s+new)\b", head, re.I
                )
                or _named_first(head)
            )
            and (
                re.search(r"\b(?:\w{3,}ed|made|paid|sent|won|lost)\b", head, re.I) is not None
                or _ARRIVAL.search(head) is not None
            )
        )
        or (arrow.group(2) == ":" and _items_for_each(head, first[arrow.end() :]))
    )
    if (
        not said
        or re.match(
            r"\W*(?:please\s+|then\s+|also\s+)?(?:" + _COMMAND_VERBS + r"|if|when|every|each|daily|at)\b",
            head,
            re.I,
        )
        # 'Each new Jotform submission that mentions a refund: …' is the event
        and not (arrow.group(2) == ":" and re.match(r"\W*(?:each|every|any)\s+new\b", head, re.I))
        # ('Anyone automated GitHub → Jira? … Whenever an issue is opened in GitHub repo …': a question to other
        # users naming two services, no event when a later sentence names the event or a schedule is said)
        or (_later_event(full) is not None or read_schedule(full) is not None)
        and re.match(
            r"\W*(?:(?:has|have|did|does|do)\s+)?(?:anyone|anybody|someone|somebody|any\s+of\s+you|you\s+guys)\s+"
            r"(?:[\w'’]+\s+){0,2}?(?:automated?|built|build|done|connected|connect|wired|set\s+up|tried|integrated|"
            r"synced|linked|hooked)\b",
            head,
            re.I,
        )
        or read_schedule(head) is not None
        or not (
            _provider(head.lower())
            or lx.integrations_in(head)
            or _external_in(head)
            or any(how != "api" for _, _, how in unnamed_in(head))
        )
    ):
        return None
    first_word = head.split()[0] if head.split() else ""
    if first[arrow.end(1) :].lstrip().startswith("/") and not (
        first_word.lower() == "new"
        or _named_provider(first_word.lower())
        or lx.integrations_in(first_word)
        or _external_in(first_word)
    ):
        return (
            None  # 'Sort incoming emails into refunds / shipping / other': choices, no event before a slash
        )
    hook = read_webhook("when " + head)
    if hook is not None:
        hook.spans = [arrow.span(1)]
    return hook


def _items_for_each(head: str, body: str) -> bool:
    """'Messages in the #help channel of the circus school's Discord: have AI sort each one …', 'WhatsApp texts to
    our shop number: answer every one …': a head that opens on the items a service named in it delivers
    (lexicon.json `webhook_providers` items, plural), before a colon and a body that takes each of them — every
    arrival is the event."""
    provider = _provider(head.lower())
    if provider in (None, "generic"):
        return False
    items = lexicon()["webhook_providers"].get(provider, {}).get("items", [])
    if not items:
        return False
    opening = r"\W*(?:(?:all|any|the|our|new|incoming|inbound)\s+)*(?:[\w-]+\s+){0,2}?"
    return bool(
        re.match(opening + r"(?:" + "|".join(re.escape(i) for i in items) + r")s\b", head, re.I)
        and re.search(r"\b(?:each|every)\s+(?:one|of\s+them|message|post|text)\b|\beach\b", body, re.I)
    )


_LATER_LEAD = re.compile(
    # a sentence after the first that opens on the event: 'Our inbox gets everything. When a new email arrives, …'
    # ('… uses a Slack channel #pickup; when someone posts there, …': a semicolon ends the sentence that says where)
    r"(?:[.!?;]\s+|\n\s*(?:[-*•]\s+)?)(?:[a-z][a-z' -]{1,24}:\s*)?(?:when(?:ever)?|each time|every time|as soon as)\s+"  # 'Need: when …'
    # or the moment itself, anywhere: 'I want to hear about it the moment a customer cancels in Stripe'
    r"|\b(?:the\s+(?:moment|minute|instant|second)|as\s+soon\s+as|whenever)\s+"
    # or what should run on it: 'Can this happen automatically when a form comes in?', 'a flow that kicks in when …'
    r"|\b" + _RUN_ON + r"when(?:ever)?\s+"
    # or the request's own clause: 'Could you make it so that when a record changes there …'
    r"|\b(?:so|such)\s+that\s+(?:when(?:ever)?|each\s+time|every\s+time)\s+"
    r"(?=(?:a|an|the|someone|somebody|anyone|one|it|they|our|my|we|i|new)\b|" + _WRITERS + r")",
    re.I,
)
_ARRIVAL = re.compile(
    r"\b(?:new|arrives?|comes?\s+in|lands?|is\s+(?:added|created|submitted|opened|posted|sent|received|filed|made|"
    r"placed|booked|scheduled|paid)|"
    r"adds?|submits?|signs?\s+up|cancels?|fails?|opens?|books?|pays?|sends?|posts?|replies|emails?|messages?|"
    # 'whenever someone writes 'going' in it': a message written to a place arrives there
    r"writes?(?=\s+(?!(?:back|up|down)\b))|types?(?=\s+['\"“‘])|"
    # 'whenever someone buys a membership': a purchase or sign-up is an arrival too
    r"buys?|purchases?|subscribes?|registers?|donates?|joins?|renews?|upgrades?|checks?\s+out|"
    # 'whenever someone pushes to main', 'when a PR is merged': a change sent to a repo
    r"pushes|pushed|merges?|merged|"
    # 'So whenever a refund happens, …': the event said to happen
    r"happens?|occurs?|is\s+issued|(?:is|gets)\s+refunded|"
    # 'When Stripe reports a successful payment', 'When Shopify marks an order as fulfilled', 'when a record changes
    # there', 'When an issue in that repo is closed': a service telling of a change, or the change itself
    r"reports?|tells?\s+us|notif(?:y|ies)|marks?|flags?|changes?|succeeds?|"
    # ('When Stripe creates a refund: …', 'when Xero issues an invoice'): a service making an item is its arrival
    r"creates?|generates?|issues?|"
    r"(?:is|gets|was)\s+(?:closed|merged|resolved|fulfilled|shipped|approved|rejected|completed|updated|changed|"
    r"marked|moved|refunded|cancell?ed|deleted|assigned|labell?ed|tagged|rated|published|released|deployed|won|lost|"
    r"signed|delivered|escalated|reopened))\b",
    re.I,
)


# 'When one arrives', 'when a row is added to that table', '… in that channel': the place a later event points back to
_POINTED_PLACE = re.compile(
    r"^(?:one|it|they)\b|\b(?:the|our|that)\s+(?:[\w'-]+\s+){0,2}?(?P<noun>table|base|sheet|channel|inbox|"
    r"repo|repository|server|group|chat|board|list)\b",
    re.I,
)
# the services that have such a place (a channel is a chat's, a repo GitHub's)
_PLACE_PROVIDERS = {
    "channel": ("slack", "discord", "microsoftteams", "telegram"),
    "server": ("discord",),
    "repo": ("github",),
    "repository": ("github",),
    "inbox": ("gmail",),
    "base": ("airtable",),
}


def _later_event(text: str) -> Trigger | None:
    """An event named after the first sentence, with no schedule in the text: 'Tenant requests come in via
    WhatsApp. When one arrives, …' (the pronoun's service is the one the sentence before names)."""
    for lead in _LATER_LEAD.finditer(text):
        clause = _SENTENCE_END.split(text[lead.end() :], maxsplit=1)[0]
        # 'a flow that kicks in when a meeting is booked and adds …': what it does ends the event
        if lead.group("run"):
            clause = _run_ends_event(clause)
        if not _ARRIVAL.search(clause.split(",")[0]):
            continue
        hook = read_webhook("when " + clause)
        if hook is None:
            continue
        shift = lead.end() - len("when ")
        hook.spans = [(max(lead.start(), start + shift), end + shift) for start, end in hook.spans]
        previous = _SENTENCE_END.split(text[: lead.start()])[-1]
        at = lead.start() - len(previous)
        earlier = _provider(previous.lower()) if previous.strip() else None
        pointed = _POINTED_PLACE.search(clause.split(",")[0])
        fits = _PLACE_PROVIDERS.get((pointed.group("noun") or "").lower()) if pointed else None
        if fits and earlier not in fits:
            # 'The team asks in #facilities-requests on Slack. … We tried a shared inbox. When someone posts in that
            # channel, …': the nearest sentence before (of three) naming a service that has such a place
            earlier = None
            bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text, 0, lead.start())]
            for a, b in list(zip(bounds, bounds[1:] + [lead.start()]))[::-1][:3]:
                found = _provider(text[a:b].lower())
                if found in fits:
                    previous, at, earlier = text[a:b], a, found
                    break
        if (
            # ('Our docs live in the acme/handbook repo on GitHub. When a pull request there is merged, …': the
            # sentence before says where, also for an event whose own words name the service)
            hook.values["webhookProvider"] in ("generic", earlier)
            and earlier not in (None, "generic")
            and not lx.integrations_in(clause.split(",")[0])
            and pointed is not None
            # ('Post each new listing to #x on Slack as soon as it's created (Airtable webhook)': a service the
            # step before the event names in the same sentence is where the step goes, not where the event is from)
            and not (
                lead.group(0)[:1] not in ".!?\n"
                and at + len(previous) == lead.start()
                and _IMPERATIVE.search(" " + previous)
            )
        ):  # 'Requests come in via WhatsApp. When one arrives, …': the service the sentence before names
            hook.values["webhookProvider"] = str(earlier)
            start, end = at, at + len(previous)
            # ('… repo on GitHub, and the reporter's email is always in the issue body.': only the clause naming
            # where; what the rest of the sentence tells is no part of the event)
            for part in re.finditer(r"[^,;]+(?:,(?!\s*(?:and|but|so|while)\b)[^,;]*)*", previous):
                if _provider(part.group(0).lower()) == earlier:
                    start, end = start + part.start(), start + part.end()
                    break
            hook.spans.append((start, end))
        elif (
            hook.values["webhookProvider"] == "generic"
            and not hook.notes
            and earlier in (None, "generic")
            and re.search(r"\bthere\b|\b(?:in|on|into|to)\s+it\b", clause.split(",")[0], re.I)
            and _external_in(previous)
            and not _IMPERATIVE.search(" " + previous)
        ):  # 'We're a law firm on Clio. When a new matter is opened there, …': the event comes from that service
            from lib.generation.services import external, external_in

            name = external()[external_in(previous)[0][1]]["name"]
            hook.notes.append(
                f"Sim JUL25 has no {name} trigger: a generic webhook starts the workflow; point {name}'s "
                "webhook at this workflow's webhook URL"
            )
            start = lead.start() - len(previous)
            hook.spans.append((start, lead.start()))
        return hook
    return None


_SERVICE_BOT = r"\b(telegram|slack|discord|whatsapp|microsoft teams|teams)[\s-]?bot\b(?!\s*(?:api|token)\b)"


def _listed_event(first: str) -> Trigger | None:
    """'1. Calendly booking made', '- stripe sends a subscription cancelled event': a list's first item that
    names a service and says what happened to it (a past participle, or the service sending/firing something),
    with no step of its own, is the event that starts the run — read as 'when …'."""
    item = re.match(r"\s*(?:\d+[.)]|[-*•])\s+", first)
    if item is None:
        return None
    said = first[item.end() :]
    from lib.generation.services import external_in

    lead_words = " ".join(re.sub(r"^(?:a|an|the|new)\s+", "", said, flags=re.I).split()[:2])
    if not (lx.integrations_in(lead_words) or external_in(lead_words)) or _IMPERATIVE.search(" " + said):
        return None
    if not re.search(
        r"\b(?:\w{3,}ed|made|paid|sent|won|lost|sends?|fires?|posts?|comes?\s+in|arrives?|happens)\b",
        said,
        re.I,
    ):
        return None
    hook = read_webhook("when " + said)
    if hook is None:
        return None
    hook.spans = [(item.end(), end - len("when ") + item.end()) for _, end in hook.spans]
    return hook


# what arrives, said as the state of things: 'Support emails land in our Gmail.', 'Guests message our WhatsApp
# number all day.', 'Anything posted in our Discord #bugs channel should become …', 'Applications come in through
# Typeform.' — a subject, a verb of arriving (or of people writing, posting, reporting) and the place it arrives in
_ARRIVES = (
    r"(?:lands?|arrives?|comes?\s+in|come\s+through|(?:pours?|flows?|streams?|trickles?)\s+in(?:to)?|shows?\s+up|turns?\s+up|hits?|reach(?:es)?|"
    r"(?:is|are|gets?)\s+(?:posted|sent|dropped|added|submitted|made|placed|filed|booked|received|collected|logged|"
    r"reported|entered)|"
    r"messages?|texts?|writes?|dms?|reports?|posts?|sends?|submits?|drops?|asks?|emails?|gets?|receives?|"
    r"books?|signs?\s+up|registers?|orders?|buys?|pays?|applies|apply|fills?\s+(?:in|out)|"
    # ('our juice bar takes orders thru whatsapp': what a business takes in, said by us, `_TAKES`)
    r"takes?|accepts?|"
    # 'Anything posted in our Discord channel …': what is posted, said by its participle after 'anything'
    r"(?:(?<=anything\s)|(?<=everything\s)|(?<=whatever\s))(?:posted|sent|dropped|shared|written|added))"
)
_PLACE = r"(?:in|into|to|on|through|thru|via|over|at|from)"
# what we take in where: 'our juice bar takes orders thru whatsapp', 'we accept bookings over WhatsApp'
_TAKES = r"takes?|accepts?"
# the business that gets what arrives, said by us after a greeting or a filler ('yo so our juice bar', 'in our bakery
# we')
_OURS = re.compile(
    r"(?:(?:yo|so|ok|okay|hey|hi|hello|well|basically|um|uh|er|and)\s+)*(?:(?:in|at)\s+our\s+[\w'’-]+\s+)?"
    r"(?:(?:we|i)|(?:our|my)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)",
    re.I,
)
_SITUATION = re.compile(
    # (a sentence opens after its full stop, not inside an address: 'billing@stripe.com that reaches my Gmail')
    # ('Background: hello, in our bakery we receive …': the told part the planner moved under its label)
    r"(?:^|(?<=\n)|(?<=[.!?])(?!\w)|(?<=\nbackground:))\s*(?:[-*•]|\d+[.)])?\s*(?:(?:hi|hello|hey|yo|ok|okay)\b[,!]*\s+)?"
    # ('Newbie question: I run …', '[Help] I have …': a short label before what we tell of ourselves; 'Repeat 5 times:
    # generate …' is no label)
    r"(?:(?:(?<![^\n])[^\W\d][\w'’ -]{0,24}:|\[[^\]\n]{1,24}\])\s+(?=(?:i|we)(?:['’]|\s)))?"
    # ('Harbourlight Legal Clinic — emails to intake@… arrive in Outlook', 'Front desk at Mapleridge Sleep Clinic: new
    # referrals come in as …'): who is writing, set off before what arrives (words only: 'Repeat 5 times:' is none)
    r"(?:(?<![^\n])(?P<heading>[^\W\d](?:[^\W\d]|[’'& ]){0,48}?)(?::|\s[—–]\s)\s*)?"
    # ('I run a small curry house and our takeaway orders arrive by email in Gmail', 'We're a bakery and customers
    # message us on WhatsApp'): who we are, then what arrives, joined by 'and'
    r"(?:(?:i|we)(?:['’](?:m|re)|\s+(?:am|are|run|own|have|manage))\s+(?:an?|the|our|my)\s+[^.!?\n,;:]{0,50}?(?:,\s*|\s+)and\s+)?"
    # (an address's dots are inside the subject: 'emails to intake@harbourlightlegal.org arrive …')
    r"(?P<subject>(?:[\w'’@#](?:[\w'’@#-]|\.(?=\w))*\s+){0,5}?[\w'’](?:[\w'’-]|[@.](?=\w))*)\s+(?:all\s+day\s+)?(?P<verb>"
    + _ARRIVES
    + r")\b"
    # (an address's dots are inside the clause: '… arrive by email at bookings@kayaks.co.uk (Outlook)')
    r"(?P<rest>(?:[^.!?\n:;]|\.(?=\w)){0,90})",
    re.I,
)
_NOT_A_SUBJECT = re.compile(
    r"^(?:please|then|also|and|or|but|so|else|otherwise|if|unless|when(?:ever)?|every|each|for|on|at|after|before|"
    r"once|i|we|you|let's|just)\b|"
    # 'Could you post the amount …': the ask put to the builder, no one's arrival
    r"^(?:could|can|would|will)\s+(?:you|u|sim|we|it)$|"
    r"\b(?:don[’']?t|do\s+not|never|not|no)\b|"  # 'Don't post it to Slack': a command, negated
    r"^(?:" + _COMMAND_VERBS + r")\b",
    re.I,
)


def _situation(text: str) -> Trigger | None:
    """A sentence that says where things arrive, with no command in it, names the service whose event starts
    each run ('Tenants report repairs in our Slack #maintenance channel.' → Slack's event); the caller has found
    no schedule and no other event."""
    from lib.generation.services import external_in

    for found in _SITUATION.finditer(text):
        subject, verb, rest = found.group("subject"), found.group("verb"), found.group("rest")
        if found.group("heading") and re.search(r"\b(?:and|then)$", subject.strip(), re.I):
            continue  # ('Task: generate a slogan and post it to #ideas': commands after a heading, no arrival)
        paused = found.end()
        # 'We get about 80 enquiry emails a day in our Gmail': what arrives where we are, said by us
        # ('Our association gets swarm reports as emails to our Gmail': we, named by what we are)
        ours = (
            _OURS.fullmatch(subject.strip())
            and not _named_provider(subject.lower())
            and not lx.integrations_in(subject)
            and re.fullmatch(r"gets?|receives?|" + _TAKES, verb, re.I)
        )
        if ours and re.fullmatch(_TAKES, verb, re.I):
            # ('our bakery takes cake orders over whatsapp - can it log …'): the clause ends at its pause
            rest = re.split(r",|\s[-–—]\s", rest, maxsplit=1)[0]
            paused = found.start("rest") + len(rest)
        elif re.fullmatch(_TAKES, verb, re.I):
            continue  # ('the report takes data from Airtable'): no arrival
        if ours:
            pass
        elif re.fullmatch(r"gets?|receives?", verb, re.I):
            # 'Our school's WhatsApp number gets absence notes from parents': the service is where they arrive
            if (
                _NOT_A_SUBJECT.search(subject.strip())
                or not _named_provider(subject.lower())
                or re.search(r"\bwebhooks?\b", rest, re.I)
                or external_in(rest)
            ):
                continue  # 'Our inbox gets a webhook from Help Scout': the event is Help Scout's
            rest = " in " + subject + rest
        if not ours and (
            _NOT_A_SUBJECT.search(subject.strip())
            or lx.integrations_in(subject)
            and not re.search(r"\b(?:anything|everything|whatever|all)\b", subject, re.I)
            # ('emails to intake@… arrive in Outlook': mail to an address of ours, no service doing something)
            and not re.fullmatch(r"(?:new\s+)?e-?mails?\s+(?:to|for)\s+\S+@\S+", subject.strip(), re.I)
        ):
            if not rest.startswith(" in " + subject):
                continue  # 'Slack posts …' has a service as its doer; 'Post …' is a command
        place = re.search(  # 'in our Slack channel', or the place as the verb's object: 'text our WhatsApp number'
            r"(?:\b" + _PLACE + r"\s+|^\s+(?=(?:our|my|the|their)\b))(?:(?:our|my|the|a|an|their)\s+)?"
            r"(?:[\w'’#-]+\s+){0,3}?"
            r"(?P<service>[\w'’-]+)",
            " " + rest,
            re.I,
        )
        # 'Suppliers email us their invoices all day': mail sent to us arrives in our inbox
        mailed = bool(re.fullmatch(r"e-?mails?", verb, re.I) and re.match(r"\s+(?:us|me)\b", rest, re.I))
        # ('- enquiries arrive by email at bookings@… (Outlook)': a note on how they come, to an address of ours;
        # Gmail's event, or a webhook when Outlook is named, which JUL25 cannot listen to)
        # ('… come in as PDF attachments to referrals@… (Gmail)': the same note, the mail's parts named)
        by_mail = re.match(
            r"\s+(?:(?:by|via|per)\s+e-?mail|as\s+(?:[\w-]+\s+){0,3}?(?:e-?mails?|attachments?))\s+(?:to|at)\s+"
            r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+",
            rest,
            re.I,
        )
        if by_mail and (not _named_provider(rest.lower()) or _provider(rest.lower()) == "gmail"):
            if re.search(r"\boutlook\b", rest, re.I):
                values = {
                    "startWorkflow": "webhook",
                    "webhookProvider": "generic",
                    "webhookPath": _slug(by_mail.group()),
                }
                return Trigger("webhook", values, [(found.start("subject"), found.end())])
            mailed = True
        if place is None and not mailed:
            continue
        where = " " + rest[max(0, place.start() - 1) :] if place else ""
        provider = (
            "gmail"
            if mailed and not (_named_provider(where.lower()) or external_in(where))
            else _provider(where.lower())
            if _named_provider(where.lower()) or "typeform" in where.lower()
            else None
        )
        unknown = external_in(where) if provider is None else []
        if (
            provider is None
            and not unknown
            and re.search(r"\boutlook\b", where, re.I)
            and re.search(r"\be-?mails?\b|@", subject, re.I)
        ):
            # ('emails to intake@… arrive in Outlook': mail arriving, at a service JUL25 cannot listen to)
            values = {"startWorkflow": "webhook", "webhookProvider": "generic", "webhookPath": _slug(subject)}
            note = (
                "Sim JUL25 has no Outlook trigger: a generic webhook starts the workflow; point Outlook at it"
            )
            return Trigger("webhook", values, [(found.start("subject"), found.end())], [note])
        if provider is None and not unknown:
            continue
        if any(
            # ('questions people ask in #it-help on slack, using the confluence page 'IT Handbook'': a noun after an
            # article is no command)
            not re.search(
                # ('… come in by email to our Gmail', '… as emails to our Gmail': how they come, no command)
                r"\b(?:the|a|an|our|my|their|its)\s+(?:[\w'-]+\s+){0,2}$|\b(?:by|via|per|as|through)\s+$",
                (" " + rest)[: m.start()],
                re.I,
            )
            for m in _IMPERATIVE.finditer(" " + rest)
        ):
            continue  # 'customers email us, reply …': a command after it, read by the caller
        clause_end = paused
        result = re.search(  # '… should become a GitHub issue': what becomes of it is the steps' part
            r"\s(?:should|must|needs?\s+to|has\s+to|have\s+to|becomes?|goes|go|gets?\s+(?:turned|forwarded|sent|"
            r"posted|added|logged|copied|saved))\b"
            # ('… ask in #it-help on slack, using the confluence page …': what the answer uses is the steps' too)
            r"|,?\s(?:using|based\s+on|with\s+the\s+help\s+of)\b",
            rest,
        )
        if result is not None:
            clause_end = found.start("rest") + result.start()
        values = {
            "startWorkflow": "webhook",
            "webhookProvider": provider or "generic",
            "webhookPath": _slug(subject + " " + found.group("rest")),
        }
        notes = []
        if unknown:
            from lib.generation.services import external

            name = external()[unknown[0][1]]["name"]
            notes.append(
                f"Sim JUL25 has no {name} trigger: a generic webhook starts the workflow; point {name}'s "
                "webhook at this workflow's webhook URL"
            )
        del verb
        return Trigger("webhook", values, [(found.start("subject"), clause_end)], notes)
    return _messaged_on(text)


def _messaged_on(text: str) -> Trigger | None:
    """'customers WhatsApp our moving company all day', 'guests Telegram us': a chat service's name said as the verb
    of what people do to us (a service whose event brings a message, lexicon 'webhook_providers' `items`) is where
    their messages arrive, that service's event."""
    providers = lexicon()["webhook_providers"]
    names = {
        n: key
        for key, entry in providers.items()
        if "message" in entry.get("items", [])
        for n in entry["names"]
    }
    said = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    found = re.search(
        r"(?:^|(?<=\n)|(?<=[.!?:])(?!\w))\s*(?:[-*•]|\d+[.)])?\s*(?P<subject>(?:[\w'’-]+\s+){0,3}?"
        r"(?:customers?|clients?|guests?|people|members?|parents?|patients?|students?|users?|tenants?|buyers?|"
        r"visitors?|drivers?|staff|everyone|folks)(?:\s+(?:all|often|constantly|always|keep|regularly))?)\s+"
        # (up to the clause's pause: 'when people WhatsApp us asking whether a jar is in stock, check …')
        rf"(?P<verb>{said})\s+(?P<rest>(?:us|me|our|my|the)\b[^.!?\n:;,—–]{{0,60}})",
        text,
        re.I,
    )
    if found is None:
        return None
    values = {
        "startWorkflow": "webhook",
        "webhookProvider": names[found.group("verb").lower()],
        "webhookPath": _slug(found.group("subject") + " " + found.group("rest")),
    }
    return Trigger("webhook", values, [(found.start("subject"), found.end())])


# 'check every hour', '(poll every 30 minutes)', 'look for new ones every 2 hours': the text asks for a look at an interval
_POLLED = re.compile(
    r"\b(?:check|poll|look|scan|refresh|watch)(?:s|ed|ing)?\b(?:[^.;!?\n]|\.(?=\w)){0,60}?\b(?:every|each|once\s+an?)\s+"
    r"(?:\d+\s*(?:minutes?|mins?|hours?|hrs?|h)|minute|hour|(?:half|quarter)[\s-]+(?:an\s+)?hour)\b",
    re.I,
)


# a ticket's title, on its own line before a blank line: '[Finance] Large transaction alert', '[Ops][P1] Payroll gate'
# ('Subject: HubSpot contacts → Mailchimp? (sort of)' and a blank line: a letter's subject line is its title)
_HEADING = re.compile(
    r"[^\S\n]*(?:\[[^\]\n]{1,40}\]\s*)*(?:[^\n.!?:;]{0,90}|(?i:subject|re|fwd?)[^\S\n]*:[^\n]{0,120}?)[^\S\n]*\n"
    r"[^\S\n]*\n\s*(?=\S)"
    # ('# Webhook: Stripe dispute → alert\n- Trigger: …': a markdown heading over the spec's lines)
    r"|[^\S\n]*#{1,6}[^\S\n]+[^\n]{1,120}\n\s*(?=\S)"
)


# 'a Sim workflow triggered by Stripe when …', 'started by GitHub's webhook whenever …': the service named as what
# starts the run, right before the event clause
_STARTED_BY = re.compile(
    r"\b(?:triggered|started|kicked\s+off|fired|driven|run|invoked)\s+(?:by|from|off|via|on)\s+(?:an?\s+|the\s+|our\s+)?"
    r"(?P<name>[\w.-]+(?:\s+[\w.-]+)?)(?:['’]s)?(?:\s+(?:webhooks?|events?|app|account))?[\s,(]*$",
    re.I,
)


def _started_by(text: str, trigger: Trigger) -> None:
    """'a Sim workflow triggered by GitHub when a release is published': the service named before an event clause
    that names none is where the event comes from."""
    if trigger.kind != "webhook" or trigger.values.get("webhookProvider") != "generic" or not trigger.spans:
        return
    start = min(a for a, _ in trigger.spans)
    clause = re.split(r"[.;!?\n]", text[:start])[-1]
    named = _STARTED_BY.search(clause)
    provider = _provider(named.group("name").lower()) if named else None
    if named and provider not in (None, "generic"):
        trigger.values["webhookProvider"] = provider
        at = start - len(clause) + named.start()
        trigger.spans.append((at, start))
        trigger.notes.append(f"the run starts on {named.group('name')}'s event")


def _after_build_lead(text: str) -> Trigger | None:
    """The trigger of the sentence that asks for the build ('Looking for someone to set up a Sim workflow: when Stripe
    fires …', 'We need a Sim workflow triggered by Stripe when a dispute is created'), read from the words after its
    lead (lexicon.json `build_leads`), when the text before it (an about-us line, a tech stack) says nothing of how
    the run starts."""
    # (a notes line labelled with what is asked, 'Want: on Stripe subscription cancelled -> …', leads it too)
    lead = re.compile(lexicon()["ask_labels"] + "|" + lexicon()["build_leads"], re.I)
    for found in re.finditer(r"(?:^|(?<=[.!?:])\s+|\n)[\s>*_#•-]*", text):
        said = lead.match(text, found.end())
        if said is None:
            continue
        inner = _read_trigger(text[said.end() :])
        if inner.kind == "manual" and not inner.spans:
            return None
        inner.spans = [(a + said.end(), b + said.end()) for a, b in inner.spans]
        _started_by(text, inner)
        _lead_place(text, inner)
        return inner
    return None


def _told_before_ask(text: str, trigger: Trigger) -> bool:
    """'- Releases are tagged on GitHub roughly monthly.\n- Want: on GitHub release published -> …': call notes whose
    trigger was read only in what they tell before the line that says what is wanted (lexicon.json `ask_labels`)."""
    if not trigger.spans:
        return False
    label = re.compile(
        r"(?:^|\n)[^\S\n]*(?:[-*•]\s*)?(?:\*\*|__)?(?:" + lexicon()["ask_labels"] + ")", re.I | re.M
    )
    asked = label.search(text)
    return asked is not None and all(b <= asked.start() + 1 for _, b in trigger.spans)


def _lead_place(text: str, trigger: Trigger) -> None:
    """'a Sim workflow on our Discord server: when someone posts in #support', 'a research assistant for our
    Discord: when someone asks the bot …': the service the build's lead names is where the event happens, when the
    event's own words name none (a '#channel' alone says no service)."""
    if trigger.kind not in ("webhook", "schedule") or not trigger.spans:
        return
    clause = " ".join(text[a:b] for a, b in trigger.spans).lower()
    start = min(a for a, _ in trigger.spans)
    lead = re.compile(lexicon()["build_leads"], re.I)
    for found in re.finditer(r"(?:^|(?<=[.!?:])\s+|\n)[\s>*_#•-]*", text[:start]):
        said = lead.match(text, found.end())
        if said is None or said.end() > start:
            continue
        place = said.group(0).lower()
        named = trigger.kind == "webhook" and _named_provider(place) and not _named_provider(clause)
        if named:
            trigger.values["webhookProvider"] = _provider(place) or "generic"
        # ('… build a research bot for our Slack: when …': the lead names what is built, no step of its own)
        if named or re.search(r"[:–—-]\s*$", said.group(0)):
            trigger.spans.append(said.span())
        return


_FILLER = re.compile(r",\s*(?:er+m?|um+|uh+m?|ehm?)\s*,", re.I)
_DISCUSSED = re.compile(r"^([^\w\n]*)Discussed:[ \t]*", re.M)


def read_trigger(text: str) -> Trigger:
    """The workflow's trigger from the whole description (first match wins: webhook, schedule, chat). Under a title
    line ('[Finance] Large transaction alert' and a blank line) the body opens the text: its first clause is where
    the event is named ('Given a Stripe charge succeeds, …')."""
    # ('- Discussed: registrations come in through our Typeform': a line of a meeting's discussion, forms.py
    # `read_minutes`, names the event as any line does; the planner tells it from what was decided)
    text = _DISCUSSED.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
    # ('When somebody donates on, er, Stripe': a spoken filler between commas is no pause of the clause; blanked, every
    # position kept)
    text = _FILLER.sub(lambda m: " " * len(m.group(0)), text)
    # ('…, I'll go through the drafts each morning': when people read what the run drafted, not when it runs)
    text = re.sub(lexicon()["drafts_reviewed"], lambda m: " " * len(m.group(0)), text, flags=re.I)
    # ('* Customer quote: "When an intake email arrives, we'd like …"': the customer's ask, quoted in a call's notes,
    # is read as the request's own words; its marks are blanked, every position kept)
    text = _ASK_QUOTED.sub(lambda m: f" {m.group(0)[1:-1]} " if _asked(m.group(0)) else m.group(0), text)
    heading = _HEADING.match(text)
    if heading:
        inner = read_trigger(text[heading.end() :])
        if inner.kind != "manual" or inner.spans:
            inner.spans = [(a + heading.end(), b + heading.end()) for a, b in inner.spans]
            # ('# Webhook: GitHub release → announce' over 'Trigger: a release is published …': the heading names
            # the same start, a title, no step)
            said = _read_trigger(text[: heading.end()])
            if said.kind == inner.kind == "webhook" and said.spans:
                inner.spans = [*said.spans, *inner.spans]
            return inner
    trigger = _read_trigger(text)
    _started_by(text, trigger)
    _lead_place(text, trigger)
    if trigger.kind == "webhook":
        _whole_trigger_line(text, trigger)
    if trigger.kind == "webhook" and trigger.values.get("webhookProvider") == "generic" and not trigger.notes:
        _named_beside(text, trigger)  # ('… as soon as it's created (Airtable webhook)': not a vague event)
    unread = trigger.kind == "manual" and not trigger.spans  # nothing in the text said how the run starts
    vague = (
        trigger.kind == "webhook"
        and trigger.values.get("webhookProvider") == "generic"
        and not trigger.notes
        # ('Trigger: an Eventbrite webhook for each new attendee. AC: - The name is posted in Slack #rsvps': a webhook
        # the text names is where the run starts, not a place a later sentence says things arrive in)
        and not any(re.search(r"\bwebhooks?\b", text[a:b], re.I) for a, b in trigger.spans)
    )
    if vague:
        # ('I want to be told when a candidate reaches the offer stage. Acceptance criteria: - Triggered when a record
        # in the Airtable table 'Candidates' changes.'): a line saying what triggers the run names the service's event
        lined = _triggered_line(text)
        if lined is not None:
            lined.spans += trigger.spans
            return lined
    if trigger.kind == "schedule" and find_time(text)[0] is None:
        # 'Invoices pour into my Gmail every day.': how often things arrive, said in the sentence that says where
        situation = _situation(text)
        if situation is not None and all(
            situation.spans[0][0] <= start and end <= situation.spans[0][1] for start, end in trigger.spans
        ):
            return situation
    if unread:
        # ('AC: - Triggered by my Slack message': a line saying what starts the run names the service's event)
        lined = _triggered_line(text)
        if lined is not None:
            return lined
    if unread or _told_before_ask(text, trigger):
        # 'Tech stack: … Looking for someone to build a Sim workflow: when Stripe fires …': the event the request
        # names after its lead
        asked = _after_build_lead(text)
        if asked is not None:
            return asked
        new_items = _new_items(text) or _mirrored(text) or _forwarded_mail(text)
        if new_items is not None:
            return new_items
    if unread or vague:
        situation = _situation(text)
        if situation is not None and read_schedule(text) is None:
            if unread:
                return situation
            # 'Support emails land in our Gmail. Sort every new one: …': the event the later clause points back to
            trigger.values["webhookProvider"] = situation.values["webhookProvider"]
            trigger.spans += situation.spans
            trigger.notes += situation.notes
    if (
        trigger.kind == "webhook"
        and trigger.values.get("webhookProvider") == "generic"
        and _POLLED.search(text)
    ):
        # 'when there's a new video on our channel (check every hour)', 'when a HubSpot deal hits …, just check every
        # 20 minutes': a source that sends no event (JUL25 has no trigger for it), looked at on the interval given
        schedule = read_schedule(text)
        if schedule is not None and schedule.values.get("scheduleType") in ("minutes", "hourly", "custom"):
            return schedule
    bot = re.search(_SERVICE_BOT, text, re.I)
    if (
        bot
        and trigger.kind == "webhook"
        and trigger.values.get("webhookProvider") == "generic"
        and not trigger.notes  # no other service's event named
    ):  # 'telegram bot: when a user sends /price …': the messages come to the bot on that service
        trigger.values["webhookProvider"] = _provider(bot.group(1).lower()) or "generic"
        trigger.spans.append(bot.span())  # the bot is where the run starts, not a step
    if trigger.kind == "webhook" and trigger.values.get("webhookProvider") == "generic" and not trigger.notes:
        _there(text, trigger)
    if trigger.kind == "webhook" and trigger.values.get("webhookProvider") == "generic" and not trigger.notes:
        _named_beside(text, trigger)
    if trigger.kind == "webhook" and trigger.values.get("webhookProvider") == "generic" and not trigger.notes:
        _item_named_before(text, trigger)
    if trigger.kind == "webhook":
        channel_service(text, trigger)
        _run_on_said(text, trigger)
        _webhook_sent_by(text, trigger)
        _inbox_address(text, trigger)
        _lands_after(text, trigger)
    return trigger


# ', a record lands in our Airtable table 'Warranties'.': where the event's item arrives, said right after the event
_LANDS_AFTER = re.compile(
    r"[^\S\n]*,[^\S\n]*(?:and\s+)?(?:an?|the|their|its)\s+(?:new\s+)?[\w-]+\s+(?:lands?|arrives?|appears?|shows?\s+up|"
    r"(?:is|gets)\s+(?:added|created))\s+(?:in|into|on|to)\s+(?P<place>[^.;!?\n]{2,80})",
    re.I,
)


def _lands_after(text: str, trigger: Trigger) -> None:
    """'When a customer registers their stove warranty, a record lands in our Airtable table 'Warranties'.': the
    clause after the event that says where its item lands, in the service the event comes from, is the event told
    again (no record to create)."""
    provider = trigger.values.get("webhookProvider")
    if not provider or provider == "generic":
        return
    for _, end in list(trigger.spans):
        found = _LANDS_AFTER.match(text, end)
        if found and _provider(found.group("place").lower()) == provider:
            trigger.spans.append(found.span())
            return


def channel_service(text: str, trigger: Trigger) -> None:
    """'a welcome bot for the darts league Discord? when someone posts in #introductions …', 'our league posts
    results in discord. whenever somethin new goes up in #results …': a #channel its clause names no service for is
    on the one chat service with channels the text names (`_PLACE_PROVIDERS`), not Slack by default; Slack stays
    when the text names it, or names several."""
    if trigger.values.get("webhookProvider") != "slack" or not trigger.spans:
        return
    said = [_addresses_blanked(text[a:b]) for a, b in trigger.spans]
    if not any(re.search(r"(?:^|[\s(])#[a-z][\w-]*", s, re.I) for s in said) or any(
        _provider(s.lower()) for s in said
    ):
        return
    providers = lexicon()["webhook_providers"]
    blanked = lx.mask_names(
        _addresses_blanked(text)
    )  # (a quoted name is no mention: the 'Slack Inbox' sheet)
    named = {
        key
        for key in _PLACE_PROVIDERS["channel"]
        for name in providers[key]["names"]
        if re.search(rf"\b{re.escape(name)}\b", blanked, re.I)
    }
    if len(named) == 1 and "slack" not in named:
        trigger.values["webhookProvider"] = named.pop()


# a line of its own saying what starts the run: '- Triggered when a record in the Airtable table 'Candidates' changes.',
# 'It runs whenever …'
_TRIGGERED_LINE = re.compile(
    r"(?:^|\n)[^\S\n]*(?:[-*•]\s*|\d{1,2}[.)]\s*)?(?:(?:it|this|the\s+(?:workflow|flow|automation))\s+"
    r"(?:is\s+|should\s+be\s+|gets\s+)?)?(?:triggered|fired|started|kicked\s+off|runs?|fires?|starts?)\s+"
    r"(?:(?P<ev>when(?:ever)?\s[^\n]{3,200})|(?:by|on|from)\s+(?P<by>(?:(?:an?|each|every|any|my|our|the|new)\s|"
    # ('- Triggered by GitHub pull request events': a service's events, said without an article)
    r"(?=[\w\s-]{0,40}\bevents?\b))[^\n]{3,200}))",
    re.I,
)


# a line of notes that opens on a service's event, then what is done: '- On a refund event → log it …'
_EVENT_LINE = re.compile(
    r"(?:^|\n)[^\S\n]*(?:[-*•]\s*|\d{1,2}[.)]\s*)?(?:on|upon)\s+"
    r"(?P<by>(?:an?|each|every|any)\s+(?:[\w.-]+\s+){0,4}?events?)(?=\s*(?:->|→|=>|[,:;]))",
    re.I,
)


def _through_lines(text: str, provider: str) -> list[tuple[int, int]]:
    """The lines of notes that only tell which service the things go through ('- Payments run through Stripe',
    '- Memberships billed via Stripe'): the service the event comes from, no step."""
    names = "|".join(re.escape(n) for n in lexicon()["webhook_providers"].get(provider, {}).get("names", []))
    if not names:
        return []
    told = re.compile(
        r"(?:^|\n)[^\S\n]*(?:[-*•]\s*)?(?:[\w'’-]+\s+){0,3}?(?:(?:is|are)\s+)?(?:runs?|go(?:es)?|come\s+in|comes\s+in|"
        r"taken|processed|handled|billed|paid|collected)\s+(?:through|via|on|in|with)\s+(?:our\s+|the\s+)?"
        rf"(?:{names})\b[^\S\n]*[.;]?[^\S\n]*(?=\n|$)",
        re.I,
    )
    return [(m.start() + (m.group(0)[:1] == "\n"), m.end()) for m in told.finditer(text)]


def _triggered_line(text: str) -> Trigger | None:
    """The webhook of a service that a line saying what triggers the run names ('Triggered when a record in the
    Airtable table 'Candidates' changes', '- On a refund event → log it …'), else None."""
    for line in [*_TRIGGERED_LINE.finditer(text), *_EVENT_LINE.finditer(text)]:
        if "ev" not in line.re.groupindex:  # (an event line: its event and the arrow after it)
            hook = read_webhook("when " + line.group("by"))
            if (
                hook is not None
                and hook.kind == "webhook"
                and hook.values.get("webhookProvider") != "generic"
            ):
                hook.spans = [(line.start() + (line.group(0)[:1] == "\n"), line.end())]
                hook.spans += _through_lines(text, hook.values["webhookProvider"])
                return hook
            continue
        # ('- Triggered by my Slack message': the thing that starts it, read as 'when my Slack message …')
        said, lead = (line.group("ev"), "") if line.group("ev") else (line.group("by"), "when ")
        hook = read_webhook(lead + said)
        if hook is not None and hook.kind == "webhook" and hook.values.get("webhookProvider") != "generic":
            at = line.start("ev" if line.group("ev") else "by") - len(lead)
            hook.spans = [(line.start() + (line.group(0)[:1] == "\n"), at + len(lead))] + [
                (max(a + at, at + len(lead)), b + at) for a, b in hook.spans
            ]
            return hook
    return None


def _run_on_said(text: str, trigger: Trigger) -> None:
    """'let's hang it off GitHub pushes instead', "let's do it on Stripe refunds", 'Can Sim listen to Discord?': the run
    said to hang off (or asked to hear) the service the event comes from — where the run starts, no step of its own."""
    names = _provider_names()
    said = re.compile(
        r"\b(?:run|do|hang|hook|trigger|base|key|tie|build|start)\s+(?:it|this|that|the\s+(?:workflow|flow))\s+"
        rf"(?:up\s+)?(?:on|off|off\s+of|from|to)\s+(?:the\s+|our\s+)?({names})\b[^.;!?\n]*",
        re.I,
    )
    # ('Can Sim listen to Discord? … racers post in our Discord channel #results': a question whether the run can hear
    # the service the event comes from)
    heard = re.compile(
        r"(?:^|(?<=[.!?\n]))[^\S\n]*[^.;!?\n]*?\b(?:listen|react|respond|hear)(?:s|ing)?\s+(?:to|for|on|in)\s+"
        rf"(?:the\s+|our\s+|my\s+)?({names})(?:\s+(?:messages?|events?|channels?|posts?|chats?))?\s*\?",
        re.I,
    )
    blanked = _addresses_blanked(text)
    for m in [*said.finditer(blanked), *heard.finditer(blanked)]:
        if _provider(m.group(1).lower()) == trigger.values.get("webhookProvider") and not any(
            a <= m.start() < b for a, b in trigger.spans
        ):
            trigger.spans.append(m.span())


def _provider_names() -> str:
    """Every service's name that has a webhook trigger (lexicon.json `webhook_providers`), longest first."""
    names = [
        n for key, entry in lexicon()["webhook_providers"].items() if key != "generic" for n in entry["names"]
    ]
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


# ', orders@antepbaklava.co.uk —' right after 'when an order email comes into Gmail': the inbox's address, set off
_INBOX_ADDRESS = re.compile(
    r"[^\S\n]*[,(—–-][^\S\n]*(?:(?:at|to|i\.e\.|namely)\s+)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[^\S\n]*(?:\)|(?=[,—–;:]))"
)


def _inbox_address(text: str, trigger: Trigger) -> None:
    """'when a wholesale order email comes into Gmail, orders@antepbaklava.co.uk — uh, have the AI …': an address
    set off right after a mail event's words is the inbox it arrives at, no address a step writes to."""
    if trigger.values.get("webhookProvider") not in ("gmail", "outlook") or not trigger.spans:
        return
    end = max(b for _, b in trigger.spans)
    found = _INBOX_ADDRESS.match(text, end)
    if found:
        trigger.spans.append(found.span())


# '…, Jira can send a webhook — …', 'Jira sends a webhook:': a service said to send the run's event, in a clause of its own
_SENDS_WEBHOOK = re.compile(
    r"(?:^|(?<=[,;:.!?\n—–]))[^\S\n]*(?P<clause>(?:and\s+|so\s+)?(?P<who>[\w.-]+(?:\s+[\w.-]+)?)\s+"
    r"(?:can\s+|could\s+|will\s+|would\s+|does\s+)?(?:sends?|fires?|posts?|calls?)\s+(?:you\s+|us\s+|sim\s+)?"
    r"(?:an?\s+)?web-?hooks?)(?=\s*(?:[,;:.!?\n—–]|$))",
    re.I,
)


def _webhook_sent_by(text: str, trigger: Trigger) -> None:
    """'When a Jira issue in project LOOS moves to Done, Jira can send a webhook — …': the clause saying the event's
    service sends a webhook tells how the run starts, no step (only a clause whose subject is a service)."""
    for found in _SENDS_WEBHOOK.finditer(text):
        span = found.span("clause")
        if any(a <= span[0] < b for a, b in trigger.spans) or _negated(text, span):
            continue
        if not (lx.integrations_in(found.group("who")) or _provider(found.group("who").lower())):
            continue
        trigger.spans.append(span)


def _named_beside(text: str, trigger: Trigger) -> None:
    """An event of no service whose service is named beside it: the service's webhook the text names ('Triggered by
    the Airtable webhook', '(Airtable webhook)', 'Fires on the GitHub issues webhook'), or the service in brackets
    right after the event's words ('every new inquiry email to hello@… (Gmail)'): that service sends the event, and
    the words naming it are no step."""
    names = _provider_names()
    blanked = _addresses_blanked(text)
    found = [
        m
        for m in re.finditer(rf"\b({names})\b(?:\s+[\w-]+){{0,2}}?\s+web-?hooks?\b", blanked, re.I)
        if not _negated(text, m.span())
    ]
    if not found:
        # ('Please trigger it off Airtable itself rather than checking every few minutes', 'have it fired from Stripe
        # directly'): the service the run is told to start from
        found = [
            m
            for m in re.finditer(
                r"\b(?:trigger|fire|start|kick)(?:s|ed)?\s+(?:(?:it|this|them|the\s+(?:workflow|flow|run))\s+)?"
                rf"(?:off\s+(?:of\s+)?|from\s+|by\s+)(?:the\s+|our\s+)?({names})\b(?:\s+(?:itself|directly))?",
                blanked,
                re.I,
            )
            if not _negated(text, m.span())
        ]
    if not found:
        # ('we set its status to 'Cancelled' in our Airtable 'Performances' table, which can send you a webhook': the
        # service that can send the event, what we do there with it — the event, no step)
        found = [
            m
            for m in re.finditer(
                rf"(?:\b(?:we|i|they|our\s+[\w-]+)\s+[^.!?\n,;]{{0,80}}?)?\b({names})\b[^.!?\n]{{0,60}}?,?\s+"
                r"(?:which|that|it)\s+(?:can\s+|could\s+|will\s+|does\s+)?(?:sends?|fires?|posts?|calls?)\s+"
                r"(?:you|us|sim|the\s+workflow)?\s*(?:an?\s+)?web-?hooks?\b",
                blanked,
                re.I,
            )
            if not _negated(text, m.span())
        ]
        if len(found) == 1:
            # ('When we cancel a show, (we) set its status … in our Airtable table, which can send you a webhook': the
            # clause right after the event's says what happens there — the event too, no step)
            ends = [
                end
                for _, end in trigger.spans
                if end <= found[0].start() and not re.search(r"[.!?;\n]", text[end : found[0].start()])
            ]
            if ends:
                trigger.spans.append((max(ends), found[0].start()))
    if not found:
        for _, end in trigger.spans:
            # (right after the event's words, or the address it arrives at: not a step's service said later)
            beside = re.compile(
                r"[^\S\n]*(?:(?:to|at|in|into|on|from|via)\s+(?:our\s+|the\s+)?)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*)?"
                rf"\((?:via\s+|on\s+|in\s+|from\s+)?({names})\)",
                re.I,
            )
            m = beside.match(text, end)
            if m:
                found = [m]
                break
    providers = {_provider(m.group(1).lower()) for m in found}
    if len(providers) == 1 and None not in providers and "generic" not in providers:
        trigger.values["webhookProvider"] = str(providers.pop())
        trigger.spans += [m.span(1) if m.group(0).endswith(")") else m.span() for m in found]


_NEW_ITEMS = re.compile(
    # 'A new Linear issue labelled bug - I copy it into Jira': the item heads the text, a dash or colon after it
    r"^\W*(?:an?\s+)?new\s+(?P<a>[^-–—:,.;!?\n]{3,80}?)\s*(?:\s[-–—]\s|:\s)"
    # 'copy new typeform answers into airtable': new items of a service, taken by a verb that moves items ('smth that
    # grabs new shopify orders over $500 and posts them …': said of the workflow too)
    r"|\b(?:cop(?:y|ies)|syncs?|mirrors?|moves?|forwards?|imports?|logs?|saves?|files?|push(?:es)?|posts?|adds?|grabs?|"
    r"takes?|picks?\s+up)\s+(?:all\s+)?(?:the\s+|our\s+)?new\s+"
    r"(?P<b>[\w.-]+\s+[\w-]+s)\b",
    re.I,
)


def _new_items(text: str) -> Trigger | None:
    """New items of a named service, with nothing else in the text saying how the run starts: each arrival is
    the event ('A new Linear issue labelled bug - copy it into Jira', 'copy new typeform answers into airtable')."""
    found = _NEW_ITEMS.search(text)
    if found is None:
        return None
    group = "a" if found.group("a") else "b"
    if not _new_item_of_service("every new " + found.group(group)):
        return None
    hook = read_webhook("when a new " + found.group(group) + " comes in")
    if hook is None:
        return None
    hook.spans = [found.span(group) if group == "b" else (0, found.end())]
    return hook


# the chat services whose messages are events ('Mirror Slack #deploys to Discord #releases', 'Relay our Telegram group
# to …', 'Copy WhatsApp messages from our shop number into Slack'): the webhook providers that deliver messages
_CHATTY = ("slack", "discord", "telegram", "whatsapp", "microsoftteams")


@lru_cache(maxsize=1)
def _mirror_re() -> re.Pattern[str]:
    providers = lexicon()["webhook_providers"]
    names = sorted((n for k in _CHATTY for n in providers[k]["names"]), key=len, reverse=True)
    return re.compile(
        r"\b(?:mirror|relay|forward|copy|sync|cross-?post|bridge|pipe|echo|repost)(?:s|es|ed|ing)?\s+"
        r"(?:(?:all|every|each|any)\s+)?(?:(?:the|our|my)\s+)?(?:new\s+)?"
        r"(?:(?:messages?|posts?|msgs?)\s+(?:from|in|on|of)\s+(?:the\s+|our\s+|my\s+)?)?"
        r"(?P<src>(?:microsoft\s+)?(?:" + "|".join(re.escape(n) for n in names) + r")\b"
        r"(?:(?!\s(?:to|into|onto)\s)[^.;!?\n]){0,60}?)"
        r"(?=\s+(?:over\s+)?(?:to|into|onto)\s+(?:the\s+|our\s+|my\s+)?\S)",
        re.I,
    )


@lru_cache(maxsize=1)
def _forward_re() -> re.Pattern[str]:
    said = lexicon()["forwarded_mail"]
    mail = (
        r"(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:(?:the|my|our)\s+)?(?:new\s+|incoming\s+)?(?:"
        + said["nouns"]
        + r")"
    )
    # what picks the mail: a sender, a word in it, a label ('from billing@stripe.com', "with 'invoice' in the subject")
    which = r"(?:\s+(?:that\s+(?:arrives?|comes?(?:\s+in)?|lands?)\s+)?(?:from|with|containing|that\s+(?:mention|contain|have)s?|labell?ed|tagged|about)\b(?:[^.;!?\n]|\.(?=\w)){1,80}?)?"
    return re.compile(
        r"\b(?:" + said["verbs"] + r")\s+(?P<a>" + mail + which + r")(?=\s+(?:on\s+)?to\s+\S)"
        r"|\b(?:"
        + said["verbs"]
        + r")\s+(?:to\s+\S+\s+|me\s+)(?P<c>"
        + mail
        + which
        + r")(?=\s*(?:[;!?\n]|\.(?!\w)|$))"
        # ('every email from a @bigclient.com address -> forward to vip@…': the mail, an arrow, the verb)
        r"|(?P<d>" + mail + which + r")\s*(?:->|→|=>)\s*(?:" + said["verbs"] + r")\b"
        r"|(?P<b>" + mail + which + r")\s+(?:(?:get|are|should\s+be|will\s+be|must\s+be|to\s+be)\s+)"
        r"(?:" + said["passive"] + r")\b",
        re.I,
    )


def _forwarded_mail(text: str) -> Trigger | None:
    """Mail forwarded on, with nothing else saying how the run starts: 'Forward every email from billing@stripe.com
    to accounts@…', "Forward emails with 'invoice' in the subject to ap@…", 'emails from my landlord (rent@…) get
    forwarded to me' — each e-mail that arrives is the event (Gmail's, unless Outlook is named; JUL25 has no Outlook
    trigger); where it goes is the step."""
    found = _forward_re().search(text)
    if found is None:
        return None
    group = next(g for g in ("a", "b", "c", "d") if found.group(g))
    provider = "generic" if re.search(r"\boutlook\b", text, re.I) else "gmail"
    values = {
        "startWorkflow": "webhook",
        "webhookProvider": provider,
        "webhookPath": _slug(found.group(group)),
    }
    return Trigger("webhook", values, [found.span(group)])


def _mirrored(text: str) -> Trigger | None:
    """A chat service's channel, group or messages carried over to another place, with nothing else saying how the
    run starts: 'Mirror Discord #announcements to Slack #community', 'Relay our Telegram group to the Teams channel
    Support', 'Copy WhatsApp messages from our shop number into Slack #orders-chat' — each message there is the
    event (its service's trigger); where it goes is the step."""
    found = _mirror_re().search(text)
    if found is None:
        return None
    source = found.group("src")
    provider = _provider(source.lower().split()[0] if not source.lower().startswith("microsoft") else "teams")
    if provider not in _CHATTY:
        return None
    rest = text[found.end() :]
    if not (re.search(r"#[\w-]", rest) or lx.integrations_in(rest.split(".")[0])):
        return None  # where it goes names no channel or service: no carrying over
    values = {"startWorkflow": "webhook", "webhookProvider": provider, "webhookPath": _slug(source)}
    return Trigger("webhook", values, [found.span("src")])


def _there(text: str, trigger: Trigger) -> None:
    """'Tenants report repairs in our Slack #maintenance channel. For each new message there, …': an event said
    to happen 'there' happens on the service the sentence before names."""
    for start, end in list(trigger.spans):
        if not re.search(r"\bthere\b|\b(?:in|on|into|to)\s+it\b", text[start : end + 8], re.I):
            continue  # ('whenever someone writes 'going' in it': the place the sentence before names)
        pieces = _SENTENCE_END.split(text[:start])
        pieces = [p for p in pieces[:-1] if p.strip()]  # the sentences before the one the event is in
        if not pieces:
            return
        provider = _provider(pieces[-1].lower())
        if provider not in (None, "generic"):
            trigger.values["webhookProvider"] = str(provider)
            at = text.rfind(pieces[-1], 0, start)
            trigger.spans.append((at, at + len(pieces[-1])))
        return


# 'trigger: new Stripe charge. IF …', 'when: linear issue created (webhook) -> …', 'discord: new msg in #bugs -> …': a
# label, then the event, to the clause's end (a sentence's end or an arrow: what follows are the steps)
_LABELLED_EVENT = re.compile(
    r"[\W_]*(?P<label>trigger|when|event|[a-z][\w .'-]{1,24}?)\s*[:=]\s*"
    r"(?P<ev>(?:(?!->|→|=>|[.;](?:\s|$))[^\n]){3,120})",
    re.I,
)


# 'Trigger: chat.', 'Trigger: manual', 'Run: by hand': a label naming the kind of run, and nothing else on its line
_LABELLED_KIND = re.compile(
    r"(?:^|\n)[\W_]*(?:trigger|start|run|runs|when)\s*[:=]\s*(?:an?\s+|the\s+)?"
    r"(?P<kind>chat(?:\s+(?:message|messages|input|trigger|window|run))?|manual(?:ly)?(?:\s+(?:run|trigger|start))?|"
    r"by\s+hand|on\s+demand)\s*(?:[.;!]\s*)?(?=\n|$)",
    re.I,
)


# 'Acceptance criteria:\n- Chat trigger\n- …': a listed line naming the kind of run, and nothing else
_LISTED_KIND = re.compile(
    r"(?:^|\n)[^\S\n]*(?:[-*•]|\d{1,2}[.)])[^\S\n]*(?:(?:uses?|has|with)\s+)?(?:an?\s+|the\s+)?"
    r"(?P<kind>chat|manual)\s+(?:trigger|start|run)\s*[.;!]?[^\S\n]*(?=\n|$)",
    re.I,
)


def _labelled_event(text: str) -> Trigger | None:
    """The event a labelled opening names: after 'trigger:' / 'when:' any event; after a service's name ('airtable:')
    a new item of that service."""
    found = _LABELLED_EVENT.match(text)
    if found is None:
        return None
    label, event = found.group("label"), found.group("ev").strip()
    if (
        any(h.search(event) for h in (_MANUAL_HINT, _API_HINT, _CHAT_HINT))
        or read_schedule(event) is not None
    ):
        return None
    if label.lower() in ("trigger", "when", "event"):
        said = event if re.match(r"(?:an?|each|every|any)\s", event, re.I) else "a " + event
    elif re.match(r"new\b", event, re.I) and _provider(label.lower()) not in (None, "generic"):
        said = "a new " + label + " " + event[3:].strip()  # 'discord: new msg …' → 'a new discord msg …'
    else:
        return None
    hook = read_webhook("when " + said)
    if hook is None or hook.kind != "webhook":
        return None
    hook.spans = [(found.start("label"), found.end("ev"))]
    return hook


# an app as automation tools name it in a chain: 'Shopify', 'Google Sheets', 'Telegram Bot', 'Jira Software Cloud'
_TOOL_APP = r"(?P<app>(?-i:[A-Z][\w.&'’-]*(?:\s+(?:[A-Z0-9][\w.&'’-]*|by\s+Zapier)){0,3}))"
# where an event clause ends: an arrow, a sentence's end, a line's end, or a step joined by 'and' / ', then'
_TOOL_END = (
    r"(?=\s*(?:->|→|=>)|[.;!?](?:\s|$)|\n|,?\s+(?:and|then)\s+(?!\w+ed\b)|,\s+(?:after|afterwards|next)\b|$)"
)
# the clause after a label that names the run's event: 'Trigger = New Entry in Typeform', 'Trigger: …', 'Trigger
# Stripe 'New Charge'', 'whose trigger is …', 'my trigger is new charge in Stripe', 'Déclencheur = …'
_TOOL_LABEL = re.compile(
    r"(?:^|(?<=[.:;!?(\n])|(?<=->)|(?<=→)|(?<=\bis\s)|(?<=\bis\s\s))\s*"
    r"(?:(?:my|our|the|its|whose|this|zap|zap's|scenario|scenario's|flow|flow's|applet|recipe|workflow)\s+){0,2}"
    r"(?:trigger|déclencheur|auslöser|disparador)(?:\s+(?:is|was|will\s+be|should\s+be))?"
    # (with no sign between, the event opens on a name, a quoted name or on 'new': 'trigger a PagerDuty incident' is
    # a step)
    r"(?:\s*[:=\-–—]\s*|\s+(?=[\"“‘']|(?-i:[A-Z])(?!(?:An?|The)\s)|new\b))"
    r"(?P<ev>(?:(?!->|→|=>)[^.;!?\n]|\.(?=\w)){3,160}?)" + _TOOL_END,
    re.I,
)
# a Make module that watches an app ('Shopify > Watch Orders, instant', 'Airtable > Watch Records in 'Applicants''),
# or a Zapier trigger by its name ('Stripe 'New Charge'', 'Gmail 'New Labeled Email'', 'Slack 'New Reaction Added'')
_TOOL_WATCH = re.compile(
    _TOOL_APP + r"\s*(?:>|›|»|-|–|:)\s*(?i:watch|new)\s+(?P<thing>[\w -]{2,40}?)"
    r"(?P<rest>(?:\s+(?:in|on|for|from|to)\s+(?:[^-→=.;!?\n(]|-(?!>)){1,60}?)?(?:\s*\([^()\n]{0,80}\))?)"
    + _TOOL_END.replace("(?=", "(?=,|", 1),
)
_TOOL_QUOTED = re.compile(
    _TOOL_APP
    + r"\s*(?:[-–—:>]\s*)?[\"“'‘](?P<thing>new\s+[^\"”'’\n]{2,60}?|[^\"”'’\n]{2,60}?\s(?:added|created|"
    r"updated|received|posted|opened|submitted|completed|paid|published|booked|scheduled|canceled|cancelled))[\"”'’]"
    r"(?P<rest>(?:\s+(?:in|on|for|from)\s+(?:[^-→=.;!?\n(]|-(?!>)){1,60}?)?(?:\s*\([^()\n]{0,80}\))?)"
    + _TOOL_END.replace("(?=", "(?=,|", 1),
    re.I,
)
# 'Webhooks by Zapier (Catch Hook)', 'Custom webhook': the tool's own webhook, no app behind it
_TOOL_HOOK = re.compile(
    r"\b(?:webhooks?\s+by\s+zapier|catch\s+(?:raw\s+)?hook|custom\s+webhook)\b(?:\s*\([^()\n]{0,80}\))?"
    r"(?:(?:(?!->|→|=>)[^.;!?\n]){0,80}?)" + _TOOL_END,
    re.I,
)
# IFTTT's 'IF a new issue is opened in GitHub … THEN …', after a label ('IFTTT applet: IF …')
_TOOL_IF = re.compile(
    r"^\W*(?:(?P<label>[\w' -]{1,40}):\s*)?if\s+(?P<ev>(?:an?|new|any)\s(?:[^,.;!?\n]|\.(?=\w)){3,160}?)"
    r"(?:\s*,?\s+then\b|(?P<comma>,))",
    re.I,
)


def _app_event(app: str, thing: str, rest: str) -> str:
    """'Shopify', 'Orders', '' → 'a new order in Shopify' (what a tool's module watches, said as the event)."""
    thing = re.sub(r"^new\s+", "", thing.strip(), flags=re.I)
    words = thing.split()
    if words and re.search(r"[^s]s$", words[-1]) and not re.search(r"(?:ss|us|is)$", words[-1], re.I):
        words[-1] = words[-1][:-1]  # 'Watch Orders' → a new order
    app = re.sub(r"\s+by\s+zapier$", "", app, flags=re.I)
    return f"a new {' '.join(words)} in {app}{rest}"


def _tool_event(text: str) -> Trigger | None:
    """The event a description names in an automation tool's vocabulary, its app deciding the provider (generic
    where JUL25 has no trigger for it): 'Trigger = New Entry in Typeform', 'Shopify > Watch Orders, instant',
    'Stripe 'New Charge'', 'IFTTT: If a new email arrives in Gmail …, then …', 'Webhooks by Zapier (Catch Hook)'.
    A module polled at an interval ('Watch Rows (runs every 15 minutes)') is left to the schedule."""
    found: list[tuple[int, int, str]] = []
    label = _TOOL_LABEL.search(text)
    if label:
        event = label.group("ev").strip()
        inner = _TOOL_WATCH.match(event) or _TOOL_QUOTED.match(event)
        if inner:
            event = _app_event(inner.group("app"), inner.group("thing"), inner.group("rest") or "")
        elif not re.match(r"(?:an?|each|every|any|the)\s", event, re.I):
            event = "a " + event
        found.append((label.start(), label.end(), event))
    for pattern in (_TOOL_WATCH, _TOOL_QUOTED):
        for match in pattern.finditer(text):
            if not (
                re.match(r"watch\b", match.group(0)[len(match.group("app")) :].lstrip(" >›»-–:"), re.I)
                or pattern is _TOOL_QUOTED
                or re.search(r"(?:->|→|=>)\s*$|^\W*$|[:(]\s*$", text[: match.start()])
            ):
                continue  # 'Shopify - New Order' only where a chain starts; 'Watch' or a quoted name anywhere
            app = match.group("app")
            if pattern is _TOOL_QUOTED and not (
                _provider(app.lower()) or lx.integrations_in(app) or _external_in(app)
            ):
                continue
            if pattern is _TOOL_QUOTED and re.search(
                r"\b(?:the|my|our|their|your|this|that)\s*$", text[: match.start()], re.I
            ):
                continue  # ('→ row in the Google Sheet 'New Patients'': a place the user names, no module's event)
            if pattern is _TOOL_WATCH and read_schedule(text) is not None:
                return read_schedule(text)  # 'Reddit > Watch posts … Runs once a day at 12:00': polled on it
            event = _app_event(app, match.group("thing"), match.group("rest") or "")
            found.append((match.start(), match.end(), event))
            break
    hook_named = _TOOL_HOOK.search(text)
    if hook_named:
        found.append((hook_named.start(), hook_named.end(), "a webhook " + hook_named.group(0)))
    ifttt = _TOOL_IF.match(text)
    if (
        ifttt
        and ifttt.group("comma")
        and not re.search(r"\b(?:ifttt|applet|zap|scenario|recipe)\b", ifttt.group("label") or "", re.I)
    ):
        ifttt = None  # (after a tool's own label, 'IFTTT applet: if a new email comes …, send …', a comma ends it)
    if ifttt and _ARRIVAL.search(ifttt.group("ev")):
        found.append((ifttt.start("ev") - 3, ifttt.end(), ifttt.group("ev")))
    for start, end, event in sorted(found):
        clause = _SENTENCE_END.split(text[start:], maxsplit=1)[0]
        if any(h.search(event) for h in (_MANUAL_HINT, _API_HINT, _CHAT_HINT)):
            return None
        if (
            read_schedule(event) is not None
            or read_schedule(re.split(r"->|→|=>", clause, maxsplit=1)[0]) is not None
        ):
            return read_schedule(text)  # 'Watch Rows (runs every 15 minutes)': polled on that schedule
        hook = read_webhook("when " + event)
        if hook is None or hook.kind != "webhook":
            continue
        hook.spans = [(start, end)]
        return hook
    return None


def polled_reads(text: str) -> str:
    """'Google Sheets > Watch Rows on 'Orders'' in a run started on a schedule: each run reads what is new there
    ('get the new rows from Google Sheets on 'Orders''); the module names a read, not a write of rows."""

    def read(match: re.Match[str]) -> str:
        if not re.match(r"\W*(?i:watch)\b", match.group(0)[len(match.group("app")) :]):
            return match.group(0)
        app = re.sub(r"\s+by\s+zapier$", "", match.group("app"), flags=re.I)
        return f"get the new {match.group('thing').lower()} from {app}{match.group('rest') or ''}"

    return _TOOL_WATCH.sub(read, text)


# 'hello, i need when comes a new mail …', 'I would need that when arrives an issue …', 'We want that whenever …':
# a greeting and a wish before the 'when' clause that names the event
_WISH = (
    r"(?:(?:hello|hi|hey|dear [\w ]{1,20}?|good (?:morning|afternoon|evening))\s*[,!.]?\s+)?(?:(?:so|please|ok|okay)[,:]?\s+)?"
    r"(?:(?:i|we)(?:'d|\s+would|\s+will)?\s+(?:need|want|like|wish|ask)\s+(?:that\s+|to\s+have\s+that\s+)?)?"
)


# 'if arrives a new payment in Stripe …', 'if comes in Gmail a mail …': the verb of an event said before its subject
_COMES = (
    r"(?:comes?|arrives?|lands?|enters?|appears?|drops?|is\s+(?:created|added|opened|posted|submitted|paid|made|sent))"
    r"\s+(?:in(?:to)?\s+(?:[\w.-]+\s+){1,2}?)?(?:an?|new|the)"
)


# what arrives, one at a time, by its nature: 'submissions', 'bookings', 'orders' ('On each Jotform submission')
_ARRIVING_NOUNS = (
    r"(?:submissions?|responses?|entr(?:y|ies)|sign-?ups?|registrations?|bookings?|orders?|payments?|push(?:es)?|"
    r"messages?|e-?mails?|comments?|tickets?|leads?|uploads?|replies|reviews?|calls?|deals?|signatures?|refunds?)"
)


# a clause of a Given/When/Then, up to its comma or line's end ('25,000 USD' keeps its comma)
_GWT_CLAUSE = r"(?:[^,;\n]|,(?=\d{3}\b))+?"
# (a clause on a line of its own may hold commas: 'When the running total, kept in 'jackpot', passes £5,000'; the
# When may be left out: 'Given a Stripe checkout completes / Then email the buyer …')
_GIVEN_WHEN_THEN = re.compile(
    r"(?P<lead>^|(?<=[.!?:]\s)|(?<=\n))(?P<pre>[^\S\n]*(?:[-*•]\s*|\d{1,2}[.)]\s*)?)given\s+"
    r"(?:(?P<g>" + _GWT_CLAUSE + r")\s*(?:,|\n)|(?P<gl>[^\n]+?)[^\S\n]*\n)"
    r"\s*(?:(?:and\s+)?when\s+(?:(?P<w>"
    + _GWT_CLAUSE
    + r")\s*(?:,|\n)|(?P<wl>[^\n]+?)[^\S\n]*\n)\s*)?then\s+",
    re.I,
)
# 'when the failure event arrives', 'when it comes in', 'when the webhook fires': the 'When' of a Given/When/Then
# that only says the event of its 'Given' reaches us
_RESTATED = re.compile(
    r"^(?:the\s+|a\s+|an\s+|this\s+|that\s+|such\s+an?\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:event|webhook|notification|message|request|payload|callback|it|one|this|that|they)s?\s+"
    r"(?:arrives?|comes?\s+in|is\s+(?:received|delivered|sent|posted|fired|triggered)|fires?|happens?|lands?|"
    r"reaches\s+us|hits(?:\s+(?:us|the\s+workflow))?|is\s+there)\s*$"
    r"|^(?:we|sim|the\s+(?:workflow|flow|automation))\s+(?:receives?|gets?)\s+(?:it|them|the\s+(?:[\w-]+\s+)?(?:event|webhook))\s*$",
    re.I,
)
# an event said as what happens to a thing ('a GitHub pull request is merged', 'a Stripe charge succeeds') — not a
# state ('bills are due', 'a single bill is over $10,000')
_HAPPENS = re.compile(
    r"\b(?:is|are|was|were|gets?|got|has\s+been|have\s+been)\s+(?:[a-z]+ed|paid|sent|made|done|won|lost|torn|"
    r"written|begun|hit|set|put)\b|\b(?:succeeds?|fails?|changes?|moves?|closes?|merges?|completes?|expires?|"
    r"bounces?|churns?|applies|apply|arrives?|reopens?|escalates?)\b",
    re.I,
)
# the run itself: 'when the run starts' is no event of a service
_THE_RUN = re.compile(r"^(?:the|this|our|each)\s+(?:run|workflow|flow|job|schedule|automation|batch)\b", re.I)


def _an_event(clause: str) -> bool:
    return not _THE_RUN.match(clause) and bool(_ARRIVAL.search(clause) or _HAPPENS.search(clause))


def given_when_then(text: str) -> str:
    """A Given/When/Then read as the event and its test: 'Given a Stripe payment fails, when the failure event
    arrives, then email …' → 'When a Stripe payment fails, email …'; 'Given a Stripe charge succeeds, when the amount
    is 25,000 USD or more, then notify …' → 'When a Stripe charge succeeds, if the amount is 25,000 USD or more,
    notify …'; 'Given the customer is on the Pro plan, when they open a chat in Intercom, then …' → 'When they open
    a chat in Intercom, if the customer is on the Pro plan, …'. A Given that is no event and a When that is none
    ('Given bills are due, when the run starts') stay as written."""

    def read(m: re.Match[str]) -> str:
        given = (m.group("g") or m.group("gl")).strip()
        when = (m.group("w") or m.group("wl") or "").strip()
        if not when:  # 'Given a Stripe checkout completes / Then …': the event alone
            return f"{m.group('pre')}When {given}, " if _an_event(given) else m.group(0)
        if _an_event(given):
            if _RESTATED.match(when):
                return f"{m.group('pre')}When {given}, "
            return f"{m.group('pre')}When {given}, if {when}, "
        if _an_event(when) and not _RESTATED.match(when):
            return f"{m.group('pre')}When {when}, if {given}, "
        place = _given_place(given, when)
        if place is not None:
            return f"{m.group('pre')}{place}, read {given}, then "
        return m.group(0)

    return _GIVEN_WHEN_THEN.sub(read, text)


def _given_place(given: str, when: str) -> str | None:
    """'Given the Supabase table 'game_scores' / When it is 02:00 UTC / Then the rows … are uploaded …': a Given that
    only names a service's place (no event, no state) is what the run reads when the When's time comes; the time,
    said as a schedule ('at 02:00 UTC'), or None when the Given is no such place or the When no time."""
    entries = lexicon()["integrations"]
    if (
        _an_event(given)
        or re.search(r"\b(?:is|are|was|were|has|have|had|if|when|contains?|holds?)\b", given, re.I)
        or not any(entries[key].get("read") for _, key in lx.integrations_in(given))
    ):
        return None
    time = re.sub(
        r"^(?:it\s+is|it['’]s|the\s+(?:time|clock)\s+(?:is|hits|reads))\s+", "", when.strip(), flags=re.I
    )
    time = f"at {time}" if re.match(r"\d", time) else time
    return time if read_schedule(time) is not None else None


# a user story: 'As a recruiter, I want candidates who apply through Lever to get an acknowledgement email right away
# so that nobody waits.' — who arrives ('candidates who apply through Lever'), what they get, and why
_STORY = re.compile(
    r"(?:^|(?<=\n))[^\S\n]*(?:(?:user\s+)?story\s*:\s*)?as\s+(?:an?|the|our)\s+[^,.\n]{2,60}?,?\s+"
    r"(?:i|we)\s+(?:want|need|would\s+like|['’]d\s+like)\s+(?P<body>(?:[^.!?\n]|\.(?=\w))+?)"
    r"(?P<why>,?\s+so\s+(?:that\s+)?(?:[^.!?\n]|\.(?=\w))*)?(?=[.!?](?:\s|$)|\n|$)",
    re.I,
)


@lru_cache(maxsize=1)
def _story_arrival() -> re.Pattern[str]:
    people = "|".join(sorted(lexicon()["people"], key=len, reverse=True))
    return re.compile(
        r"(?P<who>(?:(?:the|our|any|all|new)\s+)?(?:[\w-]+\s+)?(?:" + people + r")s?)\s+(?:who|that)\s+"
        r"(?P<ev>(?:[^,;]){3,120}?)\s+to\s+(?P<out>(?:get|receive|be\s+sent|be\s+given|hear|have)\b.*)$",
        re.I,
    )


# 'maintenance requests sent to our API endpoint to be sorted': the items, how they arrive, what should become of them
_STORY_SENT = re.compile(
    r"(?P<who>(?:(?:the|our|all|any|new)\s+)?(?:[\w-]+\s+){0,2}?[a-z][\w-]*s)\s+"
    r"(?P<ev>(?:sent|submitted|posted|coming\s+in|arriving|received|filed|placed|made|dropped|uploaded)\s+"
    r"(?:to|into|in|on|via|through|from|at)\s+(?:[^,;]){2,80}?)\s+to\s+(?P<out>(?:get|receive|be|hear|have)\b.*)$",
    re.I,
)


def user_story(text: str) -> str:
    """A user story read for its event: 'As a recruiter, I want candidates who apply through Lever to get an
    acknowledgement email right away so that nobody waits.' → 'When candidates apply through Lever, send them an
    acknowledgement email right away.' — when no other line of the text says how a run starts. When one does
    ('Trigger: …', 'Given …, when …'), the story only sums it up: who arrives is no step of its own ('customers who
    message our Telegram bot' sends nothing on Telegram, 'maintenance requests sent to our API endpoint' calls no
    API), so the clause saying how they arrive is dropped."""
    for story in _STORY.finditer(text):
        found = _story_arrival().search(story.group("body"))
        sent = None if found else _STORY_SENT.search(story.group("body"))
        found = found or sent
        if found is None:
            continue
        rest = text[: story.start()] + " " * (story.end() - story.start()) + text[story.end() :]
        elsewhere = read_trigger(rest)
        at = story.start("body")
        if elsewhere.kind != "manual" or elsewhere.spans:
            start, end = at + found.end("who"), at + found.start("out")
            return text[:start] + " to " + text[end:]
        if sent is not None:
            continue  # ('requests sent to our API endpoint to be sorted', with nothing else naming a start: as written)
        outcome = found.group("out")
        got = re.match(r"(?:get|receive|be\s+sent|be\s+given)\s+(.*)$", outcome, re.I)
        said = f"send them {got.group(1)}" if got else f"they {outcome}"
        body = text[story.start() :]
        lead = text[: story.start()] + body[: len(body) - len(body.lstrip(" \t"))]
        return lead + f"When {found.group('who')} {found.group('ev')}, {said}" + text[story.end() :]
    return text


@lru_cache(maxsize=1)
def _trigger_field() -> tuple[re.Pattern[str], re.Pattern[str]]:
    said = lexicon()["trigger_fields"]
    label = re.compile(
        r"^(?P<lead>[^\S\n]*(?:[-*•]\s*|\d{1,2}[.)]\s*)?(?:\*\*|__)?)(?P<label>" + said["labels"] + r")"
        r"(?:\s*\([^()\n]{0,40}\))?\s*(?:\*\*|__)?[^\S\n]*(?:\?+[^\S\n]*:?|:)(?:\*\*|__)?(?P<value>[^\n]*)$",
        re.I | re.M,
    )
    return label, re.compile(r"\s*(?:" + said["blank"] + r")\s*[.!]*\s*", re.I)


def trigger_fields(text: str) -> str:
    """`text` with each field that says when the run starts ('When should it run? weekdays 9:15 (Toronto)',
    'Frequency: hourly', 'How often? …') labelled 'Trigger:' (lexicon.json `trigger_fields`), every position kept;
    a field that says nothing ('When should it run? -', 'Frequency: not sure yet') is blanked, its label too."""
    label, blank = _trigger_field()

    def read(m: re.Match[str]) -> str:
        if not m.group("value").strip() or blank.fullmatch(m.group("value")):
            return " " * len(m.group(0))
        head = m.group(0)[: m.start("value") - m.start()]
        if len(head) - len(m.group("lead")) < len("Trigger:"):
            return m.group(0)  # ('When:', 'Run:' are read where they stand)
        return m.group("lead") + "Trigger:".ljust(len(head) - len(m.group("lead"))) + m.group("value")

    return label.sub(read, text)


# a ticket's or spec's trigger line: 'Trigger: manual.', '- **Trigger:** chat', 'Triggered by: an API call from …'
# ('## Trigger' on a line of its own, then the value on the next: a spec page's section heading is its label)
_TRIGGER_LINE = re.compile(
    # ('II. Trigger: …', 'b) Trigger: …': a spec's clause number, in Roman numerals or a letter too)
    r"(?:^|\n)[^\S\n]*(?:[-*•]\s*)?(?:(?:\d{1,2}|[IVX]{1,4}|[ivx]{1,4}|[A-Za-z])[.)]\s*)?(?:\*\*|__)?"
    r"(?:trigger(?:ed\s+by|\s+type)?|entry\s+point)"
    r"(?:\*\*|__)?\s*[:=]\s*(?:\*\*|__)?\s*(?P<v>[^\n]{2,240})"
    r"|(?:^|\n)[^\S\n]*#{1,6}[^\S\n]*(?:\*\*|__)?(?:trigger|when it runs)(?:\*\*|__)?[^\S\n]*:?[^\S\n]*\n\s*"
    r"(?P<h>[^\n]{2,240})",
    re.I,
)


# a spec's input line that names a call: 'II. Input: an API call with guest_name and guest_company', '- Input via API
# call (name, email, course)' — how each run starts, as a trigger line says it
_INPUT_LINE = re.compile(
    r"(?:^|\n)[^\S\n]*(?:[-*•]\s*)?(?:(?:\d{1,2}|[IVX]{1,4}|[ivx]{1,4}|[A-Za-z])[.)]\s*)?(?:\*\*|__)?inputs?(?:\*\*|__)?"
    r"(?:\s*[:=]\s*|[^\S\n]+(?=(?:via|by|through|from|over)\s))(?:\*\*|__)?\s*(?P<v>[^\n]{2,240})",
    re.I,
)


def _whole_trigger_line(text: str, trigger: Trigger) -> None:
    """'- Trigger: a record in the Airtable table 'Rentals' changes (Airtable webhook)': the event found in a line
    labelled as the trigger is the whole line, none of whose words is a step ('a record in the Airtable table' is
    the record that changed, not one to create); a line that also tests ('… over $100', 'only if …') keeps its
    words for the test."""
    for found in _TRIGGER_LINE.finditer(text):
        value, at = _line_value(found), _line_start(found)
        end = at + len(value.rstrip())
        if re.search(
            r"\d|\b(?:if|only|unless|over|above|below|under|more|less|greater|where|whose|with|then|and)\b",
            value,
            re.I,
        ):
            continue
        if any(at <= a and b <= end for a, b in trigger.spans) and (at, end) not in trigger.spans:
            trigger.spans.append((at, end))


def _line_value(line: re.Match[str]) -> str:
    return line.group("v") if line.group("v") is not None else line.group("h")


def _line_start(line: re.Match[str]) -> int:
    return line.start("v") if line.group("v") is not None else line.start("h")


@lru_cache(maxsize=1)
def _run_kinds() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (kind, re.compile(("" if kind == "api" else "^") + pattern, re.I))
        for kind, patterns in lexicon()["run_kinds"].items()
        for pattern in patterns
    ]


def run_kind(value: str) -> str | None:
    """How a trigger line's value says a run starts ('manual run by the payroll lead' → manual, 'chat.' → chat,
    'API request from our expense tool with fields …' → api, 'just once' → once), or None when it names an event (a webhook, or a
    service that sends its events: 'Slack message in #alerts', 'Typeform webhook …')."""
    value = value.strip().strip("*_ ")
    evented = bool(re.search(r"\bweb-?hooks?\b", value, re.I)) or _named_provider(value.lower())
    for kind, pattern in _run_kinds():
        if pattern.search(value) and not (evented and kind != "manual"):
            return kind
    return None


def _within_any(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _stated_run(text: str) -> Trigger | None:
    """A trigger line that names how each run starts rather than an event: 'Trigger: manual, kicked off by the team
    lead.' and 'Trigger: API call from our returns form (order_id, reason, customer_email).' are runs started by
    hand or by a call (the manual starter, which is also the API entry), 'Trigger: chat.' a chat run. The line is
    the trigger's, no step."""
    inputs = [line for line in _INPUT_LINE.finditer(text) if run_kind(line.group("v")) == "api"]
    for line in [*_TRIGGER_LINE.finditer(text), *inputs]:
        kind = run_kind(line.group("v") if line.re is _INPUT_LINE else _line_value(line))
        if kind is None:
            continue
        start = line.start() + (line.group(0)[:1] == "\n")
        spans = [(start, line.end())]
        if kind == "api":  # what the call brings is no step
            spans += [m.span() for m in _CALL_BRINGS.finditer(text)]
        value = "chat" if kind == "chat" else "manual"
        return Trigger(value, {"startWorkflow": value}, spans, once=kind == "once")
    return None


def _run_by_hand_now_and_then(text: str, manual: re.Match[str]) -> bool:
    """'I list a new instrument maybe once a month. I want a workflow I run by hand': how often something happens,
    said roughly (lexicon.json 'rough_frequency') and with no clock, is no schedule when the user starts each run."""
    return (
        manual.re is _MANUAL_HINT
        and find_time(text)[0] is None
        and re.search(lexicon()["rough_frequency"], text, re.I) is not None
    )


# '- on each successful payment: row in Airtable …', '. On every new booking, …': a later line or sentence that opens on
# each arriving item (the first line's is read in `_read_trigger`)
_ON_EACH_LINE = re.compile(
    r"(?:\n[^\S\n]*(?:[-*•]|\d{1,2}[.)])?|[.!?;]\s+)[^\S\n]*(?:on|upon)\s+(?:every|each|any)\s+"
    r"(?=(?:new\s+)?(?:[\w.'-]+\s+){0,3}?" + _ARRIVING_NOUNS + r"\b)",
    re.I,
)


def _on_each_line(text: str) -> Trigger | None:
    """'Discovery call — … - bookings paid through Stripe - on each successful payment: row in Airtable 'Rides' + …':
    each item said to arrive, on a line or sentence of its own, starts a run (read as 'when a new …'), unless a clock
    says when the run goes ('horses rest Mondays' is no schedule)."""
    if find_time(text)[0] is not None:
        return None
    for found in _ON_EACH_LINE.finditer(text):
        clause = re.split(r"[:,;.!?\n]|->|→|=>", text[found.end() :], maxsplit=1)[0]
        if _CHAT_HINT.search(clause) or read_schedule(clause) is not None:
            continue
        hook = read_webhook("when a new " + clause)
        if hook is None:
            continue
        lead = len(found.group(0)) - len(found.group(0).lstrip(" \t\n-*•.;!?"))
        hook.spans = [(found.start() + lead, found.end() + len(clause))]
        # ('- bookings paid through Stripe' on a line before: what tells where the items come from, the event's, no
        # step — a line of the same list naming the event's service and saying nothing to do)
        provider = hook.values.get("webhookProvider")
        at = found.start()
        for _ in range(3):
            start = text.rfind("\n", 0, at) + 1
            line = text[start:at]
            if not line.strip() or provider in (None, "generic"):
                break
            if _provider(line.lower()) == provider and not _IMPERATIVE.search(" " + line):
                body = len(line) - len(line.lstrip(" \t-*•"))
                hook.spans.append((start + body, at))
                break
            at = start - 1
            if at <= 0:
                break
        return hook
    return None


# a line of a list after the first, its head before an arrow: '• failed payment → tell the treasurer …'
_LISTED_ARROW = re.compile(r"\n[^\S\n]*(?:[-*•]|\d{1,2}[.)])[^\S\n]*(?=[^\n]{3,100}?\s(?:->|→|=>)\s)")


def _arrow_line(text: str) -> Trigger | None:
    """'Call w/ Harbour Seals WPC • subs collected via Stripe • failed payment → tell the treasurer in Slack …': a line
    of a list whose head before an arrow names a service's event ('failed payment', 'payment fails') starts each run,
    as it would on the first line, unless a schedule says when the run goes ('Every 30 minutes, … sort each one:
    - sales enquiries → create a lead'); a line before it in the same list that
    names the event's service and asks nothing ('subs collected via Stripe') tells where the items come from, no
    step."""
    if find_time(text)[0] is not None or read_schedule(text) is not None:
        return None
    for found in _LISTED_ARROW.finditer(text):
        line = text[found.end() :].split("\n", 1)[0]
        hook = _arrow_event(line, text)
        if hook is None or hook.kind != "webhook":
            continue
        hook.spans = [(a + found.end(), b + found.end()) for a, b in hook.spans]
        provider = hook.values.get("webhookProvider")
        # (the service said on the line itself or on one before it: '• refunds → email accounts@…' under notes that
        # name no payment service is a route of what another trigger brings, not Stripe's event)
        named = _named_provider(line.lower()) and _provider(line.lower()) == provider
        at = found.start()
        for _ in range(3):
            start = text.rfind("\n", 0, at) + 1
            before = text[start:at]
            if not before.strip() or provider in (None, "generic"):
                break
            if (
                _named_provider(before.lower())
                and _provider(before.lower()) == provider
                and not _IMPERATIVE.search(" " + before)
                and "→" not in before
            ):
                body = len(before) - len(before.lstrip(" \t-*•"))
                hook.spans.append((start + body, at))
                named = True
                break
            at = start - 1
            if at <= 0:
                break
        return hook if named or provider in (None, "generic") else None
    return None


# '- mums ask the same questions at 3am', 'Owners phone with the same worries at 11pm': a sentence telling what people
# do, a plural subject and its verb in the present
_PEOPLE_DO = re.compile(
    r"\W*(?:(?:the|our|most|many|some|all|lots\s+of|a\s+lot\s+of)\s+)?(?:[a-z][\w'’-]*\s+)?"
    r"(?:people|folks?|staff|[a-z]{2,}s)\s+(?:(?:always|often|usually|keep|still|all)\s+)?"
    r"(?:ask|phone|call|ring|email|e-mail|message|text|write|send|come|turn|show|book|worry|panic|want|need|try|get)\b",
    re.I,
)


def _people_do_then(text: str, span: tuple[int, int]) -> bool:
    """Whether the clock at `span` is said in a sentence that tells what people do (`_PEOPLE_DO`), not what the run
    does."""
    opening = max(text.rfind(c, 0, span[0]) for c in ".;!?\n") + 1
    return _PEOPLE_DO.match(text[opening : span[0]]) is not None


def _read_trigger(text: str) -> Trigger:
    # 'When it's 07:00 on Saturdays, text …', 'once it hits midnight': a clock the run waits for, no event
    clocked = re.match(
        r"\W*(?:when(?:ever)?|once|as\s+soon\s+as)\s+it(?:['’]s|\s+is|\s+gets\s+to|\s+hits|\s+turns)\s+"
        r"(?=(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o['’]clock|h)?|noon|midnight)(?!\s*(?:%|percent|degrees|°))\b)",
        text,
        re.I,
    )
    timed = read_schedule(text) if clocked else None
    if clocked and timed is not None:
        timed.spans.append((clocked.start(), clocked.end()))
        return timed
    # 'when: mon-fri 9am ET -> …', 'trigger: every 15 minutes': a label, then the schedule the run keeps
    label = re.match(r"[\W_]*(?:when|trigger|schedule|runs?|timing|cadence)\s*[:=]\s*", text, re.I)
    line = re.search(r"->|→|=>|\n|[.;](?=\s|$)|$", text[label.end() :]) if label else None
    timed = read_schedule(text[: label.end() + line.start()]) if label and line else None
    # ('Trigger:\nManual — I hit run on Friday afternoon once the hours are in': the label names a run started by hand,
    # the day it tells is when the user presses it)
    if (
        label
        and line
        and timed is not None
        and run_kind(text[label.end() : label.end() + line.start()]) is None
    ):
        timed.spans.append(label.span())
        return timed
    # 'Trigger:\nDaily, 09:00 UK time.', '## Trigger\nWeekdays 7:45': a trigger line further down that keeps a schedule
    # (its value read alone: a clock a later step names is no time of the run)
    for found in _TRIGGER_LINE.finditer(text):
        value, at = _line_value(found), _line_start(found)
        timed = read_schedule(re.split(r"->|→|=>", value, maxsplit=1)[0])
        if timed is not None and run_kind(value) is None:
            timed.spans = [(a + at, b + at) for a, b in timed.spans]
            timed.spans.append((found.start() + (found.group(0)[:1] == "\n"), at))
            return timed
    run_stated = _stated_run(text)
    if run_stated is not None:
        return run_stated
    listed = re.search(
        r"(?:^|\n)[\W_]*(?:\d{1,2}[.)]\s*)?(?:trigger|when)\s*[:=]\s*(?:an?\s+|each\s+|every\s+)?(new\b(?:(?!->|→|=>|[.;](?:\s|$))[^\n]){3,120})",
        text,
        re.I,
    )
    if listed:  # '- trigger: new HubSpot deal marked Closed Won': a list that names its trigger, an event
        hook = read_webhook("when a " + listed.group(1))
        if hook:
            hook.spans = [listed.span(1)]
            return hook
    kind = _LABELLED_KIND.search(text) or _LISTED_KIND.search(text)
    if kind:  # 'Trigger: chat.', 'Trigger: manual.': the kind of run, named by its label
        said = kind.group("kind").lower()
        name = "chat" if said.startswith("chat") else "manual"
        return Trigger(name, {"startWorkflow": name}, [kind.span()])
    hook = _labelled_event(text)
    if hook:
        return hook
    hook = _tool_event(text)
    if hook:
        return hook
    first = re.split(r"[.;](?=\s|$)|\n", text, maxsplit=1)[0]  # 'support@acme.com', '$1,250.50' stay whole
    manual = _MANUAL_HINT.search(text) or _API_HINT.search(text)
    stated = (
        manual is not None
        and (
            re.match(r"^\W*(?:manual|on demand|by hand)", text[manual.start() :], re.I) is not None
            or re.search(_PRESS_RUN, manual.group(0), re.I) is not None
            # ('a button: when I click run, it reads …': the press said on, past the hint's own words)
            or re.match(r"when(?:ever)?\s+" + _PRESS_RUN[2:], text[manual.start() :], re.I) is not None
        )
    )
    # ('a workflow I can kick off by hand when I lock up', 'I run it manually once the box is final': the moment the
    # user picks to start each run, said with it; a time told elsewhere is of their routine)
    when_i = manual is not None and re.match(
        r"[ \t]*,?[ \t]*(?:(?:usually|normally|mostly|typically|probably|just|only)\s+)?"
        r"(?:when(?:ever)?|once|after|as\s+soon\s+as|before)\s+(?:i|we)\b(?!\s+(?:want|need|like)\b)",
        text[manual.end() :],
        re.I,
    )
    if manual and (
        stated or when_i or read_schedule(text) is None or _run_by_hand_now_and_then(text, manual)
    ):
        # 'when a new row is added to our sheet (we'll hit the workflow via API), …': the clause that holds it
        lead_in = next(
            (
                m
                for m in re.finditer(
                    # ('when I press run — just manually — I want it to grab …': the wish after it starts the steps)
                    r"\b(?:when(?:ever)?|each time|every time|once)\b(?:(?!\s(?:i|we)(?:['’]d|\s+would)?\s+"
                    r"(?:want|need|like)\b)[^,:;.])*[,:]?",
                    text,
                    re.I,
                )
                if m.start() <= manual.start() < m.end()
                and re.search(r"(?:^|[.:;!?]\s+)\W*$", text[: m.start()]) is not None
            ),
            None,
        )
        span = lead_in.span() if lead_in else manual.span()
        via = _BY_API.match(text, span[1])
        spans = [(span[0], via.end() if via else span[1])]
        if via or _API_HINT.search(text):  # a call starts it: what the call brings is no step
            spans += [m.span() for m in _CALL_BRINGS.finditer(text)]
            # ('… returns the answer in the API response. Our app will call the workflow API.': each time the text
            # says so, it is the run's start, no request to make)
            spans += [m.span() for m in _API_HINT.finditer(text) if not _within_any(m.span(), spans)]
        return Trigger("manual", {"startWorkflow": "manual"}, spans)
    lead = re.match(  # ('our CI: when GitHub reports a push …': a label may name the run first)
        r"\s*(?:[a-z][\w' -]{1,24}:\s*)?"
        + _WISH
        + r"(when(?:ever)?|on (?:(?:every|each|any) )?new|once a new|each time|every time|any ?time|as soon as|upon|"
        r"if (?:anyone|someone|somebody|a customer|a user|i get|we get|i receive|we receive))\b",
        first,
        re.I,
    )
    # (not in its label, nor in the step after an arrow: '… -> Post message in a chat or channel (Teams)')
    chat_lead = lead and _CHAT_HINT.search(re.split(r",|->|→|=>", first[lead.start(1) :], maxsplit=1)[0])
    if chat_lead and lead:  # 'When I send a city name in the chat, …': a chat run, not an event of a service
        return Trigger("chat", {"startWorkflow": "chat"}, [(lead.start(), len(first.split(",")[0]))])
    after = re.match(
        r"\s*after\s+(?:every|each|any|an?)\s+(?=[^,.;:]{1,60}?\b(?:ends?|finishes|finished|closes|closed|completes|"
        r"completed|is\s+over|wraps\s+up|is\s+done)\b)",
        first,
        re.I,
    )
    if after and read_schedule(text) is None:  # 'After every Zoom meeting ends, …': each end is an event
        hook = read_webhook("when a " + first[after.end() :])
        if hook:
            shift = len("when a ") - after.end()
            hook.spans = [(0, end - shift) for _, end in hook.spans]
            return hook
    # 'On each Jotform submission, …', 'On every Calendly booking, …': each such item arriving is the event
    on_each = re.match(
        r"\s*(?:on|upon)\s+(?:every|each|any)\s+(?=(?:new\s+)?(?:[\w.'-]+\s+){0,3}?"
        + _ARRIVING_NOUNS
        + r"\b)",
        first,
        re.I,
    )
    if on_each and not lead and read_schedule(first) is None and not _CHAT_HINT.search(first.split(",")[0]):
        hook = read_webhook("when a new " + first[on_each.end() :])
        if hook:
            shift = len("when a new ") - on_each.end()
            hook.spans = [(0, end - shift) for _, end in hook.spans]
            return hook
    event_lead = re.match(r"\s*(if|new)\b", first, re.I)
    if (
        not lead
        and event_lead
        and (
            event_lead.group(1).lower() == "new"
            or re.match(r"\s*if (?:an?|new|" + _COMES + r")\b", first, re.I)
        )
        and (
            _named_provider(first.split(",")[0].lower())
            or _service_item_changes(first.split(",")[0], text)
            or _service_item_tested(first.split(",")[0], text)
            or re.search(r"->|→", first)
            or re.match(r"\s*new\b[^:,]{3,60}:\s", first, re.I)
        )
        # 'new hires digest: every monday at 8am …': a label before a schedule, no event
        and not re.match(
            r"\s*new\b[^:,]{3,60}:\s*(?:every|each|daily|weekly|hourly|nightly|monthly|on\s+\w+days?\b|at\s+\d)",
            first,
            re.I,
        )
    ):  # 'If a Stripe payment over €1,000 fails, …', 'New Typeform response on our survey -> …': read as 'when …'
        said = "when" if event_lead.group(1).lower() == "if" else "when new"
        hook = read_webhook(said + first[event_lead.end() :])
        if hook:
            shift = len(said) - (event_lead.end() - event_lead.start(1))
            hook.spans = [(event_lead.start(1), max(event_lead.end(), end - shift)) for _, end in hook.spans]
            return hook
    if not lead:
        hook = _arrow_event(first, text) or _listed_event(text.split("\n", 1)[0])
        if hook:
            return hook
    # ('Intercom posts conversation.user.created webhooks to us': plural, the events a service sends)
    if lead or re.search(
        r"\bwebhook\b|\b(?:sends?|posts?|fires?|delivers?|pushes|emits?)\b(?:[^.!?\n]|\.(?=\w)){0,60}\bwebhooks\b",
        text,
        re.I,
    ):
        hook = read_webhook(first if lead else text)
        if hook:
            return hook
    hook = _event_named(text)
    if hook:
        return hook
    arrival = _EVERY_NEW.search(text)
    if (
        arrival
        and _EVENT_PARTICIPLE.match(arrival.group(0))
        and not any(
            re.search(r"\b" + re.escape(n) + r"\b", arrival.group(0), re.I)
            for name, entry in lexicon()["webhook_providers"].items()
            if name != "generic"
            for n in entry["names"]
        )
    ):
        arrival = None  # 'for each failed payment in the CSV': items of the user's data, no service's event
    if (
        arrival
        # ('each new record in the Airtable table "Bookings"': an item of a service that sends an event for each)
        and not _provider_item(re.split(r"\s(?:to|into|onto)\s|->|→|=>", arrival.group(0), maxsplit=1)[0])
        and re.search(  # (where it goes, 'to our 'Invoices' Airtable table', is no place it arrives in)
            r"\b(?:table|sheet|spreadsheet|tab|list|database|base)s?\b",
            re.split(r"\s(?:to|into|onto)\s", arrival.group(0), maxsplit=1)[0],
            re.I,
        )
    ):
        arrival = None  # 'for each new lead in the Leads table': rows of the user's data, repeated over
    elif (
        arrival
        and not re.match(r"\s*for\b", arrival.group(0), re.I)
        and not re.search(
            r"\b(?:posted|opened|created|added|submitted|received|filed|placed|booked|published|arriving|"
            r"that (?:comes|arrives|lands|hits|reaches)|pull requests?|prs?)\b"
            # 'every new email in our Gmail billing mailbox': what arrives at a place things arrive at
            r"|\b(?:in|into|to|on)\s+(?:our|my|the)\s+(?:[\w-]+\s+){0,2}?(?:inbox|mailbox|channel|server|group|gmail|"
            r"outlook|site|website|blog)\b|^\W*(?:(?:for|on)\s+)?(?:every|each|any)\s+e-?mails?\s+(?:label(?:l)?ed|tagged|with\s+the\s+label)\s"
            # ('each new message in #facilities': a message in a channel arrives there)
            r"|\bnew\s+(?:messages?|posts?|threads?)\s+(?:in|on)\s+#[\w-]"
            r"|\bto\s+[\w.+-]*@",
            arrival.group(0),
            re.I,
        )
        # 'every new Stripe invoice', 'every new Typeform response': an item of a service that sends its events
        and not any(
            re.search(r"\b" + re.escape(n) + r"\b", arrival.group(0), re.I)
            for entry in lexicon()["webhook_providers"].values()
            for n in entry["names"]
        )
        # 'every new Calendly booking', 'each new HubSpot deal': a new item of a service named right after 'new'
        and not _new_item_of_service(arrival.group(0))
        # 'takes each new Jotform patient intake submission': an item that arrives by its nature, named as such
        and not re.search(
            r"\bnew\s+(?:[\w.'-]+\s+){0,3}?" + _ARRIVING_NOUNS + r"(?:\s*$|\s+(?:from|via|through)\b)",
            arrival.group(0),
            re.I,
        )
    ):
        arrival = None  # 'triage each new bug report into …': no arrival is stated
    if arrival and re.search(
        r"\b(?:every|each|daily|weekly|hourly|nightly)\b|\bat \d", arrival.group(0)[8:], re.I
    ):
        arrival = None  # 'summarise each new PR in the repo every morning at 9': a schedule reads them
    if (
        arrival
        and read_schedule(text[: arrival.start()] + " " * len(arrival.group(0)) + text[arrival.end() :])
        is None
    ):
        head = arrival.group(0)
        told = re.search(
            r"\b(?:when|once|as\s+soon\s+as)\s+(?:they|it|he|she)(?:['’]re|['’]s|\s+(?:are|is|get|gets))\s+\w+ed$",
            head,
            re.I,
        )
        on = re.match(r"\s+(?:to|in|into|on)\s+[^,.;!?\n]{1,40}", text[arrival.end() :]) if told else None
        if on:
            head += on.group(
                0
            )  # 'each new hire when they're added to BambooHR': the event goes on to its place
        # 'email every new Stripe customer a welcome PDF link': what is sent to the one who arrived (a second
        # object, after the item's noun) is the step's
        second = _SECOND_OBJECT.search(head)
        if second:
            head = head[: second.start(1)]
        # ('on each new PR in our repo the AI summarises what changed': the one doing the next step ends the event)
        actor = next((m for m in _ACTOR_NEXT.finditer(head) if len(head[: m.start()].split()) >= 3), None)
        if actor:
            head = head[: actor.start()].rstrip()
        # 'post each new Typeform response in #leads': after a verb that posts, the channel is where it goes
        posted = re.search(  # (not where it arrives: 'every message posted in #support')
            r"(?<!posted)(?<!dropped)(?<!submitted)(?<!uploaded)"
            r"\s+(?:in|on|to|into)\s+(?:the\s+|our\s+)?(?:(?:slack|discord|teams|telegram)\s+(?:channel\s+)?)?#[\w-]",
            head,
            re.I,
        )
        if posted and re.search(
            r"\b(?:post|share|send|forward|announce|drop|put|publish)s?\s+(?:(?:it|them)\s+)?$",
            text[: arrival.start()],
            re.I,
        ):
            head = head[: posted.start()]
        # 'Copy every new Stripe invoice to our 'Invoices' table': where it goes is the step's (not 'posted to …')
        # ('every email that comes into our Gmail': where it arrives, not where it goes)
        goes = re.search(r"(?<!ed)(?<!\bcomes)\s(?:to|into|onto)\s(?=(?:our|the|my|a|an)\b)", head)
        if goes:
            head = head[: goes.start()]
        # 'save every new message from our #ideas Slack channel in Notion': after a verb that places it (lexicon.json
        # 'placing_verbs'), a second service named after 'in'/'on' is where it goes, the first one sends the event
        services_named = lx.integrations_in(head)
        if len(services_named) > 1 and re.search(
            r"\b(?:" + "|".join(lexicon()["placing_verbs"]) + r")\s+(?:(?:it|them)\s+)?(?:down\s+)?$",
            text[: arrival.start()],
            re.I,
        ):
            place = re.search(
                r"\s(?:in|into|on|onto)\s+(?:(?:the|our|my|a|an)\s+)?$",
                head[: max(services_named[1][0] - 1, 0)],
            )
            head = head[: place.start()] if place else head
        for step in _IMPERATIVE.finditer(
            head, 5
        ):  # 'For every new Shopify order over $500 add the customer …'
            if head[: step.start()].split()[-1].lower() not in _NOT_BEFORE_VERB:
                head = head[: step.start()].rstrip()
                break
        hook = read_webhook("when " + head)
        if hook:  # 'Summarise every new issue opened in acme/cli': each arrival starts a run
            # (up to where the webhook's reading ended it: 'have each new Zendesk ticket | summarised by AI …')
            said = (
                min(len(head), max(end for _, end in hook.spans) - len("when ")) if hook.spans else len(head)
            )
            hook.spans = [(arrival.start(), arrival.start() + max(said, 1))]
            return hook
    hook = _on_each_line(text) or _arrow_line(text)
    if hook:
        return hook
    schedule = read_schedule(text)
    if schedule and _CHAT_HINT.search(text) and all(_people_do_then(text, span) for span in schedule.spans):
        # ('- mums ask the same questions at 3am\n- wants a chat assistant on the site …': when people do what the
        # chat is for, told, is no time of the run; each message to the chat starts one)
        schedule = None
    if schedule:
        return schedule
    hook = _at_once(text)
    if hook:
        return hook
    # ('can u make a thing where when ppl msg our whatsapp …', '… so that when clients message us on WhatsApp …': people
    # who write, said in the plural, mid-sentence)
    when = re.search(
        r"\b(when(?:ever)? (?:a|an|new|someone|somebody|anyone|anybody|"
        + _WRITERS
        + r")|whenever|(?:every|each) time (?:a|an|our|my|the|someone|"
        # ('the assistant must, each time arrives a payment in Stripe, post …': the verb before its subject)
        + _COMES
        + r")\b|"
        r"when (?:my|our|the) [\w\s-]{1,30}?(?:gets|receives|has) (?:a |an )?new)\b",
        first,
        re.I,
    )
    # ('… a research brief on a prospect whenever I ask for one in chat': what is asked in the chat starts a chat run)
    # ('a chat assistant on our website that answers …, and, when someone says they want to join a workshop, logs
    # their name': what a person says to the chat named before, no event of a service)
    said_to_chat = (
        when is not None
        and re.match(
            r"when(?:ever)?\s+(?:someone|somebody|anyone|anybody)\s+(?:says?|asks?|wants?|tells?)\b",
            when.group(0) + first[when.end() :],
            re.I,
        )
        is not None
        and _CHAT_HINT.search(first[: when.start()]) is not None
    )
    hook = (
        read_webhook(first)
        if when
        and not said_to_chat
        and not _CHAT_HINT.search(re.split(r"[,;]", first[when.start() :], maxsplit=1)[0])
        else None
    )
    if hook:
        return hook
    named = "|".join(
        re.escape(n) for k, v in lexicon()["webhook_providers"].items() if k != "generic" for n in v["names"]
    )
    own = re.search(r"\bincoming\s+(" + named + r")\s+[\w-]+", text, re.I)
    if own:  # 'Each incoming Stripe dispute': an event of the service it names
        values = {
            "startWorkflow": "webhook",
            "webhookProvider": _provider(own.group(1).lower()) or "generic",
            "webhookPath": _slug(own.group(0)),
        }
        return Trigger("webhook", values, [own.span()])
    incoming = re.search(
        r"\bincoming\s+(?:[\w-]+\s+)?(e-?mails?|mails?|messages?|requests?|orders?|form submissions?|events?|tickets?|webhooks?|"
        r"leads?|payments?|submissions?|responses?|sign-?ups?|applications?|calls?|alerts?)\b",
        text,
        re.I,
    )
    if incoming:  # 'route incoming emails': each arrival starts a run
        provider = (
            "gmail"
            if re.match(r"e-?mail|mail", incoming.group(1), re.I)
            # 'incoming Xero webhooks': the service that sends them, not one a later step posts to
            else _provider(incoming.group(0).lower())
            if re.match(r"webhook", incoming.group(1), re.I)
            else _provider(text.lower())
        )
        provider = (
            provider
            if provider in ("gmail", "slack", "telegram", "whatsapp", "discord", "microsoftteams")
            else "generic"
        )
        values = {
            "startWorkflow": "webhook",
            "webhookProvider": provider,
            "webhookPath": _slug(incoming.group(0)),
        }
        return Trigger("webhook", values, [incoming.span()])
    hook = _later_event(text)
    if hook:
        return hook
    bot = re.search(_SERVICE_BOT, text, re.I)
    if bot:  # 'a Discord bot that answers players' questions': each message to the bot on that service starts a run
        values = {
            "startWorkflow": "webhook",
            "webhookProvider": _provider(bot.group(1).lower()) or "generic",
            "webhookPath": _slug(bot.group(0)),
        }
        return Trigger("webhook", values, [bot.span()])
    chat = _CHAT_HINT.search(text)
    if chat:  # 'when I send it a topic in chat, …': the lead clause is the trigger, not a step
        lead_in = re.search(
            r"(?:^|:\s*)(?:when(?:ever)?|each time|every time|on each|on every)\b[^,;.]*,?", text, re.I
        )
        spans = [lead_in.span()] if lead_in and lead_in.start() <= chat.start() < lead_in.end() else []
        said = _WRITES_TO_CHAT.fullmatch(chat.group(0))
        if not spans and said:
            # ('Customers type their DHL tracking number into the chat; the bot asks DHL …': the clause telling what
            # a person writes to the chat starts the run, it is no step)
            opening = max(text.rfind(c, 0, chat.start()) for c in ".;:!?\n") + 1
            spans = [(opening + len(text[opening:]) - len(text[opening:].lstrip()), chat.end())]
        if chat.start() == 0 and chat.group(0).rstrip().endswith((":", "-", "—")):
            spans = [chat.span()]  # 'HR help chat:' names the run, no step
        return Trigger("chat", {"startWorkflow": "chat"}, spans)
    return Trigger("manual", {"startWorkflow": "manual"})
