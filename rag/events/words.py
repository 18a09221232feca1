"""The words of a text with their offsets, as the event readers walk them: each word's text as
written, its normal form (`rag.language.normalise`: accents folded, Arabic letter forms unified)
and, when it is one, the ordinal it writes ("12ème", "XIVe", "4-ème", "deuxième", "الـ12",
"الحادي عشر": `rag.language.read_ordinals`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rag.language import normalise, read_ordinals
from rag.programme.date_names import WEEKDAYS, month_number

# A number with its ordinal ending ("3-ème", "1ère", "19ᵉ", "27th") is one word; else letters and digits.
# Arabic marks and tatweel stay inside their word ("للطبّ", "الـ12").
_WORD = re.compile(r"\d+[-‐‑]?(?:ème|eme|ère|ere|er|re|è|e|ᵉʳ|ᵉ|th|st|nd|rd)(?![^\W\d_])|(?:[^\W_]|[\u0610-\u061A\u0640\u064B-\u065F\u0670])+", re.UNICODE)


@dataclass(frozen=True)
class Word:
    text: str  # as written
    normal: str  # `normalise`d
    start: int
    end: int
    ordinal: int | None = None  # the edition it writes, as part of an ordinal
    numbering: bool = False  # an ordinal or one of its words ("الحادي عشر": both)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def arabic(self) -> bool:
        return "\u0600" <= self.text[:1] <= "\u06ff"


# Words that may be (part of) an ordinal: a number, a Roman numeral with its ending, an ordinal
# word's first letters in French or English, any Arabic word. Only runs of these are read by
# `read_ordinals` (the costly part of reading a text's words).
_MAYBE_ORDINAL = re.compile(
    r"\d|^[IVXLCDM]+(?:e|è|ème|eme|er|ère|re)$|[\u0600-\u06ff]|^(?:premi|deuxi|second|troisi|quatri|cinqui|sixi|septi|huiti|"
    r"neuvi|dixi|onzi|douzi|treizi|quatorzi|quinzi|seizi|vingt|trent|quarant|cinquant|unieme|first|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|twent|thirt|fort|fift)",
    re.I,
)


def words_of(text: str) -> list[Word]:
    """Every word of `text`, with the ordinals among them read (compounds: on their first word)."""
    found = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    raw = [unicodedata.normalize("NFKC", token).replace("-", "").replace("‐", "").replace("‑", "") for token, _, _ in found]
    ordinals: dict[int, int] = {}
    compounds: set[int] = set()
    run: list[int] = []
    for position in [*range(len(raw)), None]:  # runs of possible ordinal words, with a word of context after
        if position is not None and _MAYBE_ORDINAL.search(raw[position]):
            run.append(position)
            continue
        if run:
            first, last = run[0], min(len(raw), (position if position is not None else len(raw)) + 1)
            values, parts = read_ordinals(raw[first:last])
            ordinals.update({first + i: value for i, value in values.items()})
            compounds.update(first + i for i in parts)
            run = []
    return [Word(token, normalise(raw[i]), start, end, ordinals.get(i), i in ordinals or i in compounds)
            for i, (token, start, end) in enumerate(found)]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) of `text` holding [start, end)."""
    before = max(text.rfind(mark, 0, start) for mark in (". ", "\n", "! ", "? ", "؟", "。"))
    after = [i for i in (text.find(mark, end) for mark in (". ", "\n", "! ", "? ", "؟")) if i >= 0]
    return before + 1, (min(after) + 1 if after else len(text))


