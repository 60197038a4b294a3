"""An automation request written as a form: each labelled field holds one kind of information (`forms.json`).

An intake form ('Name of the automation: …', 'When should it run? …', 'Tools involved: …', 'What should happen
(step by step): …', 'Who should be notified? …', 'Anything it must NOT do? …', 'Priority: …', 'Requested by: …')
is no list of sentences that each ask for a step: the tool list says where things live and what other systems
already do, the notify field names whom a step the steps field asks for reaches, the prohibition field lists bans,
the title names the whole request, the priority and the requester ask for nothing. `read_form` recognises the
labels (as teams' templates vary them: bold markers, numbering, a '?' instead of a ':', lower case) and rewrites
each field by its kind into what the planner already reads — a ticket title, 'Trigger:', 'Steps:', 'Edge cases:',
bans, 'Tools:' and 'Notify:' lines (which `tool_lines` and `notify_lines` find again) — before anything else reads
the text. A text with fewer labelled fields than `min_fields` is left as it is, but for the fields of kinds read
even alone (`lone`: a nice-to-have, acceptance criteria or an example, questions to applicants).

A job brief's sections are fields too ('ABOUT US', '**The problem**', 'DELIVERABLE', 'Nice to have (later)',
'Acceptance criteria', 'Questions', 'Budget / timeline'): who the company is and its problem are told
('Background:'), a nice-to-have the brief puts out of scope and the questions make nothing, deliverables that are only
artefacts (a Loom video, documentation) make nothing, and acceptance criteria or examples are written as an
'Acceptance criteria:' line, whose steps count only when no other step does the same (`acceptance_lines`).

The minutes of a meeting (`read_minutes`, forms.json `minutes`) are read before any form: only what the meeting
decided ('Decision: …', 'Agreed (changed): …', a 'Decisions' heading's items, a proposal '-> agreed') is asked; the
discussion is told ('Discussed:' lines), and who attended, action items that are people's tasks, ideas parked,
deferred or turned down, open questions and the next meeting are left out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.generation import lexicon as lx
from lib.generation import rx as re
from lib.generation.steps import ACTION_START

_FILE = Path(__file__).with_name("forms.json")
# a field's line: an optional bullet, number or heading mark, bold markers, the label, then ':' or '?' (or both)
_LINE = re.compile(
    # ('II. Source: …': a spec's clause numbered in Roman numerals)
    r"^(?P<lead>[ \t]*(?:[-*•>]\s*|#{1,4}\s*|\(?\d{1,2}[.)]\s*|[a-z][.)]\s+|[IVX]{1,4}[.)]\s+)?(?:\*\*|__)?)"
    # ('Tools — Slack, Jira', 'Priority - high': a dash between spaces too)
    r"(?P<label>[A-Za-z][^\n:?*]{0,70}?)[ \t]*(?:\*\*|__)?[ \t]*(?P<sep>\?+[ \t]*:?|:|(?<=[ \t])[-–—](?=[ \t]))"
    r"[ \t]*(?:\*\*|__)?[ \t]*"
    r"(?P<value>[^\n]*)$",
    re.M,
)
# a heading alone on its line ('### Tools', '**What it should do**'): its value is the lines below it
_HEADING = re.compile(
    r"^(?P<lead>[ \t]*(?:#{1,4}[ \t]*(?:\*\*|__)?|\*\*|__))(?P<label>[A-Za-z][^\n:?*#]{0,70}?)[ \t]*(?:\*\*|__)?"
    r"[ \t]*(?P<sep>[:?]?)[ \t]*(?:\*\*|__)?(?P<value>)$",
    re.M,
)
# a job brief's section heading in capitals, alone on its line ('ABOUT US', 'NICE TO HAVE', 'DONE WHEN')
_CAPS = re.compile(
    r"^(?P<lead>[ \t]*)(?P<label>[A-Z][A-Z0-9 /&'’-]{1,40}?)[ \t]*(?P<sep>:?)[ \t]*(?P<value>)$", re.M
)
# the canonical labels a form's fields are rewritten to, that later readers find again
TOOLS_LABEL = "Tools:"
NOTIFY_LABEL = "Notify:"
ACCEPT_LABEL = "Acceptance criteria:"
CONTEXT_LABEL = "Background:"
# a line of a meeting's discussion (`read_minutes`): told, and read for the event that starts the run like any line
DISCUSSED_LABEL = "Discussed:"
# fields of one line (what follows them is no part of their value), and fields whose lines below are a list's items
_ONE_LINE = {"title", "priority", "about", "me", "source", "target"}
_LISTS = {"tools", "notify", "forbid", "rules", "later", "acceptance", "questions", "deliverables"}
_ITEM = re.compile(r"\s*(?:[-*•]|\(?\d{1,2}[.)])\s+\S")
_PLUS = re.compile(r"\s+\+\s+")
_CANONICAL = {"trigger": "Trigger:", "steps": "Steps:", "exceptions": "Edge cases:"}


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return json.loads(_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _kinds() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (kind, re.compile(r"(?:" + "|".join(labels) + r")", re.I))
        for kind, labels in _table()["kinds"].items()
    ]


@dataclass
class Field:
    kind: str
    start: int  # the line's start
    end: int  # the field's end: the end of its last line (a value may go on over the lines below its label)
    lead: str  # the bullet or number before the label
    value: str  # the value as written (its lines joined by '\n')
    alone: bool = False  # the label alone on its line, its value on the lines below


def _kind_of(label: str) -> str | None:
    # ('What should happen (step by step)', 'Exceptions / special cases', 'Who should be notified', "Don’ts")
    said = re.sub(r"\([^()]*\)", " ", label.lower().replace("’", "'"))
    said = re.sub(r"\s+", " ", said).strip(" -–—.*_")
    return next((kind for kind, pattern in _kinds() if pattern.fullmatch(said)), None)


def fields(text: str, lone: bool = False) -> list[Field]:
    """The labelled fields of `text` when it is a form (at least `min_fields` of them, of two kinds or more);
    else none — or, with `lone`, the fields of the kinds read even outside a form (forms.json `lone`) whose label
    opens a line with its value after it. A line without a label the table knows belongs to the field above it."""
    found: list[tuple[str, re.Match[str]]] = []
    lines = [*_LINE.finditer(text), *_HEADING.finditer(text), *_CAPS.finditer(text)]
    for m in sorted(lines, key=lambda m: m.start()):
        kind = _kind_of(m.group("label"))
        if kind is not None and not (found and found[-1][1].start() == m.start()):
            found.append((kind, m))
    if len(found) < _table()["min_fields"] or len({k for k, _ in found}) < 2:
        if not lone:
            return []
        found = [
            (k, m)
            for k, m in found
            if (k in _table()["lone"] and m.group("value").strip())
            or (
                k in _table()["lone_headings"]
                and m.re is _HEADING
                and m.group("lead").lstrip().startswith("#")
            )
        ]
    out = []
    for i, (kind, m) in enumerate(found):
        stop = found[i + 1][1].start() if i + 1 < len(found) else len(text)
        end = m.end()
        # the lines below the label's that go on with its value: any, for what it does; a list's items for a list
        # (a label alone on its line, 'Tools:' or '### Notify', has its value on the lines below)
        alone = not m.group("value").strip()
        for line in re.finditer(r"\n([^\n]*)", text[m.end() : stop]):
            said = line.group(1).strip()
            if not alone and (
                kind in _ONE_LINE or kind in _LISTS and said and not _ITEM.match(line.group(1))
            ):
                break
            end = m.end() + line.end()
            if alone and kind in _ONE_LINE and said:
                break
        end = m.end() + len(text[m.end() : end].rstrip())
        value = (m.group("value") + text[m.end() : end]).strip()
        out.append(Field(kind, m.start(), end, m.group("lead"), value, alone))
    return out


def _ended(value: str) -> str:
    """A field's value ending on a full stop, so that no sentence runs on into the next field ('Trigger: when an
    employee asks it something in the chat' before 'Tools: …')."""
    return value if re.search(r"[.!?:;]\W*$", value) or not value.strip() else value + "."


