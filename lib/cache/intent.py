"""What a generation request asks for, as data the cache compares exactly.

A cosine threshold alone lets "post ETH to #crypto" hit an entry for "post BTC to #crypto"
(near-misses score higher than paraphrases), so a cached answer is served only when this
extraction is equal too: trigger and schedule, integrations, which way data flows through each
place named (read from or written to: "read #sales" is not "post to #sales"), processing steps,
branching, loops, negations, the request's language, and every literal that parametrises the
workflow (channels, symbols, recipients, thresholds, times, URLs, numbers, quoted names,
languages, models). It reads the description text and the planner's
vocabulary (`lib/generation/lexicon.json`, data only) plus `intent_words.json`; it does not
use the planner's code. When unsure it keeps more detail: a needless miss costs one
generation, a wrong hit serves someone the wrong workflow.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from lib.config import ROOT

_WORDS = Path(__file__).with_name("intent_words.json")
_LEXICON = ROOT / "lib" / "generation" / "lexicon.json"

URL_RE = re.compile(r"https?://[^\s<>\"')\],]+[^\s<>\"')\],.;:!?]|\bwww\.[^\s<>\"')\],]+[^\s<>\"')\],.;:!?]")
EMAIL_RE = re.compile(r"\b[\w.%+-]+@[\w.-]+\.[a-z]{2,}\b", re.I)
CHANNEL_RE = re.compile(r"(?<![\w&])#([a-z0-9][\w-]*)", re.I)
HANDLE_RE = re.compile(r"(?<![\w.])@([a-z0-9_][\w.-]*[\w])", re.I)
SUBREDDIT_RE = re.compile(r"(?<![\w/])r/(\w+)", re.I)
REPO_RE = re.compile(r"(?<![\w/.])([a-z0-9][\w.-]*)/([a-z0-9][\w.-]*)(?![\w/])", re.I)
QUOTED_RE = re.compile(r"\"([^\"]{1,80})\"|“([^”]{1,80})”|'([^']{2,80})'(?!\w)|‘([^’]{1,80})’")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"  # 30,000 / 1.5 / 1,5
_UNIT = r"(?P<unit>%|percent|pct|k\b|usd\b|dollars?\b|eur\b|euros?\b|gbp\b|pounds?\b)?"
THRESHOLD_RE = re.compile(
    r"(?P<op>more than|greater than|higher than|bigger than|larger than|above|over|exceeds?|exceeding|"
    r"rises above|goes above|at least|less than|lower than|fewer than|smaller than|below|under|"
    r"drops below|drops under|falls below|falls under|dips below|at most|equals?|equal to|>=|<=|>|<)"
    r"\s*(?P<cur>[$€£])?\s*(?P<num>-?" + NUMBER + r")\s*" + _UNIT,
    re.I,
)
EVERY_N_RE = re.compile(
    r"\bevery\s+(?P<n>\d+|[a-z-]+)\s*(?P<unit>minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|months?)", re.I
)
TIME_RE = re.compile(
    r"(?:\b(?P<at>at|by|around)\s+)?\b(?P<h>\d{1,2}|[a-z]+)(?::(?P<m>\d{2}))?\s*"
    r"(?P<ap>a\.?m\.?|p\.?m\.?|o'?clock|h\b)?(?![\w%]|:\d)",
    re.I,
)
_LESS = ("less", "lower", "fewer", "smaller", "below", "under", "drops", "falls", "dips", "at most", "<")


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    return json.loads(_WORDS.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    return json.loads(_LEXICON.read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    """The request as compared and embedded: NFKC, one space between words, lowercase, no end punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip(" .!?;,")


@cache
def _phrase_re(phrase: str) -> re.Pattern[str] | None:
    """A lexicon phrase as whole words (not after '#', '@' or '/'); compiled once."""
    stripped = phrase.strip()
    if not stripped:
        return None
    return re.compile(
        r"(?<![\w#@/])" + re.escape(stripped) + (r"(?![\w@/])" if stripped[-1].isalnum() else "")
    )


@cache
def _cue_re(cue: str) -> re.Pattern[str]:
    """A cue word or phrase, not inside another word ('never' is not in 'whenever'); compiled once."""
    core = cue.strip()
    left = r"(?<!\w)" if core[:1].isalnum() else ""
    right = r"(?!\w)" if core[-1:].isalnum() else ""
    return re.compile(left + re.escape(core) + right)


