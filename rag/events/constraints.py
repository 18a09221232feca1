"""What a question across congresses requires of each congress it lists, and how much of the rest
of the question a document holds.

"Quels congrès de pneumologie ont eu lieu à Rabat ?" lists the documents that name pulmonology
(`rag.specialties`, in any language) and whose event is in Rabat; "Quels congrès se sont tenus au
Palais fictif des Congrès ?" those that name that venue; "Which fictional congresses took place in
March 2019?" those with a date in March 2019; "À quel titre le Dr Samir Imaginé figure-t-il ?" those
naming him (in Arabic letters too: `rag.programme.names`); "Quelles caravanes…" those naming a
caravan (`rag/data/event_kinds.tsv`). The question's years, editions and acronyms are
`rag.ranking`'s to check. Every other word of the question counts by its IDF mass
(`rag.answering.coverage.concept_masses`): `coverage` is the share of that mass a document holds,
read against the best document of its language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rag.events.catalogue import EventCatalogue
from rag.events.dates import dates_in
from rag.events.places import cities_in, countries_in, regions_of
from rag.events.words import LINKS, is_acronym, name_end, words_of
from rag.language import analyse, fold
from rag.programme.names import name_skeletons, named_in_arabic
from rag.specialties import specialties_named

_QUOTED = re.compile(r"[«\"“]\s*([^«»\"“”]{2,120}?)\s*[»\"”]")
_COGNATE = 6  # first letters two spellings of one word share across French and English ("pulmonary" / "pulmonaire")
# Capitalised words that open a question or name no one ("Quels", "Which", "In"; "SNPF" is an acronym, not a phrase)
_ASKING = frozenset(fold(word) for word in (
    "quel", "quels", "quelle", "quelles", "qui", "où", "quand", "combien", "comment", "dans", "à", "en", "lors", "pour", "selon",
    "which", "what", "who", "where", "when", "how", "in", "at", "during", "for", "list", "liste", "listez", "donne", "donnez",
    "le", "la", "les", "l", "the", "des", "du", "de", "d", "un", "une", "a", "an", "and", "et",
))


@dataclass(frozen=True)
class Phrase:
    """A name the question gives (a society, a venue, a person, a quoted theme): its analysed words,
    and its text for person names read in Arabic letters."""

    text: str
    terms: tuple[tuple[frozenset[str], bool], ...]  # per word: its terms (any will do), and whether the lexicon translates it
    person: bool
    acronym: frozenset[str] = frozenset()  # "(ICFM)" after it: a document may name it so instead


@dataclass(frozen=True)
class Constraints:
    cities: frozenset[str]
    countries: frozenset[str]  # countries and regions ("Égypte", "Maghreb")
    specialties: frozenset[str]
    months: tuple[tuple[int, int | None], ...]  # (month, year) the question names ("en novembre 2025")
    phrases: tuple[Phrase, ...]
    terms: frozenset[str] = frozenset()  # the question's terms these constraints check (no longer counted by `coverage`)
    kinds: tuple[frozenset[str], ...] = ()  # kinds of event named ("caravanes"): the terms of each kind's forms

    @property
    def required(self) -> bool:
        """Whether the question requires anything of each congress beyond its words."""
        return bool(self.cities or self.countries or self.specialties or self.months or self.phrases or self.kinds)


def constraints_of(question: str, stem_languages: tuple[str, ...], concepts=()) -> Constraints:
    """What `question` requires of each document it lists. `concepts`: the query's
    (`rag.retrieve.Concept`), whose French translations stand for a phrase's English words."""
    city_places, country_places = cities_in(question), countries_in(question)
    cities = frozenset(place.name for place in city_places)
    countries = frozenset(place.name for place in country_places)
    months = tuple((span.month, span.year) for span in dates_in(question) if span.first_day is None)
    places = [(place.start, place.end) for place in (*city_places, *country_places)]
    phrases = tuple(_phrases(question, stem_languages, concepts, places))
    asked_terms = frozenset(analyse(question, stem_languages))
    kinds = tuple(forms for forms in _event_kinds(stem_languages) if forms & asked_terms)
    checked = [question[start:end] for start, end in places] + [phrase.text for phrase in phrases]
    terms = frozenset(term for text in checked for term in analyse(text, stem_languages)) | frozenset(
        term for phrase in phrases for term in phrase.acronym) | frozenset(term for forms in kinds for term in forms)
    return Constraints(cities, countries, frozenset(specialties_named(question)), months, phrases, terms, kinds)


