"""Planner round 31k on our own descriptions (`planner_round31k.jsonl`, in no bench set, each written before its
fix): a summary, digest, recap, overview or report of a service's data sent "by email", "via email", "by e-mail" or
"by mail", to an address or to me; two controls where e-mails are the data (one read and posted to Slack, one read
and mailed on). Found after 31a left "send me a summary of each task due today by email at …" built as a Gmail read.
4 of 8 were right before the fix, 7 after."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r31k-08-read-and-send-mail": "a summary of the inbox's e-mails sent by e-mail: the clause makes one Gmail step, "
    "the send; the read of the inbox is lost",
}


@pytest.mark.parametrize("item", cases("planner_round31k.jsonl", _KNOWN))
def test_round31k_description_comes_out_right(item):
    assert_right(item, seed="r31k")
