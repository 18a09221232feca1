"""Feedback kept on local disk while the PostgreSQL database is unreachable, until it is written.

An append-only JSONL file in the data folder rather than a list in memory: a replica restarted
during an outage (a deploy, a crash, the orchestrator moving it) keeps what attendees gave, and
writes it when the database is back. It costs one appended line and an fsync per thumbs, only
during an outage; a line torn by a crash mid-write is skipped when the file is read again. It is
bounded (`feedback_spool_max` entries, 10,000 by default; an entry is a few kilobytes, its
citations' passages included) so that a long outage cannot fill the disk; beyond it new entries
are refused, and the store logs how many it dropped.

Two kinds of lines: `{"feedback": {…}}`, a feedback to insert, and `{"comment": {"uid", "comment"}}`,
a comment for one. Reading folds a comment into its kept feedback, or keeps it as a
`CommentUpdate` when its feedback was already written. Once entries are written, the file is
rewritten aside with what remains and switched in (`os.replace`), or removed when empty.

One process owns a spool file at a time: an exclusive `flock` on `<file>.lock`, taken when it
first keeps something or finds entries an earlier run left. So `congress-chat feedback export`
on a replica's machine never rewrites the file under the replica, nor two stores in one process.
Not thread-safe: the store calls it under its own lock.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rag.feedback.store import Feedback

log = logging.getLogger("rag.feedback")


@dataclass(frozen=True)
class CommentUpdate:
    """A comment for a feedback already in the database."""

    uid: str
    comment: str


Entry = Feedback | CommentUpdate


class FeedbackSpool:
    def __init__(self, path: Path, limit: int) -> None:
        self.path = Path(path)
        self.limit = limit
        self._entries: dict[str, Entry] = {}  # by uid, in the order kept
        self._lock_file: IO[str] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, uid: str) -> bool:
        return uid in self._entries

    @property
    def owned(self) -> bool:
        return self._lock_file is not None

    def has_leftovers(self) -> bool:
        """Whether the file holds entries (an earlier run's, or another process's)."""
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False

    def take(self) -> bool:
        """Own the file (reading what it holds); False when another process or store owns it."""
        if self._lock_file is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_file = open(self.path.with_name(self.path.name + ".lock"), "a")
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.close()
            return False
        self._lock_file = lock_file
        self._entries = {}
        entries, torn = self._read()
        for entry in entries:
            self._fold(entry)
        if torn:  # else the next line appended would join the torn one
            self._rewrite()
        return True

    def release(self) -> None:
        """Let another process own the file; what it holds stays there."""
        if self._lock_file is not None:
            self._lock_file.close()  # closing the file releases the flock
            self._lock_file = None
            self._entries = {}

    def keep(self, entry: Entry) -> bool:
        """Append `entry` (the caller owns the file); False when the spool is full. A comment on a kept
        feedback is folded into it and never refused."""
        assert self._lock_file is not None, "take() the spool first"
        if entry.uid not in self._entries and len(self._entries) >= self.limit:
            return False
        with self.path.open("a", encoding="utf-8") as stream:
            stream.write(_line(entry))
            stream.flush()
            os.fsync(stream.fileno())
        self._fold(entry)
        return True

    def pending(self) -> list[Entry]:
        return list(self._entries.values())

    def written(self, entries: list[Entry]) -> None:
        """Forget `entries`, now in the database. One whose comment changed meanwhile stays, as that comment."""
        for entry in entries:
            current = self._entries.get(entry.uid)
            if current is entry:
                del self._entries[entry.uid]
            elif isinstance(current, Feedback):
                self._entries[entry.uid] = CommentUpdate(entry.uid, current.comment)
        self._rewrite()

    def _fold(self, entry: Entry) -> None:
        current = self._entries.get(entry.uid)
        if isinstance(entry, CommentUpdate) and isinstance(current, Feedback):
            entry = dataclasses.replace(current, comment=entry.comment)
        self._entries[entry.uid] = entry

    def _read(self) -> tuple[list[Entry], bool]:
        """The file's entries, and whether a line was torn or unreadable."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return [], False
        entries: list[Entry] = []
        torn = bool(text) and not text.endswith("\n")
        for number, line in enumerate(text.splitlines(), start=1):
            try:
                data = json.loads(line)
                entries.append(Feedback.from_json(data["feedback"]) if "feedback" in data else CommentUpdate(**data["comment"]))
            except (ValueError, KeyError, TypeError):
                log.warning("feedback spool %s: line %d unreadable (torn by a crash?), skipped", self.path, number)
                torn = True
        return entries, torn

    def _rewrite(self) -> None:
        if not self._entries:
            self.path.unlink(missing_ok=True)
            return
        aside = self.path.with_name(self.path.name + ".new")
        with aside.open("w", encoding="utf-8") as stream:
            stream.writelines(_line(entry) for entry in self._entries.values())
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(aside, self.path)


def _line(entry: Entry) -> str:
    data = {"feedback": entry.to_json()} if isinstance(entry, Feedback) else {"comment": dataclasses.asdict(entry)}
    return json.dumps(data, ensure_ascii=False) + "\n"
