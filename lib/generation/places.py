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

import re
from dataclasses import dataclass
from functools import lru_cache

from lib.generation import lexicon as lx
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
    r"upload|uploads|store|stores|copy|copies)\b",
    re.I,
)


@dataclass
class _Place:
    start: int
    end: int
    key: str  # the integration
    nouns: frozenset[str]  # the nouns that name it ('tab', 'sheet' for 'the "Loans" tab of our studio sheet')
    name: str | None  # the name the user gave it
    written: str  # the place written out, to stand for a later mention


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
            if not p:
                continue
            for m in re.finditer(r"(?<![\w#@/])" + re.escape(p) + r"(?![\w@/])", low):
                common = p in lx._COMMON_NOUNS
                if common and lx._owned_noun(" " + low, m.start() + 1, key):
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
    named = re.compile(
        rf"\b(?:the|a|an|our|my|its|their)\s+{_QUOTED}\s+(?P<n1>{nouns})s?\b"
        rf"|\b(?P<n2>{nouns})s?\s+(?:called|named|titled)\s+(?:{_QUOTED}|{_TITLED})"
        rf"|\b(?P<n3>{nouns})s?\s*\(\s*(?:the\s+|called\s+|named\s+)?{_QUOTED}\s*(?:(?P<n4>{nouns})s?\s*)?\)"
        rf"|\b(?:the|our|my)\s+{_TITLED}\s+(?P<n5>{nouns})s?\b",
        re.I,
    )
    noun_groups = {i for n, i in named.groupindex.items() if n.startswith("n")}
    places: list[_Place] = []
    for m in named.finditer(raw):
        name = next((g for i, g in enumerate(m.groups(), 1) if g and i not in noun_groups), None)
        noun = next(m.group(n).lower() for n in ("n4", "n1", "n2", "n3", "n5") if m.group(n))
        if not name or lx.integrations_in(name) or not re.search(r"[A-Za-z]", name):
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
        places.append(_Place(span[0], span[1], key, told, name, written))
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


def named_again(text: str) -> str:
    """`text` with each later mention of a place told of by its noun alone ('that tab', 'the doc', 'the Prospects
    table') written out as that place, when the clause reads or writes it and names no service for it itself."""
    places = _places(text)
    if not places:
        return text
    nouns = _nouns_re()
    again = re.compile(
        rf"\b(?P<det>that|this|the)\s+(?:same\s+)?(?:(?:{_QUOTED}|{_TITLED})\s+)?(?P<noun>{nouns})s?\b(?!['’]s\b)",
        re.I,
    )
    out: list[str] = []
    last = 0
    for m in again.finditer(text):
        noun = m.group("noun").lower()
        name = next((g for g in m.groups()[1:6] if g), None)
        clause = re.split(r"[.,;:!?()\n]|\b(?:and|then|but|or)\b", text[: m.start()])[-1]
        if not _DONE.search(clause[-80:]):
            continue  # 'when the doc is ready', 'the doc's content': not where a step reads or writes
        if name and (lx.integrations_in(name) or name.lower() in ("same",)):
            continue  # 'the Excel sheet', 'the Google Doc': the service is named
        placed = re.match(
            r"\s+(?:of|in|on|from|at|inside)\s+(?:the\s+|our\s+|my\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,2}?(\S+(?:\s+\S+)?)",
            text[m.end() : m.end() + 60],
        )
        if placed and lx.integrations_in(placed.group(0)):
            continue  # 'that sheet in Excel': it says itself where
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
        out += [text[last : m.start()], place.written]
        last = m.end()
    return "".join(out) + text[last:] if out else text
