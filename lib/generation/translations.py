"""Descriptions in other languages (French, German, Spanish, Portuguese, Italian, Dutch, Polish, the Nordic
languages, Czech, Finnish, Turkish) read through a phrase table (`translations.json`) into the English the
planner understands: data, not per-language code (a language's word order, case endings and clock-time words
are data too, in `_grammar`). Names, addresses, channels, URLs and
quoted text are kept as written."""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.generation import rx as re

_FILE = Path(__file__).with_name("translations.json")
_HERE = Path(__file__).parent
_BLOCKS = _HERE.parent / "sim" / "blocks"
# what a reader keeps as written: quoted text, addresses, URLs, channels, paths ('acme/web')
_OWN = re.compile(
    r"\"[^\"]*\"|“[^”]*”|„[^“”\"\n]*[“”\"]|”[^”\n]*”|«[^»]*»|「[^」]*」|(?<![\w'’])'[^'\n]*'(?![\w'’])|\S+@\S+|https?://\S+|#[\w-]+"
    r"|\S*/\S+"
    r"|(?<![\w#@/.'’-])[A-Z]{2,}[A-Z0-9]*(?![\w@/'’-])"  # a name in capitals ('PLAT', 'NBP'), kept as written
)
# above this share of words the planner has never met, a translation is not read but refused
UNREAD_SHARE = 0.4
_KEEP = r"(?<![\w#@/.'’-])"  # not inside an address, a channel, a URL or a word
_END = r"(?![\w@/-]|\.\w)"  # (nor the first part of a dotted name: 'padaria.aveiro@…')


def _calendar(language: str, data: dict[str, Any]) -> dict[str, str]:
    """The phrases a language says the days of a schedule with (`_calendar` in `_grammar`): each lead before each
    form of a day ('todas as segundas-feiras' → 'every monday'), before a working day ('tous les jours ouvrés' →
    'every weekday'), each range ('du lundi au vendredi' → 'on weekdays'). Each form of a day alone is the day."""
    said = data.get("_grammar", {}).get("_calendar", {}).get(language, {})
    phrases: dict[str, str] = {}
    for day, forms in said.get("days", {}).items():
        for form in forms:
            phrases[form] = day
            for lead in said.get("every", []):
                phrases[f"{lead} {form}"] = f"every {day}"
    for form in said.get("workdays", []):
        phrases[form] = "weekdays"
        for lead in said.get("every", []):
            phrases[f"{lead} {form}"] = "every weekday"
    phrases |= dict.fromkeys(said.get("ranges", []), "on weekdays")
    return phrases


@lru_cache(maxsize=1)
def _phrases() -> dict[str, dict[str, str]]:
    """Per language its phrase table, the days of its calendar added (a phrase the table writes itself wins)."""
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    return {lang: _calendar(lang, data) | table for lang, table in data.items() if not lang.startswith("_")}


@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """Per language one pattern of every phrase (longest first) and the English of each: one pass, so an
    English word a phrase became is never read again as another phrase ('un' → 'a', not then 'a' → 'to')."""
    return {
        lang: (
            re.compile(
                _KEEP
                + "(?:"
                + "|".join(re.escape(src) for src in sorted(table, key=lambda k: -len(k)))
                + ")"
                + _END,
                re.I,
            ),
            {src.lower(): dst for src, dst in table.items()},
        )
        for lang, table in _phrases().items()
    }


@lru_cache(maxsize=32)
def _hyphenated(language: str) -> frozenset[str]:
    """The first words of a language's phrases written with a hyphen ('could-you' → kept whole)."""
    table = _phrases().get(language, {})
    return frozenset(k.split()[0].lower() for k in table if "-" in k.split()[0])


@lru_cache(maxsize=32)
def _capitals(language: str) -> frozenset[str]:
    """The phrases a language's table writes in capitals: an abbreviation to translate, not a name."""
    table = json.loads(_FILE.read_text(encoding="utf-8")).get(language, {})
    return frozenset(k for k in table if k.isupper())


@lru_cache(maxsize=1)
def _grammar() -> dict[str, Any]:
    return dict(json.loads(_FILE.read_text(encoding="utf-8")).get("_grammar", {}))


# not a clock's colon nor a URL's
_CLAUSE_CUT = re.compile(r"(\s*(?:[,;]|:(?!\d|//)|\.(?=\s|$)|\n)\s*|\s+(?:and|then)\s+)")
# ('jedem Mitglied eine Erinnerung schicken' → 'send each member a reminder': 'each'/'every' before a noun, not before a
# time — 'every monday at 8:00' is when, not what)
_DETERMINER = re.compile(
    r"\b(?:the|a|an|our|my|all|your|their|its|(?:each|every)(?!\s+(?:\d|other\b|(?:day|week|month|hour|minute|year|"
    r"quarter|morning|afternoon|evening|night|weekday|weekend|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)s?\b)))\b",
    re.I,
)
_TAIL = {"with", "to", "via", "for"}
_SOMEONE = {"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody"}
_PREPOSITION = {"in", "into", "to", "on", "from", "for", "at", "by", "per", "with", "of", "via", "about"}


def _verb_first(clause: str, verbs: set[str], front: bool = False) -> str:
    """'every monday at 8:00 the open tickets from Jira read' → 'every monday at 8:00 read the open tickets
    from Jira': a clause that ends in its verb (German infinitive order) gets it before its object; in a
    language whose every clause ends in its verb (`verb_front`: Turkish), at the clause's start."""
    # 'could you … the summary by email send?': the question mark stays last
    asked = re.search(r"\s*[?!]+\s*$", clause)
    if asked and clause[: asked.start()].strip():
        return _verb_first(clause[: asked.start()], verbs, front) + clause[asked.start() :]
    # ('… im Web nach Insolvenz suchen und, falls …': the 'and' before a comma closes the clause after its verb)
    joined = re.search(r"\s+(?:and|then)\s*$", clause)
    if joined and clause[: joined.start()].strip():
        return _verb_first(clause[: joined.start()], verbs, front) + clause[joined.start() :]
    # 'for each customer the web for insolvency search': the repeat said first stays first, its clause reordered
    each = re.match(r"\s*(?:and\s+)?for\s+(?:each|every)\s+[\w'’-]+,?\s+", clause, re.I)
    if each and len(clause[each.end() :].split()) >= 2:
        return clause[: each.end()] + _verb_first(clause[each.end() :], verbs, front)
    words = clause.split()
    tail: list[str] = []
    at = next(  # 'a Telegram message send with his rides': a phrase after the verb (Dutch, German) is its tail
        (
            i
            for i in range(len(words) - 2, 1, -1)
            if words[i].lower() in verbs
            and words[i + 1].lower() in _TAIL
            and _DETERMINER.search(" ".join(words[:i]))
        ),
        None,
    )
    if (
        words
        and words[-1].lower() not in verbs
        and at is not None
        and not any(w.lower() in verbs for w in words[:at])
    ):
        words, tail = words[: at + 1], words[at + 1 :]
    if len(words) < 2 or words[-1].lower() not in verbs or words[0].lower() in verbs:
        return clause
    if tail:
        return _verb_first(" ".join(words), verbs, front) + " " + " ".join(tail)
    body = " ".join(words[:-1])
    if front:
        return f"{words[-1]} {body}"
    doer = _doer(words[:-1])  # 'the bot new messages in our channel read': the bot's step, said of the bot
    if doer:
        return " ".join(words[:doer] + ["should", words[-1]] + words[doer:-1])
    # the object's determiner: the first not inside a phrase said before it ('with delivery date in the next 14 days
    # a message in the Teams channel post' → '… in the next 14 days post a message …': 'the' of 'in the' is the
    # phrase's, 'a' opens the object)
    det = next(
        (
            m
            for m in _DETERMINER.finditer(body)
            if body[: m.start()].split() and body[: m.start()].split()[-1].lower() not in _PREPOSITION
        ),
        None,
    )
    if det and re.match(r"\s*(?:with|without|whose|where)\b", body, re.I):
        return f"{body[: det.start()]}{words[-1]} {body[det.start() :]}"
    det = _DETERMINER.search(body)
    before = body[: det.start()].split() if det else []
    if det and before and before[-1].lower() not in _PREPOSITION:
        return f"{body[: det.start()]}{words[-1]} {body[det.start() :]}"
    return f"{words[-1]} {body}"


