"""Rule/Finding/Report: the shared vocabulary."""

import pytest

from lib.validation.base import Finding, Report, Rule


def _rule():
    return Rule.define(
        "demo", "A demo rule.", {"bad": ("error", "Bad."), "meh": ("warning", "Meh.")}, lambda ctx: []
    )


def test_rule_findings_take_the_declared_severity():
    rule = _rule()
    assert rule.finding("bad", "/x", "Bad x.").severity == "error"
    assert rule.finding("meh", "/x", "Meh.").severity == "warning"
    assert rule.finding("meh", "/x", "Meh.", severity="error").severity == "error"
    with pytest.raises(KeyError):
        rule.finding("undeclared", "", "")


def test_describe_lists_codes_with_severity():
    assert _rule().describe()["codes"]["meh"] == {"meaning": "Meh.", "severity": "warning"}


def test_report_helpers():
    bad = Finding(validator="demo", code="bad", severity="error", path="", message="m")
    meh = Finding(validator="demo", code="meh", severity="warning", path="", message="m")
    report = Report(valid=False, era="jul25", findings=[bad, meh])
    assert report.errors == [bad] and report.warnings == [meh]
    assert report.codes() == {"bad", "meh"}
    assert report.model_dump()["findings"][0]["code"] == "bad"
