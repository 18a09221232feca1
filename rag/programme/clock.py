"""Times and dates as programmes print them, in French, English and Arabic.

Times: `14h30`, `14 h 30`, `14H30`, `14.30`, `14:30:00`, `9h`, `2:30 PM`, `2.30pm`, `9 am`, with
Arabic-Indic digits too; ranges `14:30 – 15:45`, `09:00-10:00`, `de 9h à 10h30`,
`from 2 to 3.30 pm` (an am/pm printed once applies to both ends where that keeps the order).
A dotted number is a time only when it reads as one (`Room 1.04`, `v2.30` and `3.5` are not).

Dates: `Jeudi 12 juin 2026`, `Thursday, June 12th`, `WEDNESDAY NOVEMBER 8`, `الخميس 12 يونيو`,
`12/06/2026`, `2026-06-12`, `Day 1: 1st July (Wednesday)`; a weekday alone is kept as a weekday
for the reader to place among the congress's days.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rag.language import fold, normalise_arabic
from rag.programme.date_names import AR_WEEKDAY_ALIASES, WEEKDAYS, month_number

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def ascii_digits(text: str) -> str:
    return text.translate(_DIGITS)


@dataclass(frozen=True)
class Clock:
    """A time as printed: its value, where it is in the text, and whether it was written on a 12-hour clock."""

    time: dt.time
    start: int
    end: int
    twelve_hour: bool = False


_AMPM = r"(?P<{n}ap>[ap])\.?\s?m\b\.?"
_ONE = (
    r"{lb}(?P<{n}h>[01]?\d|2[0-3])"
    r"(?:\s?(?P<{n}sep>[:hH.])\s?(?P<{n}m>[0-5]\d)(?::[0-5]\d)?|\s?(?P<{n}hh>[hH])(?![a-zA-Z]))?"
    r"(?:\s*" + _AMPM + r")?"
)
_LOOKBEHIND = r"(?<![\w.:/,-])"
_SINGLE = re.compile(_ONE.format(n="a", lb=_LOOKBEHIND), re.I)
_DASHES = r"\s*(?:-|–|—|‐|‑|−|~|à|a|au|to|till|until|jusqu'à|jusqu’à|إلى|الى)\s*"
_RANGE = re.compile(r"(?:\b(?:de|from|du|من)\s+)?" + _ONE.format(n="a", lb=_LOOKBEHIND) + _DASHES + _ONE.format(n="b", lb=""), re.I)


def _value(match: re.Match, n: str, ap_override: str | None = None) -> tuple[int, int, str | None] | None:
    hour, minutes = int(match.group(f"{n}h")), int(match.group(f"{n}m") or 0)
    sep, ap = match.group(f"{n}sep"), (match.group(f"{n}ap") or ap_override)
    if not (sep or match.group(f"{n}hh") or match.group(f"{n}ap") or ap_override):
        return None  # a bare number is not a time
    if sep == "." and not ap and hour < 7:
        return None  # "Room 1.04", "3.5": not a time
    if ap and hour > 12:
        return None
    return hour, minutes, (ap.lower() if ap else None)


def _clock(hour: int, minutes: int, ap: str | None) -> dt.time:
    if ap == "p" and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    return dt.time(hour, minutes)


def find_range(text: str) -> tuple[Clock, Clock | None] | None:
    """The first time or time range in `text` (positions in `text`)."""
    text = ascii_digits(text)
    ranged = _RANGE.search(text)
    single = _SINGLE.search(text)
    while single and _value(single, "a") is None:
        single = _SINGLE.search(text, single.end())
    if ranged and (single is None or ranged.start("ah") <= single.start()):
        second = _value(ranged, "b")
        if second is not None:
            first = _value(ranged, "a", ap_override=None)
            if first is None and (ranged.group("ahh") or ranged.group("asep") or second[2]):
                first = (int(ranged.group("ah")), int(ranged.group("am") or 0), None)
            if first is not None:
                h1, m1, ap1 = first
                h2, m2, ap2 = second
                if ap1 is None and ap2 is not None and h1 <= 12:  # "2:30 - 3:30 PM", "11:30 - 1:00 PM"
                    ap1 = ap2 if (h1 % 12, m1) <= (h2 % 12, m2) else ("a" if ap2 == "p" else "p")
                start = Clock(_clock(h1, m1, ap1), ranged.start("ah"), ranged.start("bh"), bool(ap1))
                end = Clock(_clock(h2, m2, ap2), ranged.start("bh"), ranged.end(), bool(ap2))
                return start, end
    if single is None:
        return None
    hour, minutes, ap = _value(single, "a")
    return Clock(_clock(hour, minutes, ap), single.start(), single.end(), bool(ap)), None


def leading_range(text: str) -> tuple[Clock, Clock | None, str] | None:
    """A time or range that opens `text` (after bullets, brackets or a day name), and the text after it."""
    found = find_range(text)
    if found is None:
        return None
    start, end = found
    before = ascii_digits(text)[: start.start]
    if re.sub(r"[\s\-–•*·(\[:|]+|\b(?:de|from|du|at|à|a)\b|من", "", before, flags=re.I):
        return None
    stop = (end or start).end
    rest = text[stop:]
    rest = re.sub(r"^\s*(?:[:|–—\-.,)\]]+\s*)+", "", rest).strip()
    return start, end, rest


def read_time_cell(text: str) -> dt.time | None:
    """A cell that holds a time and little else ("09:00:00 AM", "14h30", a fraction of a day)."""
    raw = " ".join(ascii_digits(text).split())
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is not None and 0 < value < 1:  # Excel's time as a fraction of a day
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60 % 24, minutes % 60)
    found = leading_range(raw)
    if found is None or len(found[2]) > 12:
        return None
    return found[0].time


# Dates ---------------------------------------------------------------------------------------

_WEEKDAY_NUMBERS: dict[str, int] = {}
for _lang in ("fr", "en"):
    for _number, _name in enumerate(WEEKDAYS[_lang]):
        _WEEKDAY_NUMBERS[fold(_name).lower()] = _number
        _WEEKDAY_NUMBERS[fold(_name).lower()[:3]] = _number
for _name, _number in AR_WEEKDAY_ALIASES.items():
    _WEEKDAY_NUMBERS[normalise_arabic(_name)] = _number
_WEEKDAY_NUMBERS.pop("mar", None)  # "mar" is March as often as mardi
_WEEKDAY_NUMBERS.update({"tues": 1, "thur": 3, "thurs": 3, "weds": 2})

_WORD = re.compile(r"[a-z]+|[\u0600-\u06ff]+")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:er|re|e|st|nd|rd|th)?\.?\s*(?:de\s+|of\s+)?([a-z\u0600-\u06ff]{3,})\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"\b([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
_FILLER = {
    "day", "jour", "journee", "le", "la", "the", "of", "de", "du", "programme", "program", "schedule", "er", "st", "nd", "rd", "th",
    "يوم", "اليوم", "برنامج", "and", "et", "و",
}


@dataclass(frozen=True)
class DateMention:
    date: dt.date | None  # None when only a weekday (or a day and month without year) is known
    weekday: int | None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    leftover: int = 0  # words of the text that are not part of the date


def _folded(text: str) -> str:
    return normalise_arabic(fold(ascii_digits(text))).lower()


def read_date(text: str, default_year: int | None = None) -> DateMention | None:
    """The date (or weekday) a short text names, if it names one."""
    folded = _folded(text)
    day = month = year = None
    used: list[tuple[int, int]] = []
    for pattern, order in ((_ISO, "ymd"), (_NUMERIC, "dmy")):
        match = pattern.search(folded)
        if match:
            values = dict(zip(order, (int(g) for g in match.groups())))
            year, month, day = values["y"], values["m"], values["d"]
            year = year + 2000 if year < 100 else year
            used.append(match.span())
            break
    if month is None:
        for match in _DAY_MONTH.finditer(folded):
            number = month_number(match.group(2))
            if number:
                day, month = int(match.group(1)), number
                year = int(match.group(3)) if match.group(3) else None
                used.append(match.span())
                break
    if month is None:
        for match in _MONTH_DAY.finditer(folded):
            number = month_number(match.group(1))
            if number:
                month, day = number, int(match.group(2))
                year = int(match.group(3)) if match.group(3) else None
                used.append(match.span())
                break
    if year is None and month is not None:
        alone = re.search(r"\b(19|20)\d{2}\b", folded)
        year = int(alone.group()) if alone else None
    weekday = None
    words = _WORD.findall(folded)
    for word in words:
        if word in _WEEKDAY_NUMBERS:
            weekday = _WEEKDAY_NUMBERS[word]
            break
        if len(word) > 3 and word.rstrip("s") in _WEEKDAY_NUMBERS:  # "Mondays"
            weekday = _WEEKDAY_NUMBERS[word.rstrip("s")]
            break
    if month is None and weekday is None:
        return None
    rest = folded
    for a, b in sorted(used, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    leftover = [w for w in _WORD.findall(rest) if w not in _FILLER and w not in _WEEKDAY_NUMBERS and not month_number(w)]
    date = None
    if month is not None and day is not None:
        for candidate in ([year] if year else [default_year] if default_year else []):
            try:
                date = dt.date(candidate, month, day)
            except ValueError:
                date = None
    return DateMention(date, weekday, month, day, year, len(leftover))


def dates_in(text: str) -> list[dt.date]:
    """Every full date (with a year) a text prints, as a reader finds the congress's dates."""
    folded = _folded(text)
    found = []
    for match in _ISO.finditer(folded):
        found.append((int(match.group(1)), int(match.group(2)), int(match.group(3))))
    for match in _DAY_MONTH.finditer(folded):
        number = month_number(match.group(2))
        if number and match.group(3):
            found.append((int(match.group(3)), number, int(match.group(1))))
    for match in _MONTH_DAY.finditer(folded):
        number = month_number(match.group(1))
        if number and match.group(3):
            found.append((int(match.group(3)), number, int(match.group(2))))
    # "12–16 May 2025", "du 12 au 14 juin 2026": the first day of a range takes the range's month and year
    for match in re.finditer(r"\b(\d{1,2})\.?\s*(?:-|–|au|to|and|et|&|و)\s*(\d{1,2})\.?\s+([a-z\u0600-\u06ff]{3,})\.?,?\s+(\d{4})", folded):
        number = month_number(match.group(3))
        if number:
            found.append((int(match.group(4)), number, int(match.group(1))))
    dates = []
    for year, month, day in found:
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates
