"""Where a text names an event: "le 12ème Congrès maghrébin fictif de néphrologie", "la 4e
édition du Congrès national de pneumologie de la SNPF", "the 5th National Pulmonology Congress
of the SNPF", "الدورة الـ12 لمؤتمر طب الأسنان الخيالي".

A mention is an event noun (congrès, journées, colloque, caravane, salon, congress, meeting,
مؤتمر, ملتقى, قافلة, معرض…, or "édition"/"الدورة" introducing one), the ordinal and capitalised
words just before it, and its complement after it ("de la Société fictive de …",
"(SNPF)"), up to the verb, preposition or punctuation that ends the name. Its edition is the
ordinal written with it, or in the same sentence ("dans sa XIIe édition", "في دورته
الـ41"). `salience` ranks the mentions of one document: the one its title or lead names, with
an edition and a proper name, is its event.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.events.words import ENDS, LINKS, NAME_STOPS, Word, is_acronym, name_end, sentence_bounds, words_of
from rag.language import normalise, strip_arabic_prefix

# Event nouns, as `normalise` writes them; Arabic ones after their article or preposition is stripped.
EVENT_NOUNS = frozenset({
    "congres", "conference", "conferences", "journees", "journee", "colloque", "symposium", "forum", "salon", "rencontre",
    "rencontres", "caravane", "caravanes", "seminaire", "assises", "sommet", "masterclass", "workshop", "expo", "edition",
    "congress", "congresses", "days", "day", "fair", "exhibition", "meeting", "meetings", "caravan", "caravans", "seminar",
    "summit", "convention",
})
ARABIC_EVENT_NOUNS = tuple(normalise(word) for word in (
    "مؤتمر", "ملتقى", "أيام", "ندوة", "قافلة", "معرض", "منتدى", "دورة", "دورت", "نسخة", "مهرجان", "مناظرة"))
# Nouns that name an event only with an edition or a proper name ("la 7e journée …", "Journées fictives de néphrologie"),
# not alone ("une journée", "la rencontre", "أيام")
_WEAK_NOUNS = frozenset({"journee", "rencontre", "rencontres", "edition", "day", "days", "meeting", "meetings", "forum", normalise("أيام")})
_ENGLISH_NOUNS = frozenset({"congress", "congresses", "days", "day", "fair", "exhibition", "meeting", "meetings", "caravan", "caravans",
                            "seminar", "summit", "convention", "conference", "conferences", "symposium", "workshop", "forum", "expo"})
_EDITION_NOUNS = frozenset({"edition"})
_ARABIC_EDITION_NOUNS = tuple(normalise(word) for word in ("دورة", "دورت", "نسخة"))
_ARABIC_ENDS = frozenset(normalise(word) for word in (
    "في", "التي", "الذي", "الذى", "تحت", "بمشاركة", "بحضور", "برعاية", "بشراكة", "بتعاون", "بمدينة", "يوم", "يومي", "من", "إلى",
    "الى", "حول", "وذلك", "حيث", "بين", "على", "عن", "مع", "خلال", "ضمن", "وقد", "والتي", "والذي", "هذا", "هذه", "منذ", "بعد", "قبل",
    "بمقر", "بقاعة", "بفندق", "بكلية", "بالمركز", "المنعقد", "المنعقدة", "المنظم", "المنظمة", "الذي", "ينظم", "تنظم", "نظمت",
))
_MAX_WORDS = 14
_LEAD_CHARS = 400


@dataclass(frozen=True)
class Mention:
    """An event named in a text: its words as written (`text`, offsets `start`–`end`), its edition."""

    text: str
    start: int
    end: int
    edition: int | None
    noun: str  # the event noun, normalised ("congres", "موتمر")
    salience: float

    @property
    def is_edition_only(self) -> bool:
        """"cette 4e édition": an edition with no name of its own."""
        return self.noun in _EDITION_NOUNS | set(_ARABIC_EDITION_NOUNS) and len(self.text.split()) <= 3


def _arabic_noun(word: Word) -> str | None:
    if not word.arabic:
        return None
    stem = strip_arabic_prefix(word.normal)
    for noun in ARABIC_EVENT_NOUNS:
        if stem.startswith(noun) and len(stem) <= len(noun) + 3:
            return noun
    return None


def mentions_in(text: str, title: str = "", words: list[Word] | None = None) -> list[Mention]:
    """Every event `text` names, in the order written. `title`: the document's, when it is not its
    first line; `words`: the text's `words_of`, when the caller has them."""
    words = words if words is not None else words_of(text)
    lead_end = max(_LEAD_CHARS, len(title) + 1 if title and text.lstrip().startswith(title[:40]) else 0)
    found: list[Mention] = []
    taken_until = -1
    for index, word in enumerate(words):
        if word.start < taken_until:
            continue
        arabic = _arabic_noun(word)
        noun = arabic or (word.normal if word.normal in EVENT_NOUNS else None)
        if noun is None:
            continue
        first = _left_edge(words, index, text) if not arabic else index
        last = _arabic_right_edge(words, index, text) if arabic else name_end(words, index, text, adjectives=word.normal not in _ENGLISH_NOUNS)
        start, end = words[first].start, words[last].end
        if end < len(text) and text[end] == ")" and "(" in text[start:end]:
            end += 1
        edition = next((w.ordinal for w in words[first : last + 1] if w.ordinal is not None), None)
        if edition is None:
            edition = _edition_nearby(words, index, text)
        mention_words = words[first : last + 1]
        proper = sum(1 for w in mention_words if w is not word and ((w.capitalised and w.normal not in LINKS) or is_acronym(w)))
        if noun in _WEAK_NOUNS and edition is None and not (proper or word.capitalised):
            continue
        salience = (
            3.0 * (edition is not None)
            + 2.0 * (start < lead_end)
            + min(proper, 3)
            + 1.0 * (noun in ("congres", "congress", normalise("مؤتمر")))
            + 0.5 * min(len(mention_words), 6) / 6
            - start / 5000
        )
        found.append(Mention(text[start:end], start, end, edition, noun, salience))
        taken_until = end
    return found


