"""What both web pages share: the assistant answering now, with what the pages read from its index,
the settings and the feedback store; and the swap to a new index generation, after this server's own
rebuild or when another process made one current (`follow_index`: another replica's rebuild,
`congress-chat ingest`). A swap is one reference assignment: questions in flight finish on the
generation they started with, and the next ones are answered from the new one."""

from __future__ import annotations

import gc
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from rag.answer import Answer
from rag.assistant import Assistant
from rag.errors import CongressChatError, RebuildRunningError
from rag.feedback import FeedbackStore, open_feedback_store
from rag.index import IndexLayout
from rag.language import fold
from rag.logs import replica_name
from rag.programme.model import Programme, programmes_in
from rag.rebuild_lock import RUNNING
from rag.settings import Settings

logger = logging.getLogger(__name__)
_MAX_RETRY_SECONDS = 60.0  # a generation that fails to load is tried again at most this long after


@dataclass(frozen=True)
class Answering:
    """The assistant answering now and what the pages read from its index, swapped together."""

    assistant: Assistant
    programmes: list[Programme]
    congress_dates: dict[str, str]

    @classmethod
    def of(cls, assistant: Assistant) -> "Answering":
        programmes = programmes_in(assistant.index.documents)
        return cls(assistant, programmes, congress_dates_from_articles(programmes, assistant.index.documents))


