"""The events of an index: each document's `EventFacts`, its search terms and its passages,
read when a question first needs them and kept for the life of the index (an assistant holds
one catalogue per index generation, so a rebuild reads them again)."""

from __future__ import annotations

from rag.answering.coverage import stems
from rag.events.dates import DateSpan, dates_in
from rag.events.facts import EventFacts, read_event_facts
from rag.events.places import cities_in, countries_in
from rag.events.words import words_of
from rag.index import LoadedIndex
from rag.language import analyse
from rag.specialties import specialties_named


LEAD_CHARS = 700  # the title and first paragraph: a city or country named there is where the event is


class EventCatalogue:
    def __init__(self, index: LoadedIndex) -> None:
        self.index = index
        self._facts: dict[str, EventFacts] = {}
        self._terms: dict[str, frozenset[str]] = {}
        self._prefixes: dict[str, frozenset[str]] = {}
        self._lead: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._dates: dict[str, list[DateSpan]] = {}
        self._specialties: dict[str, frozenset[str]] = {}
        self._chunks: dict[str, list] = {}

    def warm(self) -> None:
        """Read every document's facts, terms, places, specialties and dates now (a few ms a document),
        so that the first across-congress question to reach a document does not wait for them."""
        for doc_id in self.index.documents:
            self.facts(doc_id)
            self.terms(doc_id)
            self.lead_places(doc_id)
            self.specialties(doc_id)
            self.dates(doc_id)

    def facts(self, doc_id: str) -> EventFacts:
        """What the document says of its event (`rag.events.facts.read_event_facts`)."""
        facts = self._facts.get(doc_id)
        if facts is None:
            document = self.index.documents[doc_id]
            facts = read_event_facts(doc_id, document.text, document.title, document.metadata)
            self._facts[doc_id] = facts
        return facts

    def terms(self, doc_id: str) -> frozenset[str]:
        """The document's search terms (title and text, in the index's stemming languages), and their `stems`."""
        terms = self._terms.get(doc_id)
        if terms is None:
            document = self.index.documents[doc_id]
            analysed = frozenset(analyse(f"{document.title}\n{document.text}", self.index.stem_languages))
            terms = analysed | stems(analysed)
            self._terms[doc_id] = terms
        return terms

    def lead_places(self, doc_id: str) -> tuple[frozenset[str], frozenset[str]]:
        """(cities, countries and regions) the document's lead names (its first `LEAD_CHARS`)."""
        places = self._lead.get(doc_id)
        if places is None:
            lead = self.index.documents[doc_id].text[:LEAD_CHARS]
            words = words_of(lead)
            places = (frozenset(p.name for p in cities_in(lead, words)), frozenset(p.name for p in countries_in(lead, words)))
            self._lead[doc_id] = places
        return places

    def specialties(self, doc_id: str) -> frozenset[str]:
        """The medical specialties the document names (`rag.specialties`)."""
        named = self._specialties.get(doc_id)
        if named is None:
            document = self.index.documents[doc_id]
            named = self._specialties[doc_id] = frozenset(specialties_named(f"{document.title}\n{document.text}"))
        return named

    def dates(self, doc_id: str) -> list[DateSpan]:
        """Every date the document writes (`rag.events.dates.dates_in`)."""
        spans = self._dates.get(doc_id)
        if spans is None:
            spans = self._dates[doc_id] = dates_in(self.index.documents[doc_id].text)
        return spans

    def prefixes(self, doc_id: str, size: int = 6) -> frozenset[str]:
        """The first `size` letters of the document's long Latin terms, for cognates across languages."""
        prefixes = self._prefixes.get(doc_id)
        if prefixes is None:
            prefixes = frozenset(t[:size] for t in self.terms(doc_id) if len(t) >= size and t.isascii() and t.isalpha())
            self._prefixes[doc_id] = prefixes
        return prefixes

    def chunks_of(self, doc_id: str) -> list:
        """The document's passages, in order."""
        if not self._chunks:
            for chunk in self.index.chunks:
                self._chunks.setdefault(chunk.doc_id, []).append(chunk)
            for chunks in self._chunks.values():
                chunks.sort(key=lambda c: c.start)
        return self._chunks.get(doc_id, [])

    def chunk_at(self, doc_id: str, offset: int):
        """The passage of the document holding `offset` (its first passage when none does)."""
        chunks = self.chunks_of(doc_id)
        return next((c for c in chunks if c.start <= offset < c.end), chunks[0] if chunks else None)

    def documents_naming(self, words: list[frozenset[str]], limit: int = 20) -> list[str]:
        """The documents whose text holds every word (each given by its terms; any one will do), as
        the lexical index finds them: a person the search's passages do not name may be named elsewhere."""
        weighted = {term: 1.0 for word in words for term in word if not term.startswith("~")}
        found: list[str] = []
        for hit in self.index.lexical.search(weighted, limit):
            doc_id = self.index.chunk_by_id[hit.chunk_id].doc_id
            if doc_id not in found and all(word & self.terms(doc_id) for word in words):
                found.append(doc_id)
        return found
