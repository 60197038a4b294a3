"""Descriptions in other languages (French, German, Spanish, Portuguese, Italian, Dutch, Polish, the Nordic
languages, Czech, Finnish, Turkish) read through a phrase table (`translations.json`) into the English the
planner understands: data, not per-language code (a language's word order, case endings and clock-time words
are data too, in `_grammar`). Names, addresses, channels, URLs and
quoted text are kept as written."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

_FILE = Path(__file__).with_name("translations.json")
_HERE = Path(__file__).parent
_BLOCKS = _HERE.parent / "sim" / "blocks"
# what a reader keeps as written: quoted text, addresses, URLs, channels, paths ('acme/web')
_OWN = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|'[^']*'|\S+@\S+|https?://\S+|#[\w-]+|\S*/\S+")
# above this share of words the planner has never met, a translation is not read but refused
UNREAD_SHARE = 0.4
_KEEP = r"(?<![\w#@/.'’-])"  # not inside an address, a channel, a URL or a word
_END = r"(?![\w@/-])"


@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """Per language one pattern of every phrase (longest first) and the English of each: one pass, so an
    English word a phrase became is never read again as another phrase ('un' → 'a', not then 'a' → 'to')."""
    data = json.loads(_FILE.read_text(encoding="utf-8"))
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
        for lang, table in data.items()
        if not lang.startswith("_")
    }


@lru_cache(maxsize=32)
def _capitals(language: str) -> frozenset[str]:
    """The phrases a language's table writes in capitals: an abbreviation to translate, not a name."""
    table = json.loads(_FILE.read_text(encoding="utf-8")).get(language, {})
    return frozenset(k for k in table if k.isupper())


@lru_cache(maxsize=1)
def _grammar() -> dict[str, Any]:
    return dict(json.loads(_FILE.read_text(encoding="utf-8")).get("_grammar", {}))


_CLAUSE_CUT = re.compile(r"(\s*(?:[,;]|:(?!\d)|\.(?=\s|$)|\n)\s*|\s+(?:and|then)\s+)")  # not a clock's colon
_DETERMINER = re.compile(r"\b(?:the|a|an|our|my|all|your|their|its)\b", re.I)
_TAIL = {"with", "to", "via", "for"}
_PREPOSITION = {"in", "into", "to", "on", "from", "for", "at", "by", "per", "with", "of", "via", "about"}


def _verb_first(clause: str, verbs: set[str], front: bool = False) -> str:
    """'every monday at 8:00 the open tickets from Jira read' → 'every monday at 8:00 read the open tickets
    from Jira': a clause that ends in its verb (German infinitive order) gets it before its object; in a
    language whose every clause ends in its verb (`verb_front`: Turkish), at the clause's start."""
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
    det = _DETERMINER.search(body)
    before = body[: det.start()].split() if det else []
    if det and before and before[-1].lower() not in _PREPOSITION:
        return f"{body[: det.start()]}{words[-1]} {body[det.start() :]}"
    return f"{words[-1]} {body}"


def _reorder(text: str, language: str) -> str:
    """The word order the phrase table cannot rewrite (`_grammar` in translations.json), after it ran."""
    rules = _grammar().get(language, {})
    verbs = {v.lower() for v in rules.get("verb_last", [])}
    events = {v.lower() for v in rules.get("event_last", [])}
    if not verbs and not events:
        return text
    parts = _CLAUSE_CUT.split(text)
    front = bool(rules.get("verb_front"))
    return "".join(
        part if i % 2 else _event_first(_verb_first(part, verbs, front), events)
        for i, part in enumerate(parts)
    )


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


def _compounds(text: str) -> str:
    """'Jira-tickets', 'Google-arket', 'Slack-kanavalle' → 'Jira tickets', …: a compound that opens with a
    name is the name and a word (not a channel '#dev-jp', an address or 'E-Mail')."""
    text = re.sub(r"(?<=[^\W\d_]) -(?=[^\W\d_]{3})", " ", text)  # Finnish 'Google Sheets -taulukkoon'
    return re.sub(
        r"(?<![\w#@/.'’-])[A-Z][\w]+(?:-[^\W\d_]{2,})+(?![\w@/-])",
        lambda m: m.group(0).replace("-", " "),
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
    r"channel|table|sheet|spreadsheet|calendar|folder|database|list|form|project|workbook|board|page"
)


def _service_first(text: str) -> str:
    """'the sheet Google « Ventes »', 'the channel Slack #ventes' → 'the Google sheet …', 'the Slack channel …': a
    place named after its service (French, Spanish, Italian, Portuguese word order)."""

    def swap(m: re.Match[str]) -> str:
        name = m.group(2)
        if name.lower() not in service_names() and name.lower() not in ("google", "microsoft"):
            return m.group(0)
        return f"{name} {m.group(1)}"

    return re.sub(rf"\b({_PLACE_NOUNS})\s+([A-Z][\w]+)\b(?![\w@/-])", swap, text)


