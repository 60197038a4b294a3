"""Two times of day and several addresses (`planner_times_recipients.jsonl`, own lines written before the fix, in no
bench set). "Every day at 9 and at 4", "at 10 and 3 each weekday", "twice a day, at eight and again at six" run at
both times; one e-mail goes to every address the text lists ("to anna@… and raj@…", "to ops@…, kai@… and dee@…",
"to both Maya (maya@…) and Leo (leo@…)"), not one e-mail per address, nor the first address only. Voices: one line,
chat shorthand, an e-mail, a voice memo, Spanish; controls: an e-mail and a post, a bare "at 4", the customer and a
channel."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_times_recipients.jsonl", _KNOWN))
def test_times_and_recipients_come_out_right(item):
    assert_right(item, seed="times-recipients")
