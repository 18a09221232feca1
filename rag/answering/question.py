"""What the question asks for: the kind of answer ("quand / when / متى" asks for a date,
"combien / how many / كم" for a count, "qui / who / من" for a person…: `answer_type`, with the
pattern a sentence holding such an answer matches, `ANSWER_TYPES`), and whether it asks across
documents ("in which cities…", two editions at once: `asks_across_documents`)."""

from __future__ import annotations

import re

from rag.ranking import YEAR, numbers_named

_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"يناير|فبراير|مارس|أبريل|ابريل|ماي|مايو|يونيو|يوليوز|يوليو|غشت|أغسطس|شتنبر|سبتمبر|أكتوبر|نونبر|نوفمبر|دجنبر|ديسمبر"
)
ANSWER_TYPES: dict[str, tuple[re.Pattern, re.Pattern]] = {
    "price": (
        re.compile(
            r"\b(co[uû]t(?:e|es|ent|ait|aient|er|era|s)?|prix d.inscription|tarifs?|frais|budget|how much does|price|fees?|costs?)\b"
            r"|ثمن|سعر|رسوم|تكلفة|ميزانية",
            re.I,
        ),
        re.compile(r"\d[\d  .,]*\s*(dh|dhs|dirhams?|mad|€|euros?|\$|usd|dollars?)\b|gratuit\w*|free of charge|درهم|دراهم|أورو|يورو", re.I),
    ),
    "date": (
        re.compile(r"\b(quand|quelle date|quels? jours?|quelle ann[ée]e|en quelle|when|(?:what|which) (?:dates?|days?|year)|dates?)\b|متى|تاريخ|موعد|أي سنة|أي يوم|أي أيام|أيام انعقاد|أي شهر", re.I),
        re.compile(
            rf"\b(\d{{1,2}}(er|st|nd|rd|th)?\s+((au|et|to|and|-|و)\s*\d{{1,2}}\s+)?(of\s+)?({_MONTHS})|({_MONTHS})\s+\d{{1,2}}|({_MONTHS})\s+\d{{4}}|\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b",
            re.I,
        ),
    ),
    "count": (
        re.compile(r"\b(combien|nombre|how many|how much|number of)\b|كم|عدد", re.I),
        # a quantity: a number followed by what it counts, not a date ("450 participants", not "12 au 14 mars")
        # or a share ("3 %", "15 pour cent")
        re.compile(
            rf"\d+(?:[  .]\d{{3}})*\s+(?!(?:{_MONTHS})\b)[^\W\d_]{{4,}}|\d+(?:[.,]\d+)?\s*%|\b(pour ?cent|percent|per ?cent)\b|بالمائة|في المائة"
            r"|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|centaines?|milliers?)\b",
            re.I,
        ),
    ),
    "organiser": (
        re.compile(r"\b(organis\w*|organiz\w*|who (?:ran|hosted)|initiat\w*)\b|نظم|ينظم|المنظم|تنظيم", re.I),
        re.compile(
            r"\b(organis\w* par|organiz\w* by|organis\w* by|hosted by|à l.initiative|initiée? par|en partenariat avec|in partnership with)\b"
            r"|نظمت|نظمه|نظمها|بتنظيم|تنظمه|تنظمها|بشراكة|بتعاون",
            re.I,
        ),
    ),
    "person": (
        re.compile(r"\b(qui|who|whom|présid\w*|chair\w*|led|dirig\w*|speaker|intervenant)\b|^من |\sمن (هو|هي|ترأس|يترأس|نظم)|رئيس", re.I),
        re.compile(
            r"\b(Dr|Pr|Prof|Professeur|Professor|Docteur|Mme|M\.|président\w*|president|chair\w*|directeur|directrice|director|présidé\w*)\b"
            r"|الدكتور|الدكتورة|البروفيسور|الأستاذ|الأستاذة|رئيس|رئيسة|مدير|مديرة"
        ),
    ),
    "place": (
        re.compile(r"\b(où|villes?|lieux?|where|which (city|cities)|venues?|h[ôo]tel)\b|أين|مدينة|مدن|مكان", re.I),
        re.compile(
            r"\b(ville|à [A-ZÉÈ][\w-]+|in [A-Z][\w-]+|at the [A-Z][\w-]+|h[ôo]tel|palais|centre|campus|abrit\w*|accueill\w*|tenue?s?|réunis|held|hosted|took place"
            # places inside a venue: practical questions ("où retirer les badges ?")
            r"|salles?|hall|stands?|comptoir|accueil|guichet|desk|counter|rooms?|entrée|entrance|étage|niveau|floor|bâtiment|building|amphi\w*|auditorium|adresse|address)\b"
            r"|مدينة|احتضن|استضاف|انعقد|ينعقد|تنعقد|عقد في|قصر المؤتمرات|قاعة|جناح|مدخل|طابق|مكتب الاستقبال"
        ),
    ),
    "theme": (
        re.compile(r"\b(th[èé]m\w*|topics?|themes?|subjects?|sujets?|slogan|about)\b|موضوع|شعار|محور", re.I),
        re.compile(r"\b(th[èe]me|thématique|intitulé|sous le signe|autour d|axé|consacr|theme|entitled|focus|dedicated)\w*|شعار|موضوع|تحت عنوان|حول", re.I),
    ),
}
# "By how much / what share": a count question that a rate answers ("les demandes progressent de 4 % par an"), not a number of things
_ASKS_SHARE = re.compile(r"\b(de combien|by how much|quel(?:le)? (?:pourcentage|part|proportion)|what (?:percentage|share|proportion))\b|بكم|نسبة", re.I)


