"""A place told of in passing, then named again by its noun alone.

'Loans are tracked in the "Loans" tab of our studio sheet. … could you go through that tab and …', 'Our contracts
are listed in an Excel workbook on OneDrive (the "Contracts" sheet). … please read that sheet …', 'We have a Google
Drive folder called "Supplier contracts" … lists the PDFs in that folder': the later words name no service, so the
step they ask for had nowhere to read (or write). Written out as the place told of ('go through the "Loans" tab of
the Google Sheets', 'read the "Contracts" Excel sheet', 'lists the PDFs in the "Supplier contracts" Google Drive
folder'), the clause reads there like one that named it itself. Only where the clause reads or writes it ('when the
doc is ready', 'the link of the doc' stay as said), and only a place told of before.

Which nouns may name a place again, and which of them name the same place, is data (services.json 'place_nouns');
which service keeps a place under a noun comes from the registry (a field named by the noun, services.resource_fields;
a tab, a range field).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lib.generation import lexicon as lx
from lib.generation import rx as re
from lib.generation import services
from lib.generation.lexicon import lexicon

_QUOTED = r"(?:\"([^\"\n]{1,60})\"|“([^”\n]{1,60})”|‘([^’\n]{1,60})’|(?<!\w)'([^'\n]{1,60})'(?!\w))"
# a capitalised name the user gave it, unquoted ('the Prospects table', 'the Contractors tab')
_TITLED = r"((?-i:[A-Z][\w&-]*)(?:\s+(?-i:[A-Z][\w&-]*)){0,2})"
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
# what is done with it, said before it in the same clause: a read or a write ('go through that tab', 'lists the PDFs
# in that folder', 'append a row to that sheet', 'for each row in the tab')
_DONE = re.compile(
    r"\b(?:fetch|get|gets|read|reads|pull|pulls|check|list|lists|load|grab|scan|look\s+at|retrieve|"
    r"go(?:es)?\s+through|loop\s+(?:over|through)|export|exports|download|query|open|opens|search|searches|"
    r"each|every|append|appends|add|adds|write|writes|save|saves|log|logs|update|updates|insert|inserts|put|puts|"
    r"upload|uploads|store|stores|copy|copies|count|counts|tally|look\s+(?:[\w'-]+\s+){0,3}?up|look\s+in|find|finds|take|takes|picks?\s+up|collects?|process|processes)\b",
    re.I,
)


# a verb that reads the place whose quoted name follows it ('read 'Stock'', 'go through "Loans"', 'summarise 'Q3'')
_READ_VERB = (
    r"(?:read|reads|pull|pulls|fetch|fetches|load|loads|scan|scans|check|checks|export|exports|open|opens|"
    r"go(?:es)?\s+through|look\s+(?:at|through|in|up)|summari[sz]e|summari[sz]es|review|reviews|use|uses|search|searches|"
    r"query|queries)"
)


@dataclass
class _Place:
    start: int
    end: int
    key: str  # the integration
    nouns: frozenset[str]  # the nouns that name it ('tab', 'sheet' for 'the "Loans" tab of our studio sheet')
    name: str | None  # the name the user gave it
    written: str  # the place written out, to stand for a later mention
    quoted: bool = False  # its name was quoted ('table "job_runs"'): a later mention may give the name alone


@lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset[str]]:
    return {noun: frozenset(same) for noun, same in services.data()["place_nouns"].items()}


@lru_cache(maxsize=64)
def _kept_under(block_type: str) -> frozenset[str]:
    """The nouns `block_type` keeps a place under: a field one names (in any operation), a tab with a range field."""
    from lib.sim.registry import get_block

    nouns = {
        noun
        for operation in services.operations().get(block_type, {})
        for _, named, _ in services.resource_fields(block_type, operation)
        for noun in named
        if noun in _groups()
    }
    spec = get_block(block_type)
    if spec is not None and spec.sub_block("range") is not None:
        nouns |= _groups()["tab"]
    return frozenset(nouns)


def _own_noun(block_type: str, said: str) -> str | None:
    """The noun a place of `block_type` named in brackets after the service ('Google Docs ("Brief")', 'Airtable
    ("Leads")') is: the one the service's own name holds ('docs'), else that of its read's first named field."""
    kept = _kept_under(block_type)
    inner = [w for w in re.findall(_nouns_re(), said.lower()) if w in kept]
    if inner:
        return inner[-1]
    read = (lexicon()["integrations"].get(block_type) or {}).get("read") or {}
    for _, named, _ in services.resource_fields(block_type, read.get("operation")):
        for noun in named:
            if noun in kept:
                return noun
    return None


def _nouns_re() -> str:
    return r"(?:" + "|".join(sorted(_groups(), key=len, reverse=True)) + r")"


def _mentions(low: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, integration, named by a common noun) for every mention of a service that keeps places."""
    found = []
    for key, entry in lexicon()["integrations"].items():
        if not _kept_under(entry["type"]):
            continue
        for phrase in entry["phrases"]:
            p = phrase.strip()
            if not p or p not in low:
                continue
            for m in re.finditer(r"(?<![\w#@/])" + re.escape(p) + r"(?![\w@/])", low):
                common = p in lx._COMMON_NOUNS
                if common and lx._owned_noun(" " + low, m.start() + 1, key, p):
                    continue  # 'our Excel sheet': the sheet is Excel's
                found.append((m.start(), m.end(), key, common))
    merged: list[tuple[int, int, str, bool]] = []
    for start, end, key, common in sorted(found):
        last = merged[-1] if merged else None
        if last is not None and last[2] == key and start <= last[1] + 1:
            # 'Google Drive folder' ('google drive', 'drive folder'): one mention
            merged[-1] = (last[0], max(end, last[1]), key, last[3] and common)
        else:
            merged.append((start, end, key, common))
    return merged


def _service_words(key: str, said: str, common: bool) -> str:
    """How the place's service is written out: as the user named it, unless by a common noun ('our studio sheet')."""
    if not common:
        return said
    phrases = [
        p.strip() for p in lexicon()["integrations"][key]["phrases"] if p.strip() not in lx._COMMON_NOUNS
    ]
    return max(phrases, key=len).title() if phrases else said


def _each_match(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """`pattern.finditer`, but a match whose name is a service's ('the S3 bucket "acme-reports"': 'S3') gives way
    to the one starting inside it ('bucket "acme-reports"')."""
    out: list[re.Match[str]] = []
    at = 0
    while (m := pattern.search(text, at)) is not None:
        out.append(m)
        titled = m.group("n5") is not None and lx.integrations_in(m.group(0))
        at = m.start() + 1 if titled else max(m.end(), m.start() + 1)
    return out


def _places(text: str) -> list[_Place]:
    """The places `text` tells of: a service's tab, sheet, doc, folder … with the name the user gave it (or without)."""
    low = lx.URL_RE.sub(lambda m: " " * len(m.group(0)), lx.mask_names(text)).lower()
    raw = lx.URL_RE.sub(lambda m: " " * len(m.group(0)), text)
    mentions = _mentions(low)
    if not mentions:
        return []
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(raw)] + [len(raw)]

    def sentence(at: int) -> tuple[int, int]:
        a = max(b for b in bounds if b <= at)
        return a, min(b for b in bounds if b > at) if any(b > at for b in bounds) else len(raw)

    nouns = _nouns_re()
    # ('Confluence ("Release calendar" page)', 'Airtable (base "Vendors", table "Invoices")', 'Pinecone index
    # "product-docs"': an intake form's tools field names the place with its noun before or after the name)
    named = re.compile(
        rf"(?:\b(?:the|a|an|our|my|its|their)\s+)?{_QUOTED}\s+(?P<n1>{nouns})s?\b"
        rf"|\b(?P<n2>{nouns})s?\s+(?:called|named|titled)\s+(?:{_QUOTED}|{_TITLED})"
        rf"|\b(?P<n3>{nouns})s?\s*\(\s*(?:the\s+|called\s+|named\s+)?{_QUOTED}\s*(?:(?P<n4>{nouns})s?\s*)?\)"
        # ('the Google Sheet "Webinar Attendees"', "the Google Sheet 'Shop Pickups'": a capitalised word before a noun
        # its quoted name follows is the service's, not the place's name)
        rf"|\b(?:the|our|my)\s+{_TITLED}\s+(?P<n5>{nouns})s?\b(?!\s*[\"“‘]|\s+')"
        rf"|\b(?P<n6>{nouns})s?\s+{_QUOTED}",
        re.I,
    )
    noun_groups = {i for n, i in named.groupindex.items() if n.startswith("n")}
    places: list[_Place] = []
    for m in _each_match(named, raw):
        name = next((g for i, g in enumerate(m.groups(), 1) if g and i not in noun_groups), None)
        noun = next(m.group(n).lower() for n in ("n4", "n1", "n2", "n3", "n5", "n6") if m.group(n))
        quoted = name is not None and any(q + name in m.group(0) for q in "\"“‘'")
        # ('the Customers Google Sheet' names the service; a quoted name is the user's: "Content Calendar")
        if not name or (not quoted and lx.integrations_in(name)) or not re.search(r"[A-Za-z]", name):
            continue
        a, b = sentence(m.start())
        # the service that keeps it: in the same sentence, named by its own name before a common noun, nearest first
        kept = [
            x
            for x in mentions
            if a <= x[0] < b and noun in _kept_under(lexicon()["integrations"][x[2]]["type"])
        ]
        if not kept:
            continue
        start, end, key, common = min(kept, key=lambda x: (x[3], abs(x[0] - m.start())))
        span = (min(start, m.start()), max(end, m.end()))
        told = (
            frozenset(g for w in re.findall(nouns, low[span[0] : span[1]]) for g in _groups()[w])
            | _groups()[noun]
        )
        service = _service_words(key, text[start:end], common)
        if noun in ("tab", "worksheet"):
            written = f'the "{name}" tab of the {service}'
        elif re.search(rf"\b(?:{'|'.join(_groups()[noun])})$", service, re.I):
            written = f'the "{name}" {service}'  # 'the "Brief" Google Doc', 'the "Q3" Google Drive folder'
        else:
            written = f'the "{name}" {service} {noun}'  # 'the "Suppliers" Excel sheet'
        places.append(_Place(span[0], span[1], key, told, name, written, quoted))
    for start, end, key, common in mentions:
        # 'Google Docs ("Weekly sync notes")': the service's own place, named in brackets right after it
        bracket = re.match(rf"\s*\(\s*{_QUOTED}\s*\)", raw[end:])
        if common or bracket is None or any(p.start <= end + bracket.end() - 1 < p.end for p in places):
            continue
        name = next(g for g in bracket.groups() if g)
        noun = _own_noun(lexicon()["integrations"][key]["type"], low[start:end])
        if noun is None or lx.integrations_in(name):
            continue
        service = text[start:end]
        written = (
            f'the "{name}" {service}'
            if re.search(rf"\b(?:{'|'.join(_groups()[noun])})s?$", service, re.I)
            else f'the "{name}" {service} {noun}'
        )
        places.append(_Place(start, end + bracket.end(), key, _groups()[noun], name, written, quoted=True))
    for start, end, key, common in mentions:
        if common or any(p.start <= start < p.end for p in places):
            continue
        # 'a Google Doc', 'an Excel workbook', 'our Google Drive folder': a place with no name of its own
        said = text[start:end]
        after = re.match(rf"\s+({nouns})s?\b", low[end:])
        inner = [
            w
            for w in re.findall(nouns, low[start:end])
            if w in _kept_under(lexicon()["integrations"][key]["type"])
        ]
        noun = (after.group(1) if after else None) or (inner[-1] if inner else None)
        if noun is None or noun not in _kept_under(lexicon()["integrations"][key]["type"]):
            continue
        stop = end + (after.end() if after else 0)
        written = f"the {text[start:stop]}" if after or inner else f"the {said} {noun}"
        places.append(_Place(start, stop, key, _groups()[noun], None, written))
    return sorted(places, key=lambda p: p.start)


def _tokens(words: str) -> set[str]:
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.findall(r"[a-z0-9]+", words.lower())}


