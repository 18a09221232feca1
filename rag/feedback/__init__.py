"""Attendee feedback: one row per thumbs up / down, with the question, the earlier questions of
the conversation, the answer, whether it was a refusal, its citations, the question's and the
interface's language, the time and an optional comment. Nothing identifies the attendee: no IP
address, no user agent, no session or account id is ever written.

Two backends, one API (`FeedbackStore`), the same columns: SQLite in the data folder, the
embedded default for one machine (`rag.feedback.sqlite`), and PostgreSQL when `database_url` is
set, shared by replicas behind a proxy, with feedback kept on local disk while the database is
unreachable (`rag.feedback.postgres`, `rag.feedback.spool`). Their schemas are versioned SQL files
(`rag.feedback.migrations`). `open_feedback_store(settings)` chooses; the web chat and the CLI
call it.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

from rag.feedback.sqlite import SqliteFeedbackStore
from rag.feedback.store import MAX_TEXT, Feedback, FeedbackStore, FeedbackUnavailable

__all__ = ["MAX_TEXT", "Feedback", "FeedbackStore", "FeedbackUnavailable", "SqliteFeedbackStore", "feedback_path", "open_feedback_store",
           "spool_path"]


def feedback_path(settings) -> Path:
    """Where the SQLite backend keeps feedback: one database per data folder."""
    return Path(settings.data_dir) / "feedback.sqlite3"


def spool_path(settings) -> Path:
    """Where the PostgreSQL backend keeps feedback while the database is unreachable: one file per
    replica (its `replica_name`, else host and port: the same after a restart, so the replica writes
    what it kept when it comes back; two replicas sharing a data folder never share a spool)."""
    name = settings.replica_name or f"{socket.gethostname()}-{settings.port}"
    return Path(settings.data_dir) / "feedback-spool" / (re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") + ".jsonl")


def open_feedback_store(settings) -> FeedbackStore:
    """PostgreSQL when `settings.database_url` is set, else SQLite in the data folder."""
    if settings.database_url is None:
        return SqliteFeedbackStore(feedback_path(settings))
    from rag.feedback.postgres import PostgresFeedbackStore  # psycopg is loaded only where it is used

    return PostgresFeedbackStore(settings.database_url.get_secret_value(), spool_path(settings), spool_max=settings.feedback_spool_max)
