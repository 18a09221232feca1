"""Fit the sentence-selection model of `rag.selection` and calibrate refusal, with every
figure from a cross-validation by article.

    python -m eval.fit_selection                 # cross-validated report, then write rag/data/selection-e5-small.json
    python -m eval.fit_selection --embedder use-m3   # the model for another embedder
    python -m eval.fit_selection --no-write      # the report only
    python -m eval.fit_selection --no-write --failures eval/out/failures.jsonl   # and the held-out cases it gets wrong

Data: each labelled set is run through the assistant's own retrieval; every candidate
sentence it would consider (`ExtractiveAnswerer.eligible_candidates`) is a row, labelled 1 when it
comes from an article that answers the case and holds one of the case's `must_contain`
strings (accent- and case-insensitive), else 0; the sentences of unanswerable cases are
all 0. Sets: the real dev set (`../shared/devset`, when present) and the fictional sets
shipped in `eval/`.

Cross-validation by article: cases are grouped by the article that answers them (an
unanswerable case by the article retrieval ranks first), groups are dealt into K folds,
and for each fold the model is fitted, and its refusal threshold and companion ratio
chosen, on the other folds only; the held-out cases are then answered by the product's own
`ExtractiveAnswerer.select` and scored as `congress-chat eval` scores them. The threshold
maximises (answer right on answerable cases + REFUSAL_WEIGHT × refusal on unanswerable ones).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from eval.harness import Case, load_cases, without_answering_articles
from eval.metrics import answer_contains_all
from rag.language import fold
from rag.selection import DEFAULT_EMBEDDER, feature_matrix, model_file

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
THRESHOLDS = [round(x, 3) for x in np.linspace(0.05, 0.8, 31)]
RATIOS = [0.1, 0.2, 0.3, 0.5, 0.7, 1.01]


@dataclass
class Dataset:
    name: str
    cases_path: Path
    corpus: Path


def default_datasets() -> list[Dataset]:
    sets = []
    if (DEVSET / "questions.jsonl").exists():
        sets.append(Dataset("devset", DEVSET / "questions.jsonl", DEVSET / "corpus"))
    sets.append(Dataset("editions", ROOT / "eval/sets/editions.jsonl", ROOT / "eval/corpora/fictional-editions"))
    sets.append(Dataset("shipped", ROOT / "eval/sets/shipped.jsonl", ROOT / "corpus"))
    return sets


@dataclass
class Item:
    """One case with its candidate sentences, ready to be scored by any model."""

    dataset: str
    case: Case
    group: str
    candidates: list  # rag.answering.candidates.Candidate, unscored
    features: np.ndarray
    labels: np.ndarray
    query: object = None  # rag.retrieve.Query
    retrieved: list = None


def collect(dataset: Dataset, data_dir: Path, embedder: str = DEFAULT_EMBEDDER, progress=None, leave_out: bool = True) -> tuple[list[Item], object]:
    """The set's cases with their candidate sentences; with `leave_out`, also each question about one
    article asked without it (`eval.harness.without_answering_articles`), an unanswerable case."""
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from rag.settings import Settings

    settings = Settings(corpus_dir=dataset.corpus, data_dir=data_dir, embedder=embedder)
    ingest(settings)
    assistant = Assistant(settings)
    cases, problems = load_cases(dataset.cases_path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if leave_out:
        cases = cases + without_answering_articles(cases)
    items = []
    for case in cases:
        if case.kind.startswith("programme"):
            continue
        query, results, retrieved = assistant._retrieve(case.question, case.history, case.without)
        candidates = assistant.extractive.eligible_candidates(query, results, retrieved)
        wanted = [fold(text) for text in case.must_contain]
        labels = np.array([
            1.0 if c.doc_id in case.doc_ids and any(w in fold(c.text) for w in wanted) else 0.0 for c in candidates
        ])
        matrix = feature_matrix(candidates)
        # a question asked without its article stays in that article's group: its words are that article's
        article = (case.doc_ids or case.without or retrieved or [case.id])[0]
        items.append(Item(dataset.name, case, f"{dataset.name}:{article}", candidates, matrix, labels, query, retrieved))
        if progress:
            progress()
    return items, assistant


def _shown(path: Path) -> str:
    """`path` as the README names it: relative to the checkout, `../shared/…` for the dev set."""
    path = path.resolve()
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    return str(Path("..") / path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else str(path)


def fold_of(group: str, folds: int) -> int:
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % folds


REGULARISATION = 0.3  # LogisticRegression's C: chosen among 0.1, 0.3 and 1.0 on the cross-validation by article (dev set right 0.739, 0.748, 0.739)


def fit_model(items: list[Item], threshold: float = 0.3, ratio: float = 0.85, provenance: dict | None = None):
    from sklearn.linear_model import LogisticRegression

    from rag.selection import SelectionModel

    rows = np.concatenate([item.features for item in items if len(item.candidates)])
    labels = np.concatenate([item.labels for item in items if len(item.candidates)])
    means = rows.mean(axis=0)
    scales = rows.std(axis=0)
    scales[scales < 1e-9] = 1.0
    regression = LogisticRegression(C=REGULARISATION, max_iter=2000)
    regression.fit((rows - means) / scales, labels)
    return SelectionModel(means, scales, regression.coef_[0], float(regression.intercept_[0]), threshold, ratio, provenance or {})


def scored(item: Item, model) -> list:
    """The item's candidates scored by the sentence model `model`, best first."""
    candidates = [replace(c) for c in item.candidates]
    for candidate, probability in zip(candidates, model.probabilities(item.features)):
        candidate.score = float(probability)
    candidates.sort(key=lambda c: -c.score)
    return candidates


