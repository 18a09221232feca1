"""A published programme (a PDF brochure, a Word document, a spreadsheet, a web page) → the
sessions a careful reader finds in it, or None when it holds no schedule worth trusting.

The reader walks the `Block`s of `rag.readers` in reading order:
- **tables** with a header row are read by column role (time, start, end, day, room, title,
  speakers, chairs, track), the role named in French, English or Arabic ("Horaire", "Time
  starts", "Salle", "Venue", "Intervenants", "القاعة"); a table continued on the next page
  without its header keeps the previous header;
- **grids** whose first column holds times and whose header row names rooms (or days) give one
  session per filled cell, in that room (on that day); a cell merged over every column is one
  session for all; a time in brackets in a cell ("Name (9:30)") overrides its row's time;
- **lines** (paragraphs, PDF lines, list items, headings, rows without a header) form a small
  state machine: a day heading ("Jeudi 12 juin", "WEDNESDAY NOVEMBER 8", "الخميس 12 يونيو") dates
  the lines under it; a line that opens with a time or range opens a session whose title is the
  rest (or the next line); the lines under it add chairs ("Modérateurs :", "Chair:", "رئيس
  الجلسة"), speakers ("Orateur :", "Speaker:", "المتدخلون", "Pr X | Nantes", a name after the
  title's dash), parallel sessions ("Title (Room)" lines under one time), or talks.
An end the document does not print is the start of the next slot of that day. A year a heading
omits is taken from the document's own dates; a weekday that contradicts its date is a warning
and the date is kept. A schedule is trusted when at least three timed sessions are found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from rag.language import fold, normalise_arabic
from rag.programme.clock import DateMention, dates_in, find_range, leading_range, read_date, read_time_cell
from rag.programme.model import Congress, Person, Programme, Session
from rag.programme.timewords import WEEKDAYS
from rag.readers.blocks import HEADING, ROW, Block, Reading

MIN_SESSIONS = 3
_MAX_TITLE = 200
_ROLES = {
    "start": ("start", "starts", "debut", "time starts", "begin", "from", "de", "heure de debut", "البداية"),
    "end": ("end", "ends", "fin", "time ends", "until", "to", "a", "heure de fin", "النهاية"),
    "time": ("time", "times", "heure", "heures", "horaire", "horaires", "hour", "hours", "when", "quand", "slot", "creneau",
             "الوقت", "التوقيت", "الساعة", "time cet", "time cest", "local time"),
    "day": ("day", "date", "jour", "journee", "اليوم", "التاريخ"),
    "room": ("room", "rooms", "salle", "salles", "venue", "location", "lieu", "where", "hall", "amphi", "place", "القاعة", "المكان"),
    "title": ("title", "titre", "session", "sessions", "topic", "topics", "subject", "sujet", "activity", "activite", "what",
              "theme", "intitule", "name", "talk", "event", "programme", "program", "agenda", "العنوان", "الموضوع", "الجلسة", "النشاط"),
    "speaker": ("speaker", "speakers", "orateur", "orateurs", "intervenant", "intervenants", "presenter", "presenters",
                "conferencier", "conferenciers", "animateur", "lecturer", "المتدخل", "المتدخلون", "المحاضر", "المحاضرون"),
    "chair": ("chair", "chairs", "moderator", "moderators", "moderateur", "moderateurs", "president", "presidents",
              "presidence", "رئيس الجلسة", "رئاسة"),
    "track": ("track", "tracks", "parcours", "thematique", "filiere", "المحور"),
    "type": ("type", "format", "kind"),
}
_ROLE_OF = {word: role for role, words in _ROLES.items() for word in words}
_CHAIR_LINE = re.compile(
    r"^\s*(?:session\s+)?(?:chair(?:s|persons?|ed by)?|co-?chairs?|mod[ée]rat(?:or|ors|ed by|eur|eurs|rice|rices|ion)|"
    r"pr[ée]sid(?:ent|ente)?(?:\(e\))?s?(?:\s+de\s+s[ée]ance)?|pr[ée]sidence|anim[ée]e? par|رئيسة? الجلسة|رؤساء الجلسة|رئاسة الجلسة|مسير الجلسة)"
    r"\s*[:：\-–]\s*(?P<names>.+)$", re.I)
_SPEAKER_LINE = re.compile(
    r"^\s*(?:speakers?|orat(?:eur|eurs|rice|rices)|intervenant(?:e|s|es)?|conf[ée]renci(?:er|ers|[èe]re|[èe]res)|presenters?|"
    r"pan[ée]listes?|panelists?|المتدخلون|المتدخل|المحاضرون|المحاضر|المتحدثون|المتحدث)\s*[:：\-–]\s*(?P<names>.+)$", re.I)
_INLINE_CHAIR = re.compile(r"(?:session\s+)?chair(?:s)?\s*:\s*([^;)]+)|mod[ée]rat(?:eur|eurs|ion)\s*:\s*([^;)]+)", re.I)
_HONORIFIC = r"(?:Pr|Prof|Professeur|Professor|Dr|Docteur|Doctor|Mr|Mrs|Ms|Mme|Mlle|M\.|Sir|Dame|الدكتور|الدكتورة|الأستاذ|الأستاذة|د\.)"
_NAME_AFTER_DASH = re.compile(rf"\s+[–—-]\s+(?P<name>{_HONORIFIC}\.?\s+[^–—]+)$")
_PERSON_LINE = re.compile(rf"^\s*{_HONORIFIC}\.?\s*\S")
_ROOMISH = re.compile(r"\b(salle|room|hall|amphi\w*|auditorium|[ée]tage|floor|aula|zaal|theatre|theater|lecture|suite|"
                      r"ballroom|foyer|niveau|level|bâtiment|building)\b|\d|القاعة|قاعة", re.I)
_PARENS_AT_END = re.compile(r"^(?P<title>.+?)\s*\((?P<inside>[^()]{2,80})\)\s*$")
_SPEAKER_WITH_AFFILIATION = re.compile(r"^(?P<name>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)\s*\((?P<affiliation>[^()]{2,120})\)$")
_ROOM_LINE = re.compile(r"^\s*(?:(?:salle|room|hall|lieu|location|venue|amphi(?:th[ée][aâ]tre)?|القاعة|المكان|قاعة)\b\s*[:：]?\s*)(?P<room>.{1,50})$", re.I)
_ROOM_LABEL = re.compile(r"^\s*(?:salle|room|lieu|location|venue|القاعة|المكان)\s*[:：]\s*", re.I)
_SPEAKER_IN_PARENS = re.compile(rf"\((?P<name>{_HONORIFIC}\.?\s+[^()]+)\)\s*$")
_NAME_COLON_TITLE = re.compile(r"^(?P<name>(?:[A-ZÀ-Ý][\w'’-]+\s+){1,3}[A-ZÀ-Ý][\w'’-]+)\s*:\s*(?P<title>\S.+)$")
_TIME_IN_PARENS = re.compile(r"\((?P<time>[^()]{2,12})\)")


def _key(text: str) -> str:
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)  # "StartTime" → "Start Time"
    return " ".join(re.sub(r"[^\w\s]", " ", re.sub(r"\d+", "", normalise_arabic(fold(text)).lower())).split())


def _role(cell: str) -> str | None:
    key = _key(cell)
    if not key or len(key.split()) > 3:
        return None
    if key in _ROLE_OF:
        return _ROLE_OF[key]
    if key.endswith(" time") and key[:-5] in ("start", "end", "begin", "finish"):  # "Start time", "End time"
        return "start" if key[:-5] in ("start", "begin") else "end"
    return None  # "Salle Atlas" names a room; it is not the "Salle" column's header


@dataclass
class _Draft:
    start: dt.time | None
    end: dt.time | None
    title: str
    day: dt.date | None
    blocks: list[Block]
    room: str = ""
    track: str = ""
    chairs: list[Person] = field(default_factory=list)
    speakers: list[Person] = field(default_factory=list)
    talks: list[str] = field(default_factory=list)
    twelve_hour: bool = False
    parallel: bool = False  # one of several sessions under one time line
    h_style: bool = False  # the time was printed "14h30" (French): never a 12-hour clock
    provisional: bool = False  # the title is a speaker's name until a talk title follows
    container: bool = False  # a time line whose sessions follow as parallel lines


@dataclass
class _Days:
    """The current day, and what is known of the document's dates to place a heading without a year."""

    year: int | None
    range: tuple[dt.date, dt.date] | None
    current: dt.date | None = None
    warnings: list[str] = field(default_factory=list)
    created: dt.date | None = None  # when the file was made (PDF/Word metadata): a programme precedes its event
    earliest: dt.date | None = None  # the first day placed so far

    def resolve(self, mention: DateMention, as_printed: str) -> dt.date | None:
        date = mention.date
        if mention.month and mention.day and mention.year is None:
            date = None
            candidates = [self.year] if self.year else []
            if not candidates and mention.weekday is not None:  # no year printed: the first year its weekday fits after the file was made
                made = self.created or dt.date.today()
                candidates = [y for y in range(made.year, made.year + 12) if _weekday_of(y, mention) == mention.weekday
                              and dt.date(y, mention.month, mention.day) >= made - dt.timedelta(days=60)][:1]
            elif not candidates and self.created:
                candidates = [self.created.year if (mention.month, mention.day) >= (self.created.month, self.created.day) else self.created.year + 1]
            for year in candidates:
                try:
                    date = dt.date(year, mention.month, mention.day)
                except ValueError:
                    date = None
        elif date is None and mention.weekday is not None and (self.range or self.created):
            # a weekday alone: among the printed dates, else in the fortnight after the file was made
            first, last = self.range or (self.created - dt.timedelta(days=3), self.created + dt.timedelta(days=14))
            days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
            matching = [d for d in days if d.weekday() == mention.weekday]
            # the days of one programme lie within a week of its first day, whatever order the page prints them in
            week = [d for d in matching if self.earliest is None or self.earliest <= d < self.earliest + dt.timedelta(days=7)]
            date = (week or matching or [None])[0]
        if date:
            self.earliest = min(date, self.earliest) if self.earliest else date
        if date and mention.weekday is not None and date.weekday() != mention.weekday:
            self.warnings.append(
                f"“{as_printed}”: {date.isoformat()} is a {WEEKDAYS['en'][date.weekday()]}, not a {WEEKDAYS['en'][mention.weekday]} (date kept)"
            )
        return date


