"""Planner round r55a: descriptions in other shapes and as questions. A buildable workflow asked as a question to a
person or a forum ('Oi Marcos, consegue montar isso …?', 'Has anyone built something like this? …', 'Si può
automatizzare?'), written as meeting or call notes, a markdown spec with headings, or a user story with acceptance
criteria, in English and other languages, is built; notes that settle no process, a pure question about Sim and a
chore are still refused, and a chat assistant that answers from the Sim knowledge base and remembers visitors with
Mem0 gets both blocks. Probe lines (`planner_round55a.jsonl`) were written before the fix."""

from __future__ import annotations

import pytest

from tests.generation.judged import assert_right, cases

_KNOWN: dict[str, str] = {
    "r55a-17-en-story-chat-kb-mem0": "a user story followed by acceptance criteria makes no steps of its own (the "
    "criteria spell them out); here the criteria leave out the story's 'answers customer questions', so no agent "
    "answers (the knowledge search and Mem0 are built)",
}


@pytest.mark.parametrize("item", cases("planner_round55a.jsonl", _KNOWN))
def test_round55a_description_comes_out_right(item):
    assert_right(item, seed="r55a")