def _reads_here(text: str, at: int, end: int, makes: bool = False) -> bool:
    """Whether the mention at `at`…`end` is where a step reads or writes (with `makes`, or creates something in),
    naming no service for it itself."""
    clause = re.split(r"[.,;:!?()\n]|\b(?:and|then|but|or)\b", text[:at])[-1]
    if not (
        _DONE.search(clause[-80:]) or makes and re.search(r"\b(?:create|creates|make|makes)\b", clause[-80:])
    ):
        return False  # 'when the doc is ready', 'the doc's content': not where a step reads or writes
    placed = re.match(
        r"\s+(?:of|in|on|from|at|inside)\s+(?:the\s+|our\s+|my\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,2}?(\S+(?:\s+\S+)?)",
        text[end : end + 60],
    )
    return not (placed and lx.integrations_in(placed.group(0)))  # 'that sheet in Excel': it says itself where


def _said_again(text: str, places: list[_Place]) -> list[tuple[int, int, str]]:
    """(start, end, the place written out) for each later mention of a named place by its name in other case or in
    part, before its noun ('the stock levels workbook', 'the FAQ doc', 'the product-docs index'), or by a quoted
    name alone after a preposition ('count the new rows in users')."""
    named = [p for p in places if p.name]
    if not named:
        return []
    nouns = _nouns_re()
    found: list[tuple[int, int, str]] = []
    worded = re.compile(
        rf"\b(?:that|this|the)\s+(?:same\s+)?(?P<words>[\w&'’-]+(?:\s+[\w&'’-]+){{0,4}}?)\s+(?P<noun>{nouns})s?\b"
        # ('the content calendar database': the last noun is the place's, the one before it part of its name)
        rf"(?!['’]s\b)(?!\s+{nouns}s?\b)",
        re.I,
    )
    for m in worded.finditer(text):
        said = _tokens(m.group("words"))
        if not said:
            continue
        noun = m.group("noun").lower()
        told = [p for p in named if p.end <= m.start() and noun in p.nouns and said <= _tokens(p.name or "")]
        whole = [p for p in told if said == _tokens(p.name or "")]
        told = whole or told
        if len({p.key for p in told}) != 1 or not _reads_here(text, m.start(), m.end()):
            continue
        found.append((m.start(), m.end(), told[-1].written))
    # 'Systems: Supabase (table "deals") … query the data in Supabase': the service alone, in a later sentence, is
    # the one place of it told of
    low = lx.URL_RE.sub(lambda m: " " * len(m.group(0)), lx.mask_names(text)).lower()
    for start, end, key, common in _mentions(low):
        own = [p for p in named if p.key == key and p.end <= start]
        if common or len({p.name for p in own}) != 1 or not _SENTENCE_END.search(text, own[0].end, start):
            continue
        if re.match(rf"\s*(?:{nouns})s?\b", low[end:]) or re.search(
            rf"(?:{nouns})s?\s+(?:of|in|on|from|at|inside)\s+(?:the\s+|our\s+|my\s+)?$",
            low[max(0, start - 60) : start],
        ):
            continue  # 'the Supabase table', 'the "orders" table in Supabase': a place said with it
        if _reads_here(text, start, start):
            found.append((start, end, own[0].written))
    for place in named:
        if not place.quoted:
            continue
        bare = re.compile(
            # (a one-word name as the user wrote it: 'the tasks for today' is no place 'Tasks'; 'the signups log' is
            # the place "Signups Log"; not the start of an address: 'email the list to dispatch@…' beside the table
            # 'Dispatch')
            # ('create their folder inside 'Clients 2026'': the name quoted again, alone)
            r"\b(?:in|from|into|to|of|on|inside|within)\s+(?P<at>(?:the\s+)?(?P<q>[\"“'‘])?"
            + (
                re.escape(place.name or "")
                if " " in (place.name or "")
                else f"(?-i:{re.escape(place.name or '')})"
            )
            + r"(?(q)[\"”'’]|\b))"
            rf"(?!['’]s\b|\s*[\"”’]|\s+{nouns}s?\b|[@.][\w-])",
            re.I,
        )
        for m in bare.finditer(text, place.end):
            # (a quoted name said again is the place a step makes something in too: 'create a folder inside 'X'')
            if _reads_here(text, m.start("at"), m.end("at"), makes=m.group("q") is not None):
                found.append((m.start("at"), m.end("at"), place.written))
        # "I write the catch into a Google Sheet called 'This Week's Catch' … every Friday, read 'This Week's Catch'":
        # the quoted name alone, right after the verb that reads it, is that place too
        # ('look up the Waitlist for …': unquoted, the name as the user wrote it, its noun unsaid)
        read = re.compile(
            rf"\b{_READ_VERB}\s+(?P<at>(?:the\s+|our\s+|my\s+)?(?:whole\s+|entire\s+|full\s+|latest\s+)?"
            rf"(?:[\"“'‘]{re.escape(place.name or '')}[\"”'’]|(?-i:{re.escape(place.name or '')})(?![\w'’-]|\s+{nouns}s?\b)))",
            re.I,
        )
        for m in read.finditer(text, place.end):
            if not any(a <= m.start("at") < b for a, b, _ in found):
                found.append((m.start("at"), m.end("at"), place.written))
    return found


