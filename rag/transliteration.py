"""Names across scripts: "ورزازات" is "Ouarzazate", "بنسليمان" is "Benslimane".

Attendees ask in Arabic about French and English articles, and in French or English about
Arabic ones. The lexicons (`rag.lexicon`) carry the congress vocabulary and well-known cities
across; the names of villages, people, venues and small towns they cannot list. Both spellings
of a name share its consonants, read in a few classes of sounds that the two scripts spell
alike (b/p, t/d, s/z/sh, k/g/q/j, f/v, l, m, n, r; vowels, h, w and y left out, a doubled
class written once): "Ouarzazate" and "ورزازات" are both R-S-T, "Gharbi" and "غربي" K-R-B.

`NameSpellings` reads the words of the index's documents once, per script, by their consonants;
a question's word that the lexicon does not translate and the documents do not write in its own
script is then matched with the words of the other script that share its skeleton, when the skeleton is long enough to say something
(three classes or more) and few words share it. The matches join the question's terms as the
lexicon's translations do, with their weight (`rag.retrieve.prepare_query`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rag.language import analyse, fold, is_arabic, normalise, normalise_arabic, raw_tokens, stop_words, strip_arabic_prefix

MIN_CLASSES = 3  # a shorter skeleton ("حسن" S-N) matches too many words of the other script
MAX_SPELLINGS = 3  # a name more words may spell says nothing about which one is meant

_LATIN_DIGRAPHS = (("sch", "s"), ("ch", "s"), ("sh", "s"), ("kh", "k"), ("gh", "k"), ("th", "t"), ("dh", "t"),
                   ("ph", "f"), ("qu", "k"), ("ou", "a"), ("x", "ks"))
_LATIN = {**dict.fromkeys("bp", "B"), **dict.fromkeys("td", "T"), **dict.fromkeys("sz", "S"),
          **dict.fromkeys("kgqjc", "K"), **dict.fromkeys("fv", "F"), "l": "L", "m": "M", "n": "N", "r": "R",
          **dict.fromkeys("aeiouyw", "V")}  # h is left out
_ARABIC = {"ب": "B", **dict.fromkeys("تطدضثذ", "T"), **dict.fromkeys("سصزظش", "S"), **dict.fromkeys("جكقخغ", "K"),
           "ف": "F", "ل": "L", "م": "M", "ن": "N", "ر": "R", **dict.fromkeys("اويىع", "V")}  # ح, ه and ة are left out
_SOFT_C = re.compile(r"c(?=[eiy])")
_PROCLITICS = ("و", "ب", "ل", "ف", "ك")


def _collapse(classes: str) -> str:
    return re.sub(r"(.)\1+", r"\1", classes)


def latin_sounds(word: str) -> str:
    """A Latin-script word as classes of sounds, V for a vowel: "Ouarzazate" → "VRSVSVTV"."""
    text = _SOFT_C.sub("s", fold(word))
    for digraph, value in _LATIN_DIGRAPHS:
        text = text.replace(digraph, value)
    return _collapse("".join(_LATIN.get(char, "") for char in text))


def arabic_sounds(word: str) -> set[str]:
    """An Arabic word as classes of sounds (V for a long vowel's letter), with and without what may be
    prefixed to it (a conjunction or preposition, the article, which a Latin spelling sometimes keeps:
    "الأقصر" as "Luxor"): "بورزازات" → {"BVRSVSVT", "VRSVSVT"}."""
    word = normalise_arabic(word)
    forms = {word}
    if word[:1] in _PROCLITICS and len(word) >= 4:
        forms.add(word[1:])
    for form in list(forms):
        if form.startswith("ال") and len(form) >= 4:
            forms.update({form[2:], "ل" + form[2:]})
        if form.startswith("لل") and len(form) >= 4:
            forms.add(form[2:])
    return {_collapse("".join(_ARABIC.get(char, "") for char in form)) for form in forms} - {""}


def consonants(sounds: str) -> str:
    return _collapse(sounds.replace("V", ""))


def spells(arabic: str, latin: str, latin_word: str) -> bool:
    """Whether an Arabic word's sounds (`arabic_sounds`) may be written as a Latin word's (`latin_sounds`):
    the same consonants in the same order, each long vowel Arabic writes a vowel in the Latin word too
    (which also writes short ones), and a Latin word that opens with a vowel opens an Arabic one with
    its letter ("Amazdar" is "أمزدار", not "مستديرة")."""
    if fold(latin_word)[:1] in "aeiou" and not arabic.startswith("V"):
        return False
    position = 0
    for sound in latin:
        if position < len(arabic) and sound == arabic[position]:
            position += 1
        elif sound != "V":
            return False
    return position == len(arabic)


@dataclass(frozen=True)
class NameSpellings:
    """The index's names by script and consonants: Latin names (capitalised words) and Arabic words,
    each with its sounds."""

    latin: dict[str, frozenset[tuple[str, str]]]  # consonants → (name, its sounds) of the documents' Latin names
    arabic: dict[str, frozenset[tuple[str, str]]]  # consonants → (word, its sounds) of the documents' Arabic words
    words: frozenset[str]  # every word of the documents, normalised (`rag.language.normalise`)

    @classmethod
    def of_texts(cls, texts) -> "NameSpellings":
        latin: dict[str, set[tuple[str, str]]] = defaultdict(set)
        arabic: dict[str, set[tuple[str, str]]] = defaultdict(set)
        seen: set[str] = set()
        words: set[str] = set()
        arabic_stops = stop_words("ar")
        for text in texts:
            for token in raw_tokens(text):
                if token in seen or token.isdigit():
                    continue
                seen.add(token)
                words.add(normalise(token))
                if is_arabic(token):
                    if len(token) >= 3 and normalise_arabic(token) not in arabic_stops:
                        for sounds in arabic_sounds(token):
                            arabic[consonants(sounds)].add((token, sounds))
                elif _is_name(token):
                    sounds = latin_sounds(token)
                    latin[consonants(sounds)].add((token, sounds))
        return cls(*({k: frozenset(v) for k, v in table.items() if len(k) >= MIN_CLASSES} for table in (latin, arabic)), frozenset(words))

    @classmethod
    def of_index(cls, index) -> "NameSpellings":
        """Read once per loaded index (`rag.index.LoadedIndex`), kept on it."""
        if index._name_spellings is None:
            index._name_spellings = cls.of_texts(chunk.text for chunk in index.chunks)
        return index._name_spellings

    def other_script(self, word: str) -> tuple[str, ...]:
        """The words of the other script that may spell `word`: "ورزازات" → ("Ouarzazate",); none
        when it has fewer than three consonants or more than a few words may spell it."""
        found: set[str] = set()
        if is_arabic(word):
            for sounds in arabic_sounds(word):
                found.update(name for name, theirs in self.latin.get(consonants(sounds), ()) if spells(sounds, theirs, name))
        elif _is_name(word):
            sounds = latin_sounds(word)
            found.update(other for other, theirs in self.arabic.get(consonants(sounds), ()) if spells(theirs, sounds, word))
        return tuple(sorted(found)) if len(found) <= MAX_SPELLINGS else ()

    def spans(self, text: str, translated: list[tuple[int, int, tuple[str, ...]]]) -> list[tuple[int, int, tuple[str, ...]]]:
        """(position, position + 1, spellings) for each word of `text` (over `raw_tokens`) that the
        lexicon did not translate (`translated`: its spans), the documents do not write in its own
        script, and the other script spells."""
        covered = {position for first, end, _ in translated for position in range(first, end)}
        found = []
        for position, token in enumerate(raw_tokens(text)):
            if position in covered or token.isdigit() or not analyse(token):  # a stop word is no name
                continue
            if normalise(token) in self.words or strip_arabic_prefix(normalise(token)) in self.words:
                continue  # a word the documents write in its own script: an ordinary word, or a name found as typed
            spellings = self.other_script(token)
            if spellings:
                found.append((position, position + 1, spellings))
        return found


def _is_name(token: str) -> bool:
    """A capitalised Latin word of four letters or more, not an acronym."""
    return token[:1].isupper() and len(token) >= 4 and not token.isupper()
