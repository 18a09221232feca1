"""Extractive answers with citations, or a refusal when the passages do not answer.

Every sentence of the top passages is described by general features (meaning: cosine
similarity of its vector, computed at ingest, with the question's; coverage: the
IDF-weighted share of the question's concepts it holds; whether it holds what the question
asks for — a date for "quand/when/متى", a number for "combien/how many/كم", a person for
"qui/who/من"…; its passage's rank; its place in its document; whether it reads like a
headline or repeats the question; whether its document holds the numbers, years and
editions the question names) and scored by the learned model of `rag.selection`: the
probability that it holds the answer. The best sentences (at most `max_answer_words`
words) are quoted verbatim, each followed by `[n]`, `n` being the citation of its passage;
a question across documents gets one line per document. Only a short framing line in the
question's language is added. When the best probability is under the calibrated
threshold, the answer is a refusal in the question's language.

The answer code lives in `rag.answering`, one concern per module (`question`, `candidates`,
`features`, `choose`, `cite`, `compose`, `extractive`, `result`); which documents may answer is
decided in `rag.ranking`. This module gathers the names the rest of the code imports.
"""

from __future__ import annotations

from rag.answering.candidates import Candidate
from rag.answering.compose import FRAMING, REFUSAL
from rag.answering.extractive import ExtractiveAnswerer
from rag.answering.question import answer_type, asks_across_documents
from rag.answering.result import Answer, Citation
from rag.ranking import holds_names

__all__ = [
    "FRAMING", "REFUSAL", "Answer", "Candidate", "Citation", "ExtractiveAnswerer", "answer_type", "asks_across_documents", "holds_names",
]
