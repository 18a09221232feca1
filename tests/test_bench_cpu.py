"""The CPU-per-question benchmark runs (over the shipped index built once per session: two of the
load benchmark's conversations, and three real-style questions), and says where the CPU goes by
stage, so that it cannot rot unseen."""

from __future__ import annotations

import re

import pytest

from conftest import SHIPPED_CORPUS, a_question_set, bench_module


@pytest.mark.slow
def test_the_cpu_benchmark_prints_the_cpu_per_question_and_its_stages(shipped_index, capsys):
    cpu = bench_module("cpu")
    arguments = ["--questions", "load", "--conversations", "2", "--rounds", "1", "--profile", "3",
                 "--corpus", str(SHIPPED_CORPUS), "--index", str(shipped_index.index_dir)]
    assert cpu.main(arguments) == 0
    printed = capsys.readouterr().out
    assert re.search(r"e5-small, .*: 6 questions \(6 per round × 1\): CPU per question mean [\d.]+ ms, p50 [\d.]+, p95 [\d.]+", printed), printed
    for stage in ("question encoding", "focus encoding", "dense search", "BM25", "extractive answer", "the rest"):
        assert re.search(rf"\| {stage}[^|]* \| [\d.]+ \| \d+% \|", printed), (stage, printed)
    stages = [float(ms) for ms in re.findall(r"^\| [^|*]+ \| ([\d.]+) \| \d+% \|", printed, re.M)]
    whole = float(re.search(r"^\| \*\*all\*\* \| \*\*([\d.]+)\*\* \| 100% \|", printed, re.M).group(1))
    assert abs(sum(stages) - whole) < 0.1 * len(stages)  # the stages make up the whole
    assert re.search(r"encoder calls: [\d.]+ per question", printed) and "cumulative" in printed  # the encoder's calls; the profile's table


@pytest.mark.slow
def test_the_cpu_benchmark_asks_real_questions_of_a_question_set(shipped_index, tmp_path, capsys):
    cpu = bench_module("cpu")
    questions = a_question_set(tmp_path / "questions")
    assert cpu.main(["--question-set", str(questions), "--index", str(shipped_index.index_dir)]) == 0
    assert re.search(r"e5-small, questions \(.*questions.jsonl\): 3 questions \(3 per round × 1\)", capsys.readouterr().out)
