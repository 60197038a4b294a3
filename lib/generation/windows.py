"""A read's time window as bounds its own time fields take ('next week's events' → timeMin/timeMax), computed when
the run starts.

A schedule runs every day or week, so the bounds cannot be written into the state: a function before the read
computes them from its clock ('today' is midnight to midnight, a week runs Monday to Monday, 'the next 7 days' from
now; in UTC) and the read's fields reference its result. Which fields of which operation take the bounds is data
(services.json 'window'); a window said in any other way, or for a read with no such fields, is left to what reads
the result, as before."""

from __future__ import annotations

from dataclasses import dataclass

from lib.generation import rx as re

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "fourteen": 14,
    "thirty": 30,
}
_N = r"(\d{1,3}|" + "|".join(_NUMBERS) + r")"
_UNIT_MS = {"minute": 60_000, "hour": 3_600_000, "day": 86_400_000, "week": 604_800_000}
_SHIFT = {
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "upcoming": 1,
    "last": -1,
    "previous": -1,
    "past": -1,
}


@dataclass(frozen=True)
class Window:
    """What the words say: a calendar span (`day`, `week`, `month`) shifted by `shift` of them, or a rolling span
    of `ms` milliseconds from now (negative: before now). `words` as written, for the coverage report."""

    kind: str
    shift: int
    ms: int
    words: str


def window_of(text: str) -> Window | None:
    """The time window `text` says, or None."""
    low = text.lower()
    rolling = re.search(
        rf"\b(next|coming|upcoming|last|past|previous)\s+{_N}\s+(minute|hour|day|week)s?\b", low
    )
    if rolling:
        n = int(rolling.group(2)) if rolling.group(2).isdigit() else _NUMBERS[rolling.group(2)]
        sign = 1 if _SHIFT[rolling.group(1)] > 0 else -1
        return Window("rolling", 0, sign * n * _UNIT_MS[rolling.group(3)], rolling.group(0))
    span = re.search(
        r"\b(this|current|next|coming|upcoming|last|previous|past)\s+(week|month)(?:'s|’s)?\b", low
    )
    if span:
        return Window(span.group(2), _SHIFT[span.group(1)], 0, f"{span.group(1)} {span.group(2)}")
    day = re.search(r"\b(today|tonight|tomorrow|yesterday)(?:'s|’s)?\b", low)
    if day:
        shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[day.group(1)]
        return Window("day", shift, 0, day.group(1))
    return None


def bounds_code(window: Window) -> str:
    """JavaScript for a function block: {from, to} as ISO times, from the run's clock."""
    head = "const now = new Date();\nconst DAY = 86400000;\n"
    if window.kind == "rolling":
        edge = f"new Date(now.getTime() + {window.ms})"
        pair = (
            f"{{ from: now.toISOString(), to: {edge}.toISOString() }}"
            if window.ms > 0
            else (f"{{ from: {edge}.toISOString(), to: now.toISOString() }}")
        )
        return head + f"return {pair};"
    midnight = "const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());\n"
    if window.kind == "day":
        body = f"const from = today + {window.shift} * DAY;\nconst to = from + DAY;\n"
    elif window.kind == "week":
        body = (
            "const monday = today - ((now.getUTCDay() + 6) % 7) * DAY;\n"
            f"const from = monday + {window.shift * 7} * DAY;\nconst to = from + 7 * DAY;\n"
        )
    else:
        body = (
            f"const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + {window.shift}, 1);\n"
            f"const to = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + {window.shift + 1}, 1);\n"
        )
    return (
        head
        + midnight
        + body
        + "return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };"
    )
