"""`ExtractiveAnswerer`: an answer quoted from the passages, or a refusal. It runs the steps of
`rag.answering` in order: gather the candidate sentences with their features, score them with
the selection model (`rag.selection`), choose the ones to quote, cite them, compose the text."""

from __future__ import annotations

from dataclasses import replace

from rag.answering.candidates import Candidate, candidate_pool, gather
from rag.answering.choose import Budget, holding_the_asked, select
from rag.answering.cite import citation, cite
from rag.answering.compose import REFUSAL, answer_language, compose, compose_list
from rag.answering.coverage import DocumentAliases, concept_masses
from rag.answering.features import QuestionFeatures
from rag.answering.focus import focus_vector
from rag.answering.question import asks_across_documents
from rag.answering.result import Answer, EventCard
from rag.events.catalogue import EventCatalogue
from rag.events.constraints import constraints_of
from rag.events.facts import EventFacts
from rag.events.listing import AcrossQuestion, EventLine, list_events
from rag.idf import text_idf
from rag.index import LoadedIndex
from rag.ranking import DocumentNames
from rag.retrieve import Query, ScoredChunk
from rag.selection import SelectionModel, feature_matrix, shipped_model
from rag.settings import Settings


_UNSEARCHED_PASSAGES = 4  # passages read of a document a list names that the search did not reach


