"""Shared fixtures. Every test runs with its own data dir (no test touches a user's index);
indexes over the shipped and the fictional corpus are built once per session, for real:
real documents, the real multilingual model, a real Chroma store on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_CORPUS = ROOT / "corpus"
FICTIONAL_CORPUS = ROOT / "eval" / "corpora" / "fictional-editions"
PROGRAMME_CORPUS = ROOT / "eval" / "corpora" / "programme-fictif"
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
def fictional_assistant(tmp_path_factory):
    from rag.assistant import Assistant
    from rag.ingest import ingest

    settings = make_settings(corpus_dir=FICTIONAL_CORPUS, index_dir=tmp_path_factory.mktemp("fictional-index"))
    ingest(settings)
    return Assistant(settings)


@pytest.fixture(scope="session")
def programme_assistant(tmp_path_factory):
    """Over the fictional JNOF programme (a pretalx export), for schedule questions."""
    from rag.assistant import Assistant
    from rag.ingest import ingest

    settings = make_settings(corpus_dir=PROGRAMME_CORPUS, index_dir=tmp_path_factory.mktemp("programme-index"))
    ingest(settings)
    return Assistant(settings)


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
