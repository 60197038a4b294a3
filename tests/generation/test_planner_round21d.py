"""Planner round 21d on our own descriptions (`planner_round21d.jsonl`, in no bench set, each written before its
fix): data flow and missing steps in the think-aloud voice. Steps added as afterthoughts ('Oh and also save a copy to
the Reports folder in Google Drive', 'P.S. summarise them first', '…, plus a Linear issue for the ops team'), a
summary 'for #channel' that is a post, a source named only after the step that reads it ('The signups are in our
Supabase table'), numbered steps written '1) … 2) …', a review or summary an AI writes before it is posted as a
comment or a note, a 'schedule a call on Google Calendar', a send moved to another provider late, and a chat's search
that reads what was typed. Paraphrases of some lines check the mechanisms' reach. 10 of the first 20 were right before
(one label corrected after: the Typeform survey's provider, which a JUL25 list of providers does not judge, left out).
Four lines ('-after') were written after the fixes, as checks of their reach: 'drop a copy on Google Drive too', a
heading before '1) …' with a ban sentence after it, 'in that folder' with the client's e-mail given to the run, and
'In case Sim cannot transcribe, let me know'."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round21d.jsonl", _KNOWN))
def test_round21d_description_comes_out_right(item):
    assert_right(item, seed="r21d")