# Each phrase test first asks whether the words occur at all (a plain substring test, which most
# of the lexicon's hundreds of phrases fail): the pattern can only match where they do.
def _has(text: str, phrase: str) -> bool:
    if phrase.strip() not in text:
        return False
    pattern = _phrase_re(phrase)
    return pattern is not None and pattern.search(text) is not None


def _cue(text: str, cue: str) -> bool:
    return cue.strip() in text and _cue_re(cue).search(text) is not None


def _any_cue(text: str, group: str) -> bool:
    return any(_cue(text, cue) for cue in words()[group])


def _positions(text: str, phrase: str) -> list[int]:
    if phrase.strip() not in text:
        return []
    pattern = _phrase_re(phrase)
    return [m.start() for m in pattern.finditer(text)] if pattern is not None else []


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return words()["number_words"].get(token.lower())


def _as_float(token: str) -> float:
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        return float(token.replace(",", ""))
    return float(token.replace(",", "."))


# -- parameters ------------------------------------------------------------------------------------
def _thresholds(text: str) -> tuple[list[str], str]:
    found = []
    for m in THRESHOLD_RE.finditer(text):
        op_text = m.group("op").lower()
        op = "<" if op_text.startswith(_LESS) else "=" if op_text.startswith("equal") else ">"
        if op_text in ("at least", ">="):
            op = ">="
        elif op_text in ("at most", "<="):
            op = "<="
        number = _as_float(m.group("num"))
        unit = (m.group("unit") or "").lower()
        if unit == "k":
            number, unit = number * 1000, ""
        unit = {"percent": "%", "pct": "%"}.get(unit, unit)
        unit = "$" if unit in ("usd", "dollar", "dollars") else "€" if unit.startswith("eur") else unit
        unit = "£" if unit in ("gbp", "pound", "pounds") else unit
        unit = unit or (m.group("cur") or "")
        found.append(f"{op}{number:g}{unit}")
    return sorted(set(found)), _blank(text, THRESHOLD_RE)


def _times(text: str) -> tuple[list[str], str]:
    """'at 9', '9am', '17:30', 'at nine in the morning', 'noon' → 'HH:MM' (24 h)."""
    named = words()["named_times"]
    found = [t for phrase, t in named.items() if _has(text, phrase)]
    part = next((ap for w, ap in words()["day_parts"].items() if _has(text, w)), None)
    spans = []
    for m in TIME_RE.finditer(text):
        hour = _number(m.group("h"))
        ap = (m.group("ap") or "").replace(".", "").lower()
        explicit = ap or m.group("m") or (m.group("at") and m.group("h").isdigit())
        if (
            hour is None
            or not explicit
            or hour > 24
            or (m.group("at") is None and not ap and not m.group("m"))
        ):
            if not (m.group("at") and hour is not None and m.group("h").isalpha() and part):
                continue
        minute = int(m.group("m") or 0)
        if minute > 59:
            continue
        half = "pm" if ap.startswith("p") else "am" if ap.startswith("a") else part if hour <= 12 else None
        if half == "pm" and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        found.append(f"{hour % 24:02d}:{minute:02d}")
        spans.append(m.span())
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    return sorted(set(found)), text


def _schedule(text: str) -> tuple[dict[str, Any] | None, str]:
    w = words()
    every = None
    for m in EVERY_N_RE.finditer(text):
        n = _number(m.group("n"))
        if n is not None:
            unit = m.group("unit").lower()[0]
            every = f"{n}{'min' if unit == 'm' and not m.group('unit').lower().startswith('mo') else unit}"
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    if every is None:
        for unit in ("minute", "hour", "month", "week", "day"):
            if any(_has(text, p) for p in w["every"][unit]):
                every = unit
                break
    days: set[str] = set()
    if any(_has(text, p) for p in w["weekday_phrases"]):
        days |= {"mon", "tue", "wed", "thu", "fri"}
    if any(_has(text, p) for p in w["weekend_phrases"]):
        days |= {"sat", "sun"}
    days |= {code for name, code in w["days"].items() if len(name) > 3 and _has(text, name)}
    times, text = _times(text)
    tz = sorted({zone for phrase, zone in lexicon()["timezones"].items() if _has(text, phrase)})
    if every is None and (days or times):
        every = "week" if days and len(days) < 5 else "day"
    if every == "week" and len(days) >= 5:
        every = "day"
    if every is None and not times:
        return None, text
    return {"every": every, "days": sorted(days), "times": times, "tz": tz}, text


