"""French, German and Spanish descriptions read through a phrase table (`translations.json`) into the
English the planner understands: data, not per-language code. Names, addresses, channels, URLs and
quoted text are kept as written."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_FILE = Path(__file__).with_name("translations.json")
_KEEP = r"(?<![\w#@/.'’-])"  # not inside an address, a channel, a URL or a word
_END = r"(?![\w@/-])"


@lru_cache(maxsize=1)
def _tables() -> dict[str, list[tuple[re.Pattern[str], str]]]:
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    return {
        lang: [
            (re.compile(_KEEP + re.escape(src) + _END, re.I), dst)
            for src, dst in sorted(table.items(), key=lambda kv: -len(kv[0]))
        ]
        for lang, table in data.items()
        if not lang.startswith("_")
    }


def to_english(text: str, language: str) -> str | None:
    """`text` with every phrase of `language`'s table replaced by its English; None for an unknown language."""
    table = _tables().get(language)
    if table is None:
        return None
    quoted = re.findall(r"\"[^\"]*\"|“[^”]*”|«[^»]*»", text)
    for i, q in enumerate(quoted):  # quoted text is the user's own words: kept as written
        text = text.replace(q, f"\x00{i}\x00", 1)
    for pattern, english in table:
        text = pattern.sub(english, text)
    text = re.sub(
        r"\b(\d{1,2})\s*h(\d{2})?\b", lambda m: f"{m.group(1)}:{m.group(2) or '00'}", text
    )  # 9h, 9h30
    text = re.sub(r"\b(\d{1,2})\s+:00\b", r"\1:00", text)  # 'um 8 Uhr' → 'at 8 :00'
    # '50.000 USD': these languages group thousands with a dot
    text = re.sub(r"(?<=\d)\.(?=\d{3}(?!\d))", ",", text)
    for i, q in enumerate(quoted):
        text = text.replace(f"\x00{i}\x00", q)
    return re.sub(r"\s{2,}", " ", text).strip()
