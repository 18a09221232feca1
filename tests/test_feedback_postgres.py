"""Feedback in PostgreSQL, as replicas of the web chat behind a proxy share it, against a real
server (`tests/servers.py`) that the tests stop and start: replicas write into one table and open
it at once with its migrations applied once; while the database is unreachable every thumbs is
kept on local disk, said once in the logs, and written when it is back, none lost, none doubled,
even across a restart of the replica; a spool beyond its bound says how many it dropped. The
behaviour both backends share is in test_feedback.py."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from test_feedback import fresh_database, record

LOGGER = "rag.feedback"
QUICK = (0.05, 0.3)  # the first and longest wait between retries, for tests (a replica waits 1 s, up to 30 s)


@pytest.fixture
def database(postgres):
    return fresh_database(postgres)


@pytest.fixture
def open_store(tmp_path):
    """Opens replicas' stores (spool in their own data folder unless given); closes them after the test."""
    from rag.feedback.postgres import PostgresFeedbackStore

    opened = []

    def open_store(url: str, spool=None, **options):
        options.setdefault("retry_delays", QUICK)
        store = PostgresFeedbackStore(url, spool or tmp_path / f"replica-{len(opened)}" / "feedback-spool.jsonl", **options)
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


@pytest.fixture
def feedback_log(caplog):
    """The messages of the feedback logger, as a replica's operator reads them."""
    caplog.set_level(logging.WARNING, logger=LOGGER)
    return lambda level=logging.WARNING: [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno >= level]


def unreachable_url() -> str:
    """A database nobody answers at: connections are refused at once."""
    from servers import free_port

    return f"postgresql://congress@127.0.0.1:{free_port()}/congress"


def wait_until(condition, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.05)


