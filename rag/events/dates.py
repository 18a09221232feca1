"""The days an event takes place, as articles write them in French, English and Arabic.

"du 10 au 12 novembre 2021", "les 14 et 15 mars", "le jeudi 3 et vendredi 4 juin",
"les 7, 8 et 9 mai 2026", "du 30 mars au 2 avril", "from 4 to 6 March, 2015",
"June 10 to 12", "on April 22 and 23", "16th May", "من 3 إلى 5 ماي 2026",
"يومي 5 و6 أكتوبر 2024": a run of day numbers (weekday names and connectors between them)
around a month name, and the year after it when written. Month names and their other spellings
are `rag.programme.date_names`'; Arabic-Indic digits are read as digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.language import fold, normalise, normalise_arabic
from rag.programme.clock import ascii_digits
from rag.programme.date_names import AR_WEEKDAY_ALIASES, WEEKDAYS, month_number

# Numbers and words, each with its offsets ("من8" is "من" then "8"; "1er" is "1" then "er")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_WEEKDAY_WORDS = frozenset(
    normalise_arabic(fold(name)) for names in WEEKDAYS.values() for name in names
) | frozenset(normalise_arabic(word) for word in AR_WEEKDAY_ALIASES)
# What may stand between the day numbers of one range, or between a day and its month
_JOINERS = frozenset(normalise_arabic(fold(word)) for word in {
    "au", "et", "a", "to", "and", "through", "till", "until", "of", "du", "les", "le", "from", "on", "the",
    "er", "re", "e", "eme", "st", "nd", "rd", "th", "و", "من", "إلى", "الى", "يومي", "يوم", "أيام", "بين", "حتى", "غاية", "لغاية",
})
_RANGE_WORDS = frozenset(normalise_arabic(word) for word in ("au", "a", "to", "through", "till", "until", "إلى", "الى", "حتى", "غاية", "لغاية"))
_BEFORE_DAYS = frozenset(normalise_arabic(word) for word in ("of", "the", "de", "يوم", "يومي", "من"))  # may stand between a day and its month
_ORDINAL_ENDINGS = frozenset({"er", "re", "e", "eme", "st", "nd", "rd", "th"})
_MAX_GAP = 12  # characters of punctuation and spaces between two tokens of one date


@dataclass(frozen=True)
class DateSpan:
    """Days of one month (or two: "du 29 avril au 1er mai") as a text writes them, with offsets in it."""

    first_day: int | None
    last_day: int | None
    month: int
    year: int | None
    start: int
    end: int
    last_month: int | None = None  # when the range ends in another month

    @property
    def is_range(self) -> bool:
        return self.last_day is not None and (self.last_day != self.first_day or self.last_month not in (None, self.month))


def _words(text: str) -> list[tuple[str, int, int]]:
    """(normal form, start, end) of each number and word of `text`."""
    digits = ascii_digits(text)
    return [(normalise(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(digits)]


def _day(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31 else None


def _year(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) == 4 and word[:2] in ("19", "20") else None


def dates_in(text: str) -> list[DateSpan]:
    """Every day or range of days of `text` that names its month, in the order written."""
    words = _words(text)
    found: list[DateSpan] = []
    position = 0
    while position < len(words):
        word = words[position][0]
        month = month_number(word) if not word.isdigit() else None
        if month is None:
            position += 1
            continue
        days, first_index = _days_before(words, position, text)
        after = position + 1
        if not days:  # "November 22 to 25", "February 12"
            days, after = _days_after(words, position, text)
        year, after = _year_after(words, after, text)
        start = words[first_index][1] if days and first_index < position else words[position][1]
        end = words[after - 1][2]
        if not days and year is None:  # "may", "march": a month name alone is no date
            position += 1
            continue
        span = DateSpan(min(days) if days else None, max(days) if len(days) > 1 else None, month, year, start, end)
        found.append(_joined(found[-1], span, text) if found and _continues(found[-1], span, text) else span)
        if found[-1] is not span and len(found) >= 2 and found[-1].start == found[-2].start:
            found.pop(-2)
        position = max(after, position + 1)
    return found


def _close(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return len(gap) <= _MAX_GAP and not re.search(r"[.;!?\n؟]", gap)


def _days_before(words, position: int, text: str) -> tuple[list[int], int]:
    """The day numbers just before the month word at `position` ("3 et vendredi 4 juin")."""
    days: list[int] = []
    first = position
    index = position - 1
    while index >= 0 and _close(text, words[index][2], words[index + 1][1]):
        word = words[index][0]
        day = _day(word)
        if day is not None:
            days.append(day)
            first = index
        elif word in _JOINERS or word in _WEEKDAY_WORDS:
            if not days and word not in _ORDINAL_ENDINGS and word not in _BEFORE_DAYS:
                break  # "mai et juin": a joiner with no day after it belongs to something else
        else:
            break
        index -= 1
    return days, first


def _days_after(words, position: int, text: str) -> tuple[list[int], int]:
    """The day numbers just after an English month word ("November 22 to 25")."""
    days: list[int] = []
    index = position + 1
    while index < len(words) and _close(text, words[index - 1][2], words[index][1]):
        word = words[index][0]
        day = _day(word)
        if day is not None:
            days.append(day)
        elif not (word in _JOINERS and days) or word in ("of", "the"):
            break
        index += 1
    while index - 1 > position and words[index - 1][0] in _JOINERS and words[index - 1][0] not in _ORDINAL_ENDINGS:
        index -= 1  # a trailing "and" is not the date's
    return days, index


def _year_after(words, index: int, text: str) -> tuple[int | None, int]:
    if index < len(words) and _close(text, words[index - 1][2], words[index][1]):
        year = _year(words[index][0])
        if year is not None:
            return year, index + 1
        if words[index][0] in ("de", "of") and index + 1 < len(words):
            year = _year(words[index + 1][0])
            if year is not None:
                return year, index + 2
    return None, index


def _continues(earlier: DateSpan, later: DateSpan, text: str) -> bool:
    """"du 29 avril au 1er mai": a range whose second end names another month."""
    if earlier.first_day is None or later.first_day is None or later.last_day is not None:
        return False
    gap = normalise_arabic(fold(text[earlier.end:later.start])).strip(" ,")
    return len(gap) <= 6 and gap in _RANGE_WORDS | {"-", "–", "—"}


def _joined(earlier: DateSpan, later: DateSpan, text: str) -> DateSpan:
    return DateSpan(earlier.first_day, later.first_day, earlier.month, later.year or earlier.year, earlier.start, later.end, later.month)
