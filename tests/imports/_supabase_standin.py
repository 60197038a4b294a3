"""A small local stand-in for the Supabase Storage endpoints the `supabase` client calls.

Implements: sign an upload (POST object/upload/sign), upload to it (PUT), sign a download
(POST object/sign), download (GET), and list a folder (POST object/list). Tokens are checked.
"""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qs, unquote, urlparse

PREFIX = "/storage/v1/"


class StorageStandIn:
    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], bytes] = {}
        self.tokens: dict[str, tuple[str, str, str]] = {}  # token → (kind, bucket, path)
        self.calls: list[str] = []
        store = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _send(self, status, body=b"", ctype="application/json"):
                payload = json.dumps(body).encode() if not isinstance(body, bytes) else body
                self.send_response(status)
                self.send_header("content-type", ctype)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _route(self):
                url = urlparse(self.path)
                parts = [unquote(p) for p in url.path[len(PREFIX) :].split("/")]
                return parts, parse_qs(url.query)

            def _body(self):
                n = int(self.headers.get("content-length") or 0)
                return self.rfile.read(n) if n else b""

            def _authorized(self):
                return self.headers.get("authorization", "").startswith("Bearer ")

            def do_POST(self):
                parts, _q = self._route()
                store.calls.append("POST " + "/".join(parts[:3]))
                body = self._body()
                if not self._authorized():
                    return self._send(
                        401, {"statusCode": "401", "error": "Unauthorized", "message": "no key"}
                    )
                if parts[:3] == ["object", "upload", "sign"]:
                    bucket, path = parts[3], "/".join(parts[4:])
                    token = uuid.uuid4().hex
                    store.tokens[token] = ("upload", bucket, path)
                    return self._send(200, {"url": f"/object/upload/sign/{bucket}/{path}?token={token}"})
                if parts[:2] == ["object", "sign"]:
                    bucket, path = parts[2], "/".join(parts[3:])
                    if (bucket, path) not in store.objects:
                        return self._send(
                            400, {"statusCode": "404", "error": "not_found", "message": "Object not found"}
                        )
                    token = uuid.uuid4().hex
                    store.tokens[token] = ("download", bucket, path)
                    return self._send(200, {"signedURL": f"/object/sign/{bucket}/{path}?token={token}"})
                if parts[:2] == ["object", "list"]:
                    bucket, prefix = parts[2], json.loads(body or b"{}").get("prefix", "").strip("/")
                    names = [
                        p[len(prefix) + 1 :]
                        for (b, p) in store.objects
                        if b == bucket and p.startswith(prefix + "/")
                    ]
                    return self._send(
                        200, [{"name": n, "id": n, "metadata": {}} for n in sorted(names) if "/" not in n]
                    )
                return self._send(404, {"statusCode": "404", "error": "not_found", "message": "no route"})

            def do_PUT(self):
                parts, q = self._route()
                store.calls.append("PUT " + "/".join(parts[:3]))
                grant = store.tokens.get((q.get("token") or [""])[0])
                if parts[:3] != ["object", "upload", "sign"] or grant is None or grant[0] != "upload":
                    return self._send(
                        400, {"statusCode": "403", "error": "invalid_token", "message": "bad token"}
                    )
                store.objects[(grant[1], grant[2])] = self._body()
                return self._send(200, {"Key": f"{grant[1]}/{grant[2]}"})

            def do_GET(self):
                parts, q = self._route()
                store.calls.append("GET " + "/".join(parts[:2]))
                grant = store.tokens.get((q.get("token") or [""])[0])
                if grant is None or grant[0] != "download":
                    return self._send(
                        400, {"statusCode": "403", "error": "invalid_token", "message": "bad token"}
                    )
                return self._send(200, store.objects[(grant[1], grant[2])], "application/octet-stream")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
