"""Congress programmes as data: sessions with day, time, room, track, chairs and speakers.

`model` defines them, `loaders` reads pretalx/frab JSON and XML, iCalendar, our YAML/JSON
and CSV, `render` writes a programme as an indexed document (one passage per session),
`schedule` answers when/where/who/now/next questions from the data, `calendar` exports `.ics`.
"""
