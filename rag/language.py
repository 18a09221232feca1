"""Language detection, normalisation and tokenisation into search terms.

One analyser serves documents and queries so that both land in the same term space:
- Latin script: lower case, accents folded, ligatures opened, elisions (`l'`, `d'`,
  `qu'`) removed, French/English stop words dropped, Snowball stemming in the
  document's language (queries are stemmed in every language of the corpus);
- Arabic script: diacritics and tatweel removed, alef/ya/ta marbuta forms unified,
  Arabic-Indic digits made ASCII, clitic prefixes stripped, Arabic stop words dropped,
  Snowball Arabic stemming;
- ordinals in any form (`2e`, `2ème`, `deuxième`, `2nd`, `second`, `IIe`, `الثانية`, `16es`)
  become one term (`2e`), so "the 2nd edition" can tell itself from "la 4e édition";
- words spelt two ways are spelt one way before stemming (`unify_spelling`): American and
  British English (`organized`/`organised`, `tumor`/`tumour`, `hematology`/`haematology`,
  `center`/`centre`), so a question and a document agree whichever spelling each uses.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

SUPPORTED_LANGUAGES = ("fr", "en", "ar")

_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_CHAR = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
_ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    # Persian letter forms keyboards type for Arabic ones, and the letters Maghrebi writing adds
    # for sounds Arabic lacks ("أڭادير", "ڤيتامين"), read as the Arabic letter most texts write
    "ک": "ك", "ی": "ي", "ې": "ي", "ۀ": "ه", "ہ": "ه", "ە": "ه",
    "ڭ": "ك", "ݣ": "ك", "گ": "ك", "ڤ": "ف", "ڢ": "ف", "پ": "ب", "چ": "ج",
})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_TOKEN = re.compile(r"[\w']+", re.UNICODE)
_ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}
_NUMERIC_ORDINAL = re.compile(r"^(\d{1,3})(?:e|eme|ème|è|er|ere|ère|re|nd|rd|th|st|°|es|emes|èmes|eres|ères|res)$")  # "16es journées" too
_ROMAN_ORDINAL = re.compile(r"^(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?:e|ème|eme|er|ère)$")
# One-letter numerals that, with an ordinal ending, are common words: "Le", "De", "Ce", "Me".
_ROMAN_LOOKALIKES = frozenset("LCDM")
# "3-ème", "3 - e": a number and its ordinal ending written apart.
_DETACHED_ORDINAL_ENDING = re.compile(r"(\d)\s?[-‐‑]\s?(?=(?:e|è|ème|eme|er|ère|ere|re)\b)")
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال")

_WORD_ORDINALS = {
    # French (accents folded)
    "premier": 1, "premiere": 1, "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3,
    "quatrieme": 4, "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8, "neuvieme": 9,
    "dixieme": 10, "onzieme": 11, "douzieme": 12, "treizieme": 13, "quatorzieme": 14,
    "quinzieme": 15, "seizieme": 16, "vingtieme": 20, "trentieme": 30,
    # English
    "first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "twentieth": 20, "thirtieth": 30,
    # Arabic (normalised, article stripped)
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
}
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def is_arabic(text: str) -> bool:
    letters = len(_ARABIC_CHAR.findall(text)) + len(_LATIN_CHAR.findall(text))
    return letters > 0 and len(_ARABIC_CHAR.findall(text)) / letters >= 0.3


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.FRENCH, Language.ENGLISH, Language.ARABIC, Language.SPANISH, Language.GERMAN, Language.ITALIAN, Language.PORTUGUESE
    ).build()


def warm_up_detector() -> None:
    """Load the statistical language detector (about a second) before the first question needs it."""
    _detector().detect_language_of("Programme scientifique du congrès national")


_FRENCH_CUES = frozenset(
    "le la les des du un une est sont et en y il elle ils ou qui quand quel quelle quels quelles comment combien pourquoi "
    "ce cette ces au aux sur pour avec dans par pas je vous nous on que quoi t se sa son ses mon ma mes".split()
)
_ENGLISH_CUES = frozenset(
    "the an is are was were of and who when where what which how why does do did on at for with by to can i my "
    "there their this that these it be will".split()
)


def detect_language(text: str, default: str = "fr") -> str:
    """ISO 639-1 code of `text`'s language; Arabic by script, others by lingua."""
    if is_arabic(text):
        return "ar"
    if not _LATIN_CHAR.search(text):
        return default
    words = [fold(token) for token in raw_tokens(text)]
    if len(words) <= 12:  # a short question: its function words say more than letter statistics ("Y a-t-il un parking ?")
        french = sum(word in _FRENCH_CUES for word in words)
        english = sum(word in _ENGLISH_CUES for word in words)
        if french != english and max(french, english) >= 2:
            return "fr" if french > english else "en"
    language = _detector().detect_language_of(text)
    if language is None:
        return default
    return language.iso_code_639_1.name.lower()


