"""The rows a read returns kept to a day window said of them ('each guest booked tomorrow', 'every patient with an
appointment today', 'invoices due in the next 3 days', 'cuya mudanza es hoy', 'dessen Termin morgen ist').

A table or sheet read (Airtable, Google Sheets, Excel, Supabase, Notion, an API) returns every row; nothing in the
read keeps the day said, so a loop after it messaged every row. A function after the read ('Dated items of …')
keeps the rows whose date — a field named for one ('Date', 'Booking date', 'due', 'when', 'Termin'…), else the
first value shaped like one — falls in the window, reckoned from the run's clock in the workflow's time zone, and
the steps after it read what it keeps.
"""

from __future__ import annotations

import json

from lib.generation import rx as re

NAME = "Dated items of"  # the function's name, before the name of the read it keeps the rows of

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "fourteen": 14}
_N = r"(\d{1,3}|two|three|four|five|six|seven|ten|fourteen)"

# (the words of a window, in the six languages of the sets) → (kind, from, to): 'days' counts days from today
# (None: no end), 'week' counts weeks from this one (Monday to Sunday)
_WINDOWS: list[tuple[str, tuple[str, int | None, int | None]]] = [
    (
        r"(?:(?:in|within|over|during)\s+the\s+(?:next|coming)\s+|(?:in|within)\s+(?:the\s+)?)"
        + _N
        + r"\s+days"
        r"|(?:next|coming)\s+" + _N + r"\s+days"
        r"|dans\s+les\s+" + _N + r"\s+(?:prochains\s+)?jours|en\s+los\s+pr[oó]ximos\s+" + _N + r"\s+d[ií]as"
        r"|in\s+den\s+n[aä]chsten\s+" + _N + r"\s+tagen|nei\s+prossimi\s+" + _N + r"\s+giorni"
        r"|nos\s+pr[oó]ximos\s+" + _N + r"\s+dias|in\s+de\s+komende\s+" + _N + r"\s+dagen",
        ("days", 0, None),
    ),
    (
        r"next\s+week|la\s+semaine\s+prochaine|la\s+(?:pr[oó]xima\s+semana|semana\s+que\s+viene)"
        r"|n[aä]chste[nr]?\s+woche|la\s+prossima\s+settimana|(?:na\s+)?pr[oó]xima\s+semana|volgende\s+week",
        ("week", 1, 1),
    ),
    (
        r"this\s+week|cette\s+semaine|esta\s+semana|diese[rn]?\s+woche|questa\s+settimana|deze\s+week",
        ("week", 0, 0),
    ),
    (r"tomorrow['’]?s?|demain|ma[nñ]ana|morgen|morgigen?|domani|amanh[aã]", ("days", 1, 1)),
    (r"today['’]?s?|tonight|aujourd['’]hui|du\s+jour|hoy|heute|heutigen?|oggi|hoje|vandaag", ("days", 0, 0)),
    (r"yesterday['’]?s?|ayer|gestern|gestrigen?|ieri|ontem|gisteren", ("days", -1, -1)),
    (
        r"overdue|past\s+due|en\s+retard|vencid[oa]s|atrasad[oa]s|[uü]berf[aä]llig\w*|scadut[eiao]|achterstallig\w*",
        ("days", None, -1),
    ),
]
_ANY = re.compile(r"\b(?:" + "|".join(f"(?:{w})" for w, _ in _WINDOWS) + r")(?!\w)", re.I)
# what a day word says of something other than the rows: the weather, a forecast, a report, the run itself
_NOT_ROWS = re.compile(
    r"\b(?:forecast|weather|snow\w*|rain\w*|wind\w*|temperature|storm\w*|frost|precipitation|m[eé]t[eé]o|pr[eé]vision\w*|"
    r"pluie|neige|previsio\w*|pioggia|neve|tiempo|lluvia|nieve|pron[oó]stico|wetter|regen\w*|schnee|vorhersage|previs[aã]o|"
    r"chuva|weer|sneeuw|verwachting|report|summary|digest|r[eé]sum[eé]|resumen|riepilogo|zusammenfassung|resumo|samenvatting|"
    r"rate|price|prices|precio|prix|kurs)\b",
    re.I,
)
# a test of something ('if tomorrow's rain …', 'se domani sono previsti …'): said of no rows
_TESTED = re.compile(r"\b(?:if|unless|si|wenn|falls|se|als|indien|when|quand|cuando|quando|wanneer)\b", re.I)
# a time of day or a day of the run ('every morning', 'jeden Morgen', 'por la mañana', "'s morgens"), not a window
_NOT_A_DAY = re.compile(
    r"(?:\b(?:la|las|cada|por|esta|de|jeden|am|guten|heute|elke|iedere|deze|'s|op)\s+$)", re.I
)


