"""The sentences an answer may quote: the passages read (`candidate_pool`: the top `k` and, from
the same documents, the next ones, where a date or number may sit a little further down) and
each of their sentences once, with its features (`gather`), as a `Candidate`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rag.answering.features import QuestionFeatures, add_gaps
from rag.index import LoadedIndex
from rag.retrieve import ScoredChunk


@dataclass
class Candidate:
    """A sentence of a retrieved passage, with its features and the model's probability."""

    result: ScoredChunk
    rank: int  # of its passage in the fused search, from 0
    start: int
    end: int
    text: str
    features: dict[str, float]
    score: float = 0.0  # probability that it holds the answer

    @property
    def doc_id(self) -> str:
        return self.result.chunk.doc_id


def candidate_pool(results: list[ScoredChunk], k: int, across: bool = False) -> list[ScoredChunk]:
    """The top `k` passages and, from the same documents, the next `k`; for a question
    across documents, also up to two more passages of each further document, until
    `2k` documents are represented."""
    passages = results[:k]
    documents = {p.chunk.doc_id for p in passages}
    pool = [*passages, *(r for r in results[k : 2 * k] if r.chunk.doc_id in documents)]
    if across:
        taken = {id(r) for r in pool}
        added: dict[str, int] = {}  # doc id → passages added for it here
        for result in results[k:]:
            doc_id = result.chunk.doc_id
            full = len(documents | added.keys()) >= 2 * k
            if id(result) in taken or (doc_id not in added and full) or added.get(doc_id, 0) >= 2:
                continue
            added[doc_id] = added.get(doc_id, 0) + 1
            pool.append(result)
    return pool


def gather(index: LoadedIndex, passages: list[ScoredChunk], features: QuestionFeatures) -> list[Candidate]:
    """Every sentence of `passages` (a sentence two passages share, once), with its features, unscored."""
    seen: set[tuple[str, int]] = set()
    candidates: list[Candidate] = []
    for rank, result in enumerate(passages):
        chunk = result.chunk
        passage = features.passage(result, rank)
        vectors = index.sentence_vectors.of_chunk(chunk).astype(np.float32)
        for position, (span, vector) in enumerate(zip(chunk.sentences, vectors)):
            if (chunk.doc_id, span.start) in seen:
                continue
            seen.add((chunk.doc_id, span.start))
            text = chunk.text[span.start - chunk.start : span.end - chunk.start]
            described = features.of_sentence(passage, position, span.start, text, vector)
            candidates.append(Candidate(result, rank, span.start, span.end, text, described))
    add_gaps([c.features for c in candidates])
    return candidates
