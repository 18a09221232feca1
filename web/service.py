"""What both web pages share: the assistant answering now, the settings, the feedback store,
and the rebuild that swaps in a new index while the old one keeps answering."""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Callable
from pathlib import PurePosixPath

from rag.assistant import Assistant
from rag.feedback import FeedbackStore, feedback_path
from rag.language import fold
from rag.programme.model import Programme, programmes_in
from rag.settings import Settings


class ChatService:
    def __init__(self, assistant: Assistant, settings: Settings, feedback: FeedbackStore | None = None) -> None:
        self._assistant = assistant
        self.settings = settings
        self.feedback = feedback or FeedbackStore(feedback_path(settings))
        self._rebuild_lock = threading.Lock()
        self._programmes = programmes_in(assistant.index.documents)
        self._congress_dates = congress_dates_from_articles(self._programmes, assistant.index.documents)

    @property
    def assistant(self) -> Assistant:
        return self._assistant

    @property
    def programmes(self) -> list[Programme]:
        return self._programmes

    def programme(self, doc_id: str) -> Programme | None:
        return next((p for p in self._programmes if p.doc_id == doc_id), None)

    @property
    def congress_dates(self) -> dict[str, str]:
        """Programme doc id → its congress's days as an article about the same congress gives them
        ("18 et 19 novembre"), for the programmes that give none (`congress_dates_from_articles`)."""
        return self._congress_dates

    def file_stem(self, doc_id: str) -> str:
        """The name of the file a document was read from, without folder or suffix ("programme-smr-2025";
        an upload's, without the `uploads/` the index puts before it); "" for an unknown document."""
        document = self._assistant.index.documents.get(doc_id)
        if document is None:
            return ""
        return PurePosixPath(str(document.metadata.get("source_file") or document.source).replace("\\", "/")).stem

    def document_dates(self) -> dict[str, str]:
        """doc id → the date a card and the document's page show, as the index keeps it (`web.render.format_date`
        writes it in the reader's language): the publication date ("2025-06"), a programme's days as an ISO
        interval ("2026-05-14/2026-05-16"), or the congress dates as the document gives them."""
        return {doc_id: self.document_date(doc_id) for doc_id in self._assistant.index.documents}

    def document_date(self, doc_id: str) -> str:
        document = self._assistant.index.documents.get(doc_id)
        if document is None:
            return ""
        programme = self.programme(doc_id)
        if programme is not None and programme.congress.start:
            start, end = programme.congress.start, programme.congress.end or programme.congress.start
            return f"{start.isoformat()}/{end.isoformat()}"
        return str(document.metadata.get("published") or document.metadata.get("dates") or "")

    def rebuild(self, on_progress: Callable[[str, int, int], None] | None = None):
        """Ingest the corpus into a new index generation, then answer from it. Attendees keep
        getting answers from the previous index until the switch. One rebuild at a time."""
        from rag.ingest import ingest

        if not self._rebuild_lock.acquire(blocking=False):
            raise RuntimeError("a rebuild is already running")
        try:
            report = ingest(self.settings, on_progress=on_progress)
            if not report.up_to_date:
                fresh = Assistant(self.settings, chat=self._assistant.chat)
                self._assistant = fresh  # one reference swap: requests in flight finish on the old one
                self._programmes = programmes_in(fresh.index.documents)
                self._congress_dates = congress_dates_from_articles(self._programmes, fresh.index.documents)
                # The old index was frozen out of the collector's reach with the rest of start-up
                # (`web.app.freeze_what_lives_as_long_as_the_server`): the collector gets it back.
                gc.unfreeze()
            return report
        finally:
            self._rebuild_lock.release()


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
