"""Structure features: what a workflow is, independent of what it is called."""

from __future__ import annotations

import copy

from lib.search import structure
from lib.templates import catalogue


def _renamed(state: dict) -> dict:
    """The same structure with every name and text changed."""
    out = copy.deepcopy(state)
    for i, block in enumerate(out["blocks"].values()):
        block["name"] = f"Step {i}"
        for sub in block["subBlocks"].values():
            if sub.get("type") in ("long-input", "short-input") and isinstance(sub.get("value"), str):
                sub["value"] = "something else entirely"
    return out


def test_features_read_trigger_types_operations_branches_and_loops():
    f = structure.features(catalogue.get("nightly-record-enrichment").state)
    assert f["trigger:starter-schedule"] == 1
    assert f["type:agent"] == 1 and f["type:supabase"] == 1
    assert f["op:supabase.insert"] == 1 and f["op:slack.send"] == 1
    assert f["loop:loop-forEach"] == 1 and f["loop:in-loop:agent"] == 1
    g = structure.features(catalogue.get("support-ticket-triage").state)
    assert g["branch:condition"] == 1 and g["arity:condition-2way"] == 1 and g["trigger:starter-webhook"] == 1


def test_names_and_text_do_not_change_the_structure():
    state = catalogue.get("order-fraud-screening").state
    a, b = structure.features(state), structure.features(_renamed(state))
    assert a == b
    assert structure.similarity(a, b) == 1.0
    assert structure.reasons(a, b)[-1] == "identical structure"


def test_similarity_orders_by_shared_structure():
    base = structure.features(catalogue.get("daily-inbox-digest").state)
    loopy = structure.features(catalogue.get("nightly-record-enrichment").state)
    branchy = structure.features(catalogue.get("kb-qa-assistant").state)
    assert 0 < structure.similarity(base, branchy) < structure.similarity(base, loopy) < 1
    why = structure.reasons(base, loopy)
    assert any(r.startswith("same trigger") for r in why)
    assert any(r.startswith("same loop/parallel shape") for r in why)
    assert any(r.startswith("lacks:") for r in why) and any(r.startswith("also has:") for r in why)


def test_the_fingerprint_is_unit_length_and_close_for_equal_structures():
    state = catalogue.get("weekly-social-posts").state
    a = structure.shape(structure.features(state))
    b = structure.shape(structure.features(_renamed(state)))
    c = structure.shape(structure.features(catalogue.get("parallel-deep-research").state))
    assert abs(float(a @ a) - 1) < 1e-5
    assert float(a @ b) > 0.999 > float(a @ c)
    assert structure.features({}) == {} and abs(float(structure.shape({}) @ structure.shape({})) - 1) < 1e-6