def _symbols(text: str, original: str) -> list[str]:
    lex = lexicon()
    acronyms = set(lex["acronyms"])
    found = {m.group(1).upper() for m in re.finditer(r"\$([A-Za-z]{1,6})\b", original)}
    found |= {m.group(0) for m in re.finditer(r"(?<![\w#@/$-])[A-Z]{2,6}(?![\w/-])", original)} - acronyms
    found |= {sym for name, sym in lex["coin_names"].items() if _has(text, name)}
    return sorted(found)


def _repos(text: str) -> list[str]:
    if not re.search(r"\b(github|gitlab|repo|repository|repos|repositories)\b", text):
        return []
    return sorted(
        {f"{a}/{b}" for a, b in REPO_RE.findall(text) if not a.isdigit() and not b.isdigit() and a != "r"}
    )


_TOPIC_RES = (
    re.compile(r"\b([a-z][\w-]+) (?:news|topics?|trends|articles|jobs|papers|stories)\b"),
    re.compile(
        r"\b(?:news|topics?|trends|articles|jobs|papers|stories) (?:in|about|on|from|for) ([a-z][\w-]+)"
    ),
)


def _topics(text: str) -> list[str]:
    """'AI news', 'trending topics in fintech' → the subject the content is about."""
    generic = set(words()["generic_modifiers"])
    found = {m.group(1) for pattern in _TOPIC_RES for m in pattern.finditer(text)}
    return sorted(found - generic)


def parameters(text: str, original: str) -> dict[str, Any]:
    """Every literal that parametrises the workflow; `text` is normalised, `original` keeps case."""
    params: dict[str, Any] = {
        "urls": sorted({u.rstrip("/") for u in URL_RE.findall(text)}),
        "emails": sorted(set(EMAIL_RE.findall(text))),
    }
    rest = _blank(_blank(text, URL_RE), EMAIL_RE)
    original_rest = _blank(_blank(unicodedata.normalize("NFKC", original), URL_RE), EMAIL_RE)
    params["channels"] = sorted(set(CHANNEL_RE.findall(rest)))
    params["handles"] = sorted(set(HANDLE_RE.findall(rest)))
    params["subreddits"] = sorted(set(SUBREDDIT_RE.findall(rest)))
    params["repos"] = _repos(rest)
    params["quoted"] = sorted({next(g for g in m.groups() if g).strip() for m in QUOTED_RE.finditer(rest)})
    params["symbols"] = _symbols(rest, original_rest)
    params["thresholds"], rest = _thresholds(rest)
    schedule, rest = _schedule(rest)
    params["numbers"] = sorted({f"{_as_float(m.group(0)):g}" for m in re.finditer(NUMBER, rest)})
    params["languages"] = sorted({code for name, code in words()["languages"].items() if _has(text, name)})
    models = lexicon()["models"]
    params["models"] = sorted(
        {
            model
            for phrase, model in models.items()
            if _has(text, phrase) and not any(p != phrase and phrase in p and _has(text, p) for p in models)
        }
    )
    params["to_me"] = bool(re.search(r"\b(me|my|myself)\b", text))
    params["moves"] = sorted(
        {move for move, cues in words()["moves"].items() if any(_cue(text, c) for c in cues)}
    )
    synonyms = words()["qualifier_synonyms"]
    params["qualifiers"] = sorted(
        {
            synonyms.get(q, q)
            for q in words()["qualifiers"]
            if q in text and re.search(rf"(?<!\w){re.escape(q)}(?! (?:a|an|the|it|them)\b)(?!\w)", text)
        }
    )
    params["topics"] = _topics(text)
    return {"params": params, "schedule": schedule}