def answer_of(item: Item, answerer, model) -> tuple[bool, str]:
    """(refused, answer text) as the product would give them with `model` (and its refusal model)."""
    candidates = scored(item, model)
    with_model = copy.copy(answerer)
    with_model.model = model
    chosen = with_model.select(candidates, item.case.question)
    return not chosen, " ".join(c.text for c in chosen)


def outcome(item: Item, answerer, model) -> dict:
    refused, text = answer_of(item, answerer, model)
    if item.case.answerable:
        right = (not refused) and bool(answer_contains_all(text, item.case.must_contain))
        return {"answerable": True, "refused": refused, "right": right, "answer": text}
    return {"answerable": False, "refused": refused, "right": refused, "answer": text}


REFUSAL_WEIGHT = 0.5  # a refused unanswerable question counts half of an answerable one answered right: with 120 words quoted, the held-out curve (docs/quality.md, "Refusing what the documents do not say") then sits near 15 % of answerable questions refused and four in five of the questions about absent articles refused, the refusal rates of 0.3 at 80 words with more answers right


def balanced(outcomes: list[dict], refusal_weight: float | None = None) -> float:
    """answer right on answerable cases + w × refusal rate on unanswerable ones."""
    weight = REFUSAL_WEIGHT if refusal_weight is None else refusal_weight
    answerable = [o["right"] for o in outcomes if o["answerable"]]
    unanswerable = [o["refused"] for o in outcomes if not o["answerable"]]
    return (statistics.fmean(answerable) if answerable else 0.0) + weight * (statistics.fmean(unanswerable) if unanswerable else 0.0)


def calibrate(items: list[Item], answerers: dict, model, refusal_weight: float | None = None, thresholds=None):
    """(threshold, ratio) maximising the balanced score on `items`."""
    best = None
    for ratio in RATIOS:
        for threshold in thresholds or THRESHOLDS:
            candidate = replace(model, refusal_threshold=threshold, companion_ratio=ratio)
            score = balanced([outcome(item, answerers[item.dataset], candidate) for item in items], refusal_weight)
            if best is None or score > best[0] + 1e-9:
                best = (score, threshold, ratio)
    return best[1], best[2]


# With the question-level refusal model (`rag.refusal`), the sentence model only ranks the sentences:
# its best one needs to be only this likely, and whether to answer at all is the refusal model's call.
SENTENCE_FLOOR = 0.02
INNER_FOLDS = 4


@dataclass
class Judged:
    """A case as the refusal model sees it: its question-level features and its answer without refusal."""

    item: Item
    row: np.ndarray
    base: dict  # `outcome` with the sentence model alone


def judge(items: list[Item], answerers: dict, model) -> list[Judged]:
    from rag.answering.choose import holding_the_asked
    from rag.refusal import question_row

    plain = replace(model, refusal=None)
    return [
        Judged(item, question_row(holding_the_asked(scored(item, plain), item.case.question), item.case.question),
               outcome(item, answerers[item.dataset], plain))
        for item in items
    ]


def out_of_fold(items: list[Item], answerers: dict, ratio: float) -> list[Judged]:
    """Every item judged with a sentence model fitted without its article (an inner cross-validation):
    the refusal model learns from scores like those of questions the sentence model has never seen."""
    judged = []
    for j in range(INNER_FOLDS):
        fitted_on = [item for item in items if fold_of(item.group + "/inner", INNER_FOLDS) != j]
        held = [item for item in items if fold_of(item.group + "/inner", INNER_FOLDS) == j]
        if fitted_on and held:
            model = replace(fit_model(fitted_on), refusal_threshold=SENTENCE_FLOOR, companion_ratio=ratio)
            judged.extend(judge(held, answerers, model))
    return judged


