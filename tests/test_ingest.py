"""`congress-chat ingest` builds the index aside and switches it in; re-running it on an
unchanged corpus does nothing; a changed file is re-embedded alone; a removed file
leaves; unreadable files are named and the rest is ingested; an interrupted run leaves
the previous index answering."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from conftest import CLI, children, make_settings, run_cli_here, running
from rag.assistant import Assistant
from rag.index import IndexLayout
from rag.ingest import ingest


def doc_ids(settings) -> set[str]:
    return set(Assistant(settings).index.documents)


def test_first_ingest_indexes_every_file_and_a_second_one_does_nothing(tmp_path, corpus_copy):
    settings = make_settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    first = ingest(settings)
    assert (first.documents, first.embedded, first.up_to_date) == (3, first.chunks, False)
    assert first.chunks > 10
    again = ingest(settings)
    assert again.up_to_date and again.embedded == 0 and again.generation == first.generation
    assert again.seconds < 1.0


def test_touched_but_identical_file_is_not_reembedded(tmp_path, corpus_copy):
    settings = make_settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    ingest(settings)
    path = next(corpus_copy.glob("*.md"))
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    report = ingest(settings)
    assert report.up_to_date and report.embedded == 0


def test_changed_file_is_reembedded_alone_and_removed_file_leaves(tmp_path, corpus_copy):
    settings = make_settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    ingest(settings)
    radiology = corpus_copy / "radiologie-smr-23e-congres-marrakech-2025.md"
    radiology.write_text(radiology.read_text(encoding="utf-8") + "\n\nUne nouvelle phrase ajoutée au rapport.\n", encoding="utf-8")
    (corpus_copy / "master-class-hemostase-casablanca-2025.md").unlink()
    report = ingest(settings)
    assert report.changed == ["radiologie-smr-23e-congres-marrakech-2025.md"]
    assert report.removed == ["master-class-hemostase-casablanca-2025.md"]
    assert report.embedded == 1  # only the new passage
    assert doc_ids(settings) == {"oncologie-omm-2e-congres-marrakech", "radiologie-smr-23e-congres-marrakech-2025"}
    answer = Assistant(settings).ask("Quelle phrase a été ajoutée au rapport ?")
    assert "nouvelle phrase" in answer.answer


def test_uploads_under_the_data_dir_are_indexed_with_the_corpus_and_leave_when_removed(tmp_path, corpus_copy):
    settings = make_settings(corpus_dir=corpus_copy, data_dir=tmp_path / "data", index_dir=tmp_path / "index")
    uploads = settings.resolved_uploads_dir()
    assert uploads.is_relative_to(tmp_path / "data") and uploads.name == "uploads"
    assert make_settings(corpus_dir=tmp_path, data_dir=tmp_path / "data").resolved_uploads_dir() != uploads, "one per corpus"
    uploads.mkdir(parents=True)
    (uploads / "badges.md").write_text("# Badges (fictif)\n\nLes badges se retirent au comptoir Zénith, hall 3.\n", encoding="utf-8")
    report = ingest(settings)
    assert report.new == ["uploads/badges.md"] or "uploads/badges.md" in report.new
    assert "uploads/badges" in doc_ids(settings)
    assert "comptoir Zénith" in Assistant(settings).ask("Où retirer les badges ?").answer
    (uploads / "badges.md").unlink()
    assert ingest(settings).removed == ["uploads/badges.md"]
    assert "uploads/badges" not in doc_ids(settings)
    assert not (corpus_copy / "uploads").exists()


def test_unreadable_files_are_named_and_the_rest_is_ingested(tmp_path, corpus_copy):
    (corpus_copy / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (corpus_copy / "latin1.txt").write_bytes("Congrès à Fès".encode("latin-1"))
    (corpus_copy / "empty.md").write_text("", encoding="utf-8")
    index = tmp_path / "index"  # what is reported, not how it is embedded: the fast encoder
    result = run_cli_here("ingest", "--corpus", str(corpus_copy), "--index", str(index), "--quiet", "--embedder", "use-m3")
    assert result.returncode == 3, result.stderr
    for name, reason in [("broken.pdf", "PDF"), ("empty.md", "no text")]:
        line = next(l for l in result.stderr.splitlines() if name in l)
        assert reason in line
    assert "latin1.txt" not in result.stderr  # another encoding is detected, not refused
    assert "PARTIAL" in result.stdout and "4 documents" in result.stdout
    assert "Traceback" not in result.stderr
    again = run_cli_here("ingest", "--corpus", str(corpus_copy), "--index", str(index), "--quiet", "--embedder", "use-m3")
    assert again.returncode == 3 and "broken.pdf" in again.stderr  # still reported, still partial
    (corpus_copy / "empty.md").write_text("Congrès de dermatologie à Fès, en 2024.", encoding="utf-8")
    fixed = run_cli_here("ingest", "--corpus", str(corpus_copy), "--index", str(index), "--quiet", "--embedder", "use-m3")
    assert "empty.md" not in fixed.stderr and "5 documents" in fixed.stdout


def _reset_sigint() -> None:
    """In the child: Python's Ctrl-C handling, even when started from a background job (which
    inherits SIGINT ignored, and Python then keeps it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# SIGTERM as `kill` or a service manager sends it; SIGINT to the whole process group, as a
