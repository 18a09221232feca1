"""The Programme tab and its calendars, the chat's languages and memory, the organiser's corpus tab, as
attendees and organisers meet them (issue 26): a real server on a free port over the shipped corpus
(articles and seed programmes), the fictional JNOF programme and a programme uploaded by an organiser;
Debian's Chromium for what is about the page, HTTP for what is served. Screenshots in test-artifacts/."""

from __future__ import annotations

import re
import shutil

import httpx
import pytest

from conftest import SHIPPED_CORPUS, make_settings, serving
from test_web_chat import ARTIFACTS, PASSWORD, PROGRAMME, chromium  # noqa: F401  (chromium: the shared browser fixture)
from web.texts import text

UPLOADED = """congress:
  name: "Journées fictives de cardiologie"
  city: Fès
  venue: "Palais fictif des congrès"
  start: 2026-03-05
  end: 2026-03-06
sessions:
  - id: ouverture
    title: "Séance d'ouverture fictive"
    day: 2026-03-05
    start: "09:00"
    end: "09:30"
    room: Salle Atlas
    speakers: ["Pr Zineb Alami"]
"""
UPLOADED_ID = "uploads/journees-fictives-2026"
SMR = "programmes/programme-smr-23e-congres-radiologie-2025"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app over the shipped corpus, JNOF and an uploaded programme, with the organiser space, served by uvicorn in a thread."""
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from web.app import create_app

    root = tmp_path_factory.mktemp("pages")
    corpus = root / "corpus"
    shutil.copytree(SHIPPED_CORPUS, corpus)
    shutil.copy(PROGRAMME, corpus / PROGRAMME.name)
    settings = make_settings(corpus_dir=corpus, data_dir=root / "data", index_dir=root / "data" / "index",
                             organiser_password=PASSWORD, clock="2026-05-15T10:00:00+01:00")
    uploads = settings.resolved_uploads_dir()
    uploads.mkdir(parents=True)
    (uploads / "journees-fictives-2026.yaml").write_text(UPLOADED, encoding="utf-8")
    ingest(settings)
    app = create_app(Assistant(settings), settings)
    with serving(app) as url:
        yield {"url": url, "settings": settings, "service": app.state.service}


def _page(chromium, locale: str = "fr-FR", width: int = 390):  # noqa: F811
    return chromium.new_context(viewport={"width": width, "height": 844 if width < 768 else 900}, locale=locale).new_page()


def _calendar(response: httpx.Response):
    import icalendar

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def _filename(response: httpx.Response) -> str:
    return re.search(r'filename="([^"]+)"', response.headers["content-disposition"]).group(1)


# --- over HTTP ----------------------------------------------------------------------------------------

def test_each_congress_is_headed_by_its_dates_from_its_programme_or_its_article(site):
    page = httpx.get(site["url"] + "/programme", params={"lang": "fr"}).text
    assert "du jeudi 12 juin 2025 au dimanche 15 juin 2025 · Marrakech" in page  # SMR: the programme's own dates
    assert "du 18 au 19 novembre · Marrakech" in page  # OMM: its article's "18 et 19 novembre" (no year: none made up)
    assert "18 to 19 November · Marrakech" in httpx.get(site["url"] + "/programme", params={"lang": "en"}).text


def test_congresses_with_a_real_schedule_are_listed_first(site):
    page = httpx.get(site["url"] + "/programme", params={"lang": "fr"}).text
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h3[^>]*>(.*?)</h3>", page)]
    assert headings[:3] == ["Journées fictives de cardiologie", "3es Journées nationales d&#x27;oncologie fictives (JNOF 2026)",
                            "Congrès national de radiologie"], headings  # timed (by first day), then dated, then the rest


def test_the_calendar_of_a_congress_without_session_times_holds_its_days(site):
    response = httpx.get(site["url"] + "/calendar.ics", params={"doc": SMR})
    [event] = _calendar(response)
    assert b"DTSTART;VALUE=DATE:20250612" in response.content
    assert event.decoded("DTSTART").isoformat() == "2025-06-12" and event.decoded("DTEND").isoformat() == "2025-06-16"
    assert str(event["LOCATION"]) == "Marrakech"
    assert str(event["URL"]) == f"{site['url']}/programme#congress-programmes-programme-smr-23e-congres-radiologie-2025"
    assert _filename(response) == "programme-smr-23e-congres-radiologie-2025.ics"
    assert 'id="congress-programmes-programme-smr-23e-congres-radiologie-2025"' in httpx.get(site["url"] + "/programme").text


def test_a_calendar_event_says_where_links_back_to_its_row_and_is_named_after_the_programme(site, monkeypatch):
    response = httpx.get(site["url"] + "/calendar.ics", params={"doc": UPLOADED_ID, "session": "ouverture"})
    [event] = _calendar(response)
    assert str(event["LOCATION"]) == "Salle Atlas, Palais fictif des congrès, Fès"
    anchor = "session-uploads-journees-fictives-2026--ouverture"
    assert str(event["URL"]) == f"{site['url']}/programme#{anchor}" and str(event["DESCRIPTION"]).endswith(anchor)
    assert f'id="{anchor}"' in httpx.get(site["url"] + "/programme").text, "the link leads to the session's row"
    assert _filename(response) == "journees-fictives-2026-ouverture.ics", "not the index's uploads- id"
    whole = httpx.get(site["url"] + "/calendar.ics", params={"doc": UPLOADED_ID})
    assert _filename(whole) == "journees-fictives-2026.ics"

    monkeypatch.setattr(site["service"].settings, "public_url", "https://congres.example.org/")  # CONGRESS_CHAT_PUBLIC_URL
    [event] = _calendar(httpx.get(site["url"] + "/calendar.ics", params={"doc": UPLOADED_ID, "session": "ouverture"}))
    assert str(event["URL"]) == f"https://congres.example.org/programme#{anchor}"


# --- in the browser: the Programme tab -----------------------------------------------------------------

@pytest.mark.browser
def test_the_programme_tab_finds_a_congress_by_name_and_a_speaker_typed_sorted_by_surname(site, chromium):  # noqa: F811
    from web.render import surname_key

    page = _page(chromium, width=1280)
    page.goto(site["url"])
    page.get_by_role("tab", name=text("fr", "programme_tab")).click()
    programme = page.locator("#cc-programme")
    programme.locator("table").first.wait_for(timeout=15_000)
    assert programme.locator("h3").first.inner_text() == "Journées fictives de cardiologie", "a real schedule first"
    assert "du 18 au 19 novembre · Marrakech" in programme.inner_text()

    page.locator("#cc-filter-text input, #cc-filter-text textarea").first.fill("Hemostase")
    page.wait_for_function("() => document.querySelectorAll('#cc-programme h3').length === 1", timeout=10_000)
    assert programme.locator("h3").inner_text() == "Master Class en Hémostase"
    page.locator("#cc-filter-text input, #cc-filter-text textarea").first.fill("")
    page.wait_for_function("() => document.querySelectorAll('#cc-programme h3').length > 1", timeout=10_000)

    speaker = page.locator("#cc-filter-speaker input")
    speaker.click()
    names = [option.inner_text().replace("✓", "").strip() for option in page.get_by_role("option").all()][1:]  # after "Tous"
    assert names == sorted(names, key=surname_key) and names.index("Pr Hamid Amrani") < names.index("Dr Leïla Bennani"), names
    speaker.press_sequentially("Berr", delay=30)  # the choice shown ("Tous") is replaced by what is typed
    page.wait_for_function("() => document.querySelectorAll('[role=option]').length === 1", timeout=10_000)
    page.get_by_role("option", name="Pr Mehdi Berrada").click()
    page.wait_for_function("() => [...document.querySelectorAll('#cc-programme tbody tr')].every(row => row.innerText.includes('Berrada'))",
                           timeout=10_000)
    assert programme.locator("tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "web-programme-speaker-typed.png"), full_page=True)
    page.context.close()


# --- in the browser: languages and the conversation kept across a reload ---------------------------------

def _wait_for_reply(page, before: int) -> str:
    page.wait_for_function("n => document.querySelectorAll('#cc-chat .cc-answer, #cc-chat .cc-message').length > n", arg=before,
                           timeout=30_000)
    return page.locator("#cc-chat .cc-answer, #cc-chat .cc-message").last.inner_text()


def _ask(page, question: str) -> str:
    before = page.locator("#cc-chat .cc-answer, #cc-chat .cc-message").count()
    page.locator("#cc-question textarea").fill(question)
    page.locator("#cc-send").click()
    return _wait_for_reply(page, before)


@pytest.mark.browser
def test_an_arabic_example_is_answered_in_arabic_and_an_unclear_question_in_the_page_language(site, chromium):  # noqa: F811
    from rag.answer import FRAMING
    from rag.examples import example_questions

    page = _page(chromium, "ar-MA")
    page.goto(site["url"])
    examples = page.locator("#cc-chat button.example")
    examples.first.wait_for(timeout=30_000)
    examples.first.click()
    answer = _wait_for_reply(page, 0)  # a schedule's answer or a quote of the documents: in Arabic either way
    assert re.search("[\u0600-\u06FF]", answer) and FRAMING["en"] not in answer and FRAMING["fr"] not in answer, answer
    answer = _ask(page, "Master Class en Hémostase")  # a name: no language of its own, so the page's
    assert FRAMING["ar"] in answer and FRAMING["en"] not in answer, answer
    page.screenshot(path=str(ARTIFACTS / "web-arabic-lead-in.png"), full_page=True)
    page.context.close()
    assistant = site["service"].assistant
    for example in example_questions(assistant, "ar"):  # every Arabic example, not only the first
        assert assistant.ask(example, language="ar").language == "ar", example


@pytest.mark.browser
@pytest.mark.parametrize("question", ["¿Quién preside la Sociedad Marroquí de Radiología?",
                                      "Chi presiede la Società marocchina di radiologia?",
                                      "Quem preside a Sociedade Marroquina de Radiologia?"])
def test_a_spanish_italian_or_portuguese_question_gets_the_languages_understood(site, chromium, question):  # noqa: F811
    page = _page(chromium)
    page.goto(site["url"])
    page.locator("#cc-chat button.example").first.wait_for(timeout=30_000)
    assert _ask(page, question) == text("fr", "unsupported_language")
    assert page.locator("#cc-chat .cc-answer").count() == 0, "not answered"
    page.context.close()


@pytest.mark.browser
def test_a_reload_keeps_the_conversation_and_the_language_and_a_new_conversation_clears_it(site, chromium):  # noqa: F811
    page = _page(chromium)
    page.goto(site["url"])
    page.locator("#cc-chat button.example").first.wait_for(timeout=30_000)
    assert "Marrakech" in _ask(page, "Où se tient le congrès de l'OMM ?")
    page.locator("#cc-language").get_by_text("English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=10_000)
    page.wait_for_timeout(500)  # the choice is written to the browser's storage by its own event

    page.reload()
    page.wait_for_function("() => document.querySelector('#cc-question textarea')?.placeholder === 'Ask your question…'", timeout=20_000)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#cc-chat .cc-question").inner_text() == "Où se tient le congrès de l'OMM ?"
    assert "Marrakech" in page.locator("#cc-chat .cc-answer").inner_text()
    assert "Médecine de précision" in _ask(page, "Et quel est son thème ?"), "the follow-up still has its conversation"
    page.screenshot(path=str(ARTIFACTS / "web-conversation-after-reload.png"), full_page=True)

    page.locator("#cc-new").click()
    page.wait_for_function("() => document.querySelectorAll('#cc-chat .cc-answer').length === 0", timeout=10_000)
    page.wait_for_timeout(500)
    page.reload()
    page.wait_for_function("() => document.querySelector('#cc-question textarea')?.placeholder === 'Ask your question…'", timeout=20_000)
    page.locator("#cc-chat button.example").first.wait_for(timeout=20_000)
    assert page.locator("#cc-chat .cc-answer, #cc-chat .cc-question").count() == 0, "the new conversation is what was kept"
    page.context.close()


# --- in the browser: the organiser page ---------------------------------------------------------------

def _log_in(page, site, password: str = PASSWORD) -> None:
    page.goto(site["url"] + "/organiser/")
    page.locator("input[type='text']").first.fill("organiser")
    page.locator("input[type='password']").fill(password)
    page.locator("input[type='password']").press("Enter")


@pytest.mark.browser
def test_a_wrong_password_keeps_the_user_name(site, chromium):  # noqa: F811
    page = _page(chromium, width=1280)
    _log_in(page, site, "wrong password")
    page.locator(".creds").wait_for(timeout=10_000)  # Gradio's "Identifiants incorrects"
    page.wait_for_timeout(300)
    assert page.locator("input[type='text']").first.input_value() == "organiser"
    assert page.locator("input[type='password']").input_value() == ""
    page.locator("input[type='password']").fill(PASSWORD)  # the password alone, typed again
    page.locator("input[type='password']").press("Enter")
    page.locator("#org-add").wait_for(timeout=15_000)
    page.context.close()


GRADIO_ENGLISH = ("Click to upload or drop files", "File upload", "Table actions", "Copy table data", "Fullscreen", "Dataframe",
                  "Open cell menu", "common.complete", "Rebuild", "Upload", "Feedback", "Programmes read")


@pytest.mark.browser
def test_the_french_organiser_page_has_no_english_title_heading_or_label(site, chromium):  # noqa: F811
    page = _page(chromium, width=1280)
    _log_in(page, site)
    page.wait_for_function("label => document.querySelector('#org-add')?.innerText.trim() === label", arg=text("fr", "org_add"),
                           timeout=15_000)
    assert page.title() == text("fr", "org_page_title")
    assert page.get_by_role("heading", name=text("fr", "org_title")).count() == 1
    # What the screen reader is told when an event ends: recorded after the page's own script has had its say.
    page.evaluate("""() => { window.__said = []; new MutationObserver(() => document.querySelectorAll('[role=status].sr-only').forEach(e => {
        const t = e.textContent.trim(); if (t) window.__said.push(t); })).observe(document.body, {subtree: true, childList: true, characterData: true}); }""")
    said = []
    for tab in page.get_by_role("tab").all():
        tab.click()
        page.wait_for_timeout(1_500)
        said += page.evaluate("""() => [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap(e =>
            [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')]).filter(Boolean)
            .concat([document.body.innerText])""")
    said += page.evaluate("window.__said")
    english = [phrase for phrase in GRADIO_ENGLISH for label in said if phrase in label]
    assert not english, english
    assert text("fr", "status_complete") in page.evaluate("window.__said")
    page.context.close()


@pytest.mark.browser
def test_refused_files_alone_ask_for_no_rebuild_and_a_file_chosen_is_added_by_rebuild(site, chromium, tmp_path):  # noqa: F811
    unwanted = tmp_path / "script.exe"
    unwanted.write_bytes(b"MZ")
    note = tmp_path / "vestiaire-fictif.md"
    note.write_text("# Vestiaire (note fictive)\n\nLe vestiaire des Journées fictives de cardiologie ferme à 19 h 30.\n", encoding="utf-8")
    page = _page(chromium, width=1280)
    _log_in(page, site)
    page.locator("#org-add").wait_for(timeout=15_000)
    status = page.locator("#org-upload-status textarea")

    page.locator("#org-files input[type='file']").set_input_files([str(unwanted)])
    page.locator("#org-add").click()
    page.wait_for_function("() => /✘/.test(document.querySelector('#org-upload-status textarea')?.value ?? '')", timeout=30_000)
    assert status.input_value().startswith("✘ script.exe : refusé")
    assert text("fr", "org_then_rebuild") not in status.input_value(), "nothing was added: nothing to rebuild"

    before = site["service"].assistant
    page.locator("#org-files input[type='file']").set_input_files([str(note)])
    page.locator("#org-rebuild").click()  # without "Ajouter au corpus" first
    page.wait_for_function("() => /Reconstruit en/.test(document.querySelector('#org-rebuild-status textarea')?.value ?? '')",
                           timeout=180_000)
    assert "(1 nouveaux" in page.locator("#org-rebuild-status textarea").input_value()
    assert status.input_value().startswith("✔ vestiaire-fictif.md : ajouté")
    assert (site["settings"].resolved_uploads_dir() / note.name).is_file()
    assert site["service"].assistant is not before and "uploads/vestiaire-fictif" in site["service"].assistant.index.documents
    page.locator("#org-uploaded input").click()
    assert page.get_by_role("option", name=note.name).count() == 1, "listed among the uploaded files"
    page.screenshot(path=str(ARTIFACTS / "web-organiser-rebuild-adds-chosen-file.png"), full_page=True)
    page.context.close()
