"""The pages' own name and face. Gradio serves its pages (`/`, the chat, and `/organiser/`) from
one template that says `<html lang="en">` in every language, has no `<title>` (its script writes
one later), links Gradio's web-app manifest (Gradio's logo) and carries Gradio's Open Graph and
Twitter tags ("Gradio", `og:url` "{url}", an image on raw.githubusercontent.com, @Gradio).
`PageHead` rewrites that HTML as it leaves the server: the page's language and direction from the
browser's (French when it names none, as a link preview's fetcher does), the chat's title and
description in that language, for link previews too, and the project's icon (`/favicon.svg`);
nothing that names or fetches another site. Its script no longer sets the title: `web/client.js`
does, when the language switch changes it. Gradio's login page gets none of the pages' own `head`
(its configuration is withheld until the login): `login_script` (`web/client.js`, which puts back the
user name Gradio's form empties after a wrong password) is added to it here.
"""

from __future__ import annotations

import re

from web.render import escape
from web.texts import language_from_header, text

# path → (the page's name for web/client.js, key of its title, key of its description, the icon's address
# relative to the page's <base href="./">)
PAGES = {
    "/": ("chat", "title", "subtitle", "favicon.svg"),
    "/organiser/": ("organiser", "org_page_title", "org_intro", "../favicon.svg"),
}
_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar_MA"}
# Gradio's social tags, the manifest link (its icon is Gradio's logo) and any title, wherever the template puts them.
_GRADIO_TAGS = re.compile(r'<meta\s[^>]*?(?:property|name)="(?:og|twitter):[^>]*>\s*|<link\s[^>]*?rel="manifest"[^>]*>\s*'
                          r"|<title>.*?</title>\s*", re.S)
_HTML_TAG = re.compile(r"<html\b([^>]*?)\slang=\"[^\"]*\"", re.S)
_BASE = re.compile(r"<base\s[^>]*>", re.I)  # the icon's relative address is read against it: the tags go after it
_LOGIN_PAGE = '"auth_required":true'  # in the configuration Gradio writes into its login page, not into the app's


def head_tags(path: str, language: str) -> str:
    """The tags that name the page at `path` in `language`: title, description, icon, and what a
    link preview shows (Open Graph, Twitter), all from this site."""
    _, title_key, description_key, icon = PAGES[path]
    title, description = escape(text(language, title_key)), escape(text(language, description_key))
    return (f"<title>{title}</title>"
            f'<meta name="description" content="{description}" />'
            f'<link rel="icon" type="image/svg+xml" href="{icon}" />'
            f'<meta property="og:type" content="website" /><meta property="og:site_name" content="{escape(text(language, "title"))}" />'
            f'<meta property="og:title" content="{title}" /><meta property="og:description" content="{description}" />'
            f'<meta property="og:locale" content="{_LOCALES.get(language, "fr_FR")}" />'
            f'<meta name="twitter:card" content="summary" /><meta name="twitter:title" content="{title}" />'
            f'<meta name="twitter:description" content="{description}" />')


def rewrite_page(page: str, path: str, language: str, login_script: str = "") -> str:
    """Gradio's HTML for the page at `path`, as this site serves it in `language`; `login_script`, a
    `<script>` added to Gradio's login page (which its app's `head` does not reach)."""
    direction = "rtl" if language == "ar" else "ltr"
    head, end_of_head, body = page.partition("</head>")  # only the head's tags: the body's data is left as it is
    head = _GRADIO_TAGS.sub("", head)
    name = PAGES[path][0]
    head, found = _HTML_TAG.subn(lambda m: f'<html{m.group(1)} lang="{language}" dir="{direction}" data-cc-page="{name}"', head, count=1)
    if not found:
        raise RuntimeError("Gradio's page template changed: its <html lang> was not found (web/head.py)")
    extra = login_script if login_script and _LOGIN_PAGE in head else ""
    head, found = _BASE.subn(lambda m: m.group(0) + head_tags(path, language) + extra, head, count=1)
    if not found:
        raise RuntimeError("Gradio's page template changed: its <base href> was not found (web/head.py)")
    return head + end_of_head + body.replace('control_page_title="true"', 'control_page_title="false"', 1)


class PageHead:
    """ASGI middleware: `rewrite_page` on the HTML of GET `/` and `/organiser/` (Gradio's page, or its
    login page); every other request passes untouched (the queue's streams are never held back)."""

    def __init__(self, app, login_script: str = "") -> None:
        self.app = app
        self.login_script = login_script

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in PAGES:
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope.get("headers", [])}
        language = language_from_header(headers.get("accept-language"))
        start: dict | None = None
        chunks: list[bytes] = []

        async def rewriting(message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            response_headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            if start["status"] == 200 and dict(response_headers).get(b"content-type", b"").startswith(b"text/html"):
                body = rewrite_page(body.decode("utf-8"), scope["path"], language, self.login_script).encode("utf-8")
                response_headers.append((b"vary", b"Accept-Language"))
            await send({**start, "headers": [*response_headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewriting)
