"""A record an event names only by its id, fetched before the step that reads a field of it.

A Stripe subscription event holds its customer's id (`data.object.customer`), not the customer's e-mail address
or phone number. Reading `…object.receipt_email` there stops the run in July 2025 Sim ("No value found at path");
the address is a field of the customer record, which Stripe's API returns by that id. Where an event's object
keeps a value in such a record (services.json webhook `fields`, '@customer.email'), the planner points the step
at `<stripecustomer.data.email>`; this pass puts the request that fetches the record (services.json webhook
`lookups`) just before the first step that reads it. An Airtable change is the same: it names its table and record,
and its changed cells are keyed by field id, so a person's address is read from the record that Airtable's Get Record
returns (`<airtablerecord.record.fields.Email>`, found there under any column name by `item_addresses`).
"""

from __future__ import annotations

import json

from lib.generation import services
from lib.generation.plan import PlanBlock, PlanEdge, PlanValue, WorkflowPlan
from lib.generation.shaping import block_before
from lib.sim.names import REFERENCE_RE, normalize_name


def fetch_event_records(plan: WorkflowPlan) -> list[str]:
    """Put a GET of each record the plan's steps read but the event only names, before the first step reading it.
    Changes `plan` in place; returns a note per request."""
    start = plan.block("start")
    provider = plan.value("start", "webhookProvider") if start is not None else None
    if plan.value("start", "startWorkflow") != "webhook" or not provider:
        return []
    hook = services.webhook_paths(provider)
    notes: list[str] = []
    for record, entry in (hook.get("lookups") or {}).items():
        local = normalize_name(entry["name"])
        if plan.block(local) is not None:
            continue
        readers = [
            b
            for b in plan.blocks
            if any(
                normalize_name(r.group("block")) == local
                for v in b.values
                for r in REFERENCE_RE.finditer(v.value)
            )
        ]
        if not readers:
            continue
        if "block" in entry:  # the service's own block reads the record (Airtable's Get Record)
            event_id = entry["values"].get("recordId") or next(iter(entry["values"].values()))
            values = [PlanValue(id=key, value=value) for key, value in entry["values"].items()]
        else:
            event_id = f"<{hook['data']}.{entry['id']}>"
            headers = [{"id": "h-authorization", "cells": {"Key": "Authorization", "Value": entry["auth"]}}]
            values = [
                PlanValue(id="url", value=entry["url"].replace("{id}", event_id)),
                PlanValue(id="method", value="GET"),
                PlanValue(id="headers", value=json.dumps(headers)),
            ]
        fetch = PlanBlock(id=local, type=entry.get("block", "api"), name=entry["name"], values=values)
        # a step inside a loop: the record is fetched once, before the loop
        tops = [_outermost(plan, b) for b in readers]
        first = tops[0]
        if all(t is first or t.id in _downstream(plan, first.id) for t in tops):
            block_before(plan, first, fetch)
        else:  # readers on different branches: fetched once, as the run starts
            plan.blocks.insert(plan.blocks.index(start) + 1 if start in plan.blocks else 0, fetch)
            for edge in plan.edges:
                if edge.source == "start":
                    edge.source = fetch.id
            plan.edges.append(PlanEdge(source="start", target=fetch.id, handle="source"))
        notes.append(
            f"the event holds the {record}'s id ({event_id}), not the {record} itself: '{entry['name']}' fetches the "
            f"{record} by that id before '{readers[0].name}' reads it"
        )
    return notes


def _outermost(plan: WorkflowPlan, block: PlanBlock) -> PlanBlock:
    while block.parent is not None and (outer := plan.block(block.parent)) is not None:
        block = outer
    return block


def _downstream(plan: WorkflowPlan, source: str) -> set[str]:
    """The blocks a run reaches after `source` (along edges; a loop's inner blocks with it)."""
    seen: set[str] = set()
    todo = [source]
    while todo:
        here = todo.pop()
        for edge in plan.edges:
            if edge.source == here and edge.target not in seen:
                seen.add(edge.target)
                todo.append(edge.target)
    return seen
