"""Runs inside a materialized .func directory, under the Python the function was built for:
calls the function's own trampoline (`vc__handler__python.vc_handler`) once per request.

    python3.12 _call_func.py requests.json responses.json      (cwd = the .func directory)

Results go to a file because the Vercel runtime reroutes print() and logging.
"""

import json
import os
import sys

sys.path.insert(0, os.getcwd())
import vc__handler__python as trampoline

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
            "modules": sorted(
                m for m in ("anthropic", "openai", "numpy", "boto3", "supabase") if m in sys.modules
            ),
        },
        f,
    )
