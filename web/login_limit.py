"""A limit on failed organiser logins, per client: after `max_failures` wrong passwords within
`window` seconds, the client's logins are refused for `lockout` seconds, even with the right
password. Every failed or refused attempt is logged (WARNING) with the client's address, never
with what was typed.

In-process, in this small module, because none of the dependencies limits attempts (a
rate-limiting package such as slowapi would be one more dependency for these few lines) and
Gradio's login route has no hook for it: `LoginLimit` wraps the server and watches the answers
of that route. The client is the address uvicorn gives the request: the connection's, or,
behind a reverse proxy it trusts (`--forwarded-allow-ips`, 127.0.0.1 by default), the
client's from X-Forwarded-For. The counts live in the server process: a restart forgets them.
"""

from __future__ import annotations

import logging
import math
import time
from collections import deque
from collections.abc import Callable

from web.texts import language_from_header, text

logger = logging.getLogger(__name__)

_MAX_CLIENTS = 10_000  # beyond this many clients remembered, those with nothing recent are forgotten


class FailedLogins:
    """Failed attempts per client in a sliding window, and the clients locked out. Used from the
    server's event loop only (`LoginLimit`), so without a lock."""

    def __init__(self, max_failures: int = 5, window: float = 60.0, lockout: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures, self.window, self.lockout, self.clock = max_failures, window, lockout, clock
        self._failures: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}

    def wait(self, client: str) -> float:
        """Seconds before `client` may try again (0: now)."""
        until = self._locked_until.get(client)
        if until is None:
            return 0.0
        left = until - self.clock()
        if left <= 0:
            del self._locked_until[client]
            return 0.0
        return left

    def failed(self, client: str) -> int:
        """Record a failed attempt; the number of failures of `client` in the window (0 once it is locked out)."""
        now = self.clock()
        if len(self._failures) > _MAX_CLIENTS:
            self._forget_stale(now)
        recent = self._failures.setdefault(client, deque())
        recent.append(now)
        while recent[0] <= now - self.window:
            recent.popleft()
        if len(recent) < self.max_failures:
            return len(recent)
        del self._failures[client]
        self._locked_until[client] = now + self.lockout
        return 0

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)

    def _forget_stale(self, now: float) -> None:
        for client in [c for c, times in self._failures.items() if times[-1] <= now - self.window]:
            del self._failures[client]
        for client in [c for c, until in self._locked_until.items() if until <= now]:
            del self._locked_until[client]


class LoginLimit:
    """ASGI middleware: applies `FailedLogins` to POST `path` (Gradio's login route) and leaves
    every other request alone. Gradio answers a wrong password 400; any 4xx counts as a failure."""

    def __init__(self, app, path: str, failures: FailedLogins | None = None) -> None:
        self.app, self.path, self.failures = app, path.rstrip("/"), failures or FailedLogins()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.failures.wait(client)
        if wait:
            logger.warning("organiser login refused from %s: too many failed attempts (%d s left)", client, math.ceil(wait))
            await _refuse(scope, send, wait)
            return
        status = 0

        async def watched(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watched)
        if 400 <= status < 500:
            recent = self.failures.failed(client)
            logger.warning("organiser login failed from %s (%s)", client,
                           f"{recent} of {self.failures.max_failures} in {self.failures.window:.0f} s" if recent else
                           f"locked out for {self.failures.lockout:.0f} s")
        elif status == 200:
            self.failures.succeeded(client)


async def _refuse(scope, send, wait: float) -> None:
    """429, in the language the browser prefers (Gradio's login page shows nothing for it)."""
    headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope.get("headers", [])}
    body = text(language_from_header(headers.get("accept-language")), "org_too_many", minutes=math.ceil(wait / 60)).encode()
    await send({"type": "http.response.start", "status": 429,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", str(math.ceil(wait)).encode()),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
