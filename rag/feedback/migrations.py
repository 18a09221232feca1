"""The feedback database's schema: plain versioned SQL files, applied once, in order.

`rag/data/migrations/<dialect>/NNN_name.sql` (dialect `sqlite` or `postgres`) holds one file per
change; its number is its version. A database records what it has: SQLite in `PRAGMA
user_version` (the last version applied), PostgreSQL in a `schema_migrations` table (one row per
version). The pending files run in one transaction, all or none. On PostgreSQL that transaction
first takes `pg_advisory_xact_lock(MIGRATIONS_LOCK_KEY)`: replicas starting at once queue on it,
the first applies the files, the others then find them recorded and apply nothing. On SQLite,
`BEGIN IMMEDIATE` plays that part.

Why not Alembic: there are no SQLAlchemy models to compare against, one table, and the SQL reads
better as SQL; a runner of a few dozen lines costs less than SQLAlchemy's dependency tree.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

Dialect = Literal["sqlite", "postgres"]

# Fixed and arbitrary ("cc-fb-mg" in ASCII): the same in every replica, and unlike any other
# advisory lock key of the product, so migrations wait only for migrations.
MIGRATIONS_LOCK_KEY = 0x63632D66622D6D67

_FILE_NAME = re.compile(r"(\d+)_([\w-]+)\.sql")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(dialect: Dialect) -> list[Migration]:
    """The dialect's SQL files, by version; their numbers run 1, 2, 3… without a gap or a repeat."""
    folder = resources.files("rag") / "data" / "migrations" / dialect
    found = []
    for entry in folder.iterdir():
        match = _FILE_NAME.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"the {dialect} migrations are numbered {versions}: expected 1, 2, 3… once each")
    return found


def sql_statements(sql: str) -> list[str]:
    """A file's statements one by one, as SQLite wants them (comments and blank lines kept with them)."""
    statements, pending = [], ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    unfinished = [line for line in pending.splitlines() if line.strip() and not line.strip().startswith("--")]
    if unfinished:
        raise ValueError(f"an SQL statement is not finished (no ';'): {unfinished[0][:80]!r}")
    return statements


def migrate_sqlite(connection: sqlite3.Connection) -> list[int]:
    """Apply the pending SQLite files on `connection` (opened with `isolation_level=None`); returns
    the versions applied. The version is read again inside the write transaction, so a second
    process opening the same new database at once waits, then applies nothing."""
    pending = migrations("sqlite")
    if connection.execute("PRAGMA user_version").fetchone()[0] >= len(pending):
        return []
    connection.execute("BEGIN IMMEDIATE")
    try:
        current = connection.execute("PRAGMA user_version").fetchone()[0]
        applied = [m for m in pending if m.version > current]
        for migration in applied:
            for statement in sql_statements(migration.sql):
                connection.execute(statement)
        if applied:
            connection.execute(f"PRAGMA user_version = {applied[-1].version}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return [m.version for m in applied]


def migrate_postgres(connection: Any) -> list[int]:
    """Apply the pending PostgreSQL files on `connection` (a psycopg connection outside any
    transaction) in one transaction under the migrations' advisory lock; returns the versions
    applied. The lock is released when that transaction ends, committed or not."""
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATIONS_LOCK_KEY,))
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {version for (version,) in connection.execute("SELECT version FROM schema_migrations")}
        applied = [m for m in migrations("postgres") if m.version not in done]
        for migration in applied:
            connection.execute(migration.sql)  # no parameters: psycopg sends the file as it is, statements and all
            connection.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (migration.version, migration.name))
    return [m.version for m in applied]
