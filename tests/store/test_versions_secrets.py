"""History and secrets: a version kept from a row stored before secrets were moved out never
leaves in clear, and the sweep cleans history rows too."""

import json
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "secrets"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from keys import KEYS
from test_secrets import _state, scratch  # noqa: F401  (… with an explicit secrets key)

from lib.store import db, secrets, versions, workflows
from lib.workflows import service


def test_a_legacy_clear_key_copied_into_history_is_scrubbed_on_the_way_out_and_by_the_sweep(scratch):  # noqa: F811
    tenant, wid = "t-legacy-history", str(uuid.uuid4())
    key = KEYS["github_token"]
    with db.transaction() as c:  # a row as an older version stored it, clear key and all
        c.execute(
            "insert into workflow (id, tenant_id, name, state) values (%s, %s, %s, %s)",
            (wid, tenant, "legacy", json.dumps(_state(key))),
        )
    workflows.replace(tenant, wid, state=_state("{{OTHER_KEY}}"), expected_version=1)
    assert key in json.dumps(versions.get(tenant, wid, 1).state)  # the history kept what the row held
    assert key not in service.version(tenant, wid, 1).model_dump_json()
    assert key not in service.history(tenant, wid).model_dump_json()

    assert secrets.sweep() == 1
    kept = versions.get(tenant, wid, 1)
    assert kept.state["blocks"]["a"]["subBlocks"]["apiKey"]["value"] == "{{GITHUB_TOKEN}}"
    with db.transaction() as c:
        dump = c.execute("select t::text as t from workflow_versions t").fetchall()
    assert all(key not in r["t"] for r in dump)
    assert secrets.sweep() == 0
