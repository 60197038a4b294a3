"""Is this a secret? By the name it is kept under, and by its value. Pure functions over strings.

Two tests, because real states hide keys both ways: an `apiKey` field holding anything literal
is a secret whatever it looks like (name), and `sk-proj-…` inside a prompt, a function body or
a URL query is a secret wherever it sits (value). Value tests are the known formats in
`formats.json` plus, where secrets are usually passed (URL query values, header values,
`key: "…"` assignments, free tokens in code and prompts), a randomness test strict enough that
UUIDs, `<block.refs>`, `{{ENV}}` references, words and identifiers stay out.

detect-secrets (Yelp) was measured first: ~0.5 ms per string with its default plugins (a 300-string
state would pay ~150 ms per write), it flags UUIDs and plain prose through its entropy plugins,
and it has no Anthropic or Google key format; so the table here is our own data.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from lib.sim.names import ENV_REF, REFERENCE_RE

__all__ = [
    "VERSION",
    "Hit",
    "env_name",
    "find_in_text",
    "formats",
    "is_literal",
    "is_secret_name",
    "json_may_hold_secret",
    "looks_random",
    "may_hold_secret",
    "secret_part",
    "shannon",
    "whole_format",
]

# Raised whenever detection finds what it did not before, so stored rows are swept again
# (`lib.store.secrets.sweep_if_behind`). 2: credentials in URLs (`?sig=…`, `user:password@`).
VERSION = 2

_FORMATS_FILE = Path(__file__).with_name("formats.json")


@dataclass(frozen=True)
class Hit:
    """One secret inside a string: `text[start:end] == value`; `env` is the name its format implies."""

    start: int
    end: int
    value: str
    kind: str
    env: str | None = None
    label: str | None = None  # the parameter or key it was assigned to, when there was one


@dataclass(frozen=True)
class _Format:
    kind: str
    regex: re.Pattern[str]
    env: str | None
    group: str | int
    digits: bool
    needles: tuple[str, ...]


@lru_cache(maxsize=1)
def formats() -> tuple[_Format, ...]:
    """The known key formats, compiled once on first use."""
    table = json.loads(_FORMATS_FILE.read_text(encoding="utf-8"))["formats"]
    return tuple(
        _Format(
            f["kind"],
            re.compile(f["pattern"]),
            f.get("env"),
            f.get("group") or 0,
            bool(f.get("digits")),
            tuple(f["needles"]),
        )
        for f in table
    )


@lru_cache(maxsize=1)
def _any_needle() -> re.Pattern[str]:
    """Every format's needles in one pattern: most strings hold none, and one search says so."""
    needles = sorted({n for f in formats() for n in f.needles}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in needles))


@lru_cache(maxsize=1)
def _needle_starts() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """A pattern that reports, at every position, the longest needle starting there; and for each
    needle, every needle inside it (present whenever it is), so the needles a text holds are known
    from one scan."""
    needles = sorted({n for f in formats() for n in f.needles}, key=len, reverse=True)
    pattern = re.compile("(?=(" + "|".join(re.escape(n) for n in needles) + "))")
    return pattern, {n: frozenset(m for m in needles if m in n) for n in needles}


def _present_needles(text: str) -> set[str]:
    pattern, inside = _needle_starts()
    present: set[str] = set()
    for found in set(pattern.findall(text)):
        present |= inside[found]
    return present


# --- names ---------------------------------------------------------------------------------
# A field, parameter, header or variable whose (lowercased, separator-free) name ends like this
# holds a credential.
_SECRET_SUFFIXES = (
    "apikey",
    "apitoken",
    "secret",
    "secretkey",
    "password",
    "passwd",
    "passphrase",
    "privatekey",
    "token",
    "accesskey",
    "accesskeyid",
    "authorization",
    "bearer",
    "credentials",
    "signingkey",
    "encryptionkey",
    "sessionkey",
    "authkey",
    "licensekey",
    "connectionstring",
    "cookie",
)
# Short names that mean a credential only as a URL query parameter (`?key=…&sig=…`); as JSON keys
# they are too common (`{"key": "channel"}`).
_QUERY_NAMES = frozenset({"auth", "key", "pwd", "pass", "sig", "signature"})
# Look-alikes that name counts, ids of stored OAuth credentials, pagination cursors or settings.
_NOT_SECRET = frozenset(
    {
        "pagetoken",
        "nextpagetoken",
        "nexttoken",
        "continuationtoken",
        "synctoken",
        "cursortoken",
        "maxtokens",
        "tokens",
        "credential",
        "oauthcredential",
        "manualcredential",
        "credentialid",
        "triggercredentials",
        "vertexcredential",
        "tokenizer",
        "secretheadername",
        "usetoken",
        "requireauth",
        "authmethod",
        "authtype",
        "authmode",
        "authenticationmethod",
        "authenticationtype",
    }
)


