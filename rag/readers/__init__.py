"""One reader per file format, each turning a file into a `Reading`: the text that is indexed
and cited (with its pages), its metadata, and the blocks the programme reader looks at for a
schedule. `read(path, limits)` picks the reader by suffix; `READERS` is the registry.

Readers know nothing of programmes, chunks or the index: `rag.documents` makes a `Document`
of a reading, and `rag.programme.published` looks for sessions in its blocks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from rag.limits import Limits
from rag.readers.blocks import HEADING, ITEM, LINE, ROW, Block, Reading, assemble
from rag.readers.encoding import decode
from rag.readers.front_matter import split_front_matter

__all__ = ["Block", "Reading", "READERS", "SPREADSHEET_SUFFIXES", "TEXT_SUFFIXES", "read", "HEADING", "ITEM", "LINE", "ROW"]

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx") + SPREADSHEET_SUFFIXES
_HTML_IN_MARKDOWN = re.compile(r"<(table|dl|ul|ol|div|section)\b[^>]*>", re.I)


def read_text(path: Path, limits: Limits) -> Reading:
    """Markdown and plain text, in whatever encoding; a Markdown page that holds HTML blocks (a
    programme as an HTML table) is rendered and read as HTML, so no tag reaches the text."""
    raw, encoding = decode(path.read_bytes())
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, Any] = {} if encoding.startswith("utf-8") else {"encoding": encoding}
    if path.suffix.lower() in (".md", ".markdown") and _HTML_IN_MARKDOWN.search(raw):
        from markdown_it import MarkdownIt

        front, body = split_front_matter(raw)
        reading = read_markup(MarkdownIt("commonmark", {"html": True}).enable("table").render(body), limits)
        return Reading(reading.text, {**reading.metadata, **meta, **front}, (), reading.blocks)
    front, body = split_front_matter(raw)
    return Reading(body, {**meta, **front}, (), tuple(_plain_blocks(body)))


def _plain_blocks(raw: str) -> list[Block]:
    """A text's lines as blocks with their offsets in the text itself (which is kept as written)."""
    blocks, offset = [], 0
    for line in raw.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            heading = re.match(r"(#{1,6})\s+(.*)", stripped)
            if heading:
                blocks.append(Block((heading.group(2),), HEADING, level=len(heading.group(1)), start=start, end=start + len(stripped)))
            elif re.match(r"[-*+]\s+", stripped):
                blocks.append(Block((stripped[2:].strip(),), ITEM, start=start, end=start + len(stripped)))
            else:
                blocks.append(Block(tuple(c.strip() for c in stripped.split("|") if c.strip()) if stripped.startswith("|") else (stripped,),
                                    ROW if stripped.startswith("|") else LINE, start=start, end=start + len(stripped)))
        offset += len(line)
    return blocks


def read_markup(markup: str, limits: Limits) -> Reading:
    from rag.readers.html import read_html

    blocks, meta = read_html(markup)
    if not blocks:
        return Reading("", meta)
    return assemble(blocks, meta)


def _read_html_file(path: Path, limits: Limits) -> Reading:
    markup, encoding = decode(path.read_bytes())
    reading = read_markup(markup, limits)
    if not encoding.startswith("utf-8"):
        reading.metadata["encoding"] = encoding
    return reading


def _read_pdf(path: Path, limits: Limits) -> Reading:
    from rag.readers.pdf import read_pdf

    blocks, meta = read_pdf(path, limits.max_pdf_pages)
    return assemble(blocks, meta, paged=True)


def _read_docx(path: Path, limits: Limits) -> Reading:
    from rag.readers.docx import read_docx

    blocks, meta = read_docx(path)
    return assemble(blocks, meta)


def _read_spreadsheet(path: Path, limits: Limits) -> Reading:
    from rag.readers.spreadsheet import read_spreadsheet

    blocks, meta = read_spreadsheet(path, limits.max_cells)
    return assemble(blocks, meta)


READERS: dict[str, Callable[[Path, Limits], Reading]] = {
    ".md": read_text, ".markdown": read_text, ".txt": read_text,
    ".html": _read_html_file, ".htm": _read_html_file,
    ".pdf": _read_pdf, ".docx": _read_docx,
    **{suffix: _read_spreadsheet for suffix in SPREADSHEET_SUFFIXES},
}


def read(path: Path, limits: Limits) -> Reading:
    return READERS[path.suffix.lower()](path, limits)
