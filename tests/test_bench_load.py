"""The load benchmark runs (a real `congress-chat serve` over the shipped index built once per session,
two conversations of three questions through Gradio's queue), so that it cannot rot unseen."""

from __future__ import annotations

import json

import pytest

from conftest import SHIPPED_CORPUS, bench_module


@pytest.mark.slow
def test_the_load_benchmark_answers_every_question_and_prints_its_figures(shipped_index, tmp_path, capsys):
    load = bench_module("load")
    arguments = ["--conversations", "2", "--corpus", str(SHIPPED_CORPUS), "--index", str(shipped_index.index_dir), "--out", str(tmp_path)]
    status = load.main(arguments)
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "2 conversations × 3 questions against http://127.0.0.1:" in printed and "p95_ms" in printed
    figures = json.loads((tmp_path / "load.json").read_text(encoding="utf-8"))
    assert figures["answered"] == 6 and figures["errors"] == 0 and figures["p95_ms"] > 0
