"""The planner's vocabulary (`lexicon.json`) and the parameter readers that go with it.

Phrases live in data so that adding an integration or a synonym is a data change; the readers
here pull stated parameters (channels, addresses, repos, URLs, symbols, thresholds) out of text,
keeping the user's original spelling.
"""

from __future__ import annotations

import itertools
import json
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from lib.generation import rx as re

_FILE = Path(__file__).with_name("lexicon.json")
# 'statuses[]=triggered': an empty pair of brackets is part of a query parameter's name, a lone one is not
URL_RE = re.compile(r"https?://(?:[^\s<>\"')\[\],]|\[\])*(?:[^\s<>\"')\[\],.;:!?]|\[\])")
EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
CHANNEL_RE = re.compile(r"(?<![\w&])#([A-Za-z0-9][\w-]*)")
# a person's handle in a chat service ('@maria'), not an e-mail address's '@'
HANDLE_RE = re.compile(r"(?<![\w.@])@([a-z][\w.-]*[a-z0-9])\b(?!\.[a-z])", re.I)
# 'acme/web', 'github.com/acme/web': the host written before a repository is not its owner
REPO_RE = re.compile(r"\b(?:(?:www\.)?github\.com/)?([A-Za-z0-9][\w.-]*)/([A-Za-z0-9][\w.-]*)\b")
# the ISO 4217 codes an amount may be written with ('CAD 250', '185 USD', 'CLP 50.000', 'ARS 200.000'): the readers of
# amounts and thresholds know each (three capitals, so a lookbehind of them stays of fixed width)
CURRENCY_CODES = (
    "USD|EUR|GBP|CHF|CAD|AUD|NZD|JPY|SEK|NOK|DKK|PLN|INR|CLP|ARS|MXN|BRL|COP|PEN|UYU|PYG|BOB|CRC|GTQ|DOP|ZAR|NGN|KES|"
    "GHS|EGP|MAD|TND|AED|SAR|QAR|KWD|ILS|TRY|CZK|HUF|RON|BGN|ISK|UAH|RSD|HKD|SGD|CNY|KRW|TWD|THB|IDR|MYR|VND|PKR|"
    "BDT|LKR"
)
_COMPARATORS = [
    (
        r"(?:more|greater|higher|bigger)\s+than|above|over|exceeds?|exceeding|rises? above|goes above|at least|"
        r"(?:(?:has|have)\s+)?(?:reach(?:e[sd])?|hits?)(?:\s+the)?|"
        r"(?:passe[sd]|crosse[sd]|topped|tops|surpasse[sd]|exceeded)(?:\s+the)?|older\s+than|>=?",
        ">",
    ),
    (
        r"(?:less|lower|fewer|smaller|shorter|earlier|sooner|cheaper)\s+than|below|under|drops? below|falls? below|at most|newer\s+than|<=?",
        "<",
    ),
    (r"equals?|equal to|is exactly|==", "=="),
    (r"(?:anything\s+)?other\s+than(?:\s+an?)?|anything\s+but|not\s+equal\s+to|!=", "!="),
    # 'warmer than 30', 'weaker than 150 to the dollar', 'longer than 90': any other comparative before a number
    # (the ones above first) is a test of a value rising past it
    (r"\b(?!(?:rather|other|either|neither|whether|further|ever|never)\b)(?-i:[a-z]{2,}er)\s+than", ">"),
]
THRESHOLD_RE = re.compile(
    r"(?P<op>"
    + "|".join(p for p, _ in _COMPARATORS)
    + r")\s*(?P<cur>[$€£])?\s*(?:(?-i:"
    + CURRENCY_CODES
    + r")\s*)?(?P<num>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d{1,3}(?:[ \u00a0\u202f']\d{3})+(?!\d)(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*"
    # '17 m/s', '3.2 m' (a space, no currency): a speed or a length, not millions ('$2 m', '2m' are)
    r"(?P<unit>%|percent\b|k\b|m\b(?![/.]\w)|million\b|thousand\b|(?:usd|eur|gbp|dollars?|euros?|pounds?)\b)?",
    re.I,
)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The phrase lists, with every JUL25 tool block the lists do not name added from the registry."""
    from lib.generation.services import derived_integrations

    data = json.loads(_FILE.read_text(encoding="utf-8"))
    known = set(data["integrations"]) | {
        e["type"] for k, e in data["search"].items() if not k.startswith("_")
    }
    known |= {e["type"] for e in data["integrations"].values()}
    data["integrations"].update(derived_integrations(dict.fromkeys(known)))
    return data


def phrase_at(text: str, phrase: str) -> int:
    """Index of `phrase` as whole words in lowercased `text` (-1 when absent)."""
    p = phrase.strip()
    if p not in text:  # most phrases are absent: a substring test settles it without a pattern
        return -1
    found = re.search(r"(?<![\w#@/])" + re.escape(p) + r"(?![\w@/])", text)
    if found is None and phrase != p and phrase.startswith(" "):
        return -1
    return found.start() if found else -1


_CONTAINERS = r"(?:sheets?|spreadsheet|tabs?|channels?|lists?|tables?|boards?|bases?|databases?|pages?|folders?|docs?|documents?|projects?|labels?|files?|forms?|groups?|teams?|workspaces?|repos?|repositories|inbox)"
_QUOTED_RE = re.compile(r"\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|(?<![\w])'[^'\n]{1,80}'(?![\w])")
_CALLED_RE = re.compile(
    _CONTAINERS + r"\s+(?:called|named|titled)\s+(?P<name>[A-Z0-9][\w&-]*(?:\s+[A-Z0-9][\w&-]*)*)", re.I
)
_BEFORE_RE = re.compile(r"(?P<name>\b[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)+)\s+(?P<noun>" + _CONTAINERS + r")\b")


@lru_cache(maxsize=4096)
def mask_names(text: str) -> str:
    """`text` with the user's own names blanked (same length): quoted ones, those after 'a sheet/channel/list
    called …', and capitalised ones before such a noun ('the Inbox Log sheet') unless the words before the
    noun are a service with it ('the Customers Google Sheet'). 'Inbox' in a sheet's name is not Gmail."""
    spans = [m.span() for m in _QUOTED_RE.finditer(text)]
    spans += [m.span("name") for m in _CALLED_RE.finditer(text) if m.group("name")[:1].isupper()]
    phrases = [p.strip() for e in lexicon()["integrations"].values() for p in e["phrases"]]
    for m in _BEFORE_RE.finditer(text):
        name, named, noun = m.group("name").lower(), m.group(0).lower(), m.group("noun").lower()
        if (
            any(
                (phrase_at(named, p) >= 0 and phrase_at(name, p) < 0 and phrase_at(noun, p) < 0)
                or name.endswith(" " + p)
                for p in phrases
            )
            or name in phrases
        ):
            continue  # 'Google Sheet', 'Slack channel', 'the Orders Airtable table': the service and its noun
        start = m.start("name")
        owners = lexicon()["table_nouns"].get(noun.rstrip("s"), [])
        lead = next(
            (
                p
                for k in owners
                for p in sorted(lexicon()["integrations"][k]["phrases"], key=len, reverse=True)
                if p.strip() and name.startswith(p.strip() + " ")
            ),
            None,
        )
        if lead:  # 'the Airtable Customers table': the service that owns the noun, then the user's name
            start += len(lead.strip()) + 1
        spans.append((start, m.end("name")))
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


# a service's phrase that is only a common noun: after another service's name it is that service's thing
_COMMON_NOUNS = frozenset(
    [
        "sheet",
        "sheets",
        "spreadsheet",
        "workbook",
        "table",
        "database",
        "base",
        "doc",
        "docs",
        "document",
        "calendar",
        "inbox",
        "folder",
        "page",
        "channel",
        "drive",
    ]
)


def _owned_noun(low: str, at: int, key: str, noun: str = "") -> bool:
    """'our Excel sheet', 'the Notion database': the noun at `at` belongs to the service named right before it;
    'the 'Churn Log' sheet in our Excel workbook': or to a service holding that kind of thing, placed right after
    it (lexicon.json 'noun_holders')."""
    before = low[:at].rstrip()
    integrations = lexicon()["integrations"]
    if any(
        before.endswith(" " + q.strip())
        for other, entry in integrations.items()
        if other != key
        for q in entry["phrases"]
        if q.strip() and q.strip() not in _COMMON_NOUNS
    ):
        return True
    holders = [h for h in lexicon()["noun_holders"].get(noun.strip(), []) if h != key and h in integrations]
    names = [
        re.escape(q.strip())
        for h in holders
        for q in integrations[h]["phrases"]
        if q.strip() not in _COMMON_NOUNS
    ]
    return bool(names) and bool(
        re.match(
            r"\w*\s+(?:in|on|inside|within|from)\s+(?:the\s+|our\s+|my\s+|your\s+|their\s+|an?\s+)?(?:"
            + "|".join(names)
            + r")(?![\w@/])",
            low[at + len(noun.strip()) :],
        )
    )


def _named_at(low: str, phrase: str, entry: dict[str, Any]) -> int:
    """`phrase_at`, past the places where the phrase is the common noun the service's name also is ('all three
    teams want to see it', an integration's 'common_after')."""
    at = phrase_at(low, phrase)
    common, named = entry.get("common_after"), entry.get("common_before")
    while (
        at >= 0
        and (
            (common and re.search(common, low[:at]))
            # ('the Hunter.io Email Finder API': a word of another product's name, said before it)
            or (named and re.search(named, low[at + len(phrase.strip()) :]))
        )
    ):
        later = phrase_at(low[at + 1 :], phrase)
        at = at + 1 + later if later >= 0 else -1
    return at


def integrations_in(text: str) -> list[tuple[int, str]]:
    """(position, integration key) for every integration named in `text`, in order of appearance; a name
    the user gave a thing of theirs is not a mention (`mask_names`)."""
    return list(_integrations_in(text))


@lru_cache(maxsize=4096)
def _integrations_in(text: str) -> tuple[tuple[int, str], ...]:
    """`integrations_in`, kept: the planner asks it of the same clause many times over (a fifth of its time)."""
    low = " " + URL_RE.sub(lambda m: " " * len(m.group(0)), mask_names(text)).lower() + " "
    hits = []
    for key, entry in lexicon()["integrations"].items():
        positions = [
            at
            for p in entry["phrases"]
            for at in [_named_at(low, p, entry)]
            if at >= 0 and not (p.strip() in _COMMON_NOUNS and _owned_noun(low, at, key, p))
        ]
        # 'generate an uplifting image', 'creates a picture of a seasonal pastry': a block named by what it makes
        made = re.search(entry["named_by"], low) if entry.get("named_by") else None
        positions += [made.start()] if made else []
        if positions:
            hits.append((min(positions), key))
    reddit = re.search(r"(?<![\w/])r/\w+", text)
    if reddit and all(k != "reddit" for _, k in hits):
        hits.append((reddit.start(), "reddit"))
    # "email" inside "gmail" phrases and "x" false positives are resolved by the callers' verbs.
    return tuple(_one_per_job(sorted(hits), low))


def _one_per_job(hits: list[tuple[int, str]], low: str) -> list[tuple[int, str]]:
    """Of integrations that do one job (lexicon.json 'same_job'), the one the text names by its own name ('scrape it
    with Jina': no Firecrawl for the verb), and the first of two offered as alternatives ('Jina or Firecrawl')."""
    for group in lexicon()["same_job"]:
        found = [(at, key) for at, key in hits if key in group]
        if len(found) < 2:
            continue
        named = sorted(
            (at, key)
            for key in {k for _, k in found}
            for at in [phrase_at(low, key.replace("_", " "))]
            if at >= 0
        )
        if not named:
            continue
        alts = "|".join(re.escape(k.replace("_", " ")) for k in group)
        offered = re.search(rf"\b({alts})\s*(?:,\s*)?(?:or|/)\s*({alts})\b", low)
        keep = {key for _, key in named} - ({offered.group(2)} if offered else set())
        hits = [(at, key) for at, key in hits if key not in group or key in keep]
    return hits


def search_engine(text: str) -> str | None:
    # ('the research team runs a Typeform survey', 'a research note on each': a noun of who works or what is made)
    low = re.sub(
        r"\b[\w-]+\s+(?:" + "|".join(lexicon()["search"]["_compound_nouns"]) + r")\b",
        lambda m: " " * len(m.group(0)),
        mask_names(text).lower(),  # (the "Research" field: a name the user gave)
    )
    return named_search_engine(text) or (
        lexicon()["search"]["_default"]
        if any(phrase_at(low, p) >= 0 for p in lexicon()["search"]["_phrases"])
        else None
    )


def named_search_engine(text: str) -> str | None:
    """The search service the text names itself (Exa, Tavily, Perplexity …), not merely 'search the web'."""
    low = text.lower()
    for key, entry in lexicon()["search"].items():
        if key.startswith("_"):
            continue
        # 'a copy on Google Drive' is no Google search: a word after the phrase naming another product of that name
        other = "|".join(re.escape(w) for w in entry.get("not_before", []))
        for p in entry["phrases"]:
            at = phrase_at(low, p)
            if at >= 0 and not (other and re.match(r"\s+(?:" + other + r")\b", low[at + len(p.strip()) :])):
                return key
    return None


def joined_search_engines(text: str) -> list[str]:
    """'built from Exa and Perplexity results', 'search Tavily & Exa for …': the search services the text names side by
    side, joined by 'and' (each one searched), first one first; [] when it names fewer than two so."""
    low = text.lower()
    names = {
        p: key
        for key, entry in lexicon()["search"].items()
        if not key.startswith("_")
        for p in entry["phrases"]
        # a service's one-word name ('exa', 'perplexity'), not a phrase of a verb ('search google')
        if re.fullmatch(r"[a-z]+", p)
    }
    alts = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    joined = re.search(
        rf"\b({alts})((?:\s*,\s*(?:{alts}))*)\s*(?:,\s*)?(?:and|&|\+|plus|as\s+well\s+as)\s+({alts})\b", low
    )
    if joined is None:
        return []
    said = [joined.group(1), *re.findall(alts, joined.group(2)), joined.group(3)]
    return list(dict.fromkeys(names[w] for w in said))


def named_api(text: str) -> tuple[str | None, re.Match[str]] | None:
    """('stripe', match) for 'the Stripe API' / 'HubSpot through their API'; (None, match) for 'an API call'."""
    bare = URL_RE.sub(lambda m: " " * len(m.group(0)), text)
    found = re.search(
        r"\bapi\b(?!\s*(?:keys?|tokens?|secrets?|credentials?|docs?|documentation|reference)\b)", bare, re.I
    )
    # 'check each site with a simple HTTP request': a request with no service named, its address to fill in
    asked = re.search(lexicon()["http_request"], bare, re.I)
    if not found:
        return (None, asked) if asked else None
    low = bare.lower()
    for key, entry in lexicon()["named_apis"].items():
        for phrase in entry["phrases"]:
            # 'the Etherscan gas tracker API': up to two words of its own between the name and 'API'
            direct = re.search(
                r"\b"
                + re.escape(phrase)
                + r"(?:'s)?\s+(?:(?!(?:and|or|via|with|from|to|the|then)\b)[a-z]+\s+){0,2}?api\b",
                low,
            )
            their = re.search(
                r"\b"
                + re.escape(phrase)
                + r"\b[^.,;]{0,30}?\b(?:through|via|using|with|from)\s+(?:their|its|the|[\w-]+['’]s)\s+api\b",
                low,
            )
            if direct or their:
                return key, found
    # an unnamed API only when something calls it: 'with an API call', 'from the price API', 'via their API'
    called = re.search(
        r"\b(?:from|via|through|using|with|call|calls|calling|hit|hits|query|queries|poll|polls)\s+"
        r"(?:the\s+|an?\s+|our\s+|their\s+|its\s+)?(?:[\w'’-]+\s+){0,2}?api\b|\bapi\s+(?:call|request|endpoint)s?\b",
        low,
    )
    return (None, found) if called else None


def stock_symbols(text: str) -> list[str]:
    """Tickers (AAPL, TSLA) in a sentence about stocks; crypto symbols and acronyms are not tickers."""
    lex = lexicon()
    low = text.lower()
    if not any(re.search(r"\b" + w + r"\b", low) for w in lex["stock_words"]):
        return []
    skip = set(lex["acronyms"]) | set(lex["symbols"])
    return list(
        dict.fromkeys(
            m.group(0)
            for m in re.finditer(r"(?<![\w#@/$-])[A-Z]{1,5}(?![\w/-])", URL_RE.sub(" ", text))
            if m.group(0) not in skip
        )
    )


def is_filler(value: str) -> bool:
    """'their company', 'our YouTube channel', 'the company name': words that name nothing specific."""
    if re.search(r"[\"“#@\d]", value):
        return False
    low = " " + value.lower() + " "
    for entry in list(lexicon()["integrations"].values()) + [
        e for k, e in lexicon()["search"].items() if not k.startswith("_")
    ]:
        for phrase in entry["phrases"]:
            low = low.replace(" " + phrase.strip() + " ", " ")
    filler = set(lexicon()["filler_words"])
    return not [w for w in re.findall(r"[\w'-]+", low) if w not in filler]


def count_in(text: str) -> int | None:
    """'the top 5', 'the latest 10 posts', '20 results': how many items the user wants."""
    found = re.search(
        r"\b(?:top|first|latest|last|newest|best|recent)\s+(\d{1,3})\b(?!\s*(?:minutes?|hours?|days?|weeks?|months?)\b)|\b(\d{1,3})\s+(?:(?:most recent|latest|newest|best|top|first|last|recent)\s+)?"
        r"(?:results|posts|articles|items|videos|stories|emails|messages|tweets|links|records|rows|repos|issues)\b",
        text,
        re.I,
    )
    if not found or re.search(
        r"\b(?:than|above|over|below|under|least|most|exceeds?)\s*$", text[: found.start()], re.I
    ):
        return None  # 'more than 3 posts' is a threshold, not a count
    return int(found.group(1) or found.group(2))


def api_service(text: str) -> str | None:
    """The public data API a clause asks for: named ('CoinGecko', 'the weather'), or a coin's price
    ('fetch the bitcoin price', 'the ETH rate') from the API whose `price_url` quotes coins."""
    low = text.lower()
    for key, entry in lexicon()["apis"].items():
        if any(p in low for p in entry["phrases"]):
            return key
    # (not a symbol inside the user's own name: "the Google Sheet 'ETH log'")
    if symbols_in(mask_names(text)) and re.search(
        r"\b(?:price|prices|rate|value|quote|worth|trading at)\b", low
    ):
        return next((k for k, e in lexicon()["apis"].items() if "price_url" in e), None)
    return None


def symbols_in(text: str) -> list[str]:
    lex = lexicon()
    found = [m.group(0) for m in re.finditer(r"\b[A-Z]{2,5}\b", text) if m.group(0) in lex["symbols"]]
    low = text.lower()
    found += [sym for name, sym in lex["coin_names"].items() if re.search(rf"\b{name}\b", low)]
    return list(dict.fromkeys(found))


def model_in(text: str) -> str | None:
    low = text.lower()
    for phrase, model in sorted(lexicon()["models"].items(), key=lambda kv: -len(kv[0])):
        if re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", low):
            return model
    return None


def api_key_for(model: str) -> str:
    for prefix, ref in lexicon()["model_keys"].items():
        if model.startswith(prefix):
            return ref
    return "{{OPENAI_API_KEY}}"


# '25% above the usual $800', 'more than 20% over our daily budget of $1,200', '40% below the target of 2,000'
_RELATIVE = re.compile(
    r"(?P<pct>\d+(?:\.\d+)?)\s*(?:%|percent\b)\s+(?P<dir>above|over|higher than|more than|below|under|"
    r"less than|lower than)\s+(?:the\s+|our\s+|my\s+|its\s+|their\s+|a\s+)?(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:of\s+)?(?P<base>[$€£]?\s*\d[\d,.'\u00a0\u202f]*(?:\s*(?:k|m)\b)?(?:\s*(?:€|eur\b|euros?\b))?)",
    re.I,
)


# '6 or lower', '9 or higher', '$2,500 or more', '1,200 EUR or less': the number first, then the direction
OR_MORE_RE = re.compile(
    r"(?<![\w.,])([$€£])?\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*(%|k\b)?\s*"
    # '2 stars or lower', '3 days or more', '10 units or fewer': the unit the number counts, said before the direction
    # ('20 € or more': the currency sign after the amount, as most of Europe writes it)
    r"(?:(?:usd|eur|gbp|chf|dollars?|euros?|pounds?)\s+|[€$£]\s*|(?!or\b)[a-z]{2,12}\s+)?"
    # '$5,000 and up', '50 and over', '10 and under': 'and' with a direction says the same
    # ('17 or older', '12 or younger': an age)
    r"(?:(?:or\s+(?:(lower|less|below|under|fewer|worse|younger)|(higher|more|above|over|greater|better|older))|"
    r"and\s+(?:(under|below|lower|less|down|younger)|(up|upwards?|above|over|higher|more|older)))\b"
    # ('if the donor is 17+': that number or more)
    r"|(\+)(?![\w+]))",
    re.I,
)


def threshold_in(text: str) -> tuple[str, float, str] | None:
    """(operator, number, unit) for 'more than 5%', 'drops below $100', 'exceeds 1.5k', and a percentage of a
    stated base ('25% above the usual $800' → above 1000)."""
    relative = _RELATIVE.search(text)
    base = threshold_in("over " + relative.group("base").strip().rstrip(".,")) if relative else None
    if relative and base and base[2] != "%":
        share = float(relative.group("pct")) / 100
        down = relative.group("dir").lower() in ("below", "under", "less than", "lower than")
        value = round(base[1] * (1 - share if down else 1 + share), 6)
        return ("<" if down else ">"), value, base[2]
    found = THRESHOLD_RE.search(text)
    if not found:
        # '6 or lower', '9 or higher', '100 or more': the number first, then the direction (inclusive)
        # '$2,500 or more', '1,200 EUR or less': the whole number (thousands grouped), its currency or unit
        after = OR_MORE_RE.search(text)
        if not after:
            return None
        number = float(after.group(2).replace(",", "")) * (
            1000 if (after.group(3) or "").lower() == "k" else 1
        )
        sign = re.search(r"[€$£]", after.group(0)[after.end(2) - after.start() :])
        unit = "%" if after.group(3) == "%" else (after.group(1) or (sign.group(0) if sign else ""))
        return ("<=" if after.group(4) or after.group(6) else ">="), number, unit
    op_text = found.group("op").lower()
    op = next(sym for pattern, sym in _COMPARATORS if re.fullmatch(pattern, op_text))
    if op_text in ("at least", ">=") or re.search(r"\b(?:reach|hit)", op_text):
        op = ">="  # ('has reached 12 people', 'hits 100': the number itself counts)
    if op_text in ("at most", "<="):
        op = "<="
    number = float(re.sub(r"[,\s']", "", found.group("num")))  # '60,000', '2 500', "2'500": thousands
    euro = found.group("cur") == "€" or re.match(r"\s*(?:€|eur\b|euros?\b)", text[found.end("num") :], re.I)
    if euro and re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", found.group("num")):
        number = float(found.group("num").replace(".", ""))  # '€1.000', '2.500 €': a dot groups thousands
    unit = (found.group("unit") or "").lower()
    if unit in ("k", "thousand"):
        number, unit = number * 1000, ""
    metres = (
        unit == "m"
        and not found.group("cur")
        and text[found.end("num") : found.start("unit")].strip() == ""
        and found.end("num") < found.start("unit")
        and not re.match(r"\s*(?:usd|eur|gbp|chf|dollars?|euros?|pounds?)\b", text[found.end("unit") :], re.I)
        and not re.search(r"(?-i:USD|EUR|GBP|CHF)\s*$", text[: found.start("num")])
    )
    if unit in ("m", "million") and not metres:
        number, unit = number * 1_000_000, ""
    elif metres:
        unit = ""
    return op, number, "%" if unit in ("%", "percent") else (found.group("cur") or "")


# a currency written beside an amount: its sign or its code
_CURRENCY = r"(?:[$€£]|(?-i:" + CURRENCY_CODES + r")\b|(?:dollars?|euros?|pounds?|francs?)\b)"
_SWISS_GROUPS = re.compile(r"(?<![\d.,'’])(\d{1,3}(?:['’]\d{3})+)(?![\d'’])")
# currency signs the readings of amounts do not know ('[$€£]'), by the code they know instead
_OTHER_SIGN_CODES = {"¥": "JPY", "￥": "JPY", "₹": "INR"}
_OTHER_SIGNS = re.compile(r"([¥￥₹])\s?(?=\d)")
_DOT_GROUPS_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+),(\d{1,2})(?![\d.,])")
_DOT_GROUPS_BY_CURRENCY = re.compile(
    r"(?<=" + r"[$€£]" + r")\s?(\d{1,3}(?:\.\d{3})+)(?![\d.,])"
    r"|(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?![\d.,])(?=\s?" + _CURRENCY + r")"
    r"|(?<=(?-i:" + CURRENCY_CODES + r")\s)(\d{1,3}(?:\.\d{3})+)(?![\d.,])",
    re.I,
)
_DECIMAL_COMMA_BY_CURRENCY = re.compile(
    r"(?<![\d.,])(\d+),(\d{2})(?![\d.,])(?=\s?" + _CURRENCY + r")|(?<=[$€£])(\d+),(\d{2})(?![\d.,])", re.I
)


# 'check if it's toxic and if it is, email …', 'see whether they sound angry and if so ping …': a test, then its action
_CHECK_THEN = re.compile(
    r"\b(?:check|see|find\s+out|work\s+out|figure\s+out|look\s+at)\s+(?:if|whether)\s+(?P<test>[^.;!?]{3,80}?"
    # ('check whether the order contains fabric cut to length (those line items always have 'Cut' in the title)'):
    # an aside that says how to tell is part of the test
    r"(?:\s*\([^()]{1,160}\))?)"
    # ('… the 'VIP' sheet. If it is, post …', '… 'Media list' - if it is, I email …': the 'if so' may start a sentence)
    # ('check whether a bale has gone above £6. If it has, email …': 'it has' alone, before its comma)
    r"\s*(?:[,.;:]|\s[—–-])?\s+(?:and\s*,?\s+)?(?:if\s+(?:so|yes|it\s+is|it\s+does|they\s+are|they\s+do|"
    r"(?:it\s+has|they\s+have|it\s+did|they\s+did)(?=\s*,)|that'?s\s+the\s+case)|"
    r"in\s+that\s+case)\b\s*,?\s*",
    re.I,
)


# 'amount over 500 USD? -> post to #big-sales', '-> label 'security'? post in #security', 'IF x THEN y': a test
# written as a question (after a step's end or an arrow, with an arrow or the action after it) or in capitals
_QUESTION_TEST = re.compile(
    r"(?P<lead>(?:^|[:;\n]|->|→|=>)\s*)"
    r"(?P<test>(?!(?:could|can|would|will|is|are|do|does|did|how|what|why|who|when|where|should|shall|may|any)\b)"
    r"[^\s:;.?!\n](?:(?!->|→|=>)[^:;?!\n]){1,60}?)\?\s*(?:(?:->|→|=>)\s*|(?=[a-z]))",
    re.I,
)
# ', else -> add …' (not 'everything else -> …', a route of its own)
_ELSE_ARROW = re.compile(r"(?P<pre>(?:^|[,;:.\n])\s*)(?:else|otherwise)\s*(?:->|→|=>)\s*", re.I)


def question_tests(text: str) -> str:
    """'… : amount over 500 USD? -> post …, else -> add …' → '… : if amount over 500 USD, post …, otherwise add
    …': a test asked as a short question before an arrow (or right after one) is an 'if', and its 'else ->' the
    other side. A question of the request itself ('Could we get …?') starts with a word no test starts with."""

    def asked(m: re.Match[str]) -> str:
        arrow_after = text[m.end("test") + 1 : m.end()].strip() != ""
        arrow_before = m.group("lead").strip() in ("->", "→", "=>")
        if not (arrow_after or arrow_before) or len(m.group("test").split()) > 7:
            return m.group(0)
        return f"{m.group('lead')}if {m.group('test').strip()}, "

    tested = _QUESTION_TEST.sub(asked, text)
    # no test was asked: in 'billing -> #billing, else -> #ops-intake' the 'else' is a route list's default
    if tested == text:
        return text
    return _ELSE_ARROW.sub(lambda m: f"{m.group('pre')}otherwise, ", tested)


# 'every row in Supabase 'wash_cycles' with an error_code → one Jira bug in project LAUN', 'each new signup -> a
# HubSpot contact': each item of a list, an arrow, then one thing made for it (not across a comma or a dash: 'each
# message gets sorted into one of three kinds — booking question → add a row …' routes each kind)
_EACH_ARROW_ONE = re.compile(
    r"(?P<lead>(?:^|[:;.\n]|\s[—–-])\s*(?:[-*•]\s*)?)(?P<each>(?:every|each)\s+(?!one\b)[^→>\n.;:?!,—–]{1,120}?)"
    r"\s*(?:->|→|=>)\s*(?P<verb>(?:create|make|open|add|log|file|raise)\s+)?(?P<one>(?:one|a|an|1)\s+(?:new\s+)?[\w'-])",
    re.I,
)


def each_arrow_one(text: str) -> str:
    """'every row … with an error_code → one Jira bug in …' → 'for every row … with an error_code, create one Jira
    bug in …': the arrow after each item of a list makes one thing per item (a loop over the list, a write in it)."""
    return _EACH_ARROW_ONE.sub(
        lambda m: f"{m.group('lead')}for {m.group('each')}, {m.group('verb') or 'create '}{m.group('one')}",
        text,
    )


_ROUTINE_LIST_LEAD = re.compile(r"(?:\s*,\s*|\s+)(?:I|we|We)\s*:(?=[ \t]*\n\s*(?:[-*•]|\d{1,2}[.)]))")


def routine_as_steps(text: str) -> str:
    """'Every morning I open the Stripe dashboard, copy … and then I email each customer': a routine the user
    does by hand, told in the first person, read as the steps to automate ('… open …, copy … and then email
    …'); 'I want', 'I'd like', 'I forget' name no step (lexicon.json 'routine_verbs')."""

    # 'Twice a day, 9:00 and 15:00 Sydney time, I:\n- open Zendesk …': the subject before a list of what the user does
    # ('I:' then the steps) says who does them now, no word of the request
    text = _ROUTINE_LIST_LEAD.sub(":", text)
    restated = _routine_restated_at(text)
    # ("reply 'thanks, we will call you back'": the words a message says are kept as written)
    quoted = [q.span() for q in _QUOTED_WORDS.finditer(text)]

    def dropped(m: re.Match[str]) -> str:
        if any(a < m.start() < b for a, b in quoted):
            return m.group(0)
        # 'When I call the workflow …', 'once we close a deal': the start of the run, told as what the user does
        if _WHEN_I.search(text[: m.start()]):
            return m.group(0)
        # 'Each morning I … ping the technicians on Discord. Could Sim take this over? At 8am …, find … and post …':
        # the request spells the steps out; the routine before it is told (lexicon.json 'takes_over')
        if m.start() < restated:
            return m.group(0)
        # 'answer from the plant care guides we put in our knowledge base', 'the photos they drop into the folder':
        # a clause that says which things (a noun, then 'we' and a verb whose object is that noun, a place right
        # after it) tells where they already are — no step of the routine
        if _RELATIVE_HEAD.search(text[: m.start()]) and _GAPPED_VERB.match(text[m.end() :]):
            return m.group(0)
        # '… and get lots of enquiries on WhatsApp', 'we receive about 40 orders a day': what comes to the user, counted
        if _RECEIVED_MANY.match(text[m.end() :]):
            return m.group(0)
        # 'if the amount is over 500 I also ping #finance': the subject ends the test and starts what it guards —
        # a comma there, as the written form has ('if the file we upload is over 10 MB' is a test of its own)
        opened = _OPEN_TEST.search(re.split(r"[.;:!?,\n]|\bthen\b", text[: m.start()])[-1])
        if opened:
            rest = re.split(r"[.;:!?,\n]", text[m.end() :])[0]
            return "\0" if not _TEST_PREDICATE.search(rest) else ""
        # 'When a Telegram message comes in I copy it …': the clause the lead opened ends where the step begins
        return "\0" if _OPEN_LEAD.search(text[: m.start()]) else ""

    # 'I want a Linear issue made from it' → 'I create a Linear issue from it': the wish is the step
    def wished(m: re.Match[str]) -> str:
        what = m.group("what")
        if m.end() < len(text) and text[m.end()] in ",.;:!?":  # ('… that week collected, turned by AI …')
            what = what.rstrip()
        verb = lexicon()["wished_done"][m.group("done").lower()]
        # ('I want the refund issued in Stripe and the requester emailed': two things wished done, each its own verb)
        parts = re.split(r"\s+and\s+(?=(?:the|a|an|each|every|their|his|her)\s)", what, maxsplit=1)
        done_words = "|".join(map(re.escape, lexicon()["wished_done"]))
        earlier = (
            re.match(r"(?P<obj>.+?)\s+(?P<d>" + done_words + r")\b(?P<rest>.*)$", parts[0], re.I | re.S)
            if len(parts) == 2
            else None
        )
        if earlier is not None:
            verb1 = lexicon()["wished_done"][earlier.group("d").lower()]
            return f"{m.group('who')} {verb1} {earlier.group('obj')}{earlier.group('rest')} and {verb} {parts[1]}"
        return f"{m.group('who')} {verb} {what}"

    text = _wished_re().sub(wished, text)
    return re.sub(r"\s*\0", ", ", _routine_re().sub(dropped, text))


# a quote of two words or more: the words a message says ("'thanks, we will call you back'")
_QUOTED_WORDS = re.compile(r"\"[^\"\n]{2,200}\"|“[^”\n]{2,200}”|(?<!\w)'[^'\n]*\s[^'\n]*'(?!\w)")


def _routine_restated_at(text: str) -> int:
    """Where a request to take the routine over stands ('Could Sim take this over?', "I'd love this automatic:";
    lexicon.json 'takes_over') when the words after it open a step of their own ('… At 8am every day, find the jobs
    …'); -1 when none does."""
    from lib.generation.steps import ACTION_START

    for found in re.finditer(lexicon()["takes_over"], text, re.I):
        rest = text[found.end() :]
        if re.match(r"[\s,;:—–-]*(?:but|except|only|however|though)\b", rest, re.I):
            continue  # "I'd like that automated — but the AI should only draft …": the routine, narrowed
        if any(
            _opens_step(_CLAUSE_LEAD.sub("", part.strip().lower()), ACTION_START)
            for part in re.split(r"[.:;!?,\n]|\s[-–—]\s", rest)
        ):
            return found.start()
    return -1


def _opens_step(part: str, imperative: re.Pattern[str]) -> bool:
    """Whether `part` opens on a step: its verb said plainly ('read the unread emails') or in the third person of the
    thing asked for ("I'd love a workflow that runs at 05:45, reads the unread emails …, inserts one row …")."""
    if imperative.match(part):
        return True
    verb = re.match(r"([a-z]+?)(?:ies|es|s)\b", part)
    if verb is None or part.startswith(("is ", "has ", "was ", "does ", "goes ")):
        return False
    stem, rest = verb.group(1), part[verb.end() :]
    ending = verb.group(0)[len(stem) :]
    bases = [stem + "y"] if ending == "ies" else [stem + "e", stem] if ending == "es" else [stem]
    return any(imperative.match(base + rest) for base in bases)


def doer_steps(text: str) -> str:
    """'Whenever a Typeform response arrives, the assistant emails the respondent …', 'each Monday she pulls the
    sheet, goes through each row …', 'it asks the requester by email …': the work of a bot or a teammate, told in
    the third person, read as the steps to automate ('… email the respondent …'); the doers and verbs are data
    (lexicon.json 'doer_nouns', 'routine_verbs', 'doer_verbs'). A test still open before the doer ends there ('if the
    score is above 75% it emails …' → '…75%, email …')."""

    def done(m: re.Match[str]) -> str:
        if _WHEN_I.search(text[: m.start()] + m.group("sp")):
            return m.group(0)  # 'when it emails us': the event, told of the doer
        verb = _third_person_map()[re.sub(r"\s+", " ", m.group("verb").lower())]
        before = text[: m.start()]
        opened = _OPEN_TEST.search(re.split(r"[.;:!?,\n]|\bthen\b", before)[-1]) or _OPEN_LEAD.search(before)
        return (", " if opened else m.group("sp")) + verb

    return _doer_re().sub(done, text)


@lru_cache(maxsize=1)
def _got_re() -> re.Pattern[str]:
    people = "|".join(sorted(map(re.escape, lexicon()["people"]), key=len, reverse=True))
    return re.compile(
        r"(?P<lead>(?:^|[.;:!?\n,—–]|\bthen\b|\band\b)[^\S\n]*(?:[-*•]\s*)?)"
        # ('I'd like the customer to get a short 'your units have been serviced' email': the wish, then whom it reaches)
        # ('I want each parent to get a text' is read as the wish it is elsewhere)
        r"(?P<wish>(?:i|we)(?:['’]d|\s+would)\s+(?:like|love)\s+)?"
        # 'the salesperson who owns the lead gets an email': a person named by what they own or handle
        r"(?P<who>(?:the|each|every|that|this)\s+(?:[\w-]+\s+)?(?:" + people + r")s?"
        r"(?:\s+(?:that|who)\s+[\w-]+\s+(?:the|their|its|this|that)\s+[\w-]+)?"
        # ('… their name goes into the sheet and they get a welcome email': the person the sentence is about)
        r"|(?-i:they|he|she)"
        # ('if the total is over £2,000, ops@loos.co.uk also gets an email': an address said as who receives it)
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+"
        r"(?:(?:automatically|also|always|immediately)\s+)?"  # 'the customer automatically gets an email'
        r"(?:gets?|receives?|is\s+sent|will\s+(?:get|receive|be\s+sent)|should\s+(?:get|receive|be\s+sent)|"
        r"(?<=\s)to\s+(?:get|receive|be\s+sent)(?=\s+(?:an?|one)\s))\s+"
        r"(?:an?\s+|one\s+)(?:(?P<kind>[\w-]+)\s+)?"
        # ("a short 'your units have been serviced' email": the words it says, quoted before the noun)
        r"(?P<said>'[^'\n]{2,120}'\s+|\"[^\"\n]{2,120}\"\s+|“[^”\n]{2,120}”\s+)?(?P<what>e-?mail|sms|text\s+message|text)\b",
        re.I,
    )


@lru_cache(maxsize=1)
def _got_if_re() -> re.Pattern[str]:
    """'anyone with fewer than 38 hours logged gets an email', 'members whose plan is free receive an email': the
    people a test keeps (lexicon.json 'people', or 'anyone', 'those' …), said as the ones a message reaches."""
    people = "|".join(sorted(map(re.escape, lexicon()["people"]), key=len, reverse=True))
    return re.compile(
        r"(?P<lead>(?:^|[.;:!?\n,]|\bthen\b)[^\S\n]*(?:[-*•]\s*)?)"
        r"(?:only\s+)?(?:anyone|anybody|everyone|every\s*one|those|people|(?:the\s+|any\s+)?(?P<person>"
        + people
        + r")(?P<many>s)?)\s+"
        r"(?P<how>with|who|whose|that)\s+(?P<test>[^,;.\n()]{3,80}?)\s+(?:(?:automatically|also|then)\s+)?"
        r"(?:gets?|receives?|will\s+(?:get|receive)|should\s+(?:get|receive))\s+"
        r"(?:an?\s+|one\s+)(?:(?P<kind>[\w-]+)\s+)?(?P<what>e-?mail|sms|text\s+message|text)\b",
        re.I,
    )


# '(address is in the sheet)', '(supplier email is a column in the table)', '(their phone is a field on the record)':
# an aside telling where a value of each item lives — no read of its own, the item holds it
_HELD_ASIDE = re.compile(
    r"\s*\((?:the\s+|their\s+|its\s+|his\s+|her\s+|each\s+)?[\w' -]{1,30}?\s+(?:is|are)\s+(?:(?:a|an|the)\s+)?"
    # ('(their email is a custom field on the ticket)')
    r"(?:(?:[\w-]+\s+)?(?:column|field|property)\s+)?(?:in|on|of)\s+(?:the|that|this|each|every|their|its|our)\s+[\w -]{1,30}\)",
    re.I,
)


# 'The SMS goes to the patient's phone number from the sheet', 'the email is sent to each member's address in the
# table': where the address of each item lives, said of a message — no read of its own (the item holds it)
_HELD_TAIL = re.compile(
    r"(?P<to>\b(?:goes|go|is\s+sent|are\s+sent|gets\s+sent|should\s+go|must\s+go|will\s+go)\s+to\s+(?:the|each|every|their)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:phone(?:\s+number)?|mobile(?:\s+number)?|number|e-?mail(?:\s+address)?|address))\s+"
    r"(?:(?:taken|read|pulled)\s+)?(?:from|in|on|of)\s+(?:the|that|this|our|their|each|every)\s+"
    r"(?:sheet|spreadsheet|table|tab|row|record|list|data|form|file|database|base)\b",
    re.I,
)


_TESTED_IN = re.compile(
    r"\b(?P<if>if)\s+(?P<subj>(?:any|the|a|an|some)\s+[\w'’ -]{1,40}?)\s+(?:in|on|of|from)\s+"
    r"(?P<place>(?:the|our|my)\s+[^,;.\n]{2,70}?)\s+(?P<verb>is|are|goes|go|drops?|falls?|rises?|gets?|exceeds?|reach(?:es)?|"
    r"hits?)\b(?=[^,;.\n]{0,30}?\d)",
    re.I,
)
_TESTED_SHOWS = re.compile(
    r"\b(?P<if>if)\s+(?P<place>(?:the|our|my)\s+[^,;.\n]{2,70}?)\s+(?:shows?|has|have|contains?|lists?)\s+"
    r"(?P<subj>(?:any|an?)\s+[\w'’ -]{1,40}?)\s+(?=(?:{compare})\b)",
    re.I,
)


def tested_places(text: str) -> str:
    """'if any temperature in the Supabase table 'freezers' is above -15, text me' → "check the Supabase table
    'freezers' and if any temperature is above -15, text me": a test whose subject is in a place of a service the
    run has not read yet (lexicon.json 'tested_places') reads that place first, and tests what it holds."""
    entry = lexicon()["tested_places"]
    services = set(entry["services"])

    def place_read(m: re.Match[str], build: str) -> str:
        place = m.group("place")
        named = [key for _, key in integrations_in(place)]
        if not named or named[0] not in services:
            return m.group(0)
        before = text[: m.start()].lower()
        quoted = re.findall(r"['\"“‘]([^'\"”’]{1,60})['\"”’]", place)
        if any(q.lower() in before for q in quoted) or any(
            key in {k for _, k in integrations_in(before)} for key in named
        ):
            return m.group(0)  # ('read the sheet 'X' … if any row in the sheet 'X' is …': read already)
        return build.format(
            **{k: m.group(k) for k in ("if", "subj", "place")}, verb=m.groupdict().get("verb", "is")
        )

    text = _TESTED_IN.sub(lambda m: place_read(m, "check {place} and {if} {subj} {verb}"), text)
    shows = re.compile(_TESTED_SHOWS.pattern.replace("{compare}", entry["compare"]), re.I)
    return shows.sub(lambda m: place_read(m, "check {place} and {if} {subj} is "), text)


_REPLY_TO_IT = re.compile(
    r"\b(?P<verb>reply|replies|respond|responds|write\s+back|answer)\s+to\s+(?:it|this|that|this\s+one|that\s+one|"
    r"the\s+(?:e-?mail|mail|message|msg|post|comment|dm|text|enquiry|inquiry|question|review))\b(?!\s*(?:'s|’s))"
    # ('reply to this customer complaint': the thing replied to named after it, no message of the run's event)
    r"(?=\s*(?:$|[,.;:!?)]|(?:with|and|by|via|using|saying|asking|telling|confirming|thanking|politely|in\s+the\s+thread|"
    r"right\s+away|automatically)\b))",
    re.I,
)


def replies_to_it(text: str) -> str:
    """'When a new email arrives in Gmail, reply to it with a thank-you' → '…, reply to them with a thank-you': a reply
    to the message that started the run goes back to whoever wrote it (read as 'them', as 'reply to them' is), not
    a step left as an answer nobody sends."""
    return _REPLY_TO_IT.sub(lambda m: f"{m.group('verb')} to them", text)


# 'with STOP in it', 'that has URGENT in the subject': a word in capitals a message holds is the word tested for
_CAPITAL_WORD_IN = re.compile(
    r"\b(?P<verb>with|has|have|contains?|containing|mentions?|mentioning|includes?|including)\s+"
    r"(?P<word>(?-i:[A-Z][A-Z0-9-]{1,20}))\s+(?P<where>in\s+(?:it|them|the\s+(?:subject(?:\s+line)?|body|message|text|title|"
    r"comment|post)))\b",
    re.I,
)


def capital_words_tested(text: str) -> str:
    """ "… with STOP in it" → "… with 'STOP' in it": a word in capitals that a message is said to hold is the word its
    test looks for, as the quoted word is ('with 'URGENT' in the subject')."""
    return _CAPITAL_WORD_IN.sub(lambda m: f"{m.group('verb')} '{m.group('word')}' {m.group('where')}", text)


@lru_cache(maxsize=1)
def _received_re() -> re.Pattern[str]:
    nouns = "|".join(sorted(map(re.escape, lexicon()["received_messages"]), key=len, reverse=True))
    return re.compile(
        r"(?P<lead>(?:^|[.;:!?\n,]|\bthen\b|\band\b)?[^\S\n]*)(?P<who>\b(?:i|we))\s+"
        r"(?:(?:(?:really\s+|just\s+)?(?:want|need|wanna)|would\s+(?:like|love)|['’]?d\s+(?:like|love))\s+to\s+)?"
        r"(?:(?:then|also|always)\s+)?(?:gets?|receives?|recieves?)\s+an?\s+(?:(?:quick|short|brief)\s+)?"
        r"(?P<what>" + nouns + r")(?![\w@-])",
        re.I,
    )


def received_messages(text: str) -> str:
    """'… comes in i get a txt on +44 7700 900233' → '… comes in, text me on +44 7700 900233'; 'shoot me a
    whatsapp' → 'send me a whatsapp': a message the user says they receive is one sent to them (lexicon.json
    'received_messages'). 'When I get an email from a supplier' is the event, and stays."""

    def sent(m: re.Match[str]) -> str:
        if re.search(r"\b(?:can|could|may|might|will|would|shall)\s+$", text[: m.start("who")], re.I):
            return m.group(
                0
            )  # ('can I get an email summary of …? Send to me, …': the ask, read as it stands)
        if _WHEN_I.search(text[: m.start("who")]) or re.match(
            r"[^.;:!?\n,]{0,40}?\bfrom\b", text[m.end() :], re.I
        ):
            return m.group(0)  # ('whenever I get an email from a supplier', 'I get a text from a customer')
        who = "us" if m.group("who").lower() == "we" else "me"
        step = lexicon()["received_messages"][m.group("what").lower()].format(who=who)
        lead = m.group("lead")
        # ('When a new order comes in i get a txt …': the event the clause opened ends where the step begins)
        if m.start() > 0 and not lead.strip() and text[: m.start()].rstrip()[-1:] not in ".;:!?,\n":
            lead = ", "
        return f"{lead}{step}"

    text = re.sub(
        r"\b(?:shoot|drop|fire\s+off|fire|ping)\s+(me|us)\s+(an?\s+(?:quick\s+|short\s+)?(?:txt|text|sms|whatsapp|e-?mail|"
        r"telegram|message|note|line)\b)",
        r"send \1 \2",
        text,
        flags=re.I,
    )
    text = re.sub(
        r"\b(send\s+(?:me|us)\s+an?\s+(?:quick\s+|short\s+)?)(?:txt|text)\b(?!\s+(?:file|document|doc|summary|version|"
        r"message|field|box))",
        r"\1SMS",
        text,
        flags=re.I,
    )
    text = re.sub(r"\btxt\s+(me|us|them|him|her)\b", r"text \1", text, flags=re.I)

    # "I'd like to receive by email (claire@…) the list of …" ('recevoir par e-mail (…)'): mail wished to come to the
    # user is mail sent to them, at the address said
    def mailed(m: re.Match[str]) -> str:
        if _WHEN_I.search(text[: m.start("who")]):
            return m.group(0)
        to = m.group("addr") or m.group("at") or ("us" if m.group("who").lower() == "we" else "me")
        return f"{m.group('lead')}email {to} "

    text = _RECEIVED_BY_MAIL.sub(mailed, text)
    return _received_re().sub(sent, text)


# 'I'd like to receive by email (x@y.fr) the list …', 'we want to get by e-mail at x@y.com …': the way said before the
# thing, an address after it in brackets or after 'at'
_RECEIVED_BY_MAIL = re.compile(
    r"(?P<lead>(?:^|[.;:!?\n,]|\bthen\b|\band\b)?[^\S\n]*)(?P<who>\b(?:i|we))"
    r"(?:\s+(?:(?:really\s+|just\s+)?(?:want|need|wanna)|would\s+(?:like|love))|\s*['’]d\s+(?:like|love))(?:\s+to)?\s+"
    r"(?:(?:then|also|always)\s+)?(?:get|receive|recieve)\s+(?:by|via|per)\s+e-?mail\s*"
    r"(?:\(\s*(?P<addr>[\w.%+-]+@[\w-]+(?:\.[\w-]+)+)\s*\)|(?:at|to|on)\s+(?P<at>[\w.%+-]+@[\w-]+(?:\.[\w-]+)+))?\s*",
    re.I,
)


def recipients_as_steps(text: str) -> str:
    """'AC: the tenant gets an email at tenant_email confirming …', 'then each applicant receives an SMS …': a
    message said from the side of the person it reaches, read as the step that sends it ('email the tenant at
    tenant_email confirming …', 'text each applicant …'); the kind of message ('a confirmation email') stays. A reply
    said to go by e-mail ('reply via email to the employee') is that e-mail. 'anyone with fewer than 38 hours gets an
    email' is the test and the e-mail ('if they have fewer than 38 hours, email them'); an aside saying where the
    address lives ('(address is in the sheet)') reads nothing."""

    def sent(m: re.Match[str]) -> str:
        verb = "email" if re.match(r"e-?mail", m.group("what"), re.I) else "text"
        kind = m.group("kind")
        told = f" a {kind}" if kind and kind.lower() not in ("new", "short", "quick") else ""
        who = {"they": "them", "he": "him", "she": "her"}.get(m.group("who"), m.group("who"))
        said = f" saying {m.group('said').strip()}" if m.group("said") else ""
        return f"{m.group('lead')}{verb} {who}{told}{said}"

    # 'reply via email to the employee (employee_email) that …', 'respond to the customer by email': an e-mail to them
    text = re.sub(
        r"\b(?:reply|respond|write\s+back|answer)\s+(?:via|by|over|through|with\s+an?)\s+e-?mail\s+to\s+",
        "email ",
        text,
        flags=re.I,
    )
    text = re.sub(
        r"\b(?:reply|respond|write\s+back|answer)\s+to\s+((?:the|each|every|that|this)\s+(?:[\w-]+\s+)?[\w-]+)"
        r"\s+(?:via|by|over|through)\s+e-?mail\b",
        r"email \1",
        text,
        flags=re.I,
    )
    # ("I'd like the customer to get a short email, and the job added to the Google Sheet 'Serviced Units'": the wish
    # goes on to the item after 'and', said with its participle — the verb before the item)
    made = lexicon()["made_participles"]["participles"]
    text = re.sub(
        r"(?P<head>\b(?:i|we)(?:['’]d|\s+would)\s+(?:like|love)\s+[^.;!?\n]{3,200}?\bto\s+(?:get|receive|be\s+sent)\s+"
        r"[^.;!?\n]{1,160}?,?\s+and\s+)(?P<what>(?:the|their|its|this|that)\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+"
        r"(?P<part>"
        + "|".join(map(re.escape, made))
        + r")\s+(?P<prep>to|in|into|onto|on)\s+(?=(?:the|our|a|an|that|my)\b)",
        lambda m: f"{m.group('head')}{made[m.group('part').lower()]} {m.group('what')} {m.group('prep')} ",
        text,
        flags=re.I,
    )
    text = _got_re().sub(sent, _HELD_ASIDE.sub("", _HELD_TAIL.sub(r"\g<to>", text)))

    def kept(m: re.Match[str]) -> str:
        # 'anyone with fewer than 38 hours logged gets an email' → 'if they have fewer than 38 hours logged, email them'
        verb = "email" if re.match(r"e-?mail", m.group("what"), re.I) else "text"
        kind = m.group("kind")
        told = f" a {kind}" if kind and kind.lower() not in ("new", "short", "quick") else ""
        subject = {"with": "they have", "whose": "their"}.get(m.group("how").lower(), "they")
        # ('Only patients whose 'confirmed' column is 'no' get an SMS'): people of a list, each one tested
        each = f"for each {m.group('person')}, " if m.group("many") else ""
        return f"{m.group('lead')}{each}if {subject} {m.group('test').strip()}, {verb} them{told}"

    return _got_if_re().sub(kept, text)


def _third_person(verb: str) -> str:
    """'email' → 'emails', 'go through' → 'goes through', 'reply' → 'replies'."""
    first, _, rest = verb.partition(" ")
    if re.search(r"(?:s|sh|ch|x|z|o)$", first):
        first += "es"
    elif re.search(r"[^aeiou]y$", first):
        first = first[:-1] + "ies"
    else:
        first += "s"
    return f"{first} {rest}".strip()


@lru_cache(maxsize=1)
def _third_person_map() -> dict[str, str]:
    verbs = set(lexicon()["routine_verbs"]) | set(lexicon()["doer_verbs"])
    verbs -= set(lexicon()["doer_verbs_kept"])
    return {_third_person(v): v for v in sorted(verbs, key=len, reverse=True)}


@lru_cache(maxsize=1)
def _doer_re() -> re.Pattern[str]:
    doers = "|".join(map(re.escape, lexicon()["doer_nouns"]))
    forms = "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(_third_person_map(), key=len, reverse=True)
    )
    return re.compile(
        r"(?P<sp>\s*)(?<![\w'’])(?:it|she|he|(?:the|our|my|this|your|that)\s+(?:[\w-]+\s+)?(?:"
        + doers
        + r"))\s+"
        r"(?:(?:also|then|just|automatically|first|only|simply|immediately|instantly)\s+)*"
        r"(?P<verb>" + forms + r")\b",
        re.I,
    )


# a noun said with its article or owner just before a relative clause's subject ('the plant care guides we …'), not a
# time ('every morning I …', 'at the end of the day we …')
_RELATIVE_HEAD = re.compile(
    r"\b(?:the|our|my|their|any|all|those|these|each|every)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?!(?:morning|evening|night|day|week|month|year|afternoon|time|weekend|shift|hour)s?\s+$)[a-z][\w'’-]*s\s+$",
    re.I,
)
# the verb of such a clause, its object the noun before it, a place straight after ('put in our knowledge base')
_GAPPED_VERB = re.compile(
    r"(?:put|add|added|upload|uploaded|save|saved|store|stored|drop|dropped|keep|kept|load|loaded)\s+"
    r"(?:in|into|to|onto|on|inside)\s+(?:the|our|my|a|an|their)\b",
    re.I,
)
# 'get lots of enquiries', 'receive about 40 orders': things that come to the user, said by how many
_RECEIVED_MANY = re.compile(
    r"(?:get|receive)\s+(?:(?:about|around|roughly|maybe|some|so)\s+)?(?:lots\s+of|a\s+lot\s+of|loads\s+of|tons\s+of|"
    r"plenty\s+of|dozens\s+of|hundreds\s+of|many|several|~?\d+(?:[-–]\d+)?|a\s+few|a\s+handful\s+of)\s",
    re.I,
)
_WHEN_I = re.compile(r"\b(?:when|whenever|if|once|after|before|until|time|soon\s+as|as)\s+$", re.I)
# a test said and still open where a first-person clause starts ('if it's free I book it', 'unless it's paid we
# chase it', 'if not I just email …')
_OPEN_TEST = re.compile(r"\b(?:if|unless)\s+\S", re.I)
# what a test says of a thing ('… we upload is over 10 MB', '… I sent has bounced'): the clause is the test's own
_TEST_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|isn'?t|aren'?t|wasn'?t|weren'?t|has|have|hasn'?t|haven'?t|contains?|mentions?|"
    r"includes?|equals?|matches|exceeds?)\b",
    re.I,
)
# a clause still open after an event lead ('When a new order comes in …'): no comma, colon or sentence end since
# the lead ('make a thing where when ppl msg our telegram bot …', '… so that when …': the lead inside the request)
_OPEN_LEAD = re.compile(
    r"(?:^|[.!?;:\n]\s*|\b(?:and|but|so|then|where|that)\s+)\W*(?:when(?:ever)?|if|once|each\s+time|every\s+time|as\s+soon\s+as)\b"
    r"[^,.;:!?\n]*$",
    re.I,
)


@lru_cache(maxsize=1)
def _routine_re() -> re.Pattern[str]:
    verbs = sorted(lexicon()["routine_verbs"], key=len, reverse=True)
    habit = (
        r"usually|always|normally|then|just|also|manually|still|first|basically|typically|currently|now|sometimes|"
        r"often|quickly|then\s+also|have\s+to|need\s+to|must|go\s+and|'ll|will|would"
    )
    return re.compile(
        r"(?<![\w'’])(?:I|we)\s+(?:(?:" + habit + r")\s+)*(?=(?:" + "|".join(map(re.escape, verbs)) + r")\b)",
        re.I,
    )


@lru_cache(maxsize=1)
def _wished_re() -> re.Pattern[str]:
    done = "|".join(map(re.escape, lexicon()["wished_done"]))
    return re.compile(
        r"(?<![\w'’])(?P<who>I|we)(?:\s+(?:want|need|would\s+(?:like|love|prefer)|wanna)|\s*['’]d\s+(?:like|love|prefer))\s+"
        # ('I'd like the messages posted in #wins that week collected': the clause's last participle is the wish, the
        # one before it says which messages)
        # (a quoted name or an aside in brackets is part of the thing: 'the row in our sheet "Contracts" (column A …)')
        # ('When a job comes in, I'd love it added to my Notion database': what came in, wished done)
        r"(?P<what>(?:a|an|the|each|every)\s+(?:(?:[\w#@'’.-]+|\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|\([^()\n]{1,80}\))\s+){1,8}?"
        r"|(?:it|them)\s+)"
        r"(?P<done>" + done + r")\b"
        r"(?![^,.;:!?\n()]*?\b(?:" + done + r")\b)\s*",
        re.I,
    )


def signed_in_reads(text: str) -> str:
    """'I log into Cloudbeds, look at tomorrow's arrivals and …' → "look at tomorrow's arrivals in Cloudbeds and
    …": logging into or opening a service with no block is no step of its own — the clause after it reads there.
    Only a name that is no block's service (lexicon.json 'login_verbs' say what signing in is)."""
    from lib.generation.services import data as service_data

    never = {w.lower() for w in service_data()["unnamed"]["not_names"]}

    def folded(m: re.Match[str]) -> str:
        name = m.group("name")
        if name.lower() in never or integrations_in(name) or name.lower() in lexicon().get("languages", []):
            return m.group(0)
        if re.match(r"(?:who|whom|whose|which)\b", m.group("next"), re.I):
            return m.group(0)  # ('Reeds jobs go to Giorgio, who only reads WhatsApp': a person, said more of)
        if re.match(r"go", m.group(0)[len(m.group("lead")) :], re.I) and re.search(
            r"(?<![\w'’])(?!(?:and|then|just|first|please|also|to|i|we)\b)[a-z][\w'’-]*\s+$",
            text[: m.start()],
            re.I,
        ):
            return m.group(0)  # ('bellows jobs go to Giorgio, …': where a kind of thing goes, no app opened)
        return _read_in(m.group("lead"), name, m.group("next"))

    return _login_re().sub(folded, text)


def _read_in(lead: str, place: str, rest: str) -> str:
    """The clause after a login or an opening, read in that place: 'look for emails from …' → '… in Gmail'; 'see
    which guests check out today' / 'check which pull requests are still open' → the place before the test, not
    inside it."""
    picked = re.match(r"(\w+(?:\s+out)?)\s+(?=(?:who|which|whichever|what)\b)", rest, re.I)
    if picked:
        return f"{lead}{picked.group(0)}in {place} {rest[picked.end() :]}"
    return f"{lead}{rest} in {place}"


@lru_cache(maxsize=1)
def _login_re() -> re.Pattern[str]:
    from lib.generation.services import data as service_data

    verbs = "|".join(sorted(lexicon()["login_verbs"], key=len, reverse=True))
    owned = "|".join(re.escape(w) for w in service_data()["unnamed"]["owned"])
    return re.compile(
        # ('if there are no open PRs, post …': 'open' after a determiner describes the things, it is no login)
        r"(?P<lead>(?<![\w'’-])(?<!\bno\s)(?<!\bany\s)(?<!\bthe\s)(?<!\ball\s)(?<!\bsome\s)(?<!\bnew\s))"
        r"(?:(?-i:I|we|We)\s+(?:first\s+|usually\s+|always\s+)?)?"
        r"(?:" + verbs + r")\s+(?:(?:the|our|my)\s+)?"
        r"(?P<name>(?-i:[A-Z])[A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?:\s+(?:" + owned + r"))?"
        # ('log into Zendesk for our escape-room chain, look at …': whose account, said on the way)
        r"(?:\s+(?:for|at)\s+(?:our|my|the)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}?)?"
        r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:then\s+)?(?:(?-i:I|we)\s+)?"
        # (a list's line ends the clause: '- open Zendesk and look at the new tickets\n- copy each …')
        r"(?P<next>(?-i:[a-z])[^,;.!?\n]*?)(?=\s+(?:and|then)\b|[,;.!?\n]|$)",
        re.I,
    )


def opened_reads(text: str) -> str:
    """'I open Linear, filter the bugs assigned to my team and …' → 'read Linear, filter the bugs …'; 'log into
    Gmail, look for emails from orders@…' → 'look for emails from orders@… in Gmail': opening or logging into a
    service that has a block, as a routine tells it, reads there — it opens no issue and sends nothing. The clause
    after it reads in that place when its verb reads, else works on what was read (lexicon.json 'opened_apps')."""
    from lib.generation.steps import READ_VERBS

    def opened(m: re.Match[str]) -> str:
        first = m.group("verb").split()[0].lower()
        # ('Refund goes to the Notion database 'Refunds'', 'bugs go to Linear, team APP': where items are routed)
        if (first.endswith("s") and not first.endswith("ss")) or re.search(
            lexicon()["opened_apps"]["routed"], text[max(0, m.start() - 40) : m.end()], re.I
        ):
            return m.group(0)
        place, rest = m.group("place").strip(), m.group("next")
        if re.match(r"(?:then|hmm+|um+|uh+|er+|so|if|when|and|but|or|also|the|an?|it|they)\b", rest, re.I):
            # ('— go into Supabase, the 'leads' table, and then, hmm, if they ticked …': no routine's next step after
            # it, so nothing says it is opened to be read)
            return m.group(0)
        if m.group("whose"):  # ('the surveying firm's shared Outlook inbox': the place is the Outlook inbox)
            place = place.replace(m.group("whose"), "", 1)
        if m.group("apposed"):  # 'Airtable, the 'Inspections' table' → "the 'Inspections' table in Airtable"
            place = f"{m.group('apposed')} in {place}"
        reads = "|".join([READ_VERBS, *lexicon()["opened_apps"]["reads"]])
        if not re.match(r"(?:" + reads + r")\b", rest, re.I):
            return f"{m.group('lead')}read {place}, {rest}"
        return _read_in(m.group("lead"), place, rest)

    return _opened_re().sub(opened, text)


_QUOTED = r"(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”)"


@lru_cache(maxsize=1)
def _opened_re() -> re.Pattern[str]:
    apps = lexicon()["opened_apps"]
    verbs = "|".join(sorted(lexicon()["login_verbs"], key=len, reverse=True))
    names = "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(apps["names"], key=len, reverse=True)
    )
    places = "|".join(sorted(apps["places"], key=len, reverse=True))
    return re.compile(
        # ('… need to go to Slack, the rest …': what is sent somewhere, no place opened)
        r"(?P<lead>(?<![\w'’-])(?<!\bno\s)(?<!\bany\s)(?<!\bthe\s)(?<!\ball\s)(?<!\bsome\s)(?<!\bnew\s)(?<!\bto\s))"
        r"(?:(?-i:I|we|We)\s+(?:first\s+|usually\s+|always\s+|then\s+)?)?"
        r"(?P<verb>" + verbs + r")\s+"
        # the place as written: 'Linear', 'the S3 bucket 'nightjar-exports'', 'our github repo tidewater/api'
        # ('the surveying firm's shared Outlook inbox': whose it is and what kind, said before the name)
        r"(?P<place>(?:(?:the|our|my)\s+(?P<whose>(?:[\w-]+(?:['’]s)?\s+){0,3}?))?(?:"
        + names
        + r")(?:\s+(?:"
        + places
        + r")s?)?"
        r"(?:\s+(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|[\w.-]+/[\w.-]+))?)"
        # ('open the Google Calendar 'Fitting Jobs' for our glazing company, look at …': whose it is, said on the way)
        r"(?:\s+(?:for|at)\s+(?:our|my|the)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}?)?"
        # ('open Airtable, the 'Inspections' table, look at …', 'go into Airtable — the 'Deliveries' table — check …':
        # the place in it, said after the service as an aside)
        r"(?:\s*(?:,|—|–|\s-)\s*(?P<apposed>(?:the|its|our|my)\s+(?:" + _QUOTED + r"\s+(?:" + places + r")|"
        r"(?:" + places + r")\s+" + _QUOTED + r")))?"
        r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*(?:—|–)\s*|\s-\s)(?:then\s+)?(?:(?-i:I|we)\s+)?"
        # (a dot inside an address or a file name, 'orders@x.com', 'sales.csv', ends no clause)
        # (a list's line ends the clause: '- open Zendesk and look at the new tickets\n- copy each …')
        r"(?P<next>(?-i:[a-z])(?:[^,;.!?\n]|\.(?=\w))*?)(?=\s+(?:and|then)\b|[,;!?\n]|\.(?!\w)|$)",
        re.I,
    )


def listed_made(text: str) -> str:
    """'create a Google Drive folder named after them, a Google Doc called 'Kickoff Notes', and post …' → '… , create
    a Google Doc called …': a thing listed after what one verb makes, naming what it is, is made by that verb too
    (lexicon.json 'listed_made'); a list of the things' parts ('a title, a summary') names no such noun."""
    for _ in range(3):
        said = _listed_made_re().sub(
            lambda m: (
                f"{m.group('lead')}{m.group('first')}{m.group('sep')}{m.group('verb')} {m.group('second')}"
            ),
            text,
        )
        if said == text:
            break
        text = said
    return text


@lru_cache(maxsize=1)
def _listed_made_re() -> re.Pattern[str]:
    made = lexicon()["listed_made"]
    verbs = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(made["verbs"], key=len, reverse=True)
    )
    nouns = "|".join(sorted(made["nouns"], key=len, reverse=True))
    return re.compile(
        r"(?P<lead>(?<![\w'’-])(?P<verb>" + verbs + r")\s+)"
        r"(?P<first>(?:an?|one|the)\s+(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|[^,;.!?\n'\"]){2,80}?)"
        r"(?P<sep>\s*,\s*)"
        r"(?P<second>(?:an?|one)\s+(?:[\w-]+\s+){0,3}?(?:" + nouns + r")s?\b)",
        re.I,
    )


def checked_tests(text: str) -> str:
    """'check if it's toxic and if it is email mods@…' → 'if it's toxic, email mods@…': the test a check names,
    then what its 'if so' does; 'Only for scans where status is "damaged": open …' → 'If status is "damaged", open …':
    a restriction that opens a sentence, then its steps after a colon."""
    text = _RESTRICTED_LEAD.sub(lambda m: f"{m.group('lead')}If {m.group('test')}, ", text)
    judge = r"\b(?:" + "|".join(lexicon()["verdict_judges"]["judges"]) + r")\s+(?:to\s+)?$"

    def tested(m: re.Match[str]) -> str:
        # ('have the AI figure out if it's a real lead and if yes …': the AI judges, then its verdict is tested)
        if re.search(judge, text[: m.start()], re.I):
            return f"decide if {m.group('test')}, and if {m.group('test')}, "
        return f"if {m.group('test')}, "

    text = _CHECK_THEN.sub(tested, text)
    return _items_checked_for().sub(_any_item_test, text)


@lru_cache(maxsize=1)
def _items_checked_for() -> re.Pattern[str]:
    """'check the 'Kennel Alerts' airtable for records where status is urgent and sms dr okafor …': a place looked
    through for the items a test keeps, then a message (lexicon.json 'items_checked_for': the items, the acts)."""
    said = lexicon()["items_checked_for"]
    items = "|".join(sorted(lexicon()["item_nouns"] + said["items"], key=len, reverse=True))
    acts = "|".join(sorted(said["acts"], key=len, reverse=True))
    return re.compile(
        r"\b(?P<check>(?:check|scan|search|monitor|watch)(?:s|es|ing)?|look(?:s|ing)?\s+(?:at|through|in)|"
        r"go(?:es|ing)?\s+through)\s+(?P<place>[^.;:!?\n]{1,80}?)\s+for\s+(?:(?:any|new|all|the)\s+)*"
        r"(?P<items>(?:[\w-]+\s+)?(?:" + items + r"))\s+(?P<rel>where|whose|that|which)\s+"
        r"(?P<test>[^,.;:!?\n]{2,80}?)\s*,?\s+(?:and\s+(?:then\s+)?|then\s+)(?P<act>(?:" + acts + r")\b)"
        # (not when the message carries the items: 'post each sender …', 'send a summary of them' — a search's
        # results, sent on)
        r"(?![^.!?\n]*\b(?:each|every|them|those|these|they|it|its|their|the\s+list|the\s+results?|"
        r"a\s+(?:summary|list|digest|recap|report))\b)",
        re.I,
    )


def _any_item_test(m: re.Match[str]) -> str:
    """The place read, then the act only when one of its items passes the test: 'check the 'Kennel Alerts' airtable
    for records, and if any record's status is urgent, sms …'."""
    noun = m.group("items").split()[-1]
    one = (
        noun[:-3] + "y" if noun.lower().endswith("ies") else noun[:-1] if noun.lower().endswith("s") else noun
    )
    test = re.sub(r"^(?:the|its|their)\s+", "", m.group("test").strip(), flags=re.I)
    rel = m.group("rel").lower()
    if rel in ("where", "whose"):
        kept = f"any {one}'s {test}"
    else:
        kept = f"any of them {test}"
    return f"{m.group('check')} {m.group('place')} for {m.group('items')}, and if {kept}, {m.group('act')}"


# 'Only for scans where status is "damaged": …', 'Only when the order is international: …', 'But only if …: …'
_RESTRICTED_LEAD = re.compile(
    r"(?P<lead>(?:^|(?<=[.!?\n]))[ \t]*)(?:but\s+)?(?:only|just)\s+(?:for\s+(?:the\s+|those\s+)?[a-z][\w-]*"
    r"(?:\s+[a-z][\w-]*)?\s+(?:where|whose)\s+|if\s+|when\s+)(?P<test>[^:\n.;]{3,80}?)\s*:[ \t]+(?=[a-z])",
    re.I,
)


# a comparison word (and its second-language 'of': 'under of 50', 'less of 5'), then maybe a currency: where a
# number is a threshold
_BEFORE_THRESHOLD = (
    r"(?:\b(?:" + "|".join(p for p, _ in _COMPARATORS[:-1]) + r"|(?-i:[a-z]{2,}er)\s+than)\s*"
    r"(?:[$€£]\s*|(?-i:" + CURRENCY_CODES + r")\s+)?)"
)
# 'under 5,5', 'more than 4,35', 'above 0,95?': a comma before one or two digits after a comparison is a decimal mark
# (a thousands comma groups three digits; '1,2,3' is a list)
_DECIMAL_COMMA_THRESHOLD = re.compile(r"(?<=\s)(?<![\d.,])(\d+),(\d{1,2})(?!\d|[.,]\d)")
# '1.000 messages', '2.500', '1.000.000': a dot between digit groups (no other dot or word glued to it)
_DOT_GROUPS = re.compile(r"(?<![\w.,/:@-])(\d{1,3}(?:\.\d{3})+)(?![\w@/-]|[.,]\d)")
# 'the EUR/USD rate', 'the change of EUR to PLN', 'exchange rate': a value written with three decimals
_RATE_CONTEXT = re.compile(
    r"\b(?:rates?|exchange|fx|forex)\b|(?-i:\b[A-Z]{3}\s*(?:/|to|in|vs\.?|-)\s*[A-Z]{3}\b)", re.I
)


def _comparison_spellings(text: str) -> str:
    """'goes under of 50.000', 'less of 5 candidates', 'more of 3.000 jobs': a comparison word with 'of' before a
    number (lexicon.json 'comparison_spellings') is the comparison."""
    for pattern, said in lexicon()["comparison_spellings"].items():
        text = re.sub(r"\b" + pattern + r"(?=\s*(?:[$€£]\s*)?-?\d)", said, text, flags=re.I)
    # 'if the level is zero', 'has stock zero', 'hits 0': a comparison with 0 (lexicon.json 'zero_spellings')
    for pattern, said in lexicon()["zero_spellings"].items():
        text = re.sub(r"\b" + pattern, said, text, flags=re.I)
    # 'within thirty (30) days', 'five (5) business days': a number spelled out and then written, as contracts do, is
    # the number once
    text = _doubled_numbers().sub(_once, text)
    # 'over, um, two-fifty, two hundred and fifty pounds', 'over three hundred, sorry, three hundred and fifty': a
    # spelled-out number said again, or taken back, in the same breath is the number that stands
    text = _restated_spelled().sub(_restated_spelling, text)
    # 'more than two hundred', 'fewer than five', 'one thousand or more': a number spelled out in a comparison
    return _spelled_comparisons().sub(_digits_for_words, text)


@lru_cache(maxsize=1)
def _restated_spelled() -> re.Pattern[str]:
    """A comparison's spelled-out number, a comma or dash, then another (after a take-back word: 'sorry', 'no', 'I
    mean', lexicon.json 'corrections' 'cues' and 'fillers')."""
    word = r"(?:" + "|".join(sorted(lexicon()["number_words"], key=len, reverse=True)) + r")"
    scale = r"(?:" + "|".join(lexicon()["number_scales"]) + r")"
    number = rf"{word}(?:[\s-]+(?:and[\s-]+)?(?:{word}|{scale}))*(?![\w-])"
    fillers = "|".join(lexicon()["comparison_fillers"])
    cues = lexicon()["corrections"]["cues"] + r"|sorry|oops|erm|er+|um+|uh+|oh|ah|well"
    return re.compile(
        r"(?P<b>\b(?:(?:more|greater|higher|bigger|less|lower|fewer|smaller)\s+than|over|above|under|below|"
        r"at\s+least|at\s+most|exceeds?|exceeding))(?:,?\s+(?:" + fillers + r")\s*,?)?\s+"
        rf"(?P<old>{number})\s*(?:,|—|–|--?|…|\.{{2,3}})\s*(?P<cue>(?:(?:{cues})[,.!]?\s+)*)(?P<new>{number})",
        re.I,
    )


def _restated_spelling(m: re.Match[str]) -> str:
    """The comparison with the number that stands: the second when a take-back word comes between or both say the
    same; the words as they were otherwise ('over two, three of them')."""

    def value(said: str) -> int | None:
        words = [w for w in re.split(r"[\s-]+", said.lower()) if w != "and"]
        return None if "a" in words else _spelled_value(words)

    old, new = value(m.group("old")), value(m.group("new"))
    if new is None or (not m.group("cue").strip() and old != new):
        return m.group(0)
    return m.group("b") + " " + m.group("new")


@lru_cache(maxsize=1)
def _doubled_numbers() -> re.Pattern[str]:
    """A number spelled out (lexicon.json 'number_words', 'number_scales'), then its digits in brackets."""
    word = r"(?:" + "|".join(sorted(lexicon()["number_words"], key=len, reverse=True)) + r")"
    scale = r"(?:" + "|".join(lexicon()["number_scales"]) + r")"
    return re.compile(
        rf"\b(?P<w>{word}(?:[\s-]+(?:and[\s-]+)?(?:{word}|{scale}))*)\s*\((?P<d>\d{{1,3}}(?:,\d{{3}})*)\)",
        re.I,
    )


def _once(m: re.Match[str]) -> str:
    """The digits of 'thirty (30)' when the words spell them; the words as they were otherwise."""
    words = [w for w in re.split(r"[\s-]+", m.group("w").lower()) if w != "and"]
    return m.group("d") if str(_spelled_value(words)) == m.group("d").replace(",", "") else m.group(0)


def _spelled_value(words: list[str]) -> int:
    """The number words spell ('two', 'hundred', 'fifty' → 250; lexicon.json 'number_words', 'number_scales'); a
    word of ten or more right after a word that already holds tens or units is said the way prices are ('two-fifty',
    'three seventy-five' → 250, 375; 'twenty fifty' → 2050), not added (52)."""
    units, scales = lexicon()["number_words"], lexicon()["number_scales"]
    total, current = 0, 0
    for w in words:
        if w in scales:
            current = (current or 1) * scales[w]
            if scales[w] >= 1000:
                total, current = total + current, 0
        elif w == "dozen":  # ('two dozen': 24)
            current = (current or 1) * units[w]
        elif units[w] >= 10 and current % 100:
            current = current * 100 + units[w]
        else:
            current += units[w]
    return total + current


@lru_cache(maxsize=1)
def _spelled_comparisons() -> re.Pattern[str]:
    """A comparison word before a spelled-out number, or the number before 'or more' (lexicon.json
    'number_words', 'number_scales'); not 'one of …' (which of them, not how many)."""
    word = r"(?:" + "|".join(sorted(lexicon()["number_words"], key=len, reverse=True)) + r")"
    scale = r"(?:" + "|".join(lexicon()["number_scales"]) + r")"
    # ('above minus sixty', 'below negative five': a spoken sign is the number's)
    number = rf"(?P<sign>(?:minus|negative)\s+)?(?P<n>{word}(?:[\s-]+(?:and[\s-]+)?(?:{word}|{scale}))*)(?![\w-])(?!\s+of\b)"
    # ('warmer than negative five', 'hotter than thirteen hundred', 'above, er, minus eighteen', 'over, what, a
    # hundred': a spoken filler between, lexicon.json 'comparison_fillers')
    fillers = "|".join(lexicon()["comparison_fillers"])
    before = (
        r"(?P<b>\b(?:(?:more|greater|higher|bigger|less|lower|fewer|smaller|warmer|colder|hotter|cooler)\s+than|over|"
        r"above|under|below|at\s+least|at\s+most|exceeds?|exceeding))(?:,?\s+(?:" + fillers + r")\s*,?)?\s+"
    )
    return re.compile(
        rf"{before}(?:{number}|(?P<d>(?=(?:[$€£]\s*)?-?\d)))|\b{number.replace('<n>', '<m>').replace('<sign>', '<sign2>')}(?P<a>\s+or\s+(?:more|less|fewer|higher|lower|above|below)\b)",
        re.I,
    )


def _digits_for_words(m: re.Match[str]) -> str:
    """The digits of a spelled-out number ('two hundred and fifty' → '250'); the words as they were when they
    spell no number ('a' alone)."""
    if m.group("d") is not None:
        return m.group("b") + " "  # ('over, what, 100 quid': the filler dropped, the digits kept)
    said = m.group("n") or m.group("m")
    words = [w for w in re.split(r"[\s-]+", said.lower()) if w != "and"]
    scales = lexicon()["number_scales"]
    if any(w == "a" and not (i + 1 < len(words) and words[i + 1] in scales) for i, w in enumerate(words)):
        return m.group(0)  # 'more than a day': no number
    digits = ("-" if m.group("sign") or m.group("sign2") else "") + str(_spelled_value(words))
    return (m.group("b") + " " if m.group("b") else "") + digits + (m.group("a") or "")


def english_amounts(text: str) -> str:
    """Amounts grouped the European or Swiss way written the English way, so every later reading sees one
    notation: '1.250,00 €' → '1,250.00 €', '5.000 USD' → '5,000 USD', "CHF 3'000" → 'CHF 3,000', '4,50 €' →
    '4.50 €', 'under 5,5' → 'under 5.5', 'passes 1.000 messages' → 'passes 1,000 messages'. The notation is read
    once for the description: a dot between digit groups is a thousands mark beside a currency, before a decimal
    comma, in a number of several groups ('1.000.000'), before the things it counts ('2.345 items'), when the
    groups are round ('2.500', '10.000' — not in an exchange rate: 'above 1.100' there), or everywhere once the
    description writes a decimal comma; otherwise ('above 1.085') it stays a decimal."""

    def grouped(digits: str) -> str:
        return re.sub(r"[.'’]", ",", digits)

    text = _comparison_spellings(text)
    # '¥1.000.000', '₹50,000': a sign no later reading knows is written as its code ('JPY 1.000.000'), as 'CHF' is
    text = _OTHER_SIGNS.sub(lambda m: f"{_OTHER_SIGN_CODES[m.group(1)]} ", text)
    european = bool(_DOT_GROUPS_DECIMAL.search(text) or _DECIMAL_COMMA_BY_CURRENCY.search(text))

    def decimal_comma(m: re.Match[str]) -> str:
        nonlocal european
        if not re.search(_BEFORE_THRESHOLD + r"$", text[: m.start()], re.I):
            return m.group(0)
        european = True
        return f"{m.group(1)}.{m.group(2)}"

    text = _DECIMAL_COMMA_THRESHOLD.sub(decimal_comma, text)
    rate = bool(_RATE_CONTEXT.search(text))

    def dot_groups(m: re.Match[str]) -> str:
        digits = m.group(1)
        after = m.string[m.end() :]
        counted = re.match(
            r"\s+(?!(?:and|or|as|is|was|has|its|this|thus|plus|minus)\b)[a-z]{2,}s\b", after, re.I
        )
        round_groups = digits.endswith("00") and not rate
        if re.search(
            r"\b(?:v|versions?|releases?|ver\.?|build|python|node|ios|android)\s*$",
            m.string[: m.start()],
            re.I,
        ):
            return digits  # 'version 2.100', 'iOS 17.100': a version's parts
        if european or digits.count(".") > 1 or counted or round_groups:
            return grouped(digits)
        return digits

    text = _SWISS_GROUPS.sub(lambda m: grouped(m.group(1)), text)
    text = _DOT_GROUPS_DECIMAL.sub(lambda m: f"{grouped(m.group(1))}.{m.group(2)}", text)
    text = _DOT_GROUPS_BY_CURRENCY.sub(
        lambda m: m.group(0).replace(
            m.group(1) or m.group(2) or m.group(3), grouped(m.group(1) or m.group(2) or m.group(3))
        ),
        text,
    )
    text = _DECIMAL_COMMA_BY_CURRENCY.sub(
        lambda m: f"{m.group(1) or m.group(3)}.{m.group(2) or m.group(4)}", text
    )
    urls = [m.span() for m in URL_RE.finditer(text)]
    return _DOT_GROUPS.sub(
        lambda m: m.group(0) if any(a <= m.start() < b for a, b in urls) else dot_groups(m), text
    )


# ('from CHF 100 to CHF 1,000', 'between JPY 100,000 and JPY 1,000,000': a code may stand before each end)
_AMOUNT = r"(?:(?-i:" + CURRENCY_CODES + r")\s?)?[$€£]?\s*\d[\d,.'\u00a0\u202f]*(?:\s*(?:k|m|%))?"
RANGE_RE = re.compile(
    r"\bbetween\s+(?P<a>" + _AMOUNT + r")\s*(?:and|&)\s*(?P<b>" + _AMOUNT + r")"
    r"|\bfrom\s+(?P<c>" + _AMOUNT + r")\s+(?:to|up to)\s+(?P<d>" + _AMOUNT + r")"
    r"|(?<![\w.,/-])(?P<e>" + _AMOUNT + r")\s*(?:-|–|—|to)\s*(?P<f>" + _AMOUNT + r")(?![\w/-])",
    re.I,
)


# 'qty < reorder_point', 'spent > budget', 'on_hand is below min_level': a value tested against another field of the
# same data, not against a number (the sides are single names; 'it', 'this' … are no field)
_FIELD_VS_FIELD = re.compile(
    r"^\s*(?:the\s+|its\s+|their\s+)?(?P<a>(?!(?:it|this|that|they|he|she)\b)[a-z][\w]*)\s+(?:is\s+|are\s+)?"
    r"(?P<op>"
    + "|".join(p for p, _ in _COMPARATORS[:-1])
    + r")\s*(?:the\s+|its\s+|their\s+)?(?P<b>[a-z][\w]*)\s*$",
    re.I,
)


def field_comparison(test: str) -> tuple[str, str, str] | None:
    """(field, operator, other field) for a test of one field against another ('if qty <= reorder_point'); a word
    operator ('is below') counts only when a side is spelled as data spells a field (snake_case or camelCase), so
    'it is over budget' stays a state."""
    m = _FIELD_VS_FIELD.match(test)
    if not m:
        return None
    op_text = m.group("op").lower()
    symbolic = bool(re.fullmatch(r"[<>=!]=?|==", op_text))
    spelled = any("_" in side or re.search(r"[a-z][A-Z]", side) for side in (m.group("a"), m.group("b")))
    if not symbolic and not spelled:
        return None
    op = next(sym for pattern, sym in _COMPARATORS if re.fullmatch(pattern, op_text, re.I))
    if op_text in ("at least", ">=", "at most", "<="):
        op = ">=" if op_text in ("at least", ">=") else "<="
    return m.group("a"), op, m.group("b")


def range_in(text: str) -> tuple[float, float, str] | None:
    """(low, high, unit) for 'between 50 and 80', 'from $100 to $1,000', '100–1,000' (both ends included)."""
    found = RANGE_RE.search(text)
    if not found or re.match(
        r"\s*(?:am|pm|a\.m|p\.m|o'clock|h\b|hours?|minutes?|mins?|days?|weeks?|months?|years?)\b",
        text[found.end() :],
        re.I,
    ):
        return None
    a, b = [g for g in found.groups() if g]
    ends = [threshold_in("over " + x.strip()) for x in (a, b)]
    if not all(ends) or re.search(r"\d{4}-\d{2}|\d:\d", found.group(0)):  # no dates or times
        return None
    low, high = sorted((ends[0][1], ends[1][1]))  # type: ignore[index]
    return (low, high, ends[0][2] or ends[1][2]) if low < high else None  # type: ignore[index]


def interval_of(test: str) -> tuple[float, bool, float, bool] | None:
    """The values a numeric test accepts, (low, low included, high, high included): 'above 80' →
    (80, False, inf, False), 'between 50 and 80' → (50, True, 80, True), 'is 9 or 10' → (9, True, 10, True)."""
    inf = float("inf")
    span = range_in(test)
    if span:
        return span[0], True, span[1], True
    found = threshold_in(test)
    if found and found[0] == "!=":
        return None  # 'anything other than 200': no interval
    if found:
        op, num, _ = found
        return {
            ">": (num, False, inf, False),
            ">=": (num, True, inf, False),
            "<": (-inf, False, num, False),
            "<=": (-inf, False, num, True),
        }.get(op, (num, True, num, True))
    listed = re.search(
        r"\b(?:is|are|=|equals?|of)\s+(-?\d+(?:\.\d+)?)(?:\s+or\s+(-?\d+(?:\.\d+)?))?(?![\w.%])", test, re.I
    )
    if listed:
        values = sorted(float(g) for g in listed.groups() if g)
        return values[0], True, values[-1], True
    return None


def disjoint(a: tuple[float, bool, float, bool], b: tuple[float, bool, float, bool]) -> bool:
    """No value satisfies both intervals."""
    first, second = sorted((a, b))
    return first[2] < second[0] or (first[2] == second[0] and not (first[3] and second[1]))


def counts_items(test: str) -> bool:
    """'more than 50 open tickets', 'over 10 errors': the number counts fetched items."""
    found = THRESHOLD_RE.search(test)
    if not found or found.group("unit") or found.group("cur"):
        return False
    after = test[found.end() :].lower().split()
    if not after and re.search(r"\bthere\s+(?:are|is|were)\b|\b(?:they|them)\s+(?:are|number)\b", test, re.I):
        return True  # 'if there are more than 20': how many the list holds
    nouns = set(lexicon()["item_nouns"])
    # 'if there are more than 5 of them', '… more than 20 negative ones': how many of the items there are
    if re.search(r"\bthere\s+(?:are|is|were)\b", test, re.I) and (
        after[:2] in (["of", "them"], ["of", "those"], ["of", "these"]) or after[:1] == ["ones"]
    ):
        return True
    return bool(after) and (
        after[0] in nouns or (len(after) > 1 and after[1] in nouns)
    )  # '20 unassigned tickets'


@lru_cache(maxsize=1)
def _change_moves() -> dict[str, re.Pattern[str]]:
    return {
        way: re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![\w-])",
            re.I,
        )
        for way, words in lexicon()["change_moves"].items()
    }


def change_move(test: str) -> str | None:
    """'down' / 'up' when a test says which way a value moved past a threshold said as a size ('sales dropped by 20%
    or more', 'more than 15% under target' → 'down'; 'they grew by 20% or more' → 'up'), read outside the comparison
    itself ('drops below 100' is a plain threshold); None otherwise (lexicon.json 'change_moves')."""
    found = THRESHOLD_RE.search(test) or OR_MORE_RE.search(test)
    if found is None:
        return None
    # (the way said next to the size — 'dropped by 20% or more', '15% under target' — not anywhere in the text: 'took
    # over 3 old cottages … under the name Saltline' moved nothing)
    before = " ".join(test[: found.start()].split()[-3:])
    after = " ".join(test[found.end() :].split()[:2])
    outside = before + " \0 " + after
    ways = [way for way, said in _change_moves().items() if said.search(outside)]
    return ways[0] if len(ways) == 1 else None


def moves_as_signs(test: str) -> str:
    """'sales dropped by 20% or more' → 'sales dropped by at most -20%', 'the yield is more than 15% under target' →
    'the yield is below -15% under target': a drop past a size is a change of minus that size or less, so a drop and
    a rise past their sizes are disjoint ranges of one signed change."""
    if change_move(test) != "down":
        return test
    found = THRESHOLD_RE.search(test) or OR_MORE_RE.search(test)
    said = threshold_in(test)
    if found is None or said is None or said[0] not in (">", ">=") or said[1] <= 0:
        return test
    return (
        test[: found.start()]
        + ("at most" if said[0] == ">=" else "below")
        + f" -{said[1]:g}{said[2]}"
        + (" " if test[found.end() - 1 : found.end()].isspace() else "")
        + test[found.end() :]
    )


def signs_as_numbers(test: str, context: str = "") -> str:
    """'the balance is negative' → 'the balance is below 0': a sign word is a comparison with zero when what is
    tested is a quantity (named in the test, or in its sentence when the test says 'it'/'they')."""
    words = lexicon()["sign_words"]
    found = re.search(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", test, re.I)
    if not found:
        return test
    quantity = r"\b(?:" + "|".join(re.escape(q) for q in lexicon()["signed_quantities"]) + r")s?\b"
    subject = test[: found.start()]
    if not re.search(quantity, subject, re.I):
        pronoun = re.search(r"\b(?:it|they|its|their)\b", subject, re.I)
        if not (pronoun and re.search(quantity, context, re.I)) or re.search(r"\w", test[found.end() :]):
            return test  # 'negative reviews', 'if the feedback is negative': a word the data holds
    return test[: found.start()] + words[found.group(1).lower()] + test[found.end() :]


def amount_words(field: str) -> list[str]:
    """The words of the kind a field found by `amount_field` is ('score' → score, rating, nps); [] for another."""
    return list(lexicon()["amount_fields"].get(field, []))


def amount_field(test: str, default: str | None = "amount") -> str | None:
    """The payload field a threshold on an incoming event reads ('a payment over $500' → amount)."""
    low = test.lower()
    for name, words in lexicon()["amount_fields"].items():
        if any(re.search(r"\b" + w, low) for w in words):
            return name
    return default


_WINDOW = re.compile(
    r"\b(?:last|past|previous)\s+(\d{1,4})?\s*(minute|hour|day|week|month)s?\b|\b(today|yesterday|this week)\b",
    re.I,
)


def window_words(text: str) -> str | None:
    """The words of a time window as written ('last 7 days', 'past 24 hours', 'last week', 'today')."""
    found = _WINDOW.search(text)
    return found.group(0) if found else None


def window_in(text: str) -> tuple[int, str] | None:
    """'in the last 24 hours', 'from the past 7 days': a time window (a filter, never a count)."""
    found = _WINDOW.search(text)
    if not found:
        return None
    if found.group(3):
        return {"today": (1, "day"), "yesterday": (1, "day"), "this week": (7, "day")}[found.group(3).lower()]
    return int(found.group(1) or 1), found.group(2).lower()


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def asks_for_an_answer(text: str, imperative: re.Pattern[str] | None = None) -> str | None:
    """Why `text` is a question or a remark to the assistant rather than a workflow ('question',
    'greeting'), or None. A build cue ('set up a bot that …', 'I want …') always makes it a workflow. With
    `imperative` (what opens a step), a wh-question followed by sentences that ask nothing is a question too."""
    rules = lexicon()["not_a_workflow"]
    low = text.strip().lower()
    labelled = re.match(rules["question_label"], low)
    if labelled and low[labelled.end() :]:  # 'Quick question before I file a request: what's …?'
        return asks_for_an_answer(text.strip()[labelled.end() :], imperative)
    # 'what would you recommend we start with?', "I don't know what we should automate": advice asked for (its
    # 'automate' asks for nothing to be built)
    advice = r"(?:" + rules["advice"] + r")[^.?!]*"
    if re.search(advice, low) and not re.search(rules["build_cues"], re.sub(advice, " ", low)):
        return "question"
    # '#automation', '#build-alerts': a channel's name is no word of the request
    if re.search(rules["build_cues"], re.sub(r"#[\w-]+", "#", low)):
        return None
    words = re.findall(r"[\w']+", low)
    if not words:
        return None
    first = words[0]
    asked = low.rstrip().endswith("?")
    if first in ("hello", "hi", "hey", "thanks", "thank") and len(words) <= 8:
        return "greeting"
    if first in ("thanks", "thank", "thx", "ty", "cheers"):
        # 'thanks everyone for the help with the Shopify flow, it's working great': thanks, and nothing asked after
        said = re.split(r"(?<=[.!?])\s+(?=\w)", text.strip(), maxsplit=1)
        if len(said) == 1 and not re.search(r"\b(?:can|could|would)\s+(?:you|u)\b|\bplease\b|\?", low):
            return "thank-you"
        if len(said) == 2:
            return asks_for_an_answer(said[1], imperative)
    # ('Hey Kai, can you build our on-call handoff? Every Monday …': a greeting may name whom it greets)
    # ('hey can u text me … whenever …?': said in chat, with no comma before the request it opens)
    greeted = re.match(
        # ('Hey Priya — could you wire up …': a dash after the name as well as a comma)
        r"\W*(?:hello|hi|hey|dear)\b(?:\s+(?:there|all|team|folks|guys|everyone|@?[a-z][\w'’-]{1,20}))?\s*[,!.:—–-]+\s*"
        r"|\W*(?:hello|hi|hey|hiya|heya|yo)\s+(?=(?:can|could|would|will)\s+(?:you|u)\b)",
        low,
    )
    if greeted and low[greeted.end() :]:  # 'Hey, can you set up …': the greeting opens the request
        return asks_for_an_answer(text.strip()[greeted.end() :], imperative)
    if re.search(rules["diagnosis"], low):  # 'can you check whether our webhook is set up right?'
        return "question"
    if re.search(rules["repair"], low):  # 'fix the typo in my last slack message pls'
        return "one-off request"
    if re.search(rules["artifact"], low):  # 'write a SQL query that returns our top 5 customers …'
        return "one-off request"
    pasted = re.search(rules["pasted_task"], low)
    if pasted and (
        re.search(rules["pasted_here"], re.split(r"(?<=[.?!])\s", low[pasted.end() :], maxsplit=1)[0])
        or re.match(r"th(?:is|ese)\b", pasted.group("what"))
        and re.search(rules["inline_content"], text)
    ):  # 'Could you translate the paragraph below into German for me?': one piece of work on pasted text
        return "one-off request"
    if first in ("can", "could", "would", "will"):
        # ('Can someone tell me what we should write here about Sim?': asked of whoever reads it, the same question)
        verb = re.match(r"\W*\w+\s+(?:you|u|someone|somebody|anyone|anybody)\s+(?:please\s+)?(\w+)", low)
        # ('can Slack threads be exported to PDF, or do I need a paid plan?': what a service can do, asked)
        passive = re.match(rules["passive_question"], low)
        return "question" if verb and verb.group(1) in rules["asks"] or passive else None
    said = re.split(r"(?<=[.!?])\s+", low, maxsplit=1)
    if first in rules["question_starts"] and (
        asked
        or (first.startswith(("wh", "how")) and len(words) <= 20)
        # "what's the difference between …? Our department is trying to figure out …", 'are we allowed to connect …?
        # Legal asked me to check first.': a question, then why (not one asking for something to run)
        or (
            (first.startswith(("wh", "how")) or not asks_for_a_system(said[0]))
            and len(said) == 2
            and said[0].endswith("?")
            and not re.search(rules["asks_again"], said[1])
            and imperative is not None
            and not any(imperative.match(part) for part in re.split(r"(?<=[.!?])\s+", said[1]))
        )
    ):
        return "question"
    if asked and re.search(rules["question_inside"], low):
        return "question"
    return None


# a letter's greeting line ('Hi team,', 'Hey Priya,', 'Dear IT,', 'Good morning,', 'Hi Priya and team,')
_GREETING_LINE = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|heya|dear|greetings|howdy|yo|good\s+(?:morning|afternoon|evening)|morning|afternoon)\b"
    r"(?:[ \t]+[\w'’.&-]+){0,5}[ \t]*[,!:.—–-]*[ \t]*\n",
    re.I,
)
# a letter's closing line ('Thanks,', 'Thanks a million,', 'Cheers,', 'Kind regards,', 'No rush, thanks!') and the
# few short lines of its signature after it; or a signature line of its own ('— Leah, Marketing')
_CLOSING_LINES = re.compile(
    r"\n[ \t]*(?:(?:many\s+|big\s+)?(?:thanks|thank\s+you|thx|ty|ta|cheers|best|regards|kind(?:est)?\s+regards|"
    r"warm(?:est)?\s+regards|best\s+(?:wishes|regards)|all\s+the\s+best|sincerely|yours|with\s+thanks|"
    r"much\s+appreciated|appreciate\s+it|no\s+rush)\b[^\n]{0,30}?|[—–]+[ \t]*[^\n]{1,40}?|--[ \t]*[^\n]{1,40}?)"
    r"[ \t]*[,.!]*[ \t]*(?:\n[ \t]*[^\n]{1,40}?[ \t]*){0,3}\s*$",
    re.I,
)


def letter_body(text: str) -> str:
    """`text` without a letter's greeting line and its closing and signature ('Hi team,\n\n… Thanks,\nDana'):
    what the letter says (the whole text when it is no letter)."""
    body = text
    greeted = _GREETING_LINE.match(body)
    if greeted and body[greeted.end() :].strip():
        body = body[greeted.end() :]
    for _ in range(3):  # '… No rush, thanks!\n— Leah, Marketing': a closing line before the signature
        closed = _CLOSING_LINES.search(body)
        if closed is None or not body[: closed.start()].strip():
            break
        body = body[: closed.start()]
    return body.strip()


def asks_for_a_system(text: str) -> bool:
    """'Is it possible to have something that …?', 'Is there a way to get …?', 'Could the bot also …?': a question
    to the builder asking for something to run (a request when it also says what starts the run); any sentence may
    ask it ('So I check the web every day by hand. Could it, er, search at noon every day and …?')."""
    rule = re.compile(lexicon()["not_a_workflow"]["system_asked"], re.I)
    # (a line of its own is a sentence too: '3. post how many to Slack\nCan Sim do this?')
    return any(rule.search(part) for part in re.split(r"(?<=[.!?])\s+|\s*\n\s*", text.strip()))


def addressed_to_assistant(text: str) -> bool:
    """'Tell me the bitcoin price', 'translate this for me': one answer asked of the assistant."""
    return re.search(lexicon()["not_a_workflow"]["to_assistant"], text.strip(), re.I) is not None


def once_only(text: str) -> bool:
    """'just this once, no automation needed': the text says it wants no workflow."""
    return re.search(lexicon()["not_a_workflow"]["once_only"], text, re.I) is not None


def once_only_spans(text: str) -> list[tuple[int, int]]:
    """Where the text says it wants no workflow ("I don't need it to happen every week", 'a one-time decision')."""
    return [m.span() for m in re.finditer(lexicon()["not_a_workflow"]["once_only"], text, re.I)]


def minutes(text: str) -> bool:
    """'Attendees: …', 'AI: Raj to build …', 'IT mtg notes': the text is the notes of a meeting."""
    return re.search(lexicon()["not_a_workflow"]["minutes"], text, re.I | re.M) is not None


def decision_spans(text: str) -> list[tuple[int, int]]:
    """Where meeting notes record a decision, each from its 'Agreed:' / 'DECISION:' / 'Settled on' to the end of its
    line ('nothing agreed', 'Not agreed:', 'no conclusion' are none)."""
    rules = lexicon()["not_a_workflow"]
    found = []
    for m in re.finditer(rules["decision"], text, re.I):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if re.search(rules["undecided"], text[max(line_start, m.start() - 20) : m.start()], re.I):
            continue
        end = text.find("\n", m.end())
        found.append((m.start(), end if end >= 0 else len(text)))
    return found


def decisions(text: str) -> list[str]:
    """What meeting notes record as decided: each decision's words after its 'Agreed:' / 'DECISION:'."""
    rules = lexicon()["not_a_workflow"]
    return [re.sub(rules["decision"], "", text[a:b], count=1, flags=re.I) for a, b in decision_spans(text)]


def told_event(text: str) -> bool:
    """'on that webhook', 'when that event fires': an event named by pointing back to one told before."""
    return re.search(lexicon()["not_a_workflow"]["told_event"], text, re.I) is not None


def nothing_decided(text: str) -> bool:
    """Meeting notes in which nothing was decided ('Open question: …', 'AI: CH to find out pricing', 'nothing agreed to
    build yet'), or only to look into something ('Agreed anyway to see if Sim can do it'): no workflow is asked for."""
    if not minutes(text):
        return False
    return only_inquiries(decisions(text))


def only_inquiries(decided: list[str]) -> bool:
    """Whether every decision of a meeting is only to look into something ('to see if Sim can do it'); none is too."""
    inquiry = lexicon()["not_a_workflow"]["inquiry"]
    return all(re.search(inquiry, d.lstrip(" \t-*•0123456789.)")) for d in decided)


def recovers_lost(text: str) -> bool:
    """'we lost Slack history from 2021 (never exported) … bring back all those messages': data that is gone, asked
    back."""
    rules = lexicon()["not_a_workflow"]
    return bool(re.search(rules["lost_data"], text, re.I) and re.search(rules["recover"], text, re.I))


def asks_only_a_question(text: str) -> bool:
    """'just asking', 'Not asking you to build it yet', "(it's more of a question)": the text says it is a question."""
    return re.search(lexicon()["not_a_workflow"]["question_cues"], text, re.I) is not None


def noted_wants(text: str) -> str:
    """'- Want the lead created as a HubSpot contact …', '- They want …' → '- We want …': what a bullet of notes says
    the client wants, read as the wish it is (lexicon.json not_a_workflow 'noted_wants')."""
    return re.sub(lexicon()["not_a_workflow"]["noted_wants"], r"\1We want ", text, flags=re.I)


def vague_wish(text: str, imperative: re.Pattern[str]) -> bool:
    """'something to help with the Slack noise? Maybe?', 'Could automation help with that somehow? Just thinking out
    loud': a wish for help, said unsure, in which no clause opens on a step (`imperative`) — lexicon.json
    not_a_workflow 'vague_wish'."""
    rules = lexicon()["not_a_workflow"]["vague_wish"]
    if not (re.search(rules["asks"], text, re.I) and re.search(rules["unsure"], text, re.I)):
        return False
    # ('Posting here because I'm stuck', 'Open to ideas': the post speaking of itself, no step — `asides`)
    text = re.sub(rules.get("asides", r"(?!)"), " ", text, flags=re.I)
    return not any(imperative.match(part.strip()) for part in re.split(r"[.?!,;:\n]+", text))


# 'Every evening I lock up the shop, mop …', 'On Sundays we …': a sentence telling what the writer does as a routine
_ROUTINE_TOLD = re.compile(
    r"^\W*(?:(?:every|each|most|on|in\s+the|at|after|before)\b[^,.;!?]{0,40}?,?\s+)?(?:i|we)\s+"
    r"(?!(?:want|need|would|'d|’d|wish|hope|like|love|can|could|will|should|must|am\s+looking|are\s+looking)\b)"
    r"(?:usually\s+|always\s+|normally\s+|still\s+|then\s+)?[a-z]+"
)


def routine_told_only(text: str, imperative: re.Pattern[str]) -> bool:
    """'Every evening I lock up the bubble tea shop, mop behind the counter, count the float and take the bins out.
    Honestly it's exhausting.': chit-chat — a routine the writer tells, in which no service is named, and sentences
    that ask nothing (no request voice, no question, no clause opening on a step but within the routine told)."""
    if integrations_in(text) or re.search(r"[\w.+-]+@\w|#[a-z]|https?://|\?", text, re.I):
        return False
    rules = lexicon()["context"]
    sentences = [s.strip().lower() for s in re.split(r"(?<=[.!])\s+|\n+", text) if s.strip()]
    routine = [s for s in sentences if _ROUTINE_TOLD.match(s) and not re.search(rules["request_inside"], s)]
    return bool(routine) and all(s in routine or asks_nothing(s, imperative) for s in sentences)


def informs_only(text: str) -> bool:
    """'Nothing to do on your side, just keeping you in the loop': a message that says it asks nothing (lexicon.json
    not_a_workflow 'informs_only'), with no build asked for ('build_asked')."""
    rules = lexicon()["not_a_workflow"]
    return bool(re.search(rules["informs_only"], text, re.I)) and not re.search(
        rules["build_asked"], text, re.I
    )


def product_feedback(text: str) -> bool:
    """'Bug report: my workflow runs twice …', 'Feature request: a dark mode for the editor', 'Small feedback: could
    you make the Slack block icon a different colour?': a message about Agent Forge itself, with no build asked for
    (lexicon.json not_a_workflow 'feedback', 'build_asked')."""
    rules = lexicon()["not_a_workflow"]
    return bool(re.search(rules["feedback"], text, re.I | re.M)) and not re.search(
        rules["build_asked"], text, re.I
    )


def app_trouble(text: str) -> bool:
    """'Anyone else's Notion sidebar disappeared after the last update? … Any fixes?': a question about an app
    misbehaving, asked of other users, with no build asked for (lexicon.json not_a_workflow 'app_trouble')."""
    rules = lexicon()["not_a_workflow"]
    trouble = rules["app_trouble"]
    return (
        bool(re.search(trouble["symptom"], text, re.I) and re.search(trouble["help"], text, re.I))
        and not re.search(rules["build_asked"], text, re.I)
        and not re.search(rules["build_cues"], re.sub(r"#[\w-]+", "#", text.lower()))
    )


def access_request(text: str) -> bool:
    """'give me editor access to …', 'make me an admin of our Sim workspace': access to a tool asked for."""
    return re.search(lexicon()["not_a_workflow"]["access_request"], text, re.I) is not None


# a letter: its greeting opens it (after a subject line) and its sign-off and name close it
_LETTER = re.compile(
    r"^\s*(?:subject:[^\n]*\n\s*)?(?:hi|hello|hey|dear|morning|good\s+(?:morning|afternoon))\s+[^\n,!:]{1,40}[,!:]?\s*\n"
    r"(?P<body>[\s\S]+?)\n\s*(?:thanks|thank\s+you|many\s+thanks|cheers|best|best\s+wishes|kind\s+regards|regards|"
    r"warm\s+regards|all\s+the\s+best|see\s+you(?:\s+there)?|love|ta)\b[^\n]{0,20}\n[^\n]{1,60}(?:\n[^\n]{1,60})?\s*$",
    re.I,
)
# what says a workflow is wanted: a run that repeats or waits for an event, or the making of one
_AUTOMATION_ASKED = re.compile(
    r"\b(?:workflow|automat\w*|system|bot|chatbot|chat|assistant|agent|ai|set\s+up|setup|build|flow|trigger|webhook|api|sim|"
    r"script|integration|every|each|whenever|daily|weekly|monthly|hourly|nightly|from\s+now\s+on|each\s+time|any\s+time|"
    r"as\s+soon\s+as|once\s+a)\b",
    re.I,
)


def letter_to_readers(text: str) -> bool:
    """'Subject: Christmas party / Hi everyone, / The party is on 19 December … Please reply by Friday with your
    meal choice. / Thanks, / Morag': a letter to people (an announcement, an invitation, a reminder), whose asks are
    its readers' to do once: its body names no service, no repetition and no workflow to make. A letter that asks
    for a workflow says so ('every Monday at 09:00 please have the system …', 'when Stripe reports …')."""
    from lib.generation.translations import service_names

    letter = _LETTER.match(text)
    if letter is None or _AUTOMATION_ASKED.search(letter.group("body")):
        return False
    names = service_names()
    return not any(w.lower() in names for w in re.findall(r"[^\W\d_]+", letter.group("body")))


def physical_work(text: str) -> bool:
    """'pull out the stuck paper', 'refills the paper in the printer': work on things no block can touch."""
    return re.search(lexicon()["not_a_workflow"]["physical_work"], text, re.I) is not None


def done_reported(step_text: str, description: str) -> bool:
    """'Text me when it's done.' after chores: a step said only in the report its reader gives when done."""
    said = step_text.strip().lower()
    return bool(said) and any(
        said in m.group(0).lower()
        for m in re.finditer(lexicon()["not_a_workflow"]["done_report"], description, re.I)
    )


def no_access(text: str) -> bool:
    """'our competitor's internal Slack (we don't have an account there)': a place nobody gave access to."""
    return re.search(lexicon()["not_a_workflow"]["no_access"], text, re.I) is not None


def uses_others_credentials(text: str) -> bool:
    """'our ex-instructor still has the admin password for the studio down the road … logs into their booking system
    with it', "I've got my coworker's Gmail login … read her inbox": someone else's credentials, used to get in
    (lexicon.json not_a_workflow 'credentials_got' and 'credentials_used')."""
    rules = lexicon()["not_a_workflow"]
    got = re.search(rules["credentials_got"], text, re.I)
    return got is not None and re.search(rules["credentials_used"], text, re.I) is not None


def reads_private_messages(text: str) -> bool:
    """'reads every employee's private WhatsApp chats each night': other people's private messages read, which no
    workflow may do (lexicon.json not_a_workflow 'private_messages')."""
    return re.search(lexicon()["not_a_workflow"]["private_messages"], text, re.I) is not None


def hired_work(text: str) -> bool:
    """'Not a build job exactly - looking for an automation consultant for a video call', 'Looking for someone to
    write a 2,000-word blog post': a person hired for work that is no workflow to build."""
    # (a quoted title or topic names no workflow to build: 'a blog post on "workflow automation trends"')
    unquoted = re.sub(r"\"[^\"\n]*\"|“[^”\n]*”", '"…"', text)
    return re.search(lexicon()["not_a_workflow"]["hired_work"], unquoted, re.I) is not None


def impossible(text: str) -> bool:
    """'creates 500 fake customer accounts on Trustpilot', 'removes any 1- or 2-star Google reviews': what no
    workflow may or can do — unless the words before it police it ('flag suspected fake accounts')."""
    rules = lexicon()["not_a_workflow"]
    return any(
        re.search(rules["policed"], text[max(0, m.start() - 60) : m.start()], re.I) is None
        for m in re.finditer(rules["impossible"], text, re.I)
    )


def foretells(text: str) -> bool:
    """'the main thing is the guaranteed predictions', 'I need the predictions to be certain': the future asked for as
    a certainty (lexicon.json not_a_workflow 'certain_future'), which no workflow can give."""
    return re.search(lexicon()["not_a_workflow"]["certain_future"], text, re.I) is not None


def unmasks_people(text: str) -> bool:
    """'find the reviewer's real name and home address', 'work out who the anonymous commenter really is': personal
    data about people known only by what they post, in one sentence (lexicon.json 'private_data', 'strangers')."""
    rules = lexicon()["not_a_workflow"]
    # ('find the phone numbers of everyone who left a review for the rival barber shop': their contact details too)
    return any(
        (
            re.search(rules["private_data"], sentence, re.I)
            or re.search(rules["harvested_contacts"], sentence, re.I)
        )
        and re.search(rules["strangers"], sentence, re.I)
        for sentence in re.split(r"(?<=[.!?\n])\s+", text)
    )


def _conditional(text: str, decline: re.Match[str]) -> bool:
    """Whether the sentence of a decline puts a condition before it ('if …', 'unless …', 'otherwise')."""
    start = max(text.rfind(c, 0, decline.start()) for c in ".!?\n") + 1
    return (
        re.search(r"\b(?:if|unless|otherwise|or\s+else)\b", text[start : decline.start()], re.I) is not None
    )


def declined(text: str, imperative: re.Pattern[str]) -> bool:
    """'Let's leave it and not automate this one. Thanks for offering!', "we've decided to drop it … No need to build
    anything": the text ends by declining the automation — no sentence after the last decline asks for a step
    (lexicon.json not_a_workflow 'declined'). A decline under a condition ('if it can't stay read-only, I'd rather
    not do it at all', 'Unless it runs without admin rights, we'll leave it') declines nothing yet: the ask stands."""
    found = [
        m
        for m in re.finditer(lexicon()["not_a_workflow"]["declined"], text, re.I)
        if not _conditional(text, m)
    ]
    last = next(reversed(found), None)
    if last is None:
        return False
    end = re.search(r"[.!?\n]", text[last.end() :])
    after = text[last.end() + (end.end() if end else len(text) - last.end()) :]
    return not any(
        imperative.match(s.strip()) or re.search(lexicon()["context"]["request_inside"], s.lower())
        for s in re.split(r"(?<=[.!?\n])\s+", after)
        if re.search(r"\w", s)
    )


# the field of a form or ticket that says what should happen ('What should happen (step by step):', 'Steps:',
# 'Description:'), its value going on over the lines below until the next labelled line
_ASKED_FIELD = re.compile(
    r"^[^\S\n]*(?:[-*•]\s*|\d{1,2}[.)]\s*)?(?:\*\*|__)?(?:what\s+(?:should|must|will|does|would)\s+(?:happen|it\s+do|"
    r"this\s+do|the\s+(?:automation|workflow)\s+do|be\s+done|be\s+automated)|what\s+do\s+you\s+(?:want|need)(?:\s+it)?"
    r"\s+to\s+do|steps?(?:\s+by\s+step)?|description|details|what|the\s+ask|request)(?:\s*\([^()\n]{0,40}\))?\s*"
    r"(?:\*\*|__)?[^\S\n]*(?:\?+[^\S\n]*:?|:)(?:\*\*|__)?[^\S\n]*(?P<value>[^\n]*(?:\n(?![^\S\n]*(?:[-*•]\s*)?(?:\*\*|__)?"
    r"[A-Za-z][\w /'’&()-]{0,50}?(?:\*\*|__)?[^\S\n]*(?:\?|:)(?:\s|$))[^\n]*)*)",
    re.I | re.M,
)


def asked_field(text: str) -> str | None:
    """The value of a form's or ticket's field that says what should happen ('What should happen (step by step): …',
    'Steps: …', 'Description: …'), or None when the text has no such field."""
    found = _ASKED_FIELD.search(text)
    return found.group("value").strip() or None if found else None


def has_build_cue(text: str) -> bool:
    """'set up a bot that …', 'I want …', 'automatically': the text asks for something to be built."""
    return re.search(lexicon()["not_a_workflow"]["build_cues"], text.strip().lower()) is not None


_WHAT_IS_BUILT = re.compile(
    r"\b((?:chat ?bots?|bots?|assistants?|agents?|workflows?|automations?|pipelines?)"
    r"(?:\s+(?:for|on|in|inside) [\w' -]{1,40}?)?)\s+(?:that|which|who)\s+([a-z]{3,}?)(ies|ches|shes|sses|xes|(?<!s)s)\b",
    re.I,
)
_THIRD_PERSON = {"ies": "y", "ches": "ch", "shes": "sh", "sses": "ss", "xes": "x", "s": ""}


# 'I want an AI to review the changes': the model the user asks for, and what it should do
_MODEL_TO = re.compile(
    r"\b((?:an?|the|our)\s+(?:ai|llm|gpt|claude|model|chat ?bot|bot|assistant|agent))\s+to\s+(?=[a-z])", re.I
)


# what a reader keeps as written: quoted text, addresses, URLs, channels, paths ('acme/gh-tools')
_AS_WRITTEN = re.compile(
    r"\"[^\"\n]*\"|“[^”\n]*”|(?<![\w])'[^'\n]*'(?![\w])|\S+@\S+|https?://\S+|#[\w-]+|\S*/\S+"
)


@lru_cache(maxsize=1)
def _shorthand() -> tuple[re.Pattern[str], dict[str, str]]:
    from lib.generation.services import data

    table = {k.lower(): v for k, v in data()["shorthand"].items() if not k.startswith("_")}
    words = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w#@/.'’-])(?:" + words + r")(?![\w@/-]|\.\w)", re.I), table


# 'called, uh, 'Rotate API keys'', 'mentions of, um, 'Harrowgate Council'': a speaker's filler set off by commas
_SPOKEN_FILLER = re.compile(
    # ('…, and — uh — a text to the on-call tech': set off by dashes too)
    r",\s*(?:(?:er+m?|um+|uh+m?|ehm?|like)\s*,\s*)+|(?<=\s)[—–]\s*(?:(?:er+m?|um+|uh+m?|ehm?)\s*,?\s*)+[—–]\s+",
    re.I,
)


def declined_questions(text: str) -> str:
    """'Q: SMS as well? A: no, WhatsApp only' → 'WhatsApp only': a question in notes answered no (lexicon.json
    'declined_questions') proposes nothing to build; the rest of the answer stays as said."""
    return re.sub(lexicon()["declined_questions"], "", text, flags=re.I)


# 'a, uh, a Linear issue', 'the, um, the report': a speaker who restarts a word across a filler said it once
_RESTARTED = re.compile(r"\b(?P<word>[A-Za-z]+),\s*(?:(?:er+m?|um+|uh+m?|ehm?)\s*,\s*)+(?P=word)\b", re.I)


_SAID_HASHTAG = re.compile(r"\bhash[\s-]?tag\s+(?P<name>[A-Za-z0-9][\w-]*)", re.I)


def said_hashtags(text: str) -> str:
    """'post the comment in Slack, hashtag barrel-alerts', 'drop it in Discord hashtag club-news', 'the Teams channel
    hashtag floor-leads': a channel's '#' said as a word, after a chat service with channels (the webhook providers'
    own names) or the word 'channel' in the same sentence, is the channel '#barrel-alerts'. Not a hashtag a post is
    to carry ('add the hashtag summer', 'with hashtag sale'): an article or a verb right before it keeps the word."""
    if "hash" not in text.lower():
        return text
    providers = lexicon()["webhook_providers"]
    names = sorted(
        {
            n
            for key in ("slack", "discord", "microsoftteams", "telegram")
            for n in providers.get(key, {}).get("names", ())
        },
        key=len,
        reverse=True,
    )
    place = r"\b(?:" + "|".join(re.escape(n) for n in names) + r"|channel)\b[^.;!?\n]{0,40}$"

    def tag(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 80) : m.start()]
        if not re.search(place, before, re.I) or re.search(
            r"\b(?:the|a|an|with|add|use|using|include|tag|tagged|and)\s*$", before, re.I
        ):
            return m.group(0)
        return "#" + m.group("name")

    return _SAID_HASHTAG.sub(tag, text)


def spoken_fillers(text: str) -> str:
    """'a Jira ticket called, uh, 'Rotate API keys'', 'search for, um, 'heat pump subsidies'': a filler a speaker
    sets off by commas is no pause in the sentence; it goes, and the words on either side join up (so the name the
    word before it introduces is read as introduced by it). A filler before the next step's verb ('from the Supabase
    orders table, uh, add up the totals') keeps the comma: the clause ends there, the words do not join."""
    verbs = "|".join(re.escape(v) for v in sorted(lexicon()["routine_verbs"], key=len, reverse=True))

    def gone(m: re.Match[str]) -> str:
        introduced = re.search(
            r"\b(?:called|named|titled|for|to|say|says|saying|like|as)$", text[: m.start()], re.I
        )
        step = re.match(
            r"(?:" + verbs + r")\s+(?:up|out|the|it|them|that|this|a|an|all|each|every)\b",
            text[m.end() :],
            re.I,
        )
        if step and not introduced:
            return ", "
        # ('when a new Typeform response comes in, um, make an Asana task': the event's clause ends before a verb)
        ended = re.search(
            r"\b(?:comes?\s+in|arrives?|lands?|happens?|is\s+(?:created|added|submitted|opened))$",
            text[: m.start()],
            re.I,
        )
        return ", " if ended and ACTION_START.match(text[m.end() :]) else " "

    from lib.generation.steps import ACTION_START

    return _SPOKEN_FILLER.sub(gone, _RESTARTED.sub(r"\g<word>", text))


@lru_cache(maxsize=1)
def _spoken_number_re() -> re.Pattern[str]:
    """Digit words in groups (lexicon.json 'spoken_digits', 'spoken_digit_repeats'), hyphened or spaced, the groups
    apart by commas or spaces, after an optional 'plus'."""
    digit = r"(?:(?:" + "|".join(lexicon()["spoken_digit_repeats"]) + r")[\s-]+)?"
    digit += r"(?:" + "|".join(lexicon()["spoken_digits"]) + r")"
    group = rf"{digit}(?:[\s-]+{digit})*"
    return re.compile(rf"(?<![\w-])(?P<plus>plus\s+)?(?P<n>{group}(?:\s*,?\s+{group})*)(?![\w-])", re.I)


def spoken_phone_numbers(text: str) -> str:
    """'text Gary on plus one, five-one-two, five-five-five, zero-one-nine-eight' → 'text Gary on +1 512 555 0198': a
    number said digit by digit (seven digits or more; 'double five' is two) is written in digits, its groups kept."""
    digits, repeats = lexicon()["spoken_digits"], lexicon()["spoken_digit_repeats"]

    def written(m: re.Match[str]) -> str:
        groups = []
        for said in re.split(r"\s*,\s*|\s+(?=(?:plus)\b)", m.group("n")):
            words, out, times = re.split(r"[\s-]+", said.strip().lower()), "", 1
            for w in words:
                if w in repeats:
                    times = repeats[w]
                    continue
                out, times = out + digits[w] * times, 1
            groups.append(out)
        if sum(len(g) for g in groups) < 7:
            return m.group(0)
        return ("+" if m.group("plus") else "") + " ".join(groups)

    return _spoken_number_re().sub(written, text)


@lru_cache(maxsize=1)
def _only_if_re() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(lexicon()["only_if_words"]) + r")\b", re.I)


def only_if_words(text: str) -> str:
    """'add them to the sheet as long as they ticked 'subscribe'', '…, provided the total is over 50': another
    way to say 'only if' (lexicon.json 'only_if_words'), read as it so the test guards the step it follows."""
    return _only_if_re().sub("only if", text)


@lru_cache(maxsize=1)
def _idle_otherwise_re() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(lexicon()["idle_otherwise"]) + r")(?=\s*(?:[.!?\n]|$))", re.I)


def idle_otherwise(text: str) -> str:
    """'… only if the lead is in Cardiff, otherwise don't post anything.': the other side of a test that does nothing
    (lexicon.json 'idle_otherwise'), dropped — a test's other side does nothing unless a step is said for it."""
    return _idle_otherwise_re().sub("", text)


def ban_widenings(text: str) -> str:
    """'Don't post anything to X, not even a reply': the widening at a ban's end names no step (lexicon.json
    'ban_widenings'); only the ban is kept."""
    return re.sub(lexicon()["ban_widenings"], lambda m: m.group("ban"), text, flags=re.I)


def split_recaps(text: str) -> str:
    """'… And if they say it's rare, forward it to Slack #rarities. Every sighting goes in Airtable, only the rare ones
    go to Slack.': a sentence saying again how a test splits the items between two places told before it
    (lexicon.json 'split_recaps') is blanked (spaces, so every position stays) — its steps are those already said."""
    out = text
    for m in re.finditer(lexicon()["split_recaps"], text, re.I):
        before = text[: m.start("s")]
        places = [m.group(g).split()[-1].strip("'\"‘’“”#") for g in ("a", "b")]
        if re.search(r"\bif\b", before, re.I) and all(
            p and re.search(rf"\b{re.escape(p)}\b", before, re.I) for p in places
        ):
            out = out[: m.start("s")] + " " * (m.end("s") - m.start("s")) + out[m.end("s") :]
    return out


@lru_cache(maxsize=1)
def _opened_items() -> re.Pattern[str]:
    facts = lexicon()["opened_items"]
    verbs = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(facts["verbs"], key=len, reverse=True)
    )
    nouns = "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(lexicon()["item_nouns"], key=len, reverse=True)
    )
    return re.compile(
        rf"\b(?:{verbs})\s+(?=(?:the|our|my|their|all\s+(?:the|our|my))\s+(?:[\w'’.-]+\s+){{0,4}}?(?:{nouns})\b)",
        re.I,
    )


def opened_items(text: str) -> str:
    """ "I open our terrarium shop's Etsy orders (Etsy API)" → "I check our …": things a service holds, opened to be
    looked at, are read (lexicon.json 'opened_items'); 'open a ticket' stays a write."""
    said = lexicon()["opened_items"]["said"]
    return _opened_items().sub(lambda m: said + " ", text)


def opened_places(text: str) -> str:
    """'open our Excel 'Cashbook', add a line for each payout' → 'add a line to our Excel 'Cashbook' for each payout':
    a row added right after a place is opened goes into that place (lexicon.json 'opened_places')."""
    return re.sub(
        lexicon()["opened_places"],
        lambda m: f"{m.group('verb')} {m.group('obj')} to {m.group('place')}",
        text,
        flags=re.I,
    )


def bare_each(text: str) -> str:
    """'Insert each into the Supabase table 'counts'' → 'Insert each one into …': 'each' alone as the object of a
    write is each item read before (lexicon.json 'bare_each')."""
    return re.sub(
        lexicon()["bare_each"],
        lambda m: m.group(1) if m.group(1).endswith("one") else m.group(1) + " one",
        text,
        flags=re.I,
    )


def boxes_ticked(text: str) -> str:
    """'then check the 'Emailed' box', 'check off the Paid checkbox': a box the run ticks, no check that reads
    (lexicon.json 'boxes_ticked'), read as 'tick' so the record is updated."""
    return re.sub(lexicon()["boxes_ticked"], "tick", text, flags=re.I)


@lru_cache(maxsize=1)
def _verdict_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = lexicon()["verdict_judges"]
    lead = r"\b(?P<lead>if|when|whenever|unless|once|whether)\s+(?:" + "|".join(table["judges"]) + r")\s+"
    clause = re.compile(lead + r"(?:" + "|".join(table["clause_verbs"]) + r")\s+(?:that\s+)?", re.I)
    verbs = "|".join(table["object_verbs"])
    obj = re.compile(
        lead
        + rf"(?:{verbs})\s+(?P<obj>it|them|this|that|(?:the|a|an)\s+[\w-]+)\s+(?:as\s+(?:being\s+)?|to\s+be\s+)?",
        re.I,
    )
    return clause, obj


def verdict_tests(text: str) -> str:
    """'If the AI thinks it's spam, …' → 'If it's spam, …'; 'when GPT flags the lead as hot' → 'when the lead is hot':
    a test on an AI step's verdict tests what it judged, not the judge's name (lexicon.json 'verdict_judges')."""
    clause, obj = _verdict_res()
    text = clause.sub(lambda m: m.group("lead") + " ", text)

    def said(m: re.Match[str]) -> str:
        return f"{m.group('lead')} {m.group('obj')} {'are' if m.group('obj').lower() == 'them' else 'is'} "

    return obj.sub(said, text)


def judged_each(text: str) -> str:
    """'- AI judges whether each review is negative\n- Negative ones → Slack #front-of-house' → 'For each review, have AI
    judge whether it is negative; if it is, it goes to Slack #front-of-house': each item's verdict, then the step for
    the items of that verdict (lexicon.json 'judged_each'), as a test of each item's verdict."""

    def said(m: re.Match[str]) -> str:
        kind_words = [w.lower() for w in m.group("kind").split() if w.lower() not in ("a", "an")]
        first = m.group("said").lower()
        if not any(first[:5] == w[:5] for w in kind_words):
            return m.group(0)
        return f"{m.group('lead')}For each {m.group('noun')}, have AI judge whether it is {m.group('kind')}; if it is, it goes to "

    return re.sub(lexicon()["judged_each"], said, text, flags=re.I)


def kinds_then_routes(text: str) -> str:
    """'have the AI figure out if it's a bug, a feature request or a question, and then — bugs go into Jira; …' →
    '… or a question: bugs go into Jira; …': the kinds asked for, then (after 'and then' and a dash or a colon)
    where each kind goes — the routes of those kinds, as after a colon; 'forward each one — plumbing to a@…': the
    act said once, then its routes (lexicon.json 'kinds_then')."""
    return re.sub(
        lexicon()["kinds_then"], lambda m: (m.group("kinds") or m.group("act")) + ": ", text, flags=re.I
    )


def own_records(text: str) -> str:
    """'have every item in the table 'Kit' … get its own Linear issue' → '… create its own Linear issue': a record
    each item is given is made for it, not read (lexicon.json 'own_records'); a service's name may come between."""
    rule = lexicon()["own_records"]
    verbs = sorted(rule["verbs"], key=len, reverse=True)
    found = re.compile(
        r"\b(?P<verb>"
        + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in verbs)
        + r")\s+(?P<own>(?:its|their)\s+own)\s+"
        r"(?=(?:[A-Za-z][\w-]*\s+){0,2}?(?:" + "|".join(rule["nouns"]) + r")s?\b)",
        re.I,
    )
    return found.sub(
        lambda m: rule["verbs"][re.sub(r"\s+", " ", m.group("verb").lower())] + " " + m.group("own") + " ",
        text,
    )


# 'the Excel workbook, the 'Carpet Jobs' one', 'our Notion database — the "Leads" one': a place named after it
_NAMED_AFTER = re.compile(
    r"\b(?P<np>(?:the|our|my)\s+(?:[\w-]+\s+){0,2}?(?:workbook|spreadsheet|sheet|table|database|base|board|page|"
    r"folder|doc|document|list|channel|project|form|calendar|file|tab|repo|repository|drive|notebook|inbox))"
    r"\s*(?:,|\s[—–-])\s*the\s+(?P<name>'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|‘[^’\n]{1,60}’|“[^”\n]{1,60}”)\s+one\b",
    re.I,
)


# "grab the readings from the Supabase table, 'buoy_readings', and …": a store's name in an aside of its own
_NAMED_ASIDE = re.compile(
    r"\b(?P<np>(?:the|our|my)\s+(?:[\w-]+\s+){0,2}?(?:workbook|spreadsheet|sheet|table|database|base|board|"
    r"folder|doc|document|calendar|file|tab|repo|repository|notebook))"
    r"\s*,\s*(?P<name>'[\w .&/-]{1,40}'|\"[\w .&/-]{1,40}\"|‘[\w .&/-]{1,40}’|“[\w .&/-]{1,40}”)(?=\s*[,.;:)—–]|\s*$)",
    re.I,
)


def named_after(text: str) -> str:
    """ "put the totals into the Excel workbook, the 'Carpet Jobs' one" → "… into the Excel workbook 'Carpet Jobs'":
    the name said after the place, in an aside that points back at it, is the place's name; so is a name in an aside
    of its own ("from the Supabase table, 'buoy_readings', and …" → "from the Supabase table 'buoy_readings', …")."""
    text = _NAMED_AFTER.sub(lambda m: f"{m.group('np')} {m.group('name')}", text)
    return _NAMED_ASIDE.sub(lambda m: f"{m.group('np')} {m.group('name')}", text)


def wished_records(text: str) -> str:
    """'I want a Linear issue for the workroom', 'we need a Jira ticket for it' → 'I want to create a Linear issue
    …': a record of a named service wished for is made, not read (its nouns: lexicon.json 'own_records'); read
    after a spoken correction is taken back ('I want a Trello card... no, scrap Trello, a Linear issue')."""
    rule = lexicon()["own_records"]
    # 'I want a Linear issue for the workroom', 'we need a Jira ticket for it': a record of a named service wished
    # for is made ('I want to create a Linear issue …'), not read
    wished = re.compile(
        r"\b(?P<who>i|we)(?P<want>\s+(?:want|need|would\s+like|['’]d\s+like))\s+"
        r"(?=(?:a|an|one)\s+(?:new\s+)?(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z][\w.-]*))?\s+(?:"
        + "|".join(rule["nouns"])
        + r")\b)",
        re.I,
    )
    return wished.sub(lambda m: f"{m.group('who')}{m.group('want')} to create ", text)


# 'wants their Gmail inbox checked every 30 min', 'could our support Gmail be checked every hour': a place of a service
# said to be checked, in the passive — the run reads it
_CHECKED_PLACE = re.compile(
    r"(?P<want>\b(?:wants?|needs?|would\s+like|['’]d\s+like|like)\s+)?"
    r"\b(?P<det>the|their|our|my|his|her|its|your)\s+(?P<what>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+"
    r"(?:to\s+be\s+|be\s+|being\s+|gets?\s+|got\s+)?"
    r"(?P<done>checked|monitored|scanned|watched|polled|gone\s+through|looked\s+through)\b",
    re.I,
)


def checked_places(text: str) -> str:
    """`text` with a service's place said to be checked in the passive said as the read it asks for: 'wants their
    Gmail inbox checked every 30 min' → 'wants to check their Gmail inbox every 30 min' (the place must name a
    service: 'the work checked' stays)."""

    def said(m: re.Match[str]) -> str:
        if not integrations_in(m.group("what")):
            return m.group(0)
        lead = (m.group("want") or "") + ("to " if m.group("want") else "")
        return f"{lead}check {m.group('det')} {m.group('what')}"

    return _CHECKED_PLACE.sub(said, text)


def spelled_out(text: str) -> str:
    """'the Grades gsheet', 'gh acme/sdk', 'jira tix', 'the notion db' → 'the Grades Google Sheet', 'GitHub
    acme/sdk', 'jira tickets', 'the notion database': a service's or a thing's short name read as its full one
    (the table in `services.json`), outside what the user quoted or wrote as an address, channel or path."""
    pattern, table = _shorthand()
    kept = [m.span() for m in _AS_WRITTEN.finditer(text)]
    return pattern.sub(
        lambda m: (
            m.group(0)
            if any(a <= m.start() < b for a, b in kept)
            # ('a Jira ticket in project TIX', 'the DB space': a key or name a project or a space goes by)
            or _KEY_NAMED.search(text, 0, m.start())
            and m.group(0).isupper()
            else table.get(m.group(0).lower(), m.group(0))
        ),
        text,
    )


# the noun before a key a thing goes by ('project TIX', 'board OPS', 'space DB', 'project key GH')
_KEY_NAMED = re.compile(r"\b(?:project|board|space|key|prefix|team|queue|repo)\s+$", re.I)


# a line that holds one link and little else ('- https://rivalbrew.com/prices', '2. https://boards.greenhouse.io/x')
_LINK_LINE = re.compile(
    r"\n[^\S\n]*(?:[-*•]|\(?\d{1,2}[.)]|[a-z][.)])?[^\S\n]*(?P<url>https?://[^\s<>()]+?|www\.[^\s<>()]+?)[.,;]?[^\S\n]*(?=\n|$)"
)


def listed_links(text: str) -> str:
    """'scrape the three competitor price pages below and drop a comparison into #pricing on Slack.\n-
    https://rivalbrew.com/prices\n- https://hopfield.co/shop …' → 'scrape the three competitor price pages
    https://rivalbrew.com/prices, https://hopfield.co/shop … and drop …': pages a sentence reads, listed as links on
    the lines right after it, are read where the sentence names them (lexicon.json 'listed_links': the verbs that
    read pages, the nouns pages are named by, the words that point to the list)."""
    rules = lexicon()["listed_links"]
    verbs = "|".join(map(re.escape, rules["verbs"]))
    nouns = "|".join(map(re.escape, rules["nouns"]))
    pointers = "|".join(map(re.escape, rules["pointers"]))
    found = re.compile(
        r"(?P<head>\b(?:" + verbs + r")\b[^.!?\n]{0,60}?\b(?:(?:the|these|those|our|all|both)\s+)?"
        r"(?:[\w-]+\s+){0,3}?(?:"
        + nouns
        + r"))(?P<ptr>\s+(?:"
        + pointers
        + r"))?(?P<rest>[^\n]*?)(?P<colon>:?)[^\S\n]*(?=\n)",
        re.I,
    )
    for m in found.finditer(text):
        links, at = [], m.end()
        while True:
            line = _LINK_LINE.match(text, at)
            if line is None:
                break
            links.append(line.group("url").rstrip(".,;"))
            at = line.end()
        # ('… the pages below', '… these pages:', '… the following sites:': the sentence points to the list)
        pointed = (
            m.group("ptr")
            or m.group("colon")
            or re.search(r"\b(?:these|those|following)\b", m.group("head"), re.I)
        )
        if len(links) < 2 or not pointed:
            continue
        said = ", ".join(links[:-1]) + " and " + links[-1]
        rest = m.group("rest")
        end = "." if m.group("colon") and not re.search(r"[.!?]$", rest.rstrip()) else ""
        return text[: m.start()] + m.group("head") + " " + said + rest + end + text[at:]
    return text


def tool_verbs(text: str) -> str:
    """'b. Firecrawl the company's homepage', '… 8am firecrawl https://news.ycombinator.com and …' → 'scrape with
    Firecrawl …': a tool's name said as the verb of a step, read as the verb it stands for (lexicon.json
    'tool_verbs'); only where a step opens and before what it acts on."""
    verbs = lexicon()["tool_verbs"]
    names = "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))
    return re.sub(
        r"(?P<lead>(?:^|\n)[^\S\n]*(?:[-*•]|\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)])?[^\S\n]*|[,;:]\s+|"
        r"(?:\b(?:and|then|also|please|to)|\d|(?<![a-z])[ap]\.?m\.?)\s+)"
        r"(?P<tool>"
        + names
        + r")\s+(?=(?:the|a|an|each|every|all|their|its|our|his|her|this|these|those|them|it)\b|"
        r"https?://|www\.|[\w-]+\.[a-z]{2,}\b|[\w-]+['’]s\s)",
        lambda m: m.group("lead") + verbs[m.group("tool").lower()] + " ",
        text,
        flags=re.I,
    )


def bracketed_tools(text: str) -> str:
    """'- Should remember returning visitors (Mem0)' → '- Should remember returning visitors with Mem0': a tool named
    alone in brackets at the end of the step it does (lexicon.json 'bracketed_tools'), when that step names no
    service of its own, is the tool the step is done with."""
    tools = set(lexicon()["bracketed_tools"])

    def said(m: re.Match[str]) -> str:
        named = integrations_in(m.group("tool"))
        if len(named) != 1 or named[0][1] not in tools or integrations_in(m.group("step")):
            return m.group(0)
        return f"{m.group('step')} with {m.group('tool').strip()}"

    return re.sub(
        r"(?P<step>(?:^|(?<=[\n.!?;]))[^\n.!?;()]*[^\W\d_][^\n.!?;()]*?)\s*\((?P<tool>[^()\n]{2,30})\)(?=\s*(?:[.!?;\n]|$))",
        said,
        text,
    )


def drafted_as_notes(text: str) -> str:
    """'draft the apologies as internal notes on the Zendesk tickets' → 'draft the apologies and add them as internal
    notes on the Zendesk tickets': a text written, then left as a note or comment on an item — the writing is the
    AI's, the note a write to the service (not a read of its tickets)."""
    return re.sub(
        r"\b(?P<verb>drafts?|writes?|composes?|generates?)\s+(?P<what>(?:the|an?|its|their|each|every|one|some)\s+"
        r"[^.,;:!?\n]{1,40}?)\s+as\s+(?P<note>(?:an?\s+)?(?:(?:internal|private|public|short)\s+)?(?:notes?|comments?))"
        r"\s+(?=(?:on|to|in)\s)",
        lambda m: (
            f"{m.group('verb')} {m.group('what')} and add "
            + ("it" if re.match(r"(?:an?|one)\s", m.group("what"), re.I) else "them")
            + f" as {m.group('note')} "
        ),
        text,
        flags=re.I,
    )


# a name in single quotes holding an apostrophe of its own ('This Week's Catch', 'Mum's Recipes'): the quote opens
# before a word, the inner apostrophe sits between letters, the quote closes before no letter, on the same line
_INNER_APOSTROPHE = re.compile(r"(?<![\w'’])'(?=\w)((?:[^'\n]|(?<=\w)'(?=\w)){1,60}?)'(?!\w)")


# what names a place right before or after its quoted name ('a Google Sheet called '…'', 'the '…' table')
_PLACE_BEFORE = re.compile(
    r"(?:called|named|titled|sheet|spreadsheet|table|tab|doc|document|folder|list|base|database|page|workbook|board|"
    r"channel|project|space|calendar|form|file)\s+$",
    re.I,
)
_PLACE_AFTER = re.compile(
    r"\s+(?:sheet|spreadsheet|table|tab|doc|document|folder|list|base|database|page|workbook|board|channel|project|"
    r"space|calendar|form|file)s?\b",
    re.I,
)


# a comparison written as one sign ('Amount ≥ £1,200 →', 'score ≤ 3') in the two characters every test reads
_SIGNS = {"≥": ">=", "⩾": ">=", "≤": "<=", "⩽": "<=", "≠": "!=", "＞": ">", "＜": "<"}


def comparison_signs(text: str) -> str:
    """`text` with each one-character comparison sign ('≥', '≤', '≠') written as the plain one ('>=', '<=', '!=')."""
    return re.sub("[" + "".join(_SIGNS) + "]", lambda m: _SIGNS[m.group(0)], text)


# 'within 5 hours of its next inspection', 'within 500 miles of its next service': how near a thing's coming
# milestone counted in use is (days, weeks and months to a date are a date's window, read as such elsewhere)
_WITHIN_OF_NEXT = re.compile(
    r"\bwithin\s+(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>(?:flying\s+|flight\s+|running\s+|engine\s+)?(?:hours?|hrs?|"
    r"miles?|km|kilometres?|kilometers?|cycles?|landings?|uses?))\s+of\s+(?P<owner>its|their|his|her|the)\s+"
    r"(?P<what>next\s+[\w-]+|(?:service|inspection|check|maintenance)\s+(?:limit|interval|threshold))\b",
    re.I,
)


def within_of_next(text: str) -> str:
    """'for any aircraft within 5 hours of its next inspection' → '… with 5 or fewer hours left before its next
    inspection': a nearness to what comes next, said as the threshold on what is left (no time window of a read)."""
    return _WITHIN_OF_NEXT.sub(
        lambda m: (
            f"with {m.group('n')} or fewer {m.group('unit')} left before {m.group('owner')} {m.group('what')}"
        ),
        text,
    )


@lru_cache(maxsize=1)
def _message_at() -> Any:
    """'send an email at the manager, …', 'a message at our supplier': a message said sent *at* a person of the
    lexicon's `people` (or the user's own: boss, team) or at an address (French 'à' read word by word, and English as
    many write it); 'at the end of the day' is a time and stays."""
    people = "|".join(
        sorted({*lexicon()["people"], "boss", "team", "office", "accountant"}, key=len, reverse=True)
    )
    return re.compile(
        r"\b((?:send|sends|sending|write|writes|drop|drops|shoot|shoots)\s+(?:(?:an?|the|one)\s+)?(?:quick\s+)?"
        r"(?:e-?mail|mail|message|text|sms|note|reminder|alert)(?:\s+message)?)\s+at\s+"
        r"(?=[\w.+-]+@[\w-]+\.|(?:the|our|my|their|his|her|your)\s+(?:" + people + r")s?\b)",
        re.I,
    )


def sent_straight(text: str) -> str:
    """`text` without the adverb between a thing sent and where it goes ('a text straight to Jan' → 'a text to Jan')."""
    return re.sub(lexicon()["sent_straight"], "", text, flags=re.I)


def sent_to_bare(text: str) -> str:
    """'SMS to customer w/ confirmation' → 'SMS to the customer …': a person of the data a message goes to, said without
    an article (lexicon.json 'sent_to_bare')."""
    rule = lexicon()["sent_to_bare"].replace("{people}", "|".join(map(re.escape, lexicon()["people"])))
    return re.sub(rule, lambda m: m.group(0) + "the ", text, flags=re.I)


def messages_named(text: str) -> str:
    """'… add them to the 'Members' table. And a welcome email, to them, with the session time.' → '… Send a welcome
    email to them with the session time.': a sentence (or a list's line) that only names a message and whom it goes
    to asks for it to be sent; so does a spec's line that names it with what it holds first ('## For each member …
    \nEmail with a payment reminder to the member' → 'Send email to the member with a payment reminder')."""
    return _MESSAGE_NAMED.sub(
        lambda m: (
            f"{m.group('lead')}Send {m.group('msg')} {m.group('to')}"
            + (f" {m.group('with')}" if m.group("with") else "")
        ),
        text,
    )


# a sentence that opens on a message, then whom it goes to ('And a welcome email, to them, …'), with no verb
# (a line of its own may drop the article and say what the message holds first: 'Email with payment reminder to the
# member', the German 'E-Mail mit Zahlungserinnerung an das Mitglied')
_MESSAGE_NAMED = re.compile(
    r"(?P<lead>(?:^|(?<=[.!?])\s+|^[ \t]*[-*•][ \t]*))(?:(?:and|also|plus|then)\s+)?"
    r"(?P<msg>(?:(?:an?|one)\s+|(?<=^)|(?<=\n)|(?<=[-*•][ \t]))(?:[\w'’-]+\s+){0,2}?"
    r"(?:e-?mail|text|sms|whatsapp|message|reminder))\s*,?\s+"
    r"(?:(?P<with>with\s+(?:an?\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+(?=to\s))?"
    r"(?P<to>to\s+(?:them|him|her|the\s+[\w-]+|each\s+[\w-]+|every\s+[\w-]+|[\w.%+-]+@[\w-]+(?:\.[\w-]+)+))\s*,?"
    r"(?=\s+(?:with|saying|about|that|containing|including)\b|\s*[.!?\n]|\s*$)",
    re.I | re.M,
)


def message_at(text: str) -> str:
    """`text` with a message sent 'at' a person or an address sent 'to' them (`_message_at`); 'email me,
    selam@x.com' (the user's own address said after them, between commas or in brackets) as 'email me at …'."""
    return _ME_THEN_ADDRESS.sub(r"\g<verb> \g<me> at \g<address>", _message_at().sub(r"\1 to ", text))


# 'email me, selam@injerahouse-dc.com', 'mail us (ops@x.io)': who is mailed, then their address in apposition
_ME_THEN_ADDRESS = re.compile(
    r"\b(?P<verb>e-?mail|mail)\s+(?P<me>me|us)\s*(?:,|—|–|\s-|\()\s*(?:(?:at|on)\s+)?"
    r"(?P<address>[\w.%+-]+@[\w-]+(?:\.[\w-]+)+)\)?",
    re.I,
)


@lru_cache(maxsize=1)
def _short_form_before_name() -> re.Pattern[str]:
    forms = sorted(lexicon()["short_forms_before_names"], key=len, reverse=True)
    # (a short form opening an aside, with a single-quoted name after it on its line: "(they're in the table 'Students')")
    return re.compile(
        r"(?:(?<=\()|(?<=\(\s)|(?<=[—–-]\s))("
        + "|".join(re.escape(f) for f in forms)
        + r")(?![\w'’])(?=[^\n]*?(?<![\w'’])'\w)",
        re.I,
    )


def short_forms_before_names(text: str) -> str:
    """ "send each student (they're in the Airtable table 'Students') a WhatsApp" → "… (they are in …) …": a short
    form whose apostrophe would open a quote ending at a quoted name's opening mark, said out in full
    (`lexicon.json` 'short_forms_before_names')."""
    forms = lexicon()["short_forms_before_names"]

    def said_out(m: re.Match[str]) -> str:
        full = forms[m.group(1).lower()]
        return full[0].upper() + full[1:] if m.group(1)[0].isupper() else full

    return _short_form_before_name().sub(said_out, text)


def quoted_apostrophes(text: str) -> str:
    """`text` with the apostrophe inside a single-quoted place name written ’ ("a Google Sheet called 'This Week's
    Catch' … read 'This Week's Catch'" → "… 'This Week’s Catch'"), so every reader of a quoted name finds the whole
    name, not 'This Week' and a stray 's Catch'; a name is a place's when one of its mentions is said with a place's
    noun (a subject or a message quoted, "subject 'This week's rota'", stays as written)."""
    names = {
        m.group(1)
        for m in _INNER_APOSTROPHE.finditer(text)
        if "'" in m.group(1)
        and (
            _PLACE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
            or _PLACE_AFTER.match(text, m.end())
        )
    }
    for name in names:
        text = text.replace(f"'{name}'", "'" + re.sub(r"(?<=\w)'(?=\w)", "’", name) + "'")
    return text


@lru_cache(maxsize=1)
def _owned_service() -> re.Pattern[str]:
    from lib.generation.translations import service_names

    rules = lexicon()["owned_services"]
    names = sorted((service_names() - set(rules["not_services"])) | set(rules["more"]), key=len, reverse=True)
    owners = set(rules["not_owners"]) | set(lexicon()["people"])
    not_owner = "|".join(sorted((re.escape(o) + "s?" for o in owners), key=len, reverse=True))
    return re.compile(
        # ("our powder coating shop's Supabase table": the owner said with 'our' too)
        r"\b(?:the|our|my)\s+(?!(?:" + not_owner + r")['’]s\b)(?:[\w&-]+\s+){0,2}?[\w&-]+['’]s\s+"
        r"(?=(?:" + "|".join(n.replace(" ", r"\s+") for n in names) + r")\b)",
        re.I,
    )


def owned_services(text: str) -> str:
    """'the smokehouse's Slack #orders channel', 'the crèche's Notion database' → 'our Slack …': a service said as
    the business's own is the user's (as 'our Slack …' reads), not a name in quotes from one apostrophe to the next
    ("the week's messages in the smokehouse's Slack" read "'s messages in the smokehouse'") and not an owner before
    the service its step reads (lexicon.json 'owned_services'; a person's or a time's, 'the customer's Gmail',
    'the week's Slack messages', stays as written); 'their Sim knowledge base' (notes about a client) is the workspace
    the workflow runs in, ours (`platforms`)."""
    platforms = "|".join(map(re.escape, lexicon()["owned_services"].get("platforms", [])))
    if platforms:
        text = re.sub(r"\b(?:their|his|her)\s+(?=(?:" + platforms + r")\s+\w)", "our ", text, flags=re.I)
    return _owned_service().sub("our ", text)


def bare_same(text: str) -> str:
    """'- AI summary saved to the Google Doc …\n- Same summary emailed to partners@…' → '… The same summary emailed
    …': notes that drop the article before 'same' still point at the thing made before (its answer, not a second
    one made again)."""
    return re.sub(
        r"(?m)(?:^|(?<=[.;!?:]\s))(?P<lead>[^\S\n]*(?:[-*•][^\S\n]*|\d+[.)][^\S\n]*)?)Same(?=\s+[a-z])",
        lambda m: m.group("lead") + "The same",
        text,
    )


def subset_also(text: str) -> str:
    """'- each repair → a Jira issue\n- gas or water leaks also → SMS to the lead' → '- if it is a gas or water
    leaks, also → SMS …': a note whose subject is some of the items, said with 'also' before the arrow to what is
    done, tests the item for them (the others get only what every item gets)."""
    return re.sub(
        r"(?m)^(?P<lead>[^\S\n]*(?:[-*•]|\d+[.)])[^\S\n]+)"
        r"(?!(?:i|we|they|you|he|she|it|this|that|these|those|each|every|all|any|and|then|also|if|when|for)\b)"
        r"(?P<np>[A-Za-z][\w'’-]*(?:[^\S\n]+[\w'’-]+){0,4}?)[^\S\n]+also[^\S\n]*(?=→|->|=>)",
        lambda m: f"{m.group('lead')}{_subset_test(m.group('np'))}, also ",
        text,
        flags=re.I,
    )


def _subset_test(np: str) -> str:
    """'gas or water leaks' → 'if it is a gas or water leaks'; 'anything mentioning fire or smoke', 'the ones about
    refunds' → 'if it mentions fire or smoke', 'if it mentions refunds'."""
    said = re.search(r"\b(?:mentioning|mentions?|about|with|containing|saying)\s+(?P<what>.+)$", np, re.I)
    return f"if it mentions {said.group('what')}" if said else f"if it is a {np}"


def posted_lead(text: str) -> str:
    """`text` without a first line that only says where it was posted ('Posted in #show-and-tell on the Sim community
    Discord: "…"', lexicon.json 'posted_leads'): where the writer asked is no place of the run."""
    lead = re.match(lexicon()["posted_leads"], text, re.I)
    if lead is None:
        return text
    rest = text[lead.end() :]
    # ('…: "I run a community choir … Possible?"': the post quoted whole is the request, without its quote marks)
    quoted = re.fullmatch(r"\s*[\"“](?P<said>[^\"“”]+)[\"”]\s*", rest)
    return quoted.group("said") if quoted else rest


_CHANNEL_EVENT = re.compile(
    r"\b(?:every|each|any|all)\s+(?:new\s+)?(?:messages?|posts?|questions?|requests?)\s+(?:posted\s+|sent\s+)?"
    r"(?:in|to|on|into)\s+(?:the\s+)?(?P<channel>#[\w-]+)(?:\s+channel)?",
    re.I,
)
# the chat services whose channels a heading names ('Kilbrannan Curling Club Discord: every message in #ask …')
_HEADED_CHATS = ("discord", "slack", "microsoft_teams", "telegram")


def labelled_sources(text: str) -> str:
    """'## Data\nSupabase table `cylinders` (scuba tanks) — columns: …', 'Source: the Airtable 'Stock' table': a place
    given under a label that says where the data comes from (lexicon.json 'source_labels'), named by its service
    without a verb, is read — 'Read the Supabase table `cylinders` …'."""

    def read(m: re.Match[str]) -> str:
        said = m.group("said")
        named = integrations_in(said)
        if not named or not re.match(
            r"\W*(?:(?:the|our|my|an?)\s+)?$", said[: max(0, named[0][0] - 1)], re.I
        ):
            return m.group(0)
        lead = re.match(r"\W*(?:(?:the|our|my|an?)\s+)?", said)
        return m.group("label") + "Read the " + said[lead.end() if lead else 0 :]

    labels = lexicon()["source_labels"]
    return re.sub(
        r"(?P<label>(?:^|(?<=\n))[ \t]*(?:#{1,6}[ \t]*(?:"
        + labels
        + r")[ \t]*:?[ \t]*\n[ \t]*(?:[-*•][ \t]+)?"
        r"|(?:[-*•][ \t]+)?(?:" + labels + r")[ \t]*:[ \t]*))(?P<said>[^\n]{3,200})",
        read,
        text,
        flags=re.I,
    )


def headed_channel(text: str) -> str:
    """'Kilbrannan Curling Club Discord: every message in #ask-the-club gets classified — …' → 'every message in
    #ask-the-club on Discord gets classified — …': a heading that names only where the chat is (a community and
    its chat service) tells which service's channel the event is in; the heading itself is no step."""
    head = re.match(r"\s*(?P<head>[^:\n]{2,80}?)\s*:\s+", text)
    if head is None or len(head.group("head").split()) > 8:
        return text
    named = integrations_in(head.group("head"))
    if len(named) != 1 or named[0][1] not in _HEADED_CHATS:
        return text
    at, key = named[0]
    said = head.group("head")[max(0, at - 1) :].strip()
    if len(said.split()) > 3 or re.search(
        r"\b(?:to|in|on|into|from|via|and|then|post|send|share|forward|use|using|with)\b",
        head.group("head"),
        re.I,
    ):
        return text  # ('Post to Slack: …' is a step, not a heading)
    rest = text[head.end() :]
    event = _CHANNEL_EVENT.search(rest)
    if event is None or event.start() > 40:
        return text
    own = re.match(r"\s*(?:on|in|of|at)\s+(?:(?:our|the|my)\s+)?(?:\S+\s*){1,3}", rest[event.end() :], re.I)
    if own and integrations_in(own.group(0)):
        return text  # the event names its service itself ('in #help on our Slack')
    return rest[: event.end()] + f" on {said}" + rest[event.end() :]


def ai_does_the(text: str) -> str:
    """'… I look at it, guess the species, and reply with the name. Could AI do the looking for me?' → '… use AI to look
    at it, guess the species, and reply …': the part of a routine the user hands to AI, named by its verb's '-ing'
    form, is that routine step done by an AI step; the question that hands it over asks for nothing else."""
    rules = lexicon()["ai_handoffs"]
    tools = "|".join(
        sorted((re.escape(t).replace(r"\ ", r"\s+") for t in rules["tools"]), key=len, reverse=True)
    )
    asked = _handed_to_ai(
        tools,
        60,
        r"(?:the|that|this|my|our)\s+(?P<g>[a-z]{3,}ing)\b(?:\s+(?:part|bit|step))?(?:\s+for\s+(?:me|us))?"
        r"[^.!?\n]{0,20}?[.!?]?",
    )
    found = asked.search(text)
    if found is None:
        return _ai_does_it_all(text, tools)
    gerund = found.group("g").lower()[:-3]
    stems = {gerund, gerund + "e"} | (
        {gerund[:-1]} if len(gerund) > 2 and gerund[-1] == gerund[-2] else set()
    )
    verb = r"(?:" + "|".join(sorted(map(re.escape, stems), key=len, reverse=True)) + r")"
    done = list(re.finditer(r"\b(?:(?:i|we)\s+)?" + verb + r"(?:s|es)?\b", text[: found.start()], re.I))
    if not done:
        return text
    at = done[-1]
    bare = re.sub(r"^(?:i|we)\s+", "", at.group(0), flags=re.I)
    return text[: at.start()] + "use AI to " + bare + text[at.end() : found.start()] + text[found.end() :]


def _handed_to_ai(tools: str, lead: int, what: str) -> re.Pattern[str]:
    """The question that hands work to AI ('Could AI do the looking for me?', 'Can AI handle that?'): up to `lead`
    characters of the sentence, an AI's name, a verb of taking work over, and `what` is handed over."""
    return re.compile(
        r"(?P<ask>(?:^|(?<=[.!?\n]))[^.!?\n]{0,"
        + str(lead)
        + r"}?\b(?:"
        + tools
        + r")\s+(?:to\s+)?(?:do|handle|take\s+over|take\s+care\s+of|cover)\s+"
        + what
        + ")",
        re.I,
    )


def _ai_does_it_all(text: str, tools: str) -> str:
    """'… I read it, put the lesson into Google Calendar and reply in Teams. Could AI do that for me?' → '… use AI to
    read it, put …': the whole routine handed to AI ('do that', 'handle this') makes its first step of reading or
    working out what came (lexicon.json 'ai_handoffs' 'read_verbs') an AI step; the question asks for nothing else."""
    asked = _handed_to_ai(
        tools, 40, r"(?:all\s+)?(?:that|this|it)(?:\s+for\s+(?:me|us))?\s*(?:instead|now)?\s*[.!?]?"
    )
    found = asked.search(text)
    if found is None or re.search(r"\b(?:" + tools + r")\b", text[: found.start()], re.I):
        return text  # (AI already named in the steps: what it does is said there)
    verbs = "|".join(
        sorted(
            (re.escape(v).replace(r"\ ", r"\s+") for v in lexicon()["ai_handoffs"]["read_verbs"]),
            key=len,
            reverse=True,
        )
    )
    # the routine's step, after a pause or the start of its clause ('…, read it, put …', '… channel, read it and add …')
    done = re.search(
        r"(?:^|(?<=[,;:\n])|(?<=[,;:]\s)|(?<=\bthen\s)|(?<=\band\s))\s*(?P<v>(?:" + verbs + r"))(?:s|es)?\s+"
        r"(?=(?:it|them|each|every|the|that|this|these|those)\b)",
        text[: found.start()],
        re.I,
    )
    if done is None:
        return text
    at = done.start("v")
    return text[:at] + "use AI to " + text[at : found.start()].rstrip() + text[found.end() :]


def ai_handoffs(text: str) -> str:
    """'I copy the description, paste it into ChatGPT to get three style suggestions, save them …' → '…, use AI to get
    three style suggestions, …': the work a chat AI does for the user by hand is an AI step (lexicon.json
    'ai_handoffs': the verbs that put the text in, the chat AIs' names, and what follows the name — 'to <verb>',
    'for <thing>', 'and get <thing>')."""
    rules = lexicon()["ai_handoffs"]
    verbs = "|".join(sorted(map(re.escape, rules["verbs"]), key=len, reverse=True))
    tools = "|".join(
        sorted((re.escape(t).replace(r"\ ", r"\s+") for t in rules["tools"]), key=len, reverse=True)
    )
    asks = rules["asks"]
    said = "|".join(sorted((re.escape(a).replace(r"\ ", r"\s+") for a in asks), key=len, reverse=True))
    pattern = re.compile(
        r"\b(?:" + verbs + r")\s+(?:[^\s,.;:!?]+\s+){0,6}?(?:into|in|through|to)\s+(?:the\s+)?"
        r"(?:" + tools + r")\s+(?P<ask>" + said + r")\s+(?=[a-z])",
        re.I,
    )

    def used(m: re.Match[str]) -> str:
        verb = asks[" ".join(m.group("ask").lower().split())]
        return "use AI to " + (verb + " " if verb else "")

    return pattern.sub(used, text)


@lru_cache(maxsize=1)
def _scope_out_tables() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """The scope-out line reader, the trailing 'X is out of scope' reader and the verbs a ban may name."""
    rules = lexicon()["scope_out"]
    labels = "|".join(rules["labels"])
    line = re.compile(
        r"(?im)^(?P<lead>[ \t]*(?:[-*•>]\s*|#{1,4}\s*)?(?:\*\*|__)?)(?:" + labels + r")"
        # ('Out of scope for v1:', 'Non-goals (this ticket):')
        r"(?:\s+(?:for|in)\s+(?:the\s+|this\s+)?[\w.-]{1,12}(?:\s+[\w.-]{1,12})?)?(?:\*\*|__)?"
        r"\s*(?:\([^)\n]{0,40}\)\s*)?(?:\*\*|__)?\s*(?:[:–—-][ \t]*(?:\*\*|__)?[ \t]*(?P<items>[^\n]*)|(?P<items2>)(?=\n))"
    )
    trailing = re.compile(
        # ('If the amount is not allowed, …': a case, not a ban)
        r"(?im)(?:^|(?<=[.!?])\s+|(?<=\n))[ \t]*(?:[-*•]\s*|\(?(?:[A-Z]\.)?\d+(?:\.\d+)*[.):]?\s+)?"
        r"(?P<items>(?!(?:if|when|whenever|where|unless|once|whether)\b)[A-Za-z][^.!?\n:]{2,160}?)\s+"
        + rules["trailing"]
        + r"\b[^.!?\n]*[.!]?"
    )
    verbs = {
        v.lower()
        for v in [
            *lexicon()["routine_verbs"],
            *lexicon()["doers"]["verbs"],
            *(w for words in lexicon()["operation_verbs"].values() for w in words),
            *rules.get("verbs", []),
        ]
    }
    return line, trailing, frozenset(verbs)


# words in -ing that are no verb's -ing form ('anything', 'the morning')
_ING_NOUNS = r"\w*thing|morning|evening|during|string|spring|bring|ceiling|pudding|wedding|offspring"


def _verb_of_gerund(word: str, verbs: frozenset[str]) -> str | None:
    """'updating' → 'update', 'posting' → 'post', 'getting' → 'get', 'paying' → 'pay'; None when `word` is no -ing
    form of a verb: a verb the lexicon knows first, else the usual spelling rules."""
    low = word.lower()
    if "-" in low:  # 'auto-assigning' → 'auto-assign', 're-sending' → 're-send'
        head, _, last = word.rpartition("-")
        base = _verb_of_gerund(last, verbs)
        return head + "-" + base if base else None
    if not low.endswith("ing") or len(low) < 5 or re.fullmatch(_ING_NOUNS, low):
        return None
    stem = low[:-3]
    candidates = [stem, stem + "e"]
    if re.search(r"([bdgkmnprtz])\1$", stem):
        candidates.append(stem[:-1])
    known = next((c for c in candidates if c in verbs), None)
    if known is None:
        if re.search(r"([bdgkmnprtz])\1$", stem):
            known = stem[:-1]  # 'dropping', 'submitting'
        elif re.search(
            r"(?:[^aeiou]at|[aeiou]s|[^aeiou][aiu]r|uir|[^aeiou][aeiou][kc]|[^n]g|[^aeiou]id|ud|ib|ul|[^aeiou]in|v|z|c)$",
            stem,
        ):
            known = stem + "e"  # 'translating', 'closing', 'sharing', 'invoking', 'charging', 'deciding' …
        else:
            known = stem
    return word[0] + known[1:] if word[:1].isupper() else known


def _ban(items: str) -> str:
    """'editing or closing issues in Linear' → "Don't edit or close issues in Linear.", 'SMS reminders (separate
    ticket)' → 'No SMS reminders (separate ticket).', 'paying anything, or writing back to QuickBooks' → "Don't pay
    anything. Don't write back to QuickBooks.": each item of a scope-out list as the ban it is."""
    _, _, verbs = _scope_out_tables()
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(items):
        depth += ch in "([" and 1 or ch in ")]" and -1 or 0
        if ch in ",;" and depth <= 0:
            parts.append(items[start:i])
            start = i + 1
    parts.append(items[start:])
    out = []
    for part in parts:
        item = re.sub(r"^\s*(?:(?:or|and|nor|also|plus)\s+)+", "", part).strip().rstrip(".!")
        if not re.search(r"\w", item):
            continue
        if re.match(r"(?:no|not|never|none|nothing|don['’]?t|do\s+not|without)\b", item, re.I):
            out.append(item[0].upper() + item[1:] + ".")
            continue
        gerund = _verb_of_gerund(item.split()[0], verbs) is not None
        item = re.sub(
            r"(^|\b(?:or|and|nor)\s+)([A-Za-z]+(?:-[A-Za-z]+)*ing)\b",
            lambda m: m.group(1) + (_verb_of_gerund(m.group(2), verbs) or m.group(2)),
            item,
        )
        first = item.split()[0]
        if gerund or first.lower() in verbs and not (first[:1].isupper() and integrations_in(first)):
            # (not 'Slack alerts', 'WhatsApp messages': a service's name before what it sends)
            out.append("Don't " + item[0].lower() + item[1:] + ".")  # 'updating the pages', 'create a card'
        else:
            noun = re.sub(r"^(?:the|a|an|any|our|my|their)\s+", "", item, flags=re.I)
            out.append("No " + noun + ".")  # 'SMS reminders', 'the Slack post'
    return " ".join(out)


def _listed_below(text: str, line: re.Pattern[str]) -> str:
    """'Out of scope:\\n- posting to Slack\\n- editing the sheet', '## Non-goals\\n* SMS': a scope-out label on a
    line of its own (a heading too), and the bulleted or numbered lines under it, each read as its ban."""
    out, at = [], 0
    for m in line.finditer(text):
        if re.search(r"\w", m.group("items") or ""):
            continue
        items = re.match(r"(?:\n[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+[^\n]*)+", text[m.end() :])
        if items is None and "#" in m.group("lead"):
            # ('## Out of scope\nEmail.'): under a heading, its plain lines up to the next heading or blank line
            items = re.match(r"(?:\n[ \t]*(?![#\s])[^\n]*)+", text[m.end() :])
        if items is None:
            continue
        below = re.sub(
            r"(\n[ \t]*(?:(?:[-*•]|\d{1,2}[.)])[ \t]+)?)(?=[^\s#])([^\n]*)",
            lambda b: b.group(1) + (_ban(b.group(2)) or b.group(2)),
            items.group(0),
        )
        out.append(text[at : m.end()] + below)
        at = m.end() + items.end()
    return "".join(out) + text[at:]


def builder_asides(text: str) -> str:
    """'If Sim can't do the transcription part, just say so.', 'If that lookup isn't something Sim can do, tell me.':
    a word to whoever builds the workflow about what it may not manage is no test the run makes; the sentence is
    blanked (spaces, so every position stays) — the report says what was not built (lexicon.json 'builder_aside')."""
    # ('Have you worked with HubSpot webhooks?', 'Please tell us which search API you'd use': a job brief's question
    # to those who apply — lexicon.json 'applicant_questions' — is blanked the same way)
    # ('see thread - …', "Priya's last reply is the plan", 'can you automate what Nadia describes below?': a forwarder's
    # note points at what the thread asks — lexicon.json 'thread_notes' — and is blanked the same way)
    # ('because someone on Discord told me that's how you do it': where advice came from — lexicon.json 'hearsay' — is
    # no service of the run, blanked the same way; so is 'Let me know when it's live.', an answer asked of the builder —
    # 'builder_replies' — and 'I know Sim can talk to Notion and Teams', what Sim connects to — 'capability_claims'; 'if it's
    # not too complicated', a hedge on the ask — 'builder_hedges'; '- maybe: email the clients …?', a note's idea —
    # 'tentative_ideas')
    for pattern in [
        lexicon()["builder_aside"],
        lexicon()["hearsay"],
        *lexicon()["builder_replies"],
        lexicon()["capability_claims"],
        *lexicon()["applicant_questions"],
        *lexicon()["thread_notes"],
        *lexicon()["builder_hedges"],
        *lexicon()["tentative_ideas"],
    ]:
        text = re.sub(pattern, lambda m: " " * len(m.group(0)), text, flags=re.I)
    # ('Anyone got Sim working with Notion + Gmail?': a forum post's question to its readers — 'reader_questions' — asks
    # for no step, but the services it names are those the post works with: 'We use Notion and Gmail.', told)
    for pattern in lexicon()["reader_questions"]:
        text = re.sub(pattern, partial(_services_told, text=text), text, flags=re.I)
    return text


def _services_told(question: re.Match[str], text: str) -> str:
    """A reader's question as the services it names that the rest of `text` does not, told ('We use HubSpot.'),
    padded to its length; blank when it names none."""
    from lib.generation import services

    said = question.group(0)
    rest = text[: question.start()] + " " * len(said) + text[question.end() :]
    again = {key for _, key in integrations_in(rest) + services.external_in(rest)}
    # (a name from where its word starts, as the user wrote it: 'Notion', 'Google Sheets')
    starts = [
        at - len(re.findall(r"[\w.+-]*$", said[:at])[0])
        for at, key in sorted(integrations_in(said) + services.external_in(said))
        if key not in again
    ]
    found = (re.findall(r"^[\w.+-]+(?:\s+[A-Z][\w-]*)?", said[at:]) for at in starts)
    names = list(dict.fromkeys(f[0] for f in found if f))
    told = f" We use {' and '.join(names)}." if names else ""
    return told.ljust(len(said)) if len(told) <= len(said) else " " * len(said)


def event_leads(text: str) -> str:
    """'Ciarán - so when a patient books through Calendly we'd send them a text …': whom a message addresses and a
    filler before the event it proposes, at a sentence's start, are blanked (lexicon.json 'event_leads'), so the
    sentence opens on its event as a request does (every position stays)."""
    return re.sub(lexicon()["event_leads"], lambda m: " " * len(m.group(0)), text, flags=re.I)


@lru_cache(maxsize=1)
def _passive_ban() -> re.Pattern[str]:
    """The reader of a ban said in the passive (lexicon.json scope_out 'passive_modals', 'participles')."""
    rules = lexicon()["scope_out"]
    participles = "|".join(sorted((re.escape(p) for p in rules["participles"]), key=len, reverse=True))
    modals = rules["passive_modals"]
    none = rules["none_moves"]
    return re.compile(
        # at a clause's start (after a clause number, a bullet or a semicolon): its subject, a few words
        r"(?im)(?P<lead>(?:^|(?<=[.!?;:])\s+|(?<=\n))[ \t]*(?:[-*•]\s*|\(?(?:[A-Z]\.)?\d+(?:\.\d+)*[.):]?\s+)?)"
        r"(?P<subject>(?!(?:if|when|whenever|where|unless|once|whether|it|this|that|they|he|she)\b)"
        rf"[A-Za-z][\w'’/-]*(?:\s+(?!(?:{modals}|is|are|was|were|be|been|has|have|had|do|does)\b)[\w'’/-]+){{0,7}}?)"
        rf"\s+(?:(?:(?P<modal>{modals})\s+(?P<neg>not|never)\s+|(?P<modal2>{modals})\s+)be\s+(?P<done>{participles})"
        # ('nothing goes to Slack', 'no alert is sent to Teams': of a subject of none only, in the present)
        rf"|(?:{none['present']})\s+(?P<now>{participles})|(?P<moves>{none['moves']}))"
        r"\b(?P<tail>[^.!?;\n]*)"
    )


def _passive_bans(text: str) -> str:
    """'Incident details shall not be posted to Microsoft Teams.' → "Don't post incident details to Microsoft
    Teams.", 'Nothing may be posted to X' → "Don't post anything to X", 'No SMS shall be sent to patients' →
    "Don't send any SMS to patients": a ban said in the passive, as the active ban the planner reads (what may
    still be done, 'The summary shall be posted …', stays as written)."""
    verbs = lexicon()["scope_out"]["participles"]

    def active(m: re.Match[str]) -> str:
        subject = m.group("subject")
        none = re.fullmatch(r"(?i)(?:nothing|none|no\s+(?P<what>.+))", subject)
        if m.group("neg") is None and none is None:
            return m.group(0)  # 'The summary shall be posted …', 'the summary goes to Slack': asked for
        if m.group("done") is None and (
            m.group("tail").strip() == "" or re.match(r"\s*(?:un|with)", m.group("tail"))
        ):
            return m.group(
                0
            )  # 'nothing goes unanswered', 'no message is sent without a review': no place banned
        if m.group("neg") is not None and none is not None:
            return m.group(0)  # 'nothing shall not be …': no plain ban
        thing = (
            ("any " + none.group("what")) if none and none.group("what") else "anything" if none else subject
        )
        if not none and subject[:1].isupper() and not integrations_in(subject.split()[0]):
            thing = subject[0].lower() + subject[1:]
        tail = m.group("tail")
        if not none:
            # 'Salary information shall not be posted to Slack' where a welcome is posted to Slack: what the
            # messages there hold, not a ban on the place ('Don't include salary information in Slack')
            rest = text[: m.start("subject")] + " " + text[m.end() :]
            said = {key for _, key in integrations_in(rest)}
            places = [key for _, key in integrations_in(tail)]
            if places and all(key in said for key in places):
                into = re.search(r"\b(?:to|in|into|on|via|through|by)\s", tail)
                where = tail[into.end() :] if into else tail
                return m.group("lead") + "Don't include " + thing + " in " + where.strip()
        done = m.group("done") or m.group("now")
        verb = verbs[done.lower()] if done else "send"
        return m.group("lead") + "Don't " + verb + " " + thing + tail

    return _passive_ban().sub(active, text)


# 'For the record, we also use Xero for invoices and Sage for payroll, but neither is involved here.', 'We've got Teams
# too — not part of this.': services told of and said to play no part in the run
_UNINVOLVED = re.compile(
    r"(?:\b(?:neither|none)(?:\s+of\s+(?:them|these|those|which))?\s+(?:is|are)"
    r"|\b(?:it|they|that|those|these|both)\s*(?:['’]re|['’]s|\s+is|\s+are)\s+(?:both\s+)?not"
    r"|\b(?:it|they|that|those|these)\s+(?:isn['’]t|aren['’]t)|(?:^|[,;—–-])\s*(?:but\s+)?not)"
    r"\s+(?:involved|part\s+of\s+(?:this|it|that)|needed|relevant|used)\b(?:\s+(?:here|in\s+this|for\s+this))?",
    re.I,
)


def uninvolved_services(text: str) -> str:
    """`text` without a sentence that names services only to say they play no part ('… we also use Xero and Sage,
    but neither is involved here'): told for the record, no step of them (a sentence that asks a step too stays)."""
    out = text
    for sentence in re.findall(r"[^.!?\n]+[.!?]?", text):
        said = _UNINVOLVED.search(sentence)
        if said is None or not integrations_in(sentence[: said.start()]) and not _external_named(sentence):
            continue
        if re.search(
            r"(?:^|[,;:]\s*|\b(?:and|then|just|only)\s+)(?:post|send|e-?mail|add|create|log|update|write|save|text|"
            r"notify|message|upload|append|put|read|check|pull|fetch)\b",
            sentence[: said.start()],
            re.I,
        ):
            continue  # ('Post the summary to Slack, the email is not needed': a step asked, beside the one declined)
        out = out.replace(sentence, " " * len(sentence), 1)
    return out


def _external_named(text: str) -> bool:
    from lib.generation.services import external_in

    return bool(external_in(text))


def scoped_out(text: str) -> str:
    """ "Out of scope: updating the Notion pages." → "Don't update the Notion pages.", 'Non-goals: SMS.' → 'No
    SMS.', 'Booking anything or emailing the client is out of scope.' → "Don't book anything or email the client.":
    what a ticket says it will not do (lexicon.json 'scope_out') read as the bans the planner already knows, so it
    builds nothing and rules out only what it names. The rest of the line after the list's sentence stays as written
    ('Out of scope: changing anything in the TMS. Definition of done: …')."""
    line, trailing, _ = _scope_out_tables()

    def listed(m: re.Match[str]) -> str:
        items = m.group("items") or ""
        if not re.search(r"\w", items):
            return m.group(
                0
            )  # 'Out of scope:' on a line of its own: the lines listed below it (`_listed_below`)
        end = re.search(r"(?<!\be\.g)(?<!\bi\.e)[.!](?=\s|$)", items)
        said, rest = (items[: end.end()], items[end.end() :]) if end else (items, "")
        banned = _ban(said)
        return m.group("lead") + banned + rest if banned else m.group(0)

    text = _listed_below(line.sub(listed, _passive_bans(text)), line)
    return trailing.sub(
        lambda m: m.group(0)[: m.start("items") - m.start()] + (_ban(m.group("items")) or m.group(0)), text
    )


# "don't reply, forward or delete anything in Gmail": a negation, then a list of verbs it governs
_NEGATED_LIST = re.compile(
    r"(?P<neg>\b(?:don['’]?t|do\s+not|never|must\s+not|mustn['’]t|should\s+not|shouldn['’]t)\s+)"
    r"(?P<first>[a-z]+)(?P<rest>(?:\s*,\s*[a-z]+)+(?:\s*,?\s*(?:or|and|nor)\s+[a-z]+)?)\b",
    re.I,
)


# "Never announce it on X or Discord — we do that by hand.": a ban, then after a dash the reason, a clause of its own
_BAN_THEN_REASON = re.compile(
    r"((?:^|(?<=[.!?\n]))[^.!?\n]*?\b(?:never|don['’]t|do\s+not|no)\b[^.!?\n—–]*?)\s+(?:—|–|--?)\s+"
    r"(?=(?:we|i|they|she|he|our\s+[\w-]+|someone|the\s+[\w-]+\s+team)\s+(?:do|does|handle|handles|will|post|'ll|already)\b)",
    re.I,
)


def ban_reasons(text: str) -> str:
    """ "Never announce it on our channels (X or Discord) — we do that by hand." → "… (X or Discord). we do that by
    hand.": the reason after a ban's dash is a sentence of its own, no test on the ban's items."""
    text = _BAN_THEN_REASON.sub(r"\1. ", text)
    # ('… on our public channels (X or Discord)': the services in brackets are the channels — the ban is on them)
    return _CHANNELS_NAMED.sub(
        lambda m: f"{m.group(1)} {m.group(2)}" if integrations_in(m.group(2)) else m.group(0), text
    )


_CHANNELS_NAMED = re.compile(
    r"\b(on|to|in|via)\s+(?:our|the|my|any\s+of\s+our)\s+(?:[\w-]+\s+){0,2}?(?:channels?|accounts?|socials?|"
    r"social\s+media|pages?|feeds?|platforms?)\s+\(([^()\n]{1,60})\)",
    re.I,
)


def negated_lists(text: str) -> str:
    """ "Don't reply, forward or delete anything in Gmail." → "Don't reply, don't forward or delete anything in
    Gmail.": a negation governs each verb of the list after it, so no verb of it is read as a step of its own (each
    item after a comma gets the negation written again; the words are the lexicon's verbs)."""
    _, _, verbs = _scope_out_tables()

    def listed(m: re.Match[str]) -> str:
        words = re.findall(r"[a-z]+", m.group("rest").lower())
        if not all(w in verbs or w in ("or", "and", "nor") for w in [m.group("first").lower(), *words]):
            return m.group(0)
        rest = re.sub(
            r",(?!\s*(?:or|and|nor)\b)\s*", lambda c: c.group(0) + "don't ", m.group("rest"), flags=re.I
        )
        return m.group("neg") + m.group("first") + rest

    return _NEGATED_LIST.sub(listed, text)


# 'Quiero un chat para los clientes de X, nuestra tienda: que responda dudas …' → 'a chat for …: that reply
# questions …': a relative clause after a colon still says what the thing built does (read as after a comma)
_COLON_THAT = re.compile(
    r"\b((?:chat\s?bots?|chats?|bots?|assistants?|agents?|workflows?|automations?)\b[^.!?:\n]{0,80}?)"
    r"\s*:\s+(?=(?:that|which)\s+[a-z])",
    re.I,
)


def relative_to_steps(text: str) -> str:
    """'a chat assistant that translates whatever I type' → 'a chat assistant: translate whatever I type', 'I
    want an AI to review the changes' → 'an AI: review the changes': what the thing to build does, written as a
    relative clause or an infinitive, read as its step."""
    text = _COLON_THAT.sub(r"\1, ", text)
    text = _MODEL_TO.sub(lambda m: f"{m.group(1)}: ", text)

    out, at = [], 0
    for m in _WHAT_IS_BUILT.finditer(text):
        end = _SENTENCE_STOP.search(text, m.end())
        at_end = end.start() if end else len(text)
        # ('a workflow that checks our competitors' pricing pages and tells me what changed': the verbs joined after
        # it in its sentence are steps too)
        joined = _JOINED_THIRD.sub(_joined_verb, text[m.end() : at_end])
        out += [
            text[at : m.start()],
            f"{m.group(1)}: {m.group(2)}{_THIRD_PERSON[m.group(3).lower()]}",
            joined,
        ]
        at = at_end
    text = "".join(out) + text[at:]
    # ('something that every morning at 7 checks the weather api and whatsapps me if …': words between the relative
    # pronoun and its first verb; the verbs joined after it are steps all the same)
    out, at = [], 0
    for m in _BUILT_THAT.finditer(text):
        if m.start() < at:
            continue
        end = _CLAUSE_END.search(text, m.end())  # (not a dot inside an address: 'api.openweathermap.org')
        at_end = end.start() if end else len(text)
        joined = _JOINED_THIRD.sub(_joined_verb, text[m.end() : at_end])
        out += [text[at : m.end()], joined]
        at = at_end
    return "".join(out) + text[at:]


_SENTENCE_STOP = re.compile(r"[.;!?\n]")
_CLAUSE_END = re.compile(r"[;!?\n]|\.(?!\w)")
# 'something that …', 'a bot which …': what to build, told by a relative clause
_BUILT_THAT = re.compile(
    r"\b(?:something|a\s+thing|(?:chat ?bots?|bots?|assistants?|agents?|workflows?|automations?|pipelines?|scripts?|"
    r"zaps?|flows?|tools?|systems?|buttons?))"
    # ('a flow I run by hand that reads all rows …', 'a button I press myself that …': how it is started, said
    # between the thing and its clause)
    r"(?:\s+(?:i|we)\s+(?:can\s+|could\s+|will\s+)?(?:run|start|trigger|launch|kick\s+off|press|click|hit|tap)(?:\s+it)?"
    r"(?:\s+(?:by\s+hand|manually|myself|ourselves|on\s+demand|whenever\s+(?:i|we)\s+(?:want|like|need)))?)?"
    # ('a button I press myself — manual — that …': an aside set off by dashes)
    r"(?:\s+[—–-]\s+[^—–\n]{1,30}?\s+[—–-])?"
    r"\s+(?:that|which)\s",
    re.I,
)


@lru_cache(maxsize=1)
def _joined_verbs() -> dict[str, str]:
    """The third person of every verb a routine or the bot is told with ('tells' → 'tell')."""
    verbs = set(lexicon()["routine_verbs"]) | set(lexicon()["doer_verbs"])
    return {_third_person(v): v for v in verbs}


def _joined_verb(j: re.Match[str]) -> str:
    """A verb joined after a relative clause's first, as the step it names: 'tells' → 'tell'; 'has' ('…, has AI
    draw the pairings') → 'have' only before the AI it hands the step to (lexicon.json doers 'delegating')."""
    word = j.group(2).lower()
    handing = lexicon()["doers"]["delegating"]
    ais = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(handing["to"], key=len, reverse=True))
    if word in handing["forms"] and re.match(r"\s+(?:" + ais + r")\b", j.string[j.end() :], re.I):
        return j.group(1) + handing["forms"][word]
    return j.group(1) + _joined_verbs().get(word, j.group(2))


# '… and tells me', ', then emails the team': a verb joined after the one a relative clause names
_JOINED_THIRD = re.compile(r"(\s(?:and|then|and\s+then)\s+|,\s+(?:then\s+)?)([a-z]+s)\b", re.I)


# '<category> go(es) to <place>': one destination per kind of item, said as where each kind goes
_GOES = (
    r"(?:go|goes|should\s+go|get\s+sent|gets\s+sent|are\s+sent|is\s+sent|get\s+posted|gets\s+posted|are\s+posted|"
    r"is\s+posted|get\s+routed|gets\s+routed|are\s+routed|is\s+routed|get\s+forwarded|are\s+forwarded)"
)
_ROUTE_ITEM = re.compile(
    r"(?P<cat>[^,;:.()]{1,50}?(?:\s*\((?P<vals>[^()]{1,60})\))?)\s+"
    + _GOES
    + r"\s+(?:straight\s+)?(?:to|into|in|onto|on)\s+"
    r"(?P<dest>[^,;.]{1,80}?)\s*(?=$|[,;.]\s*(?:and\s+)?|\s+and\s+)",
    re.I,
)
# 'e-bikes I put in the Google Calendar …': what the user does with a kind, said as where it goes
_ROUTE_DONE_BY_ME = re.compile(
    # (its 'I' may be gone already: 'e-bikes put in …', the routine read as steps)
    # ('enterprise ones, put in …': or a comma where it stood)
    r"(?<=\w)(?:,\s+|\s+)(?:(?:i|we)\s+)?(?:(?:always|usually|just)\s+)?(?:put|add|log|file|book|enter|place|drop|move|list)\s+"
    r"(?=(?:in|into|to|on|onto)\s)",
    re.I,
)
# ', everything else in 'Main Bay'', ', the rest on 'Dining Room'': the rest, its verb left out
_ROUTE_REST_ELIDED = re.compile(
    r"(?<=[,;]\s)((?:and\s+)?(?:(?:anything|everything)\s+else|the\s+rest|(?:all\s+)?(?:the\s+)?others))\s+"
    r"(?=(?:in|into|to|on|onto)\s)",
    re.I,
)
# ', and either way I text the customer …', '; in both cases …': what is done whatever the kind, after the routes
_EITHER_WAY_AFTER = re.compile(
    r"\s*[,;]\s*(?:and\s+)?(?=(?:either\s+way|in\s+(?:any|either|both)\s+cases?|regardless|no\s+matter\s+what)\b)",
    re.I,
)
_ROUTE_REST = re.compile(
    r"^(?:and\s+)?(?:(?:anything|everything|everyone|anyone|all)\s+else|the\s+rest|(?:all\s+|any\s+)?(?:the\s+)?others?"
    r"(?:\s+[\w-]+)?|(?:all|any)\s+other\s+[\w-]+)$",
    re.I,
)
_STORES = re.compile(
    r"\b(?:sheet|tab|table|database|base|list|board|backlog|project|airtable|notion|spreadsheet|calendar)\b",
    re.I,
)


# 'Depending on whether it's a pothole, a broken light or fly-tipping it should go to a different team: a@…, b@… and
# c@…', 'bugs, billing and sales questions go to #dev, #billing and #sales respectively': kinds listed, then as many
# destinations in the same order
_LIST_SEP = r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+"
_PAIRED_ROUTES = re.compile(
    r"\b(?:depending\s+on|based\s+on)\s+(?:whether|if)\s+(?:it|they|the\s+[\w-]+)(?:['’]s|['’]re|\s+is|\s+are)\s+"
    r"(?P<cats>[^.;:!?\n]+?)\s*,?\s+(?:(?:it|they|each(?:\s+one)?|the\s+[\w-]+)\s+)?"
    r"(?:(?:should|must|will|needs?\s+to|has\s+to)\s+)?go(?:es)?\s+to\s+(?:a\s+)?(?:different|separate|its\s+own|their\s+own)\s+"
    r"(?P<noun>[\w-]+(?:\s+[\w-]+){0,2}?)\s*[:–—-]\s*"
    r"(?P<dests>[^;!?\n]+?)(?P<end>\s*(?:[.!?;](?=\s|$)|\n|$))"
    r"|(?:(?<=^)|(?<=[.!?:]\s)|(?<=\n))(?P<cats2>[^.;:!?\n]+?)\s+(?:go|should\s+go|are\s+sent|get\s+sent)\s+(?:to|into)\s+"
    r"(?P<dests2>[^;!?\n]+?),?\s+respectively(?P<end2>\s*(?:[.!?;](?=\s|$)|\n|$))",
    re.I | re.M,
)


def category_routes(text: str) -> str:
    """'… a priority of P1, P2 or P3. For P1 incidents the Solution SHALL post to … and …; For P2 incidents post to
    …; For P3 incidents add a row to …' → '… P1 incidents: post to … and …; P2 incidents: post to …; …': kinds listed
    (three or more, lexicon.json 'category_routes'), then a clause per kind that opens on 'for <kind>', are the
    routes of one router, written as the router reader reads them; without that, each clause was a test of its own
    (or the first kind's only)."""
    rules = lexicon()["category_routes"]
    cats: list[str] = []
    for m in re.finditer(rules["lists"], text, re.I):
        said = re.match(r"[^.;:\n]{3,200}", text[m.end() :])
        items = (
            [re.sub(r"^[\"'‘“]|[\"'’”]$", "", i).strip() for i in _split_list(said.group(0))] if said else []
        )
        if len(items) >= 3 and all(0 < len(i.split()) <= 4 for i in items):
            cats += items
    if len(cats) < 3:
        return text
    alts = "|".join(re.escape(c) for c in sorted(set(cats), key=len, reverse=True))
    doer = rules["doer"]
    kind = rf"(?:{alts})(?:e?s)?(?:\s+(?!{doer})[a-z][\w-]*)?"
    clause = re.compile(
        r"(?P<lead>(?:^|[.;!?\n]|\s[-–—]\s)\s*(?:[-*•]\s*|\d+(?:\.\d+)*\.?\s+)?)"
        # (not 'for sales, he adds …': a kind set off by its comma is read as a route where it stands)
        rf"for\s+(?:all\s+|any\s+)?(?P<kind>{kind})\s+(?:{doer}\s+)?(?=[a-z][\w-]*\s)",
        re.I,
    )
    if len({m.group("kind").lower() for m in clause.finditer(text)}) < 2:
        return text
    return clause.sub(lambda m: f"{m.group('lead')}{m.group('kind')}: ", text)


def paired_routes(text: str) -> str:
    """'Depending on whether it's a pothole, a broken streetlight or fly-tipping it should go to a different team:
    highways@…, lighting@… and waste@…' → 'Route it by category: pothole to highways@…; broken streetlight to
    lighting@…; fly-tipping to waste@….': kinds and destinations said as two lists of one length, paired in
    order, are routes (each kind its own destination), not one send to every address."""

    def paired(m: re.Match[str]) -> str:
        dests = _split_list(m.group("dests") or m.group("dests2"))
        said, lead = m.group("cats") or m.group("cats2"), ""
        cats = _split_list(said)
        while m.group("cats2") and len(cats) > len(dests) and "," in said:
            # ('When a ticket comes in, bugs, billing and sales questions go to …': the clause before the kinds)
            head, _, said = said.partition(",")
            lead, cats = f"{lead}{head}, ", _split_list(said)
        if len(cats) < 2 or len(cats) != len(dests):
            return m.group(0)
        # ('for a dog', 'about shipping'): the kind itself, quoted so no word of it reads as a verb ('book suggestion')
        cats = [
            re.sub(r"^(?:(?:about|for|regarding|concerning)\s+)?(?:(?:an?|the)\s+)?", "", c, flags=re.I)
            for c in cats
        ]
        cats = [f'"{c}"' if "'" in c else f"'{c}'" for c in cats]
        # '… +44 7700 900111, … and +44 7700 900333 by SMS': how the last is sent is how each is
        how = re.search(r"\s+(?:by|via|over|on|in)\s+[\w#-]+(?:\s+[\w-]+)?$", dests[-1])
        if how and not any(how.group(0).strip() in d for d in dests[:-1]):
            dests = [d + how.group(0) for d in dests[:-1]] + [dests[-1]]
        # ("… a different Teams channel: 'Shipping Desk', …": a name given alone is one of that noun)
        noun = m.group("noun")
        dests = [f"the {noun} {d}" if noun and d[:1] in "'\"‘“" else d for d in dests]
        # one route a clause ('and' would join two)
        routes = "; ".join(f"{c} to {d}" for c, d in zip(cats, dests))
        end = m.group("end") or m.group("end2") or ""
        return (
            f"{lead}route it by category: {routes}{end}" if lead else f"Route it by category: {routes}{end}"
        )

    return _PAIRED_ROUTES.sub(paired, text)


def _split_list(text: str) -> list[str]:
    """The items of 'a, b and c' ('a, b, or c'), each stripped."""
    return [p.strip() for p in re.split(_LIST_SEP, text.strip()) if p.strip()]


def routes_as_tests(text: str) -> str:
    """'West Coast origins (CA, OR, WA) go to #quotes-west in Slack, Texas goes to #quotes-texas, and everything else
    goes to #quotes-national' → 'if it is CA or it is OR or it is WA, send it to #quotes-west in Slack; if it is Texas,
    send it to #quotes-texas; otherwise send it to #quotes-national': two or more kinds each sent somewhere, read as
    the tests they are (one destination was kept, the others lost)."""

    def sentence(m: re.Match[str]) -> str:
        said = m.group(0)
        # ('e-bikes I put in the Google Calendar 'E-bike Bay', everything else in 'Main Bay', and either way I text
        # the customer': a routine told in the first person, the rest's verb left out, and what is done whatever
        # the kind said after the routes — a sentence of its own)
        both = _EITHER_WAY_AFTER.search(said)
        body, tail = (said[: both.start()], said[both.end() :]) if both else (said, "")
        body = _ROUTE_DONE_BY_ME.sub(" go ", body)
        body = _ROUTE_REST_ELIDED.sub(lambda r: f"{r.group(1)} go ", body)
        routed = routes(body)
        if routed is None:
            return said
        if not tail:
            return routed
        tail = re.sub(
            r"^(either\s+way|in\s+(?:any|either|both)\s+cases?|regardless|no\s+matter\s+what)\s*,?\s*(?:(?:i|we)\s+)?",
            r"\1, ",
            tail,
            flags=re.I,
        )
        return f"{routed.rstrip(' .;,')}. {tail[:1].upper()}{tail[1:]}"

    def routes(body: str) -> str | None:
        items, at = [], 0
        while at < len(body):
            found = _ROUTE_ITEM.match(body, at)
            if found is None:
                return None
            items.append(found)
            at = found.end()
            sep = re.match(r"\s*[,;]?\s*(?:and\s+)?", body[at:])
            at += sep.end() if sep else 0
            if re.fullmatch(r"\s*[.!?]?\s*", body[at:]):
                break
        kinds = [i for i in items if not _ROUTE_REST.match(i.group("cat").strip())]
        if len(items) < 2 or not kinds or len(kinds) < len(items) - 1:
            return None
        out = []
        # ('…, everything else in 'Main Bay'': a place named alone is one of the service the other kinds go to —
        # 'the Google Calendar 'E-bike Bay'' gives 'the Google Calendar 'Main Bay'')
        placed = {
            re.sub(r"(['\"‘“]).*$", "", i.group("dest").strip())
            for i in items
            if re.search(r"\S\s+['\"‘“][^'\"’”]+['\"’”]\s*$", i.group("dest").strip())
            and integrations_in(i.group("dest"))
        }
        owner = next(iter(placed)) if len(placed) == 1 else ""
        for n, item in enumerate(items):
            cat, dest = item.group("cat").strip(), item.group("dest").strip()
            if owner and re.fullmatch(r"['\"‘“][^'\"’”]+['\"’”]", dest):
                dest = owner + dest
            verb = "add it to" if _STORES.search(dest) else "send it to"
            if item not in kinds:
                if n != len(items) - 1:
                    return None
                out.append(f"otherwise {verb} {dest}")
                continue
            cat = re.sub(r"^(?:and\s+|the\s+|all\s+|any\s+)+", "", cat, flags=re.I)
            vals = item.group("vals")
            if vals and re.fullmatch(r"\s*[\w-]+(?:\s*,\s*[\w-]+)+\s*", vals):
                test = " or ".join(f"it is {v.strip()}" for v in vals.split(","))
            else:
                cat = re.sub(r"\s*\([^()]*\)", "", cat)
                words = cat.split()
                if len(words) > 1 and words[-1].lower() in ("ones", "one"):  # 'urgent ones' → 'urgent'
                    words.pop()
                named = words and words[-1][0].isupper() and not (n == 0 and len(words) == 1)
                if words and not named and re.search(r"[^su]s$", words[-1]) and len(words[-1]) > 3:
                    words[-1] = words[-1][:-1]  # 'bugs' → 'bug': the kind a label names ('Texas' is a name)
                test = "it is " + " ".join(words)
            out.append(f"if {test}, {verb} {dest}")
        said = "; ".join(out)
        return said[0].upper() + said[1:] + body[len(body.rstrip()) :]

    # (a dash between spaces parts a clause too: 'I check the plan field — enterprise ones I put in …')
    return re.sub(
        r"(?:(?<=^)|(?<=[.!?:]\s)|(?<=\n)|(?<=\s[—–]\s))[^.!?:\n—–]*(?:\.(?=\S)[^.!?:\n—–]*)*", sentence, text
    )


# 'Charges of 2k or more (in the charge's currency) also go to #wins', 'Requests with a budget of 10k or more also get
# posted in #enterprise-leads': the items a test keeps, sent somewhere besides what every item gets
_ALSO_ROUTE = re.compile(
    r"(?:(?<=^)|(?<=[.!?:;]\s)|(?<=\n)|(?<=\s[-–—]\s))(?P<items>(?:[^.!?:;\n]|\.(?=\d)){3,120}?)\s+(?:also|additionally)\s+"
    r"(?:" + _GOES + r"\s+(?:to|into|in|on)\s+(?P<dest>[^.;\n]{1,80}?)"
    # 'Orders over £1,000 also get a text to the owner on +44…', '… also receive an email to ops@…': a message sent
    # about those items
    r"|(?:get|gets|receive|receives|trigger|triggers)\s+(?P<msg>(?:an?\s+|one\s+)(?:[\w-]+\s+)?"
    r"(?:text|sms|e-?mail|message|whats\s*app|notification|alert|ping|dm|call)\b[^.;\n]{0,80}?))"
    r"(?P<end>\s*(?:[.;!]|$))",
    re.I | re.M,
)
# what makes those items a test: a threshold, or the words that qualify a noun ('with', 'tagged', 'whose' …)
_QUALIFIED = re.compile(
    r"\b(?:with|without|where|whose|marked|tagged|labell?ed|flagged|from|that|which|who)\b", re.I
)


# "… post 'Telescope open tonight' on our X account. Actually also the Telegram channel. Yeah, both.": a sentence that
# only names one more place, after a sentence whose last act posts or sends something
_ALSO_THERE = re.compile(
    r"(?P<prev>\b(?:post|posts|send|sends|share|shares|publish|publishes|tweet|announce|announces|message)\b"
    r"(?:'[^'\n]{0,200}'|\"[^\"\n]{0,200}\"|[^.!?\n])*?)(?P<end>[.!?]+)(?P<gap>\s+)"
    r"(?P<said>(?i:(?:actually|oh|ah|and|yeah|yes|plus|wait|hmm+|um+|uh+|so|ok|okay)[,!]?\s+)*"
    r"(?i:(?:also|and|plus)\s+(?:(?:post|send|share)\s+(?:it|that|this|them)\s+)?(?:(?:to|on|in|into)\s+)?)"
    # ('oh and Mastodon-- no wait, X.': a place taken back for the one said after it)
    r"(?:[A-Z][\w-]*\s*(?:--?|—|–|,)\s*(?i:no\s+wait|no|sorry|i\s+mean|actually|wait)[,!]?\s+)?"
    r"(?P<place>(?i:(?:the|our|my)\s+)?[A-Z][\w-]*(?i:\s+(?:channel|account|group|chat|page|feed))?)"
    r"(?i:\s+(?:too|as\s+well))?)\s*[.!]+(?:(?P<ok>\s+(?i:(?:yeah|yes|ok|okay|so)[,!]?\s+)*(?i:both|both\s+of\s+them|both\s+[\w-]+\s+and\s+[\w-]+)"
    r"(?i:\s+(?:please|then))?\s*[.!]+))?",
)


def also_there(text: str) -> str:
    """ "… post 'Telescope open tonight' on our X account. Actually also the Telegram channel. Yeah, both." → "… post
    'Telescope open tonight' on our X account and also to the Telegram channel.": a sentence that only names one more
    service's place is the same post sent there too, under whatever test the sentence before put it (not a place
    that names no service)."""

    def said(m: re.Match[str]) -> str:
        place = m.group("place")
        if (
            not integrations_in(place)
            or integrations_in(place) == integrations_in(m.group("prev")[-80:])[-1:]
        ):
            return m.group(0)
        return f"{m.group('prev')} and also to {place}{m.group('end')}"

    return _ALSO_THERE.sub(said, text)


def also_routes(text: str) -> str:
    """'Charges of 2k or more (in the charge's currency) also go to #wins with a :tada:' → 'If charges of 2k or more,
    also send it to #wins with a :tada:': the items a test keeps sent somewhere besides what every item gets (a
    sentence naming every item, 'Everything also goes to #log', stays as it is)."""

    def said(m: re.Match[str]) -> str:
        items = re.sub(r"\s*\([^()]*\)", "", m.group("items")).strip()
        if not (threshold_in(items) or OR_MORE_RE.search(items) or _QUALIFIED.search(items)):
            return m.group(0)
        if m.group("msg"):
            return f"If {items[0].lower() + items[1:]}, also send {m.group('msg').strip()}{m.group('end')}"
        verb = "add it to" if _STORES.search(m.group("dest")) else "send it to"
        return f"If {items[0].lower() + items[1:]}, also {verb} {m.group('dest').strip()}{m.group('end')}"

    return _ALSO_ROUTE.sub(said, text)


def works_on_run_input(text: str) -> bool:
    """'Summarise the text I give you', 'translate whatever I paste', 'triage support tickets': a step that works
    on what each run is given (a reusable workflow) — not when the content itself is written in the text
    ('summarise this: …')."""
    rules = lexicon()["not_a_workflow"]
    if re.search(rules["run_input"], text, re.I):
        return True
    if re.search(rules["inline_content"], text):
        return False
    if re.search(rules["this_input"], text, re.I):
        return True
    # 'triage support tickets by urgency': a kind of item that keeps coming, not one piece of work
    nouns = [n for n in lexicon()["item_nouns"] if n.endswith("s")]
    # (not a count of them: 'it is 40 pages', 'about 120 pages' is the size of the one piece of work)
    return (
        re.search(r"(?<!\d )(?<!\d)\b(?:" + "|".join(map(re.escape, nouns)) + r")\b", text, re.I) is not None
    )


# 'whose end date is within the next 14 days', 'with an expiry within 60 days', 'due in the next 2 weeks':
# a date of each item falling in a window from now — a test, unlike 'orders from the last 24 hours' (a fetch)
DATE_WINDOW_RE = re.compile(
    r"\b(?:within|in)\s+(?:the\s+)?next\s+(?P<n1>\d{1,4})\s*(?P<u1>day|week|month)s?\b"
    r"|\b(?P<noun>due|dated?|deadline|expir\w*|renew\w*|ends?|expires?|starts?)\b[^,;:.]{0,30}?"
    r"\bwithin\s+(?P<n2>\d{1,4})\s*(?P<u2>day|week|month)s?\b"
    # 'whose deadline is exactly 14 days away', 'that expires in 60 days', 'due 3 days from now': one day, N on
    r"|\b(?:due|dated?|deadlines?|expir\w*|renew\w*|ends?|expires?|starts?|date)\b[^,;:.]{0,30}?"
    r"\b(?:(?:is|are|falls?)\s+)?(?:exactly\s+)?(?:in\s+(?:exactly\s+)?(?P<n3>\d{1,4})\s*(?P<u3>day|week|month)s?\b"
    r"|(?P<n4>\d{1,4})\s*(?P<u4>day|week|month)s?\s+(?:away|from\s+(?:now|today)|out|ahead)\b)",
    re.I,
)


def date_window(text: str) -> tuple[int, str, bool] | None:
    """(N, unit, exact) for a date of each item within the next N days / weeks / months, or (exact) on the day N
    days / weeks / months from now ('exactly 14 days away', 'expires in 60 days')."""
    found = DATE_WINDOW_RE.search(text)
    if not found:
        return None
    n = next(found.group(g) for g in ("n1", "n2", "n3", "n4") if found.group(g))
    unit = next(found.group(g) for g in ("u1", "u2", "u3", "u4") if found.group(g))
    return int(n), unit.lower(), bool(found.group("n3") or found.group("n4"))


# the date a word of a date test names, when no field is named ('each passport that expires in 60 days')
_DATE_FIELDS = (
    (r"expir", "expiry_date"),
    (r"renew", "renewal_date"),
    (r"deadline", "deadline"),
    (r"\bends?\b", "end_date"),
    (r"\bstarts?\b", "start_date"),
)


def date_field(test: str) -> str | None:
    """'… that expires in 60 days' → expiry_date, '… renews within 30 days' → renewal_date."""
    return next((f for p, f in _DATE_FIELDS if re.search(p, test, re.I)), None)


_FIELD_WORDS = re.compile(
    r"(?:^\s*(?=(?:the|its|their)\s)|\b(?:where|whose|with|has|having|when|if)\s+)(?:the\s+|its\s+|their\s+|an?\s+)?"
    # ("where the 'qty' field is 0": the field's name quoted, the word saying it is one after it)
    r"(?P<q>[\"“'‘])?(?P<field>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)(?(q)[\"”'’](?:\s+(?:field|column|property))?)"
    r"\s+(?:is\s+|are\s+|was\s+|of\s+|at\s+)?"
    # 'whose deadline is exactly 14 days away', 'whose renewal is in 30 days': the field before the date's distance
    r"(?:exactly\s+|in\s+(?=\d))?"
    r"(?=(?:(?:less|lower|fewer|smaller|more|greater|higher|larger)\s+than|under|over|below|above|at\s+least|"
    r"at\s+most|exceeds?|within|equals?\s|[<>≥≤]=?|[$€£]?\s*-?\d))",
    re.I,
)
# 'years of experience is more than 5', 'stock level is below 10': a test that starts with its field
_BARE_FIELD = re.compile(
    r"\s*(?P<field>[a-z][\w-]*(?:\s+(?:of\s+)?[a-z][\w-]*){0,2}?)\s+(?:is|are|was)\s+"
    r"(?=(?:(?:less|lower|fewer|smaller|more|greater|higher|larger)\s+than|under|over|below|above|at\s+least|"
    r"at\s+most|exceeds?|equals?\s|[<>≥≤]=?|[$€£]?\s*-?\d))",
    re.I,
)
# ('the late_count field is 2 or more': the word saying it is a field names none; 'it has reached 12': a comparison's
# verb neither)
_NOT_A_FIELD = re.compile(
    r"it|they|there|them|this|that|an?|the|more|less|fewer|than|any|ones?|field|column|property|attribute|"
    r"reach(?:e[sd])?|hits?|passe[sd]|crosse[sd]|topped|surpasse[sd]|exceeded",
    re.I,
)


def named_field(test: str) -> str | None:
    """The item's field a test names before its comparison: 'row where quantity is below 15' → quantity,
    'batch with scrap rate over 4.5%' → scrap_rate, 'subscription whose end date is within …' → end_date."""
    found = _FIELD_WORDS.search(test) or _BARE_FIELD.match(test)
    if not found:
        return None
    words = [w for w in found.group("field").lower().split() if not _NOT_A_FIELD.fullmatch(w)]
    if not words or words[-1] in ("is", "are", "was", "has"):
        return None
    return "_".join(words).replace("-", "_")


# 'with 3 or more absences', 'more than 40 km logged': the noun right after the number is what is counted
_COUNTED = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:or\s+(?:more|less|fewer|higher|lower|above|below|over|under)\s+)?"
    r"(?P<noun>[a-z][a-z-]{1,30})\b",
    re.I,
)
_NOT_COUNTED = re.compile(
    r"or|and|to|in|of|on|at|per|for|this|that|the|a|an|each|every|times?|percent|k|m|million|thousand|"
    r"usd|eur|gbp|dollars?|euros?|pounds?|cents?|(?:minute|hour|day|week|month|year)s?",
    re.I,
)
# '… actually', '… no sorry,', '… hmm, just do': a hesitation (an ellipsis) then words that take back what came before
_RETRACTION = re.compile(
    # ('Eventbrite? no, Gmail: …', 'Freshdesk? no, Zendesk > …': a question mark before the correction does too)
    # ('… on, er, JustGiving - actually no, we moved to Stripe, so …': a spoken dash before a taking-back word)
    r"(?:\.{2,}|…|\?(?=\s*(?:(?:no|nope)\s*[,!—–-]|(?:actually|sorry|wait)\b))|\s[-–—](?=\s+(?:actually|sorry|no\s+wait|"
    r"scratch\s+that)\b))\s*(?:(?:no|nope|oh|hmm+|um+|uh+|er+|eh+|ah+|wait|well|ok|okay)[,.!]?\s+)*"
    r"(?:actually|sorry|no|wait|scratch that|i mean|make (?:it|that)|rather|instead|just do|let'?s do|correction|"
    # '... hmm, there's no trigger for that? then …', '... we can't get a webhook from them, right? then …'
    r"there(?:'s|\s+is|\s+are)\s+no|(?:we|i)\s+(?:can't|cannot|can\s+not|don't|do\s+not)\s+(?:get|have|receive))\b"
    r"[,:]?\s*"
    # ('a Trello card... no, scrap Trello, a Linear issue': the service taken back by its name goes with the correction)
    r"(?:(?:scrap|scratch|forget(?:\s+about)?|drop|ditch|not|never\s*mind|skip|lose)\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z][\w.-]*))?\s*(?:[,;:]|\s[-–—])\s*)?",
    re.I,
)


# '38 hours logged', '10 days worked', '3 days of leave left': an amount of time an item holds, not its age
TIME_HELD = (
    r"(?:of\s+)?(?:logged|worked|spent|booked|tracked|billed|recorded|clocked|taken|used|left|remaining|holiday|"
    r"vacation|leave|work|overtime)\b"
)


# 'who logged fewer than 40 hours', 'spent over 3 days': the verb of an amount of time the item holds, said before it
TIME_HELD_BEFORE = (
    r"\b(?:logged|worked|spent|booked|tracked|billed|recorded|clocked|used|took)\s+"
    r"(?:(?:fewer|less|more|over|under|above|below|than|at\s+least|at\s+most|only|just|up\s+to)\s+)*"
    r"\d+(?:\.\d+)?\s*(?:minute|hour|day|week|month)s?\b"
)


def counted_field(test: str) -> str | None:
    """The item's field a threshold counts when no word before the comparison names it: the noun after the
    number ('student with 3 or more absences' → absences, 'more than 40 km logged' → km); never a unit of
    money or time (those are amounts and ages)."""
    found = THRESHOLD_RE.search(test) or OR_MORE_RE.search(test)
    if not found:
        return None
    counted = _COUNTED.search(test, found.start())
    if not counted:
        return None
    if _NOT_COUNTED.fullmatch(counted.group("noun")) and not (
        re.fullmatch(r"(?:minute|hour|day|week|month)s?", counted.group("noun"), re.I)
        and (
            re.match(r"\s+" + TIME_HELD, test[counted.end() :], re.I)
            or re.search(TIME_HELD_BEFORE, test[: counted.end()], re.I)
        )
    ):
        return None
    return counted.group("noun").lower().replace("-", "_")


@lru_cache(maxsize=1)
def _per_item_re() -> re.Pattern[str]:
    rules = lexicon()["per_item"]
    verbs = "|".join(sorted(rules["verbs"], key=len, reverse=True))
    not_items = "|".join(rules["not_items"])
    return re.compile(
        rf"(?<![\w-])(?P<verb>(?:{verbs})(?:e?s)?)\s+(?:one|a\s+single|1)\s+(?P<thing>(?:[\w'’-]+\s+){{0,6}}?[\w'’-]+)"
        rf"\s+(?:per|for\s+each|for\s+every)\s+(?P<item>(?:new\s+|each\s+)?(?!(?:{not_items})s?\b)[a-z][\w-]*)\b"
        # where the items are ('per new video on the YouTube channel 'Kitchen Lab''), up to the clause's end
        r"(?P<place>\s+(?:on|in|from|of)\s+[^,.;:!?\n]+)?",
        re.I,
    )


_TIME_UNITS = (
    "day|morning|evening|night|afternoon|hour|minute|week|weekday|weekend|month|year|quarter|fortnight|time|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
TIME_UNITS = _TIME_UNITS  # the nouns 'every' names a time with ('every day', 'each Monday'), no list


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence (or line) that `at` is in begins."""
    return max(text.rfind(c, 0, at) for c in ("\n", ". ", "! ", "? ")) + 1


def _each_said_before(text: str, at: int, words: str) -> bool:
    """Whether the sentence before `at` already says one of `words` ('each|every'), not of a time ('every 6 hours')."""
    return (
        re.search(
            rf"\b(?:{words})\b(?!\s+(?:other\s+|few\s+|\d+\s+)?(?:{_TIME_UNITS})s?\b)",
            text[_sentence_start(text, at) : at],
            re.I,
        )
        is not None
    )


# 'check the Airtable 'Leads' table: if a lead's score is 80% or higher, …': a test said of one item of the list
# just named ('a lead's', 'an order's'), after the clause that names that list
_ITEM_TEST = re.compile(
    r"(?P<mark>[:;,—–]\s+|\s[-–—]\s+)(?P<test>if|when|whenever)\s+(?:a|an|any)\s+(?P<noun>[a-z][\w-]*)['’]s\s+",
    re.I,
)


def _plurals(noun: str) -> tuple[str, ...]:
    """'lead' → leads; 'enquiry' → enquiries; 'box' → boxes: the forms a list of `noun` is named by."""
    low = noun.lower()
    forms = [low + "s", low + "es"]
    if low.endswith("y"):
        forms.append(low[:-1] + "ies")
    return tuple(forms)


def item_tests(text: str) -> str:
    """'Every hour, check the 'Leads' table: if a lead's score is 80% or higher, email them …; otherwise add them to
    …' → '…: for each lead, if its score is …': a test said of one item of the list named in the same sentence
    before it is a test of each item, in a loop over that list (so its act and its other side go to that item).
    Not when the sentence already says 'each' or 'every' of that item before it."""

    def said(m: re.Match[str]) -> str:
        opening = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        before = text[opening : m.start()]
        noun = m.group("noun")
        named = any(re.search(r"\b" + re.escape(f) + r"\b", before, re.I) for f in _plurals(noun))
        if not named or re.search(r"\b(?:each|every|per)\s+" + re.escape(noun) + r"\b", before, re.I):
            return m.group(0)
        return f"{m.group('mark')}for each {noun}, {m.group('test')} its "

    return _ITEM_TEST.sub(said, text)


def per_item(text: str) -> str:
    """'Creates one Notion page per new issue', 'create one Jira issue in project HR per new hire' → 'for each new
    issue, create a Notion page': a step that makes one thing for every item of a list (lexicon.json 'per_item')
    said as the loop it is, so the list read before it is gone through. Not inside a sentence that already says
    'for each …' before it, and not 'one digest per day' (a time, no item)."""

    def said(m: re.Match[str]) -> str:
        # ('Steps: read …; for each response, grade it; append one row per student': the loop said before it, in the
        # same sentence or list of steps, already holds it)
        # ('Every 6 hours, send one message per new video': a time said with 'every' names no loop)
        if _each_said_before(text, m.start(), "each|every"):
            return m.group(0)
        verb = m.group("verb")
        base = next(
            (v for v in lexicon()["per_item"]["verbs"] if verb.lower() in (v, v + "s", v + "es")),
            verb.lower(),
        )
        lead = "For" if verb[:1].isupper() else "for"
        place = m.group("place") or ""
        made_in = {k for _, k in integrations_in(m.group("thing"))}
        if place and made_in and {k for _, k in integrations_in(place)} - made_in:
            # a thing made in one service per item of another ('one Discord message per new video on the YouTube
            # channel …'): the list's service goes with the items it holds ('one invoice row per client in the
            # 'Invoices' workbook': where the rows go, it stays)
            return f"{lead} each {m.group('item')}{place}, {base} a {m.group('thing')}"
        return f"{lead} each {m.group('item')}, {base} a {m.group('thing')}{place}"

    text = _per_item_re().sub(said, text)
    text = _PER_ITEM_MESSAGE.sub(_message_per_item, text)
    text = _sized_lines(text)

    def after(m: re.Match[str]) -> str:
        # ('pushed into the Notion database 'Matters Intake', one page per deal', '…, one record each'): said after
        # the write it sizes, the loop is said there too; not where the sentence already holds one
        if _each_said_before(text, m.start(), "each|every|per"):
            return m.group(0)
        said = text[_sentence_start(text, m.start()) : m.start()]
        item = m.group("item")
        # only over a list the sentence names: the items in the plural ('the deals …, one page per deal'), or what is
        # written, said as several ('adds them to …', 'copy the good suggestions into …'); 'append the response to
        # the log, one row each' writes the one item an event brings
        noun = re.escape(re.sub(r"^new\s+", "", item.lower())) if item else ""
        several = (
            re.search(r"\b" + noun + r"(?:s|es)\b", said, re.I)
            if item
            else re.search(
                r"\b(?:them|these|those)\b|\b(?:the|our|my|all)\s+(?:[\w'’-]+\s+){0,2}?[a-z][\w-]*[^s\W]s\s+"
                r"(?:in|into|to|onto|on|as)\b",
                said,
                re.I,
            )
        )
        return f", for each {item or 'one'}" if several else m.group(0)

    return _per_item_after_re().sub(after, text)


# '- one vector record per report': a line of a list (acceptance criteria, notes) that sizes a write said above it
_SIZED_LINE = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*|\d+[.)][ \t]*)(?P<size>(?:one|a\s+single|1)\s+(?:[\w'\u2019-]+\s+){0,2}?[\w'\u2019-]+"
    r"\s+(?:per|for\s+each|for\s+every)\s+(?P<item>[a-z][\w-]*))\s*[.;]?[ \t]*$",
    re.I | re.M,
)
# a write and the place it names ('stored in the Pinecone index 'sleep-reports'', 'add them to the sheet …'), up to
# where its clause ends
_WRITE_PLACED = re.compile(
    r"\b(?:stored|saved|store|save|upsert(?:ed)?|index(?:ed)?|add(?:ed)?|append(?:ed)?|insert(?:ed)?|written|write|"
    r"log(?:ged)?|record(?:ed)?|pushed|push|sync(?:ed)?)\s+(?:(?:it|them|each\s+one|those|these)\s+)?(?:in|into|to|onto)\s+"
    r"[^.;!?\n]*?(?=,?\s+so\b|,\s+(?:and|then)\b|\s*[.;!?\n]|\s*$)",
    re.I,
)


def _sized_lines(text: str) -> str:
    """'… summarised by AI and stored in the Pinecone index 'sleep-reports' …. AC: - one vector record per report':
    a verbless line that sizes a write is said with that write (', one vector record per report' after its place),
    the last write above it whose sentence says no 'each', 'every' or 'per' — read there as one write per item."""
    for line in _SIZED_LINE.finditer(text):
        if line.group("item").lower() in lexicon()["per_item"]["not_items"] or re.match(
            rf"(?:{_TIME_UNITS})s?$", line.group("item"), re.I
        ):
            continue
        writes = [
            w
            for w in _WRITE_PLACED.finditer(text, 0, line.start())
            if not _each_said_before(text, w.end(), "each|every|per")
        ]
        if not writes:
            continue
        at = writes[-1].end()
        closed = "" if re.match(r"\s*(?:[.;:!?,)\n]|$)", text[at:]) else ","
        return _sized_lines(text[:at] + ", " + line.group("size") + closed + text[at:])
    return text


# '- One SMS per lesson via Twilio, to the parent phone written in the event description': a line of a list that sizes a
# message by the items, with no verb: one message sent for each item, to whom the line says
_PER_ITEM_MESSAGE = re.compile(
    r"^(?P<lead>[ \t]*(?:[-*\u2022][ \t]+|\d+[.)][ \t]+)?)(?:one|a\s+single|1)\s+"
    r"(?P<thing>(?:[\w'\u2019-]+\s+){0,2}?(?:sms|text(?:\s+message)?|e-?mail|whatsapp(?:\s+message)?|message|reminder|"
    r"notification|dm))\s+(?:per|for\s+each|for\s+every)\s+(?P<item>(?:new\s+)?[a-z][\w-]*)\b"
    # (the item a plain noun: 'one Slack message per no-plastic order' tests the orders, it is no loop of its own)
    r"(?=\s*(?:$|[,.;:(]|(?:via|through|with|to|on|in|from|using|by|for)\b))(?P<rest>[^\n]*)",
    re.I | re.M,
)


def _message_per_item(m: re.Match[str]) -> str:
    """'One SMS per lesson via Twilio, to the parent phone …' → 'For each lesson, send a SMS via Twilio to the parent
    phone …' (the recipient said after a comma stays with the message)."""
    if m.group("item").lower() in lexicon()["per_item"]["not_items"] or re.match(
        rf"(?:{_TIME_UNITS})s?$", m.group("item"), re.I
    ):
        return m.group(0)
    rest = re.sub(
        r"\s*,\s*(?=to\s+(?:the|their|each|every|his|her)\b)", " ", m.group("rest"), count=1, flags=re.I
    )
    return f"{m.group('lead')}For each {m.group('item')}, send a {m.group('thing')}{rest}"


@lru_cache(maxsize=1)
def _per_item_after_re() -> re.Pattern[str]:
    """', one page per deal', ', one record each', ', one per ticket' closing a clause (lexicon.json 'per_item')."""
    not_items = "|".join(lexicon()["per_item"]["not_items"])
    return re.compile(
        # (after the clause's last word: a list's dash opening a line, '- One row per order: …', says no write)
        r"(?<=[\w'’\")])(?:\s*,|\s+[–—-])\s*(?:with\s+|as\s+)?(?:one|a\s+single|1)(?:\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)??"
        rf"\s+(?:(?:per|for\s+each|for\s+every)\s+(?P<item>(?:new\s+)?(?!(?:{not_items})s?\b)[a-z][\w-]*)|each)"
        r"(?=\s*(?:[.;:!?)\n]|$|,|\s+(?:and|then|please)\b))",
        re.I,
    )


def event_items(text: str) -> set[str]:
    """'Our 40 pinball machines report faults to a webhook', 'our freezers post temperature alarms to our webhook',
    'the panel sends each event to a webhook': the things a webhook is said to be sent, one a call (lexicon.json
    'event_item_verbs'), as singular stems ('fault', 'alarm', 'event') — 'for each fault' there is each event."""
    verbs = "|".join(map(re.escape, lexicon()["event_item_verbs"]))
    found = re.finditer(
        rf"\b(?:{verbs})\s+(?:(?:their|its|each|every|all|the|our|any)\s+)?(?:[a-z][\w-]*\s+){{0,2}}?"
        r"(?P<items>[a-z][\w-]*)\s+(?:to|into|at)\s+(?:a|an|our|the|my|their|its)\s+(?:[\w-]+\s+){0,2}?webhooks?\b",
        text,
        re.I,
    )
    arrivals = "|".join(
        re.escape(v).replace(r"\ ", r"\s+")
        for v in sorted(lexicon()["event_item_arrivals"], key=len, reverse=True)
    )
    # ('gig bookings come via Calendly (webhook)', 'class bookings arrive by webhook from Acuity')
    came = re.finditer(
        rf"\b(?P<items>[a-z][\w-]*s)\s+(?:{arrivals})\s+(?:via|by|through|from|over)\b[^.;\n]{{0,40}}?\bwebhooks?\b",
        text,
        re.I,
    )
    return {
        re.sub(r"(?:ies)$", "y", re.sub(r"(?<!s)s$", "", m.group("items").lower()))
        for m in itertools.chain(found, came)
    }


def event_list(text: str) -> str | None:
    """'when our webhook receives a list of new signups' → 'signups': the plural noun of the items an event is said to
    bring several of at once (lexicon.json 'event_lists'), None when no such list is said."""
    heads = "|".join(map(re.escape, lexicon()["event_lists"]))
    found = re.search(
        rf"\b(?:an?|the)\s+(?:{heads})\s+of\s+(?:new\s+|incoming\s+)?(?:[a-z][\w-]*\s+)?([a-z][\w-]*s)\b",
        text,
        re.I,
    )
    return found.group(1).lower() if found else None


@lru_cache(maxsize=1)
def _found_then_each_re() -> re.Pattern[str]:
    verbs = "|".join(
        sorted(
            (re.escape(v).replace(r"\ ", r"\s+") for v in lexicon()["found_then_each"]), key=len, reverse=True
        )
    )
    return re.compile(
        rf"\b(?:{verbs})\s+(?:the|all(?:\s+(?:the|of\s+the))?|any)\s+(?P<items>[a-z][\w-]*s)\s+"
        r"(?P<test>[^,.;:\n]*?\d[^,.;:\n]*?)\s+and\s+(?:then\s+)?(?P<verb>[a-z]+)\s+(?:each|every\s+one|all)\s+of\s+them\b",
        re.I,
    )


def found_then_each(text: str) -> str:
    """'find the clients more than 60 days overdue and email each of them' → 'email each client that is more than 60
    days overdue': items picked out by a test (lexicon.json 'found_then_each'), then acted on one by one — the act on
    each item that passes the test, so the loop holds the test."""

    def said(m: re.Match[str]) -> str:
        items, test = m.group("items"), m.group("test").strip()
        one = items[:-3] + "y" if items.lower().endswith("ies") else items[:-1]
        if not threshold_in(test):
            return m.group(0)
        if not re.match(r"(?:with|without|whose|that|which|who|where)\b", test, re.I):
            test = "that is " + test
        return f"{m.group('verb')} each {one} {test}"

    return _found_then_each_re().sub(said, text)


@lru_cache(maxsize=1)
def _their_people_re() -> re.Pattern[str]:
    rules = lexicon()["their_people"]
    return re.compile(
        rf"\b(?P<items>{rules['items']})\b[^.!?\n]*?\b(?P<verb>{rules['verbs']})\s+(?P<the>the)\s+"
        rf"(?P<who>{rules['people']})\b(?!['’]s|s\b|\s+(?:list|team|base|success|service|support)\b)",
        re.I,
    )


def all_as_each(text: str) -> str:
    """'send an SMS to all the skippers in our 'Skippers' Airtable table', 'text all the drivers in the 'Drivers'
    sheet' → '… to everyone in …', 'text everyone in …': a message to everybody a place lists is one to each of
    them, read from that place (after 'to', any noun; after a sending verb, a person's noun: lexicon.json
    'people' — 'email all the invoices in the sheet to x' stays one e-mail)."""
    people = {p.lower() for p in lexicon()["people"]}

    def one(m: re.Match[str]) -> str:
        plural = m.group("noun").lower()
        single = (
            plural[:-3] + "y"
            if plural.endswith("ies")
            else plural[:-2]
            if re.search(r"(?:ss|x|ch|sh)es$", plural)
            else plural[:-1]
        )
        if not m.group("to") and single not in people:
            return m.group(0)
        return f"{m.group('lead')}everyone "  # (one each, read from the place: as 'everyone in …' is read)

    return re.sub(
        r"\b(?P<lead>(?P<to>to\s+)|(?:e-?mail|text|message|sms|whatsapp|ping|notify|remind|invite|dm)\s+)"
        r"all\s+(?:of\s+)?(?:the\s+|our\s+|my\s+)(?P<noun>[a-z][a-z-]*[a-z]s)\s+"
        r"(?=(?:listed\s+)?(?:in|on|from)\s+(?:the|our|my|this|that)\s)",
        one,
        text,
        flags=re.I,
    )


def their_people(text: str) -> str:
    """'check shopify for orders still unfulfilled after 3 days and email the customer a sorry-for-the-delay note' →
    '… and email each customer …': a list of items read (lexicon.json 'their_people' items, in the plural), then a
    message in the same sentence to 'the' person an item belongs to — each item's own person, so the list is gone
    through. Not where the sentence already says 'each'/'every' of an item (a time, 'each monday', is no loop) or
    opens on an event ('when new orders come in …', one event's person)."""

    def said(m: re.Match[str]) -> str:
        start = _sentence_start(text, m.start())
        opens_event = r"\W*(?:(?:and|then|so)\s+)?(?:when|whenever|if|once|after|as\s+soon\s+as|on)\b"
        # ('When a new order arrives on our webhook:\n- Orders of 300 euros or more: email the owner …': the lines of
        # a list under an event's lead are that one event's)
        lines = text[:start].rstrip().split("\n")
        lead = next((ln for ln in reversed(lines) if not re.match(r"\s*(?:[-*•]|\d+[.)])\s", ln)), "")
        listed = lead is not lines[-1] or re.match(r"\s*(?:[-*•]|\d+[.)])\s", text[start:]) is not None
        if (
            _each_said_before(text, m.start("the"), "each|every")
            or re.match(opens_event, text[start:], re.I)
            or (listed and lead.rstrip().endswith(":") and re.match(opens_event, lead, re.I))
            # ('- Orders of 300 euros or more: email the owner …': a band's head, a test of the one item)
            or (
                (band := re.match(r"\W*([^:\n]{1,60}?\d[^:\n]{0,30}):", text[start : m.start("the")]))
                is not None
                and (threshold_in(band.group(1)) is not None or OR_MORE_RE.search(band.group(1)) is not None)
            )
        ):
            return m.group(0)
        return text[m.start() : m.start("the")] + "each" + text[m.end("the") : m.end()]

    return _their_people_re().sub(said, text)


def _read_before(text: str, at: int, read: re.Pattern[str]) -> re.Match[str] | None:
    """The read earlier in the sentence of `at` whose list a step after it may go through: none where the sentence
    already says 'each'/'every'/'all' or opens on an event ('when new orders come in …': one event's items; 'On the
    first of every month, pull …' is a day the run starts on, no event)."""
    before = text[_sentence_start(text, at) : at]
    opens_event = (
        r"\W*(?:(?:and|then|so)\s+)?(?:when|whenever|if|once|after|as\s+soon\s+as|"
        rf"on(?!\s+(?:the\s+)?(?:first|last|\d|(?:{_TIME_UNITS})s?\b)))\b"
    )
    if _each_said_before(text, at, "each|every|all") or re.match(opens_event, before, re.I):
        return None
    return read.search(before)


def people_read_each(text: str) -> str:
    """'pull the members from the sheet and text them a renewal link', 'get the overdue invoices … and email the
    customers a reminder', 'grab the new sign-ups … and send them a welcome email' → '… text each of them …', '…
    email each customer …': a message to the people of a list read before it in the sentence goes to each of them
    (lexicon.json 'their_people': the list's items are people, or items each with a person of their own). Not where
    the sentence already says 'each'/'every', opens on an event (one event's people), or sends the items themselves
    ('send them to accounting@…')."""
    rules = lexicon()["their_people"]
    people = {p.lower() for p in lexicon()["people"]}
    owners = set(rules["people"].split("|"))
    items = set(rules["items"].split("|"))
    verbs = rules["verbs"] + "|remind|invite"
    found = re.compile(
        rf"\b(?P<verb>{verbs})\s+(?:(?P<them>them)(?=\s+(?:an?|the|their|our|your|this|that|some|one|by|via|over|on|"
        r"with|about)\b)|(?P<the>the)\s+(?P<adj>(?:new|late|lapsed|waiting|booked|registered|remaining)\s+)?"
        r"(?P<who>[a-z][a-z-]*[a-z]s)\b(?!['’]|\s+(?:list|team|channel|group|chat|base|table|sheet)s?\b))",
        re.I,
    )
    read = re.compile(
        r"\b(?:get|gets|pull|pulls|read|reads|fetch|fetches|grab|grabs|list|lists|query|queries|look\s+up|find|finds|"
        r"collect|load|take|select|check|checks|export)\b",
        re.I,
    )

    def said(m: re.Match[str]) -> str:
        before = text[_sentence_start(text, m.start()) : m.start()]
        reads = _read_before(text, m.start(), read)
        if reads is None:
            return m.group(0)
        listed = [
            w
            for w in re.findall(r"[a-z][a-z-]*[a-z]s\b", before[reads.end() :].lower())
            if _one_of(w) in people or w in items
        ]
        if not listed:
            return m.group(0)
        if m.group("them"):
            # ('send them by email to chef@…': the items themselves, sent to someone)
            rest = text[m.end() : text.find(".", m.end()) if "." in text[m.end() :] else len(text)]
            if re.search(r"\bto\s+(?:me|us|my|our|the|a|an|[\w.+-]+@|#|\+?\d)", rest, re.I):
                return m.group(0)
            return f"{m.group('verb')} each of them"
        who = m.group("who")
        one = _one_of(who).lower()
        # the list's own people ('pull the members … text the members'), or the person each item has ('the overdue
        # invoices … email the customers'): not a group that reads about them ('email the managers a report')
        if not (one in people and (_one_of(listed[-1]) == one or (listed[-1] in items and one in owners))):
            return m.group(0)
        return f"{m.group('verb')} each {m.group('adj') or ''}{_one_of(who)}"

    return _records_read_each(found.sub(said, text), read)


def _records_read_each(text: str, read: re.Pattern[str]) -> str:
    """'get the overdue invoices from Airtable and update their status to Chased', '… and set the stage to Lost' →
    '… and for each of them, update their status …': a change to the records a list read holds is made to each one
    (an update names one record)."""
    rules = lexicon()["records_changed"]
    forms = [re.compile(pattern, re.I) for pattern, _ in rules["said"]]
    done = "|".join(rules["done"])
    found = re.compile(
        r"\b(?P<joint>and\s+(?:then\s+)?)(?P<change>(?:update|change|set)\s+(?:their|the)\s+(?=[\w ]{1,30}?\bto\b)"
        + "".join(f"|{form.pattern}".replace("(?P<", "(?P<_" + str(i)) for i, form in enumerate(forms))
        + rf"|(?P<done>{done})\s+(?:them|these|those|all\s+of\s+them)\b)",
        re.I,
    )

    def changed(m: re.Match[str]) -> str:
        """The change as the planner reads it: 'mark them as Archived' → 'update their status to Archived'."""
        if m.group("done"):
            return f"update their status to {rules['done'][m.group('done').lower()]}"
        for (_, rewrite), form in zip(rules["said"], forms, strict=True):
            one = form.fullmatch(m.group("change"))
            if one:
                return one.expand(rewrite)
        return m.group("change")

    def said(m: re.Match[str]) -> str:
        before = text[_sentence_start(text, m.start()) : m.start()]
        reads = _read_before(text, m.start(), read)
        if reads is None or not re.search(r"[a-z][a-z-]*[a-z]s\b", before[reads.end() :], re.I):
            return m.group(0)
        change = changed(m)
        if re.search(r"\beach\b", change):  # ('add each of them to the table …': one each said already)
            # ('… from the Airtable table 'Deals' and move them to the table 'Archive'': a table of the service read)
            read_in = [key for _, key in integrations_in(before)]
            if read_in and not integrations_in(change):
                service = lexicon()["integrations"][read_in[-1]]["phrases"][0]
                change = re.sub(
                    r"\b(?:the\s+|our\s+)?(?=(?:table|sheet|tab|list)\b|[\"“'‘][^\"”'’\n]{1,40}[\"”'’]\s+(?:table|sheet|tab|list)\b)",
                    lambda t: f"{t.group(0) or 'the '}{service.title() if service.islower() else service} ",
                    change,
                    count=1,
                )
            return m.group("joint") + change
        return f"{m.group('joint')}for each of them, {change}"

    return found.sub(said, text)


def kept_columns(text: str) -> str:
    """'… fills the Google Sheet 'Fridge Log' (item, quantity, use-by date). … a message … listing the items that go
    out of date tomorrow': items a message carries, named by a column of a place told with its columns in brackets
    and given no place of their own, are that place's rows — read there ('listing the items in the Google Sheet
    'Fridge Log' that …'; lexicon.json 'kept_columns')."""
    rules = lexicon()["kept_columns"]
    told = [m for m in re.finditer(rules["place"], text, re.I) if integrations_in(m.group("place"))]
    if not told:
        return text
    out, at = [], 0
    for m in re.finditer(rules["items"], text, re.I):
        noun = m.group("noun").lower()
        place = next(
            (
                t.group("place")
                for t in reversed(told)
                if t.end() <= m.start()
                and any(
                    noun in (c.split()[0].lower(), c.split()[-1].lower())
                    for c in re.split(r",|\band\b|/", t.group("columns"))
                    if c.split()
                )
            ),
            None,
        )
        if place is None:
            continue
        out.append(text[at : m.end()] + " in " + re.sub(r"^(?:our|my|a|an)\s+", "the ", place, flags=re.I))
        at = m.end()
    return "".join(out) + text[at:]


def first_few(text: str) -> str:
    """'email the first three people on the waitlist', 'text the next 10 people on the 'Tasting Waitlist' sheet' →
    'email each of the first three people on …': a message to a few people of a list goes to each of them, so the
    list is read and gone through (lexicon.json 'first_few'). Not where the sentence already says 'each'/'every'."""
    rules = lexicon()["first_few"]
    people = "|".join(lexicon()["people"])
    found = re.compile(
        rf"\b(?P<verb>{rules['verbs']})\s+(?P<the>the)\s+(?:{rules['ranks']})\s+(?:{rules['counts']})\s+"
        rf"(?:{rules['nouns']}|(?:{people})s)\b(?=\s+(?:on|in|from)\b)",
        re.I,
    )

    def said(m: re.Match[str]) -> str:
        if _each_said_before(text, m.start("the"), "each|every"):
            return m.group(0)
        return text[m.start() : m.start("the")] + "each of the" + text[m.end("the") : m.end()]

    text = found.sub(said, text)
    # 'email whoever is at the top of the 'On-call Rota' sheet', 'text the person who is first on the waitlist' →
    # 'email the first person on …': one person, the list's first, said with a clause
    return re.sub(
        rf"\b(?P<verb>{rules['verbs']})\s+(?:whoever|the\s+(?:person|one)\s+(?:who|that))\s+(?:is|['’]s|comes|sits)\s+"
        r"(?:at\s+the\s+top\s+of|first\s+(?:on|in))\b",
        lambda m: f"{m.group('verb')} the first person on",
        text,
        flags=re.I,
    )


def written_out(text: str) -> str:
    """Chat-box shorthand (lexicon.json 'shorthand') written out in full: 'for each row w/ a balance over 0'
    reads as 'with', 'go thru the tab' as 'through'. A shorthand inside an address or a path stays."""
    table = lexicon()["shorthand"]
    # (an apostrophe put back inside the user's quoted words would end the quote: 'Prep at 8, dont be late' stays)
    quoted = [
        m.span()
        for m in re.finditer(r"(?<![\w'])'[^'\n]{1,200}'(?![\w'])|\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”", text)
    ]

    def full(m: re.Match[str]) -> str:
        said = table[m.group(1).lower()]
        if "'" in said and any(a < m.start() < b for a, b in quoted):
            return m.group(0)
        return said

    text = _shorthand_re().sub(full, text)
    text = re.sub(lexicon()["spoken_them"], r"\1 them", text, flags=re.I)  # 'save em to …' (lexicon.json)
    text = re.sub(  # 'email owner sorry' → 'email the owner sorry' (lexicon.json 'bare_people_verbs')
        r"(?<![\w@.#/-])((?:"
        + "|".join(lexicon()["bare_people_verbs"])
        + r")\s+)(?=(?:"
        + "|".join(lexicon()["people"])
        + r")s?\b(?![@.'’-]))",
        r"\1the ",
        text,
        flags=re.I,
    )
    text = re.sub(lexicon()["channel_messages"], r"\2 in \1", text, flags=re.I)  # 'the #design messages'
    # 'pull the amount out of the email' → 'pull out the amount from the email' (lexicon.json 'split_verbs'); 'for
    # anything that's a volunteer application' → 'for each item that's …' ('any_items'); "my number's plus 1 212 …" →
    # '+1 212 …' ('spoken_marks'); 'Um, every night' → 'every night' ('spoken_fillers'); "…, but if it's a weekend skip it" → '… except on weekends' ('weekend_skips'); "the channel's called ops-alerts" → "the channel 'ops-alerts'" ('named_channels')
    # ('if it gets above -18' → 'if it goes above -18': 'said_comparisons'; 'jot it down in Notion' → 'write it down
    # in Notion': 'said_writes'; "I'd like three things: a page created …" → "I'd like a page created …": 'counted_asks';
    # '…, sent from our Gmail account' → '… from our Gmail account': 'sent_from'; 'drafts — not sends! — an email' →
    # 'drafts an email': 'said_drafts'; 'not bothered about replies' → 'no need for replies': 'said_bans'; 'the doc link is emailed to …' → 'email the doc link to …': 'passive_sends'; 'the seat is marked 'available' in …' → 'mark the seat as …': 'passive_marks'; 'whose membership has expired' → '… is expired': 'perfect_states'; 'Should the payment fail, …' → 'If the payment fail, …': 'inverted_ifs'; 'if yes email owner' → 'if yes, email owner':
    # 'bare_answers')
    text = wished_participles(made_participles(passive_stores(_passive_news(text))))
    sends = lexicon()["said_sends"]
    if re.search(sends["when"], text, re.I):  # (a one-off 'send me the slides' stays an ask for now)
        for pattern, said in sends["rewrites"].items():
            text = re.sub(pattern, said, text, flags=re.I)
    for table in (
        "paired_translations",
        "counted_asks",
        "split_verbs",
        "said_writes",
        "sent_from",
        "said_drafts",
        "said_bans",
        "passive_sends",
        "passive_marks",
        "any_items",
        "spoken_marks",
        "spoken_fillers",
        "weekend_skips",
        "named_channels",
        "named_places",
        "said_comparisons",
        "perfect_states",
        "inverted_ifs",
        "bare_answers",
    ):
        for pattern, said in lexicon()[table].items():
            text = re.sub(pattern, said, text, flags=re.I)
    return text


@lru_cache(maxsize=2)
def _passive_stores_re(modal: bool = False) -> re.Pattern[str]:
    """The reader of data to keep said as a noun and a participle; `modal`: the participle after a modal ('… should
    be summarised by AI and stored in …'), which asks as a wish does, from the head of its sentence."""
    rules = lexicon()["passive_stores"]
    done = "|".join(sorted(rules["participles"], key=len, reverse=True))
    made = "|".join(sorted(rules["made"], key=len, reverse=True))
    # ('… summarised by AI and stored in the Pinecone index …': a made item may be kept as well as sent)
    sent = "|".join(sorted([*rules["sent"], *rules["participles"]], key=len, reverse=True))
    word = rf"(?!{rules['not_in']})\S*[^\s.;!?:,]"
    lead = r"(?:^|(?<=[.!?\n:]))[^\S\n]*(?:[-*•][^\S\n]*)?"
    return re.compile(
        (rf"(?P<lead>{lead})" if modal else rf"(?P<lead>{lead}|(?P<wish>{rules['wishes']}))")
        + rf"(?P<np>(?:{word}\s+){{0,20}}?{word})\s+"
        + (rf"(?P<modal>{rules['modal']})" if modal else "")
        + rf"(?:(?P<done>{done})|(?P<made>{made})(?:\s+(?P<by>{rules['by']}))?\s+"
        rf"(?P<mwhen>{rules['when']}\s+)?and\s+(?:then\s+)?(?:also\s+)?(?P<sent>{sent}))\s+(?P<when>{rules['when']}\s+)?"
        r"(?P<prep>into|in|to|onto)\s+",
        re.I,
    )


def passive_stores(text: str) -> str:
    """'I want EUR exchange rates from https://… saved every weekday at 16:00 into the Excel table 'FXRates'' → 'I want
    to get EUR exchange rates from https://… and save it every weekday at 16:00 into …': data to keep, said as a noun
    and a participle, is a fetch and a write, not where the data already is (lexicon.json 'passive_stores'); 'the
    reports should be summarised by AI and stored in the Pinecone index …' → 'Get the reports and summarise it with
    AI and store it in …': said after a modal, the same ask."""
    from lib.generation.steps import ACTION_START

    rules = lexicon()["passive_stores"]

    def active(m: re.Match[str]) -> str:
        np = m.group("np")
        modal = "modal" in m.groupdict() and m.group("modal")
        wish = "wish" in m.groupdict() and m.group("wish")
        if (
            not (wish or modal or m.group("when") or m.group("mwhen"))
            or re.match(r"(?:an?|one)\s", np, re.I)  # 'a row appended to …': a made item, read as made
            or ACTION_START.match(np.lower())
            # ('Every new email to bookings@… should be logged in …': what comes in, each one — no fetch)
            or modal
            and re.match(r"(?:every|each|any|all|new|incoming)\b", np, re.I)
        ):
            return m.group(0)
        get = "to get" if wish else "Get"
        if m.group("made"):  # 'crew availability from the sheet … summarised every Thursday and posted to …'
            said = m.group("sent").lower()
            work, send = (
                rules["made"][m.group("made").lower()],
                rules["sent"].get(said) or rules["participles"][said],
            )
            by = " with " + m.group("by").split(None, 1)[1] if m.group("by") else ""
            return f"{m.group('lead')}{get} {np} and {work} it{by} {m.group('mwhen') or ''}and {send} it {m.group('when') or ''}{m.group('prep')} "
        verb = rules["participles"][m.group("done").lower()]
        return f"{m.group('lead')}{get} {np} and {verb} it {m.group('when') or ''}{m.group('prep')} "

    return _passive_stores_re().sub(active, _passive_stores_re(modal=True).sub(active, text))


def made_participles(text: str) -> str:
    """'- a row added to the Google Sheet 'Invoices'' → '- add a row to the Google Sheet …', '→ a ticket created in
    Jira' → '→ create a ticket in Jira': an item made, said as a noun and a participle at the head of a list item or
    clause (lexicon.json 'made_participles')."""
    rules = lexicon()["made_participles"]
    nouns = "|".join(
        sorted(map(re.escape, lexicon()["added_items"] + rules["messages"]), key=len, reverse=True)
    )
    done = "|".join(sorted(rules["participles"], key=len, reverse=True))
    # ('and a welcome email in Spanish sent to the applicant': the language it is written in said with the item)
    languages = "|".join(map(re.escape, lexicon()["languages"]))
    return re.sub(
        r"(?P<lead>(?:^|(?<=\n))[^\S\n]*(?:[-*•]|\d{1,2}[.)])?[^\S\n]*|(?:[:→,]|->|=>|\bthen|\band)\s+)"
        rf"(?P<np>(?:an?|one)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{nouns})s?(?:\s+in\s+(?:{languages}))?)\s+"
        # ('a polite reply emailed back to the sender': sent back to whom it came from)
        rf"(?:automatically\s+)?(?P<done>{done})(?P<back>\s+back)?\s+(?=(?:to|in|into|on|onto)\b)",
        lambda m: (
            f"{m.group('lead')}{rules['participles'][m.group('done').lower()]} {m.group('np')}"
            f"{m.group('back') or ''} "
        ),
        text,
        flags=re.I,
    )


def wished_participles(text: str) -> str:
    """ "I'd love a thank-you email to go to the client, and the payment logged in my Notion database" → '…, and log the
    payment in my Notion database': a second ask joined to a wish in its sentence, said as a noun and a participle
    (lexicon.json 'made_participles'), is done as the wish's first ask is; without the wish before it, 'the rows added
    today to the sheet' are rows read."""
    rules = lexicon()["made_participles"]
    done = "|".join(sorted(rules["participles"], key=len, reverse=True))
    return re.sub(
        r"(?P<wish>\b(?:i|we)\s*(?:['’]d|\s+would)\s+(?:love|like)|\b(?:i|we)\s+(?:want|need)\b)"
        r"(?P<mid>[^.;:!?\n]{3,160}?,?\s+and\s+(?:also\s+)?)"
        rf"(?P<np>(?:the|their|its|his|her)\s+(?:[\w'’-]+\s+){{0,2}}?)(?:automatically\s+)?(?P<done>{done})\s+"
        r"(?=(?:to|in|into|on|onto)\s)",
        lambda m: (
            f"{m.group('wish')}{m.group('mid')}{rules['participles'][m.group('done').lower()]} {m.group('np')}"
        ),
        text,
        flags=re.I,
    )


def _passive_news(text: str) -> str:
    """'every new release on github acme/widgets gets posted in #announcements': what is done to each new thing,
    said in the passive as the ask, read as the active ask the readers know ('post every new release … in
    #announcements'); not after 'when', 'if' … in its clause (lexicon.json 'passive_news')."""
    rules = lexicon()["passive_news"]
    # "we'd love it if every new order … got posted in …": the wish's 'if' is no test; the ask is what follows
    text = re.sub(rf"(?:{rules['wishes']})\s+(?=(?:{rules['pattern']}))", "", text, flags=re.I)

    def active(m: re.Match[str]) -> str:
        if re.search(rules["events"], text[: m.start()], re.I):
            return m.group(0)  # 'when a new message is posted in #help': the event, not the ask
        det = (m.group("det") or "").strip()
        if _kept_items(m, text[m.end() :], rules["kept"]):
            return f"{det + ' ' if det else ''}{m.group('what')} is kept "
        verb = rules["participles"][m.group("done").lower()]
        # ('I want new GitHub issues … to be posted in #triage' → 'I want to post new GitHub issues … in #triage')
        verb = "to " + verb if re.search(r"\b(?:want|need|like|wish)\s+$", text[: m.start()], re.I) else verb
        return f"{verb} {det + ' ' if det else ''}{'new ' if m.group('new') else ''}{m.group('what')} "

    out = re.sub(rules["pattern"], active, text, flags=re.I)
    if out == text:
        return out
    # '… gets forwarded to finance@x.co and also saved to the sheet 'Mails'': a second participle joined to the
    # first in its sentence is a second ask, read active too
    done = "|".join(sorted(rules["participles"], key=len, reverse=True))

    def joined(m: re.Match[str]) -> str:
        return m.group("lead") + rules["participles"][m.group("done").lower()] + " it"

    sentences = re.split(r"(?<=[.;!?])(?=\s)|(?<=\n)", out)
    for i, sentence in enumerate(sentences):
        if sentence not in text:  # a sentence the passive was rewritten in
            sentences[i] = re.sub(
                rf"(?P<lead>(?:,\s*|\s)(?:and|then|&)\s+(?:(?:also|then)\s+)?)(?P<done>{done})\b",
                joined,
                sentence,
                flags=re.I,
            )
    return "".join(sentences)


def _kept_items(m: re.Match[str], rest: str, rules: dict[str, Any]) -> bool:
    """'- every batch gets logged in the Supabase table 'batches' with its pH … every hour, check the new batches':
    a store said of every item, not of each new one, that the request later checks (by the items' noun or the
    place's quoted name) tells where the items are kept — no ask to write them (lexicon.json 'passive_news' 'kept')."""
    if m.group("new") or m.group("have") or m.group("done").lower() not in rules["participles"]:
        return False
    words = m.group("what").split()
    names = [re.escape(w) + r"(?:e?s)?\b" for w in dict.fromkeys((words[0], words[-1])) if len(w) > 2]
    place = re.match(
        r"\s*(?:in|into|to|on)\s+[^.;!?\n'‘’\"`]{0,40}['‘’\"`](?P<name>[^'‘’\"`\n]{2,60})['’\"`]", rest
    )
    if place:
        names.append(re.escape(place.group("name")) + r"\b")
    return (
        bool(names) and re.search(rules["checked"].replace("{what}", "|".join(names)), rest, re.I) is not None
    )


@lru_cache(maxsize=1)
def _shorthand_re() -> re.Pattern[str]:
    words = sorted(lexicon()["shorthand"], key=len, reverse=True)  # 'w/o' before 'w/'
    return re.compile(r"(?<![\w/.@#-])(" + "|".join(map(re.escape, words)) + r")(?![\w/.@-])", re.I)


# 'standup reminder in #eng every monday at 9:55', 'a lunch order nudge on the #office channel every friday': a
# message named by its noun alone, with the channel it goes to and no verb before it (the clause opens with it)
_NOUN_POST = (
    r"(?:^|(?<=[.;:!?—–\n,])|(?<=\s-)|(?<=→)|(?<=\b(?:want|need|like)\s))(?P<lead>\s*(?P<other>(?:(?:and\s+)?otherwise|"
    r"(?:or\s+)?else|if\s+not|(?:for\s+)?(?:everything|anything)\s+else)\s*[,:]?\s+(?:(?:just|only|simply)\s+)?)?)"
    r"(?:an?\s+)?"
    r"(?P<noun>(?:(?!(?:a|an|the|i|we|you|want|need|like|when|whenever|if|every|each|any|all|new|for|once|after|on|"
    r"at|in|to|no|please|send|post|"
    r"drop|put|add|share|write|create|set|schedule|leave|give|make|and|then|also)\b)[a-z][\w-]*\s+){0,3}"
    r"(?:{nouns}))"
    r"\s+(?=(?:in|on|to|into)\s+(?:the\s+|our\s+)?#[\w-]+)"
)


def noun_posts(text: str) -> str:
    """'standup reminder in #eng every weekday at 9:55' → 'post a standup reminder in #eng …', 'Output: a short summary
    in #cx' → 'post a short summary in #cx': a message named with the channel it goes to and no verb (lexicon.json
    'posted_nouns') is a post there (only on a schedule: with nothing to say when, it is no
    workflow's step — unless it is the other branch of a test: 'otherwise just a heads-up in #floor')."""
    from lib.generation.triggers import read_schedule

    scheduled = read_schedule(text) is not None

    def post(m: re.Match[str]) -> str:
        if not scheduled and not m.group("other"):
            return m.group(0)
        wished = re.search(r"\b(?:want|need|like)\s$", text[: m.start()], re.I)
        return m.group("lead") + ("to post a " if wished else "post a ") + m.group("noun") + " "

    nouns = "|".join(sorted(map(re.escape, lexicon()["posted_nouns"]), key=len, reverse=True))
    return re.sub(_NOUN_POST.replace("{nouns}", nouns), post, text, flags=re.I)


def noun_summaries(text: str) -> str:
    """'an email summary of next week's "Clinic Rota" calendar', 'a Slack digest of the day's new rows in …': a summary
    named by the channel it goes by and what it is of, with no verb of its own ('can I get …', 'send me …' are
    taken with it), is a read of that, an AI summary and a send of it there → 'get next week's … calendar,
    summarise them and email the summary' (lexicon.json `summary_channels`, `summary_nouns`). A send said right
    after it ('… any gaps? Send to me, jo@…') is the summary's own: none is added."""
    channels = lexicon()["summary_channels"]
    nouns = "|".join(re.escape(n) for n in lexicon()["summary_nouns"])
    found = re.compile(
        r"(?:\b(?:(?:can|could)\s+(?:i|we|you)\s+(?:get|have|send)\s+(?:me\s+|us\s+)?|(?:send|give|get)\s+(?:me|us)\s+"
        r"|(?:i|we)\s+(?:want|need|'d like|would like)\s+))?"
        r"\ban?\s+(?:(?:daily|weekly|monthly|nightly|morning|evening|short|quick|brief)\s+){0,2}"
        r"(?P<chan>" + "|".join(f"(?:{k})" for k in channels) + r")\s+(?P<noun>" + nouns + r")\s+of\s+"
        r"(?P<what>[^.;!?\n,]+?)(?=\s+(?:to|posted|sent|for|please)\b|\s+[-–—]\s|\s*[,.;!?\n]|\s*$)",
        re.I,
    )

    def said(m: re.Match[str]) -> str:
        key = next(k for k in channels if re.fullmatch(k, m.group("chan"), re.I))
        send = channels[key].format(noun=m.group("noun").lower())
        after = text[m.end() : m.end() + 160]
        if re.search(r"(?:^|[.?!;:]\s+|\s[-–—]\s+)(?:please\s+)?(?:send|e-?mail|post)\b", after, re.I):
            send = ""
        return f"get {m.group('what')}, summarise them" + (f" and {send}" if send else "")

    return found.sub(said, text)


def wished_sends(text: str) -> str:
    """'when someone pays on our shopify (it can send a webhook i think) i want a whatsapp to the customer saying thx'
    → '…(it can send a webhook i think), i want to send a whatsapp to the customer saying thx': a message wished for
    with no verb of its own is sent (the nouns in `lexicon.json` `added_sends`), and an aside closed right before the
    wish ends the clause of the event, as a comma would."""
    sends = "|".join(re.escape(n) for n in lexicon()["added_sends"])
    wish = r"(?:i|we)\s+(?:want|need|['’]d\s+like|would\s+like)\b"
    text = re.sub(r"(?<=\))\s+(?=" + wish + ")", ", ", text, flags=re.I)
    return re.sub(
        r"\b(?P<who>i|we)\s+(?:want|need|['’]d\s+like|would\s+like)\s+(?=(?:an?|one)\s+(?:(?:quick|short|brief)\s+)?"
        r"(?:" + sends + r")\s+to\b)",
        lambda m: f"{m.group('who')} want to send ",
        text,
        flags=re.I,
    )


def added_items(text: str) -> str:
    """'→ Slack #disputes with the amount, plus a Jira ticket in FIN' → '…, and create a Jira ticket in FIN': an item
    added after 'plus' with no verb of its own is one more thing the run makes (the nouns in `lexicon.json`
    `added_items`); 'I want a Jira ticket opened …, and a text to the on-call tech at +1 …' → '…, and send a text to
    …': a message to someone added after 'and' with no verb of its own is one more thing sent (`added_sends`)."""
    nouns = "|".join(re.escape(n) for n in lexicon()["added_items"])
    sends = "|".join(re.escape(n) for n in lexicon()["added_sends"])
    text = re.sub(
        r"(?<=,)\s+and\s+(?:also\s+)?(?=(?:an?|one)\s+(?:(?:quick|short|brief)\s+)?(?:"
        + sends
        + r")\s+to\b)",
        " and send ",
        text,
        flags=re.I,
    )
    return re.sub(
        r"(?:\s*,)?\s+(?:plus|\+)\s+(?=(?:also\s+)?(?:an?|one)\s+(?:[\w'-]+\s+){0,3}?(?:" + nouns + r")\b)",
        ", and create ",
        text,
        flags=re.I,
    )


def without_retractions(text: str) -> str:
    """'When a Stripe... no sorry, when our survey tool posts …' → '… when our survey tool posts …', 'Whenever a video
    is published... actually we have no webhook for that, so every 6 hours check …' → 'every 6 hours check …': what
    the writer took back (from the start of its sentence to the correction, and the reason given before 'so') is
    blanked with spaces, so every position in the text stays where it was."""
    out = text
    for found in _RETRACTION.finditer(text):
        # from the start of the clause it ends ('…, and post it as a comment... actually no, just …'), after a
        # request that frames it ('I want a Slack bot... actually a chat workflow': the wish stays)
        start = max(
            (
                m.end()
                for m in re.finditer(
                    r"[.!?;:](?=\s)|\n|,|->|→|=>|\b(?:and|then)\b", text[: found.start()], re.I
                )
            ),
            default=0,
        )
        framed = re.match(
            r"\s*(?:i|we)\s+(?:want|need|would like|'d like)\s+|\s*(?:please\s+)?(?:set up|build|make|create)"
            r"(?:\s+me|\s+us)?\s+",
            text[start : found.start()],
            re.I,
        )
        if framed:
            start += framed.end()
        end = found.end()
        # the reason goes up to ', so' or to a question it ends with ('… for that? then …')
        reason = re.match(r"[^.!?;:\n]{0,100}?(?:,\s*so|\?\s*(?:so|then))\s+", text[end:], re.I)
        if (
            reason
        ):  # '… actually we don't have a webhook for that, so …': the reason goes with what it takes back
            end += reason.end()
        swapped = _swapped_service(text, start, found.start(), end)
        value = _swapped_value(text, start, found.start(), end) if swapped is None else None
        if value is not None:
            start, end = value
        else:
            start = (
                swapped if swapped is not None else max(start, _opening_time_end(text, start, found.start()))
            )
        out = out[:start] + " " * (end - start) + out[end:]
    return out


# the value a correction gives in place of one said before it ('I mean 'glass-kiln'', "mentioning 'yamadori'"): a
# quoted name, after a word of the clause it corrects at most
_VALUE_CORRECTION = re.compile(
    r"(?:i\s+mean|i\s+meant|make\s+(?:it|that)|rather)?[,:]?\s*(?P<lead>[a-z][\w-]*\s+)?"
    r"(?P<value>'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|‘[^’\n]{1,60}’|“[^”\n]{1,60}”)(?=\s*(?:[—–,.;!?)]|\s-\s|$))",
    re.I,
)


def _swapped_value(text: str, start: int, cut: int, end: int) -> tuple[int, int] | None:
    """ "pull the Linear issues labelled 'kiln' — sorry, 'glass-kiln' — and DM them …", "posts mentioning junipers —
    no wait, mentioning 'yamadori' — …": the correction gives only another value of the clause (a quoted name, after
    the word that introduced the old one at most), so only the old value is taken back, from that word or the old
    value's start, with the words opening the correction ('I mean'); the clause's verb and source stay. The span
    (start, end) to blank, or None when the correction is more than a value."""
    said = _VALUE_CORRECTION.match(text, end)
    taken = text[start:cut]
    if said is None or not taken.strip() or len(taken.split()) < 3:
        return None
    lead = said.group("lead")
    if lead:
        before = list(re.finditer(rf"\b{re.escape(lead.strip())}\b", taken, re.I))
        if before:
            return start + before[-1].start(), said.start("lead")
        # ('mentioning pain — no wait, of 'levain'': a word the old value had not, as a translation leaves it; not a
        # verb, which starts a new clause: '… — actually, send 'Welcome!'')
        from lib.generation.steps import ACTION_START

        if ACTION_START.match(lead):
            return None
    quoted = list(re.finditer(r"'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|‘[^’\n]{1,60}’|“[^”\n]{1,60}”", taken))
    old = quoted[-1] if quoted else re.search(r"[\w#@-]+\W*$", taken)
    if old is None:
        return None
    return start + old.start(), said.start("value")


def _opening_time_end(text: str, start: int, cut: int) -> int:
    """'Every night at 02:00 I download the orders from WooCommerce... no wait, …': the time phrase the taken-back
    clause opens on still says when the routine runs; where it ends (`start` when the clause opens on none)."""
    from lib.generation.triggers import read_schedule

    found = read_schedule(text[start:cut])
    if found is None or not found.spans:
        return start
    first = min(a for a, _ in found.spans)
    if len(text[start : start + first].strip()) > 24 or not re.fullmatch(
        r"[\w\s,()]*", text[start : start + first]
    ):
        return start
    end = start + max(b for a, b in found.spans if a <= first + 30)
    return end + 1 if text[end : end + 1] == ")" else end  # 'at the end of each day (17:30)'


def _swapped_service(text: str, start: int, cut: int, end: int) -> int | None:
    """'put it in a Google Doc... no wait, a Notion page': the correction names another service for the same
    object, so only that service is taken back (the verb before it stays); where the retraction then starts."""
    correction = re.match(r"\s*(?:an?\s+|the\s+|our\s+|my\s+)?", text[end:])
    named = integrations_in(text[end : end + 40])
    taken = integrations_in(text[start:cut])
    if not (named and taken and correction) or named[0][0] > correction.end() + 1:
        return None
    at = text.rfind(" ", start, start + taken[-1][0]) + 1 or start
    article = re.search(r"\b(?:an?|the|our|my)\s+$", text[start:at], re.I)
    return start + article.start() if article else at


def labelled_context(text: str) -> list[tuple[int, int]]:
    """The sentences of a line opened by a context label (lexicon.json context 'labels') or a problem report's
    label ('report': 'What I tried: …', 'Expected: …'), wherever it stands: 'Context: our AP team pays vendors twice
    a month. Today the AP lead reads …, and pings the controller in Slack.', 'Background: the front desk re-types
    each booking by hand.'; the lines under such a label standing alone on its line, up to a blank line; and a
    pasted log line ('log_line')."""
    rules = lexicon()["context"]
    spans = _labelled_lines(text, rules["labels"] + "|" + rules["report"])
    # ('Context: we're a small brewery … So: every 30 minutes, get all kegs, …': the sum-up that follows on the same
    # line is the ask, not what the label tells)
    summed = summed_up_at(text)
    return [(a, b) for a, b in spans if a < summed] if summed > 0 else spans


def report_spans(text: str, imperative: re.Pattern[str]) -> list[tuple[int, int]]:
    """The sentences of a problem report's sections ('What I tried:\n1. Dragged a Slack block in …', 'Expected: …',
    'Environment: …'; lexicon.json context 'report'), its pasted log lines and the sentences that tell what the writer
    tried or what their build does wrong (`attempted`): what the writer did and saw, read for no step at all. An
    attempt that names a service or a name the rest of the text does not ('I tried Serper + Twilio but the text was cut
    up') is read as any sentence is: the tool it tried is still the one the writer chose."""
    tried = [
        found.span()
        for found in _CONTEXT_SENTENCE.finditer(text)
        if found.group(0).strip() and attempted(found.group(0).strip().lower(), imperative)
    ]
    rest = "".join(" " if any(a <= i < b for a, b in tried) else c for i, c in enumerate(text))
    elsewhere = {key for _, key in integrations_in(rest)}

    def named_elsewhere(sentence: str) -> bool:  # its services, and its names in capitals ('Exa', 'Serper')
        names = re.findall(r"(?<=[\w,;)] )[A-Z][a-z][\w.-]*", re.sub(r"[\"“«][^\"”»]*[\"”»]", " ", sentence))
        return {key for _, key in integrations_in(sentence)} <= elsewhere and all(
            re.search(rf"\b{re.escape(name)}\b", rest, re.I) for name in names
        )

    tried = [(a, b) for a, b in tried if named_elsewhere(text[a:b])]
    return sorted(set(_labelled_lines(text, lexicon()["context"]["report"]) + tried))


def _labelled_lines(text: str, labels: str) -> list[tuple[int, int]]:
    """The sentences of the lines opened by one of `labels`, of the lines under such a label standing alone on its
    line (up to a blank line, another heading or an ask), and of the pasted log lines."""
    rules = lexicon()["context"]
    labelled = re.compile(r"^\W*(?:" + labels + r")\s*[:–—-]\s*", re.I)
    asks = re.compile(rules["labelled_until"], re.I)
    logged = re.compile(rules["log_line"])
    spans: list[tuple[int, int]] = []
    told = heading = False
    for found in _CONTEXT_SENTENCE.finditer(text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        if not found.group(0).strip():
            continue
        if not text[line_start : found.start()].strip():
            # a new line: its label says whether it is context; a label alone on its line ('What I tried:') heads the
            # lines below it, up to a blank line; a pasted log line is told
            # (another heading, a blank line or an ask ends a section)
            line = found.group(0).strip()
            before = text[: max(0, line_start - 1)]
            heading = heading and not (
                before.rstrip(" \t").endswith("\n")
                or re.fullmatch(r"[^\n:]{1,40}:", line)
                or asks.match(line)
            )
            label = labelled.match(found.group(0))
            heading = heading or bool(label and not found.group(0)[label.end() :].strip())
            told = bool(label) or heading or bool(logged.match(found.group(0)))
        elif told and asks.match(found.group(0)):
            told = heading = False  # ('How it works today: … I want an automated version that …': the ask)
        if told:
            spans.append(found.span())
    return spans


_CONTEXT_SENTENCE = re.compile(r"[^\n]+?(?:[.!?]+(?=\s|$)|\n|$)")


def restated_story(text: str) -> list[tuple[int, int]]:
    """The sentences of a user story ('As a community manager I want every new Reddit post … summarised in Discord
    so that …') that a later section of the ticket restates ('Steps: …', 'AC:', 'Given …', 'Edge cases: …';
    lexicon.json context 'story', 'restated_by'): what the story asks is built from that section."""
    rules = lexicon()["context"]
    story = re.compile(rules["story"], re.I)
    restated = [m.start() for m in re.finditer(rules["restated_by"], text, re.I | re.M)]
    return [
        found.span()
        for found in _CONTEXT_SENTENCE.finditer(text)
        if story.match(found.group(0)) and any(at >= found.end() for at in restated)
    ]


def proposed_changes(text: str) -> list[tuple[int, int]]:
    """The questions that propose a change of where something goes ('Can negative ones go to Jira rather than
    email?'; lexicon.json context 'proposed'): what later messages restate, made where they say."""
    rule = re.compile(lexicon()["context"]["proposed"], re.I)
    return [found.span() for found in _CONTEXT_SENTENCE.finditer(text) if rule.search(found.group(0))]


def ticket_title(text: str) -> list[tuple[int, int]]:
    """The title line of a ticket ('[Automation] Add new Stripe customers to Mailchimp', lexicon.json context
    'title'): it names what the lines below it ask for."""
    found = re.match(lexicon()["context"]["title"], text)
    return [found.span()] if found and "\n" in text[found.end() :] else []


def story_benefit(text: str) -> str:
    """'As a clinic receptionist, I want … a WhatsApp reminder so that no-shows drop.': a user story's benefit
    ('so that …', to the sentence's end) asks for no step; it is blanked, so every position stays."""
    story = re.compile(lexicon()["context"]["story"], re.I)
    out = list(text)
    for found in _CONTEXT_SENTENCE.finditer(text):
        if story.match(found.group(0)):
            benefit = re.search(
                r"[\s,]+so\s+(?:that\s+)?(?=(?:i|we|the|our|they|he|she|it|no|nothing|everyone|[\w-]+s)\b)[^.!?\n]*",
                found.group(0),
                re.I,
            )
            if benefit:
                a, b = found.start() + benefit.start(), found.start() + benefit.end()
                out[a:b] = " " * (b - a)
    return "".join(out)


def brief_ask_at(text: str) -> int:
    """Where a job brief's ask starts ('Looking for someone to build a Sim workflow that …': lexicon.json context
    'brief_ask'), or -1."""
    rule = lexicon()["context"]["brief_ask"]
    return next(
        (m.start() for m in _CONTEXT_SENTENCE.finditer(text) if re.search(rule, m.group(0).strip().lower())),
        -1,
    )


def context_spans(text: str, imperative: re.Pattern[str]) -> list[tuple[int, int]]:
    return list(_context_spans(text, imperative))


@lru_cache(maxsize=1024)
def _context_spans(text: str, imperative: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    """The sentences told before the request ('Our tickets live in Jira.', 'Right now Dana copies each one by
    hand.'): those before the first sentence that opens on a verb (`imperative`), a control word or a request
    voice, or says what should happen (none when no sentence is the request or the first one is), a sentence that
    `tells` how things are counting as told however it opens; after the request, the sentences that tell; and,
    wherever they stand, the sentences of a line opened by a context label (`labelled_context`)."""
    rules = lexicon()["context"]
    told = labelled_context(text)
    spans: list[tuple[int, int]] = []
    # 'Looking for someone to build a Sim workflow that …': a job brief's ask; what it tells before it is context
    ask = brief_ask_at(text)
    summed = summed_up_at(text)
    if summed <= 0:
        # 'Every Friday I look through … and nudge the authors in Slack. I'd love this automatic: Friday 2pm, list …':
        # the routine before a request that takes it over and spells the steps out is told, as before a summary
        over = _routine_restated_at(text)
        summed = next(
            (m.start() for m in _CONTEXT_SENTENCE.finditer(text) if m.start() <= over < m.end()), -1
        )
    if summed > 0:
        # 'Every Monday I go through Stripe … Can we automate? … OK so to sum up: when I run it, get …': the summary
        # restates what the sentences before it told or proposed; after it, what tells how things are
        before = [
            m.span()
            for m in _CONTEXT_SENTENCE.finditer(text, 0, summed)
            if m.group(0).strip() and m.span() not in told
        ]
        after = [
            m.span()
            for m in _CONTEXT_SENTENCE.finditer(text, summed)
            if m.group(0).strip() and m.span() not in told and tells(m.group(0).strip().lower(), imperative)
        ]
        return tuple(sorted(set(before + told + after)))
    for found in _CONTEXT_SENTENCE.finditer(text):
        sentence = found.group(0)
        if not sentence.strip() or found.span() in told:
            continue
        # ('[Sim Community] When an order is created …': a post's tags before its first sentence say nothing of it)
        low = re.sub(r"^(?:\[[^\]\n]{1,40}\]\s*)+", "", sentence.strip().lower())
        # ('Some context: I'm a freelance translator, …': what it tells, after its lead-in)
        unled = re.sub(rules["lead_labels"], "", low)
        # (before a brief's ask, an aside in brackets lists fields, not steps: '(name, email, company)')
        # ('People ask the same things all day: which bike …, can we hold one.': their questions, quoted)
        theirs = re.match(rules["their_questions"], low)
        if (
            tells(low, imperative)
            or (unled != low and tells(unled, imperative))
            or (
                theirs is not None
                and not re.search(rules["request_opens"], theirs.group(0))
                and asks_nothing(theirs.group(0)[:-1], imperative)
            )
            or (found.start() < ask and asks_nothing(re.sub(r"\([^()]*\)", " ", low), imperative))
        ):
            # 'When Sales closes a deal, onboarding is supposed to start …', "I'm the executive assistant to …":
            # how things are, however it opens
            spans.append(found.span())
            continue
        lead = re.sub(r"^\W*(?:\d{1,2}[.)]\s*)?(?:context\s*:\s*)?", "", low)
        # 'As an HR coordinator[, I want] a folder created …' (the wish already read as 'create …'): a user story
        role = re.match(r"(?:(?:user\s+)?story\s*[:–—-]\s*)?as\s+(?:an?|the|our)\s+", lead)
        # 'Monday 8am London: 1) pull last week's signups …': a heading, then numbered steps
        listed = re.search(r":\s*1[.)]\s*", low)
        # 'Twice a day, 9:00 and 15:00 Sydney time, I:\n- open Zendesk …': a line saying when, then a list of steps
        bullet = re.match(r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+", text[found.end() :])
        if (
            bullet
            and low.rstrip().endswith(":")
            and re.search(
                r"\d|\b(?:daily|weekly|hourly|nightly|every|each|twice|thrice|mornings?|evenings?|nights?)\b",
                low,
            )
            and imperative.match(text[found.end() + bullet.end() :].lower())
        ):
            listed = bullet
        if (
            listed
            and (listed is bullet or imperative.match(low, listed.end()))
            or re.search(rules["request_opens"], low)
            or re.search(rules["request_inside"], low)
            or found.start() == ask
            or imperative.match(lead)
            or re.match(rules["story"], lead)
            or role
            and any(imperative.match(lead, m.end()) for m in re.finditer(r",?\s+", lead[: role.end() + 60]))
        ):
            # after the request, a sentence that tells how things are or were ('Our old Zapier zap used to add them
            # to a Google Sheet too, but nobody reads that sheet anymore.') is context too
            after = [
                m.span()
                for m in _CONTEXT_SENTENCE.finditer(text, found.end())
                if m.group(0).strip()
                and m.span() not in told
                and tells(m.group(0).strip().lower(), imperative)
            ]
            return tuple(sorted(spans + told + after))
        spans.append(found.span())
    return tuple(told)


def summary_marker(text: str) -> tuple[int, int] | None:
    """Where the words that mark the sum-up sentence stand ('OK so to sum up:', 'Team, summary:', 'OK final:'): a
    marker, no step nor route label of its own."""
    # ('Thread reply: ok final answer — daily at 5:15pm, …': the marker opens the text, nothing told before it)
    at = max(summed_up_at(text), 0)
    found = re.match(lexicon()["context"]["sums_up"], text[at:], re.I)
    return (at, at + found.end() - 1) if found else None


@lru_cache(maxsize=256)
def summed_up_at(text: str) -> int:
    """Where the last sentence that sums the whole ask up starts ('OK so to sum up: …', 'Team, summary: …', 'final
    version: …'; lexicon.json context 'sums_up'), when words stand before it; -1 when none does."""
    rule = re.compile(lexicon()["context"]["sums_up"])
    at = -1
    for found in _CONTEXT_SENTENCE.finditer(text):
        if rule.search(found.group(0).strip().lower()) and re.search(r"\w", text[: found.start()]):
            at = found.start()
    return at


# a clause's first words that are no verb of its own ('… and then', '…, so', 'but', '…, otherwise')
_CLAUSE_LEAD = re.compile(
    r"^\W*(?:(?:and|but|so|then|also|just|instead|now|please|otherwise|else|from\s+now\s+on)\b\W*)*"
)
# 'a workflow I can start by hand', 'run it manually': how the run starts, nothing told
_STARTED_BY_HAND = re.compile(
    r"\b(?:start|run|trigger|kick|launch|fire|click)\w*\s+(?:[\w-]+\s+){0,3}?(?:by\s+hand|manually)\b"
)
_BY_HAND = re.compile(r"\bby\s+hand\b|\bmanually\b|\b(?:myself|ourselves)\b")


def tells(low: str, imperative: re.Pattern[str]) -> bool:
    """Whether a sentence (lowercased) tells how things are or were (lexicon.json context 'told': 'Right now I
    answer every message myself', 'Last month a customer waited a week', 'Each Monday our ops lead copies …') and
    asks nothing: no request voice, no clause opening on a verb but one done by hand."""
    rules = lexicon()["context"]
    # ('AI drafts a reply, saved as a Gmail draft (staff review and send themselves — never send automatically)': an
    # aside in brackets that is a clause of its own tells of others beside the sentence, not how the sentence is done;
    # a short one, '(by hand)', still says it)
    low = re.sub(r"\((?=(?:[^()\s]+\s+){3})[^()]*\)", " ", low)
    if not any(re.search(rx, low) for rx in rules["told"]) or _STARTED_BY_HAND.search(low):
        return False
    # ('- Gmail DRAFT to the newsletter list — draft only, Claire sends it herself': a note's item that names what
    # is wanted before its aside is asked for; the aside tells who does the rest by hand)
    item = _NOTE_ITEM.match(low)
    if item and not any(re.search(rx, item.group(1)) for rx in rules["told"]):
        return False
    return asks_nothing(low, imperative)


# a bulleted note's item up to its first aside ('- gmail draft to the list — draft only, …')
_NOTE_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+([^,;:()\n]+?)\s+[-–—]\s")


def attempted(low: str, imperative: re.Pattern[str]) -> bool:
    """Whether a sentence (lowercased) tells what the writer tried or what their own build does wrong (lexicon.json
    context 'attempt': 'I tried the Telegram block but …', 'What I built texts Anil on every reading', 'The Clay
    block says "webhook URL required"') and asks nothing."""
    if not any(re.search(rx, low) for rx in lexicon()["context"]["attempt"]) or _STARTED_BY_HAND.search(low):
        return False
    return asks_nothing(low, imperative)


def asks_nothing(low: str, imperative: re.Pattern[str], opened: bool = False) -> bool:
    """Whether a sentence (lowercased) has no request voice (lexicon.json context 'request_inside') and no clause
    opening on a verb, but one done by hand ('We use IFTTT to tweet every new video.', 'update the table by hand at
    the end of the day'); with `opened`, no clause opening as a request does either ('…: every Thursday at 11:00
    read …')."""
    rules = lexicon()["context"]
    if re.search(rules["request_inside"], low):
        return False
    # ('we copy each one by hand and then DM the manager': the verbs after 'and' share the subject)
    clauses = re.split(r"[,;()]+|(?<!\d):(?!\d)|\s[-–—]\s|\s+(?:but|so)\s+", low)
    # ('every day I look up who is arriving, then WhatsApp each guest …': after a clause the writer does, the verb
    # after 'then' is theirs too)
    doer = [bool(_WRITER_DOES.search(clause)) for clause in clauses]
    # ('then tell the housekeepers which pitches need turning, which I currently do by shouting': the clauses before
    # it are what the writer does now)
    now_done = next((i for i, c in enumerate(clauses) if _DONE_NOW.search(c)), -1)
    return not any(
        (
            imperative.match(_CLAUSE_LEAD.sub("", clause))
            and not _BY_HAND.search(clause)
            and not (any(doer[:i]) and re.match(r"\s*(?:and\s+)?then\s", clause))
            and not i < now_done
        )
        or (opened and re.search(rules["request_opens"], clause.strip()))
        for i, clause in enumerate(clauses)
    )


_DONE_NOW = re.compile(r"^\s*which\s+(?:i|we)\s+(?:currently|still|now|usually|always|normally)\s+do\b")
# 'every day I look up who is arriving', 'we check the sheet': the writer doing the work, not asking for it
_WRITER_DOES = re.compile(
    r"(?:^|\s)(?:i|we)\s+(?!(?:want|wanna|need|would|should|must|can|could|will|shall|may|might|have\s+to|"
    r"had\s+to|hope|wish|love|like|prefer|am|are|was|were|do\s+not|don['’]t)\b)(?!['’])[a-z]+"
)


# the words between two steps: an arrow, a numbered list's number, a comma or semicolon, a sentence's end, 'then'
_STEP_OPEN = r"(?:^|(?<=->)|(?<=→)|(?<==>)|(?<=[,;:.\n])|(?<=\bthen)|(?<=\d\)))"
_STEP_CLOSE = r"(?=\s*(?:->|→|=>|[,;.\n]|$|\d\)\s))"


@lru_cache(maxsize=1)
def _iterator_re() -> re.Pattern[str]:
    names = sorted(lexicon()["iterators"], key=len, reverse=True)
    return re.compile(
        _STEP_OPEN
        + r"(?P<lead>\s*)(?:(?:an?|the)\s+)?(?:"
        + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        + r")(?:\s+(?:by\s+\w+|node|module|step|action|control|tool))?"
        # 'over the deals', 'each line item', '(line item)', ': one item per deal', 'over the order's line items'
        r"(?:\s*[:(–-]?\s*(?:(?:over|through|across|on|for|of|per|in)\s+)?"
        r"(?:(?:each|every|all|one|item|items|per|the|our|my|their|its|those|these|[\w-]+['’]s)\s+)*"
        r"(?P<items>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)(?:\s*\))?)?"
        + _STEP_CLOSE
        # the arrow or comma to the next step: the loop's body starts after 'for each …:'
        + r"(?P<tail>\s*(?:->|→|=>|[,;])\s*(?:(?:and\s+)?then\s+)?)?",
        re.I,
    )


# what an iterator's 'over …' says when it names no item ('Iterator (array)', 'Split In Batches: batches')
_NO_ITEM_NOUN = frozenset(
    ("", "item", "items", "one", "it", "them", "list", "array", "batch", "batches", "bundle")
)


def _one_of(noun: str) -> str:
    """'deals' → 'deal', 'line items' → 'line item', 'entries' → 'entry', 'addresses' → 'address'."""
    if re.search(r"ies$", noun, re.I):
        return noun[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x)es$", noun, re.I):
        return noun[:-2]
    if re.search(r"[^s]s$", noun, re.I):
        return noun[:-1]
    return noun


def iterator_steps(text: str) -> str:
    """An automation tool's iterator step named alone between two steps (lexicon.json 'iterators': '… -> Iterator
    -> …', '-> Looping by Zapier over the deals ->', '-> Apply to each line item ->', '3) Split Out: one item per
    deal. 4) …') read as 'for each <item>': every step after it repeats for each item of the list read before it.
    With no items named the item is an 'item'; an iterator followed by a step that names its own 'for each …' is
    that loop (no second one)."""

    def each(m: re.Match[str]) -> str:
        items = (m.group("items") or "").strip()
        if (
            items.lower() not in _NO_ITEM_NOUN
            and m.group("tail")
            and re.search(r"\beach\s+one\s+$", text[m.start() : m.start("items")], re.I)
        ):
            # '…; for each one approved, update …': after 'each one' the words are the item's state, not a noun
            return f"{m.group('lead')}for each one that is {items}{m.group('tail')}"
        if items.lower() in _NO_ITEM_NOUN:
            items = "item"
        after = text[m.end() :]
        if re.match(
            r"\s*(?:->|→|=>|[,;:.]|\d\))?\s*(?:and\s+)?(?:then\s+)?for\s+(?:each|every)\b", after, re.I
        ):
            # '-> SplitInBatches -> for each row, …': the loop that step names
            return m.group("lead") + "\x03"
        return f"{m.group('lead')}for each {_one_of(items)}" + (": " if m.group("tail") else "")

    text = _reshaping_re().sub(lambda m: m.group("lead") + "\x03", text)
    return re.sub(r"\x03\s*(?:->|→|=>|[,;])?\s*", "", _iterator_re().sub(each, text))


@lru_cache(maxsize=1)
def _reshaping_re() -> re.Pattern[str]:
    """'-> Parse JSON ->' (lexicon.json 'reshaping_steps'): a step named alone between two others; only between
    arrows, as the tools draw them."""
    names = sorted(lexicon()["reshaping_steps"], key=len, reverse=True)
    return re.compile(
        r"(?:(?<=->)|(?<=→)|(?<==>))(?P<lead>\s*)(?:"
        + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        + r")(?:\s*\([^()]{0,60}\))?(?=\s*(?:->|→|=>))",
        re.I,
    )


# (a bulleted line starts a clause too: '- No match: send the enquirer …')
# (a line's start too: 'Trigger: …\nAction 1: …', a label on a line of its own with no bullet)
_CLAUSE_START = r"(?P<pre>(?:^|(?<=\n)|[,;:.!?\n]\s|(?:->|→|=>)|(?:^|\n)[ \t]*[-*•][ \t]+)\s*)"


@lru_cache(maxsize=1)
def _branch_labels() -> list[tuple[re.Pattern[str], str, re.Pattern[str] | None]]:
    return [
        (re.compile(_CLAUSE_START + rx, re.I), said, re.compile(needs, re.I) if needs else None)
        for rx, said, needs in lexicon()["branch_labels"]
    ]


# 'Given a new row is added to …, when the shift is 'weekend', then add …': a ticket's acceptance criterion, the
# event (or a state) given, the test 'when' names and the steps 'then' says
_GIVEN = re.compile(
    r"(?P<pre>(?:^|(?<=\n)|(?<=[.;:!?]\s))[ \t]*(?:[-*•]\s+|\d{1,2}[.)]\s+)?)(?-i:G)iven\s+(?P<e>(?:[^,;\n]|,(?=\d{3}\b)){3,160}?),\s*"
    r"(?:(?:and\s+)?when\s+(?P<w>(?:[^,;\n]|,(?=\d{3}\b)){3,160}?),?\s+)?then\s+(?=\S)",
    re.I,
)
# what happens, as an event ('a new row is added', 'a Stripe payment fails', 'a submission comes in')
_HAPPENS = re.compile(
    r"\bnew\b|\bwebhooks?\b|\bevents?\b|\b(?:is|are|gets?|get|was|were|has\s+been)\s+(?:just\s+)?(?:added|created|opened|"
    r"submitted|received|booked|paid|posted|updated|closed|merged|published|placed|filed|raised|sent|assigned|"
    r"deleted|cancell?ed|completed|scheduled|uploaded|moved|changed|tagged|labell?ed|signed|made|approved|"
    r"rejected|refunded|delivered|shipped|edited|modified|commented|mentioned|starred|pushed|deployed)\b|"
    r"\b(?:arrives?|comes?\s+in|fails?|succeeds?|signs?\s+up|repl(?:y|ies)|lands?|drops?\s+in|fires?|"
    r"triggers?|shows?\s+up|checks?\s+out|submits?|books?|pays?|opens?|pushes|moves?\s+to)\b",
    re.I,
)
# 'bills are due', 'the invoice is overdue', 'the customer is a VIP': a state (a form of 'be' or 'have' not before a
# participle), where 'a HubSpot deal closes' and 'a ticket is escalated' are events
_GIVEN_STATE = re.compile(
    r"(?:(?:a|an|the|each|every|any|our|my|their|its)\s+)?(?:[\w'’$-]+\s+){0,4}?(?:is|are|was|were|has|have|had)\b"
    r"(?!\s+(?:just\s+|been\s+|being\s+)*(?:[a-z]+ed|paid|sent|made|done|won|lost|written|given|taken|put|set|held|"
    r"sold|bought|built|hit|found|shut|cut)\b)",
    re.I,
)
# 'when the failure event arrives', 'when the run starts', 'when the webhook fires': the event said again, no test
_SAID_AGAIN = re.compile(
    r"(?:(?:the|a|an|this|that|its?|each|every)\s+)?(?:[\w-]+\s+){0,3}?(?:arrives?|fires?|starts?|runs?|"
    r"is\s+received|comes?\s+in|happens?|is\s+triggered|gets\s+triggered|lands?|kicks\s+off|begins?|is\s+called)",
    re.I,
)


def given_when_then(text: str) -> str:
    """'Given <event>, when <test>, then <steps>' → 'When <event>, if <test>, <steps>'; the event said again
    ('when the webhook fires') is no test; a given state with no event ('Given a single bill is over $10,000, then
    …') is the test ('If …, …'), and one the run's own start restates ('Given bills are due, when the run starts,
    then …') only says what the steps work on."""

    def read(m: re.Match[str]) -> str:
        given, when = m.group("e").strip(), (m.group("w") or "").strip()
        again = bool(when) and _SAID_AGAIN.fullmatch(when) is not None and threshold_in(when) is None
        test = when if when and not again else ""
        pre = m.group("pre")
        if (_HAPPENS.search(given) or not _GIVEN_STATE.match(given)) and threshold_in(given) is None:
            return f"{pre}When {given}, " + (f"if {test}, " if test else "")
        if test:
            return f"{pre}If {given} and {test}, "
        return pre if again else f"{pre}If {given}, "

    return _GIVEN.sub(read, text)


def branch_labels(text: str) -> str:
    """'IF size > 8 -> email …; false branch -> log …', 'Condition: X -> yes: …; no: …', 'Path A - rule: X -> …
    Path B - everything else -> …', 'Filter: X': the branches of a test as automation tools label them, read as the
    plain words ('if X, …; otherwise, …', 'only continue if X') (lexicon.json 'branch_labels'). An entry that needs
    another label or a test applies only when the description says that before the label."""

    def read(m: re.Match[str], said: str, needs: re.Pattern[str] | None, before: str) -> str:
        if needs is not None and not needs.search(before[: m.start("pre")]):
            return m.group(0)
        capital = m.group(0)[len(m.group("pre")) :][:1].isupper()
        return m.group("pre") + (said.capitalize() if capital else said)

    for label, said, needs in _branch_labels():
        text = label.sub(partial(read, said=said, needs=needs, before=text), text)
    return text


# 'Switch node on inspection result: 'pass' -> …; 'fail' -> …', 'Router by region -> "EU" -> …': the field a switch
# reads, then each case a quoted value before an arrow
_SWITCH_ON = re.compile(
    r"\b(?:switch|router)(?:\s+(?:node|module|step))?\s+(?:on|by|over)\s+(?:the\s+)?(?P<field>[^:;.,\n'\"]{2,40}?)"
    r"\s*(?::|->|→|=>)\s*",
    re.I,
)
_SWITCH_CASE = re.compile(
    r"(?P<pre>(?:^|[:;,.]\s|(?:->|→|=>)|\n)\s*(?:(?:case|route|output)\s+\d{1,2}\s*[:\-–—]?\s*)?)"
    r"(?P<value>'[^'\n]{1,40}'|\"[^\"\n]{1,40}\"|‘[^’\n]{1,40}’|“[^”\n]{1,40}”)\s*(?:->|→|=>|:)\s*"
)


def switch_cases(text: str) -> str:
    """'Switch node on inspection result: 'pass' -> email …; 'fail' -> create …': each case of a switch on a field is
    a test of that field ('if the inspection result is 'pass', email …; if the inspection result is 'fail', …')."""
    switch = _SWITCH_ON.search(text)
    if switch is None:
        return text
    # ('ticket type from the webhook': the field, not where it comes from)
    field, *source = re.split(
        r"\s+(?=(?:from|in|of|on)\s+(?:the|our|each|every)\b)", switch.group("field").strip(), maxsplit=1
    )
    cases = _SWITCH_CASE.sub(
        lambda m: f"{m.group('pre')}if the {field} is {m.group('value')}, ", text[switch.end() - 1 :]
    )
    if cases == text[switch.end() - 1 :]:
        return text
    return text[: switch.start()] + "".join(f"{s}: " for s in source) + re.sub(r"^[\s:>=→-]+", "", cases)


# '… and tell #churn - except customers on the 'Enterprise' plan, who get nothing', '…, apart from contacts with the
# 'VIP' label': the items left out, said after what is done, with any reason after them
_EXCEPT_AFTER = re.compile(
    r"\s*(?:[-–—,;]\s*|\s)(?:except|excluding|apart\s+from|but\s+not)\s+(?:for\s+)?"
    r"(?P<who>(?:any\s+|the\s+|all\s+|those\s+)?[\w-]+\s+(?:marked|tagged|flagged|labell?ed|with|whose|that|who|on|in|from)\b"
    r"[^,.;!?\n]*?)\s*(?:,\s*(?:who|which|they|as|since|because|these|those)\b[^.;!?\n]*)?(?=[.;!?\n]|$)",
    re.I,
)


def exceptions_as_skips(text: str) -> str:
    """'… emails the customer a code and tells #churn - except customers on the 'Enterprise' plan, who get nothing':
    an exception said after the steps is a sentence of its own that leaves those items out ('… #churn. Skip customers
    on the 'Enterprise' plan.'), read as the test around what is done."""
    return _EXCEPT_AFTER.sub(lambda m: f". Skip {m.group('who').strip()}", text)


# 'Sev1 alerts only.', 'P1 incidents only, please.', 'Only critical alerts.': the items a run keeps, by a marker said
# before their noun — a word with a capital or a digit, a quoted one, or one of lexicon.json 'item_markers'
_MARKED_ONLY = re.compile(
    r"(?:^|(?<=[.!?\n]))(?P<lead>[^\S\n]*(?:[-*•][^\S\n]*)?(?:(?:and|but|oh|also|btw)[,]?\s+)?)"
    r"(?:only\s+(?P<q1>[\"“'‘][\w -]{1,24}[\"”'’]|[\w-]+)\s+(?P<n1>[a-z]+s)|"
    r"(?P<q2>[\"“'‘][\w -]{1,24}[\"”'’]|[\w-]+)\s+(?P<n2>[a-z]+s)\s+only)"
    r"(?:\s*,?\s*(?:please|pls|plz|thanks|thx))?[^\S\n]*(?P<end>[.!]|(?=\n)|$)",
    re.I,
)


# 'Only P1 incidents from PagerDuty should go to #war-room.', 'Only post urgent tickets to #triage.', '…, but only
# Sev1 alerts.': the marked items open a sentence that goes on, or end a clause after a comma or a dash
_MARKED_ONLY_SAID = re.compile(
    r"(?:(?P<open>(?:^|(?<=[.!?\n]))[^\S\n]*(?:[-*•][^\S\n]*)?)only\s+(?:(?P<verb>[a-z]+)\s+)??"
    r"(?P<q>[\"“'‘][\w -]{1,24}[\"”'’]|[\w-]+)\s+(?P<noun>[a-z]+s)\b(?P<rest>[^.!?\n]+)(?P<end>[.!?]|(?=\n)|$)"
    r"|(?P<comma>\s*(?:,|\s[-–—])\s*(?:but\s+|and\s+)?)only\s+(?P<q3>[\"“'‘][\w -]{1,24}[\"”'’]|[\w-]+)\s+"
    r"(?P<n3>[a-z]+s)(?:\s*,?\s*(?:please|pls|plz|thanks|thx))?[^\S\n]*(?P<end3>[.!]|(?=\n)|$))",
    re.I,
)
# words after 'only' that say how many or which place, not which items
_NOT_MARKERS = frozenset({"only", "new", "all", "the", "these", "those", "some", "any", "our", "my", "if", "when", "for", "to"})  # fmt: skip


@lru_cache(maxsize=1)
def _app_names() -> frozenset[str]:
    """The names of the services the planner knows ('Slack', 'Jira'): a word that names where, not which items."""
    table = lexicon()
    names = {p.strip().lower() for e in table["integrations"].values() for p in e["phrases"]}
    names |= {p.strip().lower() for e in table["named_apis"].values() for p in e.get("phrases", [])}
    return frozenset(names)


def _is_marker(q: str) -> bool:
    """A word that marks which items a run keeps: quoted, a code with a digit ('P1', 'Sev2'), capitalised and no
    service's name, or lexicon.json 'item_markers'."""
    bare = q.strip("\"“”'‘’")
    return bare.lower() not in _NOT_MARKERS and bool(
        q[0] in "\"“'‘"
        or (re.search(r"\d", bare) and re.search(r"[a-z]", bare, re.I))
        or (bare[:1].isupper() and bare.lower() not in _app_names())
        or bare.lower() in {w.lower() for w in lexicon()["item_markers"]}
    )


def marked_only(text: str) -> str:
    """'… post it to #noc and text the duty phone. Sev1 alerts only.' → '… Only alerts tagged Sev1.': a filter said by
    a marker before the items' noun, the noun one the text named before it (the event's), reads as the items a test
    keeps, the form the planner already knows. Said before the rest of its sentence ('Only P1 incidents from
    PagerDuty should go to #war-room.', 'Only post urgent tickets to #triage.') or after a comma ('…, but only Sev1
    alerts.'), the sentence keeps its steps and the filter follows it."""
    markers = {w.lower() for w in lexicon()["item_markers"]}

    def said(m: re.Match[str]) -> str:
        if m.group("comma") is not None:
            q, noun = m.group("q3"), m.group("n3")
            if not _is_marker(q) or not re.search(
                r"\b" + re.escape(noun[:-1]) + r"s?\b", text[: m.start()], re.I
            ):
                return m.group(0)
            return f". Only {noun.lower()} tagged {q}{m.group('end3') or '.'}"
        q, noun, verb = m.group("q"), m.group("noun"), m.group("verb")
        if not _is_marker(q) or (verb and (verb.lower() in _NOT_MARKERS or _is_marker(verb))):
            return m.group(0)
        head = f"{verb} {noun}" if verb else noun
        return f"{m.group('open')}{head[:1].upper()}{head[1:]}{m.group('rest')}{m.group('end') or '.'} Only {noun.lower()} tagged {q}."

    def one(m: re.Match[str]) -> str:
        q, noun = (m.group("q1"), m.group("n1")) if m.group("q1") else (m.group("q2"), m.group("n2"))
        bare = q.strip("\"“”'‘’")
        if not (
            q[0] in "\"“'‘" or re.search(r"\d", bare) or bare[:1].isupper() or bare.lower() in markers
        ) or bare.lower() in ("only", "new", "all", "the", "these", "those", "some", "any", "our", "my"):
            return m.group(0)
        if not re.search(r"\b" + re.escape(noun[:-1]) + r"s?\b", text[: m.start()], re.I):
            return m.group(0)  # ('Weekly reports only': no item the text named before)
        return f"{m.group('lead')}Only {noun.lower()} tagged {q}{m.group('end') or '.'}"

    return _MARKED_ONLY_SAID.sub(said, _MARKED_ONLY.sub(one, text))


_QUOTE_OPEN = "'\"‘“"
_QUOTE_CLOSE = {"'": "'’", '"': '"', "‘": "’'", "“": '”"'}


@lru_cache(maxsize=1)
def _app_action_re() -> re.Pattern[str]:
    from lib.generation import services

    table = lexicon()
    data = table["app_actions"]
    names = {p.strip().lower() for e in table["integrations"].values() for p in e["phrases"]}
    names |= {p.strip().lower() for e in table["named_apis"].values() for p in e.get("phrases", [])}
    names |= {a.lower() for e in services.external().values() for a in e["aliases"]}
    unnamed = services.data()["unnamed"]
    # a name that is also a common word ('Monday') names the service only as its address ('monday.com')
    names |= {n.lower() + (".com" if n.lower() in unnamed["not_names"] else "") for n in unnamed["hosts"]}
    names = {n for n in names if len(n) > 2 and n not in set(data["not_apps"])}
    apps = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    verbs = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(data["verbs"], key=len, reverse=True)
    )
    return re.compile(
        r"(?<![\w#@/.'-])(?P<app>(?:"
        + apps
        + r")(?:\.com)?)(?:[ \t]+(?:software|module|app|api))?(?:[ \t]+node)?"
        # (on one line: '- trigger: webhook from Typeform\n- add …' is a list, not an action)
        r"(?P<sep>[ \t]*>[ \t]*|[ \t]+[-–—][ \t]+|:[ \t]+|[ \t]+(?=[" + _QUOTE_OPEN + r"]))"
        r"(?P<quote>[" + _QUOTE_OPEN + r"])?(?P<verb>" + verbs + r")(?![\w/-])",
        re.I,
    )


def app_actions(text: str) -> str:
    """'HubSpot - Create Contact', 'Xero > Create a bill with those values', "Trello 'Create Card' on the board",
    "Supabase node 'Get many rows' from table 'bookings'" → 'create contact in HubSpot', 'create a bill in Xero with
    those values', 'create card in Trello on the board', 'get many rows in Supabase from table …': an action listed
    after its app (lexicon.json 'app_actions') is its verb's clause, done in that app. The action's name ends at its
    closing quote, or at a word that says where, with what or to whom; a name that runs on ('SendGrid: email the
    customer a rebooking link') keeps its words, the app named right after its verb ('email via SendGrid the …')."""
    stops = {s.lower() for s in lexicon()["app_actions"]["stops"]}
    out: list[str] = []
    at = 0
    for m in _app_action_re().finditer(text):
        if m.start() < at:
            continue
        app = text[m.start("app") : m.end("app")]
        if m.group("sep").strip() == ":" and not re.search(r"(?:^|[.;,:>→(\n])\s*$", text[: m.start()]):
            continue  # 'someone books a demo through Calendly: add them …': a sentence's colon, not an app's action
        if m.group("quote"):
            closers = _QUOTE_CLOSE[m.group("quote")]
            close = min((i for i in (text.find(c, m.end("verb")) for c in closers) if i >= 0), default=-1)
            if close < 0 or close - m.end("verb") > 60:
                continue
            action, rest_at = text[m.start("verb") : close], close + 1
            place = "name"
        else:
            place, taken = "end", m.end("verb")
            for _ in range(5):  # the action's own words: up to a stop word, a mark or the clause's end
                w = re.compile(r"[ \t]+(?P<w>->|→|=>|[^\s,.;:!?()\[\]\"“”]+)").match(text, taken)
                if not w:
                    place = "name"
                    break
                word = w.group("w")
                if (
                    word.lower() in stops
                    or word.startswith(("#", "'", "‘", "@"))
                    or re.match(r"https?:", word)
                ):
                    place = "name"
                    break
                taken = w.end()
            action, rest_at = text[m.start("verb") : taken], taken
        if re.fullmatch(r"[A-Za-z/ ]+", action):
            action = action.lower()
        else:
            action = action[: len(m.group("verb"))].lower() + action[len(m.group("verb")) :]
        if place == "name":
            out.append(text[at : m.start()] + action + " in " + app)
            at = rest_at
        else:  # the clause runs on ('SendGrid: email the customer a rebooking link'): the app right after the verb
            verb = action[: len(m.group("verb"))]
            out.append(text[at : m.start()] + verb + " via " + app + action[len(verb) :])
            at = rest_at
    out.append(text[at:])
    return "".join(out)


def _inflected(verb: str) -> list[str]:
    """'post' → ['posts'], 'reply' → ['replies'], 'go through' → ['goes through']: the third person of a verb
    (its first word)."""
    head, _, rest = verb.partition(" ")
    if re.search(r"[^aeiou]y$", head):
        forms = [head[:-1] + "ies"]
    elif re.search(r"(?:s|sh|ch|x|z|o)$", head):
        forms = [head + "es"]
    else:
        forms = [head + "s"]
    return [f + (" " + rest if rest else "") for f in forms]


def _gerunds(verb: str) -> list[str]:
    """'post' → ['posting'], 'write' → ['writing'], 'log' → ['logging', 'loging']: the -ing forms a verb may take."""
    head, _, rest = verb.partition(" ")
    forms = {head + "ing"}
    if head.endswith("e") and not head.endswith("ee"):
        forms.add(head[:-1] + "ing")
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", head):
        forms.add(head + head[-1] + "ing")
    return [f + (" " + rest if rest else "") for f in sorted(forms)]


@lru_cache(maxsize=1)
def _doer_tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The doer-clause reader (subject, modals, verb) and the reader of the verbs joined after it, with each
    verb form's base."""
    table = lexicon()["doers"]
    bases = sorted(
        (set(lexicon()["routine_verbs"]) | set(table["verbs"])) - set(table["kept"]), key=len, reverse=True
    )
    base_of: dict[str, str] = {}
    for verb in bases:
        for form in [verb, *_inflected(verb), *_gerunds(verb)]:
            base_of.setdefault(form.lower(), verb)
    third = sorted({f for v in bases for f in _inflected(v)}, key=len, reverse=True)
    every = sorted(base_of, key=len, reverse=True)

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    nouns = alt(table["nouns"])
    word = r"[\w'’-]+"
    doer = (
        r"(?P<who>(?:(?:the|our|my|this|your|an?)\s+(?:" + word + r"\s+){0,2}?(?:" + nouns + r")"
        r"(?:\s*,\s*(?-i:[A-Z])[a-z]+\s*,)?(?:\s+(?:it|he|she))?)"
        r"|(?P<lab>(?:(?:the|our|my|this|your|an?)\s+)?(?:" + word + r"\s+){0,2}?(?:" + nouns + r")\s*:)"
        r"|(?P<bare>(?:" + nouns + r"))(?=\s+(?:" + alt(table["modals"]) + r")\b)"
        r"|(?P<pro>" + alt(table["pronouns"]) + r")|(?P<mpro>" + alt(table["modal_pronouns"]) + r")"
        r"|(?P<name>(?-i:[A-Z][a-z]{2,})))"
    )
    modal = (
        r"(?:(?:\s+|(?=['’]))(?P<m>(?:"
        + alt(table["modals"])
        + r")(?:\s+(?:"
        + alt(table["modals"])
        + r"))*))?"
    )
    negation = r"(?:\s+(?P<{}>" + alt(table["negations"]) + r")(?:\s+(?:" + alt(table["modals"]) + r"))?)?"
    ing = r"(?:\s+(?P<be>is|are|will\s+be)(?=\s+\w+ing\b))?"
    clause = re.compile(
        r"(?<![\w'’@#/.-])"
        + doer
        + negation.format("neg")
        + modal
        + negation.format("neg2")
        + ing
        + r"\s+(?P<verb>"
        + alt(every)
        + r")\b(?![-'’])",
        re.I,
    )
    # ('…, has AI flag every item'): a verb that hands the step to an AI, only before the AI it names
    handing = table["delegating"]
    base_of.update(handing["forms"])
    handed = r"|(?:" + alt(list(handing["forms"])) + r")(?=\s+(?:" + alt(handing["to"]) + r")\b)"
    joined = re.compile(
        r"(?P<join>\s*(?:,|->|→|=>)\s*(?:and\s+|then\s+|also\s+|finally\s+)*|\s+(?:and|then)\s+(?:then\s+|also\s+|finally\s+)*)"
        # ('…, books@ledgerly.co': the local part of an address, no verb)
        r"(?P<verb>" + alt(third) + handed + r")\b(?![-'’@])"
        # what a verb takes next (an object, a person, a place), not a noun of a list ('the issues and updates
        # from Jira')
        r"(?=\s+(?:it|them|him|her|me|us|you|the|an?|each|every|all|any|some|our|their|its|his|that|this|those|"
        r"these|whoever|someone|everyone|anyone|to|in|on|into|back|out|up|over|through|with|for|via|one|new|"
        r"[\w-]+['’]s\b|\d)\b|\s*[#@\"'“‘(]|\s+(?-i:[A-Z]))",
        re.I,
    )
    return clause, joined, base_of


def had_doers(text: str) -> str:
    """'please have the system list the new files in …', 'let the workflow post …', 'get the automation to email …',
    'could the system check …' → 'please list the new files in …': the thing built told to do a step (lexicon.json 'doers' nouns) is no step of
    its own; the verb it is told to do is the step (a routine or doer verb only: 'have the system ready' stays)."""
    _, _, base_of = _doer_tables()
    # (not a model: 'have the AI write a note', 'let the agent draft …' is the AI's step)
    models = {"ai", "agent", "assistant", "bot", "chatbot", "chat bot"}
    nouns = "|".join(
        re.escape(n).replace(r"\ ", r"\s+")
        for n in sorted(lexicon()["doers"]["nouns"], key=len, reverse=True)
        if n not in models
    )
    told = re.compile(
        # ('could the system check the Drive folder …', 'can the workflow email …': asked of it, the same step)
        r"\b(?:have|let|get|make|could|can|would|will)\s+(?:the|our|my|this|your)\s+(?:[\w-]+\s+)?(?:"
        + nouns
        + r")\s+"
        r"(?:to\s+)?"
        r"(?:(?:automatically|also|then|just)\s+)?(?=(?P<verb>[a-z]+)\b)",
        re.I,
    )

    def step(m: re.Match[str]) -> str:
        verb = m.group("verb").lower()
        return "" if base_of.get(verb) == verb else m.group(0)

    return told.sub(step, text)


def ai_as_doer(text: str) -> str:
    """'Firecrawl search for the product → AI compares the prices it finds → …', '• Transform: AI groups trips by
    driver' → '… use AI to compare the prices …', 'use AI to group trips by driver': an AI named as the subject of a
    step, whatever its verb, does that step (lexicon.json doers 'ai_work': the AIs, and the verbs that send or
    store, which stay the send's own)."""
    rules = lexicon()["doers"]["ai_work"]
    ais = "|".join(sorted((re.escape(a).replace(r"\ ", r"\s+") for a in rules["ais"]), key=len, reverse=True))
    pattern = re.compile(
        r"(?P<lead>(?:^|(?<=[\n:;,→>•*-])|(?<=\bthen\s)|(?<=\band\s))[ \t]*(?:(?:then|and|also)\s+)?)"
        r"(?P<ai>" + ais + r")\s+(?:(?:then|also|just)\s+)?"
        r"(?P<verb>[a-z]{3,}s)\b(?=\s+[a-z\d'\"‘“])",
        re.I,
    )
    keep = set(rules["not_work"])

    def used(m: re.Match[str]) -> str:
        verb = m.group("verb").lower()
        base = (
            verb[:-3] + "y"
            if verb.endswith("ies")
            else verb[:-2]
            if verb.endswith(("ches", "shes", "sses", "xes", "zes"))
            else verb[:-1]
        )
        if verb in keep or base in keep or verb.endswith("ss"):
            return m.group(0)
        return m.group("lead") + "use AI to " + base

    return pattern.sub(used, text)


def doer_as_steps(text: str) -> str:
    """'the standup assistant reads the Jira issues …, writes a short digest, and posts it to #standup' → 'read
    the Jira issues …, write a short digest, and post it to #standup'; 'each Monday she pulls …, goes through each
    row, and emails …', 'it will post', 'the bot should read', 'it is going to fetch', 'It won't post to Slack' →
    'never post to Slack': a step told of the bot (the thing built, a pronoun or its name, lexicon.json 'doers'),
    in the third person, the future or with a modal, read as the step it names — and the verbs joined after it in
    the same sentence. The subject is no object; a clause inside an event or a test ('when it posts', 'if she
    replies') stays as written."""
    clause, joined, base_of = _doer_tables()
    from lib.generation.services import data as service_data

    never = {w.lower() for w in service_data()["unnamed"]["not_names"]} | {
        p.lower() for p in lexicon()["people"]
    }
    building = re.search(
        r"\b(?:" + "|".join(re.escape(n) for n in lexicon()["doers"]["nouns"]) + r")s?\b", text, re.I
    )
    judging = set(lexicon()["doers"]["ai_reads"])
    ais = "|".join(re.escape(w) for w in lexicon()["doers"]["delegating"]["to"] if " " not in w)
    out, at = [], 0
    for m in clause.finditer(text):
        if m.start() < at:
            continue
        verb = m.group("verb")
        low = verb.lower()
        base = base_of.get(re.sub(r"\s+", " ", low))
        if base is None:
            continue
        if low.endswith("ing") and low != base and not m.group("be"):
            continue  # 'our Telegram bot asking when …': no verb of a clause
        modal = m.group("m") or ""
        lead = text[: m.start()]
        said = "never " if m.group("neg") or m.group("neg2") else ""
        third = low != base and not low.endswith("ing")
        if m.group("name"):
            name = m.group("name")
            if (
                not building
                or not third
                or modal
                or said
                or name.lower() in never
                or integrations_in(name)
                or not re.search(rf"\b{name}\b", text[: m.start()])  # a name the text gave the bot before
                # ('Billing emails should be forwarded …', 'Password Reset messages SHALL be raised …': a kind and
                # its plural noun — a verb is followed by no modal)
                or re.match(
                    r"\s+(?:should|shall|must|will|would|can|could|may|are|were|get|need)\b",
                    text[m.end() :],
                    re.I,
                )
            ):
                continue
        elif m.group("bare") and (lead.strip() and not re.search(r"[.!?:\n]\W*$", lead)):
            continue  # 'Bot should monitor …' opens a sentence; 'our Slack bot will …' has its determiner
        elif m.group("lab") and not third:
            continue  # 'bot: checks Gmail …', a label and what it does; 'Agent: read …' is read as written
        elif m.group("mpro") and not (
            modal.strip() and re.search(r"\b(?:will|should|must|shall|would|going)\b|['’]", modal)
        ):
            continue
        elif not (
            third
            or modal
            or said
            or low.endswith("ing")
            # 'it send me the list', 'il crée' → 'it create': a pronoun with the verb's bare form (not 'make it post';
            # not 'for each café on it send them …', where the pronoun is the object of 'on')
            or (
                m.group("pro")
                and not re.search(
                    r"\b(?:make|makes|made|let|lets|have|has|had|help|see|watch|on|in|from|of|into|onto|off|at|"
                    r"with|under|below|above|against)\s+$",
                    lead,
                    re.I,
                )
            )
        ):
            continue  # 'the bot answer' / 'it post': no verb form that says the subject acts
        if _WHEN_I.search(lead) or re.search(r"\b(?:that|which|who|whose|where|what|whom)\s+$", lead, re.I):
            continue  # 'when it posts', 'the channel that the bot posts to': a clause of its own
        if base in ("answer", "respond") and not re.match(r"(?:the|an?)\s", m.group("who") or "", re.I):
            continue  # 'our Slack bot it answers them back': read as written, as before ('the bot answers …' is a step)
        if base in ("answer", "respond") and re.search(
            r"\bso(?:\s+that)?\s+(?:(?:the|our|my|a|an)\s+)?(?:[\w-]+\s+){0,2}$", lead, re.I
        ):
            continue  # '… to the knowledge base so the chat assistant can answer from it': what a step is for
            # ('so the support bot answers from the current docs', too)
        if lead.rfind("(") > lead.rfind(")"):
            continue  # '(it posts a webhook)': an aside about something else
        # '…, and if it's a P1, could it also text …?': a step asked for as a question inside a sentence; its modal
        # goes with the doer (a sentence that opens on 'Can it …?' may ask what the builder can do)
        asked = re.search(r"\b(?:could|can|would|will)\s+$", lead, re.I) if m.group("pro") else None
        if asked and not re.split(r"[.!?\n]", lead[: asked.start()])[-1].strip(" \t,;:—–-"):
            asked = None
        cut = asked.start() if asked and asked.start() >= at else m.start()
        lead = text[:cut]
        before = re.split(r"[.;:!?\n]|\bthen\b", lead)[-1]
        opened = _OPEN_TEST.search(re.split(r",\s", before)[-1]) or _OPEN_LEAD.search(lead)
        join = ", " if opened and not re.search(r"[,:;(]\s*$", lead) else ""
        out.append(
            text[at:cut].rstrip(" ") + (join or (" " if m.start() and not lead.endswith(("\n", "(")) else ""))
        )
        if not out[-1].strip() and m.start() == 0:
            out[-1] = ""
        words = said + base
        who = m.group("who") or m.group("bare") or ""
        if not said and base.split()[0] in judging and re.search(rf"\b(?:{ais})\s*$", who, re.I):
            words = "have AI " + base  # 'an AI should check the code': the AI's judgement, not a plain read
        if not lead.strip() or re.search(r"[.!?\n]\W*$", lead):  # a sentence's first word
            words = words[0].upper() + words[1:]
        out.append(words)
        at = m.end()
        # the verbs joined after it in the same sentence ('…, writes a digest, and posts it')
        end = re.search(
            r"[.;!?\n](?:\s|$)|\b(?:when|whenever|if|unless|once|because|so that)\b", text[at:], re.I
        )
        stop = at + (end.start() if end else len(text) - at)
        for j in joined.finditer(text, at, stop):
            jb = base_of.get(re.sub(r"\s+", " ", j.group("verb").lower()))
            if jb is None:
                continue
            out.append(text[at : j.start("verb")] + jb)
            at = j.end()
    out.append(text[at:])
    return "".join(out)


# what says a thing arrived ('a new email lands', 'a row is added'), not a test of it ('a message mentions …')
_ARRIVED = re.compile(
    r"\b(?:new|arriv(?:es?|ing)|comes?\s+in|lands?|appears?|shows?\s+up|(?:is|are|gets?|has\s+been)\s+(?:added|created|"
    r"submitted|opened|posted|sent|received|filed|made|placed|booked|published|uploaded|dropped))\b",
    re.I,
)


@lru_cache(maxsize=1)
def _watch_re() -> re.Pattern[str]:
    verbs = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(lexicon()["watch_verbs"], key=len, reverse=True)
    )
    return re.compile(
        r"(?P<lead>(?:^|(?<=[.!?:;\n]))\s*)(?:" + verbs + r")\s+(?P<place>[^.;:!?\n,]{2,80}?)"
        r"(?:\s*[.;:]\s+|\s*,\s*(?:and\s+)?|\s+and\s+)(?:then\s+)?"
        r"(?P<when>when(?:ever)?|every\s+time|each\s+time|as\s+soon\s+as|once)\s+(?P<ev>[^,.;:!?\n]{3,120}?)\s*,\s*",
        re.I,
    )


def watched_events(text: str) -> str:
    """'Watch #it-help in Slack. When someone asks for a password reset, create …' → 'When something new arrives in
    #it-help in Slack: if someone asks for a password reset, create …'; 'Monitor our support inbox in Gmail, and
    whenever a new email lands, sort it …' → 'Whenever a new email lands in our support inbox in Gmail, sort it …':
    the place the bot watches (a channel, an address or a service: lexicon.json 'watch_verbs') is where each run's
    event happens — the clause after it is that event, or a test of what arrived there."""

    def event(m: re.Match[str]) -> str:
        place, ev = m.group("place").strip(), m.group("ev").strip()
        if not (integrations_in(place) or re.search(r"#[\w-]|\S@\S", place)):
            return m.group(0)
        if _ARRIVED.search(ev):
            if re.search(r"\b(?:in|on|into|to|at)\s+\S", ev, re.I):
                return m.group(0)  # 'whenever a new row is added to …': the event names its own place
            return f"{m.group('lead')}{m.group('when')[0].upper()}{m.group('when')[1:]} {ev} in {place}, "
        return f"{m.group('lead')}When something new arrives in {place}: if {ev}, "

    return _watch_re().sub(event, text)


def _flow_end(name: str) -> bool:
    return bool(integrations_in(name)) or name[:1].isupper()


def named_flows(text: str) -> str:
    """'can you do the Linear→Slack thing again: …' → 'can you do the same thing again: …', 'has anyone built a
    PagerDuty → Slack escalation?' → '… built one such escalation?': a flow named by the services it joins
    (lexicon.json 'flow_nouns'; one the planner has no block for named by its capital) asks for no step of either
    (nor is the question a test, '→ Slack escalation in Sim?'); what follows says the steps."""
    nouns = "|".join(re.escape(n) for n in lexicon()["flow_nouns"])

    # '[Community forum › Help] Airtable → Telegram digest\nEvery Friday …': a title line naming the flow by its
    # services, with the text below it, asks for no step either (its words after the services stay, a name); so does
    # a title asked as a question on the post's first line, '[Sim Community] Shopify order → Notion? Title says it.
    # When an order …' (its '?' no test of 'Notion', its 'Shopify order' no call to Shopify), when a description
    # follows it, and one ended by a full stop when the text after it names both services again ('Forum Q: GitHub
    # releases → Discord. Whenever we publish a release on github.com/… post them in our Discord …'). A service's
    # name may run to three capitalised words ('Google Sheets') and carry the thing it sends ('Shopify order').
    def title(m: re.Match[str]) -> str:
        rest = m.string[m.end() :]
        if not (
            _flow_end(m.group(2))
            and _flow_end(m.group(3))
            and (integrations_in(m.group(2)) or integrations_in(m.group(3)))
            and (
                not m.group("dot")
                or all(re.search(rf"\b{re.escape(n)}\b", rest, re.I) for n in (m.group(2), m.group(3)))
            )
        ):
            return m.group(0)
        name = m.group(4).strip()
        if m.group("asked"):
            return m.group(1) + name
        return m.group(1) + name + (m.group("dot") or "") if name else m.group(1).rstrip()

    text = re.sub(
        r"\A(\s*(?:\[[^\]\n]{1,40}\]\s*)*(?:#{1,6}\s+)?(?:[A-Z]\w*(?:\s+[A-Za-z]\w*){0,2}\s*:\s+)?)"
        r"([A-Za-z][\w.]*(?:\s+[A-Z][\w.]*){0,2})(?:\s+[a-z][\w-]*){0,2}?\s*(?:→|->|=>)\s*"
        r"([A-Za-z][\w.]*(?:\s+[A-Z][\w.]*){0,2})"
        r"([^\n.!?:→]{0,40}?)(?:(?=\n\s*\S)|(?P<asked>\?+)(?=[ \t]+\S[^\n]{60})|(?P<dot>[.!?])(?=[^\S\n]+\S))",
        title,
        text,
    )
    return re.sub(
        r"\b(the|our|that|this|your|my|an?)\s+([A-Za-z][\w.]*)\s*(?:→|->|=>|\s+to\s+)\s*([A-Za-z][\w.]*)\s+("
        + nouns
        + r")\b",
        lambda m: (
            (
                f"{m.group(1)} same {m.group(4)}"
                if m.group(1).lower() not in ("a", "an")
                else f"one such {m.group(4)}"
            )
            if _flow_end(m.group(2))
            and _flow_end(m.group(3))
            and (integrations_in(m.group(2)) or integrations_in(m.group(3)))
            else m.group(0)
        ),
        text,
        flags=re.I,
    )


@lru_cache(maxsize=1)
def _event_read_re() -> re.Pattern[str]:
    # the services that send their messages as events but have no read (lexicon.json 'integrations' with no 'read',
    # named in 'webhook_providers'): Telegram, WhatsApp
    names = [
        re.escape(phrase)
        for key, spec in lexicon()["integrations"].items()
        if "read" not in spec and key in lexicon()["webhook_providers"]
        for phrase in spec["phrases"]
    ]
    return re.compile(
        r"\s*\b(?:reads?|reading|checks?|checking|watch(?:es|ing)?|picks?\s+up|gets?|takes?)\s+(?:the\s+|all\s+|any\s+)?"
        r"new\s+(?:msgs?|messages?|texts?|posts?)\s+(?P<place>(?:in|on|from)\s+(?:(?:our|my|the|a)\s+)?"
        r"(?:[\w'-]+\s+){0,2}?(?:" + "|".join(names) + r")\b(?:\s+(?:group|chat|channel|bot|account)s?)?)"
        r"(?:\s*,?\s*(?:and|then)\b\s*,?)?\s*",
        re.I,
    )


# 'Answer whoever messages our WhatsApp about …', 'reply to anyone who DMs the Telegram bot …', 'Respond to customers
# who text our shop number …': a reply to the people a message comes from, said before the message
_ANSWERED_SENDERS = re.compile(
    r"\b(?P<verb>answer|reply\s+to|respond\s+to|get\s+back\s+to|help)\s+"
    r"(?P<who>whoever|(?:anyone|anybody|everyone|everybody|someone|somebody)\s+(?:who|that)|"
    r"(?:the\s+|our\s+)?(?:people|customers|clients|guests|members|folks|users|parents|students|fans|players|"
    r"buyers|visitors|riders|patients)\s+(?:who|that))\s+"
    r"(?P<ev>(?:messages?|msgs?|texts?|writes?|wrote|dms?|whatsapps?|pings?|contacts?|sends?|asks?|chats?)\b"
    r"(?=[^.;\n]*\b(?:whatsapp|telegram|discord|slack|teams|sms|bot|inbox|number|page|channel|us)\b)[^.;,\n]*)",
    re.I,
)


def answered_senders(text: str) -> str:
    """'Answer whoever messages our WhatsApp about delivery slots, using the sheet …' → 'When someone messages our
    WhatsApp about delivery slots, answer them, using the sheet …': each message is the run's event and the reply goes
    back to the one who sent it."""

    def said(m: re.Match[str]) -> str:
        who = m.group("who").split()[0].lower()
        if who in ("whoever", "anyone", "anybody", "everyone", "everybody", "someone", "somebody"):
            who = "someone"
        elif who in ("the", "our"):
            who = m.group("who").split()[1]
        lead = "When" if m.group("verb")[0].isupper() else "when"
        verb = " ".join(m.group("verb").split()).lower()
        return f"{lead} {who} {m.group('ev').rstrip()}, {verb} them"

    return _ANSWERED_SENDERS.sub(said, text)


def event_reads(text: str) -> str:
    """'a thing that reads new msgs in our telegram group and if someone says …, forward it …' → 'a thing that,
    whenever a new message arrives in our telegram group, if someone says …': a service that only sends its messages
    as they come (no block reads them back) is read by its event."""
    return _event_read_re().sub(lambda m: f", whenever a new message arrives {m.group('place')}, ", text)


# a number as a threshold is written: '$7,500', '25,000', '6', '1.5k', 'CAD 250', '185 USD', '45 days'
_CURRENCY_CODE = r"(?-i:" + CURRENCY_CODES + r")"
_AMOUNT = (
    r"(?:(?:[$€£]|" + _CURRENCY_CODE + r"\s)\s*)?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?[kKmM]\b)?"
    r"(?:\s*%|\s+(?:" + _CURRENCY_CODE + r"|dollars?|euros?|pounds?))?"
)
_UNIT = r"(?:\s+(?:(?:minute|hour|day|week|month|year|second|star|point|item|unit|ticket|order)s?|ms|mins?|hrs?|km|kg))"
_COMPARED = r"(?:\s+or\s+(?:below|above|more|less|under|over|fewer|higher|lower|worse|better))"
_HESITATION = r"(?:(?:oh|hmm+|ah+|um+|uh+|er+|eh+|well|wait|ok|okay|sorry|yeah)[,.!]?\s+)"
_TAKE_BACK = r"(?:no|nope|actually|wait|sorry|rather|scratch that|i mean|i meant)"
_RESTATE = r"(?:make\s+(?:it|that)|say|change\s+(?:it|that)\s+to|let'?s\s+(?:say|do|go\s+with)|go\s+with|i\s+meant?|rather)"
_RESTATE_LATE = r"(?:" + _RESTATE[3:-1] + r"|(?:just\s+)?use)"
# 'over $5,000 — make that $7,500', 'above $300... no, $450', 'below 20 — hmm, 20 is too tight, say 10', '5 or below
# — make that 6 or below', 'more than 14 days — no, 21 days': the number said first, taken back, the one that stands
_RESTATED_IN_PLACE = re.compile(
    r"(?<![\w.,$€£#/:@-])(?P<old>" + _AMOUNT + r")(?P<tail>" + _UNIT + r"?" + _COMPARED + r"?)"
    r"(?P<sep>\s*(?:—|–|--?|,|…|\.{2,3})\s*)" + _HESITATION + r"*"
    r"(?:(?:" + _TAKE_BACK + r")[,.!]?\s+" + _HESITATION + r"*(?:" + _RESTATE + r"\s+)?|"
    r"(?:[^.!?;\n—–]{1,60}?,\s*)?" + _RESTATE + r"\s+)"
    r"(?P<new>" + _AMOUNT + r")(?![\w.]*[/@])",
    re.I,
)
# '… above 10,000 send …. Actually, make that 15,000.', 'Hmm, 10k is every deal now — make it 20k.', 'No wait, make
# that 45 days.', 'Wait, I said $250 — I meant CAD 250, …, so just use 185 USD. Sorry.': a sentence that only restates
# a number said before it
_RESTATING_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?\n])\s*)(?P<sentence>(?:" + _HESITATION + r"|(?:no|actually|wait)[,.!]?\s+)+"
    r"(?:(?:i\s+said|not)\s+(?P<said>" + _AMOUNT + r")\s*(?:—|–|-|,)\s*)?"
    r"(?:[^.!?\n]{0,120}?\b)?"
    + _RESTATE_LATE
    + r"\s+(?:it\s+|that\s+)?(?P<new>"
    + _AMOUNT
    + r")(?P<unit>"
    + _UNIT
    + r")?"
    r"\s*(?:[.!]+\s*(?:sorry[.!]*)?|$))"
    r"|(?:^|(?<=[.!?\n])\s*)(?P<sentence2>"
    + _HESITATION
    + r"*(?P<said2>"
    + _AMOUNT
    + r")\s+is\s+[^.!?\n]{1,60}?"
    r"(?:—|–|-|,)\s*" + _RESTATE + r"\s+(?P<new2>" + _AMOUNT + r")(?P<unit2>" + _UNIT + r")?\s*(?:[.!]+|$))",
    re.I,
)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:over|above|below|under|exceeds?|more\s+than|less\s+than|fewer\s+than|greater\s+than|at\s+least|"
    r"at\s+most|higher\s+than|lower\s+than|drops?\s+below|is|than)\s+$",
    re.I,
)


def _number_of(amount: str) -> float | None:
    found = re.search(r"\d(?:[\d,]*\d)?(?:\.\d+)?", amount)
    if not found:
        return None
    value = float(found.group(0).replace(",", ""))
    return value * 1000 if re.search(r"\d\s?k\b", amount, re.I) else value


def restated_numbers(text: str) -> str:
    """A threshold the writer restates as they type keeps only the number that stands: 'if it's over $5,000 — make
    that $7,500, 5k happens all the time now — post …' → 'if it's over $7,500 — post …', 'above $300... no, $450' →
    'above $450', 'if it's above 1,000 — hmm, 1,000 is tiny for us, say 25,000 —' → 'above 25,000 —'; a sentence
    that only restates one ('… more than 60 days overdue, …. No wait, make that 45 days.', 'Wait, I said $250 — I
    meant CAD 250, …, so just use 185 USD.') changes the number it names (or the last one compared before it, of the
    same unit when it gives one) and is dropped."""

    out: list[str] = []
    at = 0
    for m in _RESTATED_IN_PLACE.finditer(text):
        if re.search(r"\b(?:i\s+said|not)\s+$", text[: m.start()], re.I):
            continue  # 'Wait, I said 500 — I meant 750.': a sentence that restates (below)
        if re.search(
            r"(?:^|[.!?\n])\s*(?:(?:oh|hmm+|ah+|wait|ok|okay|actually|no|sorry|um+|uh+)[,.!]?\s+)+$",
            text[: m.start()],
            re.I,
        ):
            continue  # 'Hmm, 40 — make that 25.': the old number said again to point at it, a sentence (below)
        rest = text[m.end() :]
        # the unit or direction is said once, after the new number or before the dash ('5 or below — make that 6')
        tail = "" if re.match(r"(?:" + _UNIT + r"|" + _COMPARED + r")", rest, re.I) else m.group("tail")
        out += [text[at : m.start()], m.group("new") + tail]
        at = m.end()
        # the reason after the new number, up to the dash that closes the aside: '$7,500, 5k happens all the time now —'
        reason = re.match(r",[^.!?;\n—–]{1,80}?(?=\s+(?:—|–|--?)\s)", rest)
        if reason and re.match(r"\s*(?:—|–|--?)", m.group("sep")):
            out.append(" " * len(reason.group(0)))
            at += len(reason.group(0))
    text = "".join(out) + text[at:]
    for m in reversed(list(_RESTATING_SENTENCE.finditer(text))):
        sentence = "sentence" if m.group("sentence") else "sentence2"
        said = m.group("said") or m.group("said2")
        new = m.group("new") or m.group("new2")
        unit = (m.group("unit") or m.group("unit2") or "").strip().lower()
        before = text[: m.start(sentence)]
        target = None
        if said is not None and _number_of(said) is not None:
            for found in re.finditer(r"(?<![\w.,])" + _AMOUNT, before, re.I):
                if _number_of(found.group(0)) == _number_of(said):
                    target = found
        if target is None:
            for found in re.finditer(r"(?<![\w.,#/:@-])" + _AMOUNT + r"(?P<u>" + _UNIT + r")?", before, re.I):
                compared = _COMPARISON_BEFORE.search(before[max(0, found.start() - 20) : found.start()])
                same_unit = not unit or (found.group("u") or "").strip().lower().rstrip("s") == unit.rstrip(
                    "s"
                )
                if compared and same_unit:
                    target = found
        old = re.match(_AMOUNT, before[target.start() :], re.I) if target is not None else None
        if target is None or old is None:
            continue
        text = before[: target.start()] + new + before[target.start() + old.end() :] + text[m.end(sentence) :]
    return text


# 'Oh wait, the email only if the budget is above 5,000.', 'But the Slack post only when it's urgent.': a late sentence
# that puts a test on a step said before it (lexicon.json 'afterthought_nouns')
_AFTERTHOUGHT_TEST = re.compile(
    r"(?:^|(?<=[.!?\n]))(?P<sentence>\s*(?:(?:oh|hmm+|ah+|wait|ok|okay|actually|but|and|no|sorry)[,.!]?\s+)*"
    r"(?:the|that|this|those|our)\s+(?P<noun>[a-z-]+)\s+(?:(?:should|must|can|may)\s+(?:go\s+out|happen|be\s+sent)\s+)?"
    r"only\s+(?:if|when)\s+(?P<test>(?:[^.!?\n—–;]|\.(?=\S)){3,120}?)\s*(?:(?:—|–|;)[^.!?\n]*)?(?:[.!?]+|$))",
    re.I,
)
_STEP_CLAUSE = re.compile(
    r"(?:^|[.!?;:]\s+|,\s+(?:and\s+|then\s+)?|\s+(?:and|then)\s+(?:also\s+|then\s+)?)", re.I
)


# 'No warning, no message.', 'No alert, no post!': the step runs only when the thing is there
_NO_THING_NO_STEP = re.compile(
    r"(?:(?<=[.!?])\s+|^\s*)No\s+(?P<x>[a-z][\w-]*?)(?:e?s)?\s*(?:,|—|–|-|=|→|->)\s*no\s+[a-z][\w-]*\s*[.!]?(?=\s|$)",
    re.I | re.M,
)


def thing_then_step(text: str) -> str:
    """'… and when there's a gale warning, send an SMS …. No warning, no message.' → '… and if there's a gale
    warning, send an SMS ….': a sentence that says no thing, no step makes the 'when there is …' it names a test
    (of what was read), and is said."""
    for m in reversed(list(_NO_THING_NO_STEP.finditer(text))):
        thing = re.escape(m.group("x"))
        # (the last 'when there's …' naming the thing before the sentence)
        found = list(
            re.finditer(
                r"\b(?P<w>when(?:ever)?)(?=\s+there(?:['’]s|\s+is|\s+are|\s+was)\s+(?:(?:an?|any|some|the)\s+)?"
                rf"(?:[\w-]+\s+){{0,3}}?{thing}(?:e?s)?\b)",
                text[: m.start()],
                re.I,
            )
        )
        if not found:
            continue
        said = found[-1]
        text = text[: said.start()] + "if" + text[said.end() : m.start()] + text[m.end() :]
    return text


# 'anything mentioning wheelchair access sent to Karin in a Teams chat', 'forward any email containing "refund" to
# billing@…': the items that say a word, sent on — a test of each, the send on its side
_MENTIONING = r"(?:that\s+)?(?:mentions?|mentioning|contains?|containing|with\s+the\s+words?)\s+(?P<x>[^,.;:?!\n]{1,40}?)"
# ('post any that mention 'refund' to #billing': each of the rows read, a loop of its own — not this test)
_ANY_ONE = r"(?:anything|everything|any\s+(?!(?:that|which|who|of)\b)(?:one|[\w-]+?s?)|those|the\s+ones)"
_SENT_IF_MENTIONING = re.compile(
    r"\b"
    + _ANY_ONE
    + r"\s+"
    + _MENTIONING
    + r"\s+(?:(?:should|must|can|could|will)\s+(?:be\s+|get\s+)|gets?\s+|to\s+be\s+|"
    r"is\s+|are\s+)?(?P<verb>sent|forwarded|posted|passed)\s+(?:on\s+)?(?P<rest>to\b[^.;?!\n]*)"
    r"|\b(?P<verb2>send|forward|post|pass)\s+(?:on\s+)?"
    + _ANY_ONE
    + r"\s+"
    + _MENTIONING.replace("<x>", "<x2>")
    + r"\s+(?P<rest2>(?:on\s+)?to\b[^.;?!\n]*)",
    re.I,
)
_PRESENT = {"sent": "send", "forwarded": "forward", "posted": "post", "passed": "pass"}


def mentioning_sends(text: str) -> str:
    """'… and anything mentioning wheelchair access sent to Karin in a Teams chat' → '… and if one mentions wheelchair
    access, send it to Karin in a Teams chat': what is sent on is only what says the word."""

    def test(m: re.Match[str]) -> str:
        said = (m.group("x") or m.group("x2")).strip()
        verb = _PRESENT[m.group("verb").lower()] if m.group("verb") else m.group("verb2").lower()
        return f"if one mentions {said}, {verb} it {(m.group('rest') or m.group('rest2')).strip()}"

    return _SENT_IF_MENTIONING.sub(test, text)


def afterthought_tests(text: str) -> str:
    """'…, add it as a row to the Leads table and email sales@ourco.io about it. Oh wait, the email only if the budget
    is above 5,000.' → '…, add it as a row to the Leads table, and if the budget is above 5,000, email sales@ourco.io
    about it.': a late sentence that restricts a step said before it (named by its noun, lexicon.json
    'afterthought_nouns') becomes that step's test; what it adds about the other case ('— below that only the row,
    no mail') restates the same test and is dropped."""
    nouns = lexicon()["afterthought_nouns"]
    for m in reversed(list(_AFTERTHOUGHT_TEST.finditer(text))):
        words = nouns.get(m.group("noun").lower())
        if words is None:
            continue
        before = text[: m.start("sentence")]
        # the last clause before the sentence whose words name the step
        step = None
        for found in re.finditer(r"\b(?:" + words + r")\b", before, re.I):
            step = found
        if step is None:
            continue
        starts = [
            c.end() for c in _STEP_CLAUSE.finditer(before, 0, step.start() + 1) if c.end() <= step.start()
        ]
        if not starts:
            continue
        at = starts[-1]
        lead = re.search(r"(?:,\s*|\s+)(?:and|then)\s+(?:also\s+|then\s+)?$", before[:at], re.I)
        test = m.group("test").strip()
        if lead:
            head = before[: lead.start()] + ", and if " + test + ", "
        else:
            head = before[:at] + "if " + test + ", "
        rest = before[at:]
        if not lead and rest[:1].isupper():
            rest = rest[:1].lower() + rest[1:]
        text = (
            head
            + rest.rstrip()
            + (" " if text[m.end("sentence") :].strip() else "")
            + text[m.end("sentence") :].lstrip()
        )
    return text


# '… email billing@x.com about it. Oh wait, if the amount is over $1,000, email finance@x.com instead.': a late test
# whose step replaces one said before with the same verb
_INSTEAD_TEST = re.compile(
    r"(?:^|(?<=[.!?\n]))(?P<sentence>\s*(?:(?:oh|o|hmm+|ah+|wait|ok|okay|actually|but|and|no|sorry)[,.!]?\s+)*"
    # ('Edge cases: if no account manager is set, send it to … instead': a form's field of exceptions)
    r"(?:(?:\*\*)?(?:" + "|".join(lexicon()["case_fields"]) + r")(?:\*\*)?\s*:\s*(?:\*\*)?\s*)?"
    r"if\s+(?P<test>(?:[^,.!?\n]|[,.](?=\d)){3,120}?),\s*(?:then\s+)?(?P<act>(?P<verb>[a-z]+)\b(?:[^.!?\n]|\.(?=\S))*?)\s*,?\s+instead"
    r"[^\S\n]*(?:[.!]+|$|(?=\n)))",
    re.I,
)
_CLAUSE_END = re.compile(r"[.!?;](?=\s|$)|,\s+(?:and|then)\b|\s+then\s+|$", re.I)
# "don't send the email — flag it in #front-desk on Slack": a step left out, a dash, the step done in its place
_SKIPPED_THEN_DONE = re.compile(
    r"(?:don['’]?t|do\s+not|never|no\s+need\s+to)\s+(?P<skip>[a-z]+)\b[^—–;:]{0,60}?\s*(?:—|–|--?|;|:)\s*"
    r"(?:but\s+|just\s+|rather\s+|and\s+)?(?P<act>[a-z].*)$",
    re.I | re.S,
)
_SENDING = r"(?:send|e-?mail|mail|text|message|notify|ping|forward)"
_ANSWERING = r"(?:answer|reply|respond)"
_DOER = (
    r"(?:(?:have|get|let|make)\s+(?:the\s+|an?\s+)?(?:ai|bot|agent|assistant|claude|gpt|llm)\s+(?:to\s+)?)"
)


# 'send each presenter on the rota a …': the step said for each item, the place the items are in
_SAID_PER_ITEM = re.compile(
    r"\b(?:each|every)\s+(?!one\b|of\b)(?P<noun>[a-z][\w-]*)(?P<place>(?:\s+(?:on|in|from)\s+the\s+[\w'-]+)?)",
    re.I,
)


def instead_tests(text: str) -> str:
    """'…, email billing@x.com about it. Oh wait, if the amount is over $1,000, email finance@x.com instead.' → '…, if
    the amount is over $1,000, email finance@x.com; otherwise, email billing@x.com about it.': the late step runs
    when the test holds, the one said before (the last clause opened by the same verb) otherwise."""
    for m in reversed(list(_INSTEAD_TEST.finditer(text))):
        before = text[: m.start("sentence")]
        verb, act, test = m.group("verb").lower(), m.group("act").strip(), m.group("test").strip()
        # ("if it's a repeat, don't send the email — flag it in #ops instead": the step left out names the one it
        # replaces, the step after the dash is done)
        skipped = _SKIPPED_THEN_DONE.match(act)
        if skipped:
            verb, act = skipped.group("skip").lower(), skipped.group("act").strip()
        # ("if it's their second no-show (the previous_no_shows field is 1 or more)": the test the brackets spell out)
        spelled = re.fullmatch(r"(?P<said>.+?)\s*\((?P<inner>[^()]+)\)", test)
        if spelled and re.search(
            r"\b(?:is|are|equals?|has|have)\b|[<>=]|\b(?:more|less|fewer|over|under|above|below)\b",
            spelled.group("inner"),
        ):
            test = spelled.group("inner").strip()
        # ('send it to am-team@… instead' after 'email the account manager …': a verb of the same kind)
        kin = _SENDING if re.fullmatch(_SENDING, verb) else re.escape(verb)
        kin = _ANSWERING if re.fullmatch(_ANSWERING, verb) else kin
        opened = [
            c.end()
            for c in _STEP_CLAUSE.finditer(before)
            # ("have the AI reply to the owner …. But if …, don't answer — …": the step given to the AI too)
            if re.match(r"(?:also\s+|just\s+)?" + _DOER + r"?(?:" + kin + r")\b", before[c.end() :], re.I)
        ]
        if not opened or verb in ("do", "be", "is", "it", "we", "i", "they", "there"):
            continue
        at = opened[-1]
        end = _CLAUSE_END.search(before, at)
        stop = end.start() if end else len(before)
        said = before[at:stop].strip()
        rest = before[stop:]
        replaced = f"if {test}, {act}; otherwise, {said}"
        each = _SAID_PER_ITEM.search(said)
        if each:
            # ('Send each presenter on the rota a Telegram … If a slot has no presenter, email gaps@… instead': the
            # test is made per item, and the step it replaces is that item's)
            item = f"{said[: each.start()]}the {each.group('noun')}{said[each.end() :]}"
            replaced = (
                f"for each {each.group('noun')}{each.group('place')}: if {test}, {act}; otherwise, {item}"
            )
        after = text[m.end("sentence") :]
        # (a line after it stays a line of its own: '… instead\nDon'ts: …')
        tail = after if after.startswith("\n") else (" " + after.lstrip() if after.strip() else "")
        text = before[:at] + replaced + rest.rstrip() + tail
    return text


def answer_rules(text: str) -> list[str]:
    """'NOT allowed to give diagnoses — hard rule from the clinical lead', 'Must never quote prices': what a chat's
    answer may never say, as rules for the agent that writes it ('Never give diagnoses.'); the verbs are
    lexicon.json `answer_bans` (a ban of a service's write is not the answer's)."""
    verbs = "|".join(re.escape(v) for v in sorted(lexicon()["answer_bans"], key=len, reverse=True))
    found = re.finditer(
        r"\b(?:never|not\s+(?:be\s+)?allowed\s+to|(?:must|should|may|can|will)\s*(?:not|n't|never)|cannot|"
        r"do\s+not|don't|no\s+one\s+wants\s+it\s+to)\s+(?:ever\s+)?(?P<verb>" + verbs + r")\s+"
        r"(?P<what>[^.;:!?\n()\u2014\u2013]{1,60}?)\s*(?=[.;:!?\n()\u2014\u2013]|\s-\s|$)",
        text,
        re.I,
    )
    rules = [f"Never {m.group('verb').lower()} {m.group('what').strip()}." for m in found]
    return list(dict.fromkeys(rules))


@lru_cache(maxsize=1)
def _place_services() -> re.Pattern[str]:
    """Any service's name (lexicon.json integrations' phrases, services.json aliases) as one pattern."""
    from lib.generation.services import data

    names = {p.strip() for e in lexicon()["integrations"].values() for p in e["phrases"] if p.strip()}
    names |= {a for b in data()["blocks"].values() for a in b.get("aliases", [])}
    names = {n for n in names if len(n) > 2}
    return re.compile(
        r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b", re.I
    )


# '(number in Supabase table 'oncall', column phone)', '(our prices are in a Google Sheet 'Our Prices')', '(the targets
# live in the Notion database 'FX Targets')', '(they are all in the Airtable table 'Students')', '— the bookings are in
# the Google Sheet 'Tour Bookings' —': an aside (in brackets or between dashes) saying where a value the step needs is
# kept
_WHERE_KEPT = re.compile(
    r"(?:\s*(?P<bracket>\()|(?<=\s)[\u2014\u2013]\s*)"
    r"(?P<what>(?:(?:the|our|their|his|her|its)\s+)?[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+"
    # (said to be kept there, or a value named alone: 'number in …'; not a step, 'track it in a Supabase table')
    r"(?:(?:is|are|lives?|sits?|(?:is\s+|are\s+)?kept|(?:is\s+|are\s+)?stored)\s+(?:all\s+)?|(?<=number\s)|"
    r"(?<=numbers\s)|(?<=email\s)|(?<=emails\s)|(?<=address\s)|(?<=phone\s)|(?<=mobile\s)|(?<=id\s)|(?<=ids\s))in\s+"
    r"(?P<place>[^()\n\u2014\u2013]*?['\"\u2018\u201c][^'\"\u2019\u201d()\n]{1,40}['\"\u2019\u201d]"
    r"(?(bracket)[^()\n]{0,40}?|[^()\n\u2014\u2013]{0,40}?))(?(bracket)\)|\s*[\u2014\u2013](?=\s))",
    re.I,
)

# a column or field named alone: "the column 'Email Address'", "the 'contact' field"
_A_COLUMN = re.compile(
    r"\s*(?:the\s+|a\s+|its\s+|their\s+)?(?:(?:col|column|field)\s+['\"\u2018\u201c][^'\"\u2019\u201d]+['\"\u2019\u201d]\s*$"
    r"|['\"\u2018\u201c][^'\"\u2019\u201d]+['\"\u2019\u201d]\s+(?:col|column|field)\s*$)",
    re.I,
)


def kept_lookups(text: str) -> str:
    """'… and text the on-call tech (number in Supabase table 'oncall', column phone).' → '… and look up the number in
    Supabase table 'oncall' and text the on-call tech.': an aside inside a step that says where a value it needs is
    kept is a look-up there, just before the step; inside a test ('if any is 10% cheaper than ours (our prices are
    in a Google Sheet 'Our Prices')') it becomes a sentence of its own after the one holding it, so the place is read
    before the test (a named place of a service; the aside is taken out of the clause it interrupted)."""
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    for m in _WHERE_KEPT.finditer(text):
        if not _place_services().search(m.group("place")) or _A_COLUMN.match(m.group("place")):
            continue  # ('(the address is in the column 'Email Address')': a field of each item, not a place)
        what = m.group("what").strip()
        plural = what.lower().endswith("s") and not what.lower().endswith("ss")
        # ('(they are all in …)': the things the step names, looked up there)
        pronoun = {"they": "them", "these": "them", "those": "them", "it": "it"}.get(what.lower())
        if pronoun is None and not re.match(r"(?:the|our|their|his|her|its)\b", what, re.I):
            what = "the " + what
        sentence = max((x.end() for x in re.finditer(r"[.!?](?=\s)|\n", text[: m.start()])), default=0)
        clause = max(
            [sentence]
            + [
                sentence + x.end()
                for x in re.finditer(r",|;|(?<!\d):(?!\d)|\s(?:and|then)\s", text[sentence : m.start()], re.I)
            ]
        )
        if not re.match(
            r"\W*(?:(?:and|then)\s+)?(?:if|when|whenever|unless|once|where)\b", text[clause : m.start()], re.I
        ):
            # (the place up to its name: '…'oncall', column phone' is read in 'oncall'; the noun after the name says
            # what it is: "the 'Rota' sheet" is a sheet, not a 'Rota' searched for)
            place = re.match(
                r"[^'\"\u2018\u201c]*['\"\u2018\u201c][^'\"\u2019\u201d]+['\"\u2019\u201d]"
                r"(?:\s+(?:sheet|spreadsheet|table|tab|base|database|list|board|doc|document|page)\b)?",
                m.group("place"),
            )
            lead = len(text[clause : m.start()]) - len(re.sub(r"^[^\w'\"]*", "", text[clause : m.start()]))
            from lib.generation.steps import ACTION_START

            # ('Every morning at 7:30 text every patient (…)': the look-up goes before the step, after the time)
            verb = ACTION_START.search(text, clause + lead, m.start())
            if verb is not None and re.fullmatch(
                r"(?:(?:every|each|on|at|in)\b[^,;:]{0,40}?\d[\d:.]*\s*(?:am|pm|h)?|(?:every|each)\s+[a-z]+)\s*,?\s*",
                text[clause + lead : verb.start()],
                re.I,
            ):
                lead = verb.start() - clause
            kept = (place.group(0) if place else m.group("place")).strip()
            edits.append((m.start(), m.end(), ""))
            looked = f"look {pronoun} up" if pronoun else f"look up {what}"
            edits.append((clause + lead, clause + lead, f"{looked} in {kept} and "))
            continue
        said = f"{what[0].upper()}{what[1:]} {'are' if plural else 'is'} in {m.group('place').strip()}."
        stop = re.compile(r"[.!?](?=\s|$)|\n|$").search(text, m.end())
        at = (
            stop.end()
            if stop is not None and stop.group(0) in ".!?"
            else (stop.start() if stop else len(text))
        )
        edits.append((m.start(), m.end(), ""))
        ended = re.search(
            r"[.!?]\s*$", text[: m.start()] + text[m.end() : at]
        )  # (a line without its full stop)
        edits.append((at, at, (" " if ended else ". ") + said))
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


@lru_cache(maxsize=1)
def _audience_lookup() -> re.Pattern[str]:
    facts = lexicon()["audience_lookups"]
    words = facts["nouns"] + [p + "s" for p in lexicon()["people"]] + lexicon()["people"]
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in facts["verbs"])
    nouns = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))
    return re.compile(rf"^\W*(?:{verbs})\s+(?:the\s+|our\s+)?(?:{nouns})\s+(?:in|from|on)\b", re.I)


def audience_lookup(text: str) -> bool:
    """Whether a read's words only find whom a message goes to ('get the people in the 'Finance Team' sheet', 'look up
    the numbers in the 'Rota' sheet'): what it reads is the audience, not what a message tells them."""
    return bool(_audience_lookup().match(text or ""))


# 'log every reading to Supabase — every time, even when you text me': a step's scope said by pointing at another
# step ('even when you text me', 'also on the runs where it emails them'), which is no step of its own
_EVEN_WHEN = re.compile(
    r"(?P<lead>\s*[,;—–-]?\s*)(?:(?:every\s+(?:single\s+)?time|always|each\s+time|regardless)\s*[,;—–-]?\s*)?"
    r"\b(?:even|also)\s+(?:when|if|on\s+the\s+(?:runs?|times?|days?)\s+(?:when|where|that))\s+"
    r"(?:you|it|we|the\s+(?:workflow|bot|automation|flow))\s+(?:also\s+|do\s+|does\s+|did\s+)?"
    r"[a-z][\w-]*\s+(?:me|us|them|him|her|someone|somebody|people|the\s+[\w-]+)\b(?P<end>\s*[.;!)]?)",
    re.I,
)


def pointed_scopes(text: str) -> str:
    """`text` without a step's scope said by pointing at another step ('— every time, even when you text me'):
    the step it points at is asked elsewhere, its scope only says the step runs whatever that one does."""
    return _EVEN_WHEN.sub(lambda m: m.group("end").strip() and m.group("end") or "", text)


# a line (or what follows its label: 'Hourly: …', 'Every 15 min: …', or its schedule's arrow: 'every wkday 8:15 →
# …') that opens on a noun phrase, its arrow, then where it goes: 'Jira issues in project KART with priority Highest
# → my Telegram'
_ARROWED_SOURCE = re.compile(
    r"(?:^|(?<=\n)|(?<=:)|(?<=→)|(?<=->)|(?<==>))(?P<lead>[^\S\n]*(?:[-*•][^\S\n]+|\d{1,2}[.)][^\S\n]+)?)"
    # (a dot inside an address is no sentence's end: 'unread Outlook mail from bookings@flashbulbbooths.co.uk → …')
    r"(?P<np>[A-Za-z](?:[^\n→:;.!?]|\.(?=[\w-])){2,160}?)[^\S\n]*(?:→|->|=>)[^\S\n]*(?P<dest>[^\n→]{1,120})",
)


def sourced_arrows(text: str) -> str:
    """'Hourly: Jira issues in project KART with priority Highest → my Telegram', 'Every 15 min: new Typeform
    responses from the intake form → Airtable table 'Dive Students'' → 'Hourly: get Jira issues … → my Telegram':
    on a schedule, a line that opens on the things a service holds (no verb before them, no event or test among
    them) and sends them on with an arrow reads them first, as if 'get' were said. Without a schedule 'new Stripe
    payments → #wins' stays the service's event; a flow named by its services alone ('Airtable → Telegram') names
    no things, and stays too."""
    from lib.generation.steps import ACTION_START
    from lib.generation.triggers import read_schedule

    if not re.search(r"→|->|=>", text) or read_schedule(text) is None:
        return text
    entries = lexicon()["integrations"]

    def read(m: re.Match[str]) -> str:
        np, dest = m.group("np"), m.group("dest")
        named = [(at, key) for at, key in integrations_in(np) if entries[key].get("read")]
        if (
            not named
            or ACTION_START.match(np)
            # ('on GitHub release published -> post …', 'after each Stripe payment → …': an event, not things held)
            or re.match(r"(?:on|upon|at|after|before|once|from|by|with|for|in)\b", np, re.I)
            or re.search(r"\b(?:if|when|whenever|unless|once|each|every|per)\b", np, re.I)
            # the things read are named beside the service ('Jira issues', 'responses from Typeform'), not it alone
            or len(re.findall(r"[A-Za-z][\w'-]*", np)) < 2
            or not (integrations_in(dest) or re.search(r"#[\w-]|@|\b(?:me|my|us|our)\b", dest, re.I))
            or read_schedule(np) is not None
            or not _after_the_clock(m.string[: m.start()])
        ):
            return m.group(0)
        return m.group("lead") + "get " + m.group(0)[len(m.group("lead")) :]

    return _ARROWED_SOURCE.sub(read, text)


def _after_the_clock(before: str) -> bool:
    """Whether a noun phrase opening after an arrow follows the schedule's own arrow ('every wkday 8:15 → GCal …'):
    the line before it is the schedule and no other arrow ('bugs → Linear, features → …' routes, it reads nothing).
    A phrase at a line's start or after a label is not after an arrow at all."""
    from lib.generation.triggers import read_schedule

    stripped = before.rstrip()
    arrow = re.search(r"(?:→|->|=>)$", stripped)
    if not arrow:
        return True
    line = stripped[: arrow.start()].rsplit("\n", 1)[-1]
    segment = re.split(r"[.;!?:](?:\s|$)", line)[-1]
    return not re.search(r"→|->|=>", segment) and read_schedule(segment) is not None


# 'for each photo added today to the Google Drive folder 'Hedge Surveys', …': the items of a loop, said by how they
# came to the place that holds them
_ARRIVED_ITEMS = re.compile(
    r"\b(?P<head>for\s+(?:each|every)\s+(?:new\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+"
    r"(?P<part>(?:(?:that|which)\s+(?:was|were|is|are|has\s+been|have\s+been|got|gets)\s+)?"
    r"(?:added|uploaded|dropped|saved|put|placed|created|stored|synced|copied|moved|filed)"
    r"(?:\s+(?:today|yesterday|this\s+(?:week|month|morning|evening)|since\s+(?:the\s+)?last\s+run|overnight|"
    r"(?:in|over|during)\s+the\s+(?:last|past)\s+(?:\d+\s+|few\s+)?(?:hours?|days?|weeks?)))?)"
    r"\s+(?:to|into|in|on)\s+(?P<place>[^,;.\n]{3,100}?)(?=\s*[,;:.\n]|\s+(?:have|use|and|then)\b|\s*$)",
    re.I,
)


def arrived_items(text: str) -> str:
    """'for each photo added today to the Google Drive folder 'Hedge Surveys', have AI describe …' → 'for each photo in
    the Google Drive folder 'Hedge Surveys' added today, …': the loop goes over what that place holds (read from it),
    the participle only says which of its items; 'to' after 'added' names no place the run writes to."""
    entries = lexicon()["integrations"]

    def where(m: re.Match[str]) -> str:
        place = m.group("place")
        if not any(entries[key].get("read") for _, key in integrations_in(place)):
            return m.group(0)
        return f"{m.group('head')} in {place} {m.group('part')}"

    text = _ARRIVED_ITEMS.sub(where, text)

    def told(m: re.Match[str]) -> str:
        place = place_said_before(text, m.start(), m.group("noun"))
        return f"{m.group('head')} in {place} {m.group('part')}" if place else m.group(0)

    return _ARRIVED_UNPLACED.sub(told, text)


# 'for each report added that week, …' after 'Students upload lab reports to the Google Drive folder 'Lab Reports
# 9B'.': the items of a loop said by how they came, their place told in a sentence before
_ARRIVED_UNPLACED = re.compile(
    r"\b(?P<head>for\s+(?:each|every)\s+(?:new\s+)?(?P<noun>[a-z][\w-]*?)(?:e?s)?)\s+"
    r"(?P<part>(?:(?:that|which)\s+(?:was|were|is|are|has\s+been|have\s+been|got|gets)\s+)?"
    r"(?:added|uploaded|dropped|saved|put|placed|created|stored|synced|copied|moved|filed|submitted)"
    r"(?:\s+(?:today|yesterday|(?:this|that|last)\s+(?:week|month|morning|evening|day)|since\s+(?:the\s+)?last\s+run|"
    r"overnight|(?:in|over|during)\s+the\s+(?:last|past)\s+(?:\d+\s+|few\s+)?(?:hours?|days?|weeks?)))?)"
    r"(?=\s*[,;:]|\s+(?:have|use|and|then)\b)",
    re.I,
)
# 'in the Airtable table 'Donations'', 'to the Google Drive folder 'Lab Reports 9B'': a place named after its
# preposition
_PLACE_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|into|to|on|onto|from)\s+(?P<place>(?:the\s+|our\s+|my\s+)(?:[\w-]+\s+){0,3}?"
    r"(?:['\"\u2018\u201c][^'\"\u2019\u201d\n]{1,40}['\"\u2019\u201d]))",
    re.I,
)


def place_said_before(text: str, end: int, noun: str = "") -> str | None:
    """The one named place a service reads that the sentences before `end` tell of ('Volunteers log donations in
    the Airtable table 'Donations'.'), in a sentence that names `noun` when one is given ('Students upload lab
    reports to the Google Drive folder …' for 'report'); None when there is none, or more than one."""
    entries = lexicon()["integrations"]
    found: dict[str, str] = {}
    for m in _PLACE_AFTER_PREPOSITION.finditer(text, 0, _sentence_start(text, end)):
        place = m.group("place").strip()
        if not any(entries[key].get("read") for _, key in integrations_in(place)):
            continue
        said = text[_sentence_start(text, m.start()) : m.start()].lower()
        if noun and not re.search(rf"\b{re.escape(noun.lower())}", said):
            continue
        found.setdefault(place.lower(), re.sub(r"^(?:The|Our|My)\b", lambda a: a.group(0).lower(), place))
    return next(iter(found.values())) if len(found) == 1 else None


# 'send each parent an email …' after 'parents book conference slots in the Google Sheet 'Conferences'.': the people
# a timed message goes to, one each, with no place of their own
_EACH_PERSON_SENT = re.compile(
    r"\b(?:e-?mail|text|sms|message|whatsapp|notify|remind|ping|dm|send|write\s+to)\s+(?:an?\s+[\w-]+\s+to\s+)?(?:each|every)\s+(?:one\s+of\s+(?:the|our)\s+)?"
    r"(?P<noun>[a-z][\w-]*?)(?P<plural>e?s)?\b(?![\w'’-])(?!\s+(?:in|on|from|of|at|who|whose|that|listed)\b)",
    re.I,
)


def people_told_before(text: str) -> str:
    """'At Quillfield Primary, parents book … slots in the Google Sheet 'Conferences'. Every Thursday at 16:00,
    please send each parent an email …' → '… send each parent in the Google Sheet 'Conferences' an email …': on a
    schedule, the people a message goes to one by one, named by no place of their own, are those of the one place
    the sentences before tell of them in."""
    from lib.generation.triggers import read_schedule

    if read_schedule(text) is None:
        return text
    for m in _EACH_PERSON_SENT.finditer(text):
        noun = m.group("noun").lower()
        if noun not in _people_nouns():
            continue
        place = place_said_before(text, m.start(), noun)
        if place:
            return text[: m.end()] + f" in {place}" + text[m.end() :]
    return text


# 'find anything with a use-by date of tomorrow …' after 'Volunteers log donations in the Airtable table
# 'Donations'.': things found with no place of their own, where the one place told before holds them
_FOUND_ANYTHING = re.compile(
    r"\b(?P<verb>find|finds|look\s+for|pick\s+out|pull\s+out|list|check\s+for|grab)\s+"
    r"(?P<what>anything|everything|whatever|any\s+(?:items?|entries|records|rows))\b"
    r"(?=\s+(?:with|that|which|where|whose|due|expiring|marked|tagged|older|newer|past|dated)\b)"
    r"(?P<rest>[^,;.!?\n]*?)(?=\s+(?:and|then)\b|[,;.!?\n]|$)",
    re.I,
)


def found_there(text: str) -> str:
    """'Volunteers log donations in the Airtable table 'Donations'. Every evening at 21:00, find anything with a
    use-by date of tomorrow and post it …' → '… find anything in the Airtable table 'Donations' with a use-by date
    …': what is found, named by no noun of its own and in no place of its own, is found in the one place the
    sentences before name."""

    def there(m: re.Match[str]) -> str:
        if integrations_in(m.group("rest")) or re.search(
            r"\b(?:in|from|on)\s+(?:the|our|my)\b", m.group("rest")
        ):
            return m.group(0)
        place = place_said_before(text, m.start())
        return f"{m.group('verb')} {m.group('what')} in {place}{m.group('rest')}" if place else m.group(0)

    return _FOUND_ANYTHING.sub(there, text)


# '(our Google Form writes them into the Google Sheet 'Incidents Raw')', '— the Jotform dumps them into … —', 'which
# our form writes into …': an aside saying how the things talked of reach their place, someone else writing them
_STORED_ASIDE = re.compile(
    r"(?P<open>\(|\s[—–]\s|,\s*(?=(?:which|that)\s))\s*(?:(?:which|that)\s+)?"
    r"(?P<who>(?:(?:the|our|their|a|an|each|every)\s+)?(?:[\w'’-]+\s+){0,6}?)"
    r"(?:writes|puts|dumps|saves|stores|logs|drops|pushes|syncs|copies|adds|records|sends|feeds|pipes|collects|"
    r"lands)\s+(?:(?:them|it|these|those|each\s+one|everything|all\s+of\s+them)\s+)?"
    r"(?:straight\s+|automatically\s+|directly\s+)?(?:in|into|to|on)\s+(?P<place>[^()\n—–]{3,100}?)\s*"
    r"(?P<close>\)|\s[—–](?=\s)|(?=[,;.]))",
    re.I,
)


def stored_asides(text: str) -> str:
    """'the incident reports submitted during the day (our Google Form writes them into the Google Sheet 'Incidents
    Raw') appended every evening to the Confluence page …' → '… (kept in the Google Sheet 'Incidents Raw') …': an aside
    telling how the things a step works on come to be in a service's place (someone or something else writes them
    there) says where they are kept, so the run reads them there; it asks for no write to that place."""
    entries = lexicon()["integrations"]

    def kept(m: re.Match[str]) -> str:
        # (someone else writes them: not the writer, the run, nor a list of steps — 'an agent classifies it and …')
        if not m.group("who").strip() or re.search(
            r"\b(?:i|we|you|sim|run|workflow|flow|bot|and|or|then|it|them)\b", m.group("who"), re.I
        ):
            return m.group(0)
        if not any(entries[key].get("read") for _, key in integrations_in(m.group("place"))):
            return m.group(0)
        opened = "(" if m.group("open") == "(" else " — " if m.group("open").strip() in "—–" else ", "
        closed = ")" if m.group("close") == ")" else " —" if m.group("close").strip() in ("—", "–") else ""
        return f"{opened}kept in {m.group('place')}{closed}"

    return _STORED_ASIDE.sub(kept, text)


# the words of a person's address: what a place holding the people says it has of each ('their mobile number')
_ADDRESS_WORDS = (
    r"(?:(?:mobile|phone|cell|cellphone|whatsapp|contact)\s+)?(?:numbers?|phones?|mobiles?|cells?)"
    r"|e-?mails?(?:\s+address(?:es)?)?|(?:e-?mail\s+)?address(?:es)?|contact\s+details|chat\s+ids?"
)
# a place of a service, named: "the 'Inspections' Google Sheet", "the Google Sheet 'Technicians'"
_NAMED_PLACE = (
    r"(?:the\s+|our\s+|my\s+|a\s+)?(?:[\w-]+\s+){0,3}?['\"\u2018\u201c\u00ab][^'\"\u2019\u201d\u00bb\n]{1,40}"
    r"['\"\u2019\u201d\u00bb](?:\s+[\w-]+){0,3}?"
)
# '— the 'Inspections' Google Sheet has their mobile number.', "; each technician's email address is in the Google
# Sheet 'Technicians'.": where the people a message goes to are listed, told aside
_PEOPLE_KEPT = re.compile(
    r"(?P<lead>\s*[\u2014\u2013]\s*|\s+-\s+|;\s*|(?<=[.!?])\s+|,\s+|\s*\()"
    r"(?:(?P<place>" + _NAMED_PLACE + r")\s+(?:has|have|holds|hold|lists|list|contains|keeps|stores)\s+"
    r"(?:their|the|all\s+(?:the|their)|everyone['\u2019]s|each\s+(?P<one>[a-z-]+)['\u2019]s)\s+(?:"
    + _ADDRESS_WORDS
    + r")"
    # ('member emails r in the sheet 'Members'', 'the parents' phone numbers are in …': a person's noun before them)
    r"|(?:their|each\s+(?P<each>[a-z-]+)['\u2019]s|the\s+[a-z-]+s['\u2019]|everyone['\u2019]s|"
    r"(?:the\s+)?(?P<whose>[a-z-]+?)(?:s['\u2019]|['\u2019]s)?(?=\s+(?:"
    + _ADDRESS_WORDS
    + r")\s+(?:is|are)\s))\s+(?:"
    + _ADDRESS_WORDS
    + r")"
    r"\s+(?:is|are)\s+(?:all\s+)?(?:kept\s+|stored\s+|listed\s+|written\s+)?in\s+(?P<where>"
    + _NAMED_PLACE
    + r")"
    # ('(numbers are in the google sheet 'Guides')': the addresses alone, in brackets after the people)
    r"|(?<=\()(?:"
    + _ADDRESS_WORDS
    + r")\s+(?:is|are)\s+(?:all\s+)?(?:kept\s+|stored\s+|listed\s+|written\s+)?"
    r"in\s+(?P<where3>" + _NAMED_PLACE + r")"
    # ("email each guest arriving that day (Airtable 'Arrivals')": the place alone, in brackets after the people)
    r"|(?<=\()(?P<bare>" + _NAMED_PLACE + r")(?=\s*\))"
    # ("Pupils and parent emails are in the Airtable table 'Pupils'", 'the members and their email addresses are
    # in …': the people and their addresses, said together)
    r"|(?:the\s+|our\s+|all\s+(?:the\s+|our\s+)?)?(?P<both>[a-z-]+)\s+(?:and|with)\s+(?:their\s+|the\s+)?"
    r"(?:[a-z-]+(?:['\u2019]s?)?\s+)?(?:" + _ADDRESS_WORDS + r")\s+(?:is|are)\s+(?:all\s+)?"
    r"(?:kept\s+|stored\s+|listed\s+|written\s+)?in\s+(?P<where4>" + _NAMED_PLACE + r")"
    # ('the email addresses of the members are in the sheet 'Leden'': the people named after them)
    r"|(?:the\s+)?(?:" + _ADDRESS_WORDS + r")\s+of\s+(?:the\s+|our\s+|all\s+(?:the\s+)?)?(?P<ofwhom>[a-z-]+)"
    r"\s+(?:is|are)\s+(?:all\s+)?(?:kept\s+|stored\s+|listed\s+|written\s+)?in\s+(?P<where2>"
    + _NAMED_PLACE
    + r")"
    # "its all in the google sheet 'Saturday Drops' (driver name, phone, adresses)": the people, with their numbers
    r"|(?:it['\u2019]?s|it\s+is|everything(?:['\u2019]s|\s+is)|(?:the\s+)?(?:details|info)\s+(?:is|are))\s+(?:all\s+)?"
    r"(?:kept\s+|stored\s+|listed\s+)?in\s+(?P<all>" + _NAMED_PLACE + r")"
    r"(?P<cols>\s*\((?=[^()\n]*\b(?:phone|mobile|number|e-?mail|cell)s?\b)[^()\n]{1,100}\)))"
    r"(?P<close>\s*\)|(?=\s*[.;!?\n]|\s*$))",
    re.I,
)
# what ends the words naming the people after 'each': 'each tenant whose …', 'each nail technician at …'
_NOT_PERSON_WORD = {
    "who", "whose", "that", "which", "at", "in", "on", "with", "their", "there", "his", "her", "a", "an", "the", "to",
    "for", "from", "by", "and", "or", "about", "what", "when", "if", "of", "one", "day", "week", "month", "morning",
    "evening", "night", "hour", "minute", "time", "row", "item", "record", "weekday", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "its", "our", "my", "your", "today", "tomorrow",
}  # fmt: skip


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    return frozenset(p.lower() for p in lexicon()["people"])


def _singular(word: str) -> str:
    """'members' → 'member', 'addresses' → 'address' (a person's noun as the people list spells it)."""
    people = _people_nouns()
    for cut in (word, word[:-1], word[:-2]):
        if cut in people:
            return cut
    return word


def people_kept(text: str) -> str:
    """'Text each tenant whose inspection is due — the 'Inspections' Google Sheet has their mobile number.' → 'Text
    each tenant in the 'Inspections' Google Sheet whose inspection is due.'; "email each technician their
    appointments …; each technician's email address is in the Google Sheet 'Technicians'." → 'email each technician
    in the Google Sheet 'Technicians' their appointments …': a named place said to hold the people's numbers or
    addresses lists the people a message goes to, one each (read there, each item's own address)."""
    places = _place_services()
    for m in _PEOPLE_KEPT.finditer(text):
        place = (
            m.group("place")
            or m.group("where")
            or m.group("where2")
            or m.group("where3")
            or m.group("where4")
            or m.group("bare")
            or m.group("all")
            or ""
        ).strip()
        if not places.search(place):
            continue
        whose = _singular((m.group("whose") or m.group("ofwhom") or m.group("both") or "").lower())
        if whose and whose not in _people_nouns():
            continue  # ('the order numbers are in …': no person's address)
        named = (m.group("one") or m.group("each") or whose).lower()
        # the people, said with 'each'/'every' before the aside (in its sentence or the two before)
        begin = _sentence_start(text, m.start())
        for _ in range(2):
            if begin > 1 and "\n\n" not in text[max(0, begin - 2) : begin]:
                begin = _sentence_start(text, begin - 2)
        chosen = None
        every_one: tuple[int, int, str] | None = None
        for each in re.finditer(
            # ('email all the members every friday …': all of them, each by their own address)
            r"\b(?:(?:each|every)\s+(?:one\s+of\s+(?:the|our)\s+|of\s+(?:the|our)\s+)?|(?P<all>all)\s+(?:of\s+)?"
            r"(?:the\s+|our\s+|my\s+)?)",
            text[begin : m.start()],
            re.I,
        ):
            at = begin + each.end()
            words = list(re.finditer(r"[A-Za-z][\w-]*(?:['\u2019]s)?", text[at : at + 60]))
            kept_words: list[re.Match[str]] = []
            for w in words:
                if text[at + (kept_words[-1].end() if kept_words else 0) : at + w.start()].strip():
                    break  # (punctuation between: the noun ended)
                if w.group(0).lower() in _NOT_PERSON_WORD or len(kept_words) == 3:
                    break
                kept_words.append(w)
                if re.search(r"['\u2019]s$", w.group(0)):
                    break
            if not kept_words:
                continue
            if m.group("bare"):
                # (the people's own noun first: not 'each order (Airtable 'Orders')')
                if _singular(kept_words[0].group(0).lower()) not in _people_nouns():
                    continue
                kept_words = kept_words[:1]
            if (
                m.group("where")
                or m.group("where2")
                or m.group("where3")
                or m.group("where4")
                or m.group("bare")
            ) and not re.search(
                # ('send every friday at 9:00 all members an email': 'all' the object, when said a few words on)
                rf"\b(?:{_SENDS}|send)(?:e?s)?(?:\s+[^\s.;!?,]*[^\s.;:!?,]){{0,{5 if each.group('all') else 0}}}\s*$",
                text[max(0, at - 80) : begin + each.start()],
                re.I,
            ):
                continue  # ('… sent to each cleaner …. The cleaners' numbers are in …': a look-up there, not the list)
            last = kept_words[-1].group(0).lower()
            if each.group("all"):
                # ('all the members every friday': the people's noun, then what the message says)
                if _singular(kept_words[0].group(0).lower()) not in _people_nouns():
                    continue  # ('all the rows', 'all new orders': no people)
                kept_words = kept_words[:1]
                last = kept_words[0].group(0).lower()
            if named and not (last.startswith(named) or named.startswith(last.rstrip("s"))):
                continue
            chosen = at + kept_words[-1].end()
            if re.search(r"['\u2019]s$", kept_words[-1].group(0)):
                chosen -= 2  # ("each job's assigned engineer": the item itself)
            # ('WhatsApp all the guides (numbers are in …)': one message to each of them, said so)
            every_one = (
                (begin + each.start(), chosen, _singular(kept_words[0].group(0).lower()))
                if each.group("all")
                else None
            )
        if chosen is None:
            continue
        rest = text[m.end() :]
        if not m.group("lead").strip() and not m.group("close").strip():
            rest = re.sub(r"^\s*[.!?]", "", rest)  # (a sentence of its own: gone with its stop)
        gone = text[: m.start()] + rest
        place = re.sub(r"^(?:the|our|my|a)\b", lambda a: a.group(0).lower(), place, flags=re.I)
        place += m.group("cols") or ""
        said = gone[:chosen] + f" in {place}" + gone[chosen:]
        if every_one is not None:
            said = said[: every_one[0]] + f"each {every_one[2]}" + said[every_one[1] :]
        return people_kept(said)
    return text


_SENDS = r"e-?mail|text|sms|message|whatsapp|notify|remind|ping|dm"
# 'email the parent of every junior player who missed today's lesson' (a person each item has, the message to them)
_PERSON_OF_EACH = re.compile(
    rf"\b(?P<verb>{_SENDS})\s+(?:the|their)\s+(?P<person>[a-z]+?)(?P<plural>s)?\s+of\s+(?P<each>each|every)\s+"
    r"(?P<rest>[^.;:!?\n\u2014\u2013()]+?)(?=\s*(?:[.;:!?\n\u2014\u2013(]|\s-\s|$))",
    re.I,
)
# '- every player who missed the last two rehearsals → email their parent (parent_email column) a gentle note'
_EACH_ARROW = re.compile(
    # (a line of a list, its items a plain phrase: not 'Every new dispute: route by … — 'duplicate' → post …')
    r"^(?P<lead>[ \t]*(?:[-*\u2022][ \t]+|\d+[.)][ \t]+))(?P<each>each|every)\s+"
    r"(?P<item>[^\n\u2192:;\u2014\u2013'\"\u2018\u201c]{1,120}?)\s*(?:\u2192|->|=>)\s*"
    rf"(?P<act>(?:{_SENDS}|send|add|create|post|tag|update|mark)\b[^\n]*)",
    re.I | re.M,
)


def persons_of_each(text: str) -> str:
    """'email the parent of every junior player who missed today's lesson' → 'for every junior player who missed
    today's lesson, email their parent'; '- every player who missed … → email their parent (…)' → '- for every
    player who missed …, email their parent (…)': a message to a person each item of a list has is sent once per
    item, to that item's person (lexicon.json 'people')."""
    people = {p.lower() for p in lexicon()["people"]}

    def of_each(m: re.Match[str]) -> str:
        if m.group("person").lower() not in people:
            return m.group(0)
        if re.match(rf"(?:{_TIME_UNITS})s?\b", m.group("rest"), re.I):
            return m.group(0)  # ('email the owner of every day's …': a time)
        words = m.group("rest").split()
        if not words or words[0].lower() in ("one", "of", "them", "these", "those"):
            return m.group(0)  # ('remind the assignee of each one on Slack': the items said before)
        cut = len(words)
        for i, w in enumerate(words):
            if i and w.lower() in ("on", "via", "over", "through", "by", "in", "from", "with"):
                cut = i  # (where or how the message goes: 'on Slack')
                break
            if i and w.lower() in ("who", "whose", "that", "which", "where"):
                cut = len(words)  # (a clause about the items: theirs to the end)
                break
            if i == 3 or (i and w.lower() in ("a", "an", "the", "their", "about", "to", "for")):
                cut = i  # (what follows is the message's)
                break
            if w.endswith(","):
                cut = i + 1  # ('each swimmer listed there, asking for …': the items end at the comma)
                break
        item, said = " ".join(words[:cut]).rstrip(","), " ".join(words[cut:])
        lead = "For" if m.group("verb")[:1].isupper() else "for"
        return f"{lead} {m.group('each').lower()} {item}, {m.group('verb')} their {m.group('person')}" + (
            f" {said}" if said else ""
        )

    text = _PERSON_OF_EACH.sub(of_each, text)
    return _EACH_ARROW.sub(
        lambda m: f"{m.group('lead')}for {m.group('each').lower()} {m.group('item')}, {m.group('act')}", text
    )


# 'send each one a text with our offer', 'send them a quick text': a text sent to people is an SMS (not a text file)
_A_TEXT_SENT = re.compile(
    r"\b(?P<verb>send|sends|sent|shoot|fire\s+off)\s+(?P<who>(?:each|every|them|him|her|the|their|our|all)\b[^,.;:\n]{0,40}?)"
    r"\s+an?\s+(?P<adj>(?:quick|short|brief|reminder|friendly)\s+)?text\b(?!\s+(?:file|document|doc|summary|version|field|"
    r"block|box|message|to\b))",
    re.I,
)


# 'anything marked urgent should be texted to the duty nurse's phone': a thing sent by SMS, said in the passive
_TEXTED_TO = re.compile(
    r"\b(?P<modal>should|must|shall|will|would|to|can|gets?|is|are)\s+(?:be\s+)?(?:straight\s+|immediately\s+)?"
    r"(?:texted|sms['’]?(?:e)?d|sent\s+(?:as\s+an?\s+|by\s+|via\s+)(?:text|sms)(?:\s+message)?)\s+to\b",
    re.I,
)


def texts_sent(text: str) -> str:
    """'send each one a text with our weekly offer' → '… an SMS with our weekly offer': a text sent to people;
    '… should be texted to the duty nurse' → '… should go by SMS to the duty nurse'."""

    def sent(m: re.Match[str]) -> str:
        rest = re.split(r"[.;!?\n]", m.string[m.end() :], maxsplit=1)[0]
        if any(key != "twilio_sms" for _, key in integrations_in(rest)):
            return m.group(0)  # ('texted to me on Telegram': the channel it names, not an SMS)
        modal = m.group("modal")
        verb = "go" if modal.lower() in ("should", "must", "shall", "will", "would", "to", "can") else "sent"
        return f"{modal} {verb} by SMS to"

    text = _TEXTED_TO.sub(sent, text)
    return _A_TEXT_SENT.sub(
        lambda m: (
            f"{m.group('verb')} {m.group('who')} "
            + (f"a {m.group('adj')}SMS" if m.group("adj") else "an SMS")
        ),
        text,
    )


_MESSAGED_VERBS = {
    "emailed": "email",
    "e-mailed": "email",
    "texted": "text",
    "messaged": "message",
    "sent": "send",
}


def people_messaged(text: str) -> str:
    """'I want every request saved in Airtable, and the customer emailed a receipt from Outlook' → '…, and email the
    customer a receipt from Outlook': a wish that a person (lexicon.json 'people') be sent something is a step."""
    people = "|".join(lexicon()["people"])

    def said(m: re.Match[str]) -> str:
        before = text[_sentence_start(text, m.start()) : m.start()]
        if not re.search(r"\b(?:want|wants|like|need|needs|should)\b", before, re.I):
            return m.group(0)
        verb = _MESSAGED_VERBS[m.group("verb").lower()]
        return f"{m.group('lead')}{verb} {m.group('who')} "

    return re.sub(
        rf"(?P<lead>,?\s+and\s+)(?P<who>(?:the|each|every|our)\s+(?:{people}))\s+"
        r"(?P<verb>emailed|e-mailed|texted|messaged|sent)\s+(?=(?:an?|the|their|his|her)\s)",
        said,
        text,
        flags=re.I,
    )
