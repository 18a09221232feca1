"""Shared fixtures. Every test runs with its own data dir (no test touches a user's index);
indexes over the shipped corpus, the fictional corpora and the dev set are built once per
session, for real: real documents, the real multilingual model, a real Chroma store on disk.
The shipped corpus's and the fictional programme's are built in this process (tests that
index copies of their files find the vectors in the embedder's memory); the fictional
editions' and the dev set's, with the run of their test sets, by `congress-chat eval` in the
background, from the first test on, and then the speed benchmark's smoke run
(`background_evaluations`)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_CORPUS = ROOT / "corpus"
FICTIONAL_CORPUS = ROOT / "eval" / "corpora" / "fictional-editions"
PROGRAMME_CORPUS = ROOT / "eval" / "corpora" / "programme-fictif"
DEVSET = ROOT.parent / "shared" / "devset"  # the real dev set, beside the checkout, never copied into it
CLI = [str(Path(sys.executable).parent / "congress-chat")]


def _snapshot(folder: Path) -> dict[str, int]:
    if not folder.is_dir():
        return {}
    return {str(path): path.stat().st_mtime_ns for path in folder.rglob("*")}


@pytest.fixture(scope="session", autouse=True)
def _session_data_dir(tmp_path_factory):
    """Session fixtures (built before any test's own data dir exists) and the subprocesses they
    start get a temporary data dir too; at the end, the user's `.congress-chat/` (beside the
    repository, in the working directory, at home) must be as it was."""
    watched = {ROOT / ".congress-chat", Path.cwd() / ".congress-chat", Path.home() / ".congress-chat"}
    before = {folder: _snapshot(folder) for folder in watched}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONGRESS_CHAT_DATA_DIR", str(tmp_path_factory.mktemp("session-data")))
        yield
    touched = [str(folder) for folder in watched if _snapshot(folder) != before[folder]]
    assert not touched, f"the test suite wrote into the user's data dir: {touched}"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CONGRESS_CHAT_DATA_DIR", str(tmp_path / "data"))
    for name in list(os.environ):
        if name.startswith("CONGRESS_CHAT_") and name != "CONGRESS_CHAT_DATA_DIR":
            monkeypatch.delenv(name)


def encoder_calls(assistant, monkeypatch, *, answerer: bool) -> list[list[str]]:
    """The texts the assistant's encoder is asked to encode as questions, call by call: those of
    the extractive answerer (`rag.answering`: the question's focus) when `answerer`, else those of
    the search and the schedule."""
    calls: list[list[str]] = []
    encode = assistant.embedder.query_array

    def recording(texts):
        if (Path(sys._getframe(1).f_code.co_filename).parent.name == "answering") == answerer:
            calls.append(list(texts))
        return encode(texts)

    monkeypatch.setattr(assistant.embedder, "query_array", recording)
    return calls


def bench_module(name: str):
    """`bench/<name>.py`, imported as `bench.<name>` (the benchmarks import each other so)."""
    import importlib

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module(f"bench.{name}")


@contextlib.contextmanager
def serving(app):
    """The ASGI `app` served by uvicorn in a thread on a free loopback port: yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def make_settings(**overrides):
    from rag.settings import Settings

    return Settings(**overrides)


@pytest.fixture(scope="session")
def shipped_index(tmp_path_factory):
    """Settings of an index built once over the shipped corpus."""
    from rag.ingest import ingest

    index_dir = tmp_path_factory.mktemp("shipped-index")
    settings = make_settings(corpus_dir=SHIPPED_CORPUS, index_dir=index_dir)
    ingest(settings)
    return settings


@pytest.fixture(scope="session")
def shipped_assistant(shipped_index):
    from rag.assistant import Assistant

    return Assistant(shipped_index)


@pytest.fixture(scope="session")
def programme_assistant(tmp_path_factory):
    """Over the fictional JNOF programme (a pretalx export), for schedule questions."""
    from rag.assistant import Assistant
    from rag.ingest import ingest

    settings = make_settings(corpus_dir=PROGRAMME_CORPUS, index_dir=tmp_path_factory.mktemp("programme-index"))
    ingest(settings)  # here, not in the background: the web tests index its JNOF programme again
    return Assistant(settings)


@dataclass(frozen=True)
class Evaluation:
    """A test set run by `congress-chat eval` over an index it built."""

    settings: Any  # rag.settings.Settings of the corpus and its index
    summary: dict[str, dict[str, float]]  # as eval.harness.summarise gives it
    skipped_lines: list[str]  # lines of the test set that could not be read


# Evaluations run in the background (no other test embeds their corpus's passages), in the
# order test_quality needs them: fixture → (corpus, test set, further options of `congress-chat eval`).
# The dev set's questions are also asked without their article: many more unanswerable questions
# (kind `without_article`) than the set's own.
BACKGROUND_EVALUATIONS = {
    "editions_evaluation": (FICTIONAL_CORPUS, ROOT / "eval" / "sets" / "editions.jsonl", ()),
    "devset_evaluation": (DEVSET / "corpus", DEVSET / "questions.jsonl", ("--without-answering-articles",)),
}


@dataclass(frozen=True)
class SpeedBenchmark:
    """A run of `bench/speed.py`, as test_bench_speed reads it."""

    status: int  # its exit status
    printed: str  # its standard output: the tables
    errors: str  # its standard error: the progress lines, or what went wrong
    out: Path  # its --out folder (speed.md, speed.json)


def a_question_set(folder: Path) -> Path:
    """`folder`, a question set as the dev set lies: three questions of the shipped set (one a
    follow-up) in questions.jsonl, and the shipped corpus they are about as corpus/."""
    folder.mkdir()
    lines = (ROOT / "eval" / "sets" / "shipped.jsonl").read_text(encoding="utf-8").splitlines()
    follow_up = next(line for line in lines if json.loads(line).get("history"))
    (folder / "questions.jsonl").write_text("\n".join([lines[0], lines[-1], follow_up]) + "\n", encoding="utf-8")
    (folder / "corpus").symlink_to(SHIPPED_CORPUS)
    return folder


def speed_benchmark_command(folder: Path) -> list[str]:
    """`bench/speed.py` as its smoke test runs it, writing into `folder`: a synthetic corpus of 30
    chunks, the fast encoder, three timed template questions per system and corpus, and the real
    questions of `a_question_set`."""
    questions = a_question_set(folder / "questions")
    return [sys.executable, str(ROOT / "bench" / "speed.py"), "--chunks", "30", "--asks", "3", "--embedder", "use-m3",
            "--out", str(folder / "out"), "--question-set", str(questions)]


# Fixtures of the work run in the background: the evaluations, then the speed benchmark's smoke
# run (nine processes one after another, each system and corpus in its own as the benchmark
# measures them: about forty seconds of a core, which the evaluations leave idle once they are done).
BACKGROUND_FIXTURES = (*BACKGROUND_EVALUATIONS, "speed_benchmark")


def pytest_collection_modifyitems(session, config, items):
    """The tests that read the work done in the background run last, so that the tests before them
    leave it time to finish (a stable sort: the order is otherwise the files')."""
    items.sort(key=lambda item: bool(set(item.fixturenames) & set(BACKGROUND_FIXTURES)))


@pytest.fixture(scope="session", autouse=True)
def background_evaluations(request, tmp_path_factory, _session_data_dir):
    """The evaluations the selected tests need, as futures, run one after another by
    `congress-chat eval` (which builds the index first; one process, one thread) from the first
    test on, then the speed benchmark's smoke run if it is selected: the core the tests leave idle
    builds and evaluates while the tests before test_quality run (two and a half minutes of a
    six-minute suite, when this process did it)."""
    needed = {name for item in request.session.items for name in item.fixturenames}
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONGRESS_CHAT_")}
    env.update(CONGRESS_CHAT_DATA_DIR=os.environ["CONGRESS_CHAT_DATA_DIR"], CONGRESS_CHAT_INGEST_WORKERS="1", CONGRESS_CHAT_THREADS="1")
    running: list[subprocess.Popen] = []

    def run(command: list[str]) -> tuple[int, str, str]:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT) as process:
            running.append(process)
            stdout, stderr = process.communicate()
        return process.returncode, stdout, stderr

    def evaluate(corpus: Path, test_set: Path, options: tuple[str, ...], folder: Path) -> tuple[Path, Path]:
        index_dir, out = folder / "index", folder / "eval"
        status, stdout, stderr = run([*CLI, "eval", str(test_set), "--corpus", str(corpus), "--index", str(index_dir), "--out", str(out), *options])
        if status not in (0, 3):  # 3: lines of the set skipped, which the tests look at
            raise RuntimeError(f"congress-chat eval {test_set} failed (exit status {status}):\n{stdout}{stderr}")
        return index_dir, out

    def benchmark(folder: Path) -> SpeedBenchmark:
        return SpeedBenchmark(*run(speed_benchmark_command(folder)), folder / "out")

    runs: dict[str, Future] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="background-eval") as runner:
        for fixture, (corpus, test_set, options) in BACKGROUND_EVALUATIONS.items():
            if fixture in needed and test_set.is_file():
                runs[fixture] = runner.submit(evaluate, corpus, test_set, options, tmp_path_factory.mktemp(fixture))
        if "speed_benchmark" in needed:
            runs["speed_benchmark"] = runner.submit(benchmark, tmp_path_factory.mktemp("speed-benchmark"))
        yield runs
        runner.shutdown(wait=False, cancel_futures=True)
        for process in running:  # one still running when the session ends (-x, a failure)
            if process.poll() is None:
                process.kill()


