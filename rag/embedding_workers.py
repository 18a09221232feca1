"""Passages embedded by worker processes during ingest, several batches at once.

One e5-small process embeds a few passages a second on one core, and its own threads add
little (issue 11); N processes of one thread each keep N cores busy. Each worker
(`python -m rag.embedding_workers`) loads the embedder once (`load_embedder(name, threads=1)`)
and embeds the batches it is handed; the vectors come back in the order of the batches, and
are those the ingest's own process would compute (a text's vector does not depend on the
batch it is in; the tests check it).

Workers live as long as one `with EmbeddingWorkers(...)` block and start on the first batch
that holds texts, so an ingest whose passages are all known starts none. Questions are
never embedded here: the process that answers keeps its own model.

Stopping: workers run in their own process group, so a Ctrl-C in a terminal reaches the
ingest's process alone, which stops them; they are killed when the block ends on an
exception (Ctrl-C, SIGTERM, an error), and leave by themselves when the ingest's process
dies (their end of the socket closes).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, Pipe, wait
from pathlib import Path

import numpy as np

from rag.errors import CongressChatError

_STOP_SECONDS = 5.0  # a worker asked to leave that is still there after this is killed


class EmbeddingWorkerError(CongressChatError):
    """An embedding worker process ended without answering (killed, out of memory, crashed)."""


class _Worker:
    """One worker process and the socket to it."""

    def __init__(self, embedder: str) -> None:
        ours, theirs = Pipe()
        package_root = str(Path(__file__).resolve().parents[1])  # the workers run the code this process runs
        path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rag.embedding_workers", str(theirs.fileno()), embedder],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": path}, process_group=0,
        )
        theirs.close()
        self.connection = ours

    def gone(self, embedder: str) -> EmbeddingWorkerError:
        try:
            code = self.process.wait(1)
        except subprocess.TimeoutExpired:
            code = None
        return EmbeddingWorkerError(
            f"an embedding worker ({embedder}) stopped without answering (exit status {code}); "
            "the previous index is still the one that answers"
        )


class EmbeddingWorkers:
    """`processes` worker processes embedding passages with the embedder called `embedder`."""

    def __init__(self, embedder: str, processes: int) -> None:
        if processes < 1:
            raise ValueError("at least one embedding worker is needed")
        self.embedder = embedder
        self.processes = processes
        self._workers: list[_Worker] = []

    def __enter__(self) -> "EmbeddingWorkers":
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        self.stop(kill=error_type is not None)

    @property
    def pids(self) -> list[int]:
        return [worker.process.pid for worker in self._workers]

    def embed(self, batches: Iterable[list[str]]) -> Iterator[np.ndarray]:
        """L2-normalised vectors of each batch of passages, in the order of the batches. Each
        batch goes to a free worker; at most two batches per worker are ahead of the one being
        returned, so waiting results stay few."""
        pending = iter(batches)
        results: dict[int, np.ndarray] = {}
        busy: dict[Connection, tuple[int, _Worker]] = {}
        sent = returned = 0
        exhausted = False
        while True:
            while not exhausted and sent - returned < 2 * self.processes and len(busy) < self.processes:
                batch = next(pending, None)
                if batch is None:
                    exhausted = True
                    continue
                if batch:
                    worker = self._idle_worker(busy)
                    try:
                        worker.connection.send(batch)
                    except OSError:
                        raise worker.gone(self.embedder) from None
                    busy[worker.connection] = (sent, worker)
                else:
                    results[sent] = np.zeros((0, 0), dtype=np.float32)
                sent += 1
            while returned in results:
                yield results.pop(returned)
                returned += 1
            if not busy:
                if exhausted:
                    return
                continue  # only empty batches were ahead: hand out more
            for ready in wait(list(busy)):  # a worker that dies closes its socket: it is ready too
                index, worker = busy.pop(ready)
                try:
                    outcome, value = ready.recv()
                except (EOFError, OSError):
                    raise worker.gone(self.embedder) from None
                if outcome == "error":
                    raise value
                results[index] = value

    def _idle_worker(self, busy: dict[Connection, tuple[int, _Worker]]) -> _Worker:
        if not self._workers:  # all at once: each takes about a second to start and load its model
            for _ in range(self.processes):
                self._workers.append(_Worker(self.embedder))  # one by one: an interruption stops those started
        return next(worker for worker in self._workers if worker.connection not in busy)

    def stop(self, kill: bool = False) -> None:
        """Ask the workers to leave (or kill them), and wait until they have."""
        for worker in self._workers:
            if kill:
                worker.process.kill()
            else:
                try:
                    worker.connection.send(None)
                except OSError:
                    pass
            worker.connection.close()  # a worker still sending a result then leaves too
        for worker in self._workers:
            try:
                worker.process.wait(_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
        self._workers = []


def serve(connection: Connection, embedder_name: str) -> None:
    """A worker: load the embedder once, then answer each batch of texts with its vectors
    (or with the exception embedding raised), until told to stop or the socket closes."""
    from rag.embedders import load_embedder

    try:
        embedder = load_embedder(embedder_name, 1)
    except Exception as error:  # answered to the first batch, where the ingest raises it
        failure: Exception | None = error
    else:
        failure = None
    try:
        while (texts := connection.recv()) is not None:
            try:
                if failure is not None:
                    raise failure
                answer = ("vectors", embedder.unit_vectors(texts))
            except Exception as error:
                answer = ("error", _picklable(error))
            connection.send(answer)
    except (EOFError, OSError):  # the ingest's process has gone
        return


def _picklable(error: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])), sys.argv[2])