def _norm(name: Any) -> str:
    return re.sub(r"[\s_\-.]", "", str(name)).lower()


@lru_cache(maxsize=8192)
def _secret_name(name: str) -> bool:
    key = _norm(name)
    if not key or key in _NOT_SECRET:
        return False
    return key.endswith(_SECRET_SUFFIXES)


def is_secret_name(name: Any) -> bool:
    """Whether a field/parameter/header/variable name says it holds a credential."""
    return _secret_name(name) if isinstance(name, str) else False


# --- values ----------------------------------------------------------------------------------
_MASK_OR_PLACEHOLDER = re.compile(
    r"^(?:[•*xX]{3,}|\.{3}|<[^<>]*>|\[[^\[\]]*\]|(?:your|my|enter|insert)[\s_\-].*|none|null|nil|true|false"
    r"|n/?a|tbd|todo|changeme|example|placeholder|redacted|undefined)$",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^\s*(?:Bearer|Basic|Token|Bot|Key|ApiKey)\s+", re.IGNORECASE)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _without_refs(text: str) -> str:
    return REFERENCE_RE.sub("", ENV_REF.sub("", text))


def is_literal(value: Any) -> bool:
    """A non-empty literal string: not only `{{ENV}}`/`<block.field>` references, masks or placeholders."""
    if not isinstance(value, str):
        return False
    rest = _SCHEME.sub("", _without_refs(value)).strip(" \t\r\n:;,'\"")
    return bool(rest) and not _MASK_OR_PLACEHOLDER.match(rest)


def secret_part(value: str) -> tuple[int, int] | None:
    """Span of the secret in a value kept under a secret name ('Bearer abc' → 'abc'); None if none."""
    if not is_literal(value) or ENV_REF.search(value) or REFERENCE_RE.search(value):
        return None
    start = len(value) - len(value.lstrip())
    m = _SCHEME.match(value)
    if m:
        start = m.end()
    end = len(value.rstrip())
    return (start, end) if end > start else None


def shannon(text: str) -> float:
    """Shannon entropy in bits per character."""
    if not text:
        return 0.0
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values())


_TOKEN = re.compile(r"(?<![A-Za-z0-9_\-+/=.])[A-Za-z0-9_\-+/=]{20,200}(?![A-Za-z0-9_\-+/=])")
_HEXISH = re.compile(r"[0-9a-fA-F\-]+")
_LOWER = re.compile(r"[a-z]")
_UPPER = re.compile(r"[A-Z]")
_WORDS = re.compile(r"[A-Z]?[a-z]{5,}")


def looks_random(token: str) -> bool:
    """A machine-made credential rather than a word, identifier, UUID, hash-like id or path.

    Needs upper case, lower case and digits mixed (at least 3 digits), no long run of letters
    that reads like an identifier, and high entropy for its length.
    """
    if len(token) < 20 or _UUID.match(token) or _HEXISH.fullmatch(token):
        return False
    core = token.rstrip("=")
    digits = sum(map(str.isdigit, core))
    if digits < 3 or not _LOWER.search(core) or not _UPPER.search(core):
        return False
    # identifiers and prose: long alphabetic words (CamelCase parts of 5+ lower letters)
    words = _WORDS.findall(core)
    if sum(map(len, words)) > len(core) * 0.4:
        return False
    return shannon(core) >= min(4.0, 0.9 * math.log2(len(core)))


# --- text ------------------------------------------------------------------------------------
_URL = re.compile(r"\b(?:https?|wss?)://[^\s\"'<>`]+")
_ASSIGN = re.compile(
    r"(?P<key>[A-Za-z_][A-Za-z0-9_\-]*)\\?[\"']?\s*[:=]\s*\\?(?P<q>[\"'])(?P<val>[^\"'\\\s]{3,}?)\\?(?P=q)"
)
_HEADER_LINE = re.compile(
    r"(?im)^\s*(?P<key>[A-Za-z][A-Za-z0-9\-]*)\s*:\s*(?P<val>(?:(?:Bearer|Basic|Token)\s+)?\S+)\s*$"
)


def _format_hits(text: str) -> list[Hit]:
    hits: list[Hit] = []
    if _any_needle().search(text) is None:
        return hits
    present = _present_needles(text)
    for fmt in formats():
        if present.isdisjoint(fmt.needles):
            continue
        for m in fmt.regex.finditer(text):
            start, end = m.span(fmt.group)
            value = text[start:end]
            if fmt.digits and not any(map(str.isdigit, value)):
                continue
            if not is_literal(value):
                continue
            hits.append(Hit(start, end, value, fmt.kind, fmt.env))
    return hits


