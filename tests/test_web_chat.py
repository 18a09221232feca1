"""The web chat, as attendees and organisers meet it: a real server on a free local port, over a
real index (the shipped articles, the fictional JNOF programme and a hostile document), driven
by Debian's Chromium. Each browser test saves a screenshot in test-artifacts/."""

from __future__ import annotations

import contextlib
import shutil
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from conftest import ROOT, copy_articles, make_settings, serving

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
PROGRAMME = ROOT / "eval" / "corpora" / "programme-fictif" / "jnof-2026.json"
PASSWORD = "correct horse battery staple"

HOSTILE_DOCUMENT = """---
title: Note technique (fictive) avec du balisage
---
# Note technique (fictive) avec du balisage

Ce document fictif sert aux tests. <script>window.__pwned = true</script>
Le vestiaire du congrès fictif ferme à 19 heures <img src=x onerror="window.__pwned=true">.

![pixel](http://203.0.113.7/track.png) [lien](http://203.0.113.7/)
"""


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    """The app, served by uvicorn in a thread, with the organiser space enabled."""
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from web.app import create_app

    root = tmp_path_factory.mktemp("web")
    corpus = copy_articles(root / "corpus")
    shutil.copy(PROGRAMME, corpus / PROGRAMME.name)
    (corpus / "note-balisage.md").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    settings = make_settings(corpus_dir=corpus, data_dir=root / "data", index_dir=root / "data" / "index",
                             organiser_password=PASSWORD, clock="2026-05-15T10:00:00+01:00")
    ingest(settings)
    app = create_app(Assistant(settings), settings)
    with serving(app) as url:
        yield {"url": url, "settings": settings, "service": app.state.service, "app": app}


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make test-deps)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-default-apps"],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(chromium, request):
    """A phone-sized page (390 px) whose browser language is French unless the test says otherwise."""
    locale = getattr(request, "param", "fr-FR")
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale=locale)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.outside_requests = outside
    yield page
    page.screenshot(path=str(ARTIFACTS / f"web-{request.node.name}.png"), full_page=True)
    context.close()


def ask(page, question: str) -> None:
    before = page.locator(".cc-answer").count()
    page.locator("#cc-question textarea").fill(question)
    page.locator("#cc-send").click()
    page.wait_for_function(
        "n => document.querySelectorAll('.cc-answer').length > n", arg=before, timeout=30_000)


def last_answer(page):
    return page.locator(".cc-answer").last


# --- in the browser -----------------------------------------------------------------------------------

@pytest.mark.browser
def test_question_gets_an_answer_with_a_citation_card_that_opens_the_source(web, phone):
    phone.goto(web["url"])
    ask(phone, "Qui est la présidente de la SMR ?")
    answer = last_answer(phone)
    assert "Najat Chérif Idrissi El Ganouni" in answer.inner_text()
    card = answer.locator(".cc-card").first
    assert card.locator("mark").count() == 1, "the supporting sentence is highlighted"
    card.locator("summary").click()  # cards are folded on a phone
    marker = answer.locator("a.cc-ref").first
    assert marker.get_attribute("href").startswith("#cc-")
    assert phone.locator(marker.get_attribute("href")).count() == 1, "the [n] marker leads to its card"

    with phone.context.expect_page() as opened:
        card.get_by_role("link").first.click()
    document = opened.value
    document.wait_for_load_state()
    assert document.url.startswith(web["url"] + "/document/")
    passage = document.locator("#passage")
    assert "Najat Chérif Idrissi El Ganouni" in passage.inner_text()
    document.screenshot(path=str(ARTIFACTS / "web-document-opened-at-passage.png"), full_page=True)


@pytest.mark.browser
def test_empty_screen_offers_example_questions_that_get_answers(web, phone):
    phone.goto(web["url"])
    examples = phone.locator("#cc-chat button.example")
    examples.first.wait_for(timeout=20_000)
    assert examples.count() >= 2
    examples.first.click()
    phone.wait_for_function("() => document.querySelectorAll('.cc-answer').length > 0", timeout=30_000)
    assert last_answer(phone).locator(".cc-card").count() >= 1, "an example is never refused"


def test_follow_up_uses_the_conversation_and_new_conversation_clears_it(web, phone):
    phone.goto(web["url"])
    ask(phone, "Quel est le thème du 23e congrès de la SMR ?")
    ask(phone, "Et où se tient-il ?")
    assert "Marrakech" in last_answer(phone).inner_text()
    phone.locator("#cc-new").click()
    phone.wait_for_function("() => document.querySelectorAll('.cc-answer').length === 0", timeout=10_000)
    phone.locator("#cc-chat button.example").first.wait_for(timeout=10_000)


