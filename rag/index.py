"""The index on disk: generations built aside, then switched in one atomic rename.

    index_dir/
      CURRENT                 name of the generation that answers ("gen-000004")
      IDENTITY                a random id written once: the index's name for the rebuild lock (`rag.rebuild_lock`)
      .lock                   the rebuild lock of one machine, when no database is configured
      gen-000004/
        manifest.json         files (hash, size, mtime, chunk ids), embedders, chunker
        documents.jsonl       full text and metadata of each document (to open a citation)
        chunks.jsonl          chunks with offsets, sections, sentence spans
        bm25/                 the lexical index of chunks
        bm25-identity/        the lexical index of document identities (title, facts, lead)
        sentences-<emb>.npy   sentence vectors (float16) for answer selection
        language-stats-<emb>.npz  mean and covariance of chunk vectors per language (`rag.language_fair`)
        chroma/               embedded Chroma store (absent when a Chroma server is used)

A crash or Ctrl-C while `gen-000005` is being built leaves `CURRENT` pointing at
`gen-000004`, which keeps answering; the next ingest clears the unfinished folder.

What a rebuild keeps: the generation it makes current and the one current before it, each
with its folder and, with a Chroma server, its collections, so that whoever still reads the
previous one goes on answering: a question in flight on a server that has just swapped its
assistant, a replica that has not seen the new `CURRENT` yet (each server looks every
`CONGRESS_CHAT_INDEX_POLL_SECONDS`, 2 s by default). Older generations are removed, folders
and collections. A server still answering from one of those (two rebuilds within its poll
interval, or its loads of the newer one failing meanwhile) fails the questions of that
moment, until it has loaded the current generation.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.chunking import Chunk
from rag.documents import Document
from rag.errors import IndexMismatchError, IndexMissingError
from rag.sentences import Span

FORMAT_VERSION = 5  # 5: ordinals read as such ("3ᵉ", "3-ème"; "Le" is no numeral); 4: chunk vectors carry their language
_GENERATION = re.compile(r"^gen-(\d{6})$")


@dataclass
class FileEntry:
    sha256: str
    size: int
    mtime_ns: int
    doc_id: str | None = None
    chunk_ids: list[str] = field(default_factory=list)
    error: str | None = None
    limits: list[str] = field(default_factory=list)  # cuts made by a limit when it was read (rag.limits)


@dataclass
class Manifest:
    format: int
    generation: int
    built_at: str
    chunker: dict[str, Any]
    files: dict[str, FileEntry]
    embedders: dict[str, dict[str, Any]]  # name → {"collection", "dimension", "chunks"}
    stem_languages: list[str]
    corpus_dir: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        data["files"] = {path: FileEntry(**entry) for path, entry in data["files"].items()}
        return cls(**data)


class IndexLayout:
    """Paths and the generation switch of one index folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def current_generation(self) -> int | None:
        try:
            name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        match = _GENERATION.match(name)
        if not match or not (self.root / name / "manifest.json").exists():
            return None
        return int(match.group(1))

    def generation_dir(self, generation: int) -> Path:
        return self.root / f"gen-{generation:06d}"

    def generations(self) -> list[int]:
        if not self.root.exists():
            return []
        return sorted(int(m.group(1)) for p in self.root.iterdir() if (m := _GENERATION.match(p.name)))

    def switch_to(self, generation: int) -> None:
        """Make `generation` the one that answers: write aside, fsync, rename over CURRENT."""
        tmp = self.root / "CURRENT.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(self.generation_dir(generation).name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / "CURRENT")
        _fsync_dir(self.root)

    def remove_generations(self, keep: set[int]) -> list[int]:
        removed = []
        for generation in self.generations():
            if generation not in keep:
                shutil.rmtree(self.generation_dir(generation), ignore_errors=True)
                removed.append(generation)
        return removed

    def current_since(self) -> float | None:
        """When `CURRENT` was last switched (its modification time, seconds since the epoch), or None."""
        try:
            return (self.root / "CURRENT").stat().st_mtime
        except FileNotFoundError:
            return None

    def identity(self) -> str:
        """The index's own id, written once in `IDENTITY` by whichever process needs it first: the
        same for every process and machine that shares the folder, wherever each mounts it."""
        path = self.root / "IDENTITY"
        if not path.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            draft = self.root / f"IDENTITY.{uuid.uuid4().hex}"
            draft.write_text(uuid.uuid4().hex + "\n", encoding="utf-8")
            try:
                os.link(draft, path)  # atomic, and refused when another process wrote it first
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        return path.read_text(encoding="utf-8").strip()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store_namespace(index_root: Path) -> str:
    """Collection-name prefix unique to one index folder (several indexes can share a server)."""
    return hashlib.sha1(str(index_root.resolve()).encode()).hexdigest()[:10]


def vector_location(generation_dir: Path, chroma_url: str | None) -> Path | str:
    return chroma_url if chroma_url else generation_dir / "chroma"


# --- records on disk -------------------------------------------------------------------

def chunk_to_record(chunk: Chunk) -> dict[str, Any]:
    record = asdict(chunk)
    record["sentences"] = [[span.start, span.end] for span in chunk.sentences]
    return record


def chunk_from_record(record: dict[str, Any]) -> Chunk:
    record = dict(record)
    record["sentences"] = tuple(Span(start, end) for start, end in record["sentences"])
    return Chunk(**record)