def _time_words(text: str, language: str) -> str:
    """'v 9:00', 'kl. 16', 'om 8 uur', 'o 7:00': the word before a clock time is 'at'; 'über 1.000 €': a
    word before an amount is its comparison (`before_number`), whatever it means elsewhere ('about')."""
    rules = _grammar().get(language, {})
    for word in rules.get("time_words", []):
        text = re.sub(
            rf"(?<![\w#@/-]){re.escape(word)}\s*(?=\d{{1,2}}(?:[:.h]\d{{2}})?\b)", "at ", text, flags=re.I
        )
    for word, english in rules.get("before_number", {}).items():
        text = re.sub(rf"(?<![\w#@/-]){re.escape(word)}\s+(?=[$€£]?\s?\d)", english + " ", text, flags=re.I)
    return text


def _clitics(text: str, language: str, english: dict[str, str]) -> str:
    """'envíalas' → 'send them', 'mándalas' → 'send them', 'envie-os' → 'send them': an imperative the table
    knows with object pronouns written on (`clitics` in `_grammar`), a form the table does not list itself."""
    clitics = _grammar().get(language, {}).get("clitics")
    if not clitics:
        return text
    endings = sorted(clitics, key=len, reverse=True)

    def split(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in english:
            return word
        for end in endings:
            if not low.endswith(end) or len(low) - len(end) < 3:
                continue
            stem = low[: -len(end)]
            for verb in (stem, _unaccented(stem)):
                found = english.get(verb)
                if found and " " not in found:  # a verb the table reads as one English word
                    return f"{found} {clitics[end]}"
        return word

    return re.sub(r"(?<![\w#@/.'’-])[^\W\d_]{3,}(?:-[^\W\d_]{1,5})?(?![\w@/-])", split, text)


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


def read_share(english: str) -> float:
    """The share of a translated description's words the planner knows (1.0 when it has none)."""
    words = re.findall(r"[^\W\d_]{2,}", _OWN.sub(" ", english))
    return 1.0 - len(unread_words(english)) / len(words) if words else 1.0


def phrase_languages() -> str:
    """The languages the phrase table reads, for a message: 'French, German and Spanish'."""
    names = sorted(_tables())
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def to_english(text: str, language: str) -> str | None:
    """`text` with every phrase of `language`'s table replaced by its English; None for an unknown language."""
    table = _tables().get(language)
    if table is None:
        return None
    # in single quotes too ('huelga de transportistas'), not an apostrophe inside a word (l'objet, qu'un)
    # and a word in capitals is a name ('project KLANT', 'API NBP'), not a word to translate
    quoted = [
        q
        for q in re.findall(
            r"\"[^\"]*\"|“[^”]*”|«[^»]*»|(?<![\w'])'[^'\n]{1,80}'(?![\w'])|(?<![\w#@/.'’-])[A-Z]{2,}[A-Z0-9]*(?![\w@/'’-])",
            text,
        )
        if q not in _capitals(language)  # unless the table writes it in capitals ('IA' → 'AI')
    ]
    for i, q in enumerate(quoted):  # quoted text is the user's own words: kept as written
        text = text.replace(q, f"\x00{i}\x00", 1)
    text = _separable(_opening(text, language), language)
    for short, english_words in _grammar().get(language, {}).get("elisions", {}).items():  # "l'etichetta"
        text = re.sub(rf"(?<![\w'’]){re.escape(short)}(?=[^\W\d_])", english_words, text, flags=re.I)
    text = _time_words(_case_endings(_compounds(text), language), language)
    pattern, english = table
    text = _clitics(text, language, english)
    # Turkish 'İ' lowers to 'i' and a combining dot
    text = pattern.sub(lambda m: english.get(m.group(0).lower().replace("i\u0307", "i"), m.group(0)), text)
    text = _reorder(text, language)
    text = re.sub(r"\bat(?:\s+at)+\b", "at", text)  # 'saat 9'da' → 'at at 9'
    if _grammar().get(language, {}).get("service_after_noun"):
        text = _service_first(text)
    # 'sotto le 1.000' → 'below the 1,000' → 'below 1,000'; 'R$ 500' → '500 BRL'
    text = re.sub(r"\b(below|above|under|over|than|exceeds)\s+the\s+(?=[$€£]?\s?\d)", r"\1 ", text)
    text = re.sub(r"\bR\$\s?(\d[\d.,]*)", r"\1 BRL", text)
    text = re.sub(
        r"\b(\d{1,2})\s*h(\d{2})?\b", lambda m: f"{m.group(1)}:{m.group(2) or '00'}", text
    )  # 9h, 9h30
    text = re.sub(r"\b(\d{1,2})\s+:00\b", r"\1:00", text)  # 'um 8 Uhr' → 'at 8 :00'
    # '50.000 USD': these languages group thousands with a dot
    text = re.sub(r"(?<=\d)\.(?=\d{3}(?!\d))", ",", text)
    text = re.sub(r"(?<=\d),(?=\d{1,2}(?!\d|,\d))", ".", text)  # and write a decimal comma: '4,50' → '4.50'
    for i, q in enumerate(quoted):
        text = text.replace(f"\x00{i}\x00", q)
    return re.sub(r"\s{2,}", " ", text).strip()
