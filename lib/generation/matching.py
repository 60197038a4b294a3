"""Kinds sorted by a judgement, then sent to "the matching" place of a list in the same order (lexicon.json
`matching_places`).

'have AI label it as bug, feature or question and post it to the matching Slack channel: #bugs, #features or
#questions' names three kinds and three channels; each kind goes to the channel in its position. The sentence is
rewritten into one route per kind ('Bug -> post it to the Slack channel #bugs; feature -> …'), which the router
reading already builds. Lists of different lengths, or a place list with no judgement of kinds before it, are left
as they are. So are kinds followed by as many actions said 'respectively', 'in that order' or as one of several
('classify it as bug, billing or other and post it to #bugs, #billing or #support'). The text is rewritten before
anything else reads it."""

from __future__ import annotations

from functools import lru_cache

from lib.generation import rx as re
from lib.generation.lexicon import lexicon

_ITEM = r"[\w@.#'’&-]+(?:\s+[\w@.#'’&-]+){0,3}?"


# 'a, b or c', 'a, b and c', '#a, #b, #c' (a list of places may end on a comma alone)
def _list(name: str) -> str:
    return rf"(?P<{name}>{_ITEM}(?:\s*,\s*{_ITEM}){{0,5}}(?:\s*,?\s*(?:or|and)\s+|\s*,\s*){_ITEM})"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = lexicon()["matching_places"]
    judged = re.compile(
        rf"\b(?:{words['judge']})\w*\s+(?:[\w-]+\s+){{0,4}}?"
        rf"(?:{words['as']})\s+" + _list("kinds") + r"(?=\s*(?:[,.;:!?]|\band\b|\bthen\b|$))",
        re.I,
    )
    place = re.compile(
        r"(?P<lead>\s*(?:[,;]\s*)?(?:\band\s+|\bthen\s+)*)"
        r"(?P<act>(?:[a-z]+\s+){1,2}?(?:it|them|the\s+[\w-]+|each(?:\s+one)?)\s+(?:to|in|into|on)\s+)"
        rf"(?:the|its|their)\s+(?:{words['matching']})\s+(?P<noun>[\w\s-]{{0,40}}?)\s*(?::|\(|—|–|-)\s*"
        + _list("places")
        + r"(?=\s*(?:\)|[.;!?\n]|,|$|\band\b|\bthen\b))\s*\)?",
        re.I,
    )
    # 'classify it as urgent, normal or low and send it to #urgent, #normal or #low in Slack': a list of places each
    # marked as one (a #channel, an address) needs no 'matching' word — it lists one place per kind, in order
    mark = r"(?:#[\w-]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    marked = re.compile(
        r"(?P<lead>\s*(?:[,;]\s*)?(?:\band\s+|\bthen\s+)*)"
        r"(?P<act>(?:[a-z]+\s+){1,2}?(?:it|them|the\s+[\w-]+|each(?:\s+one)?)\s+(?:to|in|into|on)\s+)(?P<noun>)"
        rf"(?P<places>{mark}(?:\s*,\s*{mark}){{0,5}}(?:\s*,?\s*(?:or|and)\s+){mark})"
        r"(?P<where>\s+(?:in|on|via)\s+[A-Z][\w ]{1,20}?)?(?:\s*,?\s*respectively)?"
        r"(?=\s*(?:[.;!?\n]|,|$|\band\b|\bthen\b))",
        re.I,
    )
    return judged, place, marked


@lru_cache(maxsize=1)
def _respective() -> re.Pattern[str]:
    """'classify it as bug, billing or other and post it to #bugs, #billing or #support respectively', 'rate it hot,
    warm or cold, then email it to …, add it to … or post it in …, in that order', 'decide if it's billing, technical
    or sales and send it to #billing, #tech or #sales': kinds, then what is done with each."""
    judge = lexicon()["matching_places"]["judge"]
    return re.compile(
        rf"(?P<head>\b(?:{judge})\w*\s+(?:(?:it|them|this|each\s+one)\s+(?:as\s+|into\s+)?|(?:[^.;:!?\n]{{0,80}}?\s)?"
        r"(?:as|into|whether\s+it(?:\s+is|['’]s)|if\s+it(?:\s+is|['’]s))\s+))"
        r"(?P<cats>[^.;:!?\n]+?)\s*,?\s+(?:and\s+then\s+|then\s+|and\s+)"
        r"(?P<acts>[a-z][\w-]*\s+(?:it|them)\s+(?:to|in|into|on)\s+[^;!?\n]+?)"
        r"(?P<resp>,?\s+(?:respectively|in\s+that\s+order))?(?P<end>\s*(?:[.!?;](?=\s|$)|\n|$))",
        re.I | re.M,
    )


