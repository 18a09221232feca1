"""The question's focus: its words that the first passage's context line (its document's title
and lead) does not already hold, as a vector. "Quelle nation était l'invitée d'honneur du 36e
congrès de la SMACOT ?" is, inside the report on that congress, a question about "quelle
nation était l'invitée d'honneur": every sentence of the report is close to the congress's
name, the one that answers is close to the focus."""

from __future__ import annotations

import numpy as np

from rag.answering.coverage import stems
from rag.index import LoadedIndex
from rag.language import analyse, raw_tokens
from rag.retrieve import Query, ScoredChunk


def focus_vector(index: LoadedIndex, embedder, query: Query, passages: list[ScoredChunk]) -> np.ndarray | None:
    """The focus's vector (`embedder`: the index's encoder); None without an encoder, a question
    vector or passages; the question's own vector when all its words are in the context line."""
    if embedder is None or query.vector is None or not passages:
        return None
    chunk = passages[0].chunk
    languages = index.stem_languages_of(chunk.doc_id)
    context = set(analyse(chunk.context, languages))
    context |= stems(context)
    tokens = raw_tokens(query.question)
    kept = [token for token in tokens if not set(analyse(token, languages)) & context]
    if not kept:
        return query.vector
    if len(kept) == len(tokens):  # nothing taken away: the question itself (a follow-up's without its earlier turns)
        return embedder.query_array([query.question])[0] if query.context else query.vector
    # Encoded once per process: a focus of asking words only ("Où se tient le", "Who chairs
    # the") is a phrasing many attendees share, whatever congress they ask about.
    return embedder.query_array([" ".join(kept)])[0]
