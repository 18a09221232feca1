"""Compare retrieval variants on a test set, to choose the defaults by numbers.

    python -m eval.variants eval/sets/editions.jsonl --corpus eval/corpora/fictional-editions

Variants: the LangChain tutorial retriever (recursive splitter, MiniLM, Chroma
similarity; retrieval only); lexical only; each dense embedder alone; hybrid with each
embedder; hybrid without query expansion. Prints one Markdown table (overall hit@1, recall@5, MRR, answer
accuracy, refusal and false-refusal rates, and hit@1 per language).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eval.harness import load_cases, run, summarise

VARIANTS = [
    ("lexical only (BM25 + identity)", {"retrieval_mode": "lexical"}),
    ("dense only, use-m3", {"retrieval_mode": "dense"}),
    ("dense only, minilm", {"retrieval_mode": "dense", "embedder": "minilm"}),
    ("hybrid, minilm", {"embedder": "minilm"}),
    ("hybrid, use-m3, no expansion", {"query_expansion": False}),
    ("hybrid, use-m3 (default)", {}),
]


def tutorial_row(cases, corpus: Path) -> str:
    import statistics
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.baseline import TutorialRetriever
    from eval.metrics import hit_at_k, recall_at_k, reciprocal_rank

    with tempfile.TemporaryDirectory() as work:
        retriever = TutorialRetriever.build(corpus, Path(work))
        runs = [(retriever.retrieve(" ".join([*case.history[-1:], case.question])), case) for case in cases]
    answerable = [(ranked, case) for ranked, case in runs if case.answerable]

    def mean(metric, subset) -> str:
        return f"{statistics.fmean(metric(ranked, case) for ranked, case in subset):.3f}" if subset else ""

    by_language = [[(r, c) for r, c in answerable if c.lang == language] for language in ("fr", "en", "ar")]
    hit1 = lambda r, c: hit_at_k(r, c.doc_ids, 1)  # noqa: E731
    return (
        f"| LangChain tutorial retriever (retrieval only) | {mean(hit1, answerable)} | {mean(lambda r, c: recall_at_k(r, c.doc_ids, 5), answerable)} "
        f"| {mean(lambda r, c: reciprocal_rank(r, c.doc_ids), answerable)} | — | — | — | "
        + " | ".join(mean(hit1, subset) for subset in by_language) + " |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("test_set", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args(argv)

    from rag.assistant import Assistant
    from rag.ingest import ingest
    from rag.settings import Settings

    cases, _ = load_cases(args.test_set)
    print(f"{args.test_set} — {len(cases)} cases, corpus {args.corpus}\n")
    print("| variant | hit@1 | recall@5 | MRR | accuracy | refusal | false refusal | hit@1 fr | hit@1 en | hit@1 ar |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(tutorial_row(cases, args.corpus), flush=True)
    for name, overrides in VARIANTS:
        settings = Settings(corpus_dir=args.corpus, **overrides)
        ingest(settings)
        assistant = Assistant(settings)
        results = run(cases, lambda case: assistant.ask(case.question, case.history).to_json())
        summary = summarise(cases, results)

        def cell(group: str, metric: str) -> str:
            value = summary.get(group, {}).get(metric)
            return "" if value is None else f"{value:.3f}"

        print(
            f"| {name} | {cell('all', 'hit@1')} | {cell('all', 'recall@5')} | {cell('all', 'MRR')} | {cell('all', 'accuracy')} "
            f"| {cell('all', 'refusal')} | {cell('all', 'false_refusal')} | {cell('lang=fr', 'hit@1')} | {cell('lang=en', 'hit@1')} | {cell('lang=ar', 'hit@1')} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