def background_evaluation(runs: dict[str, Future], fixture: str) -> Evaluation:
    """The evaluation run in the background for `fixture`, once it has finished."""
    index_dir, out = runs[fixture].result()
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    corpus, _, _ = BACKGROUND_EVALUATIONS[fixture]
    return Evaluation(make_settings(corpus_dir=corpus, index_dir=index_dir), metrics["summary"], metrics["run"]["skipped_lines"])


@pytest.fixture(scope="session")
def editions_evaluation(background_evaluations) -> Evaluation:
    """The fictional editions (eval/corpora/fictional-editions) and their test set."""
    return background_evaluation(background_evaluations, "editions_evaluation")


@pytest.fixture(scope="session")
def fictional_assistant(editions_evaluation):
    from rag.assistant import Assistant

    return Assistant(editions_evaluation.settings)


@pytest.fixture(scope="session")
def speed_benchmark(background_evaluations) -> SpeedBenchmark:
    """The speed benchmark's smoke run (`speed_benchmark_command`), once it has finished."""
    return background_evaluations["speed_benchmark"].result()


@pytest.fixture(scope="session")
def devset_evaluation(background_evaluations) -> Evaluation:
    """The real dev set (40 real articles, 130 questions), read from ../shared/devset, never copied here."""
    if "devset_evaluation" not in background_evaluations:
        pytest.skip(f"the real dev set is not beside this checkout ({DEVSET} is absent)")
    return background_evaluation(background_evaluations, "devset_evaluation")


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the shipped corpus's three articles (programmes have their own tests)."""
    return copy_articles(tmp_path / "corpus")


