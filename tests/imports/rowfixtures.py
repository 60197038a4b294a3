"""Realistic JUL25 Supabase CSV exports, written here (modelled on sim-format §1.1, §1.5, §9).

Workflow "Support triage": a legacy starter (the hard-coded JUL25 starter with its leftover
schedule/webhook fields), an agent reading <start.input>, an api posting <agent1.content>
with an Authorization header, and a loop whose child is linked only by the parent_id column.
No edge rows, no subflow rows: what real exports often look like.
"""

from __future__ import annotations

import csv
import io
import json

WF_ID = "7d0c9a52-1f3e-4c1b-9a8e-3f1d2b6c0a11"
WF2_ID = "b51e7f0a-2c44-4c09-8d3b-6a9e1f2d3c22"
START, AGENT, API, LOOP, FUNC = (
    "blk-start-0001",
    "blk-agent-0002",
    "blk-api-0003",
    "blk-loop-0004",
    "blk-fn-0005",
)

BLOCK_COLUMNS = [
    "id",
    "workflow_id",
    "type",
    "name",
    "position_x",
    "position_y",
    "enabled",
    "horizontal_handles",
    "is_wide",
    "advanced_mode",
    "height",
    "sub_blocks",
    "outputs",
    "data",
    "parent_id",
    "extent",
    "created_at",
    "updated_at",
]
WORKFLOW_COLUMNS = [
    "id",
    "user_id",
    "workspace_id",
    "folder_id",
    "name",
    "description",
    "state",
    "color",
    "last_synced",
    "created_at",
    "updated_at",
    "is_deployed",
    "deployed_state",
    "deployed_at",
    "collaborators",
    "run_count",
    "last_run_at",
    "variables",
    "is_published",
    "marketplace_data",
]
EDGE_COLUMNS = [
    "id",
    "workflow_id",
    "source_block_id",
    "target_block_id",
    "source_handle",
    "target_handle",
    "created_at",
]


def _sb(sid: str, ui: str, value):
    return {"id": sid, "type": ui, "value": value}


def starter_sub_blocks() -> dict:
    legacy = {
        "webhookPath": "",
        "webhookSecret": "",
        "scheduleType": "daily",
        "minutesInterval": "",
        "minutesStartingAt": "",
        "hourlyMinute": "",
        "dailyTime": "",
        "weeklyDay": "MON",
        "weeklyDayTime": "",
        "monthlyDay": "",
        "monthlyTime": "",
        "cronExpression": None,
        "timezone": "UTC",
    }
    out = {"startWorkflow": _sb("startWorkflow", "dropdown", "manual")}
    for sid, value in legacy.items():
        out[sid] = _sb(
            sid, "dropdown" if sid in ("scheduleType", "weeklyDay", "timezone") else "short-input", value
        )
    out["inputFormat"] = _sb(
        "inputFormat", "unknown", [{"id": "f1", "name": "ticket", "type": "string", "collapsed": False}]
    )
    return out


def agent_sub_blocks(prompt: str = "<start.input>") -> dict:
    return {
        "systemPrompt": _sb("systemPrompt", "long-input", "Classify the ticket, then answer in one line."),
        "userPrompt": _sb("userPrompt", "long-input", prompt),
        "memories": _sb("memories", "short-input", None),
        "model": _sb("model", "combobox", "gpt-4o"),
        "temperature": _sb("temperature", "slider", 0.2),
        "apiKey": _sb("apiKey", "short-input", "{{OPENAI_API_KEY}}"),
        "azureEndpoint": _sb("azureEndpoint", "short-input", None),
        "azureApiVersion": _sb("azureApiVersion", "short-input", None),
        "tools": _sb("tools", "tool-input", []),
        "responseFormat": _sb("responseFormat", "code", None),
    }


def api_sub_blocks() -> dict:
    return {
        "url": _sb("url", "short-input", "https://helpdesk.example.com/api/tickets"),
        "method": _sb("method", "dropdown", "POST"),
        "params": _sb("params", "table", []),
        "headers": _sb(
            "headers",
            "table",
            [
                {"id": "h1", "cells": {"Key": "Content-Type", "Value": "application/json"}},
                {"id": "h2", "cells": {"Key": "Authorization", "Value": "Bearer sk-live-51HxQ2plaintext"}},
            ],
        ),
        "body": _sb("body", "code", '{\n  "reply": "<agent1.content>",\n  "tags": ["auto", "triage"]\n}'),
    }


