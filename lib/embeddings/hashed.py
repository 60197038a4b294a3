"""The last-resort embedder: character n-grams hashed into a fixed vector (no model at all).

It knows spelling, not meaning ("weekly" and "every Monday" share nothing), so it serves only
when no model is installed and as the baseline the cache bench compares the real model with.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from lib.embeddings import IDENTITIES

_WORD = re.compile(r"\w+", re.UNICODE)


class HashedEmbedder:
    name, dim = IDENTITIES["hashed"]

    def embed_counted(self, texts: list[str]) -> tuple[np.ndarray, int]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                padded = f"<{word}>"
                grams = [padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
                for gram in grams + [padded]:
                    digest = hashlib.blake2b(gram.encode(), digest_size=8).digest()
                    slot = int.from_bytes(digest[:4], "little") % self.dim
                    out[row, slot] += 1.0 if digest[4] & 1 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm > 0:
                out[row] /= norm
        return out, 0

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embed_counted(texts)[0]