# terminal's Ctrl-C does (the embedding workers run in their own group: the ingest stops them).
@pytest.mark.parametrize("stop, status, group", [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, True)], ids=["SIGTERM", "Ctrl-C"])
def test_interrupted_ingest_leaves_the_previous_index_answering_and_no_worker_behind(tmp_path, corpus_copy, stop, status, group):
    index = tmp_path / "index"
    # The fast encoder: this is about stopping mid-run, not about the model.
    settings = make_settings(corpus_dir=corpus_copy, index_dir=index, embedder="use-m3")
    ingest(settings)
    before = IndexLayout(index).current_generation()
    for i in range(60):  # fictional reports, ~240 new passages: enough to be embedded by workers
        paragraphs = [f"Le congrès fictif numéro {i}, session {p}, s'est tenu à Ifrane avec des ateliers de pédiatrie. " * 4 for p in range(4)]
        (corpus_copy / f"extra-{i}.md").write_text("\n\n".join(paragraphs), encoding="utf-8")
    # One passage per batch: the progress bar moves after each, and the run lasts seconds.
    env = {**os.environ, "CONGRESS_CHAT_EMBED_BATCH_SIZE": "1", "CONGRESS_CHAT_INGEST_WORKERS": "2"}
    process = subprocess.Popen(
        [*CLI, "ingest", "--corpus", str(corpus_copy), "--index", str(index), "--embedder", "use-m3"],
        stderr=subprocess.PIPE, env=env, preexec_fn=_reset_sigint, process_group=0,
    )
    seen = b""
    deadline = time.time() + 120
    while b"embedding" not in seen and time.time() < deadline:  # mid-run: the embedding bar has moved
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
    assert process.poll() is None, "ingest finished before it could be interrupted"
    workers = children(process.pid)
    assert len(workers) == 2, "the passages are embedded by two workers"
    os.killpg(process.pid, stop) if group else process.send_signal(stop)
    _, rest = process.communicate(timeout=60)
    err = (seen + rest).decode(errors="replace")
    assert process.returncode == status, err
    assert "previous index is still the one that answers" in err and "Traceback" not in err
    assert not any(running(pid) for pid in workers), "no worker is left behind"
    assert IndexLayout(index).current_generation() == before
    answer = Assistant(settings).ask("Où a eu lieu le congrès de radiologie ?")
    assert "Marrakech" in answer.answer
    report = ingest(settings)  # the next run clears the unfinished build and completes
    assert report.generation == before + 1 and report.documents == 63