def _one_line(value: str) -> str:
    """A list field's items on one line, a comma between them ('- Jira\n- Confluence', 'on-call lead + #eng-oncall'
    → 'Jira, Confluence', 'on-call lead, #eng-oncall')."""
    items = [re.sub(r"^\s*(?:[-*•]|\(?\d{1,2}[.)])\s*", "", line).strip() for line in value.split("\n")]
    return _PLUS.sub(", ", ", ".join(i for i in items if i))


def _blank(value: str) -> bool:
    # ('nobody, it's just a log', 'N/A - handled by finance', 'none (see above)': the reason after it says nothing)
    # ('(1) AI writes a title …; (2) save …': a numbered step's bracket opens it, no reason after a blank)
    value = re.sub(r"^\s*\(\d{1,2}\)\s*", "", value)
    said = re.split(r"\s*(?:,|;|\s[-–—]\s|\()\s*", value.strip(), maxsplit=1)[0]
    said = said.rstrip(".!").strip().lower()
    return not said or bool(re.fullmatch(_table()["blank"], said))


# a reason said after a ban: a clause with a subject and a verb of its own, or opened by a pronoun or a connective
_REASON = re.compile(
    r"\s*(?:,|\s[-–—]|\()\s*(?:(?:because|since|as|so|otherwise|that['’]s|it['’]s|we['’]d|we['’]ll|they['’]ll|we|they|it|"
    r"that|this|which)\b|(?:[\w'’-]+\s+){1,2}?(?:does|do|did|is|are|was|were|will|would|can|could|should|has|have|"
    r"had|handles?|sends?|puts?|gets?|takes?|already|owns?|manages?|decides?|writes|contacts|calls|reaches|replies|answers)\b).*$",
    re.I,
)


