"""`report.html`: each failed case says which metric(s) it failed; in Chromium at 1,200 px no
table is wider than its container and no two labels of the recall@k chart overlap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED_CORPUS, run_cli_here
from eval.harness import Case, load_cases, score_case, summarise
from eval.report import failed, failure_reasons, write_html

CHROMIUM = Path("/usr/bin/chromium")


PASSAGE = {"n": 1, "doc_id": "omm", "title": "OMM", "text": "Le congrès a lieu les 18 et 19 novembre à Marrakech."}


def _result(case: Case, **output) -> dict:
    output = {"retrieved": [], "answer": "", "refused": False, "citations": [PASSAGE], "latency_ms": 40.0, **output}
    output["scores"] = score_case(case, output)
    return output


ANSWERABLE = Case(id="when", question="Quand ?", answer="18 et 19 novembre", must_contain=["18 et 19 novembre", "Marrakech"], doc_ids=["omm"])
UNANSWERABLE = Case(id="train", question="Prix du billet ?", kind="unanswerable")


def test_a_passing_case_has_no_reason():
    result = _result(ANSWERABLE, retrieved=["omm"], answer="Les 18 et 19 novembre à Marrakech. [1]")
    assert failure_reasons(ANSWERABLE, result) == [] and not failed(ANSWERABLE, result)
    assert failure_reasons(UNANSWERABLE, _result(UNANSWERABLE, refused=True)) == []


def test_each_failed_metric_is_named():
    result = _result(ANSWERABLE, retrieved=["other", "omm"], answer="Les 18 et 19 novembre. [1]")
    assert failure_reasons(ANSWERABLE, result) == [
        "hit@1: first document retrieved is other, not a gold one",
        "accuracy: must_contain 'Marrakech' missing",
    ]
    assert failure_reasons(ANSWERABLE, _result(ANSWERABLE, retrieved=["omm"], refused=True)) == ["false refusal: refused but answerable"]
    assert failure_reasons(UNANSWERABLE, _result(UNANSWERABLE, answer="12 euros")) == [
        "refusal: answered, but the documents do not say (doc_ids is empty)"
    ]


def test_a_citation_shortfall_is_a_failure_with_its_value():
    result = _result(ANSWERABLE, retrieved=["omm"], answer="Les 18 et 19 novembre à Marrakech. [1]")
    result["scores"].update(citation_precision=0.5, citation_doc_precision=1.0)
    assert failure_reasons(ANSWERABLE, result) == ["citation precision 0.50"]


def _wide_report(folder: Path) -> Path:
    """A report with every column (LLM judge too) and long group names: the widest tables it can have."""
    cases = [
        Case(id=f"c{i}", question="Q ?", lang=lang, kind=kind, must_contain=["x"], doc_ids=["d"] if kind != "unanswerable" else [])
        for i, (lang, kind) in enumerate([("fr", "programme_multi_day_follow_up"), ("en", "factoid"), ("ar", "unanswerable"), ("fr", "multi_doc")])
    ]
    results = [_result(c, retrieved=["e", "d"], answer="x y [1]", latency_ms=12345.6) for c in cases]
    for result in results:
        result["scores"].update(faithfulness=0.5, correctness=0.25)
    out = folder / "report.html"
    write_html(out, cases, results, summarise(cases, results), {"test_set": "set.jsonl", "settings": {"corpus_dir": "/a/very/long/path/" * 12}})
    return out


@pytest.fixture(scope="module")
def real_report(shipped_index, tmp_path_factory) -> Path:
    """The report of the shipped set, as `congress-chat eval … --out DIR` writes it (its `main`, in this
    process: the report is the same from a new process, whose start test_eval_cli's runs see to)."""
    out = tmp_path_factory.mktemp("report")
    result = run_cli_here("eval", str(ROOT / "eval" / "sets" / "shipped.jsonl"), "--corpus", str(SHIPPED_CORPUS), "--index", str(shipped_index.index_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / "report.html"


_MEASURE = """() => {
  const tables = [...document.querySelectorAll('table')].map(t => ({
    width: t.scrollWidth, room: t.parentElement.clientWidth, overflows: t.parentElement.scrollWidth > t.parentElement.clientWidth}));
  const boxes = [...document.querySelectorAll('svg[aria-label="recall at k"] text')].map(t => {
    const r = t.getBoundingClientRect(); return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom}; });
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5) overlaps.push([a.text, b.text]); }));
  return {page: [document.documentElement.scrollWidth, document.documentElement.clientWidth], tables, overlaps,
          reasons: document.querySelectorAll('.case .failed-metrics li').length, cases: document.querySelectorAll('.case').length};
}"""


def _measure(report: Path) -> dict:
    if not CHROMIUM.exists():
        pytest.skip(f"Debian chromium is not installed ({CHROMIUM} is missing): apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(report.as_uri())
        measured = page.evaluate(_MEASURE)
        browser.close()
    return measured


def _assert_fits(measured: dict) -> None:
    assert measured["page"][0] <= measured["page"][1], f"the page scrolls sideways at 1,200 px: {measured['page']}"
    for number, table in enumerate(measured["tables"], start=1):
        assert table["width"] <= table["room"] and not table["overflows"], f"table {number} is wider than its container: {table}"
    assert measured["overlaps"] == [], f"recall@k chart labels overlap: {measured['overlaps']}"


@pytest.mark.browser
def test_the_widest_report_fits_1200_px(tmp_path):
    measured = _measure(_wide_report(tmp_path))
    _assert_fits(measured)
    assert measured["cases"] == 4 and measured["reasons"] >= 4  # every failed case lists what it failed


@pytest.mark.browser
@pytest.mark.slow
def test_the_shipped_sets_report_fits_1200_px(real_report):
    measured = _measure(real_report)
    _assert_fits(measured)
    results = [json.loads(line) for line in (real_report.parent / "results.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    cases, _ = load_cases(ROOT / "eval" / "sets" / "shipped.jsonl")
    expected = sum(len(failure_reasons(c, r)) for c, r in zip(cases, results))
    assert measured["cases"] == sum(failed(c, r) for c, r in zip(cases, results))
    assert measured["reasons"] == expected and (measured["cases"] == 0 or expected >= measured["cases"])
