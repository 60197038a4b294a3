"""The number a test compares, read in the test itself from the plain text of the message that started the run.

'suppliers e-mail invoices …; if it's over $5k forward it …', 'a coach posts a booking request in #hall-requests …
If the booking is for more than 20 gymnasts …': an e-mail's body or a chat message is text with no field beneath it.
When the test says what its number is — an amount of money (a currency mark beside it) or a count of something (the
noun after it, 'gymnasts') — the condition reads that number out of the message's text in JavaScript: the amounts
beside a currency mark (the largest, a total) or the number before the noun. A message without one fails the test.
A test whose number says neither is left to an agent that reads it (`planner._number_reader`).
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation.lexicon import lexicon

# a number as a message writes it: thousands grouped ('5,430', '5.430', '5 430') and up to two decimals ('250,00')
_NUMBER = r"\d{1,3}(?:[.,' \u00a0]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# (the value of a matched number: its last separator before one or two digits is the decimal point, others group)
_VALUE = 'Number(s.replace(/[.,](\\d{1,2})$/, "#$1").replace(/[^\\d#]/g, "").replace("#", "."))'


def _marks() -> list[str]:
    return lexicon()["message_amounts"]["currency_marks"]


def _js_alternatives(words: list[str]) -> str:
    """A JavaScript regex alternation of `words`: the words whole, the symbols as one class."""
    names = [w for w in sorted(words, key=len, reverse=True) if w[0].isalnum()]
    signs = "".join(re.escape(w) for w in words if not w[0].isalnum())
    return "|".join(([f"\\b(?:{'|'.join(names)})\\b"] if names else []) + ([f"[{signs}]"] if signs else []))


def _counted_noun(test: str) -> str | None:
    """'the booking is for more than 20 gymnasts' → 'gymnast': the noun the test's number counts."""
    found = re.search(r"\d(?:[\d.,]*\d)?\s*(?:k\b\s*)?([^\W\d_][\w-]{2,})", test)
    if not found:
        return None
    noun = found.group(1).lower()
    if noun in lexicon()["message_amounts"]["not_units"] or noun in _marks():
        return None
    return noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun


def _money(test: str, unit: str) -> bool:
    if unit and unit != "%" and not unit.isalnum():
        return True
    words = re.findall(r"[^\W\d_]+|[^\w\s]", test.lower())
    return any(mark in words for mark in _marks())


def text_number(test: str, unit: str, text_ref: str) -> str | None:
    """A JavaScript expression giving the number `test` compares out of the message text at `text_ref`
    (`<start.email.bodyText>`), or None when the test does not say what its number is."""
    if unit == "%":
        pattern = f"({_NUMBER})\\s?%"
        pick = "m[1]"
    elif _money(test, unit):
        marks = _js_alternatives(_marks())
        pattern = f"(?:{marks})\\s?({_NUMBER})\\s?(k\\b)?|({_NUMBER})\\s?(k\\b)?\\s?(?:{marks})"
        pick = None
    else:
        noun = _counted_noun(test)
        if noun is None:
            return None
        escaped = re.escape(noun).replace("/", "\\/")
        pattern = f"({_NUMBER})\\s*{escaped}"
        pick = "m[1]"
    # (a string value is pasted into a condition as bare words: the text is read as JSON from what holds it)
    holder, _, key = text_ref[1:-1].rpartition(".")
    read = f'String((<{holder}>)?.[{json.dumps(key)}] ?? "")'
    value = f"((s) => {_VALUE})"
    each = (
        f"{value}({pick})"
        if pick
        else f"{value}(m[1] ?? m[3]) * ((m[2] ?? m[4]) ? 1000 : 1)"  # ('$5k': thousands)
    )
    return f"[...{read}.matchAll(/{pattern}/gi)].map((m) => {each}).sort((a, b) => b - a)[0]"
