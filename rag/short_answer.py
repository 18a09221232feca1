"""The short answer put before the quotes: the date, number, person, place or organiser the
question asks for, taken from the quoted sentence, dates rendered in the asker's language.

Nothing is added that the sentence does not say: a date is re-spelt (its day numbers, month
and year are the sentence's), everything else is copied as it stands. When the sentence
does not hold the asked thing in a form recognised here, there is no short answer.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {}
for number, names in enumerate(
    [
        "janvier january يناير جانفي",
        "février fevrier february فبراير فيفري",
        "mars march مارس",
        "avril april أبريل ابريل إبريل",
        "mai may ماي مايو",
        "juin june يونيو جوان",
        "juillet july يوليوز يوليو جويلية",
        "août aout august غشت أغسطس اوت",
        "septembre september شتنبر سبتمبر",
        "octobre october أكتوبر اكتوبر",
        "novembre november نونبر نوفمبر",
        "décembre decembre december دجنبر ديسمبر",
    ],
    start=1,
):
    for name in names.split():
        MONTHS[name] = number

MONTH_NAMES = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "en": "January February March April May June July August September October November December".split(),
    "ar": "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر".split(),  # as Moroccan texts write them
}
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_DAY = r"(\d{1,2})(?:er|st|nd|rd|th|ème|e)?"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+"
_DAY_FIRST = re.compile(
    rf"{_DAY}(?:\s*(?:au|et|à|-|–|to|and|و|إلى|الى)\s*(?:{_WEEKDAY})?{_DAY})?\s+(?:of\s+)?({_MONTH})(?:\s*,?\s*((?:19|20)\d\d))?", re.I
)
_MONTH_FIRST = re.compile(rf"\b({_MONTH})\s+{_DAY}(?:\s*(?:-|–|to|and|through)\s*{_DAY})?(?:\s*,?\s*((?:19|20)\d\d))?", re.I)
_COUNT = re.compile(r"(?<![\w.,])(\d{1,3}(?:[  .,]\d{3})+|\d+)(?:\s*%)?(?:\s+([^\W\d_][\w’'-]{2,}))?")
_TITLE = r"(?:Pr\.?|Prof\.?|Professeur|Professor|Dr\.?|Docteur|Doctor|M\.|Mme|Mr\.?|Mrs\.?|Ms\.?)"
_NAME = r"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:[A-ZÀ-Ý][\w’'-]+|de|el|El|ben|Ben|Ait|Aït|d’|d'))*"
_PERSON = re.compile(rf"\b{_TITLE}\s+({_NAME})")
_ARABIC_PERSON = re.compile(r"(?:الدكتور|الدكتورة|البروفيسور|الأستاذ|الأستاذة|السيد|السيدة)\s+((?:[\u0621-\u064A]+\s?){1,3})")
_ORGANISER = re.compile(
    rf"(?:organis\w*|organiz\w*|initiée?s?|à l.initiative)\s+(?:par|by|de)\s+(?:la\s+|le\s+|l’|l'|les\s+|the\s+)?({_NAME}(?:\s*\([A-Z][\w-]+\))?)", re.I
)
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
                return place
        return None
    return None


def _date(sentence: str, language: str) -> str | None:
    match = _DAY_FIRST.search(sentence)
    if match:
        first, last, month, year = match.group(1), match.group(2), match.group(3), match.group(4)
    else:
        match = _MONTH_FIRST.search(sentence)
        if not match:
            return None
        month, first, last, year = match.group(1), match.group(2), match.group(3), match.group(4)
    number = MONTHS.get(month.lower()) or MONTHS.get(month)
    if number is None:
        return None
    return render_date(int(first), int(last) if last else None, number, int(year) if year else None, language)


def render_date(first: int, last: int | None, month: int, year: int | None, language: str) -> str:
    """"18–19 November 2025", "18 et 19 novembre 2025", "18 و19 نونبر 2025"."""
    name = MONTH_NAMES.get(language, MONTH_NAMES["en"])[month - 1]
    if language == "fr":
        days = f"{first}{'er' if first == 1 else ''}" + (f" et {last}" if last and last == first + 1 else f" au {last}" if last else "")
    elif language == "ar":
        days = f"{first}" + (f" و{last}" if last and last == first + 1 else f" إلى {last}" if last else "")
    else:
        days = f"{first}" + (f"–{last}" if last else "")
    return f"{days} {name}" + (f" {year}" if year else "")


def _count(sentence: str, question: str) -> str | None:
    asked = set(re.findall(r"\d+", question))
    for match in _COUNT.finditer(sentence):
        number = match.group(1)
        if re.sub(r"\D", "", number) in asked or (len(number) == 4 and number[:2] in ("19", "20") and not match.group(2)):
            continue  # the question's own numbers ("the 36th congress"), a bare year
        noun = match.group(2)
        if noun and (noun.lower() in MONTHS or noun.lower() in ("h", "heures", "hours")):
            continue  # a date or a time, not a quantity
        return f"{number} {noun}" if noun else number
    return None
