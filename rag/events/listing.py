"""The answer to a question across congresses: one line per congress.

"Quels congrès de pneumologie Rabat a-t-elle accueillis, et qui en était l'organisateur ?",
"Which sleep-medicine meetings took place in Agadir, and when?", "أين نظمت القوافل الطبية التي
تصفها الوثائق؟". The documents listed are those the search found that state what the question
requires (`constraints.holds`: its cities, specialties, months and names; its years, editions and
acronyms are checked before, by `rag.ranking`) and hold nearly as much of the rest of the question
as the best of them (`constraints.coverage`, at least `_COVERAGE_RATIO` of the best's). At most
`_MAX_LINES`, the first the search ranks, shown in the order they took place (those without a
known date after, in the search's order).

Each line names the event (`EventFacts.names`: the name that shares most words with the question),
then the fact asked — its city and venue for "where", its dates for "when", its organiser, its
president, its theme — cited to the sentence that states it; when the document does not state
that fact, or the question asks something else, the line quotes the document's best sentence
(the selection model's), cited likewise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.answering.candidates import Candidate
from rag.answering.choose import holding_the_asked
from rag.answering.question import ANSWER_TYPES, framing_words
from rag.events.catalogue import EventCatalogue
from rag.events.constraints import Constraints, alternatives, coverage, defined_acronyms, frame_terms, holds
from rag.events.facts import EventFacts, Fact
from rag.language import analyse, fold
from rag.retrieve import ScoredChunk

_FACT_KINDS = ("place", "date", "organiser", "person", "theme")
_ORGANISATION = re.compile(r"\b(Société|Association|Fédération|Collège|Society|Association|Federation|College|Ordre|Syndicat|Union|Ligue)\b")
_MAX_LINES = 6
_MAX_DOCUMENTS = 12  # documents of the search read for a list, in its order
# Set by hand on the dev set's first across-documents questions and the fictional editions (too few to fit):
_COVERAGE_RATIO = 0.7  # a document is listed when it holds at least this share of what the best of its language holds
_SEARCH_RATIO = 0.55  # else a document is read for the list when its best passage scores at least this share of the best one's
# "qui les organisait", "who organised", "من نظم": the organiser asked, not "the caravans organised after…"
_ASKS_WHO = re.compile(r"\b(qui|who|whom)\b|^\s*و?من\s|(?:^|\s)(من (?:هو|هي|هم|نظم|ينظم|ترأس|يترأس)|الجهة)\s", re.I)
_ASKS_CITY = re.compile(r"\b(villes?|cities|city)\b|مدن|مدينة|المدن", re.I)  # "in which cities": the city, not the venue
# "Qui présidait…", "who chaired…", "من ترأس…": the president is the person asked for
_ASKS_CHAIR = re.compile(r"\b(présid\w*|presid\w*|chair\w*)\b|رئيس|ترأس|يترأس|برئاسة", re.I)


@dataclass(frozen=True)
class AcrossQuestion:
    """A question across congresses as the list reads it: its text and language, its concepts with
    their IDF masses (`rag.answering.coverage.concept_masses`), what it requires of each congress
    (`constraints.constraints_of`) and the acronyms it names."""

    text: str
    language: str
    concepts: tuple
    masses: list
    constraints: Constraints
    acronyms: frozenset[str]


@dataclass(frozen=True)
class EventLine:
    """One congress of the list: its facts, the name shown, the facts asked that it states, and the
    sentence cited (the fact's, or the document's best, quoted when a fact asked is missing)."""

    facts: EventFacts
    name: str
    said: tuple[str, ...]  # the facts asked, as the document states them; none: the line quotes `quote`
    quote: Candidate
    details: tuple[str, ...]  # what else names the congress: its venue and city, its year
    quoted: bool  # whether the line quotes `quote` (a fact asked that the document does not state, or none asked)
    named: Candidate | None = None  # the sentence naming the event, when another passage than `quote`'s: cited apart


def asked_kinds(question: str, constraints: Constraints, acronyms: frozenset[str]) -> tuple[str, ...]:
    """The facts a question across congresses asks of each, in the order it asks them: "place",
    "date", "organiser", "person" (the president), "theme"; none: the line quotes the best sentence.
    A fact the question gives is not asked ("… Rabat a-t-elle accueillis, et qui en était
    l'organisateur ?" asks the organiser; "… avaient pour thème « … », et quand … ?" the dates)."""
    given = {
        "place": bool(constraints.cities),
        "date": bool(constraints.months),
        "theme": any(phrase.text in question and _quoted(question, phrase.text) for phrase in constraints.phrases),
        "organiser": bool(acronyms) or any(_ORGANISATION.search(phrase.text) for phrase in constraints.phrases),
    }
    found = []
    for kind, (asks, _) in ANSWER_TYPES.items():
        match = asks.search(question)
        if match and kind in _FACT_KINDS and not given.get(kind) and (kind != "person" or _ASKS_CHAIR.search(question)) \
                and (kind != "organiser" or _ASKS_WHO.search(question)):
            found.append((match.start(), kind))
    return tuple(kind for _, kind in sorted(found))[:2]


def _quoted(question: str, text: str) -> bool:
    at = question.find(text)
    return at > 0 and question[at - 2 : at].strip() in ("«", '"', "“")


def list_events(
    asked: AcrossQuestion,
    results: list[ScoredChunk],
    candidates: list[Candidate],
    catalogue: EventCatalogue,
    may_answer: Callable[[str, frozenset[str]], bool],
    sentences_of: Callable[[str], list[Candidate]],
) -> list[EventLine]:
    """The lines of the list (one, when one congress answers), or none when none does.
    `candidates`: the scored sentences already read, best first; `may_answer(doc_id, acronyms)`:
    whether a document holds the question's years, editions and those acronyms (`rag.ranking`);
    `sentences_of(doc_id)`: a document's scored sentences, for one the candidates do not reach."""
    listed = listed_documents(asked, results, catalogue, may_answer)
    kinds = asked_kinds(asked.text, asked.constraints, asked.acronyms)
    question_terms = set(analyse(asked.text, catalogue.index.stem_languages))
    people = [phrase.text for phrase in asked.constraints.phrases if phrase.person]
    lines = []
    for doc_id in listed:
        facts = catalogue.facts(doc_id)
        own = [c for c in candidates if c.doc_id == doc_id] or sentences_of(doc_id)
        quote = next(iter(holding_the_asked(own, asked.text)), None) or next(iter(own), None)  # best holding what is asked, else best
        if people:  # "À quel titre X figure-t-il ?": the sentence that names them
            naming = [c for c in [*own, *sentences_of(doc_id)] if _names_person(c.text, people)]
            quote = max(naming, key=lambda c: c.score, default=quote)
        stated = [facts.asked(kind) for kind in kinds]
        said = tuple(_said(fact, kind, facts, bool(_ASKS_CITY.search(asked.text))) for fact, kind in zip(stated, kinds) if fact is not None)
        complete = bool(kinds) and len(said) == len(kinds)
        evidence = next((fact for fact in stated if fact is not None and fact.start >= 0), None)
        if evidence is not None and complete:
            quote = _sentence_at(catalogue, doc_id, evidence, quote) or quote
        if quote is None:
            continue
        name = _name(facts, question_terms, catalogue)
        named = _sentence_at(catalogue, doc_id, name, quote) if name.start >= 0 and _proper(name.value) else None
        if named is not None and named.result.chunk.chunk_id == quote.result.chunk.chunk_id:
            named = None
        lines.append(EventLine(facts, name.value, said, quote, _details(facts, kinds), not complete, named))
    order = {doc_id: position for position, doc_id in enumerate(listed)}
    lines.sort(key=lambda line: (line.facts.when is None, line.facts.when or (0, 0, 0), order[line.facts.doc_id]))
    return lines


def listed_documents(asked: AcrossQuestion, results: list[ScoredChunk], catalogue: EventCatalogue,
                     may_answer: Callable[[str, frozenset[str]], bool]) -> list[str]:
    """The documents the list names, in the search's order: of the first `_MAX_DOCUMENTS` it ranks
    (those scoring `_SEARCH_RATIO` of the best one's at least, when the question requires nothing of
    each congress; and, for a person the question names, every document naming them), those that hold the
    question's years, editions and acronyms (an acronym the question spells out may be held in
    words) and state what it requires (`holds`), and hold nearly as much of the rest of it as the
    best of their language (`coverage`); at most `_MAX_LINES`."""
    index = catalogue.index
    constraints = asked.constraints
    ranked: list[str] = []
    # a question that requires something of each congress (a place, a specialty, a month, a name, a kind of
    # event) reads further down the search, the requirement standing guard; another, only its head
    floor = 0.0 if constraints.required else _SEARCH_RATIO * max((result.score for result in results), default=0.0)
    for result in results:  # in the search's order (documents naming the question's editions first: `rag.ranking`)
        doc_id = result.chunk.doc_id
        if len(ranked) >= _MAX_DOCUMENTS:
            break
        if result.score >= floor and doc_id not in ranked and index.documents[doc_id].metadata.get("kind") != "programme":
            ranked.append(doc_id)
    people = [phrase for phrase in constraints.phrases if phrase.person]
    for phrase in people:  # a person named: the documents naming them, wherever the search ranks them
        ranked += [doc_id for doc_id in catalogue.documents_naming([word for word, _ in phrase.terms]) if doc_id not in ranked]
    acronyms = asked.acronyms - defined_acronyms(constraints)
    held = [doc_id for doc_id in ranked if may_answer(doc_id, acronyms) and holds(constraints, catalogue, doc_id, asked.language)]
    if people:  # a person named is what the question is about: the rest ("à quel titre … figure-t-il") is its phrasing
        return held[:_MAX_LINES]
    frame = frame_terms(framing_words(asked.text), index.stem_languages) | constraints.terms
    either = alternatives(asked.text, index.stem_languages)
    share = {doc_id: coverage(asked.concepts, asked.masses, catalogue.terms(doc_id), frame,
                              index.documents[doc_id].language == asked.language, either) for doc_id in held}
    best: dict[str, float] = {}  # the best share among the documents of each language: a question's words are held best in its own
    for doc_id in held:
        written = index.documents[doc_id].language
        best[written] = max(best.get(written, 0.0), share[doc_id])
    return [doc_id for doc_id in held if share[doc_id] >= _COVERAGE_RATIO * best[index.documents[doc_id].language]][:_MAX_LINES]


def _names_person(text: str, people: list[str]) -> bool:
    """Whether `text` names one of `people` (by the surname: "Imaginé" for "Samir Imaginé")."""
    folded = fold(text)
    return any(fold(person.split()[-1]) in folded for person in people)


def _said(fact: Fact, kind: str, facts: EventFacts, cities_only: bool = False) -> str:
    """A fact as the line gives it: dates with their year when the text gives it elsewhere; for
    "in which cities", the city alone when known."""
    if kind == "date" and facts.year and str(facts.year) not in fact.value:
        return f"{fact.value} {facts.year}"
    if kind == "place" and cities_only and facts.city is not None:
        return facts.city.value
    return fact.value


def _name(facts: EventFacts, question_terms: set[str], catalogue: EventCatalogue) -> Fact:
    """The document's event name that shares most words with the question (its own first on ties)."""
    if not facts.names:
        return Fact(catalogue.index.documents[facts.doc_id].title)
    languages = catalogue.index.stem_languages
    scored = [(len(question_terms & set(analyse(name.value, languages))) + (position == 0), -position, position)
              for position, name in enumerate(facts.names)]
    return facts.names[max(scored)[2]]


def _proper(name: str) -> bool:
    """Whether an event's name is its own ("4e édition du Congrès national de pneumologie"), not a
    common noun ("caravan", "congrès"), which needs no citation of its own."""
    return len(name.split()) > 2 or any(word[:1].isupper() or word[:1].isdigit() for word in name.split()[1:])


def _details(facts: EventFacts, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """Its venue and city (unless asked), its year (unless its dates are: the year its text gives,
    else the year it was published, as its citation card dates it)."""
    details = []
    place = facts.venue_and_city()
    if "place" not in kinds and place is not None:
        details.append(place.value)
    if "date" not in kinds and facts.year is not None:
        details.append(str(facts.year))
    return tuple(details)


def _sentence_at(catalogue: EventCatalogue, doc_id: str, fact: Fact, like: Candidate | None) -> Candidate | None:
    """The sentence of the document that states `fact`, as a candidate to cite."""
    chunk = catalogue.chunk_at(doc_id, fact.start)
    if chunk is None:
        return None
    span = next((s for s in chunk.sentences if s.start <= fact.start < s.end), None)
    if span is None:
        return None
    text = chunk.text[span.start - chunk.start : span.end - chunk.start]
    score = like.score if like is not None else 0.0
    result = like.result if like is not None and like.result.chunk.chunk_id == chunk.chunk_id else ScoredChunk(chunk, score)
    return Candidate(result, like.rank if like is not None else 0, span.start, span.end, text, {}, score)

