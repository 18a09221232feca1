"""Replicas that share one index, as several machines serving one congress run them: every
`congress-chat serve` answers from the generation the last rebuild made current, whoever ran it;
one rebuild of an index runs at a time across them (a PostgreSQL advisory lock, which a killed
holder does not keep); each says whether it runs (/healthz) and whether it answers (/readyz), and
logs one JSON line per event, never an attendee's question.

Real parts: two `congress-chat serve` processes over one data folder (a copy of the shipped corpus),
a Chroma server, a PostgreSQL cluster and the e5 model; questions go through Gradio's queue as a
browser's do (`bench/load.py`'s client). The replicas build their index once for the module."""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from conftest import CLI, ROOT, SHIPPED_CORPUS, bench_module, copy_articles, make_settings
from servers import Replica, chroma_server, start_replica, stop_all, watch_start

RUNNING = "another rebuild of this index is running; try again when it finishes"
SHUTTLE = "# Navette (note fictive)\n\nUne navette gratuite relie l'hôtel Atlas au palais des congrès toutes les trente minutes.\n"
SHUTTLE_QUESTION = "Y a-t-il une navette pour le palais des congrès ?"


def long_note(name: str) -> str:
    """A fictional practical note long enough that embedding it keeps a rebuild busy for a few seconds."""
    lines = [f"# {name} (note pratique fictive)", ""]
    for n in range(40):
        lines.append(f"Le point d'information {n} du hall {n % 5} renseigne les participants sur les horaires, les salles "
                     f"et les ateliers de la journée {n % 3 + 1}, du matin jusqu'à la séance de clôture.\n")
    return "\n".join(lines)


# --- the servers -------------------------------------------------------------------------

@dataclass
class Shared:
    corpus: Path
    chroma_url: str
    env: dict[str, str]
    database_url: str
    replicas: list[Replica]

    def ingest(self, **popen) -> subprocess.Popen:
        """`congress-chat ingest` as a third process on the replicas' index, with text output."""
        return subprocess.Popen([*CLI, "ingest", "--quiet"], cwd=ROOT, env={**self.env, "CONGRESS_CHAT_LOG_FORMAT": "text"},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)

    def current(self) -> int:
        from rag.index import IndexLayout

        return IndexLayout(self.index_dir()).current_generation()

    def index_dir(self) -> Path:
        return make_settings(corpus_dir=self.corpus, data_dir=Path(self.env["CONGRESS_CHAT_DATA_DIR"])).resolved_index_dir()

    def kept(self) -> tuple[list[int], list[int]]:
        """The generations kept: their folders, and their collections in the Chroma server."""
        import re

        import chromadb
        from chromadb.config import Settings as ChromaSettings

        host, port = self.chroma_url.removeprefix("http://").split(":")
        client = chromadb.HttpClient(host=host, port=int(port), settings=ChromaSettings(anonymized_telemetry=False))
        names = [collection.name for collection in client.list_collections()]
        folders = sorted(int(p.name.removeprefix("gen-")) for p in self.index_dir().glob("gen-*"))
        return folders, sorted(int(re.search(r"-g(\d+)-", name).group(1)) for name in names)


@pytest.fixture(scope="module")
def shared(tmp_path_factory, postgres):
    """Two replicas started at once on an empty shared index: one builds it, the other waits for it."""
    root = tmp_path_factory.mktemp("shared")
    corpus = root / "corpus"
    shutil.copytree(SHIPPED_CORPUS, corpus)
    with chroma_server(root / "chroma") as chroma_url:
        env = {key: value for key, value in os.environ.items() if not key.startswith("CONGRESS_CHAT_")}
        env.update(CONGRESS_CHAT_DATA_DIR=str(root / "data"), CONGRESS_CHAT_CORPUS_DIR=str(corpus), CONGRESS_CHAT_CHROMA_URL=chroma_url,
                   CONGRESS_CHAT_DATABASE_URL=postgres.url, CONGRESS_CHAT_INDEX_POLL_SECONDS="0.5", CONGRESS_CHAT_LOG_FORMAT="json",
                   CONGRESS_CHAT_INGEST_WORKERS="1")
        started = [start_replica(CLI, name, root, env, ROOT) for name in ("a", "b")]
        try:
            yield Shared(corpus, chroma_url, env, postgres.url, watch_start(started))
        finally:
            stop_all([process for _, _, process, _ in started])


def ask(replica: Replica, question: str, language: str = "fr") -> str:
    """The chat's answer to `question`, through Gradio's queue (`bench/load.py`'s client)."""
    load = bench_module("load")
    with httpx.Client(timeout=60) as client:
        output = load.ask_through_queue(client, replica.url, load.respond_event(replica.url), uuid.uuid4().hex[:11],
                                        [question, None, None, None, language, None])
    return json.dumps(output[0][-1]["content"], ensure_ascii=False)