# 'a chat …, which answers from that', 'export the table and save it there': a place told of in a sentence before,
# pointed at with a pronoun where a step reads from it or writes to it
_POINTED = re.compile(
    r"\b(?P<verb>answer(?:s|ing)?|repl(?:y|ies|ying)|respond(?:s|ing)?|draw(?:s|ing)?|pull(?:s|ing)?|"
    r"read(?:s|ing)?|search(?:es|ing)?)\s+(?:[\w'’-]+\s+){0,3}?(?:only\s+|just\s+)?from\s+(?P<at>that|it|there|this)\b"
    r"(?!['’])"
    r"|\b(?P<wverb>save|saves|put|puts|store|stores|drop|drops|upload|uploads|dump|dumps)\s+(?:it|them|this|that|"
    r"(?:the|each)\s+[\w-]+)\s+(?P<there>there)\b",
    re.I,
)


def _pointed_again(
    text: str, places: list[_Place], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """(start, end, the place written out) for 'from that' / 'save it there' pointing at the one place named in a
    sentence before (not the same sentence: 'search the KB and answer from it' points at what was found)."""
    named = [p for p in places if p.name]
    out = []
    for m in _POINTED.finditer(text):
        at = "at" if m.group("at") else "there"
        if any(a < m.end() and m.start() < b for a, b, _ in found):
            continue
        before = [p for p in named if p.end <= m.start()]
        if len({(p.key, p.name) for p in before}) != 1:
            continue
        if not _SENTENCE_END.search(text, before[-1].end, m.start()):
            continue
        clause = re.split(r"[.;:!?\n]", text[: m.start()])[-1]
        if re.search(
            r"\bso\s+(?:that\s+)?(?:[\w'’-]+\s+){0,4}?(?:can|could|will|would|may)\b|\bin\s+order\s+to\b",
            clause,
            re.I,
        ):
            continue  # '… add it to the knowledge base so the assistant can answer from it': what it is for, later
        place = before[-1].written
        out.append((m.start(at), m.end(at), place if at == "at" else f"in {place}"))
    return out


# a read said before a place, in its sentence ('read the new rows of …', 'get today's orders from …')
_READ_BEFORE = re.compile(
    r"\b(?:read|reads|get|gets|fetch|fetches|pull|pulls|grab|grabs|load|loads|go(?:es)?\s+through)\b[^.;!?\n]*$",
    re.I,
)


def _items_again(
    text: str, places: list[_Place], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """(start, end, the items written out as that place's) for 'every row', 'each record' said alone where a step
    goes through them, after one named place that holds such items was told of ('I have a Google Sheet "Leads Q3"
    … goes through every row' → 'every row of the "Leads Q3" Google Sheet')."""
    holders = services.data().get("place_items", {})
    if not holders:
        return []
    items = re.compile(
        # ('each new PDF', 'every incoming file': the items as they arrive there)
        r"\b(?:every|each|all(?:\s+the)?)\s+(?:(?:new|incoming|newly\s+added|added)\s+)?(?P<item>"
        + "|".join(holders)
        + r")s?\b"
        r"(?!\s+(?:of|in|from|on|inside)\b|['’])",
        re.I,
    )
    out = []
    for m in items.finditer(text):
        if any(a < m.end() and m.start() < b for a, b, _ in found) or not _reads_here(
            text, m.start(), m.end()
        ):
            continue
        told = [
            p
            for p in places
            if p.name and p.end <= m.start() and p.nouns & set(holders[m.group("item").lower()])
        ]
        if len({(p.key, p.name) for p in told}) != 1:
            continue
        opened = max([0] + [e.end() for e in _SENTENCE_END.finditer(text, 0, told[-1].start)])
        if m.start() < min([len(text)] + [e.end() for e in _SENTENCE_END.finditer(text, told[-1].end)]) and (
            _READ_BEFORE.search(text, opened, told[-1].start)
        ):
            continue  # ('read the rows from the Google Sheet 'Orders' and add each row to …': the rows just read)
        out.append((m.start(), m.end(), f"{m.group(0)} of {told[-1].written}"))
    # ('… moved consent forms into Airtable, table 'Surgery Consents'. … take the consents created that day'): the
    # items named by the last word of one place's quoted name, read where a step reads, are that place's
    for place in places:
        last = re.findall(r"[A-Za-z]+", place.name or "")
        # (a name of two words or more: a one-word name, 'Tasks', is the place's own name said again, `_said_again`)
        if not place.quoted or len(last) < 2 or not last[-1].lower().endswith("s") or len(last[-1]) < 4:
            continue
        same = [p for p in places if p.name and re.findall(r"[A-Za-z]+", p.name)[-1:] == last[-1:]]
        if len({(p.key, p.name) for p in same}) != 1:
            continue
        # (right after a verb that takes them: 'take the consents created that day', 'go through all the consents')
        said = re.compile(
            r"\b(?:take|takes|get|gets|read|reads|pull|pulls|fetch|fetches|grab|grabs|go(?:es)?\s+through|check|checks|"
            r"collect|collects|process|processes|export|exports|load|loads)\s+"
            rf"(?P<items>(?:the|all(?:\s+the)?|today['’]s|new|(?:every|each)(?:\s+of\s+the)?)\s+(?:new\s+)?"
            rf"{re.escape(last[-1])})\b"
            r"(?!\s+(?:of|in|from|on|inside)\b|['’]|[\"”])",
            re.I,
        )
        for m in said.finditer(text, place.end):
            at, end = m.span("items")
            taken = any(a < end and at < b for a, b, _ in found + out)
            if not taken and _reads_here(text, at, end):
                out.append((at, end, f"{m.group('items')} in {place.written}"))
    return out


# 'Shared inbox hr@ (Outlook)', 'invoices arrive at invoices@ (Gmail)', 'ops@acme.io is an Outlook mailbox': a mailbox
# told of by its address, with the mail service that keeps it
_MAILBOX_TOLD = re.compile(
    r"(?<![\w.+-])(?P<addr>[\w.+-]+@(?:[\w-]+(?:\.[\w-]+)+)?)(?![\w@])\s*"
    r"(?:\(\s*(?:in\s+|on\s+)?(?P<svc1>outlook|gmail)\s*\)|(?:is|lives|sits)\s+(?:in|on)\s+(?P<svc2>outlook|gmail)\b"
    r"|(?:is|=)\s+(?:an?\s+|our\s+)?(?P<svc3>outlook|gmail)\s+(?:inbox|mailbox|account)\b)",
    re.I,
)
# '… read new mail in hr@ and …', 'check the mail at hr@': that mailbox named again by its address alone
_MAILBOX_READ = (
    r"\b(?:read|reads|check|checks|scan|scans|go\s+through|goes\s+through|fetch|fetches|pull|pulls)\b"
)


def mailbox_again(text: str) -> str:
    """`text` with a later read of a mailbox told of by its address and service ('Shared inbox hr@ (Outlook) …
    read new mail in hr@') written out with its service ('read new mail in the hr@ Outlook inbox'), so the read
    goes to that service; a mention with its own service, or not read in its clause, stays."""
    told = {
        m.group("addr").lower(): (m.end(), m.group("svc1") or m.group("svc2") or m.group("svc3"))
        for m in _MAILBOX_TOLD.finditer(text)
    }
    if not told:
        return text

    def written(m: re.Match[str]) -> str:
        addr = m.group("addr")
        end, service = told.get(addr.lower(), (len(text) + 1, ""))
        if m.start() < end or not re.search(_MAILBOX_READ, m.group("lead"), re.I):
            return m.group(0)
        return f"{m.group('lead')}{m.group('prep')} the {addr} {service.title()} inbox"

    return re.sub(
        r"(?P<lead>" + _MAILBOX_READ + r"[^.;:\n]{0,40}?\s)(?P<prep>in|from|at)\s+(?:the\s+)?"
        r"(?P<addr>[\w.+-]+@(?:[\w-]+(?:\.[\w-]+)+)?)(?![\w@])(?!\s*(?:\(|inbox|mailbox|outlook|gmail))",
        written,
        text,
        flags=re.I,
    )


# '(their number is in the sheet)': where a value a step needs is kept, a place told of before, by its noun
_KEPT_IN_NOUN = re.compile(
    r"\((?:(?:the|our|their|his|her|its)\s+)?[\w'-]+(?:\s+[\w'-]+){0,3}?\s+"
    r"(?:is|are|lives?|sits?|(?:is\s+|are\s+)?kept|(?:is\s+|are\s+)?stored|can\s+be\s+found)\s+in\s+"
    r"(?P<ref>(?:the|that|this|our|my)\s+(?:same\s+)?(?P<noun>[a-z]+))\s*\)",
    re.I,
)


def kept_in_told(text: str) -> str:
    """'We keep a waitlist in the Google Sheet 'Waitlist'. … text the first person on the waitlist (their number is in
    the sheet)': the place an aside says a value is kept in, by its noun alone, written out as the place told of
    before it (one service's), so the aside reads there (`lexicon.kept_lookups`)."""
    places = _places(text)
    if not places:
        return text
    out: list[str] = []
    last = 0
    for m in _KEPT_IN_NOUN.finditer(text):
        noun = m.group("noun").lower()
        noun = noun[:-1] if noun.endswith("s") and noun[:-1] in {n for p in places for n in p.nouns} else noun
        told = [p for p in places if p.end <= m.start() and noun in p.nouns]
        if not told or len({p.key for p in told}) > 1:
            continue
        out += [text[last : m.start("ref")], told[-1].written]
        last = m.end("ref")
    return "".join(out) + text[last:] if out else text


# 'waitlist kept in Airtable 'Berth Waitlist'', 'the roster lives in the Google Sheet "Crew"', 'waitlist in Airtable
# 'Class Waitlist'': a word the user calls a named place of a service by (its label), told before a step uses it
_TOLD_BY = (
    r"\b(?P<label>[a-z][a-z-]{3,})\s+(?:(?:is|are)\s+)?(?:(?:kept|stored|tracked|held|managed|maintained|lives?|sits?)\s+)?"
    r"in\s+(?:the\s+|our\s+|an?\s+)?(?P<service>%(services)s)(?:\s+(?P<noun>%(nouns)s)s?)?\s+(?P<name>%(quoted)s)"
)


def labelled_places(text: str) -> str:
    """'- waitlist kept in Airtable 'Berth Waitlist' … - email the first three people on the waitlist' → '… on the
    'Berth Waitlist' Airtable table': a later mention of a named place by the word the text told it by, where a step
    reads or writes it, written out as that place. Not a word that is itself a place's noun ('the sheet': named_again),
    a word told of two places, or a mention that names its own service."""
    told = re.compile(
        _TOLD_BY % {"services": lx._place_services().pattern, "nouns": _nouns_re(), "quoted": _QUOTED}, re.I
    )
    labels: dict[str, list[tuple[int, str]]] = {}
    for m in told.finditer(text):
        label = m.group("label").lower()
        if re.fullmatch(_nouns_re() + "s?", label) or label in lexicon()["filler_words"]:
            continue
        keys = {k for _, k in lx.integrations_in(m.group("service"))}
        if len(keys) != 1:
            continue
        (key,) = keys
        name = next(g for g in m.groups()[-4:] if g)
        noun = (m.group("noun") or next((n for n in _PREFERRED if n in _kept_under(key)), "")).lower()
        labels.setdefault(label, []).append((m.end(), f"the '{name}' {m.group('service')} {noun}".rstrip()))
    edits: list[tuple[int, int, str]] = []
    for label, where in labels.items():
        if len({w for _, w in where}) != 1:
            continue
        mention = re.compile(
            rf"\b(?:the|our|that)\s+{re.escape(label)}\b(?!['’]s\b|\s+{_nouns_re()}s?\b|[-\w])", re.I
        )
        edits += [
            (m.start(), m.end(), where[0][1])
            for m in mention.finditer(text, where[0][0])
            if _reads_here(text, m.start(), m.end())
        ]
    for start, end, written in sorted(edits, reverse=True):
        text = text[:start] + written + text[end:]
    return text


# the noun a place named with its service alone is written out with, first the one its block keeps
_PREFERRED = ("table", "sheet", "database", "list", "base", "board", "project", "folder", "doc", "page")


# a name said right after a place's noun ('the sheet 'Reminder Log'', 'the table called "Leads"')
_NAMED_AFTER = re.compile(r"\s+(?:called\s+|named\s+|titled\s+)?[\"“'‘`](?P<name>[^\"”'’`\n]{1,60})[\"”'’`]")


def named_again(text: str) -> str:
    """`text` with each later mention of a place told of by its noun alone ('that tab', 'the doc', 'the Prospects
    table') or by its name again ('the stock levels workbook', 'rows in users') written out as that place, when the
    clause reads or writes it and names no service for it itself."""
    places = _places(text)
    if not places:
        return text
    nouns = _nouns_re()
    again = re.compile(
        rf"\b(?P<det>that|this|the)\s+(?:same\s+)?(?:(?:{_QUOTED}|{_TITLED})\s+)?(?P<noun>{nouns})s?\b(?!['’]s\b)",
        re.I,
    )
    found = _said_again(text, places)
    for m in again.finditer(text):
        if any(a < m.end() and m.start() < b for a, b, _ in found):
            continue
        noun = m.group("noun").lower()
        name = next((g for g in m.groups()[1:6] if g), None)
        if not _reads_here(text, m.start(), m.end()):
            continue
        if name and (lx.integrations_in(name) or name.lower() in ("same",)):
            continue  # 'the Excel sheet', 'the Google Doc': the service is named
        told = [
            p
            for p in places
            if p.end <= m.start()
            and noun in p.nouns
            and (name is None or (p.name or "").lower() == name.strip().lower())
        ]
        if not told or (name is None and m.group("det").lower() == "the" and len({p.key for p in told}) > 1):
            continue
        place = told[-1]
        if m.start() < place.end:
            continue
        after = _NAMED_AFTER.match(text, m.end())
        if (
            name is None
            and noun not in ("tab", "worksheet")
            and after
            and after.group("name").strip().lower() != (place.name or "").lower()
        ):
            # '… Add a line for each email sent to the sheet 'Reminder Log'': another place, named after its noun
            # ('that tab 'July'' is the told sheet's)
            continue
        found.append((m.start(), m.end(), place.written))
    found += _items_again(text, places, found)
    found += _pointed_again(text, places, found)
    out: list[str] = []
    last = 0
    for a, b, written in sorted(found):
        if a < last:
            continue
        out += [text[last:a], written]
        last = b
    return "".join(out) + text[last:] if out else text


# A defined term: a short label the writer gives a place once ('"the Register" means the Google Sheet titled
# 'Licence Register'', 'the Notion database 'Open Grants' (hereinafter "the Grants Tracker")') and then names it by.
_LABEL = r"(?:the\s+)?(?P<label>(?-i:[A-Z][\w&-]*)(?:\s+(?-i:[A-Z][\w&-]*)){0,3})"
_OPEN, _CLOSE = r"[\"“'‘]", r"[\"”'’]"
# the label first, what it means after: '"the Register" means …', '"Portfolio": the …', '"the Portfolio", an
# Airtable table called …', 'Register means …' opening a line, 'when I say "the Tracker" I mean …'
_DEFINES = re.compile(
    rf"(?:(?<![\w'’]){_OPEN}{_LABEL}{_CLOSE}\s*(?:means|shall\s+mean|refers\s+to|shall\s+refer\s+to|denotes|"
    rf"is\s+defined\s+as|(?P<set_off>:|,(?=\s+(?:an?|the|our)\s)))"
    rf"|(?:^|\n)\s*(?:[\w.()-]{{1,8}}\s+)?(?!(?:this|that|it|which|what)\b){_LABEL.replace('label', 'label2')}"
    rf"\s+(?:means|shall\s+mean)"
    rf"|\b(?:when|where|whenever)\s+(?:I|we)\s+say\s+{_OPEN}{_LABEL.replace('label', 'label3')}{_CLOSE},?\s+"
    rf"(?:I|we)\s+mean)\s+",
    re.I,
)
# the place first, its label after, in brackets or set off: '… 'Approved Vendors' (the "Vendor List")', '…
# (hereinafter "the Grants Tracker")', ', hereinafter referred to as "the Ledger",'
_LABELLED = re.compile(
    rf"\(\s*(?:(?:hereinafter|hereafter)\s+(?:(?:referred\s+to\s+as|called)\s+)?)?(?:the\s+)?{_OPEN}{_LABEL}{_CLOSE}\s*\)"
    rf"|,?\s*\b(?:hereinafter|hereafter)\s+(?:(?:referred\s+to\s+as|called)\s+)?(?:the\s+)?{_OPEN}"
    rf"{_LABEL.replace('label', 'label2')}{_CLOSE}",
    re.I,
)
# where the meaning ends: who keeps it, what it is for, the next definition
_MEANT_END = re.compile(
    r"\s+(?:maintained|kept|owned|managed|operated|administered|used|hosted|run|updated|shared)\s+by\b"
    r"|\s+(?:which|who|whose|that|where|in\s+which)\b|[,;](?:\s|$)|[.!?](?=\s|$)|\n|\s*\(",
)


@lru_cache(maxsize=1)
def _place_words() -> str:
    """The nouns that make what a term means a place: those a resource, a place, or a defined place is named by."""
    data = services.data()
    words = {w for same in data["resource_nouns"].values() for w in same} | set(data["place_nouns"])
    words |= set(data.get("defined_place_nouns", []))
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _label_re(label: str) -> re.Pattern[str]:
    """A later mention of `label`: 'the Register', 'in the Register', 'all Bulletin Items' (as written, capitals
    kept), not a part of another name ('Licence Register'), not its owner ('the Register's owner')."""
    words = r"\s+".join(re.escape(w) for w in label.split())
    return re.compile(
        rf"(?<![\w\"“'‘-])(?P<det>(?i:the|all(?:\s+the)?|each|every|any))\s+(?P<label>{words})(?![\w&-]|['’]s\b|\s*[\"”’])"
    )


def _whole(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`…`end` with the stop after it, and widened to the line's start when only a clause number is before it
    ('2.1 "the Rota" means …', '2.1 In this Schedule, "X" means …'), so no empty numbered clause is left."""
    line = text.rfind("\n", 0, start) + 1
    if re.fullmatch(
        r"[ \t]*(?:[\w.()-]{1,8}[ \t]+)?(?:(?:in|for\s+the\s+purposes\s+of)\s+this\s+[\w ]{1,30},\s*)?",
        text[line:start],
        re.I,
    ):
        start = line
    closing = re.match(r"[ \t]*[.;]?[ \t]*(?:\n|$)|[ \t]*[.;]\s+", text[end:])
    return start, end + (closing.end() if closing else 0)


def defined_terms(text: str) -> str:
    """`text` with each later mention of a place by the label a definition gave it written out as that place
    ('"the Rota" means the Google Sheet 'Theatre Rota'. … for each session listed in the Rota' → '… listed in the
    "Theatre Rota" Google Sheet'), and each definition that asks nothing ('"X" means …' with no shall/must/will in
    it) taken out, so it is no step of its own."""
    if not re.search(
        r"\b(?:mean|means|denotes|hereinafter|hereafter|refers?\s+to|defined)\b|[\"“'‘][^\"”'’\n]{1,40}[\"”'’]\s*[:,)]",
        text,
        re.I,
    ):
        return text
    places = _places(text)
    terms: list[tuple[str, int, str]] = []  # (label, where the definition ends, the place written out)
    drop: list[tuple[int, int]] = []
    for m in _DEFINES.finditer(text):
        label = m.group("label") or m.group("label2") or m.group("label3")
        stop = _MEANT_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        meant = text[m.end() : end]
        # (its quoted name before a name read off the service's: 'the Google Sheet titled 'Licence Register'')
        inside = sorted(
            (p for p in places if p.name and m.end() <= p.start < end), key=lambda p: (not p.quoted, p.start)
        )
        sentence_end = _SENTENCE_END.search(text, m.end())
        clause_end = sentence_end.start() if sentence_end else len(text)
        nxt = _DEFINES.search(text, m.end())
        if nxt is not None and nxt.start() < clause_end:
            clause_end = max(end, nxt.start())
        kept = lx.integrations_in(meant)
        placed = re.match(rf"(?:the|an?|our)\s+(?:[\w&'’-]+\s+){{0,3}}?(?:{_place_words()})s?\b", meant, re.I)
        if m.group("set_off") and not (kept and placed):
            continue  # 'reply with "Thanks": the …' is no definition; '"the Portfolio", an Airtable table …' is
        if not m.group("set_off") and not re.search(
            r"\b(?:shall|must|will|should)\b", text[m.end() : clause_end], re.I
        ):
            drop.append(_whole(text, m.start(), clause_end))
        # ('the table reconciliation_exceptions in the Operations Supabase project': a name as the system spells it)
        spelt = re.search(rf"\b(?P<noun>{_nouns_re()})\s+(?P<name>[a-z][\w.-]*_[\w.-]*)", meant, re.I)
        # (as the definition words it, 'the Google Sheet 'Physio Clinic List'', when it names the service and a
        # place noun; a table spelt as the system spells it, 'the table reconciliation_exceptions in the Operations
        # Supabase project', as that table of the service; else the place it tells of, written out)
        if (
            kept
            and spelt
            and spelt.group("noun").lower() in _kept_under(lexicon()["integrations"][kept[0][1]]["type"])
        ):
            service = _service_words(kept[0][1], "", True)
            terms.append(
                (label, clause_end, f'the "{spelt.group("name")}" {service} {spelt.group("noun").lower()}')
            )
        elif kept and placed:
            # ('the Google Sheet titled 'Licence Register'' → 'the Google Sheet 'Licence Register'')
            worded = re.sub(
                r"\s+(?:titled|entitled|called|named)\s+(?=[\"“'‘])", " ", meant.split(None, 1)[1]
            )
            terms.append((label, clause_end, "the " + worded.strip()))
        elif inside:
            terms.append((label, clause_end, inside[0].written))
    for m in _LABELLED.finditer(text):
        label = m.group("label") or m.group("label2")
        before = [
            p
            for p in places
            if p.name and p.end <= m.start() and not _SENTENCE_END.search(text, p.end, m.start())
        ]
        if before:
            terms.append((label, m.end(), before[-1].written))
    if not terms and not drop:
        return text
    found: list[tuple[int, int, str]] = []
    for label, after, written in terms:
        if lx.integrations_in(label):
            continue  # '"Google Sheet": …' names a service, not a place
        for m in _label_re(label).finditer(text, after):
            if any(a <= m.start() < b for a, b in drop):
                continue
            opening = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
            if re.search(r"\b(?:not|never)\b|n['’]t\b", text[opening : m.start()], re.I):
                continue  # 'shall not amend any record in the Register': a ban, no place to read or write
            det = m.group("det")
            if det.lower() == "the":
                found.append((m.start(), m.end(), written))
            else:
                found.append((m.start(), m.end(), f"{m.group(0)} in {written}"))
    cuts = sorted(found + [(a, b, "") for a, b in drop])
    out: list[str] = []
    last = 0
    for a, b, written in cuts:
        if a < last:
            continue
        out += [text[last:a], written]
        last = b
    return "".join(out) + text[last:]


# 'a vet practice that (weirdly) uses Jira for call-outs, project VET', 'we use Trello for orders': the service the
# user's things are kept in, told by what it is used for
_USED_FOR = (
    r"\b(?P<verb>uses?|using)\s+(?P<service>%(services)s)\s+(?:to\s+(?:track|log|keep|manage|record)\s+|for\s+"
    r"(?:(?:tracking|logging|keeping|managing|recording)\s+)?(?:(?:our|all|the)\s+)?)"
    r"(?P<items>(?:[a-z][\w-]*\s+)?(?P<head>[a-z][\w-]*s))\b"
)


def used_for(text: str) -> str:
    """'… that uses Jira for call-outs, project VET. I'd like … a digest of the open call-outs …' → '… that tracks
    call-outs in Jira, project VET. …': a service told of by what the user keeps in it, when a later clause names
    those things again, is where they are read — said as where they are tracked (the service must be one a step can
    read). A service used for things named nowhere after ('we use Slack for team chat') is left as said."""
    told = re.compile(_USED_FOR % {"services": lx._place_services().pattern}, re.I)
    out: list[str] = []
    last = 0
    for m in told.finditer(text):
        keys = [k for _, k in lx.integrations_in(m.group("service"))]
        if not keys or "read" not in lexicon()["integrations"].get(keys[0], {}):
            continue
        head = m.group("head").lower()
        again = re.compile(r"\b" + re.escape(head[:-1]) + r"s?\b", re.I)
        if again.search(text, m.end()) is None:
            continue
        tracks = (
            "tracks"
            if m.group("verb").lower() == "uses"
            else "track"
            if m.group("verb").lower() == "use"
            else "tracking"
        )
        out += [text[last : m.start()], f"{tracks} {m.group('items')} in {m.group('service')}"]
        last = m.end()
    return "".join(out) + text[last:] if out else text
