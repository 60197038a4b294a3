"""A chat's direct message to a person of the data, sent to the user id the chat finds by their e-mail address.

"DM whoever is assigned on Slack", "message each task owner on Slack", "send their hiring manager a Slack DM": Sim's
Slack block sends a direct message when its channel is a user id (U…), and the planner points it at the person's id
field (lexicon.json `user_id_field`, `slack_user_id`). The data about a person (an Asana or Jira task, an Airtable
record, a sheet's row, a webhook's body) holds their e-mail address, not that field, and July 2025 Sim stops the run
on a reference to a field the data lacks ("No value found at path … slack_user_id", found by running generated
states in Sim's executor); JUL25's Slack block has no operation finding a user. Where the chat's Web API finds a user
by e-mail (services.json block `user_lookup`: Slack's users.lookupByEmail), a function finds the person's address in
the same data (its `email` field, else the first field named for one, else the first value shaped like one:
`item_addresses`), an API block looks the user up, and the message goes to the id it answers, in the loop when the
send is. A text that says the id is in the data ('their Slack ID is in the sheet') keeps the field it names.
"""

from __future__ import annotations

import json

from lib.generation import rx as re
from lib.generation import services
from lib.generation.item_addresses import _code
from lib.generation.plan import PlanBlock, PlanValue, WorkflowPlan
from lib.generation.shaping import block_before, free_name, function_before
from lib.sim.names import normalize_name


def look_up_chat_users(plan: WorkflowPlan, said: str, people: dict[str, tuple[str, str]]) -> list[str]:
    """Put, before each chat step sending to a user id guessed in the data (`people`: that reference → the data and
    the field where it holds the person's e-mail address), a function finding the address there and a request
    finding the user's id by it; point the step at that id. Changes `plan` in place; returns a note per look-up."""
    notes: list[str] = []
    blocks = services.data()["blocks"]
    for block in list(plan.blocks):
        entry = (blocks.get(block.type) or {}).get("user_lookup")
        if not entry or re.search(entry["said"], said, re.I):
            continue
        field = next((v for v in block.values if v.id == entry["field"]), None)
        held = people.get(str(field.value or "").strip()) if field else None
        if field is None or held is None:
            continue
        record, email = held
        # the person's address in the same data: its `email` field, else any field named or shaped like one
        local, finder = function_before(
            plan,
            block,
            f"Email for {block.name}",
            _code(record, email, "email", True).replace(
                f"const item = <{record}>;", f"const item = {payload_read(f'<{record}>')};"
            ),
        )
        taken = {normalize_name(b.name) for b in plan.blocks} | {b.id for b in plan.blocks}
        name = free_name(f"{entry['name']} for {block.name}", taken)
        headers = [{"id": "h-authorization", "cells": {"Key": "Authorization", "Value": entry["auth"]}}]
        lookup = PlanBlock(
            id=normalize_name(name),
            type="api",
            name=name,
            values=[
                PlanValue(id="url", value=entry["url"].replace("{email}", f"<{local}.result>")),
                PlanValue(id="method", value="GET"),
                PlanValue(id="headers", value=json.dumps(headers)),
            ],
        )
        block_before(plan, block, lookup)
        field.value = f"<{lookup.id}.{entry['id']}>"
        notes.append(
            f"'{finder}' finds the person's e-mail address in <{record}> and '{name}' finds their user id by it "
            f"({entry['url'].split('?')[0]}); {block.name} sends to that id (<{lookup.id}.{entry['id']}>): the bot "
            f"token needs the {entry['scope']} scope"
        )
    return notes


def payload_read(ref: str) -> str:
    """The code reading the reference `ref` ('<start.webhook.data.payload.data.object>'): a field of the event's payload
    is read from the payload (JUL25 puts a starter value in the code unquoted, so only the whole payload arrives as
    JSON: `(<start.webhook.data.payload>)?.["data"]?.["object"]`); any other reference is read as it is."""
    root = "<start.webhook.data.payload"
    if not ref.startswith(root + "."):
        return ref
    return f"({root}>)" + "".join(f"?.[{json.dumps(key)}]" for key in ref[len(root) + 1 : -1].split("."))