def block_row(
    bid, wid, btype, name, x, y, sub_blocks, outputs, data=None, parent=None, height=0, enabled=True
):
    return {
        "id": bid,
        "workflow_id": wid,
        "type": btype,
        "name": name,
        "position_x": x,
        "position_y": y,
        "enabled": enabled,
        "horizontal_handles": True,
        "is_wide": False,
        "advanced_mode": False,
        "height": height,
        "sub_blocks": sub_blocks,
        "outputs": outputs,
        "data": data or {},
        "parent_id": parent,
        "extent": "parent" if parent else None,
        "created_at": "2025-07-20 09:14:03.512+00",
        "updated_at": "2025-07-22 17:40:11.004+00",
    }


def triage_blocks(wid: str = WF_ID) -> list[dict]:
    return [
        block_row(
            START,
            wid,
            "starter",
            "Start",
            100,
            100,
            starter_sub_blocks(),
            {"response": {"type": {"input": "any"}}},
            height=95,
        ),
        block_row(
            AGENT,
            wid,
            "agent",
            "Agent 1",
            500,
            100,
            agent_sub_blocks(),
            {"model": "string", "tokens": "any", "content": "string", "toolCalls": "any"},
        ),
        block_row(
            API,
            wid,
            "api",
            "API 1",
            900,
            100,
            api_sub_blocks(),
            {"data": "any", "status": "number", "headers": "json"},
        ),
        block_row(
            LOOP,
            wid,
            "loop",
            "Loop 1",
            500,
            400,
            {},
            {},
            {"width": 600, "height": 300, "type": "loopNode", "count": 3, "loopType": "for"},
        ),
        # Dragged into the loop later: the parent is only in the parent_id/extent columns (§9.6).
        block_row(
            FUNC,
            wid,
            "function",
            "Function 1",
            120,
            90,
            # (the text between the backticks: JUL25 pastes a text into a template literal bare, so in `${…}` it would not compile)
            {"code": _sb("code", "code", "return `<agent1.content> #${<loop.index>}`")},
            {"result": "any", "stdout": "string"},
            data={},
            parent=LOOP,
        ),
    ]


def workflow_row(wid: str = WF_ID, name: str = "Support triage") -> dict:
    return {
        "id": wid,
        "user_id": "usr_01",
        "workspace_id": "ws_01",
        "folder_id": None,
        "name": name,
        "description": "Triage inbound tickets",
        "state": {"blocks": {}, "edges": []},
        "color": "#3972F6",
        "last_synced": "2025-07-22 17:40:11.004+00",
        "created_at": "2025-07-20 09:14:03.512+00",
        "updated_at": "2025-07-22 17:40:11.004+00",
        "is_deployed": False,
        "deployed_state": None,
        "deployed_at": None,
        "collaborators": [],
        "run_count": 4,
        "last_run_at": None,
        "variables": {},
        "is_published": False,
        "marketplace_data": None,
    }


def tiny_blocks(wid: str = WF2_ID) -> list[dict]:
    return [
        block_row(
            f"{wid}-s",
            wid,
            "starter",
            "Start",
            100,
            100,
            starter_sub_blocks(),
            {"response": {"type": {"input": "any"}}},
            height=95,
        ),
        block_row(
            f"{wid}-a",
            wid,
            "agent",
            "Agent 1",
            500,
            100,
            agent_sub_blocks(),
            {"model": "string", "tokens": "any", "content": "string", "toolCalls": "any"},
        ),
    ]


