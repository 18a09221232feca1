"""Dense vectors live in Chroma: embedded on disk by default, or a `chroma run` server
when a URL is configured. Switching embedder builds only the vectors; an index is never
read with another embedder than the one it was built with."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import make_settings
from rag.assistant import Assistant
from rag.errors import IndexMismatchError
from rag.ingest import ingest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        chroma = Path(shutil.which("chroma") or "chroma")
    port = free_port()
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("chroma run did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def test_chroma_server_backend_answers_like_the_embedded_one(tmp_path, corpus_copy, chroma_server):
    settings = make_settings(corpus_dir=corpus_copy, index_dir=tmp_path / "index", chroma_url=chroma_server)
    first = ingest(settings)
    assert first.embedded == first.chunks
    assert not (tmp_path / "index" / f"gen-{first.generation:06d}" / "chroma").exists()
    answer = Assistant(settings).ask("Who is the director of the Promalab Foundation?")
    assert "Bouchra El Maliki" in answer.answer
    (corpus_copy / "oncologie-omm-2e-congres-marrakech.md").unlink()
    second = ingest(settings)  # new generation in new collections, vectors copied, old ones dropped
    assert second.embedded == 0 and second.documents == 2
    assert "oncologie-omm-2e-congres-marrakech" not in Assistant(settings).index.documents


def test_switching_embedder_adds_vectors_and_keeps_the_other(tmp_path, corpus_copy):
    index = tmp_path / "index"
    e5 = make_settings(corpus_dir=corpus_copy, index_dir=index)
    use = make_settings(corpus_dir=corpus_copy, index_dir=index, embedder="use-m3")
    ingest(e5)
    switched = ingest(use)
    assert not switched.up_to_date and switched.embedded == switched.chunks
    assert ingest(use).up_to_date
    assert ingest(e5).up_to_date  # the e5-small vectors were carried over, nothing to rebuild
    answer = Assistant(use).ask("Where was the radiology congress held?")
    assert answer.retrieved[0] == "radiologie-smr-23e-congres-marrakech-2025"


def test_index_built_with_another_embedder_is_refused(tmp_path, corpus_copy):
    index = tmp_path / "index"
    ingest(make_settings(corpus_dir=corpus_copy, index_dir=index))
    with pytest.raises(IndexMismatchError, match="built with embedder e5-small, not minilm"):
        Assistant(make_settings(corpus_dir=corpus_copy, index_dir=index, embedder="minilm"))


def test_a_store_searched_then_added_to_finds_the_new_vectors(tmp_path):
    """The count bounding a search is remembered between questions, and forgotten when vectors are added."""
    import numpy as np

    from rag.store import VectorStore

    store = VectorStore.create(tmp_path / "chroma", "cc-test-g1-e5", "e5-small")
    store.add(["a", "b"], np.eye(3, dtype=np.float32)[:2])
    assert sorted(hit.chunk_id for hit in store.search(np.eye(3, dtype=np.float32)[0], k=5)) == ["a", "b"]
    store.add(["c"], np.eye(3, dtype=np.float32)[2:])
    assert sorted(hit.chunk_id for hit in store.search(np.eye(3, dtype=np.float32)[0], k=5)) == ["a", "b", "c"]


def test_within_one_language_the_nearest_chunks_are_the_exact_nearest_and_fresh_after_an_add(tmp_path):
    """A search within one language (the language-fair search of a corpus in several languages) finds
    the chunks a product with every vector of that language finds, nearest first, with their cosine
    similarity; chunks added later are found too."""
    import numpy as np

    from rag.store import VectorStore

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(60, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"c{number}" for number in range(60)]
    languages = ["fr", "en", "ar"] * 20
    store = VectorStore.create(tmp_path / "chroma", "cc-test-g1-e5", "e5-small")
    store.add(ids, vectors, languages)
    question = vectors[0] + 0.5 * vectors[1]
    question /= np.linalg.norm(question)
    for language in ("fr", "en", "ar"):
        rows = [row for row in range(60) if languages[row] == language]
        expected = sorted(rows, key=lambda row: -float(vectors[row] @ question))[:7]
        hits = store.search(question, 7, language=language)
        assert [hit.chunk_id for hit in hits] == [ids[row] for row in expected]
        assert np.allclose([hit.similarity for hit in hits], [vectors[row] @ question for row in expected], atol=1e-6)
    assert store.search(question, 7, language="de") == []
    store.add(["new"], question[None, :], ["en"])
    assert store.search(question, 1, language="en")[0].chunk_id == "new"
