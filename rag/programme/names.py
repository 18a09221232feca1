"""Person names across scripts: "الإدريسي" in an Arabic question and "El Idrissi" in a
programme are the same consonants. Both sides are reduced to a consonant skeleton (vowels,
which Arabic mostly leaves unwritten, dropped; French spellings of Arabic sounds unified:
ch → sh, ou → w, kh → x, gh → g) and compared."""

from __future__ import annotations

import re

from rag.language import fold, normalise_arabic

_ARABIC_CONSONANTS = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s",
    "ش": "$", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "و": "", "ي": "", "ا": "", "ء": "", "ئ": "", "ؤ": "", "ى": "", "ة": "",
})
TITLES = frozenset({"pr", "prof", "professeur", "professor", "dr", "docteur", "doctor", "mme", "mr", "m", "mrs", "ms"})
_LATIN_SKIPPED = TITLES | {"el", "al"}
_LATIN_SOUNDS = (("kh", "x"), ("gh", "g"), ("ch", "$"), ("sh", "$"), ("dj", "j"), ("ou", ""), ("q", "k"), ("c", "k"), ("w", ""))
ARABIC_HONORIFICS = frozenset(normalise_arabic(word) for word in (
    "الدكتور", "الدكتورة", "البروفيسور", "البروفيسورة", "الأستاذ", "الأستاذة", "السيد", "السيدة", "بروفيسور", "دكتور", "د", "ذ"))


def _squeeze(skeleton: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton)


def latin_skeleton(name: str) -> str:
    """"Ghita Chraïbi" → "gt $rb"."""
    words = []
    for word in re.findall(r"[a-z]+", fold(name)):
        if word in _LATIN_SKIPPED:
            continue
        for written, sound in _LATIN_SOUNDS:
            word = word.replace(written, sound)
        words.append(_squeeze(re.sub(r"[aeiouy]", "", word)))
    return " ".join(w for w in words if w)


def arabic_skeleton(word: str) -> str:
    """"الشرايبي" → "$rb": the article and long vowels dropped, consonants in Latin."""
    word = normalise_arabic(word)
    for article in ("وال", "بال", "لل", "ال"):
        if word.startswith(article) and len(word) > len(article) + 2:
            word = word[len(article):]
            break
    word = word.rstrip("ه") if len(word) > 3 else word  # a final ta marbuta
    return _squeeze(word.translate(_ARABIC_CONSONANTS))


def arabic_name_skeletons(text: str) -> list[tuple[str, bool]]:
    """(skeleton, follows a title such as الدكتور) of each Arabic word of `text`, titles left out."""
    words = re.findall(r"[\u0621-\u064a]+", normalise_arabic(text))
    found, titled = [], False
    for word in words:
        if word in ARABIC_HONORIFICS:
            titled = True
            continue
        skeleton = arabic_skeleton(word)
        if skeleton:
            found.append((skeleton, titled))
        titled = False
    return found


def name_skeletons(names) -> dict[str, list[str]]:
    """Each name's consonant skeleton, word by word (computed once per programme)."""
    return {name: parts for name in names if (parts := latin_skeleton(name).split())}


def named_in_arabic(text: str, skeletons: dict[str, list[str]]) -> set[str]:
    """The names (Latin script, with their `name_skeletons`) that an Arabic `text` writes: the
    whole name, or the surname alone when it is distinctive (4 consonants or more) or
    follows a title."""
    words = arabic_name_skeletons(text)
    if not words:
        return set()
    written = [skeleton for skeleton, _ in words]
    found = set()
    for name, parts in skeletons.items():
        size = len(parts)
        if size > 1 and any(written[i:i + size] == parts for i in range(len(written) - size + 1)):
            found.add(name)
            continue
        surname = parts[1:] or parts
        span = len(surname)
        if any(written[i:i + span] == surname and (len("".join(surname)) >= 4 or words[i][1]) for i in range(len(written) - span + 1)):
            found.add(name)
    return found
