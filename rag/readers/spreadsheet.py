"""Spreadsheets (.xlsx, .xls, .ods) → blocks: one heading per sheet, one row block per row.

python-calamine reads all three formats (Rust, fast, no formula evaluation: it returns the
value the file cached, which is what the author saw). Dates and times come back typed and are
written as ISO `2014-10-06` / `14:30`; a time stored as a fraction of a day in a column of
times stays a number, which the programme reader converts. Merged cells (xlsx) are repeated
over the range they cover, `Block.origin` marking the copies. Reading stops at `max_cells`
non-empty cells (a 1,000,000-cell sheet is refused with a message, not read into memory whole).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rag.errors import DocumentError
from rag.readers.blocks import HEADING, ROW, Block

MAX_COLUMNS = 200


def read_spreadsheet(path: Path, max_cells: int) -> tuple[list[Block], dict[str, Any]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    blocks: list[Block] = []
    cells_read = 0
    for number, name in enumerate(workbook.sheet_names, start=1):
        sheet = workbook.get_sheet_by_name(name)
        if sheet.height * min(sheet.width, MAX_COLUMNS) > max_cells * 4:
            raise DocumentError(
                f"sheet {name!r} has {sheet.height:,} rows × {sheet.width:,} columns, over the limit of "
                f"{max_cells:,} cells (CONGRESS_CHAT_MAX_CELLS)"
            )
        rows = [[_value(value) for value in row[:MAX_COLUMNS]] for row in sheet.iter_rows()]
        origins = [[True] * len(row) for row in rows]
        for (r0, c0), (r1, c1) in getattr(sheet, "merged_cell_ranges", None) or []:
            r0, c0 = r0 - sheet.start[0] if sheet.start else r0, c0 - sheet.start[1] if sheet.start else c0
            r1, c1 = r1 - (sheet.start[0] if sheet.start else 0), c1 - (sheet.start[1] if sheet.start else 0)
            if not (0 <= r0 < len(rows) and 0 <= c0 < len(rows[r0])):
                continue
            value = rows[r0][c0]
            for r in range(r0, min(r1, len(rows) - 1) + 1):
                for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                    if (r, c) != (r0, c0):
                        rows[r][c], origins[r][c] = value, False
        sheet_blocks = []
        for row, origin in zip(rows, origins):
            filled = sum(1 for value in row if value)
            if not filled:
                continue
            cells_read += filled
            if cells_read > max_cells:
                raise DocumentError(f"more than {max_cells:,} filled cells, over the limit (CONGRESS_CHAT_MAX_CELLS)")
            while row and not row[-1]:
                row, origin = row[:-1], origin[:-1]
            sheet_blocks.append(Block(tuple(row), ROW, table=number, origin=tuple(origin)))
        if sheet_blocks:
            blocks.append(Block((name,), HEADING, level=2, table=number))
            blocks.extend(sheet_blocks)
    return blocks, {}


def _value(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        if value.date() <= dt.date(1900, 1, 1):  # a time stored as a date-time on Excel's day zero
            return value.strftime("%H:%M")
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return "\n".join(" ".join(line.split()) for line in str(value).replace("\xa0", " ").split("\n") if line.strip())
