"""Each candidate sentence described by the features the selection model weighs
(`rag.selection.FEATURES`, each explained there): how close its meaning is to the question and
to its focus, how much of the question it covers (`coverage`), whether it holds what the
question asks for (a date, a count, a place…) and near which words, where its passage ranks and
where it sits in its document, whether it reads like a headline or repeats the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rag.answering.coverage import DocumentAliases, DocumentTerms, Masses, french_terms, stems
from rag.answering.question import ANSWER_TYPES, answer_type, asks_share
from rag.chunking import Chunk
from rag.index import LoadedIndex, StoredDocument
from rag.language import analyse, fold
from rag.lexicon import LEXICON_FILES, expand
from rag.retrieve import Query, ScoredChunk
from rag.selection import log_words

# Credit for a query term found only in the passage's context line (title, lead sentence)
# rather than in the sentence itself, and for a word of the same family.
_CONTEXT_CREDIT = 1.0
_DERIVED_CREDIT = 0.8  # a word of the same family: "partenaire" / "partenariat", Arabic "المشاركين" / "بمشاركة"
_REQUIRED_TYPES = {"price", "count", "date", "place", "winner"}
_SENTENCE_END = re.compile(r"[.!?…»\"”)\]]\s*$")
_CAPITALISED = re.compile(r"(?<![\w.])[A-ZÀ-Ý][\w’'-]+")
_QUOTE = re.compile(r"[«»“”]|\"[^\"]{3,}\"")
_NEAR_CHARS = 40  # "near" the asked thing: within about six words of it
# A cardinal number: not an ordinal ("1er", "36e", "2nd"), not inside a date ("18/10/19") or a decimal.
_CARDINAL = re.compile(
    r"(?<![\w/.,])\d{1,3}(?:[  .,]\d{3})+(?![\w/])|(?<![\w/.,])\d+(?![^\W\d_]|[/\d]|[.,]\d)"
    # numbers in words ("deux tables rondes", "three workshops", "ثلاث ورشات"); not "un/one", which is also an article
    r"|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|cent|mille|dizaines?|centaines?|milliers?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?)\b"
    r"|(?<!\w)(?:اثنان|اثنين|ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمانية|تسع|تسعة|عشر|عشرة|عشرات|مئات|آلاف)(?!\w)",
    re.I,
)
# the word just before a number, past "plus de", "more than", "أكثر من"…, with no punctuation between
_COUNTED_BEFORE = re.compile(
    r"(\w+)\s+(?:(?:plus|près|moins|environ|quelque|more\s+than|nearly|almost|about|around|over|some|أكثر|حوالي|نحو|قرابة|زهاء)\s+)?"
    r"(?:(?:de|d'|d’|of|من)\s*)?$",
    re.I,
)
_SHARE = re.compile(r"\d+(?:[.,]\d+)?\s*%|\b(pour ?cent|percent|per ?cent)\b|بالمائة|في المائة", re.I)
_COUNTED_WORDS = 2  # what a number counts is among the next two words that are not stop words ("500 de nos médecins", "1,250 local people")


@dataclass(frozen=True)
class Passage:
    """A passage as the features read it: its words are stemmed in `languages`; `context_terms`
    are those of its context line (title, lead); `focus` the question's concepts that line does not hold."""

    result: ScoredChunk
    rank: int  # in the fused search, from 0
    document: StoredDocument
    languages: tuple[str, ...]
    context_terms: set[str]
    focus: list[tuple[frozenset[str], frozenset[str], float]]

    @property
    def chunk(self) -> Chunk:
        return self.result.chunk