def _weekday_of(year: int, mention: DateMention) -> int | None:
    try:
        return dt.date(year, mention.month, mention.day).weekday()
    except (ValueError, TypeError):
        return None


def find_programme(reading: Reading, doc_id: str, name: str = "") -> Programme | None:
    """The programme a reading holds, or None when it holds no schedule (fewer than three timed sessions)."""
    blocks = [b for b in reading.blocks if b.text.strip()]
    if not blocks:
        return None
    printed = dates_in(reading.text[:200_000])
    years = Counter(d.year for d in printed)
    year = years.most_common(1)[0][0] if years else None
    span = (min(printed), max(printed)) if printed and (max(printed) - min(printed)).days <= 21 else None
    days = _Days(year, span)
    if reading.metadata.get("created"):
        days.created = dt.date.fromisoformat(str(reading.metadata["created"])[:10])
    drafts = _Reader(days).read(_text_grids(blocks))
    _join_abstracts(drafts, blocks)
    drafts = [d for d in drafts if d.start is not None and d.title and not d.container and not _PLACEHOLDER.search(d.title)]
    _afternoon(drafts)
    for draft in drafts:
        if not draft.speakers:
            draft.speakers.extend(_speakers_in_text(draft))
    if drafts and all(d.day is None for d in drafts):
        only = _the_one_date(reading.text, printed, days)
        for draft in drafts:
            draft.day = only
    if len(drafts) < MIN_SESSIONS or len({(d.day, d.start) for d in drafts}) < 2:
        return None
    _infer_ends(drafts)
    sessions, seen = [], set()
    for number, draft in enumerate(drafts, start=1):
        key = (draft.day, draft.start, draft.room, " ".join(fold(draft.title).lower().split()))
        if key in seen:
            continue
        seen.add(key)
        description = "\n".join(draft.talks[:30])
        sessions.append(Session(
            id=f"s{number}", title=_clean_title(draft.title), day=draft.day, start=draft.start, end=draft.end,
            room=draft.room, track=draft.track, chairs=tuple(dict.fromkeys(draft.chairs)), speakers=tuple(dict.fromkeys(draft.speakers)),
            description=description,
        ))
    spans = {f"s{n}": (d.blocks[0].start, max(b.end for b in d.blocks)) for n, d in enumerate(drafts, start=1)}
    session_days = sorted({s.day for s in sessions if s.day})
    venue, venue_block = _venue(blocks)
    if venue_block is not None:
        spans["congress"] = (venue_block.start, venue_block.end)
    congress = Congress(
        name=_congress_name(reading, blocks, name),
        venue=venue,
        start=session_days[0] if session_days else (span[0] if span else None),
        end=session_days[-1] if session_days else (span[1] if span else None),
    )
    clock = "12h" if sum(d.twelve_hour for d in drafts) > len(drafts) / 2 else "24h"
    warnings = list(dict.fromkeys(days.warnings))
    kept_spans = {s.id: spans[s.id] for s in sessions}
    if "congress" in spans:
        kept_spans["congress"] = spans["congress"]
    return Programme(congress, tuple(sessions), tuple(warnings), kept_spans, doc_id, clock=clock)


