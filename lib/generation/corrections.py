"""What a writer who corrects themselves as they type finally asks for (lexicon.json `corrections`).

'… and log it in the 'Dunning' Google Sheet. Scratch the sheet actually, …' takes the sheet step back; '… create a
task in Asana. Hmm, actually ClickUp, not Asana.' swaps the service of the step before; '… add it to our Notion
database. Hmm, Notion's slow — put them in the Airtable table instead.' puts the new clause where the old one
was (inside its loop); "… send it from Outlook to the lead's address. Actually don't send — save them as drafts"
keeps where and to whom, with the new verb. The text is rewritten before anything else reads it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from lib.generation import lexicon as lx
from lib.generation import rx as re
from lib.generation import services
from lib.generation.lexicon import lexicon
from lib.generation.steps import _BAN_TESTED, _SCOPED, _WRITE, ACTION_START

_SENTENCE_END = re.compile(r"(?<!\b\d)(?<!\b\d\d)[.!?;\n](?=\s|$)|…")
# the next item of a numbered list (', 5. schedule …', ' 3) …'): a correction inside an item ends there
_NEXT_ITEM = re.compile(r"(?:,\s*|\s+)\d{1,2}[.)]\s")
_DASH = re.compile(r"\s[—–-]\s|[—–]")
_PREP = re.compile(r"\b(?:from|to|in|on|via|with|through|into)\b", re.I)
_REASON = re.compile(r"\s*(?:[,—–]\s*|\s)(?:so|because|since)\b.*$|\s*,?\s*\binstead\b.*$", re.I | re.S)


@lru_cache(maxsize=1)
def _names() -> list[tuple[str, str]]:
    """(phrase, key) of every service a writer may name: integrations, search engines, external services."""
    out: list[tuple[str, str]] = []
    for key, entry in lexicon()["integrations"].items():
        for phrase in entry["phrases"]:
            p = phrase.strip()
            if p in ("x", "on x", "to x", "from x") or re.match(r"(?:email|e-mail|mail|send)\s", p):
                continue
            out.append((p, key))
    for key, entry in lexicon()["search"].items():
        if isinstance(entry, dict):
            out += [(p.strip(), key) for p in entry.get("phrases", []) if " " not in p.strip()]
    for key, entry in services.external().items():
        out += [(a, key) for a in entry["aliases"]]
    out += [(key, key) for key in services.data()["unnamed"]["hosts"]]
    return sorted(set(out), key=lambda pk: -len(pk[0]))


@lru_cache(maxsize=1)
def _name_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in _names())
    # a service by its name (a trailing 's': 'Sheets'); X only as a capital word ('post it to X')
    return re.compile(r"(?<![\w#@/'-])(?:(?i:" + alts + r")s?|X)(?![\w@/-])")


def _key_of(name: str) -> str | None:
    low = re.sub(r"\s+", " ", name.lower())
    if name == "X":
        return "x"
    for p, key in _names():
        if low in (p, p + "s"):
            return key
    return None


def mentions(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, key) of each service named in text[start:end] (a user's own name is none)."""
    masked = lx.mask_names(text)
    end = len(text) if end is None else end
    out = []
    for m in _name_re().finditer(masked, start, end):
        key = _key_of(m.group(0))
        if key:
            out.append((m.start(), m.end(), key))
    return out