@lru_cache(maxsize=4)
def _event_kinds(stem_languages: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """The analysed forms of each kind of event (`rag/data/event_kinds.tsv`)."""
    text = resources.files("rag").joinpath("data/event_kinds.tsv").read_text(encoding="utf-8")
    kinds = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            _, _, forms = line.partition("\t")
            kinds.append(frozenset(term for form in forms.split("|") for term in analyse(form, stem_languages)))
    return tuple(kinds)


def _phrases(question: str, stem_languages: tuple[str, ...], concepts, places: list[tuple[int, int]]) -> list[Phrase]:
    """Quoted words, and names: a capitalised word with what follows it in a name (its adjectives,
    its complements after "de / of": "Société fictive de chirurgie", "Hôpital central
    fictif", "Samir Imaginé"), unless it opens the question, is a city or is an acronym alone. An
    acronym in brackets after a name stays with it ("… of Fictional Medicine (ICFM)")."""
    texts = [m.group(1) for m in _QUOTED.finditer(question)]
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group(0)), question)
    words = words_of(unquoted)

    def a_place(word) -> bool:
        return any(start <= word.start < end for start, end in places)

    position = 0
    while position < len(words):
        word = words[position]
        if not word.capitalised or word.arabic or word.normal in _ASKING or a_place(word) or word.ordinal is not None:
            position += 1
            continue
        last = name_end(words, position, unquoted)
        while last > position and (words[last].normal in LINKS or a_place(words[last])):
            last -= 1  # "… de Rabat": the city is a constraint of its own
        after = unquoted[words[last].end :].lstrip()
        if after.startswith("(") and last + 1 < len(words) and is_acronym(words[last + 1]):
            last += 1
        if last > position or not is_acronym(word):
            texts.append(unquoted[word.start : words[last].end] + (")" if unquoted[words[last].end :].startswith(")") else ""))
        position = last + 1
    phrases = []
    for text in texts:
        acronym: frozenset[str] = frozenset()
        name, bracket, defined = text.partition("(")
        if bracket and defined.strip(" )"):
            text, acronym = name.strip(), frozenset(analyse(defined.strip(" )"), stem_languages))
        terms = []
        for word in words_of(text):
            if word.normal in LINKS or word.normal in _ASKING:
                continue
            own = frozenset(analyse(word.text, stem_languages))
            if not own:
                continue
            alternatives, translated = set(own), False
            for concept in concepts:
                if own & concept.terms:
                    alternatives |= concept.terms
                    translated = translated or concept.translated
            terms.append((frozenset(alternatives), translated))
        if terms:
            person = 2 <= len(terms) <= 4 and all(w[:1].isupper() for w in text.split() if w.lower() not in ("el", "al", "ben", "de"))
            phrases.append(Phrase(text, tuple(terms), person and not any(is_acronym(w) for w in words_of(text)), acronym))
    return phrases


def holds(constraints: Constraints, catalogue: EventCatalogue, doc_id: str, language: str = "fr") -> bool:
    """Whether the document states what the question requires: one of its cities, countries or
    regions, one of its specialties, each month and each name; `language`: the question's."""
    document = catalogue.index.documents[doc_id]
    facts = catalogue.facts(doc_id)
    lead_cities, lead_countries = catalogue.lead_places(doc_id)
    if constraints.cities:  # "à Casablanca et à Marrakech": one of them, where the event is (its lead's cities when it has none)
        if not constraints.cities & (facts.cities or lead_cities):
            return False
    if constraints.countries:
        within = regions_of(facts.city.value) if facts.city else frozenset()
        if not constraints.countries & (within | lead_countries):
            return False
    if constraints.specialties and not constraints.specialties & catalogue.specialties(doc_id):
        return False
    for month, year in constraints.months:
        if not any(span.month == month and (year is None or (span.year or facts.year) == year) for span in catalogue.dates(doc_id)):
            return False
    terms = catalogue.terms(doc_id)
    if any(not forms & terms for forms in constraints.kinds):
        return False
    for phrase in constraints.phrases:
        if not _holds_phrase(phrase, catalogue, doc_id, document.language == language):
            return False
    return True


