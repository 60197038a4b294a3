"""Export keeps every `{{ENV}}` reference a template holds, inside larger strings too, and lists them."""

import json

import pytest

from lib.secrets import referenced_env, scrub
from lib.sim.export import export_workflow
from lib.templates import catalogue, customize


@pytest.mark.parametrize("name", [t.name for t in catalogue.all_templates()])
def test_template_exports_keep_their_references(name):
    template = catalogue.get(name)
    state = customize.instantiate(template, {})
    assert scrub(state)[1] == []  # templates hold references only
    wanted = referenced_env(state)
    for fmt in ("json", "yaml"):
        out = export_workflow(state, name=name, format=fmt)
        text = out.content.decode()
        assert referenced_env(text) == wanted, fmt
        assert out.required_env == wanted
    envelope = export_workflow(state, name=name).body
    assert envelope["required_env"] == wanted


def test_bearer_and_basic_references_survive_export():
    state = {
        "blocks": {
            "api": {
                "id": "api",
                "type": "api",
                "name": "API",
                "position": {"x": 0, "y": 0},
                "subBlocks": {
                    "headers": {
                        "id": "headers",
                        "type": "table",
                        "value": [
                            {
                                "id": "1",
                                "cells": {"Key": "Authorization", "Value": "Bearer {{CLEARBIT_API_KEY}}"},
                            },
                            {
                                "id": "2",
                                "cells": {"Key": "Proxy-Authorization", "Value": "Basic {{PROXY_AUTH}}"},
                            },
                        ],
                    }
                },
                "outputs": {},
                "enabled": True,
            }
        },
        "edges": [],
        "loops": {},
        "parallels": {},
    }
    out = export_workflow(state, name="x")
    rows = out.body["state"]["blocks"]["api"]["subBlocks"]["headers"]["value"]
    assert [r["cells"]["Value"] for r in rows] == ["Bearer {{CLEARBIT_API_KEY}}", "Basic {{PROXY_AUTH}}"]
    assert out.redacted == [] and out.required_env == ["CLEARBIT_API_KEY", "PROXY_AUTH"]
    assert "null" not in json.dumps(rows)
