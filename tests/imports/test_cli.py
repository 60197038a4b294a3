"""`python -m lib import`: files from disk, report printed, exit code by outcome."""

import json
import uuid

import rowfixtures as F

from lib.imports.cli import main
from lib.store import workflows


def test_imports_files_and_prints_the_report(tmp_path, tenant, capsys):
    wid = str(uuid.uuid4())
    (tmp_path / "workflow_blocks.csv").write_bytes(F.to_csv(F.triage_blocks(wid), F.BLOCK_COLUMNS, bom=True))
    (tmp_path / "workflow.csv").write_bytes(F.to_csv([F.workflow_row(wid)], F.WORKFLOW_COLUMNS))
    code = main(
        [str(tmp_path / "workflow_blocks.csv"), str(tmp_path / "workflow.csv"), "--tenant", tenant, "--json"]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["rejected"] == []
    assert workflows.get(tenant, report["imported"][0]["id"]).name == "Support triage"


def test_rejections_set_the_exit_code(tmp_path, tenant, capsys):
    (tmp_path / "bad.json").write_text('{"blocks": ')
    assert main([str(tmp_path / "bad.json"), "--tenant", tenant]) == 1
    err = capsys.readouterr().err
    assert "rejected bad.json:1" in err
    assert main([str(tmp_path / "missing.csv"), "--tenant", tenant]) == 2
