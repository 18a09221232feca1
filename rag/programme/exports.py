"""What organisers' tools export: pretalx/frab schedules (JSON and XML) and iCalendar (`.ics`).

Read as real exports are written, not as the format documents say:
- a session after midnight may sit under the previous `<day>`; its own `date` gives its day;
- `date` carries the offset; without `time_zone_name` the zone is the offsets' (`Etc/GMT-2`);
  `day_start`/`day_end` may be full date-times; `duration` is `HH:MM` (`09:00` is nine hours);
- extra keys (`$schema`, `generator`), no `base_url`, `<days>` instead of `daysCount`;
- an `.ics` names an IANA zone in `TZID` and may embed a wrong `VTIMEZONE` for it: the name wins;
  our own export writes "room, venue, city" as LOCATION and the room alone as `X-CONGRESS-CHAT-ROOM`;
  speakers may only be in `SUMMARY`, as "Title - Name1, Name2" (the title may hold " - " too);
- descriptions in Markdown.
Each talk or event with a problem is skipped and named (`Problems.keep`), the others are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rag.programme.fields import (
    ProgrammeError,
    Problems,
    add,
    check_end,
    items,
    people,
    plain,
    read_date,
    read_duration,
    read_time,
    session_label,
    text,
    zone_name,
    zone_of_offset,
)
from rag.programme.model import DEFAULT_TIMEZONE, Congress, Person, Session

CHAIR_ROLES = {"chair", "chairs", "moderator", "moderation", "modérateur", "moderateur", "président", "president", "host"}


def congress_from(data: dict, fallback_name: str, problems: Problems, timezone: str | None = None) -> Congress:
    congress = Congress(
        name=text(data.get("name") or data.get("title")) or fallback_name,
        edition=text(data.get("edition")),
        organiser=text(data.get("organiser") or data.get("organizer")),
        city=text(data.get("city")),
        venue=text(data.get("venue")),
        start=read_date(data.get("start"), "start", problems),
        end=read_date(data.get("end"), "end", problems),
        timezone=timezone or zone_name(data.get("timezone") or data.get("time_zone_name"), problems),
    )
    problems.settle("congress")
    return congress


# pretalx / frab ------------------------------------------------------------------------------

def _talk_people(persons: list) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """(chairs, speakers) of a pretalx/frab talk; pretalx keeps an affiliation, if any, in the biography."""
    chairs, speakers = [], []
    for raw in persons if isinstance(persons, list) else []:
        raw = raw if isinstance(raw, dict) else {"name": raw}
        name = text(raw.get("public_name") or raw.get("name") or raw.get("full_public_name"))
        if not name:
            continue
        affiliation = text(raw.get("affiliation") or raw.get("organisation") or raw.get("biography"))
        person = Person(name, affiliation if len(affiliation) <= 120 else "")
        (chairs if text(raw.get("role")).lower() in CHAIR_ROLES else speakers).append(person)
    return tuple(chairs), tuple(speakers)


def _name(value: Any) -> str:
    """A track or type may be a string or a {name} mapping (newer pretalx)."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("en") or next(iter(value.values()), "")
    return text(value)


