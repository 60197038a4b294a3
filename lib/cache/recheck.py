"""The check a cached state gets before it is served, at the cost of what can have changed.

An entry is stored only when the validators pass it, and its key holds the validators' version
beside the block registry's and the catalogue's (`versions.context`): an entry that today's
rules would reject can only be reached through a key that no longer matches. What serving
changes is the ids (`regenerate_ids`), so the check is that the fresh ids are wired everywhere
Sim looks them up, and the report stored with the entry is served with its ids rewritten (the
tests hold it equal to running the validators again). An entry without a stored report (older
rows), or any wiring surprise, gets the full validators.
"""

from __future__ import annotations

import re
from typing import Any

_CONDITION = "condition-"


def stored(report: Any) -> dict[str, Any]:
    """A report as kept with an entry: each path as its segments, since a JSON pointer through a
    block id reads like a random token to the secret scanner that guards cache rows."""
    data = report.model_dump(mode="json")
    for finding in data["findings"]:
        finding["path"] = finding["path"].split("/")
    return data


def recheck(state: dict[str, Any], ids: dict[str, str], kept: dict[str, Any] | None) -> Any:
    """The validators' report for `state`: a stored entry's state with fresh ids (`ids`: old → new)
    and the report `stored` kept with it (None for entries stored before reports were kept)."""
    from lib.validation import Report, validate

    if kept is None or not wired(state):
        return validate(state, era="jul25")
    findings = [{**f, "path": "/".join(f["path"])} for f in kept.get("findings", [])]
    return renamed(Report.model_validate({**kept, "findings": findings}), ids)


def wired(state: dict[str, Any]) -> bool:
    """Every id reference in the state names one of its blocks: edge ends and condition handles,
    parents, loop and parallel members."""
    blocks = state.get("blocks")
    if not isinstance(blocks, dict):
        return False
    known = set(blocks)
    for block_id, block in blocks.items():
        if not isinstance(block, dict) or block.get("id") != block_id:
            return False
        data = found if isinstance(found := block.get("data"), dict) else {}
        for parent in (block.get("parentId"), data.get("parentId")):
            if parent is not None and parent not in known:
                return False
    for edge in state.get("edges") or []:
        if not isinstance(edge, dict) or edge.get("source") not in known or edge.get("target") not in known:
            return False
        handle = edge.get("sourceHandle")
        if isinstance(handle, str) and handle.startswith(_CONDITION):
            if not handle[len(_CONDITION) :].startswith(edge["source"]):
                return False
    for kind in ("loops", "parallels"):
        for key, config in (state.get(kind) or {}).items():
            nodes = config.get("nodes") if isinstance(config, dict) else None
            if key not in known or not set(nodes or []) <= known:
                return False
    return True


def renamed(report: Any, ids: dict[str, str]) -> Any:
    """`report` with every old block id in its paths and messages replaced by the new one (also
    inside condition branch ids, `<block id>-if`, as `regenerate_ids` does)."""
    if not report.findings or not ids:
        return report
    pattern = re.compile("|".join(re.escape(old) for old in sorted(ids, key=len, reverse=True)))

    def swap(text: str) -> str:
        return pattern.sub(lambda m: ids[m.group(0)], text)

    findings = [
        f.model_copy(update={"path": swap(f.path), "message": swap(f.message)}) for f in report.findings
    ]
    return report.model_copy(update={"findings": findings})
