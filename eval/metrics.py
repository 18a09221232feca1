"""Metrics, one function each, formula in the docstring.

Document-level retrieval metrics take the ranked, deduplicated document ids an answer
came with and the gold document ids of the case.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Callable

from rag.language import analyse, normalise


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


def ndcg_at_k(retrieved: list[str], gold: list[str], k: int = 10) -> float:
    """nDCG@k (Järvelin & Kekäläinen 2002) with binary relevance:
    DCG = Σ_{i≤k, d_i ∈ gold} 1 / log2(i + 1), divided by the ideal DCG over min(|gold|, k)
    relevant documents. A document retrieved twice counts once, at its first rank."""
    gold_set = set(gold)
    if not gold_set:
        return 0.0
    seen: set[str] = set()
    ranked = []
    for doc in retrieved:
        if doc not in seen:
            seen.add(doc)
            ranked.append(doc)
    dcg = sum(1.0 / math.log2(rank + 1) for rank, doc in enumerate(ranked[:k], start=1) if doc in gold_set)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(gold_set), k) + 1))
    return dcg / ideal


_MARKER = re.compile(r"\[(\d+)\]")


def strip_markers(answer: str) -> str:
    """The answer without `[n]` markers and without a leading framing line ending with ':'."""
    text = _MARKER.sub(" ", answer)
    head, colon, rest = text.partition(":")
    if colon and len(head.split()) <= 8 and rest.strip():
        text = rest
    return " ".join(text.split())


def token_f1(answer: str, reference: str) -> float:
    """Token F1 (SQuAD, Rajpurkar et al. 2016) over analysed terms (stems, stop words out):
    P = |overlap| / |answer terms|, R = |overlap| / |reference terms|, F1 = 2PR / (P + R),
    overlap counted as a multiset."""
    got = Counter(analyse(strip_markers(answer), ("fr", "en")))
    want = Counter(analyse(reference, ("fr", "en")))
    overlap = sum((got & want).values())
    if not got or not want or not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def citation_doc_precision(citations: list[dict], gold: list[str]) -> float | None:
    """Share of citations whose passage comes from a gold document (None without citations)."""
    if not citations:
        return None
    return sum(1 for c in citations if c.get("doc_id") in gold) / len(citations)


def statements(answer: str) -> list[tuple[str, list[int]]]:
    """The answer cut into statements, each with the markers that follow it:
    "A [1][2] B [3]" → [("A", [1, 2]), ("B", [3])]; a trailing statement without marker cites nothing."""
    body = strip_markers_keep(answer)
    result, cursor = [], 0
    for match in re.finditer(r"((?:\s*\[\d+\])+)", body):
        text = body[cursor : match.start()].strip()
        numbers = [int(n) for n in _MARKER.findall(match.group(1))]
        if text:
            result.append((text, numbers))
        elif result:
            result[-1][1].extend(numbers)
        cursor = match.end()
    tail = body[cursor:].strip()
    if tail:
        result.append((tail, []))
    return result


def strip_markers_keep(answer: str) -> str:
    """The answer without its leading short answer and framing line, markers kept. The short
    answer ("18–19 November 2025") is a first line without marker, re-spelt from the quoted
    sentence below it; the quotes are the statements."""
    first, newline, others = answer.strip().partition("\n")
    if newline and "[" not in first and others.strip():
        answer = others
    head, colon, rest = answer.partition(":")
    if colon and len(head.split()) <= 8 and "[" not in head and rest.strip():
        return rest.strip()
    return answer.strip()


def citation_recall(answer: str, citations: list[dict], supports: Callable[[str, str], bool]) -> float | None:
    """ALCE citation recall (Gao et al. 2023): share of statements whose cited passages,
    joined, support the statement. A marker pointing to no returned passage supports nothing.
    None for an answer without statements (a refusal)."""
    passages = {c["n"]: c.get("text", "") for c in citations}
    parts = statements(answer)
    if not parts:
        return None
    supported = 0
    for text, numbers in parts:
        joined = " ".join(passages[n] for n in numbers if n in passages)
        if joined and supports(text, joined):
            supported += 1
    return supported / len(parts)


def citation_precision(answer: str, citations: list[dict], supports: Callable[[str, str], bool]) -> float | None:
    """ALCE citation precision (Gao et al. 2023): share of citations (statement, n) that are
    relevant. A citation is irrelevant when its passage alone does not support the statement
    and the statement stays supported by its other citations without it. Citations of
    statements no citation supports, and markers pointing to no passage, are irrelevant.
    None when the answer cites nothing."""
    passages = {c["n"]: c.get("text", "") for c in citations}
    total = relevant = 0
    for text, numbers in statements(answer):
        joined = " ".join(passages[n] for n in numbers if n in passages)
        whole = bool(joined) and supports(text, joined)
        for n in numbers:
            total += 1
            if n not in passages or not whole:
                continue
            alone = supports(text, passages[n])
            rest = " ".join(passages[m] for m in numbers if m != n and m in passages)
            if alone or not (rest and supports(text, rest)):
                relevant += 1
    return relevant / total if total else None
