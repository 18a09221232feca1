"""How much of the question a sentence holds, in the question's terms.

Each concept of the question weighs weight × IDF (`concept_masses`); a sentence covers it with
one of its terms, with a word of the same family (`stems`: "partenaire" / "partenariat"), or
with what one of its document's abbreviations stands for (`DocumentAliases`: "AMPI" covers
"Association marocaine de pneumologie interventionnelle", and the other way round).
"""

from __future__ import annotations

from rag.abbreviations import definitions
from rag.index import LoadedIndex
from rag.language import analyse
from rag.lexicon import LEXICON_FILES, expand
from rag.retrieve import Query

_STEM_CHARS, _ARABIC_STEM_CHARS = 7, 4
_UNSEEN, _UNSEEN_FOREIGN = 0.6, 0.3  # share of the highest IDF for a question word the corpus never uses

Masses = list[tuple[frozenset[str], float]]


def stems(terms) -> frozenset[str]:
    """The first letters of long terms, marked so they never equal a term: words of one family
    that Snowball leaves apart share them ("partenair"/"partenariat"; Arabic "مشارك"/"مشار")."""
    found = set()
    for term in terms:
        if not term.isalpha():
            continue
        size = _STEM_CHARS if term.isascii() else _ARABIC_STEM_CHARS
        if len(term) >= size + (1 if term.isascii() else 0):
            found.add("~" + term[:size])
    return frozenset(found)


def concept_masses(query: Query, idf: dict[str, float], max_idf: float) -> Masses:
    """(terms, weight × IDF) of each concept of the question. A concept the corpus never
    mentions still counts, at the highest IDF: "inscription" or "parking" missing
    everywhere is what makes a question unanswerable. An untranslated word of another
    language counts half (the lexicon may simply not know it)."""
    masses = []
    for concept in query.concepts:
        idfs = [idf[term] for term in concept.terms if term in idf]
        if idfs:
            concept_idf = max(idfs)
        else:
            concept_idf = max_idf * (_UNSEEN_FOREIGN if concept.foreign else _UNSEEN)
        masses.append((concept.terms, concept.weight * concept_idf))
    return masses


def french_terms(index: LoadedIndex, language: str, text: str) -> set[str]:
    """The French terms of `text` written in `language` (its lexicon phrases translated, stemmed as
    the index stems): an English or Arabic report names in French what a French question asks
    ("59 doctors" holds its "médecins"); none for French text."""
    if language not in LEXICON_FILES:
        return set()
    return set(analyse(" ".join(expand(text, language)), index.stem_languages))


class DocumentTerms:
    """Every term of each document (title, front-matter facts, text, and what its abbreviations
    stand for), read once per document: what the document names anywhere, against what a question
    names. A question about a congress the corpus does not hold shares words with a neighbouring
    congress's sentence, but its society, city or edition is named nowhere in that document."""

    def __init__(self, index: LoadedIndex, aliases: "DocumentAliases") -> None:
        self.index = index
        self.aliases = aliases
        self._terms: dict[str, frozenset[str]] = {}

    def of(self, doc_id: str) -> frozenset[str]:
        if doc_id not in self._terms:
            document = self.index.documents[doc_id]
            languages = self.index.stem_languages_of(doc_id)
            facts = " ".join(str(value) for value in document.metadata.values() if isinstance(value, (str, int)))
            text = f"{document.title}\n{facts}\n{document.text}"
            own = self.aliases.extend(doc_id, set(analyse(text, languages)), languages)
            own |= french_terms(self.index, document.language, text)
            self._terms[doc_id] = frozenset(own | stems(own))
        return self._terms[doc_id]


class DocumentAliases:
    """The abbreviations each document defines, read once per document."""

    def __init__(self, index: LoadedIndex) -> None:
        self.index = index
        self._aliases: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}

    def extend(self, doc_id: str, terms: set[str], languages: tuple[str, ...]) -> set[str]:
        """`terms` with what the document's abbreviations stand for: a sentence naming "AMPI"
        covers the words of "Association marocaine de pneumologie interventionnelle", and
        one naming the society in full covers its acronym."""
        if doc_id not in self._aliases:
            document = self.index.documents[doc_id]
            self._aliases[doc_id] = [
                (frozenset(analyse(acronym, languages)), frozenset(analyse(expansion, languages)))
                for acronym, expansion in definitions(document.text).items()
            ]
        extended = set(terms)
        for short, full in self._aliases[doc_id]:
            if short and short <= terms:
                extended |= full
            elif full and full <= terms:
                extended |= short
        return extended