@pytest.mark.browser
@pytest.mark.parametrize("phone", ["ar-MA"], indirect=True)
def test_arabic_browser_gets_an_arabic_right_to_left_interface_and_answer(web, phone):
    phone.goto(web["url"])
    phone.wait_for_function("() => /[\\u0600-\\u06FF]/.test(document.querySelector('#cc-question textarea')?.placeholder ?? '')",
                            timeout=15_000)
    ask(phone, "من ترأس المؤتمر الثالث والعشرين للجمعية المغربية للأشعة؟")
    question = phone.locator(".cc-question").last
    assert question.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert phone.locator("#cc-question textarea").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert last_answer(phone).locator(".cc-card").count() >= 1


@pytest.mark.browser
def test_markup_inside_a_document_shows_as_text_and_never_runs_or_fetches(web, phone):
    phone.goto(web["url"])
    ask(phone, "À quelle heure ferme le vestiaire du congrès fictif ?")
    answer = last_answer(phone)
    assert "<script>" in answer.inner_text() or "<img" in answer.inner_text()
    assert answer.locator("script, img").count() == 0
    assert phone.evaluate("() => window.__pwned === undefined")

    answer.locator(".cc-card summary").first.click()
    with phone.context.expect_page() as opened:
        answer.locator(".cc-card").first.get_by_role("link").first.click()
    document = opened.value
    document.wait_for_load_state()
    assert "<script>window.__pwned = true</script>" in document.locator("body").inner_text()
    assert document.evaluate("() => window.__pwned === undefined")
    assert not [url for url in phone.outside_requests if "203.0.113.7" in url]


@pytest.mark.browser
def test_markup_in_a_question_is_shown_as_text(web, phone):
    phone.goto(web["url"])
    ask(phone, "<img src=x onerror=\"window.__pwned=true\"> Qui préside la SMR ?")
    assert "<img" in phone.locator(".cc-question").last.inner_text()
    assert phone.evaluate("() => window.__pwned === undefined")


@pytest.mark.browser
def test_thumbs_down_is_stored_with_the_question_and_answer(web, phone):
    store = web["service"].feedback
    before = store.count()["down"]
    phone.goto(web["url"])
    ask(phone, "Où se tient le congrès de la SMR ?")
    phone.locator("#cc-chat button[aria-label='Dislike'], #cc-chat button[aria-label=\"Je n'aime pas\"]").last.click()
    deadline = time.monotonic() + 10
    while store.count()["down"] == before:
        assert time.monotonic() < deadline, "the thumbs down was not stored"
        time.sleep(0.1)
    stored = store.all()[-1]
    assert stored.rating == -1 and stored.question == "Où se tient le congrès de la SMR ?" and stored.answer
    assert stored.citations and stored.language == "fr"
    phone.locator("#cc-comment textarea").fill("Il manque la date.")
    phone.locator("#cc-comment-send").click()
    deadline = time.monotonic() + 10
    while store.all()[-1].comment != "Il manque la date.":
        assert time.monotonic() < deadline, "the comment was not stored"
        time.sleep(0.1)


@pytest.mark.browser
def test_empty_and_too_long_questions_get_a_message_and_no_answer_and_the_message_leaves_with_the_next_answer(web, phone):
    phone.goto(web["url"])
    phone.locator("#cc-send").click()
    phone.locator("#cc-status").wait_for(state="visible", timeout=10_000)
    phone.locator("#cc-question textarea").fill("x" * 2001)
    phone.locator("#cc-send").click()
    phone.wait_for_function("() => /2\\s?000/.test(document.querySelector('#cc-status').innerText)", timeout=10_000)
    assert phone.locator(".cc-answer").count() == 0
    phone.locator("#cc-question textarea").fill("Où se tient le congrès de l'OMM ?")
    phone.locator("#cc-send").click()
    phone.locator(".cc-answer").wait_for(timeout=30_000)
    phone.locator("#cc-status").wait_for(state="hidden", timeout=10_000)  # the message leaves with the answer


@pytest.mark.browser
def test_schedule_question_cites_the_session_and_links_to_the_programme_tab(web, phone):
    phone.goto(web["url"])
    ask(phone, "Quand a lieu la session sur le cancer de la prostate ?")
    answer = last_answer(phone)
    assert answer.locator(".cc-card").count() >= 1
    assert answer.locator("a[href^='/programme#']").count() >= 1
    phone.get_by_role("tab").nth(1).click()
    table = phone.locator("#cc-programme table")
    table.wait_for(timeout=10_000)
    assert table.locator("tbody tr").count() == 14
    phone.locator("#cc-filter-text input, #cc-filter-text textarea").first.fill("prostate")
    phone.wait_for_function("() => document.querySelectorAll('#cc-programme tbody tr').length < 14", timeout=10_000)
    assert "prostate" in table.inner_text().lower()
    assert table.locator("a[href*='calendar.ics']").count() >= 1


