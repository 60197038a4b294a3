"""Values the user corrects as they type: 'every morning at 8 — no, make it 8:30 —', 'post it in #sales. Actually no,
#revenue-ops, sales is too noisy.', 'Every 5 min — no, 10, rate limits —', 'over S$10,000 … Hmm, 10k — make that
S$15,000.', 'r/homelab and r/selfhosted — hmm, just r/selfhosted —', 'make it Tuesdays and Thursdays instead'.

The correction (a hesitation or a correcting word after a dash, a comma or at a sentence's start, then a value) says
what a value said before should be: the value of the same kind said last before it (a clock time, an interval, a
threshold, a #channel, an address, a phone number or the data column that holds one, a subreddit, days, a time zone,
a service) is replaced by the new one, and the correction, with the reason given after it ('rate limits', 'backups
run at 2'), goes. A new value with nothing of its kind before it ('every morning at 8 — well, weekdays only —') stays
where it was said. A correction that names no value is left to the other readings (`lexicon.without_retractions`).
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.generation import rx as re
from lib.generation.corrections import one_at_a_time

# words that hesitate or take back before the new value ('hmm,', 'oh no,', 'no wait —', 'sorry,', 'actually')
_HESITATE = (
    r"(?:hmm+|hm+|um+|uh+|erm?|eh+|ah+|oh+|well|ok(?:ay)?|wait|no|nope|nah|sorry|pardon|oops|actually|"
    r"on second thought|come to think of it|thinking about it|i mean|correction|scratch that|or rather|rather)"
)
# the words that say the next value replaces one before ('make it', 'make that', 'change it to', 'just', 'only')
_REPLACE = r"(?:make\s+(?:it|that|this)|change\s+(?:it|that)\s+to|let'?s\s+(?:say|do)|switch\s+(?:it\s+)?to|just|only)"
_TAKES_BACK = re.compile(
    r"\b(?:actually|no|nope|nah|wait|sorry|pardon|oops|i mean|correction|scratch that|rather|instead|"
    r"make\s+(?:it|that|this)|change\s+(?:it|that)\s+to|just|only|well|on second thought)\b",
    re.I,
)
# where a correction starts: after a dash, a comma or a sentence's end (or the text's start)
_MARK = re.compile(
    r"(?P<lead>\s+[—–]\s*|\s+--?\s+|\s*(?:…|\.{2,})\s*|,\s*|(?:(?<=[.!?\n])|^)\s*)"
    r"(?P<words>(?:" + _HESITATE + r"\b[,.!…]*(?:\s*[—–]\s*|\s+|(?=[#\d$€£+])))*(?:" + _REPLACE + r"\b\s*)?)",
    re.I,
)
# (not the stop after a list's number: '…, 8. add them to …')
_SENTENCE_END = re.compile(r"(?<![,\n]\s\d)(?<![,\n]\s\d\d)[.!?](?=\s|$)|\n")
_CLAUSE_DASH = re.compile(r"\s+[—–]\s*|\s+--?\s+|\s*(?:…|\.{2,})\s*")

_NUM = r"\d{1,3}(?:[,.]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CUR = r"(?:[A-Z]{0,3}[$€£]|(?-i:USD|EUR|GBP|CHF|SGD|AUD|CAD)\s*)"
_UNIT = (
    r"(?:\s*(?:k|percent|million|thousand|(?-i:USD|EUR|GBP|CHF|SGD)|dollars?|euros?|pounds?|zł|kr)\b|\s*[%€])"
)
_INTERVAL_UNIT = r"(?:minutes?|mins?|m|hours?|hrs?|h|seconds?|secs?)\b"
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "last": 0,
}  # fmt: skip
_ORDINAL = r"(?:[12]?\d|3[01])(?:st|nd|rd|th)|" + "|".join(_ORDINAL_WORDS)
_ABBR = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
_ABBR_LIST = _ABBR + r"(?:\s*[/,&]\s*" + _ABBR + r")+"

_KINDS: dict[str, re.Pattern[str]] = {
    "interval": re.compile(
        r"\bevery\s+(?:(?P<n>\d+)\s*(?P<u>" + _INTERVAL_UNIT + r")?|(?P<one>minute|hour|half hour)\b)", re.I
    ),
    "time": re.compile(
        r"(?:\b(?:at|@)\s+)?(?:\b(?:quarter|half)\s+(?:past|to)\s+\d{1,2}\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)"
        r"|\b\d{1,2}:\d{2}\b|\b\d{1,2}h(?:[0-5]\d)?\b|(?<=\bat )\d{1,2}\b(?![.,]?\d|\s*(?:%|minutes?|mins?|hours?)))",
        re.I,
    ),
    "amount": re.compile(
        r"(?<![\w#/+:.-])(?:" + _CUR + r"\s*)?(?:" + _NUM + r")" + _UNIT + r"?(?![\w:/@-])", re.I
    ),
    "channel": re.compile(r"(?<![\w&])#[a-z][\w-]*(?:<[^<>\s]{1,30}>[\w-]*)*", re.I),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "phone": re.compile(
        r"(?<![\w+])\+\d[\d \u00a0-]{6,16}\d\b|\b(?:the|their|its|his|her)\s+(?:phone\s+)?number\s+(?:in|from)\s+"
        r"(?:the\s+)?(?:column\s+[A-Z]\b|[\w-]+\s+column\b|[\w-]+\s+field\b|the\s+sheet\b|the\s+row\b)",
        re.I,
    ),
    "subreddit": re.compile(r"\br/[a-z0-9_]+", re.I),
    "days": re.compile(
        r"\b(?:"
        + _ABBR_LIST
        + r"|(?:"
        + _DAY
        + r")\s+(?:to|through|-|–)\s+(?:"
        + _DAY
        + r")|"
        + _DAY
        + r"(?:\s*(?:,|and|&|or)\s*"
        + _DAY
        + r")*|week\s*days?|weekends?)\b(?:\s+only)?"
        # ('Every Monday — no, Sunday evening, like 6 o'clock — …': the part of the day and the rough clock said with
        # the new day are the run's, kept with it)
        r"(?:\s+(?:morning|afternoon|evening|night)s?\b(?:,?\s+(?:(?:like|about|around|roughly|say)\s+)?"
        r"\d{1,2}(?::\d{2})?\s*(?:am\b|pm\b|a\.m\.|p\.m\.|o['’]clock\b))?)?",
        re.I,
    ),
    "zone": re.compile(
        r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+time\b|\b(?:UK|US|ET|PT|CT|MT|UTC|GMT|CET|EST|PST)\b"
    ),
    # a day of the month said alone as the correction ('every first of the month — no, the second, …'): an ordinal,
    # then the correction's end, a reason or 'of the month'
    "monthday": re.compile(
        r"\b(?:the\s+)?(?:"
        + _ORDINAL
        + r")(?=\s*(?:[,;.!?—–]|\s-\s|$|one\b|of\s+(?:the|each|every)\s+month\b))",
        re.I,
    ),
}
# the day of the month a schedule said before ('every 15th of the month', 'monthly on the first')
_OLD_MONTHDAY = re.compile(
    r"\b(?:" + _ORDINAL + r")(?=\s+(?:(?:working|business|week)\s*day\s+)?of\s+(?:the|each|every)\s+month\b)|"
    r"\bmonth(?:ly)?,?\s+on\s+the\s+(?P<day>" + _ORDINAL + r")\b",
    re.I,
)
# the same kind said before: a schedule's days (also 'every day', 'daily'), a threshold after a comparison
_OLD_DAYS = re.compile(
    r"\b(?:every|each|on)\s+(?:"
    + _DAY
    + r"(?:\s*(?:,|and|&|or)\s*"
    + _DAY
    + r")*|day|weekday|week\s*day|\d+\s+days|other\s+(?:\w+)?day)\b|"
    r"\b(?:daily|week\s*days|" + _DAY + r")\b",
    re.I,
)
_NUMERIC = ("interval", "time", "amount")


@dataclass
class _Value:
    kind: str
    start: int
    end: int
    text: str


# 'forget the weekend thing', 'never mind the business hours part', 'scratch that rule about refunds'
_FORGET = re.compile(
    r"\b(?:forget|never\s*mind|scratch|drop|ignore|skip)\s+(?:about\s+)?(?:the|that)\s+"
    r"(?:(?P<x>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:thing|part|bit|idea|rule|requirement|restriction|condition)\b|"
    r"(?:thing|part|bit|idea|rule|requirement|restriction|condition)\s+about\s+(?P<y>[a-z][\w-]*(?:\s+[a-z][\w-]*)?))",
    re.I,
)


def _forgotten(text: str) -> str:
    """'Oh — and don't send the email on weekends. Hmm, that's hard; forget the weekend thing.': a short sentence the
    writer takes back by a word of it (not a service's name: a step taken back is the steps' reading) goes, with the
    sentence that takes it back."""
    from lib.generation.lexicon import integrations_in

    for found in _FORGET.finditer(text):
        words = (found.group("x") or found.group("y")).lower()
        if integrations_in(words):
            continue
        start = _sentence_start(text, found.start())
        end_m = _SENTENCE_END.search(text, found.end())
        end = end_m.end() if end_m else len(text)
        stem = re.escape(words.rstrip("s"))
        earlier = [
            (m.start(), m.end())
            for m in re.finditer(r"[^.!?\n]+[.!?]?", text[:start])
            if re.search(r"\b" + stem, m.group(0), re.I) and len(m.group(0).split()) <= 14
        ]
        if not earlier:
            continue
        a, b = earlier[-1]
        if text[b:start].strip():
            continue  # only the sentence right before it
        return (text[:a].rstrip() + " " + text[end:].lstrip()).strip()
    return text


def corrected_values(text: str) -> str:
    """`text` with each corrected value put in place of the one it corrects, and the correction taken out."""
    return one_at_a_time(_one_correction, _said_plainly(_forgotten(text)), 6)  # one at a time, from the first


_CLOCK = r"(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2})"
_ONE_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# 'Monday is better than Friday', '9am would be better than 7': the value preferred to one said before
_PREFERRED = re.compile(
    r"(?:^|(?<=[.!?\n]))(?P<lead>[ \t]*)(?P<new>"
    + _ONE_DAY
    + r"s?|"
    + _CLOCK
    + r")\s+(?:is|would\s+be|'d\s+be|works|"
    r"would\s+work|suits\s+us)\s+(?:much\s+|a\s+lot\s+|way\s+)?better\s+than\s+(?:on\s+)?(?P<old>"
    + _ONE_DAY
    + r"s?|"
    + _CLOCK
    + r"|\d{1,2})\b",
    re.I,
)
# '9am Eastern.', 'At 7:30.': a sentence that is only a clock time (and its zone), said after a time
_BARE_TIME = re.compile(
    r"(?:^|(?<=[.!?\n]))(?P<lead>[ \t]*)(?:at\s+)?(?P<clock>" + _CLOCK + r")(?:\s+(?P<zone>[A-Z][A-Za-z]+))?"
    r"(?:\s+time)?\s*(?:[.!]|(?=\n)|$)",
    re.I,
)


def _said_plainly(text: str) -> str:
    """A reply that changes a value without a correcting word: 'Monday is better than Friday' → 'Make it Monday not
    Friday'; a sentence that is only a clock time after a schedule's time ('… every Friday at 4pm … 9am Eastern.') →
    'Make it 9am Eastern time.', so the correction reads it as any other."""
    text = _PREFERRED.sub(lambda m: f"{m.group('lead')}Make it {m.group('new')} not {m.group('old')}", text)

    def bare(m: re.Match[str]) -> str:
        if not _KINDS["time"].search(text[: m.start()]):
            return m.group(0)  # nothing said before it to change
        zone = m.group("zone")
        if zone and zone.lower() not in _zone_words():
            return m.group(0)
        said = f"{m.group('lead')}Make it {m.group('clock')}" + (f" {zone} time" if zone else "")
        return said + ("." if m.group(0).rstrip().endswith((".", "!")) else "")

    return _BARE_TIME.sub(bare, text)


def _zone_words() -> set[str]:
    from lib.generation.lexicon import lexicon

    return set(lexicon()["timezones"])


def _one_correction(text: str) -> str | None:
    for mark in _MARK.finditer(text):
        if not mark.group("words") or not _TAKES_BACK.search(mark.group("words")):
            continue
        lead = mark.group("lead")
        if lead.startswith(",") and not re.search(
            r"\b(?:actually|no|nope|wait|sorry|i mean|make|rather|or rather)\b", mark.group("words"), re.I
        ):
            continue  # ', well,' / ', just' after a comma: too weak to take a value back
        if not lead.strip() and text[: mark.start() + len(lead)].rstrip().endswith("?"):
            continue  # 'in our Telegram channel? no wait Slack #orders': `lexicon.without_retractions`'s
        if (
            re.search(r"\b(?:no|nope)$", mark.group("words").rstrip(), re.I)
            and mark.group("words")[-1:].isspace()
        ):
            continue  # 'no Slack DM please', 'no email': a ban, not a correction ('no, Outlook' is one)
        sentence = _sentence_start(text, mark.start() + (0 if lead.strip() else len(lead)))
        if re.fullmatch(r"\s*(?:just|only)\s*", mark.group("words"), re.I) and re.search(
            r"\b(?:don['’]?t|do\s+not|never|no\s+need\s+to)\b", text[sentence : mark.start()], re.I
        ):
            continue  # "don't post it on Teams at all - just email the summary …": a ban, then what is done instead
        body_start = mark.end()
        end_m = _SENTENCE_END.search(text, body_start)
        end = end_m.start() if end_m else len(text)
        # inside dashes ('at 8 — hmm, that's a lot, make it every 30 — pull …'): the aside between them goes
        opening = [d for d in _CLAUSE_DASH.finditer(text, sentence, mark.end()) if d.start() <= mark.start()]
        dash = opening[-1] if opening and len(text[opening[-1].end() : mark.start()].split()) <= 6 else None
        closing = _CLAUSE_DASH.search(text, body_start, end)
        # a service the correction opens on ('— oh no, per Outlook, …') before any value it says; a service after an
        # ellipsis is `lexicon.without_retractions`'s
        if not re.search(r"…|\.\.", lead):
            swapped = _service_swap(
                text, mark.start(), body_start, closing.start() if closing else end, end_m
            )
            if swapped is not None:
                return swapped
        values = _new_values(text, body_start, closing.start() if closing else end)
        if not values:
            continue
        if dash and any(_KINDS[v.kind].search(text, dash.end(), mark.start()) for v in values):
            dash = None  # '— every morning at 6, no wait, make it 5:30, …': the value corrected is inside, no aside
        restated = _restated(text, sentence, mark.start())
        if restated is not None or not text[sentence : mark.start()].strip(" ,"):
            start = (
                sentence  # 'Actually no, #revenue-ops, sales is too noisy.', 'Hmm, 10k — make that S$15,000.'
            )
            end = end_m.end() if end_m and text[end_m.start()] in ".!?" else end
        else:
            start = dash.start() if dash else mark.start()
            if closing and dash:
                end = closing.end()  # '… at 8 — no, 9:30 — pull …': both dashes go
            else:
                end = _reason_end(text, values[-1].end, end)
        out = _replaced(text, start, end, values, restated)
        if out is not None:
            return out
    return None


_WAY = r"[\s,–—-]*(?:(?:just|rather|instead)\s+)?(?:send|post|put|deliver|share|forward)\s+(?:it|them|that|this)\s+"
_PREP = r"(?:in|into|to|on|via|per|through|by|with|using|from)"
_OWN = r"(?:an?|the|our|my)"
_NOT_SERVICE = re.compile(r"\s*not\s+(?:" + _PREP + r"\s+)?(?:" + _OWN + r"\s+)?", re.I)
# a reason after the new place ('…, we switched to Microsoft instead', ', nobody reads it')
_REASON = re.compile(
    r",\s*(?=(?:we|i|they|it'?s|that'?s|this|nobody|everyone|people|since|because|as|sales|it)\b)|\s+[—–]\s*|\s*[;:]"
    r"|\s+(?:is|are|works?|would\s+be|will\s+do)\s+(?:fine|ok|okay|better|enough|easier|good)\b"
    r"|,\s*(?=(?:the\s+|our\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:uses?|lives?|prefers?|reads?|works?|needs?|wants?)\b)",
    re.I,
)


def _phrases(key: str) -> list[str]:
    """The phrases that name the service `key` (lexicon.json integrations)."""
    from lib.generation.lexicon import lexicon

    return [p.strip() for p in lexicon()["integrations"].get(key, {}).get("phrases", []) if p.strip()] or [
        key
    ]


def _service_swap(text: str, cut: int, start: int, end: int, end_m: re.Match[str] | None) -> str | None:
    """'a confirmation per Gmail – oh no, per Outlook, we switched to Microsoft', 'in a Notion page « Churn ». Hmm,
    actually rather in Airtable, table « Churn ».', '… in Slack the channel #x. No wait, not Slack – we use Teams, the
    channel 'X'.': the place the correction names (a service, with what it says of it) replaces the phrase that named
    the service before."""
    from lib.generation.corrections import swapped_channel
    from lib.generation.lexicon import integrations_in

    if swapped_channel(text[start:end].strip()):
        return (
            None  # 'make that a text message instead of an email': the channel of a message, `corrections`'s
        )
    negated = _NOT_SERVICE.match(text, start)
    if negated:  # 'not Slack – we use Teams, …': the place said after the dash is the new one
        negated = _NOT_SERVICE.match(text[start:])
        end = end_m.start() if end_m else len(text)
    said_not = negated.end() if negated else 0
    body = text[start:end]
    named = [
        (at - 1, key) for at, key in integrations_in(body)
    ]  # (its positions count a space before the text)
    if not named:
        return None
    taken: str | None = None
    if negated and named[0][0] <= said_not + 1:
        taken = named[0][1]  # 'not Slack – we use Teams …': the one taken back is said
        named = [n for n in named if n[1] != taken]
        if not named:
            # 'not Slack — send it by email to drift@…': the way said instead takes the place of the service's
            way = re.match(
                _WAY + r"(?=(?:by|via|over|through)\s)",
                body[said_not + _phrase_len(body, said_not, taken) :],
                re.I,
            )
            if way is None:
                return None
            at = start + said_not + _phrase_len(body, said_not, taken) + way.end()
            reason = _REASON.search(text, at, end)
            return _put_in_place(
                text, cut, end, end_m, taken, None, text[at : reason.start() if reason else end].strip()
            )
    lead = re.match(
        r"\s*(?:(?:but|rather|instead|actually|just)\s+)*(?:(?:" + _PREP + r")\s+)?(?:" + _OWN + r"\s+)?",
        body[(said_not if taken else 0) :],
        re.I,
    )
    first = named[0][0]
    if taken is None and lead is not None and first > lead.end() + 1:
        return None  # the service is not what the correction opens on
    new_key = named[0][1]
    new_start = start + first
    if taken is not None:
        gap_at = said_not + _phrase_len(body, said_not, taken)
        gap = body[gap_at:first]
        way = re.fullmatch(_WAY + r"((?:by|via|over|through)\s+(?:an?\s+)?)", gap, re.I)
        if way:  # 'not Slack — send it by email to …': the new way, from its preposition
            new_start = start + gap_at + way.start(1)
        elif not re.fullmatch(
            # ('not Discord, sorry, the Telegram channel': a word that owns the slip before the new place)
            r"[\s,–—-]*(?:we|i)\s+(?:use|want|prefer|need)\s+|[\s,–—-]*(?:(?:sorry|oops|whoops|i\s+mean[t]?|rather|"
            r"make\s+(?:it|that)|um+|uh+|er+)[\s,–—-]+)*(?:" + _PREP + r"\s+)?(?:" + _OWN + r"\s+)?",
            gap,
            re.I,
        ):
            return None
    prep = (
        re.match(r"\s*(?:(?:but|rather|instead|actually|just)\s+)*(" + _PREP + r")\s+", body, re.I)
        if taken is None
        else None
    )
    reason = _REASON.search(text, start + first, end)
    new_end = reason.start() if reason else end
    new_phrase = text[(start + prep.start(1)) if prep else new_start : new_end].strip()
    prep = prep or re.match(_PREP + r"\s", new_phrase, re.I)
    # 'the Telegram channel, the public one, @bijou' → 'the Telegram channel @bijou': an aside on which one
    new_phrase = re.sub(
        r",\s*(?:the|our)\s+(?:[a-z]+\s+){0,2}?one\s*,\s*(?=[@#'\"“«])", " ", new_phrase, flags=re.I
    )
    if taken is not None:
        # ('… @bijoupicturehouse on Discord': the service taken back, said again of the new place's handle)
        new_phrase = re.sub(
            r"\s+(?:on|in|via)\s+(?:" + "|".join(map(re.escape, _phrases(taken))) + r")\s*$",
            "",
            new_phrase,
            flags=re.I,
        )
    # 'Teams, the channel 'Ekonomi'', 'Airtable, table « Churn »' → 'the Teams channel 'Ekonomi'': one place
    new_phrase = re.sub(
        r"^((?:"
        + _PREP
        + r"\s+)?)(?:"
        + _OWN
        + r"\s+)?(\S+(?:\s\S+)?)\s*,\s*(?:the\s+|its\s+)?([a-z]+)\s+(?=['\"“«#])",
        r"\1the \2 \3 ",
        new_phrase,
        flags=re.I,
    )
    if any(key == new_key for at, key in integrations_in(text[:cut])):
        return None  # '— no, Linear is enough, skip Jira': the service named again is one already there
    return _put_in_place(
        text, cut, end, end_m, taken, new_key, new_phrase, bool(prep), new_end, reason is not None
    )


def _put_in_place(
    text: str,
    cut: int,
    end: int,
    end_m: re.Match[str] | None,
    taken: str | None,
    new_key: str | None,
    new_phrase: str,
    prep: bool = True,
    new_end: int | None = None,
    reasoned: bool = False,
) -> str | None:
    """The phrase that named the service taken back (or the last service named before, other than the new one)
    replaced by `new_phrase`, and the correction (from `cut`) taken out."""
    from lib.generation.lexicon import integrations_in

    new_end = end if new_end is None else new_end
    sentence = _sentence_start(text, cut)
    previous = _sentence_start(text, max(0, sentence - 1)) if sentence > 0 else 0
    window = text[previous:cut]
    old = [
        (previous + at, key)
        for at, key in integrations_in(window)
        if key != new_key and (taken is None or key == taken)
    ]
    if not old:
        return None
    key = old[-1][1]
    last = _last_mention(text, previous, cut, key)
    if last is None:
        return None
    a, b = last
    before = re.search(r"\b(" + _PREP + r")\s+(?:" + _OWN + r"\s+)?$", text[previous:a], re.I)
    if before:
        a = previous + before.start()
    bare = (
        new_key is not None
        and len(re.sub(r"^(?:" + _PREP + r"\s+)?(?:" + _OWN + r"\s+)?", "", new_phrase, flags=re.I).split())
        <= 2
    )
    if not bare:  # 'the Airtable table « Churn »': the new place, with what it says, for the whole old one
        stop = re.compile(r"[.;!?](?=\s|$)|,\s*(?:and|then|also)\b|\s+(?:and|then)\s+|\s+[—–]\s*|\n")
        finish = stop.search(text, b, cut + 1)
        b = finish.start() if finish else cut
    else:  # 'a Linear issue — no, Jira': only the service's name changes ('a Jira issue')
        new_phrase = re.sub(r"^(?:" + _PREP + r"\s+)?(?:" + _OWN + r"\s+)?", "", new_phrase, flags=re.I)
        before = None
    if before and not prep and not re.match(_PREP + r"\s", new_phrase, re.I):
        new_phrase = before.group(1) + " " + new_phrase
    # what the correction said goes: to its sentence's end when it opens a sentence, else to its end
    if not text[sentence:cut].strip(" ,"):
        out_end = end_m.end() if end_m and text[end_m.start()] in ".!?" else end
        cut_from = sentence
    else:
        cut_from = cut
        closing = _CLAUSE_DASH.match(text, end)
        out_end = (
            closing.end()
            if closing
            else (end_m.start() if end_m else len(text))
            if reasoned
            else _reason_end(text, new_end, end)
        )
    out = text[:cut_from].rstrip() + " " + text[out_end:].lstrip()
    out = out[:a] + new_phrase + out[b:]
    return re.sub(r"[ \t]+([,.])", r"\1", re.sub(r"[ \t]{2,}", " ", out))


def _phrase_len(text: str, at: int, key: str) -> int:
    from lib.generation.lexicon import lexicon

    for phrase in sorted(lexicon()["integrations"][key]["phrases"], key=len, reverse=True):
        if text[at : at + len(phrase.strip())].lower() == phrase.strip().lower():
            return len(phrase.strip())
    return 0


def _last_mention(text: str, start: int, end: int, key: str) -> tuple[int, int] | None:
    from lib.generation.lexicon import lexicon

    found = [
        m.span()
        for phrase in lexicon()["integrations"][key]["phrases"]
        for m in re.finditer(
            r"(?<![\w#@/.-])" + re.escape(phrase.strip()) + r"(?![\w@/-])", text[start:end], re.I
        )
    ]
    if not found:
        return None
    a, b = max(found, key=lambda span: (span[0], span[1]))
    a = min(x for x, y in found if x <= a < y or x == a)  # 'Google Sheet' rather than its 'Sheet'
    b = max(y for x, y in found if x == a or a <= x < b)
    return start + a, start + b


def _sentence_start(text: str, at: int) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    start = ends[-1] if ends else 0
    return start + len(text[start:at]) - len(text[start:at].lstrip())


def _reason_end(text: str, at: int, end: int) -> int:
    """Where a correction said inside a sentence ends: after its values and 'instead', and after a short reason
    ('…, nobody reads jobs@'); not over the next step ('…, 8) finally update …', '…, then …')."""
    instead = re.match(r"\s*(?:instead|then|please)\b", text[at:end], re.I)
    at += instead.end() if instead else 0
    rest = text[at:end]
    from lib.generation.triggers import _IMPERATIVE

    if _IMPERATIVE.match(" " + re.sub(r"^\s*,\s*(?:(?:and|then)\s+)?", "", rest), 1):
        return at  # '…, 5:30, read the water temps …': the next step, not a reason
    if (
        re.match(r"\s*,", rest)
        and len(rest.split()) <= 8
        and not re.search(
            r"\d\)|\b\d{1,2}[.)]\s|\b(?:then|also|and|if|when|for each|after|before)\b", rest, re.I
        )
    ):
        return end
    return at


def _restated(text: str, start: int, cut: int) -> _Value | None:
    """'Hmm, 10k — make that S$15,000.': the old value said again before the correction, in a sentence of its own."""
    head = text[start:cut]
    for kind in ("amount", "time", "channel", "email", "subreddit"):
        for m in _KINDS[kind].finditer(head):
            rest = _HESITATE_ONLY.sub("", head[: m.start()] + " " + head[m.end() :])
            if not rest.strip(" ,.!?—–-"):
                return _Value(kind, start + m.start(), start + m.end(), m.group(0))
    return None


_HESITATE_ONLY = re.compile(r"\b" + _HESITATE + r"\b|\b(?:i said|you said|the|threshold|limit)\b", re.I)


def _new_values(text: str, start: int, end: int) -> list[_Value]:
    """The values a correction says, from its first one until a reason begins ('10, rate limits', '#ops, sales is too
    noisy'); a clause before them that only comments ('that's a lot, make it every 30') is skipped."""
    body = text[start:end]
    found: list[_Value] = []
    for kind, pattern in _KINDS.items():
        for m in pattern.finditer(body):
            if (
                kind == "amount"
                and re.fullmatch(r"\d{1,2}", m.group(0))
                and re.search(r"(?:every|at)\s+$", body[: m.start()], re.I)
            ):
                continue
            found.append(_Value(kind, start + m.start(), start + m.end(), m.group(0)))
    if not found:
        return []
    found.sort(key=lambda v: (v.start, -(v.end - v.start)))
    kept: list[_Value] = []
    at = start
    for value in found:
        if kept and value.start < kept[-1].end:
            continue  # inside a value already kept ('every 30' holds '30')
        between = text[at : value.start]
        if kept and re.fullmatch(r"\s*,?\s*(?:not|instead\s+of|rather\s+than)\s+(?:the\s+)?", between, re.I):
            break  # 'make it 8am not 7', '7pm instead of 6pm': the value it replaces, named, no new value
        if kept and re.fullmatch(r"\s*,\s*", between) and _said_again(kept[-1], value):
            # 'make it half five, 5:30, Vancouver time': the same value said again, and the zone it is in
            if value.kind == "zone":
                kept.append(value)
            else:
                kept[-1] = _Value(kept[-1].kind, kept[-1].start, value.end, kept[-1].text)
            at = value.end
            continue
        if kept and re.search(
            r",(?!\s*(?:and|also|then|make|actually|no|just|only|at|on|in)\b)|[—–;:]", between
        ):
            break  # a reason after the values
        if not kept and "," in between:
            # 'that's a lot, make it every 30': only what follows the last correcting word counts
            if not _TAKES_BACK.search(between.rsplit(",", 1)[1]) and not re.fullmatch(
                r"[\s,]*", between.rsplit(",", 1)[1]
            ):
                return []
        if not kept and len(between.split()) > 6:
            return []  # a new sentence of its own, not a correction of a value
        if not kept and re.search(r"\b(?:don'?t|do not|not|never|no longer|without|skip)\b", between, re.I):
            return []  # 'actually don't reply in #support': a step taken back, not a value
        if (
            not kept
            and len(between.split()) > 2
            and re.search(
                r"\b(?:(?:more|less|fewer|greater|higher|lower|older|longer|bigger|larger|smaller)\s+than|over|above|"
                r"under|below|exceed(?:s|ing)?|at\s+least)\s*$",
                between,
                re.I,
            )
        ):
            return []  # 'Only flag overspend of more than 10%': a test of the items, not a corrected threshold
        if not kept and re.match(r"\s*for\b", between, re.I):
            return []  # 'Only for UK customers', 'just for US orders': which items, not a corrected value
        if value.kind == "days" and re.match(
            r"(?:['’]s)?\s+(?!(?:mornings|evenings|afternoons|nights|instead|please|thanks)\b)[a-z]{3,}s\b",
            text[value.end : end],
            re.I,
        ):
            continue  # '- Only Saturday and Sunday rows count', 'just Friday's orders': which items, not the run's days
        kept.append(value)
        at = value.end
    return kept


def _clock_minutes(said: str) -> int | None:
    """'5:30', 'at 9pm', '21:00' → minutes after midnight (None for what is no clock time)."""
    m = re.search(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", said, re.I)
    if m is None or not (m.group(2) or m.group(3)):
        return None
    hour, minute = int(m.group(1)) % 12 if m.group(3) else int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) and m.group(3).lower().startswith("p"):
        hour += 12
    return hour * 60 + minute


def _said_again(last: _Value, value: _Value) -> bool:
    """A value right after a corrected one that only says it again ('half five, 5:30', '9pm, 21:00') or says the zone
    of a time ('6:15, Chicago time')."""
    if value.kind == "zone":
        return last.kind == "time"
    if value.kind in ("time", "amount") and last.kind == "time":
        said = _clock_minutes(value.text)
        return said is not None and said == _clock_minutes(last.text)
    return value.kind == last.kind and _same(last.text, value.text)


def _replaced(text: str, start: int, end: int, values: list[_Value], restated: _Value | None) -> str | None:
    edits: list[tuple[int, int, str]] = []
    leftover: list[str] = []
    before = text[:start]
    for value in values:
        kind = value.kind
        new = value.text
        if restated is not None and kind == "amount" and restated.kind != "amount":
            kind = restated.kind
        counted = re.match(r"\s+([a-z]{3,})\b", text[value.end :], re.I) if kind == "amount" else None
        if counted and not re.search(r"\b\d[\d,.]*\s+" + re.escape(counted.group(1)) + r"\b", before, re.I):
            counted = None
        word = re.match(r"\s+([a-z]+)", text[value.end :], re.I)
        # a bare number is whatever numeric kind was said last before the correction ('Every 5 min — no, 10')
        if kind == "amount" and re.fullmatch(r"\d+", new.strip()) and restated is None and not counted:
            if word and re.fullmatch(_INTERVAL_UNIT, word.group(1), re.I):
                kind, new = "interval", f"every {new} {word.group(1)}"  # 'no, 10 minutes'
            elif word and not re.fullmatch(
                r"instead|then|please|only|and|or|is|would|will|should", word.group(1), re.I
            ):
                return None  # '… from the last 24 hours': a number of something else, no value said again
            else:
                kind = _last_numeric(before) or kind
            if kind == "interval":
                new = "every " + new
            elif kind == "time":
                new = "at " + new
        if (
            kind == "time"
            and not re.search(r"am|pm|a\.m\.|p\.m\.|\d:[0-5]\d\s*h|\b(?:1[3-9]|2\d):", new, re.I)
            and re.match(r"\s*(?:in\s+the\s+(?:evening|afternoon))\b", text[value.end :], re.I)
        ):
            new += "pm"  # '— sorry, quarter past six in the evening —': the part of the day said after the new clock
        old = _old_value(
            before, kind, restated.text if restated else None, counted.group(1) if counted else None
        )
        if old is None:
            if kind == "monthday":
                continue  # ('— no, the second one': no day of the month said before, no day corrected)
            if kind in ("days", "zone"):
                leftover.append(new)
                continue
            return None
        said = text[old[0] : old[1]]
        clause = re.split(r"[.;:!?,—–\n]|\b(?:and|but|then)\b", text[: old[0]])[-1]
        if re.search(r"\b(?:don'?t|do not|never|not|no|except|excluding|without|skip)\b", clause, re.I):
            return None  # 'don't message anyone on Sundays — actually …': what is ruled out is no value to replace
        if (
            kind == "time"
            and not re.search(r"[:h]|am|pm|quarter|half", new, re.I)
            and int(re.sub(r"\D", "", new) or 99) > 24
        ):
            return None
        if _same(said, new):
            return None  # said again as it was: nothing to replace
        if any(a < old[1] and old[0] < b for a, b, _ in edits):
            continue  # one new value for one old one
        edits.append((old[0], old[1], _cased(said, _merged(kind, said, new))))
    if not edits and not leftover:
        return None
    filler = (", " + ", ".join(leftover) + ", ") if leftover else " "
    if text[end - 1 : end] in ".!?" and leftover:
        filler = " " + ", ".join(leftover) + ". "
    out = text[:start] + filler + text[end:].lstrip() if start > 0 else filler.strip(", ") + text[end:]
    for a, b, new in sorted(edits, reverse=True):
        out = out[:a] + new + out[b:]
    out = re.sub(r",[ \t]*(?=[—–])", " ", out)  # '…, Chicago time, — pull': the dash ends the clause
    return re.sub(r"[ \t]+([,.])", r"\1", re.sub(r"[ \t]{2,}", " ", out)).replace(",,", ",")


def _same(old: str, new: str) -> bool:
    digits = [re.sub(r"\D", "", x) for x in (old, new)]
    return old.strip().lower() == new.strip().lower() or (
        digits[0] != "" and digits[0] == digits[1] and not re.search(r"[:.]", old + new)
    )


def _cased(old: str, new: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() and new[:1].islower() else new


def _number(text: str) -> float | None:
    found = re.search(r"(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s*(k\b)?", text, re.I)
    if not found:
        return None
    n = float(re.sub(r"[,.](?=\d{3}\b)", "", found.group(1)))
    return n * 1000 if found.group(2) else n


def _last_numeric(before: str) -> str | None:
    best: tuple[int, str] | None = None
    for kind in _NUMERIC:
        for m in _KINDS[kind].finditer(before):
            if kind == "interval" and not m.group("n"):
                continue
            if best is None or m.end() >= best[0]:
                best = (m.end(), kind)
    return best[1] if best else None


def _old_value(before: str, kind: str, restated: str | None, counted: str | None) -> tuple[int, int] | None:
    """Where the value of `kind` said last before the correction is (the one said again, when it was: 'Hmm, 10k — make
    that S$15,000'; a list of them, for a correction that keeps one: 'r/homelab and r/selfhosted — just
    r/selfhosted'). A value only asked about ('Hmm, maybe 15%?') is none."""
    pattern = _OLD_DAYS if kind == "days" else _OLD_MONTHDAY if kind == "monthday" else _KINDS[kind]
    asked = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]*\?", before)]
    found = [m for m in pattern.finditer(before) if not any(a <= m.start() < b for a, b in asked)]
    if kind == "amount":  # a threshold: a number after a comparison, or with a currency, a 'k' or a '%'
        found = [
            m
            for m in found
            if re.search(r"[$€£%k]|[A-Z]{3}|\d{4}|,\d{3}", m.group(0), re.I)
            or re.search(
                r"\b(?:over|above|under|below|than|exceeds?|least|most|beyond|past|hits?|reaches?)\s+$|[<>]=?\s*$",
                before[: m.start()],
                re.I,
            )
        ]
        found = [m for m in found if not re.search(r"(?:every|at)\s+$", before[: m.start()], re.I)]
    if kind == "interval":
        found = [m for m in found if m.group("n") or m.group("one")]
    if restated is not None:
        said = _number(restated)
        again = [m for m in found if said is not None and _number(m.group(0)) == said]
        found = again or found
    if counted:  # 'No wait, make that 45 days': the number said with the same noun ('more than 60 days')
        same = [m for m in found if re.match(r"\s+" + re.escape(counted) + r"\b", before[m.end() :], re.I)]
        found = same or found
    if not found:
        return None
    last = found[-1]
    a, b = last.span("day") if kind == "monthday" and last.group("day") else last.span()
    if kind in ("channel", "subreddit", "email"):
        # the list the last one ends ('r/homelab and r/selfhosted'), when the new value is one of it
        while True:
            prev = [
                m
                for m in found
                if m.end() <= a and re.fullmatch(r"\s*(?:,|and|or|&|,\s*and)\s*", before[m.end() : a])
            ]
            if not prev:
                break
            a = prev[-1].start()
    return a, b


