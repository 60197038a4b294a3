"""Reading a description into steps: sources, processing, actions, conditions, routers and loops.

Sentences are split into clauses at commas and 'then'/'and' before a verb; each clause yields
zero or more simple steps. 'if … otherwise …' becomes a condition with two branches, 'route by …'
a router whose branches are the following actions, 'for each …' a loop whose body is the rest of
the sentence. Negated integrations ("don't post to Slack") are dropped everywhere.
Values may hold `{prev}`: the planner replaces it with the previous block's output reference.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lib.generation import lexicon as lx
from lib.generation.lexicon import lexicon

_WRITE = (r"(?:post|send|notify|message|share|alert|create|add|append|write|save|log|store|tweet|publish|open|"
          r"file|comment|update|insert|record|forward|ping|dm|put|push|upload|report|escalate)(?:s|es|d|ed|ing)?")
_READ = (r"fetch|get|gets|read|pull|collect|check|list|load|grab|monitor|watch|scan|look at|retrieve|"
         r"download|query|find|search|take|receive")
_ACTION_START = re.compile(r"\b(?:also\s+|then\s+)?(?:" + _WRITE + r"|" + _READ + r"|email|e-mail|mail|text|summari[sz]e|classify|categori[sz]e|"
                           r"translate|extract|draft|analy[sz]e|review|triage|route)\b", re.I)
_NEGATION = r"(?:don'?t|do not|never|not|no|without|instead of|rather than|skip|except|avoid)"


@dataclass
class Step:
    kind: str                         # source | process | action | condition | router | loop
    type: str = ""                    # registry block type (simple steps)
    values: dict[str, str] = field(default_factory=dict)
    label: str = ""
    text: str = ""                    # the clause it came from
    branches: list[tuple[str, list[Step]]] = field(default_factory=list)
    body: list[Step] = field(default_factory=list)
    loop_type: str | None = None
    count: int | None = None
    integration: str | None = None


def negated(text: str) -> set[str]:
    """Integrations the user rules out: "don't post to Slack", "instead of Slack", "no Telegram"."""
    low = text.lower()
    out = set()
    for key, entry in lexicon()["integrations"].items():
        for phrase in entry["phrases"]:
            p = re.escape(phrase.strip())
            if re.search(_NEGATION + r"\b[^.,;]{0,30}?\b" + p + r"\b", low):
                # "email me instead of Slack": the negation governs the phrase right after it only
                before = re.search(_NEGATION + r"\b[^.,;]{0,30}?\b" + p + r"\b", low)
                span_text = before.group(0) if before else ""
                others = [k for k, e in lexicon()["integrations"].items() if k != key and
                          any(lx.phrase_at(" " + span_text + " ", q) >= 0 for q in e["phrases"])]
                if not others or span_text.rfind(phrase.strip()) > max(
                        (span_text.rfind(q.strip()) for k in others for q in lexicon()["integrations"][k]["phrases"]),
                        default=-1):
                    out.add(key)
    return out


def sentences(text: str) -> list[str]:
    """Split at sentence ends, never inside URLs, e-mail addresses or decimal numbers."""
    protected = re.sub(lx.URL_RE, lambda m: m.group(0).replace(".", "\x00"), text)
    protected = re.sub(lx.EMAIL_RE, lambda m: m.group(0).replace(".", "\x00"), protected)
    protected = re.sub(r"(\d)\.(\d)", "\\1\x00\\2", protected)
    parts = re.split(r"(?<=[.!?;])\s+|\n+", protected)
    return [p.replace("\x00", ".").strip(" .;!?") for p in parts if p.strip(" .;!?")]


def clauses(text: str) -> list[str]:
    """Split a sentence at commas / 'then' / 'and' when a new verb starts the next part."""
    parts = re.split(r"\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and then\s+|\s+then\s+|\s+and\s+(?=(?:also\s+)?(?:"
                     + _WRITE + "|" + _READ + r"|summari[sz]e|classify|translate|extract|draft|analy[sz]e|review)\b)",
                     text, flags=re.I)
    return [p.strip() for p in parts if p and p.strip()]


# -- simple clauses -----------------------------------------------------------------------------
def _quoted(text: str) -> str | None:
    found = re.search(r"[\"“']([^\"”']{2,120})[\"”']", text)
    return found.group(1) if found else None


def _search_query(clause: str) -> str:
    q = _quoted(clause)
    if q:
        return q
    found = re.search(r"\b(?:for|about|on|regarding)\s+(.+)$", clause, re.I)
    text = found.group(1) if found else re.sub(r"^\W*(?:search|find|look up|research)\s+(?:the web\s+)?", "", clause, flags=re.I)
    text = re.sub(r"\b(?:using|with|via|on|in)\s+(?:exa|tavily|serper|google(?: search)?)\b.*$", "", text, flags=re.I)
    return text.strip(" ,.") or clause


def _process(kind: str, clause: str, description: str) -> Step:
    entry = lexicon()["processing"][kind]
    prompt = entry["prompt"]
    low = clause.lower()
    if kind == "classify":
        found = re.search(r"\b(?:into|as)\s+(.+?)(?:\s+(?:and then|then)\b|$)", clause, re.I)
        labels = [w.strip(" '\"") for w in re.split(r",|\bor\b|\band\b", found.group(1))] if found else []
        labels = [w for w in labels if w and len(w.split()) <= 3]
        prompt = prompt.replace("{labels}", f" from: {', '.join(labels)}" if labels else "")
        label = "Classify"
    elif kind == "translate":
        found = re.search(r"\b(?:to|into)\s+([A-Z][a-z]+|[a-z]+)\b", clause)
        language = found.group(1).capitalize() if found else "English"
        prompt = prompt.replace("{language}", language)
        label = f"Translate to {language}"
    elif kind == "extract":
        found = re.search(r"\bextract\s+(?:the\s+)?(.+?)(?:\s+from\b|$)", clause, re.I)
        prompt = prompt.replace("{what}", found.group(1) if found else "the key fields")
        label = "Extract"
    elif kind == "draft":
        found = re.search(r"\b(?:draft|write|compose|generate)\s+(an?\s+[\w\s-]+?)(?:\s+(?:to|for|with|using|based)\b|$)", clause, re.I)
        prompt = prompt.replace("{what}", found.group(1) if found else "a reply")
        label = "Draft"
    else:
        label = kind.capitalize()
    model = lx.model_in(clause) or lx.model_in(description) or lexicon()["default_model"]
    values = {"systemPrompt": prompt, "userPrompt": "{prev}", "model": model, "temperature": "0.3",
              "apiKey": lx.api_key_for(model)}
    if "json" in low and kind != "extract":
        values["systemPrompt"] += " Answer in JSON."
    return Step("process", "agent", values, label=label, text=clause)


def _processing_kinds(clause: str) -> list[tuple[int, str]]:
    low = clause.lower()
    hits = []
    for kind, entry in lexicon()["processing"].items():
        pos = [low.find(v) for v in entry["verbs"] if re.search(r"(?<!\w)" + re.escape(v), low)]
        pos = [p for p in pos if p >= 0]
        if pos:
            hits.append((min(pos), kind))
    hits.sort()
    # "draft a reply" vs "reply": one agent; "summarise … summary" : one agent
    return hits[:1] if hits and hits[0][1] == "draft" else hits


def _is_write(clause: str, key: str) -> bool:
    low = clause.lower()
    entry = lexicon()["integrations"][key]
    phrases = [p.strip() for p in entry["phrases"]]
    if key == "gmail" and re.search(r"\b(email|e-mail|mail)\s+(me|us|them|him|her|the team|[\w.+-]+@)", low):
        return True
    if any(re.search(r"\bfrom\s+(?:my\s+|our\s+|the\s+)?" + re.escape(p), low) for p in phrases):
        return False
    if "write" in entry and any(re.search(r"\b(?:to|into|onto)\b[^.,;]{0,25}?\b" + re.escape(p) + r"\b", low) for p in phrases):
        return True
    if "write" not in entry:
        return False
    if "read" not in entry:
        return True
    return bool(re.search(r"\b(" + _WRITE + r")\b", low)) and not re.search(
        r"^\W*(?:" + _READ + r")\b", low)


def _mentioned_as_noun(key: str, clause: str) -> bool:
    """'draft an intro email': the integration is neither read from nor written to here."""
    low = clause.lower()
    if _is_write(clause, key):
        return False
    phrases = [p.strip() for p in lexicon()["integrations"][key]["phrases"]]
    if key == "reddit" and re.search(r"\b(?:from|in|on)\s+r/\w+", low):
        return False
    return not (re.search(r"\b(" + _READ + r")\b", low)
                or any(re.search(r"\b(?:from|in|on|of)\s+(?:my\s+|our\s+|the\s+)?" + re.escape(p), low) for p in phrases))


def _integration_step(key: str, clause: str, description: str) -> Step:
    entry = lexicon()["integrations"][key]
    write = _is_write(clause, key)
    draft = key == "gmail" and "draft" in entry and re.search(r"\bdrafts?\b", clause, re.I) and write
    mode = entry["draft"] if draft else entry["write" if write else "read"]
    values = dict(entry.get("values", {}))
    values.update(mode.get("values", {}))
    if mode.get("operation"):
        values["operation"] = mode["operation"]
    if write and mode.get("text"):
        text = "{prev}"
        if mode.get("text_as_row"):
            text = json.dumps([["{prev}"]])
        if mode.get("text_as_record"):
            text = json.dumps([{"fields": {"Content": "{prev}"}}])
        values[mode["text"]] = text
    if mode.get("subject"):
        subject = re.search(r"\bsubject\s+[\"“']([^\"”']+)[\"”']", clause, re.I)
        values[mode["subject"]] = subject.group(1) if subject else "{subject}"
    if mode.get("title"):
        values[mode["title"]] = _quoted(clause) or "{subject}"
    if mode.get("query"):
        values[mode["query"]] = _search_query(clause)
    _targets(entry["target"], clause, description, values)
    name = {"gmail": "Email", "google_sheets": "Google Sheets"}.get(key, key)
    return Step("action" if write else "source", entry["type"], values, label=name, text=clause, integration=key)


def _targets(target: str, clause: str, description: str, values: dict[str, str]) -> None:
    """Carry the stated destination (channel, address, repo, chat, table …) into its subBlock."""
    if target == "channel":
        found = lx.CHANNEL_RE.search(clause) or lx.CHANNEL_RE.search(description)
        if found:
            values["channel"] = "#" + found.group(1)
    elif target == "to":
        found = lx.EMAIL_RE.search(clause)
        if found:
            values["to"] = found.group(0)
        elif values.get("operation", "").startswith(("send", "draft")):
            values["to"] = "{{USER_EMAIL}}"
    elif target == "repo":
        found = lx.REPO_RE.search(re.sub(lx.URL_RE, "", clause)) or lx.REPO_RE.search(re.sub(lx.URL_RE, "", description))
        if found:
            values["owner"], values["repo"] = found.group(1), found.group(2)
        if values.get("operation") == "github_comment":
            values["pullNumber"] = "<start.input.pull_request.number>"
    elif target == "chat":
        found = re.search(r"\bchat(?:\s*id)?\s+(-?\d+|@\w+)|(@\w+)", clause, re.I)
        values["chatId"] = (found.group(1) or found.group(2)) if found else "{{TELEGRAM_CHAT_ID}}"
    elif target == "discord":
        found = re.search(r"\bchannel\s+(\d{6,})\b", clause) or lx.CHANNEL_RE.search(clause)
        values["manualChannelId"] = found.group(1) if found else "{{DISCORD_CHANNEL_ID}}"
        server = re.search(r"\bserver\s+(\d{6,})\b", clause)
        if server:
            values["manualServerId"] = server.group(1)
    elif target == "airtable":
        base = re.search(r"\b(app[A-Za-z0-9]{6,})\b", description)
        table = (re.search(r"[\"“']([\w -]+)[\"”']\s+table", clause, re.I)
                 or re.search(r"\b(?!the\b|a\b|my\b|our\b)(\w+)\s+table\b", clause, re.I)
                 or re.search(r"\btable\s+(?:called\s+|named\s+)?[\"“']?(?!on\b|in\b)([\w-]+)", clause, re.I))
        if base:
            values["baseId"] = base.group(1)
        if table:
            values["tableId"] = table.group(1).strip()
    elif target == "jira":
        project = re.search(r"\b([A-Z][A-Z0-9]{1,9})\s+project\b|\bproject\s+([A-Z][A-Z0-9]{1,9})\b", clause)
        if project:
            values["manualProjectId"] = project.group(1) or project.group(2)
        domain = re.search(r"\b([\w-]+\.atlassian\.net)\b", description)
        if domain:
            values["domain"] = domain.group(1)
    elif target == "linear":
        team = re.search(r"\bteam\s+[\"“']?([\w-]+)", clause, re.I) or re.search(r"\b([\w-]+)\s+team\b", clause, re.I)
        if team and team.group(1).lower() not in ("the", "a", "our", "my", "linear"):
            values["manualTeamId"] = team.group(1)
    elif target == "sheet":
        found = re.search(r"\b(?:spreadsheet|sheet)\s+(?:id\s+)?([A-Za-z0-9_-]{20,})", clause) or \
            re.search(r"[\"“']([^\"”']+)[\"”']\s+(?:spread)?sheet|(?:spread)?sheet\s+(?:called|named)\s+[\"“']?([\w -]+)", clause, re.I)
        if found:
            values["manualSpreadsheetId"] = next(g for g in found.groups() if g).strip()
    elif target == "notion":
        found = re.search(r"\b(?:page|database)\s+(?:id\s+)?([0-9a-f]{32}|[0-9a-f-]{36})\b", clause, re.I)
        if found:
            values["parentId"] = found.group(1)
    elif target == "subreddit":
        found = re.search(r"\br/(\w+)", clause) or re.search(r"\b(\w+)\s+subreddit\b", clause, re.I)
        if found:
            values["subreddit"] = found.group(1)
    elif target in ("phone", "phones"):
        found = re.search(r"\+\d[\d\s-]{6,}\d", clause)
        if found:
            values["phoneNumber" if target == "phone" else "phoneNumbers"] = re.sub(r"[\s-]", "", found.group(0))


def _api_step(clause: str, description: str) -> Step | None:
    url = lx.URL_RE.search(clause)
    service = lx.api_service(clause)
    if url:
        low = clause.lower()
        write = re.search(r"\b(post|send|push|submit|forward|deliver)\b[^.]*\bto\s+" + re.escape(url.group(0).lower()), low)
        method = "POST" if write or re.search(r"\bwith a post\b|\bpost request\b|\bas a post\b|\bpost\b[^.]{0,20}\bto\s*$",
                                              low[: url.start()] + " " + low[url.end():url.end() + 20]) else "GET"
        values = {"url": url.group(0), "method": method}
        if method == "POST":
            values["headers"] = json.dumps([{"id": "h-content-type", "cells": {"Key": "Content-Type", "Value": "application/json"}}])
            values["body"] = json.dumps({"text": "{prev}"})
        return Step("action" if method == "POST" else "source", "api", values, label="API", text=clause)
    if service:
        entry = lexicon()["apis"][service]
        url_text = entry["url"]
        if "{city}" in url_text:
            city = re.search(r"\b(?:in|for)\s+([A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)?)", clause)
            url_text = url_text.replace("{city}", (city.group(1) if city else entry["default_city"]).replace(" ", "+"))
        symbols = lx.symbols_in(clause)
        if "price_url" in entry and symbols and "trending" not in clause.lower():
            ids = ",".join(lexicon()["symbols"][s] for s in symbols)
            url_text = entry["price_url"].replace("{ids}", ids)
        return Step("source", "api", {"url": url_text, "method": "GET"}, label=entry["name"], text=clause,
                    integration=service)
    return None


def read_clause(clause: str, description: str, ruled_out: set[str]) -> list[Step]:
    low = clause.lower()
    found: list[tuple[int, Step]] = []
    if re.search(_NEGATION + r"\b", low) and any(k in ruled_out for _, k in lx.integrations_in(clause)) \
            and not any(k not in ruled_out for _, k in lx.integrations_in(clause)):
        return []
    engine = lx.search_engine(clause)
    if engine and re.search(r"\b(search|find|look up|research|news|google)\b", low):
        entry = lexicon()["search"][engine]
        values = dict(entry["values"])
        values[entry["query"]] = _search_query(clause)
        found.append((0, Step("source", entry["type"], values, label="Search", text=clause, integration=engine)))
    api = _api_step(clause, description)
    if api:
        found.append((1, api))
    for pos, key in lx.integrations_in(clause):
        if key in ruled_out or (engine and key in ("gmail",) and not _is_write(clause, key)):
            continue
        if key == "gmail" and any(k in ("outlook",) for _, k in lx.integrations_in(clause)):
            continue
        if key == "twilio_sms" and (not re.search(r"\b(sms|text message)\b", low) and any(
                k in ("telegram", "whatsapp", "slack", "discord") for _, k in lx.integrations_in(clause))):
            continue
        if _mentioned_as_noun(key, clause):
            continue
        step = _integration_step(key, clause, description)
        if step.kind == "source" and (api or engine) and "read" not in lexicon()["integrations"][key]:
            continue
        found.append((pos + 2, step))
    address = lx.EMAIL_RE.search(clause)
    if address and not any(s.integration in ("gmail", "outlook") for _, s in found) and "gmail" not in ruled_out:
        step = _integration_step("gmail", "email " + address.group(0), description)
        found.append((address.start() + 2, step))
    for pos, kind in _processing_kinds(clause):
        # "post the summary", "save it as a draft": a noun after a determiner, not a step
        if not re.search(r"\b(?:the|a|an|this|that|each|my|our|your|its|their|as)\s+$", low[:pos]):
            found.append((pos + 1, _process(kind, clause, description)))
    found.sort(key=lambda item: (0 if item[1].kind == "source" else 1 if item[1].kind == "process" else 2, item[0]))
    return [s for _, s in found]


def read_clauses(text: str, description: str, ruled_out: set[str]) -> list[Step]:
    out: list[Step] = []
    for clause in clauses(text):
        out += read_clause(clause, description, ruled_out)
    return out


# -- structure ------------------------------------------------------------------------------------
_IF = re.compile(r"\b(?:only\s+)?(?:if|in case|whenever it|when it)\b", re.I)
_ELSE = re.compile(r"\s*(?:,|;)?\s*\b(?:otherwise|else|if not|or else)\b\s*,?\s*", re.I)
_ROUTE = re.compile(r"\b(?:route|routes|routing)\b[^,.;]*?\b(?:by|based on|according to|depending on)\s+"
                    r"(?:its|their|the|his|her)?\s*(\w+)|\bdepending on\s+(?:its|their|the)?\s*(\w+)", re.I)
_LOOP = re.compile(r"\bfor (?:each|every)\s+([\w\s-]+?)(?:\s+(?:in|of|from|on)\s+(?:the\s+)?([\w\s-]+?))?"
                   r"\s*(?:,|:|\bdo\b|$|(?=\s(?:" + _WRITE + "|" + _READ + r"|summari[sz]e|classify|translate|extract|"
                   r"draft|analy[sz]e|review|research|write|generate|score)\b))"
                   r"|\b(?:repeat|run|do)\b[^,.;]*?\b(\d+)\s+times\b", re.I)


def read_sentence(sentence: str, description: str, ruled_out: set[str]) -> list[Step]:
    loop = _LOOP.search(sentence)
    if loop:
        before, after = sentence[: loop.start()], sentence[loop.end():]
        if loop.group(3):
            step = Step("loop", "loop", label="Repeat", text=sentence, loop_type="for", count=int(loop.group(3)))
            body_text = before if not after.strip() else after
            step.body = read_clauses(body_text, description, ruled_out)
            return ([] if body_text is before else read_clauses(before, description, ruled_out)) + [step]
        item = loop.group(1).strip()
        step = Step("loop", "loop", label=item, text=sentence, loop_type="forEach")
        step.body = read_sentence(after, description, ruled_out) if after.strip() else []
        source = read_clause(f"get {item} from {loop.group(2)}", description, ruled_out) if loop.group(2) else []
        return read_clauses(before, description, ruled_out) + [s for s in source if s.kind == "source"] + [step]
    route = _ROUTE.search(sentence)
    if route:
        criterion = (route.group(1) or route.group(2) or "category").lower()
        before, after = sentence[: route.start()], sentence[route.end():]
        step = Step("router", "router", label=criterion, text=sentence)
        for clause in clauses(re.sub(r"^\W*(?:to|:)\s*", "", after)):
            branch = read_clause(clause, description, ruled_out)
            if branch:
                label = re.split(r"\b(?:go(?:es)?|to|→|->|should|get|gets|are|is)\b", clause, maxsplit=1)[0].strip(" :")
                step.branches.append((" ".join((label or clause).split()[:3]), branch))
        pre = read_clauses(before, description, ruled_out)
        return pre + [step]
    cond = _IF.search(sentence)
    if cond:
        before, rest = sentence[: cond.start()], sentence[cond.end():]
        start = _ACTION_START.search(rest, 3)
        split = re.search(r",|\bthen\b", rest)
        cut = min([m.start() for m in (start, split) if m] or [len(rest)])
        test = rest[:cut].strip(" ,")
        consequence = re.sub(r"^\s*(?:,|then)\s*", "", rest[cut:])
        parts = _ELSE.split(consequence, maxsplit=1)
        if_text, else_text = parts[0], parts[1] if len(parts) > 1 else ""
        if not if_text.strip() and before.strip():  # "email me if X" — the action comes first
            if_text, before = before, ""
        step = Step("condition", "condition", label=test, text=sentence)
        step.branches = [("if", read_clauses(if_text, description, ruled_out)),
                         ("else", read_clauses(else_text, description, ruled_out))]
        return read_clauses(before, description, ruled_out) + [step]
    return read_clauses(sentence, description, ruled_out)


def read_steps(text: str, description: str) -> list[Step]:
    """All steps of a description whose trigger phrases are already blanked out."""
    ruled_out = negated(description)
    steps: list[Step] = []
    for sentence in sentences(text):
        otherwise = re.match(r"^\s*(?:otherwise|else|if not)\b[\s,]*", sentence, re.I)
        last_cond = next((s for s in reversed(steps) if s.kind == "condition"), None)
        if otherwise and last_cond is not None:
            last_cond.branches[1] = ("else", last_cond.branches[1][1]
                                     + read_clauses(sentence[otherwise.end():], description, ruled_out))
            continue
        steps += read_sentence(sentence, description, ruled_out)
    # Data flows sources → processing → actions, whatever order the sentences state them in; a
    # condition decides the end of the flow, so unconditional steps stated later still run first.
    rank = {"source": 0, "process": 1, "action": 2, "loop": 3, "router": 3, "condition": 4}
    return sorted(steps, key=lambda s: rank[s.kind])