@pytest.mark.browser
def test_organiser_page_refuses_a_wrong_password(web, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(web["url"] + "/organiser/")
    page.locator("input[type='text'], input[name='username']").first.fill("organiser")
    page.locator("input[type='password']").fill("wrong password")
    page.locator("button").filter(has_text="Login").first.click()
    page.get_by_text("Incorrect", exact=False).first.wait_for(timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "web-organiser-wrong-password.png"), full_page=True)
    assert page.locator("#cc-upload, #cc-rebuild").count() == 0
    context.close()


@pytest.mark.browser
def test_organiser_downloads_the_feedback_csv_which_the_chat_does_not_serve(web, chromium):
    from web.texts import text

    secret = "Question confidentielle du test de téléchargement ?"
    web["service"].feedback.record(rating=1, question=secret, history=[], answer="Réponse.", refused=False, citations=[],
                                   language="fr", ui_language="fr")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    log_in_as_organiser(page, web["url"])
    page.get_by_role("tab", name=text("fr", "org_feedback_tab")).click()
    button = page.get_by_text(text("fr", "org_export_csv"), exact=True)
    with page.expect_download() as downloading:
        button.click()
    download = downloading.value
    assert download.suggested_filename == "feedback.csv" and secret in Path(download.path()).read_text(encoding="utf-8")
    assert download.url == web["url"] + "/organiser/export/feedback.csv"
    page.screenshot(path=str(ARTIFACTS / "web-organiser-feedback.png"), full_page=True)
    context.close()
    for url in (download.url, web["url"] + "/export/feedback.csv"):  # without the organiser's login; through the chat
        refused = httpx.get(url)
        assert 400 <= refused.status_code < 500 and secret not in refused.text, url


# --- over HTTP ----------------------------------------------------------------------------------------

def test_index_feedback_and_corpus_files_are_not_served(web):
    settings = web["settings"]
    web["service"].feedback.count()  # the database exists
    secrets = [web["service"].feedback.path, settings.corpus_dir / "note-balisage.md",
               next(settings.resolved_index_dir().rglob("*.json"))]
    for path in secrets:
        for route in ("/gradio_api/file=", "/file="):
            response = httpx.get(web["url"] + route + str(path.resolve()))
            assert response.status_code in (403, 404), f"{route}{path} answered {response.status_code}"
            assert "vestiaire" not in response.text


def test_organiser_api_refuses_without_the_password(web):
    response = httpx.post(web["url"] + "/organiser/gradio_api/queue/join", json={"data": [], "fn_index": 0, "session_hash": "x"})
    assert response.status_code in (401, 403)
    assert httpx.get(web["url"] + "/organiser/config").status_code in (401, 403)


def log_in_as_organiser(page, url: str) -> None:
    """Through Gradio's login form, in the browser `page`, on the server at `url`."""
    page.goto(url + "/organiser/")
    page.locator("input[type='text'], input[name='username']").first.fill("organiser")
    page.locator("input[type='password']").fill(PASSWORD)
    page.locator("input[type='password']").press("Enter")


@contextlib.contextmanager
def organiser_client(web, address: str = "127.0.0.1"):
    """An HTTP client logged into the organiser space (through Gradio's login form), from `address`."""
    with httpx.Client(base_url=web["url"], timeout=30, transport=httpx.HTTPTransport(local_address=address)) as client:
        assert client.post("/organiser/login", data={"username": "organiser", "password": PASSWORD}).status_code == 200
        yield client


