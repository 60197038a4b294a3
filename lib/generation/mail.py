"""A pasted e-mail or forwarded thread, read as the conversation it records (`mail.json`).

People forward the thread in which an automation was asked for. Its header lines ('From:', 'Sent:', 'Subject:',
'Von:', 'Envoyé :'), separators ('-----Original Message-----', 'On Mon, … wrote:') and signatures (a name, a
title, 'T: 020 …') ask for nothing — a sender's address is no recipient, a 'Sent:' time no schedule, a phone line
no text message — and a top-posted thread reads newest first, so a reply that changes the ask ('text them
instead', 'make it 10am') stands before what it changes. `read_mail` keeps each message's words, without its
headers, quote marks and signature, oldest first: then a later message follows what it amends, as in any
request that corrects itself."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lib.generation import rx as re

_FILE = Path(__file__).with_name("mail.json")
_QUOTE = re.compile(r"^(?:[ \t]*>)+[ \t]?")


@dataclass
class _Message:
    depth: int  # how deep the message is quoted: older the deeper
    at: int  # its place in the text: older the later, at one depth (a top-posted thread)
    lines: list[str]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    table = json.loads(_FILE.read_text(encoding="utf-8"))
    return {
        # a header line: one of the mail programs' labels, a colon, a value ('Sent: Monday, 2 June 2025 17:52')
        "header": re.compile(r"^\*{0,2}(?:" + "|".join(table["headers"]) + r")\*{0,2}[ \t]*:", re.I),
        # the labels that open a message's header block ('From:', 'Von:', 'De :'), or date it
        "opens": re.compile(r"^\*{0,2}(?:" + "|".join(table["opens"]) + r")\*{0,2}[ \t]*:", re.I),
        "subject": re.compile(r"^\*{0,2}(?:" + "|".join(table["subjects"]) + r")\*{0,2}[ \t]*:", re.I),
        "dated": re.compile(r"^\*{0,2}(?:" + "|".join(table["dated"]) + r")\*{0,2}[ \t]*:[^\n]*\d", re.I),
        "separator": re.compile(r"^[ \t]*(?:" + "|".join(table["separators"]) + r")[ \t]*$", re.I),
        "signature": re.compile(r"^(?:" + "|".join(table["signature_lines"]) + r")", re.I),
        "closing": re.compile(r"^(?:" + "|".join(table["closings"]) + r")\b[^\n]{0,30}$", re.I),
        "connector": re.compile(r"^(?:" + "|".join(table["name_connectors"]) + r")$", re.I),
        "final": re.compile("|".join(table["final"]), re.I),
    }


def _header_block(lines: list[str], i: int) -> int:
    """How many lines from `i` form a message's header block: a line of an opening label ('From:', 'Date:') and
    at least one other header line below it, one of them an address, a subject or a date. 0 when none."""
    p = _patterns()
    if not p["opens"].match(lines[i]):
        return 0
    n = 1
    while i + n < len(lines) and p["header"].match(lines[i + n]):
        n += 1
    block = lines[i : i + n]
    marked = any("@" in line or p["subject"].match(line) or p["dated"].match(line) for line in block)
    return n if n >= 2 and marked else 0


def _is_mail(lines: list[str]) -> bool:
    p = _patterns()
    return any(p["separator"].match(line) for line in lines) or any(
        _header_block(lines, i) for i in range(len(lines))
    )


def _signature_line(line: str) -> bool:
    """A line of a signature or a closing: 'Thanks,', 'Viele Grüße', 'Priya Nair | Operations Manager', 'T: 01632
    960 418', 'Head of Year 9', a lone address, a confidentiality notice — short, and no sentence (its words
    capitalised but a few connectors, or a contact line), or a disclaimer."""
    said = line.strip().strip("*_").strip()
    if not said:
        return True
    p = _patterns()
    if p["signature"].match(said):  # (a disclaimer runs long)
        return True
    if len(said) > 80 or said.endswith("?"):
        return False
    if p["closing"].match(said):
        return True
    words = re.findall(r"[^\s|,/()·•–—-]+", said)
    if not words or len(words) > 9:
        return False
    return all(
        w[0].isupper() or w[0].isdigit() or p["connector"].match(w) or "@" in w or "." in w for w in words
    ) and not said.endswith((".", ":", "!"))


def _body(lines: list[str]) -> list[str]:
    """A message's lines without the blank lines around it and without its signature (the short lines of names,
    titles and contacts at its end, from a closing line on)."""
    p = _patterns()
    start = 0
    while start < len(lines) and (not lines[start].strip() or p["header"].match(lines[start])):
        start += 1  # ('Subject: Re: Jira bugs to Teams' above a quoted thread: the message's own headers)
    lines = lines[start:]
    end = len(lines)
    while end > 0 and _signature_line(lines[end - 1]):
        end -= 1
    if not any(line.strip() for line in lines[:end]) and any(
        p["signature"].match(line.strip().strip("*_").strip()) for line in lines
    ):
        # '> This e-mail and any files transmitted with it are confidential. NHS.net' below a quoted reply: the rest of
        # a signature, or a disclaimer, standing alone says nothing
        return []
    kept = lines[:end] if any(line.strip() for line in lines[:end]) else lines
    start = 0
    while start < len(kept) and not kept[start].strip():
        start += 1
    while kept and not kept[-1].strip():
        kept = kept[:-1]
    return kept[start:]


def _letter(text: str) -> str | None:
    """A letter pasted without headers, up to its closing line, when all below that line is a signature's or a
    disclaimer's (mail.json `_letter`); None when it has no such ending."""
    p = _patterns()
    lines = text.split("\n")
    for i in range(len(lines) - 1, 0, -1):
        said = lines[i].strip().strip("*_").strip()
        if p["closing"].match(said) and all(_signature_line(line) for line in lines[i + 1 :]):
            if any(p["signature"].match(line.strip()) for line in lines[i + 1 :]):
                return "\n".join(lines[:i]).rstrip()
            return None
    return None


