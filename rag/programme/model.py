"""The programme data model: a `Congress`, its `Session`s and their `Person`s.

Times are local wall-clock times in the congress time zone (Morocco: Africa/Casablanca);
`Session.starts_at()` gives the aware datetime. A session whose end is not after its start
ends the next day (23:30–01:00, a party until 03:00): the loaders only keep such a session
when it really crosses midnight. Unknown facts stay empty: a programme
written from an announcement may know a session's title and nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Africa/Casablanca"


@dataclass(frozen=True)
class Person:
    name: str
    affiliation: str = ""

    def label(self) -> str:
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    type: str = ""
    day: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    room: str = ""
    track: str = ""
    chairs: tuple[Person, ...] = ()
    speakers: tuple[Person, ...] = ()
    topics: tuple[str, ...] = ()
    description: str = ""
    language: str = ""

    def starts_at(self, timezone: str) -> dt.datetime | None:
        if self.day is None or self.start is None:
            return None
        return dt.datetime.combine(self.day, self.start, ZoneInfo(timezone))

    def ends_at(self, timezone: str) -> dt.datetime | None:
        if self.day is None or self.end is None:
            return None
        return dt.datetime.combine(self.end_day, self.end, ZoneInfo(timezone))

    @property
    def crosses_midnight(self) -> bool:
        return bool(self.start and self.end and self.end <= self.start)

    @property
    def end_day(self) -> dt.date | None:
        """The day the session ends: its own, or the next one when it crosses midnight."""
        if self.day is None:
            return None
        return self.day + dt.timedelta(days=1) if self.crosses_midnight else self.day

    @property
    def people(self) -> tuple[Person, ...]:
        return self.chairs + self.speakers


@dataclass(frozen=True)
class Congress:
    name: str
    edition: str = ""
    organiser: str = ""
    city: str = ""
    venue: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    timezone: str = DEFAULT_TIMEZONE


@dataclass(frozen=True)
class Programme:
    congress: Congress
    sessions: tuple[Session, ...]
    warnings: tuple[str, ...] = ()
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # session id → offsets in the rendered document
    doc_id: str = ""
    clock: str = "24h"  # how the document prints times: "24h" or "12h" (2:30 PM), for answers in the asker's convention
    source: str = ""  # "structured" for a programme file, else the document it was read from ("published")

    @property
    def days(self) -> list[dt.date]:
        return sorted({s.day for s in self.sessions if s.day is not None})

    @property
    def rooms(self) -> list[str]:
        return sorted({s.room for s in self.sessions if s.room})

    @property
    def tracks(self) -> list[str]:
        return sorted({s.track for s in self.sessions if s.track})

    def session(self, session_id: str) -> Session:
        return next(s for s in self.sessions if s.id == session_id)


# JSON form, stored with the document in the index ---------------------------------------------

def _person_json(person: Person) -> dict:
    return {"name": person.name, "affiliation": person.affiliation}


def _iso(value) -> str | None:
    return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value.isoformat() if value else None


def programme_to_json(programme: Programme) -> dict:
    c = programme.congress
    return {
        "congress": {
            "name": c.name, "edition": c.edition, "organiser": c.organiser, "city": c.city, "venue": c.venue,
            "start": _iso(c.start), "end": _iso(c.end), "timezone": c.timezone,
        },
        "sessions": [
            {
                "id": s.id, "title": s.title, "type": s.type, "day": _iso(s.day), "start": _iso(s.start), "end": _iso(s.end),
                "room": s.room, "track": s.track, "chairs": [_person_json(p) for p in s.chairs],
                "speakers": [_person_json(p) for p in s.speakers], "topics": list(s.topics),
                "description": s.description, "language": s.language,
            }
            for s in programme.sessions
        ],
        "warnings": list(programme.warnings),
        "spans": {key: list(value) for key, value in programme.spans.items()},
        "doc_id": programme.doc_id,
        "clock": programme.clock,
        "source": programme.source,
    }


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time(value) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def programme_from_json(data: dict) -> Programme:
    c = data["congress"]
    congress = Congress(
        name=c["name"], edition=c.get("edition", ""), organiser=c.get("organiser", ""), city=c.get("city", ""),
        venue=c.get("venue", ""), start=_date(c.get("start")), end=_date(c.get("end")),
        timezone=c.get("timezone") or DEFAULT_TIMEZONE,
    )
    sessions = tuple(
        Session(
            id=s["id"], title=s["title"], type=s.get("type", ""), day=_date(s.get("day")), start=_time(s.get("start")),
            end=_time(s.get("end")), room=s.get("room", ""), track=s.get("track", ""),
            chairs=tuple(Person(**p) for p in s.get("chairs", [])), speakers=tuple(Person(**p) for p in s.get("speakers", [])),
            topics=tuple(s.get("topics", [])), description=s.get("description", ""), language=s.get("language", ""),
        )
        for s in data["sessions"]
    )
    spans = {key: (value[0], value[1]) for key, value in data.get("spans", {}).items()}
    return Programme(congress, sessions, tuple(data.get("warnings", [])), spans, data.get("doc_id", ""),
                     data.get("clock", "24h"), data.get("source", ""))


def programmes_in(documents) -> list[Programme]:
    """The programmes among indexed documents (`LoadedIndex.documents`), in document order."""
    return [
        programme_from_json(document.metadata["programme"])
        for document in documents.values()
        if isinstance(document.metadata.get("programme"), dict)
    ]