def _url_hits(text: str) -> list[Hit]:
    hits = []
    for m in _URL.finditer(text):
        url = m.group(0)
        try:
            query = urlsplit(url).query
        except ValueError:
            continue
        if not query:
            continue
        qstart = m.start() + url.index("?") + 1 if "?" in url else None
        if qstart is None:
            continue
        pos = qstart
        for part in query.split("&"):
            name, _, raw = part.partition("=")
            vstart = pos + len(name) + 1
            pos += len(part) + 1
            if not raw:
                continue
            decoded = parse_qsl(part, keep_blank_values=True)
            value = decoded[0][1] if decoded else raw
            if not is_literal(value) or ENV_REF.search(raw) or REFERENCE_RE.search(raw):
                continue
            if is_secret_name(name) or _norm(name) in _QUERY_NAMES or looks_random(value):
                hits.append(Hit(vstart, vstart + len(raw), raw, "url_query", None, name))
    return hits


def _assignment_hits(text: str) -> list[Hit]:
    hits = []
    for m in _ASSIGN.finditer(text):
        if not is_secret_name(m.group("key")):
            continue
        span = secret_part(m.group("val"))
        if span is None:
            continue
        start = m.start("val") + span[0]
        end = m.start("val") + span[1]
        hits.append(Hit(start, end, text[start:end], "assignment", None, m.group("key")))
    for m in _HEADER_LINE.finditer(text):
        if not is_secret_name(m.group("key")):
            continue
        span = secret_part(m.group("val"))
        if span is not None:
            start, end = m.start("val") + span[0], m.start("val") + span[1]
            hits.append(Hit(start, end, text[start:end], "header_line", None, m.group("key")))
    return hits


def _random_hits(text: str) -> list[Hit]:
    hits = []
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        before = text[max(0, m.start() - 1) : m.start()]
        if before in ("/", "#", "@") or not looks_random(token):
            continue  # URL path segments and anchors are ids, not credentials
        hits.append(Hit(m.start(), m.end(), token, "random", None))
    return hits


# What every hit `find_in_text` can report leaves in its text (read off formats.json and the
# checks above): a run of 20 token characters (most formats, random tokens), a short format's
# own mark (JWTs, Basic/Bearer/Token/Bot values, short Slack tokens, PEM keys, credentials in
# URLs, URL queries), or a secret name for an assignment, header line or stated password. A new
# format that leaves none of these must add its mark here (tests/secrets checks each format).
# URLs count only with a query or an '@' (see `may_hold_secret`).
_RUN = re.compile(r"[A-Za-z0-9_\-+/=]{20}")
_SHORT_MARKS = ("eyJ", "Basic", "Bearer", "Token", "Bot", "xox", "xapp", "PRIVATE KEY")
_NAME_WORDS = re.compile("|".join(sorted(_SECRET_SUFFIXES, key=len, reverse=True)))


def may_hold_secret(text: str) -> bool:
    """False only when `find_in_text(text)` is certainly empty: a few scans cheaper than the search.

    Non-ASCII text is always passed on (case-insensitive matching has Unicode look-alikes)."""
    if len(text) < 8:
        return False
    if not text.isascii():
        return True
    if len(text) == 36 and _UUID.match(text):
        # An id: no format's needle and digits fit in one (`fc-` needs 32 hex digits in a row,
        # `ACCA` 16 more characters), no URL, no `:` or `=`, and `looks_random` refuses UUIDs.
        return False
    # `_RUN`, on the bytes: one table lookup a character instead of the regex engine's steps
    if len(text) >= 20 and text.encode("ascii").translate(_AS_RUNS).find(_AS_RUN) >= 0:
        return True
    for mark in _SHORT_MARKS:
        if mark in text:
            return True
    # A URL holds a secret only in its query ('?') or as a password before '@' (`url_password`);
    # a plain link (`https://example.com/v1`) is searched no further.
    if "://" in text and ("?" in text or "@" in text):
        return True
    return _NAME_WORDS.search(text.lower().replace("_", "").replace("-", "")) is not None


_TOKEN_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=")
_AS_RUNS = bytes(0x61 if i in _TOKEN_CHARS else 0x20 for i in range(256))  # token byte → 'a'
_AS_RUN = b"a" * 20
# A whole JSON string, key or value, that is a UUID: its opening quote follows one of `,:[{`
# (a quote inside a string follows a backslash), so the match is exactly one string token.
# The quote comes first so the search skips ahead to quotes.
_UUID_STRING = re.compile(
    rb'"(?<=[,:\[{]")[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"'
)
_ENV_REF_B = re.compile(ENV_REF.pattern.encode())
# Each secret suffix holds one of these (tests/secrets checks it): a text without any holds
# nothing `_NAME_WORDS` matches and no secret name.
_NAME_PARTS = (
    b"key",
    b"token",
    b"secret",
    b"pass",
    b"auth",
    b"bearer",
    b"credential",
    b"cookie",
    b"connectionstring",
)
_NAME_PARTS_STR = tuple(p.decode() for p in _NAME_PARTS)