# -- structure -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _integration_phrases() -> dict[str, list[str]]:
    lex = lexicon()
    out: dict[str, list[str]] = {}
    for section in ("integrations", "search", "apis", "named_apis"):
        for key, entry in lex[section].items():
            if key.startswith("_") or not isinstance(entry, dict):
                continue
            out.setdefault(key, []).extend(entry.get("phrases", []))
    for key, phrases in words()["extra_phrases"].items():
        out.setdefault(key, []).extend(phrases)
    return out


def _negated(clause_before: str) -> bool:
    return _any_cue(" ".join(clause_before.split()[-6:]), "negation_cues")


def integrations(text: str) -> tuple[list[str], list[str]]:
    """(['gmail', 'slack'], ['discord']): the services the request uses, and those it rules out.
    Which way data flows through each of them is `flows`."""
    padded = " " + _blank(_blank(text, URL_RE), EMAIL_RE) + " "
    used: set[str] = set()
    negated: set[str] = set()
    for key, phrases in _integration_phrases().items():
        for phrase in phrases:
            for pos in _positions(padded, phrase):
                clause = re.split(r"[.;,!?]| but | then | and then ", padded[max(0, pos - 80) : pos])[-1]
                (negated if _negated(clause) else used).add(key)
    return sorted(used), sorted(negated - used)


# -- which way data flows -----------------------------------------------------------------------------
_PUNCT_BREAK = re.compile(r"[,;:.!?](?=\s|$)")
_TOKEN = re.compile(r"[^\s,;:!?()\"]+")


@lru_cache(maxsize=1)
def _two_way() -> frozenset[str]:
    """Integrations the planner can both read from and write to (the lexicon says which): only
    their direction distinguishes two workflows; a one-way service has nothing to tell apart."""
    return frozenset(
        key
        for key, entry in lexicon()["integrations"].items()
        if isinstance(entry, dict) and "read" in entry and "write" in entry
    )


@lru_cache(maxsize=1)
def _flow_cues() -> list[tuple[frozenset[str], str]]:
    w = words()
    return [
        (frozenset(w["source_marks"]), "read"),
        (frozenset(w["destination_marks"]), "write"),
        (frozenset(w["new_marks"]), "read"),
        (frozenset(w["read_verbs"]), "read"),
        (frozenset(w["write_verbs"]), "write"),
    ]