# Unfilled template rows (Word's "conference agenda" and the like) are not sessions.
_PLACEHOLDER = re.compile(
    r"\b(speaker name|session title|track name|nom de l'intervenant|titre de la session|lorem ipsum|x{3,}|month dd|yyyy|\(location\)|\(lieu\))"
    r"|\[(title|titre|name|nom)\]|\(location\)", re.I)


def _afternoon(drafts: list[_Draft]) -> None:
    """A time from 1:00 to 6:59 printed without am/pm or "h" is in the afternoon: nothing starts at 3 a.m. at a congress."""
    for draft in drafts:
        if draft.start and 1 <= draft.start.hour <= 6 and not draft.twelve_hour and not draft.h_style:
            draft.start = draft.start.replace(hour=draft.start.hour + 12)
            if draft.end and draft.end.hour <= 12 and (draft.end.hour + 12) * 60 + draft.end.minute > draft.start.hour * 60 + draft.start.minute:
                draft.end = draft.end.replace(hour=draft.end.hour + 12) if draft.end.hour < 12 else draft.end
        elif draft.end and 1 <= draft.end.hour <= 6 and draft.start and draft.start.hour >= 11 and not draft.twelve_hour and not draft.h_style:
            draft.end = draft.end.replace(hour=draft.end.hour + 12)


def _speakers_in_text(draft: _Draft) -> list[Person]:
    """Speakers a cell or line names without a label: "Tahar Allouche : Truth-tracking …" as the
    title, or a first line under the title that is a name with its affiliation ("Marc-Arthur
    Pierre-Louis (IBM)")."""
    named = _NAME_COLON_TITLE.match(draft.title)
    if named and not _PROGRAMME_ITEM.search(named.group("name")):
        return [Person(named.group("name"))]
    first = draft.talks[0] if draft.talks else ""
    person = _SPEAKER_WITH_AFFILIATION.match(first)
    if person and not _ROOMISH.search(person.group("affiliation")):
        return [Person(person.group("name"), person.group("affiliation"))]
    if first and _looks_like_a_name(first):
        return [Person(first)]
    return []


