"""Compare two evaluation runs case by case: metric deltas, whether each is beyond noise
(a two-sided paired permutation test over cases), and every case that got better or worse."""

from __future__ import annotations

import itertools
import json
import random
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from eval.harness import METRIC_LABELS

COMPARED = ["hit_1", "recall_5", "rr", "ndcg_10", "accuracy", "f1", "citation_recall", "citation_precision", "refused"]
_ROUNDS, _SEED, _EXACT_UP_TO = 10_000, 0, 16


@dataclass
class MetricDelta:
    metric: str
    before: float
    after: float
    p_value: float
    cases: int

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def significant(self) -> bool:
        return self.p_value < 0.05


@dataclass
class Comparison:
    deltas: list[MetricDelta]
    better: list[tuple[str, dict[str, tuple[float, float]]]] = field(default_factory=list)
    worse: list[tuple[str, dict[str, tuple[float, float]]]] = field(default_factory=list)
    changed: list[tuple[str, dict[str, tuple[float, float]]]] = field(default_factory=list)  # only refusal flipped

    def to_markdown(self) -> str:
        lines = ["| metric | before | after | delta | p | beyond noise |", "|---|---|---|---|---|---|"]
        for d in self.deltas:
            lines.append(f"| {METRIC_LABELS.get(d.metric, d.metric)} | {d.before:.3f} | {d.after:.3f} | {d.delta:+.3f} | {d.p_value:.3f} | {'yes' if d.significant else 'no'} |")
        for title, cases in (("Worse", self.worse), ("Better", self.better), ("Refusal changed", self.changed)):
            lines.append(f"\n{title} ({len(cases)}):")
            for case_id, changes in cases:
                changed = ", ".join(f"{METRIC_LABELS.get(m, m)} {a:.2f}→{b:.2f}" for m, (a, b) in changes.items())
                lines.append(f"- {case_id}: {changed}")
        return "\n".join(lines)


def paired_permutation_p(differences: list[float], rounds: int = _ROUNDS, seed: int = _SEED) -> float:
    """Two-sided sign-flip test of mean(differences) = 0: exact over all 2^n sign patterns of
    the non-zero differences when n ≤ 16, else `rounds` random flips (fixed seed)."""
    nonzero = [d for d in differences if d != 0]
    if not nonzero:
        return 1.0
    observed = abs(sum(nonzero))
    if len(nonzero) <= _EXACT_UP_TO:
        patterns = list(itertools.product((1, -1), repeat=len(nonzero)))
        extreme = sum(1 for signs in patterns if abs(sum(s * d for s, d in zip(signs, nonzero))) >= observed - 1e-12)
        return extreme / len(patterns)
    rng = random.Random(seed)
    extreme = sum(1 for _ in range(rounds) if abs(sum(d if rng.random() < 0.5 else -d for d in nonzero)) >= observed - 1e-12)
    return (extreme + 1) / (rounds + 1)


def compare(before: list[dict], after: list[dict], metrics: list[str] = COMPARED) -> Comparison:
    earlier = {result["id"]: result["scores"] for result in before}
    paired = [(earlier[result["id"]], result["scores"], result["id"]) for result in after if result["id"] in earlier]
    deltas = []
    for metric in metrics:
        pairs = [(a[metric], b[metric]) for a, b, _ in paired if a.get(metric) is not None and b.get(metric) is not None]
        if pairs:
            deltas.append(MetricDelta(
                metric, statistics.fmean(a for a, _ in pairs), statistics.fmean(b for _, b in pairs),
                paired_permutation_p([b - a for a, b in pairs]), len(pairs),
            ))
    comparison = Comparison(deltas)
    for a, b, case_id in paired:
        changes = {m: (a[m], b[m]) for m in metrics if a.get(m) is not None and b.get(m) is not None and a[m] != b[m]}
        if not changes:
            continue
        # refusals are neither good nor bad by themselves; judge a case by its quality metrics
        direction = sum((b_ - a_) for m, (a_, b_) in changes.items() if m != "refused")
        bucket = comparison.better if direction > 0 else comparison.worse if direction < 0 else comparison.changed
        bucket.append((case_id, changes))
    return comparison


def load_results(out_dir: Path) -> list[dict]:
    with open(out_dir / "results.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
