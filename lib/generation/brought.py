"""The fields an event, a call or a row is said to bring, and a step's words that name them again.

'the form posts to a webhook — it sends the client's name, email, the ancestor's name, a rough birth year and a
county', 'the API is called with {title, author}', 'each row has name, phone and pickup_time': a list after a word of
bringing ('sends', 'brings', 'includes', 'has', 'with', 'fields:') is the record's fields, one key each (snake_case of
the words: 'the ancestor's name' → 'ancestor_name', 'a rough birth year' → 'birth_year'). A later step that names
some of them ('run an Exa search for the ancestor (name, county, birth year)', 'text them their pickup time') reads
those fields (`said_fields`), not the words.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.generation import rx as re

# a word of bringing, and what may stand between it and the list ('it sends the …', 'the payload includes …',
# 'each row has …', 'called by API with a …', '(fields: a, b)')
_BRINGS = re.compile(
    r"\b(?:sends?|sent|posts?|brings?|includes?|including|contains?|carries|carry|has|have|holds?|"
    r"with(?:\s+the)?\s+(?:fields?|keys|params|parameters)|fields?\s*[:=]|with"
    # ('## Input (API call)\n`name`, `grade`, `email`', 'Input: `name`, `phone`'): what a call is given, as a heading
    r"|\binputs?(?:\s*\([^()\n]{1,40}\))?\s*[:=]?[^\S\n]*\n?[^\S\n]*(?=`)|\binputs?\s*[:=])\s*(?:in\s+it\s+)?"
    r"(?:(?:the|a|an|its|their|our|my)\s+)?(?:fields?\s*[:=]?\s*)?",
    re.I,
)
# where the list stops: the clause's end ('.', ';', ')', a dash, a line break)
_LIST_END = re.compile(r"[.;:)(\n—–]|\s-\s|$")
# a word that starts the next clause inside an item ('… and city in it', '… and current employer so that …')
_CLAUSE = re.compile(
    r"\s+(?:to|into|in|for|from|on|so|that|which|when|whenever|then|as|via|through|at|if|by|it|we|i|they)\b.*$",
    re.I | re.S,
)
_BRACED = re.compile(r"\{\s*(?P<list>[a-z][\w ]*(?:\s*,\s*[a-z][\w ]*)+)\s*\}", re.I)
# words before a field's name that are not part of it
_LEAD = re.compile(
    r"^(?:(?:an?|the|my|our|their|his|her|its|your|each|rough|approximate|approx\.?|estimated|optional)\s+)+"
)
# what reaches someone: a field whose value is an address, never words of a query or a message
_ADDRESS = re.compile(r"(?:^|_)(?:e_?mail|phone|mobile|cell|number)(?:$|_)")
_CONTACT = re.compile(r"(?:^|_)(?:e_?mail|phone|mobile|names?|number|address)$")


# an item followed by whom it is done to ('email it to me', 'text them'): a deed
_DOING = re.compile(r"[a-z]+\s+(?:it|me|us|them|him|her|you|everyone)\b", re.I)
# words no field's name holds ('then email Carlos', 'a short', 'also email', 'it')
_NO_FIELD = re.compile(
    r"(?:^|_)(?:it|if|then|also|me|us|them|a|an|the|and|or|to|when|so|his|her|using|one|with|for|but|not)(?:$|_)"
    # ('email payroll@…', 'text the team': a message sent, not a field — 'email_address' is one)
    r"|^(?:e_?mail|text|send|post|ping|notify|sms)_(?!address$|addresses$)"
)


def _tool(key: str) -> bool:
    """Whether the item names a service's block in Sim ('with Exa and Firecrawl'): a tool, not a field (Sim's own
    blocks — 'condition', 'function' — are words a field may be called by)."""
    from lib.sim.registry import get_block

    spec = get_block(key)
    return spec is not None and spec.category == "tools"


def _key(words: str) -> str:
    words = _LEAD.sub("", words.strip().lower().replace("`", ""))
    words = re.sub(r"['’]s\s+", " ", words).replace("e-mail", "email")
    return re.sub(r"\W+", "_", words).strip("_")


def _listed(tail: str) -> list[str]:
    """The keys of a list ('the owner's name, email, the street address and a rough build year'), up to the item
    after its 'and'; empty when an item is no field's name (more than three words)."""
    keys: list[str] = []
    for part in re.split(r"\s*,\s*", tail):
        pieces = re.split(r"\s+(?:and|&|\+|or)\s+", re.sub(r"^(?:and|or)\s+", "", part), maxsplit=1)
        last = len(pieces) > 1
        for i, piece in enumerate(pieces):
            if _DOING.match(piece.strip()):
                return []  # ('… with Claude and email it to me': a deed, not a field)
            piece = _CLAUSE.sub("", piece) if i == len(pieces) - 1 else piece
            key = _key(piece)
            if not key or len(key.split("_")) > 3 or _NO_FIELD.search(key) or _tool(key):
                return keys if len(keys) >= 2 else []
            keys.append(key)
        if last:
            break
    return keys


def brought_fields(description: str) -> list[str]:
    """The keys of the first list of fields the text says a record brings: two or more, written as keys in braces
    or after 'fields', else a list in words holding a name, an address or a number to reach someone ('with Exa and
    Slack' lists tools, not fields)."""
    braced = _BRACED.search(description)
    if braced:
        keys = [_key(k) for k in braced.group("list").split(",")]
        if all(k and len(k.split("_")) <= 3 for k in keys):
            return keys
    for m in _BRINGS.finditer(description):
        end = _LIST_END.search(description, m.end())
        tail = description[m.end() : end.start() if end else len(description)]
        keys = _listed(tail)
        keyed = re.search(r"fields?|keys|param|input", m.group(0), re.I)
        if len(keys) >= 2 and (keyed or any(_CONTACT.search(k) for k in keys)):
            return list(dict.fromkeys(keys))
    return []


@dataclass(frozen=True)
class Said:
    key: str
    start: int
    end: int


def said_fields(text: str, keys: list[str]) -> list[Said]:
    """The fields of `keys` that a step's words name, in the order said: by all their words ('street address',
    'the ancestor's name', 'pickup_time'), or by the words after whose they are when the step names that too ('the
    ancestor (name, county …)' → 'ancestor_name'). Fields that reach someone (an address, a number) are left out:
    they say whom a message goes to, not what it says."""
    found: list[Said] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def phrase(words: list[str]) -> str:
        return r"(?<![\w-])" + r"(?:['’]s\s+|[\s_-]+)".join(re.escape(w) for w in words) + r"(?![\w-])"

    usable = [k for k in keys if not _ADDRESS.search(k)]
    # longer keys first: 'ancestor_name' before 'name'
    for key in sorted(usable, key=lambda k: -len(k.split("_"))):
        words = key.split("_")
        hit = next((m for m in re.finditer(phrase(words), text, re.I) if free(m.start(), m.end())), None)
        if hit is None and len(words) >= 2 and re.search(phrase(words[:1]), text, re.I):
            # ('the ancestor (name, county, birth year)': the owner said once, its fields after it)
            tails = [k for k in usable if k.split("_")[1:] == words[1:] and k != key]
            owners_said = [k for k in tails if re.search(phrase(k.split("_")[:1]), text, re.I)]
            if not owners_said:
                hit = next(
                    (m for m in re.finditer(phrase(words[1:]), text, re.I) if free(m.start(), m.end())), None
                )
        if hit is None:
            continue
        if len(words) == 1 and any(k.endswith("_" + key) for k in usable):
            # ('name' beside 'owner_name' and 'ancestor_name': the bare word is one of theirs when its owner is said)
            if any(re.search(phrase(k.split("_")[:-1]), text, re.I) for k in usable if k.endswith("_" + key)):
                continue
        found.append(Said(key, hit.start(), hit.end()))
        taken.append((hit.start(), hit.end()))
    return sorted(found, key=lambda s: s.start)


def with_fields(text: str, said: list[Said], refs: dict[str, str]) -> str:
    """`text` with each field said replaced by its reference, the words around tidied ('house (street address,
    town)' → 'house (<…street_address>, <…town>)')."""
    out = text
    for s in sorted(said, key=lambda s: -s.start):
        out = out[: s.start] + refs[s.key] + out[s.end :]
    return re.sub(r"\s+", " ", out).strip()