def _holds_phrase(phrase: Phrase, catalogue: EventCatalogue, doc_id: str, same_language: bool) -> bool:
    """A name is held when each of its words is (one may be missing from a long name). In a document
    of another language than the question's, a word the lexicon translates is looked for in its
    translations, another one as a cognate in a Latin-script text ("Pulmonary" / "pulmonaire": the
    first `_COGNATE` letters), not at all in an Arabic one (a person's name is then read across
    scripts, `rag.programme.names`); one may be missing from a name of three words or more."""
    terms = catalogue.terms(doc_id)
    if phrase.acronym and phrase.acronym <= terms:
        return True
    document = catalogue.index.documents[doc_id]
    latin = document.language != "ar"
    held = checked = 0
    for word, translated in phrase.terms:
        if same_language or translated:
            checked += 1
            held += bool(word & terms)
        elif latin:
            checked += 1
            held += bool(word & terms) or bool({term[:_COGNATE] for term in word if len(term) >= _COGNATE} & catalogue.prefixes(doc_id))
    spared = 1 if checked >= (5 if same_language else 3) else 0
    if checked and held >= checked - spared:
        return True
    if not checked and not phrase.person:
        return True
    return phrase.person and document.language == "ar" and bool(named_in_arabic(document.text, name_skeletons([phrase.text])))


def defined_acronyms(constraints: Constraints) -> frozenset[str]:
    """The acronyms the question spells out ("International Committee of Fictional Medicine (ICFM)"):
    a document naming the words instead answers as well as one naming the acronym."""
    return frozenset(term for phrase in constraints.phrases for term in phrase.acronym)


def frame_terms(framing: list[str], stem_languages: tuple[str, ...]) -> frozenset[str]:
    """The terms of the words that frame a question across congresses rather than restrict it
    ("quels congrès", "couverts", "in which cities", "when": `rag.answering.question.framing_words`),
    which no document needs to hold."""
    return frozenset(term for words in framing for term in analyse(words, stem_languages))


_EITHER = re.compile(
    r"([^\W\d_]+)\s+(?:ou|or|أو)\s+(?:(?:de\s+la|du|des|de|d[’']|l[’']|la|le|les|the|a|an|en|in)\s+)?([^\W\d_]+)", re.I)


def alternatives(question: str, stem_languages: tuple[str, ...]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The words a question joins with "ou / or / أو" ("l'asthme ou la pollution"): a
    document holding either holds that part of the question."""
    return [(frozenset(analyse(m.group(1), stem_languages)), frozenset(analyse(m.group(2), stem_languages)))
            for m in _EITHER.finditer(question)]


def coverage(concepts, masses, terms: frozenset[str], frame: frozenset[str] = frozenset(), same_language: bool = True,
             either: list[tuple[frozenset[str], frozenset[str]]] = ()) -> float:
    """The share of the question's concept mass (`concept_masses`, one per concept of `concepts`)
    the document's `terms` hold, the question's `frame_terms` left out. In a document of another
    language than the question's, only the words the lexicon translates are looked for
    (`Concept.foreign` words are not): compare it with the documents of its own language. `either`:
    the question's `alternatives`."""
    asked = [(concept, mass) for concept, mass in zip(concepts, masses) if not concept.terms & frame]
    weighed = asked if same_language else [(concept, mass) for concept, mass in asked if not concept.foreign]
    groups: dict[object, list] = {}  # "asthme ou pollution": either is enough, and the two weigh as one
    for position, (concept, (concept_terms, mass)) in enumerate(weighed):
        key = next((pair for pair, (left, right) in enumerate(either) if concept_terms & (left | right)), ("alone", position))
        group = groups.setdefault(key, [0.0, False])
        group[0], group[1] = max(group[0], mass), group[1] or bool(concept_terms & terms)
    total = sum(mass for mass, _ in groups.values())
    held = sum(mass for mass, holds_it in groups.values() if holds_it)
    return held / total if total > 0 else 0.0