def test_feedback_exports_are_served_only_behind_the_organiser_login_and_never_written_to_disk(web):
    import tempfile

    from gradio.utils import get_upload_folder

    secret = "Question confidentielle du test d'export ?"
    web["service"].feedback.record(rating=-1, question=secret, history=[], answer="Réponse.", refused=False, citations=[],
                                   language="fr", ui_language="fr")
    temporary = set(Path(tempfile.gettempdir()).glob("congress-chat-feedback-*"))
    with organiser_client(web) as organiser:
        for name, media_type in (("feedback.csv", "text/csv"), ("feedback.jsonl", "application/jsonl")):
            exported = organiser.get(f"/organiser/export/{name}")
            assert exported.status_code == 200 and exported.headers["content-type"].startswith(media_type)
            assert secret in exported.text and f'filename="{name}"' in exported.headers["content-disposition"]
            assert httpx.get(f"{web['url']}/organiser/export/{name}").status_code == 401, "not without the login"
            for public in (f"/export/{name}", f"/gradio_api/file=/organiser/export/{name}"):
                refused = httpx.get(web["url"] + public)
                assert 400 <= refused.status_code < 500 and secret not in refused.text, public
        # What Gradio itself copies into its upload folder on the organiser's side is served there, never by the chat.
        uploaded = organiser.post("/organiser/gradio_api/upload", files={"files": ("avis.csv", secret.encode(), "text/csv")}).json()[0]
        assert Path(uploaded).is_relative_to(Path(get_upload_folder()).resolve())
        assert organiser.get(f"/organiser/gradio_api/file={uploaded}").text == secret
    assert httpx.get(f"{web['url']}/organiser/gradio_api/file={uploaded}").status_code == 401
    for route in ("/gradio_api/file=", "/file="):
        refused = httpx.get(web["url"] + route + uploaded)
        assert refused.status_code in (403, 404) and secret not in refused.text, route
    leftovers = [path for path in Path(get_upload_folder()).rglob("*") if path.is_file() and path.name.startswith("feedback")]
    assert not leftovers, "an export is never copied to disk"
    assert set(Path(tempfile.gettempdir()).glob("congress-chat-feedback-*")) == temporary


def test_organiser_logins_are_limited_per_client_and_each_failure_is_logged(web, caplog):
    import logging

    caplog.set_level(logging.WARNING, logger="web.login_limit")
    form = {"username": "organiser"}
    with httpx.Client(base_url=web["url"], timeout=30, transport=httpx.HTTPTransport(local_address="127.0.0.2")) as guesser:
        for n in range(5):
            assert guesser.post("/organiser/login", data={**form, "password": f"guess number {n}"}).status_code == 400
        refused = guesser.post("/organiser/login", data={**form, "password": PASSWORD})
        assert refused.status_code == 429, "locked out, even with the right password"
        assert int(refused.headers["retry-after"]) > 60 and "Trop de tentatives" in refused.text
        english = guesser.post("/organiser/login", data={**form, "password": PASSWORD}, headers={"Accept-Language": "en"})
        assert english.status_code == 429 and "Too many failed login attempts" in english.text
        assert guesser.get("/").status_code == 200, "the chat is not affected"
    with organiser_client(web, "127.0.0.3"):  # another client logs in
        pass
    logged = [record for record in caplog.records if record.name == "web.login_limit"]
    assert len(logged) == 7 and all(record.levelno == logging.WARNING and "127.0.0.2" in record.getMessage() for record in logged)
    assert not any("guess number" in record.getMessage() or PASSWORD in record.getMessage() for record in logged)
    assert sum("refused" in record.getMessage() for record in logged) == 2


def test_failed_logins_slide_out_of_the_window_and_a_lockout_ends():
    from web.login_limit import FailedLogins

    now = [0.0]
    failures = FailedLogins(max_failures=5, window=60, lockout=300, clock=lambda: now[0])
    for now[0] in (0, 20, 40, 50):
        failures.failed("203.0.113.1")
    now[0] = 65
    assert failures.failed("203.0.113.1") == 4, "the failure at 0 s has left the window"
    assert failures.wait("203.0.113.1") == 0
    assert failures.failed("203.0.113.1") == 0 and failures.wait("203.0.113.1") == 300, "five within 60 s: locked out"
    assert failures.wait("203.0.113.2") == 0, "one client's failures lock only that client out"
    now[0] += 299
    assert failures.wait("203.0.113.1") == 1
    now[0] += 1
    assert failures.wait("203.0.113.1") == 0 and failures.failed("203.0.113.1") == 1, "a new start after the lockout"
    failures.succeeded("203.0.113.1")
    assert failures.failed("203.0.113.1") == 1, "a login clears the failures"


@pytest.mark.parametrize("accept_language, language", [(None, "fr"), ("en-GB,en;q=0.9", "en"), ("ar-MA,ar;q=0.9,fr;q=0.8", "ar")])
def test_a_citation_link_to_a_document_no_longer_indexed_opens_a_page_in_the_readers_language(web, accept_language, language):
    import html

    from web.texts import text

    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = httpx.get(web["url"] + "/document/retire-apres-reconstruction", params={"start": 0, "end": 10}, headers=headers)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    page = html.unescape(response.text)
    assert f"<html lang='{language}' dir='{'rtl' if language == 'ar' else 'ltr'}'>" in page
    assert text(language, "doc_missing_title") in page and text(language, "doc_missing") in page
    assert f'<a class="cc-back" href="/">{text(language, "back_to_chat")}</a>' in page
    assert "detail" not in page and "img-src 'none'" in response.headers["content-security-policy"]