def test_a_corpus_whose_only_file_is_refused_indexes_nothing_and_keeps_the_previous_index(tmp_path, corpus_copy):
    index = tmp_path / "index"
    programme = tmp_path / "programme"
    programme.mkdir()
    (programme / "programme.yaml").write_text(
        "# fictional\ncongress: {name: Congrès fictif}\nsessions:\n  - {title: Ouverture, day: 2026-03-12, start: '10:00', end: '09:00'}\n",
        encoding="utf-8",
    )
    first = run_cli_here("ingest", "--corpus", str(programme), "--index", str(index), "--embedder", "use-m3", "--quiet")
    assert first.returncode == 3, first.stderr
    assert "Traceback" not in first.stderr and "max()" not in first.stderr
    assert first.stderr.strip().splitlines() == [
        "skipped programme.yaml: invalid programme: session 1 (Ouverture): end 09:00 is not after start 10:00",
        f"Nothing indexed: every file of {programme} was refused; there is no index yet",
    ]
    assert IndexLayout(index).current_generation() is None
    # With an index already there: it stays, and keeps answering.
    built = run_cli_here("ingest", "--corpus", str(corpus_copy), "--index", str(index), "--embedder", "use-m3", "--quiet")
    assert built.returncode == 0, built.stderr
    generation = IndexLayout(index).current_generation()
    again = run_cli_here("ingest", "--corpus", str(programme), "--index", str(index), "--embedder", "use-m3", "--quiet")
    assert again.returncode == 3 and f"generation {generation} still answers" in again.stderr
    assert IndexLayout(index).current_generation() == generation
    answer = Assistant(make_settings(corpus_dir=corpus_copy, index_dir=index, embedder="use-m3")).ask("Où a eu lieu le congrès de radiologie ?")
    assert "Marrakech" in answer.answer


def test_an_empty_corpus_is_one_clear_line(tmp_path):
    (tmp_path / "corpus").mkdir()
    result = run_cli_here("ingest", "--corpus", str(tmp_path / "corpus"), "--index", str(tmp_path / "i"), "--embedder", "use-m3")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: corpus folder {tmp_path / 'corpus'} holds no documents (.md, .markdown, .txt, .html, .htm, .pdf, .docx, .xlsx, .xlsm, .xls, .ods, .json, .xml, .ics, .yaml, .yml, .csv)"]


def test_each_limit_hit_is_one_line_of_the_report_naming_the_file(tmp_path, corpus_copy):
    (corpus_copy / "oneline.txt").write_text("mot " * 50_000, encoding="utf-8")  # no sentence end
    (corpus_copy / "big.md").write_text("Un texte fictif. " * 1000, encoding="utf-8")
    env = {"CONGRESS_CHAT_MAX_DOCUMENT_CHARS": "20000", "CONGRESS_CHAT_MAX_TEXT_FILE_MB": "0.1"}
    args = ("ingest", "--corpus", str(corpus_copy), "--index", str(tmp_path / "index"), "--embedder", "use-m3", "--quiet")
    for run in ("first", "up to date"):
        result = run_cli_here(*args, env=env)
        assert result.returncode == 3, result.stderr
        assert result.stderr.strip().splitlines() == [
            "skipped oneline.txt: 0.2 MB is over the 0.1 MB limit for .txt files (CONGRESS_CHAT_MAX_TEXT_FILE_MB)",
        ], run
    env["CONGRESS_CHAT_MAX_TEXT_FILE_MB"] = "10"
    result = run_cli_here(*args, env=env)
    assert result.returncode == 0 and "5 documents" in result.stdout, result.stderr
    assert result.stderr.strip().splitlines() == [
        "limit oneline.txt: cut to 19,999 characters (of 200,000; CONGRESS_CHAT_MAX_DOCUMENT_CHARS)",
        "limit oneline.txt: over-long sentences cut into 20 pieces of at most 1,000 characters (CONGRESS_CHAT_MAX_SENTENCE_CHARS)",
    ]
    again = run_cli_here(*args, env=env)
    assert "Index up to date" in again.stdout and again.stderr.strip().splitlines()[0].startswith("limit oneline.txt: cut to 19,999")
    chunks = Assistant(make_settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index", embedder="use-m3")).index.chunks
    assert max(len(chunk.text) for chunk in chunks) <= 1000


def test_one_writer_at_a_time(tmp_path, corpus_copy):
    from rag.errors import RebuildRunningError
    from rag.rebuild_lock import rebuild_lock

    settings = make_settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    with rebuild_lock(settings):
        with pytest.raises(RebuildRunningError, match="another rebuild of this index is running; try again when it finishes"):
            ingest(settings)


def test_missing_corpus_is_one_clear_line(tmp_path):
    result = run_cli_here("ingest", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "i"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: corpus folder {tmp_path / 'nope'} does not exist"]
