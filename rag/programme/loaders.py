"""Programme files → `Programme`: tolerant of what real files hold, strict about what it keeps.

Formats, chosen by extension and shape:
- `.json` with a `schedule` key, `.xml` with a `<schedule>` root: the schedule exports of
  pretalx and frab, and `.ics` as congress apps export it (`exports`). A person with
  `"role": "chair"` (or `moderator`) is a chair — our extension; pretalx lists speakers only.
- `.yaml`/`.yml`/`.json` with `congress` and `sessions`: our own format (see README).
- `.csv`: one session per row (id,title,type,day,start,end,room,track,chairs,speakers,topics,
  description; lists separated by ";"; "Name (affiliation)"); optional leading `# key: value`
  lines give the congress (name, edition, organiser, city, venue, start, end, timezone).

A session with a problem (no title, an unreadable time, an end before its start that is not a
night crossing midnight, a day outside the congress) is skipped and named in one warning line;
the programme is refused (`ProgrammeError`) only when no session is left or the file cannot be
read at all. The same talk listed again in a "(Stream)" room or with a "(Stream)" title is one
session. Sessions overlapping in one room are warnings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import replace
from pathlib import Path

from rag.errors import DocumentError
from rag.programme.exports import congress_from, from_frab_xml, from_ics, from_pretalx_json
from rag.programme.fields import (
    SMALL_HOURS,
    ProgrammeError,
    Problems,
    check_end,
    items,
    people,
    plain,
    read_date,
    read_time,
    session_label,
    text,
)
from rag.programme.model import Congress, Programme, Session

__all__ = ["ProgrammeError", "load_programme"]


def load_programme(path: Path, doc_id: str = "") -> Programme:
    """Read a programme file, keeping every usable session; raises `ProgrammeError` (a `DocumentError`)."""
    suffix = path.suffix.lower()
    problems = Problems()
    try:
        if suffix == ".xml":
            congress, sessions = from_frab_xml(path.read_bytes(), problems)
        elif suffix == ".ics":
            congress, sessions = from_ics(path.read_bytes(), problems)
        elif suffix == ".csv":
            congress, sessions = _from_csv(_text(path), path.stem, problems)
        elif suffix in (".json", ".yaml", ".yml"):
            data = _parse_mapping(path, suffix)
            if isinstance(data.get("schedule"), dict):
                congress, sessions = from_pretalx_json(data["schedule"], problems)
            elif "sessions" in data:
                congress, sessions = _from_own(data, path.stem, problems)
            else:
                raise ProgrammeError(
                    "not a programme: expected a pretalx/frab export (a `schedule` key) or our format (`congress` and `sessions`)"
                )
        else:
            raise ProgrammeError(f"unsupported programme type {suffix!r}")
    except DocumentError:
        raise
    except Exception as error:  # a parser's own exception on a broken file
        raise ProgrammeError(f"cannot be read as a {suffix[1:].upper()} programme ({type(error).__name__}: {error})") from error
    sessions = _one_per_talk(sessions)
    sessions = _within_days(congress, _unique_ids(sessions), problems)
    if not sessions:
        raise problems.refusal()
    _warn_overlaps(sessions, problems)
    sessions.sort(key=lambda s: (s.day or dt.date.max, s.start or dt.time.max))  # stable: file order otherwise
    return Programme(congress, tuple(sessions), tuple(problems.warnings), doc_id=doc_id)


# Reading files -----------------------------------------------------------------------------

def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProgrammeError(f"not UTF-8 text (invalid byte at {error.start}); save it as UTF-8") from error


def _parse_mapping(path: Path, suffix: str) -> dict:
    content = _text(path)
    if suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as error:
            raise ProgrammeError(f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from error
    else:
        import yaml

        from rag.limits import safe_yaml

        try:
            data = safe_yaml(content)
        except yaml.YAMLError as error:
            raise ProgrammeError(f"not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise ProgrammeError("not a programme: the file must hold a mapping (key: value), not a list or a value")
    return data


# Our own YAML / JSON and CSV ----------------------------------------------------------------

def _session_from_fields(fields: dict, problems: Problems) -> Session | None:
    title = text(fields.get("title"))
    if not title:
        problems.error("title is missing")
    start, end = read_time(fields.get("start"), "start", problems), read_time(fields.get("end"), "end", problems)
    check_end(start, end, problems)
    return Session(
        id=text(fields.get("id")),
        title=title,
        type=text(fields.get("type")),
        day=read_date(fields.get("day") or fields.get("date"), "day", problems),
        start=start,
        end=end,
        room=text(fields.get("room")),
        track=text(fields.get("track")),
        chairs=people(fields.get("chairs")),
        speakers=people(fields.get("speakers")),
        topics=items(fields.get("topics")),
        description=plain(fields.get("description")),
        language=text(fields.get("language")),
    ) if title else None


def _from_own(data: dict, fallback_name: str, problems: Problems) -> tuple[Congress, list[Session]]:
    congress_data = data.get("congress") or {}
    if not isinstance(congress_data, dict):
        raise ProgrammeError("`congress` must be a mapping (name, edition, organiser, city, venue, start, end, timezone)")
    congress = congress_from(congress_data, fallback_name, problems)
    raw_sessions = data.get("sessions") or []
    if not isinstance(raw_sessions, list):
        raise ProgrammeError("`sessions` must be a list of sessions")
    sessions = []
    for number, raw in enumerate(raw_sessions, start=1):
        if not isinstance(raw, dict):
            problems.error("must be a mapping (title, day, start, end, room, …)")
            problems.keep(f"session {number}", None)
            continue
        label = session_label(raw.get("id"), text(raw.get("title")), number)
        sessions.append(problems.keep(label, _session_from_fields(raw, problems)))
    return congress, [s for s in sessions if s is not None]


def _from_csv(content: str, fallback_name: str, problems: Problems) -> tuple[Congress, list[Session]]:
    lines = content.splitlines()
    header: dict[str, str] = {}
    skipped_lines = 0
    while lines and lines[0].lstrip().startswith("#"):
        key, _, value = lines.pop(0).lstrip("# ").partition(":")
        skipped_lines += 1
        if value.strip():
            header[key.strip().lower()] = value.strip()
    reader = csv.DictReader(io.StringIO("\n".join(lines)), strict=True)
    rows, read_up_to = [], 0
    try:
        fieldnames = reader.fieldnames
        if not fieldnames or "title" not in [f.strip().lower() for f in fieldnames]:
            raise ProgrammeError("the CSV header must name at least a `title` column (id,title,type,day,start,end,room,…)")
        read_up_to = reader.line_num
        for row in reader:
            rows.append(row)
            read_up_to = reader.line_num
    except csv.Error as error:
        reason = "a quote is opened and never closed" if "end of data" in str(error) else str(error)
        raise ProgrammeError(f"not valid CSV at line {skipped_lines + read_up_to + 1}: {reason}") from error
    congress = congress_from(header, fallback_name, problems)
    sessions = []
    for number, row in enumerate(rows, start=1):
        fields = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if not isinstance(v, list)}
        label = session_label(fields.get("id"), text(fields.get("title")), number)
        sessions.append(problems.keep(label, _session_from_fields(fields, problems)))
    return congress, [s for s in sessions if s is not None]


# Checks across sessions -----------------------------------------------------------------------

_STREAM_ROOM = re.compile(r"\b(live ?stream|stream(ing)?|retransmission)\b", re.I)
_STREAM_TITLE = re.compile(r"\s*(?:[\(\[](?:live ?stream|stream(?:ing)?|retransmission)[\)\]]|[-–]\s*(?:live ?stream|stream(?:ing)?))\s*$", re.I)


def _one_per_talk(sessions: list[Session]) -> list[Session]:
    """The same talk listed again in a "(Stream)" room (or with a "(Stream)" title) is one
    session, kept where it really takes place."""
    def key(session: Session) -> tuple:
        return (_STREAM_TITLE.sub("", session.title).strip().lower(), session.day, session.start)

    def streamed(session: Session) -> bool:
        return bool(_STREAM_ROOM.search(session.room) or _STREAM_TITLE.search(session.title))

    best: dict[tuple, Session] = {}
    for session in sessions:
        held = best.get(key(session))
        if held is None or (streamed(held) and not streamed(session)):
            best[key(session)] = session
    kept = {id(s) for s in best.values()}
    return [replace(s, title=_STREAM_TITLE.sub("", s.title).strip() or s.title) for s in sessions if id(s) in kept]


def _unique_ids(sessions: list[Session]) -> list[Session]:
    """Every session gets an id: its own, made unique, or its position."""
    seen: set[str] = set()
    result = []
    for number, session in enumerate(sessions, start=1):
        base = session.id or f"s{number}"
        candidate, suffix = base, 2
        while candidate in seen:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(candidate)
        result.append(replace(session, id=candidate))
    return result


def _within_days(congress: Congress, sessions: list[Session], problems: Problems) -> list[Session]:
    """Sessions on a day of the congress (or in the night after its last day); the others are skipped."""
    if not (congress.start and congress.end):
        return sessions
    if congress.end < congress.start:
        problems.warn(f"congress: end {congress.end} is before start {congress.start} (the days are not checked)")
        return sessions
    kept = []
    for session in sessions:
        night_after = session.day == congress.end + dt.timedelta(days=1) and session.start is not None and session.start < SMALL_HOURS
        if session.day and not congress.start <= session.day <= congress.end and not night_after:
            problems.error(f"day {session.day} is not a day of the congress ({congress.start} to {congress.end})")
        if problems.keep(session_label(session.id, session.title, 0), session) is not None:
            kept.append(session)
    return kept


def _warn_overlaps(sessions: list[Session], problems: Problems) -> None:
    def span(session: Session) -> tuple[dt.datetime, dt.datetime]:
        return dt.datetime.combine(session.day, session.start), dt.datetime.combine(session.end_day, session.end)

    timed = sorted((s for s in sessions if s.room and s.day and s.start and s.end), key=lambda s: (s.room, span(s)))
    for first, second in zip(timed, timed[1:]):
        if first.room == second.room and span(second)[0] < span(first)[1]:
            problems.warn(
                f"sessions {first.id} ({first.title}) and {second.id} ({second.title}) overlap in {first.room} on {first.day}"
            )