def _bans(value: str) -> str:
    """Each item of a prohibition field as the ban it is: a line each, an item led by a bullet or a number too."""
    lines = [re.sub(r"^\s*(?:[-*•]|\d{1,2}[.)])\s*", "", line) for line in value.split("\n")]
    # "don't create calendar events, we'd get duplicates", "don't email the customer - CS does that personally": the
    # reason given after a ban is no item of its own
    lines = [_REASON.sub("", line) for line in lines]
    # 'read-only on Stripe!': that service stays read-only
    lines = [
        re.sub(
            r"^(?:stay\s+|keep\s+it\s+)?read[- ]only\s+(?:on|in|for)\s+(.+?)[.!]*$",
            r"\1 stays read-only.",
            line,
            flags=re.I,
        )
        for line in lines
    ]
    return " ".join(
        filter(
            None,
            (
                line if line.endswith("stays read-only.") else lx._ban(line)
                for line in lines
                if not _blank(line)
            ),
        )
    )


def _rest_of_priority(value: str) -> str:
    """What a priority field says past its level ('medium - and only orders over $500 need to go to slack'), when
    it says more than a level and a word or two ('P0 obviously', 'High - CEO request'): the field is then read as
    it is written."""
    level = re.match(r"\s*" + _table()["levels"] + r"\b\W*", value, re.I)
    rest = value[level.end() :] if level else value
    rest = re.sub(r"^(?:and|but|so)\s+", "", rest.strip(), flags=re.I)
    return rest if len(rest.split()) >= 4 else ""


def _through_api(tools: list[str]) -> str:
    """The services without a block of their own (lexicon.json `named_apis`) a tool list says are reached by their
    API ('Stripe (their API - api.stripe.com …)', 'HubSpot (API)'), as one pattern of their names ('' for none)."""
    apis = lx.lexicon()["named_apis"]
    blocks = lx.lexicon()["integrations"]
    names = []
    for value in tools:
        for item in re.split(r"[,;+\n](?![^()]*\))", value):
            if not re.search(r"\b(?:api|rest)\b", item, re.I):
                continue
            names += [
                re.escape(p)
                for key, entry in apis.items()
                if key not in blocks
                for p in entry["phrases"]
                if re.search(r"\b" + re.escape(p) + r"\b", item, re.I)
            ]
    return "|".join(names)


def own_address(text: str) -> str | None:
    """The requester's own address a form gives ('My address: j.weber@fahrwerk.de', 'Who should be notified? me -
    priya@x.io'): where an e-mail to 'me' goes."""
    for f in fields(text):
        found = lx.EMAIL_RE.search(f.value)
        if found and (
            f.kind == "me" or f.kind == "notify" and re.match(r"\s*(?:me|myself)\b", f.value, re.I)
        ):
            return found.group(0)
        said = re.search(_table()["own_address"], f.value, re.I)
        found = lx.EMAIL_RE.match(f.value, said.end()) if said else None
        if found:
            return found.group(0)
    return None


