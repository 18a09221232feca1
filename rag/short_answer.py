"""The short answer put before the quotes: the date, number, person, place or organiser the
question asks for, taken from the quoted sentence, dates rendered in the asker's language.

Nothing is added that the sentence does not say: a date is re-spelt (its day numbers, month
and year are the sentence's), everything else is copied as it stands. When the sentence
does not hold the asked thing in a form recognised here, there is no short answer.
"""

from __future__ import annotations

import re

from rag.language import fold, normalise_arabic
from rag.lexicon import arabic_name
from rag.programme.date_names import MONTHS, WEEKDAYS, month_number

_WEEKDAY = "|".join(name for names in WEEKDAYS.values() for name in names)
_DAY = r"(?<!\d)(\d{1,2})(?!\d)(?:er|st|nd|rd|th|ème|e)?"  # never two digits of a year
_YEAR = r"(?:\s*,?\s*((?:19|20)\d\d))?"
# A day (or two) then a word, or a word then a day: the word must name a month (`timewords.month_number`).
_DAY_FIRST = re.compile(
    rf"{_DAY}(?:\s*(?:au|et|à|-|–|to|and|و|إلى|الى)\s*(?:(?:{_WEEKDAY})\s+)?{_DAY})?\s+(?:of\s+)?([^\W\d_]+){_YEAR}", re.I
)
_MONTH_FIRST = re.compile(rf"\b([^\W\d_]+)\s+{_DAY}(?:\s*(?:-|–|to|and|through)\s*{_DAY})?{_YEAR}", re.I)
_MONTH_YEAR = re.compile(r"\b([^\W\d_]+)\s+((?:19|20)\d\d)\b")  # "en mai 2019": no day to give
# a number, not an ordinal ("1er congrès", "2nd"), then what it counts
_COUNT = re.compile(r"(?<![\w.,])(\d{1,3}(?:[  .,]\d{3})+|\d+)(?![^\W\d_])(?:\s*%)?(?:\s+([^\W\d_][\w’'-]{2,}))?")
_TITLE = r"(?:Pr\.?|Prof\.?|Professeur|Professor|Dr\.?|Docteur|Doctor|M\.|Mme|Mr\.?|Mrs\.?|Ms\.?)"
_NAME = r"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:[A-ZÀ-Ý][\w’'-]+|de|el|El|ben|Ben|Ait|Aït|d’|d'))*"
_PERSON = re.compile(rf"\b{_TITLE}\s+({_NAME})")
_ARABIC_PERSON = re.compile(r"(?:الدكتور|الدكتورة|البروفيسور|الأستاذ|الأستاذة|السيد|السيدة)\s+((?:[\u0621-\u064A]+\s?){1,3})")
_ORGANISER = re.compile(
    rf"(?:organis\w*|organiz\w*|initiée?s?|à l.initiative)\s+(?:par|by|de)\s+(?:la\s+|le\s+|l’|l'|les\s+|the\s+)?({_NAME}(?:\s*\([A-Z][\w-]+\))?)", re.I
)
_SAME_WORD = 5  # folded letters two spellings of one word share ("participants" / "participantes")
_PLACE = re.compile(rf"\b(?:à|au|in|at)\s+((?:l[ae’']\s*)?[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)*)")


def short_answer(kind: str | None, sentence: str, language: str, question: str = "") -> str | None:
    """The asked thing found in `sentence`, or None; `language` is the asker's."""
    if kind == "date":
        return _date(sentence, language)
    if kind == "count":
        return _count(sentence, question)
    if kind == "person":
        match = _PERSON.search(sentence) or _ARABIC_PERSON.search(sentence)
        return match.group(0).strip() if match else None
    if kind == "organiser":
        match = _ORGANISER.search(sentence)
        return match.group(1).strip() if match else None
    if kind == "place":
        for match in _PLACE.finditer(sentence):
            place = match.group(1).strip()
            if place.lower() not in question.lower():
                return _in_arabic(place) if language == "ar" else place
        return None
    return None


def _in_arabic(place: str) -> str:
    """A place as an Arabic reader knows it, its spelling in the quote beside: "الدار البيضاء (Casablanca)"."""
    arabic = arabic_name(place)
    return f"{arabic} ({place})" if arabic else place


def _date(sentence: str, language: str) -> str | None:
    for pattern, order in ((_DAY_FIRST, (1, 2, 3)), (_MONTH_FIRST, (2, 3, 1))):
        for match in pattern.finditer(sentence):
            first, last, month = (match.group(i) for i in order)
            number = month_number(normalise_arabic(fold(month)))
            if number is not None:
                year = match.group(4)
                return render_date(int(first), int(last) if last else None, number, int(year) if year else None, language)
    for match in _MONTH_YEAR.finditer(sentence):
        number = month_number(normalise_arabic(fold(match.group(1))))
        if number is not None:
            return f"{MONTHS.get(language, MONTHS['en'])[number - 1]} {match.group(2)}"
    return None


def render_date(first: int, last: int | None, month: int, year: int | None, language: str) -> str:
    """"18–19 November 2025", "18 et 19 novembre 2025", "18 و19 نونبر 2025"."""
    name = MONTHS.get(language, MONTHS["en"])[month - 1]
    if language == "fr":
        days = f"{first}{'er' if first == 1 else ''}" + (f" et {last}" if last and last == first + 1 else f" au {last}" if last else "")
    elif language == "ar":
        days = f"{first}" + (f" و{last}" if last and last == first + 1 else f" إلى {last}" if last else "")
    else:
        days = f"{first}" + (f"–{last}" if last else "")
    return f"{days} {name}" + (f" {year}" if year else "")


def _count(sentence: str, question: str) -> str | None:
    """The quantity in `sentence`: preferably one counting a word of the question ("combien
    de médecins…" → "43 médecins", not the "30 infirmiers" before it), else the first."""
    asked = set(re.findall(r"\d+", question))
    question_words = {fold(word)[:_SAME_WORD] for word in re.findall(r"[^\W\d_]{4,}", question)}
    quantities = []
    for match in _COUNT.finditer(sentence):
        number = match.group(1)
        if re.sub(r"\D", "", number) in asked or (len(number) == 4 and number[:2] in ("19", "20") and not match.group(2)):
            continue  # the question's own numbers ("the 36th congress"), a bare year
        noun = match.group(2)
        if noun and (month_number(normalise_arabic(fold(noun))) is not None or noun.lower() in ("h", "heures", "hours")):
            continue  # a date or a time, not a quantity
        quantities.append((f"{number} {noun}" if noun else number, bool(noun) and fold(noun)[:_SAME_WORD] in question_words))
    return next((text for text, counts_asked in quantities if counts_asked), quantities[0][0] if quantities else None)
