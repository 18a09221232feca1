"""The speed benchmark runs (the shipped corpus from nothing and a synthetic corpus of 30 chunks, with
the fast encoder, three timed questions each, beside the LangChain tutorial), so that it cannot rot unseen."""

from __future__ import annotations

import json

import pytest

from conftest import bench_module


@pytest.mark.slow
def test_the_speed_benchmark_prints_its_table(tmp_path, capsys):
    speed = bench_module("speed")
    assert speed.main(["--chunks", "30", "--asks", "3", "--embedder", "use-m3", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "| shipped (3 articles, 3 programmes) | congress-chat (use-m3) |" in printed, printed
    assert "| shipped (3 articles, 3 programmes) | LangChain tutorial |" in printed
    assert "| synthetic (~30 chunks) | congress-chat (use-m3) |" in printed and "| synthetic (~30 chunks) | LangChain tutorial |" in printed
    rows = json.loads((tmp_path / "speed.json").read_text(encoding="utf-8"))
    assert len(rows) == 4 and all(row["ask_p50_ms"] > 0 and row["chunks"] > 0 for row in rows)
    assert (tmp_path / "speed.md").read_text(encoding="utf-8").startswith("| corpus | system |")
