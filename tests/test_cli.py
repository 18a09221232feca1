"""The command line: `ask` in text, JSON and batch form; errors users can cause are one
line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SHIPPED_CORPUS, make_settings, run_cli, run_cli_here

CITATION_KEYS = {"n", "doc_id", "title", "section", "text", "start", "end", "score"}


@pytest.fixture(scope="module")
def index_dir(shipped_index):
    """The session's index over the shipped corpus (`congress-chat ingest` has its own tests)."""
    return shipped_index.index_dir


def test_ask_json_has_the_documented_fields(index_dir):
    result = run_cli_here("ask", "Où se tient le congrès de radiologie ?", "--index", str(index_dir), "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) >= {"question", "answer", "refused", "language", "citations", "retrieved", "latency_ms"}
    assert answer["language"] == "fr" and answer["refused"] is False
    assert "Marrakech" in answer["answer"]
    assert answer["retrieved"][0] == "radiologie-smr-23e-congres-marrakech-2025"
    assert len(answer["retrieved"]) == len(set(answer["retrieved"])) <= 10
    citation = answer["citations"][0]
    assert CITATION_KEYS <= set(citation)
    assert "[1]" in answer["answer"]


def test_ask_text_prints_answer_then_sources(index_dir):
    result = run_cli_here("ask", "Who chairs the SMR?", "--index", str(index_dir))
    assert result.returncode == 0, result.stderr
    assert "Najat Chérif Idrissi El Ganouni" in result.stdout
    assert "[1] " in result.stdout


def test_follow_up_through_history(index_dir):
    result = run_cli_here(
        "ask", "Et quel était son thème ?", "--history", "Parle-moi du congrès de l'OMM à Marrakech", "--index", str(index_dir), "--json"
    )
    answer = json.loads(result.stdout)
    assert "Médecine de précision" in answer["answer"]


def test_batch_answers_each_line_and_reports_malformed_ones(index_dir, tmp_path):
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "question": "Qui dirige la Fondation Promalab ?", "expected": "ignored"}),
                "{not json",
                json.dumps({"id": "b", "question": "ما هو موضوع المؤتمر الثالث والعشرين للأشعة؟"}),
                json.dumps({"id": "c", "question": "Et où ?", "history": ["Parle-moi de la Master Class en Hémostase"]}),
                json.dumps({"id": "d"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = run_cli_here("ask", "--batch", str(batch), "--index", str(index_dir))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert "Bouchra El Maliki" in lines[0]["answer"]
    assert lines[1]["language"] == "ar"
    assert "Casablanca" in lines[2]["answer"]
    assert f"{batch}:2:" in result.stderr and f"{batch}:5:" in result.stderr
    assert result.returncode == 3 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["ask", "   "], "the question is empty"),
        (["ask", "?????"], "the question has no words"),
        (["ask", "🙂🙂 ! …"], "the question has no words"),
        (["ask", "x" * 2500], "keep it under 2000"),
        (["ask", "Quel thème ?", "--embedder", "word2vec"], "unknown embedder 'word2vec'"),
        (["ask", "Quel thème ?", "--embedder", "minilm"], "was built with embedder e5-small, not minilm"),
    ],
)
def test_user_errors_are_one_line(index_dir, args, message):
    result = run_cli_here(*args, "--index", str(index_dir))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr


def test_no_index_and_no_corpus_is_one_line(tmp_path):
    result = run_cli_here("ask", "Quel thème ?", "--index", str(tmp_path / "none"), "--corpus", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: no index at") and "Traceback" not in result.stderr


def test_ask_builds_the_index_on_first_use(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in SHIPPED_CORPUS.glob("*omm*.md"):
        shutil.copy(article, corpus)
    result = run_cli("ask", "Quand a lieu le congrès de l'OMM ?", "--corpus", str(corpus), "--json")
    assert result.returncode == 0, result.stderr
    assert "18 et 19 novembre" in json.loads(result.stdout)["answer"]
    assert "building it" in result.stderr


def test_help_answers_without_loading_models():
    result = run_cli("--help")
    assert result.returncode == 0 and "ingest" in result.stdout and "ask" in result.stdout


# A new process loads the language detector (lingua's models, about 1.5 s) only for a call that
# reads the language of a text: not for --help, an unchanged corpus, the feedback export, nor one
# question whose own words tell its language over an index of articles.
_LINGUA_LOADED = (
    "import sys, cli\n"
    "try:\n    status = cli.main(sys.argv[1:])\nexcept SystemExit as exit:\n    status = exit.code or 0\n"
    "print(status, 'lingua' in sys.modules)"
)


def _loads_the_detector(*args: str) -> bool:
    result = subprocess.run([sys.executable, "-c", _LINGUA_LOADED, *args], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=600)
    status, loaded = result.stdout.split()[-2:]
    assert status == "0", result.stderr
    return loaded == "True"


def test_a_call_that_reads_no_language_does_not_load_the_detector(index_dir, corpus_copy, tmp_path):
    from rag.feedback import open_feedback_store
    from rag.ingest import ingest

    assert not _loads_the_detector("--help")
    assert not _loads_the_detector("ingest", "--corpus", str(SHIPPED_CORPUS), "--index", str(index_dir), "--quiet")
    open_feedback_store(make_settings()).record(rating=1, question="Où ?", answer="À Marrakech [1]")
    assert not _loads_the_detector("feedback", "export")
    articles = make_settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index", embedder="use-m3")
    ingest(articles)
    ask = ["ask", "Où se tient le congrès de radiologie ?", "--corpus", str(corpus_copy), "--index", str(articles.index_dir), "--embedder", "use-m3"]
    assert not _loads_the_detector(*ask)
    assert _loads_the_detector("ingest", "--corpus", str(corpus_copy), "--index", str(tmp_path / "new-index"), "--embedder", "use-m3", "--quiet")
