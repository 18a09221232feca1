"""The lexical index: BM25 (bm25s) over terms from `rag.language.analyse`.

Terms are produced by our analyser, not bm25s's tokenizer (which drops Arabic words
carrying diacritics and knows no elision or ordinals). Query terms may carry weights:
lexicon-expanded terms count less than the attendee's own words.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_IDS_FILE = "chunk_ids.json"


def _bm25s():
    """bm25s, imported without numba: we use its numpy backend, but bm25s imports numba
    whenever it is installed (ranx, a test tool, brings it), which costs ~0.7 s of every
    process that opens an index (each `congress-chat ask`, each CLI test)."""
    if "bm25s" not in sys.modules and "numba" not in sys.modules:
        sys.modules["numba"] = None  # `import numba` raises ImportError until bm25s is in
        try:
            import bm25s
        finally:
            del sys.modules["numba"]
    import bm25s

    return bm25s


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    score: float


class LexicalIndex:
    def __init__(self, bm25, chunk_ids: list[str]) -> None:
        self._bm25 = bm25
        self.chunk_ids = chunk_ids

    @classmethod
    def build(cls, chunk_ids: list[str], term_lists: list[list[str]]) -> "LexicalIndex":
        bm25 = _bm25s().BM25(k1=1.2, b=0.75)
        bm25.index([terms or [""] for terms in term_lists], show_progress=False)
        return cls(bm25, list(chunk_ids))

    def save(self, directory: Path) -> None:
        """Write into `directory` (created); callers build it aside and switch atomically."""
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory), show_progress=False)
        tmp = directory / (_IDS_FILE + ".tmp")
        tmp.write_text(json.dumps(self.chunk_ids), encoding="utf-8")
        os.replace(tmp, directory / _IDS_FILE)

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        bm25 = _bm25s().BM25.load(str(directory), mmap=False)
        chunk_ids = json.loads((directory / _IDS_FILE).read_text(encoding="utf-8"))
        return cls(bm25, chunk_ids)

    def scores(self, weighted_terms: dict[str, float]) -> np.ndarray:
        """BM25 score of every chunk, Σ weight(t)·bm25(t, chunk) over the query terms."""
        total = np.zeros(len(self.chunk_ids), dtype=np.float32)
        by_weight: dict[float, list[int]] = defaultdict(list)
        vocab = self._bm25.vocab_dict
        for term, weight in weighted_terms.items():
            if term in vocab and weight > 0:
                by_weight[weight].append(vocab[term])
        for weight, ids in by_weight.items():
            total += weight * self._bm25.get_scores_from_ids(ids)
        return total

    def document_frequencies(self) -> dict[str, int]:
        """Number of chunks holding each term (the column lengths of bm25s's sparse matrix)."""
        indptr = self._bm25.scores["indptr"]
        return {term: int(indptr[i + 1] - indptr[i]) for term, i in self._bm25.vocab_dict.items() if term}

    def search(self, weighted_terms: dict[str, float], k: int) -> list[LexicalHit]:
        scores = self.scores(weighted_terms)
        if not len(scores):
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [LexicalHit(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]
