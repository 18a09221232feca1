"""The speed benchmark runs (the shipped corpus from nothing and a synthetic corpus of 30 chunks, with
the fast encoder, three timed template questions each, beside the LangChain tutorial; then real
questions over the synthetic index and over their own corpus), so that it cannot rot unseen.

It runs as its users run it, `bench/speed.py` in a process of its own (conftest's
`speed_benchmark_command`), in the background from the start of the session once the evaluations
are done: its nine processes, one after another, take the core the evaluations leave idle rather
than the tests'."""

from __future__ import annotations

import json

import pytest


@pytest.mark.slow
def test_the_speed_benchmark_prints_its_tables(speed_benchmark):
    assert speed_benchmark.status == 0, speed_benchmark.errors[-3000:]
    printed, out = speed_benchmark.printed, speed_benchmark.out
    assert "| shipped (3 articles, 3 programmes) | congress-chat (use-m3) |" in printed, printed
    assert "| shipped (3 articles, 3 programmes) | LangChain tutorial |" in printed
    assert "| synthetic (~30 chunks) | congress-chat (use-m3) |" in printed and "| synthetic (~30 chunks) | LangChain tutorial |" in printed
    for index in ("synthetic (~30 chunks)", "questions's own corpus"):
        assert f"| {index} |" in printed and f"| questions | all | 3 |" in printed, printed
    rows = json.loads((out / "speed.json").read_text(encoding="utf-8"))
    assert len(rows) == 5 and all(row["chunks"] > 0 for row in rows)
    assert all(row["ask_p50_ms"] > 0 for row in rows[:4])
    real = [row["real"]["by_language"] for row in rows if "real" in row]
    assert len(real) == 2 and all(figures["all"]["asked"] == 3 and figures["all"]["p95_ms"] >= figures["all"]["p50_ms"] > 0 for figures in real)
    assert (out / "speed.md").read_text(encoding="utf-8").startswith("| corpus | system |")
