"""Runs inside a materialized .func directory, under the Python the function was built for:
calls the function's own trampoline (`vc__handler__python.vc_handler`) once per request.

    python3.12 _call_func.py requests.json responses.json      (cwd = the .func directory)

Results go to a file because the Vercel runtime reroutes print() and logging. They also list
every module of ours (outside `_vendor/`) that was compiled from source because no valid .pyc
was shipped for it.
"""

import importlib._bootstrap_external as _bootstrap
import json
import os
import sys

compiled = []
_source_to_code = _bootstrap.SourceLoader.source_to_code


def _recording(self, data, path, *args, **kw):
    compiled.append(os.path.relpath(path, os.getcwd()))
    return _source_to_code(self, data, path, *args, **kw)


_bootstrap.SourceLoader.source_to_code = _recording
sys.path.insert(0, os.getcwd())
import vc__handler__python as trampoline  # noqa: E402

results = []
with open(sys.argv[1]) as f:
    requests = json.load(f)
for req in requests:
    payload = {
        "method": req["method"],
        "path": req["path"],
        "headers": req["headers"],
        "body": req["body"],
        "encoding": "base64",
    }
    results.append(trampoline.vc_handler({"body": json.dumps(payload)}, None))
with open(sys.argv[2], "w") as f:
    json.dump(
        {
            "results": results,
            "python": list(sys.version_info[:3]),
            "compiled_ours": sorted(p for p in compiled if p.split(os.sep)[0] in ("lib", "api")),
            "modules": sorted(
                m for m in ("anthropic", "openai", "numpy", "boto3", "supabase") if m in sys.modules
            ),
        },
        f,
    )
