"""Feedback in PostgreSQL, one database shared by every replica of the web chat (psycopg 3).

Connections: one per write, opened with a short `connect_timeout` (3 s) and closed after its one
short transaction. Thumbs come at a human pace; a whole `record` takes 14 ms (median of 300, of
which 11 ms connecting, on loopback, on two busy cores); and a new connection has no state that a
restart of the server could have broken. A pool (psycopg_pool, not a dependency) would save those
milliseconds, which nobody waits for, and would have to find and replace its dead connections
after every restart. Writing what was kept uses one connection, in transactions of BATCH rows.

Nothing is dropped when the database is unreachable (refused, timed out, restarting: psycopg's
`OperationalError`): the feedback is kept in the spool on local disk (`rag.feedback.spool`) and a
background thread retries, after 1 s, then twice as long each time, up to 30 s. While anything
is kept, new feedback joins it rather than waiting on a dead server: an attendee waits at most
one connect timeout per outage, and the order is kept. The logger `rag.feedback` says
so once per outage: "feedback database unreachable: N kept, will retry", then "feedback database
back: wrote N kept"; when the spool is full, an error says how many were dropped.

Each row carries the key `record` made (`uid`, unique in the table) and is inserted with
`ON CONFLICT (uid) DO NOTHING`: a write retried after an ambiguous failure (the connection lost
after the commit) is not doubled, and a comment finds its row whether it was written or kept.

The schema (`rag/data/migrations/postgres/`, `rag.feedback.migrations`) is brought up to date on
the first connection: at start, or when the database is first reachable.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from rag.feedback.migrations import migrate_postgres
from rag.feedback.spool import CommentUpdate, Entry, FeedbackSpool
from rag.feedback.store import COLUMNS, Feedback, FeedbackStore, FeedbackUnavailable

log = logging.getLogger("rag.feedback")

BATCH = 500
_INSERT = (
    "INSERT INTO feedback (uid, created_at, rating, comment, question, history, answer, refused, citations, language, ui_language) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (uid) DO NOTHING"
)
_UPDATE_COMMENT = "UPDATE feedback SET comment = %s WHERE uid = %s"


class PostgresFeedbackStore(FeedbackStore):
    def __init__(self, url: str, spool_path: Path, *, spool_max: int = 10_000, connect_timeout: int = 3,
                 retry_delays: tuple[float, float] = (1.0, 30.0)) -> None:
        """`url`: postgresql://…; `spool_path`: where feedback waits while the database is unreachable
        (`self.path`); `retry_delays`: the first and the longest wait between two retries, in seconds."""
        self._url = url
        self.path = Path(spool_path)
        self._spool = FeedbackSpool(self.path, spool_max)
        self._connect_timeout = connect_timeout
        self._first_delay, self._longest_delay = retry_delays
        self._lock = threading.Lock()  # the spool and the outage: `_retrier`, `_written`, `_dropped`
        self._retrier: threading.Thread | None = None  # alive while anything is kept
        self._written = self._dropped = 0  # in this outage
        self._closing = threading.Event()
        self._schema_lock = threading.Lock()
        self._schema_ready = False
        try:
            with self._connect() as connection:
                self._ensure_schema(connection)
        except psycopg.OperationalError as error:
            log.warning("feedback database unreachable at start (%s): feedback will be kept until it is back", _reason(error))
        if self._spool.has_leftovers():
            with self._lock:
                if self._spool.take() and len(self._spool):
                    log.warning("feedback kept by an earlier run: %d, will write them", len(self._spool))
                    self._start_retrying(delay=0)

    @property
    def kept(self) -> int:
        """Entries (feedback, comments) waiting in the spool for the database."""
        with self._lock:
            return len(self._spool)

    def close(self) -> None:
        """Stop retrying (what is kept stays in the spool for the next start) and let go of the spool."""
        self._closing.set()
        retrier = self._retrier
        if retrier is not None:
            retrier.join(timeout=30)
        with self._lock:
            self._spool.release()

    # --- writes -------------------------------------------------------------------------

    def _add(self, feedback: Feedback) -> None:
        self._store(feedback)

    def _set_comment(self, key: str, comment: str) -> None:
        try:
            uuid.UUID(key)
        except ValueError:
            raise KeyError(f"no feedback with key {key!r}") from None
        self._store(CommentUpdate(key, comment))

    def _store(self, entry: Entry) -> None:
        with self._lock:
            if self._retrier is not None:  # an outage: join what is kept
                self._keep(entry)
                return
        try:
            with self._connect() as connection:
                self._ensure_schema(connection)
                missing = self._write(connection, [entry])
        except psycopg.OperationalError as error:
            with self._lock:
                self._keep(entry, _reason(error))
            return
        if missing:
            raise KeyError(f"no feedback with key {entry.uid!r}")

    def _keep(self, entry: Entry, reason: str = "") -> None:
        """Under `_lock`: `entry` into the spool, or counted as dropped; the retries started."""
        try:
            if not self._spool.take():
                self._dropped += 1
                log.error("feedback spool %s is held by another store or process: %d dropped", self.path, self._dropped)
            elif not self._spool.keep(entry):
                self._dropped += 1
                log.error("feedback spool full (%d kept): %d dropped since the database became unreachable",
                          len(self._spool), self._dropped)
        except OSError as error:  # the local disk: full, read-only
            self._dropped += 1
            log.error("feedback spool %s cannot be written (%s): %d dropped", self.path, error, self._dropped)
        if self._retrier is None:
            log.warning("feedback database unreachable: %d kept, will retry (%s)", len(self._spool), reason)
            self._start_retrying(delay=self._first_delay)

    def _start_retrying(self, delay: float) -> None:
        self._retrier = threading.Thread(target=self._retry, args=(delay,), name="feedback-retry", daemon=True)
        self._retrier.start()

    def _retry(self, delay: float) -> None:
        """The background thread of an outage: write what is kept until nothing is, then say so."""
        while not self._closing.wait(delay):
            try:
                self._write_kept()
            except Exception as error:  # unreachable again, or a bug: wait longer, keep everything
                if not isinstance(error, psycopg.OperationalError):
                    log.exception("feedback kept could not be written; will retry")
                delay = self._first_delay if delay == 0 else min(delay * 2, self._longest_delay)
                continue
            with self._lock:
                if not len(self._spool):
                    log.warning("feedback database back: wrote %d kept", self._written)  # the outage's end, as loud as its start
                    if self._dropped:
                        log.error("feedback dropped while the database was unreachable (see the errors before): %d", self._dropped)
                    self._retrier, self._written, self._dropped = None, 0, 0
                    return
            delay = 0  # more came while writing

    def _write_kept(self) -> None:
        with self._lock:
            entries = self._spool.pending()
        written: list[Entry] = []
        try:
            with self._connect() as connection:
                self._ensure_schema(connection)
                for start in range(0, len(entries), BATCH):
                    batch = entries[start:start + BATCH]
                    for uid in self._write(connection, batch):
                        log.warning("a kept comment found no feedback with key %s: dropped", uid)
                    written += batch
        finally:
            if written:
                with self._lock:
                    self._spool.written(written)
                    self._written += len(written)

    def _write(self, connection: psycopg.Connection, entries: list[Entry]) -> list[str]:
        """`entries` in one transaction; returns the keys of comments that found no feedback."""
        rows = [_row(e) for e in entries if isinstance(e, Feedback)]
        comments = [e for e in entries if isinstance(e, CommentUpdate)]
        missing = []
        with connection.transaction(), connection.cursor() as cursor:
            if rows:
                cursor.executemany(_INSERT, rows)
            for comment in comments:
                cursor.execute(_UPDATE_COMMENT, (_text(comment.comment), uuid.UUID(comment.uid)))
                if cursor.rowcount == 0:
                    missing.append(comment.uid)
        return missing

    # --- reads --------------------------------------------------------------------------

    def all(self) -> list[Feedback]:
        return [
            Feedback(id=r[0], created_at=r[1].astimezone(dt.timezone.utc).isoformat(timespec="seconds"), rating=r[2], comment=r[3],
                     question=r[4], history=r[5], answer=r[6], refused=r[7], citations=r[8], language=r[9], ui_language=r[10],
                     uid=str(r[11]))
            for r in self._read(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")
        ]

    def count(self) -> dict[str, int]:
        [(up, down)] = self._read("SELECT count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = -1) FROM feedback")
        return {"up": up, "down": down}

    def _read(self, query: str) -> list[tuple]:
        try:
            with self._connect() as connection:
                self._ensure_schema(connection)
                return connection.execute(query).fetchall()
        except psycopg.OperationalError as error:
            raise FeedbackUnavailable(f"the feedback database is unreachable ({_reason(error)})") from error

    # --- the connection -----------------------------------------------------------------

    def _connect(self) -> psycopg.Connection:
        # tcp_user_timeout: a server gone mid-write (a half-open connection) fails the write in 10 s, not in TCP's minutes.
        return psycopg.connect(self._url, connect_timeout=self._connect_timeout, tcp_user_timeout=10_000,
                               application_name="congress-chat feedback")

    def _ensure_schema(self, connection: psycopg.Connection) -> None:
        if self._schema_ready:
            return
        with self._schema_lock:
            if not self._schema_ready:
                migrate_postgres(connection)
                self._schema_ready = True


def _row(f: Feedback) -> tuple:
    return (uuid.UUID(f.uid), dt.datetime.fromisoformat(f.created_at), f.rating, _text(f.comment), _text(f.question),
            Jsonb(_text(f.history)), _text(f.answer), f.refused, Jsonb(_text(f.citations)), _text(f.language), _text(f.ui_language))


def _text(value: Any) -> Any:
    """`value` without NUL characters, which PostgreSQL's text and jsonb refuse (SQLite takes them)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_text(v) for v in value]
    if isinstance(value, dict):
        return {_text(k): _text(v) for k, v in value.items()}
    return value


def _reason(error: Exception) -> str:
    """psycopg's message, first line (it never holds the password)."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
