"""What an answerer returns: the `Answer` (its text, or a refusal) and the `Citation` of each
passage it quotes. Every answerer (extractive, generative, the schedule's) and every adapter
(CLI, web, eval) shares these types."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class EventCard:
    """The congress a cited document reports, as its text states it (`rag.events`), to head the
    citation's card: "4e édition du Congrès national de pneumologie de la SNPF · Agadir · 10 au 12 novembre 2021"."""

    name: str
    edition: int | None = None
    city: str = ""
    venue: str = ""
    dates: str = ""
    year: int | None = None

    @property
    def heading(self) -> str:
        """Name · city · dates (or year): what an attendee reads first."""
        when = self.dates + (f" {self.year}" if self.year and str(self.year) not in self.dates else "") if self.dates else (str(self.year) if self.year else "")
        return " · ".join(part for part in (self.name, self.city, when.strip()) if part)


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    title: str
    section: str
    text: str  # the whole passage
    start: int  # offsets of the passage in the document text
    end: int
    score: float
    sentence_start: int  # the quoted sentence, within the document text
    sentence_end: int
    page: int | None = None
    source: str = ""
    event: EventCard | None = None  # the congress its document reports, where an answer lists congresses


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    refused: bool
    language: str
    citations: list[Citation]
    retrieved: list[str]  # document ids, ranked, deduplicated, up to 10
    latency_ms: float = 0.0
    support: float = 0.0  # score the refusal decision was made on
    passages: list[Citation] = field(default_factory=list)  # top passages considered (eval contexts)
    notice: str | None = None  # e.g. "the language model did not answer; extractive answer shown"
    unsupported: list[str] = field(default_factory=list)  # generated sentences dropped: their passages do not support them

    def to_json(self) -> dict:
        data = {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "language": self.language,
            "citations": [_citation_json(c) for c in self.citations],
            "retrieved": self.retrieved,
            "latency_ms": round(self.latency_ms, 2),
        }
        if self.notice:
            data["notice"] = self.notice
        if self.unsupported:
            data["unsupported"] = self.unsupported
        return data


def _citation_json(citation: Citation) -> dict:
    data = asdict(citation)
    data["score"] = round(citation.score, 4)
    if citation.event is None:
        del data["event"]
    else:
        data["event"]["heading"] = citation.event.heading
    return data