def own_address_said(text: str) -> tuple[str, str | None]:
    """The requester's own address said in a plain request that sends something to them ('… and emails them to me?
    my email is dana@x.co'): the text without those words, and the address 'me' stands for; else the text as is."""
    said = re.search(_table()["own_address_said"], text, re.I)
    found = lx.EMAIL_RE.match(text, said.end()) if said else None
    if not said or not found or not re.search(_table()["to_me"], text[: said.start()], re.I):
        return text, None
    end = found.end() + (text[found.end() : found.end() + 1] == ".")
    before = text[: said.start()]
    # '… and send them to me, my address is rosa@x.com': the address says how it is sent — an e-mail ('send' alone
    # names no channel; '… send them to me on Slack, my e-mail is …' keeps its channel)
    asked = list(re.finditer(_table()["to_me"], before, re.I))[-1]
    clause = re.search(r"[^.,;!?\n]*$", before[: asked.end()])
    start = clause.start() if clause else 0
    sent = re.search(_table()["sent_unsaid"], before[start : asked.end()], re.I)
    if sent and not re.search(_table()["sent_by"], before[start : said.start()], re.I):
        a, b = start + sent.start(), start + sent.end()
        before = before[:a] + "email" + before[b:]
    return before + text[end:], found.group(0)


# a line's lead in minutes: indentation, a bullet, a number or a letter, bold markers, a tick ('- ✅ agreed: …')
_MINUTES_LEAD = (
    r"^(?P<lead>[ \t]*(?:[-*•>·◦▪]\s*|#{1,4}\s*|\(?\d{1,2}[.)]\s*|[a-z][.)]\s+)?(?:\[[ xX]?\]\s*)?(?:\*\*|__)?"
    r"(?:[✅✔☑]\ufe0f?\s*)?)"
)


@lru_cache(maxsize=1)
def _minutes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The readers of a minutes line (forms.json `minutes`): a decided label, a label of what is no step, a
    turned-down idea, a person's task."""
    rules = _table()["minutes"]

    def labelled(labels: str, topic: str = "") -> re.Pattern[str]:
        # 'Agreed:', 'DECISION (reverses the first proposal):', 'Agreed, by score:', 'Next mtg: 15 Feb', 'Owner for
        # #3: Kofi', or a heading alone on its line ('Decisions', 'Action items')
        return re.compile(
            _MINUTES_LEAD + topic + r"(?P<label>" + labels + r")(?:"
            r"(?:[ \t]*\([^()\n]{0,60}\))?(?:,?[ \t]+[\w'’./#-]+){0,3}?[ \t]*(?:\*\*|__)?[ \t]*"
            r"(?::|[ \t][-–—](?=[ \t])|[ \t]*(?:->|→|=>))[ \t]*(?:\*\*|__)?[ \t]*(?P<value>[^\n]*)"
            r"|[ \t]*(?:\*\*|__)?[ \t]*$)",
            re.I,
        )

    task = re.compile(_MINUTES_LEAD + r"(?!(?:" + rules["not_people"] + r")\b)" + rules["task"])
    # ('3. Newsletter signups. Agreed: when …'): a decision may follow its item's short topic
    topic = r"(?:[^\W\d_][^.!?:\n]{0,40}[.!?][ \t]+)?"
    return (
        labelled(rules["decided"], topic),
        labelled(rules["none"]),
        re.compile(rules["rejected"], re.I),
        task,
    )


