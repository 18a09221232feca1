"""The bad-input zoo runs (`--quick`: two hostile files through the real `congress-chat ingest`, two
hostile questions through the web chat's handler, with the fast encoder), so that it cannot rot unseen."""

from __future__ import annotations

import pytest

from conftest import bench_module


@pytest.mark.slow
def test_the_zoo_benchmark_prints_a_clean_row_per_input(tmp_path, capsys):
    zoo = bench_module("zoo")
    status = zoo.main(["--quick", "--embedder", "use-m3", "--out", str(tmp_path)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    rows = [line for line in printed.splitlines() if line.startswith("| ") and not line.startswith("| input")]
    assert len(rows) == len(zoo.QUICK_INPUTS) + len(zoo.QUICK_QUESTIONS), printed
    assert all(row.rstrip().endswith("| yes |") for row in rows), printed
    assert (tmp_path / "zoo.md").is_file()
