"""Hybrid search: a lexical (BM25) and a dense (Chroma) ranking fused by weighted
reciprocal rank fusion (Cormack et al. 2009):

    fused(c) = w_dense / (k + rank_dense(c)) + w_lexical / (k + rank_lexical(c))

The query is prepared once (`prepare_query`): its language is detected, an elliptic
follow-up ("Et quel était son thème ?") borrows the words of the earlier questions, and
English or Arabic questions are expanded with French terms from the curated lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from rag.chunking import Chunk
from rag.index import LoadedIndex
from rag.language import analyse, detect_language, normalise, raw_tokens
from rag.lexicon import translations
from rag.transliteration import NameSpellings
from rag.settings import Settings

_HISTORY_WEIGHT = 0.5
_FOLLOW_UP_OPENERS = re.compile(
    r"^\s*(et|mais|puis|alors|and|but|what about|how about|so|also|و|ف|ثم|وماذا|وما|ومن|ومتى|وأين|وكم|وهل)\b", re.I
)
_ANAPHORA = re.compile(
    r"\b(il|elle|ils|elles|son|sa|ses|leur|leurs|celui|celle|ce congrès|cette édition|cet événement|cette rencontre|"
    r"it|its|they|their|them|this congress|that congress|this event|that edition|he|she|his|her)\b|"
    r"(ها|هم|هذا المؤتمر|هذه الدورة|ذلك)",
    re.I,
)


@dataclass(frozen=True)
class Concept:
    """One word the attendee typed (or one lexicon phrase), with every term that stands for
    it: its stems in the corpus languages and the terms of its French translations."""

    weight: float
    terms: frozenset[str]
    translated: bool = False
    foreign: bool = False  # typed in a language other than French and not translated


@dataclass(frozen=True)
class Query:
    question: str
    language: str
    search_text: str  # the question, preceded by earlier questions when it is a follow-up
    terms: dict[str, float]  # weighted lexical terms
    expansions: tuple[str, ...] = ()
    is_follow_up: bool = False
    vector: np.ndarray | None = field(default=None, compare=False)
    concepts: tuple[Concept, ...] = ()
    context: tuple[str, ...] = ()  # the earlier questions a follow-up borrows (search_text's start)


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25 score
    dense_rank: int | None = None
    lexical_rank: int | None = None


def is_elliptic(question: str, stem_languages: tuple[str, ...] = ("fr",)) -> bool:
    """A follow-up that needs earlier turns: opens with "et/and/و…", points back, or has ≤ 2 content words."""
    if _FOLLOW_UP_OPENERS.search(question) or _ANAPHORA.search(question):
        return True
    return len(set(analyse(question, stem_languages))) <= 2


def prepare_query(question: str, history: list[str], index: LoadedIndex, settings: Settings) -> Query:
    languages = index.stem_languages
    history = [turn for turn in history if turn and turn.strip()]
    follow_up = bool(history) and is_elliptic(question, languages)
    language = detect_language(question)
    if follow_up and len(raw_tokens(question)) < 4:
        language = detect_language(history[-1])  # "Et en 2019 ?" says little about its language
    terms: dict[str, float] = {}

    def add(text: str, weight: float) -> None:
        for term in analyse(text, languages):
            terms[term] = max(terms.get(term, 0.0), weight)

    context: list[str] = []
    if follow_up:
        context = history[-2:] if is_elliptic(history[-1], languages) and len(history) > 1 else history[-1:]
    concepts: list[Concept] = []
    expansions: list[str] = []
    for text, weight, is_question in [*((turn, _HISTORY_WEIGHT, False) for turn in context), (question, 1.0, True)]:
        text_language = language if is_question else detect_language(text)
        spans = translations(text, text_language) if settings.query_expansion else []
        # names the lexicon cannot list, in the other script (`rag.transliteration`): a name weighs as typed
        names = NameSpellings.of_index(index).spans(text, spans) if settings.query_expansion else []
        for span_weight, found in ((settings.expansion_weight, spans), (1.0, names)):
            for _, _, targets in found:
                for target in targets:
                    add(target, weight * span_weight)
                    if is_question and target not in expansions:
                        expansions.append(target)
        spans = spans + names
        add(text, weight)
        concepts.extend(concepts_of(text, text_language, weight, languages, spans))
    search_text = " ".join([*context, question])
    return Query(question, language, search_text, terms, tuple(expansions), follow_up, concepts=tuple(concepts), context=tuple(context))


def concepts_of(
    text: str, language: str, weight: float, languages: tuple[str, ...], spans: list[tuple[int, int, tuple[str, ...]]]
) -> list[Concept]:
    """One concept per word of `text`; `spans` are its lexicon translations (`lexicon.translations`)."""
    tokens = raw_tokens(text)
    concepts = []
    for position, token in enumerate(tokens):
        if _is_year_word_before_a_year(tokens, position):
            continue  # "l'année 2019", "in the year 2019", "سنة 2019": the year itself is the concept
        alternatives = set(analyse(token, languages))
        if not alternatives:
            continue  # a stop word ("lieu", "held") is no concept, even where the lexicon translates it
        translated = False
        for first, end, targets in spans:
            if first <= position < end:
                translated = True
                for target in targets:
                    alternatives.update(analyse(target, languages))
        if alternatives:
            concepts.append(Concept(weight, frozenset(alternatives), translated, not translated and language != "fr"))
    return concepts


_YEAR_WORDS = frozenset({"annee", "an", "year", "سنه", "عام", "لسنه", "لعام", "بسنه", "بعام"})  # as `normalise` writes them


def _is_year_word_before_a_year(tokens: list[str], position: int) -> bool:
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    return normalise(tokens[position]) in _YEAR_WORDS and len(following) == 4 and following.isdigit() and following[:2] in ("19", "20")


class HybridRetriever:
    def __init__(self, index: LoadedIndex, embedder, settings: Settings) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings

    def embed(self, query: Query, likely: Callable[[list[ScoredChunk]], str | None] | None = None) -> Query:
        """The query with its vector. `likely`: given the passages the question's words alone find (no
        vector yet), a text the answer will likely encode next (its focus, `rag.answering.focus`),
        encoded beside the question when the encoder has a core to spare (`Embedder.encode_aside`)."""
        if query.vector is not None or self.settings.retrieval_mode == "lexical":
            return query
        if likely is not None and self.embedder.may_encode_aside():
            following = likely(self.search(query))
            if following is not None:
                self.embedder.encode_aside([following])
        # A follow-up's vector is the mean of its turns' vectors: the earlier questions were encoded
        # when they were asked (`Embedder.query_array` keeps them), so only the new words are encoded
        # now rather than the joined turns again. On the dev set's follow-ups the mean finds the same
        # first document as the joined text (README, "The web chat under load").
        vectors = self.embedder.query_array([*query.context, query.question])
        vector = vectors.mean(axis=0)
        return replace(query, vector=vector / max(float(np.linalg.norm(vector)), 1e-12))

    def search(self, query: Query, k: int | None = None) -> list[ScoredChunk]:
        settings = self.settings
        k = k or settings.candidates
        dense_hits = []
        if settings.retrieval_mode != "lexical" and query.vector is not None:
            dense_hits = self._dense(query.vector, settings.candidates)
        lexical_hits = []
        if settings.retrieval_mode != "dense":
            lexical_hits = self.index.lexical.search(query.terms, settings.candidates)
        fused: dict[str, dict] = {}
        for rank, hit in enumerate(dense_hits, start=1):
            entry = fused.setdefault(hit.chunk_id, {"score": 0.0})
            entry.update(dense=hit.similarity, dense_rank=rank)
            entry["score"] += settings.dense_weight / (settings.rrf_k + rank)
        for rank, hit in enumerate(lexical_hits, start=1):
            entry = fused.setdefault(hit.chunk_id, {"score": 0.0})
            entry.update(lexical=hit.score, lexical_rank=rank)
            entry["score"] += settings.lexical_weight / (settings.rrf_k + rank)
        if settings.retrieval_mode != "dense" and settings.identity_weight > 0:
            self._add_identity(query, fused)
        ranked = sorted(fused.items(), key=lambda item: -item[1]["score"])[:k]
        return [ScoredChunk(self.index.chunk_by_id[chunk_id], **values) for chunk_id, values in ranked if chunk_id in self.index.chunk_by_id]


    def _dense(self, vector: np.ndarray, k: int) -> list:
        """Nearest chunks by dense similarity. With documents in several languages, the
        nearest of each language, merged on their language-fair z-score (`rag.language_fair`)."""
        stats = self.index.language_stats
        if not self.settings.language_fair or stats is None or len(stats.languages) < 2:
            return self.index.vectors.search(vector, k)
        merged = []
        for language in stats.languages:
            hits = self.index.vectors.search(vector, k, language=language)
            if hits:
                z = stats.normalise(language, vector, np.array([hit.similarity for hit in hits]))
                merged.extend(zip(z, hits))
        merged.sort(key=lambda pair: -pair[0])
        return [hit for _, hit in merged[:k]]

    def _add_identity(self, query: Query, fused: dict[str, dict]) -> None:
        """Each chunk also earns w / (k + rank of its document by identity match); a document
        whose identity matches but none of whose chunks was found joins with its first chunk."""
        settings = self.settings
        hits = self.index.identity.search(query.terms, settings.candidates)
        doc_rank = {hit.chunk_id: rank for rank, hit in enumerate(hits, start=1)}
        present = {self.index.chunk_by_id[cid].doc_id for cid in fused if cid in self.index.chunk_by_id}
        for doc_id in doc_rank:
            if doc_id not in present and doc_id in self.index.first_chunk:
                fused.setdefault(self.index.first_chunk[doc_id], {"score": 0.0})
        for chunk_id, entry in fused.items():
            chunk = self.index.chunk_by_id.get(chunk_id)
            rank = doc_rank.get(chunk.doc_id) if chunk else None
            if rank is not None:
                entry["score"] += settings.identity_weight / (settings.rrf_k + rank)


def ranked_documents(results: list[ScoredChunk], limit: int = 10) -> list[str]:
    """Document ids in the order their best chunk ranks, without duplicates."""
    seen: list[str] = []
    for result in results:
        if result.chunk.doc_id not in seen:
            seen.append(result.chunk.doc_id)
            if len(seen) == limit:
                break
    return seen
