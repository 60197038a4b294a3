"""The blocks the planner adds so that a workflow runs in July 2025 Sim, not steps a user asked for.

A test before a loop and its clean end (`empty_lists`), the function giving a service's values the shape it takes
('Format Google Sheets 1', `shaping`), a sheet's rows by its header ('Rows of …', `sheet_rows`), the finder of an item's
address and the test passing over an item without one (`item_addresses`), the row a change is written to and the read it is
found in ('Row for …', 'Rows for …', `row_writes`), the lines a message's data becomes
(`readable_data`), the 'No action' end of a test's other side, a loop's mark of what it acted on ('Done in Loop 1',
`loop_results`), the items a read returned kept to the words said of them when the read cannot search for them
('Matching items of Outlook 1', `planner.kept_matching`). Their names say so. The evaluation (bench/structure_judge.py) matches no labelled step or test to
them, and tests about the steps look past them. A computation the user asked for ('the number of notes sent', 'the
rows where …') is a step, not plumbing.
"""

from __future__ import annotations

from lib.generation import empty_lists, item_addresses, readable_data, row_writes
from lib.generation import rx as re

# (names that modules give their own blocks, each before the name of the block it serves or a number)
_NAMES = re.compile(
    r"^(?:No action(?: \d+)?$|Format |Rows of |Done in |Matching items of |Dated items of |(?:Any |No )?[Ii]tem key for |(?:Any |No )[Rr]ow for )"
)


def added_by_planner(name: str) -> bool:
    """Whether a block of that name is one the planner adds for Sim's sake (not a step or test the user asked for)."""
    return (
        bool(_NAMES.match(name))
        or empty_lists.added_here(name)
        or item_addresses.added_here(name)
        or readable_data.added_here(name)
        or item_addresses.finder_named(name)
        or row_writes.added_here(name)
    )
