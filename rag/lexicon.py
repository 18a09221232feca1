"""Cross-lingual query expansion from the curated lexicons in `rag/data/lexicon/`.

Attendees ask in English or Arabic about French texts. Names, acronyms, numbers and
dates cross languages by themselves; congress vocabulary does not, so the query is
expanded with the French terms of a small bilingual lexicon (`en_fr.tsv`, `ar_fr.tsv`:
`source<TAB>french|french`). Matching is on normalised words (accents, Arabic letter
forms, the Arabic article and clitics, English plurals, American and British spellings:
`rag.language.unify_spelling`), longest phrase first.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rag.language import normalise, raw_tokens, strip_arabic_prefix, unify_spelling

_MAX_PHRASE_WORDS = 4
_PROCLITICS = ("و", "ب", "ل", "ف", "ك")
LEXICON_FILES = {"en": "en_fr.tsv", "ar": "ar_fr.tsv"}


def _key_word(word: str) -> str:
    word = normalise(word)
    if word and "\u0600" <= word[0] <= "\u06ff":
        return strip_arabic_prefix(word)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return unify_spelling(word, english=True)  # one entry serves "organize" and "organise", "center" and "centre"


def _key(words: list[str]) -> str:
    return " ".join(_key_word(word) for word in words)


def _read(name: str) -> list[tuple[str, list[str]]]:
    path = resources.files("rag") / "data" / "lexicon" / name
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        source, targets = line.split("\t", 1)
        entries.append((source.strip(), [t.strip() for t in targets.split("|") if t.strip()]))
    return entries


@lru_cache(maxsize=1)
def _arabic_for_french() -> dict[str, list[str]]:
    """French term → Arabic words, ar_fr.tsv read backwards (to reach Arabic documents)."""
    reverse: dict[str, list[str]] = {}
    for source, targets in _read(LEXICON_FILES["ar"]):
        for target in targets:
            bucket = reverse.setdefault(_key(raw_tokens(target)), [])
            if source not in bucket:
                bucket.append(source)
    return reverse


def arabic_name(french: str) -> str | None:
    """The Arabic the lexicon gives for a French name as a whole ("Casablanca" → "الدار البيضاء"),
    its longest spelling; None when the lexicon does not know it."""
    spellings = _arabic_for_french().get(_key(raw_tokens(french)), [])
    return max(spellings, key=len) if spellings else None


@lru_cache(maxsize=None)
def load_lexicon(language: str) -> dict[str, tuple[str, ...]]:
    """Normalised source phrase → terms in the corpus languages, for queries in `language`:
    English → French (and on to Arabic), Arabic → French, French → Arabic ({} otherwise)."""
    if language == "fr":
        return {key: tuple(words) for key, words in _arabic_for_french().items() if key}
    name = LEXICON_FILES.get(language)
    if name is None:
        return {}
    arabic = _arabic_for_french() if language == "en" else {}
    entries: dict[str, list[str]] = {}
    for source, targets in _read(name):
        key = _key(raw_tokens(source))
        if not key:
            continue
        bucket = entries.setdefault(key, [])
        for target in [*targets, *(word for t in targets for word in arabic.get(_key(raw_tokens(t)), []))]:
            if target not in bucket:
                bucket.append(target)
    return {key: tuple(targets) for key, targets in entries.items()}


_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا")  # its, their, your, our: "مؤتمرها"


def _without_pronoun(word: str) -> list[str]:
    """An Arabic word (normalised) without the possessive pronoun attached to it, for a lexicon
    that lists the bare noun: "موتمرها" → "موتمر"; a ta marbuta comes back ("دورتها" → "دوره")."""
    for suffix in _PRONOUN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and "\u0600" <= word[0] <= "\u06ff":
            bare = word[: -len(suffix)]
            return [bare[:-1] + "ه", bare] if bare.endswith("ت") else [bare]
    return []


def translations(question: str, language: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Lexicon phrases found in `question`: (first token, end token, French terms), token
    positions counted over `raw_tokens(question)`; longest phrase first."""
    lexicon = load_lexicon(language)
    if not lexicon:
        return []
    words = [_key_word(token) for token in raw_tokens(question)]
    found: list[tuple[int, int, tuple[str, ...]]] = []
    index = 0
    while index < len(words):
        for size in range(min(_MAX_PHRASE_WORDS, len(words) - index), 0, -1):
            phrase = words[index : index + size]
            targets = lexicon.get(" ".join(phrase))
            if not targets and phrase[0][:1] in _PROCLITICS and len(phrase[0]) >= 4:
                targets = lexicon.get(" ".join([phrase[0][1:], *phrase[1:]]))  # بمراكش → مراكش
            for bare in [] if targets else _without_pronoun(phrase[-1]):
                targets = lexicon.get(" ".join([*phrase[:-1], bare]))  # مؤتمرها → مؤتمر, دورتها → دورة
                if targets:
                    break
            if targets:
                found.append((index, index + size, targets))
                index += size
                break
        else:
            index += 1
    return found


def expand(question: str, language: str) -> list[str]:
    """Terms for the lexicon phrases found in `question`, in the other corpus languages."""
    terms: list[str] = []
    for _, _, targets in translations(question, language):
        terms.extend(target for target in targets if target not in terms)
    return terms
