"""`congress-chat ingest`: corpus folder → a new index generation, switched in when complete.

Incremental: files are recognised by size and mtime, then by content hash. Chunk ids
are content hashes, so only chunks whose text or context changed are embedded; the
vectors of the others are copied from the previous generation. An unchanged corpus is
answered from the manifest alone, without loading a model or the vector store.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from rag.chunking import Chunk, chunk_document
from rag.documents import DOCUMENT_SUFFIXES, Document, file_digest, iter_corpus_files, load_document
from rag.errors import CorpusError, DocumentError
from rag.index import (
    FORMAT_VERSION,
    FileEntry,
    IndexLayout,
    Manifest,
    StoredDocument,
    chunk_from_record,
    chunk_to_record,
    read_jsonl,
    language_stats_path,
    sentence_vectors_path,
    store_namespace,
    vector_location,
    write_jsonl,
)
from rag.programme.across import settle_programmes
from rag.programme.csv_format import csv_source
from rag.rebuild_lock import rebuild_lock
from rag.language import SUPPORTED_LANGUAGES, analyse, analyser_digest, detect_language
from rag.settings import Settings

CHUNKER_VERSION = 3  # 2: an opening dateline moves to `published`; 3: limits (rag.limits)
ProgressCallback = Callable[[str, int, int], None]  # (stage, done, total)
# Less to embed than this, on one core, is embedded in the ingest's own process: starting
# worker processes and their models costs a second or two (e5-small: ~8,000 characters).
_SECONDS_WORTH_WORKERS = 4.0
# With workers, batches of at most this (~2 s of e5-small on one core; a text's vector does not
# depend on its batch): the workers finish together, and the progress bar moves often.
_WORKER_BATCH_CHARS = 6_000
_STEMMED_LATIN = ("fr", "en", "es", "de", "it")

logger = logging.getLogger(__name__)


@dataclass
class IngestReport:
    files: int = 0
    documents: int = 0
    chunks: int = 0
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # file → reason
    warnings: dict[str, list[str]] = field(default_factory=dict)  # file → what to check (loaded anyway)
    limits: dict[str, list[str]] = field(default_factory=dict)  # file → cuts made by a limit (rag.limits)
    schedules: dict[str, str] = field(default_factory=dict)  # file → what the programme reader found in it (rag.programme.published)
    nothing_indexed: bool = False  # every file was refused: no new generation, the previous one answers
    embedded: int = 0
    seconds: float = 0.0
    generation: int = 0
    up_to_date: bool = False
    index_dir: str = ""

    @property
    def partial(self) -> bool:
        return bool(self.failed)


@dataclass
class _Scan:
    entries: dict[str, FileEntry]
    status: dict[str, str]  # file → new | changed | unchanged
    removed: list[str]
    paths: dict[str, tuple[Path, Path]] = field(default_factory=dict)  # file → (its path, the folder its doc id is relative to)


def source_files(settings: Settings) -> list[tuple[Path, Path]]:
    """(file, base) for every document to index: the corpus's files (ids relative to the corpus) and the
    organisers' uploads (ids relative to the uploads folder's parent: `uploads/<name>`)."""
    files = [(path, settings.corpus_dir) for path in iter_corpus_files(settings.corpus_dir)]
    uploads = settings.resolved_uploads_dir()
    if uploads.is_dir() and uploads.resolve() != settings.corpus_dir.resolve():
        files += [(path, uploads.parent) for path in iter_corpus_files(uploads)]
    return files


def ingest(settings: Settings, on_progress: ProgressCallback | None = None) -> IngestReport:
    """Bring the index up to date with the corpus, holding the rebuild lock (`rag.rebuild_lock`): one
    rebuild of an index at a time, across the processes and machines that share it."""
    started = time.perf_counter()
    corpus = settings.corpus_dir
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder {corpus} does not exist")
    root = settings.resolved_index_dir()
    with rebuild_lock(settings) as lock:
        logger.info("rebuild started", extra={"index": str(root)})
        try:
            report = _update(settings, IndexLayout(root), lock, on_progress)
        except Exception as error:
            logger.warning("rebuild failed", extra={"index": str(root), "error": str(error)})
            raise
    report.seconds = time.perf_counter() - started
    logger.info("rebuild finished", extra={
        "index": str(root), "generation": report.generation, "up_to_date": report.up_to_date, "nothing_indexed": report.nothing_indexed,
        "documents": report.documents, "chunks": report.chunks, "embedded": report.embedded, "skipped": len(report.failed),
        "seconds": round(report.seconds, 2),
    })
    return report


def _update(settings: Settings, layout: IndexLayout, lock, on_progress: ProgressCallback | None) -> IngestReport:
    """The work of `ingest`, under its lock: nothing to do, or a new generation built aside, then switched in."""
    corpus = settings.corpus_dir
    current = layout.current_generation()
    old = _load_old_manifest(layout, current)
    layout.remove_generations(keep={g for g in layout.generations() if current is not None and g <= current})  # unfinished builds
    scan = _scan(source_files(settings), old)
    if not scan.entries:
        raise CorpusError(f"corpus folder {corpus} holds no documents ({', '.join(DOCUMENT_SUFFIXES)})")
    chunker = {"version": CHUNKER_VERSION, "max_chars": settings.chunk_max_chars, "merge_chars": settings.chunk_merge_chars,
               "limits": asdict(settings.limits()), "analyser": analyser_digest()}
    store = settings.chroma_url or "embedded"
    report = IngestReport(files=len(scan.entries), index_dir=str(layout.root))
    report.new = [f for f, s in scan.status.items() if s == "new"]
    report.changed = [f for f, s in scan.status.items() if s == "changed"]
    report.removed = scan.removed
    report.unchanged = sum(1 for s in scan.status.values() if s == "unchanged")
    if (
        old is not None
        and not report.new and not report.changed and not report.removed
        and old.chunker == chunker
        and settings.embedder in old.embedders
        and old.embedders[settings.embedder].get("store") == store
    ):
        if any(old.files[f].mtime_ns != e.mtime_ns for f, e in scan.entries.items()):
            old.files = scan.entries  # touched but identical files: remember the new mtimes
            _write_atomically(layout.generation_dir(current) / "manifest.json", old.to_json())  # other processes may be reading it
        report.failed = {f: e.error for f, e in old.files.items() if e.error}
        report.limits = {f: list(e.limits) for f, e in old.files.items() if e.limits}
        report.documents = sum(1 for e in old.files.values() if e.doc_id)
        report.chunks = sum(len(e.chunk_ids) for e in old.files.values())
        report.generation, report.up_to_date = current, True
        return report
    generation = max(layout.generations(), default=0) + 1
    if not _build(settings, layout, current, old, scan, chunker, store, generation, report, on_progress):
        layout.remove_generations(keep={g for g in layout.generations() if g != generation})
        report.nothing_indexed, report.generation = True, current or 0
        return report
    lock.confirm()  # still the only rebuild: else another may have started, and this one must not switch
    layout.switch_to(generation)
    _drop_old_generations(settings, layout, keep={generation, current} - {None})
    report.generation = generation
    return report


def _write_atomically(path: Path, text: str) -> None:
    draft = path.with_name(path.name + ".tmp")
    draft.write_text(text, encoding="utf-8")
    os.replace(draft, path)


def _load_old_manifest(layout: IndexLayout, current: int | None) -> Manifest | None:
    if current is None:
        return None
    manifest = Manifest.from_json((layout.generation_dir(current) / "manifest.json").read_text(encoding="utf-8"))
    return manifest if manifest.format == FORMAT_VERSION else None


def _scan(files: list[tuple[Path, Path]], old: Manifest | None) -> _Scan:
    entries: dict[str, FileEntry] = {}
    status: dict[str, str] = {}
    paths: dict[str, tuple[Path, Path]] = {}
    previous = old.files if old else {}
    for path, base in files:
        relative = path.relative_to(base).as_posix()
        if relative in paths:  # a corpus file of the same name as an upload: the corpus's wins
            continue
        paths[relative] = (path, base)
        stat = path.stat()
        known = previous.get(relative)
        if known and known.size == stat.st_size and known.mtime_ns == stat.st_mtime_ns:
            entries[relative], status[relative] = known, "unchanged"
            continue
        digest = file_digest(path)
        if known and known.sha256 == digest:
            entries[relative] = FileEntry(digest, stat.st_size, stat.st_mtime_ns, known.doc_id, known.chunk_ids, known.error, known.limits)
            status[relative] = "unchanged"
        else:
            entries[relative] = FileEntry(digest, stat.st_size, stat.st_mtime_ns)
            status[relative] = "changed" if known else "new"
    removed = sorted(set(previous) - set(entries))
    return _Scan(entries, status, removed, paths)


def _build(settings, layout, current, old, scan, chunker, store, generation, report, on_progress) -> bool:
    """Build `generation`; False (nothing built) when files were given and every one was refused."""
    generation_dir = layout.generation_dir(generation)
    generation_dir.mkdir(parents=True)
    old_dir = layout.generation_dir(current) if current is not None else None
    old_chunks: dict[str, Chunk] = {}
    old_documents: dict[str, StoredDocument] = {}
    if old_dir is not None:
        old_chunks = {r["chunk_id"]: chunk_from_record(r) for r in read_jsonl(old_dir / "chunks.jsonl")}
        old_documents = {r["doc_id"]: _stored(r) for r in read_jsonl(old_dir / "documents.jsonl")}
    rechunk = old is None or old.chunker != chunker

    documents: dict[str, StoredDocument] = {}
    chunks: list[Chunk] = []
    owner: dict[str, str] = {}
    total = len(scan.entries)
    limits = settings.limits()
    for done, (relative, entry) in enumerate(scan.entries.items(), start=1):
        reuse = (
            scan.status[relative] == "unchanged" and not rechunk and entry.error is None
            and entry.doc_id in old_documents and all(cid in old_chunks for cid in entry.chunk_ids)
        )
        if scan.status[relative] == "unchanged" and entry.error is not None and not rechunk:
            report.failed[relative] = entry.error
        elif reuse:
            documents[entry.doc_id] = old_documents[entry.doc_id]
            owner[entry.doc_id] = relative
            chunks.extend(old_chunks[cid] for cid in entry.chunk_ids)
        else:
            try:
                document = load_document(*scan.paths[relative], limits)
                if document.doc_id in owner:
                    raise DocumentError(f"document id {document.doc_id!r} is already used by {owner[document.doc_id]}")
            except DocumentError as error:
                entry.error, entry.doc_id, entry.chunk_ids, entry.limits = str(error), None, [], []
                report.failed[relative] = str(error)
            else:
                stored = StoredDocument.of(document, _document_language(document))
                pieces = chunk_document(document, settings.chunk_max_chars, settings.chunk_merge_chars, settings.max_sentence_chars)
                entry.error, entry.doc_id, entry.chunk_ids = None, document.doc_id, [c.chunk_id for c in pieces]
                entry.limits = list(document.metadata.get("limits", [])) + _sentence_cuts(pieces, settings.max_sentence_chars)
                documents[document.doc_id] = stored
                owner[document.doc_id] = relative
                chunks.extend(pieces)
        if on_progress:
            on_progress("reading", done, total)
    if not documents and report.failed:
        return False
    report.warnings = {owner[doc_id]: list(d.metadata["warnings"]) for doc_id, d in documents.items() if d.metadata.get("warnings")}
    sources = {doc_id: source for doc_id in documents if owner[doc_id].lower().endswith(".csv")
               and (source := csv_source(scan.paths[owner[doc_id]][0])) is not None}
    settled = settle_programmes(documents, owner, sources)
    report.schedules = {owner[doc_id]: str(d.metadata["schedule"]) for doc_id, d in documents.items() if d.metadata.get("schedule")}
    report.schedules.update({file: f"{report.schedules[file]}; {line}" if file in report.schedules and line not in report.schedules[file] else line
                             for file, line in settled.items()})
    report.limits = {relative: list(entry.limits) for relative, entry in scan.entries.items() if entry.limits and entry.doc_id in owner}
    chunks = list({chunk.chunk_id: chunk for chunk in chunks}.values())  # identical passages stored once
    report.documents, report.chunks = len(documents), len(chunks)

    chunk_languages = [documents[c.doc_id].language for c in chunks]
    embedders = _write_vectors(settings, old, old_dir, generation_dir, generation, chunks, chunk_languages, store, report, on_progress)
    languages = sorted({d.language for d in documents.values() if d.language in _STEMMED_LATIN} or {"fr"})
    _write_lexical(generation_dir, chunks, documents, tuple(languages))
    write_jsonl(generation_dir / "documents.jsonl", [_record(d) for d in documents.values()])
    write_jsonl(generation_dir / "chunks.jsonl", [chunk_to_record(c) for c in chunks])
    manifest = Manifest(
        format=FORMAT_VERSION,
        generation=generation,
        built_at=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        chunker=chunker,
        files=scan.entries,
        embedders=embedders,
        stem_languages=languages,
        corpus_dir=str(settings.corpus_dir),
    )
    (generation_dir / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    return True


def _sentence_cuts(chunks: list[Chunk], max_chars: int) -> list[str]:
    pieces = {(span.start, span.end) for chunk in chunks for span in chunk.sentences if span.cut}
    if not pieces:
        return []
    return [f"over-long sentences cut into {len(pieces):,} pieces of at most {max_chars:,} characters (CONGRESS_CHAT_MAX_SENTENCE_CHARS)"]


def _batches(texts: list[str], size: int, max_chars: int, max_batch_chars: int) -> list[list[str]]:
    """`texts`, each cut to `max_chars`, in batches of at most `size` texts and `max_batch_chars`
    characters (a bound on tokens too), so that no input makes the embedder's memory grow."""
    batches: list[list[str]] = []
    batch: list[str] = []
    used = 0
    for text in texts:
        text = text[:max_chars]
        if batch and (len(batch) >= size or used + len(text) > max_batch_chars):
            batches.append(batch)
            batch, used = [], 0
        batch.append(text)
        used += len(text)
    if batch:
        batches.append(batch)
    return batches