def wait_for_generation(replicas: list[Replica], generation: int, timeout: float = 30) -> dict[str, float]:
    """When (wall clock) each replica's /readyz first said `generation`."""
    deadline = time.monotonic() + timeout
    seen: dict[str, float] = {}
    while len(seen) < len(replicas):
        assert time.monotonic() < deadline, f"after {timeout:.0f} s only {sorted(seen)} answer from generation {generation}"
        for replica in replicas:
            if replica.name not in seen and replica.ready()["generation"] == generation:
                seen[replica.name] = time.time()
        time.sleep(0.05)
    return seen


def rebuild_locks(database_url: str, index_dir: Path) -> int:
    """Advisory locks granted now on the rebuild lock's key of the index at `index_dir`."""
    import psycopg

    from rag.index import IndexLayout
    from rag.rebuild_lock import lock_key

    key = lock_key(IndexLayout(index_dir).identity()) % 2**64  # PostgreSQL shows a bigint key as two 32-bit halves
    with psycopg.connect(database_url, autocommit=True) as connection:
        rows = connection.execute("SELECT classid::text, objid::text FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1")
        return sum(1 for high, low in rows if (int(high) << 32 | int(low)) == key)


# --- the replicas --------------------------------------------------------------------------

def test_a_replica_is_alive_at_once_and_ready_once_its_index_is_loaded(shared):
    for replica in shared.replicas:
        assert replica.while_loading["/healthz"] == (200, "ok"), replica.name
        status, body = replica.while_loading["/readyz"]
        assert status == 503 and json.loads(body) == {"loading": True, "replica": f"replica-{replica.name}"}
        status, page = replica.while_loading["/"]
        assert status == 503 and "se prépare" in page and "getting ready" in page and 'http-equiv="refresh"' in page
        assert httpx.get(replica.url + "healthz").text == "ok"


def test_both_replicas_answer_from_the_same_generation(shared):
    a, b = (replica.ready() for replica in shared.replicas)
    assert a["generation"] == b["generation"] == shared.current() == 1, "one replica built the index, the other waited for it"
    assert a["embedder"] == b["embedder"] == "e5-small" and a["documents"] == b["documents"] == 6
    assert (a["replica"], b["replica"]) == ("replica-a", "replica-b")
    for replica in shared.replicas:
        assert "18 et 19 novembre" in ask(replica, "Quand a lieu le congrès de l'OMM ?"), replica.name
    waited = [r["message"] for r in shared.replicas[1].records() + shared.replicas[0].records() if r["logger"] == "cli"]
    assert "Another process is building it: waiting for it to finish…" in waited


def test_a_rebuild_by_another_process_is_served_by_every_replica_within_seconds(shared):
    before = shared.current()
    assert "navette gratuite" not in ask(shared.replicas[1], SHUTTLE_QUESTION)
    (shared.corpus / "navette.md").write_text(SHUTTLE, encoding="utf-8")
    rebuild = shared.ingest()
    _, err = rebuild.communicate(timeout=180)
    exited = time.time() - (shared.index_dir() / "CURRENT").stat().st_mtime
    assert rebuild.returncode == 0, err
    current = shared.current()
    assert current == before + 1
    switched_at = (shared.index_dir() / "CURRENT").stat().st_mtime
    seen = {name: round(at - switched_at, 2) for name, at in wait_for_generation(shared.replicas, current).items()}
    logged = {replica.name: next(r["seconds_since_switched"] for r in replica.records()
                                 if r["message"] == "switched index generation" and r["to_generation"] == current)
              for replica in shared.replicas}
    print(f"\ngeneration {current} (made current by `congress-chat ingest`) answering on each replica, seconds after the switch: "
          f"{logged} as the replicas log it, at most {seen} as /readyz was seen (poll every 0.5 s; ingest exited {exited:.2f} s after)")
    assert max(logged.values()) < 5 and max(seen.values()) < 10
    assert "navette gratuite" in ask(shared.replicas[1], SHUTTLE_QUESTION)
    switches = [r for r in shared.replicas[1].records() if r["message"] == "switched index generation" and r["to_generation"] == current]
    assert len(switches) == 1 and switches[0]["from_generation"] == before and switches[0]["made_by"] == "another process"
    assert shared.kept() == ([before, current], [before, current]), "the previous generation stays readable"


