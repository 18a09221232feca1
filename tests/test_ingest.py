"""`congress-chat ingest` builds the index aside and switches it in; re-running it on an
unchanged corpus does nothing; a changed file is re-embedded alone; a removed file
leaves; unreadable files are named and the rest is ingested; an interrupted run leaves
the previous index answering."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest

from conftest import CLI, make_settings, run_cli
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
    index = tmp_path / "index"
    result = run_cli("ingest", "--corpus", str(corpus_copy), "--index", str(index), "--quiet")
    assert result.returncode == 3, result.stderr
    for name, reason in [("broken.pdf", "PDF"), ("latin1.txt", "UTF-8"), ("empty.md", "no text")]:
        line = next(l for l in result.stderr.splitlines() if name in l)
        assert reason in line
    assert "PARTIAL" in result.stdout and "3 documents" in result.stdout
    assert "Traceback" not in result.stderr
    again = run_cli("ingest", "--corpus", str(corpus_copy), "--index", str(index), "--quiet")
    assert again.returncode == 3 and "broken.pdf" in again.stderr  # still reported, still partial
    (corpus_copy / "latin1.txt").write_text("Congrès de dermatologie à Fès, en 2024.", encoding="utf-8")
    fixed = run_cli("ingest", "--corpus", str(corpus_copy), "--index", str(index), "--quiet")
    assert "latin1.txt" not in fixed.stderr and "4 documents" in fixed.stdout


def test_interrupted_ingest_leaves_the_previous_index_answering(tmp_path, corpus_copy):
    index = tmp_path / "index"
    # The fast encoder: this is about stopping mid-run, not about the model.
    settings = make_settings(corpus_dir=corpus_copy, index_dir=index, embedder="use-m3")
    ingest(settings)
    before = IndexLayout(index).current_generation()
    for i in range(300):  # enough new text that embedding takes several seconds
        paragraphs = [f"Le congrès fictif numéro {i}, session {p}, s'est tenu à Ifrane avec des ateliers de pédiatrie. " * 4 for p in range(4)]
        (corpus_copy / f"extra-{i}.md").write_text("\n\n".join(paragraphs), encoding="utf-8")
    process = subprocess.Popen([*CLI, "ingest", "--corpus", str(corpus_copy), "--index", str(index), "--embedder", "use-m3"], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not (index / f"gen-{before + 1:06d}").exists():
        time.sleep(0.02)
    time.sleep(1.5)  # well inside the embedding of ~1,200 passages
    assert process.poll() is None, "ingest finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "previous index" in err and "Traceback" not in err
    assert IndexLayout(index).current_generation() == before
    answer = Assistant(settings).ask("Où a eu lieu le congrès de radiologie ?")
    assert "Marrakech" in answer.answer
    report = ingest(settings)  # the next run clears the unfinished build and completes
    assert report.generation == before + 1 and report.documents == 303


def test_one_writer_at_a_time(tmp_path, corpus_copy):
    settings = make_settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index")
    layout = IndexLayout(tmp_path / "index")
    with layout.writer_lock():
        with pytest.raises(Exception, match="another ingest"):
            ingest(settings)


def test_missing_corpus_is_one_clear_line(tmp_path):
    result = run_cli("ingest", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "i"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: corpus folder {tmp_path / 'nope'} does not exist"]