def read_minutes(text: str) -> str | None:
    """The minutes of a meeting with only what it decided asked (forms.json `minutes`): the decided lines as
    written without their label, the discussion told ('Discussed:' lines), and attendees, action items that are
    people's tasks, ideas parked, deferred or turned down, open questions and the next meeting left out; None when
    `text` is no minutes (no decided line, or no other mark of minutes)."""
    decided, none, rejected, task = _minutes()
    rules = _table()["minutes"]
    lines = text.split("\n")
    if not any(decided.match(line) for line in lines):
        return None
    # ('Attendees: …', 'AI: Jen', 'parked: …', 'Data team sync 11/11', 'quick recap of today's call'): minutes, not a
    # ticket's or a brief's 'Outcome:' or 'Decision:'
    heads = [line for line in lines if line.strip()][:3]
    marked = [said for line in lines for said in [none.match(line)] if said]
    if not (
        any(re.fullmatch(rules["marks"], said.group("label"), re.I) for said in marked)
        or any(re.search(rules["meeting"], line, re.I) for line in heads)
    ):
        return None
    # who attended ('Attendees: Olivia (PM), Raj, Tom B.', 'att: BH, CW'): whose tasks 'Raj will …' are
    names = {
        word.lower()
        for line in lines
        for said in [none.match(line)]
        if said and re.match(rules["attendees"], said.group("label"), re.I)
        for word in re.findall(r"[^\W\d_][\w'’-]*", said.group("value") or "")
    }
    out: list[str] = []
    block: tuple[bool, int, bool] | None = (
        None  # (kept, the indentation of its line, a heading above its items)
    )
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if block is not None:
            kept, at, heading = block
            below = indent > at or heading and bool(_ITEM.match(line))
            if line.strip() and below and not (not kept and decided.match(line)):
                said = decided.match(line) if kept else None
                if said and (said.group("value") or "").strip():  # ('## Decisions' above '- **Decision:** …')
                    out.append(
                        re.sub(r"\*\*|__|[✅✔☑]\ufe0f?", "", said.group("lead")) + said.group("value").strip()
                    )
                elif kept:
                    out.append(line)  # a decision's own lines ('a) an agent drafts …', '7-8: add a row …')
                continue
            block = None
        if not line.strip():
            out.append(line)
            continue
        said = decided.match(line)
        if said:
            value = (said.group("value") or "").strip()
            lead = re.sub(r"\*\*|__|[✅✔☑]\ufe0f?", "", said.group("lead"))
            if value:
                out.append(lead + value)
            block = (True, indent, not value)
            continue
        took = re.search(rules["accepted"], line, re.I)
        if took:  # 'AK asked to also ping #cs-team in Slack so CS know -> agreed.': decided too
            out.append(line[: took.start()])
            continue
        # ('Attendees: …', 'AI: Jen by Friday', 'parked: …', '… -> no', 'Lukas to write the triage guide'); a
        # heading's items go with it ('Action items' above '- Sam to tidy …'), a labelled line's own value does not
        unasked = none.match(line)
        if unasked or rejected.search(line) or _task(task.match(line), names):
            if unasked and not (unasked.group("value") or "").strip():
                block = (False, indent, True)
            continue
        lead = re.match(_MINUTES_LEAD, line).group("lead")  # type: ignore[union-attr]
        told = line[len(lead) :].strip()
        # (a sentence of its own: 'Warehouse sync, 12/3' does not run on into the decision below it)
        out.append(f"{lead}{DISCUSSED_LABEL} {told}{'' if told[-1:] in '.!?:;' else '.'}")
    return "\n".join(out)


def decided_spans(text: str) -> list[tuple[int, int]]:
    """Where minutes rewritten by `read_minutes` say what was decided: each line that is not told ('Discussed: …')."""
    spans, at = [], 0
    for line in text.split("\n"):
        said = line.strip().lstrip("-*•0123456789.) \t")
        if said and not said.startswith(DISCUSSED_LABEL):
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _task(found: re.Match[str] | None, names: set[str]) -> bool:
    """Whether a minutes line is a person's task: 'Raj will set up the view' of one who attended, 'Lukas to write the
    guide' of anyone but a service ('Intercom will send a webhook', 'Stripe to send …' say what a service does)."""
    if found is None:
        return False
    said = found.group(0)[len(found.group("lead")) :]
    subject = said.split()[0]
    if subject.lower().rstrip(".") in names:
        return True
    return not names and bool(re.search(r"\sto\s+\w+$", said)) and not lx.integrations_in(subject)


