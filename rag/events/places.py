"""Where an event takes place: its city (a city of `rag/data/cities.tsv`, in any of its spellings:
"Marrakech", "Marrakesh", "مراكش", "بمراكش") and its venue ("au Palais fictif des Congrès", "à
l'hôtel fictif Les Dunes", "at the Fictional Convention Centre", "à l'amphithéâtre de la faculté
de médecine fictive", "بكلية الطب الخيالية").

A venue is a place noun (palais, hôtel, centre, faculté, complexe, hotel, university, فندق, كلية,
قصر…) or a hotel's brand, after a locative ("au", "à l'", "dans", "at the", "in the", "في", the
preposition bi- glued on), read with its complements up to punctuation, a verb or a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rag.events.words import Word, name_end, words_of
from rag.language import analyse, normalise, strip_arabic_prefix

_ARABIC_CLITICS = ("وب", "وال", "بال", "وفي", "ب", "و", "ف", "ل", "ك")


@dataclass(frozen=True)
class Place:
    name: str  # the city as the gazetteer writes it ("Marrakech"), or the venue as the text does
    start: int
    end: int


def _arabic_forms(normal: str) -> set[str]:
    """A normalised Arabic word, and the word without a preposition or article glued on."""
    forms = {normal, strip_arabic_prefix(normal)}
    for clitic in _ARABIC_CLITICS:
        if normal.startswith(clitic) and len(normal) - len(clitic) >= 3:
            forms.add(normal[len(clitic):])
            forms.add(strip_arabic_prefix(normal[len(clitic):]))
    return forms


Gazetteer = dict[str, list[tuple[tuple[str, ...], str, bool, bool]]]  # first word → (words, place, is Arabic, capital needed)


def _rows(name: str) -> list[list[str]]:
    text = resources.files("rag").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _spellings(rows: list[list[str]]) -> Gazetteer:
    """First word of a spelling (normalised; Arabic without its article) → (its words, the place, is
    Arabic, whether the text must capitalise it: a spelling the file writes in lower case, as French
    writes adjectives and "monde arabe", matches in any case). Spellings are every column after the
    second (countries.tsv's adjectives too)."""
    table: Gazetteer = {}
    for name, _, *columns in rows:
        for spelling in (s.strip() for column in columns for s in column.split("|")):
            words = tuple(w.normal for w in words_of(spelling))
            if not words:
                continue
            arabic = "\u0600" <= spelling[:1] <= "\u06ff"
            first = strip_arabic_prefix(words[0]) if arabic else words[0]
            table.setdefault(first, []).append(((first, *words[1:]), name.strip(), arabic, spelling[:1].isupper()))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


@lru_cache(maxsize=1)
def _cities() -> Gazetteer:
    return _spellings(_rows("cities.tsv"))


@lru_cache(maxsize=1)
def _countries() -> Gazetteer:
    return _spellings(_rows("countries.tsv"))


@lru_cache(maxsize=1)
def _regions_of() -> dict[str, frozenset[str]]:
    """A city or country → the country and regions it lies in (itself included)."""
    regions = {row[0]: frozenset({row[0], *filter(None, row[1].split("|"))}) for row in _rows("countries.tsv")}
    found = dict(regions)
    for city, country, *_ in _rows("cities.tsv"):
        found[city] = frozenset({city}) | regions.get(country, frozenset({country} - {""}))
    return found


def regions_of(place: str) -> frozenset[str]:
    """"Hammamet" → {Hammamet, Tunisie, Maghreb, Afrique}: the place, its country and their regions."""
    return _regions_of().get(place, frozenset({place}))


def cities_in(text: str, words: list[Word] | None = None) -> list[Place]:
    """Every city of the gazetteer `text` names, in the order written (Latin spellings capitalised)."""
    return _named(text, words, _cities())


def countries_in(text: str, words: list[Word] | None = None) -> list[Place]:
    """Every country or region `text` names ("en Égypte", "au Maghreb", "في مصر", "the Tunisian
    societies", "الجمعية الليبية"), in the order written."""
    return _named(text, words, _countries())


def _named(text: str, words: list[Word] | None, table: Gazetteer) -> list[Place]:
    words = words if words is not None else words_of(text)
    found: list[Place] = []
    index = 0
    while index < len(words):
        word = words[index]
        forms = _arabic_forms(word.normal) if word.arabic else {word.normal}
        match = None
        for form in forms:
            for spelled, city, arabic, cased in table.get(form, ()):
                if arabic != word.arabic or (cased and not word.capitalised):
                    continue
                following = tuple(w.normal for w in words[index + 1 : index + len(spelled)])
                if following == spelled[1:]:
                    match = (city, index + len(spelled) - 1)
                    break
            if match:
                break
        if match:
            found.append(Place(match[0], word.start, words[match[1]].end))
            index = match[1] + 1
        else:
            index += 1
    return found


# Place nouns that open a venue's name, as `normalise` writes them
_VENUE_NOUNS = frozenset({
    "palais", "hotel", "centre", "complexe", "faculte", "universite", "chu", "hopital", "institut", "auditorium",
    "amphitheatre", "amphi", "parc", "couvent", "theatre", "musee", "espace", "salle", "campus", "cite", "club", "residence",
    "siege", "maison", "ecole", "bibliotheque", "stade", "pavillon",
    "center", "university", "faculty", "hospital", "institute", "school", "hall",
    "sofitel", "hyatt", "hilton", "marriott", "movenpick", "radisson", "kenzi", "savoy", "novotel", "pullman", "ibis",
    "barcelo", "fairmont", "meridien", "mogador", "sheraton", "intercontinental",
})
_ARABIC_VENUE_NOUNS = tuple(normalise(word) for word in (
    "قصر", "فندق", "كلية", "جامعة", "مركز", "مركب", "مستشفى", "قاعة", "معهد", "مقر", "مدرج", "فضاء", "المركز", "المركب"))
_LOCATIVES = frozenset(normalise(word) for word in ("au", "dans", "sein", "at", "venue", "place", "lieu"))
_ARTICLES = frozenset(normalise(word) for word in ("l", "la", "le", "the"))  # a locative when "à", "dans", "at", "in" comes before
_BEFORE_ARTICLES = frozenset(normalise(word) for word in ("à", "a", "dans", "at", "in", "sein"))
_ARABIC_LOCATIVES = frozenset(normalise(word) for word in ("في", "داخل", "بمقر", "رحاب"))


def venues_in(text: str, words: list[Word] | None = None) -> list[Place]:
    """The venues `text` names after a locative, in the order written."""
    words = words if words is not None else words_of(text)
    found: list[Place] = []
    index = 0
    while index < len(words):
        word = words[index]
        before = words[index - 1] if index else None
        if word.arabic:
            stem = word.normal
            glued = stem.startswith("ب") and strip_arabic_prefix(stem[1:]).startswith(_ARABIC_VENUE_NOUNS)
            opened = glued or (before is not None and before.normal in _ARABIC_LOCATIVES and strip_arabic_prefix(stem).startswith(_ARABIC_VENUE_NOUNS))
            if opened:
                last = _arabic_venue_end(words, index, text)
                found.append(Place(text[word.start : words[last].end], word.start, words[last].end))
                index = last + 1
                continue
        elif word.normal in _VENUE_NOUNS and before is not None and _close(text, before, word) and (
                before.normal in _LOCATIVES or (before.normal in _ARTICLES and index >= 2 and words[index - 2].normal in _BEFORE_ARTICLES)):
            last = name_end(words, index, text, lowercase_after_link=True)
            if last > index or word.capitalised:
                found.append(Place(text[word.start : words[last].end], word.start, words[last].end))
                index = last + 1
                continue
        index += 1
    return found


def _close(text: str, before: Word, word: Word) -> bool:
    gap = text[before.end : word.start]
    return len(gap) <= 2 and not any(mark in gap for mark in ",.;:\n")


def _arabic_venue_end(words: list[Word], index: int, text: str) -> int:
    last = index
    for ahead in range(index + 1, min(len(words), index + 7)):
        gap = text[words[ahead - 1].end : words[ahead].start]
        if any(mark in ",.;:!?()،؛\n" for mark in gap) or words[ahead].normal in ("في", "يوم", "يومي", "من", "الى", "وذلك", "حيث", "تحت", "بمشاركه", "بحضور"):
            break
        last = ahead
    return last


# A village, a douar, a rural commune: where a medical caravan stops ("au douar Ait X", "in the village
# of X", "X douar", "بدوار …", "بجماعة …")
_NAME = r"[A-ZÀ-Ý][\w’'-]+(?:[ -](?:[A-ZÀ-Ý][\w’'-]+|N[’'][\w’'-]+))*"
_LOCALITY = re.compile(
    rf"\b(?:village|douar|hameau|commune(?:\s+rurale)?|localité|hamlet|rural\s+commune)\s+(?:de\s+|d[’']\s*|du\s+|of\s+(?:the\s+)?)?(?P<after>{_NAME})"
    rf"|\b(?P<before>{_NAME})\s+(?:douar|village)\b"
    r"|(?:بدوار|دوار|بقرية|قرية|بجماعة|جماعة|بمنطقة|منطقة)\s+(?P<arabic>[\u0621-\u064A\u064B-\u065F]+(?:\s+[\u0621-\u064A\u064B-\u065F]+)?)"
)
_NOT_LOCALITIES = frozenset({"The", "Le", "La", "Les", "In", "Ce", "Cette"})


def localities_in(text: str) -> list[Place]:
    """Every village, douar or rural commune `text` names, in the order written."""
    found = []
    for match in _LOCALITY.finditer(text):
        group = next(g for g in ("after", "before", "arabic") if match.group(g))
        name = match.group(group)
        if name.split()[0] in _NOT_LOCALITIES:
            continue
        found.append(Place(name, match.start(group), match.end(group)))
    return found


def unknown_cities(question: str, known_terms, stem_languages: tuple[str, ...]) -> set[str]:
    """The cities `question` names that no document names in any of their spellings (`known_terms`:
    the terms the index's texts use, `rag.idf.text_idf`): "le congrès de pneumologie à Oujda" in a
    corpus without Oujda is about no document, whatever the nearest passage says."""
    unknown = set()
    for place in cities_in(question):
        spellings = {spelled for entries in _cities().values() for spelled, city, _, _ in entries if city == place.name}
        if not any(all(any(term in known_terms for term in analyse(word, stem_languages)) for word in spelled) for spelled in spellings):
            unknown.add(place.name)
    return unknown