UNSUPPORTED_CUES = ("es", "it", "pt", "de")  # languages told apart by their words (`rag/data/cues/`)


@lru_cache(maxsize=None)
def cue_words(language: str) -> frozenset[str]:
    """Words that mark `language` against the others the chat meets (`rag/data/cues/<language>.txt`, folded)."""
    path = resources.files("rag") / "data" / "cues" / f"{language}.txt"
    words = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(fold(word) for word in words if word and not word.startswith("#"))


def _folded_words(text: str) -> list[str]:
    return [fold(token) for token in raw_tokens(text)]


def _own_words(text: str) -> list[str]:
    """The folded words of `text` that its writer chose, less those of names: a capitalised word after
    the first, and a small word between two capitalised ones ("of" and "and" in "African Congress of
    Dentistry and Implantology", "del" in "Hospital del Mar"), tell nothing of the question's language."""
    tokens = raw_tokens(text)
    capital = [bool(position) and token[:1].isupper() for position, token in enumerate(tokens)]  # the first: the sentence's
    return [fold(token) for position, token in enumerate(tokens)
            if not capital[position] and not (0 < position < len(tokens) - 1 and capital[position - 1] and capital[position + 1])]


@lru_cache(maxsize=1024)
def _best_guess(text: str) -> tuple[str | None, float]:
    """lingua's likeliest language for `text` and its confidence (0 to 1), or (None, 0.0)."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate ("\ud800") cannot cross into lingua
    best = max(_detector().compute_language_confidence_values(text), key=lambda value: value.value, default=None)
    return (None, 0.0) if best is None else (best.language.iso_code_639_1.name.lower(), best.value)


def unsupported_language(text: str, min_words: int = 3, min_confidence: float = 0.5) -> str | None:
    """The ISO 639-1 code of the language `text` is written in when it is clearly none of fr/en/ar
    ("¿Quién preside la Sociedad Marroquí de Radiología?" → "es", "Wann beginnt die Sitzung über
    Prostatakrebs?" → "de"), else None. Two witnesses must agree: the detector (lingua, at least
    `min_confidence`) names Spanish, Italian, Portuguese or German, and the text holds more words of
    that language than French or English ones (`rag/data/cues/`: `cuándo`, `chi`, `quem`, `wann`
    against `les`, `est`, `the`, `which`), or, the detector less sure, many more of them (three or more, two
    more than ours: "Wann ist der Kongress?"). Words the languages share (`la`, `en`, `que`, `il`) count
    for none, and a name ("Master Class en Hémostase") is no evidence either way. A text with Arabic
    letters or fewer than `min_words` words counts as supported."""
    if _ARABIC_CHAR.search(text) or not _LATIN_CHAR.search(text):
        return None
    if len(_folded_words(text)) < min_words:
        return None
    own = _own_words(text)
    if not any(word in cue_words(other) for other in UNSUPPORTED_CUES for word in own):
        return None  # no word of theirs: never one of them, and the detector is not needed
    code, confidence = _best_guess(text)
    if code not in UNSUPPORTED_CUES:
        return None
    theirs = sum(word in cue_words(code) for word in own)
    ours = sum(word in cue_words("fr") or word in cue_words("en") for word in own)
    # the detector sure and more of the language's words than ours, or many more of them ("Wann ist der Kongress?")
    clear = (confidence >= min_confidence and theirs > ours) or (theirs >= 3 and theirs >= ours + 2)
    return code if clear else None


def question_language(text: str, min_confidence: float = 0.6) -> str | None:
    """"fr", "en" or "ar" when `text` is clearly written in it, else None (another language, or too
    little to tell: "Lung cancer", a name alone). Arabic when its first word is Arabic or it ends on
    "؟", however many Latin letters the names inside it have ("من ينظم Master Class en Hémostase؟");
    French or English by their small words, counted over the whole question (a French title inside an
    English question does not make it French), else by the detector when it is sure."""
    if _ARABIC_CHAR.search(text):
        first = next((token for token in raw_tokens(text) if any(ch.isalpha() for ch in token)), "")
        if is_arabic(text) or _ARABIC_CHAR.search(first) or "؟" in text:
            return "ar"
    if not _LATIN_CHAR.search(text):
        return None
    words = _own_words(text)
    french = sum(word in _FRENCH_CUES or word in cue_words("fr") for word in words)
    english = sum(word in _ENGLISH_CUES or word in cue_words("en") for word in words)
    decided = max(french, english) >= 2 and max(french, english) >= 2 * min(french, english)
    own_cues = sum(word in cue_words("fr" if french > english else "en") for word in words)
    if decided and own_cues >= 2:  # two words no other language writes: told without the detector
        return "fr" if french > english else "en"
    if unsupported_language(text):
        return None
    code, confidence = _best_guess(text)
    if code in UNSUPPORTED_CUES and confidence >= 0.8:  # too few of its own words to say which, yet not ours
        return None
    if decided:
        return "fr" if french > english else "en"
    return code if code in ("fr", "en") and confidence >= min_confidence else None


def fold(text: str) -> str:
    """Lower case, Latin accents removed, ligatures opened, apostrophes unified."""
    text = text.translate(_APOSTROPHES).lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFD", text)
    kept = []
    for char in decomposed:
        if unicodedata.category(char) == "Mn" and not ("\u0600" <= char <= "\u06ff"):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def normalise_arabic(text: str) -> str:
    """Strip diacritics and tatweel, unify alef/ya/ta marbuta/hamza carriers, ASCII digits."""
    text = _ARABIC_DIACRITICS.sub("", text)
    return text.translate(_ARABIC_LETTERS).translate(_ARABIC_DIGITS)


@lru_cache(maxsize=100_000)
def normalise(text: str) -> str:
    """Language-independent normal form used for matching (folding + Arabic normalisation)."""
    return normalise_arabic(fold(text))


def strip_arabic_prefix(word: str) -> str:
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    if word[:1] in ("و", "ب", "ل", "ف", "ك") and len(word) >= 5 and word[1:3] == "ال":
        return word[3:]
    return word


def _roman_value(numeral: str) -> int:
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def ordinal_of(raw_token: str) -> int | None:
    """The number an ordinal token stands for (`4e`, `IVe`, `quatrième`, `4th`, `الرابعة`), else None."""
    match = _ROMAN_ORDINAL.match(raw_token)
    if match and match.group(1) and match.group(1) not in _ROMAN_LOOKALIKES:
        return _roman_value(match.group(1))
    token = normalise(raw_token)
    match = _NUMERIC_ORDINAL.match(token)
    if match:
        return int(match.group(1))
    if _ARABIC_CHAR.search(token):
        token = strip_arabic_prefix(token)
    return _WORD_ORDINALS.get(token)


_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40, "خمسين": 50, "خمسون": 50}
_UNIT_IN_COMPOUND = {"unieme": 1, "حادي": 1, "حاديه": 1}


def read_ordinals(tokens: list[str]) -> tuple[dict[int, int], set[int]]:
    """Ordinals among raw `tokens`, compounds included: `vingt-troisième`, `twenty-third`,
    `الثالث والعشرين` (23rd), `الحادي عشر` (11th). Returns (position → value, positions that
    are the other words of a compound)."""
    values: dict[int, int] = {}
    consumed: set[int] = set()

    def unit(position: int) -> int | None:
        if position >= len(tokens):
            return None
        token = normalise(tokens[position])
        token = strip_arabic_prefix(token) if _ARABIC_CHAR.search(token) else token
        value = _UNIT_IN_COMPOUND.get(token) or ordinal_of(tokens[position])
        return value if value is not None and value < 10 else None

    def tens(position: int) -> int | None:
        if position >= len(tokens):
            return None
        token = normalise(tokens[position])
        return _TENS.get(strip_arabic_prefix(token) if _ARABIC_CHAR.search(token) else token)

    for position in range(len(tokens)):
        if position in consumed:
            continue
        ten = tens(position)
        if ten is not None and not _ARABIC_CHAR.search(tokens[position]):  # vingt(-et)-unième, twenty-third
            step = 2 if position + 2 < len(tokens) and normalise(tokens[position + 1]) in ("et", "and") else 1
            one = unit(position + step)
            if one is not None:
                values[position] = ten + one
                consumed.update(range(position + 1, position + step + 1))
                continue
        one = unit(position)
        if one is not None and position + 1 < len(tokens) and _ARABIC_CHAR.search(tokens[position]):
            following = normalise(tokens[position + 1])
            if following in ("عشر", "عشره"):  # الحادي عشر, الثانية عشرة
                values[position], consumed = 10 + one, consumed | {position + 1}
                continue
            if following.startswith("و") and tens(position + 1) is not None:  # الثالث والعشرين
                values[position], consumed = one + tens(position + 1), consumed | {position + 1}
                continue
        value = ordinal_of(tokens[position])
        if value is not None:
            values[position] = value
    for position, value in _arabic_numbered_events(tokens):
        values.setdefault(position, value)
    return values, consumed


# Arabic numbers an event by its count after the noun: "المؤتمر 36" (the 36th congress),
# "الدورة الـ15" (the 15th session), "المؤتمر الطبي الوطني 41" (adjectives between).
_ARABIC_EVENT_NOUNS = ("موتمر", "دور", "نسخ", "ملتق", "طبع")


def _arabic_numbered_events(tokens: list[str]):
    """(position, value) of numbers that follow an Arabic event noun, read as its ordinal."""
    for position, token in enumerate(tokens):
        if not _ARABIC_CHAR.search(token) or not strip_arabic_prefix(normalise(token)).startswith(_ARABIC_EVENT_NOUNS):
            continue
        for following in range(position + 1, min(position + 4, len(tokens))):
            word = normalise(tokens[following])
            number = strip_arabic_prefix(word) if word.startswith("ال") else word
            if number.isdigit():
                if 0 < int(number) < 200:
                    yield following, int(number)
                break
            if not _ARABIC_CHAR.search(word):
                break


@lru_cache(maxsize=None)
def stop_words(language: str) -> frozenset[str]:
    path = resources.files("rag") / "data" / "stopwords" / f"{language}.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(normalise(line))
    return frozenset(words)


@lru_cache(maxsize=1)
def _latin_stop_words() -> frozenset[str]:
    return stop_words("fr") | stop_words("en")


@lru_cache(maxsize=None)
def _stemmer(language: str):
    import Stemmer

    name = {"fr": "french", "en": "english", "ar": "arabic", "es": "spanish", "de": "german", "it": "italian"}
    return Stemmer.Stemmer(name.get(language, "french"))


# Words written two ways, spelt one way in every language's terms. Each rule keeps French words
# as they are or changes them identically on both sides (documents and questions), and leaves
# short words whose ending only looks alike ("size", "prize", "jour", "four") untouched.
_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{4})iz(e|es|ed|ing|ation|ations|er|ers)$"), r"is\1"),  # organize, hospitalization
    (re.compile(r"(?<=[a-z]{2})yz(e|es|ed|ing|er|ers)$"), r"ys\1"),  # analyze, dialyzed
    (re.compile(r"(?<=[a-z]{2})our(s?)$"), r"or\1"),  # tumour, colour, honour, behaviour
    (re.compile(r"haem"), "hem"),  # haematology, haemorrhage, haemostasis
    (re.compile(r"(?<=[a-z])aemi"), "emi"),  # anaemia, leukaemia, ischaemia
    (re.compile(r"paed"), "ped"),  # paediatrics, orthopaedics
    (re.compile(r"aesth"), "esth"),  # anaesthesia, aesthetic (French esthétique)
    (re.compile(r"gynaec"), "gynec"),  # gynaecology
    (re.compile(r"^oe(?=soph|dem|str)"), "e"),  # oesophagus, oedema, oestrogen (French œsophage, œdème)
    (re.compile(r"^foet"), "fet"),  # foetus (French fœtus)
    (re.compile(r"^coel"), "cel"),  # coeliac (French cœliaque, céliaque)
    (re.compile(r"rrhoe"), "rrhe"),  # diarrhoea
)
# English only (French writes "centre", "programme" and "dialogue" as words of its own):
_ENGLISH_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{2}[^aeiou])re(s?)$"), r"er\1"),  # centre, theatre, fibre, litre
    (re.compile(r"(?<=[a-z]{3})mme(s?)$"), r"m\1"),  # programme
    (re.compile(r"(?<=[a-z]{3})ogue(s?)$"), r"og\1"),  # catalogue, dialogue
)


@lru_cache(maxsize=100_000)
def unify_spelling(folded: str, english: bool = False) -> str:
    """One spelling for a folded Latin word written two ways: "organized" → "organised",
    "tumour" → "tumor", "haematology" → "hematology"; with `english`, also the endings only
    English writes two ways ("centre" → "center", "programme" → "program")."""
    for pattern, replacement in _SPELLINGS + (_ENGLISH_SPELLINGS if english else ()):
        folded = pattern.sub(replacement, folded)
    return folded


def _stem_latin(folded: str, language: str) -> str:
    folded = unify_spelling(folded, english=language == "en")
    if language == "fr" and len(folded) > 4 and folded[-1] == "s" and folded[-2] not in "su":
        folded = folded[:-1]  # a plural is stemmed as its singular: Snowball gives "cancers" → "cancer" but "cancer" → "canc"
    stem = _stemmer(language).stemWord(folded)
    if language == "fr" and len(stem) > 3 and stem.endswith("e"):
        stem = stem[:-1]  # Snowball sees "presidee" and "preside" once accents are folded
    return stem


def has_words(text: str) -> bool:
    """Whether `text` holds a letter or a digit, in any script: "?????", emoji or punctuation alone
    ask nothing, and are met like an empty question, not with a passage."""
    return any(character.isalnum() for character in text)


def raw_tokens(text: str) -> list[str]:
    """Word tokens with elided articles removed (`l'édition` → `édition`), original case kept."""
    tokens = []
    # NFKC: "3ᵉ" (superscript ending) reads as "3e", presentation forms as plain letters
    text = _ARABIC_DIACRITICS.sub("", unicodedata.normalize("NFKC", text))  # marks would split words
    text = _DETACHED_ORDINAL_ENDING.sub(r"\1", text)
    for match in _TOKEN.finditer(text.translate(_APOSTROPHES)):
        for piece in _split_elision(match.group(0)):
            if piece:
                tokens.append(piece)
    return tokens


def _split_elision(token: str) -> list[str]:
    if "'" not in token:
        return [token]
    head, _, tail = token.partition("'")
    if head.lower() in _ELISIONS:
        return _split_elision(tail)
    if tail.lower() in {"s", ""}:  # English possessive
        return [head]
    return [head] + _split_elision(tail)


def analyse(text: str, stem_languages: tuple[str, ...] = ("fr",)) -> list[str]:
    """Search terms of `text`. Latin words are stemmed in each of `stem_languages` (deduplicated per word)."""
    return list(_analysed(text, tuple(stem_languages)))


@lru_cache(maxsize=8_192)
def _analysed(text: str, stem_languages: tuple[str, ...]) -> tuple[str, ...]:
    """`analyse`, remembered: the same sentences are analysed again for every question that
    reaches them. Bounded so that ingest, which analyses every passage once, keeps at most a
    few tens of MB here (8,192 texts of at most ~1,700 characters and their terms)."""
    terms: list[str] = []
    latin_stops = _latin_stop_words()
    arabic_stops = stop_words("ar")
    tokens = raw_tokens(text)
    ordinals, compound_parts = read_ordinals(tokens)
    for position, raw in enumerate(tokens):
        if position in compound_parts:
            continue
        if position in ordinals:
            terms.append(f"{ordinals[position]}e")
            continue
        token = normalise(raw)
        if _ARABIC_CHAR.search(token):
            if token in arabic_stops:
                continue
            token = strip_arabic_prefix(token)
            if token in arabic_stops or len(token) < 2:
                continue
            terms.append(_stemmer("ar").stemWord(token))
        elif token.isdigit():
            terms.append(token.lstrip("0") or "0")
        else:
            if token in latin_stops or len(token) < 2 and not token.isalnum():
                continue
            stems = {_stem_latin(token, language) for language in stem_languages}
            terms.extend(sorted(stems))
    return tuple(terms)


# Changed with the analyser's rules (spellings, ordinals, letter forms) so that indexes rebuild.
_ANALYSER_RULES = "2: spellings unified, plural ordinals, Maghrebi and Persian letter forms"


@lru_cache(maxsize=1)
def analyser_digest() -> str:
    """A digest of the analyser's rules and data (stop words, lexicons): an index built with
    others is rebuilt, since its lexical terms would no longer match the questions'."""
    import hashlib

    digest = hashlib.sha1()
    digest.update(_ANALYSER_RULES.encode())
    data = resources.files("rag") / "data"
    for folder in ("stopwords", "lexicon"):
        for item in sorted((data / folder).iterdir(), key=lambda entry: entry.name):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    return digest.hexdigest()[:12]