def _aware(value: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def offsets_zone(dates: list[Any]) -> str | None:
    """The zone of the talks' `date` offsets, when the export names none."""
    for value in dates:
        moment = _aware(value)
        if moment is not None:
            return zone_of_offset(moment.utcoffset())
    return None


def talk_session(talk: dict, room: str, day: dt.date | None, timezone: str, problems: Problems) -> Session | None:
    title = text(talk.get("title"))
    if not title:
        problems.error("title is missing")
    start_day, start = day, read_time(talk.get("start"), "start", problems)
    when = talk.get("date")
    if when:
        try:
            moment = dt.datetime.fromisoformat(str(when).strip())
        except ValueError:
            problems.error(f"date {when!r} is not an ISO date-time")
        else:
            if moment.tzinfo is not None:  # the talk's own moment wins over the day it is filed under
                moment = moment.astimezone(ZoneInfo(timezone))
                start = moment.time().replace(second=0, microsecond=0, tzinfo=None)
            start = start or moment.time().replace(second=0, microsecond=0)
            start_day = moment.date()
    if start is None and not problems.pending:
        problems.error("start is missing (neither `date` nor `start` gives a time)")
    duration = read_duration(talk.get("duration"), problems)
    end = add(start, duration) if start is not None and duration is not None else None
    if start_day is None:
        problems.error("day is missing")
    chairs, speakers = _talk_people(talk.get("persons") or [])
    subtitle = text(talk.get("subtitle"))
    return Session(
        id=text(talk.get("code") or talk.get("guid") or talk.get("id")),
        title=title + (f" — {subtitle}" if subtitle else ""),
        type=_name(talk.get("type")),
        day=start_day,
        start=start,
        end=end,
        room=text(talk.get("room")) or room,
        track=_name(talk.get("track")),
        chairs=chairs,
        speakers=speakers,
        topics=items(talk.get("topics") or talk.get("tags")),
        description=plain(talk.get("abstract")) or plain(talk.get("description")),
        language=text(talk.get("language")),
    ) if title else None


def _talk_label(talk: dict, number: int) -> str:
    return session_label(talk.get("code") or talk.get("id") or talk.get("guid"), text(talk.get("title")), number)


def from_pretalx_json(schedule: dict, problems: Problems) -> tuple[Congress, list[Session]]:
    conference = schedule.get("conference")
    if not isinstance(conference, dict):
        raise ProgrammeError("`schedule.conference` is missing: is this a pretalx/frab schedule export?")
    days = [day for day in conference.get("days") or [] if isinstance(day, dict)]
    talks = [
        (day, room, talk)
        for day in days
        for room, room_talks in (day.get("rooms") or {}).items()
        for talk in (room_talks or [])
        if isinstance(talk, dict)
    ]
    zone = None if text(conference.get("time_zone_name")) else offsets_zone([t.get("date") for _, _, t in talks])
    congress = congress_from(conference, text(conference.get("acronym")) or "programme", problems, zone)
    sessions = []
    for number, (day, room, talk) in enumerate(talks, start=1):
        day_date = read_date(day.get("date") or day.get("day_start"), "day date", problems)
        session = talk_session(talk, room, day_date, congress.timezone, problems)
        sessions.append(problems.keep(_talk_label(talk, number), session))
    return congress, [s for s in sessions if s is not None]


def from_frab_xml(data: bytes, problems: Problems) -> tuple[Congress, list[Session]]:
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
    info = {child.tag: (child.text or "").strip() for child in conference if len(child) == 0} if conference is not None else {}
    talks = []
    for day in root.findall("day"):
        for room in day.findall("room"):
            for event in room.findall("event"):
                talk: dict[str, Any] = {
                    child.tag: (child.text or "").strip() for child in event if child.tag not in ("persons", "links", "attachments")
                }
                talk["guid"] = event.get("guid") or talk.get("guid")
                talk["id"] = event.get("id") or talk.get("id")
                talk["persons"] = [{"name": p.text or "", "role": p.get("role", "")} for p in event.findall("persons/person")]
                talks.append((day.get("date") or day.get("start"), room.get("name", ""), talk))
    zone = None if info.get("time_zone_name") else offsets_zone([t.get("date") for _, _, t in talks])
    congress = congress_from(info, info.get("acronym") or "programme", problems, zone)
    sessions = []
    for number, (day_date, room, talk) in enumerate(talks, start=1):
        session = talk_session(talk, room, read_date(day_date, "day date", problems), congress.timezone, problems)
        sessions.append(problems.keep(_talk_label(talk, number), session))
    return congress, [s for s in sessions if s is not None]


# iCalendar -----------------------------------------------------------------------------------

_ICS_PEOPLE = re.compile(r"^\s*(intervenants?|speakers?|orateurs?|conférenciers?|المتدخلون|المحاضرون)\s*:\s*(.+)$", re.I | re.M)
_ICS_CHAIRS = re.compile(r"^\s*(modérateurs?|modération|moderators?|chairs?|présidents?|رئاسة|المسيرون)\s*:\s*(.+)$", re.I | re.M)
_PARTICLES = {"de", "del", "della", "da", "das", "dos", "du", "des", "di", "van", "von", "der", "den", "el", "al", "ben", "bin", "ibn", "le", "la", "y", "e"}
_NOT_NAMES = {
    "session", "sessions", "lecture", "keynote", "talk", "workshop", "atelier", "symposium", "plenary", "plénière", "pause",
    "break", "lunch", "déjeuner", "dinner", "dîner", "opening", "closing", "ouverture", "clôture", "ceremony", "cérémonie",
    "panel", "round", "table", "ronde", "questions", "discussion", "part", "partie", "day", "jour", "live", "stream", "poster",
    "posters", "introduction", "conclusion", "conférence", "conference", "cas", "cases", "case", "update", "forum",
}


def _is_name(part: str) -> bool:
    """"Dr Salma Imaginaire", "Anne-Marie van der Berg", "K. El Idrissi": capitalised words, 2 to 6 of them."""
    words = part.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in part):
        return False
    for word in words:
        bare = word.strip(".,'’")
        if bare.lower() in _NOT_NAMES:
            return False
        if bare.lower() in _PARTICLES:
            continue
        if not bare or not bare[0].isupper() or not all(ch.isalpha() or ch in "-'’." for ch in word):
            return False
    return True