def _merged(kind: str, old: str, new: str) -> str:
    """The new value written where the old one stood, with what the old one said and the new one leaves out ('every
    15 minutes' → 'every 30' is 'every 30 minutes'; 'at 5pm' → '5:30' is 'at 5:30pm'; 'over $500' → '750' is 'over
    $750')."""
    new = re.sub(r"\s+only$", "", new.strip(), flags=re.I)
    if kind == "interval":
        unit = re.search(_INTERVAL_UNIT, old, re.I)
        if not re.match(r"every\b", new, re.I):
            new = "every " + new
        if unit and not re.search(_INTERVAL_UNIT, new[6:], re.I) and re.search(r"\d", new):
            new = f"{new} {unit.group(0)}"
        return new
    if kind == "time":
        at = re.match(r"(?:at|@)\s+", old, re.I)
        new = re.sub(r"^(?:at|@)\s+", "", new, flags=re.I)
        ampm = re.search(r"(am|pm|a\.m\.|p\.m\.)", old, re.I)
        if ampm and not re.search(r"am|pm|a\.m\.|p\.m\.", new, re.I) and re.match(r"\d", new):
            new += ampm.group(1)
        return (at.group(0) if at else "at ") + new
    if kind == "amount":
        currency = re.match(r"\s*(" + _CUR + r")", old, re.I)
        if currency and not re.search(r"[$€£]|[A-Z]{3}", new):
            new = currency.group(1) + new
        unit = re.search(r"%|percent", old)
        if unit and not re.search(r"%|percent", new):
            new += unit.group(0)
        return new
    if kind == "phone":  # '+34 600 …' → 'the number in column D': each one's own number, from the data
        held = re.match(r"(?:the|their|its|his|her)\s+(?:phone\s+)?number\s+(?:in|from)\s+(.+)", new, re.I)
        return f"them (their number is in {held.group(1)})" if held else new
    if kind == "monthday":  # 'first' → 'the second' is '2nd' ('every 2nd of the month', never 'every second')
        word = re.sub(r"^the\s+", "", new, flags=re.I).lower()
        day = _ORDINAL_WORDS.get(word)
        if day is None:
            return word
        return (
            "last"
            if day == 0
            else f"{day}{'th' if 10 <= day <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"
        )
    if kind == "days":
        if re.match(r"(?:every|each)\b", old, re.I):  # 'every Monday' → 'Fridays' is 'every Friday'
            return "every " + re.sub(r"\b(\w+day)s\b", r"\1", new, flags=re.I)
        return new
    return new
