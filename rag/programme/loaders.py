"""Programme files → `Programme`, with validation that names the file, the session and the field.

Formats, chosen by extension and shape:
- `.json` with a `schedule` key, `.xml` with a `<schedule>` root: the schedule exports of
  pretalx and frab (`conference`, `days[].rooms{room: [talk]}`; talks with `date`, `start`,
  `duration`, `room`, `title`, `track`, `type`, `language`, `abstract`, `persons`). A person
  with `"role": "chair"` (or `moderator`) is a chair — our extension; pretalx lists speakers only.
- `.ics`: iCalendar as congress apps export it (SUMMARY, DTSTART/DTEND, LOCATION = room,
  CATEGORIES = track, DESCRIPTION lines "Intervenants: A; B" / "Speakers:" / "Modération:").
- `.yaml`/`.yml`/`.json` with `congress` and `sessions`: our own format (see README).
- `.csv`: one session per row (id,title,type,day,start,end,room,track,chairs,speakers,topics,
  description; lists separated by ";"; "Name (affiliation)"); optional leading `# key: value`
  lines give the congress (name, edition, organiser, city, venue, start, end, timezone).

Errors (end before start, a day outside the congress, an unreadable time) are collected and
raised together as one `ProgrammeError`; sessions overlapping in one room are warnings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rag.errors import DocumentError
from rag.programme.model import DEFAULT_TIMEZONE, Congress, Person, Programme, Session

_CHAIR_ROLES = {"chair", "chairs", "moderator", "moderation", "modérateur", "moderateur", "président", "president", "host"}
_PERSON = re.compile(r"^\s*(?P<name>[^()]+?)\s*(?:\((?P<affiliation>[^)]*)\))?\s*$")
_MAX_ERRORS_SHOWN = 6


class ProgrammeError(DocumentError):
    """A programme file is invalid; the message lists its problems."""


class _Problems:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.errors:
            shown = "; ".join(self.errors[:_MAX_ERRORS_SHOWN])
            more = f" (and {len(self.errors) - _MAX_ERRORS_SHOWN} more)" if len(self.errors) > _MAX_ERRORS_SHOWN else ""
            raise ProgrammeError(f"invalid programme: {shown}{more}")


def load_programme(path: Path, doc_id: str = "") -> Programme:
    """Read and validate a programme file; raises `ProgrammeError` (a `DocumentError`)."""
    suffix = path.suffix.lower()
    problems = _Problems()
    try:
        if suffix == ".xml":
            congress, sessions = _from_frab_xml(path.read_bytes(), problems)
        elif suffix == ".ics":
            congress, sessions = _from_ics(path.read_bytes(), problems)
        elif suffix == ".csv":
            congress, sessions = _from_csv(_text(path), path.stem, problems)
        elif suffix in (".json", ".yaml", ".yml"):
            data = _parse_mapping(path, suffix)
            if isinstance(data.get("schedule"), dict):
                congress, sessions = _from_pretalx_json(data["schedule"], problems)
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
    problems.raise_if_any()
    if not sessions:
        raise ProgrammeError("the programme has no sessions")
    sessions = _unique_ids(sessions)
    _check_days(congress, sessions, problems)
    _check_times(sessions, problems)
    problems.raise_if_any()
    _warn_overlaps(sessions, problems)
    sessions.sort(key=lambda s: (s.day or dt.date.max, s.start or dt.time.max))  # stable: file order otherwise
    return Programme(congress, tuple(sessions), tuple(problems.warnings), doc_id=doc_id)


# Shared field parsing ------------------------------------------------------------------------

def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProgrammeError(f"not UTF-8 text (invalid byte at {error.start}); save it as UTF-8") from error


def _parse_mapping(path: Path, suffix: str) -> dict:
    text = _text(path)
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ProgrammeError(f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from error
    else:
        import yaml

        from rag.limits import safe_yaml

        try:
            data = safe_yaml(text)
        except yaml.YAMLError as error:
            raise ProgrammeError(f"not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise ProgrammeError("not a programme: the file must hold a mapping (key: value), not a list or a value")
    return data


def _str(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _date(value: Any, where: str, field: str, problems: _Problems) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        problems.error(where, f"{field} {value!r} is not a date (YYYY-MM-DD)")
        return None


_TIME = re.compile(r"^(\d{1,2})[:hH.](\d{2})(?::\d{2})?$|^(\d{1,2})\s*[hH]$")


def _time(value: Any, where: str, field: str, problems: _Problems) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, int) and not isinstance(value, bool):  # YAML reads 09:00 unquoted as sexagesimal minutes
        hours, minutes = divmod(value, 60)
        if 0 <= hours < 24:
            return dt.time(hours, minutes)
    match = _TIME.match(str(value).strip())
    if match:
        hours, minutes = (int(match.group(1)), int(match.group(2))) if match.group(1) else (int(match.group(3)), 0)
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    problems.error(where, f"{field} {value!r} is not a time (HH:MM)")
    return None


def _duration(value: Any, where: str, problems: _Problems) -> dt.timedelta | None:
    if value in (None, ""):
        return None
    parts = str(value).strip().split(":")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 2:
            return dt.timedelta(hours=numbers[0], minutes=numbers[1])
        if len(numbers) == 3:
            return dt.timedelta(hours=numbers[0], minutes=numbers[1], seconds=numbers[2])
    except ValueError:
        pass
    problems.error(where, f"duration {value!r} is not HH:MM")
    return None


def _people(value: Any) -> tuple[Person, ...]:
    """People from a list of names / {name, affiliation} mappings, or from "A (aff); B" text."""
    if value in (None, ""):
        return ()
    items = value if isinstance(value, list) else re.split(r"\s*[;\n]\s*", str(value))
    people = []
    for item in items:
        if isinstance(item, dict):
            name = _str(item.get("name") or item.get("public_name") or item.get("full_public_name"))
            affiliation = _str(item.get("affiliation") or item.get("organisation") or item.get("organization"))
        else:
            match = _PERSON.match(str(item))
            if not match:
                continue
            name, affiliation = _str(match.group("name")), _str(match.group("affiliation"))
        if name:
            people.append(Person(name, affiliation))
    return tuple(people)


def _list(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    items = value if isinstance(value, list) else re.split(r"\s*[;\n]\s*", str(value))
    return tuple(_str(item) for item in items if _str(item))


def _zone(name: Any, problems: _Problems) -> str:
    name = _str(name) or DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.error("congress", f"time zone {name!r} is unknown (e.g. Africa/Casablanca)")
        return DEFAULT_TIMEZONE
    return name


def _congress(data: dict, fallback_name: str, problems: _Problems) -> Congress:
    return Congress(
        name=_str(data.get("name") or data.get("title")) or fallback_name,
        edition=_str(data.get("edition")),
        organiser=_str(data.get("organiser") or data.get("organizer")),
        city=_str(data.get("city")),
        venue=_str(data.get("venue")),
        start=_date(data.get("start"), "congress", "start", problems),
        end=_date(data.get("end"), "congress", "end", problems),
        timezone=_zone(data.get("timezone") or data.get("time_zone_name"), problems),
    )


# Our own YAML / JSON and CSV ----------------------------------------------------------------

def _session_from_fields(fields: dict, where: str, problems: _Problems) -> Session | None:
    title = _str(fields.get("title"))
    if not title:
        problems.error(where, "title is missing")
        return None
    return Session(
        id=_str(fields.get("id")),
        title=title,
        type=_str(fields.get("type")),
        day=_date(fields.get("day") or fields.get("date"), where, "day", problems),
        start=_time(fields.get("start"), where, "start", problems),
        end=_time(fields.get("end"), where, "end", problems),
        room=_str(fields.get("room")),
        track=_str(fields.get("track")),
        chairs=_people(fields.get("chairs")),
        speakers=_people(fields.get("speakers")),
        topics=_list(fields.get("topics")),
        description=_str(fields.get("description")),
        language=_str(fields.get("language")),
    )


def _from_own(data: dict, fallback_name: str, problems: _Problems) -> tuple[Congress, list[Session]]:
    congress_data = data.get("congress") or {}
    if not isinstance(congress_data, dict):
        raise ProgrammeError("`congress` must be a mapping (name, edition, organiser, city, venue, start, end, timezone)")
    congress = _congress(congress_data, fallback_name, problems)
    raw_sessions = data.get("sessions") or []
    if not isinstance(raw_sessions, list):
        raise ProgrammeError("`sessions` must be a list of sessions")
    sessions = []
    for number, raw in enumerate(raw_sessions, start=1):
        where = f"session {number}" + (f" ({_str(raw.get('id') or raw.get('title'))})" if isinstance(raw, dict) else "")
        if not isinstance(raw, dict):
            problems.error(where, "must be a mapping (title, day, start, end, room, …)")
            continue
        session = _session_from_fields(raw, where, problems)
        if session is not None:
            sessions.append(session)
    return congress, sessions


def _from_csv(text: str, fallback_name: str, problems: _Problems) -> tuple[Congress, list[Session]]:
    lines = text.splitlines()
    header: dict[str, str] = {}
    while lines and lines[0].lstrip().startswith("#"):
        key, _, value = lines.pop(0).lstrip("# ").partition(":")
        if value.strip():
            header[key.strip().lower()] = value.strip()
    body = "\n".join(lines)
    reader = csv.DictReader(io.StringIO(body), strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        if "unexpected end of data" in str(error):  # a quote opened and never closed swallows the rest of the file
            raise ProgrammeError(f"not valid CSV (the row from line {reader.line_num + 1 + len(header)}: a quote is never closed)") from error
        reader = csv.DictReader(io.StringIO(body))  # other stray quotes: read as the csv module always did
        rows = list(reader)
    if not reader.fieldnames or "title" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ProgrammeError("the CSV header must name at least a `title` column (id,title,type,day,start,end,room,…)")
    congress = _congress(header, fallback_name, problems)
    sessions = []
    for number, row in enumerate(rows, start=2 + len(header)):
        fields = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        session = _session_from_fields(fields, f"row {number} ({fields.get('id') or fields.get('title', '')})", problems)
        if session is not None:
            sessions.append(session)
    return congress, sessions


# pretalx / frab ------------------------------------------------------------------------------

def _talk_people(persons: list) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """(chairs, speakers) of a pretalx/frab talk; pretalx keeps an affiliation, if any, in the biography."""
    chairs, speakers = [], []
    for raw in persons if isinstance(persons, list) else []:
        raw = raw if isinstance(raw, dict) else {"name": raw}
        name = _str(raw.get("public_name") or raw.get("name") or raw.get("full_public_name"))
        if not name:
            continue
        affiliation = _str(raw.get("affiliation") or raw.get("organisation") or raw.get("biography"))
        person = Person(name, affiliation if len(affiliation) <= 120 else "")
        (chairs if _str(raw.get("role")).lower() in _CHAIR_ROLES else speakers).append(person)
    return tuple(chairs), tuple(speakers)


def _talk_session(talk: dict, room: str, day: dt.date | None, timezone: str, where: str, problems: _Problems) -> Session | None:
    title = _str(talk.get("title"))
    if not title:
        problems.error(where, "title is missing")
        return None
    when = talk.get("date")
    start_day, start = day, _time(talk.get("start"), where, "start", problems) if talk.get("start") else None
    if when:  # the talk's own date-time; its local wall time is `start` when both are given
        try:
            moment = dt.datetime.fromisoformat(str(when).strip())
            if moment.tzinfo is not None and start is None:
                moment = moment.astimezone(ZoneInfo(timezone))
            start_day = moment.date()
            start = start or moment.time().replace(second=0, microsecond=0, tzinfo=None)
        except ValueError:
            problems.error(where, f"date {when!r} is not an ISO date-time")
    if start is None:
        problems.error(where, "start is missing (neither `date` nor `start` gives a time)")
    duration = _duration(talk.get("duration"), where, problems)
    end = None
    if start is not None and duration is not None:
        end = (dt.datetime.combine(dt.date(2000, 1, 1), start) + duration).time()
    chairs, speakers = _talk_people(talk.get("persons") or [])
    return Session(
        id=_str(talk.get("code") or talk.get("guid") or talk.get("id")),
        title=title + (f" — {_str(talk.get('subtitle'))}" if _str(talk.get("subtitle")) else ""),
        type=_str(talk.get("type")),
        day=start_day,
        start=start,
        end=end,
        room=_str(talk.get("room")) or room,
        track=_str(talk.get("track")),
        chairs=chairs,
        speakers=speakers,
        topics=_list(talk.get("topics") or talk.get("tags")),
        description=_str(talk.get("abstract")) or _str(talk.get("description")),
        language=_str(talk.get("language")),
    )


def _from_pretalx_json(schedule: dict, problems: _Problems) -> tuple[Congress, list[Session]]:
    conference = schedule.get("conference")
    if not isinstance(conference, dict):
        raise ProgrammeError("`schedule.conference` is missing: is this a pretalx/frab schedule export?")
    congress = _congress(conference, _str(conference.get("acronym")) or "programme", problems)
    sessions = []
    for day_number, day in enumerate(conference.get("days") or [], start=1):
        day_date = _date(day.get("date"), f"day {day_number}", "date", problems)
        for room, talks in (day.get("rooms") or {}).items():
            for number, talk in enumerate(talks or [], start=1):
                where = f"day {day_number}, room {room!r}, talk {number} ({_str(talk.get('code') or talk.get('title'))})"
                session = _talk_session(talk, room, day_date, congress.timezone, where, problems)
                if session is not None:
                    sessions.append(session)
    return congress, sessions


def _from_frab_xml(data: bytes, problems: _Problems) -> tuple[Congress, list[Session]]:
    import xml.etree.ElementTree as ET

    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise ProgrammeError("XML with a DOCTYPE or entities is refused (schedule exports have none)")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ProgrammeError(f"not valid XML ({error})") from error
    if root.tag != "schedule":
        raise ProgrammeError(f"not a frab/pretalx schedule: the root element is <{root.tag}>, not <schedule>")
    conference = root.find("conference")
    info = {child.tag: (child.text or "").strip() for child in conference} if conference is not None else {}
    congress = _congress(info, info.get("acronym") or "programme", problems)
    sessions = []
    for day_number, day in enumerate(root.findall("day"), start=1):
        day_date = _date(day.get("date"), f"day {day_number}", "date", problems)
        for room in day.findall("room"):
            for number, event in enumerate(room.findall("event"), start=1):
                talk: dict[str, Any] = {child.tag: (child.text or "").strip() for child in event if child.tag not in ("persons", "links", "attachments")}
                talk["guid"] = event.get("guid") or talk.get("guid")
                talk["id"] = event.get("id")
                talk["persons"] = [{"name": (p.text or "").strip(), "role": p.get("role", "")} for p in event.findall("persons/person")]
                where = f"day {day_number}, room {room.get('name')!r}, event {number} ({talk.get('title', '')})"
                session = _talk_session(talk, room.get("name", ""), day_date, congress.timezone, where, problems)
                if session is not None:
                    sessions.append(session)
    return congress, sessions


# iCalendar -----------------------------------------------------------------------------------

_ICS_PEOPLE = re.compile(r"^\s*(intervenants?|speakers?|orateurs?|conférenciers?|المتدخلون|المحاضرون)\s*:\s*(.+)$", re.I | re.M)
_ICS_CHAIRS = re.compile(r"^\s*(modérateurs?|modération|moderators?|chairs?|présidents?|رئاسة|المسيرون)\s*:\s*(.+)$", re.I | re.M)


def _from_ics(data: bytes, problems: _Problems) -> tuple[Congress, list[Session]]:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise ProgrammeError(f"not valid iCalendar ({error})") from error
    timezone = _zone(calendar.get("X-WR-TIMEZONE"), problems)
    zone = ZoneInfo(timezone)
    sessions = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        title = _str(event.get("SUMMARY"))
        where = f"event {number} ({title or event.get('UID', '')})"
        for name, reason in getattr(event, "errors", []):  # icalendar keeps a value it cannot read as text
            problems.error(where, f"{name}: {reason}")
        if any(name in ("DTSTART", "DTEND", "DURATION") for name, _ in getattr(event, "errors", [])):
            continue
        start = event.decoded("DTSTART") if event.get("DTSTART") else None
        end = event.decoded("DTEND") if event.get("DTEND") else None
        if end is None and start is not None and event.get("DURATION"):
            end = start + event.decoded("DURATION")

        def local(moment):
            if isinstance(moment, dt.datetime):
                return moment.astimezone(zone) if moment.tzinfo else moment
            return moment

        start, end = local(start), local(end)
        description = str(event.get("DESCRIPTION") or "")
        speakers = _ICS_PEOPLE.search(description)
        chairs = _ICS_CHAIRS.search(description)
        body = _ICS_CHAIRS.sub("", _ICS_PEOPLE.sub("", description))
        categories = event.get("CATEGORIES")
        track = ""
        if categories is not None:
            first = categories[0] if isinstance(categories, list) else categories
            track = ", ".join(str(c) for c in getattr(first, "cats", [first]))
        fields = {
            "id": _str(event.get("UID")), "title": title, "type": "",
            "day": start if isinstance(start, dt.date) else None,
            "start": start.time() if isinstance(start, dt.datetime) else None,
            "end": end.time() if isinstance(end, dt.datetime) else None,
            "room": _str(event.get("LOCATION")), "track": track,
            "speakers": speakers.group(2) if speakers else "", "chairs": chairs.group(2) if chairs else "",
            "description": body,
        }
        session = _session_from_fields(fields, where, problems)
        if session is not None:
            sessions.append(session)
    days = sorted(s.day for s in sessions if s.day)
    congress = Congress(
        name=_str(calendar.get("X-WR-CALNAME")) or "programme",
        start=days[0] if days else None, end=days[-1] if days else None, timezone=timezone,
    )
    return congress, sessions


# Checks --------------------------------------------------------------------------------------

def _unique_ids(sessions: list[Session]) -> list[Session]:
    """Every session gets an id: its own, made unique, or its position."""
    from dataclasses import replace

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


def _check_days(congress: Congress, sessions: list[Session], problems: _Problems) -> None:
    if congress.start and congress.end and congress.end < congress.start:
        problems.error("congress", f"end {congress.end} is before start {congress.start}")
        return
    if not (congress.start and congress.end):
        return
    for session in sessions:
        if session.day and not congress.start <= session.day <= congress.end:
            problems.error(
                f"session {session.id} ({session.title})",
                f"day {session.day} is not a day of the congress ({congress.start} to {congress.end})",
            )


def _check_times(sessions: list[Session], problems: _Problems) -> None:
    for session in sessions:
        if session.start and session.end and session.end <= session.start:
            problems.error(f"session {session.id} ({session.title})", f"end {session.end:%H:%M} is not after start {session.start:%H:%M}")


def _warn_overlaps(sessions: list[Session], problems: _Problems) -> None:
    timed = sorted((s for s in sessions if s.room and s.day and s.start and s.end), key=lambda s: (s.room, s.day, s.start))
    for first, second in zip(timed, timed[1:]):
        if (first.room, first.day) == (second.room, second.day) and second.start < first.end:
            problems.warnings.append(
                f"sessions {first.id} ({first.title}) and {second.id} ({second.title}) overlap in {first.room} on {first.day}"
            )
