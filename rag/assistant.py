"""`Assistant.ask(question, history) → Answer`: the one path the CLI, the web chat and
the evaluation harness share. Models and the index are loaded once per assistant."""

from __future__ import annotations

import time
from collections.abc import Sequence

from rag.answer import Answer, ExtractiveAnswerer
from rag.embedders import load_embedder
from rag.errors import QuestionError
from rag.index import LoadedIndex, load_index
from rag.retrieve import HybridRetriever, prepare_query, ranked_documents
from rag.settings import Settings


class Assistant:
    def __init__(self, settings: Settings, index: LoadedIndex | None = None) -> None:
        self.settings = settings
        self.index = index or load_index(settings.resolved_index_dir(), settings.embedder, settings.chroma_url)
        self.embedder = load_embedder(settings.embedder, settings.threads) if settings.retrieval_mode != "lexical" else None
        self.retriever = HybridRetriever(self.index, self.embedder, settings)
        self.answerer = ExtractiveAnswerer(self.index, settings)
        self._warm_up()

    def _warm_up(self) -> None:
        """Load the language detector and the model's lazy parts now, not on the first attendee's question."""
        from rag.language import detect_language

        detect_language("Quel est le thème du congrès ?")
        if self.embedder is not None:
            self.embedder.embed_array(["warm-up"])

    def check_question(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise QuestionError("the question is empty: ask something about the congress")
        if len(question) > self.settings.max_question_chars:
            raise QuestionError(
                f"the question is {len(question)} characters long; keep it under {self.settings.max_question_chars}"
            )
        return question

    def ask(self, question: str, history: Sequence[str] = ()) -> Answer:
        started = time.perf_counter()
        question = self.check_question(question)
        query = prepare_query(question, list(history), self.index, self.settings)
        if self.embedder is not None:
            query = self.retriever.embed(query)
        results = self.retriever.search(query)
        retrieved = ranked_documents(results, limit=10)
        answer = self.answerer.answer(query, results, retrieved)
        latency = (time.perf_counter() - started) * 1000
        return Answer(**{**answer.__dict__, "latency_ms": latency})
