"""Plain HTTP pages next to the Gradio app: a document opened at a cited passage, the
programme page, and `.ics` calendars. Only these paths are served; they read the loaded
index, never the file system by a path taken from the request."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from rag.programme.calendar import calendar_bytes
from web import render
from web.service import ChatService
from web.texts import LANGUAGES, language_from_header

_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def router(service: ChatService) -> APIRouter:
    routes = APIRouter()

    @routes.get("/document/{doc_id:path}", response_class=HTMLResponse)
    def document(doc_id: str, request: Request, start: int | None = None, end: int | None = None) -> HTMLResponse:
        stored = service.assistant.index.documents.get(doc_id)
        if stored is None:  # a citation from before a rebuild that dropped the document
            language = language_from_header(request.headers.get("accept-language"))
            return HTMLResponse(render.missing_document_page(language), status_code=404, headers=_SECURITY_HEADERS)
        return HTMLResponse(render.document_page(stored.title, stored.text, start, end, stored.source), headers=_SECURITY_HEADERS)

    @routes.get("/programme", response_class=HTMLResponse)
    def programme(request: Request, lang: str | None = None) -> HTMLResponse:
        language = lang if lang in LANGUAGES else language_from_header(request.headers.get("accept-language"))
        return HTMLResponse(render.programme_page(service.programmes, language), headers=_SECURITY_HEADERS)

    @routes.get("/calendar.ics")
    def calendar(doc: str, session: str | None = None) -> Response:
        """The whole programme `doc`, or one of its sessions, as iCalendar."""
        programme = service.programme(doc)
        if programme is None:
            raise HTTPException(404, "no such programme")
        if session is None:
            return _ics(calendar_bytes(programme), doc)
        chosen = [s for s in programme.sessions if s.id == session]
        if not chosen:
            raise HTTPException(404, "no such session")
        return _ics(calendar_bytes(programme, chosen), f"{doc}-{session}")

    return routes


def _ics(data: bytes, name: str) -> Response:
    filename = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name)[:80] + ".ics"
    return Response(data, media_type="text/calendar; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{filename}"'})
