"""Programme sessions → iCalendar (`.ics`), for "add to my calendar" and whole-programme export.

Times carry the congress time zone (a VTIMEZONE is included), so a phone set to another zone
shows the right local time. A session with a day but no time becomes an all-day event; one
without a day cannot be put in a calendar and is left out; one that crosses midnight ends
the next day. A programme that knows its congress's days but none of its sessions' (a seed
programme written from an announcement) becomes one all-day event over those days, naming
its sessions, so that its calendar is never empty. An event's LOCATION is what is known of
where it is ("Salle 2, Palais des congrès, Marrakech"); with `links`, its URL (and the last
line of its DESCRIPTION) leads back to its row in the programme; the room alone is kept in
`X-CONGRESS-CHAT-ROOM` too, so that the file reads back with its rooms. Chairs and speakers are
written as "Modération:" / "Intervenants:" lines, which `loaders` reads back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from rag.programme.model import Programme, Session

WHOLE_CONGRESS = ""  # the key of `links` for the congress's own event


def calendar_bytes(programme: Programme, sessions: Iterable[Session] | None = None, links: Mapping[str, str] | None = None) -> bytes:
    """The whole programme, or `sessions` of it, as iCalendar. `links`: session id → the address of its
    row in the programme (`WHOLE_CONGRESS` → the congress's block), written into each event."""
    import icalendar

    congress = programme.congress
    zone = ZoneInfo(congress.timezone)
    links = links or {}
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//congress-chat//programme//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", congress.name)
    calendar.add("x-wr-timezone", congress.timezone)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    chosen = list(sessions) if sessions is not None else list(programme.sessions)
    for session in chosen:
        if session.day is None:
            continue
        event = icalendar.Event()
        event.add("uid", f"{session.id}@{programme.doc_id or 'congress-chat'}")
        event.add("dtstamp", stamp)
        if session.start:
            start = dt.datetime.combine(session.day, session.start, zone)
            event.add("dtstart", start)
            event.add("dtend", session.ends_at(congress.timezone) or start + dt.timedelta(hours=1))
        else:
            event.add("dtstart", session.day)
            event.add("dtend", session.day + dt.timedelta(days=1))
        event.add("summary", session.title)
        _where_and_link(event, programme, session.room, links.get(session.id))
        if session.track:
            event.add("categories", [session.track])
        lines = [session.type] if session.type else []
        if session.chairs:
            lines.append("Modération: " + "; ".join(p.label() for p in session.chairs))
        if session.speakers:
            lines.append("Intervenants: " + "; ".join(p.label() for p in session.speakers))
        if session.description:
            lines.append(session.description)
        _describe(event, lines, links.get(session.id))
        calendar.add_component(event)
    if sessions is None and congress.start and not any(s.day for s in programme.sessions):
        calendar.add_component(_congress_event(programme, stamp, links.get(WHOLE_CONGRESS)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _congress_event(programme: Programme, stamp: dt.datetime, link: str | None):
    """The congress's days as one all-day event (DTSTART;VALUE=DATE, DTEND the day after the last),
    its sessions named in the description."""
    import icalendar

    congress = programme.congress
    event = icalendar.Event()
    event.add("uid", f"congress@{programme.doc_id or 'congress-chat'}")
    event.add("dtstamp", stamp)
    event.add("dtstart", congress.start)
    event.add("dtend", (congress.end or congress.start) + dt.timedelta(days=1))
    event.add("summary", " — ".join(part for part in (congress.name, congress.edition) if part))
    _where_and_link(event, programme, "", link)
    _describe(event, [f"- {session.title}" for session in programme.sessions], link)
    return event


ROOM_PROPERTY = "X-CONGRESS-CHAT-ROOM"  # the room alone, which `exports.from_ics` reads back before LOCATION


def _where_and_link(event, programme: Programme, room: str, link: str | None) -> None:
    location = ", ".join(part for part in (room, programme.congress.venue, programme.congress.city) if part)
    if location:
        event.add("location", location)
    if room and location != room:
        event.add(ROOM_PROPERTY, room)
    if link:
        event.add("url", link)


def _describe(event, lines: list[str], link: str | None) -> None:
    lines = [*lines, link] if link else lines
    if lines:
        event.add("description", "\n".join(lines))
