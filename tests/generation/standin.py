"""Stand-in providers: a local server speaking Anthropic's Messages API and OpenAI's embeddings API.

It lets anyone (and the tests) drive the real `anthropic` / `openai` SDKs end to end without a
key: point ANTHROPIC_BASE_URL / OPENAI_BASE_URL at it. Its "model" answers with our own offline
planner's plan for the description found between the <user_request> tags, so the Claude path
returns a real, fitting workflow. Failure modes are switched per request (header
`x-standin-mode`, query `?standin_mode=`) or queued for the next n requests:

    POST /_control {"mode": "429"|"spend_limit"|"500"|"529"|"slow"|"truncated"|"malformed"|
                    "invalid_state"|"runtime_fault"|"invalid_request"|"ok", "times": 1, "retry_after": 1,
                    "delay_s": 2}

Like the real API, it refuses (400 invalid_request_error) a structured-output schema with an
object that does not set "additionalProperties": false; "invalid_request" forces such a 400.
"runtime_fault" answers a plan that loads in Sim but would fail when run (a condition's else
branch left unwired, a prompt reading <start.input> that the trigger does not deliver).
    GET /_requests (recorded requests)   DELETE /_requests   POST /_reset

    scripts/stand-in [--host 127.0.0.1] [--port 8765]   (python -m tests.generation.standin)

It lives with the tests (the shipped package holds no test server); the bench scripts that drive
the Claude path start it too.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import re
import struct
import threading
import time
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

MODES = (
    "ok",
    "429",
    "spend_limit",
    "500",
    "529",
    "slow",
    "truncated",
    "malformed",
    "invalid_state",
    "runtime_fault",
    "invalid_request",
)
_REQUEST_RE = re.compile(r"<user_request>\n(.*?)\n</user_request>", re.S)
_WORD_RE = re.compile(r"[a-z0-9]+")

_ANTHROPIC_ERRORS = {
    "429": (429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
    "spend_limit": (
        429,
        "rate_limit_error",
        "You have reached your specified workspace API usage limits. You will regain access on "
        "2099-01-01 at 00:00 UTC.",
    ),
    "500": (500, "api_error", "Internal server error"),
    "529": (529, "overloaded_error", "Overloaded"),
}
_OPENAI_ERRORS = {
    "429": (429, "rate_limit_exceeded", "Rate limit reached for requests"),
    "spend_limit": (
        429,
        "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details.",
    ),
    "500": (500, "server_error", "The server had an error while processing your request."),
    "529": (503, "server_error", "The engine is currently overloaded, please try again later"),
}


def tokens(text: str) -> int:
    """A rough token count (4 characters a token), stable and good enough for accounting tests."""
    return max(1, math.ceil(len(text) / 4))


def embed(text: str, dimensions: int = 1536) -> list[float]:
    """Deterministic unit vector by feature hashing of words and word pairs.

    Texts that share words point the same way, so similarity search over these vectors behaves
    sensibly (a rephrased description lands near the original), unlike random vectors.
    """
    words = _WORD_RE.findall(text.lower())
    vec = [0.0] * dimensions
    for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
        digest = hashlib.sha256(feature.encode()).digest()
        index = int.from_bytes(digest[:4], "little") % dimensions
        vec[index] += 1.0 if digest[4] & 1 else -1.0
    if not any(vec):
        vec[0] = 1.0
    norm = math.sqrt(sum(v * v for v in vec))
    return [v / norm for v in vec]


class StandIn:
    """The server's state: queued modes, recorded requests, the prompt cache; `start()` in a thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.queue: deque[dict[str, Any]] = deque()
        self.requests: list[dict[str, Any]] = []
        self.cache: set[str] = set()
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}"

    def start(self) -> StandIn:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="stand-in", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- switches -------------------------------------------------------------------------------
    def control(self, mode: str, times: int = 1, **options: Any) -> None:
        """Answer the next `times` requests in `mode` (options: retry_after, delay_s, and `api`:
        "messages" or "embeddings" to fail only that API's requests — a generation also embeds
        for the cache and the search index, which would otherwise take the queued failures)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        with self.lock:
            for _ in range(max(1, int(times))):
                self.queue.append({"mode": mode, **options})

    def reset(self) -> None:
        with self.lock:
            self.queue.clear()
            self.requests.clear()
            self.cache.clear()

    def _next(self, override: str | None, api: str) -> dict[str, Any]:
        with self.lock:
            if override:
                return {"mode": override}
            for i, switch in enumerate(self.queue):
                if switch.get("api", api) == api:
                    del self.queue[i]
                    return switch
            return {"mode": "ok"}

    def _record(self, path: str, headers: dict[str, str], body: Any, mode: str) -> None:
        safe = {k: v for k, v in headers.items() if k not in ("x-api-key", "authorization")}
        with self.lock:
            self.requests.append({"path": path, "headers": safe, "body": body, "mode": mode})

    # -- Anthropic --------------------------------------------------------------------------------
    def messages(
        self, body: dict[str, Any], switch: dict[str, Any]
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        mode = switch["mode"]
        if mode in _ANTHROPIC_ERRORS:
            status, kind, message = _ANTHROPIC_ERRORS[mode]
            headers = {"retry-after": str(switch.get("retry_after", 1))} if status == 429 else {}
            if mode == "spend_limit":
                headers["x-should-retry"] = "false"
            return (
                status,
                headers,
                {
                    "type": "error",
                    "error": {"type": kind, "message": message},
                    "request_id": f"req_{uuid.uuid4().hex[:20]}",
                },
            )
        if mode == "slow":
            time.sleep(float(switch.get("delay_s", 2.0)))
        if not isinstance(body.get("messages"), list) or not body.get("model") or not body.get("max_tokens"):
            return (
                400,
                {},
                {
                    "type": "error",
                    "error": {
                        "type": "invalid_request_error",
                        "message": "model, max_tokens and messages are required",
                    },
                },
            )
        schema = ((body.get("output_config") or {}).get("format") or {}).get("schema")
        problem = _schema_problem(schema) if isinstance(schema, dict) else None
        if mode == "invalid_request":
            problem = "output_config.format.schema: schema type 'object' is not supported at this position"
        if problem:
            return (
                400,
                {},
                {"type": "error", "error": {"type": "invalid_request_error", "message": problem}},
            )
        answer = json.dumps(self._answer(body, mode), ensure_ascii=False)
        stop = "end_turn"
        if mode == "truncated":
            answer, stop = answer[: max(1, len(answer) // 3)], "max_tokens"
        elif mode == "malformed":
            answer = 'Sure! Here is your workflow:\n{"name": "Workflow", "blocks": [{"id": "start",'
        tools = body.get("tools") or []
        fmt = (body.get("output_config") or {}).get("format")
        if tools and not fmt and mode not in ("truncated", "malformed"):
            content = [
                {
                    "type": "tool_use",
                    "id": f"toolu_{uuid.uuid4().hex[:20]}",
                    "name": tools[0].get("name"),
                    "input": json.loads(answer),
                }
            ]
            stop = "tool_use"
        else:
            content = [{"type": "text", "text": answer}]
        return (
            200,
            {},
            {
                "id": f"msg_{uuid.uuid4().hex[:20]}",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": content,
                "stop_reason": stop,
                "stop_sequence": None,
                "usage": {**self._usage(body), "output_tokens": tokens(answer)},
            },
        )

    def _answer(self, body: dict[str, Any], mode: str) -> dict[str, Any]:
        from lib.errors import CannotPlan
        from lib.generation import planner

        description = _user_request(body.get("messages") or [])
        try:
            draft = planner.draft(description)  # its coverage notes are what a model says it understood
            plan = draft.plan.model_dump(mode="json")
            for block in plan["blocks"]:
                block["words"] = draft.words.get(block["id"])
            plan["unused"], plan["assumptions"] = list(draft.unused), list(draft.assumptions)
        except CannotPlan:  # the "model" has nothing to build: a start block alone (the validators refuse it)
            start: dict[str, Any] = {
                "id": "start",
                "type": "starter",
                "name": "Start",
                "parent": None,
                "values": [],
            }
            start |= {"loop_type": None, "count": None, "collection": None, "words": None}
            plan = {"name": "Workflow", "summary": description[:300], "blocks": [start], "edges": []}
            plan |= {"unused": [description[:300]], "assumptions": []}
        if mode == "invalid_state":  # schema-valid JSON that is not a valid Sim state
            plan["blocks"].append(
                {
                    "id": "ghost",
                    "type": "slack_poster_9000",
                    "name": "Ghost",
                    "parent": None,
                    "values": [],
                    "loop_type": None,
                    "count": None,
                    "collection": None,
                }
            )
            plan["edges"].append({"source": "ghost", "target": "nowhere", "handle": "source"})
        if mode == "runtime_fault":  # loads in Sim, fails when run
            plan["edges"] = [e for e in plan["edges"] if e.get("handle") != "else"]
            for block in plan["blocks"]:
                if block.get("type") == "agent":
                    block["values"] = [v for v in block["values"] if v.get("id") != "userPrompt"]
                    block["values"].append({"id": "userPrompt", "value": "<b>Input:</b> <start.input>"})
        return plan

    def _usage(self, body: dict[str, Any]) -> dict[str, int]:
        """Cached system/tool prefix: a write on first sight, a read afterwards; the rest is input."""
        system = body.get("system")
        blocks = (
            system if isinstance(system, list) else ([{"type": "text", "text": system}] if system else [])
        )
        prefix, cached = "", ""
        for block in blocks:
            prefix += str(block.get("text", ""))
            if block.get("cache_control"):
                cached = prefix
        rest = prefix[len(cached) :] + json.dumps(body.get("messages"), ensure_ascii=False)
        usage = {"input_tokens": tokens(rest), "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
        if cached:
            key = hashlib.sha256((body.get("model", "") + cached).encode()).hexdigest()
            with self.lock:
                seen = key in self.cache
                self.cache.add(key)
            usage["cache_read_input_tokens" if seen else "cache_creation_input_tokens"] = tokens(cached)
        return usage

    # -- OpenAI -------------------------------------------------------------------------------------
    def embeddings(
        self, body: dict[str, Any], switch: dict[str, Any]
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        mode = switch["mode"]
        if mode in _OPENAI_ERRORS:
            status, code, message = _OPENAI_ERRORS[mode]
            headers = {"retry-after": str(switch.get("retry_after", 1))} if status == 429 else {}
            return status, headers, {"error": {"message": message, "type": code, "param": None, "code": code}}
        if mode == "slow":
            time.sleep(float(switch.get("delay_s", 2.0)))
        raw = body.get("input")
        texts = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
        if not texts or not all(isinstance(t, str) for t in texts):
            return (
                400,
                {},
                {
                    "error": {
                        "message": "'input' must be a string or a list of strings",
                        "type": "invalid_request_error",
                        "param": "input",
                        "code": None,
                    }
                },
            )
        dims = int(body.get("dimensions") or (3072 if "large" in str(body.get("model")) else 1536))
        data = []
        for i, text in enumerate(texts):
            vec = embed(text, dims)
            if body.get("encoding_format") == "base64":
                value: Any = base64.b64encode(struct.pack(f"<{dims}f", *vec)).decode()
            else:
                value = vec
            data.append({"object": "embedding", "index": i, "embedding": value})
        used = sum(tokens(t) for t in texts)
        return (
            200,
            {},
            {
                "object": "list",
                "data": data,
                "model": body.get("model"),
                "usage": {"prompt_tokens": used, "total_tokens": used},
            },
        )


def _schema_problem(schema: dict[str, Any], where: str = "output_config.format.schema") -> str | None:
    """What the real API says about a structured-output schema it refuses (objects must be closed)."""
    if schema.get("type") == "object" and schema.get("additionalProperties") is not False:
        return f"{where}: For 'object' type, 'additionalProperties' must be explicitly set to false"
    for key in ("properties", "$defs"):
        for name, sub in (schema.get(key) or {}).items():
            found = _schema_problem(sub, f"{where}.{key}.{name}") if isinstance(sub, dict) else None
            if found:
                return found
    for key in ("items", "anyOf"):
        subs = schema.get(key)
        for i, sub in enumerate(subs if isinstance(subs, list) else [subs] if isinstance(subs, dict) else []):
            found = _schema_problem(sub, f"{where}.{key}[{i}]")
            if found:
                return found
    return None


def _user_request(messages: list[Any]) -> str:
    """The description between <user_request> tags in the first user turn (data, not instructions)."""
    for message in messages:
        if not isinstance(message, dict) or message.get("role") != "user":
            continue
        content = message.get("content")
        text = (
            content
            if isinstance(content, str)
            else " ".join(str(part.get("text", "")) for part in content or [] if isinstance(part, dict))
        )
        found = _REQUEST_RE.findall(text)
        return found[-1] if found else text
    return ""


def _handler_for(server: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt: str, *args: Any) -> None:  # quiet: tests and the CLI print their own
            return

        def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.send_header("request-id", f"req_{uuid.uuid4().hex[:20]}")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> Any:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                return json.loads(raw or b"{}")
            except json.JSONDecodeError:
                return None

        def do_GET(self) -> None:
            path = urlparse(self.path).path
            if path == "/_requests":
                with server.lock:
                    self._send(200, {"requests": list(server.requests)})
            elif path in ("/", "/health"):
                self._send(200, {"ok": True, "modes": list(MODES), "queued": len(server.queue)})
            else:
                self._send(
                    404,
                    {"type": "error", "error": {"type": "not_found_error", "message": f"{path} not found"}},
                )

        def do_DELETE(self) -> None:
            if urlparse(self.path).path == "/_requests":
                with server.lock:
                    server.requests.clear()
                self._send(200, {"ok": True})
            else:
                self._send(
                    404, {"type": "error", "error": {"type": "not_found_error", "message": "not found"}}
                )

        def do_POST(self) -> None:
            url = urlparse(self.path)
            path = url.path.rstrip("/")
            body = self._body()
            headers = {k.lower(): v for k, v in self.headers.items()}
            if path == "/_control":
                try:
                    opts = dict(body or {})
                    server.control(str(opts.pop("mode", "ok")), int(opts.pop("times", 1)), **opts)
                except (ValueError, TypeError) as exc:
                    self._send(400, {"error": str(exc)})
                    return
                self._send(200, {"ok": True, "queued": len(server.queue)})
                return
            if path == "/_reset":
                server.reset()
                self._send(200, {"ok": True})
                return
            asked = parse_qs(url.query).get("standin_mode")
            override: str | None = headers.get("x-standin-mode") or (asked[0] if asked else None)
            if override and override not in MODES:
                override = None
            if path.endswith("/v1/messages") or path.endswith("/v1/embeddings"):
                switch = server._next(override, "messages" if path.endswith("/v1/messages") else "embeddings")
                server._record(path, headers, body, switch["mode"])
                if not isinstance(body, dict):
                    self._send(
                        400,
                        {
                            "type": "error",
                            "error": {"type": "invalid_request_error", "message": "body is not JSON"},
                        },
                    )
                    return
                handler = server.messages if path.endswith("/v1/messages") else server.embeddings
                try:
                    status, extra, payload = handler(body, switch)
                except Exception as exc:  # the stand-in must answer, like a real API, in its error shape
                    status, extra, payload = (
                        500,
                        {},
                        {
                            "type": "error",
                            "error": {
                                "type": "api_error",
                                "message": f"stand-in failed: {type(exc).__name__}: {exc}",
                            },
                        },
                    )
                self._send(status, payload, extra)
                return
            self._send(
                404, {"type": "error", "error": {"type": "not_found_error", "message": f"{path} not found"}}
            )

    return Handler


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/stand-in", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    server = StandIn(args.host, args.port)
    print(f"stand-in listening on {server.url}")
    print(f"  export ANTHROPIC_BASE_URL={server.url} ANTHROPIC_API_KEY=stand-in")
    print(f"  export OPENAI_BASE_URL={server.url}/v1 OPENAI_API_KEY=stand-in")
    print(f'  switch failures: curl -XPOST {server.url}/_control -d \'{{"mode":"529","times":2}}\'')
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
