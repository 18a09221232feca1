"""Attendee feedback, stored durably in SQLite.

One row per thumbs up / down: the question, the earlier questions of the conversation, the
answer, whether it was a refusal, its citations, the question's and the interface's
language, the time and an optional comment. Nothing identifies the attendee: no IP address,
no user agent, no session or account id is ever written.

SQLite in WAL mode with a busy timeout; each write is one short `BEGIN IMMEDIATE` transaction
on its own connection, so web workers (threads or processes) never see "database is locked".
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

SCHEMA_VERSION = 1
MAX_TEXT = 2000
COLUMNS = ("id", "created_at", "rating", "comment", "question", "history", "answer", "refused", "citations", "language", "ui_language")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (1, -1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    history TEXT NOT NULL DEFAULT '[]',
    answer TEXT NOT NULL,
    refused INTEGER NOT NULL DEFAULT 0,
    citations TEXT NOT NULL DEFAULT '[]',
    language TEXT NOT NULL DEFAULT '',
    ui_language TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True)
class Feedback:
    id: int
    created_at: str
    rating: int
    comment: str
    question: str
    history: list[str]
    answer: str
    refused: bool
    citations: list[dict]
    language: str
    ui_language: str


def feedback_path(settings) -> Path:
    """Where the web chat keeps feedback: one database per data folder."""
    return Path(settings.data_dir) / "feedback.sqlite3"


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                with self._write(connection):
                    connection.execute(_SCHEMA)
                    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        try:
            connection.execute("PRAGMA busy_timeout=5000")
            connection.execute("PRAGMA synchronous=NORMAL")
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _write(self, connection: sqlite3.Connection) -> Iterator[None]:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def record(self, *, rating: int, question: str, answer: str, refused: bool = False, citations: Iterable[dict] = (),
               language: str = "", ui_language: str = "", history: Iterable[str] = (), comment: str = "") -> int:
        """Store one thumbs up (+1) or down (-1); returns its id."""
        if rating not in (1, -1):
            raise ValueError(f"rating must be 1 (thumbs up) or -1 (thumbs down), not {rating!r}")
        row = (
            dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), rating, (comment or "").strip()[:MAX_TEXT],
            (question or "")[:MAX_TEXT], json.dumps(list(history), ensure_ascii=False), answer or "", int(bool(refused)),
            json.dumps(list(citations), ensure_ascii=False), language or "", ui_language or "",
        )
        with self._connection() as connection, self._write(connection):
            cursor = connection.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, history, answer, refused, citations, language, ui_language) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            return int(cursor.lastrowid)

    def update_comment(self, feedback_id: int, comment: str) -> None:
        with self._connection() as connection, self._write(connection):
            cursor = connection.execute("UPDATE feedback SET comment = ? WHERE id = ?", ((comment or "").strip()[:MAX_TEXT], feedback_id))
            if cursor.rowcount == 0:
                raise KeyError(f"no feedback with id {feedback_id}")

    def all(self) -> list[Feedback]:
        with self._connection() as connection:
            rows = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [
            Feedback(id=r[0], created_at=r[1], rating=r[2], comment=r[3], question=r[4], history=json.loads(r[5]), answer=r[6],
                     refused=bool(r[7]), citations=json.loads(r[8]), language=r[9], ui_language=r[10])
            for r in rows
        ]

    def count(self) -> dict[str, int]:
        with self._connection() as connection:
            up, down = connection.execute("SELECT COALESCE(SUM(rating = 1), 0), COALESCE(SUM(rating = -1), 0) FROM feedback").fetchone()
        return {"up": int(up), "down": int(down)}

    def export_csv(self, stream: TextIO) -> int:
        writer = csv.writer(stream)
        writer.writerow(["id", "created_at", "rating", "comment", "language", "ui_language", "question", "history", "answer", "refused", "citations"])
        items = self.all()
        for f in items:
            writer.writerow([f.id, f.created_at, f.rating, f.comment, f.language, f.ui_language, f.question, " | ".join(f.history),
                             f.answer, int(f.refused), " | ".join(f"[{c.get('n')}] {c.get('title', '')}" for c in f.citations)])
        return len(items)

    def export_jsonl(self, stream: TextIO) -> int:
        """Thumbs-down answers as evaluation cases to complete (`answer`, `must_contain`, `doc_ids`)."""
        written = 0
        for f in self.all():
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
