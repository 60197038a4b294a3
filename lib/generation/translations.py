"""French, German and Spanish descriptions read through a phrase table (`translations.json`) into the
English the planner understands: data, not per-language code. Names, addresses, channels, URLs and
quoted text are kept as written."""

from __future__ import annotations

import json
import re
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


@lru_cache(maxsize=1)
def _grammar() -> dict[str, Any]:
    return dict(json.loads(_FILE.read_text(encoding="utf-8")).get("_grammar", {}))


_CLAUSE_CUT = re.compile(r"(\s*(?:[,;:]|\.(?=\s|$)|\n)\s*|\s+(?:and|then)\s+)")
_DETERMINER = re.compile(r"\b(?:the|a|an|our|my|all|your|their|its)\b", re.I)
_PREPOSITION = {"in", "into", "to", "on", "from", "for", "at", "by", "per", "with", "of", "via", "about"}


def _verb_first(clause: str, verbs: set[str]) -> str:
    """'every monday at 8:00 the open tickets from Jira read' → 'every monday at 8:00 read the open tickets
    from Jira': a clause that ends in its verb (German infinitive order) gets it before its object."""
    words = clause.split()
    if len(words) < 2 or words[-1].lower() not in verbs or words[0].lower() in verbs:
        return clause
    body = " ".join(words[:-1])
    det = _DETERMINER.search(body)
    before = body[: det.start()].split() if det else []
    if det and before and before[-1].lower() not in _PREPOSITION:
        return f"{body[: det.start()]}{words[-1]} {body[det.start() :]}"
    return f"{words[-1]} {body}"


def _reorder(text: str, language: str) -> str:
    """The word order the phrase table cannot rewrite (`_grammar` in translations.json), after it ran."""
    rules = _grammar().get(language, {})
    verbs = {v.lower() for v in rules.get("verb_last", [])}
    if not verbs:
        return text
    parts = _CLAUSE_CUT.split(text)
    return "".join(part if i % 2 else _verb_first(part, verbs) for i, part in enumerate(parts))


def _separable(text: str, language: str) -> str:
    """'leg bitte eine neue Zeile … an.' → 'create bitte eine neue Zeile ….': a verb whose prefix closes the
    clause, read as the whole verb where the stem stands."""
    for stem, prefixes in _grammar().get(language, {}).get("separable", {}).items():
        for prefix, english in prefixes.items():
            whole = re.compile(
                rf"\b{re.escape(stem)}\b([^,;:.\n]*?)\s+{re.escape(prefix)}(?=\s*(?:[,;:]|\.(?:\s|$)|\n|$|\s+und\b))",
                re.I,
            )
            text = whole.sub(rf"{english}\1", text)
    return text


def _opening(text: str, language: str) -> str:
    """'Wenn in Gmail eine neue E-Mail eingeht, …' → 'when …': a sentence's first word read as the event."""
    for word, english in _grammar().get(language, {}).get("sentence_start", {}).items():
        text = re.sub(rf"(?:(?<=^)|(?<=[.!?\n]\s)|(?<=\n)){re.escape(word)}\b", english, text, flags=re.I)
    return text


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
    quoted = re.findall(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|(?<![\w'])'[^'\n]{1,80}'(?![\w'])", text)
    for i, q in enumerate(quoted):  # quoted text is the user's own words: kept as written
        text = text.replace(q, f"\x00{i}\x00", 1)
    text = _separable(_opening(text, language), language)
    pattern, english = table
    text = pattern.sub(lambda m: english[m.group(0).lower()], text)
    text = _reorder(text, language)
    text = re.sub(
        r"\b(\d{1,2})\s*h(\d{2})?\b", lambda m: f"{m.group(1)}:{m.group(2) or '00'}", text
    )  # 9h, 9h30
    text = re.sub(r"\b(\d{1,2})\s+:00\b", r"\1:00", text)  # 'um 8 Uhr' → 'at 8 :00'
    # '50.000 USD': these languages group thousands with a dot
    text = re.sub(r"(?<=\d)\.(?=\d{3}(?!\d))", ",", text)
    for i, q in enumerate(quoted):
        text = text.replace(f"\x00{i}\x00", q)
    return re.sub(r"\s{2,}", " ", text).strip()
