"""The stand-in itself: Anthropic error shapes, tool use, OpenAI embeddings, the control endpoint."""

from __future__ import annotations

import json
import urllib.request

import pytest


def _post(url: str, body: dict) -> tuple[int, dict, dict]:
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status, dict(resp.headers), json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read())


def test_control_endpoint_queues_errors_in_anthropics_shape(standin):
    assert _post(standin.url + "/_control", {"mode": "429", "times": 1, "retry_after": 7})[0] == 200
    status, headers, body = _post(
        standin.url + "/v1/messages", {"model": "m", "max_tokens": 10, "messages": []}
    )
    assert status == 429 and headers["retry-after"] == "7"
    assert body["type"] == "error" and body["error"]["type"] == "rate_limit_error"
    status, _, body = _post(
        standin.url + "/v1/messages?standin_mode=529", {"model": "m", "max_tokens": 1, "messages": []}
    )
    assert status == 529 and body["error"]["type"] == "overloaded_error"
    assert _post(standin.url + "/_control", {"mode": "nope"})[0] == 400


def test_tool_use_answer_when_asked_for_a_tool(standin):
    import anthropic

    client = anthropic.Anthropic(api_key="k", base_url=standin.url, max_retries=0)
    msg = client.messages.create(
        model="claude-x",
        max_tokens=1000,
        tools=[{"name": "emit_workflow", "description": "d", "input_schema": {"type": "object"}}],
        messages=[
            {"role": "user", "content": "<user_request>\nemail me a summary of the input\n</user_request>"}
        ],
    )
    assert msg.stop_reason == "tool_use" and msg.content[0].name == "emit_workflow"
    assert any(b["type"] == "gmail" for b in msg.content[0].input["blocks"])


def test_embeddings_are_deterministic_unit_vectors(standin):
    import openai

    client = openai.OpenAI(api_key="k", base_url=standin.url + "/v1", max_retries=0)
    a = client.embeddings.create(
        model="text-embedding-3-small", input=["post the news to slack", "post news to slack"]
    )
    b = client.embeddings.create(model="text-embedding-3-small", input="post the news to slack")
    assert len(a.data) == 2 and len(a.data[0].embedding) == 1536
    assert a.data[0].embedding == pytest.approx(b.data[0].embedding, abs=1e-6)
    assert sum(x * x for x in a.data[0].embedding) == pytest.approx(1.0, abs=1e-5)
    similar = sum(x * y for x, y in zip(a.data[0].embedding, a.data[1].embedding))
    assert similar > 0.5
    small = client.embeddings.create(model="text-embedding-3-small", input="x", dimensions=64)
    assert len(small.data[0].embedding) == 64
    assert (
        standin.requests[-1]["path"] == "/v1/embeddings"
        and "authorization" not in standin.requests[-1]["headers"]
    )


def test_embedding_errors_in_openais_shape(standin):
    import openai

    standin.control("429", 1, retry_after=0)
    client = openai.OpenAI(api_key="k", base_url=standin.url + "/v1", max_retries=0)
    with pytest.raises(openai.RateLimitError) as info:
        client.embeddings.create(model="text-embedding-3-small", input="x")
    assert info.value.body["code"] == "rate_limit_exceeded"
