"""IDF of the corpus's terms, as the answerer weighs a question's concepts and tells a term the
texts use from one they never do."""

from __future__ import annotations

import math

from rag.index import LoadedIndex
from rag.language import analyse


def text_idf(index: LoadedIndex) -> dict[str, float]:
    """IDF of every indexed term, from document frequencies over the chunks of texts.
    Programme passages are not counted: each names its congress again, which would make
    the congress's own name look common.

    idf(t) = ln(1 + (n − df(t) + 0.5) / (df(t) + 0.5)), n the number of text chunks (BM25's IDF)."""
    df = dict(index.lexical.document_frequencies())
    programme_chunks = [c for c in index.chunks if index.documents[c.doc_id].metadata.get("kind") == "programme"]
    for chunk in programme_chunks:
        for term in set(analyse(chunk.index_text, index.stem_languages_of(chunk.doc_id))):
            if term in df:
                df[term] -= 1
    n = max(1, len(index.chunks) - len(programme_chunks))
    return {term: math.log(1 + (n - count + 0.5) / (count + 0.5)) for term, count in df.items() if count > 0}
