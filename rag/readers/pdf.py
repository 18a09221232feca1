"""PDF → blocks, read as a person reads the page.

pdfplumber (MIT, on pdfminer.six) gives every word with its position and font; PyMuPDF would
be faster but is AGPL, a licence an organiser's IT may refuse, and pypdf gives no positions.
On each page:
- ruled tables (pdfplumber's table finder: a Word or PowerPoint table) become row blocks, a
  cell merged over several columns repeated in each (`Block.origin` marks the copies);
- the other words are cut into regions by recursive XY-cut (a vertical cut only where the two
  sides' lines do not line up — independent text columns, not a time column beside its titles;
  a horizontal cut at a wide blank band), and each region is read top to bottom, line by line;
  a line with wide gaps keeps its parts as cells ("9:00 | Opening | Hall A");
- a line in a bold font is marked bold (a session title over its talks);
- a line repeated at the top or bottom of two or more pages (a running header or footer, page
  numbers aside) is kept once.
A PDF with no text layer (a scan) is refused with a message that says so.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import median
from typing import Any

from rag.errors import DocumentError
from rag.readers.blocks import LINE, ROW, Block

_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.I)
_MIN_COLUMN_GAP = 14.0  # points: narrower blank bands are word spacing, not a gutter
_EDGE = 0.09  # share of the page height where running headers and footers live


def read_pdf(path: Path, max_pages: int) -> tuple[list[Block], dict[str, Any]]:
    import pdfplumber

    meta: dict[str, Any] = {}
    pages: list[list[Block]] = []
    with pdfplumber.open(str(path)) as pdf:
        info = pdf.metadata or {}
        if isinstance(info.get("Title"), str) and info["Title"].strip():
            meta["title"] = info["Title"].strip()
        created = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", str(info.get("CreationDate") or info.get("ModDate") or ""))
        if created:
            meta["created"] = f"{created.group(1)}-{created.group(2)}-{created.group(3)}"
        if len(pdf.pages) > max_pages:
            raise DocumentError(f"{len(pdf.pages):,} pages, over the limit of {max_pages:,} (CONGRESS_CHAT_MAX_PDF_PAGES)")
        tables = 0
        for number, page in enumerate(pdf.pages, start=1):
            blocks, tables = _page_blocks(_without_overprint(page), number, tables)
            pages.append(blocks)
            page.close()  # pdfplumber caches each page's objects until closed
    if not any(block.text.strip() for blocks in pages for block in blocks):
        raise DocumentError("no text layer: a scanned PDF (an image of each page) cannot be read; export the PDF with its text")
    return _without_running_lines(pages), meta


def _without_overprint(page):
    """The page with characters printed twice at one place (a "bold" made by printing twice, which
    reads "1144hh0000") kept once; pdfplumber's dedupe costs a sort of every character, so only
    when some are doubled."""
    seen, doubled = set(), 0
    for char in page.chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        doubled += key in seen
        seen.add(key)
    return page.dedupe_chars() if doubled > 3 else page


def _page_blocks(page, number: int, tables: int) -> tuple[list[Block], int]:
    height = float(page.height)
    kept = []
    try:
        found = page.find_tables()
    except Exception:  # a malformed drawing; read the words alone
        found = []
    for table in found:
        rows = table.extract()
        if any(cell and cell.count("\n") >= 6 for row in rows for cell in row):
            rows = _unruled_rows(page, table) or rows  # rows not separated by rules: one tall cell
        if len(rows) < 2 or max((len(r) for r in rows), default=0) < 2:
            continue
        x0, top, x1, bottom = table.bbox
        if (x1 - x0) * (bottom - top) > 0.85 * float(page.width) * height and len(rows) < 3:
            continue  # a background frame, not a table
        kept.append((table.bbox, rows))
    words = page.extract_words(extra_attrs=["fontname", "size"], x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False)
    words = [w for w in words if w["text"].strip() and not any(_inside(w, bbox) for bbox, _ in kept)]
    pieces: list[tuple[float, float, list[Block]]] = []  # (top, x0, blocks) to put in reading order
    for region in _xy_cut(words, depth=0):
        lines = _lines(region)
        if lines:
            pieces.append((min(w["top"] for w in region), min(w["x0"] for w in region), [_line_block(line, number, height) for line in lines]))
    for bbox, rows in kept:
        tables += 1
        blocks = []
        for row in rows:
            cells, origins = [], []
            for index, cell in enumerate(row):
                if cell is None:  # covered by a merged cell: the one on its left, else the one above
                    copied = cells[-1] if cells else (blocks[-1].cells[index] if blocks and index < len(blocks[-1].cells) else "")
                    cells.append(copied)
                    origins.append(False)
                else:
                    cells.append("\n".join(" ".join(line.split()) for line in cell.split("\n") if line.strip()))
                    origins.append(True)
            if any(cells):
                blocks.append(Block(tuple(cells), ROW, page=number, table=tables, origin=tuple(origins)))
        pieces.append((bbox[1], bbox[0], blocks))
    ordered = _reading_order(pieces)
    return [block for _, _, blocks in ordered for block in blocks], tables


_TIME_WORD = re.compile(r"^\d{1,2}[:h.]\d{2}$")
_TIME_START = re.compile(r"^\s*\d{1,2}\s?[:h.]\s?\d{2}")


def _unruled_rows(page, table) -> list[list[str]]:
    """A table whose columns are ruled but whose rows are not (a Word table without horizontal
    borders, read as one tall cell): its words put in the columns the table's cells mark, one row
    per line of text, then lines joined into the row they continue. A row starts where the first
    column opens with a time, unless the line before left its time range open ("8:45 –", "9:00")."""
    edges = sorted({round(cell[0], 1) for row in table.rows for cell in row.cells if cell})
    if len(edges) < 2:
        return []
    try:
        words = page.crop(table.bbox).extract_words(x_tolerance=1.5, y_tolerance=2.5)
    except Exception:  # a crop outside the page, a drawing pdfplumber cannot follow
        return []
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    split: list[list[str]] = []
    for line in lines:
        cells = [""] * len(edges)
        for word in sorted(line, key=lambda w: w["x0"]):
            column = max((i for i, edge in enumerate(edges) if edge <= word["x0"] + 1.5), default=0)
            cells[column] = f"{cells[column]} {word['text']}".strip()
        split.append(cells)
    timed = [sum(1 for cells in split if _TIME_START.match(cells[c])) for c in range(len(edges))]
    clock = max(range(len(edges)), key=lambda c: timed[c])
    if timed[clock] < 2:
        return []
    rows: list[list[str]] = []
    started = False
    for cells in split:
        opens = bool(_TIME_START.match(cells[clock]))
        open_range = bool(rows) and started and re.search(r"[–—-]\s*$", rows[-1][clock] or "")
        if rows and (not opens or open_range) and (started or not opens):
            previous = rows[-1]
            for index, cell in enumerate(cells):
                if cell:
                    joiner = " " if index == clock else "\n"
                    previous[index] = f"{previous[index]}{joiner}{cell}" if previous[index] else cell
            continue
        started = started or opens
        rows.append(cells)
    return [row for row in rows if any(row)]


def _reading_order(pieces):
    """Regions come out of the XY-cut in reading order; tables are placed before the first region below their top."""
    texts = [p for p in pieces if not p[2] or p[2][0].kind != ROW]
    tables = sorted((p for p in pieces if p[2] and p[2][0].kind == ROW), key=lambda p: p[0])
    ordered = []
    for piece in texts:
        while tables and tables[0][0] < piece[0] - 1:
            ordered.append(tables.pop(0))
        ordered.append(piece)
    return ordered + tables


def _inside(word: dict, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


def _xy_cut(words: list[dict], depth: int) -> list[list[dict]]:
    if len(words) < 4 or depth > 12:
        return [words] if words else []
    vertical = _column_cut(words)
    if vertical is not None:
        left = [w for w in words if w["x1"] <= vertical]
        right = [w for w in words if w["x0"] >= vertical]
        return _xy_cut(left, depth + 1) + _xy_cut(right, depth + 1)
    bands = _bands(words)
    if len(bands) > 1:
        return [region for band in bands for region in _xy_cut(band, depth + 1)]
    return [words]


def _column_cut(words: list[dict]) -> float | None:
    """The x of the widest blank vertical band between independent columns, if any."""
    spans = sorted((w["x0"], w["x1"]) for w in words)
    gaps = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= _MIN_COLUMN_GAP:
            gaps.append((x0 - reach, (x0 + reach) / 2))
        reach = max(reach, x1)
    for _, x in sorted(gaps, reverse=True):
        left = [w for w in words if w["x1"] <= x]
        right = [w for w in words if w["x0"] >= x]
        if len(left) < 3 or len(right) < 3:
            continue
        left_tops = [w["top"] for w in left]
        right_lines = {round(w["top"]) for w in right}
        aligned = sum(1 for top in right_lines if any(abs(top - other) <= 2.5 for other in left_tops))
        width = max(w["x1"] for w in words) - min(w["x0"] for w in words)
        left_width = x - min(w["x0"] for w in left)
        right_width = max(w["x1"] for w in right) - x
        # Two wide sides are two text columns even when their lines happen to align; a narrow side
        # whose lines align with the other's is a time column beside its titles, not a column of text.
        if aligned / len(right_lines) < 0.5 or min(left_width, right_width) >= 0.3 * width:
            return x
    return None


def _bands(words: list[dict]) -> list[list[dict]]:
    """Words split at horizontal blank bands wider than twice the usual line spacing."""
    ordered = sorted(words, key=lambda w: w["top"])
    heights = [w["bottom"] - w["top"] for w in ordered]
    threshold = 1.6 * (median(heights) if heights else 10)
    bands, current, bottom = [], [ordered[0]], ordered[0]["bottom"]
    for word in ordered[1:]:
        if word["top"] - bottom > threshold:
            bands.append(current)
            current = []
        current.append(word)
        bottom = max(bottom, word["bottom"])
    bands.append(current)
    return bands


def _lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        for line in lines:
            if abs(line[0]["top"] - word["top"]) <= 2.5 or abs(line[0]["bottom"] - word["bottom"]) <= 2.0:
                line.append(word)
                break
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return sorted(lines, key=lambda line: min(w["top"] for w in line))


def _line_block(line: list[dict], page: int, height: float) -> Block:
    sizes = [w.get("size") or 10 for w in line]
    space = 0.9 * median(sizes)  # a gap of about an em (three spaces or more) separates cells
    cells, current = [], [line[0]]
    for word in line[1:]:
        if word["x0"] - current[-1]["x1"] > space:
            cells.append(current)
            current = []
        current.append(word)
    cells.append(current)
    first = cells[0]
    if len(first) > 1 and _TIME_WORD.match(first[0]["text"]) and not _TIME_WORD.match(first[1]["text"]) and first[1]["text"] not in "–-—":
        cells[0:1] = [first[:1], first[1:]]  # "11:45 de Jong": the time is a column of its own
    texts = tuple(_cell_text(cell) for cell in cells)
    xs = tuple(round(cell[0]["x0"], 1) for cell in cells)
    bold = all(_BOLD.search(str(w.get("fontname", ""))) for w in line)
    top = min(w["top"] for w in line)
    edge = "top" if top < _EDGE * height else "bottom" if top > (1 - _EDGE) * height else ""
    return Block(texts, LINE, bold=bold, page=page, level=-1 if edge == "top" else -2 if edge else 0, xs=xs)


def _cell_text(words: list[dict]) -> str:
    """Words joined by spaces; letter-spaced text ("1 3 N O V E M B R E") joined back into words."""
    if len(words) >= 4 and sum(len(w["text"]) == 1 for w in words) >= 0.7 * len(words):
        gaps = sorted(b["x0"] - a["x1"] for a, b in zip(words, words[1:]))
        usual = gaps[len(gaps) // 2]
        text = words[0]["text"]
        for a, b in zip(words, words[1:]):
            text += (" " if b["x0"] - a["x1"] > max(usual * 1.8, usual + 1.5) else "") + b["text"]
        return text
    return " ".join(w["text"] for w in words)


def _running_key(block: Block) -> str:
    return re.sub(r"\d+", "#", " ".join(block.text.lower().split()))


def _without_running_lines(pages: list[list[Block]]) -> list[Block]:
    """Every page's blocks, a header or footer line repeated on two or more pages kept once (`level` < 0 marks the page edges)."""
    counts = Counter(key for blocks in pages for key in {_running_key(b) for b in blocks if b.level < 0})
    running = max(2, (len(pages) + 1) // 2)  # on at least half the pages: a day's heading at the top of its page is not
    seen: set[str] = set()
    result = []
    for blocks in pages:
        for block in blocks:
            if block.level < 0:
                key = _running_key(block)
                if counts[key] >= running and (key in seen or len(pages) > 1):
                    if key in seen or re.fullmatch(r"[#\W]*(page|p\.)?[#\W]*", key):
                        continue
                    seen.add(key)
                block = Block(block.cells, block.kind, 0, block.bold, block.page, block.table, block.origin, xs=block.xs)
            result.append(block)
    return result
