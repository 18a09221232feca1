"""Compare retrieval variants on a test set, to choose the defaults by numbers.

    python -m eval.variants eval/sets/editions.jsonl --corpus eval/corpora/fictional-editions

Variants: lexical only; each dense embedder alone; hybrid with each embedder; hybrid
without query expansion. Prints one Markdown table (overall hit@1, recall@5, MRR, answer
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