def copy_articles(target: Path) -> Path:
    """`target`, a new folder holding a copy of the shipped corpus's articles."""
    target.mkdir()
    for article in SHIPPED_CORPUS.glob("*.md"):
        shutil.copy(article, target / article.name)
    return target


def run_cli(*args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=full_env, timeout=timeout, cwd=ROOT)


def run_cli_here(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command line's `main` (what the installed `congress-chat` runs) called in this process,
    with `env` set, its output captured: exit status, standard output and error as `run_cli` gives
    them, without a new Python loading its libraries, language detector and encoder on each call
    (about 4 s). What only a process shows (the installed command, signals, what start-up loads)
    is tested with `run_cli`."""
    import contextlib
    import io
    import signal

    import cli

    out, err = io.StringIO(), io.StringIO()
    handler = signal.getsignal(signal.SIGTERM)  # `main` installs its own for SIGTERM
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        patch.chdir(ROOT)
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        try:
            status = cli.main(list(args))
        except SystemExit as exit:  # argparse's usage errors and --help; as Python exits on each
            status = 0 if exit.code is None else exit.code if isinstance(exit.code, int) else 1
        finally:
            signal.signal(signal.SIGTERM, handler)
    return subprocess.CompletedProcess([*CLI, *args], status, out.getvalue(), err.getvalue())


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """The process exists and is not a zombie (Linux)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def postgres():
    """A real PostgreSQL server for the module (`tests/servers.py`), skipped with the reason where none can run."""
    from servers import postgres_missing_reason, postgres_server

    reason = postgres_missing_reason()
    if reason:
        pytest.skip(reason)
    with postgres_server() as server:
        yield server