def read_form(text: str) -> str:
    """`text` with each field of a form rewritten by its kind (see the module's docstring); not a form: as it is.
    Minutes are read first, by `read_minutes` (the planner needs to know it read them)."""
    found = fields(text) or fields(text, lone=True)
    if not found:
        return text
    asked = any(f.kind == "steps" and not _blank(f.value) for f in found)
    through_api = _through_api([f.value for f in found if f.kind == "tools"])
    title = ""
    moved: dict[int, str] = {}  # a steps field's id → steps said in another field, read after its own
    out, at = [], 0
    for f in found:
        out.append(text[at : f.start])
        at = f.end
        lead = re.sub(r"\*\*|__|#+[ \t]*", "", f.lead)
        # ('… email me a short overview. My address: j.weber@fahrwerk.de': who 'me' is, no step)
        f.value = re.sub(
            _table()["own_address"] + r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?", "", f.value, flags=re.I
        ).strip()
        if _blank(f.value) and f.kind != "title":
            continue  # 'Exceptions / special cases: N/A', 'Who should be notified? -', 'Don'ts:'
        if f.kind == "title":
            if asked:
                title = title or f.value.split("\n")[0].strip()
                continue
            out.append(lead + f.value)  # a form without a steps field: its title may be all it asks
        elif f.kind in _CANONICAL:
            value = f.value
            done = _BRACKETED_OPERATION.search(value) if f.kind == "steps" else None
            if (
                done
                and re.match(_table()["target_verbs"], done.group(1), re.I)
                and not ACTION_START.match(value)
            ):
                value = _target(
                    value
                )  # ('Goal: Pinecone index 'faq-prod' (upsert text)': the place, what is done to it)
            if f.kind != "trigger" and through_api:
                # 'Apps used: Stripe (their API - api.stripe.com)' … 'fetch last month's charges from Stripe'
                value = re.sub(
                    r"\b(" + through_api + r")\b(?!['’]s\s+api|\s+(?:admin\s+)?api\b)",
                    r"\1 API",
                    value,
                    flags=re.I,
                )
            # ('What should happen (step by step):\n1 - post …\n2 - …': the numbered lines stay lines of their own)
            out.append(f"{lead}{_CANONICAL[f.kind]}{chr(10) if f.alone else ' '}{_ended(value)}")
            if id(f) in moved:
                out.append(moved[id(f)])
        elif f.kind == "tools" and ACTION_START.match(f.value) and re.match(r"[^,;+\n]*?\w\s+\w", f.value):
            # 'Tools involved: post the summary in #ops on Slack': a step written in the wrong field, done after the
            # steps field's own (or where it stands, when no steps field comes after it)
            later = [g for g in found if g.kind == "steps" and g.start > f.start and not _blank(g.value)]
            if later:
                moved[id(later[-1])] = moved.get(id(later[-1]), "") + f"\n{lead}Then: {_ended(f.value)}"
            else:
                out.append(f"{lead}{_CANONICAL['steps']} {_ended(f.value)}")
        elif f.kind == "tools":  # (a list's '+' is a comma: 'Google Sheet "Tweet queue" + X (twitter)')
            out.append(f"{lead}{TOOLS_LABEL} {_ended(_one_line(f.value))}")
        elif f.kind == "notify":  # ('on-call lead + #eng-oncall')
            out.append(f"{lead}{NOTIFY_LABEL} {_ended(_one_line(f.value))}")
        elif f.kind == "rules":  # 'Constraints: don't message the customer': a sentence of its own
            out.append(lead + _ended(f.value))
        elif f.kind == "forbid":
            out.append(lead + _bans(f.value))
        elif f.kind == "context":  # 'About us', 'THE PROBLEM': told, not asked
            out.append(f"{lead}{CONTEXT_LABEL} {_ended(' '.join(f.value.split()))}")
        elif f.kind == "later" and not re.search(_table()["later_told"], text[f.start : f.end], re.I):
            out.append(lead + _ended(f.value))  # a nice-to-have this job keeps: a sentence of its own
        elif f.kind == "acceptance":  # its steps count when no other step does the same (`acceptance_lines`)
            # ('the summary shows up in Slack #finance': what arrives there is what a step posts there)
            value = re.sub(_table()["arrival"], "gets posted", f.value, flags=re.I)
            out.append(f"{lead}{ACCEPT_LABEL}{chr(10) if f.alone else ' '}{_ended(value)}")
        elif f.kind == "source" and re.search(_table()["source_given"], f.value, re.I):
            # 'Input: candidate name + LinkedIn URL, passed in the API call': what the call gives the run, no read
            given = re.sub(_table()["source_given"], "", f.value, flags=re.I).strip(" ,.;")
            out.append(f"{lead}{_CANONICAL['trigger']} API call with {_ended(given)}")
        elif f.kind == "source" and re.search(_table()["source_call"], f.value, re.I):
            # 'Input: API call with name and email.': the call that starts the run, no read
            out.append(f"{lead}{_CANONICAL['trigger']} {_ended(f.value)}")
        elif f.kind == "source":
            # 'Source content: Notion page 'This Week'': the place the steps work on, read there (as written when
            # it names no service, address or quoted name)
            named = lx.integrations_in(f.value) or re.search(r"https?://|['\"“‘]", f.value)
            out.append(lead + _ended("Read " + f.value) if named else text[f.start : f.end])
        elif f.kind == "target":
            out.append(lead + _ended(_target(f.value)))
        elif f.kind == "deliverables" and not _artefacts(f.value):
            # 'DELIVERABLE: A Sim workflow that runs every Monday …': what the workflow does, its steps
            out.append(f"{lead}{_CANONICAL['steps']}{chr(10) if f.alone else ' '}{_ended(f.value)}")
        elif f.kind == "priority" and _rest_of_priority(f.value):
            out.append(text[f.start : f.end])  # 'Urgency: medium - and only orders over $500 …': read as said
    out.append(text[at:])
    body = re.sub(r"\n[ \t]*(?=\n)", "\n", "".join(out)).strip("\n")
    body = re.sub(r"\n{2,}", "\n", body)
    # the title first, as a ticket's: it names what the lines below ask for, and the workflow
    return f"[Form] {title}\n{body}" if title else body


