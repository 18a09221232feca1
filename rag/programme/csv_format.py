"""A `Programme` written in the project's own CSV programme format (read back by
`rag.programme.loaders`): `# key: value` lines for the congress, then one session per row
(id,title,type,day,start,end,room,track,chairs,speakers,topics,description; lists separated
by ";", a person as "Name (affiliation)").

This is how an organiser corrects what the programme reader got wrong in a brochure: download
the sessions read from it, fix them in a spreadsheet, upload the CSV. Its `# source:` line names
the document it came from, and at ingest the CSV's sessions replace that document's
(`replaced_sources`), the document staying indexed as text.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from rag.programme.model import Person, Programme

COLUMNS = ("id", "title", "type", "day", "start", "end", "room", "track", "chairs", "speakers", "topics", "description")
_SOURCE = re.compile(r"^\s*#\s*source\s*:\s*(?P<name>.+?)\s*$", re.I | re.M)


def _people(people: tuple[Person, ...]) -> str:
    return "; ".join(person.label() for person in people)


def programme_csv(programme: Programme, source: str = "") -> str:
    c = programme.congress
    head = [("name", c.name), ("edition", c.edition), ("organiser", c.organiser), ("city", c.city), ("venue", c.venue),
            ("start", c.start.isoformat() if c.start else ""), ("end", c.end.isoformat() if c.end else ""),
            ("timezone", c.timezone), ("source", source)]
    out = io.StringIO(newline="")
    for key, value in head:
        if value:
            out.write(f"# {key}: {value}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in programme.sessions:
        writer.writerow([
            s.id, s.title, s.type, s.day.isoformat() if s.day else "", s.start.strftime("%H:%M") if s.start else "",
            s.end.strftime("%H:%M") if s.end else "", s.room, s.track, _people(s.chairs), _people(s.speakers),
            "; ".join(s.topics), " ".join(s.description.split()),
        ])
    return out.getvalue()


def csv_source(path: Path) -> str | None:
    """The document a programme CSV says it corrects (its `# source:` line), if any."""
    try:
        head = path.read_text(encoding="utf-8-sig", errors="replace")[:4000]
    except OSError:
        return None
    lines = []
    for line in head.splitlines():
        if not line.lstrip().startswith("#"):
            break
        lines.append(line)
    match = _SOURCE.search("\n".join(lines))
    return match.group("name") if match else None
