"""Feedback in SQLite, in the data folder: the embedded default, one machine.

WAL mode with a busy timeout; each write is one short `BEGIN IMMEDIATE` transaction on its own
connection, so web workers (threads or processes) never see "database is locked". The schema
comes from `rag/data/migrations/sqlite/`, its version in `PRAGMA user_version`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.feedback.migrations import migrate_sqlite
from rag.feedback.store import COLUMNS, Feedback, FeedbackStore


class SqliteFeedbackStore(FeedbackStore):
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            migrate_sqlite(connection)

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
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connection() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _add(self, feedback: Feedback) -> None:
        row = (feedback.uid, feedback.created_at, feedback.rating, feedback.comment, feedback.question,
               json.dumps(feedback.history, ensure_ascii=False), feedback.answer, int(feedback.refused),
               json.dumps(feedback.citations, ensure_ascii=False), feedback.language, feedback.ui_language)
        with self._write() as connection:
            connection.execute(
                "INSERT INTO feedback (uid, created_at, rating, comment, question, history, answer, refused, citations, language, "
                "ui_language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING", row)

    def _set_comment(self, key: str, comment: str) -> None:
        with self._write() as connection:
            if connection.execute("UPDATE feedback SET comment = ? WHERE uid = ?", (comment, key)).rowcount == 0:
                raise KeyError(f"no feedback with key {key!r}")

    def all(self) -> list[Feedback]:
        with self._connection() as connection:
            rows = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [
            Feedback(id=r[0], created_at=r[1], rating=r[2], comment=r[3], question=r[4], history=json.loads(r[5]), answer=r[6],
                     refused=bool(r[7]), citations=json.loads(r[8]), language=r[9], ui_language=r[10], uid=r[11])
            for r in rows
        ]

    def count(self) -> dict[str, int]:
        with self._connection() as connection:
            up, down = connection.execute("SELECT COALESCE(SUM(rating = 1), 0), COALESCE(SUM(rating = -1), 0) FROM feedback").fetchone()
        return {"up": int(up), "down": int(down)}