_QUOTED = re.compile(r"[\"“'‘«„][^\"”'’»“«\n]{1,60}[\"”'’»“]")


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else _NUMBERS.get(text.lower())


def said(text: str) -> tuple[str, tuple[str, int | None, int | None]] | None:
    """The day window `text` says of the rows it reads ('booked tomorrow', 'due in the next 3 days', 'this week's
    lessons'): (its words, (kind, from, to)); None when it says none of them (a forecast for tomorrow, a test)."""
    return next(((words, window) for _, words, window in said_all(text)), None)


def said_all(text: str) -> list[tuple[int, str, tuple[str, int | None, int | None]]]:
    """Each day window `text` says of rows (`said`), with where it starts."""
    out = []
    for found in _ANY.finditer(text):
        words = found.group(0)
        before = text[: found.start()]
        if _NOT_A_DAY.search(before) or words == "Morgen":
            continue  # ('jeden Morgen', 'por la mañana': a morning, not tomorrow)
        if re.search(r"[=/?&_\w-]$", before) or any(
            q.start() < found.start() < q.end() for q in _QUOTED.finditer(text)
        ):
            continue  # ('?created_after=yesterday', "the sheet 'Pacientes Hoy'": a name or a value, not a window)
        if words[:1].isupper() and before.rstrip() and before.rstrip()[-1] not in ".!?:;\n-–—>(":
            continue  # ('the Overdue Books sheet': a name)
        clause = re.split(r"[,;:.!?\n]|\b(?:and|then|et|y|und|e|en)\b", before)[-1]
        after = text[found.end() :][:40]
        near = " ".join(before.split()[-3:]) + " " + " ".join(after.split()[:3])
        if _TESTED.search(clause) or _NOT_ROWS.search(near):
            continue
        for pattern, window in _WINDOWS:
            one = re.fullmatch(pattern, words, re.I)
            if one is None:
                continue
            kind, start, end = window
            if kind == "days" and start == 0 and end is None:  # ('in the next 3 days': today and the 3 after)
                n = _number(next((g for g in one.groups() if g), None))
                if n is None:
                    break
                end = n
            out.append((found.start(), " ".join(words.split()), (kind, start, end)))
            break
    return out