# "Pinecone index 'faq-prod' (upsert text)": a place, then the operation done to it in brackets
_BRACKETED_OPERATION = re.compile(r"\s*\(\s*([a-z][\w -]{1,30}?)\s*\)\s*$", re.I)


@lru_cache(maxsize=1)
def _sent_said() -> re.Pattern[str]:
    """'the doc link emailed to …', 'the summary posted in #ops': what is sent, then how (forms.json target_sent)."""
    said = "|".join(sorted(map(re.escape, _table()["target_sent"]), key=len, reverse=True))
    return re.compile(rf"(?P<what>.+?)\s+(?P<done>{said})\s+(?P<rest>(?:to|in|into|on|via|as)\b.*)$", re.I)


def _target(value: str) -> str:
    """A target field's value ('Target: …', 'Output 1: …') as the step it asks for: as written when it opens on a verb
    or says how the result is sent ('the doc link emailed to …'); the operation in brackets done to the place
    ("Pinecone index 'faq-prod' (upsert text)" → "Upsert text into Pinecone index 'faq-prod'"); a new thing named is
    created ('a new Google Doc …' → 'Create a new Google Doc …'); else the results are written to the place."""
    value = " ".join(value.split())
    if ACTION_START.match(value) or re.match(_table()["target_said"], value, re.I):
        return value  # ('Target: when a patient books, …': what happens, as written)
    sent = _sent_said().match(value)
    if sent:  # 'the doc link emailed to …' → 'Email the doc link to …'
        verb = _table()["target_sent"][sent.group("done").lower()]
        return f"{verb[0].upper()}{verb[1:]} {sent.group('what')} {sent.group('rest')}"
    how = _BRACKETED_OPERATION.search(value)
    if how and (ACTION_START.match(how.group(1)) or re.match(_table()["target_verbs"], how.group(1), re.I)):
        return f"{how.group(1)[0].upper()}{how.group(1)[1:]} into {value[: how.start()].strip()}"
    if re.match(r"(?:an?|one)\s+(?:[\w-]+\s+){0,2}?" + _table()["target_messages"], value, re.I):
        return "Send " + value  # ('one email via Outlook to leadership@…')
    if re.match(r"(?:an?|one)\s", value, re.I):
        return "Create " + value
    if lx.integrations_in(value) or re.search(r"['\"“‘]|#\w|@", value):
        return "Write the results to " + value
    return value


def _artefacts(value: str) -> bool:
    """Whether each item of a deliverables field is only something handed over (forms.json `artefact`: 'the Sim
    workflow', 'a short Loom video walking us through it', 'documentation')."""
    items = [re.sub(r"^\s*(?:[-*•]|\(?\d{1,2}[.)])\s*", "", line) for line in value.split("\n")]
    parts = [p for i in items for p in re.split(r",\s*(?:and\s+)?|\s+(?:and|\+|&)\s+", i) if p.strip()]
    return bool(parts) and all(re.match(_table()["artefact"], p.strip(), re.I) for p in parts)