def test_two_rebuilds_at_once_one_runs_the_other_is_told(shared):
    before = shared.current()
    (shared.corpus / "accueil.md").write_text(long_note("Accueil"), encoding="utf-8")
    both = [shared.ingest(), shared.ingest()]
    outcomes = sorted(((*process.communicate(timeout=180), process.returncode) for process in both), key=lambda outcome: outcome[2])
    (ran_out, ran_err, ran), (_, refused_err, refused) = outcomes
    assert ran == 0 and "Indexed" in ran_out, ran_err
    assert refused == 2 and refused_err.strip().splitlines() == [f"error: {RUNNING}"]
    assert shared.current() == before + 1, "exactly one new generation"
    assert shared.kept() == ([before, before + 1], [before, before + 1]), "older generations removed, folders and collections"
    wait_for_generation(shared.replicas, before + 1)


def test_a_killed_rebuild_leaves_no_lock_behind(shared):
    before = shared.current()
    (shared.corpus / "vestiaire.md").write_text(long_note("Vestiaire"), encoding="utf-8")
    doomed = shared.ingest()
    deadline = time.monotonic() + 60
    while rebuild_locks(shared.database_url, shared.index_dir()) == 0:
        assert doomed.poll() is None and time.monotonic() < deadline, "the rebuild never took its lock"
        time.sleep(0.05)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=30)
    deadline = time.monotonic() + 10
    while rebuild_locks(shared.database_url, shared.index_dir()):
        assert time.monotonic() < deadline, "PostgreSQL kept the killed process's lock"
        time.sleep(0.05)
    assert shared.current() == before and all(r.ready()["generation"] == before for r in shared.replicas), "the previous generation answers"
    again = shared.ingest()
    _, err = again.communicate(timeout=180)
    assert again.returncode == 0, err
    assert shared.current() == before + 1
    assert shared.kept() == ([before, before + 1], [before, before + 1]), "nothing left of the killed rebuild"
    wait_for_generation(shared.replicas, before + 1)


def test_the_logs_are_json_lines_that_never_hold_a_question(shared):
    question = "Qui préside la Société Marocaine de Radiologie ?"
    ask(shared.replicas[0], question)
    for replica in shared.replicas:
        lines = [line for line in replica.log.read_text(encoding="utf-8").splitlines() if line.strip()]
        records = [json.loads(line) for line in lines]  # every line is one JSON object
        assert all({"time", "level", "logger", "message", "replica"} <= record.keys() for record in records)
        assert {record["replica"] for record in records} == {f"replica-{replica.name}"}
        ready = [r for r in records if r["message"] == "ready"]
        assert len(ready) == 1 and ready[0]["generation"] == 1 and ready[0]["documents"] == 6 and ready[0]["load_seconds"] > 0
        answered = [r for r in records if r["message"] == "answered"]
        assert answered and all({"language", "latency_ms", "refused", "generation"} <= r.keys() for r in answered)
        text = "\n".join(lines)
        for asked in (question, SHUTTLE_QUESTION, "Quand a lieu le congrès de l'OMM ?"):
            assert asked not in text and json.dumps(asked)[1:-1] not in text, "a question was logged"
    rebuilds = [r for r in shared.replicas[0].records() + shared.replicas[1].records() if r["logger"].startswith("rag.")]
    assert sum(r["message"] == "rebuild finished" and not r["up_to_date"] for r in rebuilds) == 1, "one replica built the index"
    assert any(r["message"] == "rebuild refused: another rebuild of this index is running" for r in rebuilds), "the other waited"


# --- in one process --------------------------------------------------------------------------

def test_the_advisory_lock_holds_one_index_and_is_free_when_released(tmp_path, postgres):
    from rag.errors import RebuildRunningError
    from rag.ingest import ingest
    from rag.rebuild_lock import AdvisoryLock, rebuild_lock

    corpus = copy_articles(tmp_path / "corpus")
    (tmp_path / "mount").symlink_to(tmp_path, target_is_directory=True)
    one = make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", database_url=postgres.url)
    same_elsewhere = make_settings(corpus_dir=corpus, index_dir=tmp_path / "mount" / "index", database_url=postgres.url)
    other = make_settings(corpus_dir=corpus, index_dir=tmp_path / "other-index", database_url=postgres.url)
    with rebuild_lock(one) as held:
        assert isinstance(held, AdvisoryLock)
        with pytest.raises(RebuildRunningError, match=RUNNING):
            with rebuild_lock(same_elsewhere):  # another mount of the same folder: the same index
                pass
        with pytest.raises(RebuildRunningError, match=RUNNING):
            ingest(one)
        with rebuild_lock(other):  # another index is not blocked
            held.confirm()
    with rebuild_lock(same_elsewhere):
        pass
    assert rebuild_locks(postgres.url, tmp_path / "index") == 0