def _doer(words: list[str]) -> int:
    """How many of `words` name the bot or the AI the clause is about ('the bot', 'our AI assistant'), at its
    start; 0 when another noun opens it (`doers` in lexicon.json)."""
    from lib.generation.lexicon import lexicon

    nouns = set(lexicon()["doers"]["nouns"])
    lead = next((i for i, w in enumerate(words) if re.search(r"\w", w)), len(words))  # past a list's dash
    if len(words) < lead + 3 or words[lead].lower() not in ("the", "our", "my", "a", "an"):
        return 0
    at = next((i for i in (lead + 1, lead + 2) if words[i].lower() in nouns), None)
    return at + 1 if at is not None and at + 1 < len(words) else 0


def _reorder(text: str, language: str) -> str:
    """The word order the phrase table cannot rewrite (`_grammar` in translations.json), after it ran."""
    rules = _grammar().get(language, {})
    verbs = {v.lower() for v in rules.get("verb_last", [])}
    events = {v.lower() for v in rules.get("event_last", [])}
    subject = {v.lower() for v in rules.get("subject_verb_last", [])}
    if not verbs and not events and not subject and not rules.get("event_if") and not rules.get("test_last"):
        return text
    # 'a SMS to +49 151 … and +49 160 … send': the 'and' of a list of numbers or addresses joins no clauses
    text = _LISTED_AND.sub(" \x02 ", text)
    parts = _CLAUSE_CUT.split(text)
    for i in range(0, len(parts), 2):  # 'the driver an SMS with address and time window get': past an 'and'
        for k in range(i, -1, -2):
            if k < i and not re.fullmatch(r"\s+(?:and|then)\s+", parts[k + 1]):
                break
            moved = _after_subject("".join(parts[k : i + 1]), subject)
            if moved != "".join(parts[k : i + 1]):
                parts[k : i + 1] = [moved] + [""] * (i - k)
                break
    front = bool(rules.get("verb_front"))
    tests = sorted(rules.get("test_last", []), key=len, reverse=True)
    if tests:
        parts = [part if i % 2 else _test_first(part, tests) for i, part in enumerate(parts)]
    modals = {v.lower() for v in rules.get("modals", [])}
    text = "".join(
        part if i % 2 else _event_first(_verb_first(_after_modal(part, verbs, modals), verbs, front), events)
        for i, part in enumerate(parts)
    )
    # '…, create then a Jira ticket' ('…, maak dan een Jira-ticket aan'): the verb second after a clause of its
    # own, 'then' after it, said 'then create'
    if verbs:
        said_verbs = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
        text = re.sub(rf"(?:(?<=^)|(?<=[,;:]\s))({said_verbs})\s+then\b", r"then \1", text, flags=re.I)
    # 'a chatbot that customer questions answers from …' → 'a chatbot that answers customer questions from …': a
    # relative clause's verb said last, after a bare object (one with an article is the clause's subject: 'the
    # messages that the bot posts')
    if verbs:
        said_verbs = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
        text = re.sub(
            rf"\b(that|which)\s+(?!(?:the|a|an|our|my|their|its|his|her|this|these|those|it|they|he|she|we|i|you)\b)"
            rf"((?:[^\W\d_][\w'’-]*\s+){{1,3}}?)({said_verbs})\b",
            lambda m: (
                m.group(0)
                if any(w.lower() in verbs for w in m.group(2).split())
                else f"{m.group(1)} {m.group(3)} {m.group(2).rstrip()}"
            ),
            text,
            flags=re.I,
        )
    # 'Jira calls a webhook, if a ticket is created': the one word for 'if' and 'when', before an event, is when
    said = "|".join(re.escape(v) for v in sorted(rules.get("event_if", []), key=len, reverse=True))
    if said:
        # ('als … een issue wordt geopend met het label 'bug', …': what the event carries may follow it)
        text = re.sub(
            rf"\bif(?=\s[^,;:.?!\n]*?\s(?:{said})(?:\s+(?:with|in|on|by|from|for)\s[^,;:.?!\n]{{1,60}})?(?:[,;:.?!\n]|$))",
            "when",
            text,
        )
    return text.replace(" \x02 ", " and ")


# the 'and' between two phone numbers or two e-mail addresses: one list of recipients
_LISTED_AND = re.compile(
    r"(?<=\d)\s+and\s+(?=\+?\d[\d -]{5,})|(?<=\.[a-z]{2})\s+and\s+(?=[\w.+-]+@)|(?<=\.[a-z]{3})\s+and\s+(?=[\w.+-]+@)",
    re.I,
)


def _test_first(clause: str, tests: list[str]) -> str:
    """'the amount 2,000 TL is above' → 'if the amount is above 2,000 TL' (Turkish): a clause that
    closes on a comparison with a condition's ending (`test_last`) is a test of the amount before it."""
    words = clause.split()
    said = next((t for t in tests if " ".join(words[-len(t.split()) :]).lower() == t), None)
    number = next((i for i, w in enumerate(words) if re.match(r"[$€£]?\d", w)), None)
    if said is None or number is None or number == 0 or number >= len(words) - len(said.split()):
        return clause
    size = len(said.split())
    lead = clause[: len(clause) - len(clause.lstrip())]
    head = [] if words[0].lower() == "if" else ["if"]
    return lead + " ".join(head + words[:number] + words[-size:] + words[number:-size])


def _after_modal(clause: str, verbs: set[str], modals: set[str]) -> str:
    """'Jira can a webhook call' → 'Jira can call a webhook': an infinitive that closes a clause with a modal
    verb (`modals`: German 'can', 'must') stands right after the modal."""
    words = clause.split()
    if len(words) < 3 or words[-1].lower() not in verbs:
        return clause
    at = next((i for i in range(len(words) - 2, -1, -1) if words[i].lower() in modals), None)
    if at is None or at == len(words) - 2:
        return clause
    # ('it must never anything to the knowledge base add' → 'it must never add anything …': past its negation)
    while at + 2 < len(words) - 1 and words[at + 1].lower() in (
        "never",
        "not",
        "always",
        "also",
        "only",
        "itself",
    ):
        at += 1
    lead = clause[: len(clause) - len(clause.lstrip())]
    return lead + " ".join(words[: at + 1] + [words[-1]] + words[at + 1 : -1])


_NOUN_PHRASE_END = _PREPOSITION | {"the", "a", "an", "our", "my", "your", "their", "its", "his", "her", "via"}


def _after_subject(clause: str, verbs: set[str]) -> str:
    """'the person a confirmation email gets' → 'the person gets a confirmation email', 'for each tour the
    driver an SMS get' → 'for each tour the driver get an SMS': a clause that ends in a verb whose subject is the
    one who gets or goes (`subject_verb_last`: German, Dutch) has it after its first noun phrase, not first."""
    closing = re.search(r"[?!.…]*\s*$", clause)
    cut = closing.start() if closing else len(clause)
    words, stop = clause[:cut].split(), clause[cut:]
    tail: list[str] = []  # 'the customer a friendly email gets with a new link': a phrase after the verb
    at = next(
        (
            k
            for k in range(len(words) - 2, 1, -1)
            if words[k].lower() in verbs and words[k + 1].lower() in _TAIL
        ),
        None,
    )
    if at is not None and words[-1].lower() not in verbs:
        words, tail = words[: at + 1], words[at + 1 :]
    size = next((len(v.split()) for v in verbs if " ".join(words[-len(v.split()) :]).lower() == v), 0)
    if not size or len(words) < size + 2:
        return clause
    words, verb = words[:-size], " ".join(words[-size:])  # 'is created': a passive's two words
    for i, word in enumerate(words):
        if word.lower() in _SOMEONE and (i == 0 or words[i - 1].lower() not in _PREPOSITION):
            # 'when in our Discord server someone in #jobs something posts': a pronoun is the whole subject
            lead = clause[: len(clause) - len(clause.lstrip())]
            return lead + " ".join(words[: i + 1] + [verb] + words[i + 1 :] + tail) + stop
        if (
            _DETERMINER.fullmatch(word)
            # ('every monday at 7:00 each customer … an email gets': a day's 'every' opens no subject)
            and _DETERMINER.match(" ".join(words[i : i + 2]))
            and (i == 0 or words[i - 1].lower() not in _PREPOSITION | {"each", "every"})
        ):
            end = next((j for j in range(i + 1, len(words)) if words[j].lower() in _NOUN_PHRASE_END), None)
            if (
                end is not None
                and words[end].lower() in ("from", "in", "on")
                and re.search(r"'|\x00\d+\x00", " ".join(words[end:]))
            ):
                # 'each customer from the Notion database 'Abos' an email get': the subject's own place, named, goes
                # on to the object's article
                end = next((j for j in range(end + 1, len(words)) if words[j].lower() in ("a", "an")), end)
            if end is None and _doer(words[i:]):
                # 'if the AI security problems finds' → 'if the AI finds security problems': the bot or the AI is
                # the whole subject, its object said without a determiner
                end = i + _doer(words[i:])
            if end is None or end == i + 1:
                return clause
            lead = clause[: len(clause) - len(clause.lstrip())]
            return lead + " ".join(words[:end] + [verb] + words[end:] + tail) + stop
    return clause


