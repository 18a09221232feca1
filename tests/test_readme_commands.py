"""Every command line of README.md's ```bash / ```sh / ```console blocks runs, as written, and
succeeds: exit status 0 and no traceback. A new command block is run by default; the lines that
cannot run here (offline, in seconds) are skipped by the patterns of `SKIP`, each with its reason.

The lines run in a temporary working folder that looks like the checkout to them (`.venv` linked,
a copy of `corpus/` and `eval/sets/`), with a temporary data folder (CONGRESS_CHAT_DATA_DIR), so
what they write (indexes, feedback exports, eval outputs) never lands in the checkout. The index of
that `corpus/` is there before the first line, as `make chat` leaves it: built in this process from
the vectors of the session's shipped index (the same texts), not again by a new process (half a
minute on 2 cores). That the first `ask` builds a missing index is test_cli's
`test_ask_builds_the_index_on_first_use`."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED_CORPUS

README = ROOT / "README.md"

# Lines not run, by pattern (searched in the line, comments stripped), each with its reason.
SKIP = {
    r"^make\b": "installs dependencies (pip), starts the web chat or runs the whole test suite",
    r"^export\b.*PASSWORD": "sets a secret in the reader's shell; nothing to run",
    r"\bcongress-chat serve\b": "starts a server that runs until stopped",
    r"^(\S*/)?pip3?\b|-m pip\b": "installs packages (network)",
    r"^(docker|docker-compose|podman)\b|\bcompose\b": "needs a container runtime",
    r"scripts/screenshots\.py": "drives a browser for minutes to redraw the documentation's images",
    r"^(\S*/)?python\b.*\bbench/": "benchmarks take minutes",
    r"\.\./shared/devset": "the real dev set lives outside the checkout",
}


def readme_commands(text: str) -> list[str]:
    """The command lines of the shell blocks, comments and blank lines dropped."""
    lines = []
    for block in re.findall(r"^```(?:bash|sh|shell|console)[ \t]*\n(.*?)^```", text, flags=re.S | re.M):
        for line in block.splitlines():
            line = line.strip().removeprefix("$ ")
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def skip_reason(line: str) -> str | None:
    command = shlex.join(shlex.split(line, comments=True))
    return next((reason for pattern, reason in SKIP.items() if re.search(pattern, command)), None)


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def test_the_readme_has_commands_to_run():
    assert sum(skip_reason(line) is None for line in COMMANDS) >= 8


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, shipped_index) -> tuple[Path, dict[str, str]]:
    """A working folder the README's lines read as the checkout, its corpus indexed, and their environment."""
    here = tmp_path_factory.mktemp("readme")
    (here / ".venv").symlink_to(ROOT / ".venv")
    shutil.copytree(SHIPPED_CORPUS, here / "corpus")
    shutil.copytree(ROOT / "eval" / "sets", here / "eval" / "sets")
    # The files the README's examples presume the reader has: a batch of questions, their own set and corpus.
    (here / "questions.jsonl").write_text(
        json.dumps({"id": "q1", "question": "Quand a lieu le congrès de l'OMM ?"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "q2", "question": "Et qui l'organise ?", "history": ["Parle-moi du congrès de l'OMM"]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    shutil.copy(ROOT / "eval" / "sets" / "shipped.jsonl", here / "my-questions.jsonl")
    (here / "my-corpus").symlink_to(here / "corpus")  # the same corpus: its index is reused
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONGRESS_CHAT_")}
    env.update(CONGRESS_CHAT_DATA_DIR=str(here / "data"), CONGRESS_CHAT_CORPUS_DIR=str(here / "corpus"))
    from rag.feedback import open_feedback_store
    from rag.ingest import ingest
    from rag.settings import Settings

    ingest(Settings(corpus_dir=here / "corpus", data_dir=here / "data"))  # where the lines' `corpus/` finds its index
    store = open_feedback_store(Settings(data_dir=here / "data"))  # what `feedback export` exports
    store.record(rating=1, question="Où a lieu le congrès de l'OMM ?", answer="À Marrakech [1]")
    store.record(rating=-1, question="Quel est le thème ?", answer="Je ne sais pas.", comment="faux")
    return here, env


@pytest.mark.slow
@pytest.mark.parametrize("line", COMMANDS, ids=[f"{n}:{line[:60]}" for n, line in enumerate(COMMANDS, start=1)])
def test_readme_command_runs(line, workspace):
    reason = skip_reason(line)
    if reason:
        pytest.skip(reason)
    here, env = workspace
    result = subprocess.run(shlex.split(line, comments=True), cwd=here, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{line}\nexit status {result.returncode}\n{output[-3000:]}"
    assert "Traceback" not in output, f"{line}\n{output[-3000:]}"
    assert not (ROOT / "feedback.csv").exists() and not (ROOT / "eval" / "out" / "today").exists()
