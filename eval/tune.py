"""Tune the fusion weights and calibrate the refusal threshold on a test set.

    python -m eval.tune eval/sets/fictional.jsonl --corpus eval/corpora/fictional [--split dev]

Fusion: a grid over (dense weight, lexical weight, RRF k, expansion weight), scored by
document-level MRR then hit@1 on the answerable cases. Refusal: every case is answered
once with the refusal threshold at 0; the threshold that minimises false refusals +
missed refusals (equal cost) is reported with both error rates. Cases are split into
dev/test halves by a stable hash of their id, so the figures on `test` are not the ones
the weights were chosen on.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import statistics
from pathlib import Path

from eval.harness import Case, load_cases
from eval.metrics import hit_at_k, reciprocal_rank

GRID = {
    "dense_weight": [0.5, 1.0, 1.5],
    "lexical_weight": [0.5, 1.0, 1.5],
    "identity_weight": [0.5, 1.0, 2.0],
    "rrf_k": [10, 30, 60],
    "expansion_weight": [0.4, 0.8],
}


def split_of(case_id: str) -> str:
    return "dev" if int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def retrieval_scores(assistant, cases: list[Case]) -> dict[str, float]:
    from rag.retrieve import prepare_query, ranked_documents

    hits, rrs = [], []
    for case in cases:
        query = assistant.retriever.embed(prepare_query(case.question, case.history, assistant.index, assistant.settings))
        retrieved = ranked_documents(assistant.retriever.search(query), 10)
        hits.append(hit_at_k(retrieved, case.doc_ids, 1))
        rrs.append(reciprocal_rank(retrieved, case.doc_ids))
    return {"mrr": statistics.fmean(rrs), "hit@1": statistics.fmean(hits)}


def tune_fusion(assistant, cases: list[Case]) -> list[tuple[dict, dict]]:
    answerable = [case for case in cases if case.answerable]
    rows = []
    for values in itertools.product(*GRID.values()):
        params = dict(zip(GRID, values))
        for key, value in params.items():
            setattr(assistant.settings, key, value)
        rows.append((params, retrieval_scores(assistant, answerable)))
    rows.sort(key=lambda row: (-row[1]["mrr"], -row[1]["hit@1"]))
    return rows


def calibrate_refusal(assistant, cases: list[Case]) -> dict[str, float]:
    """Threshold on the answer-support score minimising false + missed refusals."""
    saved = assistant.settings.refusal_threshold
    assistant.settings.refusal_threshold = -1.0
    points = []
    for case in cases:
        answer = assistant.ask(case.question, case.history)
        points.append((answer.support, case.answerable, answer.refused))  # refused here = a number rule fired
    assistant.settings.refusal_threshold = saved
    answerable = sum(1 for _, a, _ in points if a) or 1
    unanswerable = sum(1 for _, a, _ in points if not a) or 1
    best = None
    for threshold in sorted({round(s, 3) for s, _, _ in points} | {0.0}):
        refuse = [(forced or support < threshold) for support, _, forced in points]
        false_refusal = sum(1 for (s, a, _), r in zip(points, refuse) if a and r) / answerable
        missed = sum(1 for (s, a, _), r in zip(points, refuse) if not a and not r) / unanswerable
        cost = false_refusal + missed
        if best is None or cost < best["cost"]:
            best = {"threshold": threshold, "false_refusal": false_refusal, "missed_refusal": missed, "cost": cost}
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("test_set", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)

    from rag.assistant import Assistant
    from rag.ingest import ingest
    from rag.settings import Settings

    settings = Settings(corpus_dir=args.corpus)
    ingest(settings)
    assistant = Assistant(settings)
    cases, _ = load_cases(args.test_set)
    chosen = [c for c in cases if args.split == "all" or split_of(c.id) == args.split]
    print(f"{len(chosen)} cases ({args.split} split)")
    rows = tune_fusion(assistant, chosen)
    print("| " + " | ".join(GRID) + " | MRR | hit@1 |\n" + "|---" * (len(GRID) + 2) + "|")
    for params, scores in rows[: args.top]:
        print("| " + " | ".join(str(params[key]) for key in GRID) + f" | {scores['mrr']:.3f} | {scores['hit@1']:.3f} |")
    for key, value in rows[0][0].items():
        setattr(assistant.settings, key, value)
    print("refusal calibration:", json.dumps(calibrate_refusal(assistant, chosen)))


if __name__ == "__main__":
    main()