class ChatService:
    def __init__(self, assistant: Assistant, settings: Settings, feedback: FeedbackStore | None = None) -> None:
        self._answering = Answering.of(assistant)
        self.settings = settings
        self.feedback = feedback or open_feedback_store(settings)
        self.replica = replica_name(settings)
        self._swap_lock = threading.Lock()  # one rebuild or load of a generation at a time in this process
        self._stop_following = threading.Event()

    @property
    def assistant(self) -> Assistant:
        return self._answering.assistant

    @property
    def programmes(self) -> list[Programme]:
        return self._answering.programmes

    def programme(self, doc_id: str) -> Programme | None:
        return next((p for p in self.programmes if p.doc_id == doc_id), None)

    @property
    def congress_dates(self) -> dict[str, str]:
        """Programme doc id → its congress's days as an article about the same congress gives them
        ("18 et 19 novembre"), for the programmes that give none (`congress_dates_from_articles`)."""
        return self._answering.congress_dates

    def file_stem(self, doc_id: str) -> str:
        """The name of the file a document was read from, without folder or suffix ("programme-smr-2025";
        an upload's, without the `uploads/` the index puts before it); "" for an unknown document."""
        document = self.assistant.index.documents.get(doc_id)
        if document is None:
            return ""
        return PurePosixPath(str(document.metadata.get("source_file") or document.source).replace("\\", "/")).stem

    def document_dates(self) -> dict[str, str]:
        """doc id → the date a card and the document's page show, as the index keeps it (`web.render.format_date`
        writes it in the reader's language): the publication date ("2025-06"), a programme's days as an ISO
        interval ("2026-05-14/2026-05-16"), or the congress dates as the document gives them."""
        return {doc_id: self.document_date(doc_id) for doc_id in self.assistant.index.documents}

    def document_date(self, doc_id: str) -> str:
        document = self.assistant.index.documents.get(doc_id)
        if document is None:
            return ""
        programme = self.programme(doc_id)
        if programme is not None and programme.congress.start:
            start, end = programme.congress.start, programme.congress.end or programme.congress.start
            return f"{start.isoformat()}/{end.isoformat()}"
        return str(document.metadata.get("published") or document.metadata.get("dates") or "")

    def ask_stream(self, question: str, history: Sequence[str] = (), language: str | None = None) -> Iterator[str | Answer]:
        """`Assistant.ask_stream` of the assistant answering now, the whole answer from that one generation.
        The answer is logged by its language, latency, refusal and generation: never the question's text
        (attendees' privacy; the feedback store keeps no identity either)."""
        assistant = self.assistant
        for piece in assistant.ask_stream(question, history, language=language):
            if isinstance(piece, Answer):
                logger.info("answered", extra={"language": piece.language, "latency_ms": round(piece.latency_ms, 1),
                                               "refused": piece.refused, "citations": len(piece.citations),
                                               "generation": assistant.index.generation})
            yield piece

    def readiness(self) -> dict[str, object]:
        """What `/readyz` says of this replica: the generation it answers from, its encoder, its documents."""
        index = self.assistant.index
        return {"generation": index.generation, "embedder": index.embedder, "documents": len(index.documents), "replica": self.replica}

    def rebuild(self, on_progress: Callable[[str, int, int], None] | None = None):
        """Ingest the corpus into a new index generation, then answer from it. Attendees keep
        getting answers from the previous index until the switch. One rebuild at a time: in this
        process, and across the replicas sharing the index (`rag.rebuild_lock`)."""
        from rag.ingest import ingest

        if not self._swap_lock.acquire(blocking=False):
            raise RebuildRunningError(RUNNING)
        try:
            report = ingest(self.settings, on_progress=on_progress)
            self._answer_from_current("this server's rebuild")  # or a generation another replica made while this one found nothing to do
            return report
        finally:
            self._swap_lock.release()

    def check_index(self) -> bool:
        """Look once at the index's `CURRENT`: when another process made another generation current, load
        it here (off the request path: the caller's thread) and answer from it. True when it switched;
        False when nothing changed or this process is rebuilding or loading already. A load that fails
        raises, and the generation answering now goes on answering."""
        if not self._swap_lock.acquire(blocking=False):
            return False
        try:
            return self._answer_from_current("another process")
        finally:
            self._swap_lock.release()

    def follow_index(self, every: float) -> threading.Thread | None:
        """Check the index every `every` seconds (`check_index`) in a thread of its own, until
        `stop_following`; a failed load is logged and tried again later (twice the wait each time, at
        most a minute). None when `every` is 0: this server then only answers from its own rebuilds."""
        if every <= 0:
            return None
        thread = threading.Thread(target=self._follow, args=(every,), name="index-watcher", daemon=True)
        thread.start()
        return thread

    def stop_following(self) -> None:
        self._stop_following.set()

    def _follow(self, every: float) -> None:
        wait = every
        while not self._stop_following.wait(wait):
            try:
                self.check_index()
                wait = every
            except Exception as error:  # noqa: BLE001 - whatever broke the load, the serving generation stays
                wait = min(max(wait, every) * 2, _MAX_RETRY_SECONDS)
                logger.warning(
                    "could not load the index generation made current; still answering from the one before",
                    exc_info=not isinstance(error, CongressChatError),
                    extra={"generation": self.assistant.index.generation, "error": str(error), "retry_seconds": wait},
                )

    def _answer_from_current(self, by: str) -> bool:
        """Load the generation `CURRENT` names, when it is not the one answering, and swap it in. Called
        with `_swap_lock` held."""
        layout = IndexLayout(self.settings.resolved_index_dir())
        current = layout.current_generation()
        before = self.assistant
        if current is None or current == before.index.generation:
            return False
        started = time.perf_counter()
        fresh = Assistant(self.settings, chat=before.chat)  # the encoder is the one loaded already (`load_embedder`)
        self._answering = Answering.of(fresh)  # one reference swap: requests in flight finish on the old one
        # The old index was frozen out of the collector's reach with the rest of start-up
        # (`web.app.freeze_what_lives_as_long_as_the_server`): the collector gets it back.
        gc.unfreeze()
        since = layout.current_since()
        logger.info("switched index generation", extra={
            "from_generation": before.index.generation, "to_generation": fresh.index.generation, "made_by": by,
            "load_seconds": round(time.perf_counter() - started, 2),
            "seconds_since_switched": round(time.time() - since, 2) if since and fresh.index.generation == current else None,
            "documents": len(fresh.index.documents),
        })
        return True


def _same(left: str, right: str) -> bool:
    return " ".join(fold(left).split()) == " ".join(fold(right).split())


def congress_dates_from_articles(programmes: list[Programme], documents) -> dict[str, str]:
    """Programme doc id → the congress's days as the articles about the same congress give them (their
    `dates` front matter: "18 et 19 novembre"), for the programmes that know no dates of their own. Only
    a safe match counts: an article naming the same congress (its `congress`, accents and case aside),
    of the same edition and city when both say, and all such articles giving the same dates. An
    article's publication date (`published`) is not the congress's, and is not used."""
    found: dict[str, str] = {}
    for programme in programmes:
        congress = programme.congress
        if congress.start or not congress.name:
            continue
        dates = set()
        for document in documents.values():
            meta = document.metadata
            if meta.get("kind") == "programme" or not _same(str(meta.get("congress") or ""), congress.name):
                continue
            if congress.edition and meta.get("edition") and re.findall(r"\d+", congress.edition) != re.findall(r"\d+", str(meta["edition"])):
                continue
            if congress.city and meta.get("city") and not _same(congress.city, str(meta["city"])):
                continue
            if meta.get("dates"):
                dates.add(" ".join(str(meta["dates"]).split()))
        if len(dates) == 1:
            found[programme.doc_id] = dates.pop()
    return found