def _cell(value, bools: str, pretty: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return {"tf": ("t", "f"), "words": ("true", "false")}[bools][0 if value else 1]
    if isinstance(value, (dict, list)):
        # `json` (not jsonb) columns keep the formatting they were written with: newlines included.
        return json.dumps(value, indent=2 if pretty else None)
    return str(value)


def to_csv(
    rows: list[dict],
    columns: list[str],
    *,
    bom: bool = False,
    crlf: bool = True,
    bools: str = "words",
    pretty: bool = False,
) -> bytes:
    """Rows as Supabase writes them: header, JSON as text, NULL as empty, every field quoted when needed."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c), bools, pretty) for c in columns])
    return (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode()


def write_large_csv(
    path,
    *,
    target_bytes: int | None = None,
    rows_wanted: int | None = None,
    blocks_per_workflow: int = 20,
    interleave: int = 50,
    prompt_bytes: int = 0,
) -> int:
    """A workflow_blocks CSV of about `target_bytes`, written as it goes; returns the row count.

    Each workflow is a starter followed by a chain of agents (each reading the previous one), and
    rows of `interleave` workflows are mixed together, so the importer must group them itself.
    Stops at `target_bytes` or `rows_wanted`; `prompt_bytes` pads each agent's system prompt.
    """
    written, rows, batch = 0, 0, 0
    padding = ("Answer politely, cite the ticket id, never promise refunds. " * (prompt_bytes // 60 + 1))[
        :prompt_bytes
    ]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(BLOCK_COLUMNS)
        while (target_bytes is None or written < target_bytes) and (
            rows_wanted is None or rows < rows_wanted
        ):
            wids = [f"bulk-{batch:05d}-{i:03d}" for i in range(interleave)]
            batch += 1
            for n in range(blocks_per_workflow):
                for wid in wids:
                    if n == 0:
                        row = block_row(
                            f"{wid}-b0",
                            wid,
                            "starter",
                            "Start",
                            100,
                            100,
                            starter_sub_blocks(),
                            {"response": {"type": {"input": "any"}}},
                            height=95,
                        )
                    else:
                        prev = "<start.input>" if n == 1 else f"<agent{n - 1}.content>"
                        subs = agent_sub_blocks(prev)
                        subs["systemPrompt"]["value"] += padding
                        row = block_row(
                            f"{wid}-b{n}",
                            wid,
                            "agent",
                            f"Agent {n}",
                            100 + 400 * n,
                            100,
                            subs,
                            {"content": "string", "model": "string"},
                        )
                    cells = [_cell(row.get(c), "tf", False) for c in BLOCK_COLUMNS]
                    writer.writerow(cells)
                    written += sum(len(c) for c in cells) + len(cells) + 8
                    rows += 1
    return rows


SUBFLOW_COLUMNS = ["id", "workflow_id", "type", "config", "created_at", "updated_at"]


def triage_edges(wid: str = WF_ID) -> list[dict]:
    """The triage workflow's connections, as Sim's workflow_edges rows."""
    pairs = [
        (START, "source", AGENT),
        (AGENT, "source", API),
        (API, "source", LOOP),
        (LOOP, "loop-start-source", FUNC),
    ]
    return [
        {
            "id": f"{wid}-e{n}",
            "workflow_id": wid,
            "source_block_id": s,
            "target_block_id": t,
            "source_handle": h,
            "target_handle": "target",
            "created_at": "2025-07-20 09:14:03.512+00",
        }
        for n, (s, h, t) in enumerate(pairs)
    ]


def triage_subflows(wid: str = WF_ID) -> list[dict]:
    return [
        {
            "id": LOOP,
            "workflow_id": wid,
            "type": "loop",
            "config": {"id": LOOP, "nodes": [FUNC], "iterations": 3, "loopType": "for"},
            "created_at": "2025-07-20 09:14:03.512+00",
            "updated_at": "2025-07-22 17:40:11.004+00",
        }
    ]


def _distinct(blocks: list[dict], n: int) -> list[dict]:
    """Workflow n's own texts (prompt, URL, code), so no two workflows of an export are alike."""
    blocks[1]["sub_blocks"]["systemPrompt"]["value"] += f" Queue {n}."
    blocks[2]["sub_blocks"]["url"]["value"] += f"/{n}"
    blocks[4]["sub_blocks"]["code"]["value"] += f" // {n}"
    return blocks


EXPORT_FILES = {
    "workflow_rows.csv": (WORKFLOW_COLUMNS, lambda wid, n: [workflow_row(wid, f"Support triage {n}")]),
    "workflow_blocks_rows.csv": (BLOCK_COLUMNS, lambda wid, n: _distinct(triage_blocks(wid), n)),
    "workflow_edges_rows.csv": (EDGE_COLUMNS, lambda wid, n: triage_edges(wid)),
    "workflow_subflows_rows.csv": (SUBFLOW_COLUMNS, lambda wid, n: triage_subflows(wid)),
}


def write_export(folder, workflows: int, *, prefix: str = "wf") -> dict[str, int]:
    """A whole Supabase export of `workflows` triage workflows (5 blocks, 4 edges, 1 loop each) as
    Sim's four table files in `folder`, written as it goes; returns rows per file."""
    counts = {}
    for name, (columns, rows_of) in EXPORT_FILES.items():
        n_rows = 0
        with open(folder / name, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(columns)
            for n in range(workflows):
                for row in rows_of(f"{prefix}-{n:06d}", n):
                    writer.writerow([_cell(row.get(c), "tf", False) for c in columns])
                    n_rows += 1
        counts[name] = n_rows
    return counts
