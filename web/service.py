"""What both web pages share: the assistant answering now, the settings, the feedback store,
and the rebuild that swaps in a new index while the old one keeps answering."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

from rag.assistant import Assistant
from rag.feedback import FeedbackStore, feedback_path
from rag.programme.model import Programme, programmes_in
from rag.settings import Settings


class ChatService:
    def __init__(self, assistant: Assistant, settings: Settings, feedback: FeedbackStore | None = None) -> None:
        self._assistant = assistant
        self.settings = settings
        self.feedback = feedback or FeedbackStore(feedback_path(settings))
        self._rebuild_lock = threading.Lock()
        self._programmes = programmes_in(assistant.index.documents)

    @property
    def assistant(self) -> Assistant:
        return self._assistant

    @property
    def programmes(self) -> list[Programme]:
        return self._programmes

    def programme(self, doc_id: str) -> Programme | None:
        return next((p for p in self._programmes if p.doc_id == doc_id), None)

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
                # The old index was frozen out of the collector's reach with the rest of start-up
                # (`web.app.freeze_what_lives_as_long_as_the_server`): the collector gets it back.
                gc.unfreeze()
            return report
        finally:
            self._rebuild_lock.release()
