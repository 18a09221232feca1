"""What a reader makes of a file: `Block`s (headings, lines, items, table rows) in reading
order, and the `Reading` assembled from them: the text indexed and cited, with each block's
offsets in it and the offset where each page starts.

A table row keeps its cells (a merged cell repeated in every column and row it covers, with
`origin` False for the copies), so the programme reader can see a time column, rooms as
columns or a plenary spanning every room; the text writes the row once, cells joined by " | ".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

HEADING, LINE, ITEM, ROW = "heading", "line", "item", "row"


@dataclass(frozen=True)
class Block:
    cells: tuple[str, ...]
    kind: str = LINE
    level: int = 0  # heading level (1 = title)
    bold: bool = False
    page: int | None = None  # 1-based, for paged formats
    table: int | None = None  # rows of one table share it
    origin: tuple[bool, ...] = ()  # per cell: False where the cell is a copy of a merged cell
    start: int = 0  # offsets in `Reading.text` (set by `assemble`)
    end: int = 0
    xs: tuple[float, ...] = ()  # PDF lines: where each cell starts on the page (a grid without rules is read by them)

    @property
    def text(self) -> str:
        """The block as one line: distinct cells joined (a merged cell once)."""
        shown = [cell for index, cell in enumerate(self.cells) if cell and (not self.origin or self.origin[index])]
        return " | ".join(shown) if self.kind == ROW else " ".join(shown)

    def written(self) -> str:
        if self.kind == HEADING:
            return "#" * max(1, min(self.level, 6)) + " " + self.text
        if self.kind == ITEM:
            return "- " + self.text
        return self.text


@dataclass(frozen=True)
class Reading:
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    page_starts: tuple[int, ...] = ()
    blocks: tuple[Block, ...] = ()


def assemble(blocks: list[Block], metadata: dict[str, Any] | None = None, paged: bool = False) -> Reading:
    """Write the blocks as text: a blank line between paragraphs, one line per table row or
    PDF line; a page starts where its first block does."""
    parts: list[str] = []
    placed: list[Block] = []
    starts: list[int] = []
    offset = 0
    previous: Block | None = None
    for block in blocks:
        written = " ".join(block.written().split(" ")).strip()
        if not written:
            continue
        if previous is not None:
            tight = (block.kind == ROW and previous.kind == ROW and block.table == previous.table) or (
                paged and block.kind == previous.kind == LINE and block.page == previous.page
            )
            separator = "\n" if tight else "\n\n"
            parts.append(separator)
            offset += len(separator)
        if paged and block.page is not None:
            while len(starts) < block.page:
                starts.append(offset)
        parts.append(written)
        placed.append(replace(block, start=offset, end=offset + len(written)))
        offset += len(written)
        previous = block
    return Reading("".join(parts), dict(metadata or {}), tuple(starts), tuple(placed))
