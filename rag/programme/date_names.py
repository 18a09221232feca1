"""Weekday and month names in French, English and Arabic, and the other spellings attendees
and programmes use; `month_number` reads any of them. Below both `clock` (times and dates as
programmes print them) and `timewords` (days written for answers, read from questions)."""

from __future__ import annotations

from rag.language import fold, normalise_arabic

WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
}
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"),
}
# Other spellings attendees and articles use (Mashriq and Algerian/Tunisian month names,
# English abbreviations), as `normalise_arabic(fold(word))` writes them.
_MONTH_ALIASES = {
    "جانفي": 1, "فيفري": 2, "جوان": 6, "جويليه": 7, "اوت": 8,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "fevrier": 2, "aout": 8, "decembre": 12, "مايو": 5, "يوليو": 7, "اغسطس": 8, "سبتمبر": 9, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
AR_WEEKDAY_ALIASES = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الاحد": 6, "الأحد": 6}


def _month_numbers() -> dict[str, int]:
    """Every spelling of a month as `normalise_arabic(fold(…))` writes it → its number: the
    French, English and Arabic names first, then the other spellings."""
    numbers: dict[str, int] = {}
    for language in ("fr", "en", "ar"):
        for number, name in enumerate(MONTHS[language], start=1):
            numbers.setdefault(normalise_arabic(fold(name)), number)
    for word, number in _MONTH_ALIASES.items():
        numbers.setdefault(word, number)
    return numbers


_MONTH_NUMBERS = _month_numbers()


def month_number(word: str) -> int | None:
    """The month a word names (1–12), in any spelling known here; `word` as `normalise_arabic(fold(…))` writes it."""
    return _MONTH_NUMBERS.get(word)
