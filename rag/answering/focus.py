"""The question's focus: its words that the first passage's context line (its document's title
and lead) does not already hold, as a vector. "Quelle nation était l'invitée d'honneur du 36e
congrès de la SMACOT ?" is, inside the report on that congress, a question about "quelle
nation était l'invitée d'honneur": every sentence of the report is close to the congress's
name, the one that answers is close to the focus.

The focus depends on the passage the search puts first, so it is encoded after the search; the
passage the words alone put first is the same one for most questions (85 % of the dev set's),
and `likely_focus` gives the focus that passage would give, to be encoded beside the question
while a core is free (`rag.retrieve.HybridRetriever.embed`)."""

from __future__ import annotations

import numpy as np

from rag.answering.coverage import stems
from rag.chunking import Chunk
from rag.index import LoadedIndex
from rag.language import analyse, raw_tokens
from rag.ranking import DocumentNames
from rag.retrieve import Query, ScoredChunk


def focus_text(index: LoadedIndex, query: Query, chunk: Chunk) -> str | None:
    """The words of the focus when `chunk` comes first, to be encoded; None when the focus is the
    question's own vector (all its words are in the context line, or none of them is and the
    question is not a follow-up, whose vector is made of its earlier turns too)."""
    languages = index.stem_languages_of(chunk.doc_id)
    context = set(analyse(chunk.context, languages))
    context |= stems(context)
    tokens = raw_tokens(query.question)
    kept = [token for token in tokens if not set(analyse(token, languages)) & context]
    if not kept:
        return None
    if len(kept) == len(tokens):  # nothing taken away: the question itself (a follow-up's without its earlier turns)
        return query.question if query.context else None
    return " ".join(kept)


def focus_vector(index: LoadedIndex, embedder, query: Query, passages: list[ScoredChunk]) -> np.ndarray | None:
    """The focus's vector (`embedder`: the index's encoder); None without an encoder, a question
    vector or passages; the question's own vector when all its words are in the context line."""
    if embedder is None or query.vector is None or not passages:
        return None
    text = focus_text(index, query, passages[0].chunk)
    # Encoded once per process: a focus of asking words only ("Où se tient le", "Who chairs
    # the") is a phrasing many attendees share, whatever congress they ask about; a follow-up's
    # own words were encoded for its vector.
    return query.vector if text is None else embedder.query_array([text])[0]


def likely_focus(index: LoadedIndex, document_names: DocumentNames, query: Query, ranking: list[ScoredChunk]) -> str | None:
    """The focus's words if the search puts first the passage `ranking` (what the question's words
    alone find) puts first once the documents it names come first, as they do in the search's
    results (`rag.ranking`)."""
    first = document_names.naming_documents_first(query, ranking)[:1]
    return focus_text(index, query, first[0].chunk) if first else None
