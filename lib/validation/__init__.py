"""Validation of Sim workflow states: nine rules, each metadata plus a pure function → findings.

`validate(state)` never raises: any JSON goes in, a Report comes out. A state is judged by the
rules of the Sim it comes from (sim-format §9.14): 'jul25' (starter era, our export target) or
'current' (today's Sim: trigger blocks, notes), detected from its block types unless given.
"""

from __future__ import annotations

from typing import Any

from lib.sim.state import unwrap
from lib.validation.base import Era, Finding, Report, Rule, Severity
from lib.validation.context import Context, detect_era
from lib.validation.rules import ALL as RULES
from lib.validation.runtime import RUNTIME_CODES, is_runtime, runtime_findings

__all__ = [
    "RULES",
    "RUNTIME_CODES",
    "Era",
    "Finding",
    "Report",
    "Rule",
    "Severity",
    "detect_era",
    "is_runtime",
    "runtime_findings",
    "validate",
]


def _as_state(state: Any) -> Any:
    """A dict state from a model, an envelope or a bare state (anything else is passed through)."""
    if type(state) is dict and "blocks" in state:
        return state  # a bare state (a plain dict has no to_json)
    to_json = getattr(state, "to_json", None)
    if callable(to_json):
        return to_json()
    if isinstance(state, dict) and "blocks" not in state:
        try:
            return unwrap(state)[0]
        except Exception:
            return state
    return state


def _known_era(era: str | None) -> Era | None:
    """The era asked for when it is one we check, else None (then it is detected)."""
    return "jul25" if era == "jul25" else "current" if era == "current" else None


def validate(state: Any, *, era: str | None = None) -> Report:
    """Run every rule over `state` (dict, envelope or WorkflowState). Never raises.

    Paths in the findings are JSON pointers into the (unwrapped) state.
    """
    try:
        state = _as_state(state)
        ctx = Context(state, _known_era(era))  # the era, when not given, detected in its walk
        chosen: Era = "current" if ctx.era == "current" else "jul25"
    except Exception as exc:  # defensive: Context only filters, but a registry bug could surface here
        failed = Finding(
            validator="structure",
            code="validator_failed",
            severity="error",
            path="",
            message=f"The state could not be read ({type(exc).__name__}: {exc}); send a JSON object "
            "with 'blocks' and 'edges'.",
        )
        return Report(valid=False, era=_known_era(era) or "jul25", findings=[failed])
    findings: list[Finding] = []
    for rule in RULES:
        try:
            findings.extend(rule.check(ctx))
        except Exception as exc:  # a rule bug must not hide the other rules' findings
            findings.append(
                Finding(
                    validator=rule.name,
                    code="validator_failed",
                    severity="warning",
                    path="",
                    message=f"The {rule.name} check failed on this state ({type(exc).__name__}: {exc}); "
                    "its findings are missing. Please report this state.",
                )
            )
    valid = not any(f.severity == "error" for f in findings)
    return Report(valid=valid, era=chosen, findings=findings)
