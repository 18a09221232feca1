"""Medical specialties a question names, and whether any document of the index names them.

"Où se tient le congrès de dermatologie ?" shares "congrès" and "où se tient" with every
document of a corpus that has no dermatology congress, and the nearest passage (the radiology
congress's city) would be a wrong answer. A question that names a specialty which no document
names, in any language (`rag/data/specialties.tsv`: French, English and Arabic forms of one
specialty), is refused; a specialty some document names is left to retrieval and the answerer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from rag.language import fold, normalise_arabic


def _normal(text: str) -> str:
    return normalise_arabic(fold(text)).lower()


@lru_cache(maxsize=1)
def _forms() -> dict[str, re.Pattern]:
    """specialty → one pattern of all its forms, each a whole word or phrase."""
    forms: dict[str, re.Pattern] = {}
    text = resources.files("rag").joinpath("data/specialties.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, spellings = line.partition("\t")
        words = {_normal(s.strip()) for s in spellings.split("|") if s.strip()}
        words |= {"لل" + w[2:] for w in words if w.startswith("ال")}  # "للأشعة": the article after the preposition li-
        ordered = sorted(words, key=len, reverse=True)
        forms[name] = re.compile(r"(?<![\w\u0621-\u064a])(?:(?:[وفبك]|ل)(?=[\u0621-\u064a]))?(?:" + "|".join(re.escape(w) for w in ordered)
                                 + r")(?![\w\u0621-\u064a])")
    return forms


def specialties_named(text: str) -> set[str]:
    normal = _normal(text)
    return {name for name, pattern in _forms().items() if pattern.search(normal)}


class Specialties:
    """The specialties the documents of an index name, to tell which ones a question names in vain."""

    def __init__(self, texts) -> None:
        self.named = set()
        for text in texts:
            self.named |= specialties_named(text)

    def unknown(self, question: str) -> set[str]:
        """The specialties the question names and no document does."""
        return specialties_named(question) - self.named
