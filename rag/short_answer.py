"""The short answer put before the quotes: the date, number, person, place or organiser the
question asks for, taken from the quoted sentence, dates rendered in the asker's language.

Nothing is added that the sentence does not say: a date is re-spelt (its day numbers, month
and year are the sentence's), everything else is copied as it stands. When the sentence
does not hold the asked thing in a form recognised here, there is no short answer.

Nor is the answer what the question itself names (`Named`): "Which society co-organised the
congress with the SMR?" is not answered "Société marocaine de radiologie (SMR)" but with the
next thing of its kind in the sentence ("en partenariat avec la Société française de
radiologie"), or not at all; named by its words, accent- and case-insensitive, in the
question's language or through the lexicon, or by an abbreviation the passage defines.
"""

from __future__ import annotations

import re

from rag.abbreviations import definitions
from rag.language import analyse, fold, normalise_arabic, raw_tokens
from rag.lexicon import arabic_name, expand
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
# Who co-organised it: "en partenariat avec la Société française de radiologie", "in partnership with…"
_PARTNER = re.compile(
    rf"(?:en\s+partenariat|en\s+collaboration|en\s+association|conjointement|in\s+partnership|in\s+collaboration|"
    rf"in\s+association|jointly|co-?organi[sz]\w*)\s+(?:avec|with)\s+(?:la\s+|le\s+|l’|l'|les\s+|the\s+)?({_NAME}(?:\s*\([A-Z][\w-]+\))?)",
    re.I,
)
# A question about a co-organiser: only then does a partner answer "who organised"
_ASKS_PARTNER = re.compile(
    r"co-?organi|partner|partena|collaborat|conjointement|jointly|alongside|together with|aux côtés|"
    r"organi[sz]\w*\b.*\b(?:with|avec)\b|شراك|شريك|تعاون|(?:نظم|ينظم|تنظيم)\w*.*\sمع\s",
    re.I,
)
# Where an organiser's name ends and its partner's begins: "la SMR en collaboration avec la SFR"
_PARTNER_CUE = re.compile(r"\s+(?:en\s+(?:partenariat|collaboration|association)|in\s+(?:partnership|collaboration|association)|"
                          r"avec|with|conjointement|jointly)\b.*", re.I | re.S)
_SAME_WORD = 5  # folded letters two spellings of one word share ("participants" / "participantes")
_PLACE = re.compile(rf"\b(?:à|au|in|at)\s+((?:l[ae’']\s*)?[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)*)")


def short_answer(kind: str | None, sentence: str, language: str, question: str = "", passage: str = "") -> str | None:
    """The asked thing found in `sentence`, or None; `language` is the asker's. The first one
    of its kind that `question` does not name (`Named`); `passage`, the text the sentence is
    quoted from, lends the abbreviations it defines."""
    if kind == "date":
        return _date(sentence, language)
    if kind == "count":
        return _count(sentence, question)
    named = Named(question, language, f"{passage}\n{sentence}")
    if kind == "person":
        found = sorted([*_PERSON.finditer(sentence), *_ARABIC_PERSON.finditer(sentence)], key=lambda match: match.start())
        return next((match.group(0).strip() for match in found if not named(match.group(1))), None)
    if kind == "organiser":
        patterns = (_ORGANISER, _PARTNER) if _ASKS_PARTNER.search(question) else (_ORGANISER,)
        found = [_PARTNER_CUE.sub("", match.group(1)).strip() for pattern in patterns for match in pattern.finditer(sentence)]
        return next((organiser for organiser in found if not named(organiser)), None)
    if kind == "place":
        for match in _PLACE.finditer(sentence):
            place = match.group(1).strip()
            if not named(place):
                return _in_arabic(place) if language == "ar" else place
        return None
    return None


_NAMING_LANGUAGES = ("fr", "en")  # both stems of a Latin word, whichever language each side is in


class Named:
    """Whether a span names only what `question` names: each of its words (stop words aside) is
    a word of the question, of the question's lexicon translation, or of what an abbreviation
    the question uses stands for in `context` ("SMR" → "Société marocaine de radiologie"), and
    the other way round (the society named in full names its acronym)."""

    def __init__(self, question: str, language: str, context: str = "") -> None:
        terms = set(analyse(question, _NAMING_LANGUAGES))
        for target in expand(question, language) if question else ():
            terms.update(analyse(target, _NAMING_LANGUAGES))
        typed = {fold(token) for token in raw_tokens(question)}
        for acronym, expansion in definitions(f"{context}\n{question}").items():
            if fold(acronym) in typed:
                terms.update(analyse(expansion, _NAMING_LANGUAGES))
            elif self._covered(expansion, terms):
                terms.update(analyse(acronym, _NAMING_LANGUAGES))
        self.terms = frozenset(terms)

    @staticmethod
    def _covered(text: str, terms) -> bool:
        words = [set(analyse(token, _NAMING_LANGUAGES)) for token in raw_tokens(text)]
        words = [word for word in words if word]
        return bool(words) and all(word & terms for word in words)

    def __call__(self, span: str) -> bool:
        return self._covered(span, self.terms)


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
