"""A `Document` → structure-aware, sentence-bounded `Chunk`s with offsets and stable ids.

Headings open sections; paragraphs are the unit. Short neighbouring paragraphs of one
section are merged; a paragraph longer than `max_chars` is cut into windows of whole
sentences that overlap by one sentence. No chunk starts or ends inside a sentence; a
sentence longer than `max_sentence_chars` is first cut into pieces (`rag.sentences`), so no
chunk is longer than max(`max_chars`, `max_sentence_chars`).

Each chunk carries a *context* line: the document title, its section, and the
document's lead sentence (which in a news report names the congress, edition, city and
date). The context is indexed with the chunk, so a passage that only says "la présente
édition" is still found for the congress it belongs to; the cited passage itself is the
untouched source text `document.text[start:end]`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rag.documents import Document
from rag.limits import cut_at_word
from rag.sentences import Span, sentence_spans

_HEADING = re.compile(r"(#{1,6})\s+(\S.*)")  # trailing #s are stripped apart (no backtracking on long lines)
_CONTEXT_METADATA = ("congress", "organiser", "city", "dates", "edition", "year")
_LEDE_MAX_CHARS = 320
_SECTION_MAX_CHARS = 200
_CONTEXT_MAX_CHARS = 1000


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    start: int
    end: int
    context: str
    sentences: tuple[Span, ...]  # absolute offsets in the document text
    position: int  # order of the chunk in its document
    page: int | None = None

    @property
    def index_text(self) -> str:
        """What search engines see: context line, then the passage."""
        return f"{self.context}\n{self.text}" if self.context else self.text


@dataclass(frozen=True)
class _Block:
    section: str
    start: int
    end: int


def chunk_document(document: Document, max_chars: int = 700, merge_chars: int = 350, max_sentence_chars: int | None = None) -> list[Chunk]:
    blocks = _paragraph_blocks(document.text, document.title)
    context = _context_line(document, blocks)
    chunks: list[Chunk] = []
    for section, start, end in _group_blocks(blocks, merge_chars):
        spans = sentence_spans(document.text, start, end, max_sentence_chars)
        for window in _sentence_windows(spans, max_chars):
            chunks.append(_make_chunk(document, section, window, context, len(chunks)))
    return chunks


def _paragraph_blocks(text: str, title: str) -> list[_Block]:
    """Paragraphs with their section; a heading with no text of its own before the next heading of
    its level or above (a programme page's "## 8h30 – 9h30 : Allocutions") is a passage itself."""
    blocks: list[_Block] = []
    section = ""
    para_start: int | None = None
    offset = 0
    bare: tuple[int, int, int, str] | None = None  # (level, start of its text, end, section) of a heading with no body yet
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        heading = _HEADING.fullmatch(stripped)
        if not stripped or heading:
            if para_start is not None:
                blocks.append(_Block(section, para_start, offset))
                para_start = None
            if heading:
                level = len(heading.group(1))
                if bare is not None and level <= bare[0]:
                    blocks.append(_Block(bare[3], bare[1], bare[2]))
                section = cut_at_word(heading.group(2).rstrip("#").strip() or heading.group(2), _SECTION_MAX_CHARS)
                start = offset + line.index(heading.group(2))
                bare = (level, start, start + len(heading.group(2).rstrip()), section) if level >= 2 else None
        elif para_start is None:
            para_start = offset
            bare = None
        offset += len(line)
    if para_start is not None:
        blocks.append(_Block(section, para_start, offset))
    elif bare is not None:
        blocks.append(_Block(bare[3], bare[1], bare[2]))
    return blocks


def _group_blocks(blocks: list[_Block], merge_chars: int) -> list[tuple[str, int, int]]:
    """Merge neighbouring short paragraphs of one section; (section, start, end) each."""
    groups: list[tuple[str, int, int]] = []
    for block in blocks:
        if groups:
            section, start, end = groups[-1]
            if section == block.section and block.end - start <= merge_chars:
                groups[-1] = (section, start, block.end)
                continue
        groups.append((block.section, block.start, block.end))
    return groups


def _sentence_windows(spans: list[Span], max_chars: int) -> list[list[Span]]:
    """Whole-sentence windows of at most `max_chars` (a longer sentence stands alone), overlapping by one."""
    if not spans:
        return []
    if spans[-1].end - spans[0].start <= max_chars:
        return [spans]
    windows: list[list[Span]] = []
    index = 0
    while index < len(spans):
        window = [spans[index]]
        while index + len(window) < len(spans) and spans[index + len(window)].end - window[0].start <= max_chars:
            window.append(spans[index + len(window)])
        windows.append(window)
        if index + len(window) >= len(spans):
            break
        index += max(1, len(window) - 1)  # next window repeats the last sentence
    return windows


def _context_line(document: Document, blocks: list[_Block]) -> str:
    lede = _lede(document, blocks)
    title = document.title.removesuffix("…").strip()
    parts = [] if lede.startswith(title) else [document.title]
    for key in _CONTEXT_METADATA:
        value = document.metadata.get(key)
        if value:
            parts.append(str(value))
    parts.append(lede)
    return cut_at_word(" — ".join(part.strip() for part in parts if part and part.strip()), _CONTEXT_MAX_CHARS)


def _lede(document: Document, blocks: list[_Block]) -> str:
    """The first real sentence (8 words or more, not the title): in a news report it names
    the event, its edition, city and dates."""
    for block in blocks[:3]:
        for span in sentence_spans(document.text, block.start, block.end):
            sentence = document.text[span.start : span.end]
            if len(sentence.split()) >= 8 and sentence.strip() != document.title.strip():
                if len(sentence) > _LEDE_MAX_CHARS:
                    sentence = sentence[:_LEDE_MAX_CHARS].rsplit(" ", 1)[0]
                return sentence
    return ""


def _make_chunk(document: Document, section: str, window: list[Span], context: str, position: int) -> Chunk:
    start, end = window[0].start, window[-1].end
    text = document.text[start:end]
    section_context = f"{context} — {section}" if section and section != document.title else context
    digest = hashlib.sha256(f"{document.doc_id}\x1f{section_context}\x1f{text}".encode()).hexdigest()[:24]
    return Chunk(
        chunk_id=digest,
        doc_id=document.doc_id,
        title=document.title,
        section=section,
        text=text,
        start=start,
        end=end,
        context=section_context,
        sentences=tuple(window),
        position=position,
        page=document.page_at(start),
    )