class QuestionFeatures:
    """The features of sentences for one question: what the question asks, its concepts and
    their masses (`coverage.concept_masses`), its focus vector (`focus.focus_vector`)."""

    def __init__(
        self, index: LoadedIndex, aliases: DocumentAliases, query: Query, masses: Masses,
        focus_vector: np.ndarray | None, retrieved: list[str], document_terms: DocumentTerms | None = None,
    ) -> None:
        self.index = index
        self.aliases = aliases
        self.document_terms = document_terms or DocumentTerms(index, aliases)
        self._document_coverage: dict[str, tuple[float, float]] = {}
        self.query = query
        self.asked = answer_type(query.question)
        self.asks_share = self.asked == "count" and asks_share(query.question)
        self.typed_pattern = ANSWER_TYPES[self.asked][1] if self.asked else None
        self.masses = [(alternatives, stems(alternatives), mass) for alternatives, mass in masses]
        self.total_mass = sum(mass for _, _, mass in self.masses) or 1.0
        self.question_terms = set(query.terms)
        self.question_folded = fold(query.search_text)
        self.question_numbers = set(re.findall(r"\d+", query.search_text))
        self.question_words = set(re.findall(r"\w+", self.question_folded))
        self.retrieved = retrieved
        self.doc_rank = {doc_id: rank for rank, doc_id in enumerate(retrieved)}
        self.focus_vector = focus_vector

    def passage(self, result: ScoredChunk, rank: int) -> Passage:
        chunk = result.chunk
        languages = self.index.stem_languages_of(chunk.doc_id)
        context_terms = set(analyse(chunk.context, languages)) | french_terms(self.index, self.index.documents[chunk.doc_id].language, chunk.context)
        in_context = context_terms | stems(context_terms)
        focus = [(alternatives, found, mass) for alternatives, found, mass in self.masses if not (alternatives | found) & in_context]
        return Passage(result, rank, self.index.documents[chunk.doc_id], languages, context_terms, focus)

    def of_sentence(self, passage: Passage, position: int, start: int, text: str, vector: np.ndarray) -> dict[str, float]:
        """The features of the sentence `text` (the `position`-th of its passage, at `start` in its
        document), `vector` its embedding."""
        query, chunk, languages, masses, total_mass = self.query, passage.chunk, passage.languages, self.masses, self.total_mass
        words_of_text = set(analyse(text, languages))
        own = self.aliases.extend(chunk.doc_id, words_of_text, languages) | french_terms(self.index, passage.document.language, text)
        terms = own | stems(own)
        covered = own_covered = 0.0
        for alternatives, found, mass in masses:
            if alternatives & terms:
                credit = mass
            elif found & terms:
                credit = _DERIVED_CREDIT * mass
            else:
                credit = 0.0
            own_covered += credit
            covered += credit or (_CONTEXT_CREDIT * mass if alternatives & passage.context_terms else 0.0)
        matches = list(self.typed_pattern.finditer(text)) if self.typed_pattern is not None else []
        typed_matches = [m.group(0) for m in matches]
        near = near_focus = 0.0
        for match in matches:
            around = text[max(0, match.start() - _NEAR_CHARS) : match.start()] + " " + text[match.end() : match.end() + _NEAR_CHARS]
            around_terms = self.aliases.extend(chunk.doc_id, set(analyse(around, languages)), languages)
            around_terms |= stems(around_terms)
            if any(alternatives & around_terms for alternatives, _, _ in masses):
                near = 1.0
            if any((alternatives | found) & around_terms for alternatives, found, _ in passage.focus):
                near_focus = 1.0
            if near and (near_focus or not passage.focus):
                break
        typed = 1.0 if typed_matches else 0.0
        counted = self._counts_a_question_word(chunk.doc_id, text, languages) if self.asked == "count" else 0.0
        if self.asks_share and not counted and _SHARE.search(text):
            counted = 1.0  # "de combien augmentent…": the rate is the count asked
        numbers = set(re.findall(r"\d+", text))
        names = {fold(w) for w in _CAPITALISED.findall(text[1:])}
        words = len(text.split())
        return {
            "dense": float(vector @ query.vector) if query.vector is not None else 0.0,
            "focus_dense": float(vector @ self.focus_vector) if self.focus_vector is not None else 0.0,
            "coverage": covered / total_mass,
            "own_coverage": own_covered / total_mass,
            "typed": typed,
            "type_missing": 1.0 if self.asked in _REQUIRED_TYPES and not typed else 0.0,
            "passage_rank": 1.0 / (1 + passage.rank),
            "doc_rank": 1.0 / (1 + self.doc_rank.get(chunk.doc_id, len(self.retrieved))),
            "lead": 1.0 if chunk.position == 0 and position == 0 else 0.0,
            "doc_position": start / max(1, len(passage.document.text)),
            "words": log_words(words),
            "short": 1.0 if words < 6 else 0.0,
            "unfinished": 0.0 if _SENTENCE_END.search(text) else 1.0,
            "novelty": len(words_of_text - self.question_terms) / len(words_of_text) if words_of_text else 0.0,
            "quote": 1.0 if _QUOTE.search(text) else 0.0,
            "numbers": 1.0 if numbers else 0.0,
            "new_numbers": 1.0 if numbers - self.question_numbers else 0.0,
            "new_names": log_words(len(names - self.question_words)),
            "typed_new": 1.0 if any(fold(m).strip() not in self.question_folded for m in typed_matches) else 0.0,
            "typed_near": near,
            "counted": counted,
            "typed_near_focus": near_focus,
            "typed_coverage": typed * own_covered / total_mass,
            "count_missing": 1.0 if self.asked == "count" and not counted else 0.0,
            **dict(zip(("doc_coverage", "doc_missing"), self.document_coverage(chunk.doc_id))),
            "other_language": 0.0 if passage.document.language == query.language else 1.0,
        }

    def document_coverage(self, doc_id: str) -> tuple[float, float]:
        """(share of the question's concept mass its document names anywhere, share of the heaviest
        concept it names nowhere): "the 9th congress of the Tangier dentists" read in a report of
        another city's congress misses "Tanger", whatever its sentences share with the question."""
        if doc_id not in self._document_coverage:
            terms = self.document_terms.of(doc_id)
            missing = [mass for alternatives, found, mass in self.masses if not (alternatives & terms or found & terms)]
            self._document_coverage[doc_id] = (1.0 - sum(missing) / self.total_mass, max(missing, default=0.0) / self.total_mass)
        return self._document_coverage[doc_id]

    def _counts_a_question_word(self, doc_id: str, text: str, languages: tuple[str, ...]) -> float:
        """1 when a number of `text` counts a word of the question: "59 médecins" for "combien de
        médecins…", not "300 participants" for "combien de communications…" (nor "1er congrès")."""
        language = self.index.documents[doc_id].language
        for match in _CARDINAL.finditer(text):
            words = (_in_french(word, language, languages) for word in text[match.end() : match.end() + 80].split()[:6])
            terms = set().union(*[w for w in words if w][:_COUNTED_WORDS])
            before = _COUNTED_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
            if before:  # "la participation de 800 congressistes", "a total of 59", "بحضور 600"
                terms |= _in_french(before.group(1), language, languages)
            terms = self.aliases.extend(doc_id, terms, languages)
            terms |= stems(terms)
            if any(alternatives & terms or found & terms for alternatives, found, _ in self.masses):
                return 1.0
        return 0.0


def _in_french(word: str, language: str, languages: tuple[str, ...]) -> set[str]:
    """The terms of a document's `word`, with its French translations when the document is
    in English or Arabic: "59 doctors" counts the "médecins" of a question in French."""
    terms = set(analyse(word, languages))
    if terms and language in LEXICON_FILES:
        for target in expand(word, language):
            terms.update(analyse(target, languages))
    return terms


def add_gaps(features: list[dict[str, float]]) -> None:
    """Each candidate's distance to the best of the question's candidates: `dense_gap`,
    `focus_dense_gap`, `coverage_gap` (≤ 0), added in place."""
    if not features:
        return
    best_dense = max(f["dense"] for f in features)
    best_focus = max(f["focus_dense"] for f in features)
    best_coverage = max(f["coverage"] for f in features)
    for f in features:
        f["dense_gap"] = f["dense"] - best_dense
        f["focus_dense_gap"] = f["focus_dense"] - best_focus
        f["coverage_gap"] = f["coverage"] - best_coverage
