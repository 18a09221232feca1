"""Reading one field of a programme file: dates, times, durations, people, plain text; and
`Problems`, which collects what is wrong with each session so that a bad session is skipped
(and named in one warning line) while the rest of the programme is imported."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rag.errors import DocumentError
from rag.programme.model import DEFAULT_TIMEZONE, Person

_PERSON = re.compile(r"^\s*(?P<name>[^()]+?)\s*(?:\((?P<affiliation>[^)]*)\))?\s*$")
MAX_SHOWN = 6


class ProgrammeError(DocumentError):
    """A programme file cannot be used; the message says why (and names the sessions)."""


class Problems:
    """What is wrong with the session being read (`error`), then, per session, `keep` it or
    skip it with one warning line; `warn` for what is imported anyway."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.skipped: list[str] = []  # "session X (title): reason; reason"
        self.warnings: list[str] = []

    def error(self, message: str) -> None:
        self.pending.append(message)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def keep(self, label: str, session):
        """`session` if it was read without a problem; otherwise None, and it is named as skipped."""
        reasons = list(dict.fromkeys(self.pending))
        self.pending = []
        if session is not None and not reasons:
            return session
        line = f"{label}: {'; '.join(reasons) or 'unreadable'}"
        self.skipped.append(line)
        self.warnings.append(f"skipped {line}")
        return None

    def settle(self, label: str) -> None:
        """Problems outside any session (the congress's dates, its time zone) are warnings: the value is ignored."""
        for reason in dict.fromkeys(self.pending):
            self.warnings.append(f"{label}: {reason} (ignored)")
        self.pending = []

    def refusal(self) -> ProgrammeError:
        if not self.skipped:
            return ProgrammeError("the programme has no sessions")
        shown = "; ".join(self.skipped[:MAX_SHOWN])
        more = f" (and {len(self.skipped) - MAX_SHOWN} more)" if len(self.skipped) > MAX_SHOWN else ""
        return ProgrammeError(f"invalid programme: {shown}{more}")


def session_label(key: Any, title: str, number: int) -> str:
    """How a warning names a session: "session echo (Atelier d'échographie)"."""
    key = text(key) or str(number)
    return f"session {key}" + (f" ({title})" if title and title != key else "")


def text(value: Any) -> str:
    """A one-line string: stray spaces and line breaks collapsed."""
    return " ".join(str(value).split()) if value not in (None, "") else ""


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|`+|~~)")
_MD_LINE = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.M)


def plain(value: Any) -> str:
    """Markdown as organisers write descriptions → one line of plain text."""
    raw = str(value) if value not in (None, "") else ""
    raw = _MD_LINE.sub("", _MD_MARKS.sub("", _MD_LINK.sub(r"\1", raw)))
    raw = re.sub(r"(?<!\w)[*_]([^*_\n]+)[*_](?!\w)", r"\1", raw)  # *emphasis*
    return text(raw)


def read_date(value: Any, field: str, problems: Problems) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        problems.error(f"{field} {value!r} is not a date (YYYY-MM-DD)")
        return None


_TIME = re.compile(r"^(\d{1,2})[:hH.](\d{2})(?::\d{2})?$|^(\d{1,2})\s*[hH]$")


def read_time(value: Any, field: str, problems: Problems) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, int) and not isinstance(value, bool):  # YAML reads 09:00 unquoted as sexagesimal minutes
        hours, minutes = divmod(value, 60)
        if 0 <= hours < 24:
            return dt.time(hours, minutes)
    raw = str(value).strip()
    if "T" in raw[:11]:  # a full date-time where a time is expected
        try:
            return dt.datetime.fromisoformat(raw).time().replace(second=0, microsecond=0, tzinfo=None)
        except ValueError:
            pass
    match = _TIME.match(raw)
    if match:
        hours, minutes = (int(match.group(1)), int(match.group(2))) if match.group(1) else (int(match.group(3)), 0)
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    problems.error(f"{field} {value!r} is not a time (HH:MM)")
    return None


def read_duration(value: Any, problems: Problems) -> dt.timedelta | None:
    """"01:30", "09:00" (nine hours), "0:45:00", or minutes as a number."""
    if value in (None, ""):
        return None
    raw = str(value).strip()
    try:
        numbers = [int(p) for p in raw.split(":")]
        if len(numbers) == 1:
            duration = dt.timedelta(minutes=numbers[0])
        elif len(numbers) == 2:
            duration = dt.timedelta(hours=numbers[0], minutes=numbers[1])
        elif len(numbers) == 3:
            duration = dt.timedelta(hours=numbers[0], minutes=numbers[1], seconds=numbers[2])
        else:
            raise ValueError(raw)
    except ValueError:
        problems.error(f"duration {value!r} is not HH:MM")
        return None
    if not dt.timedelta(0) < duration < dt.timedelta(hours=24):
        problems.error(f"duration {value!r} is not between 0 and 24 hours")
        return None
    return duration


def add(start: dt.time, duration: dt.timedelta) -> dt.time:
    """The wall time `duration` after `start` (past midnight it wraps: the session ends the next day)."""
    return (dt.datetime.combine(dt.date(2000, 1, 1), start) + duration).time()


SMALL_HOURS = dt.time(6, 0)


def check_end(start: dt.time | None, end: dt.time | None, problems: Problems) -> None:
    """An end written before the start is read as the next day only when the session starts in the
    afternoon or evening and ends in the small hours (23:30–01:00); otherwise it is a mistake."""
    if not (start and end) or end > start:
        return
    if end == start or not (end <= SMALL_HOURS and start >= dt.time(12, 0)):
        problems.error(f"end {end:%H:%M} is not after start {start:%H:%M}")


def people(value: Any) -> tuple[Person, ...]:
    """People from a list of names / {name, affiliation} mappings, or from "A (aff); B" text."""
    if value in (None, ""):
        return ()
    items = value if isinstance(value, list) else re.split(r"\s*[;\n]\s*", str(value))
    found = []
    for item in items:
        if isinstance(item, dict):
            name = text(item.get("name") or item.get("public_name") or item.get("full_public_name"))
            affiliation = text(item.get("affiliation") or item.get("organisation") or item.get("organization"))
        else:
            match = _PERSON.match(str(item))
            if not match:
                continue
            name, affiliation = text(match.group("name")), text(match.group("affiliation"))
        if name:
            found.append(Person(name, affiliation))
    return tuple(found)


def items(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    parts = value if isinstance(value, list) else re.split(r"\s*[;\n]\s*", str(value))
    return tuple(text(part) for part in parts if text(part))


def zone_name(name: Any, problems: Problems) -> str:
    name = text(name) or DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.error(f"time zone {name!r} is unknown (e.g. Africa/Casablanca); {DEFAULT_TIMEZONE} is used")
        return DEFAULT_TIMEZONE
    return name


def zone_of_offset(offset: dt.timedelta | None) -> str | None:
    """The IANA name of a fixed offset of whole hours ("+02:00" → "Etc/GMT-2"), for exports that
    give offsets but no zone name."""
    if offset is None or offset % dt.timedelta(hours=1):
        return None
    hours = int(offset / dt.timedelta(hours=1))
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
