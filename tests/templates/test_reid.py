"""regenerate_ids rewrites every place Sim keeps a block id, and nothing else."""

from __future__ import annotations

import itertools
import json

from lib.templates.reid import regenerate_ids


def _state() -> dict:
    conditions = json.dumps(
        [
            {
                "id": "cond-if",
                "title": "if",
                "value": "<agent1.content> === 'x'",
                "activeSourceBlockId": "agent",
            },
            {"id": "cond-else", "title": "else", "value": ""},
            {"id": "custom-branch", "title": "else if", "value": "true"},
        ]
    )
    block = lambda bid, btype, **data: {
        "id": bid,
        "type": btype,
        "name": bid,
        "position": {"x": 0, "y": 0},
        "subBlocks": {},
        "enabled": True,
        "data": data,
    }
    state = {
        "blocks": {
            "agent": block("agent", "agent"),
            "cond": block("cond", "condition"),
            "lp": block("lp", "loop", id="lp", nodes=["child"], loopType="for", count=2),
            "child": block("child", "function", parentId="lp", extent="parent"),
        },
        "edges": [
            {
                "id": "e1",
                "source": "agent",
                "target": "cond",
                "sourceHandle": "source",
                "targetHandle": "target",
            },
            {
                "id": "e2",
                "source": "cond",
                "target": "lp",
                "sourceHandle": "condition-cond-if",
                "targetHandle": None,
            },
            {
                "id": "e3",
                "source": "cond",
                "target": "agent",
                "sourceHandle": "condition-custom-branch",
                "targetHandle": "target",
            },
            {
                "id": "e4",
                "source": "lp",
                "target": "child",
                "sourceHandle": "loop-start-source",
                "targetHandle": "target",
                "data": {"parentId": "lp", "isInsideContainer": True},
            },
        ],
        "loops": {"lp": {"id": "lp", "nodes": ["child"], "iterations": 2, "loopType": "for"}},
        "parallels": {},
    }
    state["blocks"]["cond"]["subBlocks"]["conditions"] = {
        "id": "conditions",
        "type": "condition-input",
        "value": conditions,
    }
    return state


def test_block_and_edge_ids_are_rewritten_consistently():
    counter = itertools.count(1)
    original = _state()
    state, ids = regenerate_ids(original, make_id=lambda: f"n{next(counter)}")
    assert original == _state()  # input untouched
    assert set(state["blocks"]) == set(ids.values())
    new = ids.__getitem__
    assert state["blocks"][new("child")]["data"]["parentId"] == new("lp")
    assert state["blocks"][new("lp")]["data"]["id"] == new("lp")
    assert state["blocks"][new("lp")]["data"]["nodes"] == [new("child")]
    assert state["loops"] == {
        new("lp"): {"id": new("lp"), "nodes": [new("child")], "iterations": 2, "loopType": "for"}
    }
    assert len({e["id"] for e in state["edges"]}) == 4 and not {e["id"] for e in state["edges"]} & {
        "e1",
        "e2",
        "e3",
        "e4",
    }

    entries = json.loads(state["blocks"][new("cond")]["subBlocks"]["conditions"]["value"])
    assert [e["id"] for e in entries] == [f"{new('cond')}-if", f"{new('cond')}-else", "custom-branch"]
    assert entries[0]["activeSourceBlockId"] == new("agent")
    e2, e3, e4 = state["edges"][1:]
    assert (e2["source"], e2["target"], e2["sourceHandle"]) == (
        new("cond"),
        new("lp"),
        f"condition-{new('cond')}-if",
    )
    assert e3["sourceHandle"] == "condition-custom-branch"  # branch ids not derived from the block id stay
    assert e4["data"]["parentId"] == new("lp")


def test_malformed_parts_are_left_alone():
    state = {
        "blocks": {"a": {"id": "a", "type": "condition", "subBlocks": {"conditions": {"value": "not json"}}}},
        "edges": ["junk", {"id": "e", "source": "a", "target": "gone"}],
        "loops": [],
        "parallels": None,
    }
    out, ids = regenerate_ids(state)
    assert out["edges"][0] == "junk" and out["edges"][1]["target"] == "gone"
    assert out["blocks"][ids["a"]]["subBlocks"]["conditions"]["value"] == "not json"


def test_in_place_rewrites_the_given_state_the_same_way():
    copied, _ = regenerate_ids(_state(), make_id=(lambda c=itertools.count(1): f"n{next(c)}"))
    given = _state()
    rewritten, _ = regenerate_ids(given, make_id=(lambda c=itertools.count(1): f"n{next(c)}"), in_place=True)
    assert rewritten is given and rewritten == copied
