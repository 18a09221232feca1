"""`congress-chat eval` end to end: every file is written, floors gate the exit status,
`--compare` lists changes, and the HTML report opens in a real browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED_CORPUS, run_cli, run_cli_here

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def small_set(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("set") / "set.jsonl"
    lines = [line for line in (ROOT / "eval" / "sets" / "shipped.jsonl").read_text(encoding="utf-8").splitlines()][:8]
    lines.insert(3, "{broken")
    lines.append(json.dumps({"id": "xss", "question": "<script>alert(1)</script> Quel est le thème ?", "doc_ids": ["nope"], "must_contain": ["<b>"]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def shipped(shipped_index) -> list[str]:
    """The shipped corpus and its index, built once per session (the runs below only read it)."""
    return ["--corpus", str(SHIPPED_CORPUS), "--index", str(shipped_index.index_dir)]


@pytest.fixture(scope="module")
def first_run(small_set, shipped, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run1")
    result = run_cli("eval", str(small_set), *shipped, "--out", str(out))
    assert result.returncode == 3, result.stderr  # one malformed line: partial
    assert f"{small_set}:4:" in result.stderr
    return out


def test_every_file_is_written(first_run):
    for name in ("results.jsonl", "metrics.json", "report.html", "report.md", "ragas.jsonl"):
        assert (first_run / name).stat().st_size > 0, name
    results = [json.loads(line) for line in (first_run / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(results) == 9
    for result in results:
        assert {"id", "retrieved", "answer", "refused", "citations", "latency_ms", "scores"} <= set(result)
    metrics = json.loads((first_run / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["run"]["settings"]["embedder"] == "e5-small" and "chromadb" in metrics["run"]["versions"]
    assert "skipped" in metrics["run"]["llm_judge"]
    ragas = json.loads((first_run / "ragas.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert set(ragas) == {"question", "contexts", "answer", "ground_truth"}


def test_report_escapes_text_and_needs_no_network(first_run):
    page = (first_run / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page
    assert page.count("<svg") == 2


def test_floors_gate_the_exit_status(small_set, shipped, tmp_path):
    result = run_cli_here("eval", str(small_set), *shipped, "--out", str(tmp_path), "--fail-under", "hit@1=1.01")
    assert result.returncode == 4 and "below floor: hit@1" in result.stderr


def test_compare_lists_cases_that_changed(small_set, shipped, first_run, tmp_path):
    result = run_cli_here("eval", str(small_set), *shipped, "--out", str(tmp_path), "--compare", str(first_run), "--no-expansion")
    assert "| metric | before | after | delta | p | beyond noise |" in result.stdout
    assert "Compared with" in (tmp_path / "report.md").read_text(encoding="utf-8")


@pytest.mark.browser
def test_html_report_opens_in_a_browser(first_run):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page()
        page.goto((first_run / "report.html").as_uri())
        assert page.locator("h1").inner_text() == "congress-chat evaluation"
        assert page.locator("svg").count() == 2
        page.screenshot(path=str(ARTIFACTS / "eval-report.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "eval-report.png").stat().st_size > 10_000
