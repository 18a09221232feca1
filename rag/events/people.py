"""Who organises an event and who presides it, as a text says so.

The organiser follows "organisé par", "à l'initiative de", "initié par", "organized by", "hosted
by", "بتنظيم من", "تنظمه", "من تنظيم" (a society's name, with its acronym), or is the subject of
"organise / a organisé / organizes" ("La Société fictive de … (SFN) a annoncé l'organisation").
The president is the person (a title and capitalised words: "Pr Leila Inventaire", "Dr. Samir
Imaginé", "الدكتور …") beside "président(e) du congrès / de la Société…", "présidé par", "sous la
presidence de", "chaired by", "president of", "رئيس المؤتمر", "برئاسة"; the office itself
("présidente de la SNPF") is kept with the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_WORD = r"(?:[A-ZÀ-ÝŒ][\w’'-]+|[A-Z]\.)"
_PARTICLE = r"(?:de|el|El|ben|Ben|Ait|Aït|Ould|ould|Abdel|Abou|Bou|bin|Bin|van|Van|von|da|dos|ibn|Ibn|Al|al)"
_PERSON_NAME = rf"{_NAME_WORD}(?:[ -](?:{_PARTICLE}[ -])?{_NAME_WORD}){{1,3}}"
_TITLE = r"(?:(?:le |la |the )?(?:Pr\.?|Prof\.?|Professeur|Professor|Dr\.?|Docteur|Doctor|Mme\.?|M\.|Mr\.?|Mrs\.?|Ms\.?|Madame|Monsieur)\s+)"
_ARABIC_TITLE = r"(?:الدكتور|الدكتورة|البروفيسور|البروفيسورة|الأستاذ|الأستاذة|السيد|السيدة|د\.)"
_ARABIC_PERSON = rf"{_ARABIC_TITLE}\s+(?:[\u0621-\u064A\u0640\u064B-\u065F]+\s?){{2,3}}"

_ORG_WORD = r"(?:[A-ZÀ-ÝŒ][\w’'-]*|de|du|des|d’|d'|la|le|l’|l'|et|of|the|and|for|en|pour|[a-zà-ÿ][\w’'-]*)"
# A society's name: capitalised first, then its words (lower case allowed: "Société fictive de
# pneumologie fictive"), an acronym in brackets at the end; cut at a comma, a verb or a date.
_ORGANISATION = rf"[A-ZÀ-ÝŒ][\w’'-]*(?:\s+{_ORG_WORD}){{0,11}}(?:\s*\([A-Z][\w-]{{1,12}}\))?"

_ORGANISER_AFTER = re.compile(
    rf"(?i:organis[ée]e?s?|organiz(?:ed)?|initi[ée]e?s?|hosted|convened|co-organis[ée]e?s?)\s+(?i:par|by)\s+(?:la\s+|le\s+|l[’']\s*|les\s+|the\s+)?"
    rf"(?P<name>{_ORGANISATION})(?=[\s,.;:)]|$)"
    rf"|(?i:à|a)\s+l[’']initiative\s+(?:de\s+la\s+|du\s+|de\s+l[’']\s*|des\s+|de\s+)(?P<name2>{_ORGANISATION})(?=[\s,.;:)]|$)",
)
_ORGANISER_SUBJECT = re.compile(
    r"(?:^|[.\n]\s*|\b(?:La|Le|L[’']|The)\s+)(?P<name>(?:Société|Association|Fédération|Collège|Ordre|Syndicat|Faculté|Fondation|Ligue|Union|Conseil|Amicale|Club|Académie|Society|Association|Federation|College|Foundation|Union|Academy)\b[^.,;:\n]{3,120}?\([A-Z][\w-]{1,12}\))"
    r"\s*(?:,\s*)?(?:organise|organisait|organisera|a organisé|a annoncé l[’']organisation|tient|tiendra|a tenu|organizes|organized|will hold|held|hosts|hosted)\b",
)
_ARABIC_ORGANISER = re.compile(
    r"(?:بتنظيم من|من تنظيم|بتنظيم|تنظمه|تنظمها|نظمته|نظمتها|ينظمه|ينظمها|الذي تنظمه|التي تنظمها|الذي نظمته)\s+"
    r"(?P<name>(?:[\u0621-\u064A\u0640\u064B-\u065F]+|\([A-Za-z]{2,12}\)|[A-Z]{2,12})(?:\s+(?:[\u0621-\u064A\u0640\u064B-\u065F]+|\([A-Za-z]{2,12}\)|[A-Z]{2,12})){0,7})"
)
_ARABIC_NAME_ENDS = ("في", "يوم", "يومي", "من", "تحت", "بمشاركة", "بحضور", "وذلك", "حول", "بمدينة", "بشراكة", "بتعاون")

_OFFICE = r"(?:présidente?|president|chairman|chairwoman|chair|chairperson)"
_PRESIDENT_AFTER = re.compile(
    rf"(?:présidée?s?\s+par|sous\s+la\s+présidence\s+(?:effective\s+)?(?:de\s+|du\s+|d[’']\s*)|chaired\s+by|presided\s+(?:over\s+)?by|under\s+the\s+chairmanship\s+of)\s*"
    # an office may come first: "présidée par la ministre fictive de la Santé, Nadia Imaginaire"
    rf"(?:(?:le|la|l[’']|the)\s*(?P<office>[a-zà-ÿ][^,.;:\n]{{2,80}}),\s*)?"
    rf"(?:{_TITLE})?(?P<name>{_PERSON_NAME})"
)
# "Pr X, président du congrès", "X, president of the …"
_NAME_THEN_OFFICE = re.compile(
    rf"(?:{_TITLE})?(?P<name>{_PERSON_NAME}),?\s+(?:l[ea]\s+|the\s+)?(?P<office>{_OFFICE}e?\s+(?:du|de\s+la|de\s+l[’']|des|de|of\s+the|of)\s+[^,.;:\n]{{2,90}})"
)
# "la présidente de la SNPF, Pr Leila Inventaire", "President of the congress, Prof. X"
_OFFICE_THEN_NAME = re.compile(
    rf"(?P<office>\b{_OFFICE}e?\s+(?:du|de\s+la|de\s+l[’']|des|de|of\s+the|of)\s+[^,.;:\n]{{2,90}}?),\s*(?:{_TITLE})?(?P<name>{_PERSON_NAME})"
)
_ARABIC_PRESIDENT = re.compile(
    rf"(?P<office>(?:رئيس|رئيسة)\s+(?:المؤتمر|الجمعية|اللجنة\s+المنظمة|اللجنة\s+العلمية|الجامعة|الهيئة|النقابة|الفيدرالية|نقابة\s+[\u0621-\u064A]+)(?:\s+[\u0621-\u064A]+)?)[،,]?\s+(?P<name>{_ARABIC_PERSON})"
    rf"|(?P<name2>{_ARABIC_PERSON})[،,]?\s+(?P<office2>(?:رئيس|رئيسة)\s+(?:المؤتمر|الجمعية|اللجنة\s+المنظمة|الجامعة|النقابة|نقابة\s+[\u0621-\u064A]+)(?:\s+[\u0621-\u064A]+)?)"
    rf"|برئاسة\s+(?P<name3>{_ARABIC_PERSON})"
)
# Capitalised words that begin a sentence or an office, not a person's name
_NOT_A_NAME = frozenset({
    "Le", "La", "Les", "The", "Pour", "Selon", "Dans", "Lors", "Il", "Elle", "Ce", "Cette", "Sa", "Son", "Sous", "Au", "En",
    "According", "In", "At", "For", "His", "Her", "Président", "Présidente", "President", "Ministre", "Minister", "Société",
    "Association", "Congrès", "Congress", "Majesté", "Majesty", "Roi", "King", "Royal", "Haut", "High", "Sa Majesté",
})


@dataclass(frozen=True)
class Named:
    """A name a text gives (an organisation or a person), its offsets, and the office it is given there."""

    name: str
    start: int
    end: int
    office: str = ""


_ORGANISATION_ENDS = re.compile(
    r"\s+(?:sous|avec|à|au|aux|en\s+(?:partenariat|collaboration|présence|marge)|dans|pour|afin|lors|depuis|pendant|durant|qui|que|dont"
    r"|a|ont|est|sont|sera|se|s[’']|et\s+(?:placée?|sous|la|le|les|en|a|ont)|in|under|with|on|at|which|who|for|from|during|and\s+(?:the|will|is)"
    r"|du\s+\d|le\s+\d|les\s+\d|le\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|cette|ce|cet)\b",
    re.I,
)


def _trim_organisation(name: str) -> str:
    """A society's name without the words that follow it in the sentence ("…(SNPF) sous le thème")."""
    name = _ORGANISATION_ENDS.split(name)[0]
    return re.sub(r"[\s,’'-]+$|\s+(?:de|du|des|d|la|le|l|et|of|the|and|for|en)$", "", name).strip()