def _document_language(document: Document) -> str:
    language = detect_language(document.text[:2000])
    return language if language in SUPPORTED_LANGUAGES or language in _STEMMED_LATIN else "fr"


def _write_vectors(settings, old, old_dir, generation_dir, generation, chunks, chunk_languages, store, report, on_progress) -> dict:
    """Chunk vectors into Chroma (with their document's language), the per-language statistics
    of language-fair scoring and sentence vectors beside them, for the configured embedder and
    for any other embedder of the previous generation that needs no new embedding."""
    from rag.language_fair import LanguageStats
    from rag.store import VectorStore, collection_name

    namespace = store_namespace(settings.resolved_index_dir())
    location = vector_location(generation_dir, settings.chroma_url)
    chunk_ids = [chunk.chunk_id for chunk in chunks]
    built: dict[str, dict] = {}
    candidates = [settings.embedder] + [name for name in (old.embedders if old else {}) if name != settings.embedder]
    for name in candidates:
        previous = (old.embedders.get(name) if old else None) or {}
        reusable = previous.get("store") == store
        kept_vectors: dict[str, np.ndarray] = {}
        if reusable:
            old_store = VectorStore.open(vector_location(old_dir, settings.chroma_url), previous["collection"], name)
            for ids, vectors in old_store.vectors(chunk_ids):
                kept_vectors.update(zip(ids, vectors))
        missing = [chunk for chunk in chunks if chunk.chunk_id not in kept_vectors]
        if name != settings.embedder and missing:
            continue  # rebuilt when that embedder is chosen again
        old_sentences = _old_sentence_rows(old_dir, name) if reusable else {}
        missing_sentences = [chunk for chunk in chunks if chunk.chunk_id not in old_sentences]
        new_vectors, new_sentences = _embed(settings, name, missing, missing_sentences, report, on_progress)
        kept_vectors.update(new_vectors)
        old_sentences.update(new_sentences)
        target = VectorStore.create(location, collection_name(namespace, generation, name), name)
        if chunk_ids:
            chunk_matrix = np.stack([kept_vectors[cid] for cid in chunk_ids])
            target.add(chunk_ids, chunk_matrix, chunk_languages)
            LanguageStats.of(chunk_matrix, chunk_languages).save(language_stats_path(generation_dir, name))
            matrix = np.concatenate([old_sentences[cid] for cid in chunk_ids]).astype(np.float16)
        else:
            matrix = np.zeros((0, 1), dtype=np.float16)
        np.save(sentence_vectors_path(generation_dir, name), matrix)
        dimension = int(next(iter(kept_vectors.values())).shape[0]) if kept_vectors else 0
        built[name] = {"collection": collection_name(namespace, generation, name), "dimension": dimension, "store": store}
    return built


