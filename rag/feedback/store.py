"""What a feedback store is, whichever database holds it: a `Feedback` row, the API the web chat
and the CLI use (`FeedbackStore`), and the organisers' exports (CSV, evaluation cases as JSONL).

A backend (`rag.feedback.sqlite`, `rag.feedback.postgres`) gives four methods: add a row, set a
comment, read every row, count the thumbs. The checks, the key and the exports are here, once.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from rag.errors import CongressChatError

MAX_TEXT = 2000
COLUMNS = ("id", "created_at", "rating", "comment", "question", "history", "answer", "refused", "citations", "language", "ui_language",
           "uid")  # the table's, in its order, in both backends


class FeedbackUnavailable(CongressChatError):
    """The feedback database cannot be read now (unreachable, restarting); writes are kept meanwhile."""


@dataclass(frozen=True)
class Feedback:
    """One thumbs up (+1) or down (-1) with what it was about. `uid` is its key, made where it was
    given; `id` is the database's row number, None until it is written."""

    uid: str
    created_at: str  # ISO 8601, UTC, to the second
    rating: int
    comment: str
    question: str
    history: list[str]
    answer: str
    refused: bool
    citations: list[dict]
    language: str
    ui_language: str
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if key != "id"}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Feedback:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key != "id"})


def clean_comment(comment: str | None) -> str:
    return (comment or "").strip()[:MAX_TEXT]


class FeedbackStore(ABC):
    """Attendees' thumbs up and down, with the question, answer and citations they were about."""

    path: Path
    """The local file this store writes (the SQLite database, or PostgreSQL's spool): never served."""

    def record(self, *, rating: int, question: str, answer: str, refused: bool = False, citations: Iterable[dict] = (),
               language: str = "", ui_language: str = "", history: Iterable[str] = (), comment: str = "") -> str:
        """Store one thumbs up (+1) or down (-1); returns its key, for `update_comment`."""
        if rating not in (1, -1):
            raise ValueError(f"rating must be 1 (thumbs up) or -1 (thumbs down), not {rating!r}")
        feedback = Feedback(
            uid=str(uuid.uuid4()), created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), rating=rating,
            comment=clean_comment(comment), question=(question or "")[:MAX_TEXT], history=list(history), answer=answer or "",
            refused=bool(refused), citations=list(citations), language=language or "", ui_language=ui_language or "",
        )
        self._add(feedback)
        return feedback.uid

    def update_comment(self, key: str, comment: str) -> None:
        """Set the comment of the feedback `record` returned `key` for (KeyError when there is none)."""
        self._set_comment(str(key), clean_comment(comment))

    @abstractmethod
    def _add(self, feedback: Feedback) -> None: ...

    @abstractmethod
    def _set_comment(self, key: str, comment: str) -> None: ...

    @abstractmethod
    def all(self) -> list[Feedback]:
        """Every stored feedback, oldest first."""

    @abstractmethod
    def count(self) -> dict[str, int]:
        """{"up": thumbs up, "down": thumbs down}."""

    def close(self) -> None:
        """Let go of what the store holds (threads, locks); the default holds nothing."""

    def export_csv(self, stream: TextIO) -> int:
        """Every rating, one row each; nothing is written when the store cannot be read."""
        items = self.all()
        writer = csv.writer(stream)
        writer.writerow(["id", "created_at", "rating", "comment", "language", "ui_language", "question", "history", "answer", "refused",
                         "citations", "uid"])
        for f in items:
            writer.writerow([f.id, f.created_at, f.rating, f.comment, f.language, f.ui_language, f.question, " | ".join(f.history),
                             f.answer, int(f.refused), " | ".join(f"[{c.get('n')}] {c.get('title', '')}" for c in f.citations), f.uid])
        return len(items)

    def export_jsonl(self, stream: TextIO) -> int:
        """Thumbs-down answers as evaluation cases to complete (`answer`, `must_contain`, `doc_ids`)."""
        written = 0
        for f in self.all():  # read whole before the first line is written
            if f.rating != -1:
                continue
            case = {
                "id": f"fb-{f.id}", "question": f.question, "lang": f.language, "answer": "", "must_contain": [], "doc_ids": [],
                "kind": "feedback", "history": f.history, "answered": f.answer, "answered_refused": f.refused,
                "answered_citations": list(dict.fromkeys(c.get("doc_id") for c in f.citations if c.get("doc_id"))), "comment": f.comment,
            }
            stream.write(json.dumps(case, ensure_ascii=False) + "\n")
            written += 1
        return written
