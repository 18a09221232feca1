"""A `Programme` written as a document: an overview, then one section per session.

Each session becomes its own passage (a heading and one paragraph), so free-text questions
find it and answers cite it; `Programme.spans` records where each session is in the text,
which is how a schedule answer cites the passage of the session it names.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rag.programme.loaders import load_programme
from rag.programme.model import Programme, Session, programme_to_json
from rag.programme.timewords import format_day, format_time


def date_range(programme: Programme, language: str = "fr") -> str:
    start, end = programme.congress.start, programme.congress.end
    if not start:
        return ""
    if not end or end == start:
        return format_day(start, language)
    joiner = {"fr": ("du", "au"), "en": ("from", "to"), "ar": ("من", "إلى")}[language if language in ("en", "ar") else "fr"]
    return f"{joiner[0]} {format_day(start, language)} {joiner[1]} {format_day(end, language)}"


def overview(programme: Programme) -> str:
    c = programme.congress
    parts = [f"Programme : {c.name}"]
    parts += [c.edition] if c.edition else []
    parts += [f"organisé par {c.organiser}"] if c.organiser else []
    parts += [f"à {c.city}"] if c.city else []
    parts += [c.venue] if c.venue else []
    parts += [date_range(programme)] if c.start else []
    rooms = f" Salles : {', '.join(programme.rooms)}." if programme.rooms else ""
    tracks = f" Parcours : {', '.join(programme.tracks)}." if programme.tracks else ""
    return ", ".join(parts) + f". {len(programme.sessions)} sessions au programme." + rooms + tracks


def session_paragraph(session: Session) -> str:
    """The passage of one session; only the facts the programme gives."""
    when = ""
    if session.day:
        when = format_day(session.day, "fr")
        if session.start:
            when += f", {format_time(session.start)}" + (f"–{format_time(session.end)}" if session.end else "")
    head = " · ".join(part for part in (session.type, when, session.room) if part)
    lines = [head + "." if head else ""]
    lines += [f"Parcours : {session.track}."] if session.track else []
    lines += [f"Modération : {'; '.join(p.label() for p in session.chairs)}."] if session.chairs else []
    lines += [f"Intervenants : {'; '.join(p.label() for p in session.speakers)}."] if session.speakers else []
    lines += [f"Thèmes : {', '.join(session.topics)}."] if session.topics else []
    lines += [session.description] if session.description else []
    return "\n".join(line for line in lines if line)


def render(programme: Programme) -> tuple[str, dict[str, tuple[int, int]]]:
    """(Markdown text, session id → (start, end) of its section in the text)."""
    text = f"# Programme — {programme.congress.name}\n\n{overview(programme)}\n"
    spans: dict[str, tuple[int, int]] = {}
    for session in programme.sessions:
        start = len(text) + 1
        text += f"\n## {session.title}\n\n{session_paragraph(session) or session.title + '.'}\n"
        spans[session.id] = (start, len(text) - 1)
    return text, spans


def programme_document(path: Path, doc_id: str) -> tuple[str, str, dict[str, Any]]:
    """A programme file written as a document: (text, title, metadata carrying the programme itself)."""
    programme = load_programme(path, doc_id)
    text, spans = render(programme)
    programme = replace(programme, spans=spans, source="structured")
    c = programme.congress
    metadata = {
        key: value
        for key, value in {
            "kind": "programme", "congress": c.name, "edition": c.edition, "organiser": c.organiser, "city": c.city,
            "dates": date_range(programme), "source_file": path.name, "programme": programme_to_json(programme),
            "warnings": list(programme.warnings),
        }.items()
        if value
    }
    return text, f"Programme — {c.name}", metadata
