"""Abbreviations a document defines: "Société marocaine de médecine d'urgence (SMMU)".

Articles name a society in full once, then by its acronym; attendees ask either way. The
long form of each parenthesised acronym is found as Schwartz & Hearst do ("A simple algorithm
for identifying abbreviation definitions in biomedical text", PSB 2003): walking back from
the acronym's last letter, each letter is matched in the words before the parenthesis, the
first one at the start of a word, within min(|A| + 5, 2|A|) words.
"""

from __future__ import annotations

import re

from rag.language import fold

_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.-]{1,11})\s*\)")
_WORD = re.compile(r"\S+")


def long_form(acronym: str, before: str) -> str | None:
    """The long form of `acronym` at the end of `before` (the text preceding "(ACR)"), or None."""
    letters = [c for c in fold(acronym) if c.isalnum()]
    if len(letters) < 2:
        return None
    words = _WORD.findall(before)
    window = words[-min(len(letters) + 5, 2 * len(letters)):]
    text = fold(" ".join(window))
    s, position = len(letters) - 1, len(text) - 1
    while s >= 0:
        letter = letters[s]
        while position >= 0 and (text[position] != letter or (s == 0 and position > 0 and text[position - 1].isalnum())):
            position -= 1
        if position < 0:
            return None
        position -= 1
        s -= 1
    found = " ".join(window)[position + 1 :].strip(" ,;:")
    return found if len(found.split()) >= 2 else None


def definitions(text: str) -> dict[str, str]:
    """Acronym → long form, for every "long form (ACR)" of `text` (the first definition wins)."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        acronym = match.group(1).rstrip(".")
        if acronym in found:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        expansion = long_form(acronym, text[start : match.start()])
        if expansion:
            found[acronym] = expansion
    return found