def refused_at(judged: list[Judged], probabilities: np.ndarray, threshold: float) -> list[dict]:
    """The outcomes when the refusal model refuses under `threshold`."""
    results = []
    for case, probability in zip(judged, probabilities):
        refused = case.base["refused"] or probability < threshold
        right = refused if not case.item.case.answerable else (case.base["right"] and not refused)
        results.append({**case.base, "refused": refused, "right": right})
    return results


def fit_refusal(judged: list[Judged], refusal_weight: float):
    """The refusal model fitted on `judged` (label: the answer is right), its threshold maximising the balanced score."""
    from sklearn.linear_model import LogisticRegression

    from rag.refusal import RefusalModel

    rows = np.stack([case.row for case in judged])
    labels = np.array([1.0 if case.item.case.answerable and case.base["right"] else 0.0 for case in judged])
    means, scales = rows.mean(axis=0), rows.std(axis=0)
    scales[scales < 1e-9] = 1.0
    regression = LogisticRegression(C=REGULARISATION, max_iter=2000).fit((rows - means) / scales, labels)
    model = RefusalModel(means, scales, regression.coef_[0], float(regression.intercept_[0]), 0.5)
    probabilities = model.probabilities(rows)
    threshold = max(THRESHOLDS, key=lambda t: (balanced(refused_at(judged, probabilities, t), refusal_weight), -t))
    return replace(model, threshold=threshold)


def fit_both(items: list[Item], answerers: dict, refusal_weight: float, provenance: dict | None = None):
    """The sentence model (its companion ratio calibrated) and its refusal model, fitted on `items`."""
    model = fit_model(items, provenance=provenance)
    _, ratio = calibrate(items, answerers, model, refusal_weight, thresholds=[SENTENCE_FLOOR])
    model = replace(model, refusal_threshold=SENTENCE_FLOOR, companion_ratio=ratio)
    return replace(model, refusal=fit_refusal(out_of_fold(items, answerers, ratio), refusal_weight))


def summary(outcomes: list[tuple[Item, dict]]) -> dict[str, dict[str, float]]:
    groups = defaultdict(list)
    for item, result in outcomes:
        groups[f"{item.dataset}"].append(result)
        groups[f"{item.dataset} lang={item.case.lang}"].append(result)
    table = {}
    for item, result in outcomes:
        if not item.case.answerable:
            groups[f"{item.dataset} {'without its article' if item.case.without else 'unanswerable as written'}"].append(result)
    for name, results in sorted(groups.items()):
        answerable = [r for r in results if r["answerable"]]
        unanswerable = [r for r in results if not r["answerable"]]
        table[name] = {
            "cases": len(results),
            "answer_right": statistics.fmean(r["right"] for r in answerable) if answerable else None,
            "answerable_refused": statistics.fmean(r["refused"] for r in answerable) if answerable else None,
            "unanswerable_refused": statistics.fmean(r["refused"] for r in unanswerable) if unanswerable else None,
            "right_overall": statistics.fmean(r["right"] for r in results),
        }
    return table


