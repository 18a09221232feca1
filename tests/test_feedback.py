"""Attendee feedback is stored durably (SQLite in WAL mode), survives many writers at once,
never holds who the attendee is, and exports for organisers as CSV or as evaluation cases."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import sqlite3
from concurrent.futures import ThreadPoolExecutor

from conftest import run_cli_here


def store_at(path):
    from rag.feedback import FeedbackStore

    return FeedbackStore(path)


def record(store, n: int = 0, rating: int = -1, **overrides) -> int:
    fields = dict(
        rating=rating, question=f"Où a lieu le congrès {n} ?", answer="D'après les documents du congrès : à Marrakech [1]",
        citations=[{"n": 1, "doc_id": "radiologie-smr", "title": "23e édition", "text": "…à Marrakech…"}],
        language="fr", ui_language="fr", history=["Parlez-moi de la SMR"],
    )
    return store.record(**{**fields, **overrides})


def _write_many(path: str, worker: int, count: int) -> None:
    store = store_at(path)
    for n in range(count):
        record(store, worker * 1000 + n, rating=1 if n % 2 else -1)


def test_feedback_is_stored_with_question_answer_citations_language_and_time(tmp_path):
    store = store_at(tmp_path / "feedback.sqlite3")
    feedback_id = record(store)
    store.update_comment(feedback_id, "  Il manque la date.  ")
    [stored] = store.all()
    assert (stored.rating, stored.question, stored.comment, stored.language) == (-1, "Où a lieu le congrès 0 ?", "Il manque la date.", "fr")
    assert stored.history == ["Parlez-moi de la SMR"] and stored.citations[0]["doc_id"] == "radiologie-smr"
    assert stored.created_at.endswith("+00:00")
    assert store.count() == {"up": 0, "down": 1}


def test_the_database_is_in_wal_mode_and_holds_nothing_that_identifies_the_attendee(tmp_path):
    store = store_at(tmp_path / "feedback.sqlite3")
    record(store)
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = {row[1] for row in connection.execute("PRAGMA table_info(feedback)")}
    assert columns.isdisjoint({"ip", "user_agent", "session", "session_hash", "user", "username", "email", "cookie"})


def test_a_rating_other_than_up_or_down_is_refused(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="thumbs up"):
        record(store_at(tmp_path / "feedback.sqlite3"), rating=5)


def test_many_threads_and_processes_write_at_once_without_losing_a_rating(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    store = store_at(path)
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_write_many, args=(str(path), worker, 40)) for worker in range(3)]
    for process in processes:
        process.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: record(store, 90_000 + n, rating=1), range(80)))
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    assert store.count() == {"up": 80 + 3 * 20, "down": 3 * 20}
    assert len({f.question for f in store.all()}) == 200


def test_csv_export_has_one_row_per_rating(tmp_path):
    store = store_at(tmp_path / "feedback.sqlite3")
    record(store, 1, rating=1)
    record(store, 2, rating=-1, question='Une "question", avec virgule\net saut de ligne')
    stream = io.StringIO()
    assert store.export_csv(stream) == 2
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [row["rating"] for row in rows] == ["1", "-1"]
    assert rows[1]["question"] == 'Une "question", avec virgule\net saut de ligne'


def test_jsonl_export_turns_thumbs_down_into_evaluation_cases_to_complete(tmp_path):
    from eval.harness import load_cases

    store = store_at(tmp_path / "feedback.sqlite3")
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


def test_feedback_export_command(tmp_path):
    data = tmp_path / "data"
    store = store_at(data / "feedback.sqlite3")
    record(store, 1, rating=1)
    record(store, 2, rating=-1)
    env = {"CONGRESS_CHAT_DATA_DIR": str(data)}
    jsonl = run_cli_here("feedback", "export", "--format", "jsonl", env=env)
    assert jsonl.returncode == 0 and len(jsonl.stdout.splitlines()) == 1
    assert "exported 1 thumbs-down" in jsonl.stderr
    out = tmp_path / "export" / "feedback.csv"
    written = run_cli_here("feedback", "export", "--format", "csv", "--out", str(out), env=env)
    assert written.returncode == 0 and len(list(csv.reader(out.open(encoding="utf-8")))) == 3


def test_feedback_export_without_feedback_says_so(tmp_path):
    result = run_cli_here("feedback", "export", env={"CONGRESS_CHAT_DATA_DIR": str(tmp_path / "empty")})
    assert result.returncode == 2 and "no feedback yet" in result.stderr