class ExtractiveAnswerer:
    def __init__(
        self, index: LoadedIndex, settings: Settings, model: SelectionModel | None = None, embedder=None,
        idf: dict[str, float] | None = None, document_names: DocumentNames | None = None,
    ) -> None:
        """`embedder`: the index's encoder (`rag.embedders.Embedder`), for the question's focus; None: lexical only.
        `idf` (`rag.idf.text_idf`) and `document_names` (what each document names), when the caller shares them; else read here."""
        self.index = index
        self.settings = settings
        self.embedder = embedder
        self._model = model
        self._idf = idf if idf is not None else text_idf(index)
        self._max_idf = max(self._idf.values(), default=1.0)
        self.document_names = document_names if document_names is not None else DocumentNames(index, self._idf)
        self.aliases = DocumentAliases(index)
        self.events = EventCatalogue(index)

    @property
    def model(self) -> SelectionModel:
        """The selection model given, else the one shipped for the index's embedder (read
        when first needed: `eval.fit_selection` gathers sentences before any model fits them)."""
        if self._model is None:
            self._model = shipped_model(self.index.embedder)
        return self._model

    @model.setter
    def model(self, model: SelectionModel) -> None:
        self._model = model

    @property
    def refusal_threshold(self) -> float:
        """The sentence model's threshold: its best sentence must be at least this likely. Settings
        override it when the model has no question-level refusal model (`rag.refusal`)."""
        configured = self.settings.refusal_threshold
        return self.model.refusal_threshold if configured is None or self.model.refusal is not None else configured

    def refuses(self, candidates: list[Candidate], question: str) -> bool:
        """Whether the question-level model (`rag.refusal`) finds the answer unlikely to be right;
        its threshold, unless settings set one."""
        refusal = self.model.refusal
        if refusal is None:
            return False
        configured = self.settings.refusal_threshold
        return refusal.probability(candidates, question) < (refusal.threshold if configured is None else configured)

    def answer(self, query: Query, results: list[ScoredChunk], retrieved: list[str]) -> Answer:
        passages = results[: self.settings.k]
        candidates = self.scored_candidates(query, results, retrieved)
        language = answer_language(query.language)
        support = candidates[0].score if candidates else 0.0
        contexts = [citation(self.index, i + 1, c, None) for i, c in enumerate(passages)]
        if candidates and asks_across_documents(query.question):
            lines = self.list_events(query, results, candidates, retrieved)
            alone = [c for c in candidates if len(lines) == 1 and c.doc_id == lines[0].facts.doc_id]
            if alone:  # one congress answers: as a question about it, from its document alone (or refused)
                candidates = alone
            elif lines:
                quoted = [sentence for line in lines for sentence in (line.named, line.quote) if sentence is not None]
                citations, cited = cite(self.index, quoted)
                numbers, position = [], 0
                for line in lines:  # per line: (the name's [n] when cited apart, the [n] of the rest)
                    named = cited[position] if line.named is not None else None
                    position += line.named is not None
                    numbers.append((named, cited[position]))
                    position += 1
                citations = [replace(c, event=event_card(self.events.facts(c.doc_id))) for c in citations]
                text = compose_list(language, lines, numbers)
                return Answer(query.question, text, False, language, citations, retrieved, support=support, passages=contexts)
        chosen = self.select(candidates, query.question)
        if not chosen:
            return Answer(query.question, REFUSAL[language], True, language, [], retrieved, support=support, passages=contexts)
        citations, numbers = cite(self.index, chosen)
        text = compose(query.question, language, chosen, numbers, across=asks_across_documents(query.question))
        return Answer(query.question, text, False, language, citations, retrieved, support=support, passages=contexts)

    def list_events(self, query: Query, results: list[ScoredChunk], candidates: list[Candidate], retrieved: list[str]) -> list[EventLine]:
        """One line per congress for a question across congresses (`rag.events.listing`), or none."""
        numbers, acronyms = self.document_names.named_in(query.question)
        asked = AcrossQuestion(query.question, query.language, query.concepts, concept_masses(query, self._idf, self._max_idf),
                               constraints_of(query.question, self.index.stem_languages, query.concepts), frozenset(acronyms))

        def sentences_of(doc_id: str) -> list[Candidate]:
            passages = [r for r in results if r.chunk.doc_id == doc_id][:2] or [
                ScoredChunk(chunk, 0.0) for chunk in self.events.chunks_of(doc_id)[:_UNSEARCHED_PASSAGES]]
            found = self.candidates(query, passages, retrieved) if passages else []
            for candidate, probability in zip(found, self.model.probabilities(feature_matrix(found)) if found else []):
                candidate.score = float(probability)
            return sorted(found, key=lambda c: -c.score)

        def may_answer(doc_id: str, named: frozenset[str]) -> bool:
            return self.document_names.may_answer(doc_id, numbers, set(named))

        return list_events(asked, results, candidates, self.events, may_answer, sentences_of)

    def select(self, candidates: list[Candidate], question: str) -> list[Candidate]:
        """The sentences to quote from scored `candidates` (best first), or none: when the question-level
        model says the answer would not be right (`refuses`), else as `choose.select` decides."""
        holding = holding_the_asked(candidates, question)
        if self.refuses(holding, question):
            return []
        settings = self.settings
        budget = Budget(self.refusal_threshold, self.model.companion_ratio, settings.max_answer_sentences, settings.max_answer_words)
        return select(holding, question, budget)

    def scored_candidates(self, query: Query, results: list[ScoredChunk], retrieved: list[str]) -> list[Candidate]:
        """The eligible sentences, best first, scored by the model."""
        candidates = self.eligible_candidates(query, results, retrieved)
        for candidate, probability in zip(candidates, self.model.probabilities(feature_matrix(candidates))):
            candidate.score = float(probability)
        candidates.sort(key=lambda c: -c.score)
        return candidates

    def eligible_candidates(self, query: Query, results: list[ScoredChunk], retrieved: list[str]) -> list[Candidate]:
        """Sentences of the top passages (and of the next ones from the same documents, where
        a date or number may sit a little further down), with their features, unscored.
        Only a document holding every year, number, edition and acronym the question names may
        answer it (`rag.ranking`): "the 2031 congress" is not answered from the 2025 one, nor "the 8th edition" from the 7th."""
        pool = self.candidate_pool(results, across=asks_across_documents(query.question))
        numbers, acronyms = self.document_names.named_in(query.question)
        return [c for c in self.candidates(query, pool, retrieved) if self.document_names.may_answer(c.doc_id, numbers, acronyms)]

    def candidate_pool(self, results: list[ScoredChunk], across: bool = False) -> list[ScoredChunk]:
        """The passages whose sentences are read (`candidates.candidate_pool`)."""
        return candidate_pool(results, self.settings.k, across)

    def candidates(self, query: Query, passages: list[ScoredChunk], retrieved: list[str]) -> list[Candidate]:
        """Every sentence of `passages` with its features (`rag.selection.FEATURES`), unscored."""
        masses = concept_masses(query, self._idf, self._max_idf)
        focus = focus_vector(self.index, self.embedder, query, passages)
        features = QuestionFeatures(self.index, self.aliases, query, masses, focus, retrieved)
        return gather(self.index, passages, features)


def event_card(facts: EventFacts) -> EventCard | None:
    """The heading of a citation's card: the congress its document reports, as the text states it."""
    if facts.name is None:
        return None
    value = lambda fact: fact.value if fact is not None else ""  # noqa: E731
    return EventCard(facts.name.value, facts.edition, value(facts.city), value(facts.venue), value(facts.dates), facts.year)