# Words that end a Latin name: verbs, prepositions and pronouns that follow an event's name in a sentence
ENDS = frozenset(normalise(word) for word in (
    "à", "a", "au", "aux", "qui", "que", "dont", "ont", "est", "sont", "sera", "seront", "s", "se", "sous", "avec", "dans",
    "lors", "pendant", "durant", "depuis", "par", "afin", "ou", "en", "cette", "ce", "cet", "ces", "il", "elle", "ils",
    "elles", "le", "les", "l", "un", "une", "aura", "va", "vient", "était", "avait", "fut", "prévu", "prévue", "qu",
    "in", "at", "which", "who", "that", "was", "were", "is", "are", "will", "has", "have", "had", "held", "took", "under",
    "with", "from", "by", "to", "this", "its", "their", "been", "being", "organised", "organized", "hosted", "during",
    "where", "on", "as", "ainsi",
))
# Participles and verbs that follow a name ("… ouverts vendredi", "… s'est achevé"), by their first letters
VERB_STEMS = tuple(normalise(word) for word in (
    "ouvert", "clotur", "tenu", "demarr", "organis", "organiz", "achev", "prevu", "lance", "inaugur", "initi", "consacr",
    "plac", "intitul", "reuni", "abrit", "accueil", "debut", "poursui", "prend", "conna", "rassembl", "marqu", "dedi",
    "open", "close", "launch", "begin", "began", "start", "end", "brought", "gather", "focus",
))
# Words that continue a name: its complements' prepositions and articles
LINKS = frozenset(normalise(word) for word in ("de", "du", "des", "d", "la", "l", "of", "the", "for", "sur", "en", "on", "&"))
AND = frozenset({"et", "and", "&"})  # link two capitalised words of one name ("… Pneumologie et d'Allergologie")
# French adjectives after a noun ("congrès international", "caravane médicale pluridisciplinaire"), by their endings
ADJECTIVE = re.compile(r"(?:al|ale|ales|aux|el|elle|els|elles|ain|aine|ains|aines|ique|iques|ien|ienne|iens|iennes|ais|aise|aises|if|ive|ifs|ives|aire|aires|oire|oires|eux|euse|euses|in|ine|ins|ines|ee|ees|ois|oise)$")
WEEKDAY_WORDS = frozenset(normalise(day) for days in WEEKDAYS.values() for day in days)
_MAX_NAME_WORDS = 14
NAME_STOPS = ",.;:!?()[]{}«»\"“”\n|/،؛"


def is_acronym(word: Word) -> bool:
    """"SNPF", "AFCS", "ICFM"; "CinéSanté" is not."""
    letters = [c for c in word.text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def name_end(words: list[Word], index: int, text: str, adjectives: bool = True, lowercase_after_link: bool = True) -> int:
    """The last word of a Latin name that starts at `index` ("Congrès international de la
    pneumologie de la SNPF", "Société Nord-Africaine de Pneumologie Fictive (SNPF)", "Palais des Congrès"):
    its capitalised words, its complements after "de / du / of / the…", the adjectives that
    follow a French noun (`adjectives`), up to a verb, another preposition, a date or punctuation."""
    last = index
    for ahead in range(index + 1, min(len(words), index + _MAX_NAME_WORDS)):
        word, before = words[ahead], words[ahead - 1]
        gap = text[before.end : word.start]
        if any(mark in NAME_STOPS for mark in gap) and not (gap.strip() == "(" and is_acronym(word)):
            break
        if word.text.isdigit() or word.arabic:
            break
        if gap in ("-", "‐", "‑") and ahead == last + 1:  # "pneumo-phtisiologie", "franco-marocain"
            last = ahead
            continue
        following = words[ahead + 1] if ahead + 1 < len(words) else None
        if word.normal in AND:  # "… Pneumologie et d'Allergologie", "… Néphrologie et de Dialyse"
            named = following
            if named is not None and named.normal in LINKS and ahead + 2 < len(words):
                named = words[ahead + 2]
            if named is None or not named.capitalised or named.ordinal is not None:
                break
            continue
        if word.normal in LINKS:
            if word.normal == "en" and not (following and following.capitalised):
                break
            continue
        if not word.capitalised and (word.normal in ENDS or word.normal.startswith(VERB_STEMS) or month_number(word.normal)
                                     or word.normal in WEEKDAY_WORDS):
            break
        adjective = adjectives and ahead == last + 1 and bool(ADJECTIVE.search(word.normal))
        if word.capitalised or is_acronym(word) or adjective or (before.normal in LINKS and lowercase_after_link):
            last = ahead
            continue
        break
    return last
