"""Plain HTTP pages next to the Gradio app: a document opened at a cited passage, the
programme page, `.ics` calendars, and the site's icon. Only these paths are served; they read
the loaded index, never the file system by a path taken from the request."""

from __future__ import annotations

from pathlib import Path

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
_PAGE_HEADERS = {**_SECURITY_HEADERS, "Vary": "Accept-Language"}  # the pages speak the reader's language
FAVICON = (Path(__file__).parent / "favicon.svg").read_bytes()


def router(service: ChatService) -> APIRouter:
    routes = APIRouter()

    @routes.get("/document/{doc_id:path}", response_class=HTMLResponse)
    def document(doc_id: str, request: Request, start: int | None = None, end: int | None = None) -> HTMLResponse:
        language = language_from_header(request.headers.get("accept-language"))
        stored = service.assistant.index.documents.get(doc_id)
        if stored is None:  # a citation from before a rebuild that dropped the document
            return HTMLResponse(render.missing_document_page(language), status_code=404, headers=_PAGE_HEADERS)
        page = render.document_page(stored.title, stored.text, start, end, language, service.document_date(doc_id), stored.language)
        return HTMLResponse(page, headers=_PAGE_HEADERS)

    @routes.get("/programme", response_class=HTMLResponse)
    def programme(request: Request, lang: str | None = None) -> HTMLResponse:
        language = lang if lang in LANGUAGES else language_from_header(request.headers.get("accept-language"))
        return HTMLResponse(render.programme_page(service.programmes, language), headers=_PAGE_HEADERS)

    @routes.get("/favicon.ico", include_in_schema=False)
    @routes.get("/favicon.svg", include_in_schema=False)
    def favicon() -> Response:
        """The project's own icon (web/favicon.svg) for every page, in place of Gradio's."""
        return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})

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