def code(listed: str, name: str, words: str, window: tuple[str, int | None, int | None], zone: str) -> str:
    """A function keeping the items of `listed` (rows of cells are named by the first row) whose date falls in
    `window`, reckoned from the run's clock in `zone`. (No '<' in it: Sim would read '<…>' as a reference.)"""
    kind, start, end = window
    if kind == "week":
        bounds = [
            f"const from = shift(today, {7 * (start or 0)} - weekday);",
            "const to = shift(from, 6);",
        ]
    else:
        bounds = [
            f"const from = {'null' if start is None else f'shift(today, {start})'};",
            f"const to = {'null' if end is None else f'shift(today, {end})'};",
        ]
    return "\n".join(
        [
            f"// the items of {name} dated {json.dumps(words, ensure_ascii=False)}: its read keeps every row, so the run's",
            f"// clock in {zone} keeps those whose date (a field named for one, else the first value shaped like one) falls in it",
            f"const zone = {json.dumps(zone)};",
            f"const raw = {listed};",
            "if (raw != null && typeof raw === 'object' && !Array.isArray(raw)) return raw; // (not a list of rows: left as it is)",
            "const all = [].concat(raw || []);",
            "const rows = all.length && all.every(Array.isArray)",
            "  ? ((head) => all.slice(1).filter((r) => r.some((c) => c !== '' && c != null))",
            "      .map((r) => Object.fromEntries(head.map((h, i) => [String(h ?? '').trim() || 'column ' + (i + 1), r[i] ?? '']))))(all[0])",
            "  : all;",
            "const pad = (n) => String(n).padStart(2, '0');",
            "const day = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);",
            "const shift = (iso, n) => { const d = new Date(iso + 'T12:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };",
            "const today = day(new Date());",
            "const weekday = (new Date(today + 'T12:00:00Z').getUTCDay() + 6) % 7; // Monday 0",
            *bounds,
            "const asDay = (v) => {",
            "  if (v == null || typeof v === 'object' || typeof v === 'boolean' || typeof v === 'number') return null;",
            "  const s = String(v).trim();",
            "  let m = s.match(/^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:$|[T ])/);",
            "  if (m) {",
            "    if (/(?:Z|[+-]\\d\\d:?\\d\\d)$/.test(s) && !isNaN(new Date(s))) return day(new Date(s));",
            "    return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;",
            "  }",
            "  m = s.match(/^(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4})\\b/);",
            "  if (m) {",
            "    const monthFirst = (zone.startsWith('America/') && !(Number(m[1]) > 12)) || Number(m[2]) > 12;",
            "    const [dd, mm] = monthFirst ? [m[2], m[1]] : [m[1], m[2]];",
            "    return `${m[3]}-${pad(mm)}-${pad(dd)}`;",
            "  }",
            "  if (/[a-z]{3}/i.test(s) && /\\d/.test(s) && 40 > s.length && !isNaN(new Date(s))) {",
            "    const d = new Date(s);",
            "    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;",
            "  }",
            "  return null;",
            "};",
            "const named = /date|day|when|due|deadline|start|arriv|check.?in|booked|appointment|slot|datum|fecha|d[ií]a|data|jour|giorno|tag|termin|dag|time|shift|lesson|class/i;",
            "const made = /^(?:createdTime|created_time|created_at|createdAt|created|inserted_at|date_created)$/; // (when the row was made: the date only when no other is named)",
            "// a date field written as a count of seconds or milliseconds since 1970 (Stripe's `created`, `due_date`)",
            "const epoch = (v, p) => (typeof v === 'number' && p.length && (named.test(p[p.length - 1]) || made.test(p[p.length - 1]) || /(?:_at|At|stamp|_ts)$/.test(p[p.length - 1]))",
            "  ? (v >= 1e9 && 1e10 > v ? day(new Date(v * 1000)) : v >= 1e12 && 1e13 > v ? day(new Date(v)) : null) : null);",
            "const hidden = /^(?:last_edited_time|updated_at|updatedAt|modifiedTime|id)$/;",
            "const leaves = (x, path = []) => x && typeof x === 'object'",
            "  ? Object.entries(x).flatMap(([k, v]) => leaves(v, [...path, k])) : [[path, x]];",
            "const dateOf = (item) => {",
            "  const dated = leaves(item).filter(([p]) => !p.some((k) => hidden.test(k))).map(([p, v]) => [p, epoch(v, p) ?? asDay(v)]).filter(([, d]) => d);",
            "  const own = dated.filter(([p]) => !p.some((k) => made.test(k)));",
            "  const pick = own.find(([p]) => p.some((k) => named.test(k) && !/^(?:fields|properties)$/.test(k)))",
            "    ?? dated.find(([p]) => p.some((k) => made.test(k))) ?? own[0];",
            "  return pick ? pick[1] : null;",
            "};",
            "const dates = rows.map(dateOf);",
            "if (!dates.some((d) => d != null)) return rows; // (no row holds a date: the window cannot be told, every row stays)",
            "return rows.filter((x, i) => { const d = dates[i]; return d != null && (from == null || d >= from) && (to == null || !(d > to)); });",
        ]
    )


def added_here(block_name: str) -> bool:
    return block_name.startswith(NAME + " ")
