"""HTML pages (and Markdown pages that hold HTML) → blocks.

What a visitor does not see is not read: scripts, styles, `<template>`, comments, elements
with the `hidden` attribute, `aria-hidden="true"` or an inline `display:none` /
`visibility:hidden` (a hidden tab of last year's programme). Tables are expanded to their
grid (`rowspan`/`colspan` repeat the cell where it spans, `Block.origin` marks the copies);
headings, list items, definition lists and paragraphs become blocks in reading order.
"""

from __future__ import annotations

import re
from typing import Any

from rag.readers.blocks import HEADING, ITEM, LINE, ROW, Block

_SKIPPED = {"script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object", "button", "select", "form", "nav"}
_BLOCK_LEVEL = {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "header", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table",
    "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "center", "summary", "body", "html",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MAX_SPAN = 50  # a rowspan/colspan beyond this is a typo or an attack, not a programme
MAX_DEPTH = 60  # elements nested deeper are read as their text


def hidden(tag) -> bool:
    attrs = getattr(tag, "attrs", None) or {}
    return (
        "hidden" in attrs
        or str(attrs.get("aria-hidden", "")).lower() == "true"
        or bool(_HIDDEN_STYLE.search(str(attrs.get("style", ""))))
    )


def read_html(markup: str) -> tuple[list[Block], dict[str, Any]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    meta: dict[str, Any] = {}
    if soup.title and soup.title.get_text(strip=True):
        meta["title"] = " ".join(soup.title.get_text(" ", strip=True).split())
    for tag in soup.find_all("meta"):
        name, content = tag.get("name"), tag.get("content")
        if name and content and str(name).lower() in {"author", "date", "description", "keywords"}:
            meta[str(name).lower()] = str(content)
    blocks: list[Block] = []
    _Walker(blocks).walk(soup.body or soup, 0)
    return blocks, meta


class _Walker:
    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.tables = 0

    def walk(self, node, depth: int) -> None:
        inline: list[str] = []
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:  # text (comments and doctype are not NavigableString text we keep)
                if type(child).__name__ == "NavigableString":
                    inline.append(str(child))
                continue
            if name in _SKIPPED or hidden(child):
                continue
            if name == "br":
                inline.append("\n")
                continue
            if name not in _BLOCK_LEVEL:
                inline.append(cell_text(child))
                continue
            self._flush(inline)
            inline = []
            if depth >= MAX_DEPTH:
                self._line(" ".join(child.stripped_strings))
            elif re.fullmatch(r"h[1-6]", name):
                text = _one_line(cell_text(child))
                if text:
                    self.blocks.append(Block((text,), HEADING, level=int(name[1])))
            elif name == "table":
                self._table(child, depth)
            elif name == "li":
                self._item(child, depth)
            elif name in ("p", "dt", "dd", "pre", "caption", "figcaption", "summary", "address"):
                if child.find(["table", "ul", "ol", "dl", "p", "div"]) is not None:
                    self.walk(child, depth + 1)
                else:
                    self._line(cell_text(child), bold=name == "dt")
            else:
                self.walk(child, depth + 1)
        self._flush(inline)

    def _flush(self, inline: list[str]) -> None:
        for line in "".join(inline).split("\n"):
            self._line(line)

    def _line(self, text: str, bold: bool = False) -> None:
        for line in text.split("\n"):
            line = _one_line(line)
            if line:
                self.blocks.append(Block((line,), LINE, bold=bold))

    def _item(self, item, depth: int) -> None:
        nested = [child for child in item.find_all(["ul", "ol", "table", "dl"], recursive=False)]
        own = [cell_text(child) if getattr(child, "name", None) else str(child) for child in item.children
               if child not in nested and (getattr(child, "name", None) is not None or type(child).__name__ == "NavigableString")
               and not (getattr(child, "name", None) in _SKIPPED or hidden(child))]
        text = _one_line(" ".join(own).replace("\n", " "))
        if text:
            self.blocks.append(Block((text,), ITEM))
        for child in nested:
            self.walk_one(child, depth + 1)

    def walk_one(self, tag, depth: int) -> None:
        holder = type("Holder", (), {"children": [tag]})()
        self.walk(holder, depth)

    def _table(self, table, depth: int) -> None:
        self.tables += 1
        number = self.tables
        grid: dict[tuple[int, int], tuple[str, bool]] = {}
        rows = [row for row in table.find_all("tr") if row.find_parent("table") is table and not hidden(row)]
        caption = table.find("caption")
        if caption is not None and not hidden(caption):
            self._line(cell_text(caption), bold=True)
        width = 0
        for r, row in enumerate(rows):
            c = 0
            for cell in row.find_all(["td", "th"], recursive=False):
                if hidden(cell):
                    continue
                while (r, c) in grid:
                    c += 1
                text = cell_text(cell)
                rowspan = _span(cell.get("rowspan"))
                colspan = _span(cell.get("colspan"))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid.setdefault((r + dr, c + dc), (text, dr == 0 and dc == 0))
                c += colspan
            width = max(width, c)
        height = max((r for r, _ in grid), default=-1) + 1
        for r in range(height):
            cells = [grid.get((r, c), ("", True)) for c in range(width)]
            texts = tuple(_cell(text) for text, _ in cells)
            if any(texts):
                self.blocks.append(Block(texts, ROW, table=number, origin=tuple(origin for _, origin in cells)))


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), _MAX_SPAN))
    except (TypeError, ValueError):
        return 1


def cell_text(node, depth: int = 0) -> str:
    """The visible text of an element: line breaks at `<br>` and block-level children, inline runs joined
    (past `MAX_DEPTH` levels of nesting, its strings joined without looking further)."""
    if getattr(node, "name", None) is None:
        return str(node) if type(node).__name__ == "NavigableString" else ""
    if depth > MAX_DEPTH:
        return " ".join(node.stripped_strings)
    parts: list[str] = []
    for child in node.children:
        name = getattr(child, "name", None)
        if name is None:
            if type(child).__name__ == "NavigableString":
                parts.append(str(child))
        elif name in _SKIPPED or hidden(child):
            continue
        elif name == "br":
            parts.append("\n")
        elif name in _BLOCK_LEVEL:
            parts.append("\n" + cell_text(child, depth + 1) + "\n")
        else:
            parts.append(cell_text(child, depth + 1))
    return "".join(parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    """A table cell's text: its lines kept (a title over its speaker), each line's spaces collapsed."""
    return "\n".join(line for line in (_one_line(part) for part in text.split("\n")) if line)