@dataclass(frozen=True)
class StoredDocument:
    doc_id: str
    title: str
    text: str
    metadata: dict[str, Any]
    source: str
    language: str
    page_starts: tuple[int, ...] = ()

    @classmethod
    def of(cls, document: Document, language: str) -> "StoredDocument":
        return cls(document.doc_id, document.title, document.text, document.metadata, document.source, language, document.page_starts)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sentence_vectors_path(generation_dir: Path, embedder: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", embedder).strip("-")
    return generation_dir / f"sentences-{slug}.npy"


def language_stats_path(generation_dir: Path, embedder: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", embedder).strip("-")
    return generation_dir / f"language-stats-{slug}.npz"


@dataclass
class SentenceVectors:
    """Vectors of every chunk's sentences, rows in chunk order; `rows[chunk_id]` = first row."""

    matrix: np.ndarray
    rows: dict[str, int]

    def of_chunk(self, chunk: Chunk) -> np.ndarray:
        first = self.rows[chunk.chunk_id]
        return self.matrix[first : first + len(chunk.sentences)]


def load_manifest(root: Path) -> tuple[IndexLayout, int, Manifest]:
    layout = IndexLayout(root)
    generation = layout.current_generation()
    if generation is None:
        raise IndexMissingError(f"no index at {root} yet: run `congress-chat ingest`")
    manifest = Manifest.from_json((layout.generation_dir(generation) / "manifest.json").read_text(encoding="utf-8"))
    if manifest.format != FORMAT_VERSION:
        raise IndexMismatchError(f"the index at {root} has format {manifest.format}; rebuild it with `congress-chat ingest`")
    return layout, generation, manifest


def load_sentence_vectors(generation_dir: Path, embedder: str, chunks: list[Chunk]) -> SentenceVectors:
    matrix = np.load(sentence_vectors_path(generation_dir, embedder))
    rows, row = {}, 0
    for chunk in chunks:
        rows[chunk.chunk_id] = row
        row += len(chunk.sentences)
    if row != len(matrix):
        raise IndexMismatchError("sentence vectors do not match the chunks: rebuild with `congress-chat ingest`")
    return SentenceVectors(matrix, rows)


# --- the index loaded for answering ---------------------------------------------------

@dataclass
class LoadedIndex:
    """Everything a query needs, loaded once: chunks, documents, BM25, vectors."""

    root: Path
    generation: int
    manifest: Manifest
    chunks: list[Chunk]
    chunk_by_id: dict[str, Chunk]
    documents: dict[str, StoredDocument]
    lexical: Any  # rag.lexical.LexicalIndex over chunks
    identity: Any  # rag.lexical.LexicalIndex over document identities (ids are doc ids)
    vectors: Any  # rag.store.VectorStore
    sentence_vectors: SentenceVectors
    embedder: str
    language_stats: Any = None  # rag.language_fair.LanguageStats, None for an empty index
    first_chunk: dict[str, str] = field(default_factory=dict)  # doc id → id of its first chunk
    _name_spellings: Any = None  # rag.transliteration.NameSpellings, read once (`NameSpellings.of_index`)

    def __post_init__(self) -> None:
        for chunk in sorted(self.chunks, key=lambda c: -c.position):
            self.first_chunk[chunk.doc_id] = chunk.chunk_id

    @property
    def stem_languages(self) -> tuple[str, ...]:
        return tuple(self.manifest.stem_languages)

    def stem_languages_of(self, doc_id: str) -> tuple[str, ...]:
        """The languages a document's words are stemmed in when the answerer reads them: its own
        where Snowball stems it (fr, en, es, de, it), else the index's."""
        language = self.documents[doc_id].language
        return (language,) if language in ("fr", "en", "es", "de", "it") else self.stem_languages


def load_index(root: Path, embedder: str, chroma_url: str | None) -> LoadedIndex:
    """Open the current generation for `embedder`; raises if it is missing or built with another one."""
    from rag.language_fair import LanguageStats
    from rag.lexical import LexicalIndex
    from rag.store import VectorStore

    layout, generation, manifest = load_manifest(root)
    if embedder not in manifest.embedders:
        built = ", ".join(sorted(manifest.embedders)) or "none"
        raise IndexMismatchError(
            f"the index at {root} was built with embedder {built}, not {embedder}: "
            f"run `congress-chat ingest --embedder {embedder}` or ask with --embedder {built.split(', ')[0]}"
        )
    info = manifest.embedders[embedder]
    expected_store = chroma_url or "embedded"
    if info.get("store") != expected_store:
        raise IndexMismatchError(f"the index at {root} keeps its vectors in {info.get('store')}, not {expected_store}: run `congress-chat ingest`")
    generation_dir = layout.generation_dir(generation)
    chunks = [chunk_from_record(record) for record in read_jsonl(generation_dir / "chunks.jsonl")]
    documents = {}
    for record in read_jsonl(generation_dir / "documents.jsonl"):
        record["page_starts"] = tuple(record.get("page_starts", ()))
        documents[record["doc_id"]] = StoredDocument(**record)
    return LoadedIndex(
        root=root,
        generation=generation,
        manifest=manifest,
        chunks=chunks,
        chunk_by_id={chunk.chunk_id: chunk for chunk in chunks},
        documents=documents,
        lexical=LexicalIndex.load(generation_dir / "bm25"),
        identity=LexicalIndex.load(generation_dir / "bm25-identity"),
        vectors=VectorStore.open(vector_location(generation_dir, chroma_url), info["collection"], embedder),
        sentence_vectors=load_sentence_vectors(generation_dir, embedder, chunks),
        embedder=embedder,
        language_stats=LanguageStats.load(stats) if (stats := language_stats_path(generation_dir, embedder)).exists() else None,
    )
