"""ids: keys agree with ids, ids are unique, and names are unique once normalized (refs use them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lib.sim.names import RESERVED_NAMES, pointer
from lib.validation.base import Finding, Rule
from lib.validation.context import Context


def _check(ctx: Context) -> Iterator[Finding]:
    if (
        not ctx.odd_block_ids
        and len(ctx.by_name) == len(ctx.names)  # every name normalizes to one of its own, not ''
        and RESERVED_NAMES.isdisjoint(ctx.by_name)
        and ctx.edges_typed  # every edge is an object with a string id
        and len({edge.id for edge in ctx.edges}) == len(ctx.edges)
    ):
        # Only subBlocks can be reported: the context's walk flagged their keys.
        for key, sub_keys in ctx.facts.odd_ids.items():
            yield from _sub_key_mismatches(ctx, key, sub_keys)
        return
    seen_ids: dict[str, str] = {}
    for key, block in ctx.blocks.items():
        block_id = block.get("id")
        if isinstance(block_id, str):
            if block_id != key:
                yield RULE.finding(
                    "block_key_mismatch",
                    pointer("blocks", key, "id"),
                    f"Block stored under key '{key}' has id '{block_id}'; Sim looks blocks up by key, "
                    f"so set its id to '{key}' (or move it under key '{block_id}').",
                )
            if block_id in seen_ids:
                yield RULE.finding(
                    "duplicate_block_id",
                    pointer("blocks", key, "id"),
                    f"Blocks '{seen_ids[block_id]}' and '{key}' both have id '{block_id}'; give each block "
                    "a unique id equal to its key.",
                )
            else:
                seen_ids[block_id] = key
        # The subBlocks whose string id differs from their key.
        yield from _sub_key_mismatches(ctx, key, ctx.facts.odd_ids.get(key, ()))

    seen_edges: dict[str, int] = {}
    raw_edges = ctx.state.get("edges")
    for index, edge in enumerate(raw_edges if isinstance(raw_edges, list) else []):
        edge_id = edge.get("id") if isinstance(edge, dict) else None
        if not isinstance(edge_id, str):
            continue
        if edge_id in seen_edges:
            yield RULE.finding(
                "duplicate_edge_id",
                pointer("edges", index, "id"),
                f"Edges {seen_edges[edge_id]} and {index} share id '{edge_id}'; give every edge its own "
                "id (a fresh UUID).",
            )
        else:
            seen_edges[edge_id] = index

    for key, block in ctx.blocks.items():
        name = block.get("name")
        if not isinstance(name, str):
            continue  # structure reports the type
        normalized = ctx.names.get(key, "")
        if not normalized:
            yield RULE.finding(
                "empty_block_name",
                pointer("blocks", key, "name"),
                f"Block {key} has an empty name; give it a name so other blocks can reference it "
                "as <name.field>.",
            )
        elif normalized in RESERVED_NAMES:
            yield RULE.finding(
                "reserved_block_name",
                pointer("blocks", key, "name"),
                f"{ctx.label(key)} is named '{name}', which normalizes to the reserved reference prefix "
                f"'{normalized}'; rename it (e.g. '{name} 1') so <{normalized}.*> stays a runtime reference.",
            )
    for normalized, owners in ctx.by_name.items():
        if len(owners) < 2:
            continue
        first = owners[0]
        for other in owners[1:]:
            yield RULE.finding(
                "duplicate_block_name",
                pointer("blocks", other, "name"),
                f"{ctx.label(other)} and {ctx.label(first)} both normalize to '{normalized}', so "
                f"<{normalized}.field> is ambiguous; rename one of them.",
            )


def _sub_key_mismatches(ctx: Context, key: str, sub_keys: Iterable[str]) -> Iterator[Finding]:
    for sub_key in sub_keys:
        sub_id = ctx.sub_blocks(key)[sub_key].get("id")
        yield RULE.finding(
            "subblock_key_mismatch",
            pointer("blocks", key, "subBlocks", sub_key, "id"),
            f"SubBlock '{sub_key}' of {ctx.label(key)} has id '{sub_id}'; set its id to "
            f"'{sub_key}' so Sim reads the value under the right field.",
        )


RULE = Rule.define(
    "ids",
    "Block keys equal block ids, subBlock keys equal subBlock ids, edge ids are unique, and block "
    "names are unique after normalization.",
    {
        "block_key_mismatch": ("error", "A block's id differs from its key in 'blocks'."),
        "duplicate_block_id": ("error", "Two blocks carry the same id."),
        "subblock_key_mismatch": ("error", "A subBlock's id differs from its key in 'subBlocks'."),
        "duplicate_edge_id": ("error", "Two edges carry the same id."),
        "duplicate_block_name": (
            "error",
            "Two block names are equal after normalization (lowercase, no whitespace or dots).",
        ),
        "empty_block_name": ("warning", "A block name is empty, so it cannot be referenced."),
        "reserved_block_name": ("warning", "A block name normalizes to loop, parallel or variable."),
    },
    _check,
)
