"""all-MiniLM-L6-v2 from its PyPI package, run with numpy: same numbers as the model's own graph
and as the reference runtime, deterministic, normalised, offline."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from lib.embeddings import get_embedder
from lib.embeddings.local import (
    BATCH_TEXTS,
    BATCH_TOKENS,
    MAX_TOKENS,
    TOKENIZER,
    MiniLMEmbedder,
    buckets,
    load_graph,
    model_file,
)
from lib.embeddings.wordpiece import WordPiece

TEXTS = [
    "Every weekday at 9am post the BTC price to #crypto on Slack",
    "Each morning on workdays, send bitcoin's price to the #crypto Slack channel at 9",
    "When a Typeform response arrives, add a row to Google Sheets",
    "",
    "Ünïcode — émojis 🚀 and a very long text " * 60,
]


def reference_tokenizer():
    """Hugging Face `tokenizers` (dev dependency) on the same tokenizer.json."""
    tokenizers = pytest.importorskip("tokenizers")
    tok = tokenizers.Tokenizer.from_file(str(TOKENIZER))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    return tok


@pytest.fixture(scope="module")
def local():
    return get_embedder("local")


def test_shape_dtype_norm_and_identity(local):
    vectors = local.embed(TEXTS)
    assert (local.name, local.dim) == ("local:all-MiniLM-L6-v2", 384)
    assert vectors.shape == (len(TEXTS), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_deterministic_and_independent_of_batch(local):
    together = local.embed(TEXTS)
    alone = np.vstack([local.embed([t]) for t in TEXTS])
    assert np.array_equal(together, local.embed(TEXTS))  # the same call gives the same bits
    assert np.array_equal(alone[0], local.embed([TEXTS[0]])[0])
    assert np.array_equal(together, MiniLMEmbedder().embed(TEXTS))  # a fresh load gives the same bits
    # Batched texts share the dense layers' products; padding is masked: only float32 rounding differs.
    np.testing.assert_allclose(together, alone, atol=1e-6)


def test_padded_batches_equal_the_single_text_path_on_many_lengths(local):
    """Texts of 2 to 256 tokens in one call (buckets padded to their longest, several widths)
    give the vectors each text gets alone, to float32 rounding."""
    words = ("schedule", "the", "weekly", "report", "and", "post", "a", "summary", "to", "slack", "when")
    texts = [
        " ".join(words[j % len(words)] for j in range(k)) for k in (0, 1, 2, 3, 5, 8, 13, 21, 40, 41, 45)
    ]
    texts += ["word " * k for k in (60, 62, 64, 100, 110, 180, 250, 300)] + workload_texts()[:40]
    ids = [local._tokenizer.encode(t) for t in texts]
    groups = buckets([len(i) for i in ids])
    padded = [g for g in groups if len({len(ids[i]) for i in g}) > 1]
    assert len(padded) >= 3 and max(len(g) for g in groups) >= 8  # padding and batching both happen
    together = local.embed(texts)
    alone = np.vstack([local.embed([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5, rtol=0)
    assert float(np.abs(together - alone).max()) <= 1e-6
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-6)


def test_buckets_group_similar_lengths_within_bounds():
    lengths = [10, 10, 500, 600, 3, 3, 11, 9]
    assert buckets(lengths, budget=512) == [[4, 5], [7, 0, 1, 6], [2], [3]]
    assert buckets(lengths, most=2, budget=512) == [[4, 5], [7, 0], [1, 6], [2], [3]]
    assert buckets([], budget=512) == []
    for group in buckets([17 * (i % 13) + 2 for i in range(500)]):
        widest = max(17 * (i % 13) + 2 for i in group)
        assert len(group) <= BATCH_TEXTS and len(group) * widest <= BATCH_TOKENS
        assert sum(17 * (i % 13) + 2 for i in group) >= 0.875 * len(group) * widest


def workload_texts() -> list[str]:
    """The requests of the cache bench and of the generation evaluation: texts like those embedded."""
    bench = Path(__file__).parents[2] / "bench"
    data = json.loads((bench / "cache_workload.json").read_text(encoding="utf-8"))
    texts = [
        t
        for g in data["groups"]
        for t in [g["base"], *g["paraphrases"], *(n["text"] for n in g["near_misses"])]
    ]
    lines = (bench / "generation_eval.jsonl").read_text(encoding="utf-8").splitlines()
    return texts + [json.loads(line)["description"] for line in lines if line.strip()]


def test_the_numpy_encoder_equals_the_model_graph(local):
    """The written-out encoder against the ONNX graph itself, run operator by operator."""
    graph = load_graph()
    tokenizer = WordPiece(TOKENIZER, MAX_TOKENS)
    texts = workload_texts() + TEXTS
    assert len(texts) > 180
    ours = local.embed(texts)
    with threadpool_limits(limits=1, user_api="blas"):  # two BLAS threads on two busy cores crawl
        for text, vector in zip(texts, ours, strict=True):
            ids = np.asarray([tokenizer.encode(text)], dtype=np.int64)
            feeds = {
                "input_ids": ids,
                "attention_mask": np.ones_like(ids),
                "token_type_ids": np.zeros_like(ids),
            }
            ref = graph.run(feeds)[0][0].mean(axis=0)
            ref /= np.linalg.norm(ref)
            assert float(vector @ ref) >= 0.99999
            np.testing.assert_allclose(vector, ref, atol=1e-6)


def test_meaning_not_spelling(local):
    a, b, c = local.embed(TEXTS[:3])
    assert float(a @ b) > 0.7 > float(a @ c)


def test_matches_onnxruntime_on_the_same_file(local):
    """The reference runtime (a dev-only dependency) on the same model file and tokens."""
    ort = pytest.importorskip("onnxruntime")
    session = ort.InferenceSession(str(model_file()), providers=["CPUExecutionProvider"])
    tokenizer = reference_tokenizer()
    for text, ours in zip(TEXTS, local.embed(TEXTS), strict=True):
        enc = tokenizer.encode(text)
        ids = np.asarray([enc.ids], dtype=np.int64)
        mask = np.asarray([enc.attention_mask], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": 0 * ids})[0][
            0
        ]
        ref = (hidden * mask[0][:, None]).sum(0) / mask.sum()
        ref /= np.linalg.norm(ref)
        np.testing.assert_allclose(ours, ref, atol=2e-5)


def test_loads_with_no_network(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def refuse(*args, **kwargs):
        raise OSError("network use during model load")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    vectors = MiniLMEmbedder().embed(["offline"])
    assert vectors.shape == (1, 384)


def test_counts_tokens(local):
    _, tokens = local.embed_counted(["hello world"])
    assert tokens == 4  # [CLS] hello world [SEP]


WORDPIECE_CASES = [
    *TEXTS,
    "Héllo, WÖRLD!!! naïve café — déjà vu",
    "email sales@acme.com about https://example.com/a?b=1&c=2 at 9:30pm (UTC+2)",
    "中文字符 and 日本語 mixed with English",
    "tabs\tand\nnewlines\r\nand\u00a0nbsp and \u200bzero-width and \x00nul",
    "supercalifragilisticexpialidocious " + "x" * 120,
    "#crypto @alice r/python owner/repo $BTC 5% >= 100k",
    "emoji 🚀🔥 and ü ñ ç ß Σίσυφος",
    "word " * 400,
]


@pytest.mark.parametrize("text", WORDPIECE_CASES)
def test_wordpiece_matches_hugging_face_tokenizers(text):
    ours = WordPiece(TOKENIZER, MAX_TOKENS).encode(text)
    assert ours == reference_tokenizer().encode(text).ids
