"""An AI named as the doer of a reading verb ('an AI should check the code', 'the AI goes through each ticket')
judges what it reads: `doer_as_steps` reads it as 'have AI check …' (an AI step), not as a plain read of the
place, which dropped the AI (lexicon.json doers 'ai_reads'); the bot's and the AI's other verbs are the steps
they name."""

from __future__ import annotations

import pytest

from lib.generation.lexicon import doer_as_steps


@pytest.mark.parametrize("verb", ["check", "look at", "go through", "inspect", "read"])
def test_an_ai_that_reads_judges(verb):
    text = f"When a PR is opened, an AI should {verb} the code and leave a comment on the PR."
    assert f"have AI {verb} the code" in doer_as_steps(text)


def test_the_ais_other_verbs_and_the_bots_reads_stay_plain_steps():
    assert "have AI" not in doer_as_steps("Every morning the AI should post a summary in #ops.")
    assert "have AI" not in doer_as_steps("Every morning the bot should check the #ops channel.")