def _the_one_date(text: str, printed: list[dt.date], days: _Days) -> dt.date | None:
    """A schedule without day headings is a one-day event when the document names one date:
    printed in full, or as a day and month with the year printed elsewhere ("held December 13", "© 2019")."""
    distinct = sorted(set(printed))
    if len(distinct) == 1:
        return distinct[0]
    if distinct:  # several dates (deadlines, last year's edition): the one on the cover, if only one is there
        cover = sorted(set(dates_in(text[: max(600, len(text) // 6)])))
        return cover[0] if len(cover) == 1 else None
    years = Counter(int(y) for y in re.findall(r"\b(20\d{2}|19\d{2})\b", text))
    year = years.most_common(1)[0][0] if years else (days.created.year if days.created else None)
    if year is None:
        return None
    found = set()
    for line in text.splitlines():
        mention = read_date(line, year) if len(line) < 400 else None
        if mention and mention.date and mention.month:
            found.add(mention.date)
    return found.pop() if len(found) == 1 else None


_GRID_TABLE = 100_000  # table numbers given to grids read from unruled PDF lines


def _text_grids(blocks: list[Block]) -> list[Block]:
    """Runs of PDF lines that are a grid without rules — a header line of days or rooms over lines
    that open with a time ("Time  Monday  Tuesday …" / "9:00  Pazuki  Hultberg …") — as table
    rows, each cell put in the header's column nearest to where it starts on the page."""
    out: list[Block] = []
    index, number = 0, _GRID_TABLE
    while index < len(blocks):
        header = blocks[index]
        body: list[Block] = []
        if header.kind != ROW and len(header.xs) >= 3 and not leading_range(header.cells[0]):
            end = index + 1
            while end < len(blocks) and blocks[end].xs:
                line = blocks[end]
                if read_time_cell(line.cells[0]) is not None:
                    body.append(line)
                elif body and line.kind != ROW and line.xs[0] > body[0].xs[0] + 20 and len(line.cells) >= 2:
                    body.append(replace(line, cells=("",) + line.cells, xs=(body[0].xs[0],) + line.xs))  # the rest of a row, a little lower
                else:
                    break
                end += 1
        labels = [cell for cell in header.cells if read_time_cell(cell) is None]
        if len(body) >= 2 and len(labels) >= 2:
            columns = list(header.xs)
            if _role(header.cells[0]) not in ("time", "start"):  # the header names only the days or rooms: the times get a column
                columns = [min(b.xs[0] for b in body)] + columns
                header_cells = ("",) + header.cells
            else:
                header_cells = header.cells
            number += 1
            out.append(Block(header_cells, ROW, page=header.page, table=number, origin=(True,) * len(header_cells), start=header.start, end=header.end))
            rows: list[tuple[list[str], Block]] = []
            for row in body:
                cells = [""] * len(columns)
                for cell, x in zip(row.cells, row.xs):
                    column = min(range(len(columns)), key=lambda c: abs(columns[c] - x))
                    cells[column] = f"{cells[column]} {cell}".strip()
                if not cells[0] and rows:  # a continuation: its cells join the row above
                    above, first = rows[-1]
                    rows[-1] = ([a if not b else f"{a} {b}".strip() for a, b in zip(above, cells)], first)
                else:
                    rows.append((cells, row))
            for cells, row in rows:
                out.append(Block(tuple(cells), ROW, page=row.page, table=number, origin=(True,) * len(cells), start=row.start, end=row.end))
            index += 1 + len(body)
            continue
        out.append(header)
        index += 1
    return out


def _join_abstracts(drafts: list[_Draft], blocks: list[Block]) -> None:
    """A grid that prints only surnames, and a list of talks below ("Fabien Pazuki (Université X)"
    over the talk's title): each surname's session takes its speaker's full name and talk title."""
    talks: list[tuple[str, Person, str]] = []  # (folded name, speaker, title)
    for block, following in zip(blocks, blocks[1:]):
        person = _SPEAKER_WITH_AFFILIATION.match(block.text.strip())
        title = following.text.strip()
        if person and 3 < len(title) < 200 and not _SPEAKER_WITH_AFFILIATION.match(title) and not leading_range(title):
            talks.append((fold(person.group("name")).lower(), Person(person.group("name"), person.group("affiliation")), title))
    if not talks:
        return
    for draft in drafts:
        surname = fold(re.sub(r"[∗*]", "", draft.title)).lower().strip()
        if not surname or len(surname.split()) > 3:
            continue
        matches = [(person, title) for name, person, title in talks if name == surname or name.endswith(" " + surname)]
        if len(matches) == 1:
            person, title = matches[0]
            draft.title = title
            draft.speakers = [person]


_VENUE = re.compile(
    r"\b(h[oô]tel|centre|center|palais|salles? de conf[ée]rences?|arena|universit[ée]|university|campus|convention|"
    r"facult[ée]|amphith[ée][aâ]tre|auditorium|parc des expositions|h[oô]pital|hospital|institut|institute|ballroom)\b", re.I)


def _venue(blocks: list[Block]) -> tuple[str, Block | None]:
    """Where the event is held, as the cover or a day heading prints it ("Salles de conférence de la
    H Arena", "July 28th, 2016 (Hotel Oasis)"): a short line of the opening lines naming a place of
    that kind, or a bracket after a day heading's date. Not a speaker's affiliation, a link or a talk."""
    for position, block in enumerate(blocks[:60]):
        text = " ".join(block.text.split())
        if len(text) > 120 or leading_range(text) or re.search(r"https?:|www\.|/", text):
            continue
        if read_date(text) is not None:
            for inside in re.findall(r"\(([^()]{3,60})\)", text):
                if _VENUE.search(inside):
                    return inside.strip(" .,;:"), block
            continue
        if "(" in text and not (text.startswith("(") and text.endswith(")")):
            continue  # "Name (Institute)", "Session (Room 2)": a person's or a session's line
        text = text.strip("()")
        if (position < 15 and len(text) <= 70 and _VENUE.search(text) and not _PERSON_LINE.match(text)
                and not _SPEAKER_WITH_AFFILIATION.match(text) and not re.match(r"^[\-–•*\d]", text)):
            return text.strip(" .,;:"), block
    return "", None


def _clean_title(title: str) -> str:
    title = " ".join(title.replace("\n", " ").split()).strip(" :–—-|·•")
    return title[:_MAX_TITLE].rsplit(" ", 1)[0] + " …" if len(title) > _MAX_TITLE else title


_GENERIC_TITLE = re.compile(
    r"(?i)((microsoft|word|powerpoint|document\d*|untitled|sans titre|pr[ée]sentation\d*|conference|congr[eè]s|congress|"
    r"program|programme|schedule|agenda|final|provisional|provisoire|pr[ée]-?programme|du|de|the|and|et|-|–|:|\s)+)")


def _congress_name(reading: Reading, blocks: list[Block], fallback: str) -> str:
    """The document's title unless it only says "Programme", "Conference Program", "Document1"; else its first short line."""
    title = str(reading.metadata.get("title") or "").strip()
    if title and not _GENERIC_TITLE.fullmatch(title):
        return title[:160]
    for block in blocks[:12]:
        text = " ".join(block.text.split())
        single = block.kind != ROW or len({c for i, c in enumerate(block.cells) if c and (not block.origin or block.origin[i])}) == 1
        if 6 <= len(text) <= 160 and not leading_range(text) and read_date(text) is None and single and block.kind != HEADING or (
            block.kind == HEADING and 6 <= len(text) <= 160 and read_date(text) is None
        ):
            if not _GENERIC_TITLE.fullmatch(text) and not re.fullmatch(r"(?i)(sessions?|feuil\w*\s*\d*|sheet\s*\d*)", text):
                return text
    return fallback


def _infer_ends(drafts: list[_Draft]) -> None:
    """An end the document does not print: the next later start of that day (and room, where rooms are known)."""
    for index, draft in enumerate(drafts):
        if draft.end is not None:
            continue
        for later in drafts[index + 1:]:
            if later.day != draft.day:
                break
            if later.start and draft.start and later.start > draft.start and (not draft.room or not later.room or later.room == draft.room or not later.parallel):
                draft.end = later.start
                break


class _Reader:
    def __init__(self, days: _Days) -> None:
        self.days = days
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None
        self.section_chairs: list[Person] = []
        self.header: dict[int, str] | None = None  # column → role, kept across a table's page break
        self.header_width = 0

    def read(self, blocks: list[Block]) -> list[_Draft]:
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if block.kind == ROW and block.table is not None:
                end = index
                while end < len(blocks) and blocks[end].kind == ROW and blocks[end].table == block.table:
                    end += 1
                self._table(blocks[index:end])
                index = end
                continue
            self._line(block)
            index += 1
        return self.drafts

    # Lines -------------------------------------------------------------------------------

    def _day_heading(self, text: str) -> bool:
        if len(text) > 90 or leading_range(text):
            return False
        mention = read_date(text, None)
        if mention is None or mention.leftover > 4 or (mention.month is None and mention.leftover > 2):
            return False
        date = self.days.resolve(mention, text)
        if date is None and mention.weekday is None:
            return False
        self.days.current = date
        self.current = None
        return True

    def _line(self, block: Block, text: str | None = None) -> None:
        text = " ".join((text if text is not None else block.text).split())
        if not text:
            return
        if self._day_heading(text):
            return
        opened = leading_range(text) if len(text) < 400 else None
        if opened is None and len(block.cells) > 1:
            first = read_time_cell(block.cells[0])
            if first is not None:
                opened = (*find_range(block.cells[0]), " ".join(block.cells[1:]))
        if opened is not None:
            start, end, rest = opened
            draft = _Draft(start.time, end.time if end else None, "", self.days.current, [block], twelve_hour=start.twelve_hour or bool(end and end.twelve_hour),
                           h_style=bool(re.match(r"\s*\d{1,2}\s?[hH]", text)))
            draft.chairs = list(self.section_chairs)
            self._title_into(draft, rest)
            self.drafts.append(draft)
            self.current = draft
            return
        parallel = _PARENS_AT_END.match(text) if self.current is not None and block.kind != HEADING else None
        if parallel and _ROOMISH.search(parallel.group("inside")) and len(text) < 160 and not (_CHAIR_LINE.match(text) or _SPEAKER_LINE.match(text)):
            draft = self.current
            parent = draft if not draft.parallel else next((d for d in reversed(self.drafts) if d.container and d.start == draft.start), draft)
            inside = parallel.group("inside")
            chair = _INLINE_CHAIR.search(inside)
            room = re.split(r"[;,]\s*(?:session\s+)?chair|;", inside, maxsplit=1, flags=re.I)[0].strip()
            child = _Draft(parent.start, parent.end, parallel.group("title"), parent.day, [block], room=room,
                           twelve_hour=parent.twelve_hour, parallel=True)
            if chair:
                child.chairs = _people(chair.group(1) or chair.group(2))
            if parent.title and not parent.parallel:
                child.title = f"{parent.title} – {child.title}"
            parent.container = True
            self.drafts.append(child)
            self.current = child
            return
        roles = self._all_roles(text)
        if roles:
            target = self.current
            if target is None or (block.kind == HEADING):
                self.section_chairs = [p for kind, people in roles if kind == "chair" for p in people] or self.section_chairs
                return
            for kind, people in roles:
                (target.chairs if kind == "chair" else target.speakers).extend(p for p in people if p not in target.chairs + target.speakers)
            target.blocks.append(block)
            return
        if block.kind == HEADING:
            self.current = None
            self.section_chairs = []
            return
        draft = self.current
        if draft is None:
            return
        if len(draft.blocks) > 40:
            self.current = None
            return
        draft.blocks.append(block)
        room = _ROOM_LINE.match(text)
        if room and not draft.room and len(text) <= 50 and not _PERSON_LINE.match(text):
            draft.room = _ROOM_LABEL.sub("", text).strip()
            return
        if not draft.title:
            self._title_into(draft, text)
        elif draft.provisional and not _PERSON_LINE.match(text) and len(text) >= 3:
            draft.title, draft.provisional = text, False
        elif draft.provisional:
            draft.provisional = False
            draft.talks.append(text)
        elif _PERSON_LINE.match(text) or "|" in text and _PERSON_LINE.match(text.split("|")[0]):
            draft.speakers.extend(p for p in _people(text) if p not in draft.speakers)
        else:
            draft.talks.append(text)
            talk_speaker = _NAME_AFTER_DASH.search(text) or _SPEAKER_IN_PARENS.search(text)
            if talk_speaker:
                draft.speakers.extend(p for p in _people(talk_speaker.group("name")) if p not in draft.speakers)

    def _title_into(self, draft: _Draft, rest: str) -> None:
        rest = rest.strip()
        if not rest:
            return
        parts = re.split(r"\s+[—|]\s+", rest)
        if len(parts) > 1:  # "09:00 — Title — Hall A — Moderator: X"
            kept = [parts[0]]
            for part in parts[1:]:
                roles = self._all_roles(part)
                if roles:
                    for kind, people in roles:
                        (draft.chairs if kind == "chair" else draft.speakers).extend(people)
                elif _ROOMISH.search(part) and len(part) <= 40 and not draft.room and not _PERSON_LINE.match(part):
                    draft.room = part.strip()
                elif _PERSON_LINE.match(part):
                    draft.speakers.extend(_people(part))
                else:
                    kept.append(part)
            rest = " — ".join(kept)
        inside = _INLINE_CHAIR.search(rest)
        if inside:
            draft.chairs.extend(_people(inside.group(1) or inside.group(2)))
        dash = _NAME_AFTER_DASH.search(rest)
        if dash and len(rest) - len(dash.group(0)) > 3:
            draft.speakers.extend(_people(dash.group("name")))
            rest = rest[: dash.start()]
        parens = _PARENS_AT_END.match(rest)
        if parens and _ROOMISH.search(parens.group("inside")) and not draft.room:
            draft.room = re.split(r"[;]|,?\s*(?:session\s+)?chair", parens.group("inside"), maxsplit=1, flags=re.I)[0].strip()
            rest = parens.group("title")
        named = _NAME_COLON_TITLE.match(rest)
        if named and not _PROGRAMME_ITEM.search(named.group("name")):  # "Tahar Allouche : Truth-tracking via …"
            draft.speakers.append(Person(named.group("name")))
        person = _SPEAKER_WITH_AFFILIATION.match(rest)
        if person and not _ROOMISH.search(person.group("affiliation")):
            draft.speakers.append(Person(person.group("name"), person.group("affiliation")))
            draft.provisional = True
        draft.title = rest

    def _roles(self, text: str) -> tuple[str, list[Person]] | None:
        """The first role a line labels ("Chairs: A, B"), with its people; `_all_roles` for a line with several."""
        found = self._all_roles(text)
        return found[0] if found else None

    def _all_roles(self, text: str) -> list[tuple[str, list[Person]]]:
        found = []
        for part in re.split(r"\s*;\s*(?=[^;:]{2,40}:)", text):
            for kind, pattern in (("chair", _CHAIR_LINE), ("speaker", _SPEAKER_LINE)):
                match = pattern.match(part)
                if match:
                    found.append((kind, _people(match.group("names"))))
                    break
        return found

    # Tables ------------------------------------------------------------------------------

    def _table(self, rows: list[Block]) -> None:
        if sum(1 for row in rows if _PLACEHOLDER.search(row.text)) >= 2:
            return  # an unfilled template table (Word's agenda template): no session in it is real
        header_at, header = None, None
        for index, row in enumerate(rows[:4]):
            roles = {c: _role(cell) for c, cell in enumerate(row.cells)}
            named = {c: r for c, r in roles.items() if r}
            if len(named) >= 2 and any(r in ("time", "start", "title", "room", "speaker") for r in named.values()):
                header_at, header = index, named
                break
        if header is None and self.header and len({len(r.cells) for r in rows}) == 1 and len(rows[0].cells) == self.header_width:
            header_at, header = -1, self.header  # the table goes on from the previous page without its header
        if header is not None and not any(r in ("time", "start") for r in header.values()):
            body = rows[header_at + 1:] if header_at is not None and header_at >= 0 else rows
            for c in range(max(len(r.cells) for r in rows)):  # a column of times under an unlabelled header ("Singapore")
                cells = [r.cells[c] for r in body if c < len(r.cells) and r.cells[c].strip()]
                if len(cells) >= 2 and sum(1 for cell in cells if read_time_cell(cell.split("\n")[0]) or leading_range(cell)) >= 0.6 * len(cells):
                    header = {**header, c: "time"}
                    break
        if header is not None and any(r in ("time", "start") for r in header.values()):
            self.header, self.header_width = header, len(rows[header_at].cells) if header_at >= 0 else self.header_width
            self._columns(rows[header_at + 1:], header)
            return
        if self._grid(rows):
            return
        for row in rows:
            self._line(row)

    def _columns(self, rows: list[Block], header: dict[int, str]) -> None:
        column = {role: c for c, role in sorted(header.items(), reverse=True)}
        for row in rows:
            cells = row.cells
            get = lambda role: cells[column[role]] if role in column and column[role] < len(cells) else ""  # noqa: E731
            distinct = [cell for i, cell in enumerate(cells) if cell and (not row.origin or row.origin[i])]
            if len(distinct) == 1 and self._day_heading(" ".join(distinct[0].split())):
                continue
            if "day" in column and get("day"):
                mention = read_date(get("day"), self.days.year)
                if mention:
                    self.days.current = self.days.resolve(mention, get("day")) or self.days.current
            start_cell = get("start") or get("time")
            found = find_range(" ".join(start_cell.split())) if start_cell else None
            if start_cell and found is None:
                value = read_time_cell(start_cell)
                found = None if value is None else (_plain_clock(value), None)
            title = get("title")
            if found is None:
                if self.current is not None and any(distinct):
                    self.current.blocks.append(row)
                    for c, cell in enumerate(cells):
                        role = header.get(c)
                        if not cell or (row.origin and not row.origin[c]):
                            continue
                        if role == "speaker":
                            self.current.speakers.extend(_people(cell))
                        elif role == "chair":
                            self.current.chairs.extend(_people(cell))
                        elif role == "room" and not self.current.room:
                            self.current.room = _one(cell)
                        elif role == "title":
                            self.current.talks.append(_one(cell))
                continue
            start, end = found
            end_cell = get("end")
            end_time = end.time if end else (read_time_cell(end_cell) if end_cell else None)
            titles = [title] if title else []
            if not titles:
                others = [cell for c, cell in enumerate(cells) if cell and (not row.origin or row.origin[c] or c == 0)
                          and header.get(c) not in ("start", "end", "time", "day", "room", "speaker", "chair", "track", "type")]
                titles = list(dict.fromkeys(others)) or [""]
            h_style = bool(re.match(r"\s*\d{1,2}\s?[hH]", start_cell))
            for title in titles:
                lines = _unwrapped([line for line in title.split("\n") if line.strip()])
                draft = _Draft(start.time, end_time, _one(lines[0]) if lines else "", self.days.current, [row],
                               twelve_hour=start.twelve_hour or "m" in start_cell.lower(), h_style=h_style, parallel=len(titles) > 1)
                for line in lines[1:]:
                    roles = self._roles(line)
                    if roles:
                        (draft.chairs if roles[0] == "chair" else draft.speakers).extend(roles[1])
                    else:
                        draft.talks.append(_one(line))
                draft.room = _one(get("room"))
                draft.track = _one(get("track"))
                inside = _PARENS_AT_END.match(draft.title)
                if inside and _ROOMISH.search(inside.group("inside")) and not draft.room:
                    draft.room, draft.title = inside.group("inside"), inside.group("title")
                for c, role in header.items():
                    if c < len(cells) and role in ("speaker", "chair") and cells[c].strip() not in ("", "--", "-", "—", "TBA", "TBC"):
                        labelled = [r for line in cells[c].split("\n") for r in self._all_roles(line)]
                        if labelled:
                            for kind, people in labelled:
                                (draft.chairs if kind == "chair" else draft.speakers).extend(people)
                        else:
                            (draft.speakers if role == "speaker" else draft.chairs).extend(_people(cells[c], first_line_only=True))
                self.drafts.append(draft)
                self.current = draft
            continue

    def _grid(self, rows: list[Block]) -> bool:
        """A time column and a header row of rooms or days: one session per filled cell."""
        timed = [r for r in rows if r.cells and read_time_cell(r.cells[0].split("\n")[0]) is not None or (r.cells and leading_range(r.cells[0]) and len(r.cells[0]) < 25)]
        if len(timed) < 2 or len(timed) < 0.4 * len(rows):
            return False
        header_cells: tuple[str, ...] = ()
        for row in rows[: rows.index(timed[0])]:
            distinct = [cell for j, cell in enumerate(row.cells) if cell and (not row.origin or row.origin[j])]
            if len(distinct) == 1:
                self._day_heading(_one(distinct[0]))
            elif len(distinct) >= 2:
                header_cells = row.cells
        width = max(len(r.cells) for r in rows)
        if width < 2:
            return False
        labels = [(_one(header_cells[c]) if c < len(header_cells) else "") for c in range(width)]
        day_of: dict[int, dt.date | None] = {}
        for c, label in enumerate(labels[1:], start=1):
            mention = read_date(label, self.days.year) if label else None
            if mention and mention.leftover <= 2:
                day_of[c] = self.days.resolve(mention, label)
        above: dict[int, _Draft] = {}  # column → the session of that column in the row above
        for i, row in enumerate(rows):
            if row not in timed:
                distinct = [cell for j, cell in enumerate(row.cells) if cell and (not row.origin or row.origin[j])]
                if len(distinct) == 1:
                    self._day_heading(_one(distinct[0]))
                continue
            found = find_range(_one(row.cells[0]))
            if found is None:
                continue
            start, end = found
            cells = row.cells[1:]
            filled = [(c, cell) for c, cell in enumerate(cells, start=1) if cell]
            if not filled:
                continue
            spanning = len({cell for _, cell in filled}) == 1 and len(filled) == len(cells) and len(cells) > 1
            for c, cell in filled:
                if row.origin and not row.origin[c]:
                    horizontal = c > 1 and row.cells[c - 1] == cell
                    if not horizontal and c in above and above[c].title and cell.startswith(above[c].title.split(" ")[0]):
                        above[c].end = end.time if end else None  # a cell spanning two time rows: one session over both
                        above[c].blocks.append(row)
                        continue
                    if not spanning or c != filled[0][0]:
                        continue
                lines = [line for line in cell.split("\n") if line.strip()]
                when = start.time
                override = _TIME_IN_PARENS.search(lines[0]) if lines else None
                title = lines[0] if lines else ""
                if override and read_time_cell(override.group("time")):
                    when = read_time_cell(override.group("time"))
                    title = (title[: override.start()] + title[override.end():]).strip()
                room = "" if spanning or c in day_of else labels[c]
                inside = _PARENS_AT_END.match(title)
                if inside and _ROOMISH.search(inside.group("inside")):
                    room, title = inside.group("inside"), inside.group("title")
                draft = _Draft(when, end.time if end else None, _one(title), day_of.get(c, self.days.current), [row], room=room,
                               twelve_hour=start.twelve_hour, parallel=not spanning and len(filled) > 1)
                if _looks_like_a_name(draft.title):  # a grid of speakers' names ("Anita Pasotti", "Van de Voorde*")
                    draft.speakers.append(Person(re.sub(r"[∗*]+$", "", draft.title).strip()))
                for line in lines[1:]:
                    roles = self._all_roles(line)
                    if roles:
                        for kind, people in roles:
                            (draft.chairs if kind == "chair" else draft.speakers).extend(people)
                    elif _PERSON_LINE.match(line) or (len(line.split()) <= 5 and not draft.speakers and "," not in line[:3]):
                        draft.speakers.extend(_people(line))
                    else:
                        draft.talks.append(_one(line))
                self.drafts.append(draft)
                above[c] = draft
            self.current = None
        return True


_CONNECTOR_END = re.compile(r"(\b(and|of|for|with|the|to|in|on|at|de|des|du|la|le|les|et|à|en|pour|sur|dans|au|aux)|[&,:\-–])$", re.I)


def _unwrapped(lines: list[str]) -> list[str]:
    """A cell's lines with the ones a narrow column wrapped joined back ("Keynote: Data Mining and" / "Machine Learning")."""
    joined: list[str] = []
    for line in lines:
        line = line.strip()
        if joined and (_CONNECTOR_END.search(joined[-1]) or line[:1].islower()) and not _PERSON_LINE.match(line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


_PROGRAMME_ITEM = re.compile(
    r"\b(break|tea|coffee|lunch|dinner|breakfast|excursion|opening|closing|registration|welcome|address|session|sessions|poster|posters|"
    r"keynote|plenary|panel|workshop|free|afternoon|morning|evening|agm|assembly|ceremony|award|awards|reception|tutorial|talks?|"
    r"pause|d[ée]jeuner|d[îi]ner|accueil|ouverture|cl[ôo]ture|atelier|conf[ée]rence|remise|cocktail|visite|fin|soir[ée]e|repas|"
    r"inscription|allocutions?|symposium|table|ronde|communications?|stands?|prix)\b", re.I)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.-]*[∗*]?|de|da|di|van|von|der|den|du|le|la|ben|el|al|bin)$")


def _looks_like_a_name(text: str) -> bool:
    """A grid cell that is a person's name: one to four capitalised words (particles allowed), no digit, no programme word."""
    words = text.split()
    return (1 <= len(words) <= 4 and not any(ch.isdigit() for ch in text) and not _PROGRAMME_ITEM.search(text)
            and all(_NAME_WORD.match(word) for word in words) and any(word[0].isupper() for word in words))


def _plain_clock(value: dt.time):
    from rag.programme.clock import Clock

    return Clock(value, 0, 0, False)


def _one(text: str) -> str:
    return " ".join(str(text).split())


_SPLIT_PEOPLE = re.compile(r"\s*(?:;|،|,\s*(?=(?:Pr|Prof|Dr|Mr|Mme|Ms)\b)|\s+(?:and|et|&|و)\s+(?=(?:Pr|Prof|Dr|Mr|Mme|Ms)\b)|\n)\s*")


def _people(text: str, first_line_only: bool = False) -> list[Person]:
    """Names as programmes print them: "Pr A, Dr B", "A; B", "Pr X | Nantes", "Name (affiliation)"."""
    if first_line_only and "\n" in text:
        lines = [line for line in text.split("\n") if line.strip()]
        text = lines[0] + (" | " + " ".join(lines[1:]) if len(lines) > 1 else "")
    people = []
    parts = _SPLIT_PEOPLE.split(text.strip())
    if len(parts) == 1 and "," in text and "|" not in text and "(" not in text:
        pieces = [p.strip() for p in re.split(r",|\s+(?:and|et|&)\s+", text) if p.strip()]
        if all(1 <= len(p.split()) <= 5 for p in pieces):
            parts = pieces
    for part in parts:
        part = part.strip(" .:–-")
        if not part or part.lower() in ("tba", "tbc", "--", "à confirmer", "to be announced"):
            continue
        affiliation = ""
        if "|" in part:
            part, affiliation = (x.strip() for x in part.split("|", 1))
        else:
            match = re.match(r"^(?P<name>[^()]+?)\s*\((?P<aff>[^)]*)\)\s*$", part)
            if match:
                part, affiliation = match.group("name"), match.group("aff")
        name = " ".join(part.split())
        if 2 <= len(name) <= 80:
            people.append(Person(name, " ".join(affiliation.split())))
    return people


def summary(programme: Programme) -> str:
    """What the reader found, in one line for the ingest report: "84 sessions over 3 days; 6 without a room"."""
    sessions = programme.sessions
    days = {s.day for s in sessions if s.day}
    line = f"{len(sessions)} sessions" + (f" over {len(days)} day{'s' if len(days) > 1 else ''}" if days else "")
    gaps = []
    undated = sum(1 for s in sessions if s.day is None)
    if undated:
        gaps.append(f"{undated} without a date")
    roomless = sum(1 for s in sessions if not s.room)
    if programme.rooms and roomless:
        gaps.append(f"{roomless} without a room")
    elif not programme.rooms:
        gaps.append("no rooms")
    return line + ("; " + ", ".join(gaps) if gaps else "")