@lru_cache(maxsize=1)
def _phrase_alternation(group: str) -> re.Pattern[str]:
    phrases = sorted(words()[group], key=len, reverse=True)
    return re.compile(r"(?<![\w#@/])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def _clauses(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is a trigger) for each clause: split at punctuation and at words that open one
    ('when', 'if', 'then' …); a clause opened by an event start ('when', 'for each new' …) is a
    trigger up to its first 'and'."""
    cuts = {0, len(text)}
    cuts |= {m.end() for m in _PUNCT_BREAK.finditer(text)}
    cuts |= {m.start() for m in _phrase_alternation("clause_breaks").finditer(text)}
    bounds = sorted(cuts)
    events = _phrase_alternation("event_starts")
    out: list[tuple[int, int, bool]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        if events.match(text, start + lead) is None:
            out.append((start, end, False))
            continue
        joint = text.find(" and ", start, end)
        joint = end if joint < 0 else joint
        out.append((start, joint, True))
        if joint < end:
            out.append((joint, end, False))
    return out


def _flow_cue(tokens: list[str], i: int, kinds: list[tuple[frozenset[str], str]]) -> str | None:
    """The direction a cue starting at tokens[i] (one word or two) gives, if any; a verb right after
    a noun marker is a noun ('a post', 'each message') and says nothing."""
    pair = f"{tokens[i]} {tokens[i + 1]}" if i + 1 < len(tokens) else None
    noun = i > 0 and tokens[i - 1] in _noun_markers()
    for cues, direction in kinds:
        if noun and cues in _verb_sets():
            continue
        if (pair is not None and pair in cues) or tokens[i] in cues:
            return direction
    return None


@lru_cache(maxsize=1)
def _noun_markers() -> frozenset[str]:
    return frozenset(words()["noun_markers"])


@lru_cache(maxsize=1)
def _verb_sets() -> list[frozenset[str]]:
    return [cues for cues, _ in _flow_cues()[3:]]


def _direction(text: str, start: int, end: int, clause: tuple[int, int, bool]) -> str | None:
    """'read' or 'write' for the place named at text[start:end], or None when nothing says."""
    if clause[2]:
        return "read"
    before = [t.strip(".'") for t in _TOKEN.findall(text[clause[0] : start])]
    kinds = _flow_cues()
    verbs = kinds[3:]
    stops = set(words()["flow_stops"])
    last = len(before) - 1
    for i in range(last, max(-1, last - int(words()["flow_window"])), -1):
        if before[i] in stops:
            break
        if (found := _flow_cue(before, i, kinds)) is not None:
            return found
    own = [t.strip(".'") for t in _TOKEN.findall(text[start:end])]
    said = [_flow_cue(own, i, verbs) for i in range(len(own))]  # the place's own words: 'email me'
    said += [_flow_cue(before, i, verbs) for i in range(last, -1, -1)]  # else the clause's nearest verb
    return next((d for d in said if d is not None), None)


def flows(text: str) -> list[str]:
    """['#sales:read', 'gmail:write', …]: which way data flows for each place the request names."""
    padded = " " + _blank(_blank(text, URL_RE), EMAIL_RE) + " "
    spaced = " " + text + " "
    places: list[tuple[str, int, int]] = []
    phrases = _integration_phrases()
    for key in sorted(_two_way() & phrases.keys()):
        for phrase in phrases[key]:
            places += [(key, pos, pos + len(phrase.strip())) for pos in _positions(padded, phrase)]
    places += [("#" + m.group(1), m.start(), m.end()) for m in CHANNEL_RE.finditer(padded)]
    places += [(m.group(0).lower(), m.start(), m.end()) for m in EMAIL_RE.finditer(spaced)]
    clauses = _clauses(padded)
    found = set()
    for place, start, end in places:
        clause = next(c for c in clauses if c[0] <= start < c[1] or start == c[1] == len(padded))
        direction = _direction(padded, start, end, clause)
        if direction is not None:
            found.add(f"{place}:{direction}")
    return sorted(found)


def _steps(text: str) -> list[str]:
    """Processing kinds that change what the workflow does (generic verbs like 'write a' do not count)."""
    strong = set(words()["strong_steps"])
    return sorted(
        kind
        for kind, entry in lexicon()["processing"].items()
        if kind in strong
        and any(
            (v in text) if v.endswith(" ") or not v.isalpha() else (v in text and re.search(r"\b" + v, text))
            for v in entry["verbs"]
        )
    )


def _language(text: str) -> str:
    tokens = re.findall(r"[^\W\d_]+", text)
    scores = {lang: sum(t in set(stop) for t in tokens) for lang, stop in words()["stopwords"].items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 2 and scores[best] > scores.get("en", 0) else "en"


def _trigger(text: str, schedule: dict[str, Any] | None, thresholds: list[str]) -> str:
    if schedule is not None:
        return "schedule"
    if thresholds or _any_cue(text, "webhook_cues"):
        return "event"  # a webhook, or a watch on a value ('when BTC drops below …')
    return "manual"


def extract(description: str) -> dict[str, Any]:
    """The request's intent and parameters; equal dicts mean the same workflow would be built."""
    text = normalise(description)
    found = parameters(text, description)
    used, negated = integrations(text)
    loop_text = re.sub(r"\b(for|on) (every|each) (new|incoming)\b", " ", text)
    return {
        "trigger": _trigger(text, found["schedule"], found["params"]["thresholds"]),
        "schedule": found["schedule"],
        "integrations": used,
        "negated": negated,
        "flow": flows(text),
        "negation": _any_cue(text, "negation_cues"),
        "steps": _steps(text),
        "branching": bool(found["params"]["thresholds"]) or _any_cue(text, "branch_cues"),
        "loop": _any_cue(loop_text, "loop_cues"),
        "language": _language(text),
        "params": found["params"],
    }


@lru_cache(maxsize=1024)
def understood(description: str) -> tuple[str, str]:
    """(normalised text, intent hash) of a request: what a lookup compares. Pure, so a warm process
    remembers the last thousand requests (a repeat skips the extraction's ~1.3 ms)."""
    return normalise(description), digest(extract(description))


def digest(value: Any) -> str:
    """A stable hash of JSON-able data (sorted keys), for keys and equality in SQL."""
    raw = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()
