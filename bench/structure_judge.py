"""Judge a generated workflow state against what a user asked for: its structure, not its type set.

A labelled description (one JSON object per line of a `bench/*.jsonl` set) says what the user
needs, in their terms; every key but `id`, `description` and `expect` is optional, and only what
is labelled is judged:

    expect      "workflow" | "refuse" (not a workflow: an honest "cannot" answer is right)
                | "workflow_or_refuse" (either the right workflow or an honest refusal)
    trigger     {kind: schedule|webhook|manual|chat|api (or a list of acceptable kinds),
                 provider: the webhook provider ("generic" for a service JUL25 has none for),
                 every: "15m" | "1h" | "1d", time: "HH:MM" (or a list), days: "daily"|"weekdays"|["MON", …],
                 day_of_month: 1, tz: "Europe/Paris"}
    steps       {name: {block: a type, a list of types, or a group (@email, @websearch, @scrape),
                        op: "read" | "write" | an operation id (or a list of ids),
                        has: [text that must be in its values ("a|b" = either; "#c" matches "c"),
                              {"num": n or [n, m]} a number that must appear],
                        lacks: {subBlock id: a value it must not hold}, or [text or {"num": n}
                               that must appear in none of its values],
                        recipient: "data" (taken from a reference) | "me" (not from the data)}}
    order       [[a, b, c], …]: a runs before b, b before c (a path of edges)
    loops       [{over: step (or "start") whose list is iterated, inside: [steps inside the loop]}]
    conditions  [{on: step (or "start") whose data is tested, has: [...], if: [steps], else: [steps]}]
    routers     [{routes: [[steps], [steps], [steps]]}]: each group on its own branch
    refs        [[step, "other" | "other.output" | "start" | "loop.currentItem"], …]: the step reads
                that data, itself or through what only passes it on (a function block, the current
                item of the loop it sits in)
    forbid      [{block, op, has}]: no block like this may exist

Steps are matched to blocks by type and operation; when several matchings are possible the one
that satisfies most expectations is judged. A block the planner adds so that Sim can run the
workflow (a test before a loop, an address finder, the lines a message's data becomes, a 'No
action' end: `lib.generation.plumbing`, known by its name) is matched to no labelled step or test,
and is no predicted condition: a label is met by what the user asked for, not by plumbing. A state is "fully right" when every labelled
expectation holds, it passes the validators, and it performs no write nobody asked for.
The older sets' labels (trigger, schedule, integrations, branching, loop, params) are read too.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lib.generation.plumbing import added_by_planner
from lib.sim import branches
from lib.sim.names import Reference, find_references, normalize_name

# an API's report query, sent by POST but reading only (Google Analytics Data API: runReport, batchRunReports …)
_REPORT_QUERY = re.compile(r":(?:batch)?run\w*reports?\b", re.I)

DIMENSIONS = ("trigger", "steps", "order", "loops", "branches", "refs", "params", "forbid", "refusal")
STRUCTURAL = {
    "starter",
    "condition",
    "router",
    "loop",
    "parallel",
    "note",
    "response",
    "function",
    "thinking",
}
CORE = STRUCTURAL | {"agent"}
GROUPS = {
    "@email": {"gmail", "outlook", "gmail_v2"},
    "@websearch": {"exa", "tavily", "serper", "google_search", "perplexity", "linkup", "firecrawl", "jina"},
    "@scrape": {"firecrawl", "jina", "api", "browser_use", "stagehand", "stagehand_agent", "exa", "tavily"},
}
# What a user calls writing (a side effect somebody sees) vs reading, judged from the operation's words.
WRITE_WORDS = {
    "send", "write", "create", "update", "append", "insert", "upsert", "post", "draft", "invite", "quick",
    "delete", "comment", "add", "upload", "canvas", "merge", "close", "trigger", "populate",
}  # fmt: skip
WRITERS = {"telegram", "whatsapp", "twilio_sms", "clay", "elevenlabs"}  # blocks whose only job is to send
NO_SIDE_EFFECT = {"agent", "translate", "vision", "huggingface", "image_generator", "evaluator"}
# Slack JUL25 has no DM field: a direct message is sent with a user id (U…) as its channel
RECIPIENT_FIELDS = (
    "to",
    "chatId",
    "phoneNumber",
    "phoneNumbers",
    "dmUserId",
    "manualDmUserId",
    "attendees",
    "channel",
)
# Outputs that say that a call happened, not what it returned: a step reading a block's data
# through them reads no data at all (`<jira1.ts>` where the issues were meant).
META_OUTPUTS = {
    "ts",
    "success",
    "ok",
    "status",
    "messageId",
    "updatedRange",
    "updatedRows",
    "error",
    "headers",
}
DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w])")
_BARE_TAG = re.compile(r"<([\w\-]+)>")
_TOKENS = re.compile(r"[_\-\s]+|(?<=[a-z])(?=[A-Z])")


# -- a state, read for judging --------------------------------------------------------------------
class View:
    """The blocks, names, operations, paths and references of one state."""

    def __init__(self, state: dict[str, Any]):
        raw = state.get("blocks") if isinstance(state, dict) else None
        self.blocks: dict[str, dict] = {k: v for k, v in (raw or {}).items() if isinstance(v, dict)}
        self.edges: list[dict] = [e for e in (state.get("edges") or []) if isinstance(e, dict)]
        self.name = {bid: normalize_name(b.get("name")) for bid, b in self.blocks.items()}
        # (what the planner adds for Sim's sake: never a labelled step or test)
        self.plumbing = {bid for bid, b in self.blocks.items() if added_by_planner(str(b.get("name") or ""))}
        self.parent = {bid: (b.get("data") or {}).get("parentId") for bid, b in self.blocks.items()}
        self.starter = next(
            (k for k, b in self.blocks.items() if b.get("type") in ("starter", "start_trigger")), None
        )
        self._succ: dict[Any, set] = {}
        for bid, b in self.blocks.items():
            if b.get("type") in ("loop", "parallel"):
                self._link((bid, "start"), (bid, "end"))
        for bid, parent in self.parent.items():
            if parent in self.blocks:
                self._link(bid, (parent, "end"))
        for e in self.edges:
            src, dst, handle = e.get("source"), e.get("target"), e.get("sourceHandle") or "source"
            if src not in self.blocks or dst not in self.blocks:
                continue
            if self.type(src) in ("loop", "parallel"):
                src = (src, "end" if handle.endswith("end-source") else "start")
            if self.type(dst) in ("loop", "parallel"):
                dst = (dst, "start")
            self._link(src, dst)
        self._reach: dict[Any, frozenset] = {}

    def _link(self, a: Any, b: Any) -> None:
        self._succ.setdefault(a, set()).add(b)

    def type(self, bid: str) -> str:
        return str(self.blocks[bid].get("type"))

    def value(self, bid: str, sub: str) -> Any:
        sb = (self.blocks[bid].get("subBlocks") or {}).get(sub)
        return sb.get("value") if isinstance(sb, dict) else None

    def values(self, bid: str) -> dict[str, Any]:
        subs = self.blocks[bid].get("subBlocks") or {}
        out = {k: sb.get("value") for k, sb in subs.items() if isinstance(sb, dict)}
        data = self.blocks[bid].get("data") or {}
        if data.get("collection") not in (None, ""):
            out["_collection"] = data["collection"]
        return out

    @cached_property
    def texts(self) -> dict[str, str]:
        """Each block's values as lower-case text, with those of a function block whose result it
        reads (a value built by a function, '[[<agent1.content>]]' as a list, is still the block's)."""
        own = {bid: json.dumps(self.values(bid), ensure_ascii=False).lower() for bid in self.blocks}
        by_name = {n: b for b, n in self.name.items()}
        out = {}
        for bid, text in own.items():
            fed = {by_name.get(normalize_name(r.name)) for r in self.refs(bid)} if "<" in text else set()
            out[bid] = " ".join(
                [text] + [own[b] for b in fed if b is not None and self.type(b) == "function"]
            )
        return out

    def refs(self, bid: str, sub: str | None = None) -> list[Reference]:
        """`<name.path>` references, and bare `<name>` tags naming a block (its whole output)."""
        values = self.values(bid) if sub is None else self.value(bid, sub)
        found = find_references(values, include_runtime=True)
        text = json.dumps(values, ensure_ascii=False)
        known = set(self.name.values())
        return found + [Reference(m, "", "") for m in _BARE_TAG.findall(text) if normalize_name(m) in known]

    def reach(self, node: Any) -> frozenset:
        """Every node reachable from `node`, itself included."""
        if node not in self._reach:
            seen, todo = {node}, [node]
            while todo:
                for nxt in self._succ.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            self._reach[node] = frozenset(seen)
        return self._reach[node]

    def reach_into(self, target: str) -> frozenset:
        """What an edge into `target` reaches: a loop or parallel is entered at its start, so its
        body is reached too (the graph links the container's body from `(id, "start")`)."""
        if self.type(target) in ("loop", "parallel"):
            return frozenset({target}) | self.reach((target, "start"))
        return self.reach(target)

    def before(self, a: str, b: str) -> bool:
        return a != b and b in self.reach(a)

    def ancestors(self, bid: str) -> list[str]:
        out, cur = [], self.parent.get(bid)
        while cur in self.blocks and cur not in out:
            out.append(cur)
            cur = self.parent.get(cur)
        return out

    def op(self, bid: str) -> str | None:
        if self.type(bid) == "api":
            return str(self.value(bid, "method") or "GET").upper()
        op = self.value(bid, "operation")
        return op if isinstance(op, str) and op else None

    def op_class(self, bid: str) -> str | None:
        """'read' or 'write' as a user means it; None for blocks that only think."""
        kind, op = self.type(bid), self.op(bid)
        if kind in STRUCTURAL or kind in NO_SIDE_EFFECT:
            return None
        if kind == "api":
            # (a report query sent by POST reads: Google Analytics' properties/…:runReport)
            reads = op in ("GET", "HEAD") or _REPORT_QUERY.search(str(self.value(bid, "url") or ""))
            return "read" if reads else "write"
        if kind in WRITERS:
            return "write"
        if op is None:
            return "read"
        return "write" if WRITE_WORDS & set(_TOKENS.split(op.lower())) - {""} else "read"

    def actions(self) -> list[str]:
        return [bid for bid in self.blocks if self.type(bid) not in STRUCTURAL]

    def branch_sets(self, bid: str) -> list[tuple[str, frozenset]]:
        """(label, nodes reached) per outgoing branch of a condition ('if'/'else') or router ('route')."""
        out = []
        if self.type(bid) == "condition":
            entries = [e for e in (branches.of_block(self.blocks[bid]) or []) if isinstance(e, dict)]
            for i, entry in enumerate(entries):
                is_else = str(entry.get("title", "")).strip().lower() == "else" or (
                    i == len(entries) - 1 and i > 0 and not str(entry.get("value") or "").strip()
                )
                handle = f"condition-{entry.get('id')}"
                reached = frozenset().union(
                    *(self.reach_into(e["target"]) for e in self.edges if e.get("source") == bid and e.get("sourceHandle") == handle and e.get("target") in self.blocks)
                )  # fmt: skip
                out.append(("else" if is_else else "if", reached))
        else:
            for e in self.edges:
                if (
                    e.get("source") == bid
                    and e.get("target") in self.blocks
                    and e.get("sourceHandle") != "error"
                ):
                    out.append(("route", self.reach_into(e["target"])))
        return out


# -- trigger --------------------------------------------------------------------------------------
def _hhmm(value: Any) -> str | None:
    m = re.fullmatch(r"\s*(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*", str(value or ""), re.I)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3):
        hour = hour % 12 + (12 if m.group(3).lower().startswith("p") else 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _cron_field(text: str, top: int) -> set[int] | None:
    """Values of one cron field; None for '*'."""
    if text in ("*", "?"):
        return None
    out: set[int] = set()
    for part in text.split(","):
        part = part.upper()
        for i, day in enumerate(DAYS):
            part = part.replace(day, str((i + 1) % 7))
        step = 1
        if "/" in part:
            part, step_s = part.split("/", 1)
            step = int(step_s)
        lo, hi = (0, top) if part == "*" else (part.split("-", 1) if "-" in part else (part, part))
        out.update(range(int(lo), int(hi) + 1, step))
    return out


def schedule_of(start: dict[str, Any]) -> dict[str, Any]:
    """A starter's schedule as {every (minutes) | times, days, day_of_month, tz}; a run once a day on every day
    (or once a week) has its `every` too."""
    kind = start.get("scheduleType")
    out: dict[str, Any] = {"tz": start.get("timezone") or "UTC"}
    try:
        if kind == "minutes":
            out["every"] = int(start.get("minutesInterval") or 0)
        elif kind == "hourly":
            out["every"] = 60
        elif kind == "daily":
            out.update(times={_hhmm(start.get("dailyTime"))}, days=set(DAYS))
        elif kind == "weekly":
            out.update(times={_hhmm(start.get("weeklyDayTime"))}, days={str(start.get("weeklyDay"))})
        elif kind == "monthly":
            out.update(
                times={_hhmm(start.get("monthlyTime"))}, day_of_month=int(start.get("monthlyDay") or 0)
            )
        elif kind == "custom":
            minute, hour, dom, _month, dow = str(start.get("cronExpression") or "").split()[:5]
            if minute.startswith("*/") and hour == "*":
                out["every"] = int(minute[2:])
            elif hour.startswith("*/") and minute.isdigit():
                out["every"] = 60 * int(hour[2:])
            elif minute == "0" and hour == "*":
                out["every"] = 60
            else:
                hours, minutes = _cron_field(hour, 23) or set(), _cron_field(minute, 59) or set()
                out["times"] = {f"{h:02d}:{m:02d}" for h in hours for m in minutes}
                days = _cron_field(dow, 6)
                out["days"] = set(DAYS) if days is None else {DAYS[(d - 1) % 7] for d in days}
                doms = _cron_field(dom, 31)
                if doms and len(doms) == 1:
                    out["day_of_month"] = next(iter(doms))
    except (ValueError, IndexError):
        pass
    if "every" not in out and len(out.get("times") or ()) == 1 and "day_of_month" not in out:
        # once a day on every day is every day ('every: 1d'); once a week on one day is every week
        days = out.get("days") or set()
        if days == set(DAYS):
            out["every"] = 1440
        elif len(days) == 1:
            out["every"] = 7 * 1440
    return out


_UNITS = {"m": 1, "min": 1, "h": 60, "d": 1440}


def every_minutes(every: Any) -> int:
    """A label's interval in minutes: 15, "15m", "1h", "2 h", "1d" (a bare number is minutes)."""
    m = re.fullmatch(r"\s*(\d+)\s*([a-z]*)\s*", str(every).lower())
    if not m or m.group(2) not in (*_UNITS, ""):
        raise ValueError(f"trigger.every: {every!r} is not an interval like 15m, 1h or 1d")
    return int(m.group(1)) * _UNITS.get(m.group(2), 1)


def _label_days(days: Any) -> set[str]:
    if days == "daily":
        return set(DAYS)
    if days == "weekdays":
        return set(DAYS[:5])
    return {str(d).upper()[:3] for d in (days if isinstance(days, list) else [days])}


def trigger_of(view: View) -> dict[str, Any]:
    if view.starter is None:
        types = {view.type(b) for b in view.blocks}
        kind = (
            "schedule"
            if "schedule" in types
            else "webhook"
            if types & {"webhook", "generic_webhook"}
            else "manual"
        )
        return {"kind": kind, "start": {}}
    start = view.values(view.starter)
    return {"kind": start.get("startWorkflow") or "manual", "start": start}


def judge_trigger(label: dict[str, Any], view: View) -> list[tuple[str, bool, bool]]:
    """(key, predicted, right) per labelled trigger key."""
    pred = trigger_of(view)
    start, kind = pred["start"], pred["kind"]
    kinds = label["kind"] if isinstance(label.get("kind"), list) else [label.get("kind")]
    kinds = ["manual" if k == "api" else k for k in kinds]  # a JUL25 manual starter is also the API entry
    out = [("kind", True, kind in kinds)]
    if "provider" in label:
        out.append(
            ("provider", "webhookProvider" in start, start.get("webhookProvider") == label["provider"])
        )
    sched = schedule_of(start) if kind == "schedule" else {}
    if "every" in label:
        want = every_minutes(label["every"])
        out.append(("every", "every" in sched, sched.get("every") == want))
    if "time" in label:
        want = {_hhmm(t) for t in (label["time"] if isinstance(label["time"], list) else [label["time"]])}
        out.append(("time", "times" in sched, sched.get("times") == want))
    if "days" in label:
        out.append(("days", "days" in sched, sched.get("days") == _label_days(label["days"])))
    if "day_of_month" in label:
        out.append(
            ("day_of_month", "day_of_month" in sched, sched.get("day_of_month") == label["day_of_month"])
        )
    if "tz" in label:
        out.append(("tz", bool(sched), sched.get("tz") == label["tz"]))
    for key, want in (label.get("raw") or {}).items():  # older sets: exact starter values
        got = start.get(key)
        out.append((key, got not in (None, ""), str(got) == str(want)))
    return out


# -- steps and their checks -----------------------------------------------------------------------
def allowed_types(block: Any) -> set[str]:
    out: set[str] = set()
    for b in block if isinstance(block, list) else [block]:
        out |= GROUPS.get(b, {b})
    return out


def _service_hosts() -> dict[str, list[str]]:
    """Each service's API hosts (the validators' table), by the block type named like it."""
    table = json.loads(Path(__file__).resolve().parents[1].joinpath(SERVICE_HOSTS).read_text())
    return {word.lower(): hosts for word, hosts in table["providers"].items()}


SERVICE_HOSTS = "lib/validation/secret_hosts.json"
_HOSTS = _service_hosts()


def is_step(view: View, bid: str, kinds: set[str]) -> bool:
    """A block of one of `kinds`, or an HTTP request to one of those services' own API hosts: a
    GitHub issue opened by a POST to api.github.com/repos/…/issues is the GitHub step a user asked
    for (JUL25's github block has no operation that opens an issue)."""
    kind = view.type(bid)
    if kind in kinds:
        return True
    if kind != "api":
        return False
    host = urlsplit(str(view.value(bid, "url") or "")).hostname or ""
    return any(host == h or host.endswith("." + h) for k in kinds - {"api"} for h in _HOSTS.get(k, ()))


def op_ok(view: View, bid: str, op: Any) -> bool:
    if op is None:
        return True
    if op in ("read", "write"):
        return view.op_class(bid) == op
    return view.op(bid) in (op if isinstance(op, list) else [op])


def has_ok(view: View, bid: str, item: Any) -> bool:
    text = view.texts[bid]
    if isinstance(item, dict) and "num" in item:
        wants = item["num"] if isinstance(item["num"], list) else [item["num"]]
        found = {float(n) for n in _NUMBER.findall(text)}
        return any(float(w) in found for w in wants)
    return any(alt.lower().lstrip("#") in text for alt in str(item).split("|"))


def lacks_tests(view: View, lacks: Any) -> list[tuple[str, Any]]:
    """(what, test) per value a step must not hold: {subBlock: value}, or texts ([...] or one) that
    must appear nowhere in its values (the opposite of `has`)."""
    if not lacks:
        return []
    if isinstance(lacks, dict):
        return [(f"{k}={w}", lambda b, k=k, w=w: str(view.value(b, k)) == str(w)) for k, w in lacks.items()]
    items = lacks if isinstance(lacks, list) else [lacks]
    return [(str(h), lambda b, h=h: has_ok(view, b, h)) for h in items]


def recipient_ok(view: View, bid: str, want: str) -> bool:
    values = view.values(bid)
    got = next((values[f] for f in RECIPIENT_FIELDS if values.get(f) not in (None, "", [])), None)
    from_data = bool(got) and bool(find_references(got, include_runtime=True))
    return from_data if want == "data" else not from_data


@dataclass
class Verdict:
    """Per-dimension (right, predicted, labelled) counts for one description, and what went wrong."""

    tally: dict[str, list[int]] = field(default_factory=lambda: {d: [0, 0, 0] for d in DIMENSIONS})
    misses: list[str] = field(default_factory=list)
    refused: bool = False

    def add(
        self, dim: str, right: bool, predicted: bool = True, labelled: bool = True, what: str = ""
    ) -> None:
        t = self.tally[dim]
        t[0] += int(right and predicted)
        t[1] += int(predicted)
        t[2] += int(labelled)
        if labelled and not right:
            self.misses.append(f"{dim}: {what}")

    @property
    def score(self) -> int:
        return sum(t[0] for t in self.tally.values())

    @property
    def labels_right(self) -> bool:
        return not self.misses


class Judge:
    """Judges one labelled item against one state (None = the generator refused)."""

    def __init__(self, item: dict[str, Any], state: dict[str, Any] | None, refused: bool | None = None):
        self.item = item
        self.view = View(state) if state is not None else None
        self.refused = state is None if refused is None else refused

    def verdict(self) -> Verdict:
        expect = self.item.get("expect", "workflow")
        if self.view is None and not self.refused:  # the generator failed: nothing to credit
            v = Verdict()
            v.misses.append("no state produced")
            v.tally["refusal"][2] += int(expect != "workflow")
            return v
        if self.view is None:
            v = Verdict(refused=True)
            v.add("refusal", expect != "workflow", what="refused a workflow the user needed")
            if expect == "workflow":
                v.misses.append("refused")
            return v
        best: Verdict | None = None
        for assign in self._assignments():
            v = self._judge(assign)
            if best is None or v.score > best.score:
                best = v
        assert best is not None
        if expect == "refuse":
            best.add("refusal", False, predicted=False, what="built a workflow for a request that is not one")
        elif expect == "workflow_or_refuse":
            best.tally["refusal"][2] += 1
        return best

    # all one-to-one matchings of labelled steps to candidate blocks (None = not found)
    def _assignments(self) -> list[dict[str, str | None]]:
        view, steps = self.view, self.item.get("steps") or {}
        assert view is not None
        names = list(steps)
        options = []
        for name in names:
            spec = steps[name]
            kinds = allowed_types(spec.get("block"))
            cands = [
                b
                for b in view.blocks
                if b not in view.plumbing and is_step(view, b, kinds) and op_ok(view, b, spec.get("op"))
            ]
            options.append(cands + [None])
        total = 1
        for o in options:
            total *= len(o)
        if total > 20000:  # greedy: first free candidate in label order
            assign: dict[str, str | None] = {}
            for name, cands in zip(names, options):
                assign[name] = next((c for c in cands if c is None or c not in assign.values()), None)
            return [assign]
        out = []
        for combo in itertools.product(*options):
            used = [c for c in combo if c is not None]
            if len(used) == len(set(used)):
                out.append(dict(zip(names, combo)))
        # judging every combination is wasteful: keep the ones that match the most steps
        most = max(sum(c is not None for c in a.values()) for a in out)
        return [a for a in out if sum(c is not None for c in a.values()) == most]

    def _judge(self, assign: dict[str, str | None]) -> Verdict:
        view, item = self.view, self.item
        assert view is not None
        v = Verdict()
        if item.get("trigger"):
            for key, predicted, right in judge_trigger(item["trigger"], view):
                v.add("trigger", right, predicted, what=key)
        steps = item.get("steps") or {}
        actions = view.actions()
        matched = sum(b is not None for b in assign.values())
        # older sets list integrations only: agents are not predictions there
        counted = [b for b in actions if view.type(b) not in CORE] if item.get("legacy") else actions
        v.tally["steps"] = [matched, len(counted), len(steps)]
        v.misses += [
            f"steps: {n} ({s.get('block')} {s.get('op') or ''}) not found"
            for n, s in steps.items()
            if assign[n] is None
        ]
        for name, spec in steps.items():
            bid = assign[name]
            checks = [("has", h, lambda b, h=h: has_ok(view, b, h)) for h in spec.get("has", [])]
            checks += [
                ("lacks", what, lambda b, t=test: not t(b))
                for what, test in lacks_tests(view, spec.get("lacks"))
            ]
            if "recipient" in spec:
                checks.append(
                    ("recipient", spec["recipient"], lambda b, w=spec["recipient"]: recipient_ok(view, b, w))
                )
            for kind, what, check in checks:
                v.add("params", bid is not None and check(bid), bid is not None, what=f"{name} {kind} {what}")
        for text in item.get("params_any", []):  # older sets: the value anywhere in the state
            v.add("params", any(text.lower() in t for t in view.texts.values()), what=text)
        for chain in item.get("order", []):
            for a, b in zip(chain, chain[1:]):
                ba, bb = assign.get(a), assign.get(b)
                found = ba is not None and bb is not None
                v.add("order", found and view.before(ba, bb), found, what=f"{a} before {b}")
        self._loops(v, assign)
        self._branches(v, assign)
        for src, target in item.get("refs", []):
            bid = assign.get(src)
            v.add(
                "refs",
                bid is not None and self._ref_ok(bid, target, assign),
                bid is not None,
                what=f"{src} → {target}",
            )
        for rule in item.get("forbid", []):
            kinds = allowed_types(rule["block"]) if "block" in rule else None
            bad = [
                b
                for b in actions
                if (kinds is None or is_step(view, b, kinds))
                and op_ok(view, b, rule.get("op"))
                and all(has_ok(view, b, h) for h in rule.get("has", []))
            ]
            v.add("forbid", not bad, what=f"forbidden {rule} present")
        if item.get("legacy"):  # older sets label type sets: anything unlabelled is wrong
            types = {view.type(b) for b in view.blocks if b not in view.plumbing}
            extra = types - CORE - set(steps)
            if extra:
                v.misses.append(f"steps: unlabelled integrations {sorted(extra)}")
            if ("condition" in types) != bool(item["conditions"]) or ("router" in types) != bool(
                item["routers"]
            ):
                v.misses.append("branches: unlabelled condition/router")
            if ("loop" in types) != bool(item["loops"]):
                v.misses.append("loops: unlabelled loop")
        else:
            used = {b for b in assign.values() if b is not None}
            extra = [b for b in actions if b not in used and view.op_class(b) == "write"]
            if extra:
                v.misses.append(
                    f"steps: unrequested writes {[view.type(b) + ':' + str(view.op(b)) for b in extra]}"
                )
        return v

    def _ref_ok(self, bid: str, target: str, assign: dict[str, str | None]) -> bool:
        view = self.view
        assert view is not None
        # (the event is one item: a loop over it walks its fields, so a step in such a loop does not read it)
        refs = self._reads(bid, loops=target != "start")
        if target == "loop.currentItem":
            return any(r.name in ("loop", "parallel") and r.path.startswith("currentItem") for r in refs)
        if target == "start":
            start = view.name.get(view.starter) if view.starter else None
            return any(r.name in ("start", start) for r in refs)
        step, _, path = target.partition(".")
        other = assign.get(step)
        if other is None:
            return False
        return any(
            r.name == view.name[other] and (r.path.startswith(path) if path else r.field not in META_OUTPUTS)
            for r in refs
        )

    def _reads(self, bid: str, loops: bool = True) -> list[Reference]:
        """What a step reads, through what only carries data on: a function block reshaping what it
        read ('[[<agent1.content>]]' built as a list for Excel) and the current item of a loop the
        step sits in (an element of the list the loop iterates). An AI step in between is not read
        through: the labels were written against the direct reading (see the README)."""
        view = self.view
        assert view is not None
        by_name = {n: b for b, n in view.name.items()}
        out: list[Reference] = []
        seen: set[str] = set()
        todo = [bid]
        while todo:
            cur = todo.pop()
            if cur in seen:
                continue
            seen.add(cur)
            refs = view.refs(cur)
            out += refs
            for r in refs:
                if r.name in ("loop", "parallel") and r.path.startswith("currentItem"):
                    todo += [c for c in view.ancestors(cur) if loops and view.type(c) == r.name]
                    continue
                b = by_name.get(normalize_name(r.name))
                if b is not None and view.type(b) == "function":
                    todo.append(b)
        return out

    def _loops(self, v: Verdict, assign: dict[str, str | None]) -> None:
        view = self.view
        assert view is not None
        containers = [b for b in view.blocks if view.type(b) in ("loop", "parallel")]
        v.tally["loops"][1] += len(containers)
        used: set[str] = set()
        for label in self.item.get("loops", []):
            best = False
            for c in containers:
                if c in used:
                    continue
                inside = [assign.get(s) for s in label.get("inside", [])]
                ok = all(b is not None and c in view.ancestors(b) for b in inside)
                if ok and "over" in label:
                    refs = view.refs(c, None)
                    if label["over"] == "start":  # the list the run is given (a webhook's, an API call's)
                        start = view.name.get(view.starter) if view.starter else None
                        ok = any(r.name in ("start", start) for r in refs)
                    else:
                        src = assign.get(label["over"])
                        ok = src is not None and any(
                            r.name == view.name[src]
                            or any(view.name[x] == r.name and view.before(src, x) for x in view.blocks)
                            for r in refs
                        )
                    kids = [b for b in view.blocks if c in view.ancestors(b)]
                    ok = ok and any(
                        r.name in ("loop", "parallel") and r.path.startswith("currentItem")
                        for b in kids
                        for r in view.refs(b)
                    )
                if ok:
                    used.add(c)
                    best = True
                    break
            v.tally["loops"][0] += int(best)
            v.tally["loops"][2] += 1
            if not best:
                v.misses.append(f"loops: {label}")

    def _branches(self, v: Verdict, assign: dict[str, str | None]) -> None:
        view = self.view
        assert view is not None
        conds = [b for b in view.blocks if view.type(b) == "condition" and b not in view.plumbing]
        routers = [b for b in view.blocks if view.type(b) == "router"]
        v.tally["branches"][1] += len(conds) + len(routers)
        used: set[str] = set()
        for label in self.item.get("conditions", []):
            ok = any(self._condition_ok(c, label, assign) for c in conds if c not in used)
            if ok:
                used.add(next(c for c in conds if c not in used and self._condition_ok(c, label, assign)))
            v.tally["branches"][0] += int(ok)
            v.tally["branches"][2] += 1
            if not ok:
                v.misses.append(f"branches: condition {label}")
        for label in self.item.get("routers", []):
            pool = routers + conds if label.get("routes") else routers  # older sets: a router block
            pick = next((r for r in pool if r not in used and self._routes_ok(r, label, assign)), None)
            if pick is not None:
                used.add(pick)
            v.tally["branches"][0] += int(pick is not None)
            v.tally["branches"][2] += 1
            if pick is None:
                v.misses.append(f"branches: router {label}")

    def _condition_ok(self, cid: str, label: dict[str, Any], assign: dict[str, str | None]) -> bool:
        view = self.view
        assert view is not None
        if not all(has_ok(view, cid, h) for h in label.get("has", [])):
            return False
        if "on" in label:
            refs = view.refs(cid, "conditions")
            if label["on"] == "start":
                start = view.name.get(view.starter) if view.starter else None
                tested = any(r.name in ("start", start) for r in refs)
            else:
                src = assign.get(label["on"])
                inside_loop = any(view.type(a) in ("loop", "parallel") for a in view.ancestors(cid))
                tested = src is not None and any(
                    r.name == view.name[src]
                    or (inside_loop and r.name in ("loop", "parallel"))
                    or any(
                        view.name[x] == r.name and view.before(src, x) and view.before(x, cid)
                        for x in view.blocks
                    )
                    for r in refs
                )
            if not tested:
                return False
        sets = view.branch_sets(cid)
        if_set = frozenset().union(*(s for k, s in sets if k == "if"))
        else_set = frozenset().union(*(s for k, s in sets if k == "else"))
        for side, mine, other in (("if", if_set, else_set), ("else", else_set, if_set)):
            for step in label.get(side, []):
                b = assign.get(step)
                if b is None or b not in mine or b in other:
                    return False
        return True

    def _routes_ok(self, rid: str, label: dict[str, Any], assign: dict[str, str | None]) -> bool:
        view = self.view
        assert view is not None
        sets = [s for _, s in view.branch_sets(rid)]
        groups = [[assign.get(s) for s in g] for g in label.get("routes", [])]
        if any(b is None for g in groups for b in g) or len(sets) < len(groups):
            return False
        everyone = {b for g in groups for b in g}
        for perm in itertools.permutations(range(len(sets)), len(groups)):
            if all(
                all(b in sets[i] for b in g) and not (everyone - set(g)) & sets[i]
                for g, i in zip(groups, perm)
            ):
                return True
        return False


def from_legacy(item: dict[str, Any]) -> dict[str, Any]:
    """An older set's label (trigger, schedule, integrations, branching, loop, params) in this schema."""
    if "steps" in item or "expect" in item:
        return item
    raw = dict(item.get("schedule") or {})
    return {
        **({"id": item["id"]} if "id" in item else {}),
        "description": item["description"],
        "expect": "workflow",
        "legacy": True,
        "trigger": {"kind": item["trigger"], "raw": raw},
        "steps": {t: {"block": t} for t in item.get("integrations", [])},
        "conditions": [{}] if "condition" in item.get("branching", []) else [],
        "routers": [{"routes": []}] if "router" in item.get("branching", []) else [],
        "loops": [{}] if item.get("loop") else [],
        "params_any": item.get("params", []),
    }