def spool_lines(path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


def test_both_backends_have_the_same_columns(database, open_store, tmp_path):
    import psycopg

    from rag.feedback import SqliteFeedbackStore

    open_store(database)
    with psycopg.connect(database) as connection:
        in_postgres = [name for (name,) in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'feedback' ORDER BY ordinal_position")]
    with sqlite3.connect(SqliteFeedbackStore(tmp_path / "feedback.sqlite3").path) as connection:
        in_sqlite = [row[1] for row in connection.execute("PRAGMA table_info(feedback)")]
    assert in_postgres == in_sqlite and "uid" in in_postgres


def test_two_replicas_write_into_one_table(database, open_store):
    first, second = open_store(database), open_store(database)
    keys = [record(first, 1), record(second, 2, rating=1), record(first, 3)]
    second.update_comment(keys[0], "commenté sur l'autre réplique")  # the proxy may send the comment elsewhere
    for store in (first, second):
        assert [(f.uid, f.comment) for f in store.all()] == [(keys[0], "commenté sur l'autre réplique"), (keys[1], ""), (keys[2], "")]
        assert store.count() == {"up": 1, "down": 2}


def test_replicas_starting_at_once_apply_the_migrations_once(database, open_store):
    import psycopg

    from rag.feedback.migrations import migrations

    start = threading.Barrier(6)

    def replica(_):
        start.wait()
        return open_store(database)

    with ThreadPoolExecutor(max_workers=6) as pool:
        stores = list(pool.map(replica, range(6)))  # without the advisory lock, all but one fail on CREATE TABLE
    record(stores[0])
    assert stores[-1].count()["down"] == 1
    with psycopg.connect(database) as connection:
        applied = connection.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert applied == [(m.version, m.name) for m in migrations("postgres")]


def test_while_the_database_is_stopped_thumbs_are_kept_then_written_when_it_is_back(postgres, database, open_store, feedback_log):
    from rag.feedback import FeedbackUnavailable

    store = open_store(database)
    written = record(store, 0)
    postgres.stop()
    try:
        kept = [record(store, n, rating=1 if n % 2 else -1) for n in range(1, 6)]
        store.update_comment(kept[1], "gardé avec sa note")  # its thumbs is still in the spool
        store.update_comment(written, "pour une note déjà écrite")  # its thumbs is in the database
        assert store.kept == 6
        [said] = feedback_log()
        assert said.startswith("feedback database unreachable: 1 kept, will retry")
        with pytest.raises(FeedbackUnavailable, match="unreachable"):
            store.count()
    finally:
        postgres.start()
    wait_until(lambda: store.kept == 0)
    stored = {f.uid: f for f in store.all()}
    assert sorted(stored) == sorted([written, *kept])  # none lost, none doubled
    assert stored[kept[1]].comment == "gardé avec sa note" and stored[written].comment == "pour une note déjà écrite"
    assert store.count() == {"up": 3, "down": 3}
    assert feedback_log()[1:] == ["feedback database back: wrote 6 kept"]
    assert not store.path.exists()


def test_a_restart_of_the_database_while_threads_keep_writing_loses_no_feedback(postgres, database, open_store, feedback_log):
    store = open_store(database)
    keys: list[str] = []
    stop = threading.Event()

    def attendee(worker: int) -> None:
        n = 0
        while not stop.is_set():
            keys.append(record(store, worker * 100_000 + n, rating=1))
            n += 1
            time.sleep(0.005)

    threads = [threading.Thread(target=attendee, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.3)
        postgres.stop()
        time.sleep(0.5)
    finally:
        postgres.start()
        time.sleep(0.3)
        stop.set()
        for thread in threads:
            thread.join()
    wait_until(lambda: store.kept == 0)
    uids = [f.uid for f in store.all()]
    assert len(uids) == len(set(uids)) == len(keys) and set(uids) == set(keys)
    assert any(message.startswith("feedback database unreachable") for message in feedback_log()), "the restart went unnoticed"
    assert feedback_log()[-1].startswith("feedback database back: wrote")


def test_a_spool_beyond_its_bound_logs_how_many_were_dropped(open_store, feedback_log):
    store = open_store(unreachable_url(), spool_max=3, retry_delays=(60, 60))
    for n in range(5):
        record(store, n)
    assert store.kept == 3 and spool_lines(store.path) == 3
    assert feedback_log(logging.ERROR) == [
        "feedback spool full (3 kept): 1 dropped since the database became unreachable",
        "feedback spool full (3 kept): 2 dropped since the database became unreachable",
    ]


def test_feedback_kept_before_a_replica_restarts_is_written_by_its_next_start(database, open_store, tmp_path, feedback_log):
    spool = tmp_path / "data" / "feedback-spool.jsonl"
    before = open_store(unreachable_url(), spool)
    keys = [record(before, 1), record(before, 2)]
    before.update_comment(keys[1], "Il manque la salle.")
    before.close()  # the replica stops, the database still unreachable
    assert spool_lines(spool) == 3
    after = open_store(database, spool)  # started again, the database reachable
    wait_until(lambda: after.kept == 0)
    assert [(f.uid, f.comment) for f in after.all()] == [(keys[0], ""), (keys[1], "Il manque la salle.")]
    assert "feedback kept by an earlier run: 2, will write them" in feedback_log() and not spool.exists()


def test_a_kept_thumbs_already_written_is_not_written_twice(database, open_store, tmp_path):
    """As when the connection was lost after the commit: the row is in the table and still in the spool."""
    spool = tmp_path / "data" / "feedback-spool.jsonl"
    down = open_store(unreachable_url(), spool)
    key = record(down, 1)
    down.close()
    kept = spool.read_text(encoding="utf-8")
    first = open_store(database, spool)
    wait_until(lambda: first.kept == 0)
    first.close()
    spool.write_text(kept, encoding="utf-8")
    again = open_store(database, spool)
    wait_until(lambda: again.kept == 0)
    assert [f.uid for f in again.all()] == [key]


def test_a_line_torn_by_a_crash_is_skipped_and_the_rest_written(database, open_store, tmp_path):
    spool = tmp_path / "data" / "feedback-spool.jsonl"
    down = open_store(unreachable_url(), spool)
    keys = [record(down, 1), record(down, 2)]
    down.close()
    with spool.open("a", encoding="utf-8") as stream:
        stream.write('{"feedback": {"uid": "half a li')  # the process died mid-write
    after = open_store(database, spool)
    wait_until(lambda: after.kept == 0)
    assert [f.uid for f in after.all()] == keys


def test_the_spool_of_a_running_replica_is_left_alone_by_another_store(database, open_store, tmp_path):
    """`congress-chat feedback export` on the replica's machine opens a store on the same data folder."""
    spool = tmp_path / "data" / "feedback-spool.jsonl"
    replica = open_store(unreachable_url(), spool, retry_delays=(60, 60))
    record(replica, 1)
    export = open_store(database, spool)
    assert export.kept == 0 and export.all() == [] and spool_lines(spool) == 1
    export.close()
    assert replica.kept == 1 and spool_lines(spool) == 1


def test_the_export_command_says_in_one_line_when_the_database_is_unreachable(tmp_path):
    from conftest import run_cli_here

    env = {"CONGRESS_CHAT_DATA_DIR": str(tmp_path / "data"), "CONGRESS_CHAT_DATABASE_URL": unreachable_url()}
    for out in ((), ("--out", str(tmp_path / "feedback.csv"))):
        result = run_cli_here("feedback", "export", *out, env=env)
        assert result.returncode == 2 and result.stdout == ""
        assert "error: the feedback database is unreachable" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "feedback.csv").exists()


def test_the_organiser_page_says_the_database_is_unreachable_instead_of_failing(open_store):
    """Counts and exports read the database: while it is down the page opens with the reason, and an
    export answers 503 with it (the attendees' thumbs wait in the spool meanwhile)."""
    from types import SimpleNamespace

    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from servers import free_port
    from web.organiser import _counts, export_routes

    service = SimpleNamespace(feedback=open_store(f"postgresql://congress@127.0.0.1:{free_port()}/nowhere"))
    said = _counts(service, "fr")
    assert "👍" not in said and "unreachable" in said.lower(), said
    app = FastAPI()
    app.include_router(export_routes(service))
    response = TestClient(app).get("/export/feedback.csv")
    assert response.status_code == 503