class _Head(HTMLParser):
    """The `<html>` attributes, the `<title>`, and the `<meta>` and `<link>` tags of a served page."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict = {}
        self.titles: list[str] = []
        self.metas: list[dict] = []
        self.links: list[dict] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html = attributes
        elif tag == "meta":
            self.metas.append(attributes)
        elif tag == "link":
            self.links.append(attributes)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.titles.append(data)


def _served_head(url: str, accept_language: str | None) -> tuple[httpx.Response, _Head]:
    response = httpx.get(url, headers={"Accept-Language": accept_language} if accept_language else {})
    head = _Head()
    head.feed(response.text)
    return response, head


@pytest.mark.parametrize("accept_language, language", [(None, "fr"), ("en-GB,en;q=0.9", "en"), ("ar-MA,ar;q=0.9,fr;q=0.8", "ar")])
@pytest.mark.parametrize("path, title_key, description_key", [("/", "title", "subtitle"), ("/organiser/", "org_page_title", "org_intro")])
def test_the_chat_and_the_organiser_space_serve_their_own_name_language_and_icon(web, path, title_key, description_key,
                                                                                 accept_language, language):
    """What a link preview (which runs no script) and a browser tab show: the page's own title and
    description in the reader's language (French by default), its own icon, nothing of Gradio's and
    no address on another site."""
    from urllib.parse import urljoin

    from web.texts import text

    response, head = _served_head(web["url"] + path, accept_language)
    assert response.status_code == 200 and "accept-language" in response.headers["vary"].lower()
    assert (head.html.get("lang"), head.html.get("dir")) == (language, "rtl" if language == "ar" else "ltr")
    assert head.titles == [text(language, title_key)], "one <title>, in the served HTML"
    described = {m.get("property") or m.get("name"): m.get("content", "") for m in head.metas}
    assert described["description"] == described["og:description"] == text(language, description_key)
    assert described["og:title"] == described["twitter:title"] == text(language, title_key)
    social = {key: value for key, value in described.items() if key and key.startswith(("og:", "twitter:"))}
    assert not [f"{key}={value}" for key, value in social.items() if "gradio" in value.lower() or "://" in value or "{" in value]
    assert "@Gradio" not in response.text and "@teamGradio" not in response.text, "Gradio's Twitter accounts"
    assert not [link for link in head.links if link.get("rel") == "manifest"], "Gradio's manifest names Gradio's logo"
    icons = [link["href"] for link in head.links if link.get("rel") == "icon"]
    assert len(icons) == 1
    ours = (ROOT / "web" / "favicon.svg").read_bytes()
    for icon in (urljoin(web["url"] + path, icons[0]), web["url"] + "/favicon.ico"):
        served = httpx.get(icon)
        assert served.status_code == 200 and served.content == ours and served.headers["content-type"].startswith("image/svg+xml"), icon


@pytest.mark.parametrize("accept_language, language", [(None, "fr"), ("en-GB,en;q=0.9", "en"), ("ar-MA,ar;q=0.9,fr;q=0.8", "ar")])
def test_a_document_page_has_the_way_back_its_title_and_date_in_the_readers_language(web, accept_language, language):
    import html

    from web.texts import text

    headers = {"Accept-Language": accept_language} if accept_language else {}
    documents = web["service"].assistant.index.documents
    article = documents["radiologie-smr-23e-congres-marrakech-2025"]
    response = httpx.get(web["url"] + "/document/" + article.doc_id, params={"start": 100, "end": 200}, headers=headers)
    page = html.unescape(response.text)
    assert response.status_code == 200 and "accept-language" in response.headers["vary"].lower()
    assert page.startswith(f"<!doctype html><html lang='{language}' dir='{'rtl' if language == 'ar' else 'ltr'}'>")
    assert f'<a class="cc-back" href="/">{text(language, "back_to_chat")}</a>' in page
    assert f'<h1 dir="auto">{article.title}</h1>' in page and '<mark id="passage">' in page
    published = {"fr": "juin 2025", "en": "June 2025", "ar": "يونيو 2025"}[language]  # its dateline: "date 2025-06"
    assert f'<p class="cc-date">{published}</p>' in page
    assert article.source not in page and "003_2e0ad84b7e9f0dfc" not in page, "no internal file name"
    programme = httpx.get(web["url"] + "/document/jnof-2026", headers=headers).text
    days = {"fr": "du 14 au 16 mai 2026", "en": "14 to 16 May 2026", "ar": "من 14 إلى 16 ماي 2026"}[language]
    assert f'<p class="cc-date">{days}</p>' in programme, "a programme's page gives the congress's days"
    back = html.unescape(httpx.get(web["url"] + "/programme", headers=headers).text)
    assert f'<a class="cc-back" href="/">{text(language, "back_to_chat")}</a>' in back, "the programme page leads back too"


def test_organiser_without_its_final_slash_leads_to_the_organiser_space(web):
    response = httpx.get(web["url"] + "/organiser")
    assert response.status_code in (301, 302, 307, 308)
    followed = httpx.get(web["url"] + "/organiser", follow_redirects=True)
    assert followed.status_code == 200 and str(followed.url) == web["url"] + "/organiser/"


def test_the_start_up_line_gives_the_organiser_address_that_answers(web):
    import re

    from web.app import startup_line

    host, port = web["url"].removeprefix("http://").split(":")
    line = startup_line(make_settings(host=host, port=int(port), organiser_password=PASSWORD))
    chat, organisers = re.fullmatch(r"congress-chat: (\S+)  \(organisers: (\S+)\)", line).groups()
    assert chat == web["url"] + "/" and organisers == web["url"] + "/organiser/"
    assert httpx.get(organisers).status_code == 200
    assert "disabled, set CONGRESS_CHAT_ORGANISER_PASSWORD" in startup_line(make_settings())


@pytest.mark.parametrize("question", ["?????", "🙂🙂🙂", "… ! ; « » ?", "<b>?</b>"])
def test_a_question_without_words_gets_the_empty_questions_hint_and_no_answer(web, question):
    import uuid

    from bench.load import ask_through_queue, respond_event

    def ask(text: str) -> list:
        with httpx.Client(timeout=60) as client:
            return ask_through_queue(client, web["url"], respond_event(web["url"]), uuid.uuid4().hex[:11], [text, None, None, None, "en", None])

    output = ask(question)
    chat, status = output[0], output[5]  # the chat, the message line (then what the browser keeps of the conversation)
    assert chat == {"__type__": "update"}, "nothing is added to the chat: no passage, no answer"
    assert status["visible"] and "Ask something about the congresses, for example" in status["value"]
    assert output == ask(""), "the same hint as an empty question"


def test_organiser_space_is_closed_when_no_password_is_set(shipped_assistant):
    from fastapi.testclient import TestClient

    from web.app import create_app

    client = TestClient(create_app(shipped_assistant, shipped_assistant.settings))
    assert client.get("/organiser/").status_code == 403
    assert client.post("/organiser/gradio_api/queue/join", json={}).status_code == 403


def test_no_share_link_monitoring_or_api_page(web):
    for path in ("/monitoring", "/gradio_api/monitoring", "/docs", "/openapi.json", "/gradio_api/openapi.json"):
        assert httpx.get(web["url"] + path).status_code in (404, 403, 401), path
    described = httpx.get(web["url"] + "/gradio_api/info").json()
    assert list(described["named_endpoints"]) == ["/respond"] and not described.get("unnamed_endpoints")


def test_calendar_of_one_session_is_a_valid_ics(web):
    import icalendar

    programme = web["service"].programmes[0]
    session = next(s for s in programme.sessions if s.start)
    response = httpx.get(web["url"] + "/calendar.ics", params={"doc": programme.doc_id, "session": session.id})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [session.title]


def test_document_page_escapes_and_forbids_remote_fetches(web):
    doc_id = next(d for d, doc in web["service"].assistant.index.documents.items() if "balisage" in doc.title)
    response = httpx.get(web["url"] + "/document/" + doc_id)
    assert "<script>window" not in response.text and "&lt;script&gt;" in response.text
    assert "img-src 'none'" in response.headers["content-security-policy"]


def test_concurrent_conversations_through_the_queue_all_get_answers(web):
    """What bench/load.py measures, small: simultaneous conversations through Gradio's queue."""
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    from bench.load import respond_event, ask_through_queue

    fn_index = respond_event(web["url"])

    def conversation(language: str) -> list:
        session, chat = uuid.uuid4().hex[:11], []
        with httpx.Client(timeout=60) as client:
            for question in ("Où se tient le congrès de l'OMM ?", "Et quel est son thème ?"):
                chat = ask_through_queue(client, web["url"], fn_index, session, [question, None, None, None, language, None])[0]
        return chat

    with ThreadPoolExecutor(max_workers=6) as pool:
        chats = list(pool.map(conversation, ["fr"] * 6))
    for chat in chats:
        assert len(chat) == 4 and "Médecine de précision" in str(chat[-1]["content"])


