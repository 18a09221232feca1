"""The LangChain tutorial retriever, for comparison: RecursiveCharacterTextSplitter
(1,000 characters, 200 overlap), all-MiniLM-L6-v2 embeddings, Chroma similarity search.
No lexical search, no language handling, no context on chunks."""

from __future__ import annotations

import time
from pathlib import Path

from rag.documents import iter_corpus_files, load_document


class TutorialRetriever:
    def __init__(self, store, chunks: int, seconds: float) -> None:
        self.store = store
        self.chunks = chunks
        self.build_seconds = seconds

    @classmethod
    def build(cls, corpus_dir: Path, persist_dir: Path, threads: int = 2) -> "TutorialRetriever":
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from rag.embedders import load_embedder

        started = time.perf_counter()
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        pieces = []
        for path in iter_corpus_files(corpus_dir):
            document = load_document(path, corpus_dir)  # same reading (and doc ids) as congress-chat
            pieces.extend(splitter.split_documents([Document(page_content=document.text, metadata={"doc_id": document.doc_id})]))
        embeddings = load_embedder("minilm", threads)  # the bundled all-MiniLM-L6-v2, a LangChain Embeddings
        store = Chroma(collection_name="tutorial", embedding_function=embeddings, persist_directory=str(persist_dir))
        for start in range(0, len(pieces), 256):
            store.add_documents(pieces[start : start + 256])
        return cls(store, len(pieces), time.perf_counter() - started)

    def retrieve(self, question: str, k: int = 10) -> list[str]:
        """Ranked document ids, deduplicated, from the top-k chunks."""
        seen: list[str] = []
        for document in self.store.similarity_search(question, k=k):
            if document.metadata["doc_id"] not in seen:
                seen.append(document.metadata["doc_id"])
        return seen
