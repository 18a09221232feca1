"""The CPU-per-question benchmark runs (two conversations, one round, over the shipped index built
once per session), so that it cannot rot unseen."""

from __future__ import annotations

import re

import pytest

from conftest import SHIPPED_CORPUS, bench_module


@pytest.mark.slow
def test_the_cpu_benchmark_prints_the_cpu_per_question(shipped_index, capsys):
    cpu = bench_module("cpu")
    arguments = ["--conversations", "2", "--rounds", "1", "--profile", "3", "--corpus", str(SHIPPED_CORPUS), "--index", str(shipped_index.index_dir)]
    assert cpu.main(arguments) == 0
    printed = capsys.readouterr().out
    assert re.search(r"e5-small, 6 questions \(6 per round × 1\): CPU per question mean [\d.]+ ms, p50 [\d.]+, p95 [\d.]+", printed), printed
    assert "cumulative" in printed  # the profile's table
