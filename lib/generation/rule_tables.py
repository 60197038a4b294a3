"""A spec's rules written as a markdown table, one test and its step a row, read as the sentences they stand for.

'## Rules\\n| reading | action |\\n|---|---|\\n| above 12% | SMS the kiln manager … |\\n| otherwise | post the reading in
Slack #kiln-log |': a two-column table whose left cells test what the header's left cell names and whose right cells
say what to do is 'If the reading is above 12%, SMS the kiln manager …; otherwise, post the reading in Slack
#kiln-log.' A left cell that says 'otherwise' (lexicon.json `rule_tables`) is the other side of the tests above it;
a header whose left cell only says it holds a test ('condition', 'if') names no subject ('If above 12%, …').
Any other table is left as it is.
"""

from __future__ import annotations

from lib.generation import rx as re
from lib.generation.lexicon import lexicon

# a table: a header row, its separator row, then its rows (each a line that opens and closes with a '|')
_TABLE = re.compile(
    r"^[ \t]*\|(?P<head>[^\n]*)\|[ \t]*\n[ \t]*\|[ \t:|-]*-[ \t:|-]*\|?[ \t]*\n(?P<rows>(?:[ \t]*\|[^\n]*\|[ \t]*(?:\n|$))+)",
    re.M,
)


def _cells(line: str) -> list[str]:
    return [c.strip().strip("*`").strip() for c in line.strip().strip("|").split("|")]


def rules_read(text: str) -> str:
    """`text` with each two-column table of tests and steps written as one sentence of them."""
    words = lexicon()["rule_tables"]
    otherwise = re.compile(r"(?:" + "|".join(words["otherwise"]) + r")\W*$", re.I)
    tested = re.compile(r"(?:" + "|".join(words["test_heads"]) + r")\W*$", re.I)

    def written(found: re.Match[str]) -> str:
        head = _cells(found.group("head"))
        rows = [_cells(line) for line in found.group("rows").splitlines() if line.strip()]
        if len(head) != 2 or len(rows) < 2 or any(len(r) != 2 or not all(r) for r in rows):
            return found.group(0)
        ends = [bool(otherwise.match(left)) for left, _ in rows]
        # (a rules table: at most its last row is 'otherwise', and some row before it tests something)
        if any(ends[:-1]) or all(ends):
            return found.group(0)
        subject = "" if tested.match(head[0]) or not head[0] else f"the {head[0].lower()} is "
        parts = [
            f"otherwise, {right}" if end else f"if {subject}{left}, {right}"
            for (left, right), end in zip(rows, ends, strict=True)
        ]
        sentence = "; ".join(parts)
        return sentence[0].upper() + sentence[1:].rstrip(".") + ".\n"

    return _TABLE.sub(written, text)