def test_without_a_database_the_lock_is_a_file_lock_of_one_machine(tmp_path):
    from rag.errors import RebuildRunningError
    from rag.rebuild_lock import FileLock, rebuild_lock

    settings = make_settings(index_dir=tmp_path / "index")
    with rebuild_lock(settings) as held:
        assert isinstance(held, FileLock)
        with pytest.raises(RebuildRunningError, match=RUNNING):
            with rebuild_lock(settings):
                pass
    with rebuild_lock(settings):
        pass


def test_the_watcher_loads_a_new_generation_off_the_request_path_and_retries_a_broken_one(tmp_path, caplog):
    from rag.assistant import Assistant
    from rag.index import IndexLayout
    from rag.ingest import ingest
    from web.service import ChatService

    caplog.set_level(logging.INFO, logger="web.service")

    def failures() -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.name == "web.service" and r.levelno == logging.WARNING]

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SHIPPED_CORPUS / "oncologie-omm-2e-congres-marrakech.md", corpus)
    settings = make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", ingest_workers=1)
    ingest(settings)
    service = ChatService(Assistant(settings), settings)
    old = service.assistant
    assert not service.check_index(), "nothing new"
    (settings.corpus_dir / "navette.md").write_text(SHUTTLE, encoding="utf-8")
    ingest(settings)  # as another replica would
    assert service.check_index() and service.assistant.index.generation == 2
    assert service.assistant.embedder is old.embedder, "one encoder in memory, not one per generation"
    assert "navette" in service.assistant.ask(SHUTTLE_QUESTION).answer.lower()
    assert "18 et 19 novembre" in old.ask("Quand a lieu le congrès de l'OMM ?").answer, "a question in flight on the previous generation is answered"

    layout = IndexLayout(settings.index_dir)
    shutil.copytree(layout.generation_dir(2), layout.generation_dir(3))
    chunks = layout.generation_dir(3) / "chunks.jsonl"
    whole = chunks.read_text(encoding="utf-8")
    chunks.write_text(whole[: len(whole) // 2].rsplit("\n", 1)[0] + "\n", encoding="utf-8")  # half written
    layout.switch_to(3)
    watcher = service.follow_index(0.05)
    try:
        deadline = time.monotonic() + 30
        while not failures():
            assert time.monotonic() < deadline, "the failed load was not logged"
            time.sleep(0.05)
        assert service.assistant.index.generation == 2 and service.readiness()["generation"] == 2, "generation 2 still answers"
        chunks.write_text(whole, encoding="utf-8")
        while service.assistant.index.generation != 3:
            assert time.monotonic() < deadline, "the repaired generation was not loaded"
            time.sleep(0.05)
    finally:
        service.stop_following()
        watcher.join(timeout=60)
    switch = next(r for r in caplog.records if r.getMessage() == "switched index generation" and r.to_generation == 3)
    assert switch.from_generation == 2 and switch.made_by == "another process"
    failure = failures()[0]
    assert failure.generation == 2 and "sentence vectors do not match" in failure.error


def test_the_organiser_is_told_when_another_replica_rebuilds(tmp_path, postgres):
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from rag.rebuild_lock import rebuild_lock
    from web.organiser import organiser_page
    from web.service import ChatService

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SHIPPED_CORPUS / "oncologie-omm-2e-congres-marrakech.md", corpus)
    settings = make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", database_url=postgres.url, ingest_workers=1)
    ingest(settings)
    page = organiser_page(ChatService(Assistant(settings), settings))
    rebuild = next(block.fn for block in page.fns.values() if block.name == "rebuild")
    with rebuild_lock(settings):  # another replica's rebuild, on its own connection
        status, *_ = rebuild(None, "fr")
    assert status == RUNNING
    status, *_ = rebuild(None, "fr")
    assert status == "L'index est déjà à jour.", "the lock released, the next rebuild runs"


def test_log_records_as_json_lines_and_as_text():
    from rag.logs import configure_logging

    records = logging.getLogger("web.service")
    for log_format, replica in (("json", "replica-7"), ("text", None)):
        stream = io.StringIO()
        handler = configure_logging(make_settings(log_format=log_format, replica_name=replica), stream=stream)
        try:
            records.info("answered", extra={"language": "ar", "latency_ms": 41.5, "refused": False, "generation": 3})
            logging.getLogger("bm25s").debug("a library's chatter")
        finally:
            logging.getLogger().removeHandler(handler)
        line = stream.getvalue().strip()
        assert "\n" not in line, "one line per record, the library's debug left out"
        if log_format == "json":
            record = json.loads(line)
            assert record["message"] == "answered" and record["level"] == "info" and record["logger"] == "web.service"
            assert record["replica"] == "replica-7" and (record["language"], record["latency_ms"], record["generation"]) == ("ar", 41.5, 3)
        else:
            assert line.endswith("INFO web.service: answered language=ar latency_ms=41.5 refused=False generation=3")
