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
from typing import Any, Callable

from rag.errors import DocumentError
from rag.limits import UNBROKEN_RUN_CHARS, Limits, cut_at_word, drop_unbroken_runs, safe_yaml

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")
PROGRAMME_SUFFIXES = (".json", ".xml", ".ics", ".yaml", ".yml", ".csv")  # see rag.programme.loaders
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + PROGRAMME_SUFFIXES
_TITLE_MAX_CHARS = 300
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


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
        from rag.programme.render import programme_document

        return _within(programme_document(path, corpus_dir), limits)
    reader = _READERS.get(suffix)
    if reader is None:
        raise DocumentError(f"unsupported file type {suffix!r}")
    if suffix == ".docx":
        _check_unzipped_size(path, limits)
    try:
        text, metadata, page_starts = reader(path)
    except DocumentError:
        raise
    except Exception as error:  # parsers raise many types for a broken file
        raise DocumentError(f"cannot be parsed as {suffix[1:].upper()} ({type(error).__name__}: {error})") from error
    text = _normalise_newlines(text)
    if not text.strip():
        raise DocumentError("no text in it (empty file, or a scanned PDF without a text layer)")
    if not page_starts:  # offsets of pages would move
        published, text = take_dateline(text)
        if published:
            metadata.setdefault("published", published)
    doc_id = str(metadata.get("id") or default_doc_id(path, corpus_dir))
    title = str(metadata.get("title") or _guess_title(text, path))
    metadata.setdefault("source_file", path.name)
    return _within(
        Document(
            doc_id=doc_id,
            text=text,
            title=title,
            metadata=metadata,
            source=path.relative_to(corpus_dir).as_posix(),
            page_starts=tuple(page_starts),
        ),
        limits,
    )


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


def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a Markdown/text file; no front matter gives ({}, raw)."""
    import yaml

    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    try:
        meta = safe_yaml(match.group(1)) or {}
    except yaml.YAMLError as error:
        detail = error.__class__.__name__ if isinstance(error, yaml.MarkedYAMLError) else str(error)
        raise DocumentError(f"front matter is not valid YAML ({detail})") from error
    if not isinstance(meta, dict):
        raise DocumentError("front matter must be a YAML mapping (key: value lines)")
    return {str(key): _plain(value) for key, value in meta.items()}, raw[match.end():]


def _plain(value: Any) -> Any:
    """YAML dates and other scalars become strings so metadata stays JSON-friendly."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"not UTF-8 text (invalid byte 0x{data[error.start]:02x} at byte {error.start}); save it as UTF-8"
        ) from error


def _read_text(path: Path) -> tuple[str, dict[str, Any], list[int]]:
    meta, body = split_front_matter(_decode(path))
    return body, meta, []


def _read_html(path: Path) -> tuple[str, dict[str, Any], list[int]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "footer"]):
        tag.decompose()
    meta: dict[str, Any] = {}
    if soup.title and soup.title.get_text(strip=True):
        meta["title"] = soup.title.get_text(" ", strip=True)
    for tag in soup.find_all("meta"):
        name, content = tag.get("name"), tag.get("content")
        if name and content and name.lower() in {"author", "date", "description", "keywords"}:
            meta[name.lower()] = content
    blocks = []
    body = soup.body or soup
    for element in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "pre", "blockquote"]):
        if element.find_parent(["p", "li", "td", "blockquote"]) is not None:
            continue  # its text is already in the enclosing block
        text = " ".join(element.get_text(" ", strip=True).split())
        if not text:
            continue
        if element.name.startswith("h"):
            blocks.append("#" * int(element.name[1]) + " " + text)
        elif element.name == "li":
            blocks.append("- " + text)
        else:
            blocks.append(text)
    if not blocks:  # a page of bare text without block elements
        blocks = [" ".join(body.get_text(" ", strip=True).split())]
    return "\n\n".join(blocks), meta, []


def _read_pdf(path: Path) -> tuple[str, dict[str, Any], list[int]]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    meta: dict[str, Any] = {}
    info = reader.metadata
    if info is not None and info.title:
        meta["title"] = str(info.title)
    pages, starts, offset = [], [], 0
    for page in reader.pages:
        text = (page.extract_text() or "").strip()
        starts.append(offset)
        pages.append(text)
        offset += len(text) + 2
    return "\n\n".join(pages), meta, starts


def _read_docx(path: Path) -> tuple[str, dict[str, Any], list[int]]:
    import docx

    document = docx.Document(str(path))
    meta: dict[str, Any] = {}
    if document.core_properties.title:
        meta["title"] = document.core_properties.title
    blocks = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = re.match(r"(?:Heading|Titre)\s*(\d)", style)
        if style == "Title":
            meta.setdefault("title", text)
            blocks.append("# " + text)
        elif level:
            blocks.append("#" * int(level.group(1)) + " " + text)
        else:
            blocks.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                blocks.append(" | ".join(cells))
    return "\n\n".join(blocks), meta, []


_READERS: dict[str, Callable[[Path], tuple[str, dict[str, Any], list[int]]]] = {
    ".md": _read_text,
    ".markdown": _read_text,
    ".txt": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}


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
