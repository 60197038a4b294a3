"""An e-mail address is where a message goes, not a service to call ("forward it to tickets@acme.zendesk.com" sends
no Zendesk API request); a forwarded e-mail keeps its own subject (`planner_forwarded_mail.jsonl`, written before
the fix: 2 of 4 right before, 4 after)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_forwarded_mail.jsonl", _KNOWN))
def test_an_address_is_no_service(item):
    assert_right(item, seed="fwd")
