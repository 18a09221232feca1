"""Each metric on cases small enough to check on paper; ranking metrics cross-checked
against ranx, an independent implementation."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest

from eval.compare import compare, paired_permutation_p
from eval.metrics import (
    answer_contains_all,
    citation_doc_precision,
    citation_precision,
    citation_recall,
    hit_at_k,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
    statements,
    token_f1,
)
from eval.support import supports


def test_hit_recall_and_reciprocal_rank_by_hand():
    retrieved = ["b", "a", "c"]
    assert hit_at_k(retrieved, ["a"], 1) == 0 and hit_at_k(retrieved, ["a"], 2) == 1
    assert recall_at_k(retrieved, ["a", "d"], 5) == 0.5
    assert reciprocal_rank(retrieved, ["a", "c"]) == 0.5
    assert reciprocal_rank([], ["a"]) == 0 and recall_at_k([], ["a"], 5) == 0
    assert recall_at_k(["a"], [], 5) == 0  # no gold document: nothing to recall


def test_ndcg_by_hand_with_duplicates():
    # gold {a, c}: DCG = 1/log2(3) (a at rank 2) + 1/log2(4) (c at rank 3); ideal = 1 + 1/log2(3)
    expected = (1 / math.log2(3) + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(["b", "a", "c"], ["a", "c"], 10) == pytest.approx(expected)
    assert ndcg_at_k(["b", "b", "a", "c"], ["a", "c"], 10) == pytest.approx(expected)  # a repeated id counts once
    assert ndcg_at_k(["a"], ["a"], 10) == 1.0


_RANX = """
import json, sys
import ranx
runs, gold = json.load(sys.stdin)
qrels = ranx.Qrels({q: {d: 1 for d in docs} for q, docs in gold.items()})
run = ranx.Run({q: {d: float(len(docs) - i) for i, d in enumerate(docs)} for q, docs in runs.items()})
print(json.dumps({k: float(v) for k, v in ranx.evaluate(qrels, run, ["hits@1", "recall@5", "mrr", "ndcg@10"], make_comparable=True).items()}))
"""


def test_ranking_metrics_agree_with_ranx():
    """ranx in a child process with numba's JIT off: the same Python code, without the minute
    numba spends compiling it on a fresh machine."""
    pytest.importorskip("ranx")
    runs = {
        "q1": ["d1", "d2", "d3"], "q2": ["d4", "d1"], "q3": ["d9"], "q4": ["d2", "d5", "d6", "d7"],
        "q5": ["d3", "d1", "d2"], "q6": ["d8", "d7", "d6", "d5", "d4"],
    }
    gold = {"q1": ["d2"], "q2": ["d1", "d4"], "q3": ["d1"], "q4": ["d7"], "q5": ["d1", "d2", "d3"], "q6": ["d4"]}
    child = subprocess.run(
        [sys.executable, "-c", _RANX], input=json.dumps([runs, gold]), capture_output=True, text=True, check=True,
        env={**os.environ, "NUMBA_DISABLE_JIT": "1"}, timeout=300,
    )
    theirs = json.loads(child.stdout.strip().splitlines()[-1])
    ours = {
        "hits@1": sum(hit_at_k(runs[q], gold[q], 1) for q in runs) / len(runs),
        "recall@5": sum(recall_at_k(runs[q], gold[q], 5) for q in runs) / len(runs),
        "mrr": sum(reciprocal_rank(runs[q], gold[q]) for q in runs) / len(runs),
        "ndcg@10": sum(ndcg_at_k(runs[q], gold[q], 10) for q in runs) / len(runs),
    }
    for metric, value in ours.items():
        assert value == pytest.approx(theirs[metric]), metric


def test_answer_accuracy_ignores_accents_and_case():
    assert answer_contains_all("Le congrès a lieu à FÈS.", ["fes", "Congres"]) == 1
    assert answer_contains_all("Le congrès a lieu à Rabat.", ["Fès"]) == 0


def test_token_f1_by_hand():
    # answer terms {marrakech, mai}; reference terms {marrakech, 18, mai, 19}: P = 1, R = 0.5
    assert token_f1("D'après les documents du congrès : À Marrakech en mai [1]", "Marrakech, 18 et 19 mai") == pytest.approx(2 / 3)
    assert token_f1("", "Marrakech") == 0


def test_statements_split_on_citation_markers():
    answer = "D'après les documents du congrès : Le congrès a lieu à Agadir. [1] Il réunit 800 médecins. [2][3] Merci."
    assert statements(answer) == [("Le congrès a lieu à Agadir.", [1]), ("Il réunit 800 médecins.", [2, 3]), ("Merci.", [])]


PASSAGES = [
    {"n": 1, "doc_id": "a", "text": "Le congrès a lieu à Agadir du 3 au 5 mars."},
    {"n": 2, "doc_id": "b", "text": "Il réunit 800 médecins venus de tout le pays."},
    {"n": 3, "doc_id": "c", "text": "La météo était clémente."},
]


def test_citation_recall_and_precision_by_hand():
    answer = "Intro : Le congrès a lieu à Agadir. [1] Il réunit 800 médecins. [2][3]"
    # both statements supported → recall 1; citation 3 supports nothing and is not needed → precision 2/3
    assert citation_recall(answer, PASSAGES, supports) == 1
    assert citation_precision(answer, PASSAGES, supports) == pytest.approx(2 / 3)


def test_citation_out_of_range_and_unsupported_statement():
    answer = "Intro : Le congrès a lieu à Agadir. [7] Il réunit 900 médecins. [2]"
    assert citation_recall(answer, PASSAGES, supports) == 0  # [7] is no passage; 900 is not 800
    assert citation_precision(answer, PASSAGES, supports) == 0


def test_two_citations_where_one_is_enough_are_both_relevant_only_if_each_supports():
    answer = "Intro : Le congrès a lieu à Agadir. [1][1]"
    assert citation_precision(answer, PASSAGES, supports) == 1


def test_refusal_has_no_citation_scores():
    refusal = "Je ne trouve pas cette information dans les documents du congrès."
    assert citation_precision(refusal, [], supports) is None
    assert citation_doc_precision([], ["a"]) is None
    assert citation_doc_precision(PASSAGES, ["a", "b"]) == pytest.approx(2 / 3)


def test_permutation_test_exact_and_sampled():
    assert paired_permutation_p([0, 0, 0]) == 1.0
    # two differences of +1: 4 sign patterns, 2 as extreme as observed → p = 0.5
    assert paired_permutation_p([1, 1]) == 0.5
    assert paired_permutation_p([1] * 40) < 0.001


def test_compare_lists_changed_cases_and_deltas():
    before = [{"id": "x", "scores": {"hit_1": 1.0, "accuracy": 1.0}}, {"id": "y", "scores": {"hit_1": 0.0, "accuracy": 0.0}}]
    after = [{"id": "x", "scores": {"hit_1": 0.0, "accuracy": 0.0}}, {"id": "y", "scores": {"hit_1": 0.0, "accuracy": 0.0}}]
    comparison = compare(before, after, ["hit_1", "accuracy"])
    assert [d.delta for d in comparison.deltas] == [-0.5, -0.5]
    assert [case for case, _ in comparison.worse] == ["x"] and comparison.better == []
    same = compare(before, before, ["hit_1"])
    assert same.deltas[0].p_value == 1.0 and not same.worse and not same.better
