"""The vocabulary every rule shares: Finding, Report and Rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

if TYPE_CHECKING:
    from lib.validation.context import Context

Severity = Literal["error", "warning"]
Era = Literal["jul25", "current"]


class Finding(BaseModel):
    """One problem: which rule, a stable code, how bad, where (JSON pointer into the state), what to do."""

    validator: str
    code: str
    severity: Severity
    path: str
    message: str


class Report(BaseModel):
    """The outcome of `validate`: valid means no error-severity finding (warnings allowed)."""

    valid: bool
    era: Era
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}


@dataclass(frozen=True)
class Rule:
    """A rule is data (name, description, the codes it may emit) plus a pure check function.

    `check(ctx)` yields Findings and must not raise on any JSON; `validate` still guards it.
    """

    name: str
    description: str
    codes: dict[str, str]
    check: Callable[[Context], Iterable[Finding]]
    # code → default severity, for `finding()`, docs and the API listing.
    severities: dict[str, Severity] = field(default_factory=dict)

    @classmethod
    def define(
        cls,
        name: str,
        description: str,
        codes: dict[str, tuple[Severity, str]],
        check: Callable[[Context], Iterable[Finding]],
    ) -> Rule:
        """Build a Rule from `{code: (severity, meaning)}`."""
        return cls(
            name=name,
            description=description,
            codes={code: meaning for code, (_sev, meaning) in codes.items()},
            check=check,
            severities={code: sev for code, (sev, _meaning) in codes.items()},
        )

    def finding(self, code: str, path: str, message: str, severity: Severity | None = None) -> Finding:
        """A Finding of this rule; the severity defaults to the one declared for the code."""
        if code not in self.codes:
            raise KeyError(f"rule {self.name} does not declare code {code}")
        return Finding(
            validator=self.name,
            code=code,
            severity=severity or self.severities.get(code, "error"),
            path=path,
            message=message,
        )

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "codes": {
                c: {"meaning": m, "severity": self.severities.get(c, "error")} for c, m in self.codes.items()
            },
        }
