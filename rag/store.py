"""The dense vector store: Chroma, embedded on disk or a `chroma run` server.

One collection holds the chunk vectors of one embedder in one index generation; its
metadata records the embedder, so vectors of two models are never mixed. A new
generation is built in new collections (vectors of unchanged chunks are copied, not
re-embedded) and the old ones stay readable until the switch.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from rag.errors import ConfigError, IndexMismatchError

_COPY_BATCH = 2000
_EXACT_MAX = 100_000  # vectors held in the process for searches within one language (~150 MB at 384 dimensions)


@dataclass(frozen=True)
class DenseHit:
    chunk_id: str
    similarity: float  # cosine similarity, 1 is identical


def _client(location: Path | str):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if isinstance(location, Path):
        return chromadb.PersistentClient(path=str(location), settings=chroma_settings)
    match = re.match(r"^(https?)://([^/:]+)(?::(\d+))?/?$", location)
    if not match:
        raise ConfigError(f"chroma_url must look like http://host:port, got {location!r}")
    scheme, host, port = match.groups()
    try:
        return chromadb.HttpClient(
            host=host, port=int(port or (443 if scheme == "https" else 8000)), ssl=scheme == "https", settings=chroma_settings
        )
    except Exception as error:
        raise ConfigError(f"cannot reach the Chroma server at {location}: {error}") from error


def collection_name(namespace: str, generation: int, embedder: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", embedder).strip("-")[:40] or "emb"
    if len(slug) < len(embedder) - 2:  # long or odd names stay unique
        slug += "-" + hashlib.sha1(embedder.encode()).hexdigest()[:6]
    return f"cc-{namespace}-g{generation}-{slug}"


class VectorStore:
    """Chunk vectors of one embedder in one generation."""

    def __init__(self, collection, embedder: str) -> None:
        self._collection = collection
        self.embedder = embedder
        self._count: int | None = None  # a generation's collection changes only through `add`
        self._by_language: dict[str, tuple[list[str], np.ndarray]] | None = None  # read once, for `search(language=…)`
        self._reading = threading.Lock()

    @classmethod
    def open(cls, location: Path | str, name: str, embedder: str) -> "VectorStore":
        client = _client(location)
        try:
            collection = client.get_collection(name, embedding_function=None)
        except Exception as error:
            raise IndexMismatchError(f"vector collection {name} is missing from the store: rebuild with `congress-chat ingest`") from error
        built_with = (collection.metadata or {}).get("embedder")
        if built_with != embedder:
            raise IndexMismatchError(f"vector collection {name} was built with {built_with!r}, not {embedder!r}")
        return cls(collection, embedder)

    @classmethod
    def create(cls, location: Path | str, name: str, embedder: str) -> "VectorStore":
        client = _client(location)
        try:
            client.delete_collection(name)  # leftover of an interrupted build
        except Exception:
            pass
        collection = client.create_collection(
            name, configuration={"hnsw": {"space": "cosine"}}, metadata={"embedder": embedder}, embedding_function=None
        )
        return cls(collection, embedder)

    @staticmethod
    def drop(location: Path | str, name: str) -> None:
        try:
            _client(location).delete_collection(name)
        except Exception:
            pass

    def add(self, ids: list[str], vectors: np.ndarray, languages: list[str] | None = None) -> None:
        """Store `vectors` under `ids`; `languages` (one per id) lets searches keep to one language."""
        for start in range(0, len(ids), _COPY_BATCH):
            end = start + _COPY_BATCH
            metadatas = [{"language": language} for language in languages[start:end]] if languages else None
            self._collection.add(ids=ids[start:end], embeddings=vectors[start:end], metadatas=metadatas)
        self._count, self._by_language = None, None

    def vectors(self, ids: list[str]) -> Iterator[tuple[list[str], np.ndarray]]:
        """Stored vectors of `ids` (those present), in batches."""
        for start in range(0, len(ids), _COPY_BATCH):
            got = self._collection.get(ids=ids[start : start + _COPY_BATCH], include=["embeddings"])
            if got["ids"]:
                yield list(got["ids"]), np.asarray(got["embeddings"], dtype=np.float32)

    def count(self) -> int:
        """Vectors in the collection, counted once (a millisecond per question otherwise)."""
        if self._count is None:
            self._count = self._collection.count()
        return self._count

    def search(self, vector: np.ndarray, k: int, language: str | None = None) -> list[DenseHit]:
        """The `k` nearest chunks, among those written in `language` when it is given. Within one
        language the search is exact, over that language's vectors read from the collection once
        (`_language_vectors`): Chroma's filtered query reads the whole collection's metadata on every
        call (1.7 ms of CPU a language at 469 chunks, 31 ms at 10,000 on our machine), where the
        product with one language's vectors takes a few hundredths of a millisecond at 469."""
        k = min(k, self.count())
        if k <= 0:
            return []
        by_language = self._language_vectors() if language else None
        if by_language is not None:
            return _nearest(vector, *by_language.get(language, ([], np.zeros((0, 0), dtype=np.float32))), k)
        where = {"language": language} if language else None
        result = self._collection.query(query_embeddings=[vector], n_results=k, where=where, include=["distances"])
        return [DenseHit(chunk_id, 1.0 - float(distance)) for chunk_id, distance in zip(result["ids"][0], result["distances"][0])]

    def _language_vectors(self) -> dict[str, tuple[list[str], np.ndarray]] | None:
        """{language: (chunk ids, their vectors)}, read from the collection on first use; None for a
        collection too large to hold (`_EXACT_MAX`), which Chroma's filtered query then searches."""
        if self._by_language is None and self.count() <= _EXACT_MAX:
            with self._reading:
                if self._by_language is None:
                    ids: dict[str, list[str]] = {}
                    vectors: dict[str, list[np.ndarray]] = {}
                    for offset in range(0, self.count(), _COPY_BATCH):
                        got = self._collection.get(limit=_COPY_BATCH, offset=offset, include=["embeddings", "metadatas"])
                        for chunk_id, vector, metadata in zip(got["ids"], got["embeddings"], got["metadatas"]):
                            language = (metadata or {}).get("language")
                            ids.setdefault(language, []).append(chunk_id)
                            vectors.setdefault(language, []).append(np.asarray(vector, dtype=np.float32))
                    self._by_language = {language: (ids[language], _unit_rows(np.stack(vectors[language]))) for language in ids}
        return self._by_language


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=-1, keepdims=True), 1e-12)


def _nearest(vector: np.ndarray, ids: list[str], vectors: np.ndarray, k: int) -> list[DenseHit]:
    """The `k` rows of `vectors` (unit rows) nearest `vector` by cosine similarity, as Chroma's
    cosine space measures it, nearest first; equal similarities in the collection's order."""
    if not ids:
        return []
    similarities = vectors @ _unit_rows(np.asarray(vector, dtype=np.float32))
    k = min(k, len(ids))
    candidates = np.argpartition(-similarities, k - 1)[:k] if k < len(ids) else np.arange(len(ids))
    order = candidates[np.lexsort((candidates, -similarities[candidates]))]
    return [DenseHit(ids[row], float(similarities[row])) for row in order]