def _event_first(clause: str, events: set[str]) -> str:
    """ "Stripe a new payment arrives" (Turkish '… geldiğinde', Japanese '…たら') → 'when Stripe a new payment
    arrives': a clause that closes on the verb of its event opens with 'when'."""
    words = clause.split()
    if len(words) < 2 or words[-1].lower().rstrip(".") not in events or words[0].lower() == "when":
        return clause
    return "when " + clause


def _separable(text: str, language: str) -> str:
    """'leg bitte eine neue Zeile … an.' → 'create bitte eine neue Zeile ….': a verb whose prefix closes the
    clause, read as the whole verb where the stem stands."""
    rules = _grammar().get(language, {})
    conj = re.escape(rules.get("clause_and", "und"))
    # Dutch 'sla de afzender op in de tabel …': the particle may stand before a phrase of place
    place = "|".join(re.escape(p) for p in rules.get("particle_before", []))
    conj = f"{conj}|{place}" if place else conj
    for stem, prefixes in rules.get("separable", {}).items():
        for prefix, english in prefixes.items():
            whole = re.compile(
                rf"\b{re.escape(stem)}\b([^,;:.\n]*?)\s+{re.escape(prefix)}(?=\s*(?:[,;:]|\.(?:\s|$)|\n|$|\s+(?:{conj})\b))",
                re.I,
            )
            text = whole.sub(rf"{english}\1", text)
    return text


def _opening(text: str, language: str) -> str:
    """'Wenn in Gmail eine neue E-Mail eingeht, …' → 'when …': a sentence's first word read as the event."""
    for word, english in _grammar().get(language, {}).get("sentence_start", {}).items():
        text = re.sub(rf"(?:(?<=^)|(?<=[.!?\n]\s)|(?<=\n)){re.escape(word)}\b", english, text, flags=re.I)
    return text


@lru_cache(maxsize=1)
def service_names() -> frozenset[str]:
    """The one-word names of the services the planner knows ('slack', 'linear', 'stripe', 'hubspot'), from the
    lexicon and `services.json`: a name with a case ending ('Slacku', 'Gmailiin') is read as the name."""
    from lib.generation.lexicon import lexicon

    lex = lexicon()
    names = {p for e in lex["integrations"].values() for p in e.get("phrases", []) if " " not in p}
    names |= {n for e in lex["webhook_providers"].values() for n in e.get("names", []) if " " not in n}
    names |= {p for e in lex["named_apis"].values() for p in e.get("phrases", []) if " " not in p}
    external = json.loads((_HERE / "services.json").read_text(encoding="utf-8"))["external"]
    names |= {a for k, e in external.items() if not k.startswith("_") for a in [k, *e.get("aliases", [])]}
    return frozenset(n.lower() for n in names if len(n) >= 4 and n.isalpha())


def _compounds(text: str, phrases: frozenset[str] = frozenset()) -> str:
    """'Jira-tickets', 'Google-arket', 'Slack-kanavalle' → 'Jira tickets', …: a compound that opens with a
    name is the name and a word (not a channel '#dev-jp', an address or 'E-Mail', nor a phrase of the table that
    opens a sentence: 'Could-you' in French)."""
    text = re.sub(r"(?<=[^\W\d_]) -(?=[^\W\d_]{3})", " ", text)  # Finnish 'Google Sheets -taulukkoon'
    return re.sub(
        r"(?<![\w#@/.'’-])[A-Z][\w]+(?:-[^\W\d_]{2,})+(?![\w@/-])",
        lambda m: m.group(0) if m.group(0).lower() in phrases else m.group(0).replace("-", " "),
        text,
    )


def _case_endings(text: str, language: str) -> str:
    """'ze Slacku', 'do Gmailiin', "Stripe'ta", "9'da": a known service's name (or a number) with the case
    ending these languages put on it, read as the name (`case_endings`, `apostrophe_suffix` in `_grammar`)."""
    rules = _grammar().get(language, {})
    if rules.get("apostrophe_suffix"):  # Turkish: "saat 08:00'de", "Her sabah 9'da" → 'at 08:00'
        text = re.sub(r"\b(\d{1,2}(?:[:.]\d{2})?)['’][dt][ae]\b", r"at \1", text)
        text = re.sub(r"(?<=\w)['’][^\W\d_]{1,6}\b", "", text)
    endings = sorted(rules.get("case_endings", []), key=len, reverse=True)
    if not endings:
        return text
    names = service_names()

    def stem(m: re.Match[str]) -> str:
        word = m.group(0)
        for end in endings:
            base = word[: -len(end)]
            for whole in (
                base,
                base + "e",
                base + "a",
            ):  # 'Slacku' → Slack, 'Stripeen' → Stripe, 'Jiry' → Jira
                if word.lower().endswith(end) and whole.lower() in names:
                    return whole
        return word

    return re.sub(r"(?<![\w#@/.-])[A-Z][^\W\d_]{3,}(?![\w@/-])", stem, text)


_PLACE_NOUNS = (
    r"channel|table|sheet|spreadsheet|calendar|folder|database|list|form|project|workbook|board|page|"
    # 'the label Gmail 'Ordini'', 'the bucket S3 …', 'the index Pinecone …': a mailbox's or a store's place
    r"labels?|inbox|mailbox|bucket|index|base|space|workspace|"
    # 'a new order Shopify', 'the tickets Zendesk': a record named after its service
    r"orders?|payments?|tickets?|invoices?|contacts?|deals?|issues?|tasks?|leads?|events?|bookings?|records?|"
    r"responses?|submissions?|messages?|posts?|files?|products?|customers?|subscribers?|repo|repository"
)


# states said after their noun in the Romance languages ('tickets abiertos', 'commandes impayées')
_STATES = (
    r"open|new|closed|pending|unread|overdue|latest|recent|urgent|active|unpaid|paid|failed|late|cancell?ed|"
    r"resolved|published|confirmed|approved|rejected"
)


def _service_first(text: str) -> str:
    """'the sheet Google « Ventes »', 'the channel Slack #ventes' → 'the Google sheet …', 'the Slack channel …': a
    place named after its service (French, Spanish, Italian, Portuguese word order)."""

    def swap(m: re.Match[str]) -> str:
        name = m.group(2)  # 'the folder Google Drive': the brand and its product
        first = name.split()[0].lower()
        if first not in service_names() and first not in ("google", "microsoft"):
            return m.group(0)
        return f"{name} {m.group(1)}"

    text = re.sub(
        rf"\b({_PLACE_NOUNS})\s+((?:Google|Microsoft)\s+[A-Z][\w]+|[A-Z][\w]+)\b(?![\w@/-])", swap, text
    )
    # 'our form of Typeform', 'the orders of the Shopify' → 'our Typeform form', 'the Shopify orders'
    return re.sub(
        rf"\b({_PLACE_NOUNS})\s+of\s+(?:the\s+)?((?:Google|Microsoft)\s+[A-Z][\w]+|[A-Z][\w]+)\b(?![\w@/-])",
        swap,
        text,
    )


