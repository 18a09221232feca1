"""Attendee feedback is stored durably, in SQLite (the default, WAL mode) or in PostgreSQL (when a
database URL is set, for replicas), with the same behaviour in both: it survives many writers at
once, the comment finds its thumbs by the key `record` returned, it never holds who the attendee
is, and it exports for organisers as CSV or as evaluation cases, from the store the settings name.
What only PostgreSQL does (several replicas, migrations, outages) is in test_feedback_postgres.py."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import make_settings, run_cli_here


def fresh_database(server) -> str:
    """The URL of a new, empty database on `server`."""
    import psycopg

    name = f"feedback_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return server.url.rsplit("/", 1)[0] + "/" + name


@dataclass
class Backend:
    """Where the web chat and `congress-chat feedback export` would find feedback: the settings' data
    folder, and the database URL when there is one (`env`, as the commands read it)."""

    name: str
    env: dict[str, str]

    def settings(self):
        return make_settings(data_dir=Path(self.env["CONGRESS_CHAT_DATA_DIR"]), database_url=self.env.get("CONGRESS_CHAT_DATABASE_URL"))

    def open(self):
        from rag.feedback import open_feedback_store

        return open_feedback_store(self.settings())


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, tmp_path):
    env = {"CONGRESS_CHAT_DATA_DIR": str(tmp_path / "data")}
    if request.param == "postgres":
        env["CONGRESS_CHAT_DATABASE_URL"] = fresh_database(request.getfixturevalue("postgres"))
    return Backend(request.param, env)


@pytest.fixture
def store(backend):
    opened = backend.open()
    yield opened
    opened.close()


def record(store, n: int = 0, rating: int = -1, **overrides) -> str:
    fields = dict(
        rating=rating, question=f"Où a lieu le congrès {n} ?", answer="D'après les documents du congrès : à Marrakech [1]",
        citations=[{"n": 1, "doc_id": "radiologie-smr", "title": "23e édition", "text": "…à Marrakech…"}],
        language="fr", ui_language="fr", history=["Parlez-moi de la SMR"],
    )
    return store.record(**{**fields, **overrides})


def _write_many(env: dict[str, str], worker: int, count: int) -> None:
    store = Backend("", env).open()
    for n in range(count):
        record(store, worker * 1000 + n, rating=1 if n % 2 else -1)
    store.close()


def test_feedback_is_stored_with_question_answer_citations_language_and_time(store):
    key = record(store)
    store.update_comment(key, "  Il manque la date.  ")
    [stored] = store.all()
    assert (stored.rating, stored.question, stored.comment, stored.language) == (-1, "Où a lieu le congrès 0 ?", "Il manque la date.", "fr")
    assert stored.history == ["Parlez-moi de la SMR"] and stored.citations[0]["doc_id"] == "radiologie-smr"
    assert stored.created_at.endswith("+00:00") and stored.uid == key and isinstance(stored.id, int)
    assert store.count() == {"up": 0, "down": 1}


def test_the_comment_finds_its_thumbs_by_the_key_record_returned_and_no_other(store):
    first, second = record(store, 1), record(store, 2)
    store.update_comment(second, "Réponse hors sujet")
    assert [(f.uid, f.comment) for f in store.all()] == [(first, ""), (second, "Réponse hors sujet")]
    for unknown in (str(uuid.uuid4()), "not-a-key"):
        with pytest.raises(KeyError):
            store.update_comment(unknown, "perdu")


def test_the_sqlite_database_is_in_wal_mode_and_holds_nothing_that_identifies_the_attendee(tmp_path):
    from rag.feedback import SqliteFeedbackStore

    store = SqliteFeedbackStore(tmp_path / "feedback.sqlite3")
    record(store)
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = {row[1] for row in connection.execute("PRAGMA table_info(feedback)")}
    assert columns.isdisjoint({"ip", "user_agent", "session", "session_hash", "user", "username", "email", "cookie"})


def test_a_rating_other_than_up_or_down_is_refused(store):
    with pytest.raises(ValueError, match="thumbs up"):
        record(store, rating=5)
    assert store.count() == {"up": 0, "down": 0}


def test_many_threads_and_processes_write_at_once_without_losing_a_rating(backend, store):
    """With PostgreSQL, each process is a replica writing into the one table."""
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_write_many, args=(backend.env, worker, 40)) for worker in range(3)]
    for process in processes:
        process.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: record(store, 90_000 + n, rating=1), range(80)))
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    assert store.count() == {"up": 80 + 3 * 20, "down": 3 * 20}
    assert len({f.question for f in store.all()}) == len({f.uid for f in store.all()}) == 200


def test_csv_export_has_one_row_per_rating(store):
    record(store, 1, rating=1)
    record(store, 2, rating=-1, question='Une "question", avec virgule\net saut de ligne')
    stream = io.StringIO()
    assert store.export_csv(stream) == 2
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [row["rating"] for row in rows] == ["1", "-1"]
    assert rows[1]["question"] == 'Une "question", avec virgule\net saut de ligne'
    assert [row["uid"] for row in rows] == [f.uid for f in store.all()]


def test_jsonl_export_turns_thumbs_down_into_evaluation_cases_to_complete(store, tmp_path):
    from eval.harness import load_cases

    record(store, 1, rating=1)
    record(store, 2, rating=-1)
    path = tmp_path / "cases.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        assert store.export_jsonl(stream) == 1
    [case] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert case["question"] == "Où a lieu le congrès 2 ?" and case["history"] == ["Parlez-moi de la SMR"]
    assert case["answered"].startswith("D'après") and case["answered_citations"] == ["radiologie-smr"]
    assert case["answer"] == "" and case["must_contain"] == [] and case["doc_ids"] == []
    cases, problems = load_cases(path)
    assert problems == [] and cases[0].question == case["question"] and cases[0].history == case["history"]


def test_feedback_export_command_reads_the_store_the_settings_name(backend, store, tmp_path):
    record(store, 1, rating=1)
    record(store, 2, rating=-1)
    jsonl = run_cli_here("feedback", "export", "--format", "jsonl", env=backend.env)
    assert jsonl.returncode == 0 and len(jsonl.stdout.splitlines()) == 1, jsonl.stderr
    assert "exported 1 thumbs-down" in jsonl.stderr
    out = tmp_path / "export" / "feedback.csv"
    written = run_cli_here("feedback", "export", "--format", "csv", "--out", str(out), env=backend.env)
    assert written.returncode == 0 and len(list(csv.reader(out.open(encoding="utf-8")))) == 3
    assert (Path(backend.env["CONGRESS_CHAT_DATA_DIR"]) / "feedback.sqlite3").exists() == (backend.name == "sqlite")


def test_feedback_export_without_feedback_says_so(tmp_path):
    result = run_cli_here("feedback", "export", env={"CONGRESS_CHAT_DATA_DIR": str(tmp_path / "empty")})
    assert result.returncode == 2 and "no feedback yet" in result.stderr


def test_a_sqlite_database_from_before_the_key_column_is_upgraded_with_its_rows(tmp_path):
    """Databases written before the `uid` column (schema version 1) get it, a key for each old row too."""
    from rag.feedback import SqliteFeedbackStore
    from rag.feedback.migrations import migrations

    path = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(migrations("sqlite")[0].sql + "PRAGMA user_version = 1;")
        connection.execute("INSERT INTO feedback (created_at, rating, question, answer) VALUES ('2026-05-14T10:00:00+00:00', -1, 'Q ?', 'R')")
    store = SqliteFeedbackStore(path)
    [old] = store.all()
    assert (old.question, old.rating) == ("Q ?", -1) and old.uid
    store.update_comment(old.uid, "ajouté après la mise à jour")
    new = record(store, 1)
    assert [f.comment for f in store.all()] == ["ajouté après la mise à jour", ""] and store.all()[1].uid == new
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == len(migrations("sqlite"))


def test_sqlite_stores_opening_a_new_database_at_once_apply_its_migrations_once(tmp_path):
    from rag.feedback import SqliteFeedbackStore

    path = tmp_path / "feedback.sqlite3"
    with ThreadPoolExecutor(max_workers=6) as pool:
        stores = list(pool.map(lambda _: SqliteFeedbackStore(path), range(6)))
    record(stores[0])
    assert stores[-1].count() == {"up": 0, "down": 1}
