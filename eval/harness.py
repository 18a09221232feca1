"""Run a test set through the assistant and score it.

A test set is JSONL, one case per line: {"id", "question", "lang", "answer",
"must_contain", "doc_ids", "kind", "history"}. Malformed lines are reported with their
line number; the rest runs.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from eval.metrics import (
    answer_contains_all,
    citation_doc_precision,
    citation_precision,
    citation_recall,
    hit_at_k,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
    token_f1,
)
from eval.support import supports


@dataclass
class Case:
    id: str
    question: str
    lang: str = ""
    answer: str = ""
    must_contain: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    kind: str = "factoid"
    history: list[str] = field(default_factory=list)
    now: str | None = None  # the clock for "now / next / tomorrow" programme questions (ISO 8601 with offset)
    without: list[str] = field(default_factory=list)  # documents the question is asked without (as if the corpus did not hold them)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def clock(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.now) if self.now else None

    @property
    def answerable(self) -> bool:
        return bool(self.doc_ids)


def load_cases(path: Path) -> tuple[list[Case], list[str]]:
    """(cases, problems): each problem names its line."""
    cases, problems = [], []
    known = {"id", "question", "lang", "answer", "must_contain", "doc_ids", "kind", "history", "now", "without"}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or not isinstance(data.get("question"), str) or "id" not in data:
                raise ValueError('needs at least "id" and a "question" string')
            cases.append(Case(**{k: v for k, v in data.items() if k in known}, extra={k: v for k, v in data.items() if k not in known}))
        except (ValueError, TypeError) as error:
            problems.append(f"{path}:{number}: {error}")
    return cases, problems


def score_case(case: Case, output: dict) -> dict[str, float | None]:
    """Per-case scores; None where a metric does not apply (e.g. citations of a refusal)."""
    retrieved, answer, refused = output.get("retrieved", []), output.get("answer", ""), bool(output.get("refused"))
    citations = output.get("citations", [])
    scores: dict[str, float | None] = {"refused": float(refused)}
    if case.answerable:
        scores.update(
            hit_1=hit_at_k(retrieved, case.doc_ids, 1),
            recall_5=recall_at_k(retrieved, case.doc_ids, 5),
            recall_10=recall_at_k(retrieved, case.doc_ids, 10),
            rr=reciprocal_rank(retrieved, case.doc_ids),
            ndcg_10=ndcg_at_k(retrieved, case.doc_ids, 10),
            accuracy=answer_contains_all(answer, case.must_contain) if not refused else 0.0,
            f1=token_f1(answer, case.answer) if not refused and case.answer else (0.0 if case.answer else None),
            citation_doc_precision=citation_doc_precision(citations, case.doc_ids),
        )
    if not refused:
        scores["citation_recall"] = citation_recall(answer, citations, supports)
        scores["citation_precision"] = citation_precision(answer, citations, supports)
    return scores


# Kinds whose answer one article holds: asked without that article, the corpus no longer answers them.
# (An across-documents question asked without its articles may still be half answered by another.)
_ONE_ARTICLE_KINDS = ("factoid", "list", "follow_up")


def without_answering_articles(cases: list[Case]) -> list[Case]:
    """Each answerable question about one article, asked of the corpus without that article: an
    unanswerable question an attendee could type (the congress is not in the corpus), many more of
    them than a test set's own unanswerable cases, to measure refusal on. Ids end in "/without"."""
    return [
        Case(id=f"{case.id}/without", question=case.question, lang=case.lang, kind="without_article", history=case.history,
             now=case.now, without=list(case.doc_ids))
        for case in cases if case.answerable and case.kind in _ONE_ARTICLE_KINDS
    ]


def run(cases: list[Case], ask: Callable[[Case], dict], on_progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """`ask(case)` returns {"retrieved", "answer", "refused", "latency_ms", ...}; scores are added."""
    results = []
    for done, case in enumerate(cases, start=1):
        output = ask(case)
        output["id"] = case.id
        output["scores"] = score_case(case, output)
        results.append(output)
        if on_progress:
            on_progress(done, len(cases))
    return results


METRIC_LABELS = {
    "hit_1": "hit@1", "recall_5": "recall@5", "recall_10": "recall@10", "rr": "MRR", "ndcg_10": "nDCG@10",
    "accuracy": "accuracy", "f1": "F1", "citation_recall": "cit_recall", "citation_precision": "cit_precision",
    "citation_doc_precision": "cit_doc_prec", "faithfulness": "faithfulness", "correctness": "correctness",
}


def summarise(cases: list[Case], results: list[dict]) -> dict[str, dict[str, float]]:
    """Mean metrics overall and by language: hit@1, recall@5, recall@10, MRR, accuracy,
    refusal rate on unanswerable cases, false-refusal rate on answerable ones, latency p50/p95."""
    groups: dict[str, list[tuple[Case, dict]]] = defaultdict(list)
    for case, result in zip(cases, results):
        groups["all"].append((case, result))
        groups[f"lang={case.lang}"].append((case, result))
        groups[f"kind={case.kind}"].append((case, result))
        if case.kind.startswith("programme"):
            groups["programme"].append((case, result))  # schedule questions, one line in the report
    summary = {}
    for name, pairs in groups.items():
        answerable = [r["scores"] for c, r in pairs if c.answerable]
        unanswerable = [r["scores"] for c, r in pairs if not c.answerable]
        row: dict[str, float] = {"cases": len(pairs)}
        for key, label in METRIC_LABELS.items():
            values = [s[key] for s in (r["scores"] for _, r in pairs) if s.get(key) is not None]
            if values:
                row[label] = statistics.fmean(values)
        if answerable:
            row["false_refusal"] = statistics.fmean(s["refused"] for s in answerable)
        if unanswerable:
            row["refusal"] = statistics.fmean(s["refused"] for s in unanswerable)
        latencies = sorted(r.get("latency_ms", 0.0) for _, r in pairs)
        if latencies:
            row["p50_ms"] = latencies[len(latencies) // 2]
            row["p95_ms"] = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
        summary[name] = row
    return summary


def markdown_table(summary: dict[str, dict[str, float]]) -> str:
    columns = ["cases", "hit@1", "recall@5", "recall@10", "MRR", "nDCG@10", "accuracy", "F1", "cit_recall", "cit_precision", "cit_doc_prec", "faithfulness", "correctness", "refusal", "false_refusal", "p50_ms", "p95_ms"]
    columns = [c for c in columns if any(row.get(c) is not None for row in summary.values())]
    lines = ["| group | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name in sorted(summary, key=lambda n: (n != "all", n)):
        row = summary[name]
        cells = []
        for column in columns:
            value = row.get(column)
            cells.append("" if value is None else (f"{value:.0f}" if column in ("cases", "p50_ms", "p95_ms") else f"{value:.3f}"))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