def _left_edge(words: list[Word], index: int, text: str) -> int:
    """The mention's first word: the noun, or the ordinal and capitalised words just before it
    ("12ème Congrès", "the 5th National Pulmonology Congress", "XIIe congrès"), and in English the
    adjectives between an ordinal and its noun ("the 3rd national fictional health day")."""
    first = index
    lowercase: list[int] = []  # adjectives passed, kept only if an ordinal comes before them
    for back in range(index - 1, max(-1, index - 5), -1):
        word = words[back]
        gap = text[word.end : words[back + 1].start]
        if len(gap) > 2 or any(mark in NAME_STOPS for mark in gap):
            break
        if word.ordinal is not None:
            first = back
            break
        if word.arabic or word.normal in ENDS or word.normal in LINKS:
            break
        if word.capitalised and not lowercase:
            first = back
            continue
        if words[index].normal in _ENGLISH_NOUNS and not word.capitalised:
            lowercase.append(back)
            continue
        break
    return first


def _arabic_right_edge(words: list[Word], index: int, text: str) -> int:
    """The last word of an Arabic name, up to punctuation, a preposition or relative that ends
    it. After a definite noun ("المؤتمر") come its adjectives and complements, which carry the
    article or the preposition li- ("الوطني الخيالي للجمعية المغاربية"); after an indefinite one
    ("مؤتمر", "لمؤتمر") its complement in the construct state, a few words ("طب الأسنان الخيالي")."""
    last = index
    bare = 0  # words without the article since the last definite one
    for ahead in range(index + 1, min(len(words), index + 10)):
        word, before = words[ahead], words[ahead - 1]
        gap = text[before.end : word.start]
        if any(mark in ",.;:!?()[]،؛\n" for mark in gap):
            break
        if word.normal in _ARABIC_ENDS or (word.text.isdigit() and word.ordinal is None):
            break
        if word.normal.startswith("و") and _arabic_noun(word):
            break  # "… والمؤتمر المغاربي": a second event
        definite = not word.arabic or word.numbering or word.normal.startswith(("ال", "لل", "وال", "بال", "ل"))
        if not definite:
            if _definite(words[last]) or bare >= 2:
                break
            bare += 1
        last = ahead
    return last


def _definite(word: Word) -> bool:
    return word.arabic and word.normal.startswith(("ال", "لل", "وال", "بال"))


def _edition_nearby(words: list[Word], index: int, text: str) -> int | None:
    """The edition a sentence gives the event named at `index`: "dans sa XIIe édition",
    "في دورته الـ12", "cette 4e édition"."""
    start, end = sentence_bounds(text, words[index].start, words[index].end)
    for word in words[index + 1 :]:
        if word.start >= end:
            break
        if word.ordinal is not None and word.start - words[index].end < 80:
            following = [w for w in words if word.end <= w.start < word.end + 25]
            preceding = [w for w in words if word.start - 25 <= w.end <= word.start]
            near = following + preceding
            if any(w.normal in _EDITION_NOUNS or strip_arabic_prefix(w.normal).startswith(_ARABIC_EDITION_NOUNS) for w in near):
                return word.ordinal
    return None