def subject_line(text: str) -> str | None:
    """The subject a pasted e-mail gives itself ('Subject: Fwd: overdue invoices' → 'Overdue invoices'), without
    its reply and forward marks; None when `text` is no e-mail or its subject says nothing."""
    lines = text.split("\n")
    if not _is_mail(lines):
        return None
    p = _patterns()
    for line in lines:
        line = _QUOTE.sub("", line)
        found = p["subject"].match(line)
        if found:
            said = re.sub(r"^(?:\s*(?:re|fwd?|aw|wg|tr|rv|enc)\s*:)+", "", line[found.end() :], flags=re.I)
            said = said.strip(" *_\t")
            return said[:1].upper() + said[1:] if len(said.split()) >= 2 else None
    return None


def lead_subject(text: str) -> tuple[str, str] | None:
    """A memo that opens with its subject line but has no header block ('Subject: Outage comms' then 'Sam, when
    PagerDuty …'): the subject, without reply and forward marks, and the text after its line; None otherwise."""
    first, _, rest = text.lstrip().partition("\n")
    found = _patterns()["subject"].match(first)
    if not found or not rest.strip():
        return None
    said = re.sub(r"^(?:\s*(?:re|fwd?|aw|wg|tr|rv|enc)\s*:)+", "", first[found.end() :], flags=re.I)
    return said.strip(" *_\t"), rest.lstrip()


def read_mail(text: str) -> str | None:
    """The messages of a pasted e-mail or thread, oldest first, each without its headers, quote marks and
    signature; None when `text` holds no e-mail header block or separator."""
    p = _patterns()
    raw = text.split("\n")
    depths = []
    lines = []
    for line in raw:
        quoted = _QUOTE.match(line)
        depths.append(quoted.group(0).count(">") if quoted else 0)
        lines.append(line[quoted.end() :] if quoted else line)
    if not _is_mail(lines):
        return _letter(text)
    messages: list[_Message] = []
    current: _Message | None = None
    i = 0
    while i < len(lines):
        line, depth = lines[i], depths[i]
        headed = _header_block(lines, i)
        if headed or p["separator"].match(line) or current is None or depth != current.depth:
            current = _Message(depth, len(messages), [])
            messages.append(current)
            if headed:
                i += headed
                continue
            if p["separator"].match(line):
                i += 1
                continue
        current.lines.append(line)
        i += 1
    said = [(m, _body(m.lines)) for m in messages]
    said = [(m, body) for m, body in said if body]
    if not said:
        return None
    said.sort(key=lambda mb: (-mb[0].depth, -mb[0].at))
    newest = "\n".join(said[-1][1])
    final = p["final"].search(newest[:200])
    if len(said) > 1 and final:
        # ('OK, final answer after all the back and forth: …'): it settles the proposals below it, and its mark is
        # no step ('answer' no reply to draft); a mark with no ask after it points at a message below ('Final
        # version is in Anna's last email (top). Zendesk will fire a webhook …')
        said_mark = re.compile(r"[^:.!?\n]{0,60}[:.!?]").match(newest, final.end())
        ask = newest[said_mark.end() :].strip() if said_mark else newest
        if len(ask) >= 80 and not re.search(
            r"\b(?:below|above|top|bottom|last\s+(?:e-?mail|message|reply))\b",
            newest[final.start() : len(newest) - len(ask)],
            re.I,
        ):
            return ask
    return "\n\n".join("\n".join(body) for _, body in said)
