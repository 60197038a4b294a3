"""Planner round 27a on our own descriptions (`planner_round27a.jsonl`, in no bench set, each written before its
fix): a pasted e-mail or a forwarded thread. Its header lines ('From:', 'Sent:', 'Subject:', 'Von:', 'Envoyé :'),
separators ('-----Original Message-----', '---------- Forwarded message ---------', 'On … wrote:'), quote marks and
signatures (names, titles, phone lines) ask for nothing: a sender's address is no recipient, a 'Sent:' time is no
schedule, a phone number no SMS. A top-posted thread reads newest first, so a reply that changes the ask ('text
them instead of email', 'make it 10am instead', 'don't post it to Discord') comes before what it changes; read
oldest first, it follows it. A thread with no ask (a question, a one-off) is still no workflow. Controls: a
plain request and a letter with a greeting and a sign-off. 5 of 12 were right before the fix as first labelled;
three webhook providers were then labelled as JUL25 lists them (Stripe has one; Typeform and Jira have none, so
the generic webhook), which makes it 6 of 12 before the fix and 10 after; 11 once the judge counted a run once a
day as the label's 'every: 1d' (it did not: a judging fault)."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r27a-sent-time-not-schedule": "'list the pull requests merged last week in the <repo> repo' makes no GitHub read",
}


@pytest.mark.parametrize("item", cases("planner_round27a.jsonl", _KNOWN))
def test_round27a_description_comes_out_right(item):
    assert_right(item, seed="r27a")
