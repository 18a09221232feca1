"""Answer quality on the shipped evaluation sets stays above floors a little under
today's figures (README, "Measured figures"): a change that breaks retrieval, answers or
refusals fails here. The fictional editions and the real dev set are run by `congress-chat
eval` in the background from the start of the session (conftest), the others here."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.harness import load_cases, run, summarise

SETS = Path(__file__).resolve().parents[1] / "eval" / "sets"


def evaluate(assistant, name: str | Path) -> dict:
    """Summary of a test set (a name in eval/sets/, or a path) run through `assistant`."""
    cases, problems = load_cases(SETS / name)
    assert not problems
    results = run(cases, lambda case: assistant.ask(case.question, case.history, now=case.clock).to_json())
    return summarise(cases, results)


@pytest.fixture(scope="module")
def editions(editions_evaluation):
    assert not editions_evaluation.skipped_lines
    return editions_evaluation.summary


@pytest.mark.parametrize("language, floor", [("fr", 0.88), ("en", 0.80), ("ar", 0.78)])
def test_right_edition_is_found_first(editions, language, floor):
    assert editions[f"lang={language}"]["hit@1"] >= floor


def test_answers_and_refusals_on_the_fictional_editions(editions):
    overall = editions["all"]
    assert overall["recall@5"] >= 0.88
    assert overall["accuracy"] >= 0.93
    assert overall["refusal"] >= 0.60
    assert overall["false_refusal"] <= 0.05
    # editions read alike: a sentence of another edition's report rarely joins an answer (0.916 since
    # answers may quote 120 words, 0.923 at 80, for answers right 0.978 against 0.970)
    assert overall["cit_doc_prec"] >= 0.90


def test_answers_and_refusals_on_the_shipped_corpus(shipped_assistant):
    overall = evaluate(shipped_assistant, "shipped.jsonl")["all"]
    assert overall["hit@1"] >= 0.92
    assert overall["accuracy"] >= 0.95
    assert overall["refusal"] >= 0.60
    assert overall["false_refusal"] <= 0.05


def test_question_across_editions_is_answered_from_several_documents(fictional_assistant):
    answer = fictional_assistant.ask("Dans quelles villes le congrès de l'ARIM s'est-il tenu ?")
    assert len({c.doc_id for c in answer.citations}) >= 2
    assert "Meknès" in answer.answer and "Fès" in answer.answer


def test_schedule_questions_on_the_fictional_programme(programme_assistant):
    summary = evaluate(programme_assistant, "programme.jsonl")
    overall = summary["all"]
    assert overall["accuracy"] >= 0.90
    assert overall["cit_recall"] >= 0.80
    assert overall["refusal"] >= 0.75 and overall["false_refusal"] <= 0.10
    for language in ("fr", "en", "ar"):
        assert summary[f"lang={language}"]["accuracy"] >= 0.80, language


@pytest.fixture(scope="module")
def devset(devset_evaluation):
    """The real dev set (40 real articles, 130 questions): read from ../shared/devset, never copied here."""
    assert not devset_evaluation.skipped_lines
    return devset_evaluation.summary


# Floors on the dev set of 408 questions (2026-12, issue 23), in-sample, a little under what was measured:
# hit@1 fr 0.931 / en 0.905 / ar 0.815; answers right 0.737, across documents 0.583; unanswerable
# refused 0.714, asked without their article 0.824; answerable refused 0.112 (mostly answers that were
# wrong: the refusal model refuses what it finds unlikely to be right, docs/quality.md "Refusing what the
# documents do not say"); citation precision 0.980.
@pytest.mark.parametrize("language, floor", [("fr", 0.90), ("en", 0.88), ("ar", 0.79)])
def test_real_articles_the_right_article_is_found_first(devset, language, floor):
    assert devset[f"lang={language}"]["hit@1"] >= floor


def test_real_articles_answers_and_refusals(devset):
    overall = devset["all"]
    assert overall["accuracy"] >= 0.71
    assert overall["false_refusal"] <= 0.14
    assert overall["cit_precision"] >= 0.95


def test_real_articles_questions_the_documents_do_not_answer_are_refused(devset):
    assert devset["kind=unanswerable"]["refusal"] >= 0.67
    # each question about one article, asked of the corpus without that article
    assert devset["kind=without_article"]["refusal"] >= 0.79


def test_real_articles_questions_across_congresses_are_answered(devset):
    assert devset["kind=multi_doc"]["accuracy"] >= 0.52
