"""The web server: the attendee chat at `/`, the organiser space at `/organiser` (only when
`CONGRESS_CHAT_ORGANISER_PASSWORD` is set), documents, programme and calendars next to them.

What is reachable is what the pages need: Gradio's file route refuses the index, the
feedback database and the corpus (blocked paths), and the chat's also Gradio's upload folder
(organisers' files on their way in: only the organiser's file route, behind its login, serves
them); no share link, no monitoring endpoint but `/healthz` and `/readyz` (`web.health`: whether the
server runs and from which index generation it answers), no analytics, no run history, no API page. The
feedback downloads are routes of the organiser's app, behind its login, and failed logins are
limited per client (`web.login_limit`). The pages carry their own title, language, description and
icon, not Gradio's (`web.head`).
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported
# Without monitoring, nothing reads the queue's event statistics, yet Gradio rebuilds their
# summary (a pandas table of the last 10,000 events) after every answer: 3 ms of CPU per
# question on a fresh server, 14 ms once 10,000 questions were asked. Kept for one event, never summarised.
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1")
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(2**62))

import gradio as gr
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, RedirectResponse
from gradio.utils import get_cache_folder, get_upload_folder
from starlette.routing import Mount

from rag.logs import replica_name
from rag.settings import Settings
from web.attendee import attendee_page
from web.head import PageHead
from web.health import LoadingApp, health_routes
from web.login_limit import LoginLimit
from web.organiser import export_routes, organiser_page
from web.routes import router
from web.service import ChatService
from web.texts import CLIENT_KEYS, TEXTS, text

logger = logging.getLogger(__name__)

_QUEUE_STATUS_SECONDS = 5.0  # how often a waiting attendee's page hears from the queue (see create_app)

# System fonts, which have every Latin and Arabic letter, instead of the bundled Source Sans Pro (whose
# semibold file lacks most Latin capitals: "A" of "Assistant" came from another font).
FONTS = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", "Arial", "sans-serif"]

# The page's own colours, one set per colour scheme (Gradio puts `.dark` on <body> when the browser prefers
# dark): every text at least 4.5:1 on its background (WCAG AA) in both, which Gradio's subdued text colour
# is not (1.8:1 on a card in light mode). Checked in the browser (tests/test_web_phone.py).
CSS = """
:root {--cc-muted: #4b5563; --cc-strong: #374151; --cc-notice: #92400e; --cc-mark: #fde68a; --cc-mark-text: #1f2937;
       --cc-accent: #9a3412; --cc-cited: #b45309; --cc-target: #fef3c7; --cc-rule: #d1d5db}
.dark {--cc-muted: #d4d4d8; --cc-strong: #e4e4e7; --cc-notice: #fcd34d; --cc-mark: #78350f; --cc-mark-text: #fef3c7;
       --cc-accent: #fdba74; --cc-cited: #f59e0b; --cc-target: #422006; --cc-rule: #52525b}
#cc-header {align-items: center; gap: .5rem; flex-wrap: wrap}
#cc-title {flex: 1 1 16rem}
#cc-language {flex: 0 1 auto}
#cc-language .wrap {display: flex; flex-direction: row; flex-wrap: wrap; gap: .25rem}
.cc-h1 {font-size: 1.35rem; margin: 0}
.cc-sub {margin: .2rem 0 0; color: var(--cc-muted); font-size: .95rem}
.cc-answer {line-height: 1.5}
.cc-text {margin-bottom: .4rem}
.cc-lead, .cc-quote, .cc-line {text-align: start}
.cc-quote + .cc-quote {margin-top: .25rem}
.cc-ref {text-decoration: none; font-weight: 600}
.cc-sources-title {font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--cc-muted); margin: .5rem 0 .2rem}
.cc-card {border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .4rem .6rem; margin: .35rem 0; background: var(--background-fill-secondary)}
.cc-card > summary {cursor: pointer; list-style-position: inside}
.cc-card[open] .cc-show {display: none}
.cc-show {font-weight: 400; font-size: .8rem; color: var(--cc-muted)}
.cc-card:target, .cc-card.cc-cited {outline: 2px solid var(--cc-cited)}
.cc-card-title {font-weight: 600; font-size: .92rem; display: list-item}
.cc-n {display: inline-block; min-width: 1.4em; text-align: center; border-radius: 4px; background: #1e40af; color: #fff; font-size: .8rem; margin-inline-end: .3rem}
.cc-card-meta {font-size: .8rem; color: var(--cc-muted); margin-top: .2rem}
.cc-passage {margin: .35rem 0; padding: 0 .5rem; border-inline-start: 3px solid var(--cc-rule); font-size: .88rem; overflow-wrap: anywhere}
.cc-passage[dir=ltr] {text-align: left}
.cc-passage[dir=rtl] {text-align: right}
.cc-passage mark {background: var(--cc-mark); color: var(--cc-mark-text); padding: 0 .1em}
.cc-links {font-size: .82rem}
.cc-refusal {color: var(--cc-strong)}
.cc-refusal:not([lang=ar]) {font-style: italic}
/* one box: on one line when it fits, else a rounded block, never a border split over two lines */
.cc-refusal-label {display: inline-block; max-width: 100%; font-style: normal; font-weight: 600; border: 1px solid currentColor; border-radius: 4px;
                   padding: 0 .3em; font-size: .78rem; margin-block-end: .15rem}
.cc-notice {font-size: .82rem; color: var(--cc-notice); margin-bottom: .3rem}
.cc-question {white-space: pre-wrap; overflow-wrap: anywhere}
.cc-programme {border-collapse: collapse; width: 100%; font-size: .9rem}
.cc-programme td, .cc-programme th {border-bottom: 1px solid var(--border-color-primary); padding: .35rem; vertical-align: top; text-align: start}
.cc-programme tr:target {background: var(--cc-target)}
@media (max-width: 600px) {
  .cc-programme thead {display: none}
  .cc-programme tr {display: block; border-bottom: 1px solid var(--border-color-primary); padding: .3rem 0}
  .cc-programme td {display: block; border: none; padding: .1rem .2rem}
  #cc-chat {height: max(calc(100dvh - 200px), 320px) !important}  /* the room the compact header leaves, to the answer */
}
/* Gradio's copy, thumbs, clear and scroll buttons are 18 px squares: tap targets of 44 px on a phone, 32 px elsewhere */
#cc-chat .icon-button {min-width: 32px; min-height: 32px; justify-content: center; align-items: center}
@media (max-width: 767px) {
  #cc-chat .bubble-wrap { padding-top: 48px; }  /* Gradio's clear button sits in the top corner: the first question starts below it */
  #cc-chat .icon-button {min-width: 44px; min-height: 44px}
}
bdi {unicode-bidi: isolate}
/* Gradio's "scroll down" arrow: in the chat's bottom corner on the side where lines end, beside card titles (they
   keep that corner free), not in the middle over them */
#cc-chat .scroll-down-button-container {left: auto; right: auto; inset-inline-end: 6px; bottom: 6px; transform: none}
.cc-card > summary {padding-right: 44px}  /* the page's side, whatever the title's own direction */
html[dir=rtl] .cc-card > summary {padding-right: 0; padding-left: 44px}
/* A phone: the header on one line (title, language switch), no subtitle, tight tabs; the bot's bubbles across the chat */
@media (max-width: 600px) {
  /* Gradio's page padding (16 px, 32 px at the sides) less 12 px and 26 px: custom CSS only reaches inside .contain */
  .column:has(> #cc-header) {gap: 4px; margin: calc(4px - var(--size-4)) calc(6px - var(--size-8)) 0}
  #cc-header {flex-wrap: nowrap; gap: 4px}
  #cc-title {flex: 1 1 auto; min-width: 0}
  #cc-title .html-container {padding: 0 2px}
  .cc-h1 {font-size: 1.05rem; line-height: 1.2}
  .cc-sub {display: none}
  #cc-language {flex: 0 0 auto; width: auto; min-width: 0}
  #cc-language .wrap {flex-wrap: nowrap; gap: 2px}
  #cc-language label {padding: 4px 6px; min-height: 36px; font-size: .85rem}
  #cc-language label input {position: absolute; opacity: 0; width: 1px; height: 1px}
  #cc-language label span {margin: 0}
  #cc-language label.selected {border-color: var(--cc-accent); font-weight: 600}
  #cc-language label:has(input:focus-visible) {outline: 2px solid var(--cc-accent); outline-offset: 1px}
  .tabs .tab-wrapper {padding-bottom: 0; margin-bottom: 4px}
  #cc-chat .message-row.bubble {margin: 8px 4px 4px}
  #cc-chat .message-row.bubble.bot-row {max-width: calc(100% - 8px)}
  #cc-chat .message.bot {padding: 8px}
}
#cc-comment-row {margin-top: .3rem}
#cc-status:not(:has(.cc-message)) {display: none}
#cc-question textarea::placeholder {white-space: nowrap; overflow: hidden; text-overflow: ellipsis}
#org-documents table {table-layout: fixed; width: 100%}
html[dir=rtl] #cc-language, html[dir=rtl] #cc-chat, html[dir=rtl] #cc-ask, html[dir=rtl] #cc-comment-row {direction: rtl}
html[dir=rtl] #cc-chat .user-row, html[dir=rtl] #cc-chat .message.user, html[dir=rtl] #cc-chat .message-buttons-right {align-self: flex-start}
html[dir=rtl] #cc-chat .bot-row, html[dir=rtl] #cc-chat .message.bot, html[dir=rtl] #cc-chat .message-buttons-left {align-self: flex-end}
.cc-answer, .cc-question, .cc-message {text-align: start; font-style: normal}
button[role=tab][aria-selected=true], button[role=tab].selected {color: var(--cc-accent) !important}
#cc-send, #cc-send:hover {background: #c2410c; border-color: #c2410c; color: #fff}
"""


def client_script() -> str:
    """web/client.js with the interface labels it needs, as a <script> for the pages' <head>."""
    labels = {language: {key: table[key] for key in CLIENT_KEYS} for language, table in TEXTS.items()}
    source = (Path(__file__).parent / "client.js").read_text(encoding="utf-8")
    return "<script>" + source.replace("__CC_LABELS__", json.dumps(labels, ensure_ascii=False)) + "</script>"


def _leave_matplotlib_alone() -> None:
    """Gradio switches matplotlib's backend around every event, for apps that draw plots with
    it: twice per question where matplotlib is installed (a dependency of a dependency), or,
    where it is not, a failed import that searches the whole path twice. These pages draw none."""
    import gradio.utils

    gradio.utils.MatplotlibBackendMananger = contextlib.nullcontext


def create_app(assistant, settings: Settings | None = None, service: ChatService | None = None) -> FastAPI:
    settings = settings or assistant.settings
    _leave_matplotlib_alone()
    service = service or ChatService(assistant, settings)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(health_routes(service))
    app.include_router(router(service))

    @app.get("/openapi.json", include_in_schema=False)
    @app.get("/gradio_api/openapi.json", include_in_schema=False)
    @app.get("/organiser/gradio_api/openapi.json", include_in_schema=False)
    def no_api_description() -> PlainTextResponse:  # the pages do not need it; nobody else should
        return PlainTextResponse("Not found", status_code=404)

    @app.get("/organiser", include_in_schema=False)
    def organiser_without_slash() -> RedirectResponse:  # else the chat, mounted at "", answers 404
        return RedirectResponse("organiser/")  # relative: right behind a proxy that serves the app under a prefix

    blocked = [str(p.resolve()) for p in (settings.data_dir, settings.resolved_index_dir(), settings.corpus_dir,
                                          settings.resolved_uploads_dir(), service.feedback.path)]
    common = dict(footer_links=[], run_history=False, enable_monitoring=False, mcp_server=False, blocked_paths=blocked,
                  ssr_mode=False, pwa=False, show_error=False, theme=gr.themes.Default(font=FONTS), head=client_script())
    password = settings.organiser_password.get_secret_value() if settings.organiser_password else ""
    if password:
        organiser = organiser_page(service).queue(default_concurrency_limit=1)
        gr.mount_gradio_app(app, organiser, path="/organiser", auth=("organiser", password), css=CSS,
                            auth_message="".join(f'<p lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">{text(code, "org_login")}</p>'
                                                 for code in ("fr", "en", "ar")),
                            max_file_size=f"{settings.max_upload_mb}mb", **common)
        organiser_app = next(route.app for route in app.routes if isinstance(route, Mount) and route.path == "/organiser")
        organiser_app.include_router(export_routes(service), dependencies=_login_check(organiser_app))
        app.add_middleware(LoginLimit, path="/organiser/login")
    else:
        @app.api_route("/organiser{rest:path}", methods=["GET", "POST", "PUT", "DELETE"], include_in_schema=False)
        def organiser_disabled(rest: str = "") -> PlainTextResponse:
            return PlainTextResponse("The organiser space is disabled: set CONGRESS_CHAT_ORGANISER_PASSWORD to enable it.", status_code=403)
    # The chat shows no queue position (its events hide their progress): Gradio's default ("auto")
    # sends every waiting attendee a new estimate each time an answer starts, n² messages when n ask
    # at once; one estimate every few seconds is all a waiting page needs.
    chat = attendee_page(service).queue(default_concurrency_limit=settings.resolved_web_concurrency(), max_size=settings.web_queue_size,
                                        status_update_rate=_QUEUE_STATUS_SECONDS)
    # The chat takes no file: Gradio's upload folder, shared by both apps, is the organiser's alone.
    chat_blocked = [*blocked, str(Path(get_upload_folder()).resolve()), str(get_cache_folder().resolve())]
    gr.mount_gradio_app(app, chat, path="", css=CSS, max_file_size="1mb", **{**common, "blocked_paths": chat_blocked})
    app.add_middleware(PageHead, login_script=client_script())  # the pages' own title, language, description and icon, not Gradio's (web.head)
    app.state.service = service
    return app


def _login_check(gradio_app) -> list:
    """Gradio's own check of its login cookie (401 without a valid one), as the dependencies of its
    `/config` route, for the routes added to the organiser's app."""
    config = next((route for route in gradio_app.routes if getattr(route, "path", None) == "/config"), None)
    if config is None or not config.dependencies:
        raise RuntimeError("Gradio's login check was not found: the organiser's downloads cannot be protected")
    return list(config.dependencies)


def startup_line(settings: Settings) -> str:
    """What `serve` prints: the chat's address and the organiser space's (with its final slash)."""
    address = f"http://{settings.host}:{settings.port}"
    organisers = f"{address}/organiser/" if settings.organiser_password else "disabled, set CONGRESS_CHAT_ORGANISER_PASSWORD"
    return f"congress-chat: {address}/  (organisers: {organisers})"


def freeze_what_lives_as_long_as_the_server() -> int:
    """Move every object alive now (the models, the index, Gradio's app: they live as long as the
    server) out of the garbage collector's reach, and return how many there are. A full collection
    then scans only what came after: it went through them all, holding the GIL meanwhile, now and
    then in the middle of a burst of questions (`bench/load.py`). A rebuild that swaps the index
    unfreezes them (`ChatService.rebuild`): the old index must be collectable."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def serve(settings: Settings, load: Callable[[], object]) -> None:
    """Serve the chat on `settings.host:port`. The port opens at once, with `/healthz` answering and
    `/readyz` saying 503 (`web.health.LoadingApp`) while `load()` makes the assistant in a thread (it may
    build the index first); then the chat answers, and follows the index that other processes rebuild
    (`ChatService.follow_index`, every `CONGRESS_CHAT_INDEX_POLL_SECONDS`). A failed load stops the
    server and is raised here."""
    import uvicorn

    failures: list[BaseException] = []

    def build() -> FastAPI:
        started = time.perf_counter()
        assistant = load()
        service = ChatService(assistant, settings)
        app = create_app(assistant, settings, service)
        service.follow_index(settings.index_poll_seconds)
        freeze_what_lives_as_long_as_the_server()
        logger.info("ready", extra={**service.readiness(), "load_seconds": round(time.perf_counter() - started, 2)})
        return app

    def failed(error: BaseException) -> None:
        failures.append(error)
        server.should_exit = True

    loading = LoadingApp(build, failed, replica_name(settings))
    # log_config=None: uvicorn's own records go through the project's logging (`rag.logs`), text or JSON
    server = uvicorn.Server(uvicorn.Config(loading, host=settings.host, port=settings.port, log_level="warning", log_config=None))
    if settings.log_format == "text":
        print(startup_line(settings), flush=True)
    else:
        logger.info("starting", extra={"address": f"http://{settings.host}:{settings.port}/"})
    server.run()
    if failures:
        raise failures[0]