def json_may_hold_secret(text: bytes) -> bool:
    r"""False only when no string of the JSON document `text`, key or value, can hold a secret:
    `may_hold_secret` is False for each, none is a secret name (`is_secret_name`), and no object
    holds `blocks` (a state, judged by registry names). A few C scans over the bytes.

    `text` must be written by orjson: its only escapes are \" \\ \b \f \n \r \t and \u00XX.
    A run of token characters, a mark or a name's letters inside a string are then in the text
    as they are (escapes only split runs; letters are never escaped); \u escapes and non-ASCII
    text are always passed on. Names inside `{{ENV}}` references do not count: a key, `Key`
    cell or variable name holding one ends with a brace (no secret name), and an assignment's
    or header's key cannot hold a brace. A URL with a query or an `@` is passed on as
    `may_hold_secret` passes it: `?sig=…`, `?pwd=…` and `user:password@` carry no secret name."""
    if not text.isascii():
        return True
    # The same tests as on the bytes, but `in` on str: several times cheaper than on bytes.
    plain = text.decode("ascii")
    if "\\u" in plain or '"blocks"' in plain:
        return True
    if "://" in plain and ("?" in plain or "@" in plain):
        return True
    for mark in _SHORT_MARKS:
        if mark in plain:
            return True
    if text.translate(_AS_RUNS).find(_AS_RUN) >= 0:  # `_RUN`
        # Ids (of blocks, edges, credentials) are runs that hold nothing: judged without the
        # strings that are exactly a UUID (see `may_hold_secret`), then any other run counts.
        # (A UUID holds no mark and no name's letters: the other tests read the same either way.)
        if b"-" not in text:
            return True
        text = _UUID_STRING.sub(b'""', text)
        if text.translate(_AS_RUNS).find(_AS_RUN) >= 0:
            return True
        plain = text.decode("ascii")
    if "{{" in plain:
        text = _ENV_REF_B.sub(b"", text)
    text = text.replace(b'"tokens"', b'""')  # Sim's agent output: not a secret name (`_NOT_SECRET`)
    if "\\" in plain:  # an escaped backslash first, so `\\n` is not read as a newline
        text = text.replace(b"\\\\", b"\x01")
        for escape in (b"\\n", b"\\r", b"\\t", b"\\f"):  # blanks, which `_norm` drops
            text = text.replace(escape, b"")
    folded = text.lower().translate(None, b" _-.").decode("ascii")
    return any(map(folded.__contains__, _NAME_PARTS_STR))


def whole_format(text: str) -> Hit | None:
    """The hit of a known format that names a variable, when `find_in_text(text)` reports one
    spanning all of `text`; else None. Only formats are searched: a whole-text format hit sorts
    first in `find_in_text`'s choice (rank 0, longest, at 0; ties keep the formats' order), so it
    is the one chosen, and the other kinds name no variable."""
    if len(text) < 8:
        return None
    for hit in _format_hits(text):
        if hit.start == 0 and hit.end == len(text):
            return hit if hit.env else None
    return None


def find_in_text(text: Any, *, random_tokens: bool = True) -> list[Hit]:
    """Every secret inside a string, longest first where they overlap, in text order.

    `random_tokens=False` keeps only formats, URL query values and secret-named assignments
    (for fields that hold ids, where a random-looking token is expected and harmless).
    """
    if not isinstance(text, str) or len(text) < 8:
        return []
    hits = _format_hits(text)
    if "://" in text:
        hits += _url_hits(text)
    if ":" in text or "=" in text:
        hits += _assignment_hits(text)
    if random_tokens and len(text) >= 20:
        hits += _random_hits(text)
    if not hits:
        return hits
    # prefer formats (they name the variable), then longer spans; drop overlaps
    rank = {"url_query": 1, "assignment": 1, "header_line": 1, "random": 2}
    hits.sort(key=lambda h: (rank.get(h.kind, 0), -(h.end - h.start), h.start))
    chosen: list[Hit] = []
    for hit in hits:
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def env_name(*parts: Any) -> str:
    """A readable environment variable name from hints: ('Slack 1', 'botToken') → 'SLACK_1_BOT_TOKEN'."""
    words = []
    for part in parts:
        if part is None or part == "":
            continue
        text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(part))
        words.append(re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").upper())
    name = "_".join(w for w in words if w)
    name = re.sub(r"_+", "_", name)[:60].strip("_")
    if not name:
        return "SECRET"
    return name if not name[0].isdigit() else "SECRET_" + name
