"""A test's other side said by naming a step of the first side again: 'if it's over £300 add it to the sheet and
email them the guide; if smaller, just the email', 'otherwise only the Slack message', 'else send them the same
email' (and 'sinon, seulement l'e-mail', 'si no, solo el correo', 'sonst nur die E-Mail', read in English first).

Those words name no new step: they say the e-mail of the first side goes out on the other side too. Left alone, the
other side ends in 'No action' (a small payment gets no e-mail), or gets a bare message without the link, channel or
recipient the first side's one was given. Here the named step is copied onto the other side, whole: its own block
there, wired from the else handle. (JUL25 Sim's executor, `checkDependencies`, counts an edge from a test's handle
not taken, or from a block off the active path, as met, so one block reached from both sides would run too; a copy
keeps each side a path of its own, as the planner draws every other side.)
"""

from __future__ import annotations

import copy

from lib.generation import rx as re
from lib.generation.steps import Step

# what opens the other side: 'otherwise', 'else', 'if not', 'if it's smaller', 'anything smaller', 'below that'
_COMPARATIVE = r"(?:smaller|less|lower|under|below|cheaper|fewer|bigger|larger|more|higher|above|over|not)"
_LEAD = (
    r"(?:otherwise|else|or\s+else|if\s+not|"
    r"(?:and\s+)?(?:if|when|for)\s+(?:it|they|the\s+[\w-]+)(?:['’]s|['’]re|\s+is|\s+are|\s+was|\s+were)?\s+"
    + _COMPARATIVE
    + r"\b[^,.;:!?]{0,30}|"
    r"(?:anything|everything|any(?:one)?|all)\s+(?:else|" + _COMPARATIVE + r")\b[^,.;:!?]{0,30}|"
    r"(?:below|under|above|over|less\s+than|more\s+than)\s+(?:that|this|it)\b)"
)
# '…, just the email.', '… only the Slack message', '… send them the same email', '… just do the Airtable bit'
_REPEAT = re.compile(
    r"\s*[,;.:—–-]*\s*" + _LEAD + r"\s*[,:—–-]*\s*"
    r"(?P<only>(?:just|only|simply|still)\s+)?(?:(?:send|do|post|run)\s+(?:(?:them|him|her|it)\s+)?)?"
    r"(?P<the>the\s+)(?P<same>same\s+)?(?P<noun>[\w#'’-]+(?:\s+[\w#'’-]+){0,2}?)\s*(?:[.;!?]|$)",
    re.I,
)
_FILLER = frozenset(["one", "bit", "step", "part", "thing", "message", "post", "the", "same", "just", "only"])
_SAME = {"e-mail": "email", "mail": "email", "emails": "email", "messages": "message", "text": "sms"}


def _words(text: str) -> set[str]:
    return {_SAME.get(w, w) for w in re.findall(r"[\w#@-]+", text.lower())}


def _named(noun: str, side: list[Step]) -> Step | None:
    """The one action of `side` the noun names ('email' → the e-mail step, 'Slack message' → the Slack post)."""
    words = _words(noun) - _FILLER
    if not words:
        return None
    # every word of the noun is one the step was said with ('the Slack message' of 'post it to #x in Slack')
    scored = []
    for s in side:
        if s.kind != "action":
            continue
        own = _words(" ".join([s.text or "", s.type.replace("_", " "), s.integration or ""]))
        if s.type in ("gmail", "outlook", "mail"):
            own.add("email")
        if words <= own:
            scored.append((len(words & own), s))
    best = max((n for n, _ in scored), default=0)
    picked = [s for n, s in scored if n == best]
    return picked[-1] if best and len(picked) == 1 else None


def repeat_on_else(steps: list[Step], description: str) -> None:
    """Each test (in loops and sides too) whose other side only names a step of its first side again: that step,
    copied, is the other side."""
    for step in steps:
        repeat_on_else(step.body, description)
        for _, side in step.branches:
            repeat_on_else(side, description)
        if step.kind != "condition" or len(step.branches) != 2:
            continue
        (first, yes), (second, no) = step.branches
        if first != "if" or second != "else" or not yes:
            continue
        last = next((s for s in reversed(yes) if s.text and s.text.strip() in description), None)
        if last is None:
            continue
        said = _REPEAT.match(description, description.find(last.text.strip()) + len(last.text.strip()))
        if said is None:
            continue
        if not (said.group("only") or said.group("same")):
            continue  # 'otherwise the manager' is someone, not a step named again
        named = _named(said.group("noun"), yes)
        if named is None:
            continue
        if no and not (
            len(no) == 1 and no[0].kind == "action" and no[0].type == named.type and said.group("same")
        ):
            continue  # the other side does something of its own (kept), or more than the message named again
        again = copy.copy(named)
        again.values = dict(named.values)
        again.needs = list(named.needs)
        again.note = f"'{said.group(0).strip(' ,;.')}': {named.text.strip()!r} on this side too"
        step.branches[1] = ("else", [again])
