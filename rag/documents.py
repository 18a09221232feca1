"""A file in the corpus → a `Document`: plain text with metadata.

Markdown headings (`#`) are the structure the chunker reads, so HTML and DOCX headings
are written as Markdown headings. Markdown and text files may start with YAML front
matter; its keys become metadata. The id is the path relative to the corpus root
without extension, unless the front matter gives `id`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rag.errors import DocumentError
from rag.limits import PROGRAMME_SUFFIXES, UNBROKEN_RUN_CHARS, Limits, cut_at_word, drop_unbroken_runs
from rag.readers import READERS, TEXT_SUFFIXES, Reading
from rag.readers.front_matter import split_front_matter

__all__ = ["DOCUMENT_SUFFIXES", "PROGRAMME_SUFFIXES", "TEXT_SUFFIXES", "Document", "load_document", "split_front_matter"]

DOCUMENT_SUFFIXES = TEXT_SUFFIXES + PROGRAMME_SUFFIXES
_TITLE_MAX_CHARS = 300


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    title: str
    metadata: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # path relative to the corpus root
    page_starts: tuple[int, ...] = ()  # PDFs: offset in `text` where page i+1 starts

    def page_at(self, offset: int) -> int | None:
        """1-based page holding `offset`, for PDFs; None for other formats."""
        if not self.page_starts:
            return None
        page = 1
        for index, start in enumerate(self.page_starts):
            if start <= offset:
                page = index + 1
        return page


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def iter_corpus_files(corpus_dir: Path) -> list[Path]:
    """Readable document files under `corpus_dir`, sorted; hidden files and folders skipped."""
    files = []
    for path in sorted(corpus_dir.rglob("*")):
        relative = path.relative_to(corpus_dir)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES:
            files.append(path)
    return files


def default_doc_id(path: Path, corpus_dir: Path) -> str:
    return path.relative_to(corpus_dir).with_suffix("").as_posix()


def load_document(path: Path, corpus_dir: Path, limits: Limits | None = None) -> Document:
    """Read one file within `limits` (default: those of the settings); raises `DocumentError`
    naming the reason when it cannot be read. A cut made by a limit is listed in
    `metadata["limits"]`."""
    if limits is None:
        from rag.settings import Settings

        limits = Settings().limits()
    suffix = path.suffix.lower()
    check_file_size(path, limits)
    if suffix in PROGRAMME_SUFFIXES:
        return _within(_structured_programme(path, corpus_dir), limits)
    reader = READERS.get(suffix)
    if reader is None:
        raise DocumentError(f"unsupported file type {suffix!r}")
    if suffix in (".docx", ".xlsx", ".xlsm", ".ods"):
        _check_unzipped_size(path, limits)
    try:
        reading = reader(path, limits)
    except DocumentError:
        raise
    except Exception as error:  # parsers raise many types for a broken file
        raise DocumentError(f"cannot be parsed as {suffix[1:].upper()} ({type(error).__name__}: {error})") from error
    if not reading.text.strip():
        raise DocumentError("no text in it (empty file, or a scanned PDF without a text layer)")
    doc_id = str(reading.metadata.get("id") or default_doc_id(path, corpus_dir))
    metadata = dict(reading.metadata)
    text = reading.text
    programme = _published_programme(reading, doc_id, path) if suffix not in (".txt",) else None
    if programme is not None:
        metadata.update(programme)
    elif not reading.page_starts:  # offsets of pages (and of sessions) would move
        published, text = take_dateline(text)
        if published:
            metadata.setdefault("published", published)
    title = str(metadata.get("title") or _guess_title(text, path))
    metadata.setdefault("source_file", path.name)
    return _within(
        Document(doc_id=doc_id, text=text, title=title, metadata=metadata,
                 source=path.relative_to(corpus_dir).as_posix(), page_starts=reading.page_starts),
        limits,
    )


def _published_programme(reading: Reading, doc_id: str, path: Path) -> dict[str, Any] | None:
    """The metadata of a document in which the programme reader finds a schedule: the programme
    itself (sessions cite the document's own passages) and one line saying what was read."""
    from rag.programme.model import programme_to_json
    from rag.programme.published import find_programme, summary

    programme = find_programme(reading, doc_id, path.stem.replace("-", " ").replace("_", " "))
    if programme is None:
        return {"schedule": "read as text; no schedule found"} if path.suffix.lower() in (".pdf", ".docx", ".xlsx", ".xls", ".ods", ".html", ".htm") else None
    c = programme.congress
    from rag.programme.render import date_range

    return {
        key: value for key, value in {
            "programme": programme_to_json(programme), "schedule": summary(programme), "congress": c.name,
            "dates": date_range(programme), "warnings": list(programme.warnings),
        }.items() if value
    }


def _structured_programme(path: Path, corpus_dir: Path) -> Document:
    """A programme file (pretalx, frab, .ics, our YAML/CSV) as a `Document` written from its sessions."""
    from rag.programme.render import programme_document

    doc_id = default_doc_id(path, corpus_dir)
    text, title, metadata = programme_document(path, doc_id)
    return Document(doc_id=doc_id, text=text, title=title, metadata=metadata, source=path.relative_to(corpus_dir).as_posix())


def check_file_size(path: Path, limits: Limits) -> None:
    """Refuse a file over its type's size limit before reading it."""
    largest, setting = limits.max_file_bytes(path.suffix.lower())
    size = path.stat().st_size
    if size > largest:
        raise DocumentError(
            f"{size / 1e6:,.1f} MB is over the {largest / 1e6:g} MB limit for {path.suffix.lower()} files "
            f"(CONGRESS_CHAT_{setting.upper()})"
        )


def _check_unzipped_size(path: Path, limits: Limits) -> None:
    """A .docx is a zip: refuse one that would unpack to more than 10 times its size limit."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentError(f"cannot be parsed as DOCX (not a zip archive: {error})") from error
    if unzipped > 10 * limits.max_docx_mb * 1e6:
        raise DocumentError(f"unpacks to {unzipped / 1e6:,.0f} MB, over 10 times the {limits.max_docx_mb:,.0f} MB limit (CONGRESS_CHAT_MAX_DOCX_MB)")


def _within(document: Document, limits: Limits) -> Document:
    """The document with its title and text cut to the limits; each cut noted in `metadata["limits"]`."""
    title = cut_at_word(document.title, _TITLE_MAX_CHARS)
    text = document.text
    notes = []
    if document.metadata.get("kind") != "programme":  # a programme's sessions point into its text
        text, dropped = drop_unbroken_runs(text)
        if dropped and not text.strip():
            raise DocumentError(f"no text: its {dropped:,} characters are runs of over {UNBROKEN_RUN_CHARS} without a space (not words)")
        if dropped:
            notes.append(f"{dropped:,} characters in runs of over {UNBROKEN_RUN_CHARS} without a space left out (not words: base64, minified code)")
    if len(text) > limits.max_document_chars:
        text = cut_at_word(text, limits.max_document_chars)
        notes.append(f"cut to {len(text):,} characters (of {len(document.text):,}; CONGRESS_CHAT_MAX_DOCUMENT_CHARS)")
    if title == document.title and not notes:
        return document
    metadata = {**document.metadata, "limits": [*document.metadata.get("limits", []), *notes]} if notes else document.metadata
    if "title" in metadata and len(str(metadata["title"])) > _TITLE_MAX_CHARS:
        metadata = {**metadata, "title": title}
    programme = metadata.get("programme")
    if notes and isinstance(programme, dict):  # sessions past the cut are not cited
        spans = {key: span for key, span in programme.get("spans", {}).items() if span[1] <= len(text)}
        metadata = {**metadata, "programme": {**programme, "spans": spans}}
    return replace(document, title=title, text=text, metadata=metadata)


_DATELINE = re.compile(r"^\s*(?:date\s*:?\s*)?(\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{4})[ \t]+(?=\S)", re.I)


def take_dateline(text: str) -> tuple[str | None, str]:
    """A date that opens the text ("date 2025-06 Des médecins…", as some exports write it) is
    the publication date, not part of the first sentence: (date, text without it)."""
    match = _DATELINE.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end():]


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_title(text: str, path: Path) -> str:
    """First heading, else a short first line, else the opening words of the text."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            return line.lstrip("#").strip()
        if len(line) <= 140 and not line.endswith((".", ",", ";", ":")):
            return line
        words = line.split()
        return " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    return path.stem.replace("_", " ").replace("-", " ")
