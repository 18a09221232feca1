"""Congress programmes as data: sessions with day, time, room, track, chairs and speakers.

`model` defines them, `loaders` reads a programme file (our YAML/JSON and CSV there, the
exports of organisers' tools — pretalx/frab JSON and XML, iCalendar — in `exports`, one field
at a time with `fields`), `render` writes a programme as an indexed document (one passage per
session), `schedule` answers when/where/who/now/next questions from the data, `calendar`
exports `.ics`.
"""