def split_summary(summary: str) -> tuple[str, str]:
    """("Title", "Name1, Name2") from "Title - Name1, Name2"; the title may itself hold " - ".
    Only a tail made of person names is taken as speakers; otherwise the whole summary is the title."""
    head, sep, tail = summary.rpartition(" - ")
    if not sep or not head.strip():
        return summary, ""
    names = [n.strip() for n in re.split(r",|;| & | et | and ", tail) if n.strip()]
    if names and all(_is_name(n) for n in names):
        return head.strip(), "; ".join(names)
    return summary, ""


def _iana(name: Any) -> str | None:
    name = text(name)
    if not name:
        return None
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _moment(event, name: str, zone: ZoneInfo, problems: Problems) -> dt.datetime | dt.date | None:
    """DTSTART/DTEND in the congress zone. A TZID that is an IANA name is read as that zone,
    whatever VTIMEZONE block the file embeds for it."""
    prop = event.get(name)
    if prop is None:
        return None
    try:
        value = event.decoded(name)
    except Exception:  # icalendar's own errors on a broken value
        value = None
    if isinstance(value, dt.datetime):
        tzid = _iana(getattr(prop, "params", {}).get("TZID"))
        if tzid:
            value = value.replace(tzinfo=ZoneInfo(tzid))
        return value.astimezone(zone) if value.tzinfo else value
    if isinstance(value, dt.date):
        return value
    raw = prop.to_ical().decode("utf-8", "replace") if hasattr(prop, "to_ical") else str(prop)
    problems.error(f"{name} {raw!r} is not a date-time")
    return None


def from_ics(data: bytes, problems: Problems) -> tuple[Congress, list[Session]]:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise ProgrammeError(f"not valid iCalendar ({error})") from error
    events = calendar.walk("VEVENT")
    tzids = [getattr(e.get("DTSTART"), "params", {}).get("TZID") for e in events]
    declared = calendar.get("X-WR-TIMEZONE") or next((t for t in tzids if _iana(t)), None) or DEFAULT_TIMEZONE
    timezone = zone_name(declared, problems)
    problems.settle("calendar")
    zone = ZoneInfo(timezone)
    sessions = []
    for number, event in enumerate(events, start=1):
        summary = text(event.get("SUMMARY"))
        start, end = _moment(event, "DTSTART", zone, problems), _moment(event, "DTEND", zone, problems)
        if start is None and not problems.pending:
            problems.error("DTSTART is missing")
        if end is None and isinstance(start, dt.date) and event.get("DURATION"):
            end = start + event.decoded("DURATION")
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            if end <= start:
                problems.error(f"DTEND {end:%Y-%m-%d %H:%M} is not after DTSTART {start:%Y-%m-%d %H:%M}")
            elif end - start >= dt.timedelta(hours=24):
                end = None  # a multi-day event: its day and start only
        description = str(event.get("DESCRIPTION") or "")
        link = text(event.get("URL"))
        if link and description.rstrip().endswith(link):  # our export repeats the URL as the description's last line
            description = description.rstrip()[: -len(link)]
        speakers, chairs = _ICS_PEOPLE.search(description), _ICS_CHAIRS.search(description)
        title, named = (summary, "") if speakers else split_summary(summary)
        if not title:
            problems.error("SUMMARY (the title) is missing")
        categories = event.get("CATEGORIES")
        track = ""
        if categories is not None:
            first = categories[0] if isinstance(categories, list) else categories
            track = ", ".join(str(c) for c in getattr(first, "cats", [first]))
        session = Session(
            id=text(event.get("UID")),
            title=title,
            day=start.date() if isinstance(start, dt.datetime) else start if isinstance(start, dt.date) else None,
            start=start.time().replace(second=0, microsecond=0, tzinfo=None) if isinstance(start, dt.datetime) else None,
            end=end.time().replace(second=0, microsecond=0, tzinfo=None) if isinstance(end, dt.datetime) else None,
            room=text(event.get("X-CONGRESS-CHAT-ROOM") or event.get("LOCATION")),  # our export: the room alone, then where
            track=text(track),
            chairs=people(chairs.group(2)) if chairs else (),
            speakers=people(speakers.group(2) if speakers else named),
            description=plain(_ICS_CHAIRS.sub("", _ICS_PEOPLE.sub("", description))),
        )
        sessions.append(problems.keep(f"event {number} ({summary or text(event.get('UID'))})", session if title else None))
    kept = [s for s in sessions if s is not None]
    days = sorted(s.day for s in kept if s.day)
    congress = Congress(
        name=text(calendar.get("X-WR-CALNAME")) or "programme",
        start=days[0] if days else None, end=days[-1] if days else None, timezone=timezone,
    )
    return congress, kept
