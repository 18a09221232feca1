"""The citations of an answer: each quoted passage once, numbered in the order the answer
first quotes it, with the quoted sentence's offsets in its document."""

from __future__ import annotations

from rag.answering.candidates import Candidate
from rag.answering.result import Citation
from rag.index import LoadedIndex
from rag.retrieve import ScoredChunk


def citation(index: LoadedIndex, n: int, result: ScoredChunk, candidate: Candidate | None) -> Citation:
    """Citation `[n]` of a passage; `candidate`: the sentence quoted from it (None: the passage
    as a context the answer was drawn from)."""
    chunk = result.chunk
    document = index.documents[chunk.doc_id]
    return Citation(
        n=n, doc_id=chunk.doc_id, title=chunk.title, section=chunk.section, text=chunk.text,
        start=chunk.start, end=chunk.end, score=candidate.score if candidate else result.score,
        sentence_start=candidate.start if candidate else chunk.start,
        sentence_end=candidate.end if candidate else chunk.end,
        page=chunk.page, source=document.source,
    )


def cite(index: LoadedIndex, chosen: list[Candidate]) -> tuple[list[Citation], list[int]]:
    """(the citations, the number `[n]` of each chosen sentence): two sentences of one passage
    share its number."""
    citations: list[Citation] = []
    numbers = []
    for candidate in chosen:
        number = next((c.n for c in citations if c.start == candidate.result.chunk.start and c.doc_id == candidate.doc_id), None)
        if number is None:
            number = len(citations) + 1
            citations.append(citation(index, number, candidate.result, candidate))
        numbers.append(number)
    return citations, numbers
