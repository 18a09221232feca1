"""Days and times in French, English and Arabic: written for answers, read from questions.

`format_day` writes "jeudi 12 mars 2026" / "Thursday 12 March 2026" / "الخميس 12 مارس 2026".
`read_when(question, now, days)` finds the day and part of day a question is about:
"demain", "cet après-midi", "tomorrow", "غدا", "vendredi", "13 mars", "le 2e jour", "maintenant".
The weekday and month names themselves are in `date_names` (`WEEKDAYS`, `MONTHS` and
`month_number` are also importable from here), times in `clock`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rag.language import fold, normalise_arabic
from rag.programme.clock import find_range
from rag.programme.date_names import AR_WEEKDAY_ALIASES, MONTHS, WEEKDAYS, month_number

MORNING, AFTERNOON, EVENING = (dt.time(0), dt.time(12, 30)), (dt.time(12, 0), dt.time(18, 0)), (dt.time(18, 0), dt.time(23, 59))


def format_day(day: dt.date, language: str) -> str:
    language = language if language in WEEKDAYS else "fr"
    weekday, month = WEEKDAYS[language][day.weekday()], MONTHS[language][day.month - 1]
    return f"{weekday} {day.day} {month} {day.year}"


def format_time(moment: dt.time | None) -> str:
    return moment.strftime("%H:%M") if moment else ""


@dataclass(frozen=True)
class When:
    """What a question says about time: a day, a part of the day, or now / next."""

    day: dt.date | None = None
    part: tuple[dt.time, dt.time] | None = None
    now: bool = False
    next: bool = False
    relative: bool = False  # "today", "tomorrow", "now": needs the clock
    at: dt.time | None = None  # a time the question names ("à 14h00", "at 2:30 pm", "الساعة 9:00")

    @property
    def any(self) -> bool:
        return bool(self.day or self.part or self.now or self.next or self.at)


def _patterns(text: str) -> str:
    return f" {normalise_arabic(fold(text))} "


_NOW = re.compile(r"\b(maintenant|en ce moment|actuellement|a l'instant|now|right now|currently|at the moment|happening)\b|الان|حاليا|في هذه اللحظه")
_NEXT = re.compile(r"\b(prochaine?s?|suivante?s?|ensuite|apres ca|next|upcoming|coming up)\b|التاليه|التالي|القادمه|القادم|المقبله|بعد ذلك")
_TODAY = re.compile(r"\b(aujourd'?hui|ce jour|today|tonight)\b|اليوم(?! (الاول|الثاني|الثالث|الرابع))")
_TOMORROW = re.compile(r"\b(demain|tomorrow)\b|غدا|غد\b|الغد")
_YESTERDAY = re.compile(r"\b(hier|yesterday)\b|امس|البارحه")
_MORNING = re.compile(r"\b(matin|matinee|morning)\b|صباح|الصباح|صباحا")
_AFTERNOON = re.compile(r"\b(apres-midi|apres midi|aprem|afternoon)\b|بعد الظهر|بعد الزوال|الظهيره|العصر")
_EVENING = re.compile(r"\b(soir|soiree|evening|tonight)\b|مساء|المساء|الليله")
_NTH_DAY = re.compile(
    r"\b(?:(\d)(?:e|er|eme|re|st|nd|rd|th)?|premier|first|deuxieme|second|troisieme|third|quatrieme|fourth|dernier|last)\s+(?:jour|day)\b"
    r"|\b(?:jour|day)\s+(\d)\b|اليوم (الاول|الثاني|الثالث|الرابع|الاخير)"
)
_ORDINAL_WORDS = {"premier": 1, "first": 1, "deuxieme": 2, "second": 2, "troisieme": 3, "third": 3, "quatrieme": 4, "fourth": 4,
                  "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4}


def _explicit_date(text: str, days: list[dt.date]) -> dt.date | None:
    years = {d.year for d in days} or {dt.date.today().year}
    for match in re.finditer(r"\b(\d{1,2})\s+([a-z\u0600-\u06ff]+)", text):
        month = month_number(match.group(2))
        if month:
            for year in sorted(years):
                try:
                    return dt.date(year, month, int(match.group(1)))
                except ValueError:
                    return None
    for match in re.finditer(r"\b([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?\b", text):  # "March 13"
        month = month_number(match.group(1))
        if month:
            try:
                return dt.date(min(years), month, int(match.group(2)))
            except ValueError:
                return None
    match = re.search(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", text)
    if match:
        year = int(match.group(3)) if match.group(3) else min(years)
        try:
            return dt.date(year + 2000 if year < 100 else year, int(match.group(2)), int(match.group(1)))
        except ValueError:
            return None
    return None


def _weekday_patterns() -> list[tuple[re.Pattern, tuple[str, ...]]]:
    """Per weekday (Monday first): its French and English names (plural too), and its Arabic spellings."""
    patterns = []
    for number in range(7):
        names = sorted({fold(WEEKDAYS["fr"][number]), fold(WEEKDAYS["en"][number]).lower()})
        arabic = tuple(normalise_arabic(alias) for alias, value in AR_WEEKDAY_ALIASES.items() if value == number)
        patterns.append((re.compile("|".join(rf"\b{name}s?\b" for name in names)), arabic))
    return patterns


_WEEKDAY_PATTERNS = _weekday_patterns()


def _weekday(text: str, days: list[dt.date]) -> dt.date | None:
    for number, (names, arabic) in enumerate(_WEEKDAY_PATTERNS):
        if names.search(text) or any(spelling in text for spelling in arabic):
            matching = [d for d in days if d.weekday() == number]
            if matching:
                return matching[0]
    return None


def read_when(question: str, now: dt.datetime, days: list[dt.date]) -> When:
    """The time a question refers to; `now` is the congress-local clock, `days` the programme's days."""
    text = _patterns(question)
    day, relative = None, False
    if _TOMORROW.search(text):
        day, relative = now.date() + dt.timedelta(days=1), True
    elif _YESTERDAY.search(text):
        day, relative = now.date() - dt.timedelta(days=1), True
    else:
        nth = _NTH_DAY.search(text)
        if nth and days:
            word = next((g for g in nth.groups() if g), "")
            if word.isdigit():
                position = int(word)
            elif word in ("dernier", "last", "الاخير"):
                position = len(days)
            else:
                position = _ORDINAL_WORDS.get(word) or next((v for k, v in _ORDINAL_WORDS.items() if k in nth.group(0)), 0)
                if "dernier" in nth.group(0) or "last" in nth.group(0):
                    position = len(days)
            if 1 <= position <= len(days):
                day = days[position - 1]
        day = day or _explicit_date(text, days) or _weekday(text, days)
        if day is None and _TODAY.search(text):
            day, relative = now.date(), True
    part = None
    if _MORNING.search(text):
        part = MORNING
    elif _AFTERNOON.search(text):
        part = AFTERNOON
    elif _EVENING.search(text):
        part = EVENING
    is_now = bool(_NOW.search(text))
    is_next = bool(_NEXT.search(text))
    if part and day is None and re.search(r"\b(ce|cet|cette|this)\b|هذا|هذه", text):
        day, relative = now.date(), True
    named = find_range(question)
    at = named[0].time if named else None
    if at is not None and at.hour < 7 and not named[0].twelve_hour:  # "at 2:30" at a congress is in the afternoon
        at = at.replace(hour=at.hour + 12)
    return When(day=day, part=part, now=is_now and not is_next, next=is_next, relative=relative or is_now or is_next, at=at)