def markdown(table: dict[str, dict[str, float]]) -> str:
    lines = ["| set | cases | answer right (answerable) | answerable refused | unanswerable refused | right overall |", "|---|---|---|---|---|---|"]
    for name, row in table.items():
        cells = [f"{row[k]:.3f}" if row[k] is not None else "" for k in ("answer_right", "answerable_refused", "unanswerable_refused", "right_overall")]
        lines.append(f"| {name} | {row['cases']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def refusal_curve(curve: dict[float, list[tuple[Item, dict]]]) -> str:
    """One row per refusal threshold: answers right and refused among answerable questions, refused among
    the unanswerable ones as written and among the questions asked without their article."""
    lines = ["| threshold | answer right | answerable refused | unanswerable refused (as written) | unanswerable refused (without its article) |",
             "|---|---|---|---|---|"]
    for point, pairs in sorted(curve.items()):
        answerable = [r for i, r in pairs if i.case.answerable]
        written = [r["refused"] for i, r in pairs if not i.case.answerable and not i.case.without]
        left_out = [r["refused"] for i, r in pairs if i.case.without]
        cells = [statistics.fmean(r["right"] for r in answerable) if answerable else None,
                 statistics.fmean(r["refused"] for r in answerable) if answerable else None,
                 statistics.fmean(written) if written else None, statistics.fmean(left_out) if left_out else None]
        lines.append(f"| {point:.3f} | " + " | ".join("" if c is None else f"{c:.3f}" for c in cells) + " |")
    return "\n".join(lines)


def _write_failures(path: Path, outcomes: list[tuple[Item, dict]]) -> None:
    """The held-out cases the product got wrong, with what it answered."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for item, result in outcomes:
            if result["right"]:
                continue
            case = item.case
            kind = "answered an unanswerable question" if not case.answerable else ("refused" if result["refused"] else "wrong sentence")
            out.write(json.dumps({"set": item.dataset, "id": case.id, "lang": case.lang, "kind": case.kind, "failure": kind,
                                  "question": case.question, "must_contain": case.must_contain, "answer": result["answer"]}, ensure_ascii=False) + "\n")
    print(f"Held-out failures written to {path}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="report only; leave the shipped model as it is")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER, help="the embedder whose similarities the model reads (default: e5-small)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".congress-chat", help="where the indexes of the sets are built")
    parser.add_argument("--only", nargs="*", help="names of the sets to use (devset, editions, shipped)")
    parser.add_argument("--refusal-weight", type=float, default=REFUSAL_WEIGHT,
                        help=f"worth of a refused unanswerable question against an answerable one answered right (default {REFUSAL_WEIGHT})")
    parser.add_argument("--failures", type=Path, help="write the held-out cases answered wrong or refused wrongly here (JSON lines: what was asked, said and expected)")
    args = parser.parse_args(argv)

    datasets = [d for d in default_datasets() if not args.only or d.name in args.only]
    if not any(d.name == "devset" for d in datasets):
        print(f"note: {DEVSET} is absent; fitting on the fictional sets only", file=sys.stderr)
    items, answerers = [], {}
    for dataset in datasets:
        collected, assistant = collect(dataset, args.data_dir, args.embedder)
        items.extend(collected)
        answerers[dataset.name] = assistant.extractive
        print(f"{dataset.name}: {len(collected)} cases, {sum(len(i.candidates) for i in collected)} sentences, "
              f"{int(sum(i.labels.sum() for i in collected))} positive", file=sys.stderr)

    outcomes = []
    curve: dict[float, list[tuple[Item, dict]]] = defaultdict(list)
    for k in range(args.folds):
        train = [item for item in items if fold_of(item.group, args.folds) != k]
        test = [item for item in items if fold_of(item.group, args.folds) == k]
        model = fit_both(train, answerers, args.refusal_weight)
        print(f"fold {k}: {len(train)} training cases, {len(test)} held out; refusal threshold {model.refusal.threshold}, "
              f"ratio {model.companion_ratio}", file=sys.stderr)
        outcomes.extend((item, outcome(item, answerers[item.dataset], model)) for item in test)
        for point in THRESHOLDS:
            at_point = replace(model, refusal=replace(model.refusal, threshold=point))
            curve[point].extend((item, outcome(item, answerers[item.dataset], at_point)) for item in test)
    table = summary(outcomes)
    if args.failures:
        _write_failures(args.failures, outcomes)
    print(f"Cross-validation by article ({args.folds} folds), the product's answer selection on held-out articles:\n")
    print(markdown(table))
    for dataset in datasets:
        print(f"\nThe refusal trade-off on held-out articles of {dataset.name}, threshold by threshold (each fold's model):\n")
        print(refusal_curve({point: [(i, r) for i, r in pairs if i.dataset == dataset.name] for point, pairs in curve.items()}))

    final = fit_both(items, answerers, args.refusal_weight)
    threshold, ratio = final.refusal.threshold, final.companion_ratio
    provenance = {
        "fitted": dt.date.today().isoformat(),
        "command": "python -m eval.fit_selection" + (f" --embedder {args.embedder}" if args.embedder != DEFAULT_EMBEDDER else "")
        + (f" --refusal-weight {args.refusal_weight}" if args.refusal_weight != REFUSAL_WEIGHT else ""),
        "refusal_weight": args.refusal_weight,
        "regularisation": REGULARISATION,
        "embedder": args.embedder,
        "sets": {d.name: _shown(d.cases_path) for d in datasets},
        "cases": len(items),
        "sentences": int(sum(len(i.candidates) for i in items)),
        "cross_validation": {name: {k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()} for name, row in table.items()},
    }
    final = replace(final, provenance=provenance)
    print(f"\nFinal model on all {len(items)} cases: refusal threshold {threshold}, companion ratio {ratio}")
    from rag.refusal import QUESTION_FEATURES
    from rag.selection import FEATURES

    for name, coefficient in sorted(zip(FEATURES, final.coefficients), key=lambda pair: -abs(pair[1])):
        print(f"  {name:14s} {coefficient:+.3f}")
    print("Refusal model (P(the answer is right)):")
    for name, coefficient in sorted(zip(QUESTION_FEATURES, final.refusal.coefficients), key=lambda pair: -abs(pair[1])):
        print(f"  {name:18s} {coefficient:+.3f}")
    if not args.no_write:
        target = ROOT / "rag" / "data" / model_file(args.embedder)
        final.save(target)
        print(f"Written to {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