def _alternation(words: Any) -> str:
    """One pattern of `words`, longest first, a space matching any run of spaces."""
    return (
        "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))
        or "(?!)"
    )


def _clock_words(text: str, language: str) -> str:
    """'à, euh, sept heures, non, six heures et demie' → 'à, euh, 7:00, non, 6:30'; 'um halb acht' → 'um 7:30';
    'alle sei e mezza' → 'alle 6:30': a clock time said in words, read as digits (`_clock` in `_grammar`). A number
    word is an hour only where a clock is meant: after a lead that says 'at' (a filler or a correction may come
    between: the time a speaker corrects to), before a word only a clock says, or with a half or a quarter said
    around it ('toutes les deux heures' is a length, not a clock)."""
    said = _grammar().get("_clock", {})
    rules = said.get(language)
    if not rules:
        return text
    hours = {k.lower(): v for k, v in rules["hours"].items()}
    before = {" ".join(k.lower().split()): v for k, v in rules.get("before", {}).items()}
    after = {" ".join(k.lower().split()): v for k, v in rules.get("after", {}).items()}
    pause = rf"(?:\s*[,;—–-]?\s*(?:{_alternation(said.get('fillers', []))})(?![\w'’])[\s,;—–-]*)"
    lead = re.compile(
        rf"(?<![\w'’])(?:{_alternation(rules.get('leads', []))}"
        rf"|{_alternation(said.get('corrections', []))}\s*[,;—–-])\s*{pause}*\s*$",
        re.I,
    )
    clock_only = _alternation(rules.get("clock_words", []))
    either = _alternation(rules.get("hour_words", []))
    found = re.compile(
        rf"(?<![\w'’-])(?:(?P<before>{_alternation(before)})\s+)?(?P<hour>{_alternation(hours)})"
        rf"(?:\s+(?P<clock>{clock_only})(?![\w'’-]))?(?:\s+(?P<word>{either})(?![\w'’-]))?"
        rf"(?:\s+(?P<after>{_alternation(after)}))?(?![\w'’-])",
        re.I,
    )

    def digits(m: re.Match[str]) -> str:
        led = lead.search(text[: m.start()]) is not None
        if not (m.group("before") or m.group("after") or m.group("clock") or led):
            return m.group(0)
        minutes = hours[" ".join(m.group("hour").lower().split())] * 60
        for part, offsets in (("before", before), ("after", after)):
            if m.group(part):
                minutes += offsets[" ".join(m.group(part).lower().split())]
        minutes %= 24 * 60
        return f"{minutes // 60}:{minutes % 60:02d}"

    return found.sub(digits, text)


def _time_words(text: str, language: str) -> str:
    """'v 9:00', 'kl. 16', 'om 8 uur', 'o 7:00': the word before a clock time is 'at'; 'über 1.000 €': a
    word before an amount is its comparison (`before_number`), whatever it means elsewhere ('about'); before a
    service's name the way something goes (`before_service`: German 'about Twilio' is via Twilio)."""
    rules = _grammar().get(language, {})
    for word in rules.get("time_words", []):
        text = re.sub(
            rf"(?<![\w#@/-]){re.escape(word)}\s*(?=\d{{1,2}}(?:[:.h]\d{{2}})?\b)", "at ", text, flags=re.I
        )
    for word, english in rules.get("before_number", {}).items():
        text = re.sub(rf"(?<![\w#@/-]){re.escape(word)}\s+(?=[$€£]?\s?\d)", english + " ", text, flags=re.I)
    for word, english in rules.get("before_service", {}).items():  # the way, not the topic

        def way(m: re.Match[str], english: str = english) -> str:
            return english + " " if m.group(1).lower() in service_names() else m.group(0)

        text = re.sub(rf"(?<![\w#@/-]){re.escape(word)}\s+(?=([A-Z][\w]+))", way, text, flags=re.I)
    return text


