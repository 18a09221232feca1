"""`congress-chat --help` and every subcommand's help: one sentence of what it does, examples,
and no heavy import (models, Chroma, Gradio), so help answers at once."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

HEAVY = ("torch", "chromadb", "gradio", "sentence_transformers", "lingua")


def _commands() -> list[tuple[str, ...]]:
    """Every command path of the parser: (), ("ask",), …, ("feedback", "export")."""
    import cli

    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [prefix]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += walk(sub, (*prefix, name))
        return found

    return walk(cli.build_parser(), ())


_HELP_IN_A_FRESH_PROCESS = (
    "import contextlib, io, json, sys\n"
    "import cli\n"
    "out = io.StringIO()\n"
    "with contextlib.redirect_stdout(out):\n"
    "    try:\n        cli.main(sys.argv[1:] + ['--help'])\n    except SystemExit as exit:\n        status = exit.code or 0\n"
    f"print(json.dumps({{'status': status, 'help': out.getvalue(), 'heavy': [m for m in {HEAVY!r} if m in sys.modules]}}))"
)


def test_every_command_is_covered():
    assert {" ".join(c) for c in _commands()} >= {"", "ask", "ingest", "serve", "eval", "feedback", "feedback export"}


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "congress-chat")
def test_help_has_examples_and_imports_nothing_heavy(command):
    result = subprocess.run(
        [sys.executable, "-c", _HELP_IN_A_FRESH_PROCESS, *command], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["status"] == 0
    assert report["heavy"] == [], f"--help of {' '.join(command) or 'congress-chat'} imported {report['heavy']}"
    text = report["help"]
    assert "Example" in text
    examples = text.split("Examples:", 1)[1]
    assert f"congress-chat {' '.join(command)}".strip() in examples  # the examples show this very command
    description = text.split("\n\n")[1]  # usage, then the one-sentence description
    assert description.strip() and not description.startswith(("positional", "options"))


def test_help_is_fast():
    """The installed entry point answers --help well under a second (no heavy import)."""
    import time

    started = time.perf_counter()
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "congress-chat"), "--help"], capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0 and "Examples:" in result.stdout
    assert elapsed < 1.0, f"congress-chat --help took {elapsed:.2f} s"
