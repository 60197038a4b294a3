"""all-MiniLM-L6-v2 from its PyPI package, run by our numpy ONNX runner: same numbers as the
reference runtime, deterministic, normalised, offline."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from lib.embeddings import get_embedder
from lib.embeddings.local import MAX_TOKENS, TOKENIZER, MiniLMEmbedder, model_file
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
    assert np.array_equal(together, alone)
    assert np.array_equal(together, MiniLMEmbedder().embed(TEXTS))  # a fresh load gives the same bits


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