def test_answers_leave_no_event_statistics_behind(web):
    """Monitoring is off, so nothing reads the queue's event statistics: Gradio keeps one event
    and never summarises them (by default it rebuilds a table of the last 10,000 after every answer)."""
    test_concurrent_conversations_through_the_queue_all_get_answers(web)
    chat = next(route.app.get_blocks() for route in web["app"].routes if getattr(route, "path", None) == "" and hasattr(route.app, "get_blocks"))
    assert len(chat._queue.event_analytics) <= 1
    assert chat._queue.cached_event_analytics_summary == {"functions": {}}


def test_the_chat_answers_one_question_per_core_at_once_with_the_extractive_answerer(web):
    """An extractive answer is CPU work: more questions at once than cores only share them and
    every answer comes later (bench/load.py). An LLM's answers wait on its endpoint: more at once."""
    from rag.settings import available_cores

    chat = next(route.app.get_blocks() for route in web["app"].routes if getattr(route, "path", None) == "" and hasattr(route.app, "get_blocks"))
    assert chat._queue.default_concurrency_limit == available_cores()
    assert make_settings(llm_backend="ollama").resolved_web_concurrency() == 8
    assert make_settings(web_concurrency=3).resolved_web_concurrency() == 3


def test_attendees_waiting_together_are_not_sent_an_estimate_each_time_an_answer_starts(web):
    """The chat shows no queue position: Gradio's default sends every waiting page a new estimate
    whenever an answer starts (n² messages when n ask at once); here a waiting page hears from the
    queue when it joins and every few seconds, whatever the number ahead of it."""
    import uuid
    from concurrent.futures import ThreadPoolExecutor

    from bench.load import ask_through_queue, respond_event

    fn_index = respond_event(web["url"])
    start = threading.Barrier(8)

    def estimates_heard(question: str) -> int:
        heard: list[str] = []
        with httpx.Client(timeout=60) as client:
            start.wait(timeout=30)
            ask_through_queue(client, web["url"], fn_index, uuid.uuid4().hex[:11], [question, None, None, None, "fr", None], heard)
        return heard.count("estimation")

    questions = [f"Où se tient le congrès de l'OMM ? ({n})" for n in range(8)]  # new to the encoder: each takes its time
    with ThreadPoolExecutor(max_workers=8) as pool:
        heard = list(pool.map(estimates_heard, questions))
    assert max(heard) <= 2, heard


