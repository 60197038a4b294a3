"""The functions giving a message's data as text (`readable_data`) seen away, for tests about the steps a user asked
for and their order (which blocks are the planner's own: `lib.generation.plumbing.added_by_planner`)."""

from __future__ import annotations

import copy
import re
from typing import Any

from lib.generation import readable_data
from lib.sim.names import normalize_name

_READS = re.compile(r'const data = (?:\(<(?P<head>[^<>]+)>\)\?\.\["(?P<key>[^"]+)"\]|<(?P<ref>[^<>]+)>);')


def without_text(state: dict[str, Any]) -> dict[str, Any]:
    """`state` without the functions that give a message's data as text: the edges into each joined to the message
    after it, and the message reading the data itself again."""
    state = copy.deepcopy(state)
    blocks, edges = state["blocks"], state["edges"]
    for bid, block in list(blocks.items()):
        if not readable_data.added_here(block.get("name", "")):
            continue
        read = _READS.search(block["subBlocks"]["code"]["value"])
        assert read, "the function reads one reference"
        ref = f"<{read['head']}.{read['key']}>" if read["head"] else f"<{read['ref']}>"
        given = f"<{normalize_name(block['name'])}.result>"
        for other in blocks.values():
            for sub in other["subBlocks"].values():
                if isinstance(sub.get("value"), str):
                    sub["value"] = sub["value"].replace(f":\n{given}", f": {ref}").replace(given, ref)
        (out,) = [e for e in edges if e["source"] == bid]
        for edge in edges:
            if edge["target"] == bid:
                edge["target"] = out["target"]
        edges[:] = [e for e in edges if e["source"] != bid]
        del blocks[bid]
    return state
