"""Programme sessions → iCalendar (`.ics`), for "add to my calendar" and whole-programme export.

Times carry the congress time zone (a VTIMEZONE is included), so a phone set to another zone
shows the right local time. A session with a day but no time becomes an all-day event; one
without a day cannot be put in a calendar and is left out; one that crosses midnight ends
the next day. Chairs and speakers are written as
"Modération:" / "Intervenants:" lines, which `loaders` reads back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from rag.programme.model import Programme, Session


def calendar_bytes(programme: Programme, sessions: Iterable[Session] | None = None) -> bytes:
    import icalendar

    zone = ZoneInfo(programme.congress.timezone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//congress-chat//programme//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", programme.congress.name)
    calendar.add("x-wr-timezone", programme.congress.timezone)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for session in sessions if sessions is not None else programme.sessions:
        if session.day is None:
            continue
        event = icalendar.Event()
        event.add("uid", f"{session.id}@{programme.doc_id or 'congress-chat'}")
        event.add("dtstamp", stamp)
        if session.start:
            start = dt.datetime.combine(session.day, session.start, zone)
            event.add("dtstart", start)
            event.add("dtend", session.ends_at(programme.congress.timezone) or start + dt.timedelta(hours=1))
        else:
            event.add("dtstart", session.day)
            event.add("dtend", session.day + dt.timedelta(days=1))
        event.add("summary", session.title)
        if session.room:
            event.add("location", session.room)
        if session.track:
            event.add("categories", [session.track])
        lines = [session.type] if session.type else []
        if session.chairs:
            lines.append("Modération: " + "; ".join(p.label() for p in session.chairs))
        if session.speakers:
            lines.append("Intervenants: " + "; ".join(p.label() for p in session.speakers))
        if session.description:
            lines.append(session.description)
        if lines:
            event.add("description", "\n".join(lines))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