def test_what_the_server_loaded_is_kept_out_of_the_collectors_full_passes(web):
    """The models, the index and Gradio's app live as long as the server: once frozen, a full
    collection during a burst of questions scans only the objects made after start-up."""
    import gc

    from web.app import freeze_what_lives_as_long_as_the_server

    tracked = len(gc.get_objects())
    try:
        frozen = freeze_what_lives_as_long_as_the_server()
        assert frozen > 100_000 and len(gc.get_objects()) < tracked / 10
    finally:
        gc.unfreeze()


def test_a_rebuild_gives_the_old_index_back_to_the_collector(tmp_path):
    """Frozen with the rest of start-up, the index a rebuild replaces would never be collected."""
    import gc

    from rag.assistant import Assistant
    from rag.ingest import ingest
    from web.app import freeze_what_lives_as_long_as_the_server
    from web.service import ChatService

    settings = make_settings(corpus_dir=copy_articles(tmp_path / "corpus"), index_dir=tmp_path / "index", embedder="use-m3")
    ingest(settings)
    service = ChatService(Assistant(settings), settings)
    try:
        assert freeze_what_lives_as_long_as_the_server() > 0
        (settings.corpus_dir / "navette.md").write_text("# Navette (note fictive)\n\nUne navette relie l'hôtel au palais des congrès.\n",
                                                        encoding="utf-8")
        service.rebuild()
        assert gc.get_freeze_count() == 0
        assert "navette" in service.assistant.ask("Y a-t-il une navette ?").answer.lower()
    finally:
        gc.unfreeze()


def test_an_event_leaves_matplotlib_alone(web, monkeypatch):
    """Gradio switches matplotlib's backend around every event (with matplotlib installed), or
    searches the whole path for it (without); the chat draws no plot."""
    import types

    from gradio import utils

    touched = []
    spy = types.SimpleNamespace(get_backend=lambda: touched.append("get_backend") or "agg", use=touched.append)
    monkeypatch.setitem(sys.modules, "matplotlib", spy)
    with utils.MatplotlibBackendMananger():
        pass
    assert touched == []


