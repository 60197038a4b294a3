"""The runtime checks: findings that predict how July 2025 Sim fails (or misbehaves) when it runs
a state, as opposed to how it stores one. Other rooms (generation, templates) assert that what
they produce has none of them: `runtime_findings(report)`.
"""

from __future__ import annotations

from lib.validation.base import Finding, Report

# (rule, code) of every runtime check, and what Sim does that it predicts.
RUNTIME_CODES: dict[tuple[str, str], str] = {
    ("edges", "else_unconnected"): "condition handler: 'No path found … else connection missing'",
    ("block_types", "condition_syntax"): "condition handler: 'Evaluation error in condition'",
    (
        "block_types",
        "condition_unquoted_value",
    ): "condition handler: 'Evaluation error in condition' (a text unquoted)",
    ("block_types", "function_syntax"): "function route: the code does not compile",
    ("block_types", "function_unquoted_value"): "function route: the code does not compile (a text unquoted)",
    (
        "block_types",
        "function_template_text",
    ): "function route: the code does not compile (a text unquoted in a template literal)",
    ("block_types", "value_not_passed"): "the tool reads X, never its manualX twin",
    ("block_types", "needs_input"): "the tool's required parameter is empty",
    ("block_types", "fails_when_empty"): "X's search: 'No results found or invalid response from X API'",
    (
        "block_types",
        "placeholder_value",
    ): "the call goes to YOUR_SHOP's URL; resolver: 'No value found at path …PHONE_FIELD_ID'",
    ("references", "unknown_tag"): "resolver: 'Block \"b\" was not found'",
    ("references", "output_not_produced"): "resolver: 'No value found at path \"start.input\"'",
    (
        "references",
        "loop_item_field_missing",
    ): "resolver: 'No value found at path \"loop.currentItem.email\" in loop item'",
    ("references", "reference_not_connected"): "resolver: 'Block … is not connected to this block'",
    ("containers", "collection_not_list"): "loop handler: 'collection is empty or invalid'",
    ("containers", "nested_loop"): "loop manager: the inner loop's blocks run once in all, not per item",
    ("containers", "nested_loop_condition"): "condition handler: 'No output found for source block'",
    ("secrets", "secret_to_foreign_host"): "the request carries a credential to another service",
}


def is_runtime(finding: Finding) -> bool:
    return (finding.validator, finding.code) in RUNTIME_CODES


def runtime_findings(report: Report) -> list[Finding]:
    """The findings of `report` that come from the runtime checks (errors and warnings)."""
    return [f for f in report.findings if is_runtime(f)]
