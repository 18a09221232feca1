"""Plain HTTP pages next to the Gradio app: a document opened at a cited passage, the
programme page, `.ics` calendars, and the site's icon. Only these paths are served; they read
the loaded index, never the file system by a path taken from the request."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from rag.programme.calendar import WHOLE_CONGRESS, calendar_bytes
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
        return HTMLResponse(render.programme_page(service.programmes, language, service.congress_dates), headers=_PAGE_HEADERS)

    @routes.get("/favicon.ico", include_in_schema=False)
    @routes.get("/favicon.svg", include_in_schema=False)
    def favicon() -> Response:
        """The project's own icon (web/favicon.svg) for every page, in place of Gradio's."""
        return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})

    @routes.get("/calendar.ics")
    def calendar(doc: str, request: Request, session: str | None = None) -> Response:
        """The whole programme `doc`, or one of its sessions, as iCalendar: each event with a link back to
        its row of the programme page, and a file named after the programme's file ("programme-smr-2025.ics",
        never the index's `uploads-…` id), else its congress."""
        programme = service.programme(doc)
        if programme is None:
            raise HTTPException(404, "no such programme")
        page = public_address(service.settings.public_url, str(request.base_url)) + "/programme"
        links = {s.id: f"{page}#{render.session_anchor(doc, s.id)}" for s in programme.sessions}
        links[WHOLE_CONGRESS] = f"{page}#{render.programme_anchor(doc)}"
        name = service.file_stem(doc) or programme.congress.name
        if session is None:
            return _ics(calendar_bytes(programme, links=links), name)
        chosen = [s for s in programme.sessions if s.id == session]
        if not chosen:
            raise HTTPException(404, "no such session")
        return _ics(calendar_bytes(programme, chosen, links), f"{name}-{session}")

    return routes


def public_address(configured: str | None, request_base: str) -> str:
    """The chat's address as attendees reach it, without a final slash: the one configured
    (`CONGRESS_CHAT_PUBLIC_URL`, right behind a proxy), else the one the request came to."""
    return (configured or request_base).rstrip("/")


def _ics(data: bytes, name: str) -> Response:
    """A calendar download named `name` in plain ASCII letters, digits and dashes ("Hémostase" → "Hemostase")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    filename = re.sub(r"-{2,}", "-", "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in ascii_name)).strip("-_")[:80]
    return Response(data, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename or "programme"}.ics"'})
