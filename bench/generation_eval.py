"""Generation quality on a labelled set (bench/generation_eval.jsonl): validity, and precision/recall
of trigger, schedule, integrations, branching, loops and parameters.

    python bench/generation_eval.py            # the offline planner
    python bench/generation_eval.py --claude   # also Claude through a local stand-in (the real SDK)
    python bench/generation_eval.py --data bench/generation_heldout.jsonl   # another labelled set

Scoring, per description, as sets of predicted vs labelled items (micro-averaged):
trigger {kind}; schedule {(key, value)} over the labelled keys and the webhook provider;
integrations {block types other than starter/agent/condition/router/loop}; branching
{condition|router}; loops {loop}; parameters: labelled strings found in any subBlock value
(recall) and, for precision, the stated-parameter fields the planner filled (channel, to, url,
owner, repo, chat/table/project ids, query …) that match a labelled string.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).with_name("generation_eval.jsonl")
CORE = {"starter", "agent", "condition", "router", "loop", "parallel", "function", "response"}
PARAM_FIELDS = {
    "channel",
    "manualChannel",
    "to",
    "url",
    "owner",
    "repo",
    "chatId",
    "manualChannelId",
    "tableId",
    "baseId",
    "manualProjectId",
    "manualTeamId",
    "subreddit",
    "manualSpreadsheetId",
    "phoneNumber",
    "phoneNumbers",
    "query",
}


def _values(state: dict) -> list[str]:
    out = []
    for b in state["blocks"].values():
        for sb in b["subBlocks"].values():
            v = sb.get("value")
            out.append(v if isinstance(v, str) else json.dumps(v))
        out.append(str(b.get("data", {}).get("collection", "")))
    return out


def predicted(state: dict) -> dict[str, set]:
    blocks = list(state["blocks"].values())
    starter = next((b for b in blocks if b["type"] == "starter"), None)
    start = {k: v.get("value") for k, v in (starter or {}).get("subBlocks", {}).items()}
    types = {b["type"] for b in blocks}
    fields = {
        str(sb.get("value"))
        for b in blocks
        for k, sb in b["subBlocks"].items()
        if k in PARAM_FIELDS
        and isinstance(sb.get("value"), str)
        and sb["value"]
        and not sb["value"].startswith(("{{", "<"))
    }
    return {
        "trigger": {start.get("startWorkflow")},
        "start": start,
        "integrations": types - CORE,
        "branching": types & {"condition", "router"},
        "loops": types & {"loop"},
        "fields": fields,
        "text": "\n".join(_values(state)),
    }


def score(items: list[dict], states: list[dict]) -> dict[str, tuple[int, int, int]]:
    """{dimension: (true positives, predicted, labelled)}."""
    tally = {
        k: [0, 0, 0] for k in ("trigger", "schedule", "integrations", "branching", "loops", "parameters")
    }

    def add(dim: str, pred: set, gold: set) -> None:
        tally[dim][0] += len(pred & gold)
        tally[dim][1] += len(pred)
        tally[dim][2] += len(gold)

    for item, state in zip(items, states):
        p = predicted(state)
        add("trigger", p["trigger"], {item["trigger"]})
        keys = set(item["schedule"])
        add(
            "schedule",
            {(k, str(p["start"].get(k))) for k in keys if p["start"].get(k) not in (None, "")},
            {(k, str(v)) for k, v in item["schedule"].items()},
        )
        add("integrations", p["integrations"], set(item["integrations"]))
        add("branching", p["branching"], set(item["branching"]))
        add("loops", p["loops"], {"loop"} if item["loop"] else set())
        gold = set(item["params"])
        found = {g for g in gold if g in p["text"]}
        tally["parameters"][0] += len(found)
        tally["parameters"][2] += len(gold)
        right = {f for f in p["fields"] if any(g in f or f in g for g in gold)}
        tally["parameters"][1] += len(p["fields"])
        tally["parameters"].append((len(right), len(p["fields"])))  # type: ignore[arg-type]
    return {k: tuple(v[:3]) + (tuple(v[3:]),) for k, v in tally.items()}  # type: ignore[misc]


def report(label: str, items: list[dict], states: list[dict], valid: int, elapsed: float) -> None:
    print(
        f"\n{label}: {len(items)} descriptions, validity {valid}/{len(items)} = {valid / len(items):.1%}, "
        f"{elapsed * 1000 / len(items):.1f} ms each"
    )
    print(f"  {'dimension':<13} {'precision':>9} {'recall':>7}")
    for dim, (tp, pred, gold, extra) in score(items, states).items():
        if dim == "parameters":
            right = sum(r for r, _ in extra)
            filled = sum(n for _, n in extra)
            precision = right / filled if filled else 1.0
        else:
            precision = tp / pred if pred else 1.0
        recall = tp / gold if gold else 1.0
        print(f"  {dim:<13} {precision:>9.1%} {recall:>7.1%}")


def run_planner(items: list[dict]) -> tuple[list[dict], int, float]:
    from lib.generation import planner
    from lib.generation.compose import compose
    from lib.validation import validate

    t0 = time.perf_counter()
    states, valid = [], 0
    for i, item in enumerate(items):
        state = compose(planner.plan(item["description"]), seed=f"bench-{i}").state
        valid += validate(state, era="jul25").valid
        states.append(state)
    return states, valid, time.perf_counter() - t0


def run_claude(items: list[dict]) -> tuple[list[dict], int, float]:
    from lib.generation import claude
    from lib.generation.standin import StandIn

    server = StandIn().start()
    os.environ.update(ANTHROPIC_API_KEY="stand-in", ANTHROPIC_BASE_URL=server.url)
    from lib.config import settings

    settings.cache_clear()
    t0 = time.perf_counter()
    states, valid, cached = [], 0, 0
    try:
        for i, item in enumerate(items):
            calls = []
            outcome = claude.generate(item["description"], seed=f"bench-{i}", record=calls.append)
            cached += sum(c.cache_read_tokens for c in calls)
            valid += outcome.state is not None
            states.append(outcome.state or {"blocks": {}, "edges": []})
    finally:
        server.stop()
    print(f"(stand-in: prompt-cache read tokens across the run: {cached})")
    return states, valid, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claude", action="store_true", help="also run the Claude path through the stand-in")
    parser.add_argument("--data", type=Path, default=DATA, help="labelled JSONL set (default: %(default)s)")
    args = parser.parse_args()
    print(f"data: {args.data}")
    items = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    states, valid, elapsed = run_planner(items)
    report("planner", items, states, valid, elapsed)
    if args.claude:
        states, valid, elapsed = run_claude(items)
        report("claude (stand-in)", items, states, valid, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
