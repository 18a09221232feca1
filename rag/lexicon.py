"""Cross-lingual query expansion from the curated lexicons in `rag/data/lexicon/`.

Attendees ask in English or Arabic about French texts. Names, acronyms, numbers and
dates cross languages by themselves; congress vocabulary does not, so the query is
expanded with the French terms of a small bilingual lexicon (`en_fr.tsv`, `ar_fr.tsv`:
`source<TAB>french|french`). Matching is on normalised words (accents, Arabic letter
forms, the Arabic article and clitics, English plurals), longest phrase first.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rag.language import normalise, raw_tokens, strip_arabic_prefix

_MAX_PHRASE_WORDS = 4
_PROCLITICS = ("و", "ب", "ل", "ف", "ك")
LEXICON_FILES = {"en": "en_fr.tsv", "ar": "ar_fr.tsv"}


def _key_word(word: str) -> str:
    word = normalise(word)
    if word and "\u0600" <= word[0] <= "\u06ff":
        return strip_arabic_prefix(word)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _key(words: list[str]) -> str:
    return " ".join(_key_word(word) for word in words)


@lru_cache(maxsize=None)
def load_lexicon(language: str) -> dict[str, tuple[str, ...]]:
    """Normalised source phrase → French terms, for queries in `language` ({} if none ships)."""
    name = LEXICON_FILES.get(language)
    if name is None:
        return {}
    path = resources.files("rag") / "data" / "lexicon" / name
    entries: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        source, targets = line.split("\t", 1)
        key = _key(raw_tokens(source))
        if not key:
            continue
        bucket = entries.setdefault(key, [])
        for target in targets.split("|"):
            target = target.strip()
            if target and target not in bucket:
                bucket.append(target)
    return {key: tuple(targets) for key, targets in entries.items()}


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
            if targets:
                found.append((index, index + size, targets))
                index += size
                break
        else:
            index += 1
    return found


def expand(question: str, language: str) -> list[str]:
    """French terms for the lexicon phrases found in `question` (empty for French questions)."""
    terms: list[str] = []
    for _, _, targets in translations(question, language):
        terms.extend(target for target in targets if target not in terms)
    return terms
