"""Whether this replica runs and whether it can answer, for a proxy or an orchestrator:

- `GET /healthz`: 200 "ok" as soon as the HTTP server runs (liveness);
- `GET /readyz`: 200 with {"generation", "embedder", "documents", "replica"} once the models and the
  index are loaded, 503 before (readiness: send it no attendee yet).

`serve` listens at once (`LoadingApp`): while the assistant loads, or builds the index on a first run,
these two answer, and every other address gets a short 503 page saying the chat is getting ready,
which reloads itself. Then every request goes to the app `web.app.create_app` made, whose lifespan
(Gradio's queue) is started at that moment in the server's own event loop, as uvicorn would have
started it. An app made by `create_app` alone (the tests') has both routes too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import Callable

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from web.service import ChatService

RETRY_SECONDS = 3  # how soon a page that found the chat loading asks again
LOADING_PAGE = f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{RETRY_SECONDS}"><title>Chargement…</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; line-height: 1.6">
<p>Le chat du congrès se prépare : cette page se recharge d'elle-même dans quelques secondes.</p>
<p lang="en">The congress chat is getting ready: this page reloads by itself in a few seconds.</p>
<p lang="ar" dir="rtl">مساعد المؤتمر قيد التحضير: ستُعاد هذه الصفحة تلقائيًا بعد ثوانٍ.</p>
</body></html>"""


def health_routes(service: ChatService) -> APIRouter:
    routes = APIRouter()

    @routes.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok", headers={"Cache-Control": "no-store"})

    @routes.get("/readyz", include_in_schema=False)
    def readyz() -> JSONResponse:
        return JSONResponse(service.readiness(), headers={"Cache-Control": "no-store"})

    return routes


class LoadingApp:
    """An ASGI app that answers at once: `/healthz`, a 503 `/readyz` and the loading page, until `build`
    (run in a thread from the server's start-up) has made the app; then that app answers everything.
    When `build` fails, `on_failure(error)` is called (`serve` stops the server and reports it)."""

    def __init__(self, build: Callable[[], FastAPI], on_failure: Callable[[BaseException], None], replica: str) -> None:
        self._build = build
        self._on_failure = on_failure
        self._replica = replica
        self._app: FastAPI | None = None
        self._lifespans = contextlib.AsyncExitStack()
        self._loading: asyncio.Task | None = None

    @property
    def ready(self) -> bool:
        return self._app is not None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif self._app is not None:
            await self._app(scope, receive, send)
        elif scope["type"] == "http":
            await self._while_loading(scope["path"])(scope, receive, send)
        else:  # a websocket (the pages use none): try again later
            await send({"type": "websocket.close", "code": 1013})

    def _while_loading(self, path: str):
        no_store = {"Cache-Control": "no-store"}
        if path == "/healthz":
            return PlainTextResponse("ok", headers=no_store)
        if path == "/readyz":
            return JSONResponse({"loading": True, "replica": self._replica}, status_code=503,
                                headers={**no_store, "Retry-After": str(RETRY_SECONDS)})
        return HTMLResponse(LOADING_PAGE, status_code=503, headers={**no_store, "Retry-After": str(RETRY_SECONDS)})

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._loading = asyncio.create_task(self._load())
                await send({"type": "lifespan.startup.complete"})  # listen now
            elif message["type"] == "lifespan.shutdown":
                if self._loading is not None and not self._loading.done():
                    self._loading.cancel()  # a load still running in its thread is left to the process's exit
                await self._lifespans.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _load(self) -> None:
        made: concurrent.futures.Future = concurrent.futures.Future()

        def build() -> None:
            if not made.set_running_or_notify_cancel():  # the server stopped before the load began
                return
            try:
                made.set_result(self._build())
            except BaseException as error:  # noqa: BLE001 - handed to the event loop
                made.set_exception(error)

        # A daemon thread, not the loop's executor: a server stopped while it loads (Ctrl-C, SIGTERM
        # during a first build) exits without waiting for the load to finish.
        threading.Thread(target=build, name="loading", daemon=True).start()
        try:
            app = await asyncio.wrap_future(made)
            await self._lifespans.enter_async_context(app.router.lifespan_context(app))
        except asyncio.CancelledError:
            raise
        except BaseException as error:  # noqa: BLE001 - reported by `serve`, which stops the server
            self._on_failure(error)
            return
        self._app = app