def _old_sentence_rows(old_dir: Path | None, embedder: str) -> dict[str, np.ndarray]:
    if old_dir is None:
        return {}
    path = sentence_vectors_path(old_dir, embedder)
    if not path.exists():
        return {}
    matrix = np.load(path)
    rows, row = {}, 0
    for record in read_jsonl(old_dir / "chunks.jsonl"):
        count = len(record["sentences"])
        rows[record["chunk_id"]] = matrix[row : row + count]
        row += count
    return rows if row == len(matrix) else {}


def _embed(settings, name, chunks, sentence_chunks, report, on_progress):
    """Vectors for `chunks` (index text) and for the sentences of `sentence_chunks`, embedded
    by worker processes when there is enough to embed (`rag.embedding_workers`). The
    "embedding" stage counts the characters embedded, of both kinds, in chunks' worth (done
    of `len(chunks)`), so that its ETA covers the sentences too."""
    if not chunks and not sentence_chunks:
        return {}, {}
    from rag.embedders import load_embedder
    from rag.embedding_workers import EmbeddingWorkers

    embedder = load_embedder(name, settings.threads)
    limits = settings.limits()
    pending = {chunk.chunk_id: chunk for chunk in sentence_chunks}
    chunk_texts = [chunk.index_text for chunk in chunks]
    texts = [chunk.text[span.start - chunk.start : span.end - chunk.start] for chunk in pending.values() for span in chunk.sentences]
    work = max(1, sum(min(len(text), limits.max_embed_chars) for text in [*chunk_texts, *texts]))
    parallel = settings.ingest_workers > 1 and work / embedder.chars_per_second >= _SECONDS_WORTH_WORKERS
    batch_chars = min(limits.max_batch_chars, _WORKER_BATCH_CHARS) if parallel else limits.max_batch_chars
    chunk_batches = _batches(chunk_texts, settings.embed_batch_size, limits.max_embed_chars, batch_chars)
    batches = chunk_batches + _batches(texts, 64, limits.max_embed_chars, batch_chars)
    workers = EmbeddingWorkers(name, min(settings.ingest_workers, len(batches))) if parallel else None
    total = len(chunks) or len(pending)
    vectors: dict[str, np.ndarray] = {}
    sentence_rows: list[np.ndarray] = []
    done_chars = done_chunks = 0
    with workers or nullcontext():
        for number, (part, matrix) in enumerate(zip(batches, embedder.embed_batches(batches, workers.embed if workers else None))):
            if number < len(chunk_batches):
                for chunk, vector in zip(chunks[done_chunks : done_chunks + len(part)], matrix):
                    vectors[chunk.chunk_id] = vector
                done_chunks += len(part)
            else:
                sentence_rows.append(matrix)
            done_chars += sum(len(text) for text in part)
            if on_progress:
                on_progress("embedding", total * done_chars // work, total)
    matrix = np.concatenate(sentence_rows) if sentence_rows else None
    sentences: dict[str, np.ndarray] = {}
    row = 0
    for chunk in pending.values():
        count = len(chunk.sentences)
        sentences[chunk.chunk_id] = matrix[row : row + count] if count else np.zeros((0, 1), dtype=np.float32)
        row += count
    report.embedded += len(chunks)
    return vectors, sentences


def _write_lexical(generation_dir: Path, chunks: list[Chunk], documents: dict[str, StoredDocument], languages: tuple[str, ...]) -> None:
    from rag.lexical import LexicalIndex

    term_lists = []
    for chunk in chunks:
        language = documents[chunk.doc_id].language
        stem = (language,) if language in _STEMMED_LATIN else languages
        term_lists.append(analyse(chunk.index_text, stem))
    LexicalIndex.build([c.chunk_id for c in chunks], term_lists).save(generation_dir / "bm25")
    # The identity of each document (title, front-matter facts, lead sentence): which
    # congress, edition, city and year it reports on, apart from events it merely recalls.
    # Programmes are left out: they name the congress in every passage, and a question about
    # the congress is better answered by the texts written about it; their sessions are
    # found by the passage index and answered from the schedule (`rag.programme.schedule`).
    identity: dict[str, str] = {}
    texts = {doc_id for doc_id, d in documents.items() if d.metadata.get("kind") != "programme"}
    for chunk in sorted(chunks, key=lambda c: c.position):
        if chunk.doc_id in texts or not texts:  # a corpus of programmes only keeps them
            identity.setdefault(chunk.doc_id, chunk.context)
    doc_ids = sorted(identity)
    identity_terms = []
    for doc_id in doc_ids:
        language = documents[doc_id].language
        identity_terms.append(analyse(identity[doc_id], (language,) if language in _STEMMED_LATIN else languages))
    LexicalIndex.build(doc_ids, identity_terms).save(generation_dir / "bm25-identity")


def _drop_old_generations(settings: Settings, layout: IndexLayout, keep: set[int]) -> None:
    """Keep the new and the previous generation (readers may still hold it); drop the rest."""
    if settings.chroma_url:
        from rag.store import VectorStore

        for generation in layout.generations():
            if generation in keep:
                continue
            manifest_path = layout.generation_dir(generation) / "manifest.json"
            if manifest_path.exists():
                for info in Manifest.from_json(manifest_path.read_text(encoding="utf-8")).embedders.values():
                    VectorStore.drop(settings.chroma_url, info["collection"])
    layout.remove_generations(keep)


def _record(document: StoredDocument) -> dict:
    return {
        "doc_id": document.doc_id, "title": document.title, "text": document.text, "metadata": document.metadata,
        "source": document.source, "language": document.language, "page_starts": list(document.page_starts),
    }


def _stored(record: dict) -> StoredDocument:
    return StoredDocument(
        record["doc_id"], record["title"], record["text"], record["metadata"], record["source"],
        record["language"], tuple(record.get("page_starts", ())),
    )
