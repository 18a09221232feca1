"""Word documents (.docx) → blocks, in the order they appear: paragraphs (a heading style
becomes a heading; a soft line break or a tab splits a paragraph into lines or cells, as
"9:10 – 10:30⇥PAPER SESSIONS" reads) and tables (merged cells repeated over the grid they
cover, with `Block.origin` marking the copies; a table nested in a cell is read after it)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rag.readers.blocks import HEADING, LINE, ROW, Block

_HEADING_STYLE = re.compile(r"(?:Heading|Titre|Überschrift|Kop)\s*(\d)", re.I)


def read_docx(path: Path) -> tuple[list[Block], dict[str, Any]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    meta: dict[str, Any] = {}
    if document.core_properties.title:
        meta["title"] = document.core_properties.title
    made = document.core_properties.created or document.core_properties.modified
    if made is not None and made.year > 1990:
        meta["created"] = made.date().isoformat()
    blocks: list[Block] = []
    tables = [0]

    def paragraph(par: Paragraph) -> None:
        raw = par.text
        if not raw.strip():
            return
        style = (par.style.name if par.style is not None else "") or ""
        level = _HEADING_STYLE.match(style)
        runs = [run for run in par.runs if run.text.strip()]
        bold = bool(runs) and all(run.bold or (run.style is not None and run.style.font.bold) for run in runs)
        for line in raw.split("\n"):
            cells = tuple(cell for cell in (" ".join(part.split()) for part in line.split("\t")) if cell)
            if not cells:
                continue
            if style == "Title":
                meta.setdefault("title", " ".join(cells))
                blocks.append(Block((" ".join(cells),), HEADING, level=1))
            elif level:
                blocks.append(Block((" ".join(cells),), HEADING, level=int(level.group(1))))
            else:
                blocks.append(Block(cells, LINE, bold=bold))

    def table(tab: Table, depth: int) -> None:
        tables[0] += 1
        number = tables[0]
        nested: list[Table] = []
        seen: set[int] = set()
        alive = []  # lxml proxies keep their id only while referenced
        for row in tab.rows:
            texts, origins = [], []
            for cell in row.cells:
                first = id(cell._tc) not in seen
                seen.add(id(cell._tc))
                alive.append(cell._tc)
                lines = [" ".join(p.text.replace("\t", " ").split()) for p in cell.paragraphs]
                texts.append("\n".join(line for line in lines if line))
                origins.append(first)
                if first and depth < 3:
                    nested.extend(cell.tables)
            if any(texts):
                blocks.append(Block(tuple(texts), ROW, table=number, origin=tuple(origins)))
        for inner in nested:
            table(inner, depth + 1)

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraph(item)
        elif isinstance(item, Table):
            table(item, 0)
    return blocks, meta
