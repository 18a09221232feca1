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
    # "Who won the prize": a sentence that says who won (awarded to, laureate), not one announcing prizes to come
    "winner": (
        re.compile(r"\b(remport\w*|gagn[ée]\w*|gagnant\w*|lauréat\w*|won|wins|winners?|win)\b|\bà qui .{0,40}\b(décern|attribu)|فاز|فازت|الفائز|الفائزة|الفائزين|توج", re.I),
        re.compile(
            r"\b(remport\w*|gagn[ée]\w*|gagnant\w*|lauréat\w*|décerné\w* (?:à|aux|au)|attribué\w* (?:à|aux|au)|won|winners?|"
            r"(?:was|were|been) awarded|went to|received the|a reçu|ont reçu|a obtenu|ont obtenu)\b"
            r"|فاز|فازت|الفائز|الفائزة|الفائزين|توج|تتويج|نال|نالت|حصل على جائزة|حصلت على جائزة",
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


_MODIFIER = r"(?:(?!(?:le|la|les|l|du|des|de|d|the|of|at|in|on|a|an|is|are|was|were|did|do|does|those|these|this|that)\b)[\w’'-]+ )"
_ACROSS_DOCUMENTS = re.compile(
    rf"\b(quel(le)?s {_MODIFIER}?(villes|congrès|éditions|années|dates|journées|rencontres|événements|évènements|caravanes|salons|"
    rf"manifestations|colloques|conférences|expositions)|dans quelles|toutes les|tous les|liste[rz]?|"
    rf"(which|what) {_MODIFIER}{{0,3}}(cities|congresses|conferences|editions|years|events|meetings|caravans|fairs|exhibitions)|list|"
    rf"all (the )?(editions|congresses)|(at|in|of|across|during) (the )?{_MODIFIER}{{0,2}}congresses|editions|éditions|caravans|caravanes)\b"
    r"|أي المدن|ما هي المدن|أي مدن|جميع|كل الدورات|ما هي دورات|دورات"
    # Arabic plurals only several events make ("ما هي القوافل الطبية…", "المؤتمرات الوطنية…")
    r"|المؤتمرات|مؤتمرات|الدورات|القوافل|قوافل|المعارض|معارض|التظاهرات|الملتقيات|ملتقيات",
    re.I,
)
# "which congresses are described…": what the documents cover, not one of them
_COVERED = re.compile(
    r"\b(couverts?|couvertes?|mentionn[ée]e?s|d[ée]crit(e?s)|cit[ée]e?s|évoqu[ée]e?s|covered|described|mentioned|listed|"
    r"selon les (articles|documents)|according to the (articles|documents)|in the documents)\b|المذكورة|المذكورين|الواردة|في الوثائق",
    re.I,
)


def asks_across_documents(question: str) -> bool:
    """Does the question ask for items that several documents hold: "in which cities…",
    "which congresses are described…", "which pulmonology congresses…", events in a plural
    one event cannot make ("at SNPF congresses", "ما هي القوافل الطبية…"), or two editions or years
    at once ("the 14th and 15th congresses": one report each)?"""
    if _ACROSS_DOCUMENTS.search(question) or _COVERED.search(question):
        return True
    named = numbers_named(question)
    return sum(n.endswith("e") for n in named) >= 2 or sum(bool(YEAR.fullmatch(n)) for n in named) >= 2


# That an event took place, in any words: no document needs to use the question's
_TOOK_PLACE = re.compile(
    r"\b(tenu\w*|tiendr\w*|d[ée]roul\w*|eu lieu|a lieu|ont lieu|auront lieu|aura lieu|accueilli\w*|abrit[ée]\w*|organis[ée]\w*|"
    r"held|took place|take place|taken place|hosted|organi[sz]ed)\b|انعقد\w*|عقد\w*|احتضن\w*|نظم\w*|المنظم\w*|المنعقد\w*",
    re.I,
)


def framing_words(question: str) -> list[str]:
    """The words that make a question ask across documents and say what it asks ("Quels congrès",
    "couverts", "in which cities", "when", "qui présidait", "se sont tenus"), not what the documents
    must be about."""
    patterns = (_ACROSS_DOCUMENTS, _COVERED, _TOOK_PLACE, *(asks for asks, _ in ANSWER_TYPES.values()))
    return [match.group(0) for pattern in patterns for match in pattern.finditer(question)]


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
    if first == "person" and "winner" in found:  # "qui a remporté…", "من فاز…"
        return "winner"
    return "organiser" if first == "person" and "organiser" in found else first


def asks_share(question: str) -> bool:
    """"De combien…", "by how much…", "what percentage…": a count question a rate answers."""
    return bool(_ASKS_SHARE.search(question))
