"""The suite never writes into a user's `.congress-chat/`: tests, session fixtures and the CLI
subprocesses they start all get a temporary data dir (see `conftest.py`, which also checks at
the end of the session that the user's folders are untouched)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from conftest import ROOT, make_settings


def test_settings_in_a_test_point_at_a_temporary_data_dir(tmp_path):
    assert make_settings().data_dir == tmp_path / "data"


def test_a_cli_subprocess_gets_the_temporary_data_dir(tmp_path):
    code = "from rag.settings import Settings; print(Settings().data_dir.resolve())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=120)
    data_dir = Path(result.stdout.strip())
    assert data_dir == (tmp_path / "data").resolve(), result.stderr
    assert not data_dir.is_relative_to(ROOT) and data_dir.is_relative_to(Path(tempfile.gettempdir()).resolve())


def test_session_fixtures_build_outside_the_user_data_dir(shipped_index):
    assert str(shipped_index.data_dir) != ".congress-chat" and Path(shipped_index.data_dir).is_absolute()
    assert not shipped_index.resolved_index_dir().resolve().is_relative_to(ROOT)