_ACROSS_DOCUMENTS = re.compile(
    r"\b(quel(le)?s (\w+ )?(villes|congrès|éditions|années|dates|journées|rencontres|événements|caravanes)|dans quelles|toutes les|tous les|liste[rz]?|"
    r"which (\w+ )?(cities|congresses|editions|years|events|meetings|caravans)|list|all (the )?(editions|congresses))\b"
    r"|أي المدن|ما هي المدن|جميع|كل الدورات|ما هي دورات|دورات",
    re.I,
)
# "which congresses are described…": what the documents cover, not one of them
_COVERED = re.compile(r"\b(couverts?|couvertes?|mentionn[ée]e?s|d[ée]crit(e?s)|cit[ée]e?s|évoqu[ée]e?s|covered|described|mentioned|listed)\b|المذكورة|المذكورين|الواردة", re.I)


def asks_across_documents(question: str) -> bool:
    """Does the question ask for items that several documents hold: "in which cities…",
    "which congresses are described…", or two editions or years at once ("the 14th and 15th
    congresses": one report each)?"""
    if _ACROSS_DOCUMENTS.search(question) or _COVERED.search(question):
        return True
    named = numbers_named(question)
    return sum(n.endswith("e") for n in named) >= 2 or sum(bool(YEAR.fullmatch(n)) for n in named) >= 2


def answer_type(question: str) -> str | None:
    """What kind of answer the question wants. The interrogative that comes first decides
    ("أين انعقدت الدورة … التي تنظمها SCSR؟" asks where, not who organises), except that
    "qui a organisé" asks for the organiser, not for any person, and "combien coûte" for a price."""
    found = {name: match.start() for name, (asks, _) in ANSWER_TYPES.items() if (match := asks.search(question))}
    if not found:
        return None
    first = min(found, key=lambda name: (found[name], list(ANSWER_TYPES).index(name)))
    if first == "count" and "price" in found:  # "combien coûte…", "how much does … cost", "كم ثمن"
        return "price"
    return "organiser" if first == "person" and "organiser" in found else first


def asks_share(question: str) -> bool:
    """"De combien…", "by how much…", "what percentage…": a count question a rate answers."""
    return bool(_ASKS_SHARE.search(question))
