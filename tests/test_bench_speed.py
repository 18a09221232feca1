"""The speed benchmark runs (the shipped corpus from nothing and a synthetic corpus of 30 chunks, with
the fast encoder, three timed template questions each, beside the LangChain tutorial; then real
questions over the synthetic index and over their own corpus), so that it cannot rot unseen."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SHIPPED_CORPUS, bench_module


def a_question_set(folder):
    """Three questions of the shipped set (one a follow-up) about the shipped corpus, as the dev set lies."""
    folder.mkdir()
    lines = (ROOT / "eval" / "sets" / "shipped.jsonl").read_text(encoding="utf-8").splitlines()
    follow_up = next(line for line in lines if json.loads(line).get("history"))
    (folder / "questions.jsonl").write_text("\n".join([lines[0], lines[-1], follow_up]) + "\n", encoding="utf-8")
    (folder / "corpus").symlink_to(SHIPPED_CORPUS)
    return folder


@pytest.mark.slow
def test_the_speed_benchmark_prints_its_tables(tmp_path, capsys):
    speed = bench_module("speed")
    questions = a_question_set(tmp_path / "questions")
    arguments = ["--chunks", "30", "--asks", "3", "--embedder", "use-m3", "--out", str(tmp_path / "out"), "--question-set", str(questions)]
    assert speed.main(arguments) == 0
    printed = capsys.readouterr().out
    assert "| shipped (3 articles, 3 programmes) | congress-chat (use-m3) |" in printed, printed
    assert "| shipped (3 articles, 3 programmes) | LangChain tutorial |" in printed
    assert "| synthetic (~30 chunks) | congress-chat (use-m3) |" in printed and "| synthetic (~30 chunks) | LangChain tutorial |" in printed
    for index in ("synthetic (~30 chunks)", "questions's own corpus"):
        assert f"| {index} |" in printed and f"| questions | all | 3 |" in printed, printed
    rows = json.loads((tmp_path / "out" / "speed.json").read_text(encoding="utf-8"))
    assert len(rows) == 5 and all(row["chunks"] > 0 for row in rows)
    assert all(row["ask_p50_ms"] > 0 for row in rows[:4])
    real = [row["real"]["by_language"] for row in rows if "real" in row]
    assert len(real) == 2 and all(figures["all"]["asked"] == 3 and figures["all"]["p95_ms"] >= figures["all"]["p50_ms"] > 0 for figures in real)
    assert (tmp_path / "out" / "speed.md").read_text(encoding="utf-8").startswith("| corpus | system |")