def _sentence(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    found = _SENTENCE_END.search(text, at)
    return start, found.start() if found else len(text)


def _clauses(text: str, limit: int) -> list[tuple[int, int, str]]:
    """(start, end, verb) of the action clauses before `limit`: from a verb to the next verb after a connector, a
    dash or the sentence's end."""
    # ('a Jira ticket in project STORE': a word in capitals is a name, not a verb)
    verbs = [
        m
        for m in ACTION_START.finditer(text, 0, limit)
        if not re.fullmatch(r"[A-Z]{2,}", m.group(0).split()[-1])
    ]
    # ('makes a Trello card … and, er, texts the walker', '… and, um, emails the customer their deposit info': a
    # message sent, said by its channel's verb in the third person, after a connector is a clause of its own)
    sends = [
        m
        for m in _SENT.finditer(text, 0, limit)
        if re.search(r"(?:,|\band|\bthen)\s*$", text[: m.start()])
        and not any(v.start() == m.start() for v in verbs)
    ]
    verbs = sorted(verbs + sends, key=lambda m: m.start())
    out = []
    for i, m in enumerate(verbs):
        s_start, s_end = _sentence(text, m.start())
        end = min(s_end, limit)
        dash = _DASH.search(text, m.end(), end)
        if dash:
            end = dash.start()
        # ('• Also log it to the Supabase table\n• Q: SMS as well?': the next bullet is a clause of its own)
        bullet = re.compile(r"\n[^\S\n]*(?:[-*•·]|\d{1,2}[.)])\s").search(text, m.end(), end)
        if bullet:
            end = bullet.start()
        for n in verbs[i + 1 :]:
            if n.start() >= end:
                break
            if re.search(r"(?:,|\band|\bthen|\bor|\(|:)\s*$", text[m.end() : n.start()]):
                end = n.start()
                break
        verb = m.group(0).lower().split()[-1]
        out.append((m.start(), end, verb))
    return out


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ging", "ing", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


# a message sent, said by its channel ('email it to …', 'text the driver', 'dm @sam'): steps._WRITE leaves these to
# the services they name
_SENDS = r"e-?mail(?:s|ed)?|text(?:s|ed)?|sms|dm|whatsapp|telegram"
# the same verb in the third person, with whom it goes to after it
_SENT = re.compile(
    r"\b(?:e-?mails|texts|sms(?:es)?|dms|whatsapps|telegrams|messages)\s+(?=(?:the|a|an|me|us|him|her|them|it|each|every|all)\b|[A-Z]|\+|[\w.+-]+@)",
    re.I,
)


def _pick(
    text: str,
    limit: int,
    keys: set[str],
    nouns: list[str],
    verb: str | None = None,
    only_writes: bool = False,
) -> tuple[int, int, str] | None:
    """The nearest action clause before `limit` that the correction is about: naming one of `keys`, holding a word
    of `nouns`, or led by `verb`; a write before a read."""
    found = []
    for start, end, v in _clauses(text, limit):
        named = {k for _, _, k in mentions(text, start, end)}
        words = re.findall(r"[a-z][\w-]*", text[start:end].lower())
        if verb is not None:
            hit = _stem(v) == _stem(verb)
        elif keys:
            # ('Scratch the email.' of 'email it to lead@acme.io': the service said by its noun, a clause naming no
            # service by the verb)
            hit = bool(named & keys) or (
                not named and any(w.startswith(_stem(n)) for n in nouns for w in words)
            )
        elif nouns:
            hit = any(w.startswith(_stem(n)) for n in nouns for w in words)
        else:
            hit = True
        if hit:
            found.append((start, end, v))
    found = [c for c in found if not re.search(r"\b(?:don'?t|do\s+not|never|not)\s+$", text[: c[0]], re.I)]
    # ('Scratch the email.' of 'email it to lead@acme.io': a message said by its channel's verb is a write too, when
    # the step is taken back by its noun; a ban on a service keeps to the clauses that write to it)
    write = _WRITE + r"|" + _SENDS if nouns else _WRITE
    writes = [c for c in found if re.match(r"(?:also\s+|then\s+)?(?:" + write + r")\b", text[c[0] :], re.I)]
    pool = writes if writes or only_writes else found
    return pool[-1] if pool else None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _blank_site(text: str, site: int, end: int) -> str:
    """The correction goes, with the aside it opens on ('Hmm, Trello is cluttered — put them …'): a sentence start
    that does nothing."""
    start, _ = _sentence(text, site)
    if start < site and not ACTION_START.search(text, start, site):
        site = start
    return _blank(text, site, end)


def _connector_start(text: str, start: int) -> int:
    lead = re.search(r"(?:,\s*|\s+)(?:and\s+)?(?:also\s+)?$", text[:start])
    return lead.start() if lead and lead.group(0).strip(" ,") else start


def _drop_clause(text: str, clause: tuple[int, int, str], keys: set[str]) -> str:
    """Takes a clause back; when it names other services as well ('post them to X and to #hiring on Slack'), only
    the retracted one goes."""
    start, end, _ = clause
    named = mentions(text, start, end)
    if keys and any(k not in keys for _, _, k in named):
        for a, b, k in named:
            if k not in keys:
                continue
            after = re.match(r"(?:\s+(?:account|channel|page|bot))?\s*(?:,|\band\b|&)\s*", text[b:end])
            before = re.search(
                r"\s*(?:,|\band\b|&)\s*(?:to\s+|on\s+|in\s+|via\s+)?(?:our\s+|the\s+|my\s+)?$", text[start:a]
            )
            if before and before.group(0).strip():
                tail = re.match(r"(?:\s+(?:account|channel|page|bot))?", text[b:end])
                return _blank(text, start + before.start(), b + (tail.end() if tail else 0))
            if after:
                lead = re.search(r"(?:to\s+|on\s+|in\s+|via\s+)?(?:our\s+|the\s+|my\s+)?$", text[start:a])
                return _blank(text, start + (lead.start() if lead else a - start), b + after.end())
    return _blank(text, _connector_start(text, start), end)


def corrected(text: str) -> str:
    """The text as the writer finally meant it: each correction applied to what it corrects, and blanked."""
    # ('scratch the email, Desmond says a Teams post in 'X' is better': the step wanted instead, said as a preference)
    for pattern, said in lexicon()["corrections"]["preferred"].items():
        text = re.sub(pattern, said, text, flags=re.I)
    text = _renamed_places(text)
    return one_at_a_time(_apply_first, text, 8)


def places_corrected(text: str) -> str:
    """The text with each place taken back in an aside replaced by the one said in it (read before anything takes
    the words before the cue back as a whole: '… in Excel — no wait, it's the Google Sheet 'Rota' — and text …'
    corrects where, not what); a quoted name taken back ('the table 'Leads' — sorry, I mean 'Prospects'') first, so
    that nothing reads its cue as taking the step back."""
    return one_at_a_time(_place_corrected, _renamed_places(text), 4)


@lru_cache(maxsize=1)
def _moved_place() -> re.Pattern[str]:
    """An aside that takes back where the data is and says where it really is ('… in the Outlook calendar — no,
    they're in Google Calendar, 'Clinic Diary' — and …', '… in Excel — no wait, it's the Google Sheet 'Rota' —'): a
    cue of correction, then 'they're' / 'it's' and the place, up to the aside's end."""
    rules = lexicon()["corrections"]
    fill = r"(?:(?:" + rules["fillers"] + "|" + rules["cues"] + r")\b\s*[,.!:;]*\s*)*"
    return re.compile(
        r"\s*(?:[—–(]|\s-\s)\s*(?P<fill>"
        + fill
        + r")(?:they|it)(?:['’](?:re|s)|\s+(?:are|is))\s+(?:(?:all\s+)?(?:in|on)\s+)?"
        r"(?:the\s+|our\s+|my\s+)?(?P<place>[^—–().;!?\n]{3,80}?)\s*(?:[—–)]|\s-\s|(?=[.;!?\n]|$))",
        re.I,
    )


def _place_corrected(text: str) -> str | None:
    """The text with the first place taken back in an aside replaced by the one said in it ('look at tomorrow's
    appointments in the Outlook calendar — no, they're in Google Calendar, 'Clinic Diary' — and text …' → '… in the
    Google Calendar 'Clinic Diary' and text …'): the old service's words, from the preposition before them to the
    aside's end, give way to the new place (its name's comma dropped). None when no such aside is left."""
    for aside in _moved_place().finditer(text):
        if not _cued(aside.group("fill"), lexicon()["corrections"]):
            continue
        place = aside.group("place")
        new_keys = {k for _, _, k in mentions(place)}
        start, _ = _sentence(text, aside.start())
        old = [(a, k) for a, _, k in mentions(text, start, aside.start()) if k not in new_keys]
        if not new_keys or not old:
            continue
        a, _ = old[-1]
        prep = re.search(r"\b(?:in|from|on|at|of)\s+(?:(?:the|our|my)\s+)?$", text[start:a], re.I)
        if prep is None:
            continue
        said = re.sub(r"^(?:the|our|my)\s+", "", place, flags=re.I)
        said = re.sub(r",\s*(?=(?:[\w-]+\s+)?['\"‘“])", " ", said)  # ('Google Calendar, 'Clinic Diary'')
        lead = text[start : start + prep.start()] + re.sub(r"\s+(?:the|our|my)\s+$", " ", prep.group(0) + " ")
        return text[:start] + re.sub(r"\s+$", " ", lead) + "the " + said + " " + text[aside.end() :].lstrip()
    return None


_NAME = r"(?:'[^'\n]{1,60}'|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|‘[^’\n]{1,60}’)"


@lru_cache(maxsize=1)
def _renamed_place() -> re.Pattern[str]:
    """A quoted name the writer corrects right after saying it ('the Airtable 'Pledges' — no sorry, the 'Orders'
    table', 'the sheet 'Stock 2024', I mean 'Stock 2025'', 'la tabla 'Clientes', perdón, la tabla 'Pedidos''): a
    cue of correction (lexicon.json corrections 'name_cues') between the two names, a place's noun or 'the' before
    the second at most."""
    rules = lexicon()["corrections"]
    nouns = "|".join(sorted(lexicon()["table_nouns"], key=len, reverse=True))
    fill = r"(?:(?:" + rules["fillers"] + "|" + rules["name_cues"] + r")\b\s*[,.!:;—–-]*\s*)*"
    return re.compile(
        r"(?P<old>(?<![\w'’])" + _NAME + r")(?:\s+(?:" + nouns + r")s?)?"
        # ('the table 'fermenters' for the jerky — no, sorry, …': what the place is for, said before the cue)
        r"(?:\s+(?:for|of|with)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+(?=\s*[,:;(—–]|\s-))?"
        r"\s*(?:[,:;(—–]|\s-|\.{2,3}|…)?\s*"
        r"(?P<fill>" + fill + r")(?:(?:the|that|our|my)\s+)?(?:(?:" + nouns + r")s?\s+)?"
        # ('… — no, sorry, the table's called 'dehydrators'', '… no, actually it's called 'Stock 2025'')
        r"(?:(?:(?:the|that|our|my)\s+(?:" + nouns + r")|it|that|this|they)(?:['’]s|\s+is|['’]re|\s+are)\s+"
        r"(?:(?:really|actually|now)\s+)?(?:called|named)\s+)?"
        r"(?P<new>" + _NAME + r")",
        re.I,
    )


def _renamed_places(text: str) -> str:
    """`text` with each quoted name the writer took back ('the 'Pledges' — no sorry, the 'Orders' table') left out,
    the name said after it in its place: only the last name is the place's."""
    cue = re.compile(r"\b(?:" + lexicon()["corrections"]["name_cues"] + r")\b", re.I)
    while True:
        found = next((m for m in _renamed_place().finditer(text) if cue.search(m.group("fill"))), None)
        if found is None:
            return text
        rest = text[found.end() :]
        # ('the table 'Leads' — sorry, I mean 'Prospects' — and email …': the aside closed, its dash goes too)
        if re.search(r"[—–(]|\s-\s", text[found.end("old") : found.start("new")]):
            rest = re.sub(r"^\s*(?:[—–)]|\s-(?=\s))\s*", " ", rest)
        text = text[: found.start()] + text[found.start("new") : found.end()] + rest


def one_at_a_time(apply: Callable[[str], str | None], text: str, rounds: int) -> str:
    """`apply` (the text with its first correction made, or None when none is left) until none is left, at most
    `rounds` times: a text rarely holds more than three corrections, and each one changes what the next one finds."""
    for _ in range(rounds):
        changed = apply(text)
        if changed is None:
            return text
        text = changed
    return text


def _apply_first(text: str) -> str | None:
    rules = lexicon()["corrections"]
    fill = r"(?:(?:" + rules["fillers"] + "|" + rules["cues"] + r")\b\s*[,.!:;—–-]*\s*)*"
    opening = re.compile(r"(?:^|(?<=[.!?;:…\n,(])|(?<=[—–])|(?<=\s-))\s*(?P<fill>" + fill + r")", re.I)
    for site in opening.finditer(text):
        start = site.start()
        if not text[site.end() :].strip():
            continue
        done = _correct(text, start, site.end(), site.group("fill") or "", rules)
        if done is not None:
            return done
    return None


def _cued(fill: str, rules: dict) -> bool:
    return bool(re.search(r"\b(?:" + rules["cues"].replace("|hmm+", "") + r")\b", fill, re.I))


def _correct(text: str, site: int, at: int, fill: str, rules: dict) -> str | None:
    _, s_end = _sentence(text, at)
    item = _NEXT_ITEM.search(text, at, s_end)
    s_end = item.start() if item else s_end
    rest = text[at:s_end]
    cued = _cued(fill, rules)
    if re.search(r"[ \t]{3,}$", text[:site]) or re.match(r"\s*[ \t]{3,}", text[site:at]):
        return None  # what it corrects was taken back already (lexicon.without_retractions)
    if re.search(r"\bno\s+$", fill, re.I):  # 'Actually no email', 'no post': a step taken back, not a swap
        return _retract(
            text, site, s_end, "no " + rest, _cued(fill[: fill.lower().rfind("no")], rules), rules
        )
    renamed = _service_renamed(text, site, at, rest, rules) if cued else None
    if renamed is not None:
        return renamed
    if re.fullmatch(r"\s*(?:but\s+)?not\s+(?:an?\s+)?[\w-]+\s*", rest) and s_end < len(text):
        # 'Actually — not a text. WhatsApp.': the channel wanted instead is the next sentence
        _, s_next = _sentence(text, s_end + 1)
        if _channel_swap(text, site, s_next, text[at:s_next], True) is not None:
            s_end, rest = s_next, text[at:s_next]
    swapped = _channel_swap(text, site, s_end, rest, cued or bool(re.search(r"\b(?:oh|ah)\b", fill, re.I)))
    if swapped is not None:
        return swapped
    name = r"(?:the\s+|our\s+|my\s+)?(?P<{0}>" + _name_re().pattern + r")"
    # a swap of the service: 'make that Excel', 'ClickUp, not Asana', 'not Teams, Slack', 'use Exa instead of Tavily',
    # '— no, Jira, …', 'Firecrawl is fine'
    swaps = [
        r"(?:"
        + rules["swap_verbs"]
        + r")\s+"
        + name.format("new")
        + r"(?:\s+instead(?:\s+of\s+"
        + name.format("old")
        + r")?|\s*,?\s*(?:not|rather\s+than)\s+"
        + name.format("old2")
        + r")?\s*(?=[,.;!—–\n]|\s-\s|$)",
        name.format("new") + r"\s*,?\s*(?:not|instead\s+of|rather\s+than)\s+" + name.format("old") + r"\b",
        r"not\s+" + name.format("old") + r"\s*(?:[,;—–]|\s-)\s*(?:but\s+)?" + name.format("new") + r"\b",
    ]
    if cued or re.search(r"\b(?:hmm+|oh|ah|um+)\b", fill, re.I):
        swaps.append(name.format("new") + r"(?:\s+(?:" + rules["fine"] + r"))?\s*(?=[,.;!—–\n]|\s-\s|$)")
    for i, pattern in enumerate(swaps):
        m = re.match(pattern, rest)
        if m is None and i < 3:  # 'And for step 3 use Tavily instead of Exa': after words that do nothing
            m = re.search(pattern, rest)
            if (
                m
                and (
                    i > 0
                    and not re.search(r"\binstead\s+of|\bnot\b|\brather", m.group(0))
                    or ACTION_START.search(rest, 0, m.start())
                    # ("We don't use SMS, parents hate it, so email only": the service is refused, none swapped in)
                    or re.search(
                        r"\b(?:don['’]?t|do\s+not|never|no\s+longer|won['’]?t|can['’]?t|not)\s+$",
                        rest[: m.start()],
                        re.I,
                    )
                )
            ):
                m = None
        if not m or (i == 3 and not cued and not re.match(r".*\b(?:" + rules["fine"] + r")\b", m.group(0))):
            continue
        if (
            i == 0
            and not cued
            and not re.search(r"\binstead\b|\bnot\b|\brather\b", m.group(0))
            and re.match(r"(?:" + rules["swap_verbs_cued"] + r")\s", m.group(0), re.I)
        ):
            continue  # ('if it's a class booking, put it in Google Calendar;': an ordinary step, no swap)
        if i == 3 and re.search(
            r"\b(?:enough|only|alone)\b", rest[m.end() - 1 : m.end() + 12] + m.group(0), re.I
        ):
            # 'Linear is enough', 'Teams only': the other service's step goes
            new_key = _key_of(m.group("new"))
            others = {k for a, _, k in mentions(text, 0, site) if k != new_key and _in_action(text, a)}
            channels = set(lx.lexicon()["message_channels"])
            if new_key in channels:  # ('Q: SMS as well? A: no, WhatsApp only': the log to Supabase stays)
                others &= channels
                if not others:
                    return None
            clause = _pick(text, site, others, [])
            if clause is None or any(k == new_key for _, _, k in mentions(text, clause[0], clause[1])):
                return None
            return _drop_clause(_blank_site(text, site, s_end), clause, others)
        new = m.group("new")
        new_key = _key_of(new)
        old = next((m.group(g) for g in ("old", "old2") if g in m.groupdict() and m.group(g)), None)
        old_key = _key_of(old) if old else None
        if not new_key or old_key == new_key:
            continue
        before = [
            (a, b, k)
            for a, b, k in mentions(text, 0, site)
            if k != new_key and (old_key is None or k == old_key) and _in_action(text, a)
        ]
        if not before:
            continue
        a, b, _ = before[-1]
        out = _blank_site(text, site, s_end)
        return out[:a] + new + out[b:]
    # a new clause in place of the old: 'put them in the Airtable table instead', "don't send — save them as drafts",
    # '— no, simpler: put them all on a Notion page'
    dont = re.match(
        r"(?:don'?t|do\s+not|never)\s+(?P<verb>[a-z]+)\b(?P<obj>[^.;!?—–\n,:]*?)\s*"
        r"(?:(?:[—–;,:]|\s-\s)\s*(?:(?:just|simply|instead|rather)[,:]?\s+)?(?P<then>.*))?$",
        rest,
        re.I | re.S,
    )
    if dont and (cued or re.search(r"\b(?:hmm+|oh)\b", fill, re.I)):
        if mentions(text, at + dont.start("obj"), at + dont.end("obj")):
            return None  # "don't tweet on X": a ban on a service, read as such (steps.negated)
        if _SCOPED.match(dont.group("obj")) or _BAN_TESTED.match(dont.group("obj")):
            # "Oh — and don't email anyone whose warranty already expired": which items get none, a test, no step
            # taken back
            return None
        clause = _pick(text, site, set(), [], dont.group("verb"))
        if clause is None:
            return None
        then = dont.group("then") or ""
        if ACTION_START.match(then):
            return _replace(text, clause, then, site, s_end)
        return _blank(_blank_site(text, site, s_end), _connector_start(text, clause[0]), clause[1])
    lead = re.match(r"(?:(?:just|simply|instead|rather|simpler)\s*[,:]?\s+)*", rest, re.I)
    new_clause = rest[lead.end() if lead else 0 :]
    added = re.search(r"\b(?:also|too|as\s+well)\b", fill + " " + rest, re.I)
    # ('if there are none, post … instead': the other branch, no correction; a lone 'instead' opens its sentence)
    alone = re.search(r"(?:^|[.!?…—–]|\s-)\s*$", text[:site]) and re.search(r"\binstead\b", rest, re.I)
    if ACTION_START.match(new_clause) and (cued or alone) and not added:
        if not re.match(r"(?:" + _WRITE + r")\b", new_clause, re.I):
            return None
        named = re.search(r"\binstead\s+of\s+" + name.format("old"), new_clause)
        keys = {_key_of(named.group("old"))} - {None} if named else set()
        clause = _pick(text, site, keys, [])  # type: ignore[arg-type]
        if clause is None:
            return None
        return _replace(text, clause, new_clause, site, s_end)
    return _retract(text, site, s_end, rest, cued, rules)


def _service_renamed(text: str, site: int, at: int, rest: str, rules: dict) -> str | None:
    """'I want a Trello card... no, scrap Trello, a Linear issue for the workroom, and text me': the thing said with
    the service taken back gives way to the one said after it, and the sentence goes on from there (what follows the
    new thing is still asked); 'make an Asana task — no, not Asana, Jira — and …': the service's name alone."""
    name = r"(?:the\s+|our\s+|my\s+)?(?P<{0}>" + _name_re().pattern + r")"
    said = re.match(
        r"(?i:(?:"
        + rules["retract"]
        + r"|scrap|not)\s+)"
        + name.format("old")
        + r"(?i:\s+(?:"
        + "|".join(rules["vague"])
        + r"))?\s*(?:[,;:—–]|\s-|\.{2,}|…)\s*"
        r"(?i:(?:"
        + rules["fillers"]
        + r"|just|instead|rather|use|make\s+(?:it|that)|go\s+with)\b\s*[,:]?\s*)*"
        r"(?P<np>(?i:an?|the|our|one)\s+)?" + name.format("new") + r"(?![\w@/-])",
        rest,
    )
    if said is None:
        return None
    old_key, new_key = _key_of(said.group("old")), _key_of(said.group("new"))
    if not old_key or not new_key or old_key == new_key:
        return None
    before = [(a, b) for a, b, k in mentions(text, 0, site) if k == old_key]
    if not before:
        return None
    if re.search(r"\b(?:just|only)\b", rest[said.end("old") : said.start("new")], re.I) and any(
        k == new_key and _in_action(text, a) for a, _, k in mentions(text, 0, site)
    ):
        return (
            None  # 'skip Slack, just the email': the email asked for before stays alone, nothing swapped in
        )
    a, b = before[-1]
    if said.group(
        "np"
    ):  # 'a Trello card... no, scrap Trello, a Linear issue': the new noun phrase in the old one's place
        lead = re.search(r"(?i:\b(?:an?|the|our|my|one)\s+(?:new\s+)?)?$", text[:a])
        return _blank(text, lead.start() if lead else a, at + said.start("np"))
    out = _blank(text, site, at + said.end())
    article = re.search(r"(?i:\b(an?)\s+)$", out[:a])  # ('an Asana task' → 'a Jira task')
    if article:
        a_n = "an" if said.group("new")[:1].lower() in "aeiou" else "a"
        out = out[: article.start(1)] + a_n + out[article.end(1) : a] + out[a:]
        a, b = a + len(a_n) - len(article.group(1)), b + len(a_n) - len(article.group(1))
    return out[:a] + said.group("new") + out[b:]


def _channel_swap(text: str, site: int, s_end: int, rest: str, cued: bool) -> str | None:
    """'text every donor a reminder. Oh, actually — not text, email them': the message before goes by the other
    channel, in its place (inside its loop, to the same people); said by the channels alone (lexicon.json
    corrections 'channels')."""
    found = swapped_channel(rest) if cued else None
    if found is None:
        return None
    channels = lexicon()["corrections"]["channels"]

    def key(word: str) -> str | None:
        return next((k for k, c in channels.items() if re.fullmatch(c["words"], word, re.I)), None)

    old, new = key(found.group("old")), key(found.group("new"))
    if old is None or new is None or old == new:
        return None
    words = channels[old]["words"]
    for start, end, _ in reversed(_clauses(text, site)):
        clause = text[start:end]
        verb = re.match(
            r"(?:(?:also|then)\s+)?(?P<w>" + words + r")\b(?!\s+(?:address|list)\b)", clause, re.I
        )
        noun = re.search(r"\b(?:an?\s+)?(?P<w>(?:" + words + r"))(?:\s+message)?s?\b", clause, re.I)
        if verb:
            a, b, said = start + verb.start("w"), start + verb.end("w"), channels[new]["verb"]
        elif noun and re.match(r"(?:(?:also|then)\s+)?send\b", clause, re.I):
            a, b, said = start + noun.start(), start + noun.end(), channels[new]["noun"]
        else:
            continue
        out = _blank_site(text, site, s_end)
        return out[:a] + said + out[b:]
    return None


def swapped_channel(rest: str) -> re.Match[str] | None:
    """'not text, email them', 'a text message instead of an email': a correction that names two channels only
    (its groups `old` and `new`), which `_channel_swap` reads (not a swap of one service's place for another's)."""
    channels = lexicon()["corrections"]["channels"]
    any_channel = "|".join(f"(?:{c['words']})" for c in channels.values())
    art = r"(?:(?:an?|by|via|on)\s+)?"
    return re.match(
        # ('not a text, make it WhatsApp', 'not a text. WhatsApp.': the new channel after a verb of choosing, or
        # in the next sentence)
        r"(?:but\s+)?not\s+" + art + r"(?P<old>" + any_channel + r")\b\s*(?:[,;:—–.]|\s-)\s*(?:but\s+)?"
        r"(?:(?:just|simply)\s+)?(?:(?:make\s+(?:it|that)|use|do|go\s+with|switch\s+to)\s+)?"
        + art
        + r"(?P<new>"
        + any_channel
        + r")\b",
        rest,
        re.I,
    ) or re.match(
        r"(?:(?:make\s+(?:that|it)|use|send|do)\s+)?" + art + r"(?P<new>" + any_channel + r")\b"
        r"(?:\s+(?:them|him|her|message|msg))?\s*,?\s*(?:instead\s+of|rather\s+than|not)\s+"
        + art
        + r"(?P<old>"
        + any_channel
        + r")\b",
        rest,
        re.I,
    )


def _retract(text: str, site: int, s_end: int, rest: str, cued: bool, rules: dict) -> str | None:
    """A step taken back: 'Scratch the sheet', 'never mind the Slack post', "we don't need logging", 'scratch that'."""
    taken = re.match(r"(?P<verb>" + rules["retract"] + r")\s+(?P<target>[^.,;!?—–\n]+)", rest, re.I)
    if not taken:
        return None
    opened = text[_sentence(text, site)[0] : site]
    if re.match(
        r"\W*(?:and\s+|but\s+|so\s+)?(?:if|when|whenever|unless|otherwise|else|in\s+case)\b", opened, re.I
    ):
        return None  # 'If there are none, skip the post.': a step a test leaves out, not one taken back
    target = re.split(r"\s+(?:actually|anyway|please|then|and|either)\b", taken.group("target"))[0].strip()
    words = re.findall(r"[a-z][\w-]*", target.lower())
    strong = re.match(r"scratch|never|forget|no\s+need|we|i\b|don", taken.group("verb"), re.I)
    vague = any(w in rules["vague"] for w in words)
    if not (strong or cued or vague or not _PREP.search(target)):
        return None
    if taken.group("verb").lower() == "no" and not cued:
        return None
    keys = {k for _, _, k in mentions(target)}
    nouns = [w for w in words if w in rules["step_nouns"]]
    if words[:1] == ["that"] and len(words) <= 2:
        clause = _pick(text, site, set(), [])
    elif keys or nouns:
        clause = _pick(text, site, keys, nouns, only_writes=True) or (
            _pick(text, site, keys, [], only_writes=True) if keys and nouns else None
        )
    else:
        return None
    if clause is None:
        return None
    out = _blank_site(text, site, s_end)
    return _drop_clause(out, clause, keys)


def _in_action(text: str, at: int) -> bool:
    """A name inside a clause that does something ('create a task in Asana'), not in an aside ('Notion's slow')."""
    start, _ = _sentence(text, at)
    return any(m.start() < at for m in ACTION_START.finditer(text, start, at)) or bool(
        re.search(r"\b(?:use|using|with|via)\s+(?:the\s+|our\s+)?$", text[start:at], re.I)
    )


def _replace(text: str, clause: tuple[int, int, str], new: str, site: int, s_end: int) -> str:
    """The old clause gives way to the new one, which keeps the old one's service and recipient when it names none
    ('save them as drafts' + 'from Outlook to the lead's address')."""
    start, end, _ = clause
    new = _REASON.sub("", new.strip()).strip()
    old = text[start:end]
    if not mentions(new) and not re.search(r"#[\w-]+|@\w", new):
        named = mentions(text, start, end)
        if named:
            verb_end = ACTION_START.match(old)
            prep = _PREP.search(old, verb_end.end() if verb_end else 0)
            if prep and prep.start() <= named[0][0] - start:
                new += " " + old[prep.start() :].strip()
            else:
                new += " in " + text[named[0][0] : named[0][1]]
    elif not mentions(new):
        named = mentions(text, start, end)
        if named:
            new += " in " + text[named[0][0] : named[0][1]]
    out = _blank_site(text, site, s_end)
    return out[:start] + new.rstrip(" ,") + out[end:]