def _compound_heads(text: str, language: str, english: dict[str, str]) -> str:
    """'klantvragen' → 'klant vragen' (customer questions), 'bezoekersvragen' → 'bezoekers vragen': a compound noun
    the table does not list, written as one word (`compounds` in `_grammar`: Dutch, German), read as its head — the
    longest word of the table it ends in — after its first part when the table knows that too (a linking 's' or
    'e' dropped), else alone: the head says what the thing is ('both': only when the table knows both parts)."""
    mode = _grammar().get(language, {}).get("compounds")
    if not mode:
        return text

    def split(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in english:
            return word
        for cut in range(3, len(low) - 4):
            head = low[cut:]
            if head not in english or " " in english[head]:
                continue
            first = low[:cut]
            known = next((p for p in (first, first[:-1], first[:-2]) if len(p) >= 3 and p in english), None)
            if known:
                return f"{word[: len(known)]} {word[cut:]}"
            # ('Wettbewerber' is no kind of 'Bewerber'): where the table must know both parts (`compounds`: 'both')
            return word if mode == "both" else word[cut:]
        return word

    return re.sub(r"(?<![\w#@/.'’-])[^\W\d_]{9,}(?![\w@/'’-])", split, text)


def _clitics(text: str, language: str, english: dict[str, str]) -> str:
    """'envíalas' → 'send them', 'mándalas' → 'send them', 'envie-os' → 'send them': an imperative the table
    knows with object pronouns written on (`clitics` in `_grammar`), a form the table does not list itself."""
    clitics = _grammar().get(language, {}).get("clitics")
    if not clitics:
        return text
    endings = sorted(clitics, key=len, reverse=True)
    # 'buscá', 'mandá', 'escribí' (the imperative of 'vos', Rioplatense Spanish): the infinitive with its 'r' dropped
    # and its vowel stressed ('buscar', 'mandar', 'escribir'), read as the table reads the infinitive
    voseo = _grammar().get(language, {}).get("voseo", {})

    def split(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in english:
            return word
        said = english.get(low[:-1] + voseo[low[-1]] if low[-1] in voseo and len(low) >= 4 else "")
        if said and " " not in said:
            return said
        for end in endings:
            if not low.endswith(end) or len(low) - len(end) < 3:
                continue
            stem = low[: -len(end)]
            voiced = stem[:-1] + voseo[stem[-1]] if stem[-1] in voseo else stem  # 'mandámelo'
            for verb in (stem, _unaccented(stem), voiced):
                found = english.get(verb)
                if found and " " not in found:  # a verb the table reads as one English word
                    return f"{found} {clitics[end]}"
        return word

    text = re.sub(r"(?<![\w#@/.'’-])[^\W\d_]{3,}(?:-[^\W\d_]{1,5})?(?![\w@/-])", split, text)
    if not _grammar().get(language, {}).get("pronoun_before_verb"):
        return text  # (Italian 'e l'email del cliente': an elided article, no pronoun)
    return _pronoun_before_verb(
        text, {k: v for k, v in clitics.items() if k.isalpha() and len(k) <= 3}, english
    )


# a noun's ending, not a verb's ('la lista', 'la publicación'): the word before it is an article
_NOUN_ENDING = re.compile(
    r"(?:ción|sión|ções|ção|dad|tad|miento|mento|ista|aje|ura|ería|eria|zione|tà)s?$", re.I
)


def _pronoun_before_verb(text: str, pronouns: dict[str, str], english: dict[str, str]) -> str:
    """'… y los publique en #taller', 'y los añade a la hoja' → 'post them', 'add them': an object pronoun
    (the same word as an article: 'los', 'la') after 'and', 'that' or a comma and before a verb the table reads
    as a step is the pronoun, said after the verb in English."""
    if not pronouns:
        return text
    from lib.generation.steps import ACTION_START

    def moved(m: re.Match[str]) -> str:
        verb = m.group("verb")
        found = english.get(verb.lower()) or english.get(_unaccented(verb.lower()))
        if not found or " " in found or _NOUN_ENDING.search(verb):
            return m.group(0)
        step = ACTION_START.match(found)
        if not step or step.end() != len(found):
            return m.group(0)
        return f"{m.group('lead')}{found} {pronouns[m.group('pron').lower()]}"

    said = "|".join(sorted(map(re.escape, pronouns), key=len, reverse=True))
    return re.sub(
        rf"(?P<lead>(?:^|[,;]\s*|\b(?:y|e|ed|que|che)\s+))(?P<pron>{said})\s+(?P<verb>[^\W\d_]{{3,}})(?![\w@/-])",
        moved,
        text,
        flags=re.I,
    )


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)}


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word the planner knows: its rules and data (`lib/generation`, the English side of the phrase
    table, not the languages' marker words) and the block registry's names, operations and descriptions."""
    known: set[str] = set()
    for path in sorted(_HERE.glob("*.py")) + sorted(_HERE.glob("*.json")) + sorted(_BLOCKS.glob("*.json")):
        data = path.read_text(encoding="utf-8")
        if path.name == "translations.json":
            data = " ".join(
                " ".join(table.values())
                for lang, table in json.loads(data).items()
                if not lang.startswith("_")
            )
        elif path.name == "lexicon.json":
            lex = json.loads(data)
            lex.pop("languages", None)
            data = json.dumps(lex, ensure_ascii=False)
        known |= _words(data)
    return frozenset(known)


def unread_words(english: str) -> list[str]:
    """The words of a translated description the planner has never met (what the phrase table left in the
    original language), the user's own quoted text, addresses, channels and URLs aside."""
    return [w for w in re.findall(r"[^\W\d_]{2,}", _OWN.sub(" ", english)) if w.lower() not in known_words()]


# a list that routes values to places ('…: electric devices in #elektro, kleding in #textiel and fietsen in #fietsen',
# 'bugs → #dev'): the words before each place are a value of the data (a category, a kind), not a step
_ROUTED_LABEL = re.compile(
    r"(?:^|(?<=[:,;(])|(?<=\band\s)|(?<=\bor\s)|(?<=\ben\s))\s*(?P<label>(?:[^\W\d_]{2,}\s+){0,2}[^\W\d_]{2,})"
    r"(?=\s+(?:in|to|into|on|naar|→|->|=>)\s+#[\w-]+)",
    re.I,
)


def routed_labels(english: str) -> list[tuple[int, int]]:
    """Where a translated request names the values it routes to channels ('kleding in #textiel'), whose words are
    the data's own and need not be read."""
    return [m.span("label") for m in _ROUTED_LABEL.finditer(english)]


# a noun's complement ('the URL of a proveedor of lanas', 'the mails from the Hütte'): which thing, not what is done;
# whom it is for ('it is for the torrefazione'), after an article
_COMPLEMENT_LEAD = re.compile(
    r"(?:\b(?:of|from)\s+(?:(?:a|an|the|our|my|your|their|its|this|that|these|those|some|each|every|one)\s+)?|"
    r"\bfor\s+(?:a|an|the|our|my|your|their|its|this|that)\s+)"
    r"(?:(?P<before>[^\W\d_]{2,})\s+)?$",
    re.I,
)


# a clause that only says what a message tells, after the message it is sent in ('send a message in the Slack
# channel #rowing, that the training of our club is cancelled': the words after 'that' are the message's)
_TOLD_CONTENT = re.compile(
    r"^\W*(?:that|saying|telling\s+(?:them|him|her|everyone|people)(?:\s+that)?)\s", re.I
)
_MESSAGE_SENT = re.compile(
    r"\b(?:send|post|text)\b[^.;:!?\n]*\b(?:message|e-?mail|text|sms|whatsapp|notification|post)\b[^.;:!?\n]*,?\s*$",
    re.I,
)


def told_content(clause: str, english: str) -> bool:
    """Whether `clause` of the translated `english` only says what the message sent just before it tells (its words
    are the message's, read as written): not a remark after a step that sends nothing ('that takes me an
    hour'), nor a clause after a verb alone ('write the customer, that we …': no message is read there)."""
    at = english.find(clause.strip())
    return bool(_TOLD_CONTENT.match(clause)) and at > 0 and bool(_MESSAGE_SENT.search(english[:at]))


def unread_steps(clause: str) -> list[str]:
    """The unread words of a translated clause that may say what is done: those in a noun's complement ('the URL
    of a proveedor of lanas': a wool supplier's) only say which thing, the step is read without them."""
    kept = _OWN.sub(lambda m: " " * len(m.group(0)), clause)
    for a, b in routed_labels(clause):
        kept = kept[:a] + " " * (b - a) + kept[b:]
    known = known_words()
    missed = []
    for word in re.finditer(r"[^\W\d_]{2,}", kept):
        if word.group(0).lower() in known:
            continue
        lead = _COMPLEMENT_LEAD.search(kept[: word.start()])
        if lead and (lead.group("before") is None or lead.group("before").lower() not in known):
            continue
        missed.append(word.group(0))
    return missed


# a clause with this many words left unread, making this share of its words, is not read but refused
UNREAD_IN_CLAUSE, UNREAD_CLAUSE_SHARE = 3, 0.4


def unread_clauses(english: str) -> list[str]:
    """The words left unread in the clauses of a translated request the phrase table mostly could not read (a
    step said with words it does not know: what a block would be built from is a guess), clause by clause."""
    missed: list[str] = []
    # the user's own quoted text ('Danke, wir melden uns!') is kept as written: its commas and marks cut no clause
    english = _OWN.sub(lambda m: " " * len(m.group(0)), english)
    for clause in re.split(r"[.;:!?\n]+(?=\s|$)|,\s", english):
        unread = unread_words(clause)
        words = re.findall(r"[^\W\d_]{2,}", _OWN.sub(" ", clause))
        if len(unread) >= UNREAD_IN_CLAUSE and len(unread) >= UNREAD_CLAUSE_SHARE * len(words):
            missed += unread
    return missed


def read_share(english: str) -> float:
    """The share of a translated description's words the planner knows (1.0 when it has none)."""
    words = re.findall(r"[^\W\d_]{2,}", _OWN.sub(" ", english))
    return 1.0 - len(unread_words(english)) / len(words) if words else 1.0


_SENTENCE = re.compile(r"[^\n]+?(?:[.!?]+(?=\s|$)|\n|$)")  # as the English reading cuts context


def _told(english: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """What a translated request only tells, whose words the phrase table may leave unread without a guess: the
    sentences before the one that asks (`_ask` in `_grammar`: 'could you', 'please', '?' — a greeting, who writes,
    how it is done today), none of which opens on a step, nor on a time in the asking paragraph unless a first
    person tells a habit (`_opens`: a request the table could not read is refused, not taken for background);
    and the signature after the closing line (`_closing`: 'thanks in advance', 'kind regards', then a name).
    (English examples only: the words of this file count as known.)"""
    from lib.generation.lexicon import lexicon
    from lib.generation.steps import ACTION_START

    rules = _grammar()
    ask, opens = re.compile(rules["_ask"], re.I), re.compile(rules["_opens"], re.I)
    spans: list[tuple[int, int]] = []
    timed: list[tuple[int, int]] = []  # sentences that open on a time, unless they tell a habit
    for found in _SENTENCE.finditer(english):
        sentence = found.group(0).strip()
        if not sentence:
            continue
        if ask.search(sentence):
            # 'every Friday [I] prepare it by hand …' in a paragraph of its own before the one that asks: told
            # ('… and I paste the totals in #ventas. Can this be automated?': an ask that only takes the routine
            # over, naming no step of its own, asks for the routine itself — lexicon.json 'takes_over')
            if any("\n\n" not in english[b : found.start()] for _, b in timed) or (
                re.search(lexicon()["takes_over"], sentence, re.I)
                and not any(ACTION_START.match(p.strip()) for p in re.split(r"[,:;]", sentence)[1:])
            ):
                spans = []
            break
        lead = re.sub(r"^[\W\d]*", "", sentence)
        if ACTION_START.match(lead):  # 'fetch …': a step
            spans = []
            break
        if opens.match(lead) and not re.search(r"\b(?:i|we)\b", lead, re.I):  # 'every week I copy …': a habit
            timed.append(found.span())
        spans.append(found.span())
    else:  # no sentence asks: all of it is the request
        spans = []
    closing = re.compile(rules["_closing"], re.I)
    lines = list(re.finditer(r"[^\n]+", english))
    for i, line in enumerate(lines):  # a closing line, then at most a few short lines (a name, a team)
        rest = lines[i + 1 :]
        if (
            closing.fullmatch(line.group(0).strip())
            and len(rest) <= 3
            and all(len(r.group(0).split()) <= 6 for r in rest)
        ):
            return spans, [(line.start(), len(english))]
    return spans, []


# the words a line that only names (who it is for, a business, a town) may hold besides its names
_NAME_LINE_WORDS = frozenset({
    "it", "is", "this", "that", "for", "the", "a", "an", "of", "from", "and", "at", "by", "in", "on", "with", "our",
    "my", "we", "are", "es", "la", "le", "les", "el", "los", "las", "de", "da", "di", "del", "della", "do", "dos",
    "das", "der", "die", "den", "von", "van", "und", "et", "y", "e", "dr", "mr", "mrs", "ms", "prof", "st",
    # a heading of notes or a spec ('Notities — Zorgboerderij De Hooiberg (Sanne, coördinator)'): whose they are
    "notes", "call", "meeting", "specification", "spec", "owner", "coordinator", "manager", "founder", "director",
})  # fmt: skip


def name_spans(english: str, language: str) -> list[tuple[int, int]]:
    """Where a translated description only names, whose words the phrase table cannot know and need not: a line
    of names alone (who it is for: a business, a practice and its vet, a town; no service, nothing else said), and
    in a language that writes only names with a capital (not German, `_nouns_capitalised`), an unread word written
    with a capital inside a sentence (a person, a shop). What the request asks stays to be read: a name never
    blocks reading it. (English examples only: the words of this file count as known.)"""
    known, services = known_words(), service_names()
    spans: list[tuple[int, int]] = []
    sentences = [m for m in _SENTENCE.finditer(english) if m.group(0).strip()]
    for found in sentences if len(sentences) > 1 else []:
        words = list(re.finditer(r"[^\W\d_]{2,}", _OWN.sub(" ", found.group(0))))
        names = [w.group(0) for w in words if w.group(0).lower() not in _NAME_LINE_WORDS]
        if (
            names
            and len(words) <= 10
            and all(w[0].isupper() and w.lower() not in services for w in names)
            and any(w.lower() not in known for w in names)
        ):
            spans.append(found.span())
    # who writes, said as a sentence of its own ('hello, we are a … in …', 'I have a … in …': `_introduces`), its
    # trade and its town in words the table need not know, naming no service and quoting nothing
    introduces = re.compile(_grammar().get("_introduces", r"(?!)"), re.I)
    for found in sentences:
        intro = found.group(0).strip()
        intro_words = re.findall(r"[^\W\d_]{2,}", intro)
        if (
            introduces.match(intro)
            and len(intro_words) <= 12
            and not _OWN.search(intro)
            and not any(w.lower() in services for w in intro_words)
        ):
            spans.append(found.span())
    spans += _whose_spans(english, known, services)
    # the title of a document ('# Specification: Lebkuchen orders (Lebküchnerei Wagner, Nürnberg)'): what it is called
    # and whose it is, its steps said under the headings after it
    spans += [m.span() for m in re.finditer(_grammar().get("_title", r"(?!)"), english)]
    if language in _grammar().get("_nouns_capitalised", []):
        return spans
    for word in re.finditer(r"[^\W\d_]{2,}", _OWN.sub(lambda m: " " * len(m.group(0)), english)):
        before = english[: word.start()].rstrip(' \t"“«(')
        if (
            word.group(0)[0].isupper()
            and word.group(0).lower() not in known
            and re.search(r"[\w,;'’]$", before)
        ):
            spans.append(word.span())
    return spans


# 'for our atelier of poterie (sale of bols online),', "for l'élevage d'escargots —", 'to our floristería,': whom
# the request is for, a business named by its trade, set off by the punctuation after it
_WHOSE = re.compile(
    r"(?<![\w'’])(?:for\s+(?:the\s+)?(?:our|my|the|l['’]|la\s|le\s)|(?:to|at|of|in)\s+(?:the\s+)?(?:our|my))\s*"
    r"(?P<words>(?:[ldLD]['’])?[^\W\d_]+(?:\s+(?:[ldLD]['’])?[^\W\d_]+){0,4})"
    r"(?P<aside>\s*\([^()\n]{1,60}\))?(?=\s*(?:[,;:—–.)]|\s-\s|$))"
)
_WHOSE_LINKS = frozenset(
    {"of", "the", "and", "de", "di", "da", "du", "des", "del", "van", "online", "in", "at", "our"}
)


def _whose_spans(english: str, known: frozenset[str], services: Any) -> list[tuple[int, int]]:
    """Where a translated request says whom it is for by the trade of a business ('pour notre ferme de canards
    (vente de magrets en ligne)' → 'for our ferme of canards (sale of magrets online)'): words the table need not
    know, as a name need not be read. Only a phrase whose words name no service, hold no quoted text nor number,
    and that the punctuation after it ends; a word the planner knows there is no more than the trade's noun."""
    spans: list[tuple[int, int]] = []
    for m in _WHOSE.finditer(english):
        said = m.group("words") + (m.group("aside") or "")
        if _OWN.search(said) or re.search(r"\d", said):
            continue
        words = [re.sub(r"^[ldLD]['’]", "", w).lower() for w in re.findall(r"(?:[ldLD]['’])?[^\W\d_]+", said)]
        if any(w in services for w in words):
            continue
        unknown = [w for w in words if w not in known and w not in _WHOSE_LINKS]
        if unknown:
            spans.append((m.start("words"), m.end()))
    return spans


def told_spans(english: str) -> list[tuple[int, int]]:
    """The background before the ask and the signature after the closing (`_told`)."""
    context, signature = _told(english)
    return context + signature


def as_background(english: str) -> str:
    """`english` with the background before the ask moved after the request, labelled 'Background:': the English
    reading takes it as told, as it takes a line so labelled ('Every morning [I] copy the agenda into an e-mail by
    hand' makes no calendar step nor e-mail), and still reads what it tells ('Jira can call a webhook'), while the
    request opens the text as a request does."""
    context, _ = _told(english)
    if not context:
        return english
    told = " ".join(" ".join(english[a:b].split()) for a, b in sorted(context))
    for a, b in sorted(context, reverse=True):
        english = english[:a] + english[b:]
    english = re.sub(r"\A\s+", "", re.sub(r"\n[^\S\n]*\n(?:\s*\n)+", "\n\n", english))
    return f"{english}\n\nBackground: {told}"


def phrase_languages() -> str:
    """The languages the phrase table reads, for a message: 'French, German and Spanish'."""
    names = sorted(_tables())
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def _said_step(words: str) -> bool:
    """Whether `words` ('for each one send') end on the step's verb (one a language's table puts last, in
    `verb_last`): no item or event ends before it."""
    verbs = {
        v for rules in _grammar().values() if isinstance(rules, dict) for v in rules.get("verb_last", [])
    }
    return words.split()[-1].lower() in verbs


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _bracketed_name(inner: str, phrases: Any) -> bool:
    """Whether a bracket's words are a name ('Praça do Comércio', 'Rua Augusta 12'): two capitalised words or more,
    others only short joining words ('do', 'de la') or numbers, no service's name, and no word or phrase of the
    language's table ('(Hora de Lisboa)' is words to read)."""
    words = inner.replace(",", " ").split()
    capitals = [w for w in words if w[:1].isupper()]
    return (
        len(capitals) >= 2
        and all(w[:1].isupper() or w[:1].isdigit() or (len(w) <= 3 and w.isalpha()) for w in words)
        and not any(w.lower() in service_names() for w in capitals)
        and inner.lower() not in phrases
        and not any(w.lower() in phrases for w in capitals)
    )


def _drawn_out(text: str, english: dict[str, str]) -> str:
    """'holaa', 'graciass', 'buenass', 'valeuu': a greeting or a thanks typed with its last letter drawn out, written as
    the table's word it stretches (no English word, no word of the table, is touched)."""

    def plain(m: re.Match[str]) -> str:
        word = m.group(0)
        short = m.group(1) + m.group(2)
        if word.lower() in english or word.lower() in known_words() or short.lower() not in english:
            return word
        return short

    return re.sub(r"(?<![\w'’@.#/-])([^\W\d_]{1,}?)([^\W\d_])\2+(?![\w'’@-])", plain, text)


def to_english(text: str, language: str) -> str | None:
    """`text` with every phrase of `language`'s table replaced by its English; None for an unknown language."""
    table = _tables().get(language)
    if table is None:
        return None
    # 'bei dem die Spalte 'bezahlt' auf 'nein' steht': a column's value said with its verb last, in English order
    for pattern, english_order in _grammar().get(language, {}).get("tests", []):
        text = re.sub(pattern, english_order, text, flags=re.I)
    # 'the word invoice' said in the language (`word_marker`): that word as written, quoted
    for marker in _grammar().get(language, {}).get("word_marker", []):
        text = re.sub(rf"(?<![\w'’])({re.escape(marker)})\s+([^\W\d_][\w-]*)", r'\1 "\2"', text, flags=re.I)
    # in single quotes too ('huelga de transportistas'), not an apostrophe inside a word (l'objet, qu'un)
    # and a word in capitals is a name ('project KLANT', 'API NBP'), not a word to translate
    phrases = table[1]
    quoted = [
        m.group(0)
        for m in re.finditer(
            r"\"[^\"]*\"|“[^”]*”|„[^“”\"\n]*[“”\"]|”[^”\n]*”|«[^»]*»|「[^」]*」|(?<![\w'])'[^'\n]{1,80}'(?![\w'])|(?<![\w#@/.'’-])[A-Z]{2,}[A-Z0-9]*(?![\w@/'’-])",
            text,
        )
        if m.group(0) not in _capitals(language)  # unless the table writes it in capitals ('IA' → 'AI')
        # or as the end of a phrase of its own ('Sem SMS' → 'no SMS')
        and not (
            m.group(0).isupper()
            and (before := re.search(r"([^\W\d_]+)\s+$", text[: m.start()])) is not None
            and f"{before.group(1).lower()} {m.group(0).lower()}" in phrases
        )
    ]
    # ('com o ponto de encontro (Praça do Comércio)': a place's name in brackets, its words capitalised but for the short
    # words between them, is kept as written too)
    quoted += [
        m.group(1)
        for m in re.finditer(r"\(([^()\n'\"]{3,60})\)", text)
        if language not in _grammar().get("_nouns_capitalised", [])  # ('(Berliner Zeit)': German nouns)
        and _bracketed_name(m.group(1), phrases)
        and not any(m.group(1) in q for q in quoted)
    ]
    for i, q in enumerate(quoted):  # quoted text is the user's own words: kept as written
        text = text.replace(q, f"\x00{i}\x00", 1)
    text = _separable(_opening(text, language), language)
    for short, english_words in _grammar().get(language, {}).get("elisions", {}).items():  # "l'etichetta"
        text = re.sub(rf"(?<![\w'’]){re.escape(short)}(?=[^\W\d_])", english_words, text, flags=re.I)
    # 'sous 24 h' → 'within 24 hours': a word that says 'within' only before a length of time (`durations`)
    durations = _grammar().get(language, {}).get("durations", {})
    if durations:
        lead = "|".join(sorted(map(re.escape, durations), key=len, reverse=True))
        text = re.sub(
            rf"(?<![\w'’])({lead})\s+(\d{{1,3}})\s*(h|heures?|hours?|jours?|days?|min(?:utes?)?)(?![\w:])",
            lambda m: (
                f"{durations[m.group(1).lower()]} {m.group(2)} "
                + {"h": "hours", "heure": "hours", "jour": "days", "min": "minutes"}.get(
                    m.group(3).lower().rstrip("s"), m.group(3)
                )
            ),
            text,
            flags=re.I,
        )
    if _grammar().get(language, {}).get("split_negation"):
        # "n'envoie rien", "n'écris jamais": the elided negation before a verb whose other half follows, written
        # out ('ne envoie rien') so the verb is read and the negation found around it below
        text = re.sub(r"\b([Nn])['’](?=[^\W\d_]+\s+(?:rien|personne|jamais)\b)", r"\1e ", text)
    pattern, english = table
    text = _drawn_out(text, english)
    text = _clock_words(text, language)
    text = _time_words(_case_endings(_compounds(text, _hyphenated(language)), language), language)
    text = _clitics(text, language, english)
    text = _compound_heads(text, language, english)
    # Turkish 'İ' lowers to 'i' and a combining dot
    text = pattern.sub(lambda m: english.get(m.group(0).lower().replace("i\u0307", "i"), m.group(0)), text)
    text = _reorder(text, language)
    if _grammar().get(language, {}).get("verb_second"):
        # 'elke ochtend open ik de tabel …' → '… open I the table …' → '… I open the table …': the subject before its verb
        verbs = "|".join(
            sorted(
                (re.escape(v).replace(r"\ ", r"\s+") for v in _grammar()["verb_second"]),
                key=len,
                reverse=True,
            )
        )
        text = re.sub(rf"(?<![\w'’-])({verbs})\s+(I|we)\b(?![\w'’-])", r"\2 \1", text)
    text = re.sub(r"\bat(?:\s+at)+\b", "at", text)  # 'saat 9'da' → 'at at 9'
    if _grammar().get(language, {}).get("service_after_noun"):
        # 'los tickets abiertos de Jira' → 'the tickets open of Jira' → 'the open Jira tickets': a state said after
        # its noun, then the items of a service
        text = re.sub(rf"(?<![#\w-])([a-z]+s)\s+({_STATES})\b", r"\2 \1", text)
        # 'por cada pull request abierto' → 'for each pull request open' → 'for each open pull request': one item
        # walked, its state said after it too
        text = re.sub(
            rf"\b(each|every)\s+(pull\s+request|[a-z]+)\s+({_STATES})\b(?!\s+(?:to|for|with)\b)",
            r"\1 \3 \2",
            text,
        )
        text = _service_first(text)
        text = re.sub(
            rf"(?<![#\w-])((?:{_STATES})\s+)?([a-z]+s)\s+of\s+(?:the\s+)?([A-Z][\w]+)\b(?![\w@/-])",
            lambda m: (
                f"{m.group(1) or ''}{m.group(3)} {m.group(2)}"
                if m.group(3).lower() in service_names()
                else m.group(0)
            ),
            text,
        )
        # 'our bot of the Telegram' ('nosso bot do Telegram'), 'the channel of Slack': a bot or a place named by its
        # service, the service first
        text = re.sub(
            r"\b(bot|chatbot|channel|group|account|workspace|server|inbox|board|base)\s+of\s+(?:the\s+)?([A-Z][\w]+)\b(?![\w@/-])",
            lambda m: f"{m.group(2)} {m.group(1)}" if m.group(2).lower() in service_names() else m.group(0),
            text,
        )
        # 'the tab « Orders » of our Google Sheet' → 'the "Orders" tab of …': the name before its place
        text = re.sub(
            r"\b(the|a|our|my|its|their)\s+(tab|sheet|worksheet|table|database|folder|list|board|page|form)\s+(\x00\d+\x00)",
            r"\1 \3 \2",
            text,
            flags=re.I,
        )
    # 'Slack the channel', 'Google the sheet' (a Nordic compound whose noun carries the article) → 'the Slack channel'
    text = re.sub(
        rf"\b([A-Z][\w]+) the ({_PLACE_NOUNS})\b",
        lambda m: (
            f"the {m.group(1)} {m.group(2)}"
            if m.group(1).lower() in service_names() or m.group(1).lower() in ("google", "microsoft")
            else m.group(0)
        ),
        text,
    )
    # French 'not … to them reply not' → 'do not reply them': a negation said around its verb; its second half
    # may be the thing not done to ('ne préviens personne' → 'do not notify anyone', 'ne publie rien' → 'do not
    # post anything', 'ne réponds jamais' → 'do not reply')
    if _grammar().get(language, {}).get("split_negation"):
        text = re.sub(
            r"\bne\s+((?:them|it|me|us|him|her|the|to\s+them)\s+)?([^\W\d_]+)\s+(not|person|nothing|never)\b",
            lambda m: (
                f"do not {m.group(2)} {'it ' if (m.group(1) or '').strip().lower() == 'the' else m.group(1) or ''}".rstrip()
                + {"person": " anyone", "nothing": " anything"}.get(m.group(3).lower(), "")
            ),
            text,
            flags=re.I,
        )
    # 'sotto le 1.000' → 'below the 1,000' → 'below 1,000'; 'R$ 500' → '500 BRL'
    text = re.sub(r"\b(below|above|under|over|than|exceeds)\s+the\s+(?=[$€£]?\s?\d)", r"\1 ", text)
    text = re.sub(r"\bR\$\s?(\d[\d.,]*)", r"\1 BRL", text)
    text = re.sub(
        r"\b(\d{1,2})\s*h(\d{2})?\b", lambda m: f"{m.group(1)}:{m.group(2) or '00'}", text
    )  # 9h, 9h30
    text = re.sub(r"\b(\d{1,2})\s+:00\b", r"\1:00", text)  # 'um 8 Uhr' → 'at 8 :00'
    text = re.sub(r"\b(\d{1,2}[:.]\d{2})\s*:00\b", r"\1", text)  # '7:30 o'clock' said with the hour's word
    text = re.sub(
        r"\b(at\s+\d{1,2})\.(\d{2})\b(?![.,]?\d)", r"\1:\2", text
    )  # 'at 07.45': the Nordic clock's dot
    # '50.000 USD': these languages group thousands with a dot
    text = re.sub(r"(?<=\d)\.(?=\d{3}(?!\d))", ",", text)
    text = re.sub(r"(?<=\d),(?=\d{1,2}(?!\d|,\d))", ".", text)  # and write a decimal comma: '4,50' → '4.50'
    for i, q in enumerate(quoted):  # in the quotes English reads: « Sales », „Tours“, ”Rooms” → "Sales"
        text = text.replace(f"\x00{i}\x00", re.sub(r"^(?:«\s*|„|”)(.*?)(?:\s*»|“|”|\")$", r'"\1"', q))
    # 'an email …, that contains the word X,': a relative clause the source sets off by commas, English does not
    text = re.sub(r",\s+(that\s+(?:contains?|has|have|mentions?|includes?)\b)", r" \1", text)
    # 'antes de enviarlo' → 'before send it': the infinitive after 'before'/'after' said with -ing ('before sending it')
    gerunds = {k: v for k, v in _grammar().get("_gerunds", {}).items() if not k.startswith("_")}
    text = re.sub(
        r"\b(before|after)\s+(" + "|".join(gerunds) + r")\b",
        lambda m: f"{m.group(1)} {gerunds[m.group(2).lower()]}",
        text,
        flags=re.I,
    )
    # 'a summary goes by email to x@y' (German word order): it is e-mailed there
    text = re.sub(
        r"\b(?:goes|go|is\s+sent|are\s+sent|gets\s+sent)\s+by\s+e-?mail\s+to\b", "is emailed to", text
    )
    # 'todo dia 15 de cada mês', 'no dia 5 do mês', 'el día 20 de cada mes' → 'every day 15 of every month': the
    # day of the month said with the word 'day' ('every day' here opens no daily run) → 'on the 15th of every month'
    text = re.sub(
        r"\b(?:(?:every|each|in|on)\s+)?(?:the\s+)?day\s+(\d{1,2})(?:º|°|ª|st|nd|rd|th)?\s+of\s+(?:every|each|the)\s+month\b",
        lambda m: f"on the {m.group(1)}{_ordinal(int(m.group(1)))} of every month",
        text,
        flags=re.I,
    )
    # 'Am 5. jedes Monats', 'am 15. des Monats' (German) → 'am 5. of each month': the day's number with its ordinal
    # dot → 'on the 5th of every month'
    text = re.sub(
        r"\b(?:(?:am|on)\s+(?:the\s+)?|the\s+)?(\d{1,2})\.\s+(?=of\s+(?:every|each|the)\s+month\b)",
        lambda m: f"on the {m.group(1)}{_ordinal(int(m.group(1)))} ",
        text,
        flags=re.I,
    )
    # 'the 5 of every month' (French, Spanish, Italian, Portuguese) → 'the 5th of every month'
    text = re.sub(
        r"\b(the\s+)(\d{1,2})(\s+of\s+(?:every|each|the)\s+month)\b",
        lambda m: m.group(1) + m.group(2) + _ordinal(int(m.group(2))) + m.group(3),
        text,
    )
    # 'on each new Typeform response a row is created …' (German), 'for each lead the seller gets …' (Swedish): the
    # event or the item, then what is done
    text = re.sub(
        r"\b((?:on|for)\s+(?:each|every)(?:\s+new)?(?:\s+(?!(?:in|of|on|at|from|to|for|by|via|into|and|or)\b)"
        r"[\w\"'“”-]+){1,4}?"
        # '… in the folder "Client docs"': where it arrives, named
        r"(?:\s+(?:in|from|on|into)\s+(?:the|our|my)\s+(?:[\w-]+\s+){0,2}\"[^\"\n]+\"(?:\s+[\w-]+)?)?)"
        r"\s+(?=(?:an?|the|our|my)\s)",
        lambda m: m.group(0) if _said_step(m.group(1)) else m.group(1) + ", ",
        text,
    )
    # ('I want the AI to understand …, that the order is logged in … and that the customer gets …': the wishes after
    # the first, each said with the language's 'that', listed as English lists them)
    text = re.sub(
        r"\bI\s+want\b[^.!?\n]*",
        lambda m: re.sub(
            r"(,|\s+and)\s+that\s+(?=(?:the|a|an|our|my|each|every)\s)",
            lambda c: c.group(1) + " ",
            m.group(0),
        ),
        text,
    )
    # 'no le mandes ningún correo', 'não avise ninguém', 'non avvisare nessuno' → 'not send no email', 'not notify
    # nobody': a command said with the language's 'not' (and a double negative) is English's "don't … any"
    text = re.sub(
        r"(^|[.!?;:\n]\s*|,\s+|\band\s+|\bplease\s+)not\s+(?:(?:le|les|lhe|lhes|gli|ci)\s+)?(?=(?:send|post|notify|email|e-mail|mail|message|text|tell|reply|answer|"
        r"write|create|add|update|comment|forward|share|publish|save|delete|remove|touch|change|modify|contact|ping|call|"
        r"copy|include|mention|announce|tweet|upload|put|alert|warn|inform)\b)",
        r"\1don't ",
        text,
        flags=re.I,
    )
    text = re.sub(
        r"\b(don't|do\s+not|never)\b([^.!?;\n]*?)(?=\b(?:if|when|unless|otherwise|but|because|since|as\s+long\s+as)\b|[.!?;\n]|$)",
        lambda m: (
            m.group(1)
            + re.sub(
                r"\b(?:nothing|nobody|no\s+one|no)\b(?!-)",
                lambda w: {"nothing": "anything", "nobody": "anyone", "no one": "anyone", "no": "any"}[
                    re.sub(r"\s+", " ", w.group(0).lower())
                ],
                m.group(2),
            )
        ),
        text,
        flags=re.I,
    )
    text = _english_articles(text)
    # a paragraph stays one (the request after a greeting or background is its own sentence)
    return re.sub(r"[^\S\n]*\n\s*\n\s*", "\n\n", re.sub(r"[^\S\n]{2,}", " ", text)).strip()


def _english_articles(text: str) -> str:
    """'send a overview', 'a issue is opened' → 'an overview', 'an issue' (the table writes 'a' for every 'een', 'un');
    'ask to the AI a summary' ('chiedi all'IA un riassunto', 'demande à l'IA un résumé') → 'ask the AI for a
    summary'. The user's own quoted words, addresses and names stay as written."""
    text = re.sub(r"\bask\s+to\s+the\s+AI\s+(?=(?:a|an|the|some)\s)", "ask the AI for ", text)
    kept = [(m.start(), m.end()) for m in _OWN.finditer(text)]
    out, at = [], 0
    for a, b in [*kept, (len(text), len(text))]:
        part = re.sub(
            r"\b(a|A)(\s+)(?=(?:[aeio]|u(?!s|n[iy]|r|t|k|b|se))(?!eu|one\b|once\b)[a-z])",
            r"\1n\2",
            text[at:a],
        )
        out += [part, text[a:b]]
        at = b
    return "".join(out)