@pytest.mark.browser
def test_organiser_adds_a_document_rebuilds_and_attendees_get_answers_from_it(web, chromium, tmp_path):
    new_document = tmp_path / "badges-jnof.md"
    new_document.write_text("# Badges (note fictive)\n\nLes badges des Journées fictives JNOF se retirent au comptoir Zénith, hall 3.\n",
                            encoding="utf-8")
    broken = tmp_path / "programme-casse.yaml"
    broken.write_text("congress: {name: Fictif}\nsessions:\n  - {id: s1, title: Ouverture, start: '10:00', end: '09:00'}\n", encoding="utf-8")
    unwanted = tmp_path / "script.exe"
    unwanted.write_bytes(b"MZ")
    before = web["service"].assistant

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(web["url"] + "/organiser/")
    page.get_by_text("organiser space: add documents and programmes", exact=False).first.wait_for(timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "web-organiser-login.png"), full_page=True)
    page.locator("input[type='text'], input[name='username']").first.fill("organiser")
    page.locator("input[type='password']").fill(PASSWORD)
    page.locator("button").filter(has_text="Login").first.click()
    page.locator("#org-files input[type='file']").set_input_files([str(new_document), str(broken), str(unwanted)])
    page.locator("#org-add").click()
    page.wait_for_function("() => /Rebuild the index/.test(document.querySelector('#org-upload-status textarea')?.value ?? '')",
                           timeout=30_000)
    status = page.locator("#org-upload-status textarea").input_value()
    assert "✔ badges-jnof.md: added" in status
    assert "✘ programme-casse.yaml: refused" in status and "end 09:00 is not after start 10:00" in status
    assert "✘ script.exe: refused" in status
    page.locator("#org-rebuild").click()
    page.wait_for_function("() => /Rebuilt in/.test(document.querySelector('#org-rebuild-status textarea')?.value ?? '')",
                           timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "web-organiser-rebuilt.png"), full_page=True)
    settings = web["settings"]
    assert (settings.resolved_uploads_dir() / "badges-jnof.md").is_file(), "uploads are kept under the data directory"
    assert not (settings.corpus_dir / "uploads").exists(), "nothing is written into the corpus"
    page.get_by_role("tab").nth(1).click()
    documents = page.locator("#org-documents")
    documents.wait_for(timeout=10_000)
    assert documents.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the index table fits 1280 px"
    assert documents.evaluate("e => e.getBoundingClientRect().right") <= 1280
    page.screenshot(path=str(ARTIFACTS / "web-organiser-index.png"), full_page=True)
    context.close()

    assert web["service"].assistant is not before, "the new index answers"
    assert before.ask("Qui préside la SMR ?").answer, "the previous index still answers requests in flight"
    attendee = chromium.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR").new_page()
    attendee.goto(web["url"])
    ask(attendee, "Où retirer les badges des Journées JNOF ?")
    assert "comptoir Zénith" in last_answer(attendee).inner_text()
    attendee.screenshot(path=str(ARTIFACTS / "web-answer-from-uploaded-document.png"), full_page=True)
    attendee.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["fr-FR", "ar-MA"])
def test_organiser_page_speaks_the_browser_language_and_removes_an_upload(web, chromium, tmp_path, locale):
    from web.render import format_timestamp
    from web.texts import text

    language = locale[:2]
    uploaded = tmp_path / f"a-retirer-{language}.md"
    uploaded.write_text("# Note à retirer (fictive)\n\nCette note fictive sera retirée par l'organisateur.\n", encoding="utf-8")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    page = context.new_page()
    log_in_as_organiser(page, web["url"])
    page.wait_for_function("label => document.querySelector('#org-add')?.innerText.trim() === label", arg=text(language, "org_add"),
                           timeout=15_000)
    assert page.get_by_role("heading", name=text(language, "org_title")).count() == 1
    assert page.title() == text(language, "org_page_title"), "its own name in the tab, not Gradio's page title"
    page.get_by_role("tab", name=text(language, "org_index_tab")).click()
    built = format_timestamp(web["service"].assistant.index.manifest.built_at, language)
    page.locator("#org-summary").get_by_text(built, exact=False).wait_for(timeout=10_000)  # "… 26 novembre 2026 à 09:05 (UTC)"
    page.get_by_role("tab", name=text(language, "org_corpus_tab")).click()
    page.locator("#org-files input[type='file']").set_input_files([str(uploaded)])
    page.locator("#org-add").click()
    page.wait_for_function("() => /✔/.test(document.querySelector('#org-upload-status textarea')?.value ?? '')", timeout=30_000)
    target = web["settings"].resolved_uploads_dir() / uploaded.name
    assert target.is_file()
    page.locator("#org-uploaded input").click()
    page.get_by_role("option", name=uploaded.name).click()
    page.locator("#org-remove").click()
    page.wait_for_function("said => document.querySelector('#org-upload-status textarea')?.value === said",
                           arg=text(language, "org_removed", name=uploaded.name), timeout=10_000)
    assert not target.exists(), "the file is removed; the index follows at the next rebuild"
    page.screenshot(path=str(ARTIFACTS / f"web-organiser-{language}.png"), full_page=True)
    context.close()