def organisers_in(text: str) -> list[Named]:
    """Every organiser the text names, in the order written."""
    found = []
    for match in _ORGANISER_AFTER.finditer(text):
        group = "name" if match.group("name") else "name2"
        name = _trim_organisation(match.group(group))
        if len(name) >= 3:
            found.append(Named(name, match.start(group), match.start(group) + len(name)))
    for match in _ORGANISER_SUBJECT.finditer(text):
        name = match.group("name").strip()
        found.append(Named(name, match.start("name"), match.start("name") + len(name)))
    for match in _ARABIC_ORGANISER.finditer(text):
        words = match.group("name").split()
        kept = []
        for word in words:
            if word in _ARABIC_NAME_ENDS:
                break
            kept.append(word)
        if kept:
            name = " ".join(kept)
            found.append(Named(name, match.start("name"), match.start("name") + len(name)))
    return sorted(found, key=lambda named: named.start)


def _person(name: str) -> str | None:
    words = name.split()
    while words and words[0] in _NOT_A_NAME:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


def presidents_in(text: str) -> list[Named]:
    """Every person the text says presides something (the congress, its society, its committee),
    with that office when written, in the order written."""
    found: list[Named] = []
    for match in _PRESIDENT_AFTER.finditer(text):
        name = _person(match.group("name"))
        if name:
            start = match.start("name") + match.group("name").find(name)
            found.append(Named(name, start, start + len(name), match.group("office") or "présidence"))
    for pattern in (_NAME_THEN_OFFICE, _OFFICE_THEN_NAME):
        for match in pattern.finditer(text):
            name = _person(match.group("name"))
            if name:
                start = match.start("name") + match.group("name").find(name)
                found.append(Named(name, start, start + len(name), _trim_organisation(match.group("office"))))
    for match in _ARABIC_PRESIDENT.finditer(text):
        group = next(g for g in ("name", "name2", "name3") if match.group(g))
        office = match.group("office") or match.group("office2") or "برئاسة"
        name = match.group(group).strip()
        found.append(Named(name, match.start(group), match.start(group) + len(name), office.strip()))
    unique: dict[int, Named] = {}
    for named in sorted(found, key=lambda n: n.start):
        if not any(abs(named.start - other.start) < 3 for other in unique.values()):
            unique[named.start] = named
    return list(unique.values())
