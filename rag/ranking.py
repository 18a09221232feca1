"""Documents that name what the question names come first, and only they may answer.

A question naming an edition, a year, a number or an acronym ("the 15th congress in Tangier",
"le congrès de la SMR en 2019") is about the documents that name them too: `holds_names` says
whether a document does, `DocumentNames.naming_documents_first` puts the passages of those
documents before the others (each group in the search's order), and the answerer draws only on
them (`DocumentNames.may_answer`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container

from rag.index import LoadedIndex
from rag.language import analyse, normalise, raw_tokens, read_ordinals
from rag.retrieve import Query, ScoredChunk

YEAR = re.compile(r"(19|20)\d\d")
_NUMBER = re.compile(r"\b\d{1,4}\b")
_SHORT_DATE_YEAR = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](\d{2})\b")


def numbers_named(question: str) -> set[str]:
    """Years, numbers and editions the question names, as analysed terms ("2019", "8e")."""
    wanted = set()
    tokens = raw_tokens(question)
    ordinals, compound_parts = read_ordinals(tokens)
    for position, token in enumerate(tokens):
        if position in ordinals:
            wanted.add(f"{ordinals[position]}e")
        elif position in compound_parts:
            continue
        elif _NUMBER.fullmatch(normalise(token)):
            wanted.add(normalise(token).lstrip("0") or "0")
    return wanted


def acronyms_named(question: str) -> set[str]:
    """Acronyms the question names (OMM, SMR), as analysed terms."""
    return {term for token in raw_tokens(question) if re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", token) for term in analyse(token, ("fr",))}


def holds_names(terms: frozenset[str], numbers: set[str], acronyms: set[str]) -> bool:
    """Whether a document (its analysed `terms`) holds what the question names: every acronym,
    and its year and edition (`rag.language.read_ordinals` reads "المؤتمر 36" as the 36th
    congress, as "36e congrès" is). Where the question names
    several years, or several editions ("the 14th and 15th congresses"), one of them is enough:
    each document may tell of one."""
    years = {n for n in numbers if YEAR.fullmatch(n)}
    editions = {n for n in numbers if n.endswith("e")}
    others = numbers - years - editions
    return acronyms <= terms and others <= terms and all(group & terms for group in (years, editions) if group)


class DocumentNames:
    """What each document of an index names (its terms, title and front-matter facts), read once
    per document, against what a question names. `known_terms`: the terms the texts use (an
    acronym no text uses rules no document out)."""

    def __init__(self, index: LoadedIndex, known_terms: Container[str]) -> None:
        self.index = index
        self.known_terms = known_terms
        self._doc_terms: dict[str, frozenset[str]] = {}

    def named_in(self, question: str) -> tuple[set[str], set[str]]:
        """(numbers, acronyms) the question names; acronyms only where the texts use them."""
        return numbers_named(question), {t for t in acronyms_named(question) if t in self.known_terms}

    def may_answer(self, doc_id: str, numbers: set[str], acronyms: set[str]) -> bool:
        """Whether the document holds every year, number, edition and acronym named (`holds_names`)."""
        return holds_names(self.terms_of(doc_id), numbers, acronyms)

    def terms_of(self, doc_id: str) -> frozenset[str]:
        """Every search term of a document, its title and front-matter facts."""
        if doc_id not in self._doc_terms:
            document = self.index.documents[doc_id]
            facts = " ".join(str(value) for value in document.metadata.values() if isinstance(value, (str, int, dt.date)))
            text = f"{document.title}\n{facts}\n{document.text}"
            years = {f"20{year}" for year in _SHORT_DATE_YEAR.findall(text)}  # "(18/10/19)" names 2019
            self._doc_terms[doc_id] = frozenset(analyse(text, ("fr",))) | years
        return self._doc_terms[doc_id]

    def naming_documents_first(self, query: Query, results: list[ScoredChunk]) -> list[ScoredChunk]:
        """`results` with the passages of documents that hold what the question names (its
        edition, year, numbers, acronyms: `holds_names`) before the others, each group in the
        search's order. Only those may answer; searched first, they fill the passages the
        answer is drawn from ("the 15th congress in Tangier" ranks the 15th congress's report
        before the 28th's, though both are in Tangier)."""
        numbers, acronyms = self.named_in(query.question)
        if not numbers and not acronyms:
            return results
        holding: dict[str, bool] = {}
        for result in results:
            doc_id = result.chunk.doc_id
            if doc_id not in holding:
                holding[doc_id] = self.may_answer(doc_id, numbers, acronyms)
        return sorted(results, key=lambda result: not holding[result.chunk.doc_id])
