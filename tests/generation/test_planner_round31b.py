"""Planner round 31b on our own descriptions (`planner_round31b.jsonl`, in no bench set, each written before its
fix): which way a flow goes, said as people say it. Sorting into three or four destinations on different services
('billing questions go to #finance …, bug reports become Jira issues …, everything else … to support@…'),
'depending on whether … or …', an AI step that tags and the flow splits, an approval ('if the manager says no,
email the requester'), 'otherwise do nothing' / 'else ignore it' / 'caso contrário, ignore' / 'sinon, ne fais
rien' ending cleanly, a branch inside a per-item loop, two separate tests in one flow, a test nested in another,
and tests on the webhook's payload (a Stripe amount, a GitHub label, a form field) against tests on fetched data
(an API, an Airtable lookup, GitHub pull requests). Voices: one-liners, chat with typos, a Slack DM, an e-mail, a
voice memo, a numbered routine, French, German, Spanish and Portuguese lines; controls: a Stripe payment over
$1,000 'otherwise' to a sheet, AI sorting into three Slack channels, a GitHub issue labelled 'bug'. 12 of 19 were
right before the fix, 18 after (r31b-02's 'depending on whether A or B, add them to P or Q' is left)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r31b-02-depending-on-whether": "'Depending on whether … or …' is not read as a choice between two tables",
}


@pytest.mark.parametrize("item", cases("planner_round31b.jsonl", _KNOWN))
def test_round31b_description_comes_out_right(item):
    assert_right(item, seed="r31b")
