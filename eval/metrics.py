"""Metrics, one function each, formula in the docstring.

Document-level retrieval metrics take the ranked, deduplicated document ids an answer
came with and the gold document ids of the case.
"""

from __future__ import annotations

from rag.language import normalise


def hit_at_k(retrieved: list[str], gold: list[str], k: int) -> float:
    """hit@k = 1 if any gold document is among the first k retrieved, else 0."""
    return float(any(doc in gold for doc in retrieved[:k]))


def recall_at_k(retrieved: list[str], gold: list[str], k: int) -> float:
    """recall@k = |gold ∩ retrieved[:k]| / |gold| (0 when there is no gold document)."""
    gold_set = set(gold)
    if not gold_set:
        return 0.0
    return len(gold_set & set(retrieved[:k])) / len(gold_set)


def reciprocal_rank(retrieved: list[str], gold: list[str]) -> float:
    """RR = 1 / rank of the first gold document (0 if none is retrieved); MRR is its mean."""
    for rank, doc in enumerate(retrieved, start=1):
        if doc in gold:
            return 1.0 / rank
    return 0.0


def answer_contains_all(answer: str, must_contain: list[str]) -> float:
    """accuracy = 1 if every must_contain string occurs in the answer, accent- and case-insensitively."""
    text = " ".join(normalise(answer).split())
    return float(all(" ".join(normalise(item).split()) in text for item in must_contain))