def _respective_routes(text: str) -> str:
    """Each kind paired with the action in its place, as routes ('…: bug → post it to #bugs, billing → post it to
    #billing, other → post it to #support.'), when the actions are said 'respectively', 'in that order' or as one of
    several ('… or #sales'); a destination said alone takes the first action's verb."""

    def paired(m: re.Match[str]) -> str:
        cats, acts = _items(m.group("cats")), _items(m.group("acts"))
        either = re.search(r"\bor\s+(?:(?!\b(?:and|or)\b)[^,])*$", m.group("acts"), re.I)
        if len(cats) < 2 or len(cats) != len(acts) or not (m.group("resp") or either):
            return m.group(0)
        lead = re.match(r"[a-z][\w-]*\s+(?:it|them)\s+(?:to|in|into|on)\s+", acts[0], re.I)
        if lead is None:
            return m.group(0)
        steps = [a if re.match(r"[a-z][\w-]*\s+(?:it|them)\b", a, re.I) else lead.group(0) + a for a in acts]
        kinds = f"{', '.join(cats[:-1])} or {cats[-1]}"
        routes = ", ".join(f"{c} → {a}" for c, a in zip(cats, steps, strict=True))
        return f"{m.group('head')}{kinds}: {routes}{m.group('end') or '.'}"

    return _respective().sub(paired, text)


def _items(listed: str) -> list[str]:
    parts = re.split(r"\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+", listed.strip())
    return [re.sub(r"^(?:a|an|the)\s+", "", p.strip(), flags=re.I) for p in parts if p.strip()]


@lru_cache(maxsize=1)
def _paired() -> re.Pattern[str]:
    """'put a message in the right Slack channel: electric devices in #elektro, clothes in #textiel and bikes in
    #fietsen': each kind named with its place ('a in #x', 'a → #x', 'a: #x'), no judgement needed before it."""
    words = lexicon()["matching_places"]
    pair = r"[\w'’&-]+(?:\s+[\w'’&-]+){0,3}?\s*(?:\s(?:in|to|into|on)\s+|→|->|=>|:)\s*#[\w-]+"
    return re.compile(
        r"(?P<act>\b[a-z]+\s+(?:(?:a|an|one|the|it|them|each(?:\s+one)?)\s+)?(?:[\w-]+\s+){0,2}?(?:to|in|into|on)\s+)"
        rf"(?:the|its|their)\s+(?:{words['matching']})\s+(?P<noun>[\w\s-]{{0,40}}?)\s*(?::|—|–)\s*"
        rf"(?P<pairs>{pair}(?:\s*,\s*{pair}){{0,6}}(?:\s*,?\s*(?:and|or)\s+|\s*,\s*){pair})"
        r"(?=\s*(?:[.;!?\n]|$))",
        re.I,
    )


def _paired_routes(text: str) -> str:
    """Each kind and its place said as pairs (`_paired`) written as routes ('… for each category. Electric devices
    -> put a message in the Slack channel #elektro; clothes -> …'), which the router reading builds."""
    found = _paired().search(text)
    if found is None:
        return text
    pairs = [
        re.match(r"(?P<kind>.+?)\s*(?:\s(?:in|to|into|on)\s+|→|->|=>|:)\s*(?P<to>#[\w-]+)$", p.strip(), re.I)
        for p in re.split(r"\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+(?=[^#]*#)", found.group("pairs"))
        if p.strip()
    ]
    if len(pairs) < 2 or any(p is None for p in pairs):
        return text
    act, noun = found.group("act").strip(), found.group("noun").strip()
    where = f"the {noun} " if noun else ""
    routes = "; ".join(f"{p.group('kind')} -> {act} {where}{p.group('to')}" for p in pairs if p)
    rest = text[found.end() :].lstrip(" .,;")
    return (
        text[: found.start()].rstrip(" ,;:") + ". " + routes[:1].upper() + routes[1:] + ". " + rest
    ).strip()


def matched_places(text: str) -> str:
    """`text` with each 'the matching <place>: a, b or c' after a judgement into as many kinds written as routes."""
    text = _paired_routes(_respective_routes(text))
    judged, place, marked = _patterns()
    for kinds in judged.finditer(text):
        found = (
            place.match(text, kinds.end())
            or place.search(text, kinds.end(), kinds.end() + 80)
            or marked.match(text, kinds.end())
        )
        if found is None:
            continue
        names, places = _items(kinds.group("kinds")), _items(found.group("places"))
        if len(names) != len(places) or len(names) < 2:
            continue
        act, noun = found.group("act").strip(), found.group("noun").strip()
        where = f"the {noun} " if noun else ""
        # a name of several words is quoted, so it is read whole ('the Airtable table 'Warm leads'')
        named = [f"'{p}'" if " " in p and not re.search(r"[@#/]", p) else p for p in places]
        there = (found.groupdict().get("where") or "").rstrip()
        routes = "; ".join(f"{kind} -> {act} {where}{to}{there}" for kind, to in zip(names, named))
        routes = routes[:1].upper() + routes[1:]
        end = found.end()
        rest = text[end:].lstrip(" .,;")
        return (
            text[: found.start()].rstrip(" ,;") + ". " + routes + "." + (" " + rest if rest else "")
        ).strip()
    return text
