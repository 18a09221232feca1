"""Ingest embeds passages in worker processes, one thread each: their vectors are those the
ingest's own process computes, a worker's failure is the ingest's (one line), no worker
outlives its ingest, a small ingest starts none, and questions are embedded by the process
that answers."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from conftest import make_settings, running
from rag import embedding_workers, ingest as ingest_module
from rag.embedders import load_embedder
from rag.embedding_workers import EmbeddingWorkerError, EmbeddingWorkers
from rag.errors import ConfigError
from rag.ingest import ingest

PASSAGES = [
    "Le 3ᵉ congrès de la Société marocaine de cardiologie s'est tenu à Fès en mai 2024.",
    "The second edition gathered 800 physicians in Marrakech, with workshops on echocardiography.",
    "عقد المؤتمر الثاني للجمعية المغربية لطب الأورام في مراكش سنة 2025.",
    "Ateliers pratiques : " + "échographie de stress, IRM cardiaque, " * 6,
    "Short.",
]


def test_workers_give_the_vectors_of_the_ingests_own_process_in_the_order_of_the_batches():
    batches = [PASSAGES[:2], [], PASSAGES[2:4], PASSAGES[4:], PASSAGES[3:0:-1]]
    with EmbeddingWorkers("e5-small", 2) as workers:
        vectors = list(workers.embed(batches))
        pids = workers.pids
    here = load_embedder("e5-small", 1)
    assert [len(v) for v in vectors] == [len(batch) for batch in batches]
    for batch, got in zip(batches, vectors):
        if batch:
            np.testing.assert_allclose(got, here.unit_vectors(batch), rtol=0, atol=1e-6)
    assert len(pids) == 2 and not any(running(pid) for pid in pids), "workers leave with their block"


def test_an_embedder_that_cannot_load_in_a_worker_fails_as_it_would_in_process():
    with EmbeddingWorkers("no-such-embedder", 1) as workers:
        with pytest.raises(ConfigError, match="unknown embedder 'no-such-embedder'"):
            list(workers.embed([["un texte"]]))


def test_a_worker_that_dies_fails_the_ingest_with_one_line_and_the_others_are_stopped():
    batches = [[text] for text in PASSAGES]
    with pytest.raises(EmbeddingWorkerError, match="stopped without answering.*previous index is still the one that answers"):
        with EmbeddingWorkers("e5-small", 2) as workers:
            vectors = workers.embed(batches)
            next(vectors)
            pids = workers.pids
            os.kill(pids[0], signal.SIGKILL)
            list(vectors)
    assert not any(running(pid) for pid in pids)


def record_workers(monkeypatch) -> list[int]:
    """The pids of the embedding workers started from now on."""
    started: list[int] = []

    class Recorded(embedding_workers._Worker):
        def __init__(self, embedder: str) -> None:
            super().__init__(embedder)
            started.append(self.process.pid)

    monkeypatch.setattr(embedding_workers, "_Worker", Recorded)
    return started


def write_notes(corpus, passages: list[str]):
    corpus.mkdir()
    for number, passage in enumerate(passages):
        (corpus / f"note-{number}.md").write_text(f"# Note fictive {number}\n\n{passage}\n\n{passage.upper()}\n", encoding="utf-8")
    return corpus


def test_an_ingest_with_much_to_embed_uses_the_workers_and_stores_the_same_vectors(tmp_path, monkeypatch):
    corpus = write_notes(tmp_path / "corpus", PASSAGES[:3])
    monkeypatch.setattr(ingest_module, "_SECONDS_WORTH_WORKERS", 0.0)  # so little text is worth workers here
    started = record_workers(monkeypatch)
    progress = []
    settings = make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", ingest_workers=2)
    ingest(settings, on_progress=lambda stage, done, total: progress.append((done, total)) if stage == "embedding" else None)
    assert len(started) == 2 and not any(running(pid) for pid in started)
    from rag.assistant import Assistant

    index = Assistant(settings).index
    here = load_embedder("e5-small", 1)
    ids = [chunk.chunk_id for chunk in index.chunks]
    stored = {chunk_id: vector for part_ids, vectors in index.vectors.vectors(ids) for chunk_id, vector in zip(part_ids, vectors)}
    np.testing.assert_allclose(np.stack([stored[i] for i in ids]), here.unit_vectors([c.index_text for c in index.chunks]), rtol=0, atol=1e-6)
    sentences = [chunk.text[s.start - chunk.start : s.end - chunk.start] for chunk in index.chunks for s in chunk.sentences]
    np.testing.assert_allclose(index.sentence_vectors.matrix, here.unit_vectors(sentences), rtol=0, atol=1e-3)  # kept as float16
    assert progress == sorted(progress) and progress[-1] == (len(ids), len(ids)), "the bar only moves forward, to its end"


def test_a_small_ingest_embeds_in_its_own_process(tmp_path, monkeypatch):
    corpus = write_notes(tmp_path / "corpus", ["Le dîner de gala (fictif) a lieu au riad Zitoun, à 20 h, le deuxième soir."])
    started = record_workers(monkeypatch)
    report = ingest(make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", ingest_workers=2))
    assert report.embedded == 1 and started == []


def test_questions_are_embedded_by_the_process_that_answers(shipped_assistant, monkeypatch):
    started = record_workers(monkeypatch)
    assert "Marrakech" in shipped_assistant.ask("Where was the radiology congress held?").answer
    assert started == []
