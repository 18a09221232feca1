"""Sentence boundaries with character offsets, for French, English and Arabic prose.

A boundary is end punctuation (`.`, `!`, `?`, `…`, `؟`, `!`) followed by space and a
capital, a digit, an opening quote or an Arabic letter — except after common
abbreviations (Dr., Pr., M., Mme., St., etc., p. ex.), initials (A. Benali, Arabic ف.) and inside
numbers (2.5, 1.200). Line breaks that separate paragraphs are boundaries too. A "sentence"
longer than `max_chars` (a minified export, a line without any end) is cut into pieces at
word boundaries, else between characters (`rag.limits.pieces`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.limits import pieces

_ABBREVIATIONS = {
    "dr", "pr", "prof", "m", "mm", "mme", "mmes", "mlle", "me", "st", "ste", "mr", "mrs", "ms", "jr",
    "sr", "etc", "cf", "vs", "env", "no", "nº", "vol", "p", "pp", "ex", "fig", "inc", "ltd", "co",
    "av", "bd", "tél", "tel", "dept", "éd", "ed", "chap", "art", "min", "h",
}
# The look-behind starts a match only at the first mark of a run, so a run of a million dots is
# read once, not once per dot.
_END = re.compile(r"(?<![.!?…؟])[.!?…؟]+[\"'»”’)\]]*(?=\s+)|\n{2,}")
_NEXT_START = re.compile(r"\s+[\"'«“‘(\[]?\s*([A-ZÀ-ÖØ-Þ0-9\u0600-\u06FF#\-–•*])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    cut: bool = field(default=False, compare=False)  # a piece of an over-long sentence (not part of the stored offsets)


def sentence_spans(text: str, start: int = 0, end: int | None = None, max_chars: int | None = None) -> list[Span]:
    """Sentences of `text[start:end]` as absolute spans, whitespace trimmed, none empty, none
    longer than `max_chars` when it is given."""
    end = len(text) if end is None else end
    spans = _sentences(text, start, end)
    if max_chars is None or all(span.end - span.start <= max_chars for span in spans):
        return spans
    bounded: list[Span] = []
    for span in spans:
        if span.end - span.start <= max_chars:
            bounded.append(span)
            continue
        before = len(bounded)
        for piece_start, piece_end in pieces(text, span.start, span.end, max_chars):
            _append(bounded, text, piece_start, piece_end)
        bounded[before:] = [Span(s.start, s.end, cut=True) for s in bounded[before:]]
    return bounded


def _sentences(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if match.group(0).startswith("\n"):
            boundary = match.start()
        else:
            if not _NEXT_START.match(text, match.end(), end):
                continue
            if match.group(0)[0] == "." and _is_abbreviation(text, match.start(), cursor):
                continue
            boundary = match.end()
        _append(spans, text, cursor, boundary)
        cursor = boundary
    _append(spans, text, cursor, end)
    return spans


def _is_abbreviation(text: str, dot: int, floor: int) -> bool:
    word_start = dot
    while word_start > floor and (text[word_start - 1].isalpha() or text[word_start - 1] == "º"):
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return False
    if word.lower() in _ABBREVIATIONS:
        return True
    return len(word) == 1 and (word.isupper() or "\u0600" <= word <= "\u06ff")  # an initial: "A. Benali", "(ف. بيلار)"


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
