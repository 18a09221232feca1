"""One rebuild of an index at a time, across the processes and machines that share it.

With a database (`CONGRESS_CHAT_DATABASE_URL`, the PostgreSQL every replica shares), the lock is a
session-level advisory lock, `pg_try_advisory_lock(key)`, taken on a connection of its own and held
for the whole build. PostgreSQL releases it when that session ends: a rebuild that finishes, fails,
or whose process is killed leaves nothing behind (the server sees a killed process's socket close at
once; a machine that vanishes, within about a minute, through the session's TCP keepalives). The
key is derived from the index's own id (`IndexLayout.identity`, written in the index folder), so
every replica takes the same lock wherever it mounts the shared folder, and indexes that share one
database do not block each other. Connect to PostgreSQL directly or through a session pooler: a
transaction pooler (PgBouncer's `pool_mode=transaction`) cannot hold a session's lock.

Without a database, an `fcntl.flock` on `index_dir/.lock`, for the processes of one machine (the
kernel releases it when its process dies).

Either way a second rebuild is refused at once, with `RUNNING` as its message; it never waits.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
from pathlib import Path

from rag.errors import ConfigError, CongressChatError, RebuildRunningError
from rag.index import IndexLayout
from rag.settings import Settings

RUNNING = "another rebuild of this index is running; try again when it finishes"
_KEEPALIVES = ("SET tcp_keepalives_idle = 30", "SET tcp_keepalives_interval = 10", "SET tcp_keepalives_count = 3")

logger = logging.getLogger(__name__)


def lock_key(identity: str) -> int:
    """The advisory lock's key for the index of id `identity`: the first 8 bytes of
    SHA-256("congress-chat rebuild:" + identity), as PostgreSQL's signed bigint."""
    digest = hashlib.sha256(f"congress-chat rebuild:{identity}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class FileLock:
    """`fcntl.flock` on `index_dir/.lock`: one rebuild at a time among the processes of one machine."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._handle = None

    def __enter__(self) -> "FileLock":
        self.root.mkdir(parents=True, exist_ok=True)
        handle = open(self.root / ".lock", "w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            _refused(self.root)
        self._handle = handle
        return self

    def confirm(self) -> None:
        """Still held (a file lock is, as long as this process lives)."""

    def __exit__(self, *exc_info) -> None:
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()


class AdvisoryLock:
    """PostgreSQL's session-level advisory lock `key`, on a connection of its own."""

    def __init__(self, database_url: str, key: int, root: Path) -> None:
        self.database_url = database_url
        self.key = key
        self.root = root
        self._connection = None

    def __enter__(self) -> "AdvisoryLock":
        import psycopg

        try:
            connection = psycopg.connect(self.database_url, autocommit=True, connect_timeout=10,
                                         application_name="congress-chat rebuild")
        except psycopg.Error as error:
            raise ConfigError(f"cannot reach the database (CONGRESS_CHAT_DATABASE_URL) to lock the rebuild: {error}") from None
        try:
            for statement in _KEEPALIVES:
                connection.execute(statement)
            taken = connection.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()[0]
        except BaseException:
            connection.close()
            raise
        if not taken:
            connection.close()
            _refused(self.root)
        self._connection = connection
        return self

    def confirm(self) -> None:
        """Raise unless the lock is still held, i.e. its session is alive (a database restarted during
        the build ended it, and another rebuild may have started since): checked before the switch."""
        import psycopg

        try:
            self._connection.execute("SELECT 1")
        except psycopg.Error:
            raise CongressChatError("the rebuild lock was lost (the database connection closed during the build); "
                                    "the new index was not switched in: rebuild again") from None

    def __exit__(self, *exc_info) -> None:
        import psycopg

        try:
            self._connection.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
        except psycopg.Error:
            pass  # the session is gone, and its lock with it
        finally:
            self._connection.close()


def rebuild_lock(settings: Settings) -> FileLock | AdvisoryLock:
    """The lock a rebuild of `settings`' index holds (`with rebuild_lock(settings) as lock:`); entering it
    raises `RebuildRunningError` when another rebuild holds it. `lock.confirm()` before switching."""
    root = settings.resolved_index_dir()
    if settings.database_url is None:
        return FileLock(root)
    return AdvisoryLock(settings.database_url.get_secret_value(), lock_key(IndexLayout(root).identity()), root)


def _refused(root: Path):
    logger.info("rebuild refused: another rebuild of this index is running", extra={"index": str(root)})
    raise RebuildRunningError(RUNNING)
