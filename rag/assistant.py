"""`Assistant.ask(question, history) → Answer`: the one path the CLI, the web chat and
the evaluation harness share. Models and the index are loaded once per assistant."""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Collection, Iterator, Sequence
from dataclasses import replace

from rag.answer import REFUSAL, Answer, ExtractiveAnswerer
from rag.answering.focus import likely_focus
from rag.embedders import load_embedder
from rag.events.places import unknown_cities
from rag.errors import QuestionError
from rag.generate import GenerativeAnswerer, rewrite_follow_up
from rag.idf import text_idf
from rag.index import LoadedIndex, load_index
from rag.language import SUPPORTED_LANGUAGES, has_words, question_language
from rag.llm import chat_model
from rag.programme.schedule import ScheduleAnswerer
from rag.specialties import Specialties
from rag.ranking import DocumentNames
from rag.retrieve import HybridRetriever, prepare_query, ranked_documents
from rag.settings import Settings

_MAX_HISTORY = 20  # earlier questions read for a follow-up
_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(text: str) -> str:
    """`text` without lone surrogates (invalid bytes from a terminal, "\\ud800" in JSON), which no
    encoder can take: each becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


class Assistant:
    def __init__(self, settings: Settings, index: LoadedIndex | None = None, chat=None, warm_up: bool = True) -> None:
        """`chat`: a LangChain chat model; default: the one the settings configure (none = extractive).
        `warm_up`: load the language detector and the encoder's lazy parts now, before the first
        question (a server, an evaluation); False leaves them to load if and when a question needs
        them (one question in a new process: a question in Arabic, or one whose function words
        tell its language, never loads the detector)."""
        self.settings = settings
        self.index = index or load_index(settings.resolved_index_dir(), settings.embedder, settings.chroma_url)
        self.embedder = load_embedder(settings.embedder, settings.threads) if settings.retrieval_mode != "lexical" else None
        self.retriever = HybridRetriever(self.index, self.embedder, settings)
        idf = text_idf(self.index)
        self.document_names = DocumentNames(self.index, known_terms=idf)  # documents naming the question's editions, years, acronyms first
        self.extractive = ExtractiveAnswerer(self.index, settings, embedder=self.embedder, idf=idf, document_names=self.document_names)
        self.chat = chat if chat is not None else chat_model(settings)
        self.schedule = ScheduleAnswerer(self.index, self.embedder)
        self.specialties = Specialties(f"{d.title}\n{d.text}" for d in self.index.documents.values())
        self.known_terms = idf  # the terms the texts use: a city the question names and none uses is in no document
        self.answerer = self.extractive
        if self.chat is not None:
            embed = self.embedder.embed_array if self.embedder is not None else None
            self.answerer = GenerativeAnswerer(self.chat, self.extractive, embed)
        if warm_up:
            self._warm_up()

    def _warm_up(self) -> None:
        """Load the language detector, the model's lazy parts, the documents' event facts and their names
        by sound now, not on the first attendee's question."""
        from rag.language import warm_up_detector
        from rag.transliteration import NameSpellings

        warm_up_detector()
        if self.embedder is not None:
            self.embedder.query_array(["warm-up"])
        self.extractive.events.warm()  # each document's event facts, read once (`rag.events.catalogue`)
        NameSpellings.of_index(self.index)  # names by sound, for the other script (`rag.transliteration`): 0.1 s at 469 chunks

    def check_question(self, question: str) -> str:
        question = _valid_text(question or "").strip()
        if not question:
            raise QuestionError("the question is empty: ask something about the congress")
        if not has_words(question):
            raise QuestionError("the question has no words, only signs: ask something about the congress")
        if len(question) > self.settings.max_question_chars:
            raise QuestionError(
                f"the question is {len(question)} characters long; keep it under {self.settings.max_question_chars}"
            )
        return question

    def _query(self, question: str, history: list[str]):
        query = prepare_query(question, history, self.index, self.settings)
        if query.is_follow_up and self.chat is not None and self.settings.llm_rewrite_follow_ups:
            standalone = rewrite_follow_up(self.chat, question, history, query.language)
            if standalone:
                query = replace(prepare_query(standalone, [], self.index, self.settings), question=question, language=query.language)
        return query

    def _retrieve(self, question: str, history: Sequence[str], without: Collection[str] = ()):
        """(query, fused passages, ranked document ids) for a checked question; the documents
        `without` names are left out, as if the corpus did not hold them."""
        earlier = [_valid_text(str(turn))[: self.settings.max_question_chars] for turn in list(history)[-_MAX_HISTORY:]]
        query = self._query(self.check_question(question), earlier)
        if self.embedder is not None:  # its likely focus encoded beside it when a core is free
            query = self.retriever.embed(query, likely=functools.partial(likely_focus, self.index, self.document_names, query))
        results = self.retriever.search(query)
        if without:
            results = [result for result in results if result.chunk.doc_id not in without]
        results = self.document_names.naming_documents_first(query, results)
        return query, results, ranked_documents(results, limit=10)

    @staticmethod
    def _answer_language(query, question: str, reader_language: str | None):
        """The query, answered in the question's language when it is clearly French, English or Arabic
        (`rag.language.question_language`: "من ينظم Master Class en Hémostase؟" is Arabic, whatever its
        Latin letters); else, for a follow-up, in the conversation's; else in `reader_language` (the
        interface's, when the web chat asks), else as detected. The lead-in ("D'après les documents du
        congrès :"), a refusal and a schedule answer are then all in one language, the reader's when the
        question does not say."""
        sure = question_language(question)
        if sure is None and query.is_follow_up and query.language in SUPPORTED_LANGUAGES:
            sure = query.language
        chosen = sure or (reader_language if reader_language in SUPPORTED_LANGUAGES else None) or query.language
        return query if chosen == query.language else replace(query, language=chosen)

    def _unknown_specialty(self, query, retrieved: list[str]) -> Answer | None:
        """A refusal when the question names a specialty no document names ("le congrès de dermatologie"
        in a corpus without one): the nearest passage would be another congress's (`rag.specialties`)."""
        if not self.specialties.unknown(query.question):
            return None
        language = query.language if query.language in REFUSAL else "en"
        return Answer(query.question, REFUSAL[language], True, language, [], retrieved)

    def _unknown_city(self, query, retrieved: list[str]) -> Answer | None:
        """A refusal when the question names a city no document names ("… à Oujda" in a corpus
        without Oujda, in any of its spellings: `rag.events.places.unknown_cities`)."""
        if not unknown_cities(query.question, self.known_terms, self.index.stem_languages):
            return None
        language = query.language if query.language in REFUSAL else "en"
        return Answer(query.question, REFUSAL[language], True, language, [], retrieved)

    def now(self) -> dt.datetime:
        """The clock programme questions ("now", "tomorrow") are read against: fixed by settings, or real."""
        return self.settings.clock or dt.datetime.now(dt.timezone.utc)

    def _from_schedule(self, query, results, retrieved, now: dt.datetime | None):
        """(the schedule's answer or None, the passages left for the other answerers)."""
        if not self.schedule.has_programmes:
            return None, results
        answer, programmes_ruled_out, silent = self.schedule.decide(query, retrieved, now or self.now())
        if programmes_ruled_out:
            results = [r for r in results if self.index.documents[r.chunk.doc_id].metadata.get("kind") != "programme"]
        if silent:
            results = [r for r in results if r.chunk.doc_id not in silent]
        return answer, results

    @property
    def streams_tokens(self) -> bool:
        """Whether `ask_stream` yields text piece by piece (an LLM) rather than the answer at once."""
        return isinstance(self.answerer, GenerativeAnswerer)

    def ask_stream(self, question: str, history: Sequence[str] = (), now: dt.datetime | None = None,
                   language: str | None = None) -> Iterator[str | Answer]:
        """Text as it is generated (LLM tokens, or the extractive answer at once), then the checked `Answer`.
        The final answer may differ from the streamed text: unsupported sentences are dropped. `language`:
        the reader's (the web chat's interface), for a question whose own language is unclear."""
        started = time.perf_counter()
        query, results, retrieved = self._retrieve(question, history)
        query = self._answer_language(query, question, language)
        scheduled, results = self._from_schedule(query, results, retrieved, now)
        scheduled = self._unknown_specialty(query, retrieved) or self._unknown_city(query, retrieved) or scheduled
        if scheduled is not None:
            yield scheduled.answer
            answer = scheduled
        elif isinstance(self.answerer, GenerativeAnswerer):
            pieces: list[str] = []
            try:
                for token in self.answerer.stream_text(query, results):
                    pieces.append(token)
                    yield token
            except Exception:  # a failing endpoint: finish() falls back to the extractive answer
                pieces = []
            answer = self.answerer.finish(query, results, retrieved, "".join(pieces) or None)
        else:
            answer = self.answerer.answer(query, results, retrieved)
            yield answer.answer
        yield replace(answer, latency_ms=(time.perf_counter() - started) * 1000)

    def ask(self, question: str, history: Sequence[str] = (), now: dt.datetime | None = None, language: str | None = None,
            without: Collection[str] = ()) -> Answer:
        """`now`: the clock for "now / next / tomorrow" programme questions (default: `self.now()`);
        `language`: the reader's, for a question whose own language is unclear (see `ask_stream`);
        `without`: document ids to answer without, as if the corpus did not hold them (the evaluation's
        questions asked without the article that answers them: `congress-chat eval --without-answering-articles`)."""
        started = time.perf_counter()
        query, results, retrieved = self._retrieve(question, history, without)
        query = self._answer_language(query, question, language)
        scheduled, results = self._from_schedule(query, results, retrieved, now)
        answer = (self._unknown_specialty(query, retrieved) or self._unknown_city(query, retrieved) or scheduled
                  or self.answerer.answer(query, results, retrieved))
        return replace(answer, latency_ms=(time.perf_counter() - started) * 1000)
