"""Planner round 19b on our own descriptions (`planner_round19b.jsonl`, in no bench set, each written before its
fix): what is asked and what is ruled out. A question to the builder that asks for something to run ('Is it
possible to have something that …?', 'Is there a way to …?', 'Would it be possible for the bot to …?', 'could it,
every weekday at 6, …?') is a request when it says what starts the run; a question for an answer ('Is it possible
to explain …?', 'Could you tell me which is cheaper …?') is still refused. A short noun phrase naming the bot and
its job ('a bot that reposts …', 'a bot that texts every new Calendly invitee a reminder link', 'Can you make me a
bot that texts …'): the name before the colon is the doer, the verb after it opens the clause, a second object
after the new item's noun is what is sent to whoever arrived, a verb that posts again is 'post'. A negated verb in
the bot's voice ('It shouldn't …', 'It won't …', 'must never …', 'It must not to …', 'She never edits …') rules out
that action only (the read of the same sheet stays; 'won't contact anyone whose …' is a test, no ban). Text pasted
into the chat starts a chat run. Three paraphrases of one line (a 'would it be possible' question, a lower-case
'could it' question, a plain sentence) check the reach of the question reader."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {
    "r19b-arrow-no-slack": "the ban on Slack is kept, but 'new Jira bug ->' is read as a generic webhook, not Jira's "
    "(a trigger class)",
}


@pytest.mark.parametrize("item", cases("planner_round19b.jsonl", _KNOWN))
def test_round19b_description_comes_out_right(item):
    assert_right(item, seed="r19b")
