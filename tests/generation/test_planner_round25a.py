"""Planner round 25a on our own descriptions (`planner_round25a.jsonl`, in no bench set, each written before its
fix): the minutes of a team meeting, whose lines are not all steps. Only what the meeting decided ('Decision: …',
'Agreed: …', 'Agreed (changed): …', 'Resolution: …', 'Outcome: …', a 'Decisions' section) is the workflow; the
rest is told or is nobody's step: who attended ('Attendees:', 'Present:', 'att:', 'ppl:'), the discussion
('Kofi: drivers keep missing pickup changes', 'right now I copy every new order into Notion by hand'), ideas parked,
deferred or rejected ('parked: texting every driver through Twilio', 'deferred: … (revisit in Q3)', 'also message
them on Telegram? -> no', 'we said no', 'first idea: … / Ivo objected' before a decision that replaces it,
'Tanya wanted it posted to #support-all'), open questions, FYIs, and action items that are people's tasks ('AI: Jen
by Friday', 'Lee to email the vendor', an 'Action items' section), and the next meeting. Minutes in several
voices: bulleted notes, numbered agenda items, section headings, an e-mail recap, a terse chat-style note; controls:
a plain request, a request that says the team agreed in prose, and a form with a ban. 4 of 16 were right before
the fix, 16 after. Two lines added after that fix, both wrong before it (probing other voices of minutes):
markdown sections ('## Decisions' above '- **Decision:** …', '## Action items' above '- [ ] @sam …'), right after
it; and 'Decided → every Friday …' beside 'ACTION: Ben — ask Zendesk …' and 'Idea from Ola: … — not now', still wrong
after it (the arrow after the label, the singular 'ACTION') and right after the second fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

# what the planner still gets wrong, each with the reason (strict: a fix makes the test fail until removed)
_KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("item", cases("planner_round25a.jsonl", _KNOWN))
def test_round25a_description_comes_out_right(item):
    assert_right(item, seed="r25a")
