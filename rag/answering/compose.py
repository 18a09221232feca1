"""The answer's text: the quoted sentences verbatim, each followed by `[n]`, after a short
framing line in the question's language; a question across documents gets one line per
document, any other the asked thing first when it can be read off a quote (`short_answer`:
"18 et 19 novembre"). A list of congresses (`rag.events.listing`) is one line per congress: its
name, then the fact asked or a quote, cited. A refusal is one sentence in the question's language."""

from __future__ import annotations

from rag.answering.candidates import Candidate
from rag.answering.question import answer_type
from rag.events.listing import EventLine
from rag.short_answer import short_answer

FRAMING = {
    "fr": "D'après les documents du congrès :",
    "en": "According to the congress documents:",
    "ar": "حسب وثائق المؤتمر:",
}
REFUSAL = {
    "fr": "Je ne trouve pas cette information dans les documents du congrès.",
    "en": "I cannot find this information in the congress documents.",
    "ar": "لا أجد هذه المعلومة في وثائق المؤتمر.",
}


def answer_language(language: str) -> str:
    """The language the answer is written in: the question's, when it is one we answer in, else English."""
    return language if language in FRAMING else "en"


def compose(question: str, language: str, chosen: list[Candidate], numbers: list[int], across: bool) -> str:
    """The answer's text for the `chosen` sentences, `numbers` their citations' `[n]`."""
    lines = [f"{candidate.text} [{number}]" for candidate, number in zip(chosen, numbers)]
    separator = "\n" if across and len({c.doc_id for c in chosen}) > 1 else " "
    text = FRAMING[language] + separator + separator.join(lines)
    short = None if across else _short_answer(question, chosen, language)
    if short:
        text = f"{short}\n{text}"
    return text


def _short_answer(question: str, chosen: list[Candidate], language: str) -> str | None:
    """The asked thing from the quoted sentence the model finds likeliest (quotes are shown
    in document order), else from the next likeliest that holds it."""
    asked = answer_type(question)
    for candidate in sorted(chosen, key=lambda c: -c.score):
        short = short_answer(asked, candidate.text, language, question, candidate.result.chunk.index_text)
        if short:
            return short
    return None


_QUOTE_MARKS = {"fr": ("« ", " »"), "en": ("“", "”"), "ar": ("«", "»")}


def compose_list(language: str, lines: list[EventLine], numbers: list[tuple[int | None, int]]) -> str:
    """"4e édition du Congrès national de pneumologie de la SNPF (2021) — Agadir [2]", one line
    per congress under the framing line; a line whose
    document does not state the fact asked quotes its best sentence instead. `numbers`: per line,
    the citation of the passage naming the event when another passage states the rest (its `[n]`
    follows the name), and the citation of the passage stating the rest."""
    opening, closing = _QUOTE_MARKS.get(language, _QUOTE_MARKS["en"])
    rows = []
    for line, (named, number) in zip(lines, numbers):
        head = line.name + (f" ({', '.join(line.details)})" if line.details else "") + (f" [{named}]" if named else "")
        said = list(line.said)
        if line.quoted:
            said.append(f"{opening}{' '.join(line.quote.text.split())}{closing}")
        rows.append(f"{head} — {' — '.join(said)} [{number}]")
    return FRAMING[language] + "\n" + "\n".join(rows)