def acceptance_lines(text: str) -> list[tuple[int, int]]:
    """Where a brief's acceptance criteria and examples are ('Acceptance criteria: …', 'Done when: …', 'Example:
    …'): they restate steps asked for elsewhere."""
    return [(f.start, f.end) for f in fields(text) or fields(text, lone=True) if f.kind == "acceptance"]


def lines_of(text: str, label: str) -> list[tuple[int, int]]:
    """Where the lines opened by one of the canonical labels `read_form` writes are (their label included)."""
    # (at a line's start, or after the blanks of a field read before it: 'Trigger:             Tools: …')
    return [m.span() for m in re.finditer(r"(?:^|(?<=\s))" + re.escape(label) + r"[^\n]*", text)]


def tool_lines(text: str) -> list[tuple[int, int]]:
    """The 'Tools:' lines of a form (`read_form`): where things live, no step of their own."""
    return lines_of(text, TOOLS_LABEL)


def notify_lines(text: str) -> list[tuple[int, int]]:
    """The 'Notify:' lines of a form (`read_form`): whom a step reaches."""
    return lines_of(text, NOTIFY_LABEL)


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a tool list between `start` and `end`: split at commas, semicolons, '+', '&', ' and ', a full
    stop or a new line outside brackets."""
    out, depth, at = [], 0, start
    for m in re.finditer(r"[()]|[,;+&\n]|\.(?=\s)|\s(?:and|or)\s", text[start:end]):
        if m.group(0) in "()":
            depth = max(0, depth + (1 if m.group(0) == "(" else -1))
        elif depth == 0:
            out.append((at, start + m.start()))
            at = start + m.end()
    out.append((at, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def unused_tools(text: str) -> list[tuple[int, int]]:
    """What a form's tool lists (`tool_lines`) say that is no step: the labels, the items that only name a tool
    ('Slack', 'X (twitter)', 'Tavily (news search)') and the asides telling what is done elsewhere ('(Google Calendar
    - Calendly already puts it there, nothing to do)'). An item naming a thing the steps may read by a bare noun
    ('Supabase (table "orders")', 'our pricing API (https://…)': forms.json 'detail') stays."""
    detail = re.compile(_table()["detail"])
    told = re.compile(_table()["told_aside"], re.I)
    spans = []
    for a, b in tool_lines(text):
        label = text.find(TOOLS_LABEL, a) + len(TOOLS_LABEL)
        spans.append((a, label))
        for x, y in _items(text, label, b):
            item = text[x:y]
            asides = [
                m.span() for m in re.finditer(r"\([^()]*\)|\s[-–—]\s.*$", item) if told.search(m.group(0))
            ]
            said = "".join(" " if any(p <= i < q for p, q in asides) else c for i, c in enumerate(item))
            if told.search(said) or not detail.search(said):
                spans.append((x, y))
            else:
                spans += [(x + p, x + q) for p, q in asides]
    return spans


def destinations() -> list[str]:
    """The values of a step that say where its message goes (forms.json `destinations`)."""
    return list(_table()["destinations"])


def generic(key: str) -> bool:
    """Whether naming `key` in a step says only what is searched ('search Google for …'), not which tool does it."""
    return key in _table()["generic"]


def choices(kind: str) -> dict[str, list[str]]:
    """The services of `kind` (forms.json `choices`) and the words that name each in a tool list."""
    return dict(_table()["choices"][kind])


def chosen(text: str, kind: str) -> str | None:
    """The one service of `kind` (forms.json `choices`: 'search', 'mail') a form's tool list names, when it names
    exactly one ('Systems: Tavily (news search), Telegram' → tavily)."""
    listed = " ".join(text[a:b] for a, b in tool_lines(text)).lower()
    if not listed:
        return None
    choices = _table()["choices"][kind]

    def named(said: str) -> list[str]:
        return [
            key
            for key, words in choices.items()
            if any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", said) for w in words)
        ]

    # 'Google search (Serper)', 'email (Outlook)': the service in the brackets is the one that does it
    listed = re.sub(
        r"[^,;+(]*\(([^()]*)\)", lambda m: m.group(1) if named(m.group(1)) else m.group(0), listed
    )
    found = named(listed)
    return found[0] if len(found) == 1 else None
