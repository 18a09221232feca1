"""A document's event facts: the event it reports (its name, edition, organiser, president, city,
venue, dates, theme), each with its evidence, the span of the document's text that states it.

Read from the text (`read_event_facts`), where the text states them: the event is the mention its
title or lead names with an edition and a proper name (`mentions`); its city, dates, venue,
organiser, president and theme are those stated in the sentence that names it, else in the lead,
else anywhere (`places`, `dates`, `people`, `theme`). Front matter (`congress`, `edition`,
`organiser`, `city`, `venue`, `dates`, `theme`, `president`) comes first where a document has
it; its evidence is where the text repeats it, else none (`Fact.start` is -1). Nothing is
inferred: a fact the document does not state is None, but for the year, which falls back to the
date the document was published (its `published` front matter, as its citation card shows it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rag.events.dates import DateSpan, dates_in
from rag.events.mentions import Mention, mentions_in
from rag.events.people import Named, organisers_in, presidents_in
from rag.events.places import Place, cities_in, localities_in, venues_in
from rag.events.theme import Theme, themes_in
from rag.events.words import sentence_bounds, words_of
from rag.language import fold, read_ordinals, raw_tokens

_LEAD_CHARS = 700  # the title and first paragraph, where an article says what, where and when
_DATELINE = re.compile(r"(publi[ée]|mis à jour|updated|published|posted|نشر|بتاريخ)\W*$", re.I)
_YEAR = re.compile(r"(?<![\d,.])(19[5-9]\d|20[0-4]\d)(?![\d,.]\d|\d|\s+[^\W\d_])")  # not "près de 1500 personnes"


@dataclass(frozen=True)
class Fact:
    """One fact as the document states it: `value`, and the span of the document's text that says
    it (`start`–`end`; -1 when only the front matter says it)."""

    value: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class EventFacts:
    """What a document says of the event it reports. `names`: the events it names, its own first."""

    doc_id: str
    names: tuple[Fact, ...] = ()
    edition: int | None = None
    city: Fact | None = None
    venue: Fact | None = None
    locality: Fact | None = None  # a village or rural commune (where a caravan stops), when no venue is named
    dates: Fact | None = None
    year: int | None = None
    organiser: Fact | None = None
    president: Fact | None = None
    president_office: str = ""
    theme: Fact | None = None
    when: tuple[int, int, int] | None = field(default=None, compare=False)  # (year, month, day) to order events by, when known
    cities: frozenset[str] = frozenset()  # its city, and every city the sentence naming the event names

    @property
    def name(self) -> Fact | None:
        return self.names[0] if self.names else None

    def asked(self, kind: str) -> Fact | None:
        """The fact a question asks for (`rag.answering.question.answer_type`'s kinds)."""
        when = self.dates or (Fact(str(self.year)) if self.year else None)  # the year, when the days are not written
        return {"place": self.venue_and_city(), "date": when, "organiser": self.organiser, "theme": self.theme,
                "person": self.president}.get(kind)

    def venue_and_city(self) -> Fact | None:
        """"Palais des Congrès, Marrakech": the venue (or village) with its city when it does not name it."""
        place = self.venue or self.locality
        if place and self.city and fold(self.city.value) not in fold(place.value):
            return Fact(f"{place.value}, {self.city.value}", place.start, place.end)
        return place or self.city


def read_event_facts(doc_id: str, text: str, title: str = "", metadata: dict[str, Any] | None = None) -> EventFacts:
    """The event facts of one document (its text, title and front-matter `metadata`)."""
    metadata = metadata or {}
    words = words_of(text)
    mentions = sorted(mentions_in(text, title, words), key=lambda m: (-m.salience, m.start))
    named = [m for m in mentions if not m.is_edition_only]
    main = named[0] if named else (mentions[0] if mentions else None)
    around = sentence_bounds(text, main.start, main.end) if main else (0, min(len(text), _LEAD_CHARS))
    lead = (0, min(len(text), max(_LEAD_CHARS, len(title) + 200)))

    names = _names(text, named, metadata)
    edition = _edition(main, mentions, metadata)
    places = cities_in(text, words)
    city = _front(text, metadata, "city") or _city(places, around, lead)
    venue = _front(text, metadata, "venue") or _place(venues_in(text, words), around, lead)
    locality = None if venue else _place(localities_in(text), around, lead)
    spans = dates_in(text)
    date = _date(spans, around, lead, text)
    dates = _front(text, metadata, "dates") or (Fact(text[date.start : date.end], date.start, date.end) if date else None)
    year = _year(date, dates, main, text, around, title, metadata)
    organiser = _front(text, metadata, "organiser") or _as_fact(_chosen(organisers_in(text), around, lead))
    chair = _chosen(presidents_in(text), around, lead)
    president = _front(text, metadata, "president") or _as_fact(chair)
    theme = _front(text, metadata, "theme") or _as_fact(_chosen(themes_in(text), around, lead))
    when = (year, date.month if date else 0, date.first_day or 0 if date else 0) if year else None
    named_there = {place.name for place in places if _inside(place.start, around) or place.start < len(title)}
    return EventFacts(
        doc_id, names, edition, city, venue, locality, dates, year, organiser, president,
        chair.office if chair and not metadata.get("president") else "", theme, when,
        frozenset(named_there | ({city.value} if city else set())),
    )


def _front(text: str, metadata: dict[str, Any], key: str) -> Fact | None:
    """A front-matter fact, with where the text repeats it."""
    value = metadata.get(key)
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    at = fold(text).find(fold(value))
    return Fact(value, at, at + len(value)) if at >= 0 else Fact(value)


def _names(text: str, named: list[Mention], metadata: dict[str, Any]) -> tuple[Fact, ...]:
    facts = [Fact(m.text, m.start, m.end) for m in named]
    congress = _front(text, metadata, "congress")
    if congress:
        facts.insert(0, congress)
    unique: list[Fact] = []
    for fact in facts:
        if all(fold(fact.value) != fold(other.value) for other in unique):
            unique.append(fact)
    return tuple(unique[:6])


def _edition(main: Mention | None, mentions: list[Mention], metadata: dict[str, Any]) -> int | None:
    written = metadata.get("edition")
    if written is not None:
        ordinals, _ = read_ordinals(raw_tokens(str(written)))
        if ordinals:
            return next(iter(ordinals.values()))
        if str(written).strip().isdigit():
            return int(str(written).strip())
    if main is not None and main.edition is not None:
        return main.edition
    if main is not None:  # "cette 4e édition" in the lead, for the event its lead names
        for mention in mentions:
            if mention.edition is not None and mention.is_edition_only and mention.start < _LEAD_CHARS:
                return mention.edition
    return None


def _inside(start: int, span: tuple[int, int]) -> bool:
    return span[0] <= start < span[1]


def _city(places: list[Place], around: tuple[int, int], lead: tuple[int, int]) -> Fact | None:
    """The city named in the event's sentence, else first in the lead, else the most named."""
    if not places:
        return None
    chosen = next((p for p in places if _inside(p.start, around)), None) or next((p for p in places if _inside(p.start, lead)), None)
    if chosen is None:
        common = Counter(p.name for p in places).most_common(1)[0][0]
        chosen = next(p for p in places if p.name == common)
    return Fact(chosen.name, chosen.start, chosen.end)


def _place(places: list[Place], around: tuple[int, int], lead: tuple[int, int]) -> Fact | None:
    chosen = next((p for p in places if _inside(p.start, around)), None) or next((p for p in places if _inside(p.start, lead)), None)
    return Fact(chosen.name, chosen.start, chosen.end) if chosen else None


def _chosen(found: list, around: tuple[int, int], lead: tuple[int, int]):
    """The first of `found` (each with a `start`) in the event's sentence, else in the lead, else the first."""
    if not found:
        return None
    return next((n for n in found if _inside(n.start, around)), None) or next((n for n in found if _inside(n.start, lead)), None) or found[0]


def _as_fact(found: Named | Theme | None) -> Fact | None:
    if found is None:
        return None
    return Fact(found.name if isinstance(found, Named) else found.text, found.start, found.end)


def _is_dateline(span: DateSpan, text: str) -> bool:
    """A publication date ("Publié le 05/06/2014", "06 Novembre 2025 À 15:05", a date alone on its line)."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line.strip()) < len(text[span.start : span.end]) + 25 or bool(_DATELINE.search(text[max(0, span.start - 30) : span.start]))


def _date(spans: list[DateSpan], around: tuple[int, int], lead: tuple[int, int], text: str) -> DateSpan | None:
    """The event's days: those written in its sentence, else the first in the lead, else the first
    anywhere; a publication date never, a range before a single day."""
    days = [s for s in spans if s.first_day is not None and not _is_dateline(s, text)]
    for group in ([s for s in days if _inside(s.start, around)], [s for s in days if _inside(s.start, lead)], days):
        if group:
            return next((s for s in group if s.is_range), group[0])
    return None


def _year(date: DateSpan | None, dates: Fact | None, main: Mention | None, text: str, around: tuple[int, int],
          title: str, metadata: dict[str, Any]) -> int | None:
    """The event's year: its dates', else one written in its name or sentence ("ACDI-2016", "l'édition
    2025"), else the date the document was published."""
    if date is not None and date.year:
        return date.year
    if dates is not None and (found := _YEAR.search(dates.value)):
        return int(found.group(1))
    if date is not None:  # "March 5 - 6" under "From 4 to 6 March, 2015": the year its lead gives that month
        begin, end = sentence_bounds(text, date.start, date.end)
        found = _YEAR.search(text, begin, end) or next(
            (_YEAR.search(text[s.start : s.end]) for s in dates_in(text[: _LEAD_CHARS]) if s.year and s.month == date.month), None)
        if found:
            return int(found.group(1))
    for source in ((main.text if main else ""), text[around[0] : around[1]], title):
        found = _YEAR.search(source)
        if found:
            return int(found.group(1))
    published = metadata.get("published") or metadata.get("date")
    if isinstance(published, (dt.date, dt.datetime)):
        return published.year
    if published and (found := _YEAR.search(str(published))):
        return int(found.group(1))
    return None
